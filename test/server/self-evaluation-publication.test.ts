/**
 * A published self-evaluation is not silently re-scored by a 目标调整 approved after it (issue 71), over HTTP on either
 * database: the published result (worked example 1, 91.86 优, on a published project of 路南区, which publishes results)
 * stays what the public page and the 结果运用 sheet show, said to be scored on the first targets; the re-score against
 * the adjusted targets waits as a new version — the unit is told, confirms it by saving it complete, the 绩效科 is told
 * and accepts it — and only then is it in force, the public page saying what it replaced. Accepting before the unit
 * confirmed, or as the unit, is refused and writes nothing; an adjustment of a project whose self-evaluation is not
 * published keeps nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import type { MonitoredProject } from '../../src/server/db/monitoring.repository';
import { saveSelfEvaluation, type SelfEvaluationDraft } from '../../src/server/modules/self-evaluation/self-evaluation.service';
import { selfEvaluationPublicationSchema, selfEvaluationResultSchema } from '../../src/shared/api/monitoring';
import { publicProjectResultsSchema, resultsSheetSchema } from '../../src/shared/api/results';
import type { AdjustmentView, ProjectAdjustments } from '../../src/shared/api/target-adjustment';
import { snapshotDatabase } from '../db/helpers';
import { example1Explained as goodInput, example1Project, storeMonitoringDocument, WAN } from './monitoring-fixtures';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from './support';

const SAVE = { actor: 'evaluator', now: new Date('2026-01-20T02:00:00.000Z') };

interface Ctx {
  t: TestApp;
  published: MonitoredProject;
  approved: MonitoredProject;
  editor: TestClient;
  reviewer: TestClient;
  anon: TestClient;
}
let ctx: Ctx;

beforeAll(async () => {
  const t = await startTestApp();
  const a = await storeMonitoringDocument(t.db, [example1Project(4), example1Project(5)], { code: '763001', name: '中共唐山市路南区委社会工作部' });
  const [published, approved] = a.projects as [MonitoredProject, MonitoredProject];
  await t.db.updateTable('project').set({ status: 'published' }).where('id', '=', published.id).execute();
  await saveSelfEvaluation(t.db, published.id, goodInput(published), SAVE);
  await saveSelfEvaluation(t.db, approved.id, goodInput(approved), SAVE);
  ctx = {
    t,
    published,
    approved,
    editor: await t.client('editor', { departmentId: published.departmentId!, displayName: '社工部填报人' }),
    reviewer: await t.client('reviewer', { displayName: '财政局绩效科' }),
    anon: t.client(),
  };
}, 60_000);
afterAll(() => ctx.t.close());

function ok(res: TestResponse): TestResponse {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
  return res;
}

/** The unit asks to double the budget (the execution rate halves) from 1 July, the 绩效科 approves. */
async function adjustAndApprove(p: MonitoredProject): Promise<void> {
  const { versions } = ok(await ctx.editor.get(`/api/projects/${p.id}/adjustments`)).json() as ProjectAdjustments;
  const rows = versions[versions.length - 1]!.rows.map(({ indicatorId: _i, ...r }) => r);
  const asked = ok(await ctx.editor.post(`/api/projects/${p.id}/adjustments`, { reason: '上级追加资金', effectiveOn: '2025-07-01', budgetFen: 20 * WAN, rows })).json() as AdjustmentView;
  ok(await ctx.reviewer.post(`/api/adjustments/${asked.id}/decision`, { decision: 'approve', comment: null }));
}

const publicResults = async (p: MonitoredProject) => publicProjectResultsSchema.parse(ok(await ctx.anon.get(`/api/public/projects/${p.id}/results`)).json());
const selfEvaluation = async (client: TestClient, p: MonitoredProject) => selfEvaluationResultSchema.parse(ok(await client.get(`/api/projects/${p.id}/self-evaluation`)).json());

