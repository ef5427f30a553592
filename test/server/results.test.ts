/**
 * 结果运用 through HTTP: a project's results sheet from its stored self-evaluation and monitoring
 * round, the finance bureau's decision (accept, or override with a reason: refused without one,
 * nothing written; audited; the same decision again writes nothing; stale once the self-evaluation
 * changes), 409 without a complete self-evaluation, editors read-only on their own department (403
 * for deciding and the region report, 404 across departments), the region report's totals and its
 * .xlsx, and the public results only for published, finished projects of a publishing region.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import type { MonitoredProject } from '../../src/server/db/monitoring.repository';
import { saveSelfEvaluation, type SelfEvaluationDraft } from '../../src/server/modules/self-evaluation/self-evaluation.service';
import { saveExecutionRecord } from '../../src/server/modules/execution-records/execution-record.service';
import { resultsReportSchema, resultsSheetSchema, type ResultsReport, type ResultsSheet } from '../../src/shared/api/results';
import { snapshotDatabase } from '../db/helpers';
import { example1Explained as goodInput, example1Project, monitoringProject, storeMonitoringDocument, WAN } from './monitoring-fixtures';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from './support';

const DEPT_A = { code: '763001', name: '中共唐山市路南区委社会工作部' };
const DEPT_B = { code: '700107', name: '唐山市路南区应急管理局' };
const SAVE = { actor: 'evaluator', now: new Date('2026-01-20T02:00:00.000Z') };

interface Ctx {
  t: TestApp;
  /** A: worked example 1 explained (优, published); a poor project (差, 25% spent); one without self-evaluation; one unfinished. */
  good: MonitoredProject;
  poor: MonitoredProject;
  none: MonitoredProject;
  unfinished: MonitoredProject;
  /** B: published, finished. */
  b: MonitoredProject;
  deptA: number;
  deptB: number;
  reviewer: TestClient;
  editorA: TestClient;
  anon: TestClient;
}
let ctx: Ctx;

const ids = (p: MonitoredProject) => p.indicators.map((i) => i.id);

/** The standard project (120万元) with 30万元 spent and most targets missed, every deviation explained: 差. */
function poorInput(p: MonitoredProject, spentWan = 30): SelfEvaluationDraft {
  const [people, cost, benefit, satisfaction, deadline] = ids(p);
  const why = { deviationCause: '上级资金下达滞后', improvement: '提前谋划项目' };
  return {
    spentFen: spentWan * WAN,
    executionExplanation: '资金下达滞后',
    indicators: [
      { indicatorId: people!, actual: { kind: 'value', value: 300 }, ...why },
      { indicatorId: cost!, actual: { kind: 'value', value: 30 } },
      { indicatorId: benefit!, actual: { kind: 'graded', grade: '未达成', percent: 30 }, ...why },
      { indicatorId: satisfaction!, actual: { kind: 'value', value: 60 }, ...why },
      { indicatorId: deadline!, actual: { kind: 'graded', grade: '部分达成', percent: 60 }, ...why },
    ],
  };
}

beforeAll(async () => {
  const t = await startTestApp();
  const a = await storeMonitoringDocument(t.db, [example1Project(4), monitoringProject(1), monitoringProject(2), monitoringProject(5)], DEPT_A);
  const b = await storeMonitoringDocument(t.db, [example1Project(3)], DEPT_B, 2025, 'published');
  const [good, poor, none, unfinished] = a.projects as [MonitoredProject, MonitoredProject, MonitoredProject, MonitoredProject];
  await t.db.updateTable('project').set({ status: 'published' }).where('id', '=', good.id).execute();
  await saveSelfEvaluation(t.db, good.id, goodInput(good), SAVE);
  await saveSelfEvaluation(t.db, poor.id, poorInput(poor), SAVE);
  await saveSelfEvaluation(t.db, unfinished.id, { spentFen: 100 * WAN, indicators: [] }, SAVE);
  await saveSelfEvaluation(t.db, b.projects[0]!.id, goodInput(b.projects[0]!), SAVE);
  // The poor project's last round: far behind, without a cause.
  await saveExecutionRecord(t.db, poor.id, { asOf: '2025-08-31', spentFen: 20 * WAN, indicators: [] }, SAVE);
  const deptA = good.departmentId!;
  ctx = {
    t,
    good: { ...good, status: 'published' },
    poor,
    none,
    unfinished,
    b: b.projects[0]!,
    deptA,
    deptB: b.projects[0]!.departmentId!,
    reviewer: await t.client('reviewer', { username: 'finance', displayName: '财政局绩效科' }),
    editorA: await t.client('editor', { departmentId: deptA }),
    anon: t.client(),
  };
}, 60_000);
afterAll(() => ctx.t.close());

