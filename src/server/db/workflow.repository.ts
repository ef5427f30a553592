/**
 * All SQL about a project's workflow history: the events (who moved it from which status to
 * which, when, why), the reviewers' comments anchored to its fields, and (for its page) these with
 * the project's audit entries in one statement.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ProjectStatus } from '../../shared/domain/workflow';
import type { StoredAuditEntry } from './document.repository';
import type { Db } from './schema';
import { insertRows } from './bulk-insert';

export interface WorkflowEventRow {
  id: number;
  projectId: number;
  fromStatus: ProjectStatus;
  toStatus: ProjectStatus;
  actor: string;
  actorUserId: number | null;
  at: string;
  comment: string | null;
}

export interface ReviewCommentRow {
  id: number;
  projectId: number;
  eventId: number | null;
  field: string;
  text: string;
  author: string;
  at: string;
}

/** Records a status change; returns its id. */
export async function insertWorkflowEvent(db: Db, event: Omit<WorkflowEventRow, 'id'>): Promise<number> {
  const row = await db.insertInto('workflowEvent').values(event).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Records many status changes in multi-row INSERTs (generated data). */
export async function insertWorkflowEvents(db: Db, events: readonly Omit<WorkflowEventRow, 'id'>[]): Promise<void> {
  // bulk-insert.ts's prepared multi-row texts (generate writes a batch's history at once). Its rows
  // must all have the same columns: every field spelled out, null where none.
  await insertRows(
    db,
    'workflowEvent',
    events.map((e) => ({ projectId: e.projectId, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actor, actorUserId: e.actorUserId, at: e.at, comment: e.comment })),
  );
}

/** Stores comments anchored to fields, in the order given. */
export async function insertReviewComments(db: Db, comments: readonly Omit<ReviewCommentRow, 'id'>[]): Promise<void> {
  if (comments.length === 0) return;
  await db.insertInto('reviewComment').values([...comments]).execute();
}

/** A project's events, oldest first. */
export async function listWorkflowEvents(db: Db, projectId: number): Promise<WorkflowEventRow[]> {
  return db.selectFrom('workflowEvent').selectAll().where('projectId', '=', projectId).orderBy('id').execute();
}

/** A project's comments, oldest first. */
export async function listReviewComments(db: Db, projectId: number): Promise<ReviewCommentRow[]> {
  return db.selectFrom('reviewComment').selectAll().where('projectId', '=', projectId).orderBy('id').execute();
}

/** A project's workflow history as its page shows it: events and comments, each oldest first. */
export interface ProjectHistory {
  events: Pick<WorkflowEventRow, 'id' | 'fromStatus' | 'toStatus' | 'actor' | 'at' | 'comment'>[];
  comments: Pick<ReviewCommentRow, 'id' | 'eventId' | 'field' | 'text' | 'author' | 'at'>[];
}

/**
 * listWorkflowEvents and listReviewComments in one statement (a UNION ALL of the two in a common
 * shape): the project page is the most requested one, and on PostgreSQL every statement is a
 * round trip. The audit log, which grows with every save, is read a page at a time
 * (listProjectAudit).
 */
export async function listProjectHistory(db: Db, projectId: number): Promise<ProjectHistory> {
  const text = (value: RawBuilder<unknown> | string) => sql<string | null>`cast(${typeof value === 'string' ? sql.ref(value) : value} as text)`;
  const nullInt = sql<number | null>`cast(null as integer)`;
  const rows = await db
    .selectFrom('workflowEvent')
    .select([
      sql.lit('event').as('kind'),
      'id',
      'at',
      'actor',
      text('fromStatus').as('a'),
      text('toStatus').as('b'),
      text('comment').as('c'),
      nullInt.as('n'),
    ])
    .where('projectId', '=', projectId)
    .unionAll(
      db
        .selectFrom('reviewComment')
        .select([sql.lit('comment').as('kind'), 'id', 'at', 'author as actor', text('field').as('a'), text('text').as('b'), text(sql`null`).as('c'), 'eventId as n'])
        .where('projectId', '=', projectId),
    )
    .execute();
  const history: ProjectHistory = { events: [], comments: [] };
  for (const r of [...rows].sort((x, y) => x.id - y.id)) {
    if (r.kind === 'event') history.events.push({ id: r.id, fromStatus: r.a as ProjectStatus, toStatus: r.b as ProjectStatus, actor: r.actor, at: r.at, comment: r.c });
    else history.comments.push({ id: r.id, eventId: r.n, field: r.a!, text: r.b!, author: r.actor, at: r.at });
  }
  return history;
}

/** Which entries of a project's audit log: one action, one person (the account's username, else the name of the moment). */
export interface ProjectAuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
}

/** One page of a project's audit log (optionally filtered), newest first, and how many entries match in all. */
export async function listProjectAudit(
  db: Db,
  projectId: number,
  page: { offset: number; limit: number },
  filter: ProjectAuditFilter = {},
): Promise<{ items: ProjectAuditRow[]; total: number }> {
  let ofProject = db.selectFrom('auditLog').where('entity', '=', 'project').where('entityId', '=', projectId);
  if (filter.action !== undefined) ofProject = ofProject.where('action', '=', filter.action);
  const actor = filter.actor;
  if (actor !== undefined) ofProject = ofProject.where((eb) => eb.or([eb('actorUsername', '=', actor), eb.and([eb('actorUsername', 'is', null), eb('actor', '=', actor)])]));
  const [rows, count] = await Promise.all([
    ofProject
      .select(['id', 'at', 'actor', 'actorUserId', 'actorUsername', 'action', 'detail'])
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    ofProject.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> })), total: Number(count.n) };
}

/** The actions and the people in a project's audit log (the history's filters), each with its number of entries. */
export async function projectAuditFacets(
  db: Db,
  projectId: number,
): Promise<{ actions: { action: string; count: number }[]; actors: { actor: string; username: string | null; count: number }[] }> {
  const ofProject = db.selectFrom('auditLog').where('entity', '=', 'project').where('entityId', '=', projectId);
  const [actions, actors] = await Promise.all([
    ofProject.select(['action', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('action').orderBy('action').execute(),
    ofProject
      .select(['actorUsername', (eb) => eb.fn.max('actor').as('actor'), (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('actorUsername')
      .orderBy('actorUsername')
      .execute(),
  ]);
  return {
    actions: actions.map((r) => ({ action: r.action, count: Number(r.n) })),
    actors: actors.map((r) => ({ actor: String(r.actor), username: r.actorUsername, count: Number(r.n) })),
  };
}

/** The names of a project's indicators by id (what execution records and self-evaluations refer to). */
export async function indicatorNamesOf(db: Db, projectId: number): Promise<Record<string, string>> {
  const rows = await db.selectFrom('indicator').select(['id', 'name']).where('projectId', '=', projectId).execute();
  return Object.fromEntries(rows.map((r) => [String(r.id), r.name]));
}

/** An audit entry of a project (its entity is the project). */
export type ProjectAuditRow = Omit<StoredAuditEntry, 'entity' | 'entityId'>;
