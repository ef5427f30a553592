/**
 * One project as its page needs it (ProjectRecord): the stored model, its findings pinned to
 * cells, score, workflow history, comments and audit log; and, when the user may edit it, the
 * whole current document so the browser can run the same review while editing. Events and
 * comments come oldest first; the audit log's first page newest first (getProjectAudit: the others).
 *
 * Reading a project reviews nothing: the findings and the score are those stored by the last
 * review (import, save). Only a project stored before findings were kept (migration 0005) has
 * its document reviewed here.
 */
import type { SessionUser } from '../../../shared/api/auth';
import { AUDIT_PAGE_SIZE, type ProjectRecord } from '../../../shared/api/projects';
import type { ParsedDocument, Project } from '../../../shared/domain/model';
import { allowedActions, canEditProject, MISSING_SECTION_MESSAGE, missingSection } from '../../../shared/domain/workflow';
import { issuesOfProjects } from '../../db/approval.repository';
import { gatesOf, gateView } from '../approval/approval.service';
import { reviewAndScore, type DocumentReview } from '../../../shared/review/report';
import type { Finding } from '../../../shared/review/types';
import { loadDocument } from '../../db/document.repository';
import type { ProjectPageRows, ProjectState } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { indicatorNamesOf, listProjectAudit, listProjectHistory } from '../../db/workflow.repository';
import { reviewLevelsOfDepartment, supervisorOfDepartment } from '../../db/review-levels.repository';
import { scoreFromHundredths } from '../review-store/review-store.service';
import { adjustedTargetsOf, commentFieldInForce, documentInForce, indicatorIndexesOf, inForce, pinnedInForce, targetsOfProjects } from '../adjustments/in-force';

interface Reviewed {
  project: Project;
  findings: Finding[];
  score: ProjectRecord['score'];
  context: ParsedDocument | null;
}

/** The findings and score of a document's review, for the project at `index`. */
function fromReview(review: DocumentReview, index: number, withContext: boolean): Reviewed {
  const score = review.projectScores[index];
  return {
    project: review.doc.projects[index]!,
    findings: review.findings.filter((f) => f.projectIndex === index),
    score: score && score.withheld === null ? { score: score.score, grade: score.grade } : null,
    context: withContext ? review.doc : null,
  };
}

/**
 * The review of a project as it is in force (an approved 目标调整's targets and budget), with its document's other
 * projects in force too: its findings on the rows of the table in force, and its score.
 */
async function reviewInForce(db: Db, documentId: number, position: number): Promise<Pick<Reviewed, 'findings' | 'score'> | null> {
  const doc = await loadDocument(db, documentId);
  if (doc === undefined) return null;
  const { findings, score } = fromReview(reviewAndScore(await documentInForce(db, documentId, doc)), position, false);
  return { findings, score };
}

/** The project with its stored findings and score; the editor's document when `withContext`. */
async function fromStore(db: Db, page: ProjectPageRows, withContext: boolean): Promise<Reviewed> {
  const { state } = page;
  const context = withContext ? ((await loadDocument(db, state.documentId)) ?? null) : null;
  if (page.findings === null) {
    const doc = context ?? (await loadDocument(db, state.documentId))!;
    return fromReview(reviewAndScore(doc), state.position, withContext);
  }
  const score = scoreFromHundredths(state.qualityScoreHundredths);
  return {
    project: context?.projects[state.position] ?? page.project,
    findings: page.findings,
    score: score === null || state.qualityGrade === null ? null : { score, grade: state.qualityGrade as NonNullable<ProjectRecord['score']>['grade'] },
    context,
  };
}

/**
 * Builds the record of a project the user may see: from its stored rows (loadProjectPage), or
 * with the review the caller just ran (a save).
 */
export async function buildProjectRecord(
  db: Db,
  user: SessionUser,
  from: { page: ProjectPageRows } | { state: ProjectState; reviewed: DocumentReview },
): Promise<ProjectRecord> {
  const state = 'page' in from ? from.page.state : from.state;
  const editable = state.isCurrent && canEditProject(state.status, user, state.departmentId);
  const [content, { events, comments }, audit, indicatorNames, levels, targets, supervisor] = await Promise.all([
    'page' in from ? fromStore(db, from.page, editable) : fromReview(from.reviewed, state.position, editable),
    listProjectHistory(db, state.id),
    listProjectAudit(db, state.id, { offset: 0, limit: AUDIT_PAGE_SIZE }),
    indicatorNamesOf(db, state.id),
    reviewLevelsOfDepartment(db, state.departmentId, state.year),
    targetsOfProjects(db, [state.id]).then((t) => t.get(state.id)),
    supervisorOfDepartment(db, state.departmentId),
  ]);
  // issue 58: the targets and budget in force (the latest approved 目标调整); the comments on their rows. The findings
  // are the review of what is in force (issue 71: a finding about a target or budget an adjustment changed stood beside
  // the adjusted table): for an adjusted project its document is reviewed with its projects in force.
  const indexes = indicatorIndexesOf(content.project, targets);
  const reviewed = targets === undefined ? null : await reviewInForce(db, state.documentId, state.position);
  const actions = state.isCurrent ? allowedActions(state.status, user, state.departmentId, levels) : [];
  // issue 33: the ex-ante gate when the user may approve now; the 批复 when issued
  const [gate, issue] = await Promise.all([
    actions.includes('approve') ? gatesOf(db, [state.id]).then((g) => g.get(state.id)) : Promise.resolve(undefined),
    issuesOfProjects(db, [state.id]).then((i) => i.get(state.id) ?? null),
  ]);
  return {
    id: state.id,
    documentId: state.documentId,
    department: { id: state.departmentId, code: state.departmentCode, name: state.departmentName },
    supervisor,
    year: state.year,
    status: state.status,
    version: state.version,
    updatedAt: state.updatedAt,
    updatedBy: state.updatedBy,
    isCurrent: state.isCurrent,
    editable,
    allowedActions: actions,
    ...(state.isCurrent && missingSection(levels) && ['draft', 'returned', 'unit_submitted'].includes(state.status) ? { sendingBlocked: MISSING_SECTION_MESSAGE } : {}),
    ...(gate !== undefined ? { gate: gateView(gate) } : {}),
    issue,
    frameworkVersion: state.frameworkVersion,
    project: inForce(content.project, targets),
    adjusted: adjustedTargetsOf(content.project, targets),
    findings: reviewed?.findings ?? pinnedInForce(content.findings, indexes),
    score: reviewed === null ? content.score : reviewed.score,
    comments: comments.map((c) => ({ id: c.id, field: commentFieldInForce(c.field, indexes), text: c.text, author: c.author, at: c.at, eventId: c.eventId })),
    events: events.map((e) => ({ id: e.id, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actor, at: e.at, comment: e.comment })),
    audit: { items: audit.items, total: audit.total, page: 1, pageSize: AUDIT_PAGE_SIZE, indicatorNames },
    context: content.context,
    projectIndex: state.position,
  };
}
