/**
 * 自评复核 (issue 59): the checks of a submitted self-evaluation one by one — the national method and the region's
 * settings (the funds' rounding, the linear rule for caps, the qualitative bands, the grade bands), scores written
 * with fewer decimals, and nothing built on a doubted part. The documents' findings: test/importers/self-evaluation-documents.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { historyRows } from '../../src/shared/audit/history';
import { readingOf } from '../../src/shared/domain/reading';
import { fundsScoreHundredths, reviewSelfEvaluation } from '../../src/shared/domain/self-evaluation-review';
import { DEFAULT_SELF_EVALUATION_CONFIG, selectSelfEvaluationConfig, type SelfEvaluationConfig } from '../../src/shared/domain/self-evaluation-config';
import type { SubmittedIndicator, SubmittedSelfEvaluation } from '../../src/shared/domain/submitted-self-evaluation';

const fig = (text: string) => ({ text, value: Number(text) });
const wan = (text: string) => ({ text, fen: Math.round(Number(text) * 1_000_000) });
const at = (ref: string) => ({ line: 1, ref });

function ind(name: string, target: string, actual: string | null, points: string, score: string, deviation: string | null = null, level1 = '产出指标'): SubmittedIndicator {
  return { level1, level2: '数量指标', name, target, actual, points: fig(points), score: fig(score), deviation, sources: { name: at('名称'), score: at('得分'), actual: at('实际') } };
}

/** A clean table: funds 10 (100 % spent), 产出 50, 效益 30, 满意度 10, every target met. */
function table(change: Partial<SubmittedSelfEvaluation> = {}, indicators: SubmittedIndicator[] = []): SubmittedSelfEvaluation {
  const base = [
    ind('培训人数', '≥500人', '520人', '50', '50'),
    ind('就业率', '≥60%', '66%', '30', '30', null, '效益指标'),
    ind('满意度', '≥90%', '95%', '10', '10', null, '满意度指标'),
  ];
  const list = indicators.length > 0 ? indicators : base;
  const sum = list.reduce((s, i) => s + Math.round(i.score!.value * 100), 1000) / 100;
  return {
    project: '职业培训',
    code: null,
    unit: '示范县人社局',
    department: '示范县人社局',
    year: 2025,
    amountUnit: '万元',
    funds: { budgetStart: wan('100.00'), budgetFull: wan('100.00'), executed: wan('100.00'), points: fig('10'), rate: fig('100'), score: fig('10') },
    goals: { expected: null, actual: null },
    categoryPoints: [],
    indicators: list,
    total: fig(String(sum)),
    totalPoints: fig('100'),
    grade: null,
    sources: { total: at('总分'), grade: at('等级'), 'funds.score': at('资金得分'), 'funds.rate': at('执行率') },
    title: '项目支出绩效自评表',
    source: { line: 1 },
    reading: readingOf([]),
    ...change,
  };
}
const rules = (se: SubmittedSelfEvaluation, config?: SelfEvaluationConfig) => reviewSelfEvaluation(se, config).findings.map((f) => f.rule);

