/**
 * 下年目标: next year's target table started from this year's project (lifecycle.md 下年目标).
 *
 * carryOverProject builds the draft (shared/domain/carry-over.ts: indicators with this year's
 * targets, the actual values beside them, the budget left to the editor) and stores it through the
 * import's own storeDocument as one project's form of the department's next year (a draft, reviewed
 * like any stored document), records where it came from (carry_over, migration 0015) and writes
 * the audit log — one transaction. Refused (409) when the source is not approved or published, not
 * current, or when the department already has next year's project of that name or one carried from
 * it. The API wrappers add the access checks: an editor only for their own department (404
 * otherwise, as everywhere), reviewers not at all (403: they review targets, they do not write them).
 *
 * The rectification items of this year's project still open (整改: not yet confirmed closed) go with
 * it: listed in the answer and beside the new project's indicators (openRectifications).
 */
import { createHash } from 'node:crypto';
import type { SessionUser } from '../../../shared/api/auth';
import type { CarryOverBasis, CarryOverInfo, CarryOverResult, DepartmentCarryOverResult } from '../../../shared/api/carry-over';
import {
  buildCarryOver,
  CARRY_OVER_STATUSES,
  carryOverDocument,
  sameProjectName,
  type IndicatorFacts,
  type PreviousIndicator,
} from '../../../shared/domain/carry-over';
import { STATUS_LABELS, actsForDepartment } from '../../../shared/domain/workflow';
import { actorOf, assertDepartmentAccess } from '../../app/auth';
import { AppError } from '../../app/errors';
import { findCarryOverSource, insertCarryOver, listCarriedFrom, listDepartmentYearProjects, type YearProjectRow } from '../../db/carry-over.repository';
import type { Project } from '../../../shared/domain/model';
import { insertAuditEntry, loadProject, toAuditActor, type ActorInput } from '../../db/document.repository';
import { findDepartment, loadMonitoredProject } from '../../db/monitoring.repository';
import { findSelfEvaluation } from '../../db/self-evaluation.repository';
import { listExecutionRecords } from '../../db/execution-record.repository';
import { findProjectState, listProjectIdsOfDocument, type ProjectState } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { openItemsForProject } from '../../db/rectification.repository';
import { chinaToday, displayStatus, RECTIFICATION_STATUS_LABELS } from '../../../shared/domain/rectification';
import { indicatorIndexesOf, inForce, targetsOfProjects } from '../adjustments/in-force';
import { storeDocument } from '../imports/store.service';
import { inTransaction } from '../../db/transaction';
import { formatChinaTime, visibleProject } from '../projects/project-guards';

/** Each indicator's actual facts, by position: the self-evaluation's line, the latest monitoring round with a value. */
async function indicatorFacts(db: Db, projectId: number): Promise<(IndicatorFacts | undefined)[]> {
  const monitored = await loadMonitoredProject(db, projectId);
  if (monitored === undefined) return [];
  const [records, evaluation] = await Promise.all([listExecutionRecords(db, { projectIds: [projectId] }), findSelfEvaluation(db, projectId)]);
  const evaluatedOn = evaluation === undefined ? '' : formatChinaTime(evaluation.updatedAt).slice(0, 10);
  const facts: (IndicatorFacts | undefined)[] = [];
  for (const ind of monitored.indicators) {
    const line = evaluation?.indicators.find((l) => l.indicatorId === ind.id);
    const selfEvaluation: IndicatorFacts['selfEvaluation'] =
      line?.actualKind === 'value' && line.actualText !== null
        ? { kind: 'value', text: line.actualText, date: evaluatedOn }
        : line?.actualKind === 'graded' && line.grade !== null
          ? { kind: 'graded', grade: line.grade, percent: line.percent, date: evaluatedOn }
          : null;
    // The records come oldest first: the last one with a value for this indicator wins.
    let monitoring: IndicatorFacts['monitoring'] = null;
    for (const record of records) {
      const l = record.indicators.find((x) => x.indicatorId === ind.id);
      if (l !== undefined && (l.valueToDate !== null || l.projected !== null)) monitoring = { valueToDate: l.valueToDate, projected: l.projected, asOf: record.asOf };
    }
    facts[ind.position] = { selfEvaluation, monitoring };
  }
  return facts;
}

/**
 * This year's project as it is in force (issue 58: after an approved 目标调整 its latest version) with its
 * indicators' actual facts by their place in it: what next year's draft starts from and what the 上年实际 card shows.
 */
async function inForceWithFacts(db: Db, projectId: number): Promise<{ project: Project; facts: (IndicatorFacts | undefined)[] } | undefined> {
  const [approved, facts, targets] = await Promise.all([loadProject(db, projectId), indicatorFacts(db, projectId), targetsOfProjects(db, [projectId]).then((t) => t.get(projectId))]);
  if (approved === undefined) return undefined;
  const moved: (IndicatorFacts | undefined)[] = [];
  indicatorIndexesOf(approved, targets).forEach((at, before) => {
    if (at !== null) moved[at] = facts[before];
  });
  return { project: inForce(approved, targets), facts: moved };
}

