/**
 * The real server for the benchmarks that measure it from outside (bench:load, bench:upload): the
 * `jixiao` command as a child process, `serve` started and stopped, a signed-in session, and
 * latency percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { buildServer, serverBuildReason } from '../scripts/server-build.mjs';
import { ROOT } from './support';

const BIN = join(ROOT, 'bin', 'jixiao.js');

/** Runs `node bin/jixiao.js ARGS`, progress passed through to stderr; rejects on a non-zero exit. */
export function runCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: cliEnv() });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.pipe(process.stderr);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`jixiao ${args.join(' ')} exited with ${code}\n${stdout}`))));
  });
}

/** The environment of the children: no DATABASE_URL or JIXIAO_DB of our own to override --db. */
export function cliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.JIXIAO_DB;
  return env;
}

export interface Server {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `jixiao serve --port 0 --db DB` and waits for the address it prints: the built server
 * (dist/server), as `npm start` runs it, built first when missing or stale.
 */
export async function startServer(db: string): Promise<Server> {
  if (serverBuildReason() !== null) await buildServer();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db, '--demo'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: cliEnv(),
    });
    let output = '';
    let started = false;
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /绩效目标管理已启动：(http:\/\/\S+)/.exec(output);
      if (match && !started) {
        started = true;
        resolve({
          url: match[1]!,
          pid: child.pid!,
          child,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!started) reject(new Error(`the server exited with ${code} before it started:\n${output}`));
    });
  });
}

/** A /proc/<pid>/status field in MiB (VmHWM: peak resident set; VmRSS: current). */
export function procMemory(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The cookies a response sets, as `name=value` pairs. */
function setCookies(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/** Signs in (a demo account by default); the Cookie header of the session. */
export async function signIn(base: string, user = 'reviewer', password = 'jixiao-demo'): Promise<string> {
  const session = await fetch(`${base}/api/auth/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const cookie = setCookies(session).join('; ');
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
    body: JSON.stringify({ username: user, password }),
  });
  if (login.status !== 200) throw new Error(`login as ${user} answered ${login.status}: ${await login.text()}`);
  const jar = new Map<string, string>();
  for (const c of [...cookie.split('; '), ...setCookies(login)]) {
    const eq = c.indexOf('=');
    if (eq > 0) jar.set(c.slice(0, eq), c);
  }
  return [...jar.values()].join('; ');
}

export async function getJson<T>(base: string, path: string, cookie: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** The p-th percentile of sorted values (nearest rank). */
export const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);

// ---------------------------------------------------------------------------------------------
// Load: one scenario under autocannon (bench:load, bench:province)

export interface Scenario {
  name: string;
  /** What the report shows as the request. */
  request: string;
  /** A fixed path, or a path per request. */
  path: string | (() => string);
}

export interface ScenarioResult {
  scenario: Scenario;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** The p99 without each connection's first response. */
  p99Steady: number;
  /** The slowest first response of a connection. */
  firstMax: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function runScenario(base: string, cookie: string, scenario: Scenario, duration: number, connections: number): Promise<ScenarioResult> {
  const latencies: number[] = [];
  const fixed = typeof scenario.path === 'string' ? scenario.path : null;
  const next = typeof scenario.path === 'function' ? scenario.path : null;
  const options: autocannon.Options = {
    url: base,
    connections,
    duration,
    headers: { cookie },
    requests: [
      {
        method: 'GET',
        ...(fixed !== null ? { path: fixed } : {}),
        ...(next !== null ? { setupRequest: (req: autocannon.Request) => ({ ...req, path: next() }) } : {}),
      },
    ],
  };
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
  // Each connection's first response apart too: on a saturated server some of them wait for
  // seconds (seen with SQLite, whose queries run on the event loop), which decides the p99.
  const seen = new Set<unknown>();
  const steady: number[] = [];
  let firstMax = 0;
  instance.on('response', (client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (seen.has(client)) steady.push(responseTime);
    else {
      seen.add(client);
      firstMax = Math.max(firstMax, responseTime);
    }
  });
  const result = await done;
  latencies.sort((a, b) => a - b);
  steady.sort((a, b) => a - b);
  return {
    scenario,
    requests: result.requests.total,
    perSecond: result.requests.total / (result.duration || duration),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    p99Steady: percentile(steady, 99),
    firstMax,
    max: latencies[latencies.length - 1] ?? NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * Waits until the server has worked off the requests still queued when autocannon stopped (it
 * goes on answering requests whose connections closed): a probe request answers only after them.
 * Otherwise the next scenario would start behind the last one's backlog.
 */
export async function drain(base: string): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await (await fetch(`${base}/api/auth/session`)).arrayBuffer();
    if (performance.now() - t0 < 50) return;
  }
}

/** The CSRF token of a session (GET /api/auth/session), for its POST, PATCH and DELETE requests. */
export async function csrfToken(base: string, cookie: string): Promise<string> {
  return ((await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string }).csrfToken;
}

/** A JSON request that writes (POST by default), with the session's CSRF token; throws unless 200. */
export async function sendJson<T>(base: string, path: string, cookie: string, body: unknown, method = 'POST'): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': await csrfToken(base, cookie) },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
