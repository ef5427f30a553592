/**
 * The year's stages, their deadlines and 催办 (issue 33).
 *
 * The finance bureau (a reviewer) opens a stage of a year for its region: it applies to that region
 * and every region below it (a reviewer of the whole installation opens stages for every
 * department). A reviewer sees the stages that apply to its departments (its own, its region's
 * ancestors' and its subtree's) and the progress of the departments it may see; it edits, closes
 * and reopens only stages of its region or below. A department's editor sees its tasks: the open
 * stages that apply to its department, with its state and the days left.
 *
 * 催办 and deadlines notify through a Notifier (notifier.ts; in-app only). The deadline sweep
 * (sweepOverdue) gives every account of a department that is late in an open stage one "已逾期"
 * notification, once (a dedupe key per stage and department); it runs on a timer in the server and
 * when an account reads its tasks or notifications, each time with the day it is given.
 */
import type { SessionUser } from '../../../shared/api/auth';
import type { EditStageBody, OpenStageBody, RemindBody, RemindResult, StageDepartment, StageDetail, StageList, StageView, Task, TaskList } from '../../../shared/api/stages';
import { isWithin } from '../../../shared/domain/region';
import {
  countStates,
  daysLeft,
  deadlineText,
  NO_FACTS,
  stageAppliesTo,
  stageIssues,
  stageState,
  stageTitle,
  type StageFacts,
  type StageKind,
} from '../../../shared/domain/stages';
import { insertAuditEntry, type ActorInput } from '../../db/document.repository';
import { lastRemindedAt, type NewNotification } from '../../db/notification.repository';
import { findDepartmentRegion, findRegion, regionNames } from '../../db/region.repository';
import type { Db } from '../../db/schema';
import {
  countStageFacts,
  findStage,
  insertStage,
  listDepartmentsWithin,
  listOpenStages,
  listStagesOfYear,
  recipientsOf,
  updateStage,
  type StageDepartmentRow,
  type StoredStage,
} from '../../db/stage.repository';
import { inTransaction } from '../../db/transaction';
import { mayAccessDepartment, regionScope } from '../../app/auth';
import { AppError } from '../../app/errors';
import { inAppNotifier, type Notifier } from './notifier';

export interface StageOpts {
  actor: ActorInput;
  now: Date;
  /** 'YYYY-MM-DD', China's day at `now`. */
  today: string;
  notifier?: Notifier;
}

/** Where each kind's work is done in the web app. */
const TASK_LINKS: Record<StageKind, string> = {
  declaration: '/projects',
  monitoring: '/monitoring',
  'self-evaluation': '/self-evaluations',
  rectification: '/rectifications',
};

// ---------------------------------------------------------------------------------------------
// Who sees and changes a stage

/** Whether a reviewer sees the stage: it applies to some of its departments (its region, an ancestor or a region below). */
function stageVisibleTo(user: SessionUser, stage: StoredStage): boolean {
  const region = regionScope(user);
  if (region === null || stage.regionCode === null) return true;
  return isWithin(stage.regionCode, region) || isWithin(region, stage.regionCode);
}

/** Whether a reviewer may change the stage: its own region's or one below (an account of the whole installation: every stage). */
function stageIsMine(user: SessionUser, stage: Pick<StoredStage, 'regionCode'>): boolean {
  const region = regionScope(user);
  if (region === null) return true;
  return stage.regionCode !== null && isWithin(stage.regionCode, region);
}

async function visibleStage(db: Db, user: SessionUser, id: number): Promise<StoredStage> {
  const stage = await findStage(db, id);
  if (!stage || !stageVisibleTo(user, stage)) throw new AppError(404, 'not-found', '未找到该阶段');
  return stage;
}

async function ownStage(db: Db, user: SessionUser, id: number): Promise<StoredStage> {
  const stage = await visibleStage(db, user, id);
  if (!stageIsMine(user, stage)) throw new AppError(403, 'forbidden', '该阶段由上级财政部门开启，只能由其修改');
  return stage;
}

// ---------------------------------------------------------------------------------------------
// Progress

interface DepartmentProgress {
  department: StageDepartmentRow;
  facts: StageFacts;
  state: ReturnType<typeof stageState>;
}

