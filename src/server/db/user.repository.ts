/**
 * All SQL for accounts (app_user), their one-time codes (one_time_code, 0036) and login sessions
 * (session). Sessions are keyed by the sha256 of the cookie's token, so the table alone never yields
 * a working cookie. Times are ISO-8601 UTC text, compared as strings (they sort as time).
 */
import { sql, type Selectable } from 'kysely';
import { intFromDb } from './document.repository';
import { compiledStatement } from './compiled-statement';
import type { Db, OneTimeCodeTable, UserRole } from './schema';

/** An account with its department's name, as the API shows it (no password hash). */
export interface StoredUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  departmentId: number | null;
  departmentName: string | null;
  disabled: boolean;
  createdAt: string;
  /** The password was set by someone else: it must be changed before anything else. */
  mustChangePassword: boolean;
  /** A finance account's region and its name (0025); null: the whole installation. */
  regionCode: string | null;
  regionName: string | null;
  /** A business section's account: its section and the section's name (0031); null for the other roles. */
  sectionId: number | null;
  sectionName: string | null;
  /** When the password was last set; null for accounts older than 0010. */
  passwordChangedAt: string | null;
  /** Locked after failed sign-ins until then (0036); null: not locked. */
  lockedUntil: string | null;
  /** The auditor's account: who asked to disable it and when, awaiting the system administrator's consent (0044). */
  disableRequestedBy: string | null;
  disableRequestedAt: string | null;
}

/** An account as the administrators' list shows it: with the expiry of a one-time code that waits for its first sign-in. */
export interface StoredAccount extends StoredUser {
  codeExpiresAt: string | null;
}

/** StoredUser plus the argon2 hash and the failed sign-ins: only for checking a password. */
export interface StoredUserWithHash extends StoredUser {
  passwordHash: string;
  failedSignIns: number;
}

/** A live session and its user. */
export interface StoredSession {
  tokenHash: string;
  csrfToken: string;
  expiresAt: string;
  /** The absolute end, fixed at sign-in. */
  endsAt: string;
  createdAt: string;
  user: StoredUser;
  /** The data version (migration 0006) as the session was read: what the request's kept values are checked against. */
  dataVersion: number;
  /** The policy's values the request applies. */
  policy: SessionPolicy;
}

function userQuery(db: Db) {
  return db
    .selectFrom('appUser')
    .leftJoin('department', 'department.id', 'appUser.departmentId')
    .leftJoin('region', 'region.code', 'appUser.regionCode')
    .leftJoin('businessSection', 'businessSection.id', 'appUser.sectionId')
    .select([
      'appUser.regionCode',
      'region.name as regionName',
      'appUser.sectionId',
      'businessSection.name as sectionName',
      'appUser.id',
      'appUser.username',
      'appUser.displayName',
      'appUser.role',
      'appUser.departmentId',
      'department.name as departmentName',
      'appUser.disabled',
      'appUser.createdAt',
      'appUser.passwordHash',
      'appUser.mustChangePassword',
      'appUser.passwordChangedAt',
      'appUser.lockedUntil',
      'appUser.failedSignIns',
      'appUser.disableRequestedBy',
      'appUser.disableRequestedAt',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

function toUser(row: UserRow): StoredUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    departmentId: row.departmentId,
    departmentName: row.departmentName ?? null,
    disabled: row.disabled !== 0,
    createdAt: row.createdAt,
    mustChangePassword: row.mustChangePassword !== 0,
    regionCode: row.regionCode ?? null,
    regionName: row.regionName ?? null,
    sectionId: row.sectionId ?? null,
    sectionName: row.sectionName ?? null,
    passwordChangedAt: row.passwordChangedAt ?? null,
    lockedUntil: row.lockedUntil ?? null,
    disableRequestedBy: row.disableRequestedBy ?? null,
    disableRequestedAt: row.disableRequestedAt ?? null,
  };
}

/** The account with this username (exact), password hash included. */
export async function findUserByUsername(db: Db, username: string): Promise<StoredUserWithHash | undefined> {
  const row = await userQuery(db).where('appUser.username', '=', username).executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.passwordHash, failedSignIns: row.failedSignIns };
}

