/**
 * 目标调整 (issue 33): a department asks to adjust an approved (已审核), issued (已批复) or published
 * (已公开) project's targets — the complete rows after the change, a reason, the date the new
 * version takes effect, the budget after it if it changes; the region's finance reviewer approves
 * (the request becomes the next version of the targets, in force from its date) or returns it with
 * a comment. While a request is pending nothing in force changes. The pure rules (versions in
 * force, the comparison, the checks) are shared/domain/target-adjustment.ts; the SQL
 * db/target-adjustment.repository.ts; monitoring and self-evaluation read the targets in force
 * through modules/monitoring/targets-in-force.ts.
 *
 * Access: the routes check the login and the duty; here the project (404 for one the user may not
 * see: an editor's foreign project, a reviewer's other region), the role (403: only the
 * department's editor asks, only a finance reviewer decides), the input (400) and the state (409).
 * Every change is one transaction with its audit entry.
 */
import type { SessionUser } from '../../../shared/api/auth';
import type { PublicProject } from '../../../shared/api/public';
import type { AdjustmentBody, AdjustmentDecisionBody, AdjustmentList, AdjustmentView, ProjectAdjustments, TargetVersionView, VersionComparison } from '../../../shared/api/target-adjustment';
import { adjustmentNote, budgetInForce, checkAdjustment, compareVersions, rowKeyOf, type TargetRow } from '../../../shared/domain/target-adjustment';
import { STATUS_LABELS, type ProjectStatus } from '../../../shared/domain/workflow';
import { actorOf, mayAccessDepartment, scopeDepartmentIds } from '../../app/auth';
import { AppError, validationError } from '../../app/errors';
import { insertAuditEntry, loadProject } from '../../db/document.repository';
import { loadMonitoredProject, type MonitoredProject } from '../../db/monitoring.repository';
import { findDepartmentLevel } from '../../db/review-levels.repository';
import type { Db } from '../../db/schema';
import {
  decideAdjustment,
  findAdjustment,
  insertAdjustment,
  listPendingAdjustments,
  listProjectAdjustments,
  type StoredAdjustment,
} from '../../db/target-adjustment.repository';
import { inTransaction } from '../../db/transaction';
import { refreshProjectFigures } from '../monitoring/figures.service';
import { storeBudgetInForce } from './in-force';
import { reviewStoredDocument } from '../review-store/review-store.service';
import { keepPublishedSelfEvaluation } from '../self-evaluation/publication.service';
import { notify } from '../notifications/waiting';

/** The states whose targets may be adjusted: approved and after. */
export const ADJUSTABLE_STATUSES: readonly ProjectStatus[] = ['approved', 'issued', 'published'];

/** The project if the user may see it, else 404. */
async function visible(db: Db, user: SessionUser, projectId: number): Promise<MonitoredProject & { departmentId: number }> {
  const project = await loadMonitoredProject(db, projectId);
  if (project === undefined || project.departmentId === null || !mayAccessDepartment(user, project.departmentId)) throw new AppError(404, 'not-found', '项目不存在');
  return project as MonitoredProject & { departmentId: number };
}

/** Version 1: the project's approved indicators as rows. */
export function firstVersionRows(project: MonitoredProject): TargetRow[] {
  return project.indicators.map((i) => ({ key: rowKeyOf(i.id), indicatorId: i.id, level1: i.level1, level2: i.level2, name: i.name, target: i.target.raw }));
}

/** Every version of the project's targets: 1 (the approved rows) and the approved adjustments, by version. */
export function versionsOf(project: MonitoredProject, requests: readonly StoredAdjustment[]): TargetVersionView[] {
  const first: TargetVersionView = { version: 1, effectiveOn: null, reason: null, budgetFen: project.budgetTotal, requestedBy: null, approvedBy: null, approvedAt: null, rows: firstVersionRows(project) };
  const approved = requests.filter((r) => r.status === 'approved').sort((a, b) => a.version! - b.version!);
  const out = [first];
  for (const a of approved) {
    out.push({
      version: a.version!,
      effectiveOn: a.effectiveOn,
      reason: a.reason,
      budgetFen: a.budgetFen ?? out[out.length - 1]!.budgetFen,
      requestedBy: a.requestedBy,
      approvedBy: a.decidedBy,
      approvedAt: a.decidedAt,
      rows: a.rows,
    });
  }
  return out;
}

