/**
 * The indicator library (指标库): built from the current documents and kept in memory, one per
 * database handle, until the data changes.
 *
 * Freshness: every request reads the data version (one row, bumped by triggers on every write to
 * projects and documents, migration 0006); when it moved, the library's signature (one aggregate
 * over the current projects: count, largest id, sum of ids, sum of versions, published count) says whether
 * the projects changed — an import, a replacement, a save or a workflow step — or only something
 * else (monitoring, users). When they changed, the current projects' versions say which: those
 * are taken out of the library and read again (an import of 25 projects re-reads 25, not
 * 100,000); beyond REBUILD_SHARE of them it is built afresh. One refresh at a time, shared by
 * concurrent requests. Inside a transaction it is built from what the transaction sees and not kept.
 *
 * Access: an entry is shown (listed, opened, suggested) to whoever may see every project using it, or when
 * three departments or more use it (mayShowEntry, issue 72); project and department names only where the user
 * may see the project (mayShowProject).
 */
import { mayAccessDepartment } from '../../app/auth';
import type { SessionUser } from '../../../shared/api/auth';
import {
  LIBRARY_PROJECTS_SHOWN,
  type LibraryEntryDetail,
  type LibraryEntryJson,
  type LibraryExample,
  type LibraryResponse,
  type SuggestionsResponse,
} from '../../../shared/api/library';
import type { Project } from '../../../shared/domain/model';
import {
  EXAMPLE_COUNT,
  LibraryState,
  peerFigures,
  searchLibrary,
  suggestIndicators,
  targetText,
  type IndicatorLibrary,
  type LibraryEntry,
  type LibraryProject,
} from '../../../shared/library/library';
import { distributionOf, numberOf } from '../../../shared/library/stats';
import { peerFindings } from '../../../shared/review/rules/peer';
import type { Finding } from '../../../shared/review/types';
import { AppError } from '../../app/errors';
import { readDataVersion } from '../../db/data-version.repository';
import { loadProject } from '../../db/document.repository';
import {
  LIBRARY_PAGE,
  librarySignature,
  readLibraryIndicators,
  readLibraryIndicatorsOf,
  readLibraryProjects,
  readLibraryProjectsByIds,
  readLibraryProjectVersions,
} from '../../db/library.repository';
import type { Db } from '../../db/schema';
import { visibleProject } from '../projects/project-guards';

// ---------------------------------------------------------------------------------------------
// Building and keeping
// ---------------------------------------------------------------------------------------------

