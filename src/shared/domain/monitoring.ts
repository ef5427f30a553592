/**
 * In-year monitoring (绩效运行监控, "双监控"), lifecycle.md §2: the plan to date, the spending and
 * indicator warning lights, key monitoring, and what a yellow or red entry must explain.
 *
 * Pure code (no I/O, no Node APIs): it runs in the browser too. Settings come from
 * monitoring-config.ts.
 *
 * Time: every date is a whole day and counts as elapsed (data "as of 31 July" include 31 July).
 * The plan is a line through (1 January, 0%) and each checkpoint (its month's last day, cumulative
 * percent), as lifecycle.md states it; so 1 January itself is 0%.
 *
 * Rounding: everything is computed at full precision; `display` holds the numbers rounded half up to
 * two decimals, and the lights compare the *displayed* ratio, so a ratio shown as 80.00 is never
 * yellow because of binary noise (79.99999999). See rounding.ts.
 */
import { DEFAULT_MONITORING_CONFIG } from './monitoring-config';
import type { DeviationCause, Light, Likelihood, MonitoringConfig } from './monitoring-config';
import { CHECKPOINTS } from './model';
import type { Fen, SpendingCheckpoint } from './model';
import { roundHalfUp } from './rounding';

/** A calendar day; month 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** Whether the date exists (no 30 February). isValidDate({year: 2024, month: 2, day: 29}) = true. */
export function isValidDate(d: CalendarDate): boolean {
  if (![d.year, d.month, d.day].every(Number.isInteger) || d.month < 1 || d.month > 12 || d.day < 1) return false;
  return d.day <= lastDayOfMonth(d.year, d.month);
}

/** The last day of a month, leap years included: lastDayOfMonth(2024, 2) = 29. */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1-based day of the year: dayOfYear({year: 2025, month: 7, day: 31}) = 212. */
export function dayOfYear(d: CalendarDate): number {
  return Math.round((Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(d.year, 0, 1)) / DAY_MS) + 1;
}

function daysInYear(year: number): number {
  return dayOfYear({ year, month: 12, day: 31 });
}

/**
 * The share of the year elapsed (序时进度) as a fraction, on the same line as an even plan:
 * 1 January = 0, 31 December = 1. Null for an invalid date.
 * @example shareOfYearElapsed({year: 2025, month: 7, day: 2}) // 182/364 = 0.5
 */
export function shareOfYearElapsed(asOf: CalendarDate): number | null {
  if (!isValidDate(asOf)) return null;
  return (dayOfYear(asOf) - 1) / (daysInYear(asOf.year) - 1);
}

// ---------------------------------------------------------------------------------------------
// Plan to date
// ---------------------------------------------------------------------------------------------

interface PlanPoint {
  day: number;
  percent: number;
}

/**
 * The cumulative plan percent at a date, interpolated linearly by day between checkpoints.
 *
 * - A blank checkpoint is skipped: the line runs straight between the neighbours that exist, so a
 *   plan of 25/–/75/100 reads 50% at about the end of June rather than stalling or dropping.
 * - When 12月底 is blank, 31 December is taken as 100%: the plan is of the annual budget.
 * - Without any checkpoint the plan is even over the year (序时进度): 0% on 1 January, 100% on
 *   31 December, the same line a 25/50/75/100 plan would give if its checkpoints were evenly spaced.
 * - A checkpoint that gives only an amount is read against `budgetFen`; when it cannot be
 *   (no budget), or the date is invalid, the result is null.
 * @example planToDate(plan25_50_75_100, {year: 2025, month: 7, day: 31}) // 50 + 25 × 31/123 = 56.3008…
 */
export function planToDate(
  plan: readonly SpendingCheckpoint[],
  asOf: CalendarDate,
  options: { budgetFen?: Fen | null; config?: MonitoringConfig } = {},
): number | null {
  if (!isValidDate(asOf)) return null;
  const config = options.config ?? DEFAULT_MONITORING_CONFIG;
  const points: PlanPoint[] = [{ day: 1, percent: 0 }];
  for (const checkpoint of CHECKPOINTS) {
    const entry = plan.find((p) => p.checkpoint === checkpoint);
    if (!entry) continue;
    let percent = entry.percent;
    if (percent === null && entry.amount !== null) {
      const budget = options.budgetFen ?? null;
      if (budget === null || budget <= 0) return null;
      percent = (entry.amount * 100) / budget;
    }
    if (percent === null) continue;
    const { month } = config.checkpointDates[checkpoint];
    points.push({ day: dayOfYear({ year: asOf.year, month, day: lastDayOfMonth(asOf.year, month) }), percent });
  }
  const yearEnd = daysInYear(asOf.year);
  if (points[points.length - 1]!.day < yearEnd) points.push({ day: yearEnd, percent: 100 });

  const day = dayOfYear(asOf);
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    if (day <= to.day) return from.percent + ((to.percent - from.percent) * (day - from.day)) / (to.day - from.day);
  }
  return points[points.length - 1]!.percent;
}

