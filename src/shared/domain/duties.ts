/**
 * Separated duties (三员分立, issues 32 and 57): every account has one duty, and the duties do not mix.
 * No one administrator can act alone: each needs another to do what would let it act in the business.
 *
 * - 系统管理员 (`admin`) runs the installation: accounts' existence (create, rename, disable, unlock, a
 *   one-time code for a forgotten password) and the settings (regions, levels of review, business
 *   sections, 审批与公开). It assigns no role, region, department or section, never chooses or sees a
 *   password that works after the one-time code is used, takes no business action and reads no
 *   business data.
 * - 安全管理员 (`security`) authorises: it assigns and changes the roles, departments, regions and
 *   sections of accounts (授权), and sets the password and session policies (安全策略). It cannot
 *   create accounts, cannot act in the business, cannot change its own role nor another
 *   administrator's; the security auditor's account is changed (renamed, disabled, unlocked) by it only.
 * - 安全审计员 (`auditor`) reads the audit log and the sign-in records of everyone, the two
 *   administrators included, and exports them; it changes nothing.
 * - The business roles — 财政局绩效科 (`reviewer`), 主管部门审核 (`supervisor`, levels of review: it
 *   reads its own department's and its units' business data and forwards or returns its units'
 *   submissions, and writes nothing else), 财政业务科室审核 (`section`, the bureau's business section
 *   of a region: it reads the business data of the departments assigned to it, 归口, and forwards
 *   or returns their submissions, and writes nothing else) and 预算单位填报人 (`editor`) — do the business
 *   (import, edit, submit, review, publish, monitoring, self-evaluation, results, ex-ante,
 *   rectification) and manage no account and read no audit log. Imports of budget documents are
 *   business: they create and replace business data (a department's targets), which in 预算管理一体化
 *   systems the budget units and the finance bureau's business sections load, not the operator.
 * - 未分配角色 (`unassigned`): an account the system administrator created and the security
 *   administrator has not yet authorised. It may sign in and change its password, nothing else.
 *
 * No account holds two of the administrator roles, nor one of them and a business role: an
 * administrator account's role never changes, and administrator accounts are made only by the
 * operator (`jixiao serve` on an empty database, `jixiao accounts add`), never through the API.
 *
 * Which route serves which duty is decided in one place on the server (src/server/app/duties.ts);
 * who may do what to which account, here (accountActionRefusal). Pure: no I/O, shared by the server
 * and the browser.
 */

export const ROLES = ['admin', 'security', 'auditor', 'reviewer', 'supervisor', 'section', 'editor', 'unassigned'] as const;
export type Role = (typeof ROLES)[number];

/** 系统管理员 / 安全管理员 / 安全审计员 / 财政局绩效科 (reviewer) / 主管部门审核 (supervisor) / 财政业务科室审核 (section) / 预算单位填报人 (editor) / 未分配角色. */
export const ROLE_NAMES: Record<Role, string> = {
  admin: '系统管理员',
  security: '安全管理员',
  auditor: '安全审计员',
  reviewer: '财政局绩效科',
  supervisor: '主管部门审核',
  section: '财政业务科室审核',
  editor: '预算单位填报人',
  unassigned: '未分配角色',
};

/**
 * What an account is for: running the installation (accounts' existence, settings), authorising
 * (roles, policies), auditing, the business; or nothing yet (an account without a role).
 */
export type Duty = 'system' | 'security' | 'audit' | 'business' | 'none';

export const DUTY_OF_ROLE: Record<Role, Duty> = {
  admin: 'system',
  security: 'security',
  auditor: 'audit',
  reviewer: 'business',
  supervisor: 'business',
  section: 'business',
  editor: 'business',
  unassigned: 'none',
};

/** The three administrators (三员): no account holds two of these roles, and their roles never change. */
export const ADMINISTRATOR_ROLES: readonly Role[] = ['admin', 'security', 'auditor'];

export function isAdministratorRole(role: Role): boolean {
  return ADMINISTRATOR_ROLES.includes(role);
}

/** The business roles: the only ones that act on projects and their documents. */
export const BUSINESS_ROLES: readonly Role[] = ROLES.filter((r) => DUTY_OF_ROLE[r] === 'business');

/** The roles the security administrator assigns (授权): the business roles, or none (the role withdrawn). */
export const ASSIGNABLE_ROLES: readonly Role[] = [...BUSINESS_ROLES, 'unassigned'];

export function isBusinessRole(role: Role): boolean {
  return DUTY_OF_ROLE[role] === 'business';
}

/**
 * Who may call a route: anyone (`open`: the session, sign-in and -out, the public pages, the API
 * documentation), any signed-in account (`self`: its own password), the accounts of one duty, or
 * both administrators of accounts (`accounts`: the list of accounts, a change the service then
 * decides by the account changed — the system administrator's, the auditor's by the security
 * administrator).
 */
