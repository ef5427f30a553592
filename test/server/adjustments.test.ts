/**
 * 目标调整 over HTTP (issue 33): a department asks to adjust an approved project's targets, the
 * region's finance reviewer approves or returns; two adjustments make three versions, compared
 * side by side; a monitoring round before an adjustment's effective date is measured against the
 * earlier target, one on or after it against the adjusted one; the self-evaluation against the
 * target in force at the year's end; another department cannot ask or read, another region's
 * reviewer cannot decide; the public page shows the adjusted target with its note and reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { adjustmentSchema, projectAdjustmentsSchema, versionComparisonSchema, type AdjustmentBody } from '../../src/shared/api/target-adjustment';
import { snapshotDatabase } from '../db/helpers';
import { monitoringProject, storeMonitoringDocument, WAN } from './monitoring-fixtures';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from './support';

const DEPT_A = { code: '763001', name: '中共唐山市路南区委社会工作部' };
const DEPT_B = { code: '700107', name: '唐山市丰南区应急管理局' };
const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130207,丰南区'].join('\n');

interface Ctx {
  t: TestApp;
  project: number;
  published: number;
  bProject: number;
  editorA: TestClient;
  editorB: TestClient;
  reviewer: TestClient;
  countyA: TestClient;
  countyB: TestClient;
}
let ctx: Ctx;

beforeAll(async () => {
  const t = await startTestApp();
  const a = await storeMonitoringDocument(t.db, [monitoringProject(1), monitoringProject(2)], DEPT_A, 2025, 'approved');
  const b = await storeMonitoringDocument(t.db, [monitoringProject(9, { code: '13020725P000000000009' })], DEPT_B, 2025, 'approved');
  const deptA = a.projects[0]!.departmentId!;
  const deptB = b.projects[0]!.departmentId!;
  const admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  expect((await admin.put(`/api/departments/${deptA}/region`, { regionCode: '130202' })).statusCode).toBe(200);
  expect((await admin.put(`/api/departments/${deptB}/region`, { regionCode: '130207' })).statusCode).toBe(200);
  await t.db.updateTable('project').set({ status: 'published' }).where('id', '=', a.projects[1]!.id).execute();
  ctx = {
    t,
    project: a.projects[0]!.id,
    published: a.projects[1]!.id,
    bProject: b.projects[0]!.id,
    editorA: await t.client('editor', { departmentId: deptA, displayName: '社工部填报人' }),
    editorB: await t.client('editor', { departmentId: deptB, displayName: '应急局填报人' }),
    reviewer: await t.client('reviewer', { displayName: '财政局绩效科' }),
    countyA: await t.client('reviewer', { regionCode: '130202', displayName: '路南区财政局' }),
    countyB: await t.client('reviewer', { regionCode: '130207', displayName: '丰南区财政局' }),
  };
}, 60_000);
afterAll(() => ctx.t.close());

function ok(res: TestResponse): TestResponse {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
  return res;
}

async function expectUnchanged(send: () => Promise<TestResponse>, status: number): Promise<TestResponse> {
  const { session: _b, ...was } = await snapshotDatabase(ctx.t.db);
  const res = await send();
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  const { session: _a, ...after } = await snapshotDatabase(ctx.t.db);
  expect(after).toStrictEqual(was);
  return res;
}

async function adjustments(client: TestClient, id: number) {
  return projectAdjustmentsSchema.parse(ok(await client.get(`/api/projects/${id}/adjustments`)).json());
}

/** The rows in force now (the latest version), changed by `edit`. */
async function bodyFrom(id: number, edit: (rows: AdjustmentBody['rows']) => AdjustmentBody['rows'], extra: Partial<AdjustmentBody> = {}): Promise<AdjustmentBody> {
  const { versions } = await adjustments(ctx.editorA, id);
  const rows = versions[versions.length - 1]!.rows.map(({ indicatorId: _i, ...r }) => r);
  return { reason: '受政策调整影响，培训对象范围扩大', effectiveOn: '2025-07-01', budgetFen: null, rows: edit(rows), ...extra };
}

