/**
 * 下年目标: next year's target table started from this year's (lifecycle.md 下年目标). Pure: the
 * server stores what buildCarryOver returns, and the browser matches the editor's rows to last
 * year's indicators with matchPreviousIndicators.
 *
 * What is carried: the department (by the caller), name, part, framework, this year's goals and
 * indicators (level 1/2/3, name, description, target, basis), the spending plan as percentages and
 * the form's own fields. What is left for the editor: the budget (its amounts are this year's, shown
 * beside the editor), the project code (a new year's code is assigned by the budget system), the
 * narrative of the year. Year numbers in text are moved on by one only where they plainly are the
 * budget year (nextYearText): a plan period "2023—2025年", a title in 《》 or another year stay.
 *
 * Each indicator of the source is annotated with its target and this year's actual value: the
 * self-evaluation's actual when one was given, else the latest monitoring round's value to date
 * (or its projection), with which it is and its date. An indicator with an actual value gets the
 * basis 历史标准 naming that value (the old basis kept in the annotation); one without keeps its basis.
 */
import { CHECKPOINTS, shownLevels, type Indicator, type ParsedDocument, type Project, type SourceLocation, type SpendingCheckpoint, type TargetValue } from './model';
import { parseTargetValue } from './target-value';
import { compactLabel } from './text';
import type { ProjectStatus } from './workflow';

/** Statuses a project's targets must have reached before next year's can start from them. */
export const CARRY_OVER_STATUSES: readonly ProjectStatus[] = ['approved', 'issued', 'published'];

/** Where an actual value comes from: the year-end self-evaluation, or an in-year monitoring round. */
export type ActualSource = 'self-evaluation' | 'monitoring';

export const ACTUAL_SOURCE_LABELS: Readonly<Record<ActualSource, string>> = { 'self-evaluation': '自评实际', monitoring: '监控完成' };

/** This year's actual value of an indicator, for people, with where it comes from. */
export interface ActualValue {
  source: ActualSource;
  /** 'graded': the self-evaluation's grade of a qualitative or deadline target (达成 …), not a number. */
  kind: 'value' | 'graded';
  /** As shown: the number with the target's unit ("3次", "9.2万元"), or a grade with its percent ("达成（90%）"). */
  text: string;
  /** The self-evaluation's date or the monitoring round's as-of date, 'YYYY-MM-DD'. */
  date: string;
  /** true when the value is a projection of the full year (a monitoring round without a value to date). */
  projected: boolean;
}

/** What the database holds about an indicator's actuals (the caller reads it; nothing here does I/O). */
export interface IndicatorFacts {
  /** The self-evaluation's line, when the project has a self-evaluation with this indicator's actual. */
  selfEvaluation: { kind: 'value'; text: string; date: string } | { kind: 'graded'; grade: string; percent: number | null; date: string } | null;
  /** The latest monitoring round with a value for this indicator. */
  monitoring: { valueToDate: string | null; projected: string | null; asOf: string } | null;
}

/** The actual value shown beside next year's target: the self-evaluation's, else the latest monitoring value. */
export function actualOf(target: TargetValue, facts: IndicatorFacts | undefined): ActualValue | null {
  const unit = target.unit ?? '';
  const se = facts?.selfEvaluation ?? null;
  if (se !== null) {
    const text = se.kind === 'value' ? `${se.text}${unit}` : `${se.grade}${se.percent === null ? '' : `（${se.percent}%）`}`;
    return { source: 'self-evaluation', kind: se.kind, text, date: se.date, projected: false };
  }
  const m = facts?.monitoring ?? null;
  if (m === null) return null;
  if (m.valueToDate !== null) return { source: 'monitoring', kind: 'value', text: `${m.valueToDate}${unit}`, date: m.asOf, projected: false };
  if (m.projected !== null) return { source: 'monitoring', kind: 'value', text: `${m.projected}${unit}`, date: m.asOf, projected: true };
  return null;
}

