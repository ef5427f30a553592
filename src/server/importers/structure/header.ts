/**
 * The header of an indicator table, of any depth (issue 53): the header row (its category columns
 * say it is one), a row of group markers above it (一级指标 | 长期目标 | 年度目标), and up to two rows
 * under it that split a header into its parts (指标值 over 运算符 | 数值 | 计量单位, over 上年实际值 |
 * 本年目标值, over 2024年实际 | 预期2025年, over 实施周期指标值 | 当年度指标值). Every column is known by its
 * path, the header texts from the top row down (指标值 › 预期2025年), and its role is read from the path:
 * the deepest text that names a field, else the time it names under the field above it.
 *
 * - The budget year's target is the target; the period's target (实施周期, 中期) is the long-term group
 *   (a table with both gives each row to both lists, as 指标值 | 中期指标值 always did); last year's
 *   actual and a later year's target are kept on the indicator beside it, by role (Column.keep).
 * - Bare years (2024年 | 2025年) are decided by the words of the other columns and by the year the
 *   table's title gives; a header whose target cannot be told is said (HeaderBlock.ambiguity).
 * - Columns are matched by grid position when the reader knows it; in extracted text the spanning
 *   header is one cell (or followed by the empty cells it covers) and the row under it holds its parts.
 */
import type { ExtraRole, IndicatorField } from '../../../shared/domain/model';
import {
  groupOf,
  isIndicatorHeaderRow,
  namesCategoryColumn,
  readIndicatorHeader,
  timeRoleOf,
  WEAK_LEVEL1_HEADERS,
  type IndicatorGroup,
  type IndicatorHeader,
  type TimeRole,
} from '../../../shared/layout/indicator-columns';
import type { Cell, RowBlock } from '../blocks';
import { hasGrid, headerOver, place, rowMemo, type Placed } from '../parse/grid';
import type { TemplateColumnRole } from '../../../shared/domain/form-template';
import type { PreparedTemplate } from './template';
import { upperHeaderLeaves } from './upper-header';


export interface Column extends IndicatorHeader {
  start: number;
  end: number;
  /** The header's texts from the top header row down, whitespace removed: ["指标值", "上年实际值"]. */
  path: string[];
  /** Set for a column kept beside the indicator by role (its `field` is null, `text` its path). */
  keep?: ExtraRole;
  /** A column a form template says not to read (issue 54): its cells are left out, said once per table. */
  ignored?: true;
}

export interface HeaderBlock {
  /** The header's first row (a row of group markers, else the header row) and the row after its last. */
  from: number;
  to: number;
  /** The header row, the one with the category columns. */
  at: number;
  columns: Column[];
  /** The group of a row's indicators when the columns name none: the whole table's when its headers name only one. */
  fallbackGroup: IndicatorGroup;
  /** The header row's texts, to tell a repeated header from another. */
  signature: string;
  /** Whether the columns have a target (or value) column, and one of the budget year's (not 实施周期指标值, 中期目标): targetsOf. */
  targets: Targets;
  /** Why the target column cannot be told (two years, neither named), in words; null when it can. */
  ambiguity: string | null;
  /** The form template that named this header (issue 54); absent when the reader found it. */
  template?: PreparedTemplate;
}

/** The rows that start an indicator table: a header row. Asked of most rows twice (as a row and as the next one): answered once. */
export function isIndicatorHeader(row: RowBlock): boolean {
  const memo = rowMemo(row);
  return (memo.indicatorHeader ??= readsAsIndicatorHeader(memo.placed));
}

function readsAsIndicatorHeader(placed: readonly Placed[]): boolean {
  // isIndicatorHeaderRow's own first test (a cell that names a category column: 一级/二级指标, 指标类型),
  // without the array of texts for the rows that fail it, which are most (an indicator's row with 市级 in
  // a cell among them); a plain loop (every row of every table).
  for (let k = 0; k < placed.length; k++) {
    const text = placed[k]!.text;
    if (!namesCategoryColumn(text)) continue;
    const field = readIndicatorHeader(text).field;
    if (field === 'level1' || field === 'level2') return isIndicatorHeaderRow(placed.map((p) => p.text));
  }
  return false;
}