const setTarget = (name: string, target: string) => (rows: AdjustmentBody['rows']) => rows.map((r) => (r.name === name ? { ...r, target } : r));

describe('a request and its review', () => {
  it('is refused without a reason, without a change, with a date outside the year, or by the reviewer; the department sees it pending', async () => {
    const good = await bodyFrom(ctx.project, setTarget('培训人次', '≥1200人次'));
    await expectUnchanged(() => ctx.editorA.post(`/api/projects/${ctx.project}/adjustments`, { ...good, reason: ' ' }), 400);
    await expectUnchanged(() => ctx.editorA.post(`/api/projects/${ctx.project}/adjustments`, { ...good, effectiveOn: '2026-01-01' }), 400);
    await expectUnchanged(() => ctx.editorA.post(`/api/projects/${ctx.project}/adjustments`, { ...good, effectiveOn: '2025-02-30' }), 400);
    await expectUnchanged(async () => ctx.editorA.post(`/api/projects/${ctx.project}/adjustments`, await bodyFrom(ctx.project, (r) => r)), 400);
    await expectUnchanged(() => ctx.reviewer.post(`/api/projects/${ctx.project}/adjustments`, good), 403);
    const sent = adjustmentSchema.parse(ok(await ctx.editorA.post(`/api/projects/${ctx.project}/adjustments`, good)).json());
    expect(sent).toMatchObject({ status: 'pending', version: null, effectiveOn: '2025-07-01', requestedBy: '社工部填报人', projectName: '监控测试项目1' });
    const seen = await adjustments(ctx.editorA, ctx.project);
    expect(seen.canRequest).toBe(false);
    expect(seen.cannotRequest).toContain('待审核');
    expect(seen.versions.map((v) => v.version)).toStrictEqual([1]);
    // a second request while one is pending is refused
    await expectUnchanged(() => ctx.editorA.post(`/api/projects/${ctx.project}/adjustments`, good), 409);
    // it reaches the department's own bureau and the installation's (issue 58), not another county's
    const told = await ctx.t.db.selectFrom('notification').innerJoin('appUser', 'appUser.id', 'notification.userId').select('appUser.displayName').where('notification.title', 'like', '%目标调整申请%').execute();
    expect(told.map((t) => t.displayName).sort()).toStrictEqual(['路南区财政局', '财政局绩效科'].sort());
    // the reviewer's queue
    const queue = ok(await ctx.countyA.get('/api/adjustments')).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toStrictEqual([sent.id]);
    expect(ok(await ctx.countyB.get('/api/adjustments')).json().items).toStrictEqual([]);
  });

  it('while pending changes nothing in force; returned needs a comment; approved becomes version 2', async () => {
    const [pending] = (await adjustments(ctx.editorA, ctx.project)).requests;
    const round = ok(await ctx.editorA.put(`/api/projects/${ctx.project}/execution-records/2025-08-31`, { spentFen: 60 * WAN, indicators: [] })).json();
    expect(round.indicators.find((i: { name: string }) => i.name === '培训人次').target).toBe('≥1000人次');
    await expectUnchanged(() => ctx.editorA.post(`/api/adjustments/${pending!.id}/decision`, { decision: 'approve', comment: null }), 403);
    await expectUnchanged(() => ctx.countyA.post(`/api/adjustments/${pending!.id}/decision`, { decision: 'return', comment: '' }), 400);
    const returned = adjustmentSchema.parse(ok(await ctx.countyA.post(`/api/adjustments/${pending!.id}/decision`, { decision: 'return', comment: '请补充调整依据' })).json());
    expect(returned).toMatchObject({ status: 'returned', comment: '请补充调整依据', decidedBy: '路南区财政局', version: null });
    await expectUnchanged(() => ctx.countyA.post(`/api/adjustments/${pending!.id}/decision`, { decision: 'approve', comment: null }), 409);

    const again = adjustmentSchema.parse(ok(await ctx.editorA.post(`/api/projects/${ctx.project}/adjustments`, await bodyFrom(ctx.project, setTarget('培训人次', '≥1200人次'), { budgetFen: 130 * WAN }))).json());
    const approved = adjustmentSchema.parse(ok(await ctx.countyA.post(`/api/adjustments/${again.id}/decision`, { decision: 'approve', comment: '同意' })).json());
    expect(approved).toMatchObject({ status: 'approved', version: 2, budgetFen: 130 * WAN });
    const audit = (await listAuditEntries(ctx.t.db, { entity: 'project' })).filter((e) => e.entityId === ctx.project && e.action.startsWith('adjustment.'));
    expect(audit.map((e) => e.action).sort()).toStrictEqual(['adjustment.approve', 'adjustment.request', 'adjustment.request', 'adjustment.return']);
  });

  it('a second adjustment makes version 3: changed, added and removed rows, compared side by side', async () => {
    const body = await bodyFrom(
      ctx.project,
      (rows) => [
        ...setTarget('群众满意度', '≥90%')(rows).filter((r) => r.name !== '社会效益'),
        { key: 'n1', level1: '产出指标', level2: '数量指标', name: '培训场次', target: '≥20场' },
      ],
      { effectiveOn: '2025-10-01', reason: '新增培训场次考核' },
    );
    // not before version 2's date
    await expectUnchanged(() => ctx.editorA.post(`/api/projects/${ctx.project}/adjustments`, { ...body, effectiveOn: '2025-06-01' }), 400);
    const sent = adjustmentSchema.parse(ok(await ctx.editorA.post(`/api/projects/${ctx.project}/adjustments`, body)).json());
    ok(await ctx.reviewer.post(`/api/adjustments/${sent.id}/decision`, { decision: 'approve', comment: null }));
    const all = await adjustments(ctx.editorA, ctx.project);
    expect(all.versions.map((v) => [v.version, v.effectiveOn, v.budgetFen])).toStrictEqual([
      [1, null, 120 * WAN],
      [2, '2025-07-01', 130 * WAN],
      [3, '2025-10-01', 130 * WAN],
    ]);
    expect(all.versions[2]).toMatchObject({ reason: '新增培训场次考核', requestedBy: '社工部填报人', approvedBy: '财政局绩效科' });

    const c13 = versionComparisonSchema.parse(ok(await ctx.editorA.get(`/api/projects/${ctx.project}/adjustments/compare?from=1&to=3`)).json());
    const byName = new Map(c13.rows.map((r) => [(r.after ?? r.before)!.name, r]));
    expect(byName.get('培训人次')).toMatchObject({ change: 'changed', fields: ['target'], before: { target: '≥1000人次' }, after: { target: '≥1200人次' } });
    expect(byName.get('群众满意度')).toMatchObject({ change: 'changed', after: { target: '≥90%' } });
    expect(byName.get('社会效益')).toMatchObject({ change: 'removed', after: null });
    expect(byName.get('培训场次')).toMatchObject({ change: 'added', before: null, after: { target: '≥20场' } });
    expect(byName.get('项目成本')!.change).toBe('same');
    const c23 = versionComparisonSchema.parse(ok(await ctx.editorA.get(`/api/projects/${ctx.project}/adjustments/compare?from=2&to=3`)).json());
    expect(c23.rows.find((r) => r.key.startsWith('i') && r.before!.name === '培训人次')!.change).toBe('same');
    expect((await ctx.editorA.get(`/api/projects/${ctx.project}/adjustments/compare?from=1&to=4`)).statusCode).toBe(404);
  });
});

