/**
 * The year's stages, 催办 and notifications (issue 33) over HTTP, with real rows: a stage's
 * progress per department from the departments' own data, reminders reaching exactly the
 * department's accounts (editors, its 主管部门's supervisors) and no one else, the deadline sweep
 * exact and once, and who may do what.
 *
 * A: f000 (路南区 130202), B: f003 (丰南区 130213), both of 唐山市 130200. C: a department of 130202
 * without projects. D: B's 主管部门 (same county), with a supervisor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdue } from '../../src/server/modules/stages/stages.service';
import { importFixture, type ImportedFixture } from './domain-support';
import { createDepartment, startTestApp, testClock, type TestApp, type TestClient } from './support';

const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130213,丰南区'].join('\n');

interface Ctx {
  t: TestApp;
  a: ImportedFixture;
  b: ImportedFixture;
  c: number;
  d: number;
  year: number;
  /** A's and B's projects of the year (their own year, else their document's). */
  aOfYear: number[];
  bOfYear: number[];
  city: TestClient;
  countyA: TestClient;
  editorA: TestClient;
  editorB1: TestClient;
  editorB2: TestClient;
  editorC: TestClient;
  supervisorD: TestClient;
}
let ctx: Ctx;

/** Noon in China on a day of the test's year. */
const at = (day: string) => new Date(`${day}T04:00:00Z`);

async function ofYear(t: TestApp, f: ImportedFixture): Promise<number[]> {
  const rows = await t.db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .select(['project.id', 'project.year', 'document.year as documentYear'])
    .where('project.documentId', '=', f.documentId)
    .execute();
  return rows.filter((r) => (r.year ?? r.documentYear) === f.year).map((r) => r.id);
}

beforeAll(async () => {
  const clock = testClock(at('2025-03-01'));
  const t = await startTestApp({ clock });
  const a = await importFixture(t.db, 'f000');
  const b = await importFixture(t.db, 'f003');
  // one year for both (f003 is of another year): B's document and projects moved to A's
  await t.db.updateTable('document').set({ year: a.year }).where('id', '=', b.documentId).execute();
  await t.db.updateTable('project').set({ year: a.year }).where('documentId', '=', b.documentId).execute();
  b.year = a.year;
  clock.set(at(`${a.year}-03-01`));
  const admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  const c = await createDepartment(t.db, { name: '路南区某局' });
  const d = await createDepartment(t.db, { name: '丰南区主管局' });
  await t.db.updateTable('department').set({ regionCode: '130202' }).where('id', '=', c).execute();
  await t.db.updateTable('department').set({ regionCode: '130213' }).where('id', '=', d).execute();
  await t.db.updateTable('department').set({ parentDepartmentId: d }).where('id', '=', b.departmentId).execute();
  const aOfYear = await ofYear(t, a);
  const bOfYear = await ofYear(t, b);
  expect(aOfYear.length).toBeGreaterThan(1);
  // B has more than one, so that one submitted leaves it in progress
  expect(bOfYear.length).toBeGreaterThan(1);
  // A has filed everything, B nothing yet
  await t.db.updateTable('project').set({ status: 'submitted' }).where('documentId', '=', a.documentId).execute();
  await t.db.updateTable('project').set({ status: 'draft' }).where('documentId', '=', b.documentId).execute();
  ctx = {
    t,
    a,
    b,
    c,
    d,
    year: a.year,
    aOfYear,
    bOfYear,
    city: await t.client('reviewer', { regionCode: '130200', username: 'city' }),
    countyA: await t.client('reviewer', { regionCode: '130202', username: 'county-a' }),
    editorA: await t.client('editor', { departmentId: a.departmentId, username: 'editor-a' }),
    editorB1: await t.client('editor', { departmentId: b.departmentId, username: 'editor-b1' }),
    editorB2: await t.client('editor', { departmentId: b.departmentId, username: 'editor-b2' }),
    editorC: await t.client('editor', { departmentId: c, username: 'editor-c' }),
    supervisorD: await t.client('supervisor', { departmentId: d, username: 'supervisor-d' }),
  };
}, 120_000);
afterAll(() => ctx.t.close());

