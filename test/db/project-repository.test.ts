import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/server/db/document.repository';
import { findProjectState, listProjects, loadProjectPage, type ProjectListFilter, type ProjectListRow, type ProjectSortKey } from '../../src/server/db/project.repository';
import type { Db } from '../../src/server/db/schema';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { importAllFixtures, type ImportedFixture } from '../server/domain-support';
import type { FixtureKey } from '../support/fixtures';
import { buildParsedDocument } from '../factories';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
let db: Db;
let fx: Record<FixtureKey, ImportedFixture>;
let all: ProjectListRow[];

const page = (sort: ProjectSortKey = 'code', order: 'asc' | 'desc' = 'asc', offset = 0, limit = 1000) => ({ sort, order, offset, limit });
const ids = (rows: ProjectListRow[]) => rows.map((r) => r.id);

beforeAll(async () => {
  t = await openTestDatabase();
  db = t.db;
  fx = await importAllFixtures(db);
  // A superseded document: its projects must never be listed.
  await storeDocument(db, buildParsedDocument({ year: 2024 }));
  await storeDocument(db, buildParsedDocument({ year: 2024 }));
  await db.updateTable('project').set({ status: 'submitted' }).where('id', 'in', fx.f001.projectIds.slice(0, 4)).execute();
  await db.updateTable('project').set({ status: 'published' }).where('id', 'in', fx.f003.projectIds.slice(0, 3)).execute();
  all = (await listProjects(db, {}, page())).rows;
});
afterAll(() => t?.close());