describe('the funds: 执行率 × 分值, exact on fen, the region rounding', () => {
  it('half up to two decimals nationally, down where the region cuts; the rate capped at 100 %', () => {
    const half = DEFAULT_SELF_EVALUATION_CONFIG.fundsRounding;
    expect(fundsScoreHundredths(97_650_000, 100_000_000, 1000, half)).toBe(977); // 9.765 → 9.77
    expect(fundsScoreHundredths(97_650_000, 100_000_000, 1000, { decimals: 2, mode: 'down' })).toBe(976);
    expect(fundsScoreHundredths(97_650_000, 100_000_000, 1000, { decimals: 1, mode: 'halfUp' })).toBe(980);
    expect(fundsScoreHundredths(136_000_000, 160_000_000, 1000, half)).toBe(850);
    expect(fundsScoreHundredths(120_000_000, 100_000_000, 1000, half)).toBe(1000);
    // amounts past 2^53 ÷ 1000 fen stay exact (BigInt): 9,000亿元 of 1万亿元
    expect(fundsScoreHundredths(90_000_000_000_000, 100_000_000_000_000, 1000, half)).toBe(900);
  });

  it('a score the rule does not give is a finding naming the figures; the region rule decides', () => {
    const se = table({ funds: { budgetStart: wan('100.00'), budgetFull: wan('100.00'), executed: wan('97.65'), points: fig('10'), rate: fig('97.65'), score: fig('9.77') } });
    se.total = fig(String((977 + 9000) / 100));
    expect(rules(se)).toEqual([]);
    const down = { ...DEFAULT_SELF_EVALUATION_CONFIG, fundsRounding: { decimals: 2, mode: 'down' as const } };
    const [f] = reviewSelfEvaluation(se, down).findings;
    expect(f!.rule).toBe('funds.score');
    expect(f!.message).toBe('年度资金执行率97.65%（全年执行数97.65万元÷全年预算数100.00万元），分值10分，应得9.76分，自评得9.77分');
    expect(f!.suggestion).toContain('舍去保留2位小数');
  });

  it('a rate that is not 执行数 ÷ 预算数', () => {
    const se = table();
    se.funds.rate = fig('95');
    expect(rules(se)).toEqual(['funds.rate']);
  });
});

describe('indicators by the national method', () => {
  it('a shortfall scored in proportion, accepted at the decimals it is written with', () => {
    const list = (score: string) => [ind('培训人数', '≥480人', '462人', '50', score, '农忙'), ind('就业率', '≥60%', '66%', '30', '30', null, '效益指标'), ind('满意度', '≥90%', '95%', '10', '10', null, '满意度指标')];
    // 50 × 462 ÷ 480 = 48.125
    expect(rules(table({}, list('48.13')))).toEqual([]);
    expect(rules(table({}, list('48.1')))).toEqual([]);
    expect(rules(table({}, list('48')))).toEqual([]);
    expect(rules(table({}, list('48.5')))).toEqual(['score.differs']);
    const r = reviewSelfEvaluation(table({}, list('50')));
    expect(r.findings.map((f) => [f.rule, f.expected, f.severity])).toEqual([['score.full-despite-shortfall', 48.13, 'error']]);
    expect(r.recomputed.total).toBe(98.13);
    expect(r.gap).toBe(1.87);
  });

  it('a cap exceeded: target ÷ actual nationally, the linear rule where the region uses it', () => {
    const list = [ind('户均补助', '≤5000元/户', '5600元/户', '50', '44.64', '价格上涨'), ind('就业率', '≥60%', '66%', '30', '30', null, '效益指标'), ind('满意度', '≥90%', '95%', '10', '10', null, '满意度指标')];
    expect(rules(table({}, list))).toEqual([]); // 50 × 5000 ÷ 5600 = 44.64
    const linear = { ...DEFAULT_SELF_EVALUATION_CONFIG, negativeFormula: 'linear' as const };
    const [f] = reviewSelfEvaluation(table({}, list), linear).findings;
    expect([f!.rule, f!.expected]).toEqual(['score.differs', 44]); // 50 × (1 − 600 ÷ 5000)
  });

  it('a met target deducted: a warning without a reason, an info with one', () => {
    const list = (deviation: string | null) => [ind('资金到位及时率', '≥100%', '100%', '50', '47', deviation), ind('就业率', '≥60%', '66%', '30', '30', null, '效益指标'), ind('满意度', '≥90%', '95%', '10', '10', null, '满意度指标')];
    expect(reviewSelfEvaluation(table({}, list(null))).findings.map((f) => [f.rule, f.severity])).toEqual([['score.deducted-when-met', 'warning']]);
    const [f] = reviewSelfEvaluation(table({}, list('资金分两次到位'))).findings;
    expect([f!.rule, f!.severity, f!.message]).toEqual(['score.deducted-when-met', 'info', '“资金到位及时率”目标≥100%，实际100%，已达成，自评得47分（满分50分），扣分原因：“资金分两次到位”']);
  });

  it('定性 by levels: the actual\'s words give the level, the score must lie in its band', () => {
    const list = (actual: string, score: string, deviation: string | null = '进度滞后') => [ind('培训人数', '≥500人', '520人', '50', '50'), ind('群众生活改善', '有效改善', actual, '30', score, deviation, '效益指标'), ind('满意度', '≥90%', '95%', '10', '10', null, '满意度指标')];
    expect(rules(table({}, list('有效改善', '30', null)))).toEqual([]);
    expect(rules(table({}, list('有效改善', '25', null)))).toEqual([]); // 达成: 80 %–100 %
    expect(rules(table({}, list('部分改善', '20')))).toEqual([]); // 部分达成: 50 %–80 %
    const f = reviewSelfEvaluation(table({}, list('部分改善', '30'))).findings[0]!;
    expect([f.rule, f.expected, f.message]).toEqual(['score.qualitative-band', 24, '“群众生活改善”目标“有效改善”，实际“部分改善”，评为部分达成，得分应在15–24分之间（满分30分），自评得30分']);
    expect(rules(table({}, list('部分改善', '20', '')))).toEqual(['deviation.missing']);
    // words that deny what they name are a miss, not a 达成: 不合格 is no 合格
    expect(reviewSelfEvaluation(table({}, list('改善不明显，群众不满意', '30'))).findings.map((f) => [f.rule, f.expected])).toEqual([['score.qualitative-band', 15]]);
  });

  it('an actual that is a target again or empty earns nothing; scored 0 it is no finding', () => {
    expect(rules(table({}, [ind('培训人数', '≥500人', '≥500人', '50', '50'), ind('就业率', '≥60%', null, '30', '30', null, '效益指标'), ind('满意度', '≥90%', '不低于90%', '10', '0', null, '满意度指标')]))).toEqual(['actual.not-a-value', 'actual.not-a-value']);
  });
});

