/**
 * 事前绩效评估 (ex-ante assessment) of a project: which projects need one, creating one (its
 * 绩效目标合理性 pre-filled from the review's stored findings on the project's target table),
 * saving the scores, the workflow (submit / return with a reason / approve, the target table's
 * rules), the lists, all audited. The pure rules are in shared/domain/ex-ante.ts.
 *
 * Access: the routes first check that the user may see the project (404 for another
 * department's); here the role and status rules: 403 for a role or department that may not act,
 * 409 for a status that does not allow it or a stale version, 400 'validation' for bad input (every
 * problem with its path). Every change is one transaction with its audit entry (entity 'project',
 * actions ex-ante.create / ex-ante.save / ex-ante.submit / ex-ante.return / ex-ante.approve).
 */
import type { SessionUser } from '../../../shared/api/auth';
import type { ExAnteActionBody, ExAnteAssessmentView, ExAnteList, ExAnteListItem, ExAnteNeedView, ExAnteOfProjects, ExAnteSaveBody, ExAnteView } from '../../../shared/api/ex-ante';
import {
  allCriteria,
  canEditExAnte,
  CONCLUSION_LABELS,
  checkExAnteInput,
  checkExAnteTransition,
  EX_ANTE_ACTION_LABELS,
  EX_ANTE_STATUS_LABELS,
  EX_ANTE_TRANSITIONS,
  exAnteAllowedActions,
  exAnteNeed,
  prefillFromFindings,
  projectCodeKey,
  projectNameKey,
  scoreExAnte,
  selectExAnteConfig,
  type ExAnteConclusion,
  type ExAnteConfig,
  type ExAnteInput,
  type ExAnteNeed,
  type ExAnteStatus,
} from '../../../shared/domain/ex-ante';
import type { WorkflowActor } from '../../../shared/domain/workflow';
import { AppError, validationError } from '../../app/errors';
import { insertAuditEntry, toAuditActor, type ActorInput } from '../../db/document.repository';
import {
  findEarlierVersionAssessment,
  findExAnteAssessment,
  findExAnteProject,
  findExAnteProjects,
  insertExAnteAssessment,
  insertExAnteEvent,
  lastReturnComments,
  latestProjectYear,
  listCurrentProjectsOfYears,
  listExAnteAssessmentsOf,
  listExAnteEvents,
  replaceExAnteScores,
  updateExAnteAssessment,
  type ExAnteProject,
  type StoredExAnteAssessment,
  type StoredExAnteScore,
} from '../../db/ex-ante.repository';
import { loadStoredFindings } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { regionOf } from '../monitoring/configs';
import { formatChinaTime } from '../projects/project-guards';
import { notify } from '../notifications/waiting';

/** Who acts: the workflow's actor (role, department) and who to write in the audit log. */
export interface ExAnteActor extends WorkflowActor {
  audit: ActorInput;
}

export function exAnteActorOf(user: SessionUser): ExAnteActor {
  return { role: user.role, departmentId: user.departmentId, audit: { userId: user.id, username: user.username, displayName: user.displayName } };
}

function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** The settings of a project: by its budget year and the region its code starts with. */
export function exAnteConfigFor(project: { year: number | null; code: string | null }): ExAnteConfig {
  return selectExAnteConfig(project.year, regionOf(project.code));
}

const points = (tenths: number | null): number | null => (tenths === null ? null : tenths / 10);

// ---------------------------------------------------------------------------------------------
// Which projects need an assessment

/**
 * The same project of the year before of each of these projects (of a budget year): a current
 * project of the same department with the same code (year digits aside) or the same name; absent
 * from the map: none (a new project), and projects without a budget year are left out.
 */
export async function lastYearOf(db: Db, projects: readonly ExAnteProject[]): Promise<Map<number, ExAnteProject | undefined>> {
  const years = [...new Set(projects.flatMap((p) => (p.year === null ? [] : [p.year - 1])))];
  // One department's projects (a project page, an editor's list): only its projects of last year are read.
  const departments = new Set(projects.map((p) => p.departmentId));
  const previous = await listCurrentProjectsOfYears(db, years, departments.size === 1 ? [...departments][0] : undefined);
  const byCode = new Map<string, ExAnteProject>();
  const byName = new Map<string, ExAnteProject>();
  for (const p of previous) {
    const code = projectCodeKey(p.code);
    if (code !== null) byCode.set(`${p.departmentId}|${p.year}|${code}`, p);
    byName.set(`${p.departmentId}|${p.year}|${projectNameKey(p.name)}`, p);
  }
  const out = new Map<number, ExAnteProject | undefined>();
  for (const p of projects) {
    if (p.year === null) continue;
    const code = projectCodeKey(p.code);
    out.set(p.id, (code === null ? undefined : byCode.get(`${p.departmentId}|${p.year - 1}|${code}`)) ?? byName.get(`${p.departmentId}|${p.year - 1}|${projectNameKey(p.name)}`));
  }
  return out;
}

