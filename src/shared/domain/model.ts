/**
 * The domain model of a budget performance target document (部门预算绩效目标).
 *
 * Pure types: no I/O. Shared by the importers, the database layer, the CLI and (later) the browser.
 * Money is integer fen (分) everywhere inside the system; see money.ts. The public JSON of
 * `jixiao parse` converts it to yuan (see document-json.ts).
 */
import type { FormProfile } from './form-profile';
import type { Reading } from './reading';
import type { SubmittedSelfEvaluation } from './submitted-self-evaluation';
import type { TableGrid } from './table-grid';

/**
 * Where a value came from. `line` is 1-based: the line of a .txt file, or for a .docx the
 * ordinal of the paragraph in the document body (paragraphs inside table cells included, in
 * document order). `ref` pins a table cell when there is one, e.g. "表3 行5 列2" for a .docx
 * or "Sheet1!B5" for a spreadsheet.
 */
export interface SourceLocation {
  line: number;
  ref?: string;
  /** Read by OCR from a scanned page (issue 56): how sure the recognition was and where on the page. */
  ocr?: OcrMark;
}

/**
 * What OCR says of a line it read: its least word confidence (tesseract's 0–100) and its box on the
 * page, in the page's points (x0, top, x1, bottom from the top left; the page is `pageWidth` ×
 * `pageHeight` points), so the preview can outline it on the page image.
 */
export interface OcrMark {
  confidence: number;
  page: number;
  box: [number, number, number, number];
  pageWidth: number;
  pageHeight: number;
  /**
   * What the reader corrected in the line (issue 69): what tesseract read (`read`) and what the line now says in its
   * place (`as`) — a comparison sign told by its strokes, a name or unit put right by the words it must be. Each is a
   * doubt at its cell until a person confirms it.
   */
  corrections?: OcrCorrection[];
}

/** A correction of what OCR read (OcrMark.corrections). */
export interface OcrCorrection {
  read: string;
  as: string;
  /** By what: the strokes of a comparison sign, or the words a name, unit or label must be. */
  by: 'sign' | 'vocabulary';
}

/**
 * A page read by OCR as the import preview shows it (issue 56): a downscaled JPEG of the page as it was recognised
 * (upright, straightened), on which the boxes of its OCR marks (same page, in points of a `width` × `height` page) fall.
 */
export interface PageImage {
  page: number;
  width: number;
  height: number;
  /** data:image/jpeg;base64,… */
  src: string;
}

/** Integer number of fen (分, 0.01 yuan). Never a fractional number. */
export type Fen = number;

export type Severity = 'error' | 'warning' | 'info';

/** A severity's name for people. */
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };

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
/** 'period': a span such as 2024.03-2024.11 (`start` … `deadline`), never the number 2024.03. */
export type TargetKind = 'quantitative' | 'deadline' | 'period' | 'qualitative' | 'empty';

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
  /** For deadline targets; for a period, its end; for a quantitative target, the date it is due by when written with it ("12月底前100%到位"). */
  deadline: Deadline | null;
  /** For a period (2024.03-2024.11): its start; null otherwise. */
  start: Deadline | null;
  /** Words around the number that are not part of the unit, e.g. "满意" in "98%满意". */
  words: string | null;
  /** A standard written in brackets after the value: "计划标准" in "2024年10月(计划标准)"; null when none. */
  standard: string | null;
}

/** One of the framework's first-level categories, by its standard name (e.g. "产出指标"). */
export type Level1Name = string;
/** One of the framework's second-level categories, by its standard name (e.g. "数量指标"). */
export type Level2Name = string;

/**
 * The cells of an indicator row, for `Indicator.sources`. A target split over several columns
 * (issue 37) has its number in `target` (or `value` when the table has both columns) and its
 * operator, unit of measure and nature (定量/定性, 正向/反向) in cells of their own.
 */
export type IndicatorField = 'level1' | 'level2' | 'name' | 'description' | 'target' | 'basis' | 'operator' | 'value' | 'unit' | 'nature' | 'weight';

/**
 * A cell of a column the model has no field for (绩效标准, 指标解释, 评（记）分标准, 备注 …), kept
 * as written with its column's header: no column is ever dropped.
 */
export interface ExtraCell {
  /** The column's header as written, whitespace removed, e.g. "评(记)分标准" stays "评（记）分标准". */
  header: string;
  /** The cell's text ("" for an empty cell of the column). */
  text: string;
  source: SourceLocation;
  /**
   * What the column holds beside the target when its header says (issue 53): `priorActual`, last year's actual
   * value (上年实际值, 2024年实际: history); `laterTarget`, a later year's target (2026年 beside this year's). The
   * header is then the column's path ("指标值›上年实际值"). Absent for other columns.
   */
  role?: ExtraRole;
}

/** The role of an extra column its header names (ExtraCell.role). */
export type ExtraRole = 'priorActual' | 'laterTarget';

