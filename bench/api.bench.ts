/**
 * Project list benchmark: `npm run bench:api [-- --documents 4000 --tables 25 --iterations 40 --seed 1 --fresh --no-write]`.
 *
 * Builds (once; kept in the system's temp folder, `--fresh` rebuilds it) a database of
 * `documents × tables` projects — 100,000 by default — through the real import path
 * (generated corpus → parseDocumentBytes → storeDocument, review results included), then gives
 * the projects a spread of workflow statuses. Then, for typical list requests, it measures:
 *
 *   api, changed: GET /api/projects?… through `app.inject` as a signed-in reviewer (routing,
 *        session, zod validation, the repository's Kysely queries, serialisation) right after a
 *        change to the data (the data version moved on before each call), so the list's cached
 *        aggregates are computed again: median and p95;
 *   api, cached: the same request again, its aggregates cached: median and p95;
 *   raw: the very SQL statements a request after a change runs (every matching id in order, or
 *        the matching projects per document; the page's columns and finding categories),
 *        compiled by the repository's own builders and run through better-sqlite3 directly with
 *        prepared statements: the floor for that SQL.
 *
 * and shows each statement's EXPLAIN QUERY PLAN, flagging a full scan of `project` or a sort
 * without an index. Writes its section of BENCHMARKS.md unless --no-write.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app/app';
import { closeDatabase, openDatabase } from '../src/server/db/database';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { listProjects, type ProjectListFilter, type ProjectListPage } from '../src/server/db/project.repository';
import type { DatabaseSchema, Db } from '../src/server/db/schema';
import { insertUser } from '../src/server/db/user.repository';
import { bumpDataVersion } from '../src/server/db/data-version.repository';
import { generateCorpus } from '../src/server/demo-corpus/generate-corpus';
import { parseDocumentBytes } from '../src/server/importers/read-document';
import { hashPassword } from '../src/server/modules/auth/auth.service';
import { storeDocument } from '../src/server/modules/imports/store.service';
import { projectListQuerySchema } from '../src/shared/api/projects';
import { FIXTURE_DIR, fmtInt, fmtRatio, log, machine, markers, median, positiveArg, progressBar, writeBenchmarkSection } from './support';

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '4000' },
    tables: { type: 'string', default: '25' },
    iterations: { type: 'string', default: '40' },
    seed: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const DOCUMENTS = positiveArg('documents', values.documents);
const TABLES = positiveArg('tables', values.tables);
const ITERATIONS = positiveArg('iterations', values.iterations);
const SEED = positiveArg('seed', values.seed);
const WRITE = !values['no-write'];
const { start: START_MARK, end: END_MARK } = markers('api');
const IMPORTED_AT = new Date('2025-01-01T00:00:00.000Z');
const PASSWORD = 'bench-password';

// ---------------------------------------------------------------------------------------------
// The database

async function buildDatabase(path: string): Promise<number> {
  const t0 = performance.now();
  const corpus = await generateCorpus({ documents: DOCUMENTS, tablesPerDocument: TABLES, seed: SEED, fixtureDir: FIXTURE_DIR });
  const db = await openDatabase({ path });
  const bar = progressBar('importing corpus');
  bar.start(corpus.length, 0);
  try {
    for (const generated of corpus) {
      const doc = await parseDocumentBytes(Buffer.from(generated.text, 'utf8'), generated.file);
      await storeDocument(db, doc, { now: IMPORTED_AT });
      bar.increment();
    }
  } finally {
    bar.stop();
  }
  // A spread of workflow states: 60 % draft, 15 % submitted, 5 % returned, 10 % approved, 10 % published.
  const spread: [string, number, number][] = [
    ['submitted', 12, 14],
    ['returned', 15, 15],
    ['approved', 16, 17],
    ['published', 18, 19],
  ];
  const raw = new Database(path);
  for (const [status, from, to] of spread) {
    raw.prepare('update project set status = ? where id % 20 between ? and ?').run(status, from, to);
  }
  raw.pragma('optimize');
  raw.close();
  await closeDatabase(db);
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------------
// Requests

async function signIn(app: FastifyInstance, db: Db): Promise<Record<string, string>> {
  await insertUser(db, { username: 'bench-reviewer', displayName: '基准测试', passwordHash: await hashPassword(PASSWORD), role: 'reviewer', departmentId: null, createdAt: IMPORTED_AT.toISOString() });
  const session = await app.inject({ method: 'GET', url: '/api/auth/session' });
  const anonCookies = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { cookie: anonCookies, 'x-csrf-token': (session.json() as { csrfToken: string }).csrfToken, 'content-type': 'application/json' },
    payload: JSON.stringify({ username: 'bench-reviewer', password: PASSWORD }),
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  return { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

interface Case {
  name: string;
  query: string;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** The repository's filter and page for a query string, as the service builds them (reviewer: no scope). */
