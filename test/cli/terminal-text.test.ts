/**
 * What the command line prints never acts on the operator's terminal (issue 72, item 4): a project name and an
 * indicator stored with an escape sequence (ESC, a C1 CSI, DEL, a bell — on SQLite the API stored them until the edge
 * refused them, and any older database may hold them) are shown by `jixiao list` and `show` as visible pictures
 * (␛ ␇ ␡, C1 as �); `--json` keeps every character, escaped.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { importFixture } from '../server/domain-support';
import { createTestDatabaseTarget, type ChildDatabase } from '../support/test-database';
import { printable } from '../../src/shared/domain/clean-text';

const BIN = resolve('bin/jixiao.js');
const HOSTILE = '社区\u001b[2J\u001b]0;owned\u0007服务\u009b31m经费\u007f';
let target: ChildDatabase;
let code: string;

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', target.arg], { encoding: 'utf8', env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', COLUMNS: '200' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Any character a terminal acts on but tab and line feed. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

beforeAll(async () => {
  target = await createTestDatabaseTarget();
  const db = await openDatabase(target.target);
  try {
    const f = await importFixture(db, 'f000');
    const project = await db.selectFrom('project').select(['id', 'code']).where('id', '=', f.projectIds[0]!).executeTakeFirstOrThrow();
    code = project.code!;
    await db.updateTable('project').set({ name: HOSTILE }).where('id', '=', project.id).execute();
    await db.updateTable('indicator').set({ targetRaw: '≥95%\u001b[31m' }).where('projectId', '=', project.id).execute();
  } finally {
    await closeDatabase(db);
  }
}, 120_000);
afterAll(() => target?.drop());

describe('text with control characters on the terminal', () => {
  it('printable: every control character but tab and line feed as its picture', () => {
    expect(printable(HOSTILE)).toBe('社区␛[2J␛]0;owned␇服务\uFFFD31m经费␡');
    expect(printable('第一行\n\t第二行\r')).toBe('第一行\n\t第二行␍');
  });

  it('jixiao list and show: pictures, never the sequences', () => {
    const list = jixiao(['list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toMatch(CONTROL);
    expect(list.stdout).toContain('␛[2J');
    const show = jixiao(['show', code]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).not.toMatch(CONTROL);
    expect(show.stdout).toContain('≥95%␛[31m');
  });
});
