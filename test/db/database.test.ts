import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  closeDatabase,
  configuredDatabase,
  defaultDatabasePath,
  describeDatabase,
  dialectOf,
  openDatabase,
} from '../../src/server/db/database';
import { MAX_FEN } from '../../src/shared/domain/money';
import { countStored, loadDocument } from '../../src/server/db/document.repository';
import { getMigrations } from '../../src/server/db/migrations/index';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { buildParsedDocument, buildProject } from '../factories';
import { useTestDatabase } from './helpers';
import { adminPool, CONSTRAINT_ERROR, createTestDatabaseTarget, openTestDatabase, TEST_DIALECT } from '../support/test-database';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('defaultDatabasePath', () => {
  it('is $JIXIAO_DB, else ./data/jixiao.db', () => {
    expect(defaultDatabasePath({ JIXIAO_DB: '/srv/jixiao/main.db' })).toBe('/srv/jixiao/main.db');
    expect(defaultDatabasePath({})).toBe('./data/jixiao.db');
  });
});

describe('configuredDatabase', () => {
  it('is --db (a file or a postgres:// URL), else DATABASE_URL, else JIXIAO_DB, else ./data/jixiao.db', () => {
    const url = 'postgres://jixiao:secret@db.example:5432/jixiao';
    expect(configuredDatabase({}, {})).toStrictEqual({ dialect: 'sqlite', path: './data/jixiao.db' });
    expect(configuredDatabase({}, { JIXIAO_DB: 'a.db' })).toStrictEqual({ dialect: 'sqlite', path: 'a.db' });
    expect(configuredDatabase({}, { JIXIAO_DB: 'a.db', DATABASE_URL: url })).toStrictEqual({ dialect: 'postgres', url });
    expect(configuredDatabase({}, { DATABASE_URL: '' })).toStrictEqual({ dialect: 'sqlite', path: './data/jixiao.db' });
    expect(configuredDatabase({ db: 'b.db' }, { DATABASE_URL: url })).toStrictEqual({ dialect: 'sqlite', path: 'b.db' });
    expect(configuredDatabase({ db: 'postgresql://h/d' }, {})).toStrictEqual({ dialect: 'postgres', url: 'postgresql://h/d' });
    expect(() => configuredDatabase({}, { DATABASE_URL: 'mysql://h/d' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
  });

  it('a PostgreSQL server that cannot be reached is one clear error, without the password', async () => {
    await expect(openDatabase({ url: 'postgres://jixiao:secret@127.0.0.1:1/jixiao' })).rejects.toThrow(
      /^cannot connect to PostgreSQL postgres:\/\/jixiao:\*\*\*@127\.0\.0\.1:1\/jixiao: .*ECONNREFUSED/,
    );
  });

  it('is described without the password', () => {
    expect(describeDatabase({ dialect: 'postgres', url: 'postgres://jixiao:secret@db:5432/jixiao' })).toBe('PostgreSQL postgres://jixiao:***@db:5432/jixiao');
    expect(describeDatabase({ dialect: 'sqlite', path: './data/jixiao.db' })).toBe('SQLite ./data/jixiao.db');
  });
});

describe('openDatabase', () => {
  it('keeps the data when reopened and runs the migrations once (the run\'s dialect)', async () => {
    const target = await createTestDatabaseTarget();
    onTestFinished(() => target.drop());
    const doc = buildParsedDocument({
      projects: [buildProject({ budget: { total: MAX_FEN, fiscal: null, other: null } })],
    });
    const db = await openDatabase(target.target);
    expect(dialectOf(db)).toBe(TEST_DIALECT);
    const { documentId } = await storeDocument(db, doc);
    await closeDatabase(db);
    const reopened = await openDatabase(target.target);
    try {
      expect(await loadDocument(reopened, documentId)).toStrictEqual(doc);
      const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(reopened);
      expect(migrations.rows.map((r) => r.name)).toStrictEqual(Object.keys(getMigrations(TEST_DIALECT)));
      expect((await storeDocument(reopened, doc)).status).toBe('unchanged');
    } finally {
      await closeDatabase(reopened);
    }
  });

  // SQLite only: a SQLite file, its folders and its journal mode.
  it.runIf(TEST_DIALECT === 'sqlite')('SQLite: creates the parent folders, uses WAL, and keeps the data when reopened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-db-'));
    tempDirs.push(dir);
    const path = join(dir, 'nested', 'deeper', 'jixiao.db');

    const db = await openDatabase({ path });
    expect(existsSync(path)).toBe(true);
    const mode = await sql<{ journalMode: string }>`pragma journal_mode`.execute(db); // keys go through the CamelCasePlugin
    expect(mode.rows[0]?.journalMode).toBe('wal');
    const doc = buildParsedDocument({
      projects: [buildProject({ budget: { total: MAX_FEN, fiscal: null, other: null } })],
    });
    const { documentId } = await storeDocument(db, doc);
    await closeDatabase(db);

    const reopened = await openDatabase({ path });
    try {
      expect(await loadDocument(reopened, documentId)).toStrictEqual(doc);
      expect((await countStored(reopened)).documents).toBe(1);
      // Migrations ran once and are not run again.
      const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(reopened);
      expect(migrations.rows.map((r) => r.name)).toStrictEqual(Object.keys(getMigrations('sqlite')));
      expect((await storeDocument(reopened, doc)).status).toBe('unchanged');
    } finally {
      await closeDatabase(reopened);
    }
  });

  it('enforces foreign keys', async () => {
    const db = await useTestDatabase();
    await expect(
      db
        .insertInto('diagnostic')
        .values({ documentId: 12345, position: 0, severity: 'info', code: 'x', message: 'x', line: 1, ref: null })
        .execute(),
    ).rejects.toThrow(CONSTRAINT_ERROR.foreignKey);
  });

  it.runIf(TEST_DIALECT === 'postgres')('PostgreSQL: test databases come and go without piling listeners on the admin pool (MaxListenersExceededWarning)', async () => {
    for (let i = 0; i < 12; i++) await (await openTestDatabase()).close();
    expect(adminPool().listenerCount('error')).toBe(1);
  });

  it.runIf(TEST_DIALECT === 'postgres')('PostgreSQL: SELECTs run as statements prepared once per connection, other statements unnamed', async () => {
    const db = await useTestDatabase();
    await db.connection().execute(async (c) => {
      const prepared = async () =>
        (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(c)).rows.map((r) => r.statement);
      for (let i = 0; i < 3; i++) await c.selectFrom('department').select('id').where('id', '=', i).execute();
      // a statement written as a template, starting with a line break and indentation, is a SELECT too
      for (let i = 0; i < 2; i++) await sql`
        select count(*) as n from department where id > ${i}`.execute(c);
      await c.updateTable('department').set({ name: 'x' }).where('id', '=', -1).execute();
      const statements = await prepared();
      // once, however often it ran (and the catalogue query itself, a SELECT too)
      expect(statements.filter((t) => /from "department" where "id" = \$1/.test(t))).toHaveLength(1);
      expect(statements.filter((t) => /select count\(\*\) as n from department where id > \$1/.test(t))).toHaveLength(1);
      expect(statements.some((t) => /^update/i.test(t))).toBe(false);
      expect((await c.selectFrom('department').select('id').where('id', '=', 1).execute()).length).toBeLessThanOrEqual(1);
    });
  });

  // SQLite only: a relative file path; PostgreSQL has no file (its migrations are the same code).
  it.runIf(TEST_DIALECT === 'sqlite')('SQLite: works from any working directory: migrations are in code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-cwd-'));
    tempDirs.push(dir);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const db = await openDatabase({ path: 'relative/jixiao.db' });
      await closeDatabase(db);
      expect(existsSync(join(dir, 'relative', 'jixiao.db'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('migrations', () => {
  it('compile for PostgreSQL with identity ids and no SQLite-only syntax', async () => {
    const statements: string[] = [];
    const pg = new Kysely<unknown>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new PostgresIntrospector(db),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
      log: (event) => {
        if (event.level === 'query') statements.push(event.query.sql);
      },
    });
    for (const migration of Object.values(getMigrations('postgres'))) await migration.up(pg);
    const ddl = statements.join(';\n');
    expect(ddl).toContain('"id" integer generated by default as identity primary key');
    expect(ddl).not.toMatch(/autoincrement/i);
    expect(ddl).toContain('"budget_total" bigint');
    expect(ddl).toContain('where "is_current" = 1');
    await pg.destroy();
  });

  it('can be rolled back and applied again', async () => {
    const db = await useTestDatabase();
    const raw = db.withoutPlugins();
    // Every migration down (newest first) and up again: the web schema's columns on project are
    // part of what an import writes.
    const migrations = Object.values(getMigrations(TEST_DIALECT));
    for (const migration of [...migrations].reverse()) await migration.down!(raw);
    for (const migration of migrations) await migration.up(raw);
    expect((await storeDocument(db, buildParsedDocument())).status).toBe('imported');
  });
});
