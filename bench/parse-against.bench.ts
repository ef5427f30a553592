/**
 * The parser against an earlier commit's parser:
 * `npm run bench:parse-against [-- --ref 93cbc71 --documents 200 --tables 25 --seed 1 --rounds 5 --passes 3 --no-callgrind --no-write]`.
 *
 * Both parsers are built as `jixiao serve` runs them (scripts/server-build.mjs: an esbuild bundle, no tsx loader; the
 * earlier commit is checked out in a temporary git worktree with this checkout's node_modules) and read the same
 * generated corpus as bench:import (parseDocumentBytes on each document), each in a process of its own:
 * - CPU time: the two alternate `--rounds` times; each process reads the corpus once to warm up, then `--passes` times,
 *   and reports its CPU time per pass. On a shared machine one round may be 15 % off another: the medians are compared.
 * - Instructions (when valgrind is installed): each parser under callgrind reading the corpus 1 + 1 and 1 + 4 times;
 *   (the second count − the first) / 3 is a steady pass's instructions, which the machine's load does not change.
 * The ratio is this checkout's parser over the earlier one's: 1.10× is 10 % more work for the same documents.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { fmtInt, fmtRatio, generateBenchCorpus, log, machine, markers, median, positiveArg, ROOT, writeBenchmarkSection } from './support';

const { values } = parseArgs({
  options: {
    ref: { type: 'string', default: '93cbc71' },
    documents: { type: 'string', default: '200' },
    tables: { type: 'string', default: '25' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '5' },
    passes: { type: 'string', default: '3' },
    'no-callgrind': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const ref = values.ref!;
const documents = positiveArg('documents', values.documents);
const tables = positiveArg('tables', values.tables);
const seed = positiveArg('seed', values.seed);
const rounds = positiveArg('rounds', values.rounds);
const passes = positiveArg('passes', values.passes);

/** What each measuring process runs: the bundle, the corpus directory, the passes after one warm-up pass. */
const RUNNER = `
import { readFileSync, readdirSync } from 'node:fs';
const [bundle, dir, passes] = process.argv.slice(2);
const { parseDocumentBytes } = await import(bundle);
const files = readdirSync(dir).sort().map((f) => ({ f, b: readFileSync(dir + '/' + f) }));
let tables = 0;
for (const { f, b } of files) tables += (await parseDocumentBytes(b, f)).projects.length;
const c0 = process.cpuUsage();
for (let p = 0; p < Number(passes); p++) for (const { f, b } of files) await parseDocumentBytes(b, f);
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ tables, cpuMs: (c.user + c.system) / 1000 / Math.max(1, Number(passes)) }));
`;

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

