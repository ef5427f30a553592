/**
 * 事前绩效评估 in the browser, end to end on the demo data: a department's editor opens a project
 * that needs an assessment from the 事前评估 list, creates it (绩效目标合理性 pre-filled), scores it
 * with the total computed live, saves and submits; the reviewer returns it with a reason; the editor
 * sees the reason, revises, resubmits; the reviewer approves. The project and accounts are looked up
 * (no demo names are assumed); what the browser showed is checked against the database.
 */
import { describe, expect, it } from 'vitest';
import { findExAnteAssessment, listExAnteEvents } from '../../src/server/db/ex-ante.repository';
import { listExAnte } from '../../src/server/modules/ex-ante/ex-ante.service';
import { saveScreenshot } from './browser';
import { clickSettled, go, login, reopen, useE2e } from './harness';

describe('ex-ante assessment screens', () => {
  const e = useE2e();

  it('written by an editor, returned with a reason, revised, resubmitted and approved', async () => {
    // A project that needs an assessment and has none, of a department with a demo editor.
    const list = await listExAnte(e.db, {});
    const editors = e.demoLogins.filter((l) => l.role === 'editor');
    const target = list.pending.find((p) => editors.some((l) => l.departmentName === p.departmentName))!;
    expect(target, 'the demo leaves projects to assess').toBeDefined();
    const editor = editors.find((l) => l.departmentName === target.departmentName)!;

    const s = await e.newPage();
    const { page } = s;
    await login(page, editor.username, editor.password);
    // The workbench says what waits.
    await expect.poll(() => page.getByTestId('workbench-ex-ante').innerText()).toMatch(/个项目需评估尚未填写/);
    // The menu entry (roles.test.ts checks it is there); a long department name can push it into the menu's overflow.
    expect(await page.getByTestId('nav-ex-ante').count()).toBe(1);
    await go(page, '/ex-ante');
    await page.getByTestId('ex-ante-list-page').waitFor();
    await page.getByTestId('ex-ante-pending').getByText(target.name, { exact: true }).first().click();
    await page.locator(`[data-testid="ex-ante-page"][data-id="${target.projectId}"]`).waitFor();
    await page.getByTestId('ex-ante-create').click();
    const assessment = page.getByTestId('ex-ante-assessment');
    await assessment.waitFor();

    // 绩效目标合理性 is pre-filled (a suggestion on each of its criteria); the others are empty.
    const targets = page.locator('[data-testid="ex-ante-dimension"][data-dimension="targets"]');
    expect(await targets.getByTestId('ex-ante-suggestion').count()).toBe(await targets.getByTestId('ex-ante-criterion').count());
    const rows = page.getByTestId('ex-ante-criterion');
    const n = await rows.count();
    expect(n).toBeGreaterThan(10);
    const total = () => page.getByTestId('ex-ante-live-total').locator('.ant-statistic-content-value').innerText();
    const before = Number(await total());

    // Full points everywhere, except 1.5 off the first criterion, with its reason.
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      const points = row.locator('.ant-input-number input');
      const max = (await row.locator('td').nth(1).innerText()).trim();
      if (i === 0) {
        await points.fill(String(Number(max) - 1.5));
        await row.locator('textarea').fill('政策依据引用不够具体');
      } else if (i >= 1 && (await points.inputValue()) === '') {
        await points.fill(max);
      }
    }
    await page.getByTestId('ex-ante-conclusion-reason').fill('项目立项依据充分，测算基本合理，建议予以支持。');
    const live = Number(await total());
    expect(live).toBeGreaterThan(before);
    await saveScreenshot(page, 'ex-ante-edit');
    await page.getByTestId('ex-ante-save').click();
    await page.locator('[data-testid="ex-ante-assessment"][data-version="2"]').waitFor();
    const stored = (await findExAnteAssessment(e.db, target.projectId))!;
    // What the browser computed while typing is what the server stored.
    expect(stored.totalTenths / 10).toBe(live);
    expect(stored.complete).toBe(1);
    await page.getByTestId('ex-ante-submit').click();
    await page.locator('[data-testid="ex-ante-assessment"][data-status="submitted"]').waitFor();
    s.expectNoErrors();

    // The reviewer finds it among the submitted ones and returns it with a reason.
    const r = await e.newPage();
    await login(r.page, ...e.account('reviewer'));
    await expect.poll(() => r.page.getByTestId('workbench-ex-ante').innerText()).toMatch(/\d+ 个评估待审核/);
    await go(r.page, '/ex-ante');
    await r.page.getByTestId('ex-ante-list-page').waitFor();
    await r.page.getByTestId('ex-ante-status-filter').getByText(/^已提交/).click();
    const row = r.page.locator(`[data-testid="ex-ante-row"][data-project="${target.projectId}"]`);
    await row.waitFor();
    // Only submitted ones, once the filtered list has replaced the whole one.
    await expect.poll(() => r.page.getByTestId('ex-ante-row').evaluateAll((rows) => rows.every((x) => x.getAttribute('data-status') === 'submitted'))).toBe(true);
    await saveScreenshot(r.page, 'ex-ante-list');
    await row.getByTestId('ex-ante-project-link').click();
    await r.page.locator('[data-testid="ex-ante-assessment"][data-status="submitted"]').waitFor();
    expect(await r.page.getByTestId('ex-ante-save').count()).toBe(0);
    await r.page.getByTestId('ex-ante-return').click();
    await r.page.getByTestId('ex-ante-return-reason').fill('成本测算依据不足，请补充单价来源。');
    await clickSettled(r.page.getByTestId('ex-ante-return-confirm'));
    await r.page.locator('[data-testid="ex-ante-assessment"][data-status="returned"]').waitFor();
    r.expectNoErrors();

    // The editor sees the reason (also in the list), revises and resubmits.
    await go(page, '/ex-ante?status=returned');
    await reopen(page);
    await expect.poll(() => page.locator(`[data-testid="ex-ante-row"][data-project="${target.projectId}"]`).getByTestId('ex-ante-return-comment').innerText()).toContain('成本测算依据不足');
    await page.locator(`[data-testid="ex-ante-row"][data-project="${target.projectId}"]`).getByTestId('ex-ante-project-link').click();
    await page.locator('[data-testid="ex-ante-assessment"][data-status="returned"]').waitFor();
    expect(await page.getByTestId('ex-ante-returned').innerText()).toContain('成本测算依据不足，请补充单价来源。');
    const cost = page.locator('[data-testid="ex-ante-criterion"][data-criterion="economy.cost"]');
    await cost.locator('.ant-input-number input').fill('6');
    await cost.locator('textarea').fill('单价已按市场询价补充，部分设备单价偏高');
    await page.getByTestId('ex-ante-save').click();
    await expect.poll(async () => (await findExAnteAssessment(e.db, target.projectId))!.totalTenths / 10).toBe(live - 2);
    await page.getByTestId('ex-ante-submit').click();
    await page.locator('[data-testid="ex-ante-assessment"][data-status="submitted"]').waitFor();
    s.expectNoErrors();

    // The reviewer approves.
    await reopen(r.page);
    await r.page.locator('[data-testid="ex-ante-assessment"][data-status="submitted"]').waitFor();
    await r.page.getByTestId('ex-ante-approve').click();
    await r.page.locator('[data-testid="ex-ante-assessment"][data-status="approved"]').waitFor();
    expect(await r.page.getByTestId('ex-ante-events').innerText()).toContain('成本测算依据不足');
    expect(await r.page.getByTestId('ex-ante-docx').getAttribute('href')).toBe(`/api/projects/${target.projectId}/ex-ante.docx`);
    await saveScreenshot(r.page, 'ex-ante-approved');
    r.expectNoErrors();

    const final = (await findExAnteAssessment(e.db, target.projectId))!;
    expect(final).toMatchObject({ status: 'approved', result: 'support' });
    expect((await listExAnteEvents(e.db, final.id)).map((x) => [x.fromStatus, x.toStatus])).toStrictEqual([
      ['draft', 'submitted'],
      ['submitted', 'returned'],
      ['returned', 'submitted'],
      ['submitted', 'approved'],
    ]);
    await r.close();
    await s.close();
  });

  it('the project list tags the projects that need an assessment, and those that have one', async () => {
    const s = await e.newPage();
    await login(s.page, ...e.account('reviewer'));
    await go(s.page, '/projects?pageSize=100');
    await s.page.getByTestId('project-link').first().waitFor();
    await expect.poll(() => s.page.getByTestId('ex-ante-list-tag').count()).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByTestId('ex-ante-need').count()).toBeGreaterThan(0);
    s.expectNoErrors();
    await s.close();
  });

  it('the project page says the project needs an assessment and leads to it', async () => {
    const list = await listExAnte(e.db, {});
    const item = list.items.find((i) => i.need.reason === 'new')!;
    const s = await e.newPage();
    await login(s.page, ...e.account('reviewer'));
    await go(s.page, `/projects/${item.projectId}`);
    const entry = s.page.getByTestId('ex-ante-entry');
    await entry.waitFor();
    expect(await entry.getByTestId('ex-ante-need').getAttribute('data-reason')).toBe('new');
    await entry.getByTestId('open-ex-ante').click();
    await s.page.locator(`[data-testid="ex-ante-page"][data-id="${item.projectId}"]`).waitFor();
    await s.page.getByTestId('ex-ante-assessment').waitFor();
    s.expectNoErrors();
    await s.close();
  });
});
