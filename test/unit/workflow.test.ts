import { describe, expect, it } from 'vitest';
import {
  PROJECT_STATUSES,
  TRANSITIONS,
  actionDoneLabel,
  actionLabel,
  allowedActions,
  canEditProject,
  checkTransition,
  isEditableStatus,
  MISSING_SECTION_MESSAGE,
  transitionFrom,
  unpublishedStatus,
  type ReviewLevels,
  type WorkflowActor,
} from '../../src/shared/domain/workflow';
import { effectiveReviewLevels, REVIEW_LEVEL_SETTINGS, usesSectionLevel, usesSupervisorLevel } from '../../src/shared/domain/review-levels';

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
      publish: [['approved', 'issued'], 'published'],
      unpublish: [['published'], 'approved'],
    });
    // 已批复 (issue 33): only a 批复 batch sets it; an issued project unpublished goes back to it
    expect(unpublishedStatus(true)).toBe('issued');
    expect(unpublishedStatus(false)).toBe('approved');
    expect(allowedActions('issued', reviewer, 1)).toStrictEqual(['publish']);
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

  it('levels of review: a unit of a 主管部门 in a region using that level goes 待主管部门审核 → 转报财政 / 退回', () => {
    const unit = 2;
    const supervised: ReviewLevels = { supervisorDepartmentId: 1, supervisorLevel: true };
    const levelOff: ReviewLevels = { supervisorDepartmentId: 1, supervisorLevel: false };
    const noParent: ReviewLevels = { supervisorDepartmentId: null, supervisorLevel: true };
    const supervisorOf = (departmentId: number): WorkflowActor => ({ role: 'supervisor', departmentId });
    // where a submit goes
    expect(transitionFrom('submit', 'draft', 'editor', supervised)?.to).toBe('unit_submitted');
    expect(transitionFrom('submit', 'returned', 'editor', supervised)?.to).toBe('unit_submitted');
    expect(transitionFrom('submit', 'draft', 'editor', levelOff)?.to).toBe('submitted');
    expect(transitionFrom('submit', 'draft', 'editor', noParent)?.to).toBe('submitted');
    // the 主管部门's steps, only on its own units
    expect(allowedActions('unit_submitted', supervisorOf(1), unit, supervised)).toStrictEqual(['forward', 'return']);
    expect(allowedActions('unit_submitted', supervisorOf(3), unit, supervised)).toStrictEqual([]);
    expect(allowedActions('unit_submitted', supervisorOf(1), 1, NO_PARENT_OF_ITS_OWN)).toStrictEqual([]);
    expect(transitionFrom('forward', 'unit_submitted', 'supervisor', supervised)?.to).toBe('submitted');
    expect(transitionFrom('return', 'unit_submitted', 'supervisor', supervised)).toMatchObject({ to: 'returned', needsComment: true });
    // a supervisor takes no finance action, the finance bureau no 主管部门 step
    for (const status of PROJECT_STATUSES.filter((s) => s !== 'unit_submitted')) expect(allowedActions(status, supervisorOf(1), unit, supervised)).toStrictEqual([]);
    expect(allowedActions('unit_submitted', reviewer, unit, supervised)).toStrictEqual([]);
    expect(allowedActions('unit_submitted', editorOf(unit), unit, supervised)).toStrictEqual([]);
    expect(canEditProject('unit_submitted', editorOf(unit), unit)).toBe(false);
    expect(checkTransition('approve', 'submitted', supervisorOf(1), unit, supervised)).toMatchObject({ status: 403 });
    expect(checkTransition('forward', 'unit_submitted', reviewer, unit, supervised)).toMatchObject({ status: 403 });
    expect(checkTransition('forward', 'unit_submitted', supervisorOf(3), unit, supervised)).toMatchObject({ status: 403 });
    expect(checkTransition('return', 'unit_submitted', reviewer, unit, supervised)).toStrictEqual({
      status: 409,
      code: 'invalid-transition',
      message: '项目当前状态为“待主管部门审核”，不能执行“退回”',
    });
    expect(checkTransition('forward', 'submitted', supervisorOf(1), unit, supervised)).toMatchObject({ status: 409 });
    expect(checkTransition('forward', 'unit_submitted', supervisorOf(1), unit, supervised)).toBeNull();
    expect(actionLabel('return', 'unit_submitted')).toBe('主管部门退回');
    expect(actionLabel('return', 'submitted')).toBe('退回');
  });

  it('levels of review: 单位 → 主管部门 → 财政业务科室 → 绩效科, the section forwarding (转报绩效科) or returning its departments’ submissions', () => {
    const unit = 2;
    const sectionOf = (sectionId: number): WorkflowActor => ({ role: 'section', departmentId: null, sectionId });
    const supervisorOf = (departmentId: number): WorkflowActor => ({ role: 'supervisor', departmentId });
    const all: ReviewLevels = { supervisorDepartmentId: 1, supervisorLevel: true, sectionId: 7, sectionLevel: true };
    const sectionOnly: ReviewLevels = { supervisorDepartmentId: 1, supervisorLevel: false, sectionId: 7, sectionLevel: true };
    const noParent: ReviewLevels = { supervisorDepartmentId: null, supervisorLevel: true, sectionId: 7, sectionLevel: true };
    const levelOff: ReviewLevels = { supervisorDepartmentId: null, supervisorLevel: false, sectionId: 7, sectionLevel: false };
    // where a submission goes: the 主管部门 first, else the section, else the performance section
    expect(transitionFrom('submit', 'draft', 'editor', all)?.to).toBe('unit_submitted');
    expect(transitionFrom('submit', 'returned', 'editor', sectionOnly)?.to).toBe('section_submitted');
    expect(transitionFrom('submit', 'draft', 'editor', noParent)?.to).toBe('section_submitted');
    expect(transitionFrom('submit', 'draft', 'editor', levelOff)?.to).toBe('submitted');
    // the 主管部门 forwards to the section when the region uses it
    expect(transitionFrom('forward', 'unit_submitted', 'supervisor', all)?.to).toBe('section_submitted');
    expect(transitionFrom('forward', 'unit_submitted', 'supervisor', { ...all, sectionLevel: false })?.to).toBe('submitted');
    // the section's steps, on its own departments only
    expect(allowedActions('section_submitted', sectionOf(7), unit, all)).toStrictEqual(['forward', 'return']);
    expect(allowedActions('section_submitted', sectionOf(8), unit, all)).toStrictEqual([]);
    expect(transitionFrom('forward', 'section_submitted', 'section', all)?.to).toBe('submitted');
    expect(transitionFrom('return', 'section_submitted', 'section', all)).toMatchObject({ to: 'returned', needsComment: true });
    // a section takes no other step (not the 主管部门's, not the performance section's); no one else takes its steps
    for (const status of PROJECT_STATUSES.filter((s) => s !== 'section_submitted')) expect(allowedActions(status, sectionOf(7), unit, all), status).toStrictEqual([]);
    expect(allowedActions('section_submitted', reviewer, unit, all)).toStrictEqual([]);
    expect(allowedActions('section_submitted', supervisorOf(1), unit, all)).toStrictEqual([]);
    expect(allowedActions('section_submitted', editorOf(unit), unit, all)).toStrictEqual([]);
    expect(canEditProject('section_submitted', editorOf(unit), unit)).toBe(false);
    expect(checkTransition('approve', 'submitted', sectionOf(7), unit, all)).toMatchObject({ status: 403 });
    expect(checkTransition('forward', 'section_submitted', sectionOf(8), unit, all)).toMatchObject({ status: 403 });
    expect(checkTransition('forward', 'unit_submitted', sectionOf(7), unit, all)).toMatchObject({ status: 409, code: 'invalid-transition' });
    expect(checkTransition('approve', 'section_submitted', reviewer, unit, all)).toStrictEqual({
      status: 409,
      code: 'invalid-transition',
      message: '项目当前状态为“待业务科室审核”，不能执行“审核通过”',
    });
    expect(checkTransition('forward', 'section_submitted', supervisorOf(1), unit, all)).toMatchObject({ status: 409 });
    expect(checkTransition('forward', 'section_submitted', sectionOf(7), unit, all)).toBeNull();
    expect(actionLabel('forward', 'section_submitted')).toBe('转报绩效科');
    expect(actionLabel('forward', 'unit_submitted')).toBe('转报财政');
    expect(actionLabel('return', 'section_submitted')).toBe('业务科室退回');
    // what a person is told once done: the level that returned it, not 已主管部门退回 (issue 71)
    expect(actionDoneLabel('return', 'unit_submitted')).toBe('主管部门已退回');
    expect(actionDoneLabel('return', 'section_submitted')).toBe('业务科室已退回');
    expect(actionDoneLabel('return', 'submitted')).toBe('已退回');
    expect(actionDoneLabel('forward', 'unit_submitted')).toBe('已转报财政');
  });

  it('a department without a section in a region using the level is not sent on: its submission and its 主管部门’s forward are refused, naming what to set', () => {
    const unit = 2;
    const missing: ReviewLevels = { supervisorDepartmentId: 1, supervisorLevel: true, sectionId: null, sectionLevel: true };
    const refusal = { status: 409, code: 'conflict', message: MISSING_SECTION_MESSAGE };
    expect(MISSING_SECTION_MESSAGE).toContain('区划与审核层级 → 业务科室');
    expect(allowedActions('draft', editorOf(unit), unit, missing)).toStrictEqual([]);
    expect(checkTransition('submit', 'draft', editorOf(unit), unit, missing)).toStrictEqual(refusal);
    expect(checkTransition('submit', 'returned', editorOf(unit), unit, { ...missing, supervisorLevel: false })).toStrictEqual(refusal);
    // one already waiting for the 主管部门 may be returned, not forwarded
    const supervisor: WorkflowActor = { role: 'supervisor', departmentId: 1 };
    expect(allowedActions('unit_submitted', supervisor, unit, missing)).toStrictEqual(['return']);
    expect(checkTransition('forward', 'unit_submitted', supervisor, unit, missing)).toStrictEqual(refusal);
    // the refusal of a role or a status comes first
    expect(checkTransition('submit', 'draft', reviewer, unit, missing)).toMatchObject({ status: 403 });
    expect(checkTransition('submit', 'submitted', editorOf(unit), unit, missing)).toMatchObject({ code: 'invalid-transition' });
    // the performance section's own steps do not depend on it
    expect(allowedActions('submitted', reviewer, unit, missing)).toStrictEqual(['return', 'approve']);
    // a region without the level: the department's missing section does not matter
    expect(checkTransition('submit', 'draft', editorOf(unit), unit, { ...missing, sectionLevel: false })).toBeNull();
  });

  it('the levels settings: any subset of 主管部门 and 财政业务科室', () => {
    expect(REVIEW_LEVEL_SETTINGS.map((s) => [s, usesSupervisorLevel(s), usesSectionLevel(s)])).toStrictEqual([
      ['finance', false, false],
      ['supervisor', true, false],
      ['section', false, true],
      ['supervisor_section', true, true],
    ]);
  });

  it('a region uses its own levels, else its nearest ancestor\'s, else 单位 → 财政', () => {
    const own = new Map<string, string | null>([['130200', 'supervisor'], ['130213', 'finance'], ['130600', null]]);
    expect(effectiveReviewLevels('130202', own)).toBe('supervisor');
    expect(effectiveReviewLevels('130200', own)).toBe('supervisor');
    expect(effectiveReviewLevels('130213', own)).toBe('finance');
    expect(effectiveReviewLevels('130605', own)).toBe('finance');
    expect(effectiveReviewLevels(null, own)).toBe('finance');
    expect(effectiveReviewLevels('130202', new Map([['130000', 'supervisor']]))).toBe('supervisor');
  });
});

/** A 主管部门's own project: it has no 主管部门 itself. */
const NO_PARENT_OF_ITS_OWN: ReviewLevels = { supervisorDepartmentId: null, supervisorLevel: true };
