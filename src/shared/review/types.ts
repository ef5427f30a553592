/**
 * The review (审核) of a performance-target document: rules that find what an experienced
 * finance-bureau reviewer would, as data-configured, individually tested units. Pure: the same
 * rules run on the server, in the CLI and in the browser's editor.
 */
import type { FormColumnRole, FormFieldRole } from '../domain/form-profile';
import type { IndicatorFramework } from '../domain/framework';
import type { Indicator, ParsedDocument, Project, Severity, SourceLocation, TargetKind } from '../domain/model';
import type { ReviewConfig } from './config';
import type { RowFacts } from './facts';

/**
 * The kind of defect — a public contract: every finding carries exactly one.
 * - missing: a required element is absent
 * - budget: amounts do not reconcile
 * - schedule: the spending plan is malformed
 * - taxonomy: a nonstandard or misplaced category
 * - unit: the target's unit or kind does not fit the indicator's category
 * - vague: a target that cannot be measured where the category needs a measurable one
 * - duplicate: the same indicator repeated, or boilerplate pasted across projects
 * - mismatch: the document contradicts itself
 */
export type FindingCategory = 'missing' | 'budget' | 'schedule' | 'taxonomy' | 'unit' | 'vague' | 'duplicate' | 'mismatch';

export const FINDING_CATEGORIES: readonly FindingCategory[] = [
  'missing',
  'budget',
  'schedule',
  'taxonomy',
  'unit',
  'vague',
  'duplicate',
  'mismatch',
];

/** Each category's name for people. */
export const CATEGORY_LABELS: Readonly<Record<FindingCategory, string>> = {
  missing: '缺失',
  budget: '预算',
  schedule: '进度',
  taxonomy: '分类',
  unit: '单位',
  vague: '模糊',
  duplicate: '重复',
  mismatch: '矛盾',
};

/** What each category means (docs/review-rules.md). */
export const CATEGORY_DESCRIPTIONS: Readonly<Record<FindingCategory, string>> = {
  missing: '必填要素缺失',
  budget: '资金数额对不上',
  schedule: '支出计划不规范',
  taxonomy: '指标类别不规范或错位',
  unit: '指标值的单位或类型与指标类别不符',
  vague: '指标值无法衡量',
  duplicate: '指标重复或照抄',
  mismatch: '文档自相矛盾',
};

/** The four review criteria of 财预〔2015〕88号 (lifecycle.md §1). */
export type Criterion = '完整性' | '相关性' | '适当性' | '可行性';

/** Which cell or field a finding is about, so a screen can pin it there. */
export type FindingField =
  | 'code'
  | 'name'
  | 'budget.total'
  | 'budget.fiscal'
  | 'budget.other'
  | 'purpose'
  | 'spendingPlan'
  | `spendingPlan.${'03' | '06' | '10' | '12'}`
  | 'goals'
  | 'indicators'
  | 'level1'
  | 'level2'
  | 'indicatorName'
  | 'description'
  | 'target'
  | 'basis'
  | 'departmentGoals'
  /** An indicator of the department's whole-budget targets (the message names it). */
  | 'departmentTargets';

export interface Finding {
  /** The rule's stable id, e.g. "unit.satisfaction-not-percent". */
  rule: string;
  category: FindingCategory;
  severity: Severity;
  criterion: Criterion;
  /** Index into doc.projects; null for a document-level finding. */
  projectIndex: number | null;
  /** The project's name; null for a document-level finding. */
  project: string | null;
  /** Index into the project's indicators; null when the finding is not about one indicator. */
  indicatorIndex: number | null;
  /** The indicator's 三级指标 name; null when the finding is not about one indicator. */
  indicator: string | null;
  field: FindingField | null;
  /** Where to look in the source; null when the thing is absent and nothing locates it. */
  source: SourceLocation | null;
  /** Chinese, quoting the offending value. */
  message: string;
  /** Chinese, a concrete fix. */
  suggestion: string;
  /**
   * The projects (indexes into doc.projects) a document-level finding is about, when it names several (a goal copied
   * across projects): their grade caps count it, its points go to the document. Absent for other findings.
   */
  projects?: number[];
  /**
   * Rules whose findings on the same cell were merged into this one (the most severe is kept; each thing is said
   * once). Absent when nothing was merged.
   */
  related?: string[];
}

/** What a rule says about one place; the engine adds the rule's id, category and so on. */
export interface RuleHit {
  message: string;
  suggestion: string;
  field?: FindingField;
  source?: SourceLocation | null;
  /** Overrides the rule's severity for this hit (e.g. vague: error for 数量, warning for 效益). */
  severity?: Severity;
  /** For document-scope rules: the projects a hit names together (Finding.projects). */
  projects?: number[];
  /** For document-scope rules: the project (index) and indicator (index) the hit is about. */
  projectIndex?: number | null;
  indicatorIndex?: number | null;
}

/**
 * What a rule returns when it finds nothing, which is most calls: one shared, frozen empty list instead of a new one
 * per rule and row (some thirty rules over every row: millions of empty arrays per thousand documents).
 */
export const NO_HITS: readonly RuleHit[] = Object.freeze([]);

