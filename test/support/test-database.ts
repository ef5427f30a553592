/**
 * The one way tests get a database: a fresh, isolated, migrated database per call, on the dialect
 * the run is for.
 *
 * - `JIXIAO_TEST_DB` unset or `sqlite`: a private in-memory SQLite database, a copy of a template
 *   migrated once per worker process (sqliteTemplate).
 * - `JIXIAO_TEST_DB=postgres` with `JIXIAO_TEST_DATABASE_URL` (a superuser on a throwaway server,
 *   as `npm test` starts one): global-setup.ts migrates a template database once per run; each
 *   call here copies it (`CREATE DATABASE … TEMPLATE …`, a few milliseconds) under a name unique
 *   to the worker process, and drops the copy when closed. Parallel fork workers never share one.
 *
 *   const db = await useTestDatabase();            // inside a test: dropped when the test ends
 *   const t = await openTestDatabase();            // beforeAll: close it yourself (t.close())
 *   const child = await createTestDatabaseTarget(); // for a child process: --db child.arg
 *   const demo = await createFilledTestDatabaseTarget('demo', fill); // a copy of one filled once per run
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject, onTestFinished } from 'vitest';
import { closeDatabase, openDatabase, sqliteImage, type DatabaseTarget, type DialectName } from '../../src/server/db/database';
import type { Db } from '../../src/server/db/schema';
import { withLock } from './lock';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database of a PostgreSQL run (global-setup.ts); '' on SQLite. */
    jixiaoPgTemplate: string;
    /** A folder of the run's own, removed when it ends (global-setup.ts): the filled databases. */
    jixiaoRunDir: string;
  }
}

/** The dialect this run tests. */
export const TEST_DIALECT: DialectName = testDialect(process.env);

export function testDialect(env: NodeJS.ProcessEnv): DialectName {
  const value = env.JIXIAO_TEST_DB ?? 'sqlite';
  if (value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'postgres') return 'postgres';
  throw new Error(`JIXIAO_TEST_DB must be "sqlite" or "postgres", got "${value}"`);
}

/** The server a PostgreSQL run uses (a database URL whose user may create databases). */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.JIXIAO_TEST_DATABASE_URL;
  if (!url) throw new Error('JIXIAO_TEST_DB=postgres needs JIXIAO_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  return url;
}

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string, server = testServerUrl()): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** An identifier quoted for PostgreSQL: pg's own escapeIdentifier. */
export const quoteIdent = pg.escapeIdentifier;

let admin: pg.Pool | undefined;
/** One small pool per worker process to the server's maintenance database, for CREATE/DROP DATABASE. */
export function adminPool(): pg.Pool {
  if (admin === undefined) {
    admin = new pg.Pool({ connectionString: testServerUrl(), max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    // Once, when the pool is made: a listener per call piled up (MaxListenersExceededWarning).
    admin.on('error', () => {});
  }
  return admin;
}

let serial = 0;

let copyStrategy: Promise<string> | undefined;
/**
 * How a copy is made (issue 38): PostgreSQL 15 copies a template block by block through its write-ahead log by
 * default; `strategy file_copy` copies the files, 24–25 ms a copy instead of 50–69 ms and a drop in half the
 * time (20 copies of the migrated template, 2026-11-26), right for a throwaway cluster without fsync. Older
 * servers copy files anyway and know no STRATEGY.
 */
function strategy(): Promise<string> {
  copyStrategy ??= adminPool()
    .query<{ server_version_num: string }>('show server_version_num')
    .then((r) => (Number(r.rows[0]!.server_version_num) >= 150000 ? ' strategy file_copy' : ''));
  return copyStrategy;
}

function pgTemplate(): string {
  const template = inject('jixiaoPgTemplate');
  if (!template) throw new Error('JIXIAO_TEST_DB=postgres but no template database: is test/support/global-setup.ts in vitest.config.ts?');
  return template;
}

/**
 * A new database copied from the run's migrated template (or, `empty`, an empty one: no table at
 * all, as a first start finds it; or a copy of database `from`); its name and a drop function.
 */
async function createPostgresCopy(opts: { empty?: boolean; from?: string } = {}): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const template = pgTemplate();
  const name = `${template}_${process.pid}_${++serial}`;
  await adminPool().query(`create database ${quoteIdent(name)}${opts.empty ? '' : ` template ${quoteIdent(opts.from ?? template)}${await strategy()}`}`);
  let dropped = false;
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await adminPool().query(`drop database if exists ${quoteIdent(name)} with (force)`);
    },
  };
}

export interface TestDatabase {
  db: Db;
  dialect: DialectName;
  /** Closes the handle and removes the database (PostgreSQL). Idempotent. */
  close(): Promise<void>;
}

let template: Promise<Buffer> | undefined;
/**
 * SQLite's migrated template: an in-memory database migrated once per worker process, as bytes;
 * each test opens its own in-memory copy of them (a fraction of a millisecond) instead of running
 * every migration again (issue 38).
 */
function sqliteTemplate(): Promise<Buffer> {
  template ??= (async () => {
    const db = await openDatabase({ path: ':memory:' });
    try {
      return sqliteImage(db);
    } finally {
      await closeDatabase(db);
    }
  })();
  return template;
}

