/**
 * Reads the execution template (执行情况填报模板) that ../../exporters/monitoring-xlsx.ts writes for a
 * department and a monitoring round, back into one input per project row.
 *
 * The layout (EXECUTION_* below, shared with the exporter):
 * - 项目执行: one row per project — 项目ID (the database id, not to be changed), 截至日期, 累计支出
 *   in 万元, and the spending's 偏差原因 / 原因说明 / 纠偏措施 / 备注;
 * - 指标执行: one row per indicator — 指标ID, 项目ID, 截至目前完成值, 全年预计完成值, 完成可能性,
 *   偏差原因, 原因说明, 纠偏措施;
 * - columns marked `info` (项目编码, 项目名称, 年度指标值 …) are written for people and never read.
 * Columns are found by header text, so they may be reordered.
 *
 * This reader checks only what a cell can say by itself (an id that is no integer, a date or amount
 * that cannot be read, money finer than the fen); the rest — whether the id is the project's, the
 * date in its year, the amount not negative — is checked by the service against the database.
 * Every row keeps a map from its input's field paths to cells, so that each problem found there is
 * reported by cell too ("项目执行!F3"). A project row with nothing filled in is skipped.
 */
import ExcelJS from 'exceljs';
import { DocumentReadError } from '../errors';
import { readerFailure } from '../reader-errors';
import { checkZipPackage } from '../zip-limits';
import type { Worksheet } from 'exceljs';
import { parseAmount } from '../../../shared/domain/money';
import type { ExecutionLine, ExecutionRecordContent } from '../../../shared/domain/monitoring';
import { compactLabel, toHalfWidth } from '../../../shared/domain/text';
import { columnLetter, isPercentFormat, numberToDecimal, readValue, type CellValueRead } from './cells';
import type { CellError, ColumnSpec } from './read-xlsx';

// ---------------------------------------------------------------------------------------------
// The layout, shared with the exporter
// ---------------------------------------------------------------------------------------------

/** A column of the execution template: the targets workbook's column spec (no header aliases here). */
export type ExecutionColumn<K extends string = string> = ColumnSpec<K>;

const col = <K extends string>(spec: ExecutionColumn<K>) => spec;

export const EXECUTION_SHEET = {
  instructions: '说明',
  projects: '项目执行',
  indicators: '指标执行',
} as const;

export const EXECUTION_PROJECT_COLUMNS = [
  col({ key: 'projectId', header: '项目ID', width: 8, required: true, note: '系统内的项目编号，导入时据此对应项目，请勿修改' }),
  col({ key: 'code', header: '项目编码', width: 24, info: true, note: '仅供查看，导入时不读取' }),
  col({ key: 'name', header: '项目名称', width: 30, info: true, note: '仅供查看，导入时不读取' }),
  col({ key: 'budget', header: '预算数（万元）', width: 14, info: true, note: '年初预算数，仅供查看' }),
  col({ key: 'asOf', header: '截至日期', width: 12, required: true, note: '本轮监控的截至日期，格式 YYYY-MM-DD，须在项目预算年度内' }),
  col({ key: 'spent', header: '累计支出（万元）', width: 14, required: true, note: '截至该日期的累计支出，万元，最多六位小数（精确到分），不能为负数' }),
  col({ key: 'cause', header: '偏差原因', width: 12, note: '下拉选择；支出进度为黄灯、红灯时必填' }),
  col({ key: 'causeNote', header: '原因说明', width: 30, note: '偏差原因为“其他”时必填' }),
  col({ key: 'measure', header: '纠偏措施', width: 40, note: '支出进度为黄灯、红灯时必填' }),
  col({ key: 'note', header: '备注', width: 30, note: '' }),
] as const;

export const EXECUTION_INDICATOR_COLUMNS = [
  col({ key: 'indicatorId', header: '指标ID', width: 8, required: true, note: '系统内的指标编号，请勿修改' }),
  col({ key: 'projectId', header: '项目ID', width: 8, required: true, note: '所属项目（项目执行表的项目ID），请勿修改' }),
  col({ key: 'projectName', header: '项目名称', width: 24, info: true, note: '仅供查看' }),
  col({ key: 'level1', header: '一级指标', width: 12, info: true, note: '仅供查看' }),
  col({ key: 'level2', header: '二级指标', width: 14, info: true, note: '仅供查看' }),
  col({ key: 'name', header: '三级指标', width: 24, info: true, note: '仅供查看' }),
  col({ key: 'target', header: '年度指标值', width: 14, info: true, note: '仅供查看' }),
  col({ key: 'valueToDate', header: '截至目前完成值', width: 14, note: '数值指标填写截至日期的累计完成值，可带指标单位（如 85%、334人）' }),
  col({ key: 'projected', header: '全年预计完成值', width: 14, note: '数值指标预计全年能达到的值' }),
  col({ key: 'likelihood', header: '完成可能性', width: 12, note: '下拉选择：确定能 / 有可能 / 完全不可能；定性指标必填' }),
  col({ key: 'cause', header: '偏差原因', width: 12, note: '下拉选择；指标为黄灯、红灯时必填' }),
  col({ key: 'causeNote', header: '原因说明', width: 30, note: '偏差原因为“其他”时必填' }),
  col({ key: 'measure', header: '纠偏措施', width: 40, note: '指标为黄灯、红灯时必填' }),
] as const;

