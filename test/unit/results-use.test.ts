/**
 * The rules of 结果运用 (shared/domain/results-use.ts): the consequence each grade suggests, the
 * extra rules and which one decides, exact next-year amounts, the problems a sheet lists, decision
 * checks (an override needs a reason and a percentage its consequence allows), summaries, and the
 * settings by region and year.
 */
import { describe, expect, it } from 'vitest';
import {
  checkDecision,
  DEFAULT_RESULTS_USE_CONFIG,
  deriveResultsSheet,
  nextYearAmount,
  selectResultsUseConfig,
  summarizeResults,
  validateResultsUseConfig,
  type ResultsFacts,
  type ResultsLine,
} from '../../src/shared/domain/results-use';
import type { EvaluationGrade } from '../../src/shared/domain/self-evaluation-config';

const WAN = 1_000_000; // fen in 1万元

function facts(over: Partial<NonNullable<ResultsFacts['evaluation']>> = {}, monitoring: ResultsFacts['monitoring'] = null, budgetFen: number | null = 100 * WAN): ResultsFacts {
  return {
    budgetFen,
    evaluation: { total: 85, grade: '良', complete: true, executionRatePercent: 95, deviations: [], farAbove: [], unmet: [], ...over },
    monitoring,
  };
}

const TOTALS: Record<EvaluationGrade, number> = { 优: 93.5, 良: 85, 中: 70, 差: 50 };

describe('the consequence the rules suggest', () => {
  it.each([
    ['优', '优先保障', 100, 100 * WAN],
    ['良', '保持', 100, 100 * WAN],
    ['中', '调整', 90, 90 * WAN],
    ['差', '压减', 70, 70 * WAN],
  ] as const)('grade %s → %s at %i%%', (grade, consequence, percent, amountFen) => {
    const s = deriveResultsSheet(facts({ grade, total: TOTALS[grade] })).suggestion!;
    expect(s).toMatchObject({ consequence, percent, amountFen });
    expect(s.rules).toHaveLength(1);
    expect(s.rules[0]).toMatchObject({ rule: 'grade', because: expect.stringContaining(`“${grade}”`) });
  });

  it('a low execution rate cuts even a good grade: the most severe rule decides, every applying rule is listed', () => {
    const s = deriveResultsSheet(facts({ grade: '优', total: 91, executionRatePercent: 55.5 })).suggestion!;
    expect(s).toMatchObject({ consequence: '压减', percent: 80, amountFen: 80 * WAN });
    expect(s.rules.map((r) => r.rule)).toStrictEqual(['execution-below', 'grade']);
    expect(s.rules[0]!.because).toBe('预算执行率55.50%低于60%');
  });

  it('at the same severity the lower percentage decides (差 70% beats low execution 80%)', () => {
    const s = deriveResultsSheet(facts({ grade: '差', total: 50, executionRatePercent: 40 })).suggestion!;
    expect(s).toMatchObject({ consequence: '压减', percent: 70, amountFen: 70 * WAN });
    expect(s.rules.map((r) => r.rule)).toStrictEqual(['grade', 'execution-below']);
  });

  it('a score below 40 cancels the project: next year 0', () => {
    const s = deriveResultsSheet(facts({ grade: '差', total: 39.99, executionRatePercent: 95 })).suggestion!;
    expect(s).toMatchObject({ consequence: '取消', percent: 0, amountFen: 0 });
    // at exactly 40 it does not
    expect(deriveResultsSheet(facts({ grade: '差', total: 40 })).suggestion!.consequence).toBe('压减');
  });

  it('three deviations without a reason (self-evaluation and monitoring together) turn 保持 into 调整', () => {
    const deviation = (reason: string | null) => ({ item: '覆盖率', detail: '目标≥20%，实际15%', reason, measure: null });
    const warning = { item: '预算执行进度', light: 'red' as const, detail: '', reason: null, measure: null };
    const two = facts({ deviations: [deviation(null), deviation('已说明'), deviation('  ')] });
    expect(deriveResultsSheet(two).suggestion!.consequence).toBe('保持');
    const three = facts({ deviations: [deviation(null), deviation('已说明'), deviation('  ')] }, { asOf: '2025-08-31', keyMonitoring: false, warnings: [warning] });
    const s = deriveResultsSheet(three);
    expect(s.suggestion).toMatchObject({ consequence: '调整', percent: 95, amountFen: 95 * WAN });
    expect(s.deviations.map((d) => d.source)).toStrictEqual(['自评', '自评', '自评', '监控']);
    expect(s.problems.find((p) => p.code === 'deviation.unexplained')!.message).toBe('3 处偏差未说明原因');
  });

  it('computes next year\'s amount exactly, half up to the fen', () => {
    expect(nextYearAmount(12_345_679, 70)).toBe(8_641_975); // 8,641,975.3
    expect(nextYearAmount(12_345_675, 70)).toBe(8_641_973); // 8,641,972.5 → up
    expect(nextYearAmount(9_999_999_999_999, 33.33)).toBe(3_333_000_000_000); // 3,332,999,999,999.6667 → up, no float noise
    expect(nextYearAmount(null, 70)).toBeNull();
    expect(() => nextYearAmount(100, 70.001)).toThrow(RangeError);
    const s = deriveResultsSheet(facts({ grade: '中', total: 70 }, null, 12_345_679)).suggestion!;
    expect(s.amountFen).toBe(11_111_111); // 90% of 123,456.79 元 = 111,111.111 元
  });
});

