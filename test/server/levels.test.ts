/**
 * Levels of review (issue 32): 单位 → 主管部门 → 财政. Four departments in one county (路南区
 * 130202): P (f000) is the 主管部门 of U (f001), Q (f002) the 主管部门 of W (f003). The city
 * (唐山市 130200) uses the 主管部门 level, the county inherits it.
 *
 * - the path: U's editor submits (待主管部门审核), P's supervisor returns with a comment, U
 *   resubmits, P forwards (转报财政, 已提交), the county reviewer approves; every step in the
 *   audit log and the project's 审核记录; the finance bureau's queue holds forwarded projects only;
 * - a department without a 主管部门 (P itself) and a county that sets 单位 → 财政 submit straight
 *   to the finance bureau;
 * - isolation, route by route over every /api route: P's supervisor asks for W's entities (another
 *   主管部门's unit) and gets nothing, writes nothing; it reads P and U; it takes no finance action;
 * - the administrator's settings: a 主管部门 of the same region, one level, audited.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectToInput } from '../../src/shared/api/project-input';
import { loadProject } from '../../src/server/db/document.repository';
import { importFixture, type ImportedFixture } from './domain-support';
import { prepareOtherParty, secretsOf, walkAsLevelReviewer, type OtherParty, type Target } from './route-driver';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from './support';


const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130213,丰南区'].join('\n');

interface Ctx {
  t: TestApp;
  p: ImportedFixture;
  u: ImportedFixture;
  q: ImportedFixture;
  w: ImportedFixture;
  admin: TestClient;
  whole: TestClient;
  county: TestClient;
  supervisorP: TestClient;
  supervisorQ: TestClient;
  editorU: TestClient;
  editorP: TestClient;
  /** W's entities (an approved, monitored project, a rectification and its file, a stage it was reminded of …). */
  other: OtherParty;
  secrets: string[];
}
let ctx: Ctx;

beforeAll(async () => {
  const t = await startTestApp();
  const [p, u, q, w] = [await importFixture(t.db, 'f000'), await importFixture(t.db, 'f001'), await importFixture(t.db, 'f002'), await importFixture(t.db, 'f003')];
  const admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  for (const f of [p, u, q, w]) {
    const r = await admin.put(`/api/departments/${f.departmentId}/region`, { regionCode: '130202' });
    expect(r.statusCode, r.body).toBe(200);
  }
  for (const [unit, parent] of [[u, p], [w, q]] as const) {
    const r = await admin.put(`/api/departments/${unit.departmentId}/parent`, { parentDepartmentId: parent.departmentId });
    expect(r.statusCode, r.body).toBe(200);
  }
  const levels = await admin.put('/api/regions/130200/review-levels', { reviewLevels: 'supervisor' });
  expect(levels.json()).toStrictEqual({ code: '130200', own: 'supervisor', effective: 'supervisor', years: [] });

  const whole = await t.client('reviewer');
  const other = await prepareOtherParty(t, w, whole, '路南财预〔2025〕9号');
  const secrets = await secretsOf(t.db, w, [p, u]);
  ctx = {
    t,
    p,
    u,
    q,
    w,
    admin,
    whole,
    county: await t.client('reviewer', { regionCode: '130202', displayName: '路南区财政局' }),
    supervisorP: await t.client('supervisor', { departmentId: p.departmentId, displayName: '主管部门P审核' }),
    supervisorQ: await t.client('supervisor', { departmentId: q.departmentId }),
    editorU: await t.client('editor', { departmentId: u.departmentId, displayName: '单位U填报' }),
    editorP: await t.client('editor', { departmentId: p.departmentId }),
    other,
    secrets,
  };
}, 120_000);
afterAll(() => ctx.t.close());

async function act(client: TestClient, projectId: number, action: string, extra: Record<string, unknown> = {}): Promise<TestResponse> {
  const record = await client.get(`/api/projects/${projectId}`);
  expect(record.statusCode, record.body).toBe(200);
  return client.post(`/api/projects/${projectId}/actions`, { action, version: record.json().version, ...extra });
}

async function statusOf(projectId: number): Promise<string> {
  return (await ctx.t.db.selectFrom('project').select('status').where('id', '=', projectId).executeTakeFirstOrThrow()).status;
}

