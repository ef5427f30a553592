/**
 * Runs the review rules over a document and returns its findings, in document order.
 * Findings are data; a rule never throws for a readable document.
 */
import { getFramework, selectFramework, type IndicatorFramework } from '../domain/framework';
import { CHECKPOINTS, type DepartmentTargets, type Indicator, type ParsedDocument, type Project, type Severity, type SourceLocation } from '../domain/model';
import type { FormProfile } from '../domain/form-profile';
import { doubtedParts, type DoubtPart } from '../domain/reading';
import { PROJECT_LABELS } from '../layout/labels';
import { isUnfilledTable } from './readings';
import { reviewedView } from './view';
import { selectReviewConfig, type ReviewConfig } from './config';
import { factsOfRows, type RowFacts } from './facts';
import { rowHitsOf, rowMemo, rowRules, sourceAt, UNKEPT } from './row-memo';
import { RULES } from './rules/index';
import { sortSmall } from './sort';
import { NO_HITS, type Finding, type IndicatorRule, type ReviewContext, type Rule, type RuleHit } from './types';
import { perConfig } from './memo';

export interface ReviewOptions {
  config?: ReviewConfig;
  framework?: IndicatorFramework;
  /** The rules to run; all of them by default. */
  rules?: readonly Rule[];
}

/** The region (division code) of a document: the first six digits most of its project codes share. */
export function documentRegion(doc: ParsedDocument): string | null {
  // read for every review: a test and a slice per code (no match array), the most common by one pass (the first
  // of equal counts, as a stable sort would give)
  const counts = new Map<string, number>();
  // the previous code's region, when this code starts with it (most documents have one region): that string again, whose
  // hash the map has, where a slice made for each code was a new string to hash for each lookup
  let last: string | null = null;
  for (const p of doc.projects) {
    if (p.code === null || !isProjectCode(p.code)) continue;
    const region: string = last !== null && p.code.startsWith(last) ? last : p.code.slice(0, 6);
    counts.set(region, (counts.get(region) ?? 0) + 1);
    last = region;
  }
  let best: string | null = null;
  let most = 0;
  for (const [region, n] of counts) {
    if (n > most) {
      best = region;
      most = n;
    }
  }
  return best;
}

/**
 * Whether a code starts as a project code does: eight digits and a capital letter (/^\d{8}[A-Z]/), tested code unit by
 * code unit (a regular expression run per project of every review cost more than the rest of this function).
 */
function isProjectCode(code: string): boolean {
  if (code.length < 9) return false;
  for (let k = 0; k < 8; k++) {
    const c = code.charCodeAt(k);
    if (c < 48 || c > 57) return false; // 0–9
  }
  const letter = code.charCodeAt(8);
  return letter >= 65 && letter <= 90; // A–Z
}

/**
 * A department's whole-budget targets as the indicator rules see a project: its indicators, the
 * department's total as the budget. The rules that read only the indicator and the budget apply
 * to it as they do to a project's table.
 */
function targetsAsProject(t: DepartmentTargets): Project {
  const mediumTerm = mediumTermField(t);
  const form = departmentForm(t);
  return {
    form: mediumTerm === null ? form : { ...form, fields: { ...form.fields, longTermGoals: mediumTerm.label } },
    part: 'project',
    sequence: 0, // project tables count from 1: isDepartmentTargets (types.ts)
    title: t.title,
    code: null,
    name: t.title || '部门整体支出绩效目标',
    year: t.year,
    department: t.department,
    amountUnit: t.amountUnit,
    budget: { total: t.budget.total, fiscal: null, other: null },
    budgetLines: [],
    projectBudget: null,
    fields: [],
    purpose: null,
    spendingPlan: CHECKPOINTS.map((checkpoint) => ({ checkpoint, percent: null, amount: null, given: null, source: null })),
    goals: t.goals,
    longTermGoals: mediumTerm === null ? [] : mediumTerm.value.split('\n').map((line) => line.trim()).filter((line) => line !== ''),
    indicators: t.indicators,
    longTermIndicators: [],
    narrative: [],
    source: t.source,
    sources: {},
  };
}

/** The labels of a medium- or long-term goal (中期目标, 中长期目标, 实施期目标 …), as the layout knows them. */
const LONG_TERM_LABELS: ReadonlySet<string> = new Set(PROJECT_LABELS.find((r) => r.key === 'longTermGoals')?.labels ?? []);

