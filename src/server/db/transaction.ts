import type { Db } from './schema';

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one: a service's writes
 * are one transaction on their own and part of the caller's when called from another service.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
