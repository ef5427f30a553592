/**
 * Vitest global setup: a folder for the run (the databases test-database.ts fills once per run,
 * their locks), removed when the run ends; on a PostgreSQL run (JIXIAO_TEST_DB=postgres), a
 * template database migrated once, for test-database.ts to copy per test, dropped when the run
 * ends with any copy a crashed worker left behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { databaseUrl, quoteIdent, testDialect, testServerUrl } from './test-database';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = mkdtempSync(join(tmpdir(), 'jixiao-run-'));
  project.provide('jixiaoRunDir', runDir);
  const removeRunDir = () => rmSync(runDir, { recursive: true, force: true });
  if (testDialect(process.env) !== 'postgres') {
    project.provide('jixiaoPgTemplate', '');
    return async () => removeRunDir();
  }
  const server = testServerUrl();
  // Unique per run: two runs against one server do not meet.
  const template = `jixiao_t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  try {
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    try {
      await admin.query(`create database ${quoteIdent(template)}`);
      const db = await openDatabase({ url: databaseUrl(template, server), poolSize: 1 });
      await closeDatabase(db);
    } finally {
      await admin.end();
    }
  } catch (error) {
    removeRunDir();
    throw error;
  }
  project.provide('jixiaoPgTemplate', template);
  return async () => {
    removeRunDir();
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
