/**
 * A line read by OCR carries its confidence and page box to its source location (issue 56): the
 * assembly of a PDF's pages (pdf/assemble.ts) asks for a line's mark when it makes the line's
 * source, and a line of a text layer gets none. Cells and paragraphs pass their sources on to the
 * values the parser reads, so every value read from a scan says how sure it is and where it stands.
 */
import type { OcrMark, SourceLocation } from '../../../shared/domain/model';
import type { PageContent, VisualLine } from '../pdf/layout';

const round = (n: number) => Math.round(n * 10) / 10;

/** `{ ocr }` for a line read by OCR, nothing for a text layer's line. */
export function ocrMark(line: VisualLine, page: Pick<PageContent, 'number' | 'width' | 'height'>): { ocr?: OcrMark } {
  if (line.conf === undefined) return {};
  return { ocr: { confidence: line.conf, page: page.number, box: [round(line.x0), round(line.top), round(line.x1), round(line.bottom)], pageWidth: round(page.width), pageHeight: round(page.height) } };
}

/** A source that takes in one more line (a paragraph's next line): the lesser confidence, the box around both (on one page). */
export function widenMark(source: SourceLocation, line: VisualLine, page: Pick<PageContent, 'number' | 'width' | 'height'>): void {
  const next = ocrMark(line, page).ocr;
  if (next === undefined) return;
  const mark = source.ocr;
  if (mark === undefined || mark.page !== next.page) {
    if (mark === undefined) source.ocr = next;
    else mark.confidence = Math.min(mark.confidence, next.confidence);
    return;
  }
  mark.confidence = Math.min(mark.confidence, next.confidence);
  mark.box = [Math.min(mark.box[0], next.box[0]), Math.min(mark.box[1], next.box[1]), Math.max(mark.box[2], next.box[2]), Math.max(mark.box[3], next.box[3])];
}
