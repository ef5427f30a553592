/**
 * Issue 59 on the command line: `jixiao parse --json` gives each 自评表 as `selfEvaluation` with the fields,
 * and `jixiao check` prints its 复核 (self-score beside Jixiao's, findings under 自评复核), readable and --json,
 * exit 1 on an error finding.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SELF_EVALUATION_DIR } from '../support/self-evaluation-documents';

const BIN = resolve('bin/jixiao.js');
const doc = (name: string) => join(SELF_EVALUATION_DIR, name);

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const work = mkdtempSync(join(tmpdir(), 'jixiao-self-evaluation-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('jixiao parse, check and import of a 自评表', () => {
  it('import: the tables stored for the 复核, no target document; the same files again unchanged', () => {
    const db = join(work, 'se.db');
    const files = readdirSync(SELF_EVALUATION_DIR).filter((f) => f.endsWith('.html')).map(doc);
    const first = jixiao(['import', '-q', '--db', db, ...files]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('本次写入：单位 0，项目 0，指标 0，自评表 8（自评复核），诊断 0');
    expect(first.stdout).toContain('数据库合计：单位 0，文档 0');
    const again = jixiao(['import', '-q', '--db', db, ...files]);
    expect(again.stdout).toContain('新导入 0 个文档，替换旧版本 0，内容未变 8');
  });

  it('parse --json: selfEvaluation with project, unit, year, funds, indicators, total, grade', () => {
    const r = jixiao(['parse', '--json', doc('se05-sum-points.html')]);
    expect(r.code).toBe(0);
    const [parsed] = JSON.parse(r.stdout) as { projects: unknown[]; selfEvaluations: { selfEvaluation: Record<string, unknown>; sources: Record<string, { line: number; ref?: string }> }[] }[];
    expect(parsed!.projects).toEqual([]);
    const se = parsed!.selfEvaluations[0]!;
    expect(Object.keys(se.selfEvaluation).slice(0, 7)).toEqual(['project', 'unit', 'year', 'funds', 'indicators', 'total', 'grade']);
    // amounts in the table's unit (元), exactly as written
    expect(se.selfEvaluation.funds).toEqual({ budgetStart: '2400000.00', budgetFull: '2650000.00', executed: '2544000.00', points: 10, rate: 96, score: 9.6 });
    expect(se.selfEvaluation.amountUnit).toBe('元');
    expect(se.sources['funds.executed']).toEqual({ line: expect.any(Number), ref: '表1 行4 列6' });
  });

  it('check: the clean table passes, a table with an error finding exits 1, each finding with its place', () => {
    const clean = jixiao(['check', doc('se01-clean.html')]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('自评总分 97.22分（优），复核得分 97.22分（优），相差 0分；自评复核问题 0 条');

    const warned = jixiao(['check', doc('se02-met-deducted.html')]);
    expect(warned.code).toBe(0); // a warning only
    expect(warned.stdout).toContain('[警告] 自评复核');
    expect(warned.stdout).toContain('“资金到位及时率”目标≥100%，实际100%，已达成，自评得7分（满分10分），未说明扣分原因');

    const r = jixiao(['check', '--json', doc('se06-funds-score.html'), doc('se01-clean.html')]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { selfEvaluations: { file: string; selfScore: number; recomputed: { total: number }; gap: number; findings: { rule: string; category: string; severity: string; line: number; ref: string; message: string }[] }[] };
    expect(report.selfEvaluations.map((s) => [s.selfScore, s.recomputed.total, s.gap, s.findings.length])).toEqual([
      [100, 98.5, 1.5, 1],
      [97.22, 97.22, 0, 0],
    ]);
    expect(report.selfEvaluations[0]!.findings[0]).toMatchObject({ rule: 'funds.score', category: 'selfEvaluation', severity: 'error', ref: '表1 行4 列9' });
  });
});
