/**
 * Issue 69, a scan of a table drawn without lines: a fixture's reading (../shared/fixtures/documents/000…, its first two
 * projects) printed as a plain page — a title, the project's name, code and goal as lines of text, its indicator table
 * as text aligned in columns, no ruling line anywhere, one project a page — by Chromium, rendered by pdftoppm at 200
 * dpi as a scanner gives it and reassembled as an image-only PDF. Until issue 69 such a scan was refused as "not a
 * target document": tesseract, reading the page as a page, ran its words across the columns' gaps.
 *
 * Its reading is compared field by field with the text layer's reading of the same print (the PDF reader's borderless
 * tables, pdf/borderless.ts) by test/support/scan-measure.ts: at least 97% of the fields exact, every wrong field
 * doubted at its cell.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPages } from '../../src/server/importers/pdf/read-pdf';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { sharedBrowser } from '../e2e/browser';
import { FIXTURE_DIR, listFixtures } from '../support/fixtures';
import { printByChromium } from '../support/pdf-print';
import { measure, measureLine, share } from '../support/scan-measure';
import { imageOnlyPdf, renderPages } from '../support/scans';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const td = (text: string) => `<td>${esc(text)}</td>`;
/** The indicator table's columns (per cent of the page's width): the targets' column as wide as its longest target. */
const WIDTHS = [11, 12, 17, 21, 24, 15];

/** The projects printed plainly: no border anywhere, a 一级 and 二级 written once for their group, one project a page. */
function plainPage(doc: ParsedDocument, count: number): string {
  const out = doc.projects.slice(0, count).map((p, k) => {
    let level1 = '';
    let level2 = '';
    const rows = p.indicators.map((i) => {
      const a = i.level1Raw === level1 ? '' : i.level1Raw;
      const b = i.level2Raw === level2 && a === '' ? '' : i.level2Raw;
      level1 = i.level1Raw;
      level2 = i.level2Raw;
      return `<tr>${[a, b, i.name, i.description ?? '', i.target.raw, i.basis ?? ''].map(td).join('')}</tr>`;
    });
    const head = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'].map(td).join('');
    return (
      `<h3${k > 0 ? ' style="page-break-before:always"' : ''}>${k + 1}.${esc(p.name)}绩效目标表</h3>` +
      `<table><tr>${td('项目名称')}<td colspan="2">${esc(p.name)}</td>${td('项目编码')}<td colspan="2">${esc(p.code ?? '')}</td></tr>` +
      `<tr>${td('绩效目标')}<td colspan="5">${esc(p.goals.join('；'))}</td></tr></table>` +
      `<table>${WIDTHS.map((w) => `<col width="${w}%">`).join('')}<tr>${head}</tr>${rows.join('')}</table>`
    );
  });
  // digits and signs in a Latin font, the Chinese in a CJK one: as the fixture's Word export prints (DejaVu Serif for Times New Roman)
  const style =
    'body{font-family:"DejaVu Serif","Noto Serif CJK SC";font-size:10pt} h3{font-size:13pt} td{padding:3px 8px;vertical-align:top} table{border-collapse:collapse;width:100%;table-layout:fixed;margin-bottom:8px}';
  return `<html><head><meta charset="utf-8"><style>${style}</style></head><body>${out.join('\n')}</body></html>`;
}

let print: Buffer;
let text: ParsedDocument;
let scan: ParsedDocument;

beforeAll(async () => {
  const doc = await parseDocumentBytes(readFileSync(join(FIXTURE_DIR, listFixtures()[0]!)), 'fixture.txt');
  print = await printByChromium(await sharedBrowser(), plainPage(doc, 2), 'ocr-borderless.pdf');
  text = await parseDocumentBytes(print, 'print.pdf');
  scan = await parseDocumentBytes(await imageOnlyPdf(await renderPages(print, 1, 2, 200)), 'scan.pdf');
}, 300_000);

describe('a scan of a table drawn without lines (OCR)', () => {
  it('the print itself has no rule and its text layer reads both projects (the yardstick)', async () => {
    const { pages } = await extractPages(print, 'print.pdf');
    expect(pages.flatMap((p) => p.rules)).toEqual([]);
    expect(text.projects.map((p) => p.indicators.length)).toEqual([6, 6]);
  });

  it('the scan is read by the positions of its words: at least 97% of the fields exact, every wrong field doubted', () => {
    const m = measure(text, scan);
    console.info(measureLine('borderless scan', m));
    expect(scan.projects.map((p) => p.name)).toEqual(text.projects.map((p) => p.name));
    expect(share(m)).toBeGreaterThanOrEqual(0.97);
    expect(m.undoubted).toEqual([]);
    for (const p of scan.projects) {
      expect(p.reading!.certain).toBe(false);
      expect(p.reading!.doubts.map((d) => d.code)).toContain('ocr-scanned');
      expect(p.sources.name?.ocr?.page).toBeGreaterThan(0);
    }
  });
});
