/**
 * 审批与公开 over HTTP (issue 33): the region's settings per year (administrator), the ex-ante gate
 * of approval (new projects and budget changes over the threshold are held until their 事前绩效评估
 * is approved 予以支持 or 部分支持; the API refuses single and one-after-the-other batch approval
 * with the reason, writing nothing; 部分支持 names the parts), 批复 batches (文号 unique in the region
 * and year, projects 已批复, the .docx notice), publication only after 批复 where set, and the public
 * page's 批复.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { approvalBatchSchema, approvalBatchListSchema } from '../../src/shared/api/approval';
import { projectRecordSchema } from '../../src/shared/api/projects';
import { allCriteria, DEFAULT_EX_ANTE_CONFIG } from '../../src/shared/domain/ex-ante';
import { snapshotDatabase } from '../db/helpers';
import { monitoringProject, storeMonitoringDocument } from './monitoring-fixtures';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from './support';

const DEPT_A = { code: '763001', name: '中共唐山市路南区委社会工作部' };
const DEPT_B = { code: '700107', name: '唐山市路南区应急管理局' };
const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区'].join('\n');

interface Ctx {
  t: TestApp;
  grown: number;
  steady: number;
  fresh: number;
  partial: number;
  rejected: number;
  bProject: number;
  deptA: number;
  deptB: number;
  editorA: TestClient;
  reviewer: TestClient;
  admin: TestClient;
}
let ctx: Ctx;

beforeAll(async () => {
  const t = await startTestApp();
  await storeMonitoringDocument(
    t.db,
    [monitoringProject(1, { code: '13020224P000000000001', year: 2024, budgetWan: 100 }), monitoringProject(2, { code: '13020224P000000000002', year: 2024, budgetWan: 100 })],
    DEPT_A,
    2024,
    'approved',
  );
  const a = await storeMonitoringDocument(
    t.db,
    [
      monitoringProject(1, { code: '13020225P000000000001', budgetWan: 150 }),
      monitoringProject(2, { code: '13020225P000000000002', budgetWan: 105 }),
      monitoringProject(3, { name: '新建社区服务中心', budgetWan: 80 }),
      monitoringProject(4, { name: '社区设备购置', budgetWan: 30 }),
      monitoringProject(5, { name: '重复建设项目', budgetWan: 20 }),
    ],
    DEPT_A,
    2025,
    'submitted',
  );
  const b = await storeMonitoringDocument(t.db, [monitoringProject(9, { name: '应急物资储备' })], DEPT_B, 2025, 'approved');
  const deptA = (await t.db.selectFrom('department').select('id').where('code', '=', DEPT_A.code).executeTakeFirstOrThrow()).id;
  const deptB = (await t.db.selectFrom('department').select('id').where('code', '=', DEPT_B.code).executeTakeFirstOrThrow()).id;
  const admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  const [grown, steady, fresh, partial, rejected] = a.projects.map((p) => p.id) as [number, number, number, number, number];
  ctx = {
    t,
    grown,
    steady,
    fresh,
    partial,
    rejected,
    bProject: b.projects[0]!.id,
    deptA,
    deptB,
    editorA: await t.client('editor', { departmentId: deptA, displayName: '社工部填报人' }),
    reviewer: await t.client('reviewer', { displayName: '财政局绩效科' }),
    admin,
  };
}, 60_000);
afterAll(() => ctx.t.close());

function ok(res: TestResponse): TestResponse {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
  return res;
}

async function record(id: number) {
  return projectRecordSchema.parse(ok(await ctx.reviewer.get(`/api/projects/${id}`)).json());
}

async function expectUnchanged(send: () => Promise<TestResponse>, status: number): Promise<TestResponse> {
  const { session: _b, ...was } = await snapshotDatabase(ctx.t.db);
  const res = await send();
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  const { session: _a, ...after } = await snapshotDatabase(ctx.t.db);
  expect(after).toStrictEqual(was);
  return res;
}

const approve = async (id: number) => ctx.reviewer.post(`/api/projects/${id}/actions`, { action: 'approve', version: (await record(id)).version });

/** The editor writes a complete assessment with this conclusion (null: the rule's) and reason, and submits it. */
async function assess(id: number, conclusion: 'support' | 'partial' | 'reject' | null, reason: string) {
  const url = `/api/projects/${id}/ex-ante`;
  ok(await ctx.editorA.post(url));
  const scores = allCriteria(DEFAULT_EX_ANTE_CONFIG).map((k) => ({ criterionId: k.id, points: k.maxTenths / 10, reason: null }));
  ok(await ctx.editorA.put(url, { version: 1, scores, conclusion, conclusionReason: reason }));
  ok(await ctx.editorA.post(`${url}/actions`, { action: 'submit', version: 2 }));
}
const approveAssessment = async (id: number, version: number) => ok(await ctx.reviewer.post(`/api/projects/${id}/ex-ante/actions`, { action: 'approve', version }));

