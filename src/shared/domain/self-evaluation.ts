/**
 * Self-evaluation after the year (绩效自评), lifecycle.md §3: weights, indicator and execution
 * scores, total and grade, and what must still be explained — all returned as data, never thrown.
 *
 * Pure code (no I/O, no Node APIs): it runs in the browser too. Settings come from
 * self-evaluation-config.ts.
 *
 * Exactness: points are kept as integer hundredths inside (12.5 points = 1250), so weights and the
 * total add up without binary noise. Each score is rounded once, half up to two decimals (1250 ×
 * 80 ÷ 85 = 1176.47 → 1176 … see roundHalfUp); the total is the sum of the rounded scores. Money
 * (execution) is integer fen and scored with BigInt arithmetic, exactly. Weights are split in
 * hundredths too: 50 points over 3 indicators is 16.67 + 16.67 + 16.66, so the points always add
 * up to the category's and no total can exceed 100.
 */
import type { Fen, Indicator, TargetValue } from './model';
import { percentHundredths } from './money';
import { roundHalfUp } from './rounding';
import { DEFAULT_SELF_EVALUATION_CONFIG, validateSelfEvaluationConfig } from './self-evaluation-config';
import type { AchievementGrade, EvaluationGrade, SelfEvaluationConfig } from './self-evaluation-config';

/** The actual value of an indicator: a number for quantitative targets, else the evaluator's grade. */
export type IndicatorActual =
  | { kind: 'value'; value: number }
  | { kind: 'graded'; grade: AchievementGrade; percent: number };

export interface IndicatorEvaluationInput {
  indicator: Pick<Indicator, 'level1' | 'level1Raw' | 'name' | 'target'> & { level2?: string | null };
  /** Points set for this indicator; null/undefined to share the category's weight equally. */
  weight?: number | null;
  /** 实际完成值; null when not recorded yet. */
  actual: IndicatorActual | null;
  /** 偏差原因分析 (also the explanation of a value far above target). */
  deviationCause?: string | null;
  /** 改进措施 */
  improvement?: string | null;
}

export interface SelfEvaluationInput {
  /** 全年预算数 (the adjusted annual budget). */
  adjustedBudgetFen: Fen | null;
  /** 全年执行数 */
  spentFen: Fen;
  /** Why the execution rate is low, when it is. */
  executionExplanation?: string | null;
  indicators: IndicatorEvaluationInput[];
}

/** How an indicator was scored. */
export type ScoreMethod = 'positive' | 'negative' | 'equality' | 'graded' | 'none';

export interface EvaluationIssue {
  code:
    | 'config.invalid'
    | 'weights.sum'
    | 'weights.level1-unknown'
    | 'weights.category-empty'
    | 'actual.missing'
    | 'actual.needs-grade'
    | 'grade.out-of-band'
    | 'budget.missing';
  message: string;
  /** Index into `input.indicators`; null for the project as a whole. */
  indicator: number | null;
}

export interface Requirement {
  code: 'indicator.deviation' | 'indicator.far-above' | 'execution.explain';
  message: string;
  indicator: number | null;
  /** Whether the input already gives what is asked. */
  met: boolean;
}

export interface IndicatorScore {
  /** Points, two decimals. */
  score: number;
  method: ScoreMethod;
  /** B ÷ A × 100 rounded to two decimals, for quantitative targets with A ≠ 0; else null. */
  achievedPercent: number | null;
  issues: EvaluationIssue[];
}

export interface SelfEvaluationResult {
  execution: { ratePercent: number | null; weight: number; score: number };
  indicators: (IndicatorScore & { index: number; level1: string; name: string; weight: number })[];
  categories: { level1: string; weight: number; score: number }[];
  total: number;
  grade: EvaluationGrade;
  requirements: Requirement[];
  issues: EvaluationIssue[];
}

// ---------------------------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------------------------

const toHundredths = (points: number): number => roundHalfUp(points * 100, 0);

/**
 * Budget execution: weight × min(1, spent ÷ adjusted annual budget), exact on fen.
 * @example scoreExecution(9_200_000, 10_000_000) // { ratePercent: 92, score: 9.2 }
 */
