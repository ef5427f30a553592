/**
 * Every main screen with the four real documents imported (../shared/fixtures/documents, whose
 * README gives the counts: 000 has 5 projects, 001 has 19, 002 has 6, 003 has 36), visited as the
 * role that uses it, with real content asserted and one screenshot each under
 * test-artifacts/screens/. This file: the projects, departments, a project, its editor and the public
 * pages; the import, the review queue, the statistics and the accounts are in screens-work.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './browser';
import { currentProjects, departmentByCode, indicatorsOf } from './data';
import { type E2ePage, fixtureFiles, go, login, READING_MS, useE2e } from './harness';
import { choose, COUNTS, listTotal, TOTAL } from './project-list';

const e = useE2e({ files: fixtureFiles() });
let reviewer: E2ePage;

// the reviewer's session, signed in once for the file; no error in its pages by the end
beforeAll(async () => {
  reviewer = await e.session('reviewer');
});
afterAll(() => reviewer?.expectNoErrors());

/** Waits for the list to show `n` in total after a change. */
async function waitTotal(page: Page, n: number) {
  await page.locator('.ant-pagination-total-text', { hasText: new RegExp(`^共 ${n} 个项目$`) }).waitFor();
  await page.locator('[data-testid="projects-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
}

const ids = (page: Page) => page.getByTestId('project-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
const budgets = async (page: Page) =>
  (await page.getByTestId('project-row').locator('td:nth-child(5)').allInnerTexts()).map((t) => Number(t.replace(/[^\d.]/g, '')));

describe('under the Content-Security-Policy', () => {
  // Every page of every browser test reports a violation as an error (harness.ts); the app's
  // screens are checked by the tests below, the API documentation here.
  it('the API documentation (Swagger UI) renders with no violation', async () => {
    const s = await e.newPage();
    // The page asks for the API's document (600 KB, made on the first request) and draws every route: on a loaded
    // machine longer than playwright's 15 s for an element. The page (1.7 MB of script), its answer, then what it draws.
    const [spec, res] = await Promise.all([s.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/docs/json', { timeout: READING_MS }), s.page.goto('/api/docs', { timeout: READING_MS })]);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(spec.status()).toBe(200);
    await s.page.locator('.swagger-ui .info .title').waitFor({ timeout: READING_MS });
    // Swagger UI (5.3x) draws only the routes in view, more as the page scrolls: the first group at once, a later one
    // ('projects', after auth, users, security) once scrolled to.
    await s.page.locator('.opblock-tag', { hasText: 'auth' }).first().waitFor();
    const projects = s.page.locator('.opblock-tag', { hasText: 'projects' }).first();
    for (let i = 0; i < 40 && !(await projects.isVisible()); i++) {
      await s.page.mouse.wheel(0, 800);
      await s.page.waitForTimeout(100);
    }
    await projects.waitFor();
    s.expectNoErrors();
    await s.close();
  });
});

describe('screens with the four fixtures', () => {
  it('projects list: all 66, filter by department and status, search, sort by budget, paging', async () => {
    const page = reviewer.page;
    await go(page, '/projects');
    expect(await listTotal(page)).toBe(TOTAL);
    expect(await page.getByTestId('project-row').count()).toBe(20);
    // 合计: all 66 projects' budgets, not the page's 20
    const sum = (await reviewer.page.request.get('/api/projects?pageSize=100')).json() as Promise<{ items: { budgetTotalFen: number | null }[] }>;
    const fen = (await sum).items.reduce((n, p) => n + (p.budgetTotalFen ?? 0), 0);
    const totalRow = await page.getByTestId('projects-total-row').innerText();
    expect(totalRow).toContain(`合计（符合条件的 ${TOTAL} 个项目）`);
    const hundredths = Math.floor((fen + 5_000) / 10_000);
    expect(totalRow.replace(/[,≈\s]/g, '')).toContain(`${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}万元`);
    await saveScreenshot(page, 'projects');

    // paging: page 2 has the next 20, page 4 the last 6
    const first = await ids(page);
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL(/page=2/);
    await page.locator('.ant-pagination-item-active', { hasText: '2' }).waitFor();
    await page.locator('[data-testid="projects-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
    // (polled: the first page stays on screen until the second arrives)
    await expect.poll(async () => (await ids(page)).filter((id) => first.includes(id))).toEqual([]);
    const second = await ids(page);
    expect(second).toHaveLength(20);
    await page.locator('.ant-pagination-item-4').click();
    await page.waitForURL(/page=4/);
    await page.locator('[data-testid="projects-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('project-row').count()).toBe(6);

    // sort by budget: ascending, then descending (the header clicked like a person would)
    await go(page, '/projects');
    await waitTotal(page, TOTAL);
    await page.locator('th', { hasText: '预算' }).click();
    await page.waitForURL(/sort=budget&order=asc/);
    await page.locator('[data-testid="projects-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
    // (polled: the URL changes before the sorted page arrives)
    await expect.poll(async () => {
      const b = await budgets(page);
      return b.length === 20 && b.every((x, i) => i === 0 || b[i - 1]! <= x);
    }).toBe(true);
    const asc = await budgets(page);
    await page.locator('th', { hasText: '预算' }).click();
    await page.waitForURL(/order=desc/);
    await page.locator('[data-testid="projects-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
    await expect.poll(async () => {
      const b = await budgets(page);
      return b.length === 20 && b.every((x, i) => i === 0 || b[i - 1]! >= x);
    }).toBe(true);
    const desc = await budgets(page);
    expect(desc[0]).toBeGreaterThan(asc[0]!);

    // filter by department: each fixture's count
    await go(page, '/projects');
    await waitTotal(page, TOTAL);
    const d003 = await departmentByCode(e.db, '314003');
    await choose(page, 'filter-department', `${d003.code} ${d003.name}`);
    await page.waitForURL(new RegExp(`department=${d003.id}`));
    await waitTotal(page, COUNTS['314003']!);
    // and by status within it
    const published = (await currentProjects(e.db, { departmentCode: '314003', status: 'published' })).length;
    expect(published).toBeGreaterThan(0);
    await choose(page, 'filter-status', '已公开');
    await page.waitForURL(/status=published/);
    await waitTotal(page, published);
    const statuses = await page.getByTestId('project-row').getByTestId('status-tag').evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['published']));

    // search: reset, then 劳动协理员 (003, table 15 劳动协理员工资)
    await page.getByTestId('filter-reset').click();
    await waitTotal(page, TOTAL);
    const search = page.getByTestId('filter-q').locator('input');
    await search.fill('劳动协理员');
    await search.press('Enter');
    await page.waitForURL(/q=/);
    const expected = (await currentProjects(e.db)).filter((p) => p.name.includes('劳动协理员')).length;
    expect(expected).toBeGreaterThan(0);
    await waitTotal(page, expected);
    for (const name of await page.getByTestId('project-link').allInnerTexts()) expect(name).toContain('劳动协理员');
    // some forty steps, each a page change: a bound for a loaded machine (over 60 s at load 15), not a measure
  }, 120_000);

  it('departments list: the four departments with their project counts', async () => {
    const page = reviewer.page;
    await go(page, '/departments');
    await page.getByTestId('department-row').first().waitFor();
    const rows = await page.getByTestId('department-row').evaluateAll((els) =>
      els.map((el) => Array.from(el.querySelectorAll('td')).map((td) => td.textContent ?? '')),
    );
    const counts = Object.fromEntries(rows.map((cells) => [cells[0], Number(cells[3])]));
    expect(counts).toEqual(COUNTS);
    await saveScreenshot(page, 'departments');
  });

  it('department page: part one and all projects of each department, with the total', async () => {
    const page = reviewer.page;
    for (const code of Object.keys(COUNTS)) {
      const d = await departmentByCode(e.db, code);
      await go(page, `/departments/${d.id}`);
      await page.locator(`[data-testid="department-page"][data-id="${d.id}"]`).waitFor();
      expect(await page.getByTestId('department-projects').getByTestId('project-row').count()).toBe(COUNTS[code]);
      expect(await page.getByTestId('department-page').innerText()).toContain(d.name);
    }
    // 000: part one and the total of its five budgets
    const d000 = await departmentByCode(e.db, '763001');
    await go(page, `/departments/${d000.id}`);
    await page.getByTestId('department-goals').waitFor();
    expect((await page.getByTestId('overall-goal').innerText()).length).toBeGreaterThan(20);
    const fen = await e.db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .select((eb) => eb.fn.sum<number>('project.budgetTotal').as('sum'))
      .where('document.departmentId', '=', d000.id)
      .where('document.isCurrent', '=', 1)
      .executeTakeFirstOrThrow();
    const wan = Number(fen.sum) / 1_000_000;
    expect(wan).toBeGreaterThan(1262.16);
    expect(await page.getByTestId('department-total').innerText()).toBe(`${wan.toLocaleString('en-US', { minimumFractionDigits: 2 })} 万元`);
    await saveScreenshot(page, 'department');
    // 003: the rules repeated over its 36 tables, each once, with links to its projects
    const d003 = await departmentByCode(e.db, '314003');
    await go(page, `/departments/${d003.id}`);
    const repeated = page.locator(`[data-testid="department-page"][data-id="${d003.id}"] [data-testid="repeated-finding"]`);
    await repeated.first().waitFor();
    expect(await repeated.count()).toBeGreaterThan(0);
    const first = repeated.first();
    expect(Number(await first.getAttribute('data-projects'))).toBeGreaterThan(2);
    expect(await first.getByRole('link').count()).toBe(Number(await first.getAttribute('data-projects')));
  });

  it('project page: the official table with 项目编码, budget and its six indicator rows, findings pinned to cells', async () => {
    const page = reviewer.page;
    const project = (await currentProjects(e.db, { departmentCode: '763001' })).find((p) => p.code === '13020225P00912310002A')!;
    expect(project.name).toBe('城市社区工作者薪酬经费');
    await go(page, `/projects/${project.id}`);
    await page.getByTestId('official-table').waitFor();
    expect(await page.getByTestId('project-name').innerText()).toBe('城市社区工作者薪酬经费');
    const main = await page.getByTestId('official-main').innerText();
    expect(main).toContain('项目编码');
    expect(main).toContain('13020225P00912310002A');
    expect(main).toContain('1262.16');
    expect(main).toMatch(/25%[\s\S]*50%[\s\S]*75%[\s\S]*100%/);
    expect(await page.getByTestId('indicator-row').count()).toBe(6);
    expect(await page.getByTestId('official-indicators').innerText()).toContain('1262.16万元');
    // every finding of the list that belongs to a cell has its badge in that cell
    const anchors = await page.getByTestId('finding-list').getByTestId('finding-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-anchor')!));
    const badges = await page.getByTestId('finding-badge').evaluateAll((els) => els.map((el) => el.closest('td')!.getAttribute('data-anchor')!.split(' ')));
    const pinned = anchors.filter((a) => badges.some((cell) => cell.includes(a)));
    expect(badges.length).toBeGreaterThan(0);
    expect(pinned.length).toBeGreaterThan(0);
    await saveScreenshot(page, 'project', { readme: true });
  });

  it('editor: a department editor opens one of its drafts; the live review and score are shown', async () => {
    const s = await e.newPage();
    await login(s.page, ...e.account('dept-314003'));
    const draft = (await currentProjects(e.db, { departmentCode: '314003', status: 'draft' }))[0]!;
    await go(s.page, `/projects/${draft.id}/edit`);
    await s.page.getByTestId('project-editor').waitFor();
    expect(await s.page.getByTestId('field-name').inputValue()).toBe(draft.name);
    expect(await s.page.getByTestId('indicator-editor').count()).toBe((await indicatorsOf(e.db, draft.id)).length);
    await s.page.getByTestId('live-findings').waitFor();
    expect(await s.page.getByTestId('live-score').innerText()).toMatch(/实时质量分\s*\d+/);
    expect(await s.page.getByTestId('save-project').isDisabled()).toBe(true);
    await saveScreenshot(s.page, 'editor');
    s.expectNoErrors();
    await s.close();
  });

  it('public pages: home with the published departments, a department, a project as the official table', async () => {
    const s = await e.newPage();
    const page = s.page;
    await go(page, '/public');
    await page.getByTestId('public-department-row').first().waitFor();
    const published = await currentProjects(e.db, { status: 'published' });
    const byDept = new Map<number, number>();
    for (const p of published) byDept.set(p.departmentId, (byDept.get(p.departmentId) ?? 0) + 1);
    expect(await page.getByTestId('public-department-row').count()).toBe(byDept.size);
    await saveScreenshot(page, 'public-home');

    const d = await departmentByCode(e.db, '314003');
    await page.getByTestId('public-department-row').getByRole('link', { name: d.name }).click();
    await page.getByTestId('public-department').waitFor();
    expect(await page.getByTestId('public-department-projects').locator('tbody tr').count()).toBe(byDept.get(d.id));
    expect(await page.getByTestId('department-goals').isVisible()).toBe(true);
    await saveScreenshot(page, 'public-department');

    const first = published.find((p) => p.departmentId === d.id)!;
    await page.getByTestId('public-department-projects').getByRole('link', { name: first.name }).first().click();
    await page.getByTestId('public-project').waitFor();
    const main = await page.getByTestId('official-main').innerText();
    expect(main).toContain('项目编码');
    expect(await page.getByTestId('indicator-row').count()).toBe((await indicatorsOf(e.db, first.id)).length);
    expect(await page.getByTestId('finding-badge').count()).toBe(0);
    await saveScreenshot(page, 'public-project');
    s.expectNoErrors();
    await s.close();
  });
});