describe('settings', () => {
  it('are off until a region sets them; the administrator sets a year for a region, inherited below, audited', async () => {
    // off: nothing holds the new project, and the approval says it lacks its 事前评估 (issue 71)
    const off = (await record(ctx.fresh)).gate!;
    expect(off).toMatchObject({ held: false, need: '新增项目（上年度无同一项目）', conclusion: null, parts: null });
    expect(off.reason).toContain('本地区本年度未开启事前绩效评估把关，不影响审核通过');
    expect(off.reason).toContain('尚未进行事前绩效评估');
    const body = { year: 2025, settings: { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: true } };
    await expectUnchanged(() => ctx.reviewer.put('/api/regions/130200/approval-settings', body), 403);
    await expectUnchanged(() => ctx.admin.put('/api/regions/139999/approval-settings', body), 404);
    await expectUnchanged(() => ctx.admin.put('/api/regions/130200/approval-settings', { ...body, settings: { ...body.settings, budgetChangePerMille: 1.5 } }), 400);
    const set = ok(await ctx.admin.put('/api/regions/130200/approval-settings', body)).json();
    expect(set).toStrictEqual({ code: '130200', year: 2025, own: body.settings, effective: body.settings, from: '130200' });
    expect(ok(await ctx.admin.get('/api/regions/130202/approval-settings?year=2025')).json()).toStrictEqual({ code: '130202', year: 2025, own: null, effective: body.settings, from: '130200' });
    const otherYear = ok(await ctx.admin.get('/api/regions/130202/approval-settings?year=2026')).json();
    expect(otherYear.effective.exAnteGate).toBe(false);
    expect(otherYear.from).toBeNull();
    const audit = (await listAuditEntries(ctx.t.db, { entity: 'region' })).filter((e) => e.action === 'region.approvalSettings');
    expect(audit[0]?.detail).toMatchObject({ code: '130200', year: 2025, from: null, to: body.settings });
  });
});

describe('the ex-ante gate', () => {
  it('holds a new project without an assessment: the record says why, the API refuses and writes nothing', async () => {
    const r = await record(ctx.fresh);
    expect(r.gate).toMatchObject({ held: true, need: '新增项目（上年度无同一项目）' });
    expect(r.gate!.reason).toContain('新建社区服务中心');
    const refused = await expectUnchanged(() => approve(ctx.fresh), 409);
    expect(refused.json().message).toBe(r.gate!.reason);
  });

  it('holds a budget grown by more than the threshold, not one within it', async () => {
    expect((await record(ctx.grown)).gate).toMatchObject({ held: true, need: '预算较上年增加超过20%' });
    expect((await record(ctx.steady)).gate).toMatchObject({ held: false, need: null });
    ok(await approve(ctx.steady));
    expect((await record(ctx.steady)).status).toBe('approved');
  });

  it('holds a returned assessment; passes once it is approved 予以支持', async () => {
    await assess(ctx.fresh, null, '项目必要，测算合理，予以支持。');
    expect((await record(ctx.fresh)).gate!.reason).toContain('“已提交”');
    ok(await ctx.reviewer.post(`/api/projects/${ctx.fresh}/ex-ante/actions`, { action: 'return', version: 3, comment: '请补充测算依据' }));
    const returned = await record(ctx.fresh);
    expect(returned.gate).toMatchObject({ held: true });
    expect(returned.gate!.reason).toContain('“退回”');
    await expectUnchanged(() => approve(ctx.fresh), 409);
    ok(await ctx.editorA.post(`/api/projects/${ctx.fresh}/ex-ante/actions`, { action: 'submit', version: 4 }));
    await approveAssessment(ctx.fresh, 5);
    expect((await record(ctx.fresh)).gate).toMatchObject({ held: false, conclusion: 'support' });
    ok(await approve(ctx.fresh));
  });

  it('holds 不予支持; approval over 部分支持 names the parts in the event and the audit entry', async () => {
    await assess(ctx.rejected, 'reject', '与已有项目重复，不予支持。');
    await approveAssessment(ctx.rejected, 3);
    await assess(ctx.partial, 'partial', '仅支持设备购置部分，运维费用不予支持。');
    await approveAssessment(ctx.partial, 3);
    // One after the other, as the batch approval sends them: the held one refused with its reason, the other approved.
    const results = [];
    for (const id of [ctx.rejected, ctx.partial]) results.push(await approve(id));
    expect(results.map((r) => r.statusCode)).toStrictEqual([409, 200]);
    expect(results[0]!.json().message).toContain('“重复建设项目”');
    expect(results[0]!.json().message).toContain('不予支持');
    const approved = await record(ctx.partial);
    expect(approved.status).toBe('approved');
    expect(approved.events.at(-1)!.comment).toBe('事前绩效评估部分支持，支持的部分：仅支持设备购置部分，运维费用不予支持。');
    const audit = (await listAuditEntries(ctx.t.db, { entity: 'project', entityId: ctx.partial })).filter((e) => e.action === 'project.approve');
    expect(audit[0]?.detail).toMatchObject({ exAnte: { conclusion: 'partial', parts: '仅支持设备购置部分，运维费用不予支持。' } });
    expect((await record(ctx.rejected)).status).toBe('submitted');
  });
});

