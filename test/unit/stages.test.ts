/** The year's stages (issue 33), pure: a department's state, days left, counts, titles, input checks. */
import { describe, expect, it } from 'vitest';
import { countStates, daysLeft, deadlineText, isStageDone, stageAppliesTo, stageIssues, stageState, stageTitle } from '../../src/shared/domain/stages';

const facts = (total: number, done: number, started = done) => ({ total, done, started });

describe('a department in a stage', () => {
  it('is done when every project is: declaration, monitoring, self-evaluation', () => {
    for (const kind of ['declaration', 'monitoring', 'self-evaluation'] as const) {
      expect(isStageDone(kind, facts(3, 3))).toBe(true);
      expect(isStageDone(kind, facts(3, 2))).toBe(false);
      // nothing to show: not done (no project filed, nothing monitored)
      expect(isStageDone(kind, facts(0, 0))).toBe(false);
    }
  });

  it('has done its 整改 when no item is open, including when it has none', () => {
    expect(isStageDone('rectification', facts(0, 0))).toBe(true);
    expect(isStageDone('rectification', facts(2, 2))).toBe(true);
    expect(isStageDone('rectification', facts(2, 1))).toBe(false);
  });

  it('is 未开始, 进行中, 已完成 or 逾期 by its facts and the day', () => {
    const due = '2025-06-30';
    expect(stageState('declaration', facts(0, 0), due, '2025-06-01')).toBe('not-started');
    expect(stageState('declaration', facts(4, 0, 4), due, '2025-06-01')).toBe('in-progress');
    expect(stageState('monitoring', facts(4, 1), due, '2025-06-01')).toBe('in-progress');
    expect(stageState('monitoring', facts(4, 0), due, '2025-06-01')).toBe('not-started');
    expect(stageState('monitoring', facts(4, 4), due, '2025-07-20')).toBe('done');
    // the due date itself is on time; the day after is late
    expect(stageState('self-evaluation', facts(2, 1), due, '2025-06-30')).toBe('in-progress');
    expect(stageState('self-evaluation', facts(2, 1), due, '2025-07-01')).toBe('overdue');
    expect(stageState('self-evaluation', facts(0, 0), due, '2025-07-01')).toBe('overdue');
    expect(stageState('rectification', facts(1, 0, 0), due, '2025-06-29')).toBe('not-started');
    expect(stageState('rectification', facts(1, 0, 1), due, '2025-06-29')).toBe('in-progress');
    expect(stageState('rectification', facts(0, 0), due, '2025-12-31')).toBe('done');
  });

  it('counts calendar days left, across months and leap days, from the given day', () => {
    expect(daysLeft('2025-06-30', '2025-06-27')).toBe(3);
    expect(daysLeft('2025-06-30', '2025-06-30')).toBe(0);
    expect(daysLeft('2025-06-30', '2025-07-02')).toBe(-2);
    expect(daysLeft('2024-03-01', '2024-02-28')).toBe(2);
    expect(daysLeft('2025-03-01', '2025-02-28')).toBe(1);
    expect(() => daysLeft('2025-02-30', '2025-02-01')).toThrow();
    expect(deadlineText('in-progress', '2025-06-30', '2025-06-27')).toBe('剩余 3 天');
    expect(deadlineText('not-started', '2025-06-30', '2025-06-30')).toBe('今天截止');
    expect(deadlineText('overdue', '2025-06-30', '2025-07-02')).toBe('已逾期 2 天');
    expect(deadlineText('done', '2025-06-30', '2025-07-02')).toBeNull();
  });
});

describe('stages', () => {
  it('count departments per state', () => {
    expect(countStates(['done', 'overdue', 'overdue', 'not-started'])).toEqual({ done: 1, 'in-progress': 0, 'not-started': 1, overdue: 2 });
    expect(countStates([])).toEqual({ done: 0, 'in-progress': 0, 'not-started': 0, overdue: 0 });
  });

  it('apply to their region and the regions below; without a region, to every department', () => {
    expect(stageAppliesTo('130200', '130202')).toBe(true);
    expect(stageAppliesTo('130200', '130200')).toBe(true);
    expect(stageAppliesTo('130202', '130213')).toBe(false);
    expect(stageAppliesTo('130202', '130200')).toBe(false);
    expect(stageAppliesTo('130200', null)).toBe(false);
    expect(stageAppliesTo(null, null)).toBe(true);
    expect(stageAppliesTo(null, '130202')).toBe(true);
  });

  it('are named by their label, else their kind and round', () => {
    expect(stageTitle({ kind: 'declaration', label: null, roundAsOf: null, year: 2025 })).toBe('2025年目标申报');
    expect(stageTitle({ kind: 'monitoring', label: '6月底', roundAsOf: '2025-06-30', year: 2025 })).toBe('2025年绩效监控（6月底）');
    expect(stageTitle({ kind: 'monitoring', label: null, roundAsOf: '2025-08-31', year: 2025 })).toBe('2025年绩效监控（截至2025-08-31）');
  });

  it('check their fields', () => {
    const ok = { kind: 'declaration', year: 2025, opensOn: '2025-01-01', dueOn: '2025-03-31' };
    expect(stageIssues(ok)).toEqual([]);
    expect(stageIssues({ ...ok, dueOn: '2024-12-31' })).toEqual(['截止日期不能早于开始日期']);
    expect(stageIssues({ ...ok, dueOn: '2025-02-30' })[0]).toMatch(/不是有效日期/);
    expect(stageIssues({ ...ok, kind: 'monitoring' })[0]).toMatch(/须指定监控时点/);
    expect(stageIssues({ ...ok, kind: 'monitoring', roundAsOf: '2024-06-30' })).toEqual(['监控时点应在该年度内']);
    expect(stageIssues({ ...ok, kind: 'monitoring', roundAsOf: '2025-06-30' })).toEqual([]);
    expect(stageIssues({ ...ok, roundAsOf: '2025-06-30' })).toEqual(['只有绩效监控阶段有监控时点']);
    expect(stageIssues({ ...ok, kind: 'other' })[0]).toMatch(/不存在/);
  });
});
