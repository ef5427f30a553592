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
