/**
 * `npm run fuzz:layouts [-- --count N] [--seed S] [--formats txt,html,docx,xlsx] [--all-formats | --slow-every K] [--multi] [--shrink [--path P] [--no-shrink]]`
 *
 * Thousands of generated documents (test/support/layout-gen, issues 37 and 53) read back field by field and
 * judged by their reading (check.ts), with a new seed each run (printed at the start): five cases in eight of
 * every structural dimension of issue 53 (header depth and paths, short rows, labels, sign-off and note rows,
 * text around the table, running text, goals by role, breakdowns, frameworks, documents without a target
 * table; readable and unreadable), the others the column layouts of issue 37 (one in three of them with two
 * header rows over a split target). Each case is read as .txt and HTML, and as one of .docx and .xlsx
 * (alternately, the two slow ones); --all-formats reads every case in all four, --slow-every K only one case
 * in K as .docx or .xlsx (in turn) when the machine is busy. --multi adds tables listing many projects.
 *
 * Every case is run (--count, default 10,000; --runs says the same) and counted by what its reading came to:
 * - **read right**: a readable case read exactly in every rendering, and certain;
 * - **doubted**: its reading says it is not sure — rightly (a case a careful person could not read exactly:
 *   LayoutCase.unreadable), or of a readable case (a false doubt, or a misread that says so: not silent, but
 *   a readable table should be read; counted apart);
 * - **wrong and silent**: read otherwise than written with no doubt said, or an unreadable case marked certain.
 * The figures and the time are printed at the end, and each wrong-and-silent case (up to 20) with the command
 * that replays it (`--seed S --path I --shrink`) and its first one in full; exit 1 when there is any.
 * --shrink stops at the first case that does not pass and shrinks it to a small one (fast-check); with
 * --no-shrink as it is (a replay of one case: `--shrink --no-shrink --path I`).
 */
import { SingleBar, Presets } from 'cli-progress';
import fc from 'fast-check';
import { assertCaseReads, checkCase, describeFailure, type CheckResult } from '../test/support/layout-gen/check';
import { layoutCaseArb, type LayoutCase } from '../test/support/layout-gen/generate';
import { LAYOUT_FORMATS, type LayoutFormat } from '../test/support/layout-gen/render';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const runs = Number(option('count') ?? option('runs') ?? 10_000);
const seed = option('seed') !== undefined ? Number(option('seed')) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
const path = option('path');
const formats = (option('formats')?.split(',') ?? LAYOUT_FORMATS) as LayoutFormat[];
const allFormats = flag('all-formats');
const multi = flag('multi');
const shrink = flag('shrink');
const slowEvery = Number(option('slow-every') ?? 1);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || !Number.isInteger(slowEvery) || slowEvery < 1 || formats.some((f) => !LAYOUT_FORMATS.includes(f)) || (path !== undefined && !shrink)) {
  console.error('用法：npm run fuzz:layouts -- [--count N] [--seed S] [--formats txt,html,docx,xlsx] [--all-formats | --slow-every K] [--multi] [--shrink [--path P] [--no-shrink]]');
  process.exit(2);
}

/**
 * The formats a case is read in: the fast ones always; of the slow ones (docx, xlsx) the one its
 * draw names (0 or 1: each in turn; one case in K draws one with --slow-every K), all with --all-formats.
 */
function formatsOf(slowDraw: number): LayoutFormat[] {
  if (allFormats) return formats;
  const slow = formats.filter((f) => f === 'docx' || f === 'xlsx');
  const pick = slow.length === 2 ? (slowDraw < 2 ? [slow[slowDraw]!] : []) : slowDraw % 2 === 0 && slowDraw < 2 ? slow : [];
  return formats.filter((f) => !(f === 'docx' || f === 'xlsx') || pick.includes(f));
}

console.log(`fuzz:layouts  seed ${seed}  count ${runs}  formats ${allFormats ? formats.join(',') : `${formats.join(',')} (docx/xlsx alternately${slowEvery > 1 ? `, one case in ${slowEvery}` : ''})`}${multi ? '  with many-project tables' : ''}${shrink ? '  (stops at the first failure)' : ''}`);
// to a log (not a terminal) the bar is written every 30 s
const bar = new SingleBar(
  { format: '{bar} {value}/{total} cases  {duration_formatted}  ETA {eta_formatted}', etaBuffer: 200, noTTYOutput: !process.stdout.isTTY, notTTYSchedule: 30_000 },
  Presets.shades_classic,
);
const started = Date.now();
bar.start(runs, 0);

// five cases in eight of every dimension of issue 53; of the others one in three with two header rows over a split target
const single = fc.oneof(
  { weight: 5, arbitrary: layoutCaseArb({ mixed: true }) },
  { weight: 2, arbitrary: layoutCaseArb() },
  { weight: 1, arbitrary: layoutCaseArb({ twoRowHeaders: true }) },
);
const cases = fc.tuple(multi ? fc.oneof(single, layoutCaseArb({ multiProject: true })) : single, fc.integer({ min: 0, max: 2 * slowEvery - 1 }));
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

