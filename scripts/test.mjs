#!/usr/bin/env node
// The whole test suite: type check, then every Vitest test, then one plain summary line
// ("tests: N passed, N failed, N skipped") that CI can read whatever the reporter prints.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

if (run(bin('tsc'), ['--noEmit']) !== 0) {
  console.error('type check failed');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'jixiao-test-'));
const report = join(dir, 'vitest.json');
const status = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
let summary = null;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  summary = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
} catch {
  // no report: vitest itself failed before running anything
}
rmSync(dir, { recursive: true, force: true });
if (summary) console.log(`tests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
if (!summary || summary.passed === 0) process.exit(status || 1);
process.exit(status);