/** One of last year's indicators as shown beside next year's. */
export interface PreviousIndicator {
  /** 0-based position in last year's project. */
  position: number;
  level1: string | null;
  level2: string | null;
  name: string;
  /** Last year's 指标值 as written. */
  target: string;
  /** Last year's 指标值确定依据. */
  basis: string | null;
  actual: ActualValue | null;
}

/** The basis written for an indicator whose actual value is known: 历史标准 and the value. */
export function historicalBasis(year: number, actual: ActualValue): string {
  if (actual.kind === 'graded') return `历史标准：${year}年实际完成情况为${actual.text}`;
  const what = actual.source === 'self-evaluation' ? '实际完成值' : actual.projected ? `预计全年完成值（${actual.date}监控）` : `截至${actual.date}完成值`;
  return `历史标准：${year}年${what}${actual.text}`;
}

/** A year as a token of its own: not a digit, a dot or a range mark right before or after. */
const RANGE_MARK = '[-—–~～至到]';

/**
 * The text with the budget year moved on by one where the text plainly means the budget year:
 * "2025年" (年度, 年底, 年12月 …) standing on its own. Left as written: a year in a range
 * ("2023—2025年", "2025年至2027年", "2025-2027"), inside a title in 《》 or 〈〉, a year followed by
 * something other than 年 ("2025版", "2025个"), other years. Returns the text and how many it moved.
 */
export function nextYearText(text: string, year: number): { text: string; changed: number } {
  const y = String(year);
  const re = new RegExp(`(?<![\\d.])${y}(?=年)`, 'g');
  let changed = 0;
  const out = text.replace(re, (match, offset: number, whole: string) => {
    const before = whole.slice(0, offset);
    const after = whole.slice(offset + match.length);
    // Inside a title: an opening bracket not closed before the year.
    if (before.lastIndexOf('《') > before.lastIndexOf('》') || before.lastIndexOf('〈') > before.lastIndexOf('〉')) return match;
    // The end of a range: "2023-2025年", "2023年至2025年", "2023年—2025年".
    if (new RegExp(`\\d{4}年?\\s*${RANGE_MARK}\\s*$`).test(before)) return match;
    // The start of a range: "2025年-2027年", "2025年至2027年", "2025年—2027".
    if (new RegExp(`^年(?:度)?\\s*${RANGE_MARK}\\s*\\d{4}`).test(after)) return match;
    changed++;
    return String(year + 1);
  });
  return { text: out, changed };
}

/** Everything the builder needs about the source project. */
export interface CarryOverSource {
  project: Project;
  /** The source's budget year. */
  year: number;
  frameworkVersion: string;
  department: { code: string | null; name: string };
  /** Per indicator (by position in project.indicators): its actual facts; missing entries have none. */
  facts: readonly (IndicatorFacts | undefined)[];
}

export interface CarryOverDraft {
  /** The new year's project: a draft to store. */
  project: Project;
  year: number;
  /** Last year's indicators with their targets and actual values, in last year's order. */
  previous: PreviousIndicator[];
  /** How many year numbers in text were moved on (goals, title, names, deadlines …). */
  yearsMoved: number;
}

const NO_SOURCE: SourceLocation = { line: 0 };

