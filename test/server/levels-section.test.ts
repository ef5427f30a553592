/**
 * The 财政业务科室 level of review (issue 32): 单位 → 主管部门 → 财政业务科室 → 绩效科. Four departments:
 * P (f000), U (f001, a unit of P) and W (f003) in 路南区 (130202), Q (f002) in 丰南区 (130213). 唐山市
 * (130200) uses all four levels, its districts inherit them. 路南区's bureau has two business
 * sections, 行政政法科 (P and U assigned to it) and 社会保障科 (W); 丰南区's one, 教科文科 (Q).
 *
 * - the path: U's editor submits (待主管部门审核), P's supervisor forwards (待业务科室审核), the section
 *   returns with a comment, U resubmits, P forwards, the section forwards (转报绩效科, 已提交), the
 *   county's performance section approves; every step in the audit log and the 审核记录;
 * - the settings: a region without the 主管部门 or the section level skips it; a department without
 *   a section in a region using the level is refused its submission (and its 主管部门 the forward),
 *   naming what the administrator must set; sections and assignments are the administrator's, audited;
 * - isolation, route by route over every /api route, as the section of another section of the same
 *   district and as a section of another district: nothing of W read or written.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectToInput } from '../../src/shared/api/project-input';
import { loadProject } from '../../src/server/db/document.repository';
import { MISSING_SECTION_MESSAGE } from '../../src/shared/domain/workflow';
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
  /** 行政政法科 (P, U), 社会保障科 (W) of 路南区; 教科文科 (Q) of 丰南区. */
  sections: { politics: number; welfare: number; education: number };
  sectionPolitics: TestClient;
  sectionWelfare: TestClient;
  sectionEducation: TestClient;
  editorU: TestClient;
  editorP: TestClient;
  editorQ: TestClient;
  other: OtherParty;
  secrets: string[];
}
let ctx: Ctx;