/** Signs everyone in again (after the clock moved past the sessions' lifetime). */
async function relogin(): Promise<void> {
  for (const key of ['city', 'countyA', 'editorA', 'editorB1', 'editorB2', 'editorC', 'supervisorD'] as const) {
    const username = { city: 'city', countyA: 'county-a', editorA: 'editor-a', editorB1: 'editor-b1', editorB2: 'editor-b2', editorC: 'editor-c', supervisorD: 'supervisor-d' }[key];
    ctx[key] = await ctx.t.loginAs(username);
  }
}

let declaration: number;

describe('a stage', () => {
  it('is opened by the bureau for its region; an editor cannot (403), a county not for another county (403)', async () => {
    const body = { year: ctx.year, kind: 'declaration', opensOn: `${ctx.year}-03-01`, dueOn: `${ctx.year}-03-31` };
    expect((await ctx.editorA.post('/api/stages', body)).statusCode).toBe(403);
    expect((await ctx.supervisorD.post('/api/stages', body)).statusCode).toBe(403);
    expect((await ctx.countyA.post('/api/stages', { ...body, regionCode: '130213' })).statusCode).toBe(403);
    expect((await ctx.countyA.post('/api/stages', { ...body, regionCode: '130200' })).statusCode).toBe(403);
    expect((await ctx.city.post('/api/stages', { ...body, dueOn: `${ctx.year}-02-01` })).statusCode).toBe(400);
    expect((await ctx.city.post('/api/stages', { ...body, kind: 'monitoring' })).statusCode).toBe(400);
    const res = await ctx.city.post('/api/stages', body);
    expect(res.statusCode, res.body).toBe(200);
    declaration = res.json().stage.id;
    expect(res.json().stage).toMatchObject({ regionCode: '130200', regionName: '唐山市', title: `${ctx.year}年目标申报`, daysLeft: 30, mine: true });
    const audit = await ctx.t.db.selectFrom('auditLog').select(['action', 'entityId']).where('entity', '=', 'stage').execute();
    expect(audit).toStrictEqual([{ action: 'stage.open', entityId: declaration }]);
  });

  it("counts each department's progress from its own data", async () => {
    const detail = (await ctx.city.get(`/api/stages/${declaration}`)).json();
    const byId = new Map(detail.departments.map((d: { departmentId: number }) => [d.departmentId, d]));
    expect(byId.get(ctx.a.departmentId)).toMatchObject({ state: 'done', total: ctx.aOfYear.length, done: ctx.aOfYear.length, deadlineText: null });
    expect(byId.get(ctx.b.departmentId)).toMatchObject({ state: 'in-progress', total: ctx.bOfYear.length, done: 0, deadlineText: '剩余 30 天', recipients: 3 });
    expect(byId.get(ctx.c)).toMatchObject({ state: 'not-started', total: 0, done: 0, recipients: 1 });
    expect(byId.get(ctx.d)).toMatchObject({ state: 'not-started', recipients: 0 });
    expect(detail.stage.counts).toStrictEqual({ done: 1, 'in-progress': 1, 'not-started': 2, overdue: 0 });
    // one of B's projects submitted: still in progress, one done
    await ctx.t.db.updateTable('project').set({ status: 'submitted' }).where('id', '=', ctx.bOfYear[0]!).execute();
    const after = (await ctx.city.get(`/api/stages/${declaration}`)).json();
    expect(after.departments.find((d: { departmentId: number }) => d.departmentId === ctx.b.departmentId)).toMatchObject({ state: 'in-progress', done: 1 });
    // one issued with the budget (已批复) is declared too
    await ctx.t.db.updateTable('project').set({ status: 'issued' }).where('id', '=', ctx.bOfYear[1]!).execute();
    const issued = (await ctx.city.get(`/api/stages/${declaration}`)).json();
    expect(issued.departments.find((d: { departmentId: number }) => d.departmentId === ctx.b.departmentId)).toMatchObject({ done: 2 });
  });

  it('is seen by a county of its subtree with only that county\'s departments, and not changed by it', async () => {
    const list = (await ctx.countyA.get(`/api/stages?year=${ctx.year}`)).json();
    expect(list.items.map((s: { id: number; mine: boolean }) => [s.id, s.mine])).toStrictEqual([[declaration, false]]);
    const detail = (await ctx.countyA.get(`/api/stages/${declaration}`)).json();
    expect(detail.departments.map((d: { departmentId: number }) => d.departmentId).sort()).toStrictEqual([ctx.a.departmentId, ctx.c].sort());
    expect((await ctx.countyA.patch(`/api/stages/${declaration}`, { dueOn: `${ctx.year}-04-30` })).statusCode).toBe(403);
    // a county cannot remind another county's department
    expect((await ctx.countyA.post(`/api/stages/${declaration}/remind`, { departmentId: ctx.b.departmentId })).statusCode).toBe(404);
    expect(await notificationCount()).toBe(0);
  });
});

