/**
 * Every main screen with the four real documents imported (../shared/fixtures/documents, whose
 * README gives the counts: 000 has 5 projects, 001 has 19, 002 has 6, 003 has 36), visited as the
 * role that uses it, with real content asserted and one screenshot each under
 * test-artifacts/screens/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, fixturePath } from '../support/fixtures';
import { saveScreenshot } from './browser';
import { currentProjects, departmentByCode, indicatorsOf } from './data';
import { chooseOption, clickSettled, type E2e, type E2ePage, fixtureFiles, go, login, screenshotsOnFailure, startE2e } from './harness';

/** Department code → projects in its document (fixtures README). */
const COUNTS: Record<string, number> = { '763001': 5, '203001': 19, '326001': 6, '314003': 36 };
const TOTAL = 66;

let e: E2e;
let reviewer: E2ePage;

beforeAll(async () => {
  e = await startE2e({ files: fixtureFiles() });
  reviewer = await e.newPage();
  await login(reviewer.page, ...e.account('reviewer'));
});

screenshotsOnFailure(() => e);

afterAll(async () => {
  reviewer?.expectNoErrors();
  await e?.close();
});

/** The 共 N 个项目 of the projects list. */
async function listTotal(page: Page): Promise<number> {
  const total = page.locator('.ant-pagination-total-text');
  await total.waitFor();
  return Number(/共 (\d+) 个/.exec(await total.innerText())![1]);
}

