/**
 * Real department budgets (issue 68): `npm run bench:corpus [-- --dir ../shared/corpus/budgets-2026 --limit 81 --no-write]`.
 *
 * Each PDF of the corpus read one after the other in this process, as one parse-pool worker reads it
 * (parseWithEvidence: the text and rules of every page, the tables assembled, the target tables read, the evidence
 * that a document holds target tables), against the baseline in the same run: pdf.js alone extracting what any
 * reader of the file must (each page's text content and operator list), with the same options. Per document the
 * CPU time of this process for each (a scanned page's tesseract runs in a child process and is not in it: wall time
 * is given beside), then the medians, the 90th percentile, the slowest documents and the ratio of the sums.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pdfLoadingTask } from '../src/server/importers/pdf/read-pdf';
import { parseWithEvidence } from '../src/server/importers/read-document';
import { fmtRatio, log, machine, markers, median, packageVersion, positiveArg, progressBar, ROOT, writeBenchmarkSection } from './support';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: resolve(ROOT, '../shared/corpus/budgets-2026') },
    limit: { type: 'string', default: '1000' },
    'no-write': { type: 'boolean', default: false },
  },
});
const DIR = resolve(values.dir!);
const LIMIT = positiveArg('limit', values.limit);

/** pdf.js alone: every page's text content and operator list, with the reader's options; the page count. */
async function pdfjsAlone(bytes: Uint8Array): Promise<number> {
  const task = pdfLoadingTask(bytes);
  const pdf = await task.promise;
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      await page.getTextContent();
      await page.getOperatorList();
      page.cleanup();
    }
    return pdf.numPages;
  } finally {
    await task.destroy();
  }
}

interface Timing {
  cpuMs: number;
  wallMs: number;
}

async function measure(work: () => Promise<unknown>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs: performance.now() - t0 };
}

interface Row {
  file: string;
  pages: number;
  kb: number;
  tables: number;
  reader: Timing;
  baseline: Timing;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const sec = (ms: number) => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
  const files = readdirSync(DIR)
    .filter((f) => f.toLowerCase().endsWith('.pdf'))
    .sort()
    .slice(0, LIMIT);
  if (files.length === 0) throw new Error(`no PDF in ${DIR}`);
  const m = machine(os.tmpdir());
  const started = new Date();
  // warm-up: the modules, pdf.js's cmaps and fonts, on the first document
  const first = readFileSync(join(DIR, files[0]!));
  await pdfjsAlone(first);
  await parseWithEvidence(first, files[0]!);

  const rows: Row[] = [];
  const bar = progressBar('reading the corpus');
  bar.start(files.length, 0);
  for (const [k, file] of files.entries()) {
    const bytes = readFileSync(join(DIR, file));
    let pages = 0;
    let tables = 0;
    // alternate the order, so that neither side always reads a file the other has just brought into the cache
    const base = async () => {
      pages = await pdfjsAlone(bytes);
    };
    const read = async () => {
      const r = await parseWithEvidence(bytes, file);
      tables = r.docs.reduce((n, d) => n + d.projects.length, 0);
    };
    let reader: Timing;
    let baseline: Timing;
    if (k % 2 === 0) {
      baseline = await measure(base);
      reader = await measure(read);
    } else {
      reader = await measure(read);
      baseline = await measure(base);
    }
    rows.push({ file, pages, kb: Math.round(bytes.length / 1024), tables, reader, baseline });
    bar.update(k + 1);
  }
  bar.stop();

  const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
  const readerCpu = rows.map((r) => r.reader.cpuMs);
  const perPage = rows.map((r) => r.reader.cpuMs / Math.max(1, r.pages));
  const ratio = sum((r) => r.reader.cpuMs) / sum((r) => r.baseline.cpuMs);
  const slowest = [...rows].sort((a, b) => b.reader.wallMs - a.reader.wallMs).slice(0, 5);
  const lines = [
    markers('corpus').start,
    '## Real department budgets: the corpus, per document (bench:corpus)',
    '',
    `${files.length} PDFs of \`${DIR.replace(`${resolve(ROOT, '..')}/`, '../')}\` (${sum((r) => r.pages).toLocaleString('en-US')} pages, ${sum((r) => r.kb).toLocaleString('en-US')} KB, ${sum((r) => r.tables)} project tables read), one after the other in one process as a parse-pool worker reads each (\`parseWithEvidence\`), against pdf.js alone extracting every page's text content and operator list with the same options, in the same run, the order alternating per document. CPU time of the process (a scanned page's tesseract is a child process: in the wall time only).`,
    '',
    '| per document | Jixiao (CPU) | pdf.js alone (CPU) | Jixiao (wall) |',
    '|---|--:|--:|--:|',
    `| median | ${sec(median(readerCpu))} s | ${sec(median(rows.map((r) => r.baseline.cpuMs)))} s | ${sec(median(rows.map((r) => r.reader.wallMs)))} s |`,
    `| 90th percentile | ${sec(percentile(readerCpu, 0.9))} s | ${sec(percentile(rows.map((r) => r.baseline.cpuMs), 0.9))} s | ${sec(percentile(rows.map((r) => r.reader.wallMs), 0.9))} s |`,
    `| slowest | ${sec(Math.max(...readerCpu))} s | ${sec(Math.max(...rows.map((r) => r.baseline.cpuMs)))} s | ${sec(Math.max(...rows.map((r) => r.reader.wallMs)))} s |`,
    `| all ${files.length} | ${sec(sum((r) => r.reader.cpuMs))} s | ${sec(sum((r) => r.baseline.cpuMs))} s | ${sec(sum((r) => r.reader.wallMs))} s |`,
    '',
    `Jixiao over pdf.js alone: **${fmtRatio(ratio)}** of the CPU time (sums); per page a median of ${median(perPage).toFixed(0)} ms of CPU. The slowest by wall time: ${slowest.map((r) => `${r.file.replace(/\.pdf$/i, '')} (${r.pages} pages, ${sec(r.reader.wallMs)} s)`).join('; ')}.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory}, ${m.os}, Node ${m.node}, pdfjs-dist ${packageVersion('pdfjs-dist')}; load average ${m.load} at the start (${started.toISOString().slice(0, 16).replace('T', ' ')}–${new Date().toISOString().slice(11, 16)} UTC). The wall time counts the machine's other work too: compare the CPU columns.`,
    markers('corpus').end,
  ];
  const section = lines.join('\n');
  process.stdout.write(`${section}\n`);
  if (!values['no-write']) writeBenchmarkSection('corpus', section);
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
