/**
 * The reviewers' dashboard (reviewer and admin only): one year's aggregates.
 */
import { fullStatusCounts } from '../../../shared/api/departments';
import type { DashboardResponse } from '../../../shared/api/dashboard';
import { PROJECT_STATUSES } from '../../../shared/domain/workflow';
import { FINDING_CATEGORIES } from '../../../shared/review/types';
import { findingsByCategory, gradeCounts, listCurrentYears, scoreBuckets } from '../../db/dashboard.repository';
import { listDepartmentYears } from '../../db/department.repository';
import type { Db } from '../../db/schema';
import { averageScore } from '../departments/departments.service';

const GRADES = ['优', '良', '中', '差'] as const;

/** GET /api/dashboard?year=. */
export async function getDashboard(db: Db, query: { year?: number }): Promise<DashboardResponse> {
  const years = await listCurrentYears(db);
  const year = query.year ?? years[0] ?? null;
  const empty = (): DashboardResponse => ({
    year,
    years,
    departments: [],
    findingsByCategory: FINDING_CATEGORIES.map((category) => ({ category, findings: 0, projects: 0 })),
    gradeCounts: GRADES.map((grade) => ({ grade, count: 0 })),
    statusCounts: fullStatusCounts({}),
    scoreHistogram: Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: 0 })),
  });
  if (year === null) return empty();

  const [departments, categories, grades, buckets] = await Promise.all([
    listDepartmentYears(db, { year }),
    findingsByCategory(db, year),
    gradeCounts(db, year),
    scoreBuckets(db, year),
  ]);
  const result = empty();
  result.departments = departments.map((d) => ({
    id: d.departmentId,
    name: d.name,
    projectCount: d.projectCount,
    budgetTotalFen: d.budgetTotalFen,
    avgScore: averageScore(d.avgScoreHundredths),
    statusCounts: fullStatusCounts(d.statusCounts),
  }));
  for (const c of categories) {
    const entry = result.findingsByCategory.find((e) => e.category === c.category);
    if (entry) Object.assign(entry, { findings: c.findings, projects: c.projects });
  }
  for (const g of grades) {
    const entry = result.gradeCounts.find((e) => e.grade === g.grade);
    if (entry) entry.count = g.count;
  }
  for (const b of buckets) result.scoreHistogram[Math.min(9, Math.max(0, b.bucket))]!.count += b.count;
  for (const d of result.departments) for (const s of PROJECT_STATUSES) result.statusCounts[s] += d.statusCounts[s];
  return result;
}
