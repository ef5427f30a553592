/**
 * 整改 (rectification), pure: a problem found by the review, a monitoring deviation or a
 * self-evaluation problem becomes an item with an owner (the department, and optionally a named
 * person), a deadline and evidence; the department works on it and reports it done, the reviewer
 * confirms it closed or sends it back with a reason.
 *
 * Stored states and who moves them (lifecycle.md §整改):
 *
 *   pending (待整改) ──progress──▶ in-progress (整改中) ──submit──▶ done (已整改, awaiting confirmation)
 *        └──────────────submit──────────────────────────────────────▶ done
 *   done ──confirm──▶ closed (已销号)        done ──reopen (reason)──▶ in-progress
 *
 * 逾期 (overdue) is not stored: it is derived from the deadline and "today" for an item still open
 * (pending or in-progress), so it never goes stale. An item reported done after its deadline keeps
 * how late it was (`lateDays`).
 */
import type { Role } from './duties';

/** The stored states. */
export const RECTIFICATION_STATUSES = ['pending', 'in-progress', 'done', 'closed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** What a list shows: the stored state, or 逾期 for an open item past its deadline. */
export type RectificationDisplayStatus = RectificationStatus | 'overdue';

export const RECTIFICATION_STATUS_LABELS: Readonly<Record<RectificationDisplayStatus, string>> = {
  pending: '待整改',
  'in-progress': '整改中',
  done: '已整改',
  closed: '已销号',
  overdue: '逾期',
};

/** Where the problem came from. */
export const RECTIFICATION_SOURCE_KINDS = ['finding', 'deviation', 'self-evaluation'] as const;
export type RectificationSourceKind = (typeof RECTIFICATION_SOURCE_KINDS)[number];

export const RECTIFICATION_SOURCE_LABELS: Readonly<Record<RectificationSourceKind, string>> = {
  finding: '审核发现',
  deviation: '监控偏差',
  'self-evaluation': '自评问题',
};

/** What can be done to an item. `edit` changes the deadline, the person or the requirement. */
export const RECTIFICATION_ACTIONS = ['progress', 'submit', 'confirm', 'reopen'] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];

export const RECTIFICATION_ACTION_LABELS: Readonly<Record<RectificationAction | 'create' | 'edit' | 'file', string>> = {
  create: '转为整改事项',
  progress: '记录整改进展',
  submit: '报告已整改',
  confirm: '确认销号',
  reopen: '退回继续整改',
  edit: '修改整改要求',
  file: '上传证明材料',
};

/** A supervisor (主管部门审核) and a business section (财政业务科室审核) read their departments' items and take none of these actions. */
export type RectificationRole = Role;

/** The department's actions (its editors) and the bureau's (reviewers). */
const DEPARTMENT_ACTIONS: readonly RectificationAction[] = ['progress', 'submit'];
const BUREAU_ACTIONS: readonly RectificationAction[] = ['confirm', 'reopen'];

/** Where each action may start from, and where it leads. */
const TRANSITIONS: Readonly<Record<RectificationAction, { from: readonly RectificationStatus[]; to: (from: RectificationStatus) => RectificationStatus }>> = {
  progress: { from: ['pending', 'in-progress'], to: () => 'in-progress' },
  submit: { from: ['pending', 'in-progress'], to: () => 'done' },
  confirm: { from: ['done'], to: () => 'closed' },
  reopen: { from: ['done'], to: () => 'in-progress' },
};

/** The state an action leads to, or null when it is not allowed from `from`. */
export function nextStatus(from: RectificationStatus, action: RectificationAction): RectificationStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(from) ? t.to(from) : null;
}

/** The actions that are a role's at all: the department's editors report, the bureau confirms. */
export function roleActions(role: RectificationRole): readonly RectificationAction[] {
  return role === 'editor' ? DEPARTMENT_ACTIONS : role === 'reviewer' ? BUREAU_ACTIONS : [];
}

/** The actions a role may take on an item in `status` (access to the item is checked elsewhere). */
export function allowedRectificationActions(status: RectificationStatus, role: RectificationRole): RectificationAction[] {
  return roleActions(role).filter((a) => nextStatus(status, a) !== null);
}

/** Whether the bureau may still change the deadline, person or requirement: until it is closed. */
export function editable(status: RectificationStatus): boolean {
  return status !== 'closed';
}

/** Whether files may be added: while the department is still working on it. */
export function acceptsEvidence(status: RectificationStatus): boolean {
  return status === 'pending' || status === 'in-progress';
}

export function isOpen(status: RectificationStatus): boolean {
  return status === 'pending' || status === 'in-progress';
}

// ---------------------------------------------------------------------------------------------
// Dates: 'YYYY-MM-DD', compared as calendar days

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real calendar date, or null ('2025-02-30' is none). */
export function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / 86_400_000;
}