type ProjectKey = (typeof EXECUTION_PROJECT_COLUMNS)[number]['key'];
type IndicatorKey = (typeof EXECUTION_INDICATOR_COLUMNS)[number]['key'];

// ---------------------------------------------------------------------------------------------
// What is read
// ---------------------------------------------------------------------------------------------



export interface ExecutionSheetRow {
  projectId: number;
  input: ExecutionRecordContent;
  /** Dotted field path of `input` → its cell ("spentFen" → "项目执行!F3"); '' → the row's first cell. */
  cells: Record<string, string>;
}

export interface ExecutionWorkbook {
  rows: ExecutionSheetRow[];
  /** What cells say by themselves is wrong, by sheet, row and column; rows is then not to be stored. */
  errors: CellError[];
}

// ---------------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------------

interface Cell extends CellValueRead {
  ref: string;
}

interface Table<K extends string> {
  rows: { row: number; cell: (key: K) => Cell }[];
}

class Errors {
  readonly list: (CellError & { order: [number, number, number] })[] = [];
  structural = 0;

  add(ref: string, message: string, order: [number, number, number]): void {
    if (this.list.some((e) => e.ref === ref)) return;
    this.list.push({ ref, message, order });
  }

  sorted(): CellError[] {
    return [...this.list]
      .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2])
      .map(({ ref, message }) => ({ ref, message }));
  }
}

function readTable<K extends string>(
  ws: Worksheet | undefined,
  name: string,
  sheetOrder: number,
  columns: readonly ExecutionColumn<K>[],
  errors: Errors,
): Table<K> {
  if (!ws) {
    errors.add(`${name}!A1`, `缺少工作表“${name}”`, [sheetOrder, 0, 0]);
    errors.structural++;
    return { rows: [] };
  }
  const at = new Map<K, number>();
  const header = ws.getRow(1);
  const last = Math.max(ws.columnCount, header.cellCount);
  for (let c = 1; c <= last; c++) {
    const label = compactLabel(readValue(header.getCell(c).value).text);
    const spec = columns.find((s) => compactLabel(s.header) === label);
    if (!spec || spec.info || label === '') continue;
    if (at.has(spec.key)) {
      errors.add(`${name}!${columnLetter(c)}1`, `列“${spec.header}”重复`, [sheetOrder, 1, c]);
      errors.structural++;
    } else at.set(spec.key, c);
  }
  let next = last;
  for (const spec of columns) {
    if (spec.required && !at.has(spec.key)) {
      next++;
      errors.add(`${name}!${columnLetter(next)}1`, `缺少必需的列“${spec.header}”`, [sheetOrder, 1, next]);
      errors.structural++;
    }
  }
  const rows: Table<K>['rows'] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const cells = new Map<K, Cell>();
    for (const [key, c] of at) {
      const cell = ws.getRow(r).getCell(c);
      const read = readValue(cell.value);
      if (read.number !== null && isPercentFormat(cell.numFmt)) {
        read.number *= 100;
        read.text = numberToDecimal(read.number);
      }
      read.text = read.text.trim();
      cells.set(key, { ...read, ref: `${name}!${columnLetter(c)}${r}` });
    }
    if ([...cells.values()].every((c) => c.text === '' && !c.bad)) continue;
    const firstColumn = Math.min(...at.values());
    const blank: Cell = { text: '', number: null, date: null, bad: null, ref: `${name}!${columnLetter(firstColumn)}${r}` };
    rows.push({ row: r, cell: (key) => cells.get(key) ?? { ...blank, ref: `${name}!${columnLetter(at.get(key) ?? firstColumn)}${r}` } });
    for (const [key, cell] of cells) {
      if (cell.bad) {
        const spec = columns.find((s) => s.key === key)!;
        errors.add(cell.ref, `${spec.header}：${cell.bad}`, [sheetOrder, r, at.get(key)!]);
      }
    }
  }
  return { rows };
}

