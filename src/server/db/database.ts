/**
 * Opening the database. This file is the dialect setup: the only place that knows the database
 * is SQLite. Everything else speaks Kysely's dialect-neutral query builder.
 *
 * PostgreSQL later: add `openPostgresDatabase` here building a `PostgresDialect` (pg Pool) with
 * the same `CamelCasePlugin`, then call `migrateToLatest(db, 'postgres')`. The migrations, the
 * repositories and the services stay as they are.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider, type DialectName } from './migrations/index';
import type { DatabaseSchema, Db } from './schema';

export type { Db } from './schema';

export const DEFAULT_DATABASE_PATH = './data/jixiao.db';

/** The database file to use: `$JIXIAO_DB`, else `./data/jixiao.db` (relative to the cwd). */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.JIXIAO_DB ?? DEFAULT_DATABASE_PATH;
}

/**
 * Opens (creating when missing, parent folder included) a SQLite database and migrates it to the
 * latest schema. `path` may be `:memory:` for a private in-memory database (tests).
 * Async because migrations run through Kysely; close with `closeDatabase`.
 */
export async function openDatabase(opts: { path: string }): Promise<Db> {
  const path = opts.path;
  if (path !== ':memory:' && path !== '' && !path.startsWith('file:')) {
    mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const sqlite = new Database(path);
  try {
    // WAL lets readers go on while one writer writes; a no-op ("memory") for :memory:.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

export async function closeDatabase(db: Db): Promise<void> {
  await db.destroy();
}

/**
 * Runs every pending migration. Migrations use the real snake_case names, so they run on a
 * handle without the CamelCasePlugin.
 */
export async function migrateToLatest(db: Db, dialect: DialectName): Promise<void> {
  const migrator = new Migrator({
    db: db.withoutPlugins(),
    provider: migrationProvider(dialect),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed ?? ''} failed: ${reason}`, { cause: error });
  }
}