async function expectUnchanged(send: () => Promise<TestResponse>): Promise<TestResponse> {
  const { session: _a, ...before } = await snapshotDatabase(ctx.t.db);
  const res = await send();
  const { session: _b, ...after } = await snapshotDatabase(ctx.t.db);
  expect(after).toStrictEqual(before);
  return res;
}

async function sheet(client: TestClient, p: MonitoredProject): Promise<ResultsSheet> {
  const res = await client.get(`/api/projects/${p.id}/results`);
  expect(res.statusCode, res.body).toBe(200);
  return resultsSheetSchema.parse(res.json());
}

const decide = (client: TestClient, p: MonitoredProject, body: unknown) => client.put(`/api/projects/${p.id}/results/decision`, body);

describe('the results sheet', () => {
  it('draws grade, execution, deviations with reasons, problems and the suggestion from the self-evaluation and the last round', async () => {
    const s = await sheet(ctx.reviewer, ctx.poor);
    expect(s).toMatchObject({ grade: '差', executionRatePercent: 25, evaluationComplete: true, budgetFen: 120 * WAN, monitoringAsOf: '2025-08-31', canDecide: true, decision: null });
    expect(s.total).toBeLessThan(60);
    // 差 → 压减 70%; execution 25% < 60% → 压减 80%: same severity, the lower percentage decides.
    expect(s.suggestion).toMatchObject({ consequence: '压减', percent: 70, amountFen: 84 * WAN });
    expect(s.suggestion!.rules.map((r) => r.rule)).toStrictEqual(['grade', 'execution-below']);
    expect(s.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['execution.low', 'monitoring.red', 'deviation.unexplained']));
    const people = s.deviations.find((d) => d.item === '培训人次')!;
    expect(people).toMatchObject({ source: '自评', reason: '上级资金下达滞后', measure: '提前谋划项目' });
    expect(people.detail).toContain('实际300人次');
    const spending = s.deviations.find((d) => d.source === '监控' && d.item === '预算执行进度')!;
    expect(spending).toMatchObject({ reason: null });
    expect(spending.detail).toContain('红灯（2025-08-31）');
  });

  it('a project without a self-evaluation has no suggestion; an editor reads its own department only, and may not decide', async () => {
    const none = await sheet(ctx.reviewer, ctx.none);
    expect(none).toMatchObject({ grade: null, suggestion: null, canDecide: false });
    expect(none.problems[0]!.code).toBe('evaluation.missing');
    expect((await sheet(ctx.editorA, ctx.poor)).canDecide).toBe(false);
    expect((await ctx.editorA.get(`/api/projects/${ctx.b.id}/results`)).statusCode).toBe(404);
    expect((await ctx.anon.get(`/api/projects/${ctx.poor.id}/results`)).statusCode).toBe(401);
  });
});

