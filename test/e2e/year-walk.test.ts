/**
 * One project through its budget year in a real browser (issue 33), on the demo data, with the
 * region's 审批与公开 settings on for the year (the ex-ante gate, publication only after 批复):
 *
 *   申报 → 事前评估 → 审核 → 批复 → 公开 → 调整 → 监控
 *
 * - 申报: the department's editor submits a (draft) project that needs an ex-ante assessment;
 * - 事前评估: the approve dialog in the review queue holds it and says why; the editor writes and
 *   submits the 事前绩效评估, the reviewer approves it, concluded 予以支持;
 * - 审核: the reviewer approves it in the review queue, the dialog naming what the approval rests on;
 * - 批复: from the review queue, 批复下达 for its department with a 文号 and date (the project
 *   preselected); the notice downloads and is a real .docx naming the 文号 and the project;
 * - 公开: the reviewer publishes it; the public page shows the 批复 date;
 * - 调整: the editor asks to adjust its first target from 1 July, the reviewer approves it; the
 *   public page shows the adjusted value with its note;
 * - 监控: the editor fills a monitoring round (31 July), measured against the adjusted target.
 *
 * The project and accounts are looked up (no demo names assumed); each step is checked against the
 * database as well as on the screen.
 */
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveApprovalSetting } from '../../src/server/db/approval.repository';
import { findExAnteAssessment } from '../../src/server/db/ex-ante.repository';
import { listExAnte } from '../../src/server/modules/ex-ante/ex-ante.service';
import { saveScreenshot } from './browser';
import { currentProjects } from './data';
import { chooseOption, clickSettled, go, login, open, settled, useE2e } from './harness';

const e = useE2e();

/** The page of project `id` (not the one shown before it). */
const projectPage = (page: Page, id: number) => page.locator(`[data-testid="project-page"][data-id="${id}"]`);

/** Confirms the open action dialog; where it lists open 错误 findings, with a reason first. */
async function confirmAction(page: Page): Promise<void> {
  const confirm = await settled(page.getByTestId('action-confirm'));
  if (await page.getByTestId('action-open-errors').isVisible()) await page.getByTestId('action-comment').fill('已核实，问题记入整改。');
  await confirm.click();
}

