/**
 * Account administration (admin only): create, change, disable. Every change is an audit-log
 * entry (never the password or its hash). A disabled account or a changed password signs the
 * user out everywhere; role and department changes apply on the user's next request, since every
 * request reads the account afresh.
 */
import type { CreateUserBody, SessionUser, UpdateUserBody, UserAccount } from '../../../shared/api/auth';
import { insertAuditEntry } from '../../db/document.repository';
import type { Db, UserRole } from '../../db/schema';
import {
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
import { hashPassword } from '../auth/auth.service';

function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Every account, as the admin's list shows it. */
export async function listAccounts(db: Db): Promise<UserAccount[]> {
  return listUsers(db);
}

/** An editor belongs to exactly one existing department; admins and reviewers to none. */
async function checkDepartment(db: Db, role: UserRole, departmentId: number | null): Promise<void> {
  if (role !== 'editor') {
    if (departmentId !== null) throw validationError([{ path: 'departmentId', message: '只有填报人属于单位；管理员和审核人员不属于任何单位' }]);
    return;
  }
  if (departmentId === null) throw validationError([{ path: 'departmentId', message: '填报人必须属于一个单位' }]);
  if ((await findDepartmentName(db, departmentId)) === undefined) {
    throw validationError([{ path: 'departmentId', message: `单位 ${departmentId} 不存在` }]);
  }
}

/** Creates an account. 409 'conflict' when the username is taken. */
export async function createAccount(db: Db, actor: SessionUser, body: CreateUserBody, now: Date): Promise<UserAccount> {
  const departmentId = body.departmentId ?? null;
  const passwordHash = await hashPassword(body.password);
  const id = await inTransaction(db, async (trx) => {
    await checkDepartment(trx, body.role, departmentId);
    if (await findUserByUsername(trx, body.username)) throw new AppError(409, 'conflict', `用户名“${body.username}”已存在`);
    const at = now.toISOString();
    const userId = await insertUser(trx, {
      username: body.username,
      displayName: body.displayName,
      passwordHash,
      role: body.role,
      departmentId,
      createdAt: at,
    });
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(actor),
      action: 'user.create',
      entity: 'user',
      entityId: userId,
      detail: { username: body.username, displayName: body.displayName, role: body.role, departmentId },
    });
    return userId;
  });
  return (await findUserById(db, id))!;
}

type AuditedField = 'displayName' | 'role' | 'departmentId' | 'disabled';

/**
 * Changes an account: only the fields given. An admin cannot disable or demote themselves (the
 * last way back in would be gone). 404 for an unknown id.
 */
export async function updateAccount(db: Db, actor: SessionUser, id: number, body: UpdateUserBody, now: Date): Promise<UserAccount> {
  const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
  await inTransaction(db, async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new AppError(404, 'not-found', '用户不存在');
    if (id === actor.id && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))) {
      throw new AppError(409, 'conflict', '不能停用自己的账号或取消自己的管理员角色');
    }
    const role = body.role ?? before.role;
    // Leaving the editor role drops the department; becoming one needs a department.
    const departmentId = role === 'editor' ? (body.departmentId !== undefined ? body.departmentId : before.departmentId) : body.departmentId ?? null;
    await checkDepartment(trx, role, departmentId);

    const changes: UserChanges = {};
    if (body.displayName !== undefined && body.displayName !== before.displayName) changes.displayName = body.displayName;
    if (role !== before.role) changes.role = role;
    if (departmentId !== before.departmentId) changes.departmentId = departmentId;
    if (body.disabled !== undefined && body.disabled !== before.disabled) changes.disabled = body.disabled;
    if (passwordHash !== undefined) changes.passwordHash = passwordHash;
    if (Object.keys(changes).length === 0) return;

    await updateUser(trx, id, changes);
    if ((changes.disabled === true || passwordHash !== undefined) && id !== actor.id) await deleteUserSessions(trx, id);

    const fields = (['displayName', 'role', 'departmentId', 'disabled'] as const).filter((f): f is AuditedField => f in changes);
    await insertAuditEntry(trx, {
      at: now.toISOString(),
      actor: actorOf(actor),
      action: 'user.update',
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

function pick(user: StoredUser, fields: readonly AuditedField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, user[f]]));
}
