/**
 * Writes one generated table (generate.ts) in the four formats the generator checks:
 * - .txt, the project's text format (docs/import-formats.md): the heading a paragraph, each cell
 *   starting with a tab, rows apart by a blank line; a cell merged from above is an empty cell (what
 *   a merged cell's text extraction leaves), a cell spanning columns one cell;
 * - HTML: a page with the heading in a <p> and the table with rowspan/colspan;
 * - .docx (the `docx` package): the heading a paragraph, the table with gridSpan and vMerge;
 * - .xlsx (`exceljs`): the heading in a row merged across the table, merged ranges for the spans,
 *   amounts and target values as numbers with their format when the case says so.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import ExcelJS from 'exceljs';
import { writeTextRow } from '../../../src/server/demo-corpus/generate-corpus';
import type { GenCell, GenTable } from './generate';

export type LayoutFormat = 'txt' | 'html' | 'docx' | 'xlsx';
export const LAYOUT_FORMATS: readonly LayoutFormat[] = ['txt', 'html', 'docx', 'xlsx'];

export async function renderTable(table: GenTable, format: LayoutFormat): Promise<Uint8Array> {
  switch (format) {
    case 'txt':
      return Buffer.from(renderText(table), 'utf8');
    case 'html':
      return Buffer.from(renderHtml(table), 'utf8');
    case 'docx':
      return renderDocx(table);
    case 'xlsx':
      return renderXlsx(table);
  }
}

export function renderText(table: GenTable): string {
  const rows = table.rows.map((row) => writeTextRow(row.flatMap((s) => (s === 'h' ? [] : [s === 'v' ? '' : s.text]))));
  return `${table.heading}\n${table.caption ? `${table.caption}\n` : ''}${rows.join('\n\n')}\n\n\n\n`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderHtml(table: GenTable): string {
  const rows = table.rows.map((row) => {
    const cells = row
      .filter((s): s is GenCell => typeof s !== 'string')
      .map((c) => `<td${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan ? ` colspan="${c.colSpan}"` : ''}>${escapeHtml(c.text)}</td>`);
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>绩效目标公开</title></head><body>\n<p>${escapeHtml(table.heading)}</p>\n${table.caption ? `<p>${escapeHtml(table.caption)}</p>\n` : ''}<table border="1">\n${rows.join('\n')}\n</table></body></html>`;
}

export async function renderDocx(table: GenTable): Promise<Uint8Array> {
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
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun(table.heading)] }),
          ...(table.caption ? [new Paragraph({ children: [new TextRun(table.caption)] })] : []),
          new Table({ columnWidths: Array.from({ length: table.width }, () => columnWidth), rows }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function renderXlsx(table: GenTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  const above = table.caption ? [table.heading, table.caption] : [table.heading];
  above.forEach((text, k) => {
    ws.getCell(k + 1, 1).value = text;
    if (table.width > 1) ws.mergeCells(k + 1, 1, k + 1, table.width);
  });
  const first = above.length + 1;
  table.rows.forEach((row, r) => {
    row.forEach((s, c) => {
      if (typeof s === 'string') return;
      const cell = ws.getCell(r + first, c + 1);
      if (s.number) {
        cell.value = s.number.value;
        cell.numFmt = s.number.format;
      } else cell.value = s.text;
      if (s.rowSpan || s.colSpan) ws.mergeCells(r + first, c + 1, r + first + (s.rowSpan ?? 1) - 1, c + 1 + (s.colSpan ?? 1) - 1);
    });
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