async function notificationCount(): Promise<number> {
  const row = await ctx.t.db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('催办', () => {
  it("reaches the department's editors and its 主管部门's supervisor, no one else; audited", async () => {
    const res = await ctx.city.post(`/api/stages/${declaration}/remind`, { departmentId: ctx.b.departmentId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toStrictEqual({ departments: 1, notifications: 3 });
    for (const client of [ctx.editorB1, ctx.editorB2, ctx.supervisorD]) {
      expect((await client.get('/api/notifications/unread-count')).json()).toStrictEqual({ unread: 1 });
      const list = (await client.get('/api/notifications')).json();
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ kind: 'reminder', title: `催办：${ctx.year}年目标申报`, link: '/projects', readAt: null });
      expect(list.items[0].body).toContain('唐山市财政部门');
    }
    for (const client of [ctx.editorA, ctx.editorC, ctx.countyA, ctx.city]) {
      expect((await client.get('/api/notifications/unread-count')).json()).toStrictEqual({ unread: 0 });
      expect((await client.get('/api/notifications')).json().items).toStrictEqual([]);
    }
    const audit = await ctx.t.db.selectFrom('auditLog').select(['action', 'detail']).where('action', '=', 'stage.remind').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ departments: [{ id: ctx.b.departmentId, accounts: 3 }], notifications: 3 });
    // a department that is done needs none
    expect((await ctx.city.post(`/api/stages/${declaration}/remind`, { departmentId: ctx.a.departmentId })).statusCode).toBe(409);
    // nobody is late yet
    expect((await ctx.city.post(`/api/stages/${declaration}/remind`, { allOverdue: true })).statusCode).toBe(409);
  });

  it("is read by its own account only: another's notification is not found", async () => {
    const mine = (await ctx.editorB1.get('/api/notifications')).json().items[0].id;
    expect((await ctx.editorA.post(`/api/notifications/${mine}/read`)).statusCode).toBe(404);
    expect((await ctx.editorB2.post(`/api/notifications/${mine}/read`)).statusCode).toBe(404);
    expect((await ctx.editorB1.get('/api/notifications/unread-count')).json().unread).toBe(1);
    expect((await ctx.editorB1.post(`/api/notifications/${mine}/read`)).json()).toStrictEqual({ unread: 0 });
    expect((await ctx.editorB2.get('/api/notifications/unread-count')).json().unread).toBe(1);
    expect((await ctx.supervisorD.post('/api/notifications/read-all')).json()).toStrictEqual({ unread: 0 });
    expect((await ctx.editorB2.get('/api/notifications/unread-count')).json().unread).toBe(1);
  });
});