describe('the sheet', () => {
  it('without a self-evaluation: no grade, no suggestion, the problem said', () => {
    const s = deriveResultsSheet({ budgetFen: WAN, evaluation: null, monitoring: null });
    expect(s).toMatchObject({ grade: null, total: null, suggestion: null, evaluationComplete: false });
    expect(s.problems).toStrictEqual([{ code: 'evaluation.missing', message: '尚未填报绩效自评' }]);
  });

  it('lists what was found: unfinished self-evaluation, low execution, targets set too low, red lights, key monitoring', () => {
    const s = deriveResultsSheet(
      facts({ complete: false, unmet: ['“满意度”未得满分，须填写偏差原因分析及改进措施'], executionRatePercent: 75, farAbove: ['培训人次'] }, {
        asOf: '2025-08-31',
        keyMonitoring: true,
        warnings: [
          { item: '预算执行进度', light: 'red', detail: '已支出30%，计划66%', reason: '经费保障：资金未到位', measure: '加快' },
          { item: '覆盖率', light: 'yellow', detail: '', reason: '其他', measure: null },
        ],
      }),
    );
    expect(s.problems.map((p) => p.code)).toStrictEqual(['evaluation.incomplete', 'execution.low', 'target.too-low', 'monitoring.red', 'monitoring.key']);
    expect(s.problems[0]!.message).toContain('满意度');
    expect(s.problems[1]!.message).toBe('预算执行率75.00%，低于90%');
    expect(s.problems[3]!.message).toBe('运行监控（2025-08-31）有 1 个红灯：预算执行进度');
    expect(s.deviations[0]).toMatchObject({ source: '监控', item: '预算执行进度', detail: '红灯（2025-08-31）：已支出30%，计划66%', reason: '经费保障：资金未到位' });
  });
});

describe('decisions', () => {
  const suggestion = deriveResultsSheet(facts({ grade: '差', total: 50 }, null, 12_345_679)).suggestion!;

  it('accepting takes the suggestion as it is', () => {
    expect(checkDecision({ action: 'accept' }, suggestion, 12_345_679)).toStrictEqual({
      ok: true,
      decision: { consequence: '压减', percent: 70, amountFen: 8_641_975, overridden: false, reason: null },
    });
  });

  it('an override sets another consequence and percentage, with its exact amount and the reason', () => {
    const r = checkDecision({ action: 'override', consequence: '调整', percent: 85.5, reason: '  项目属民生刚性支出，适度调整  ' }, suggestion, 12_345_679);
    expect(r).toStrictEqual({
      ok: true,
      decision: { consequence: '调整', percent: 85.5, amountFen: 10_555_556, overridden: true, reason: '项目属民生刚性支出，适度调整' },
    });
  });

  it('refuses an override without a reason, with a percentage its consequence does not allow, or equal to the suggestion', () => {
    const issues = (input: Parameters<typeof checkDecision>[0]) => {
      const r = checkDecision(input, suggestion, 12_345_679);
      return r.ok ? [] : r.issues;
    };
    expect(issues({ action: 'override', consequence: '保持', percent: 100, reason: '' })).toStrictEqual([{ path: 'reason', message: '调整建议须填写理由' }]);
    expect(issues({ action: 'override', consequence: '保持', percent: 100, reason: '不行' })).toStrictEqual([{ path: 'reason', message: '理由至少 5 个字' }]);
    expect(issues({ action: 'override', consequence: '取消', percent: 10, reason: '项目已无实施必要' })).toStrictEqual([
      { path: 'percent', message: '“取消”的下年预算比例应为0%，填写的是10%' },
    ]);
    expect(issues({ action: 'override', consequence: '压减', percent: 100, reason: '项目已无实施必要' })[0]!.message).toBe('“压减”的下年预算比例应在0%–99.99%之间，填写的是100%');
    expect(issues({ action: 'override', consequence: '调整', percent: 80.123, reason: '理由足够长了' })[0]!.message).toContain('最多两位小数');
    expect(issues({ action: 'override', consequence: '压减', percent: 70, reason: '与建议相同的调整' })).toStrictEqual([{ path: 'consequence', message: '与系统建议相同，请直接采纳' }]);
  });

  it('refuses any decision without a self-evaluation', () => {
    const r = checkDecision({ action: 'accept' }, null, WAN);
    expect(r.ok).toBe(false);
  });
});

