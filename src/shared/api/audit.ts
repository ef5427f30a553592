/**
 * The security auditor's API (安全审计员, 三员分立, issue 32): the whole audit log and the sign-in
 * records, filtered by person, action (or result) and date, a page at a time, newest first.
 */
import { z } from 'zod';
import { pagedResponseSchema, pageQueryFields } from './model';

const optionalText = (max: number) => z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).max(max).optional());
/** 'YYYY-MM-DD', a day in China's time (UTC+8). */
const optionalDay = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+08:00`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '日期不存在')
    .optional(),
);

const commonFilters = {
  /** A username (exactly) or part of a display name. */
  person: optionalText(100),
  /** From this day on (China time), inclusive. */
  from: optionalDay,
  /** Up to this day (China time), inclusive. */
  to: optionalDay,
  ...pageQueryFields,
};

/** 'true': only what accounts did in their first day after a one-time code (afterCode below). */
const onlyAfterCode = z.preprocess((v) => (v === '' || v === 'false' ? undefined : v), z.literal('true', { error: 'afterCode 只能是 true' }).optional());

/** GET /api/audit/log */
export const auditLogQuerySchema = z.object({
  ...commonFilters,
  /** The action exactly, e.g. "project.approve", "user.create". */
  action: optionalText(100),
  afterCode: onlyAfterCode,
});
export type AuditLogQuery = z.output<typeof auditLogQuerySchema>;

/**
 * The mark of what an account did in its first day after a one-time code (issue 57): who gave the
 * code and when, and when it signed in. A code is handed over by an administrator; an account used
 * right after one may have been used by that administrator.
 */
export const afterCodeSchema = z.object({
  /** 'create': a new account's code; 'reset': a forgotten password's. */
  kind: z.enum(['create', 'reset']),
  issuedAt: z.string(),
  /** "张三（zhangsan）", or the process's name ('system': the operator). */
  issuedBy: z.string(),
  /** The code's sign-in. */
  usedAt: z.string(),
});
export type AfterCode = z.infer<typeof afterCodeSchema>;

/** An entry of the audit log with what it is about (entity and id). */
export const auditLogEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** The display name at the moment of the change. */
  actor: z.string(),
  actorUserId: z.number().int().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
  /** What the entry is about, in words (issue 58): 项目“…”（单位）, 整改事项（项目“…”）：问题, 账号“…”, 工作阶段“…” … */
  subject: z.string(),
  /** The names of the indicators the detail refers to by id (execution records, self-evaluations). */
  indicatorNames: z.record(z.string(), z.string()),
  /** Written in the account's first day after a one-time code; null otherwise. */
  afterCode: afterCodeSchema.nullable(),
});
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;

export const auditLogResponseSchema = pagedResponseSchema(auditLogEntrySchema);
export type AuditLogResponse = z.infer<typeof auditLogResponseSchema>;

/** GET /api/audit/actions: every action the log holds (the action filter's choices). */
export const auditActionsResponseSchema = z.object({ actions: z.array(z.string()) });
export type AuditActionsResponse = z.infer<typeof auditActionsResponseSchema>;

/** GET /api/audit/sign-ins */
export const signInQuerySchema = z.object({
  ...commonFilters,
  afterCode: onlyAfterCode,
  /** Only the successful ('success') or the failed ('failure') attempts. */
  result: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['success', 'failure']).optional()),
});
export type SignInQuery = z.output<typeof signInQuerySchema>;

export const signInRecordSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string(),
  /** The account the username named; null for an unknown username. */
  userId: z.number().int().nullable(),
  /** The account's display name now; null for an unknown username. */
  displayName: z.string().nullable(),
  success: z.boolean(),
  /**
   * Why it failed: 'credentials' (unknown user, wrong password or a disabled account), 'demo-password',
   * 'locked', 'code-used', 'code-expired'; null on success.
   */
  reason: z.string().nullable(),
  ip: z.string(),
  /** It signed in with a one-time code. */
  withCode: z.boolean(),
  /** In the account's first day after a one-time code (the code's own sign-in included); null otherwise. */
  afterCode: afterCodeSchema.nullable(),
});
export type SignInRecord = z.infer<typeof signInRecordSchema>;

export const signInResponseSchema = pagedResponseSchema(signInRecordSchema);
export type SignInResponse = z.infer<typeof signInResponseSchema>;

/**
 * GET /api/audit/my-account: what others changed of the auditor's own account (its name, its being
 * disabled, its lock, a one-time code) since its previous sign-in, shown when it signs in (issue 57:
 * the security administrator may change it; the auditor sees each change).
 */
export const accountChangesResponseSchema = z.object({
  /** The previous sign-in; null at the first one (then: every change since the account was made, its making aside). */
  since: z.string().nullable(),
  items: z.array(auditLogEntrySchema),
});
export type AccountChangesResponse = z.infer<typeof accountChangesResponseSchema>;
