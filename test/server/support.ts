/**
 * Test support for the web server: a real app on a real database (in-memory SQLite, or a fresh
 * PostgreSQL database on a PostgreSQL run: test/support/test-database.ts), driven through
 * `app.inject` (no port, no network).
 *
 *   const t = await startTestApp();                  // inside a test: closed when the test ends
 *   const admin = await t.client('admin');           // a new admin account, signed in
 *   const editor = await t.client('editor', { departmentId });
 *   const anon = t.client();                         // anonymous (public pages, login form)
 *   const res = await editor.get('/api/projects');   // res.statusCode, res.json()
 *   await editor.put(`/api/projects/${id}`, { version, project });
 *   await editor.upload('/api/imports/preview', [{ filename: 'a.txt', data: bytes }]);
 *   const bob = await t.loginAs('bob');              // an account made with createUser(t.db, …)
 *   t.clock.advance(13 * 60 * 60 * 1000);            // the server's clock (sessions expire)
 *
 * A client keeps its cookies, fetches the CSRF token (GET /api/auth/session) before its first
 * state-changing request and sends it as `x-csrf-token`; login and logout update it. Pass
 * `{ csrf: false }` or `{ csrf: 'wrong' }` to test the CSRF check itself.
 *
 * Called outside a test (beforeAll), startTestApp cannot register its own cleanup: call
 * `t.close()` in afterAll. A database given in `opts.db` is left open for its owner.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { onTestFinished } from 'vitest';
import type { SessionResponse, SessionUser, UserRole } from '../../src/shared/api/auth';
import { buildApp, type BuildAppOptions } from '../../src/server/app/app';
import { CSRF_HEADER } from '../../src/server/app/auth';
import type { Db } from '../../src/server/db/schema';
import { findUserById, insertUser, type StoredUser } from '../../src/server/db/user.repository';
import { hashPassword } from '../../src/server/modules/auth/auth.service';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

/** The password createUser gives when none is named. */
export const TEST_PASSWORD = 'test-password';

export interface TestClock {
  now(): Date;
  set(date: Date): void;
  advance(ms: number): void;
}

/** A settable clock starting at the real time. */
export function testClock(start = new Date()): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (date) => {
      current = date.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** false: send no CSRF header; a string: send that instead of the real token. */
  csrf?: boolean | string;
}

export type TestResponse = LightMyRequestResponse;

export interface UploadFile {
  filename: string;
  data: Uint8Array | string;
  /** Form field name; default `files`. */
  field?: string;
  contentType?: string;
}

export interface TestClient {
  /** The signed-in user (null when anonymous), as the last session/login/logout answer said. */
  readonly user: SessionUser | null;
  /** The CSRF token, once fetched. */
  readonly csrfToken: string | null;
  /** The cookies this client holds: name → value. */
  readonly cookies: ReadonlyMap<string, string>;
  request(method: string, url: string, body?: unknown, opts?: RequestOptions): Promise<TestResponse>;
  get(url: string, opts?: RequestOptions): Promise<TestResponse>;
  post(url: string, body?: unknown, opts?: RequestOptions): Promise<TestResponse>;
  put(url: string, body?: unknown, opts?: RequestOptions): Promise<TestResponse>;
  patch(url: string, body?: unknown, opts?: RequestOptions): Promise<TestResponse>;
  delete(url: string, opts?: RequestOptions): Promise<TestResponse>;
  /** multipart/form-data POST: files (field `files` by default) and text fields. */
  upload(url: string, files: UploadFile[], fields?: Record<string, string>, opts?: RequestOptions): Promise<TestResponse>;
  /** POST /api/auth/login; the response (200 signs this client in). */
  login(username: string, password?: string): Promise<TestResponse>;
  logout(): Promise<TestResponse>;
  /** GET /api/auth/session: refreshes user and CSRF token. */
  refreshSession(): Promise<SessionResponse>;
}

export interface NewTestUser {
  username: string;
  role: UserRole;
  /** Required for editors. */
  departmentId?: number | null;
  password?: string;
  displayName?: string;
  disabled?: boolean;
  /** A finance account's region (0025); a business section's account: its section's. */
  regionCode?: string | null;
  /** A business section's account (role 'section'): its section (0031). */
  sectionId?: number | null;
}

/** Creates an account directly in the database (password TEST_PASSWORD unless given). */
export async function createUser(db: Db, user: NewTestUser): Promise<StoredUser> {
  const ofDepartment = user.role === 'editor' || user.role === 'supervisor';
  if (ofDepartment && (user.departmentId === undefined || user.departmentId === null)) {
    throw new Error(`createUser: ${user.role} ${user.username} needs a departmentId`);
  }
  const id = await insertUser(db, {
    username: user.username,
    displayName: user.displayName ?? user.username,
    passwordHash: await hashPassword(user.password ?? TEST_PASSWORD),
    role: user.role,
    departmentId: ofDepartment ? (user.departmentId ?? null) : null,
    regionCode: user.regionCode ?? null,
    sectionId: user.sectionId ?? null,
    createdAt: new Date().toISOString(),
  });
  if (user.disabled) await db.updateTable('appUser').set({ disabled: 1 }).where('id', '=', id).execute();
  return (await findUserById(db, id))!;
}

