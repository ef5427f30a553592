// Calibrates the review on the non-Hebei documents of test/documents/review (issue 30 §5): runs
// `jixiao check --json` on every document there, compares each project's grade with the hand grade
// of test/documents/review/expected.json (written before the review ran), counts the findings about
// fields the document's form lacks, and draws findings at random with a fixed seed for judging one
// by one (right only if a careful reviewer would raise it as stated).
//
// Run: node --import tsx scripts/calibrate-review.ts [--sample 80] [--seed 30] [--dir test/documents/review]
//                                                   [--json out.json] [--judgements file.json]
// --sample 0 prints no sample; --json also writes the table, the counts and the sample as JSON.
// --judgements: verdicts already given, { "<key>": { "message", "verdict": "对" | "错", "why" } } keyed
// by document, line, rule, project and indicator: a sampled finding with the same key and the same
// message shows its verdict and is counted; any other is left to judge (its key is printed).
// test/documents/review/judgements-baseline.json holds the baseline's.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findRule } from '../src/shared/review/rules/index';
import { LACKING } from '../test/support/calibration';

interface ExpectedDefect {
  id: string;
  level: string;
  text: string;
}
interface ExpectedProject {
  project: string;
  kind?: 'departmentTargets';
  /** Fields this table's form lacks beyond the document's (the 部门整体支出 table beside project tables). */
  formLacks?: string[];
  grade: string;
  reason: string;
  borderline?: boolean;
  defects: ExpectedDefect[];
  notDefects?: string[];
}
interface ExpectedDocument {
  file: string;
  region: string;
  formClass: string;
  formLacks: string[];
  /** Defects of the document as a whole (part one), not graded. */
  documentDefects?: ExpectedDefect[];
  projects: ExpectedProject[];
}
interface CheckFinding {
  file: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  project: string | null;
  projectCode: string | null;
  indicator: string | null;
  field: string;
  line?: number | null;
  ref?: string | null;
  message: string;
  suggestion: string;
}
interface CheckProject {
  project: string;
  code: string | null;
  score: number;
  grade: string;
  cap: { grade: string; reason: string } | null;
}
interface CheckOutput {
  findings: CheckFinding[];
  summary: { departments: { file: string; score: number; grade: string; projects: CheckProject[] }[] };
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const dir = option('dir', join('test', 'documents', 'review'));
const sampleSize = Number(option('sample', '80'));
const seed = Number(option('seed', '30'));
const jsonOut = option('json', '');
const judgementsFile = option('judgements', '');
interface Judgement {
  message: string;
  verdict: '对' | '错';
  why: string;
}
const judgements = judgementsFile ? (JSON.parse(readFileSync(judgementsFile, 'utf8')) as Record<string, Judgement>) : {};
if (!Number.isInteger(sampleSize) || sampleSize < 0 || !Number.isInteger(seed)) {
  console.error('--sample and --seed take whole numbers');
  process.exit(2);
}

const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { documents: ExpectedDocument[] };
const documents = readdirSync(dir)
  .filter((f) => /\.(txt|html?|docx?|wps|rtf|xlsx?|et|pdf)$/i.test(f))
  .sort();
const unexpected = documents.filter((f) => !expected.documents.some((d) => d.file === f));
if (unexpected.length > 0) console.warn(`没有手工评级的文档（不计入一致率）：${unexpected.join('、')}`);

// The review as a user runs it: the CLI's JSON (README, "jixiao check --json").
const run = spawnSync(process.execPath, ['bin/jixiao.js', 'check', '--json', ...documents.map((f) => join(dir, f))], {
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (run.status !== 0 && run.status !== 1) {
  console.error(run.stderr);
  process.exit(2);
}
const check = JSON.parse(run.stdout) as CheckOutput;
const fileOf = (path: string) => basename(path);

// ------------------------------------------------------------------------------------------------
// Grades: hand vs Jixiao

interface Row {
  document: string;
  project: string;
  formClass: string;
  hand: string;
  jixiao: string | null;
  score: number | null;
  cap: string | null;
  agree: boolean;
}
const rows: Row[] = [];
for (const doc of expected.documents) {
  const summary = check.summary.departments.find((d) => fileOf(d.file) === doc.file);
  for (const p of doc.projects) {
    const graded = p.kind === 'departmentTargets' ? undefined : summary?.projects.find((q) => q.project === p.project);
    rows.push({
      document: doc.file,
      project: p.project,
      formClass: doc.formClass,
      hand: p.grade + (p.borderline ? ' ≈' : ''),
      jixiao: graded?.grade ?? null,
      score: graded?.score ?? null,
      cap: graded?.cap ? `${graded.cap.grade}：${graded.cap.reason}` : null,
      agree: graded !== undefined && graded.grade === p.grade,
    });
  }
}

const pad = (s: string, n: number) => {
  // CJK characters take two columns in a terminal
  const width = [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, n - width));
};
console.log('手工评级与 Jixiao 评级（手工评级在运行审核之前写定：docs/review-calibration.md “Non-Hebei forms”）\n');
console.log(`${pad('文档', 38)}${pad('项目', 40)}${pad('手工', 6)}${pad('Jixiao', 14)}一致`);
for (const r of rows) {
  const jixiao = r.jixiao === null ? '—（不单独评级）' : `${r.score!.toFixed(2)} ${r.jixiao}`;
  console.log(`${pad(r.document, 38)}${pad(r.project, 40)}${pad(r.hand, 6)}${pad(jixiao, 14)}${r.agree ? '✓' : '✗'}${r.cap ? `  （封顶 ${r.cap}）` : ''}`);
}
const agreed = rows.filter((r) => r.agree).length;
const projectRows = rows.filter((r) => !expected.documents.some((d) => d.projects.some((p) => p.project === r.project && p.kind === 'departmentTargets')));
const projectsAgreed = projectRows.filter((r) => r.agree).length;
const percent = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
console.log(`\n一致：${agreed} / ${rows.length}（${percent(agreed, rows.length)}）；其中项目 ${projectsAgreed} / ${projectRows.length}（${percent(projectsAgreed, projectRows.length)}）`);
const confusion = new Map<string, number>();
for (const r of rows) {
  const key = `${r.hand.replace(' ≈', '')}→${r.jixiao ?? '无'}`;
  confusion.set(key, (confusion.get(key) ?? 0) + 1);
}
console.log(`手工→Jixiao：${[...confusion].sort().map(([k, n]) => `${k} ${n}`).join('，')}`);

// ------------------------------------------------------------------------------------------------
// Findings about fields the form lacks: a completeness rule whose field the document's form does not
// have (expected.json's formLacks, written from the form, not from the findings).

function aboutLackingField(f: CheckFinding): boolean {
  const doc = expected.documents.find((d) => d.file === fileOf(f.file));
  const field = LACKING[f.rule];
  if (doc === undefined || field === undefined) return false;
  const table = f.project === null && f.field === 'departmentTargets' ? doc.projects.find((p) => p.kind === 'departmentTargets') : undefined;
  return [...doc.formLacks, ...(table?.formLacks ?? [])].some((l) => field.test(l));
}
const findings = check.findings.filter((f) => expected.documents.some((d) => d.file === fileOf(f.file)));
const lacking = findings.filter(aboutLackingField);
const byRule = new Map<string, number>();
for (const f of lacking) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
console.log(
  `\n问题共 ${findings.length} 条（错误 ${findings.filter((f) => f.severity === 'error').length}，警告 ${findings.filter((f) => f.severity === 'warning').length}，提示 ${findings.filter((f) => f.severity === 'info').length}）；` +
    `其中关于表样没有的栏目 ${lacking.length} 条（${percent(lacking.length, findings.length)}）：${[...byRule].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join('，') || '无'}`,
);
for (const doc of expected.documents) {
  const own = findings.filter((f) => fileOf(f.file) === doc.file);
  console.log(`  ${pad(doc.file, 38)}问题 ${String(own.length).padStart(3)}，关于表样没有的栏目 ${String(own.filter(aboutLackingField).length).padStart(3)}`);
}

// ------------------------------------------------------------------------------------------------
// A random sample of findings, for strict judging one by one

/** mulberry32: a small seeded generator, so the same seed draws the same sample. */
function random(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(seed);
const pool = findings.map((f, i) => ({ f, i }));
for (let i = pool.length - 1; i > 0; i--) {
  const j = Math.floor(next() * (i + 1));
  [pool[i], pool[j]] = [pool[j]!, pool[i]!];
}
const sample = pool.slice(0, Math.min(sampleSize, pool.length)).map((x) => x.f);

const sources = new Map<string, string[]>();
function sourceLine(f: CheckFinding): string {
  if (!f.line) return '（无行号）';
  const path = join(dir, fileOf(f.file));
  if (!sources.has(path)) sources.set(path, readFileSync(path, 'utf8').split(/\r?\n/));
  const lines = sources.get(path)!;
  // In the text format the line is one cell of a row: the row is its cells (each starting with a
  // tab) between the empty lines around it.
  let raw = lines[f.line - 1] ?? '';
  if (/\.txt$/i.test(path) && raw.startsWith('\t')) {
    let start = f.line - 1;
    while (start > 0 && lines[start - 1]!.startsWith('\t')) start--;
    const cells: string[] = [];
    for (let i = start; i < lines.length && lines[i] !== ''; i++) {
      if (lines[i]!.startsWith('\t')) cells.push(lines[i]!.slice(1));
      else cells[cells.length - 1] += ` ${lines[i]}`;
    }
    raw = cells.map((c) => c.trim() || '（空）').join(' | ');
  }
  const text = raw.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, ' | ').replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const clean = text.replace(/(\s*\|\s*)+/g, ' | ').replace(/^ \| | \| $/g, '').trim() || '（空行）';
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;
/** A finding's place: document, line, rule, project, indicator (its message is compared apart). */
const keyOf = (f: CheckFinding) => [fileOf(f.file), f.line ?? '', f.rule, f.project ?? f.field, f.indicator ?? ''].join('|');

if (sample.length > 0) {
  console.log(`\n随机抽取 ${sample.length} 条问题（种子 ${seed}，共 ${findings.length} 条），逐条判定：提出得对（一位认真的审核人员会这样提出）记“对”，否则记“错”。\n`);
  sample.forEach((f, k) => {
    const doc = expected.documents.find((d) => d.file === fileOf(f.file))!;
    const hand = doc.projects.find((p) => (f.project === null ? f.field === 'departmentTargets' && p.kind === 'departmentTargets' : p.project === f.project));
    const where = f.project ?? (f.field === 'departmentTargets' ? '部门整体支出绩效目标表' : '（文档）');
    console.log(`${String(k + 1).padStart(2)}. ${fileOf(f.file)} · ${where}${f.indicator ? ` · 指标“${f.indicator}”` : ''}`);
    console.log(`    规则：${findRule(f.rule)?.title ?? f.rule}（${f.rule}，${SEVERITY[f.severity]}）${aboutLackingField(f) ? ' ［表样没有该栏］' : ''}`);
    console.log(`    问题：${f.message}`);
    console.log(`    位置：${f.line ?? '—'}${f.ref ? `（${f.ref}）` : ''}  原文：${sourceLine(f)}`);
    if (hand) console.log(`    手工：${hand.grade}；应提出：${hand.defects.map((d) => d.text).join('；') || '无'}`);
    else if (f.project === null) console.log(`    手工（文档）：应提出：${(doc.documentDefects ?? []).map((d) => d.text).join('；') || '无'}`);
    const known = judgements[keyOf(f)];
    if (known && known.message === f.message) console.log(`    判定：${known.verdict}（${known.why}）`);
    else console.log(`    判定：    ［${keyOf(f)}］`);
  });
  const judged = sample.map((f) => judgements[keyOf(f)]).filter((j, k): j is Judgement => j !== undefined && j.message === sample[k]!.message);
  if (judgementsFile) {
    const all = findings.map((f) => judgements[keyOf(f)]).filter((j, k): j is Judgement => j !== undefined && j.message === findings[k]!.message);
    const allRight = all.filter((j) => j.verdict === '对').length;
    console.log(`\n全部 ${findings.length} 条问题中已有判定 ${all.length} 条：对 ${allRight}，错 ${all.length - allRight}`);
    const right = judged.filter((j) => j.verdict === '对').length;
    console.log(`\n已有判定 ${judged.length} / ${sample.length} 条：对 ${right}，错 ${judged.length - right}${judged.length === sample.length ? `（${percent(right, sample.length)}）` : '；其余待判定'}`);
  }
}

if (jsonOut) {
  writeFileSync(
    jsonOut,
    `${JSON.stringify(
      {
        agreement: { agreed, total: rows.length, projectsAgreed, projects: projectRows.length },
        rows,
        findings: findings.length,
        aboutLackingFields: lacking.length,
        aboutLackingFieldsByRule: Object.fromEntries(byRule),
        sample: sample.map((f) => ({ ...f, file: fileOf(f.file), key: keyOf(f), title: findRule(f.rule)?.title ?? null, source: sourceLine(f) })),
      },
      null,
      2,
    )}\n`,
  );
}