/** The accounts with the one-time code that waits for their first sign-in: its expiry (the newest code, unused). */
function accountQuery(db: Db) {
  return userQuery(db).select((eb) =>
    eb
      .selectFrom('oneTimeCode')
      .select('oneTimeCode.expiresAt')
      .whereRef('oneTimeCode.userId', '=', 'appUser.id')
      .where('appUser.mustChangePassword', '=', 1)
      .where('oneTimeCode.usedAt', 'is', null)
      .where('oneTimeCode.id', '=', (inner) => inner.selectFrom('oneTimeCode as newest').select((e) => e.fn.max('newest.id').as('id')).whereRef('newest.userId', '=', 'appUser.id'))
      .as('codeExpiresAt'),
  );
}

export async function findUserById(db: Db, id: number): Promise<StoredAccount | undefined> {
  const row = await accountQuery(db).where('appUser.id', '=', id).executeTakeFirst();
  return row && { ...toUser(row), codeExpiresAt: row.codeExpiresAt ?? null };
}

/** Every account, by id. */
export async function listUsers(db: Db): Promise<StoredAccount[]> {
  const rows = await accountQuery(db).orderBy('appUser.id').execute();
  return rows.map((row) => ({ ...toUser(row), codeExpiresAt: row.codeExpiresAt ?? null }));
}

