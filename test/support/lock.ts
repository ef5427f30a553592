/**
 * A lock between the test processes of a run (Vitest runs test files side by side, each in a
 * process of its own): a directory made with mkdir, which only one process can make, holding its
 * owner's pid. Another process waits until the owner removes it — or is gone (a killed worker's
 * lock is taken over), or the lock is older than `staleMs`.
 *
 *   await withLock('/tmp/x.lock', async () => { if (!done()) await doIt(); });
 *
 * Whoever waited must check again, inside the lock, whether the work is still to do.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function isStale(lock: string, staleMs: number): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > staleMs) return true;
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0); // throws when the process is gone
    return false;
  } catch (e) {
    // no pid file yet: the owner is between mkdir and writeFile (or the lock just went) — not stale
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    return true;
  }
}

/** Runs `work` holding the lock directory `lock` (see the top); the lock is removed after, whatever the outcome. */
export async function withLock<T>(lock: string, work: () => Promise<T>, staleMs = 5 * 60_000): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lock); // atomic: only one process gets it
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (isStale(lock, staleMs)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
