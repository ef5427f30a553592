/**
 * A quality score (0–100) per project and per department, derived from the review's findings,
 * with what cost how much and the review outcome it suggests (优/良/中/差, lifecycle.md §1).
 *
 * A project starts at 100 and loses, per rule, the findings' points by severity — at most
 * `capPerRule` for one rule, so one defect repeated on every row does not sink a project alone.
 * A department's score is its projects' scores weighted by budget (equal weights where budgets
 * are missing), less the points of its document-level findings (boilerplate, part one …).
 *
 * Points alone are too kind to a table that cannot be used (docs/review-calibration.md): grade caps
 * (config.scoring.gradeCaps) limit the best grade — no indicator table or no measurable output 差,
 * a copied template table 中, an error 良, defective output indicators 良 (one) or 中 (two or more).
 */
import type { ParsedDocument, Project, Severity } from '../domain/model';
import { DOUBT_PART_WORDS, doubtedParts } from '../domain/reading';
import { isUnfilledTable, tableLabel } from './readings';
import type { ReviewConfig } from './config';
import { perConfig } from './memo';
import { ruleTitle } from './rules/index';
import { sortSmall } from './sort';
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

export interface GradeCap {
  /** The best grade the project can reach. */
  grade: ReviewGrade;
  /** Chinese: why, e.g. "没有可衡量的产出指标（没有可衡量的产出指标）", rules named by their titles. */
  reason: string;
  /** The rule whose finding set the cap (its id, for `--json`); null when the output indicators' defects did. */
  rule: string | null;
}

export interface QualityScore {
  /** 0–100, two decimals; never above the cap's band. Not a grade to give when `withheld`. */
  score: number;
  grade: ReviewGrade;
  deductions: Deduction[];
  /** The tightest grade cap that applied (config.scoring.gradeCaps); null when none did. */
  cap: GradeCap | null;
  /**
   * Why no grade is given (issue 53): the table's reading is doubted (表1的指标值列未能可靠读取，未评分), and a grade
   * built on what may have been read wrong is worse than none. Null for a graded table.
   */
  withheld: string | null;
}

