/**
 * Issue 19's review depth: arithmetic, bounds, template text, bases that are not bases, copied template tables,
 * same-cell merging, one-line messages, and the grade caps — on the fixtures (where they have the defect, and
 * where they must stay silent) and on the clean example document.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { parseTargetValue } from '../../src/shared/domain/target-value';
import { DEFAULT_REVIEW_CONFIG } from '../../src/shared/review/config';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument } from '../../src/shared/review/examples';
import { reviewAndScore } from '../../src/shared/review/report';
import type { ExamplePatch, Finding } from '../../src/shared/review/types';
import { buildIndicator, buildWideDocument } from '../factories';
import { parseFixtures, type FixtureKey } from '../support/fixtures';

let docs = {} as Record<FixtureKey, ParsedDocument>;
beforeAll(async () => {
  docs = await parseFixtures();
});

const run = (rule: string, patch: ExamplePatch = {}): Finding[] => reviewDocument(buildExampleDocument(patch)).filter((f) => f.rule === rule);
const NEW_RULES = [
  'budget.quantity-times-price',
  'budget.paid-amount-vs-budget',
  'budget.cost-sum',
  'unit.wrong-bound',
  'unit.vacuous-target',
  'mismatch.rate-value-not-rate',
  'vague.unverifiable-standard',
  'missing.template-text',
  'missing.template-text-part-one',
  'missing.basis-is-outcome',
  'missing.measurable-output',
  'duplicate.template-table',
  'duplicate.same-table-other-budget',
  'duplicate.copied-from-other-project',
  'mismatch.part-one-count',
];

describe('arithmetic: quantity × unit price', () => {
  it('150人 × 8元/人/月 × 12 = 1.44万元 against a cost of 1万元: the computation and the corrected value', () => {
    const fs = run('budget.quantity-times-price', {
      indicators: [
        { at: 0, name: '补贴发放人数', description: '享受通讯补贴的人数', target: '150人' },
        { at: 3, name: '通讯补贴标准', description: '每人每月补贴', target: '8元/人/月' },
        { level2: '成本指标', name: '补贴资金总额', description: '全年补贴资金', target: '1万元', basis: '预算支出标准' },
      ],
    });
    expect(fs.map((f) => [f.severity, f.indicator, f.message])).toEqual([
      ['error', '通讯补贴标准', '150人（补贴发放人数） × 8元/人/月 × 12个月 = 1.44万元，高于成本指标“补贴资金总额”的1.00万元'],
    ]);
    expect(fs[0]!.suggestion).toContain('1.44万元');
  });

  it('reads the price from the words when the cell is the total: “按每人每月8元标准发放” with “1万元”', () => {
    const fs = run('budget.quantity-times-price', {
      indicators: [
        { at: 0, name: '补贴发放人数', description: '享受通讯补贴的人数', target: '150人' },
        { at: 3, name: '通讯补贴资金', description: '按每人每月8元标准发放', target: '1万元' },
      ],
    });
    expect(fs.map((f) => f.message)).toEqual(['150人（补贴发放人数） × 每人每月8元 × 12个月 = 1.44万元，高于成本指标“通讯补贴资金”的1.00万元']);
    const ok = run('budget.quantity-times-price', {
      indicators: [
        { at: 0, name: '补贴发放人数', description: '享受通讯补贴的人数', target: '150人' },
        { at: 3, name: '通讯补贴资金', description: '按每人每月8元标准发放', target: '1.44万元' },
      ],
    });
    expect(ok).toEqual([]);
  });

  it('a monthly average (平均每月) times 12 against the budget, each word named once', () => {
    const fs = run('budget.quantity-times-price', { indicators: [{ at: 3, name: '平均每月资金成本', description: '', target: '1万元' }] });
    expect(fs.map((f) => f.message)).toEqual(['1万元（平均每月） × 12个月 = 12.00万元，高于预算数10.00万元']);
  });

  it('3个 at 5万元/个 under a 10万元 budget is an error; a cap (≤5万元/个) above the budget is a warning (issue 55: the cap should follow from the budget)', () => {
    const patch = (price: string): ExamplePatch => ({
      indicators: [{ at: 0, name: '服务点个数', description: '建设服务点', target: '3个' }, { at: 3, name: '单个服务点经费', description: '', target: price }],
    });
    expect(run('budget.quantity-times-price', patch('5万元/个')).map((f) => f.message)).toEqual(['3个（服务点个数） × 5万元/个 = 15.00万元，高于预算数10.00万元']);
    const [cap] = run('budget.quantity-times-price', patch('≤5万元/个'));
    expect([cap!.severity, cap!.message]).toEqual(['warning', '3个（服务点个数） × ≤5万元/个 = 15.00万元，高于预算数10.00万元']);
    expect(cap!.suggestion).toContain('单价应不超过3.33万元');
    // a cap whose product is within the tolerance of the budget is a rounded price (126个 × ≤2.13万元 against 268万元)
    expect(run('budget.quantity-times-price', patch('≤3.4万元/个'))).toEqual([]);
  });

  it('a product below the budget is no finding: the rest pays the project’s other outputs (calibration, issue 30)', () => {
    const patch = (count: string): ExamplePatch => ({ indicators: [{ at: 0, name: '服务点个数', target: count }, { at: 3, name: '单个服务点经费', target: '2万元/个' }] });
    expect(run('budget.quantity-times-price', patch('3个'))).toEqual([]);
    expect(run('budget.quantity-times-price', patch('≥3个'))).toEqual([]);
    // above the budget it is an error
    expect(run('budget.quantity-times-price', patch('8个')).map((f) => f.severity)).toEqual(['error']);
  });

  it('does not guess between two counts of the unit, nor compute a per-day price', () => {
    expect(
      run('budget.quantity-times-price', {
        indicators: [{ at: 0, name: '服务点个数', target: '3个' }, { at: 4, name: '新建站点个数', target: '4个' }, { at: 3, name: '单个服务点经费', target: '5万元/个' }],
      }),
    ).toEqual([]);
    expect(run('budget.quantity-times-price', { indicators: [{ at: 3, name: '租车费用', target: '500元/天' }] })).toEqual([]);
  });

  it('the fixtures: only 001 table 14 (1 team at 8万元/队/年, budget 4万元); 002’s per-head and per-month costs agree', () => {
    const hits = (Object.keys(docs) as FixtureKey[]).flatMap((k) => reviewDocument(docs[k]).filter((f) => f.rule.startsWith('budget.')).map((f) => [k, f.rule, f.project]));
    expect(hits).toEqual([['f001', 'budget.quantity-times-price', '市级驻村第一书记和工作队工作经费']]);
  });

  it('runs on the department whole-budget targets too', () => {
    const doc = buildWideDocument();
    const t = doc.departmentTargets!;
    t.budget.total = 1_000_000; // 1万元 in fen
    t.indicators = [
      buildIndicator({ level1: '产出指标', level2: '数量指标', name: '慰问人数', target: parseTargetValue('150人') }),
      buildIndicator({ level1: '产出指标', level2: '成本指标', name: '慰问标准', target: parseTargetValue('8元/人/月') }),
    ];
    const found = reviewAndScore(doc).findings.filter((f) => f.rule === 'budget.quantity-times-price');
    expect(found.map((f) => [f.field, f.projectIndex, f.message])).toEqual([
      ['departmentTargets', null, '部门整体支出绩效目标：150人（慰问人数） × 8元/人/月 × 12个月 = 1.44万元，高于预算数1.00万元'],
    ]);
  });
});

describe('paid-out amounts and cost sums', () => {
  it('an amount paid out above the budget; money brought in is not compared', () => {
    const row = (name: string, target: string): ExamplePatch => ({ indicators: [{ at: 1, name, description: '', target }] });
    expect(run('budget.paid-amount-vs-budget', row('补助资金拨付金额', '12万元')).map((f) => f.message)).toEqual(['指标“补助资金拨付金额”的金额“12万元”（12.00万元）高于预算数10.00万元']);
    expect(run('budget.paid-amount-vs-budget', row('补助资金拨付金额', '6万元')).map((f) => f.severity)).toEqual(['warning']);
    expect(run('budget.paid-amount-vs-budget', row('引进资金拨付到位金额', '500万元'))).toEqual([]);
  });

  it('cost rows that add up past the budget; a total row with its parts is fine', () => {
    const rows = (a: string, b: string, name = '宣传经费支出'): ExamplePatch => ({
      indicators: [{ at: 3, target: a }, { level2: '成本指标', name, description: '', target: b, basis: '预算支出标准' }],
    });
    expect(run('budget.cost-sum', rows('≤6万元', '≤5万元')).map((f) => f.message)).toEqual(['成本指标“活动经费支出”≤6万元 + “宣传经费支出”≤5万元 = 11.00万元，高于预算数10.00万元']);
    expect(run('budget.cost-sum', rows('≤6万元', '≤4万元'))).toEqual([]); // 6 + 4 = 10, the budget
    expect(run('budget.cost-sum', rows('≤6万元', '≤12万元', '项目总成本'))).toEqual([]);
  });
});

describe('bounds', () => {
  const bound = (at: number, target: string, name?: string) => run('unit.wrong-bound', { indicators: [{ at, target, ...(name ? { name, description: '' } : {}) }] });
  it('a cost with only a lower bound, a satisfaction or 完成率 with only an upper one, a 差错率 with only a lower one', () => {
    expect(bound(3, '≥10万元').map((f) => f.message)).toEqual(['成本指标“活动经费支出”的指标值“≥10万元”只设了下限，花得越多越算达成']);
    expect(bound(5, '≤95%').map((f) => f.severity)).toEqual(['error']);
    expect(bound(1, '≤100%')).toHaveLength(1);
    expect(bound(1, '≥2%', '服务差错率')).toHaveLength(1);
  });
  it('leaves the right direction alone, and a rate in a cost row to unit.cost-not-money', () => {
    expect(bound(1, '≤1%', '服务差错率')).toEqual([]);
    expect(bound(3, '≤10万元')).toEqual([]);
    expect(bound(0, '≤12场')).toEqual([]); // a quantity cap is a choice of scale
    // a benefit standard paid to people is a floor the policy guarantees; a cost per person is still a cost
    expect(bound(3, '≥720元/人·月', '城市低保标准')).toEqual([]);
    expect(bound(3, '≥1050元/人·月', '社会散居孤儿基本生活保障标准')).toEqual([]);
    expect(bound(3, '≥800元/人', '人均培训成本')).toHaveLength(1);
    const fs = reviewDocument(buildExampleDocument({ indicators: [{ at: 3, name: '资金使用率', description: '', target: '≤100%' }] })).filter((f) => f.indicatorIndex === 3);
    expect(fs.map((f) => f.rule)).toEqual(['unit.cost-not-money']);
  });
  it('≥0 is met by anything', () => {
    expect(run('unit.vacuous-target', { indicators: [{ at: 4, target: '≥0人次' }] })).toHaveLength(1);
    expect(run('unit.vacuous-target', { indicators: [{ at: 4, target: '>0人次' }] })).toEqual([]);
  });
});

describe('words where a rate or a standard is needed', () => {
  it('a 覆盖率 “按要求完成” is not a rate; “达到先进水平” states no standard', () => {
    expect(run('mismatch.rate-value-not-rate', { indicators: [{ at: 1, name: '服务覆盖率', description: '', target: '按要求完成' }] }).map((f) => f.message)).toEqual([
      '指标“服务覆盖率”的名称是比率（“率”），指标值“按要求完成”却不是比率',
    ]);
    expect(run('vague.unverifiable-standard', { indicators: [{ at: 1, name: '服务质量', description: '', target: '达到先进水平' }] })).toHaveLength(1);
    expect(run('vague.unverifiable-standard', { indicators: [{ at: 1, name: '服务质量', description: '', target: '合格' }] })).toEqual([]);
  });
});

describe('template text and bases', () => {
  it('finds the form’s instructions in an indicator cell and in part one (001 line 5), nowhere else in the fixtures', () => {
    const fs = run('missing.template-text', { indicators: [{ at: 4, description: '（示例）参加活动的居民人次' }] });
    expect(fs.map((f) => [f.field, f.indicatorIndex])).toEqual([['description', 4]]);
    const hits = (Object.keys(docs) as FixtureKey[]).flatMap((k) => reviewDocument(docs[k]).filter((f) => f.rule.startsWith('missing.template-text')).map((f) => [k, f.source?.line]));
    expect(hits).toEqual([['f001', 5]]);
    expect(reviewDocument(docs.f001).find((f) => f.rule === 'missing.template-text-part-one')!.message).toContain('由预算部门根据');
  });

  it('finds the form’s instructions in the department’s whole-budget targets too', () => {
    const doc = buildWideDocument();
    doc.departmentTargets!.goals = ['（包括总目标、年度目标，由预算部门填写）'];
    const found = reviewAndScore(doc).findings.filter((f) => f.rule === 'missing.template-text');
    expect(found.map((f) => [f.field, f.projectIndex])).toEqual([['departmentTargets', null]]);
    expect(found[0]!.message).toMatch(/^部门整体支出绩效目标：绩效目标第1条保留了表样的填报说明/);
  });

  it('a department whole-budget table whose outputs are bare numbers has no measurable output; a rate or a count with its unit has', () => {
    const doc = buildWideDocument();
    const t = doc.departmentTargets!;
    t.indicators = [buildIndicator({ level1: '产出指标', level2: '数量指标', name: '开展工作数量', target: parseTargetValue('≥80') })];
    expect(reviewAndScore(doc).findings.filter((f) => f.rule === 'missing.measurable-output').map((f) => [f.field, f.projectIndex])).toEqual([['departmentTargets', null]]);
    t.indicators = [buildIndicator({ level1: '产出指标', level2: '数量指标', name: '开展工作数量', target: parseTargetValue('≥80项') })];
    expect(reviewAndScore(doc).findings.filter((f) => f.rule === 'missing.measurable-output')).toEqual([]);
  });

  it('年底实际情况 is no basis; a past outcome and 工作实际 are', () => {
    expect(run('missing.basis-is-outcome', { indicators: [{ at: 0, basis: '据实结算' }] })).toHaveLength(1);
    expect(run('missing.basis-is-outcome', { indicators: [{ at: 0, basis: '上年实际完成情况' }] })).toEqual([]);
    for (const k of ['f000', 'f001', 'f002'] as const) expect(reviewDocument(docs[k]).filter((f) => f.rule === 'missing.basis-is-outcome')).toEqual([]);
  });
});

describe('rows copied from another project', () => {
  it('a row that names another project’s subject and none of its own, shared with that project', () => {
    const fs = run('duplicate.copied-from-other-project', { copies: 1, copyNames: ['老年食堂补贴'] });
    // the copy's rows that write “社区服务” (场次, 经费支出, 参加…居民人次); the original's rows are its own
    expect(fs.map((f) => [f.projectIndex, f.indicator])).toEqual([
      [1, '开展活动场次'],
      [1, '活动经费支出'],
      [1, '参与居民人次'],
    ]);
    expect(fs[0]!.message).toBe('项目“老年食堂补贴”的指标“开展活动场次”与项目“社区服务项目”的相同，写的是“社区服务”的内容');
  });

  it('is silent when the row also speaks of the project itself, when the row is boilerplate, and on the fixtures', () => {
    expect(run('duplicate.copied-from-other-project', { copies: 1, copyNames: ['社区服务中心运营'] })).toEqual([]);
    expect(run('duplicate.copied-from-other-project', { copies: 11, copyNames: ['老年食堂补贴'] })).toEqual([]);
    // 001: 服务群众专项经费 shares 村级组织运转经费's outcome row, but the row speaks of 服务群众 too
    for (const doc of Object.values(docs)) expect(reviewDocument(doc).filter((f) => f.rule === 'duplicate.copied-from-other-project')).toEqual([]);
  });
});

describe('suggestions that fit', () => {
  it('never suggests 万元 for a 完成率: 003’s “节约经费，认真完成工作 / 完成率 ≥90” is a percentage', () => {
    const rows = reviewDocument(docs.f003).filter((f) => f.rule === 'unit.no-unit' && f.indicator === '节约经费，认真完成工作');
    expect(rows.length).toBeGreaterThan(20);
    for (const f of rows) {
      expect(f.message).toMatch(/应为百分比“≥\d+%”$/);
      expect(`${f.message}${f.suggestion}`).not.toContain('万元');
    }
  });

  it('“合并” only for one indicator written twice; two descriptions are two indicators to tell apart', () => {
    const twice = (description: string) =>
      run('duplicate.indicator-in-project', { indicators: [{ level1: '产出指标', level2: '数量指标', name: '开展活动场次', description, target: '≥10场', basis: '计划标准' }] })[0]!.suggestion;
    expect(twice('全年开展社区服务活动的场次')).toBe('同一指标只保留一行，确定唯一的指标值（现为“≥12场”、“≥10场”）。');
    expect(twice('开展青少年专场活动的场次')).toContain('是不同的指标');
    expect(twice('开展青少年专场活动的场次')).not.toContain('合并');
  });
});

describe('each thing once, on one line', () => {
  it('findings on one cell are merged: the most severe stays, the others are named', () => {
    const fs = reviewDocument(buildExampleDocument({ indicators: [{ at: 1, target: '≥0人' }] })).filter((f) => f.indicatorIndex === 1);
    expect(fs.map((f) => [f.rule, f.related])).toEqual([['unit.vacuous-target', ['unit.quality-not-rate']]]);
  });

  it('no message or suggestion over the fixtures has a line break', () => {
    for (const doc of Object.values(docs)) {
      for (const f of reviewDocument(doc)) {
        expect(f.message).not.toMatch(/[\r\n]/);
        expect(f.suggestion).not.toMatch(/[\r\n]/);
      }
    }
    const fs = run('missing.template-text', { project: { purpose: '由预算部门根据\n项目内容填写' } });
    expect(fs[0]!.message).not.toMatch(/\n/);
  });
});

describe('calibrated grades', () => {
  it('a project without an indicator table is 差; one without a measurable output is 差', () => {
    const none = reviewAndScore(buildExampleDocument({ indicators: Array.from({ length: 6 }, () => ({ at: 0, remove: true })) }));
    expect(none.projectScores[0]).toMatchObject({ grade: '差', cap: { grade: '差' } });
    const bare = reviewAndScore(buildExampleDocument({ indicators: [0, 2, 3].map((at) => ({ at, target: '≥90' })) }));
    // 活动完成率 ≥90: name and description are a rate, only the % is missing — measurable
    expect(bare.projectScores[0]!.grade).not.toBe('差');
    const none2 = reviewAndScore(buildExampleDocument({ indicators: [0, 2, 3].map((at) => ({ at, target: '≥90' })).concat([{ at: 1, target: '达标' }]) }));
    expect(none2.projectScores[0]).toMatchObject({ grade: '差', cap: { grade: '差' } });
  });

  it('a copied template table cannot reach 良; an error keeps a project from 优', () => {
    const copied = reviewAndScore(buildExampleDocument({ copies: 5 }));
    expect(copied.projectScores.map((s) => s.grade)).toEqual(['中', '中', '中', '中', '中', '中']);
    const oneError = reviewAndScore(buildExampleDocument({ indicators: [{ at: 5, target: '≥90人' }] }));
    expect(oneError.projectScores[0]).toMatchObject({ score: 89, grade: '良' });
    // a blank header field is form completeness, not target quality (issue 30): it costs little and caps nothing
    const noCode = reviewAndScore(buildExampleDocument({ project: { code: null } }));
    expect(noCode.projectScores[0]).toMatchObject({ score: 97, grade: '优', cap: null });
  });

  it('the fixtures: 003’s template tables are 中 at best, 001 table 14 (arithmetic) 良, 000 劳务费 中', () => {
    const grades = (k: FixtureKey) => reviewAndScore(docs[k]).projectScores.map((s) => s.grade);
    expect(grades('f003').every((g) => g === '中' || g === '差')).toBe(true);
    expect(grades('f001')[13]).toBe('良');
    expect(grades('f000')[2]).toBe('中');
  });

  it('every new rule is in the default settings’ reach (no rule switched off)', () => {
    for (const id of NEW_RULES) expect(DEFAULT_REVIEW_CONFIG.severityOverrides[id]).toBeUndefined();
  });
});

describe('part one against the tables, by subject', () => {
  const withGoal = (overall: string, patch: ExamplePatch = {}): Finding[] =>
    run('mismatch.part-one-count', { ...patch, departmentGoals: { overall, subGoals: [{ title: '其他工作', text: '做好日常工作。' }] } });

  it('“开展培训6期以上” against “培训期数 5期”, though the wording differs', () => {
    const fs = withGoal('全年开展干部培训6期以上，提升干部能力。', { indicators: [{ at: 0, name: '培训期数', description: '举办干部培训的期数', target: '5期' }] });
    expect(fs.map((f) => [f.projectIndex, f.message])).toEqual([[0, '第一部分总体绩效目标写明“全年开展干部培训6期以上”，而项目“社区服务项目”的指标“培训期数”为“5期”']]);
  });

  it('counts of people that disagree; agreeing or stricter tables are fine', () => {
    const people = (goal: string, target: string) =>
      withGoal(goal, { indicators: [{ at: 4, name: '服务居民人数', description: '接受服务的居民人数', target }] });
    expect(people('为辖区居民300人提供服务。', '≥250人')).toHaveLength(1);
    expect(people('为辖区居民300人提供服务。', '300人')).toEqual([]);
    expect(people('为辖区居民300人以上提供服务。', '≥320人')).toEqual([]);
  });

  it('does not compare a unit price, a part, another subject, or when two indicators could be meant', () => {
    expect(withGoal('按每人每月200元标准为居民300人发放补贴。', { indicators: [{ at: 4, name: '补贴居民人数', target: '250人' }] })).toEqual([]);
    expect(withGoal('全年开展干部培训6期以上。', { indicators: [{ at: 0, name: '宣传活动期数', description: '宣传期数', target: '5期' }] })).toEqual([]);
    expect(
      withGoal('全年开展干部培训6期以上。', {
        indicators: [{ at: 0, name: '培训期数', target: '5期' }, { level2: '数量指标', name: '专题培训期数', target: '2期', basis: '计划标准' }],
      }),
    ).toEqual([]);
  });

  it('does not compare the last item of a list with a table’s total', () => {
    const venues = { name: '免费开放场馆数量', description: '免费开放的场馆', target: '14个' };
    expect(withGoal('保障区图书馆、文化馆和12个乡镇综合文化站免费开放。', { indicators: [{ at: 0, ...venues }] })).toEqual([]);
  });

  it('compares what is counted: the noun after the count, when there is one, not the verb before it', () => {
    const goal = '安排村卫生室运行补助资金，覆盖全县186个村卫生室。';
    // 覆盖 is shared, but the table counts towns (乡镇), part one clinics (村卫生室)
    expect(withGoal(goal, { indicators: [{ at: 0, name: '病媒生物防制覆盖乡镇数', description: '开展病媒生物防制的乡镇', target: '14个' }] })).toEqual([]);
    const fs = withGoal(goal, { indicators: [{ at: 0, name: '补助村卫生室数量', description: '获得运行补助的村卫生室', target: '180个' }] });
    expect(fs.map((f) => f.message)).toEqual(['第一部分总体绩效目标写明“覆盖全县186个村卫生室”，而项目“社区服务项目”的指标“补助村卫生室数量”为“180个”']);
  });

  it('says nothing on the fixtures (their part one gives no count a table also gives)', () => {
    for (const doc of Object.values(docs)) expect(reviewDocument(doc).filter((f) => f.rule === 'mismatch.part-one-count')).toEqual([]);
  });
});
