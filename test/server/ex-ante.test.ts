/**
 * 事前绩效评估 over HTTP: which projects need one (new, budget changed by more than 20%), creation
 * with 绩效目标合理性 pre-filled from the stored review findings, saving (validation with paths,
 * the version check, nothing written on refusal), the workflow (editor submits, reviewer returns
 * with a reason, resubmits, approves; roles and statuses refused), the audit log, the list, and the
 * .docx report readable with the scores in it.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { loadStoredFindings } from '../../src/server/db/project.repository';
import { exAnteListSchema, exAnteOfProjectsSchema, exAnteViewSchema, type ExAnteView } from '../../src/shared/api/ex-ante';
import { allCriteria, DEFAULT_EX_ANTE_CONFIG, prefillFromFindings } from '../../src/shared/domain/ex-ante';
import { snapshotDatabase } from '../db/helpers';
import { monitoringProject, storeMonitoringDocument } from './monitoring-fixtures';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from './support';

const DEPT_A = { code: '763001', name: '中共唐山市路南区委社会工作部' };
const DEPT_B = { code: '700107', name: '唐山市路南区应急管理局' };

interface Ctx {
  t: TestApp;
  /** 2025 projects of A: continued with a 50% larger budget, continued with +5%, new; B's new project. */
  grown: number;
  steady: number;
  fresh: number;
  bFresh: number;
  deptA: number;
  deptB: number;
  editorA: TestClient;
  editorB: TestClient;
  reviewer: TestClient;
  admin: TestClient;
  anon: TestClient;
}

let ctx: Ctx;

/** A's 2025 projects: the first grown by 50% (renamed: matched by its code but the year), the second +5% (matched by name: another code), a new one. */
function projects2025(newBudgetWan: number) {
  return [
    monitoringProject(1, { code: '13020225P000000000001', name: '监控测试项目1（扩建）', budgetWan: 150 }),
    monitoringProject(2, { code: '13020225P000000000777', budgetWan: 105 }),
    monitoringProject(3, { name: '新建社区服务中心', budgetWan: newBudgetWan }),
  ];
}

beforeAll(async () => {
  const t = await startTestApp();
  // 2024: two projects of A (100万元 each).
  await storeMonitoringDocument(
    t.db,
    [monitoringProject(1, { code: '13020224P000000000001', year: 2024, budgetWan: 100 }), monitoringProject(2, { code: '13020224P000000000002', year: 2024, budgetWan: 100 })],
    DEPT_A,
    2024,
    'approved',
  );
  const a = await storeMonitoringDocument(t.db, projects2025(80), DEPT_A, 2025, 'draft');
  const b = await storeMonitoringDocument(t.db, [monitoringProject(9, { name: '应急物资储备' })], DEPT_B, 2025, 'draft');
  const deptA = (await t.db.selectFrom('department').select('id').where('code', '=', DEPT_A.code).executeTakeFirstOrThrow()).id;
  const deptB = (await t.db.selectFrom('department').select('id').where('code', '=', DEPT_B.code).executeTakeFirstOrThrow()).id;
  ctx = {
    t,
    grown: a.projects[0]!.id,
    steady: a.projects[1]!.id,
    fresh: a.projects[2]!.id,
    bFresh: b.projects[0]!.id,
    deptA,
    deptB,
    editorA: await t.client('editor', { departmentId: deptA, displayName: '社工部填报人' }),
    editorB: await t.client('editor', { departmentId: deptB }),
    reviewer: await t.client('reviewer', { displayName: '财政局绩效科' }),
    admin: await t.client('admin'),
    anon: t.client(),
  };
}, 60_000);
afterAll(() => ctx.t.close());

const url = (id: number) => `/api/projects/${id}/ex-ante`;

function view(res: TestResponse): ExAnteView {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
  return exAnteViewSchema.parse(res.json());
}

/** Full marks except where given, every deduction with a reason. */
function fullScores(overrides: Record<string, number> = {}) {
  return allCriteria(DEFAULT_EX_ANTE_CONFIG).map((k) => {
    const points = overrides[k.id] ?? k.maxTenths / 10;
    return { criterionId: k.id, points, reason: points < k.maxTenths / 10 ? `扣分：${k.name}不足` : null };
  });
}

