/**
 * Reads the Jixiao workbook (.xlsx) — the Excel export and the fill-in template are one format —
 * straight into ParsedDocuments (not through the text blocks: a spreadsheet is already a table).
 *
 * The layout (WORKBOOK_LAYOUT below, written by ../../exporters/xlsx-exporter.ts):
 * - 单位: one row per document (文档编号, 单位编码, 单位名称, 年度, 总体绩效目标, 指标体系, 来源文件).
 * - 部门目标: the numbered items of part one (分项绩效目标 / 工作保障措施), one row each.
 * - 项目: one row per project table; amounts in 万元 (up to six decimals, exact to the fen).
 * - 指标: one row per indicator, tied to its project by 项目键 (or the project code).
 * - 说明, 问题 (review findings) and 指标体系 (the drop-down lists) are not read as data.
 * Columns are found by their header text in row 1, so they may be reordered; unknown columns are
 * ignored. An empty 一级/二级指标 cell means "the same as the row above", as in the documents.
 *
 * Validation is all or nothing: every bad cell is collected (e.g. "项目!H12: 预算数“abc”不是金额")
 * and one XlsxImportError listing them all is thrown, so a workbook with errors imports nothing.
 * What the text importer only warns about (a synonym category, a level 2 under another level 1,
 * an odd project code) is a Diagnostic here too, located by cell.
 *
 * Every value remembers its cell: SourceLocation { line: row, ref: "项目!H12" }.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Cell, Worksheet } from 'exceljs';
import {
  getFramework,
  level1Of,
  normalizeCategories,
  selectFramework,
  type IndicatorFramework,
} from '../../../shared/domain/framework';
import {
  CHECKPOINTS,
  type Checkpoint,
  type Department,
  type DepartmentTargets,
  type Diagnostic,
  type GoalItem,
  type Indicator,
  type ParsedDocument,
  type Project,
  type Severity,
  type SourceLocation,
  type SpendingCheckpoint,
} from '../../../shared/domain/model';
import { amountOfPercent, parseAmount, percentHundredths, type MoneyUnit } from '../../../shared/domain/money';
import { parseTargetValue } from '../../../shared/domain/target-value';
import { compactLabel, toHalfWidth } from '../../../shared/domain/text';
import { DocumentReadError } from '../errors';
import { readerFailure } from '../reader-errors';
import { columnLetter, isPercentFormat, numberToDecimal, readValue } from './cells';

// ---------------------------------------------------------------------------------------------
// The layout, shared with the exporter
// ---------------------------------------------------------------------------------------------

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** The header written in row 1. */
  header: string;
  /** Other headers accepted on import (compared without whitespace, full/half width alike). */
  aliases?: readonly string[];
  /** Column width in characters, for the exporter. */
  width: number;
  /** A workbook whose sheet lacks this column is refused (whether its cells may be blank is in `note`). */
  required?: boolean;
  /** Written by the exporter for people, never read back. */
  info?: boolean;
  /** For the 说明 sheet. */
  note: string;
}

const col = <K extends string>(spec: ColumnSpec<K>) => spec;

export const SHEET = {
  instructions: '说明',
  units: '单位',
  items: '部门目标',
  projects: '项目',
  indicators: '指标',
  findings: '问题',
  framework: '指标体系',
  fields: '表单栏目',
  extras: '附加列',
  narrative: '项目说明',
  targets: '部门整体目标',
  duties: '履职目标',
  targetIndicators: '部门整体指标',
} as const;

export const UNIT_COLUMNS = [
  col({ key: 'doc', header: '文档编号', width: 10, note: '本行单位文档的编号，其他工作表用它指向本行；工作簿只有一个单位时可不填' }),
  col({ key: 'code', header: '单位编码', width: 12, note: '如 763001' }),
  col({ key: 'name', header: '单位名称', width: 36, required: true, note: '如 中共唐山市路南区委社会工作部；填了单位编码时必填' }),
  col({ key: 'year', header: '年度', aliases: ['预算年度'], width: 8, note: '预算年度，如 2025；不填时按项目编码推定' }),
  col({ key: 'overall', header: '总体绩效目标', width: 80, note: '第一部分“一、总体绩效目标”的全文，可分段（Alt+Enter 换行）' }),
  col({ key: 'framework', header: '指标体系', width: 12, note: '指标体系编号（如 cn-2015）；不填时按年度和地区选择' }),
  col({ key: 'file', header: '来源文件', width: 30, info: true, note: '导出时的来源文件名，仅供参考，导入时不读取' }),
] as const;

export const ITEM_COLUMNS = [
  col({ key: 'doc', header: '文档编号', width: 10, note: '所属单位文档（单位表的文档编号）' }),
  col({ key: 'kind', header: '类别', width: 14, required: true, note: '必填：分项绩效目标 或 工作保障措施' }),
  col({ key: 'numbering', header: '编号', width: 8, note: '原文的编号，如（一）、1.、一是；可不填' }),
  col({ key: 'title', header: '标题', width: 30, note: '条目标题（不含编号）' }),
  col({ key: 'text', header: '正文', width: 60, note: '标题下的正文' }),
  col({ key: 'goalText', header: '绩效目标', width: 40, note: '条目自己的“绩效目标：”段落' }),
  col({ key: 'indicatorText', header: '绩效指标', width: 40, note: '条目自己的“绩效指标：”段落' }),
] as const;

export const PROJECT_COLUMNS = [
  col({ key: 'key', header: '项目键', width: 16, note: '指标表用它指向本项目；不填时用项目编码。工作簿内不得重复' }),
  col({ key: 'doc', header: '文档编号', width: 10, note: '所属单位文档（单位表的文档编号）；只有一个单位时可不填' }),
  col({ key: 'part', header: '部分', width: 8, note: '项目（第二部分 预算项目）或 公用（第三部分 预算公用）；不填为项目' }),
  col({ key: 'sequence', header: '序号', width: 6, note: '在本部分中的顺序号；不填时按行的顺序编号' }),
  col({ key: 'code', header: '项目编码', width: 24, note: '如 13020225P008911100023' }),
  col({ key: 'name', header: '项目名称', width: 30, required: true, note: '必填' }),
  col({ key: 'total', header: '预算数（万元）', aliases: ['预算数'], width: 14, required: true, note: '必填，万元，最多六位小数（精确到分）' }),
  col({ key: 'fiscal', header: '财政资金（万元）', aliases: ['财政资金', '其中：财政资金'], width: 14, note: '万元' }),
  col({ key: 'other', header: '其他资金（万元）', aliases: ['其他资金'], width: 14, note: '万元' }),
  col({ key: 'purpose', header: '资金用途', width: 40, note: '预算规模及资金用途' }),
  col({ key: 'planUnit', header: '计划口径', width: 9, note: '资金支出计划的填写口径：% 或 万元；不填为 %。单元格写“25%”或“30万元”时以单元格为准' }),
  col({ key: 'p03', header: '3月底', width: 10, note: '截至3月底累计支出计划' }),
  col({ key: 'p06', header: '6月底', width: 10, note: '截至6月底累计支出计划' }),
  col({ key: 'p10', header: '10月底', width: 10, note: '截至10月底累计支出计划' }),
  col({ key: 'p12', header: '12月底', width: 10, note: '截至12月底累计支出计划' }),
  col({ key: 'goals', header: '绩效目标', width: 60, note: '每行一个目标（Alt+Enter 换行），不写编号' }),
  col({ key: 'title', header: '表格标题', width: 36, note: '原文的表格标题，如“城市社区工作者薪酬经费绩效目标表”；可不填' }),
  col({ key: 'department', header: '表头单位', width: 36, note: '表头的单位编码和名称；不填时与单位表相同，“无”表示原表表头没有单位' }),
  col({ key: 'amountUnit', header: '原表金额单位', width: 12, note: '原表的金额单位（万元 或 元），本表金额一律为万元；不填为万元' }),
  col({ key: 'projectTotal', header: '项目资金总额（万元）', aliases: ['项目资金总额'], width: 14, note: '申报表中整个项目周期的资金总额（与本年度预算数分列时填写），万元' }),
  col({ key: 'projectFiscal', header: '项目财政资金（万元）', aliases: ['项目财政资金'], width: 14, note: '项目资金总额中的财政资金，万元' }),
  col({ key: 'projectOther', header: '项目其他资金（万元）', aliases: ['项目其他资金'], width: 14, note: '项目资金总额中的其他资金，万元' }),
  col({ key: 'longTermGoals', header: '项目总目标', aliases: ['长期目标'], width: 50, note: '整个项目周期的目标（项目总目标、长期目标），每行一个，不写编号' }),
] as const;

