/**
 * A line read by OCR carries its confidence and page box to its source location (issue 56): the
 * assembly of a PDF's pages (pdf/assemble.ts) asks for a line's mark when it makes the line's
 * source, and a line of a text layer gets none. Cells and paragraphs pass their sources on to the
 * values the parser reads, so every value read from a scan says how sure it is and where it stands.
 *
 * The words the reader corrected on a page (issue 69: a comparison sign told by its strokes) are
 * noted for the page before it is assembled (noteCorrections), and a line holding one carries it in
 * its mark (OcrMark.corrections): the OCR doubts then raise it at its cell.
 */
import type { OcrCorrection, OcrMark, SourceLocation } from '../../../shared/domain/model';
import type { PageContent, VisualLine } from '../pdf/layout';

const round = (n: number) => Math.round(n * 10) / 10;

/** A correction on a page: where it stands (points) and what it was. */
export interface PlacedCorrection extends OcrCorrection {
  x0: number;
  top: number;
  x1: number;
  bottom: number;
}

/** The corrections of each page being assembled, by the page (its PageContent). */
const noted = new WeakMap<object, readonly PlacedCorrection[]>();

/** Notes a page's corrections: the lines assembled from it that hold one carry it in their marks. */
export function noteCorrections(page: PageContent, corrections: readonly PlacedCorrection[]): void {
  if (corrections.length > 0) noted.set(page, corrections);
}

/** The corrections whose middle falls in a line's box. */
function correctionsIn(line: VisualLine, page: object): OcrCorrection[] {
  const list = noted.get(page) ?? [];
  return list
    .filter((c) => {
      const x = (c.x0 + c.x1) / 2;
      const y = (c.top + c.bottom) / 2;
      return x >= line.x0 - 1 && x <= line.x1 + 1 && y >= line.top - 1 && y <= line.bottom + 1 && line.text.includes(c.as);
    })
    .map(({ read, as, by }) => ({ read, as, by }));
}

/** `{ ocr }` for a line read by OCR, nothing for a text layer's line. */
export function ocrMark(line: VisualLine, page: Pick<PageContent, 'number' | 'width' | 'height'>): { ocr?: OcrMark } {
  if (line.conf === undefined) return {};
  const corrections = correctionsIn(line, page);
  return {
    ocr: {
      confidence: line.conf,
      page: page.number,
      box: [round(line.x0), round(line.top), round(line.x1), round(line.bottom)],
      pageWidth: round(page.width),
      pageHeight: round(page.height),
      ...(corrections.length > 0 ? { corrections } : {}),
    },
  };
}

/** A source that takes in one more line (a paragraph's next line): the lesser confidence, the box around both (on one page), the corrections of both. */
export function widenMark(source: SourceLocation, line: VisualLine, page: Pick<PageContent, 'number' | 'width' | 'height'>): void {
  const next = ocrMark(line, page).ocr;
  if (next === undefined) return;
  const mark = source.ocr;
  if (mark === undefined) {
    source.ocr = next;
    return;
  }
  mark.confidence = Math.min(mark.confidence, next.confidence);
  if (next.corrections) mark.corrections = [...(mark.corrections ?? []), ...next.corrections];
  if (mark.page !== next.page) return;
  mark.box = [Math.min(mark.box[0], next.box[0]), Math.min(mark.box[1], next.box[1]), Math.max(mark.box[2], next.box[2]), Math.max(mark.box[3], next.box[3])];
}