/**
 * Group markers over the header's columns in the row above it ("一级指标 | 长期目标 | 年度目标"):
 * true when the row names a group over some columns and no field other than 一级指标.
 */
export function isGroupPrelude(row: RowBlock): boolean {
  const memo = rowMemo(row);
  return (memo.groupPrelude ??= readsAsGroupPrelude(memo.placed));
}

function readsAsGroupPrelude(cells: readonly Placed[]): boolean {
  // Asked of every row: loops over the cells with text, no filtered copy. Most rows name no group
  // (groupOf rejects them at a glance) and are out before any header is read.
  if (!cells.some((p) => p.text !== '' && groupOf(p.text) !== null)) return false;
  for (const p of cells) {
    if (p.text === '' || groupOf(p.text) !== null) continue;
    const h = readIndicatorHeader(p.text);
    if (h.field !== 'level1' && !h.rowGroup) return false;
  }
  return true;
}

/** The index of the header row when rows[i] starts an indicator header (the header itself, or its group markers above it); -1 otherwise. */
export function headerRowAt(rows: readonly RowBlock[], i: number): number {
  // The next row is asked first: whether it is a header is remembered and asked of it anyway,
  // while a group prelude is rare and asking every row for one looks at every cell (groupOf).
  if (isIndicatorHeader(rows[i]!)) return i;
  const next = rows[i + 1];
  return next !== undefined && isIndicatorHeader(next) && isGroupPrelude(rows[i]!) ? i + 1 : -1;
}

/** Fields a row under the header names under a header over them (指标值 over 运算符 | 数值 | 计量单位). */
const SUB_HEADER_FIELDS: ReadonlySet<IndicatorField> = new Set(['operator', 'value', 'unit', 'target', 'nature', 'weight']);

/** How many rows under the header row may split its headers. */
const MAX_SUB_ROWS = 2;

/**
 * A row under the header that splits a header into its parts: at least two cells have text, and each
 * names a part of a target (SUB_HEADER_FIELDS), a time (timeRoleOf) or a group (中期目标 | 年度目标);
 * its empty cells are the headers above merged down.
 */
export function isSubHeaderRow(row: RowBlock): boolean {
  let named = 0;
  for (const p of place(row)) {
    if (p.text === '' || p.cell.mergedFromAbove) continue;
    const field = readIndicatorHeader(p.text).field;
    if (!((field !== null && SUB_HEADER_FIELDS.has(field)) || timeRoleOf(p.text) !== null || groupOf(p.text) !== null)) return false;
    named++;
  }
  return named >= 2;
}

/** A header cell on its way to a column: where it stands and its path so far. */
interface Leaf {
  cell: Cell;
  start: number;
  end: number;
  path: string[];
}

const headerText = (p: Placed) => p.text.replace(/\s+/g, '');

/**
 * Reads the header whose header row is rows[at] (rows[at - 1] may hold group markers over it, and up
 * to two rows under it may split its headers). `year` is the year the table's title or a year line
 * gives, when any: it decides between bare years.
 */
export function readHeaderBlock(rows: readonly RowBlock[], at: number, year: number | null = null, yearElsewhere?: () => number | null): HeaderBlock {
  const header = rows[at]!;
  const prelude = at > 0 && isGroupPrelude(rows[at - 1]!) ? rows[at - 1]! : null;
  let to = at + 1;
  while (to < rows.length && to - at <= MAX_SUB_ROWS && isSubHeaderRow(rows[to]!)) to++;
  // a header row over the header row (the 自评表's 绩效指标 | 年度指标值 | 实际完成值 …, issue 70): upper-header.ts
  const upper = prelude === null ? upperHeaderLeaves(rows, at, to) : null;
  const from = prelude !== null || upper !== null ? at - 1 : at;
  // the same header over table after table of a document: its columns read once (they are never changed after)
  const key = upper === null ? headerKey(rows, from, to, year) : `${headerKey(rows, from, to, year)}|upper`;
  let read = headerMemo.get(key);
  // a header that asked the year said elsewhere is the same only under the same year
  if (read !== undefined && read.elsewhere !== undefined && read.elsewhere !== (yearElsewhere?.() ?? null)) read = undefined;
  if (read === undefined) {
    if (headerMemo.size >= 2_000) headerMemo.clear();
    read = readColumns(rows, at, prelude, year, yearElsewhere, null, upper);
    headerMemo.set(key, read);
  }
  return { from, to: at + read.rowsFromHeader, at, columns: read.columns, fallbackGroup: read.fallbackGroup, signature: read.signature, targets: read.targets, ambiguity: read.ambiguity };
}