describe('a published self-evaluation and a 目标调整 approved after it', () => {
  it('keeps the published result in force and the re-score waiting for the unit, who is told', async () => {
    expect(await publicResults(ctx.published)).toStrictEqual({ projectId: ctx.published.id, grade: '优', total: 91.86, consequence: null });
    await adjustAndApprove(ctx.published);

    // the public page and the 结果运用 sheet: the published result, said to be on the first targets
    const shown = await publicResults(ctx.published);
    expect(shown).toMatchObject({ grade: '优', total: 91.86 });
    expect(shown.note).toContain('本结果按第 1 版绩效目标评分');
    expect(shown.note).toContain('目标调整后的重新评分待单位确认');
    const sheet = resultsSheetSchema.parse(ok(await ctx.reviewer.get(`/api/projects/${ctx.published.id}/results`)).json());
    expect(sheet.total).toBe(91.86);

    // the self-evaluation page: the re-score against the adjusted budget (9.2 of 20万元: 46%), the published one kept
    const rescored = await selfEvaluation(ctx.editor, ctx.published);
    expect(rescored.funds.ratePercent).toBe(46);
    expect(rescored.total).toBeLessThan(91.86);
    expect(rescored.publication).toMatchObject({ status: 'awaiting_unit', published: { total: 91.86, grade: '优', targetsVersion: 1 }, newVersion: 2, canAccept: false });
    const kept = (await listAuditEntries(ctx.t.db, { entityId: ctx.published.id })).find((e) => e.action === 'self-evaluation.keep');
    expect(kept?.detail).toMatchObject({ published: { total: 91.86, grade: '优', version: 1 }, rescored: { total: rescored.total, version: 2 } });
    const told = await ctx.t.db.selectFrom('notification').select('title').where('title', 'like', '请确认重新评分的绩效自评%').execute();
    expect(told.length).toBeGreaterThan(0);
  });

  it('refuses the 绩效科’s acceptance before the unit confirmed, and the unit’s own, writing nothing', async () => {
    const refuse = async (client: TestClient, status: number) => {
      const { session: _a, ...before } = await snapshotDatabase(ctx.t.db);
      const res = await client.post(`/api/projects/${ctx.published.id}/self-evaluation/rescore`);
      expect(res.statusCode, res.body).toBe(status);
      const { session: _b, ...after } = await snapshotDatabase(ctx.t.db);
      expect(after).toStrictEqual(before);
    };
    await refuse(ctx.reviewer, 409);
    await refuse(ctx.editor, 403);
  });

  it('once the unit confirms it (saved complete) and the 绩效科 accepts it, the re-score is in force, saying what it replaced', async () => {
    const current = await selfEvaluation(ctx.editor, ctx.published);
    const input: SelfEvaluationDraft = {
      spentFen: current.funds.spentFen,
      executionExplanation: '追加资金于年底下达，结余结转',
      indicators: current.indicators.map((i) => ({ indicatorId: i.indicatorId, weight: null, actual: i.actual, deviationCause: i.deviationCause ?? '追加资金年底下达', improvement: i.improvement ?? '提前谋划' })),
    };
    const saved = ok(await ctx.editor.put(`/api/projects/${ctx.published.id}/self-evaluation`, input)).json() as { total: number; complete: boolean };
    expect(saved.complete).toBe(true);
    const waiting = await selfEvaluation(ctx.reviewer, ctx.published);
    expect(waiting.publication).toMatchObject({ status: 'awaiting_review', submittedBy: '社工部填报人', canAccept: true });
    expect((await publicResults(ctx.published)).note).toContain('目标调整后的重新评分待财政部门复核');

    const accepted = selfEvaluationPublicationSchema.parse(ok(await ctx.reviewer.post(`/api/projects/${ctx.published.id}/self-evaluation/rescore`)).json());
    expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: '财政局绩效科', canAccept: false });
    const shown = await publicResults(ctx.published);
    expect(shown.total).toBe(saved.total);
    expect(shown.note).toContain('本结果按第 2 版绩效目标重新评分');
    expect(shown.note).toContain('取代此前公开的 91.86 分（优）');
    const sheet = resultsSheetSchema.parse(ok(await ctx.reviewer.get(`/api/projects/${ctx.published.id}/results`)).json());
    expect(sheet.total).toBe(saved.total);
    const entry = (await listAuditEntries(ctx.t.db, { entityId: ctx.published.id })).find((e) => e.action === 'self-evaluation.rescore-accept');
    expect(entry?.detail).toStrictEqual({ before: { total: 91.86, grade: '优', version: 1 }, after: { total: saved.total, grade: saved.total >= 90 ? '优' : saved.total >= 80 ? '良' : saved.total >= 60 ? '中' : '差', version: 2 } });
  });

  it('keeps nothing for a project whose self-evaluation is not published (not a published project)', async () => {
    await adjustAndApprove(ctx.approved);
    expect((await selfEvaluation(ctx.editor, ctx.approved)).publication).toBeNull();
    expect(await ctx.t.db.selectFrom('selfEvaluationPublication').select('projectId').where('projectId', '=', ctx.approved.id).execute()).toStrictEqual([]);
  });
});
