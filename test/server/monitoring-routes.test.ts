/**
 * The monitoring and self-evaluation API: every route for the reviewer, an editor on its own
 * department, the same routes refused across departments (404) and to the anonymous (401), the
 * region summary and the ranking refused to editors (403), malformed data refused whole (400 with
 * the field named, the database unchanged), unapproved projects refused (409), lifecycle.md's
 * worked examples exact through HTTP, and the .xlsx downloads readable, the template importable.
 */
import ExcelJS from 'exceljs';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { MonitoredProject } from '../../src/server/db/monitoring.repository';
import { EXECUTION_PROJECT_COLUMNS } from '../../src/server/importers/xlsx/read-execution-xlsx';
import {
  departmentMonitoringSummarySchema,
  departmentSelfEvaluationSummarySchema,
  executionRecordListSchema,
  executionRecordSchema,
  executionSaveResponseSchema,
  monitoringTableSchema,
  regionMonitoringSummarySchema,
  regionSelfEvaluationRankingSchema,
  selfEvaluationResultSchema,
  selfEvaluationSaveResponseSchema,
} from '../../src/shared/api/monitoring';
import { snapshotDatabase } from '../db/helpers';
import { example1Project, monitoringProject, storeMonitoringDocument, WAN } from './monitoring-fixtures';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from './support';

const ROUND = '2025-07-31';
const DEPT_A = { code: '763001', name: '中共唐山市路南区委社会工作部' };
const DEPT_B = { code: '700107', name: '唐山市路南区应急管理局' };

interface Ctx {
  t: TestApp;
  /** A's worked-example project (120万元, plan 25/50/75/100), a second A project, A's draft, B's project. */
  p: MonitoredProject;
  q: MonitoredProject;
  draft: MonitoredProject;
  b: MonitoredProject;
  /** lifecycle.md §3 worked example 1, in A. */
  ex1: MonitoredProject;
  deptA: number;
  deptB: number;
  reviewer: TestClient;
  admin: TestClient;
  editorA: TestClient;
  editorB: TestClient;
  anon: TestClient;
}

let ctx: Ctx;

beforeAll(async () => {
  const t = await startTestApp();
  const a = await storeMonitoringDocument(
    t.db,
    [
      monitoringProject(1),
      monitoringProject(2, { budgetWan: 300 }),
      example1Project(4),
      monitoringProject(5),
    ],
    DEPT_A,
  );
  // The fourth of A's projects stays a draft: no monitoring yet.
  await t.db.updateTable('project').set({ status: 'draft' }).where('id', '=', a.projects[3]!.id).execute();
  const b = await storeMonitoringDocument(t.db, [monitoringProject(3)], DEPT_B);
  const deptA = a.projects[0]!.departmentId!;
  const deptB = b.projects[0]!.departmentId!;
  ctx = {
    t,
    p: a.projects[0]!,
    q: a.projects[1]!,
    ex1: a.projects[2]!,
    draft: { ...a.projects[3]!, status: 'draft' },
    b: b.projects[0]!,
    deptA,
    deptB,
    reviewer: await t.client('reviewer', { displayName: '财政局绩效科' }),
    admin: await t.client('admin'),
    editorA: await t.client('editor', { departmentId: deptA, displayName: '社工部填报人' }),
    editorB: await t.client('editor', { departmentId: deptB }),
    anon: t.client(),
  };
  // B has a round and a self-evaluation of its own, so that there is something to leak.
  const res = await ctx.editorB.put(`/api/projects/${ctx.b.id}/execution-records/${ROUND}`, { spentFen: 10 * WAN, indicators: [] });
  expect(res.statusCode, res.body).toBe(200);
  const se = await ctx.editorB.put(`/api/projects/${ctx.b.id}/self-evaluation`, { spentFen: 100 * WAN, indicators: [] });
  expect(se.statusCode, se.body).toBe(200);
}, 60_000);
afterAll(() => ctx.t.close());

/** The worked example's round of A's project: 48万元 spent on 31 July. */
function workedExampleRound(p: MonitoredProject) {
  return {
    spentFen: 48 * WAN,
    spendingCause: '制度保障',
    spendingMeasure: '加快采购进度',
    indicators: [
      { indicatorId: p.indicators[0]!.id, valueToDate: '400', projected: '1000' },
      { indicatorId: p.indicators[2]!.id, likelihood: '有可能', cause: '人员保障', measure: '补充人员' },
      { indicatorId: p.indicators[3]!.id, projected: '88.50' },
    ],
  };
}