describe('summaries', () => {
  it('counts by grade and consequence and sums amounts exactly', () => {
    const line = (grade: EvaluationGrade | null, consequence: ResultsLine['consequence'], budgetFen: number, amountFen: number | null, decided = false, overridden = false): ResultsLine => ({
      departmentId: 1,
      departmentName: 'A',
      grade,
      budgetFen,
      consequence,
      amountFen,
      decided,
      overridden,
    });
    const t = summarizeResults([
      line('差', '压减', 10_000_001, 7_000_001, true),
      line('差', '压减', 20_000_003, 14_000_002, true, true),
      line('优', '优先保障', 5, 5),
      line(null, null, 99, null),
    ]);
    expect(t).toMatchObject({ projectCount: 4, evaluatedCount: 3, decidedCount: 2, overriddenCount: 1, budgetFen: 30_000_108, evaluatedBudgetFen: 30_000_009 });
    expect(t.gradeCounts).toStrictEqual({ 优: 1, 良: 0, 中: 0, 差: 2 });
    expect(t.byConsequence.压减).toStrictEqual({ count: 2, budgetFen: 30_000_004, nextYearFen: 21_000_003 });
    expect(t.byConsequence.取消).toStrictEqual({ count: 0, budgetFen: 0, nextYearFen: 0 });
    expect(t.nextYearFen).toBe(21_000_008);
    expect(t.changeFen).toBe(21_000_008 - 30_000_009);
  });
});

describe('settings by region and year', () => {
  it('the defaults are valid; invalid rules are named', () => {
    expect(validateResultsUseConfig(DEFAULT_RESULTS_USE_CONFIG)).toStrictEqual([]);
    const bad = { ...DEFAULT_RESULTS_USE_CONFIG, gradeRules: { ...DEFAULT_RESULTS_USE_CONFIG.gradeRules, 差: { consequence: '压减' as const, percent: 120 } } };
    expect(validateResultsUseConfig(bad)).toStrictEqual(['等级“差”：“压减”的下年预算比例应在0%–99.99%之间，填写的是120%']);
  });

  it('publishing is a region\'s choice: 路南区 from 2025, nowhere else by default', () => {
    expect(selectResultsUseConfig(2025, '130202').publishResults).toBe(true);
    expect(selectResultsUseConfig(2024, '130202').publishResults).toBe(false);
    expect(selectResultsUseConfig(2025, '130203').publishResults).toBe(false);
    expect(selectResultsUseConfig(2025, null).publishResults).toBe(false);
  });

  it('a region and year can change the rules, and the sheet follows them', () => {
    const config = selectResultsUseConfig(2026, '130302', [
      { region: '13', from: null, to: null, config: { gradeRules: { ...DEFAULT_RESULTS_USE_CONFIG.gradeRules, 中: { consequence: '压减', percent: 85 } } } },
      { region: '1303', from: 2026, to: null, config: { extraRules: [] } },
    ]);
    const s = deriveResultsSheet(facts({ grade: '中', total: 70, executionRatePercent: 10 }), config).suggestion!;
    expect(s).toMatchObject({ consequence: '压减', percent: 85, amountFen: 85 * WAN });
    expect(s.rules).toHaveLength(1);
  });
});
