/**
 * The main flows in a real browser, on three of the real documents (001, 002, 003) imported at
 * start with their demo accounts and workflow spread (the import itself: flows-import.test.ts):
 * - edit: an editor fixes a bare-number satisfaction target (≥90 → ≥90%) and the finding goes;
 * - workflow: submit, return with a comment on a cell, resubmit fixed, approve, publish, and the
 *   public reads it;
 * - guarded actions: approving over open 错误 findings lists them and needs a reason.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, fixturePath } from '../support/fixtures';
import { currentProjects, indicatorsOf, storedErrorCounts, type ProjectRow } from './data';
import { chooseOption, clickSettled, go, open, reopen, settled, useE2e } from './harness';

const e = useE2e({ files: [FIXTURES.f001, FIXTURES.f002, FIXTURES.f003].map(fixturePath) });

/** A draft project with a satisfaction indicator whose target is a bare number (≥90 …): the unit.no-unit rule flags it. */
interface Candidate {
  project: ProjectRow;
  editor: string;
  index: number;
  target: string;
}
let candidates: Candidate[] = [];

beforeAll(async () => {
  const codes = new Map((await e.db.selectFrom('department').select(['id', 'code']).execute()).map((d) => [d.id, d.code]));
  for (const project of await currentProjects(e.db, { status: 'draft' })) {
    const inds = await indicatorsOf(e.db, project.id);
    const bare = inds.find((i) => i.level1 === '满意度指标' && /^≥\d{2}$/.test(i.targetRaw));
    if (bare) candidates.push({ project, editor: `dept-${codes.get(project.departmentId)}`, index: bare.position, target: bare.targetRaw });
  }
  expect(candidates.length).toBeGreaterThanOrEqual(2);
});

/** The finding of the bare-number rule on a target cell, in a finding list. */
const noUnitAt = (page: Page, testId: string, index: number) =>
  page.getByTestId(testId).locator(`[data-testid="finding-item"][data-rule="unit.no-unit"][data-anchor="indicator:${index}.target"]`);

/** The page of project `id` (not the one shown before it). */
const projectPage = (page: Page, id: number) => page.locator(`[data-testid="project-page"][data-id="${id}"]`);

async function statusOf(page: Page, id: number): Promise<string | null> {
  return projectPage(page, id).getByTestId('status-tag').first().getAttribute('data-status');
}

/** Confirms the open action dialog; where it lists open 错误 findings, with a reason first. */
async function confirmAction(page: Page) {
  // the dialog as a person sees it: open and no longer moving (a click during its zoom is lost)
  const confirm = await settled(page.getByTestId('action-confirm'));
  if (await page.getByTestId('action-open-errors').isVisible()) await page.getByTestId('action-comment').fill('已核实，问题记入整改。');
  await confirm.click();
}

/** Clicks a workflow action on project `id`'s page and confirms it; waits for the new status. */
async function act(page: Page, id: number, action: 'submit' | 'approve' | 'publish', to: string) {
  await projectPage(page, id).getByTestId(`action-${action}`).click();
  await confirmAction(page);
  await projectPage(page, id).locator(`[data-testid="status-tag"][data-status="${to}"]`).waitFor();
}

describe('edit', () => {
  it("an editor fixes a bare-number target: the live finding goes while typing, and the saved project's review no longer has it", async () => {
    const c = candidates[0]!;
    const s = await e.session(c.editor);
    await go(s.page, `/projects/${c.project.id}`);
    // the stored review flags it, pinned to the target cell of the official table
    await noUnitAt(s.page, 'finding-list', c.index).waitFor();
    expect(await s.page.locator(`[data-testid="finding-badge"][data-anchor="indicator:${c.index}.target"]`).count()).toBe(1);
    await s.page.getByTestId('edit-project').click();
    await s.page.getByTestId('project-editor').waitFor();
    const live = s.page.getByTestId('live-findings');
    await noUnitAt(s.page, 'live-findings', c.index).waitFor();
    const before = Number(await live.getAttribute('data-count'));
    const input = s.page.getByTestId(`target-input-${c.index}`);
    expect(await input.inputValue()).toBe(c.target);
    await input.click();
    await input.press('End');
    await input.pressSequentially('%', { delay: 50 });
    // gone from the live list without saving
    await noUnitAt(s.page, 'live-findings', c.index).waitFor({ state: 'detached' });
    expect(Number(await live.getAttribute('data-count'))).toBeLessThan(before);
    await s.page.getByTestId('dirty-tag').waitFor();
    expect(await s.page.getByTestId(`target-parse-${c.index}`).innerText()).toContain('%');
    await s.page.getByTestId('save-project').click();
    await s.page.getByText('已保存（版本').waitFor();
    await s.page.getByTestId('dirty-tag').waitFor({ state: 'detached' });
    // stored: the indicator and the review of the saved project
    expect((await indicatorsOf(e.db, c.project.id))[c.index]!.targetRaw).toBe(`${c.target}%`);
    await open(s.page, `/projects/${c.project.id}`);
    await s.page.getByTestId('official-table').waitFor();
    await s.page.getByTestId('finding-list').waitFor();
    expect(await noUnitAt(s.page, 'finding-list', c.index).count()).toBe(0);
    expect(await s.page.locator(`[data-testid="finding-badge"][data-anchor="indicator:${c.index}.target"]`).count()).toBe(0);
    expect(await s.page.getByTestId('official-indicators').innerText()).toContain(`${c.target}%`);
    s.expectNoErrors();
  });
});