export function scoreExecution(
  spentFen: Fen,
  adjustedBudgetFen: Fen | null,
  config: SelfEvaluationConfig = DEFAULT_SELF_EVALUATION_CONFIG,
): { ratePercent: number | null; score: number } {
  if (adjustedBudgetFen === null || adjustedBudgetFen <= 0) return { ratePercent: null, score: 0 };
  const spent = BigInt(Math.max(0, spentFen));
  const budget = BigInt(adjustedBudgetFen);
  const weight = BigInt(toHundredths(config.executionWeight));
  // Half up in integers: floor((2·w·spent + budget) ÷ (2·budget)).
  const hundredths = (2n * weight * spent + budget) / (2n * budget);
  const capped = hundredths > weight ? weight : hundredths;
  return { ratePercent: percentHundredths(Math.max(0, spentFen), adjustedBudgetFen)! / 100, score: Number(capped) / 100 };
}

/**
 * One indicator's score out of `weight` points (lifecycle.md §3): positive w × min(1, B/A);
 * negative full when B ≤ A else w × A/B (or linear); equality as positive, or for A = 0 full when
 * B ≤ 0; qualitative/deadline by grade and the percentage chosen inside its band.
 * @example scoreIndicator(parseTargetValue("≥85%"), { kind: 'value', value: 80 }, 10).score // 9.41
 */
export function scoreIndicator(
  target: TargetValue,
  actual: IndicatorActual | null,
  weight: number,
  config: SelfEvaluationConfig = DEFAULT_SELF_EVALUATION_CONFIG,
  index: number | null = null,
): IndicatorScore {
  const r = scoreHundredths(target, actual, toHundredths(weight), config, index);
  return { ...r, score: r.hundredths / 100 };
}

function scoreHundredths(
  target: TargetValue,
  actual: IndicatorActual | null,
  w: number,
  config: SelfEvaluationConfig,
  index: number | null,
): Omit<IndicatorScore, 'score'> & { hundredths: number } {
  const none = (issue: EvaluationIssue) => ({ hundredths: 0, method: 'none' as const, achievedPercent: null, issues: [issue] });
  if (actual === null) return none({ code: 'actual.missing', message: '未填写实际完成值', indicator: index });

  if (actual.kind === 'graded') {
    const band = config.achievementBands[actual.grade];
    const issues: EvaluationIssue[] = [];
    let percent = actual.percent;
    if (!(percent >= band.min && percent <= band.max)) {
      issues.push({
        code: 'grade.out-of-band',
        message: `“${actual.grade}”的得分比例应在${band.min}%–${band.max}%之间，填写的是${actual.percent}%`,
        indicator: index,
      });
      // Score inside the band anyway, so a typo does not zero the indicator; the issue blocks submission.
      percent = Number.isFinite(percent) ? Math.min(band.max, Math.max(band.min, percent)) : band.min;
    }
    return { hundredths: clampRound((w * percent) / 100, w), method: 'graded', achievedPercent: null, issues };
  }

  if (target.kind !== 'quantitative' || target.value === null || target.operator === null) {
    return none({ code: 'actual.needs-grade', message: '定性或时限指标须评定完成等级（达成/部分达成/未达成）及得分比例', indicator: index });
  }
  const a = target.value;
  const b = actual.value;
  if (!Number.isFinite(b)) return none({ code: 'actual.missing', message: '实际完成值不是数值', indicator: index });
  const achievedPercent = a !== 0 ? roundHalfUp((b / a) * 100) : null;
  const scored = (method: ScoreMethod, raw: number) => ({ hundredths: clampRound(raw, w), method, achievedPercent, issues: [] });

  switch (target.operator) {
    case '≥':
    case '>':
      return scored('positive', positive(a, b, w));
    case '≤':
    case '<':
      // A target of 0 or below has no scale to measure the excess against: missed is zero.
      if (b <= a) return scored('negative', w);
      if (a <= 0) return scored('negative', 0);
      return scored('negative', config.negativeFormula === 'linear' ? (w * (2 * a - b)) / a : (w * a) / b);
    case '=':
      if (a > 0) return scored('equality', positive(a, b, w));
      if (a === 0) return scored('equality', b <= 0 ? w : 0);
      return scored('equality', b === a ? w : 0);
  }
}

/** w × min(1, B/A); a target of 0 or below is met by anything at least as high. */
function positive(a: number, b: number, w: number): number {
  if (a <= 0) return b >= a ? w : 0;
  return (w * b) / a; // multiply first: fewer roundings than w × (b / a)
}

/** Rounds hundredths half up to an integer inside [0, w]. */
function clampRound(raw: number, w: number): number {
  return Math.min(w, Math.max(0, roundHalfUp(raw, 0)));
}

/**
 * The grade of a total: 优 ≥ 90, 良 80 to < 90, 中 60 to < 80, 差 < 60 (bands from config).
 * @example gradeOf(91.86) // '优'
 */
