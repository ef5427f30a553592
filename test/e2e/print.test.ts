/**
 * Printing, in a real browser: each kind of page printed to an A4 PDF (chromium's print, the
 * print stylesheet applied) holds its content, without the app's menu — not a blank page. The
 * PDFs are kept under test-artifacts/print/ for people to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentProjects, departmentByCode } from './data';
import { fixtureFiles, go, screenshotsOnFailure, startE2e, type E2e } from './harness';
import { printed } from './printed';

let e: E2e;

beforeAll(async () => {
  e = await startE2e({ files: fixtureFiles() });
}, 180_000);
afterAll(() => e?.close());
screenshotsOnFailure(() => e);

describe('printing every kind of page', () => {
  it('lists, a department, a project, the dashboard and monitoring print their content, without the menu', async () => {
    const s = await e.session('reviewer');
    const page = s.page;
    const d000 = await departmentByCode(e.db, '763001');
    const project = (await currentProjects(e.db, { departmentCode: '763001' }))[0]!;

    await go(page, `/projects?department=${d000.id}`);
    await page.getByTestId('project-row').first().waitFor();
    const list = await printed(page, 'projects');
    expect(list.text).toContain(project.name.replace(/\s+/g, ''));

    await go(page, `/departments/${d000.id}`);
    await page.getByTestId('overall-goal').waitFor();
    const department = await printed(page, 'department');
    expect(department.text).toContain(d000.name);
    expect(department.text).toContain(project.name.replace(/\s+/g, ''));

    await go(page, `/projects/${project.id}`);
    await page.getByTestId('official-table').waitFor();
    const table = await printed(page, 'project');
    expect(table.text).toContain('项目编码');
    expect(table.text).toContain(project.name.replace(/\s+/g, ''));
    // the official table alone: no findings panel, no history
    expect(table.text).not.toContain('审核发现');

    await go(page, '/dashboard');
    await page.getByTestId('chart-budget').locator('canvas').first().waitFor();
    const dashboard = await printed(page, 'dashboard');
    expect(dashboard.text).toContain('项目数');
    expect(dashboard.text).toContain('各部门预算');

    await go(page, '/monitoring');
    await page.getByTestId('stat-reported').waitFor();
    await page.getByTestId('lights-card').waitFor();
    const monitoring = await printed(page, 'monitoring');
    expect(monitoring.text).toContain('预算执行率');
    expect(monitoring.text).toContain('预警灯');

    for (const p of [list, department, table, dashboard, monitoring]) {
      expect(p.pages).toBeGreaterThan(0);
      // the app's menu is not printed
      expect(p.text).not.toContain('审核队列');
    }
    s.expectNoErrors();
  });

  it('the public pages print their content', async () => {
    const published = await currentProjects(e.db, { status: 'published' });
    expect(published.length).toBeGreaterThan(0);
    const anon = await e.newPage();
    const department = await e.db.selectFrom('department').select(['id', 'name']).where('id', '=', published[0]!.departmentId).executeTakeFirstOrThrow();
    await go(anon.page, `/public/departments/${department.id}`);
    await anon.page.getByTestId('public-department').waitFor();
    const text = (await printed(anon.page, 'public-department')).text;
    expect(text).toContain(department.name);
    expect(text).toContain(published[0]!.name.replace(/\s+/g, ''));
    expect(text).not.toContain('登录'); // the header's link
    await anon.close();
  });
});