describe('what is in force is what every answer gives (issue 58)', () => {
  it('the project, its list row, its department, the dashboard and the export give the latest approved version; the approved one is history', async () => {
    const record = ok(await ctx.editorA.get(`/api/projects/${ctx.project}`)).json();
    const names = record.project.indicators.map((i: { name: string }) => i.name);
    expect(names).toContain('培训场次');
    expect(names).not.toContain('社会效益');
    expect(record.project.indicators.find((i: { name: string }) => i.name === '培训人次').target.raw).toBe('≥1200人次');
    expect(record.project.budget.total).toBe(130 * WAN);
    expect(record.adjusted).toMatchObject({ version: 3, effectiveOn: '2025-10-01', reason: '新增培训场次考核', approvedBudgetFen: 120 * WAN, budgetFen: 130 * WAN, removed: 1, approvedBy: '财政局绩效科' });
    // a project never adjusted says so
    expect(ok(await ctx.editorB.get(`/api/projects/${ctx.bProject}`)).json().adjusted).toBeNull();
    // the list, the department and the dashboard add up the budget in force
    const list = ok(await ctx.editorA.get('/api/projects?pageSize=100')).json();
    expect(list.items.find((i: { id: number }) => i.id === ctx.project).budgetTotalFen).toBe(130 * WAN);
    const department = ok(await ctx.editorA.get(`/api/departments/${record.department.id}`)).json();
    expect(department.projects.find((p: { id: number }) => p.id === ctx.project).budgetTotalFen).toBe(130 * WAN);
    expect(department.totals.budgetTotalFen).toBe(list.items.reduce((n: number, i: { budgetTotalFen: number }) => n + i.budgetTotalFen, 0));
    const dashboard = ok(await ctx.reviewer.get('/api/dashboard?year=2025')).json();
    const group = dashboard.groups.find((g: { departmentId: number }) => g.departmentId === record.department.id);
    expect(group.budgetTotalFen).toBe(department.totals.budgetTotalFen);
    // the Excel export writes the targets in force
    const xlsx = await ctx.editorA.get(`/api/departments/${record.department.id}/export?format=xlsx&year=2025`);
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = (book.getWorksheet('指标')!.getSheetValues() as unknown[][]).flat().map(String);
    expect(cells).toContain('≥1200人次');
    expect(cells).toContain('培训场次');
    // the other project of the document (never adjusted) still has it; this one no more
    expect(cells.filter((c) => c === '社会效益')).toHaveLength(1);
  });
});

