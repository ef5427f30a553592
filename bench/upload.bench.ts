/**
 * Light requests while a large file is parsed: `npm run bench:upload [-- --projects 2000 --seed 1
 * --connections 10 --duration 10 --mb 19 --uploads 2 --no-write]`.
 *
 * The real server (`jixiao serve`, a child process) on generated data (SQLite), signed in as
 * `reviewer`. Light requests — the project list's first page and the session — are measured with
 * autocannon twice: alone for `--duration` seconds, and from the start to the end of `--uploads`
 * uploads, one after the other, of a `--mb` MB document (the fixture 003's text repeated:
 * thousands of tables) to the import preview by the same reviewer. The upload is parsed and reviewed
 * in the server's worker pool; the worker's result is copied back, and the preview's decision and
 * answer made, on the event loop. Reports the light
 * requests' p50/p95/p99 alone and under the uploads, the uploads' times, and the server's peak
 * memory. Progress on stderr, the report on stdout; its section of BENCHMARKS.md unless --no-write.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { percentile, procMemory, runCli, signIn, startServer } from './server';
import { FIXTURE_DIR, fmtInt, log, machine, markers, packageVersion, positiveArg, writeBenchmarkSection } from './support';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    mb: { type: 'string', default: '19' },
    uploads: { type: 'string', default: '2' },
    'no-write': { type: 'boolean', default: false },
  },
});
const PROJECTS = positiveArg('projects', values.projects);
const SEED = positiveArg('seed', values.seed);
const CONNECTIONS = positiveArg('connections', values.connections);
const DURATION = positiveArg('duration', values.duration);
const MB = positiveArg('mb', values.mb);
const UPLOADS = positiveArg('uploads', values.uploads);

interface Latency {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
}

/**
 * autocannon on one GET: for `DURATION` seconds, or from now until `until` settles (the whole of
 * some uploads); every response's latency.
 */
async function light(base: string, cookie: string, path: string, until?: Promise<unknown>): Promise<Latency & { seconds: number }> {
  const latencies: number[] = [];
  let instance!: autocannon.Instance;
  const t0 = performance.now();
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url: base, connections: CONNECTIONS, duration: until ? 3600 : DURATION, headers: { cookie }, requests: [{ method: 'GET', path }] }, (e, r) => (e ? reject(e) : resolve(r)));
  });
  instance.on('response', (_c, _s, _b, time) => latencies.push(time));
  void until?.finally(() => instance.stop());
  const result = await done;
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN, non2xx: result.non2xx };
}

