/**
 * 整改's pure rules: the transitions and who may take them, overdue derived from the deadline and
 * "today" (never stored), days overdue and late, source keys, and the checks of what people enter.
 */
import { describe, expect, it } from 'vitest';
import {
  actionIssues,
  addDays,
  allowedRectificationActions,
  chinaToday,
  dayNumber,
  daysLeft,
  daysOverdue,
  deadlineIssues,
  deviationSourceKey,
  displayStatus,
  findingSourceKey,
  isOverdue,
  lateDays,
  nextStatus,
  RECTIFICATION_ACTIONS,
  RECTIFICATION_STATUSES,
  selfEvaluationSourceKey,
  type RectificationStatus,
} from '../../src/shared/domain/rectification';

const item = (status: RectificationStatus, deadline: string, submittedAt: string | null = null) => ({ status, deadline, submittedAt });

describe('transitions', () => {
  it('moves as the lifecycle says, and nowhere else', () => {
    const table: Record<string, string | null> = {};
    for (const s of RECTIFICATION_STATUSES) for (const a of RECTIFICATION_ACTIONS) table[`${s}:${a}`] = nextStatus(s, a);
    expect(table).toStrictEqual({
      'pending:progress': 'in-progress',
      'pending:submit': 'done',
      'pending:confirm': null,
      'pending:reopen': null,
      'in-progress:progress': 'in-progress',
      'in-progress:submit': 'done',
      'in-progress:confirm': null,
      'in-progress:reopen': null,
      'done:progress': null,
      'done:submit': null,
      'done:confirm': 'closed',
      'done:reopen': 'in-progress',
      'closed:progress': null,
      'closed:submit': null,
      'closed:confirm': null,
      'closed:reopen': null,
    });
  });

  it('gives the department progress and report, the bureau confirm and reopen', () => {
    expect(allowedRectificationActions('pending', 'editor')).toStrictEqual(['progress', 'submit']);
    expect(allowedRectificationActions('done', 'editor')).toStrictEqual([]);
    expect(allowedRectificationActions('pending', 'reviewer')).toStrictEqual([]);
    expect(allowedRectificationActions('done', 'reviewer')).toStrictEqual(['confirm', 'reopen']);
    // 三员分立: neither the system administrator nor the auditor acts
    expect(allowedRectificationActions('done', 'admin')).toStrictEqual([]);
    expect(allowedRectificationActions('pending', 'auditor')).toStrictEqual([]);
    for (const role of ['editor', 'reviewer', 'admin'] as const) expect(allowedRectificationActions('closed', role)).toStrictEqual([]);
  });
});

