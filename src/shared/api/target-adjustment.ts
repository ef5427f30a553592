/**
 * 目标调整 API (issue 33): a department's request to adjust an approved project's targets, the
 * reviewer's decision, the versions of the targets and the comparison of two.
 */
import { z } from 'zod';
import { MAX_FEN } from '../domain/money';

export const targetRowSchema = z.object({
  /** `i<id>` for an approved indicator's row, `n<k>` for an added one. */
  key: z.string().regex(/^[in]\d{1,12}$/, '行标识应为 i<编号> 或 n<编号>'),
  level1: z.string().trim().max(100).nullable(),
  level2: z.string().trim().max(100).nullable(),
  name: z.string().trim().max(200),
  target: z.string().trim().max(500),
});

/** What a department sends: the complete rows after the adjustment. */
export const adjustmentBodySchema = z.object({
  reason: z.string().trim().max(2000),
  /** YYYY-MM-DD */
  effectiveOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '生效日期格式应为 YYYY-MM-DD'),
  rows: z.array(targetRowSchema).max(500),
  /** 全年预算 after the adjustment in fen; null: unchanged. */
  budgetFen: z.number().int().min(0).max(MAX_FEN).nullable(),
});
export type AdjustmentBody = z.infer<typeof adjustmentBodySchema>;

export const adjustmentDecisionBodySchema = z.object({
  decision: z.enum(['approve', 'return']),
  comment: z.string().trim().max(2000).nullable(),
});
export type AdjustmentDecisionBody = z.infer<typeof adjustmentDecisionBodySchema>;

const storedRowSchema = z.object({
  key: z.string(),
  indicatorId: z.number().int().nullable(),
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  name: z.string(),
  target: z.string(),
});

export const adjustmentSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectCode: z.string().nullable(),
  projectName: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  status: z.enum(['pending', 'approved', 'returned']),
  version: z.number().int().nullable(),
  effectiveOn: z.string(),
  reason: z.string(),
  budgetFen: z.number().int().nullable(),
  rows: z.array(storedRowSchema),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});
export type AdjustmentView = z.infer<typeof adjustmentSchema>;

export const targetVersionSchema = z.object({
  version: z.number().int(),
  /** null for version 1 (in force from the start). */
  effectiveOn: z.string().nullable(),
  reason: z.string().nullable(),
  /** 全年预算 in force with this version (fen). */
  budgetFen: z.number().int().nullable(),
  requestedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  rows: z.array(storedRowSchema),
});
export type TargetVersionView = z.infer<typeof targetVersionSchema>;

export const projectAdjustmentsSchema = z.object({
  projectId: z.number().int(),
  projectName: z.string(),
  status: z.string(),
  /** Whether the user may ask for an adjustment now (an editor of the department, the project approved or after, none pending). */
  canRequest: z.boolean(),
  /** Why not, when the user is the department's and may not. */
  cannotRequest: z.string().nullable(),
  /** Whether the user may decide the pending request (the region's finance reviewer). */
  canDecide: z.boolean(),
  versions: z.array(targetVersionSchema),
  /** The version in force: the latest approved (what the project shows; the others are history). */
  inForce: z.number().int(),
  requests: z.array(adjustmentSchema),
});
export type ProjectAdjustments = z.infer<typeof projectAdjustmentsSchema>;

export const rowComparisonSchema = z.object({
  key: z.string(),
  change: z.enum(['same', 'changed', 'added', 'removed']),
  before: storedRowSchema.nullable(),
  after: storedRowSchema.nullable(),
  fields: z.array(z.enum(['level1', 'level2', 'name', 'target'])),
});

export const versionComparisonSchema = z.object({
  from: targetVersionSchema,
  to: targetVersionSchema,
  rows: z.array(rowComparisonSchema),
});
export type VersionComparison = z.infer<typeof versionComparisonSchema>;

export const adjustmentListSchema = z.object({ items: z.array(adjustmentSchema) });
export type AdjustmentList = z.infer<typeof adjustmentListSchema>;

/**
 * The targets a project shows are its latest approved version's (issue 58): which one, from when, why,
 * approved by whom when, and the approved budget (version 1's) it replaced. Part of a project's
 * record and of the public project; null when the targets were never adjusted.
 */
export const adjustedTargetsSchema = z.object({
  version: z.number().int(),
  /** YYYY-MM-DD: from this date monitoring rounds are measured against it. */
  effectiveOn: z.string(),
  reason: z.string(),
  requestedBy: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
  /** 预算数 as first approved (version 1), fen. */
  approvedBudgetFen: z.number().int().nullable(),
  /** 预算数 in force, fen. */
  budgetFen: z.number().int().nullable(),
  /** How many approved indicators the adjustments removed. */
  removed: z.number().int(),
});
export type AdjustedTargets = z.infer<typeof adjustedTargetsSchema>;