describe('the deadline', () => {
  it("gives each late department's accounts one 已逾期 notification, once, and shows on their tasks", async () => {
    const tasks = (await ctx.editorC.get('/api/tasks')).json();
    expect(tasks.items).toStrictEqual([expect.objectContaining({ stageId: declaration, state: 'not-started', daysLeft: 30, deadlineText: '剩余 30 天', link: '/projects' })]);
    // before the deadline the sweep makes nothing
    expect(await sweepOverdue(ctx.t.db, `${ctx.year}-03-31`, { now: ctx.t.clock.now() })).toBe(0);
    ctx.t.clock.set(at(`${ctx.year}-04-02`));
    await relogin();
    const late = (await ctx.editorC.get('/api/tasks')).json();
    expect(late.items).toStrictEqual([expect.objectContaining({ stageId: declaration, state: 'overdue', daysLeft: -2, deadlineText: '已逾期 2 天' })]);
    // reading its tasks swept C's own: its editor has the notice
    const c = (await ctx.editorC.get('/api/notifications')).json();
    expect(c.items.map((n: { kind: string; title: string }) => [n.kind, n.title])).toStrictEqual([['overdue', `已逾期：${ctx.year}年目标申报`]]);
    // the timer's sweep does the rest (B late: its two editors and D's supervisor; D without projects late but without accounts), and only once
    const made = await sweepOverdue(ctx.t.db, `${ctx.year}-04-02`, { now: ctx.t.clock.now() });
    expect(made).toBe(3);
    expect(await sweepOverdue(ctx.t.db, `${ctx.year}-04-02`, { now: ctx.t.clock.now() })).toBe(0);
    expect((await ctx.editorC.get('/api/notifications')).json().items).toHaveLength(1);
    expect((await ctx.editorA.get('/api/notifications')).json().items).toStrictEqual([]);
    const list = (await ctx.city.get(`/api/stages?year=${ctx.year}`)).json();
    expect(list.items[0].counts).toStrictEqual({ done: 1, 'in-progress': 0, 'not-started': 0, overdue: 3 });
  });

  it('lets the bureau remind every late department at once', async () => {
    const res = await ctx.city.post(`/api/stages/${declaration}/remind`, { allOverdue: true });
    expect(res.statusCode, res.body).toBe(200);
    // C (1 editor), D (none), and B (2 editors + D's supervisor)
    expect(res.json()).toStrictEqual({ departments: 3, notifications: 4 });
    // the county reminds only its own late departments
    const county = await ctx.countyA.post(`/api/stages/${declaration}/remind`, { allOverdue: true });
    expect(county.json()).toStrictEqual({ departments: 1, notifications: 1 });
  });

  it('a closed stage leaves the tasks and is not reminded or swept', async () => {
    expect((await ctx.city.patch(`/api/stages/${declaration}`, { closed: true })).json().stage.closedAt).not.toBeNull();
    expect((await ctx.editorC.get('/api/tasks')).json().items).toStrictEqual([]);
    expect((await ctx.city.post(`/api/stages/${declaration}/remind`, { allOverdue: true })).statusCode).toBe(409);
    const actions = (await ctx.t.db.selectFrom('auditLog').select('action').where('entity', '=', 'stage').orderBy('id').execute()).map((r) => r.action);
    expect(actions.at(-1)).toBe('stage.close');
  });
});

describe('a monitoring stage', () => {
  it("counts each department's monitored projects with a record of its round", async () => {
    const round = `${ctx.year}-06-30`;
    const [first, second] = ctx.aOfYear as [number, number];
    // one approved, one issued with the budget (已批复): both are monitored
    await ctx.t.db.updateTable('project').set({ status: 'approved' }).where('id', '=', first).execute();
    await ctx.t.db.updateTable('project').set({ status: 'issued' }).where('id', '=', second).execute();
    const res = await ctx.city.post('/api/stages', { year: ctx.year, kind: 'monitoring', roundAsOf: round, label: '6月底', opensOn: `${ctx.year}-06-01`, dueOn: `${ctx.year}-07-15` });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().stage.id;
    const a = () => ctx.city.get(`/api/stages/${id}`).then((r) => r.json().departments.find((d: { departmentId: number }) => d.departmentId === ctx.a.departmentId));
    expect(await a()).toMatchObject({ state: 'not-started', total: 2, done: 0 });
    const put = await ctx.city.put(`/api/projects/${first}/execution-records/${round}`, { spentFen: 100_000, indicators: [] });
    expect(put.statusCode, put.body).toBe(200);
    expect(await a()).toMatchObject({ state: 'in-progress', total: 2, done: 1 });
    // another round's record does not count
    expect((await ctx.city.put(`/api/projects/${second}/execution-records/${ctx.year}-05-31`, { spentFen: 1, indicators: [] })).statusCode).toBe(200);
    expect(await a()).toMatchObject({ done: 1 });
    expect((await ctx.city.put(`/api/projects/${second}/execution-records/${round}`, { spentFen: 1, indicators: [] })).statusCode).toBe(200);
    expect(await a()).toMatchObject({ state: 'done', done: 2 });
  });
});
