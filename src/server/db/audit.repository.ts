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
