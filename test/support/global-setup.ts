/**
 * Vitest global setup: on a PostgreSQL run (JIXIAO_TEST_DB=postgres), migrate a template database
 * once, for test-database.ts to copy per test; drop it, and any copy a crashed worker left
 * behind, when the run ends. Nothing to do on SQLite.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { databaseUrl, quoteIdent, testDialect, testServerUrl } from './test-database';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (testDialect(process.env) !== 'postgres') {
    project.provide('jixiaoPgTemplate', '');
    return;
  }
  const server = testServerUrl();
  // Unique per run: two runs against one server do not meet.
  const template = `jixiao_t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`create database ${quoteIdent(template)}`);
    const db = await openDatabase({ url: databaseUrl(template, server), poolSize: 1 });
    await closeDatabase(db);
  } finally {
    await admin.end();
  }
  project.provide('jixiaoPgTemplate', template);
  return async () => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      const left = await client.query<{ datname: string }>('select datname from pg_database where datname = $1 or datname like $2', [template, `${template}\\_%`]);
      for (const { datname } of left.rows) await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`);
    } finally {
      await client.end();
    }
  };
}
