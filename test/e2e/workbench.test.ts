/**
 * 工作台 in a real browser, on the four real documents with the demo workflow spread over them:
 * each role lands on it after signing in; the bureau sees its queue oldest first and approves
 * several projects in one confirmation; a department's editor sees its returned projects with the
 * reviewer's reason and its drafts.
 */
import { describe, expect, it } from 'vitest';
import { currentProjects, storedErrorCounts } from './data';
import { saveScreenshot } from './browser';
import { fixtureFiles, go, login, settled, useE2e } from './harness';

const e = useE2e({ files: fixtureFiles() });

describe('工作台', () => {
  it('the reviewer lands on it: the counts, the queue oldest first, and a batch approval under one confirmation', async () => {
    const s = await e.newPage();
    await login(s.page, ...e.account('reviewer'));
    await s.page.waitForURL(/\/workbench$/);
    const submitted = await currentProjects(e.db, { status: 'submitted' });
    const approved = await currentProjects(e.db, { status: 'approved' });
    await s.page.locator(`[data-testid="workbench-count-submitted"][data-count="${submitted.length}"]`).waitFor();
    await s.page.locator(`[data-testid="workbench-count-approved"][data-count="${approved.length}"]`).waitFor();
    const rows = s.page.getByTestId('workbench-queue-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(20, submitted.length));
    await saveScreenshot(s.page, 'workbench', { readme: true });

    // two of the queue: with open errors among them, the confirmation asks for a reason
    expect(submitted.length).toBeGreaterThanOrEqual(2);
    const ids = (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))).slice(0, 2);
    for (const id of ids) await s.page.locator(`[data-testid="workbench-queue-row"][data-id="${id}"] .ant-checkbox-input`).check();
    await s.page.getByTestId('batch-approve').click();
    const items = s.page.getByTestId('batch-item');
    await s.page.locator('[data-testid="batch-item"][data-allowed="true"]').nth(1).waitFor();
    expect(await items.count()).toBe(2);
    const errors = await storedErrorCounts(e.db, ids);
    // the dialog open and settled (its zoom over), its projects read
    const confirm = await settled(s.page.getByTestId('batch-confirm'));
    if (ids.some((id) => (errors.get(id) ?? 0) > 0)) {
      await s.page.getByTestId('batch-open-errors').waitFor();
      expect(await confirm.isDisabled()).toBe(true);
      await s.page.getByTestId('batch-comment').fill('已与单位核实，问题记入整改。');
    }
    await confirm.click();
    await s.page.locator('[data-testid="batch-result"][data-ok="2"]').waitFor();
    const statuses = await e.db.selectFrom('project').select('status').where('id', 'in', ids).execute();
    expect(statuses.map((p) => p.status)).toEqual(['approved', 'approved']);
    const events = await e.db.selectFrom('workflowEvent').select('projectId').where('projectId', 'in', ids).where('toStatus', '=', 'approved').execute();
    expect(events.map((x) => x.projectId).sort()).toEqual([...ids].sort());
    await confirm.click(); // 完成
    await s.page.locator(`[data-testid="workbench-count-approved"][data-count="${approved.length + 2}"]`).waitFor();
    s.expectNoErrors();
    await s.close();
  });

  it("a department's editor lands on it: its returned projects with the reviewer's reason, and its drafts", async () => {
    const returned = await currentProjects(e.db, { status: 'returned' });
    expect(returned.length).toBeGreaterThan(0);
    const departmentId = returned[0]!.departmentId;
    const code = (await e.db.selectFrom('department').select('code').where('id', '=', departmentId).executeTakeFirstOrThrow()).code;
    const own = returned.filter((p) => p.departmentId === departmentId);
    const lastReturn = await e.db
      .selectFrom('workflowEvent')
      .select(['comment'])
      .where('projectId', '=', own[0]!.id)
      .where('toStatus', '=', 'returned')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const s = await e.newPage();
    await login(s.page, ...e.account(`dept-${code}`));
    await s.page.waitForURL(/\/workbench$/);
    const rows = s.page.getByTestId('workbench-returned-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(own.length);
    const row = s.page.locator(`[data-testid="workbench-returned-row"][data-id="${own[0]!.id}"]`);
    await row.getByTestId('workbench-return-reason').waitFor();
    if (lastReturn.comment) expect(await row.getByTestId('workbench-return-reason').innerText()).toContain(lastReturn.comment);
    const drafts = (await currentProjects(e.db, { status: 'draft' })).filter((p) => p.departmentId === departmentId);
    await s.page.locator(`[data-testid="workbench-count-draft"][data-count="${drafts.length}"]`).waitFor();
    // no other department's project anywhere on it
    // (a name one of its own projects also bears — the 整改 card lists its own projects — proves nothing)
    const all = await currentProjects(e.db);
    const ownNames = all.filter((p) => p.departmentId === departmentId).map((p) => p.name);
    const others = all.filter((p) => p.departmentId !== departmentId).map((p) => p.name);
    const text = await s.page.getByTestId('workbench-page').innerText();
    for (const name of others) if (!ownNames.some((n) => n.includes(name))) expect(text.includes(name), name).toBe(false);
    await go(s.page, '/');
    await s.page.waitForURL(/\/workbench$/);
    s.expectNoErrors();
    await s.close();
  });
});
