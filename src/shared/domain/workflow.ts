/**
 * The workflow of a project's targets (lifecycle.md §1): 草稿 → 已提交 → 退回 / 已审核 → 已公开.
 *
 * Levels of review (issue 32), 单位 → [主管部门] → [财政业务科室] → 绩效科:
 * - a unit (二级单位) whose department has a 主管部门 (its parent department), in a region that uses
 *   the 主管部门 level, submits to 待主管部门审核 instead; its 主管部门's account (`supervisor`)
 *   forwards it (转报财政) or returns it with a comment (退回, as the finance bureau's return);
 * - a department of a region that uses the 财政业务科室 level goes next (on submission, or on its
 *   主管部门's forward) to 待业务科室审核: the bureau's business section it is assigned to (归口,
 *   its account `section`) forwards it (转报绩效科, to 已提交) or returns it to the unit with a
 *   comment. A department with no section in such a region cannot be sent on: its submission (and
 *   its 主管部门's forward) is refused with what the administrator must set (missingSection).
 * The performance section's (绩效科, `reviewer`) queue is 已提交 only. Which levels a project passes
 * is ReviewLevels, decided by the server per department and budget year.
 *
 * Pure: the server enforces it (workflow.service.ts) and the browser uses the same table to show
 * only the buttons that will work. Who may do what is data here, not scattered through routes.
 */
import type { Role } from './duties';

/**
 * 草稿 draft, 待主管部门审核 unit_submitted, 待业务科室审核 section_submitted, 已提交 submitted (awaiting
 * the performance section), 退回 returned, 已审核 approved, 已批复 issued (issue 33: the bureau issued
 * the targets with the budget in a 批复 batch; only a batch sets it, modules/approval), 已公开 published.
 */
export type ProjectStatus = 'draft' | 'unit_submitted' | 'section_submitted' | 'submitted' | 'returned' | 'approved' | 'issued' | 'published';

export const PROJECT_STATUSES: readonly ProjectStatus[] = ['draft', 'unit_submitted', 'section_submitted', 'submitted', 'returned', 'approved', 'issued', 'published'];

/**
 * The projects that are monitored and self-evaluated: those whose targets were approved (已审核,
 * 已批复, 已公开). Monitoring measures progress against approved targets, and only these projects' indicators
 * are stable: saving a draft or returned project rewrites its indicator rows (new ids), which would
 * drop the monitoring lines that point to them.
 */
export const MONITORED_STATUSES: readonly ProjectStatus[] = ['approved', 'issued', 'published'];

/** The statuses of a declared project: submitted to any level of review, or further (not 草稿, not 退回). */
export const DECLARED_STATUSES: readonly ProjectStatus[] = ['unit_submitted', 'section_submitted', 'submitted', 'approved', 'issued', 'published'];

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: '草稿',
  unit_submitted: '待主管部门审核',
  section_submitted: '待业务科室审核',
  submitted: '已提交',
  returned: '退回',
  approved: '已审核',
  issued: '已批复',
  published: '已公开',
};

export type WorkflowAction = 'submit' | 'forward' | 'return' | 'approve' | 'publish' | 'unpublish';

export const WORKFLOW_ACTIONS: readonly WorkflowAction[] = ['submit', 'forward', 'return', 'approve', 'publish', 'unpublish'];

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: '提交',
  forward: '转报财政',
  return: '退回',
  approve: '审核通过',
  publish: '公开',
  unpublish: '撤回公开',
};

/**
 * The label of an action from a status: submitting a returned project is 重新提交; the 主管部门's
 * return 主管部门退回; the business section's forward 转报绩效科 and return 业务科室退回.
 */
export function actionLabel(action: WorkflowAction, from: ProjectStatus): string {
  if (action === 'submit' && from === 'returned') return '重新提交';
  if (action === 'return' && from === 'unit_submitted') return '主管部门退回';
  if (action === 'return' && from === 'section_submitted') return '业务科室退回';
  if (action === 'forward' && from === 'section_submitted') return '转报绩效科';
  return ACTION_LABELS[action];
}

/**
 * What a person is told once an action is done (a toast, a batch's line): 已提交, 已转报绩效科 — and a level's return by
 * the level, 主管部门已退回 / 业务科室已退回, where "已" before the label made 已主管部门退回 (issue 71).
 */
export function actionDoneLabel(action: WorkflowAction, from: ProjectStatus): string {
  if (action === 'return' && from === 'unit_submitted') return '主管部门已退回';
  if (action === 'return' && from === 'section_submitted') return '业务科室已退回';
  return `已${actionLabel(action, from)}`;
}

/** Any account's role; only the business roles (reviewer, supervisor, section, editor) take workflow actions (三员分立, duties.ts). */
export type WorkflowRole = Role;