/** Builds next year's draft from this year's project (see the file comment). */
export function buildCarryOver(source: CarryOverSource): CarryOverDraft {
  const { project, year } = source;
  const next = year + 1;
  let yearsMoved = 0;
  const move = (text: string): string => {
    const r = nextYearText(text, year);
    yearsMoved += r.changed;
    return r.text;
  };
  const moveNullable = (text: string | null): string | null => (text === null ? null : move(text));

  const previous: PreviousIndicator[] = project.indicators.map((ind, position) => ({
    position,
    ...shownLevels(ind),
    name: ind.name,
    target: ind.target.raw,
    basis: ind.basis,
    actual: actualOf(ind.target, source.facts[position]),
  }));

  const indicators: Indicator[] = project.indicators.map((ind, position) => {
    const actual = previous[position]!.actual;
    return {
      ...ind,
      name: move(ind.name),
      description: moveNullable(ind.description),
      target: carryTarget(ind.target, move),
      basis: actual === null ? ind.basis : historicalBasis(year, actual),
      source: NO_SOURCE,
      sources: {},
      extras: ind.extras.map((e) => ({ ...e, text: move(e.text), source: NO_SOURCE })),
    };
  });

  const carried: Project = {
    part: project.part,
    sequence: 1,
    title: move(project.title),
    code: null,
    name: project.name,
    year: next,
    department: { code: source.department.code, name: source.department.name },
    amountUnit: project.amountUnit,
    budget: { total: null, fiscal: null, other: null },
    budgetLines: [],
    projectBudget: project.projectBudget,
    fields: project.fields.map((f) => ({ ...f, value: move(f.value), source: NO_SOURCE })),
    purpose: moveNullable(project.purpose),
    spendingPlan: carryPlan(project.spendingPlan),
    goals: project.goals.map(move),
    longTermGoals: [...project.longTermGoals],
    indicators,
    longTermIndicators: project.longTermIndicators.map((ind) => ({ ...ind, source: NO_SOURCE, sources: {}, extras: ind.extras.map((e) => ({ ...e, source: NO_SOURCE })) })),
    narrative: [],
    source: NO_SOURCE,
    sources: {},
  };
  return { project: carried, year: next, previous, yearsMoved };
}

/** A deadline or period in the budget year moves on with it; any other target stays as written. */
function carryTarget(target: TargetValue, move: (text: string) => string): TargetValue {
  if (target.kind !== 'deadline' && target.kind !== 'period') return target;
  const raw = move(target.raw);
  return raw === target.raw ? target : parseTargetValue(raw);
}

/** The plan's percentages (the amounts are this year's money; they follow the new budget when it is entered). */
function carryPlan(plan: readonly SpendingCheckpoint[]): SpendingCheckpoint[] {
  return CHECKPOINTS.map((checkpoint) => {
    const c = plan.find((p) => p.checkpoint === checkpoint);
    const percent = c?.percent ?? null;
    return { checkpoint, percent, amount: null, given: percent === null ? null : 'percent', source: null };
  });
}

/**
 * The document a carried-over project is stored as: one project's form (scope project:<key>) of the
 * department's next year, so a later import of the department's document for that year replaces it
 * as it replaces any form of its projects.
 */
export function carryOverDocument(draft: CarryOverDraft, source: CarryOverSource, sha256: string): ParsedDocument {
  return {
    file: `下年目标草稿：以${source.year}年“${source.project.name}”为基础编制`,
    format: 'txt',
    encoding: 'utf-8',
    sha256,
    year: draft.year,
    department: { code: source.department.code, name: source.department.name, source: NO_SOURCE },
    departmentGoals: { overall: null, overallSource: null, subGoals: [], measures: [] },
    departmentTargets: null,
    projects: [draft.project],
    diagnostics: [],
    frameworkVersion: source.frameworkVersion,
  };
}

/** The name by which next year's project is "the same project": its name without spaces and full-width forms. */
export const sameProjectName = (a: string, b: string): boolean => compactLabel(a) === compactLabel(b);

/**
 * For each of next year's indicator rows, last year's indicator it continues, or null for a new
 * row: the same 三级指标 name (spaces and full width aside; a year in the name moved on counts as
 * the same), each of last year's used once, in order.
 */
export function matchPreviousIndicators(rows: readonly { name: string }[], previous: readonly PreviousIndicator[], previousYear: number): (PreviousIndicator | null)[] {
  const used = new Set<number>();
  const keyOf = (name: string) => compactLabel(name);
  return rows.map((row) => {
    const key = keyOf(row.name);
    if (key === '') return null;
    const hit = previous.find((p) => !used.has(p.position) && (keyOf(p.name) === key || keyOf(nextYearText(p.name, previousYear).text) === key));
    if (hit === undefined) return null;
    used.add(hit.position);
    return hit;
  });
}
