/**
 * Accounts (三员分立, issue 57): the system administrator creates them (without a role), renames,
 * disables, unlocks them and gives a one-time code for a forgotten password; the security
 * administrator assigns their roles (授权) and changes the security auditor's account; every user
 * changes their own password. Who may do what to which account is shared/domain/duties.ts
 * accountActionRefusal; every refusal is 403 with its reason, every change an audit-log entry
 * (never a password, a code or a hash).
 *
 * Nobody chooses another person's password: a new account and a forgotten password get a one-time
 * code (one-time-code.ts), shown once to the administrator who gave it, that signs in once, within
 * the policy's time, and must then be replaced by a password only its owner knows. A disabled
 * account or a new code signs the user out everywhere; role and department changes apply on the
 * user's next request, since every request reads the account afresh.
 *
 * The processes (the demo loader, jixiao generate, the operator's command line) make accounts with
 * a role and a password or a code through createAccount and the administrators' functions at the
 * end; the API never makes an administrator account.
 */
import { displayNameRefusal, usernameRefusal } from '../../../shared/domain/reserved-names';
import type { AssignRoleBody, ChangePasswordBody, CreateUserBody, OneTimeCodeResponse, SessionUser, UpdateUserBody, UserAccount } from '../../../shared/api/auth';
import { passwordProblem } from '../../../shared/domain/password-policy';
import { accountActionRefusal, belongsToDepartment, belongsToSection, isAdministratorRole, ROLE_NAMES, type AccountAction, type Role } from '../../../shared/domain/duties';
import { SECTION_ACCOUNT_NEEDS_SECTION } from '../../../shared/api/auth';
import { findSection } from '../../db/section.repository';
import { insertAuditEntry, type ActorInput } from '../../db/document.repository';
import type { Db, UserRole } from '../../db/schema';
import {
  countUsersByRole,
  deleteUserSessions,
  findDepartmentName,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  updateUser,
  type StoredAccount,
  type UserChanges,
} from '../../db/user.repository';
import { readSecurityPolicy } from '../../db/security-policy.repository';
import { actorOf } from '../../app/auth';
import { AppError, validationError } from '../../app/errors';
import { hashPassword, verifyPassword } from '../auth/auth.service';
import { inTransaction } from '../../db/transaction';
import { findRegion } from '../../db/region.repository';
import { giveOneTimeCode, newOneTimeCode, SYSTEM_ACTOR } from './one-time-code';

/** Every account, as the administrators' list shows it. */
export async function listAccounts(db: Db): Promise<UserAccount[]> {
  return listUsers(db);
}

/** 403 with the reason unless `actor` may take `action` on `target` (shared/domain/duties.ts). */
function assertMay(actor: SessionUser, action: AccountAction, target: StoredAccount | null): void {
  const refusal = accountActionRefusal(actor, action, target);
  if (refusal !== null) throw new AppError(403, 'forbidden', refusal);
}

/** An editor (a supervisor) belongs to exactly one existing department (主管部门); the other roles to none. */
async function checkDepartment(db: Db, role: UserRole, departmentId: number | null): Promise<void> {
  if (!belongsToDepartment(role)) {
    if (departmentId !== null) throw validationError([{ path: 'departmentId', message: '只有填报人和主管部门审核账号属于单位；管理员、财政审核人员和业务科室审核账号不属于任何单位' }]);
    return;
  }
  if (departmentId === null) throw validationError([{ path: 'departmentId', message: role === 'editor' ? '填报人必须属于一个单位' : '主管部门审核账号必须属于一个主管部门' }]);
  if ((await findDepartmentName(db, departmentId)) === undefined) {
    throw validationError([{ path: 'departmentId', message: `单位 ${departmentId} 不存在` }]);
  }
}

