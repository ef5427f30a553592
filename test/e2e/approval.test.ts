/**
 * 审批与公开 in the browser (issue 33), on the demo data: with the ex-ante gate on for a project's
 * region and year, the reviewer's approve dialog names the held project and why, and does not let
 * it through; the reviewer issues (批复下达) a department's approved projects with a 文号 and date on
 * its page, the batch is listed with its notice; the public page of an issued, published project
 * shows its 批复文号 and date. Projects are looked up (no demo names assumed). The administrator's
 * 审批与公开 settings screen (区划 → 审批与公开): a region without its own settings shows what it
 * inherits and from where; a city's settings, saved after confirmation (a refusal stays in the
 * dialog), are inherited by its district; the review queue's 批复下达 names the projects the gate holds.
 */
import { describe, expect, it } from 'vitest';
import { saveApprovalSetting } from '../../src/server/db/approval.repository';
import { listExAnte } from '../../src/server/modules/ex-ante/ex-ante.service';
import type { Page } from 'playwright-core';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { chooseOption, clickSettled, dropdownsClosed, go, useE2e } from './harness';

/** Picks a region in the settings screen's tree select (its nodes read “name（code）”). */
async function chooseRegion(page: Page, code: string): Promise<void> {
  const select = page.getByTestId('approval-settings-region');
  await select.click();
  await page.keyboard.type(code);
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-title').filter({ hasText: `（${code}）` }).click();
  await dropdownsClosed(page);
  await page.locator(`[data-testid="approval-settings-card"]`).filter({ hasText: `（${code}）` }).waitFor();
}