function repositoryArgs(query: string): { filter: ProjectListFilter; page: ProjectListPage } {
  const q = projectListQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
  return {
    filter: {
      departmentIds: q.department === undefined ? undefined : [q.department],
      year: q.year,
      statuses: q.status,
      minScoreHundredths: q.minScore === undefined ? undefined : Math.round(q.minScore * 100),
      maxScoreHundredths: q.maxScore === undefined ? undefined : Math.round(q.maxScore * 100),
      category: q.category,
      q: q.q,
    },
    page: { sort: q.sort, order: q.order, offset: (q.page - 1) * q.pageSize, limit: q.pageSize },
  };
}

interface Measured {
  name: string;
  query: string;
  total: number;
  apiMedian: number;
  apiP95: number;
  cachedMedian: number;
  cachedP95: number;
  rawMedian: number;
  plans: { statement: string; lines: string[]; scansProject: boolean; sortsWithoutIndex: boolean }[];
}

async function measure(app: FastifyInstance, db: Db, raw: Database.Database, headers: Record<string, string>, c: Case): Promise<Measured> {
  const url = `/api/projects${c.query === '' ? '' : `?${c.query}`}`;
  const call = async () => {
    const res = await app.inject({ method: 'GET', url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { total: number };
  };
  const first = await call();
  for (let i = 0; i < 3; i++) await call();
  const timed = async (changed: boolean) => {
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      if (changed) await bumpDataVersion(db);
      const t0 = performance.now();
      await call();
      times.push(performance.now() - t0);
    }
    return times;
  };
  const api = await timed(true);
  const cached = await timed(false);

  // The same statements, raw: those listProjects runs for this request, captured from a
  // logging Kysely handle on the same file, then prepared once and run with better-sqlite3.
  const { filter, page } = repositoryArgs(c.query);
  const captured: { sql: string; params: readonly unknown[] }[] = [];
  const logging = new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: new Database(raw.name, { readonly: true }) }),
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, params: event.query.parameters });
    },
  });
  // A memo that keeps nothing: the statements of a request whose aggregates are not cached.
  const direct = await listProjects(logging, filter, page, { memo: (_key, compute) => compute() });
  await logging.destroy();
  if (direct.total !== first.total) throw new Error(`${c.name}: ${direct.total} rows directly, ${first.total} through the API`);
  const label = (sql: string) =>
    /group by/.test(sql) ? 'documents' : /"d"\."id" in \(/.test(sql) ? 'page' : /coalesce/.test(sql) && !/order by/.test(sql) ? 'columns' : /^select "project_id", "category"/.test(sql) ? 'categories' : /limit/.test(sql) ? 'page' : 'ids';
  const statements = captured.map((s) => ({ label: label(s.sql), sql: s.sql, params: s.params, stmt: raw.prepare(s.sql) }));
  const runRaw = () => {
    for (const s of statements) s.stmt.all(...(s.params as unknown[]));
  };
  for (let i = 0; i < 3; i++) runRaw();
  const rawTimes: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    runRaw();
    rawTimes.push(performance.now() - t0);
  }

  const plans = statements.map((s) => {
    const lines = (raw.prepare(`explain query plan ${s.sql}`).all(...(s.params as unknown[])) as { detail: string }[]).map((r) => r.detail);
    return {
      statement: s.label,
      lines,
      scansProject: lines.some((l) => /^SCAN (p|project)$/.test(l)),
      sortsWithoutIndex: lines.some((l) => /USE TEMP B-TREE FOR ORDER BY/.test(l)),
    };
  });
  return {
    name: c.name,
    query: c.query,
    total: first.total,
    apiMedian: median(api),
    apiP95: quantile(api, 0.95),
    cachedMedian: median(cached),
    cachedP95: quantile(cached, 0.95),
    rawMedian: median(rawTimes),
    plans,
  };
}

// ---------------------------------------------------------------------------------------------

