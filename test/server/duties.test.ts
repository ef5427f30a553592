/**
 * Separated duties (三员分立, issue 32), route by route. Every route of the OpenAPI document (and
 * so every route a module adds, without a list to keep here) is called by the system
 * administrator, the security auditor and both business roles, and:
 *
 * - the administrator gets 403 on every business route (read or write) and on the audit routes;
 * - the auditor gets 403 on every write (every non-GET route but sign-in, sign-out and its own
 *   password) and on every business read; it reads the audit log and the sign-ins;
 * - the business roles (reviewer, supervisor, section, editor) get 403 on account management and on
 *   the audit routes;
 * - the two level roles (主管部门审核, 财政业务科室审核) get 403 on every business write but the workflow
 *   action and marking their own notifications read;
 *
 * each refusal with a Chinese message naming 三员分立, and nothing written. Then: sign-ins are
 * recorded (success and failure, user, time, address) and the auditor's filters work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotDatabase } from '../db/helpers';
import { importFixture, type ImportedFixture } from './domain-support';
import { startTestApp, type TestApp, type TestClient } from './support';

interface Ctx {
  t: TestApp;
  a: ImportedFixture;
  admin: TestClient;
  auditor: TestClient;
  reviewer: TestClient;
  editor: TestClient;
  supervisor: TestClient;
  section: TestClient;
  routes: { method: string; path: string }[];
}
let ctx: Ctx;

beforeAll(async () => {
  const t = await startTestApp();
  const a = await importFixture(t.db, 'f000');
  const spec = (await t.client().get('/api/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path })),
  );
  ctx = {
    t,
    a,
    admin: await t.client('admin'),
    auditor: await t.client('auditor'),
    reviewer: await t.client('reviewer'),
    editor: await t.client('editor', { departmentId: a.departmentId }),
    supervisor: await t.client('supervisor', { departmentId: a.departmentId }),
    section: await t.client('section', { sectionId: await sectionOf(t, a.departmentId), regionCode: '130202' }),
    routes,
  };
}, 60_000);
afterAll(() => ctx.t.close());

/** A business section (财政业务科室) of 130202 with the department assigned to it: its id. */
async function sectionOf(t: TestApp, departmentId: number): Promise<number> {
  const { id } = await t.db.insertInto('businessSection').values({ regionCode: '130202', name: '行政政法科' }).returning('id').executeTakeFirstOrThrow();
  await t.db.updateTable('department').set({ sectionId: id }).where('id', '=', departmentId).execute();
  return id;
}

type Group = 'open' | 'self' | 'accounts' | 'audit' | 'business';

/** The rule, by path: what the route is for. */
function groupOf(method: string, path: string): Group {
  if (path.startsWith('/api/public/') || path === '/api/auth/session' || path === '/api/auth/login' || path === '/api/auth/logout') return 'open';
  // its own password; the region tree's names every account's pages show
  if ((method === 'POST' && path === '/api/auth/password') || (method === 'GET' && path === '/api/regions')) return 'self';
  // accounts, and the installation's settings: the region tree, a department's region
  if (path === '/api/users' || path.startsWith('/api/users/')) return 'accounts';
  if ((method === 'POST' && path === '/api/regions/import') || (method === 'PUT' && path === '/api/departments/{id}/region')) return 'accounts';
  // the levels of review's settings: a department's 主管部门, the levels a region uses
  if (method === 'PUT' && (path === '/api/departments/{id}/parent' || path === '/api/regions/{code}/review-levels')) return 'accounts';
  if (method === 'GET' && path === '/api/regions/review-levels') return 'accounts';
  // a region's business sections (财政业务科室) and a department's section
  if (path === '/api/sections' || path.startsWith('/api/sections/') || (method === 'PUT' && path === '/api/departments/{id}/section')) return 'accounts';
  // 审批与公开 per region and year (issue 33)
  if (path === '/api/regions/{code}/approval-settings') return 'accounts';
  if (path.startsWith('/api/audit/')) return 'audit';
  return 'business';
}

/** A concrete URL for an OpenAPI path: every {param} an existing id of department A's where one fits. */
function urlOf(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'asOf') return `${ctx.a.year}-07-31`;
    if (name === 'code') return '130202';
    if (name === 'id' && path.startsWith('/api/departments/')) return String(ctx.a.departmentId);
    return String(ctx.a.projectIds[0]);
  });
}

/** Every table but the sessions (a request may extend one) and the sign-ins (a login writes one). */
async function dataSnapshot() {
  const { session: _s, signIn: _i, ...rest } = await snapshotDatabase(ctx.t.db);
  return rest;
}

