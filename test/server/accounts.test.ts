/**
 * Sessions, passwords and one-time codes (issues 15 and 57): an absolute session lifetime besides
 * the idle timeout; a password change ends the user's other sessions; a user changes their own
 * password (the current one required); the password policy; a new account and a forgotten password
 * get a one-time code that signs in once, within its time, and must be replaced first; the three
 * administrators of an empty database; the operator's codes; the security administrator's password
 * and session policies (lengths, lifetimes, locks) applied.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, passwordProblem } from '../../src/shared/domain/password-policy';
import { DEFAULT_SECURITY_POLICY } from '../../src/shared/domain/security-policy';
import { historyRows } from '../../src/shared/audit/history';
import { SESSION_MAX_AGE_MS, SESSION_TTL_MS } from '../../src/server/app/auth';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { createMissingAdministrators, issueOperatorCode } from '../../src/server/modules/users/users.service';
import { useTestDatabase } from '../db/helpers';
import { createDepartment, createUser, startTestApp, TEST_PASSWORD, type TestApp, type TestClient, type TestResponse } from './support';

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
    const row = await t.db.selectFrom('session').select(['createdAt', 'expiresAt', 'endsAt']).executeTakeFirstOrThrow();
    expect(Date.parse(row.expiresAt) - Date.parse(row.createdAt)).toBe(SESSION_MAX_AGE_MS);
    expect(row.endsAt).toBe(row.expiresAt);
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

describe("changing one's own password", () => {
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

/** The system administrator's new one-time code for account `username`. */
async function codeFor(t: TestApp, admin: TestClient, username: string): Promise<{ code: string; expiresAt: string }> {
  const target = (await admin.get('/api/users')).json().find((u: { username: string }) => u.username === username);
  const res = await admin.post(`/api/users/${target.id}/one-time-code`);
  expect(res.statusCode, res.body).toBe(200);
  return { code: res.json().oneTimeCode, expiresAt: res.json().expiresAt };
}