/** What reading a header gives, by the header rows' cells (headerKey): kept for the next table with the same header. */
const headerMemo = new Map<string, ReadHeader>();

interface ReadHeader {
  rowsFromHeader: number;
  columns: Column[];
  fallbackGroup: IndicatorGroup;
  signature: string;
  targets: Targets;
  ambiguity: string | null;
  /** The year said elsewhere that decided its bare years, when it was asked (settleTimes). */
  elsewhere?: number | null;
}

/** The header rows' cells (their places, texts and merges) and the year: what reading them depends on. */
function headerKey(rows: readonly RowBlock[], from: number, to: number, year: number | null): string {
  // Most tables repeat the previous table's header: its cells are compared with the last key's, and that key
  // (its hash already known to the memo) is given back, without writing and hashing a new one.
  const last = lastHeaderKey;
  if (last !== null && sameHeaderCells(last, rows, from, to, year)) return last.key;
  let key = `${year ?? ''}|${to - from}`;
  const cells: (readonly Placed[])[] = [];
  for (let i = from; i < to; i++) {
    key += '\n';
    const placed = place(rows[i]!);
    cells.push(placed);
    for (const p of placed) key += `${p.start},${p.end},${p.cell.mergedFromAbove ? 1 : 0},${p.text}\t`;
  }
  lastHeaderKey = { year, cells, key };
  return key;
}

/** The last header key written, with the cells it was written of. */
let lastHeaderKey: { year: number | null; cells: (readonly Placed[])[]; key: string } | null = null;

/** Whether rows[from..to) hold the cells the last key was written of (what headerKey writes: places, merges, texts), with the same year. */
function sameHeaderCells(last: { year: number | null; cells: (readonly Placed[])[] }, rows: readonly RowBlock[], from: number, to: number, year: number | null): boolean {
  if (last.year !== year || last.cells.length !== to - from) return false;
  for (let i = from; i < to; i++) {
    const placed = place(rows[i]!);
    const before = last.cells[i - from]!;
    if (placed.length !== before.length) return false;
    for (let k = 0; k < placed.length; k++) {
      const p = placed[k]!;
      const b = before[k]!;
      if (p.start !== b.start || p.end !== b.end || !p.cell.mergedFromAbove !== !b.cell.mergedFromAbove || p.text !== b.text) return false;
    }
  }
  return true;
}

/**
 * The header a form template names (structure/template.ts), at rows[at]: its rows are the header, as deep as the
 * template's, whatever they hold; each column's role is the template's for its path (the reader's for a path the
 * template does not name).
 */
export function readTemplateHeader(rows: readonly RowBlock[], at: number, template: PreparedTemplate, year: number | null): HeaderBlock {
  const depth = template.keys.length;
  const read = readColumns(rows, at, null, year, undefined, depth);
  const columns = read.columns.map((c) => {
    const role = template.columnRoles.get(c.path.join('›'));
    return role === undefined ? { ...c } : withRole(c, role);
  });
  return { from: at, to: at + depth, at, columns, fallbackGroup: read.fallbackGroup, signature: read.signature, targets: targetsOf(columns), ambiguity: columns.some((c) => template.columnRoles.has(c.path.join('›'))) ? null : read.ambiguity, template };
}

