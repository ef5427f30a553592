/**
 * What every .xlsx this system writes shares (ExcelJS): a data sheet with a frozen, shaded,
 * filterable header; rows written by column key; exact 万元 amounts; right-aligned numbers with
 * their format; drop-down validations. Used by xlsx-exporter.ts (targets), monitoring-xlsx.ts and results-xlsx.ts.
 */
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import { neutraliseFormula } from '../../shared/domain/formula-guard';
import type { Fen } from '../../shared/domain/model';
import { formatWan } from '../../shared/domain/money';
import { encodeCellText } from '../importers/xlsx/read-xlsx';

/** What a cell holds: text, a number, or nothing. */
export type Cell = string | number | null;

export const AMOUNT_FORMAT = '0.00####';
export const PERCENT_FORMAT = '0.00';
/** Validations reach this many rows at least, so that rows people add are checked too. */
export const VALIDATION_ROWS = 2000;

export interface SheetColumn {
  key: string;
  header: string;
  width: number;
}

/** A new workbook signed by jixiao. */
export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.created = new Date();
  return wb;
}

/**
 * Every text cell of the workbook neutralised against formulas (shared/domain/formula-guard.ts): a
 * text beginning with = + - @, a tab or a carriage return gets a leading apostrophe. Rich text: its
 * first run. Numbers, dates and formulas Jixiao writes itself are left as they are.
 */
export function neutraliseWorkbook(wb: ExcelJS.Workbook): void {
  // addRow writes a carriage return as Excel's escape _x000D_ (encodeCellText, which escapes a literal
  // "_x…_" itself): at the start of a cell it is the character, and is neutralised as one.
  const guarded = (text: string) => (/^'*_x000[9Dd]_/.test(text) ? `'${text}` : neutraliseFormula(text));
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v === 'string') {
          const safe = guarded(v);
          if (safe !== v) cell.value = safe;
        } else if (v !== null && typeof v === 'object' && 'richText' in v && v.richText.length > 0) {
          const first = v.richText[0]!;
          const joined = v.richText.map((r) => r.text).join('');
          if (guarded(joined) !== joined) cell.value = { richText: [{ ...first, text: `'${first.text}` }, ...v.richText.slice(1)] };
        }
      });
    });
  });
}

/** The workbook's bytes, its text cells neutralised against formulas first. */
export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  neutraliseWorkbook(wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** An amount in 万元: a number when a double holds its decimal exactly, else the decimal as text. */
export function amountCell(fen: Fen | null): Cell {
  if (fen === null) return null;
  const text = formatWan(fen);
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length <= 15 ? Number(text) : text;
}

/** A sheet of `columns`: frozen, shaded header row, and (by default) a filter on it. */
export function addTable(wb: ExcelJS.Workbook, name: string, columns: readonly SheetColumn[], filter = true): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = columns.map((c) => ({ key: c.key, header: c.header, width: c.width, style: { alignment: { vertical: 'top', wrapText: true } } }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 30;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF7F7F7F' } } };
  });
  if (filter) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** A row by column key; empty values leave the cell empty, text is encoded as the importer reads it. */
export function addRow(ws: Worksheet, columns: readonly { key: string }[], values: Record<string, Cell | undefined>): ExcelJS.Row {
  const row: Record<string, Cell> = {};
  for (const c of columns) {
    const v = values[c.key];
    if (v === undefined || v === null || v === '') continue;
    row[c.key] = typeof v === 'string' ? encodeCellText(v) : v;
  }
  return ws.addRow(row);
}

export function cellOf(row: ExcelJS.Row, columns: readonly { key: string }[], key: string): ExcelJS.Cell {
  return row.getCell(columns.findIndex((c) => c.key === key) + 1);
}

/** An amount or percent cell: the number format, right-aligned (amounts written as text too). */
export function numberFormat(row: ExcelJS.Row, columns: readonly { key: string }[], key: string, format: string): void {
  const cell = cellOf(row, columns, key);
  if (cell.value === null) return;
  if (typeof cell.value === 'number') cell.numFmt = format;
  cell.alignment = { vertical: 'top', horizontal: 'right' };
}

interface DataValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/** A validation on the column's data rows (row 2 to well past the last). */
export function validate(ws: Worksheet, columns: readonly { key: string }[], key: string, rows: number, validation: ExcelJS.DataValidation): void {
  const letter = ws.getColumn(columns.findIndex((c) => c.key === key) + 1).letter;
  const last = Math.max(VALIDATION_ROWS, rows + 500);
  // ExcelJS writes a range validation as one sqref (its typings omit `dataValidations`).
  (ws as unknown as { dataValidations: DataValidations }).dataValidations.add(`${letter}2:${letter}${last}`, validation);
}

/** A drop-down of `values`; anything else is refused by Excel. */
export function listValidation(ws: Worksheet, columns: readonly { key: string }[], key: string, values: readonly string[], rows: number): void {
  validate(ws, columns, key, rows, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '请从下拉列表中选择',
    error: `可选：${values.join('、')}`,
  });
}
