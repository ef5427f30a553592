/**
 * Account administration (admin only): create, change, disable; and each user's own password
 * change. Every change is an audit-log entry (never the password or its hash). Passwords follow
 * shared/domain/password-policy.ts. A password an admin set (a new account, a reset) must be
 * changed at the user's next sign-in. A disabled account or a changed password signs the user out
 * everywhere (but for the session that changed its own password); role and department changes
 * apply on the user's next request, since every request reads the account afresh.
 */
import type { ChangePasswordBody, CreateUserBody, SessionUser, UpdateUserBody, UserAccount } from '../../../shared/api/auth';
import { passwordProblem } from '../../../shared/domain/password-policy';
import { belongsToDepartment, belongsToSection } from '../../../shared/domain/duties';
import { SECTION_ACCOUNT_NEEDS_SECTION } from '../../../shared/api/auth';
import { findSection } from '../../db/section.repository';
import { insertAuditEntry } from '../../db/document.repository';
import { randomBytes } from 'node:crypto';
import type { Db, UserRole } from '../../db/schema';
import {
  countUsers,
  deleteUserSessions,
  findDepartmentName,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  updateUser,
  type StoredUser,
  type UserChanges,
} from '../../db/user.repository';
import { actorOf } from '../../app/auth';
import { AppError, validationError } from '../../app/errors';
import { hashPassword, verifyPassword } from '../auth/auth.service';
import { inTransaction } from '../../db/transaction';
import { findRegion } from '../../db/region.repository';

/** Every account, as the admin's list shows it. */
export async function listAccounts(db: Db): Promise<UserAccount[]> {
  return listUsers(db);
}

/** An editor (a supervisor) belongs to exactly one existing department (主管部门); admins and reviewers to none. */
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

/** A finance account may belong to a region of the tree; an editor never (its department's region is its own). */
async function checkRegion(db: Db, role: UserRole, regionCode: string | null): Promise<void> {
  if (regionCode === null) return;
  if (belongsToDepartment(role)) throw validationError([{ path: 'regionCode', message: '填报人和主管部门审核账号不设区划：按所属单位的区划' }]);
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

export interface PasswordOptions {
  /** Demo mode: the demo accounts' published password may be set. */
  demo?: boolean;
}

/** 400 'validation' on `path` unless the password follows the policy. */
function checkPassword(password: string, username: string, path: string, opts: PasswordOptions): void {
  const problem = passwordProblem(password, { username, demo: opts.demo ?? false });
  if (problem !== null) throw validationError([{ path, message: problem }]);
}

/**
 * Creates an account. 409 'conflict' when the username is taken. Its user must change the
 * password at the first sign-in, unless `mustChangePassword: false` (the demo loader's accounts).
 */
export async function createAccount(
  db: Db,
  actor: SessionUser,
  body: CreateUserBody,
  now: Date,
  opts: PasswordOptions & { mustChangePassword?: boolean } = {},
): Promise<UserAccount> {
  const departmentId = body.departmentId ?? null;
  const sectionId = body.sectionId ?? null;
  checkPassword(body.password, body.username, 'password', opts);
  const passwordHash = await hashPassword(body.password);
  const id = await inTransaction(db, async (trx) => {
    await checkDepartment(trx, body.role, departmentId);
    const regionCode = await checkSection(trx, body.role, sectionId, body.regionCode ?? null);
    await checkRegion(trx, body.role, regionCode);
    if (await findUserByUsername(trx, body.username)) throw new AppError(409, 'conflict', `用户名“${body.username}”已存在`);
    const at = now.toISOString();
    const userId = await insertUser(trx, {
      username: body.username,
      displayName: body.displayName,
      passwordHash,
      role: body.role,
      departmentId,
      regionCode,
      sectionId,
      createdAt: at,
      mustChangePassword: opts.mustChangePassword ?? true,
    });
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(actor),
      action: 'user.create',
      entity: 'user',
      entityId: userId,
      detail: {
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        departmentId,
        ...(regionCode === null ? {} : { regionCode }),
        ...(sectionId === null ? {} : { sectionId }),
      },
    });
    return userId;
  });
  return (await findUserById(db, id))!;
}

type AuditedField = 'displayName' | 'role' | 'departmentId' | 'regionCode' | 'sectionId' | 'disabled';

/**
 * Changes an account: only the fields given. An admin cannot disable or demote themselves (the
 * last way back in would be gone). A password reset ends the user's sessions (an admin's own:
 * all but `keepSession`, the one resetting) and, for another user, must be changed at their next
 * sign-in. 404 for an unknown id. Audited as 'user.update', or 'user.passwordReset' when the only
 * change is another account's password.
 */