function view(a: StoredAdjustment, project: { name: string; code: string | null; departmentName: string | null }): AdjustmentView {
  return {
    id: a.id,
    projectId: a.projectId,
    projectCode: project.code,
    projectName: project.name,
    departmentId: a.departmentId,
    departmentName: project.departmentName ?? '',
    status: a.status,
    version: a.version,
    effectiveOn: a.effectiveOn,
    reason: a.reason,
    budgetFen: a.budgetFen,
    rows: a.rows,
    requestedBy: a.requestedBy,
    requestedAt: a.requestedAt,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt,
    comment: a.comment,
  };
}

/** Why the user may not ask for an adjustment of the project now (null: may). */
function cannotRequest(user: SessionUser, project: MonitoredProject, requests: readonly StoredAdjustment[]): string | null {
  if (user.role !== 'editor') return '只有项目所属单位的填报人可以申请目标调整';
  if (!project.isCurrent) return '该项目属于已被新版本替换的文档，不能申请调整';
  if (!ADJUSTABLE_STATUSES.includes(project.status)) return `项目当前为“${STATUS_LABELS[project.status]}”，审核通过（已审核、已批复或已公开）后才能申请目标调整`;
  if (requests.some((r) => r.status === 'pending')) return '该项目已有一项目标调整申请待审核，审核后才能再次申请';
  return null;
}

/** The project's versions, requests and what the user may do. */
export async function getProjectAdjustments(db: Db, user: SessionUser, projectId: number): Promise<ProjectAdjustments> {
  const project = await visible(db, user, projectId);
  const requests = await listProjectAdjustments(db, project.id);
  const versions = versionsOf(project, requests);
  const why = cannotRequest(user, project, requests);
  return {
    projectId: project.id,
    projectName: project.name,
    status: project.status,
    canRequest: why === null,
    cannotRequest: user.role === 'editor' ? why : null,
    canDecide: user.role === 'reviewer' && requests.some((r) => r.status === 'pending'),
    versions,
    // the latest approved version: what the project shows (issue 58); the earlier ones are history
    inForce: versions[versions.length - 1]!.version,
    requests: requests.map((r) => view(r, project)),
  };
}

/** Two versions of the project's targets side by side. 404 for a version the project does not have. */
export async function compareProjectVersions(db: Db, user: SessionUser, projectId: number, fromVersion: number | undefined, toVersion: number | undefined): Promise<VersionComparison> {
  const project = await visible(db, user, projectId);
  const versions = versionsOf(project, await listProjectAdjustments(db, project.id));
  const from = fromVersion ?? 1;
  const to = toVersion ?? versions[versions.length - 1]!.version;
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (a === undefined || b === undefined) throw new AppError(404, 'not-found', `该项目没有第 ${a === undefined ? from : to} 版绩效目标`);
  return { from: a, to: b, rows: compareVersions(a.rows, b.rows) };
}

/**
 * A department's request. 403 for anyone but the department's editor; 409 a project not approved,
 * replaced, or with a request pending; 400 the input (no reason, a bad or earlier date, an empty
 * row, no change).
 */
