/**
 * A database that stores nothing (issue 72, item 9), on SQLite and PostgreSQL: a full disk or a read-only database
 * gave a generic 500, a log that hid the cause ("cannot rollback - no transaction is active"), and a 500 at sign-in.
 * Now the person is told in Chinese what happened (503 `unavailable`), the log names the cause, nothing is half-stored,
 * and what can be read is still read.
 *
 * How the faults are made: SQLite — a full disk by `PRAGMA max_page_count` at the pages the database has (SQLite then
 * fails every write that needs a page with SQLITE_FULL, as on a full disk, and ends the transaction itself), read-only
 * by `PRAGMA query_only` (SQLITE_READONLY, as a read-only file or mount gives); PostgreSQL — read-only by
 * `default_transaction_read_only` on the database (SQLSTATE 25006, as a standby or a database set read-only gives),
 * a full disk by a trigger on every table raising SQLSTATE 53100 with PostgreSQL's own words ("could not extend
 * file"): a test cannot fill the server's disk.
 */
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/schema';
import { loadProject } from '../../src/server/db/document.repository';
import { projectToInput } from '../../src/shared/api/project-input';
import { adminPool, quoteIdent, TEST_DIALECT } from '../support/test-database';
import { FIXTURES, readFixture } from '../support/fixtures';
import { importFixture } from './domain-support';
import { dataSnapshot } from './route-driver';
import { createUser, startTestApp, TEST_PASSWORD } from './support';

/** A log that keeps its lines. */
function logLines(): { stream: Writable; lines: () => { level: number; msg: string; cause?: string }[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

async function databaseName(db: Db): Promise<string> {
  return (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0]!.name;
}

/** The database's disk full from now on. */
async function fillDisk(db: Db): Promise<void> {
  if (TEST_DIALECT === 'sqlite') {
    // no free page left inside the file either
    await sql`vacuum`.execute(db);
    // (the column comes back camel-cased, as every column does)
    const pages = (await sql<{ pageCount: number }>`pragma page_count`.execute(db)).rows[0]!.pageCount;
    if (!Number.isInteger(pages)) throw new Error('no page count');
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
    return;
  }
  await sql`create function jixiao_test_disk_full() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file "base/16384/16385": No space left on device' using errcode = '53100'; end $$`.execute(db);
  const tables = (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db)).rows;
  for (const { name } of tables) {
    await sql.raw(`create trigger jixiao_test_disk_full before insert or update or delete on ${quoteIdent(name)} for each statement execute function jixiao_test_disk_full()`).execute(db);
  }
}

/** The database read-only from now on (its connections made again on PostgreSQL). */
async function makeReadOnly(db: Db): Promise<void> {
  if (TEST_DIALECT === 'sqlite') {
    await sql`pragma query_only = on`.execute(db);
    return;
  }
  const name = await databaseName(db);
  await adminPool().query(`alter database ${quoteIdent(name)} set default_transaction_read_only = on`);
  await adminPool().query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
  // the pool drops the ended connections as it hears of it: until then a query could get one
  for (let i = 0; i < 50; i++) {
    try {
      if ((await sql<{ transactionReadOnly: string }>`show transaction_read_only`.execute(db)).rows[0]!.transactionReadOnly === 'on') return;
    } catch {
      // an ended connection: the pool drops it
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the database did not become read-only');
}

describe('a full disk', () => {
  it('an import commit: 503 saying the storage is full, nothing stored, the cause in the log', async () => {
    const log = logLines();
    const t = await startTestApp({ logger: 'warn', logStream: log.stream });
    const reviewer = await t.client('reviewer');
    const preview = await reviewer.upload('/api/imports/preview', [{ filename: FIXTURES.f003, data: readFixture(FIXTURES.f003) }]);
    expect(preview.json().files[0].action).toBe('create');
    await fillDisk(t.db);
    const before = await dataSnapshot(t.db);
    const commit = await reviewer.post('/api/imports/commit', { token: preview.json().token });
    expect(commit.statusCode, commit.body).toBe(503);
    expect(commit.json()).toEqual({ statusCode: 503, code: 'unavailable', message: '服务器的存储空间已满，本次操作没有保存任何内容；请联系系统管理员清理磁盘后再试' });
    expect(await dataSnapshot(t.db)).toStrictEqual(before);
    const errors = log.lines().filter((l) => l.level >= 50);
    expect(errors.map((l) => l.msg)).toHaveLength(1);
    expect(errors[0]!.msg).toMatch(TEST_DIALECT === 'sqlite' ? /^database storage full: nothing stored \(SQLITE_FULL: database or disk is full\)$/ : /^database storage full: nothing stored \(53100: could not extend file/);
    expect(JSON.stringify(log.lines())).not.toContain('cannot rollback');
  });
});

describe('a read-only database', () => {
  it('sign-in: 503 saying so, not 500; a signed-in user still reads, and a save is refused saying so, nothing written', async () => {
    const log = logLines();
    const t = await startTestApp({ logger: 'warn', logStream: log.stream });
    const f = await importFixture(t.db, 'f000');
    const editor = await t.client('editor', { departmentId: f.departmentId });
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    const input = projectToInput((await loadProject(t.db, f.projectIds[0]!))!);
    await makeReadOnly(t.db);
    const before = await dataSnapshot(t.db);
    const login = await t.client().post('/api/auth/login', { username: 'zhang', password: TEST_PASSWORD });
    expect(login.statusCode, login.body).toBe(503);
    expect(login.json()).toEqual({ statusCode: 503, code: 'unavailable', message: '数据库目前为只读，无法记录登录，暂时不能登录；请联系系统管理员' });
    // reading goes on (the session not extended meanwhile)
    t.clock.advance(60 * 60 * 1000);
    const list = await editor.get('/api/projects');
    expect(list.statusCode, list.body.slice(0, 300)).toBe(200);
    const save = await editor.put(`/api/projects/${f.projectIds[0]}`, { version: 1, project: { ...input, name: '只读时的修改' } });
    expect(save.statusCode).toBe(503);
    expect(save.json().message).toBe('数据库目前为只读，本次操作没有保存任何内容；请联系系统管理员');
    expect(await dataSnapshot(t.db)).toStrictEqual(before);
    const errors = log.lines().filter((l) => l.level >= 50).map((l) => l.msg);
    expect(errors).toHaveLength(2);
    for (const msg of errors) expect(msg).toMatch(TEST_DIALECT === 'sqlite' ? /^database is read-only: nothing stored \(SQLITE_READONLY: attempt to write a readonly database\)$/ : /^database is read-only: nothing stored \(25006: cannot execute .* in a read-only transaction\)$/);
  });
});
