import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFen } from '../../src/shared/domain/money';
import { roundHalfUp } from '../../src/shared/domain/rounding';
import {
  allocateWeights,
  evaluateProject,
  gradeOf,
  scoreExecution,
  scoreIndicator,
} from '../../src/shared/domain/self-evaluation';
import type { IndicatorActual, IndicatorEvaluationInput } from '../../src/shared/domain/self-evaluation';
import {
  DEFAULT_SELF_EVALUATION_CONFIG,
  selectSelfEvaluationConfig,
  validateSelfEvaluationConfig,
} from '../../src/shared/domain/self-evaluation-config';
import type { SelfEvaluationConfig } from '../../src/shared/domain/self-evaluation-config';
import { parseTargetValue } from '../../src/shared/domain/target-value';
import { buildIndicator } from '../factories';

const LINEAR: SelfEvaluationConfig = { ...DEFAULT_SELF_EVALUATION_CONFIG, negativeFormula: 'linear' };
const wan = (text: string) => toFen(text, '万元')!;
const value = (v: number): IndicatorActual => ({ kind: 'value', value: v });
const graded = (grade: '达成' | '部分达成' | '未达成', percent: number): IndicatorActual => ({ kind: 'graded', grade, percent });

/** An indicator row built the way the importer builds it: the target parsed from its text. */
function row(
  level1: string,
  level2: string,
  name: string,
  target: string,
  actual: IndicatorActual | null,
  extra: Partial<IndicatorEvaluationInput> = {},
): IndicatorEvaluationInput {
  return {
    indicator: buildIndicator({ level1, level2, level1Raw: level1, level2Raw: level2, name, target: parseTargetValue(target) }),
    actual,
    ...extra,
  };
}

const EXAMPLE_1 = {
  adjustedBudgetFen: wan('10'),
  spentFen: wan('9.2'),
  indicators: [
    row('产出指标', '成本指标', '项目成本', '≤10万元', value(9.2)),
    row('产出指标', '数量指标', '培训次数', '≥1次', value(3)),
    row('产出指标', '时效指标', '完成时间', '≤1年', value(1)),
    row('产出指标', '质量指标', '工作质量', '达成市级目标', graded('部分达成', 70)),
    row('效益指标', '社会效益指标', '社会效益', '显著提高', graded('达成', 90)),
    row('满意度指标', '服务对象满意度指标', '群众满意度', '≥85%', value(80)),
  ],
};

const EXAMPLE_2 = {
  adjustedBudgetFen: wan('50'),
  spentFen: wan('35'),
  indicators: [
    row('产出指标', '数量指标', '建设个数', '≥10个', value(6)),
    row('产出指标', '成本指标', '项目成本', '≤50万元', value(55)),
    row('效益指标', '社会效益指标', '覆盖率', '≥20%', value(15)),
    row('满意度指标', '服务对象满意度指标', '满意度', '=100%', value(95)),
  ],
};

describe('worked example 1 (lifecycle.md §3)', () => {
  const r = evaluateProject(EXAMPLE_1);

  it('scores every line exactly', () => {
    expect(r.execution).toEqual({ ratePercent: 92, weight: 10, score: 9.2 });
    expect(r.indicators.map((i) => i.weight)).toEqual([12.5, 12.5, 12.5, 12.5, 30, 10]);
    expect(r.indicators.map((i) => i.score)).toEqual([12.5, 12.5, 12.5, 8.75, 27, 9.41]);
    expect(r.indicators.map((i) => i.method)).toEqual(['negative', 'positive', 'negative', 'graded', 'graded', 'positive']);
    expect(r.categories).toEqual([
      { level1: '产出指标', weight: 50, score: 46.25 },
      { level1: '效益指标', weight: 30, score: 27 },
      { level1: '满意度指标', weight: 10, score: 9.41 },
    ]);
  });

  it('totals 91.86 → 优, with no input issues', () => {
    expect(r.total).toBe(91.86);
    expect(r.grade).toBe('优');
    expect(r.issues).toEqual([]);
  });

  it('asks for explanations where marks were lost and where 3次 is 300% of ≥1次', () => {
    expect(r.requirements.map((q) => [q.code, q.indicator, q.met])).toEqual([
      ['indicator.far-above', 1, false],
      ['indicator.deviation', 3, false],
      ['indicator.deviation', 4, false],
      ['indicator.deviation', 5, false],
    ]);
  });

  it('scores the same under the linear setting (no negative target is missed)', () => {
    expect(evaluateProject(EXAMPLE_1, LINEAR).total).toBe(91.86);
  });
});

