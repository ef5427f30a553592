/**
 * `jixiao backup FILE` and `jixiao restore FILE` (issue 15): SQLite's online backup while the
 * database is in use, a restore that replaces data only when asked and keeps the old database,
 * migrates an older backup, and refuses what is no Jixiao database; PostgreSQL is sent to
 * pg_dump / pg_restore. Real processes on real SQLite files (the PostgreSQL route needs no server).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { countStored, loadDocument } from '../../src/server/db/document.repository';
import { getMigrations } from '../../src/server/db/migrations/index';
import type { Db } from '../../src/server/db/schema';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { buildParsedDocument, buildProject } from '../factories';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let serial = 0;
const dir = () => {
  const d = join(work, String(++serial));
  rmSync(d, { recursive: true, force: true });
  return mkdtempSync(`${d}-`);
};

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const docA = buildParsedDocument({ file: 'a.txt', sha256: 'a'.repeat(64), projects: [buildProject({ name: '备份前的项目' })] });
const docB = buildParsedDocument({ file: 'b.txt', sha256: 'b'.repeat(64), department: { code: '888001', name: '另一单位', source: { line: 1 } }, projects: [buildProject({ name: '另一个项目' })] });

async function withDb<T>(path: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase({ path });
  try {
    return await work(db);
  } finally {
    await closeDatabase(db);
  }
}

describe('jixiao backup', () => {
  it('copies a database in use, consistently, into one file; never over an existing one', async () => {
    const d = dir();
    const path = join(d, 'jixiao.db');
    const live = await openDatabase({ path });
    try {
      const { documentId } = await storeDocument(live, docA);
      // The server keeps its connection (and its WAL) while the backup runs in another process.
      const r = jixiao(['backup', join(d, 'copy.db'), '--db', path]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^已备份到 .*copy\.db（[\d.]+ MB；1 个文档，1 个项目，0 个账号；结构版本 /);
      expect(r.stdout).toContain(`结构版本 ${Object.keys(getMigrations('sqlite')).at(-1)}）`);
      expect(readdirSync(d).filter((f) => f.startsWith('copy'))).toStrictEqual(['copy.db']);
      await withDb(join(d, 'copy.db'), async (copy) => expect(await loadDocument(copy, documentId)).toStrictEqual(await loadDocument(live, documentId)));

      const again = jixiao(['backup', join(d, 'copy.db'), '--db', path]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('已存在：请换一个文件名');
    } finally {
      await closeDatabase(live);
    }
    const missing = jixiao(['backup', join(d, 'x.db'), '--db', join(d, 'nothing.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('不存在');
  });

  it('a PostgreSQL database: the command names the pg_dump and pg_restore route', () => {
    for (const kind of ['backup', 'restore']) {
      const r = jixiao([kind, 'x.dump', '--db', 'postgres://jixiao@127.0.0.1:1/jixiao']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('pg_dump --format=custom');
      expect(r.stderr).toContain('pg_restore --clean --if-exists');
    }
  });
});

describe('jixiao restore', () => {
  it('restores into an empty place; replaces data only with --force, keeping the old database beside it', async () => {
    const d = dir();
    const original = join(d, 'original.db');
    await withDb(original, (db) => storeDocument(db, docA));
    expect(jixiao(['backup', join(d, 'backup.db'), '--db', original]).code).toBe(0);

    const fresh = join(d, 'new', 'jixiao.db');
    const restored = jixiao(['restore', join(d, 'backup.db'), '--db', fresh]);
    expect(restored.code, restored.stderr).toBe(0);
    await withDb(fresh, async (db) => expect((await countStored(db)).documents).toBe(1));

    const other = join(d, 'other.db');
    await withDb(other, (db) => storeDocument(db, docB));
    const refused = jixiao(['restore', join(d, 'backup.db'), '--db', other]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('已有数据（1 个文档，0 个账号）：确认要用备份替换时加 --force');
    await withDb(other, async (db) => expect((await db.selectFrom('project').select('name').execute()).map((p) => p.name)).toStrictEqual(['另一个项目']));

    const forced = jixiao(['restore', join(d, 'backup.db'), '--db', other, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    const kept = /原数据库保留为 (\S+)/.exec(forced.stdout)![1]!;
    await withDb(other, async (db) => expect((await db.selectFrom('project').select('name').execute()).map((p) => p.name)).toStrictEqual(['备份前的项目']));
    const old = new Database(kept, { readonly: true });
    expect((old.prepare('select name from project').all() as { name: string }[]).map((p) => p.name)).toStrictEqual(['另一个项目']);
    old.close();
  });

  it('brings an older backup to this version\'s schema', async () => {
    const d = dir();
    const path = join(d, 'old.db');
    // A database as version 0007 left it: the later migrations undone.
    await withDb(path, async (db) => {
      await storeDocument(db, docA);
      const later = Object.entries(getMigrations('sqlite')).filter(([name]) => name > '0007-documents-from-anywhere').reverse();
      for (const [name, m] of later) {
        await m.down!(db.withoutPlugins());
        await sql`delete from kysely_migration where name = ${name}`.execute(db);
      }
    });
    const backup = jixiao(['backup', join(d, 'old-backup.db'), '--db', path]);
    expect(backup.stdout).toContain('结构版本 0007-documents-from-anywhere');
    const r = jixiao(['restore', join(d, 'old-backup.db'), '--db', join(d, 'now.db')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`结构版本 ${Object.keys(getMigrations('sqlite')).at(-1)}`);
  });

  it('refuses what is no Jixiao database, writing nothing', () => {
    const d = dir();
    writeFileSync(join(d, 'notes.txt'), '这不是数据库');
    const other = new Database(join(d, 'other-app.db'));
    other.exec('create table t (x integer)');
    other.close();
    for (const [file, message] of [['notes.txt', '不是 Jixiao 的数据库（file is not a database）'], ['other-app.db', '不是 Jixiao 的数据库'], ['none.db', '不存在']] as const) {
      const r = jixiao(['restore', join(d, file), '--db', join(d, 'target.db')]);
      expect(r.code, file).toBe(1);
      expect(r.stderr).toContain(message);
      expect(existsSync(join(d, 'target.db'))).toBe(false);
    }
  });
});
