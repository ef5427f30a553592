/**
 * A server killed mid-import and mid-approval (issue 72's fault tests), on SQLite and PostgreSQL: the process running an
 * upload's commit (storeDocument, one transaction) or a reviewer's approval (applyWorkflowAction) is killed with SIGKILL
 * right after each of many SQL statements — the first ones, the last ones (the commit among them) and moments between
 * — and the database it leaves holds either nothing of the write or all of it, row for row as a run not killed leaves
 * it; it opens (SQLite's integrity check passes), and the same write then succeeds.
 *
 * The child (test/support/die-while-writing.ts) kills itself right after its k-th statement, as die-while-migrating.ts
 * does for migrations: bundled by esbuild once, run by plain node, on a copy of one filled database per moment.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { REPO_ROOT } from '../../src/server/paths';
import { closeDatabase, openDatabase, type DatabaseTarget } from '../../src/server/db/database';
import { applyWorkflowAction } from '../../src/server/modules/workflow/workflow.service';
import type { SessionUser } from '../../src/shared/api/auth';
import { importFixture } from '../server/domain-support';
import { createUser } from '../server/support';
import { createFilledTestDatabaseTarget, type ChildDatabase } from '../support/test-database';
import { snapshotDatabase } from './helpers';

const SCRIPT = fileURLToPath(new URL('../support/die-while-writing.ts', import.meta.url));
const BUNDLE_DIR = join(REPO_ROOT, 'dist', 'test-children', `w${process.pid}`);
const BUNDLE = join(BUNDLE_DIR, 'die-while-writing.mjs');

beforeAll(async () => {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  await build({ entryPoints: [SCRIPT], outfile: BUNDLE, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
}, 60_000);
afterAll(() => rmSync(BUNDLE_DIR, { recursive: true, force: true }));

interface Filled {
  reviewerId: number;
  projectId: number;
  version: number;
}

const sessionUser = (u: { id: number; username: string; displayName: string; role: SessionUser['role']; departmentId: number | null }): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  departmentId: u.departmentId,
  departmentName: null,
  mustChangePassword: false,
});

/** A database with a reviewer, an editor and a department's document, one project of it submitted: a copy per call. */
let filled: Filled | undefined;
async function filledCopy(): Promise<ChildDatabase & Filled> {
  const copy = await createFilledTestDatabaseTarget('killed-mid-write v1', async (target) => {
    const db = await openDatabase(target);
    try {
      const fx = await importFixture(db, 'f000', { now: new Date('2026-03-01T00:00:00Z') });
      await createUser(db, { username: 'reviewer', role: 'reviewer', displayName: '李审核' });
      const editor = await createUser(db, { username: 'editor', role: 'editor', displayName: '张填报', departmentId: fx.departmentId });
      await applyWorkflowAction(db, sessionUser(editor), fx.projectIds[1]!, { action: 'submit', version: 1 }, new Date('2026-03-01T01:00:00Z'));
    } finally {
      await closeDatabase(db);
    }
  });
  onTestFinished(() => copy.drop());
  if (filled === undefined) {
    const db = await openDatabase(copy.target);
    try {
      const reviewer = await db.selectFrom('appUser').select('id').where('username', '=', 'reviewer').executeTakeFirstOrThrow();
      const project = await db.selectFrom('project').select(['id', 'version']).where('status', '=', 'submitted').executeTakeFirstOrThrow();
      filled = { reviewerId: reviewer.id, projectId: project.id, version: project.version };
    } finally {
      await closeDatabase(db);
    }
  }
  return { ...copy, ...filled };
}

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], { env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

type Mode = 'import' | 'approve';
const argsOf = (db: ChildDatabase & Filled, mode: Mode, killAt: number | '-') =>
  [db.arg, String(killAt), mode, String(db.reviewerId), ...(mode === 'approve' ? [String(db.projectId), String(db.version)] : [])];

/** Every table's rows but the sessions (none is written here; a snapshot without them compares what a write leaves). */
async function contents(target: DatabaseTarget): Promise<Record<string, unknown[]>> {
  if (target.dialect === 'sqlite') {
    const raw = new Database(target.path);
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      raw.close();
    }
  }
  const db = await openDatabase(target);
  try {
    const { session: _session, ...rest } = await snapshotDatabase(db);
    return rest;
  } finally {
    await closeDatabase(db);
  }
}

/** The tables whose rows differ between two snapshots. */
const differing = (a: Record<string, unknown[]>, b: Record<string, unknown[]>) => Object.keys(a).filter((t) => JSON.stringify(a[t]) !== JSON.stringify(b[t]));

async function killedAtEveryMoment(mode: Mode): Promise<{ statements: number; moments: number; nothing: number; everything: number }> {
  // the database before, and after a run not killed
  const reference = await filledCopy();
  const before = await contents(reference.target);
  const whole = await runChild(argsOf(reference, mode, '-'));
  expect(whole.code, whole.stderr).toBe(0);
  const { statements } = JSON.parse(whole.stdout) as { statements: number };
  const after = await contents(reference.target);
  expect(differing(before, after).length, 'the write changes something').toBeGreaterThan(0);

  const moments = [...new Set([
    ...Array.from({ length: 4 }, (_, i) => i + 1),
    ...Array.from({ length: 8 }, (_, i) => Math.round(((i + 1) * statements) / 9)),
    ...Array.from({ length: 4 }, (_, i) => statements - 3 + i),
  ])].filter((k) => k >= 1 && k <= statements).sort((a, b) => a - b);

  const seen = { nothing: 0, everything: 0 };
  const killAt = async (k: number) => {
    const db = await filledCopy();
    const killed = await runChild(argsOf(db, mode, k));
    expect(killed.signal, `statement ${k}: ${killed.stderr}`).toBe('SIGKILL');
    const left = await contents(db.target);
    const nothing = differing(before, left).length === 0;
    const everything = differing(after, left).length === 0;
    expect(nothing || everything, `${mode} killed after statement ${k} of ${statements}: tables ${differing(before, left).join(', ')} differ from before, ${differing(after, left).join(', ')} from after`).toBe(true);
    seen[nothing ? 'nothing' : 'everything'] += 1;
    // the database works: the write not done is done now (on PostgreSQL a killed transaction spent its ids: compare the outcome, not the rows)
    if (nothing) {
      const again = await runChild(argsOf(db, mode, '-'));
      expect(again.code, `${mode} again after statement ${k}: ${again.stderr}`).toBe(0);
      expect(differing(before, await contents(db.target)).sort()).toEqual(differing(before, after).sort());
    }
  };
  // two moments at a time, each on a database of its own: the kill is at a statement, not a time
  for (let i = 0; i < moments.length; i += 2) await Promise.all(moments.slice(i, i + 2).map(killAt));
  expect(seen.nothing, 'some kills before the commit').toBeGreaterThan(0);
  expect(seen.everything, 'some kills after it').toBeGreaterThan(0);
  return { statements, moments: moments.length, ...seen };
}

describe('a server killed mid-write leaves all of the write or nothing, and works on', () => {
  it('killed mid-import (an upload committed: document, projects, indicators, findings, audit)', async () => {
    const figures = await killedAtEveryMoment('import');
    console.log(`killed mid-import: ${JSON.stringify(figures)}`);
  }, 600_000);

  it('killed mid-approval (a reviewer approving a submitted project: status, event, audit, notifications)', async () => {
    const figures = await killedAtEveryMoment('approve');
    console.log(`killed mid-approval: ${JSON.stringify(figures)}`);
  }, 600_000);
});