/** A column given a role by a person (a form template). */
function withRole(c: Column, role: TemplateColumnRole): Column {
  const out: Column = { ...c, field: null, group: null, rowGroup: false, text: c.path[c.path.length - 1] ?? c.text };
  delete out.keep;
  switch (role) {
    case 'ignore':
      out.ignored = true;
      return out;
    case 'other':
      out.text = c.path.join('›');
      return out;
    case 'rowLabel':
      out.rowGroup = true;
      return out;
    case 'priorActual':
    case 'laterTarget':
      out.keep = role;
      out.text = c.path.join('›');
      return out;
    case 'longTermTarget':
      out.field = 'target';
      out.group = 'longTerm';
      return out;
    default:
      out.field = role;
      // a column of a group the template's header marks (年度 beside 长期) stays in it
      out.group = c.group;
      return out;
  }
}

/** Reads the header's columns (readHeaderBlock's work when it has not read the same header before); where the header ends as rows from its header row. */
function readColumns(
  rows: readonly RowBlock[],
  at: number,
  prelude: RowBlock | null,
  year: number | null,
  yearElsewhere?: () => number | null,
  depth: number | null = null,
  upper: readonly Leaf[] | null = null,
): ReadHeader {
  const header = rows[at]!;
  const above = prelude ? place(prelude) : [];
  let leaves: Leaf[] = upper !== null ? [...upper] : place(header).map((p) => {
    let text = headerText(p);
    const path: string[] = [];
    const marker = above.find((a) => a.start <= p.start && p.end <= a.end && groupOf(a.text) !== null);
    if (text === '' || p.cell.mergedFromAbove) {
      // A header cell merged down from the row above: 一级指标 spanning both header rows.
      const over = headerOver(p, above);
      if (over) text = headerText(over);
    } else if (marker) path.push(headerText(marker));
    if (text !== '') path.push(text);
    return { cell: p.cell, start: p.start, end: p.end, path };
  });
  let to = at + 1;
  const under = (k: number) => (depth === null ? k - at <= MAX_SUB_ROWS && isSubHeaderRow(rows[k]!) : k - at < depth);
  while (to < rows.length && under(to)) {
    const joined = joinSubRow(leaves, rows[to]!, hasGrid(header) && hasGrid(rows[to]!));
    to++;
    // a row of parts that does not fit the header is still the header's (its parts unread), and the last of it
    if (joined === null) break;
    leaves = joined;
  }
  const columns = leaves.map(columnOf);
  let elsewhere: number | null | undefined;
  const ambiguity = settleTimes(columns, year, yearElsewhere && (() => (elsewhere = yearElsewhere())));
  settleRoles(columns);
  const fallbackGroup = settleGroups(columns, header);
  return { rowsFromHeader: to - at, columns, fallbackGroup, signature: place(header).map((p) => p.text).join('|'), targets: targetsOf(columns), ambiguity, elsewhere };
}

/** What target columns a header has (HeaderBlock.targets). */
export interface Targets {
  /** A target or value column. */
  any: boolean;
  /** One of the budget year's: not in the long-term group, not a period's (实施周期指标值, 中期目标). */
  ofYear: boolean;
}

/** The header's target columns, worked out once with its columns (a header is read once for the tables that repeat it). */
function targetsOf(columns: readonly Column[]): Targets {
  let any = false;
  for (const c of columns) {
    if (c.field !== 'target' && c.field !== 'value') continue;
    any = true;
    if (c.group !== 'longTerm' && timeRoleOf(c.path[c.path.length - 1] ?? '')?.kind !== 'period') return { any, ofYear: true };
  }
  return { any, ofYear: false };
}

/**
 * The leaves with a row under them: a leaf with named cells under it gives way to them, the others
 * (merged down) stay. By grid position when the reader knows it; in extracted text, where the
 * spanning header is one cell, the row's run of named cells stands under the cell where the run
 * starts, or in its place when the row has as many cells as the leaves (the spanning header followed
 * by empty ones). Null when the counts do not fit: the row is then no part of the header.
 */