export async function requestAdjustment(db: Db, user: SessionUser, projectId: number, body: AdjustmentBody, now: Date): Promise<AdjustmentView> {
  if (user.role !== 'editor') throw new AppError(403, 'forbidden', '只有项目所属单位的填报人可以申请目标调整');
  const at = now.toISOString();
  const id = await inTransaction(db, async (trx) => {
    const project = await visible(trx, user, projectId);
    const requests = await listProjectAdjustments(trx, project.id);
    const why = cannotRequest(user, project, requests);
    if (why !== null) throw new AppError(409, 'conflict', why);
    const versions = versionsOf(project, requests);
    const latest = versions[versions.length - 1]!;
    const known = new Map(latest.rows.map((r) => [r.key, r]));
    // A row of the version in force keeps its indicator; a row the request adds (a new key) has none.
    const rows: TargetRow[] = body.rows.map((r) => ({
      key: r.key,
      indicatorId: known.get(r.key)?.indicatorId ?? null,
      level1: r.level1 === '' ? null : r.level1,
      level2: r.level2 === '' ? null : r.level2,
      name: r.name,
      target: r.target,
    }));
    const budgetNow = budgetInForce(versions, '9999-12-31', project.budgetTotal);
    const issues = checkAdjustment({ reason: body.reason, effectiveOn: body.effectiveOn, rows, budgetFen: body.budgetFen }, latest, budgetNow, project.year);
    if (issues.length > 0) throw validationError(issues);
    const department = await findDepartmentLevel(trx, project.departmentId);
    const newId = await insertAdjustment(trx, {
      projectId: project.id,
      departmentId: project.departmentId,
      regionCode: department?.regionCode ?? null,
      effectiveOn: body.effectiveOn,
      reason: body.reason.trim(),
      rows,
      budgetFen: body.budgetFen === budgetNow ? null : body.budgetFen,
      requestedBy: user.displayName,
      requestedByUserId: user.id,
      requestedAt: at,
    });
    const changes = compareVersions(latest.rows, rows).filter((c) => c.change !== 'same');
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(user),
      action: 'adjustment.request',
      entity: 'project',
      entityId: project.id,
      detail: {
        adjustmentId: newId,
        effectiveOn: body.effectiveOn,
        reason: body.reason.trim(),
        changes: changes.map((c) => ({ change: c.change, name: (c.after ?? c.before)!.name, before: c.before?.target ?? null, after: c.after?.target ?? null })),
        // in fen, as every amount of the log (the history shows 万元 with two decimals)
        ...(body.budgetFen !== null && body.budgetFen !== budgetNow ? { budget: { before: budgetNow, after: body.budgetFen } } : {}),
      },
    });
    // the region's 绩效科 decides it: in their 工作台 and their notifications (issue 58)
    await notify(
      trx,
      project.departmentId,
      'reviewers',
      { kind: 'task', title: `待审核：${project.name}的目标调整申请`, body: `${project.departmentName ?? ''}申请调整项目“${project.name}”的绩效目标（${changes.length} 项指标${body.budgetFen !== null && body.budgetFen !== budgetNow ? '及全年预算' : ''}），自${body.effectiveOn}起执行。理由：${body.reason.trim()}`, link: `/projects/${project.id}` },
      at,
    );
    return newId;
  });
  const project = await visible(db, user, projectId);
  return view((await findAdjustment(db, id))!, project);
}

/**
 * The finance reviewer's decision on a pending request: approved, it becomes the next version in
 * force from its date; returned, with a comment (required). 403 for anyone else; 404 a request of a
 * project the reviewer may not see; 409 one decided already or whose date is no longer after the
 * latest version's.
 */
export async function decideAdjustmentRequest(db: Db, user: SessionUser, adjustmentId: number, body: AdjustmentDecisionBody, now: Date): Promise<AdjustmentView> {
  if (user.role !== 'reviewer') throw new AppError(403, 'forbidden', '只有财政部门审核人员可以审核目标调整');
  const at = now.toISOString();
  const projectId = await inTransaction(db, async (trx) => {
    const request = await findAdjustment(trx, adjustmentId);
    if (request === undefined || !mayAccessDepartment(user, request.departmentId)) throw new AppError(404, 'not-found', '未找到该目标调整申请');
    if (request.status !== 'pending') throw new AppError(409, 'conflict', '该目标调整申请已审核，请刷新后查看');
    const comment = body.comment === null || body.comment.trim() === '' ? null : body.comment.trim();
    if (body.decision === 'return' && comment === null) throw validationError([{ path: 'comment', message: '退回须填写意见' }]);
    const project = (await loadMonitoredProject(trx, request.projectId))!;
    const versions = versionsOf(project, await listProjectAdjustments(trx, request.projectId));
    const latest = versions[versions.length - 1]!;
    let version: number | null = null;
    if (body.decision === 'approve') {
      if (latest.effectiveOn !== null && request.effectiveOn <= latest.effectiveOn) {
        throw new AppError(409, 'conflict', `生效日期（${request.effectiveOn}）不晚于现行第 ${latest.version} 版的生效日期（${latest.effectiveOn}），请退回单位修改`);
      }
      version = latest.version + 1;
    }
    const decided = await decideAdjustment(trx, adjustmentId, { status: body.decision === 'approve' ? 'approved' : 'returned', version, decidedBy: user.displayName, decidedAt: at, comment });
    if (!decided) throw new AppError(409, 'conflict', '该目标调整申请已审核，请刷新后查看');
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(user),
      action: body.decision === 'approve' ? 'adjustment.approve' : 'adjustment.return',
      entity: 'project',
      entityId: request.projectId,
      detail: { adjustmentId, effectiveOn: request.effectiveOn, ...(version === null ? {} : { version }), comment },
    });
    // the unit that asked is told the outcome (issue 58)
    await notify(
      trx,
      request.departmentId,
      'unit',
      version !== null
        ? { kind: 'result', title: `目标调整已审核通过：${project.name}`, body: `项目“${project.name}”的绩效目标调整已审核通过，第 ${version} 版自${request.effectiveOn}起执行。${comment ? `意见：${comment}` : ''}`, link: `/projects/${project.id}` }
        : { kind: 'task', title: `目标调整被退回：${project.name}`, body: `项目“${project.name}”的绩效目标调整申请被退回，意见：${comment ?? ''}`, link: `/projects/${project.id}` },
      at,
    );
    if (version !== null) {
      // What every list and total reads of the budget (issue 58), and the monitoring figures, measured against the targets in force.
      await storeBudgetInForce(trx, request.projectId, (await loadProject(trx, request.projectId))!);
      await refreshProjectFigures(trx, [request.projectId]);
      // the review of what is in force now (issue 71): a finding about a changed target or budget no longer stands, a
      // new one is found; what the lists, scores and the dashboard's categories count
      await reviewStoredDocument(trx, project.documentId);
      // a published self-evaluation is not silently re-scored (issue 71): the published result is kept, its re-score waits
      await keepPublishedSelfEvaluation(trx, project, (await loadMonitoredProject(trx, request.projectId))!, adjustmentId, user, at);
    }
    return request.projectId;
  });
  const project = (await loadMonitoredProject(db, projectId))!;
  return view((await findAdjustment(db, adjustmentId))!, project);
}