describe('worked example 2 (lifecycle.md §3)', () => {
  it('scores 76.73 → 中 with the ratio formula', () => {
    const r = evaluateProject(EXAMPLE_2);
    expect(r.execution.score).toBe(7);
    expect(r.indicators.map((i) => i.score)).toEqual([15, 22.73, 22.5, 9.5]);
    expect(r.total).toBe(76.73);
    expect(r.grade).toBe('中');
  });

  it('scores 76.50 → 中 with the linear formula', () => {
    const r = evaluateProject(EXAMPLE_2, LINEAR);
    expect(r.indicators.map((i) => i.score)).toEqual([15, 22.5, 22.5, 9.5]);
    expect(r.total).toBe(76.5);
    expect(r.grade).toBe('中');
  });

  it('asks for the low execution rate (70%) and every missed indicator; met once filled in', () => {
    const r = evaluateProject(EXAMPLE_2);
    expect(r.requirements.map((q) => [q.code, q.indicator, q.met])).toEqual([
      ['execution.explain', null, false],
      ['indicator.deviation', 0, false],
      ['indicator.deviation', 1, false],
      ['indicator.deviation', 2, false],
      ['indicator.deviation', 3, false],
    ]);
    const explained = evaluateProject({
      ...EXAMPLE_2,
      executionExplanation: '部分工程款次年支付',
      indicators: EXAMPLE_2.indicators.map((i) => ({ ...i, deviationCause: '施工延期', improvement: '加强调度' })),
    });
    expect(explained.requirements.every((q) => q.met)).toBe(true);
    const causeOnly = evaluateProject({ ...EXAMPLE_2, indicators: [{ ...EXAMPLE_2.indicators[0]!, deviationCause: '施工延期' }] });
    expect(causeOnly.requirements.find((q) => q.code === 'indicator.deviation')!.met).toBe(false);
  });
});

describe('roundHalfUp at two decimals', () => {
  it.each([
    [12.5, 12.5],
    [(10 * 80) / 85, 9.41],
    [(25 * 50) / 55, 22.73],
    [25 * (1 - 5 / 50), 22.5],
    [1.005, 1.01],
    [8.345, 8.35],
    [0.125, 0.13],
  ])('%s → %s', (x, expected) => expect(roundHalfUp(x)).toBe(expected));
});