/** A finance account (财政局绩效科) may belong to a region of the tree; the other roles never (an editor's is its department's). */
async function checkRegion(db: Db, role: UserRole, regionCode: string | null): Promise<void> {
  if (regionCode === null) return;
  if (belongsToDepartment(role)) throw validationError([{ path: 'regionCode', message: '填报人和主管部门审核账号不设区划：按所属单位的区划' }]);
  if (role !== 'reviewer' && role !== 'section') throw validationError([{ path: 'regionCode', message: `${ROLE_NAMES[role]}账号不设区划：只有财政审核账号按区划确定查看范围` }]);
  if ((await findRegion(db, regionCode)) === undefined) throw validationError([{ path: 'regionCode', message: `区划 ${regionCode} 不在区划表中` }]);
}

/**
 * A business section's account (财政业务科室审核) belongs to exactly one existing section, and its
 * region is the section's (a region given must be it); the other roles to none. The region to store.
 */
async function checkSection(db: Db, role: UserRole, sectionId: number | null, regionCode: string | null): Promise<string | null> {
  if (!belongsToSection(role)) {
    if (sectionId !== null) throw validationError([{ path: 'sectionId', message: '只有财政业务科室审核账号属于业务科室' }]);
    return regionCode;
  }
  if (sectionId === null) throw validationError([{ path: 'sectionId', message: SECTION_ACCOUNT_NEEDS_SECTION }]);
  const section = await findSection(db, sectionId);
  if (!section) throw validationError([{ path: 'sectionId', message: `业务科室 ${sectionId} 不存在` }]);
  if (regionCode !== null && regionCode !== section.regionCode) {
    throw validationError([{ path: 'regionCode', message: `财政业务科室审核账号的区划是其科室所在区划（${section.regionCode}）` }]);
  }
  return section.regionCode;
}

/** The role and what it needs, checked: the department, region and section to store. */
async function checkAssignment(db: Db, assignment: { role: Role; departmentId?: number | null; regionCode?: string | null; sectionId?: number | null }) {
  const departmentId = assignment.departmentId ?? null;
  const sectionId = assignment.sectionId ?? null;
  await checkDepartment(db, assignment.role, departmentId);
  const regionCode = await checkSection(db, assignment.role, sectionId, assignment.regionCode ?? null);
  await checkRegion(db, assignment.role, regionCode);
  return { departmentId, regionCode, sectionId };
}

export interface PasswordOptions {
  /** Demo mode: the demo accounts' published password may be set. */
  demo?: boolean;
  /** The policy's least length (default the rule's own). */
  minLength?: number;
}

/** 400 'validation' on `path` unless the password follows the policy. */
function checkPassword(password: string, username: string, path: string, opts: PasswordOptions): void {
  const problem = passwordProblem(password, { username, demo: opts.demo ?? false, ...(opts.minLength !== undefined ? { minLength: opts.minLength } : {}) });
  if (problem !== null) throw validationError([{ path, message: problem }]);
}

/** What a process gives createAccount: the account with its role, and its password. */
export interface AccountSpec {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  departmentId?: number | null;
  regionCode?: string | null;
  sectionId?: number | null;
}

/**
 * Creates an account with its role and password: for the processes (the demo loader, jixiao
 * generate), never for the API. 409 'conflict' when the username is taken. Its user must change
 * the password at the first sign-in, unless `mustChangePassword: false` (the demo's accounts).
 */
export async function createAccount(
  db: Db,
  actor: ActorInput | SessionUser,
  spec: AccountSpec,
  now: Date,
  opts: PasswordOptions & { mustChangePassword?: boolean } = {},
): Promise<UserAccount> {
  checkPassword(spec.password, spec.username, 'password', opts);
  const passwordHash = await hashPassword(spec.password);
  const id = await inTransaction(db, async (trx) => {
    const { departmentId, regionCode, sectionId } = await checkAssignment(trx, spec);
    return insertAccount(trx, auditActor(actor), { username: spec.username, displayName: spec.displayName, role: spec.role, departmentId, regionCode, sectionId }, passwordHash, now, opts.mustChangePassword ?? true);
  });
  return (await findUserById(db, id))!;
}

/** The audit log's actor of an account or a process. */
function auditActor(actor: ActorInput | SessionUser): ActorInput {
  return typeof actor === 'string' || !('role' in actor) ? actor : actorOf(actor);
}

interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  regionCode: string | null;
  sectionId: number | null;
}

