/**
 * The SQL of 审批与公开 (issue 33, migration 0028): the regions' settings per budget year, the 批复
 * batches and the projects they issued. Parameterised Kysely only; the same on SQLite and PostgreSQL.
 */
import type { ApprovalSettings } from '../../shared/domain/approval';
import type { ProjectStatus } from '../../shared/domain/workflow';
import { intFromDb } from './document.repository';
import { chunks } from './rows';
import type { Db } from './schema';

export interface StoredApprovalSetting extends ApprovalSettings {
  regionCode: string;
  year: number;
}

/** The settings rows of these regions for these years. */
export async function listApprovalSettings(db: Db, regionCodes: readonly string[], years: readonly number[]): Promise<StoredApprovalSetting[]> {
  if (regionCodes.length === 0 || years.length === 0) return [];
  const rows = await db
    .selectFrom('approvalSetting')
    .selectAll()
    .where('regionCode', 'in', [...new Set(regionCodes)])
    .where('year', 'in', [...new Set(years)])
    .execute();
  return rows.map((r) => ({
    regionCode: r.regionCode,
    year: r.year,
    exAnteGate: r.exAnteGate === 1,
    budgetChangePerMille: r.budgetChangePerMille,
    publishRequiresIssue: r.publishRequiresIssue === 1,
  }));
}

/** Sets a region's settings for a year (replacing its row), or clears them (null). */
export async function saveApprovalSetting(db: Db, regionCode: string, year: number, settings: ApprovalSettings | null, at: string, by: string): Promise<void> {
  await db.deleteFrom('approvalSetting').where('regionCode', '=', regionCode).where('year', '=', year).execute();
  if (settings === null) return;
  await db
    .insertInto('approvalSetting')
    .values({
      regionCode,
      year,
      exAnteGate: settings.exAnteGate ? 1 : 0,
      budgetChangePerMille: settings.budgetChangePerMille,
      publishRequiresIssue: settings.publishRequiresIssue ? 1 : 0,
      updatedAt: at,
      updatedBy: by,
    })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// 批复 batches

export interface StoredApprovalBatch {
  id: number;
  departmentId: number;
  departmentCode: string | null;
  departmentName: string;
  regionCode: string | null;
  year: number;
  docNumber: string;
  issuedOn: string;
  createdBy: string;
  createdAt: string;
}

export interface ApprovalBatchProjectRow {
  id: number;
  batchId: number;
  code: string | null;
  name: string;
  budgetFen: number | null;
  status: ProjectStatus;
}

function batchesQuery(db: Db) {
  return db
    .selectFrom('approvalBatch as b')
    .innerJoin('department as dep', 'dep.id', 'b.departmentId')
    .select([
      'b.id',
      'b.departmentId',
      'dep.code as departmentCode',
      'dep.name as departmentName',
      'b.regionCode',
      'b.year',
      'b.docNumber',
      'b.issuedOn',
      'b.createdBy',
      'b.createdAt',
    ]);
}

export async function findApprovalBatch(db: Db, id: number): Promise<StoredApprovalBatch | undefined> {
  return batchesQuery(db).where('b.id', '=', id).executeTakeFirst();
}

/** Batches of these departments (null: all), optionally of one year, the latest first. */
export async function listApprovalBatches(db: Db, query: { departmentIds: readonly number[] | null; year?: number | undefined }): Promise<StoredApprovalBatch[]> {
  let q = batchesQuery(db);
  if (query.departmentIds !== null) q = q.where('b.departmentId', 'in', query.departmentIds.length > 0 ? [...query.departmentIds] : [-1]);
  if (query.year !== undefined) q = q.where('b.year', '=', query.year);
  return q.orderBy('b.issuedOn', 'desc').orderBy('b.id', 'desc').limit(500).execute();
}

/** The batch of a region and year with this 文号, if any (the unique index also refuses a second). */
export async function findApprovalBatchByNumber(db: Db, regionCode: string | null, year: number, docNumber: string): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('approvalBatch')
    .select('id')
    .where((eb) => (regionCode === null ? eb('regionCode', 'is', null) : eb('regionCode', '=', regionCode)))
    .where('year', '=', year)
    .where('docNumber', '=', docNumber)
    .executeTakeFirst();
}

export async function insertApprovalBatch(
  db: Db,
  values: { departmentId: number; regionCode: string | null; year: number; docNumber: string; issuedOn: string; createdBy: string; createdAt: string },
): Promise<number> {
  const row = await db.insertInto('approvalBatch').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Issues these projects in a batch: 已审核 → 已批复, the batch noted, the version incremented.
 * Only projects still approved and unissued change; the count of those that did is returned.
 */
export async function issueProjects(db: Db, projectIds: readonly number[], batchId: number, at: string, by: string): Promise<number> {
  let n = 0;
  for (const ids of chunks([...projectIds])) {
    const r = await db
      .updateTable('project')
      .set((eb) => ({ status: 'issued' as const, approvalBatchId: batchId, version: eb('version', '+', 1), updatedAt: at, updatedBy: by }))
      .where('id', 'in', ids)
      .where('status', '=', 'approved')
      .where('approvalBatchId', 'is', null)
      .executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}

/** The projects of these batches, in document order. */
export async function listBatchProjects(db: Db, batchIds: readonly number[]): Promise<ApprovalBatchProjectRow[]> {
  const out: ApprovalBatchProjectRow[] = [];
  for (const ids of chunks([...new Set(batchIds)])) {
    const rows = await db
      .selectFrom('project as p')
      .select(['p.id', 'p.approvalBatchId', 'p.code', 'p.name', 'p.budgetTotal', 'p.status'])
      .where('p.approvalBatchId', 'in', ids)
      .orderBy('p.documentId')
      .orderBy('p.position')
      .execute();
    out.push(...rows.map((r) => ({ id: r.id, batchId: r.approvalBatchId!, code: r.code, name: r.name, budgetFen: intFromDb(r.budgetTotal), status: r.status })));
  }
  return out;
}

/** The 批复 of each of these projects that was issued (batch, 文号, date). */
export async function issuesOfProjects(db: Db, projectIds: readonly number[]): Promise<Map<number, { batchId: number; docNumber: string; issuedOn: string }>> {
  const out = new Map<number, { batchId: number; docNumber: string; issuedOn: string }>();
  for (const ids of chunks([...new Set(projectIds)])) {
    const rows = await db
      .selectFrom('project as p')
      .innerJoin('approvalBatch as b', 'b.id', 'p.approvalBatchId')
      .select(['p.id', 'b.id as batchId', 'b.docNumber', 'b.issuedOn'])
      .where('p.id', 'in', ids)
      .execute();
    for (const r of rows) out.set(r.id, { batchId: r.batchId, docNumber: r.docNumber, issuedOn: r.issuedOn });
  }
  return out;
}
