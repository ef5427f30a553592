/**
 * Review benchmark: `npm run bench:review [-- --documents 400 --tables 25 --runs 3 --seed 1 --no-write]`.
 *
 * On the generated corpus (src/server/demo-corpus/generate-corpus.ts, 10,000 tables by default) measures, each
 * `--runs` times (median reported): the review with scores (reviewAndScore) of every parsed
 * document, next to parsing the same documents (the baseline in the same run: how the review's
 * cost compares with reading the document at all) and a floor (a pass that reads every indicator
 * row's cells once and does nothing else: no review can be faster). The first review pass over the
 * corpus (JIT and the review's per-text caches cold, src/shared/review/memo.ts) is reported too. Also
 * the whole `jixiao check` work on the four fixtures (parse + review). Writes its section of
 * BENCHMARKS.md unless --no-write.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ParsedDocument } from '../src/shared/domain/model';
import { reviewAndScore } from '../src/shared/review/report';
import { FINDING_CATEGORIES, type Finding } from '../src/shared/review/types';
import { parseDocumentBytes } from '../src/server/importers/read-document';
import { generateCorpus } from '../src/server/demo-corpus/generate-corpus';
import { benchArgs, FIXTURE_DIR, fmtInt, fmtRatio, fmtSec, log, machine, markers, median, perSecond, progressBar, writeBenchmarkSection } from './support';

const { documents: DOCUMENTS, tables: TABLES, runs: RUNS, seed: SEED, write: WRITE } = benchArgs();

function time(work: () => void): number {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
}

async function timeAsync(work: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/**
 * CPU time (user + system) of this process, in ms. The review and the parse run on one thread, so on a machine
 * shared with other work (its load average is in the section) this is what the work itself cost.
 */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The floor: every indicator row's name, description and target read once, nothing else done. */
function readEveryCell(docs: ParsedDocument[]): number {
  let n = 0;
  for (const d of docs) for (const p of d.projects) for (const i of p.indicators) n += i.name.length + (i.description?.length ?? 0) + i.target.raw.length;
  return n;
}

