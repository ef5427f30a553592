/**
 * Issue 30 §3: arithmetic where numbers meet (one row's own product, the department's whole-budget table), a value in
 * another representation (a percentage stored as a fraction, a target against its own explanation) and category
 * placement (satisfaction outside 满意度指标, staffing as an ecological benefit, years before the budget year). Each
 * rule fires on realistic defects and stays silent on the near misses a careful reviewer would not raise. The rules'
 * own documented examples run in rule-examples.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { parseTargetValue } from '../../src/shared/domain/target-value';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument } from '../../src/shared/review/examples';
import type { ExamplePatch, Finding } from '../../src/shared/review/types';
import { buildIndicator, buildWideDocument } from '../factories';

const of = (rule: string, patch: ExamplePatch): Finding[] => reviewDocument(buildExampleDocument(patch)).filter((f) => f.rule === rule);
const ofDoc = (rule: string, doc: ParsedDocument): Finding[] => reviewDocument(doc).filter((f) => f.rule === rule);

/** Row positions in the clean document: 0 数量, 1 质量, 2 时效, 3 成本, 4 社会效益, 5 满意度. */
const costRow = (name: string, description: string, target: string): ExamplePatch => ({ indicators: [{ at: 3, name, description, target }] });

describe('budget.row-product: count × unit price × period inside one row', () => {
  it('finds 200户 × 每户每月10元 × 12个月 = 2.40万元 against 2万元, with the product in 万元 to two decimals', () => {
    const [f, ...rest] = of('budget.row-product', costRow('困难户生活补助', '200户×每户每月10元×12个月', '2万元'));
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('error');
    expect(f!.field).toBe('target');
    expect(f!.message).toContain('200户 × 每户每月10元 × 12个月 = 2.40万元');
    expect(f!.message).toContain('相差0.40万元');
    expect(f!.suggestion).toContain('2.40万元');
  });

  it('reads a price written after the amount (元/人/月), a count in 名 for 人, and 全年 as twelve months', () => {
    const patch = { ...costRow('公益性岗位补贴', '聘用公益性岗位人员15名，按1800元/人/月标准，全年发放', '30万元'), project: { total: '40.00', fiscal: '40.00' } };
    const [f] = of('budget.row-product', patch);
    // 15 × 1800 × 12 = 32.40万元 > 30万元
    expect(f?.message).toContain('= 32.40万元');
    expect(f?.severity).toBe('error');
  });

  it('warns when the amount is clearly more than the product (a budget larger than needed)', () => {
    const [f] = of('budget.row-product', costRow('困难户生活补助', '为200户困难户每户每月发放10元，共12个月', '3.5万元'));
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('低于指标值');
  });

  it.each([
    ['the product within 1%', costRow('困难户生活补助', '200户×每户每月10元×12个月', '2.4万元')],
    ['a product 2.88万元 written as 3万元 (rounded up to the amount’s last digit)', costRow('困难户生活补助', '200户×每户每月10元×12个月', '3万元')],
    ['an approximate count (约200户)', costRow('困难户生活补助', '约200户困难户每户每月10元，全年', '2万元')],
    ['a count with 以上', costRow('困难户生活补助', '200户以上困难户每户每月10元，全年', '2万元')],
    ['no period for a monthly price', costRow('困难户生活补助', '为200户困难户每户每月发放10元', '2万元')],
    ['two counts of the same unit', costRow('困难户生活补助', '城区120户、农村200户，每户每月10元，全年', '2万元')],
    ['two prices', costRow('困难户生活补助', '200户，每户每月10元，其中一类户每户每月20元，全年', '2万元')],
    ['the amount is the standard itself', costRow('困难户生活补助标准', '200户困难户每户每月10元，全年', '10元')],
    ['the amount is the monthly total (price × count)', costRow('困难户月补助总额', '200户困难户每户每月10元，全年', '0.2万元')],
    ['a cap above the product', costRow('困难户生活补助', '200户×每户每月10元×12个月', '≤3万元')],
    ['a lower bound (≥)', costRow('困难户生活补助', '200户×每户每月10元×12个月', '≥2万元')],
    ['a compound unit (the value is a price)', costRow('困难户生活补助', '200户，全年', '10元/户/月')],
    ['a multi-year text for a yearly price', costRow('护林员补助', '聘用护林员20人，每人每年1万元，三年', '20万元')],
  ])('stays silent on %s', (_label, patch) => {
    expect(of('budget.row-product', patch)).toEqual([]);
  });

  it('leaves the row to itself: the table-wide quantity × price rule does not judge it again with another count', () => {
    const patch: ExamplePatch = {
      indicators: [
        { at: 0, name: '补助户数', description: '享受补助的困难户户数', target: '150户' },
        { at: 3, name: '困难户生活补助', description: '200户×每户每月10元×12个月', target: '2万元' },
      ],
    };
    const found = reviewDocument(buildExampleDocument(patch)).filter((f) => f.rule.startsWith('budget.'));
    expect(found.map((f) => f.rule)).toEqual(['budget.row-product']);
  });
});