/** The stage's departments (those `user` may see; undefined: all) with their facts and states on `today`. */
async function progressOf(db: Db, stage: StoredStage, today: string, user?: SessionUser): Promise<DepartmentProgress[]> {
  const departments = (await listDepartmentsWithin(db, stage.regionCode)).filter((d) => user === undefined || mayAccessDepartment(user, d.id));
  const facts = await countStageFacts(db, stage);
  return departments.map((department) => {
    const f = facts.get(department.id) ?? NO_FACTS;
    return { department, facts: f, state: stageState(stage.kind, f, stage.dueOn, today) };
  });
}

function viewOf(stage: StoredStage, user: SessionUser, today: string, progress: readonly DepartmentProgress[], names: ReadonlyMap<string, string>): StageView {
  return {
    id: stage.id,
    regionCode: stage.regionCode,
    regionName: stage.regionCode === null ? null : (names.get(stage.regionCode) ?? null),
    year: stage.year,
    kind: stage.kind,
    roundAsOf: stage.roundAsOf,
    label: stage.label,
    title: stageTitle(stage),
    opensOn: stage.opensOn,
    dueOn: stage.dueOn,
    openedBy: stage.openedBy,
    closedAt: stage.closedAt,
    daysLeft: daysLeft(stage.dueOn, today),
    mine: stageIsMine(user, stage),
    counts: countStates(progress.map((p) => p.state)),
  };
}

/** The stages of a year that apply to the reviewer's departments, each with its departments' counts. */
export async function listStagesFor(db: Db, user: SessionUser, year: number, today: string): Promise<StageList> {
  const stages = (await listStagesOfYear(db, year)).filter((s) => stageVisibleTo(user, s));
  const names = await regionNames(db, stages.flatMap((s) => (s.regionCode === null ? [] : [s.regionCode])));
  const items: StageView[] = [];
  for (const stage of stages) items.push(viewOf(stage, user, today, await progressOf(db, stage, today, user), names));
  return { year, today, items };
}

/** A stage with the table of its departments (those the reviewer may see). */
export async function stageDetail(db: Db, user: SessionUser, id: number, today: string): Promise<StageDetail> {
  const stage = await visibleStage(db, user, id);
  const progress = await progressOf(db, stage, today, user);
  const recipients = await recipientsOf(db, progress.map((p) => p.department.id));
  const reminded = await lastRemindedAt(db, stage.id);
  const names = await regionNames(db, stage.regionCode === null ? [] : [stage.regionCode]);
  const departments: StageDepartment[] = progress.map((p) => ({
    departmentId: p.department.id,
    code: p.department.code,
    name: p.department.name,
    regionCode: p.department.regionCode,
    state: p.state,
    total: p.facts.total,
    done: p.facts.done,
    deadlineText: stage.closedAt === null ? deadlineText(p.state, stage.dueOn, today) : null,
    recipients: recipients.get(p.department.id)?.length ?? 0,
    lastRemindedAt: reminded.get(p.department.id) ?? null,
  }));
  return { stage: viewOf(stage, user, today, progress, names), today, departments };
}

// ---------------------------------------------------------------------------------------------
// Opening, editing, closing

function checkIssues(issues: string[]): void {
  if (issues.length > 0) throw new AppError(400, 'validation', issues.join('；'));
}

const cleanLabel = (label: string | null | undefined) => (label === undefined || label === null || label.trim() === '' ? null : label.trim());

/** Opens a stage for the reviewer's region (or one below it). 400 bad dates; 403 another region; audited. */
export async function openStage(db: Db, user: SessionUser, body: OpenStageBody, opts: StageOpts): Promise<StageDetail> {
  const own = regionScope(user);
  const regionCode = body.regionCode === undefined ? own : body.regionCode;
  if (own !== null && (regionCode === null || !isWithin(regionCode, own))) throw new AppError(403, 'forbidden', '只能为本级或下级区划开启阶段');
  if (regionCode !== null && !(await findRegion(db, regionCode))) throw new AppError(400, 'validation', `区划 ${regionCode} 不存在`);
  const label = cleanLabel(body.label);
  const roundAsOf = body.roundAsOf ?? null;
  checkIssues(stageIssues({ kind: body.kind, year: body.year, roundAsOf, label, opensOn: body.opensOn, dueOn: body.dueOn }));
  const at = opts.now.toISOString();
  const id = await inTransaction(db, async (trx) => {
    const id = await insertStage(trx, {
      regionCode,
      year: body.year,
      kind: body.kind,
      roundAsOf,
      label,
      opensOn: body.opensOn,
      dueOn: body.dueOn,
      openedBy: user.displayName,
      openedByUserId: user.id,
      createdAt: at,
      updatedAt: at,
    });
    await insertAuditEntry(trx, {
      at,
      actor: opts.actor,
      action: 'stage.open',
      entity: 'stage',
      entityId: id,
      detail: { title: stageTitle({ kind: body.kind, label, roundAsOf, year: body.year }), regionCode, year: body.year, kind: body.kind, roundAsOf, label, opensOn: body.opensOn, dueOn: body.dueOn },
    });
    return id;
  });
  return stageDetail(db, user, id, opts.today);
}