/** Reads every current project and indicator in pages into a new library state. */
export async function buildLibraryState(db: Db): Promise<LibraryState> {
  const state = new LibraryState();
  for (let after = 0; ; ) {
    const rows = await readLibraryProjects(db, after);
    for (const r of rows) state.addProject(r);
    if (rows.length < LIBRARY_PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  for (let after = 0; ; ) {
    const rows = await readLibraryIndicators(db, after);
    for (const r of rows) state.addIndicator(r);
    if (rows.length < LIBRARY_PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  return state;
}

/** The library built afresh from the database. */
export async function buildLibrary(db: Db): Promise<IndicatorLibrary> {
  return (await buildLibraryState(db)).view();
}

/** Above this share of projects to read again (new or changed; removals cost no read) a refresh builds the library afresh instead. */
const REBUILD_SHARE = 0.2;

interface Kept {
  /** The data version the state is current for (-1: none yet). */
  version: number;
  signature: string | null;
  state: LibraryState | null;
  /** The refresh under way, shared by every request that needs it. */
  busy: Promise<void> | null;
}

const kept = new WeakMap<Db, Kept>();

/** What a refresh did (for the benchmark and the tests). */
export interface RefreshOutcome {
  kind: 'unchanged' | 'updated' | 'rebuilt';
  changed: number;
  removed: number;
}

/**
 * Brings the kept state up to `version`: nothing when the signature is the same; else the
 * projects whose version changed, that came or that went are taken out and read again (the
 * library counts them down and up exactly); many changes, or a similarity index mostly of removed
 * projects, and it is built afresh.
 */
async function refresh(db: Db, held: Kept, version: number): Promise<RefreshOutcome> {
  const signature = await librarySignature(db);
  if (held.state !== null && held.signature === signature) {
    held.version = version;
    return { kind: 'unchanged', changed: 0, removed: 0 };
  }
  if (held.state !== null) {
    const current = await readLibraryProjectVersions(db);
    const had = held.state.versions();
    const changed = [...current].filter(([id, v]) => had.get(id) !== v).map(([id]) => id);
    const removed = [...had.keys()].filter((id) => !current.has(id));
    const garbage = held.state.removedShare();
    if (changed.length <= REBUILD_SHARE * Math.max(current.size, 1) && garbage < 0.5) {
      const [projects, indicators] = await Promise.all([readLibraryProjectsByIds(db, changed), readLibraryIndicatorsOf(db, changed)]);
      // no await from here on: readers never see a half-applied change
      const state = held.state;
      for (const id of removed) state.removeProject(id);
      for (const id of changed) state.removeProject(id);
      for (const p of projects) state.addProject(p);
      for (const i of indicators) state.addIndicator(i);
      held.version = version;
      held.signature = signature;
      return { kind: 'updated', changed: changed.length, removed: removed.length };
    }
  }
  held.state = await buildLibraryState(db);
  held.version = version;
  held.signature = signature;
  return { kind: 'rebuilt', changed: held.state.size, removed: 0 };
}

/** The library of the current data (see the module's comment). */
export async function getLibrary(db: Db): Promise<IndicatorLibrary> {
  return (await getLibraryWithOutcome(db)).library;
}

/** getLibrary, saying what it had to do. */
export async function getLibraryWithOutcome(db: Db): Promise<{ library: IndicatorLibrary; outcome: RefreshOutcome | null }> {
  if (db.isTransaction) return { library: await buildLibrary(db), outcome: null };
  let held = kept.get(db);
  if (held === undefined) kept.set(db, (held = { version: -1, signature: null, state: null, busy: null }));
  const version = await readDataVersion(db);
  let outcome: RefreshOutcome | null = null;
  // versions only grow: a state for a later version serves a request that read an earlier one
  while (held.state === null || held.version < version) {
    if (held.busy !== null) {
      await held.busy;
      continue;
    }
    const h = held;
    const run = refresh(db, h, version);
    // the others wait for it and look again (a failed refresh is tried again by the next)
    h.busy = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      outcome = await run; // its error is this request's
    } finally {
      h.busy = null;
    }
  }
  return { library: held.state.view(), outcome };
}

// ---------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------

/**
 * Whether the user may see the project's names: accounts of the whole installation all, a regional
 * finance account its subtree's departments' and published ones, an editor their own department's
 * and published ones.
 */
export function mayShowProject(user: SessionUser | null, project: LibraryProject): boolean {
  if (user === null) return true; // the command line: the operator of the database
  return project.status === 'published' || mayAccessDepartment(user, project.departmentId);
}

/** The departments an entry's figures are shared from without any one's being told apart (issue 72, item 11). */
export const SHARED_ENTRY_DEPARTMENTS = 3;

/**
 * Whether the user may see an entry at all — its name, figures and suggestions (issue 72, item 11): when at least
 * SHARED_ENTRY_DEPARTMENTS departments use it (its figures are then no one department's), or when every project using
 * it is one the user may see (published, or within its reach). Otherwise its figures would tell an unpublished
 * project's targets of a department the user may not see — an indicator of one draft, with its value.
 */
export function mayShowEntry(lib: IndicatorLibrary, entry: LibraryEntry, user: SessionUser | null): boolean {
  if (user === null || entry.departments >= SHARED_ENTRY_DEPARTMENTS) return true;
  for (const use of entry.uses.values()) {
    const project = lib.projects.get(use.projectId);
    if (project === undefined || !mayShowProject(user, project)) return false;
  }
  return true;
}

function exampleOf(project: LibraryProject, target: string): LibraryExample {
  return {
    projectId: project.id,
    project: project.name,
    departmentId: project.departmentId,
    department: project.departmentName,
    year: project.year,
    status: project.status,
    target,
  };
}

/** The entry's uses the user may see, up to `limit`, and how many there are. */
function visibleUses(lib: IndicatorLibrary, entry: LibraryEntry, user: SessionUser | null, limit: number): { shown: LibraryExample[]; visible: number } {
  const shown: LibraryExample[] = [];
  let visible = 0;
  for (const use of entry.uses.values()) {
    const project = lib.projects.get(use.projectId);
    if (project === undefined || !mayShowProject(user, project)) continue;
    visible++;
    if (shown.length < limit) shown.push(exampleOf(project, use.target));
  }
  return { shown, visible };
}

export function entryJson(lib: IndicatorLibrary, entry: LibraryEntry, user: SessionUser | null): LibraryEntryJson {
  return {
    id: entry.id,
    name: entry.name,
    names: entry.names,
    level1: entry.level1,
    level2: entry.level2,
    projects: entry.projects,
    departments: entry.departments,
    years: entry.years,
    units: entry.units,
    target: entry.target,
    typicalTarget: targetText(entry),
    bases: entry.bases,
    examples: visibleUsesFirst(lib, entry, user),
  };
}

/** The first EXAMPLE_COUNT uses the user may see (stops reading there). */
function visibleUsesFirst(lib: IndicatorLibrary, entry: LibraryEntry, user: SessionUser | null): LibraryExample[] {
  const out: LibraryExample[] = [];
  for (const use of entry.uses.values()) {
    const project = lib.projects.get(use.projectId);
    if (project === undefined || !mayShowProject(user, project)) continue;
    out.push(exampleOf(project, use.target));
    if (out.length === EXAMPLE_COUNT) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

function categoriesOf(lib: IndicatorLibrary): LibraryResponse['categories'] {
  const map = new Map<string, Set<string>>();
  for (const e of lib.entries) {
    if (e.level1 === null) continue;
    if (!map.has(e.level1)) map.set(e.level1, new Set());
    if (e.level2 !== null) map.get(e.level1)!.add(e.level2);
  }
  return [...map].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([level1, l2]) => ({ level1, level2: [...l2].sort() }));
}

/** GET /api/library: a page of the entries matching the query. */
export async function listLibrary(
  db: Db,
  user: SessionUser | null,
  query: { search?: string; level1?: string; level2?: string; page?: number; pageSize?: number },
): Promise<LibraryResponse> {
  const lib = await getLibrary(db);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const hits = searchLibrary(lib, query).filter((e) => mayShowEntry(lib, e, user));
  return {
    items: hits.slice((page - 1) * pageSize, page * pageSize).map((e) => entryJson(lib, e, user)),
    total: hits.length,
    page,
    pageSize,
    categories: categoriesOf(lib),
  };
}

/** Every entry matching the query (the command line). */
export async function allLibraryEntries(db: Db, query: { search?: string; level1?: string; level2?: string }): Promise<LibraryEntryJson[]> {
  const lib = await getLibrary(db);
  return searchLibrary(lib, query).map((e) => entryJson(lib, e, null));
}

/** GET /api/library/entry?id=: one entry, its target numbers per unit and the projects the user may see. */
export async function getLibraryEntry(db: Db, user: SessionUser | null, id: string): Promise<LibraryEntryDetail> {
  const lib = await getLibrary(db);
  const entry = lib.byId.get(id);
  if (entry === undefined || !mayShowEntry(lib, entry, user)) throw new AppError(404, 'not-found', '指标库中没有这个指标');
  const { shown, visible } = visibleUses(lib, entry, user, LIBRARY_PROJECTS_SHOWN);
  const values = entry.units.map((unit) => {
    const sorted = entry.values.get(unit)!;
    const counts: { value: number; count: number }[] = [];
    for (const text of sorted) {
      const value = numberOf(text);
      const last = counts[counts.length - 1];
      if (last !== undefined && last.value === value) last.count++;
      else counts.push({ value, count: 1 });
    }
    return { unit, values: counts, target: distributionOf(sorted)! };
  });
  return { entry: entryJson(lib, entry, user), values, projects: shown, hiddenProjects: entry.projects - visible };
}

/** GET /api/library/suggestions?projectId=: what projects like this one use and it does not. */
export async function suggestionsFor(db: Db, user: SessionUser, projectId: number): Promise<SuggestionsResponse> {
  await visibleProject(db, user, projectId);
  const project = await loadProject(db, projectId);
  if (project === undefined) throw new AppError(404, 'not-found', '项目不存在');
  const lib = await getLibrary(db);
  const suggestions = suggestIndicators(lib, {
    projectId,
    name: project.name,
    purpose: [project.purpose, ...project.goals].filter(Boolean).join(' '),
    indicatorNames: project.indicators.map((i) => i.name),
    budgetFen: project.budget.total,
  }, undefined, (entry) => mayShowEntry(lib, entry, user));
  return {
    items: suggestions.map((s) => ({
      entryId: s.entry.id,
      name: s.entry.name,
      level1: s.entry.level1,
      level2: s.entry.level2,
      target: s.target,
      median: s.entry.target?.median ?? null,
      unit: s.entry.target === null ? null : (s.entry.units[0] ?? null),
      projects: s.entry.projects,
      similarProjects: s.similarProjects,
      basis: s.entry.bases[0] ?? null,
      share: s.share,
      budgetFen: project.budget.total,
    })),
  };
}

/** The peer findings of indicators (a project's), against the library; `projectId` leaves the project's stored targets out. */
export function peerFindingsOf(lib: IndicatorLibrary, projects: Project[], projectId?: number): Finding[] {
  return peerFindings({ projects }, (i) => peerFigures(lib, { level1: i.level1, level2: i.level2, name: i.name, unit: i.target.unit }, projectId));
}

/** GET /api/library/peer-findings?projectId=: the stored project's targets far from their peers'. */
export async function peerFindingsFor(db: Db, user: SessionUser, projectId: number): Promise<{ findings: Finding[] }> {
  await visibleProject(db, user, projectId);
  const project = await loadProject(db, projectId);
  if (project === undefined) throw new AppError(404, 'not-found', '项目不存在');
  const lib = await getLibrary(db);
  return { findings: peerFindingsOf(lib, [project], projectId) };
}
