/**
 * A data version: one row whose number goes up whenever a table that cached aggregates read
 * changes (a trigger on each), so that a cache can tell, with one single-row read, whether what
 * it holds is still right — whoever wrote: this server, another server process, or the CLI
 * importing into the same database. See modules/cache/aggregate-cache.ts.
 *
 * SQLite has only row-level triggers (one UPDATE of the single row per changed row, inside the
 * writer's transaction); PostgreSQL gets statement-level ones, so a bulk INSERT bumps it once.
 * On PostgreSQL the bump also holds the row's lock until commit: writers already run one at a
 * time (database.ts), so this serialises nothing new.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './index';

/** The tables whose changes invalidate cached aggregates. Add a table when an aggregate starts reading it. */
export const VERSIONED_TABLES = [
  'department',
  'document',
  'project',
  'project_finding_category',
  'execution_record',
  'execution_indicator',
  'self_evaluation',
  'self_evaluation_indicator',
] as const;

const OPERATIONS = ['insert', 'update', 'delete'] as const;

export function dataVersionMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('data_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('data_version').values({ id: 1, version: 1 }).execute();
      if (dialect === 'postgres') {
        await sql`create function bump_data_version() returns trigger language plpgsql as $$
          begin update data_version set version = version + 1 where id = 1; return null; end $$`.execute(db);
      }
      for (const table of VERSIONED_TABLES) await addVersionTriggers(db, dialect, table);
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const table of VERSIONED_TABLES) await dropVersionTriggers(db, dialect, table);
      if (dialect === 'postgres') await sql`drop function bump_data_version()`.execute(db);
      await db.schema.dropTable('data_version').execute();
    },
  };
}

/**
 * The triggers that move the data version on at every change of `table` (a statement-level one on
 * PostgreSQL, one per operation on SQLite, which has only row-level triggers); for the tables
 * versioned after 0006 too.
 */
export async function addVersionTriggers(db: Kysely<any>, dialect: DialectName, table: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql`create trigger ${sql.id(`${table}_data_version`)} after insert or update or delete or truncate on ${sql.id(table)}
      for each statement execute function bump_data_version()`.execute(db);
    return;
  }
  for (const op of OPERATIONS) {
    await sql`create trigger ${sql.id(`${table}_${op}_data_version`)} after ${sql.raw(op)} on ${sql.id(table)}
      begin update data_version set version = version + 1 where id = 1; end`.execute(db);
  }
}

/** Drops what addVersionTriggers made (dropping the table drops them too). */
export async function dropVersionTriggers(db: Kysely<any>, dialect: DialectName, table: string): Promise<void> {
  if (dialect === 'postgres') await sql`drop trigger ${sql.id(`${table}_data_version`)} on ${sql.id(table)}`.execute(db);
  else for (const op of OPERATIONS) await sql`drop trigger ${sql.id(`${table}_${op}_data_version`)}`.execute(db);
}
