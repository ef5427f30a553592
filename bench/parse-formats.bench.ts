/**
 * Parsing speed per format: `npm run bench:parse [-- --tables 40 --runs 5 --seed 1 --no-write]`.
 *
 * One department's document (generated from the fixtures' content, `--tables` project tables) is
 * written in every format Jixiao reads — extracted text, Word (.docx, the official layout of the
 * export), PDF (that .docx printed by LibreOffice, as a Word user would), a web page (the same
 * tables with rowspan/colspan), a spreadsheet laid out as a form, Word 97 (.doc) and Excel 97
 * (.xls) — and each is read and parsed (parseDocumentsBytes) `--runs` times; the median is
 * reported beside a baseline in the same run: the format's library alone on the same bytes
 * (decoding the text; unzipping and parsing word/document.xml; pdf.js extracting every page's
 * text and drawing operators; parse5 building the page; ExcelJS loading the workbook; LibreOffice
 * converting the old binary). The ratio says what Jixiao adds to reading the file at all.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { parse as parseHtml } from 'parse5';
import { generateCorpus } from '../src/server/demo-corpus/generate-corpus';
import { exportDocx } from '../src/server/exporters/docx-exporter';
import { convertWithLibreOffice } from '../src/server/importers/office/convert';
import { createParsePool } from '../src/server/modules/imports/parse-pool';
import { parseDocumentBytes, parseDocumentsBytes } from '../src/server/importers/read-document';
import type { ParsedDocument } from '../src/shared/domain/model';
import { departmentTargetsTable, officialTable, toGrid, type OfficialRow } from '../src/shared/domain/official-table';
import { FIXTURE_DIR, fmtInt, fmtRatio, log, machine, markers, median, packageVersion, positiveArg, writeBenchmarkSection } from './support';

const { values } = parseArgs({
  options: {
    tables: { type: 'string', default: '40' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    'no-write': { type: 'boolean', default: false },
  },
});
const TABLES = positiveArg('tables', values.tables);
const RUNS = positiveArg('runs', values.runs);
const SEED = positiveArg('seed', values.seed);

async function timeMedian(work: () => Promise<unknown>): Promise<number> {
  await work(); // warm-up: code compiled, libraries loaded
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return median(times);
}

// ---------------------------------------------------------------------------------------------
// The document in every format

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Rows of the official model as an HTML table (colspan/rowspan as the web app draws them). */
function htmlTable(rows: readonly OfficialRow[]): string {
  const grid = toGrid([...rows]);
  const body = grid.rows
    .map((r) => `<tr>${r.cells.map((c) => `<td${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}>${c.lines.map(escape).join('<br>')}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table border="1">\n${body}\n</table>`;
}

/** The document as a government site would publish it: part one as paragraphs, each table after its title. */
function htmlPage(doc: ParsedDocument): string {
  const parts = [`<h2>${escape(doc.department?.name ?? '')}${doc.year}年部门预算绩效目标</h2>`, '<p>一、总体绩效目标</p>', `<p>${escape(doc.departmentGoals.overall ?? '')}</p>`];
  if (doc.departmentTargets) parts.push(`<p>${escape(departmentTargetsTable(doc.departmentTargets).title)}</p>`);
  for (const p of doc.projects) {
    const t = officialTable(p);
    parts.push(`<p>${escape(t.title ?? '')}</p>`, htmlTable([...t.main, ...t.indicators]));
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>绩效目标</title></head><body>\n${parts.join('\n')}\n</body></html>`;
}

/** The document as a workbook laid out as forms: each table's official rows on one sheet, merged cells merged. */
async function formWorkbook(doc: ParsedDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效目标表');
  let r = 1;
  for (const p of doc.projects) {
    const t = officialTable(p);
    ws.getCell(r, 1).value = t.title ?? '';
    ws.mergeCells(r, 1, r, 8);
    r++;
    for (const rows of [t.main, t.indicators]) {
      const grid = toGrid([...rows]);
      const taken = new Set<string>();
      grid.rows.forEach((row, i) => {
        let c = 1;
        for (const cell of row.cells) {
          while (taken.has(`${r + i}:${c}`)) c++;
          ws.getCell(r + i, c).value = cell.lines.join('\n');
          if (cell.colSpan > 1 || cell.rowSpan > 1) ws.mergeCells(r + i, c, r + i + cell.rowSpan - 1, c + cell.colSpan - 1);
          for (let y = 0; y < cell.rowSpan; y++) for (let x = 0; x < cell.colSpan; x++) taken.add(`${r + i + y}:${c + x}`);
          c += cell.colSpan;
        }
      });
      r += grid.rows.length;
    }
    r++;
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function libreOfficeConvert(input: Buffer, name: string, to: string, dir: string): Buffer {
  const source = join(dir, name);
  writeFileSync(source, input);
  const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', to, '--outdir', dir, source], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`LibreOffice could not convert ${name} to ${to}`);
  return readFileSync(join(dir, name.replace(/\.[^.]+$/, `.${to.split(':')[0]}`)));
}

/**
 * Uploading a file to a server just started, through its parse pool: the first upload (its
 * worker starts with it, loads the readers and reads its first PDF) and the next one (the worker
 * stays a while after a file).
 */
async function uploadMs(bytes: Buffer, file: string): Promise<{ first: number; next: number }> {
  const pool = createParsePool({ threads: 1 });
  const time = async () => {
    const t0 = performance.now();
    const read = await pool.read(bytes, file);
    if (!read.ok) throw new Error(read.message);
    return performance.now() - t0;
  };
  try {
    return { first: await time(), next: await time() };
  } finally {
    await pool.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Baselines: the format's library alone

const xml = new XMLParser({ ignoreAttributes: false, preserveOrder: true });

async function pdfBaseline(bytes: Uint8Array): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = createRequire(import.meta.url).resolve('pdfjs-dist/package.json').replace(/package\.json$/, '');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), cMapUrl: `${root}cmaps/`, cMapPacked: true, standardFontDataUrl: `${root}standard_fonts/`, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const pdf = await task.promise;
  let items = 0;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    items += (await page.getTextContent()).items.length;
    await page.getOperatorList();
  }
  await task.destroy();
  return items;
}

interface Row {
  format: string;
  what: string;
  bytes: number;
  pages?: number;
  tables: number;
  parseMs: number;
  baseline: string;
  baselineMs: number;
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-parse-'));
  const env = machine(tmp);
  log(`bench:parse — one document of ${TABLES} tables in every format, ${RUNS} runs, on ${env.cpu} (${env.cores} cores)`);
  try {
    const [source] = await generateCorpus({ documents: 1, tablesPerDocument: TABLES, seed: SEED, fixtureDir: FIXTURE_DIR });
    const text = Buffer.from(source!.text, 'utf8');
    const doc = await parseDocumentBytes(text, 'bench.txt');
    const tables = doc.projects.length;
    const docx = await exportDocx(doc);
    const pdf = libreOfficeConvert(docx, 'bench.docx', 'pdf', tmp);
    const html = Buffer.from(htmlPage(doc), 'utf8');
    const xlsx = await formWorkbook(doc);
    const oldDoc = libreOfficeConvert(docx, 'bench.docx', 'doc:MS Word 97', tmp);
    const xls = libreOfficeConvert(xlsx, 'bench.xlsx', 'xls:MS Excel 97', tmp);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pages = (await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise).numPages;

    const rows: Row[] = [];
    const measure = async (format: string, what: string, bytes: Buffer, file: string, baseline: string, base: () => Promise<unknown>, extra: Partial<Row> = {}, expected = tables) => {
      log(`  ${format}…`);
      const parsed = await parseDocumentsBytes(bytes, file);
      const found = parsed.reduce((n, d) => n + d.projects.length, 0);
      if (found !== expected) log(`  ${format}: ${found} of ${expected} tables read`);
      rows.push({ format, what, bytes: bytes.length, tables: found, parseMs: await timeMedian(() => parseDocumentsBytes(bytes, file)), baseline, baselineMs: await timeMedian(base), ...extra });
    };
    await measure('text (.txt)', 'extracted from Word', text, 'bench.txt', 'decode the UTF-8 and split the lines', async () => new TextDecoder('utf-8', { fatal: true }).decode(text).split('\n'));
    await measure('Word (.docx)', 'Jixiao’s export', docx, 'bench.docx', 'unzip and parse word/document.xml', async () => xml.parse(await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')));
    await measure('PDF', `the .docx printed by LibreOffice, ${pages} pages`, pdf, 'bench.pdf', 'pdf.js: text and drawing operators of every page', () => pdfBaseline(pdf), { pages });
    // The issue's yardstick: a PDF of about 24 pages; also as the first upload a server takes.
    const shortTables = Math.max(1, Math.round((TABLES * 24) / pages));
    const [short] = await generateCorpus({ documents: 1, tablesPerDocument: shortTables, seed: SEED, fixtureDir: FIXTURE_DIR });
    const shortPdf = libreOfficeConvert(await exportDocx(await parseDocumentBytes(Buffer.from(short!.text, 'utf8'), 'short.txt')), 'short.docx', 'pdf', tmp);
    const shortPages = (await pdfjs.getDocument({ data: new Uint8Array(shortPdf), verbosity: 0 }).promise).numPages;
    const upload = await uploadMs(shortPdf, 'short.pdf');
    await measure('PDF', `a ${shortPages}-page one; uploaded to a server just started: the first ${upload.first.toFixed(0)} ms, the next ${upload.next.toFixed(0)} ms`, shortPdf, 'short.pdf', 'pdf.js: text and drawing operators of every page', () => pdfBaseline(shortPdf), { pages: shortPages }, shortTables);
    await measure('web page (.html)', 'tables with rowspan/colspan', html, 'bench.html', 'parse5: the page’s tree', async () => parseHtml(html.toString('utf8')));
    await measure('Excel form (.xlsx)', 'merged cells on one sheet', xlsx, 'bench-form.xlsx', 'ExcelJS: load the workbook', async () => new ExcelJS.Workbook().xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer));
    await measure('Word 97 (.doc)', 'through LibreOffice', oldDoc, 'bench.doc', 'LibreOffice: convert to .docx', () => convertWithLibreOffice(oldDoc, 'bench.doc', 'docx'));
    await measure('Excel 97 (.xls)', 'through LibreOffice', xls, 'bench.xls', 'LibreOffice: convert to .xlsx', () => convertWithLibreOffice(xls, 'bench.xls', 'xlsx'));

    const table = [
      '| format | the file | size | tables read | read + parse, ms (median) | tables/s | baseline: the library alone | baseline, ms | ratio |',
      '|---|---|--:|--:|--:|--:|---|--:|--:|',
      ...rows.map(
        (r) =>
          `| ${r.format} | ${r.what} | ${fmtInt(r.bytes / 1024)} KiB | ${r.tables} | **${r.parseMs.toFixed(0)}** | ${fmtInt((r.tables * 1000) / r.parseMs)} | ${r.baseline} | ${r.baselineMs.toFixed(0)} | ${fmtRatio(r.parseMs / r.baselineMs)} |`,
      ),
    ].join('\n');
    const { start, end } = markers('parse');
    const section = [
      start,
      '## Parsing each format',
      '',
      `\`npm run bench:parse -- --tables ${TABLES} --runs ${RUNS} --seed ${SEED}\` — one department's document of ${tables} project tables (generated from the fixtures' content) written in every`,
      'format Jixiao reads, each read and parsed by `parseDocumentsBytes` (the reader, then the one parser), median of the runs after a warm-up; beside it the',
      "format's library alone on the same bytes. .doc and .xls include LibreOffice's conversion (a process per file), which is most of their time.",
      '',
      `Machine: ${env.cpu}, ${env.cores} cores, ${env.memory}, ${env.os}; Node ${env.node}, pdfjs-dist ${packageVersion('pdfjs-dist')}, parse5 ${packageVersion('parse5')}, ExcelJS ${packageVersion('exceljs')}; load average ${env.load} at the start.`,
      '',
      table,
      end,
    ].join('\n');
    process.stdout.write(`${table}\n`);
    if (!values['no-write']) writeBenchmarkSection('parse', section);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
