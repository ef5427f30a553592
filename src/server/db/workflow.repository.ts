/**
 * All SQL about a project's workflow history: the events (who moved it from which status to
 * which, when, why) and the reviewers' comments anchored to its fields.
 */
import type { ProjectStatus } from '../../shared/domain/workflow';
import type { Db } from './schema';

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
  // 7 columns a row: 500 rows stay far below both databases' parameter limits.
  for (let i = 0; i < events.length; i += 500) {
    await db.insertInto('workflowEvent').values(events.slice(i, i + 500)).execute();
  }
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