/** Edits a stage's dates or name, closes or reopens it. 403 a stage of a region above; audited. */
export async function editStage(db: Db, user: SessionUser, id: number, body: EditStageBody, opts: StageOpts): Promise<StageDetail> {
  const at = opts.now.toISOString();
  await inTransaction(db, async (trx) => {
    const stage = await ownStage(trx, user, id);
    const next = {
      label: body.label === undefined ? stage.label : cleanLabel(body.label),
      opensOn: body.opensOn ?? stage.opensOn,
      dueOn: body.dueOn ?? stage.dueOn,
      closedAt: body.closed === undefined ? stage.closedAt : body.closed ? (stage.closedAt ?? at) : null,
    };
    checkIssues(stageIssues({ kind: stage.kind, year: stage.year, roundAsOf: stage.roundAsOf, label: next.label, opensOn: next.opensOn, dueOn: next.dueOn }));
    const changed = (['label', 'opensOn', 'dueOn'] as const).filter((k) => next[k] !== stage[k]);
    const closing = (next.closedAt === null) !== (stage.closedAt === null);
    if (changed.length === 0 && !closing) return;
    await updateStage(trx, id, { ...next, updatedAt: at });
    const title = stageTitle(stage);
    if (changed.length > 0) {
      await insertAuditEntry(trx, {
        at,
        actor: opts.actor,
        action: 'stage.edit',
        entity: 'stage',
        entityId: id,
        detail: { title, ...Object.fromEntries(changed.map((k) => [k, { from: stage[k], to: next[k] }])) },
      });
    }
    if (closing) {
      await insertAuditEntry(trx, { at, actor: opts.actor, action: next.closedAt !== null ? 'stage.close' : 'stage.reopen', entity: 'stage', entityId: id, detail: { title } });
    }
  });
  return stageDetail(db, user, id, opts.today);
}

// ---------------------------------------------------------------------------------------------
// 催办 and the deadline sweep

function reminderOf(stage: StoredStage, department: StageDepartmentRow, state: DepartmentProgress['state'], today: string, userId: number, from: string, at: string): NewNotification {
  const title = stageTitle(stage);
  const when = deadlineText(state, stage.dueOn, today);
  return {
    userId,
    kind: 'reminder',
    title: `催办：${title}`,
    body: `${from}提醒“${department.name}”尽快完成${title}（截止日期 ${stage.dueOn}${when ? `，${when}` : ''}）。`,
    link: TASK_LINKS[stage.kind],
    stageId: stage.id,
    departmentId: department.id,
    dedupeKey: null,
    createdAt: at,
  };
}

/**
 * 催办: reminds one department, or every department late in the stage, that the reviewer may see.
 * Each of their accounts (editors; the 主管部门's supervisors) gets a notification; one audit entry.
 * 404 a department the reviewer may not see or the stage does not apply to; 409 a closed stage or
 * a department already done.
 */
