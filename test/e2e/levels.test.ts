/**
 * Levels of review (issue 32) in a real browser, on the four real documents with the demo's
 * province: 路南区 (130202) uses 单位 → 主管部门 → 财政, 763001 (中共唐山市路南区委社会工作部) is the
 * 主管部门 of 203001, the district's other department (the demo's arrangement, demo.service.ts).
 *
 * The unit's editor submits a draft (待主管部门审核); the 主管部门 finds it on its 工作台 and in its
 * 审核队列 and returns it with a comment; the unit sees the comment and resubmits; the 主管部门
 * forwards it (转报财政); the district's reviewer approves it; the city's reviewer sees the district's
 * approved projects grow by one on its dashboard. The project's 审核记录 names each level.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentProjects, departmentByCode } from './data';
import { clickSettled, fixtureFiles, go, screenshotsOnFailure, startE2e, type E2e } from './harness';

let e: E2e;

beforeAll(async () => {
  e = await startE2e({ files: fixtureFiles() });
}, 180_000);
afterAll(() => e?.close());
screenshotsOnFailure(() => e);

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
  await page.goto(`/dashboard?year=${year}`);
  const row = page.locator('[data-testid="dashboard-region-row"][data-code="130202"]');
  await row.waitFor();
  return { projects: Number(await row.getAttribute('data-projects')), approved: Number(await row.getAttribute('data-approved')) };
}

describe('单位 → 主管部门 → 财政', () => {
  it('a unit submits, its 主管部门 returns with a comment, the unit resubmits, the 主管部门 forwards, the district approves, the city sees it roll up', async () => {
    const unit = await departmentByCode(e.db, '203001');
    const parent = await departmentByCode(e.db, '763001');
    const stored = await e.db.selectFrom('department').select('parentDepartmentId').where('id', '=', unit.id).executeTakeFirstOrThrow();
    expect(stored.parentDepartmentId).toBe(parent.id);
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
    await editor.page.goto(`/projects/${id}`);
    await waitForStatus(editor.page, id, 'returned');
    expect(await editor.page.getByTestId('returned-banner').innerText()).toContain(comment);
    await act(editor.page, id, 'submit', 'unit_submitted', '已按意见与主管部门沟通，补充说明见附件。');

    // the 主管部门 forwards it to the finance bureau
    await supervisor.page.goto(`/projects/${id}`);
    await act(supervisor.page, id, 'forward', 'submitted');
    expect(await projectPage(supervisor.page, id).getByTestId('action-approve').count()).toBe(0);

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
      ['主管部门', 'unit_submitted', 'submitted'],
      ['财政', 'submitted', 'approved'],
    ]);
    const returned = await projectPage(district.page, id).locator('[data-testid="event-item"][data-to="returned"]').innerText();
    expect(returned).toContain(comment);
    expect(returned).toContain('（主管部门审核）');

    // the city: the district's approved projects one more, the same projects
    const after = await lunanOnCityDashboard(city.page, year);
    expect(after).toEqual({ projects: before.projects, approved: before.approved + 1 });
    for (const s of [editor, supervisor, district, city]) s.expectNoErrors();
  }, 240_000);
});
