/**
 * The national layout (docs/scaling.md; src/server/db/partitioning.ts), PostgreSQL only: the
 * project table partitioned by year (its document's), then by region (region_code). The same documents are stored
 * through the normal import (storeDocument) into a plain database and into a partitioned one; the
 * repositories' reads give the same results on both, the rows land in their year's and region's
 * partition, a query that names the year and the region is planned against that partition alone,
 * and every statement of a county reviewer's list, department page and dashboard, and of its
 * city's roll-up, reads the county's (the city's) partitions only, of the year asked for when one is
 * (partition pruning in EXPLAIN).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDepartmentWithDocuments, listDepartmentYears } from '../../src/server/db/department.repository';
import { partitionProjects, regionPartition, yearPartition } from '../../src/server/db/partitioning';
import { listDocumentProjects, listProjects, loadProjectPage, type Memo, type ProjectSortKey } from '../../src/server/db/project.repository';
import type { Db } from '../../src/server/db/schema';
import { generateCorpus } from '../../src/server/demo-corpus/generate-corpus';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { importAllFixtures } from '../server/domain-support';
import { FIXTURE_DIR } from '../support/fixtures';
import { openTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/test-database';
import type { SessionUser } from '../../src/shared/api/auth';
import { projectListQuerySchema } from '../../src/shared/api/projects';
import { isWithin } from '../../src/shared/domain/region';
import { loadRegionAccess, scopeDepartmentIds } from '../../src/server/app/auth';
import { getDashboard } from '../../src/server/modules/dashboard/dashboard.service';
import { getDepartmentDetail, listDepartmentsFor } from '../../src/server/modules/departments/departments.service';
import { listProjectsFor } from '../../src/server/modules/projects/projects.service';

const postgres = TEST_DIALECT === 'postgres';
let plainDb: TestDatabase;
let partitionedDb: TestDatabase;
let plain: Db;
let partitioned: Db;
let layout: { years: number[]; regions: string[] };

async function storeAll(db: Db): Promise<void> {
  await importAllFixtures(db);
  const corpus = await generateCorpus({ documents: 12, tablesPerDocument: 6, seed: 7, fixtureDir: FIXTURE_DIR });
  for (const generated of corpus) {
    await storeDocument(db, await parseDocumentBytes(Buffer.from(generated.text, 'utf8'), generated.file), { now: new Date('2025-01-01T00:00:00.000Z') });
  }
}

/** Without the import times (the fixtures are stored at the time of the run, a few seconds apart in the two databases). */
const timeless = (value: unknown) => JSON.parse(JSON.stringify(value, (key, v) => (key === 'updatedAt' || key === 'importedAt' ? '…' : v)));

