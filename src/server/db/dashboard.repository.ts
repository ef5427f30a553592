/**
 * Aggregates for the reviewers' dashboard, over the projects of current documents of one year.
 */
import { sql } from 'kysely';
import { PROJECT_STATUSES, type ProjectStatus } from '../../shared/domain/workflow';
import { budgetInForceOf, fenTotal, intFromDb, sumFen, sumOf } from './document.repository';
import { partitionConditions } from './partitioning';
import { departmentsWithin } from './region.repository';
import type { Db } from './schema';

/** Years with a current document, newest first. */
export async function listCurrentYears(db: Db, region: string | null = null): Promise<number[]> {
  const rows = await db
    .selectFrom('document')
    .select('year')
    .distinct()
    .where('isCurrent', '=', 1)
    .where('departmentId', 'is not', null)
    .$if(region !== null, (q) => q.where('departmentId', 'in', departmentsWithin(db, region!)))
    .where('year', 'is not', null)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => r.year!);
}

/**
 * The current projects of a year; of `region`'s subtree (its departments') when given. The year
 * and the region are said of the project rows too (partitionConditions), so that the partitioned
 * layout is read in the year's and the subtree's partitions only (partitioning.ts).
 */
function currentProjectsOf(db: Db, year: number, region: string | null) {
  return db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .where('d.isCurrent', '=', 1)
    .where('d.departmentId', 'is not', null)
    .$if(region !== null, (q) => q.where('d.departmentId', 'in', departmentsWithin(db, region!)))
    .where('d.year', '=', year)
    .$call((q) => partitionConditions(db, 'p', { region, year }).reduce((w, condition) => w.where(condition), q));
}

/** Per finding category: findings in all, and projects with at least one. */
export async function findingsByCategory(db: Db, year: number, region: string | null = null): Promise<{ category: string; findings: number; projects: number }[]> {
  const rows = await currentProjectsOf(db, year, region)
    .innerJoin('projectFindingCategory as c', 'c.projectId', 'p.id')
    .select((eb) => ['c.category', eb.fn.sum<number | string>('c.count').as('findings'), eb.fn.countAll<number | string>().as('projects')])
    .groupBy('c.category')
    .execute();
  return rows.map((r) => ({ category: r.category, findings: intFromDb(r.findings), projects: intFromDb(r.projects) }));
}

/** Projects per review grade (null: not reviewed). */
export async function gradeCounts(db: Db, year: number, region: string | null = null): Promise<{ grade: string | null; count: number }[]> {
  const rows = await currentProjectsOf(db, year, region)
    .select((eb) => ['p.qualityGrade', eb.fn.countAll<number | string>().as('n')])
    .groupBy('p.qualityGrade')
    .execute();
  return rows.map((r) => ({ grade: r.qualityGrade, count: intFromDb(r.n) }));
}

/** Projects per tenth of the score range: bucket 0 is [0, 10), …, 9 is [90, 100) and 10 is exactly 100. */
export async function scoreBuckets(db: Db, year: number, region: string | null = null): Promise<{ bucket: number; count: number }[]> {
  // Integer division of integer hundredths: the same in SQLite and PostgreSQL.
  const bucket = sql<number>`${sql.ref('p.qualityScore')} / 1000`;
  const rows = await currentProjectsOf(db, year, region)
    .where('p.qualityScore', 'is not', null)
    .select((eb) => [bucket.as('bucket'), eb.fn.countAll<number | string>().as('n')])
    .groupBy(bucket)
    .execute();
  return rows.map((r) => ({ bucket: Number(r.bucket), count: intFromDb(r.n) }));
}

/** The year's totals: departments with a current document, their projects and budget. */
export async function yearTotals(db: Db, year: number, region: string | null = null): Promise<{ departments: number; projects: number; budgetTotalFen: number }> {
  const row = await currentProjectsOf(db, year, region)
    .select((eb) => [
      eb.fn.count<number | string>('d.departmentId').distinct().as('departments'),
      eb.fn.countAll<number | string>().as('projects'),
      ...sumFen(budgetInForceOf('p'), 'budget'),
    ])
    .executeTakeFirstOrThrow();
  return { departments: intFromDb(row.departments), projects: intFromDb(row.projects), budgetTotalFen: fenTotal(row.budgetHigh, row.budgetLow) };
}

