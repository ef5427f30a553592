/**
 * The missing, budget, schedule and taxonomy rules on the four real documents (where they have an
 * example of the defect, and where they are clean), and on edge cases built from the clean example
 * document. Each rule's own triggers/passes examples run in rule-examples.test.ts.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getFramework, normalizeCategories } from '../../src/shared/domain/framework';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { DEFAULT_REVIEW_CONFIG, type ReviewConfig } from '../../src/shared/review/config';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument } from '../../src/shared/review/examples';
import type { ExamplePatch, Finding } from '../../src/shared/review/types';
import { FIXTURES, fixtureLines, parseFixtures, type FixtureKey } from '../support/fixtures';

const MINE = /^(missing|budget|schedule|taxonomy)\./;

type Key = FixtureKey;
let docs = {} as Record<Key, ParsedDocument>;
const findings = {} as Record<Key, Finding[]>;

beforeAll(async () => {
  docs = await parseFixtures();
  for (const key of Object.keys(docs) as Key[]) findings[key] = reviewDocument(docs[key]).filter((f) => MINE.test(f.rule));
});

const of = (key: Key, rule: string) => findings[key].filter((f) => f.rule === rule);
/** The text of a fixture line, tabs and spaces trimmed. */
const lineText = (key: Key, line: number) => fixtureLines(FIXTURES[key])[line - 1]!.trim();

/** Findings of one rule on the clean example document with a patch (and optionally other settings). */
function run(rule: string, patch: ExamplePatch = {}, config?: Partial<ReviewConfig>): Finding[] {
  return runOn(buildExampleDocument(patch), rule, config);
}
function runOn(doc: ParsedDocument, rule: string, config?: Partial<ReviewConfig>): Finding[] {
  return reviewDocument(doc, config ? { config: { ...DEFAULT_REVIEW_CONFIG, ...config } } : {}).filter((f) => f.rule === rule);
}
/** All findings of these four categories. */
function mine(patch: ExamplePatch): Finding[] {
  return reviewDocument(buildExampleDocument(patch)).filter((f) => MINE.test(f.rule));
}

