/**
 * Using the evaluation results (结果运用): per project, a results sheet built from the
 * self-evaluation and the last monitoring round — grade, score, execution rate, deviations with
 * their reasons, problems found — and the consequence for next year's budget that the rules
 * suggest (优先保障 / 保持 / 调整 / 压减 / 取消 with a percentage of this year's budget), which the
 * finance bureau accepts or overrides with a reason. Region summaries of the decisions.
 *
 * Pure code (no I/O): runs in the browser too. The rules are data (ResultsUseConfig), chosen per
 * region and year with selectConfig, never code. Money is integer fen; percentages are handled as
 * integer hundredths (80.5% = 8050), and the suggested amount is exact (amountOfPercent: half up
 * to the fen through BigInt).
 */
import { selectConfig, type ConfigAssignment } from './config-assignments';
import type { Fen } from './model';
import { amountBoundProblem, amountOfPercent } from './money';
import type { EvaluationGrade } from './self-evaluation-config';

/** What the result means for next year's budget, from the most favourable to the most severe. */
export const CONSEQUENCES = ['优先保障', '保持', '调整', '压减', '取消'] as const;
export type Consequence = (typeof CONSEQUENCES)[number];

export const EVALUATION_GRADES: readonly EvaluationGrade[] = ['优', '良', '中', '差'];

/** A consequence with next year's budget as a percent of this year's (at most two decimals). */
export interface ConsequenceRule {
  consequence: Consequence;
  percent: number;
}

/** A rule beyond the grade; every rule that applies is listed, the most severe decides. */
export type ExtraRule = ConsequenceRule &
  (
    | { kind: 'execution-below'; /** execution rate strictly below this percent */ belowPercent: number }
    | { kind: 'score-below'; /** total strictly below this score */ below: number }
    | { kind: 'unexplained-deviations'; /** at least this many deviations without a reason */ atLeast: number }
  );

export interface ResultsUseConfig {
  id: string;
  /** The consequence each grade suggests. */
  gradeRules: Record<EvaluationGrade, ConsequenceRule>;
  extraRules: ExtraRule[];
  /** Which percentages each consequence allows when the finance bureau sets one (both ends inclusive). */
  percentBounds: Record<Consequence, { min: number; max: number }>;
  /** An execution rate below this percent is listed as a problem. */
  problemExecutionBelowPercent: number;
  /** An override's reason needs at least this many characters. */
  minReasonLength: number;
  /**
   * Whether the public pages show a project's self-evaluation grade and score and its consequence
   * (once the self-evaluation is complete) and a department's totals.
   */
  publishResults: boolean;
}

export const DEFAULT_RESULTS_USE_CONFIG: ResultsUseConfig = {
  id: 'default-2025',
  gradeRules: {
    优: { consequence: '优先保障', percent: 100 },
    良: { consequence: '保持', percent: 100 },
    中: { consequence: '调整', percent: 90 },
    差: { consequence: '压减', percent: 70 },
  },
  extraRules: [
    { kind: 'execution-below', belowPercent: 60, consequence: '压减', percent: 80 },
    { kind: 'score-below', below: 40, consequence: '取消', percent: 0 },
    { kind: 'unexplained-deviations', atLeast: 3, consequence: '调整', percent: 95 },
  ],
  percentBounds: {
    优先保障: { min: 100, max: 200 },
    保持: { min: 100, max: 100 },
    调整: { min: 50, max: 150 },
    压减: { min: 0, max: 99.99 },
    取消: { min: 0, max: 0 },
  },
  problemExecutionBelowPercent: 90,
  minReasonLength: 5,
  publishResults: false,
};

export type ResultsUseConfigAssignment = ConfigAssignment<ResultsUseConfig>;

/**
 * Overrides by region and year. 路南区 (130202, the region of the demo and of the test documents)
 * publishes its self-evaluation results from 2025: the example of a region's choice; elsewhere
 * nothing is published until a line here says so.
 */
