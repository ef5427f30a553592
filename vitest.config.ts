import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { sqliteOnlyTestFiles } from './scripts/database-free-tests.mjs';

/**
 * How many test files run at once (issue 38): one less than the CPUs, at least 1 — Vitest's own
 * default, so one at a time on a 2-core machine. Two at a time there were tried (2026-11-26): a
 * browser test file alone already keeps both cores busy (its chromium, the server, the test), and
 * beside another such file, or LibreOffice, the files took 3–5 times as long (test/cli/cli.test.ts
 * 35 s alone, 172–274 s beside others) and CLI tests, which wait in spawnSync, overran their time
 * limit; the SQLite half took about 49 minutes (with other work beside it, load 9–16) against 27
 * in the last CI run, one file at a time. JIXIAO_TEST_WORKERS=N (or Vitest's --maxWorkers) sets another
 * number; what files running side by side share is made safe for it: see docs/testing.md.
 */
function workers(): number {
  const asked = process.env.JIXIAO_TEST_WORKERS;
  if (asked === undefined || asked === '') return Math.max(1, availableParallelism() - 1);
  const n = Number(asked);
  if (!Number.isInteger(n) || n < 1) throw new Error(`JIXIAO_TEST_WORKERS must be a whole number from 1, got "${asked}"`);
  return n;
}

/** Files that need a process of their own: web-build.test.ts replaces the `vite` module (vi.mock). */
const ISOLATED = ['test/server/web-build.test.ts'];

/**
 * On a PostgreSQL run, the files that use no database and the browser files but four are left out (issue 38):
 * they ran on the SQLite run (scripts/database-free-tests.mjs says which and why). JIXIAO_TEST_EVERY_FILE=1 runs them too.
 */
const SQLITE_ONLY = process.env.JIXIAO_TEST_DB === 'postgres' ? sqliteOnlyTestFiles() : [];

const common = {
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks',
  // expect.poll waits for what a page shows after a change (the browser tests): as long as playwright waits for an
  // element, not Vitest's 1 s, which a loaded machine overran (a sorted list arriving after its address changed).
  expect: { poll: { timeout: 15_000 } },
} as const;

export default defineConfig({
  test: {
    maxWorkers: workers(),
    // The run's folder, and the database of a PostgreSQL run (JIXIAO_TEST_DB=postgres): see test/support/global-setup.ts.
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        test: {
          ...common,
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: [...ISOLATED, ...SQLITE_ONLY],
          // A worker process runs file after file, its modules loaded once (issue 38): loading the server's modules
          // again for each file cost about 3 s of CPU a file. The files leave no state behind them: each opens and
          // closes its own databases, servers, browsers and temporary folders, and changes no global.
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: { ...common, name: 'isolated', include: ISOLATED, exclude: SQLITE_ONLY, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
