/**
 * A published self-evaluation is not silently re-scored (issue 71). When a 目标调整 approved after the year's
 * self-evaluation was published would change its score, the published result is kept as published (table
 * self_evaluation_publication, migration 0043): the public pages and the 结果运用 sheet go on showing it, scored on the
 * targets it was published with. The re-scored one — the project's self-evaluation measured against the targets in
 * force — waits as a new version: for the unit to confirm it (it saves it, complete: 'awaiting_unit' →
 * 'awaiting_review') and for the 绩效科 to accept it ('accepted'); only then is it the result in force, and the public
 * page says what it replaced. Each step is audited and tells the one it waits for.
 */
import type { SessionUser } from '../../../shared/api/auth';
import type { SelfEvaluationPublication, SelfEvaluationResult } from '../../../shared/api/monitoring';
import { actorOf } from '../../app/auth';
import { AppError } from '../../app/errors';
import { insertAuditEntry } from '../../db/document.repository';
import type { MonitoredProject } from '../../db/monitoring.repository';
import type { Db } from '../../db/schema';
import { findPublication, keepPublication, updatePublication } from '../../db/self-evaluation-publication.repository';
import { findSelfEvaluation } from '../../db/self-evaluation.repository';
import { inTransaction } from '../../db/transaction';
import { notify } from '../notifications/waiting';
import { regionOf } from '../monitoring/configs';
import { selectResultsUseConfig } from '../../../shared/domain/results-use';
import { buildSelfEvaluationResult } from './self-evaluation.service';
import { publicationView } from './publication-state';

/** Whether a project's self-evaluation is on the public pages: its region publishes results, the project is published and current, the evaluation complete. */
export function evaluationPublished(project: MonitoredProject, evaluation: Pick<SelfEvaluationResult, 'complete'>): boolean {
  return selectResultsUseConfig(project.year, regionOf(project.code)).publishResults && project.status === 'published' && project.isCurrent && evaluation.complete;
}

/** Whether two scorings of one evaluation differ in anything scored: the total, the grade, the execution, an indicator's score or target. */
function rescored(a: SelfEvaluationResult, b: SelfEvaluationResult): boolean {
  const scores = (r: SelfEvaluationResult) =>
    JSON.stringify([r.total, r.grade, r.funds.adjustedBudgetFen, r.funds.ratePercent, r.funds.score, r.indicators.map((i) => [i.indicatorId, i.target, i.score])]);
  return scores(a) !== scores(b);
}

/** The latest approved version of a project's targets (1: the approved targets). */
const versionOf = (project: MonitoredProject) => Math.max(1, ...(project.adjustments ?? []).map((a) => a.version));

/**
 * Called in the approval's transaction: keeps the published result when the adjustment re-scores a published
 * self-evaluation (`before`: the project before the approval, `after`: with it), and tells the unit; with a result
 * already kept and not yet replaced, the re-score now waits for the newer version. Returns whether one is kept.
 */
export async function keepPublishedSelfEvaluation(
  trx: Db,
  before: MonitoredProject,
  after: MonitoredProject,
  adjustmentId: number,
  user: SessionUser,
  at: string,
): Promise<boolean> {
  const stored = await findSelfEvaluation(trx, before.id);
  if (stored === undefined) return false;
  const newVersion = versionOf(after);
  const kept = await findPublication(trx, before.id);
  const was = buildSelfEvaluationResult(before, stored);
  const now = buildSelfEvaluationResult(after, stored);
  if (kept !== undefined && kept.status !== 'accepted') {
    await updatePublication(trx, before.id, { newVersion, adjustmentId, status: 'awaiting_unit', submittedAt: null, submittedBy: null });
  } else {
    if (!evaluationPublished(before, was) || !rescored(was, now)) return false;
    await keepPublication(trx, {
      projectId: before.id,
      result: JSON.stringify(was),
      totalHundredths: Math.round(was.total * 100),
      grade: was.grade,
      targetsVersion: versionOf(before),
      newVersion,
      adjustmentId,
      keptAt: at,
      status: 'awaiting_unit',
      submittedAt: null,
      submittedBy: null,
      acceptedAt: null,
      acceptedBy: null,
    });
  }
  const published = kept !== undefined && kept.status !== 'accepted' ? { total: kept.totalHundredths / 100, grade: kept.grade, version: kept.targetsVersion } : { total: was.total, grade: was.grade, version: versionOf(before) };
  await insertAuditEntry(trx, {
    at,
    actor: actorOf(user),
    action: 'self-evaluation.keep',
    entity: 'project',
    entityId: before.id,
    detail: { adjustmentId, published, rescored: { total: now.total, grade: now.grade, version: newVersion } },
  });
  await notify(
    trx,
    after.departmentId!,
    'unit',
    {
      kind: 'task',
      title: `请确认重新评分的绩效自评：${after.name}`,
      body: `项目“${after.name}”的绩效目标调整（第 ${newVersion} 版）审核通过时，其绩效自评结果已公开（${published.total.toFixed(2)} 分，${published.grade}）。公开的结果保持不变；按第 ${newVersion} 版目标重新评分为 ${now.total.toFixed(2)} 分（${now.grade}），请核对、补充说明后保存自评，财政部门复核通过后取代公开的结果。`,
      link: `/projects/${after.id}/self-evaluation`,
    },
    at,
  );
  return true;
}

/**
 * The 绩效科 accepts the re-scored self-evaluation (POST /api/projects/:id/self-evaluation/rescore): it becomes the
 * result in force, the kept one the record of what it replaced. 403 for anyone but a finance reviewer; 409 when no
 * re-score waits for it or the evaluation is not complete.
 */
export async function acceptRescore(db: Db, user: SessionUser, project: MonitoredProject, now: Date): Promise<SelfEvaluationPublication> {
  if (user.role !== 'reviewer') throw new AppError(403, 'forbidden', '只有财政部门审核人员可以复核重新评分的绩效自评');
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    const kept = await findPublication(trx, project.id);
    if (kept === undefined || kept.status === 'accepted') throw new AppError(409, 'conflict', '该项目没有待复核的重新评分');
    if (kept.status === 'awaiting_unit') throw new AppError(409, 'conflict', '单位尚未确认重新评分的绩效自评（保存完整的自评后才能复核）');
    const stored = await findSelfEvaluation(trx, project.id);
    const result = stored === undefined ? null : buildSelfEvaluationResult(project, stored);
    if (result === null || !result.complete) throw new AppError(409, 'conflict', '重新评分的绩效自评尚不完整，不能复核通过');
    await updatePublication(trx, project.id, { status: 'accepted', acceptedAt: at, acceptedBy: user.displayName });
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(user),
      action: 'self-evaluation.rescore-accept',
      entity: 'project',
      entityId: project.id,
      detail: {
        before: { total: kept.totalHundredths / 100, grade: kept.grade, version: kept.targetsVersion },
        after: { total: result.total, grade: result.grade, version: kept.newVersion },
      },
    });
    if (project.departmentId !== null) {
      await notify(
        trx,
        project.departmentId,
        'unit',
        {
          kind: 'result',
          title: `重新评分的绩效自评已复核通过：${project.name}`,
          body: `项目“${project.name}”按第 ${kept.newVersion} 版绩效目标重新评分的结果（${result.total.toFixed(2)} 分，${result.grade}）已复核通过，取代此前公开的 ${(kept.totalHundredths / 100).toFixed(2)} 分（${kept.grade}）。`,
          link: `/projects/${project.id}/self-evaluation`,
        },
        at,
      );
    }
  });
  return (await publicationView(db, user, project.id))!;
}
