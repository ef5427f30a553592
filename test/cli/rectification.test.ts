/**
 * `jixiao rectification list` on the demo database: all items, the overdue ones (with their days),
 * one department's, JSON for scripts, and usage errors in Chinese with exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../support/fixtures';
import { createTestDatabaseTarget, type ChildDatabase } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-rectification-'));
let target: ChildDatabase;

const jixiao = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', COLUMNS: '200' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

interface Listed {
  today: string;
  total: number;
  items: { id: number; departmentId: number; departmentName: string; displayStatus: string; daysOverdue: number; deadline: string }[];
}
const json = (args: string[]): Listed => {
  const r = jixiao(['rectification', 'list', '--json', '--db', target.arg, ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Listed;
};

beforeAll(async () => {
  target = await createTestDatabaseTarget('rectification.db');
  const demo = jixiao(['demo', '--db', target.arg, '--from', FIXTURE_DIR]);
  expect(demo.code, demo.stderr).toBe(0);
}, 180_000);
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await target?.drop();
});

describe('jixiao rectification list', () => {
  it('lists every item, and the overdue ones with how many days', () => {
    const all = json([]);
    expect(all.total).toBeGreaterThan(0);
    expect(all.items).toHaveLength(all.total);
    const overdue = json(['--overdue']);
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.map((i) => i.id).sort()).toStrictEqual(all.items.filter((i) => i.displayStatus === 'overdue').map((i) => i.id).sort());
    for (const i of overdue.items) expect(i.deadline < overdue.today && i.daysOverdue > 0).toBe(true);

    const text = jixiao(['rectification', 'list', '--overdue', '--db', target.arg]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`逾期 ${overdue.items[0]!.daysOverdue} 天`);
    expect(text.stdout).toContain(`共 ${overdue.total} 项，其中逾期 ${overdue.total} 项`);
  });

  it("lists one department's items by its name, and judges overdue by --today", () => {
    const all = json([]);
    const name = all.items[0]!.departmentName;
    const own = json(['--department', name]);
    expect(own.items.length).toBe(all.items.filter((i) => i.departmentName === name).length);
    expect(own.items.every((i) => i.departmentName === name)).toBe(true);
    // long ago, nothing was overdue yet
    expect(json(['--overdue', '--today', '2000-01-01']).total).toBe(0);
    expect(json(['--status', '已销号']).items.every((i) => i.displayStatus === 'closed')).toBe(true);
  });

  it('refuses what it does not understand, in Chinese, exit 2', () => {
    for (const [args, message] of [
      [['--status', '完成'], '未知的状态“完成”'],
      [['--department', '没有这个单位'], '没有找到单位“没有这个单位”'],
      [['--today', '2025-02-30'], '--today 应为有效日期'],
    ] as const) {
      const r = jixiao(['rectification', 'list', '--db', target.arg, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});
