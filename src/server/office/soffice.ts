/**
 * Every LibreOffice process Jixiao starts — an old Office file converted for the importers
 * (importers/office/convert.ts), a document exported as PDF (exporters/pdf-exporter.ts) — runs through here
 * (issue 72), so that none outlives its limit or leaves anything behind:
 *
 * - **its own folder and profile**: a new temporary folder holds the input, the output, its HOME and a private
 *   LibreOffice profile (office/profile.ts); the folder is removed when the run ends, however it ends;
 * - **its own process group**: `soffice` is a script that starts `oosplash`, which starts `soffice.bin`; killing
 *   the script alone leaves `soffice.bin` running, re-parented, burning a core and holding the pipes (a request
 *   waiting for them never answered). The whole group is killed at the time limit, when the caller gives up
 *   (`signal`), and after the script exits (whatever it left behind);
 * - **a bounded number at once**: OFFICE_LIMITS.concurrent processes in this server or command, OFFICE_LIMITS.waiting
 *   more waiting for one; one more is refused at once (OfficeBusyError), with a message for people.
 *
 * The server reads uploads in worker threads (modules/imports/parse-pool.ts), and a worker that runs out of time is
 * ended without running its `finally` blocks: its conversions are therefore run here, in the main thread, asked for
 * by the worker (modules/imports/worker-conversions.ts), and cancelled when the worker's task is.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const OFFICE_LIMITS = {
  /** LibreOffice processes at once (each takes hundreds of MB and a core while it converts). */
  concurrent: 2,
  /** Conversions waiting for a free process; one more is refused at once. */
  waiting: 8,
} as const;

/** Too many conversions under way and waiting: refused at once, saying so. */
export class OfficeBusyError extends Error {
  constructor() {
    super(`LibreOffice 转换繁忙：已有 ${OFFICE_LIMITS.concurrent} 个文件正在转换、${OFFICE_LIMITS.waiting} 个在等待，请稍后再试`);
    this.name = 'OfficeBusyError';
  }
}

/** The caller gave up (its signal) before or while LibreOffice ran. */
export class OfficeAbortedError extends Error {
  constructor() {
    super('LibreOffice 转换已取消');
    this.name = 'AbortError';
  }
}

let running = 0;
const queue: { start: () => void; abort: () => void }[] = [];

/** Waits for a free process (or refuses: busy; aborted); release() gives it back. */
async function acquire(signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) throw new OfficeAbortedError();
  if (running < OFFICE_LIMITS.concurrent) {
    running++;
    return;
  }
  if (queue.length >= OFFICE_LIMITS.waiting) throw new OfficeBusyError();
  await new Promise<void>((resolve, reject) => {
    const entry = {
      start: () => {
        signal?.removeEventListener('abort', entry.abort);
        resolve();
      },
      abort: () => {
        const at = queue.indexOf(entry);
        if (at >= 0) queue.splice(at, 1);
        reject(new OfficeAbortedError());
      },
    };
    signal?.addEventListener('abort', entry.abort, { once: true });
    queue.push(entry);
  });
}

/** The process goes to the first waiting conversion (the count stays), else the count goes down. */
function release(): void {
  const next = queue.shift();
  if (next) next.start();
  else running--;
}

/** LibreOffice processes running and conversions waiting now (tests, and the limits' refusal). */
export function officeLoad(): { running: number; waiting: number } {
  return { running, waiting: queue.length };
}

/**
 * Runs `task` with a new temporary folder (`jixiao-<prefix>-…`) once a LibreOffice process is free; the folder is
 * removed when the task ends. Rejects with OfficeBusyError when too many wait, OfficeAbortedError when `signal`
 * aborts while it waits.
 */
export async function inOfficeFolder<T>(prefix: string, signal: AbortSignal | undefined, task: (dir: string) => Promise<T>): Promise<T> {
  await acquire(signal);
  try {
    const dir = await mkdtemp(join(tmpdir(), `jixiao-${prefix}-`));
    try {
      return await task(dir);
    } finally {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  } finally {
    release();
  }
}

export interface SofficeRun {
  soffice: string;
  args: string[];
  /** The run's folder: its working directory and HOME (nothing is written to the user's). */
  dir: string;
  env?: Record<string, string>;
  timeoutMs: number;
  /** Aborted: the group is killed, and the run ends as 'aborted'. */
  signal?: AbortSignal;
}

export type SofficeOutcome =
  | { kind: 'exited'; code: number | null; stderr: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'missing' };

/**
 * Runs soffice in a process group of its own and waits for it to exit (not for its pipes to close: a process it
 * left behind would hold them); the group is killed at the time limit, on `signal`, and after the exit.
 */
export function runSoffice(run: SofficeRun): Promise<SofficeOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let ended: 'timeout' | 'aborted' | null = null;
    let stderr = '';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(run.soffice, run.args, {
        cwd: run.dir,
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, HOME: run.dir, ...run.env },
      });
    } catch {
      resolve({ kind: 'exited', code: null, stderr: '' });
      return;
    }
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is gone already (or there are no process groups: Windows)
        child.kill('SIGKILL');
      }
    };
    const end = (why: 'timeout' | 'aborted') => {
      ended ??= why;
      killGroup();
    };
    const timer = setTimeout(() => end('timeout'), run.timeoutMs);
    const onAbort = () => end('aborted');
    run.signal?.addEventListener('abort', onAbort, { once: true });
    if (run.signal?.aborted) end('aborted');
    const finish = (outcome: SofficeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      child.stderr?.destroy();
      resolve(outcome);
    };
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish(e.code === 'ENOENT' || e.code === 'EACCES' ? { kind: 'missing' } : { kind: 'exited', code: null, stderr: e.message });
    });
    child.on('exit', (code) => {
      // whatever soffice left behind (soffice.bin, re-parented) must not run on, nor hold the folder or the pipe
      killGroup();
      finish(ended !== null ? { kind: ended } : { kind: 'exited', code, stderr });
    });
  });
}

/** soffice: the given path, else on PATH, else where LibreOffice installs itself; null when none runs. */
export async function findSoffice(explicit?: string): Promise<string | null> {
  if (explicit !== undefined) return (await isExecutable(explicit)) ? explicit : null;
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir) candidates.push(join(dir, 'soffice'), join(dir, 'libreoffice'));
  }
  candidates.push('/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice');
  try {
    for (const name of (await readdir('/opt')).sort().reverse()) {
      if (/^libreoffice/i.test(name)) candidates.push(join('/opt', name, 'program', 'soffice'));
    }
  } catch {
    // no /opt
  }
  candidates.push('/Applications/LibreOffice.app/Contents/MacOS/soffice');
  for (const candidate of candidates) if (await isExecutable(candidate)) return candidate;
  return null;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