async function bundle(tree: string, out: string): Promise<void> {
  await build({
    entryPoints: [join(tree, 'src/server/importers/read-document.ts')],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

/** One measuring process: its tables and CPU ms per pass. */
function measure(runner: string, parser: string, corpus: string, n: number): { tables: number; cpuMs: number } {
  const r = spawnSync(process.execPath, [runner, parser, corpus, String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${parser}: ${r.stderr.trim().slice(0, 500)}`);
  return JSON.parse(r.stdout) as { tables: number; cpuMs: number };
}

/** The instructions callgrind counts for one measuring process (both parsers' runs go two at a time). */
function instructions(runner: string, parser: string, corpus: string, n: number, out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, process.execPath, runner, parser, corpus, String(n)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /I\s+refs:\s+([\d,]+)/.exec(err);
      if (code !== 0 || !m) reject(new Error(`callgrind of ${parser} (${n} passes): exit ${code}\n${err.slice(-500)}`));
      else resolve(Number(m[1]!.replaceAll(',', '')));
    });
  });
}

const tmp = mkdtempSync(join(os.tmpdir(), 'jixiao-parse-against-'));
const refTree = join(tmp, 'ref');
const refCommit = git(['rev-parse', '--short', `${ref}^{commit}`]);
const headCommit = git(['rev-parse', '--short', 'HEAD']);
const dirty = git(['status', '--porcelain', '--untracked-files=no', 'src']) !== '';
try {
  log(`checking out ${refCommit} in ${refTree}`);
  git(['worktree', 'add', '--detach', refTree, refCommit]);
  symlinkSync(join(ROOT, 'node_modules'), join(refTree, 'node_modules'));
  // each bundle beside the node_modules it imports from (dist/ is not tracked)
  const parsers = { earlier: join(refTree, 'bench-parser.mjs'), current: join(ROOT, 'dist', 'bench', 'parser-current.mjs') };
  mkdirSync(join(ROOT, 'dist', 'bench'), { recursive: true });
  await bundle(refTree, parsers.earlier);
  await bundle(ROOT, parsers.current);

  const corpus = await generateBenchCorpus(documents, tables, seed);
  const corpusDir = join(tmp, 'corpus');
  mkdirSync(corpusDir);
  corpus.files.forEach((file, i) => writeFileSync(join(corpusDir, file), corpus.bytes[i]!));
  const runner = join(tmp, 'runner.mjs');
  writeFileSync(runner, RUNNER);

  const cpu = { earlier: [] as number[], current: [] as number[] };
  const read = { earlier: 0, current: 0 };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (['earlier', 'current'] as const) : (['current', 'earlier'] as const);
    for (const which of order) {
      const m = measure(runner, parsers[which], corpusDir, passes);
      cpu[which].push(m.cpuMs);
      read[which] = m.tables;
    }
    log(`round ${r + 1}/${rounds}: ${refCommit} ${cpu.earlier.at(-1)!.toFixed(0)} ms, ${headCommit} ${cpu.current.at(-1)!.toFixed(0)} ms per pass`);
  }

  let counted: { earlier: number; current: number } | null = null;
  const valgrind = !values['no-callgrind'] && spawnSync('valgrind', ['--version']).status === 0;
  if (valgrind) {
    log('counting instructions under callgrind (1 + 1 and 1 + 4 passes of each parser, two at a time; minutes)');
    const count = async (which: 'earlier' | 'current') => {
      const one = await instructions(runner, parsers[which], corpusDir, 1, join(tmp, `cg.${which}.1`));
      const four = await instructions(runner, parsers[which], corpusDir, 4, join(tmp, `cg.${which}.4`));
      log(`callgrind ${which === 'earlier' ? refCommit : headCommit}: ${fmtInt(one)} and ${fmtInt(four)} instructions`);
      return (four - one) / 3;
    };
    const [earlier, current] = await Promise.all([count('earlier'), count('current')]);
    counted = { earlier, current };
  } else log(values['no-callgrind'] ? 'instructions not counted (--no-callgrind)' : 'valgrind is not installed: instructions not counted');

  const m = machine(tmp);
  const cpuRatio = median(cpu.current) / median(cpu.earlier);
  const { start, end } = markers('parse-against');
  const section = [
    start,
    '',
    `### The parser against ${refCommit}'s`,
    '',
    `Command: \`npm run bench:parse-against -- --ref ${ref} --documents ${documents} --tables ${tables} --seed ${seed} --rounds ${rounds} --passes ${passes}\` · date: ${new Date().toISOString().slice(0, 10)} · this checkout: ${headCommit}${dirty ? ' with uncommitted changes' : ''}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory}, ${m.os}, Node ${m.node}; load ${m.load} at the start.`,
    '',
    `Corpus: bench:import's, ${documents} generated documents (seed ${seed}), ${fmtInt(corpus.tables)} project tables, ${fmtInt(corpus.indicators)} indicator rows; both parsers read ${fmtInt(read.earlier)} and ${fmtInt(read.current)} tables. Both built as \`jixiao serve\` runs them (an esbuild bundle).`,
    '',
    `| measure | ${refCommit} | ${headCommit} | ratio |`,
    '|---|---:|---:|---:|',
    `| CPU per pass, median of ${rounds} alternated processes (ms) | ${median(cpu.earlier).toFixed(0)} (${cpu.earlier.map((x) => x.toFixed(0)).join(', ')}) | ${median(cpu.current).toFixed(0)} (${cpu.current.map((x) => x.toFixed(0)).join(', ')}) | ${fmtRatio(cpuRatio)} |`,
    counted
      ? `| instructions per steady pass (callgrind) | ${fmtInt(counted.earlier)} | ${fmtInt(counted.current)} | **${fmtRatio(counted.current / counted.earlier)}** |`
      : '| instructions per steady pass (callgrind) | not counted | not counted | – |',
    '',
    end,
  ].join('\n');
  console.log(section);
  if (!values['no-write']) writeBenchmarkSection('parse-against', section);
} finally {
  spawnSync('git', ['worktree', 'remove', '--force', refTree], { cwd: ROOT });
  rmSync(tmp, { recursive: true, force: true });
}