export type RouteDuty = 'open' | 'self' | 'accounts' | Exclude<Duty, 'none'>;

/** Whether a signed-in account of `role` may call a route of `duty`. */
export function mayCall(role: Role, duty: RouteDuty): boolean {
  if (duty === 'open' || duty === 'self') return true;
  if (duty === 'accounts') return role === 'admin' || role === 'security';
  return DUTY_OF_ROLE[role] === duty;
}

/** Why a role may not call a route of `duty` (the 403's message), in Chinese. */
export function refusalMessage(role: Role, duty: Exclude<RouteDuty, 'open' | 'self'>, write: boolean): string {
  if (role === 'unassigned') return '您的账号尚未分配角色，请联系安全管理员授权（三员分立）';
  if (duty === 'system') return '账号的建立、停用和系统设置由系统管理员办理（三员分立）';
  if (duty === 'security') return '角色授权和密码、会话策略由安全管理员办理（三员分立）';
  if (duty === 'accounts') return '账号由系统管理员和安全管理员管理（三员分立）';
  if (duty === 'audit') return '审计日志和登录记录只有安全审计员可以查看（三员分立）';
  if (role === 'admin') return '系统管理员只管理账号和系统设置，不查看、不办理业务（三员分立）';
  if (role === 'security') return '安全管理员只负责角色授权和安全策略，不查看、不办理业务（三员分立）';
  if (role === 'auditor') return write ? '安全审计员不能修改任何数据（三员分立）' : '安全审计员只查看审计日志和登录记录，不查看业务数据（三员分立）';
  return '没有权限进行此操作';
}

/**
 * What an administrator does to an account: create it, rename it, disable or enable it, lift its
 * lock after failed sign-ins, give it a one-time code (a forgotten password), assign its role
 * (with its department, region or section).
 */
export type AccountAction = 'create' | 'rename' | 'disable' | 'unlock' | 'code' | 'assignRole';

/** The accounts one acts on: who it is and its role. */
export interface AccountRef {
  id: number;
  role: Role;
  /** The auditor's account: the security administrator asked to disable it (its username), awaiting consent. */
  disableRequestedBy?: string | null;
}

/** Why the system administrator alone does not disable the auditor (issue 72: two of the three). */
export const AUDITOR_DISABLE_NEEDS_TWO = '停用安全审计员的账号须由安全管理员提出、系统管理员同意（三员分立：一人停用后审计日志便无人查看）';

/**
 * Why `actor` may not take `action` on `target` (null to create one); null when it may. One rule
 * for the server (which refuses with it, 403) and the web page (which shows only what may be done):
 *
 * - an account is created by the system administrator, without a role;
 * - its name, its being disabled and its lock are the system administrator's, but for the
 *   security auditor's account, which only the security administrator changes — and disables only
 *   with the system administrator's consent (issue 72): it asks, the system administrator disables;
 * - a one-time code is the system administrator's to give to a business account or one without a
 *   role; an administrator's comes from the operator on the server (`jixiao accounts code`);
 * - roles (and departments, regions, sections) are the security administrator's to assign, to an
 *   account not its own and not an administrator's, and only the business roles (or none);
 * - nobody disables their own account or gives themselves a one-time code.
 */
export function accountActionRefusal(actor: AccountRef, action: AccountAction, target: AccountRef | null): string | null {
  if (action === 'create') return actor.role === 'admin' ? null : '账号由系统管理员建立（三员分立）';
  if (target === null) return '未指定账号';
  const self = actor.id === target.id;
  if (action === 'assignRole') {
    if (actor.role !== 'security') return '角色由安全管理员分配（三员分立）';
    if (self) return '不能更改自己的角色（三员分立）';
    if (isAdministratorRole(target.role)) return '管理员账号的角色不能更改（三员分立）';
    return null;
  }
  if (action === 'code') {
    if (self) return '自己的密码请在“修改密码”中修改';
    if (isAdministratorRole(target.role)) return '管理员账号的一次性密码只能由运维人员在服务器上发放（jixiao accounts code）（三员分立）';
    return actor.role === 'admin' ? null : '一次性密码由系统管理员发放（三员分立）';
  }
  if (action === 'disable' && self) return '不能停用自己的账号';
  // the system administrator's consent to the security administrator's asking: the one thing it does to the auditor's account
  if (target.role === 'auditor' && action === 'disable' && actor.role === 'admin') return target.disableRequestedBy ? null : AUDITOR_DISABLE_NEEDS_TWO;
  if (target.role === 'auditor') return actor.role === 'security' ? null : '安全审计员的账号只能由安全管理员停用或修改（三员分立）';
  return actor.role === 'admin' ? null : '账号的姓名、停用和解锁由系统管理员办理（三员分立）';
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