async function expectUnchanged(send: () => Promise<TestResponse>, status: number): Promise<TestResponse> {
  const before = await snapshotDatabase(ctx.t.db);
  const res = await send();
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  const { session: _a, ...after } = await snapshotDatabase(ctx.t.db);
  const { session: _b, ...was } = before;
  expect(after).toStrictEqual(was);
  return res;
}

describe('which projects need an assessment', () => {
  it('flags the new project and the one whose budget grew by more than 20%, not the one at +5%', async () => {
    const need = async (id: number) => view(await ctx.editorA.get(url(id))).need;
    expect(await need(ctx.fresh)).toMatchObject({ needed: true, reason: 'new', previousBudgetFen: null });
    expect(await need(ctx.grown)).toMatchObject({ needed: true, reason: 'budget-change', previousBudgetFen: 100_000_000, changePercent: 50, label: '预算较上年增加 50.00%' });
    expect(await need(ctx.steady)).toMatchObject({ needed: false, reason: null, changePercent: 5 });
  });
});

describe('an assessment from creation to approval', () => {
  it('is created by the department editor, 绩效目标合理性 pre-filled from the stored findings', async () => {
    await expectUnchanged(() => ctx.reviewer.post(url(ctx.fresh)), 403);
    const created = view(await ctx.editorA.post(url(ctx.fresh)));
    const a = created.assessment!;
    expect(a).toMatchObject({ status: 'draft', version: 1, createdBy: '社工部填报人', complete: false });
    const findings = (await loadStoredFindings(ctx.t.db, [ctx.fresh])).get(ctx.fresh)!;
    const expected = prefillFromFindings(findings, DEFAULT_EX_ANTE_CONFIG);
    // The project's 社会效益 “显著提高” is vague: the pre-fill deducts from 指标可衡量性.
    expect(expected.find((p) => p.criterionId === 'targets.measurable')!.scoreTenths).toBeLessThan(50);
    const targets = a.dimensions.find((d) => d.id === 'targets')!;
    expect(targets.criteria.map((k) => [k.id, k.points, k.reason, k.suggestedPoints])).toStrictEqual(
      expected.map((p) => [p.criterionId, p.scoreTenths / 10, p.reason, p.scoreTenths / 10]),
    );
    expect(targets.criteria.find((k) => k.id === 'targets.measurable')!.reason).toMatch(/^审核发现：.*显著提高/);
    // The other dimensions are left to the assessor.
    expect(a.dimensions.filter((d) => d.id !== 'targets').every((d) => d.criteria.every((k) => k.points === null))).toBe(true);
    expect(created).toMatchObject({ canCreate: false, canEdit: true, actions: ['submit'] });
    // Once only.
    await expectUnchanged(() => ctx.editorA.post(url(ctx.fresh)), 409);
    const audit = await listAuditEntries(ctx.t.db, { entity: 'project', entityId: ctx.fresh });
    expect(audit.find((e) => e.action === 'ex-ante.create')?.detail).toMatchObject({ assessmentId: a.id, findings: findings.length });
  });

  it('refuses bad input with every problem named, writing nothing', async () => {
    const res = await expectUnchanged(
      () =>
        ctx.editorA.put(url(ctx.fresh), {
          version: 1,
          scores: [
            { criterionId: 'necessity.policy', points: 9 },
            { criterionId: 'economy.cost', points: 7.3 },
            { criterionId: 'nope', points: 1 },
          ],
          conclusion: 'support',
        }),
      400,
    );
    expect(res.json().issues).toStrictEqual([
      { path: 'scores.0.points', message: '“政策相关性”的得分9应在 0–8 分之间' },
      { path: 'scores.1.points', message: '“成本测算合理性”的得分7.3须为0.5分的整数倍' },
      { path: 'scores.2.criterionId', message: '评估要点“nope”不在评估指标体系（default-2025）中' },
    ]);
    expect(res.json().message).toContain('“政策相关性”的得分9应在 0–8 分之间');
    // A stale version is refused too.
    await expectUnchanged(() => ctx.editorA.put(url(ctx.fresh), { version: 7, scores: [] }), 409);
    // The reviewer does not write the assessment.
    await expectUnchanged(() => ctx.reviewer.put(url(ctx.fresh), { version: 1, scores: fullScores() }), 403);
  });

  it('cannot be submitted while incomplete; saved complete, it scores exactly and submits', async () => {
    const partial = view(await ctx.editorA.put(url(ctx.fresh), { version: 1, scores: [{ criterionId: 'necessity.policy', points: 6.5 }] }));
    expect(partial.assessment!.version).toBe(2);
    const refused = await expectUnchanged(() => ctx.editorA.post(`${url(ctx.fresh)}/actions`, { action: 'submit', version: 2 }), 400);
    expect(refused.json().issues.map((i: { message: string }) => i.message)).toContain('“立项必要性 — 政策相关性”扣分1.5分，须说明扣分理由');
    expect(refused.json().issues.map((i: { message: string }) => i.message)).toContain('须填写评估结论的理由');

    const saved = view(
      await ctx.editorA.put(url(ctx.fresh), {
        version: 2,
        scores: fullScores({ 'necessity.policy': 6.5, 'economy.cost': 5.5, 'targets.measurable': 2.5, 'feasibility.risk': 3 }),
        conclusionReason: '项目符合区委工作部署，测算基本合理，建议予以支持。',
      }),
    ).assessment!;
    expect(saved.totalPoints).toBe(100 - 1.5 - 2.5 - 2.5 - 1);
    expect(saved.dimensions.map((d) => d.points)).toStrictEqual([23.5, 17.5, 17.5, 19, 15]);
    expect(saved).toMatchObject({ ruleConclusion: 'support', conclusion: 'support', complete: true, issues: [] });
    // The same content again writes nothing.
    const again = await expectUnchanged(
      () =>
        ctx.editorA.put(url(ctx.fresh), {
          version: 3,
          scores: fullScores({ 'necessity.policy': 6.5, 'economy.cost': 5.5, 'targets.measurable': 2.5, 'feasibility.risk': 3 }),
          conclusionReason: '项目符合区委工作部署，测算基本合理，建议予以支持。',
        }),
      200,
    );
    expect(again.json().assessment.version).toBe(3);

    // A more favourable conclusion than the rule is refused at submission.
    const submitted = view(await ctx.editorA.post(`${url(ctx.fresh)}/actions`, { action: 'submit', version: 3 }));
    expect(submitted.assessment).toMatchObject({ status: 'submitted', version: 4 });
    expect(submitted.canEdit).toBe(false);
    await expectUnchanged(() => ctx.editorA.put(url(ctx.fresh), { version: 4, scores: fullScores() }), 409);
  });

  it('is returned by the reviewer only with a reason, revised, resubmitted and approved', async () => {
    await expectUnchanged(() => ctx.editorA.post(`${url(ctx.fresh)}/actions`, { action: 'approve', version: 4 }), 403);
    const noReason = await expectUnchanged(() => ctx.reviewer.post(`${url(ctx.fresh)}/actions`, { action: 'return', version: 4, comment: '  ' }), 400);
    expect(noReason.json().message).toContain('退回时请填写理由');
    const returned = view(await ctx.reviewer.post(`${url(ctx.fresh)}/actions`, { action: 'return', version: 4, comment: '成本测算依据不足，请补充单价来源。' }));
    expect(returned.assessment).toMatchObject({ status: 'returned', version: 5 });
    expect(returned.assessment!.events.at(-1)).toMatchObject({ fromStatus: 'submitted', toStatus: 'returned', actor: '财政局绩效科', comment: '成本测算依据不足，请补充单价来源。' });
    const list = exAnteListSchema.parse((await ctx.editorA.get('/api/ex-ante?year=2025&status=returned')).json());
    expect(list.items.map((i) => [i.projectId, i.returnComment])).toStrictEqual([[ctx.fresh, '成本测算依据不足，请补充单价来源。']]);

    const revised = view(
      await ctx.editorA.put(url(ctx.fresh), {
        version: 5,
        scores: fullScores({ 'necessity.policy': 6.5, 'economy.cost': 4, 'targets.measurable': 2.5, 'feasibility.risk': 3 }),
        conclusion: 'partial',
        conclusionReason: '单价按市场询价补充，成本偏高部分调减后部分支持。',
      }),
    ).assessment!;
    expect(revised).toMatchObject({ totalPoints: 91, ruleConclusion: 'support', chosenConclusion: 'partial', conclusion: 'partial' });
    view(await ctx.editorA.post(`${url(ctx.fresh)}/actions`, { action: 'submit', version: 6 }));
    const approved = view(await ctx.reviewer.post(`${url(ctx.fresh)}/actions`, { action: 'approve', version: 7 }));
    expect(approved.assessment).toMatchObject({ status: 'approved', conclusion: 'partial' });
    expect(approved.actions).toStrictEqual([]);
    // Final: nobody changes it.
    await expectUnchanged(() => ctx.editorA.put(url(ctx.fresh), { version: 8, scores: fullScores() }), 409);
    // and the system administrator takes no business action at all (三员分立)
    await expectUnchanged(() => ctx.admin.put(url(ctx.fresh), { version: 8, scores: fullScores() }), 403);
    await expectUnchanged(() => ctx.reviewer.post(`${url(ctx.fresh)}/actions`, { action: 'return', version: 8, comment: 'x' }), 409);

    const actions = (await listAuditEntries(ctx.t.db, { entity: 'project', entityId: ctx.fresh })).map((e) => e.action).filter((a) => a.startsWith('ex-ante.'));
    expect([...actions].sort()).toStrictEqual(
      ['ex-ante.create', 'ex-ante.save', 'ex-ante.save', 'ex-ante.submit', 'ex-ante.return', 'ex-ante.save', 'ex-ante.submit', 'ex-ante.approve'].sort(),
    );
    const saveEntry = (await listAuditEntries(ctx.t.db, { entity: 'project', entityId: ctx.fresh })).find(
      (e) => e.action === 'ex-ante.save' && (e.detail as { version: number }).version === 6,
    );
    expect(saveEntry?.detail).toMatchObject({ before: { conclusion: null, scores: { 'economy.cost': { points: 5.5 } } }, after: { conclusion: 'partial', scores: { 'economy.cost': { points: 4 } } } });
  });

  it('a 否决项 at 0 makes it 不予支持, and a more favourable conclusion cannot be submitted', async () => {
    view(await ctx.editorA.post(url(ctx.grown)));
    const r = view(
      await ctx.editorA.put(url(ctx.grown), { version: 1, scores: fullScores({ 'necessity.overlap': 0 }), conclusion: 'support', conclusionReason: '与已有项目重复' }),
    ).assessment!;
    expect(r).toMatchObject({ totalPoints: 96, ruleConclusion: 'reject', conclusion: 'reject', rejectedBy: ['否决项“非重复性”得0分'], complete: false });
    const res = await expectUnchanged(() => ctx.editorA.post(`${url(ctx.grown)}/actions`, { action: 'submit', version: 2 }), 400);
    expect(res.json().message).toContain('不能选择“予以支持”');
  });
});

