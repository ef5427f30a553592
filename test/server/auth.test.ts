import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE, SESSION_TTL_MS, CSRF_COOKIE, hashToken } from '../../src/server/app/auth';
import { createDepartment, createUser, makeClient, startTestApp, TEST_PASSWORD } from './support';

const HOUR = 60 * 60 * 1000;

function setCookie(res: { headers: Record<string, unknown> }, name: string): string {
  const all = res.headers['set-cookie'];
  const list = Array.isArray(all) ? all : all === undefined ? [] : [String(all)];
  const found = list.find((c: string) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no Set-Cookie for ${name} in ${JSON.stringify(list)}`);
  return found;
}

describe('session and login', () => {
  it('an anonymous visitor gets no user and a CSRF token bound to a signed HttpOnly cookie', async () => {
    const t = await startTestApp();
    const res = await t.client().get('/api/auth/session');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toBeNull();
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = setCookie(res, CSRF_COOKIE);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // signed: the cookie is the token plus a signature, so a planted cookie does not pass
    expect(decodeURIComponent(cookie.split(';')[0]!.split('=').slice(1).join('='))).toMatch(new RegExp(`^${body.csrfToken}\\.`));
  });

  it('logs in with the right password, and the session names the user from then on', async () => {
    const t = await startTestApp();
    const departmentId = await createDepartment(t.db, { code: '763001', name: '中共唐山市路南区委社会工作部' });
    await createUser(t.db, { username: 'zhang', role: 'editor', departmentId, displayName: '张三' });
    const c = t.client();
    const anonymous = (await c.refreshSession()).csrfToken;
    const res = await c.login('zhang');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({
      id: expect.any(Number),
      username: 'zhang',
      displayName: '张三',
      role: 'editor',
      departmentId,
      departmentName: '中共唐山市路南区委社会工作部',
      mustChangePassword: false,
      regionCode: null,
      regionName: null,
      sectionId: null,
      sectionName: null,
    });
    // login rotates the CSRF token
    expect(body.csrfToken).not.toBe(anonymous);
    expect((await c.get('/api/auth/session')).json()).toEqual(body);
    // the table keeps the token's hash only
    const token = c.cookies.get(SESSION_COOKIE)!;
    const rows = await t.db.selectFrom('session').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(rows[0]!.tokenHash).not.toContain(token);
  });

  it('session cookie: HttpOnly, SameSite=Lax, 12 hours; Secure only when asked (or over https)', async () => {
    const plain = await startTestApp();
    await createUser(plain.db, { username: 'a', role: 'admin' });
    const res = await plain.client().login('a');
    const cookie = setCookie(res, SESSION_COOKIE);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(new RegExp(`Max-Age=${SESSION_TTL_MS / 1000}`));
    expect(cookie).not.toMatch(/Secure/i);

    const secure = await startTestApp({ secureCookies: true });
    await createUser(secure.db, { username: 'a', role: 'admin' });
    const c = secure.client();
    expect(setCookie(await c.get('/api/auth/session'), CSRF_COOKIE)).toMatch(/Secure/i);
    expect(setCookie(await c.login('a'), SESSION_COOKIE)).toMatch(/Secure/i);

    // behind a proxy that says https, the default follows the request
    const proxied = await startTestApp({ trustProxy: true });
    const r = await proxied.app.inject({ method: 'GET', url: '/api/auth/session', headers: { 'x-forwarded-proto': 'https' } });
    expect(setCookie(r, CSRF_COOKIE)).toMatch(/Secure/i);
  });

  it('a wrong password, an unknown user and a disabled account get the same 401', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'li', role: 'reviewer' });
    await createUser(t.db, { username: 'gone', role: 'reviewer', disabled: true });
    for (const [username, password] of [
      ['li', 'wrong-password'],
      ['nobody', TEST_PASSWORD],
      ['gone', TEST_PASSWORD],
    ] as const) {
      const c = t.client();
      const res = await c.login(username, password);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ statusCode: 401, code: 'unauthenticated', message: '用户名或密码错误' });
      expect(res.headers['set-cookie']?.toString() ?? '').not.toContain(SESSION_COOKIE);
      expect(c.user).toBeNull();
    }
    expect(await t.db.selectFrom('session').selectAll().execute()).toHaveLength(0);
  });

  it('an empty username is a 400 validation error naming the field, in Chinese', async () => {
    const t = await startTestApp();
    const res = await t.client().post('/api/auth/login', { username: '', password: 'x' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation');
    expect(body.issues).toContainEqual({ path: 'username', message: '请输入用户名' });
    expect(body.message).toContain('请输入用户名');
    const missing = await t.client().post('/api/auth/login', {});
    expect(missing.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['password', 'username']);
    expect(missing.json().issues[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('logout deletes the session: the old cookie no longer signs anyone in', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'a', role: 'admin' });
    const c = await t.loginAs('a');
    const token = c.cookies.get(SESSION_COOKIE)!;
    const res = await c.logout();
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toBeNull();
    expect(res.json().csrfToken).toEqual(expect.any(String));
    expect(setCookie(res, SESSION_COOKIE)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await t.db.selectFrom('session').selectAll().execute()).toHaveLength(0);
    // replaying the old cookie
    const replay = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies: { [SESSION_COOKIE]: token } });
    expect(replay.json().user).toBeNull();
    // and the new anonymous token works for the next login
    expect((await c.login('a')).statusCode).toBe(200);
  });

  it('logging in again replaces the session (a new token; the old one is gone)', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'a', role: 'admin' });
    const c = await t.loginAs('a');
    const first = c.cookies.get(SESSION_COOKIE)!;
    expect((await c.login('a')).statusCode).toBe(200);
    const second = c.cookies.get(SESSION_COOKIE)!;
    expect(second).not.toBe(first);
    const rows = await t.db.selectFrom('session').select('tokenHash').execute();
    expect(rows.map((r) => r.tokenHash)).toEqual([hashToken(second)]);
  });

  it('a session expires after 12 hours without requests, and slides while in use', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'a', role: 'admin' });
    const c = await t.loginAs('a');
    t.clock.advance(11 * HOUR);
    expect((await c.get('/api/auth/session')).json().user?.username).toBe('a'); // slides to +12 h from here
    t.clock.advance(11 * HOUR);
    expect((await c.get('/api/auth/session')).json().user?.username).toBe('a');
    t.clock.advance(12 * HOUR + 1000);
    const res = await c.get('/api/auth/session');
    expect(res.json().user).toBeNull();
    expect((await c.get('/api/users')).statusCode).toBe(401);
    // a write with the dead session's token: 401 (log in again), not a CSRF puzzle
    const write = await c.patch('/api/users/1', { displayName: 'x' });
    expect(write.statusCode).toBe(401);
    expect(write.json().message).toBe('登录已过期，请重新登录');
    // expired rows are swept on the next login
    await c.refreshSession();
    expect((await c.login('a')).statusCode).toBe(200);
    const rows = await t.db.selectFrom('session').select('tokenHash').execute();
    expect(rows.map((r) => r.tokenHash)).toEqual([hashToken(c.cookies.get(SESSION_COOKIE)!)]);
  });

  it('disabling an account ends its sessions at once', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'r', role: 'reviewer' });
    const r = await t.loginAs('r');
    await t.db.updateTable('appUser').set({ disabled: 1 }).where('username', '=', 'r').execute();
    expect((await r.get('/api/auth/session')).json().user).toBeNull();
  });
});

describe('login rate limit', () => {
  it('the 11th attempt within a minute for the same IP and username is 429', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'a', role: 'admin' });
    const c = t.client();
    for (let i = 0; i < 10; i++) expect((await c.login('a', 'wrong-password')).statusCode).toBe(401);
    const res = await c.login('a', TEST_PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({ statusCode: 429, code: 'rate-limited', message: `登录尝试过于频繁，请 ${res.headers['retry-after']} 秒后再试` });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // another username from the same IP is not locked out by someone guessing 'a'
    await createUser(t.db, { username: 'b', role: 'admin' });
    expect((await t.client().login('b')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('login without the token, or with a wrong one, is 403 csrf', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'a', role: 'admin' });
    const c = t.client();
    await c.refreshSession();
    for (const csrf of [false, 'wrong-token'] as const) {
      const res = await c.post('/api/auth/login', { username: 'a', password: TEST_PASSWORD }, { csrf });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ statusCode: 403, code: 'csrf' });
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
    // the token without its cookie (another browser) is refused too
    const stranger = makeClient(t.app);
    const res = await stranger.post('/api/auth/login', { username: 'a', password: TEST_PASSWORD }, { csrf: c.csrfToken! });
    expect(res.statusCode).toBe(403);
    expect(await t.db.selectFrom('session').selectAll().execute()).toHaveLength(0);
  });

  it('a forged anonymous cookie (unsigned) does not pass', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'a', role: 'admin' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      cookies: { [CSRF_COOKIE]: 'forged' },
      headers: { 'x-csrf-token': 'forged', 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: TEST_PASSWORD }),
    });
    expect(res.statusCode).toBe(403);
  });

  it('signed in, every state-changing request needs the session token (not the anonymous one)', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin');
    const body = { username: 'new-user', displayName: '新用户' };
    expect((await admin.post('/api/users', body, { csrf: false })).statusCode).toBe(403);
    expect((await admin.post('/api/users', body, { csrf: 'x' })).statusCode).toBe(403);
    const anonymousToken = (await t.client().refreshSession()).csrfToken;
    expect((await admin.post('/api/users', body, { csrf: anonymousToken })).statusCode).toBe(403);
    expect((await admin.patch('/api/users/1', { displayName: '改' }, { csrf: false })).json().code).toBe('csrf');
    expect((await admin.post('/api/auth/logout', undefined, { csrf: false })).statusCode).toBe(403);
    expect(await t.db.selectFrom('appUser').selectAll().execute()).toHaveLength(1);
    // GET needs none
    expect((await admin.get('/api/users', { csrf: false })).statusCode).toBe(200);
    expect((await admin.post('/api/users', body)).statusCode).toBe(200);
  });
});

describe('paths the router decodes', () => {
  it('an encoded /api path is still checked for CSRF and still sees the session', async () => {
    const t = await startTestApp();
    await createUser(t.db, { username: 'a', role: 'admin' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/%61pi/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: TEST_PASSWORD }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
    const admin = await t.loginAs('a');
    expect((await admin.get('/%61pi/users')).statusCode).toBe(200);
    // a state-changing request outside /api is refused too, not let through
    expect((await t.client().post('/somewhere', {}, { csrf: false })).statusCode).toBe(403);
  });
});
