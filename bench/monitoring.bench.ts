/**
 * Region monitoring summary and self-evaluation ranking right after a change:
 * `npm run bench:monitoring [-- --projects 100000 --seed 1 --cycles 20 --baseline-cycles 3 --db sqlite|postgres|both --fresh --no-write]`.
 *
 * On data made by `jixiao generate --projects N --seed S` (SQLite: a file kept in the system temp
 * folder per size and seed, copied for each run; PostgreSQL: a throwaway cluster), it
 *
 *   1. computes the monitoring figures of the generated data once (what the first read after
 *      migration 0018 or a bulk load does: every project is queued);
 *   2. kept (the figures, figures.service.ts): `cycles` times, changes one execution record
 *      through saveExecutionRecord (the figures of that project and its department are computed
 *      in its transaction), then times getRegionMonitoringSummary and getRegionSelfEvaluationRanking;
 *   3. recomputed (the baseline: what the code did before, every monitored project loaded with
 *      its indicators on the first read after any change): `baseline-cycles` times the same change,
 *      then recomputeRegionMonitoringSummary and recomputeRegionSelfEvaluationRanking;
 *
 * and checks that both give the same answers. Median and p95 in milliseconds (wall clock; the
 * process's CPU time beside it, as the machine is shared). Writes its section of BENCHMARKS.md
 * unless --no-write.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { closeDatabase, openDatabase } from '../src/server/db/database';
import type { Db } from '../src/server/db/schema';
import { getExecutionRecord, saveExecutionRecord } from '../src/server/modules/execution-records/execution-record.service';
import { refreshMonitoringFigures } from '../src/server/modules/monitoring/figures.service';
import { getRegionMonitoringSummary, recomputeRegionMonitoringSummary } from '../src/server/modules/monitoring/monitoring.service';
import { getRegionSelfEvaluationRanking, recomputeRegionSelfEvaluationRanking } from '../src/server/modules/self-evaluation/self-evaluation.service';
import { percentile, runCli } from './server';
import { fmtInt, fmtRatio, log, machine, markers, median, positiveArg, writeBenchmarkSection } from './support';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    cycles: { type: 'string', default: '20' },
    'baseline-cycles': { type: 'string', default: '3' },
    db: { type: 'string', default: 'both' },
    fresh: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const PROJECTS = positiveArg('projects', values.projects);
const SEED = positiveArg('seed', values.seed);
const CYCLES = positiveArg('cycles', values.cycles);
const BASELINE_CYCLES = positiveArg('baseline-cycles', values['baseline-cycles']);
const DBS = values.db === 'both' ? ['sqlite', 'postgres'] : [values.db!];
if (!DBS.every((d) => d === 'sqlite' || d === 'postgres')) throw new Error(`--db: sqlite, postgres or both, not ${values.db}`);
const WRITE = !values['no-write'];
const YEAR = 2025;
const { start: START_MARK, end: END_MARK } = markers('monitoring');

interface Timing {
  wall: number[];
  cpu: number[];
}

async function timed<T>(into: Timing, work: () => Promise<T>): Promise<T> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await work();
  into.wall.push(performance.now() - t);
  into.cpu.push(process.cpuUsage(c).user / 1000 + process.cpuUsage(c).system / 1000);
  return value;
}

const empty = (): Timing => ({ wall: [], cpu: [] });

interface Result {
  label: string;
  generateMs: number | null;
  fillMs: number;
  projects: number;
  departments: number;
  reported: number;
  evaluated: number;
  asOf: string;
  change: Timing;
  kept: { summary: Timing; ranking: Timing };
  recomputed: { summary: Timing; ranking: Timing };
  equal: boolean;
}

/** Change one execution record through the service: a fen more spent, alternately one less. */
async function changeOne(db: Db, projectId: number, asOf: string, cycle: number): Promise<void> {
  const record = (await getExecutionRecord(db, projectId, asOf))!;
  await saveExecutionRecord(db, projectId, { ...record, spentFen: record.spentFen + (cycle % 2 === 0 ? 1 : -1) }, { now: new Date('2025-09-05T02:00:00Z') });
}