describe('scoreIndicator', () => {
  const score = (target: string, actual: IndicatorActual | null, w = 10, config = DEFAULT_SELF_EVALUATION_CONFIG) =>
    scoreIndicator(parseTargetValue(target), actual, w, config);

  it('positive: w × min(1, B/A), never below 0', () => {
    expect(score('≥85%', value(80)).score).toBe(9.41);
    expect(score('≥85%', value(85)).score).toBe(10);
    expect(score('>85%', value(90)).score).toBe(10);
    expect(score('≥10个', value(0)).score).toBe(0);
    expect(score('≥10个', value(-3)).score).toBe(0);
    expect(score('≥0个', value(0)).score).toBe(10);
  });

  it('negative: full when B ≤ A, else w × A/B (ratio) or w × (1 − (B−A)/A) (linear)', () => {
    expect(score('≤50万元', value(50)).score).toBe(10);
    expect(score('<50万元', value(40)).score).toBe(10);
    expect(score('≤50万元', value(55)).score).toBe(9.09);
    expect(score('≤50万元', value(55), 10, LINEAR).score).toBe(9);
    expect(score('≤50万元', value(100), 10, LINEAR).score).toBe(0);
    expect(score('≤50万元', value(150), 10, LINEAR).score).toBe(0);
    expect(score('≤0万元', value(1)).score).toBe(0);
    expect(score('≤0万元', value(0)).score).toBe(10);
  });

  it('equality: as positive when A > 0; when A = 0 full only if B ≤ 0', () => {
    expect(score('=100%', value(95)).score).toBe(9.5);
    expect(score('100%', value(120)).score).toBe(10);
    expect(score('=0起', value(0)).score).toBe(10);
    expect(score('=0起', value(-1)).score).toBe(10);
    expect(score('=0起', value(1)).score).toBe(0);
  });

  it('graded: the percentage inside its band (80–100 / 50–80 / 0–50, ends included)', () => {
    expect(score('显著提高', graded('达成', 80)).score).toBe(8);
    expect(score('显著提高', graded('达成', 100)).score).toBe(10);
    expect(score('显著提高', graded('部分达成', 50)).score).toBe(5);
    expect(score('显著提高', graded('部分达成', 80)).score).toBe(8);
    expect(score('显著提高', graded('未达成', 0)).score).toBe(0);
    expect(score('2025年12月底前', graded('未达成', 50)).score).toBe(5);
    for (const bad of [graded('达成', 79.99), graded('部分达成', 49.99), graded('部分达成', 80.01), graded('未达成', 50.01)]) {
      expect(score('显著提高', bad).issues.map((i) => i.code)).toEqual(['grade.out-of-band']);
    }
  });

  it('graded with out-of-band percent is scored at the nearest band end and flagged', () => {
    const r = score('显著提高', graded('达成', 60));
    expect(r.score).toBe(8);
    expect(r.issues[0]!.code).toBe('grade.out-of-band');
  });

  it('follows 80/60 bands when configured', () => {
    const config: SelfEvaluationConfig = {
      ...DEFAULT_SELF_EVALUATION_CONFIG,
      achievementBands: { 达成: { min: 80, max: 100 }, 部分达成: { min: 60, max: 80 }, 未达成: { min: 0, max: 60 } },
    };
    expect(score('显著提高', graded('部分达成', 55), 10, config).issues.map((i) => i.code)).toEqual(['grade.out-of-band']);
    expect(score('显著提高', graded('未达成', 55), 10, config).score).toBe(5.5);
  });

  it('reports a missing actual, and a number given for a qualitative target', () => {
    expect(score('≥85%', null).issues.map((i) => i.code)).toEqual(['actual.missing']);
    expect(score('显著提高', value(90)).issues.map((i) => i.code)).toEqual(['actual.needs-grade']);
    expect(score('显著提高', value(90)).score).toBe(0);
  });

  it('stays within [0, w] and on two decimals (property)', () => {
    const operators = ['≥', '>', '≤', '<', '=', ''];
    const actual: fc.Arbitrary<IndicatorActual> = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(value),
      fc.record({
        kind: fc.constant('graded' as const),
        grade: fc.constantFrom('达成' as const, '部分达成' as const, '未达成' as const),
        percent: fc.double({ min: -50, max: 150, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...operators),
        fc.integer({ min: 0, max: 100_000 }),
        actual,
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (operator, targetHundredths, a, weightHundredths, linear) => {
          const target = parseTargetValue(`${operator}${targetHundredths / 100}个`);
          const w = weightHundredths / 100;
          const r = scoreIndicator(target, a, w, linear ? LINEAR : DEFAULT_SELF_EVALUATION_CONFIG);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(w);
          expect(Math.round(r.score * 100) / 100).toBe(r.score);
        },
      ),
    );
  });
});

describe('scoreExecution', () => {
  it.each([
    ['10', '9.2', 92, 9.2],
    ['50', '35', 70, 7],
    ['50', '60', 120, 10],
    ['3', '1', 33.33, 3.33],
    ['3', '2', 66.67, 6.67],
    ['100', '0', 0, 0],
  ])('budget %s万元, spent %s万元 → %s%%, %s points', (budget, spent, rate, points) => {
    expect(scoreExecution(wan(spent), wan(budget))).toEqual({ ratePercent: rate, score: points });
  });

  it('cannot score without a budget', () => {
    expect(scoreExecution(100, null)).toEqual({ ratePercent: null, score: 0 });
    const r = evaluateProject({ ...EXAMPLE_1, adjustedBudgetFen: 0 });
    expect(r.issues.map((i) => i.code)).toEqual(['budget.missing']);
    expect(r.execution.score).toBe(0);
  });

  it('asks for an explanation below 90% only', () => {
    const codes = (spent: string) =>
      evaluateProject({ ...EXAMPLE_1, spentFen: wan(spent) }).requirements.filter((q) => q.code === 'execution.explain');
    expect(codes('8.999')).toHaveLength(1);
    expect(codes('9')).toHaveLength(0);
  });
});

describe('the 130% prompt', () => {
  const prompts = (target: string, actual: number) =>
    evaluateProject({ ...EXAMPLE_1, indicators: [row('产出指标', '数量指标', '次数', target, value(actual))] }).requirements.filter(
      (q) => q.code === 'indicator.far-above',
    );

  it('asks when the actual is at least 130% of a ≥, > or = target', () => {
    expect(prompts('≥10次', 13)).toHaveLength(1);
    expect(prompts('>10次', 20)).toHaveLength(1);
    expect(prompts('10次', 13)).toHaveLength(1);
    expect(prompts('≥10次', 12.99)).toHaveLength(0);
  });

  it('does not ask for ≤ targets (missing them is already a deviation) nor for a target of 0', () => {
    expect(prompts('≤10次', 13)).toHaveLength(0);
    expect(prompts('≥0次', 13)).toHaveLength(0);
  });

  it('is met by an explanation', () => {
    const r = evaluateProject({
      ...EXAMPLE_1,
      indicators: [row('产出指标', '数量指标', '次数', '≥10次', value(20), { deviationCause: '目标设定偏低' })],
    });
    expect(r.requirements.find((q) => q.code === 'indicator.far-above')!.met).toBe(true);
  });

  it('follows the configured threshold', () => {
    const config = { ...DEFAULT_SELF_EVALUATION_CONFIG, explainFarAbovePercent: 150 };
    const r = evaluateProject({ ...EXAMPLE_1, indicators: [row('产出指标', '数量指标', '次数', '≥10次', value(13))] }, config);
    expect(r.requirements.filter((q) => q.code === 'indicator.far-above')).toHaveLength(0);
  });
});

describe('gradeOf', () => {
  it.each([
    [100, '优'],
    [90, '优'],
    [89.99, '良'],
    [80, '良'],
    [79.99, '中'],
    [60, '中'],
    [59.99, '差'],
    [0, '差'],
  ] as const)('%s → %s', (total, grade) => expect(gradeOf(total)).toBe(grade));
});

describe('weights', () => {
  const output = (weight?: number) => ({ indicator: buildIndicator({ level1: '产出指标' }), weight: weight ?? null });
  const outcome = (weight?: number) => ({ indicator: buildIndicator({ level1: '效益指标' }), weight: weight ?? null });
  const satisfaction = () => ({ indicator: buildIndicator({ level1: '满意度指标' }), weight: null });

  it('shares a category equally, odd hundredths to the first (50 ÷ 3, 10 ÷ 3)', () => {
    const r = allocateWeights([output(), output(), output(), outcome(), satisfaction(), satisfaction(), satisfaction()]);
    expect(r.weights).toEqual([16.67, 16.67, 16.66, 30, 3.34, 3.33, 3.33]);
    expect(r.issues).toEqual([]);
  });

  it('accepts set weights that add up to the category', () => {
    const r = allocateWeights([output(20), output(30), outcome(10), outcome(20), satisfaction()]);
    expect(r.weights).toEqual([20, 30, 10, 20, 10]);
    expect(r.issues).toEqual([]);
  });

  it('shares what the set weights leave among the others', () => {
    const r = allocateWeights([output(20), output(), output(), outcome(), satisfaction()]);
    expect(r.weights).toEqual([20, 15, 15, 30, 10]);
    expect(r.issues).toEqual([]);
  });

  it('reports set weights that do not add up', () => {
    const all = allocateWeights([output(20), output(20), outcome(), satisfaction()]);
    expect(all.issues.map((i) => i.code)).toEqual(['weights.sum']);
    const over = allocateWeights([output(40), output(20), output(), outcome(), satisfaction()]);
    expect(over.issues.map((i) => i.code)).toEqual(['weights.sum']);
    expect(over.weights[2]).toBe(0);
  });

  it('reports an unknown first-level category and an empty one', () => {
    const r = allocateWeights([
      { indicator: buildIndicator({ level1: null, level1Raw: '其他指标' }), weight: null },
      output(),
      outcome(),
    ]);
    expect(r.weights).toEqual([0, 50, 30]);
    expect(r.issues.map((i) => [i.code, i.indicator])).toEqual([
      ['weights.level1-unknown', 0],
      ['weights.category-empty', null],
    ]);
  });

  it('counts a raw category name when the standard one is missing', () => {
    const r = allocateWeights([{ indicator: buildIndicator({ level1: null, level1Raw: '产出指标' }), weight: null }, outcome(), satisfaction()]);
    expect(r.weights).toEqual([50, 30, 10]);
  });

  it('validates the configured points (100 in all) and bands', () => {
    expect(validateSelfEvaluationConfig(DEFAULT_SELF_EVALUATION_CONFIG)).toEqual([]);
    const newer = { ...DEFAULT_SELF_EVALUATION_CONFIG, level1Weights: { 产出指标: 30, 成本指标: 20, 效益指标: 30, 满意度指标: 10 } };
    expect(validateSelfEvaluationConfig(newer)).toEqual([]);
    const off = { ...DEFAULT_SELF_EVALUATION_CONFIG, executionWeight: 20 };
    expect(validateSelfEvaluationConfig(off).map((i) => i.code)).toEqual(['weights.total']);
    expect(evaluateProject(EXAMPLE_1, off).issues.map((i) => i.code)).toEqual(['config.invalid']);
    const thirds = { ...DEFAULT_SELF_EVALUATION_CONFIG, executionWeight: 0, level1Weights: { a: 33.33, b: 33.33, c: 33.34 } };
    expect(validateSelfEvaluationConfig(thirds)).toEqual([]);
    const badBand = {
      ...DEFAULT_SELF_EVALUATION_CONFIG,
      achievementBands: { ...DEFAULT_SELF_EVALUATION_CONFIG.achievementBands, 未达成: { min: 50, max: 0 } },
    };
    expect(validateSelfEvaluationConfig(badBand).map((i) => i.code)).toEqual(['bands.invalid']);
  });

  it('selects configuration per region and year', () => {
    const assignments = [{ region: '13', from: 2025, to: null, config: { negativeFormula: 'linear' as const } }];
    expect(selectSelfEvaluationConfig(2025, '130202', assignments).negativeFormula).toBe('linear');
    expect(selectSelfEvaluationConfig(2024, '130202', assignments).negativeFormula).toBe('ratio');
  });
});

describe('evaluateProject (property)', () => {
  it('keeps every score within its weight and the total within [0, 100]', () => {
    const level1 = fc.constantFrom('产出指标', '效益指标', '满意度指标', '其他');
    const indicator = fc.record({
      level1,
      operator: fc.constantFrom('≥', '≤', '=', '<', '>'),
      target: fc.integer({ min: 0, max: 10_000 }),
      actual: fc.oneof(
        fc.integer({ min: -100, max: 100_000 }).map((v) => value(v / 10)),
        fc.record({
          kind: fc.constant('graded' as const),
          grade: fc.constantFrom('达成' as const, '部分达成' as const, '未达成' as const),
          percent: fc.integer({ min: 0, max: 100 }),
        }),
        fc.constant(null),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(indicator, { maxLength: 12 }),
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: 0, max: 1e10 }),
        fc.boolean(),
        (rows, budget, spent, linear) => {
          const r = evaluateProject(
            {
              adjustedBudgetFen: budget,
              spentFen: spent,
              indicators: rows.map((x) => row(x.level1, '', 'x', `${x.operator}${x.target}个`, x.actual)),
            },
            linear ? LINEAR : DEFAULT_SELF_EVALUATION_CONFIG,
          );
          for (const i of r.indicators) {
            expect(i.score).toBeGreaterThanOrEqual(0);
            expect(i.score).toBeLessThanOrEqual(i.weight);
          }
          expect(r.execution.score).toBeLessThanOrEqual(10);
          expect(r.total).toBeGreaterThanOrEqual(0);
          expect(r.total).toBeLessThanOrEqual(100);
          expect(Math.round(r.total * 100) / 100).toBe(r.total);
        },
      ),
    );
  });
});