/** Each extra column role's name for people. */
export const EXTRA_ROLE_LABELS: Readonly<Record<ExtraRole, string>> = { priorActual: '上年实际值（历史）', laterTarget: '以后年度指标值' };

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
  /** The row's cells in columns the model does not know, in column order; [] when the table has none. */
  extras: ExtraCell[];
  /**
   * The indicator's own 分值/权重 (a column of the table, issue 37): null for a blank cell; absent when
   * the table has no such column.
   */
  weight?: number | null;
  /** The weight written in the 一级指标 cell the indicator stands under (`产出指标（50分）`); absent when the cell has none. */
  level1Weight?: number;
  /** The weight written in the 二级指标 cell (`数量指标(20分)`); absent when the cell has none. */
  level2Weight?: number;
  /** 指标性质 / 指标方向 as written when it is not an operator (定量, 定性, 正向, 反向); absent when the table gives none. */
  nature?: string;
}

/** An indicator's 一级/二级指标 as shown: the standard names, else the text as written, else null. */
export function shownLevels(ind: Pick<Indicator, 'level1' | 'level2' | 'level1Raw' | 'level2Raw'>): { level1: string | null; level2: string | null } {
  return { level1: ind.level1 ?? (ind.level1Raw || null), level2: ind.level2 ?? (ind.level2Raw || null) };
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
  | 'goals'
  | 'longTermGoals';

/**
 * A labelled field of a form that the model holds as written: 项目性质, 项目类别, 主管部门,
 * 实施单位, 计划开始日期, 项目支出实施期 … (a filled-in 申报表 has many; the published tables few).
 */
export interface FormField {
  /** The field's stable name when the layout knows the label (shared/layout/labels.ts), e.g. "nature", "implementer", "period"; null for a label it does not know. */
  key: string | null;
  /** The label as written, whitespace removed. */
  label: string;
  value: string;
  /** A code written in front of the value ("[610116]西安市…", "[22]专项业务类"): split off, the value is the name; absent when none. */
  code?: string;
  source: SourceLocation;
}

/** A further line of money beyond 财政资金/其他资金, as written: 上年结转资金, 区级资金, 上级资金 … */
export interface FundingLine {
  label: string;
  amount: Fen | null;
  source: SourceLocation;
}

/** The whole project's money over its period (项目资金总额 …), when a form gives it apart from the year's. */
export interface ProjectBudget extends Budget {
  lines: FundingLine[];
}

/** A section of the narrative that came with a project's table (项目经费情况说明: 项目概述, 立项依据 …). */
export interface NarrativeSection {
  /** The section's heading, numbering removed, e.g. "立项依据". */
  title: string;
  /** Its paragraphs joined by "\n". */
  text: string;
  source: SourceLocation;
}

export interface Project {
  /**
   * How sure the reading of the table is (reading.ts): its doubts, each naming a part of the table. Set by the
   * parser for every table it reads; absent for a project made on Jixiao's own table (the editor, its workbook).
   */
  reading?: Reading;
  /**
   * The form the table was filled in (form-profile.ts): which fields and indicator columns it has, under which names.
   * Recorded by the parser; absent or null for a project made on Jixiao's own table (the editor, Jixiao's workbook).
   */
  form?: FormProfile | null;
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
  /** This year's money (年度预算数, 年度资金申请总额 …). */
  budget: Budget;
  /** Further lines of this year's money (上年结转资金, 区级资金 …); [] when the table has none. */
  budgetLines: FundingLine[];
  /** The whole project's money when the form gives it apart from this year's; null otherwise. */
  projectBudget: ProjectBudget | null;
  /** The form's other labelled fields, in document order; [] when none. */
  fields: FormField[];
  /** 资金用途 */
  purpose: string | null;
  /** Always the four checkpoints in order; entries are null-valued when the cell was blank. */
  spendingPlan: SpendingCheckpoint[];
  /** 绩效目标 (this year's: 年度绩效目标 / 年度总体目标), one entry per numbered goal or 目标N row, numbering removed. */
  goals: string[];
  /** The goals over the whole period (项目总目标 / 长期目标) when the table gives them apart; [] otherwise. */
  longTermGoals: string[];
  /** This year's indicators (the only group of most tables; the 年度 group of a table with two). */
  indicators: Indicator[];
  /** The 长期 group of a table with long-term and annual indicator columns; [] otherwise. */
  longTermIndicators: Indicator[];
  /** The narrative that came with the table (项目经费情况说明), by section; [] when none. */
  narrative: NarrativeSection[];
  source: SourceLocation;
  sources: Partial<Record<ProjectField, SourceLocation>>;
}

/** A row of 年度履职目标 in a department's whole-budget targets. */
export interface DepartmentDuty {
  /** 部门职能 (carried down from the row above when its cell is merged). */
  function: string | null;
  /** 年度目标任务 */
  task: string | null;
  /** 支出项目名称 (one or several, as written) */
  projects: string | null;
  /** 主要内容: what the task does, in the national form's 年度主要任务 (任务名称 | 主要内容 | 预算金额); absent when the form has no such column. */
  content?: string | null;
  /** 预算金额 (its 总额 where the form splits it into 总额 | 财政拨款 | 其他资金) */
  amount: Fen | null;
  source: SourceLocation;
}

/** Field names of department targets whose source location is recorded. */
export type DepartmentTargetsField = 'title' | 'department' | 'budgetCode' | 'total' | 'project' | 'basic' | 'goals';

/**
 * 部门（单位）整体支出绩效目标表: a department's targets for its whole budget of the year. Not a
 * project: it has no project code, its money is the department's (项目支出 + 基本支出).
 */
export interface DepartmentTargets {
  title: string;
  /** 部门（单位）名称, with its code when given. */
  department: { code: string | null; name: string } | null;
  /** 部门预算编码 */
  budgetCode: string | null;
  year: number | null;
  amountUnit: string;
  /** 年度预算安排: 资金总额 / 项目支出 / 基本支出. */
  budget: { total: Fen | null; project: Fen | null; basic: Fen | null };
  /** 年度总体目标, one per 目标N or numbered item. */
  goals: string[];
  /** 年度履职目标 */
  duties: DepartmentDuty[];
  indicators: Indicator[];
  /** The form's other labelled fields. */
  fields: FormField[];
  source: SourceLocation;
  sources: Partial<Record<DepartmentTargetsField, SourceLocation>>;
  /** How sure the reading of the table is (reading.ts); absent for targets not read from a document. */
  reading?: Reading;
}

/**
 * The format a document was read from, by content: extracted text, Word (.docx; .doc and .wps
 * through LibreOffice), Excel (.xlsx; .xls and .et through LibreOffice), PDF with a text layer, or
 * a saved web page; scanned images (PNG, JPEG, TIFF) read by OCR (a scanned PDF stays 'pdf').
 */
export const DOCUMENT_FORMATS = ['txt', 'docx', 'xlsx', 'doc', 'wps', 'xls', 'et', 'pdf', 'html', 'image'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Each format's name for people. */
export const FORMAT_NAMES: Readonly<Record<DocumentFormat, string>> = {
  txt: '文本',
  docx: 'Word',
  xlsx: 'Excel',
  doc: 'Word 97-2003',
  wps: 'WPS 文字',
  xls: 'Excel 97-2003',
  et: 'WPS 表格',
  pdf: 'PDF',
  html: '网页',
  image: '扫描图像',
};

export interface ParsedDocument {
  /** The file name as given to the importer. */
  file: string;
  format: DocumentFormat;
  /** The detected text encoding ("utf-8", "gb18030", "utf-16le" …); the format's name for binary formats. */
  encoding: string;
  /** sha256 of the file's bytes, hex. */
  sha256: string;
  /** The budget year, from the project codes or the text; null when it cannot be told. */
  year: number | null;
  department: Department | null;
  departmentGoals: DepartmentGoals;
  /** The department's whole-budget targets (部门整体支出绩效目标表); null when the document has none. */
  departmentTargets: DepartmentTargets | null;
  projects: Project[];
  diagnostics: Diagnostic[];
  /** The id of the indicator framework version the categories were normalised against. */
  frameworkVersion: string;
  /** Set when no code, title, year line or text gave the year and it was inferred from a date written alone (issue 53). */
  yearInferred?: true;
  /** Each table read as it stands in the file (table-grid.ts), when the import preview asked for it; absent otherwise. */
  tables?: TableGrid[];
  /** The pages read by OCR as images, when the import preview asked for them (issue 56); absent otherwise. */
  pageImages?: PageImage[];
  /** The 项目支出绩效自评表 the document holds (issue 59), read apart from its target tables; absent when none. */
  selfEvaluations?: SubmittedSelfEvaluation[];
  /**
   * The projects a budget disclosure lists with their amounts in its budget tables (项目支出预算表, 专项业务经费支出表 …,
   * issue 68), against which its target tables are checked; absent when the document has no such table.
   */
  projectList?: ProjectListing;
  /**
   * How sure the reading of the document's text outside its target tables is (its cover, part one, the narrative), when
   * that text was read by OCR from a scan (issue 69): its doubted lines, as a table's reading has them. Absent otherwise.
   * Shown by the import preview and `parse`; not stored (the tables' readings are).
   */
  textReading?: Reading;
}

/** A project as a budget table lists it (issue 68): its name, code when given, and this year's amount. */
export interface ListedProject {
  name: string;
  code: string | null;
  /** The row's total (合计), exact, in fen; null when the row gives none. */
  amount: Fen | null;
  source: SourceLocation;
}

/** A budget disclosure's list of projects with amounts (issue 68). */
export interface ProjectListing {
  /** The table's title as written. */
  title: string;
  /** The unit its amounts were written in (元, 万元). */
  amountUnit: string;
  /** Its rows that name a project with an amount, in order; rows that sum others (合计, a unit's or a kind's subtotal) are left out. */
  projects: ListedProject[];
  /** The 合计 row's amount, when the table states one. */
  total: Fen | null;
  /** A note that the list leaves projects out (部分具体项目信息公开时予以剔除), as written; null when none. */
  omissionNote: string | null;
  source: SourceLocation;
}
