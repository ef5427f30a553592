/**
 * Pure helpers of the monitoring screens (双监控): the names and colours of the lights, the spent
 * amount typed in 万元 → fen, the plan-vs-actual spending curves, the warnings-by-department chart
 * series, what a behind project still fails to explain, and the server's 400 issues by field.
 *
 * The constants mirror src/shared/api/monitoring.ts, which the browser does not import (it would
 * bring zod along); test/web/monitoring.test.ts checks that they stay equal.
 */
import type { Fen, SpendingCheckpoint } from '../../shared/domain/model';
import { percentHundredths } from '../../shared/domain/money';
import { isValidDate, planToDate, type CalendarDate } from '../../shared/domain/monitoring';
import { roundHalfUp } from '../../shared/domain/rounding';
import type { ValidationIssue } from '../api/client';
import { fieldLabelOf } from '../../shared/api/field-labels';
import { parseWanInput } from './format';

export type Light = 'green' | 'yellow' | 'red' | 'blue';
export const LIGHTS: readonly Light[] = ['green', 'yellow', 'red', 'blue'];
export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', blue: '蓝灯' };
/** Chart and tag colours of the lights. */
export const LIGHT_COLORS: Record<Light, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d', blue: '#1677ff' };
/** antd Tag presets. */
export const LIGHT_TAG_COLORS: Record<Light, string> = { green: 'success', yellow: 'warning', red: 'error', blue: 'processing' };

export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
export const DEVIATION_CAUSES = ['经费保障', '制度保障', '人员保障', '硬件保障', '其他'] as const;
export const ACHIEVEMENT_GRADES = ['达成', '部分达成', '未达成'] as const;

/** A yellow or red light needs a cause and a corrective measure. */
export const isWarning = (light: Light | null | undefined): boolean => light === 'yellow' || light === 'red';

// ---------------------------------------------------------------------------------------------
// Money typed in 万元

/**
 * The spent amount typed in 万元 as exact fen (digit by digit, no float multiply), or why not.
 * @example parseSpentWan('48') // { ok: true, fen: 48_000_000 }
 */
export function parseSpentWan(text: string, required = true): { ok: true; fen: Fen | null } | { ok: false; message: string } {
  const fen = parseWanInput(text);
  if (fen === null) return required ? { ok: false, message: '请填写金额（万元）' } : { ok: true, fen: null };
  if (fen === undefined) return { ok: false, message: '金额应为数字（万元，最多六位小数）' };
  if (fen < 0) return { ok: false, message: '金额不能为负数' };
  return { ok: true, fen };
}

// ---------------------------------------------------------------------------------------------
// Dates