describe('deciding', () => {
  it('refuses editors (403) and bad input (400, the field named in Chinese), writing nothing', async () => {
    const ok = { action: 'accept' };
    expect((await expectUnchanged(() => decide(ctx.editorA, ctx.poor, ok))).statusCode).toBe(403);
    expect((await expectUnchanged(() => decide(ctx.anon, ctx.poor, ok))).statusCode).toBe(401);
    const noReason = await expectUnchanged(() => decide(ctx.reviewer, ctx.poor, { action: 'override', consequence: '调整', percent: 85, reason: ' ' }));
    expect(noReason.statusCode, noReason.body).toBe(400);
    expect(noReason.json().issues).toStrictEqual([{ path: 'reason', message: '调整建议须填写理由' }]);
    const badPercent = await expectUnchanged(() => decide(ctx.reviewer, ctx.poor, { action: 'override', consequence: '取消', percent: 20, reason: '项目已无实施必要' }));
    expect(badPercent.json().message).toContain('“取消”的下年预算比例应为0%');
    const badKind = await expectUnchanged(() => decide(ctx.reviewer, ctx.poor, { action: 'override', consequence: '删除', percent: 20, reason: '项目已无实施必要' }));
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().issues[0].path).toBe('consequence');
    expect(badKind.body).not.toMatch(/at |stack/i);
  });

  it('409 without a complete self-evaluation, or for a project whose targets are no longer approved', async () => {
    for (const p of [ctx.none, ctx.unfinished]) {
      const res = await expectUnchanged(() => decide(ctx.reviewer, p, { action: 'accept' }));
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().message).toMatch(/尚未填报绩效自评|绩效自评尚未完成/);
    }
    // the poor project (complete self-evaluation) sent back for rework
    await ctx.t.db.updateTable('project').set({ status: 'returned' }).where('id', '=', ctx.poor.id).execute();
    try {
      const res = await expectUnchanged(() => decide(ctx.reviewer, ctx.poor, { action: 'accept' }));
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().message).toContain('审核通过后才能确定结果运用');
      expect((await sheet(ctx.reviewer, ctx.poor)).canDecide).toBe(false);
    } finally {
      await ctx.t.db.updateTable('project').set({ status: 'approved' }).where('id', '=', ctx.poor.id).execute();
    }
  });

  it('an override is stored with its exact amount, who and when, audited; the same again writes nothing', async () => {
    const before = (await listAuditEntries(ctx.t.db, { entity: 'project', entityId: ctx.poor.id })).length;
    const reason = '该项目为民生保障项目，资金下达滞后系客观原因，适度调整';
    const res = await decide(ctx.reviewer, ctx.poor, { action: 'override', consequence: '调整', percent: 85.5, reason });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().saveStatus).toBe('created');
    // 85.5% of 120万元 = 102.6万元
    expect(res.json().decision).toMatchObject({ consequence: '调整', percent: 85.5, amountFen: 102_600_000, overridden: true, reason, suggestedConsequence: '压减', suggestedPercent: 70, decidedBy: '财政局绩效科', stale: false });
    const audit = (await listAuditEntries(ctx.t.db, { entity: 'project', entityId: ctx.poor.id })).slice(before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'results.decide', actorUsername: 'finance', actor: '财政局绩效科' });
    expect(audit[0]!.detail).toMatchObject({ consequence: '调整', percent: 85.5, amountFen: 102_600_000, overridden: true, reason, suggestion: { consequence: '压减', percent: 70 }, before: null });

    const again = await expectUnchanged(() => decide(ctx.reviewer, ctx.poor, { action: 'override', consequence: '调整', percent: 85.5, reason }));
    expect(again.json().saveStatus).toBe('unchanged');
  });

  it('accepting takes the suggestion; a changed self-evaluation makes the decision stale', async () => {
    const res = await decide(ctx.reviewer, ctx.good, { action: 'accept' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().decision).toMatchObject({ consequence: '优先保障', percent: 100, amountFen: 10 * WAN, overridden: false, reason: null, stale: false });

    await saveSelfEvaluation(ctx.t.db, ctx.poor.id, poorInput(ctx.poor, 100), SAVE);
    const s = await sheet(ctx.reviewer, ctx.poor);
    expect(s.decision).toMatchObject({ consequence: '调整', stale: true });
    await saveSelfEvaluation(ctx.t.db, ctx.poor.id, poorInput(ctx.poor), SAVE);
    expect((await sheet(ctx.reviewer, ctx.poor)).decision!.stale).toBe(false);
  });
});

