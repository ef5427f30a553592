/**
 * The projects API: the list, one project with everything its page needs, saving, and the
 * workflow actions. Request schemas validate on the server and type the browser's calls.
 */
import { CELL_MAX_CHARS, PROJECT_MAX_GOALS, PROJECT_MAX_INDICATORS } from '../domain/cell-limit';
import { z } from 'zod';
import { adjustedTargetsSchema } from './target-adjustment';
import { cleanText } from '../domain/clean-text';
import { PROJECT_STATUSES, WORKFLOW_ACTIONS } from '../domain/workflow';
import {
  amountInputSchema,
  checkpointSchema,
  fenSchema,
  findingCategorySchema,
  findingSchema,
  pagedResponseSchema,
  pageQueryFields,
  parsedDocumentSchema,
  percentInputSchema,
  projectSchema,
  reviewGradeSchema,
  visibleNameSchema,
  scoreSchema,
} from './model';

export const projectStatusSchema = z.enum(PROJECT_STATUSES);
export const workflowActionSchema = z.enum(WORKFLOW_ACTIONS);

export const idParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** A positive integer from a query string; '' counts as absent. */
const queryInt = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional());
const queryScore = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().min(0).max(100).optional());
const queryText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(200).optional());

export const PROJECT_SORTS = ['code', 'name', 'budget', 'score', 'status', 'department', 'updated'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** Statuses as `status=submitted` or several as `status=submitted,returned`. */
const statusListSchema = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.split(',').map((s) => s.trim())) : v),
  z.array(projectStatusSchema).min(1).optional(),
);

/** GET /api/projects: every filter, the sort and the page. Only projects of current documents are listed. */
export const projectListQuerySchema = z.object({
  department: queryInt,
  year: queryInt,
  status: statusListSchema,
  /** Quality score bounds, inclusive (87.5 = 87.50). */
  minScore: queryScore,
  maxScore: queryScore,
  /** Only projects with at least one finding of this category. */
  category: z.preprocess((v) => (v === '' ? undefined : v), findingCategorySchema.optional()),
  /** Code prefix or name substring. */
  q: queryText,
  sort: z.preprocess((v) => (v === '' ? undefined : v), z.enum(PROJECT_SORTS).default('department')),
  order: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['asc', 'desc']).default('asc')),
  ...pageQueryFields,
});
export type ProjectListQuery = z.output<typeof projectListQuerySchema>;

export const projectListItemSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  year: z.number().int().nullable(),
  budgetTotalFen: fenSchema.nullable(),
  status: projectStatusSchema,
  version: z.number().int(),
  /** 0–100 with two decimals; null until reviewed. */
  qualityScore: z.number().nullable(),
  qualityGrade: reviewGradeSchema.nullable(),
  findingCount: z.number().int(),
  categories: z.array(findingCategorySchema),
  /** The last change (save or workflow action), else the import. */
  updatedAt: z.string(),
  /**
   * A returned project's last return (退回): the reviewer's reason, how many field comments came
   * with it, who and when; null for a project not returned. Given by GET /api/projects (the
   * editor's 工作台 shows it without reading each project); left out elsewhere.
   */
  lastReturn: z
    .object({ comment: z.string().nullable(), fieldComments: z.number().int(), actor: z.string(), at: z.string() })
    .nullable()
    .optional(),
});
export type ProjectListItem = z.infer<typeof projectListItemSchema>;

export const projectListResponseSchema = pagedResponseSchema(projectListItemSchema).extend({
  /** 合计: the budgets of every project the filter matches (all pages), integer fen; null beyond 2^53 fen. */
  budgetTotalFen: fenSchema.nullable(),
});
export type ProjectListResponse = z.infer<typeof projectListResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Saving

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `最多 ${max} 个字符`)
    .nullable()
    .transform((s) => (s === null || s.trim() === '' ? null : s.trim()));


/** A cell's text as the editor saves it: the import's limit (shared/domain/cell-limit.ts), one for both (issue 72). */
const cellText = () => z.string().trim().max(CELL_MAX_CHARS, `最多 ${CELL_MAX_CHARS} 个字符`);

export const indicatorInputSchema = z.object({
  level1Raw: cellText(),
  level2Raw: cellText(),
  name: visibleNameSchema('请填写三级指标名称', CELL_MAX_CHARS),
  description: optionalText(CELL_MAX_CHARS),
  targetRaw: cellText(),
  basis: optionalText(CELL_MAX_CHARS),
  /**
   * Optional: the index (in the saved project) of the indicator this row was edited from, so
   * that unchanged cells keep their place in the source document. Without it rows are matched
   * by content.
   */
  origin: z.number().int().min(0).nullable().optional(),
});
export type IndicatorInput = z.input<typeof indicatorInputSchema>;

