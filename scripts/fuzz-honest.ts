/**
 * `npm run fuzz:honest [-- --count N] [--seed S] [--formats txt,html,docx,xlsx] [--all-formats] [--suite] [--exclude P,Q]
 *   [--minimize K] [--examples K] [--case I] [--list OUTCOME] [--json FILE]`
 *
 * The honest generator (test/support/layout-gen/honest.ts, issue 68): N tables in words the reader was not
 * written for, each read back (txt and HTML every case, .docx and .xlsx in turn; --all-formats for all four)
 * and counted by what its reading came to:
 * - **read exactly**: a table a person can read, read field by field as the person does, and certain;
 * - **doubted**: a table a person cannot read, doubted (rightly); a readable one read exactly yet doubted (a
 *   false doubt); a readable one read wrongly and doubted (not silent, but not read);
 * - **silently misread**: read wrongly and certain, or a table a person cannot read marked certain.
 * Then each feature's share of silent cases, and the kinds of silent misread: each silent case is made minimal
 * (honest-check.ts: fewer indicators, then fewer features, as long as it fails the same way; --minimize K cases a
 * kind at most, 0 for none) and its kind is what it still needs and the field that goes wrong; for each kind its
 * count and its smallest example: the rendering, what was read and what should have been. Exit 1 when any case
 * is silent. --list OUTCOME lists the first cases of an outcome (exact, doubtedUnreadable, falseDoubt, doubtedMisread,
 * silentUnreadable, silentMisread). --suite leaves out what test/importers/layout-honest.property.test.ts leaves out (SUITE_EXCLUDED);
 * --exclude leaves out features by key prefix; --case I prints case I of the seed in full; --json writes the
 * figures and the kinds for machines.
 */
import { writeFileSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import fc from 'fast-check';
import { documentAsText, type LayoutFormat } from '../test/support/layout-gen/document';
import { honestCaseArb, type HonestCase } from '../test/support/layout-gen/honest';
import { expectedLines, fieldOf, isSilent, judgeCase, minimizeCase, readingLines, type Judged, type Minimal, type Outcome } from '../test/support/layout-gen/honest-check';
import { SUITE_EXCLUDED } from '../test/support/layout-gen/honest-suite';
import { renderText } from '../test/support/layout-gen/render';

const FORMATS: readonly LayoutFormat[] = ['txt', 'html', 'docx', 'xlsx'];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const count = Number(option('count') ?? 2000);
const seed = option('seed') !== undefined ? Number(option('seed')) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
const formats = (option('formats')?.split(',') ?? FORMATS) as LayoutFormat[];
const minimizeEach = Number(option('minimize') ?? 3);
const examples = Number(option('examples') ?? 40);
const only = option('case') !== undefined ? Number(option('case')) : null;
const json = option('json');
const exclude = [...(flag('suite') ? SUITE_EXCLUDED : []), ...(option('exclude')?.split(',').filter((s) => s !== '') ?? [])];
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || formats.some((f) => !FORMATS.includes(f)) || !Number.isInteger(minimizeEach)) {
  console.error('用法：npm run fuzz:honest -- [--count N] [--seed S] [--formats txt,html,docx,xlsx] [--all-formats] [--suite] [--exclude P,Q] [--minimize K] [--examples K] [--case I] [--json FILE]');
  process.exit(2);
}

/** txt and HTML always; of .docx and .xlsx one in turn (both with --all-formats). */
function formatsOf(i: number): LayoutFormat[] {
  if (flag('all-formats')) return formats;
  const slow = formats.filter((f) => f === 'docx' || f === 'xlsx');
  return formats.filter((f) => !(f === 'docx' || f === 'xlsx') || slow.length < 2 || f === slow[i % 2]);
}

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const cases = fc.sample(honestCaseArb({ exclude }), { seed, numRuns: only !== null ? only + 1 : count });

if (only !== null) {
  const c = cases[only]!;
  const j = await judgeCase(c, formatsOf(only));
  console.log(`case ${only} (seed ${seed}): ${j.outcome} in ${j.result.format}\n${c.choices.join('\n')}\n${documentAsText(c.document)}\n\nmismatches:\n  ${j.result.mismatches.join('\n  ')}\ndoubts:\n  ${j.result.doubts.join('\n  ')}\nread:\n${readingLines(j.result.read).join('\n')}\nshould be:\n${expectedLines(c).join('\n')}`);
  process.exit(0);
}