export const INDICATOR_COLUMNS = [
  col({ key: 'project', header: '项目键', aliases: ['项目编码', '项目键或项目编码'], width: 16, required: true, note: '必填：项目表的项目键（或项目编码）' }),
  col({ key: 'projectName', header: '项目名称（参考）', width: 24, info: true, note: '仅供查看和筛选，导入时不读取' }),
  col({ key: 'level1', header: '一级指标', width: 12, required: true, note: '必填，下拉选择；空白表示与上一行相同' }),
  col({ key: 'level2', header: '二级指标', width: 16, required: true, note: '必填，下拉选择；空白表示与上一行相同' }),
  col({ key: 'name', header: '三级指标', width: 24, required: true, note: '必填' }),
  col({ key: 'description', header: '绩效指标描述', width: 30, note: '' }),
  col({ key: 'target', header: '指标值', width: 14, required: true, note: '如 ≥85%、≤10万元、100%、2025年12月底前、显著提高；空白时导入，审核会指出缺少指标值' }),
  col({ key: 'basis', header: '指标值确定依据', width: 24, note: '' }),
  col({ key: 'level1Inherited', header: '一级沿用上行', width: 8, note: '“是”表示原表此格与上一行合并（导出时填写，保证原样导回）；一般不填' }),
  col({ key: 'level2Inherited', header: '二级沿用上行', width: 8, note: '同上，针对二级指标' }),
  col({ key: 'group', header: '指标组', width: 8, note: '年度 或 长期（原表分列长期、年度两组指标时）；不填为年度' }),
] as const;

/** 部门整体指标: the indicators of a department's whole-budget targets, as on 指标 but by 文档编号. */
export const TARGET_INDICATOR_COLUMNS = [
  col({ key: 'doc', header: '文档编号', width: 10, note: '所属单位文档（单位表的文档编号）；只有一个单位时可不填' }),
  ...INDICATOR_COLUMNS.filter((c) => c.key !== 'project' && c.key !== 'projectName' && c.key !== 'group'),
] as const;

/** 表单栏目: the form's other fields of projects and department targets, and further money lines. */
export const FIELD_COLUMNS = [
  col({ key: 'doc', header: '文档编号', width: 10, note: '所属单位文档；只有一个单位时可不填' }),
  col({ key: 'project', header: '项目键', width: 16, note: '所属项目（项目表的项目键或项目编码）；部门整体目标的栏目不填' }),
  col({ key: 'kind', header: '类别', width: 10, required: true, note: '栏目（表单的其他栏目）、本年资金（本年度资金的其他来源，如上年结转资金）或 项目资金（项目资金总额的其他来源）' }),
  col({ key: 'key', header: '栏目键', width: 12, note: '已知栏目的标识，如 nature（项目性质）、implementer（实施单位）、period（实施期）；未知栏目不填' }),
  col({ key: 'label', header: '名称', width: 20, required: true, note: '原表的栏目名称，如 项目性质、上年结转资金' }),
  col({ key: 'value', header: '内容', width: 40, note: '栏目的内容（类别为栏目时）' }),
  col({ key: 'amount', header: '金额（万元）', width: 14, note: '资金的金额（类别为本年资金或项目资金时），万元' }),
] as const;

/** 附加列: cells of indicator columns the model does not know (绩效标准, 指标解释 …), by indicator. */
export const EXTRA_COLUMNS = [
  col({ key: 'doc', header: '文档编号', width: 10, note: '所属单位文档；只有一个单位时可不填' }),
  col({ key: 'project', header: '项目键', width: 16, note: '所属项目；部门整体指标不填' }),
  col({ key: 'group', header: '指标组', width: 10, note: '年度、长期 或 部门整体；不填为年度' }),
  col({ key: 'index', header: '指标序号', width: 8, required: true, note: '该项目（该组）的第几个指标，从 1 起，按指标表的顺序' }),
  col({ key: 'header', header: '列名', width: 16, required: true, note: '原表的列名，如 绩效标准、指标解释、评（记）分标准、备注' }),
  col({ key: 'text', header: '内容', width: 40, note: '该指标在这一列的内容' }),
] as const;

/** 项目说明: the narrative that came with a project's table (项目经费情况说明), by section. */
export const NARRATIVE_COLUMNS = [
  col({ key: 'project', header: '项目键', width: 16, required: true, note: '所属项目' }),
  col({ key: 'title', header: '标题', width: 16, note: '章节标题，如 项目概述、立项依据' }),
  col({ key: 'text', header: '内容', width: 80, note: '章节正文，可分段' }),
] as const;

/** 部门整体目标: a department's whole-budget targets (部门整体支出绩效目标表), one row per document. */
export const TARGET_COLUMNS = [
  col({ key: 'doc', header: '文档编号', width: 10, note: '所属单位文档；只有一个单位时可不填' }),
  col({ key: 'title', header: '表格标题', width: 30, note: '如 2025年度部门整体支出绩效目标表' }),
  col({ key: 'name', header: '部门（单位）名称', width: 30, note: '' }),
  col({ key: 'code', header: '部门编码', width: 10, note: '部门（单位）名称中带的编码' }),
  col({ key: 'budgetCode', header: '部门预算编码', width: 12, note: '' }),
  col({ key: 'year', header: '年度', width: 8, note: '不填为单位表的年度' }),
  col({ key: 'amountUnit', header: '原表金额单位', width: 12, note: '万元 或 元；本表金额一律为万元' }),
  col({ key: 'total', header: '资金总额（万元）', width: 14, note: '年度预算安排：资金总额' }),
  col({ key: 'projectSpending', header: '项目支出（万元）', width: 14, note: '年度预算安排：项目支出' }),
  col({ key: 'basic', header: '基本支出（万元）', width: 14, note: '年度预算安排：基本支出' }),
  col({ key: 'goals', header: '年度总体目标', width: 50, note: '每行一个目标，不写“目标1”等编号' }),
] as const;

/** 履职目标: the duty rows of the department's whole-budget targets. */
export const DUTY_COLUMNS = [
  col({ key: 'doc', header: '文档编号', width: 10, note: '所属单位文档；只有一个单位时可不填' }),
  col({ key: 'function', header: '部门职能', width: 20, note: '' }),
  col({ key: 'task', header: '年度目标任务', width: 30, note: '' }),
  col({ key: 'projects', header: '支出项目名称', width: 30, note: '' }),
  col({ key: 'amount', header: '预算金额（万元）', width: 14, note: '' }),
] as const;

export const FIELD_KIND_LABEL = { field: '栏目', budget: '本年资金', project: '项目资金' } as const;
export const GROUP_LABEL = { annual: '年度', longTerm: '长期', department: '部门整体' } as const;