describe('the department’s whole-budget table', () => {
  const dept = (change: (d: NonNullable<ParsedDocument['departmentTargets']>) => void): ParsedDocument => {
    const doc = buildWideDocument();
    change(doc.departmentTargets!);
    return doc;
  };
  const duty = (amount: number | null, task = '任务', line = 20) => ({ function: '社会救助', task, projects: null, amount, source: { line } });

  it('budget.paid-amount-vs-budget on the department table: a payment above 资金总额 is found, one below it is not (the total pays for more)', () => {
    const paid = (target: string) =>
      dept((t) => {
        t.indicators = [
          buildIndicator({ level1: '产出指标', level2: '数量指标', level1Raw: '产出指标', level2Raw: '数量指标', name: '低保资金发放金额', description: '全年发放城乡低保资金', target: parseTargetValue(target) }),
        ];
      });
    expect(ofDoc('budget.paid-amount-vs-budget', paid('400万元'))).toHaveLength(1);
    expect(ofDoc('budget.paid-amount-vs-budget', paid('300万元'))).toEqual([]);
  });

  it('budget.department-parts: 基本支出 + 项目支出 against 资金总额, beyond the rounding of its amount unit', () => {
    const [f] = ofDoc('budget.department-parts', dept((t) => (t.budget = { total: 3_560_000_00, project: 1_100_000_00, basic: 2_360_000_00 })));
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('基本支出236.00万元 + 项目支出110.00万元 = 346.00万元，与资金总额356.00万元不符');
    expect(f?.projectIndex).toBeNull();
    // 0.01万元 apart: two amounts rounded separately
    expect(ofDoc('budget.department-parts', dept((t) => (t.budget = { total: 3_560_100_00, project: 1_200_000_00, basic: 2_360_000_00 })))).toEqual([]);
    expect(ofDoc('budget.department-parts', buildWideDocument())).toEqual([]);
    // a part not given: nothing to add up
    expect(ofDoc('budget.department-parts', dept((t) => (t.budget = { total: 3_560_000_00, project: null, basic: 2_360_000_00 })))).toEqual([]);
  });

  it('budget.duties-vs-total: duty amounts above 资金总额 are an error', () => {
    const [f] = ofDoc('budget.duties-vs-total', dept((t) => (t.duties = [duty(2_000_000_00, '低保'), duty(1_800_000_00, '养老', 21)])));
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('200.00万元 + 180.00万元 = 380.00万元，高于资金总额356.00万元');
  });

  it('budget.duties-vs-total: complete duty amounts below the total and not the project spending are a warning, against 项目支出', () => {
    const [f] = ofDoc('budget.duties-vs-total', dept((t) => (t.duties = [duty(2_000_000_00, '低保'), duty(1_000_000_00, '养老', 21)])));
    expect(f?.severity).toBe('warning');
    // the duties list the projects' money: the comparison that says something is with 项目支出 (calibration, issue 30)
    expect(f?.message).toContain('= 300.00万元，与项目支出120.00万元不符（多180.00万元）');
    const [g] = ofDoc('budget.duties-vs-total', dept((t) => ((t.duties = [duty(2_000_000_00, '低保'), duty(1_000_000_00, '养老', 21)]), (t.budget.project = null))));
    expect(g?.message).toContain('低于资金总额356.00万元（少56.00万元）');
  });

  it.each([
    ['amounts that add up to 资金总额', [duty(2_000_000_00, '低保'), duty(1_560_000_00, '养老')]],
    ['amounts that add up to 项目支出 (the duties list the project spending)', [duty(800_000_00, '低保'), duty(400_000_00, '养老')]],
    ['a duty without an amount (the sum is incomplete)', [duty(800_000_00, '低保'), duty(null, '养老')]],
    ['a 合计 row besides the duties', [duty(2_000_000_00, '低保'), duty(1_560_000_00, '养老'), duty(3_560_000_00, '合计')]],
  ])('budget.duties-vs-total stays silent on %s', (_label, duties) => {
    expect(ofDoc('budget.duties-vs-total', dept((t) => (t.duties = duties)))).toEqual([]);
  });
});

