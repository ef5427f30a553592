import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The database of a PostgreSQL run (JIXIAO_TEST_DB=postgres): see test/support/test-database.ts.
    globalSetup: ['test/support/global-setup.ts'],
  },
});
