/**
 * Import benchmark: `npm run bench:import [-- --documents 400 --tables 25 --runs 3 --seed 1 --no-write]`.
 *
 * Generates a corpus in memory (src/server/demo-corpus/generate-corpus.ts: new documents recombined from the real
 * fixtures), then measures in the same run, each `--runs` times (median reported) after a warm-up
 * on a small slice:
 *
 *   a. parse alone: parseDocumentBytes over every document;
 *   b. parse + store: the real import path, parseDocumentBytes then storeDocument per document
 *      (one transaction each) into a fresh SQLite file database opened with openDatabase;
 *   c. the baseline: the very rows (b) wrote, read back from its database, inserted with raw
 *      better-sqlite3 into a fresh database of the same schema, one prepared statement per
 *      table: c1 all in ONE transaction, c2 one transaction per document (the fair comparison,
 *      since the real import commits per document).
 *
 * Prints a Markdown report on stdout, progress on stderr, and (unless --no-write) updates the
 * generated section of BENCHMARKS.md at the project root.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../src/server/db/database';
import { parseDocumentBytes } from '../src/server/importers/read-document';
import { storeDocument } from '../src/server/modules/imports/store.service';
import { benchArgs, generateBenchCorpus, importCorpus, sliceCorpus, STORED_TABLES, type Corpus, fmtInt, fmtRatio, fmtSec, log, machine, markers, median, perSecond, writeBenchmarkSection } from './support';

const { start: START_MARK, end: END_MARK } = markers('import');
/** The import time written to every stored row, so that every run writes the same values. */
/** The warm-up slice: 5 % of the corpus, at least 8 documents. */
const warmupDocuments = (documents: number) => Math.min(documents, Math.max(8, Math.round(documents / 20)));

const TABLES = STORED_TABLES;
type TableName = (typeof TABLES)[number];

const { documents: DOCUMENTS, tables: TABLES_PER_DOCUMENT, runs: RUNS, seed: SEED, write: WRITE } = benchArgs();

// ---------------------------------------------------------------------------------------------
// The corpus

// ---------------------------------------------------------------------------------------------
// a. parse alone

async function measureParse(corpus: Corpus): Promise<{ ms: number; tables: number; indicators: number }> {
  let tables = 0;
  let indicators = 0;
  const start = performance.now();
  for (let i = 0; i < corpus.bytes.length; i++) {
    const doc = await parseDocumentBytes(corpus.bytes[i]!, corpus.files[i]!);
    tables += doc.projects.length;
    for (const p of doc.projects) indicators += p.indicators.length;
  }
  return { ms: performance.now() - start, tables, indicators };
}

// ---------------------------------------------------------------------------------------------
// b. parse + store, the real import path

interface StoreRun {
  ms: number;
  parseMs: number;
  storeMs: number;
  path: string;
}

async function measureParseAndStore(corpus: Corpus, path: string, label: string | null): Promise<StoreRun> {
  const db = await openDatabase({ path });
  try {
    return { ...(await importCorpus(db, corpus, label)), path };
  } finally {
    await closeDatabase(db);
  }
}

// ---------------------------------------------------------------------------------------------
// c. the raw better-sqlite3 baseline

interface TableRows {
  table: TableName;
  columns: string[];
  rows: unknown[][];
}

/** The rows of one transaction: for each table (parents first), the rows to insert. */
type Batch = { table: number; rows: unknown[][] }[];

interface StoredRows {
  tables: TableRows[];
  /** Everything in one batch. */
  all: Batch[];
  /** One batch per document, each with the rows that document's storeDocument wrote. */
  perDocument: Batch[];
  counts: Record<TableName, number>;
}

