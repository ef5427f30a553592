/**
 * 审批与公开 API (issue 33): a region's settings per budget year (the administrator's), the
 * ex-ante gate of a project as the approve dialogs show it, and the 批复 batches (the finance
 * bureau issues a department's approved projects with one 文号 and date).
 */
import { z } from 'zod';
import { MAX_BUDGET_CHANGE_PER_MILLE } from '../domain/approval';
import { departmentRefSchema, projectStatusSchema } from './projects';

export const approvalSettingsValueSchema = z.object({
  /** 事前绩效评估前置: held projects cannot be approved. */
  exAnteGate: z.boolean(),
  /** A budget change of more than this per-mille of last year's (200 = 20%) needs the assessment. */
  budgetChangePerMille: z.number().int().min(0).max(MAX_BUDGET_CHANGE_PER_MILLE),
  /** 公开 only after 批复. */
  publishRequiresIssue: z.boolean(),
});

export const approvalSettingsBodySchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** The region's own settings for the year; null: as its parent region (finally off). */
  settings: approvalSettingsValueSchema.nullable(),
});
export type ApprovalSettingsBody = z.infer<typeof approvalSettingsBodySchema>;

export const approvalSettingsSchema = z.object({
  code: z.string(),
  year: z.number().int(),
  own: approvalSettingsValueSchema.nullable(),
  effective: approvalSettingsValueSchema,
  /** The region whose own settings apply (this one or its nearest ancestor with a row for the year); null: the defaults. */
  from: z.string().nullable(),
});
export type ApprovalSettingsView = z.infer<typeof approvalSettingsSchema>;

export { projectGateSchema, type ProjectGate } from './projects';

const docNumberSchema = z.string().trim().min(1, '请填写文号').max(100, '文号最多 100 个字符');
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const approvalBatchBodySchema = z.object({
  departmentId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  docNumber: docNumberSchema,
  issuedOn: dateSchema,
  projectIds: z.array(z.number().int().positive()).min(1, '请至少选择一个项目').max(1000),
});
export type ApprovalBatchBody = z.infer<typeof approvalBatchBodySchema>;

export const approvalBatchProjectSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  budgetFen: z.number().int().nullable(),
  status: projectStatusSchema,
});

export const approvalBatchSchema = z.object({
  id: z.number().int(),
  department: departmentRefSchema,
  regionCode: z.string().nullable(),
  year: z.number().int(),
  docNumber: z.string(),
  issuedOn: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  projects: z.array(approvalBatchProjectSchema),
});
export type ApprovalBatch = z.infer<typeof approvalBatchSchema>;

export const approvalBatchListQuerySchema = z.object({
  departmentId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const approvalBatchListSchema = z.object({ items: z.array(approvalBatchSchema) });
export type ApprovalBatchList = z.infer<typeof approvalBatchListSchema>;
