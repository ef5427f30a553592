/**
 * The settings of self-evaluation (绩效自评), as data: the 100 points, the formula for negative
 * targets, the grading bands of qualitative targets, the explanation thresholds and the grades.
 * lifecycle.md §3 gives the defaults (财预〔2020〕10号); places differ, so a region and year can
 * override any part (SELF_EVALUATION_CONFIG_ASSIGNMENTS), never the code. Pure data.
 */

/** The evaluator's grade of a qualitative or deadline target. */
export type AchievementGrade = '达成' | '部分达成' | '未达成';

/** The project's grade by total score. */
export type EvaluationGrade = '优' | '良' | '中' | '差';

export interface SelfEvaluationConfig {
  id: string;
  /** Points for budget execution (预算执行率). */
  executionWeight: number;
  /** Points per first-level category (standard names). With executionWeight they add up to 100. */
  level1Weights: Record<string, number>;
  /**
   * Negative targets (≤, <) missed: 'ratio' scores w × A ÷ B (national default); 'linear' scores
   * w × max(0, 1 − (B − A) ÷ A) (some provinces).
   */
  negativeFormula: 'ratio' | 'linear';
  /** Percent of the weight each grade allows, both ends inclusive (some places use 80/60 instead of 80/50). */
  achievementBands: Record<AchievementGrade, { min: number; max: number }>;
  /** An execution rate below this percent needs an explanation. */
  explainExecutionBelowPercent: number;
  /** An actual value at or above this percent of a (positive or equality) target asks for an explanation. */
  explainFarAbovePercent: number;
  /** Total score → grade: the first band whose min the total reaches (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差). */
  gradeBands: { grade: EvaluationGrade; min: number }[];
  /**
   * The funds' score of a submitted 自评表 (执行率 × 分值, issue 59), how the region rounds it: to `decimals`
   * places, half up (national practice) or down (some provinces cut the score, never rounding it up).
   */
  fundsRounding: { decimals: number; mode: 'halfUp' | 'down' };
  /** 自评复核 (issue 59): the share of the submitted tables the bureau checks, in percent, and from what 全年预算数 (fen) a project is large (all checked). */
  reviewSharePercent: number;
  largeProjectFen: number;
}

export const DEFAULT_SELF_EVALUATION_CONFIG: SelfEvaluationConfig = {
  id: 'default-2025',
  executionWeight: 10,
  level1Weights: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
  negativeFormula: 'ratio',
  achievementBands: {
    达成: { min: 80, max: 100 },
    部分达成: { min: 50, max: 80 },
    未达成: { min: 0, max: 50 },
  },
  explainExecutionBelowPercent: 90,
  explainFarAbovePercent: 130,
  gradeBands: [
    { grade: '优', min: 90 },
    { grade: '良', min: 80 },
    { grade: '中', min: 60 },
    { grade: '差', min: 0 },
  ],
  fundsRounding: { decimals: 2, mode: 'halfUp' },
  reviewSharePercent: 30,
  largeProjectFen: 500_000_000, // 500万元
};

/** Which settings a (region, year) uses: the most specific rule wins. */
export interface SelfEvaluationConfigAssignment {
  region: string | null;
  from: number | null;
  to: number | null;
  config: Partial<SelfEvaluationConfig>;
}

export const SELF_EVALUATION_CONFIG_ASSIGNMENTS: readonly SelfEvaluationConfigAssignment[] = [];

/**
 * The settings for a region (division code prefix, e.g. "1302") and budget year: the defaults,
 * overlaid by each applicable assignment from the least to the most specific.
 * @example selectSelfEvaluationConfig(2025, "130202").executionWeight // 10
 */
export function selectSelfEvaluationConfig(
  year: number | null,
  region?: string | null,
  assignments: readonly SelfEvaluationConfigAssignment[] = SELF_EVALUATION_CONFIG_ASSIGNMENTS,
): SelfEvaluationConfig {
  const applicable = assignments
    .filter(
      (a) =>
        (a.region === null || (region ?? '').startsWith(a.region)) &&
        (a.from === null || (year !== null && year >= a.from)) &&
        (a.to === null || (year !== null && year <= a.to)),
    )
    .sort((a, b) => (a.region?.length ?? 0) - (b.region?.length ?? 0) || (a.from ?? 0) - (b.from ?? 0));
  return applicable.reduce<SelfEvaluationConfig>(
    (config, a) => ({ ...config, ...a.config }),
    DEFAULT_SELF_EVALUATION_CONFIG,
  );
}

export interface ConfigIssue {
  code: 'weights.total' | 'weights.negative' | 'bands.invalid' | 'grades.order';
  message: string;
}

/**
 * Checks a configuration, as data: weights add up to 100, bands lie within 0–100.
 * @example validateSelfEvaluationConfig(DEFAULT_SELF_EVALUATION_CONFIG) // []
 */
export function validateSelfEvaluationConfig(config: SelfEvaluationConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const weights = [config.executionWeight, ...Object.values(config.level1Weights)];
  if (weights.some((w) => !(w >= 0))) issues.push({ code: 'weights.negative', message: '分值不能为负数' });
  // Sum in hundredths so 33.33 + 33.33 + 33.34 is exactly 100.
  const totalHundredths = weights.reduce((sum, w) => sum + Math.round(w * 100), 0);
  if (totalHundredths !== 10_000) {
    issues.push({ code: 'weights.total', message: `预算执行与一级指标分值合计为${totalHundredths / 100}，应为100` });
  }
  for (const [grade, band] of Object.entries(config.achievementBands)) {
    if (!(band.min >= 0 && band.max <= 100 && band.min <= band.max)) {
      issues.push({ code: 'bands.invalid', message: `“${grade}”的得分区间${band.min}–${band.max}%无效` });
    }
  }
  const mins = config.gradeBands.map((b) => b.min);
  if (mins.some((m, i) => i > 0 && m >= mins[i - 1]!)) {
    issues.push({ code: 'grades.order', message: '等级区间须按下限从高到低排列' });
  }
  return issues;
}
