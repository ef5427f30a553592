/**
 * The indicator library (共性指标库 from the stored documents): entries that group the same
 * 三级指标 across projects — same framework category (level 1 and 2) and same key (indicator-key.ts)
 * — each with how many projects, departments and years use it, its units, the distribution of its
 * quantitative targets (in its most used unit: 人 and % are never mixed), its typical bases and the
 * projects behind it. Plus what the editor and the review ask of it: search, suggestions from
 * similar projects, peer figures.
 *
 * Pure: built from rows fed one at a time (LibraryBuilder), so the server can stream them from the
 * database and the tests can feed parsed fixtures.
 */
import { compactLabel } from '../domain/text';
import { formatFigure } from '../domain/money';
import type { ProjectStatus } from '../domain/workflow';
import type { TargetKind, TargetOperator } from '../domain/model';
import { compactIndicatorName, indicatorKey } from './indicator-key';
import { distributionOf, distributionWithout, numberOf, type Distribution } from './stats';
import { addToIndex, newSimilarityIndex, removeFromIndex, similarTo, type SimilarityIndex } from './similarity';

export type { Distribution } from './stats';

/** A project as the library knows it. */
export interface LibraryProjectRow {
  id: number;
  name: string;
  purpose: string | null;
  year: number | null;
  status: ProjectStatus;
  departmentId: number | null;
  departmentName: string | null;
  /** The stored project's version (every save and workflow step moves it): what changed since the library was built. */
  version?: number;
  /** Its 预算数 in force (fen), what a money indicator's suggestion is scaled by (issue 58); null: none. */
  budgetFen?: number | null;
}

/** An indicator row as the library reads it. */
export interface LibraryIndicatorRow {
  projectId: number;
  level1: string | null;
  level2: string | null;
  name: string;
  targetRaw: string;
  targetKind: TargetKind;
  targetOperator: TargetOperator | null;
  targetValueText: string | null;
  targetUnit: string | null;
  basis: string | null;
}

export interface LibraryProject {
  id: number;
  name: string;
  year: number | null;
  status: ProjectStatus;
  departmentId: number | null;
  departmentName: string | null;
  version: number;
  budgetFen: number | null;
}

/** One use of an entry: the project and its target as written. */
export interface EntryUse {
  projectId: number;
  target: string;
  /** The quantitative target's number as written and its unit ('' for none); null when not quantitative. */
  valueText: string | null;
  unit: string;
}

export interface LibraryEntry {
  /** level1 + level2 + name key: unique in the library. */
  id: string;
  /** The name key (indicator-key.ts). */
  key: string;
  /** The most used spelling. */
  name: string;
  /** Every spelling, most used first. */
  names: string[];
  level1: string | null;
  level2: string | null;
  projects: number;
  departments: number;
  years: number;
  /** Units of its quantitative targets, most used first; the distribution is over the first. */
  units: string[];
  /** Distribution of the quantitative targets in units[0]; null when none is quantitative. */
  target: Distribution | null;
  /** The operator most used with units[0] ("≥" for a satisfaction rate). */
  operator: TargetOperator | null;
  /** Per unit: the targets' numbers as written, ascending (peer figures). Live: read it synchronously. */
  values: ReadonlyMap<string, readonly string[]>;
  /** The most common 指标值确定依据, most used first (at most 3). */
  bases: string[];
  /** Every project using it, once each, by project id, in the order they were read. Live: read it synchronously. */
  uses: ReadonlyMap<number, EntryUse>;
  /** Text the search compares with: the key and every spelling, compact. */
  searchText: string;
}

/**
 * The library as answered. Its maps are the live state's (LibraryState): read it synchronously
 * after getting it (no await in between), as every caller does.
 */
export interface IndicatorLibrary {
  entries: LibraryEntry[];
  byId: Map<string, LibraryEntry>;
  /** Entries by name key (the same name under several categories: several entries). */
  byKey: Map<string, LibraryEntry[]>;
  projects: ReadonlyMap<number, LibraryProject>;
  /** The entries a project uses. */
  entriesOf(projectId: number): LibraryEntry[];
  similarity: SimilarityIndex;
}

