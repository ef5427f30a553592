/**
 * 目标调整 (issue 33): a project's targets in versions. Version 1 is the targets as approved (the
 * project's own indicator rows); each approved adjustment is the next version, a complete list of
 * rows that takes effect from its date (生效日期). Pure: which version is in force on a date, the
 * comparison of two versions row by row, and the checks of a request.
 *
 * A row is keyed: `i<id>` for a row of the approved targets (the indicator's database id, which
 * monitoring and self-evaluation lines point to), `n<k>` for a row an adjustment added. A key
 * keeps its identity through later versions, so a row changed twice compares as one row.
 */
import { amountOfPercent, formatWan2, percentHundredths } from './money';

/** One indicator row of a version. */
export interface TargetRow {
  key: string;
  /** The approved indicator the row is (null: a row an adjustment added). */
  indicatorId: number | null;
  level1: string | null;
  level2: string | null;
  name: string;
  /** 指标值 as written. */
  target: string;
}

/** One version of a project's targets. */
export interface TargetVersion {
  version: number;
  /** YYYY-MM-DD; null for version 1 (in force from the start). */
  effectiveOn: string | null;
  rows: TargetRow[];
  /** 全年预算 in fen after the adjustment; null: unchanged from the version before. */
  budgetFen: number | null;
}

/** The key of an approved indicator's row. */
export function rowKeyOf(indicatorId: number): string {
  return `i${indicatorId}`;
}

/**
 * The version in force on `date` (YYYY-MM-DD): the highest version whose effective date is on or
 * before it; version 1 when none is. `versions` holds version 1 and the approved adjustments.
 * @example versionInForce([v1, {version: 2, effectiveOn: '2025-07-01'}], '2025-06-30').version // 1
 */
export function versionInForce<V extends Pick<TargetVersion, 'version' | 'effectiveOn'>>(versions: readonly V[], date: string): V {
  let best: V | undefined;
  for (const v of versions) {
    const starts = v.effectiveOn === null || v.effectiveOn <= date;
    if (starts && (best === undefined || v.version > best.version)) best = v;
  }
  if (best === undefined) {
    const first = [...versions].sort((a, b) => a.version - b.version)[0];
    if (first === undefined) throw new RangeError('a project has at least its first version of targets');
    return first;
  }
  return best;
}

/** The budget in force: the latest version at or before `v` that set one, else the project's. */
export function budgetInForce(versions: readonly Pick<TargetVersion, 'version' | 'effectiveOn' | 'budgetFen'>[], date: string, projectBudgetFen: number | null): number | null {
  const inForce = versionInForce(versions, date);
  let budget = projectBudgetFen;
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    if (v.version > inForce.version) break;
    if (v.budgetFen !== null) budget = v.budgetFen;
  }
  return budget;
}

export type RowChange = 'same' | 'changed' | 'added' | 'removed';

/** One row of a comparison: the row in each version (null where it is not) and what changed. */
export interface RowComparison {
  key: string;
  change: RowChange;
  before: TargetRow | null;
  after: TargetRow | null;
  /** The fields that differ (changed rows). */
  fields: ('level1' | 'level2' | 'name' | 'target')[];
}

const COMPARED = ['level1', 'level2', 'name', 'target'] as const;

/**
 * Two versions side by side: the rows of `before` in its order (changed, same or removed), the rows
 * only `after` has (added) after the one they follow.
 */
export function compareVersions(before: readonly TargetRow[], after: readonly TargetRow[]): RowComparison[] {
  const afterByKey = new Map(after.map((r) => [r.key, r]));
  const beforeKeys = new Set(before.map((r) => r.key));
  const out: RowComparison[] = [];
  for (const b of before) {
    const a = afterByKey.get(b.key);
    if (a === undefined) {
      out.push({ key: b.key, change: 'removed', before: b, after: null, fields: [] });
      continue;
    }
    const fields = COMPARED.filter((f) => (b[f] ?? '') !== (a[f] ?? ''));
    out.push({ key: b.key, change: fields.length === 0 ? 'same' : 'changed', before: b, after: a, fields });
  }
  // Added rows go after the row they follow in `after` (or first).
  for (const [i, a] of after.entries()) {
    if (beforeKeys.has(a.key)) continue;
    const prev = after.slice(0, i).reverse().find((r) => out.some((o) => o.key === r.key));
    const at = prev === undefined ? 0 : out.findIndex((o) => o.key === prev.key) + 1;
    out.splice(at, 0, { key: a.key, change: 'added', before: null, after: a, fields: [] });
  }
  return out;
}