/** Today's date in China (UTC+8, no daylight saving) at the instant `now`. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The date `days` after `date` (both 'YYYY-MM-DD'). */
export function addDays(date: string, days: number): string {
  const n = dayNumber(date);
  if (n === null) throw new Error(`not a date: ${date}`);
  return new Date((n + days) * 86_400_000).toISOString().slice(0, 10);
}

/** What the overdue computation needs of an item. */
export interface DeadlineState {
  status: RectificationStatus;
  /** 'YYYY-MM-DD': due by the end of that day. */
  deadline: string;
  /** When it was last reported done (ISO time), null when never or after a reopen. */
  submittedAt: string | null;
}

/**
 * Days past the deadline of an open item on `today` (0 on the deadline itself and before it);
 * done and closed items are not overdue.
 */
export function daysOverdue(item: DeadlineState, today: string): number {
  if (!isOpen(item.status)) return 0;
  const due = dayNumber(item.deadline);
  const now = dayNumber(today);
  if (due === null || now === null) return 0;
  return Math.max(0, now - due);
}

/** Whether an open item is past its deadline on `today`. */
export function isOverdue(item: DeadlineState, today: string): boolean {
  return daysOverdue(item, today) > 0;
}

/** Days between the deadline and the (China) day it was reported done; 0 when on time or not done. */
export function lateDays(item: DeadlineState): number {
  if (item.status === 'pending' || item.status === 'in-progress' || item.submittedAt === null) return 0;
  const due = dayNumber(item.deadline);
  const t = Date.parse(item.submittedAt);
  if (due === null || Number.isNaN(t)) return 0;
  const done = dayNumber(chinaToday(new Date(t)))!;
  return Math.max(0, done - due);
}

/** 逾期 for an open item past its deadline, else the stored state. */
export function displayStatus(item: DeadlineState, today: string): RectificationDisplayStatus {
  return isOverdue(item, today) ? 'overdue' : item.status;
}

/** Days left until the deadline of an open item (negative when overdue); null when not open. */
export function daysLeft(item: DeadlineState, today: string): number | null {
  if (!isOpen(item.status)) return null;
  const due = dayNumber(item.deadline);
  const now = dayNumber(today);
  return due === null || now === null ? null : due - now;
}

// ---------------------------------------------------------------------------------------------
// Sources: a stable key per problem, so that one problem becomes at most one item

/** A review finding's key: its rule and the cell it is pinned to ("unit.satisfaction-not-percent@indicator:3.target"). */
export function findingSourceKey(f: { rule: string; field: string | null; indicatorIndex: number | null }): string {
  const where = f.indicatorIndex !== null ? `indicator:${f.indicatorIndex}.${f.field ?? 'name'}` : (f.field ?? 'project');
  return `${f.rule}@${where}`;
}

/** A monitoring deviation's key: the round and the spending or one indicator ("2025-07-31/spending", "2025-07-31/indicator:12"). */
export function deviationSourceKey(asOf: string, indicatorId: number | null): string {
  return indicatorId === null ? `${asOf}/spending` : `${asOf}/indicator:${indicatorId}`;
}

/** A self-evaluation problem's key: the requirement and its indicator ("indicator.deviation/12", "execution.explain"). */
export function selfEvaluationSourceKey(code: string, indicatorId: number | null): string {
  return indicatorId === null ? code : `${code}/${indicatorId}`;
}

// ---------------------------------------------------------------------------------------------
// Validation of what people enter

export const MAX_NOTE = 4000;
export const MAX_PERSON = 100;
/** The longest a deadline may lie ahead of the day it is set: two years. */
export const MAX_DEADLINE_DAYS = 731;

export interface InputIssue {
  path: string;
  message: string;
}

/** Problems of a deadline set on `today`: a real date, not in the past, at most two years ahead. */
export function deadlineIssues(deadline: string, today: string, path = 'deadline'): InputIssue[] {
  const due = dayNumber(deadline);
  if (due === null) return [{ path, message: `整改期限“${deadline}”不是有效日期（格式 YYYY-MM-DD）` }];
  const now = dayNumber(today)!;
  if (due < now) return [{ path, message: `整改期限 ${deadline} 早于今天（${today}）` }];
  if (due - now > MAX_DEADLINE_DAYS) return [{ path, message: `整改期限 ${deadline} 超过两年，请设定更近的期限` }];
  return [];
}

/** Problems of an action's note: reopening needs a reason; reporting done needs evidence (a note or a file). */
export function actionIssues(action: RectificationAction, note: string | null, hasEvidence: boolean): InputIssue[] {
  const text = note?.trim() ?? '';
  if (text.length > MAX_NOTE) return [{ path: 'note', message: `说明不能超过 ${MAX_NOTE} 字` }];
  if (action === 'reopen' && text === '') return [{ path: 'note', message: '退回继续整改时请说明理由' }];
  if (action === 'progress' && text === '') return [{ path: 'note', message: '请填写整改进展' }];
  if (action === 'submit' && text === '' && !hasEvidence) return [{ path: 'note', message: '报告已整改时请填写整改情况或上传证明材料' }];
  return [];
}