describe('reports', () => {
  it('the region report counts by grade and consequence, sums amounts exactly, by department; reviewers only', async () => {
    await decide(ctx.reviewer, ctx.poor, { action: 'override', consequence: '调整', percent: 85.5, reason: '该项目为民生保障项目，适度调整' });
    await decide(ctx.reviewer, ctx.good, { action: 'accept' });
    const res = await ctx.reviewer.get('/api/results?year=2025');
    expect(res.statusCode, res.body).toBe(200);
    const report: ResultsReport = resultsReportSchema.parse(res.json());
    expect(report.projects.map((p) => p.project.id).sort()).toStrictEqual([ctx.good.id, ctx.poor.id, ctx.none.id, ctx.unfinished.id, ctx.b.id].sort());
    expect(report.totals).toMatchObject({ projectCount: 5, evaluatedCount: 4, decidedCount: 2, overriddenCount: 1 });
    expect(report.totals.byConsequence.调整).toStrictEqual({ count: 1, budgetFen: 120 * WAN, nextYearFen: 102_600_000 });
    // good (decided) and b (suggested): 优先保障 at 100% of 10万元 each
    expect(report.totals.byConsequence.优先保障).toStrictEqual({ count: 2, budgetFen: 20 * WAN, nextYearFen: 20 * WAN });
    expect(report.departments.map((d) => d.department.id).sort()).toStrictEqual([ctx.deptA, ctx.deptB].sort());
    expect((await ctx.editorA.get('/api/results?year=2025')).statusCode).toBe(403);
    expect((await ctx.reviewer.get('/api/results?year=25')).statusCode).toBe(400);

    const own = resultsReportSchema.parse((await ctx.editorA.get(`/api/departments/${ctx.deptA}/results?year=2025`)).json());
    expect(own.projects.every((p) => p.project.departmentId === ctx.deptA)).toBe(true);
    expect(own.department!.id).toBe(ctx.deptA);
    expect((await ctx.editorA.get(`/api/departments/${ctx.deptB}/results?year=2025`)).statusCode).toBe(404);

    // The report (a cached aggregate) follows every decision at once.
    const overridden = async () => ((await ctx.reviewer.get('/api/results?year=2025')).json() as ResultsReport).totals.overriddenCount;
    await decide(ctx.reviewer, ctx.good, { action: 'override', consequence: '保持', percent: 100, reason: '财力紧张，维持现有规模' });
    expect(await overridden()).toBe(2);
    await decide(ctx.reviewer, ctx.good, { action: 'accept' });
    expect(await overridden()).toBe(1);
  });

  it('exports the region report as .xlsx with the summary, the departments and every project\'s decision', async () => {
    const res = await ctx.reviewer.get('/api/results/report.xlsx?year=2025');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    const bytes = res.rawPayload;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toStrictEqual(['汇总', '按部门', '项目明细']);
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getCell('A1').value).toBe('2025年度绩效评价结果应用情况');
    const rowOf = (ws: ExcelJS.Worksheet, first: string) => {
      let found: unknown[] | null = null;
      ws.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1);
        if (values[0] === first || values.includes(first)) found ??= values;
      });
      return found as unknown[] | null;
    };
    expect(rowOf(summary, '调整')).toStrictEqual(['调整', 1, 120, 102.6, -17.4]);
    const detail = wb.getWorksheet('项目明细')!;
    const poorRow = rowOf(detail, ctx.poor.name)!;
    expect(poorRow).toEqual(expect.arrayContaining(['差', '压减', 70, 84, '调整', 85.5, 102.6, '调整建议', '该项目为民生保障项目，适度调整', '财政局绩效科']));
    expect((await ctx.editorA.get('/api/results/report.xlsx?year=2025')).statusCode).toBe(403);
    expect((await ctx.editorA.get(`/api/departments/${ctx.deptA}/results.xlsx?year=2025`)).statusCode).toBe(200);
    expect((await ctx.editorA.get(`/api/departments/${ctx.deptB}/results.xlsx?year=2025`)).statusCode).toBe(404);
  });
});