export interface Transition {
  from: readonly ProjectStatus[];
  to: ProjectStatus;
  /** Roles that may take the action; an editor only for a project of its own department. */
  roles: readonly WorkflowRole[];
  /** The action needs a comment (a general one or at least one anchored to a field). */
  needsComment: boolean;
}

/**
 * The finance bureau's table (a project of a department without the levels between the unit and the
 * performance section): the one the ex-ante assessment follows too. The levels change where `submit`
 * goes and add SUPERVISOR_TRANSITIONS and SECTION_TRANSITIONS (transitionsOf).
 */
export const TRANSITIONS: Record<Exclude<WorkflowAction, 'forward'>, Transition> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['editor'], needsComment: false },
  return: { from: ['submitted'], to: 'returned', roles: ['reviewer'], needsComment: true },
  approve: { from: ['submitted'], to: 'approved', roles: ['reviewer'], needsComment: false },
  // 已批复 (issued) may be published; whether an approved project must be issued first is a region's setting (modules/approval).
  publish: { from: ['approved', 'issued'], to: 'published', roles: ['reviewer'], needsComment: false },
  // Back to 已审核, or to 已批复 for an issued project (unpublishedStatus).
  unpublish: { from: ['published'], to: 'approved', roles: ['reviewer'], needsComment: false },
};

/** The 主管部门's steps: forward to the finance bureau, or return to the unit with a comment. */
export const SUPERVISOR_TRANSITIONS: Record<'forward' | 'return', Transition> = {
  forward: { from: ['unit_submitted'], to: 'submitted', roles: ['supervisor'], needsComment: false },
  return: { from: ['unit_submitted'], to: 'returned', roles: ['supervisor'], needsComment: true },
};

/** The business section's steps: forward to the performance section (转报绩效科), or return to the unit with a comment. */
export const SECTION_TRANSITIONS: Record<'forward' | 'return', Transition> = {
  forward: { from: ['section_submitted'], to: 'submitted', roles: ['section'], needsComment: false },
  return: { from: ['section_submitted'], to: 'returned', roles: ['section'], needsComment: true },
};

/**
 * The levels a project's department passes through (decided by the server: the department's parent,
 * its section and its region's setting for the project's year). Without them (NO_LEVELS) a unit
 * submits straight to the performance section.
 */
export interface ReviewLevels {
  /** The department's 主管部门 (its parent department); null when it has none. */
  supervisorDepartmentId: number | null;
  /** The department's region uses the 主管部门 level (a per-region setting, inherited down the tree). */
  supervisorLevel: boolean;
  /** The business section the department is assigned to (归口); null or absent: none. */
  sectionId?: number | null;
  /** The department's region uses the 财政业务科室 level; absent: no. */
  sectionLevel?: boolean;
}

export const NO_LEVELS: ReviewLevels = { supervisorDepartmentId: null, supervisorLevel: false, sectionId: null, sectionLevel: false };

/** Whether a submit goes to the 主管部门 first. */
export function goesToSupervisor(levels: ReviewLevels): boolean {
  return levels.supervisorLevel && levels.supervisorDepartmentId !== null;
}

/** Whether the project passes its business section before the performance section. */
export function goesToSection(levels: ReviewLevels): boolean {
  return levels.sectionLevel === true && levels.sectionId != null;
}

/** Whether the region uses the 财政业务科室 level but the department has no section: it cannot be sent on. */
export function missingSection(levels: ReviewLevels): boolean {
  return levels.sectionLevel === true && levels.sectionId == null;
}

/** Why a project of a department without a section, in a region using that level, is not sent on: names what the administrator sets. */
export const MISSING_SECTION_MESSAGE =
  '项目所属单位尚未设置归口的财政业务科室（所在区划实行业务科室审核），暂不能报送；请系统管理员在“区划与审核层级 → 业务科室”中为该单位设置归口科室';

/** Where a project goes when it leaves the unit and its 主管部门: its business section, else the performance section. */
function financeEntry(levels: ReviewLevels): ProjectStatus {
  return goesToSection(levels) ? 'section_submitted' : 'submitted';
}

/** Every transition of an action for a department's levels (the 主管部门's and the section's returns beside the bureau's). */
export function transitionsOf(action: WorkflowAction, levels: ReviewLevels): Transition[] {
  if (action === 'forward') return [{ ...SUPERVISOR_TRANSITIONS.forward, to: financeEntry(levels) }, SECTION_TRANSITIONS.forward];
  if (action === 'return') return [TRANSITIONS.return, SUPERVISOR_TRANSITIONS.return, SECTION_TRANSITIONS.return];
  if (action === 'submit') return [{ ...TRANSITIONS.submit, to: goesToSupervisor(levels) ? 'unit_submitted' : financeEntry(levels) }];
  return [TRANSITIONS[action]];
}

