/**
 * Writes one generated document (generate.ts: paragraphs and tables in order) in the four formats the
 * generator checks:
 * - .txt, the project's text format (docs/import-formats.md): each paragraph a line, each table's cells
 *   starting with a tab, rows apart by a blank line, three blank lines after a table; a cell merged from
 *   above is an empty cell (what a merged cell's text extraction leaves), a cell spanning columns one
 *   cell; a table whose rows are short in text (GenTable.shortInText) leaves its indicator rows' merged
 *   cells and trailing empty cells out, as some extractions do;
 * - HTML: a page with each paragraph in a <p> and each table with rowspan/colspan;
 * - .docx (the `docx` package): paragraphs, and tables with gridSpan and vMerge;
 * - .xlsx (`exceljs`): as a bureau's workbook, one sheet a table, the paragraphs before it (its title,
 *   a caption) in rows merged across it above it, those after the last table under it; merged ranges
 *   for the spans, amounts and target values as numbers with their format when the case says so.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import ExcelJS from 'exceljs';
import { writeTextRow } from '../../../src/server/demo-corpus/generate-corpus';
import { shortRowSlots, type GenCell, type GenDocument, type GenSlot, type GenTable, type LayoutFormat } from './generate';

export { LAYOUT_FORMATS, type LayoutFormat } from './generate';

export async function renderDocument(doc: GenDocument, format: LayoutFormat): Promise<Uint8Array> {
  switch (format) {
    case 'txt':
      return Buffer.from(renderText(doc), 'utf8');
    case 'html':
      return Buffer.from(renderHtml(doc), 'utf8');
    case 'docx':
      return renderDocx(doc);
    case 'xlsx':
      return renderXlsx(doc);
  }
}

/** The rows of a table as extracted text gives them. */
export function textRows(table: GenTable): GenSlot[][] {
  return table.rows.map((row, k) => (table.shortInText && table.kinds[k] === 'indicator' ? shortRowSlots(row) : row));
}

export function renderText(doc: GenDocument): string {
  let out = '';
  for (const b of doc.blocks) {
    if ('paragraph' in b) out += `${b.paragraph}\n`;
    else out += `${textRows(b.table).map((row) => writeTextRow(row.flatMap((s) => (s === 'h' ? [] : [s === 'v' ? '' : s.text])))).join('\n\n')}\n\n\n\n`;
  }
  return out;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function htmlTable(table: GenTable): string {
  const rows = table.rows.map((row) => {
    const cells = row
      .filter((s): s is GenCell => typeof s !== 'string')
      .map((c) => `<td${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan ? ` colspan="${c.colSpan}"` : ''}>${escapeHtml(c.text)}</td>`);
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table border="1">\n${rows.join('\n')}\n</table>`;
}

export function renderHtml(doc: GenDocument): string {
  const body = doc.blocks.map((b) => ('paragraph' in b ? `<p>${escapeHtml(b.paragraph)}</p>` : htmlTable(b.table))).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>绩效目标公开</title></head><body>\n${body}\n</body></html>`;
}

function docxTable(table: GenTable): Table {
  const columnWidth = Math.floor(9000 / table.width);
  const rows = table.rows.map((row) => {
    const children: TableCell[] = [];
    row.forEach((s) => {
      if (s === 'h') return;
      if (s === 'v') children.push(new TableCell({ children: [new Paragraph({})], verticalMerge: VerticalMergeType.CONTINUE }));
      else
        children.push(
          new TableCell({
            // a line break in a cell (a wrapped header) is a paragraph of its own, as Word writes it
            children: s.text.split('\n').map((line) => new Paragraph({ children: line === '' ? [] : [new TextRun(line)] })),
            ...(s.colSpan ? { columnSpan: s.colSpan } : {}),
            ...(s.rowSpan ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          }),
        );
    });
    return new TableRow({ children });
  });
  return new Table({ columnWidths: Array.from({ length: table.width }, () => columnWidth), rows });
}

export async function renderDocx(doc: GenDocument): Promise<Uint8Array> {
  const children = doc.blocks.map((b) => ('paragraph' in b ? new Paragraph({ children: [new TextRun(b.paragraph)] }) : docxTable(b.table)));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** The sheets of a workbook: each table with the paragraphs before it; the paragraphs after the last table under it. */
function sheetsOf(doc: GenDocument): { above: string[]; table: GenTable | null; below: string[] }[] {
  const sheets: { above: string[]; table: GenTable | null; below: string[] }[] = [];
  let pending: string[] = [];
  for (const b of doc.blocks) {
    if ('paragraph' in b) pending.push(b.paragraph);
    else {
      sheets.push({ above: pending, table: b.table, below: [] });
      pending = [];
    }
  }
  if (sheets.length === 0) sheets.push({ above: pending, table: null, below: [] });
  else sheets[sheets.length - 1]!.below = pending;
  return sheets;
}

export async function renderXlsx(doc: GenDocument): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  sheetsOf(doc).forEach(({ above, table, below }, k) => {
    const ws = wb.addWorksheet(`Sheet${k + 1}`);
    const width = table?.width ?? 1;
    let r = 1;
    const line = (text: string) => {
      ws.getCell(r, 1).value = text;
      if (width > 1) ws.mergeCells(r, 1, r, width);
      r++;
    };
    above.forEach(line);
    if (table !== null) {
      const first = r;
      table.rows.forEach((row, i) => {
        row.forEach((s, c) => {
          if (typeof s === 'string') return;
          const cell = ws.getCell(i + first, c + 1);
          if (s.number) {
            cell.value = s.number.value;
            cell.numFmt = s.number.format;
          } else cell.value = s.text;
          if (s.rowSpan || s.colSpan) ws.mergeCells(i + first, c + 1, i + first + (s.rowSpan ?? 1) - 1, c + 1 + (s.colSpan ?? 1) - 1);
        });
      });
      r = first + table.rows.length;
    }
    below.forEach(line);
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
