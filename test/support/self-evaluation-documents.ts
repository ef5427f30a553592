/**
 * The 自评表 of test/documents/self-evaluation (issue 59), written by hand as web pages, in the other
 * formats a unit sends: the page's blocks as the HTML reader gives them (paragraphs; rows with their
 * grid columns, spans and merged cells) written again as a Word document (the `docx` package: gridSpan,
 * vMerge) and as a workbook (ExcelJS: merged ranges), and the page printed to PDF by LibreOffice. The
 * same content in every format, so every format must read the same fields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import ExcelJS from 'exceljs';
import type { Block, Cell, RowBlock } from '../../src/server/importers/blocks';
import { readHtml } from '../../src/server/importers/html/read-html';
import { printByLibreOffice } from './pdf-print';

export const SELF_EVALUATION_DIR = join(__dirname, '..', 'documents', 'self-evaluation');

/** Issue 70's tables in the forms real units submit (one contradiction kind each). */
export const SELF_EVALUATION_FORMS_DIR = join(__dirname, '..', 'documents', 'self-evaluation-forms');

export type SelfEvaluationFormat = 'html' | 'docx' | 'xlsx' | 'pdf';

/** The blocks of a page, each table's rows together. */
function pageBlocks(html: Buffer, file: string): { paragraphs: Block[]; parts: (Block | RowBlock[])[] } {
  const { blocks } = readHtml(html, file);
  const parts: (Block | RowBlock[])[] = [];
  for (const b of blocks) {
    const last = parts[parts.length - 1];
    if (b.kind === 'row' && Array.isArray(last) && last[0]!.table === b.table) last.push(b);
    else parts.push(b.kind === 'row' ? [b] : b);
  }
  return { paragraphs: blocks.filter((b) => b.kind === 'paragraph'), parts };
}

const text = (cell: Cell) => cell.lines.join('\n').trim();
const widthOf = (rows: RowBlock[]) => Math.max(...rows.map((r) => r.cells.reduce((w, c) => Math.max(w, (c.col ?? 0) + (c.span ?? 1)), 0)));

/** Whether the cell at `col` of the row under `r` continues a merge. */
const mergedBelow = (rows: RowBlock[], r: number, col: number) => rows[r + 1]?.cells.some((c) => c.col === col && c.mergedFromAbove) === true;

export async function pageAsDocx(html: Buffer, file: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const part of pageBlocks(html, file).parts) {
    if (!Array.isArray(part)) {
      if (part.kind === 'paragraph') children.push(new Paragraph({ children: [new TextRun(part.text.trim())] }));
      continue;
    }
    const width = widthOf(part);
    const rows = part.map(
      (row, r) =>
        new TableRow({
          children: row.cells.map((cell) => {
            const span = cell.span ?? 1;
            if (cell.mergedFromAbove) return new TableCell({ children: [new Paragraph({})], verticalMerge: VerticalMergeType.CONTINUE, ...(span > 1 ? { columnSpan: span } : {}) });
            return new TableCell({
              children: text(cell).split('\n').map((line) => new Paragraph({ children: line === '' ? [] : [new TextRun(line)] })),
              ...(span > 1 ? { columnSpan: span } : {}),
              ...(mergedBelow(part, r, cell.col!) ? { verticalMerge: VerticalMergeType.RESTART } : {}),
            });
          }),
        }),
    );
    children.push(new Table({ columnWidths: Array.from({ length: width }, () => Math.floor(9000 / width)), rows }));
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export async function pageAsXlsx(html: Buffer, file: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('自评表');
  const { parts } = pageBlocks(html, file);
  const width = Math.max(...parts.filter((p): p is RowBlock[] => Array.isArray(p)).map(widthOf));
  let line = 1;
  for (const part of parts) {
    if (!Array.isArray(part)) {
      if (part.kind !== 'paragraph') continue;
      ws.getCell(line, 1).value = part.text.trim();
      ws.mergeCells(line, 1, line, width);
      line++;
      continue;
    }
    part.forEach((row, r) => {
      for (const cell of row.cells) {
        if (cell.mergedFromAbove) continue;
        const col = cell.col! + 1;
        ws.getCell(line + r, col).value = text(cell);
        let down = 0;
        while (part[r + down + 1]?.cells.some((c) => c.col === cell.col && c.mergedFromAbove)) down++;
        const span = cell.span ?? 1;
        if (down > 0 || span > 1) ws.mergeCells(line + r, col, line + r + down, col + span - 1);
      }
    });
    line += part.length;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The document in a format: the page itself, or made of it. */
export async function selfEvaluationDocument(file: string, format: SelfEvaluationFormat, dir = SELF_EVALUATION_DIR): Promise<{ bytes: Buffer; name: string }> {
  const html = readFileSync(join(dir, file));
  const name = file.replace(/\.html$/, `.${format}`);
  switch (format) {
    case 'html':
      return { bytes: html, name };
    case 'docx':
      return { bytes: await pageAsDocx(html, file), name };
    case 'xlsx':
      return { bytes: await pageAsXlsx(html, file), name };
    case 'pdf':
      return { bytes: printByLibreOffice(html.toString('utf8'), name), name };
  }
}
