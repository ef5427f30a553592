/**
 * Import benchmark on PostgreSQL: `npm run bench:import-pg [-- --documents 400 --tables 25 --runs 3 --seed 1 --no-write]`.
 *
 * The PostgreSQL counterpart of bench/import.bench.ts, in a throwaway cluster (scripts/pg-cluster.mjs:
 * fsync and synchronous_commit off, the data dies with the run). On the same generated corpus it
 * measures, each `--runs` times (median reported) after a warm-up on a small slice:
 *
 *   b. parse + store: the real import path, parseDocumentBytes then storeDocument per document
 *      (one transaction each) into a fresh, migrated database (openDatabase({ url }));
 *   c. the baseline: PostgreSQL's own bulk load of the very rows (b) wrote — each table dumped by
 *      the server to a CSV file (`COPY (select …) TO 'file'`, not timed), then loaded into a fresh
 *      database of the same schema with `COPY table FROM 'file' WITH (FORMAT csv)`, parents first,
 *      all in one transaction. (Server-side files because `pg` alone cannot stream COPY FROM STDIN
 *      without pg-copy-streams; the cluster's user is a superuser.)
 *
 * The ratio b / c is the figure. Prints a Markdown report on stdout, progress on stderr, and
 * (unless --no-write) updates its section of BENCHMARKS.md.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { closeDatabase, openDatabase } from '../src/server/db/database';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { benchArgs, generateBenchCorpus, importCorpus, sliceCorpus, STORED_TABLES, type Corpus, fmtInt, fmtRatio, fmtSec, log, machine, markers, median, perSecond, writeBenchmarkSection } from './support';

const { start: START_MARK, end: END_MARK } = markers('import-pg');
const warmupDocuments = (documents: number) => Math.min(documents, Math.max(8, Math.round(documents / 20)));

/** The tables storeDocument writes, parents first. */
const TABLES = STORED_TABLES;

const { documents: DOCUMENTS, tables: TABLES_PER_DOCUMENT, runs: RUNS, seed: SEED, write: WRITE } = benchArgs();

interface Cluster {
  url: string;
  dir: string;
  version: string;
  stop(): void;
}

