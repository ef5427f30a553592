/**
 * The reviewers' dashboard: budgets and projects by department (by region at province scale),
 * findings by category, grades, statuses and the distribution of quality scores, for one year.
 */
import { z } from 'zod';
import { fenTotalSchema, findingCategorySchema, reviewGradeSchema } from './model';
import { statusCountsSchema } from './departments';

/** Above this many departments in a year, the dashboard groups by region. */
export const DASHBOARD_MAX_DEPARTMENTS = 40;

export const dashboardQuerySchema = z.object({
  year: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1900).max(2999).optional()),
  /** A region within the account's (a city of a province's account, a district): its roll-up, one click below (issue 58). */
  region: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^\d{6}$/, '区划代码应为六位数字').optional()),
});

export const dashboardResponseSchema = z.object({
  /** The year shown: the one asked for, else the latest; null when nothing is imported. */
  year: z.number().int().nullable(),
  /** The region shown (the account's, or one below it asked for) with its name; null: the whole installation. */
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** The region one level up that the account may see (back from a drill-down); null: none. */
  parentRegion: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** Years with current documents, newest first. */
  years: z.array(z.number().int()),
  /** The year's totals over all departments. */
  totals: z.object({ departments: z.number().int(), projects: z.number().int(), budgetTotalFen: fenTotalSchema }),
  /**
   * What the per-unit charts show: each department while there are few (DASHBOARD_MAX_DEPARTMENTS),
   * else each region (行政区划: the first six digits of the project codes), so that a province's
   * thousands of departments become about a hundred bars.
   */
  groupBy: z.enum(['department', 'region']),
  /**
   * Departments by name, or regions by code: a province's cities (each a click away from its districts), a
   * city's districts. Each group's statusCounts add up to its projectCount, every status counted (issue 58).
   */
  groups: z.array(
    z.object({
      /** The department's id; null for a region. */
      departmentId: z.number().int().nullable(),
      /** The department's code, or the region's six digits (null: projects whose codes name no region). */
      code: z.string().nullable(),
      name: z.string(),
      departmentCount: z.number().int(),
      projectCount: z.number().int(),
      budgetTotalFen: fenTotalSchema,
      avgScore: z.number().nullable(),
      statusCounts: statusCountsSchema,
    }),
  ),
  /** Every category, also those without findings. */
  findingsByCategory: z.array(z.object({ category: findingCategorySchema, findings: z.number().int(), projects: z.number().int() })),
  /** 优 良 中 差, in that order, zeros included. */
  gradeCounts: z.array(z.object({ grade: reviewGradeSchema, count: z.number().int() })),
  statusCounts: statusCountsSchema,
  /** Ten bands of ten points: [0,10) … [90,100] (the last includes 100). */
  scoreHistogram: z.array(z.object({ from: z.number().int(), to: z.number().int(), count: z.number().int() })),
});
export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;
