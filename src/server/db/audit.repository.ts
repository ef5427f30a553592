/**
 * All SQL of the security auditor's reading (三员分立, issue 32): the audit log as a whole and the
 * sign-in records (migration 0024), filtered and paged, newest first; and writing a sign-in.
 */
import type { Db } from './schema';
import type { StoredAuditEntry } from './document.repository';
import { containsText } from './text-match';

export interface LogFilter {
  /** A username exactly, or part of a display name. */
  person?: string;
  /** ISO instants: at >= fromAt and at < toAt. */
  fromAt?: string;
  toAt?: string;
}

export interface Page {
  offset: number;
  limit: number;
}

/** One page of the audit log, newest first, and how many entries match in all. */
export async function listAuditLog(db: Db, filter: LogFilter & { action?: string }, page: Page): Promise<{ items: StoredAuditEntry[]; total: number }> {
  let q = db.selectFrom('auditLog');
  if (filter.person !== undefined) {
    const person = filter.person;
    q = q.where((eb) => eb.or([eb('actorUsername', '=', person), containsText(eb.ref('actor'), person)]));
  }
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.fromAt !== undefined) q = q.where('at', '>=', filter.fromAt);
  if (filter.toAt !== undefined) q = q.where('at', '<', filter.toAt);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> })), total: Number(count.n) };
}

/** Every distinct action in the audit log, sorted. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('auditLog').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}

export interface NewSignIn {
  at: string;
  username: string;
  userId: number | null;
  success: boolean;
  reason: string | null;
  ip: string;
}

export async function insertSignIn(db: Db, record: NewSignIn): Promise<void> {
  await db
    .insertInto('signIn')
    .values({ at: record.at, username: record.username, userId: record.userId, success: record.success ? 1 : 0, reason: record.reason, ip: record.ip })
    .execute();
}

export interface StoredSignIn {
  id: number;
  at: string;
  username: string;
  userId: number | null;
  displayName: string | null;
  success: boolean;
  reason: string | null;
  ip: string;
}

/** One page of the sign-in records, newest first, with the named account's display name, and how many match. */
export async function listSignIns(db: Db, filter: LogFilter & { success?: boolean }, page: Page): Promise<{ items: StoredSignIn[]; total: number }> {
  let q = db.selectFrom('signIn').leftJoin('appUser', 'appUser.id', 'signIn.userId');
  if (filter.person !== undefined) {
    const person = filter.person;
    q = q.where((eb) => eb.or([eb('signIn.username', '=', person), containsText(eb.ref('appUser.displayName'), person)]));
  }
  if (filter.success !== undefined) q = q.where('signIn.success', '=', filter.success ? 1 : 0);
  if (filter.fromAt !== undefined) q = q.where('signIn.at', '>=', filter.fromAt);
  if (filter.toAt !== undefined) q = q.where('signIn.at', '<', filter.toAt);
  const [rows, count] = await Promise.all([
    q
      .select(['signIn.id', 'signIn.at', 'signIn.username', 'signIn.userId', 'appUser.displayName', 'signIn.success', 'signIn.reason', 'signIn.ip'])
      .orderBy('signIn.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ ...r, displayName: r.displayName ?? null, success: r.success === 1 })), total: Number(count.n) };
}
