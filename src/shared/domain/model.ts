/**
 * The domain model of a budget performance target document (部门预算绩效目标).
 *
 * Pure types: no I/O. Shared by the importers, the database layer, the CLI and (later) the browser.
 * Money is integer fen (分) everywhere inside the system; see money.ts. The public JSON of
 * `jixiao parse` converts it to yuan (see document-json.ts).
 */

/**
 * Where a value came from. `line` is 1-based: the line of a .txt file, or for a .docx the
 * ordinal of the paragraph in the document body (paragraphs inside table cells included, in
 * document order). `ref` pins a table cell when there is one, e.g. "表3 行5 列2" for a .docx
 * or "Sheet1!B5" for a spreadsheet.
 */
export interface SourceLocation {
  line: number;
  ref?: string;
}

/** Integer number of fen (分, 0.01 yuan). Never a fractional number. */
export type Fen = number;

export type Severity = 'error' | 'warning' | 'info';

/**
 * Something the importer did not fully understand, or had to repair. Data, never an exception.
 * `code` is a stable English identifier; `message` is for people (Simplified Chinese).
 */
export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  source: SourceLocation;
}

export interface Department {
  /** 单位编码, e.g. "763001"; null when the document gives none. */
  code: string | null;
  /** 单位名称, e.g. "中共唐山市路南区委社会工作部". */
  name: string;
  source: SourceLocation;
}

/** A numbered item of free text: a sub-goal or a measure. */
export interface GoalItem {
  /** The heading of the item with its numbering removed, e.g. "加强社区精神文明创建". */
  title: string;
  /** The numbering as written, e.g. "（一）", "1.", "一是"; null when the item had none. */
  numbering: string | null;
  /** Body text under the title that is not a 绩效目标/绩效指标 paragraph; null when none. */
  text: string | null;
  /** The item's own "绩效目标：" paragraph, when the document gives one. */
  goalText: string | null;
  /** The item's own "绩效指标：" paragraph, when the document gives one. */
  indicatorText: string | null;
  source: SourceLocation;
}

/** 第一部分 部门整体绩效目标. */
export interface DepartmentGoals {
  /** 一、总体绩效目标: the whole text, paragraphs joined by "\n"; null when absent. */
  overall: string | null;
  overallSource: SourceLocation | null;
  /** 二、分项绩效目标. When the section is one unnumbered paragraph it is one item with numbering null. */
  subGoals: GoalItem[];
  /** 三、工作保障措施. */
  measures: GoalItem[];
}

/** The budget part a table belongs to: 第二部分 预算项目 or 第三部分 预算公用 (shared running costs). */
export type ProjectPart = 'project' | 'public';

export interface Budget {
  /** 预算数 */
  total: Fen | null;
  /** 其中：财政资金 */
  fiscal: Fen | null;
  /** 其他资金 */
  other: Fen | null;
}

export type Checkpoint = '03' | '06' | '10' | '12';
export const CHECKPOINTS: readonly Checkpoint[] = ['03', '06', '10', '12'];

/**
 * One cumulative checkpoint of 资金支出计划. The document gives either percentages or amounts;
 * `given` says which, and the other is derived from the budget total (null when it cannot be).
 */
export interface SpendingCheckpoint {
  checkpoint: Checkpoint;
  /** Cumulative percent of the total, e.g. 25 or 33.33 (at most two decimals). */
  percent: number | null;
  /** Cumulative amount in fen. */
  amount: Fen | null;
  given: 'percent' | 'amount' | null;
  source: SourceLocation | null;
}

export type TargetOperator = '=' | '≥' | '≤' | '>' | '<';
export type TargetKind = 'quantitative' | 'deadline' | 'qualitative' | 'empty';

/** A deadline such as 2025年12月底前 (year 2025, month 12, endOfMonth, before) or 年底前完成. */
export interface Deadline {
  year: number | null;
  month: number | null;
  day: number | null;
  /** true for 月底/年底 (the last day of the month/year). */
  endOfPeriod: boolean;
}

