/**
 * All SQL of the submitted self-evaluations (自评复核, issue 59; migration 0041): storing a table as read and
 * checked, the stored project it belongs to, the 复核 list of a year and region, one table, the reviewer's
 * conclusion. Every function takes the database (or a transaction) first and holds no state.
 */
import type { Insertable, Selectable } from 'kysely';
import { subtreeRange } from '../../shared/domain/region';
import { intFromDb } from './document.repository';
import type { Db, SubmittedSelfEvaluationTable } from './schema';

export type SubmittedSelfEvaluationRow = Omit<Selectable<SubmittedSelfEvaluationTable>, 'budgetFull'> & { budgetFull: number | null; ownHundredths: number | null; ownGrade: string | null; departmentName: string | null };
export type NewSubmittedSelfEvaluation = Omit<Insertable<SubmittedSelfEvaluationTable>, 'id'>;

/**
 * The stored project a table belongs to: by its code (and year), else by its name, year and unit; a current document's,
 * of a department within `region`'s subtree (issue 72: an upload is matched inside its uploader's regions; null: the
 * whole installation).
 */
export async function findSubmittedProject(
  db: Db,
  key: { code: string | null; name: string; units: readonly string[]; year: number | null; region: string | null },
): Promise<{ projectId: number; departmentId: number | null; regionCode: string | null } | undefined> {
  let base = db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .leftJoin('department', 'department.id', 'document.departmentId')
    .select(['project.id as projectId', 'document.departmentId as departmentId', 'department.regionCode as regionCode'])
    .where('document.isCurrent', '=', 1)
    .orderBy('project.id');
  if (key.region !== null) {
    const { lo, hi } = subtreeRange(key.region);
    base = base.where('department.regionCode', '>=', lo).where('department.regionCode', '<=', hi);
  }
  const inYear = <Q extends typeof base>(q: Q) => (key.year === null ? q : (q.where('project.documentYear', '=', key.year) as Q));
  if (key.code !== null) {
    const byCode = await inYear(base.where('project.code', '=', key.code)).executeTakeFirst();
    if (byCode) return byCode;
  }
  if (key.units.length === 0) return undefined;
  const units = [...key.units];
  return inYear(base.where('project.name', '=', key.name))
    .where((eb) => eb.or([eb('department.name', 'in', units), eb('project.departmentName', 'in', units)]))
    .executeTakeFirst();
}

/**
 * The table already stored from the same file within `region`'s subtree (null: anywhere), the one an uploader of that
 * region would be told is `unchanged` (issue 72: a table outside its regions is not there for it).
 */
export async function findSameTable(db: Db, key: { sha256: string; tableNumber: number; region: string | null }): Promise<number | undefined> {
  let q = db.selectFrom('submittedSelfEvaluation').select(['id']).where('sha256', '=', key.sha256).where('tableNumber', '=', key.tableNumber);
  if (key.region !== null) {
    const { lo, hi } = subtreeRange(key.region);
    q = q.where('regionCode', '>=', lo).where('regionCode', '<=', hi);
  }
  return (await q.orderBy('id').executeTakeFirst())?.id;
}

/**
 * The same project, unit and year's earlier table in the region the new one is stored in (`regionCode`: its matched
 * project's, else its uploader's; null: a table of the whole installation matched to nothing), which it replaces.
 */
export async function findEarlierTable(db: Db, key: { projectName: string; unitName: string | null; year: number | null; regionCode: string | null }): Promise<number | undefined> {
  let q = db.selectFrom('submittedSelfEvaluation').select(['id']).where('projectName', '=', key.projectName);
  q = key.unitName === null ? q.where('unitName', 'is', null) : q.where('unitName', '=', key.unitName);
  q = key.year === null ? q.where('year', 'is', null) : q.where('year', '=', key.year);
  q = key.regionCode === null ? q.where('regionCode', 'is', null) : q.where('regionCode', '=', key.regionCode);
  return (await q.orderBy('id', 'desc').executeTakeFirst())?.id;
}

export async function insertSubmittedSelfEvaluation(db: Db, row: NewSubmittedSelfEvaluation): Promise<number> {
  const inserted = await db.insertInto('submittedSelfEvaluation').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** A later table of the same project replaces the earlier one's content; the conclusion, about the other table, is cleared. */
export async function replaceSubmittedSelfEvaluation(db: Db, id: number, row: NewSubmittedSelfEvaluation): Promise<void> {
  await db
    .updateTable('submittedSelfEvaluation')
    .set({ ...row, conclusion: null, conclusionScoreHundredths: null, conclusionComment: null, concludedBy: null, concludedAt: null })
    .where('id', '=', id)
    .execute();
}

function fromDb(r: Selectable<SubmittedSelfEvaluationTable> & { ownHundredths: number | null; ownGrade: string | null; departmentName: string | null }): SubmittedSelfEvaluationRow {
  return { ...r, budgetFull: r.budgetFull === null ? null : intFromDb(r.budgetFull) };
}

function selectRows(db: Db) {
  return db
    .selectFrom('submittedSelfEvaluation')
    .leftJoin('selfEvaluation', 'selfEvaluation.projectId', 'submittedSelfEvaluation.projectId')
    .leftJoin('department', 'department.id', 'submittedSelfEvaluation.departmentId')
    .selectAll('submittedSelfEvaluation')
    .select(['selfEvaluation.totalHundredths as ownHundredths', 'selfEvaluation.grade as ownGrade', 'department.name as departmentName']);
}

/**
 * The tables of a year, of a region's subtree (null: all; a table matched to no project has no region and is seen
 * only without one), those whose self-score stands farthest from the recomputed one first.
 */
export async function listSubmittedSelfEvaluations(db: Db, year: number, region: string | null): Promise<SubmittedSelfEvaluationRow[]> {
  let q = selectRows(db).where('submittedSelfEvaluation.year', '=', year);
  if (region !== null) {
    const { lo, hi } = subtreeRange(region);
    q = q.where('submittedSelfEvaluation.regionCode', '>=', lo).where('submittedSelfEvaluation.regionCode', '<=', hi);
  }
  const rows = await q.orderBy('submittedSelfEvaluation.id').execute();
  return rows.map(fromDb);
}

export async function getSubmittedSelfEvaluation(db: Db, id: number): Promise<SubmittedSelfEvaluationRow | undefined> {
  const row = await selectRows(db).where('submittedSelfEvaluation.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : fromDb(row);
}

export async function setSubmittedConclusion(
  db: Db,
  id: number,
  conclusion: Pick<SubmittedSelfEvaluationTable, 'conclusion' | 'conclusionScoreHundredths' | 'conclusionComment' | 'concludedBy' | 'concludedAt'>,
): Promise<void> {
  await db.updateTable('submittedSelfEvaluation').set(conclusion).where('id', '=', id).execute();
}