export interface RegionRow {
  /** The projects' region (region_code: their department's, else their code's); null for projects without one. */
  region: string | null;
  departmentCount: number;
  projectCount: number;
  budgetTotalFen: number;
  /** Mean of the reviewed projects' scores, in hundredths (unrounded); null when none is reviewed. */
  avgScoreHundredths: number | null;
  /** How many projects the mean is over (the reviewed ones). */
  scoreCount?: number;
  statusCounts: Partial<Record<ProjectStatus, number>>;
}

/**
 * Per region of the projects (region_code, what access and the partitions go by: a county's
 * projects without a code count in their department's county), in code order, those without a
 * region first.
 */
export async function regionSummaries(db: Db, year: number, region: string | null = null): Promise<RegionRow[]> {
  const projectRegion = sql<string | null>`${sql.ref('p.regionCode')}`;
  const rows = await currentProjectsOf(db, year, region)
    .select((eb) => [
      projectRegion.as('region'),
      eb.fn.count<number | string>('d.departmentId').distinct().as('departments'),
      eb.fn.countAll<number | string>().as('projects'),
      ...sumFen(budgetInForceOf('p'), 'budget'),
      // sum / count, divided by the caller (see listDepartmentYears)
      eb.fn.sum<number | string | null>('p.qualityScore').as('scoreSum'),
      eb.fn.count<number | string>('p.qualityScore').as('scoreCount'),
      // aliased by position: a status's own name (unit_submitted) would come back renamed by the CamelCasePlugin
      ...PROJECT_STATUSES.map((status, i) =>
        eb.fn.sum<number | string | null>(sql<number>`case when ${sql.ref('p.status')} = ${status} then 1 else 0 end`).as(`status${i}`),
      ),
    ])
    .groupBy(projectRegion)
    .orderBy(projectRegion, (ob) => ob.asc().nullsFirst())
    .execute();
  return rows.map((r) => ({
    region: r.region,
    departmentCount: sumOf(r.departments),
    projectCount: sumOf(r.projects),
    budgetTotalFen: fenTotal(r.budgetHigh, r.budgetLow),
    avgScoreHundredths: sumOf(r.scoreCount) === 0 ? null : sumOf(r.scoreSum) / sumOf(r.scoreCount),
    scoreCount: sumOf(r.scoreCount),
    statusCounts: Object.fromEntries(
      PROJECT_STATUSES.map((status, i) => [status, sumOf((r as Record<string, unknown>)[`status${i}`])]).filter(([, n]) => n !== 0),
    ),
  }));
}

/**
 * Region rows summed into the region `into` gives each (a province's districts into their cities): counts, budgets
 * and statuses added, the mean score over all the projects (its sums kept: a mean of means would weigh a small
 * district as a large one), in code order, those without a region first. Departments are counted per row they were
 * read in: a department lies in one district.
 */
export function mergeRegionRows(rows: readonly RegionRow[], into: (code: string) => string): RegionRow[] {
  const merged = new Map<string | null, RegionRow & { scoreSum: number; scoreCount: number }>();
  for (const r of rows) {
    const key = r.region === null ? null : into(r.region);
    const m = merged.get(key) ?? { region: key, departmentCount: 0, projectCount: 0, budgetTotalFen: 0, avgScoreHundredths: null, statusCounts: {}, scoreSum: 0, scoreCount: 0 };
    m.departmentCount += r.departmentCount;
    m.projectCount += r.projectCount;
    m.budgetTotalFen += r.budgetTotalFen;
    const scored = r.avgScoreHundredths === null ? 0 : (r.scoreCount ?? 0);
    m.scoreSum += r.avgScoreHundredths === null ? 0 : r.avgScoreHundredths * scored;
    m.scoreCount += scored;
    for (const [status, n] of Object.entries(r.statusCounts) as [ProjectStatus, number][]) m.statusCounts[status] = (m.statusCounts[status] ?? 0) + n;
    merged.set(key, m);
  }
  return [...merged.values()]
    .map(({ scoreSum, scoreCount, ...m }) => ({ ...m, scoreCount, avgScoreHundredths: scoreCount === 0 ? null : scoreSum / scoreCount }))
    .sort((a, b) => (a.region === null ? -1 : b.region === null ? 1 : a.region.localeCompare(b.region)));
}
