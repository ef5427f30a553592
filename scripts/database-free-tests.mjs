/**
 * Which test files a PostgreSQL run leaves out (issue 38), because they ran on SQLite and would give the same
 * result: the files that use no database, and most browser files (BROWSER_FILES_ON_POSTGRES says which stay).
 *
 * The test files that use no database: a file reaches a test database only through
 * test/support/test-database.ts (the dialect of the run, its template, the copies it makes); a file
 * that does not import it, directly or through the test helpers it imports, gives the same result on
 * either database, so the PostgreSQL half of `npm test` leaves it out (vitest.config.ts). A file that
 * opens a database some other way (an embedded SQLite file of its own) tests SQLite whatever the run.
 *
 * Read from the sources' import statements (static `import … from`, `export … from`, `import('…')`);
 * a relative import that cannot be resolved counts as reaching the database: when unsure, run both.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The file a relative import names (TypeScript's resolution of the forms the tests use), or null. */
function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.mts`, base.replace(/\.(m?)js$/, '.$1ts'), join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/**
 * The test files under `testDir` (relative to `root`, sorted) that never import `database`
 * (test/support/test-database.ts by default), directly or through other files under `testDir`.
 */
export function databaseFreeTestFiles(root = process.cwd(), testDir = 'test', database = 'test/support/test-database.ts') {
  const top = resolve(root, testDir);
  const target = resolve(root, database);
  const importsOf = new Map();
  /** The files under testDir that `file` imports; null for an import that cannot be resolved. */
  const imports = (file) => {
    let list = importsOf.get(file);
    if (list === undefined) {
      list = [...readFileSync(file, 'utf8').matchAll(IMPORT)]
        .map((m) => resolveImport(file, m[1]))
        .filter((f) => f === null || f.startsWith(top)); // the application's sources take a database as an argument
      importsOf.set(file, list);
    }
    return list;
  };
  const reaches = (start) => {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) {
      for (const next of imports(queue.pop())) {
        if (next === null || next === target) return true;
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return false;
  };
  const files = readdirSync(top, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(top, f));
  return files
    .filter((f) => !reaches(f))
    .map((f) => relative(root, f))
    .sort();
}

/**
 * The browser test files the PostgreSQL run keeps (issue 38): the walks of the whole process through the screens —
 * a project's year (申报 to 监控), the main flows on real documents (import, return, approve, publish, read in
 * public), monitoring and self-evaluation on the four real fixtures, and departments kept apart. The other browser
 * files run on SQLite only: a browser test drives the screens, which reach the database only through the server's
 * routes, and every route runs on PostgreSQL in the server tests (test/server, test/db); what the browser adds —
 * the pages, their dialogs, their waiting — does not depend on the database. Half of the PostgreSQL run's time was
 * its 31 browser files (709 s of 1,295 s in the clean run of 2026-11-26); these four take about 90 s.
 */
export const BROWSER_FILES_ON_POSTGRES = [
  'test/e2e/flows.test.ts',
  // issue 58: what is in force, every pending action in a queue, figures that add up, the words a person reads
  'test/e2e/in-force.test.ts',
  'test/e2e/queues.test.ts',
  'test/e2e/roll-ups.test.ts',
  'test/e2e/words.test.ts',
  'test/e2e/monitoring-fixtures.test.ts',
  'test/e2e/roles-isolation.test.ts',
  'test/e2e/year-walk.test.ts',
];

/**
 * Command-line test files that run on SQLite only (issue 38): each starts `jixiao` processes for a command that
 * prints or writes what a service computes from the database — the service's queries run on PostgreSQL in the server
 * tests beside them (test/server: ex-ante, rectification, results, carry-over, library; test/exporters: the
 * exports) — and what the file adds, the command's arguments, its Chinese output, its files and exit codes, does not
 * depend on the database. The command-line files whose command has code of its own for PostgreSQL stay on both: the
 * connection and DATABASE_URL (cli.test.ts), `migrate` and `check`, `generate` and its batched writes
 * (generate.test.ts, generate-golden.test.ts), `demo`, `serve` and `backup`. These six were 56 s of the PostgreSQL
 * run's 515 s of file time in the clean run of 0666b96.
 */
export const COMMAND_FILES_ON_SQLITE_ONLY = [
  'test/cli/carry-over.test.ts',
  'test/cli/ex-ante.test.ts',
  'test/cli/export.test.ts',
  'test/cli/library.test.ts',
  'test/cli/rectification.test.ts',
  'test/cli/results.test.ts',
];

/** The browser test files (test/e2e), relative to `root`, sorted. */
export function browserTestFiles(root = process.cwd()) {
  const dir = join(root, 'test', 'e2e');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join('test', 'e2e', f))
    .sort();
}

/**
 * The files a PostgreSQL run leaves out: the database-free ones and the browser files other than
 * BROWSER_FILES_ON_POSTGRES, or none when `JIXIAO_TEST_EVERY_FILE=1` asks for every file on both databases.
 */
export function sqliteOnlyTestFiles(env = process.env, root = process.cwd()) {
  if (env.JIXIAO_TEST_EVERY_FILE === '1') return [];
  const browser = browserTestFiles(root).filter((f) => !BROWSER_FILES_ON_POSTGRES.includes(f));
  return [...new Set([...databaseFreeTestFiles(root), ...browser, ...COMMAND_FILES_ON_SQLITE_ONLY])].sort();
}