// ---------------------------------------------------------------------------------------------
// Lights
// ---------------------------------------------------------------------------------------------

/** The light of a ratio (already rounded for display): bandLight(71.05) = 'yellow'. */
export function bandLight(ratio: number, config: MonitoringConfig = DEFAULT_MONITORING_CONFIG): Light {
  if (ratio < config.bands.redBelow) return 'red';
  if (ratio < config.bands.greenFrom) return 'yellow';
  return 'green';
}

export interface SpendingLightResult {
  light: Light;
  /** spent ÷ budget × 100, full precision. */
  actualPercent: number;
  /** The plan to date, full precision. */
  planPercent: number;
  /** actual% ÷ plan% × 100, full precision; null when nothing was planned yet (plan 0%: the light is green). */
  ratio: number | null;
  /** The same numbers rounded half up to two decimals; the light is taken from `display.ratio`. */
  display: { actualPercent: number; planPercent: number; ratio: number | null };
}

/**
 * The spending light (预算执行进度): ratio = actual% ÷ plan% × 100, red < 60 ≤ yellow < 80 ≤ green.
 * Null when the budget is missing or not positive, or the plan cannot be read.
 * @example spendingLight(48_000_000, 120_000_000, plan, {year: 2025, month: 7, day: 31}) // ratio 71.05, 'yellow'
 */
export function spendingLight(
  spentFen: Fen,
  budgetFen: Fen | null,
  plan: readonly SpendingCheckpoint[],
  asOf: CalendarDate,
  config: MonitoringConfig = DEFAULT_MONITORING_CONFIG,
): SpendingLightResult | null {
  if (budgetFen === null || budgetFen <= 0) return null;
  const planPercent = planToDate(plan, asOf, { budgetFen, config });
  if (planPercent === null) return null;
  const actualPercent = (spentFen * 100) / budgetFen;
  const ratio = planPercent > 0 ? (actualPercent / planPercent) * 100 : null;
  const display = {
    actualPercent: roundHalfUp(actualPercent),
    planPercent: roundHalfUp(planPercent),
    ratio: ratio === null ? null : roundHalfUp(ratio),
  };
  return { light: display.ratio === null ? 'green' : bandLight(display.ratio, config), actualPercent, planPercent, ratio, display };
}

export interface IndicatorLightResult {
  light: Light;
  /** annual target × share of year: what should be reached by now. */
  expected: number;
  /** value ÷ expected × 100, full precision; null when nothing was expected yet. */
  ratio: number | null;
  /** value ÷ annual target × 100, full precision (blue from `blueFromPercentOfTarget`). */
  percentOfTarget: number;
  display: { expected: number; ratio: number | null; percentOfTarget: number };
}

/**
 * The light of a cumulative quantitative indicator (counts, amounts; more is better): ratio =
 * value ÷ (target × share) × 100 in the spending bands; blue once the value reaches 120% of the
 * annual target. `shareOfYear` is a fraction (0.5 = half the year; see shareOfYearElapsed).
 * Null when the annual target is not positive.
 * @example cumulativeIndicatorLight(40, 100, 0.5) // ratio 80 → 'green'
 */
export function cumulativeIndicatorLight(
  valueToDate: number,
  annualTarget: number,
  shareOfYear: number,
  config: MonitoringConfig = DEFAULT_MONITORING_CONFIG,
): IndicatorLightResult | null {
  if (!(annualTarget > 0) || !Number.isFinite(valueToDate) || !Number.isFinite(shareOfYear)) return null;
  const expected = annualTarget * Math.min(1, Math.max(0, shareOfYear));
  const ratio = expected > 0 ? (valueToDate / expected) * 100 : null;
  const percentOfTarget = (valueToDate / annualTarget) * 100;
  const display = {
    expected: roundHalfUp(expected),
    ratio: ratio === null ? null : roundHalfUp(ratio),
    percentOfTarget: roundHalfUp(percentOfTarget),
  };
  const light: Light =
    display.percentOfTarget >= config.blueFromPercentOfTarget
      ? 'blue'
      : display.ratio === null
        ? 'green'
        : bandLight(display.ratio, config);
  return { light, expected, ratio, percentOfTarget, display };
}

