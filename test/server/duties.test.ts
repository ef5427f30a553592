/**
 * Separated duties (三员分立, issues 32 and 57), route by route. Every route of the OpenAPI document
 * (and so every route a module adds, without a list to keep here) is called by the three
 * administrators, an account without a role and the business roles, and:
 *
 * - the system administrator gets 403 on every business route (read or write), on the security
 *   administrator's routes (roles, policies) and on the audit routes;
 * - the security administrator gets 403 on every business route, on the system administrator's
 *   routes (creating accounts, the settings) and on the audit routes;
 * - the auditor gets 403 on every write (every non-GET route but sign-in, sign-out and its own
 *   password) and on every business, account and settings read; it reads the audit log and the sign-ins;
 * - an account without a role gets 403 on everything but signing in and out and its own password;
 * - the business roles (reviewer, supervisor, section, editor) get 403 on the accounts, the settings,
 *   the policies and the audit routes;
 * - the two level roles (主管部门审核, 财政业务科室审核) get 403 on every business write but the workflow
 *   action and marking their own notifications read;
 *
 * each refusal with a Chinese message naming 三员分立, and nothing written. Then every pair of
 * administrators, each refused the other's changes of accounts; nobody raises their own or another
 * administrator's role; the auditor sees both administrators' actions and sign-ins, and the changes
 * to its own account at its next sign-in; an account used right after a one-time code is marked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { snapshotDatabase } from '../db/helpers';
import { importFixture, type ImportedFixture } from './domain-support';
import { insertAuditEntries, listAuditEntries } from '../../src/server/db/document.repository';
import { createUser, startTestApp, TEST_PASSWORD, type TestApp, type TestClient } from './support';
import { AUDITOR_DISABLE_NEEDS_TWO } from '../../src/shared/domain/duties';
import { groupOf, type Group } from '../../scripts/route-groups';

interface Ctx {
  t: TestApp;
  a: ImportedFixture;
  admin: TestClient;
  security: TestClient;
  auditor: TestClient;
  unassigned: TestClient;
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
    security: await t.client('security'),
    auditor: await t.client('auditor'),
    unassigned: await t.client('unassigned'),
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

/** A concrete URL for an OpenAPI path: every {param} an existing id of department A's where one fits. */
function urlOf(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'asOf') return `${ctx.a.year}-07-31`;
    if (name === 'code') return '130202';
    if (name === 'id' && path.startsWith('/api/departments/')) return String(ctx.a.departmentId);
    if (name === 'id' && path.startsWith('/api/users/')) return String(ctx.editor.user!.id);
    return String(ctx.a.projectIds[0]);
  });
}

/** Every table but the sessions (a request may extend one) and the sign-ins (a login writes one). */
async function dataSnapshot(t = ctx.t) {
  const { session: _s, signIn: _i, ...rest } = await snapshotDatabase(t.db);
  return rest;
}

async function expectDutyRefusal(client: TestClient, method: string, path: string, message: RegExp = /三员分立/) {
  const before = await dataSnapshot();
  const res = await client.request(method, urlOf(path), method === 'GET' || method === 'DELETE' ? undefined : {});
  expect(res.statusCode, `${method} ${path}: ${res.body.slice(0, 200)}`).toBe(403);
  expect(res.json().message, `${method} ${path}`).toMatch(message);
  expect(await dataSnapshot(), `${method} ${path} wrote`).toStrictEqual(before);
}

/** Every route of these groups refused to `client`. */
async function refusesGroups(client: TestClient, groups: readonly Group[], message?: RegExp) {
  for (const { method, path } of ctx.routes) if (groups.includes(groupOf(method, path))) await expectDutyRefusal(client, method, path, message);
}

