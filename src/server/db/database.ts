/**
 * Opening the database. This file is the dialect setup: the only place that knows which database
 * is behind the handle. Everything else speaks Kysely's dialect-neutral query builder.
 *
 * Two setups, one schema and one set of queries:
 * - SQLite (better-sqlite3), a file or `:memory:`: the default, zero set-up.
 * - PostgreSQL (a `pg` Pool behind Kysely's `PostgresDialect`), chosen by a `postgres://` URL,
 *   normally `DATABASE_URL`. int8 and numeric come back as strings (pg's default, made explicit
 *   below so that nothing global can change it): exact, and read through `intFromDb`.
 * Both get the same `CamelCasePlugin` and run the same migrations (`migrateToLatest`) on open,
 * and on both transactions run one at a time (see OneTransactionAtATimePostgresDialect).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  DEFAULT_MIGRATION_TABLE,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  sql,
  SqliteDialect,
  type Driver,
  type MigrationResultSet,
} from 'kysely';
import type pg from 'pg';
import { getMigrations, migrationProvider, type DialectName } from './migrations/index';
import type { DatabaseSchema, Db } from './schema';

export type { Db } from './schema';
export type { DialectName } from './migrations/index';

export const DEFAULT_DATABASE_PATH = './data/jixiao.db';

/** Where the data lives: a SQLite file (or `:memory:`) or a PostgreSQL server. */
export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

/** The SQLite file to use: `$JIXIAO_DB`, else `./data/jixiao.db` (relative to the cwd). */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.JIXIAO_DB ?? DEFAULT_DATABASE_PATH;
}

/** `postgres://…` or `postgresql://…` */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}

/**
 * The database a command uses: `--db` (a file, or a postgres:// URL) when given, else
 * `$DATABASE_URL` (PostgreSQL), else `$JIXIAO_DB` or `./data/jixiao.db` (SQLite). Throws when
 * DATABASE_URL is set to something other than a PostgreSQL URL.
 */
export function configuredDatabase(opts: { db?: string } = {}, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (opts.db !== undefined && opts.db !== '') {
    return isPostgresUrl(opts.db) ? { dialect: 'postgres', url: opts.db } : { dialect: 'sqlite', path: opts.db };
  }
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    if (!isPostgresUrl(url)) {
      throw new Error(`DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:port/database), got "${url.split('://')[0]}://…"; for SQLite use --db or JIXIAO_DB`);
    }
    return { dialect: 'postgres', url };
  }
  return { dialect: 'sqlite', path: defaultDatabasePath(env) };
}

/** For people: "SQLite ./data/jixiao.db", "PostgreSQL postgres://jixiao:***@db:5432/jixiao". */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return `SQLite ${target.path}`;
  try {
    const url = new URL(target.url);
    if (url.password !== '') url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/** Opens the database `configuredDatabase` names (see there), migrated. */
export async function openConfiguredDatabase(opts: { db?: string } = {}, env: NodeJS.ProcessEnv = process.env): Promise<Db> {
  return openDatabase(configuredDatabase(opts, env));
}

export interface PostgresOptions {
  url: string;
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
}

/**
 * Opens a database and migrates it to the latest schema. `{ path }` is SQLite: created when
 * missing (parent folder included); `:memory:` gives a private in-memory database. `{ url }`
 * (or a target with dialect 'postgres') is PostgreSQL: the database must exist.
 * Async because migrations run through Kysely; close with `closeDatabase`.
 */
export async function openDatabase(opts: { path: string } | { image: Buffer } | PostgresOptions | DatabaseTarget): Promise<Db> {
  if ('url' in opts) return openPostgresDatabase(opts);
  if ('image' in opts) return openSqliteDatabase(opts.image);
  return openSqliteDatabase(opts.path);
}

/** The raw connection of each SQLite handle, for sqliteImage. */
const sqliteConnections = new WeakMap<Db, Database.Database>();

/**
 * The bytes of an open SQLite database (sqlite3_serialize): `openDatabase({ image })` opens a
 * private in-memory copy of them. The tests migrate one template per process and copy it for each
 * test instead of running every migration again (issue 38).
 */
export function sqliteImage(db: Db): Buffer {
  const sqlite = sqliteConnections.get(db);
  if (sqlite === undefined) throw new Error('sqliteImage: not a SQLite handle opened by openDatabase');
  return sqlite.serialize();
}

/** How long a SQLite connection waits for another's write lock. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

async function openSqliteDatabase(path: string | Buffer): Promise<Db> {
  if (typeof path === 'string' && path !== ':memory:' && path !== '' && !path.startsWith('file:')) {
    mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  // Waits up to 5 s for another process's write lock (a migration, an import) instead of failing.
  const sqlite = new Database(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    // WAL lets readers go on while one writer writes; a no-op ("memory") for :memory:.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  keepStatementsPrepared(sqlite);
  const db = new Kysely<DatabaseSchema>({
    dialect: new RollbackOnlyWhatIsOpenSqliteDialect({ database: sqlite }, sqlite),
    plugins: [new CamelCasePlugin()],
  });
  sqliteConnections.set(db, sqlite);
  return migrated(db, 'sqlite');
}

/**
 * SQLite ends a transaction by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM …): Kysely's ROLLBACK then
 * failed with "cannot rollback - no transaction is active", and that error replaced the one that said what happened
 * (issue 72: a full disk was logged as a failed rollback). The driver rolls back only a transaction still open.
 */
class RollbackOnlyWhatIsOpenSqliteDialect extends SqliteDialect {
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly sqlite: Database.Database,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const sqlite = this.sqlite;
    return {
      init: () => driver.init(),
      acquireConnection: () => driver.acquireConnection(),
      beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
      commitTransaction: (connection) => driver.commitTransaction(connection),
      rollbackTransaction: async (connection) => {
        if (sqlite.inTransaction) await driver.rollbackTransaction(connection);
      },
      savepoint: (connection, name, compile) => driver.savepoint!(connection, name, compile),
      rollbackToSavepoint: (connection, name, compile) => driver.rollbackToSavepoint!(connection, name, compile),
      releaseSavepoint: (connection, name, compile) => driver.releaseSavepoint!(connection, name, compile),
      releaseConnection: (connection) => driver.releaseConnection(connection),
      destroy: () => driver.destroy(),
    };
  }
}