const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-'));
  const env = machine(tmp);
  rmSync(tmp, { recursive: true, force: true });
  const path = join(os.tmpdir(), `jixiao-api-bench-${DOCUMENTS}x${TABLES}-seed${SEED}.db`);
  let buildMs: number | null = null;
  if (values.fresh || !existsSync(path)) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    log(`bench:api — building ${fmtInt(DOCUMENTS * TABLES)} projects into ${path}`);
    buildMs = await buildDatabase(path);
  } else {
    log(`bench:api — reusing ${path} (--fresh to rebuild)`);
  }

  const db = await openDatabase({ path });
  const counts = await db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .select((eb) => [eb.fn.countAll<number>().as('n')])
    .where('document.isCurrent', '=', 1)
    .executeTakeFirstOrThrow();
  const departments = await db.selectFrom('department').select('id').orderBy('id').execute();
  const app = await buildApp({ db, webRoot: null });
  await app.ready();
  const raw = new Database(path, { readonly: true });
  try {
    await db.deleteFrom('appUser').where('username', '=', 'bench-reviewer').execute();
    const headers = await signIn(app, db);
    const mid = departments[Math.floor(departments.length / 2)]!.id;
    const cases: Case[] = [
      { name: 'first page, default sort (department, year, document order)', query: '' },
      { name: 'first page sorted by code', query: 'sort=code' },
      { name: 'first page sorted by budget', query: 'sort=budget&order=desc' },
      { name: 'one department', query: `department=${mid}` },
      { name: 'status submitted, sorted by score (worst first)', query: 'status=submitted&sort=score&order=asc' },
      { name: 'finding category “vague”', query: 'category=vague' },
      { name: 'name search “社区”', query: `q=${encodeURIComponent('社区')}` },
      { name: 'page 2000 (offset 39,980), default sort', query: 'page=2000' },
      { name: 'page 2000 sorted by code', query: 'page=2000&sort=code' },
    ];
    const results: Measured[] = [];
    for (const c of cases) {
      log(`  ${c.name}`);
      results.push(await measure(app, db, raw, headers, c));
    }
    const report = render(env, counts.n, buildMs, path, results);
    process.stdout.write(`${report}\n`);
    if (WRITE) writeBenchmarkSection('api', report);
  } finally {
    raw.close();
    await app.close();
    await closeDatabase(db);
  }
}

function render(env: ReturnType<typeof machine>, projects: number, buildMs: number | null, path: string, results: Measured[]): string {
  const size = (statSync(path).size / 1024 ** 2).toFixed(0);
  const rows = results.map((r) => {
    const flags = r.plans.flatMap((p) => [...(p.scansProject ? [`${p.statement}: scans project`] : []), ...(p.sortsWithoutIndex ? [`${p.statement}: sorts`] : [])]);
    return `| ${r.name} | \`${decodeURIComponent(r.query) || '(none)'}\` | ${fmtInt(r.total)} | ${ms(r.apiMedian)} | ${ms(r.apiP95)} | ${ms(r.rawMedian)} | ${fmtRatio(r.apiMedian / r.rawMedian)} | ${ms(r.cachedMedian)} | ${ms(r.cachedP95)} | ${flags.join('; ') || '–'} |`;
  });
  const plans = results.flatMap((r) => [
    `- **${r.name}**`,
    ...r.plans.map((p) => `  - ${p.statement}: ${p.lines.map((l) => `\`${l}\``).join(' · ')}`),
  ]);
  return [
    START_MARK,
    '## Project list: 100,000 projects through the API',
    '',
    `Command: \`npm run bench:api\` (--documents ${DOCUMENTS} --tables ${TABLES} --iterations ${ITERATIONS} --seed ${SEED}) · date: ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Machine: ${env.cpu}, ${env.cores} cores; memory ${env.memory}; ${env.os}; Node ${env.node}; SQLite ${env.sqlite} (better-sqlite3 ${env.betterSqlite3}); Kysely ${env.kysely}; load average ${env.load} when the run started.`,
    '',
    `Database: ${fmtInt(projects)} current projects (${fmtInt(DOCUMENTS)} generated documents of ${TABLES} tables, one department each, years 2022–2026) imported through storeDocument with their review results, statuses spread 60 % draft / 15 % submitted / 5 % returned / 10 % approved / 10 % published; a ${size} MiB SQLite file (WAL)${buildMs === null ? ', built by an earlier run' : `, built in ${(buildMs / 1000).toFixed(0)} s`}.`,
    '',
    `Each request is measured ${ITERATIONS} times after 3 warm-ups, in two ways. **after a change**: \`GET /api/projects?…\` through \`app.inject\` as a signed-in reviewer (session lookup, zod validation, the repository's Kysely queries, JSON serialisation) with the data version moved on before each call, as any change to the data does, so that the list's aggregates (every matching id in order; for the department sort, the matching projects per document) are computed again. **cached**: the same request with them cached, what every later request until the next change costs. **raw**: the very statements a request after a change runs (captured from a logging Kysely handle), prepared once and run with better-sqlite3: the floor for that SQL. Pages of 20.`,
    '',
    '| request | query | matches | after a change: median (ms) | p95 (ms) | raw SQL median (ms) | after a change / raw | cached: median (ms) | p95 (ms) | query plan |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    '<details><summary>EXPLAIN QUERY PLAN of every statement</summary>',
    '',
    ...plans,
    '',
    '</details>',
    END_MARK,
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
