/**
 * All SQL for accounts (app_user) and login sessions (session). Sessions are keyed by the sha256
 * of the cookie's token, so the table alone never yields a working cookie. Times are ISO-8601 UTC
 * text, compared as strings (they sort as time).
 */
import { intFromDb } from './document.repository';
import { compiledStatement } from './compiled-statement';
import type { Db, UserRole } from './schema';

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
}

/** StoredUser plus the argon2 hash: only for checking a password. */
export interface StoredUserWithHash extends StoredUser {
  passwordHash: string;
}

/** A live session and its user. */
export interface StoredSession {
  tokenHash: string;
  csrfToken: string;
  expiresAt: string;
  createdAt: string;
  user: StoredUser;
  /** The data version (migration 0006) as the session was read: what the request's kept values are checked against. */
  dataVersion: number;
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
  };
}

/** The account with this username (exact), password hash included. */
export async function findUserByUsername(db: Db, username: string): Promise<StoredUserWithHash | undefined> {
  const row = await userQuery(db).where('appUser.username', '=', username).executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.passwordHash };
}

export async function findUserById(db: Db, id: number): Promise<StoredUser | undefined> {
  const row = await userQuery(db).where('appUser.id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

/** Every account, by id. */
export async function listUsers(db: Db): Promise<StoredUser[]> {
  const rows = await userQuery(db).orderBy('appUser.id').execute();
  return rows.map(toUser);
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
}

export async function updateUser(db: Db, id: number, changes: UserChanges): Promise<void> {
  const { disabled, password, ...rest } = changes;
  const set = {
    ...rest,
    ...(disabled === undefined ? {} : { disabled: disabled ? 1 : 0 }),
    ...(password === undefined ? {} : { passwordHash: password.hash, passwordChangedAt: password.at, mustChangePassword: password.mustChange ? 1 : 0 }),
  };
  if (Object.keys(set).length === 0) return;
  await db.updateTable('appUser').set(set).where('id', '=', id).execute();
}

/** The department's name, or undefined when there is no such department. */
export async function findDepartmentName(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('department').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}

// ---------------------------------------------------------------------------------------------
// Sessions

export async function insertSession(
  db: Db,
  session: { tokenHash: string; userId: number; csrfToken: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.insertInto('session').values(session).execute();
}

/**
 * The session with this token hash when it has not expired — idle (expiresAt) nor absolutely (it
 * was created before `createdAfterIso`) — and its user is not disabled.
 */
export async function findLiveSession(db: Db, tokenHash: string, nowIso: string, createdAfterIso: string): Promise<StoredSession | undefined> {
  const row = (await liveSession(db, tokenHash, nowIso, createdAfterIso)).rows[0];
  return (
    row && {
      tokenHash: row.tokenHash,
      csrfToken: row.csrfToken,
      expiresAt: row.expiresAt,
      createdAt: row.sessionCreatedAt,
      user: toUser(row),
      dataVersion: intFromDb(row.dataVersion!),
    }
  );
}

/**
 * findLiveSession's statement, read on every signed-in request: compiled once (compiledStatement).
 * It reads the data version too, so that a request's kept answers and aggregates need no statement
 * of their own to know whether they are current (on PostgreSQL each statement is a round trip).
 */
const liveSession = compiledStatement(3, (db: Db, tokenHash: string, nowIso: string, createdAfterIso: string) =>
  userQuery(db)
    .innerJoin('session', 'session.userId', 'appUser.id')
    .select(['session.tokenHash', 'session.csrfToken', 'session.expiresAt', 'session.createdAt as sessionCreatedAt'])
    .select((eb) => eb.selectFrom('dataVersion').select('dataVersion.version').where('dataVersion.id', '=', 1).as('dataVersion'))
    .where('session.tokenHash', '=', tokenHash)
    .where('session.expiresAt', '>', nowIso)
    .where('session.createdAt', '>', createdAfterIso)
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

/** Removes sessions that expired (idle, or created before `createdAfterIso`) by `nowIso`; returns how many. */
export async function deleteExpiredSessions(db: Db, nowIso: string, createdAfterIso: string): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expiresAt', '<=', nowIso), eb('createdAt', '<=', createdAfterIso)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Every department (id, code, name), by id: the demo gives each its editor account. */
export async function listDepartments(db: Db): Promise<{ id: number; code: string | null; name: string }[]> {
  return db.selectFrom('department').select(['id', 'code', 'name']).orderBy('id').execute();
}
