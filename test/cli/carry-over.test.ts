/**
 * `jixiao carry-over`: a department's next-year drafts from its approved projects, one line per
 * project in Chinese, the ones not carried listed with the reason; usage errors exit 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { FIXTURE_DIR } from '../support/fixtures';
import { createTestDatabaseTarget, type ChildDatabase } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-carry-'));
let target: ChildDatabase;
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await target?.drop();
});

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The department 326001's projects of 2025: the first two approved, the others left as drafts. */
let names: string[] = [];
beforeAll(async () => {
  target = await createTestDatabaseTarget();
  expect(jixiao(['import', FIXTURE_DIR, '--db', target.arg, '-q']).code).toBe(0);
  const db = await openDatabase(target.target);
  try {
    const rows = await db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .innerJoin('department', 'department.id', 'document.departmentId')
      .select(['project.id', 'project.name'])
      .where('department.code', '=', '326001')
      .where('document.isCurrent', '=', 1)
      .orderBy('project.documentId')
      .orderBy('project.position')
      .execute();
    names = rows.map((r) => r.name);
    await db.updateTable('project').set({ status: 'approved' }).where('id', 'in', rows.slice(0, 2).map((r) => r.id)).execute();
  } finally {
    await closeDatabase(db);
  }
}, 120_000);

describe('jixiao carry-over', () => {
  it('drafts next year from the approved projects and says why the others were not carried', () => {
    const r = jixiao(['carry-over', '--from-year', '2025', '--department', '326001', '--db', target.arg]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/：以 2025 年项目为基础编制 2026 年绩效目标表$/);
    expect(lines.slice(1, -1)).toHaveLength(names.length);
    expect(lines[1]).toMatch(new RegExp(`^\\[1/${names.length}\\] 已编制“${names[0]}”：已编制 2026 年草稿（\\d+ 个指标，0 个有本年实际值）$`));
    expect(lines[3]).toBe(`[3/${names.length}] 未编制“${names[2]}”：项目“${names[2]}”状态为“草稿”，审核通过（已审核或已公开）后才能以其为基础编制下年目标`);
    expect(lines.at(-1)).toBe(`完成：已编制 2 个 2026 年草稿，未编制 ${names.length - 2} 个。草稿的预算数待填写，各指标旁显示 2025 年实际值。`);
    // the drafts are next year's projects of the department
    const list = jixiao(['list', '--db', target.arg]);
    expect(list.stdout.split(names[0]!).length - 1).toBeGreaterThanOrEqual(2);
    // a second run carries nothing again
    const again = jixiao(['carry-over', '--from-year', '2025', '--department', '326001', '--db', target.arg]);
    expect(again.stdout).toContain('完成：已编制 0 个 2026 年草稿');
  });

  it('refuses an unknown department and a malformed year with exit code 2', () => {
    const unknown = jixiao(['carry-over', '--from-year', '2025', '--department', '999999', '--db', target.arg]);
    expect([unknown.code, unknown.stderr.trim()]).toStrictEqual([2, 'jixiao: 没有单位编码为“999999”的单位']);
    const bad = jixiao(['carry-over', '--from-year', '去年', '--department', '326001', '--db', target.arg]);
    expect([bad.code, bad.stderr.trim()]).toStrictEqual([2, 'jixiao: 年度“去年”应为 2000–2100 之间的整数']);
  });
});
