/**
 * The reviewers' dashboard (reviewers only): one year's aggregates. They read every
 * project of the year (100,000 in a province), so the whole answer is a cached aggregate, kept
 * until the data changes. With more than DASHBOARD_MAX_DEPARTMENTS departments the per-unit
 * charts go by region instead of by department.
 */
import { fullStatusCounts } from '../../../shared/api/departments';
import { DASHBOARD_MAX_DEPARTMENTS, type DashboardResponse } from '../../../shared/api/dashboard';
import { PROJECT_STATUSES } from '../../../shared/domain/workflow';
import { FINDING_CATEGORIES } from '../../../shared/review/types';
import { findingsByCategory, gradeCounts, listCurrentYears, mergeRegionRows, regionSummaries, scoreBuckets, yearTotals } from '../../db/dashboard.repository';
import { listDepartmentYears } from '../../db/department.repository';
import { departmentRegionsWithin, regionNames } from '../../db/region.repository';
import { ancestorCodes, isWithin, regionLevel } from '../../../shared/domain/region';
import type { Db } from '../../db/schema';
import { cachedAggregate } from '../cache/aggregate-cache';
import { averageScore } from '../departments/departments.service';

const GRADES = ['优', '良', '中', '差'] as const;

/**
 * GET /api/dashboard?year=&region=. `scope`: the region shown and its departments (null: every department of the
 * region's subtree, read here: a region below the account's); `own`: the account's region (how far back up it may go).
 */
export async function getDashboard(
  db: Db,
  query: { year?: number },
  scope: { region: string; departmentIds: readonly number[] | null } | null = null,
  own: string | null = scope?.region ?? null,
): Promise<DashboardResponse> {
  return cachedAggregate(db, `dashboard ${query.year ?? 'latest'} ${scope?.region ?? 'all'} ${own ?? 'all'}`, async () => {
    const departmentIds = scope === null ? null : (scope.departmentIds ?? [...(await departmentRegionsWithin(db, scope.region)).keys()]);
    return computeDashboard(db, query, scope === null ? null : { region: scope.region, departmentIds: departmentIds! }, own);
  });
}

/** The city a district belongs to by its code (130202 → 130200); a city or a province is its own. */
function cityOf(code: string): string {
  return regionLevel(code) === 'county' ? `${code.slice(0, 4)}00` : code;
}

/** The dashboard of the installation, or (scope) of a region's subtree: its departments only. */
async function computeDashboard(db: Db, query: { year?: number }, scope: { region: string; departmentIds: readonly number[] } | null, own: string | null): Promise<DashboardResponse> {
  const region = scope?.region ?? null;
  const years = await listCurrentYears(db, region);
  const year = query.year ?? years[0] ?? null;
  // the region shown, and the one above it the account may go back to
  const parent = region === null || region === own ? null : (ancestorCodes(region).find((c) => own === null || isWithin(c, own)) ?? null);
  const named = await regionNames(db, [region, parent].filter((c): c is string => c !== null));
  const result: DashboardResponse = {
    year,
    region: region === null ? null : { code: region, name: named.get(region) ?? region },
    parentRegion: parent === null ? null : { code: parent, name: named.get(parent) ?? parent },
    years,
    totals: { departments: 0, projects: 0, budgetTotalFen: 0 },
    groupBy: 'department',
    groups: [],
    findingsByCategory: FINDING_CATEGORIES.map((category) => ({ category, findings: 0, projects: 0 })),
    gradeCounts: GRADES.map((grade) => ({ grade, count: 0 })),
    statusCounts: fullStatusCounts({}),
    scoreHistogram: Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: 0 })),
  };
  if (year === null) return result;

  const [totals, categories, grades, buckets] = await Promise.all([yearTotals(db, year, region), findingsByCategory(db, year, region), gradeCounts(db, year, region), scoreBuckets(db, year, region)]);
  result.totals = totals;
  // A city's or a province's account sees its districts side by side (the roll-up, issue 32); a
  // district's, or the whole installation's with few departments, its departments.
  const rollUp = region !== null && regionLevel(region) !== 'county';
  if (!rollUp && totals.departments <= DASHBOARD_MAX_DEPARTMENTS) {
    result.groups = (await listDepartmentYears(db, { year, ...(scope === null ? {} : { departmentIds: scope.departmentIds, region: scope.region }) })).map((d) => ({
      departmentId: d.departmentId,
      code: d.code,
      name: d.name,
      departmentCount: 1,
      projectCount: d.projectCount,
      budgetTotalFen: d.budgetTotalFen,
      avgScore: averageScore(d.avgScoreHundredths),
      statusCounts: fullStatusCounts(d.statusCounts),
    }));
  } else {
    result.groupBy = 'region';
    // a province sees its cities, each a click away from its districts (issue 58); a city its districts
    const byDistrict = await regionSummaries(db, year, region);
    const rows = region !== null && regionLevel(region) === 'province' ? mergeRegionRows(byDistrict, cityOf) : byDistrict;
    const names = await regionNames(db, rows.flatMap((r) => (r.region === null ? [] : [r.region])));
    result.groups = rows.map((r) => ({
      departmentId: null,
      code: r.region,
      name: r.region === null ? '未划分区划' : (names.get(r.region) ?? r.region),
      departmentCount: r.departmentCount,
      projectCount: r.projectCount,
      budgetTotalFen: r.budgetTotalFen,
      avgScore: averageScore(r.avgScoreHundredths),
      statusCounts: fullStatusCounts(r.statusCounts),
    }));
  }
  for (const c of categories) {
    const entry = result.findingsByCategory.find((e) => e.category === c.category);
    if (entry) Object.assign(entry, { findings: c.findings, projects: c.projects });
  }
  for (const g of grades) {
    const entry = result.gradeCounts.find((e) => e.grade === g.grade);
    if (entry) entry.count = g.count;
  }
  for (const b of buckets) result.scoreHistogram[Math.min(9, Math.max(0, b.bucket))]!.count += b.count;
  for (const g of result.groups) for (const s of PROJECT_STATUSES) result.statusCounts[s] += g.statusCounts[s];
  return result;
}