/** Waits for the list to show `n` in total after a change. */
async function waitTotal(page: Page, n: number) {
  await page.locator('.ant-pagination-total-text', { hasText: new RegExp(`^共 ${n} 个项目$`) }).waitFor();
  await page.locator('[data-testid="projects-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
}

const ids = (page: Page) => page.getByTestId('project-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
const budgets = async (page: Page) =>
  (await page.getByTestId('project-row').locator('td:nth-child(5)').allInnerTexts()).map((t) => Number(t.replace(/[^\d.]/g, '')));

/** Chooses the option `label` of the antd Select with this test id. */
const choose = (page: Page, testId: string, label: string) => chooseOption(page, page.getByTestId(testId), label);

describe('under the Content-Security-Policy', () => {
  // Every page of every browser test reports a violation as an error (harness.ts); the app's
  // screens are checked by the tests below, the API documentation here.
  it('the API documentation (Swagger UI) renders with no violation', async () => {
    const s = await e.newPage();
    const res = await s.page.goto('/api/docs');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await s.page.locator('.swagger-ui .info .title').waitFor();
    await s.page.locator('.opblock-tag', { hasText: 'projects' }).first().waitFor();
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
  });

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

  it('import: the preview says 无变化 for imported documents and 拒绝 with its diagnostic for a truncated one', async () => {
    const page = reviewer.page;
    await go(page, '/import');
    const lines = readFileSync(fixturePath(FIXTURES.f000), 'utf8').split('\n');
    const truncated = { name: '000_truncated.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.slice(0, lines.findLastIndex((l) => l.includes('一级指标'))).join('\n')) };
    await page.getByTestId('import-page').locator('input[type=file]').setInputFiles([fixturePath(FIXTURES.f002), fixturePath(FIXTURES.f003)]);
    await page.getByTestId('import-page').locator('input[type=file]').setInputFiles([truncated]);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-preview-result').waitFor();
    const files = page.getByTestId('import-file');
    expect(await files.evaluateAll((els) => els.map((el) => [el.getAttribute('data-file'), el.getAttribute('data-action')]))).toEqual([
      [FIXTURES.f002, 'unchanged'],
      [FIXTURES.f003, 'unchanged'],
      ['000_truncated.txt', 'refused'],
    ]);
    expect(await files.nth(1).innerText()).toMatch(/项目数\s*36/);
    expect(await files.nth(1).innerText()).toContain('诊断（0）');
    expect(await files.nth(2).innerText()).toContain('诊断（1）');
    expect(await files.nth(2).getByTestId('import-diagnostics').innerText()).toContain('缺少绩效指标表');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await saveScreenshot(page, 'import');
  });

  it('review queue: the submitted projects, oldest first', async () => {
    const page = reviewer.page;
    await go(page, '/review');
    const submitted = await e.db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .select(['project.id', 'project.updatedAt'])
      .where('document.isCurrent', '=', 1)
      .where('project.status', '=', 'submitted')
      .orderBy('project.updatedAt')
      .execute();
    expect(submitted.length).toBeGreaterThan(1);
    await page.getByTestId('review-row').first().waitFor();
    expect(await page.getByTestId('review-page').innerText()).toContain(`共 ${submitted.length} 个项目待审核`);
    const shown = await page.getByTestId('review-row').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))));
    expect(shown).toEqual(submitted.slice(0, 20).map((p) => p.id));
    expect(await page.getByTestId('review-row').first().getByTestId('action-approve').isVisible()).toBe(true);
    await saveScreenshot(page, 'review-queue');
  });

  it('dashboard: the statistics of a year and its six ECharts canvases drawn', async () => {
    const page = reviewer.page;
    await go(page, '/dashboard');
    await page.getByTestId('stat-projects').waitFor();
    const stat = async (id: string) => Number((await page.getByTestId(id).locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''));
    // the latest year first: 2025 (000, 001, 002)
    expect(await page.getByTestId('dashboard-year').innerText()).toContain('2025年');
    expect(await stat('stat-departments')).toBe(3);
    expect(await stat('stat-projects')).toBe(5 + 19 + 6);
    const charts = ['chart-budget', 'chart-status', 'chart-categories', 'chart-histogram', 'chart-avg-score', 'chart-grades'];
    const drawn = async () => {
      const out: Record<string, boolean> = {};
      for (const id of charts) {
        const canvas = page.getByTestId(id).locator('canvas').first();
        await canvas.waitFor();
        // some pixel is painted
        out[id] = await canvas.evaluate((c: HTMLCanvasElement) => {
          const ctx = c.getContext('2d')!;
          const data = ctx.getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
          return false;
        });
      }
      return out;
    };
    await expect.poll(drawn).toEqual(Object.fromEntries(charts.map((c) => [c, true])));
    await saveScreenshot(page, 'dashboard');
    // 2022: 003 alone
    await choose(page, 'dashboard-year', '2022年');
    await page.waitForURL(/year=2022/);
    await expect.poll(() => stat('stat-projects')).toBe(36);
    expect(await stat('stat-departments')).toBe(1);
  });

  it('users (admin): the accounts of the four departments, the reviewer, the auditor and admin; a new editor made on the form signs in and sets their own password', async () => {
    const s = await e.newPage();
    await login(s.page, ...e.account('admin'));
    await go(s.page, '/admin/users');
    await s.page.getByTestId('user-row').first().waitFor();
    const usernames = await s.page.getByTestId('user-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-username')));
    expect(usernames.sort()).toEqual(['admin', 'auditor', 'dept-203001', 'dept-314003', 'dept-326001', 'dept-763001', 'reviewer', 'reviewer-hebei', 'reviewer-lunan', 'reviewer-tangshan', 'section-lunan-shbz', 'section-lunan-xzzf', 'supervisor-763001']);
    await saveScreenshot(s.page, 'users');

    // a new editor for 002's department, made through the form, signs in and sees its 6 projects
    const d002 = await departmentByCode(e.db, '326001');
    await s.page.getByTestId('user-create').click();
    await s.page.getByTestId('user-username').fill('wang.fang');
    await s.page.getByTestId('user-display-name').fill('王芳');
    await s.page.getByTestId('user-password').fill('pass-wang-2025');
    await choose(s.page, 'user-department', `${d002.code} ${d002.name}`);
    await clickSettled(s.page.getByTestId('user-save'));
    await s.page.locator('[data-testid="user-row"][data-username="wang.fang"]').waitFor();
    s.expectNoErrors();
    await s.close();

    const wang = await e.newPage();
    await login(wang.page, 'wang.fang', 'pass-wang-2025');
    expect(await wang.page.getByTestId('current-user').innerText()).toBe('王芳');
    // the admin chose the password: the first sign-in goes to 修改密码, then on
    await wang.page.getByTestId('password-forced').waitFor();
    await wang.page.getByTestId('password-current').fill('pass-wang-2025');
    await wang.page.getByTestId('password-new').fill('only-fang-knows-it');
    await wang.page.getByTestId('password-confirm').fill('only-fang-knows-it');
    await wang.page.getByTestId('password-submit').click();
    // then to the workbench, and the projects are the department's
    await wang.page.getByTestId('workbench-page').waitFor();
    await go(wang.page, '/projects');
    expect(await listTotal(wang.page)).toBe(COUNTS['326001']);
    wang.expectNoErrors();
    await wang.close();
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
