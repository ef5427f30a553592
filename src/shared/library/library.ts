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
import type { ProjectStatus } from '../domain/workflow';
import type { TargetKind, TargetOperator } from '../domain/model';
import { compactIndicatorName, indicatorKey } from './indicator-key';
import { distributionOf, distributionWithout, sortDecimals, type Distribution } from './stats';
import { addToIndex, newSimilarityIndex, similarTo, type SimilarityIndex } from './similarity';

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
  /** Per unit: the targets' numbers as written, ascending (peer figures). */
  values: Map<string, string[]>;
  /** The most common 指标值确定依据, most used first (at most 3). */
  bases: string[];
  /** Every project using it once, in the order they were read. */
  uses: EntryUse[];
  /** Text the search compares with: the key and every spelling, compact. */
  searchText: string;
}

export interface IndicatorLibrary {
  entries: LibraryEntry[];
  byId: Map<string, LibraryEntry>;
  /** Entries by name key (the same name under several categories: several entries). */
  byKey: Map<string, LibraryEntry[]>;
  projects: Map<number, LibraryProject>;
  /** Per project: the entries it uses. */
  projectEntries: Map<number, LibraryEntry[]>;
  similarity: SimilarityIndex;
}

/** How many example projects an entry shows. */
export const EXAMPLE_COUNT = 5;

export function entryId(level1: string | null, level2: string | null, key: string): string {
  return `${level1 ?? ''}|${level2 ?? ''}|${key}`;
}

interface Draft {
  id: string;
  key: string;
  level1: string | null;
  level2: string | null;
  names: Map<string, number>;
  departments: Set<number | string>;
  years: Set<number>;
  projectIds: Set<number>;
  values: Map<string, string[]>;
  operators: Map<string, Map<TargetOperator, number>>;
  bases: Map<string, number>;
  uses: EntryUse[];
}

function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function byCount<K>(m: Map<K, number>): K[] {
  return [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).map(([k]) => k);
}

/** Builds the library from project rows then indicator rows (indicators of unknown projects are skipped). */
export class LibraryBuilder {
  private readonly projects = new Map<number, LibraryProject>();
  private readonly drafts = new Map<string, Draft>();
  private readonly keyCache = new Map<string, { key: string; display: string }>();
  private readonly similarity = newSimilarityIndex();

  addProject(row: LibraryProjectRow): void {
    this.projects.set(row.id, {
      id: row.id,
      name: row.name,
      year: row.year,
      status: row.status,
      departmentId: row.departmentId,
      departmentName: row.departmentName,
    });
    addToIndex(this.similarity, row.id, `${row.name} ${row.purpose ?? ''}`);
  }

