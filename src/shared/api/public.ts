/**
 * The public pages' API (no login): published departments and projects only. A project is public
 * while it is 已公开 and belongs to its department's current document; a department is public
 * for a year while it has at least one such project.
 */
import { z } from 'zod';
import { adjustedTargetsSchema } from './target-adjustment';
import { departmentGoalsSchema, departmentTargetsSchema, fenSchema, fenTotalSchema, pagedResponseSchema, pageQueryFields, projectSchema } from './model';

const queryInt = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional());
const queryText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(200).optional());

export const publicDepartmentsQuerySchema = z.object({
  /** Department name substring or code prefix. */
  q: queryText,
  year: queryInt,
});

export const publicDepartmentItemSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  year: z.number().int().nullable(),
  /** Published projects only. */
  projectCount: z.number().int(),
  budgetTotalFen: fenTotalSchema,
});
export type PublicDepartmentItem = z.infer<typeof publicDepartmentItemSchema>;

export const publicDepartmentsResponseSchema = z.object({ items: z.array(publicDepartmentItemSchema) });

export const publicProjectItemSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  year: z.number().int().nullable(),
  budgetTotalFen: fenSchema.nullable(),
});
export type PublicProjectItem = z.infer<typeof publicProjectItemSchema>;

export const publicDepartmentQuerySchema = z.object({ year: queryInt });

export const publicDepartmentDetailSchema = z.object({
  department: z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() }),
  year: z.number().int().nullable(),
  /** Years with published projects, newest first. */
  years: z.array(z.number().int()),
  goals: departmentGoalsSchema,
  /** 部门整体支出绩效目标表: public with part one, once the document has a published project. */
  departmentTargets: departmentTargetsSchema.nullable(),
  /** Published projects, in document order. */
  projects: z.array(publicProjectItemSchema),
  budgetTotalFen: fenTotalSchema,
});
export type PublicDepartmentDetail = z.infer<typeof publicDepartmentDetailSchema>;

export const publicProjectsQuerySchema = z.object({
  /** Code prefix or name substring. */
  q: queryText,
  department: queryInt,
  year: queryInt,
  ...pageQueryFields,
});

export const publicProjectsResponseSchema = pagedResponseSchema(publicProjectItemSchema);
export type PublicProjectsResponse = z.infer<typeof publicProjectsResponseSchema>;

export const publicProjectSchema = z.object({
  id: z.number().int(),
  department: z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() }),
  year: z.number().int().nullable(),
  /** The project as it is in force: after an approved 目标调整, its latest version's indicators and budget (issue 58). */
  project: projectSchema,
  /** The version in force when the targets were adjusted (issue 58); absent when never. */
  adjusted: adjustedTargetsSchema.optional(),
  /** The 批复 the targets were issued with (issue 33): its 文号 and date (YYYY-MM-DD); null: published without one. */
  issue: z.object({ docNumber: z.string(), issuedOn: z.string() }).nullable().optional(),
  /**
   * The adjustments' account when the targets were adjusted (目标调整, issues 33 and 58); absent when
   * never. The rows in force (as `project.indicators`), each changed one with its note
   * ("本指标于2026年7月1日调整，原目标值：…"), the rows removed, each adjustment's date and reason.
   */
  adjustment: z
    .object({
      version: z.number().int(),
      effectiveOn: z.string(),
      reason: z.string(),
      rows: z.array(
        z.object({
          key: z.string(),
          level1: z.string().nullable(),
          level2: z.string().nullable(),
          name: z.string(),
          target: z.string(),
          change: z.enum(['same', 'changed', 'added']),
          originalTarget: z.string().nullable(),
          note: z.string().nullable(),
        }),
      ),
      removed: z.array(z.object({ name: z.string(), target: z.string(), note: z.string() })),
      /** Every approved adjustment up to the one in force: its date, reason, when it was approved and the budget with it (fen). */
      history: z.array(
        z.object({ version: z.number().int(), effectiveOn: z.string(), reason: z.string(), approvedAt: z.string().nullable(), budgetFen: z.number().int().nullable() }),
      ),
    })
    .optional(),
});
export type PublicProject = z.infer<typeof publicProjectSchema>;
