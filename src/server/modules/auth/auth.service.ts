/**
 * Passwords and sign-in. Passwords are hashed with argon2id (@node-rs/argon2 defaults: 19 MiB,
 * 2 passes), the PHC string stored in app_user.password_hash.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../../db/schema';
import { DEMO_PASSWORD } from '../../../shared/domain/password-policy';
import { AFTER_CODE_WINDOW_MS, policyTimes, type SecurityPolicy } from '../../../shared/domain/security-policy';
import { insertAuditEntry } from '../../db/document.repository';
import { clearFailedSignIns, countFailedSignIn, findUserByUsername, newestOneTimeCode, spendOneTimeCode, type StoredUser } from '../../db/user.repository';
import { SYSTEM_ACTOR } from '../users/one-time-code';

/** The argon2id PHC string of a password. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether `password` matches the stored hash (false for a malformed hash). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// The hash of a random password nobody knows: an unknown username is checked against it, so that
// a wrong username takes as long as a wrong password and does not reveal which accounts exist.
const DECOY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$hEjLzNh1lbLRYVk/M/eUrA$DCBMMfBJkiTQfXcJkgXjn1nfPrEd4djn9Lsxw62lB6I';

export type Authentication =
  | { ok: true; user: StoredUser; /** The one-time code this sign-in spent; null for a password. */ codeId: number | null }
  /**
   * Unknown user, wrong password and disabled account alike (the caller answers one message for
   * all). `userId`: the account the username named (null: none), for the sign-in record only.
   */
  | { ok: false; reason: 'credentials'; userId: number | null }
  /**
   * The right password, but: the demo accounts' published one outside demo mode; an account locked
   * after failed sign-ins; a one-time code that signed in already, or whose time is up. Told only
   * to whoever gave the right password, so that these answers reveal nothing to a guesser.
   */
  | { ok: false; reason: 'demo-password' | 'code-used' | 'code-expired'; userId: number }
  | { ok: false; reason: 'locked'; userId: number; lockedUntil: string };

/**
 * Checks credentials at `now` under the policy. `demo`: the server runs in demo mode, where the demo
 * password signs in. A wrong password counts against the account's lock (when the policy locks;
 * audited as 'user.lock' when it sets one off); a right one forgets the failures. A one-time code is
 * spent by its sign-in.
 */
export async function authenticate(db: Db, username: string, password: string, opts: { demo: boolean; now: Date; policy: SecurityPolicy }): Promise<Authentication> {
  const user = await findUserByUsername(db, username);
  const ok = await verifyPassword(user?.passwordHash ?? DECOY_HASH, password);
  if (!user || user.disabled) return { ok: false, reason: 'credentials', userId: user?.id ?? null };
  const now = opts.now.toISOString();
  if (!ok) {
    const lockedUntil = new Date(opts.now.getTime() + policyTimes(opts.policy).lockMs).toISOString();
    // The auditor's account is never locked by failures (issue 72, item 8): the security administrator, who sets the
    // policy, could otherwise lock it alone by mistyping its password; it is slowed like every account (login-limits.ts).
    const lockAfter = user.role === 'auditor' ? 0 : opts.policy.lockAfterFailures;
    if (await countFailedSignIn(db, user.id, lockAfter, lockedUntil)) {
      await insertAuditEntry(db, { at: now, actor: SYSTEM_ACTOR, action: 'user.lock', entity: 'user', entityId: user.id, detail: { username: user.username, failures: opts.policy.lockAfterFailures, lockedUntil } });
    }
    return { ok: false, reason: 'credentials', userId: user.id };
  }
  if (user.lockedUntil !== null && user.lockedUntil > now) return { ok: false, reason: 'locked', userId: user.id, lockedUntil: user.lockedUntil };
  if (!opts.demo && password === DEMO_PASSWORD) return { ok: false, reason: 'demo-password', userId: user.id };
  let codeId: number | null = null;
  if (user.mustChangePassword) {
    // The password is the newest code given (an account older than codes has none: it signs in as before).
    const code = await newestOneTimeCode(db, user.id);
    if (code !== undefined) {
      if (code.usedAt !== null) return { ok: false, reason: 'code-used', userId: user.id };
      if (code.expiresAt <= now) return { ok: false, reason: 'code-expired', userId: user.id };
      if (!(await spendOneTimeCode(db, code.id, now, new Date(opts.now.getTime() + AFTER_CODE_WINDOW_MS).toISOString()))) return { ok: false, reason: 'code-used', userId: user.id };
      codeId = code.id;
    }
  }
  await clearFailedSignIns(db, user.id);
  const { passwordHash: _omit, failedSignIns: _failures, ...account } = user;
  return { ok: true, user: account, codeId };
}