/** Uploads the file to the preview `times` times, one after the other; each upload's time and answer. */
async function uploads(base: string, cookie: string, bytes: Buffer, times: number): Promise<{ ms: number; status: number }[]> {
  const { csrfToken } = (await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  const out: { ms: number; status: number }[] = [];
  for (let n = 0; n < times; n++) {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(bytes)]), 'large.txt');
    const t0 = performance.now();
    const res = await fetch(`${base}/api/imports/preview`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken }, body: form });
    await res.arrayBuffer();
    out.push({ ms: performance.now() - t0, status: res.status });
  }
  return out;
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-upload-'));
  const env = machine(tmp);
  try {
    const db = join(os.tmpdir(), `jixiao-upload-${PROJECTS}-seed${SEED}.db`);
    if (!existsSync(`${db}.complete`)) {
      log(`generate --projects ${PROJECTS} --seed ${SEED} --no-monitoring`);
      await runCli(['generate', '--projects', String(PROJECTS), '--seed', String(SEED), '--db', db, '--no-monitoring']);
      writeFileSync(`${db}.complete`, new Date().toISOString());
    }
    const text = readFileSync(join(FIXTURE_DIR, '003_6c930005e5006ec5.txt'), 'utf8');
    const large = Buffer.from(text.repeat(Math.floor((MB * 1024 * 1024) / Buffer.byteLength(text))), 'utf8');
    log(`the upload: ${(large.length / 1024 / 1024).toFixed(1)} MB of text, ${fmtInt((text.match(/绩效目标表/g)?.length ?? 0) * Math.floor((MB * 1024 * 1024) / Buffer.byteLength(text)))} tables`);

    const server = await startServer(db);
    try {
      const cookie = await signIn(server.url);
      const startMiB = procMemory(server.pid, 'VmRSS');
      const paths = [
        { name: 'project list, first page', path: '/api/projects' },
        { name: 'session', path: '/api/auth/session' },
      ];
      const rows: string[] = [];
      const done: { ms: number; status: number }[] = [];
      for (const p of paths) {
        log(`${p.name}: alone…`);
        const alone = await light(server.url, cookie, p.path);
        log(`${p.name}: during ${UPLOADS} uploads…`);
        const sent = uploads(server.url, cookie, large, UPLOADS);
        const loaded = await light(server.url, cookie, p.path, sent);
        done.push(...(await sent));
        const f = (n: number) => n.toFixed(1);
        rows.push(`| ${p.name} | \`GET ${p.path}\` | alone, ${DURATION} s | ${fmtInt(alone.requests / alone.seconds)} | ${f(alone.p50)} | ${f(alone.p95)} | ${f(alone.p99)} | ${alone.max.toFixed(0)} | ${alone.non2xx} |`);
        rows.push(`| | | **during ${UPLOADS} uploads of the ${MB} MB file**, ${loaded.seconds.toFixed(0)} s | ${fmtInt(loaded.requests / loaded.seconds)} | ${f(loaded.p50)} | **${f(loaded.p95)}** | ${f(loaded.p99)} | ${loaded.max.toFixed(0)} | ${loaded.non2xx} |`);
      }
      const peakMiB = procMemory(server.pid, 'VmHWM');
      const ok = done.filter((u) => u.status === 200);
      const times = ok.map((u) => u.ms).sort((a, b) => a - b);
      const table = [
        '| light request | | | requests/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx |',
        '|---|---|---|--:|--:|--:|--:|--:|--:|',
        ...rows,
      ].join('\n');
      const summary = `Uploads of the ${(large.length / 1024 / 1024).toFixed(1)} MB file: ${done.length} (${ok.length} answered 200${done.length > ok.length ? `, others: ${[...new Set(done.filter((u) => u.status !== 200).map((u) => u.status))].join(', ')}` : ''}), each ${times.length ? `${(times[0]! / 1000).toFixed(1)}–${(times.at(-1)! / 1000).toFixed(1)} s` : '–'} from sending to the preview's answer. Server memory: ${startMiB?.toFixed(0) ?? '?'} MiB resident after sign-in, **${peakMiB?.toFixed(0) ?? '?'} MiB peak** (VmHWM).`;
      process.stdout.write(`${table}\n\n${summary}\n`);
      const { start, end } = markers('upload');
      const section = [
        start,
        '## Light requests while a large file is parsed',
        '',
        `\`npm run bench:upload -- --projects ${PROJECTS} --seed ${SEED} --connections ${CONNECTIONS} --duration ${DURATION} --mb ${MB}\` — the real server (\`jixiao serve\`, a child process) on \`jixiao generate --projects ${PROJECTS}\` (SQLite), signed in as \`reviewer\`. Each light request is measured by autocannon (${CONNECTIONS} connections, ${DURATION} s) alone, then from the start to the end of ${UPLOADS} uploads, one after the other, of a ${MB} MB text document (the fixture 003 repeated) to \`POST /api/imports/preview\` by the same reviewer. The file is parsed and reviewed in the worker pool; the worker's result is copied back (structured clone) and the preview's decision and answer made on the event loop: the remaining pauses (max) are that copy. The load tool runs on the same cores as the server.`,
        '',
        `Machine: ${env.cpu}, ${env.cores} cores, ${env.memory}, ${env.os}; Node ${env.node}, autocannon ${packageVersion('autocannon')}, piscina ${packageVersion('piscina')}; load average ${env.load} at the start.`,
        '',
        table,
        '',
        summary,
        end,
      ].join('\n');
      if (!values['no-write']) writeBenchmarkSection('upload', section);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
