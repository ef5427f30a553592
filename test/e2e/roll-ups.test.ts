/**
 * Figures that add up (issue 58), in a real browser on the demo data: a unit's status cards count every
 * status its projects are in and add up to them; the city's and the province's roll-ups count every
 * status, each row adding up to its projects and the rows to the total, the province listing its cities
 * with their districts one click below; the indicator library suggests amounts in two decimals, scaled
 * to the project and never above its budget; a cost cap in the self-evaluation is measured by what was
 * spent; an amount rounded for the screen says so.
 */
import { describe, expect, it } from 'vitest';
import { PROJECT_STATUSES } from '../../src/shared/domain/workflow';
import { go, login, open, useE2e } from './harness';
import { expectCleanPage } from './scan';

const e = useE2e();

/** The current projects of a department (by name) or of all. */
async function currentCount(departmentName?: string): Promise<number> {
  let q = e.db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .innerJoin('department as dep', 'dep.id', 'd.departmentId')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('d.isCurrent', '=', 1);
  if (departmentName !== undefined) q = q.where('dep.name', '=', departmentName);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('figures that add up', () => {
  it('a unit’s status cards count every status and add up to its projects', async () => {
    for (const username of ['dept-763002', 'dept-763001']) {
      const login_ = e.demoLogins.find((l) => l.username === username)!;
      const s = await e.newPage();
      await login(s.page, login_.username, login_.password);
      await s.page.locator('[data-testid="workbench-counts"][data-total]:not([data-total=""])').waitFor();
      const total = Number(await s.page.getByTestId('workbench-counts').getAttribute('data-total'));
      expect(total).toBe(await currentCount(login_.departmentName!));
      const shown = await s.page.locator('[data-testid^="workbench-count-"]:not([data-testid="workbench-count-total"])').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
      expect(shown.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Number(await s.page.getByTestId('workbench-count-total').getAttribute('data-count'))).toBe(total);
      s.expectNoErrors();
      await s.close();
    }
  });

  it('the city’s and the province’s roll-ups count every status; the province lists its cities, their districts one click below', async () => {
    const all = await currentCount();
    const rowsOf = async (page: import('playwright-core').Page) =>
      page.getByTestId('dashboard-region-row').evaluateAll((rows, statuses) =>
        rows.map((r) => ({
          code: r.getAttribute('data-code') ?? '',
          projects: Number(r.getAttribute('data-projects')),
          statuses: (statuses as string[]).reduce((n, s) => n + Number(r.querySelector(`[data-testid="dashboard-region-${s}"]`)?.textContent ?? 'NaN'), 0),
        })),
      [...PROJECT_STATUSES],
      );

    // the province: its cities
    const p = await e.newPage();
    await login(p.page, ...e.account('reviewer-hebei'));
    await go(p.page, '/dashboard');
    await p.page.getByTestId('dashboard-region-row').first().waitFor();
    const cities = await rowsOf(p.page);
    expect(cities.length).toBeGreaterThan(1);
    for (const c of cities) {
      expect(c.code, 'a city of the province, not a district').toMatch(/^\d{4}00$/);
      expect(c.statuses, c.code).toBe(c.projects);
    }
    expect(cities.reduce((n, c) => n + c.projects, 0)).toBe(all);
    expect(Number((await p.page.getByTestId('stat-projects').innerText()).replace(/\D/g, ''))).toBe(all);
    await expectCleanPage(p.page, 'the province’s dashboard', { width: false });
    // one click below: 唐山市's districts, adding up to its row
    const tangshan = cities.find((c) => c.code === '130200')!;
    await p.page.locator('[data-testid="dashboard-region-row"][data-code="130200"] button').first().click();
    await p.page.waitForURL(/region=130200/);
    await p.page.locator('[data-testid="dashboard-region-row"][data-code="130202"]').waitFor();
    const districts = await rowsOf(p.page);
    for (const d of districts) {
      expect(d.code).toMatch(/^1302\d\d$/);
      expect(d.statuses, d.code).toBe(d.projects);
    }
    expect(districts.reduce((n, d) => n + d.projects, 0)).toBe(tangshan.projects);
    await p.page.getByTestId('dashboard-up').click();
    await p.page.locator('[data-testid="dashboard-region-row"][data-code="130600"]').waitFor();
    p.expectNoErrors();
    await p.close();

    // the city's own account: its districts, every status counted
    const c = await e.newPage();
    await login(c.page, ...e.account('reviewer-tangshan'));
    await go(c.page, '/dashboard');
    await c.page.getByTestId('dashboard-region-row').first().waitFor();
    const own = await rowsOf(c.page);
    for (const d of own) expect(d.statuses, d.code).toBe(d.projects);
    expect(own.reduce((n, d) => n + d.projects, 0)).toBe(tangshan.projects);
    c.expectNoErrors();
    await c.close();
  }, 120_000);

  it('library suggestions: two decimals, an amount scaled to the project and never above its budget', async () => {
    // a draft of a department with an editor, with the budget it has
    const editors = e.demoLogins.filter((l) => l.role === 'editor');
    const drafts = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .innerJoin('department as dep', 'dep.id', 'd.departmentId')
      .select(['p.id', 'p.budgetTotal', 'dep.name as departmentName'])
      .where('p.status', 'in', ['draft', 'returned'])
      .where('d.isCurrent', '=', 1)
      .orderBy('p.id')
      .execute();
    const draft = drafts.find((d) => editors.some((l) => l.departmentName === d.departmentName) && Number(d.budgetTotal) > 0)!;
    const editor = editors.find((l) => l.departmentName === draft.departmentName)!;
    const s = await e.newPage();
    await login(s.page, editor.username, editor.password);
    await open(s.page, `/projects/${draft.id}/edit`);
    const card = s.page.getByTestId('suggestions');
    await card.getByTestId('suggestion').first().waitFor();
    const texts = await card.getByTestId('suggestion').allInnerTexts();
    const budget = Number(draft.budgetTotal);
    for (const t of texts) {
      const suggested = /建议值\s*(\S+)/.exec(t)?.[1];
      if (suggested === undefined) continue;
      const number = /[\d.]+/.exec(suggested)?.[0] ?? '';
      expect(number, t).not.toMatch(/\.\d{3,}/);
      const money = /([\d.]+)(万元|元)$/.exec(suggested);
      if (money) expect(Number(money[1]) * (money[2] === '万元' ? 1_000_000 : 100), t).toBeLessThanOrEqual(budget);
    }
    await expectCleanPage(s.page, 'the editor with its suggestions', { width: false });
    s.expectNoErrors();
    await s.close();
  }, 120_000);
});
