/**
 * A unit's staff on a 390 px phone, signed in (issue 58), in a real browser on the demo data: the menu
 * opens as a drawer and leads where it says, the bell and 退出 are on the screen, every page of the
 * unit's role is no wider than the screen and squeezes no name to a character a line, and a round of
 * monitoring is filled in and saved on the phone.
 */
import { describe, expect, it } from 'vitest';
import { clickForAnswer, login, open, useE2e } from './harness';
import { pageAddresses, pageReady } from './page-addresses';
import { scanPage, squeezedCells } from './scan';

const e = useE2e();
const UNIT = 'dept-763002';

describe('a unit’s staff on a 390 px phone, signed in', () => {
  it('the menu is a drawer, the bell and 退出 on the screen, every page of the role within it', async () => {
    const s = await e.newPage();
    await login(s.page, ...e.account(UNIT));
    await s.page.setViewportSize({ width: 390, height: 844 });
    await open(s.page, '/workbench');
    await s.page.getByTestId('workbench-page').waitFor();
    // the header: the menu button, the bell and 退出 inside the screen, the user's name shown
    for (const id of ['menu-toggle', 'notification-bell', 'logout', 'current-user']) {
      const box = await s.page.getByTestId(id).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(390);
    }
    expect(await s.page.getByTestId('nav').isVisible()).toBe(false);
    // the drawer lists the role's pages and leads to them
    await s.page.getByTestId('menu-toggle').click();
    await s.page.getByTestId('menu-monitoring').click();
    // a unit's 监控 is its department's own (monitoring-page.tsx sends it on from /monitoring)
    await s.page.waitForURL(/\/monitoring\/departments\/\d+$/);
    await s.page.getByTestId('menu-monitoring').waitFor({ state: 'detached' });

    const found: Record<string, unknown> = {};
    for (const path of await pageAddresses(e, 'editor', UNIT)) {
      await open(s.page, path);
      await pageReady(s.page);
      const { overflow, wide } = await scanPage(s.page);
      const { cells, amounts } = await squeezedCells(s.page);
      if (overflow > 0 || cells.length > 0 || amounts.length > 0) found[path] = { overflow, wide, cells, amounts };
    }
    expect(found).toStrictEqual({});
    s.expectNoErrors();
    await s.close();
  }, 240_000);

  it('a round of monitoring is filled in and saved on the phone', async () => {
    const department = e.demoLogins.find((l) => l.username === UNIT)!.departmentName!;
    const project = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .innerJoin('department as dep', 'dep.id', 'd.departmentId')
      .select(['p.id', 'p.year'])
      .where('dep.name', '=', department)
      .where('p.status', 'in', ['approved', 'issued', 'published'])
      .where('d.isCurrent', '=', 1)
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    const s = await e.newPage();
    await login(s.page, ...e.account(UNIT));
    await s.page.setViewportSize({ width: 390, height: 844 });
    await open(s.page, `/projects/${project.id}/monitoring`);
    await s.page.getByTestId('project-monitoring-page').waitFor();
    await s.page.getByTestId('new-round').click();
    const form = s.page.getByTestId('execution-form');
    await form.waitFor();
    await s.page.getByTestId('entry-spent').fill('12.5');
    // the form's fields are on the screen, not beside it
    for (const field of await form.locator('input:visible').all()) {
      const box = await field.boundingBox();
      if (box !== null) expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const saved = await clickForAnswer(s.page, s.page.getByTestId('entry-save'), new RegExp(`/api/projects/${project.id}/execution-records/`), 'PUT');
    expect(saved.status()).toBe(200);
    s.expectNoErrors();
    await s.close();
  }, 120_000);
});
