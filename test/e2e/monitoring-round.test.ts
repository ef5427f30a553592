/**
 * Monitoring opens on the round that covers the region (issue 71, item 1), in a real browser at 1440 px on the demo
 * data: when one unit files a later round (截至 10-31) for one project, the region's 监控 still opens on the latest
 * round every department reported (08-31), says which round it shows and how few reported the later one; and a
 * department's curve draws each round over the same projects — the round's own — leaving out, and naming, a round
 * only some of them reported, instead of joining a 3-project rate to a 1-project one.
 */
import { describe, expect, it } from 'vitest';
import { percentHundredths } from '../../src/shared/domain/money';
import { chooseOption, login, open, sendFromPage, useE2e } from './harness';
import { expectCleanPage } from './scan';

const e = useE2e();
const LATER = '2025-10-31';

describe('monitoring opens on the round that covers the region (1440 px)', () => {
  it('a unit’s later round of one project: the region opens on the round all reported, says so; the curve keeps to the same projects', async () => {
    // The demo's rounds: every monitored project reported at each; the latest is the one every department reported.
    const records = await e.db
      .selectFrom('executionRecord as r')
      .innerJoin('project as p', 'p.id', 'r.projectId')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .innerJoin('department as dep', 'dep.id', 'd.departmentId')
      .select(['r.asOf', 'r.spent', 'p.id', 'p.budgetTotal', 'dep.id as departmentId', 'dep.name as departmentName'])
      .where('d.isCurrent', '=', 1)
      .execute();
    const rounds = [...new Set(records.map((r) => r.asOf))].sort();
    const covering = rounds.at(-1)!;
    expect(covering < LATER).toBe(true);
    const departments = new Set(records.filter((r) => r.asOf === covering).map((r) => r.departmentId));
    expect(departments.size).toBeGreaterThan(1);
    // a department with an editor and at least two projects in that round: one of them files a later round alone
    const editors = new Map(e.demoLogins.filter((l) => l.role === 'editor').map((l) => [l.departmentName, l]));
    const byDepartment = new Map<string, typeof records>();
    for (const r of records.filter((x) => x.asOf === covering)) byDepartment.set(r.departmentName, [...(byDepartment.get(r.departmentName) ?? []), r]);
    const [departmentName, inRound] = [...byDepartment].find(([name, rs]) => editors.has(name) && rs.length >= 2)!;
    const departmentId = inRound[0]!.departmentId;
    const alone = inRound[0]!;

    const u = await e.newPage();
    await login(u.page, editors.get(departmentName)!.username, editors.get(departmentName)!.password);
    const saved = await sendFromPage(u.page, 'PUT', `/api/projects/${alone.id}/execution-records/${LATER}`, { spentFen: Number(alone.spent) + 10_000, indicators: [] });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    u.expectNoErrors();
    await u.close();

    const s = await e.newPage();
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await login(s.page, ...e.account('reviewer'));
    await open(s.page, '/monitoring');
    const reported = records.filter((r) => r.asOf === covering).length;
    // the round every department reported, not the one project's later round
    await expect.poll(() => s.page.getByTestId('stat-reported').innerText()).toContain(`${reported} /`);
    expect(await s.page.getByTestId('round-select').innerText()).toContain(covering);
    const note = await s.page.getByTestId('round-note').innerText();
    expect(note).toContain(`截至 ${covering}`);
    expect(note).toContain(`${departments.size} 个部门`);
    expect(note).toContain(`截至 ${LATER}`);
    expect(note).toMatch(/1 个部门、1 个项目/);

    // The department's curve: each round over the projects of the round shown, a round only some of them reported left out and named.
    await chooseOption(s.page, s.page.getByTestId('curve-department'), departmentName);
    const points = s.page.getByTestId('department-curve-points');
    const ids = new Set(inRound.map((r) => r.id));
    const expected = rounds.map((asOf) => {
      const rs = records.filter((r) => r.asOf === asOf && ids.has(r.id));
      const spent = rs.reduce((n, r) => n + Number(r.spent), 0);
      const budget = rs.reduce((n, r) => n + Number(r.budgetTotal), 0);
      return `${asOf} ${(percentHundredths(spent, budget)! / 100).toFixed(2)}%`;
    });
    await expect.poll(() => points.innerText()).toContain(expected.at(-1)!);
    const text = await points.innerText();
    for (const point of expected) expect(text).toContain(point);
    expect(text).not.toContain(LATER);
    expect(await s.page.getByTestId('department-curve-partial').innerText()).toContain(`截至 ${LATER} 只有 ${inRound.length} 个项目中的 1 个填报`);
    await expectCleanPage(s.page, 'the region’s monitoring');

    // The later round, chosen: it says how few reported it.
    await open(s.page, `/monitoring?year=2025&asOf=${LATER}`);
    await expect.poll(() => s.page.getByTestId('stat-reported').innerText()).toContain('1 /');
    expect(await s.page.getByTestId('round-note').innerText()).toContain(`${departments.size} 个部门中只有 1 个部门、1 个项目填报`);
    // the department's own page opens on its round that covers it too
    await open(s.page, `/monitoring/departments/${departmentId}`);
    await expect.poll(() => s.page.getByTestId('stat-reported').innerText()).toContain(`${inRound.length} /`);
    s.expectNoErrors();
    await s.close();
  }, 120_000);
});
