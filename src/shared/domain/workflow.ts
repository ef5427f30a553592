/**
 * The workflow of a project's targets (lifecycle.md §1): 草稿 → 已提交 → 退回 / 已审核 → 已公开.
 *
 * Pure: the server enforces it (workflow.service.ts) and the browser uses the same table to show
 * only the buttons that will work. Who may do what is data here, not scattered through routes.
 */

/** 草稿 draft, 已提交 submitted, 退回 returned, 已审核 approved, 已公开 published. */
export type ProjectStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';

export const PROJECT_STATUSES: readonly ProjectStatus[] = ['draft', 'submitted', 'returned', 'approved', 'published'];

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '退回',
  approved: '已审核',
  published: '已公开',
};

export type WorkflowAction = 'submit' | 'return' | 'approve' | 'publish' | 'unpublish';

export const WORKFLOW_ACTIONS: readonly WorkflowAction[] = ['submit', 'return', 'approve', 'publish', 'unpublish'];

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: '提交',
  return: '退回',
  approve: '审核通过',
  publish: '公开',
  unpublish: '撤回公开',
};

/** The label of an action from a status: submitting a returned project is 重新提交. */
export function actionLabel(action: WorkflowAction, from: ProjectStatus): string {
  return action === 'submit' && from === 'returned' ? '重新提交' : ACTION_LABELS[action];
}

/** Any account's role; only the business roles (reviewer, editor) take workflow actions (三员分立, duties.ts). */
export type WorkflowRole = 'admin' | 'auditor' | 'reviewer' | 'editor';

export interface Transition {
  from: readonly ProjectStatus[];
  to: ProjectStatus;
  /** Roles that may take the action; an editor only for a project of its own department. */
  roles: readonly WorkflowRole[];
  /** The action needs a comment (a general one or at least one anchored to a field). */
  needsComment: boolean;
}

export const TRANSITIONS: Record<WorkflowAction, Transition> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['editor'], needsComment: false },
  return: { from: ['submitted'], to: 'returned', roles: ['reviewer'], needsComment: true },
  approve: { from: ['submitted'], to: 'approved', roles: ['reviewer'], needsComment: false },
  publish: { from: ['approved'], to: 'published', roles: ['reviewer'], needsComment: false },
  unpublish: { from: ['published'], to: 'approved', roles: ['reviewer'], needsComment: false },
};

/** Who is acting: enough of a session user to decide what it may do. */
export interface WorkflowActor {
  role: WorkflowRole;
  departmentId: number | null;
}

/** Statuses in which the content of a project may change: a submitted project waits for review. */
export function isEditableStatus(status: ProjectStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Whether the actor may act on this department's projects at all (an editor only on its own; the administrator and the auditor on none). */
export function actsForDepartment(actor: WorkflowActor, departmentId: number | null): boolean {
  if (actor.role === 'admin' || actor.role === 'auditor') return false;
  return actor.role !== 'editor' || (actor.departmentId !== null && actor.departmentId === departmentId);
}

/**
 * Whether the actor may change the content of a project: editors of its department, while the
 * project is a draft or returned (the system administrator takes no business action, 三员分立). Reviewers review; they do not rewrite the targets.
 */
export function canEditProject(status: ProjectStatus, actor: WorkflowActor, departmentId: number | null): boolean {
  return isEditableStatus(status) && actor.role === 'editor' && actsForDepartment(actor, departmentId);
}

/** The actions the actor can take on a project in this status. */
export function allowedActions(status: ProjectStatus, actor: WorkflowActor, departmentId: number | null): WorkflowAction[] {
  if (!actsForDepartment(actor, departmentId)) return [];
  return WORKFLOW_ACTIONS.filter((action) => {
    const t = TRANSITIONS[action];
    return t.from.includes(status) && t.roles.includes(actor.role);
  });
}

/** Why an action is refused, or null when it is allowed. Comments are checked by the caller. */
export type TransitionRefusal = { status: 403; code: 'forbidden'; message: string } | { status: 409; code: 'invalid-transition'; message: string };

/** Checks an action against the role table and the project's status. */
export function checkTransition(action: WorkflowAction, status: ProjectStatus, actor: WorkflowActor, departmentId: number | null): TransitionRefusal | null {
  const t = TRANSITIONS[action];
  if (!t.roles.includes(actor.role) || !actsForDepartment(actor, departmentId)) {
    return { status: 403, code: 'forbidden', message: `没有权限执行“${ACTION_LABELS[action]}”` };
  }
  if (!t.from.includes(status)) {
    return {
      status: 409,
      code: 'invalid-transition',
      message: `项目当前状态为“${STATUS_LABELS[status]}”，不能执行“${ACTION_LABELS[action]}”`,
    };
  }
  return null;
}
