#!/usr/bin/env node
// The test command on a deliberately busy machine (issue 38): runs `node scripts/test.mjs` — the
// README's `npm test`, both databases — or, with arguments, the same with those arguments passed
// on to Vitest (e.g. one file), while one busy worker per CPU core spins beside it. Timing
// assumptions in the tests (a click while a dialog still moves, a fixed wait) fail here first,
// before CI finds them.
//
//   npm run test:busy                                              # the whole suite, both databases
//   JIXIAO_TEST_POSTGRES=0 npm run test:busy -- test/e2e/rectification.test.ts
//   JIXIAO_BUSY_WORKERS=4 npm run test:busy -- test/e2e            # more (or fewer) busy workers
//
// The workers stop when the tests end, whatever the outcome, and on Ctrl-C / SIGTERM (passed on
// to the tests first). The exit status is the tests'.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const count = process.env.JIXIAO_BUSY_WORKERS === undefined ? availableParallelism() : Number(process.env.JIXIAO_BUSY_WORKERS);
if (!Number.isInteger(count) || count < 0) {
  console.error(`JIXIAO_BUSY_WORKERS must be a whole number, got "${process.env.JIXIAO_BUSY_WORKERS}"`);
  process.exit(2);
}

// Each worker keeps one core busy: arithmetic in a loop that never waits (terminate() stops it).
const SPIN = 'let x = 0; for (;;) { x = (x * 1103515245 + 12345) % 2147483648; }';
const workers = Array.from({ length: count }, () => new Worker(SPIN, { eval: true }));
let stopped = false;
const stopWorkers = async () => {
  if (stopped) return;
  stopped = true;
  await Promise.all(workers.map((w) => w.terminate()));
};
console.log(`test:busy: ${count} busy worker${count === 1 ? '' : 's'} beside the tests`);

const started = Date.now();
const child = spawn(process.execPath, [fileURLToPath(new URL('./test.mjs', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // the tests stop their own servers and PostgreSQL cluster on the signal; the workers go now
    if (child.exitCode === null) child.kill(signal);
    void stopWorkers();
  });
}

child.on('error', async (error) => {
  console.error(`test:busy: could not start the tests: ${error.message}`);
  await stopWorkers();
  process.exit(1);
});

child.on('exit', async (code, signal) => {
  await stopWorkers();
  console.log(`test:busy: tests ended (${signal ?? `exit ${code}`}) after ${((Date.now() - started) / 1000).toFixed(0)} s with ${count} busy worker${count === 1 ? '' : 's'}`);
  process.exit(code ?? (signal === 'SIGINT' ? 130 : 143));
});