describe('单位 → 主管部门 → 财政', () => {
  it('a unit submits to its 主管部门, which returns with a comment, then forwards; the county approves', async () => {
    const id = ctx.u.projectIds[0]!;
    expect((await ctx.editorU.get(`/api/projects/${id}`)).json().allowedActions).toStrictEqual(['submit']);
    expect((await act(ctx.editorU, id, 'submit')).statusCode).toBe(200);
    expect(await statusOf(id)).toBe('unit_submitted');

    // the finance bureau's queue: forwarded projects only; the supervisor's: its units' waiting ones
    const bureauQueue = (await ctx.county.get('/api/projects?status=submitted&pageSize=100')).json();
    expect(bureauQueue.items.map((x: { id: number }) => x.id)).not.toContain(id);
    const supervisorQueue = (await ctx.supervisorP.get('/api/projects?status=unit_submitted&pageSize=100')).json();
    expect(supervisorQueue.items.map((x: { id: number }) => x.id)).toStrictEqual([id]);
    expect((await ctx.supervisorQ.get('/api/projects?status=unit_submitted&pageSize=100')).json().items).toStrictEqual([]);

    // the finance bureau cannot act before the 主管部门; another 主管部门 cannot see it
    expect((await ctx.county.get(`/api/projects/${id}`)).json().allowedActions).toStrictEqual([]);
    expect((await act(ctx.county, id, 'approve')).statusCode).toBe(409);
    expect((await act(ctx.county, id, 'return', { comment: '财政退回' })).statusCode).toBe(409);
    expect((await ctx.supervisorQ.get(`/api/projects/${id}`)).statusCode).toBe(404);
    expect((await ctx.supervisorQ.post(`/api/projects/${id}/actions`, { action: 'forward', version: 2 })).statusCode).toBe(404);

    expect((await ctx.supervisorP.get(`/api/projects/${id}`)).json().allowedActions).toStrictEqual(['forward', 'return']);
    expect((await act(ctx.supervisorP, id, 'return')).statusCode).toBe(400);
    expect((await act(ctx.supervisorP, id, 'approve')).statusCode).toBe(403);
    const returned = await act(ctx.supervisorP, id, 'return', { comment: '绩效指标不够具体，请补充数量指标' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('returned');
    expect(returned.json().allowedActions).toStrictEqual([]);

    expect((await act(ctx.editorU, id, 'submit')).json().status).toBe('unit_submitted');
    expect((await act(ctx.supervisorP, id, 'forward')).json().status).toBe('submitted');
    expect((await ctx.supervisorP.get(`/api/projects/${id}`)).json().allowedActions).toStrictEqual([]);
    expect((await act(ctx.supervisorP, id, 'approve')).statusCode).toBe(403);
    expect((await ctx.county.get('/api/projects?status=submitted&pageSize=100')).json().items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await ctx.county.get(`/api/projects/${id}`)).json().allowedActions).toStrictEqual(['return', 'approve']);
    const approved = await act(ctx.county, id, 'approve');
    expect(approved.json().status).toBe('approved');

    // the 审核记录: who at which level, with the comment
    const events = approved.json().events.map((e: { fromStatus: string; toStatus: string; actor: string; comment: string | null }) => [e.fromStatus, e.toStatus, e.actor, e.comment]);
    expect(events).toStrictEqual([
      ['draft', 'unit_submitted', '单位U填报', null],
      ['unit_submitted', 'returned', '主管部门P审核', '绩效指标不够具体，请补充数量指标'],
      ['returned', 'unit_submitted', '单位U填报', null],
      ['unit_submitted', 'submitted', '主管部门P审核', null],
      ['submitted', 'approved', '路南区财政局', null],
    ]);
    const audit = await ctx.t.db.selectFrom('auditLog').select(['action', 'actor']).where('entity', '=', 'project').where('entityId', '=', id).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.actor])).toStrictEqual([
      ['project.submit', '单位U填报'],
      ['project.return', '主管部门P审核'],
      ['project.submit', '单位U填报'],
      ['project.forward', '主管部门P审核'],
      ['project.approve', '路南区财政局'],
    ]);
  });

  it('a department without a 主管部门, or in a region that sets 单位 → 财政, submits straight to the finance bureau', async () => {
    const own = ctx.p.projectIds[0]!;
    expect((await act(ctx.editorP, own, 'submit')).json().status).toBe('submitted');
    // the county sets its own levels: the city's no longer apply to it
    expect((await ctx.admin.put('/api/regions/130202/review-levels', { reviewLevels: 'finance' })).json()).toStrictEqual({ code: '130202', own: 'finance', effective: 'finance', years: [] });
    const unit = ctx.u.projectIds[1]!;
    expect((await act(ctx.editorU, unit, 'submit')).json().status).toBe('submitted');
    expect((await ctx.admin.put('/api/regions/130202/review-levels', { reviewLevels: null })).json()).toStrictEqual({ code: '130202', own: null, effective: 'supervisor', years: [] });
    const regionAudit = await ctx.t.db.selectFrom('auditLog').select('action').where('action', '=', 'region.reviewLevels').execute();
    expect(regionAudit.length).toBe(3);
  });

  it('the settings: a 主管部门 of the same region, one level; not changed while a unit’s projects wait for it', async () => {
    const put = (unit: number, parent: number | null) => ctx.admin.put(`/api/departments/${unit}/parent`, { parentDepartmentId: parent });
    expect((await put(ctx.p.departmentId, ctx.u.departmentId)).statusCode).toBe(400); // U is a unit
    expect((await put(ctx.p.departmentId, ctx.q.departmentId)).statusCode).toBe(400); // P has units
    expect((await put(ctx.q.departmentId, ctx.q.departmentId)).statusCode).toBe(400);
    expect((await put(999_999, null)).statusCode).toBe(404);
    expect((await ctx.admin.put(`/api/departments/${ctx.u.departmentId}/region`, { regionCode: '130213' })).statusCode).toBe(409);
    const waiting = ctx.u.projectIds[2]!;
    expect((await act(ctx.editorU, waiting, 'submit')).json().status).toBe('unit_submitted');
    expect((await put(ctx.u.departmentId, null)).statusCode).toBe(409);
    expect((await act(ctx.supervisorP, waiting, 'forward')).json().status).toBe('submitted');
    // business roles do not change settings
    expect((await ctx.supervisorP.put(`/api/departments/${ctx.u.departmentId}/parent`, { parentDepartmentId: null })).statusCode).toBe(403);
    expect((await ctx.whole.put('/api/regions/130202/review-levels', { reviewLevels: 'finance' })).statusCode).toBe(403);
    const audit = await ctx.t.db.selectFrom('auditLog').select('detail').where('action', '=', 'department.parent').execute();
    expect(audit.length).toBe(2);
  });
});