describe('mismatch.part-one-department-amount: part one’s department amounts against the whole-budget table', () => {
  const withTable = (overall: string, total = '356.00', basic = '236.00', project = '120.00'): ExamplePatch => ({
    departmentGoals: { overall },
    departmentTargets: { total, basic, project },
  });
  const rule = 'mismatch.part-one-department-amount';

  it('finds a total, a basic and a project amount that differ from the table', () => {
    const found = of(rule, withTable('本部门预算总额366万元，其中基本支出246万元，项目支出120万元。'));
    expect(found.map((f) => f.message)).toEqual([
      '第一部分总体绩效目标写明“预算总额366万元”，而部门整体支出绩效目标表的资金总额为356.00万元',
      '第一部分总体绩效目标写明“基本支出246万元”，而部门整体支出绩效目标表的基本支出为236.00万元',
    ]);
    expect(found.every((f) => f.field === 'departmentGoals' && f.projectIndex === null)).toBe(true);
    // the department's total in a sentence that also names a project is not that project's budget
    expect(of('mismatch.part-one-amount', withTable('部门预算总额356万元，全年开展社区服务活动12场。'))).toEqual([]);
  });

  it.each([
    ['the same amounts', withTable('部门预算总额356万元，其中基本支出236万元，项目支出120万元。')],
    ['an amount rounded to whole 万元', withTable('部门预算总额356万元。', '355.62', '235.62', '120.00')],
    ['one project’s spending (养老服务项目支出)', withTable('养老服务项目支出50万元，开展服务12场。')],
    ['a change against last year', withTable('较上年增加项目支出20万元。')],
    ['an approximate amount', withTable('部门预算总额约300万元。')],
    ['no whole-budget table', { departmentGoals: { overall: '部门预算总额300万元。' } } as ExamplePatch],
  ])('stays silent on %s', (_label, patch) => {
    expect(of(rule, patch)).toEqual([]);
  });
});