export const spendingPlanInputSchema = z.object({
  checkpoint: checkpointSchema,
  percent: percentInputSchema.nullable(),
  amount: amountInputSchema.nullable(),
});

/** PUT /api/projects/:id's project: every field the editor can change. Money is integer fen. */
export const projectInputSchema = z.object({
  /** Cleaned of invisible characters like the name. */
  code: optionalText(CELL_MAX_CHARS).transform((s) => (s === null ? null : cleanText(s).text.trim() || null)),
  name: visibleNameSchema('请填写项目名称', CELL_MAX_CHARS),
  budget: z.object({ total: amountInputSchema.nullable(), fiscal: amountInputSchema.nullable(), other: amountInputSchema.nullable() }),
  purpose: optionalText(CELL_MAX_CHARS),
  spendingPlan: z
    .array(spendingPlanInputSchema)
    .max(4)
    .refine((plan) => new Set(plan.map((c) => c.checkpoint)).size === plan.length, '支出计划的时间点重复'),
  goals: z.array(cellText()).max(PROJECT_MAX_GOALS).transform((goals) => goals.filter((g) => g !== '')),
  indicators: z.array(indicatorInputSchema).max(PROJECT_MAX_INDICATORS),
});
/** What the browser sends (before trimming); the server works on the parsed output. */
export type ProjectInput = z.input<typeof projectInputSchema>;
export type ProjectInputParsed = z.output<typeof projectInputSchema>;

export const saveProjectBodySchema = z.object({
  /** The version the editor started from: a save over a newer version is refused (409 stale-version). */
  version: z.number().int().positive(),
  project: projectInputSchema,
});
export type SaveProjectBody = z.input<typeof saveProjectBodySchema>;

// ---------------------------------------------------------------------------------------------
// Workflow

/**
 * Where a reviewer's comment is anchored: a field of the project with the names findings use
 * ('name', 'budget.total', 'spendingPlan.06', 'goals' …), or a cell of an indicator row
 * ('indicator:3.target', 0-based), or 'indicator:3' for the whole row.
 */
export const COMMENT_FIELD_PATTERN =
  /^(?:code|name|budget\.(?:total|fiscal|other)|purpose|spendingPlan(?:\.(?:03|06|10|12))?|goals|indicators|indicator:\d{1,3}(?:\.(?:level1|level2|indicatorName|description|target|basis))?)$/;

export const fieldCommentSchema = z.object({
  field: z.string().regex(COMMENT_FIELD_PATTERN, '批注位置不正确'),
  text: z.string().trim().min(1, '请填写批注内容').max(2000),
});

/** POST /api/projects/:id/actions. `return` needs a comment or at least one field comment. */
export const workflowActionBodySchema = z.object({
  action: workflowActionSchema,
  version: z.number().int().positive(),
  comment: z
    .string()
    .max(5000)
    .nullable()
    .optional()
    .transform((s) => (s == null || s.trim() === '' ? null : s.trim())),
  comments: z.array(fieldCommentSchema).max(200).optional().default([]),
});
export type WorkflowActionBody = z.input<typeof workflowActionBodySchema>;

/** A field comment: where it is anchored, by its field string, split for pinning. */
export function parseCommentField(field: string): { field: string; indicatorIndex: number | null } {
  const m = /^indicator:(\d+)(?:\.(.+))?$/.exec(field);
  return m ? { field: m[2] ?? 'indicators', indicatorIndex: Number(m[1]) } : { field, indicatorIndex: null };
}

// ---------------------------------------------------------------------------------------------
// One project

export const reviewCommentSchema = z.object({
  id: z.number().int(),
  field: z.string(),
  text: z.string(),
  author: z.string(),
  at: z.string(),
  eventId: z.number().int().nullable(),
});
export type ReviewComment = z.infer<typeof reviewCommentSchema>;

export const workflowEventSchema = z.object({
  id: z.number().int(),
  fromStatus: projectStatusSchema,
  toStatus: projectStatusSchema,
  actor: z.string(),
  at: z.string(),
  comment: z.string().nullable(),
});
export type WorkflowEvent = z.infer<typeof workflowEventSchema>;

/** An audit entry. `detail` of a save is `{ before, after }` with only the changed fields. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** The display name at the moment of the change. */
  actor: z.string(),
  /** The account that made it (null: a process without an account, or an entry older than accounts in the log). */
  actorUserId: z.number().int().nullable(),
  /** The account's username, or the process's name ('system', 'demo'); null for an entry older than accounts in the log. */
  actorUsername: z.string().nullable(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** Audit entries per page of a project's history (the default page size of every list). */
export const AUDIT_PAGE_SIZE = 20;

const auditFilterText = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).max(100).optional());