export function gradeOf(total: number, config: SelfEvaluationConfig = DEFAULT_SELF_EVALUATION_CONFIG): EvaluationGrade {
  const band = config.gradeBands.find((b) => total >= b.min);
  return band?.grade ?? config.gradeBands[config.gradeBands.length - 1]?.grade ?? '差';
}

// ---------------------------------------------------------------------------------------------
// Weights
// ---------------------------------------------------------------------------------------------

/** The first-level category an indicator counts under: the standard name, else the raw text. */
function level1Of(indicator: Pick<Indicator, 'level1' | 'level1Raw'>): string {
  return indicator.level1 ?? indicator.level1Raw;
}

/**
 * Each indicator's points: set weights as given, the rest of the category's weight shared equally
 * (in hundredths, the first indicators taking the odd hundredths: 50 ÷ 3 = 16.67/16.67/16.66).
 * Set weights must add up to the category's weight (exactly when all are set).
 * @example allocateWeights(fourOutputIndicators).weights // [12.5, 12.5, 12.5, 12.5]
 */
export function allocateWeights(
  indicators: readonly Pick<IndicatorEvaluationInput, 'indicator' | 'weight'>[],
  config: SelfEvaluationConfig = DEFAULT_SELF_EVALUATION_CONFIG,
): { weights: number[]; issues: EvaluationIssue[] } {
  const hundredths = allocateHundredths(indicators, config);
  return { weights: hundredths.weights.map((w) => w / 100), issues: hundredths.issues };
}

function allocateHundredths(
  indicators: readonly Pick<IndicatorEvaluationInput, 'indicator' | 'weight'>[],
  config: SelfEvaluationConfig,
): { weights: number[]; issues: EvaluationIssue[] } {
  const weights = indicators.map(() => 0);
  const issues: EvaluationIssue[] = [];
  indicators.forEach((input, index) => {
    const level1 = level1Of(input.indicator);
    if (!(level1 in config.level1Weights)) {
      issues.push({ code: 'weights.level1-unknown', message: `一级指标“${level1}”不在自评分值表中，不计分`, indicator: index });
    }
  });
  for (const [level1, categoryPoints] of Object.entries(config.level1Weights)) {
    const category = toHundredths(categoryPoints);
    const members = indicators.flatMap((input, index) => (level1Of(input.indicator) === level1 ? [index] : []));
    if (members.length === 0) {
      issues.push({ code: 'weights.category-empty', message: `缺少“${level1}”，其${categoryPoints}分无法得分`, indicator: null });
      continue;
    }
    const set = members.filter((i) => indicators[i]!.weight != null);
    const unset = members.filter((i) => indicators[i]!.weight == null);
    for (const i of set) weights[i] = Math.max(0, toHundredths(indicators[i]!.weight!));
    const setSum = set.reduce((sum, i) => sum + weights[i]!, 0);
    if (unset.length === 0 ? setSum !== category : setSum > category) {
      issues.push({
        code: 'weights.sum',
        message: `“${level1}”下各指标分值合计${setSum / 100}，应${unset.length === 0 ? '等于' : '不超过'}${categoryPoints}`,
        indicator: null,
      });
    }
    const rest = Math.max(0, category - setSum);
    const share = Math.floor(rest / Math.max(1, unset.length));
    unset.forEach((i, k) => {
      weights[i] = share + (k < rest - share * unset.length ? 1 : 0);
    });
  }
  return { weights, issues };
}

// ---------------------------------------------------------------------------------------------
// The project
// ---------------------------------------------------------------------------------------------

const filled = (text: string | null | undefined): boolean => (text ?? '').trim() !== '';

/** Fen in one of each unit of an amount. */
const FEN_PER_UNIT: Readonly<Record<string, number>> = { 元: 100, 万元: 1_000_000, 亿元: 10_000_000_000 };

/**
 * Whether an indicator caps what the project costs: a 成本指标 (the level 2 of the 2015 framework, or 经济成本指标
 * under the 2021 level 1) whose target is an amount (万元, 元, 亿元) with ≤ or <, such as "≤59.5万元" — a cost per
 * person (元/人) is no such cap.
 */
export function isProjectCostCap(indicator: Pick<IndicatorEvaluationInput['indicator'], 'level1' | 'target'> & { level2?: string | null }): boolean {
  const cost = indicator.level2 === '成本指标' || (indicator.level1 === '成本指标' && (indicator.level2 === '经济成本指标' || indicator.level2 == null));
  const t = indicator.target;
  return cost && t.kind === 'quantitative' && (t.operator === '≤' || t.operator === '<') && t.unit !== null && FEN_PER_UNIT[t.unit] !== undefined;
}

