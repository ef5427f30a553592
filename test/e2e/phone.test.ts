/**
 * The public pages on a 390 px phone, in a real browser: nothing is squeezed to a character a line
 * (every table cell that shows text is at least two characters wide — a table too wide for the
 * screen scrolls sideways instead), no amount is broken over lines, and a project's indicators
 * are one per card.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './browser';
import { currentProjects, indicatorsOf } from './data';
import { fixtureFiles, go, screenshotsOnFailure, startE2e, type E2e } from './harness';

let e: E2e;

beforeAll(async () => {
  e = await startE2e({ files: fixtureFiles() });
});
afterAll(() => e?.close());
screenshotsOnFailure(() => e);

/** Visible cells with text narrower than two characters of their font, and amounts drawn on more than one line. */
async function squeezed(page: Page): Promise<{ cells: string[]; amounts: string[] }> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const cells = [...document.querySelectorAll('td, th')]
      .filter((el) => visible(el) && (el as HTMLElement).innerText.trim() !== '')
      .filter((el) => {
        const s = getComputedStyle(el);
        const content = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        return content < 2 * parseFloat(s.fontSize) - 0.5;
      })
      .map((el) => (el as HTMLElement).innerText.trim().slice(0, 20));
    // an amount broken over lines has boxes on more than one line (a line's boxes share their top)
    const lines = (el: Element) => new Set([...el.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    const amounts = [...document.querySelectorAll('.money')].filter((el) => visible(el) && lines(el) > 1).map((el) => (el as HTMLElement).innerText);
    return { cells, amounts };
  });
}

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
    await page.getByTestId('public-department-projects').locator('tbody tr.ant-table-row').first().waitFor();
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
});