describe('deadlines and overdue', () => {
  it('is not overdue on the deadline itself, one day after it is', () => {
    const open = item('in-progress', '2025-06-30');
    expect(isOverdue(open, '2025-06-30')).toBe(false);
    expect(daysLeft(open, '2025-06-30')).toBe(0);
    expect(displayStatus(open, '2025-06-30')).toBe('in-progress');
    expect(isOverdue(open, '2025-07-01')).toBe(true);
    expect(daysOverdue(open, '2025-07-01')).toBe(1);
    expect(displayStatus(open, '2025-07-01')).toBe('overdue');
    expect(daysLeft(open, '2025-07-01')).toBe(-1);
  });

  it('counts days across months, a leap day and a year end', () => {
    expect(daysOverdue(item('pending', '2024-02-28'), '2024-03-01')).toBe(2);
    expect(daysOverdue(item('pending', '2025-02-28'), '2025-03-01')).toBe(1);
    expect(daysOverdue(item('pending', '2025-12-31'), '2026-01-10')).toBe(10);
    expect(daysOverdue(item('pending', '2025-01-01'), '2026-01-01')).toBe(365);
  });

  it('derives overdue from today, so the same stored item is on time one day and overdue the next', () => {
    const stored = item('pending', '2025-09-30');
    const days = ['2025-09-29', '2025-09-30', '2025-10-01', '2025-10-15'].map((d) => [displayStatus(stored, d), daysOverdue(stored, d)]);
    expect(days).toStrictEqual([
      ['pending', 0],
      ['pending', 0],
      ['overdue', 1],
      ['overdue', 15],
    ]);
  });

  it('never calls a done or closed item overdue, but keeps how late it was reported', () => {
    const late = item('done', '2025-06-30', '2025-07-03T01:00:00.000Z');
    expect(isOverdue(late, '2025-12-31')).toBe(false);
    expect(displayStatus(late, '2025-12-31')).toBe('done');
    expect(lateDays(late)).toBe(3);
    expect(lateDays(item('closed', '2025-06-30', '2025-06-30T15:59:00.000Z'))).toBe(0); // 23:59 in China
    expect(lateDays(item('closed', '2025-06-30', '2025-06-30T16:00:00.000Z'))).toBe(1); // 00:00 the next day
    expect(lateDays(item('in-progress', '2025-06-30', null))).toBe(0);
    expect(daysLeft(late, '2025-06-01')).toBeNull();
  });

  it("takes today's date in China (UTC+8)", () => {
    expect(chinaToday(new Date('2025-06-30T15:59:59Z'))).toBe('2025-06-30');
    expect(chinaToday(new Date('2025-06-30T16:00:00Z'))).toBe('2025-07-01');
    expect(addDays('2025-12-25', 10)).toBe('2026-01-04');
  });

  it('accepts only real dates from today up to two years ahead', () => {
    expect(dayNumber('2025-02-29')).toBeNull();
    expect(dayNumber('2024-02-29')).not.toBeNull();
    expect(deadlineIssues('2025-06-30', '2025-06-30')).toStrictEqual([]);
    expect(deadlineIssues('2025-06-29', '2025-06-30')[0]!.message).toContain('早于今天');
    expect(deadlineIssues('2025-02-30', '2025-01-01')[0]!.message).toContain('不是有效日期');
    expect(deadlineIssues('2027-07-02', '2025-06-30')[0]!.message).toContain('超过两年');
    expect(deadlineIssues('2027-07-01', '2025-06-30')).toStrictEqual([]);
  });
});

describe('what an action needs', () => {
  it('asks a reason to reopen, a note for progress, and some evidence to report done', () => {
    expect(actionIssues('reopen', '  ', true)[0]!.message).toContain('理由');
    expect(actionIssues('progress', null, true)[0]!.message).toContain('进展');
    expect(actionIssues('submit', null, false)[0]!.message).toContain('证明材料');
    expect(actionIssues('submit', null, true)).toStrictEqual([]);
    expect(actionIssues('submit', '已完成指标调整', false)).toStrictEqual([]);
    expect(actionIssues('confirm', null, false)).toStrictEqual([]);
    expect(actionIssues('progress', 'x'.repeat(4001), false)[0]!.path).toBe('note');
  });
});

describe('source keys', () => {
  it('names a finding by its rule and cell, a deviation by round and entry, a self-evaluation problem by requirement', () => {
    expect(findingSourceKey({ rule: 'unit.satisfaction-not-percent', field: 'target', indicatorIndex: 3 })).toBe('unit.satisfaction-not-percent@indicator:3.target');
    expect(findingSourceKey({ rule: 'missing.goals', field: 'goals', indicatorIndex: null })).toBe('missing.goals@goals');
    expect(findingSourceKey({ rule: 'x.y', field: null, indicatorIndex: null })).toBe('x.y@project');
    expect(deviationSourceKey('2025-07-31', null)).toBe('2025-07-31/spending');
    expect(deviationSourceKey('2025-07-31', 12)).toBe('2025-07-31/indicator:12');
    expect(selfEvaluationSourceKey('indicator.deviation', 12)).toBe('indicator.deviation/12');
    expect(selfEvaluationSourceKey('execution.explain', null)).toBe('execution.explain');
  });
});
