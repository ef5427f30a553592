/**
 * What a test document's review must and must not say (test/documents/review-kinds/expected.json, issue 55, and
 * test/documents/review-round-four/expected.json, issue 73): entries matched against the findings by table, rule and
 * words, and the grades a table may or may not get.
 */
import { expect } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import type { ReviewConfig } from '../../src/shared/review/config';
import { reviewAndScore } from '../../src/shared/review/report';
import type { ReviewGrade } from '../../src/shared/review/score';
import type { Finding } from '../../src/shared/review/types';

export interface Entry {
  project?: string;
  /** A project's finding or a document-level one naming the project (part one against a table). */
  projectOrDocument?: string;
  say?: string[];
  rules?: string[];
  severity?: Finding['severity'];
}

export interface Expectations {
  must?: Entry[];
  mustNot?: Entry[];
  atMostOne?: Entry[];
  /** Tables that get no grade (their reading is doubted, or nothing of them was read). */
  ungraded?: string[];
  /** Tables the reader must not read as projects at all (a printed-empty form). */
  absent?: string[];
  graded?: string[];
  /** Grades a table may not get, by the table's name. */
  gradeNot?: Record<string, ReviewGrade[]>;
  /** The document's (department's) score is withheld. */
  documentUngraded?: boolean;
  /** Grades the document's (department's) score may not get. */
  documentGradeNot?: ReviewGrade[];
}

/** Whether a finding is about the entry's table (or, for projectOrDocument, names it from the document level). */
function about(f: Finding, e: Entry, doc: ParsedDocument): boolean {
  if (e.projectOrDocument !== undefined) {
    if (f.project === e.projectOrDocument) return true;
    return f.projectIndex === null && (f.projects?.some((p) => doc.projects[p]?.name === e.projectOrDocument) ?? f.message.includes(e.projectOrDocument));
  }
  if (e.project === 'document') return f.projectIndex === null && f.field !== 'departmentTargets';
  if (e.project === 'departmentTargets') return f.projectIndex === null && f.field === 'departmentTargets';
  return f.project === e.project;
}

function matches(f: Finding, e: Entry, doc: ParsedDocument): boolean {
  if (!about(f, e, doc)) return false;
  if (e.rules !== undefined && !e.rules.includes(f.rule) && !(f.related ?? []).some((r) => e.rules!.includes(r))) return false;
  if (e.severity !== undefined && f.severity !== e.severity) return false;
  return (e.say ?? []).every((s) => f.message.includes(s));
}

const describeEntry = (e: Entry) => `${e.project ?? e.projectOrDocument}: ${e.rules ? e.rules.join('/') : ''} ${(e.say ?? []).join(' + ')}`;
const listed = (fs: Finding[]) => fs.map((f) => `${f.rule} [${f.project ?? '文档'}] ${f.message}`).join('\n');

/** Reviews the document (with the given settings) and checks every expectation. */
export function checkExpectations(doc: ParsedDocument, x: Expectations, config?: ReviewConfig): void {
  const result = reviewAndScore(doc, config === undefined ? {} : { config });
  const { findings } = result;
  for (const e of x.must ?? []) expect(findings.some((f) => matches(f, e, doc)), `must: ${describeEntry(e)}\n${listed(findings)}`).toBe(true);
  for (const e of x.mustNot ?? []) expect(findings.filter((f) => matches(f, e, doc)).map((f) => f.message), `must not: ${describeEntry(e)}`).toEqual([]);
  for (const e of x.atMostOne ?? []) expect(findings.filter((f) => matches(f, e, doc)).length, `at most one: ${describeEntry(e)}\n${listed(findings)}`).toBeLessThanOrEqual(1);
  const scoreOf = (name: string) => {
    const i = doc.projects.findIndex((p) => p.name === name);
    expect(i, `a table named ${name}`).toBeGreaterThanOrEqual(0);
    return result.projectScores[i]!;
  };
  for (const name of x.ungraded ?? []) expect(scoreOf(name).withheld, name).toMatch(/未评分|未审核/);
  for (const name of x.absent ?? []) expect(doc.projects.map((p) => p.name), `not a project: ${name}`).not.toContain(name);
  for (const name of x.graded ?? []) expect(scoreOf(name).withheld, name).toBeNull();
  for (const [name, grades] of Object.entries(x.gradeNot ?? {})) {
    const score = scoreOf(name);
    expect(score.withheld, `${name} is graded`).toBeNull();
    expect(grades, `${name}: ${score.score} ${score.grade}\n${listed(findings)}`).not.toContain(score.grade);
  }
  if (x.documentUngraded !== undefined) expect(result.departmentScore.withheld !== null, 'the document’s grade is withheld').toBe(x.documentUngraded);
  if (x.documentGradeNot !== undefined) {
    expect(result.departmentScore.withheld, 'the document is graded').toBeNull();
    expect(x.documentGradeNot, `document: ${result.departmentScore.score} ${result.departmentScore.grade}\n${listed(findings)}`).not.toContain(result.departmentScore.grade);
  }
}