export interface ReviewContext {
  doc: ParsedDocument;
  config: ReviewConfig;
  framework: IndicatorFramework;
  /** What the rules read of each indicator row, by project and row index: read once per row (facts.ts). */
  rows: RowFacts[][];
}

/**
 * An example for the documentation and the tests: a patch applied to a clean document (see
 * examples.ts). The `triggers` patch must make the rule fire, the `passes` patch must not.
 */
export interface RuleExample {
  /** Chinese, what the example shows, e.g. "满意度指标“群众满意度”指标值“≥95人”". */
  description: string;
  patch: ExamplePatch;
  /** Review settings the example is reviewed with, over the defaults (a rule that only a region's settings switch on). */
  settings?: Partial<ReviewConfig>;
}

/** Changes to the clean example document; see examples.ts for how each is applied. */
export interface ExamplePatch {
  /** Fields of the (single) project; amounts in 万元 as text. */
  project?: {
    code?: string | null;
    name?: string;
    total?: string | null;
    fiscal?: string | null;
    other?: string | null;
    purpose?: string | null;
    goals?: string[];
    /** The goals over the whole period (项目总目标 / 中长期目标); none by default. */
    longTermGoals?: string[];
    /** A long-term (中期) indicator group: the clean rows with these targets, by position; none by default. */
    longTermTargets?: string[];
    /** Sections of the narrative that came with the table (项目经费情况说明); none by default. */
    narrative?: { title: string; text: string }[];
    /** Further lines of this year's money (label, 万元 as text): 中央资金, 上年结转资金, 用于购置… */
    budgetLines?: [label: string, amount: string][];
    /** Four cells, percent ("25%") or 万元 amounts ("30.00"), "" for blank. */
    plan?: [string, string, string, string];
    /** The project's form (form-profile.ts): Jixiao's official table less these fields and columns (default: no form recorded). */
    form?: { name?: string; lacksFields?: FormFieldRole[]; lacksColumns?: FormColumnRole[] };
  };
  /** Replace the indicator at `at` (0-based), or append when `at` is undefined. */
  indicators?: { at?: number; remove?: boolean; level1?: string; level2?: string; name?: string; description?: string; target?: string; basis?: string }[];
  /** Extra projects copied from the clean one, with these names (for cross-project rules). */
  copies?: number;
  /** The copies' 预算数 in 万元 (default: the project's). */
  copyTotal?: string;
  /** The copies' names, in order (default: the project's name and a number). */
  copyNames?: string[];
  /** Text of part one (总体/分项绩效目标). */
  departmentGoals?: { overall?: string; subGoals?: { title: string; text?: string }[] };
  /** The document's year (the clean one is 2025). */
  year?: number;
  /** A department whole-budget table (部门整体支出绩效目标表; the clean document has none): amounts in 万元 as text, duty rows' amounts. */
  departmentTargets?: { total?: string | null; basic?: string | null; project?: string | null; duties?: string[] };
}

interface RuleBase {
  id: string;
  category: FindingCategory;
  severity: Severity;
  criterion: Criterion;
  /** Chinese short name, e.g. "满意度指标不是百分比". */
  title: string;
  /** Chinese: what is checked and why (for docs/review-rules.md). */
  description: string;
  examples: { triggers: RuleExample; passes: RuleExample };
}

/** Checks one indicator at a time. */
export interface IndicatorRule extends RuleBase {
  scope: 'indicator';
  /**
   * The one kind of target the rule can find anything in: its check returns NO_HITS at once for a row of another kind,
   * so the engine does not call it for those rows (a call per rule and row, most of them answered by that test alone).
   * The check keeps its own test: it is right called directly too.
   */
  targetKind?: TargetKind;
  /**
   * `row`: the rule reads nothing but the row itself (every cell of the indicator, its facts), the settings, the
   * framework and the document's year — never the project, the other rows or the rest of the document; it reads where
   * the row's cells stand (`source`, `sources`) only to say where a hit points, and its hits point at the row or one of
   * its cells. The engine then asks it once per distinct row and hands its hits to every
   * row that says the same (row-memo.ts). Absent: the rule is called for every row.
   */
  reads?: 'row';
  /** `row`: the facts of this indicator row (facts.ts), read once for all rules. */
  check(indicator: Indicator, project: Project, ctx: ReviewContext, row: RowFacts): readonly RuleHit[];
}

/** Checks one project at a time. */
export interface ProjectRule extends RuleBase {
  scope: 'project';
  /** Also run on the department's whole-budget targets (its indicators, its total as the budget). */
  departmentTargets?: boolean;
  /** `rows`: the facts of the project's indicator rows (facts.ts), by row index. */
  check(project: Project, ctx: ReviewContext, rows: RowFacts[]): readonly RuleHit[];
}

/** Checks the whole document: part one against part two, sums, boilerplate across projects. */
export interface DocumentRule extends RuleBase {
  scope: 'document';
  check(ctx: ReviewContext): readonly RuleHit[];
}

export type Rule = IndicatorRule | ProjectRule | DocumentRule;

/** Whether a project handed to a rule is the department's whole-budget targets (the engine's view of them), not a project table. */
export function isDepartmentTargets(project: Project): boolean {
  return project.sequence === 0;
}
