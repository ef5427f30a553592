/**
 * Reading one cell of a workbook (ExcelJS), the same way for every sheet this system reads: the
 * targets workbook (read-xlsx.ts) and the execution template (read-execution-xlsx.ts).
 */
import type { CellValue } from 'exceljs';
import { restoreFormulaText } from '../../../shared/domain/formula-guard';

/** A cell's value as text, the number it holds, the date it holds, or why it cannot be read. */
export interface CellValueRead {
  text: string;
  number: number | null;
  /** 'YYYY-MM-DD' for a date cell. */
  date: string | null;
  bad: string | null;
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * A number as decimal text without float artefacts: 15 significant digits give back every decimal
 * of up to 15 digits exactly (the exporter writes longer amounts as text), and turn a computed
 * 0.30000000000000004 into 0.3. A typed 20.9825678 stays itself, so parseAmount refuses it
 * rather than rounding it away.
 */
export function numberToDecimal(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const p = Number(n.toPrecision(15));
  const s = String(p);
  if (!/e/i.test(s)) return s;
  if (Math.abs(p) >= 1e21) return s;
  return p.toFixed(20).replace(/\.?0+$/, '');
}

/** A number format that shows percent: a % outside quotes and escapes. */
export function isPercentFormat(numFmt: string | undefined): boolean {
  return !!numFmt && /%/.test(numFmt.replace(/"[^"]*"|\\./g, ''));
}

/** What a cell holds: formulas give their cached result, rich text its plain text. */
export function readValue(value: CellValue): CellValueRead {
  const none = { number: null, date: null, bad: null };
  if (value === null || value === undefined) return { text: '', ...none };
  // a text Jixiao's exporters neutralised against formulas reads back as it was (formula-guard.ts)
  if (typeof value === 'string') return { text: restoreFormulaText(value), ...none };
  if (typeof value === 'number') return { text: numberToDecimal(value), number: value, date: null, bad: null };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', ...none };
  if (value instanceof Date) {
    const iso = value.toISOString().slice(0, 10);
    return { text: iso, number: null, date: iso, bad: null };
  }
  if ('richText' in value) return { text: restoreFormulaText(value.richText.map((r) => r.text).join('')), ...none };
  if ('error' in value) return { text: '', number: null, date: null, bad: `单元格是错误值 ${value.error}` };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    return result === undefined ? { text: '', number: null, date: null, bad: '公式没有计算结果，请在 Excel 中重新计算并保存' } : readValue(result);
  }
  if ('hyperlink' in value) return readValue((value as { text: CellValue }).text);
  return { text: '', number: null, date: null, bad: '无法识别的单元格内容' };
}