export async function updateAccount(
  db: Db,
  actor: SessionUser,
  id: number,
  body: UpdateUserBody,
  now: Date,
  opts: PasswordOptions & { keepSession?: string } = {},
): Promise<UserAccount> {
  const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
  await inTransaction(db, async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new AppError(404, 'not-found', '用户不存在');
    if (body.password !== undefined) checkPassword(body.password, before.username, 'password', opts);
    if (id === actor.id && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))) {
      throw new AppError(409, 'conflict', '不能停用自己的账号或取消自己的管理员角色');
    }
    const role = body.role ?? before.role;
    // Leaving the editor role drops the department; becoming one needs a department.
    const departmentId = belongsToDepartment(role) ? (body.departmentId !== undefined ? body.departmentId : before.departmentId) : body.departmentId ?? null;
    await checkDepartment(trx, role, departmentId);
    // Leaving the section role drops the section; becoming one needs a section, whose region is the account's.
    const sectionId = belongsToSection(role) ? (body.sectionId !== undefined ? body.sectionId : before.sectionId) : (body.sectionId ?? null);
    // Becoming an editor drops the region (the department's applies).
    const asked = belongsToDepartment(role) ? null : body.regionCode !== undefined ? body.regionCode : belongsToSection(role) && body.sectionId !== undefined ? null : before.regionCode;
    const regionCode = await checkSection(trx, role, sectionId, asked);
    await checkRegion(trx, role, regionCode);

    const changes: UserChanges = {};
    if (body.displayName !== undefined && body.displayName !== before.displayName) changes.displayName = body.displayName;
    if (role !== before.role) changes.role = role;
    if (departmentId !== before.departmentId) changes.departmentId = departmentId;
    if (regionCode !== before.regionCode) changes.regionCode = regionCode;
    if (sectionId !== before.sectionId) changes.sectionId = sectionId;
    if (body.disabled !== undefined && body.disabled !== before.disabled) changes.disabled = body.disabled;
    const at = now.toISOString();
    if (passwordHash !== undefined) changes.password = { hash: passwordHash, at, mustChange: id !== actor.id };
    if (Object.keys(changes).length === 0) return;

    await updateUser(trx, id, changes);
    if (changes.disabled === true || passwordHash !== undefined) await deleteUserSessions(trx, id, id === actor.id ? opts.keepSession : undefined);

    const fields = (['displayName', 'role', 'departmentId', 'regionCode', 'sectionId', 'disabled'] as const).filter((f): f is AuditedField => f in changes);
    // An administrator's reset of another account's password, alone, is its own action (重置密码, issue 34).
    const reset = passwordHash !== undefined && fields.length === 0 && id !== actor.id;
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(actor),
      action: reset ? 'user.passwordReset' : 'user.update',
      entity: 'user',
      entityId: id,
      detail: {
        username: before.username,
        before: pick(before, fields),
        after: pick({ ...before, ...changes } as StoredUser, fields),
        ...(passwordHash !== undefined ? { passwordChanged: true } : {}),
      },
    });
  });
  return (await findUserById(db, id))!;
}

/**
 * A user changes their own password: the current one is required (400 on currentPassword when
 * it is wrong), the new one follows the policy and differs from it. Ends every other session of
 * the user (`session`, the one asking, stays) and clears the must-change mark.
 */
export async function changeOwnPassword(
  db: Db,
  user: SessionUser,
  session: string,
  body: ChangePasswordBody,
  now: Date,
  opts: PasswordOptions = {},
): Promise<UserAccount> {
  const account = await findUserByUsername(db, user.username);
  if (!account || account.id !== user.id) throw new AppError(404, 'not-found', '用户不存在');
  if (!(await verifyPassword(account.passwordHash, body.currentPassword))) {
    throw validationError([{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  if (body.newPassword === body.currentPassword) throw validationError([{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  checkPassword(body.newPassword, user.username, 'newPassword', opts);
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
  return (await findUserById(db, user.id))!;
}

/** The account made for an empty database outside demo mode, with its one-time password. */
export interface FirstAdmin {
  username: string;
  password: string;
}

/**
 * A database without accounts gets `admin` with a random password (printed once by the server,
 * to be changed at the first sign-in: nobody else should keep knowing it). Null when there are
 * accounts already.
 */
export async function createFirstAdmin(db: Db, now = new Date()): Promise<FirstAdmin | null> {
  if ((await countUsers(db)) > 0) return null;
  // 16 characters of a 32-letter alphabet without look-alikes (no i, l, o, 0, 1): 80 bits.
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789A';
  const password = [...randomBytes(16)].map((b) => alphabet[b % 32]).join('');
  const system: SessionUser = { id: 0, username: 'system', displayName: 'system', role: 'admin', departmentId: null, departmentName: null, mustChangePassword: false };
  await createAccount(db, system, { username: 'admin', displayName: '系统管理员', role: 'admin', password }, now, { mustChangePassword: true });
  return { username: 'admin', password };
}

function pick(user: StoredUser, fields: readonly AuditedField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, user[f]]));
}