/** A department table's medium-term goals (its “中期目标（2025—2027年）” field), which the parser keeps among its other fields; null when none. */
function mediumTermField(t: DepartmentTargets): { label: string; value: string } | null {
  return t.fields.find((f) => f.value.trim() !== '' && LONG_TERM_LABELS.has(f.label.replace(/[（(][^）)]*[）)]|[:：\s]/g, ''))) ?? null;
}

/**
 * The form of a department's whole-budget table as far as the review needs it: the national 部门整体支出绩效目标表 has no
 * 指标值确定依据 column, so a blank basis there is not missing — unless the table gives a basis in some row (its form
 * has the column). Its header fields are not asked for (the project rules that run on it read only its indicators).
 */
function departmentForm(t: DepartmentTargets): FormProfile {
  const withBasis = t.indicators.some((i) => i.basis !== null && i.basis.trim() !== '');
  return withBasis ? DEPARTMENT_FORM_WITH_BASIS : DEPARTMENT_FORM;
}

const DEPARTMENT_FORM: FormProfile = {
  name: '部门整体支出绩效目标表',
  fields: { name: '部门（单位）名称', department: '部门（单位）名称', total: '资金总额', goals: '年度总体目标' },
  columns: { level1: '一级指标', level2: '二级指标', name: '三级指标', target: '指标值' },
  extraColumns: [],
};
const DEPARTMENT_FORM_WITH_BASIS: FormProfile = { ...DEPARTMENT_FORM, columns: { ...DEPARTMENT_FORM.columns, basis: '指标值确定依据' } };

/**
 * Reviews a document.
 * @example reviewDocument(doc).filter((f) => f.severity === 'error')
 */
export function reviewDocument(read: ParsedDocument, opts: ReviewOptions = {}): Finding[] {
  // the region only when the settings or the framework are chosen by it (reviewAndScore has chosen the settings)
  const config = opts.config ?? selectReviewConfig(read.year, documentRegion(read));
  const framework = opts.framework ?? getFramework(read.frameworkVersion) ?? selectFramework(read.year, documentRegion(read));
  // the reading with the form's own words about its values taken at their word (a unit printed in a name): view.ts
  const doc = reviewedView(read, config);
  const ctx: ReviewContext = { doc, config, framework, rows: [] };
  // each row's facts once for all rules (facts.ts); each is read on first use
  ctx.rows = factsOfRows(doc.projects, ctx);
  const targets = doc.departmentTargets === null ? null : targetsAsProject(doc.departmentTargets);
  const targetRows = targets === null ? [] : factsOfRows([targets], ctx)[0]!;
  const findings: Finding[] = [];
  // Plain loops and one finding builder for all rules: this runs for every rule and every row, so no closures are
  // made per rule or per project, and most calls find nothing (an empty list: nothing to walk).
  // most settings override no rule: then no lookup by rule id (a keyed read of a string, per rule and document)
  const overrides = hasOverrides(ctx.config) ? ctx.config.severityOverrides : null;
  const rules = opts.rules ?? RULES;
  // the rules that read only the row: asked once per distinct row below (row-memo.ts), not here for every row
  const byRow = rowRules(rules, config);
  for (const rule of rules) {
    const override = overrides === null ? undefined : overrides[rule.id];
    if (override === 'off') continue;
    if (rule.scope === 'document') {
      const hits = rule.check(ctx);
      for (let h = 0; h < hits.length; h++) findings.push(findingOf(doc, rule, override, hits[h]!, hits[h]!.projectIndex ?? null, hits[h]!.indicatorIndex ?? null));
      continue;
    }
    if (rule.scope === 'project') {
      // as for the indicator rules below: `check` read once per rule, and an indexed loop over the hits (a for…of over
      // the lists the rules return, of many shapes, was the engine's costliest line)
      const check = rule.check;
      for (let p = 0; p < doc.projects.length; p++) {
        const hits = check.call(rule, doc.projects[p]!, ctx, ctx.rows[p]!);
        if (hits === NO_HITS) continue;
        for (let h = 0; h < hits.length; h++) findings.push(findingOf(doc, rule, override, hits[h]!, p, hits[h]!.indicatorIndex ?? null));
      }
    } else if (rule.reads !== 'row') {
      // The rules are object literals of many shapes, so reading `rule.check` is a slow (megamorphic) lookup: read
      // once per rule here, not once per row.
      const check = rule.check;
      // a rule for one kind of target is not called for the others (IndicatorRule.targetKind)
      const only = rule.targetKind;
      for (let p = 0; p < doc.projects.length; p++) {
        const project = doc.projects[p]!;
        const { indicators } = project;
        const rows = ctx.rows[p]!;
        for (let i = 0; i < indicators.length; i++) {
          const indicator = indicators[i]!;
          if (only !== undefined && indicator.target.kind !== only) continue;
          const hits = check.call(rule, indicator, project, ctx, rows[i]!);
          // most calls find nothing and say so with the one shared empty list: known by identity, without reading the
          // length of lists of many shapes (a megamorphic load per call)
          if (hits === NO_HITS) continue;
          for (let h = 0; h < hits.length; h++) findings.push(findingOf(doc, rule, override, hits[h]!, p, i));
        }
      }
    }
    // The department's whole-budget indicators: findings about the document as a whole, each
    // naming its indicator.
    if (rule.scope === 'indicator' && targets !== null) {
      targets.indicators.forEach((indicator, i) => {
        for (const hit of rule.check(indicator, targets, ctx, targetRows[i]!)) {
          findings.push(findingOf(doc, rule, override, { ...hit, field: 'departmentTargets', message: `部门整体支出绩效目标：${hit.message}`, source: hit.source ?? indicator.source }, null, null));
        }
      });
    }
    if (rule.scope === 'project' && rule.departmentTargets && targets !== null) {
      for (const hit of rule.check(targets, ctx, targetRows)) {
        const indicator = hit.indicatorIndex === undefined || hit.indicatorIndex === null ? undefined : targets.indicators[hit.indicatorIndex];
        findings.push(findingOf(doc, rule, override, { ...hit, field: 'departmentTargets', message: `部门整体支出绩效目标：${hit.message}`, source: hit.source ?? indicator?.source ?? targets.source }, null, null));
      }
    }
  }
  if (byRow.length > 0) rowRuleFindings(ctx, byRow, overrides, findings);
  // the row rules' findings come after the others': ties in place are put in rule order, as the rules ran
  return withoutUnfilled(withoutDoubted(mergeSameCell(inDocumentOrder(findings, doc.projects.length, byRow.length > 0 ? ruleOrder(rules) : null)), doc), doc);
}

