/**
 * `npm run fuzz:layouts [-- --runs N] [--seed S [--path P]] [--formats txt,html,docx,xlsx] [--all-formats | --slow-every K] [--multi] [--no-shrink]`
 *
 * Thousands of generated indicator tables (test/support/layout-gen, issue 37) read back field by
 * field, with a new seed each run (printed at the start; give it back with --seed, and the failure's
 * --path, to replay a failure). Each case is read as .txt and HTML, and as one of .docx and .xlsx
 * (alternately, the two slow ones: about 80 ms a case); --all-formats reads every case in all four,
 * --slow-every K only one case in K as .docx or .xlsx (in turn) when the machine is busy.
 * Any failure prints the seed, the path, the rendering, the differences and the table, and exits 1.
 * --multi adds tables listing many projects (read by branch multi).
 */
import { SingleBar, Presets } from 'cli-progress';
import fc from 'fast-check';
import { assertCaseReads } from '../test/support/layout-gen/check';
import { layoutCaseArb } from '../test/support/layout-gen/generate';
import { LAYOUT_FORMATS, type LayoutFormat } from '../test/support/layout-gen/render';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const runs = Number(option('runs') ?? 10_000);
const seed = option('seed') !== undefined ? Number(option('seed')) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
const path = option('path');
const formats = (option('formats')?.split(',') ?? LAYOUT_FORMATS) as LayoutFormat[];
const allFormats = flag('all-formats');
const multi = flag('multi');
const slowEvery = Number(option('slow-every') ?? 1);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(slowEvery) || slowEvery < 1 || formats.some((f) => !LAYOUT_FORMATS.includes(f))) {
  console.error('用法：npm run fuzz:layouts -- [--runs N] [--seed S [--path P]] [--formats txt,html,docx,xlsx] [--all-formats | --slow-every K] [--multi] [--no-shrink]');
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

console.log(`fuzz:layouts  seed ${seed}  runs ${runs}  formats ${allFormats ? formats.join(',') : `${formats.join(',')} (docx/xlsx alternately${slowEvery > 1 ? `, one case in ${slowEvery}` : ''})`}${multi ? '  with many-project tables' : ''}`);
// to a log (not a terminal) the bar is written every 30 s
const bar = new SingleBar(
  { format: '{bar} {value}/{total} cases  {duration_formatted}  ETA {eta_formatted}', etaBuffer: 200, noTTYOutput: !process.stdout.isTTY, notTTYSchedule: 30_000 },
  Presets.shades_classic,
);
const started = Date.now();
let done = 0;
let shrinking = false;
bar.start(runs, 0);

// one case in four with two header rows over a split target (指标值 over 运算符 | 数值 | 计量单位)
const single = fc.oneof({ weight: 3, arbitrary: layoutCaseArb() }, { weight: 1, arbitrary: layoutCaseArb({ twoRowHeaders: true }) });
const cases = multi ? fc.oneof(single, layoutCaseArb({ multiProject: true })) : single;
const property = fc.asyncProperty(cases, fc.integer({ min: 0, max: 2 * slowEvery - 1 }), async (c, slowDraw) => {
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
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (details.failed) {
  console.error(`\n失败：seed ${details.seed}  path "${details.counterexamplePath}"  (after ${details.numRuns} cases, ${details.numShrinks} shrinks, ${seconds} s)`);
  console.error(`重放：npm run fuzz:layouts -- --seed ${details.seed} --path "${details.counterexamplePath}"${allFormats ? ' --all-formats' : ''}${slowEvery > 1 ? ` --slow-every ${slowEvery}` : ''}${multi ? ' --multi' : ''}\n`);
  console.error(details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));
  process.exit(1);
}
console.log(`${details.numRuns} cases read back exactly in ${seconds} s (seed ${seed})`);