function distinctNames(docs: ParsedDocument[]): number {
  return new Set(docs.flatMap((d) => d.projects.flatMap((p) => p.indicators.map((i) => i.name)))).size;
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-'));
  const env = machine(tmp);
  rmSync(tmp, { recursive: true, force: true });
  log(`bench:review — ${DOCUMENTS} documents × ${TABLES} tables, ${RUNS} runs, on ${env.cpu} (${env.cores} cores)`);

  const corpus = await generateCorpus({ documents: DOCUMENTS, tablesPerDocument: TABLES, seed: SEED, fixtureDir: FIXTURE_DIR });
  const bytes = corpus.map((d) => Buffer.from(d.text, 'utf8'));
  const bar = progressBar('parsing corpus');
  bar.start(bytes.length, 0);
  const docs: ParsedDocument[] = [];
  for (const [i, b] of bytes.entries()) {
    docs.push(await parseDocumentBytes(b, corpus[i]!.file));
    bar.increment();
  }
  bar.stop();
  const tables = docs.reduce((n, d) => n + d.projects.length, 0);
  const indicators = docs.reduce((n, d) => n + d.projects.reduce((m, p) => m + p.indicators.length, 0), 0);

  // the first pass: nothing compiled or remembered yet (the review's caches live as long as the process)
  let findings: Finding[][] = [];
  let c0 = cpuNow();
  const firstPass = time(() => (findings = docs.map((d) => reviewAndScore(d).findings)));
  const firstPassCpu = cpuNow() - c0;

  const reviewRuns: number[] = [];
  const parseRuns: number[] = [];
  const floorRuns: number[] = [];
  const reviewCpu: number[] = [];
  const parseCpu: number[] = [];
  const floorCpu: number[] = [];
  let cells = 0;
  for (let run = 0; run < RUNS; run++) {
    log(`run ${run + 1}/${RUNS}`);
    c0 = cpuNow();
    reviewRuns.push(time(() => (findings = docs.map((d) => reviewAndScore(d).findings))));
    reviewCpu.push(cpuNow() - c0);
    c0 = cpuNow();
    parseRuns.push(await timeAsync(async () => { for (const [i, b] of bytes.entries()) await parseDocumentBytes(b, corpus[i]!.file); }));
    parseCpu.push(cpuNow() - c0);
    c0 = cpuNow();
    floorRuns.push(time(() => (cells = readEveryCell(docs))));
    floorCpu.push(cpuNow() - c0);
  }
  if (cells === 0) throw new Error('the floor read no cells');
  const all = findings.flat();

  const fixtureFiles = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.txt')).sort();
  const fixtureBytes = fixtureFiles.map((f) => readFileSync(join(FIXTURE_DIR, f)));
  const checkRuns: number[] = [];
  const fixtureReviewRuns: number[] = [];
  let parsed: ParsedDocument[] = [];
  for (let run = 0; run < Math.max(RUNS, 5); run++) {
    checkRuns.push(await timeAsync(async () => {
      parsed = await Promise.all(fixtureBytes.map((b, i) => parseDocumentBytes(b, fixtureFiles[i]!)));
      for (const d of parsed) reviewAndScore(d);
    }));
    fixtureReviewRuns.push(time(() => { for (const d of parsed) reviewAndScore(d); }));
  }

  const review = median(reviewRuns);
  const parse = median(parseRuns);
  const floor = median(floorRuns);
  const row = (what: string, runs: number[], cpu: number[]) =>
    `| ${what} | ${fmtSec(median(runs))} | ${runs.map(fmtSec).join(' / ')} | ${fmtInt(perSecond(tables, median(runs)))} | ${fmtInt(perSecond(indicators, median(runs)))} | ` +
    `${fmtSec(median(cpu))} | ${fmtInt(perSecond(indicators, median(cpu)))} |`;
  const byCategory = FINDING_CATEGORIES.map((c) => `${c} ${fmtInt(all.filter((f) => f.category === c).length)}`).join(', ');
  const { start, end } = markers('review');
  const section = [
    start,
    '## Review: the rules over every table',
    '',
    `Command: \`npm run bench:review\` (--documents ${DOCUMENTS} --tables ${TABLES} --runs ${RUNS} --seed ${SEED}) · date: ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Machine: ${env.cpu}, ${env.cores} cores; memory ${env.memory}; ${env.os}; Node ${env.node}; load average ${env.load} when the run started.`,
    '',
    `Corpus: ${fmtInt(docs.length)} generated documents, ${fmtInt(tables)} project tables, ${fmtInt(indicators)} indicator rows (as for bench:import); ` +
      `the review finds ${fmtInt(all.length)} findings (${byCategory}).`,
    '',
    '| measurement | median (s) | runs (s) | tables/s | indicator rows/s | CPU median (s) | indicator rows per CPU second |',
    '|---|---:|---|---:|---:|---:|---:|',
    row('review + scores (reviewAndScore, all rules)', reviewRuns, reviewCpu),
    row('first review pass over the corpus (JIT and per-text caches cold)', [firstPass], [firstPassCpu]),
    row('baseline: parsing the same documents (parseDocumentBytes)', parseRuns, parseCpu),
    row("floor: reading every row's cells once (no rule)", floorRuns, floorCpu),
    '',
    `Review / parse time: **${fmtRatio(review / parse)}** (CPU: ${fmtRatio(median(reviewCpu) / median(parseCpu))}); review / floor: ${fmtRatio(review / floor)}. ` +
      `The corpus repeats its cells as a department's tables do, and more (${fmtInt(distinctNames(docs))} distinct indicator names): ` +
      'the review reads each distinct text once per process (src/shared/review/memo.ts), so later passes find most readings remembered. ' +
      `The four fixtures (${fixtureFiles.length} documents, ` +
      `${fmtInt(parsed.reduce((n, d) => n + d.projects.length, 0))} tables, ` +
      `${fmtInt(parsed.reduce((n, d) => n + d.projects.reduce((m, p) => m + p.indicators.length, 0), 0))} indicator rows): \`jixiao check\`'s work (parse + review) takes ${(median(checkRuns)).toFixed(1)} ms, ` +
      `of which the review ${median(fixtureReviewRuns).toFixed(1)} ms (median of ${checkRuns.length}).`,
    end,
  ].join('\n');
  console.log(section);
  if (WRITE) writeBenchmarkSection('review', section);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
