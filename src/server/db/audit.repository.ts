/**
 * All SQL of the security auditor's reading (三员分立, issues 32 and 57): the audit log as a whole and
 * the sign-in records (migration 0024), filtered and paged, newest first, each marked when it falls in
 * an account's first day after a one-time code (0036); the changes of one account by others; and
 * writing a sign-in.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { AfterCode } from '../../shared/api/audit';
import { historyActorName } from '../../shared/audit/history';
import type { DatabaseSchema as Database, Db } from './schema';
import type { StoredAuditEntry } from './document.repository';
import { containsText } from './text-match';

export interface LogFilter {
  /** A username exactly, or part of a display name. */
  person?: string;
  /** ISO instants: at >= fromAt and at < toAt. */
  fromAt?: string;
  toAt?: string;
  /** Only what accounts did (or signed in) in their first day after a one-time code. */
  afterCode?: boolean;
}

/** Whether account `userId` at `at` (columns of the row read) was in its first day after a one-time code. */
function inCodeWindow(userId: 'auditLog.actorUserId' | 'signIn.userId', at: 'auditLog.at' | 'signIn.at') {
  return (eb: ExpressionBuilder<Database, 'auditLog' | 'signIn'>) =>
    eb.exists(
      eb
        .selectFrom('oneTimeCode')
        .select(sql`1`.as('one'))
        .whereRef('oneTimeCode.userId', '=', eb.ref(userId) as never)
        .whereRef('oneTimeCode.usedAt', '<=', eb.ref(at) as never)
        .whereRef('oneTimeCode.markedUntil', '>', eb.ref(at) as never),
    );
}

/** The marks of rows (account, time): the code whose first day each falls in (the newest such), by the row's index. */
async function codeMarks(db: Db, rows: readonly { userId: number | null; at: string }[]): Promise<(AfterCode | null)[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.userId === null ? [] : [r.userId])))];
  if (ids.length === 0) return rows.map(() => null);
  const codes = await db
    .selectFrom('oneTimeCode')
    .select(['userId', 'kind', 'issuedAt', 'issuedByUsername', 'issuedByName', 'usedAt', 'markedUntil'])
    .where('userId', 'in', ids)
    .where('usedAt', 'is not', null)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => {
    const code = codes.find((c) => c.userId === r.userId && c.usedAt! <= r.at && c.markedUntil! > r.at);
    return code ? { kind: code.kind, issuedAt: code.issuedAt, issuedBy: historyActorName({ actor: code.issuedByName, actorUsername: code.issuedByUsername }), usedAt: code.usedAt! } : null;
  });
}

export interface Page {
  offset: number;
  limit: number;
}

/** An entry of the audit log as the auditor reads it: marked when written in an account's first day after a one-time code. */
export type MarkedAuditEntry = StoredAuditEntry & { afterCode: AfterCode | null };

async function marked(db: Db, rows: readonly (Omit<StoredAuditEntry, 'detail'> & { detail: string })[]): Promise<MarkedAuditEntry[]> {
  const marks = await codeMarks(db, rows.map((r) => ({ userId: r.actorUserId, at: r.at })));
  return rows.map((r, i) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown>, afterCode: marks[i]! }));
}

/** One page of the audit log, newest first, and how many entries match in all. */
export async function listAuditLog(db: Db, filter: LogFilter & { action?: string }, page: Page): Promise<{ items: MarkedAuditEntry[]; total: number }> {
  let q = db.selectFrom('auditLog');
  if (filter.person !== undefined) {
    const person = filter.person;
    q = q.where((eb) => eb.or([eb('actorUsername', '=', person), containsText(eb.ref('actor'), person)]));
  }
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.fromAt !== undefined) q = q.where('at', '>=', filter.fromAt);
  if (filter.toAt !== undefined) q = q.where('at', '<', filter.toAt);
  if (filter.afterCode) q = q.where(inCodeWindow('auditLog.actorUserId', 'auditLog.at') as never);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await marked(db, rows), total: Number(count.n) };
}

/**
 * What others (another account, or a process) wrote about account `userId` after `sinceIso` (null:
 * since it was made, its making aside), oldest first: what the auditor is shown at its sign-in.
 */
export async function listAccountChanges(db: Db, userId: number, sinceIso: string | null): Promise<MarkedAuditEntry[]> {
  let q = db
    .selectFrom('auditLog')
    .selectAll()
    .where('entity', '=', 'user')
    .where('entityId', '=', userId)
    .where((eb) => eb.or([eb('actorUserId', 'is', null), eb('actorUserId', '!=', userId)]));
  q = sinceIso === null ? q.where('action', '!=', 'user.create') : q.where('at', '>', sinceIso);
  return marked(db, await q.orderBy('id').limit(200).execute());
}

/**
 * The account's successful sign-in before the one that began the session started at `sessionStart`
 * (its own is the newest up to then: recorded just before the session); null when there is none.
 */
export async function previousSignIn(db: Db, userId: number, sessionStart: string): Promise<string | null> {
  const row = await db
    .selectFrom('signIn')
    .select('at')
    .where('userId', '=', userId)
    .where('success', '=', 1)
    .where('at', '<=', sessionStart)
    .orderBy('id', 'desc')
    .limit(1)
    .offset(1)
    .executeTakeFirst();
  return row?.at ?? null;
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
  /** The one-time code it spent; null for a password (or a failure). */
  codeId?: number | null;
}

