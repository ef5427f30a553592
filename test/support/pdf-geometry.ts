/**
 * Synthetic PDF pages for the reader's geometry (no pdf.js, no producer): runs of text and ruling lines placed by hand,
 * as pdf/read-pdf.ts would hand them to layout.ts and assemble.ts.
 */
import type { RowBlock } from '../../src/server/importers/blocks';
import { assembleBlocks } from '../../src/server/importers/pdf/assemble';
import type { PageContent, Rule, TextRun } from '../../src/server/importers/pdf/layout';

const SIZE = 10;
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/** A run of text at (x, baseline): CJK characters a font size wide, others half. */
export function run(text: string, x: number, baseline: number, size = SIZE): TextRun {
  const width = [...text].reduce((w, c) => w + (CJK.test(c) ? size : size * 0.5), 0);
  return { text, x0: x, x1: x + width, top: baseline - 0.88 * size, bottom: baseline + 0.12 * size, baseline, size, rotated: false };
}
export const h = (y: number, x0: number, x1: number): Rule => ({ x0, y0: y, x1, y1: y });
export const v = (x: number, y0: number, y1: number): Rule => ({ x0: x, y0, x1: x, y1 });
/** A thin filled rectangle as Word and Chrome draw a border. */
export const hRect = (y: number, x0: number, x1: number): Rule => ({ x0, y0: y - 0.375, x1, y1: y + 0.375 });
export const vRect = (x: number, y0: number, y1: number): Rule => ({ x0: x - 0.375, y0, x1: x + 0.375, y1 });
/** An A4 page. */
export const page = (number: number, rules: Rule[], runs: TextRun[]): PageContent => ({ number, width: 595, height: 842, rules, runs });
/** A row's cells as text: "^" for a cell merged from above, a cell's lines joined by "/". */
export const texts = (row: RowBlock) => row.cells.map((c) => (c.mergedFromAbove ? '^' : c.lines.join('/')));
/** The table rows the reader gives for the pages. */
export const rows = (pages: PageContent[]) => assembleBlocks(pages).blocks.filter((b): b is RowBlock => b.kind === 'row');
/** The paragraphs the reader gives for the pages. */
export const paragraphs = (pages: PageContent[]) => assembleBlocks(pages).blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
