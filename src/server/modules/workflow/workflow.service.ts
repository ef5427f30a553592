/**
 * Workflow actions on a project (shared/domain/workflow.ts has the table of who may do what from
 * which status). Each action is one transaction: the version check and the status change are one
 * UPDATE … WHERE version = ?, then the workflow event, the reviewer's field comments and an audit
 * entry with the status before and after.
 */
import type { SessionUser } from '../../../shared/api/auth';
import { parseCommentField, workflowActionBodySchema, type ProjectRecord, type WorkflowActionBody } from '../../../shared/api/projects';
import { actionLabel, checkTransition, transitionFrom, unpublishedStatus } from '../../../shared/domain/workflow';
import { CONCLUSION_LABELS } from '../../../shared/domain/ex-ante';
import { issuesOfProjects } from '../../db/approval.repository';
import { assertApprovable, assertPublishable } from '../approval/approval.service';
import { reviewLevelsOfDepartment } from '../../db/review-levels.repository';
import { actorOf } from '../../app/auth';
import { AppError, validationError } from '../../app/errors';
import { insertAuditEntry, loadProject } from '../../db/document.repository';
import { findProjectState, projectNamesOf, updateProjectStatus } from '../../db/project.repository';
import { notify, projectWaitsFor } from '../notifications/waiting';
import type { Db } from '../../db/schema';
import { insertReviewComments, insertWorkflowEvent } from '../../db/workflow.repository';
import { assertCurrent, assertVersion, staleVersionError, visibleProject, visibleProjectPage } from '../projects/project-guards';
import { buildProjectRecord } from '../projects/project-record';
import { inTransaction } from '../../db/transaction';
import { refreshProjectFigures } from '../monitoring/figures.service';

/**
 * POST /api/projects/:id/actions. Refuses: 404 a project the user may not see; 403 a role that
 * may not take the action; 409 a superseded project, a status the action does not start from
 * ('invalid-transition') or a stale version; 400 a return without any comment, or a comment
 * anchored to an indicator the project does not have; 409 'conflict' an approval the ex-ante gate
 * holds, or a publication before 批复 where the region's settings ask for it (issue 33, modules/approval).
 * An approval on 部分支持 names the parts supported in its event and audit entry.
 */
export async function applyWorkflowAction(db: Db, user: SessionUser, projectId: number, input: WorkflowActionBody, now: Date): Promise<ProjectRecord> {
  const body = workflowActionBodySchema.parse(input);
  const state = await visibleProject(db, user, projectId);
  assertCurrent(state);
  // levels of review: a unit with a 主管部门 in a region that uses that level submits to it first
  const levels = await reviewLevelsOfDepartment(db, state.departmentId, state.year);
  const refusal = checkTransition(body.action, state.status, user, state.departmentId, levels);
  if (refusal !== null) throw new AppError(refusal.status, refusal.code, refusal.message);
  assertVersion(state, body.version);
  const transition = transitionFrom(body.action, state.status, user.role, levels)!;
  // issue 33: the ex-ante gate of approval; publication after 批复; an issued project unpublished goes back to 已批复
  const gate = body.action === 'approve' ? await assertApprovable(db, projectId) : null;
  if (body.action === 'publish') await assertPublishable(db, projectId);
  const to = body.action === 'unpublish' ? unpublishedStatus((await issuesOfProjects(db, [projectId])).has(projectId)) : transition.to;
  const partial = gate?.conclusion === 'partial' ? `事前绩效评估${CONCLUSION_LABELS.partial}，支持的部分：${gate.parts ?? '（评估结论未写明）'}` : null;
  const comment = partial === null ? body.comment : body.comment === null ? partial : `${body.comment}\n${partial}`;
  if (transition.needsComment && body.comment === null && body.comments.length === 0) {
    throw validationError([{ path: 'comment', message: `${actionLabel(body.action, state.status)}时请填写意见，或在表中至少批注一处` }]);
  }
  if (body.comments.some((c) => parseCommentField(c.field).indicatorIndex !== null)) {
    const project = (await loadProject(db, projectId))!;
    body.comments.forEach((c, i) => {
      const { indicatorIndex } = parseCommentField(c.field);
      if (indicatorIndex !== null && indicatorIndex >= project.indicators.length) {
        throw validationError([{ path: `comments.${i}.field`, message: `项目没有第 ${indicatorIndex + 1} 条指标` }]);
      }
    });
  }

  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    if (!(await updateProjectStatus(trx, projectId, body.version, to, { at, by: user.displayName }))) {
      throw staleVersionError((await findProjectState(trx, projectId)) ?? state, body.version);
    }
    const eventId = await insertWorkflowEvent(trx, {
      projectId,
      fromStatus: state.status,
      toStatus: to,
      actor: user.displayName,
      actorUserId: user.id,
      at,
      comment,
    });
    await insertReviewComments(
      trx,
      body.comments.map((c) => ({ projectId, eventId, field: c.field, text: c.text, author: user.displayName, at })),
    );
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(user),
      action: `project.${body.action}`,
      entity: 'project',
      entityId: projectId,
      detail: {
        version: body.version + 1,
        before: { status: state.status },
        after: { status: to },
        ...(body.comment !== null ? { comment: body.comment } : {}),
        ...(gate !== null && gate.conclusion !== null ? { exAnte: { conclusion: gate.conclusion, ...(gate.parts !== null ? { parts: gate.parts } : {}) } } : {}),
        ...(body.comments.length > 0 ? { comments: body.comments } : {}),
      },
    });
    // Whose turn it is now is told so (issue 58): the next level, or the unit a return goes back to.
    const waits = projectWaitsFor({ id: projectId, name: (await projectNamesOf(trx, [projectId])).get(projectId) ?? '', departmentName: state.departmentName }, to, body.comment);
    if (waits !== null) await notify(trx, state.departmentId, waits.audience, waits.notice, at);
    // Approving, publishing or returning a project moves it in or out of monitoring: its figures now.
    await refreshProjectFigures(trx, [projectId]);
  });
  return buildProjectRecord(db, user, { page: await visibleProjectPage(db, user, projectId) });
}
