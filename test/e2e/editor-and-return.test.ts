/**
 * Issue 34, points 3–5, in a real browser on the generated demo data:
 * (3) a batch action's summary counts what happened to every row — done, refused by the server,
 *     not sent because its status changed — with the rows' own reasons, and after it the
 *     selection is cleared and the batch buttons are disabled;
 * (4) the editor (see the second describe);
 * (5) returning with comments on any field (see the third describe).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentProjects } from './data';
import { clickSettled, go, screenshotsOnFailure, startE2e, type E2e } from './harness';

let e: E2e;

beforeAll(async () => {
  e = await startE2e();
});
afterAll(() => e?.close());
screenshotsOnFailure(() => e);

describe('batch feedback (issue 34 point 3)', () => {
  it('counts the rows done, refused and skipped with their reasons, then clears the selection and disables the buttons', async () => {
    const s = await e.session('reviewer');
    await go(s.page, '/workbench');
    const rows = s.page.getByTestId('workbench-queue-row');
    await rows.nth(2).waitFor();
    const ids = (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))).slice(0, 3);
    for (const id of ids) await s.page.locator(`[data-testid="workbench-queue-row"][data-id="${id}"] .ant-checkbox-input`).check();
    const approve = s.page.getByTestId('batch-approve');
    await s.page.locator('[data-testid="batch-approve"][data-count="3"]').waitFor();

    // another reviewer approved the first meanwhile (the list on screen does not know yet)
    const [skipped, refused, done] = ids as [number, number, number];
    await e.db.updateTable('project').set({ status: 'approved' }).where('id', '=', skipped).execute();
    await approve.click();
    await s.page.locator(`[data-testid="batch-item"][data-id="${skipped}"][data-allowed="false"]`).waitFor();
    await s.page.locator(`[data-testid="batch-item"][data-id="${done}"][data-allowed="true"]`).waitFor();
    await s.page.locator(`[data-testid="batch-item"][data-id="${refused}"][data-allowed="true"]`).waitFor();
    // … and another one was saved after the dialog read it: the server refuses its stale version
    const before = await e.db.selectFrom('project').select('version').where('id', '=', refused).executeTakeFirstOrThrow();
    await e.db.updateTable('project').set({ version: before.version + 1 }).where('id', '=', refused).execute();
    const comment = s.page.getByTestId('batch-comment');
    if (await s.page.getByTestId('batch-open-errors').isVisible()) await comment.fill('已与单位核实，问题记入整改。');
    await clickSettled(s.page.getByTestId('batch-confirm'));

    const result = s.page.locator('[data-testid="batch-result"][data-finished="true"]');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('1');
    expect(await result.getAttribute('data-not-done')).toBe('2');
    const title = await result.locator('.ant-alert-title, .ant-alert-message').first().innerText();
    expect(title).toContain('完成 1 个');
    expect(title).toContain('未审核通过 2 个');
    expect(title).not.toContain('失败 0 个');
    // each row's own message is among the reasons the summary gives
    const reasons = await result.getByTestId('batch-reason').allInnerTexts();
    expect(reasons).toHaveLength(2);
    for (const [id, kind] of [
      [skipped, 'skipped'],
      [refused, 'failed'],
      [done, 'done'],
    ] as const) {
      const outcome = s.page.locator(`[data-testid="batch-item"][data-id="${id}"] [data-testid="batch-item-outcome"]`);
      expect(await outcome.getAttribute('data-kind')).toBe(kind);
      const text = await outcome.innerText();
      if (kind === 'done') expect(text).toBe('已审核通过');
      else expect(reasons.some((r) => r.startsWith(`${text}：1 个`)), `${text} in ${reasons.join(' / ')}`).toBe(true);
    }
    expect(reasons.join('\n')).toContain('状态已变，不能审核通过');
    const stored = await e.db.selectFrom('project').select(['id', 'status']).where('id', 'in', ids).execute();
    expect(Object.fromEntries(stored.map((p) => [p.id, p.status]))).toEqual({ [skipped]: 'approved', [refused]: 'submitted', [done]: 'approved' });

    await clickSettled(s.page.getByTestId('batch-confirm')); // 完成
    // the selection is gone and the batch buttons with it
    await s.page.locator('[data-testid="batch-approve"][data-count="0"]').waitFor();
    expect(await approve.isDisabled()).toBe(true);
    expect(await s.page.getByTestId('batch-return').isDisabled()).toBe(true);
    await s.page.locator(`[data-testid="workbench-queue-row"][data-id="${done}"]`).waitFor({ state: 'detached' });
    expect(await s.page.locator('[data-testid="workbench-queue"] .ant-checkbox-input:checked').count()).toBe(0);
    expect((await currentProjects(e.db, { status: 'approved' })).some((p) => p.id === done)).toBe(true);
    s.expectNoErrors([/409/]);
  });
});