/** The URL of database `name` on the cluster. */
const dbUrl = (cluster: Cluster, name: string) => {
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin<T>(cluster: Cluster, work: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new pg.Client({ connectionString: dbUrl(cluster, database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database, migrated to the schema. */
let databases = 0;
async function freshDatabase(cluster: Cluster, prefix: string): Promise<string> {
  const name = `${prefix}_${++databases}`;
  await admin(cluster, (c) => c.query(`create database ${name}`));
  await closeDatabase(await openDatabase({ url: dbUrl(cluster, name) }));
  return name;
}

async function measureParseAndStore(cluster: Cluster, corpus: Corpus, label: string | null): Promise<{ ms: number; parseMs: number; storeMs: number; database: string }> {
  const database = `store_${++databases}`;
  await admin(cluster, (c) => c.query(`create database ${database}`));
  const db = await openDatabase({ url: dbUrl(cluster, database) });
  try {
    return { ...(await importCorpus(db, corpus, label)), database };
  } finally {
    await closeDatabase(db);
  }
}

/** Dumps every table of `database` to server-side CSV files; their paths and row counts. */
async function dumpTables(cluster: Cluster, database: string, dir: string): Promise<{ table: string; file: string; columns: string[]; rows: number }[]> {
  return admin(
    cluster,
    async (c) => {
      const out = [];
      for (const table of TABLES) {
        const cols = await c.query<{ column_name: string }>(
          `select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
          [table],
        );
        const columns = cols.rows.map((r) => `"${r.column_name}"`);
        const file = join(dir, `${database}-${table}.csv`);
        const r = await c.query(`copy (select ${columns.join(', ')} from ${table} order by 1) to '${file}' with (format csv)`);
        out.push({ table, file, columns, rows: r.rowCount ?? 0 });
      }
      return out;
    },
    database,
  );
}

/** COPY … FROM the dumped files into a fresh database, parents first, in one transaction. */
async function measureCopy(cluster: Cluster, dump: { table: string; file: string; columns: string[]; rows: number }[]): Promise<number> {
  const database = await freshDatabase(cluster, 'copy');
  return admin(
    cluster,
    async (c) => {
      const start = performance.now();
      await c.query('begin');
      for (const { table, file, columns, rows } of dump) {
        const r = await c.query(`copy ${table} (${columns.join(', ')}) from '${file}' with (format csv)`);
        if (r.rowCount !== rows) throw new Error(`COPY ${table} loaded ${r.rowCount} rows, expected ${rows}`);
      }
      await c.query('commit');
      return performance.now() - start;
    },
    database,
  );
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-'));
  const env = machine(tmp);
  rmSync(tmp, { recursive: true, force: true });
  // @ts-expect-error: a plain .mjs script without types
  const { startCluster } = (await import('../scripts/pg-cluster.mjs')) as { startCluster(opts: { log: (m: string) => void }): Promise<Cluster> };
  const cluster = await startCluster({ log });
  try {
    await run(cluster, env);
  } finally {
    cluster.stop();
  }
}

async function run(cluster: Cluster, env: ReturnType<typeof machine>): Promise<void> {
  log(`bench:import-pg — ${DOCUMENTS} documents × ${TABLES_PER_DOCUMENT} tables, ${RUNS} runs each, ${cluster.version}, on ${env.cpu} (${env.cores} cores)`);
  const corpus = await generateBenchCorpus(DOCUMENTS, TABLES_PER_DOCUMENT, SEED);

  log('warming up');
  const warmN = warmupDocuments(DOCUMENTS);
  const warm = await measureParseAndStore(cluster, sliceCorpus(corpus, warmN), null);
  await measureCopy(cluster, await dumpTables(cluster, warm.database, cluster.dir));

  const storeRuns: Awaited<ReturnType<typeof measureParseAndStore>>[] = [];
  for (let r = 1; r <= RUNS; r++) {
    const result = await measureParseAndStore(cluster, corpus, `b. parse+store ${r}/${RUNS}`);
    storeRuns.push(result);
    log(`b. parse + store on PostgreSQL, run ${r}: ${fmtSec(result.ms)} s (parse ${fmtSec(result.parseMs)} s, store ${fmtSec(result.storeMs)} s)`);
  }
  const dump = await dumpTables(cluster, storeRuns[0]!.database, cluster.dir);
  const rowsWritten = dump.reduce((n, t) => n + t.rows, 0);
  const copyRuns: number[] = [];
  for (let r = 1; r <= RUNS; r++) {
    const ms = await measureCopy(cluster, dump);
    copyRuns.push(ms);
    log(`c. COPY of the same ${fmtInt(rowsWritten)} rows, run ${r}: ${fmtSec(ms)} s`);
  }

  const b = median(storeRuns.map((r) => r.ms));
  const bParse = median(storeRuns.map((r) => r.parseMs));
  const bStore = median(storeRuns.map((r) => r.storeMs));
  const c = median(copyRuns);
  const runsOf = (xs: number[]) => xs.map(fmtSec).join(' / ');
  const row = (name: string, ms: number, runs: number[], rows = true) =>
    `| ${name} | ${fmtSec(ms)} | ${runsOf(runs)} | ${fmtInt(perSecond(corpus.tables, ms))} | ${fmtInt(perSecond(corpus.indicators, ms))} | ${rows ? fmtInt(perSecond(rowsWritten, ms)) : '–'} |`;

  const flags = `--documents ${DOCUMENTS} --tables ${TABLES_PER_DOCUMENT} --runs ${RUNS} --seed ${SEED}`;
  const section = [
    START_MARK,
    '## Import on PostgreSQL: parse and store against COPY',
    '',
    `Command: \`npm run bench:import-pg -- ${flags}\` · date: ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Machine: ${env.cpu}, ${env.cores} cores; memory ${env.memory}; ${env.os}; Node ${env.node}; Kysely ${env.kysely}; load average ${env.load} when the run started.`,
    `Database: ${cluster.version}, a throwaway local cluster (scripts/pg-cluster.mjs: fsync, synchronous_commit and full_page_writes off, shared_buffers 64MB), over TCP on 127.0.0.1.`,
    '',
    `Corpus: ${fmtInt(DOCUMENTS)} generated documents (seed ${SEED}), ${fmtInt(corpus.tables)} project tables, ${fmtInt(corpus.indicators)} indicator rows; ` +
      `the import writes ${fmtInt(rowsWritten)} rows (${dump.map((t) => `${t.table} ${fmtInt(t.rows)}`).join(', ')}). The baseline loads exactly these rows, dumped from (b)'s database.`,
    '',
    `| measurement (median of ${RUNS}) | median (s) | runs (s) | tables/s | indicator rows/s | rows written/s |`,
    '|---|---:|---|---:|---:|---:|',
    row('b. parse + store (storeDocument, 1 transaction per document)', b, storeRuns.map((r) => r.ms)),
    row('&nbsp;&nbsp;of which store', bStore, storeRuns.map((r) => r.storeMs)),
    row('c. baseline: COPY … FROM server-side CSV, same rows, one transaction', c, copyRuns),
    '',
    `**b / c: ${fmtRatio(b / c)}** (the whole import against PostgreSQL's bulk load of its rows); store part / c: ${fmtRatio(bStore / c)}; ` +
      `parse share of b ${((100 * bParse) / (bParse + bStore)).toFixed(0)} %.`,
    END_MARK,
  ].join('\n');
  process.stdout.write(`${section.split('\n').slice(1, -1).join('\n')}\n`);
  if (WRITE) writeBenchmarkSection('import-pg', section);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