beforeAll(async () => {
  const t = await startTestApp();
  const [p, u, q, w] = [await importFixture(t.db, 'f000'), await importFixture(t.db, 'f001'), await importFixture(t.db, 'f002'), await importFixture(t.db, 'f003')];
  const admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  for (const [f, region] of [[p, '130202'], [u, '130202'], [w, '130202'], [q, '130213']] as const) {
    const r = await admin.put(`/api/departments/${f.departmentId}/region`, { regionCode: region });
    expect(r.statusCode, r.body).toBe(200);
  }
  expect((await admin.put(`/api/departments/${u.departmentId}/parent`, { parentDepartmentId: p.departmentId })).statusCode).toBe(200);
  const levels = await admin.put('/api/regions/130200/review-levels', { reviewLevels: 'supervisor_section' });
  expect(levels.json()).toStrictEqual({ code: '130200', own: 'supervisor_section', effective: 'supervisor_section', years: [] });
  const section = async (regionCode: string, name: string) => {
    const r = await admin.post('/api/sections', { regionCode, name });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ regionCode, name, departmentCount: 0, accountCount: 0 });
    return r.json().id as number;
  };
  const sections = { politics: await section('130202', '行政政法科'), welfare: await section('130202', '社会保障科'), education: await section('130213', '教科文科') };
  for (const [f, s] of [[p, sections.politics], [u, sections.politics], [w, sections.welfare], [q, sections.education]] as const) {
    const r = await admin.put(`/api/departments/${f.departmentId}/section`, { sectionId: s });
    expect(r.statusCode, r.body).toBe(200);
  }

  const whole = await t.client('reviewer');
  const other = await prepareOtherParty(t, w, whole, '路南财预〔2025〕7号');
  ctx = {
    t,
    p,
    u,
    q,
    w,
    admin,
    whole,
    county: await t.client('reviewer', { regionCode: '130202', displayName: '路南区财政局绩效股' }),
    supervisorP: await t.client('supervisor', { departmentId: p.departmentId, displayName: '主管部门P审核' }),
    sections,
    sectionPolitics: await t.client('section', { sectionId: sections.politics, regionCode: '130202', displayName: '路南区财政局行政政法科' }),
    sectionWelfare: await t.client('section', { sectionId: sections.welfare, regionCode: '130202' }),
    sectionEducation: await t.client('section', { sectionId: sections.education, regionCode: '130213', displayName: '丰南区财政局教科文科' }),
    editorU: await t.client('editor', { departmentId: u.departmentId, displayName: '单位U填报' }),
    editorP: await t.client('editor', { departmentId: p.departmentId }),
    editorQ: await t.client('editor', { departmentId: q.departmentId }),
    other,
    // what only W has: neither P's, U's nor Q's (the sections that ask see those)
    secrets: await secretsOf(t.db, w, [p, u, q]),
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

const ids = (res: TestResponse) => res.json().items.map((x: { id: number }) => x.id) as number[];

describe('单位 → 主管部门 → 财政业务科室 → 绩效科', () => {
  it('a unit submits, its 主管部门 forwards, the section returns with a comment, it comes back, the section forwards, the county approves', async () => {
    const id = ctx.u.projectIds[0]!;
    expect((await act(ctx.editorU, id, 'submit')).json().status).toBe('unit_submitted');
    // the section sees it (its department's) but takes no step before the 主管部门
    expect((await ctx.sectionPolitics.get(`/api/projects/${id}`)).json().allowedActions).toStrictEqual([]);
    expect((await act(ctx.sectionPolitics, id, 'forward')).statusCode).toBe(409);
    const forwarded = await act(ctx.supervisorP, id, 'forward');
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect(forwarded.json().status).toBe('section_submitted');

    // the queues: the section's holds it, the other sections' and the performance section's do not
    expect(ids(await ctx.sectionPolitics.get('/api/projects?status=section_submitted&pageSize=100'))).toStrictEqual([id]);
    expect(ids(await ctx.sectionWelfare.get('/api/projects?status=section_submitted&pageSize=100'))).toStrictEqual([]);
    expect(ids(await ctx.county.get('/api/projects?status=submitted&pageSize=100'))).not.toContain(id);
    // the city's dashboard counts it in its district's row, waiting for a section
    const city = await ctx.t.client('reviewer', { regionCode: '130200' });
    const row = (await city.get(`/api/dashboard?year=${ctx.u.year}`)).json().groups.find((g: { code: string | null }) => g.code === '130202');
    expect(row.statusCounts).toMatchObject({ section_submitted: 1, unit_submitted: 0 });
    expect((await ctx.sectionWelfare.get(`/api/projects/${id}`)).statusCode).toBe(404);
    expect((await ctx.sectionEducation.post(`/api/projects/${id}/actions`, { action: 'forward', version: 3 })).statusCode).toBe(404);
    // the performance section, the 主管部门 and the unit wait for the section
    expect((await ctx.county.get(`/api/projects/${id}`)).json().allowedActions).toStrictEqual([]);
    expect((await act(ctx.county, id, 'approve')).statusCode).toBe(409);
    expect((await act(ctx.county, id, 'return', { comment: '绩效科退回' })).statusCode).toBe(409);
    expect((await act(ctx.supervisorP, id, 'return', { comment: '主管部门退回' })).statusCode).toBe(409);
    expect((await ctx.editorU.get(`/api/projects/${id}`)).json()).toMatchObject({ allowedActions: [], editable: false });

    expect((await ctx.sectionPolitics.get(`/api/projects/${id}`)).json().allowedActions).toStrictEqual(['forward', 'return']);
    expect((await act(ctx.sectionPolitics, id, 'return')).statusCode).toBe(400);
    expect((await act(ctx.sectionPolitics, id, 'approve')).statusCode).toBe(403);
    const comment = '项目支出与部门职能对应不清，请补充预算测算依据';
    const returned = await act(ctx.sectionPolitics, id, 'return', { comment });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', allowedActions: [] });

    // back to the unit: it resubmits, through its 主管部门 again
    expect((await ctx.editorU.get(`/api/projects/${id}`)).json().editable).toBe(true);
    expect((await act(ctx.editorU, id, 'submit')).json().status).toBe('unit_submitted');
    expect((await act(ctx.supervisorP, id, 'forward')).json().status).toBe('section_submitted');
    const toPerformance = await act(ctx.sectionPolitics, id, 'forward');
    expect(toPerformance.json()).toMatchObject({ status: 'submitted', allowedActions: [] });
    expect((await act(ctx.sectionPolitics, id, 'approve')).statusCode).toBe(403);
    expect(ids(await ctx.county.get('/api/projects?status=submitted&pageSize=100'))).toContain(id);
    expect((await ctx.county.get(`/api/projects/${id}`)).json().allowedActions).toStrictEqual(['return', 'approve']);
    const approved = await act(ctx.county, id, 'approve');
    expect(approved.json().status).toBe('approved');

    // the 审核记录: who at which level, with the comment
    const events = approved.json().events.map((e: { fromStatus: string; toStatus: string; actor: string; comment: string | null }) => [e.fromStatus, e.toStatus, e.actor, e.comment]);
    expect(events).toStrictEqual([
      ['draft', 'unit_submitted', '单位U填报', null],
      ['unit_submitted', 'section_submitted', '主管部门P审核', null],
      ['section_submitted', 'returned', '路南区财政局行政政法科', comment],
      ['returned', 'unit_submitted', '单位U填报', null],
      ['unit_submitted', 'section_submitted', '主管部门P审核', null],
      ['section_submitted', 'submitted', '路南区财政局行政政法科', null],
      ['submitted', 'approved', '路南区财政局绩效股', null],
    ]);
    const audit = await ctx.t.db.selectFrom('auditLog').select(['action', 'actor']).where('entity', '=', 'project').where('entityId', '=', id).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.actor])).toStrictEqual([
      ['project.submit', '单位U填报'],
      ['project.forward', '主管部门P审核'],
      ['project.return', '路南区财政局行政政法科'],
      ['project.submit', '单位U填报'],
      ['project.forward', '主管部门P审核'],
      ['project.forward', '路南区财政局行政政法科'],
      ['project.approve', '路南区财政局绩效股'],
    ]);
  });

  it('a department without a 主管部门 goes to its section on submission; a region without a level skips it', async () => {
    const own = ctx.p.projectIds[0]!;
    expect((await act(ctx.editorP, own, 'submit')).json().status).toBe('section_submitted');
    expect((await act(ctx.sectionPolitics, own, 'forward')).json().status).toBe('submitted');
    // 路南区 sets 单位 → 主管部门 → 财政: the sections step aside
    expect((await ctx.admin.put('/api/regions/130202/review-levels', { reviewLevels: 'supervisor' })).statusCode).toBe(200);
    const unit = ctx.u.projectIds[1]!;
    expect((await act(ctx.editorU, unit, 'submit')).json().status).toBe('unit_submitted');
    expect((await act(ctx.supervisorP, unit, 'forward')).json().status).toBe('submitted');
    // 路南区 sets 单位 → 财政业务科室 → 绩效科: the 主管部门 steps aside
    expect((await ctx.admin.put('/api/regions/130202/review-levels', { reviewLevels: 'section' })).statusCode).toBe(200);
    const next = ctx.u.projectIds[2]!;
    expect((await act(ctx.editorU, next, 'submit')).json().status).toBe('section_submitted');
    expect((await act(ctx.sectionPolitics, next, 'forward')).json().status).toBe('submitted');
    // from a budget year on: 丰南区 uses the section from the year after Q's, not Q's year
    expect((await ctx.admin.put('/api/regions/130213/review-levels', { reviewLevels: 'finance' })).statusCode).toBe(200);
    expect((await ctx.admin.put('/api/regions/130213/review-levels', { reviewLevels: 'section', fromYear: ctx.q.year + 1 })).statusCode).toBe(200);
    expect((await act(ctx.editorQ, ctx.q.projectIds[0]!, 'submit')).json().status).toBe('submitted');
    expect((await ctx.admin.put('/api/regions/130213/review-levels', { reviewLevels: 'section', fromYear: ctx.q.year })).statusCode).toBe(200);
    expect((await act(ctx.editorQ, ctx.q.projectIds[1]!, 'submit')).json().status).toBe('section_submitted');
    expect((await act(ctx.sectionEducation, ctx.q.projectIds[1]!, 'forward')).json().status).toBe('submitted');
    for (const [code, body] of [['130202', { reviewLevels: null }], ['130213', { reviewLevels: null }], ['130213', { reviewLevels: null, fromYear: ctx.q.year }], ['130213', { reviewLevels: null, fromYear: ctx.q.year + 1 }]] as const) {
      expect((await ctx.admin.put(`/api/regions/${code}/review-levels`, body)).statusCode).toBe(200);
    }
  });

  it('a department without a section, in a region using the level, is refused its submission and its 主管部门 the forward, naming what to set', async () => {
    const draft = ctx.q.projectIds[2]!;
    expect((await ctx.admin.put(`/api/departments/${ctx.q.departmentId}/section`, { sectionId: null })).statusCode).toBe(200);
    // the project page says why it cannot be submitted, and what the administrator sets
    expect((await ctx.editorQ.get(`/api/projects/${draft}`)).json()).toMatchObject({ allowedActions: [], editable: true, sendingBlocked: MISSING_SECTION_MESSAGE });
    const refused = await act(ctx.editorQ, draft, 'submit');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'conflict', message: MISSING_SECTION_MESSAGE });
    expect(refused.json().message).toContain('区划与审核层级 → 业务科室');
    expect(await statusOf(draft)).toBe('draft');

    // a unit's submission already with its 主管部门 when the section goes: returned, not forwarded
    const waiting = ctx.u.projectIds[3]!;
    expect((await act(ctx.editorU, waiting, 'submit')).json().status).toBe('unit_submitted');
    expect((await ctx.admin.put(`/api/departments/${ctx.u.departmentId}/section`, { sectionId: null })).statusCode).toBe(200);
    expect((await ctx.supervisorP.get(`/api/projects/${waiting}`)).json()).toMatchObject({ allowedActions: ['return'], sendingBlocked: MISSING_SECTION_MESSAGE });
    expect((await act(ctx.supervisorP, waiting, 'forward')).json()).toMatchObject({ code: 'conflict', message: MISSING_SECTION_MESSAGE });
    expect(await statusOf(waiting)).toBe('unit_submitted');
    // assigned again: on its way
    for (const [f, s] of [[ctx.u, ctx.sections.politics], [ctx.q, ctx.sections.education]] as const) {
      expect((await ctx.admin.put(`/api/departments/${f.departmentId}/section`, { sectionId: s })).statusCode).toBe(200);
    }
    expect((await ctx.editorQ.get(`/api/projects/${draft}`)).json().sendingBlocked).toBeUndefined();
    expect((await act(ctx.supervisorP, waiting, 'forward')).json().status).toBe('section_submitted');
    expect((await act(ctx.editorQ, draft, 'submit')).json().status).toBe('section_submitted');
  });

  it('the settings: sections named once per region, a department’s section of its own region, not changed while projects wait for it; audited', async () => {
    const admin = ctx.admin;
    // names: unique within a region, free across regions
    expect((await admin.post('/api/sections', { regionCode: '130202', name: '行政政法科' })).statusCode).toBe(409);
    const extra = await admin.post('/api/sections', { regionCode: '130213', name: '行政政法科' });
    expect(extra.statusCode, extra.body).toBe(200);
    expect((await admin.post('/api/sections', { regionCode: '139999', name: '农业农村科' })).statusCode).toBe(404);
    expect((await admin.post('/api/sections', { regionCode: '130202', name: '  ' })).statusCode).toBe(400);
    expect((await admin.patch(`/api/sections/${extra.json().id}`, { name: '教科文科' })).statusCode).toBe(409);
    expect((await admin.patch(`/api/sections/${extra.json().id}`, { name: '经济建设科' })).json()).toMatchObject({ name: '经济建设科', regionCode: '130213' });
    const listed = (await admin.get('/api/sections?regionCode=130202')).json().items;
    expect(listed.map((s: { name: string; departmentCount: number; accountCount: number }) => [s.name, s.departmentCount, s.accountCount])).toStrictEqual([
      ['社会保障科', 1, 1],
      ['行政政法科', 2, 1],
    ]);
    // a section with departments or accounts stays; an empty one goes
    const busy = await admin.delete(`/api/sections/${ctx.sections.welfare}`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toContain('1 个归口单位');
    expect((await admin.delete(`/api/sections/${extra.json().id}`)).statusCode).toBe(200);
    expect((await admin.delete(`/api/sections/${extra.json().id}`)).statusCode).toBe(404);

    // assignments: a section of the department's own region
    const assign = (departmentId: number, sectionId: number | null) => admin.put(`/api/departments/${departmentId}/section`, { sectionId });
    expect((await assign(ctx.w.departmentId, ctx.sections.education)).statusCode).toBe(400);
    expect((await assign(ctx.w.departmentId, 999_999)).statusCode).toBe(400);
    expect((await assign(999_999, null)).statusCode).toBe(404);
    // P has a project waiting for 行政政法科 (the test before): its section stays until it is dealt with
    const waiting = ctx.p.projectIds[1]!;
    expect((await act(ctx.editorP, waiting, 'submit')).json().status).toBe('section_submitted');
    const held = await assign(ctx.p.departmentId, ctx.sections.welfare);
    expect(held.statusCode).toBe(409);
    expect(held.json().message).toContain('待业务科室审核');
    expect((await act(ctx.sectionPolitics, waiting, 'forward')).json().status).toBe('submitted');
    // a department with a section keeps its region until the section goes
    expect((await admin.put(`/api/departments/${ctx.w.departmentId}/region`, { regionCode: '130213' })).statusCode).toBe(409);

    // accounts: a section's account needs a section, and its region is the section's (the security administrator assigns it)
    const security = await ctx.t.client('security');
    const made = (await admin.post('/api/users', { username: 'sec-welfare', displayName: '科室审核' })).json().account;
    const assignRole = (body: Record<string, unknown>) => security.put(`/api/users/${made.id}/role`, { role: 'section', ...body });
    expect((await assignRole({})).statusCode).toBe(400);
    expect((await assignRole({ sectionId: ctx.sections.welfare, regionCode: '130213' })).statusCode).toBe(400);
    const given = await assignRole({ sectionId: ctx.sections.welfare });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({ role: 'section', sectionId: ctx.sections.welfare, sectionName: '社会保障科', regionCode: '130202', regionName: '路南区', departmentId: null });
    expect((await security.put(`/api/users/${made.id}/role`, { role: 'editor', departmentId: ctx.p.departmentId, sectionId: ctx.sections.welfare })).statusCode).toBe(400);
    // becoming a reviewer drops the section (and the region, unless given)
    const changed = await security.put(`/api/users/${made.id}/role`, { role: 'reviewer', regionCode: '130202' });
    expect(changed.json()).toMatchObject({ role: 'reviewer', sectionId: null, regionCode: '130202' });

    // business roles change no setting
    expect((await ctx.sectionPolitics.post('/api/sections', { regionCode: '130202', name: '农业农村科' })).statusCode).toBe(403);
    expect((await ctx.county.put(`/api/departments/${ctx.w.departmentId}/section`, { sectionId: null })).statusCode).toBe(403);
    const actions = (await ctx.t.db.selectFrom('auditLog').select('action').where('action', 'in', ['section.create', 'section.rename', 'section.delete', 'department.section']).execute()).map((a) => a.action);
    // 3 sections and 4 assignments at the start, 2 unassigned and 2 reassigned (the test before), 1 made, renamed, deleted here
    expect(actions.filter((a) => a === 'section.create').length).toBe(4);
    expect(actions.filter((a) => a === 'section.rename').length).toBe(1);
    expect(actions.filter((a) => a === 'section.delete').length).toBe(1);
    expect(actions.filter((a) => a === 'department.section').length).toBe(8);
  });
});