describe('workflow', () => {
  it('submit, return with a comment on a cell, see it, fix and resubmit, approve, publish, read it as the public', async () => {
    const c = candidates[1]!;
    const { id, name, code } = c.project;
    const field = `indicator:${c.index}.target`;
    const comment = '满意度指标值应为百分比，请补充单位';

    // the editor submits
    const editor = await e.session(c.editor);
    await go(editor.page, `/projects/${id}`);
    expect(await statusOf(editor.page, id)).toBe('draft');
    await act(editor.page, id, 'submit', 'submitted');
    expect(await editor.page.getByTestId('edit-project').count()).toBe(0);

    // the reviewer finds it in the queue and returns it with a comment on the target cell
    const reviewer = await e.session('reviewer');
    await reviewer.page.getByTestId('nav-review').click();
    const row = reviewer.page.locator(`[data-testid="review-row"][data-id="${id}"]`);
    await row.waitFor();
    await row.getByTestId('project-link').click();
    await projectPage(reviewer.page, id).getByTestId('action-return').click();
    await reviewer.page.getByTestId('return-comment').fill('请按批注修改后重新提交。');
    await clickSettled(reviewer.page.getByTestId('return-add-field'));
    const indicatorName = (await indicatorsOf(e.db, id))[c.index]!.name;
    await chooseOption(reviewer.page, reviewer.page.getByTestId('return-field-select'), `指标${c.index + 1}“${indicatorName}”·指标值`, { search: `指标${c.index + 1}` });
    await reviewer.page.getByTestId('return-field-text').fill(comment);
    await clickSettled(reviewer.page.getByTestId('return-confirm'));
    await reviewer.page.locator(`[data-testid="project-page"][data-id="${id}"] [data-testid="status-tag"][data-status="returned"]`).waitFor();

    // the editor sees the comment, in the list and pinned to the cell
    await open(editor.page, `/projects/${id}`);
    const item = editor.page.locator(`[data-testid="comment-item"][data-field="${field}"]`);
    await item.waitFor();
    expect(await item.innerText()).toContain(comment);
    // the general comment, with the field comment, in the workflow history
    const returned = await editor.page.locator('[data-testid="event-item"][data-to="returned"]').innerText();
    expect(returned).toContain('意见：请按批注修改后重新提交。');
    expect(returned).toContain(comment);
    expect(await editor.page.locator(`[data-testid="official-indicators"] [data-testid="comment-mark"][data-anchor="${field}"]`).count()).toBe(1);
    expect(await statusOf(editor.page, id)).toBe('returned');
    // the banner says why, with the field commented; 重新提交 unchanged needs a note
    const banner = editor.page.getByTestId('returned-banner');
    expect(await banner.innerText()).toContain('请按批注修改后重新提交。');
    expect(await banner.getByTestId('returned-fields').innerText()).toContain(`指标${c.index + 1}`);
    expect(await editor.page.getByTestId('comment-round').first().getAttribute('data-round')).toBe('1');
    await projectPage(editor.page, id).getByTestId('action-submit').click();
    await editor.page.getByTestId('action-note-needed').waitFor();
    expect(await editor.page.getByTestId('action-confirm').isDisabled()).toBe(true);
    await editor.page.keyboard.press('Escape');
    await editor.page.getByTestId('action-note-needed').waitFor({ state: 'detached' });

    // fixes the target and resubmits from the editor (保存并提交)
    await editor.page.getByTestId('edit-project').click();
    const input = editor.page.getByTestId(`target-input-${c.index}`);
    await input.click();
    await input.press('End');
    await input.pressSequentially('%');
    await expect(editor.page.getByTestId('submit-project').innerText()).resolves.toBe('保存并提交');
    await editor.page.getByTestId('submit-project').click();
    await confirmAction(editor.page);
    // the project's page, submitted: what the editor sees once the save and the submit went through
    await editor.page.locator(`[data-testid="project-page"][data-id="${id}"] [data-testid="status-tag"][data-status="submitted"]`).waitFor();
    expect(new URL(editor.page.url()).pathname).toBe(`/projects/${id}`);
    expect((await indicatorsOf(e.db, id))[c.index]!.targetRaw).toBe(`${c.target}%`);

    // the reviewer approves and publishes
    await reopen(reviewer.page);
    await reviewer.page.locator(`[data-testid="project-page"][data-id="${id}"] [data-testid="status-tag"][data-status="submitted"]`).waitFor();
    await act(reviewer.page, id, 'approve', 'approved');
    await act(reviewer.page, id, 'publish', 'published');
    const events = await reviewer.page.getByTestId('event-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-to')));
    expect(events).toEqual(expect.arrayContaining(['submitted', 'returned', 'approved', 'published']));
    editor.expectNoErrors();
    reviewer.expectNoErrors();

    // anonymous: search the public pages, open it, the official table is drawn
    const anon = await e.newPage();
    await go(anon.page, '/public');
    await anon.page.getByTestId('public-search').locator('input').fill(name);
    await anon.page.getByTestId('public-search').locator('input').press('Enter');
    await anon.page.waitForURL(/q=/);
    await anon.page.getByRole('tab', { name: /项目/ }).click();
    const hit = anon.page.getByTestId('public-project-row').filter({ hasText: name });
    await hit.waitFor();
    await hit.getByRole('link', { name }).click();
    await anon.page.getByTestId('public-project').waitFor();
    const main = await anon.page.getByTestId('official-main').innerText();
    expect(main).toContain('项目编码');
    if (code) expect(main).toContain(code);
    expect(await anon.page.getByTestId('indicator-row').count()).toBe((await indicatorsOf(e.db, id)).length);
    expect(await anon.page.getByTestId('official-indicators').innerText()).toContain(`${c.target}%`);
    // nothing internal on the public page
    expect(await anon.page.getByTestId('finding-badge').count()).toBe(0);
    expect(await anon.page.getByTestId('comment-mark').count()).toBe(0);
    expect(await anon.page.locator('main').innerText()).not.toContain(comment);
    anon.expectNoErrors();
    await anon.close();
    // three sessions and a dozen steps: 74 s at load 19 on two cores, over vitest's default 60 s (each step still waits at most 15 s)
  }, 120_000);
});