function joinSubRow(leaves: readonly Leaf[], sub: RowBlock, grid: boolean): Leaf[] | null {
  const below = place(sub);
  const named = (p: Placed) => p.text !== '' && p.cell.mergedFromAbove !== true;
  const out: Leaf[] = [];
  if (grid) {
    for (const t of leaves) {
      const under = below.filter((p) => named(p) && p.start >= t.start && p.end <= t.end);
      if (under.length === 0) out.push(t);
      else for (const p of under) out.push({ cell: p.cell, start: p.start, end: p.end, path: [...t.path, headerText(p)] });
    }
    return out;
  }
  const first = below.findIndex(named);
  let end = first;
  while (end < below.length && named(below[end]!)) end++;
  const run = end - first;
  // the spanning header as one cell, or followed by the empty cells it covers
  const shift = below.length === leaves.length + run - 1 ? run - 1 : below.length === leaves.length ? 0 : null;
  if (shift === null) return null;
  const spanning = leaves[first];
  below.forEach((p, k) => {
    if (k >= first && k < end) out.push({ cell: p.cell, start: k, end: k + 1, path: [...(spanning?.path ?? []), headerText(p)] });
    else {
      const t = leaves[k < first ? k : k - shift]!;
      out.push({ ...t, start: k, end: k + 1 });
    }
  });
  return out;
}

/**
 * A column's role from its path: the deepest text that names a field (with the group a text above it
 * marks); under a field, a time (本年目标值, 上年实际值) or a group marker (年度目标) names the field's
 * part. A column's `text` is its header as written (whitespace removed): the deepest text, the whole
 * path for a column kept by role.
 */
function columnOf(leaf: Leaf): Column {
  const path = leaf.path;
  const leafText = path[path.length - 1] ?? '';
  const h = readIndicatorHeader(leafText);
  const ancestorGroup = (): IndicatorGroup | null => {
    for (let k = path.length - 2; k >= 0; k--) {
      const g = groupOf(path[k]!);
      if (g !== null) return g;
    }
    return null;
  };
  const column: Column = { field: h.field, group: h.group ?? ancestorGroup(), rowGroup: h.rowGroup, text: h.text, start: leaf.start, end: leaf.end, path };
  if (h.field !== null || h.rowGroup) return column;
  const time = timeRoleOf(leafText);
  if (time !== null) (column as Column & { time?: TimeRole }).time = time;
  return column;
}

type Timed = Column & { time?: TimeRole };

/**
 * Time roles decided over the table: the budget year's target is the target column, the period's a
 * long-term target, last year's actual and a later year's target are kept by role. Bare years take
 * their kind from the others: at or before a year written as actual, history; the table's year (or,
 * without one, the only year left, else the year said elsewhere: yearElsewhere) the target; later ones
 * later targets. Returns why the target cannot
 * be told when it cannot (several bare years, no year to choose by); null otherwise.
 */
function settleTimes(columns: Column[], tableYear: number | null, yearElsewhere?: () => number | null): string | null {
  const timed = (columns as Timed[]).filter((c) => c.time !== undefined);
  if (timed.length === 0) return null;
  const priorYears = timed.filter((c) => c.time!.kind === 'prior' && c.time!.year !== null).map((c) => c.time!.year!);
  const lastPrior = priorYears.length > 0 ? Math.max(...priorYears) : null;
  // the bare years that may be the target: after every year written as actual
  const bare = timed.filter((c) => c.time!.kind === 'current' && c.time!.year !== null && !c.time!.marked);
  for (const c of bare) if (lastPrior !== null && c.time!.year! <= lastPrior) c.time = { ...c.time!, kind: 'prior' };
  const targetYears = timed.filter((c) => c.time!.kind === 'current' && c.time!.year !== null);
  let targetYear: number | null = null;
  let ambiguity: string | null = null;
  const marked = targetYears.filter((c) => c.time!.marked);
  // the year said elsewhere (a project code, the document's title), when the table's own says none and nothing else decides
  const year = tableYear ?? (targetYears.length > 1 && marked.length !== 1 ? (yearElsewhere?.() ?? null) : null);
  if (year !== null && targetYears.some((c) => c.time!.year === year)) targetYear = year;
  else if (marked.length === 1) targetYear = marked[0]!.time!.year;
  else if (targetYears.length === 1) targetYear = targetYears[0]!.time!.year;
  else if (targetYears.length > 1) {
    targetYear = Math.min(...targetYears.map((c) => c.time!.year!));
    ambiguity = `表头的${targetYears.map((c) => `“${c.path.join('›')}”`).join('、')}都可能是本年度的指标值`;
  }
  const hasPeriod = timed.some((c) => c.time!.kind === 'period');
  let targetTaken = columns.some((c) => c.field === 'target' || c.field === 'value');
  for (const c of timed) {
    const t = c.time!;
    delete c.time;
    const isTarget = t.kind === 'current' && (t.year === null || t.year === targetYear);
    if (t.kind === 'period') {
      c.field = 'target';
      c.group = 'longTerm';
    } else if (isTarget) {
      // a second column of this year's target beside one the table has: an extra column, as before
      if (targetTaken) continue;
      c.field = 'target';
      c.group = hasPeriod ? 'annual' : c.group;
      targetTaken = true;
    } else {
      c.keep = t.kind === 'prior' || (t.year !== null && targetYear !== null && t.year < targetYear) ? 'priorActual' : 'laterTarget';
      c.text = c.path.join('›');
    }
  }
  return ambiguity;
}

