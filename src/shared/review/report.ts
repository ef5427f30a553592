/**
 * A document's review: its findings and scores, and the public JSON of `jixiao check --json`.
 */
import type { ParsedDocument, Severity } from '../domain/model';
import { selectReviewConfig } from './config';
import { documentRegion, reviewDocument, type ReviewOptions } from './engine';
import { scoreDocument, type DepartmentScore, type QualityScore } from './score';
import { FINDING_CATEGORIES, type Finding, type FindingCategory } from './types';

export interface DocumentReview {
  doc: ParsedDocument;
  findings: Finding[];
  projectScores: QualityScore[];
  departmentScore: DepartmentScore;
}

/** Reviews a document and scores its projects and its department. */
export function reviewAndScore(doc: ParsedDocument, opts: ReviewOptions = {}): DocumentReview {
  const config = opts.config ?? selectReviewConfig(doc.year, documentRegion(doc));
  const findings = reviewDocument(doc, { ...opts, config });
  const { projects, department } = scoreDocument(doc, findings, config);
  return { doc, findings, projectScores: projects, departmentScore: department };
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function countByCategory(findings: Finding[]): Record<FindingCategory, number> {
  const counts = Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, 0])) as Record<FindingCategory, number>;
  for (const f of findings) counts[f.category]++;
  return counts;
}

/** The JSON of `jixiao check --json`, documented in README.md. */
export function toCheckJson(reviews: DocumentReview[]) {
  const all = reviews.flatMap((r) => r.findings);
  return {
    findings: reviews.flatMap((r) =>
      r.findings.map((f) => ({
        file: r.doc.file,
        rule: f.rule,
        category: f.category,
        severity: f.severity,
        criterion: f.criterion,
        project: f.project,
        projectCode: f.projectIndex === null ? null : (r.doc.projects[f.projectIndex]?.code ?? null),
        indicator: f.indicator,
        field: f.field,
        line: f.source?.line ?? null,
        ...(f.source?.ref ? { ref: f.source.ref } : {}),
        message: f.message,
        suggestion: f.suggestion,
      })),
    ),
    summary: {
      documents: reviews.length,
      projects: reviews.reduce((n, r) => n + r.doc.projects.length, 0),
      findings: all.length,
      bySeverity: countBySeverity(all),
      byCategory: countByCategory(all),
      departments: reviews.map((r) => ({
        file: r.doc.file,
        department: r.doc.department ? { code: r.doc.department.code, name: r.doc.department.name } : null,
        year: r.doc.year,
        score: r.departmentScore.score,
        grade: r.departmentScore.grade,
        projectMean: r.departmentScore.projectMean,
        deductions: r.departmentScore.deductions,
        projects: r.doc.projects.map((p, i) => ({
          project: p.name,
          code: p.code,
          score: r.projectScores[i]!.score,
          grade: r.projectScores[i]!.grade,
          deductions: r.projectScores[i]!.deductions,
          cap: r.projectScores[i]!.cap,
        })),
      })),
    },
  };
}
