import type { Kysely } from 'kysely';
import { TABLE_NAMES, type Db } from '../../src/server/db/schema';

/** A fresh database of the run's dialect (in-memory SQLite, or a PostgreSQL copy), closed after the test. */
export { useTestDatabase } from '../support/test-database';

/** Every row of every table, for comparing the whole database before and after. */
export async function snapshotDatabase(db: Db): Promise<Record<string, unknown[]>> {
  const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const snapshot: Record<string, unknown[]> = {};
  for (const table of TABLE_NAMES) {
    const rows = await any.selectFrom(table).selectAll().execute();
    snapshot[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return snapshot;
}

/**
 * Row counts of every table, counted by the database: reading and sorting every row to count them
 * (as snapshotDatabase does) grew with the database, and the fuzz test counts 2,000 times on one
 * that fills up (issue 38).
 */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const counts: Record<string, number> = {};
  for (const table of TABLE_NAMES) {
    const { n } = await any.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(n);
  }
  return counts;
}
