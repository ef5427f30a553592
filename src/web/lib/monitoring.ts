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
// Rounds

/** A round of a year as GET /api/monitoring/rounds gives it: how many projects and departments reported it. */
export interface RoundCoverage {
  asOf: string;
  projectCount: number;
  departmentCount: number;
}

/**
 * The round a monitoring overview opens on (issue 71): the latest of the year's rounds that the most of its scope
 * reported — departments for a region, projects for one department. A unit that files a later round for one project
 * does not turn the region's overview into "1 个项目, all green" while the round everyone reported has red lights.
 * @example coveringRound([{ asOf: '2025-08-31', departmentCount: 6, … }, { asOf: '2025-10-31', departmentCount: 1, … }], 'departmentCount').asOf // '2025-08-31'
 */
export function coveringRound<R extends RoundCoverage>(rounds: readonly R[], by: 'departmentCount' | 'projectCount'): R | null {
  let best: R | null = null;
  for (const r of rounds) if (best === null || r[by] > best[by] || (r[by] === best[by] && r.asOf > best.asOf)) best = r;
  return best;
}

/**
 * What an overview says of the round it shows (issue 71): how much of its scope reported it and, when that is less
 * than the round that covers the most, that one; a later round fewer reported, named with how few — so nobody takes a
 * round of one project for the region's.
 */
export function roundNote(shown: RoundCoverage, rounds: readonly RoundCoverage[], scope: 'region' | 'department'): string {
  const by = scope === 'region' ? 'departmentCount' : 'projectCount';
  const best = coveringRound(rounds, by) ?? shown;
  const who = (r: RoundCoverage) => (scope === 'region' ? `${r.departmentCount} 个部门、${r.projectCount} 个项目` : `${r.projectCount} 个项目`);
  const parts: string[] = [];
  if (shown[by] >= best[by]) {
    parts.push(`显示截至 ${shown.asOf} 的一轮：${who(shown)}填报（本年度填报${scope === 'region' ? '部门' : '项目'}最多的最近一轮）`);
  } else {
    const of = scope === 'region' ? `${best.departmentCount} 个部门中只有 ${who(shown)}` : `${best.projectCount} 个项目中只有 ${shown.projectCount} 个项目`;
    parts.push(`截至 ${shown.asOf} 的一轮：${of}填报，以下汇总只含已填报的项目；截至 ${best.asOf} 的一轮有 ${who(best)}填报`);
  }
  for (const r of rounds) {
    if (r.asOf > shown.asOf && r[by] < shown[by]) parts.push(`截至 ${r.asOf} 的一轮只有 ${who(r)}填报，可在“监控轮次”中选择查看`);
  }
  return `${parts.join('；')}。`;
}

/**
 * A department's spending curve over the same projects at every round (issue 71): the projects reported in the round
 * shown, each round's execution rate of exactly those (Σ spent ÷ Σ budget in force on its date, exact on fen); a round
 * that only some of them reported is left out and named, rather than joining a rate of three projects to one of one.
 */
export function sameProjectsCurve(
  shown: readonly { projectId: number; reported: boolean }[],
  rounds: readonly { asOf: string; projects: readonly { projectId: number; reported: boolean; spentFen: Fen | null; budgetFen: Fen | null }[] }[],
): { points: CurvePoint[]; partial: { asOf: string; reported: number; of: number }[] } {
  const ids = new Set(shown.filter((p) => p.reported).map((p) => p.projectId));
  const points: CurvePoint[] = [];
  const partial: { asOf: string; reported: number; of: number }[] = [];
  if (ids.size === 0) return { points, partial };
  for (const round of [...rounds].sort((a, b) => a.asOf.localeCompare(b.asOf))) {
    const rows = round.projects.filter((p) => ids.has(p.projectId) && p.reported);
    if (rows.length < ids.size) {
      partial.push({ asOf: round.asOf, reported: rows.length, of: ids.size });
      continue;
    }
    const spent = rows.reduce((n, p) => n + (p.spentFen ?? 0), 0);
    const budget = rows.reduce((n, p) => n + (p.budgetFen ?? 0), 0);
    const hundredths = percentHundredths(spent, budget);
    if (hundredths !== null) points.push([round.asOf, hundredths / 100]);
  }
  return { points, partial };
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