/** Every relation a plan reads (EXPLAIN's JSON). */
async function relationsRead(db: Db, query: { sql: string; parameters: readonly unknown[] }): Promise<string[]> {
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': unknown }>({ ...query, sql: `explain (format json) ${query.sql}`, query: query as never } as never);
  const out: string[] = [];
  const walk = (node: Record<string, unknown>) => {
    if (typeof node['Relation Name'] === 'string') out.push(node['Relation Name']);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  const plan = rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[];
  walk(plan[0]!.Plan);
  return out;
}

/** The statements `work` runs on `db` (its executor's, which the query builders and compiled statements go through), with their parameters. */
async function statementsOf(db: Db, work: () => Promise<unknown>): Promise<{ sql: string; parameters: readonly unknown[] }[]> {
  const executor = db.getExecutor() as unknown as { executeQuery: (query: { sql: string; parameters: readonly unknown[] }, ...rest: unknown[]) => Promise<unknown> };
  const original = executor.executeQuery;
  const seen: { sql: string; parameters: readonly unknown[] }[] = [];
  executor.executeQuery = function (query, ...rest) {
    seen.push({ sql: query.sql, parameters: query.parameters });
    return original.call(this, query, ...rest);
  };
  try {
    await work();
  } finally {
    executor.executeQuery = original;
  }
  return seen;
}

/** The partitions of project (and the table itself) a statement's plan reads; none when it reads no project. */
async function projectRelationsRead(db: Db, statement: { sql: string; parameters: readonly unknown[] }): Promise<string[]> {
  if (!/"project"/.test(statement.sql)) return [];
  return (await relationsRead(db, statement)).filter((r) => /^project(_y\d+(_r\d+|_rest))?$|^project_rest$/.test(r));
}

/** A reviewer of `region` (a county or a city), its departments loaded as a request's session does. */
async function regionalReviewer(db: Db, region: string): Promise<SessionUser> {
  const user: SessionUser = { id: 1, username: `r${region}`, displayName: '审核', role: 'reviewer', departmentId: null, departmentName: null, mustChangePassword: false, regionCode: region };
  await loadRegionAccess(db, user);
  return user;
}

beforeAll(async () => {
  if (!postgres) return;
  [plainDb, partitionedDb] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  plain = plainDb.db;
  partitioned = partitionedDb.db;
  await storeAll(plain);
  // The years and regions the data has, laid out before the partitioned database gets any row.
  const keys = await plain.selectFrom('project').select(['documentYear', 'regionCode']).distinct().where('documentYear', 'is not', null).where('regionCode', 'is not', null).execute();
  layout = { years: [...new Set(keys.map((k) => k.documentYear!))].sort(), regions: [...new Set(keys.map((k) => k.regionCode!))].sort() };
  await partitionProjects(partitioned, layout);
  await storeAll(partitioned);
}, 120_000);
afterAll(async () => {
  await plainDb?.close();
  await partitionedDb?.close();
});

describe.runIf(postgres)('the project table partitioned by year and region (PostgreSQL)', () => {
  it('is partitioned, and every project landed in its year and region', async () => {
    expect(layout.years.length).toBeGreaterThan(1);
    expect(layout.regions.length).toBeGreaterThan(1);
    const { rows: kind } = await sql<{ relkind: string }>`select relkind from pg_class where relname = 'project'`.execute(partitioned);
    expect(kind[0]!.relkind).toBe('p');
    // with the plain table's triggers: the data version, the monitoring figures' queue
    const triggers = async (db: Db) => (await sql<{ tgname: string }>`select tgname from pg_trigger where tgrelid = 'project'::regclass and not tgisinternal order by tgname`.execute(db)).rows.map((r) => r.tgname);
    expect(await triggers(partitioned)).toStrictEqual(await triggers(plain));
    expect((await triggers(plain)).length).toBeGreaterThan(1);
    let placed = 0;
    for (const year of layout.years) {
      for (const region of layout.regions) {
        const { rows } = await sql<{ documentYear: number; regionCode: string }>`select document_year, region_code from ${sql.id(regionPartition(year, region))}`.execute(partitioned);
        expect(rows.every((r) => r.documentYear === year && r.regionCode === region)).toBe(true);
        placed += rows.length;
      }
    }
    const total = await partitioned.selectFrom('project').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(placed).toBeGreaterThan(0);
    expect(placed).toBeLessThanOrEqual(Number(total.n));
  });

  it('gives the same lists, project pages and department pages as the plain table', async () => {
    const recompute: Memo = (_key, compute) => compute();
    const sorts: ProjectSortKey[] = ['department', 'code', 'budget', 'score', 'updated'];
    for (const sort of sorts) {
      for (const filter of [{}, { year: layout.years[0] }, { statuses: ['draft' as const] }, { q: '经费' }]) {
        const page = { sort, order: 'desc' as const, offset: 3, limit: 40 };
        expect(timeless(await listProjects(partitioned, filter, page, { memo: recompute })), `${sort} ${JSON.stringify(filter)}`).toStrictEqual(
          timeless(await listProjects(plain, filter, page, { memo: recompute })),
        );
        expect(timeless(await listProjects(partitioned, filter, page))).toStrictEqual(timeless(await listProjects(plain, filter, page)));
      }
    }
    const ids = await plain.selectFrom('project').select('id').orderBy('id').execute();
    expect(ids.length).toBeGreaterThan(50);
    for (const { id } of ids.filter((_, i) => i % 7 === 0)) expect(timeless(await loadProjectPage(partitioned, id))).toStrictEqual(timeless(await loadProjectPage(plain, id)));
    expect(await listDepartmentYears(partitioned)).toStrictEqual(await listDepartmentYears(plain));
    const departments = await plain.selectFrom('department').select('id').execute();
    for (const { id } of departments) {
      const found = await findDepartmentWithDocuments(partitioned, id);
      expect(timeless(found)).toStrictEqual(timeless(await findDepartmentWithDocuments(plain, id)));
      for (const d of found!.documents) expect(timeless(await listDocumentProjects(partitioned, d.id))).toStrictEqual(timeless(await listDocumentProjects(plain, d.id)));
    }
  });

  it('plans a query that names the year and the region against that one partition', async () => {
    const year = layout.years[0]!;
    const region = layout.regions[0]!;
    const district = (db: Db) =>
      db
        .selectFrom('project as p')
        .innerJoin('document as d', 'd.id', 'p.documentId')
        .select(['p.id', 'p.code', 'p.status'])
        .where('d.isCurrent', '=', 1)
        .where('p.documentYear', '=', year)
        .where('p.regionCode', '=', region)
        .orderBy('p.code');
    const read = (await relationsRead(partitioned, district(partitioned).compile())).filter((r) => r.startsWith('project'));
    expect(read).toStrictEqual([regionPartition(year, region)]);
    expect(await district(partitioned).execute()).toStrictEqual(await district(plain).execute());
    expect((await district(plain).execute()).length).toBeGreaterThan(0);

    // One project by id with its year and region known (the project page, routed to one partition).
    const one = await district(plain).executeTakeFirstOrThrow();
    const byId = partitioned.selectFrom('project').select(['id', 'name']).where('id', '=', one.id).where('documentYear', '=', year).where('regionCode', '=', region);
    expect(await relationsRead(partitioned, byId.compile())).toStrictEqual([regionPartition(year, region)]);

    // Without the region the year's partitions are all read; without the year, every year's.
    const wholeYear = (await relationsRead(partitioned, partitioned.selectFrom('project').select('id').where('documentYear', '=', year).compile())).sort();
    expect(wholeYear).toStrictEqual([...layout.regions.map((r) => regionPartition(year, r)), `${yearPartition(year)}_rest`].sort());
    const everything = await relationsRead(partitioned, partitioned.selectFrom('project').select('id').compile());
    expect(everything.length).toBe(layout.years.length * (layout.regions.length + 1) + 1);
  });

  it("plans every statement of a county reviewer's list, department page and dashboard, and of its city's roll-up, against their regions' (and year's) partitions only", async () => {
    // the county with the most current projects, and its city
    const [top] = await plain
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .select(['p.regionCode', 'd.year', (eb) => eb.fn.countAll<string>().as('n')])
      .where('d.isCurrent', '=', 1)
      .where('p.regionCode', 'is not', null)
      .groupBy(['p.regionCode', 'd.year'])
      .orderBy('n', 'desc')
      .limit(1)
      .execute();
    const county = top!.regionCode!;
    const year = top!.year!;
    const city = `${county.slice(0, 4)}00`;
    // without a year, the county's partition of every year (and the default of no year, which is not partitioned by region)
    const countyPartitions = new Set([...layout.years.map((y) => regionPartition(y, county)), 'project_rest']);
    const countyOfYear = new Set([regionPartition(year, county)]);
    const cityRegions = layout.regions.filter((r) => isWithin(r, city));
    expect(cityRegions.length).toBeGreaterThan(0);
    // a range of regions keeps the year's default partition (no region, or one not laid out): it holds none of the city's projects
    const cityOfYear = new Set([...cityRegions.map((r) => regionPartition(year, r)), `${yearPartition(year)}_rest`]);

    const reads = async (db: Db, work: () => Promise<unknown>) => {
      const read = new Set<string>();
      let reading = 0;
      for (const statement of await statementsOf(db, work)) {
        const relations = await projectRelationsRead(db, statement);
        if (relations.length > 0) reading++;
        for (const r of relations) read.add(r);
      }
      return { read: [...read].sort(), reading };
    };
    const same = async (work: (db: Db, user: SessionUser) => Promise<unknown>, region: string, allowed: ReadonlySet<string>) => {
      const [onPlain, onPartitioned] = [await regionalReviewer(plain, region), await regionalReviewer(partitioned, region)];
      let result: unknown;
      const { read, reading } = await reads(partitioned, async () => (result = await work(partitioned, onPartitioned)));
      expect(reading, work.toString()).toBeGreaterThan(0);
      expect(read.filter((r) => !allowed.has(r)), work.toString()).toStrictEqual([]);
      expect(timeless(result)).toStrictEqual(timeless(await work(plain, onPlain)));
    };
    const countyUser = await regionalReviewer(plain, county);
    const departments = scopeDepartmentIds(countyUser)!;
    expect(departments.length).toBeGreaterThan(0);

    // the county reviewer's list (first page, by score of a year, by department), departments, department pages and dashboard
    for (const query of [{}, { sort: 'department' }]) await same((db, user) => listProjectsFor(db, user, projectListQuerySchema.parse(query)), county, countyPartitions);
    await same((db, user) => listProjectsFor(db, user, projectListQuerySchema.parse({ year: String(year), sort: 'score', order: 'desc' })), county, countyOfYear);
    await same((db, user) => listDepartmentsFor(db, user, { year }), county, countyOfYear);
    for (const id of departments) await same((db, user) => getDepartmentDetail(db, user, id, undefined).catch((e: Error) => e.message), county, countyPartitions);
    await same((db) => getDashboard(db, { year }, { region: county, departmentIds: departments }), county, countyOfYear);
    // the city's roll-up: its counties side by side
    const cityDepartments = scopeDepartmentIds(await regionalReviewer(plain, city))!;
    await same((db) => getDashboard(db, { year }, { region: city, departmentIds: cityDepartments }), city, cityOfYear);
    const cityDashboard = await getDashboard(plain, { year }, { region: city, departmentIds: cityDepartments });
    expect(cityDashboard.groupBy).toBe('region');
    expect(cityDashboard.groups.map((g) => g.code)).toContain(county);
  });
});
