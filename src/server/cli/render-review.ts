/**
 * The readable report of `jixiao check`: per document, the department's score and counts, then
 * each project with its score, what cost how much, and its findings in source order.
 */
import type { Severity } from '../../shared/domain/model';
import { countByCategory, countBySeverity, type DocumentReview } from '../../shared/review/report';
import type { Deduction } from '../../shared/review/score';
import { FINDING_CATEGORIES, type Finding } from '../../shared/review/types';

const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

function counts(findings: Finding[]): string {
  const c = countBySeverity(findings);
  return `错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}`;
}

function deductionText(deductions: Deduction[], max = 4): string {
  if (deductions.length === 0) return '无扣分';
  const shown = deductions.slice(0, max).map((d) => {
    const n = (['error', 'warning', 'info'] as const).filter((s) => d.count[s] > 0).map((s) => `${d.count[s]} ${SEVERITY_NAMES[s]}`);
    return `${d.rule} −${d.points}（${n.join('、')}）`;
  });
  const rest = deductions.length - max;
  return `扣分：${shown.join('；')}${rest > 0 ? `；另 ${rest} 条规则` : ''}`;
}

function findingLines(f: Finding, file: string): string[] {
  const where = f.source ? `${file}:${f.source.line}${f.source.ref ? `（${f.source.ref}）` : ''}` : file;
  return [`   [${SEVERITY_NAMES[f.severity]}] ${f.category} ${where} ${f.message}`, `          建议：${f.suggestion}（${f.rule}）`];
}

export function renderReview(review: DocumentReview): string {
  const { doc, findings, projectScores, departmentScore } = review;
  const dept = doc.department ? `${doc.department.code ?? ''} ${doc.department.name}`.trim() : '（未识别单位）';
  const byCategory = countByCategory(findings);
  const lines = [
    `== ${doc.file}：${dept}，${doc.year ?? '?'} 年，${doc.projects.length} 个项目 ==`,
    `部门质量得分 ${departmentScore.score.toFixed(2)}（${departmentScore.grade}）：项目按预算加权平均 ${departmentScore.projectMean.toFixed(2)}，` +
      `文档级问题扣 ${(departmentScore.projectMean - departmentScore.score).toFixed(2)}`,
    `问题 ${findings.length} 条：${counts(findings)}｜${FINDING_CATEGORIES.map((c) => `${c} ${byCategory[c]}`).join(' · ')}`,
  ];
  const documentLevel = findings.filter((f) => f.projectIndex === null);
  if (documentLevel.length) {
    lines.push('', `文档级（${counts(documentLevel)}）`);
    for (const f of documentLevel) lines.push(...findingLines(f, doc.file));
  }
  doc.projects.forEach((p, i) => {
    const own = findings.filter((f) => f.projectIndex === i);
    const score = projectScores[i]!;
    lines.push(
      '',
      `${p.sequence}. ${p.name}（${p.code ?? '无编码'}）— 得分 ${score.score.toFixed(2)} ${score.grade} — ${counts(own)}`,
      `   ${deductionText(score.deductions)}`,
    );
    for (const f of [...own].sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0))) lines.push(...findingLines(f, doc.file));
  });
  return lines.join('\n');
}

/** One closing line over every document checked. */
export function renderCheckSummary(reviews: DocumentReview[]): string {
  const all = reviews.flatMap((r) => r.findings);
  const projects = reviews.reduce((n, r) => n + r.doc.projects.length, 0);
  return `共检查 ${reviews.length} 个文档、${projects} 个项目：问题 ${all.length} 条（${counts(all)}）`;
}