export interface DepartmentScore extends QualityScore {
  /** The budget-weighted mean of the projects' scores, before document-level deductions. */
  projectMean: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function gradeOf(score: number, config: ReviewConfig): ReviewGrade {
  return config.scoring.bands.find((b) => score >= b.min)?.grade ?? '差';
}

/**
 * How a rule's findings are scored (config.scoring): 'free' rules cost nothing and cap nothing, 'header' rules (blank
 * header fields) cost little and never count as errors for the grade cap, the others by severity. Once per settings.
 */
const ruleKinds = perConfig((config) => {
  const kinds = new Map<string, 'free' | 'header'>();
  for (const r of config.scoring.headerFields.rules) kinds.set(r, 'header');
  for (const r of config.scoring.noPoints) kinds.set(r, 'free');
  return kinds;
});

/** Deductions of a set of findings, grouped by rule, capped, largest first. */
export function deductionsOf(findings: Finding[], config: ReviewConfig): Deduction[] {
  // in order of each rule's first finding; a rule's deduction found by a look along the list, which holds at most one
  // per rule (a few per project): no map per project (issue 18)
  const deductions: Deduction[] = [];
  const { capPerRule, deduction, headerFields } = config.scoring;
  const kinds = ruleKinds(config);
  let headerPoints = 0; // all header-field rules together: at most headerFields.cap
  for (const f of findings) {
    let d = deductionFor(deductions, f.rule);
    if (d === undefined) deductions.push((d = { rule: f.rule, category: f.category, count: { error: 0, warning: 0, info: 0 }, points: 0 }));
    d.count[f.severity]++;
    const kind = kinds.get(f.rule);
    if (kind === undefined) d.points = Math.min(capPerRule, d.points + deduction[f.severity]);
    else if (kind === 'header') {
      const add = Math.min(headerFields.points[f.severity], headerFields.cap - headerPoints, capPerRule - d.points);
      if (add > 0) {
        d.points += add;
        headerPoints += add;
      }
    }
  }
  // the deductions are this function's own objects: rounded in place rather than copied
  for (const d of deductions) d.points = round2(d.points);
  return sortSmall(deductions, byPointsDescending);
}

function deductionFor(deductions: readonly Deduction[], rule: string): Deduction | undefined {
  for (const d of deductions) if (d.rule === rule) return d;
  return undefined;
}

const byPointsDescending = (a: Deduction, b: Deduction) => b.points - a.points;

const GRADE_ORDER: readonly ReviewGrade[] = ['优', '良', '中', '差'];

// sorted once per settings, not once per project
const bandsDescending = perConfig((config) => [...config.scoring.bands].sort((a, b) => b.min - a.min));
const outputCapsDescending = perConfig((config) => [...config.scoring.gradeCaps.outputDefects.caps].sort((a, b) => b.count - a.count));

/** The highest score a grade allows: one point under the band above it (优: 100). */
function capScore(grade: ReviewGrade, config: ReviewConfig): number {
  const bands = bandsDescending(config);
  const i = bands.findIndex((b) => b.grade === grade);
  return i <= 0 ? 100 : Math.max(bands[i]!.min, bands[i - 1]!.min - 1);
}

/**
 * The tightest grade cap of a project's findings (config.scoring.gradeCaps): by rule, any error, and the number
 * of distinct output indicators with a defect.
 */
export function gradeCapOf(doc: ParsedDocument, projectIndex: number, findings: Finding[], config: ReviewConfig): GradeCap | null {
  const { rules, anyError, outputDefects } = config.scoring.gradeCaps;
  // The tightest cap, the first of its grade in the order: by rule (in finding order), any error, output defects.
  // Its reason is put into words only for the cap kept: most of a project's findings may cap its grade.
  let worst: ReviewGrade | null = null;
  let kept: 'rule' | 'error' | 'output' | null = null;
  let byRule: Finding | null = null;
  let errors = 0;
  let firstError: Finding | null = null;
  // a blank header field or a note about the form is not an error of the targets: it caps nothing
  const kinds = ruleKinds(config);
  for (const f of findings) {
    // a rule's cap is for its defects: a note (info) of the same rule caps nothing
    const grade = f.severity === 'info' ? undefined : rules[f.rule];
    if (grade !== undefined && tighter(grade, worst)) {
      worst = grade;
      kept = 'rule';
      byRule = f;
    }
    if (f.severity === 'error' && !kinds.has(f.rule) && errors++ === 0) firstError = f;
  }
  if (errors > 0 && tighter(anyError, worst)) {
    worst = anyError;
    kept = 'error';
  }
  const indicators = doc.projects[projectIndex]?.indicators ?? [];
  // made on the first defective output (many projects have none)
  let defective: Set<number> | null = null;
  for (const f of findings) {
    if (f.indicatorIndex === null || f.severity === 'info') continue;
    if (!outputDefects.categories.includes(f.category) && !outputDefects.rules.includes(f.rule)) continue;
    if (indicators[f.indicatorIndex]?.level1 === outputDefects.level1) (defective ??= new Set()).add(f.indicatorIndex);
  }
  const defects = defective?.size ?? 0;
  const byCount = outputCapsDescending(config).find((c) => defects >= c.count);
  if (byCount && tighter(byCount.grade, worst)) {
    worst = byCount.grade;
    kept = 'output';
  }
  if (worst === null) return null;
  const reason =
    kept === 'rule'
      ? `${byRule!.message}（${ruleTitle(byRule!.rule)}）`
      : kept === 'error'
        ? `有 ${errors} 个错误（如“${ruleTitle(firstError!.rule)}”）`
        : `${defects} 个${outputDefects.level1}有问题：${[...(defective ?? [])].map((i) => `“${indicators[i]!.name}”`).join('、')}`;
  const rule = kept === 'rule' ? byRule!.rule : kept === 'error' ? firstError!.rule : null;
  return { grade: worst, reason, rule };
}

/** Whether a cap's grade is lower than the tightest so far (none: any cap is). */
function tighter(grade: ReviewGrade, worst: ReviewGrade | null): boolean {
  return worst === null || GRADE_ORDER.indexOf(grade) > GRADE_ORDER.indexOf(worst);
}

function scoreFrom(base: number, deductions: Deduction[], config: ReviewConfig, cap: GradeCap | null = null): QualityScore {
  const points = round2(Math.max(0, base - deductions.reduce((n, d) => n + d.points, 0)));
  // the cap is reported only where it lowered the score
  const limit = cap === null ? 100 : capScore(cap.grade, config);
  const score = Math.min(points, limit);
  return { score, grade: gradeOf(score, config), deductions, cap: points > limit ? cap : null, withheld: null };
}

/** The score of each project (by index) and of the department that published the document. */
export function scoreDocument(doc: ParsedDocument, findings: Finding[], config: ReviewConfig): { projects: QualityScore[]; department: DepartmentScore } {
  // one walk over the findings: each project's, and the document's own
  const byProject = doc.projects.map(() => [] as Finding[]);
  const documentFindings: Finding[] = [];
  // a document finding that names projects (a goal copied across them) caps their grades; its points stay the document's
  let named: Finding[][] | null = null;
  for (const f of findings) {
    if (f.projectIndex === null) {
      documentFindings.push(f);
      if (f.projects !== undefined) for (const p of f.projects) ((named ??= doc.projects.map(() => []))[p])?.push(f);
    } else byProject[f.projectIndex]?.push(f);
  }
  const projects = byProject.map((own, i) => {
    const capBy = named === null || named[i]!.length === 0 ? own : [...own, ...named[i]!];
    const score = scoreFrom(100, deductionsOf(own, config), config, gradeCapOf(doc, i, capBy, config));
    score.withheld = withheldReason(doc.projects[i]!);
    return score;
  });
  // the department's mean over its graded projects: a doubted table counts for nothing
  const graded = doc.projects.map((_, i) => i).filter((i) => projects[i]!.withheld === null);
  const weights = doc.projects.map((p) => p.budget.total ?? 0);
  const allWeighted = graded.every((i) => weights[i]! > 0);
  const totalWeight = allWeighted ? graded.reduce((a, i) => a + weights[i]!, 0) : graded.length;
  const projectMean = graded.length === 0 ? 100 : round2(graded.reduce((n, i) => n + projects[i]!.score * (allWeighted ? weights[i]! : 1), 0) / totalWeight);
  const documentLevel = deductionsOf(documentFindings, config);
  const department: DepartmentScore = { ...scoreFrom(projectMean, documentLevel, config, documentCapOf(documentFindings, config)), projectMean };
  department.withheld = documentWithheld(doc, graded.length);
  return { projects, department };
}

/**
 * Why a table gets no grade, or null (issue 53, issue 73): its reading is doubted ("表1的指标值列未能可靠读取，未评分"), it
 * was printed unfilled, or not one of its indicators was read — a grade for what was not read is a grade for nothing.
 */
function withheldReason(project: Project): string | null {
  if (project.reading !== undefined && !project.reading.certain) {
    const parts = doubtedParts(project.reading).map((p) => DOUBT_PART_WORDS[p]);
    return `${tableLabel(project)}的${parts.join('、')}未能可靠读取，未评分`;
  }
  if (isUnfilledTable(project)) return `${tableLabel(project)}是未填写的空表，未审核`;
  if (project.indicators.length === 0) return `${tableLabel(project)}没有读出任何绩效指标，未评分`;
  return null;
}

/**
 * Why the document's (department's) score is withheld, or null: none of its project tables is graded and its
 * department-wide table, if any, has no indicator read with a certain reading — a score of what was not read.
 */
function documentWithheld(doc: ParsedDocument, graded: number): string | null {
  if (graded > 0) return null;
  const targets = doc.departmentTargets;
  if (targets === null) return doc.projects.length === 0 ? null : doc.projects.every((p) => p.reading !== undefined && !p.reading.certain) ? '各项目表的读取均存疑，未评分' : '没有可以评分的项目表，未评分';
  if (targets.reading !== undefined && !targets.reading.certain) return '部门整体支出绩效目标表的读取存疑，且没有可以评分的项目表，未评分';
  return targets.indicators.length === 0 ? '部门整体支出绩效目标表没有读出任何绩效指标，且没有可以评分的项目表，未评分' : null;
}

/**
 * The tightest grade cap of the document's own findings (part one, the department-wide table, sums of the document):
 * by rule (config.scoring.gradeCaps.rules) and any error, as for a project; a finding that names projects caps those
 * projects instead (scoreDocument). Null when none applies.
 */
function documentCapOf(findings: readonly Finding[], config: ReviewConfig): GradeCap | null {
  const { rules, anyError } = config.scoring.gradeCaps;
  const kinds = ruleKinds(config);
  let worst: ReviewGrade | null = null;
  let by: Finding | null = null;
  for (const f of findings) {
    if (f.projects !== undefined || f.severity === 'info' || kinds.has(f.rule)) continue;
    const grade = rules[f.rule] ?? (f.severity === 'error' ? anyError : undefined);
    if (grade !== undefined && tighter(grade, worst)) {
      worst = grade;
      by = f;
    }
  }
  return worst === null ? null : { grade: worst, reason: `${by!.message}（${ruleTitle(by!.rule)}）`, rule: by!.rule };
}