/** Inserts an account and its audit entry (user.create); its id. */
async function insertAccount(trx: Db, actor: ActorInput, account: NewAccount, passwordHash: string, now: Date, mustChangePassword: boolean, extra: Record<string, unknown> = {}): Promise<number> {
  // a process's name, or an administrator's role name on another account, would pass for them in the audit log (issue 72)
  const reserved = usernameRefusal(account.username) ?? displayNameRefusal(account.displayName, account.role);
  if (reserved !== null) throw new AppError(400, 'validation', reserved);
  if (await findUserByUsername(trx, account.username)) throw new AppError(409, 'conflict', `用户名“${account.username}”已存在`);
  const at = now.toISOString();
  const userId = await insertUser(trx, { ...account, passwordHash, createdAt: at, mustChangePassword });
  await insertAuditEntry(trx, {
    at,
    actor,
    action: 'user.create',
    entity: 'user',
    entityId: userId,
    detail: { username: account.username, displayName: account.displayName, ...(await assignmentNames(trx, account)), ...extra },
  });
  return userId;
}

/** A role assignment as the audit log keeps it: the role and the names of its department, region and section. */
async function assignmentNames(db: Db, a: { role: Role; departmentId: number | null; regionCode: string | null; sectionId: number | null }): Promise<Record<string, unknown>> {
  const region = a.regionCode === null ? undefined : await findRegion(db, a.regionCode);
  return {
    role: a.role,
    ...(a.departmentId === null ? {} : { department: (await findDepartmentName(db, a.departmentId)) ?? String(a.departmentId) }),
    ...(a.regionCode === null ? {} : { region: region ? `${region.name}（${a.regionCode}）` : a.regionCode }),
    ...(a.sectionId === null ? {} : { section: (await findSection(db, a.sectionId))?.name ?? String(a.sectionId) }),
  };
}

/**
 * POST /api/users: the system administrator creates an account — a username and a name, no role
 * (the security administrator assigns it) — and gets its one-time code, once.
 */
export async function openAccount(db: Db, actor: SessionUser, body: CreateUserBody, now: Date): Promise<OneTimeCodeResponse> {
  assertMay(actor, 'create', null);
  const code = newOneTimeCode();
  const passwordHash = await hashPassword(code);
  const policy = await readSecurityPolicy(db);
  const { id, expiresAt } = await inTransaction(db, async (trx) => {
    const account: NewAccount = { username: body.username, displayName: body.displayName, role: 'unassigned', departmentId: null, regionCode: null, sectionId: null };
    const userId = await insertAccount(trx, actorOf(actor), account, passwordHash, now, true);
    const given = await giveOneTimeCode(trx, actorOf(actor), userId, 'create', null, now, policy, body.username);
    return { id: userId, expiresAt: given.expiresAt };
  });
  return { account: (await findUserById(db, id))!, oneTimeCode: code, expiresAt };
}

/** The account `id`, or 404. */
async function accountOf(db: Db, id: number): Promise<StoredAccount> {
  const account = await findUserById(db, id);
  if (!account) throw new AppError(404, 'not-found', '用户不存在');
  return account;
}

type AuditedField = 'displayName' | 'disabled';

/**
 * PATCH /api/users/:id: an account's name and whether it is disabled — the system administrator's,
 * the security auditor's the security administrator's. Nobody disables their own account. A disabled
 * account is signed out everywhere. Audited as 'user.update'. The auditor's account is disabled by two
 * (changeAuditorDisabled); `tell` hears what the operator's log should of it.
 */
