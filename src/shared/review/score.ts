/**
 * A quality score (0–100) per project and per department, derived from the review's findings,
 * with what cost how much and the review outcome it suggests (优/良/中/差, lifecycle.md §1).
 *
 * A project starts at 100 and loses, per rule, the findings' points by severity — at most
 * `capPerRule` for one rule, so one defect repeated on every row does not sink a project alone.
 * A department's score is its projects' scores weighted by budget (equal weights where budgets
 * are missing), less the points of its document-level findings (boilerplate, part one …).
 */
import type { ParsedDocument, Severity } from '../domain/model';
import type { ReviewConfig } from './config';
import type { Finding, FindingCategory } from './types';

export type ReviewGrade = '优' | '良' | '中' | '差';

export interface Deduction {
  rule: string;
  category: FindingCategory;
  /** Findings of this rule, by severity. */
  count: Record<Severity, number>;
  /** Points lost to this rule (after the cap). */
  points: number;
}

export interface QualityScore {
  /** 0–100, two decimals. */
  score: number;
  grade: ReviewGrade;
  deductions: Deduction[];
}

export interface DepartmentScore extends QualityScore {
  /** The budget-weighted mean of the projects' scores, before document-level deductions. */
  projectMean: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function gradeOf(score: number, config: ReviewConfig): ReviewGrade {
  return config.scoring.bands.find((b) => score >= b.min)?.grade ?? '差';
}

/** Deductions of a set of findings, grouped by rule, capped, largest first. */
export function deductionsOf(findings: Finding[], config: ReviewConfig): Deduction[] {
  const byRule = new Map<string, Deduction>();
  for (const f of findings) {
    const d = byRule.get(f.rule) ?? { rule: f.rule, category: f.category, count: { error: 0, warning: 0, info: 0 }, points: 0 };
    d.count[f.severity]++;
    d.points = Math.min(config.scoring.capPerRule, d.points + config.scoring.deduction[f.severity]);
    byRule.set(f.rule, d);
  }
  return [...byRule.values()].map((d) => ({ ...d, points: round2(d.points) })).sort((a, b) => b.points - a.points);
}

function scoreFrom(base: number, deductions: Deduction[], config: ReviewConfig): QualityScore {
  const score = round2(Math.max(0, base - deductions.reduce((n, d) => n + d.points, 0)));
  return { score, grade: gradeOf(score, config), deductions };
}

/** The score of each project (by index) and of the department that published the document. */
export function scoreDocument(doc: ParsedDocument, findings: Finding[], config: ReviewConfig): { projects: QualityScore[]; department: DepartmentScore } {
  const projects = doc.projects.map((_, i) =>
    scoreFrom(100, deductionsOf(findings.filter((f) => f.projectIndex === i), config), config),
  );
  const weights = doc.projects.map((p) => p.budget.total ?? 0);
  const allWeighted = weights.every((w) => w > 0);
  const totalWeight = allWeighted ? weights.reduce((a, b) => a + b, 0) : doc.projects.length;
  const projectMean =
    doc.projects.length === 0
      ? 100
      : round2(projects.reduce((n, s, i) => n + s.score * (allWeighted ? weights[i]! : 1), 0) / totalWeight);
  const documentLevel = deductionsOf(findings.filter((f) => f.projectIndex === null), config);
  return { projects, department: { ...scoreFrom(projectMean, documentLevel, config), projectMean } };
}