/** How many example projects an entry shows. */
export const EXAMPLE_COUNT = 5;

export function entryId(level1: string | null, level2: string | null, key: string): string {
  return `${level1 ?? ''}|${level2 ?? ''}|${key}`;
}

/** An entry being aggregated: counts that go up with a project read and down with a project removed. */
interface Draft {
  id: string;
  key: string;
  level1: string | null;
  level2: string | null;
  names: Map<string, number>;
  departments: Map<number | string, number>;
  years: Map<number, number>;
  uses: Map<number, EntryUse>;
  values: Map<string, string[]>;
  operators: Map<string, Map<TargetOperator, number>>;
  bases: Map<string, number>;
  /** Units whose value list had values appended out of order (a build appends, a view sorts once). */
  unsorted: Set<string>;
  /** The answered entry; null when a change made it stale. */
  view: LibraryEntry | null;
}

/** Sorts the value lists values were appended to. */
function sortValues(d: Draft): void {
  for (const unit of d.unsorted) d.values.get(unit)?.sort((a, b) => numberOf(a) - numberOf(b));
  d.unsorted.clear();
}

/** What one indicator row added to its entry, to take it away again. */
interface Contribution {
  draft: Draft;
  display: string;
  unit: string;
  valueText: string | null;
  operator: TargetOperator | null;
  basis: string;
}

interface ProjectState {
  project: LibraryProject;
  /** Its document in the similarity index. */
  doc: number;
  contributions: Contribution[];
}

function bump<K>(m: Map<K, number>, k: K, by = 1): void {
  const n = (m.get(k) ?? 0) + by;
  if (n === 0) m.delete(k);
  else m.set(k, n);
}

function byCount<K>(m: Map<K, number>): K[] {
  return [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).map(([k]) => k);
}

