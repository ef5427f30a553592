/**
 * The documents API (issue 54): one stored document as its importer and the finance bureau see it —
 * who imported it, what it holds, whether this account may withdraw it (撤回导入) and what that
 * would remove and restore — and the withdrawal itself. Shared by the server's routes and the browser.
 */
import { z } from 'zod';
import { MAX_WITHDRAW_REASON } from '../domain/document-withdrawal';
import { documentFormatSchema } from './model';

/** 撤回导入's body: why the document was stored by mistake (required, trimmed). */
export const documentWithdrawBodySchema = z.object({
  reason: z.string().trim().min(1, '请说明撤回理由').max(MAX_WITHDRAW_REASON, `撤回理由最多 ${MAX_WITHDRAW_REASON} 个字`),
});
export type DocumentWithdrawBody = z.infer<typeof documentWithdrawBodySchema>;

const documentRefSchema = z.object({ id: z.number().int(), fileName: z.string(), importedAt: z.string() });
const departmentRefSchema = z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() });
export type DocumentRef = z.infer<typeof documentRefSchema>;
export type DepartmentRef = z.infer<typeof departmentRefSchema>;

/** Whether the asking account may withdraw the document now, and what withdrawing it would do. */
export const withdrawalSchema = z.object({
  canWithdraw: z.boolean(),
  /** Why not (the refusal a withdrawal would get); null when it can. */
  blocker: z.object({ code: z.enum(['not-allowed', 'not-current', 'worked-on']), message: z.string() }).nullable(),
  /** What would be removed with it. */
  projects: z.number().int(),
  indicators: z.number().int(),
  /** The earlier versions it replaced that would be current again. */
  restores: z.array(documentRefSchema),
  /** The department its import created, removed with it (nothing else uses it); null: none. */
  removesDepartment: departmentRefSchema.nullable(),
  /** The submitted 自评表 (自评复核) matched to its projects, which would be matched to none (kept, with their conclusions). */
  unlinksSelfEvaluations: z.number().int(),
});
export type Withdrawal = z.infer<typeof withdrawalSchema>;

/** GET /api/documents/:id */
export const documentDetailSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  format: documentFormatSchema,
  sha256: z.string(),
  importedAt: z.string(),
  /** Who imported it: "张三（zhangsan）", or the process ("system" for `jixiao import`); null when the log has no entry. */
  importedBy: z.string().nullable(),
  /** The asking account imported it. */
  importedByYou: z.boolean(),
  department: departmentRefSchema.nullable(),
  year: z.number().int().nullable(),
  isCurrent: z.boolean(),
  projectCount: z.number().int(),
  indicatorCount: z.number().int(),
  withdrawal: withdrawalSchema,
});
export type DocumentDetail = z.infer<typeof documentDetailSchema>;

/** POST /api/documents/:id/withdraw */
export const documentWithdrawResponseSchema = z.object({
  documentId: z.number().int(),
  fileName: z.string(),
  projects: z.number().int(),
  indicators: z.number().int(),
  /** The earlier versions current again. */
  restored: z.array(documentRefSchema),
  removedDepartment: departmentRefSchema.nullable(),
  /** Where the department's page goes on: the department and its latest year with a current document; null when it has none left (or is removed). */
  next: z.object({ departmentId: z.number().int(), year: z.number().int().nullable() }).nullable(),
});
export type DocumentWithdrawResponse = z.infer<typeof documentWithdrawResponseSchema>;