/**
 * Roles that depend on the other columns (issue 37): 指标类型 beside an 一级指标 is the nature
 * (定量/定性); 绩效指标 right of the category columns with no other name column is the name (down
 * the left it only labels the rows); a second column of a field already taken in its group is an
 * extra column, kept as written, never dropped.
 */
function settleRoles(columns: Column[]): void {
  const level1s = columns.filter((c) => c.field === 'level1');
  if (level1s.length > 1) {
    for (const c of level1s) if (WEAK_LEVEL1_HEADERS.includes(c.text) && level1s.some((o) => o !== c && !WEAK_LEVEL1_HEADERS.includes(o.text))) c.field = 'nature';
  }
  if (!columns.some((c) => c.field === 'name')) {
    const firstCategory = columns.findIndex((c) => c.field === 'level1' || c.field === 'level2');
    const label = columns.findIndex((c, at) => at > firstCategory && firstCategory >= 0 && c.rowGroup && c.text === '绩效指标');
    if (label >= 0) {
      columns[label]!.field = 'name';
      columns[label]!.rowGroup = false;
    }
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (c.field === null) continue;
    const key = `${c.field}|${c.group ?? ''}`;
    if (seen.has(key)) c.field = null;
    else seen.add(key);
  }
}

/**
 * The groups of the columns, and the group of a row whose columns name none. Parallel groups only
 * when the table has both: "年度指标值" alone is just the target column, "三级指标（长期）" alone makes
 * the whole table long-term; without a group in the headers, a row-group label (长期绩效指标) says.
 */
function settleGroups(columns: Column[], header: RowBlock): IndicatorGroup {
  const groups = new Set(columns.map((c) => c.group).filter((g) => g !== null));
  if (groups.size < 2 && !annualBesideLongTerm(columns)) {
    for (const c of columns) c.group = null;
    if ([...groups][0] === 'longTerm') return 'longTerm';
  }
  const label = place(header).find((p) => readIndicatorHeader(p.text).rowGroup);
  return label && /长期/.test(label.text) ? 'longTerm' : 'annual';
}

/**
 * 指标值 beside 中期指标值 / 长期指标值 (issue 37): a field with a long-term column and an unmarked one
 * is two groups, the unmarked column the annual one, and so are the parts of a split target
 * (运算符, 数值, 计量单位) the long-term group has none of. Marks them and returns true; false (nothing
 * changed) for a table whose long-term columns have no unmarked twin (the whole table is long-term).
 */
function annualBesideLongTerm(columns: Column[]): boolean {
  const longFields = new Set(columns.filter((c) => c.group === 'longTerm' && c.field !== null).map((c) => c.field));
  const twins = columns.filter((c) => c.group === null && c.field !== null && longFields.has(c.field));
  if (twins.length === 0) return false;
  for (const c of twins) c.group = 'annual';
  for (const c of columns) if (c.group === null && (c.field === 'operator' || c.field === 'value' || c.field === 'unit') && !longFields.has(c.field)) c.group = 'annual';
  return true;
}