describe('listProjects', () => {
  it('lists the projects of current documents only, with their stored review results', async () => {
    const { rows, total } = await listProjects(db, {}, page());
    const superseded = await db.selectFrom('document').select('id').where('isCurrent', '=', 0).execute();
    expect(superseded).toHaveLength(1);
    expect(total).toBe(5 + 19 + 6 + 36 + 2);
    expect(rows).toHaveLength(total);
    // every table is graded but the factory document's 公用经费 table, of which no indicator was read (issue 73)
    expect(rows.filter((r) => r.qualityScoreHundredths === null || r.qualityGrade === null).map((r) => r.name)).toEqual(['机关运行公用经费']);
    const withFindings = rows.filter((r) => r.findingCount > 0);
    expect(withFindings.length).toBeGreaterThan(0);
    expect(withFindings.every((r) => r.categories.length > 0)).toBe(true);
    expect(rows.find((r) => r.id === fx.f000.projectIds[1])).toMatchObject({
      code: '13020225P00912310002A',
      name: '城市社区工作者薪酬经费',
      departmentId: fx.f000.departmentId,
      departmentName: '中共唐山市路南区委社会工作部',
      year: 2025,
      budgetTotalFen: 1_262_160_000,
      status: 'draft',
      version: 1,
    });
  });

  const filters: [string, ProjectListFilter, (r: ProjectListRow) => boolean][] = [
    ['department', { departmentIds: [0] }, () => true],
    ['year', { year: 2022 }, (r) => r.year === 2022],
    ['status', { statuses: ['submitted', 'published'] }, (r) => r.status === 'submitted' || r.status === 'published'],
    ['score range', { minScoreHundredths: 8000, maxScoreHundredths: 9500 }, (r) => r.qualityScoreHundredths! >= 8000 && r.qualityScoreHundredths! <= 9500],
    ['category', { category: 'unit' }, (r) => r.categories.includes('unit')],
    ['code prefix', { q: '13020225P0091' }, (r) => (r.code ?? '').startsWith('13020225P0091')],
    ['name substring', { q: '经费' }, (r) => r.name.includes('经费') || (r.code ?? '').startsWith('经费')],
    ['wildcards are literal', { q: '%' }, (r) => r.name.includes('%')],
    ['several at once', { year: 2022, category: 'unit', statuses: ['draft'] }, (r) => r.year === 2022 && r.categories.includes('unit') && r.status === 'draft'],
  ];
  it.each(filters)('filters by %s', async (_, filter, keep) => {
    const f = filter.departmentIds ? { departmentIds: [fx.f001.departmentId] } : filter;
    const expected = filter.departmentIds ? all.filter((r) => r.departmentId === fx.f001.departmentId) : all.filter(keep);
    const { rows, total } = await listProjects(db, f, page());
    expect(ids(rows)).toStrictEqual(ids(expected));
    expect(total).toBe(expected.length);
  });

  it('has filters that select something (the cases above are not vacuous)', () => {
    for (const [name, filter, keep] of filters) {
      if (name === 'wildcards are literal' || filter.departmentIds) continue;
      expect(all.filter(keep).length, name).toBeGreaterThan(0);
      expect(all.filter(keep).length, name).toBeLessThan(all.length);
    }
  });

  const cmp = (a: unknown, b: unknown) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as string) < (b as string) ? -1 : 1);
  const sorts: [ProjectSortKey, (a: ProjectListRow, b: ProjectListRow) => number][] = [
    ['code', (a, b) => cmp(a.code, b.code)],
    ['name', (a, b) => cmp(a.name, b.name)],
    ['budget', (a, b) => cmp(a.budgetTotalFen, b.budgetTotalFen)],
    ['score', (a, b) => cmp(a.qualityScoreHundredths, b.qualityScoreHundredths)],
    ['status', (a, b) => cmp(a.status, b.status)],
    ['updated', (a, b) => cmp(a.updatedAt, b.updatedAt)],
  ];
  it.each(sorts)('sorts by %s both ways, ties by id', async (sort, compare) => {
    const asc = [...all].sort((a, b) => compare(a, b) || a.id - b.id);
    expect(ids((await listProjects(db, {}, page(sort, 'asc'))).rows)).toStrictEqual(ids(asc));
    expect(ids((await listProjects(db, {}, page(sort, 'desc'))).rows)).toStrictEqual(ids(asc).reverse());
  });

  it('sorts by department with each document in its own order', async () => {
    const { rows } = await listProjects(db, {}, page('department'));
    const names = rows.map((r) => r.departmentName);
    expect(names).toStrictEqual([...names].sort());
    const f003 = rows.filter((r) => r.departmentId === fx.f003.departmentId).map((r) => r.id);
    expect(f003).toStrictEqual(fx.f003.projectIds);
  });

  it.each(['asc', 'desc'] as const)('pages the department sort (%s) by document, filtered too, without gaps or repeats', async (order) => {
    for (const filter of [{}, { category: 'unit' as const }, { statuses: ['draft' as const], year: 2025 }]) {
      const whole = await listProjects(db, filter, page('department', order));
      const seen: number[] = [];
      for (let offset = 0; offset < whole.total + 7; offset += 7) {
        const { rows, total } = await listProjects(db, filter, page('department', order, offset, 7));
        expect(total).toBe(whole.total);
        seen.push(...ids(rows));
      }
      expect(seen).toStrictEqual(ids(whole.rows));
      if (order === 'desc') expect(ids(whole.rows)).toStrictEqual(ids((await listProjects(db, filter, page('department', 'asc'))).rows).reverse());
    }
  });

  it('pages without gaps or repeats', async () => {
    const seen: number[] = [];
    for (let offset = 0; offset < all.length; offset += 7) {
      const { rows, total } = await listProjects(db, {}, page('score', 'desc', offset, 7));
      expect(total).toBe(all.length);
      seen.push(...ids(rows));
    }
    expect(seen).toStrictEqual(ids((await listProjects(db, {}, page('score', 'desc'))).rows));
    expect((await listProjects(db, {}, page('code', 'asc', 10_000, 20))).rows).toStrictEqual([]);
  });
});

describe('loadProjectPage', () => {
  it('gives what findProjectState, loadProject and the stored findings give, in one row query', async () => {
    const ids = [fx.f000.projectIds[0]!, fx.f001.projectIds[7]!, fx.f003.projectIds[14]!];
    await db.updateTable('project').set({ updatedAt: '2025-03-01T08:00:00.000Z', updatedBy: '张三', version: 2 }).where('id', '=', ids[1]!).execute();
    for (const id of ids) {
      const page = (await loadProjectPage(db, id))!;
      expect(page.state).toStrictEqual(await findProjectState(db, id));
      expect(page.project).toStrictEqual(await loadProject(db, id));
      const stored = await db.selectFrom('projectFindings').select('findings').where('projectId', '=', id).executeTakeFirstOrThrow();
      expect(page.findings).toStrictEqual(JSON.parse(stored.findings));
    }
    expect(await loadProjectPage(db, 999_999)).toBeUndefined();
  });
});
