/**
 * Reads a workbook laid out as a form — a 绩效目标申报表 typed into Excel or WPS, with a title merged
 * across the top, label/value pairs, merged cells — into the Block stream of ../blocks.ts, so the
 * one parser reads it like the same table in Word. Jixiao's own workbook (sheets 项目 and 指标) is
 * read by read-xlsx.ts instead; .xls/.et arrive here converted by LibreOffice (../office/convert.ts).
 *
 * - Every worksheet in workbook order, hidden ones too (an 'info' diagnostic names each), is a
 *   table: `table` = the sheet's index. Each row with text gives one RowBlock; its cells run from
 *   column A to the last column with text, empty cells included (lines ['']), each with `col`
 *   (0-based) and `span`. A merged range: its top-left cell carries the text with `span` = the
 *   range's width (the other cells of its first row are covered by the span and not given); each
 *   row below within the range has an empty Cell with `mergedFromAbove` at the range's column, as
 *   the Word reader gives a vMerge. Rows without text are no blocks. Hidden rows and columns are
 *   read (they are content), with an 'info' diagnostic per sheet.
 * - A cell's text is what Excel shows: strings as written (line breaks split `lines`; ExcelJS has
 *   decoded OOXML escapes such as _x000D_), rich text as its plain text, formulas as their cached result,
 *   booleans as 是/否, errors (#N/A) as written with a warning. Numbers are exact (numberToDecimal,
 *   then decimal arithmetic: never a binary float printed), in their number format: decimals,
 *   thousands separators, percent, literal text and currency symbols ("12,345,600.00", "98%",
 *   "12.50万元"); a format we do not render (scientific, fractions, conditions) shows the plain
 *   exact number. Dates are YYYY-MM-DD, YYYY-MM when the format shows no day, with the time when it
 *   shows hours. Excel and WPS in Chinese write their date formats as built-in ids (31
 *   yyyy"年"m"月"d"日", 57/58 …) without the code, which ExcelJS does not know: these are looked up
 *   in the package, so such a date never shows as a serial number.
 *
 * Locations: `line` = the row number; `ref` = "Sheet!B5" ("'My Sheet'!B5" when Excel would quote
 * the name) for a cell, the row's column A for a RowBlock.
 * Limits: READER_LIMITS.sheetRows / sheetColumns (the last row and column holding a value).
 * A damaged package throws DocumentReadError, never another exception.
 */
import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import JSZip from 'jszip';
import type { Diagnostic, Severity, SourceLocation } from '../../../shared/domain/model';
import type { Block, Cell, ReadResult } from '../blocks';
import { DocumentReadError } from '../errors';
import { READER_LIMITS, limitMessage } from '../limits';
import { columnLetter, numberToDecimal } from './cells';

export async function readSheetGrid(bytes: Uint8Array, file: string): Promise<ReadResult> {
  const workbook = await loadWorkbook(bytes, file);
  const localeFormats = await localeDateFormats(bytes);
  const ctx: Ctx = {
    file,
    blocks: [],
    diagnostics: [],
    date1904: workbook.properties?.date1904 === true,
  };
  workbook.worksheets.forEach((sheet, index) => readSheet(sheet, index, ctx, localeFormats.get(sheet.name)));
  if (ctx.blocks.length === 0) {
    // ExcelJS reads any zip as an empty workbook; part names are stored uncompressed in the zip.
    const isWorkbook = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('xl/workbook.xml');
    throw new DocumentReadError(file, null, isWorkbook ? '工作簿中没有文字' : '不是有效的 Excel 工作簿（.xlsx）：缺少 xl/workbook.xml');
  }
  return { blocks: ctx.blocks, diagnostics: ctx.diagnostics };
}

// ---------------------------------------------------------------------------------------------
// The package

const BROKEN = '不是有效的 Excel 工作簿（.xlsx）：压缩包已损坏或不完整';

async function loadWorkbook(bytes: Uint8Array, file: string): Promise<ExcelJS.Workbook> {
  if (bytes.length === 0) throw new DocumentReadError(file, null, '文件为空');
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new DocumentReadError(file, null, '不是有效的 Excel 工作簿（.xlsx）：文件不是 ZIP 压缩包');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
    return workbook;
  } catch {
    // Tell a damaged package from a sound one whose content ExcelJS cannot take.
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
      for (const entry of Object.values(zip.files)) if (!entry.dir) await entry.async('uint8array');
    } catch {
      throw new DocumentReadError(file, null, BROKEN);
    }
    if (!zip.file('xl/workbook.xml')) {
      throw new DocumentReadError(file, null, '不是有效的 Excel 工作簿（.xlsx）：缺少 xl/workbook.xml');
    }
    throw new DocumentReadError(file, null, '不是有效的 Excel 工作簿（.xlsx）：工作簿的内容无法解析');
  }
}

