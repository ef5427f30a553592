/**
 * The real server for the benchmarks that measure it from outside (bench:load, bench:upload): the
 * `jixiao` command as a child process, `serve` started and stopped, a signed-in session, and
 * latency percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
