/**
 * All SQL of in-app notifications (issue 33, migration 0027): one row per recipient account. A
 * notification with a dedupe key is stored once per account (the unique key; a second insert is
 * skipped), which makes "a stage's deadline passed" exact however often the sweep runs.
 */
import type { Selectable } from 'kysely';
import { intFromDb } from './document.repository';
import { chunks } from './rows';
import type { NotificationKind } from '../../shared/api/stages';
import { isWithin } from '../../shared/domain/region';
import type { Db, NotificationTable } from './schema';

/** A notification to store: the schema's row (NotificationTable) without its id and read time, its kind narrowed. */
export type NewNotification = Omit<NotificationTable, 'id' | 'readAt' | 'kind'> & { kind: NotificationKind };

/** A notification as its account reads it. */
export type StoredNotification = Pick<Selectable<NotificationTable>, 'id' | 'title' | 'body' | 'link' | 'createdAt' | 'readAt'> & { kind: NotificationKind };

/** Inserts notifications; those whose (account, dedupe key) exists already are skipped. Returns how many were stored. */
export async function insertNotifications(db: Db, rows: readonly NewNotification[]): Promise<number> {
  let stored = 0;
  for (const part of chunks(rows, 200)) {
    const result = await db
      .insertInto('notification')
      .values(part.map((r) => ({ ...r, readAt: null })))
      .onConflict((oc) => oc.columns(['userId', 'dedupeKey']).doNothing())
      .executeTakeFirst();
    stored += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return stored;
}

/** An account's notifications, newest first. */
export async function listNotifications(db: Db, userId: number, page: { limit: number; offset: number }): Promise<{ items: StoredNotification[]; total: number }> {
  const items = await db
    .selectFrom('notification')
    .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
    .where('userId', '=', userId)
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await db.selectFrom('notification').select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).where('userId', '=', userId).executeTakeFirstOrThrow();
  return { items: items.map((r) => ({ ...r, kind: r.kind as StoredNotification['kind'] })), total: intFromDb(total.n) };
}

/** How many of an account's notifications are unread. */
export async function countUnread(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return intFromDb(row.n);
}

/** Marks one of the account's notifications read (another account's: nothing). Returns whether it is the account's. */
export async function markNotificationRead(db: Db, userId: number, id: number, at: string): Promise<boolean> {
  const own = await db.selectFrom('notification').select('id').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  if (!own) return false;
  await db.updateTable('notification').set({ readAt: at }).where('id', '=', id).where('userId', '=', userId).where('readAt', 'is', null).execute();
  return true;
}

/** Marks every unread notification of the account read; returns how many. */
export async function markAllNotificationsRead(db: Db, userId: number, at: string): Promise<number> {
  const result = await db.updateTable('notification').set({ readAt: at }).where('userId', '=', userId).where('readAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** When each department was last reminded of a stage (its latest reminder to any account). */
export async function lastRemindedAt(db: Db, stageId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('notification')
    .select((eb) => ['departmentId', eb.fn.max('createdAt').as('at')])
    .where('stageId', '=', stageId)
    .where('kind', '=', 'reminder')
    .groupBy('departmentId')
    .execute();
  return new Map(rows.filter((r) => r.departmentId !== null).map((r) => [r.departmentId!, r.at as string]));
}

/**
 * The accounts of the finance bureau's 绩效科 (role reviewer, not disabled) whom a department's request to decide
 * reaches: those of the nearest regional bureau with accounts (its own region's, else the nearest region above it)
 * and those of the whole installation (no region: the bureau of an installation without regions). A province's or
 * a city's reviewer, who sees the district too but does not decide its requests, is not told of each of them.
 */
export async function reviewerAccountsFor(db: Db, departmentId: number): Promise<number[]> {
  const department = await db.selectFrom('department').select('regionCode').where('id', '=', departmentId).executeTakeFirst();
  const rows = await db.selectFrom('appUser').select(['id', 'regionCode']).where('role', '=', 'reviewer').where('disabled', '=', 0).orderBy('id').execute();
  const region = department?.regionCode ?? null;
  const seeing = rows.filter((r) => r.regionCode === null || (region !== null && isWithin(region, r.regionCode)));
  // the most specific region among them (a longer significant prefix: 130202 before 130200 before 130000)
  const depth = (code: string | null) => (code === null ? -1 : code.replace(/0+$/, '').length);
  const nearest = Math.max(-1, ...seeing.map((r) => depth(r.regionCode)));
  return seeing.filter((r) => r.regionCode === null || depth(r.regionCode) === nearest).map((r) => r.id);
}

/** The accounts of a 财政业务科室 that a department is 归口 to (role section, not disabled). */
export async function sectionAccountsFor(db: Db, departmentId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('department as d')
    .innerJoin('appUser as u', 'u.sectionId', 'd.sectionId')
    .select('u.id')
    .where('d.id', '=', departmentId)
    .where('u.role', '=', 'section')
    .where('u.disabled', '=', 0)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}