/** The 指标体系 sheet: the drop-down lists and, beside them, which framework they are. */
export const FRAMEWORK_ID_HEADER = '指标体系编号';

export const PLAN_COLUMN: Record<Checkpoint, 'p03' | 'p06' | 'p10' | 'p12'> = { '03': 'p03', '06': 'p06', '10': 'p10', '12': 'p12' };
export const PART_LABEL = { project: '项目', public: '公用' } as const;
export const ITEM_KIND_LABEL = { subGoals: '分项绩效目标', measures: '工作保障措施' } as const;
/** The 表头单位 of a table whose header named no unit. */
export const NO_DEPARTMENT = '无';
export const YES = '是';

/**
 * Text for a cell, so that it reads back exactly: control characters (which XML cannot hold) are
 * written as Excel's _xHHHH_ escapes, and a literal "_xHHHH_" in the text is escaped itself
 * (ExcelJS and Excel decode both on reading).
 */
export function encodeCellText(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export interface CellError {
  /** "项目!H12"; a whole sheet or header row is named by its first cell. */
  ref: string;
  message: string;
}

/**
 * A workbook with bad rows: every error by cell, nothing imported. One line for people names
 * the file, the first cell and how many more there are; `errors` has them all.
 */
export class XlsxImportError extends DocumentReadError {
  constructor(
    file: string,
    public readonly errors: readonly CellError[],
  ) {
    const first = errors[0] ?? { ref: '', message: '工作簿无法导入' };
    const more = errors.length - 1;
    super(file, null, `${first.ref ? `${first.ref}: ` : ''}${first.message}${more > 0 ? `（另有 ${more} 处错误）` : ''}，未导入`);
    this.name = 'XlsxImportError';
  }

  /** Every error, one line each: "book.xlsx: 项目!H12: 预算数“abc”不是金额". */
  toLines(): string[] {
    return this.errors.map((e) => `${this.file}: ${e.ref}: ${e.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------------

interface CellRead {
  /** Trimmed text; numbers as their decimal text ("20.982"); '' when blank. */
  text: string;
  /** The number of a numeric cell; a percentage-formatted cell (25% typed) gives 25, not 0.25. */
  number: number | null;
  /** A cell merged into the one above (not its top-left cell). */
  merged: boolean;
  /** Why the cell cannot be read (an Excel error value such as #N/A). */
  bad: string | null;
  loc: SourceLocation;
}

const SHEET_ORDER: string[] = [
  SHEET.units,
  SHEET.items,
  SHEET.projects,
  SHEET.indicators,
  SHEET.fields,
  SHEET.extras,
  SHEET.narrative,
  SHEET.targets,
  SHEET.duties,
  SHEET.targetIndicators,
];

const refOf = (sheet: string, row: number, column: number) => `${sheet}!${columnLetter(column)}${row}`;

function readCell(ws: Worksheet, row: number, column: number): CellRead {
  const cell: Cell = ws.getRow(row).getCell(column);
  const loc = { line: row, ref: refOf(ws.name, row, column) };
  if (cell.type === ExcelJS.ValueType.Merge && cell.master.address !== cell.address) {
    return { text: '', number: null, merged: true, bad: null, loc };
  }
  const v = readValue(cell.value);
  let number = v.number;
  let text = v.text;
  if (number !== null && isPercentFormat(cell.numFmt)) {
    number *= 100;
    text = `${numberToDecimal(number)}%`;
  }
  return { text: text.trim(), number, merged: false, bad: v.bad, loc };
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

interface TableRow<K extends string> {
  row: number;
  /** The row's first cell, for a row-level SourceLocation. */
  loc: SourceLocation;
  cell: (key: K) => CellRead;
  has: (key: K) => boolean;
}

class Collector {
  readonly errors: (CellError & { sheet: number; row: number; column: number })[] = [];
  /** Missing sheets and columns, duplicate headers. */
  structural = 0;

  /** One error per cell: the first said about it (a cell holding #N/A is not also "empty"). */
  add(ref: string, message: string): void {
    if (this.errors.some((e) => e.ref === ref)) return;
    const m = /^(.*)!([A-Z]+)(\d+)$/.exec(ref);
    const sheet = m ? SHEET_ORDER.indexOf(m[1]!) : SHEET_ORDER.indexOf(ref);
    const column = m ? [...m[2]!].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) : 0;
    this.errors.push({ ref, message, sheet: sheet < 0 ? SHEET_ORDER.length : sheet, row: m ? Number(m[3]) : 0, column });
  }

  at(cell: CellRead, message: string): void {
    this.add(cell.loc.ref!, message);
  }

  sorted(): CellError[] {
    return [...this.errors]
      .sort((a, b) => a.sheet - b.sheet || a.row - b.row || a.column - b.column)
      .map(({ ref, message }) => ({ ref, message }));
  }
}

/** Rows 2… of a sheet, columns found by header; blank rows skipped. */
function readTable<K extends string>(
  ws: Worksheet | undefined,
  name: string,
  columns: readonly ColumnSpec<K>[],
  errors: Collector,
  required: boolean,
): TableRow<K>[] {
  if (!ws) {
    if (required) {
      errors.add(`${name}!A1`, `缺少工作表“${name}”`);
      errors.structural++;
    }
    return [];
  }
  const at = new Map<K, number>();
  const header = ws.getRow(1);
  const lastColumn = Math.max(ws.columnCount, header.cellCount);
  for (let c = 1; c <= lastColumn; c++) {
    const label = compactLabel(readValue(header.getCell(c).value).text);
    if (label === '') continue;
    const spec = columns.find((s) => [s.header, ...(s.aliases ?? [])].some((h) => compactLabel(h) === label));
    if (!spec || spec.info) continue;
    if (at.has(spec.key)) {
      errors.add(refOf(name, 1, c), `列“${spec.header}”重复`);
      errors.structural++;
    } else at.set(spec.key, c);
  }
  // each missing column is named at the header cell where it could be added
  let next = lastColumn;
  for (const spec of columns) {
    if (spec.required && !at.has(spec.key)) {
      errors.add(refOf(name, 1, ++next), `缺少必需的列“${spec.header}”`);
      errors.structural++;
    }
  }
  const used = [...at.values()];
  const rows: TableRow<K>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const cells = new Map<K, CellRead>();
    for (const [key, c] of at) cells.set(key, readCell(ws, r, c));
    if ([...cells.values()].every((c) => c.text === '' && !c.bad)) continue;
    const blank: CellRead = { text: '', number: null, merged: false, bad: null, loc: { line: r, ref: refOf(name, r, used[0] ?? 1) } };
    rows.push({
      row: r,
      loc: { line: r, ref: refOf(name, r, 1) },
      cell: (key) => cells.get(key) ?? blank,
      has: (key) => cells.has(key),
    });
  }
  // An Excel error value in any read cell is an error of its own.
  for (const row of rows) {
    for (const spec of columns) {
      if (!row.has(spec.key)) continue;
      const c = row.cell(spec.key);
      if (c.bad) errors.at(c, `${spec.header}：${c.bad}`);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------------

/** Project codes: region (6 digits) + year (2 digits) + a letter + serial, as in document-parser.ts. */
const PROJECT_CODE = /^(\d{6})(\d{2})[A-Z][0-9A-Z]+$/;

type ProjectKey = (typeof PROJECT_COLUMNS)[number]['key'];
type IndicatorKey = (typeof INDICATOR_COLUMNS)[number]['key'];
type TargetKey = (typeof TARGET_COLUMNS)[number]['key'];
type DutyKey = (typeof DUTY_COLUMNS)[number]['key'];
type TargetIndicatorKey = (typeof TARGET_INDICATOR_COLUMNS)[number]['key'];
type FieldKey = (typeof FIELD_COLUMNS)[number]['key'];
type ExtraKey = (typeof EXTRA_COLUMNS)[number]['key'];
/** The cells an indicator row is read from, on 指标 and on 部门整体指标. */
type IndicatorCellKey = 'level1' | 'level2' | 'name' | 'description' | 'target' | 'basis' | 'level1Inherited' | 'level2Inherited';

interface DocDraft {
  key: string;
  year: number | null;
  frameworkId: string | null;
  doc: ParsedDocument;
  report: (severity: Severity, code: string, message: string, source: SourceLocation) => void;
  framework?: IndicatorFramework;
}

/** What an indicator row is read in: its project's framework, and the categories carried down. */
interface IndicatorContext {
  framework: IndicatorFramework;
  report: DocDraft['report'];
  projectName: string;
  /** Category cells carried down to the next indicator row. */
  level1Raw: string;
  level2Raw: string;
}

interface ProjectDraft extends IndicatorContext {
  /** The long-term indicators (指标组 长期) are read in a context of their own: categories carry down within their group. */
  longTerm: IndicatorContext;
  /** null when the row's 文档编号 is wrong (an error is reported). */
  draft: DocDraft | null;
  project: Project;
  row: TableRow<ProjectKey>;
  /** Some indicator row points to it (even one with errors). */
  referenced: boolean;
  /** It can be pointed to: its key (or code) is its own. */
  registered: boolean;
  /** It has neither a 项目键 nor a code. */
  keyless: boolean;
}

function preview(s: string, max = 30): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

const orNull = (s: string) => (s === '' ? null : s);

/**
 * The sha256 of a document read from a workbook. The store treats equal hashes as the same
 * document (and keeps current hashes unique), so the documents of one workbook get distinct ones:
 * the bytes' own hash when the workbook holds one document, else the hash of the bytes followed by
 * "#" and the document's 文档编号 — stable, so importing the same workbook again is 'unchanged'.
 */
function documentHash(bytes: Uint8Array, key: string, count: number): string {
  const hash = createHash('sha256').update(bytes);
  if (count > 1) hash.update(`#${key}`);
  return hash.digest('hex');
}

/** Reads a Jixiao workbook. Throws XlsxImportError (every bad cell) or DocumentReadError. */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<ParsedDocument[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (e) {
    throw new DocumentReadError(file, null, `不是有效的 Excel 工作簿（.xlsx）：${readerFailure(e)}`);
  }
  const errors = new Collector();
  const sheet = (name: string) => wb.worksheets.find((ws) => compactLabel(ws.name) === compactLabel(name));

  const unitRows = readTable(sheet(SHEET.units), SHEET.units, UNIT_COLUMNS, errors, true);
  const itemRows = readTable(sheet(SHEET.items), SHEET.items, ITEM_COLUMNS, errors, false);
  const projectRows = readTable(sheet(SHEET.projects), SHEET.projects, PROJECT_COLUMNS, errors, true);
  const indicatorRows = readTable(sheet(SHEET.indicators), SHEET.indicators, INDICATOR_COLUMNS, errors, true);
  const fieldRows = readTable(sheet(SHEET.fields), SHEET.fields, FIELD_COLUMNS, errors, false);
  const extraRows = readTable(sheet(SHEET.extras), SHEET.extras, EXTRA_COLUMNS, errors, false);
  const narrativeRows = readTable(sheet(SHEET.narrative), SHEET.narrative, NARRATIVE_COLUMNS, errors, false);
  const targetRows = readTable(sheet(SHEET.targets), SHEET.targets, TARGET_COLUMNS, errors, false);
  const dutyRows = readTable(sheet(SHEET.duties), SHEET.duties, DUTY_COLUMNS, errors, false);
  const targetIndicatorRows = readTable(sheet(SHEET.targetIndicators), SHEET.targetIndicators, TARGET_INDICATOR_COLUMNS, errors, false);
  const templateFramework = readTemplateFramework(sheet(SHEET.framework));
  // Without its sheets and columns the rows cannot be checked meaningfully: stop here.
  if (errors.structural > 0) throw new XlsxImportError(file, errors.sorted());

  if (unitRows.length === 0) {
    if (projectRows.length === 0 && indicatorRows.length === 0 && itemRows.length === 0) {
      throw new XlsxImportError(file, [{ ref: `${SHEET.units}!A2`, message: '工作簿中没有任何数据（单位表为空）' }]);
    }
    errors.add(`${SHEET.units}!A2`, '单位表没有数据：请填写单位名称等');
  }

  // 单位
  const drafts: DocDraft[] = [];
  const byKey = new Map<string, DocDraft>();
  for (const row of unitRows) {
    const keyCell = row.cell('doc');
    const key = keyCell.text;
    if (key === '' && unitRows.length > 1) errors.at(keyCell, '文档编号为空：工作簿中有多个单位时必须填写');
    else if (byKey.has(key)) errors.at(keyCell, `文档编号“${preview(key)}”重复`);
    const codeCell = row.cell('code');
    const nameCell = row.cell('name');
    let department: Department | null = null;
    if (nameCell.text !== '') department = { code: orNull(codeCell.text), name: nameCell.text, source: nameCell.loc };
    else if (codeCell.text !== '') errors.at(nameCell, '单位名称为空');
    const year = readYear(row.cell('year'), errors);
    const fwCell = row.cell('framework');
    if (fwCell.text !== '' && !getFramework(fwCell.text)) errors.at(fwCell, `指标体系“${preview(fwCell.text)}”不存在`);
    const overallCell = row.cell('overall');
    const diagnostics: Diagnostic[] = [];
    const draft: DocDraft = {
      key,
      year,
      frameworkId: orNull(fwCell.text),
      doc: {
        file,
        format: 'xlsx',
        encoding: 'xlsx',
        sha256: '',
        year,
        department,
        departmentTargets: null,
        departmentGoals: {
          overall: orNull(overallCell.text),
          overallSource: overallCell.text === '' ? null : overallCell.loc,
          subGoals: [],
          measures: [],
        },
        projects: [],
        diagnostics,
        frameworkVersion: '',
      },
      report: (severity, code, message, source) => diagnostics.push({ severity, code, message, source }),
    };
    drafts.push(draft);
    if (!byKey.has(key)) byKey.set(key, draft);
  }
  const docOf = (cell: CellRead): DocDraft | null => {
    if (cell.text === '' && drafts.length === 1) return drafts[0]!;
    if (cell.text === '') {
      if (drafts.length > 1) errors.at(cell, '文档编号为空：工作簿中有多个单位时必须填写');
      return null;
    }
    const found = byKey.get(cell.text);
    if (!found) errors.at(cell, `文档编号“${preview(cell.text)}”在单位表中不存在`);
    return found ?? null;
  };

  // 部门目标
  for (const row of itemRows) {
    const draft = docOf(row.cell('doc'));
    const kindCell = row.cell('kind');
    const kind = itemKind(kindCell.text);
    if (kind === null) {
      errors.at(kindCell, kindCell.text === '' ? '类别为空：应为“分项绩效目标”或“工作保障措施”' : `类别“${preview(kindCell.text)}”应为“分项绩效目标”或“工作保障措施”`);
    }
    if (!draft || kind === null) continue;
    const item: GoalItem = {
      title: row.cell('title').text,
      numbering: orNull(row.cell('numbering').text),
      text: orNull(row.cell('text').text),
      goalText: orNull(row.cell('goalText').text),
      indicatorText: orNull(row.cell('indicatorText').text),
      source: row.cell('title').loc,
    };
    draft.doc.departmentGoals[kind].push(item);
  }

  // 项目
  const projects: ProjectDraft[] = [];
  const projectByKey = new Map<string, ProjectDraft>();
  const projectsByCode = new Map<string, ProjectDraft[]>();
  for (const row of projectRows) {
    const draft = docOf(row.cell('doc'));
    // A project with errors is still registered, so that its indicator rows are checked too
    // rather than reported as pointing nowhere.
    const project = readProjectRow(row, draft, errors);
    const pd: ProjectDraft = {
      draft,
      project,
      row,
      // the framework is known once the document's year is (below)
      framework: selectFramework(null),
      report: draft?.report ?? (() => {}),
      projectName: project.name,
      level1Raw: '',
      level2Raw: '',
      longTerm: { framework: selectFramework(null), report: draft?.report ?? (() => {}), projectName: project.name, level1Raw: '', level2Raw: '' },
      referenced: false,
      registered: false,
      keyless: false,
    };
    projects.push(pd);
    draft?.doc.projects.push(project);
    const keyCell = row.cell('key');
    const key = keyCell.text !== '' ? keyCell.text : project.code;
    pd.keyless = key === null;
    if (key !== null) {
      if (!projectByKey.has(key)) {
        projectByKey.set(key, pd);
        pd.registered = true;
      } else if (keyCell.text !== '') errors.at(keyCell, `项目键“${preview(key)}”重复`);
      else errors.at(row.cell('code'), `项目编码“${preview(key)}”与其他项目重复：请填写项目键以区分`);
    }
    if (project.code !== null) projectsByCode.set(project.code, [...(projectsByCode.get(project.code) ?? []), pd]);
  }

  // Per document: sequences, year, framework.
  for (const draft of drafts) {
    const counts = { project: 0, public: 0 };
    for (const p of draft.doc.projects) {
      counts[p.part]++;
      if (p.sequence === 0) p.sequence = counts[p.part];
    }
    const { year, region } = yearAndRegion(draft.doc.projects);
    draft.doc.year = draft.year ?? year;
    const chosen = draft.frameworkId ?? templateFramework;
    draft.framework = (chosen && getFramework(chosen)) || selectFramework(draft.doc.year, region);
    draft.doc.frameworkVersion = draft.framework.id;
    for (const p of draft.doc.projects) {
      const m = p.code ? PROJECT_CODE.exec(p.code) : null;
      p.year = m ? 2000 + Number(m[2]) : draft.doc.year;
    }
  }
  for (const pd of projects) if (pd.draft) pd.framework = pd.longTerm.framework = pd.draft.framework!;

  // 指标
  // Rows whose project is unknown are still checked (against the only document's framework, or
  // the default), so that all their errors are reported at once; they carry categories per key.
  const orphans = new Map<string, IndicatorContext>();
  const orphanFramework = drafts.length === 1 ? drafts[0]!.framework! : selectFramework(null);
  for (const row of indicatorRows) {
    const keyCell = row.cell('project');
    let pd: ProjectDraft | undefined;
    if (keyCell.text === '') errors.at(keyCell, '项目键为空：请填写项目表中的项目键或项目编码');
    else {
      pd = projectByKey.get(keyCell.text);
      if (!pd) {
        const byCode = projectsByCode.get(compactLabel(keyCell.text)) ?? [];
        if (byCode.length === 1) pd = byCode[0];
        else if (byCode.length > 1) errors.at(keyCell, `项目编码“${preview(keyCell.text)}”对应多个项目，请改用项目键`);
        else errors.at(keyCell, `项目“${preview(keyCell.text)}”不存在：项目表中没有这个项目键或项目编码`);
      }
    }
    if (pd) pd.referenced = true;
    const group = readGroup(row.cell('group'), errors, false);
    let context: IndicatorContext | undefined = group === 'longTerm' ? pd?.longTerm : pd;
    if (!context) {
      context = orphans.get(keyCell.text);
      if (!context) {
        context = { framework: orphanFramework, report: () => {}, projectName: keyCell.text, level1Raw: '', level2Raw: '' };
        orphans.set(keyCell.text, context);
      }
    }
    const indicator = readIndicatorRow(row, context, errors);
    if (pd && indicator) (group === 'longTerm' ? pd.project.longTermIndicators : pd.project.indicators).push(indicator);
  }

  // What documents of other layouts carry: department targets, fields, extra columns, narratives.
  const projectOf = (cell: CellRead): ProjectDraft | null => {
    const pd = projectByKey.get(cell.text) ?? (projectsByCode.get(compactLabel(cell.text)) ?? []).at(0);
    if (!pd) errors.at(cell, `项目“${preview(cell.text)}”不存在：项目表中没有这个项目键或项目编码`);
    return pd ?? null;
  };
  readTargets(docOf, { targets: targetRows, duties: dutyRows, indicators: targetIndicatorRows }, errors);
  readFields(fieldRows, docOf, projectOf, errors);
  readExtras(extraRows, docOf, projectOf, errors);
  for (const row of narrativeRows) {
    const pd = projectOf(row.cell('project'));
    const title = row.cell('title');
    const text = row.cell('text');
    if (pd) pd.project.narrative.push({ title: title.text, text: text.text, source: title.text !== '' ? title.loc : text.loc });
  }

  for (const pd of projects) {
    if (!pd.referenced && (pd.registered || pd.keyless)) {
      const why = pd.registered ? '指标表中没有指向它的行' : '它没有项目键也没有项目编码，指标表无法指向它';
      errors.at(pd.row.cell('name'), `项目“${preview(pd.project.name)}”没有指标：${why}`);
    }
  }

  if (errors.errors.length > 0) throw new XlsxImportError(file, errors.sorted());

  for (const draft of drafts) {
    draft.doc.sha256 = documentHash(bytes, draft.key, drafts.length);
    reportDepartmentMismatch(draft);
  }
  return drafts.map((d) => d.doc);
}

function readTemplateFramework(ws: Worksheet | undefined): string | null {
  if (!ws) return null;
  const header = ws.getRow(1);
  for (let c = 1; c <= header.cellCount; c++) {
    if (compactLabel(readValue(header.getCell(c).value).text) === FRAMEWORK_ID_HEADER) {
      const id = readValue(ws.getRow(2).getCell(c).value).text.trim();
      return getFramework(id) ? id : null;
    }
  }
  return null;
}

function readYear(cell: CellRead, errors: Collector): number | null {
  if (cell.text === '') return null;
  const m = /^(\d{4})(年)?$/.exec(toHalfWidth(cell.text));
  const year = m ? Number(m[1]) : NaN;
  if (!(year >= 1990 && year <= 2100)) {
    errors.at(cell, `年度“${preview(cell.text)}”不是有效的年份`);
    return null;
  }
  return year;
}

function itemKind(text: string): 'subGoals' | 'measures' | null {
  const t = compactLabel(text);
  if (['分项绩效目标', '分项目标', '分项'].includes(t)) return 'subGoals';
  if (['工作保障措施', '保障措施', '措施'].includes(t)) return 'measures';
  return null;
}

function partOf(text: string): Project['part'] | null {
  const t = compactLabel(text);
  if (['', '项目', '预算项目', '第二部分'].includes(t)) return 'project';
  if (['公用', '预算公用', '第三部分'].includes(t)) return 'public';
  return null;
}

/** One project row; with errors reported the project is still returned (never stored). */
function readProjectRow(row: TableRow<ProjectKey>, draft: DocDraft | null, errors: Collector): Project {
  let ok = true;
  const fail = (cell: CellRead, message: string) => {
    errors.at(cell, message);
    ok = false;
  };
  const report = draft?.report ?? (() => {});

  const partCell = row.cell('part');
  const part = partOf(partCell.text);
  if (part === null) fail(partCell, `部分“${preview(partCell.text)}”应为“项目”或“公用”`);

  const seqCell = row.cell('sequence');
  let sequence = 0;
  if (seqCell.text !== '') {
    if (/^\d{1,5}$/.test(seqCell.text) && Number(seqCell.text) >= 1) sequence = Number(seqCell.text);
    else fail(seqCell, `序号“${preview(seqCell.text)}”不是正整数`);
  }

  const codeCell = row.cell('code');
  const code = orNull(compactLabel(codeCell.text));
  if (code === null) report('warning', 'blank-project-code', '项目编码为空', codeCell.loc);
  else if (!PROJECT_CODE.test(code)) {
    report('warning', 'odd-project-code', `项目编码“${code}”不符合“地区码+年度+P+序号”的格式`, codeCell.loc);
  }

  const nameCell = row.cell('name');
  const name = nameCell.text.replace(/\s*\n\s*/g, '');
  if (name === '') fail(nameCell, '项目名称为空');

  const unitCell = row.cell('amountUnit');
  const amountUnit = unitCell.text === '' ? '万元' : compactLabel(unitCell.text);
  if (amountUnit !== '万元' && amountUnit !== '元') fail(unitCell, `原表金额单位“${preview(unitCell.text)}”应为“万元”或“元”`);

  const amount = (key: 'total' | 'fiscal' | 'other' | 'projectTotal' | 'projectFiscal' | 'projectOther', label: string, required: boolean): number | null => {
    const cell = row.cell(key);
    if (cell.text === '') {
      if (required) fail(cell, `${label}为空`);
      return null;
    }
    const r = parseAmount(cell.text, '万元');
    if (!r.ok) {
      const why = /小数位过多/.test(r.reason) ? '小数位过多，无法精确到分' : /超出范围/.test(r.reason) ? '超出范围' : '不是金额';
      fail(cell, `${label}“${preview(cell.text)}”${why}`);
      return null;
    }
    return r.fen;
  };
  const total = amount('total', '预算数', true);
  const fiscal = amount('fiscal', '财政资金', false);
  const other = amount('other', '其他资金', false);
  const projectTotal = amount('projectTotal', '项目资金总额', false);
  const projectFiscal = amount('projectFiscal', '项目财政资金', false);
  const projectOther = amount('projectOther', '项目其他资金', false);
  const projectBudget =
    projectTotal === null && projectFiscal === null && projectOther === null ? null : { total: projectTotal, fiscal: projectFiscal, other: projectOther, lines: [] };

  const sources: Project['sources'] = {};
  const located = (field: keyof Project['sources'], key: ProjectKey) => {
    if (row.has(key)) sources[field] = row.cell(key).loc;
  };
  located('title', 'title');
  located('department', 'department');
  located('code', 'code');
  located('name', 'name');
  located('total', 'total');
  located('fiscal', 'fiscal');
  located('other', 'other');
  located('purpose', 'purpose');
  located('goals', 'goals');
  if (row.has('p03')) sources.spendingPlan = row.cell('p03').loc;

  // 资金支出计划
  const planUnitCell = row.cell('planUnit');
  const planUnit = planUnitOf(planUnitCell.text);
  if (planUnit === null) fail(planUnitCell, `计划口径“${preview(planUnitCell.text)}”应为“%”或“万元”`);
  const spendingPlan: SpendingCheckpoint[] = CHECKPOINTS.map((checkpoint) => {
    const key = PLAN_COLUMN[checkpoint];
    const cell = row.cell(key);
    const entry: SpendingCheckpoint = { checkpoint, percent: null, amount: null, given: null, source: row.has(key) ? cell.loc : null };
    if (cell.text === '') return entry;
    const value = planValue(cell.text, planUnit ?? 'percent');
    if ('error' in value) {
      fail(cell, `资金支出计划（${Number(checkpoint)}月底）${value.error}`);
      return entry;
    }
    if (value.given === 'percent') {
      entry.given = 'percent';
      entry.percent = value.hundredths / 100;
      entry.amount = total === null ? null : amountOfPercent(total, value.hundredths);
    } else {
      entry.given = 'amount';
      entry.amount = value.fen;
      const h = percentHundredths(value.fen, total);
      entry.percent = h === null ? null : h / 100;
    }
    return entry;
  });

  const goalsCell = row.cell('goals');
  const goals = lineList(goalsCell.text);

  const deptCell = row.cell('department');
  let department: Project['department'];
  if (deptCell.text === '') {
    const d = draft?.doc.department ?? null;
    department = d ? { code: d.code, name: d.name } : null;
  } else if (compactLabel(deptCell.text) === NO_DEPARTMENT) department = null;
  else {
    const m = /^(\d{3,})\s*(.+)$/s.exec(deptCell.text);
    department = m ? { code: m[1]!, name: m[2]!.trim() } : { code: null, name: deptCell.text };
  }

  if (ok && goals.length === 0) report('warning', 'missing-goals', `项目“${preview(name)}”缺少绩效目标`, goalsCell.loc);
  if (ok && spendingPlan.every((e) => e.given === null)) {
    report('warning', 'missing-spending-plan', `项目“${preview(name)}”缺少资金支出计划`, row.cell('p03').loc);
  }
  return {
    part: part ?? 'project',
    sequence,
    title: row.cell('title').text,
    code,
    name,
    year: null,
    department,
    amountUnit,
    budget: { total, fiscal, other },
    budgetLines: [],
    projectBudget,
    fields: [],
    purpose: orNull(row.cell('purpose').text),
    spendingPlan,
    goals,
    longTermGoals: lineList(row.cell('longTermGoals').text),
    indicators: [],
    longTermIndicators: [],
    narrative: [],
    source: row.loc,
    sources,
  };
}

/** A cell of one item per line (goals): its non-empty lines, trimmed. */
const lineList = (text: string) =>
  text
    .split(/\r?\n/)
    .map((g) => g.trim())
    .filter((g) => g !== '');

/** An amount cell in 万元 (null when blank); an error names the cell. */
function amountOf(cell: CellRead, label: string, errors: Collector): { ok: boolean; fen: number | null } {
  if (cell.text === '') return { ok: true, fen: null };
  const r = parseAmount(cell.text, '万元');
  if (r.ok) return { ok: true, fen: r.fen };
  const why = /小数位过多/.test(r.reason) ? '小数位过多，无法精确到分' : /超出范围/.test(r.reason) ? '超出范围' : '不是金额';
  errors.at(cell, `${label}“${preview(cell.text)}”${why}`);
  return { ok: false, fen: null };
}

type Group = 'annual' | 'longTerm' | 'department';

/** 指标组: 年度 (or blank), 长期 or (on 附加列) 部门整体. */
function readGroup(cell: CellRead, errors: Collector, department: boolean): Group {
  const t = compactLabel(cell.text);
  if (t === '' || t === GROUP_LABEL.annual) return 'annual';
  if (t === GROUP_LABEL.longTerm) return 'longTerm';
  if (department && t === GROUP_LABEL.department) return 'department';
  errors.at(cell, `指标组“${preview(cell.text)}”应为${department ? '“年度”“长期”或“部门整体”' : '“年度”或“长期”'}`);
  return 'annual';
}

type DocOf = (cell: CellRead) => DocDraft | null;

/** 部门整体目标, its 履职目标 and 部门整体指标, per document. */
function readTargets(
  docOf: DocOf,
  rows: { targets: TableRow<TargetKey>[]; duties: TableRow<DutyKey>[]; indicators: TableRow<TargetIndicatorKey>[] },
  errors: Collector,
): void {
  for (const row of rows.targets) {
    const draft = docOf(row.cell('doc'));
    if (!draft) continue;
    if (draft.doc.departmentTargets !== null) {
      errors.at(row.cell('doc'), '同一单位文档只能有一行部门整体目标');
      continue;
    }
    const nameCell = row.cell('name');
    const unitCell = row.cell('amountUnit');
    const amountUnit = unitCell.text === '' ? '万元' : compactLabel(unitCell.text);
    if (amountUnit !== '万元' && amountUnit !== '元') errors.at(unitCell, `原表金额单位“${preview(unitCell.text)}”应为“万元”或“元”`);
    const yearCell = row.cell('year');
    const total = amountOf(row.cell('total'), '资金总额', errors).fen;
    const project = amountOf(row.cell('projectSpending'), '项目支出', errors).fen;
    const basic = amountOf(row.cell('basic'), '基本支出', errors).fen;
    const sources: DepartmentTargets['sources'] = {};
    const at = (field: keyof DepartmentTargets['sources'], key: TargetKey) => {
      if (row.has(key) && row.cell(key).text !== '') sources[field] = row.cell(key).loc;
    };
    at('title', 'title');
    at('department', 'name');
    at('budgetCode', 'budgetCode');
    at('total', 'total');
    at('project', 'projectSpending');
    at('basic', 'basic');
    at('goals', 'goals');
    draft.doc.departmentTargets = {
      title: row.cell('title').text,
      department: nameCell.text === '' ? null : { code: orNull(row.cell('code').text), name: nameCell.text },
      budgetCode: orNull(row.cell('budgetCode').text),
      year: yearCell.text === '' ? draft.doc.year : readYear(yearCell, errors),
      amountUnit,
      budget: { total, project, basic },
      goals: lineList(row.cell('goals').text),
      duties: [],
      indicators: [],
      fields: [],
      source: row.loc,
      sources,
    };
  }
  const targetsOf = (cell: CellRead, what: string) => {
    const draft = docOf(cell);
    if (draft && draft.doc.departmentTargets === null) errors.at(cell, `${what}所属的单位文档在“${SHEET.targets}”中没有对应的行`);
    return draft?.doc.departmentTargets ?? null;
  };
  for (const row of rows.duties) {
    const targets = targetsOf(row.cell('doc'), '履职目标');
    const amount = amountOf(row.cell('amount'), '预算金额', errors).fen;
    targets?.duties.push({
      function: orNull(row.cell('function').text),
      task: orNull(row.cell('task').text),
      projects: orNull(row.cell('projects').text),
      amount,
      source: row.loc,
    });
  }
  const contexts = new Map<DocDraft, IndicatorContext>();
  for (const row of rows.indicators) {
    const draft = docOf(row.cell('doc'));
    const targets = targetsOf(row.cell('doc'), '部门整体指标');
    let context = draft ? contexts.get(draft) : undefined;
    if (draft && !context) {
      context = { framework: draft.framework!, report: draft.report, projectName: '部门整体支出', level1Raw: '', level2Raw: '' };
      contexts.set(draft, context);
    }
    const indicator = readIndicatorRow(row, context ?? { framework: selectFramework(null), report: () => {}, projectName: '部门整体支出', level1Raw: '', level2Raw: '' }, errors);
    if (indicator) targets?.indicators.push(indicator);
  }
}

/** 表单栏目: fields of projects and department targets, and further money lines of projects. */
function readFields(rows: readonly TableRow<FieldKey>[], docOf: DocOf, projectOf: (cell: CellRead) => ProjectDraft | null, errors: Collector): void {
  for (const row of rows) {
    const kindCell = row.cell('kind');
    const kind = (Object.keys(FIELD_KIND_LABEL) as (keyof typeof FIELD_KIND_LABEL)[]).find((k) => FIELD_KIND_LABEL[k] === compactLabel(kindCell.text));
    if (kind === undefined) {
      errors.at(kindCell, `类别“${preview(kindCell.text)}”应为“栏目”“本年资金”或“项目资金”`);
      continue;
    }
    const labelCell = row.cell('label');
    if (labelCell.text === '') errors.at(labelCell, '名称为空');
    const projectCell = row.cell('project');
    const source = (kind === 'field' ? row.cell('value') : row.cell('amount')).loc;
    if (projectCell.text === '') {
      if (kind !== 'field') {
        errors.at(projectCell, '项目键为空：资金来源须属于一个项目');
        continue;
      }
      const draft = docOf(row.cell('doc'));
      if (draft && draft.doc.departmentTargets === null) {
        errors.at(projectCell, `项目键为空，而所属单位文档在“${SHEET.targets}”中没有对应的行`);
        continue;
      }
      draft?.doc.departmentTargets?.fields.push({ key: orNull(row.cell('key').text), label: labelCell.text, value: row.cell('value').text, source });
      continue;
    }
    const pd = projectOf(projectCell);
    if (!pd) continue;
    const p = pd.project;
    if (kind === 'field') {
      p.fields.push({ key: orNull(row.cell('key').text), label: labelCell.text, value: row.cell('value').text, source });
      continue;
    }
    const amount = amountOf(row.cell('amount'), '金额', errors);
    const line = { label: labelCell.text, amount: amount.fen, source };
    if (kind === 'budget') p.budgetLines.push(line);
    else (p.projectBudget ??= { total: null, fiscal: null, other: null, lines: [] }).lines.push(line);
  }
}

/** 附加列: the cells of columns the model does not know, on the indicators they belong to. */
function readExtras(rows: readonly TableRow<ExtraKey>[], docOf: DocOf, projectOf: (cell: CellRead) => ProjectDraft | null, errors: Collector): void {
  for (const row of rows) {
    const group = readGroup(row.cell('group'), errors, true);
    const projectCell = row.cell('project');
    let list: Indicator[] | undefined;
    if (group === 'department') {
      const draft = docOf(row.cell('doc'));
      list = draft?.doc.departmentTargets?.indicators;
      if (draft && !list) errors.at(row.cell('group'), `所属单位文档在“${SHEET.targets}”中没有对应的行`);
    } else if (projectCell.text === '') {
      errors.at(projectCell, '项目键为空：请填写指标所属的项目');
    } else {
      const pd = projectOf(projectCell);
      list = pd ? (group === 'longTerm' ? pd.project.longTermIndicators : pd.project.indicators) : undefined;
    }
    const indexCell = row.cell('index');
    const index = /^\d{1,5}$/.test(indexCell.text) ? Number(indexCell.text) : NaN;
    const headerCell = row.cell('header');
    if (headerCell.text === '') errors.at(headerCell, '列名为空');
    if (!(index >= 1)) {
      errors.at(indexCell, `指标序号“${preview(indexCell.text)}”不是正整数`);
      continue;
    }
    if (!list) continue;
    const indicator = list[index - 1];
    if (!indicator) {
      errors.at(indexCell, `指标序号 ${index} 超出范围：该${group === 'department' ? '部门整体目标' : '项目'}的${GROUP_LABEL[group]}指标只有 ${list.length} 个`);
      continue;
    }
    indicator.extras.push({ header: headerCell.text.replace(/\s+/g, ''), text: row.cell('text').text, source: row.cell('text').loc });
  }
}

type PlanUnit = 'percent' | MoneyUnit;

function planUnitOf(text: string): PlanUnit | null {
  const t = compactLabel(text).replace(/^\((.*)\)$/, '$1');
  if (t === '' || t === '%' || t === '百分比') return 'percent';
  if (t === '万元' || t === '元') return t;
  return null;
}

/** A plan cell: "25%" or 25 under %, "30万元" or 30 under 万元; a unit in the cell wins. */
function planValue(text: string, unit: PlanUnit): { given: 'percent'; hundredths: number } | { given: 'amount'; fen: number } | { error: string } {
  const s = toHalfWidth(text).replace(/[\s,]/g, '');
  const percent = /^(\d+)(?:\.(\d+))?%$/.exec(s) ?? (unit === 'percent' ? /^(\d+)(?:\.(\d+))?$/.exec(s) : null);
  if (percent) {
    const frac = percent[2] ?? '';
    if (frac.length > 2) return { error: `“${preview(text)}”的百分比最多两位小数` };
    return { given: 'percent', hundredths: Number(percent[1]) * 100 + Number(frac.padEnd(2, '0')) };
  }
  const amount = parseAmount(s, unit === 'percent' ? '万元' : unit);
  if (amount.ok && amount.fen !== null && (unit !== 'percent' || /元$|万$/.test(s))) return { given: 'amount', fen: amount.fen };
  if (!amount.ok && /小数位过多/.test(amount.reason)) return { error: `“${preview(text)}”小数位过多，无法精确到分` };
  return { error: `“${preview(text)}”不是百分比或金额` };
}

function parseFlag(cell: CellRead, label: string, errors: Collector): boolean | null {
  const t = compactLabel(cell.text).toUpperCase();
  if (t === '') return null;
  if (['是', 'Y', 'YES', 'TRUE', '1', '√'].includes(t)) return true;
  if (['否', 'N', 'NO', 'FALSE', '0'].includes(t)) return false;
  errors.at(cell, `${label}“${preview(cell.text)}”应为“是”或留空`);
  return null;
}

/**
 * One indicator row. The categories follow the documents' rules: an empty 一级/二级 cell (or one
 * merged with the row above) repeats the row above; a "是" in 一级/二级沿用上行 marks the cell as
 * inherited while giving its text, which is how the exporter writes inherited cells, so that the
 * model (raw text and inherited flags) comes back exactly.
 */
function readIndicatorRow(row: TableRow<IndicatorCellKey>, pd: IndicatorContext, errors: Collector): Indicator | null {
  const c1 = row.cell('level1');
  const c2 = row.cell('level2');
  const flag1 = parseFlag(row.cell('level1Inherited'), '一级沿用上行', errors);
  const flag2 = parseFlag(row.cell('level2Inherited'), '二级沿用上行', errors);
  const nameCell = row.cell('name');
  const name = nameCell.text.replace(/\s*\n\s*/g, '');
  if (name === '') errors.at(nameCell, '三级指标为空');
  const fw = pd.framework;
  const report = pd.report;

  let level1Raw: string;
  let inherited1: boolean;
  if (flag1 === true) [level1Raw, inherited1] = [c1.text, true];
  else if (c1.text !== '' || flag1 === false) [level1Raw, inherited1] = [c1.text, false];
  else [level1Raw, inherited1] = [pd.level1Raw, true];
  let level2Raw: string;
  let inherited2: boolean;
  if (flag2 === true) [level2Raw, inherited2] = [c2.text, true];
  else if (c2.text !== '' || flag2 === false) [level2Raw, inherited2] = [c2.text, false];
  else {
    // A new level 1 with an empty level 2 does not carry the old level 2 over (as in documents).
    const newLevel1 = !inherited1 && compactLabel(level1Raw) !== compactLabel(pd.level1Raw);
    [level2Raw, inherited2] = [newLevel1 ? '' : pd.level2Raw, true];
  }
  pd.level1Raw = level1Raw;
  pd.level2Raw = level2Raw;

  const norm = normalizeCategories(fw, level1Raw, level2Raw);
  let level1 = norm.level1;
  const where = `项目“${preview(pd.projectName, 20)}”指标“${preview(name, 20)}”`;
  const source = row.loc;
  let ok = name !== '';
  if (level1Raw !== '' && norm.level1Matched === 'none') {
    // reported once, on the row that wrote the text
    if (c1.text !== '') errors.at(c1, `一级指标“${preview(level1Raw)}”不在指标体系（${fw.id}）中`);
    ok = false;
  }
  if (level2Raw === '') {
    errors.at(c2, '二级指标为空');
    ok = false;
  } else if (norm.level2Matched === 'none') {
    if (c2.text !== '') errors.at(c2, `二级指标“${preview(level2Raw)}”不在指标体系（${fw.id}）中`);
    ok = false;
  }
  if (!ok) return null;

  if (norm.level2UnderOtherLevel1) {
    if (inherited1 || level1 === null) {
      level1 = norm.level2UnderOtherLevel1;
      report('warning', 'level1-inferred', `${where}：一级指标沿用上行但与二级指标不符，按二级指标“${norm.level2}”推定为“${level1}”`, source);
    } else {
      report('warning', 'level2-wrong-parent', `${where}：二级指标“${norm.level2}”不属于一级指标“${level1}”（应属于“${norm.level2UnderOtherLevel1}”）`, c2.loc);
    }
  } else if (level1 === null && norm.level2 !== null && level1Raw === '') {
    level1 = level1Of(fw, norm.level2);
    if (level1 !== null) report('warning', 'level1-inferred', `${where}：缺少一级指标，按二级指标推定为“${level1}”`, c1.loc);
  }
  if (level1 === null) {
    errors.at(c1, '一级指标为空');
    return null;
  }
  if (!inherited1 && norm.level1Matched === 'synonym') {
    report('info', 'category-synonym', `${where}：一级指标“${level1Raw}”按“${level1}”处理`, c1.loc);
  }
  if (!inherited2 && norm.level2Matched === 'synonym') {
    report('info', 'category-synonym', `${where}：二级指标“${level2Raw}”按“${norm.level2}”处理`, c2.loc);
  }

  const sources: Indicator['sources'] = {};
  for (const field of ['level1', 'level2', 'name', 'description', 'target', 'basis'] as const) {
    const cell = row.cell(field);
    if (row.has(field) && cell.text !== '') sources[field] = cell.loc;
  }
  const description = row.cell('description').text;
  const basis = row.cell('basis').text;
  return {
    level1,
    level2: norm.level2,
    level1Raw,
    level2Raw,
    level1Inherited: inherited1,
    level2Inherited: inherited2,
    name,
    description: orNull(description),
    target: parseTargetValue(row.cell('target').text),
    basis: orNull(basis),
    source,
    sources,
    extras: [],
  };
}

/** The budget year and region most project codes say (130202 + 25 + P…), as the text importer. */
function yearAndRegion(projects: Project[]): { year: number | null; region: string | null } {
  const years = new Map<number, number>();
  const regions = new Map<string, number>();
  const vote = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  const winner = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  for (const p of projects) {
    const m = p.code ? PROJECT_CODE.exec(p.code) : null;
    if (m) {
      vote(years, 2000 + Number(m[2]));
      vote(regions, m[1]!);
    }
  }
  return { year: winner(years), region: winner(regions) };
}

function reportDepartmentMismatch(draft: DocDraft): void {
  const main = draft.doc.department;
  if (!main) return;
  for (const p of draft.doc.projects) {
    const d = p.department;
    if (d && (d.code !== main.code || d.name !== main.name)) {
      draft.report(
        'warning',
        'department-mismatch',
        `表头单位“${d.code ?? ''}${d.name}”与本文档单位“${main.code ?? ''}${main.name}”不一致`,
        p.sources.department ?? p.source,
      );
    }
  }
}
