/**
 * Request and response schemas of 整改 (rectification): validation, OpenAPI and the browser's
 * types. The rules (transitions, deadlines, overdue) are in src/shared/domain/rectification.ts;
 * the service re-checks every value against them.
 */
import { z } from 'zod';
import {
  RECTIFICATION_ACTIONS,
  RECTIFICATION_SOURCE_KINDS,
  RECTIFICATION_STATUSES,
  MAX_NOTE,
  MAX_PERSON,
} from '../domain/rectification';
import { pagedResponseSchema, pageQueryFields } from './model';

export const rectificationStatusSchema = z.enum(RECTIFICATION_STATUSES);
export const rectificationDisplayStatusSchema = z.enum([...RECTIFICATION_STATUSES, 'overdue']);
export const rectificationSourceKindSchema = z.enum(RECTIFICATION_SOURCE_KINDS);
export const rectificationActionSchema = z.enum(RECTIFICATION_ACTIONS);

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const note = z.string().max(MAX_NOTE, `最多 ${MAX_NOTE} 个字符`);
const person = z.string().trim().max(MAX_PERSON, `最多 ${MAX_PERSON} 个字符`);
const queryInt = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional());
const queryBool = z.preprocess((v) => (v === '' ? undefined : v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean().optional());

/** Which problem becomes an item: the project and the source's key (findingSourceKey …). */
export const rectificationCreateSchema = z.object({
  projectId: z.number().int().positive(),
  sourceKind: rectificationSourceKindSchema,
  sourceKey: z.string().min(1).max(300),
  deadline: dateSchema,
  /** 整改责任人 (a name, a phone); the department owns the item either way. */
  ownerPerson: person.nullable().optional(),
  /** 整改要求: what the reviewer expects, beyond the problem itself. */
  requirement: note.nullable().optional(),
});
export type RectificationCreate = z.infer<typeof rectificationCreateSchema>;

/** The bureau's changes; a moved deadline needs a reason. */
export const rectificationEditSchema = z.object({
  deadline: dateSchema.optional(),
  ownerPerson: person.nullable().optional(),
  requirement: note.nullable().optional(),
  reason: note.nullable().optional(),
});
export type RectificationEdit = z.infer<typeof rectificationEditSchema>;

export const rectificationActionBodySchema = z.object({
  action: rectificationActionSchema,
  note: note.nullable().optional(),
});
export type RectificationActionBody = z.infer<typeof rectificationActionBodySchema>;

/** 撤销: why the item was made by mistake. */
export const rectificationWithdrawSchema = z.object({ reason: note.min(1, '请说明撤销理由') });

export const rectificationListQuerySchema = z.object({
  /** A display status: pending, in-progress, done, closed, or overdue. */
  status: z.preprocess((v) => (v === '' ? undefined : v), rectificationDisplayStatusSchema.optional()),
  /** Only open items past their deadline. */
  overdue: queryBool,
  /** Only open items (pending, in progress, overdue). */
  open: queryBool,
  departmentId: queryInt,
  projectId: queryInt,
  year: queryInt,
  sourceKind: z.preprocess((v) => (v === '' ? undefined : v), rectificationSourceKindSchema.optional()),
  ...pageQueryFields,
});
/** The list's query as the browser sends it. */
export interface RectificationListQuery {
  status?: z.infer<typeof rectificationDisplayStatusSchema> | undefined;
  overdue?: boolean | undefined;
  open?: boolean | undefined;
  departmentId?: number | undefined;
  projectId?: number | undefined;
  year?: number | undefined;
  sourceKind?: z.infer<typeof rectificationSourceKindSchema> | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export const rectificationFileSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
});

export const rectificationEventSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  fromStatus: rectificationStatusSchema.nullable(),
  toStatus: rectificationStatusSchema.nullable(),
  note: z.string().nullable(),
  /** Names of the files uploaded with this event. */
  files: z.array(z.string()),
  actor: z.string(),
  at: z.string(),
});

export const rectificationItemSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  projectCode: z.string().nullable(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  year: z.number().int().nullable(),
  sourceKind: rectificationSourceKindSchema,
  sourceKey: z.string(),
  /** The problem as it read when the item was made. */
  sourceText: z.string(),
  requirement: z.string().nullable(),
  ownerPerson: z.string().nullable(),
  deadline: z.string(),
  status: rectificationStatusSchema,
  /** 逾期 for an open item past its deadline (today in China), else the status. */
  displayStatus: rectificationDisplayStatusSchema,
  daysOverdue: z.number().int(),
  /** Days until the deadline of an open item (negative when overdue); null otherwise. */
  daysLeft: z.number().int().nullable(),
  /** How many days after the deadline it was reported done; 0 when on time. */
  lateDays: z.number().int(),
  fileCount: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  submittedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type RectificationItem = z.infer<typeof rectificationItemSchema>;

export const rectificationDetailSchema = rectificationItemSchema.extend({
  events: z.array(rectificationEventSchema),
  files: z.array(rectificationFileSchema),
  /** What the signed-in user may do now. */
  allowedActions: z.array(rectificationActionSchema),
  canEdit: z.boolean(),
  canUpload: z.boolean(),
  /** The bureau may withdraw (撤销) it: still 待整改, with no progress, file or edit. */
  canWithdraw: z.boolean(),
});
export type RectificationDetail = z.infer<typeof rectificationDetailSchema>;

export const rectificationListSchema = pagedResponseSchema(rectificationItemSchema).extend({ today: z.string() });
export type RectificationList = z.infer<typeof rectificationListSchema>;

const countsSchema = z.object({
  pending: z.number().int(),
  'in-progress': z.number().int(),
  done: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
});

export const rectificationSummarySchema = z.object({
  today: z.string(),
  /** By display status: an overdue item counts as overdue only. */
  counts: countsSchema,
  /** Open items, the earliest deadline first (at most 10). */
  open: z.array(rectificationItemSchema),
  openTotal: z.number().int(),
});
export type RectificationSummary = z.infer<typeof rectificationSummarySchema>;

export const rectificationFileParamsSchema = z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });

export const rectificationUploadResponseSchema = z.object({ files: z.array(rectificationFileSchema) });
