/**
 * The server's start-up drain of the monitoring figures (drainMonitoringFigures: what a bulk load
 * queued, 100,000 projects after `jixiao generate`) in a worker thread of its own, on a
 * connection of its own, ended when the queue is empty. Everything the drain allocates (the
 * projects, records and figures of each batch) lives in the worker's heap and goes with it,
 * instead of growing the server's heap to several times what stays alive: on SQLite the server's
 * peak under the 50-client load after such a start was 310 MiB resident against 290 MiB when
 * it started with nothing queued (issue 18; BENCHMARKS.md). The worker is the parse pool's
 * (same entry, same limits), a pool of one thread closed after the drain.
 *
 * Region reads through the server's handle wait for it (drainingBy) as for a drain in this thread.
 * Nothing is started when nothing is queued; a SQLite database in memory (tests) cannot be opened
 * from another thread and is drained here.
 */
import type { DatabaseTarget } from '../../db/database';
import type { Db } from '../../db/schema';
import { createParsePool } from '../imports/parse-pool';
import { drainingBy, drainMonitoringFigures, figuresStale } from './figures.service';

export function drainFiguresAtStart(db: Db, target: DatabaseTarget, signal: AbortSignal): Promise<void> {
  if (target.dialect === 'sqlite' && (target.path === ':memory:' || target.path === '')) return drainMonitoringFigures(db, { signal });
  return drainingBy(db, async () => {
    if (!(await figuresStale(db))) return;
    const pool = createParsePool({ threads: 1, timeoutSeconds: null });
    // The server closing ends the worker: the batch it was computing is rolled back with its
    // connection, and what is left stays queued for the next read (as drainMonitoringFigures
    // stops between batches).
    const stop = () => void pool.close();
    signal.addEventListener('abort', stop, { once: true });
    try {
      await pool.run('drainFigures', { target });
    } catch (error) {
      if (!signal.aborted) throw error;
    } finally {
      signal.removeEventListener('abort', stop);
      await pool.close();
    }
  });
}