async function expectDutyRefusal(client: TestClient, method: string, path: string) {
  const before = await dataSnapshot();
  const res = await client.request(method, urlOf(path), method === 'GET' || method === 'DELETE' ? undefined : {});
  expect(res.statusCode, `${method} ${path}: ${res.body.slice(0, 200)}`).toBe(403);
  expect(res.json().message, `${method} ${path}`).toMatch(/三员分立/);
  expect(await dataSnapshot(), `${method} ${path} wrote`).toStrictEqual(before);
}

describe('separated duties over every route of the OpenAPI document', () => {
  it('finds the routes of every group (the document is what the test walks)', () => {
    const groups = new Set(ctx.routes.map((r) => groupOf(r.method, r.path)));
    expect([...groups].sort()).toEqual(['accounts', 'audit', 'business', 'open', 'self']);
    expect(ctx.routes.filter((r) => groupOf(r.method, r.path) === 'business').length).toBeGreaterThan(50);
  });

  it('the system administrator: 403 on every business route and on the audit log; its accounts answer', async () => {
    for (const { method, path } of ctx.routes) {
      const group = groupOf(method, path);
      if (group === 'business' || group === 'audit') await expectDutyRefusal(ctx.admin, method, path);
    }
    expect((await ctx.admin.get('/api/users')).statusCode).toBe(200);
    const departments = await ctx.admin.get('/api/users/departments');
    expect(departments.statusCode).toBe(200);
    expect(departments.json().items).toEqual([expect.objectContaining({ id: ctx.a.departmentId })]);
    // only names: no budgets, counts or statuses of the business
    expect(Object.keys(departments.json().items[0]).sort()).toEqual(['code', 'id', 'name']);
  });

  it('the security auditor: 403 on every write and every business read; it reads the audit log and the sign-ins', async () => {
    for (const { method, path } of ctx.routes) {
      const group = groupOf(method, path);
      if (group === 'open' || group === 'self') continue;
      if (method === 'GET' && group === 'audit') {
        expect((await ctx.auditor.get(urlOf(path))).statusCode, path).toBe(200);
        continue;
      }
      await expectDutyRefusal(ctx.auditor, method, path);
    }
  });

  it('the business roles: 403 on account management and on the audit log', async () => {
    for (const client of [ctx.reviewer, ctx.supervisor, ctx.section, ctx.editor]) {
      for (const { method, path } of ctx.routes) {
        const group = groupOf(method, path);
        if (group === 'accounts' || group === 'audit') await expectDutyRefusal(client, method, path);
      }
    }
  });

  it('the level roles (主管部门审核, 财政业务科室审核): 403 on every business write but a workflow action and their own notifications', async () => {
    const writes = ctx.routes.filter((r) => r.method !== 'GET' && groupOf(r.method, r.path) === 'business');
    const allowed = new Set(['POST /api/projects/{id}/actions', 'POST /api/notifications/{id}/read', 'POST /api/notifications/read-all']);
    expect(writes.length).toBeGreaterThan(25);
    for (const [client, message] of [[ctx.supervisor, /主管部门审核账号只审核所属单位的项目/], [ctx.section, /财政业务科室审核账号只审核归口单位的项目/]] as const) {
      for (const { method, path } of writes.filter((r) => !allowed.has(`${r.method} ${r.path}`))) {
        const before = await dataSnapshot();
        const res = await client.request(method, urlOf(path), method === 'DELETE' ? undefined : {});
        expect(res.statusCode, `${method} ${path}: ${res.body.slice(0, 200)}`).toBe(403);
        expect(res.json().message, `${method} ${path}`).toMatch(message);
        expect(await dataSnapshot(), `${method} ${path} wrote`).toStrictEqual(before);
      }
    }
  });

  it('every role may sign out, and change its own password', async () => {
    for (const role of ['admin', 'auditor'] as const) {
      const c = await ctx.t.client(role);
      const res = await c.post('/api/auth/password', { currentPassword: 'test-password', newPassword: 'another-long-password-1' });
      expect(res.statusCode, res.body).toBe(200);
      expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    }
  });

  it('the anonymous still get 401, not 403, on the routes of a duty', async () => {
    const anon = ctx.t.client();
    for (const url of ['/api/users', '/api/audit/log', '/api/projects']) expect((await anon.get(url)).statusCode, url).toBe(401);
  });
});