/** W, as a section asks for it (route-driver.ts). */
function target(): Target {
  return {
    db: ctx.t.db, whole: ctx.whole, ...ctx.other, regionCode: '130202', action: { action: 'forward', version: 1 }, reviewLevels: 'finance', tag: 'section', section: ctx.sections.welfare,
  };
}

/** Routes a section legitimately answers with 200 (W's id ignored or lists filtered): checked for leaks only. */
const LIST = /^(GET \/api\/(projects(\/status-counts)?|departments|monitoring\/rounds|rectifications(\.xlsx|\/summary)?|ex-ante(\/projects)?|library(\/entry)?|regions|notifications(\/unread-count)?|approval-batches|adjustments)|POST \/api\/notifications\/read-all)$/;

describe('a 财政业务科室 (section) over every route', () => {
  it.each([
    ['of another section of the district', () => ctx.sectionPolitics],
    ['of another district', () => ctx.sectionEducation],
  ])('as the section %s: nothing of W on any route, and no write there or anywhere', async (_, client) => {
    const answered = await walkAsLevelReviewer(ctx.t.app as FastifyInstance, client(), target(), { lists: LIST, secrets: ctx.secrets });
    expect(answered.length).toBeGreaterThan(55);
  });

  it('reads its departments (and their monitoring and results, read-only), no other; edits nothing', async () => {
    const s = ctx.sectionPolitics;
    const departments = ids(await s.get('/api/departments')).sort();
    expect(departments).toStrictEqual([ctx.p.departmentId, ctx.u.departmentId].sort());
    expect((await s.get('/api/projects?pageSize=100')).json().total).toBe(ctx.p.projectIds.length + ctx.u.projectIds.length);
    expect(ids(await ctx.sectionEducation.get('/api/departments'))).toStrictEqual([ctx.q.departmentId]);
    const round = `${ctx.u.year}-07-31`;
    for (const f of [ctx.p, ctx.u]) {
      expect((await s.get(`/api/projects/${f.projectIds[0]}`)).statusCode).toBe(200);
      expect((await s.get(`/api/departments/${f.departmentId}/monitoring?year=${f.year}&asOf=${round}`)).statusCode).toBe(200);
      const results = await s.get(`/api/departments/${f.departmentId}/results?year=${f.year}`);
      expect(results.statusCode, results.body).toBe(200);
      expect(results.json().department.id).toBe(f.departmentId);
    }
    for (const f of [ctx.q, ctx.w]) {
      expect((await s.get(`/api/projects/${f.projectIds[0]}`)).statusCode).toBe(404);
      expect([403, 404]).toContain((await s.get(`/api/departments/${f.departmentId}/monitoring?year=${f.year}&asOf=${round}`)).statusCode);
    }
    // the region's summaries and the 工作台's stage tasks are not a section's
    expect((await s.get(`/api/monitoring/region?year=${ctx.u.year}&asOf=${round}`)).statusCode).toBe(403);
    expect((await s.get(`/api/results?year=${ctx.u.year}`)).statusCode).toBe(403);
    // a section edits nothing, not even its departments' drafts
    const draft = ctx.u.projectIds.at(-1)!;
    const record = (await s.get(`/api/projects/${draft}`)).json();
    expect(record.editable).toBe(false);
    expect((await s.put(`/api/projects/${draft}`, { version: record.version, project: projectToInput((await loadProject(ctx.t.db, draft))!) })).statusCode).toBe(403);
    const sheet = await s.get(`/api/projects/${draft}/results`);
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json().canDecide).toBe(false);
    // its session names its section and region
    expect((await s.get('/api/auth/session')).json().user).toMatchObject({ role: 'section', sectionId: ctx.sections.politics, sectionName: '行政政法科', regionCode: '130202', departmentId: null });
  });
});

describe('a section with no department assigned', () => {
  it('sees nothing on any route, its lists answering empty, and writes nothing', async () => {
    const empty = await ctx.admin.post('/api/sections', { regionCode: '130202', name: '农业农村科' });
    expect(empty.statusCode, empty.body).toBe(200);
    const client = await ctx.t.client('section', { sectionId: empty.json().id, regionCode: '130202' });
    const answered = await walkAsLevelReviewer(ctx.t.app as FastifyInstance, client, target(), { lists: LIST, secrets: ctx.secrets });
    expect(answered.length).toBeGreaterThan(55);
    expect((await client.get('/api/projects?pageSize=100')).json().total).toBe(0);
    expect((await client.get('/api/departments')).json().items).toStrictEqual([]);
  });
});
