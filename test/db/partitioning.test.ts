/**
 * The national layout (docs/scaling.md; src/server/db/partitioning.ts), PostgreSQL only: the
 * project table partitioned by year, then by region. The same documents are stored through the
 * normal import (storeDocument) into a plain database and into a partitioned one; the
 * repositories' reads give the same results on both, the rows land in their year's and region's
 * partition, and a query that names the year and the region is planned against that partition
 * alone (partition pruning in EXPLAIN).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDepartmentWithDocuments, listDepartmentYears } from '../../src/server/db/department.repository';
import { partitionProjects, regionPartition, regionUpperBound, yearPartition } from '../../src/server/db/partitioning';
import { listDocumentProjects, listProjects, loadProjectPage, type Memo, type ProjectSortKey } from '../../src/server/db/project.repository';
import type { Db } from '../../src/server/db/schema';
import { generateCorpus } from '../../src/server/demo-corpus/generate-corpus';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { importAllFixtures } from '../server/domain-support';
import { FIXTURE_DIR } from '../support/fixtures';
import { openTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/test-database';

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

beforeAll(async () => {
  if (!postgres) return;
  [plainDb, partitionedDb] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  plain = plainDb.db;
  partitioned = partitionedDb.db;
  await storeAll(plain);
  // The years and regions the data has, laid out before the partitioned database gets any row.
  const keys = await plain
    .selectFrom('project')
    .select(['year', sql<string>`substr(code, 1, 6)`.as('region')])
    .distinct()
    .where('year', 'is not', null)
    .where(sql<boolean>`code ~ '^[0-9]{6}'`)
    .execute();
  layout = { years: [...new Set(keys.map((k) => k.year!))].sort(), regions: [...new Set(keys.map((k) => k.region))].sort() };
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
    let placed = 0;
    for (const year of layout.years) {
      for (const region of layout.regions) {
        const { rows } = await sql<{ year: number; code: string }>`select year, code from ${sql.id(regionPartition(year, region))}`.execute(partitioned);
        expect(rows.every((r) => r.year === year && r.code.startsWith(region))).toBe(true);
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
        .where('p.year', '=', year)
        .where('p.code', '>=', region)
        .where('p.code', '<', regionUpperBound(region))
        .orderBy('p.code');
    const read = (await relationsRead(partitioned, district(partitioned).compile())).filter((r) => r.startsWith('project'));
    expect(read).toStrictEqual([regionPartition(year, region)]);
    expect(await district(partitioned).execute()).toStrictEqual(await district(plain).execute());
    expect((await district(plain).execute()).length).toBeGreaterThan(0);

    // One project by id with its year and region known (the project page, routed to one partition).
    const one = await district(plain).executeTakeFirstOrThrow();
    const byId = partitioned.selectFrom('project').select(['id', 'name']).where('id', '=', one.id).where('year', '=', year).where('code', '>=', region).where('code', '<', regionUpperBound(region));
    expect(await relationsRead(partitioned, byId.compile())).toStrictEqual([regionPartition(year, region)]);

    // Without the region the year's partitions are all read; without the year, every year's.
    const wholeYear = (await relationsRead(partitioned, partitioned.selectFrom('project').select('id').where('year', '=', year).compile())).sort();
    expect(wholeYear).toStrictEqual([...layout.regions.map((r) => regionPartition(year, r)), `${yearPartition(year)}_rest`].sort());
    const everything = await relationsRead(partitioned, partitioned.selectFrom('project').select('id').compile());
    expect(everything.length).toBe(layout.years.length * (layout.regions.length + 1) + 1);
  });
});