describe('sign-in records and the auditor’s filters', () => {
  it('records every sign-in, successful or not, with the user, the time and the address', async () => {
    const t = await startTestApp();
    const auditor = await t.client('auditor', { username: 'shenji', displayName: '审计员' });
    await t.client('editor', { departmentId: (await importFixture(t.db, 'f000')).departmentId, username: 'zhang', displayName: '张三' });
    t.clock.advance(60_000);
    expect((await t.client().post('/api/auth/login', { username: 'zhang', password: 'wrong-password' })).statusCode).toBe(401);
    expect((await t.client().post('/api/auth/login', { username: 'nobody', password: 'wrong-password' })).statusCode).toBe(401);

    const all = (await auditor.get('/api/audit/sign-ins')).json();
    expect(all.total).toBe(4);
    // newest first
    expect(all.items.map((r: { username: string; success: boolean }) => [r.username, r.success])).toEqual([
      ['nobody', false],
      ['zhang', false],
      ['zhang', true],
      ['shenji', true],
    ]);
    const failure = all.items[1];
    expect(failure).toMatchObject({ username: 'zhang', displayName: '张三', reason: 'credentials', ip: '127.0.0.1' });
    expect(failure.userId).toEqual(expect.any(Number));
    expect(all.items[0]).toMatchObject({ userId: null, displayName: null });
    expect(Date.parse(failure.at)).toBe(t.clock.now().getTime());
    expect(JSON.stringify(all)).not.toContain('wrong-password');

    const failed = (await auditor.get('/api/audit/sign-ins?result=failure')).json();
    expect(failed.total).toBe(2);
    const zhang = (await auditor.get('/api/audit/sign-ins?person=zhang')).json();
    expect(zhang.total).toBe(2);
    const byName = (await auditor.get(`/api/audit/sign-ins?person=${encodeURIComponent('张')}`)).json();
    expect(byName.total).toBe(2);
    const paged = (await auditor.get('/api/audit/sign-ins?pageSize=3&page=2')).json();
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(paged.items).toHaveLength(1);
    await t.close();
  });

  it('filters the audit log by person, action and day (China time)', async () => {
    const t = await startTestApp();
    const auditor = await t.client('auditor');
    const admin = await t.client('admin', { username: 'root', displayName: '管理员' });
    const a = await importFixture(t.db, 'f000');
    const editor = await t.client('editor', { departmentId: a.departmentId });
    // 2025-03-01 23:30 in China is still 2025-03-01 15:30 UTC: the day is the Chinese one.
    t.clock.set(new Date('2025-03-01T15:30:00Z'));
    expect((await admin.patch(`/api/users/${editor.user!.id}`, { displayName: '李四' })).statusCode).toBe(200);
    t.clock.set(new Date('2025-03-01T16:30:00Z'));
    expect((await admin.patch(`/api/users/${editor.user!.id}`, { displayName: '王五' })).statusCode).toBe(200);

    const log = (await auditor.get('/api/audit/log?person=root')).json();
    expect(log.total).toBe(2);
    expect(log.items[0]).toMatchObject({ action: 'user.update', entity: 'user', entityId: editor.user!.id, actorUsername: 'root' });
    expect((await auditor.get('/api/audit/log?person=%E7%AE%A1%E7%90%86')).json().total).toBe(2);
    expect((await auditor.get('/api/audit/log?action=user.update&from=2025-03-01&to=2025-03-01')).json().total).toBe(1);
    expect((await auditor.get('/api/audit/log?action=user.update&from=2025-03-02')).json().total).toBe(1);
    expect((await auditor.get('/api/audit/log?action=document.import')).json().total).toBeGreaterThan(0);
    expect((await auditor.get('/api/audit/actions')).json().actions).toEqual(['department.create', 'document.import', 'user.update']);
    expect((await auditor.get('/api/audit/log?from=2025-02-30')).statusCode).toBe(400);
    await t.close();
  });
});

describe('accounts of the new role', () => {
  it('the system administrator makes a security auditor (no department), who then signs in and reads the logs', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin');
    const res = await admin.post('/api/users', { username: 'shenji', displayName: '审计员', password: 'a-long-enough-pass', role: 'auditor' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ role: 'auditor', departmentId: null, mustChangePassword: true });
    const auditor = await t.loginAs('shenji', 'a-long-enough-pass');
    expect((await auditor.post('/api/auth/password', { currentPassword: 'a-long-enough-pass', newPassword: 'another-long-pass-2' })).statusCode).toBe(200);
    const log = (await auditor.get('/api/audit/log?action=user.create')).json();
    expect(log.items[0]).toMatchObject({ action: 'user.create', entityId: res.json().id });
    await t.close();
  });
});