async function measure(label: string, db: Db, generateMs: number | null): Promise<Result> {
  log(`${label}: computing the figures of the generated data (every project queued)`);
  const t0 = performance.now();
  await refreshMonitoringFigures(db);
  const fillMs = performance.now() - t0;
  log(`  ${fmtInt(fillMs)} ms`);
  const asOf = (await db.selectFrom('executionRecord').select('asOf').orderBy('asOf', 'desc').limit(1).executeTakeFirstOrThrow()).asOf;
  // Projects spread over the data, each changed in turn.
  const ids = (await db.selectFrom('executionRecord').select('projectId').where('asOf', '=', asOf).orderBy('projectId').execute()).map((r) => r.projectId);
  const pick = (i: number) => ids[Math.floor(((i + 0.5) * ids.length) / (CYCLES + BASELINE_CYCLES))]!;

  const change = empty();
  const kept = { summary: empty(), ranking: empty() };
  let summary = await getRegionMonitoringSummary(db, YEAR, asOf);
  let ranking = await getRegionSelfEvaluationRanking(db, YEAR);
  for (let i = 0; i < CYCLES; i++) {
    await timed(change, () => changeOne(db, pick(i), asOf, i));
    summary = await timed(kept.summary, () => getRegionMonitoringSummary(db, YEAR, asOf));
    ranking = await timed(kept.ranking, () => getRegionSelfEvaluationRanking(db, YEAR));
  }
  log(`  kept: summary median ${median(kept.summary.wall).toFixed(1)} ms, ranking median ${median(kept.ranking.wall).toFixed(1)} ms`);

  const recomputed = { summary: empty(), ranking: empty() };
  let equal = true;
  for (let i = 0; i < BASELINE_CYCLES; i++) {
    await changeOne(db, pick(CYCLES + i), asOf, i);
    const s = await timed(recomputed.summary, () => recomputeRegionMonitoringSummary(db, YEAR, asOf));
    const r = await timed(recomputed.ranking, () => recomputeRegionSelfEvaluationRanking(db, YEAR));
    // The same answers: the kept figures after the same change.
    equal &&= isDeepStrictEqual(s, await getRegionMonitoringSummary(db, YEAR, asOf)) && isDeepStrictEqual(r, await getRegionSelfEvaluationRanking(db, YEAR));
  }
  log(`  recomputed: summary median ${median(recomputed.summary.wall).toFixed(0)} ms, ranking median ${median(recomputed.ranking.wall).toFixed(0)} ms; equal: ${equal}`);
  return {
    label,
    generateMs,
    fillMs,
    projects: PROJECTS,
    departments: summary.departments.length,
    reported: summary.totals.reportedCount,
    evaluated: ranking.projects.length,
    asOf,
    change,
    kept,
    recomputed,
    equal,
  };
}

/** SQLite: a copy of the cached generated file (generated when missing, or --fresh). */
async function sqliteRun(tmp: string): Promise<Result> {
  const cached = join(os.tmpdir(), `jixiao-monitoring-${PROJECTS}-seed${SEED}.db`);
  const done = `${cached}.complete`;
  let generateMs: number | null = null;
  if (values.fresh || !existsSync(done)) {
    for (const f of [cached, `${cached}-wal`, `${cached}-shm`, done]) rmSync(f, { force: true });
    log(`sqlite: jixiao generate --projects ${PROJECTS} --seed ${SEED} --db ${cached}`);
    const t0 = performance.now();
    process.stderr.write(await runCli(['generate', '--projects', String(PROJECTS), '--seed', String(SEED), '--db', cached, '-q']));
    generateMs = performance.now() - t0;
    writeFileSync(done, new Date().toISOString());
  }
  const path = join(tmp, 'monitoring.db');
  copyFileSync(cached, path);
  const db = await openDatabase({ path });
  try {
    return await measure('SQLite', db, generateMs);
  } finally {
    await closeDatabase(db);
  }
}

/** PostgreSQL: a throwaway cluster, its database generated. */
async function postgresRun(): Promise<Result> {
  // @ts-expect-error: a plain .mjs script without types
  const { startCluster } = (await import('../scripts/pg-cluster.mjs')) as {
    startCluster(opts: { log: (m: string) => void }): Promise<{ url: string; version: string; stop(): void }>;
  };
  const cluster = await startCluster({ log });
  try {
    log(`postgres ${cluster.version}: jixiao generate --projects ${PROJECTS} --seed ${SEED} (throwaway cluster)`);
    const t0 = performance.now();
    process.stderr.write(await runCli(['generate', '--projects', String(PROJECTS), '--seed', String(SEED), '--db', cluster.url, '-q']));
    const generateMs = performance.now() - t0;
    const db = await openDatabase({ url: cluster.url });
    try {
      return await measure(`PostgreSQL ${cluster.version.split(' ').slice(0, 2).join(' ')}`, db, generateMs);
    } finally {
      await closeDatabase(db);
    }
  } finally {
    cluster.stop();
  }
}

