/**
 * What every reader accepts at most. A file over a limit is refused at once with a
 * DocumentReadError naming the limit (limitMessage), before it can take the memory or the time:
 * one user's file never stalls or starves the server. The numbers are far above any real target
 * document (the largest real ones are a few hundred pages and a few MB) and far below what would
 * hurt a 2-core server. docs/import-formats.md lists them.
 */
import { CELL_MAX_CHARS } from '../../shared/domain/cell-limit';

export const READER_LIMITS = {
  /** Bytes of any uploaded or imported file. */
  fileBytes: 20 * 1024 * 1024,
  /** Entries of a zip package (.docx, .xlsx). */
  zipEntries: 10_000,
  /** Bytes all entries of a zip package inflate to, together (measured while inflating, not as declared). */
  zipInflatedBytes: 100 * 1024 * 1024,
  /** Characters of decoded text (a .txt, a web page's HTML). */
  textChars: 20 * 1024 * 1024,
  /** Pages of a PDF. */
  pdfPages: 500,
  /** Text items (glyph runs) of all pages of a PDF together. */
  pdfTextItems: 2_000_000,
  /** Drawing operators of all pages of a PDF together (its rules are taken from them). */
  pdfOperators: 5_000_000,
  /** Table cells of an HTML page. */
  htmlCells: 200_000,
  /** Rows of one sheet of a workbook read as a form. */
  sheetRows: 20_000,
  /** Columns of one sheet of a workbook read as a form. */
  sheetColumns: 200,
  /** Seconds a LibreOffice conversion (.doc/.wps/.xls/.et) may take. */
  conversionSeconds: 60,
  /**
   * Characters of one cell, the same for the editor (shared/domain/cell-limit.ts): a document with a longer one is
   * refused by the import's store step (modules/imports/prepare-document.ts), not by the readers.
   */
  cellChars: CELL_MAX_CHARS,
} as const;

/** "超过限制：PDF 页数 612，最多 500 页" — the message of a refusal for a limit. */
export function limitMessage(what: string, actual: number | string, limit: number | string, unit = ''): string {
  return `超过限制：${what} ${actual}${unit}，最多 ${limit}${unit}`;
}
