/**
 * `jixiao demo`: a fresh database gets the demo data (the same `serve` loads), then the projects
 * are listed with the demo logins; a second run changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { FIXTURE_DIR } from '../support/fixtures';
import { createTestDatabaseTarget } from '../support/test-database';
import { DEMO_UNITS } from '../../src/server/modules/demo/demo.service';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-demo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const jixiao = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', COLUMNS: '200' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('jixiao demo', () => {
  it('loads the demo data once, lists the projects and the demo logins', async () => {
    const target = await createTestDatabaseTarget('demo.db');
    onTestFinished(() => target.drop());
    const db = target.arg;
    const first = jixiao(['demo', '--db', db, '--from', FIXTURE_DIR]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('生成演示数据');
    // the fixtures' four departments, under their own codes, and the units the demo adds under 路南区's 主管部门 (763001)
    expect(first.stdout).toMatch(new RegExp(`新导入 ${4 + DEMO_UNITS.length} `));
    for (const unit of ['763001', '203001', '326001', '314003', '763002', '763003']) expect(first.stdout).toContain(`dept-${unit}`);
    expect(first.stdout).toContain('supervisor-763001');
    for (const name of DEMO_UNITS) expect(first.stdout).toContain(name);
    expect(first.stdout).toContain('唐山市曹妃甸区希望路街道办事处');
    expect(first.stdout).toMatch(/reviewer\s.*jixiao-demo/);

    const second = jixiao(['demo', '--db', db, '--from', FIXTURE_DIR]);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('生成演示数据');
    expect(second.stdout).toMatch(/admin\s.*jixiao-demo/);
  }, 120_000);

  it('without fixtures: says where it looked, exit 1', () => {
    const r = jixiao(['demo', '--db', join(work, 'empty.db'), '--from', join(work, 'nowhere')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nowhere');
  }, 60_000);
});
