/**
 * All SQL about projects as the web application sees them: the list with its filters, one
 * project's state (workflow status, version, department), saving its content under an
 * optimistic lock, status changes, and the stored review results.
 *
 * Projects belong to a department through their document; only current documents are listed or
 * changed. The list is one query plus a count, built to use the indexes of migration 0002: see
 * the notes at `listProjects`.
 */
import { expressionBuilder, sql, type Expression, type OrderByItemBuilder, type SqlBool } from 'kysely';
import type { Fen, Project, Severity } from '../../shared/domain/model';
import type { ProjectStatus } from '../../shared/domain/workflow';
import type { Finding, FindingCategory } from '../../shared/review/types';
import {
  budgetInForceOf,
  findingRulesOf,
  insertProjectChildren,
  intFromDb,
  loadProjectChildRows,
  projectCategoryRows,
  projectContentRow,
  projectFindingsRow,
  projectFromRows,
  type FindingRule,
  type StoredProjectReview,
} from './document.repository';

export { findingRulesOf, type FindingRule };
import { insertRows } from './bulk-insert';
import { compiledStatement } from './compiled-statement';
import { dialectOf } from './database';
import type { DatabaseSchema, Db } from './schema';
import { partitionConditions } from './partitioning';
import { containsText, startsWithText } from './text-match';

/** Rows per multi-row statement (well below both databases' parameter limits). */
const CHUNK = 200;

// ---------------------------------------------------------------------------------------------
// Stored review results

/** The review's result for one project, as stored with it. */
export interface ProjectReviewRow extends StoredProjectReview {
  projectId: number;
  /** Findings per category; categories with none are left out. */
  categories: Partial<Record<FindingCategory, number>>;
  /** The review's findings about the project (projectIndex: its position in the document). */
  findings: readonly Finding[];
}

/**
 * Stores review results: the score, grade and finding count columns of each project (one UPDATE
 * per 200 projects, with CASE, since per-statement cost dominates), its project_finding_category
 * rows and its project_findings row, replaced. (The import writes them with the project rows:
 * insertDocumentRows.)
 */
export async function storeProjectReviews(db: Db, rows: readonly ProjectReviewRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const ids = chunk.map((r) => r.projectId);
    // CASE id WHEN … THEN cast(… as integer): the casts tell PostgreSQL the parameters' types.
    const caseOf = (value: (r: ProjectReviewRow) => number | string | null, cast: boolean) =>
      sql<never>`case ${sql.ref('id')} ${sql.join(
        chunk.map((r) => (cast ? sql`when ${r.projectId} then cast(${value(r)} as integer)` : sql`when ${r.projectId} then ${value(r)}`)),
        sql` `,
      )} end`;
    await db
      .updateTable('project')
      .set({
        qualityScore: caseOf((r) => r.scoreHundredths, true),
        qualityGrade: caseOf((r) => r.grade, false),
        findingCount: caseOf((r) => r.findingCount, true),
      })
      .where('id', 'in', ids)
      .execute();
    await db.deleteFrom('projectFindingCategory').where('projectId', 'in', ids).execute();
    await db.deleteFrom('projectFindings').where('projectId', 'in', ids).execute();
    await insertRows(db, 'projectFindings', chunk.map((r) => projectFindingsRow(r.projectId, r.findings)));
    await insertRows(db, 'projectFindingCategory', chunk.flatMap((r) => projectCategoryRows(r.projectId, r.categories)));
  }
}

