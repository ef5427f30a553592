import { beforeAll, describe, expect, it } from 'vitest';
import { countStored } from '../../src/server/db/document.repository';
import type { Db } from '../../src/server/db/schema';
import { DEMO_LEVELS_REGION, DEMO_PASSWORD, DEMO_SECTIONS, DEMO_UNITS, DEMO_YEAR, generateDemoDocuments, listDemoLogins, loadDemoData, type DemoResult } from '../../src/server/modules/demo/demo.service';
import { FIXTURE_DIR } from '../support/fixtures';
import { harvestFixtures } from '../../src/server/demo-corpus/generate-corpus';
import { shiftYears, unitCodes } from '../../src/server/demo-corpus/demo-documents';
import type { RegionMonitoringSummary, RegionSelfEvaluationRanking } from '../../src/shared/api/monitoring';
import { openTestDatabase } from '../support/test-database';
import { startTestApp } from './support';

describe('demo data', () => {
  let db: Db;
  let result: DemoResult;
  beforeAll(async () => {
    const t = await openTestDatabase();
    db = t.db;
    result = await loadDemoData(db, { fixtureDir: FIXTURE_DIR, now: new Date('2025-03-01T08:00:00Z') });
    return () => t.close();
  }, 120_000);

  it('generates the fixtures’ departments with their codes and names, their own projects once each, all of one year', async () => {
    const all = await generateDemoDocuments(FIXTURE_DIR);
    const harvest = await harvestFixtures(FIXTURE_DIR);
    const docs = all.slice(0, harvest.sources.length);
    expect(docs.map((d) => d.department)).toEqual(harvest.sources.map((s) => s.department));
    for (const [i, d] of docs.entries()) {
      const own = harvest.sources[i]!;
      expect(d.year).toBe(DEMO_YEAR);
      expect(d.projects.length).toBe(Math.min(own.projects.length, Math.max(5, d.projects.length)));
      expect(d.projects.length).toBeLessThanOrEqual(15);
      // Each of the department's own projects, once; the budget within a tenth of its own.
      expect(new Set(d.projects.map((p) => p.name)).size).toBe(d.projects.length);
      const ownBudget = new Map(own.projects.map((p) => [shiftYears(p.name, DEMO_YEAR - own.year!), p.budget.total]));
      for (const p of d.projects) {
        expect(ownBudget.has(p.name)).toBe(true);
        const fixture = ownBudget.get(p.name)!;
        expect(Math.abs(p.budget.total! - fixture!)).toBeLessThanOrEqual(fixture! / 10 + 10_000);
        expect(p.code === null || p.code.slice(6, 8) === String(DEMO_YEAR % 100)).toBe(true);
      }
      // 第一部分 as the department wrote it, from its first line; no year but the demo year's.
      const overall = d.text.split('总体绩效目标\n')[1]!.split('\n')[0]!;
      expect(overall).toBe(shiftYears(own.overall[0]!, DEMO_YEAR - own.year!));
      expect(d.text).not.toMatch(new RegExp(`${DEMO_YEAR - 3}年`));
    }
    // then 路南区's 主管部门's units: named as DEMO_UNITS, coded after it (its three digits and a serial), a few projects of the district each
    const parent = docs.find((d) => d.projects.some((p) => p.code?.startsWith(DEMO_LEVELS_REGION)))!;
    const units = all.slice(harvest.sources.length);
    expect(units.map((d) => d.department.name)).toEqual(DEMO_UNITS);
    expect(units.map((d) => d.department.code)).toEqual(DEMO_UNITS.map((_, i) => `${parent.department.code.slice(0, 3)}${String(i + 2).padStart(3, '0')}`));
    for (const u of units) {
      expect(u.year).toBe(DEMO_YEAR);
      expect(u.projects.length).toBeGreaterThanOrEqual(4);
      expect(u.projects.length).toBeLessThanOrEqual(7);
      expect(u.projects.every((p) => p.code === null || p.code.startsWith(`${DEMO_LEVELS_REGION}${DEMO_YEAR % 100}`))).toBe(true);
    }
    // deterministic
    expect((await generateDemoDocuments(FIXTURE_DIR)).map((d) => d.text)).toEqual(all.map((d) => d.text));
  });

  it('codes a 主管部门’s units after it, skipping codes in use', () => {
    expect(unitCodes('763001', 2, new Set(['763001']))).toEqual(['763002', '763003']);
    expect(unitCodes('203001', 2, new Set(['203001', '203002']))).toEqual(['203003', '203004']);
    const full = new Set(Array.from({ length: 999 }, (_, i) => `101${String(i + 1).padStart(3, '0')}`));
    expect(unitCodes('101001', 1, full)).toEqual([null]);
  });

  it('imports every document through the normal import, review results stored', async () => {
    expect(result.notices).toEqual([]);
    // the fixtures' departments and the units the demo adds under 路南区's 主管部门
    const departments = (await harvestFixtures(FIXTURE_DIR)).sources.length + DEMO_UNITS.length;
    expect(result.documents).toHaveLength(departments);
    expect(result.documents.every((d) => d.ok && d.status === 'imported')).toBe(true);
    const stored = await countStored(db);
    expect(stored.currentDocuments).toBe(departments);
    const unreviewed = await db.selectFrom('project').select('id').where('qualityScore', 'is', null).execute();
    expect(unreviewed).toHaveLength(0);
  });

  it('creates one account of each duty — admin, secadmin, auditor, reviewer — one editor per department and the regional reviewers, all with the demo password', async () => {
    expect(result.accounts.map((a) => a.role)).toEqual(['admin', 'security', 'auditor', 'reviewer', ...Array(result.documents.length).fill('editor'), 'reviewer', 'reviewer', 'reviewer', 'supervisor', 'section', 'section']);
    expect(result.accounts.slice(0, 3).map((a) => a.username)).toEqual(['admin', 'secadmin', 'auditor']);
    expect(result.accounts.slice(4, -6).every((a) => /^dept-\d{6}$/.test(a.username) && a.departmentName !== null)).toBe(true);
    // the small province: every demo department in a region of the tree; the regional reviewers see their part
    const regions = await db.selectFrom('region').select('code').execute();
    const departments = await db.selectFrom('department').select('regionCode').execute();
    expect(departments.every((d) => regions.some((r) => r.code === d.regionCode))).toBe(true);
    expect(new Set(departments.map((d) => d.regionCode!.slice(0, 4))).size).toBe(2);
    expect(result.accounts.slice(-6, -3).map((a) => a.username)).toEqual(['reviewer-hebei', 'reviewer-tangshan', 'reviewer-lunan']);
    // levels of review: 路南区's first department is the 主管部门 of the district's others (the fixtures' other one and DEMO_UNITS), and its account follows
    const lunan = await db.selectFrom('department').select(['id', 'code', 'name', 'parentDepartmentId', 'sectionId']).where('regionCode', '=', '130202').orderBy('id').execute();
    expect(lunan.length).toBeGreaterThanOrEqual(1 + DEMO_UNITS.length + 1);
    expect(lunan.map((d) => d.parentDepartmentId)).toEqual([null, ...lunan.slice(1).map(() => lunan[0]!.id)]);
    expect(result.accounts.at(-3)).toMatchObject({ username: `supervisor-${lunan[0]!.code}`, role: 'supervisor' });
    // all four levels: its bureau's two business sections, every department of the district assigned, their accounts last
    expect((await db.selectFrom('region').select('reviewLevels').where('code', '=', '130202').executeTakeFirstOrThrow()).reviewLevels).toBe('supervisor_section');
    const sections = await db.selectFrom('businessSection').select(['id', 'name', 'regionCode']).orderBy('id').execute();
    expect(sections.map((s) => [s.name, s.regionCode])).toStrictEqual(DEMO_SECTIONS.map((s) => [s.name, '130202']));
    const sectionOf = (d: (typeof lunan)[number]) => sections.find((s) => s.id === d.sectionId)?.name;
    expect(lunan.map((d) => [d.name, sectionOf(d)])).toStrictEqual(lunan.map((d) => [d.name, d.id === lunan[0]!.id || DEMO_UNITS.includes(d.name) ? '社会保障科' : '行政政法科']));
    expect(new Set(lunan.map(sectionOf)).size).toBe(2);
    expect(result.accounts.slice(-2)).toMatchObject(DEMO_SECTIONS.map((s) => ({ username: s.username, role: 'section', departmentName: `路南区${s.name}` })));
    expect((await listDemoLogins(db)).map((l) => l.username)).toEqual(result.accounts.map((a) => a.username));
  });

  it('spreads the projects over every workflow status, returns with anchored comments', async () => {
    const statuses = result.statuses!;
    for (const s of ['draft', 'unit_submitted', 'section_submitted', 'submitted', 'returned', 'approved', 'published'] as const) expect(statuses[s] ?? 0, s).toBeGreaterThan(0);
    // the 主管部门 returned and forwarded (to the business section) some of its unit's submissions; the sections returned and forwarded some
    const byLevel = await db.selectFrom('workflowEvent').select(['fromStatus', 'toStatus']).where('fromStatus', '=', 'unit_submitted').execute();
    expect(new Set(byLevel.map((e) => e.toStatus))).toEqual(new Set(['returned', 'section_submitted']));
    const bySection = await db.selectFrom('workflowEvent').select(['fromStatus', 'toStatus', 'actor']).where('fromStatus', '=', 'section_submitted').execute();
    expect(new Set(bySection.map((e) => e.toStatus))).toEqual(new Set(['returned', 'submitted']));
    expect(new Set(bySection.map((e) => e.actor))).toEqual(new Set(DEMO_SECTIONS.map((s) => s.displayName)));
    // both sections' queues hold projects
    const waiting = await db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .innerJoin('department', 'department.id', 'document.departmentId')
      .select('department.sectionId')
      .where('project.status', '=', 'section_submitted')
      .execute();
    expect(new Set(waiting.map((w) => w.sectionId)).size).toBe(2);
    // several units: each has drafts or returns, waits in the 主管部门's queue or was forwarded; the queue holds more than one unit's
    const unitProjects = await db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .innerJoin('department', 'department.id', 'document.departmentId')
      .select(['department.id as unit', 'project.id', 'project.status'])
      .where('department.parentDepartmentId', 'is not', null)
      .execute();
    const forwarded = new Set((await db.selectFrom('workflowEvent').select('projectId').where('fromStatus', '=', 'unit_submitted').where('toStatus', '=', 'section_submitted').execute()).map((e) => e.projectId));
    const units = new Set(unitProjects.map((p) => p.unit));
    expect(units.size).toBe(1 + DEMO_UNITS.length);
    for (const unit of units) {
      const own = unitProjects.filter((p) => p.unit === unit);
      expect(own.some((p) => p.status === 'draft' || p.status === 'returned'), `unit ${unit}`).toBe(true);
      expect(own.some((p) => p.status === 'unit_submitted' || forwarded.has(p.id)), `unit ${unit}`).toBe(true);
    }
    expect(new Set(unitProjects.filter((p) => p.status === 'unit_submitted').map((p) => p.unit)).size).toBeGreaterThan(1);
    expect(new Set(unitProjects.filter((p) => forwarded.has(p.id)).map((p) => p.unit)).size).toBeGreaterThan(1);
    const comments = await db.selectFrom('reviewComment').selectAll().execute();
    expect(comments.length).toBeGreaterThanOrEqual(statuses.returned!);
    expect(comments.some((c) => c.field.startsWith('indicator:'))).toBe(true);
    const events = await db.selectFrom('workflowEvent').select(['actor', 'fromStatus', 'toStatus']).execute();
    // a unit's editor submits to its 主管部门, which forwards to the business section, which forwards to the performance section
    const sender = (from: string) => (from === 'unit_submitted' ? /（主管部门审核）$/ : from === 'section_submitted' ? /^路南区财政局.+科$/ : /填报人$/);
    const sent = events.filter((e) => ['unit_submitted', 'section_submitted', 'submitted'].includes(e.toStatus));
    expect(sent.filter((e) => !sender(e.fromStatus).test(e.actor))).toStrictEqual([]);
    expect(events.filter((e) => e.toStatus === 'published').every((e) => e.actor === '财政局绩效科')).toBe(true);
  });

  it('monitors the approved and published projects: two rounds, self-evaluations, warnings with causes, a ranking', async () => {
    const monitoring = result.monitoring!;
    const monitored = (result.statuses!.approved ?? 0) + (result.statuses!.published ?? 0);
    expect(monitoring.projects).toBe(monitored);
    expect(monitoring).toMatchObject({ records: 2 * monitored, selfEvaluations: monitored });
    // nothing for the projects that are not approved
    const unmonitored = await db
      .selectFrom('executionRecord')
      .innerJoin('project', 'project.id', 'executionRecord.projectId')
      .select('project.id')
      .where('project.status', 'not in', ['approved', 'published'])
      .execute();
    expect(unmonitored).toEqual([]);

    const t = await startTestApp({ db, demo: true });
    const reviewer = await t.loginAs('reviewer', DEMO_PASSWORD);
    const rounds = (await reviewer.get(`/api/monitoring/rounds?year=${DEMO_YEAR}`)).json();
    // each round's departments too (issue 71): the demo's monitored projects are of every one of its departments
    expect(rounds.rounds).toEqual([
      { asOf: `${DEMO_YEAR}-06-30`, projectCount: monitored, departmentCount: expect.any(Number) },
      { asOf: `${DEMO_YEAR}-08-31`, projectCount: monitored, departmentCount: expect.any(Number) },
    ]);
    expect(rounds.rounds.every((r: { departmentCount: number }) => r.departmentCount > 0 && r.departmentCount <= monitored)).toBe(true);
    const region = await reviewer.get(`/api/monitoring/region?year=${DEMO_YEAR}&asOf=${DEMO_YEAR}-08-31`);
    expect(region.statusCode).toBe(200);
    const summary = region.json() as RegionMonitoringSummary;
    expect(summary.totals.reportedCount).toBe(monitored);
    expect(summary.totals.spendingLights.red + summary.totals.spendingLights.yellow).toBeGreaterThan(0);
    expect(summary.behind.length).toBeGreaterThan(0);
    expect(summary.behind.some((b) => b.cause !== null && b.measure !== null)).toBe(true);
    expect(summary.totals.causeCounts.some((c) => c.cause !== '未说明')).toBe(true);
    expect(summary.departments.length).toBeGreaterThan(1);

    const ranking = (await reviewer.get(`/api/self-evaluations/ranking?year=${DEMO_YEAR}`)).json() as RegionSelfEvaluationRanking;
    const ranked = ranking.departments.filter((d) => d.rank !== null);
    expect(ranked.length).toBeGreaterThan(1);
    expect(ranked.every((d) => d.averageTotal !== null && d.averageTotal > 0 && d.averageTotal <= 100)).toBe(true);
    expect(ranking.projects).toHaveLength(monitored);
    expect(new Set(ranking.projects.map((p) => p.grade)).size).toBeGreaterThan(1);

    // an editor sees its own department's monitoring
    const editorAccount = result.accounts.find((a) => a.role === 'editor')!;
    const editor = await t.loginAs(editorAccount.username, DEMO_PASSWORD);
    expect((await editor.get(`/api/monitoring/region?year=${DEMO_YEAR}&asOf=${DEMO_YEAR}-08-31`)).statusCode).toBe(403);
    const own = await editor.get(`/api/departments/${editor.user!.departmentId}/monitoring?year=${DEMO_YEAR}&asOf=${DEMO_YEAR}-08-31`);
    expect(own.statusCode).toBe(200);
  });

  it('a second run changes nothing', async () => {
    const before = await countStored(db);
    const again = await loadDemoData(db, { fixtureDir: FIXTURE_DIR });
    expect(again).toEqual({ documents: [], accounts: [], statuses: null, monitoring: null, notices: [] });
    expect(await countStored(db)).toEqual(before);
  });

  it('the demo logins work against the API; an editor sees only its department', async () => {
    const t = await startTestApp({ db, demo: true });
    const editor = await t.loginAs(result.accounts[4]!.username, DEMO_PASSWORD);
    expect(editor.user).toMatchObject({ role: 'editor', departmentName: result.accounts[4]!.departmentName });
    const reviewer = await t.loginAs('reviewer', DEMO_PASSWORD);
    expect(reviewer.user?.role).toBe('reviewer');
    // one account of each duty (三员分立): the administrator its accounts only, the security administrator the roles and
    // policies only, the auditor the logs only
    const admin = await t.loginAs('admin', DEMO_PASSWORD);
    expect((await admin.get('/api/users')).statusCode).toBe(200);
    expect((await admin.get('/api/projects')).statusCode).toBe(403);
    const security = await t.loginAs('secadmin', DEMO_PASSWORD);
    expect(security.user?.role).toBe('security');
    expect((await security.get('/api/security/policy')).statusCode).toBe(200);
    expect((await security.get('/api/projects')).statusCode).toBe(403);
    const auditor = await t.loginAs('auditor', DEMO_PASSWORD);
    expect(auditor.user?.role).toBe('auditor');
    expect((await auditor.get('/api/audit/log')).json().total).toBeGreaterThan(0);
    expect((await auditor.get('/api/audit/sign-ins')).json().items[0]).toMatchObject({ username: 'auditor', success: true });
    expect((await auditor.get('/api/projects')).statusCode).toBe(403);
  });

  it('without fixtures it says so and still creates the accounts', async () => {
    const t = await openTestDatabase();
    const empty = t.db;
    try {
      const r = await loadDemoData(empty, { fixtureDir: '/nonexistent/fixtures' });
      expect(r.documents).toEqual([]);
      expect(r.notices[0]).toContain('/nonexistent/fixtures');
      expect(r.accounts.map((a) => a.username)).toEqual(['admin', 'secadmin', 'auditor', 'reviewer', 'reviewer-hebei', 'reviewer-tangshan', 'reviewer-lunan']);
      expect(r.statuses).toBeNull();
      expect(r.monitoring).toBeNull();
    } finally {
      await t.close();
    }
  });
});