export const RESULTS_USE_CONFIG_ASSIGNMENTS: readonly ResultsUseConfigAssignment[] = [
  { region: '130202', from: 2025, to: null, config: { id: 'lunan-2025', publishResults: true } },
];

/**
 * The rules for a region (division-code prefix) and budget year.
 * @example selectResultsUseConfig(2025, '130202').gradeRules.差 // { consequence: '压减', percent: 70 }
 */
export function selectResultsUseConfig(
  year: number | null,
  region?: string | null,
  assignments: readonly ResultsUseConfigAssignment[] = RESULTS_USE_CONFIG_ASSIGNMENTS,
): ResultsUseConfig {
  return selectConfig(DEFAULT_RESULTS_USE_CONFIG, assignments, year, region);
}

const SEVERITY: Record<Consequence, number> = { 优先保障: 0, 保持: 1, 调整: 2, 压减: 3, 取消: 4 };

/** 80.5 → 8050; null unless a finite number with at most two decimals. */
export function percentToHundredths(percent: number): number | null {
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return null;
  const h = Math.round(percent * 100);
  return h / 100 === percent && Number.isSafeInteger(h) ? h : null;
}

/**
 * Checks the rules, as data: every percent exact and inside its consequence's bounds.
 * @example validateResultsUseConfig(DEFAULT_RESULTS_USE_CONFIG) // []
 */
export function validateResultsUseConfig(config: ResultsUseConfig): string[] {
  const problems: string[] = [];
  for (const c of CONSEQUENCES) {
    const b = config.percentBounds[c];
    if (!b || percentToHundredths(b.min) === null || percentToHundredths(b.max) === null || b.min < 0 || b.min > b.max) {
      problems.push(`“${c}”的比例区间无效`);
    }
  }
  const rules: [string, ConsequenceRule][] = [
    ...EVALUATION_GRADES.map((g): [string, ConsequenceRule] => [`等级“${g}”`, config.gradeRules[g]]),
    ...config.extraRules.map((r, i): [string, ConsequenceRule] => [`附加规则 ${i + 1}`, r]),
  ];
  for (const [what, rule] of rules) {
    if (!rule || !CONSEQUENCES.includes(rule.consequence)) problems.push(`${what}的结果运用方式无效`);
    else if (percentProblem(rule.consequence, rule.percent, config) !== null) problems.push(`${what}：${percentProblem(rule.consequence, rule.percent, config)}`);
  }
  return problems;
}