/** A parsed 指标值. See target-value.ts for the grammar. */
export interface TargetValue {
  /** The cell text as written (trimmed). */
  raw: string;
  kind: TargetKind;
  /** For quantitative targets; '=' when no operator was written. */
  operator: TargetOperator | null;
  /** The number as a JavaScript number (for display and arithmetic on non-money values). */
  value: number | null;
  /** The number exactly as written, normalised to ASCII digits, e.g. "1262.16". Use it for money. */
  valueText: string | null;
  /** The unit, e.g. "%", "万元", "万元/队/年"; null when the number stands alone. */
  unit: string | null;
  /** For deadline targets. */
  deadline: Deadline | null;
  /** Words around the number that are not part of the unit, e.g. "满意" in "98%满意". */
  words: string | null;
}

/** One of the framework's first-level categories, by its standard name (e.g. "产出指标"). */
export type Level1Name = string;
/** One of the framework's second-level categories, by its standard name (e.g. "数量指标"). */
export type Level2Name = string;

/** The cells of an indicator row, for `Indicator.sources`. */
export type IndicatorField = 'level1' | 'level2' | 'name' | 'description' | 'target' | 'basis';

export interface Indicator {
  /** Standard names per the framework; null when the raw text could not be mapped. */
  level1: Level1Name | null;
  level2: Level2Name | null;
  /** The text of the cell that set the category (the row above's when the cell was merged/empty). */
  level1Raw: string;
  level2Raw: string;
  /** true when the cell in this row was empty and the category carried down from above. */
  level1Inherited: boolean;
  level2Inherited: boolean;
  /** 三级指标 */
  name: string;
  /** 绩效指标描述 */
  description: string | null;
  /** 指标值 */
  target: TargetValue;
  /** 指标值确定依据, as written. */
  basis: string | null;
  /** The row: where its first cell starts. */
  source: SourceLocation;
  /** Each cell of the row that the document wrote (merged/empty cells have none). */
  sources: Partial<Record<IndicatorField, SourceLocation>>;
}

/** Field names of a project whose source location is recorded in `Project.sources`. */
export type ProjectField =
  | 'title'
  | 'department'
  | 'code'
  | 'name'
  | 'total'
  | 'fiscal'
  | 'other'
  | 'purpose'
  | 'spendingPlan'
  | 'goals';

export interface Project {
  part: ProjectPart;
  /** 1-based position of the table in its part. */
  sequence: number;
  /** The title line of the table with numbering and Word bookmarks removed. */
  title: string;
  /** 项目编码; null when blank. */
  code: string | null;
  /** 项目名称 */
  name: string;
  /** The budget year: from the project code (region + yy + P + serial), else the document's. */
  year: number | null;
  /** The unit named in the table's own header cell (usually the document's department). */
  department: { code: string | null; name: string } | null;
  /** The amount unit of the table as written ("万元" or "元"); amounts below are already converted. */
  amountUnit: string;
  budget: Budget;
  /** 资金用途 */
  purpose: string | null;
  /** Always the four checkpoints in order; entries are null-valued when the cell was blank. */
  spendingPlan: SpendingCheckpoint[];
  /** 绩效目标, one entry per numbered goal or 目标N row, numbering removed. */
  goals: string[];
  indicators: Indicator[];
  source: SourceLocation;
  sources: Partial<Record<ProjectField, SourceLocation>>;
}

export interface ParsedDocument {
  /** The file name as given to the importer. */
  file: string;
  format: 'txt' | 'docx' | 'xlsx';
  /** The detected text encoding ("utf-8", "gb18030", "utf-16le" …); "docx" or "xlsx" for Office files. */
  encoding: string;
  /** sha256 of the file's bytes, hex. */
  sha256: string;
  /** The budget year, from the project codes or the text; null when it cannot be told. */
  year: number | null;
  department: Department | null;
  departmentGoals: DepartmentGoals;
  projects: Project[];
  diagnostics: Diagnostic[];
  /** The id of the indicator framework version the categories were normalised against. */
  frameworkVersion: string;
}
