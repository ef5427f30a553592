/**
 * Issue 73: the review judges the reader's reading, with the form's own words — its level names mapped to the national
 * framework (Indicator.level1/level2, the form's words kept in level1Raw/level2Raw), its annotations, a unit printed in
 * an indicator's name — and nothing of a table that was not read: no finding on a table printed unfilled, no grade for
 * a table of which no indicator was read, nor for a document of which nothing was graded.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { parseTargetValue } from '../../src/shared/domain/target-value';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument } from '../../src/shared/review/examples';
import { reviewAndScore } from '../../src/shared/review/report';

/** The clean example with each row's level cells written in a form's own words (the reader mapped them to the framework). */
function formWords(level1Raw: Record<string, string>, level2Raw: Record<string, string> = {}): ParsedDocument {
  const doc = buildExampleDocument({});
  for (const i of doc.projects[0]!.indicators) {
    i.level1Raw = level1Raw[i.level1!] ?? i.level1Raw;
    i.level2Raw = level2Raw[i.level2!] ?? i.level2Raw;
  }
  return doc;
}

describe('a form’s own level names, mapped by the reader, are the form’s words, not findings', () => {
  it('产出值 / 效益值 / 满意度值, 成效指标, and annotations on the level 2s: no finding at all', () => {
    const clean = reviewDocument(buildExampleDocument({})).map((f) => f.rule);
    expect(clean).toEqual([]);
    const own = formWords({ 产出指标: '产出值', 效益指标: '效益值', 满意度指标: '满意度值' }, { 数量指标: '数量指标（必填硬性指标）', 社会效益指标: '社会效益（选填）' });
    expect(reviewDocument(own).map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    expect(reviewDocument(formWords({ 效益指标: '成效指标' })).map((f) => f.rule)).toEqual([]);
    expect(reviewDocument(formWords({ 产出指标: '实施效果指标', 效益指标: '过程管理指标' })).map((f) => f.rule)).toEqual([]);
  });

  it('a raw one character off its standard name stays a finding: 效果指标, 实效指标', () => {
    const doc = formWords({ 效益指标: '效果指标' }, { 时效指标: '实效指标' });
    expect(reviewDocument(doc).map((f) => `${f.rule} ${f.message}`)).toEqual([
      'taxonomy.misspelled-name 指标“活动完成时间”的二级指标写作“实效指标”，应为“时效指标”（写错了字）',
      'taxonomy.misspelled-name 指标“参与居民人次”的一级指标写作“效果指标”，应为“效益指标”（写错了字）',
    ]);
  });
});

describe('a unit printed in the indicator’s name is the unit of its value', () => {
  const withTargets = (rows: [at: number, name: string, target: string][]) => {
    const doc = buildExampleDocument({});
    for (const [at, name, target] of rows) Object.assign(doc.projects[0]!.indicators[at]!, { name, target: parseTargetValue(target) });
    return doc;
  };

  it('“（件次/年） ≥10000”, “（元/人/天） 35”, “（工作日） ≤3”, “（%） ≥95”: no unit.no-unit, and the amounts read in their unit', () => {
    const doc = withTargets([
      [0, '接访数量（件次/年）', '≥10000'],
      [1, '审核修订合同合格率（%）', '≥95'],
      [2, '合同修订完成时限（工作日）', '≤3'],
      [3, '市内外勤经费标准（元/人/天）', '35'],
    ]);
    expect(reviewDocument(doc).map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    // the document itself is not changed: the review reads a view of it
    expect(doc.projects[0]!.indicators[0]!.target.unit).toBeNull();
    // a cost in the name's 万元 above the budget is found in 万元
    const over = withTargets([[3, '法律顾问服务成本（万元）', '≤12']]);
    expect(reviewDocument(over).find((f) => f.rule === 'budget.cost-exceeds-budget')?.message).toBe('成本指标“法律顾问服务成本（万元）”的指标值“≤12”（12.00 万元）高于项目预算数 10.00 万元');
  });

  it('brackets that hold no unit give none: “（试行）”, “（必填）”', () => {
    const doc = withTargets([[0, '开展活动场次（试行）', '≥12']]);
    expect(reviewDocument(doc).map((f) => f.rule)).toContain('unit.no-unit');
  });
});

describe('nothing is judged of what was not read', () => {
  /** The example document and one more table printed unfilled: a title, nothing else. */
  function withUnfilled(): ParsedDocument {
    const doc = buildExampleDocument({ copies: 1, copyNames: ['专项资金总体'] });
    const empty = doc.projects[1]!;
    Object.assign(empty, { code: null, purpose: null, goals: [], longTermGoals: ['实施期总目标'], indicators: [], budget: { total: null, fiscal: null, other: null } });
    for (const c of empty.spendingPlan) Object.assign(c, { percent: null, amount: null, given: null });
    return doc;
  }

  it('a table printed unfilled gets no finding and no grade; the other is reviewed as before', () => {
    const doc = withUnfilled();
    const review = reviewAndScore(doc);
    expect(review.findings.filter((f) => f.projectIndex === 1)).toEqual([]);
    expect(review.projectScores[1]!.withheld).toBe('表2是未填写的空表，未审核');
    expect(review.projectScores[0]!).toMatchObject({ withheld: null, grade: '优' });
    expect(review.departmentScore.withheld).toBeNull();
  });

  it('a table with a budget and goals but no indicator read: missing.indicators, and no grade', () => {
    const doc = buildExampleDocument({ indicators: Array.from({ length: 6 }, () => ({ at: 0, remove: true })) });
    const review = reviewAndScore(doc);
    expect(review.findings.map((f) => f.rule)).toContain('missing.indicators');
    expect(review.projectScores[0]!.withheld).toBe('表1没有读出任何绩效指标，未评分');
    expect(review.departmentScore.withheld).toBe('没有可以评分的项目表，未评分');
  });

  it('a document of only a department-wide table with no indicator read gets no grade; with indicators it does', () => {
    const doc = buildExampleDocument({ departmentTargets: { total: '120.00', basic: '80.00', project: '40.00' } });
    doc.projects = [];
    expect(doc.departmentTargets!.indicators).toEqual([]);
    expect(reviewAndScore(doc).departmentScore.withheld).toBe('部门整体支出绩效目标表没有读出任何绩效指标，且没有可以评分的项目表，未评分');
    doc.departmentTargets!.indicators = buildExampleDocument({}).projects[0]!.indicators;
    expect(reviewAndScore(doc).departmentScore.withheld).toBeNull();
  });
});

describe('the review’s own wrong findings of the judgement before (docs/review-calibration.md, issue 73)', () => {
  const rulesOf = (doc: ParsedDocument) => reviewDocument(doc).map((f) => f.rule);

  it('a budget disclosure whose target tables all stand under a heading numbered (三) has no part one to miss', () => {
    const doc = buildExampleDocument({ copies: 2 });
    doc.departmentGoals.overall = null;
    doc.departmentGoals.subGoals = [];
    for (const p of doc.projects) Object.assign(p, { part: 'public', title: '政策和项目预算绩效目标表', form: { name: '项目绩效目标表', fields: { name: '项目名称', total: '年度预算资金总额', goals: '总体目标' }, columns: { name: '三级指标', target: '指标值' }, extraColumns: [] } });
    expect(rulesOf(doc)).not.toContain('missing.department-goal');
    // beside 第二部分 tables a 第三部分 table is the Hebei document's part: part one is asked for
    doc.projects[0]!.part = 'project';
    expect(rulesOf(doc)).toContain('missing.department-goal');
  });

  it('a department-wide table of which neither goals nor indicators were read says nothing of part one (西安 气象局)', () => {
    const doc = buildExampleDocument({ departmentTargets: { total: '120.00', basic: '80.00', project: '40.00' } });
    doc.departmentGoals.overall = null;
    doc.departmentGoals.subGoals = [];
    doc.projects = [];
    doc.departmentTargets!.goals = [];
    expect(rulesOf(doc)).not.toContain('missing.department-goal');
    // with its indicators read and no goal among them, the goal is missing
    doc.departmentTargets!.indicators = buildExampleDocument({}).projects[0]!.indicators;
    expect(rulesOf(doc)).toContain('missing.department-goal');
  });

  it('a cost row named by words of the project’s name only restates the budget (烟台: “购置费用 ≤16万元” in 设备购置更新)', () => {
    const restates = (project: string, name: string, target = '≤10万元') =>
      reviewDocument(buildExampleDocument({ project: { name: project }, indicators: [{ at: 3, name, description: name, target }] })).filter((f) => f.rule === 'duplicate.cost-restates-budget');
    expect(restates('设备购置更新', '购置费用')).toHaveLength(1);
    expect(restates('1%人口抽样调查', '调查总成本')).toHaveLength(1);
    expect(restates('实施公车统管费用', '公车统管费用总量控制')).toHaveLength(1);
    // a name that says what the money buys, beyond the project's name, is a cost of its own
    expect(restates('设备购置更新', '服务器购置费用')).toEqual([]);
    expect(restates('设备购置更新', '购置费用', '≤8万元')).toEqual([]);
  });

  it('a cost row that is the budget, with its parts beside it, is their total: no budget.cost-sum', () => {
    const parts = (first: string) =>
      reviewDocument(
        buildExampleDocument({
          indicators: [
            { at: 3, name: '大厅运转成本', target: first },
            { level2: '成本指标', name: '保洁服务成本', description: '保洁服务费用', target: '≤3.5万元', basis: '预算支出标准' },
            { level2: '成本指标', name: '保安服务成本', description: '保安服务费用', target: '≤4万元', basis: '预算支出标准' },
          ],
        }),
      ).filter((f) => f.rule === 'budget.cost-sum');
    expect(parts('≤10万元')).toEqual([]);
    // a first row that is not the budget: the three add up to more than it
    expect(parts('≤6万元')).toHaveLength(1);
  });

  it('a satisfaction row measured by a complaint rate is off topic, not bounded the wrong way; a group of people named alone is their satisfaction', () => {
    const complaint = buildExampleDocument({ indicators: [{ at: 5, name: '审计违纪投诉率', description: '被审计单位投诉的比例', target: '≤5%' }] });
    expect(rulesOf(complaint)).toEqual(['mismatch.satisfaction-off-topic']);
    expect(rulesOf(buildExampleDocument({ indicators: [{ at: 5, name: '公租房住户', description: '', target: '≥95%' }] }))).toEqual([]);
    expect(rulesOf(buildExampleDocument({ indicators: [{ at: 5, name: '项目运行率', description: '', target: '≥95%' }] }))).toContain('mismatch.satisfaction-off-topic');
  });

  it('the year of the records worked on is no stale year: “完成2025年文书档案整理归档工作” in a 2026 table', () => {
    const goal = (g: string) => rulesOf(buildExampleDocument({ year: 2026, project: { goals: [g] } })).filter((r) => r === 'mismatch.past-year-in-text');
    expect(goal('完成办公厅2025年文书档案整理归档工作，整理档案4130箱')).toEqual([]);
    expect(goal('2025年完成办公厅文书档案整理归档工作，整理档案4130箱')).toEqual(['mismatch.past-year-in-text']);
  });
});
