/**
 * 目标调整 (issue 33, migration 0030): requests to adjust a project's targets and the versions they
 * became. Every function takes the database (or a transaction) first and holds no state; money
 * comes back through `intFromDb`, the rows as the JSON they were stored as.
 */
import type { Selectable } from 'kysely';
import type { TargetRow } from '../../shared/domain/target-adjustment';
import { intFromDb } from './document.repository';
import { chunks } from './rows';
import type { Db, TargetAdjustmentTable } from './schema';

/** A stored request: the schema's row with its rows parsed and its budget as a number of fen. */
export type StoredAdjustment = Omit<Selectable<TargetAdjustmentTable>, 'rows' | 'budgetFen'> & { rows: TargetRow[]; budgetFen: number | null };

function adjustmentOf(r: Selectable<TargetAdjustmentTable>): StoredAdjustment {
  return { ...r, rows: JSON.parse(r.rows) as TargetRow[], budgetFen: intFromDb(r.budgetFen) };
}

/** A new request: the stored one before its id, status and decision. */
export type NewAdjustment = Omit<StoredAdjustment, 'id' | 'status' | 'version' | 'decidedBy' | 'decidedAt' | 'comment' | 'rows'> & { rows: readonly TargetRow[] };

/** Stores a pending request; its id. */
export async function insertAdjustment(db: Db, a: NewAdjustment): Promise<number> {
  const row = await db
    .insertInto('targetAdjustment')
    .values({ ...a, rows: JSON.stringify(a.rows), status: 'pending', version: null, decidedBy: null, decidedAt: null, comment: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One request, or undefined. */
export async function findAdjustment(db: Db, id: number): Promise<StoredAdjustment | undefined> {
  const row = await db.selectFrom('targetAdjustment').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : adjustmentOf(row);
}

/** A project's requests, oldest first. */
export async function listProjectAdjustments(db: Db, projectId: number): Promise<StoredAdjustment[]> {
  return (await db.selectFrom('targetAdjustment').selectAll().where('projectId', '=', projectId).orderBy('id').execute()).map(adjustmentOf);
}

/** The approved adjustments of these projects (their versions 2, 3 …), by version. */
export async function listApprovedAdjustments(db: Db, projectIds: readonly number[]): Promise<StoredAdjustment[]> {
  const out: StoredAdjustment[] = [];
  for (const part of chunks([...new Set(projectIds)])) {
    const rows = await db.selectFrom('targetAdjustment').selectAll().where('projectId', 'in', part).where('status', '=', 'approved').orderBy('projectId').orderBy('version').execute();
    out.push(...rows.map(adjustmentOf));
  }
  return out;
}

/**
 * Requests of these departments (null: every department) in a state — pending, or returned and not
 * asked again since (the project's latest request) — oldest first, with their project's code and name.
 */
export async function listPendingAdjustments(
  db: Db,
  departmentIds: readonly number[] | null,
  status: 'pending' | 'returned' = 'pending',
): Promise<(StoredAdjustment & { projectCode: string | null; projectName: string; departmentName: string })[]> {
  let q = db
    .selectFrom('targetAdjustment')
    .innerJoin('project', 'project.id', 'targetAdjustment.projectId')
    .innerJoin('department', 'department.id', 'targetAdjustment.departmentId')
    .selectAll('targetAdjustment')
    .select(['project.code as projectCode', 'project.name as projectName', 'department.name as departmentName'])
    .where('targetAdjustment.status', '=', status)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('targetAdjustment as later').select('later.id').whereRef('later.projectId', '=', 'targetAdjustment.projectId').whereRef('later.id', '>', 'targetAdjustment.id'))),
    );
  if (departmentIds !== null) {
    if (departmentIds.length === 0) return [];
    q = q.where('targetAdjustment.departmentId', 'in', [...departmentIds]);
  }
  const rows = await q.orderBy('targetAdjustment.id').execute();
  return rows.map(({ projectCode, projectName, departmentName, ...r }) => ({ ...adjustmentOf(r), projectCode, projectName, departmentName }));
}

/**
 * Decides a pending request (approved with its version, or returned); false when it is no longer
 * pending (decided meanwhile).
 */
export async function decideAdjustment(
  db: Db,
  id: number,
  decision: { status: 'approved' | 'returned'; version: number | null; decidedBy: string; decidedAt: string; comment: string | null },
): Promise<boolean> {
  const r = await db.updateTable('targetAdjustment').set(decision).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The indicator ids of these projects, each project's in the order of its indicators (position). */
export async function indicatorIdsOfProjects(db: Db, projectIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const part of chunks([...new Set(projectIds)])) {
    const rows = await db.selectFrom('indicator').select(['id', 'projectId']).where('projectId', 'in', part).orderBy('projectId').orderBy('position').execute();
    for (const r of rows) {
      const list = out.get(r.projectId) ?? [];
      list.push(r.id);
      out.set(r.projectId, list);
    }
  }
  return out;
}

/**
 * The budget in force of a project (migration 0038): the 预算数 and 财政资金 of its latest approved
 * adjustment that set one; null and null while the approved budget is in force.
 */
export async function setBudgetInForce(db: Db, projectId: number, budget: { total: number | null; fiscal: number | null } | null): Promise<void> {
  await db
    .updateTable('project')
    .set({ budgetInForce: budget?.total ?? null, fiscalInForce: budget === null ? null : budget.fiscal })
    .where('id', '=', projectId)
    .execute();
}