export async function changeAccount(db: Db, actor: SessionUser, id: number, body: UpdateUserBody, now: Date, tell: (message: string) => void = () => {}): Promise<UserAccount> {
  const told: string[] = [];
  await inTransaction(db, async (trx) => {
    const before = await accountOf(trx, id);
    let handled = false;
    if (before.role === 'auditor' && body.disabled !== undefined && (body.disabled !== before.disabled || before.disableRequestedBy !== null)) {
      told.push(await changeAuditorDisabled(trx, actor, before, body.disabled, now));
      body = { ...body, disabled: undefined };
      handled = true;
    }
    const changes: UserChanges = {};
    if (body.displayName !== undefined && body.displayName !== before.displayName) changes.displayName = body.displayName;
    if (body.disabled !== undefined && body.disabled !== before.disabled) changes.disabled = body.disabled;
    if (changes.displayName !== undefined) {
      assertMay(actor, 'rename', before);
      const reserved = displayNameRefusal(changes.displayName, before.role);
      if (reserved !== null) throw new AppError(400, 'validation', reserved);
    }
    if (changes.disabled !== undefined) assertMay(actor, 'disable', before);
    if (Object.keys(changes).length === 0) {
      // nothing changes, but asking is still a change of someone else's account: the same refusal
      if (!handled) assertMay(actor, 'rename', before);
      return;
    }
    await updateUser(trx, id, changes);
    if (changes.disabled === true) await deleteUserSessions(trx, id);
    const fields = (['displayName', 'disabled'] as const).filter((f): f is AuditedField => f in changes);
    await insertAuditEntry(trx, {
      at: now.toISOString(),
      actor: actorOf(actor),
      action: 'user.update',
      entity: 'user',
      entityId: id,
      detail: { username: before.username, before: pick(before, fields), after: pick({ ...before, ...changes } as StoredAccount, fields) },
    });
  });
  // told once stored: the operator's log hears of the auditor's account only when it has changed
  for (const message of told) if (message !== '') tell(message);
  return accountOf(db, id);
}

/**
 * Disabling the auditor's account takes two of the three (issue 72, item 8): alone, the security administrator could
 * disable it and then nobody read the audit log. Now the security administrator asks (or withdraws its asking), and
 * the system administrator's consent disables it (its sessions ended) or its refusal ends the asking; enabling it
 * again is the security administrator's alone. Each step audited; what the operator's log is told (empty: nothing).
 */
async function changeAuditorDisabled(trx: Db, actor: SessionUser, before: StoredAccount, disabled: boolean, now: Date): Promise<string> {
  assertMay(actor, 'disable', before);
  const at = now.toISOString();
  const entry = (action: 'user.update' | 'user.disableRequest' | 'user.disableWithdraw' | 'user.disableDecline', detail: Record<string, unknown>) =>
    insertAuditEntry(trx, { at, actor: actorOf(actor), action, entity: 'user', entityId: before.id, detail: { username: before.username, ...detail } });
  if (actor.role === 'security') {
    const said: string[] = [];
    if (!disabled) {
      if (before.disableRequestedBy !== null) {
        await updateUser(trx, before.id, { disableRequest: null });
        await entry('user.disableWithdraw', { requestedBy: before.disableRequestedBy });
        said.push(`the security administrator ${actor.username} withdrew its request to disable the auditor's account ${before.username}`);
      }
      if (before.disabled) {
        await updateUser(trx, before.id, { disabled: false });
        await entry('user.update', { before: { disabled: true }, after: { disabled: false } });
        said.push(`the security administrator ${actor.username} enabled the auditor's account ${before.username} again`);
      }
      return said.join('; ');
    }
    // disabled already, or asked already (by whoever): nothing changes
    if (before.disabled || before.disableRequestedBy !== null) return '';
    await updateUser(trx, before.id, { disableRequest: { by: actor.username, at } });
    await entry('user.disableRequest', { requestedBy: actor.username });
    return `the security administrator ${actor.username} asks to disable the auditor's account ${before.username}: it stays enabled until the system administrator consents`;
  }
  // the system administrator, with a request waiting (assertMay let it through only then): consent or refusal
  if (!disabled) {
    await updateUser(trx, before.id, { disableRequest: null });
    await entry('user.disableDecline', { requestedBy: before.disableRequestedBy, requestedAt: before.disableRequestedAt });
    return `the system administrator ${actor.username} refused the request of ${before.disableRequestedBy} to disable the auditor's account ${before.username}`;
  }
  await updateUser(trx, before.id, { disabled: true, disableRequest: null });
  await deleteUserSessions(trx, before.id);
  await entry('user.update', { before: { disabled: false }, after: { disabled: true }, requestedBy: before.disableRequestedBy, requestedAt: before.disableRequestedAt });
  return `the auditor's account ${before.username} is disabled: asked by the security administrator ${before.disableRequestedBy}, consented by the system administrator ${actor.username}; nobody reads the audit log until it is enabled again (by the security administrator, or jixiao accounts code)`;
}

