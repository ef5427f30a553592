/**
 * `jixiao serve` as people run it: a real process on a temporary database (a SQLite file, or a fresh
 * PostgreSQL database through DATABASE_URL on a PostgreSQL run) and a free port. Reads
 * the printed address, talks HTTP to it, stops it with SIGTERM. Every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestDatabaseTarget, TEST_DIALECT } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-serve-'));
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

interface Served {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Spawns `jixiao serve ARGS` and waits (at most `ms`) for "已启动：URL". */
function serve(args: string[], env: Record<string, string> = {}, ms = 60_000): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', PORT: '', ...env } });
  running.add(child);
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => (running.delete(child), done(code))));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start in ${ms} ms:\n${out}\n${err}`)), ms);
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /已启动：(http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, url: m[1]!, stdout: () => out, stderr: () => err, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited with ${code} before starting:\n${out}\n${err}`));
    });
  });
}

/**
 * How long a stop may take before the test calls it a hang: a bound, not a measure of speed (on a loaded machine,
 * with other test files running beside, closing took over 10 s).
 */
const STOP_MS = 30_000;

async function stop(s: Served): Promise<number | null> {
  s.child.kill('SIGTERM');
  return Promise.race([s.exited, new Promise<null>((_, fail) => setTimeout(() => fail(new Error(`serve did not stop in ${STOP_MS / 1000} s`)), STOP_MS))]);
}

/** POST /api/auth/login on a running server (the CSRF token and cookie of a fresh session first). */
async function login(url: string, username: string, password: string): Promise<Response> {
  const session = await fetch(`${url}/api/auth/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
    body: JSON.stringify({ username, password }),
  });
}

describe('jixiao serve', () => {
  it('--demo: starts on a free port with the demo data, answers the API, stops cleanly on SIGTERM', async () => {
    const target = await createTestDatabaseTarget('demo.db');
    onTestFinished(() => target.drop());
    const db = target.arg;
    const s = await serve(['--port', '0', '--db', db, '--demo']);
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(s.stdout()).toMatch(TEST_DIALECT === 'postgres' ? /数据库：PostgreSQL postgres:\/\/\S+\n/ : /数据库：SQLite \S+demo\.db\n/);
      expect(s.stdout()).toContain(`接口文档：${s.url}/api/docs`);
      expect(s.stdout()).toMatch(/admin\s.*jixiao-demo/);
      expect(s.stdout()).toMatch(/dept-\d{6}/);

      const session = await fetch(`${s.url}/api/auth/session`);
      expect(session.status).toBe(200);
      const { user, csrfToken } = (await session.json()) as { user: unknown; csrfToken: string };
      expect(user).toBeNull();
      const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const login = await fetch(`${s.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
        body: JSON.stringify({ username: 'reviewer', password: 'jixiao-demo' }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { user: { role: string } }).user.role).toBe('reviewer');
      // read to the end: an answer left unread holds its connection open (the server, stopping, waits for it)
      const docs = await fetch(`${s.url}/api/docs/json`);
      expect(docs.status).toBe(200);
      expect(((await docs.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    } finally {
      expect(await stop(s)).toBe(0);
    }
    expect(s.stdout()).toContain('已停止');
    expect(s.stderr()).toBe('');

    // a second start, without --demo, keeps the data and still lists the accounts whose password
    // is the demo one, which no longer signs in; the port from the environment this time
    const again = await serve([], { PORT: '0', ...(TEST_DIALECT === 'postgres' ? { DATABASE_URL: db } : { JIXIAO_DB: db }) });
    try {
      expect(again.stdout()).not.toContain('生成演示数据');
      expect(again.stdout()).toMatch(/reviewer\s.*jixiao-demo/);
      expect(again.stdout()).toContain('演示密码只在演示模式下可以登录');
      const refused = await login(again.url, 'reviewer', 'jixiao-demo');
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { message: string }).message).toContain('只能在演示模式下登录');
    } finally {
      expect(await stop(again)).toBe(0);
    }
  }, 120_000);

  it('without --demo: an empty database gets no demo data but the three administrators, each with a one-time code to be replaced at the first sign-in', async () => {
    const target = await createTestDatabaseTarget('first.db');
    onTestFinished(() => target.drop());
    const s = await serve(['--port', '0', '--db', target.arg]);
    try {
      expect(s.stdout()).not.toContain('生成演示数据');
      expect(s.stdout()).toContain('已创建管理员账号（三员分立');
      const codes = [...s.stdout().matchAll(/^│\s*(admin|secadmin|auditor)\s*│\s*([a-zA-Z2-9]{16})\s*│/gm)].map((m) => [m[1]!, m[2]!] as const);
      expect(codes.map(([u]) => u), s.stdout()).toEqual(['admin', 'secadmin', 'auditor']);
      const roles: string[] = [];
      for (const [username, code] of codes) {
        const res = await login(s.url, username, code);
        expect(res.status).toBe(200);
        const { user } = (await res.json()) as { user: { mustChangePassword: boolean; role: string } };
        expect(user.mustChangePassword).toBe(true);
        roles.push(user.role);
        // a code signs in once
        expect((await login(s.url, username, code)).status).toBe(401);
      }
      expect(roles).toEqual(['admin', 'security', 'auditor']);
    } finally {
      expect(await stop(s)).toBe(0);
    }
    // printed once: a second start makes no account and prints no code
    const again = await serve(['--port', '0', '--db', target.arg]);
    try {
      expect(again.stdout()).not.toContain('一次性密码');
    } finally {
      expect(await stop(again)).toBe(0);
    }
  }, 120_000);

  it('started by an npm script, it stops when npm is killed (its parent gone), not only on a signal passed on', async () => {
    const target = await createTestDatabaseTarget('orphan.db');
    onTestFinished(() => target.drop());
    // A stand-in for npm: a shell that starts the server and is then killed with SIGKILL.
    const script = `"${process.execPath}" "${BIN}" serve --port 0 --db "${target.arg}" & echo "pid=$!"; wait`;
    const parent = spawn('sh', ['-c', script], { cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', PORT: '', npm_lifecycle_event: 'serve' } });
    running.add(parent);
    let out = '';
    parent.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const until = async (pattern: RegExp, ms: number) => {
      for (const end = Date.now() + ms; !pattern.test(out); await new Promise((r) => setTimeout(r, 100))) {
        if (Date.now() > end) throw new Error(`no ${pattern} in ${ms} ms:\n${out}`);
      }
    };
    await until(/已启动：http/, 60_000);
    const pid = Number(/pid=(\d+)/.exec(out)![1]);
    parent.kill('SIGKILL');
    await until(/已停止。/, STOP_MS);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (const end = Date.now() + STOP_MS; alive() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
  }, 120_000);

  it('refuses a bad port as a usage error', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', 'abc', '--db', join(work, 'x.db')], { cwd: work });
    running.add(child);
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(2);
    expect(err).toContain('端口');
  }, 30_000);
});