export async function remind(db: Db, user: SessionUser, id: number, body: RemindBody, opts: StageOpts): Promise<RemindResult> {
  const stage = await visibleStage(db, user, id);
  if (stage.closedAt !== null) throw new AppError(409, 'conflict', '该阶段已关闭，不能催办');
  const progress = await progressOf(db, stage, opts.today, user);
  let targets: DepartmentProgress[];
  if ('departmentId' in body) {
    const one = progress.find((p) => p.department.id === body.departmentId);
    if (!one) throw new AppError(404, 'not-found', '未找到该单位');
    if (one.state === 'done') throw new AppError(409, 'conflict', `“${one.department.name}”已完成该阶段，无需催办`);
    targets = [one];
  } else {
    targets = progress.filter((p) => p.state === 'overdue');
    if (targets.length === 0) throw new AppError(409, 'conflict', '没有逾期未完成的单位');
  }
  const recipients = await recipientsOf(db, targets.map((t) => t.department.id));
  const at = opts.now.toISOString();
  const from = user.regionName ? `${user.regionName}财政部门` : '财政部门';
  const notices = targets.flatMap((t) => (recipients.get(t.department.id) ?? []).map((userId) => reminderOf(stage, t.department, t.state, opts.today, userId, from, at)));
  const notifier = opts.notifier ?? inAppNotifier;
  const delivered = await inTransaction(db, async (trx) => {
    const n = await notifier.deliver(trx, notices);
    await insertAuditEntry(trx, {
      at,
      actor: opts.actor,
      action: 'stage.remind',
      entity: 'stage',
      entityId: stage.id,
      detail: {
        title: stageTitle(stage),
        departments: targets.map((t) => ({ id: t.department.id, name: t.department.name, state: t.state, accounts: recipients.get(t.department.id)?.length ?? 0 })),
        notifications: n,
      },
    });
    return n;
  });
  return { departments: targets.length, notifications: delivered };
}

/**
 * The deadline sweep: for every open stage due before `today` (already opened), every department
 * late in it (or only `departmentId`) has each of its accounts notified once ("已逾期"). Returns how
 * many notifications were made now. Exact and idempotent: run it as often as you like.
 */
export async function sweepOverdue(db: Db, today: string, opts: { now: Date; departmentId?: number; notifier?: Notifier }): Promise<number> {
  const stages = (await listOpenStages(db, { dueBefore: today })).filter((s) => s.opensOn <= today);
  if (stages.length === 0) return 0;
  let region: string | null | undefined;
  if (opts.departmentId !== undefined) {
    const department = await findDepartmentRegion(db, opts.departmentId);
    if (!department) return 0;
    region = department.regionCode;
  }
  const notifier = opts.notifier ?? inAppNotifier;
  const at = opts.now.toISOString();
  let made = 0;
  for (const stage of stages) {
    if (region !== undefined && !stageAppliesTo(stage.regionCode, region)) continue;
    const late = (await progressOf(db, stage, today)).filter((p) => p.state === 'overdue' && (opts.departmentId === undefined || p.department.id === opts.departmentId));
    if (late.length === 0) continue;
    const recipients = await recipientsOf(db, late.map((p) => p.department.id));
    const title = stageTitle(stage);
    const notices = late.flatMap((p) =>
      (recipients.get(p.department.id) ?? []).map(
        (userId): NewNotification => ({
          userId,
          kind: 'overdue',
          title: `已逾期：${title}`,
          body: `“${p.department.name}”的${title}已于 ${stage.dueOn} 截止，尚未完成，请尽快办理。`,
          link: TASK_LINKS[stage.kind],
          stageId: stage.id,
          departmentId: p.department.id,
          dedupeKey: `stage-overdue:${stage.id}:${p.department.id}`,
          createdAt: at,
        }),
      ),
    );
    made += await notifier.deliver(db, notices);
  }
  return made;
}

// ---------------------------------------------------------------------------------------------
// A department's tasks

/** The open stages (opened by `today`) that apply to the account's department, with its state and days left. */
export async function tasksOf(db: Db, user: SessionUser, today: string, now: Date): Promise<TaskList> {
  if (user.departmentId === null) return { today, items: [] };
  const department = await findDepartmentRegion(db, user.departmentId);
  if (!department) return { today, items: [] };
  await sweepOverdue(db, today, { now, departmentId: department.id });
  const stages = (await listOpenStages(db)).filter((s) => s.opensOn <= today && stageAppliesTo(s.regionCode, department.regionCode));
  const items: Task[] = [];
  for (const stage of stages) {
    const facts = (await countStageFacts(db, stage)).get(department.id) ?? NO_FACTS;
    const state = stageState(stage.kind, facts, stage.dueOn, today);
    items.push({
      stageId: stage.id,
      kind: stage.kind,
      title: stageTitle(stage),
      year: stage.year,
      opensOn: stage.opensOn,
      dueOn: stage.dueOn,
      state,
      total: facts.total,
      done: facts.done,
      daysLeft: daysLeft(stage.dueOn, today),
      deadlineText: deadlineText(state, stage.dueOn, today),
      link: TASK_LINKS[stage.kind],
      // a 催办 stays on the department's 工作台 beside its stage (issue 58)
      remindedAt: (await lastRemindedAt(db, stage.id)).get(department.id) ?? null,
    });
  }
  return { today, items };
}
