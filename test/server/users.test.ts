/**
 * Accounts (三员分立, issue 57): the system administrator creates accounts without a role and with a
 * one-time code, renames, disables and unlocks them; the security administrator assigns their roles
 * with what each needs; every change audited, never a password or a code. (Who refuses whom across
 * every route and pair of administrators: duties.test.ts; codes and policies: accounts.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { createDepartment, createUser, startTestApp } from './support';

describe('users API (the administrators only)', () => {
  it('anonymous: 401; the business roles and the auditor: 403 on every users route', async () => {
    const t = await startTestApp();
    const departmentId = await createDepartment(t.db, { code: '100001', name: '某局' });
    const anonymous = t.client();
    const reviewer = await t.client('reviewer');
    const editor = await t.client('editor', { departmentId });
    const auditor = await t.client('auditor');
    const routes = [
      (c: typeof reviewer) => c.get('/api/users'),
      (c: typeof reviewer) => c.post('/api/users', { username: 'wang', displayName: '王五' }),
      (c: typeof reviewer) => c.patch(`/api/users/${reviewer.user!.id}`, { displayName: 'x' }),
      (c: typeof reviewer) => c.put(`/api/users/${reviewer.user!.id}/role`, { role: 'reviewer' }),
      (c: typeof reviewer) => c.post(`/api/users/${reviewer.user!.id}/one-time-code`),
      (c: typeof reviewer) => c.post(`/api/users/${reviewer.user!.id}/unlock`),
    ];
    for (const route of routes) {
      const a = await route(anonymous);
      expect(a.statusCode).toBe(401);
      expect(a.json()).toEqual({ statusCode: 401, code: 'unauthenticated', message: '请先登录' });
      for (const c of [reviewer, editor, auditor]) {
        const res = await route(c);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    }
    expect((await t.db.selectFrom('appUser').select('role').where('id', '=', reviewer.user!.id).executeTakeFirst())?.role).toBe('reviewer');
    expect(await t.db.selectFrom('appUser').selectAll().execute()).toHaveLength(3);
  });

  it('lists accounts with their departments, locks and waiting codes, never a password hash', async () => {
    const t = await startTestApp();
    const departmentId = await createDepartment(t.db, { code: '100001', name: '某局' });
    const admin = await t.client('admin', { username: 'admin' });
    await createUser(t.db, { username: 'ed', role: 'editor', departmentId, disabled: true });
    const res = await admin.get('/api/users');
    expect(res.statusCode).toBe(200);
    const common = { regionCode: null, regionName: null, sectionId: null, sectionName: null, passwordChangedAt: expect.any(String), lockedUntil: null, codeExpiresAt: null, disableRequestedBy: null, disableRequestedAt: null, createdAt: expect.any(String), mustChangePassword: false };
    expect(res.json()).toEqual([
      { id: admin.user!.id, username: 'admin', displayName: 'admin', role: 'admin', departmentId: null, departmentName: null, disabled: false, ...common },
      { id: expect.any(Number), username: 'ed', displayName: 'ed', role: 'editor', departmentId, departmentName: '某局', disabled: true, ...common },
    ]);
    expect(res.body).not.toContain('argon2');
    expect(res.body).not.toContain('passwordHash');
    // the security administrator reads the same list
    expect((await (await t.client('security')).get('/api/users')).json()).toHaveLength(3);
  });

  it('the system administrator creates an account: no role, a one-time code shown once; the audit log names neither password nor code', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin', { displayName: '管理员' });
    const res = await admin.post('/api/users', { username: 'wang', displayName: '王五' });
    expect(res.statusCode, res.body).toBe(200);
    const { account, oneTimeCode, expiresAt } = res.json();
    expect(account).toMatchObject({ username: 'wang', displayName: '王五', role: 'unassigned', departmentId: null, disabled: false, mustChangePassword: true, codeExpiresAt: expiresAt });
    expect(oneTimeCode).toMatch(/^[a-zA-Z2-9]{16}$/);
    // the list never shows it again
    expect((await admin.get('/api/users')).body).not.toContain(oneTimeCode);
    const audit = await listAuditEntries(t.db, { entity: 'user' });
    expect(audit.map((e) => [e.actor, e.action, e.entityId])).toEqual([
      ['管理员', 'user.create', account.id],
      ['管理员', 'user.code', account.id],
    ]);
    expect(audit[0]!.detail).toEqual({ username: 'wang', displayName: '王五', role: 'unassigned' });
    expect(audit[1]!.detail).toEqual({ username: 'wang', codeKind: 'create', codeExpiresAt: expiresAt });
    expect(JSON.stringify(audit)).not.toContain(oneTimeCode);
    // it signs in, but does nothing until the security administrator gives it a role
    const wang = await t.loginAs('wang', oneTimeCode);
    expect((await wang.post('/api/auth/password', { currentPassword: oneTimeCode, newPassword: 'my-own-long-secret-7' })).statusCode).toBe(200);
    const refused = await wang.get('/api/projects');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('您的账号尚未分配角色，请联系安全管理员授权（三员分立）');
  });

  it('refuses a password, a role or any other field with a new account, and bad usernames', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin');
    for (const extra of [{ password: 'a-long-password-1' }, { role: 'admin' }, { departmentId: 1 }]) {
      const res = await admin.post('/api/users', { username: 'wang', displayName: '王五', ...extra });
      expect(res.statusCode).toBe(400);
      expect(res.json().issues).toEqual([{ path: '', message: '只能设置用户名、姓名和停用：密码由本人设置（忘记时发放一次性密码），角色由安全管理员分配（三员分立）' }]);
    }
    expect((await admin.post('/api/users', { username: 'Zhang San', displayName: 'x' })).json().issues[0].path).toBe('username');
    expect((await admin.post('/api/users', { username: 'wang', displayName: '王五' })).statusCode).toBe(200);
    const taken = await admin.post('/api/users', { username: 'wang', displayName: '王五' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({ statusCode: 409, code: 'conflict', message: '用户名“wang”已存在' });
    expect((await admin.patch(`/api/users/${admin.user!.id}`, { password: 'a-long-password-1' })).statusCode).toBe(400);
  });

  it('the security administrator assigns roles with what each needs; the audit log names them in words', async () => {
    const t = await startTestApp();
    const d1 = await createDepartment(t.db, { code: '100001', name: '甲局' });
    const d2 = await createDepartment(t.db, { code: '100002', name: '乙局' });
    const security = await t.client('security', { displayName: '安全管理员' });
    const ed = await createUser(t.db, { username: 'ed', role: 'unassigned' });
    const assign = (body: Record<string, unknown>) => security.put(`/api/users/${ed.id}/role`, body);

    expect((await assign({ role: 'editor' })).json().issues).toEqual([{ path: 'departmentId', message: '填报人必须属于一个单位' }]);
    expect((await assign({ role: 'editor', departmentId: 9999 })).json().issues[0]).toEqual({ path: 'departmentId', message: '单位 9999 不存在' });
    expect((await assign({ role: 'reviewer', departmentId: d1 })).json().issues[0].path).toBe('departmentId');
    expect((await assign({ role: 'section' })).json().issues[0].path).toBe('sectionId');
    // the administrator roles are not the API's to give
    for (const role of ['admin', 'security', 'auditor']) expect((await assign({ role })).statusCode, role).toBe(400);

    const made = await assign({ role: 'editor', departmentId: d1 });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ role: 'editor', departmentId: d1, departmentName: '甲局' });
    const moved = await assign({ role: 'editor', departmentId: d2 });
    expect(moved.json()).toMatchObject({ departmentId: d2, departmentName: '乙局' });
    // applies at the user's next request
    const edClient = await t.loginAs('ed');
    expect(edClient.user).toMatchObject({ role: 'editor', departmentId: d2 });
    expect((await assign({ role: 'reviewer' })).json()).toMatchObject({ role: 'reviewer', departmentId: null });
    expect((await edClient.get('/api/auth/session')).json().user).toMatchObject({ role: 'reviewer', departmentId: null });
    // the role withdrawn
    expect((await assign({ role: 'unassigned' })).json()).toMatchObject({ role: 'unassigned' });
    expect((await edClient.get('/api/projects')).statusCode).toBe(403);
    // the same again changes nothing and writes nothing
    const entries = async () => (await listAuditEntries(t.db, { entity: 'user', entityId: ed.id })).filter((e) => e.action === 'user.role');
    const before = (await entries()).length;
    expect((await assign({ role: 'unassigned' })).statusCode).toBe(200);
    expect(await entries()).toHaveLength(before);

    expect((await entries()).map((e) => [e.actor, e.detail])).toEqual([
      ['安全管理员', { username: 'ed', before: { role: 'unassigned' }, after: { role: 'editor', department: '甲局' } }],
      ['安全管理员', { username: 'ed', before: { role: 'editor', department: '甲局' }, after: { role: 'editor', department: '乙局' } }],
      ['安全管理员', { username: 'ed', before: { role: 'editor', department: '乙局' }, after: { role: 'reviewer' } }],
      ['安全管理员', { username: 'ed', before: { role: 'reviewer' }, after: { role: 'unassigned' } }],
    ]);
  });

  it('the system administrator renames and disables accounts; disabling signs the user out; every change audited', async () => {
    const t = await startTestApp();
    const d1 = await createDepartment(t.db, { code: '100001', name: '甲局' });
    const admin = await t.client('admin', { displayName: '管理员' });
    const ed = await t.client('editor', { departmentId: d1, username: 'ed' });
    const id = ed.user!.id;
    const renamed = await admin.patch(`/api/users/${id}`, { displayName: '新名字' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ displayName: '新名字', role: 'editor', departmentId: d1 });
    expect((await ed.get('/api/auth/session')).json().user).toMatchObject({ displayName: '新名字' });
    expect((await admin.patch(`/api/users/${id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await ed.get('/api/auth/session')).json().user).toBeNull();
    expect((await t.client().login('ed')).statusCode).toBe(401);
    expect((await admin.patch(`/api/users/${id}`, { disabled: false })).json().disabled).toBe(false);
    expect((await t.client().login('ed')).statusCode).toBe(200);

    const audit = (await listAuditEntries(t.db, { entity: 'user', entityId: id })).filter((e) => e.action === 'user.update');
    expect(audit.map((e) => e.detail)).toEqual([
      { username: 'ed', before: { displayName: 'ed' }, after: { displayName: '新名字' } },
      { username: 'ed', before: { disabled: false }, after: { disabled: true } },
      { username: 'ed', before: { disabled: true }, after: { disabled: false } },
    ]);
    expect(audit.every((e) => e.actor === '管理员')).toBe(true);
  });

  it('nobody disables their own account; unknown ids are 404; a non-numeric id is 400', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin');
    const self = admin.user!.id;
    const refused = await admin.patch(`/api/users/${self}`, { disabled: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('不能停用自己的账号');
    expect((await admin.patch(`/api/users/${self}`, { displayName: '我' })).json().displayName).toBe('我');
    const missing = await admin.patch('/api/users/9999', { displayName: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ statusCode: 404, code: 'not-found', message: '用户不存在' });
    const bad = await admin.patch('/api/users/abc', { displayName: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation');
  });

  it('a finance account may have a region; an administrator, an editor or an account without a role may not', async () => {
    const t = await startTestApp();
    const security = await t.client('security');
    await t.db.insertInto('region').values({ code: '130202', name: '路南区', parentCode: null, level: 'county' }).execute();
    const u = await createUser(t.db, { username: 'county', role: 'unassigned' });
    expect((await security.put(`/api/users/${u.id}/role`, { role: 'reviewer', regionCode: '130202' })).json()).toMatchObject({ role: 'reviewer', regionCode: '130202', regionName: '路南区' });
    expect((await security.put(`/api/users/${u.id}/role`, { role: 'unassigned', regionCode: '130202' })).json().issues[0]).toEqual({
      path: 'regionCode',
      message: '未分配角色账号不设区划：只有财政审核账号按区划确定查看范围',
    });
    const entry = (await listAuditEntries(t.db, { entity: 'user', entityId: u.id })).find((e) => e.action === 'user.role')!;
    expect(entry.detail).toEqual({ username: 'county', before: { role: 'unassigned' }, after: { role: 'reviewer', region: '路南区（130202）' } });
  });
});
