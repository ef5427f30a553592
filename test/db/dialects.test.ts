/**
 * Where SQLite and PostgreSQL differ by nature, the repositories make them agree. Each test runs
 * on the dialect of the run (npm test runs both) and expects the same answer: SQLite's, which the
 * application was written against.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { scoreBuckets } from '../../src/server/db/dashboard.repository';
import { listDepartmentYears } from '../../src/server/db/department.repository';
import { findProjects } from '../../src/server/db/document.repository';
import { listProjectIdsOfDocument, listProjects, storeProjectReviews } from '../../src/server/db/project.repository';
import type { Db } from '../../src/server/db/schema';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { buildParsedDocument, buildProject } from '../factories';
import { TEST_DIALECT } from '../support/test-database';
import { useTestDatabase } from './helpers';

const NAMES = ['b项目', 'B项目', 'a-项目', 'a项目', '项目A', 'Z', 'É项目', '阿项目', 'ab项目', 'a b'];

async function seed(db: Db, names = NAMES, codes: (string | null)[] = names.map((_, i) => `13020225P${String(i).padStart(12, '0')}`)) {
  const { documentId } = await storeDocument(
    db,
    buildParsedDocument({
      department: { code: '763001', name: '路南区民政局', source: { line: 1 } },
      projects: names.map((name, i) => buildProject({ name, code: codes[i] ?? null })),
    }),
  );
  return listProjectIdsOfDocument(db, documentId!);
}

const page = (sort: 'name' | 'code' | 'score', order: 'asc' | 'desc') => ({ sort, order, offset: 0, limit: 100 }) as const;

describe('dialects agree', () => {
  it('text sorts by code point (SQLite BINARY), not by a linguistic collation', async () => {
    const db = await useTestDatabase();
    await seed(db);
    const byName = (await listProjects(db, {}, page('name', 'asc'))).rows.map((r) => r.name);
    // UTF-16 code units = code points here: space < '-' < uppercase < lowercase < É < CJK
    expect(byName).toStrictEqual([...NAMES].sort());
    expect(byName.slice(0, 4)).toStrictEqual(['B项目', 'Z', 'a b', 'a-项目']);
    // and comparisons in WHERE, on the same order
    const after = await db.selectFrom('project').select('name').where('name', '>', 'Z').orderBy('name').execute();
    expect(after.map((r) => r.name)).toStrictEqual([...NAMES].filter((n) => n > 'Z').sort());
  });

  it('LIKE ignores the case of ASCII letters only, on both', async () => {
    const db = await useTestDatabase();
    const ids = await seed(db);
    const q = async (text: string) => (await listProjects(db, { q: text }, page('name', 'asc'))).rows.map((r) => r.name).sort();
    expect(await q('b项')).toStrictEqual(['B项目', 'ab项目', 'b项目']);
    expect(await q('A')).toStrictEqual(['a b', 'a-项目', 'ab项目', 'a项目', '项目A']);
    // é is not ASCII: SQLite's LIKE and lower() leave its case alone, and so must PostgreSQL
    expect(await q('é')).toStrictEqual([]);
    expect(await q('É')).toStrictEqual(['É项目']);
    // a code prefix, lower case
    expect((await listProjects(db, { q: '13020225p00000000000' }, page('code', 'asc'))).total).toBe(NAMES.length);
    expect((await findProjects(db, 'AB项')).projects.map((p) => p.projectId)).toStrictEqual([ids[8]]);
    expect((await listDepartmentYears(db, { q: '民政' })).length).toBe(1);
  });

  it('NULLs come first ascending and last descending', async () => {
    const db = await useTestDatabase();
    const ids = await seed(db, ['甲', '乙', '丙'], ['P2', null, 'P1']);
    expect((await listProjects(db, {}, page('code', 'asc'))).rows.map((r) => r.id)).toStrictEqual([ids[1], ids[2], ids[0]]);
    expect((await listProjects(db, {}, page('code', 'desc'))).rows.map((r) => r.id)).toStrictEqual([ids[0], ids[2], ids[1]]);
  });

  it('integer division and averages of integer scores are exact', async () => {
    const db = await useTestDatabase();
    const ids = await seed(db, ['甲', '乙', '丙']);
    const scores = [9999, 10000, 999];
    await storeProjectReviews(db, ids.map((projectId, i) => ({ projectId, scoreHundredths: scores[i]!, grade: '优', findingCount: 0, findings: [], categories: {} })));
    expect((await scoreBuckets(db, 2025)).sort((a, b) => a.bucket - b.bucket)).toStrictEqual([
      { bucket: 0, count: 1 },
      { bucket: 9, count: 1 },
      { bucket: 10, count: 1 },
    ]);
    const [row] = await listDepartmentYears(db);
    expect(row!.avgScoreHundredths).toBe((9999 + 10000 + 999) / 3);
    expect(row!.budgetTotalFen).toBe(3 * 12_621_600_00);
  });

  it('transactions run one at a time (SQLite: one connection; PostgreSQL: an advisory lock)', async () => {
    const db = await useTestDatabase();
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const firstStarted = new Promise<void>((r) => (started = r));
    const first = db.transaction().execute(async (trx) => {
      order.push('first begins');
      started();
      await held;
      await trx.selectFrom('project').select('id').execute();
      order.push('first ends');
    });
    await firstStarted;
    const second = db.transaction().execute(async (trx) => {
      order.push('second begins');
      await trx.selectFrom('project').select('id').execute();
    });
    // PostgreSQL: reads outside a transaction are not held up (SQLite's one connection waits)
    if (TEST_DIALECT === 'postgres') expect(await db.selectFrom('project').select('id').execute()).toStrictEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    order.push('released');
    release();
    await Promise.all([first, second]);
    expect(order).toStrictEqual(['first begins', 'released', 'first ends', 'second begins']);
  });

  it('counts and sums come back as numbers through the repositories', async () => {
    const db = await useTestDatabase();
    await seed(db);
    const [row] = await listDepartmentYears(db);
    expect(row).toMatchObject({ projectCount: NAMES.length, statusCounts: { draft: NAMES.length } });
    expect(typeof row!.budgetTotalFen).toBe('number');
  });
});

describe.runIf(TEST_DIALECT === 'postgres')('PostgreSQL schema', () => {
  it('every text column compares in code point order (COLLATE "C", migration 0004)', async () => {
    const db = await useTestDatabase();
    const { rows } = await sql<{ tableName: string; columnName: string; collationName: string | null }>`
      select table_name, column_name, collation_name from information_schema.columns
      where table_schema = current_schema() and data_type = 'text' and table_name not like 'kysely%'`.execute(db);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter((r) => r.collationName !== 'C').map((r) => `${r.tableName}.${r.columnName}`)).toStrictEqual([]);
  });

  it('ids are identity columns and money columns bigint', async () => {
    const db = await useTestDatabase();
    const { rows } = await sql<{ dataType: string; isIdentity: string }>`
      select data_type, is_identity from information_schema.columns where table_name = 'project' and column_name in ('id', 'budget_total') order by column_name`.execute(db);
    expect(rows).toStrictEqual([{ dataType: 'bigint', isIdentity: 'NO' }, { dataType: 'integer', isIdentity: 'YES' }]);
  });
});
