/**
 * Counts the SQL statements that complete in this process, on both databases, and kills the process with SIGKILL right
 * after statement number `killAt`: a power cut or `kill -9` at exactly that point. For the child processes of the
 * crash tests (die-while-migrating.ts, die-while-writing.ts): the moments are statements, not milliseconds, so every
 * run kills at the same place.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

export interface StatementCounter {
  /** Statements completed since counting began. */
  readonly count: number;
  /** Completed statements whose SQL matched `pattern`. */
  matching(pattern: RegExp): number;
  /** Kill after statement `k` (counted from now on; Infinity: never), and count from zero. */
  arm(k: number): void;
}

export function countStatements(): StatementCounter {
  let count = 0;
  let killAt = Infinity;
  const texts: string[] = [];
  function completed(text: unknown): void {
    count += 1;
    texts.push(typeof text === 'string' ? text : '');
    if (count === killAt) process.kill(process.pid, 'SIGKILL');
  }

  // SQLite: every statement Kysely runs is a prepared better-sqlite3 Statement (pragmas too).
  const statementProto = Object.getPrototypeOf(new Database(':memory:').prepare('select 1')) as Record<string, (...a: unknown[]) => unknown> & { source?: string };
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = statementProto[method]!;
    statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
      const result = original.apply(this, args);
      completed(this.source);
      return result;
    };
  }

  // PostgreSQL: every statement goes through a pooled pg.Client's query (promise form).
  const originalQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const result = originalQuery.apply(this, args);
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === 'string' ? config : config?.text;
    if (result instanceof Promise) {
      return result.then((r: unknown) => {
        completed(text);
        return r;
      });
    }
    return result;
  } as typeof pg.Client.prototype.query;

  return {
    get count() {
      return count;
    },
    matching: (pattern) => texts.filter((t) => pattern.test(t)).length,
    arm(k) {
      count = 0;
      texts.length = 0;
      killAt = k;
    },
  };
}