/** Reads back every row a (b) run wrote, and groups them by the document that wrote them. */
function readStoredRows(path: string): StoredRows {
  const db = new Database(path, { readonly: true });
  const tables = TABLES.map((table): TableRows => {
    const stmt = db.prepare(`select * from ${table} order by rowid`).raw(true);
    return { table, columns: stmt.columns().map((c) => c.name), rows: stmt.all() as unknown[][] };
  });
  db.close();

  const col = (t: TableRows, name: string) => {
    const i = t.columns.indexOf(name);
    if (i < 0) throw new Error(`${t.table} has no column ${name}`);
    return i;
  };
  const byName = Object.fromEntries(tables.map((t) => [t.table, t])) as Record<TableName, TableRows>;
  const docIds = byName.document.rows.map((r) => r[col(byName.document, 'id')] as number);
  const docOfDepartment = new Map<number, number>();
  for (const r of byName.document.rows) {
    const dep = r[col(byName.document, 'department_id')] as number | null;
    if (dep !== null && !docOfDepartment.has(dep)) docOfDepartment.set(dep, r[col(byName.document, 'id')] as number);
  }
  const docOfProject = new Map<number, number>(
    byName.project.rows.map((r) => [r[col(byName.project, 'id')] as number, r[col(byName.project, 'document_id')] as number]),
  );
  const owner: Record<TableName, (row: unknown[]) => number | undefined> = {
    department: (r) => docOfDepartment.get(r[col(byName.department, 'id')] as number),
    document: (r) => r[col(byName.document, 'id')] as number,
    department_goals: (r) => r[col(byName.department_goals, 'document_id')] as number,
    goal_item: (r) => r[col(byName.goal_item, 'document_id')] as number,
    document_review: (r) => r[col(byName.document_review, 'document_id')] as number,
    project: (r) => r[col(byName.project, 'document_id')] as number,
    project_findings: (r) => docOfProject.get(r[col(byName.project_findings, 'project_id')] as number),
    project_finding_category: (r) => docOfProject.get(r[col(byName.project_finding_category, 'project_id')] as number),
    spending_checkpoint: (r) => docOfProject.get(r[col(byName.spending_checkpoint, 'project_id')] as number),
    indicator: (r) => docOfProject.get(r[col(byName.indicator, 'project_id')] as number),
    diagnostic: (r) => r[col(byName.diagnostic, 'document_id')] as number,
    audit_log: (r) => {
      const id = r[col(byName.audit_log, 'entity_id')] as number;
      return r[col(byName.audit_log, 'entity')] === 'department' ? docOfDepartment.get(id) : id;
    },
  };

  const perDocumentMap = new Map<number, Batch>(docIds.map((id) => [id, tables.map((_, table) => ({ table, rows: [] }))]));
  tables.forEach((t, ti) => {
    for (const row of t.rows) {
      const doc = owner[t.table](row);
      const batch = doc === undefined ? undefined : perDocumentMap.get(doc);
      if (!batch) throw new Error(`cannot tell which document wrote a ${t.table} row`);
      batch[ti]!.rows.push(row);
    }
  });
  return {
    tables,
    all: [tables.map((t, table) => ({ table, rows: t.rows }))],
    perDocument: [...perDocumentMap.values()],
    counts: Object.fromEntries(tables.map((t) => [t.table, t.rows.length])) as Record<TableName, number>,
  };
}

/** A fresh database with the same schema: migrated by openDatabase, then closed. */
async function freshSchema(path: string): Promise<void> {
  await closeDatabase(await openDatabase({ path }));
}