/**
 * A cost cap is scored against what was spent (issue 58): its actual is never less than the 全年执行数 in its unit
 * — "≤59.5万元" of a project that spent 440万元 does not take full marks — and is the 全年执行数 when nothing was
 * typed (a cost above it, typed, stands: the project's cost may take in other money). Null for any other
 * indicator, and for a cost cap whose typed actual is at least what was spent.
 */
export function costActualOf(
  indicator: Pick<IndicatorEvaluationInput['indicator'], 'level1' | 'target'> & { level2?: string | null },
  spentFen: Fen,
  typed: IndicatorActual | null = null,
): IndicatorActual | null {
  // nothing spent (nothing recorded yet): what was typed, if anything
  if (!isProjectCostCap(indicator) || spentFen <= 0) return null;
  const spent = spentFen / FEN_PER_UNIT[indicator.target.unit!]!;
  if (typed !== null && typed.kind === 'value' && typed.value >= spent) return null;
  return { kind: 'value', value: spent };
}

/**
 * Scores a project: execution, every indicator, categories, total and grade, with what is still
 * to be explained (requirements) and what is wrong with the input (issues).
 * @example evaluateProject(workedExample1).total // 91.86, grade '优'
 */
export function evaluateProject(
  input: SelfEvaluationInput,
  config: SelfEvaluationConfig = DEFAULT_SELF_EVALUATION_CONFIG,
): SelfEvaluationResult {
  const issues: EvaluationIssue[] = validateSelfEvaluationConfig(config).map((i) => ({
    code: 'config.invalid' as const,
    message: i.message,
    indicator: null,
  }));
  const requirements: Requirement[] = [];

  const executionWeight = toHundredths(config.executionWeight);
  const execution = scoreExecution(input.spentFen, input.adjustedBudgetFen, config);
  if (execution.ratePercent === null) {
    issues.push({ code: 'budget.missing', message: '全年预算数缺失或为零，无法计算预算执行率', indicator: null });
  } else if (execution.ratePercent < config.explainExecutionBelowPercent) {
    requirements.push({
      code: 'execution.explain',
      message: `预算执行率${execution.ratePercent.toFixed(2)}%低于${config.explainExecutionBelowPercent}%，须说明原因`,
      indicator: null,
      met: filled(input.executionExplanation),
    });
  }

  const allocation = allocateHundredths(input.indicators, config);
  issues.push(...allocation.issues);
  const indicators = input.indicators.map((entry, index) => {
    const w = allocation.weights[index]!;
    const r = scoreHundredths(entry.indicator.target, costActualOf(entry.indicator, input.spentFen, entry.actual) ?? entry.actual, w, config, index);
    issues.push(...r.issues);
    const name = entry.indicator.name;
    if (r.hundredths < w) {
      requirements.push({
        code: 'indicator.deviation',
        message: `“${name}”未得满分，须填写偏差原因分析及改进措施`,
        indicator: index,
        met: filled(entry.deviationCause) && filled(entry.improvement),
      });
    }
    const operator = entry.indicator.target.operator;
    const upward = operator === '≥' || operator === '>' || operator === '=';
    const a = entry.indicator.target.value;
    if (upward && a !== null && a > 0 && r.achievedPercent !== null && r.achievedPercent >= config.explainFarAbovePercent) {
      requirements.push({
        code: 'indicator.far-above',
        message: `“${name}”实际完成值为目标的${r.achievedPercent}%，须说明原因（目标是否设定偏低）`,
        indicator: index,
        met: filled(entry.deviationCause),
      });
    }
    return {
      index,
      level1: level1Of(entry.indicator),
      name,
      weight: w / 100,
      score: r.hundredths / 100,
      method: r.method,
      achievedPercent: r.achievedPercent,
      issues: r.issues,
      hundredths: r.hundredths,
    };
  });

  const categories = Object.entries(config.level1Weights).map(([level1, weight]) => ({
    level1,
    weight,
    score: indicators.filter((i) => i.level1 === level1).reduce((sum, i) => sum + i.hundredths, 0) / 100,
  }));
  const executionHundredths = Math.min(executionWeight, toHundredths(execution.score));
  const totalHundredths = indicators.reduce((sum, i) => sum + i.hundredths, executionHundredths);
  const total = totalHundredths / 100;

  return {
    execution: { ratePercent: execution.ratePercent, weight: config.executionWeight, score: executionHundredths / 100 },
    indicators: indicators.map(({ hundredths: _, ...rest }) => rest),
    categories,
    total,
    grade: gradeOf(total, config),
    requirements,
    issues,
  };
}
