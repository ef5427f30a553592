/**
 * Where a kept publication of a self-evaluation stands (issue 71; publication.service.ts keeps one and accepts its
 * re-score): a save that confirms the re-score, the result in force while it waits, and what the self-evaluation page
 * and the public page say of it. Apart from publication.service.ts so that the self-evaluation and results services
 * read it without importing the scoring they are part of.
 */
import type { SessionUser } from '../../../shared/api/auth';
import type { SelfEvaluationPublication, SelfEvaluationResult } from '../../../shared/api/monitoring';
import type { MonitoredProject } from '../../db/monitoring.repository';
import type { Db } from '../../db/schema';
import { findPublication, updatePublication, type StoredPublication } from '../../db/self-evaluation-publication.repository';
import { notify } from '../notifications/waiting';

/**
 * Called when a self-evaluation is saved (its transaction): a re-score waiting for the unit, saved complete, now waits
 * for the 绩效科 (told); saved incomplete, for the unit still.
 */
export async function selfEvaluationSaved(trx: Db, project: MonitoredProject, result: SelfEvaluationResult, user: { displayName: string }, at: string): Promise<void> {
  const kept = await findPublication(trx, project.id);
  if (kept === undefined || kept.status === 'accepted') return;
  if (!result.complete) {
    if (kept.status !== 'awaiting_unit') await updatePublication(trx, project.id, { status: 'awaiting_unit', submittedAt: null, submittedBy: null });
    return;
  }
  await updatePublication(trx, project.id, { status: 'awaiting_review', submittedAt: at, submittedBy: user.displayName });
  if (kept.status === 'awaiting_unit' && project.departmentId !== null) {
    await notify(
      trx,
      project.departmentId,
      'reviewers',
      {
        kind: 'task',
        title: `待复核：${project.name}重新评分的绩效自评`,
        body: `项目“${project.name}”（${project.departmentName ?? ''}）按第 ${kept.newVersion} 版绩效目标重新评分为 ${result.total.toFixed(2)} 分（${result.grade}），单位已确认；公开的结果为 ${(kept.totalHundredths / 100).toFixed(2)} 分（${kept.grade}）。复核通过后以新结果取代公开的结果。`,
        link: `/projects/${project.id}/self-evaluation`,
      },
      at,
    );
  }
}

/** What the self-evaluation page says of a kept publication (null: none). */
export async function publicationView(db: Db, user: SessionUser, projectId: number): Promise<SelfEvaluationPublication | null> {
  const kept = await findPublication(db, projectId);
  return kept === undefined ? null : viewOf(kept, user.role === 'reviewer' && kept.status === 'awaiting_review');
}

function viewOf(kept: StoredPublication, canAccept: boolean): SelfEvaluationPublication {
  return {
    status: kept.status,
    published: { total: kept.totalHundredths / 100, grade: kept.grade as SelfEvaluationPublication['published']['grade'], targetsVersion: kept.targetsVersion, keptAt: kept.keptAt },
    newVersion: kept.newVersion,
    submittedAt: kept.submittedAt,
    submittedBy: kept.submittedBy,
    acceptedAt: kept.acceptedAt,
    acceptedBy: kept.acceptedBy,
    canAccept,
  };
}

/** The result in force of a project whose publication is kept: the published one while its re-score waits, else null (the evaluation's own). */
export function resultInForce(kept: StoredPublication | undefined): SelfEvaluationResult | null {
  return kept === undefined || kept.status === 'accepted' ? null : (JSON.parse(kept.result) as SelfEvaluationResult);
}

/**
 * What the public page says of which self-evaluation result is in force (null: never re-scored): the published one,
 * scored on the first targets, while its re-score waits; the re-scored one, once accepted, with what it replaced.
 */
export function publicNoteOf(kept: StoredPublication | undefined): string | null {
  if (kept === undefined) return null;
  const was = `${(kept.totalHundredths / 100).toFixed(2)} 分（${kept.grade}）`;
  if (kept.status === 'accepted') {
    return `本结果按第 ${kept.newVersion} 版绩效目标重新评分（目标调整后），于 ${kept.acceptedAt!.slice(0, 10)} 经财政部门复核，取代此前公开的 ${was}。`;
  }
  const waits = kept.status === 'awaiting_unit' ? '单位确认' : '财政部门复核';
  return `本结果按第 ${kept.targetsVersion} 版绩效目标评分，为公开的结果；目标调整后的重新评分待${waits}（按第 ${kept.newVersion} 版绩效目标），复核通过后取代本结果。`;
}
