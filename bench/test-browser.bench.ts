/**
 * The browser the browser tests drive (issue 38): the same test files run on SQLite, as `npm test` runs them (one file
 * per CPU at a time), once in Debian's whole chromium — the baseline — and once in its chromium-headless-shell (what
 * the tests drive: test/e2e/browser.ts), one after the other, alternating when --runs is more than 1. Reported: each
 * run's wall time, its test files' time added up, and its tests passed and failed. The section of BENCHMARKS.md
 * unless --no-write.
 *
 *   npm run bench:test-browser                       # test/e2e, one run each
 *   npm run bench:test-browser -- --runs 2 test/e2e/levels.test.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL_CHROMIUM, HEADLESS_SHELL } from '../test/e2e/browser';
import { log, machine, markers, median, packageVersion, positiveArg, ROOT, writeBenchmarkSection } from './support';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '1' }, 'no-write': { type: 'boolean', default: false } }, allowPositionals: true });
const RUNS = positiveArg('runs', values.runs);
const FILES = positionals.length > 0 ? positionals : ['test/e2e'];
const BROWSERS = [
  { name: 'chromium (the baseline)', path: FULL_CHROMIUM },
  { name: 'chromium-headless-shell', path: HEADLESS_SHELL },
];

interface Run {
  wallMs: number;
  fileMs: number;
  passed: number;
  failed: number;
}

/** The files once in the browser at `path`: Vitest's JSON report read for the files' time and the tests. */
function runOnce(path: string, tmp: string): Run {
  const report = join(tmp, 'vitest.json');
  rmSync(report, { force: true });
  const started = performance.now();
  spawnSync(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', ...FILES, '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, JIXIAO_CHROMIUM: path, JIXIAO_TEST_DB: 'sqlite' },
  });
  const wallMs = performance.now() - started;
  if (!existsSync(report)) throw new Error(`vitest wrote no report (${path})`);
  const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; testResults: { startTime: number; endTime: number }[] };
  const fileMs = json.testResults.reduce((sum, f) => sum + (f.endTime - f.startTime), 0);
  return { wallMs, fileMs, passed: json.numPassedTests, failed: json.numFailedTests };
}

function main(): void {
  const missing = BROWSERS.filter((b) => !existsSync(b.path));
  if (missing.length > 0) {
    console.error(`missing: ${missing.map((b) => b.path).join(', ')} (apt-get install chromium chromium-headless-shell)`);
    process.exit(2);
  }
  const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-test-browser-'));
  const env = machine(tmp);
  const runs = new Map<string, Run[]>(BROWSERS.map((b) => [b.name, []]));
  try {
    for (let i = 0; i < RUNS; i++) {
      // alternating which goes first, so that neither always runs on a machine the other has just warmed
      const order = i % 2 === 0 ? BROWSERS : [...BROWSERS].reverse();
      for (const b of order) {
        log(`run ${i + 1} of ${RUNS}: ${FILES.join(' ')} in ${b.name}`);
        const r = runOnce(b.path, tmp);
        log(`  ${(r.wallMs / 1000).toFixed(0)} s, ${r.passed} passed, ${r.failed} failed`);
        runs.get(b.name)!.push(r);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const baseline = median(runs.get(BROWSERS[0]!.name)!.map((r) => r.wallMs));
  const s = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
  const rows = BROWSERS.map((b) => {
    const rs = runs.get(b.name)!;
    const wall = median(rs.map((r) => r.wallMs));
    return `| ${b.name} | ${rs.map((r) => s(r.wallMs)).join(', ')} | ${s(wall)} | ${(wall / baseline).toFixed(2)} | ${rs.map((r) => s(r.fileMs)).join(', ')} | ${rs.map((r) => `${r.passed} / ${r.failed}`).join(', ')} |`;
  });
  const { start, end } = markers('test-browser');
  const section = [
    start,
    '## The browser tests\' browser (`npm run bench:test-browser`)',
    '',
    `The test files \`${FILES.join(' ')}\` run on SQLite as \`npm test\` runs them (one file per CPU at a time), ${RUNS} time(s) in each browser, alternating which goes first: Debian's whole chromium (the baseline) and its chromium-headless-shell, which the tests drive (test/e2e/browser.ts). *Wall*: from Vitest's start to its end. *File time*: the files' times added up. Playwright-core ${packageVersion('playwright-core')}.`,
    '',
    `Machine: ${env.cpu}, ${env.cores} cores, ${env.memory}, ${env.os}, Node ${env.node}; 1-minute load average at the start **${env.load}**, ${os.loadavg()[0]!.toFixed(2)} at the end.`,
    '',
    '| browser | wall, each run | wall, median | against the baseline | file time, each run | passed / failed |',
    '|---|--:|--:|--:|--:|--:|',
    ...rows,
    end,
  ].join('\n');
  console.log(section);
  if (!values['no-write']) writeBenchmarkSection('test-browser', section);
}

main();
