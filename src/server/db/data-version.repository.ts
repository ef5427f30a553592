/**
 * The data version (migration 0006): a number that rises with every change to the tables cached
 * aggregates are computed from. One single-row read.
 */
import { intFromDb } from './document.repository';
import type { Db } from './schema';

export async function readDataVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('dataVersion').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
  return intFromDb(row.version);
}

/** Moves the data version on, as any change would: every cached aggregate is computed again (benchmarks measure that path). */
export async function bumpDataVersion(db: Db): Promise<void> {
  await db
    .updateTable('dataVersion')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
