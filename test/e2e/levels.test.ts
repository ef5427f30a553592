/**
 * Levels of review (issue 32) in a real browser, on the four real documents with the demo's
 * province: 路南区 (130202) uses 单位 → 主管部门 → 财政业务科室 → 绩效科, 763001 (中共唐山市路南区委社会工作部)
 * is the 主管部门 of 203001, the district's other department, which is assigned to the bureau's
 * 行政政法科 (the demo's arrangement, demo.service.ts).
 *
 * The unit's editor submits a draft (待主管部门审核); the 主管部门 finds it on its 工作台 and in its
 * 审核队列 and returns it with a comment; the unit sees the comment and resubmits; the 主管部门
 * forwards it (转报财政, 待业务科室审核); the section finds it on its 工作台 and returns it with a
 * comment from the batch dialog; the unit resubmits, the 主管部门 forwards again; the section
 * forwards it (批量转报绩效科); the district's performance section approves it; the city's reviewer
 * sees the district's approved projects grow by one on its dashboard. The project's 审核记录 names
 * each level.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { currentProjects, departmentByCode } from './data';
import { clickSettled, fixtureFiles, go, open, settled, useE2e } from './harness';

const e = useE2e({ files: fixtureFiles() });

const projectPage = (page: Page, id: number) => page.locator(`[data-testid="project-page"][data-id="${id}"]`);

async function waitForStatus(page: Page, id: number, status: string) {
  await projectPage(page, id).locator(`[data-testid="status-tag"][data-status="${status}"]`).first().waitFor();
}

/** Clicks a workflow action and confirms its dialog (with a reason where it asks for one). */
async function act(page: Page, id: number, action: string, to: string, reason = '已核实，问题记入整改。') {
  await projectPage(page, id).getByTestId(`action-${action}`).click();
  const confirm = page.getByTestId('action-confirm');
  await confirm.waitFor();
  if ((await page.getByTestId('action-open-errors').isVisible()) || (await page.getByTestId('action-note-needed').isVisible())) await page.getByTestId('action-comment').fill(reason);
  await clickSettled(confirm);
  await waitForStatus(page, id, to);
}

/** The city's dashboard row of 路南区: its projects and approved ones, as the page shows them. */
async function lunanOnCityDashboard(page: Page, year: number): Promise<{ projects: number; approved: number }> {
  // loaded afresh: what the server gives now, not the figures this page read before
  await open(page, `/dashboard?year=${year}`);
  const row = page.locator('[data-testid="dashboard-region-row"][data-code="130202"]');
  await row.waitFor();
  return { projects: Number(await row.getAttribute('data-projects')), approved: Number(await row.getAttribute('data-approved')) };
}

/** A business section's 工作台: the project in its queue, chosen, and a batch action on it confirmed (with a comment where asked). */
async function sectionBatch(page: Page, id: number, action: 'forward' | 'return', comment?: string) {
  // loaded afresh: the project reached the queue from another session since this page (the section's first after
  // signing in) last read it
  await open(page, '/workbench');
  const row = page.locator(`[data-testid="workbench-section-queue-row"][data-id="${id}"]`);
  await row.waitFor();
  await row.locator('.ant-checkbox-input').check();
  await page.locator(`[data-testid="batch-${action}"][data-count="1"]`).click();
  await page.locator(`[data-testid="batch-item"][data-id="${id}"][data-allowed="true"]`).waitFor();
  const confirm = await settled(page.getByTestId('batch-confirm'));
  if (comment !== undefined) await page.getByTestId('batch-comment').fill(comment);
  await confirm.click();
  await page.locator('[data-testid="batch-result"][data-ok="1"]').waitFor();
  await confirm.click(); // 完成
}