const statusOf = async (id: number) => (await e.db.selectFrom('project').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('a project’s year, in the browser', () => {
  it('申报 → 事前评估 → 审核 → 批复 → 公开 → 调整 → 监控', async () => {
    // A project that needs an assessment and has none, not yet approved, of a department with a demo
    // editor; the walk starts from its draft (the demo's such projects are already submitted: arranged).
    const pending = (await listExAnte(e.db, {})).pending;
    const unfinished = new Map((await currentProjects(e.db)).filter((p) => ['draft', 'submitted', 'returned'].includes(p.status)).map((p) => [p.id, p]));
    const editors = e.demoLogins.filter((l) => l.role === 'editor');
    const target = pending.find((p) => unfinished.has(p.projectId) && editors.some((l) => l.departmentName === p.departmentName));
    expect(target, 'the demo has a project that needs an assessment, not yet approved, of a department with an editor').toBeDefined();
    const id = target!.projectId;
    await e.db.updateTable('project').set({ status: 'draft' }).where('id', '=', id).execute();
    const editorLogin = editors.find((l) => l.departmentName === target!.departmentName)!;
    const project = await e.db.selectFrom('project').select(['regionCode', 'year', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(project.regionCode).not.toBeNull();
    expect(project.year).not.toBeNull();
    const year = project.year!;
    const department = await e.db.selectFrom('department').select(['name', 'code']).where('id', '=', target!.departmentId).executeTakeFirstOrThrow();
    // The region's year: the gate on, publication only after 批复 (the settings screen is approval.test.ts's).
    await saveApprovalSetting(e.db, project.regionCode!, year, { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: true }, new Date().toISOString(), 'test');

    // ── 申报: the editor submits ────────────────────────────────────────────────────────────
    const editor = await e.newPage();
    await login(editor.page, editorLogin.username, editorLogin.password);
    await go(editor.page, `/projects/${id}`);
    await projectPage(editor.page, id).getByTestId('action-submit').click();
    await confirmAction(editor.page);
    await projectPage(editor.page, id).locator('[data-testid="status-tag"][data-status="submitted"]').waitFor();
    expect(await statusOf(id)).toBe('submitted');
    editor.expectNoErrors();

    // The gate holds it in the review queue's approve dialog, and says why.
    const reviewer = await e.newPage();
    await login(reviewer.page, ...e.account('reviewer'));
    await go(reviewer.page, '/review');
    await reviewer.page.getByTestId('review-table').waitFor();
    await chooseOption(reviewer.page, reviewer.page.getByTestId('filter-department'), department.code ? `${department.code} ${department.name}` : department.name, { search: department.name });
    const row = reviewer.page.locator(`[data-testid="review-row"][data-id="${id}"]`);
    await row.getByTestId('action-approve').click();
    const held = reviewer.page.getByTestId('action-gate-held');
    await held.waitFor();
    expect(await held.innerText()).toContain('尚未进行事前绩效评估');
    expect(await reviewer.page.getByTestId('action-confirm').isDisabled()).toBe(true);
    await reviewer.page.keyboard.press('Escape');
    await held.waitFor({ state: 'detached' });

    // ── 事前评估: the editor writes and submits it, the reviewer approves it 予以支持 ─────────
    await go(editor.page, `/projects/${id}/ex-ante`);
    await editor.page.locator(`[data-testid="ex-ante-page"][data-id="${id}"]`).waitFor();
    await editor.page.getByTestId('ex-ante-create').click();
    await editor.page.getByTestId('ex-ante-assessment').waitFor();
    const criteria = editor.page.getByTestId('ex-ante-criterion');
    const n = await criteria.count();
    expect(n).toBeGreaterThan(10);
    for (let i = 0; i < n; i++) {
      const c = criteria.nth(i);
      await c.locator('.ant-input-number input').fill((await c.locator('td').nth(1).innerText()).trim());
    }
    await editor.page.getByTestId('ex-ante-conclusion-reason').fill('立项依据充分，绩效目标明确，测算合理，予以支持。');
    await editor.page.getByTestId('ex-ante-save').click();
    await editor.page.locator('[data-testid="ex-ante-assessment"][data-version="2"]').waitFor();
    await editor.page.getByTestId('ex-ante-submit').click();
    await editor.page.locator('[data-testid="ex-ante-assessment"][data-status="submitted"]').waitFor();
    editor.expectNoErrors();

    await go(reviewer.page, `/projects/${id}/ex-ante`);
    await reviewer.page.locator('[data-testid="ex-ante-assessment"][data-status="submitted"]').waitFor();
    await reviewer.page.getByTestId('ex-ante-approve').click();
    await reviewer.page.locator('[data-testid="ex-ante-assessment"][data-status="approved"]').waitFor();
    expect(await findExAnteAssessment(e.db, id)).toMatchObject({ status: 'approved', result: 'support' });

    // ── 审核: approved in the review queue, the dialog naming what the approval rests on ───────
    await go(reviewer.page, '/review');
    await chooseOption(reviewer.page, reviewer.page.getByTestId('filter-department'), department.code ? `${department.code} ${department.name}` : department.name, { search: department.name });
    await row.getByTestId('action-approve').click();
    const basis = reviewer.page.getByTestId('action-gate-basis');
    await basis.waitFor();
    expect(await basis.innerText()).toContain('予以支持');
    await confirmAction(reviewer.page);
    await row.waitFor({ state: 'detached' });
    await expect.poll(() => statusOf(id)).toBe('approved');

    // ── 批复: 批复下达 from the review queue, with a 文号; the notice is a real .docx ─────────
    const docNumber = `演示财预〔${year}〕21号`;
    const issuedOn = `${year}-03-20`;
    const openIssue = reviewer.page.getByTestId('review-open-issue');
    await expect.poll(() => openIssue.isDisabled()).toBe(false);
    await openIssue.click();
    await reviewer.page.getByTestId('issue-form').waitFor();
    if (await reviewer.page.getByTestId('issue-year').isVisible()) await chooseOption(reviewer.page, reviewer.page.getByTestId('issue-year'), `${year}年度`);
    // the department's approved projects of the year are preselected, this one among them
    await expect.poll(() => reviewer.page.getByTestId('issue-projects').locator(`input[value="${id}"]`).isChecked()).toBe(true);
    await reviewer.page.getByTestId('issue-doc-number').fill(docNumber);
    await reviewer.page.getByTestId('issue-date').fill(issuedOn);
    await saveScreenshot(reviewer.page, 'issue-from-review');
    await clickSettled(reviewer.page.getByTestId('issue-confirm'));
    await reviewer.page.getByTestId('issue-result').waitFor();
    expect(await statusOf(id)).toBe('issued');
    const [download] = await Promise.all([reviewer.page.waitForEvent('download'), reviewer.page.getByTestId('issued-notice').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(docNumber);
    expect(xml).toContain(project.name);
    await reviewer.page.getByTestId('issue-done').click();
    await reviewer.page.getByTestId('issue-result').waitFor({ state: 'detached' });

    // ── 公开: published; the public page shows the 批复 ─────────────────────────────────────
    await go(reviewer.page, `/projects/${id}`);
    await projectPage(reviewer.page, id).locator('[data-testid="status-tag"][data-status="issued"]').waitFor();
    await projectPage(reviewer.page, id).getByTestId('action-publish').click();
    await confirmAction(reviewer.page);
    await projectPage(reviewer.page, id).locator('[data-testid="status-tag"][data-status="published"]').waitFor();
    reviewer.expectNoErrors();
    const anon = await e.newPage();
    await go(anon.page, `/public/projects/${id}`);
    const line = anon.page.getByTestId('public-issue');
    await line.waitFor();
    const [, m, d] = issuedOn.split('-').map(Number);
    expect(await line.innerText()).toContain(`${year}年${m}月${d}日`);
    expect(await line.innerText()).toContain(docNumber);
    anon.expectNoErrors();
    await anon.close();

    // ── 调整: the department asks to adjust its first target from 1 July, the reviewer approves; ──
    // ── the public page shows the adjusted value with its note ──────────────────────────────
    const adjustedOn = `${year}-07-01`;
    const adjustedTarget = '≥24680人次';
    await go(editor.page, `/projects/${id}`);
    await editor.page.getByTestId('request-adjustment').click();
    await editor.page.getByTestId('adjust-target-0').fill(adjustedTarget);
    await editor.page.getByTestId('adjustment-date').fill(adjustedOn);
    await editor.page.getByTestId('adjustment-reason').fill('服务对象增加，目标相应提高');
    await editor.page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => editor.page.getByTestId('adjustment-requests').innerText().catch(() => '')).toContain('待审核');
    // a fresh load: the reviewer's app still holds this page's answers from the 公开 step (fresh for 10 s)
    await open(reviewer.page, `/projects/${id}`);
    await reviewer.page.getByTestId('adjustment-approve').click();
    // 通过 asks to confirm, with what changes (issue 71)
    await clickSettled(reviewer.page.getByTestId('adjustment-confirm-ok'));
    await expect.poll(() => reviewer.page.getByTestId('adjustment-versions').innerText()).toContain('第 2 版');
    reviewer.expectNoErrors();
    const anonAfter = await e.newPage();
    await go(anonAfter.page, `/public/projects/${id}`);
    await anonAfter.page.getByTestId('public-adjustment').waitFor();
    expect(await anonAfter.page.getByTestId('public-adjustment').innerText()).toContain(adjustedTarget);
    expect(await anonAfter.page.getByTestId('adjustment-note').first().innerText()).toContain(`${year}年7月1日调整`);
    anonAfter.expectNoErrors();
    await anonAfter.close();

    // ── 监控: the editor fills a monitoring round ─────────────────────────────────────────
    await go(editor.page, `/projects/${id}/monitoring`);
    await editor.page.locator(`[data-testid="project-monitoring-page"][data-id="${id}"]`).waitFor();
    await editor.page.getByTestId('new-round').click();
    await editor.page.getByTestId('execution-form').waitFor();
    await editor.page.getByTestId('entry-spent').fill('1.5');
    await clickSettled(editor.page.getByTestId('entry-save'));
    await editor.page.getByTestId('execution-form').waitFor({ state: 'detached' });
    await editor.page.getByTestId('edit-round').waitFor();
    const rounds = await e.db.selectFrom('executionRecord').select(['asOf', 'spent']).where('projectId', '=', id).execute();
    expect(rounds).toHaveLength(1);
    expect(Number(rounds[0]!.spent)).toBe(1_500_000);
    expect(rounds[0]!.asOf.startsWith(`${year}-`)).toBe(true);
    // the round falls after the adjustment's date: measured against the adjusted target
    expect(rounds[0]!.asOf >= adjustedOn).toBe(true);
    await expect.poll(() => editor.page.getByTestId('indicator-progress-table').innerText()).toContain(adjustedTarget);
    editor.expectNoErrors();
    await editor.close();
    await reviewer.close();
    // two sessions and some fifteen screens: 195 s at load 28 on two cores
  }, 360_000);
});