describe('the list and the report', () => {
  it('lists a year by status with counts; projects needing one without it are pending', async () => {
    const list = exAnteListSchema.parse((await ctx.reviewer.get('/api/ex-ante?year=2025')).json());
    expect(list.counts).toStrictEqual({ draft: 1, submitted: 0, returned: 0, approved: 1, needed: 3, neededWithout: 1 });
    expect(list.items.map((i) => [i.projectId, i.status, i.conclusion])).toStrictEqual([
      [ctx.grown, 'draft', 'reject'],
      [ctx.fresh, 'approved', 'partial'],
    ]);
    expect(list.pending.map((i) => i.projectId)).toStrictEqual([ctx.bFresh]);
    // The editor sees its own department only, whatever it asks for.
    const own = exAnteListSchema.parse((await ctx.editorA.get('/api/ex-ante')).json());
    expect(own.year).toBe(2025);
    expect(own.counts).toMatchObject({ needed: 2, neededWithout: 0 });
    expect((await ctx.editorA.get(`/api/ex-ante?departmentId=${ctx.deptB}`)).statusCode).toBe(404);
    const bad = await ctx.reviewer.get('/api/ex-ante?status=maybe');
    expect(bad.statusCode).toBe(400);
  });

  it('tells a list page which of its projects need an assessment, within what the user may see', async () => {
    const ids = [ctx.bFresh, ctx.steady, ctx.grown, ctx.fresh];
    const all = exAnteOfProjectsSchema.parse((await ctx.reviewer.get(`/api/ex-ante/projects?ids=${ids.join(',')}`)).json());
    expect(all.items.map((i) => [i.projectId, i.need.reason, i.status, i.conclusion])).toStrictEqual([
      [ctx.bFresh, 'new', null, null],
      [ctx.steady, null, null, null],
      [ctx.grown, 'budget-change', 'draft', 'reject'],
      [ctx.fresh, 'new', 'approved', 'partial'],
    ]);
    // B's project is left out for A's editor.
    const own = exAnteOfProjectsSchema.parse((await ctx.editorA.get(`/api/ex-ante/projects?ids=${ids.join(',')}`)).json());
    expect(own.items.map((i) => i.projectId)).toStrictEqual([ctx.steady, ctx.grown, ctx.fresh]);
    const bad = await ctx.reviewer.get('/api/ex-ante/projects?ids=1,x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('ids 应为逗号分隔的项目编号');
  });

  it('exports a 事前绩效评估报告 with the project, the scores, the total and the conclusion', async () => {
    const res = await ctx.editorA.get(`${url(ctx.fresh)}.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('新建社区服务中心事前绩效评估报告.docx'));
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of ['新建社区服务中心事前绩效评估报告', '项目基本情况', DEPT_A.name, '80.00', '立项必要性', '政策相关性（否决项）', '6.5', '91', '评估结论为“部分支持”', '单价按市场询价补充', '成本测算依据不足']) {
      expect(text, s).toContain(s);
    }
    // None yet: 404.
    expect((await ctx.editorA.get(`${url(ctx.steady)}.docx`)).statusCode).toBe(404);
  });
});

describe('a new version of the document', () => {
  it('starts the project’s new assessment from the earlier version’s, as a draft', async () => {
    // A's 2025 document again, changed (a new budget for the new project): it replaces the earlier one.
    const v2 = await storeMonitoringDocument(ctx.t.db, projects2025(75), DEPT_A, 2025, 'draft');
    const fresh2 = v2.projects[2]!.id;
    expect(fresh2).not.toBe(ctx.fresh);
    const before = view(await ctx.editorA.get(url(fresh2)));
    expect(before.assessment).toBeNull();
    expect(before.earlierVersion).toStrictEqual({ projectId: ctx.fresh, status: 'approved', totalPoints: 91, conclusion: 'partial' });
    // The superseded project's assessment can no longer change.
    await expectUnchanged(() => ctx.editorA.put(url(ctx.fresh), { version: 8, scores: [] }), 409);

    const created = view(await ctx.editorA.post(url(fresh2))).assessment!;
    expect(created).toMatchObject({ status: 'draft', version: 1, totalPoints: 91, chosenConclusion: 'partial', conclusionReason: '单价按市场询价补充，成本偏高部分调减后部分支持。' });
    expect(created.dimensions.find((d) => d.id === 'economy')!.criteria.find((k) => k.id === 'economy.cost')).toMatchObject({ points: 4, reason: '扣分：成本测算合理性不足' });
    expect(created.events).toStrictEqual([]);
    const audit = (await listAuditEntries(ctx.t.db, { entity: 'project', entityId: fresh2 })).find((e) => e.action === 'ex-ante.create');
    expect(audit?.detail).toMatchObject({ copiedFrom: { projectId: ctx.fresh, status: 'approved' } });
  });
});

describe('access', () => {
  it('keeps departments apart and the anonymous out', async () => {
    await expectUnchanged(() => ctx.editorB.get(url(ctx.fresh)), 404);
    await expectUnchanged(() => ctx.editorB.post(url(ctx.steady)), 404);
    await expectUnchanged(() => ctx.editorB.put(url(ctx.grown), { version: 2, scores: [] }), 404);
    await expectUnchanged(() => ctx.editorB.post(`${url(ctx.grown)}/actions`, { action: 'submit', version: 2 }), 404);
    await expectUnchanged(() => ctx.editorB.get(`${url(ctx.fresh)}.docx`), 404);
    await expectUnchanged(() => ctx.anon.get(url(ctx.fresh)), 401);
    expect(view(await ctx.reviewer.get(url(ctx.fresh))).canEdit).toBe(false);
  });

  it('documents every route with a Chinese summary', async () => {
    const spec = (await ctx.anon.get('/api/docs/json')).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const ours = Object.entries(spec.paths).filter(([p]) => p.includes('ex-ante'));
    expect(ours.map(([p]) => p).sort()).toStrictEqual(['/api/ex-ante', '/api/ex-ante/projects', '/api/projects/{id}/ex-ante', '/api/projects/{id}/ex-ante.docx', '/api/projects/{id}/ex-ante/actions']);
    for (const [, ops] of ours) for (const op of Object.values(ops)) expect(op.summary).toMatch(/[\u4e00-\u9fff]/);
  });
});