/** Why `percent` is not allowed for `consequence`, or null. */
export function percentProblem(consequence: Consequence, percent: number, config: ResultsUseConfig): string | null {
  if (percentToHundredths(percent) === null) return `比例${String(percent)}应为数值，最多两位小数`;
  const b = config.percentBounds[consequence];
  if (percent < b.min || percent > b.max) {
    return b.min === b.max
      ? `“${consequence}”的下年预算比例应为${b.min}%，填写的是${percent}%`
      : `“${consequence}”的下年预算比例应在${b.min}%–${b.max}%之间，填写的是${percent}%`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The results sheet

/** An indicator of the self-evaluation that lost points, or a monitoring warning. */
export interface Deviation {
  source: '自评' | '监控';
  /** The indicator's name, or 预算执行 for spending. */
  item: string;
  /** What deviates: "目标≥85%，实际80%，得分9.41/10", "红灯（执行率为计划的45.2%）". */
  detail: string;
  /** The reason given (偏差原因 / cause and note); null: 未说明. */
  reason: string | null;
  /** The corrective or improvement measure given. */
  measure: string | null;
}

export interface Problem {
  code:
    | 'evaluation.missing'
    | 'evaluation.incomplete'
    | 'execution.low'
    | 'deviation.unexplained'
    | 'target.too-low'
    | 'monitoring.red'
    | 'monitoring.key';
  message: string;
}

/** What the sheet is built from: the project's self-evaluation and its last monitoring round. */
export interface ResultsFacts {
  /** Next year's amount is a percentage of this: 全年预算数, else 年初预算数. */
  budgetFen: Fen | null;
  evaluation: {
    total: number;
    grade: EvaluationGrade;
    complete: boolean;
    executionRatePercent: number | null;
    /** Indicators below full marks. */
    deviations: { item: string; detail: string; reason: string | null; measure: string | null }[];
    /** Actual values far above target (the target was probably set too low). */
    farAbove: string[];
    /** Unmet requirements of the self-evaluation (to explain, to fill in). */
    unmet: string[];
  } | null;
  monitoring: {
    asOf: string;
    keyMonitoring: boolean;
    /** Yellow and red entries of the round. */
    warnings: { item: string; light: 'yellow' | 'red'; detail: string; reason: string | null; measure: string | null }[];
  } | null;
}

/** A rule that applies, with why. */
export interface AppliedRule {
  rule: 'grade' | ExtraRule['kind'];
  consequence: Consequence;
  percent: number;
  because: string;
}

export interface Suggestion {
  consequence: Consequence;
  percent: number;
  /** percent of budgetFen, half up to the fen; null without a budget. */
  amountFen: Fen | null;
  /** Every rule that applies, the deciding one first. */
  rules: AppliedRule[];
}

export interface ResultsSheet {
  grade: EvaluationGrade | null;
  total: number | null;
  executionRatePercent: number | null;
  evaluationComplete: boolean;
  deviations: Deviation[];
  problems: Problem[];
  /** Null until the project has a self-evaluation. */
  suggestion: Suggestion | null;
}

const LIGHT_TEXT = { yellow: '黄灯', red: '红灯' } as const;

/**
 * The results sheet of a project. Pure.
 * @example deriveResultsSheet({ budgetFen: 10_000_000, evaluation: { total: 55, grade: '差', … }, monitoring: null }).suggestion
 *   // { consequence: '压减', percent: 70, amountFen: 7_000_000, … }
 */
export function deriveResultsSheet(facts: ResultsFacts, config: ResultsUseConfig = DEFAULT_RESULTS_USE_CONFIG): ResultsSheet {
  const e = facts.evaluation;
  const deviations: Deviation[] = [
    ...(e?.deviations ?? []).map((d) => ({ source: '自评' as const, ...d })),
    ...(facts.monitoring?.warnings ?? []).map((w) => ({
      source: '监控' as const,
      item: w.item,
      detail: `${LIGHT_TEXT[w.light]}（${facts.monitoring!.asOf}）${w.detail ? `：${w.detail}` : ''}`,
      reason: w.reason,
      measure: w.measure,
    })),
  ];
  const unexplained = deviations.filter((d) => (d.reason ?? '').trim() === '').length;

  const problems: Problem[] = [];
  if (e === null) problems.push({ code: 'evaluation.missing', message: '尚未填报绩效自评' });
  else {
    if (!e.complete) problems.push({ code: 'evaluation.incomplete', message: `绩效自评尚未完成：${e.unmet.length > 0 ? e.unmet.join('；') : '有指标未填写实际完成值'}` });
    if (e.executionRatePercent !== null && e.executionRatePercent < config.problemExecutionBelowPercent) {
      problems.push({ code: 'execution.low', message: `预算执行率${e.executionRatePercent.toFixed(2)}%，低于${config.problemExecutionBelowPercent}%` });
    }
    for (const name of e.farAbove) problems.push({ code: 'target.too-low', message: `“${name}”实际完成值远超目标，目标可能设定偏低` });
  }
  if (unexplained > 0) problems.push({ code: 'deviation.unexplained', message: `${unexplained} 处偏差未说明原因` });
  const reds = facts.monitoring?.warnings.filter((w) => w.light === 'red') ?? [];
  if (reds.length > 0) problems.push({ code: 'monitoring.red', message: `运行监控（${facts.monitoring!.asOf}）有 ${reds.length} 个红灯：${reds.map((r) => r.item).join('、')}` });
  if (facts.monitoring?.keyMonitoring) problems.push({ code: 'monitoring.key', message: '列入重点监控（预算规模大、支出进度慢）' });

  return {
    grade: e?.grade ?? null,
    total: e?.total ?? null,
    executionRatePercent: e?.executionRatePercent ?? null,
    evaluationComplete: e?.complete ?? false,
    deviations,
    problems,
    suggestion: e === null ? null : suggest(facts.budgetFen, e, unexplained, config),
  };
}

function suggest(budgetFen: Fen | null, e: NonNullable<ResultsFacts['evaluation']>, unexplained: number, config: ResultsUseConfig): Suggestion {
  const byGrade = config.gradeRules[e.grade];
  const rules: AppliedRule[] = [{ rule: 'grade', ...byGrade, because: `自评等级“${e.grade}”（${e.total.toFixed(2)}分）` }];
  for (const r of config.extraRules) {
    const applied = (because: string) => rules.push({ rule: r.kind, consequence: r.consequence, percent: r.percent, because });
    if (r.kind === 'execution-below' && e.executionRatePercent !== null && e.executionRatePercent < r.belowPercent) {
      applied(`预算执行率${e.executionRatePercent.toFixed(2)}%低于${r.belowPercent}%`);
    } else if (r.kind === 'score-below' && e.total < r.below) {
      applied(`自评得分${e.total.toFixed(2)}低于${r.below}分`);
    } else if (r.kind === 'unexplained-deviations' && unexplained >= r.atLeast) {
      applied(`${unexplained} 处偏差未说明原因（${r.atLeast} 处及以上）`);
    }
  }
  // The most severe consequence decides; at the same severity the lower percentage; then the grade's.
  const deciding = rules.reduce((best, r) =>
    SEVERITY[r.consequence] > SEVERITY[best.consequence] || (SEVERITY[r.consequence] === SEVERITY[best.consequence] && r.percent < best.percent) ? r : best,
  );
  return {
    consequence: deciding.consequence,
    percent: deciding.percent,
    amountFen: nextYearAmount(budgetFen, deciding.percent),
    rules: [deciding, ...rules.filter((r) => r !== deciding)],
  };
}

/**
 * Next year's amount: `percent` of this year's budget, half up to the fen, exact.
 * @example nextYearAmount(12_345_679, 70) // 8_641_975 (86,419.753 元 → 86,419.75)
 */
export function nextYearAmount(budgetFen: Fen | null, percent: number): Fen | null {
  if (budgetFen === null) return null;
  const h = percentToHundredths(percent);
  if (h === null) throw new RangeError(`percent must have at most two decimals, got ${percent}`);
  return amountOfPercent(budgetFen, h);
}

// ---------------------------------------------------------------------------------------------
// Decisions

/** The finance bureau's decision as given: accept the suggestion, or set another with a reason. */
export type DecisionInput =
  | { action: 'accept'; note?: string | null }
  | { action: 'override'; consequence: Consequence; percent: number; reason: string };

export interface CheckedDecision {
  consequence: Consequence;
  percent: number;
  amountFen: Fen | null;
  overridden: boolean;
  /** The override's reason, or the note of an acceptance. */
  reason: string | null;
}

/**
 * Checks a decision against the suggestion and the rules, as data. An override needs a consequence,
 * a percentage inside its bounds and a reason of at least minReasonLength characters, and must
 * differ from the suggestion.
 */
export function checkDecision(
  input: DecisionInput,
  suggestion: Suggestion | null,
  budgetFen: Fen | null,
  config: ResultsUseConfig = DEFAULT_RESULTS_USE_CONFIG,
): { ok: true; decision: CheckedDecision } | { ok: false; issues: { path: string; message: string }[] } {
  const issues: { path: string; message: string }[] = [];
  if (suggestion === null) return { ok: false, issues: [{ path: '', message: '项目尚未填报绩效自评，无法确定结果运用' }] };
  if (input.action === 'accept') {
    const note = (input.note ?? '').trim();
    return { ok: true, decision: { consequence: suggestion.consequence, percent: suggestion.percent, amountFen: suggestion.amountFen, overridden: false, reason: note === '' ? null : note } };
  }
  if (!CONSEQUENCES.includes(input.consequence)) issues.push({ path: 'consequence', message: `结果运用方式应为${CONSEQUENCES.join('、')}之一` });
  else {
    const p = percentProblem(input.consequence, input.percent, config);
    if (p !== null) issues.push({ path: 'percent', message: p });
  }
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length < config.minReasonLength) {
    issues.push({ path: 'reason', message: reason === '' ? '调整建议须填写理由' : `理由至少 ${config.minReasonLength} 个字` });
  }
  if (issues.length === 0 && input.consequence === suggestion.consequence && input.percent === suggestion.percent) {
    issues.push({ path: 'consequence', message: '与系统建议相同，请直接采纳' });
  }
  if (issues.length === 0) {
    const amountFen = nextYearAmount(budgetFen, input.percent);
    const bound = amountFen === null ? null : amountBoundProblem(amountFen);
    if (bound !== null) issues.push({ path: 'percent', message: bound });
    else return { ok: true, decision: { consequence: input.consequence, percent: input.percent, amountFen, overridden: true, reason } };
  }
  return { ok: false, issues };
}

// ---------------------------------------------------------------------------------------------
// Summaries

/** A project's line in a summary: its grade, this year's budget, the consequence in force. */
export interface ResultsLine {
  departmentId: number | null;
  departmentName: string | null;
  grade: EvaluationGrade | null;
  budgetFen: Fen | null;
  /** The decision's when decided, else the suggestion's; null without a self-evaluation. */
  consequence: Consequence | null;
  amountFen: Fen | null;
  decided: boolean;
  overridden: boolean;
}

export interface ConsequenceTotals {
  count: number;
  /** This year's budget of these projects. */
  budgetFen: number;
  /** Next year's suggested or decided amounts. */
  nextYearFen: number;
}

export interface ResultsTotals {
  projectCount: number;
  evaluatedCount: number;
  decidedCount: number;
  overriddenCount: number;
  gradeCounts: Record<EvaluationGrade, number>;
  byConsequence: Record<Consequence, ConsequenceTotals>;
  /** This year's budget of every project, and of the evaluated ones (those with a consequence). */
  budgetFen: number;
  evaluatedBudgetFen: number;
  nextYearFen: number;
  /** nextYearFen − evaluatedBudgetFen: what the consequences save (negative) or add. */
  changeFen: number;
}

/**
 * Counts and amounts of results lines. Exact: sums of integer fen.
 * @example summarizeResults(lines).byConsequence.压减.nextYearFen
 */
export function summarizeResults(lines: readonly ResultsLine[]): ResultsTotals {
  const gradeCounts = { 优: 0, 良: 0, 中: 0, 差: 0 };
  const byConsequence = Object.fromEntries(CONSEQUENCES.map((c) => [c, { count: 0, budgetFen: 0, nextYearFen: 0 }])) as Record<Consequence, ConsequenceTotals>;
  let evaluatedBudget = 0;
  let nextYear = 0;
  for (const l of lines) {
    if (l.grade !== null) gradeCounts[l.grade]++;
    if (l.consequence !== null) {
      const t = byConsequence[l.consequence];
      t.count++;
      t.budgetFen += l.budgetFen ?? 0;
      t.nextYearFen += l.amountFen ?? 0;
      evaluatedBudget += l.budgetFen ?? 0;
      nextYear += l.amountFen ?? 0;
    }
  }
  return {
    projectCount: lines.length,
    evaluatedCount: lines.filter((l) => l.consequence !== null).length,
    decidedCount: lines.filter((l) => l.decided).length,
    overriddenCount: lines.filter((l) => l.overridden).length,
    gradeCounts,
    byConsequence,
    budgetFen: lines.reduce((s, l) => s + (l.budgetFen ?? 0), 0),
    evaluatedBudgetFen: evaluatedBudget,
    nextYearFen: nextYear,
    changeFen: nextYear - evaluatedBudget,
  };
}
