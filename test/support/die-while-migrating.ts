/**
 * A child process for test/db/migration-crash.test.ts. Opens, and so creates and migrates, the
 * database named by argv[2] (a SQLite file or a postgres:// URL) through the real openDatabase,
 * counting the SQL statements that complete, and kills itself with SIGKILL right after statement
 * number argv[3] has run: a power cut or `kill -9` at exactly that point. Without a number, or
 * when opening needs fewer statements, it finishes and prints on stdout
 * `{"statements": n, "applied": m}`: m counts the migrations it recorded itself (its INSERTs
 * into kysely_migration), 0 when another process had migrated the database.
 *
 *   node --import tsx test/support/die-while-migrating.ts /tmp/x/jixiao.db 17
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { closeDatabase, openDatabase } from '../../src/server/db/database';

const [target, killAtArg] = process.argv.slice(2);
if (target === undefined) throw new Error('usage: die-while-migrating.ts DB [STATEMENT]');
const killAt = killAtArg === undefined ? Infinity : Number(killAtArg);

let statements = 0;
let applied = 0;
function completed(text: unknown): void {
  statements += 1;
  if (typeof text === 'string' && /^insert into "kysely_migration"/i.test(text)) applied += 1;
  if (statements === killAt) process.kill(process.pid, 'SIGKILL');
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

const db = await openDatabase(/^postgres(ql)?:\/\//.test(target) ? { url: target, poolSize: 2 } : { path: target });
await closeDatabase(db);
process.stdout.write(JSON.stringify({ statements, applied }));
