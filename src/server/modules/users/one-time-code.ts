/**
 * One-time codes (一次性密码, issue 57): what a new account, or one whose password was forgotten,
 * signs in with. The administrator who gives it sees it once (the answer to the request, or the
 * operator's terminal) and hands it to the person; it is stored only as the account's argon2 hash.
 * It signs in once, before the policy's time is up, and that session can do nothing but set a
 * password only its owner knows. Its sign-in opens a day (AFTER_CODE_WINDOW_MS) in which every
 * entry the account writes is marked in the audit log with who gave the code and when: if an
 * administrator signed in with the code instead of its owner, the auditor sees it at once.
 */
import { randomBytes } from 'node:crypto';
import { insertAuditEntry, type AuditActor } from '../../db/document.repository';
import type { Db } from '../../db/schema';
import { deleteUserSessions, insertOneTimeCode, updateUser } from '../../db/user.repository';
import { policyTimes, type SecurityPolicy } from '../../../shared/domain/security-policy';

/** The operator's command line and `jixiao serve` write the audit log under this name. */
export const SYSTEM_ACTOR: AuditActor = { userId: null, username: 'system', displayName: 'system' };

/** 16 characters of a 32-letter alphabet without look-alikes (no i, l, o, 0, 1): 80 bits. */
export function newOneTimeCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789A';
  return [...randomBytes(16)].map((b) => alphabet[b % 32]).join('');
}

/**
 * Records a one-time code given to account `userId` (its hash becomes the password when
 * `passwordHash` is given; a new account was inserted with it): the account's sessions end, its
 * lock is lifted, and the audit log says who gave a code ('user.code', never the code). Until when
 * it may sign in.
 */
export async function giveOneTimeCode(
  trx: Db,
  actor: AuditActor,
  userId: number,
  kind: 'create' | 'reset',
  passwordHash: string | null,
  now: Date,
  policy: SecurityPolicy,
  username?: string,
): Promise<{ expiresAt: string }> {
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + policyTimes(policy).codeMs).toISOString();
  if (passwordHash !== null) await updateUser(trx, userId, { password: { hash: passwordHash, at, mustChange: true }, unlock: true });
  await deleteUserSessions(trx, userId);
  await insertOneTimeCode(trx, { userId, kind, issuedAt: at, issuedBy: actor, expiresAt });
  await insertAuditEntry(trx, {
    at,
    actor,
    action: 'user.code',
    entity: 'user',
    entityId: userId,
    detail: { ...(username !== undefined ? { username } : {}), codeKind: kind, codeExpiresAt: expiresAt },
  });
  return { expiresAt };
}
