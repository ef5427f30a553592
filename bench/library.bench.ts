/**
 * Indicator library benchmark: `npm run bench:library [-- --documents 4000 --tables 25 --iterations 100 --seed 1 --fresh --no-write]`.
 *
 * Builds (once; kept in the system's temp folder, `--fresh` rebuilds it) a database of
 * `documents × tables` projects — 100,000 by default — through the real import path (generated
 * corpus → parseDocumentBytes → storeDocument), statuses spread as bench:api spreads them. Then:
 *
 *   build: the library from the database (every current project and indicator read in keyset
 *          pages, keyed, aggregated, the similarity index built): median of --runs 3;
 *   search: GET /api/library's service (data version read, search, a page of 20 entries with the
 *          examples a reviewer / an editor may see) for typical queries: median and p95;
 *   suggestions and peer findings for random projects: median and p95;
 *   keeping current: one more document (25 projects) imported, then the next request (signature,
 *          the projects' versions, the 25 read and counted in); a save of one project; a change
 *          that is not to the projects (the signature query alone). The import itself is not
 *          touched by the library (nothing is written for it).
 *
 * Run with --expose-gc (npm run bench:library does) for the heap the library holds.
 *
 * Writes its section of BENCHMARKS.md unless --no-write.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { SessionUser } from '../src/shared/api/auth';
import { closeDatabase, openDatabase } from '../src/server/db/database';
import { bumpDataVersion } from '../src/server/db/data-version.repository';
import { librarySignature } from '../src/server/db/library.repository';
import type { Db } from '../src/server/db/schema';
import { generateCorpus } from '../src/server/demo-corpus/generate-corpus';
import { parseDocumentBytes } from '../src/server/importers/read-document';
import { storeDocument } from '../src/server/modules/imports/store.service';
import { buildLibrary, getLibrary, getLibraryWithOutcome, listLibrary, peerFindingsFor, suggestionsFor } from '../src/server/modules/library/library.service';
import { sql } from 'kysely';
import { FIXTURE_DIR, fmtInt, log, machine, markers, median, positiveArg, progressBar, writeBenchmarkSection } from './support';

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '4000' },
    tables: { type: 'string', default: '25' },
    iterations: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const DOCUMENTS = positiveArg('documents', values.documents);
const TABLES = positiveArg('tables', values.tables);
const ITERATIONS = positiveArg('iterations', values.iterations);
const RUNS = positiveArg('runs', values.runs);
const SEED = positiveArg('seed', values.seed);
const WRITE = !values['no-write'];
const IMPORTED_AT = new Date('2025-01-01T00:00:00.000Z');

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

async function buildDatabase(path: string): Promise<number> {
  const t0 = performance.now();
  const corpus = await generateCorpus({ documents: DOCUMENTS, tablesPerDocument: TABLES, seed: SEED, fixtureDir: FIXTURE_DIR });
  const db = await openDatabase({ path });
  const bar = progressBar('importing corpus');
  bar.start(corpus.length, 0);
  try {
    for (const generated of corpus) {
      await storeDocument(db, await parseDocumentBytes(Buffer.from(generated.text, 'utf8'), generated.file), { now: IMPORTED_AT });
      bar.increment();
    }
  } finally {
    bar.stop();
  }
  const raw = new Database(path);
  for (const [status, from, to] of [['submitted', 12, 14], ['returned', 15, 15], ['approved', 16, 17], ['published', 18, 19]] as const) {
    raw.prepare('update project set status = ? where id % 20 between ? and ?').run(status, from, to);
  }
  raw.pragma('optimize');
  raw.close();
  await closeDatabase(db);
  writeFileSync(`${path}.complete`, '');
  return performance.now() - t0;
}

async function timeIt(n: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await work(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await work(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-'));
  const about = machine(tmp);
  rmSync(tmp, { recursive: true, force: true });
  const path = join(os.tmpdir(), `jixiao-library-bench-${DOCUMENTS}x${TABLES}-seed${SEED}.db`);
  let builtMs: number | null = null;
  if (values.fresh || !existsSync(`${path}.complete`)) {
    for (const suffix of ['', '-wal', '-shm', '.complete']) rmSync(`${path}${suffix}`, { force: true });
    log(`bench:library — building ${path}`);
    builtMs = await buildDatabase(path);
  } else {
    log(`bench:library — reusing ${path} (--fresh to rebuild)`);
  }
  // a copy of what the run changes (one more document) is undone by working on a copy
  const work = `${path}.run.db`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
  const source = new Database(path, { readonly: true });
  await source.backup(work);
  source.close();
  const db: Db = await openDatabase({ path: work });
  try {
    const counts = await db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .where('d.isCurrent', '=', 1)
      .select((eb) => [eb.fn.countAll<number>().as('projects')])
      .executeTakeFirstOrThrow();
    const indicators = await db.selectFrom('indicator').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    // build
    const builds: number[] = [];
    let entries = 0;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const lib = await buildLibrary(db);
      builds.push(performance.now() - t0);
      entries = lib.entries.length;
      log(`build ${r + 1}/${RUNS}: ${ms(builds.at(-1)!)} ms, ${fmtInt(entries)} entries`);
    }
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    await getLibrary(db); // kept for the requests
    gc?.();
    const heapMiB = gc === undefined ? null : (process.memoryUsage().heapUsed - heapBefore) / 1024 ** 2;
    const reviewer: SessionUser = { id: 1, username: 'r', displayName: 'r', role: 'reviewer', departmentId: null, departmentName: null, mustChangePassword: false };
    const someDept = await db.selectFrom('department').select('id').orderBy('id').executeTakeFirstOrThrow();
    const editor: SessionUser = { ...reviewer, role: 'editor', departmentId: someDept.id };
    const cases: { label: string; query: Record<string, string | undefined>; user: SessionUser }[] = [
      { label: 'everything, first page', query: {}, user: reviewer },
      { label: '“满意” (reviewer)', query: { search: '满意' }, user: reviewer },
      { label: '“满意” (editor: own and published projects only)', query: { search: '满意' }, user: editor },
      { label: '“及时率”', query: { search: '及时率' }, user: reviewer },
      { label: 'two words “资金 及时”', query: { search: '资金 及时' }, user: reviewer },
      { label: '满意度指标 / 服务对象满意度指标', query: { level1: '满意度指标', level2: '服务对象满意度指标' }, user: reviewer },
      { label: '“成本” in 产出指标', query: { search: '成本', level1: '产出指标' }, user: reviewer },
      { label: 'no match', query: { search: '不存在的指标名称' }, user: reviewer },
    ];
    const searchRows: string[] = [];
    let worstP95 = 0;
    for (const c of cases) {
      let total = 0;
      const times = await timeIt(ITERATIONS, async () => {
        total = (await listLibrary(db, c.user, { ...c.query, page: 1, pageSize: 20 })).total;
      });
      worstP95 = Math.max(worstP95, p95(times));
      searchRows.push(`| ${c.label} | ${fmtInt(total)} | ${ms(median(times))} | ${ms(p95(times))} |`);
    }

    const ids = (await db.selectFrom('project').select('id').orderBy('id').execute()).map((r) => r.id).filter((_, i) => i % 97 === 0);
    const pick = (i: number) => ids[(i * 7919) % ids.length]!;
    const suggestTimes = await timeIt(Math.min(ITERATIONS, 50), (i) => suggestionsFor(db, reviewer, pick(i)));
    const peerTimes = await timeIt(Math.min(ITERATIONS, 50), (i) => peerFindingsFor(db, reviewer, pick(i)));

    // keeping current
    const signatureTimes = await timeIt(20, () => librarySignature(db));
    const [extra] = await generateCorpus({ documents: 1, tablesPerDocument: TABLES, seed: SEED + 1000, fixtureDir: FIXTURE_DIR });
    const doc = await parseDocumentBytes(Buffer.from(extra!.text, 'utf8'), `extra-${extra!.file}`);
    const t0 = performance.now();
    await storeDocument(db, doc, { now: IMPORTED_AT });
    const importMs = performance.now() - t0;
    const t1 = performance.now();
    const afterImport = await getLibraryWithOutcome(db);
    const importRefreshMs = performance.now() - t1;
    const saved = ids[3]!;
    await db.updateTable('project').set({ version: sql`version + 1` }).where('id', '=', saved).execute();
    const t2 = performance.now();
    const afterSave = await getLibraryWithOutcome(db);
    const saveRefreshMs = performance.now() - t2;
    await bumpDataVersion(db); // a change that is not to the projects
    const t3 = performance.now();
    const afterOther = await getLibraryWithOutcome(db);
    const unrelatedMs = performance.now() - t3;
    const outcome = (o: { outcome: { kind: string; changed: number; removed: number } | null }) => (o.outcome === null ? 'kept' : `${o.outcome.kind}, ${o.outcome.changed} read again`);

    const section = [
      markers('library').start,
      `## Indicator library (指标库): ${fmtInt(counts.projects)} projects`,
      '',
      `Command: \`npm run bench:library\` (--documents ${DOCUMENTS} --tables ${TABLES} --iterations ${ITERATIONS} --runs ${RUNS} --seed ${SEED}) · date: ${new Date().toISOString().slice(0, 10)}`,
      '',
      `Machine: ${about.cpu}, ${about.cores} cores; memory ${about.memory}; ${about.os}; Node ${about.node}; SQLite ${about.sqlite} (better-sqlite3 ${about.betterSqlite3}); Kysely ${about.kysely}; load average ${about.load} when the run started.`,
      '',
      `Database: ${fmtInt(counts.projects)} current projects, ${fmtInt(indicators.n)} indicators (${DOCUMENTS} generated documents of ${TABLES} tables through storeDocument${builtMs === null ? '' : `, built in ${(builtMs / 1000).toFixed(0)} s`}), statuses spread as in bench:api (10 % published).`,
      '',
      '| what | goal | median (ms) | p95 / note |',
      '|---|---|---:|---|',
      `| build the library (${fmtInt(entries)} entries) from the database | < 10,000 ms | ${ms(median(builds))} | runs: ${builds.map(ms).join(', ')}; ${heapMiB === null ? 'heap not measured (run with --expose-gc)' : `${heapMiB.toFixed(0)} MiB heap held`} |`,
      `| suggestions for a project (GET /api/library/suggestions's service) | | ${ms(median(suggestTimes))} | p95 ${ms(p95(suggestTimes))} |`,
      `| peer findings of a project (GET /api/library/peer-findings's service) | | ${ms(median(peerTimes))} | p95 ${ms(p95(peerTimes))} |`,
      `| the signature query (the first request after any change) | | ${ms(median(signatureTimes))} | p95 ${ms(p95(signatureTimes))} |`,
      `| import of one more document (${TABLES} projects, storeDocument): the library adds nothing to it | | ${ms(importMs)} | |`,
      `| the next library request after that import | | ${ms(importRefreshMs)} | ${outcome(afterImport)}; ${fmtInt(afterImport.library.entries.length)} entries |`,
      `| the next library request after a save of one project | | ${ms(saveRefreshMs)} | ${outcome(afterSave)} |`,
      `| the next library request after a change to other tables | | ${ms(unrelatedMs)} | ${outcome(afterOther)} (signature only) |`,
      '',
      `Searches (GET /api/library's service: data version read, search, a page of 20 with the examples the user may see), ${ITERATIONS} each after 3 warm-ups; goal p95 < 50 ms (worst here ${ms(worstP95)} ms):`,
      '',
      '| query | matching entries | median (ms) | p95 (ms) |',
      '|---|---:|---:|---:|',
      ...searchRows,
      markers('library').end,
    ].join('\n');
    console.log(section);
    if (WRITE) writeBenchmarkSection('library', section);
  } finally {
    await closeDatabase(db);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
  }
}

await main();