/** The Chinese-locale built-in date and time formats (ids reserved for East Asian locales, zh-CN codes). */
const LOCALE_FORMATS: Record<number, string> = {
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
  54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/**
 * Cells whose style uses a Chinese-locale built-in format: sheet name → cell address → format
 * code. Empty (and cheap: styles.xml only) for the usual workbook, which defines its formats.
 */
async function localeDateFormats(bytes: Uint8Array): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  try {
    const zip = await JSZip.loadAsync(bytes);
    const styles = (await zip.file('xl/styles.xml')?.async('string')) ?? '';
    const defined = new Set([...styles.matchAll(/<numFmt\b[^>]*\bnumFmtId="(\d+)"/g)].map((m) => Number(m[1])));
    const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
    const styleFormats = new Map<string, string>();
    [...cellXfs.matchAll(/<xf\b([^>]*?)\/?>/g)].forEach((m, index) => {
      const id = Number(/\bnumFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? 0);
      const code = LOCALE_FORMATS[id];
      if (code && !defined.has(id)) styleFormats.set(String(index), code);
    });
    if (styleFormats.size === 0) return out;
    const workbookXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
    const targets = new Map<string, string>();
    for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      const id = /\bId="([^"]+)"/.exec(m[1]!)?.[1];
      const target = /\bTarget="([^"]+)"/.exec(m[1]!)?.[1];
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
    for (const m of workbookXml.matchAll(/<sheet\b([^>]*)\/?>/g)) {
      const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
      const rid = /\br:id="([^"]+)"/.exec(m[1]!)?.[1];
      const path = rid ? targets.get(rid) : undefined;
      const xml = path ? await zip.file(path)?.async('string') : undefined;
      if (name === undefined || !xml) continue;
      const cells = new Map<string, string>();
      for (const c of xml.matchAll(/<c\b([^>]*)>/g)) {
        const s = /\bs="(\d+)"/.exec(c[1]!)?.[1];
        const code = s === undefined ? undefined : styleFormats.get(s);
        const r = code ? /\br="([A-Z]+\d+)"/.exec(c[1]!)?.[1] : undefined;
        if (code && r) cells.set(r, code);
      }
      if (cells.size > 0) out.set(unescapeXml(name), cells);
    }
  } catch {
    // ExcelJS read the package; what it could not tell stays as ExcelJS read it
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    if (lower === 'amp') return '&';
    return String.fromCodePoint(lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10));
  });
}

// ---------------------------------------------------------------------------------------------
// Sheets

interface Ctx {
  file: string;
  blocks: Block[];
  diagnostics: Diagnostic[];
  date1904: boolean;
}

function report(ctx: Ctx, severity: Severity, code: string, message: string, source: SourceLocation): void {
  ctx.diagnostics.push({ severity, code, message, source: { ...source } });
}

/** "Sheet1!", "项目!", "'My Sheet'!": the sheet part of a reference, quoted as Excel quotes it. */
export function sheetPrefix(name: string): string {
  const plain =
    /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]\d*([RrCc]\d*)?$/.test(name);
  return plain ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The sheet's merged ranges. ExcelJS keeps them (by master address) in a field of its own; no public accessor lists them. */
function mergesOf(sheet: Worksheet): Merge[] {
  const merges = (sheet as unknown as { _merges?: Record<string, Merge> })._merges ?? {};
  return Object.values(merges).map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right }));
}