/** The accounts of these roles (the administrators, when serve looks for the ones missing). */
export async function countUsersByRole(db: Db): Promise<Map<UserRole, number>> {
  const rows = await db.selectFrom('appUser').select(['role', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('role').execute();
  return new Map(rows.map((r) => [r.role, Number(r.n)]));
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('appUser').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: UserRole;
  departmentId: number | null;
  /** A finance account's region; default null. */
  regionCode?: string | null;
  /** A business section's account's section; default null. */
  sectionId?: number | null;
  createdAt: string;
  /** Default false. */
  mustChangePassword?: boolean;
}

/** Inserts an account; returns its id. The username must be free (unique index). */
export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const { mustChangePassword, ...rest } = user;
  const row = await db
    .insertInto('appUser')
    .values({ ...rest, mustChangePassword: mustChangePassword ? 1 : 0, passwordChangedAt: user.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface UserChanges {
  displayName?: string;
  /** A new password: its hash, when it changed, and whether the user must change it again at the next sign-in. */
  password?: { hash: string; at: string; mustChange: boolean };
  role?: UserRole;
  departmentId?: number | null;
  regionCode?: string | null;
  sectionId?: number | null;
  disabled?: boolean;
  /** Lifts a lock after failed sign-ins (and forgets the failures). */
  unlock?: true;
  /** The request to disable the auditor's account: asked (by whom, when), or withdrawn / granted (null). */
  disableRequest?: { by: string; at: string } | null;
}

export async function updateUser(db: Db, id: number, changes: UserChanges): Promise<void> {
  const { disabled, password, unlock, disableRequest, ...rest } = changes;
  const set = {
    ...rest,
    ...(disableRequest === undefined ? {} : { disableRequestedBy: disableRequest?.by ?? null, disableRequestedAt: disableRequest?.at ?? null }),
    ...(disabled === undefined ? {} : { disabled: disabled ? 1 : 0 }),
    ...(password === undefined ? {} : { passwordHash: password.hash, passwordChangedAt: password.at, mustChangePassword: password.mustChange ? 1 : 0 }),
    ...(unlock === undefined ? {} : { lockedUntil: null, failedSignIns: 0 }),
  };
  if (Object.keys(set).length === 0) return;
  await db.updateTable('appUser').set(set).where('id', '=', id).execute();
}

/** Whether a department has an editor (填报人) account that is not disabled: someone who can edit and submit its drafts (issue 71). */
export async function departmentHasEditor(db: Db, departmentId: number): Promise<boolean> {
  const row = await db.selectFrom('appUser').select('id').where('departmentId', '=', departmentId).where('role', '=', 'editor').where('disabled', '=', 0).executeTakeFirst();
  return row !== undefined;
}

/** The department's name, or undefined when there is no such department. */
export async function findDepartmentName(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('department').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}

/**
 * Counts a failed sign-in of an account; with `lockAfter` (> 0) failures in a row the account is
 * locked until `lockUntil` and the count starts again. Whether this failure locked it.
 */
export async function countFailedSignIn(db: Db, id: number, lockAfter: number, lockUntil: string): Promise<boolean> {
  const row = await db
    .updateTable('appUser')
    .set((eb) => ({ failedSignIns: eb('failedSignIns', '+', 1) }))
    .where('id', '=', id)
    .returning('failedSignIns')
    .executeTakeFirst();
  if (!row || lockAfter <= 0 || row.failedSignIns < lockAfter) return false;
  await db.updateTable('appUser').set({ failedSignIns: 0, lockedUntil: lockUntil }).where('id', '=', id).execute();
  return true;
}

/** A successful sign-in forgets the failures before it (and an expired lock). */
export async function clearFailedSignIns(db: Db, id: number): Promise<void> {
  await db.updateTable('appUser').set({ failedSignIns: 0, lockedUntil: null }).where('id', '=', id).where((eb) => eb.or([eb('failedSignIns', '>', 0), eb('lockedUntil', 'is not', null)])).execute();
}

// ---------------------------------------------------------------------------------------------
// One-time codes

export interface NewOneTimeCode {
  userId: number;
  kind: 'create' | 'reset';
  issuedAt: string;
  issuedBy: { userId: number | null; username: string; displayName: string };
  expiresAt: string;
}

export async function insertOneTimeCode(db: Db, code: NewOneTimeCode): Promise<number> {
  const row = await db
    .insertInto('oneTimeCode')
    .values({
      userId: code.userId,
      kind: code.kind,
      issuedAt: code.issuedAt,
      issuedByUserId: code.issuedBy.userId,
      issuedByUsername: code.issuedBy.username,
      issuedByName: code.issuedBy.displayName,
      expiresAt: code.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type StoredOneTimeCode = Selectable<OneTimeCodeTable>;

/** The newest code given to an account (the only one that may sign in), if any. */
export async function newestOneTimeCode(db: Db, userId: number): Promise<StoredOneTimeCode | undefined> {
  return db.selectFrom('oneTimeCode').selectAll().where('userId', '=', userId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Spends a code at its sign-in: false when it was spent already (by a sign-in at the same moment). */
export async function spendOneTimeCode(db: Db, id: number, usedAt: string, markedUntil: string): Promise<boolean> {
  const result = await db.updateTable('oneTimeCode').set({ usedAt, markedUntil }).where('id', '=', id).where('usedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Sessions

export async function insertSession(
  db: Db,
  session: { tokenHash: string; userId: number; csrfToken: string; createdAt: string; expiresAt: string; endsAt: string },
): Promise<void> {
  await db.insertInto('session').values(session).execute();
}

/** The policy's values every signed-in request applies (0036): the idle timeout it slides by, the password lifetime. */
export interface SessionPolicy {
  sessionIdleMinutes: number;
  passwordMaxAgeDays: number;
}

/**
 * The session with this token hash when it has not ended — idle (expiresAt) nor absolutely
 * (endsAt) — and its user is not disabled; with the policy's values a request applies.
 */
export async function findLiveSession(db: Db, tokenHash: string, nowIso: string): Promise<StoredSession | undefined> {
  const row = (await liveSession(db, tokenHash, nowIso)).rows[0];
  return (
    row && {
      tokenHash: row.tokenHash,
      csrfToken: row.csrfToken,
      expiresAt: row.expiresAt,
      endsAt: row.endsAt,
      createdAt: row.sessionCreatedAt,
      user: toUser(row),
      dataVersion: intFromDb(row.dataVersion!),
      policy: { sessionIdleMinutes: intFromDb(row.sessionIdleMinutes!), passwordMaxAgeDays: intFromDb(row.passwordMaxAgeDays!) },
    }
  );
}

/**
 * findLiveSession's statement, read on every signed-in request: compiled once (compiledStatement).
 * It reads the data version too, so that a request's kept answers and aggregates need no statement
 * of their own to know whether they are current (on PostgreSQL each statement is a round trip), and
 * the policy's two values a request applies (a row of one table).
 */
const liveSession = compiledStatement(2, (db: Db, tokenHash: string, nowIso: string) =>
  userQuery(db)
    .innerJoin('session', 'session.userId', 'appUser.id')
    .select(['session.tokenHash', 'session.csrfToken', 'session.expiresAt', 'session.endsAt', 'session.createdAt as sessionCreatedAt'])
    .select((eb) => eb.selectFrom('dataVersion').select('dataVersion.version').where('dataVersion.id', '=', 1).as('dataVersion'))
    .select((eb) => eb.selectFrom('securityPolicy').select('securityPolicy.sessionIdleMinutes').where('securityPolicy.id', '=', 1).as('sessionIdleMinutes'))
    .select((eb) => eb.selectFrom('securityPolicy').select('securityPolicy.passwordMaxAgeDays').where('securityPolicy.id', '=', 1).as('passwordMaxAgeDays'))
    .where('session.tokenHash', '=', tokenHash)
    .where('session.expiresAt', '>', nowIso)
    .where('session.endsAt', '>', nowIso)
    .where('appUser.disabled', '=', 0),
);

/** Moves a session's expiry (sliding expiry). */
export async function extendSession(db: Db, tokenHash: string, expiresAt: string): Promise<void> {
  await db.updateTable('session').set({ expiresAt }).where('tokenHash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('session').where('tokenHash', '=', tokenHash).execute();
}

/** Signs a user out everywhere (password changed, account disabled), but for the session `keep` when given. */
export async function deleteUserSessions(db: Db, userId: number, keep?: string): Promise<void> {
  let query = db.deleteFrom('session').where('userId', '=', userId);
  if (keep !== undefined) query = query.where('tokenHash', '!=', keep);
  await query.execute();
}

/** Removes sessions that ended (idle, or past their absolute end) by `nowIso`; returns how many. */
export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expiresAt', '<=', nowIso), eb('endsAt', '<=', nowIso)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Brings the sessions under way within a new policy: none idle past `now + idleMs`, none lasting
 * past its start + `maxAgeMs`. The sessions ended by it are deleted.
 */
export async function clampSessions(db: Db, now: Date, idleMs: number, maxAgeMs: number): Promise<void> {
  const idleEnd = new Date(now.getTime() + idleMs).toISOString();
  await db.updateTable('session').set({ expiresAt: idleEnd }).where('expiresAt', '>', idleEnd).execute();
  for (const s of await db.selectFrom('session').select(['tokenHash', 'createdAt', 'endsAt']).execute()) {
    const end = new Date(Date.parse(s.createdAt) + maxAgeMs).toISOString();
    if (end < s.endsAt) await db.updateTable('session').set({ endsAt: end, expiresAt: sql<string>`case when expires_at > ${end} then ${end} else expires_at end` }).where('tokenHash', '=', s.tokenHash).execute();
  }
  await deleteExpiredSessions(db, now.toISOString());
}

/** Every department (id, code, name), by id: the demo gives each its editor account. */
export async function listDepartments(db: Db): Promise<{ id: number; code: string | null; name: string }[]> {
  return db.selectFrom('department').select(['id', 'code', 'name']).orderBy('id').execute();
}