async function expectUnchanged<T>(send: () => Promise<T>): Promise<T> {
  const before = await snapshotDatabase(ctx.t.db);
  const out = await send();
  const { session: _a, ...after } = await snapshotDatabase(ctx.t.db);
  const { session: _b, ...was } = before;
  expect(after).toStrictEqual(was);
  return out;
}

function issuesOf(res: TestResponse): { path: string; message: string }[] {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json();
  expect(body.code).toBe('validation');
  return body.issues;
}

async function loadWorkbook(res: TestResponse): Promise<ExcelJS.Workbook> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  const bytes = res.rawPayload;
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

function fileNameOf(res: TestResponse): string {
  const header = String(res.headers['content-disposition']);
  const m = /filename\*=UTF-8''([^;]+)/.exec(header);
  expect(m, header).not.toBeNull();
  return decodeURIComponent(m![1]!);
}

describe('execution records and the monitoring table', () => {
  it('computes lifecycle.md §2’s worked example exactly through the API: 56.30% planned, ratio 71.05, yellow', async () => {
    const { p, reviewer } = ctx;
    const res = await reviewer.put(`/api/projects/${p.id}/execution-records/${ROUND}`, workedExampleRound(p));
    expect(res.statusCode, res.body).toBe(200);
    const table = executionSaveResponseSchema.parse(res.json());
    expect(table.saveStatus).toBe('created');
    expect(table.asOf).toBe(ROUND);
    expect(table.spending).toMatchObject({
      budgetFen: 120 * WAN,
      spentFen: 48 * WAN,
      actualPercent: 40,
      planPercent: 56.3,
      ratio: 71.05,
      light: 'yellow',
      cause: '制度保障',
      measure: '加快采购进度',
      issues: [],
    });
    expect(table.worstLight).toBe('yellow');
    expect(table.updatedBy).toBe('财政局绩效科');

    // the same again: unchanged, nothing written
    const again = await expectUnchanged(() => reviewer.put(`/api/projects/${p.id}/execution-records/${ROUND}`, { ...workedExampleRound(p), asOf: ROUND }));
    expect(again.json().saveStatus).toBe('unchanged');

    const got = await reviewer.get(`/api/projects/${p.id}/monitoring?asOf=${ROUND}`);
    expect(got.statusCode).toBe(200);
    const { saveStatus: _s, ...withoutStatus } = table;
    expect(monitoringTableSchema.parse(got.json())).toEqual(withoutStatus);
  });

  it('lets an editor write its own department’s rounds; replaced, listed newest first, read back for editing, audited', async () => {
    const { q, editorA, t } = ctx;
    const url = (asOf: string) => `/api/projects/${q.id}/execution-records/${asOf}`;
    expect((await editorA.put(url('2025-06-30'), { spentFen: 100 * WAN, indicators: [] })).json().saveStatus).toBe('created');
    expect((await editorA.put(url('2025-08-31'), { spentFen: 120 * WAN, indicators: [] })).json().saveStatus).toBe('created');
    const replaced = await editorA.put(url('2025-08-31'), {
      spentFen: 150 * WAN,
      note: '第二次填报',
      indicators: [{ indicatorId: q.indicators[0]!.id, valueToDate: '700' }],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ saveStatus: 'replaced', asOf: '2025-08-31', spending: { spentFen: 150 * WAN }, note: '第二次填报' });
    // 300万元 (above the 200万元 threshold), 50% spent at the end of August: key monitoring.
    expect(replaced.json().keyMonitoring).toBe(true);

    const list = await editorA.get(`/api/projects/${q.id}/execution-records`);
    expect(list.statusCode).toBe(200);
    const body = executionRecordListSchema.parse(list.json());
    expect(body.records.map((r) => r.asOf)).toEqual(['2025-08-31', '2025-06-30']);
    expect(body).toMatchObject({ monitored: true, unmonitoredReason: null, project: { id: q.id, name: q.name } });

    const one = await editorA.get(url('2025-08-31'));
    expect(one.statusCode).toBe(200);
    expect(executionRecordSchema.parse(one.json())).toMatchObject({
      asOf: '2025-08-31',
      spentFen: 150 * WAN,
      note: '第二次填报',
      indicators: [{ indicatorId: q.indicators[0]!.id, valueToDate: '700', projected: null, likelihood: null }],
      createdBy: '社工部填报人',
      updatedBy: '社工部填报人',
    });
    expect((await editorA.get(url('2025-05-31'))).statusCode).toBe(404);

    // latest round without asOf
    const latest = await editorA.get(`/api/projects/${q.id}/monitoring`);
    expect(latest.json()).toMatchObject({ asOf: '2025-08-31', rounds: ['2025-06-30', '2025-08-31'] });

    const audit = await t.db.selectFrom('auditLog').select(['action', 'actor', 'entityId']).where('entityId', '=', q.id).where('action', 'like', 'execution.%').execute();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['execution.save', '社工部填报人'],
      ['execution.save', '社工部填报人'],
      ['execution.save', '社工部填报人'],
    ]);
  });

  it('deletes a round (audited), then 404 for it', async () => {
    const { q, editorA, t } = ctx;
    const url = `/api/projects/${q.id}/execution-records/2025-06-30`;
    const res = await editorA.delete(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ projectId: q.id, asOf: '2025-06-30', rounds: ['2025-08-31'] });
    expect((await editorA.delete(url)).statusCode).toBe(404);
    expect((await editorA.get(url)).statusCode).toBe(404);
    const audit = await t.db.selectFrom('auditLog').select(['actor']).where('entityId', '=', q.id).where('action', '=', 'execution.delete').execute();
    expect(audit).toEqual([{ actor: '社工部填报人' }]);
  });

  it('marks a department’s round saved by the finance bureau, on the record and in the audit entry, until the department saves it again', async () => {
    const { q, editorA, reviewer, t } = ctx;
    const url = `/api/projects/${q.id}/execution-records/2025-09-30`;
    expect((await editorA.put(url, { spentFen: 100 * WAN, indicators: [] })).json()).toMatchObject({ saveStatus: 'created', updatedOnBehalf: false });
    const byReviewer = await reviewer.put(url, { spentFen: 110 * WAN, note: '财政局核实后更正', indicators: [] });
    expect(byReviewer.json()).toMatchObject({ saveStatus: 'replaced', updatedBy: '财政局绩效科', updatedOnBehalf: true });
    expect((await editorA.get(`/api/projects/${q.id}/monitoring?asOf=2025-09-30`)).json()).toMatchObject({ updatedOnBehalf: true });
    const audit = await t.db.selectFrom('auditLog').select(['actor', 'detail']).where('entityId', '=', q.id).where('action', '=', 'execution.save').orderBy('id').execute();
    const last = audit.at(-1)!;
    expect(last.actor).toBe('财政局绩效科');
    expect(JSON.parse(last.detail)).toMatchObject({ asOf: '2025-09-30', onBehalf: true });
    expect(JSON.parse(audit.at(-2)!.detail).onBehalf).toBeUndefined();
    expect((await editorA.put(url, { spentFen: 115 * WAN, indicators: [] })).json()).toMatchObject({ saveStatus: 'replaced', updatedOnBehalf: false });
    expect((await editorA.delete(url)).statusCode).toBe(200);
  });

  it('answers 404 with a clear message for a project without any round', async () => {
    const res = await ctx.reviewer.get(`/api/projects/${ctx.ex1.id}/monitoring`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('尚未登记执行情况');
    expect((await ctx.reviewer.get(`/api/projects/${ctx.ex1.id}/execution-records`)).json().records).toEqual([]);
  });

  it('refuses malformed data whole with 400, naming the field, and changes nothing', async () => {
    const { p, reviewer } = ctx;
    const url = (asOf: string) => `/api/projects/${p.id}/execution-records/${asOf}`;
    const send = (asOf: string, body: unknown) => expectUnchanged(() => reviewer.put(url(asOf), body));

    const negative = issuesOf(await send(ROUND, { spentFen: -1, indicators: [] }));
    expect(negative.map((i) => i.path)).toContain('spentFen');

    const unknown = issuesOf(await send(ROUND, { spentFen: WAN, indicators: [{ indicatorId: ctx.b.indicators[0]!.id, valueToDate: '1' }] }));
    expect(unknown).toEqual([{ path: 'indicators.0.indicatorId', message: expect.stringContaining('所填的指标不属于') }]);

    const outside = issuesOf(await send('2024-07-31', { spentFen: WAN, indicators: [] }));
    expect(outside).toEqual([{ path: 'asOf', message: expect.stringContaining('不在项目的预算年度（2025年）内') }]);

    const noDay = issuesOf(await send('2025-02-30', { spentFen: WAN, indicators: [] }));
    expect(noDay.map((i) => i.path)).toEqual(['asOf']);

    // several problems at once: every one named, in the message too
    const many = await send(ROUND, {
      spentFen: WAN,
      indicators: [
        { indicatorId: p.indicators[0]!.id, valueToDate: '-5' },
        { indicatorId: p.indicators[2]!.id, valueToDate: '3' },
      ],
    });
    const issues = issuesOf(many);
    expect(issues.map((i) => i.path)).toEqual(['indicators.0.valueToDate', 'indicators.1.valueToDate']);
    // the message names each field as the screen does, never by its path (issue 58); `issues` keep the paths
    expect(many.json().message).toContain('第1个指标·截至目前完成值');
    expect(many.json().message).toContain('第2个指标·截至目前完成值');
    expect(many.json().message).not.toContain('indicators.');

    const mismatch = issuesOf(await send(ROUND, { asOf: '2025-06-30', spentFen: WAN, indicators: [] }));
    expect(mismatch.map((i) => i.path)).toEqual(['asOf']);

    // the stored round is still the worked example's
    expect((await reviewer.get(url(ROUND))).json().spentFen).toBe(48 * WAN);
  });

  it('refuses writes to a project whose targets are not approved with 409, nothing written', async () => {
    const { draft, editorA } = ctx;
    const res = await expectUnchanged(() => editorA.put(`/api/projects/${draft.id}/execution-records/${ROUND}`, { spentFen: WAN, indicators: [] }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict', message: expect.stringContaining('尚未审核通过（当前状态：草稿）') });
    const se = await expectUnchanged(() => editorA.put(`/api/projects/${draft.id}/self-evaluation`, { spentFen: WAN, indicators: [] }));
    expect(se.statusCode).toBe(409);
    const list = await editorA.get(`/api/projects/${draft.id}/execution-records`);
    expect(list.json()).toMatchObject({ monitored: false, unmonitoredReason: expect.stringContaining('草稿') });
  });

  it('summarises a round per department and for the region; lists the rounds', async () => {
    const { reviewer, editorA, deptA } = ctx;
    const dept = await editorA.get(`/api/departments/${deptA}/monitoring?year=2025&asOf=${ROUND}`);
    expect(dept.statusCode, dept.body).toBe(200);
    const summary = departmentMonitoringSummarySchema.parse(dept.json());
    expect(summary.totals).toMatchObject({ projectCount: 3, reportedCount: 1 });
    expect(summary.behind.map((b) => [b.projectId, b.spendingLight, b.ratio])).toEqual([[ctx.p.id, 'yellow', 71.05]]);
    expect(summary.missing.map((m) => m.projectId).sort()).toEqual([ctx.q.id, ctx.ex1.id].sort());

    const region = await reviewer.get(`/api/monitoring/region?year=2025&asOf=${ROUND}`);
    expect(region.statusCode).toBe(200);
    const r = regionMonitoringSummarySchema.parse(region.json());
    expect(r.departments.map((d) => d.department.id).sort()).toEqual([ctx.deptA, ctx.deptB].sort());
    expect(r.behind.find((x) => x.projectId === ctx.p.id)).toMatchObject({ spendingLight: 'yellow', ratio: 71.05, cause: '制度保障', measure: '加快采购进度' });
    // B's 10万元 of 120万元 is far behind: red, worst first, without a cause yet
    expect(r.behind[0]).toMatchObject({ projectId: ctx.b.id, spendingLight: 'red', cause: null });
    // 三员分立: the system administrator reads no business data
    expect((await ctx.admin.get(`/api/monitoring/region?year=2025&asOf=${ROUND}`)).statusCode).toBe(403);

    const rounds = await reviewer.get('/api/monitoring/rounds?year=2025');
    expect(rounds.json()).toEqual({ year: 2025, rounds: [{ asOf: ROUND, projectCount: 2, departmentCount: 2 }, { asOf: '2025-08-31', projectCount: 1, departmentCount: 1 }] });
    const own = await editorA.get('/api/monitoring/rounds?year=2025');
    expect(own.json()).toEqual({ year: 2025, rounds: [{ asOf: ROUND, projectCount: 1, departmentCount: 1 }, { asOf: '2025-08-31', projectCount: 1, departmentCount: 1 }] });
    expect((await reviewer.get(`/api/monitoring/rounds?year=2025&departmentId=${ctx.deptB}`)).json().rounds).toEqual([{ asOf: ROUND, projectCount: 1, departmentCount: 1 }]);
  });

  it('validates the query: year required, asOf a date in that year', async () => {
    const { reviewer, deptA } = ctx;
    expect(issuesOf(await reviewer.get(`/api/departments/${deptA}/monitoring?asOf=${ROUND}`)).map((i) => i.path)).toEqual(['year']);
    expect(issuesOf(await reviewer.get(`/api/departments/${deptA}/monitoring?year=2025&asOf=2024-12-31`)).map((i) => i.path)).toEqual(['asOf']);
    expect(issuesOf(await reviewer.get('/api/monitoring/region?year=2025&asOf=31.07.2025')).map((i) => i.path)).toEqual(['asOf']);
    expect(issuesOf(await reviewer.get('/api/monitoring/rounds')).map((i) => i.path)).toEqual(['year']);
    expect((await reviewer.get('/api/departments/999999/monitoring?year=2025&asOf=2025-07-31')).statusCode).toBe(404);
  });
});

describe('self-evaluation', () => {
  it('gives the empty form with weights before anything is saved', async () => {
    const res = await ctx.editorA.get(`/api/projects/${ctx.ex1.id}/self-evaluation`);
    expect(res.statusCode).toBe(200);
    const r = selfEvaluationResultSchema.parse(res.json());
    expect(r.updatedAt).toBeNull();
    expect(r.indicators.map((i) => i.weight)).toEqual([12.5, 12.5, 12.5, 12.5, 30, 10]);
    expect(r.funds).toMatchObject({ weight: 10, spentFen: 0 });
  });

  it('scores lifecycle.md §3’s worked example 1 exactly through the API: 91.86, 优', async () => {
    const { ex1, editorA } = ctx;
    const id = (i: number) => ex1.indicators[i]!.id;
    const body = {
      spentFen: 9.2 * WAN,
      indicators: [
        { indicatorId: id(0), actual: { kind: 'value', value: '9.2' } },
        { indicatorId: id(1), actual: { kind: 'value', value: '3' } },
        { indicatorId: id(2), actual: { kind: 'value', value: '1' } },
        { indicatorId: id(3), actual: { kind: 'graded', grade: '部分达成', percent: 70 }, deviationCause: '部分任务推迟', improvement: '加强调度' },
        { indicatorId: id(4), actual: { kind: 'graded', grade: '达成', percent: 90 }, deviationCause: '尚有差距', improvement: '持续改进' },
        { indicatorId: id(5), actual: { kind: 'value', value: '80' }, deviationCause: '宣传不足', improvement: '加强宣传' },
      ],
    };
    const res = await editorA.put(`/api/projects/${ex1.id}/self-evaluation`, body);
    expect(res.statusCode, res.body).toBe(200);
    const r = selfEvaluationSaveResponseSchema.parse(res.json());
    expect(r.saveStatus).toBe('created');
    expect(r.funds.score).toBe(9.2);
    expect(r.indicators.map((i) => i.score)).toEqual([12.5, 12.5, 12.5, 8.75, 27, 9.41]);
    expect([r.total, r.grade]).toEqual([91.86, '优']);
    expect(r.updatedBy).toBe('社工部填报人');
    expect((await editorA.put(`/api/projects/${ex1.id}/self-evaluation`, body)).json().saveStatus).toBe('unchanged');
    const got = await editorA.get(`/api/projects/${ex1.id}/self-evaluation`);
    expect(got.json()).toMatchObject({ total: 91.86, grade: '优' });
    const audit = await ctx.t.db.selectFrom('auditLog').select(['actor']).where('entityId', '=', ex1.id).where('action', '=', 'self-evaluation.save').execute();
    expect(audit).toEqual([{ actor: '社工部填报人' }]);
  });

  it('refuses malformed self-evaluations with 400 naming the field, nothing written', async () => {
    const { ex1, editorA } = ctx;
    const url = `/api/projects/${ex1.id}/self-evaluation`;
    const send = (body: unknown) => expectUnchanged(() => editorA.put(url, body));
    expect(issuesOf(await send({ spentFen: -100, indicators: [] })).map((i) => i.path)).toContain('spentFen');
    const unknown = issuesOf(await send({ spentFen: WAN, indicators: [{ indicatorId: ctx.b.indicators[0]!.id, actual: { kind: 'value', value: '1' } }] }));
    expect(unknown.map((i) => i.path)).toEqual(['indicators.0.indicatorId']);
    const band = issuesOf(await send({ spentFen: WAN, indicators: [{ indicatorId: ex1.indicators[4]!.id, actual: { kind: 'graded', grade: '达成', percent: 50 } }] }));
    expect(band).toEqual([{ path: 'indicators.0.actual.percent', message: expect.stringContaining('80%–100%') }]);
  });

  it('summarises a department’s year and ranks the region', async () => {
    const dept = await ctx.editorA.get(`/api/departments/${ctx.deptA}/self-evaluations?year=2025`);
    expect(dept.statusCode).toBe(200);
    const s = departmentSelfEvaluationSummarySchema.parse(dept.json());
    expect(s).toMatchObject({ projectCount: 3, evaluatedCount: 1, averageTotal: 91.86 });
    const ranking = await ctx.reviewer.get('/api/self-evaluations/ranking?year=2025');
    expect(ranking.statusCode).toBe(200);
    const r = regionSelfEvaluationRankingSchema.parse(ranking.json());
    expect(r.departments[0]).toMatchObject({ rank: 1, department: { id: ctx.deptA }, averageTotal: 91.86 });
    expect(r.projects.map((p) => p.projectId)).toContain(ctx.b.id);
  });
});

describe('.xlsx downloads and the execution import', () => {
  it('exports the monitoring and self-evaluation tables as readable workbooks with Chinese file names', async () => {
    const { reviewer, p, ex1, deptA } = ctx;
    const project = await reviewer.get(`/api/projects/${p.id}/monitoring.xlsx`);
    expect((await loadWorkbook(project)).worksheets.length).toBeGreaterThan(0);
    expect(fileNameOf(project)).toBe(`${p.name}绩效运行监控表（截至${ROUND}）.xlsx`);
    expect(String(project.headers['content-disposition'])).toMatch(/^attachment; filename="jixiao-monitoring-[\x20-\x7e]+\.xlsx"/);
    expect((await reviewer.get(`/api/projects/${ctx.ex1.id}/monitoring.xlsx`)).statusCode).toBe(404);

    const dept = await reviewer.get(`/api/departments/${deptA}/monitoring.xlsx?year=2025&asOf=${ROUND}`);
    const wb = await loadWorkbook(dept);
    const text = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join('|');
    expect(text).toContain(p.name);
    expect(fileNameOf(dept)).toBe(`${DEPT_A.name}2025年绩效运行监控表（截至${ROUND}）.xlsx`);

    const se = await reviewer.get(`/api/projects/${ex1.id}/self-evaluation.xlsx`);
    const seText = (await loadWorkbook(se)).worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join('|');
    expect(seText).toContain('91.86');
    expect(fileNameOf(se)).toBe(`${ex1.name}绩效自评表.xlsx`);

    const seDept = await reviewer.get(`/api/departments/${deptA}/self-evaluation.xlsx?year=2025`);
    expect((await loadWorkbook(seDept)).worksheets.length).toBeGreaterThan(0);
    expect(fileNameOf(seDept)).toBe(`${DEPT_A.name}2025年度项目支出绩效自评表.xlsx`);
  });

  it('round trip: an editor downloads its template, fills it in and imports it; bad cells refuse the whole workbook', async () => {
    const { editorA, deptA, ex1, t } = ctx;
    const asOf = '2025-09-30';
    const template = await editorA.get(`/api/departments/${deptA}/execution-template.xlsx?year=2025&asOf=${asOf}`);
    const wb = await loadWorkbook(template);
    expect(fileNameOf(template)).toBe(`${DEPT_A.name}执行情况填报模板（截至${asOf}）.xlsx`);
    const ps = wb.getWorksheet('项目执行')!;
    const spent = String.fromCharCode(65 + EXECUTION_PROJECT_COLUMNS.findIndex((c) => c.key === 'spent'));
    let row = 0;
    for (let r = 2; r <= ps.rowCount; r++) if (ps.getCell(`A${r}`).value === ex1.id) row = r;
    expect(row).toBeGreaterThan(0);

    // a negative amount: refused whole, the cell named
    ps.getCell(`${spent}${row}`).value = -3;
    const bad = await expectUnchanged(async () =>
      editorA.upload('/api/monitoring/execution-import', [{ filename: '执行.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()), field: 'file' }]),
    );
    const issues = issuesOf(bad);
    expect(issues.map((i) => i.path)).toContain(`项目执行!${spent}${row}`);
    expect(bad.json().message).toContain(`项目执行!${spent}${row}`);

    ps.getCell(`${spent}${row}`).value = 7.5;
    const good = await editorA.upload('/api/monitoring/execution-import', [{ filename: '执行.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()), field: 'file' }]);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().records).toEqual([{ projectId: ex1.id, name: ex1.name, asOf, status: 'created' }]);
    const stored = await editorA.get(`/api/projects/${ex1.id}/execution-records/${asOf}`);
    expect(stored.json()).toMatchObject({ spentFen: 7.5 * WAN, createdBy: '社工部填报人' });
    const audit = await t.db.selectFrom('auditLog').select('actor').where('entityId', '=', ex1.id).where('action', '=', 'execution.save').execute();
    expect(audit).toEqual([{ actor: '社工部填报人' }]);

    // not a workbook, or two files: 400
    expect(issuesOf(await editorA.upload('/api/monitoring/execution-import', [{ filename: 'a.xlsx', data: 'not a workbook' }])).length).toBe(1);
    expect(issuesOf(await editorA.upload('/api/monitoring/execution-import', [])).map((i) => i.path)).toEqual(['file']);
  });

  it('refuses a workbook with another department’s rows from an editor, whole, without naming that project', async () => {
    const { reviewer, editorA, deptB, t } = ctx;
    const template = await reviewer.get(`/api/departments/${deptB}/execution-template.xlsx?year=2025&asOf=${ROUND}`);
    const bytes = template.rawPayload;
    const res = await expectUnchanged(() => editorA.upload('/api/monitoring/execution-import', [{ filename: 'b.xlsx', data: bytes }]));
    const issues = issuesOf(res);
    expect(issues[0]!.message).toContain('不存在或不属于本单位');
    expect(res.body).not.toContain(ctx.b.name);
    // the reviewer may import it (B's round unchanged: it is what the template holds)
    const ok = await reviewer.upload('/api/monitoring/execution-import', [{ filename: 'b.xlsx', data: bytes }]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().records).toEqual([{ projectId: ctx.b.id, name: ctx.b.name, asOf: ROUND, status: 'unchanged' }]);
    expect(await t.db.selectFrom('executionRecord').select('id').where('projectId', '=', ctx.b.id).execute()).toHaveLength(1);
  });
});

describe('access', () => {
  /** Every monitoring route, against department B's ids (the body valid, so only access can refuse it). */
  function routesOnB(): { method: string; url: string; body?: unknown }[] {
    const { b, deptB } = ctx;
    return [
      { method: 'GET', url: `/api/monitoring/rounds?year=2025&departmentId=${deptB}` },
      { method: 'GET', url: `/api/projects/${b.id}/execution-records` },
      { method: 'GET', url: `/api/projects/${b.id}/execution-records/${ROUND}` },
      { method: 'PUT', url: `/api/projects/${b.id}/execution-records/${ROUND}`, body: { spentFen: WAN, indicators: [] } },
      { method: 'DELETE', url: `/api/projects/${b.id}/execution-records/${ROUND}` },
      { method: 'GET', url: `/api/projects/${b.id}/monitoring` },
      { method: 'GET', url: `/api/projects/${b.id}/monitoring?asOf=${ROUND}` },
      { method: 'GET', url: `/api/departments/${deptB}/monitoring?year=2025&asOf=${ROUND}` },
      { method: 'GET', url: `/api/projects/${b.id}/self-evaluation` },
      { method: 'PUT', url: `/api/projects/${b.id}/self-evaluation`, body: { spentFen: WAN, indicators: [] } },
      { method: 'GET', url: `/api/departments/${deptB}/self-evaluations?year=2025` },
      { method: 'GET', url: `/api/projects/${b.id}/monitoring.xlsx` },
      { method: 'GET', url: `/api/departments/${deptB}/monitoring.xlsx?year=2025&asOf=${ROUND}` },
      { method: 'GET', url: `/api/projects/${b.id}/self-evaluation.xlsx` },
      { method: 'GET', url: `/api/departments/${deptB}/self-evaluation.xlsx?year=2025` },
      { method: 'GET', url: `/api/departments/${deptB}/execution-template.xlsx?year=2025&asOf=${ROUND}` },
    ];
  }

  it('refuses every route across departments to an editor (404), nothing of B in the answer, nothing written', async () => {
    for (const r of routesOnB()) {
      const res = await expectUnchanged(() => ctx.editorA.request(r.method, r.url, r.body));
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(404);
      expect(res.body).not.toContain(ctx.b.name);
      expect(res.body).not.toContain(DEPT_B.name);
    }
  });

  it('answers every route for the reviewer (B’s side included)', async () => {
    for (const r of routesOnB().filter((x) => x.method === 'GET')) {
      const res = await ctx.reviewer.get(r.url);
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body.slice(0, 200)}`).toBe(200);
    }
    // and writes on B's side: a round saved and deleted, the self-evaluation replaced
    const url = `/api/projects/${ctx.b.id}/execution-records/2025-10-31`;
    expect((await ctx.reviewer.put(url, { spentFen: 50 * WAN, indicators: [] })).json()).toMatchObject({ saveStatus: 'created', asOf: '2025-10-31' });
    expect((await ctx.reviewer.delete(url)).json()).toEqual({ projectId: ctx.b.id, asOf: '2025-10-31', rounds: [ROUND] });
    const se = await ctx.reviewer.put(`/api/projects/${ctx.b.id}/self-evaluation`, { spentFen: 110 * WAN, indicators: [] });
    expect(se.json()).toMatchObject({ saveStatus: 'replaced', updatedBy: '财政局绩效科', funds: { spentFen: 110 * WAN } });
  });

  it('refuses the anonymous (401) everywhere, and writes without the CSRF header (403)', async () => {
    const all = [
      ...routesOnB(),
      { method: 'GET', url: `/api/monitoring/region?year=2025&asOf=${ROUND}` },
      { method: 'GET', url: '/api/self-evaluations/ranking?year=2025' },
    ];
    for (const r of all) {
      const res = await expectUnchanged(() => ctx.anon.request(r.method, r.url, r.body));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
    expect((await ctx.anon.upload('/api/monitoring/execution-import', [{ filename: 'a.xlsx', data: 'x' }])).statusCode).toBe(401);
    for (const r of all.filter((x) => x.method !== 'GET')) {
      const res = await expectUnchanged(() => ctx.reviewer.request(r.method, r.url, r.body, { csrf: false }));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf');
    }
  });

  it('gives the region summary and the ranking to reviewers only (403 for editors and, 三员分立, the system administrator)', async () => {
    for (const url of [`/api/monitoring/region?year=2025&asOf=${ROUND}`, '/api/self-evaluations/ranking?year=2025']) {
      const res = await ctx.editorA.get(url);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
      expect((await ctx.admin.get(url)).statusCode).toBe(403);
      expect((await ctx.reviewer.get(url)).statusCode).toBe(200);
    }
  });

  it('documents every route in OpenAPI', async () => {
    const doc = (await ctx.anon.get('/api/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    for (const path of [
      '/api/monitoring/rounds',
      '/api/projects/{id}/execution-records',
      '/api/projects/{id}/execution-records/{asOf}',
      '/api/projects/{id}/monitoring',
      '/api/departments/{id}/monitoring',
      '/api/monitoring/region',
      '/api/projects/{id}/self-evaluation',
      '/api/departments/{id}/self-evaluations',
      '/api/self-evaluations/ranking',
      '/api/monitoring/execution-import',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/projects/{id}/execution-records/{asOf}']!).sort()).toEqual(['delete', 'get', 'put']);
  });
});