describe('the table: points, sums and the grade', () => {
  it('category points against their indicators', () => {
    const se = table();
    se.categoryPoints = [{ level1: '产出指标', points: 40, source: at('产出指标(40分)') }];
    expect(reviewSelfEvaluation(se).findings.map((f) => f.message)).toEqual(['“产出指标”标明40分，其下各指标分值合计50分']);
  });

  it('the grade by the region\'s bands', () => {
    const list = [ind('培训人数', '≥500人', '440人', '50', '44', '生源不足'), ind('就业率', '≥60%', '66%', '30', '30', null, '效益指标'), ind('满意度', '≥90%', '95%', '10', '10', null, '满意度指标')];
    const se = table({ grade: '优' }, list); // 94
    expect(rules(se)).toEqual([]);
    se.grade = '良';
    expect(reviewSelfEvaluation(se).findings.map((f) => f.message)).toEqual(['总分94分对应等级为“优”（总分≥90分），自评等级为“良”']);
    const region = selectSelfEvaluationConfig(2025, '3301', [{ region: '33', from: null, to: null, config: { gradeBands: [{ grade: '优', min: 95 }, { grade: '良', min: 85 }, { grade: '中', min: 60 }, { grade: '差', min: 0 }] } }]);
    expect(rules(se, region)).toEqual([]);
  });

  it('nothing is built on a doubted part: the reason is said instead', () => {
    const se = table({ total: fig('70') }, [ind('培训人数', '≥500人', '400人', '50', '50'), ind('就业率', '≥60%', '66%', '30', '30', null, '效益指标'), ind('满意度', '≥90%', '95%', '10', '10', null, '满意度指标')]);
    expect(rules(se).sort()).toEqual(['deviation.missing', 'score.full-despite-shortfall', 'total.sum']);
    se.reading = readingOf([{ code: 'self-eval-figure', part: 'indicators', message: '自评表1指标的得分“满分”不是数值', where: { line: 3 } }]);
    const r = reviewSelfEvaluation(se);
    expect(r.findings).toEqual([]);
    expect(r.withheld).toEqual(['指标行读取存疑，指标得分、分值与总分未核对']);
  });
});