describe('审批与公开 screens', () => {
  const e = useE2e();

  it('the approve dialog names a project the ex-ante gate holds, and why', async () => {
    const pending = (await listExAnte(e.db, {})).pending.map((p) => p.projectId);
    const target = await e.db
      .selectFrom('project')
      .select(['id', 'name', 'regionCode', 'year'])
      .where('id', 'in', pending.length > 0 ? pending : [-1])
      .where('status', '=', 'submitted')
      .where('regionCode', 'is not', null)
      .where('year', 'is not', null)
      .executeTakeFirst();
    expect(target, 'the demo has a submitted project that needs an assessment and has none').toBeDefined();
    await saveApprovalSetting(e.db, target!.regionCode!, target!.year!, { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: false }, new Date().toISOString(), 'test');

    const s = await e.session('reviewer');
    await go(s.page, `/projects/${target!.id}`);
    await s.page.getByTestId('action-approve').click();
    const held = s.page.getByTestId('action-gate-held');
    await held.waitFor();
    expect(await held.innerText()).toContain(`项目“${target!.name}”`);
    expect(await held.innerText()).toContain('事前绩效评估');
    expect(await s.page.getByTestId('action-confirm').isDisabled()).toBe(true);
    expect((await e.db.selectFrom('project').select('status').where('id', '=', target!.id).executeTakeFirstOrThrow()).status).toBe('submitted');
    s.expectNoErrors();
  });

  it('issues a department’s approved projects with a 文号 and date; the public page shows the 批复', async () => {
    const row = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .select(['d.departmentId', 'p.year'])
      .where('p.status', '=', 'approved')
      .where('d.isCurrent', '=', 1)
      .where('d.departmentId', 'is not', null)
      .executeTakeFirst();
    expect(row, 'the demo has approved projects').toBeDefined();
    const s = await e.session('reviewer');
    await go(s.page, `/departments/${row!.departmentId}?year=${row!.year}`);
    await s.page.getByTestId('open-issue').click();
    await s.page.getByTestId('issue-doc-number').fill('演示财预〔2025〕8号');
    await s.page.getByTestId('issue-date').fill('2025-03-05');
    await clickSettled(s.page.getByTestId('issue-confirm'));
    await s.page.getByTestId('approval-batch').first().waitFor();
    expect(await s.page.getByTestId('approval-batch-list').innerText()).toContain('演示财预〔2025〕8号');
    expect(await s.page.getByTestId('batch-notice').first().getAttribute('href')).toMatch(/^\/api\/approval-batches\/\d+\/notice\.docx$/);

    const issued = await e.db.selectFrom('project').select('id').where('status', '=', 'issued').orderBy('id').executeTakeFirstOrThrow();
    await e.db.updateTable('project').set({ status: 'published' }).where('id', '=', issued.id).execute();
    const pub = await e.newPage();
    await go(pub.page, `/public/projects/${issued.id}`);
    const line = pub.page.getByTestId('public-issue');
    await line.waitFor();
    expect(await line.innerText()).toContain('演示财预〔2025〕8号');
    expect(await line.innerText()).toContain('2025年3月5日');
    await pub.close();
    s.expectNoErrors();
  });

  it('the administrator sets a city’s 审批与公开 for a year after confirming; its district inherits it and says from where', async () => {
    const regions = await e.db.selectFrom('region').select(['code', 'name', 'parentCode']).execute();
    const codes = new Set(regions.map((r) => r.code));
    const child = regions.find((r) => r.parentCode !== null && codes.has(r.parentCode) && regions.find((p) => p.code === r.parentCode)!.parentCode !== null);
    expect(child, 'the demo has a district under a city under a province').toBeDefined();
    const city = regions.find((r) => r.code === child!.parentCode)!;
    // a year no other test sets
    const year = new Date().getFullYear() + 2;
    const admin = await e.session('admin');
    await go(admin.page, '/admin/regions');
    await admin.page.getByTestId('regions-tab-approval').click();
    await admin.page.getByTestId('approval-settings-card').waitFor();
    await chooseOption(admin.page, admin.page.getByTestId('approval-settings-year'), `${year}年度`);
    await chooseRegion(admin.page, child!.code);
    const source = admin.page.getByTestId('approval-settings-source');
    await expect.poll(() => source.innerText()).toContain('默认设置');
    expect(await admin.page.getByTestId('approval-settings-effective-text').innerText()).toBe('事前绩效评估把关：关闭；预算变动阈值：20%；公开须先批复：关闭');
    expect(await admin.page.getByTestId('approval-settings-save').isDisabled()).toBe(true);

    // the city: its own settings, 12.5% as per-mille 125
    await chooseRegion(admin.page, city.code);
    await admin.page.getByTestId('approval-settings-own').click();
    await admin.page.getByTestId('approval-settings-gate').click();
    await admin.page.getByRole('spinbutton', { name: '预算变动阈值（%）' }).fill('12.5');
    await admin.page.getByTestId('approval-settings-publish').click();
    // a refusal (the server down for a moment) stays in the confirmation, which stays open
    await admin.page.route(`**/api/regions/${city.code}/approval-settings`, (route) =>
      route.request().method() === 'PUT' ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'unavailable', message: '服务暂不可用' }) }) : route.fallback(),
    );
    await admin.page.getByTestId('approval-settings-save').click();
    expect(await admin.page.getByTestId('approval-settings-summary').innerText()).toContain('预算变动阈值：12.5%');
    await clickSettled(admin.page.getByTestId('approval-settings-confirm'));
    await admin.page.getByTestId('approval-settings-error').waitFor();
    await admin.page.unroute(`**/api/regions/${city.code}/approval-settings`);
    await clickSettled(admin.page.getByTestId('approval-settings-confirm'));
    await admin.page.getByTestId('approval-settings-summary').waitFor({ state: 'detached' });
    await expect.poll(() => source.innerText()).toBe('本级设置');
    const row = await e.db.selectFrom('approvalSetting').selectAll().where('regionCode', '=', city.code).where('year', '=', year).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ exAnteGate: 1, budgetChangePerMille: 125, publishRequiresIssue: 1 });
    const audit = (await listAuditEntries(e.db, { entity: 'region' })).filter((a) => a.action === 'region.approvalSettings');
    expect(audit.at(-1)?.detail).toMatchObject({ code: city.code, year, to: { exAnteGate: true, budgetChangePerMille: 125, publishRequiresIssue: true } });

    // the district inherits it, and says from where
    await chooseRegion(admin.page, child!.code);
    await expect.poll(() => source.innerText()).toBe(`沿用${city.name}的设置`);
    expect(await admin.page.getByTestId('approval-settings-effective-text').innerText()).toBe('事前绩效评估把关：开启；预算变动阈值：12.5%；公开须先批复：开启');
    expect(await admin.page.getByTestId('approval-settings-mode').innerText()).toContain(`${city.name}${year}年度`);
    admin.expectNoErrors([/status of 503/]);
  });

  it('the review queue’s 批复下达 names the department’s projects the gate holds, with the reason', async () => {
    // a department with an approved project and a submitted one that needs an assessment and has none
    const pending = (await listExAnte(e.db, {})).pending.map((p) => p.projectId);
    const rows = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .select(['p.id', 'p.name', 'p.status', 'p.regionCode', 'p.year', 'd.departmentId'])
      .where('d.isCurrent', '=', 1)
      .where('p.status', 'in', ['approved', 'submitted'])
      .execute();
    const held = rows.find((r) => r.status === 'submitted' && pending.includes(r.id) && r.regionCode !== null && rows.some((a) => a.status === 'approved' && a.departmentId === r.departmentId && a.year === r.year));
    expect(held, 'the demo has such a department').toBeDefined();
    await saveApprovalSetting(e.db, held!.regionCode!, held!.year!, { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: false }, new Date().toISOString(), 'test');
    const department = await e.db.selectFrom('department').select(['name', 'code']).where('id', '=', held!.departmentId!).executeTakeFirstOrThrow();

    const s = await e.session('reviewer');
    await go(s.page, '/review');
    await s.page.getByTestId('review-table').waitFor();
    expect(await s.page.getByTestId('review-open-issue').isDisabled()).toBe(true);
    await chooseOption(s.page, s.page.getByTestId('filter-department'), department.code ? `${department.code} ${department.name}` : department.name, { search: department.name });
    const open = s.page.getByTestId('review-open-issue');
    await expect.poll(() => open.isDisabled()).toBe(false);
    await open.click();
    const dialogHeld = s.page.locator(`[data-testid="issue-held-project"][data-id="${held!.id}"]`);
    await dialogHeld.waitFor();
    expect(await dialogHeld.innerText()).toContain(`项目“${held!.name}”`);
    expect(await dialogHeld.innerText()).toContain('事前绩效评估');
    // the department's approved projects of the year are offered and chosen; the held one is not among them
    const offered = s.page.getByTestId('issue-project');
    expect(await offered.count()).toBeGreaterThan(0);
    expect(await s.page.getByTestId('issue-projects').locator('input[type=checkbox]:checked').count()).toBe(await offered.count());
    expect(await s.page.getByTestId('issue-projects').innerText()).not.toContain(held!.name);
    await s.page.keyboard.press('Escape');
    s.expectNoErrors();
  });
});
