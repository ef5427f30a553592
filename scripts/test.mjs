#!/usr/bin/env node
// The whole test suite: type check, then every Vitest test, then one plain summary line
// ("tests: N passed, N failed, N skipped") that CI can read whatever the reporter prints.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);

// What the tests need from Debian, installed when missing: LibreOffice to render the Word
// export as PDF, poppler to turn PDF pages into PNG (and text), CJK fonts to draw Chinese,
// Chromium for the browser tests (driven by playwright-core; no browser is ever downloaded).
const DEBIAN = [
  { probe: 'chromium', pkg: 'chromium' },
  { probe: 'soffice', pkg: 'libreoffice-writer-nogui' },
  { probe: 'pdftoppm', pkg: 'poppler-utils' },
  { probe: null, pkg: 'fonts-noto-cjk', file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' },
];
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = DEBIAN.filter((d) => (d.probe ? !has(d.probe) : !existsSync(d.file))).map((d) => d.pkg);
if (missing.length) {
  console.log(`installing Debian packages the tests need: ${missing.join(' ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) => spawnSync(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
  if (apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]) !== 0) {
    apt(['update', '-qq']);
    if (apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]) !== 0) {
      console.error(`could not install ${missing.join(' ')}: the PDF rendering and browser tests will fail`);
    }
  }
}
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