describe('guarded actions', () => {
  it('approving a project whose review still has 错误 findings lists them and needs a reason, which its history keeps', async () => {
    const submitted = await currentProjects(e.db, { status: 'submitted' });
    const errors = await storedErrorCounts(e.db, submitted.map((p) => p.id));
    const project = submitted.find((p) => (errors.get(p.id) ?? 0) > 0);
    expect(project, 'a submitted project with an error finding').toBeDefined();
    const id = project!.id;
    const reviewer = await e.session('reviewer');
    await go(reviewer.page, `/projects/${id}`);
    await projectPage(reviewer.page, id).getByTestId('action-approve').click();
    const list = reviewer.page.getByTestId('action-open-errors');
    await list.waitFor();
    expect(Number(await list.getAttribute('data-count'))).toBe(errors.get(id));
    expect(await reviewer.page.getByTestId('action-open-error').count()).toBe(errors.get(id));
    const confirm = await settled(reviewer.page.getByTestId('action-confirm'));
    expect(await confirm.isDisabled()).toBe(true);
    const reason = '金额以预算批复为准，已与单位核实。';
    await reviewer.page.getByTestId('action-comment').fill(reason);
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await projectPage(reviewer.page, id).locator('[data-testid="status-tag"][data-status="approved"]').waitFor();
    expect(await reviewer.page.locator('[data-testid="event-item"][data-to="approved"]').first().innerText()).toContain(reason);
    reviewer.expectNoErrors();
  });
});