describe('the written report', () => {
  it('exports the region report as .docx: the overall figures, the table by consequence, the departments and each override with its reason', async () => {
    const res = await ctx.reviewer.get('/api/results/report.docx?year=2025');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('2025年度绩效评价结果应用情况.docx'));
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    // paragraphs and cells as text, one per line
    const text = xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
    const lines = text.split('\n');
    expect(lines[0]).toBe('2025年度绩效评价结果应用情况');
    expect(text).toContain('纳入结果运用的项目 5 个，已完成绩效自评 4 个');
    expect(text).toContain('财政部门已确定结果运用 2 个（其中调整系统建议 1 个），待确定 2 个');
    expect(lines.join('|')).toContain('调整|1|120.00|102.60|-17.40');
    for (const heading of ['二、按结果运用方式', '三、各部门情况', '四、调整系统建议的项目']) expect(lines).toContain(heading);
    expect(lines.join('|')).toContain(`${ctx.poor.name}|压减 70%|调整 85.5%|该项目为民生保障项目，适度调整`);
    expect((await ctx.editorA.get('/api/results/report.docx?year=2025')).statusCode).toBe(403);
    const own = await ctx.editorA.get(`/api/departments/${ctx.deptA}/results.docx?year=2025`);
    expect(own.statusCode).toBe(200);
    const ownText = (await (await JSZip.loadAsync(own.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(ownText).toContain(`${DEPT_A.name}2025年度绩效评价结果应用情况`);
    expect(ownText).not.toContain('各部门情况');
    expect(ownText).not.toContain(DEPT_B.name);
  });
});

describe('public results', () => {
  it('shows grade, score and the decided consequence of published, finished projects of a publishing region only', async () => {
    await decide(ctx.reviewer, ctx.good, { action: 'accept' });
    const good = await ctx.anon.get(`/api/public/projects/${ctx.good.id}/results`);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toStrictEqual({ projectId: ctx.good.id, grade: '优', total: 91.86, consequence: '优先保障' });
    // published, finished, not yet decided: grade without consequence
    expect((await ctx.anon.get(`/api/public/projects/${ctx.b.id}/results`)).json()).toMatchObject({ grade: '优', consequence: null });
    // approved only, or unfinished, or without a self-evaluation: nothing
    for (const p of [ctx.poor, ctx.unfinished, ctx.none]) {
      const res = await ctx.anon.get(`/api/public/projects/${p.id}/results`);
      // published projects without public results: null; projects that are not public: not found
      expect([200, 404]).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.json()).toBeNull();
    }
    const dept = await ctx.anon.get(`/api/public/departments/${ctx.deptA}/results?year=2025`);
    expect(dept.json().projects.map((p: { projectId: number }) => p.projectId)).toStrictEqual([ctx.good.id]);
    expect(dept.body).not.toContain(ctx.poor.name);
  });
});

describe('the OpenAPI description', () => {
  it('documents every 结果运用 route with a Chinese summary', async () => {
    const doc = (await ctx.anon.get('/api/docs/json')).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const routes: [string, string][] = [
      ['/api/projects/{id}/results', 'get'],
      ['/api/projects/{id}/results/decision', 'put'],
      ['/api/results', 'get'],
      ['/api/results/report.xlsx', 'get'],
      ['/api/departments/{id}/results', 'get'],
      ['/api/departments/{id}/results.xlsx', 'get'],
      ['/api/results/report.docx', 'get'],
      ['/api/departments/{id}/results.docx', 'get'],
      ['/api/public/projects/{id}/results', 'get'],
      ['/api/public/departments/{id}/results', 'get'],
    ];
    for (const [path, method] of routes) {
      const summary = doc.paths[path]?.[method]?.summary ?? '';
      expect(summary, `${method} ${path}`).toMatch(/[\u4e00-\u9fff]{4}/);
    }
  });
});
