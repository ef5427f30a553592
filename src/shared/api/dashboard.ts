/**
 * The reviewers' dashboard: budgets and projects by department, findings by category, grades,
 * statuses and the distribution of quality scores, for one year.
 */
import { z } from 'zod';
import { fenSchema, findingCategorySchema, reviewGradeSchema } from './model';
import { statusCountsSchema } from './departments';

export const dashboardQuerySchema = z.object({
  year: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1900).max(2999).optional()),
});

export const dashboardResponseSchema = z.object({
  /** The year shown: the one asked for, else the latest; null when nothing is imported. */
  year: z.number().int().nullable(),
  /** Years with current documents, newest first. */
  years: z.array(z.number().int()),
  departments: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      projectCount: z.number().int(),
      budgetTotalFen: fenSchema,
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
