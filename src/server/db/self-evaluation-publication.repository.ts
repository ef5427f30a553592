/**
 * All SQL of the kept publications of self-evaluations (migration 0043, issue 71): a project's self-evaluation as it
 * was published, kept when an approved 目标调整 would re-score it, and where its re-scored successor stands.
 */
import type { Insertable, Selectable } from 'kysely';
import { chunks } from './rows';
import type { Db, SelfEvaluationPublicationTable } from './schema';

export type StoredPublication = Selectable<SelfEvaluationPublicationTable>;

/** A project's kept publication, if any. */
export async function findPublication(db: Db, projectId: number): Promise<StoredPublication | undefined> {
  return db.selectFrom('selfEvaluationPublication').selectAll().where('projectId', '=', projectId).executeTakeFirst();
}

/** The kept publications of these projects, by project. */
export async function listPublications(db: Db, projectIds: readonly number[]): Promise<Map<number, StoredPublication>> {
  const out = new Map<number, StoredPublication>();
  for (const ids of chunks(projectIds)) {
    if (ids.length === 0) continue;
    for (const row of await db.selectFrom('selfEvaluationPublication').selectAll().where('projectId', 'in', ids).execute()) out.set(row.projectId, row);
  }
  return out;
}

/** Keeps a project's published result (replacing an earlier record, an accepted one). */
export async function keepPublication(db: Db, row: Insertable<SelfEvaluationPublicationTable>): Promise<void> {
  await db.deleteFrom('selfEvaluationPublication').where('projectId', '=', row.projectId).execute();
  await db.insertInto('selfEvaluationPublication').values(row).execute();
}

/** Moves a kept publication on: a new version to re-score against, the unit's confirmation, the 绩效科's acceptance. */
export async function updatePublication(
  db: Db,
  projectId: number,
  patch: Partial<Pick<SelfEvaluationPublicationTable, 'newVersion' | 'adjustmentId' | 'status' | 'submittedAt' | 'submittedBy' | 'acceptedAt' | 'acceptedBy'>>,
): Promise<void> {
  await db.updateTable('selfEvaluationPublication').set(patch).where('projectId', '=', projectId).execute();
}
