/**
 * API load benchmark: `npm run bench:load [-- --projects 100000 --seed 1 --connections 50 --duration 10 --warmup 2
 *   --db sqlite|postgres|both --no-monitoring --fresh --no-write]`.
 *
 * For each database:
 *
 *   1. builds the data with the real `jixiao generate --projects N --seed S` run as a child process
 *      (SQLite: a file kept in the system temp folder per size, seed and monitoring, reused by
 *      later runs unless --fresh; PostgreSQL: a database in a throwaway cluster, scripts/pg-cluster.mjs);
 *   2. starts the real server as a child process (`node bin/jixiao.js serve --port 0 --db …`), so
 *      that its memory is its own, and signs in as `reviewer` (session cookie);
 *   3. runs autocannon with `--connections` clients for `--duration` seconds per scenario — the
 *      project list (first page, filters, name search), the project page (ids varying across
 *      requests), the department page and the reviewer dashboard — after a `--warmup` run of its
 *      own, and reports requests/s and the
 *      p50/p95/p99 latency of every response (collected from autocannon's response events);
 *      any non-2xx answer, error or timeout fails the run;
 *   4. reads the server's peak resident memory (VmHWM in /proc/<pid>/status) at the end.
 *
 * The load tool runs in this process, on the same machine as the server: both share the CPUs.
 * Progress on stderr, the report on stdout; its section of BENCHMARKS.md unless --no-write.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { drain, getJson, procMemory, runCli, runScenario, signIn, startServer, type Scenario, type ScenarioResult } from './server';
import { fmtInt, log, machine, markers, packageVersion, positiveArg, writeBenchmarkSection } from './support';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    db: { type: 'string', default: 'both' },
    'no-monitoring': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const PROJECTS = positiveArg('projects', values.projects);
const SEED = positiveArg('seed', values.seed);
const CONNECTIONS = positiveArg('connections', values.connections);
const DURATION = positiveArg('duration', values.duration);
const WARMUP = positiveArg('warmup', values.warmup);
const MONITORING = !values['no-monitoring'];
const FRESH = values.fresh === true;
const WRITE = !values['no-write'];
if (!['sqlite', 'postgres', 'both'].includes(values.db!)) {
  console.error(`--db must be sqlite, postgres or both, got ${values.db}`);
  process.exit(2);
}
const DATABASES = (values.db === 'both' ? ['sqlite', 'postgres'] : [values.db]) as ('sqlite' | 'postgres')[];
const YEAR = 2025;
const { start: START_MARK, end: END_MARK } = markers('load');

// ---------------------------------------------------------------------------------------------
// Child processes

// ---------------------------------------------------------------------------------------------
// The data

/** SQLite: the cached file for this size, seed and monitoring, generated when missing (or --fresh). */
async function sqliteDatabase(): Promise<{ db: string; generateMs: number | null; cleanup: () => void }> {
  const path = join(os.tmpdir(), `jixiao-load-${PROJECTS}-seed${SEED}${MONITORING ? '' : '-nomon'}.db`);
  const done = `${path}.complete`;
  if (!FRESH && existsSync(path) && existsSync(done)) {
    log(`sqlite: reusing ${path} (--fresh rebuilds it)`);
    return { db: path, generateMs: null, cleanup: () => {} };
  }
  for (const f of [path, `${path}-wal`, `${path}-shm`, done]) rmSync(f, { force: true });
  log(`sqlite: jixiao generate --projects ${PROJECTS} --seed ${SEED}${MONITORING ? '' : ' --no-monitoring'} --db ${path}`);
  const t0 = performance.now();
  const out = await runCli(['generate', '--projects', String(PROJECTS), '--seed', String(SEED), '--db', path, ...(MONITORING ? [] : ['--no-monitoring'])]);
  const generateMs = performance.now() - t0;
  process.stderr.write(out);
  writeFileSync(done, new Date().toISOString());
  return { db: path, generateMs, cleanup: () => {} };
}

