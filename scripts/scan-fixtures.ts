/**
 * The fixtures' scans measured (issue 69): `node --import tsx scripts/scan-fixtures.ts [--only NAME] [--photocopy |
 * --clean] [--pages 2-3] [--wrong] [--json]`.
 *
 * Each of the four fixtures of ../shared/fixtures/documents, exported to Word (exportDocx) and printed to PDF by
 * LibreOffice (convertDocxToPdf), and each of the six tables of ../shared/fixtures/other-provinces, read as text and
 * printed by Chromium as a web page of HTML tables (test/support/scans.ts printFixture, printOtherProvince; fixture-prints.ts,
 * without the browser's header and footer), is scanned as the suite scans (test/support/scans.ts): every page rendered
 * by pdftoppm at 200 dpi and reassembled as an image-only PDF — clean, and as a photocopy (grey paper, turned 0.7°,
 * specks, a blur). The scan is read by parseDocumentBytes and compared field by field with the text layer's reading
 * of the same print (test/support/scan-measure.ts, the suite's measure): the fields, those exact, the wrong ones and
 * those of them with no doubt at their cell, and the seconds the reading took.
 *
 * - `--only NAME`: the documents whose file name starts with NAME (`000`, `03-hunan`);
 * - `--photocopy`: the photocopies only; `--clean`: the clean scans only (default both);
 * - `--pages 2-3`: those pages of each print only (the text layer's reading of the same pages);
 * - `--wrong`: every wrong field listed, what the text read and what the scan read, and whether it is doubted;
 * - `--json`: the results as JSON on stdout.
 *
 * One scan at a time: OCR is CPU-heavy (the reader runs a page per core). The prints are kept under
 * test-artifacts/scan-fixtures/ and made again only when missing.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseDocumentBytes } from '../src/server/importers/read-document';
import type { ParsedDocument } from '../src/shared/domain/model';
import { OTHER_PROVINCES_DIR, listFixtures } from '../test/support/fixtures';
import { measure, share, type Measure } from '../test/support/scan-measure';
import { imageOnlyPdf, pdfPage, photocopy, printFixture, printOtherProvince, renderPages, unitePdfs } from '../test/support/scans';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    photocopy: { type: 'boolean', default: false },
    clean: { type: 'boolean', default: false },
    pages: { type: 'string' },
    wrong: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const OUT = resolve('test-artifacts/scan-fixtures');
const DPI = 200;
/** The photocopy's turn (the 0.7°). */
const DEGREES = 0.7;

const log = (message: string) => process.stderr.write(`${message}\n`);

interface Source {
  name: string;
  how: string;
  print: () => Promise<Buffer>;
}

const sources: Source[] = [
  ...listFixtures().map((file) => ({
    name: file.replace(/\.txt$/, ''),
    how: 'Word export printed by LibreOffice',
    print: () => printFixture(file),
  })),
  ...readdirSync(OTHER_PROVINCES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.txt$/, ''),
      how: 'HTML tables printed by Chromium',
      print: () => printOtherProvince(file.replace(/\.txt$/, ''), `${file.replace(/\.txt$/, '')}.scan-source.pdf`),
    })),
].filter((s) => values.only === undefined || s.name.startsWith(values.only));

/** The print of a source, kept (made again only when missing). */
async function printOf(source: Source): Promise<Buffer> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `${source.name}.print.pdf`);
  if (existsSync(path)) return readFileSync(path);
  const bytes = await source.print();
  writeFileSync(path, bytes);
  return bytes;
}

/** How many pages a PDF has (poppler's pdfinfo). */
const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execSync(`pdfinfo ${JSON.stringify(pdf)}`, { encoding: 'utf8' }))![1]);

interface Result {
  scan: string;
  how: string;
  pages: number;
  fields: number;
  exact: number;
  percent: number;
  wrong: number;
  undoubted: number;
  seconds: number;
  wrongFields: (Measure['wrong'][number] & { doubted: boolean })[];
}

async function measureScan(source: Source, copy: boolean): Promise<Result> {
  const print = await printOf(source);
  const all = pageCount(join(OUT, `${source.name}.print.pdf`));
  const asked = values.pages?.split('-').map(Number);
  const range = asked === undefined ? ([1, all] as const) : ([Math.min(all, asked[0]!), Math.min(all, asked[1] ?? asked[0]!)] as const);
  const part = range[0] === 1 && range[1] === all ? print : await (async () => {
    const pages = [];
    for (let n = range[0]; n <= range[1]; n++) pages.push(await pdfPage(print, n));
    return pages.length === 1 ? pages[0]! : unitePdfs(pages);
  })();
  const text: ParsedDocument = await parseDocumentBytes(part, `${source.name}.pdf`);
  let pngs = await renderPages(print, range[0], range[1], DPI);
  if (copy) pngs = await Promise.all(pngs.map((png, i) => photocopy(png, DEGREES, 7 + i)));
  const scanPdf = await imageOnlyPdf(pngs, DPI);
  const name = `${source.name}${copy ? ' (photocopy)' : ''}`;
  log(`${name}: ${pngs.length} pages scanned, reading…`);
  const t0 = performance.now();
  const scan = await parseDocumentBytes(scanPdf, `${source.name}.scan.pdf`);
  const seconds = (performance.now() - t0) / 1000;
  const m = measure(text, scan);
  const undoubted = new Set(m.undoubted);
  return {
    scan: name,
    how: source.how,
    pages: pngs.length,
    fields: m.fields,
    exact: m.exact,
    percent: Math.round(share(m) * 1000) / 10,
    wrong: m.wrong.length,
    undoubted: m.undoubted.length,
    seconds: Math.round(seconds * 10) / 10,
    wrongFields: m.wrong.map((w) => ({ ...w, doubted: !undoubted.has(w.path) })),
  };
}

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

async function main(): Promise<void> {
  const kinds = values.photocopy ? [true] : values.clean ? [false] : [false, true];
  const results: Result[] = [];
  for (const source of sources) {
    for (const copy of kinds) {
      const r = await measureScan(source, copy);
      results.push(r);
      if (!values.json) {
        log(`  ${r.exact}/${r.fields} exact (${r.percent.toFixed(1)}%), ${r.wrong} wrong, ${r.undoubted} not doubted, ${r.seconds} s`);
        if (values.wrong) for (const w of r.wrongFields) log(`    ${w.doubted ? '  doubted' : 'UNDOUBTED'} ${w.path}: ${show(w.expected)} ≠ ${show(w.actual)}`);
      }
    }
  }
  const git = (args: string) => {
    try {
      return execSync(`git ${args}`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const commit = git('rev-parse --short HEAD') ?? process.env.SCAN_COMMIT ?? 'unknown';
  const dirty = (git('status --porcelain --untracked-files=no') ?? '') !== '';
  const facts = { date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', commit: `${commit}${dirty ? '+changes' : ''}`, load: os.loadavg().map((l) => l.toFixed(1)).join(' '), cores: os.availableParallelism() };
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...facts, results }, null, 2)}\n`);
    return;
  }
  const lines = [
    `Scans at ${DPI} dpi — ${facts.date}, commit ${facts.commit}, load average ${facts.load} (at the end), ${facts.cores} cores`,
    '',
    '| scan | pages | fields | exact | % | wrong | undoubted | seconds |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...results.map((r) => `| ${r.scan} | ${r.pages} | ${r.fields} | ${r.exact} | ${r.percent.toFixed(1)} | ${r.wrong} | ${r.undoubted} | ${r.seconds.toFixed(1)} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