/** A problem with a request, by field (Chinese message). */
export interface AdjustmentIssue {
  path: string;
  message: string;
}

/** YYYY-MM-DD that is a real date. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The checks of a request against the version in force now (the latest approved): a reason, a
 * real effective date after the latest version's, in the project's year when it has one, rows
 * named with a target, keys either the current version's or new, and some change.
 */
export function checkAdjustment(
  request: { reason: string; effectiveOn: string; rows: readonly TargetRow[]; budgetFen: number | null },
  latest: Pick<TargetVersion, 'effectiveOn' | 'rows'>,
  latestBudgetFen: number | null,
  year: number | null,
): AdjustmentIssue[] {
  const issues: AdjustmentIssue[] = [];
  if (request.reason.trim() === '') issues.push({ path: 'reason', message: '请填写调整理由' });
  if (!isIsoDate(request.effectiveOn)) issues.push({ path: 'effectiveOn', message: `生效日期“${request.effectiveOn}”不是有效日期（YYYY-MM-DD）` });
  else {
    if (latest.effectiveOn !== null && request.effectiveOn <= latest.effectiveOn) {
      issues.push({ path: 'effectiveOn', message: `生效日期须晚于上一次调整的生效日期（${latest.effectiveOn}）` });
    }
    if (year !== null && Number(request.effectiveOn.slice(0, 4)) !== year) issues.push({ path: 'effectiveOn', message: `生效日期须在项目的预算年度（${year}年）内` });
  }
  if (request.rows.length === 0) issues.push({ path: 'rows', message: '调整后至少保留一项绩效指标' });
  const latestKeys = new Set(latest.rows.map((r) => r.key));
  const seen = new Set<string>();
  for (const [i, r] of request.rows.entries()) {
    if (seen.has(r.key)) issues.push({ path: `rows.${i}.key`, message: `第${i + 1}行与前面的行重复` });
    seen.add(r.key);
    if (!latestKeys.has(r.key) && !/^n\d+$/.test(r.key)) issues.push({ path: `rows.${i}.key`, message: `第${i + 1}行不是现行目标中的指标` });
    if (r.name.trim() === '') issues.push({ path: `rows.${i}.name`, message: `第${i + 1}行未填写指标名称` });
    if (r.target.trim() === '') issues.push({ path: `rows.${i}.target`, message: `第${i + 1}行未填写指标值` });
  }
  const unchangedRows = compareVersions(latest.rows, request.rows).every((c) => c.change === 'same');
  const unchangedBudget = request.budgetFen === null || request.budgetFen === latestBudgetFen;
  if (issues.length === 0 && unchangedRows && unchangedBudget) issues.push({ path: 'rows', message: '调整内容与现行目标相同，无需调整' });
  return issues;
}