describe('monitoring and self-evaluation measure against the target in force', () => {
  it('a round before the effective date uses the earlier target, one on or after it the adjusted', async () => {
    const p = (await adjustments(ctx.editorA, ctx.project)).versions[0]!.rows;
    const training = p.find((r) => r.name === '培训人次')!.indicatorId!;
    const line = { indicatorId: training, valueToDate: '600', projected: '1100' };
    const before = ok(await ctx.editorA.put(`/api/projects/${ctx.project}/execution-records/2025-06-30`, { spentFen: 60 * WAN, indicators: [line] })).json();
    const after = ok(await ctx.editorA.put(`/api/projects/${ctx.project}/execution-records/2025-07-31`, { spentFen: 70 * WAN, indicators: [line] })).json();
    const lineOf = (t: { indicators: { indicatorId: number; target: string; percentOfTarget: number | null }[] }) => t.indicators.find((i) => i.indicatorId === training)!;
    expect(lineOf(before).target).toBe('≥1000人次');
    expect(lineOf(after).target).toBe('≥1200人次');
    expect(lineOf(before).percentOfTarget).toBe(60);
    expect(lineOf(after).percentOfTarget).toBe(50);
    // the budget in force: 120万元 before, 130万元 from 1 July
    expect(before.spending.budgetFen).toBe(120 * WAN);
    expect(after.spending.budgetFen).toBe(130 * WAN);
    // from 1 October the removed row is no longer measured; the monitoring table read back says the same
    const october = ok(await ctx.editorA.get(`/api/projects/${ctx.project}/monitoring?asOf=2025-08-31`)).json();
    expect(october.indicators.map((i: { name: string }) => i.name)).toContain('社会效益');
    const late = ok(await ctx.editorA.put(`/api/projects/${ctx.project}/execution-records/2025-10-31`, { spentFen: 90 * WAN, indicators: [] })).json();
    expect(late.indicators.map((i: { name: string }) => i.name)).not.toContain('社会效益');
    expect(late.indicators.find((i: { name: string }) => i.name === '群众满意度').target).toBe('≥90%');
    // a line for the removed indicator in a round after its removal is refused
    const removed = p.find((r) => r.name === '社会效益')!.indicatorId!;
    await expectUnchanged(() => ctx.editorA.put(`/api/projects/${ctx.project}/execution-records/2025-11-30`, { spentFen: 90 * WAN, indicators: [{ indicatorId: removed, likelihood: '确定能' }] }), 400);
  });

  it('the self-evaluation uses the targets in force at the year end', async () => {
    const table = ok(await ctx.editorA.get(`/api/projects/${ctx.project}/self-evaluation`)).json();
    const names = table.indicators.map((i: { name: string }) => i.name);
    expect(names).not.toContain('社会效益');
    const satisfaction = table.indicators.find((i: { name: string }) => i.name === '群众满意度');
    expect(JSON.stringify(satisfaction)).toContain('≥90%');
    const training = table.indicators.find((i: { name: string }) => i.name === '培训人次');
    expect(JSON.stringify(training)).toContain('≥1200人次');
  });
});

