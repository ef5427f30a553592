import { describe, expect, it } from 'vitest';
import { DASHBOARD_MAX_DEPARTMENTS, type DashboardResponse } from '../../src/shared/api/dashboard';
import type { ProjectListResponse } from '../../src/shared/api/projects';
import { generateData } from '../../src/server/modules/generate/generate.service';
import { FIXTURE_DIR } from '../support/fixtures';
import { importAllFixtures } from './domain-support';
import { startTestApp } from './support';

describe('GET /api/dashboard', () => {
  it('aggregates one year: departments, findings by category, grades, statuses, score histogram', async () => {
    const t = await startTestApp();
    const fx = await importAllFixtures(t.db);
    const reviewer = await t.client('reviewer');
    const editor = await t.client('editor', { departmentId: fx.f001.departmentId });
    await editor.post(`/api/projects/${fx.f001.projectIds[0]}/actions`, { action: 'submit', version: 1 });

    const res = await reviewer.get('/api/dashboard');
    expect(res.statusCode).toBe(200);
    const d = res.json() as DashboardResponse;
    expect(d.year).toBe(2025);
    expect(d.years).toStrictEqual([2025, 2022]);
    expect(d.groupBy).toBe('department');
    expect(d.groups.map((x) => x.departmentId).sort()).toStrictEqual([fx.f000.departmentId, fx.f001.departmentId, fx.f002.departmentId].sort());
    const projects = 5 + 19 + 6;
    expect(d.groups.reduce((n, x) => n + x.projectCount, 0)).toBe(projects);
    expect(d.totals).toStrictEqual({ departments: 3, projects, budgetTotalFen: d.groups.reduce((n, x) => n + x.budgetTotalFen, 0) });
    expect(d.statusCounts).toStrictEqual({ draft: projects - 1, unit_submitted: 0, section_submitted: 0, submitted: 1, returned: 0, approved: 0, issued: 0, published: 0 });
    expect(d.gradeCounts.map((g) => g.grade)).toStrictEqual(['优', '良', '中', '差']);
    expect(d.gradeCounts.reduce((n, g) => n + g.count, 0)).toBe(projects);
    expect(d.scoreHistogram).toHaveLength(10);
    expect(d.scoreHistogram[9]).toMatchObject({ from: 90, to: 100 });
    expect(d.scoreHistogram.reduce((n, b) => n + b.count, 0)).toBe(projects);
    expect(d.findingsByCategory.map((c) => c.category)).toStrictEqual(['missing', 'budget', 'schedule', 'taxonomy', 'unit', 'vague', 'duplicate', 'mismatch']);

    // The category figures are the stored review's.
    const stored = await t.db
      .selectFrom('projectFindingCategory as c')
      .innerJoin('project as p', 'p.id', 'c.projectId')
      .innerJoin('document as doc', 'doc.id', 'p.documentId')
      .select(['c.category', 'c.count'])
      .where('doc.year', '=', 2025)
      .execute();
    for (const c of d.findingsByCategory) {
      const rows = stored.filter((s) => s.category === c.category);
      expect(c, c.category).toStrictEqual({ category: c.category, findings: rows.reduce((n, r) => n + r.count, 0), projects: rows.length });
    }

    // Projects waiting at the levels of review count in their department's statuses too (issue 71: a department's
    // statuses were read under names the CamelCasePlugin had renamed, and its 待主管部门审核 and 待业务科室审核 were 0).
    await t.db.updateTable('project').set({ status: 'unit_submitted' }).where('id', '=', fx.f001.projectIds[1]!).execute();
    await t.db.updateTable('project').set({ status: 'section_submitted' }).where('id', '=', fx.f001.projectIds[2]!).execute();
    const levels = (await reviewer.get('/api/dashboard')).json() as DashboardResponse;
    const f001 = levels.groups.find((g) => g.departmentId === fx.f001.departmentId)!;
    expect(f001.statusCounts).toMatchObject({ unit_submitted: 1, section_submitted: 1, submitted: 1 });
    for (const g of levels.groups) expect(Object.values(g.statusCounts).reduce((a, b) => a + b, 0), g.name).toBe(g.projectCount);
    const listed = (await reviewer.get('/api/departments?year=2025')).json() as { items: { id: number; projectCount: number; statusCounts: Record<string, number> }[] };
    for (const d of listed.items) expect(Object.values(d.statusCounts).reduce((a, b) => a + b, 0)).toBe(d.projectCount);

    const y2022 = (await reviewer.get('/api/dashboard?year=2022')).json() as DashboardResponse;
    expect(y2022.groups.map((x) => x.departmentId)).toStrictEqual([fx.f003.departmentId]);
    expect(y2022.gradeCounts.reduce((n, g) => n + g.count, 0)).toBe(36);
  });

  it(`goes by region above ${DASHBOARD_MAX_DEPARTMENTS} departments, and follows changes to the data`, async () => {
    const t = await startTestApp();
    const generated = await generateData(t.db, { projects: 1500, seed: 3, year: 2025, fixtureDir: FIXTURE_DIR, monitoring: false });
    expect(generated.departments).toBeGreaterThan(DASHBOARD_MAX_DEPARTMENTS);
    const reviewer = await t.client('reviewer');
    const d = (await reviewer.get('/api/dashboard?year=2025')).json() as DashboardResponse;
    expect(d.groupBy).toBe('region');
    expect(d.totals).toMatchObject({ departments: generated.departments, projects: 1500 });
    // one group per district, each the projects of its departments (region_code: a project without
    // a code counts in its department's district; the generator leaves some codes out, as the fixtures do), in code order
    const codes = d.groups.map((g) => g.code);
    expect(codes).toStrictEqual([...codes].sort());
    expect(codes).toHaveLength(generated.districts);
    expect(d.groups.reduce((n, g) => n + g.projectCount, 0)).toBe(1500);
    // every department lies in one district
    expect(d.groups.reduce((n, g) => n + g.departmentCount, 0)).toBe(generated.departments);
    expect(d.groups.reduce((n, g) => n + g.budgetTotalFen, 0)).toBe(d.totals.budgetTotalFen);
    const first = d.groups[0]!;
    const ofDepartments = await t.db
      .selectFrom('project as p')
      .innerJoin('document as doc', 'doc.id', 'p.documentId')
      .innerJoin('department as dep', 'dep.id', 'doc.departmentId')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('doc.isCurrent', '=', 1)
      .where('doc.year', '=', 2025)
      .where('dep.regionCode', '=', first.code)
      .executeTakeFirstOrThrow();
    expect(Number(ofDepartments.n)).toBe(first.projectCount);
    const uncoded = await t.db.selectFrom('project').select('id').where('code', 'is', null).execute();
    expect(uncoded.length).toBeGreaterThan(0);
    const listed = (await reviewer.get(`/api/projects?q=${first.code}&year=2025&pageSize=1`)).json() as ProjectListResponse;
    expect(listed.total).toBeLessThanOrEqual(first.projectCount);
    expect(Object.values(first.statusCounts).reduce((n, c) => n + c, 0)).toBe(first.projectCount);

    // a change reaches the (cached) dashboard at once
    const drafts = d.statusCounts.draft;
    await t.db.updateTable('project').set({ status: 'draft' }).where('status', '=', 'published').execute();
    const after = (await reviewer.get('/api/dashboard?year=2025')).json() as DashboardResponse;
    expect(after.statusCounts.draft).toBe(drafts + d.statusCounts.published);
  }, 120_000);

  it('is empty before any import, and for reviewers and admins only', async () => {
    const t = await startTestApp();
    const reviewer = await t.client('reviewer');
    const d = (await reviewer.get('/api/dashboard')).json() as DashboardResponse;
    expect(d).toMatchObject({ year: null, years: [], groups: [], totals: { departments: 0, projects: 0, budgetTotalFen: 0 } });
    expect(d.scoreHistogram.every((b) => b.count === 0)).toBe(true);
    const departmentId = (await t.db.insertInto('department').values({ code: '1', name: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
    const editor = await t.client('editor', { departmentId });
    expect((await editor.get('/api/dashboard')).statusCode).toBe(403);
    expect((await t.client().get('/api/dashboard')).statusCode).toBe(401);
  });
});
