/**
 * The public pages on a 390 px phone, in a real browser: nothing is squeezed to a character a line
 * (every table cell that shows text is at least two characters wide — a table too wide for the
 * screen scrolls sideways instead), no amount is broken over lines, and a project's indicators
 * are one per card; the project's header table stacks each label above its value (no sideways
 * scrolling for it) and a table that does scroll sideways says so.
 */
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './browser';
import { currentProjects, indicatorsOf } from './data';
import { fixtureFiles, go, useE2e } from './harness';
import { squeezedCells } from './scan';

const e = useE2e({ files: fixtureFiles() });

/** Visible cells with text narrower than two characters of their font, and amounts drawn on more than one line (scan.ts). */
const squeezed = squeezedCells;

describe('the public pages on a 390 px phone', () => {
  it('home, a department and a project: no cell under two characters wide, no amount broken, indicators as cards', async () => {
    const published = await currentProjects(e.db, { status: 'published' });
    expect(published.length).toBeGreaterThan(0);
    const project = published[0]!;
    const s = await e.newPage();
    const page = s.page;
    await page.setViewportSize({ width: 390, height: 844 });

    await go(page, '/public');
    await page.getByTestId('public-department-row').first().waitFor();
    expect(await squeezed(page)).toEqual({ cells: [], amounts: [] });
    await page.getByRole('tab', { name: /项目/ }).click();
    await page.getByTestId('public-project-row').first().waitFor();
    expect(await squeezed(page)).toEqual({ cells: [], amounts: [] });
    await saveScreenshot(page, 'phone-public-home');

    await go(page, `/public/departments/${project.departmentId}`);
    await page.getByTestId('public-department').waitFor();
    await page.getByTestId('public-department-projects').locator('tbody tr').first().waitFor();
    expect(await squeezed(page)).toEqual({ cells: [], amounts: [] });

    await go(page, `/public/projects/${project.id}`);
    await page.getByTestId('public-project').waitFor();
    const cards = page.getByTestId('official-indicator-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBe((await indicatorsOf(e.db, project.id)).length);
    expect(await page.getByTestId('official-indicators').isVisible()).toBe(false);
    expect(await squeezed(page)).toEqual({ cells: [], amounts: [] });
    await saveScreenshot(page, 'phone-public-project', { readme: true });
    s.expectNoErrors();
    await s.close();
  });

  it('the lists show every row with its year and budget (万元, two decimals) inside the screen; a search lands on the tab with results; the project page names its year', async () => {
    const published = await currentProjects(e.db, { status: 'published' });
    const s = await e.newPage();
    const page = s.page;
    await page.setViewportSize({ width: 390, height: 844 });
    /** Each visible row's cells that end inside the screen, as text. */
    const rowsOnScreen = (testid: string) =>
      page.getByTestId(testid).locator('tbody tr').evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].filter((td) => td.getBoundingClientRect().right <= window.innerWidth + 0.5).map((td) => (td as HTMLElement).innerText.trim())),
      );
    const yearAndBudget = (cells: string[]) => cells.some((c) => /^\d{4}$/.test(c)) && cells.some((c) => /^≈?\d[\d,]*\.\d{2} 万元$/.test(c));

    await go(page, '/public');
    await page.getByTestId('public-department-row').first().waitFor();
    const departmentRows = await rowsOnScreen('public-departments');
    expect(departmentRows.length).toBeGreaterThan(0);
    for (const cells of departmentRows) expect(yearAndBudget(cells), cells.join(' | ')).toBe(true);
    await page.getByRole('tab', { name: /项目/ }).click();
    await page.getByTestId('public-project-row').first().waitFor();
    const projectRows = await rowsOnScreen('public-projects');
    expect(projectRows.length).toBeGreaterThan(0);
    for (const cells of projectRows) expect(yearAndBudget(cells), cells.join(' | ')).toBe(true);

    // A project's name that no department's name or code matches: the search shows the projects' tab.
    let target: (typeof published)[number] | undefined;
    for (const p of published) {
      const found = (await (await fetch(`${e.url}/api/public/departments?q=${encodeURIComponent(p.name)}`)).json()) as { items: unknown[] };
      if (found.items.length === 0) {
        target = p;
        break;
      }
    }
    expect(target, 'a published project whose name names no department').toBeDefined();
    await go(page, '/public');
    await page.getByTestId('public-search').locator('input').fill(target!.name);
    await page.getByTestId('public-search').locator('input').press('Enter');
    await page.getByTestId('public-project-row').filter({ hasText: target!.name }).first().waitFor();
    expect(await page.getByRole('tab', { name: /项目/ }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tab', { name: /部门/ }).innerText()).toContain('（0）');

    await go(page, `/public/projects/${target!.id}`);
    await page.getByTestId('public-project').waitFor();
    const year = (await (await fetch(`${e.url}/api/public/projects/${target!.id}`)).json()) as { year: number | null };
    expect(year.year).not.toBeNull();
    expect((await page.getByTestId('public-project-year').innerText()).trim()).toBe(`${year.year}年`);
    s.expectNoErrors();
    await s.close();
  });

  it('the project header table stacks label over value; a wide indicator table shows that it scrolls', async () => {
    const published = await currentProjects(e.db, { status: 'published' });
    const s = await e.newPage();
    const page = s.page;
    await page.setViewportSize({ width: 390, height: 844 });

    // A project with 长期绩效指标: that indicator table is wider than the phone, scrolls and says so.
    // The fixtures publish none, so the project's answer gets its own indicators as long-term ones
    // (a shape the server gives for such a project).
    const longTerm = published[0]!.id;
    await page.route(`**/api/public/projects/${longTerm}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { project: { indicators: unknown[]; longTermIndicators: unknown[] } };
      body.project.longTermIndicators = body.project.indicators;
      await route.fulfill({ response, json: body });
    });
    // Asked by the app (an in-app move from the list): a page opened directly arrives drawn with the server's answer.
    await go(page, '/public');
    await go(page, `/public/projects/${longTerm}`);
    const main = page.getByTestId('official-main');
    await main.waitFor();
    const layout = await main.evaluate((table) => {
      const box = table.getBoundingClientRect();
      const official = table.closest('.official') as HTMLElement;
      // each label cell with a value cell right after it on its row
      const pairs = [...table.querySelectorAll('td.label')]
        .filter((td) => td.nextElementSibling?.matches('td.value') && (td.nextElementSibling as HTMLElement).innerText.trim() !== '')
        .map((td) => {
          const l = td.getBoundingClientRect();
          const v = td.nextElementSibling!.getBoundingClientRect();
          return { label: (td as HTMLElement).innerText.trim(), below: v.top >= l.bottom - 1.5, sameLeft: Math.abs(v.left - l.left) < 1.5 };
        });
      return { right: box.right, width: window.innerWidth, scrolls: official.scrollWidth > official.clientWidth + 1, pairs };
    });
    expect(layout.right).toBeLessThanOrEqual(layout.width);
    expect(layout.scrolls).toBe(false);
    expect(layout.pairs.map((p) => p.label)).toContain('项目名称');
    expect(layout.pairs.length).toBeGreaterThanOrEqual(3);
    for (const pair of layout.pairs) expect(pair, pair.label).toMatchObject({ below: true, sameLeft: true });
    const wide = page.getByTestId('official-long-term-scroll');
    await wide.waitFor();
    const hint = wide.getByTestId('scroll-hint');
    await hint.waitFor();
    expect((await hint.innerText()).trim()).toContain('左右滑动查看');
    const scroller = wide.locator('.scroll-area');
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === 'auto')).toBe(true);
    // the shadow that shows there is more to the right is drawn
    expect(await scroller.evaluate((el) => getComputedStyle(el).backgroundImage)).toMatch(/gradient/);
    // the page itself does not scroll sideways: only that table does
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await wide.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'phone-public-wide-table');
    s.expectNoErrors();
    await s.close();
  });
});