export async function insertSignIn(db: Db, record: NewSignIn): Promise<void> {
  await db
    .insertInto('signIn')
    .values({ at: record.at, username: record.username, userId: record.userId, success: record.success ? 1 : 0, reason: record.reason, ip: record.ip, codeId: record.codeId ?? null })
    .execute();
}

/**
 * The addresses `username` signed in from successfully since `since` (newest first, at most 200): the places the
 * login limits know for the account (modules/auth/login-limits.ts).
 */
export async function successfulSignInAddresses(db: Db, username: string, since: string): Promise<string[]> {
  const rows = await db.selectFrom('signIn').select('ip').where('username', '=', username).where('success', '=', 1).where('at', '>=', since).orderBy('id', 'desc').limit(200).execute();
  return rows.map((r) => r.ip);
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
  withCode: boolean;
  afterCode: AfterCode | null;
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
  if (filter.afterCode) q = q.where(inCodeWindow('signIn.userId', 'signIn.at') as never);
  const [rows, count] = await Promise.all([
    q
      .select(['signIn.id', 'signIn.at', 'signIn.username', 'signIn.userId', 'appUser.displayName', 'signIn.success', 'signIn.reason', 'signIn.ip', 'signIn.codeId'])
      .orderBy('signIn.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  // a failure is no use of the account: only successful sign-ins are marked
  const marks = await codeMarks(db, rows.map((r) => ({ userId: r.success === 1 ? r.userId : null, at: r.at })));
  return {
    items: rows.map(({ codeId, ...r }, i) => ({ ...r, displayName: r.displayName ?? null, success: r.success === 1, withCode: codeId !== null, afterCode: marks[i]! })),
    total: Number(count.n),
  };
}

/** What the audit log's entries are about, read by id: each kind of object's name (issue 58). */
export interface AuditObjects {
  projects: Map<number, { name: string; departmentName: string | null }>;
  rectifications: Map<number, { projectName: string; sourceText: string }>;
  departments: Map<number, string>;
  documents: Map<number, string>;
  users: Map<number, { username: string; displayName: string }>;
  sections: Map<number, string>;
  stages: Map<number, { kind: string; label: string | null; roundAsOf: string | null; year: number }>;
  regions: Map<string, string>;
  /** Indicators by id: their 三级指标 name. */
  indicators: Map<number, string>;
}

/** The names of the objects these entries name (by entity and id, and the indicators and regions their details refer to). */
export async function auditObjects(db: Db, wanted: { entity: string; ids: number[] }[], indicatorIds: readonly number[], regionCodes: readonly string[]): Promise<AuditObjects> {
  const idsOf = (entity: string) => [...new Set(wanted.filter((w) => w.entity === entity).flatMap((w) => w.ids))];
  const none = [-1];
  const list = (ids: number[]) => (ids.length === 0 ? none : ids);
  const [projects, rectifications, departments, documents, users, sections, stages, regions, indicators] = await Promise.all([
    db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .leftJoin('department as dep', 'dep.id', 'd.departmentId')
      .select(['p.id', 'p.name', 'dep.name as departmentName'])
      .where('p.id', 'in', list(idsOf('project')))
      .execute(),
    db
      .selectFrom('rectificationItem as r')
      .innerJoin('project as p', 'p.id', 'r.projectId')
      .select(['r.id', 'p.name as projectName', 'r.sourceText'])
      .where('r.id', 'in', list(idsOf('rectification_item')))
      .execute(),
    db.selectFrom('department').select(['id', 'name']).where('id', 'in', list(idsOf('department'))).execute(),
    db.selectFrom('document').select(['id', 'fileName']).where('id', 'in', list(idsOf('document'))).execute(),
    db.selectFrom('appUser').select(['id', 'username', 'displayName']).where('id', 'in', list(idsOf('user'))).execute(),
    db.selectFrom('businessSection').select(['id', 'name']).where('id', 'in', list(idsOf('section'))).execute(),
    db.selectFrom('stage').select(['id', 'kind', 'label', 'roundAsOf', 'year']).where('id', 'in', list(idsOf('stage'))).execute(),
    db.selectFrom('region').select(['code', 'name']).where('code', 'in', regionCodes.length === 0 ? [''] : [...new Set(regionCodes)]).execute(),
    db.selectFrom('indicator').select(['id', 'name']).where('id', 'in', indicatorIds.length === 0 ? none : [...new Set(indicatorIds)]).execute(),
  ]);
  return {
    projects: new Map(projects.map((p) => [p.id, { name: p.name, departmentName: p.departmentName }])),
    rectifications: new Map(rectifications.map((r) => [r.id, { projectName: r.projectName, sourceText: r.sourceText }])),
    departments: new Map(departments.map((d) => [d.id, d.name])),
    documents: new Map(documents.map((d) => [d.id, d.fileName])),
    users: new Map(users.map((u) => [u.id, { username: u.username, displayName: u.displayName }])),
    sections: new Map(sections.map((s) => [s.id, s.name])),
    stages: new Map(stages.map((s) => [s.id, { kind: s.kind, label: s.label, roundAsOf: s.roundAsOf, year: s.year }])),
    regions: new Map(regions.map((r) => [r.code, r.name])),
    indicators: new Map(indicators.map((i) => [i.id, i.name])),
  };
}