/** 'YYYY-MM-DD' → a calendar date, or null when it is not a real day. */
export function parseIsoDate(s: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDate(d) ? d : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: CalendarDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

/** Every day of a year, 1 January to 31 December. */
export function daysOfYear(year: number): CalendarDate[] {
  const out: CalendarDate[] = [];
  for (let month = 1; month <= 12; month++) {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    for (let day = 1; day <= last; day++) out.push({ year, month, day });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Spending curves

/** A point of a curve: ISO date and cumulative percent of the budget (two decimals). */
export type CurvePoint = [string, number];

/**
 * A project's cumulative spending plan, interpolated by day through the whole year (the shared
 * planToDate the server judges with); empty when it cannot be read (amounts without a budget).
 * @example planCurve(plan25_50_75_100, 120万, 2025) // … ['2025-07-31', 56.3] …
 */
export function planCurve(plan: readonly SpendingCheckpoint[], budgetFen: Fen | null, year: number): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (const d of daysOfYear(year)) {
    const p = planToDate(plan, d, { budgetFen });
    if (p === null) return [];
    out.push([iso(d), roundHalfUp(p)]);
  }
  return out;
}

/**
 * The budget-weighted plan of several projects, by day: Σ budget × plan% ÷ Σ budget. Projects
 * without a budget or a readable plan are left out (they have no weight).
 */
export function weightedPlanCurve(projects: readonly { budgetFen: Fen | null; plan: readonly SpendingCheckpoint[] }[], year: number): CurvePoint[] {
  const usable = projects.filter((p): p is { budgetFen: Fen; plan: readonly SpendingCheckpoint[] } => p.budgetFen !== null && p.budgetFen > 0);
  if (usable.length === 0) return [];
  const total = usable.reduce((s, p) => s + p.budgetFen, 0);
  const days = daysOfYear(year);
  const sums = days.map(() => 0);
  let weight = 0;
  for (const p of usable) {
    const values = days.map((d) => planToDate(p.plan, d, { budgetFen: p.budgetFen }));
    if (values.some((v) => v === null)) continue;
    values.forEach((v, i) => (sums[i]! += v! * p.budgetFen));
    weight += p.budgetFen;
  }
  if (weight === 0 || total === 0) return [];
  return days.map((d, i) => [iso(d), roundHalfUp(sums[i]! / weight)]);
}

/**
 * Actual spending at each round as percent of the budget in force on its date (目标调整), exact on
 * fen, oldest first: what each round's monitoring table says.
 * @example actualCurve([{ asOf: '2025-07-31', spentFen: 48万, budgetFen: 120万 }]) // [['2025-07-31', 40]]
 */
export function actualCurve(rounds: readonly { asOf: string; spentFen: Fen; budgetFen: Fen | null }[]): CurvePoint[] {
  return [...rounds]
    .filter((r): r is typeof r & { budgetFen: Fen } => r.budgetFen !== null && r.budgetFen > 0)
    .sort((a, b) => a.asOf.localeCompare(b.asOf))
    .map((r) => [r.asOf, percentHundredths(r.spentFen, r.budgetFen)! / 100]);
}

// ---------------------------------------------------------------------------------------------
// Charts

export interface LightCountsLike {
  green: number;
  yellow: number;
  red: number;
  blue: number;
  none: number;
}

/** The lights of a set of projects summed: spending and indicators together. */
export function addCounts(...counts: LightCountsLike[]): LightCountsLike {
  const out = { green: 0, yellow: 0, red: 0, blue: 0, none: 0 };
  for (const c of counts) for (const k of Object.keys(out) as (keyof LightCountsLike)[]) out[k] += c[k];
  return out;
}

/**
 * The stacked bars "warnings by colour and department": one category per department, one series
 * per light (red, yellow, blue), counting spending and indicator lights together.
 */
export function warningSeries(
  departments: readonly { department: { id: number; name: string }; totals: { spendingLights: LightCountsLike; indicatorLights: LightCountsLike } }[],
  lights: readonly Light[] = ['red', 'yellow', 'blue'],
): { names: string[]; ids: number[]; series: { light: Light; name: string; color: string; data: number[] }[] } {
  const sums = departments.map((d) => addCounts(d.totals.spendingLights, d.totals.indicatorLights));
  return {
    names: departments.map((d) => d.department.name),
    ids: departments.map((d) => d.department.id),
    series: lights.map((light) => ({ light, name: LIGHT_LABELS[light], color: LIGHT_COLORS[light], data: sums.map((s) => s[light]) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Explanations

export interface ExplainLike {
  spendingLight: Light | null;
  cause: string | null;
  causeNote: string | null;
  measure: string | null;
  indicators: readonly { name: string; light: Light; cause: string | null; causeNote: string | null; measure: string | null }[];
}

export interface Explanation {
  /** '预算执行' or the indicator's name. */
  subject: string;
  light: Light | null;
  /** The cause (with its note), or null when none is given. */
  cause: string | null;
  measure: string | null;
}

const causeText = (cause: string | null, note: string | null): string | null =>
  cause === null ? (note?.trim() ? note.trim() : null) : note?.trim() ? `${cause}：${note.trim()}` : cause;

/**
 * Why a behind project is behind: one line for the spending (when it is yellow or red) and one per
 * yellow or red indicator, each with its cause and measure (null when not given: "未说明原因").
 */
export function explanations(p: ExplainLike): Explanation[] {
  const out: Explanation[] = [];
  if (isWarning(p.spendingLight)) out.push({ subject: '预算执行', light: p.spendingLight, cause: causeText(p.cause, p.causeNote), measure: p.measure?.trim() || null });
  for (const i of p.indicators) {
    if (!isWarning(i.light)) continue;
    out.push({ subject: i.name, light: i.light, cause: causeText(i.cause, i.causeNote), measure: i.measure?.trim() || null });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Server issues by field

/** A validation issue's path as 'a.b.0.c' ('' for the whole record). */
export function issuePath(path: ValidationIssue['path']): string {
  return Array.isArray(path) ? path.join('.') : String(path);
}

/** The server's 400 issues grouped by field path ('spentFen', 'indicators.2.cause' …). */
export function issuesByField(issues: readonly ValidationIssue[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const i of issues) {
    const key = issuePath(i.path);
    out.set(key, [...(out.get(key) ?? []), i.message]);
  }
  return out;
}

/** Issues whose path is none of the given fields (shown above the form). */
export function otherIssues(byField: Map<string, string[]>, shown: (path: string) => boolean): string[] {
  // the field by the screen's name for it, never its path (issue 58)
  return [...byField.entries()].filter(([path]) => !shown(path)).flatMap(([path, messages]) => messages.map((m) => (fieldLabelOf(path) ? `${fieldLabelOf(path)}：${m}` : m)));
}

/** A time axis tick as a checkpoint's name: the 1st of July is "6月底", the 1st of January "年初". */
export function monthEndLabel(value: number): string {
  const d = new Date(value);
  if (d.getDate() !== 1) return `${d.getMonth() + 1}月${d.getDate()}日`;
  return d.getMonth() === 0 ? '年初' : `${d.getMonth()}月底`;
}
