/**
 * `jixiao export` from the database, and what it writes read back by `jixiao import`/`parse`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../support/fixtures';
import { createTestDatabaseTarget, type ChildDatabase } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-export-'));
// The imported fixtures: a SQLite file, or a fresh PostgreSQL database on a PostgreSQL run.
let target: ChildDatabase;
let db: string;
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await target?.drop();
});

async function loadBook(path: string): Promise<ExcelJS.Workbook> {
  const bytes = readFileSync(path);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return book;
}

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  target = await createTestDatabaseTarget();
  db = target.arg;
  expect(jixiao(['import', FIXTURE_DIR, '--db', db, '-q']).code).toBe(0);
});

describe('jixiao export', () => {
  it('Word: a department-year in the official layout, which parses back to the same counts', () => {
    const out = join(work, 'out', '002.docx');
    const r = jixiao(['export', '--department', '326001', '--year', '2025', '--format', 'docx', '-o', out, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const [doc] = JSON.parse(jixiao(['parse', '--json', out]).stdout) as { format: string; projects: { indicators: unknown[] }[] }[];
    expect(doc!.format).toBe('docx');
    expect(doc!.projects).toHaveLength(6);
    expect(doc!.projects.reduce((n, p) => n + p.indicators.length, 0)).toBe(36);
  });

  it('Excel: every current document with its findings; importing it into a fresh database gives the same projects', async () => {
    const out = join(work, 'all.xlsx');
    expect(jixiao(['export', '--format', 'xlsx', '-o', out, '--db', db]).code).toBe(0);
    const book = await loadBook(out);
    for (const sheet of ['单位', '项目', '指标', '问题']) expect(book.getWorksheet(sheet), sheet).toBeDefined();
    expect(book.getWorksheet('项目')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const fresh = join(work, 'fresh.db');
    const r = jixiao(['import', out, '--db', fresh, '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('项目 66，指标 297');
    const list = (path: string) => jixiao(['list', '--db', path]).stdout;
    expect(list(fresh)).toBe(list(db));
  });

  it('the blank template; a template with bad rows names each cell and stores nothing', async () => {
    const template = join(work, 'template.xlsx');
    expect(jixiao(['export', '--template', '--format', 'xlsx', '-o', template]).code).toBe(0);
    const book = await loadBook(template);
    const projects = book.getWorksheet('项目')!;
    const header = Array.from(projects.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (name: string) => header.findIndex((h) => h.startsWith(name));
    const row = projects.getRow(2);
    row.getCell(col('项目键')).value = 'P1';
    row.getCell(col('项目名称')).value = '测试项目';
    row.getCell(col('预算数')).value = 'abc';
    row.commit();
    const bad = join(work, 'bad.xlsx');
    await book.xlsx.writeFile(bad);
    const r = jixiao(['import', bad, '--db', join(work, 'bad.db')]);
    expect(r.code).toBe(1);
    // the first bad cell on the one-line message, each further one on its own line
    expect(r.stderr).toMatch(/^.*bad\.xlsx: \S+![A-Z]+\d+: .*（另有 \d+ 处错误），未导入\n/);
    expect(r.stderr).toMatch(/\n {2}项目![A-Z]+2: .*预算数.*abc/);
    expect(jixiao(['list', '--db', join(work, 'bad.db')]).stdout).toContain('还没有项目');
  });

  it('usage errors: Word needs one department-year; an unknown department', () => {
    expect(jixiao(['export', '--format', 'docx', '-o', join(work, 'x.docx'), '--db', db]).code).toBe(2);
    expect(jixiao(['export', '--department', '999999', '--format', 'xlsx', '-o', join(work, 'x.xlsx'), '--db', db]).code).toBe(2);
    expect(jixiao(['export', '--format', 'rtf', '-o', join(work, 'x.rtf')]).code).toBe(2);
    expect(existsSync(join(work, 'x.docx'))).toBe(false);
  });

  it('PDF through LibreOffice', { timeout: 120_000 }, () => {
    const out = join(work, '000.pdf');
    const r = jixiao(['export', '--department', '763001', '--year', '2025', '--format', 'pdf', '-o', out, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
