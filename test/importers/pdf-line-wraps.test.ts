/**
 * Issue 74: a PDF's line breaks, the writer's kept and the printer's undone, whoever broke the lines. One page of our
 * own (test/documents/wraps/page.html: narrative paragraphs with numbers, Latin words, quotes and brackets, numbered
 * items, and an indicator table whose cells wrap, one with a writer's line break in it) printed at three page widths,
 * each by Chromium (`--print-to-pdf`) and by LibreOffice Writer. The lines break at other places in every print — a
 * browser and LibreOffice break them by other rules (LibreOffice keeps "，2026" together, puts a space between a
 * Chinese character and a digit and lets a comma hang past the margin; Chromium sets "”（" in one character's width) —
 * and every print must read the text the page itself reads: every paragraph whole, every cell's text with the writer's
 * line breaks and no other.
 *
 * The pages are 420 mm tall, so that each print is one page: the rows a page break cuts are another matter
 * (pdf-touching-tables.test.ts, pdf-layout.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/server/importers/blocks';
import { readHtml } from '../../src/server/importers/html/read-html';
import { paragraphText } from '../../src/server/importers/parse/grid';
import { readPdf } from '../../src/server/importers/pdf/read-pdf';
import { tidyCjkSpaces } from '../../src/shared/domain/text';
import { printPageByChromium } from '../support/fixture-prints';
import { printByLibreOffice } from '../support/pdf-print';

const PAGE = readFileSync(join(__dirname, '..', 'documents', 'wraps', 'page.html'), 'utf8');
const WIDTHS = ['150mm', '210mm', '297mm'];

/** What a reader reads of the blocks: each paragraph, each row's cells (a cell's lines joined where they wrap). */
const textOf = (blocks: readonly Block[]) =>
  blocks.flatMap((b) => (b.kind === 'paragraph' ? [tidyCjkSpaces(b.text.trim())] : b.kind === 'row' ? [b.cells.map((c) => tidyCjkSpaces(paragraphText(c))).join(' | ')] : [])).filter((t) => t !== '');

/** How many visual lines the reader saw (every line of the PDF is counted by its source's line). */
const visualLines = (blocks: readonly Block[]) => Math.max(...blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.source.line] : b.kind === 'row' ? b.cells.flatMap((c) => c.sources.map((s) => s.line)) : [])));

const expected = textOf(readHtml(Buffer.from(PAGE), 'page.html').blocks);
const at = (width: string) => PAGE.replace('</style>', `@page{size:${width} 420mm;margin:15mm}</style>`);

describe.each([
  ['Chromium', (html: string, name: string) => printPageByChromium(html, `${name}.chromium.pdf`, false)],
  ['LibreOffice', async (html: string, name: string) => printByLibreOffice(html, `${name}.libreoffice.pdf`, true)],
] as const)('the page printed by %s at three page widths', (_, print) => {
  it('reads the same text from each: paragraphs whole, cells as written', { timeout: 180_000 }, async () => {
    // the yardstick: the page as the web page reader reads it
    expect(expected.length).toBe(16);
    expect(expected.filter((t) => t.includes('\n'))).toHaveLength(2);
    const lines: number[] = [];
    for (const width of WIDTHS) {
      const pdf = await print(at(width), `wraps-${width}`);
      const { blocks } = await readPdf(pdf, `wraps-${width}.pdf`);
      expect(blocks.every((b) => b.kind !== 'row' || b.source.ref?.startsWith('第1页'))).toBe(true);
      expect({ width, text: textOf(blocks) }).toEqual({ width, text: expected });
      lines.push(visualLines(blocks));
    }
    // the lines broke at other places at each width: the narrower the page, the more lines
    expect(lines[0]).toBeGreaterThan(lines[1]!);
    expect(lines[1]).toBeGreaterThan(lines[2]!);
  });
});