/** The ids of a document's projects, in document order (position). */
export async function listProjectIdsOfDocument(db: Db, documentId: number): Promise<number[]> {
  const rows = await db.selectFrom('project').select('id').where('documentId', '=', documentId).orderBy('position').execute();
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// One project's state

/** What the services need to decide about a project, without its content. */
export interface ProjectState {
  id: number;
  documentId: number;
  /** Index of the project in its document. */
  position: number;
  status: ProjectStatus;
  version: number;
  /** The last save or workflow action; the import time when there was none. */
  updatedAt: string;
  /** Who did it; null when the project is as imported. */
  updatedBy: string | null;
  isCurrent: boolean;
  departmentId: number;
  departmentCode: string | null;
  departmentName: string;
  year: number | null;
  frameworkVersion: string;
  qualityScoreHundredths: number | null;
  qualityGrade: string | null;
}

/**
 * A project's state, or undefined when there is none (or its document names no department: the
 * web application works by department, so such a project is not part of it).
 */
export async function findProjectState(db: Db, projectId: number): Promise<ProjectState | undefined> {
  const row = await db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .innerJoin('department as dep', 'dep.id', 'd.departmentId')
    .select((eb) => [
      'p.id',
      'p.documentId',
      'p.position',
      'p.status',
      'p.version',
      eb.fn.coalesce('p.updatedAt', 'd.importedAt').as('updatedAt'),
      'p.updatedBy',
      'd.isCurrent',
      'dep.id as departmentId',
      'dep.code as departmentCode',
      'dep.name as departmentName',
      'd.year',
      'd.frameworkVersion',
      'p.qualityScore',
      'p.qualityGrade',
    ])
    .where('p.id', '=', projectId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { isCurrent, qualityScore, ...rest } = row;
  return { ...rest, isCurrent: isCurrent === 1, qualityScoreHundredths: qualityScore };
}

/** What a project's page shows of it: its state, content, and the findings stored by the last review (null: none stored, as before migration 0005). */
export interface ProjectPageRows {
  state: ProjectState;
  project: Project;
  findings: Finding[] | null;
}

/**
 * findProjectState, loadProject and the stored findings in three queries run side by side (the
 * project row with its state and findings; its checkpoints; its indicators): the project page is
 * the most requested one, and on PostgreSQL every query is a round trip. Undefined as for
 * findProjectState.
 */
export async function loadProjectPage(db: Db, projectId: number): Promise<ProjectPageRows | undefined> {
  const [row, [checkpoints, indicators]] = await Promise.all([
    db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .innerJoin('department as dep', 'dep.id', 'd.departmentId')
      .leftJoin('projectFindings as f', 'f.projectId', 'p.id')
      .selectAll('p')
      // project has columns of these names too (its own year, the unit its table names)
      .select((eb) => [
        eb.fn.coalesce('p.updatedAt', 'd.importedAt').as('lastChangedAt'),
        'd.isCurrent',
        'd.year as yearOfDocument',
        'd.frameworkVersion',
        'dep.id as depId',
        'dep.code as depCode',
        'dep.name as depName',
        'f.findings as storedFindings',
      ])
      .where('p.id', '=', projectId)
      .executeTakeFirst(),
    loadProjectChildRows(db, projectId),
  ]);
  if (row === undefined) return undefined;
  const { lastChangedAt, isCurrent, yearOfDocument, frameworkVersion, depId, depCode, depName, storedFindings, ...projectRow } = row;
  return {
    state: {
      id: projectRow.id,
      documentId: projectRow.documentId,
      position: projectRow.position,
      status: projectRow.status,
      version: projectRow.version,
      updatedAt: lastChangedAt,
      updatedBy: projectRow.updatedBy,
      isCurrent: isCurrent === 1,
      departmentId: depId,
      departmentCode: depCode,
      departmentName: depName,
      year: yearOfDocument,
      frameworkVersion,
      qualityScoreHundredths: projectRow.qualityScore,
      qualityGrade: projectRow.qualityGrade,
    },
    project: projectFromRows(projectRow, checkpoints, indicators),
    findings: storedFindings === null ? null : (JSON.parse(storedFindings) as Finding[]),
  };
}

/** The statuses of the projects of these documents (the ones a re-import would replace). */
export async function countStatusesOfDocuments(db: Db, documentIds: readonly number[]): Promise<Partial<Record<ProjectStatus, number>>> {
  if (documentIds.length === 0) return {};
  const rows = await db
    .selectFrom('project as p')
    .select((eb) => ['p.status', eb.fn.countAll<number | string>().as('n')])
    .where('p.documentId', 'in', [...documentIds])
    .groupBy('p.status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, intFromDb(r.n)]));
}

// ---------------------------------------------------------------------------------------------
// Changing a project

export interface ChangeMeta {
  at: string;
  by: string;
}

/**
 * Overwrites a project's content if its version is still `expectedVersion` (the optimistic
 * lock: the check and the write are one UPDATE), bumping the version; then replaces its spending
 * plan and indicators. Returns false, writing nothing, when the version moved on. Call inside a
 * transaction.
 */
export async function updateProjectContent(db: Db, projectId: number, expectedVersion: number, project: Project, meta: ChangeMeta): Promise<boolean> {
  const result = await db
    .updateTable('project')
    .set((eb) => ({
      ...projectContentRow(project),
      version: eb('version', '+', 1),
      updatedAt: meta.at,
      updatedBy: meta.by,
    }))
    .where('id', '=', projectId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('spendingCheckpoint').where('projectId', '=', projectId).execute();
  await db.deleteFrom('indicator').where('projectId', '=', projectId).execute();
  await insertProjectChildren(db, [project], [projectId]);
  return true;
}

/** Moves a project to `status` if its version is still `expectedVersion`; false when it moved on. */
export async function updateProjectStatus(db: Db, projectId: number, expectedVersion: number, status: ProjectStatus, meta: ChangeMeta): Promise<boolean> {
  const result = await db
    .updateTable('project')
    .set((eb) => ({ status, version: eb('version', '+', 1), updatedAt: meta.at, updatedBy: meta.by }))
    .where('id', '=', projectId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Sets many projects' status at once (generated data: `jixiao generate`), a version step each;
 * one UPDATE per CHUNK ids. The workflow history is written beside it (insertWorkflowEvents).
 */
export async function setProjectStatuses(db: Db, projectIds: readonly number[], status: ProjectStatus, meta: ChangeMeta): Promise<void> {
  for (let i = 0; i < projectIds.length; i += CHUNK) {
    await db
      .updateTable('project')
      .set((eb) => ({ status, version: eb('version', '+', 1), updatedAt: meta.at, updatedBy: meta.by }))
      .where('id', 'in', projectIds.slice(i, i + CHUNK))
      .execute();
  }
}

/** Recounts a document's indicators after a save changed them (document.indicator_count). */
export async function recountDocumentIndicators(db: Db, documentId: number): Promise<void> {
  await db
    .updateTable('document')
    .set((eb) => ({
      indicatorCount: eb
        .selectFrom('indicator')
        .innerJoin('project', 'project.id', 'indicator.projectId')
        .where('project.documentId', '=', documentId)
        .select((s) => s.fn.countAll<number>().as('n')),
    }))
    .where('id', '=', documentId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The list

export type ProjectSortKey = 'code' | 'name' | 'budget' | 'score' | 'status' | 'department' | 'updated';

export interface ProjectListFilter {
  /** Only this department (an editor's scope is passed here too). */
  departmentIds?: readonly number[];
  year?: number;
  statuses?: readonly ProjectStatus[];
  minScoreHundredths?: number;
  maxScoreHundredths?: number;
  category?: FindingCategory;
  /** Code prefix or name substring. */
  q?: string;
  /**
   * The region of a regional account's scope (issue 32), said of the projects' region_code beside
   * `departmentIds` (its departments: what decides who sees what). It narrows nothing — a
   * project's region is its department's (migration 0032) — but lets a table partitioned by
   * region (partitioning.ts, partitionConditions) be read in that region's partitions only.
   */
  region?: string;
}

export interface ProjectListPage {
  sort: ProjectSortKey;
  order: 'asc' | 'desc';
  /** Rows to skip and to return. */
  offset: number;
  limit: number;
}

/** One row of the list. */
export interface ProjectListRow {
  id: number;
  code: string | null;
  name: string;
  departmentId: number;
  departmentName: string;
  year: number | null;
  budgetTotalFen: number | null;
  status: ProjectStatus;
  version: number;
  qualityScoreHundredths: number | null;
  qualityGrade: string | null;
  findingCount: number;
  categories: FindingCategory[];
  updatedAt: string;
}

export { likeEscape } from './text-match';

/**
 * Keeps an aggregate of the list (what takes a scan of every matching project) by a key naming
 * the filter and sort; the services pass a cache that holds it until the data changes
 * (modules/cache/aggregate-cache.ts).
 */
export type Memo = <T>(key: string, compute: () => Promise<T>) => Promise<T>;

/** Sorts that an index on project serves in order (the id is the rowid every SQLite index carries). */
const INDEXED_SORTS: ReadonlySet<ProjectSortKey> = new Set(['code', 'name', 'budget', 'score', 'status']);

/**
 * The projects of current documents matching a filter. `projectFirst` writes the join as
 * `d.id = +p.document_id`: the unary plus (a no-op in PostgreSQL) keeps SQLite from driving the
 * query from the document table, so that it walks the index of the sort column instead and
 * stops after the page (100,000 projects: 0.4 ms instead of 46 ms for a first page by code).
 */
function listBase(db: Db, filter: ProjectListFilter, opts: { projectFirst?: boolean } = {}) {
  let q = db
    .selectFrom('project as p')
    .innerJoin('document as d', (join) =>
      opts.projectFirst ? join.on(sql<SqlBool>`${sql.ref('d.id')} = +${sql.ref('p.documentId')}`) : join.onRef('d.id', '=', 'p.documentId'),
    )
    .innerJoin('department as dep', 'dep.id', 'd.departmentId')
    .where('d.isCurrent', '=', 1);
  if (filter.departmentIds !== undefined) q = q.where('d.departmentId', 'in', filter.departmentIds.length > 0 ? [...filter.departmentIds] : [-1]);
  if (filter.year !== undefined) q = q.where('d.year', '=', filter.year);
  for (const condition of projectConditions(db, filter)) q = q.where(condition);
  return q;
}

/**
 * The ids of the current documents a filter allows (its department and year): what
 * allOrderedIds tests each project's document against.
 */
function currentDocumentIds(db: Db, filter: ProjectListFilter) {
  let q = db
    .selectFrom('document as d')
    .innerJoin('department as dep', 'dep.id', 'd.departmentId')
    .select('d.id')
    .where('d.isCurrent', '=', 1);
  if (filter.departmentIds !== undefined) q = q.where('d.departmentId', 'in', filter.departmentIds.length > 0 ? [...filter.departmentIds] : [-1]);
  if (filter.year !== undefined) q = q.where('d.year', '=', filter.year);
  return q;
}

/** The filter's conditions on the project row itself (status, score, finding category, text; its region and year on PostgreSQL: partitionConditions), over project p. */
function projectConditions(db: Db, filter: ProjectListFilter): Expression<SqlBool>[] {
  const eb = expressionBuilder<DatabaseSchema & { p: DatabaseSchema['project'] }, 'p'>();
  const conditions: Expression<SqlBool>[] = [];
  if (filter.statuses !== undefined && filter.statuses.length > 0) conditions.push(eb('p.status', 'in', [...filter.statuses]));
  if (filter.minScoreHundredths !== undefined) conditions.push(eb('p.qualityScore', '>=', filter.minScoreHundredths));
  if (filter.maxScoreHundredths !== undefined) conditions.push(eb('p.qualityScore', '<=', filter.maxScoreHundredths));
  if (filter.category !== undefined) {
    // EXISTS, not IN: probed per row through (category, project_id), it lets an index walk stop early.
    conditions.push(
      eb.exists(
        eb
          .selectFrom('projectFindingCategory as c')
          .select('c.projectId')
          .whereRef('c.projectId', '=', 'p.id')
          .where('c.category', '=', filter.category),
      ),
    );
  }
  if (filter.q !== undefined && filter.q !== '') conditions.push(eb.or([startsWithText(eb.ref('p.code'), filter.q), containsText(eb.ref('p.name'), filter.q)]));
  conditions.push(...partitionConditions(db, 'p', { region: filter.region, year: filter.year }));
  return conditions;
}

/**
 * A window of the matching ids in order, for every sort but 'department' (every id at once:
 * allOrderedIds). A sort served by an index walks it and stops after the window (unless the
 * filter names departments: then their few documents drive the query).
 */
function orderedIdsQuery(db: Db, filter: ProjectListFilter, sort: Exclude<ProjectSortKey, 'department'>, dir: 'asc' | 'desc', window: { offset: number; limit: number }) {
  const projectFirst = INDEXED_SORTS.has(sort) && filter.departmentIds === undefined;
  // NULLs first in ascending order, last in descending: SQLite's default, spelled out so that
  // PostgreSQL (the other way round by default) agrees. SQLite treats the default spelled out as
  // no modifier at all, so the index walks stay. Descending is thus the exact reverse of ascending.
  const nulls = (ob: OrderByItemBuilder) => (dir === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast());
  const query = listBase(db, filter, { projectFirst }).select('p.id').orderBy(sortKey(sort), nulls).orderBy('p.id', dir);
  return query.limit(window.limit).offset(window.offset);
}

/** The sort keys, each a column of project p but `updated` (which needs document d). */
function sortKey(sort: Exclude<ProjectSortKey, 'department'>) {
  switch (sort) {
    case 'code':
      return sql.ref('p.code');
    case 'name':
      return sql.ref('p.name');
    case 'budget':
      // the budget in force (目标调整, issue 58): not the index of budget_total (0019), whose order it no longer is
      return budgetInForceOf('p');
    case 'score':
      return sql.ref('p.qualityScore');
    case 'status':
      return sql.ref('p.status');
    case 'updated':
      return sql`coalesce(${sql.ref('p.updatedAt')}, ${sql.ref('d.importedAt')})`;
  }
}

/**
 * Every matching id in ascending sort order (NULLs first, then by id: orderedIdsQuery's order),
 * read as ONE text value, the ids joined by commas, and parsed here: 100,000 rows handed to
 * JavaScript one object each cost more than the query (28 ms against 4 ms for the index walk on
 * SQLite), a string of 600 kB a few ms.
 *
 * Sorts by a project column test each project's document with `+p.document_id IN (the current
 * documents the filter allows)` instead of joining the document: the unary plus keeps SQLite from
 * driving the query from the documents, so it walks the sort column's index, which carries the id
 * and the document id (migration 0019), in order and reads no table row (100,000 projects by
 * code: 14 ms instead of 100 ms of SQL sorting them in a temporary B-tree).
 *
 * SQLite aggregates a subquery with an ORDER BY in that order: its query flattener never merges
 * such a subquery into an aggregate query (rule 16 of the flattener), so the subquery runs as a
 * co-routine feeding string_agg row by row in order. PostgreSQL documents only the aggregate's own
 * ORDER BY for that, used there. The test `projects-order.test.ts` checks both against the plain
 * ordered SELECT.
 */
async function allOrderedIds(db: Db, filter: ProjectListFilter, sort: Exclude<ProjectSortKey, 'department'>): Promise<Int32Array> {
  const base = sort === 'updated' ? listBase(db, filter) : currentProjects(db, filter);
  const key = sortKey(sort);
  const joined =
    dialectOf(db) === 'postgres'
      ? await base.select(sql<string | null>`string_agg(cast(${sql.ref('p.id')} as text), ',' order by ${key} asc nulls first, ${sql.ref('p.id')} asc)`.as('ids')).executeTakeFirstOrThrow()
      : await db
          .selectFrom(base.select('p.id').orderBy(key, (ob) => ob.asc().nullsFirst()).orderBy('p.id', 'asc').as('o'))
          .select(sql<string | null>`string_agg(cast(${sql.ref('o.id')} as text), ',')`.as('ids'))
          .executeTakeFirstOrThrow();
  return parseIdList(joined.ids);
}

/**
 * The projects matching a filter, over project p alone: each project's document tested with
 * `+p.document_id IN (the current documents the filter allows)` (see allOrderedIds), so that an
 * index on project that carries the document id (migration 0019) answers without a table row.
 */
function currentProjects(db: Db, filter: ProjectListFilter) {
  return projectConditions(db, filter).reduce(
    (q, condition) => q.where(condition),
    db.selectFrom('project as p').where((eb) => eb(sql<number>`+${sql.ref('p.documentId')}`, 'in', currentDocumentIds(db, filter))),
  );
}

/** "3,1,2" → Int32Array [3, 1, 2]; null (no row matched) → empty. */
export function parseIdList(text: string | null): Int32Array {
  if (text === null || text === '') return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const ids = new Int32Array(count);
  let k = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      ids[k++] = value;
      value = 0;
    } else value = value * 10 + (c - 48);
  }
  ids[k] = value;
  return ids;
}

/**
 * The ids of a page and the total, for every sort but 'department'. With a memo, every matching
 * id in ascending order is kept (an Int32Array: 400 kB for 100,000 projects; allOrderedIds) and
 * any page, deep ones too, is a slice of it: a filter whose first matches lie deep in the sort
 * order (say the best-scored projects with vague indicators) would otherwise walk or sort
 * thousands of rows per request. Without one, the page is read with LIMIT/OFFSET and counted apart.
 */
async function pageIdsBySort(db: Db, filter: ProjectListFilter, page: ProjectListPage & { sort: Exclude<ProjectSortKey, 'department'> }, memo?: Memo): Promise<{ ids: number[]; total: number }> {
  if (memo === undefined) {
    const [rows, total] = await Promise.all([orderedIdsQuery(db, filter, page.sort, page.order, page).execute(), countProjects(db, filter)]);
    return { ids: rows.map((r) => r.id), total };
  }
  const ascending = await memo(`ids ${page.sort} ${JSON.stringify(filter)}`, () => allOrderedIds(db, filter, page.sort));
  const total = ascending.length;
  const ids: number[] = [];
  for (let i = page.offset; i < Math.min(total, page.offset + page.limit); i++) ids.push(ascending[page.order === 'asc' ? i : total - 1 - i]!);
  return { ids, total };
}

/**
 * The department sort (department name, year, document, then the document's own order) pages by
 * document: one grouped query counts the matching projects of each document (and so gives the
 * total), the documents are put in order here, and only the documents the page falls in are
 * read. Any page costs about as much as the first; sorting 100,000 rows to skip 40,000 of them
 * took 190 ms. Names compare by UTF-16 code units, which is SQLite's order for every character
 * below U+10000.
 */
async function pageIdsByDepartment(
  db: Db,
  filter: ProjectListFilter,
  page: ProjectListPage,
  memo: Memo = (_key, compute) => compute(),
): Promise<{ ids: number[]; total: number; details?: ListColumns[] }> {
  // The matching documents in ascending order with their counts: descending is the exact reverse.
  const ascending = await memo(`documents ${JSON.stringify(filter)}`, async () => {
    const rows = await listBase(db, filter)
      .select((eb) => ['d.id as documentId', 'dep.name', 'd.year', eb.fn.countAll<number | string>().as('n')])
      .groupBy(['d.id', 'dep.name', 'd.year'])
      .execute();
    const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
    rows.sort((a, b) => cmp(a.name, b.name) || cmp(a.year, b.year) || a.documentId - b.documentId);
    return rows.map((r) => ({ documentId: r.documentId, n: intFromDb(r.n) }));
  });
  const sign = page.order === 'asc' ? 1 : -1;
  const groups = sign === 1 ? ascending : [...ascending].reverse();
  const total = groups.reduce((n, g) => n + g.n, 0);

  const wanted: number[] = [];
  let before = 0; // matching projects in the documents ahead of the current one
  let skip = 0; // of the first wanted document's projects, how many precede the page
  for (const { documentId, n } of groups) {
    if (before + n > page.offset && before < page.offset + page.limit) {
      if (wanted.length === 0) skip = page.offset - before;
      wanted.push(documentId);
    }
    before += n;
    if (before >= page.offset + page.limit) break;
  }
  if (wanted.length === 0) return { ids: [], total };
  // The page's documents' matching projects with the list's columns: no second query for them.
  const rows = await withListColumns(listBase(db, filter)).select(['p.documentId', 'p.position']).where('d.id', 'in', wanted).execute();
  const rank = new Map(wanted.map((id, i) => [id, i]));
  rows.sort((a, b) => rank.get(a.documentId)! - rank.get(b.documentId)! || sign * (a.position - b.position || a.id - b.id));
  const details = rows.slice(skip, skip + page.limit);
  return { ids: details.map((r) => r.id), total, details };
}

/** The list's columns for some projects, by id (of the list's region and year: its partitions only). */
function detailsQuery(db: Db, ids: readonly number[], keys: { region?: string; year?: number } = {}) {
  return withListColumns(
    db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .innerJoin('department as dep', 'dep.id', 'd.departmentId')
      .where('p.id', 'in', ids.length > 0 ? [...ids] : [-1])
      .$call((q) => partitionConditions(db, 'p', keys).reduce((w, condition) => w.where(condition), q)),
  );
}

/** The list's columns of a query over project p, document d and department dep. */
function withListColumns(query: ReturnType<typeof listBase>) {
  return query.select((eb) => [
    'p.id',
    'p.code',
    'p.name',
    'dep.id as departmentId',
    'dep.name as departmentName',
    'd.year',
    budgetInForceOf('p').as('budgetTotal'),
    'p.status',
    'p.version',
    'p.qualityScore',
    'p.qualityGrade',
    'p.findingCount',
    eb.fn.coalesce('p.updatedAt', 'd.importedAt').as('updatedAt'),
  ]);
}

type ListColumns = Awaited<ReturnType<ReturnType<typeof withListColumns>['execute']>>[number];

/**
 * A page of the project list and the total matching it: the page's ids first (see pageIdsBySort
 * and pageIdsByDepartment), then their columns and finding categories. Every sort ends with the
 * project id, so pages are stable. NULLs (unreviewed scores, blank codes and budgets) come first in
 * ascending order and last in descending order, on both dialects.
 */
export async function listProjects(
  db: Db,
  filter: ProjectListFilter,
  page: ProjectListPage,
  opts: {
    /** Keeps the list's aggregates (the ordered ids, the department sort's counts per document); none by default. */
    memo?: Memo;
    /** Keeps them also for a filter by departments: a regional account's scope (below). */
    memoScoped?: boolean;
  } = {},
): Promise<{ rows: ProjectListRow[]; total: number }> {
  // A list of some departments (a department's page, an editor's list) is driven by their few
  // documents and cheap to read each time: keeping it would only push the dear aggregates out.
  // A region's departments (a county reviewer's list: dozens of departments, thousands of
  // projects over the years; every request of its reviewers the same scope) are not few: 20 ms
  // of SQLite per request at 20,000 projects, bench:province.
  const memo = filter.departmentIds === undefined || opts.memoScoped === true ? opts.memo : undefined;
  const found: { ids: number[]; total: number; details?: ListColumns[] } =
    page.sort === 'department' ? await pageIdsByDepartment(db, filter, page, memo) : await pageIdsBySort(db, filter, { ...page, sort: page.sort }, memo);
  const { ids, total } = found;
  if (ids.length === 0) return { rows: [], total };
  const [details, categories] = await Promise.all([found.details ?? detailsQuery(db, ids, { region: filter.region, year: filter.year }).execute(), categoriesOf(db, ids)]);
  const byId = new Map(details.map((r) => [r.id, r]));
  return { total, rows: ids.map((id) => listRowOf(byId.get(id)!, categories.get(id) ?? [])) };
}

/** A row of the list from its columns (withListColumns) and finding categories. */
function listRowOf(r: ListColumns, categories: FindingCategory[]): ProjectListRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    year: r.year,
    budgetTotalFen: intFromDb(r.budgetTotal),
    status: r.status,
    version: r.version,
    qualityScoreHundredths: r.qualityScore,
    qualityGrade: r.qualityGrade,
    findingCount: r.findingCount,
    categories,
    updatedAt: r.updatedAt,
  };
}

/** A document's projects as the department page shows them (document order), with what it adds up and groups. */
export interface DocumentProjectRow extends ProjectListRow {
  budgetFiscalFen: number | null;
  budgetOtherFen: number | null;
  /** The stored review's findings; null when none are stored (before migration 0005). */
  findings: Finding[] | null;
}

/**
 * The projects of one current document, in its order, with the list's columns, the other two
 * budgets, the stored findings and the finding categories, in ONE statement: the department page
 * read them as four (the department sort's counts, its rows, the categories, the findings), each
 * a round trip on PostgreSQL. The categories come as one comma-joined value per project
 * (string_agg with its own ORDER BY: SQLite 3.44 and PostgreSQL), in category order as categoriesOf.
 */
export async function listDocumentProjects(db: Db, documentId: number): Promise<DocumentProjectRow[]> {
  const rows = await documentProjectsQuery(db, documentId).select('f.findings').execute();
  return rows.map((r) => ({ ...documentProjectOf(r), findings: r.findings === null ? null : (JSON.parse(r.findings) as Finding[]) }));
}

/** A document's projects as the department page shows them, with the rules of their findings instead of the findings. */
export interface DocumentProjectRulesRow extends ProjectListRow {
  budgetFiscalFen: number | null;
  budgetOtherFen: number | null;
  /** findingRulesOf the stored findings; null when none are stored (before migration 0005). */
  rules: FindingRule[] | null;
}

/**
 * The rows of documentProjectsJsonOf's value: listDocumentProjects' rows with the rules of each
 * project's findings (project_findings.rules, migration 0021) instead of the findings — what the
 * department page groups, without reading and parsing every project's messages and suggestions
 * (a kilobyte or two a project). A row without its rules (written by another path) has its
 * findings read in their place.
 *
 * The database gives the rows as ONE JSON value, an array of one array per project, parsed here
 * at once: read for thousands of departments in turn, the page spent more of its time turning 25
 * rows of 18 columns into objects (the driver's row objects, Kysely's camel-case of every key,
 * the query built anew) than in SQLite finding them: 0.48 ms against 0.15 ms of SQL (2026-11-24,
 * 100,000 projects). The money columns come as text, so that intFromDb sees them exactly as
 * before (a sum beyond 2^53 stays an error, not a rounded number); the rules come nested (valid
 * JSON, written by JSON.stringify); the findings, only where the rules are missing, as their
 * stored text. test/db/department-page.test.ts compares the rows with the statement's rows.
 */
export function documentProjectsFromJson(page: string): DocumentProjectRulesRow[] {
  const packed = JSON.parse(page) as DocumentProjectTuple[];
  return packed.map(
    ([id, code, name, departmentId, departmentName, year, budgetTotal, status, version, qualityScore, qualityGrade, findingCount, updatedAt, budgetFiscal, budgetOther, categories, rules, findings]) => ({
      id,
      code,
      name,
      departmentId,
      departmentName,
      year,
      budgetTotalFen: intFromDb(budgetTotal),
      status,
      version,
      qualityScoreHundredths: qualityScore,
      qualityGrade,
      findingCount,
      categories: categories === null || categories === '' ? [] : (categories.split(',') as FindingCategory[]),
      updatedAt,
      budgetFiscalFen: intFromDb(budgetFiscal),
      budgetOtherFen: intFromDb(budgetOther),
      rules: rules !== null ? rules : findings !== null ? findingRulesOf(JSON.parse(findings) as Finding[]) : null,
    }),
  );
}

/** One project of documentProjectsJsonOf, in its column order. */
type DocumentProjectTuple = [
  id: number,
  code: string | null,
  name: string,
  departmentId: number,
  departmentName: string,
  year: number | null,
  budgetTotal: string | null,
  status: ProjectStatus,
  version: number,
  qualityScore: number | null,
  qualityGrade: string | null,
  findingCount: number,
  updatedAt: string,
  budgetFiscal: string | null,
  budgetOther: string | null,
  categories: string | null,
  rules: FindingRule[] | null,
  findings: string | null,
];

/**
 * documentProjectsQuery's rows (listBase's joins and current-document condition, with the rules
 * and the findings where there are none) as one JSON array, in the dialect's JSON functions:
 * a scalar subquery over the document `documentId` (a column of the outer query), for the
 * department page's one statement (department.repository's loadDocumentPage). Written as SQL
 * (snake_case names); compiled once per database with it (compiledStatement).
 */
export function documentProjectsJsonOf(db: Db, documentId: Expression<number>, region?: string) {
  const sqlite = dialectOf(db) === 'sqlite';
  const money = (column: string | Expression<unknown>) => {
    const value = typeof column === 'string' ? sql.ref(column) : column;
    return sqlite ? sql`cast(${value} as text)` : sql`(${value})::text`;
  };
  const tuple = sql.join([
    sql.ref('p.id'),
    sql.ref('p.code'),
    sql.ref('p.name'),
    sql.ref('dep.id'),
    sql.ref('dep.name'),
    sql.ref('d.year'),
    money(sql`coalesce(${sql.ref('p.budget_in_force')}, ${sql.ref('p.budget_total')})`),
    sql.ref('p.status'),
    sql.ref('p.version'),
    sql.ref('p.quality_score'),
    sql.ref('p.quality_grade'),
    sql.ref('p.finding_count'),
    sql`coalesce(${sql.ref('p.updated_at')}, ${sql.ref('d.imported_at')})`,
    money(sql`case when ${sql.ref('p.budget_in_force')} is null then ${sql.ref('p.budget_fiscal')} else ${sql.ref('p.fiscal_in_force')} end`),
    money('p.budget_other'),
    sql`(select string_agg(${sql.ref('c.category')}, ',' order by ${sql.ref('c.category')}) from ${sql.table('project_finding_category')} as c where ${sql.ref('c.project_id')} = ${sql.ref('p.id')})`,
    sqlite ? sql`json(${sql.ref('f.rules')})` : sql`${sql.ref('f.rules')}::json`,
    sql`case when ${sql.ref('f.rules')} is null then ${sql.ref('f.findings')} end`,
  ]);
  const order = sql`order by ${sql.ref('p.position')}, ${sql.ref('p.id')}`;
  const page = sqlite ? sql`json_group_array(json_array(${tuple}) ${order})` : sql`coalesce(json_agg(json_build_array(${tuple}) ${order}), '[]')::text`;
  return sql<string>`(
    select ${page}
    from ${sql.table('project')} as p
    inner join ${sql.table('document')} as d on ${sql.ref('d.id')} = ${sql.ref('p.document_id')}
    inner join ${sql.table('department')} as dep on ${sql.ref('dep.id')} = ${sql.ref('d.department_id')}
    left join ${sql.table('project_findings')} as f on ${sql.ref('f.project_id')} = ${sql.ref('p.id')}
    where ${sql.ref('d.is_current')} = 1 and ${sql.ref('d.id')} = ${documentId}${inRegion(region)})`;
}

/**
 * `region` (a statement's parameter: the department's region; the caller passes one on PostgreSQL
 * only, as partitionConditions) said of the projects p: `and p.region_code = r`, nothing when there is no such
 * parameter. PostgreSQL plans each run with the value (an unnamed statement's custom plan), so a
 * table partitioned by region is read in that region's partitions only.
 */
function inRegion(region: string | undefined) {
  return region === undefined ? sql`` : sql` and ${sql.ref('p.region_code')} = ${region}`;
}



/**
 * The projects of one current document in its order, with the list's columns, the other two
 * budgets and the finding categories, in ONE statement (the callers add the findings or their
 * rules): the department page read them as four (the department sort's counts, its rows, the
 * categories, the findings), each a round trip on PostgreSQL. The categories come as one
 * comma-joined value per project (string_agg with its own ORDER BY: SQLite 3.44 and
 * PostgreSQL), in category order as categoriesOf.
 */
function documentProjectsQuery(db: Db, documentId: number) {
  return withListColumns(listBase(db, {}))
    .leftJoin('projectFindings as f', 'f.projectId', 'p.id')
    .select((eb) => [
      'p.budgetFiscal',
      'p.budgetOther',
      eb
        .selectFrom('projectFindingCategory as c')
        .select(sql<string | null>`string_agg(${sql.ref('c.category')}, ',' order by ${sql.ref('c.category')})`.as('categories'))
        .whereRef('c.projectId', '=', 'p.id')
        .as('categories'),
    ])
    .where('d.id', '=', documentId)
    .orderBy('p.position')
    .orderBy('p.id');
}

function documentProjectOf(r: ListColumns & { budgetFiscal: number | string | bigint | null; budgetOther: number | string | bigint | null; categories: string | null }) {
  return {
    ...listRowOf(r, r.categories === null || r.categories === '' ? [] : (r.categories.split(',') as FindingCategory[])),
    budgetFiscalFen: intFromDb(r.budgetFiscal),
    budgetOtherFen: intFromDb(r.budgetOther),
  };
}

/** A project's last return (退回) as the list shows it. */
export interface LastReturn {
  comment: string | null;
  /** The field comments given with it. */
  fieldComments: number;
  actor: string;
  at: string;
}

/**
 * The last return of each of `projectIds` that has one (the newest by time, then id, as the
 * project page's returnRounds orders them), with the number of field comments given with it: one
 * statement for a page of the list, instead of the browser reading each project's whole record.
 */
export async function lastReturnsOf(db: Db, projectIds: readonly number[]): Promise<Map<number, LastReturn>> {
  const out = new Map<number, LastReturn>();
  if (projectIds.length === 0) return out;
  const rows = await db
    .selectFrom('workflowEvent as e')
    .select((eb) => [
      'e.projectId',
      'e.comment',
      'e.actor',
      'e.at',
      eb
        .selectFrom('reviewComment as c')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('c.eventId', '=', 'e.id')
        .as('fieldComments'),
    ])
    .where('e.projectId', 'in', [...projectIds])
    .where('e.toStatus', '=', 'returned')
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  // Oldest first: the last one written per project is its newest.
  for (const r of rows) out.set(r.projectId, { comment: r.comment, fieldComments: intFromDb(r.fieldComments ?? 0), actor: r.actor, at: r.at });
  return out;
}

/** What the department page shows of a finding as the example of its rule. */
export interface FindingExample {
  message: string;
  suggestion: string;
}

/**
 * For each (project, rule) asked, the message and suggestion of the project's first stored
 * finding about it (projectIndex not null) with that rule, or undefined: the examples of the
 * department page's repeated findings, in ONE statement compiled once, the pairs passed as one
 * JSON parameter. Read by the rule from the project's examples (project_findings.examples,
 * migration 0022: kept beside the findings when they are stored) — on PostgreSQL walking the
 * findings themselves (3.4 kB of jsonb each, ~12 pairs a page) was 0.31 ms of the database's
 * time a page, the examples 0.08 —; a row stored without its examples (NULL) has its findings
 * walked instead, in their order (SQLite json_each, PostgreSQL jsonb_array_elements). What
 * loadStoredFindings + find gave.
 */
export async function findingExamples(db: Db, wanted: readonly { projectId: number; rule: string }[]): Promise<(FindingExample | undefined)[]> {
  if (wanted.length === 0) return [];
  const { rows } = await findingExamplesQuery(db, JSON.stringify(wanted.map((w) => [w.projectId, w.rule])));
  const out: (FindingExample | undefined)[] = wanted.map(() => undefined);
  for (const r of rows) {
    if (r.example === null) continue;
    const [message, suggestion] = JSON.parse(r.example) as [string, string];
    out[intFromDb(r.i)] = { message, suggestion };
  }
  return out;
}

const findingExamplesQuery = compiledStatement(1, (db: Db, pairs: string) =>
  dialectOf(db) === 'sqlite'
    ? sql<{ i: number; example: string | null }>`
        select w.key as i, (
          select case when f.examples is not null then f.examples -> (w.value ->> 1) else (
            select json_array(j.value ->> 'message', j.value ->> 'suggestion')
            from json_each(f.findings) as j
            where j.value ->> 'rule' = w.value ->> 1 and j.value ->> 'projectIndex' is not null
            order by j.key limit 1
          ) end
          from ${sql.table('project_findings')} as f
          where f.project_id = w.value ->> 0
        ) as example
        from json_each(${pairs}) as w`
    : sql<{ i: number | string; example: string | null }>`
        select w.i - 1 as i, (
          select case when f.examples is not null then (f.examples::json -> (w.e ->> 1))::text else (
            select json_build_array(j.e ->> 'message', j.e ->> 'suggestion')::text
            from jsonb_array_elements(f.findings::jsonb) with ordinality as j(e, n)
            where j.e ->> 'rule' = w.e ->> 1 and j.e ->> 'projectIndex' is not null
            order by j.n limit 1
          ) end
          from ${sql.table('project_findings')} as f
          where f.project_id = (w.e ->> 0)::bigint
        ) as example
        from jsonb_array_elements(cast(${pairs} as jsonb)) with ordinality as w(e, i)`,
);

/** The stored review findings of each of `projectIds` (a project not reviewed yet has none). */
export async function loadStoredFindings(db: Db, projectIds: readonly number[]): Promise<Map<number, Finding[]>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db.selectFrom('projectFindings').select(['projectId', 'findings']).where('projectId', 'in', [...projectIds]).execute();
  return new Map(rows.map((r) => [r.projectId, JSON.parse(r.findings) as Finding[]]));
}

/**
 * The budgets of every project matching a filter, summed (the list's 合计 row); blank budgets count
 * as nothing. Null when the sum is beyond what a JSON number holds exactly (above 2^53 fen, about
 * 90万亿元): the row then says so rather than show a rounded figure. Kept in the memo as the
 * list's ids are (and, like them, not for a list of some departments, which is cheap to sum).
 */
export async function sumBudgets(db: Db, filter: ProjectListFilter, opts: { memo?: Memo; memoScoped?: boolean } = {}): Promise<Fen | null> {
  const memo = filter.departmentIds === undefined || opts.memoScoped === true ? opts.memo : undefined;
  return memo === undefined ? sumBudgetsQuery(db, filter) : memo(`sum ${JSON.stringify(filter)}`, () => sumBudgetsQuery(db, filter));
}

/** Over the budget index (budget, id, document id: 0019) without reading a project row when no other column is filtered. */
async function sumBudgetsQuery(db: Db, filter: ProjectListFilter): Promise<Fen | null> {
  const row = await currentProjects(db, filter)
    .select((eb) => eb.fn.sum<number | string | bigint | null>(budgetInForceOf('p')).as('s'))
    .executeTakeFirstOrThrow();
  if (row.s === null) return 0;
  const n = Number(row.s);
  return Number.isSafeInteger(n) && (typeof row.s !== 'string' || /^\d+$/.test(row.s)) ? n : null;
}

/** How many projects of current documents match a filter: a scan of all of them (100,000 projects: tens of ms). */
export async function countProjects(db: Db, filter: ProjectListFilter): Promise<number> {
  const row = await listBase(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return intFromDb(row.n);
}

/** The finding categories of some projects, each list in category order. */
export async function categoriesOf(db: Db, projectIds: readonly number[]): Promise<Map<number, FindingCategory[]>> {
  const out = new Map<number, FindingCategory[]>();
  if (projectIds.length === 0) return out;
  const rows = await categoriesQuery(db, projectIds).execute();
  for (const r of rows) {
    const list = out.get(r.projectId);
    if (list === undefined) out.set(r.projectId, [r.category as FindingCategory]);
    else list.push(r.category as FindingCategory);
  }
  return out;
}

/** The statement behind categoriesOf (the benchmark runs it raw too). */
export function categoriesQuery(db: Db, projectIds: readonly number[]) {
  return db
    .selectFrom('projectFindingCategory')
    .select(['projectId', 'category'])
    .where('projectId', 'in', [...projectIds])
    .orderBy('projectId')
    .orderBy('category');
}

/** The names of these projects, by id. */
export async function projectNamesOf(db: Db, projectIds: readonly number[]): Promise<Map<number, string>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db.selectFrom('project').select(['id', 'name']).where('id', 'in', [...new Set(projectIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** How many current projects matching the filter (its statuses aside) are in each status. */
export async function countProjectsByStatus(db: Db, filter: ProjectListFilter): Promise<Partial<Record<ProjectStatus, number>>> {
  const rows = await currentProjects(db, { ...filter, statuses: undefined })
    .select((eb) => ['p.status', eb.fn.countAll<number | string>().as('n')])
    .groupBy('p.status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, intFromDb(r.n)]));
}