describe('a cost cap is scored against what was spent (issue 58)', () => {
  it('takes the 全年执行数 as its actual, whatever was typed: ≤59.5万元 on a project that spent 440万元 gets a fraction of its points', () => {
    const input = {
      adjustedBudgetFen: wan('474'),
      spentFen: wan('440'),
      executionExplanation: null,
      indicators: [row('产出指标', '成本指标', '项目成本', '≤59.5万元', value(50)), row('产出指标', '数量指标', '培训人次', '≥100人次', value(100))],
    };
    const r = evaluateProject(input);
    const cost = r.indicators[0]!;
    expect(cost.score).toBeLessThan(cost.weight);
    // w × A ÷ B, with B what was spent
    expect(cost.score).toBeCloseTo(roundHalfUp((cost.weight * 59.5) / 440, 2), 2);
    // the 2021 framework's 经济成本指标, in 元, the same; a cost per person (元/人) is no cap on the project
    expect(evaluateProject({ ...input, indicators: [row('成本指标', '经济成本指标', '项目成本', '≤595000元', value(1))] }).indicators[0]!.achievedPercent).not.toBe(100);
    expect(evaluateProject({ ...input, indicators: [row('产出指标', '成本指标', '人均培训成本', '≤500元/人', value(400))] }).indicators[0]!.score).toBe(evaluateProject({ ...input, indicators: [row('产出指标', '成本指标', '人均培训成本', '≤500元/人', value(400))] }).indicators[0]!.weight);
  });
});
