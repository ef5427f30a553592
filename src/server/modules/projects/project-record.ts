/**
 * One project as its page needs it (ProjectRecord): the stored model, its findings pinned to
 * cells, score, workflow history, comments, audit log, and the whole current document so the
 * browser can run the same review while editing. Events, comments and audit entries come oldest
 * first.
 */
import type { SessionUser } from '../../../shared/api/auth';
import type { AuditEntryView, ProjectRecord } from '../../../shared/api/projects';
import type { ParsedDocument } from '../../../shared/domain/model';
import { allowedActions, canEditProject } from '../../../shared/domain/workflow';
import { reviewAndScore, type DocumentReview } from '../../../shared/review/report';
import { listAuditEntries, loadDocument } from '../../db/document.repository';
import type { ProjectState } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { listReviewComments, listWorkflowEvents } from '../../db/workflow.repository';

/** Builds the record of a project the user may see. `reviewed` saves a second review when the caller just ran one. */
export async function buildProjectRecord(db: Db, user: SessionUser, state: ProjectState, reviewed?: DocumentReview): Promise<ProjectRecord> {
  const context: ParsedDocument = reviewed?.doc ?? (await loadDocument(db, state.documentId))!;
  const review = reviewed ?? reviewAndScore(context);
  const index = state.position;
  const [events, comments, audit] = await Promise.all([
    listWorkflowEvents(db, state.id),
    listReviewComments(db, state.id),
    listAuditEntries(db, { entity: 'project', entityId: state.id }),
  ]);
  const score = review.projectScores[index];
  return {
    id: state.id,
    documentId: state.documentId,
    department: { id: state.departmentId, code: state.departmentCode, name: state.departmentName },
    year: state.year,
    status: state.status,
    version: state.version,
    updatedAt: state.updatedAt,
    updatedBy: state.updatedBy,
    isCurrent: state.isCurrent,
    editable: state.isCurrent && canEditProject(state.status, user, state.departmentId),
    allowedActions: state.isCurrent ? allowedActions(state.status, user, state.departmentId) : [],
    frameworkVersion: context.frameworkVersion,
    project: context.projects[index]!,
    findings: review.findings.filter((f) => f.projectIndex === index),
    score: score ? { score: score.score, grade: score.grade } : null,
    comments: comments.map((c) => ({ id: c.id, field: c.field, text: c.text, author: c.author, at: c.at, eventId: c.eventId })),
    events: events.map((e) => ({ id: e.id, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actor, at: e.at, comment: e.comment })),
    audit: audit.map((a): AuditEntryView => ({ id: a.id, at: a.at, actor: a.actor, action: a.action, detail: a.detail })),
    context,
    projectIndex: index,
  };
}