describe('a value in another representation', () => {
  const rate = (description: string, target: string): ExamplePatch => ({ indicators: [{ at: 1, name: '资金拨付率', description, target }] });

  it('unit.no-unit reads “1” in a rate as 100%, never suggests “1%”', () => {
    const [f] = of('unit.no-unit', rate('补助资金按时拨付到位', '1'));
    expect(f?.message).toContain('“100%”');
    expect(f?.suggestion).toContain('100%');
    expect(`${f?.message}${f?.suggestion}`).not.toMatch(/[^0-9.]1%/);
    const [g] = of('unit.no-unit', rate('补助资金按时拨付到位', '≥0.95'));
    expect(g?.suggestion).toContain('≥95%');
  });

  it('unit.no-unit gives only a hint, suggesting “100%”, when the description says 100% and the target is 1', () => {
    const [f] = of('unit.no-unit', { indicators: [{ at: 1, name: '资金拨付', description: '补助资金拨付达到100%', target: '1' }] });
    expect(f?.severity).toBe('info');
    expect(f?.suggestion).toBe('写明百分号：“100%”。');
  });

  it('unit.no-unit keeps 1% for a rate that is better lower (差错率 ≤1)', () => {
    const [f] = of('unit.no-unit', { indicators: [{ at: 1, name: '发放差错率', description: '补助发放出现差错的比例', target: '≤1' }] });
    expect(f?.message).toContain('≤1%');
  });

  it('no rule calls a fraction-stored 100% too low', () => {
    const found = reviewDocument(buildExampleDocument({ indicators: [{ at: 5, target: '1' }, { at: 1, target: '1' }] }));
    expect(found.filter((f) => f.rule !== 'unit.no-unit')).toEqual([]);
  });

  it('mismatch.target-vs-explanation: 90% written, 100% explained (in 指标描述 or 指标解释)', () => {
    const [f] = of('mismatch.target-vs-explanation', rate('反映补助资金拨付情况，资金拨付率达到100%', '≥90%'));
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('（100%）不一致');
    const doc = buildExampleDocument();
    const row = doc.projects[0]!.indicators[1]!;
    row.target = parseTargetValue('90%');
    row.extras = [{ header: '指标解释', text: '100%', source: { line: 3 } }];
    expect(ofDoc('mismatch.target-vs-explanation', doc).length).toBe(1);
  });

  it.each([
    ['a formula (×100%)', rate('资金拨付率=已拨付资金/应拨付资金×100%', '≥90%')],
    ['the same percentage', rate('资金拨付率达到100%', '100%')],
    ['a fraction-stored 100% (1)', rate('资金拨付率达到100%', '1')],
    ['another quantity’s percentage (a pass mark)', rate('资金拨付率达到60%为合格', '≥95%')],
    ['a clause about something else', rate('其中省级资金占比30%', '≥95%')],
    ['two different percentages', rate('资金拨付率上半年达到50%，全年达到100%', '100%')],
  ])('mismatch.target-vs-explanation stays silent on %s', (_label, patch) => {
    expect(of('mismatch.target-vs-explanation', patch)).toEqual([]);
  });
});