/** Next year's projects of the department that continue this one: the same name, or carried from it. */
async function nextYearProjects(db: Db, state: ProjectState, name: string): Promise<YearProjectRow[]> {
  if (state.year === null) return [];
  const [sameYear, carried] = await Promise.all([listDepartmentYearProjects(db, state.departmentId, state.year + 1), listCarriedFrom(db, state.id)]);
  return sameYear.filter((p) => sameProjectName(p.name, name) || carried.includes(p.id));
}

/** Why next year's table cannot start from this project now, or null. */
async function refusalOf(db: Db, state: ProjectState, name: string): Promise<string | null> {
  if (state.year === null) return `项目“${name}”没有预算年度，不能编制下年目标`;
  if (!state.isCurrent) return `项目“${name}”属于已被新导入版本替换的历史文档，请以当前版本为基础编制下年目标`;
  if (!CARRY_OVER_STATUSES.includes(state.status)) {
    return `项目“${name}”状态为“${STATUS_LABELS[state.status]}”，审核通过（已审核或已公开）后才能以其为基础编制下年目标`;
  }
  const existing = (await nextYearProjects(db, state, name))[0];
  if (existing !== undefined) {
    return `${state.departmentName}已有 ${state.year + 1} 年项目“${existing.name}”（${STATUS_LABELS[existing.status]}），不能重复编制；请在该项目上修改`;
  }
  return null;
}

/** Whether the user may write targets for the department: its editors (reviewers review). */
function mayCarryOver(user: SessionUser, departmentId: number): boolean {
  return user.role === 'editor' && actsForDepartment(user, departmentId);
}

function assertMayCarryOver(user: SessionUser, departmentId: number): void {
  if (!mayCarryOver(user, departmentId)) throw new AppError(403, 'forbidden', '没有权限编制下年目标：由本单位的填报人员或管理员编制');
}

/**
 * Starts next year's table from this project (see the file comment): no access check here (the
 * API's wrappers and the CLI decide who acts). 404 for no such project, 409 when refused.
 */
export async function carryOverProject(db: Db, projectId: number, opts: { actor: ActorInput; now: Date }): Promise<CarryOverResult> {
  const at = opts.now.toISOString();
  return inTransaction(db, async (trx) => {
    const state = await findProjectState(trx, projectId);
    const current = state === undefined ? undefined : await inForceWithFacts(trx, projectId);
    if (state === undefined || current === undefined) throw new AppError(404, 'not-found', '项目不存在');
    const project = current.project;
    const refusal = await refusalOf(trx, state, project.name);
    if (refusal !== null) throw new AppError(409, 'conflict', refusal);
    const year = state.year!;
    const source = {
      project,
      year,
      frameworkVersion: state.frameworkVersion,
      department: { code: state.departmentCode, name: state.departmentName },
      facts: current.facts,
    };
    const draft = buildCarryOver(source);
    const sha256 = createHash('sha256').update(`carry-over ${projectId} ${at}`).digest('hex');
    const stored = await storeDocument(trx, carryOverDocument(draft, source, sha256), {
      actor: opts.actor,
      now: opts.now,
      auditDetail: { carryOverFrom: projectId },
      departmentRename: 'refuse',
    });
    const [newId] = stored.status === 'unchanged' ? [] : await listProjectIdsOfDocument(trx, stored.documentId);
    const created = newId === undefined ? undefined : await findProjectState(trx, newId);
    // Stored under the source's department (by its code, else its name): anything else is a bug, rolled back.
    if (created === undefined || created.departmentId !== state.departmentId) {
      throw new AppError(409, 'conflict', `未能把项目“${project.name}”的下年目标存入${state.departmentName}，未编制`);
    }
    const withActual = draft.previous.filter((p) => p.actual !== null).length;
    await insertCarryOver(trx, { projectId: created.id, sourceProjectId: projectId, createdAt: at, createdBy: toAuditActor(opts.actor).displayName });
    await insertAuditEntry(trx, {
      at,
      actor: opts.actor,
      action: 'project.carryOver',
      entity: 'project',
      entityId: created.id,
      detail: { sourceProjectId: projectId, sourceName: project.name, sourceYear: year, year: draft.year, indicators: draft.previous.length, withActual, yearsMoved: draft.yearsMoved },
    });
    return {
      project: { id: created.id, year: draft.year, name: project.name, status: created.status, departmentId: created.departmentId },
      source: { id: projectId, year, name: project.name },
      indicators: draft.previous.length,
      withActual,
      yearsMoved: draft.yearsMoved,
      openRectifications: await openRectificationsOf(trx, projectId, opts.now),
    };
  });
}