/**
 * PUT /api/users/:id/role (授权): the security administrator assigns a business role (or withdraws
 * the role) with its department, region or section; never to itself nor to an administrator.
 * Audited as 'user.role' with the names before and after.
 */
export async function assignRole(db: Db, actor: SessionUser, id: number, body: AssignRoleBody, now: Date): Promise<UserAccount> {
  await inTransaction(db, async (trx) => {
    const before = await accountOf(trx, id);
    assertMay(actor, 'assignRole', before);
    const after = { role: body.role, ...(await checkAssignment(trx, body)) };
    const changes: UserChanges = {};
    if (after.role !== before.role) changes.role = after.role;
    if (after.departmentId !== before.departmentId) changes.departmentId = after.departmentId;
    if (after.regionCode !== before.regionCode) changes.regionCode = after.regionCode;
    if (after.sectionId !== before.sectionId) changes.sectionId = after.sectionId;
    if (Object.keys(changes).length === 0) return;
    await updateUser(trx, id, changes);
    await insertAuditEntry(trx, {
      at: now.toISOString(),
      actor: actorOf(actor),
      action: 'user.role',
      entity: 'user',
      entityId: id,
      detail: { username: before.username, before: await assignmentNames(trx, before), after: await assignmentNames(trx, after) },
    });
  });
  return accountOf(db, id);
}

/**
 * POST /api/users/:id/one-time-code: a forgotten password — the system administrator gives the
 * account a new one-time code (its sessions end, its lock is lifted), shown once. An administrator's
 * account gets one from the operator only (issueOperatorCode).
 */
export async function resetWithCode(db: Db, actor: SessionUser, id: number, now: Date): Promise<OneTimeCodeResponse> {
  const code = newOneTimeCode();
  const passwordHash = await hashPassword(code);
  const policy = await readSecurityPolicy(db);
  const expiresAt = await inTransaction(db, async (trx) => {
    const target = await accountOf(trx, id);
    assertMay(actor, 'code', target);
    return (await giveOneTimeCode(trx, actorOf(actor), id, 'reset', passwordHash, now, policy, target.username)).expiresAt;
  });
  return { account: await accountOf(db, id), oneTimeCode: code, expiresAt };
}

/** POST /api/users/:id/unlock: lifts the lock failed sign-ins set (the system administrator's; the auditor's: the security administrator's). */
export async function unlockAccount(db: Db, actor: SessionUser, id: number, now: Date): Promise<UserAccount> {
  await inTransaction(db, async (trx) => {
    const target = await accountOf(trx, id);
    assertMay(actor, 'unlock', target);
    if (target.lockedUntil === null || target.lockedUntil <= now.toISOString()) throw new AppError(409, 'conflict', `账号“${target.username}”没有被锁定`);
    await updateUser(trx, id, { unlock: true });
    await insertAuditEntry(trx, { at: now.toISOString(), actor: actorOf(actor), action: 'user.unlock', entity: 'user', entityId: id, detail: { username: target.username, lockedUntil: target.lockedUntil } });
  });
  return accountOf(db, id);
}

/**
 * A user changes their own password: the current one is required (400 on currentPassword when
 * it is wrong), the new one follows the policy and differs from it. Ends every other session of
 * the user (`session`, the one asking, stays) and clears the must-change mark.
 */