/** A fresh migrated database of the run's dialect; the caller closes it. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (TEST_DIALECT === 'sqlite') {
    const db = await openDatabase({ image: await sqliteTemplate() });
    let closed = false;
    return {
      db,
      dialect: 'sqlite',
      close: async () => {
        if (closed) return;
        closed = true;
        await closeDatabase(db);
      },
    };
  }
  const copy = await createPostgresCopy();
  let db: Db;
  try {
    db = await openDatabase({ url: copy.url, poolSize: 4 });
  } catch (error) {
    await copy.drop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect: 'postgres',
    close: () =>
      (closing ??= (async () => {
        try {
          await closeDatabase(db);
        } finally {
          await copy.drop();
        }
      })()),
  };
}

/** A fresh migrated database, closed (and removed) when the current test ends. */
export async function useTestDatabase(): Promise<Db> {
  const t = await openTestDatabase();
  onTestFinished(() => t.close());
  return t.db;
}

export interface ChildDatabase {
  target: DatabaseTarget;
  /** What `--db` takes: the SQLite file, or the PostgreSQL URL. */
  arg: string;
  /** Removes the database (and the SQLite file's folder). */
  drop(): Promise<void>;
}

/**
 * An empty database for a `jixiao` child process: a file path in a new temporary folder on
 * SQLite (`sqliteName` inside it, not created yet: the program creates it), a fresh migrated copy
 * of the template on PostgreSQL (`unmigrated`: a database without any table, as a first start
 * finds it).
 */
export async function createTestDatabaseTarget(sqliteName = 'jixiao.db', opts: { unmigrated?: boolean } = {}): Promise<ChildDatabase> {
  if (TEST_DIALECT === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-testdb-'));
    const path = join(dir, sqliteName);
    return { target: { dialect: 'sqlite', path }, arg: path, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const copy = await createPostgresCopy({ empty: opts.unmigrated ?? false });
  return { target: { dialect: 'postgres', url: copy.url }, arg: copy.url, drop: copy.drop };
}

/**
 * Like createTestDatabaseTarget, but the database is not empty: it holds what `fill` puts into
 * an empty one — the same for every call with the same `key`, e.g. a server's demo data. The
 * first call of a run with a key fills a database once (a file of the run's folder on SQLite, a
 * database beside the template on PostgreSQL), while other test processes asking for the same key
 * wait; every call gets a copy of it (issue 38: the demo data cost each browser test file 2 s of
 * CPU and 5–10 s on a busy machine). `fill` must leave nothing open on its target.
 */
export async function createFilledTestDatabaseTarget(key: string, fill: (target: DatabaseTarget) => Promise<void>, sqliteName = 'jixiao.db'): Promise<ChildDatabase> {
  const runDir = inject('jixiaoRunDir');
  if (!runDir) throw new Error('no folder for the run: is test/support/global-setup.ts in vitest.config.ts?');
  const id = createHash('sha256').update(key).digest('hex').slice(0, 12);
  // Present once the filled database is complete: the SQLite file itself, or a marker of the PostgreSQL database.
  const done = join(runDir, TEST_DIALECT === 'sqlite' ? `filled-${id}.db` : `filled-${id}.pg`);
  const filled = TEST_DIALECT === 'sqlite' ? done : `${pgTemplate()}_f${id}`;
  if (!existsSync(done)) {
    await withLock(join(runDir, `filled-${id}.lock`), async () => {
      if (existsSync(done)) return; // filled by another process meanwhile
      if (TEST_DIALECT === 'sqlite') {
        const building = join(runDir, `filled-${id}.building.db`);
        rmSync(building, { force: true });
        await fill({ dialect: 'sqlite', path: building });
        // a database closed last has no write-ahead log left beside it: the file alone is all of it
        if (existsSync(`${building}-wal`)) throw new Error(`the fill of "${key}" left its SQLite database open`);
        renameSync(building, done);
      } else {
        // a fill that died half way left its database: start again from the template
        await adminPool().query(`drop database if exists ${quoteIdent(filled)} with (force)`);
        await adminPool().query(`create database ${quoteIdent(filled)} template ${quoteIdent(pgTemplate())}`);
        await fill({ dialect: 'postgres', url: databaseUrl(filled) });
        writeFileSync(done, filled);
      }
    });
  }
  if (TEST_DIALECT === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-testdb-'));
    const path = join(dir, sqliteName);
    copyFileSync(done, path);
    return { target: { dialect: 'sqlite', path }, arg: path, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const copy = await createPostgresCopy({ from: filled });
  return { target: { dialect: 'postgres', url: copy.url }, arg: copy.url, drop: copy.drop };
}

/**
 * A constraint violation as either database words it: SQLite "UNIQUE constraint failed: …",
 * PostgreSQL "duplicate key value violates unique constraint …" and so on.
 */
export const CONSTRAINT_ERROR = {
  unique: /UNIQUE constraint failed|violates unique constraint/,
  notNull: /NOT NULL constraint failed|violates not-null constraint/,
  foreignKey: /FOREIGN KEY constraint failed|violates foreign key constraint/,
  check: /CHECK constraint failed|violates check constraint/,
} as const;