describe('separated duties over every route of the OpenAPI document', () => {
  it('finds the routes of every group (the document is what the test walks)', () => {
    const groups = new Set(ctx.routes.map((r) => groupOf(r.method, r.path)));
    expect([...groups].sort()).toEqual(['accounts', 'audit', 'business', 'open', 'security', 'self', 'system']);
    expect(ctx.routes.filter((r) => groupOf(r.method, r.path) === 'business').length).toBeGreaterThan(50);
  });

  it("the system administrator: 403 on every business route, on the security administrator's and on the audit log; its accounts answer", async () => {
    await refusesGroups(ctx.admin, ['business', 'security', 'audit']);
    expect((await ctx.admin.get('/api/users')).statusCode).toBe(200);
    expect((await ctx.admin.get('/api/sections')).statusCode).toBe(200);
  });

  it("the security administrator: 403 on every business route, on the system administrator's and on the audit log; the departments by name only", async () => {
    await refusesGroups(ctx.security, ['business', 'system', 'audit']);
    expect((await ctx.security.get('/api/users')).statusCode).toBe(200);
    expect((await ctx.security.get('/api/security/policy')).statusCode).toBe(200);
    const departments = await ctx.security.get('/api/users/departments');
    expect(departments.statusCode).toBe(200);
    expect(departments.json().items).toEqual([expect.objectContaining({ id: ctx.a.departmentId })]);
    // only names: no budgets, counts or statuses of the business
    expect(Object.keys(departments.json().items[0]).sort()).toEqual(['code', 'id', 'name']);
  });

  it('the security auditor: 403 on every write and every business, account and settings read; it reads the audit log and the sign-ins', async () => {
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

  it('an account without a role: 403 on everything but its own password, telling it to ask the security administrator', async () => {
    await refusesGroups(ctx.unassigned, ['business', 'system', 'security', 'accounts', 'audit'], /尚未分配角色，请联系安全管理员/);
  });

  it('the business roles: 403 on the accounts, the settings, the policies and the audit log', async () => {
    for (const client of [ctx.reviewer, ctx.supervisor, ctx.section, ctx.editor]) await refusesGroups(client, ['system', 'security', 'accounts', 'audit']);
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
    for (const role of ['admin', 'security', 'auditor', 'unassigned'] as const) {
      const c = await ctx.t.client(role);
      const res = await c.post('/api/auth/password', { currentPassword: 'test-password', newPassword: 'another-long-password-1' });
      expect(res.statusCode, res.body).toBe(200);
      expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    }
  });

  it('the anonymous still get 401, not 403, on the routes of a duty', async () => {
    const anon = ctx.t.client();
    for (const url of ['/api/users', '/api/audit/log', '/api/projects', '/api/security/policy']) expect((await anon.get(url)).statusCode, url).toBe(401);
  });
});

/** The accounts of one pair test: each administrator and the accounts they act on, on a database of their own. */
async function administrators(opts: Parameters<typeof startTestApp>[0] = {}) {
  const t = await startTestApp(opts);
  const admin = await t.client('admin', { username: 'admin', displayName: '系统管理员' });
  const security = await t.client('security', { username: 'secadmin', displayName: '安全管理员' });
  const auditor = await t.client('auditor', { username: 'auditor', displayName: '安全审计员' });
  const reviewer = await createUser(t.db, { username: 'zhang', role: 'reviewer', displayName: '张三' });
  return { t, admin, security, auditor, reviewer };
}

/** 403 with `message`, and nothing written. */
async function refused(t: TestApp, send: () => Promise<{ statusCode: number; json(): { message: string } }>, message: string | RegExp) {
  const before = await dataSnapshot(t);
  const res = await send();
  expect(res.statusCode).toBe(403);
  expect(res.json().message).toMatch(message);
  expect(await dataSnapshot(t)).toStrictEqual(before);
}

describe('every pair of administrators: each refused the other’s actions', () => {
  it('the system and the security administrator', async () => {
    const { t, admin, security, reviewer } = await administrators();
    // the security administrator's: roles and policies
    await refused(t, () => admin.put(`/api/users/${reviewer.id}/role`, { role: 'editor', departmentId: 1 }), '角色授权和密码、会话策略由安全管理员办理（三员分立）');
    await refused(t, () => admin.put('/api/security/policy', { passwordMinLength: 20 }), /安全管理员/);
    // the system administrator's: accounts' existence, names, codes, locks
    await refused(t, () => security.post('/api/users', { username: 'li', displayName: '李四' }), '账号的建立、停用和系统设置由系统管理员办理（三员分立）');
    for (const send of [
      () => security.patch(`/api/users/${reviewer.id}`, { displayName: '改名' }),
      () => security.patch(`/api/users/${reviewer.id}`, { disabled: true }),
      () => security.post(`/api/users/${reviewer.id}/unlock`),
      () => security.patch(`/api/users/${admin.user!.id}`, { disabled: true }),
    ]) {
      await refused(t, send, '账号的姓名、停用和解锁由系统管理员办理（三员分立）');
    }
    await refused(t, () => security.post(`/api/users/${reviewer.id}/one-time-code`), '一次性密码由系统管理员发放（三员分立）');
    await refused(t, () => security.post('/api/regions/import', { text: '130000,河北省' }), /系统管理员/);
    // the one's account is not the other's to give a code to
    await refused(t, () => admin.post(`/api/users/${security.user!.id}/one-time-code`), /运维人员/);
  });

  it('the system administrator and the auditor', async () => {
    const { t, admin, auditor, reviewer } = await administrators();
    for (const send of [
      () => admin.patch(`/api/users/${auditor.user!.id}`, { displayName: '改名' }),
      () => admin.post(`/api/users/${auditor.user!.id}/unlock`),
    ]) {
      await refused(t, send, '安全审计员的账号只能由安全管理员停用或修改（三员分立）');
    }
    // disabling it is two administrators' (issue 72, item 8): alone, the system administrator may not
    await refused(t, () => admin.patch(`/api/users/${auditor.user!.id}`, { disabled: true }), AUDITOR_DISABLE_NEEDS_TWO);
    await refused(t, () => admin.post(`/api/users/${auditor.user!.id}/one-time-code`), /运维人员/);
    await refused(t, () => admin.get('/api/audit/log'), '审计日志和登录记录只有安全审计员可以查看（三员分立）');
    await refused(t, () => auditor.post('/api/users', { username: 'li', displayName: '李四' }), /系统管理员/);
    await refused(t, () => auditor.patch(`/api/users/${reviewer.id}`, { disabled: true }), /系统管理员和安全管理员/);
    await refused(t, () => auditor.get('/api/users'), /系统管理员和安全管理员/);
  });

  it('the security administrator and the auditor: it renames the auditor, asks to disable it and enables it, never more', async () => {
    const { t, security, auditor, reviewer } = await administrators();
    await refused(t, () => security.post(`/api/users/${auditor.user!.id}/one-time-code`), /运维人员/);
    await refused(t, () => security.put(`/api/users/${auditor.user!.id}/role`, { role: 'reviewer' }), '管理员账号的角色不能更改（三员分立）');
    await refused(t, () => auditor.put(`/api/users/${reviewer.id}/role`, { role: 'editor', departmentId: 1 }), /安全管理员/);
    await refused(t, () => auditor.put('/api/security/policy', { passwordMinLength: 20 }), /安全管理员/);
    expect((await security.patch(`/api/users/${auditor.user!.id}`, { displayName: '审计员甲' })).json()).toMatchObject({ displayName: '审计员甲' });
    // alone, it only asks: the auditor stays enabled and reads on
    expect((await security.patch(`/api/users/${auditor.user!.id}`, { disabled: true })).json()).toMatchObject({ disabled: false, disableRequestedBy: 'secadmin' });
    expect((await auditor.get('/api/audit/log')).statusCode).toBe(200);
    expect((await security.patch(`/api/users/${auditor.user!.id}`, { disabled: false })).json()).toMatchObject({ disabled: false, disableRequestedBy: null });
  });

  it('each takes no business action', async () => {
    const { t, admin, security, auditor } = await administrators();
    const a = await importFixture(t.db, 'f000');
    for (const client of [admin, security, auditor]) {
      await refused(t, () => client.post(`/api/projects/${a.projectIds[0]}/actions`, { action: 'submit', version: 1 }), /三员分立/);
      await refused(t, () => client.get(`/api/projects/${a.projectIds[0]}`), /三员分立/);
      await refused(t, () => client.get('/api/projects'), /三员分立/);
    }
  });
});

describe('disabling the auditor takes two of the three (issue 72, item 8)', () => {
  /** A log that keeps its lines. */
  function logLines() {
    const chunks: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (chunks.push(String(chunk)), done()) });
    return { stream, warnings: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40).map((l) => l.msg) };
  }

  it('the security administrator asks, the system administrator consents or refuses; each step audited and told to the operator', async () => {
    const log = logLines();
    const { t, admin, security, auditor } = await administrators({ logger: 'warn', logStream: log.stream });
    const id = auditor.user!.id;
    const account = async () => (await admin.get('/api/users')).json().find((u: { id: number }) => u.id === id);
    // alone, neither disables it
    await refused(t, () => admin.patch(`/api/users/${id}`, { disabled: true }), AUDITOR_DISABLE_NEEDS_TWO);
    expect((await security.patch(`/api/users/${id}`, { disabled: true })).json()).toMatchObject({ disabled: false, disableRequestedBy: 'secadmin', disableRequestedAt: expect.any(String) });
    expect((await auditor.get('/api/audit/log')).statusCode).toBe(200);
    // asked once: asking again (a rename with the request's switch on) writes nothing of it
    const before = await dataSnapshot(t);
    expect((await security.patch(`/api/users/${id}`, { disabled: true })).json()).toMatchObject({ disabled: false, disableRequestedBy: 'secadmin' });
    expect(await dataSnapshot(t)).toStrictEqual(before);
    // the system administrator refuses: the asking ends, the auditor reads on
    expect((await admin.patch(`/api/users/${id}`, { disabled: false })).json()).toMatchObject({ disabled: false, disableRequestedBy: null });
    await refused(t, () => admin.patch(`/api/users/${id}`, { disabled: true }), AUDITOR_DISABLE_NEEDS_TWO);
    // asked, withdrawn by the security administrator
    await security.patch(`/api/users/${id}`, { disabled: true });
    expect((await security.patch(`/api/users/${id}`, { disabled: false })).json()).toMatchObject({ disabled: false, disableRequestedBy: null });
    // asked and consented: disabled, signed out; the asking is spent
    await security.patch(`/api/users/${id}`, { disabled: true });
    expect((await admin.patch(`/api/users/${id}`, { disabled: true })).json()).toMatchObject({ disabled: true, disableRequestedBy: null });
    expect((await auditor.get('/api/audit/log')).statusCode).toBe(401);
    expect((await t.client().login('auditor', TEST_PASSWORD)).statusCode).toBe(401);
    // enabling it again is the security administrator's alone
    await refused(t, () => admin.patch(`/api/users/${id}`, { disabled: false }), AUDITOR_DISABLE_NEEDS_TWO);
    expect((await security.patch(`/api/users/${id}`, { disabled: false })).json()).toMatchObject({ disabled: false });
    expect(await account()).toMatchObject({ disabled: false, disableRequestedBy: null, disableRequestedAt: null });
    expect((await t.loginAs('auditor')).user!.id).toBe(id);
    const entries = (await listAuditEntries(t.db, { entity: 'user', entityId: id })).filter((e) => e.actorUsername !== 'system');
    expect(entries.map((e) => [e.actorUsername, e.action])).toEqual([
      ['secadmin', 'user.disableRequest'],
      ['admin', 'user.disableDecline'],
      ['secadmin', 'user.disableRequest'],
      ['secadmin', 'user.disableWithdraw'],
      ['secadmin', 'user.disableRequest'],
      ['admin', 'user.update'],
      ['secadmin', 'user.update'],
    ]);
    expect(log.warnings()).toEqual([
      "the security administrator secadmin asks to disable the auditor's account auditor: it stays enabled until the system administrator consents",
      'the system administrator admin refused the request of secadmin to disable the auditor\'s account auditor',
      "the security administrator secadmin asks to disable the auditor's account auditor: it stays enabled until the system administrator consents",
      "the security administrator secadmin withdrew its request to disable the auditor's account auditor",
      "the security administrator secadmin asks to disable the auditor's account auditor: it stays enabled until the system administrator consents",
      "the auditor's account auditor is disabled: asked by the security administrator secadmin, consented by the system administrator admin; nobody reads the audit log until it is enabled again (by the security administrator, or jixiao accounts code)",
      "the security administrator secadmin enabled the auditor's account auditor again",
    ]);
  });

  it('the auditor is not locked by failed sign-ins, which the security administrator could otherwise make alone', async () => {
    const { t, security, reviewer } = await administrators();
    expect((await security.put('/api/security/policy', { passwordMinLength: 12, passwordMaxAgeDays: 0, sessionIdleMinutes: 720, sessionMaxHours: 24, codeValidHours: 72, lockAfterFailures: 3, lockMinutes: 1440 })).statusCode).toBe(200);
    for (const username of ['auditor', reviewer.username]) for (let i = 0; i < 4; i++) expect((await t.client().login(username, 'wrong-password')).statusCode).toBe(401);
    // the reviewer is locked as the policy says; the auditor signs in
    expect((await t.client().login(reviewer.username, TEST_PASSWORD)).json().message).toMatch(/已锁定/);
    expect((await t.client().login('auditor', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await t.db.selectFrom('appUser').select('lockedUntil').where('username', '=', 'auditor').executeTakeFirstOrThrow()).lockedUntil).toBeNull();
  });
});