/** Statements a SQLite connection keeps prepared at most (the oldest goes first). */
const SQLITE_PREPARED = 500;

/**
 * Kysely's SQLite driver prepares every statement it runs, and preparing (parsing and planning)
 * cost as much as running the import's INSERTs (bench:import's profile). The connection keeps the
 * statements it prepared, by their text, and gives the same one back: SQLite re-prepares a kept
 * statement by itself when the schema changed. Safe because every statement runs to completion
 * before the next one starts (one connection, run(), all(); the application streams no query).
 */
function keepStatementsPrepared(sqlite: Database.Database): void {
  const kept = new Map<string, Database.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let stmt = kept.get(source);
    if (stmt === undefined) {
      stmt = prepare(source);
      if (kept.size >= SQLITE_PREPARED) kept.delete(kept.keys().next().value!);
      kept.set(source, stmt);
    }
    return stmt;
  }) as typeof sqlite.prepare;
}

/** pg's type ids of int8 (bigint, count(*), sum(int)) and numeric (sum(bigint), avg). */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

async function openPostgresDatabase(opts: PostgresOptions): Promise<Db> {
  // Loaded only for PostgreSQL: a SQLite server does not carry the driver's code.
  const { default: pgDriver } = await import('pg');
  const pool = new pgDriver.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    application_name: 'jixiao',
    // Exact text for 64-bit integers and numerics, whatever pg.types says globally: money in fen
    // goes through intFromDb, which refuses anything beyond 2^53 instead of rounding it.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => value : pgDriver.types.getTypeParser(oid, format)) as typeof pgDriver.types.getTypeParser,
    },
  });
  // An idle connection that the server drops (restart, a database dropped under it) must not
  // crash the process; the next query gets a new connection or a proper error.
  pool.on('error', () => {});
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot connect to ${describeDatabase({ dialect: 'postgres', url: opts.url })}: ${reason}`, { cause: error });
  }
  const db = new Kysely<DatabaseSchema>({
    dialect: new OneTransactionAtATimePostgresDialect({ pool: preparingPool(pool) }),
    plugins: [new CamelCasePlugin()],
  });
  return migrated(db, 'postgres');
}

/** Statements a connection keeps prepared at most; later ones run unnamed (parsed and planned each time). */
const PREPARED_PER_CONNECTION = 500;
/** Longer statements (multi-row INSERTs, long IN lists) are not worth keeping. */
const PREPARED_MAX_LENGTH = 4000;

/**
 * The pool as Kysely sees it, its connections running SELECTs as named prepared statements:
 * PostgreSQL parses and plans each text once per connection instead of once per query. Each
 * request of the web application runs a handful of small SELECTs (session, state, rows), so
 * parsing and planning were a large part of the server's work. Only SELECTs (what a migration
 * could change under a prepared INSERT is not worth the risk) of up to PREPARED_MAX_LENGTH
 * characters, at most PREPARED_PER_CONNECTION per connection.
 */
function preparingPool(pool: pg.Pool): pg.Pool {
  // (a statement written as a template may start with a line break and indentation)
  const SELECT = /^\s*select\s/i;
  const prepared = new WeakSet<pg.PoolClient>();
  let serial = 0;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<pg.PoolClient> | undefined;
  pool.connect = (async (...args: unknown[]) => {
    // The callback form (pool.query uses it) is left as it is.
    if (args.length > 0) return connect(...args);
    const client = (await connect())!;
    if (!prepared.has(client)) {
      prepared.add(client);
      const names = new Map<string, string>();
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      client.query = ((text: unknown, ...rest: unknown[]) => {
        if (typeof text !== 'string' || rest.length !== 1 || !SELECT.test(text) || text.length > PREPARED_MAX_LENGTH) return query(text, ...rest);
        let name = names.get(text);
        if (name === undefined && names.size < PREPARED_PER_CONNECTION) names.set(text, (name = `jixiao_${++serial}`));
        return name === undefined ? query(text, ...rest) : query({ name, text, values: rest[0] });
      }) as typeof client.query;
    }
    return client;
  }) as typeof pool.connect;
  return pool;
}

/** The advisory lock every transaction takes on PostgreSQL ("jixiao" in ASCII). */
export const TRANSACTION_LOCK_KEY = 0x6a6978696a6fn;

/**
 * Transactions run one at a time, as on SQLite. SQLite has one writer, so a transaction that
 * reads, decides and writes (is there a current document for this department and year? is this
 * username taken? is there a round for this date?) never meets another one. PostgreSQL runs them
 * side by side (READ COMMITTED): two such transactions would both decide "no" and one would then
 * fail on a unique index — a 500 instead of a replacement or a 409. So every transaction starts by
 * taking one transaction-level advisory lock (released at commit or rollback). Reads outside a
 * transaction still run in parallel. A finer lock per entity can replace this when write
 * concurrency matters more than it does for a budget office.
 */
class OneTransactionAtATimePostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const lock = CompiledQuery.raw(`select pg_advisory_xact_lock(${TRANSACTION_LOCK_KEY})`);
    return {
      init: () => driver.init(),
      acquireConnection: () => driver.acquireConnection(),
      beginTransaction: async (connection, settings) => {
        await driver.beginTransaction(connection, settings);
        await connection.executeQuery(lock);
      },
      commitTransaction: (connection) => driver.commitTransaction(connection),
      rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
      savepoint: (connection, name, compile) => driver.savepoint!(connection, name, compile),
      rollbackToSavepoint: (connection, name, compile) => driver.rollbackToSavepoint!(connection, name, compile),
      releaseSavepoint: (connection, name, compile) => driver.releaseSavepoint!(connection, name, compile),
      releaseConnection: (connection) => driver.releaseConnection(connection),
      destroy: () => driver.destroy(),
    };
  }
}

async function migrated(db: Db, dialect: DialectName): Promise<Db> {
  try {
    await migrateToLatest(db, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** Which of the two setups a handle (or transaction) runs on. */
export function dialectOf(db: Db): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export async function closeDatabase(db: Db): Promise<void> {
  await db.destroy();
}

/**
 * Runs every pending migration, all of them and their bookkeeping (the kysely_migration rows) in
 * one transaction: a process killed at any moment leaves the database as it was before the run or
 * fully migrated, never in between, and the next open migrates it. Two processes opening a
 * database at once migrate it once: the second waits for the first and finds nothing pending.
 *
 * - PostgreSQL: Kysely's Migrator already does both (a session advisory lock, then one
 *   transaction for the pending migrations).
 * - SQLite: the Migrator runs migrations without a transaction (its adapter does not claim
 *   transactional DDL, which SQLite has), so the whole run goes inside BEGIN IMMEDIATE: the
 *   database's write lock, taken before anything is read. A database with nothing pending is
 *   recognised first without taking that lock, so opening one never waits for another writer.
 *
 * Migrations use the real snake_case names, so they run on a handle without the CamelCasePlugin.
 * Returns the names of the migrations this call applied.
 */
export async function migrateToLatest(db: Db, dialect: DialectName): Promise<string[]> {
  const raw = db.withoutPlugins();
  const migrator = new Migrator({ db: raw, provider: migrationProvider(dialect) });
  const run = () => migrator.migrateToLatest();
  let outcome: MigrationResultSet;
  if (dialect === 'postgres') outcome = await run();
  else if (!(await sqliteHasPendingMigrations(raw, dialect))) return [];
  else outcome = await inSqliteWriteTransaction(raw, run);
  const { error, results } = outcome;
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Whether a SQLite database lacks any migration (read without a lock: a hint, checked again under it). */
async function sqliteHasPendingMigrations(db: Kysely<any>, dialect: DialectName): Promise<boolean> {
  const table = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${DEFAULT_MIGRATION_TABLE}`.execute(db);
  if (table.rows[0]!.n === 0) return true;
  const done = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
  const executed = new Set(done.rows.map((r) => r.name));
  return Object.keys(getMigrations(dialect)).some((name) => !executed.has(name));
}

/**
 * `work` inside BEGIN IMMEDIATE … COMMIT on SQLite's one connection; rolled back when it throws or
 * reports an error. SQLite's DDL is transactional, so the schema changes roll back with the rest.
 */
async function inSqliteWriteTransaction(db: Kysely<any>, work: () => Promise<MigrationResultSet>): Promise<MigrationResultSet> {
  await sql`begin immediate`.execute(db);
  let outcome: MigrationResultSet;
  try {
    outcome = await work();
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
  await sql.raw(outcome.error === undefined ? 'commit' : 'rollback').execute(db);
  return outcome;
}