/** "2026年7月1日" from "2026-07-01". */
export function chineseDateOf(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The public page's note on a row whose target in force differs from the approved one:
 * "本指标于2026年7月1日调整，原目标值：≥1000人次" (an added row: "本指标于…调整时新增").
 */
export function adjustmentNote(original: TargetRow | null, current: TargetRow, effectiveOn: string): string {
  if (original === null) return `本指标于${chineseDateOf(effectiveOn)}调整时新增`;
  return `本指标于${chineseDateOf(effectiveOn)}调整，原目标值：${original.target}`;
}

/**
 * What a request changes, a line per changed field, for the person who decides it (issue 71: an adjustment was approved
 * blind): each changed row's field old → new, each added and removed row, and the 全年预算 old → new (or 不变).
 * @example adjustmentChanges(v1.rows, request.rows, 9_210_000, 12_000_000) // ['志愿活动支出：≤10万元 → ≤12万元', …, '全年预算：9.21 万元 → 12.00 万元']
 */
export function adjustmentChanges(before: readonly TargetRow[], after: readonly TargetRow[], budgetBefore: number | null, budgetAfter: number | null): string[] {
  const lines: string[] = [];
  const wan = (fen: number | null) => (fen === null ? '未填' : `${formatWan2(fen)} 万元`);
  const FIELD = { level1: '一级指标', level2: '二级指标', name: '指标名称' } as const;
  for (const c of compareVersions(before, after)) {
    if (c.change === 'added') lines.push(`新增指标：${c.after!.name}（${[c.after!.level1, c.after!.level2].filter(Boolean).join(' / ')}）${c.after!.target}`);
    else if (c.change === 'removed') lines.push(`删除指标：${c.before!.name}（原指标值 ${c.before!.target}）`);
    else if (c.change === 'changed') {
      for (const f of c.fields) {
        if (f === 'target') lines.push(`${c.after!.name}：${c.before!.target} → ${c.after!.target}`);
        else lines.push(`${c.before!.name}的${FIELD[f]}：${c.before![f] ?? '（空）'} → ${c.after![f] ?? '（空）'}`);
      }
    }
  }
  lines.push(budgetAfter === null || budgetAfter === budgetBefore ? `全年预算：不变（${wan(budgetBefore)}）` : `全年预算：${wan(budgetBefore)} → ${wan(budgetAfter)}`);
  return lines;
}

/** An approved adjustment as monitoring reads it: its version, date, rows and budget. */
export type ApprovedVersion = Pick<TargetVersion, 'version' | 'effectiveOn' | 'rows' | 'budgetFen'>;

/**
 * The indicators in force on `date` (YYYY-MM-DD) of a project whose approved indicators are
 * `indicators` and whose approved adjustments are `adjustments`: before the first adjustment's
 * date the indicators themselves; from it, the rows of the version in force — an approved row with
 * its adjusted name and target (re-read with `parseTarget`), a removed row left out. A row an
 * adjustment added has no indicator of its own to record values against and is left out here
 * (the versions and the public page show it).
 */
export function indicatorsInForce<I extends { id: number; level1: string | null; level2: string | null; name: string; target: T }, T>(
  indicators: readonly I[],
  adjustments: readonly ApprovedVersion[],
  date: string,
  parseTarget: (text: string) => T,
): I[] {
  if (adjustments.length === 0) return [...indicators];
  const inForce = versionInForce<ApprovedVersion>([{ version: 1, effectiveOn: null, rows: [], budgetFen: null }, ...adjustments], date);
  if (inForce.version === 1) return [...indicators];
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const out: I[] = [];
  for (const row of inForce.rows) {
    const ind = row.indicatorId === null ? undefined : byId.get(row.indicatorId);
    if (ind === undefined) continue;
    const same = targetTextOf(ind) === row.target;
    out.push({ ...ind, level1: row.level1, level2: row.level2, name: row.name, target: same ? ind.target : parseTarget(row.target) });
  }
  return out;
}

/** The target text of an indicator whose target is a TargetValue ({ raw }) or a plain text. */
function targetTextOf(ind: { target: unknown }): string | null {
  const t = ind.target;
  if (typeof t === 'string') return t;
  if (t !== null && typeof t === 'object' && 'raw' in t && typeof (t as { raw: unknown }).raw === 'string') return (t as { raw: string }).raw;
  return null;
}

/**
 * The version of a project's targets that is in force on the screens, prints, exports and the API
 * (issue 58): the latest approved one. An approved adjustment is the project's targets from its
 * approval on; its effective date (生效日期) says from which monitoring round they are measured
 * (indicatorsInForce above, by the round's date). Null when the project was never adjusted.
 */
export function latestVersion<V extends Pick<TargetVersion, 'version'>>(adjustments: readonly V[]): V | null {
  let latest: V | null = null;
  for (const a of adjustments) if (latest === null || a.version > latest.version) latest = a;
  return latest;
}

/** A project's targets as the model holds them (Project's indicators and budget), for projectInForce. */
interface AdjustableProject {
  budget: { total: number | null; fiscal: number | null; other: number | null };
  spendingPlan: readonly { checkpoint: string; percent: number | null; amount: number | null; given: 'percent' | 'amount' | null }[];
  indicators: readonly AdjustableIndicator[];
}
interface AdjustableIndicator {
  level1: string | null;
  level2: string | null;
  level1Raw: string;
  level2Raw: string;
  name: string;
  target: { raw: string };
}

/**
 * The project with the targets and budget of its latest approved version (issue 58: what every
 * screen, print, export and the API show): each row of the version an indicator of the project —
 * an approved row its own indicator with the adjusted categories, name and target (re-read with
 * `parseTarget`), a row the adjustment added a new indicator, a removed row left out — in the
 * version's order; the budget in force as 预算数, the 财政资金 moved by the same amount (while it
 * stays within 0 and the new total), the spending plan's amounts of its percentages again (a
 * checkpoint given as an amount keeps it, its percentage of the new total). `indicatorIds[i]` is
 * the database id of `project.indicators[i]`. The project itself when it was never adjusted.
 */
export function projectInForce<P extends AdjustableProject>(
  project: P,
  indicatorIds: readonly number[],
  adjustments: readonly Pick<TargetVersion, 'version' | 'rows' | 'budgetFen'>[],
  parseTarget: (text: string) => P['indicators'][number]['target'],
): P {
  const latest = latestVersion(adjustments);
  if (latest === null) return project;
  type I = P['indicators'][number];
  const byId = new Map(indicatorIds.map((id, i) => [id, project.indicators[i]!]));
  const template = project.indicators[0];
  const indicators: I[] = [];
  for (const row of latest.rows) {
    const own = row.indicatorId === null ? undefined : byId.get(row.indicatorId);
    const base: I = own ?? ({ ...(template ?? {}), description: null, basis: null, sources: {}, extras: [], level1Inherited: false, level2Inherited: false } as unknown as I);
    const sameLevel1 = own !== undefined && own.level1 === row.level1;
    const sameLevel2 = own !== undefined && own.level2 === row.level2;
    indicators.push({
      ...base,
      level1: row.level1,
      level2: row.level2,
      level1Raw: sameLevel1 ? own.level1Raw : (row.level1 ?? ''),
      level2Raw: sameLevel2 ? own.level2Raw : (row.level2 ?? ''),
      name: row.name,
      target: own !== undefined && own.target.raw === row.target ? own.target : parseTarget(row.target),
    });
  }
  const total = budgetOfVersions(adjustments, project.budget.total);
  return { ...project, indicators, ...(total === project.budget.total ? {} : budgetMoved(project, total)) };
}

/** The budget of the latest version that set one (the approved budget when none did). */
function budgetOfVersions(adjustments: readonly Pick<TargetVersion, 'version' | 'budgetFen'>[], approved: number | null): number | null {
  let budget = approved;
  for (const a of [...adjustments].sort((x, y) => x.version - y.version)) if (a.budgetFen !== null) budget = a.budgetFen;
  return budget;
}

/** The budget and spending plan of a project whose 预算数 became `total`. */
function budgetMoved<P extends AdjustableProject>(project: P, total: number | null): Pick<P, 'budget' | 'spendingPlan'> {
  const before = project.budget.total;
  const fiscal =
    project.budget.fiscal !== null && before !== null && total !== null && project.budget.fiscal + (total - before) >= 0 && project.budget.fiscal + (total - before) <= total
      ? project.budget.fiscal + (total - before)
      : project.budget.fiscal;
  const spendingPlan = project.spendingPlan.map((c) => {
    if (total === null || total === 0) return c;
    if (c.given === 'percent' && c.percent !== null) return { ...c, amount: amountOfPercent(total, Math.round(c.percent * 100)) };
    if (c.given === 'amount' && c.amount !== null) {
      const hundredths = percentHundredths(c.amount, total);
      return { ...c, percent: hundredths === null ? c.percent : hundredths / 100 };
    }
    return c;
  });
  return { budget: { ...project.budget, total, fiscal }, spendingPlan } as Pick<P, 'budget' | 'spendingPlan'>;
}

/**
 * Where each approved indicator (by its index in the approved table) stands in the table in force:
 * its index there, or null when the adjustment removed it — for the review's findings and the
 * reviewers' comments, which were made on the approved table.
 */
export function indexesInForce(indicatorIds: readonly number[], adjustments: readonly Pick<TargetVersion, 'version' | 'rows'>[]): (number | null)[] {
  const latest = latestVersion(adjustments);
  if (latest === null) return indicatorIds.map((_, i) => i);
  const at = new Map<number, number>();
  latest.rows.forEach((r, i) => {
    if (r.indicatorId !== null) at.set(r.indicatorId, i);
  });
  return indicatorIds.map((id) => at.get(id) ?? null);
}