function readSheet(sheet: Worksheet, index: number, ctx: Ctx, localeFormats: Map<string, string> | undefined): void {
  const prefix = sheetPrefix(sheet.name);
  if (sheet.state === 'hidden' || sheet.state === 'veryHidden') {
    report(ctx, 'info', 'xlsx.hidden-sheet', `工作表“${sheet.name}”是隐藏的，其内容已照常读取`, { line: 1, ref: `${prefix}A1` });
  }

  // The extent first: the limits are checked before anything is read.
  let lastRow = 0;
  let lastColumn = 0;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    lastRow = r;
    row.eachCell({ includeEmpty: false }, (_cell, c) => {
      if (c > lastColumn) lastColumn = c;
    });
  });
  if (lastRow > READER_LIMITS.sheetRows) {
    throw new DocumentReadError(ctx.file, null, limitMessage(`工作表“${sheet.name}”的行数`, lastRow, READER_LIMITS.sheetRows, ' 行'));
  }
  if (lastColumn > READER_LIMITS.sheetColumns) {
    throw new DocumentReadError(ctx.file, null, limitMessage(`工作表“${sheet.name}”的列数`, lastColumn, READER_LIMITS.sheetColumns, ' 列'));
  }

  // Merged ranges by row.
  const mergesByRow = new Map<number, Merge[]>();
  for (const m of mergesOf(sheet)) {
    for (let r = m.top; r <= Math.min(m.bottom, lastRow); r++) {
      const list = mergesByRow.get(r) ?? [];
      list.push(m);
      mergesByRow.set(r, list);
    }
  }

  const hiddenRows: number[] = [];
  const hiddenColumns = new Set<number>();
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    const byColumn: Array<Merge | undefined> = [];
    for (const m of mergesByRow.get(r) ?? []) for (let c = m.left; c <= Math.min(m.right, lastColumn); c++) byColumn[c] = m;
    const mergeAt = (c: number) => byColumn[c];
    const texts = new Map<number, string>();
    const textOf = (c: number): string => {
      let text = texts.get(c);
      if (text === undefined) {
        const cell = row.getCell(c);
        text = cellText(cell.value, localeFormats?.get(cell.address) ?? cell.numFmt, ctx, { line: r, ref: `${prefix}${cell.address}` });
        texts.set(c, text);
      }
      return text;
    };

    // The row runs to the last column with text (a merged range with text: to its right edge).
    let extent = 0;
    for (let c = 1; c <= lastColumn; c++) {
      const m = mergeAt(c);
      if (m) {
        if (r === m.top && textOf(m.left) !== '') extent = m.right;
        c = m.right;
      } else if (textOf(c) !== '') {
        extent = c;
      }
    }
    if (extent === 0) return;

    const cells: Cell[] = [];
    for (let c = 1; c <= extent; c++) {
      const m = mergeAt(c);
      const col = (m?.left ?? c) - 1;
      const span = m ? m.right - m.left + 1 : 1;
      const source = { line: r, ref: `${prefix}${columnLetter(col + 1)}${r}` };
      if (m && r > m.top) {
        cells.push({ lines: [''], sources: [source], mergedFromAbove: true, col, span });
      } else {
        const lines = textOf(col + 1).split(/\r\n|\r|\n/);
        cells.push({ lines, sources: lines.map(() => ({ ...source })), col, span });
        if (lines.some((l) => l !== '')) {
          for (let h = col + 1; h < col + 1 + span; h++) if (sheet.getColumn(h).hidden) hiddenColumns.add(h);
        }
      }
      if (m) c = m.right;
    }
    if (row.hidden) hiddenRows.push(r);
    ctx.blocks.push({ kind: 'row', cells, source: { line: r, ref: `${prefix}A${r}` }, table: index });
  });

  if (hiddenRows.length > 0 || hiddenColumns.size > 0) {
    const parts: string[] = [];
    if (hiddenRows.length > 0) parts.push(`行（第 ${listSome(hiddenRows.map(String))} 行）`);
    if (hiddenColumns.size > 0) parts.push(`列（${listSome([...hiddenColumns].sort((a, b) => a - b).map(columnLetter))} 列）`);
    const first = hiddenRows[0] ?? 1;
    report(ctx, 'info', 'xlsx.hidden-cells', `工作表“${sheet.name}”中有隐藏的${parts.join('和')}，其内容已照常读取`, {
      line: first,
      ref: `${prefix}A${first}`,
    });
  }
}

function listSome(items: string[]): string {
  return items.length <= 10 ? items.join('、') : `${items.slice(0, 10).join('、')} 等`;
}

// ---------------------------------------------------------------------------------------------
// Cell text: what Excel shows