console.log(`fuzz:honest  seed ${seed}  count ${count}  formats ${flag('all-formats') ? formats.join(',') : `${formats.join(',')} (docx/xlsx alternately)`}${exclude.length ? `  leaving out ${exclude.length} feature(s)` : ''}`);
const bar = new SingleBar({ format: '{bar} {value}/{total} cases  {duration_formatted}  ETA {eta_formatted}', etaBuffer: 200, noTTYOutput: !process.stdout.isTTY, notTTYSchedule: 30_000 }, Presets.shades_classic);
bar.start(count, 0);

const counts: Record<Outcome, number> = { exact: 0, doubtedUnreadable: 0, falseDoubt: 0, doubtedMisread: 0, silentUnreadable: 0, silentMisread: 0 };
let silentUnreadableExact = 0;
/** Silent misreads that blame the document: an error says a field is missing that the table has (缺少预算数, 缺少绩效指标表). */
let blamed = 0;
const listed = option('list');
const list: string[] = [];
const byFeature = new Map<string, { cases: number; silent: number }>();
const silent: { index: number; c: HonestCase; j: Judged }[] = [];
for (const [index, c] of cases.entries()) {
  const j = await judgeCase(c, formatsOf(index));
  counts[j.outcome]++;
  if (j.outcome === 'silentUnreadable' && j.result.mismatches.length === 1) silentUnreadableExact++;
  if (isSilent(j.outcome) && j.result.mismatches.some((m) => /^error diagnostic missing-/.test(m))) blamed++;
  if (listed === j.outcome && list.length < 40) list.push(`  #${index} (${j.result.format}): ${j.result.mismatches.slice(0, 3).join(' | ')}  doubts: ${j.result.doubts.map((d) => d.split(':')[0]).join(', ')}`);
  for (const kind of new Set(c.features.map((f) => f.kind))) {
    const s = byFeature.get(kind) ?? { cases: 0, silent: 0 };
    s.cases++;
    if (isSilent(j.outcome)) s.silent++;
    byFeature.set(kind, s);
  }
  if (isSilent(j.outcome)) silent.push({ index, c, j });
  bar.update(index + 1);
}
bar.stop();
const readingTime = seconds();

const pct = (n: number) => `${((100 * n) / count).toFixed(1)}%`;
const doubted = counts.doubtedUnreadable + counts.falseDoubt + counts.doubtedMisread;
const silentAll = counts.silentMisread + counts.silentUnreadable;
const readable = count - counts.doubtedUnreadable - counts.silentUnreadable;
console.log(`\n${count} honest cases (seed ${seed}) in ${readingTime} s of reading, ${seconds()} s in all; ${readable} a person can read, ${count - readable} not:`);
console.log(`  read exactly (and certain):              ${counts.exact} (${pct(counts.exact)})`);
console.log(`  doubted:                                 ${doubted} (${pct(doubted)})`);
console.log(`    a person cannot read it, doubted:      ${counts.doubtedUnreadable}`);
console.log(`    read exactly, yet doubted:             ${counts.falseDoubt}`);
console.log(`    read wrongly, doubted:                 ${counts.doubtedMisread}`);
console.log(`  silently misread:                        ${silentAll} (${pct(silentAll)})`);
console.log(`    read wrongly, certain:                 ${counts.silentMisread}`);
console.log(`    a person cannot read it, certain:      ${counts.silentUnreadable} (${silentUnreadableExact} of them read as written all the same)`);
console.log(`    of all silent, blaming the document:   ${blamed} (an error says the table lacks what it has: 缺少预算数, 缺少绩效指标表 …)`);
if (listed) console.log(`\ncases ${listed}:\n${list.join('\n')}`);

console.log('\nfeatures (kinds), cases with it and how many of them silent:');
for (const [kind, s] of [...byFeature].sort((a, b) => b[1].silent / b[1].cases - a[1].silent / a[1].cases)) {
  console.log(`  ${kind.padEnd(28)} ${String(s.cases).padStart(6)} cases  ${String(s.silent).padStart(6)} silent (${((100 * s.silent) / s.cases).toFixed(0)}%)`);
}