  addIndicator(row: LibraryIndicatorRow): void {
    const project = this.projects.get(row.projectId);
    if (project === undefined) return;
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
        departments: new Set(),
        years: new Set(),
        projectIds: new Set(),
        values: new Map(),
        operators: new Map(),
        bases: new Map(),
        uses: [],
      };
      this.drafts.set(id, d);
    }
    bump(d.names, named.display);
    const firstUse = !d.projectIds.has(project.id);
    if (firstUse) {
      d.projectIds.add(project.id);
      const quantitative = row.targetKind === 'quantitative' && row.targetValueText !== null;
      d.uses.push({ projectId: project.id, target: row.targetRaw, valueText: quantitative ? row.targetValueText : null, unit: row.targetUnit ?? '' });
      d.departments.add(project.departmentId ?? `name:${project.departmentName ?? ''}`);
      if (project.year !== null) d.years.add(project.year);
    }
    if (row.targetKind === 'quantitative' && row.targetValueText !== null) {
      const unit = row.targetUnit ?? '';
      let list = d.values.get(unit);
      if (list === undefined) d.values.set(unit, (list = []));
      list.push(row.targetValueText);
      let ops = d.operators.get(unit);
      if (ops === undefined) d.operators.set(unit, (ops = new Map()));
      if (row.targetOperator !== null) bump(ops, row.targetOperator);
    }
    const basis = row.basis === null ? '' : compactLabel(row.basis);
    if (basis !== '' && basis !== '/' && basis !== '无') bump(d.bases, basis);
  }

  finish(): IndicatorLibrary {
    const entries: LibraryEntry[] = [];
    for (const d of this.drafts.values()) {
      for (const list of d.values.values()) sortDecimals(list);
      const units = [...d.values].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).map(([u]) => u);
      const main = units[0];
      const names = byCount(d.names);
      entries.push({
        id: d.id,
        key: d.key,
        name: names[0] ?? d.key,
        names,
        level1: d.level1,
        level2: d.level2,
        projects: d.projectIds.size,
        departments: d.departments.size,
        years: d.years.size,
        units,
        target: main === undefined ? null : distributionOf(d.values.get(main)!),
        operator: main === undefined ? null : (byCount(d.operators.get(main) ?? new Map<TargetOperator, number>())[0] ?? null),
        values: d.values,
        bases: byCount(d.bases).slice(0, 3),
        uses: d.uses,
        searchText: [d.key, ...names].join('\u0000'),
      });
    }
    entries.sort((a, b) => b.projects - a.projects || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1));
    const byId = new Map(entries.map((e) => [e.id, e]));
    const byKey = new Map<string, LibraryEntry[]>();
    const projectEntries = new Map<number, LibraryEntry[]>();
    for (const e of entries) {
      const list = byKey.get(e.key);
      if (list) list.push(e);
      else byKey.set(e.key, [e]);
      for (const use of e.uses) {
        const pe = projectEntries.get(use.projectId);
        if (pe) pe.push(e);
        else projectEntries.set(use.projectId, [e]);
      }
    }
    return { entries, byId, byKey, projects: this.projects, projectEntries, similarity: this.similarity };
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
  const words = (query.search ?? '')
    .split(/[\s\u3000]+/)
    .map((w) => ({ plain: compactIndicatorName(w), key: indicatorKey(w) }))
    .filter((w) => w.plain !== '' || w.key !== '');
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
}

export interface Suggestion {
  entry: LibraryEntry;
  /** How many of the similar projects use it. */
  similarProjects: number;
  /** The similar projects' weight (sum of similarities), the order of the suggestions. */
  weight: number;
  /** A target to insert: the entry's usual operator, its peers' median, its unit ("≥95%"); null for a qualitative entry. */
  target: string | null;
  /** The similar projects using it (ids), best first. */
  projectIds: number[];
}

/** How many similar projects the suggestions come from. */
export const SIMILAR_PROJECTS = 30;

/**
 * The indicators most used by the projects most like this one (name and purpose), weighted by
 * how alike they are; indicators the project already has are left out.
 */
export function suggestIndicators(lib: IndicatorLibrary, input: SuggestionInput, limit = 10): Suggestion[] {
  const similar = similarTo(lib.similarity, `${input.name} ${input.purpose ?? ''}`, SIMILAR_PROJECTS, input.projectId ?? undefined);
  const have = new Set((input.indicatorNames ?? []).map(indicatorKey));
  const found = new Map<LibraryEntry, Suggestion>();
  for (const s of similar) {
    for (const entry of lib.projectEntries.get(s.key) ?? []) {
      if (have.has(entry.key)) continue;
      let sug = found.get(entry);
      if (sug === undefined) found.set(entry, (sug = { entry, similarProjects: 0, weight: 0, target: targetText(entry), projectIds: [] }));
      sug.similarProjects++;
      sug.weight += s.score;
      sug.projectIds.push(s.key);
    }
  }
  return [...found.values()]
    .sort((a, b) => b.weight - a.weight || b.entry.projects - a.entry.projects || (a.entry.id < b.entry.id ? -1 : 1))
    .slice(0, limit);
}

/** "≥95%": the entry's usual operator ('=' unwritten), its median, its unit. */
export function targetText(entry: LibraryEntry): string | null {
  if (entry.target === null) return null;
  const op = entry.operator === null || entry.operator === '=' ? '' : entry.operator;
  return `${op}${entry.target.median}${entry.units[0] ?? ''}`;
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
  const own = projectId === undefined || projectId === null ? undefined : entry.uses.find((u) => u.projectId === projectId);
  const target = own !== undefined && own.valueText !== null && own.unit === unit ? distributionWithout(values, own.valueText) : distributionOf(values);
  return target === null ? null : { entryId: entry.id, name: entry.name, unit, target };
}
