/**
 * `jixiao ex-ante list | show | export` on the demo database: Chinese output, the JSON of the API,
 * a readable .docx, and usage errors (exit 2, one line, no stack trace).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { exAnteListSchema, exAnteViewSchema } from '../../src/shared/api/ex-ante';
import { FIXTURE_DIR } from '../support/fixtures';
import { createTestDatabaseTarget } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-ex-ante-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const jixiao = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', COLUMNS: '200' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('jixiao ex-ante', () => {
  it('lists, shows and exports the demo assessments', async () => {
    const target = await createTestDatabaseTarget('ex-ante.db');
    onTestFinished(() => target.drop());
    const db = target.arg;
    expect(jixiao(['demo', '--db', db, '--from', FIXTURE_DIR]).code).toBe(0);

    const list = jixiao(['ex-ante', 'list', '--db', db]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^\d{4}年事前绩效评估：需评估项目 \d+ 个（未填写 \d+ 个）；草稿 \d+，已提交 \d+，退回 \d+，已审核 \d+/);
    const json = exAnteListSchema.parse(JSON.parse(jixiao(['ex-ante', 'list', '--json', '--status', 'approved', '--db', db]).stdout));
    expect(json.items.length).toBe(json.counts.approved);
    expect(json.items.every((i) => i.status === 'approved')).toBe(true);
    const one = json.items.find((i) => i.code !== null && i.departmentCode !== null)!;
    // One department's only.
    const ofDepartment = exAnteListSchema.parse(JSON.parse(jixiao(['ex-ante', 'list', '--json', '--department', one.departmentCode!, '--db', db]).stdout));
    expect(ofDepartment.items.length).toBeGreaterThan(0);
    expect([...ofDepartment.items, ...ofDepartment.pending].every((i) => i.departmentId === one.departmentId)).toBe(true);
    const noDepartment = jixiao(['ex-ante', 'list', '--department', '999999', '--db', db]);
    expect([noDepartment.code, noDepartment.stderr]).toStrictEqual([2, 'jixiao: 没有找到单位编码“999999”\n']);

    const show = jixiao(['ex-ante', 'show', one.code!, '--db', db]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('状态：已审核');
    expect(show.stdout).toContain(`总分 ${one.totalPoints} 分`);
    const view = exAnteViewSchema.parse(JSON.parse(jixiao(['ex-ante', 'show', one.code!, '--json', '--db', db]).stdout));
    expect(view.assessment!.totalPoints).toBe(one.totalPoints);

    const file = join(work, 'report.docx');
    const exported = jixiao(['ex-ante', 'export', one.code!, '-o', file, '--db', db]);
    expect(exported.code, exported.stderr).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain(`${one.name}事前绩效评估报告`);

    const missing = jixiao(['ex-ante', 'show', '没有这个项目', '--db', db]);
    expect([missing.code, missing.stderr]).toStrictEqual([2, 'jixiao: 没有找到项目“没有这个项目”（按项目编码或名称查找）\n']);
    const badYear = jixiao(['ex-ante', 'list', '--year', '25', '--db', db]);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toContain('--year“25”应为 2000–2100 的年份');
    // The demo leaves some projects that need an assessment without one.
    const pending = exAnteListSchema.parse(JSON.parse(jixiao(['ex-ante', 'list', '--json', '--db', db]).stdout)).pending.filter((p) => p.code !== null);
    expect(pending.length).toBeGreaterThan(0);
    const none = jixiao(['ex-ante', 'export', pending[0]!.code!, '-o', join(work, 'x.docx'), '--db', db]);
    expect([none.code, none.stderr]).toStrictEqual([2, `jixiao: 项目“${pending[0]!.name}”尚未填写事前绩效评估\n`]);
  }, 180_000);
});