/** The pending requests the user may see (a reviewer's queue: its region's), or the returned ones not asked again, oldest first. */
export async function listPendingAdjustmentRequests(db: Db, user: SessionUser, status: 'pending' | 'returned' = 'pending'): Promise<AdjustmentList> {
  const rows = await listPendingAdjustments(db, scopeDepartmentIds(user), status);
  return { items: rows.map((r) => view(r, { name: r.projectName, code: r.projectCode, departmentName: r.departmentName })) };
}

/**
 * The public page's account of the adjustments (its history, issue 58): the version in force (the
 * latest approved) with, on each row that differs from the approved targets, the note naming the
 * date of its adjustment and the original target; the rows removed; each adjustment's date and
 * reason. Null when the targets were never adjusted.
 */
export async function publicAdjustmentOf(db: Db, projectId: number): Promise<NonNullable<PublicProject['adjustment']> | null> {
  const project = await loadMonitoredProject(db, projectId);
  if (project === undefined || (project.adjustments ?? []).length === 0) return null;
  const versions = versionsOf(project, await listProjectAdjustments(db, projectId));
  const inForce = versions[versions.length - 1]!;
  if (inForce.version === 1) return null;
  const shown = versions.filter((v) => v.version <= inForce.version);
  // The date a row last changed (or was added): the first version from which it reads as it does now.
  const changedOn = (key: string): string => {
    let date = inForce.effectiveOn!;
    for (let i = shown.length - 1; i > 0; i--) {
      const row = shown[i]!.rows.find((r) => r.key === key);
      const prev = shown[i - 1]!.rows.find((r) => r.key === key);
      if (row === undefined) break;
      date = shown[i]!.effectiveOn!;
      if (prev === undefined || prev.target !== row.target || prev.name !== row.name) break;
    }
    return date;
  };
  const original = new Map(versions[0]!.rows.map((r) => [r.key, r]));
  return {
    version: inForce.version,
    effectiveOn: inForce.effectiveOn!,
    reason: inForce.reason ?? '',
    rows: inForce.rows.map((r) => {
      const o = original.get(r.key) ?? null;
      const change = o === null ? 'added' : o.target === r.target && o.name === r.name ? 'same' : 'changed';
      return {
        key: r.key,
        level1: r.level1,
        level2: r.level2,
        name: r.name,
        target: r.target,
        change,
        originalTarget: o?.target ?? null,
        note: change === 'same' ? null : adjustmentNote(o, r, changedOn(r.key)),
      };
    }),
    removed: compareVersions(versions[0]!.rows, inForce.rows)
      .filter((c) => c.change === 'removed')
      .map((c) => ({ name: c.before!.name, target: c.before!.target, note: `本指标已于调整中取消（原目标值：${c.before!.target}）` })),
    history: shown.slice(1).map((v) => ({ version: v.version, effectiveOn: v.effectiveOn!, reason: v.reason ?? '', approvedAt: v.approvedAt, budgetFen: v.budgetFen })),
  };
}