if (shrink) {
  let done = 0;
  let shrinking = false;
  const property = fc.asyncProperty(cases, async ([c, slowDraw]) => {
    try {
      await assertCaseReads(c, formatsOf(slowDraw));
    } catch (e) {
      shrinking = true;
      throw e;
    } finally {
      if (!shrinking) bar.update(++done);
    }
  });
  const details = await fc.check(property, { numRuns: runs, seed, ...(path ? { path } : {}), endOnFailure: flag('no-shrink') });
  bar.stop();
  if (details.failed) {
    console.error(`\n失败：seed ${details.seed}  path "${details.counterexamplePath}"  (after ${details.numRuns} cases, ${details.numShrinks} shrinks, ${seconds()} s)`);
    console.error(`重放：npm run fuzz:layouts -- --seed ${details.seed} --path "${details.counterexamplePath}" --shrink${allFormats ? ' --all-formats' : ''}${slowEvery > 1 ? ` --slow-every ${slowEvery}` : ''}${multi ? ' --multi' : ''}\n`);
    console.error(details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));
    process.exit(1);
  }
  console.log(`${details.numRuns} cases clean in ${seconds()} s (seed ${seed})`);
  process.exit(0);
}

/** What a case's reading came to over its renderings: the worst of them. */
type Outcome = 'right' | 'doubtedUnreadable' | 'doubtedReadable' | 'silent';
const RANK: Record<Outcome, number> = { right: 0, doubtedUnreadable: 1, doubtedReadable: 2, silent: 3 };

function outcomeOf(c: LayoutCase, r: CheckResult): Outcome {
  switch (r.verdict) {
    case 'pass':
      return c.unreadable !== null && c.unreadable.formats.includes(r.format) ? 'doubtedUnreadable' : 'right';
    case 'false-doubt':
    case 'misread-doubted':
      return 'doubtedReadable';
    case 'misread-certain':
    case 'unreadable-certain':
      return 'silent';
  }
}

const counts: Record<Outcome, number> = { right: 0, doubtedUnreadable: 0, doubtedReadable: 0, silent: 0 };
const silent: { index: number; summary: string; message: string }[] = [];
const doubtedReadable: { index: number; verdict: string }[] = [];
let index = 0;
const property = fc.asyncProperty(cases, async ([c, slowDraw]) => {
  let worst: Outcome = 'right';
  let failure: CheckResult | null = null;
  for (const format of formatsOf(slowDraw)) {
    const result = await checkCase(c, format);
    const outcome = outcomeOf(c, result);
    if (RANK[outcome] > RANK[worst]) {
      worst = outcome;
      failure = result;
    }
  }
  counts[worst]++;
  if (worst === 'silent') silent.push({ index, summary: `${failure!.verdict} (${failure!.format}): ${failure!.mismatches[0] ?? ''}`, message: describeFailure(c, failure!) });
  if (worst === 'doubtedReadable') doubtedReadable.push({ index, verdict: `${failure!.verdict} (${failure!.format})` });
  bar.update(++index);
  return true;
});
const run = await fc.check(property, { numRuns: runs, seed });
bar.stop();
if (run.failed) {
  // the generator or a renderer threw: no reading to judge
  console.error(`\n第 ${index} 个案例无法生成或写出（seed ${seed}）：`, run.errorInstance);
  process.exit(2);
}

const pct = (n: number) => `${((100 * n) / runs).toFixed(2)}%`;
const replay = (i: number) => `npm run fuzz:layouts -- --seed ${seed} --path ${i} --shrink${allFormats ? ' --all-formats' : ''}${slowEvery > 1 ? ` --slow-every ${slowEvery}` : ''}${multi ? ' --multi' : ''}`;
console.log(`\n${runs} cases in ${seconds()} s (seed ${seed}, ${((Date.now() - started) / runs).toFixed(0)} ms a case):`);
console.log(`  read right (exactly, and certain):  ${counts.right} (${pct(counts.right)})`);
console.log(`  doubted:                            ${counts.doubtedUnreadable + counts.doubtedReadable} (${pct(counts.doubtedUnreadable + counts.doubtedReadable)})`);
console.log(`    of them unreadable, said so:      ${counts.doubtedUnreadable}`);
console.log(`    of them readable, yet doubted:    ${counts.doubtedReadable}${doubtedReadable.length > 0 ? `  (first: ${doubtedReadable.slice(0, 5).map((d) => `#${d.index} ${d.verdict}`).join(', ')})` : ''}`);
console.log(`  wrong and silent:                   ${counts.silent} (${pct(counts.silent)})`);
if (silent.length > 0) {
  console.error('\n读错且未提示的案例（重放并缩小）：');
  for (const s of silent.slice(0, 20)) console.error(`  #${s.index}: ${replay(s.index)}\n      ${s.summary}`);
  console.error(`\n#${silent[0]!.index}:\n${silent[0]!.message}`);
  process.exit(1);
}