/**
 * The light of a rate or qualitative target from the department's likelihood.
 * @example likelihoodLight('有可能') // 'yellow'
 */
export function likelihoodLight(likelihood: Likelihood, config: MonitoringConfig = DEFAULT_MONITORING_CONFIG): Light {
  return config.likelihoodLights[likelihood];
}

/**
 * Key monitoring (重点监控): budget above 200万元 and less than 60% spent at the end of August.
 * Rounds before 31 August cannot tell yet and return false.
 * @example needsKeyMonitoring(300_000_000, 55, {year: 2025, month: 8, day: 31}) // true
 */
export function needsKeyMonitoring(
  budgetFen: Fen,
  spentPercent: number,
  asOf: CalendarDate,
  config: MonitoringConfig = DEFAULT_MONITORING_CONFIG,
): boolean {
  if (!isValidDate(asOf)) return false;
  const { budgetAboveFen, minSpentPercent, byMonth } = config.keyMonitoring;
  const deadline = { year: asOf.year, month: byMonth, day: lastDayOfMonth(asOf.year, byMonth) };
  return dayOfYear(asOf) >= dayOfYear(deadline) && budgetFen > budgetAboveFen && spentPercent < minSpentPercent;
}

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

/** What an execution record holds for one indicator, as entered: text, null where left blank. */
export interface ExecutionLineValues {
  valueToDate: string | null;
  projected: string | null;
  likelihood: string | null;
  cause: string | null;
  causeNote: string | null;
  measure: string | null;
}

/** One indicator's line of an execution record (stored, read from a workbook). */
export interface ExecutionLine extends ExecutionLineValues {
  indicatorId: number;
}

/** One round of one project's execution record, as checked and stored (without who and when). */
export interface ExecutionRecordContent {
  asOf: string;
  spentFen: Fen;
  spendingCause: string | null;
  spendingCauseNote: string | null;
  spendingMeasure: string | null;
  note: string | null;
  /** In the order of the project's indicators. */
  indicators: ExecutionLine[];
}

/** One line of the monitoring table that carries a light (spending or an indicator). */
export interface MonitoringEntry {
  light: Light;
  /** 偏差原因 category. */
  cause?: DeviationCause | string | null;
  /** Free text about the cause (required for 其他). */
  causeNote?: string | null;
  /** 纠偏措施 */
  measure?: string | null;
}

export interface MonitoringIssue {
  code: 'cause.missing' | 'cause.unknown' | 'cause.note-missing' | 'measure.missing';
  message: string;
}

/**
 * What a monitoring entry still lacks, as data (never throws): every yellow or red needs a cause
 * from the configured list and a corrective measure. Empty when complete.
 * @example validateMonitoringEntry({ light: 'red' }) // [cause.missing, measure.missing]
 */
export function validateMonitoringEntry(
  entry: MonitoringEntry,
  config: MonitoringConfig = DEFAULT_MONITORING_CONFIG,
): MonitoringIssue[] {
  if (!config.lightsNeedingExplanation.includes(entry.light)) return [];
  const issues: MonitoringIssue[] = [];
  const cause = entry.cause?.trim() ?? '';
  if (cause === '') {
    issues.push({ code: 'cause.missing', message: `预警（${lightName(entry.light)}）须说明偏差原因（${config.causes.join('、')}）` });
  } else if (!(config.causes as string[]).includes(cause)) {
    issues.push({ code: 'cause.unknown', message: `偏差原因“${cause}”不在可选范围内（${config.causes.join('、')}）` });
  } else if ((config.causesNeedingNote as string[]).includes(cause) && !entry.causeNote?.trim()) {
    issues.push({ code: 'cause.note-missing', message: `偏差原因为“${cause}”时须具体说明` });
  }
  if (!entry.measure?.trim()) {
    issues.push({ code: 'measure.missing', message: `预警（${lightName(entry.light)}）须提出纠偏措施` });
  }
  return issues;
}

function lightName(light: Light): string {
  return { green: '绿灯', yellow: '黄灯', red: '红灯', blue: '蓝灯' }[light];
}
