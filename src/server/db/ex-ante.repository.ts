/**
 * The SQL of 事前绩效评估 (ex-ante assessment, migration 0017): the assessments, their scores and
 * workflow events, the projects they belong to, and the projects of a year and the year before
 * for deciding which need one. Parameterised Kysely only; the same on SQLite and PostgreSQL.
 */
import type { Selectable } from 'kysely';
import type { ProjectStatus } from '../../shared/domain/workflow';
import { budgetInForceOf, intFromDb } from './document.repository';
import { chunks, groupBy } from './rows';
import type { Db, ExAnteAssessmentTable, ExAnteEventTable } from './schema';

/** A project as the assessment sees it: who it belongs to, its year and budget, whether it is current. */
export interface ExAnteProject {
  id: number;
  code: string | null;
  name: string;
  departmentId: number;
  departmentCode: string | null;
  departmentName: string;
  year: number | null;
  budgetFen: number | null;
  status: ProjectStatus;
  isCurrent: boolean;
  /** The project's region (0025); null: not assigned. */
  regionCode: string | null;
}

function projectsQuery(db: Db) {
  return db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .innerJoin('department as dep', 'dep.id', 'd.departmentId')
    .select((eb) => [
      'p.id',
      'p.code',
      'p.name',
      'dep.id as departmentId',
      'dep.code as departmentCode',
      'dep.name as departmentName',
      eb.fn.coalesce('p.year', 'd.year').as('year'),
      // in force (目标调整, issue 58): last year's budget as adjusted is what a new year's is compared with
      budgetInForceOf('p').as('budgetTotal'),
      'p.status',
      'd.isCurrent',
      'p.regionCode',
    ]);
}

type ProjectRow = Awaited<ReturnType<ReturnType<typeof projectsQuery>['execute']>>[number];

function projectFromRow(r: ProjectRow): ExAnteProject {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    departmentId: r.departmentId,
    departmentCode: r.departmentCode,
    departmentName: r.departmentName,
    year: r.year,
    budgetFen: intFromDb(r.budgetTotal),
    status: r.status,
    isCurrent: r.isCurrent === 1,
    regionCode: r.regionCode,
  };
}

/** A project (of a document that names a department), or undefined. */
export async function findExAnteProject(db: Db, projectId: number): Promise<ExAnteProject | undefined> {
  const row = await projectsQuery(db).where('p.id', '=', projectId).executeTakeFirst();
  return row === undefined ? undefined : projectFromRow(row);
}

/** These projects (those of a document naming a department), in no particular order. */
export async function findExAnteProjects(db: Db, projectIds: readonly number[]): Promise<ExAnteProject[]> {
  const out: ExAnteProject[] = [];
  for (const ids of chunks([...new Set(projectIds)])) out.push(...(await projectsQuery(db).where('p.id', 'in', ids).execute()).map(projectFromRow));
  return out;
}

/** The current projects of these years (optionally of one department), by department and position. */
export async function listCurrentProjectsOfYears(db: Db, years: readonly number[], departmentId?: number | readonly number[] | null): Promise<ExAnteProject[]> {
  if (years.length === 0) return [];
  let q = projectsQuery(db)
    .where('d.isCurrent', '=', 1)
    .where((eb) => eb(eb.fn.coalesce('p.year', 'd.year'), 'in', [...years]));
  if (typeof departmentId === 'number') q = q.where('d.departmentId', '=', departmentId);
  else if (departmentId !== undefined && departmentId !== null) q = q.where('d.departmentId', 'in', departmentId.length > 0 ? [...departmentId] : [-1]);
  const rows = await q.orderBy('dep.name').orderBy('dep.id').orderBy('p.documentId').orderBy('p.position').execute();
  return rows.map(projectFromRow);
}

/** The latest budget year with current projects (of one department), or null when there are none. */
export async function latestProjectYear(db: Db, departmentId: number | readonly number[] | null): Promise<number | null> {
  const row = await db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .select((eb) => eb.fn.max(eb.fn.coalesce('p.year', 'd.year')).as('year'))
    .where('d.isCurrent', '=', 1)
    .where('d.departmentId', 'is not', null)
    .$if(typeof departmentId === 'number', (q) => q.where('d.departmentId', '=', departmentId as number))
    .$if(Array.isArray(departmentId), (q) => q.where('d.departmentId', 'in', (departmentId as number[]).length > 0 ? [...(departmentId as number[])] : [-1]))
    .executeTakeFirst();
  return row?.year === null || row?.year === undefined ? null : Number(row.year);
}

// ---------------------------------------------------------------------------------------------
// Assessments

export interface StoredExAnteScore {
  criterionId: string;
  scoreTenths: number | null;
  reason: string | null;
  suggestedTenths: number | null;
  suggestedReason: string | null;
}

