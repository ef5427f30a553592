#!/usr/bin/env node
// The whole test suite: type check, then every Vitest test on SQLite and again on PostgreSQL, a
// line per database, then one plain summary line ("tests: N passed, N failed, N skipped", the
// sum of both runs) that CI can read whatever the reporter prints.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSER_FILES_ON_POSTGRES, COMMAND_FILES_ON_SQLITE_ONLY, sqliteOnlyTestFiles } from './database-free-tests.mjs';

const bin = (name) => join('node_modules', '.bin', name);

// What the tests need from Debian, installed when missing: LibreOffice to render the Word
// export as PDF and to read Word 97/WPS (.doc/.wps) and Excel 97/WPS (.xls/.et) documents,
// poppler to turn PDF pages into PNG (and text), CJK fonts to draw Chinese, Chromium's headless
// shell for the browser tests (driven by playwright-core; no browser is ever downloaded;
// test/e2e/browser.ts says why the shell), tesseract with its Chinese data for scanned documents (OCR).
const DEBIAN = [
  { probe: 'chromium-headless-shell', pkg: 'chromium-headless-shell' },
  { probe: 'soffice', pkg: 'libreoffice-writer-nogui' },
  { probe: null, pkg: 'libreoffice-calc-nogui', file: '/usr/lib/libreoffice/program/libsclo.so' },
  { probe: 'pdftoppm', pkg: 'poppler-utils' },
  { probe: null, pkg: 'fonts-noto-cjk', file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' },
  { probe: 'tesseract', pkg: 'tesseract-ocr' },
  { probe: null, pkg: 'tesseract-ocr-chi-sim', file: '/usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata' },
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
const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

/** A command run beside this script's next steps, its output kept for when it ends: its exit status and output. */
function runBeside(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (d) => output.push(d));
    child.stderr.on('data', (d) => output.push(d));
    child.on('error', (e) => resolve({ status: 1, output: String(e) }));
    child.on('close', (code) => resolve({ status: code ?? 1, output: Buffer.concat(output).toString() }));
  });
}

// The type check runs beside the builds below (issue 38): each keeps about one core busy, about 10 s each on the
// 2-core machine, one after the other before. Its verdict is awaited before any test starts.
const typeCheck = runBeside(bin('tsc'), ['--noEmit']);