describe('on the real documents', () => {
  it('000, 001 and 002 are complete, reconcile and use standard categories: no finding but the form instruction left in 001', () => {
    expect(findings.f000).toEqual([]);
    // 001 line 5: the official form's instruction "总体目标：由预算部门根据党委政府的施政目标…确定" stands as its overall goal
    // and table 14: one team at 8万元/队/年 cannot be paid from a 4.00 万元 budget
    expect(findings.f001.map((f) => [f.rule, f.source?.line])).toEqual([
      ['missing.template-text-part-one', 5],
      ['budget.quantity-times-price', of('f001', 'budget.quantity-times-price')[0]?.source?.line],
    ]);
    expect(of('f001', 'budget.quantity-times-price').map((f) => [f.project, f.indicator, f.message])).toEqual([
      ['市级驻村第一书记和工作队工作经费', '每个驻村工作队工作经费', '1个（收到工作经费的驻村工作队数量） × 8万元/队/年 = 8.00万元，高于预算数4.00万元'],
    ]);
    expect(findings.f002).toEqual([]);
  });

  it('003: every basis is "年底实际情况" (an outcome, not a basis), and 28 tables have no measurable output', () => {
    const outcome = of('f003', 'missing.basis-is-outcome');
    // 108 rows, 3 with a blank basis (missing.basis)
    expect(outcome).toHaveLength(105);
    expect(outcome.every((f) => f.message.includes('“年底实际情况”'))).toBe(true);
    const unmeasurable = of('f003', 'missing.measurable-output').map((f) => docs.f003.projects[f.projectIndex!]!.name);
    // eight pass: two write the unit in the description (“反映年度…解决数量（件）”), six are rates whose name and
    // description agree (社区创城覆盖率 / 社区创城覆盖完成率 ≥100: only the % is missing)
    expect(unmeasurable).toHaveLength(28);
    for (const name of ['处遗经费', '信访经费', '创城经费', '社区党建专项经费']) expect(unmeasurable).not.toContain(name);
    // 工资发放人数 described as 完成率: a count or a rate? not measurable
    expect(unmeasurable).toContain('残疾人专职委员队伍建设');
  });

  it('003: the blank plan cells of tables 6, 11, 16, 24 and 34, once per table, at the first blank cell', () => {
    const hits = of('f003', 'schedule.blank-checkpoint');
    expect(hits.map((f) => docs.f003.projects[f.projectIndex!]!.sequence)).toEqual([6, 11, 16, 24, 34]);
    expect(hits.map((f) => [f.project, f.field, f.severity])).toEqual([
      ['防汛', 'spendingPlan.12', 'warning'],
      ['建国前老党员生活补贴', 'spendingPlan.06', 'warning'],
      ['律师服务费', 'spendingPlan.03', 'warning'],
      ['硕秋园绿化带修复每年应拨付款项', 'spendingPlan.03', 'warning'],
      ['质保金返还', 'spendingPlan.03', 'warning'],
    ]);
    // Table 6 reached 100% in October: the fix is to carry 100% into December.
    expect(hits[0]!.message).toBe('资金支出计划 12月底未填写（已填：3月底 30%、6月底 90%、10月底 100%）');
    expect(hits[0]!.suggestion).toContain('12月底应填写 100%');
    expect(hits[2]!.message).toBe('资金支出计划 3月底、6月底、10月底未填写（已填：12月底 100%）');
    // The source is the blank cell itself: table 16's plan row is 1175-1178, its 12月底 cell holds 100%.
    expect(hits[2]!.source).toEqual({ line: 1175 });
    expect(lineText('f003', 1178)).toBe('100%');
  });

  it('003: the blank cells are not also "incomplete", "missing" or "decreasing"', () => {
    for (const rule of ['schedule.incomplete', 'schedule.decreasing', 'schedule.mixed-units', 'missing.spending-plan']) {
      expect(of('f003', rule), rule).toEqual([]);
    }
  });

  it('003: table 8 stays at 60% from June to October — an info to check, not an error', () => {
    const hits = of('f003', 'schedule.flat');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ project: '计生经费', severity: 'info', field: 'spendingPlan.10', source: { line: 616 } });
    expect(lineText('f003', 616)).toBe('60%');
    expect(hits[0]!.message).toBe('资金支出计划 6月底与10月底累计均为 60%，7—10月不安排支出');
  });

  it('003: every table has only a quantity indicator under 产出指标 — one error per table naming the three missing', () => {
    const hits = of('f003', 'missing.required-level2');
    expect(hits).toHaveLength(36);
    expect(new Set(hits.map((f) => f.projectIndex)).size).toBe(36);
    for (const f of hits) {
      expect(f.severity).toBe('error');
      expect(f.message).toContain('“产出指标”下缺少“质量指标”、“时效指标”、“成本指标”');
    }
    expect(hits[0]!.project).toBe('残疾人专职委员队伍建设');
    expect(hits[0]!.suggestion).toContain('成本指标“≤2.28万元”'); // the table's own budget
    expect(of('f003', 'missing.required-level1')).toEqual([]); // 产出, 效益, 满意度 are all there
  });

  it('003: table 17 (人大规范化建设及家站运行经费) leaves 指标值确定依据 blank on all three rows', () => {
    const hits = of('f003', 'missing.basis');
    expect(hits.map((f) => [f.project, f.indicator, f.source?.line])).toEqual([
      ['人大规范化建设及家站运行经费', '人大各项费用支出', 1264],
      ['人大规范化建设及家站运行经费', '节约经费，认真完成工作', 1271],
      ['人大规范化建设及家站运行经费', '服务对象满意度', 1278],
    ]);
    expect(hits[0]!.message).toBe('指标“人大各项费用支出”（指标值“≥80”）未填写指标值确定依据');
  });

  it('003 has no other finding of these categories', () => {
    const rules = new Set(findings.f003.map((f) => f.rule));
    expect([...rules].sort()).toEqual([
      'missing.basis',
      'missing.basis-is-outcome',
      'missing.measurable-output',
      'missing.required-level2',
      'schedule.blank-checkpoint',
      'schedule.flat',
    ]);
  });

  it('clean places: 000 table 2 costs exactly its budget (1262.16 万元); 002 plans in 万元 reach the total', () => {
    const salary = docs.f000.projects[1]!;
    expect(salary.name).toBe('城市社区工作者薪酬经费');
    expect(salary.indicators.find((i) => i.level2 === '成本指标')!.target.raw).toBe('1262.16万元');
    expect(docs.f002.projects[0]!.spendingPlan.map((c) => c.given)).toEqual(['amount', 'amount', 'amount', 'amount']);
    expect(findings.f000.filter((f) => f.projectIndex === 1)).toEqual([]);
    expect(findings.f002.filter((f) => f.projectIndex === 0)).toEqual([]);
  });

  it('001 table 14 has a per-unit cost 8万元/队/年 above its 4.00 万元 budget: not compared as a total (the product is budget.quantity-times-price)', () => {
    const p = docs.f001.projects[13]!;
    expect(p.name).toBe('市级驻村第一书记和工作队工作经费');
    expect(p.indicators.some((i) => i.target.raw === '8万元/队/年')).toBe(true);
    expect(of('f001', 'budget.cost-exceeds-budget')).toEqual([]);
  });

  it('001 table 4 writes its cost as “110万”: read as 110 万元, equal to the budget', () => {
    const p = docs.f001.projects[3]!;
    expect(p.indicators.find((i) => i.level2 === '成本指标')!.target.raw).toBe('110万');
    const doc = structuredClone(docs.f001);
    doc.projects[3]!.budget.total = 1_0999_0000; // 109.99 万元
    expect(runOn(doc, 'budget.cost-exceeds-budget').map((f) => f.message)).toEqual([
      '成本指标“市级资金保障总数”的指标值“110万”（110.00 万元）高于项目预算数 109.99 万元',
    ]);
  });
});