/**
 * The findings less those about a table printed unfilled (readings.ts: isUnfilledTable): a form the department left
 * empty because it has no such funds, or a heading read as a table, has nothing to judge (issue 73).
 */
function withoutUnfilled(findings: Finding[], doc: ParsedDocument): Finding[] {
  let unfilled: Set<number> | null = null;
  for (let p = 0; p < doc.projects.length; p++) if (isUnfilledTable(doc.projects[p]!)) (unfilled ??= new Set()).add(p);
  if (unfilled === null) return findings;
  const empty = unfilled;
  return findings.filter((f) => f.projectIndex === null || !empty.has(f.projectIndex));
}

/**
 * The row rules' findings on every project row (IndicatorRule.reads): the rules are asked about the first row that
 * says a thing, and their hits are handed to every later row that says the same, each pointing at that row's own cells.
 */
function rowRuleFindings(ctx: ReviewContext, byRow: readonly IndicatorRule[], overrides: Record<string, Severity | 'off'> | null, findings: Finding[]): void {
  const { doc } = ctx;
  const memo = rowMemo(ctx.config, ctx.framework, byRow);
  const severities = overrides === null ? null : byRow.map((rule) => overrides[rule.id] as Severity | undefined);
  for (let p = 0; p < doc.projects.length; p++) {
    const project = doc.projects[p]!;
    const { indicators } = project;
    const rows = ctx.rows[p]!;
    for (let i = 0; i < indicators.length; i++) {
      const indicator = indicators[i]!;
      const kept = memo.get(rows[i]!, doc.year);
      if (kept !== undefined && kept !== UNKEPT) {
        for (let h = 0; h < kept.length; h++) {
          const { rule, hit, place, message, suggestion } = kept[h]!;
          findings.push(findingAt(doc, byRow[rule]!, severities === null ? undefined : severities[rule], hit, p, i, sourceAt(place, indicator), message, suggestion));
        }
        continue;
      }
      const hitsByRule = askRowRules(byRow, indicator, project, ctx, rows[i]!);
      if (kept === undefined) memo.set(rows[i]!, doc.year, rowHitsOf(hitsByRule, indicator, oneLine));
      for (let r = 0; r < hitsByRule.length; r++) {
        const hits = hitsByRule[r]!;
        for (let h = 0; h < hits.length; h++) findings.push(findingOf(doc, byRow[r]!, severities === null ? undefined : severities[r], hits[h]!, p, i));
      }
    }
  }
}