/** The history's filters: one action ("results.decide"), one person (the account's username, or the name of an entry without one). */
export const projectAuditFilterSchema = z.object({ action: auditFilterText, actor: auditFilterText });
export type ProjectAuditFilterQuery = z.output<typeof projectAuditFilterSchema>;

/** GET /api/projects/:id/audit: a page of the project's audit log, newest first, optionally filtered. */
export const projectAuditQuerySchema = z.object({ ...pageQueryFields, ...projectAuditFilterSchema.shape });
export type ProjectAuditQuery = z.output<typeof projectAuditQuerySchema>;

export const projectAuditResponseSchema = pagedResponseSchema(auditEntrySchema).extend({
  /** The names of the project's indicators by id, for the entries that name them by id (execution records, self-evaluation). */
  indicatorNames: z.record(z.string(), z.string()).optional(),
});
export type ProjectAuditResponse = z.infer<typeof projectAuditResponseSchema>;

/** GET /api/projects/:id/audit/facets: the actions and people of the project's history, for its filters. */
export const projectAuditFacetsSchema = z.object({
  actions: z.array(z.object({ action: z.string(), label: z.string(), count: z.number().int() })),
  actors: z.array(z.object({ actor: z.string(), username: z.string().nullable(), count: z.number().int() })),
});
export type ProjectAuditFacets = z.infer<typeof projectAuditFacetsSchema>;

export const departmentRefSchema = z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() });

/**
 * The ex-ante gate of a project the user may approve now (issue 33, shared/domain/approval.ts):
 * held, and why; or what the approval rests on (部分支持: the parts).
 */
export const projectGateSchema = z.object({
  held: z.boolean(),
  need: z.string().nullable(),
  reason: z.string().nullable(),
  conclusion: z.enum(['support', 'partial', 'reject']).nullable(),
  parts: z.string().nullable(),
});
export type ProjectGate = z.infer<typeof projectGateSchema>;

/** GET /api/projects/:id and the answer of every change. */
export const projectRecordSchema = z.object({
  id: z.number().int(),
  documentId: z.number().int(),
  department: departmentRefSchema,
  /** The department's 主管部门 (levels of review); null when it has none (the page says 无). */
  supervisor: departmentRefSchema.nullable(),
  year: z.number().int().nullable(),
  status: projectStatusSchema,
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  /** false for a project of a superseded document (history: read-only). */
  isCurrent: z.boolean(),
  /** The project may be saved by this user now (status draft or returned, and the right role). */
  editable: z.boolean(),
  allowedActions: z.array(workflowActionSchema),
  /**
   * Why the project cannot be sent on now (submitted, or forwarded by its 主管部门): its department
   * has no business section where its region uses the 财政业务科室 level (what the administrator
   * must set); absent otherwise.
   */
  sendingBlocked: z.string().optional(),
  /** When 审核通过 is among allowedActions: the ex-ante gate (issue 33); absent otherwise. */
  gate: projectGateSchema.optional(),
  /** The 批复 that issued the project (issue 33); null: not issued. */
  issue: z.object({ batchId: z.number().int(), docNumber: z.string(), issuedOn: z.string() }).nullable().optional(),
  frameworkVersion: z.string(),
  /**
   * The project as it is in force (issue 58): after an approved 目标调整 its indicators and budget are
   * the latest approved version's (findings and comments pinned to the rows they were made on, a
   * removed row's unpinned); `adjusted` says which version, and the approved one is history (GET
   * /api/projects/:id/adjustments).
   */
  project: projectSchema,
  /** The version in force when the targets were adjusted; null when never. */
  adjusted: adjustedTargetsSchema.nullable(),
  /** This project's findings (field and indicatorIndex pin them to cells). */
  findings: z.array(findingSchema),
  score: scoreSchema.nullable(),
  comments: z.array(reviewCommentSchema),
  events: z.array(workflowEventSchema),
  /** The first page of the audit log (newest first, AUDIT_PAGE_SIZE entries); the others from GET /api/projects/:id/audit. */
  audit: projectAuditResponseSchema,
  /**
   * The whole current document when the user may edit the project (`editable`), so the browser
   * can run the same review as the server while editing; null otherwise.
   */
  context: parsedDocumentSchema.nullable(),
  /** This project's index in context.projects. */
  projectIndex: z.number().int(),
});
export type ProjectRecord = z.infer<typeof projectRecordSchema>;

/** GET /api/projects/status-counts: the projects the user sees (a year's, a department's), by status. */
export const projectStatusCountsQuerySchema = z.object({
  year: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1900).max(2999).optional()),
  department: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
});

/** Every status (zeros too) and the total: the counts add up to it (issue 58, the 工作台's cards). */
export const projectStatusCountsSchema = z.object({
  counts: z.record(projectStatusSchema, z.number().int()),
  total: z.number().int(),
});
export type ProjectStatusCounts = z.infer<typeof projectStatusCountsSchema>;