describe('issue 70: scores written whole, the reviewer\'s part, sub-items, a table not re-scored', () => {
  const others = [ind('就业率', '≥60%', '66%', '30', '30', null, '效益指标'), ind('满意度', '≥90%', '95%', '10', '10', null, '满意度指标')];

  it('a score written whole is the method\'s rounded or cut: 9 and 10 for 9.8, not 8', () => {
    // 10 × 98 ÷ 100 = 9.8 of 10 points
    const list = (score: string) => [ind('政策知晓率', '=100%', '98%', '50', score, '宣传不足'), ...others];
    expect(rules(table({}, list('49')))).toEqual([]); // 50 × 0.98 = 49
    const whole = (score: string) => [ind('培训人数', '≥500人', '490人', '10', score, '生源不足'), ind('就业率', '≥60%', '66%', '70', '70', null, '效益指标'), ind('满意度', '≥90%', '95%', '10', '10', null, '满意度指标')];
    expect(rules(table({}, whole('9')))).toEqual([]);
    expect(rules(table({}, whole('9.8')))).toEqual([]);
    expect(rules(table({}, whole('8')))).toEqual(['score.differs']);
    expect(reviewSelfEvaluation(table({}, whole('10'))).findings.map((f) => f.rule)).toEqual(['score.full-despite-shortfall']);
  });

  it('the funds: a whole score rounded (not cut), a rate cut to its decimals, a score by the rate when no amounts are given', () => {
    // 31.69 ÷ 32.40 = 97.808…%: 9.78 by the rule; written whole it is 10 (9.78 rounded), not 9 (cut: a deduction of 0.78); 97.80 % is the rate cut
    const funds = (score: string, rate: string) => ({ budgetStart: null, budgetFull: wan('32.40'), executed: wan('31.69'), points: fig('10'), rate: fig(rate), score: fig(score) });
    const at = (score: string, rate = '97.81') => table({ funds: funds(score, rate), total: fig(String((Math.round(Number(score) * 100) + 9000) / 100)) });
    expect(rules(at('9.78'))).toEqual([]);
    expect(rules(at('10'))).toEqual([]);
    expect(rules(at('9.8'))).toEqual([]);
    const cut = reviewSelfEvaluation(at('9')).findings;
    expect(cut.map((f) => [f.rule, f.severity, f.given, f.expected, f.message])).toEqual([
      ['funds.score', 'warning', 9, 9.78, '年度资金执行率97.81%（全年执行数31.69万元÷全年预算数32.40万元），分值10分，应得9.78分，自评得9分（取整应为10分）'],
    ]);
    expect(rules(at('9.7'))).toEqual(['funds.score']); // cut to one decimal: 9.8 rounded
    // where the region cuts (mode 'down'), the score cut to the decimals it is written with is the region's own rule
    const cuts: SelfEvaluationConfig = { ...DEFAULT_SELF_EVALUATION_CONFIG, fundsRounding: { decimals: 2, mode: 'down' } };
    expect(rules(at('9'), cuts)).toEqual([]);
    expect(rules(at('9.77'), cuts)).toEqual(['funds.score']);
    // half a point either side of the exact score: 99.5 % of 10 points is 9.95, written 10; 95 % is 9.5, written 9 or 10
    const rate = (executed: string, score: string) => table({ funds: { budgetStart: null, budgetFull: wan('100.00'), executed: wan(executed), points: fig('10'), rate: null, score: fig(score) }, total: fig(String(90 + Number(score))) });
    expect(rules(rate('99.50', '10'))).toEqual([]);
    expect(rules(rate('95.00', '9'))).toEqual([]);
    expect(rules(rate('95.00', '10'))).toEqual([]);
    expect(rules(rate('94.90', '9'))).toEqual([]);
    expect(rules(rate('94.90', '10'))).toEqual(['funds.score']);
    expect(rules(rate('99.10', '9'))).toEqual(['funds.score']);
    expect(rules(at('9.78', '97.80'))).toEqual([]);
    expect(rules(at('9.78', '97.8'))).toEqual([]);
    expect(rules(at('8'))).toEqual(['funds.score']);
    expect(rules(at('9.9'))).toEqual(['funds.score']);
    expect(rules(at('9.78', '97.7'))).toEqual(['funds.rate']);
    // no amounts: the score against the rate written
    const byRate = table({ funds: { budgetStart: null, budgetFull: null, executed: null, points: fig('10'), rate: fig('85'), score: fig('10') } });
    const [f] = reviewSelfEvaluation(byRate).findings;
    expect([f!.rule, f!.expected, f!.message]).toEqual(['funds.score', 8.5, '年度资金执行率85%，分值10分，应得8.5分，自评得10分']);
  });

  it('a score by the rate written, no amounts given: whole only when rounded', () => {
    const byRate = (rate: string, score: string) => table({ funds: { budgetStart: null, budgetFull: null, executed: null, points: fig('10'), rate: fig(rate), score: fig(score) }, total: fig(String(90 + Number(score))) });
    expect(rules(byRate('97.6', '10'))).toEqual([]);
    expect(reviewSelfEvaluation(byRate('97.6', '9')).findings.map((f) => f.message)).toEqual(['年度资金执行率97.6%，分值10分，应得9.76分，自评得9分（取整应为10分）']);
  });

  it('what only a person can judge is left to the reviewer, said, the unit\'s score kept', () => {
    const list = [ind('培训人数', '≥500人', '约五百人', '50', '50'), ind('群众生活', '明显改善', '群众普遍认可', '30', '30', null, '效益指标'), ind('满意度', '', '', '10', '10', null, '满意度指标')];
    const r = reviewSelfEvaluation(table({}, list));
    expect(r.findings.map((f) => [f.rule, f.severity, f.expected])).toEqual([
      ['score.for-reviewer', 'info', null],
      ['score.for-reviewer', 'info', null],
      ['score.for-reviewer', 'info', null],
    ]);
    expect(r.findings.map((f) => f.message)).toEqual([
      '“培训人数”目标≥500人，实际“约五百人”，两者无法按数值比较，须由复核人判断，自评得50分（满分50分）',
      '“群众生活”目标“明显改善”，实际“群众普遍认可”，完成程度须由复核人对照佐证材料判断，自评得30分（满分30分）',
      '“满意度”未填写年度指标值和实际完成值，得分无法按完成情况核对，须由复核人判断，自评得10分（满分10分）',
    ]);
    expect(r.recomputed.how).toEqual(['reviewer', 'reviewer', 'reviewer']);
    expect(r.recomputed.total).toBe(100);
  });

  it('an actual in another unit of the target\'s kind converted exactly; one of another kind left to the reviewer', () => {
    const list = (actual: string) => [ind('受益人口', '≥1.2万人', actual, '50', '50', '部分村组未通水'), ...others];
    expect(rules(table({}, list('12600人')))).toEqual([]);
    const [f] = reviewSelfEvaluation(table({}, list('11400人'))).findings;
    expect([f!.rule, f!.expected, f!.message]).toEqual(['score.full-despite-shortfall', 47.5, '“受益人口”目标≥1.2万人，实际11400人，完成95%，未达成，自评得50分（满分50分），按完成比例应得47.5分']);
    expect(reviewSelfEvaluation(table({}, list('260户'))).findings.map((x) => x.rule)).toEqual(['score.for-reviewer']);
  });

  it('a deadline by its date: on time 达成, later left to the reviewer and a deviation asked for', () => {
    const list = (actual: string, deviation: string | null = null) => [ind('完工时间', '2025年11月底前', actual, '50', '50', deviation), ...others];
    expect(reviewSelfEvaluation(table({}, list('2025年11月20日'))).recomputed.how[0]).toBe('band');
    expect(reviewSelfEvaluation(table({}, list('2025年10月'))).findings).toEqual([]);
    const late = reviewSelfEvaluation(table({}, list('2025年12月15日')));
    expect(late.findings.map((f) => [f.rule, f.message])).toEqual([['score.for-reviewer', '“完工时间”时限为“2025年11月底前”，实际“2025年12月15日”，晚于时限，完成程度须由复核人判断，自评得50分（满分50分）']]);
    expect(reviewSelfEvaluation(table({}, list('2026年1月'))).findings.map((f) => f.rule)).toEqual(['score.for-reviewer']);
  });

  it('sub-items add up to their parent: its points and its score; only the parent counts in the sums', () => {
    const sub = (name: string, points: string, score: string, index: number): SubmittedIndicator => ({ ...ind(name, '≥10个', '10个', points, score), partOf: { index, kind: 'sub' } });
    const list = [ind('1.培训', '', '', '50', '50'), sub('1.1 理论培训', '20', '20', 0), sub('1.2 实操培训', '20', '20', 0), ...others];
    const r = reviewSelfEvaluation(table({ total: fig('100') }, list));
    expect(r.findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
      ['parts.points', 'warning', '“1.培训”分值50分，其下各子项分值合计40分'],
      ['parts.score', 'error', '“1.培训”自评得50分，其下各子项得分合计40分'],
    ]);
    expect(r.recomputed.how).toEqual(['parts', 'method', 'method', 'method', 'method']);
    expect(r.recomputed.indicators[0]).toBe(40);
  });

  it('a table whose indicators or funds are doubted is not re-scored: no total, no grade, no gap', () => {
    const se = table();
    se.reading = readingOf([{ code: 'self-eval-funds', part: 'budget', message: '自评表1的全年执行数不是金额', where: { line: 3 } }]);
    const r = reviewSelfEvaluation(se);
    expect([r.recomputed.total, r.recomputed.grade, r.recomputed.funds, r.gap]).toEqual([null, null, null, null]);
    expect(r.recomputed.indicators).toEqual([50, 30, 10]);
    expect(r.withheld).toEqual(['年度资金读取存疑，资金得分未核对']);
  });

  it('a table without its 总分 row: the points not added up, said', () => {
    const r = reviewSelfEvaluation(table({ total: null }, [ind('培训人数', '≥500人', '520人', '40', '40'), ...others]));
    expect(r.findings).toEqual([]);
    expect(r.withheld).toEqual(['表中没有总分行（表格可能不完整），分值合计与总分未核对']);
    expect(r.recomputed.total).toBe(90);
  });
});

