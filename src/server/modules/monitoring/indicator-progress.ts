/**
 * How an indicator's progress is judged in a monitoring round (lifecycle.md §2), on top of the pure
 * light functions of shared/domain/monitoring.ts:
 *
 * - cumulative (counts, amounts that add up over the year: ≥/>/= a positive number in a unit that
 *   is no rate, level or duration): ratio = value to date ÷ (target × share of year) × 100, blue
 *   from 120% of the annual target;
 * - level (rates %, satisfaction, durations, a "率/度" without unit) and ceiling (≤/< targets such
 *   as costs and time limits): from the projected full-year value — reaching the target is green,
 *   else yellow down to the red band (projection ÷ target × 100 < 60, or target ÷ projection for a
 *   ceiling) — and from the department's likelihood (确定能 green, 有可能 yellow, 完全不可能 red);
 * - qualitative and deadline targets: from the likelihood only.
 *
 * Several signals give the worst of their lights (red > yellow > blue > green), so a department's
 * "确定能" never hides a cumulative ratio in the red. Also the parsing of entered values.
 */
import {
  bandLight,
  cumulativeIndicatorLight,
  likelihoodLight,
} from '../../../shared/domain/monitoring';
import type { Light, Likelihood, MonitoringConfig } from '../../../shared/domain/monitoring-config';
import { roundHalfUp } from '../../../shared/domain/rounding';
import type { MonitoredIndicator } from '../../db/monitoring.repository';

export type ProgressKind = 'cumulative' | 'level' | 'ceiling' | 'qualitative';
export type ProgressMethod = 'cumulative' | 'projection' | 'likelihood' | 'none';

const RATE_UNITS = new Set(['%', '‰', '个百分点', '百分点', '倍']);
const DURATION_UNITS = new Set(['年', '个月', '月', '周', '天', '日', '个工作日', '工作日', '小时', '分钟', '秒', '季度']);
/** Names of rates and levels whose target was written without a unit ("满意度 ≥95"). */
const RATE_NAME = /率|度|比例|占比|比重|指数/;

/** Which way an indicator's progress is judged. */
export function progressKind(ind: Pick<MonitoredIndicator, 'level1' | 'name' | 'target'>): ProgressKind {
  const t = ind.target;
  if (t.kind !== 'quantitative' || t.value === null || t.operator === null) return 'qualitative';
  if (t.operator === '≤' || t.operator === '<') return 'ceiling';
  if (ind.level1 === '满意度指标') return 'level';
  if (t.unit !== null && (RATE_UNITS.has(t.unit) || DURATION_UNITS.has(t.unit))) return 'level';
  if (t.unit === null && RATE_NAME.test(ind.name)) return 'level';
  if (!(t.value > 0)) return 'level';
  return 'cumulative';
}

const PERCENT_UNITS = new Set(['%', '‰']);

/**
 * Whether an entered value of this indicator may not be negative: what adds up over the year
 * (counts, amounts), percentages and satisfaction. Other levels (a change in 个百分点, a
 * temperature) may.
 */
export function refusesNegative(ind: Pick<MonitoredIndicator, 'level1' | 'name' | 'target'>): boolean {
  const unit = ind.target.unit;
  return progressKind(ind) === 'cumulative' || (unit !== null && PERCENT_UNITS.has(unit)) || ind.level1 === '满意度指标';
}

/** Severity of a light for "the worst of": green < blue < yellow < red. */
const SEVERITY: Record<Light, number> = { green: 0, blue: 1, yellow: 2, red: 3 };

/** The worst of some lights (null when none). */
export function worstLight(lights: readonly (Light | null | undefined)[]): Light | null {
  let worst: Light | null = null;
  for (const l of lights) if (l != null && (worst === null || SEVERITY[l] > SEVERITY[worst])) worst = l;
  return worst;
}

/** Whether a light asks for explanation and counts as behind. */
export function isWarning(light: Light | null): boolean {
  return light === 'yellow' || light === 'red';
}

export interface IndicatorJudgement {
  method: ProgressMethod;
  light: Light | null;
  /** Cumulative: expected by now, ratio to it, value as % of the annual target (display values). */
  expected: number | null;
  ratio: number | null;
  percentOfTarget: number | null;
  /** The projection as % of the target (target ÷ projection for a ceiling), display value. */
  projectedPercent: number | null;
}

/**
 * The light of one indicator in a round.
 * @example judgeIndicator('cumulative', target334, { valueToDate: '100', projected: null, likelihood: null }, 0.5) // ratio 59.88 → red
 */
export function judgeIndicator(
  kind: ProgressKind,
  target: MonitoredIndicator['target'],
  entry: { valueToDate: string | null; projected: string | null; likelihood: string | null },
  shareOfYear: number,
  config: MonitoringConfig,
): IndicatorJudgement {
  const out: IndicatorJudgement = { method: 'none', light: null, expected: null, ratio: null, percentOfTarget: null, projectedPercent: null };
  const candidates: [ProgressMethod, Light][] = [];
  const a = target.value;

  if (kind === 'cumulative' && entry.valueToDate !== null && a !== null) {
    const r = cumulativeIndicatorLight(Number(entry.valueToDate), a, shareOfYear, config);
    if (r) {
      out.expected = r.display.expected;
      out.ratio = r.display.ratio;
      out.percentOfTarget = r.display.percentOfTarget;
      candidates.push(['cumulative', r.light]);
    }
  }
  if (kind !== 'qualitative' && entry.projected !== null && a !== null) {
    const p = Number(entry.projected);
    const ceiling = kind === 'ceiling';
    const op = target.operator;
    const meets = ceiling ? (op === '<' ? p < a : p <= a) : op === '>' ? p > a : p >= a;
    const percent = ceiling ? (p > 0 ? (a / p) * 100 : null) : a > 0 ? (p / a) * 100 : null;
    out.projectedPercent = percent === null ? null : roundHalfUp(percent);
    let light: Light;
    if (meets) light = 'green';
    else if (out.projectedPercent === null) light = 'yellow';
    else light = bandLight(out.projectedPercent, config) === 'red' ? 'red' : 'yellow';
    candidates.push(['projection', light]);
  }
  if (entry.likelihood !== null && entry.likelihood in config.likelihoodLights) {
    candidates.push(['likelihood', likelihoodLight(entry.likelihood as Likelihood, config)]);
  }
  for (const [method, light] of candidates) {
    if (out.light === null || SEVERITY[light] > SEVERITY[out.light]) {
      out.light = light;
      out.method = method;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Entered values

/** An entered number as the decimal text to store (shared/domain/entered-number.ts: the browser's live check reads it the same way). */
export { parseEnteredNumber } from '../../../shared/domain/entered-number';
