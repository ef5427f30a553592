/**
 * The year's stages, 催办 and notifications over HTTP (issue 33). Dates are 'YYYY-MM-DD'.
 *
 * - GET /api/stages?year= (reviewer): the stages that apply to the account's region, each with its
 *   departments' counts per state; POST /api/stages opens one; PATCH /api/stages/:id edits or
 *   closes it; GET /api/stages/:id the per-department table; POST /api/stages/:id/remind 催办.
 * - GET /api/tasks (editor, supervisor): the open stages that apply to the account's department,
 *   with its state and days left.
 * - GET /api/notifications, GET /api/notifications/unread-count, POST /api/notifications/:id/read,
 *   POST /api/notifications/read-all: the account's own notifications.
 */
import { z } from 'zod';
import { STAGE_KINDS, STAGE_STATES } from '../domain/stages';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const stageKindSchema = z.enum(STAGE_KINDS);
export const stageStateSchema = z.enum(STAGE_STATES);

export const stageCountsSchema = z.object({
  done: z.number().int(),
  'in-progress': z.number().int(),
  'not-started': z.number().int(),
  overdue: z.number().int(),
});

export const stageSchema = z.object({
  id: z.number().int(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  year: z.number().int(),
  kind: stageKindSchema,
  roundAsOf: z.string().nullable(),
  label: z.string().nullable(),
  /** "2025年目标申报", "2025年绩效监控（6月底）" */
  title: z.string(),
  opensOn: z.string(),
  dueOn: z.string(),
  openedBy: z.string(),
  closedAt: z.string().nullable(),
  /** Calendar days from today to the due date (negative after it). */
  daysLeft: z.number().int(),
  /** Whether this account may edit, close and remind (its own region's stage, or below). */
  mine: z.boolean(),
  counts: stageCountsSchema,
});
export type StageView = z.infer<typeof stageSchema>;

export const stageListSchema = z.object({ year: z.number().int(), today: z.string(), items: z.array(stageSchema) });
export type StageList = z.infer<typeof stageListSchema>;

export const stageDepartmentSchema = z.object({
  departmentId: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  regionCode: z.string().nullable(),
  state: stageStateSchema,
  total: z.number().int(),
  done: z.number().int(),
  /** "剩余 3 天" / "今天截止" / "已逾期 2 天"; null when done. */
  deadlineText: z.string().nullable(),
  /** Accounts a 催办 reaches (its editors, its 主管部门's supervisors). */
  recipients: z.number().int(),
  /** When it was last reminded of this stage; null: never. */
  lastRemindedAt: z.string().nullable(),
});
export type StageDepartment = z.infer<typeof stageDepartmentSchema>;

export const stageDetailSchema = z.object({ stage: stageSchema, today: z.string(), departments: z.array(stageDepartmentSchema) });
export type StageDetail = z.infer<typeof stageDetailSchema>;

export const openStageBodySchema = z.object({
  /** The region (within the account's); default the account's own, null for an account of the whole installation. */
  regionCode: z.string().regex(/^\d{6}$/).nullable().optional(),
  year: z.number().int().min(2000).max(2100),
  kind: stageKindSchema,
  roundAsOf: date.nullable().optional(),
  label: z.string().max(40).nullable().optional(),
  opensOn: date,
  dueOn: date,
});
export type OpenStageBody = z.infer<typeof openStageBodySchema>;

export const editStageBodySchema = z.object({
  label: z.string().max(40).nullable().optional(),
  opensOn: date.optional(),
  dueOn: date.optional(),
  /** true: close the stage (it leaves the departments' tasks); false: open it again. */
  closed: z.boolean().optional(),
});
export type EditStageBody = z.infer<typeof editStageBodySchema>;

export const remindBodySchema = z.union([
  z.object({ departmentId: z.number().int().positive() }),
  z.object({ allOverdue: z.literal(true) }),
]);
export type RemindBody = z.infer<typeof remindBodySchema>;

export const remindResultSchema = z.object({ departments: z.number().int(), notifications: z.number().int() });
export type RemindResult = z.infer<typeof remindResultSchema>;

export const taskSchema = z.object({
  stageId: z.number().int(),
  kind: stageKindSchema,
  title: z.string(),
  year: z.number().int(),
  opensOn: z.string(),
  dueOn: z.string(),
  state: stageStateSchema,
  total: z.number().int(),
  done: z.number().int(),
  daysLeft: z.number().int(),
  deadlineText: z.string().nullable(),
  /** Where the work is done in the web app. */
  link: z.string(),
  /** When the finance bureau last reminded the department (催办) of this stage; null: never. */
  remindedAt: z.string().nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskListSchema = z.object({ today: z.string(), items: z.array(taskSchema) });
export type TaskList = z.infer<typeof taskListSchema>;

/** What a notification is (issue 58 added 待办 and 结果 to 催办 and 逾期). */
export const NOTIFICATION_KINDS = ['reminder', 'overdue', 'task', 'result'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationSchema = z.object({
  id: z.number().int(),
  /** 催办, a deadline passed, something waiting for the account (待办: a request to decide, a return, an item to confirm), or the outcome of its own request (结果). */
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int(), total: z.number().int() });
export type NotificationList = z.infer<typeof notificationListSchema>;

export const unreadCountSchema = z.object({ unread: z.number().int() });
