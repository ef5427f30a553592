/**
 * Passwords and sign-in. Passwords are hashed with argon2id (@node-rs/argon2 defaults: 19 MiB,
 * 2 passes), the PHC string stored in app_user.password_hash.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../../db/schema';
import { DEMO_PASSWORD } from '../../../shared/domain/password-policy';
import { findUserByUsername, type StoredUser } from '../../db/user.repository';

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
  | { ok: true; user: StoredUser }
  /**
   * Unknown user, wrong password and disabled account alike (the caller answers one message for
   * all). `userId`: the account the username named (null: none), for the sign-in record only.
   */
  | { ok: false; reason: 'credentials'; userId: number | null }
  /** The right password, but the demo accounts' published one, outside demo mode. */
  | { ok: false; reason: 'demo-password'; userId: number };

/** Checks credentials. `demo`: the server runs in demo mode, where the demo password signs in. */
export async function authenticate(db: Db, username: string, password: string, opts: { demo: boolean }): Promise<Authentication> {
  const user = await findUserByUsername(db, username);
  const ok = await verifyPassword(user?.passwordHash ?? DECOY_HASH, password);
  if (!user || !ok || user.disabled) return { ok: false, reason: 'credentials', userId: user?.id ?? null };
  if (!opts.demo && password === DEMO_PASSWORD) return { ok: false, reason: 'demo-password', userId: user.id };
  const { passwordHash: _omit, ...account } = user;
  return { ok: true, user: account };
}