describe('no one raises their own role or another administrator’s', () => {
  it('the security administrator changes no role of its own nor of an administrator, and gives no administrator role', async () => {
    const { t, admin, security, auditor, reviewer } = await administrators();
    const other = await createUser(t.db, { username: 'secadmin2', role: 'security' });
    await refused(t, () => security.put(`/api/users/${security.user!.id}/role`, { role: 'reviewer' }), '不能更改自己的角色（三员分立）');
    for (const id of [admin.user!.id, auditor.user!.id, other.id]) {
      await refused(t, () => security.put(`/api/users/${id}/role`, { role: 'reviewer' }), '管理员账号的角色不能更改（三员分立）');
    }
    for (const role of ['admin', 'security', 'auditor']) {
      const before = await dataSnapshot(t);
      const res = await security.put(`/api/users/${reviewer.id}/role`, { role });
      expect(res.statusCode, role).toBe(400);
      expect(res.json().issues[0].path).toBe('role');
      expect(await dataSnapshot(t)).toStrictEqual(before);
    }
  });

  it('the system administrator gives no role at all (nor a password), not even with a new account; nobody disables itself', async () => {
    const { t, admin, security } = await administrators();
    for (const body of [{ username: 'li', displayName: '李四', role: 'reviewer' }, { username: 'li', displayName: '李四', role: 'security' }]) {
      const before = await dataSnapshot(t);
      expect((await admin.post('/api/users', body)).statusCode).toBe(400);
      expect(await dataSnapshot(t)).toStrictEqual(before);
    }
    await refused(t, () => admin.put(`/api/users/${admin.user!.id}/role`, { role: 'security' }), /安全管理员/);
    expect((await admin.patch(`/api/users/${admin.user!.id}`, { role: 'security' })).statusCode).toBe(400);
    await refused(t, () => admin.patch(`/api/users/${admin.user!.id}`, { disabled: true }), '不能停用自己的账号');
    await refused(t, () => security.patch(`/api/users/${security.user!.id}`, { disabled: true }), '不能停用自己的账号');
    await refused(t, () => admin.post(`/api/users/${admin.user!.id}/one-time-code`), '自己的密码请在“修改密码”中修改');
    // an account the system administrator made has no role until the security administrator gives one
    const made = (await admin.post('/api/users', { username: 'li', displayName: '李四' })).json();
    expect(made.account.role).toBe('unassigned');
  });
});

