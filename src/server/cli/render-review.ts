/**
 * The readable report of `jixiao check`: per document, the department's score and counts, the rules
 * that recur over many projects (one line each, with the projects), then each project with its
 * score, what cost how much, and its other findings in source order.
 */
import { SEVERITY_LABELS } from '../../shared/domain/model';
import { countByCategory, countBySeverity, departmentOf, groupRepeated, tableLabel, type DocumentReview, type FindingGroup } from '../../shared/review/report';
import { ruleTitle } from '../../shared/review/rules/index';
import type { Deduction } from '../../shared/review/score';
import { CATEGORY_LABELS, FINDING_CATEGORIES, type Finding } from '../../shared/review/types';

function counts(findings: Finding[]): string {
  const c = countBySeverity(findings);
  return `错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}`;
}

function deductionText(deductions: Deduction[], max = 4): string {
  if (deductions.length === 0) return '无扣分';
  const shown = deductions.slice(0, max).map((d) => {
    const n = (['error', 'warning', 'info'] as const).filter((s) => d.count[s] > 0).map((s) => `${d.count[s]} ${SEVERITY_LABELS[s]}`);
    return `${ruleTitle(d.rule)} −${d.points}（${n.join('、')}）`;
  });
  const rest = deductions.length - max;
  return `扣分：${shown.join('；')}${rest > 0 ? `；另 ${rest} 条规则` : ''}`;
}

function findingLines(f: Finding, file: string): string[] {
  const where = f.source ? `${file}:${f.source.line}${f.source.ref ? `（${f.source.ref}）` : ''}` : file;
  const related = f.related?.length ? `；同一单元格另有${f.related.map((r) => `“${ruleTitle(r)}”`).join('、')}` : '';
  return [`   [${SEVERITY_LABELS[f.severity]}] ${CATEGORY_LABELS[f.category]} ${where} ${f.message}`, `          建议：${f.suggestion}（${ruleTitle(f.rule)}${related}）`];
}

/** "表1、2、5—9；第三部分表1、2": a document's table numbers, by part, runs shortened. */
function tableRunsByPart(doc: DocumentReview['doc'], projects: number[]): string {
  const parts: string[] = [];
  for (const part of ['project', 'public'] as const) {
    const seqs = projects.filter((i) => doc.projects[i]!.part === part).map((i) => doc.projects[i]!.sequence);
    if (seqs.length) parts.push(`${part === 'public' ? '第三部分' : ''}${tableRuns(seqs)}`);
  }
  return parts.join('；');
}

/** "表1、2、5—9" : a document's table numbers, runs shortened. */
function tableRuns(sequences: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < sequences.length; ) {
    let j = i;
    while (j + 1 < sequences.length && sequences[j + 1] === sequences[j]! + 1) j++;
    runs.push(j - i >= 2 ? `${sequences[i]}—${sequences[j]}` : sequences.slice(i, j + 1).join('、'));
    i = j + 1;
  }
  return `表${runs.join('、')}`;
}

/** One line for a rule that recurs over many projects: how often, where, one example and its fix. */
function groupLine(g: FindingGroup, review: DocumentReview): string {
  const { doc } = review;
  const names = g.projects.slice(0, 3).map((i) => `“${doc.projects[i]!.name}”`).join('、');
  const example = g.findings[0]!;
  return (
    `   [${SEVERITY_LABELS[g.severity]}] ${ruleTitle(g.rule)} ${g.findings.length} 条，${g.projects.length} 个项目：${tableRunsByPart(doc, g.projects)}（${names}${g.projects.length > 3 ? '等' : ''}）` +
    `｜例：${example.message}｜建议：${example.suggestion}`
  );
}

export function renderReview(review: DocumentReview): string {
  const { doc, findings, projectScores, departmentScore } = review;
  const named = departmentOf(doc);
  const dept = named ? `${named.code ?? ''} ${named.name}`.trim() : '（未识别单位）';
  const byCategory = countByCategory(findings);
  const lines = [
    `== ${doc.file}：${dept}，${doc.year ?? '?'} 年，${doc.projects.length} 个项目 ==`,
    departmentScore.withheld !== null
      ? `部门质量得分：${departmentScore.withheld}`
      : `部门质量得分 ${departmentScore.score.toFixed(2)}（${departmentScore.grade}）：项目按预算加权平均 ${departmentScore.projectMean.toFixed(2)}${doubtedCount(projectScores)}，` +
        `文档级问题扣 ${(departmentScore.projectMean - departmentScore.score).toFixed(2)}`,
    `问题 ${findings.length} 条：${counts(findings)}｜${FINDING_CATEGORIES.map((c) => `${CATEGORY_LABELS[c]} ${byCategory[c]}`).join(' · ')}`,
  ];
  const documentLevel = findings.filter((f) => f.projectIndex === null);
  if (documentLevel.length) {
    lines.push('', `文档级（${counts(documentLevel)}）`);
    for (const f of documentLevel) lines.push(...findingLines(f, doc.file));
  }
  // a rule over many projects is said once here, with its projects; each project's list leaves it out
  const groups = groupRepeated(findings);
  const grouped = new Set(groups.map((g) => g.rule));
  if (groups.length) {
    lines.push('', `多个项目重复出现的问题（${groups.length} 条规则，每条一行；--json 中逐条列出）`);
    for (const g of groups) lines.push(groupLine(g, review));
  }
  doc.projects.forEach((p, i) => {
    const own = findings.filter((f) => f.projectIndex === i);
    const score = projectScores[i]!;
    if (score.withheld !== null) {
      // a doubted reading: no grade, its doubts instead (issue 53)
      lines.push('', `${tableLabel(p)} ${p.name}${p.code ? `（${p.code}）` : ''} — ${score.withheld} — ${counts(own)}`);
      for (const d of p.reading?.doubts ?? []) lines.push(`   读取存疑：${d.message}（${doc.file}:${d.where.line}${d.where.ref ? ` ${d.where.ref}` : ''}）`);
    } else {
      lines.push(
        '',
        `${tableLabel(p)} ${p.name}${p.code ? `（${p.code}）` : ''} — 得分 ${score.score.toFixed(2)} ${score.grade} — ${counts(own)}`,
        `   ${deductionText(score.deductions)}${score.cap ? `；评分上限“${score.cap.grade}”：${score.cap.reason}` : ''}`,
      );
    }
    // the deductions line still names the grouped rules that cost this project points
    const shown = own.filter((f) => !grouped.has(f.rule));
    for (const f of [...shown].sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0))) lines.push(...findingLines(f, doc.file));
  });
  return lines.join('\n');
}

/** "（读取存疑未评分的 2 个项目不计）" when some tables got no grade. */
function doubtedCount(scores: DocumentReview['projectScores']): string {
  const n = scores.filter((s) => s.withheld !== null).length;
  return n === 0 ? '' : `（读取存疑未评分的 ${n} 个项目不计）`;
}

/** One closing line over every document checked. */
export function renderCheckSummary(reviews: DocumentReview[]): string {
  const all = reviews.flatMap((r) => r.findings);
  const projects = reviews.reduce((n, r) => n + r.doc.projects.length, 0);
  return `共检查 ${reviews.length} 个文档、${projects} 个项目：问题 ${all.length} 条（${counts(all)}）`;
}
