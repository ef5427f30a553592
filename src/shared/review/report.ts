/**
 * A document's review: its findings and scores, and the public JSON of `jixiao check --json`.
 */
import { getFramework, selectFramework } from '../domain/framework';
import type { ParsedDocument, Project, Severity } from '../domain/model';
import { selectReviewConfig } from './config';
import { documentRegion, reviewDocument, type ReviewOptions } from './engine';
import { departmentOf, tableLabel } from './readings';
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
  // the region (read from every project's code) once, for the settings and the framework alike
  const region = opts.config !== undefined && opts.framework !== undefined ? null : documentRegion(doc);
  const config = opts.config ?? selectReviewConfig(doc.year, region);
  const framework = opts.framework ?? getFramework(doc.frameworkVersion) ?? selectFramework(doc.year, region);
  // the options reviewDocument reads, named (a spread of the caller's options copied them object by object)
  const findings = reviewDocument(doc, { config, framework, rules: opts.rules });
  const { projects, department } = scoreDocument(doc, findings, config);
  return { doc, findings, projectScores: projects, departmentScore: department };
}

export { departmentOf, tableLabel };

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

/** A rule whose findings recur across this many projects of a document is shown once, with the projects listed. */
export const GROUP_MIN_PROJECTS = 2;

/** One rule's findings over many projects of a document: shown once, each finding still addressable per project. */
export interface FindingGroup<F extends GroupedFinding = Finding> {
  rule: string;
  /** The most severe of the group's findings. */
  severity: Severity;
  findings: F[];
  /** The projects (indexes into doc.projects), in document order. */
  projects: number[];
}

/** What grouping reads of a finding: whole findings, or only their rules as the department page stores them. */
export type GroupedFinding = Pick<Finding, 'rule' | 'severity' | 'projectIndex'>;

/**
 * The rules of a document whose project findings span at least `minProjects` projects, one group each, in rule
 * order of first appearance. Findings about the document as a whole are never grouped.
 */
export function groupRepeated<F extends GroupedFinding = Finding>(findings: readonly F[], minProjects = GROUP_MIN_PROJECTS): FindingGroup<F>[] {
  const byRule = new Map<string, F[]>();
  for (const f of findings) {
    if (f.projectIndex === null) continue;
    const list = byRule.get(f.rule) ?? [];
    list.push(f);
    byRule.set(f.rule, list);
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const groups: FindingGroup<F>[] = [];
  for (const [rule, list] of byRule) {
    const projects = [...new Set(list.map((f) => f.projectIndex!))].sort((a, b) => a - b);
    if (projects.length < minProjects) continue;
    const severity = list.reduce<Severity>((s, f) => (rank[f.severity] < rank[s] ? f.severity : s), 'info');
    groups.push({ rule, severity, findings: list, projects });
  }
  return groups;
}

/** The JSON of `jixiao check --json`, documented in README.md. */
export function toCheckJson(reviews: DocumentReview[]) {
  const all = reviews.flatMap((r) => r.findings);
  return {
    findings: reviews.flatMap((r) => {
      const grouped = new Set(groupRepeated(r.findings).map((g) => g.rule));
      return r.findings.map((f) => ({
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
        related: f.related ?? [],
        /** The rule id when the rule recurs over GROUP_MIN_PROJECTS or more projects of the file (shown once); else null. */
        group: grouped.has(f.rule) ? f.rule : null,
      }));
    }),
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
        // a department whose every table's reading is doubted, and a doubted table, get no score (issue 53)
        score: r.departmentScore.withheld === null ? r.departmentScore.score : null,
        grade: r.departmentScore.withheld === null ? r.departmentScore.grade : null,
        withheld: r.departmentScore.withheld,
        projectMean: r.departmentScore.projectMean,
        deductions: r.departmentScore.deductions,
        projects: r.doc.projects.map((p, i) => ({
          project: p.name,
          code: p.code,
          score: r.projectScores[i]!.withheld === null ? r.projectScores[i]!.score : null,
          grade: r.projectScores[i]!.withheld === null ? r.projectScores[i]!.grade : null,
          withheld: r.projectScores[i]!.withheld,
          reading: p.reading ?? { certain: true, doubts: [] },
          deductions: r.projectScores[i]!.deductions,
          cap: r.projectScores[i]!.cap,
        })),
      })),
    },
  };
}
