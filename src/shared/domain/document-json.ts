/**
 * The public JSON of `jixiao parse`, documented in README.md. Amounts are yuan as JSON numbers
 * (exact: fen / 100 prints as the shortest decimal), `line` is 1-based in the source file.
 * Changing a field here changes a public interface: update README.md and the tests with it.
 */
import type { Diagnostic, GoalItem, Indicator, ParsedDocument, Project, SourceLocation, TargetValue } from './model';
import { fenToYuan } from './money';

const yuan = (fen: number | null) => (fen === null ? null : fenToYuan(fen));
const ref = (s: SourceLocation | null | undefined) => (s?.ref ? { ref: s.ref } : {});

function goalItemJson(item: GoalItem) {
  return {
    numbering: item.numbering,
    title: item.title,
    text: item.text,
    goalText: item.goalText,
    indicatorText: item.indicatorText,
    line: item.source.line,
  };
}

function targetJson(t: TargetValue) {
  return {
    raw: t.raw,
    kind: t.kind,
    operator: t.operator,
    value: t.value,
    unit: t.unit,
    words: t.words,
    deadline: t.deadline,
  };
}

function indicatorJson(i: Indicator) {
  return {
    level1: i.level1,
    level2: i.level2,
    level1Raw: i.level1Raw,
    level2Raw: i.level2Raw,
    name: i.name,
    description: i.description,
    target: targetJson(i.target),
    basis: i.basis,
    line: i.source.line,
    ...ref(i.source),
    cells: Object.fromEntries(Object.entries(i.sources).map(([k, s]) => [k, { line: s.line, ...ref(s) }])),
  };
}

function projectJson(p: Project) {
  return {
    part: p.part,
    sequence: p.sequence,
    title: p.title,
    code: p.code,
    name: p.name,
    year: p.year,
    line: p.source.line,
    department: p.department,
    budget: { total: yuan(p.budget.total), fiscal: yuan(p.budget.fiscal), other: yuan(p.budget.other) },
    purpose: p.purpose,
    spendingPlan: p.spendingPlan.map((c) => ({
      checkpoint: c.checkpoint,
      percent: c.percent,
      amount: yuan(c.amount),
      given: c.given,
    })),
    goals: p.goals,
    indicators: p.indicators.map(indicatorJson),
  };
}

function diagnosticJson(d: Diagnostic) {
  return { severity: d.severity, code: d.code, line: d.source.line, ...ref(d.source), message: d.message };
}

/** The JSON object for one parsed document. */
export function toDocumentJson(doc: ParsedDocument) {
  return {
    file: doc.file,
    format: doc.format,
    encoding: doc.encoding,
    sha256: doc.sha256,
    year: doc.year,
    frameworkVersion: doc.frameworkVersion,
    department: doc.department ? { code: doc.department.code, name: doc.department.name } : null,
    departmentGoals: {
      overall: doc.departmentGoals.overall,
      overallLine: doc.departmentGoals.overallSource?.line ?? null,
      subGoals: doc.departmentGoals.subGoals.map(goalItemJson),
      measures: doc.departmentGoals.measures.map(goalItemJson),
    },
    projects: doc.projects.map(projectJson),
    diagnostics: doc.diagnostics.map(diagnosticJson),
  };
}

export type DocumentJson = ReturnType<typeof toDocumentJson>;