export async function changeOwnPassword(db: Db, user: SessionUser, session: string, body: ChangePasswordBody, now: Date, opts: PasswordOptions = {}): Promise<UserAccount> {
  const account = await findUserByUsername(db, user.username);
  if (!account || account.id !== user.id) throw new AppError(404, 'not-found', '用户不存在');
  if (!(await verifyPassword(account.passwordHash, body.currentPassword))) {
    throw validationError([{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  if (body.newPassword === body.currentPassword) throw validationError([{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  const policy = await readSecurityPolicy(db);
  checkPassword(body.newPassword, user.username, 'newPassword', { ...opts, minLength: policy.passwordMinLength });
  const hash = await hashPassword(body.newPassword);
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await updateUser(trx, user.id, { password: { hash, at, mustChange: false } });
    await deleteUserSessions(trx, user.id, session);
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(user),
      action: 'user.passwordChange',
      entity: 'user',
      entityId: user.id,
      detail: { username: user.username, passwordChanged: true },
    });
  });
  return accountOf(db, user.id);
}

// ---------------------------------------------------------------------------------------------
// The administrators' accounts: the operator's, never the API's

/** An account made or reset by the operator, with its one-time code (printed once). */
export interface OperatorCode {
  username: string;
  role: Role;
  code: string;
  expiresAt: string;
}

/** The administrators an installation starts with, and their usernames. */
export const FIRST_ADMINISTRATORS: readonly { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'secadmin', role: 'security' },
  { username: 'auditor', role: 'auditor' },
];

/**
 * `jixiao serve` outside demo mode: each administrator role no account holds (every one on an empty
 * database; on one upgraded from a version without the security administrator, that one) gets an
 * account with a one-time code — three people, none able to act alone, not one account that can do
 * everything. A taken username gets a number (`secadmin-2`). Empty when every role has its account.
 */
export async function createMissingAdministrators(db: Db, now = new Date()): Promise<OperatorCode[]> {
  const held = await countUsersByRole(db);
  const made: OperatorCode[] = [];
  for (const { username, role } of FIRST_ADMINISTRATORS) {
    if ((held.get(role) ?? 0) > 0) continue;
    let name = username;
    for (let n = 2; await findUserByUsername(db, name); n++) name = `${username}-${n}`;
    made.push(await addAdministrator(db, name, role, ROLE_NAMES[role], now));
  }
  return made;
}

/** `jixiao accounts add`: an administrator's account (the operator's only way to make one) with its one-time code. */
export async function addAdministrator(db: Db, username: string, role: Role, displayName: string, now = new Date()): Promise<OperatorCode> {
  if (!isAdministratorRole(role)) throw new AppError(400, 'validation', `命令行只建立管理员账号（系统管理员、安全管理员、安全审计员）；其他账号由系统管理员建立、安全管理员授权`);
  const code = newOneTimeCode();
  const passwordHash = await hashPassword(code);
  const policy = await readSecurityPolicy(db);
  const expiresAt = await inTransaction(db, async (trx) => {
    const id = await insertAccount(trx, SYSTEM_ACTOR, { username, displayName, role, departmentId: null, regionCode: null, sectionId: null }, passwordHash, now, true);
    return (await giveOneTimeCode(trx, SYSTEM_ACTOR, id, 'create', null, now, policy, username)).expiresAt;
  });
  return { username, role, code, expiresAt };
}

/**
 * `jixiao accounts code USERNAME`: the operator gives any account a new one-time code (the only way
 * for an administrator's account, whose password no other administrator may reset), lifts its lock
 * and enables it. Audited under the process's name, 'system'.
 */
export async function issueOperatorCode(db: Db, username: string, now = new Date()): Promise<OperatorCode> {
  const code = newOneTimeCode();
  const passwordHash = await hashPassword(code);
  const policy = await readSecurityPolicy(db);
  return inTransaction(db, async (trx) => {
    const target = await findUserByUsername(trx, username);
    if (!target) throw new AppError(404, 'not-found', `没有用户名为“${username}”的账号`);
    if (target.disabled) {
      await updateUser(trx, target.id, { disabled: false });
      await insertAuditEntry(trx, { at: now.toISOString(), actor: SYSTEM_ACTOR, action: 'user.update', entity: 'user', entityId: target.id, detail: { username, before: { disabled: true }, after: { disabled: false } } });
    }
    const { expiresAt } = await giveOneTimeCode(trx, SYSTEM_ACTOR, target.id, 'reset', passwordHash, now, policy, username);
    return { username, role: target.role, code, expiresAt };
  });
}

function pick(user: StoredAccount, fields: readonly AuditedField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, user[f]]));
}
