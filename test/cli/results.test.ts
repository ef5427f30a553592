/**
 * `jixiao results report` on the demo database: the region's 结果运用 in Chinese, the same figures
 * in the .xlsx written with --out, one department by its code, usage errors with exit code 2.
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
const work = mkdtempSync(join(tmpdir(), 'jixiao-results-'));
let target: ChildDatabase;
let db: string;

const jixiao = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', COLUMNS: '200' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(async () => {
  target = await createTestDatabaseTarget('results.db');
  db = target.arg;
  expect(jixiao(['demo', '--db', db, '--from', FIXTURE_DIR]).code).toBe(0);
}, 120_000);
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await target?.drop();
});

describe('jixiao results report', () => {
  it('prints the year\'s results by consequence, grade and department, and writes the same figures to .xlsx', async () => {
    const r = jixiao(['results', 'report', '--year', '2025', '--db', db, '--out', 'out/结果运用.xlsx']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2025年度绩效评价结果应用情况');
    const m = /项目 (\d+) 个，已自评 (\d+) 个；财政已确定 (\d+) 个（其中调整建议 (\d+) 个），待确定 (\d+) 个/.exec(r.stdout)!;
    const [projects, evaluated, decided, overridden] = m.slice(1, 5).map(Number) as [number, number, number, number];
    expect(evaluated).toBeGreaterThan(0);
    expect(decided).toBeGreaterThan(overridden);
    expect(overridden).toBeGreaterThan(0);
    expect(projects).toBeGreaterThanOrEqual(evaluated);
    const total = /│ 合计\s+│\s+(\d+) │\s+([\d.]+) │\s+([\d.]+) │\s+(-?[\d.]+) │/.exec(r.stdout)!;
    expect(Number(total[1])).toBe(evaluated);
    expect(r.stdout).toContain(`已写入 out/结果运用.xlsx`);

    const file = join(work, 'out/结果运用.xlsx');
    expect(existsSync(file)).toBe(true);
    const wb = new ExcelJS.Workbook();
    const bytes = readFileSync(file);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    let sheetTotal: unknown[] = [];
    wb.getWorksheet('汇总')!.eachRow((row) => {
      const v = (row.values as unknown[]).slice(1);
      if (v[0] === '合计') sheetTotal = v;
    });
    expect(sheetTotal).toStrictEqual(['合计', ...[total[1], total[2], total[3], total[4]].map(Number)]);
    expect(wb.getWorksheet('项目明细')!.rowCount).toBe(projects + 1);
  });

  it('one department by its code; usage errors exit 2 with a Chinese message', () => {
    const count = (out: string) => Number(/项目 (\d+) 个/.exec(out)![1]);
    const region = jixiao(['results', 'report', '--year', '2025', '--db', db]).stdout;
    const code = /│ (\d{6}) /.exec(jixiao(['list', '--db', db]).stdout)![1]!;
    const one = jixiao(['results', 'report', '--year', '2025', '--department', code, '--db', db]);
    expect(one.code, one.stderr).toBe(0);
    const title = one.stdout.split('\n')[0]!;
    expect(title).toMatch(/^\S+2025年度绩效评价结果应用情况$/);
    expect(title).not.toBe('2025年度绩效评价结果应用情况');
    expect(count(one.stdout)).toBeGreaterThan(0);
    expect(count(one.stdout)).toBeLessThan(count(region));
    // no department table for one department
    expect(one.stdout).not.toContain('│ 部门');
    const help = jixiao(['results', '--help']);
    expect(help.stdout).toContain('report [选项]');
    expect(help.stdout).toContain('help [命令]    显示命令的帮助');
    expect(help.stdout).not.toMatch(/display help|Usage|Options|Commands/);
    const word = jixiao(['results', 'report', '--year', '2025', '--db', db, '--out', 'report.docx']);
    expect(word.code, word.stderr).toBe(0);
    expect(readFileSync(join(work, 'report.docx')).subarray(0, 2).toString()).toBe('PK');
    const badOut = jixiao(['results', 'report', '--year', '2025', '--db', db, '--out', 'report.pdf']);
    expect(badOut.code).toBe(2);
    expect(badOut.stderr).toContain('输出文件“report.pdf”应以 .xlsx 或 .docx 结尾');
    const badYear = jixiao(['results', 'report', '--year', '25', '--db', db]);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toContain('年度“25”应为四位数字');
    const badDepartment = jixiao(['results', 'report', '--year', '2025', '--department', '000000', '--db', db]);
    expect(badDepartment.code).toBe(2);
    expect(badDepartment.stderr).toContain('没有单位编码为“000000”的单位');
  });
});
