/**
 * The list's ordered ids as kept for every page (allOrderedIds: every matching id in one
 * comma-joined value, walking the sort column's index of migration 0019) against the order the
 * list promises, computed here in JavaScript from the rows themselves: the sort key ascending with
 * NULLs first, then the id; descending its exact reverse; only projects of current documents
 * with a department; every filter. The data has ties on purpose (equal codes, budgets, scores,
 * blank codes and budgets), so the id tie-break is exercised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProjects, parseIdList, sumBudgets, type Memo, type ProjectListFilter, type ProjectSortKey } from '../../src/server/db/project.repository';
import type { Db } from '../../src/server/db/schema';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import type { FindingCategory } from '../../src/shared/review/types';
import { importAllFixtures } from '../server/domain-support';
import { buildParsedDocument } from '../factories';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
let db: Db;

interface Row {
  id: number;
  code: string | null;
  name: string;
  budget: number | null;
  score: number | null;
  status: string;
  updated: string;
  departmentId: number;
  year: number | null;
  categories: string[];
}
let rows: Row[];

/** Computes every time: the path the server takes after each change. */
const recompute: Memo = (_key, compute) => compute();

beforeAll(async () => {
  t = await openTestDatabase();
  db = t.db;
  const fx = await importAllFixtures(db);
  // A superseded document (its projects must never be listed).
  await storeDocument(db, buildParsedDocument({ year: 2024 }));
  await storeDocument(db, buildParsedDocument({ year: 2024 }));
  // Ties and blanks on every sort column.
  const some = fx.f003.projectIds;
  await db.updateTable('project').set({ code: 'SAME-CODE', budgetTotal: 1_000_000, qualityScore: 8000 }).where('id', 'in', some.slice(0, 6)).execute();
  await db.updateTable('project').set({ code: null, budgetTotal: null, qualityScore: null }).where('id', 'in', some.slice(6, 10)).execute();
  await db.updateTable('project').set({ name: '同名项目', status: 'submitted', updatedAt: '2025-03-01T00:00:00.000Z' }).where('id', 'in', some.slice(10, 16)).execute();
  await db.updateTable('project').set({ status: 'published' }).where('id', 'in', fx.f001.projectIds.slice(0, 3)).execute();

  const found = await db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .innerJoin('department as dep', 'dep.id', 'd.departmentId')
    .select(['p.id', 'p.code', 'p.name', 'p.budgetTotal', 'p.qualityScore', 'p.status', 'p.updatedAt', 'd.importedAt', 'dep.id as departmentId', 'd.year'])
    .where('d.isCurrent', '=', 1)
    .execute();
  const categories = await db.selectFrom('projectFindingCategory').select(['projectId', 'category']).execute();
  rows = found.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    budget: r.budgetTotal === null ? null : Number(r.budgetTotal),
    score: r.qualityScore,
    status: r.status,
    updated: r.updatedAt ?? r.importedAt,
    departmentId: r.departmentId,
    year: r.year,
    categories: categories.filter((c) => c.projectId === r.id).map((c) => c.category),
  }));
});
afterAll(() => t?.close());

const KEY: Record<Exclude<ProjectSortKey, 'department'>, (r: Row) => string | number | null> = {
  code: (r) => r.code,
  name: (r) => r.name,
  budget: (r) => r.budget,
  score: (r) => r.score,
  status: (r) => r.status,
  updated: (r) => r.updated,
};

/** NULLs first, then by value (strings by code unit: code point order below U+10000), then by id. */
function expectedOrder(sort: Exclude<ProjectSortKey, 'department'>, keep: (r: Row) => boolean): number[] {
  const key = KEY[sort];
  const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  return rows
    .filter(keep)
    .sort((a, b) => cmp(key(a), key(b)) || a.id - b.id)
    .map((r) => r.id);
}

const filters: [string, ProjectListFilter, (r: Row) => boolean][] = [
  ['no filter', {}, () => true],
  ['year', { year: 2025 }, (r) => r.year === 2025],
  ['status', { statuses: ['submitted', 'published'] }, (r) => r.status === 'submitted' || r.status === 'published'],
  ['score range', { minScoreHundredths: 7000, maxScoreHundredths: 9000 }, (r) => r.score !== null && r.score >= 7000 && r.score <= 9000],
  ['category', { category: 'unit' as FindingCategory }, (r) => r.categories.includes('unit')],
  ['text', { q: '经费' }, (r) => r.name.includes('经费') || (r.code ?? '').startsWith('经费')],
];

describe('the ordered ids kept for the list', () => {
  it('has ties and blanks to order (the cases are not vacuous)', () => {
    for (const sort of Object.keys(KEY) as (keyof typeof KEY)[]) {
      const values = rows.map(KEY[sort]);
      expect(new Set(values).size, sort).toBeLessThan(values.length);
    }
    expect(rows.some((r) => r.code === null) && rows.some((r) => r.budget === null) && rows.some((r) => r.score === null)).toBe(true);
    for (const [name, , keep] of filters.slice(1)) expect(rows.filter(keep).length, name).toBeGreaterThan(0);
  });

  for (const [name, filter, keep] of filters) {
    it.each(Object.keys(KEY) as (keyof typeof KEY)[])(`${name}: sort by %s, both directions, every page`, async (sort) => {
      const expected = expectedOrder(sort, keep);
      const asc = await listProjects(db, filter, { sort, order: 'asc', offset: 0, limit: 10_000 }, { memo: recompute });
      const desc = await listProjects(db, filter, { sort, order: 'desc', offset: 0, limit: 10_000 }, { memo: recompute });
      expect(asc.rows.map((r) => r.id)).toStrictEqual(expected);
      expect(desc.rows.map((r) => r.id)).toStrictEqual([...expected].reverse());
      expect(asc.total).toBe(expected.length);
      // The page read without the memo (LIMIT/OFFSET on the index walk) agrees, page by page.
      for (let offset = 0; offset < expected.length; offset += 7) {
        const windowed = await listProjects(db, filter, { sort, order: 'asc', offset, limit: 7 });
        expect(windowed.rows.map((r) => r.id)).toStrictEqual(expected.slice(offset, offset + 7));
      }
    });
  }
});

describe('the 合计 of the list (sumBudgets, read over the budget index)', () => {
  it.each(filters)('%s: the budgets of every matching project of a current document', async (_name, filter, keep) => {
    const expected = rows.filter(keep).reduce((n, r) => n + (r.budget ?? 0), 0);
    expect(await sumBudgets(db, filter, { memo: recompute })).toBe(expected);
    expect(await sumBudgets(db, filter)).toBe(expected);
  });
});

describe('parseIdList', () => {
  it('reads the comma-joined ids, and nothing from no row', () => {
    expect([...parseIdList('12,3,456789,0')]).toStrictEqual([12, 3, 456789, 0]);
    expect([...parseIdList('7')]).toStrictEqual([7]);
    expect(parseIdList(null)).toHaveLength(0);
  });
});