// the kinds of silent misread: each silent case made minimal (K a rough signature at most), the others counted by their signature
const signature = (j: Judged, c: HonestCase) => `${[...new Set(c.features.map((f) => f.kind))].sort().join('+')}|${fieldOf(j.result.mismatches[0] ?? '')}`;
const minimal = new Map<string, Minimal[]>();
const kindOfSignature = new Map<string, string>();
const kinds = new Map<string, { count: number; words: Set<string>; example: Minimal; cases: number[] }>();
if (minimizeEach > 0 && silent.length > 0) {
  const bar2 = new SingleBar({ format: '{bar} {value}/{total} silent cases made minimal  {duration_formatted}', noTTYOutput: !process.stdout.isTTY, notTTYSchedule: 30_000 }, Presets.shades_classic);
  bar2.start(silent.length, 0);
  for (const [k, s] of silent.entries()) {
    const sig = signature(s.j, s.c);
    const done = minimal.get(sig) ?? [];
    let kind = kindOfSignature.get(sig);
    if (done.length < minimizeEach) {
      let m: Minimal;
      try {
        m = await minimizeCase(s.c, s.j.result.format);
      } catch (e) {
        console.error(`\n#${s.index}: could not be made minimal: ${(e as Error).stack}`);
        continue;
      }
      done.push(m);
      minimal.set(sig, done);
      kind = m.kind;
      kindOfSignature.set(sig, kind);
      const entry = kinds.get(kind);
      const size = (x: Minimal) => x.spec.indicators.length * 100 + x.spec.order.length * 10 + x.needs.length;
      if (!entry) kinds.set(kind, { count: 0, words: new Set(m.needs), example: m, cases: [] });
      else {
        m.needs.forEach((w) => entry.words.add(w));
        if (size(m) < size(entry.example)) entry.example = m;
      }
    }
    const entry = kind !== undefined ? kinds.get(kind) : undefined;
    if (entry) {
      entry.count++;
      entry.cases.push(s.index);
    }
    bar2.update(k + 1);
  }
  bar2.stop();
}

// by the field that goes wrong, then by count
const fieldOfKind = (kind: string) => kind.split(' → ')[1] ?? kind;
const byField = new Map<string, number>();
for (const [kind, k] of kinds) byField.set(fieldOfKind(kind), (byField.get(fieldOfKind(kind)) ?? 0) + k.count);
const sortedKinds = [...kinds].sort((a, b) => (byField.get(fieldOfKind(b[0]))! - byField.get(fieldOfKind(a[0]))!) || fieldOfKind(a[0]).localeCompare(fieldOfKind(b[0])) || b[1].count - a[1].count);
if (sortedKinds.length > 0) {
  const attributed = sortedKinds.reduce((n, [, k]) => n + k.count, 0);
  console.log(`\nkinds of silent misread (${sortedKinds.length}; ${attributed} of ${silentAll} silent cases attributed, each kind by its minimal case), by what goes wrong:`);
  let field = '';
  for (const [kind, k] of sortedKinds) {
    if (fieldOfKind(kind) !== field) {
      field = fieldOfKind(kind);
      console.log(`  ${field}: ${byField.get(field)} case(s)`);
    }
    console.log(`    ${String(k.count).padStart(5)}  needs ${kind.split(' → ')[0]}\n           words: ${[...k.words].sort().join('; ')}`);
  }
  console.log('\nminimal examples:');
  for (const [kind, k] of sortedKinds.slice(0, examples)) {
    const m = k.example;
    console.log(`\n=== ${kind}  (${k.count} cases, e.g. #${k.cases.slice(0, 5).join(', #')})`);
    console.log(`needs: ${m.needs.join('; ') || 'nothing'}; ${m.case.unreadable ? `a person cannot read it: ${m.case.unreadable.why}` : 'a person can read it'}`);
    console.log(`the ${m.judged.result.format} rendering:`);
    console.log(m.judged.result.format === 'txt' ? renderText(m.case.document).trimEnd() : documentAsText(m.case.document));
    console.log('read:');
    console.log(readingLines(m.judged.result.read).join('\n'));
    console.log('should have been:');
    console.log(expectedLines(m.case).join('\n'));
    console.log(`differences: ${m.judged.result.mismatches.slice(0, 6).join(' | ')}`);
  }
}

if (json) {
  writeFileSync(
    json,
    JSON.stringify(
      {
        seed, count, exclude, counts, silentUnreadableExact, readable,
        features: Object.fromEntries(byFeature),
        kinds: sortedKinds.map(([kind, k]) => ({ kind, count: k.count, words: [...k.words].sort(), cases: k.cases, example: { needs: k.example.needs, format: k.example.judged.result.format, document: documentAsText(k.example.case.document), read: readingLines(k.example.judged.result.read), expected: expectedLines(k.example.case), differences: k.example.judged.result.mismatches } })),
      },
      null,
      2,
    ),
  );
  console.log(`\nwritten: ${json}`);
}
process.exit(silentAll > 0 ? 1 : 0);