export type StoredExAnteEvent = Omit<Selectable<ExAnteEventTable>, 'assessmentId'>;

export type StoredExAnteAssessment = Selectable<ExAnteAssessmentTable> & { scores: StoredExAnteScore[] };

export type ExAnteAssessmentValues = Omit<Selectable<ExAnteAssessmentTable>, 'id'>;

/** The assessments of these projects with their scores (in criterion order as stored). */
export async function listExAnteAssessmentsOf(db: Db, projectIds: readonly number[]): Promise<StoredExAnteAssessment[]> {
  const rows: Selectable<ExAnteAssessmentTable>[] = [];
  for (const ids of chunks([...new Set(projectIds)])) {
    rows.push(...(await db.selectFrom('exAnteAssessment').selectAll().where('projectId', 'in', ids).execute()));
  }
  const scoreRows = [];
  for (const ids of chunks(rows.map((r) => r.id))) {
    scoreRows.push(...(await db.selectFrom('exAnteScore').selectAll().where('assessmentId', 'in', ids).execute()));
  }
  const scores = groupBy(scoreRows, (s) => s.assessmentId);
  return rows
    .sort((a, b) => a.projectId - b.projectId)
    .map((r) => ({ ...r, scores: (scores.get(r.id) ?? []).map(({ assessmentId: _a, ...s }) => s) }));
}

export async function findExAnteAssessment(db: Db, projectId: number): Promise<StoredExAnteAssessment | undefined> {
  return (await listExAnteAssessmentsOf(db, [projectId]))[0];
}

/**
 * The latest assessment of an earlier version of this project: a project of a superseded document
 * of the same department and year with the same code (or, without one, the same name). A new
 * version of a document gives its projects new rows; their assessment starts from this one.
 */
export async function findEarlierVersionAssessment(db: Db, project: ExAnteProject): Promise<StoredExAnteAssessment | undefined> {
  if (project.year === null) return undefined;
  const year = project.year;
  const row = await db
    .selectFrom('exAnteAssessment as a')
    .innerJoin('project as p', 'p.id', 'a.projectId')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .select('a.projectId')
    .where('d.departmentId', '=', project.departmentId)
    .where('d.isCurrent', '=', 0)
    .where((eb) => eb(eb.fn.coalesce('p.year', 'd.year'), '=', year))
    .where((eb) => (project.code !== null ? eb('p.code', '=', project.code) : eb('p.name', '=', project.name)))
    .orderBy('a.updatedAt', 'desc')
    .orderBy('a.id', 'desc')
    .executeTakeFirst();
  return row === undefined ? undefined : findExAnteAssessment(db, row.projectId);
}

export async function insertExAnteAssessment(db: Db, values: ExAnteAssessmentValues): Promise<number> {
  const row = await db.insertInto('exAnteAssessment').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Updates an assessment when its stored version is `expectedVersion` (the version goes up by one);
 * false when someone else changed it first.
 */
export async function updateExAnteAssessment(
  db: Db,
  id: number,
  expectedVersion: number,
  changes: Partial<Omit<ExAnteAssessmentValues, 'projectId' | 'version' | 'createdAt' | 'createdBy'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('exAnteAssessment')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces every score of an assessment. */
export async function replaceExAnteScores(db: Db, assessmentId: number, scores: readonly StoredExAnteScore[]): Promise<void> {
  await db.deleteFrom('exAnteScore').where('assessmentId', '=', assessmentId).execute();
  for (const part of chunks(scores.map((s) => ({ assessmentId, ...s })))) await db.insertInto('exAnteScore').values(part).execute();
}

export async function insertExAnteEvent(db: Db, assessmentId: number, event: Omit<StoredExAnteEvent, 'id'>): Promise<void> {
  await db.insertInto('exAnteEvent').values({ assessmentId, ...event }).execute();
}

/** An assessment's workflow events, oldest first. */
export async function listExAnteEvents(db: Db, assessmentId: number): Promise<StoredExAnteEvent[]> {
  return db
    .selectFrom('exAnteEvent')
    .select(['id', 'fromStatus', 'toStatus', 'actor', 'actorUserId', 'at', 'comment'])
    .where('assessmentId', '=', assessmentId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** The last return comment of each of these assessments (the reason the department must address). */
export async function lastReturnComments(db: Db, assessmentIds: readonly number[]): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>();
  for (const ids of chunks([...assessmentIds])) {
    const rows = await db
      .selectFrom('exAnteEvent')
      .select(['assessmentId', 'comment', 'at', 'id'])
      .where('assessmentId', 'in', ids)
      .where('toStatus', '=', 'returned')
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const r of rows) out.set(r.assessmentId, r.comment);
  }
  return out;
}