describe('isolation', () => {
  it('another department cannot read or ask; another region’s reviewer cannot decide or list', async () => {
    await expectUnchanged(() => ctx.editorB.get(`/api/projects/${ctx.project}/adjustments`), 404);
    await expectUnchanged(() => ctx.editorB.get(`/api/projects/${ctx.project}/adjustments/compare?from=1&to=2`), 404);
    const body = await bodyFrom(ctx.published, setTarget('培训人次', '≥1100人次'));
    await expectUnchanged(() => ctx.editorB.post(`/api/projects/${ctx.published}/adjustments`, body), 404);
    const sent = adjustmentSchema.parse(ok(await ctx.editorA.post(`/api/projects/${ctx.published}/adjustments`, { ...body, reason: '服务人数增加' })).json());
    await expectUnchanged(() => ctx.countyB.post(`/api/adjustments/${sent.id}/decision`, { decision: 'approve', comment: null }), 404);
    await expectUnchanged(() => ctx.countyB.get(`/api/projects/${ctx.published}/adjustments`), 404);
    expect(ok(await ctx.editorB.get('/api/adjustments')).json().items).toStrictEqual([]);
    ok(await ctx.countyA.post(`/api/adjustments/${sent.id}/decision`, { decision: 'approve', comment: null }));
  });
});

describe('the public page', () => {
  it('shows the adjusted target in force with its note and the reason', async () => {
    const res = ok(await ctx.t.app.inject({ method: 'GET', url: `/api/public/projects/${ctx.published}` })).json();
    expect(res.adjustment).toMatchObject({ version: 2, effectiveOn: '2025-07-01', reason: '服务人数增加' });
    // the project itself is the version in force (issue 58)
    expect(res.project.indicators.find((i: { name: string }) => i.name === '培训人次').target.raw).toBe('≥1100人次');
    expect(res.adjusted).toMatchObject({ version: 2, reason: '服务人数增加' });
    const row = res.adjustment.rows.find((r: { name: string }) => r.name === '培训人次');
    expect(row).toMatchObject({ target: '≥1100人次', change: 'changed', originalTarget: '≥1000人次', note: '本指标于2025年7月1日调整，原目标值：≥1000人次' });
    expect(res.adjustment.rows.find((r: { name: string }) => r.name === '项目成本').note).toBeNull();
    // a project never adjusted has no such field
    await ctx.t.db.updateTable('project').set({ status: 'published' }).where('id', '=', ctx.bProject).execute();
    expect(ok(await ctx.t.app.inject({ method: 'GET', url: `/api/public/projects/${ctx.bProject}` })).json()).not.toHaveProperty('adjustment');
  });
});

describe('next year’s draft (issue 58)', () => {
  it('starts from the targets in force, each with this year’s actual value beside it', async () => {
    const res = await ctx.editorA.post(`/api/projects/${ctx.project}/carry-over`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const draft = ok(await ctx.editorA.get(`/api/projects/${res.json().project.id}`)).json();
    const byName = new Map(draft.project.indicators.map((i: { name: string; target: { raw: string } }) => [i.name, i.target.raw]));
    expect(byName.get('培训人次')).toBe('≥1200人次');
    expect(byName.has('培训场次')).toBe(true);
    expect(byName.has('社会效益')).toBe(false);
  });
});
