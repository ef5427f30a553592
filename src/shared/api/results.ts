/**
 * Request and response schemas of 结果运用 (using the evaluation results): a project's results
 * sheet with the suggested and decided consequence, the decision input, the department and region
 * reports, and what the public pages show. Validation, OpenAPI and the browser's types.
 *
 * Money is integer fen (names end in Fen); percentages are numbers with at most two decimals (80
 * means 80% of this year's budget).
 */
import { z } from 'zod';
import { CONSEQUENCES } from '../domain/results-use';
import { fenTotalSchema } from './model';
import { departmentRefSchema, evaluationGradeSchema, monitoringProjectRefSchema, requiredYearQuerySchema } from './monitoring';

const fen = z.number().int('金额须为整数分').refine(Number.isSafeInteger, '金额超出范围');

export const consequenceSchema = z.enum(CONSEQUENCES);

export const suggestionSchema = z.object({
  consequence: consequenceSchema,
  percent: z.number(),
  amountFen: fen.nullable(),
  /** Every rule that applies, the deciding one first. */
  rules: z.array(
    z.object({
      rule: z.enum(['grade', 'execution-below', 'score-below', 'unexplained-deviations']),
      consequence: consequenceSchema,
      percent: z.number(),
      because: z.string(),
    }),
  ),
});

export const resultsDecisionSchema = z.object({
  consequence: consequenceSchema,
  percent: z.number(),
  amountFen: fen.nullable(),
  overridden: z.boolean(),
  reason: z.string().nullable(),
  suggestedConsequence: consequenceSchema,
  suggestedPercent: z.number(),
  decidedAt: z.string(),
  decidedBy: z.string(),
  /** The self-evaluation or the rules changed since: the suggestion now differs from the one decided on. */
  stale: z.boolean(),
});

/** A project's line in a report: the sheet without the deviation details. */
export const resultsRowSchema = z.object({
  project: monitoringProjectRefSchema,
  /** 全年预算数 as self-evaluated, else 年初预算数: next year's percentage applies to it. */
  budgetFen: fen.nullable(),
  grade: evaluationGradeSchema.nullable(),
  total: z.number().nullable(),
  executionRatePercent: z.number().nullable(),
  evaluationComplete: z.boolean(),
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
  suggestion: suggestionSchema.nullable(),
  decision: resultsDecisionSchema.nullable(),
});
export type ResultsRow = z.infer<typeof resultsRowSchema>;

/** GET /api/projects/:id/results */
export const resultsSheetSchema = resultsRowSchema.extend({
  configId: z.string(),
  monitoringAsOf: z.string().nullable(),
  deviations: z.array(
    z.object({ source: z.enum(['自评', '监控']), item: z.string(), detail: z.string(), reason: z.string().nullable(), measure: z.string().nullable() }),
  ),
  /** Whether the signed-in user may decide (reviewers and admins, once the project has a self-evaluation). */
  canDecide: z.boolean(),
});
export type ResultsSheet = z.infer<typeof resultsSheetSchema>;

const consequenceTotalsSchema = z.object({ count: z.number().int(), budgetFen: fenTotalSchema, nextYearFen: fenTotalSchema });
const gradeCountsSchema = z.object({ 优: z.number().int(), 良: z.number().int(), 中: z.number().int(), 差: z.number().int() });

export const resultsTotalsSchema = z.object({
  projectCount: z.number().int(),
  evaluatedCount: z.number().int(),
  decidedCount: z.number().int(),
  overriddenCount: z.number().int(),
  gradeCounts: gradeCountsSchema,
  byConsequence: z.object(Object.fromEntries(CONSEQUENCES.map((c) => [c, consequenceTotalsSchema])) as Record<(typeof CONSEQUENCES)[number], typeof consequenceTotalsSchema>),
  /** This year's budget of every project, and of the evaluated ones. */
  budgetFen: fenTotalSchema,
  evaluatedBudgetFen: fenTotalSchema,
  nextYearFen: fenTotalSchema,
  /** nextYearFen − evaluatedBudgetFen */
  changeFen: fenTotalSchema,
});
export type ResultsTotals = z.infer<typeof resultsTotalsSchema>;

/** GET /api/results and /api/departments/:id/results: the report (绩效评价结果应用情况). */
export const resultsReportSchema = z.object({
  year: z.number().int(),
  /** null for the whole region. */
  department: departmentRefSchema.nullable(),
  totals: resultsTotalsSchema,
  departments: z.array(z.object({ department: departmentRefSchema, totals: resultsTotalsSchema })),
  projects: z.array(resultsRowSchema),
});
export type ResultsReport = z.infer<typeof resultsReportSchema>;

/** PUT /api/projects/:id/results/decision */
export const resultsDecisionInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note: z.string().max(2000, '最多 2000 个字符').nullable().optional() }),
  z.object({
    action: z.literal('override'),
    consequence: consequenceSchema,
    /** Next year's budget as a percent of this year's, at most two decimals. */
    percent: z.number(),
    reason: z.string().max(2000, '最多 2000 个字符'),
  }),
]);
export type ResultsDecisionInput = z.infer<typeof resultsDecisionInputSchema>;

export const resultsYearQuerySchema = requiredYearQuerySchema;

/** What the public pages show of a project's results (only where the region publishes them). */
export const publicProjectResultsSchema = z.object({
  projectId: z.number().int(),
  grade: evaluationGradeSchema,
  total: z.number(),
  /** The decided consequence; null while the finance bureau has not decided. */
  consequence: consequenceSchema.nullable(),
  /**
   * Which result is in force when a 目标调整 re-scored a published self-evaluation (issue 71): the published one while
   * the re-score waits, or the re-score once accepted, with what it replaced; null when never re-scored.
   */
  note: z.string().nullable().optional(),
});
export type PublicProjectResults = z.infer<typeof publicProjectResultsSchema>;

export const publicDepartmentResultsSchema = z.object({
  departmentId: z.number().int(),
  year: z.number().int(),
  projects: z.array(publicProjectResultsSchema.extend({ name: z.string(), code: z.string().nullable() })),
});
export type PublicDepartmentResults = z.infer<typeof publicDepartmentResultsSchema>;