describe('category placement', () => {
  it('taxonomy.satisfaction-misplaced: a satisfaction measure under 社会效益 or 时效指标', () => {
    const [a] = of('taxonomy.satisfaction-misplaced', { indicators: [{ at: 4, name: '群众满意度', description: '受益群众满意程度', target: '≥90%' }] });
    expect(a?.message).toBe('指标“群众满意度”衡量的是满意度，却放在“效益指标—社会效益指标”下');
    const [b] = of('taxonomy.satisfaction-misplaced', { indicators: [{ at: 2, name: '服务对象满意率', description: '', target: '≥95%' }] });
    expect(b?.message).toContain('“产出指标—时效指标”');
  });

  it.each([
    ['a satisfaction row where it belongs', {}],
    ['a survey count named after satisfaction', { indicators: [{ at: 4, name: '满意度调查次数', description: '开展满意度调查的次数', target: '≥2次' }] }],
    ['a rate of the survey', { indicators: [{ at: 1, name: '满意度测评覆盖率', description: '', target: '≥95%' }] }],
  ] as [string, ExamplePatch][])('taxonomy.satisfaction-misplaced stays silent on %s', (_label, patch) => {
    expect(of('taxonomy.satisfaction-misplaced', patch)).toEqual([]);
  });

  const ecological = (name: string, description: string): ExamplePatch => ({ indicators: [{ at: 4, level2: '生态效益指标', name, description, target: '≥95%' }] });

  it('taxonomy.ecological-about-staffing: staffing or running costs as an ecological benefit', () => {
    expect(of('taxonomy.ecological-about-staffing', ecological('工资按时足额发放率', '保障在职人员工资按时发放'))).toHaveLength(1);
    expect(of('taxonomy.ecological-about-staffing', ecological('机构正常运转', '保障单位正常运转'))).toHaveLength(1);
  });

  it.each([
    ['forest rangers (林)', ecological('护林员在岗率', '护林员按时在岗巡护')],
    ['staff who clean the environment', ecological('保洁人员覆盖率', '环境卫生保洁人员覆盖村庄比例')],
    ['emissions of staff travel', ecological('公务出行碳排放', '减少人员出行的碳排放')],
    ['a staffing row under 社会效益', { indicators: [{ at: 4, name: '在岗人员稳定率', description: '在岗人员保持稳定', target: '≥95%' }] } as ExamplePatch],
  ])('taxonomy.ecological-about-staffing stays silent on %s', (_label, patch) => {
    expect(of('taxonomy.ecological-about-staffing', patch)).toEqual([]);
  });

  const goals = (goal: string): ExamplePatch => ({ project: { goals: [goal, '居民满意度达到90%以上'] } });

  it('mismatch.past-year-in-text: a past year in a goal (warning), a past deadline in a description (warning)', () => {
    const [g] = of('mismatch.past-year-in-text', goals('完成2024年度社区服务活动12场'));
    expect(g?.severity).toBe('warning');
    expect(g?.field).toBe('goals');
    expect(g?.message).toContain('写的是2024年，预算年度是2025年');
    const [d] = of('mismatch.past-year-in-text', { indicators: [{ at: 0, description: '2024年12月底前完成全部社区服务活动' }] });
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('的时限在2024年');
  });

  it('mismatch.past-year-in-text: paying or settling last year’s entitlement this year is not reported', () => {
    expect(of('mismatch.past-year-in-text', goals('发放2024年度社区工作者绩效考核奖励'))).toEqual([]);
    expect(of('mismatch.past-year-in-text', goals('补发2024年第四季度新认定的200名老人的高龄津贴'))).toEqual([]);
    expect(of('mismatch.past-year-in-text', { indicators: [{ at: 0, name: '2024年度考核奖发放人数', description: '', target: '≥12人' }] })).toEqual([]);
    // the same clause without a word of paying or settling is a copied year
    const [copied] = of('mismatch.past-year-in-text', goals('完成2024年第四季度新认定的200名老人的高龄津贴审核'));
    expect(copied?.severity).toBe('warning');
  });

  it.each([
    ['the budget year', goals('完成2025年度社区服务活动12场')],
    ['a baseline (较2024年)', goals('社区服务活动场次较2024年增加2场')],
    ['a baseline (在2024年基础上)', goals('在2024年基础上新增社区服务活动12场')],
    ['a start (自2019年起)', goals('自2019年起持续开展社区服务活动')],
    ['a range including the budget year', goals('落实2024-2026年社区服务三年行动计划')],
    ['a document title', goals('落实《2024年社区服务工作方案》要求，开展活动12场')],
    ['a document number', goals('按照唐民〔2024〕12号文件开展社区服务活动12场')],
    ['a later year', goals('到2027年实现社区服务全覆盖')],
    ['a period running on into the budget year', goals('2024年10月至2025年9月开展社区服务活动12场')],
    ['a deadline target (mismatch.deadline-year’s)', { indicators: [{ at: 2, target: '2024年12月底前' }] } as ExamplePatch],
  ])('mismatch.past-year-in-text stays silent on %s', (_label, patch) => {
    expect(of('mismatch.past-year-in-text', patch)).toEqual([]);
  });

  it('mismatch.past-year-in-text reads the department table’s goals as a document-level finding', () => {
    const doc = buildWideDocument();
    doc.departmentTargets!.goals = ['完成2024年度城乡低保提标工作'];
    doc.departmentTargets!.indicators = [buildIndicator({ name: '困难群众救助人次', target: parseTargetValue('≥100人次') })];
    const [f] = ofDoc('mismatch.past-year-in-text', doc);
    expect(f?.field).toBe('departmentTargets');
    expect(f?.message).toMatch(/^部门整体支出绩效目标：绩效目标/);
  });
});