/** Each row rule's hits on one row, in rule order (NO_HITS for a rule of another kind of target). */
function askRowRules(byRow: readonly IndicatorRule[], indicator: Indicator, project: Project, ctx: ReviewContext, row: RowFacts): (readonly RuleHit[])[] {
  const out: (readonly RuleHit[])[] = [];
  for (let r = 0; r < byRow.length; r++) {
    const rule = byRow[r]!;
    out.push(rule.targetKind !== undefined && indicator.target.kind !== rule.targetKind ? NO_HITS : rule.check(indicator, project, ctx, row));
  }
  return out;
}

/** Each rule's place in a list of rules, by id (once per list). */
const ruleOrders = new WeakMap<readonly Rule[], Map<string, number>>();

function ruleOrder(rules: readonly Rule[]): Map<string, number> {
  let order = ruleOrders.get(rules);
  if (order === undefined) ruleOrders.set(rules, (order = new Map(rules.map((rule, k) => [rule.id, k]))));
  return order;
}

/** Whether the settings override any rule's severity (once per settings). */
const hasOverrides = perConfig((config) => Object.keys(config.severityOverrides).length > 0);

/** The part of a table a finding is built on (reading.ts), by the cell it is about. */
function partOf(f: Finding): DoubtPart {
  switch (f.field) {
    case 'name':
      return 'name';
    case 'goals':
    case 'purpose':
    case 'departmentGoals':
      return 'goals';
    case 'level1':
    case 'level2':
      return 'categories';
    case 'indicatorName':
      return 'names';
    case 'target':
      return 'targets';
    case 'description':
    case 'basis':
    case 'indicators':
    case 'departmentTargets':
      return 'indicators';
    case 'code':
    case null:
      return f.indicatorIndex !== null ? 'indicators' : 'table';
    default:
      // budget.*, spendingPlan.*
      return 'budget';
  }
}

/**
 * The findings less those built on a part of a table its reading doubts (issue 53): no content finding on what may
 * have been read wrong. A finding that compares two parts (a goal against the indicators: category mismatch) goes
 * with a doubt about either; the department-wide table's findings with its own reading.
 */
function withoutDoubted(findings: Finding[], doc: ParsedDocument): Finding[] {
  const doubtedTargets = doc.departmentTargets?.reading !== undefined && !doc.departmentTargets.reading.certain;
  if (!doubtedTargets && doc.projects.every((p) => p.reading === undefined || p.reading.certain)) return findings;
  return findings.filter((f) => {
    if (f.projectIndex === null) return !(doubtedTargets && f.field === 'departmentTargets');
    const parts = doubtedParts(doc.projects[f.projectIndex]?.reading);
    if (parts.length === 0) return true;
    if (parts.includes('table') || f.category === 'mismatch') return false;
    const part = partOf(f);
    // a row read out of step doubts every cell of the indicators, not only the one the check found
    if (INDICATOR_PARTS.has(part)) return !parts.some((p) => INDICATOR_PARTS.has(p));
    return !parts.includes(part);
  });
}

const INDICATOR_PARTS: ReadonlySet<DoubtPart> = new Set(['indicators', 'categories', 'names', 'targets']);

/**
 * The findings in document order: by project (document-level first), indicator (the project's own first) and source
 * line, ties kept in rule order. The same order as one stable sort of the whole list by those three keys, made by
 * putting each finding in its project's bucket (in order) and sorting each bucket, which is small, by the other two:
 * a review has about as many findings as rows, and a comparator over the whole list was a tenth of the engine's time.
 */
export function inDocumentOrder(findings: Finding[], projects: number, order: ReadonlyMap<string, number> | null = null): Finding[] {
  const buckets: Finding[][] = [];
  for (let k = 0; k <= projects; k++) buckets.push([]);
  for (const f of findings) {
    const k = f.projectIndex === null ? 0 : f.projectIndex + 1;
    // a hit about a project the document does not have (never, for the rules as they are) still sorts after the others
    if (k >= buckets.length) for (let n = buckets.length; n <= k; n++) buckets.push([]);
    buckets[k]!.push(f);
  }
  const compare = order === null ? byIndicatorAndLine : (a: Finding, b: Finding) => byIndicatorAndLine(a, b) || order.get(a.rule)! - order.get(b.rule)!;
  const out: Finding[] = [];
  for (const bucket of buckets) {
    if (bucket.length > 1) sortSmall(bucket, compare); // stable, as one sort of the whole list
    for (const f of bucket) out.push(f);
  }
  return out;
}

