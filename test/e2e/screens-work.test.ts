/**
 * The screens of the reviewer's and the administrator's work with the four real documents imported
 * (as screens.test.ts): the import preview, the review queue, the statistics, the accounts — real
 * content asserted, one screenshot each under test-artifacts/screens/.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, fixturePath } from '../support/fixtures';
import { saveScreenshot } from './browser';
import { departmentByCode } from './data';
import { clickSettled, type E2ePage, fixtureFiles, go, login, previewImport, useE2e } from './harness';
import { choose, COUNTS, listTotal } from './project-list';

const e = useE2e({ files: fixtureFiles() });
let reviewer: E2ePage;

// the reviewer's session, signed in once for the file; no error in its pages by the end
beforeAll(async () => {
  reviewer = await e.session('reviewer');
});
afterAll(() => reviewer?.expectNoErrors());

describe('work screens with the four fixtures', () => {
  it('import: the preview says 无变化 for imported documents and 拒绝 with its diagnostic for a truncated one', async () => {
    const page = reviewer.page;
    await go(page, '/import');
    const lines = readFileSync(fixturePath(FIXTURES.f000), 'utf8').split('\n');
    const truncated = { name: '000_truncated.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.slice(0, lines.findLastIndex((l) => l.includes('一级指标'))).join('\n')) };
    await page.getByTestId('import-page').locator('input[type=file]').setInputFiles([fixturePath(FIXTURES.f002), fixturePath(FIXTURES.f003)]);
    await page.getByTestId('import-page').locator('input[type=file]').setInputFiles([truncated]);
    expect((await previewImport(page)).status()).toBe(200);
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

  it('users (admin): the accounts of the four departments, the reviewer and the three administrators; a new account made on the form, given its role by the security administrator, signs in with its one-time code and sets its own password', async () => {
    const s = await e.newPage();
    await login(s.page, ...e.account('admin'));
    await go(s.page, '/admin/users');
    await s.page.getByTestId('user-row').first().waitFor();
    const usernames = await s.page.getByTestId('user-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-username')));
    expect(usernames.sort()).toEqual(['admin', 'auditor', 'dept-203001', 'dept-314003', 'dept-326001', 'dept-763001', 'reviewer', 'reviewer-hebei', 'reviewer-lunan', 'reviewer-tangshan', 'secadmin', 'section-lunan-shbz', 'section-lunan-xzzf', 'supervisor-763001']);
    await saveScreenshot(s.page, 'users');

    // a new account, made through the form: no role, a one-time code shown once
    await s.page.getByTestId('user-create').click();
    await s.page.getByTestId('user-username').fill('wang.fang');
    await s.page.getByTestId('user-display-name').fill('王芳');
    await clickSettled(s.page.getByTestId('user-save'));
    const code = (await s.page.getByTestId('one-time-code').innerText()).trim();
    expect(code).toMatch(/^[a-zA-Z2-9]{16}$/);
    await clickSettled(s.page.getByTestId('code-close'));
    await s.page.locator('[data-testid="user-row"][data-username="wang.fang"]').waitFor();
    expect(await s.page.locator('[data-testid="user-row"][data-username="wang.fang"]').getByTestId('user-status').innerText()).toMatch(/待首次登录.*待授权/);
    s.expectNoErrors();
    await s.close();

    // the security administrator gives it 002's department
    const d002 = await departmentByCode(e.db, '326001');
    const sec = await e.newPage();
    await login(sec.page, ...e.account('secadmin'));
    await go(sec.page, '/admin/users');
    await sec.page.locator('[data-testid="user-row"][data-username="wang.fang"]').getByTestId('user-assign').click();
    await choose(sec.page, 'user-role', '预算单位填报人');
    await choose(sec.page, 'user-department', `${d002.code} ${d002.name}`);
    await clickSettled(sec.page.getByTestId('role-save'));
    await sec.page.getByTestId('role-form').waitFor({ state: 'hidden' });
    sec.expectNoErrors();
    await sec.close();

    const wang = await e.newPage();
    await login(wang.page, 'wang.fang', code);
    expect(await wang.page.getByTestId('current-user').innerText()).toBe('王芳');
    // the first sign-in goes to 修改密码, then on
    await wang.page.getByTestId('password-forced').waitFor();
    await wang.page.getByTestId('password-current').fill(code);
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
});
