/**
 * `jixiao documents list | show | withdraw` (issue 54): the operator lists the stored documents,
 * sees what withdrawing one would do, and withdraws a document `jixiao import` stored by mistake —
 * the database as before that import, one audit entry by 'cli' with the reason. A document an
 * account imported is refused (the account or its region's 绩效科 withdraws it in the system), and
 * so is a reason missing or too long; refusals exit 2 and write nothing. A real process through
 * bin/jixiao.js on a real database.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { importBytes } from '../../src/server/modules/imports/import-files';
import { FIXTURE_DIR, FIXTURES, readFixture } from '../support/fixtures';
import { createTestDatabaseTarget } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-documents-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const jixiao = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', COLUMNS: '200' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('jixiao documents', () => {
  it('lists, shows and withdraws a document the command line imported; refuses one an account imported', async () => {
    const target = await createTestDatabaseTarget('documents.db');
    onTestFinished(() => target.drop());
    expect(jixiao(['import', join(FIXTURE_DIR, FIXTURES.f000), '--db', target.arg, '-q']).code).toBe(0);
    const db = await openDatabase(target.target);
    try {
      /** The rows of the stored data the withdrawal touches, counted. */
      const counts = async () => {
        const out: Record<string, number> = {};
        for (const t of ['document', 'project', 'indicator', 'diagnostic', 'department'] as const) out[t] = (await db.selectFrom(t).select('id').execute()).length;
        return out;
      };
      // 003 imported by an account (a stand-in for an upload); then the mistake: 002 on the command line
      const byAccount = await importBytes(db, readFixture(FIXTURES.f003), FIXTURES.f003, { actor: { userId: 7, username: 'zhang', displayName: '张三' } });
      expect(byAccount.ok).toBe(true);
      const before = await counts();
      // `jixiao import` names a document by the path it was given
      const file = join(FIXTURE_DIR, FIXTURES.f002);
      expect(jixiao(['import', file, '--db', target.arg, '-q']).code).toBe(0);
      const ids = new Map((await db.selectFrom('document').select(['id', 'fileName']).execute()).map((d) => [d.fileName, d.id]));
      const mistaken = ids.get(file)!;
      const accounts = ids.get(FIXTURES.f003)!;

      const list = jixiao(['documents', 'list', '--db', target.arg]);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(new RegExp(`│\\s*${mistaken}\\s*│\\s*2025\\s*│\\s*保定白沟新城乡村振兴局.*│.*${file}\\s*│\\s*6\\s*│.*│\\s*现行\\s*│`));
      expect(list.stdout).toContain(FIXTURES.f000);

      const show = jixiao(['documents', 'show', String(mistaken), '--db', target.arg]);
      expect(show.code, show.stderr).toBe(0);
      expect(show.stdout).toContain(`文件 ${mistaken}：${file}`);
      expect(show.stdout).toContain('项目 6 个，指标 36 个');
      expect(show.stdout).toContain(`可以撤回（jixiao documents withdraw ${mistaken} --reason 理由），撤回将：`);
      expect(show.stdout).toContain(`删除文件“${file}”及其 6 个项目、36 个指标`);
      // its import created 白沟's department, which nothing else uses: it goes too
      expect(show.stdout).toMatch(/删除导入时新建、别无他用的单位“保定白沟新城乡村振兴局[^”]*”（编码 326001）/);

      const other = jixiao(['documents', 'show', String(accounts), '--db', target.arg]);
      expect(other.stdout).toContain('导入：');
      expect(other.stdout).toContain('张三（zhang）');
      expect(other.stdout).toContain('不能撤回：命令行只能撤回在命令行导入（未使用账号）的文件');
      const afterImports = await counts();
      expect(jixiao(['documents', 'withdraw', String(accounts), '--reason', '越权', '--db', target.arg])).toMatchObject({
        code: 2,
        stderr: 'jixiao: 命令行只能撤回在命令行导入（未使用账号）的文件；账号导入的文件由导入人或本区划的财政局绩效科在系统中撤回\n',
      });
      expect(jixiao(['documents', 'withdraw', String(mistaken), '--db', target.arg]).code).toBe(2);
      expect(jixiao(['documents', 'withdraw', String(mistaken), '--reason', '  ', '--db', target.arg])).toMatchObject({ code: 2, stderr: 'jixiao: 请说明撤回理由\n' });
      expect(jixiao(['documents', 'withdraw', String(mistaken), '--reason', '长'.repeat(501), '--db', target.arg])).toMatchObject({ code: 2, stderr: 'jixiao: 撤回理由最多 500 个字\n' });
      expect(jixiao(['documents', 'withdraw', 'abc', '--reason', '理由', '--db', target.arg])).toMatchObject({ code: 2, stderr: 'jixiao: 文件编号“abc”应为正整数（见 jixiao documents list）\n' });
      expect(jixiao(['documents', 'withdraw', '99999', '--reason', '理由', '--db', target.arg])).toMatchObject({ code: 2, stderr: 'jixiao: 文件不存在，或您没有权限查看\n' });
      expect(await counts()).toStrictEqual(afterImports);

      const done = jixiao(['documents', 'withdraw', String(mistaken), '--reason', '导入了错误的文件', '--db', target.arg]);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toContain(`已撤回导入：文件 ${mistaken}“${file}”，删除 6 个项目、36 个指标`);
      expect(done.stdout).toContain('删除导入时新建的单位：保定白沟新城乡村振兴局');
      expect(await counts()).toStrictEqual(before);
      const entry = (await listAuditEntries(db, { entity: 'document', entityId: mistaken })).at(-1)!;
      expect(entry).toMatchObject({ action: 'document.withdraw', actor: 'cli', actorUserId: null, detail: { reason: '导入了错误的文件', file, projects: 6 } });
      expect(await db.selectFrom('department').select('id').where('code', '=', '326001').executeTakeFirst()).toBeUndefined();
      expect(jixiao(['documents', 'list', '--db', target.arg]).stdout).not.toContain(file);
    } finally {
      await closeDatabase(db);
    }
  }, 180_000);
});