describe('one-time codes', () => {
  it('a forgotten password: the code ends every session, signs in once, and must be replaced before anything else', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'wangwu', role: 'reviewer' });
    const admin = await t.client('admin');
    const before = await t.loginAs('wangwu');
    const { code, expiresAt } = await codeFor(t, admin, 'wangwu');
    expect(Date.parse(expiresAt) - t.clock.now().getTime()).toBe(DEFAULT_SECURITY_POLICY.codeValidHours * HOUR);
    expect((await before.get('/api/projects')).statusCode).toBe(401);
    // the old password no longer signs in
    expect((await t.client().login('wangwu', TEST_PASSWORD)).statusCode).toBe(401);

    const after = await t.loginAs('wangwu', code);
    expect(after.user!.mustChangePassword).toBe(true);
    const blocked = await after.get('/api/projects');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toStrictEqual({ statusCode: 403, code: 'password-change-required', message: '您正在使用管理员发放的一次性密码，请先设置只有您知道的新密码' });
    expect((await after.get('/api/auth/session')).statusCode).toBe(200);
    expect((await after.get('/api/auth/password-policy')).json()).toEqual({ minLength: 10 });
    // it has signed in once: never again, whoever tries
    const again = await t.client().login('wangwu', code);
    expect(again.statusCode).toBe(401);
    expect(again.json().message).toBe('这个一次性密码已经登录过一次，不能再用；如果不是您本人登录的，请立即告知系统管理员和安全审计员');
    expect((await after.post('/api/auth/password', { currentPassword: code, newPassword: 'only-he-knows-this-1' })).statusCode).toBe(200);
    expect((await after.get('/api/projects')).statusCode).toBe(200);
    expect((await after.refreshSession()).user!.mustChangePassword).toBe(false);
    expect((await t.client().login('wangwu', 'only-he-knows-this-1')).statusCode).toBe(200);

    const signIns = await t.db.selectFrom('signIn').select(['username', 'success', 'reason', 'codeId']).where('username', '=', 'wangwu').orderBy('id').execute();
    expect(signIns.map((s) => [s.success, s.reason, s.codeId !== null])).toEqual([
      [1, null, false],
      [0, 'credentials', false],
      [1, null, true],
      [0, 'code-used', false],
      [1, null, false],
    ]);
  });

  it('a code not used in time no longer signs in; a new one does', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'zhaoliu', role: 'reviewer' });
    let admin = await t.client('admin');
    const { code } = await codeFor(t, admin, 'zhaoliu');
    t.clock.advance(DEFAULT_SECURITY_POLICY.codeValidHours * HOUR);
    admin = await t.loginAs(admin.user!.username);
    const late = await t.client().login('zhaoliu', code);
    expect(late.statusCode).toBe(401);
    expect(late.json().message).toBe('一次性密码已过期，请联系系统管理员重新发放');
    // told only to whoever has the code: a wrong password is the usual answer
    expect((await t.client().login('zhaoliu', 'wrong-password')).json().message).toBe('用户名或密码错误');
    expect((await admin.get('/api/users')).json().find((u: { username: string }) => u.username === 'zhaoliu').codeExpiresAt).toEqual(expect.any(String));
    const fresh = await codeFor(t, admin, 'zhaoliu');
    expect((await t.loginAs('zhaoliu', fresh.code)).user!.mustChangePassword).toBe(true);
    // the older code is not the password any more
    expect((await t.client().login('zhaoliu', code)).statusCode).toBe(401);
  });

  it("no administrator gives a code to itself or to an administrator's account; the operator does", async () => {
    const t = await startTestApp();
    const admin = await t.client('admin', { username: 'root' });
    const security = await t.client('security', { username: 'sec' });
    const auditor = await createUser(t.db, { username: 'shenji', role: 'auditor' });
    const reviewer = await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    for (const id of [security.user!.id, auditor.id]) {
      const res = await admin.post(`/api/users/${id}/one-time-code`);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toBe('管理员账号的一次性密码只能由运维人员在服务器上发放（jixiao accounts code）（三员分立）');
    }
    expect((await admin.post(`/api/users/${admin.user!.id}/one-time-code`)).json().message).toBe('自己的密码请在“修改密码”中修改');
    expect((await security.post(`/api/users/${reviewer.id}/one-time-code`)).json().message).toBe('一次性密码由系统管理员发放（三员分立）');

    await admin.patch(`/api/users/${security.user!.id}`, { disabled: true });
    const operator = await issueOperatorCode(t.db, 'sec', t.clock.now());
    expect(operator).toMatchObject({ username: 'sec', role: 'security', code: expect.stringMatching(/^[a-zA-Z2-9]{16}$/) });
    const back = await t.loginAs('sec', operator.code);
    expect(back.user).toMatchObject({ role: 'security', mustChangePassword: true });
    const entries = (await listAuditEntries(t.db, { entity: 'user', entityId: security.user!.id })).map((e) => [e.actorUsername, e.action]);
    expect(entries).toEqual([
      ['root', 'user.update'],
      ['system', 'user.update'],
      ['system', 'user.code'],
    ]);
  });
});

