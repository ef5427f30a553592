/**
 * The public pages drawn on the server (issue 34, point 7; app/page-render.ts, src/web/server-render.tsx), with the
 * real build: their content is in the HTML, so they are read without any script — the list, a search (a plain GET
 * form), a project's official table — and with scripts the app takes the page over without an error (a drawing that
 * does not match what the app draws is an error of the page: React reports it).
 */
import { describe, expect, it } from 'vitest';
import { currentProjects, indicatorsOf } from './data';
import { open, useE2e } from './harness';

const e = useE2e();

describe('the public pages arrive drawn', () => {
  it('read without JavaScript: the departments, a search for a project, its official table', async () => {
    const [project] = await currentProjects(e.db, { status: 'published' });
    expect(project, 'the demo data has a published project').toBeDefined();
    const html = await (await fetch(`${e.url}/public`)).text();
    expect(html).toContain('data-testid="public-department-row"');

    const context = await e.browser.newContext({ baseURL: e.url, locale: 'zh-CN', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('/public');
      expect(await page.getByTestId('public-department-row').count()).toBeGreaterThan(0);
      // the search box sends its form when no script runs: the page for ?q= arrives drawn with its results
      await page.getByTestId('public-search').locator('input').fill(project!.name);
      await page.getByTestId('public-search').locator('input').press('Enter');
      await page.waitForURL(/\/public\?q=/);
      await page.getByRole('tab', { name: /项目/ }).waitFor();
      const projectsTab = page.locator('[data-testid="public-project-row"]').filter({ hasText: project!.name });
      const departmentsHit = page.locator('[data-testid="public-department-row"]');
      // a search lands on the tab with results: the projects' when no department's name matches
      expect((await projectsTab.count()) + (await departmentsHit.count())).toBeGreaterThan(0);

      await page.goto(`/public/projects/${project!.id}`);
      expect(await page.getByTestId('official-main').innerText()).toContain('项目名称');
      expect(await page.getByTestId('indicator-row').count()).toBe((await indicatorsOf(e.db, project!.id)).length);
    } finally {
      await context.close();
    }
  });

  it('with JavaScript the app takes each drawn page over without an error and works on it', async () => {
    const [project] = await currentProjects(e.db, { status: 'published' });
    const s = await e.newPage();
    for (const path of ['/public', `/public/departments/${project!.departmentId}`, `/public/projects/${project!.id}`]) {
      await open(s.page, path);
      s.expectNoErrors();
    }
    // in-app navigation after the takeover: the tab and the link work without loading the page again
    await open(s.page, '/public');
    // a mark in the window: a page loaded again would not have it
    await s.page.evaluate(() => Object.assign(window, { jixiaoSamePage: true }));
    await s.page.getByRole('tab', { name: /项目/ }).click();
    await s.page.getByTestId('public-project-row').first().waitFor();
    await s.page.getByTestId('public-project-row').first().getByRole('link').first().click();
    await s.page.getByTestId('public-project').waitFor();
    expect(await s.page.evaluate(() => (window as unknown as { jixiaoSamePage?: boolean }).jixiaoSamePage)).toBe(true);
    s.expectNoErrors();
    await s.close();
  });
});