function byIndicatorAndLine(a: Finding, b: Finding): number {
  return (a.indicatorIndex ?? -1) - (b.indicatorIndex ?? -1) || (a.source?.line ?? 0) - (b.source?.line ?? 0);
}

/** A rule's hit as a finding: the rule's id, category and severity (a region's override first), where it is. */
function findingOf(
  doc: ParsedDocument,
  rule: Rule,
  override: Severity | undefined,
  hit: RuleHit,
  projectIndex: number | null,
  indicatorIndex: number | null,
): Finding {
  return findingAt(doc, rule, override, hit, projectIndex, indicatorIndex, hit.source, oneLine(hit.message), oneLine(hit.suggestion));
}

/**
 * findingOf, with where the hit points (`source`; undefined: the indicator's row, else the project's) and its words
 * (on one line) given apart.
 */
function findingAt(
  doc: ParsedDocument,
  rule: Rule,
  override: Severity | undefined,
  hit: RuleHit,
  projectIndex: number | null,
  indicatorIndex: number | null,
  source: SourceLocation | null | undefined,
  message: string,
  suggestion: string,
): Finding {
  const project = projectIndex === null ? undefined : doc.projects[projectIndex];
  const indicator = indicatorIndex === null ? undefined : project?.indicators[indicatorIndex];
  const finding: Finding = {
    rule: rule.id,
    category: rule.category,
    // a region's override wins over the rule's own choice, even a per-hit one
    severity: override ?? hit.severity ?? rule.severity,
    criterion: rule.criterion,
    projectIndex,
    project: project?.name ?? null,
    indicatorIndex: indicator ? indicatorIndex : null,
    indicator: indicator?.name ?? null,
    field: hit.field ?? null,
    source: source !== undefined ? source : (indicator?.source ?? project?.source ?? null),
    message,
    suggestion,
  };
  // set after the literal, so that every finding is built from one shape (a spread in the literal made each a copy)
  if (hit.projects !== undefined) finding.projects = hit.projects;
  return finding;
}

/** A message on one line: a cell's line breaks (quoted from the document) become spaces. */
export function oneLine(text: string): string {
  // Most messages have no line break: only trimmed then. This runs twice for every finding (a review has about as
  // many findings as rows): a test with a compiled character class is about three times faster than a loop over
  // charCodeAt over the same messages (issue 18).
  return LINE_BREAK.test(text) ? text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim() : text.trim();
}

const LINE_BREAK = /[\r\n\u2028\u2029]/;


const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** The cells whose findings are merged: what an indicator row says (its categories are taxonomy's, each finding its own), by number; -1 for the others. */
function mergedField(field: Finding['field']): number {
  switch (field) {
    case 'indicatorName':
      return 0;
    case 'description':
      return 1;
    case 'target':
      return 2;
    case 'basis':
      return 3;
    default:
      return -1;
  }
}

/**
 * Findings about the same cell of the same indicator (project, indicator, field: name, description, value, basis) said once: the most severe is
 * kept (ties: the rule listed first), the others' rules are named in `related`. Findings about a project or the
 * document as a whole are kept as they are.
 *
 * The findings come in document order (inDocumentOrder), so those about one indicator are next to each other: the
 * finding kept for each of its four cells is remembered for the current indicator only (four slots, no map and no key
 * per finding; a review has about as many findings as rows).
 */
export function mergeSameCell(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  const kept = [-1, -1, -1, -1]; // per merged field: where the current indicator's finding about it is in `out`
  let project = -1;
  let indicator = -1;
  for (const f of findings) {
    const field = mergedField(f.field);
    if (f.projectIndex === null || f.indicatorIndex === null || field < 0) {
      out.push(f);
      continue;
    }
    if (f.projectIndex !== project || f.indicatorIndex !== indicator) {
      project = f.projectIndex;
      indicator = f.indicatorIndex;
      kept.fill(-1);
    }
    const at = kept[field]!;
    if (at < 0) {
      kept[field] = out.length;
      out.push(f);
      continue;
    }
    const first = out[at]!;
    const [keep, drop] = SEVERITY_RANK[f.severity] < SEVERITY_RANK[first.severity] ? [f, first] : [first, f];
    const merged: Finding = { ...keep, related: [...new Set([...(keep.related ?? []), drop.rule, ...(drop.related ?? [])])] };
    out[at] = merged;
  }
  return out;
}
