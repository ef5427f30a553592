/**
 * The public JSON of `jixiao parse`, documented in README.md. Amounts are yuan as JSON numbers
 * (exact: fen / 100 prints as the shortest decimal), `line` is 1-based in the source file.
 * Changing a field here changes a public interface: update README.md and the tests with it.
 */
import type { DepartmentTargets, Diagnostic, FormField, FundingLine, GoalItem, Indicator, ParsedDocument, Project, SourceLocation, TargetValue } from './model';
import type { FormProfile } from './form-profile';
import { CERTAIN, type Reading } from './reading';
import { fenToYuan } from './money';
import { selfEvaluationJson } from './submitted-self-evaluation';

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
    start: t.start,
    standard: t.standard,
  };
}

const fieldJson = (f: FormField) => ({ key: f.key, label: f.label, value: f.value, ...(f.code !== undefined ? { code: f.code } : {}), line: f.source.line, ...ref(f.source) });
const lineJson = (l: FundingLine) => ({ label: l.label, amount: yuan(l.amount) });

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
    extras: i.extras.map((e) => ({ header: e.header, text: e.text, ...(e.role !== undefined ? { role: e.role } : {}), line: e.source.line, ...ref(e.source) })),
    line: i.source.line,
    ...ref(i.source),
    cells: Object.fromEntries(Object.entries(i.sources).map(([k, s]) => [k, { line: s.line, ...ref(s) }])),
    // issue 37: only when the table gives them (a 分值 column, a weight in a category cell, a 指标性质 column)
    ...(i.weight !== undefined ? { weight: i.weight } : {}),
    ...(i.level1Weight !== undefined ? { level1Weight: i.level1Weight } : {}),
    ...(i.level2Weight !== undefined ? { level2Weight: i.level2Weight } : {}),
    ...(i.nature !== undefined ? { nature: i.nature } : {}),
  };
}

function departmentTargetsJson(t: DepartmentTargets) {
  return {
    title: t.title,
    line: t.source.line,
    ...ref(t.source),
    department: t.department,
    budgetCode: t.budgetCode,
    year: t.year,
    budget: { total: yuan(t.budget.total), project: yuan(t.budget.project), basic: yuan(t.budget.basic) },
    goals: t.goals,
    duties: t.duties.map((d) => ({ function: d.function, task: d.task, projects: d.projects, amount: yuan(d.amount), line: d.source.line, ...ref(d.source) })),
    indicators: t.indicators.map(indicatorJson),
    fields: t.fields.map(fieldJson),
    reading: readingJson(t.reading),
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
    budget: { total: yuan(p.budget.total), fiscal: yuan(p.budget.fiscal), other: yuan(p.budget.other), lines: p.budgetLines.map(lineJson) },
    projectBudget:
      p.projectBudget === null
        ? null
        : { total: yuan(p.projectBudget.total), fiscal: yuan(p.projectBudget.fiscal), other: yuan(p.projectBudget.other), lines: p.projectBudget.lines.map(lineJson) },
    fields: p.fields.map(fieldJson),
    purpose: p.purpose,
    spendingPlan: p.spendingPlan.map((c) => ({
      checkpoint: c.checkpoint,
      percent: c.percent,
      amount: yuan(c.amount),
      given: c.given,
    })),
    longTermGoals: p.longTermGoals,
    goals: p.goals,
    indicators: p.indicators.map(indicatorJson),
    longTermIndicators: p.longTermIndicators.map(indicatorJson),
    narrative: p.narrative.map((s) => ({ title: s.title, text: s.text, line: s.source.line, ...ref(s.source) })),
    form: p.form ? formJson(p.form) : null,
    reading: readingJson(p.reading),
  };
}

/**
 * How sure the table's reading is (reading.ts): certain, or its doubts, each with its code, its message and where
 * (line, and ref for a cell). A table not read from a document (the editor, Jixiao's workbook) is certain.
 */
function readingJson(r: Reading | undefined) {
  const reading = r ?? CERTAIN;
  return {
    certain: reading.certain,
    doubts: reading.doubts.map((d) => ({ code: d.code, part: d.part, message: d.message, where: { line: d.where.line, ...ref(d.where) }, ...(d.likely ? { likely: d.likely } : {}) })),
  };
}

/** The form profile (form-profile.ts): its name, header fields and indicator columns by role with their labels as written. */
function formJson(f: FormProfile) {
  return { name: f.name, fields: { ...f.fields }, columns: { ...f.columns }, extraColumns: [...f.extraColumns] };
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
    /** The year was inferred from a date written alone (no code, title or year line gives it): a person checks it. */
    yearInferred: doc.yearInferred === true,
    frameworkVersion: doc.frameworkVersion,
    department: doc.department ? { code: doc.department.code, name: doc.department.name } : null,
    departmentGoals: {
      overall: doc.departmentGoals.overall,
      overallLine: doc.departmentGoals.overallSource?.line ?? null,
      subGoals: doc.departmentGoals.subGoals.map(goalItemJson),
      measures: doc.departmentGoals.measures.map(goalItemJson),
    },
    departmentTargets: doc.departmentTargets === null ? null : departmentTargetsJson(doc.departmentTargets),
    projects: doc.projects.map(projectJson),
    diagnostics: doc.diagnostics.map(diagnosticJson),
    selfEvaluations: (doc.selfEvaluations ?? []).map(selfEvaluationJson),
    // a scan's text outside its target tables, read by OCR (issue 69): its doubted lines
    ...(doc.textReading ? { textReading: readingJson(doc.textReading) } : {}),
  };
}

export type DocumentJson = ReturnType<typeof toDocumentJson>;
