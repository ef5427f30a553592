/**
 * The fixtures printed to PDF as people print them (issue 53): each one's text as a web page (its paragraphs as
 * paragraphs, each table as the text has it) printed by Chromium run as a process (`--headless --print-to-pdf`), with
 * the browser's own header and footer and without them; and its Word export converted by LibreOffice. What a PDF
 * reads is compared with what the text reads, field by field. The PDFs are kept under test-artifacts/fixture-prints/.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { splitTextBlocks } from '../../src/server/importers/txt/read-text';
import type { Block, RowBlock } from '../../src/server/importers/blocks';
import { stripBookmarks } from '../../src/shared/domain/text';
import { CHROMIUM_PATH } from '../e2e/browser';

export const PRINTS_DIR = resolve('test-artifacts/fixture-prints');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const plain = (s: string) => esc(stripBookmarks(s).text.trim());

/**
 * A document in the fixtures' text format as a person publishes it on a web page: each paragraph a <p>, each run of
 * table rows (rows not parted by a paragraph: one table per project, as the text has it) one <table> with a cell for
 * each of the text's cells, written as they stand (a cell's paragraphs as lines, an empty cell empty, the empty cells
 * in front of a row whose cells above span it kept as empty cells), without <thead>. A row shorter than the table's
 * widest has its last cell spanning the rest (colspan), as a form's label–value rows do. The page's <title> is the
 * document's first line, which a browser prints in its header.
 */
export function fixturePage(text: string): string {
  const { blocks } = splitTextBlocks(text);
  const body: string[] = [];
  let rows: RowBlock[] = [];
  const flush = () => {
    if (rows.length > 0) body.push(htmlTable(rows));
    rows = [];
  };
  for (const block of blocks as Block[]) {
    if (block.kind === 'row') {
      rows.push(block);
      continue;
    }
    flush();
    const line = plain(block.text);
    if (line !== '') body.push(`<p>${line}</p>`);
  }
  flush();
  const first = blocks.find((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph' && plain(b.text) !== '');
  return [
    '<!DOCTYPE html>',
    `<html lang="zh-CN"><head><meta charset="utf-8"><title>${first === undefined ? '绩效目标' : plain(first.text)}</title>`,
    '<style>body{font-family:"宋体",SimSun,serif;font-size:14px;line-height:1.5}p{margin:6px 0}',
    'table{border-collapse:collapse;width:100%;margin:8px 0}td{border:1px solid #000;padding:3px 5px;vertical-align:middle}</style>',
    '</head><body>',
    ...body,
    '</body></html>',
  ].join('\n');
}

function htmlTable(rows: RowBlock[]): string {
  const width = Math.max(...rows.map((r) => r.cells.length));
  const tr = rows.map((row) => {
    const cells = row.cells.map((cell, i) => {
      const span = i === row.cells.length - 1 && row.cells.length < width ? ` colspan="${width - row.cells.length + 1}"` : '';
      // a cell's paragraphs as lines; the empty paragraphs between them (a blank line in the text) are left out
      const lines = cell.lines.map((l) => esc(l.trim())).filter((l, k, all) => l !== '' || all.length === 1);
      return `<td${span}>${lines.join('<br>')}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table>\n${tr.join('\n')}\n</table>`;
}


/** The flags the tests' browser runs with (test/e2e/browser.ts): no sandbox, no GPU, no reaching out to the network. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    });
  });
}

/**
 * The page printed by Chromium as a person prints it from the command line: `chromium --headless --print-to-pdf`
 * (Debian's chromium-headless-shell, the tests' browser: the same Blink as the whole chromium, started in half the
 * time; JIXIAO_CHROMIUM=/usr/bin/chromium prints with the whole one), a fresh profile, with the browser's default header and footer (date, title, address, page numbers) unless
 * `headerFooter` is false (`--no-pdf-header-footer`). The PDF is kept as test-artifacts/fixture-prints/<name>.
 */
export async function printPageByChromium(html: string, name: string, headerFooter: boolean): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-chromium-print-'));
  try {
    const page = join(dir, `${name.replace(/\.pdf$/, '')}.html`);
    const pdf = join(dir, 'out.pdf');
    await writeFile(page, html);
    const args = [...FLAGS, '--headless', `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${pdf}`, ...(headerFooter ? [] : ['--no-pdf-header-footer']), `file://${page}`];
    const r = await run(CHROMIUM_PATH, args, 120_000);
    if (!existsSync(pdf)) throw new Error(`Chromium did not print ${name} (status ${r.code}): ${r.stderr.slice(-500)}`);
    const bytes = await readFile(pdf);
    mkdirSync(PRINTS_DIR, { recursive: true });
    await writeFile(join(PRINTS_DIR, name), bytes);
    return bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Keeps a PDF made elsewhere (the Word export's) beside the browser's prints. */
export async function keepPrint(bytes: Buffer, name: string): Promise<void> {
  mkdirSync(PRINTS_DIR, { recursive: true });
  await writeFile(join(PRINTS_DIR, name), bytes);
}

/**
 * Where two documents' contents (documentContentJson, parsed) differ, field by field: "projects[3].indicators[2].
 * target.raw: "≥90%" ≠ "≥90"", an array's extra or missing items by their index. Empty when they are the same.
 */
export function contentDifferences(expected: unknown, actual: unknown, path = ''): string[] {
  const show = (v: unknown) => {
    const s = JSON.stringify(v);
    return s === undefined ? 'undefined' : s.length > 160 ? `${s.slice(0, 160)}…` : s;
  };
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (i >= actual.length) out.push(`${path}[${i}]: missing (${show(expected[i])})`);
      else if (i >= expected.length) out.push(`${path}[${i}]: extra (${show(actual[i])})`);
      else out.push(...contentDifferences(expected[i], actual[i], `${path}[${i}]`));
    }
    return out;
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    return keys.flatMap((k) => contentDifferences(expected[k], actual[k], path === '' ? k : `${path}.${k}`));
  }
  if (typeof expected === 'string' && typeof actual === 'string' && expected !== actual) {
    // long texts: where they part, with a little of each around it
    let at = 0;
    while (at < expected.length && expected[at] === actual[at]) at++;
    if (at > 40) return [`${path}: …${show(expected.slice(at - 30, at + 30))} ≠ …${show(actual.slice(at - 30, at + 30))} (at character ${at})`];
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [`${path}: ${show(expected)} ≠ ${show(actual)}`];
}

/** The six real documents from other provinces (beside the fixtures, in ../shared/fixtures/other-provinces). */
export const OTHER_PROVINCES_DIR = resolve(process.cwd(), '../shared/fixtures/other-provinces');

/**
 * At most `n` of the given jobs at a time (each starts a browser or LibreOffice: on a 2-core machine more at once
 * only share the cores and the memory).
 */
export function limited(n: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    while (running >= n) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