export type DepartmentProgress = (done: number, total: number, outcome: { name: string; created: boolean; message: string }) => void;

/**
 * Next year's tables of every project of the department's year, one transaction each: the approved
 * and published ones are carried, the others (and those refused) listed in `skipped` with the reason.
 */
export async function carryOverDepartment(
  db: Db,
  departmentId: number,
  fromYear: number,
  opts: { actor: ActorInput; now: Date; onProgress?: DepartmentProgress },
): Promise<DepartmentCarryOverResult> {
  const projects = await listDepartmentYearProjects(db, departmentId, fromYear);
  const result: DepartmentCarryOverResult = { fromYear, toYear: fromYear + 1, created: [], skipped: [] };
  for (const [i, p] of projects.entries()) {
    try {
      const created = await carryOverProject(db, p.id, opts);
      result.created.push(created);
      opts.onProgress?.(i + 1, projects.length, { name: p.name, created: true, message: `已编制 ${fromYear + 1} 年草稿（${created.indicators} 个指标，${created.withActual} 个有本年实际值）` });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      result.skipped.push({ id: p.id, name: p.name, reason: error.message });
      opts.onProgress?.(i + 1, projects.length, { name: p.name, created: false, message: error.message });
    }
  }
  return result;
}

/** POST /api/projects/:id/carry-over: 404 a project the user may not see, 403 a user who may not write targets, 409 refused. */
export async function carryOverFor(db: Db, user: SessionUser, projectId: number, now: Date): Promise<CarryOverResult> {
  const state = await visibleProject(db, user, projectId);
  assertMayCarryOver(user, state.departmentId);
  return carryOverProject(db, projectId, { actor: actorOf(user), now });
}

/** POST /api/departments/:id/carry-over: 404 a department the user may not see, 403 a user who may not write targets. */
export async function carryOverDepartmentFor(db: Db, user: SessionUser, departmentId: number, fromYear: number, now: Date): Promise<DepartmentCarryOverResult> {
  assertDepartmentAccess(user, departmentId);
  if ((await findDepartment(db, departmentId)) === undefined) throw new AppError(404, 'not-found', '单位不存在');
  assertMayCarryOver(user, departmentId);
  return carryOverDepartment(db, departmentId, fromYear, { actor: actorOf(user), now });
}

/** Last year's targets and actual values of a carried-over project; undefined for one that was not carried over. */
/** This year's project's rectification items not yet closed, with their status on `now` (逾期 included). */
async function openRectificationsOf(db: Db, projectId: number, now: Date): Promise<CarryOverBasis['openRectifications']> {
  const today = chinaToday(now);
  return (await openItemsForProject(db, projectId)).map((r) => ({ id: r.id, title: r.sourceText, status: RECTIFICATION_STATUS_LABELS[displayStatus(r, today)] }));
}

async function basisOf(db: Db, projectId: number): Promise<CarryOverBasis | undefined> {
  const link = await findCarryOverSource(db, projectId);
  if (link === undefined) return undefined;
  const [state, current] = await Promise.all([findProjectState(db, link.sourceProjectId), inForceWithFacts(db, link.sourceProjectId)]);
  if (state === undefined || current === undefined || state.year === null) return undefined;
  const { project, facts } = current;
  const previous: PreviousIndicator[] = buildCarryOver({
    project,
    year: state.year,
    frameworkVersion: state.frameworkVersion,
    department: { code: state.departmentCode, name: state.departmentName },
    facts,
  }).previous;
  return {
    source: {
      id: state.id,
      year: state.year,
      name: project.name,
      status: state.status,
      code: project.code,
      isCurrent: state.isCurrent,
      budget: { ...project.budget },
      amountUnit: project.amountUnit,
      goals: project.goals,
    },
    createdAt: link.createdAt,
    createdBy: link.createdBy,
    indicators: previous,
    openRectifications: await openRectificationsOf(db, link.sourceProjectId, new Date()),
  };
}

/** GET /api/projects/:id/carry-over: where it came from (with last year's values), next year's, and whether this user may carry it over. */
export async function getCarryOverInfo(db: Db, user: SessionUser, projectId: number): Promise<CarryOverInfo> {
  const state = await visibleProject(db, user, projectId);
  const project = (await loadProject(db, projectId))!;
  const [basis, next] = await Promise.all([basisOf(db, projectId), nextYearProjects(db, state, project.name)]);
  const allowed = mayCarryOver(user, state.departmentId);
  const refusal = allowed ? await refusalOf(db, state, project.name) : null;
  return {
    basis: basis ?? null,
    next: next.map((p) => ({ id: p.id, year: state.year! + 1, name: p.name, status: p.status })),
    canCarryOver: allowed && refusal === null,
    refusal,
  };
}
