/**
 * Which test files the PostgreSQL run leaves out (scripts/database-free-tests.mjs, issue 38): those that
 * never reach test/support/test-database.ts, and the browser files but four. A file wrongly called database-free would lose its PostgreSQL run
 * without anyone noticing, so the reading is tested on a tree of its own and checked against the real suite.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BROWSER_FILES_ON_POSTGRES, COMMAND_FILES_ON_SQLITE_ONLY, browserTestFiles, databaseFreeTestFiles, sqliteOnlyTestFiles } from '../../scripts/database-free-tests.mjs';

const root = mkdtempSync(join(tmpdir(), 'jixiao-dbfree-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('databaseFreeTestFiles', () => {
  it('follows static, re-exported and dynamic imports through the test helpers, and counts what it cannot resolve as using a database', () => {
    write('src/server/db/database.ts', 'export const openDatabase = 1;\n');
    write('test/support/test-database.ts', "import { openDatabase } from '../../src/server/db/database';\nexport const useTestDatabase = openDatabase;\n");
    write('test/support/helper.ts', "import { useTestDatabase } from './test-database';\nexport const h = useTestDatabase;\n");
    write('test/support/reexport.ts', "export { h } from './helper';\n");
    write('test/support/pure.ts', 'export const p = 1;\n');
    write('test/support/cycle-a.ts', "import { b } from './cycle-b';\nexport const a = b;\n");
    write('test/support/cycle-b.ts', "import { a } from './cycle-a';\nimport './test-database.js';\nexport const b = a;\n");
    write('test/unit/pure.test.ts', "import { p } from '../support/pure';\nimport { openDatabase } from '../../src/server/db/database';\n");
    write('test/unit/direct.test.ts', "import { useTestDatabase } from '../support/test-database';\n");
    write('test/unit/through-helper.test.ts', "import { h } from '../support/helper';\n");
    write('test/unit/reexported.test.ts', "import { h } from '../support/reexport';\n");
    write('test/unit/dynamic.test.ts', "const m = await import('../support/helper');\n");
    write('test/unit/side-effect.test.ts', "import '../support/test-database';\n");
    write('test/unit/cycle.test.ts', "import { a } from '../support/cycle-a';\n");
    write('test/unit/unresolved.test.ts', "import { x } from '../support/gone';\n");
    write('test/e2e/packages-only.test.ts', "import { describe } from 'vitest';\nimport pg from 'pg';\n");
    expect(databaseFreeTestFiles(root)).toEqual(['test/e2e/packages-only.test.ts', 'test/unit/pure.test.ts']);
  });

  it('on the real suite: no file that asks for a test database, a browser test server or a PostgreSQL URL is left out', () => {
    const free = databaseFreeTestFiles();
    expect(free.length).toBeGreaterThan(0);
    expect(free).toContain('test/unit/clean-text.test.ts');
    for (const file of free) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/useTestDatabase|openTestDatabase|createTestDatabaseTarget|createFilledTestDatabaseTarget|useE2e|startE2e|TEST_DIALECT|JIXIAO_TEST_DATABASE_URL/);
    }
  });

  it('with the browser files but the four walks of the whole process and six command-line files, are what a PostgreSQL run leaves out, unless JIXIAO_TEST_EVERY_FILE=1 asks for every file', () => {
    const browser = browserTestFiles();
    expect(browser).toContain('test/e2e/levels.test.ts');
    // the files kept on PostgreSQL exist and are browser test files: a renamed one would silently leave the run
    for (const kept of BROWSER_FILES_ON_POSTGRES) {
      expect(browser).toContain(kept);
      expect(readFileSync(kept, 'utf8'), kept).toMatch(/useE2e|startE2e/);
    }
    // the command-line files left out exist and start `jixiao` on a test database: a renamed one would silently run on both
    for (const only of COMMAND_FILES_ON_SQLITE_ONLY) {
      expect(only.startsWith('test/cli/'), only).toBe(true);
      expect(readFileSync(only, 'utf8'), only).toMatch(/jixiao/);
      expect(databaseFreeTestFiles(), only).not.toContain(only);
    }
    const left = sqliteOnlyTestFiles({});
    expect(left).toEqual([...new Set([...databaseFreeTestFiles(), ...browser.filter((f) => !BROWSER_FILES_ON_POSTGRES.includes(f)), ...COMMAND_FILES_ON_SQLITE_ONLY])].sort());
    for (const kept of BROWSER_FILES_ON_POSTGRES) expect(left).not.toContain(kept);
    // every file that is not a browser file and reaches a database still runs on PostgreSQL
    expect(left).not.toContain('test/server/isolation.test.ts');
    expect(left).not.toContain('test/cli/cli.test.ts');
    expect(sqliteOnlyTestFiles({ JIXIAO_TEST_EVERY_FILE: '1' })).toEqual([]);
  });
});
