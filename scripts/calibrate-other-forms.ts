// Compares the review with the hand judgement of test/documents/other-forms-hand.json (issue 55): the test documents of
// other forms (test/documents/layouts, multi, readers, structure) and the six real documents of other provinces
// (../shared/fixtures/other-provinces). For each content (the first of its `files`; the other formats of the same content
// are checked to give the same findings) it lists the review's findings beside the hand defects, and with
// --judgements it counts each finding right or wrong and each hand defect found or not:
// { "<file>|<project or 文档>|<rule>|<message>": { "verdict": "对" | "错", "defect"?: "<hand defect id>", "why": "…" } }.
// A finding with no verdict yet is printed with its key to judge.
//
// Run: node --import tsx scripts/calibrate-other-forms.ts [--judgements test/documents/other-forms-judgements.json] [--all-formats]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentBytes } from '../src/server/importers/read-document';
import { reviewAndScore } from '../src/shared/review/report';

interface HandDefect { id: string; level: string; text: string }
interface HandProject { project: string; grade: string; defects: HandDefect[]; notDefects?: string[]; either?: string[] }
interface HandDocument { files: string[]; projects?: HandProject[]; documentDefects?: HandDefect[]; departmentTargets?: unknown }
interface Judgement { verdict: '对' | '错'; defect?: string; why?: string }

const hand = JSON.parse(readFileSync(join('test', 'documents', 'other-forms-hand.json'), 'utf8')) as { documents: HandDocument[] };
const option = (name: string): string | null => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? null) : null;
};
const judgementsFile = option('judgements');
const judgements: Record<string, Judgement> = judgementsFile && existsSync(judgementsFile) ? JSON.parse(readFileSync(judgementsFile, 'utf8')) : {};
const allFormats = process.argv.includes('--all-formats');

const pathOf = (file: string) => (file.startsWith('other-provinces/') ? join('..', 'shared', 'fixtures', file) : join('test', 'documents', file));

let right = 0;
let wrong = 0;
let unjudged = 0;
let defects = 0;
let found = 0;
const wrongList: string[] = [];
const missed: string[] = [];
const formatDiffers: string[] = [];
const grades: { file: string; project: string; hand: string; jixiao: string }[] = [];

for (const d of hand.documents) {
  const file = d.files[0]!;
  const review = async (f: string) => {
    const doc = await parseDocumentBytes(readFileSync(pathOf(f)), f);
    return { doc, result: reviewAndScore(doc) };
  };
  const { doc, result } = await review(file);
  const keys = result.findings.map((f) => `${file}|${f.project ?? '文档'}|${f.rule}|${f.message}`);
  if (allFormats) {
    for (const other of d.files.slice(1)) {
      const o = await review(other);
      const ok = o.result.findings.map((f) => `${f.project ?? '文档'}|${f.rule}|${f.message}`).sort().join('\n');
      const mine = result.findings.map((f) => `${f.project ?? '文档'}|${f.rule}|${f.message}`).sort().join('\n');
      if (ok !== mine) formatDiffers.push(other);
    }
  }
  console.log(`\n=== ${file}`);
  doc.projects.forEach((p, i) => {
    const s = result.projectScores[i]!;
    const h = d.projects?.find((x) => x.project === p.name);
    grades.push({ file, project: p.name, hand: h?.grade ?? '?', jixiao: s.withheld ? '未评分' : s.grade });
    console.log(`  [${p.name}] 手工 ${h?.grade ?? '?'} / Jixiao ${s.withheld ?? `${s.score} ${s.grade}`}`);
    for (const x of h?.defects ?? []) console.log(`    应提出 ${x.id} ${x.level}: ${x.text}`);
    for (const x of h?.notDefects ?? []) console.log(`    不应提出: ${x}`);
    for (const x of h?.either ?? []) console.log(`    可提出: ${x}`);
  });
  const foundDefects = new Set<string>();
  result.findings.forEach((f, i) => {
    const j = judgements[keys[i]!];
    if (j === undefined) unjudged++;
    else if (j.verdict === '对') right++;
    else {
      wrong++;
      wrongList.push(`${keys[i]}  —— ${j.why ?? ''}`);
    }
    if (j?.defect) for (const id of j.defect.split(',')) foundDefects.add(`${f.project ?? '文档'}|${id}`);
    console.log(`  ${j ? j.verdict : '？'} ${f.severity} ${f.rule} [${f.project ?? '文档'}] ${f.message}${j?.defect ? `  => ${j.defect}` : ''}${j === undefined ? `\n      KEY ${JSON.stringify(keys[i])}` : ''}`);
  });
  // a hand entry that names no table the parser read ("（50 个示范项目，各一张表）", "（未填写项目名称）") is about every table of the document
  const named = new Set(doc.projects.map((p) => p.name));
  const foundIn = (project: string, id: string) =>
    named.has(project) ? foundDefects.has(`${project}|${id}`) : [...foundDefects].some((k) => k.endsWith(`|${id}`) && k.split('|')[0] !== '文档');
  for (const p of d.projects ?? []) {
    p.defects.forEach((x) => {
      defects++;
      if (foundIn(p.project, x.id)) found++;
      else missed.push(`${file} [${p.project}] ${x.id} ${x.level}: ${x.text}`);
    });
  }
  for (const x of d.documentDefects ?? []) {
    defects++;
    if (foundDefects.has(`文档|${x.id}`)) found++;
    else missed.push(`${file} [文档] ${x.id} ${x.level}: ${x.text}`);
  }
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
console.log(`\n判断：对 ${right}，错 ${wrong}，未判断 ${unjudged}；准确率 ${pct(right, right + wrong)}`);
console.log(`手工缺陷 ${defects} 项，找到 ${found}；召回率 ${pct(found, defects)}`);
console.log(`\n错误的发现：\n${wrongList.join('\n')}`);
console.log(`\n未找到的缺陷：\n${missed.join('\n')}`);
if (allFormats) console.log(`\n与同一内容的第一种格式结果不同的文件：${formatDiffers.join('、') || '无'}`);
console.log(`\n评级：${grades.map((g) => `${g.file} ${g.project} 手工${g.hand} Jixiao${g.jixiao}`).join('\n')}`);