describe('批复 and publication', () => {
  const docNumber = '路南财预〔2025〕12号';

  it('refuses to publish an approved project before 批复 when the region says so', async () => {
    const r = await record(ctx.steady);
    const refused = await expectUnchanged(() => ctx.reviewer.post(`/api/projects/${ctx.steady}/actions`, { action: 'publish', version: r.version }), 409);
    expect(refused.json().message).toContain('尚未批复');
  });

  it('issues a department’s approved projects with a 文号 and date; refuses what does not fit, and a 文号 used twice', async () => {
    const body = { departmentId: ctx.deptA, year: 2025, docNumber, issuedOn: '2025-03-05', projectIds: [ctx.steady, ctx.fresh] };
    await expectUnchanged(() => ctx.editorA.post('/api/approval-batches', body), 403);
    expect((await expectUnchanged(() => ctx.reviewer.post('/api/approval-batches', { ...body, projectIds: [ctx.rejected] }), 409)).json().message).toContain('“重复建设项目”当前为“已提交”');
    await expectUnchanged(() => ctx.reviewer.post('/api/approval-batches', { ...body, projectIds: [ctx.bProject] }), 409);
    await expectUnchanged(() => ctx.reviewer.post('/api/approval-batches', { ...body, issuedOn: '2025-02-30' }), 400);
    await expectUnchanged(() => ctx.reviewer.post('/api/approval-batches', { ...body, docNumber: ' ' }), 400);
    const batch = approvalBatchSchema.parse(ok(await ctx.reviewer.post('/api/approval-batches', body)).json());
    expect(batch).toMatchObject({ docNumber, issuedOn: '2025-03-05', year: 2025, department: { id: ctx.deptA }, createdBy: '财政局绩效科' });
    expect(batch.projects.map((p) => [p.id, p.status])).toStrictEqual([
      [ctx.steady, 'issued'],
      [ctx.fresh, 'issued'],
    ]);
    const r = await record(ctx.steady);
    expect(r).toMatchObject({ status: 'issued', issue: { batchId: batch.id, docNumber, issuedOn: '2025-03-05' } });
    expect(r.events.at(-1)).toMatchObject({ fromStatus: 'approved', toStatus: 'issued', comment: `批复下达：${docNumber}（2025-03-05）` });
    expect((await listAuditEntries(ctx.t.db, { entity: 'project', entityId: ctx.steady })).filter((e) => e.action === 'approval.issue')).toHaveLength(1);
    // the same 文号 in the same region and year
    const dup = await expectUnchanged(() => ctx.reviewer.post('/api/approval-batches', { ...body, projectIds: [ctx.partial] }), 409);
    expect(dup.json().message).toContain(docNumber);
    // already issued
    await expectUnchanged(() => ctx.reviewer.post('/api/approval-batches', { ...body, docNumber: '另一个文号', projectIds: [ctx.steady] }), 409);

    const list = approvalBatchListSchema.parse(ok(await ctx.editorA.get(`/api/approval-batches?departmentId=${ctx.deptA}&year=2025`)).json());
    expect(list.items.map((b) => b.docNumber)).toStrictEqual([docNumber]);
    expect(ok(await ctx.editorA.get(`/api/approval-batches/${batch.id}`)).json().id).toBe(batch.id);
  });

  it('gives the notice as a .docx naming the 文号, the department and the budgets in 万元', async () => {
    const { items } = approvalBatchListSchema.parse(ok(await ctx.reviewer.get('/api/approval-batches')).json());
    const res = ok(await ctx.reviewer.get(`/api/approval-batches/${items[0]!.id}/notice.docx`));
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of [docNumber, DEPT_A.name, '新建社区服务中心', '105.00', '80.00', '185.00', '2025年3月5日']) expect(text).toContain(s);
  });

  it('publishes an issued project; the public page shows the 批复; unpublished it is 已批复 again', async () => {
    ok(await ctx.reviewer.post(`/api/projects/${ctx.steady}/actions`, { action: 'publish', version: (await record(ctx.steady)).version }));
    const pub = ok(await ctx.t.client().get(`/api/public/projects/${ctx.steady}`)).json();
    expect(pub.issue).toStrictEqual({ docNumber, issuedOn: '2025-03-05' });
    ok(await ctx.reviewer.post(`/api/projects/${ctx.steady}/actions`, { action: 'unpublish', version: (await record(ctx.steady)).version }));
    expect((await record(ctx.steady)).status).toBe('issued');
  });
});