function cellText(value: CellValue, numFmt: string | undefined, ctx: Ctx, source: SourceLocation): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, numFmt, ctx.date1904);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return formatDate(value, numFmt);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) {
    report(ctx, 'warning', 'xlsx.error-value', `单元格是错误值 ${value.error}`, source);
    return String(value.error);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    if (result === undefined || result === null) {
      report(ctx, 'warning', 'xlsx.formula-no-result', '公式没有计算结果（未保存计算值），单元格按空白读取；请在 Excel 中重新计算并保存', source);
      return '';
    }
    return cellText(result, numFmt, ctx, source);
  }
  if ('hyperlink' in value) return cellText((value as { text?: CellValue }).text ?? '', numFmt, ctx, source);
  report(ctx, 'warning', 'xlsx.unknown-value', '无法识别的单元格内容，已按空白读取', source);
  return '';
}

interface FormatToken {
  kind: 'literal' | 'digit' | 'point' | 'comma' | 'percent';
  text: string;
}

/** The format's sections (positive; negative; zero; text), split at ";" outside quotes and escapes. */
function sections(format: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end + 1;
      current += format.slice(i, stop);
      i = stop - 1;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      current += format.slice(i, i + 2);
      i++;
    } else if (ch === ';') {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out;
}

/** The format with quoted text, escapes, padding and [brackets] removed: what tells a date format. */
function formatCodes(section: string): string {
  return section.replace(/"[^"]*"?|\\.|_.|\*.|\[[^\]]*\]/g, '');
}

function isDateFormat(format: string): boolean {
  const codes = formatCodes(sections(format)[0] ?? '');
  return /[ymdhs]/i.test(codes.replace(/AM\/PM|A\/P/gi, '')) && !/[0#?]/.test(codes);
}

/**
 * Tokens of a number format section; null when it holds what is not rendered here (scientific
 * notation, fractions, conditions, text placeholders, literal text between the digits).
 */
function tokenize(section: string): FormatToken[] | null {
  const tokens: FormatToken[] = [];
  let seenPoint = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      tokens.push({ kind: 'literal', text: section.slice(i + 1, stop) });
      i = stop;
    } else if (ch === '\\') {
      tokens.push({ kind: 'literal', text: section[i + 1] ?? '' });
      i++;
    } else if (ch === '_' || ch === '*') {
      i++; // padding to a character's width, fill: layout, not text
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      if (end < 0) return null;
      const inner = section.slice(i + 1, end);
      const currency = /^\$([^-]*)(-[0-9A-Fa-f]+)?$/.exec(inner);
      if (currency) tokens.push({ kind: 'literal', text: currency[1]! });
      else if (/^[<>=]/.test(inner)) return null; // a condition
      // otherwise a colour or a locale: no text
      i = end;
    } else if (ch === '0' || ch === '#' || ch === '?') {
      tokens.push({ kind: 'digit', text: ch });
    } else if (ch === '.' && !seenPoint) {
      seenPoint = true;
      tokens.push({ kind: 'point', text: ch });
    } else if (ch === ',') {
      tokens.push({ kind: 'comma', text: ch });
    } else if (ch === '%') {
      tokens.push({ kind: 'percent', text: ch });
    } else if (/[eE/@]/.test(ch)) {
      return null;
    } else {
      tokens.push({ kind: 'literal', text: ch });
    }
  }
  // Digits, point and commas must stand together: literal text between digits is not rendered here.
  const numeric = tokens.map((t, i) => (t.kind === 'digit' || t.kind === 'point' ? i : -1)).filter((i) => i >= 0);
  if (numeric.length === 0) return tokens; // only text, e.g. "-" for zero
  if (!tokens.some((t) => t.kind === 'digit')) return null;
  const first = numeric[0]!;
  const last = numeric[numeric.length - 1]!;
  for (let i = first; i <= last; i++) if (tokens[i]!.kind === 'literal' || tokens[i]!.kind === 'percent') return null;
  return tokens;
}