/**
 * The need of each of these projects (all of one year), against the current projects of the year
 * before: the same department and the same code (year digits aside) or the same name.
 */
export async function needsOf(db: Db, projects: readonly ExAnteProject[]): Promise<Map<number, ExAnteNeed>> {
  const lastYear = await lastYearOf(db, projects);
  const out = new Map<number, ExAnteNeed>();
  for (const p of projects) {
    // Without a budget year there is no year before to compare with: not flagged.
    if (p.year === null) {
      out.set(p.id, { needed: false, reason: null, previousBudgetFen: null, changeHundredths: null, label: null });
      continue;
    }
    const last = lastYear.get(p.id);
    out.set(p.id, exAnteNeed({ budgetFen: p.budgetFen }, last === undefined ? undefined : { budgetFen: last.budgetFen }, exAnteConfigFor(p)));
  }
  return out;
}

function needView(n: ExAnteNeed): ExAnteNeedView {
  return {
    needed: n.needed,
    reason: n.reason,
    previousBudgetFen: n.previousBudgetFen,
    changePercent: n.changeHundredths === null ? null : n.changeHundredths / 100,
    label: n.label,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

async function requireProject(db: Db, projectId: number): Promise<ExAnteProject> {
  const project = await findExAnteProject(db, projectId);
  if (project === undefined) throw new AppError(404, 'not-found', '项目不存在');
  return project;
}

function inputOf(stored: StoredExAnteAssessment): ExAnteInput {
  return {
    scores: stored.scores.map((s) => ({ criterionId: s.criterionId, scoreTenths: s.scoreTenths, reason: s.reason })),
    conclusion: stored.conclusion as ExAnteConclusion | null,
    conclusionReason: stored.conclusionReason,
  };
}

/** The assessment as the API shows it, scored with its project's settings. */
export async function assessmentView(db: Db, stored: StoredExAnteAssessment, config: ExAnteConfig): Promise<ExAnteAssessmentView> {
  const score = scoreExAnte(inputOf(stored), config);
  const byId = new Map(stored.scores.map((s) => [s.criterionId, s]));
  const events = await listExAnteEvents(db, stored.id);
  return {
    id: stored.id,
    status: stored.status as ExAnteStatus,
    version: stored.version,
    configId: stored.configId,
    dimensions: score.dimensions.map((d) => ({
      id: d.id,
      name: d.name,
      maxPoints: d.maxTenths / 10,
      points: d.scoreTenths / 10,
      criteria: d.criteria.map((k) => ({
        id: k.id,
        name: k.name,
        description: k.description,
        maxPoints: k.maxTenths / 10,
        veto: k.veto === true,
        points: points(k.scoreTenths),
        reason: k.reason,
        suggestedPoints: points(byId.get(k.id)?.suggestedTenths ?? null),
        suggestedReason: byId.get(k.id)?.suggestedReason ?? null,
      })),
    })),
    totalPoints: score.totalTenths / 10,
    ruleConclusion: score.ruleConclusion,
    chosenConclusion: stored.conclusion as ExAnteConclusion | null,
    conclusion: score.conclusion,
    conclusionReason: stored.conclusionReason,
    rejectedBy: score.rejectedBy,
    issues: score.issues,
    complete: score.complete,
    createdAt: stored.createdAt,
    createdBy: stored.createdBy,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
    events: events.map((e) => ({ fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actor, at: e.at, comment: e.comment })),
  };
}

/**
 * A project's assessment page: the project, whether it needs an assessment, the assessment (null
 * when none is written) and what `actor` may do (null: nothing, e.g. the CLI).
 */
export async function getExAnte(db: Db, projectId: number, actor: WorkflowActor | null): Promise<ExAnteView> {
  const project = await requireProject(db, projectId);
  const config = exAnteConfigFor(project);
  const [need, stored] = await Promise.all([needsOf(db, [project]), findExAnteAssessment(db, project.id)]);
  const earlier = stored === undefined && project.isCurrent ? await findEarlierVersionAssessment(db, project) : undefined;
  const status = (stored?.status ?? 'draft') as ExAnteStatus;
  return {
    project: { ...project, status: project.status },
    need: needView(need.get(project.id)!),
    assessment: stored === undefined ? null : await assessmentView(db, stored, config),
    earlierVersion:
      earlier === undefined
        ? null
        : { projectId: earlier.projectId, status: earlier.status as ExAnteStatus, totalPoints: earlier.totalTenths / 10, conclusion: earlier.result as ExAnteConclusion },
    configId: config.id,
    thresholds: { supportFromPoints: config.supportFromTenths / 10, partialFromPoints: config.partialFromTenths / 10 },
    canCreate: actor !== null && stored === undefined && project.isCurrent && canEditExAnte('draft', actor, project.departmentId),
    canEdit: actor !== null && stored !== undefined && project.isCurrent && canEditExAnte(status, actor, project.departmentId),
    actions: actor === null || stored === undefined || !project.isCurrent ? [] : exAnteAllowedActions(status, actor, project.departmentId),
  };
}

// ---------------------------------------------------------------------------------------------
// Changing

function assertCurrent(project: ExAnteProject): void {
  if (!project.isCurrent) throw new AppError(409, 'conflict', `项目“${project.name}”属于已被新导入版本替换的历史文档，不能填写事前绩效评估；请在当前版本的项目上填写`);
}

function staleError(stored: StoredExAnteAssessment, sent: number): AppError {
  return new AppError(
    409,
    'stale-version',
    `该事前绩效评估已被“${stored.updatedBy}”于 ${formatChinaTime(stored.updatedAt)} 修改，当前版本为 ${stored.version}（您编辑的是版本 ${sent}）。请刷新页面查看最新内容后再操作。`,
  );
}

/** The scores of a new assessment: the pre-fill for 绩效目标合理性, nothing for the others. */
export function initialScores(config: ExAnteConfig, findings: Parameters<typeof prefillFromFindings>[0]): StoredExAnteScore[] {
  const prefill = new Map(prefillFromFindings(findings, config).map((p) => [p.criterionId, p]));
  return allCriteria(config).map((k) => {
    const p = prefill.get(k.id);
    return {
      criterionId: k.id,
      scoreTenths: p?.scoreTenths ?? null,
      reason: p?.reason ?? null,
      suggestedTenths: p?.scoreTenths ?? null,
      suggestedReason: p?.reason ?? null,
    };
  });
}

/**
 * Creates the project's assessment as a draft, 绩效目标合理性 pre-filled from the review's stored
 * findings — or, when an earlier version of the project (a replaced document) was assessed, with
 * that assessment's scores, reasons and conclusion, the suggestions refreshed. 403 unless the actor writes for the project's department; 409 when it exists already
 * or the project is superseded.
 */
export async function createExAnte(db: Db, projectId: number, actor: ExAnteActor, now: Date): Promise<ExAnteView> {
  await inTransaction(db, async (trx) => {
    const project = await requireProject(trx, projectId);
    if (!canEditExAnte('draft', actor, project.departmentId)) throw new AppError(403, 'forbidden', '只有本单位填报人或管理员可以填写事前绩效评估');
    assertCurrent(project);
    if ((await findExAnteAssessment(trx, project.id)) !== undefined) throw new AppError(409, 'conflict', `项目“${project.name}”已有事前绩效评估`);
    const config = exAnteConfigFor(project);
    const findings = (await loadStoredFindings(trx, [project.id])).get(project.id) ?? [];
    // An earlier version's assessment (the document was replaced) is where a new one starts; the
    // suggestions are the current review's.
    const earlier = await findEarlierVersionAssessment(trx, project);
    const known = new Set(allCriteria(config).map((k) => k.id));
    const scores = initialScores(config, findings).map((s) => {
      const was = earlier?.scores.find((x) => x.criterionId === s.criterionId && known.has(x.criterionId));
      return was === undefined || earlier === undefined ? s : { ...s, scoreTenths: was.scoreTenths, reason: was.reason };
    });
    const conclusion = (earlier?.conclusion ?? null) as ExAnteConclusion | null;
    const conclusionReason = earlier?.conclusionReason ?? null;
    const input: ExAnteInput = { scores, conclusion, conclusionReason };
    const score = scoreExAnte(input, config);
    const at = now.toISOString();
    const who = toAuditActor(actor.audit);
    const id = await insertExAnteAssessment(trx, {
      projectId: project.id,
      status: 'draft',
      version: 1,
      configId: config.id,
      conclusion,
      conclusionReason,
      totalTenths: score.totalTenths,
      result: score.conclusion,
      complete: score.complete ? 1 : 0,
      createdAt: at,
      createdBy: who.displayName,
      updatedAt: at,
      updatedBy: who.displayName,
    });
    await replaceExAnteScores(trx, id, scores);
    await insertAuditEntry(trx, {
      at,
      actor: actor.audit,
      action: 'ex-ante.create',
      entity: 'project',
      entityId: project.id,
      detail: {
        assessmentId: id,
        configId: config.id,
        prefilled: scores.filter((s) => s.suggestedTenths !== null).map((s) => ({ criterionId: s.criterionId, points: points(s.suggestedTenths), reason: s.suggestedReason })),
        findings: findings.length,
        ...(earlier !== undefined ? { copiedFrom: { projectId: earlier.projectId, assessmentId: earlier.id, status: earlier.status } } : {}),
      },
    });
  });
  return getExAnte(db, projectId, actor);
}

type Content = { conclusion: string | null; conclusionReason: string | null; scores: Record<string, { points: number | null; reason: string | null }> };

function contentOf(input: ExAnteInput): Content {
  return {
    conclusion: input.conclusion,
    conclusionReason: input.conclusionReason,
    // Criteria without score or reason are absent; in id order, so that equal content compares equal.
    scores: Object.fromEntries(
      input.scores
        .filter((s) => s.scoreTenths !== null || s.reason !== null)
        .sort((a, b) => (a.criterionId < b.criterionId ? -1 : a.criterionId > b.criterionId ? 1 : 0))
        .map((s) => [s.criterionId, { points: points(s.scoreTenths), reason: s.reason }]),
    ),
  };
}

function diff(before: Content, after: Content): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of ['conclusion', 'conclusionReason'] as const) {
    if (before[key] !== after[key]) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  const bs: Record<string, unknown> = {};
  const as: Record<string, unknown> = {};
  for (const id of new Set([...Object.keys(before.scores), ...Object.keys(after.scores)])) {
    if (JSON.stringify(before.scores[id] ?? null) !== JSON.stringify(after.scores[id] ?? null)) {
      bs[id] = before.scores[id] ?? null;
      as[id] = after.scores[id] ?? null;
    }
  }
  if (Object.keys(bs).length > 0) {
    b.scores = bs;
    a.scores = as;
  }
  return { before: b, after: a };
}

/**
 * Saves the scores and the conclusion (a draft or returned assessment; the department's editor).
 * Criteria not sent keep no score. 400 with every problem for bad input; the same
 * content again writes nothing.
 */
export async function saveExAnte(db: Db, projectId: number, body: ExAnteSaveBody, actor: ExAnteActor, now: Date): Promise<ExAnteView> {
  await inTransaction(db, async (trx) => {
    const project = await requireProject(trx, projectId);
    const stored = await findExAnteAssessment(trx, project.id);
    if (stored === undefined) throw new AppError(404, 'not-found', `项目“${project.name}”尚无事前绩效评估，请先新建`);
    assertCurrent(project);
    const status = stored.status as ExAnteStatus;
    if (!canEditExAnte(status, actor, project.departmentId)) {
      if (canEditExAnte('draft', actor, project.departmentId)) {
        throw new AppError(409, 'conflict', `事前绩效评估当前状态为“${EX_ANTE_STATUS_LABELS[status]}”，不能修改`);
      }
      throw new AppError(403, 'forbidden', '只有本单位填报人或管理员可以修改事前绩效评估');
    }
    if (stored.version !== body.version) throw staleError(stored, body.version);
    const config = exAnteConfigFor(project);
    const checked = checkExAnteInput(body, config);
    if (!checked.ok) throw validationError(checked.issues);
    const before = contentOf(inputOf(stored));
    const after = contentOf(checked.input);
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    const score = scoreExAnte(checked.input, config);
    const at = now.toISOString();
    const who = toAuditActor(actor.audit);
    if (
      !(await updateExAnteAssessment(trx, stored.id, stored.version, {
        configId: config.id,
        conclusion: checked.input.conclusion,
        conclusionReason: checked.input.conclusionReason,
        totalTenths: score.totalTenths,
        result: score.conclusion,
        complete: score.complete ? 1 : 0,
        updatedAt: at,
        updatedBy: who.displayName,
      }))
    ) {
      throw staleError(stored, body.version);
    }
    const suggested = new Map(stored.scores.map((s) => [s.criterionId, s]));
    await replaceExAnteScores(
      trx,
      stored.id,
      allCriteria(config).flatMap((k): StoredExAnteScore[] => {
        const s = checked.input.scores.find((x) => x.criterionId === k.id);
        const old = suggested.get(k.id);
        if (s === undefined && old?.suggestedTenths == null) return [];
        return [{ criterionId: k.id, scoreTenths: s?.scoreTenths ?? null, reason: s?.reason ?? null, suggestedTenths: old?.suggestedTenths ?? null, suggestedReason: old?.suggestedReason ?? null }];
      }),
    );
    await insertAuditEntry(trx, {
      at,
      actor: actor.audit,
      action: 'ex-ante.save',
      entity: 'project',
      entityId: project.id,
      detail: { assessmentId: stored.id, version: stored.version + 1, totalPoints: score.totalTenths / 10, conclusion: score.conclusion, ...diff(before, after) },
    });
  });
  return getExAnte(db, projectId, actor);
}

/**
 * submit (draft/returned → submitted; only a complete assessment: 400 naming what is missing),
 * return (submitted → returned; a reason is required), approve (submitted → approved).
 */
export async function actOnExAnte(db: Db, projectId: number, body: ExAnteActionBody, actor: ExAnteActor, now: Date): Promise<ExAnteView> {
  await inTransaction(db, async (trx) => {
    const project = await requireProject(trx, projectId);
    const stored = await findExAnteAssessment(trx, project.id);
    if (stored === undefined) throw new AppError(404, 'not-found', `项目“${project.name}”尚无事前绩效评估`);
    assertCurrent(project);
    const status = stored.status as ExAnteStatus;
    const refusal = checkExAnteTransition(body.action, status, actor, project.departmentId);
    if (refusal !== null) throw new AppError(refusal.status, refusal.code, refusal.message);
    if (stored.version !== body.version) throw staleError(stored, body.version);
    const comment = body.comment?.trim() ? body.comment.trim() : null;
    if (EX_ANTE_TRANSITIONS[body.action].needsComment && comment === null) {
      throw validationError([{ path: 'comment', message: `${EX_ANTE_ACTION_LABELS[body.action]}时请填写理由` }]);
    }
    const config = exAnteConfigFor(project);
    const score = scoreExAnte(inputOf(stored), config);
    if (body.action === 'submit' && !score.complete) {
      throw validationError(score.issues.map((i) => ({ path: i.criterionId === null ? 'conclusion' : `scores.${i.criterionId}`, message: i.message })));
    }
    const to = EX_ANTE_TRANSITIONS[body.action].to as ExAnteStatus;
    const at = now.toISOString();
    const who = toAuditActor(actor.audit);
    if (!(await updateExAnteAssessment(trx, stored.id, stored.version, { status: to, updatedAt: at, updatedBy: who.displayName }))) {
      throw staleError(stored, body.version);
    }
    await insertExAnteEvent(trx, stored.id, { fromStatus: status, toStatus: to, actor: who.displayName, actorUserId: who.userId, at, comment });
    await insertAuditEntry(trx, {
      at,
      actor: actor.audit,
      action: `ex-ante.${body.action}`,
      entity: 'project',
      entityId: project.id,
      detail: {
        assessmentId: stored.id,
        version: stored.version + 1,
        before: { status },
        after: { status: to },
        totalPoints: score.totalTenths / 10,
        conclusion: score.conclusion,
        ...(comment !== null ? { comment } : {}),
      },
    });
    // the reviewers to review a submitted assessment, the unit to see a decided one (issue 58)
    const link = `/projects/${project.id}/ex-ante`;
    const what = `项目“${project.name}”（${project.departmentName}）的事前绩效评估`;
    if (to === 'submitted') await notify(trx, project.departmentId, 'reviewers', { kind: 'task', title: `待审核：${project.name}的事前绩效评估`, body: `${what}已提交，总分 ${score.totalTenths / 10} 分，请审核。`, link }, at);
    if (to === 'returned') await notify(trx, project.departmentId, 'unit', { kind: 'task', title: `事前绩效评估被退回：${project.name}`, body: `${what}被退回，理由：${comment ?? ''}`, link }, at);
    if (to === 'approved') await notify(trx, project.departmentId, 'unit', { kind: 'result', title: `事前绩效评估已审核通过：${project.name}`, body: `${what}已审核通过，结论：${CONCLUSION_LABELS[score.conclusion]}。`, link }, at);
  });
  return getExAnte(db, projectId, actor);
}

// ---------------------------------------------------------------------------------------------
// Lists

/**
 * The assessments of a year (of a department: an editor's own) with counts by status, and the
 * projects that need one and have none yet.
 */
export async function listExAnte(db: Db, query: { year?: number; status?: ExAnteStatus; departmentId?: number | readonly number[] | null }): Promise<ExAnteList> {
  const departmentId = query.departmentId ?? null;
  const year = query.year ?? (await latestProjectYear(db, departmentId));
  const empty = { draft: 0, submitted: 0, returned: 0, approved: 0, needed: 0, neededWithout: 0 };
  if (year === null) return { year: null, counts: empty, items: [], pending: [] };
  const projects = await listCurrentProjectsOfYears(db, [year], departmentId);
  const [needs, assessments] = await Promise.all([needsOf(db, projects), listExAnteAssessmentsOf(db, projects.map((p) => p.id))]);
  const byProject = new Map(assessments.map((a) => [a.projectId, a]));
  const returns = await lastReturnComments(db, assessments.filter((a) => a.status === 'returned').map((a) => a.id));
  const counts = { ...empty };
  const items: ExAnteListItem[] = [];
  const pending: ExAnteListItem[] = [];
  for (const p of projects) {
    const need = needs.get(p.id)!;
    const a = byProject.get(p.id);
    if (need.needed) counts.needed++;
    const item: ExAnteListItem = {
      projectId: p.id,
      code: p.code,
      name: p.name,
      departmentId: p.departmentId,
      departmentCode: p.departmentCode,
      departmentName: p.departmentName,
      budgetFen: p.budgetFen,
      need: needView(need),
      status: (a?.status as ExAnteStatus | undefined) ?? null,
      totalPoints: a === undefined ? null : a.totalTenths / 10,
      conclusion: (a?.result as ExAnteConclusion | undefined) ?? null,
      complete: a === undefined ? null : a.complete === 1,
      updatedAt: a?.updatedAt ?? null,
      updatedBy: a?.updatedBy ?? null,
      returnComment: a === undefined ? null : (returns.get(a.id) ?? null),
    };
    if (a === undefined) {
      if (need.needed) {
        counts.neededWithout++;
        pending.push(item);
      }
      continue;
    }
    counts[a.status as ExAnteStatus]++;
    if (query.status === undefined || query.status === a.status) items.push(item);
  }
  return { year, counts, items, pending };
}

/**
 * For the projects of a list page: need and assessment state, of those the scope allows (an
 * editor's department; null: all). Projects outside it are left out, not refused.
 */
export async function exAnteOfProjects(db: Db, projectIds: readonly number[], departmentIds: readonly number[] | null): Promise<ExAnteOfProjects> {
  const allowed = departmentIds === null ? null : new Set(departmentIds);
  const projects = (await findExAnteProjects(db, projectIds)).filter((p) => allowed === null || allowed.has(p.departmentId));
  const [needs, assessments] = await Promise.all([needsOf(db, projects), listExAnteAssessmentsOf(db, projects.map((p) => p.id))]);
  const byProject = new Map(assessments.map((a) => [a.projectId, a]));
  const order = new Map(projectIds.map((id, i) => [id, i]));
  return {
    items: projects
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((p) => ({
        projectId: p.id,
        need: needView(needs.get(p.id)!),
        status: (byProject.get(p.id)?.status as ExAnteStatus | undefined) ?? null,
        conclusion: (byProject.get(p.id)?.result as ExAnteConclusion | undefined) ?? null,
      })),
  };
}
