import { describe, expect, it } from 'vitest';
import type { AuditEntryView, ReviewComment, WorkflowEvent } from '../../src/shared/api/projects';
import { changedSinceReturn, returnRounds } from '../../src/web/lib/returns';

const event = (id: number, toStatus: WorkflowEvent['toStatus'], at: string, comment: string | null = null): WorkflowEvent => ({
  id,
  fromStatus: 'submitted',
  toStatus,
  actor: '财政局绩效科',
  at,
  comment,
});
const comment = (id: number, eventId: number | null, field = 'name'): ReviewComment => ({ id, field, text: `意见${id}`, author: '财政局绩效科', at: '2025-03-01T00:00:00Z', eventId });
const audit = (...actions: string[]): { items: AuditEntryView[]; total: number; page: number; pageSize: number } => ({
  items: actions.map((action, i) => ({ id: 100 - i, at: '2025-03-01T00:00:00Z', actor: 'x', actorUserId: null, actorUsername: null, action, detail: {} })),
  total: actions.length,
  page: 1,
  pageSize: 20,
});

describe('return rounds', () => {
  it('numbers the returns in time order, lists the newest first, and keeps each return\'s comments with it', () => {
    const events = [event(1, 'submitted', '2025-03-01T01:00:00Z'), event(2, 'returned', '2025-03-02T00:00:00Z', '第一轮'), event(3, 'submitted', '2025-03-03T00:00:00Z'), event(4, 'returned', '2025-03-04T00:00:00Z', '第二轮')];
    const { rounds, other } = returnRounds({ events, comments: [comment(10, 2), comment(11, 4, 'indicator:0.target'), comment(12, 4), comment(13, null)] });
    expect(rounds.map((r) => [r.round, r.event.comment, r.comments.map((c) => c.id)])).toEqual([
      [2, '第二轮', [11, 12]],
      [1, '第一轮', [10]],
    ]);
    expect(other.map((c) => c.id)).toEqual([13]);
  });

  it('a returned project is changed once a save follows its last return in the log (newest first)', () => {
    expect(changedSinceReturn({ status: 'returned', audit: audit('project.return', 'project.submit', 'project.update') })).toBe(false);
    expect(changedSinceReturn({ status: 'returned', audit: audit('project.update', 'project.return') })).toBe(true);
    // the return more than a page back: a page of changes came after it
    expect(changedSinceReturn({ status: 'returned', audit: audit(...Array(20).fill('project.update')) })).toBe(true);
    expect(changedSinceReturn({ status: 'draft', audit: audit('project.update') })).toBe(false);
  });
});

describe('commentsFromFindings (由审核意见生成)', () => {
  const f = (field: string | null, indicatorIndex: number | null, message = 'm', suggestion = 's') => ({ field, indicatorIndex, message, suggestion });
  it('pins each finding to its field as the API names it; what has no field goes to the general comment', async () => {
    const { commentsFromFindings } = await import('../../src/web/lib/returns');
    const out = commentsFromFindings([f('budget.total', null), f('target', 2), f('name', 1), f('indicators', 0), f(null, null, '整体', ''), f('departmentGoals', null), f('spendingPlan.06', null)]);
    expect(out.comments).toEqual([
      { field: 'budget.total', text: 'm。建议：s' },
      { field: 'indicator:2.target', text: 'm。建议：s' },
      { field: 'indicator:1.indicatorName', text: 'm。建议：s' },
      { field: 'indicator:0', text: 'm。建议：s' },
      { field: 'spendingPlan.06', text: 'm。建议：s' },
    ]);
    expect(out.general).toEqual(['整体', 'm。建议：s']);
  });
});