/** W, as the supervisor asks for it (route-driver.ts). */
function target(): Target {
  return { db: ctx.t.db, whole: ctx.whole, ...ctx.other, regionCode: '130202', action: { action: 'forward', version: 1 }, reviewLevels: 'finance', tag: 'supervisor' };
}

/** Routes the supervisor legitimately answers with 200 (W's id ignored or lists filtered): checked for leaks only. */
const LIST = /^(GET \/api\/(projects(\/status-counts)?|departments|monitoring\/rounds|rectifications(\.xlsx|\/summary)?|ex-ante(\/projects)?|library(\/entry)?|regions|tasks|notifications(\/unread-count)?|approval-batches|adjustments)|POST \/api\/notifications\/read-all)$/;

describe('a 主管部门 (supervisor) over every route', () => {
  it('gets nothing of another 主管部门’s unit on any route, and writes nothing there or anywhere', async () => {
    const answered = await walkAsLevelReviewer(ctx.t.app as FastifyInstance, ctx.supervisorP, target(), { lists: LIST, secrets: ctx.secrets });
    expect(answered.length).toBeGreaterThan(55);
  });

  it('reads its 主管部门 and its units: lists hold P and U, not Q or W', async () => {
    const departments = (await ctx.supervisorP.get('/api/departments')).json().items.map((d: { id: number }) => d.id).sort();
    expect(departments).toStrictEqual([ctx.p.departmentId, ctx.u.departmentId].sort());
    expect((await ctx.supervisorP.get('/api/projects?pageSize=100')).json().total).toBe(ctx.p.projectIds.length + ctx.u.projectIds.length);
    for (const f of [ctx.p, ctx.u]) {
      expect((await ctx.supervisorP.get(`/api/departments/${f.departmentId}`)).statusCode).toBe(200);
      expect((await ctx.supervisorP.get(`/api/projects/${f.projectIds[0]}`)).statusCode).toBe(200);
    }
    for (const f of [ctx.q, ctx.w]) expect((await ctx.supervisorP.get(`/api/projects/${f.projectIds[0]}`)).statusCode).toBe(404);
    // a supervisor edits nothing, not even its units' drafts
    const draft = ctx.u.projectIds.at(-1)!;
    const record = (await ctx.supervisorP.get(`/api/projects/${draft}`)).json();
    expect(record.editable).toBe(false);
    expect((await ctx.supervisorP.put(`/api/projects/${draft}`, { version: record.version, project: projectToInput((await loadProject(ctx.t.db, draft))!) })).statusCode).toBe(403);
  });
});