/** A number as Excel shows it in its format; the exact decimal when the format is General or not rendered here. */
export function formatNumber(n: number, numFmt: string | undefined, date1904 = false): string {
  if (!numFmt || /^general$/i.test(numFmt.trim()) || numFmt.trim() === '@' || !Number.isFinite(n)) return numberToDecimal(n);
  if (isDateFormat(numFmt)) {
    const ms = Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 86400) * 1000;
    return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? formatDate(new Date(ms), numFmt) : numberToDecimal(n);
  }
  const parts = sections(numFmt);
  let section = parts[0]!;
  let sign = n < 0 ? '-' : '';
  if (n < 0 && parts.length >= 2 && parts[1] !== '') {
    section = parts[1]!;
    sign = ''; // the negative section writes its own sign or brackets
  } else if (n === 0 && parts.length >= 3 && parts[2] !== '') {
    section = parts[2]!;
  }
  const tokens = tokenize(section);
  const decimal = numberToDecimal(Math.abs(n));
  if (!tokens || /e/i.test(decimal)) return numberToDecimal(n);

  const digitIndexes = tokens.map((t, i) => (t.kind === 'digit' ? i : -1)).filter((i) => i >= 0);
  if (digitIndexes.length === 0) return tokens.map((t) => t.text).join('');
  const firstDigit = digitIndexes[0]!;
  const lastDigit = digitIndexes[digitIndexes.length - 1]!;
  const point = tokens.findIndex((t) => t.kind === 'point');
  const intEnd = point >= 0 ? point : lastDigit + 1;
  const intDigits = tokens.slice(firstDigit, intEnd).filter((t) => t.kind === 'digit');
  const fracDigits = point >= 0 ? tokens.slice(point + 1, lastDigit + 1).filter((t) => t.kind === 'digit') : [];
  const minInt = intDigits.filter((t) => t.text === '0').length;
  const maxFrac = fracDigits.length;
  const minFrac = fracDigits.filter((t) => t.text === '0').length;
  // A comma between integer digits groups thousands; commas right after the digits scale by 1000.
  let grouping = false;
  for (let i = firstDigit; i < intEnd; i++) {
    if (tokens[i]!.kind === 'comma' && tokens.slice(i + 1, intEnd).some((t) => t.kind === 'digit')) grouping = true;
  }
  let scale = 0;
  for (let i = Math.max(lastDigit, point) + 1; i < tokens.length && tokens[i]!.kind === 'comma'; i++) scale++;
  const percents = tokens.filter((t) => t.kind === 'percent').length;

  // value = digits × 10^-exponent, exactly
  const [whole, fraction = ''] = decimal.split('.');
  let digits = BigInt(`${whole}${fraction}`);
  const exponent = fraction.length - 2 * percents + 3 * scale;
  if (exponent > maxFrac) {
    const divisor = 10n ** BigInt(exponent - maxFrac);
    const rest = digits % divisor;
    digits /= divisor;
    if (rest * 2n >= divisor) digits += 1n; // half away from zero, as Excel rounds what it shows
  } else if (exponent < maxFrac) {
    digits *= 10n ** BigInt(maxFrac - exponent);
  }
  const text = digits.toString().padStart(maxFrac + 1, '0');
  let intPart = text.slice(0, text.length - maxFrac).replace(/^0+/, '');
  let fracPart = text.slice(text.length - maxFrac);
  while (fracPart.length > minFrac && fracPart.endsWith('0')) fracPart = fracPart.slice(0, -1);
  intPart = intPart.padStart(minInt, '0');
  if (grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (digits === 0n) sign = '';
  const number = `${intPart}${point >= 0 ? '.' : ''}${fracPart}`; // Excel shows the point even with no decimals left ("5." for 0.##)
  const literal = (from: number, to: number) =>
    tokens
      .slice(from, to)
      .filter((t) => t.kind === 'literal' || t.kind === 'percent')
      .map((t) => t.text)
      .join('');
  return `${sign}${literal(0, firstDigit)}${number}${literal(Math.max(lastDigit, point) + 1, tokens.length)}`;
}

/**
 * A date as YYYY-MM-DD; YYYY-MM when the format shows a year but no day; with HH:MM(:SS) when it
 * shows hours (only the time when it shows neither year nor day). Dates from ExcelJS are in UTC.
 */
function formatDate(date: Date, numFmt: string | undefined): string {
  const codes = formatCodes(sections(numFmt ?? '')[0] ?? '').replace(/AM\/PM|A\/P/gi, '');
  const seconds = Math.round(date.getTime() / 1000);
  const d = new Date(seconds * 1000);
  const pad = (v: number, w = 2) => String(v).padStart(w, '0');
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hasYear = /y/i.test(codes);
  const hasDay = /d/i.test(codes);
  const hasHour = /h/i.test(codes);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${/s/i.test(codes) ? `:${pad(d.getUTCSeconds())}` : ''}`;
  if (hasHour && !hasYear && !hasDay) return time;
  const datePart = hasYear && !hasDay ? day.slice(0, 7) : day;
  return hasHour ? `${datePart} ${time}` : datePart;
}