const ms = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `${median(sorted).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)}`;
};

function section(results: Result[], m: ReturnType<typeof machine>): string {
  const lines = [
    START_MARK,
    `## Region monitoring summary and self-evaluation ranking after a change (${fmtInt(PROJECTS)} projects)`,
    '',
    `\`npm run bench:monitoring -- --projects ${PROJECTS} --seed ${SEED} --cycles ${CYCLES} --baseline-cycles ${BASELINE_CYCLES} --db ${values.db}\` — on data made by`,
    `\`jixiao generate --projects ${PROJECTS} --seed ${SEED}\`. Each cycle changes one execution record through \`saveExecutionRecord\` (a fen more or less`,
    'spent, a different project each time), then reads the region summary of the latest round and the ranking of the year, in the server\'s',
    'own functions. **kept**: read from the monitoring figures kept current on each write (migration 0018, `modules/monitoring/figures.service.ts`);',
    '**recomputed**: the baseline, the same change followed by the full recomputation the code did before on the first read after any change',
    '(`recomputeRegionMonitoringSummary`, `recomputeRegionSelfEvaluationRanking`: every monitored project loaded with its indicators). Both give',
    'the same answers (checked after each baseline cycle). Milliseconds, wall clock; the CPU time of the process beside it (the machine is shared).',
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory}, ${m.os}; Node ${m.node}, SQLite ${m.sqlite} (better-sqlite3 ${m.betterSqlite3}), Kysely ${m.kysely}; load average ${m.load} at the start.`,
    '',
  ];
  for (const r of results) {
    lines.push(
      `### ${r.label}`,
      '',
      `${fmtInt(r.projects)} projects; round ${r.asOf}: ${fmtInt(r.reported)} monitored projects reported, ${fmtInt(r.departments)} departments; ${fmtInt(r.evaluated)} self-evaluations ranked.` +
        (r.generateMs === null ? '' : ` \`jixiao generate\` took ${(r.generateMs / 1000).toFixed(1)} s.`) +
        ` Computing the figures of all the generated data once (the first read after migration 0018 or a bulk load): ${(r.fillMs / 1000).toFixed(1)} s.`,
      '',
      '| after one changed execution record | cycles | median ms | p95 ms | median CPU ms | p95 CPU ms | recomputed ÷ kept (median) |',
      '|---|--:|--:|--:|--:|--:|--:|',
      `| the change itself (saveExecutionRecord, figures included) | ${r.change.wall.length} | ${ms(r.change.wall)} | ${ms(r.change.cpu)} | |`,
      `| region summary, kept | ${r.kept.summary.wall.length} | ${ms(r.kept.summary.wall)} | ${ms(r.kept.summary.cpu)} | ${fmtRatio(median(r.recomputed.summary.wall) / median(r.kept.summary.wall))} |`,
      `| region summary, recomputed (baseline) | ${r.recomputed.summary.wall.length} | ${ms(r.recomputed.summary.wall)} | ${ms(r.recomputed.summary.cpu)} | |`,
      `| ranking, kept | ${r.kept.ranking.wall.length} | ${ms(r.kept.ranking.wall)} | ${ms(r.kept.ranking.cpu)} | ${fmtRatio(median(r.recomputed.ranking.wall) / median(r.kept.ranking.wall))} |`,
      `| ranking, recomputed (baseline) | ${r.recomputed.ranking.wall.length} | ${ms(r.recomputed.ranking.wall)} | ${ms(r.recomputed.ranking.cpu)} | |`,
      `| summary + ranking, kept | ${r.kept.summary.wall.length} | ${ms(r.kept.summary.wall.map((w, i) => w + r.kept.ranking.wall[i]!))} | ${ms(r.kept.summary.cpu.map((w, i) => w + r.kept.ranking.cpu[i]!))} | |`,
      '',
      `Same answers as the recomputation: ${r.equal ? 'yes' : '**NO**'}.`,
      '',
    );
  }
  lines.push(END_MARK);
  return lines.join('\n');
}

const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-monitoring-'));
try {
  const m = machine(tmp);
  const results: Result[] = [];
  for (const d of DBS) results.push(d === 'sqlite' ? await sqliteRun(tmp) : await postgresRun());
  const text = section(results, m);
  process.stdout.write(`${text}\n`);
  if (results.some((r) => !r.equal)) {
    process.exitCode = 1;
    log('the kept figures differ from the recomputation: not written');
  } else if (WRITE) writeBenchmarkSection('monitoring', text);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