describe('issue 70: the 年度资金总额 row against its 其中 rows', () => {
  const part = (label: string, start: string | null, full: string | null, executed: string | null) => ({
    label,
    budgetStart: start === null ? null : wan(start),
    budgetFull: full === null ? null : wan(full),
    executed: executed === null ? null : wan(executed),
    sources: { label: at(label), ...(full === null ? {} : { budgetFull: at(`${label}全年预算数`) }), ...(executed === null ? {} : { executed: at(`${label}全年执行数`) }) },
  });
  const withParts = (total: [string, string, string], parts: ReturnType<typeof part>[], score = '10', rate: string | null = '100') =>
    table({
      funds: { budgetStart: wan(total[0]), budgetFull: wan(total[1]), executed: wan(total[2]), points: fig('10'), rate: rate === null ? null : fig(rate), score: fig(score), parts },
      total: fig(String(90 + Number(score))),
      sources: { total: at('总分'), 'funds.budgetFull': at('总额全年预算数'), 'funds.executed': at('总额全年执行数'), 'funds.score': at('资金得分'), 'funds.rate': at('执行率') },
    });

  it('a total that adds its parts up, or exceeds the parts read, is no finding', () => {
    expect(rules(withParts(['100.00', '100.00', '100.00'], [part('其中：本年财政拨款', '80.00', '80.00', '80.00'), part('上年结转资金', '20.00', '20.00', '20.00'), part('其他资金', null, null, null)]))).toEqual([]);
    expect(rules(withParts(['100.00', '100.00', '100.00'], [part('其中：当年财政拨款', '80.00', '80.00', '80.00')]))).toEqual([]);
  });

  it('a zero total with parts above zero: an error naming both figures and the rows, the funds re-scored by the parts', () => {
    // 0 ÷ 0 gives nothing to measure: the parts say 89.974 of 90 (99.97 %), 10 points
    const r = reviewSelfEvaluation(withParts(['0', '0', '0'], [part('其中:本年财政拨款', '90', '90', '89.974')], '0', '0'));
    expect(r.findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
      ['funds.parts', 'error', '年度资金总额与其中各项不符：年初预算数0万元，而其中各项之和90万元（本年财政拨款90万元）；全年预算数0万元，而其中各项之和90万元（本年财政拨款90万元）；全年执行数0万元，而其中各项之和89.974万元（本年财政拨款89.974万元）'],
      ['funds.rate', 'warning', '年度资金执行率应为99.97%（其中各项全年执行数合计89.974万元÷全年预算数合计90万元），自评表填写0%'],
      ['funds.score', 'warning', '年度资金执行率99.97%（其中各项全年执行数合计89.974万元÷全年预算数合计90万元），分值10分，应得10分，自评得0分'],
    ]);
    expect(r.findings[0]!.source).toEqual(at('总额全年预算数'));
    expect(r.recomputed.funds).toBe(10);
    expect(r.recomputed.total).toBe(100);
  });

  it('a total less than its parts: the parts summed (本年财政拨款 + 上年结转资金 + 其他资金), rows of use not among them', () => {
    const parts = [part('其中：本年财政拨款', '60.00', '60.00', '57.00'), part('上年结转资金', '15.00', '15.00', '12.00'), part('其他资金', '5.00', '5.00', '5.00'), part('其中：项目支出', '80.00', '80.00', '74.00')];
    const r = reviewSelfEvaluation(withParts(['80.00', '60.00', '57.00'], parts, '9.5', '95'));
    // 74 ÷ 80 = 92.5 % → 9.25
    expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([['funds.parts', 'error'], ['funds.rate', 'warning'], ['funds.score', 'error']]);
    expect(r.findings[0]!.message).toBe('年度资金总额与其中各项不符：全年预算数60.00万元，小于其中各项之和80.00万元（本年财政拨款60.00万元＋上年结转资金15.00万元＋其他资金5.00万元）；全年执行数57.00万元，小于其中各项之和74.00万元（本年财政拨款57.00万元＋上年结转资金12.00万元＋其他资金5.00万元）');
    expect(r.recomputed.funds).toBe(9.25);
    // only the 年初预算数 short of its parts: said, the score still by the total's 全年 figures
    const start = reviewSelfEvaluation(withParts(['50.00', '100.00', '100.00'], [part('其中：本年财政拨款', '60.00', '100.00', '100.00')]));
    expect(start.findings.map((f) => f.rule)).toEqual(['funds.parts']);
    expect(start.recomputed.funds).toBe(10);
  });

  it('parts that do not give both 全年 figures: the funds score withheld, said, and the table not re-scored', () => {
    const r = reviewSelfEvaluation(withParts(['0', '0', '0'], [part('其中：本年财政拨款', '90.00', null, null)], '10', null));
    expect(r.findings.map((f) => f.rule)).toEqual(['funds.parts']);
    expect(r.withheld).toEqual(['年度资金总额与其中各项不符，其中各项未列全年预算数和全年执行数，资金得分无法按执行率复核，未核对']);
    expect([r.recomputed.funds, r.recomputed.total, r.gap]).toEqual([null, null, null]);
  });

  it('a breakdown whose levels cannot be told is not compared, said', () => {
    const r = reviewSelfEvaluation(withParts(['50.00', '50.00', '50.00'], [part('其中：财政资金', '50.00', '50.00', '50.00'), part('其中：本年财政拨款', '40.00', '40.00', '40.00'), part('上年结转资金', '10.00', '10.00', '10.00')]));
    expect(r.findings).toEqual([]);
    expect(r.withheld).toEqual(['年度资金的其中各项层次不明（财政资金、本年财政拨款、上年结转资金），未与年度资金总额比较']);
  });
});

describe('the audit entries in words', () => {
  it('an import and a conclusion read as fields by their Chinese names, none unnamed', () => {
    const imported = historyRows('submitted-self-evaluation.import', { file: 'a.html', table: 1, project: '职业培训', unit: '示范县人社局', year: 2025, matchedProjectId: null, selfScore: 97, recomputed: 100, findings: 1, replaced: false });
    const concluded = historyRows('submitted-self-evaluation.conclude', { project: '职业培训', before: { conclusion: '未复核', score: null, comment: null }, after: { conclusion: '调整得分', score: 74.8, comment: '无实际值' } });
    for (const r of [...imported, ...concluded]) expect(r.unlabelled, r.field).toBeUndefined();
    expect(concluded.map((r) => r.field)).toEqual(['复核结论', '复核后得分', '复核说明', '项目名称']);
  });
});