/** Inserts the batches with raw better-sqlite3: one prepared statement per table, one transaction per batch. */
async function measureRaw(stored: StoredRows, batches: Batch[], path: string): Promise<number> {
  await freshSchema(path);
  const db = new Database(path);
  // The same settings as openDatabase.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const statements = stored.tables.map((t) =>
    db.prepare(`insert into ${t.table} (${t.columns.join(', ')}) values (${t.columns.map(() => '?').join(', ')})`),
  );
  const insertBatch = db.transaction((batch: Batch) => {
    for (const { table, rows } of batch) {
      const stmt = statements[table]!;
      for (const row of rows) stmt.run(row);
    }
  });
  const start = performance.now();
  for (const batch of batches) insertBatch(batch);
  const ms = performance.now() - start;
  db.close();
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-'));
  try {
    await run(tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function run(tmp: string): Promise<void> {
  const env = machine(tmp);
  log(`bench:import — ${DOCUMENTS} documents × ${TABLES_PER_DOCUMENT} tables, ${RUNS} runs each, on ${env.cpu} (${env.cores} cores)`);

  // The corpus, in memory.
  const corpus = await generateBenchCorpus(DOCUMENTS, TABLES_PER_DOCUMENT, SEED);

  // Warm-up on a small slice: JIT, module loading, the SQLite page cache code paths.
  log('warming up');
  const warm = sliceCorpus(corpus, warmupDocuments(DOCUMENTS));
  await measureParse(warm);
  const warmStore = await measureParseAndStore(warm, join(tmp, 'warmup-store.db'), null);
  const warmRows = readStoredRows(warmStore.path);
  await measureRaw(warmRows, warmRows.all, join(tmp, 'warmup-raw1.db'));
  await measureRaw(warmRows, warmRows.perDocument, join(tmp, 'warmup-raw2.db'));

  // a. parse alone
  const parseRuns: number[] = [];
  for (let r = 1; r <= RUNS; r++) {
    const result = await measureParse(corpus);
    if (result.tables !== corpus.tables || result.indicators !== corpus.indicators) {
      throw new Error(`parse read ${result.tables} tables / ${result.indicators} indicators, generator wrote ${corpus.tables} / ${corpus.indicators}`);
    }
    parseRuns.push(result.ms);
    log(`a. parse alone, run ${r}: ${fmtSec(result.ms)} s`);
  }

  // b. parse + store
  const storeRuns: StoreRun[] = [];
  for (let r = 1; r <= RUNS; r++) {
    const result = await measureParseAndStore(corpus, join(tmp, `store-${r}.db`), `b. parse+store ${r}/${RUNS}`);
    storeRuns.push(result);
    log(`b. parse + store, run ${r}: ${fmtSec(result.ms)} s (parse ${fmtSec(result.parseMs)} s, store ${fmtSec(result.storeMs)} s)`);
  }
  const stored = readStoredRows(storeRuns[0]!.path);
  const dbBytes = statSync(storeRuns[0]!.path).size;
  if (stored.counts.project !== corpus.tables || stored.counts.indicator !== corpus.indicators) {
    throw new Error(`the database holds ${stored.counts.project} projects / ${stored.counts.indicator} indicators, expected ${corpus.tables} / ${corpus.indicators}`);
  }
  for (const r of storeRuns) rmSync(r.path, { force: true });
  const rowsWritten = Object.values(stored.counts).reduce((n, c) => n + c, 0);

  // c. raw better-sqlite3
  const raw1Runs: number[] = [];
  const raw2Runs: number[] = [];
  for (let r = 1; r <= RUNS; r++) {
    const one = await measureRaw(stored, stored.all, join(tmp, `raw-one-${r}.db`));
    raw1Runs.push(one);
    const per = await measureRaw(stored, stored.perDocument, join(tmp, `raw-per-doc-${r}.db`));
    raw2Runs.push(per);
    log(`c. raw SQLite, run ${r}: one transaction ${fmtSec(one)} s, one per document ${fmtSec(per)} s`);
  }

  // The figures.
  const a = median(parseRuns);
  const b = median(storeRuns.map((r) => r.ms));
  const bParse = median(storeRuns.map((r) => r.parseMs));
  const bStore = median(storeRuns.map((r) => r.storeMs));
  const c1 = median(raw1Runs);
  const c2 = median(raw2Runs);
  const runsOf = (xs: number[]) => xs.map(fmtSec).join(' / ');

  const results = [
    '| measurement | median (s) | runs (s) | tables/s | indicator rows/s | rows written/s |',
    '|---|---:|---|---:|---:|---:|',
    `| a. parse alone (parseDocumentBytes) | ${fmtSec(a)} | ${runsOf(parseRuns)} | ${fmtInt(perSecond(corpus.tables, a))} | ${fmtInt(perSecond(corpus.indicators, a))} | – |`,
    `| b. parse + store (storeDocument, 1 transaction per document) | ${fmtSec(b)} | ${runsOf(storeRuns.map((r) => r.ms))} | ${fmtInt(perSecond(corpus.tables, b))} | ${fmtInt(perSecond(corpus.indicators, b))} | ${fmtInt(perSecond(rowsWritten, b))} |`,
    `| &nbsp;&nbsp;of which parse | ${fmtSec(bParse)} | ${runsOf(storeRuns.map((r) => r.parseMs))} | | | |`,
    `| &nbsp;&nbsp;of which store | ${fmtSec(bStore)} | ${runsOf(storeRuns.map((r) => r.storeMs))} | ${fmtInt(perSecond(corpus.tables, bStore))} | ${fmtInt(perSecond(corpus.indicators, bStore))} | ${fmtInt(perSecond(rowsWritten, bStore))} |`,
    `| c1. baseline: raw better-sqlite3, same rows, 1 prepared statement per table, ONE transaction | ${fmtSec(c1)} | ${runsOf(raw1Runs)} | ${fmtInt(perSecond(corpus.tables, c1))} | ${fmtInt(perSecond(corpus.indicators, c1))} | ${fmtInt(perSecond(rowsWritten, c1))} |`,
    `| c2. baseline: raw better-sqlite3, same rows, 1 prepared statement per table, 1 transaction per document | ${fmtSec(c2)} | ${runsOf(raw2Runs)} | ${fmtInt(perSecond(corpus.tables, c2))} | ${fmtInt(perSecond(corpus.indicators, c2))} | ${fmtInt(perSecond(rowsWritten, c2))} |`,
  ].join('\n');

  const ratios = [
    '| ratio (time) | value | meaning |',
    '|---|---:|---|',
    `| b / c1 | ${fmtRatio(b / c1)} | the whole import against SQLite's floor for these rows (one transaction) |`,
    `| b / c2 | ${fmtRatio(b / c2)} | the whole import against raw SQLite committing per document, as the import does (the fair comparison) |`,
    `| store part of b / c2 | ${fmtRatio(bStore / c2)} | the repository layer (Kysely, lookups, audit) against raw inserts with the same commits |`,
    `| c2 / c1 | ${fmtRatio(c2 / c1)} | what committing per document costs SQLite itself |`,
    `| parse share of b | ${((100 * bParse) / (bParse + bStore)).toFixed(0)} % | store share ${((100 * bStore) / (bParse + bStore)).toFixed(0)} % |`,
  ].join('\n');

  const dominant = bStore >= bParse ? 'storing' : 'parsing';
  const commitsMs = c2 - c1;
  const interpretation = [
    `Of the import time (b), parsing takes ${((100 * bParse) / (bParse + bStore)).toFixed(0)} % and storing ${((100 * bStore) / (bParse + bStore)).toFixed(0)} %: ${dominant} dominates.`,
    `Storing through the repository (storeDocument with its lookups and audit rows, over Kysely) takes ${fmtRatio(bStore / c2)} the time raw better-sqlite3 needs to insert the same rows with the same per-document commits, and ${fmtRatio(bStore / c1)} the single-transaction floor.`,
    `Committing per document costs SQLite itself ${fmtSec(commitsMs)} s over the single transaction (${fmtRatio(c2 / c1)}; journal_mode WAL, synchronous ${env.synchronous}), ${((100 * commitsMs) / bStore).toFixed(0)} % of the store time:` +
      ` the rest of the gap between the store and c2, ${fmtSec(bStore - c2)} s, is the repository's own work per statement (see the notes below).`,
  ].join(' ');

  const date = new Date().toISOString().slice(0, 10);
  const flags = `--documents ${DOCUMENTS} --tables ${TABLES_PER_DOCUMENT} --runs ${RUNS} --seed ${SEED}`;
  const defaults = DOCUMENTS === 400 && TABLES_PER_DOCUMENT === 25 && RUNS === 3 && SEED === 1;
  const section = [
    START_MARK,
    '## Import: parse and store',
    '',
    `Command: \`npm run bench:import${defaults ? '' : ` -- ${flags}`}\` (${flags}) · date: ${date}`,
    '',
    '### Machine',
    '',
    `- CPU: ${env.cpu}, ${env.cores} cores; memory ${env.memory}; ${env.os}; load average ${env.load} when the run started`,
    `- Node ${env.node}; SQLite ${env.sqlite} (better-sqlite3 ${env.betterSqlite3}); Kysely ${env.kysely}`,
    `- Databases: files in ${env.tmp}, journal_mode WAL, synchronous ${env.synchronous}, foreign_keys ON (openDatabase's settings, used by the baseline too)`,
    '',
    '### Corpus',
    '',
    `Generated in memory by \`src/server/demo-corpus/generate-corpus.ts\` (seed ${SEED}) from the content of the four fixtures: ` +
      `${fmtInt(DOCUMENTS)} documents, ${fmtInt(corpus.tables)} project tables, ${fmtInt(corpus.indicators)} indicator rows, ` +
      `${(corpus.totalBytes / 1024 ** 2).toFixed(1)} MiB of UTF-8 text (${fmtInt(corpus.totalBytes / corpus.tables)} bytes per table).`,
    `The import writes ${fmtInt(rowsWritten)} rows (${TABLES.map((t) => `${t} ${fmtInt(stored.counts[t])}`).join(', ')}); ` +
      `the database file is ${(dbBytes / 1024 ** 2).toFixed(1)} MiB. The baselines insert exactly these rows, read back from (b)'s database.`,
    '',
    `### Results (median of ${RUNS} runs, after a warm-up on ${warm.bytes.length} documents)`,
    '',
    results,
    '',
    '### Ratios',
    '',
    ratios,
    '',
    interpretation,
    END_MARK,
  ].join('\n');

  process.stdout.write(`${section.split('\n').slice(1, -1).join('\n')}\n`);
  if (WRITE) {
    writeBenchmarkSection('import', section);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
