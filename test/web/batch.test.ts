import { describe, expect, it } from 'vitest';
import { actionStartsFrom, batchSummary, currentSelection, skippedMessage } from '../../src/web/lib/batch';

describe('batch summary', () => {
  it('counts every row: done, refused by the server and skipped, with the rows\' own reasons', () => {
    const s = batchSummary('公开', [
      { id: 1, kind: 'done', message: '已公开' },
      { id: 2, kind: 'skipped', message: skippedMessage('公开') },
      { id: 3, kind: 'failed', message: '项目已被他人修改' },
      { id: 4, kind: 'skipped', message: skippedMessage('公开') },
    ]);
    expect(s.title).toBe('公开完成 1 个，未公开 3 个');
    expect(s.reasons).toEqual([
      { message: '状态已变，不能公开', count: 2 },
      { message: '项目已被他人修改', count: 1 },
    ]);
    expect(s.type).toBe('warning');
  });

  it('all done is a success; none done an error', () => {
    expect(batchSummary('公开', [{ id: 1, kind: 'done', message: '已公开' }])).toMatchObject({ title: '公开完成 1 个', type: 'success', notDone: 0 });
    expect(batchSummary('公开', [{ id: 1, kind: 'skipped', message: 'x' }])).toMatchObject({ done: 0, notDone: 1, type: 'error' });
  });

  it('the buttons: an action applies from the statuses it starts from; the selection keeps only listed rows', () => {
    expect(actionStartsFrom('publish', 'approved')).toBe(true);
    expect(actionStartsFrom('publish', 'submitted')).toBe(false);
    expect(actionStartsFrom('return', 'unit_submitted')).toBe(true);
    expect(actionStartsFrom('forward', 'submitted')).toBe(false);
    expect(actionStartsFrom('forward', 'section_submitted')).toBe(true);
    expect(actionStartsFrom('return', 'section_submitted')).toBe(true);
    expect(actionStartsFrom('approve', 'section_submitted')).toBe(false);
    expect(currentSelection([3, 1, 9], [{ id: 1 }, { id: 2 }, { id: 3 }]).map((r) => r.id)).toEqual([1, 3]);
  });
});