/** The first index whose number is not below `n` in an ascending list of decimal texts. */
function lowerBound(list: readonly string[], n: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (numberOf(list[mid]!) < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const departmentKey = (p: LibraryProject) => p.departmentId ?? `name:${p.departmentName ?? ''}`;

/**
 * The library's state: projects and indicators added (a build reads them all), removed and added
 * again (a change: only the projects that changed), answered as an IndicatorLibrary (view()).
 * Every figure is a count or a sorted list kept exact under removal, so a library kept up to date
 * this way equals one built afresh (test/unit/library.test.ts checks it).
 */
export class LibraryState {
  private readonly projects = new Map<number, ProjectState>();
  private readonly projectView = new Map<number, LibraryProject>();
  private readonly drafts = new Map<string, Draft>();
  private readonly keyCache = new Map<string, { key: string; display: string }>();
  private similarity = newSimilarityIndex();
  private cached: IndicatorLibrary | null = null;

  get size(): number {
    return this.projects.size;
  }

  /** The share of the similarity index's documents that were removed (a refresh rebuilds past a half). */
  removedShare(): number {
    return this.similarity.keys.length === 0 ? 0 : this.similarity.removed.size / this.similarity.keys.length;
  }

  /** The projects held: id → "version:status" (what a refresh compares with; library.repository readLibraryProjectVersions). */
  versions(): Map<number, string> {
    return new Map([...this.projects].map(([id, p]) => [id, `${p.project.version}:${p.project.status}:${p.project.budgetFen ?? ''}`]));
  }

  addProject(row: LibraryProjectRow): void {
    if (this.projects.has(row.id)) this.removeProject(row.id);
    const project: LibraryProject = {
      id: row.id,
      name: row.name,
      year: row.year,
      status: row.status,
      departmentId: row.departmentId,
      departmentName: row.departmentName,
      version: row.version ?? 0,
      budgetFen: row.budgetFen ?? null,
    };
    const doc = addToIndex(this.similarity, row.id, `${row.name} ${row.purpose ?? ''}`);
    this.projects.set(row.id, { project, doc, contributions: [] });
    this.projectView.set(row.id, project);
    this.cached = null;
  }

  /** Adds an indicator of a project added before (others are skipped). */
  addIndicator(row: LibraryIndicatorRow): void {
    const state = this.projects.get(row.projectId);
    if (state === undefined) return;
    let named = this.keyCache.get(row.name);
    if (named === undefined) {
      named = { key: indicatorKey(row.name), display: compactIndicatorName(row.name) };
      this.keyCache.set(row.name, named);
    }
    if (named.key === '') return;
    const id = entryId(row.level1, row.level2, named.key);
    let d = this.drafts.get(id);
    if (d === undefined) {
      d = {
        id,
        key: named.key,
        level1: row.level1,
        level2: row.level2,
        names: new Map(),
        departments: new Map(),
        years: new Map(),
        uses: new Map(),
        values: new Map(),
        operators: new Map(),
        bases: new Map(),
        unsorted: new Set(),
        view: null,
      };
      this.drafts.set(id, d);
    }
    const project = state.project;
    const quantitative = row.targetKind === 'quantitative' && row.targetValueText !== null;
    const unit = row.targetUnit ?? '';
    const basis = row.basis === null ? '' : compactLabel(row.basis);
    const c: Contribution = {
      draft: d,
      display: named.display,
      unit,
      valueText: quantitative ? row.targetValueText : null,
      operator: quantitative ? row.targetOperator : null,
      basis: basis === '/' || basis === '无' ? '' : basis,
    };
    state.contributions.push(c);
    bump(d.names, c.display);
    if (!d.uses.has(project.id)) {
      d.uses.set(project.id, { projectId: project.id, target: row.targetRaw, valueText: c.valueText, unit });
      bump(d.departments, departmentKey(project));
      if (project.year !== null) bump(d.years, project.year);
    }
    if (c.valueText !== null) {
      let list = d.values.get(unit);
      if (list === undefined) d.values.set(unit, (list = []));
      // appended: sorted once when the entry is answered or a value is taken out
      list.push(c.valueText);
      d.unsorted.add(unit);
      let ops = d.operators.get(unit);
      if (ops === undefined) d.operators.set(unit, (ops = new Map()));
      if (c.operator !== null) bump(ops, c.operator);
    }
    if (c.basis !== '') bump(d.bases, c.basis);
    d.view = null;
    this.cached = null;
  }

  /** Takes a project and everything its indicators added away. */
  removeProject(projectId: number): void {
    const state = this.projects.get(projectId);
    if (state === undefined) return;
    for (const c of state.contributions) {
      const d = c.draft;
      bump(d.names, c.display, -1);
      if (d.uses.delete(projectId)) {
        bump(d.departments, departmentKey(state.project), -1);
        if (state.project.year !== null) bump(d.years, state.project.year, -1);
      }
      if (c.valueText !== null) {
        sortValues(d);
        const list = d.values.get(c.unit)!;
        const n = numberOf(c.valueText);
        const at = lowerBound(list, n);
        // the same number, perhaps written otherwise ("95" and "95.0"): any of them does
        if (at < list.length && numberOf(list[at]!) === n) list.splice(at, 1);
        if (list.length === 0) d.values.delete(c.unit);
        const ops = d.operators.get(c.unit);
        if (ops !== undefined && c.operator !== null) bump(ops, c.operator, -1);
        if (ops !== undefined && ops.size === 0 && !d.values.has(c.unit)) d.operators.delete(c.unit);
      }
      if (c.basis !== '') bump(d.bases, c.basis, -1);
      d.view = null;
      if (d.uses.size === 0) this.drafts.delete(d.id);
    }
    removeFromIndex(this.similarity, state.doc);
    this.projects.delete(projectId);
    this.projectView.delete(projectId);
    this.cached = null;
  }

  private entryOf(d: Draft): LibraryEntry {
    if (d.view !== null) return d.view;
    sortValues(d);
    // most used first; on a tie a unit before none ('' a bare number), so a suggestion keeps its peers' unit
    const units = [...d.values]
      .sort((a, b) => b[1].length - a[1].length || Number(a[0] === '') - Number(b[0] === '') || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([u]) => u);
    const main = units[0];
    const names = byCount(d.names);
    const entry: LibraryEntry = {
      id: d.id,
      key: d.key,
      name: names[0] ?? d.key,
      names,
      level1: d.level1,
      level2: d.level2,
      projects: d.uses.size,
      departments: d.departments.size,
      years: d.years.size,
      units,
      target: main === undefined ? null : distributionOf(d.values.get(main)!),
      operator: main === undefined ? null : (byCount(d.operators.get(main) ?? new Map<TargetOperator, number>())[0] ?? null),
      values: d.values,
      bases: byCount(d.bases).slice(0, 3),
      uses: d.uses,
      searchText: [d.key, ...names].join('\u0000'),
    };
    d.view = entry;
    return entry;
  }

  /** The library as it stands (recomputes only the entries that changed). */
  view(): IndicatorLibrary {
    if (this.cached !== null) return this.cached;
    const entries = [...this.drafts.values()].map((d) => this.entryOf(d));
    entries.sort((a, b) => b.projects - a.projects || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1));
    const byId = new Map(entries.map((e) => [e.id, e]));
    const byKey = new Map<string, LibraryEntry[]>();
    for (const e of entries) {
      const list = byKey.get(e.key);
      if (list) list.push(e);
      else byKey.set(e.key, [e]);
    }
    const projects = this.projects;
    const entryOf = (d: Draft) => this.entryOf(d);
    this.cached = {
      entries,
      byId,
      byKey,
      projects: this.projectView,
      entriesOf: (projectId) => [...new Set((projects.get(projectId)?.contributions ?? []).map((c) => c.draft))].map(entryOf),
      similarity: this.similarity,
    };
    return this.cached;
  }
}

/** Builds a library from project rows then indicator rows (LibraryState under its build name). */
export class LibraryBuilder extends LibraryState {
  finish(): IndicatorLibrary {
    return this.view();
  }
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

export interface LibraryQuery {
  /** Words to find in the indicator's name (any spelling); spaces separate words that must all occur. */
  search?: string;
  level1?: string;
  level2?: string;
}

/**
 * The entries matching a query, in library order (most used first). Chinese has no spaces, so a
 * word matches anywhere inside a name: "满意" finds 群众满意度 and 服务对象满意度; a word is
 * compared as the names are (half width, no punctuation) and as its key ("满意率" finds 满意度).
 */
export function searchLibrary(lib: IndicatorLibrary, query: LibraryQuery): LibraryEntry[] {
  const search = query.search ?? '';
  const words = search
    .split(/[\s\u3000]+/)
    .map((w) => ({ plain: compactIndicatorName(w), key: indicatorKey(w) }))
    .filter((w) => w.plain !== '' || w.key !== '');
  // A search of punctuation and symbols only (`%`, `_`, `\`): literal characters, which no name holds as the
  // library compares names (without punctuation): nothing matches — not everything, as an empty search would.
  if (words.length === 0 && /[^\s\u3000]/.test(search)) return [];
  const level1 = query.level1?.trim() || undefined;
  const level2 = query.level2?.trim() || undefined;
  return lib.entries.filter(
    (e) =>
      (level1 === undefined || e.level1 === level1) &&
      (level2 === undefined || e.level2 === level2) &&
      words.every((w) => (w.plain !== '' && e.searchText.includes(w.plain)) || (w.key !== '' && e.searchText.includes(w.key))),
  );
}

// ---------------------------------------------------------------------------------------------
// Suggestions: what similar projects use
// ---------------------------------------------------------------------------------------------

export interface SuggestionInput {
  /** The project being edited, when stored (left out of its own peers). */
  projectId?: number | null;
  name: string;
  purpose?: string | null;
  /** The names of the indicators it already has (their entries are not suggested). */
  indicatorNames?: readonly string[];
  /** Its 预算数 (fen): a money indicator's suggestion is scaled to it and never above it (issue 58). */
  budgetFen?: number | null;
}

export interface Suggestion {
  entry: LibraryEntry;
  /** How many of the similar projects use it. */
  similarProjects: number;
  /** The similar projects' weight (sum of similarities), the order of the suggestions. */
  weight: number;
  /**
   * A target to insert: the entry's usual operator, its peers' median with at most two decimals and its unit ("≥95%");
   * for an amount (万元, 元) the peers' share of their budgets applied to this project's, never above it, two decimals;
   * null for a qualitative entry.
   */
  target: string | null;
  /**
   * For an amount scaled to this project's budget: the peers' median share of their own budgets it applies, in percent
   * with two decimals (what makes a 建议值 of 0.58万元 beside a 同类中位数 of 10.65万元 readable, issue 71); null otherwise.
   */
  share: number | null;
  /** The similar projects using it (ids), best first. */
  projectIds: number[];
}

/** How many similar projects the suggestions come from. */
export const SIMILAR_PROJECTS = 30;

/**
 * How alike a project must be to count as a peer for suggestions (issue 71): at least a quarter of the likest project's
 * similarity (PEER_SHARE), and never under this floor. Projects of another kind that share only words like 经费, 工作, 补贴
 * are far less alike than a project's real peers (in the fixtures' library the village party projects are 0.02–0.04 alike
 * to 残疾人专职委员队伍建设, its likest peers 0.10–0.19): without the bound, many of them added up to outweigh its peers,
 * and their indicators were offered (a 村级组织 project's 项目总成本 in a disability project).
 */
export const MIN_SIMILARITY = 0.02;
/** A peer is at least this share of the likest project's similarity. */
export const PEER_SHARE = 0.25;

/**
 * The indicators most used by the projects most like this one (name and purpose), weighted by
 * how alike they are; indicators the project already has are left out.
 */
export function suggestIndicators(lib: IndicatorLibrary, input: SuggestionInput, limit = 10, keep: (entry: LibraryEntry) => boolean = () => true): Suggestion[] {
  const nearest = similarTo(lib.similarity, `${input.name} ${input.purpose ?? ''}`, SIMILAR_PROJECTS, input.projectId ?? undefined);
  // peers of its kind only: not far below the likest, and above the floor (MIN_SIMILARITY, PEER_SHARE)
  const floor = Math.max(MIN_SIMILARITY, (nearest[0]?.score ?? 0) * PEER_SHARE);
  const similar = nearest.filter((s) => s.score >= floor);
  const have = new Set((input.indicatorNames ?? []).map(indicatorKey));
  const found = new Map<LibraryEntry, Suggestion>();
  for (const s of similar) {
    for (const entry of lib.entriesOf(s.key)) {
      if (have.has(entry.key) || !keep(entry)) continue;
      let sug = found.get(entry);
      if (sug === undefined) {
        const money = suggestedAmount(lib, entry, input.budgetFen ?? null);
        found.set(entry, (sug = { entry, similarProjects: 0, weight: 0, target: suggestedTarget(lib, entry, input.budgetFen ?? null), share: money?.share ?? null, projectIds: [] }));
      }
      sug.similarProjects++;
      sug.weight += s.score;
      sug.projectIds.push(s.key);
    }
  }
  return [...found.values()]
    .sort((a, b) => b.weight - a.weight || b.entry.projects - a.entry.projects || (a.entry.id < b.entry.id ? -1 : 1))
    .slice(0, limit);
}

/** Fen in one of each money unit. */
const MONEY_UNITS: Readonly<Record<string, number>> = { 元: 100, 万元: 1_000_000, 亿元: 10_000_000_000 };

/**
 * "≥95%": the entry's usual operator ('=' unwritten), its median with at most two decimals, its unit. For an
 * amount (万元, 元, 亿元; issue 58) what the peers spend of their budgets is applied to `budgetFen`: the median
 * of their targets' shares of their own budgets, times this project's, never above it; without peers' budgets
 * the median, not above `budgetFen`; always two decimals.
 * @example suggestedTarget(lib, costEntry, 76_500_000) // "≤0.45万元" for peers who cap cost at 6 % of their budget
 */
export function suggestedTarget(lib: Pick<IndicatorLibrary, 'projects'>, entry: LibraryEntry, budgetFen: number | null): string | null {
  if (entry.target === null) return null;
  const op = entry.operator === null || entry.operator === '=' ? '' : entry.operator;
  const unit = entry.units[0] ?? '';
  const money = suggestedAmount(lib, entry, budgetFen);
  if (money === null) return `${op}${formatFigure(entry.target.median, unit)}`;
  return `${op}${formatFigure(money.fen / MONEY_UNITS[unit]!, unit).replace(/,/g, '')}`;
}

/**
 * The amount an entry in 万元, 元 or 亿元 suggests to a project of `budgetFen` (suggestedTarget): in fen, and the peers'
 * median share of their budgets it applied (percent, two decimals; null when it is the median itself); null for an
 * entry that is no amount.
 */
export function suggestedAmount(lib: Pick<IndicatorLibrary, 'projects'>, entry: LibraryEntry, budgetFen: number | null): { fen: number; share: number | null } | null {
  if (entry.target === null) return null;
  const unit = entry.units[0] ?? '';
  const perUnit = MONEY_UNITS[unit];
  if (perUnit === undefined) return null;
  let fen = entry.target.median * perUnit;
  let share: number | null = null;
  if (budgetFen !== null && budgetFen > 0) {
    const shares: number[] = [];
    for (const use of entry.uses.values()) {
      const peerBudget = lib.projects.get(use.projectId)?.budgetFen ?? null;
      if (use.unit !== unit || use.valueText === null || peerBudget === null || peerBudget <= 0) continue;
      shares.push((Number(use.valueText) * perUnit) / peerBudget);
    }
    if (shares.length > 0) {
      shares.sort((a, b) => a - b);
      const mid = shares.length >> 1;
      const median = shares.length % 2 === 1 ? shares[mid]! : (shares[mid - 1]! + shares[mid]!) / 2;
      fen = median * budgetFen;
      share = Math.round(median * 10_000) / 100;
    }
    fen = Math.min(fen, budgetFen);
  }
  return { fen: Math.round(fen), share };
}

/** "≥95%": the entry's usual operator ('=' unwritten), its median (at most two decimals), its unit. */
export function targetText(entry: LibraryEntry): string | null {
  return suggestedTarget({ projects: new Map() }, entry, null);
}

// ---------------------------------------------------------------------------------------------
// Peers
// ---------------------------------------------------------------------------------------------

/** What an indicator's peers promise: the distribution of their targets in its unit. */
export interface PeerFigures {
  entryId: string;
  name: string;
  unit: string;
  /** Over the peers only: the project's own target is left out when the project is in the library. */
  target: Distribution;
}

/**
 * The peer figures of one indicator: the entry of its category and name, the targets in its
 * unit, without the project's own stored target when the project is in the library (what it is
 * being edited to is not what the library holds). null when there is no entry or no quantitative
 * target in that unit.
 */
export function peerFigures(
  lib: IndicatorLibrary,
  indicator: { level1: string | null; level2: string | null; name: string; unit: string | null },
  projectId?: number | null,
): PeerFigures | null {
  const entry = lib.byId.get(entryId(indicator.level1, indicator.level2, indicatorKey(indicator.name)));
  if (entry === undefined) return null;
  const unit = indicator.unit ?? '';
  const values = entry.values.get(unit);
  if (values === undefined) return null;
  const own = projectId === undefined || projectId === null ? undefined : entry.uses.get(projectId);
  const target = own !== undefined && own.valueText !== null && own.unit === unit ? distributionWithout(values, own.valueText) : distributionOf(values);
  return target === null ? null : { entryId: entry.id, name: entry.name, unit, target };
}