// The browser tests serve dist/web. When it is missing or older than its sources it is built here,
// once, before the test files start (issue 38): else the first browser test file builds it while the
// others started beside it wait, all inside their set-up's time limit. Only when the run has browser
// tests: no file filter, or one naming e2e (a run of other files builds nothing; a browser test
// file named another way still builds it itself, test/e2e/harness.ts ensureWebApp).
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && /[a-z]/i.test(a));
if (filters.length === 0 || filters.some((f) => f.includes('e2e'))) {
  const started = Date.now();
  const build = "const w = await import('./src/server/app/web-build.ts'); const why = w.webBuildReason(); if (why) { console.log(`building the web app into dist/web (${why})`); await w.buildWebApp(); }";
  if (run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', build]) !== 0) {
    console.error('could not build the web app: the browser tests will fail');
    process.exit(1);
  }
  console.log(`web app ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// The built server (dist/server, scripts/server-build.mjs), when missing or older than the sources: every
// `jixiao` the tests start (the CLI tests, serve, backup: a few hundred processes a run) then loads one bundle in
// about 0.7 s instead of transpiling the sources through tsx in about 2 s (issue 38) — and runs what `jixiao
// start` runs. A source changed during the run makes the bundle stale, and bin/jixiao.js runs the sources again.
{
  const started = Date.now();
  const { buildServer, serverBuildReason } = await import('./server-build.mjs');
  const why = serverBuildReason();
  if (why !== null) {
    try {
      await buildServer();
      console.log(`server built into dist/server (${why}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      // the sources still run: slower, not wrong
      console.error(`could not build dist/server (${error instanceof Error ? error.message : String(error)}): the command-line tests run the sources`);
    }
  }
}

/**
 * The slowest test files of a run (issue 38: where the suite's time goes), printed after it: a file's own time from
 * its first test's start to its end, as Vitest's JSON report gives it (set-up included).
 */
function slowest(label, files) {
  const times = files
    .filter((f) => typeof f.startTime === 'number' && typeof f.endTime === 'number')
    .map((f) => ({ file: f.name.replace(`${process.cwd()}/`, ''), seconds: (f.endTime - f.startTime) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds);
  if (times.length === 0) return;
  const total = times.reduce((n, t) => n + t.seconds, 0);
  console.log(`\n${label}: the ${Math.min(20, times.length)} slowest of ${times.length} test files (${total.toFixed(0)} s of file time in all)`);
  for (const t of times.slice(0, 20)) console.log(`${t.seconds.toFixed(1).padStart(8)} s  ${t.file}`);
}

/** The failed tests of a run, file and full name, and a file that failed without a test (an import error). */
function failedTests(files) {
  const out = [];
  for (const f of files) {
    const file = f.name.replace(`${process.cwd()}/`, '');
    const tests = (f.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of tests) {
      // the first lines of the first failure message, so that a log's tail says why, not only what
      const why = String(t.failureMessages?.[0] ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 4).join(' | ');
      out.push(`${file} > ${t.fullName ?? t.title}${why ? `\n      why: ${why.slice(0, 600)}` : ''}`);
    }
    if (tests.length === 0 && f.status === 'failed') out.push(`${file}: ${String(f.message ?? '').split('\n')[0].slice(0, 200)}`);
  }
  return out;
}

/**
 * One whole Vitest run with these environment variables; its counts (null: no report) and time. `mayBeEmpty`: a run
 * that finds no test file is not a failure (the PostgreSQL run of files that all use no database).
 */
function vitest(label, env, mayBeEmpty = false) {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-test-'));
  const report = join(dir, 'vitest.json');
  const started = Date.now();
  console.log(`\n=== ${label} ===`);
  const status = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...(mayBeEmpty ? ['--passWithNoTests'] : []), ...process.argv.slice(2)], { ...process.env, ...env });
  let summary = null;
  let failures = [];
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    summary = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    slowest(label, r.testResults ?? []);
    failures = failedTests(r.testResults ?? []);
  } catch {
    // no report: vitest itself failed before running anything
  }
  rmSync(dir, { recursive: true, force: true });
  const ok = status === 0 && summary !== null && (summary.passed > 0 || mayBeEmpty);
  return { label, status, summary, ok, failures, seconds: (Date.now() - started) / 1000 };
}

{
  const { status, output } = await typeCheck;
  if (status !== 0) {
    process.stdout.write(output);
    console.error('type check failed');
    process.exit(1);
  }
}

// The whole suite on SQLite, then again on PostgreSQL (issue 7): a throwaway server installed from
// Debian when missing, started for this run only, stopped and removed at the end.
// JIXIAO_TEST_POSTGRES=0 skips the second run (e.g. a quick local check).
// DATABASE_URL from the caller's shell must not redirect the CLI tests' child processes.
const runs = [vitest('SQLite', { JIXIAO_TEST_DB: 'sqlite', JIXIAO_TEST_DATABASE_URL: '', DATABASE_URL: '' })];
if (process.env.JIXIAO_TEST_POSTGRES !== '0') {
  let cluster = null;
  const stop = () => {
    cluster?.stop();
    cluster = null;
  };
  const onSignal = (signal) => {
    stop();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { startCluster } = await import('./pg-cluster.mjs');
    cluster = await startCluster();
    console.log(`PostgreSQL test server: ${cluster.version}, ${cluster.url}`);
    // The files that use no database, the browser files but four and six command-line files ran on SQLite and are left out here
    // (scripts/database-free-tests.mjs, vitest.config.ts, issue 38); with file arguments that name only such files
    // this run has none.
    const left = sqliteOnlyTestFiles();
    const browser = left.filter((f) => f.startsWith('test/e2e/')).length;
    const commands = left.filter((f) => COMMAND_FILES_ON_SQLITE_ONLY.includes(f)).length;
    if (left.length > 0) {
      console.log(
        `PostgreSQL: ${left.length - browser - commands} test files that use no database, ${browser} browser test files and ${commands} command-line test files ran on SQLite only (the browser files kept here: ${BROWSER_FILES_ON_POSTGRES.map((f) => f.replace('test/e2e/', '')).join(', ')}; JIXIAO_TEST_EVERY_FILE=1 runs every file here too)`,
      );
    }
    const version = /\d+(\.\d+)?/.exec(cluster.version)?.[0] ?? '';
    runs.push(vitest(`PostgreSQL ${version}`.trim(), { JIXIAO_TEST_DB: 'postgres', JIXIAO_TEST_DATABASE_URL: cluster.url, DATABASE_URL: '' }, filters.length > 0));
  } catch (error) {
    console.error(`could not run the suite on PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
    runs.push({ label: 'PostgreSQL', status: 1, summary: null, ok: false, seconds: 0 });
  } finally {
    stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The versions of what the tests ran with from Debian, for the run's figures (docs/testing.md): one line. */
function machineLine() {
  const out = (cmd, args) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
    return r.status === 0 ? `${r.stdout}${r.stderr}` : '';
  };
  const first = (text, re) => re.exec(text)?.[1] ?? 'missing';
  const deb = (pkg) => first(out('dpkg-query', ['-W', '-f', '${Version}', pkg]), /^(\S+)/);
  return [
    `chromium-headless-shell ${first(out('chromium-headless-shell', ['--version']), /(\d+(?:\.\d+)+)/)}`,
    `LibreOffice ${first(out('soffice', ['--version']), /LibreOffice (\d+(?:\.\d+)+)/)}`,
    `fonts-noto-cjk ${deb('fonts-noto-cjk')}`,
    `poppler-utils ${deb('poppler-utils')}`,
    `tesseract-ocr ${deb('tesseract-ocr')}`,
    `Node ${process.versions.node}`,
  ].join(', ');
}

console.log('');
console.log(`ran with: ${machineLine()}`);
for (const r of runs) {
  const counts = r.summary ? `${r.summary.passed} passed, ${r.summary.failed} failed, ${r.summary.skipped} skipped` : 'no results';
  console.log(`${r.label}: ${counts} in ${r.seconds.toFixed(0)} s${r.ok ? '' : ' — FAILED'}`);
  // the failures again at the very end, where a log's tail shows them
  for (const f of (r.failures ?? []).slice(0, 30)) console.log(`  failed: ${f}`);
}
const total = { passed: 0, failed: 0, skipped: 0 };
for (const r of runs) for (const k of Object.keys(total)) total[k] += r.summary?.[k] ?? 0;
if (runs.some((r) => r.summary)) console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
const failed = runs.find((r) => !r.ok);
process.exit(failed ? failed.status || 1 : 0);
