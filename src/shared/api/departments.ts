/**
 * The departments API: one summary per department and year (its current document), one
 * department's page (part one, its projects with totals, document-level findings) and exports.
 */
import { z } from 'zod';
import { PROJECT_STATUSES, type ProjectStatus } from '../domain/workflow';
import {
  departmentGoalsSchema,
  departmentTargetsSchema,
  diagnosticSchema,
  documentFormatSchema,
  fenTotalSchema,
  findingCategorySchema,
  findingSchema,
  formProfileSchema,
  scoreSchema,
  severitySchema,
} from './model';
import { projectListItemSchema, projectStatusSchema } from './projects';

const queryYear = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1900).max(2999).optional());

export const yearQuerySchema = z.object({ year: queryYear });
export type YearQuery = z.output<typeof yearQuerySchema>;

/** Every status with its count (0 when none). */
export const statusCountsSchema = z.record(projectStatusSchema, z.number().int());

/** Counts per status with every status present. */
export function fullStatusCounts(partial: Partial<Record<ProjectStatus, number>>): Record<ProjectStatus, number> {
  return Object.fromEntries(PROJECT_STATUSES.map((s) => [s, partial[s] ?? 0])) as Record<ProjectStatus, number>;
}

export const departmentSummarySchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  year: z.number().int().nullable(),
  documentId: z.number().int(),
  projectCount: z.number().int(),
  indicatorCount: z.number().int(),
  budgetTotalFen: fenTotalSchema,
  fiscalFen: fenTotalSchema,
  otherFen: fenTotalSchema,
  statusCounts: statusCountsSchema,
  /** Mean of the projects' quality scores, two decimals; null when none is scored. */
  avgScore: z.number().nullable(),
  /** The department's region (six-digit 区划 code, issue 32); null when not assigned. */
  regionCode: z.string().nullable(),
});
export type DepartmentSummary = z.infer<typeof departmentSummarySchema>;

export const departmentListResponseSchema = z.object({ items: z.array(departmentSummarySchema) });
export type DepartmentListResponse = z.infer<typeof departmentListResponseSchema>;

export const budgetTotalsSchema = z.object({ budgetTotalFen: fenTotalSchema, fiscalFen: fenTotalSchema, otherFen: fenTotalSchema });

/** GET /api/departments/:id?year= (the latest year when none is given). */
export const departmentDetailSchema = z.object({
  department: z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() }),
  year: z.number().int().nullable(),
  /** Every year with a current document, newest first (a year switcher). */
  years: z.array(z.number().int()),
  document: z.object({
    id: z.number().int(),
    fileName: z.string(),
    importedAt: z.string(),
    format: documentFormatSchema,
    frameworkVersion: z.string(),
    /** The diagnostics of every current document of the year. */
    diagnostics: z.array(diagnosticSchema),
  }),
  /**
   * The year's other current documents: a unit may publish its whole-budget targets table apart,
   * and one form (申报表) per project (shared/domain/document-scope.ts). `document` is the
   * department's document when there is one; the page shows what they say together.
   */
  otherDocuments: z.array(
    z.object({ id: z.number().int(), fileName: z.string(), importedAt: z.string(), format: documentFormatSchema, projectCount: z.number().int() }),
  ),
  goals: departmentGoalsSchema,
  /** 部门整体支出绩效目标表, when the document has one. */
  departmentTargets: departmentTargetsSchema.nullable(),
  /** In document order. */
  projects: z.array(projectListItemSchema),
  totals: budgetTotalsSchema,
  /** Findings about the document as a whole (projectIndex null): part one, boilerplate, sums. */
  documentFindings: z.array(findingSchema),
  /**
   * Rules that recur over many of the department's projects (shared/review/report.ts
   * groupRepeated), each once with its projects and one example; every finding stays on its project's page.
   */
  repeatedFindings: z.array(
    z.object({
      rule: z.string(),
      category: findingCategorySchema,
      severity: severitySchema,
      count: z.number().int(),
      example: z.object({ message: z.string(), suggestion: z.string() }),
      projects: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
  ),
  /** The department's quality score (budget-weighted, less document-level deductions). */
  score: scoreSchema.nullable(),
  /** The forms (表样) its projects' tables were filled in, each once with its number of projects, the most used first; [] when none was read from a document. */
  forms: z.array(z.object({ form: formProfileSchema, projectCount: z.number().int() })),
});
export type DepartmentDetail = z.infer<typeof departmentDetailSchema>;

export const EXPORT_FORMATS = ['docx', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const departmentExportQuerySchema = z.object({
  year: queryYear,
  format: z.enum(EXPORT_FORMATS).default('docx'),
});
