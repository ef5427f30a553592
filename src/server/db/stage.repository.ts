/**
 * All SQL of the year's stages (issue 33, migration 0027): the stage rows, the departments a stage
 * applies to, and the counts its states are derived from (shared/domain/stages.ts), per department
 * of the stage's region subtree in one grouped query per kind.
 */
import type { Selectable } from 'kysely';
import { STAGE_KINDS, type StageFacts, type StageKind } from '../../shared/domain/stages';
import { DECLARED_STATUSES, MONITORED_STATUSES } from '../../shared/domain/workflow';
import { intFromDb } from './document.repository';
import { departmentsWithin } from './region.repository';
import type { Db, StageTable } from './schema';

/** A stage as stored (schema.ts StageTable), its kind one of STAGE_KINDS. */
export type StoredStage = Omit<StageRow, 'kind'> & { kind: StageKind };

type StageRow = Selectable<StageTable>;

function toStage(row: StageRow): StoredStage {
  if (!(STAGE_KINDS as readonly string[]).includes(row.kind)) throw new Error(`stage ${row.id}: unknown kind ${row.kind}`);
  return { ...row, kind: row.kind as StageKind };
}

export type NewStage = Omit<StoredStage, 'id' | 'closedAt'>;

export async function insertStage(db: Db, stage: NewStage): Promise<number> {
  const row = await db.insertInto('stage').values({ ...stage, closedAt: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findStage(db: Db, id: number): Promise<StoredStage | undefined> {
  const row = await db.selectFrom('stage').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStage(row) : undefined;
}

export async function updateStage(db: Db, id: number, patch: Partial<Pick<StoredStage, 'label' | 'opensOn' | 'dueOn' | 'closedAt' | 'updatedAt'>>): Promise<void> {
  await db.updateTable('stage').set(patch).where('id', '=', id).execute();
}

/** The stages of a year (every region's: a few per region), by due date; the caller keeps those that apply. */
export async function listStagesOfYear(db: Db, year: number): Promise<StoredStage[]> {
  const rows = await db.selectFrom('stage').selectAll().where('year', '=', year).orderBy('dueOn').orderBy('id').execute();
  return rows.map(toStage);
}

/** The stages not closed, of every year, by due date; `dueBefore`: only those due before that day. */
export async function listOpenStages(db: Db, filter: { dueBefore?: string } = {}): Promise<StoredStage[]> {
  let q = db.selectFrom('stage').selectAll().where('closedAt', 'is', null);
  if (filter.dueBefore !== undefined) q = q.where('dueOn', '<', filter.dueBefore);
  const rows = await q.orderBy('dueOn').orderBy('id').execute();
  return rows.map(toStage);
}

export interface StageDepartmentRow {
  id: number;
  code: string | null;
  name: string;
  regionCode: string | null;
  parentDepartmentId: number | null;
}

/** The departments of a region's subtree (null: every department), by name. */
export async function listDepartmentsWithin(db: Db, region: string | null): Promise<StageDepartmentRow[]> {
  let q = db.selectFrom('department').select(['id', 'code', 'name', 'regionCode', 'parentDepartmentId']);
  if (region !== null) q = q.where('id', 'in', departmentsWithin(db, region));
  return q.orderBy('name').orderBy('id').execute();
}

type Count = number | string | bigint;

function factsOf(rows: readonly { departmentId: number | null; total: Count; done: Count | null; started: Count | null }[]): Map<number, StageFacts> {
  const out = new Map<number, StageFacts>();
  for (const r of rows) {
    if (r.departmentId === null) continue;
    out.set(r.departmentId, { total: intFromDb(r.total), done: intFromDb(r.done ?? 0), started: intFromDb(r.started ?? 0) });
  }
  return out;
}

/** Projects of current documents of the year, of the departments of a region's subtree (null: all). */
function projectsOfYear(db: Db, year: number, region: string | null) {
  let q = db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .where('document.isCurrent', '=', 1)
    .where((eb) => eb(eb.fn.coalesce('project.year', 'document.year'), '=', year))
    .where('document.departmentId', 'is not', null);
  if (region !== null) q = q.where('document.departmentId', 'in', departmentsWithin(db, region));
  return q;
}

/** 申报: per department, its projects of the year and those submitted or further. */
export async function countDeclared(db: Db, year: number, region: string | null): Promise<Map<number, StageFacts>> {
  const rows = await projectsOfYear(db, year, region)
    .select((eb) => [
      'document.departmentId',
      eb.fn.countAll<Count>().as('total'),
      eb.fn.sum<Count>(eb.case().when('project.status', 'in', [...DECLARED_STATUSES]).then(1).else(0).end()).as('done'),
      eb.fn.sum<Count>(eb.case().when('project.status', 'in', [...DECLARED_STATUSES]).then(1).else(0).end()).as('started'),
    ])
    .groupBy('document.departmentId')
    .execute();
  // a department with projects has begun its declaration even when none is submitted yet
  return new Map([...factsOf(rows)].map(([id, f]) => [id, { ...f, started: f.total }]));
}

/** 监控: per department, its monitored projects of the year and those with a record of the round. */
export async function countMonitored(db: Db, year: number, asOf: string, region: string | null): Promise<Map<number, StageFacts>> {
  const rows = await projectsOfYear(db, year, region)
    .leftJoin('executionRecord', (join) => join.onRef('executionRecord.projectId', '=', 'project.id').on('executionRecord.asOf', '=', asOf))
    .where('project.status', 'in', [...MONITORED_STATUSES])
    .select((eb) => ['document.departmentId', eb.fn.countAll<Count>().as('total'), eb.fn.count<Count>('executionRecord.id').as('done'), eb.fn.count<Count>('executionRecord.id').as('started')])
    .groupBy('document.departmentId')
    .execute();
  return factsOf(rows);
}

/** 自评: per department, its monitored projects of the year and those with a saved self-evaluation. */
export async function countSelfEvaluated(db: Db, year: number, region: string | null): Promise<Map<number, StageFacts>> {
  const rows = await projectsOfYear(db, year, region)
    .leftJoin('selfEvaluation', 'selfEvaluation.projectId', 'project.id')
    .where('project.status', 'in', [...MONITORED_STATUSES])
    .select((eb) => ['document.departmentId', eb.fn.countAll<Count>().as('total'), eb.fn.count<Count>('selfEvaluation.id').as('done'), eb.fn.count<Count>('selfEvaluation.id').as('started')])
    .groupBy('document.departmentId')
    .execute();
  return factsOf(rows);
}

/** 整改: per department, its items on projects of the year, those no longer open, those begun (not 待整改). */
export async function countRectified(db: Db, year: number, region: string | null): Promise<Map<number, StageFacts>> {
  let q = db
    .selectFrom('rectificationItem')
    .innerJoin('project', 'project.id', 'rectificationItem.projectId')
    .innerJoin('document', 'document.id', 'project.documentId')
    .where((eb) => eb(eb.fn.coalesce('project.year', 'document.year'), '=', year));
  if (region !== null) q = q.where('rectificationItem.departmentId', 'in', departmentsWithin(db, region));
  const rows = await q
    .select((eb) => [
      'rectificationItem.departmentId',
      eb.fn.countAll<Count>().as('total'),
      eb.fn.sum<Count>(eb.case().when('rectificationItem.status', 'in', ['done', 'closed']).then(1).else(0).end()).as('done'),
      eb.fn.sum<Count>(eb.case().when('rectificationItem.status', '!=', 'pending').then(1).else(0).end()).as('started'),
    ])
    .groupBy('rectificationItem.departmentId')
    .execute();
  return factsOf(rows);
}

/**
 * The accounts a notice to each department reaches: its editors, and the supervisors of its
 * 主管部门 (if it has one); disabled accounts none.
 */
export async function recipientsOf(db: Db, departmentIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(departmentIds.map((id) => [id, []]));
  if (departmentIds.length === 0) return out;
  const editors = await db
    .selectFrom('appUser')
    .select(['id', 'departmentId'])
    .where('role', '=', 'editor')
    .where('disabled', '=', 0)
    .where('departmentId', 'in', [...departmentIds])
    .orderBy('id')
    .execute();
  for (const e of editors) out.get(e.departmentId!)?.push(e.id);
  const supervisors = await db
    .selectFrom('department')
    .innerJoin('appUser', 'appUser.departmentId', 'department.parentDepartmentId')
    .select(['department.id as departmentId', 'appUser.id as userId'])
    .where('department.id', 'in', [...departmentIds])
    .where('appUser.role', '=', 'supervisor')
    .where('appUser.disabled', '=', 0)
    .orderBy('appUser.id')
    .execute();
  for (const s of supervisors) out.get(s.departmentId)?.push(s.userId);
  return out;
}

/** The counts a stage's states are derived from, per department of its region's subtree (a department without rows: none). */
export async function countStageFacts(db: Db, stage: Pick<StoredStage, 'kind' | 'year' | 'roundAsOf' | 'regionCode'>): Promise<Map<number, StageFacts>> {
  switch (stage.kind) {
    case 'declaration':
      return countDeclared(db, stage.year, stage.regionCode);
    case 'monitoring':
      return countMonitored(db, stage.year, stage.roundAsOf ?? '', stage.regionCode);
    case 'self-evaluation':
      return countSelfEvaluated(db, stage.year, stage.regionCode);
    case 'rectification':
      return countRectified(db, stage.year, stage.regionCode);
  }
}