/** PostgreSQL: a throwaway cluster, its database generated. */
async function postgresDatabase(): Promise<{ db: string; generateMs: number; cleanup: () => void; version: string }> {
  // @ts-expect-error: a plain .mjs script without types
  const { startCluster } = (await import('../scripts/pg-cluster.mjs')) as {
    startCluster(opts: { log: (m: string) => void }): Promise<{ url: string; version: string; stop(): void }>;
  };
  const cluster = await startCluster({ log });
  try {
    log(`postgres ${cluster.version}: jixiao generate --projects ${PROJECTS} --seed ${SEED}${MONITORING ? '' : ' --no-monitoring'} (throwaway cluster)`);
    const t0 = performance.now();
    const out = await runCli(['generate', '--projects', String(PROJECTS), '--seed', String(SEED), '--db', cluster.url, ...(MONITORING ? [] : ['--no-monitoring'])]);
    const generateMs = performance.now() - t0;
    process.stderr.write(out);
    return { db: cluster.url, generateMs, cleanup: () => cluster.stop(), version: cluster.version };
  } catch (e) {
    cluster.stop();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The session and the ids

/** Project ids spread over the whole list (pages of 100 at even intervals), and the departments of YEAR. */
async function sampleIds(base: string, cookie: string): Promise<{ projects: number[]; departments: number[]; total: number }> {
  type Page = { items: { id: number }[]; total: number };
  const first = await getJson<Page>(base, `/api/projects?pageSize=100&sort=code`, cookie);
  const pages = Math.ceil(first.total / 100);
  const wanted = Math.min(pages, 10);
  const projects = new Set(first.items.map((p) => p.id));
  for (let k = 1; k < wanted; k++) {
    const page = 1 + Math.floor((k * pages) / wanted);
    for (const p of (await getJson<Page>(base, `/api/projects?pageSize=100&sort=code&page=${page}`, cookie)).items) projects.add(p.id);
  }
  const departments = await getJson<unknown>(base, `/api/departments?year=${YEAR}`, cookie);
  const rows = (Array.isArray(departments) ? departments : ((departments as { items?: unknown[] }).items ?? [])) as { id?: number; departmentId?: number }[];
  const departmentIds = [...new Set(rows.map((d) => d.departmentId ?? d.id).filter((id): id is number => typeof id === 'number'))];
  if (projects.size === 0 || departmentIds.length === 0) throw new Error(`no projects (${projects.size}) or no departments (${departmentIds.length}) to request`);
  return { projects: [...projects], departments: departmentIds, total: first.total };
}

// ---------------------------------------------------------------------------------------------
// The scenarios


function scenarios(ids: { projects: number[]; departments: number[] }): Scenario[] {
  const cycle = (xs: number[], format: (id: number) => string) => {
    let i = 0;
    return () => format(xs[i++ % xs.length]!);
  };
  const q = encodeURIComponent('社区');
  return [
    { name: 'project list, first page', request: 'GET /api/projects', path: '/api/projects' },
    {
      name: 'project list, filtered',
      request: 'GET /api/projects?status=submitted,approved&category=vague&sort=score&order=desc',
      path: '/api/projects?status=submitted,approved&category=vague&sort=score&order=desc',
    },
    { name: 'project list, name search', request: 'GET /api/projects?q=社区', path: `/api/projects?q=${q}` },
    {
      name: 'project page',
      request: `GET /api/projects/:id (${ids.projects.length} ids in turn)`,
      path: cycle(ids.projects, (id) => `/api/projects/${id}`),
    },
    {
      name: 'department page',
      request: `GET /api/departments/:id?year=${YEAR} (${ids.departments.length} ids in turn)`,
      path: cycle(ids.departments, (id) => `/api/departments/${id}?year=${YEAR}`),
    },
    { name: 'reviewer dashboard', request: `GET /api/dashboard?year=${YEAR}`, path: `/api/dashboard?year=${YEAR}` },
  ];
}

// ---------------------------------------------------------------------------------------------
// Main

interface DatabaseRun {
  database: 'sqlite' | 'postgres';
  label: string;
  generateMs: number | null;
  total: number;
  results: ScenarioResult[];
  startRssMiB: number | null;
  /** The peak (VmHWM) once the start-up drain of the monitoring figures is over, before the scenarios. */
  drainPeakRssMiB: number | null;
  peakRssMiB: number | null;
  /** The region monitoring summary read right after start-up (it waits for the figures drained then), and once more. */
  firstRegionMs: number;
  nextRegionMs: number;
}

async function benchDatabase(database: 'sqlite' | 'postgres'): Promise<DatabaseRun> {
  const data = database === 'sqlite' ? await sqliteDatabase() : await postgresDatabase();
  try {
    log(`${database}: starting the server`);
    const server = await startServer(data.db);
    try {
      const startRssMiB = procMemory(server.pid, 'VmRSS');
      const cookie = await signIn(server.url);
      // The server computes the monitoring figures a bulk load queued at its start, in the
      // background (drainMonitoringFigures); a region read waits for that. Timed here, and
      // awaited before the scenarios so that they do not run beside it.
      const t0 = performance.now();
      await getJson<unknown>(server.url, `/api/monitoring/region?year=${YEAR}&asOf=${YEAR}-06-30`, cookie);
      const firstRegionMs = performance.now() - t0;
      const t1 = performance.now();
      await getJson<unknown>(server.url, `/api/monitoring/region?year=${YEAR}&asOf=${YEAR}-06-30`, cookie);
      const nextRegionMs = performance.now() - t1;
      const drainPeakRssMiB = procMemory(server.pid, 'VmHWM');
      log(`${database}: first region monitoring read ${(firstRegionMs / 1000).toFixed(1)} s after start-up (waits for the figures), the next ${nextRegionMs.toFixed(0)} ms; peak memory so far ${Math.round(drainPeakRssMiB ?? 0)} MiB`);
      const ids = await sampleIds(server.url, cookie);
      log(`${database}: ${fmtInt(ids.total)} projects listed; ${ids.projects.length} project ids, ${ids.departments.length} departments to request`);
      const results: ScenarioResult[] = [];
      for (const scenario of scenarios(ids)) {
        // A warm-up (JIT, caches, the database's own caches), not measured. Without it the first
        // requests of some of the fresh connections wait for seconds on a server just started.
        await runScenario(server.url, cookie, scenario, WARMUP, CONNECTIONS);
        await drain(server.url);
        const r = await runScenario(server.url, cookie, scenario, DURATION, CONNECTIONS);
        await drain(server.url);
        log(
          `${database}: ${scenario.name.padEnd(26)} ${fmtInt(r.perSecond).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms (${r.p99Steady.toFixed(1)} ms without first responses; slowest first ${r.firstMax.toFixed(0)} ms)  non-2xx ${r.non2xx}  errors ${r.errors}  timeouts ${r.timeouts}  peak memory so far ${Math.round(procMemory(server.pid, 'VmHWM') ?? 0)} MiB`,
        );
        if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0 || r.requests === 0) {
          throw new Error(`${database}: ${scenario.request}: ${r.non2xx} non-2xx answers, ${r.errors} errors, ${r.timeouts} timeouts out of ${r.requests} requests`);
        }
        results.push(r);
      }
      const peakRssMiB = procMemory(server.pid, 'VmHWM');
      const label = database === 'sqlite' ? `SQLite (${data.db})` : `PostgreSQL ${(data as { version?: string }).version ?? ''} (throwaway cluster, durability off)`;
      return { database, label, generateMs: data.generateMs, total: ids.total, results, startRssMiB, drainPeakRssMiB, peakRssMiB, firstRegionMs, nextRegionMs };
    } finally {
      await server.stop();
    }
  } finally {
    data.cleanup();
  }
}

function report(runs: DatabaseRun[], env: ReturnType<typeof machine>, command: string): string {
  const lines: string[] = [];
  lines.push(`## API under load (${fmtInt(PROJECTS)} projects, ${CONNECTIONS} concurrent clients)`);
  lines.push('');
  lines.push(`\`${command}\` — the real server (\`jixiao serve\`, a child process) on data made by`);
  lines.push(`\`jixiao generate --projects ${PROJECTS} --seed ${SEED}${MONITORING ? '' : ' --no-monitoring'}\`, signed in as \`reviewer\`; autocannon with`);
  lines.push(`${CONNECTIONS} connections, ${DURATION} s per scenario after a ${WARMUP} s warm-up (its own connections), in the same machine as the server (they share the CPUs).`);
  lines.push(`Latency percentiles over every response; also the p99 without each connection's first response, and the slowest`);
  lines.push(`first response (a connection's first request can wait behind the others on a saturated server). Every answer was 2xx (the run fails otherwise).`);
  lines.push(`The list and dashboard scenarios repeat one request: after its first answer they are served from the aggregates the server keeps until the data`);
  lines.push(`changes (counts, the list's ordered ids); what a request right after a change costs is measured by \`npm run bench:api\`. The project and department`);
  lines.push(`pages go through many different ids and keep nothing: each reads its rows.`);
  if (!MONITORING) lines.push(`The data was generated **without** monitoring (execution records, self-evaluations): --no-monitoring.`);
  lines.push('');
  lines.push(
    `Machine: ${env.cpu}, ${env.cores} cores, ${env.memory}, ${env.os}; Node ${env.node}, SQLite ${env.sqlite} (better-sqlite3 ${env.betterSqlite3}), Kysely ${env.kysely}, autocannon ${packageVersion('autocannon')}; load average ${env.load} at the start.`,
  );
  for (const run of runs) {
    lines.push('');
    lines.push(`### ${run.label}`);
    lines.push('');
    lines.push(
      `${fmtInt(run.total)} projects listed by the reviewer. ${run.generateMs === null ? 'Data reused from an earlier run.' : `\`jixiao generate\` took ${(run.generateMs / 1000).toFixed(1)} s.`} Server memory: ${run.startRssMiB === null ? '?' : fmtInt(run.startRssMiB)} MiB resident after start, ${run.drainPeakRssMiB === null ? '?' : fmtInt(run.drainPeakRssMiB)} MiB peak after the start-up drain, **${run.peakRssMiB === null ? '?' : fmtInt(run.peakRssMiB)} MiB peak** (VmHWM) at the end. The region's monitoring summary, read right after the start: ${(run.firstRegionMs / 1000).toFixed(1)} s (it waits for the monitoring figures the bulk load queued, computed by the server at its start in the background), then ${fmtInt(run.nextRegionMs)} ms.`,
    );
    lines.push('');
    lines.push('| scenario | request | requests/s | p50 ms | p95 ms | p99 ms | max ms | p99 ms without first responses | slowest first response ms | non-2xx |');
    lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const r of run.results) {
      lines.push(
        `| ${r.scenario.name} | \`${r.scenario.request}\` | ${fmtInt(r.perSecond)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(0)} | ${r.p99Steady.toFixed(1)} | ${r.firstMax.toFixed(0)} | ${r.non2xx} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-'));
  const env = machine(tmp);
  rmSync(tmp, { recursive: true, force: true });
  const command = `npm run bench:load -- ${process.argv.slice(2).join(' ')}`.trim();
  log(`bench:load — ${fmtInt(PROJECTS)} projects, ${CONNECTIONS} connections, ${DURATION} s per scenario, on ${DATABASES.join(' and ')}; ${env.cpu} (${env.cores} cores)`);
  if (!MONITORING) log('note: --no-monitoring: the data has no execution records or self-evaluations');
  const runs: DatabaseRun[] = [];
  for (const database of DATABASES) runs.push(await benchDatabase(database));
  const text = report(runs, env, command);
  process.stdout.write(`${text}\n`);
  if (WRITE) writeBenchmarkSection('load', `${START_MARK}\n${text}\n${END_MARK}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