const orderOf = (ref: string, sheetOrder: number): [number, number, number] => {
  const m = /!([A-Z]+)(\d+)$/.exec(ref);
  const column = m ? [...m[1]!].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) : 0;
  return [sheetOrder, m ? Number(m[2]) : 0, column];
};

function preview(s: string, max = 20): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** An id cell: a positive integer (a number cell or its digits). */
function readId(cell: Cell): number | null {
  const t = toHalfWidth(cell.text);
  return /^\d{1,15}$/.test(t) && Number(t) > 0 ? Number(t) : null;
}

/** Excel's day 0 (serial 1 is 1900-01-01, counting the phantom 29 February 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell: an Excel date, a date serial in a cell not formatted as a date (2000–2099), or text
 * "2025-07-31", "2025/7/31", "2025.7.31", "2025年7月31日".
 */
function readDate(cell: Cell): string | null {
  if (cell.date !== null) return cell.date;
  if (cell.number !== null) {
    const n = cell.number;
    if (!Number.isInteger(n) || n < 36_526 || n > 73_050) return null;
    return new Date(EXCEL_EPOCH + n * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(toHalfWidth(cell.text));
  if (!m) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------------

/**
 * Reads an execution workbook: the rows, and the errors its cells show by themselves. Never throws. A workbook that
 * cannot be opened at all is one error naming `file` (the upload's name) and, in Chinese, what is wrong with it.
 */
export async function readExecutionXlsx(bytes: Uint8Array, file = ''): Promise<ExecutionWorkbook> {
  const wb = new ExcelJS.Workbook();
  const named = file === '' ? '' : `${file}: `;
  try {
    await checkZipPackage(bytes, file);
  } catch (e) {
    if (e instanceof DocumentReadError) return { rows: [], errors: [{ ref: '', message: `${named}${e.message}` }] };
    throw e;
  }
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (e) {
    return { rows: [], errors: [{ ref: '', message: `${named}不是有效的 Excel 工作簿（.xlsx）：${readerFailure(e)}` }] };
  }
  // ExcelJS takes any zip (a .docx) for a workbook without sheets: not a workbook, said of the file
  if (wb.worksheets.length === 0) return { rows: [], errors: [{ ref: '', message: `${named}不是 Excel 工作簿（.xlsx）：没有工作表` }] };
  const errors = new Errors();
  const sheet = (name: string) => wb.worksheets.find((ws) => compactLabel(ws.name) === compactLabel(name));
  const P = EXECUTION_SHEET.projects;
  const I = EXECUTION_SHEET.indicators;
  const projects = readTable(sheet(P), P, 0, EXECUTION_PROJECT_COLUMNS, errors);
  const indicators = readTable(sheet(I), I, 1, EXECUTION_INDICATOR_COLUMNS, errors);
  if (errors.structural > 0) return { rows: [], errors: errors.sorted() };
  const fail = (cell: Cell, sheetOrder: number, message: string) => errors.add(cell.ref, message, orderOf(cell.ref, sheetOrder));

  // 指标执行 first: a project row counts as filled when one of its indicator lines is.
  const linesOf = new Map<number, { line: ExecutionLine; cells: Record<string, string> }[]>();
  const seenIndicators = new Map<number, string>();
  const indicatorRowsOf = new Map<number, string>();
  for (const row of indicators.rows) {
    const idCell = row.cell('indicatorId');
    const projectCell = row.cell('projectId');
    const indicatorId = readId(idCell);
    const projectId = readId(projectCell);
    if (indicatorId === null) fail(idCell, 1, `指标ID“${preview(idCell.text)}”应为正整数（请勿修改模板中的指标ID）`);
    else if (seenIndicators.has(indicatorId)) fail(idCell, 1, `指标ID ${indicatorId} 重复（已在 ${seenIndicators.get(indicatorId)} 填写）`);
    else seenIndicators.set(indicatorId, idCell.ref);
    if (projectId === null) fail(projectCell, 1, `项目ID“${preview(projectCell.text)}”应为正整数（请勿修改模板中的项目ID）`);
    const text = (key: IndicatorKey) => (row.cell(key).text === '' ? null : row.cell(key).text);
    const line: ExecutionLine = {
      indicatorId: indicatorId ?? 0,
      valueToDate: text('valueToDate'),
      projected: text('projected'),
      likelihood: text('likelihood'),
      cause: text('cause'),
      causeNote: text('causeNote'),
      measure: text('measure'),
    };
    if (indicatorId === null || projectId === null) continue;
    indicatorRowsOf.set(projectId, indicatorRowsOf.get(projectId) ?? projectCell.ref);
    const filled = Object.entries(line).some(([k, v]) => k !== 'indicatorId' && v !== null);
    if (!filled) continue;
    const cells: Record<string, string> = {
      '': idCell.ref,
      indicatorId: idCell.ref,
      valueToDate: row.cell('valueToDate').ref,
      projected: row.cell('projected').ref,
      likelihood: row.cell('likelihood').ref,
      cause: row.cell('cause').ref,
      causeNote: row.cell('causeNote').ref,
      measure: row.cell('measure').ref,
    };
    linesOf.set(projectId, [...(linesOf.get(projectId) ?? []), { line, cells }]);
  }

  const rows: ExecutionSheetRow[] = [];
  const seenProjects = new Map<number, string>();
  for (const row of projects.rows) {
    const idCell = row.cell('projectId');
    const projectId = readId(idCell);
    if (projectId === null) {
      fail(idCell, 0, `项目ID“${preview(idCell.text)}”应为正整数（请勿修改模板中的项目ID）`);
      continue;
    }
    if (seenProjects.has(projectId)) {
      fail(idCell, 0, `项目ID ${projectId} 重复（已在 ${seenProjects.get(projectId)} 填写）：每个项目只填一行`);
      continue;
    }
    seenProjects.set(projectId, idCell.ref);
    const text = (key: ProjectKey) => (row.cell(key).text === '' ? null : row.cell(key).text);
    const lines = linesOf.get(projectId) ?? [];
    const filled = ['spent', 'cause', 'causeNote', 'measure', 'note'].some((k) => text(k as ProjectKey) !== null) || lines.length > 0;
    if (!filled) continue;

    const asOfCell = row.cell('asOf');
    let asOf = '';
    if (asOfCell.text === '') fail(asOfCell, 0, '截至日期为空');
    else {
      const date = readDate(asOfCell);
      if (date === null) fail(asOfCell, 0, `截至日期“${preview(asOfCell.text)}”不是日期，应写成 YYYY-MM-DD（如 2025-07-31）`);
      else asOf = date;
    }
    const spentCell = row.cell('spent');
    let spentFen = 0;
    if (spentCell.text === '') fail(spentCell, 0, '累计支出为空');
    else {
      const r = parseAmount(spentCell.text, '万元');
      if (!r.ok || r.fen === null) {
        const why = !r.ok && /小数位过多/.test(r.reason) ? '小数位过多，无法精确到分' : !r.ok && /超出范围/.test(r.reason) ? '超出范围' : '不是金额';
        fail(spentCell, 0, `累计支出“${preview(spentCell.text)}”${why}`);
      } else spentFen = r.fen;
    }
    const cells: Record<string, string> = {
      '': idCell.ref,
      asOf: asOfCell.ref,
      spentFen: spentCell.ref,
      spendingCause: row.cell('cause').ref,
      spendingCauseNote: row.cell('causeNote').ref,
      spendingMeasure: row.cell('measure').ref,
      note: row.cell('note').ref,
    };
    lines.forEach(({ cells: lineCells }, k) => {
      for (const [field, ref] of Object.entries(lineCells)) cells[field === '' ? `indicators.${k}` : `indicators.${k}.${field}`] = ref;
    });
    rows.push({
      projectId,
      input: {
        asOf,
        spentFen,
        spendingCause: text('cause'),
        spendingCauseNote: text('causeNote'),
        spendingMeasure: text('measure'),
        note: text('note'),
        indicators: lines.map((l) => l.line),
      },
      cells,
    });
  }
  for (const [projectId, ref] of indicatorRowsOf) {
    if (!seenProjects.has(projectId)) {
      errors.add(ref, `项目ID ${projectId} 在“${P}”表中没有对应的行`, orderOf(ref, 1));
    }
  }
  return { rows, errors: errors.sorted() };
}

/**
 * The cell of a field path: the path itself, else its nearest parent that has one ("indicators.2.x"
 * → "indicators.2"), else the row's first cell.
 */
export function cellOfPath(cells: Record<string, string>, path: string): string {
  for (let p = path; ; ) {
    if (cells[p] !== undefined) return cells[p]!;
    const cut = p.lastIndexOf('.');
    if (cut < 0) return cells[''] ?? '';
    p = p.slice(0, cut);
  }
}
