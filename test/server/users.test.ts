import { describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { createDepartment, createUser, startTestApp } from './support';

const newReviewer = { username: 'wang', displayName: '王五', password: 'a-long-password', role: 'reviewer' };

describe('users API (admin only)', () => {
  it('anonymous: 401; reviewer and editor: 403 on every users route', async () => {
    const t = await startTestApp();
    const departmentId = await createDepartment(t.db, { code: '100001', name: '某局' });
    const anonymous = t.client();
    const reviewer = await t.client('reviewer');
    const editor = await t.client('editor', { departmentId });
    const routes = [
      (c: typeof reviewer) => c.get('/api/users'),
      (c: typeof reviewer) => c.post('/api/users', newReviewer),
      (c: typeof reviewer) => c.patch(`/api/users/${reviewer.user!.id}`, { role: 'admin' }),
    ];
    for (const route of routes) {
      const a = await route(anonymous);
      expect(a.statusCode).toBe(401);
      expect(a.json()).toEqual({ statusCode: 401, code: 'unauthenticated', message: '请先登录' });
      for (const c of [reviewer, editor]) {
        const res = await route(c);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    }
    expect((await t.db.selectFrom('appUser').select('role').where('id', '=', reviewer.user!.id).executeTakeFirst())?.role).toBe('reviewer');
    expect(await t.db.selectFrom('appUser').selectAll().execute()).toHaveLength(2);
  });

  it('lists accounts with their departments, never a password hash', async () => {
    const t = await startTestApp();
    const departmentId = await createDepartment(t.db, { code: '100001', name: '某局' });
    const admin = await t.client('admin', { username: 'admin' });
    await createUser(t.db, { username: 'ed', role: 'editor', departmentId, disabled: true });
    const res = await admin.get('/api/users');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { id: admin.user!.id, username: 'admin', displayName: 'admin', role: 'admin', departmentId: null, departmentName: null, disabled: false, createdAt: expect.any(String), mustChangePassword: false, regionCode: null, regionName: null, sectionId: null, sectionName: null },
      { id: expect.any(Number), username: 'ed', displayName: 'ed', role: 'editor', departmentId, departmentName: '某局', disabled: true, createdAt: expect.any(String), mustChangePassword: false, regionCode: null, regionName: null, sectionId: null, sectionName: null },
    ]);
    expect(res.body).not.toContain('argon2');
    expect(res.body).not.toContain('passwordHash');
  });

  it('creates an account that can log in; the audit log records it without the password', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin', { displayName: '管理员' });
    const res = await admin.post('/api/users', newReviewer);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'wang', displayName: '王五', role: 'reviewer', departmentId: null, disabled: false });
    expect((await t.client().login('wang', 'a-long-password')).statusCode).toBe(200);
    const audit = await listAuditEntries(t.db, { entity: 'user' });
    expect(audit).toEqual([
      expect.objectContaining({ actor: '管理员', action: 'user.create', entityId: res.json().id, detail: { username: 'wang', displayName: '王五', role: 'reviewer', departmentId: null } }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('a-long-password');
  });

  it('refuses bad accounts: taken username 409, editor without or with an unknown department 400, short password 400', async () => {
    const t = await startTestApp();
    const departmentId = await createDepartment(t.db, { code: '100001', name: '某局' });
    const admin = await t.client('admin');
    expect((await admin.post('/api/users', newReviewer)).statusCode).toBe(200);
    const taken = await admin.post('/api/users', newReviewer);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({ statusCode: 409, code: 'conflict', message: '用户名“wang”已存在' });

    const editor = { username: 'ed', displayName: '填报人', password: 'a-long-password', role: 'editor' };
    const noDept = await admin.post('/api/users', editor);
    expect(noDept.statusCode).toBe(400);
    expect(noDept.json().issues).toEqual([{ path: 'departmentId', message: '填报人必须属于一个单位' }]);
    const unknown = await admin.post('/api/users', { ...editor, departmentId: 9999 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues[0].path).toBe('departmentId');
    const reviewerWithDept = await admin.post('/api/users', { ...newReviewer, username: 'r2', departmentId });
    expect(reviewerWithDept.statusCode).toBe(400);
    const short = await admin.post('/api/users', { ...editor, departmentId, password: 'short' });
    expect(short.json().issues).toEqual([{ path: 'password', message: '密码至少 10 个字符' }]);
    const badName = await admin.post('/api/users', { ...editor, departmentId, username: 'Zhang San' });
    expect(badName.json().issues[0].path).toBe('username');
    expect((await admin.post('/api/users', { ...editor, departmentId })).statusCode).toBe(200);
  });

  it('updates an account; a new password or disabling signs the user out; every change is audited', async () => {
    const t = await startTestApp();
    const d1 = await createDepartment(t.db, { code: '100001', name: '甲局' });
    const d2 = await createDepartment(t.db, { code: '100002', name: '乙局' });
    const admin = await t.client('admin', { displayName: '管理员' });
    const ed = await t.client('editor', { departmentId: d1, username: 'ed' });
    const id = ed.user!.id;

    const moved = await admin.patch(`/api/users/${id}`, { departmentId: d2, displayName: '新名字' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ departmentId: d2, departmentName: '乙局', displayName: '新名字' });
    // applies at the user's next request
    expect((await ed.get('/api/auth/session')).json().user).toMatchObject({ departmentId: d2, departmentName: '乙局' });

    expect((await admin.patch(`/api/users/${id}`, { password: 'another-password' })).statusCode).toBe(200);
    expect((await ed.get('/api/auth/session')).json().user).toBeNull();
    expect((await t.client().login('ed', 'another-password')).statusCode).toBe(200);

    const again = await t.loginAs('ed', 'another-password');
    expect((await admin.patch(`/api/users/${id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await again.get('/api/auth/session')).json().user).toBeNull();
    expect((await t.client().login('ed', 'another-password')).statusCode).toBe(401);

    // reviewer: the department goes; editor again: needs one
    expect((await admin.patch(`/api/users/${id}`, { role: 'reviewer' })).json()).toMatchObject({ role: 'reviewer', departmentId: null });
    expect((await admin.patch(`/api/users/${id}`, { role: 'editor' })).statusCode).toBe(400);
    expect((await admin.patch(`/api/users/${id}`, { role: 'editor', departmentId: d1 })).json()).toMatchObject({ role: 'editor', departmentId: d1 });

    const entries = await listAuditEntries(t.db, { entity: 'user', entityId: id });
    // the password alone: its own action, 重置密码
    expect(entries.filter((e) => e.action === 'user.passwordReset').map((e) => e.detail)).toEqual([{ username: 'ed', before: {}, after: {}, passwordChanged: true }]);
    const audit = entries.filter((e) => e.action === 'user.update');
    expect(audit.map((e) => e.detail)).toEqual([
      { username: 'ed', before: { displayName: 'ed', departmentId: d1 }, after: { displayName: '新名字', departmentId: d2 } },
      { username: 'ed', before: { disabled: false }, after: { disabled: true } },
      { username: 'ed', before: { role: 'editor', departmentId: d2 }, after: { role: 'reviewer', departmentId: null } },
      { username: 'ed', before: { role: 'reviewer', departmentId: null }, after: { role: 'editor', departmentId: d1 } },
    ]);
    expect(audit.every((e) => e.actor === '管理员')).toBe(true);
  });

  it('an admin cannot disable or demote themselves; unknown ids are 404; a non-numeric id is 400', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin');
    const self = admin.user!.id;
    expect((await admin.patch(`/api/users/${self}`, { disabled: true })).json().code).toBe('conflict');
    expect((await admin.patch(`/api/users/${self}`, { role: 'reviewer' })).statusCode).toBe(409);
    expect((await admin.patch(`/api/users/${self}`, { displayName: '我' })).json().displayName).toBe('我');
    const missing = await admin.patch('/api/users/9999', { displayName: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ statusCode: 404, code: 'not-found', message: '用户不存在' });
    const bad = await admin.patch('/api/users/abc', { displayName: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation');
  });
});