describe('missing', () => {
  it('an empty indicator table is one finding, not one per required category', () => {
    const rows = Array.from({ length: 6 }, () => ({ at: 0, remove: true }));
    expect(mine({ indicators: rows }).map((f) => f.rule)).toEqual(['missing.indicators']);
  });

  it('a whole blank plan is missing.spending-plan only (no schedule finding)', () => {
    expect(mine({ project: { plan: ['', '', '', ''] } }).map((f) => f.rule)).toEqual(['missing.spending-plan']);
  });

  it('a level 2 misplaced or under an unknown level 1 still counts for its own parent (taxonomy reports it)', () => {
    const misplaced = mine({ indicators: [{ at: 3, level1: '效益指标', level2: '成本指标' }] });
    expect(misplaced.map((f) => f.rule)).toEqual(['taxonomy.wrong-parent']);
    const unknown = mine({ indicators: [{ at: 4, level1: '影响指标' }] });
    expect(unknown.map((f) => f.rule)).toEqual(['taxonomy.unknown-level1']);
  });

  it('lists every missing level 2 of one level 1 in one finding; a whole missing level 1 is not repeated per level 2', () => {
    const hits = run('missing.required-level2', { indicators: [{ at: 1, remove: true }, { at: 1, remove: true }] });
    expect(hits.map((f) => f.message)).toEqual(['项目“社区服务项目”的“产出指标”下缺少“质量指标”、“时效指标”']);
    const noOutput = Array.from({ length: 4 }, () => ({ at: 0, remove: true }));
    expect(run('missing.required-level2', { indicators: noOutput })).toEqual([]);
    // no output indicator at all is one defect: missing.measurable-output says it (and caps the grade), not required-level1 too
    expect(run('missing.required-level1', { indicators: noOutput })).toEqual([]);
    expect(run('missing.measurable-output', { indicators: noOutput }).map((f) => f.message)).toEqual(['项目“社区服务项目”没有产出指标，年底无法核对产出']);
  });

  it("names each project, blank or not, and each project's own budget in the cost hint (the words are kept by name, absence and budget)", () => {
    const noCost = { at: 3, remove: true };
    const words = (patch: ExamplePatch, config?: Partial<ReviewConfig>) =>
      run('missing.required-level2', patch, config).map((f) => [f.message, f.suggestion]);
    // asked twice, so that the second answer comes from what the first kept
    for (let k = 0; k < 2; k++) {
      expect(words({ indicators: [noCost], project: { total: '12.00' } })).toEqual([
        ['项目“社区服务项目”的“产出指标”下缺少“成本指标”', '在“产出指标”下补充“成本指标”，至少一条可衡量的指标（如成本指标“≤12.00万元”）。'],
      ]);
      expect(words({ indicators: [noCost], project: { total: '30.00' } })[0]![1]).toContain('“≤30.00万元”');
      expect(words({ indicators: [noCost], project: { total: null } })[0]![1]).toContain('成本指标“不超过预算数”');
      // a budget is named only when the cost hint is among the absent ones
      expect(words({ indicators: [{ at: 1, remove: true }], project: { total: '30.00' } })).toEqual([
        ['项目“社区服务项目”的“产出指标”下缺少“质量指标”', '在“产出指标”下补充“质量指标”，至少一条可衡量的指标（如质量指标“发放准确率 100%”）。'],
      ]);
      expect(words({ indicators: [noCost], project: { name: ' ' } })[0]![0]).toMatch(/^表\d+（未填写项目名称）的“产出指标”下缺少“成本指标”$/);
      expect(words({ indicators: [noCost], project: { name: '另一项目' } })[0]![0]).toBe('项目“另一项目”的“产出指标”下缺少“成本指标”');
      // the settings' own order of level 2s; the findings in the document's order
      const settings = { requiredLevel2: { 效益指标: ['社会效益指标', '经济效益指标'], 产出指标: ['成本指标', '数量指标', '质量指标'] } };
      expect(words({ indicators: [noCost, { at: 1, remove: true }] }, settings).map(([m]) => m)).toEqual([
        '项目“社区服务项目”的“产出指标”下缺少“成本指标”、“质量指标”',
        '项目“社区服务项目”的“效益指标”下缺少“经济效益指标”',
      ]);
    }
    // settings that require more level 2s than the rule numbers (the framework ignores the names it does not know):
    // the same words
    const many = { requiredLevel2: { 产出指标: [...Array.from({ length: 40 }, (_, k) => `自设指标${k}`), '数量指标', '质量指标', '时效指标', '成本指标'] } };
    const four = { requiredLevel2: { 产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'] } };
    for (const patch of [{ indicators: [noCost], project: { total: '12.00' } }, { indicators: [noCost, { at: 1, remove: true }] }, { indicators: [noCost], project: { name: ' ' } }]) {
      expect(words(patch, many)).toEqual(words(patch, four));
      expect(words(patch, four)).toHaveLength(1);
    }
  });

  it('requirements are settings, and a required name the framework does not know is ignored', () => {
    const patch = { indicators: [{ at: 3, remove: true }] };
    expect(run('missing.required-level2', patch, { requiredLevel2: { 产出指标: ['数量指标', '质量指标', '时效指标'] } })).toEqual([]);
    expect(run('missing.required-level2', {}, { requiredLevel2: { 产出指标: ['数量指标', '不存在的指标'] } })).toEqual([]);
    expect(run('missing.required-level1', {}, { requiredLevel1: ['产出指标', '过程指标'] })).toEqual([]);
  });

  it('budget total, fund source, purpose, goals, target, name and basis', () => {
    expect(run('missing.budget-total', { project: { total: null } })[0]).toMatchObject({ severity: 'error', field: 'budget.total', source: { line: 51 } });
    expect(run('missing.fund-source', { project: { fiscal: null, other: null } })).toHaveLength(1);
    expect(run('missing.fund-source', { project: { fiscal: null, other: '10.00' } })).toEqual([]); // all other funds
    expect(run('missing.purpose', { project: { purpose: '  ' } })).toHaveLength(1);
    expect(run('missing.goals', { project: { goals: [''] } })).toHaveLength(1);
    expect(run('missing.target', { indicators: [{ at: 5, target: '' }] })[0]).toMatchObject({ indicator: '居民满意度', field: 'target' });
    expect(run('missing.target', { indicators: [{ at: 5, target: '显著提高' }] })).toEqual([]); // vague, not missing
    expect(run('missing.indicator-name', { indicators: [{ at: 0, name: '' }] })[0]!.message).toBe('一行绩效指标（数量指标，指标值 ≥12场）缺少三级指标名称');
    expect(run('missing.basis', { indicators: [{ at: 2, basis: '' }] })[0]).toMatchObject({ indicator: '活动完成时间', severity: 'warning' });
  });

  it('the department goal is a document-level finding', () => {
    const [f] = run('missing.department-goal', { departmentGoals: { overall: '' } });
    expect(f).toMatchObject({ projectIndex: null, project: null, field: 'departmentGoals', source: { line: 5 } });
  });
});

describe('budget', () => {
  it('an empty 其他资金 counts as 0 in 财政资金 + 其他资金', () => {
    expect(run('budget.sources-sum', { project: { fiscal: '10.00', other: null } })).toEqual([]);
    const [f] = run('budget.sources-sum', { project: { fiscal: '9.00', other: null } });
    expect(f!.message).toBe('财政资金 9.00 万元 + 其他资金（空） = 9.00 万元，与预算数 10.00 万元不一致（少 1.00 万元）');
    expect(f!.suggestion).toContain('补填其他资金 1.00 万元');
    expect(run('budget.sources-sum', { project: { fiscal: null, other: '5.00' } })[0]!.suggestion).toContain('补填财政资金 5.00 万元');
    expect(run('budget.sources-sum', { project: { fiscal: null, other: '10.00' } })).toEqual([]);
  });

  it('adds further lines of this year’s money (上年结转资金), unless they make up 财政资金', () => {
    const withLines = (fiscal: string, lines: [string, number][]) => {
      const doc = buildExampleDocument({ project: { total: '35.00', fiscal, other: '0.00' } });
      doc.projects[0]!.budgetLines = lines.map(([label, amount]) => ({ label, amount, source: doc.projects[0]!.source }));
      return runOn(doc, 'budget.sources-sum').filter((f) => f.projectIndex === 0);
    };
    // 30 + 3 (carried over) + 0 = 33 against 35: 2 short, not 5
    expect(withLines('30.00', [['上年结转资金', 3_000_000]]).map((f) => f.message)).toEqual([
      '财政资金 30.00 万元 + 上年结转资金 3.00 万元 + 其他资金 0.00 万元 = 33.00 万元，与预算数 35.00 万元不一致（少 2.00 万元）',
    ]);
    expect(withLines('30.00', [['上年结转资金', 5_000_000]])).toEqual([]);
    // 中央 20 + 省级 10 = 财政资金 30: the lines are what it was read from, not added again
    expect(withLines('30.00', [['其中：中央补助资金', 20_000_000], ['省级资金', 10_000_000]]).map((f) => f.message)).toEqual([
      '财政资金 30.00 万元 + 其他资金 0.00 万元 = 30.00 万元，与预算数 35.00 万元不一致（少 5.00 万元）',
    ]);
  });

  it('compares exact fen: 0.01 万元 off is reported, and a tolerance is a setting', () => {
    expect(run('budget.sources-sum', { project: { total: '20.982', fiscal: '20.98' } })[0]!.message).toContain('少 0.002 万元');
    expect(run('budget.sources-sum', { project: { total: '20.982', fiscal: '20.98' } }, { budgetToleranceFen: 2000 })).toEqual([]);
    expect(run('budget.sources-sum', { project: { total: '10.00', fiscal: '5.00', other: '5.01' } })[0]!.message).toContain('多 0.01 万元');
  });

  it('a part above the total is reported once, as part-exceeds-total, not also as a wrong sum', () => {
    const all = mine({ project: { fiscal: '12.00' } });
    expect(all.map((f) => [f.rule, f.field, f.message])).toEqual([
      ['budget.part-exceeds-total', 'budget.fiscal', '财政资金 12.00 万元大于预算数 10.00 万元'],
    ]);
    expect(run('budget.part-exceeds-total', { project: { fiscal: '0.00', other: '10.01' } })[0]!.field).toBe('budget.other');
  });

  it('a cost target above the budget, exactly in fen and in 元; per-unit costs and non-cost categories are not compared', () => {
    const cost = (target: string) => run('budget.cost-exceeds-budget', { indicators: [{ at: 3, target }] });
    expect(cost('≤10.0051万元')).toHaveLength(1); // 51元 above 10.00 万元: beyond the budget's last printed digit
    // within half of it, the budget printed in 万元 with two decimals is the cost rounded (“14.682” against “14.68”: issue 73)
    expect(cost('≤10.002万元')).toEqual([]);
    // a cost 10,000 times the budget: the budget read in 元 where the table says 万元, the reading's doubt, not a defect
    expect(run('budget.cost-exceeds-budget', { project: { total: '0.001' }, indicators: [{ at: 3, target: '≤10万元' }] })).toEqual([]);
    expect(cost('≤10万元')).toEqual([]);
    expect(cost('≤120000元')[0]!.message).toBe('成本指标“活动经费支出”的指标值“≤120000元”（12.00 万元）高于项目预算数 10.00 万元');
    expect(cost('≤100000元')).toEqual([]);
    expect(cost('≤12万元/个')).toEqual([]);
    expect(cost('≤12元/人/月')).toEqual([]);
    expect(cost('≥95%')).toEqual([]); // a rate is unit's business, not budget's
    expect(run('budget.cost-exceeds-budget', { indicators: [{ at: 0, target: '≥12万元' }] })).toEqual([]); // 数量指标
    expect(run('budget.cost-exceeds-budget', { project: { total: null }, indicators: [{ at: 3, target: '≤12万元' }] })).toEqual([]);
  });

  it('plan amounts above the total are budget; the same plan is not also schedule.incomplete', () => {
    const all = mine({ project: { plan: ['3.00', '6.00', '9.00', '12.00'] } });
    expect(all.map((f) => [f.rule, f.field, f.message])).toEqual([
      ['budget.plan-exceeds-total', 'spendingPlan.12', '资金支出计划 12月底 12.00 万元大于预算数 10.00 万元'],
    ]);
    const early = run('budget.plan-exceeds-total', { project: { plan: ['3.00', '11.00', '11.00', '10.00'] } });
    expect(early[0]!.message).toBe('资金支出计划 6月底 11.00 万元、10月底 11.00 万元大于预算数 10.00 万元');
    expect(run('budget.plan-exceeds-total', { project: { plan: ['30%', '60%', '90%', '120%'] } })).toEqual([]); // percent: schedule
  });
});

describe('schedule', () => {
  it('rounding tolerance of the 100% at December (a setting)', () => {
    const end = (last: string, config?: Partial<ReviewConfig>) =>
      run('schedule.incomplete', { project: { plan: ['30%', '60%', '90%', last] } }, config);
    expect(end('99.6%')).toEqual([]);
    expect(end('100.4%')).toEqual([]);
    expect(end('99.4%')[0]!.message).toBe('资金支出计划12月底累计 99.4%，未达到 100%');
    expect(end('100.6%')[0]!.message).toBe('资金支出计划12月底累计 100.6%，超过 100%');
    expect(end('99.6%', { planComplete: { percent: 100, tolerancePercent: 0 } })).toHaveLength(1);
  });

  it('an amount plan must end at the total exactly: amounts have no rounding excuse', () => {
    const [f] = run('schedule.incomplete', { project: { plan: ['2.50', '5.00', '7.50', '9.99'] } });
    expect(f!.message).toBe('资金支出计划12月底累计 9.99 万元（99.9%），少于预算数 10.00 万元');
    expect(f!.suggestion).toContain('0.01 万元');
  });

  it('a plan that stops before December: blank cells (warning) and not reaching 100% (error)', () => {
    const all = mine({ project: { plan: ['25%', '50%', '75%', ''] } });
    expect(all.map((f) => [f.rule, f.severity, f.field])).toEqual([
      ['schedule.incomplete', 'error', 'spendingPlan.10'],
      ['schedule.blank-checkpoint', 'warning', 'spendingPlan.12'],
    ]);
    expect(all[0]!.message).toBe('资金支出计划最后填写的节点10月底（12月底未填）累计 75%，未达到 100%');
  });

  it('a decrease is reported once at the cell that goes down, and is not a flat stretch', () => {
    const all = mine({ project: { plan: ['25%', '60%', '50%', '100%'] } });
    expect(all.map((f) => [f.rule, f.field, f.message])).toEqual([
      ['schedule.decreasing', 'spendingPlan.10', '资金支出计划 10月底累计 50%，小于 6月底的 60%'],
    ]);
    // A decrease across a blank cell is still a decrease.
    expect(run('schedule.decreasing', { project: { plan: ['60%', '', '50%', '100%'] } })).toHaveLength(1);
  });

  it('flat stretches: only between a start and completion', () => {
    expect(run('schedule.flat', { project: { plan: ['0%', '0%', '50%', '100%'] } })).toEqual([]); // not started yet
    expect(run('schedule.flat', { project: { plan: ['30%', '100%', '100%', '100%'] } })).toEqual([]); // already complete
    expect(run('schedule.flat', { project: { plan: ['30%', '30%', '30%', '100%'] } }).map((f) => f.field)).toEqual(['spendingPlan.06', 'spendingPlan.10']);
    expect(run('schedule.flat', { project: { plan: ['3.00', '6.00', '6.00', '10.00'] } })[0]!.message).toBe(
      '资金支出计划 6月底与10月底累计均为 6.00 万元，7—10月不安排支出',
    );
  });

  it('percentages mixed with amounts', () => {
    const [f] = run('schedule.mixed-units', { project: { plan: ['25%', '5.00', '75%', '100%'] } });
    expect(f).toMatchObject({ field: 'spendingPlan.06', severity: 'warning' });
    expect(f!.message).toBe('资金支出计划混用百分比和金额：3月底 25%、6月底 5.00 万元、10月底 75%、12月底 100%');
    expect(f!.suggestion).toContain('25% 50% 75% 100%');
  });
});

describe('taxonomy', () => {
  /** The region's settings ask for the national category names (issue 55); by default a synonym is the form's or the region's. */
  const NATIONAL = { nationalCategoryNames: true };

  it("a synonym or a province's own name is no finding unless the region's settings ask for national names", () => {
    expect(run('taxonomy.nonstandard-name', { indicators: [{ at: 4, level2: '可持续性影响指标' }, { at: 5, level2: '满意度指标' }] })).toEqual([]);
    expect(run('taxonomy.nonstandard-name', { indicators: [{ at: 4, level2: '可持续性影响指标' }, { at: 5, level2: '满意度指标' }] }, NATIONAL)).toHaveLength(2);
  });

  it('a name one character off its standard name is a misspelling, whatever the settings, said once by taxonomy.misspelled-name (issue 73)', () => {
    for (const settings of [{}, NATIONAL]) {
      const patch = { indicators: [{ at: 4, level1: '效果指标' }, { at: 2, level2: '实效指标' }] };
      expect(run('taxonomy.misspelled-name', patch, settings).map((f) => f.message)).toEqual([
        '指标“活动完成时间”的二级指标写作“实效指标”，应为“时效指标”（写错了字）',
        '指标“参与居民人次”的一级指标写作“效果指标”，应为“效益指标”（写错了字）',
      ]);
      expect(run('taxonomy.nonstandard-name', patch, settings)).toEqual([]);
    }
    // a short form, an added character, a form's printed name, another standard name: no misspelling
    for (const [at, level1, level2] of [[2, '', '时效'], [4, '', '可持续性影响指标'], [4, '项目效益指标', ''], [5, '', '社会公众或服务对象满意度指标']] as const) {
      expect(run('taxonomy.misspelled-name', { indicators: [{ at, ...(level1 ? { level1 } : {}), ...(level2 ? { level2 } : {}) }] }), `${level1}${level2}`).toEqual([]);
    }
  });

  it('a synonym written once and inherited by the rows below is reported once, at the row that wrote it', () => {
    const patch = { indicators: [{ at: 4, level1: '效益' }, { at: 5, level1: '', level2: '可持续影响指标' }] };
    const hits = run('taxonomy.nonstandard-name', patch, { ...NATIONAL, acceptShortCategoryNames: false });
    expect(hits.map((f) => [f.indicatorIndex, f.field, f.message])).toEqual([
      [4, 'level1', '指标“参与居民人次”的一级指标写作“效益”，不是标准名称“效益指标”'],
    ]);
  });

  it('spacing, full width and a dropped 指标 are standard; the last is a setting', () => {
    expect(run('taxonomy.nonstandard-name', { indicators: [{ at: 4, level1: '效 益\n指标' }] }, NATIONAL)).toEqual([]);
    expect(run('taxonomy.nonstandard-name', { indicators: [{ at: 4, level2: '社会效益' }] }, NATIONAL)).toEqual([]);
    expect(run('taxonomy.nonstandard-name', { indicators: [{ at: 4, level2: '社会效益' }] }, { ...NATIONAL, acceptShortCategoryNames: false })).toHaveLength(1);
    // 满意度指标 as a level 2 is a synonym of 服务对象满意度指标, not its short form.
    expect(run('taxonomy.nonstandard-name', { indicators: [{ at: 5, level2: '满意度指标' }] }, NATIONAL)[0]!.field).toBe('level2');
    expect(run('taxonomy.nonstandard-name', { indicators: [{ at: 4, level2: '可持续性影响指标' }] }, NATIONAL)[0]!.message).toContain('“可持续性影响指标”，不是标准名称“可持续影响指标”');
  });

  it("a published form's own printed category names are not the document's wording: no finding", () => {
    // the older national 申报表's level 1s, and the satisfaction heading many provinces print
    expect(run('taxonomy.nonstandard-name', { indicators: [{ at: 4, level1: '项目完成指标' }, { at: 5, level1: '项目效益指标' }] }, NATIONAL)).toEqual([]);
    expect(run('taxonomy.nonstandard-name', { indicators: [{ at: 5, level2: '社会公众或服务对象满意度指标' }] }, NATIONAL)).toEqual([]);
    // read as their categories all the same
    expect(normalizeCategories(getFramework('cn-2015')!, '项目完成指标', '').level1).toBe('产出指标');
    // a synonym that is no form's name still asks for the standard name
    expect(run('taxonomy.nonstandard-name', { indicators: [{ at: 4, level2: '可持续性影响指标' }] }, NATIONAL)).toHaveLength(1);
  });

  it('a level 1 lost under a merged cell — also after the importer repaired Indicator.level1', () => {
    const doc = buildExampleDocument({ indicators: [{ at: 4, level1: '' }] });
    const row = doc.projects[0]!.indicators[4]!;
    expect([row.level1Raw, row.level1Inherited, row.level2]).toEqual(['产出指标', true, '社会效益指标']);
    const expected = '指标“参与居民人次”的一级指标单元格为空，沿用了上方的“产出指标”，但二级指标“社会效益指标”属于“效益指标”';
    expect(runOn(doc, 'taxonomy.level1-lost').map((f) => f.message)).toEqual([expected]);
    row.level1 = '效益指标'; // what the importer stores (level1-inferred)
    expect(runOn(doc, 'taxonomy.level1-lost').map((f) => f.message)).toEqual([expected]);
    expect(reviewDocument(doc).filter((f) => MINE.test(f.rule)).map((f) => f.rule)).toEqual(['taxonomy.level1-lost']);
  });

  it('an empty level-1 column in the first row is inferred from the level 2', () => {
    const [f] = run('taxonomy.level1-lost', { indicators: [{ at: 0, level1: '' }] });
    expect(f!.message).toBe('指标“开展活动场次”的一级指标为空，按二级指标“数量指标”推断为“产出指标”');
  });

  it('unknown categories: level 1 is an error, level 2 a warning; inherited rows are not repeated', () => {
    const [l1] = run('taxonomy.unknown-level1', { indicators: [{ at: 0, level1: '投入指标' }] });
    expect(l1).toMatchObject({ severity: 'error', indicatorIndex: 0 });
    expect(l1!.message).toBe('指标“开展活动场次”的一级指标“投入指标”不在指标体系中（按二级指标应为“产出指标”）');
    const [l2] = run('taxonomy.unknown-level2', { indicators: [{ at: 0, level2: '规模指标' }, { at: 1, level2: '' }] });
    expect(run('taxonomy.unknown-level2', { indicators: [{ at: 0, level2: '规模指标' }, { at: 1, level2: '' }] })).toHaveLength(1);
    expect(l2!.message).toBe('指标“开展活动场次”的二级指标“规模指标”不在指标体系中（一级指标“产出指标”）');
    expect(l2!.suggestion).toBe('改用“产出指标”下的标准二级指标：数量指标、质量指标、时效指标、成本指标。');
  });

  it('an empty level 2 (as the importer stores it) is reported where the empty stretch starts', () => {
    const doc = buildExampleDocument();
    const rows = doc.projects[0]!.indicators;
    for (const i of [4, 5]) Object.assign(rows[i]!, { level2: null, level2Raw: '', level2Inherited: true });
    rows[5]!.level1Inherited = true; // row 5 continues row 4's merged cells
    rows[5]!.level1 = '效益指标';
    const hits = runOn(doc, 'taxonomy.unknown-level2');
    expect(hits.map((f) => [f.indicatorIndex, f.message])).toEqual([[4, '指标“参与居民人次”缺少二级指标（一级指标“效益指标”）']]);
  });
});

describe('any budget and plan', () => {
  const amount = fc.option(fc.integer({ min: 0, max: 2000 }).map((n) => (n / 100).toFixed(2)), { nil: null });
  const cell = fc.oneof(
    fc.constant(''),
    fc.integer({ min: 0, max: 12000 }).map((n) => `${n / 100}%`),
    fc.integer({ min: 0, max: 1500 }).map((n) => (n / 100).toFixed(2)),
  );

  it('never throws, and each defect is reported under one rule only', () => {
    fc.assert(
      fc.property(amount, amount, amount, fc.tuple(cell, cell, cell, cell), (total, fiscal, other, plan) => {
        const all = mine({ project: { total, fiscal, other, plan } });
        const rules = new Set(all.map((f) => f.rule));
        expect(rules.has('budget.sources-sum') && rules.has('budget.part-exceeds-total')).toBe(false);
        expect(rules.has('missing.budget-total') && [...rules].some((r) => r.startsWith('budget.'))).toBe(false);
        expect(rules.has('missing.spending-plan') && [...rules].some((r) => r.startsWith('schedule.'))).toBe(false);
        const decemberOver = all.some((f) => f.rule === 'budget.plan-exceeds-total' && f.field === 'spendingPlan.12');
        expect(decemberOver && rules.has('schedule.incomplete')).toBe(false);
        for (const f of all) {
          expect(f.message).not.toBe('');
          expect(f.suggestion).not.toBe('');
          expect(f.rule.startsWith(`${f.category}.`)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