describe('the auditor sees both administrators', () => {
  it("the system and the security administrators' actions and sign-ins, exported as well", async () => {
    const { t, admin, security, auditor } = await administrators();
    const made = (await admin.post('/api/users', { username: 'li', displayName: '李四' })).json();
    expect((await security.put(`/api/users/${made.account.id}/role`, { role: 'reviewer' })).statusCode).toBe(200);
    expect((await security.put('/api/security/policy', { passwordMinLength: 12, passwordMaxAgeDays: 0, sessionIdleMinutes: 720, sessionMaxHours: 24, codeValidHours: 72, lockAfterFailures: 0, lockMinutes: 30 })).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${made.account.id}`, { disabled: true })).statusCode).toBe(200);

    const byAdmin = (await auditor.get('/api/audit/log?person=admin')).json();
    expect(byAdmin.items.map((e: { action: string }) => e.action)).toEqual(['user.update', 'user.code', 'user.create']);
    const bySecurity = (await auditor.get('/api/audit/log?person=secadmin')).json();
    expect(bySecurity.items.map((e: { action: string }) => e.action)).toEqual(['security.policy', 'user.role']);
    const signIns = (await auditor.get('/api/audit/sign-ins')).json();
    expect(signIns.items.map((s: { username: string }) => s.username)).toEqual(expect.arrayContaining(['admin', 'secadmin', 'auditor']));

    const exported = await auditor.get('/api/audit/log.xlsx');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('audit-log.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    const rows = ws.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 5));
    // each entry's object by its name, as the page shows it (issue 58), not a table's name and an id
    expect(rows).toEqual([
      [expect.any(String), '系统管理员（admin）', '修改账号', '账号“李四（li）”'],
      [expect.any(String), '安全管理员（secadmin）', '修改安全策略', '安全策略'],
      [expect.any(String), '安全管理员（secadmin）', '分配角色', '账号“李四（li）”'],
      [expect.any(String), '系统管理员（admin）', '发放一次性密码', '账号“李四（li）”'],
      [expect.any(String), '系统管理员（admin）', '新建账号', '账号“李四（li）”'],
    ]);
    expect(ws.getRow(3).getCell(5).value).toBe('密码最短长度：10 个字符 → 12 个字符');
    const signInBook = await auditor.get('/api/audit/sign-ins.xlsx?person=secadmin');
    expect(signInBook.statusCode).toBe(200);
  });

  it('an export longer than one lookup of names (200 entries) names each entry by its own object', async () => {
    const { t, auditor } = await administrators();
    const accounts = await Promise.all(['甲', '乙', '丙'].map((n, i) => createUser(t.db, { username: `u${i}`, role: 'reviewer', displayName: `审核员${n}` })));
    const from = (await auditor.get('/api/audit/log')).json().total as number;
    // 450 entries, 150 about each account in turn, oldest first: each lookup of 200 has accounts of its own
    await insertAuditEntries(
      t.db,
      Array.from({ length: 450 }, (_, i) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), actor: 'system', action: 'user.update', entity: 'user', entityId: accounts[Math.floor(i / 150)]!.id, detail: { username: accounts[Math.floor(i / 150)]!.username } })),
    );
    const exported = await auditor.get('/api/audit/log.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const subjects = wb.getWorksheet('审计日志')!.getSheetValues().slice(2).map((r) => (r as unknown[])[4]);
    expect(subjects).toHaveLength(450 + from);
    // newest first: 丙's 150, then 乙's, then 甲's, each by its name (a lookup without it would give 账号“u0”)
    const expected = Array.from({ length: 450 }, (_, i) => accounts[Math.floor((449 - i) / 150)]!).map((a) => `账号“${a.displayName}（${a.username}）”`);
    expect(subjects.slice(0, 450)).toEqual(expected);
  });

  it("is shown at its next sign-in what the security administrator changed of its account", async () => {
    const { t, admin, security, auditor } = await administrators();
    expect((await auditor.get('/api/audit/my-account')).json()).toEqual({ since: null, items: [] });
    t.clock.advance(60_000);
    await security.patch(`/api/users/${auditor.user!.id}`, { displayName: '审计员甲' });
    await security.patch(`/api/users/${auditor.user!.id}`, { disabled: true });
    await admin.patch(`/api/users/${auditor.user!.id}`, { disabled: true });
    await security.patch(`/api/users/${auditor.user!.id}`, { disabled: false });
    t.clock.advance(60_000);
    const next = await t.loginAs('auditor');
    const changes = (await next.get('/api/audit/my-account')).json();
    // since the sign-in before this one
    expect(changes.since).toBe((await t.db.selectFrom('signIn').select('at').where('username', '=', 'auditor').orderBy('id').executeTakeFirstOrThrow()).at);
    expect(changes.items.map((e: { actorUsername: string; action: string; detail: unknown }) => [e.actorUsername, e.action, e.detail])).toEqual([
      ['secadmin', 'user.update', { username: 'auditor', before: { displayName: '安全审计员' }, after: { displayName: '审计员甲' } }],
      ['secadmin', 'user.disableRequest', { username: 'auditor', requestedBy: 'secadmin' }],
      ['admin', 'user.update', { username: 'auditor', before: { disabled: false }, after: { disabled: true }, requestedBy: 'secadmin', requestedAt: expect.any(String) }],
      ['secadmin', 'user.update', { username: 'auditor', before: { disabled: true }, after: { disabled: false } }],
    ]);
    // shown once: the sign-in after that one has nothing new
    t.clock.advance(60_000);
    expect((await (await t.loginAs('auditor')).get('/api/audit/my-account')).json().items).toEqual([]);
  });
});

describe('an account used right after a one-time code is marked', () => {
  it("what the reviewer's account does in the day after the system administrator's code is marked with who gave it and when", async () => {
    const { t, admin, auditor } = await administrators();
    const a = await importFixture(t.db, 'f000');
    const editor = await t.client('editor', { departmentId: a.departmentId, username: 'dept' });
    const id = a.projectIds[0]!;
    const version = async (c = editor) => (await c.get(`/api/projects/${id}`)).json().version as number;
    expect((await editor.post(`/api/projects/${id}/actions`, { action: 'submit', version: await version() })).statusCode).toBe(200);
    // the reviewer's own work before: not marked
    const own = await t.loginAs('zhang');
    expect((await own.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'his-own-secret-1' })).statusCode).toBe(200);

    t.clock.advance(60 * 60_000);
    const code = (await admin.post(`/api/users/${own.user!.id}/one-time-code`)).json().oneTimeCode as string;
    t.clock.advance(5 * 60_000);
    // whoever holds the code — here, perhaps, the administrator who gave it
    const used = await t.loginAs('zhang', code);
    expect((await used.post('/api/auth/password', { currentPassword: code, newPassword: 'chosen-by-whoever-1' })).statusCode).toBe(200);
    const res = await used.post(`/api/projects/${id}/actions`, { action: 'return', version: await version(used), comment: '请补充指标' });
    expect(res.statusCode, res.body).toBe(200);

    const log = (await auditor.get('/api/audit/log?person=zhang')).json();
    const marks = log.items.map((e: { action: string; afterCode: unknown }) => [e.action, e.afterCode]);
    const mark = { kind: 'reset', issuedBy: '系统管理员（admin）', issuedAt: expect.any(String), usedAt: expect.any(String) };
    expect(marks).toEqual([
      ['project.return', mark],
      ['user.passwordChange', mark],
      ['user.passwordChange', null],
    ]);
    expect(Date.parse(log.items[0].afterCode.usedAt) - Date.parse(log.items[0].afterCode.issuedAt)).toBe(5 * 60_000);
    // the marked ones alone
    expect((await auditor.get('/api/audit/log?afterCode=true')).json().items.map((e: { action: string }) => e.action)).toEqual(['project.return', 'user.passwordChange']);
    const signIns = (await auditor.get('/api/audit/sign-ins?person=zhang')).json().items;
    expect(signIns.map((s: { withCode: boolean; afterCode: unknown }) => [s.withCode, s.afterCode !== null])).toEqual([
      [true, true],
      [false, false],
    ]);

    // a day after the code's sign-in, the account's entries are its own again
    t.clock.advance(24 * 60 * 60_000);
    const later = await t.loginAs('zhang', 'chosen-by-whoever-1');
    const editorLater = await t.loginAs('dept');
    expect((await editorLater.post(`/api/projects/${id}/actions`, { action: 'submit', version: await version(editorLater) })).statusCode).toBe(200);
    expect((await later.post(`/api/projects/${id}/actions`, { action: 'return', version: await version(later), comment: '再补充' })).statusCode).toBe(200);
    const auditorNow = await t.loginAs('auditor');
    const newest = (await auditorNow.get('/api/audit/log?person=zhang')).json().items[0];
    expect(newest).toMatchObject({ action: 'project.return', afterCode: null });
  });

  it("a new account's first day is marked with the code the system administrator gave it", async () => {
    const { t, admin, security, auditor } = await administrators();
    const made = (await admin.post('/api/users', { username: 'li', displayName: '李四' })).json();
    await security.put(`/api/users/${made.account.id}/role`, { role: 'reviewer' });
    const li = await t.loginAs('li', made.oneTimeCode);
    expect((await li.post('/api/auth/password', { currentPassword: made.oneTimeCode, newPassword: 'his-own-secret-1' })).statusCode).toBe(200);
    const entry = (await auditor.get('/api/audit/log?person=li')).json().items[0];
    expect(entry).toMatchObject({ action: 'user.passwordChange', afterCode: { kind: 'create', issuedBy: '系统管理员（admin）' } });
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