/** The transition an action takes from a status for a role (null: none). */
export function transitionFrom(action: WorkflowAction, status: ProjectStatus, role: WorkflowRole, levels: ReviewLevels = NO_LEVELS): Transition | null {
  return transitionsOf(action, levels).find((t) => t.from.includes(status) && t.roles.includes(role)) ?? null;
}

/**
 * Whether the action would send the project towards a business section the department does not
 * have: a submission, or the 主管部门's forward, in a region using that level (missingSection).
 */
function blockedBySection(action: WorkflowAction, status: ProjectStatus, levels: ReviewLevels): boolean {
  return missingSection(levels) && (action === 'submit' || (action === 'forward' && status === 'unit_submitted'));
}

/** The status an unpublished project returns to: 已批复 when it was issued in a 批复 batch, else 已审核. */
export function unpublishedStatus(issued: boolean): ProjectStatus {
  return issued ? 'issued' : 'approved';
}

/** Who is acting: enough of a session user to decide what it may do. */
export interface WorkflowActor {
  role: WorkflowRole;
  /** An editor's department; a supervisor's 主管部门. */
  departmentId: number | null;
  /** A business section's account: its section (absent or null for the other roles). */
  sectionId?: number | null;
}

/** Statuses in which the content of a project may change: a submitted project waits for review. */
export function isEditableStatus(status: ProjectStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/**
 * Whether the actor may act on this department's projects at all (an editor only on its own; a
 * supervisor only on its units', the departments whose 主管部门 it is; a business section only on
 * the departments assigned to it; the administrator and the auditor on none).
 */
export function actsForDepartment(actor: WorkflowActor, departmentId: number | null, levels: ReviewLevels = NO_LEVELS): boolean {
  if (actor.role === 'admin' || actor.role === 'auditor') return false;
  if (actor.role === 'supervisor') return actor.departmentId !== null && departmentId !== null && levels.supervisorDepartmentId === actor.departmentId;
  if (actor.role === 'section') return actor.sectionId != null && departmentId !== null && levels.sectionId === actor.sectionId;
  return actor.role !== 'editor' || (actor.departmentId !== null && actor.departmentId === departmentId);
}

/**
 * Whether the actor may change the content of a project: editors of its department, while the
 * project is a draft or returned (the system administrator takes no business action, 三员分立). Reviewers review; they do not rewrite the targets.
 */
export function canEditProject(status: ProjectStatus, actor: WorkflowActor, departmentId: number | null): boolean {
  return isEditableStatus(status) && actor.role === 'editor' && actsForDepartment(actor, departmentId);
}

/** The actions the actor can take on a project in this status (its department's levels: NO_LEVELS when it has none). */
export function allowedActions(status: ProjectStatus, actor: WorkflowActor, departmentId: number | null, levels: ReviewLevels = NO_LEVELS): WorkflowAction[] {
  if (!actsForDepartment(actor, departmentId, levels)) return [];
  return WORKFLOW_ACTIONS.filter((action) => transitionFrom(action, status, actor.role, levels) !== null && !blockedBySection(action, status, levels));
}

/** Why an action is refused, or null when it is allowed. Comments are checked by the caller. */
export type TransitionRefusal =
  | { status: 403; code: 'forbidden'; message: string }
  | { status: 409; code: 'invalid-transition'; message: string }
  | { status: 409; code: 'conflict'; message: string };

/**
 * Checks an action against the role table and the project's status: 403 for a role that never
 * takes it (or not for this department), 409 when it does not start from this status for the role
 * (a reviewer's return of a project awaiting its 主管部门 or its business section included), 409
 * 'conflict' when it would send the project to a business section the department does not have.
 */
export function checkTransition(action: WorkflowAction, status: ProjectStatus, actor: WorkflowActor, departmentId: number | null, levels: ReviewLevels = NO_LEVELS): TransitionRefusal | null {
  const all = transitionsOf(action, levels);
  if (!all.some((t) => t.roles.includes(actor.role)) || !actsForDepartment(actor, departmentId, levels)) {
    return { status: 403, code: 'forbidden', message: `没有权限执行“${ACTION_LABELS[action]}”` };
  }
  if (transitionFrom(action, status, actor.role, levels) === null) {
    return {
      status: 409,
      code: 'invalid-transition',
      message: `项目当前状态为“${STATUS_LABELS[status]}”，不能执行“${ACTION_LABELS[action]}”`,
    };
  }
  if (blockedBySection(action, status, levels)) return { status: 409, code: 'conflict', message: MISSING_SECTION_MESSAGE };
  return null;
}
