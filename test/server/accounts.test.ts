/**
 * Sessions and accounts (issue 15): an absolute session lifetime besides the idle timeout; a
 * password change or reset ends the user's other sessions; a user changes their own password
 * (the current one required); the password policy; an admin's reset forces a change at the next
 * sign-in; the demo password signs in only in demo mode.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, passwordProblem } from '../../src/shared/domain/password-policy';
import { SESSION_MAX_AGE_MS, SESSION_TTL_MS } from '../../src/server/app/auth';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { createFirstAdmin } from '../../src/server/modules/users/users.service';
import { useTestDatabase } from '../db/helpers';
import { createDepartment, createUser, startTestApp, TEST_PASSWORD, type TestResponse } from './support';

const HOUR = 60 * 60 * 1000;
const issuesOf = (res: TestResponse) => (res.json() as { issues: { path: string; message: string }[] }).issues;

describe('session lifetime', () => {
  it('a session used all the time still ends 24 hours after sign-in; the cookie never outlives it', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    const c = await t.loginAs('zhang');
    expect(SESSION_TTL_MS).toBeLessThan(SESSION_MAX_AGE_MS);
    // Used every 6 hours: the idle timeout never strikes.
    for (let used = 6; used < 24; used += 6) {
      t.clock.advance(6 * HOUR);
      expect((await c.get('/api/projects')).statusCode, `after ${used} h`).toBe(200);
    }
    // The last slide goes no further than the absolute end: 24 h after sign-in.
    const row = await t.db.selectFrom('session').select(['createdAt', 'expiresAt']).executeTakeFirstOrThrow();
    expect(Date.parse(row.expiresAt) - Date.parse(row.createdAt)).toBe(SESSION_MAX_AGE_MS);
    t.clock.advance(6 * HOUR);
    expect((await c.get('/api/projects')).statusCode).toBe(401);
    expect((await c.refreshSession()).user).toBeNull();
  });

  it('an unused session still ends after the idle timeout', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    const c = await t.loginAs('zhang');
    t.clock.advance(SESSION_TTL_MS + 1000);
    expect((await c.get('/api/projects')).statusCode).toBe(401);
  });
});

describe('changing one\'s own password', () => {
  it('needs the current password, follows the policy, ends the other sessions and keeps this one', async () => {
    const t = await startTestApp();
    const departmentId = await createDepartment(t.db, { code: '100001', name: '某局' });
    const user = await createUser(t.db, { username: 'zhangsan', role: 'editor', departmentId, displayName: '张三' });
    const laptop = await t.loginAs('zhangsan');
    const phone = await t.loginAs('zhangsan');
    const change = (currentPassword: string, newPassword: string) => laptop.post('/api/auth/password', { currentPassword, newPassword });

    const wrong = await change('not-my-password', 'a-brand-new-passphrase');
    expect(wrong.statusCode).toBe(400);
    expect(issuesOf(wrong)).toStrictEqual([{ path: 'currentPassword', message: '当前密码不正确' }]);
    expect(issuesOf(await change(TEST_PASSWORD, 'short'))).toStrictEqual([{ path: 'newPassword', message: '密码至少 10 个字符' }]);
    expect(issuesOf(await change(TEST_PASSWORD, 'Password123'))).toStrictEqual([{ path: 'newPassword', message: '密码过于常见，容易被猜到，请换一个' }]);
    expect(issuesOf(await change(TEST_PASSWORD, 'my-zhangsan-2025'))).toStrictEqual([{ path: 'newPassword', message: '密码不能与用户名相同，也不能包含用户名' }]);
    expect(issuesOf(await change(TEST_PASSWORD, DEMO_PASSWORD))).toStrictEqual([{ path: 'newPassword', message: '不能使用演示账号的公开密码' }]);
    expect(issuesOf(await change(TEST_PASSWORD, TEST_PASSWORD))).toStrictEqual([{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
    expect((await phone.get('/api/projects')).statusCode).toBe(200);

    const ok = await change(TEST_PASSWORD, 'a-brand-new-passphrase');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user).toMatchObject({ id: user.id, mustChangePassword: false });
    expect((await laptop.get('/api/projects')).statusCode).toBe(200);
    expect((await phone.get('/api/projects')).statusCode).toBe(401);
    expect((await t.client().login('zhangsan', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await t.client().login('zhangsan', 'a-brand-new-passphrase')).statusCode).toBe(200);

    const audit = (await listAuditEntries(t.db, { entity: 'user' })).filter((e) => e.action === 'user.passwordChange');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: user.id, actorUsername: 'zhangsan', detail: { username: 'zhangsan', passwordChanged: true } });
    expect(JSON.stringify(audit)).not.toContain('a-brand-new-passphrase');
  });
});

describe('an admin\'s reset', () => {
  it('ends every session of the user, who must change the password before doing anything else', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'wangwu', role: 'reviewer' });
    const admin = await t.client('admin');
    const before = await t.loginAs('wangwu');
    const target = (await admin.get('/api/users')).json().find((u: { username: string }) => u.username === 'wangwu');

    const reset = await admin.patch(`/api/users/${target.id}`, { password: 'set-by-the-admin-1' });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().mustChangePassword).toBe(true);
    expect((await before.get('/api/projects')).statusCode).toBe(401);

    const after = await t.loginAs('wangwu', 'set-by-the-admin-1');
    expect(after.user!.mustChangePassword).toBe(true);
    const blocked = await after.get('/api/projects');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toStrictEqual({ statusCode: 403, code: 'password-change-required', message: '您的密码由管理员设置，请先修改密码' });
    expect((await after.get('/api/auth/session')).statusCode).toBe(200);
    expect((await after.post('/api/auth/password', { currentPassword: 'set-by-the-admin-1', newPassword: 'only-he-knows-this-1' })).statusCode).toBe(200);
    expect((await after.get('/api/projects')).statusCode).toBe(200);
    expect((await after.refreshSession()).user!.mustChangePassword).toBe(false);
  });

  it('a new account\'s password is the admin\'s too: changed at the first sign-in', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin');
    const created = await admin.post('/api/users', { username: 'zhaoliu', displayName: '赵六', password: 'chosen-by-admin-7', role: 'reviewer' });
    expect(created.json().mustChangePassword).toBe(true);
    expect((await t.loginAs('zhaoliu', 'chosen-by-admin-7')).user!.mustChangePassword).toBe(true);
    // the policy holds for an admin's choice too
    const weak = await admin.post('/api/users', { username: 'sunqi', displayName: '孙七', password: 'qwertyuiop', role: 'reviewer' });
    expect(issuesOf(weak)).toStrictEqual([{ path: 'password', message: '密码过于常见，容易被猜到，请换一个' }]);
  });

  it('an admin resetting their own password keeps this session, ends the others, and need not change it again', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin', { username: 'boss' });
    const other = await t.loginAs('boss');
    const res = await admin.patch(`/api/users/${admin.user!.id}`, { password: 'a-new-passphrase-9' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mustChangePassword).toBe(false);
    expect((await admin.get('/api/users')).statusCode).toBe(200);
    expect((await other.get('/api/users')).statusCode).toBe(401);
  });
});

describe('the demo password', () => {
  it('signs in only in demo mode, and cannot be set outside it', async () => {
    const plain = await startTestApp();
    await createUser(plain.db, { username: 'reviewer', role: 'reviewer', password: DEMO_PASSWORD });
    const refused = await plain.client().login('reviewer', DEMO_PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toBe('演示账号的公开密码只能在演示模式下登录，请联系管理员重置密码');
    // a wrong password is still the usual answer, telling nothing about the account
    expect((await plain.client().login('reviewer', 'wrong-password')).json().message).toBe('用户名或密码错误');
    const admin = await plain.client('admin');
    const set = await admin.post('/api/users', { username: 'demo2', displayName: 'x', password: DEMO_PASSWORD, role: 'reviewer' });
    expect(issuesOf(set)).toStrictEqual([{ path: 'password', message: '不能使用演示账号的公开密码' }]);

    const demo = await startTestApp({ demo: true });
    await createUser(demo.db, { username: 'reviewer', role: 'reviewer', password: DEMO_PASSWORD });
    expect((await demo.client().login('reviewer', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('the first admin of an empty database (outside demo mode)', () => {
  it('gets a random password that must be changed; a database with accounts gets none', async () => {
    const db = await useTestDatabase();
    const first = await createFirstAdmin(db);
    expect(first!.username).toBe('admin');
    expect(first!.password).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(passwordProblem(first!.password, { username: 'admin' })).toBeNull();
    expect(await createFirstAdmin(db)).toBeNull();
    const t = await startTestApp({ db });
    expect((await t.loginAs('admin', first!.password)).user!.mustChangePassword).toBe(true);
  });
});