/** A department row (for editors' accounts) when a test needs one without importing a document. */
export async function createDepartment(db: Db, department: { code?: string | null; name: string }): Promise<number> {
  const row = await db
    .insertInto('department')
    .values({ code: department.code ?? null, name: department.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  clock: TestClock;
  /** Anonymous client. */
  client(): TestClient;
  /** A new account of this role (editors: `departmentId`), signed in. */
  client(role: UserRole, opts?: { departmentId?: number; username?: string; displayName?: string; regionCode?: string; sectionId?: number }): Promise<TestClient>;
  /** A client signed in as an existing account. Throws when the login fails. */
  loginAs(username: string, password?: string): Promise<TestClient>;
  close(): Promise<void>;
}

export interface StartTestAppOptions extends Partial<Omit<BuildAppOptions, 'db' | 'now'>> {
  /** Use this database (left open on close); default a fresh one (openTestDatabase). */
  db?: Db;
  clock?: TestClock;
}

/** Builds the app on a fresh database (see the top of this file). */
export async function startTestApp(opts: StartTestAppOptions = {}): Promise<TestApp> {
  const own: TestDatabase | undefined = opts.db === undefined ? await openTestDatabase() : undefined;
  const db = opts.db ?? own!.db;
  const clock = opts.clock ?? testClock();
  const { db: _db, clock: _clock, ...appOpts } = opts;
  let app: FastifyInstance;
  try {
    app = await buildApp({ webRoot: null, ...appOpts, db, now: clock.now });
    await app.ready();
  } catch (error) {
    await own?.close();
    throw error;
  }

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await own?.close();
  };
  try {
    onTestFinished(close);
  } catch {
    // not inside a test: the caller closes
  }

  let serial = 0;
  const loginAs = async (username: string, password = TEST_PASSWORD): Promise<TestClient> => {
    const c = makeClient(app);
    const res = await c.login(username, password);
    if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
    return c;
  };

  function client(): TestClient;
  function client(role: UserRole, o?: { departmentId?: number; username?: string; displayName?: string; regionCode?: string; sectionId?: number }): Promise<TestClient>;
  function client(role?: UserRole, o: { departmentId?: number; username?: string; displayName?: string; regionCode?: string; sectionId?: number } = {}): TestClient | Promise<TestClient> {
    if (role === undefined) return makeClient(app);
    return (async () => {
      const username = o.username ?? `${role}-${++serial}`;
      await createUser(db, { username, role, departmentId: o.departmentId ?? null, ...(o.displayName ? { displayName: o.displayName } : {}), ...(o.regionCode ? { regionCode: o.regionCode } : {}), ...(o.sectionId ? { sectionId: o.sectionId } : {}) });
      return loginAs(username);
    })();
  }

  return { app, db, clock, client, loginAs, close };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function multipartBody(files: UploadFile[], fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = `----jixiao-test-${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'files'}"; filename="${encodeURIComponent(f.filename)}"; filename*=UTF-8''${encodeURIComponent(f.filename)}\r\nContent-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`;
    parts.push(Buffer.from(head), Buffer.from(f.data), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A cookie-keeping client of `app` (see TestClient). */
export function makeClient(app: FastifyInstance): TestClient {
  const cookies = new Map<string, string>();
  let user: SessionUser | null = null;
  let csrfToken: string | null = null;

  const keepCookies = (res: TestResponse) => {
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const gone = c.value === '' || (c.expires !== undefined && c.expires.getTime() <= Date.now()) || c.maxAge === 0;
      if (gone) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
  };

  const send = async (method: string, url: string, payload: { body?: Buffer | string; contentType?: string }, opts: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (STATE_CHANGING.has(method.toUpperCase()) && opts.csrf !== false) {
      if (typeof opts.csrf === 'string') headers[CSRF_HEADER] = opts.csrf;
      else {
        // may set the anonymous CSRF cookie: the cookie header is built after this
        if (csrfToken === null) await self.refreshSession();
        headers[CSRF_HEADER] = csrfToken!;
      }
    }
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (payload.contentType) headers['content-type'] = payload.contentType;
    const res = await app.inject({ method: method.toUpperCase() as 'GET', url, headers, ...(payload.body !== undefined ? { payload: payload.body } : {}) });
    keepCookies(res);
    return res;
  };

  const json = (body: unknown) => (body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' });

  const self: TestClient = {
    get user() {
      return user;
    },
    get csrfToken() {
      return csrfToken;
    },
    cookies,
    request: (method, url, body, opts) => send(method, url, json(body), opts),
    get: (url, opts) => send('GET', url, {}, opts),
    post: (url, body, opts) => send('POST', url, json(body), opts),
    put: (url, body, opts) => send('PUT', url, json(body), opts),
    patch: (url, body, opts) => send('PATCH', url, json(body), opts),
    delete: (url, opts) => send('DELETE', url, {}, opts),
    upload: (url, files, fields = {}, opts) => send('POST', url, multipartBody(files, fields), opts),
    async login(username, password = TEST_PASSWORD) {
      const res = await self.post('/api/auth/login', { username, password });
      if (res.statusCode === 200) ({ user, csrfToken } = res.json() as SessionResponse);
      return res;
    },
    async logout() {
      const res = await self.post('/api/auth/logout');
      if (res.statusCode === 200) ({ user, csrfToken } = res.json() as SessionResponse);
      return res;
    },
    async refreshSession() {
      const res = await send('GET', '/api/auth/session', {});
      const body = res.json() as SessionResponse;
      ({ user, csrfToken } = body);
      return body;
    },
  };
  return self;
}
