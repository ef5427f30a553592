/**
 * Status figures that add up to the project list (issue 71, item 2), in a real browser at 1440 px on the demo data,
 * whose projects wait at every level of review (待主管部门审核, 待业务科室审核, 已提交): the 部门 list's status tags of
 * each department add up to its 项目数; the 统计 page's "各部门项目数（按状态）" chart — read from its table of figures,
 * what a screen reader reads of it — gives every department its projects in every status, its line under the chart
 * the year's projects by status, and its 待审核 card the projects waiting at each level. Each is compared with the
 * projects the database holds.
 */
import { describe, expect, it } from 'vitest';
import { PROJECT_STATUSES, STATUS_LABELS, type ProjectStatus } from '../../src/shared/domain/workflow';
import { go, login, useE2e } from './harness';

const e = useE2e();

/** The current projects of the demo's year by department name and status, as the database holds them. */
async function projectsByDepartment(): Promise<Map<string, Map<ProjectStatus, number>>> {
  const rows = await e.db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .innerJoin('department as dep', 'dep.id', 'd.departmentId')
    .select(['dep.name', 'p.status'])
    .where('d.isCurrent', '=', 1)
    .execute();
  const out = new Map<string, Map<ProjectStatus, number>>();
  for (const r of rows) {
    const m = out.get(r.name) ?? new Map<ProjectStatus, number>();
    m.set(r.status as ProjectStatus, (m.get(r.status as ProjectStatus) ?? 0) + 1);
    out.set(r.name, m);
  }
  return out;
}

const sum = (m: Map<ProjectStatus, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('status figures add up to the projects, at every level of review (1440 px)', () => {
  it('the 部门 list: each department’s status tags add up to its 项目数, every status its projects are in', async () => {
    const expected = await projectsByDepartment();
    // the demo's projects wait at every level: otherwise this test proves nothing
    const all = new Set([...expected.values()].flatMap((m) => [...m.keys()]));
    for (const s of ['unit_submitted', 'section_submitted', 'submitted'] as const) expect(all.has(s), s).toBe(true);

    const s = await e.newPage();
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await login(s.page, ...e.account('reviewer'));
    await go(s.page, '/departments');
    await s.page.getByTestId('department-row').first().waitFor();
    const rows = await s.page.getByTestId('department-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('[data-testid="department-link"]')?.textContent ?? '',
        projects: Number(tr.querySelectorAll('td')[3]?.textContent ?? 'NaN'),
        statuses: Object.fromEntries([...tr.querySelectorAll('[data-testid="status-counts"] [data-status]')].map((t) => [t.getAttribute('data-status'), Number(/\d+$/.exec(t.textContent ?? '')?.[0])])),
      })),
    );
    expect(rows.length).toBe(expected.size);
    for (const r of rows) {
      const want = expected.get(r.name)!;
      expect(r.projects, r.name).toBe(sum(want));
      expect(r.statuses, r.name).toStrictEqual(Object.fromEntries(PROJECT_STATUSES.filter((st) => want.has(st)).map((st) => [st, want.get(st)])));
    }
    s.expectNoErrors();
    await s.close();
  });

  it('the 统计 page: every department’s bar holds every status, the line under the chart and the 待审核 card add up', async () => {
    const expected = await projectsByDepartment();
    const total = [...expected.values()].reduce((n, m) => n + sum(m), 0);
    const s = await e.newPage();
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await login(s.page, ...e.account('reviewer'));
    await go(s.page, '/dashboard');
    const table = s.page.getByTestId('chart-status-table');
    await table.locator('tbody tr').first().waitFor({ state: 'attached' });
    // the chart's figures: a row per department, a column per status (a screen reader's reading of the bars)
    const read = await table.evaluate((t) => ({
      head: [...t.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
      rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
    }));
    expect(read.head.slice(1)).toStrictEqual(PROJECT_STATUSES.map((st) => STATUS_LABELS[st]));
    expect(read.rows.length).toBe(expected.size);
    for (const [name, ...cells] of read.rows) {
      const want = expected.get(name!)!;
      expect(cells.map(Number), name).toStrictEqual(PROJECT_STATUSES.map((st) => want.get(st) ?? 0));
    }
    expect(Number((await s.page.getByTestId('stat-projects').innerText()).replace(/\D/g, ''))).toBe(total);
    // the line under the chart: the year's projects by status, adding up to the 项目数
    const line = await s.page.getByTestId('status-total-line').innerText();
    expect(line).toContain(`共 ${total} 个项目`);
    const byStatus = new Map<ProjectStatus, number>();
    for (const m of expected.values()) for (const [st, n] of m) byStatus.set(st, (byStatus.get(st) ?? 0) + n);
    for (const [st, n] of byStatus) expect(line).toContain(`${STATUS_LABELS[st]} ${n}`);
    // 待审核: the projects waiting at every level, each level named
    const waiting = (byStatus.get('unit_submitted') ?? 0) + (byStatus.get('section_submitted') ?? 0) + (byStatus.get('submitted') ?? 0);
    expect(Number((await s.page.getByTestId('stat-submitted').locator('.ant-statistic-content').innerText()).replace(/\D/g, ''))).toBe(waiting);
    const levels = await s.page.getByTestId('stat-submitted-levels').innerText();
    expect(levels).toContain(`主管部门 ${byStatus.get('unit_submitted') ?? 0}`);
    expect(levels).toContain(`业务科室 ${byStatus.get('section_submitted') ?? 0}`);
    expect(levels).toContain(`绩效科 ${byStatus.get('submitted') ?? 0}`);
    s.expectNoErrors();
    await s.close();
  });
});