describe('the demo password', () => {
  it('signs in only in demo mode', async () => {
    const plain = await startTestApp();
    await createUser(plain.db, { username: 'reviewer', role: 'reviewer', password: DEMO_PASSWORD });
    const refused = await plain.client().login('reviewer', DEMO_PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toBe('演示账号的公开密码只能在演示模式下登录，请联系管理员重置密码');
    // a wrong password is still the usual answer, telling nothing about the account
    expect((await plain.client().login('reviewer', 'wrong-password')).json().message).toBe('用户名或密码错误');

    const demo = await startTestApp({ demo: true });
    await createUser(demo.db, { username: 'reviewer', role: 'reviewer', password: DEMO_PASSWORD });
    expect((await demo.client().login('reviewer', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('the administrators of an empty database (outside demo mode)', () => {
  it('three accounts, one per administrator role, each with a one-time code; none when each role has its account', async () => {
    const db = await useTestDatabase();
    const made = await createMissingAdministrators(db);
    expect(made.map((m) => [m.username, m.role])).toEqual([
      ['admin', 'admin'],
      ['secadmin', 'security'],
      ['auditor', 'auditor'],
    ]);
    for (const m of made) {
      expect(m.code).toMatch(/^[a-zA-Z2-9]{16}$/);
      expect(passwordProblem(m.code, { username: m.username })).toBeNull();
    }
    expect(new Set(made.map((m) => m.code)).size).toBe(3);
    expect(await createMissingAdministrators(db)).toEqual([]);
    const t = await startTestApp({ db });
    for (const m of made) expect((await t.loginAs(m.username, m.code)).user).toMatchObject({ role: m.role, mustChangePassword: true });
  });

  it('a database from before the security administrator gets only its account, under a free name', async () => {
    const db = await useTestDatabase();
    await createUser(db, { username: 'admin', role: 'admin' });
    await createUser(db, { username: 'auditor', role: 'auditor' });
    await createUser(db, { username: 'secadmin', role: 'reviewer' });
    const made = await createMissingAdministrators(db);
    expect(made.map((m) => [m.username, m.role])).toEqual([['secadmin-2', 'security']]);
  });
});

describe("the security administrator's policies", () => {
  async function withPolicy(t: TestApp, change: Partial<typeof DEFAULT_SECURITY_POLICY>): Promise<TestClient> {
    const security = await t.client('security', { displayName: '安全管理员' });
    const res = await security.put('/api/security/policy', { ...DEFAULT_SECURITY_POLICY, ...change });
    expect(res.statusCode, res.body).toBe(200);
    return security;
  }

  it('reads and sets them within their bounds, each refusal naming the field; audited in words', async () => {
    const t = await startTestApp();
    const security = await t.client('security', { displayName: '安全管理员' });
    expect((await security.get('/api/security/policy')).json()).toEqual(DEFAULT_SECURITY_POLICY);
    const bad = await security.put('/api/security/policy', { ...DEFAULT_SECURITY_POLICY, passwordMinLength: 8, sessionMaxHours: 25 });
    expect(bad.statusCode).toBe(400);
    expect(issuesOf(bad)).toEqual([
      { path: 'passwordMinLength', message: '密码最短长度应为 10–64 个字符的整数' },
      { path: 'sessionMaxHours', message: '登录最长有效应为 1–24 小时的整数' },
    ]);
    expect(issuesOf(await security.put('/api/security/policy', { ...DEFAULT_SECURITY_POLICY, lockAfterFailures: 2 }))).toEqual([
      { path: 'lockAfterFailures', message: '连续登录失败锁定账号至少 3 次（0：不锁定），以免一次输错就被锁定' },
    ]);
    expect(issuesOf(await security.put('/api/security/policy', { ...DEFAULT_SECURITY_POLICY, sessionMaxHours: 2, sessionIdleMinutes: 180 }))).toEqual([
      { path: 'sessionIdleMinutes', message: '无操作自动退出（180 分钟）不能长于登录最长有效（2 小时）' },
    ]);
    const set = await security.put('/api/security/policy', { ...DEFAULT_SECURITY_POLICY, passwordMinLength: 14, passwordMaxAgeDays: 90 });
    expect(set.json()).toEqual({ ...DEFAULT_SECURITY_POLICY, passwordMinLength: 14, passwordMaxAgeDays: 90 });
    // the same again writes nothing
    await security.put('/api/security/policy', { ...DEFAULT_SECURITY_POLICY, passwordMinLength: 14, passwordMaxAgeDays: 90 });
    const entries = (await listAuditEntries(t.db)).filter((e) => e.action === 'security.policy');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: '安全管理员', entity: 'security-policy' });
    expect(historyRows('security.policy', entries[0]!.detail).map((r) => [r.field, r.before, r.after])).toEqual([
      ['密码最短长度', '10 个字符', '14 个字符'],
      ['密码有效期', '不限', '90 天'],
    ]);
  });

  it('a longer least length applies to every new password, and the forms are told it', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    await withPolicy(t, { passwordMinLength: 14 });
    const c = await t.loginAs('zhang');
    expect((await c.get('/api/auth/password-policy')).json()).toEqual({ minLength: 14 });
    expect(issuesOf(await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'twelve-chars' }))).toEqual([{ path: 'newPassword', message: '密码至少 14 个字符' }]);
    expect((await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'fourteen-chars' })).statusCode).toBe(200);
  });

  it('shorter sessions apply at once to the sessions under way and to new ones', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    const before = await t.loginAs('zhang');
    t.clock.advance(90 * 60 * 1000);
    await withPolicy(t, { sessionIdleMinutes: 30, sessionMaxHours: 1 });
    // begun 90 minutes ago: past the new hour
    expect((await before.get('/api/projects')).statusCode).toBe(401);
    const after = await t.loginAs('zhang');
    t.clock.advance(29 * 60 * 1000);
    expect((await after.get('/api/projects')).statusCode).toBe(200);
    t.clock.advance(29 * 60 * 1000);
    expect((await after.get('/api/projects')).statusCode).toBe(200);
    // used all along, still ended an hour after its sign-in
    t.clock.advance(3 * 60 * 1000);
    expect((await after.get('/api/projects')).statusCode).toBe(401);
    const idle = await t.loginAs('zhang');
    t.clock.advance(31 * 60 * 1000);
    expect((await idle.get('/api/projects')).statusCode).toBe(401);
  });

  it('a password older than its lifetime must be changed first', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    await withPolicy(t, { passwordMaxAgeDays: 30 });
    const fresh = await t.loginAs('zhang');
    expect(fresh.user).toMatchObject({ mustChangePassword: false });
    t.clock.advance(31 * 24 * HOUR);
    const old = await t.loginAs('zhang');
    expect(old.user).toMatchObject({ mustChangePassword: true, passwordExpired: true });
    const blocked = await old.get('/api/projects');
    expect(blocked.json()).toEqual({ statusCode: 403, code: 'password-change-required', message: '您的密码已超过有效期，请先修改密码' });
    expect((await old.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-passphrase' })).statusCode).toBe(200);
    expect((await old.get('/api/projects')).statusCode).toBe(200);
  });

  it('failed sign-ins lock the account when the policy says so; told only with the right password; the system administrator unlocks', async () => {
    // each wrong attempt from an address of its own (behind the proxy on this machine) a minute after the one before,
    // the right ones from zhang's own place: the sign-in limits (per address, and the slow-down of an account's
    // failures) are not this test's
    const t = await startTestApp({ trustProxy: true });
    let address = 0;
    const attempt = (password = TEST_PASSWORD) => {
      const wrong = password !== TEST_PASSWORD;
      if (wrong) t.clock.advance(61_000);
      return t.client().post('/api/auth/login', { username: 'zhang', password }, { headers: { 'x-forwarded-for': wrong ? `198.51.100.${++address}` : '203.0.113.1' } });
    };
    const user = await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    const admin = await t.client('admin', { username: 'root' });
    // off by default: failures lock nothing
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(200);
    await withPolicy(t, { lockAfterFailures: 3, lockMinutes: 10 });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong-password')).json().message).toBe('用户名或密码错误');
    const locked = await attempt();
    expect(locked.statusCode).toBe(401);
    expect(locked.json().message).toBe('账号因连续登录失败已锁定，请 10 分钟后再试，或请系统管理员解锁');
    expect((await attempt('wrong-password')).json().message).toBe('用户名或密码错误');
    expect((await admin.get('/api/users')).json().find((u: { id: number }) => u.id === user.id).lockedUntil).toEqual(expect.any(String));
    expect((await admin.post(`/api/users/${user.id}/unlock`)).json().lockedUntil).toBeNull();
    expect((await attempt()).statusCode).toBe(200);
    expect((await admin.post(`/api/users/${user.id}/unlock`)).json()).toMatchObject({ statusCode: 409, message: '账号“zhang”没有被锁定' });
    // a lock ends by itself
    for (let i = 0; i < 3; i++) await attempt('wrong-password');
    expect((await attempt()).statusCode).toBe(401);
    t.clock.advance(10 * 60 * 1000);
    expect((await attempt()).statusCode).toBe(200);

    // (the failures from many addresses also slowed those places down: user.signInLimit, rate-limits.test.ts)
    const entries = (await listAuditEntries(t.db, { entity: 'user', entityId: user.id })).filter((e) => e.action !== 'user.signInLimit').map((e) => [e.actorUsername, e.action]);
    expect(entries).toEqual([
      ['system', 'user.lock'],
      ['root', 'user.unlock'],
      ['system', 'user.lock'],
    ]);
    const reasons = await t.db.selectFrom('signIn').select('reason').where('username', '=', 'zhang').where('reason', '=', 'locked').execute();
    expect(reasons).toHaveLength(2);
  });
});
