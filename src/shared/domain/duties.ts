/**
 * Separated duties (三员分立, issue 32): every account has one duty, and the duties do not mix.
 *
 * - 系统管理员 (`admin`) manages accounts and the organisation they belong to (账号、所属单位) and the
 *   system's settings. It takes no business action and does not read business data: in 三员分立
 *   practice (等保 2.0, GB/T 22239 "三权分立") the system administrator runs the system, the
 *   business is the business staff's, and what either does is read by the auditor.
 * - 安全审计员 (`auditor`) reads the audit log and the sign-in records and changes nothing.
 * - The business roles — 财政局绩效科 (`reviewer`), 主管部门审核 (`supervisor`, levels of review: it
 *   reads its own department's and its units' business data and forwards or returns its units'
 *   submissions, and writes nothing else), 财政业务科室审核 (`section`, the bureau's business section
 *   of a region: it reads the business data of the departments assigned to it, 归口, and forwards
 *   or returns their submissions, and writes nothing else) and 预算单位填报人 (`editor`) — do the business
 *   (import, edit, submit, review, publish, monitoring, self-evaluation, results, ex-ante,
 *   rectification) and manage no account and read no audit log. Imports of budget documents are
 *   business: they create and replace business data (a department's targets), which in 预算管理一体化
 *   systems the budget units and the finance bureau's business sections load, not the operator.
 *
 * Which route serves which duty is decided in one place on the server (src/server/app/duties.ts).
 * Pure: no I/O, shared by the server and the browser.
 */

export const ROLES = ['admin', 'auditor', 'reviewer', 'supervisor', 'section', 'editor'] as const;
export type Role = (typeof ROLES)[number];

/** 系统管理员 / 安全审计员 / 财政局绩效科 (reviewer) / 主管部门审核 (supervisor) / 财政业务科室审核 (section) / 预算单位填报人 (editor). */
export const ROLE_NAMES: Record<Role, string> = {
  admin: '系统管理员',
  auditor: '安全审计员',
  reviewer: '财政局绩效科',
  supervisor: '主管部门审核',
  section: '财政业务科室审核',
  editor: '预算单位填报人',
};

/** What an account is for: managing accounts and settings, auditing, or the business. */
export type Duty = 'accounts' | 'audit' | 'business';

export const DUTY_OF_ROLE: Record<Role, Duty> = {
  admin: 'accounts',
  auditor: 'audit',
  reviewer: 'business',
  supervisor: 'business',
  section: 'business',
  editor: 'business',
};

/** The business roles: the only ones that act on projects and their documents. */
export const BUSINESS_ROLES: readonly Role[] = ROLES.filter((r) => DUTY_OF_ROLE[r] === 'business');

export function isBusinessRole(role: Role): boolean {
  return DUTY_OF_ROLE[role] === 'business';
}

/**
 * Who may call a route: anyone (`open`: the session, sign-in and -out, the public pages, the API
 * documentation), any signed-in account (`self`: its own password), or the accounts of one duty.
 */
export type RouteDuty = 'open' | 'self' | Duty;

/** Whether a signed-in account of `role` may call a route of `duty`. */
export function mayCall(role: Role, duty: RouteDuty): boolean {
  return duty === 'open' || duty === 'self' || DUTY_OF_ROLE[role] === duty;
}

/** Why a role may not call a route of `duty` (the 403's message), in Chinese. */
export function refusalMessage(role: Role, duty: Duty, write: boolean): string {
  if (duty === 'accounts') return '账号和系统设置由系统管理员管理（三员分立）';
  if (duty === 'audit') return '审计日志和登录记录只有安全审计员可以查看（三员分立）';
  if (role === 'admin') return '系统管理员只管理账号和系统设置，不查看、不办理业务（三员分立）';
  if (role === 'auditor') return write ? '安全审计员不能修改任何数据（三员分立）' : '安全审计员只查看审计日志和登录记录，不查看业务数据（三员分立）';
  return '没有权限进行此操作';
}

/** Roles bound to one department (an editor's own; a supervisor's 主管部门): they need one, and have no region of their own. */
export function belongsToDepartment(role: Role): boolean {
  return role === 'editor' || role === 'supervisor';
}

/** The role bound to one business section of a region's bureau (财政业务科室): it needs one; its region is the section's. */
export function belongsToSection(role: Role): boolean {
  return role === 'section';
}

/**
 * The roles of one level between a unit and the performance section (主管部门, 财政业务科室): they
 * read their departments' business data, and their only write is forwarding or returning their
 * departments' submissions (a workflow action).
 */
export function reviewsOneLevel(role: Role): boolean {
  return role === 'supervisor' || role === 'section';
}

/** The supervisor's refusal of any other write than a workflow action on its units' projects. */
export const SUPERVISOR_WRITE_REFUSAL = '主管部门审核账号只审核所属单位的项目（转报财政或退回），不修改其他数据';

/** The business section's refusal of any other write than a workflow action on its departments' projects. */
export const SECTION_WRITE_REFUSAL = '财政业务科室审核账号只审核归口单位的项目（转报绩效科或退回），不修改其他数据';
