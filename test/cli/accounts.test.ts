/**
 * `jixiao accounts list | add | code` (issue 57): the operator makes the administrators' accounts
 * and gives an administrator's account its one-time code — the ways no administrator has through
 * the API. A real process through bin/jixiao.js on a real database; the codes sign in once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { authenticate } from '../../src/server/modules/auth/auth.service';
import { DEFAULT_SECURITY_POLICY } from '../../src/shared/domain/security-policy';
import { createTestDatabaseTarget } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-accounts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const jixiao = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', COLUMNS: '200' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** The codes a command printed, by username. */
const codesOf = (stdout: string) => new Map([...stdout.matchAll(/^│\s*([a-z0-9._-]+)\s*│\s*([a-zA-Z2-9]{16})\s*│/gm)].map((m) => [m[1]!, m[2]!]));

describe('jixiao accounts', () => {
  it('adds the administrators with one-time codes, lists them, and gives a forgotten password a new code; no other role', async () => {
    const target = await createTestDatabaseTarget('accounts.db');
    onTestFinished(() => target.drop());
    const added = jixiao(['accounts', 'add', 'ops', '--role', 'admin', '--name', '运维管理员', '--db', target.arg]);
    expect(added.code, added.stderr).toBe(0);
    const first = codesOf(added.stdout).get('ops');
    expect(first).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(added.stdout).toContain('只显示这一次');
    expect(jixiao(['accounts', 'add', 'sec', '--role', 'security', '--db', target.arg]).code).toBe(0);

    const refused = jixiao(['accounts', 'add', 'zhang', '--role', 'reviewer', '--db', target.arg]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')[0]).toBe('错误：选项 --role <角色> 的取值 reviewer 无效，可选：admin, security, auditor');
    const taken = jixiao(['accounts', 'add', 'ops', '--role', 'auditor', '--db', target.arg]);
    expect([taken.code, taken.stderr]).toEqual([2, 'jixiao: 用户名“ops”已存在\n']);

    const list = jixiao(['accounts', 'list', '--db', target.arg]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/ops\s.*运维管理员\s.*系统管理员\s.*待首次登录/);
    expect(list.stdout).toMatch(/sec\s.*安全管理员\s.*安全管理员\s.*待首次登录/);

    const reset = jixiao(['accounts', 'code', 'ops', '--db', target.arg]);
    expect(reset.code, reset.stderr).toBe(0);
    const second = codesOf(reset.stdout).get('ops')!;
    expect(second).not.toBe(first);
    expect(jixiao(['accounts', 'code', 'nobody', '--db', target.arg])).toMatchObject({ code: 2, stderr: 'jixiao: 没有用户名为“nobody”的账号\n' });

    const db = await openDatabase(target.target);
    try {
      const now = new Date();
      const at = { demo: false, now, policy: DEFAULT_SECURITY_POLICY };
      expect(await authenticate(db, 'ops', first!, at)).toMatchObject({ ok: false, reason: 'credentials' });
      expect(await authenticate(db, 'ops', second, at)).toMatchObject({ ok: true, user: { role: 'admin', mustChangePassword: true } });
      expect(await authenticate(db, 'ops', second, at)).toMatchObject({ ok: false, reason: 'code-used' });
      const entries = (await listAuditEntries(db, { entity: 'user' })).map((e) => [e.actorUsername, e.action, (e.detail as { username: string }).username]);
      expect(entries).toEqual([
        ['system', 'user.create', 'ops'],
        ['system', 'user.code', 'ops'],
        ['system', 'user.create', 'sec'],
        ['system', 'user.code', 'sec'],
        ['system', 'user.code', 'ops'],
      ]);
    } finally {
      await closeDatabase(db);
    }
  }, 120_000);

  it("lists the auditor's account asked to be disabled, and by whom: the operator is told (issue 72, item 8)", async () => {
    const target = await createTestDatabaseTarget('accounts-auditor.db');
    onTestFinished(() => target.drop());
    expect(jixiao(['accounts', 'add', 'aud', '--role', 'auditor', '--db', target.arg]).code).toBe(0);
    const db = await openDatabase(target.target);
    try {
      await db.updateTable('appUser').set({ disableRequestedBy: 'sec', disableRequestedAt: new Date().toISOString() }).where('username', '=', 'aud').execute();
    } finally {
      await closeDatabase(db);
    }
    const list = jixiao(['accounts', 'list', '--db', target.arg]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/aud\s.*安全审计员\s.*安全审计员\s.*待停用（sec 申请，待系统管理员同意）/);
  }, 120_000);
});
