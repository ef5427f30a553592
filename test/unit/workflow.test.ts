import { describe, expect, it } from 'vitest';
import {
  PROJECT_STATUSES,
  TRANSITIONS,
  actionLabel,
  allowedActions,
  canEditProject,
  checkTransition,
  isEditableStatus,
  type WorkflowActor,
} from '../../src/shared/domain/workflow';

const editorOf = (departmentId: number): WorkflowActor => ({ role: 'editor', departmentId });
const reviewer: WorkflowActor = { role: 'reviewer', departmentId: null };
// 三员分立: the system administrator and the auditor take no business action.
const admin: WorkflowActor = { role: 'admin', departmentId: null };
const auditor: WorkflowActor = { role: 'auditor', departmentId: null };

describe('workflow', () => {
  it('follows 草稿 → 已提交 → 退回 / 已审核 → 已公开', () => {
    expect(Object.fromEntries(Object.entries(TRANSITIONS).map(([a, t]) => [a, [t.from, t.to]]))).toStrictEqual({
      submit: [['draft', 'returned'], 'submitted'],
      return: [['submitted'], 'returned'],
      approve: [['submitted'], 'approved'],
      publish: [['approved'], 'published'],
      unpublish: [['published'], 'approved'],
    });
  });

  it('lets only drafts and returned projects be edited', () => {
    expect(PROJECT_STATUSES.filter(isEditableStatus)).toStrictEqual(['draft', 'returned']);
    expect(canEditProject('draft', editorOf(1), 1)).toBe(true);
    expect(canEditProject('draft', editorOf(1), 2)).toBe(false);
    expect(canEditProject('returned', admin, 2)).toBe(false);
    expect(canEditProject('draft', auditor, 2)).toBe(false);
    expect(canEditProject('draft', reviewer, 1)).toBe(false);
    expect(canEditProject('submitted', editorOf(1), 1)).toBe(false);
  });

  it('offers each role its actions, an editor only in its own department', () => {
    expect(allowedActions('draft', editorOf(1), 1)).toStrictEqual(['submit']);
    expect(allowedActions('draft', editorOf(1), 2)).toStrictEqual([]);
    expect(allowedActions('draft', reviewer, 1)).toStrictEqual([]);
    expect(allowedActions('submitted', reviewer, 1)).toStrictEqual(['return', 'approve']);
    expect(allowedActions('submitted', editorOf(1), 1)).toStrictEqual([]);
    expect(allowedActions('approved', reviewer, 1)).toStrictEqual(['publish']);
    expect(allowedActions('published', reviewer, 1)).toStrictEqual(['unpublish']);
    expect(allowedActions('returned', editorOf(1), 1)).toStrictEqual(['submit']);
    for (const status of PROJECT_STATUSES) {
      expect(allowedActions(status, admin, 1)).toStrictEqual([]);
      expect(allowedActions(status, auditor, 1)).toStrictEqual([]);
    }
  });

  it('refuses with 403 for the wrong role and 409 for the wrong status', () => {
    expect(checkTransition('approve', 'submitted', editorOf(1), 1)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(checkTransition('submit', 'draft', editorOf(1), 2)).toMatchObject({ status: 403 });
    expect(checkTransition('approve', 'draft', reviewer, 1)).toStrictEqual({
      status: 409,
      code: 'invalid-transition',
      message: '项目当前状态为“草稿”，不能执行“审核通过”',
    });
    expect(checkTransition('submit', 'returned', editorOf(1), 1)).toBeNull();
  });

  it('calls a submit from 退回 a resubmission', () => {
    expect(actionLabel('submit', 'draft')).toBe('提交');
    expect(actionLabel('submit', 'returned')).toBe('重新提交');
  });
});
