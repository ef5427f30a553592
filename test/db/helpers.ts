import type { Kysely } from 'kysely';
import { onTestFinished } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { TABLE_NAMES, type Db } from '../../src/server/db/schema';

/** A fresh in-memory database, closed after the test. */
export async function useTestDatabase(): Promise<Db> {
  const db = await openDatabase({ path: ':memory:' });
  onTestFinished(() => closeDatabase(db));
  return db;
}

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

/** Row counts of every table. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const snapshot = await snapshotDatabase(db);
  return Object.fromEntries(Object.entries(snapshot).map(([t, rows]) => [t, rows.length]));
}