describe('单位 → 主管部门 → 财政业务科室 → 绩效科', () => {
  it('a unit submits, its 主管部门 returns with a comment, it resubmits, the 主管部门 forwards, the section returns with a comment, it comes back, the section forwards, 绩效科 approves, the city sees it roll up', async () => {
    const unit = await departmentByCode(e.db, '203001');
    const parent = await departmentByCode(e.db, '763001');
    const stored = await e.db.selectFrom('department').select(['parentDepartmentId', 'sectionId']).where('id', '=', unit.id).executeTakeFirstOrThrow();
    expect(stored.parentDepartmentId).toBe(parent.id);
    const assigned = await e.db.selectFrom('businessSection').select('name').where('id', '=', stored.sectionId!).executeTakeFirstOrThrow();
    expect(assigned.name).toBe('行政政法科');
    const draft = (await currentProjects(e.db, { departmentCode: '203001', status: 'draft' }))[0]!;
    expect(draft).toBeDefined();
    const { id } = draft;
    const year = (await e.db.selectFrom('project').innerJoin('document', 'document.id', 'project.documentId').select('document.year').where('project.id', '=', id).executeTakeFirstOrThrow()).year!;

    const city = await e.session('reviewer-tangshan');
    const before = await lunanOnCityDashboard(city.page, year);
    expect(before.projects).toBeGreaterThan(0);

    // the unit submits: to its 主管部门, not to the finance bureau
    const editor = await e.session('dept-203001');
    await go(editor.page, `/projects/${id}`);
    await act(editor.page, id, 'submit', 'unit_submitted');
    await editor.page.getByTestId('awaiting-supervisor').waitFor();

    // the 主管部门: on its 工作台 and in its 审核队列; it returns with a comment
    const supervisor = await e.session('supervisor-763001');
    await go(supervisor.page, '/workbench');
    await supervisor.page.locator(`[data-testid="workbench-supervisor-queue-row"][data-id="${id}"]`).waitFor();
    await supervisor.page.getByTestId('nav-review').click();
    const row = supervisor.page.locator(`[data-testid="review-row"][data-id="${id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('action-forward').count()).toBe(1);
    expect(await row.getByTestId('action-approve').count()).toBe(0);
    await row.getByTestId('project-link').click();
    await waitForStatus(supervisor.page, id, 'unit_submitted');
    expect(await projectPage(supervisor.page, id).getByTestId('action-approve').count()).toBe(0);
    const comment = '请补充数量指标，并写明资金使用的时间节点。';
    await projectPage(supervisor.page, id).getByTestId('action-return').click();
    await supervisor.page.getByTestId('return-comment').fill(comment);
    await clickSettled(supervisor.page.getByTestId('return-confirm'));
    await waitForStatus(supervisor.page, id, 'returned');

    // the unit reads why and resubmits (unchanged: with a note)
    await open(editor.page, `/projects/${id}`);
    await waitForStatus(editor.page, id, 'returned');
    expect(await editor.page.getByTestId('returned-banner').innerText()).toContain(comment);
    await act(editor.page, id, 'submit', 'unit_submitted', '已按意见与主管部门沟通，补充说明见附件。');

    // the 主管部门 forwards it to the finance bureau: its business section first
    await open(supervisor.page, `/projects/${id}`);
    await act(supervisor.page, id, 'forward', 'section_submitted');
    expect(await projectPage(supervisor.page, id).getByTestId('action-approve').count()).toBe(0);

    // the section (行政政法科): on its 工作台, returned with a comment from the batch dialog
    const section = await e.session('section-lunan-xzzf');
    await go(section.page, '/workbench');
    await section.page.locator(`[data-testid="workbench-count-section_submitted"]`).waitFor();
    const sectionComment = '项目支出与部门职能对应不清，请补充预算测算依据。';
    await sectionBatch(section.page, id, 'return', sectionComment);
    expect((await e.db.selectFrom('project').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('returned');

    // back to the unit, through its 主管部门 again
    await open(editor.page, `/projects/${id}`);
    await waitForStatus(editor.page, id, 'returned');
    expect(await editor.page.getByTestId('returned-banner').innerText()).toContain(sectionComment);
    await act(editor.page, id, 'submit', 'unit_submitted', '已补充预算测算依据。');
    await open(supervisor.page, `/projects/${id}`);
    await act(supervisor.page, id, 'forward', 'section_submitted');

    // the section forwards it to the performance section (批量转报绩效科), and its queue is empty of it
    await section.page.getByTestId('nav-review').click();
    const inQueue = section.page.locator(`[data-testid="review-row"][data-id="${id}"]`);
    await inQueue.waitFor();
    expect(await inQueue.getByTestId('action-forward').count()).toBe(1);
    expect(await inQueue.getByTestId('action-approve').count()).toBe(0);
    await sectionBatch(section.page, id, 'forward');
    expect((await e.db.selectFrom('project').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('submitted');

    // the district's finance bureau approves it
    const district = await e.session('reviewer-lunan');
    await go(district.page, '/review');
    const queued = district.page.locator(`[data-testid="review-row"][data-id="${id}"]`);
    await queued.waitFor();
    await queued.getByTestId('project-link').click();
    await act(district.page, id, 'approve', 'approved');

    // the 审核记录: each level with who did what and the comment
    const levels = await projectPage(district.page, id)
      .locator('[data-testid="event-item"]')
      .evaluateAll((els) => els.map((el) => [el.getAttribute('data-level'), el.getAttribute('data-from'), el.getAttribute('data-to')]));
    expect(levels).toEqual([
      ['单位', 'draft', 'unit_submitted'],
      ['主管部门', 'unit_submitted', 'returned'],
      ['单位', 'returned', 'unit_submitted'],
      ['主管部门', 'unit_submitted', 'section_submitted'],
      ['业务科室', 'section_submitted', 'returned'],
      ['单位', 'returned', 'unit_submitted'],
      ['主管部门', 'unit_submitted', 'section_submitted'],
      ['业务科室', 'section_submitted', 'submitted'],
      ['绩效科', 'submitted', 'approved'],
    ]);
    const returns = projectPage(district.page, id).locator('[data-testid="event-item"][data-to="returned"]');
    expect(await returns.nth(0).innerText()).toContain(comment);
    expect(await returns.nth(0).innerText()).toContain('（主管部门审核）');
    expect(await returns.nth(1).innerText()).toContain(sectionComment);
    expect(await returns.nth(1).innerText()).toContain('路南区财政局行政政法科');

    // the city: the district's approved projects one more, the same projects
    const after = await lunanOnCityDashboard(city.page, year);
    expect(after).toEqual({ projects: before.projects, approved: before.approved + 1 });
    for (const s of [editor, supervisor, section, district, city]) s.expectNoErrors();
  }, 360_000);
});
