/**
 * Issue 69, a scan of a table drawn without lines: a fixture's reading (../shared/fixtures/documents/000…, its first two
 * projects) printed as a plain page — a title, the project's name, code and goal as lines of text, its indicator table
 * as text aligned in columns, no ruling line anywhere, one project a page — by Chromium, rendered by pdftoppm at 200
 * dpi as a scanner gives it and reassembled as an image-only PDF. Until issue 69 such a scan was refused as "not a
 * target document": tesseract, reading the page as a page, ran its words across the columns' gaps.
 *
 * Its reading is compared field by field with the text layer's reading of the same print (the PDF reader's borderless
 * tables, pdf/borderless.ts): at least 97% of the fields exact, every wrong field doubted at its row. The comparison
 * (leaves, sourceOf, measure) is ocr-scans.test.ts's, written here for this test until it moves to test/support/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPages } from '../../src/server/importers/pdf/read-pdf';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { documentContentJson } from '../../src/shared/domain/document-content';
import type { ParsedDocument, Project, SourceLocation } from '../../src/shared/domain/model';
import { sharedBrowser } from '../e2e/browser';
import { FIXTURE_DIR, listFixtures } from '../support/fixtures';
import { printByChromium } from '../support/pdf-print';
import { imageOnlyPdf, renderPages } from '../support/scans';

/** The target's parts read from its text: its text (raw) is the field. */
const DERIVED = /\.target\.(kind|operator|value|valueText|unit|deadline|start|words|standard)(\.|$)/;

function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, path === '' ? k : `${path}.${k}`, out);
  else if (!DERIVED.test(path)) out.set(path, value);
  return out;
}

/** Where a field of the public content was read from (its cell). */
function sourceOf(doc: ParsedDocument, path: string): SourceLocation | undefined {
  const m = /^projects\[(\d+)\]\.(.*)$/.exec(path);
  const p: Project | undefined = m ? doc.projects[Number(m[1])] : undefined;
  if (p === undefined) return undefined;
  const rest = m![2]!;
  const ind = /^(indicators|longTermIndicators)\[(\d+)\]\.(\w+)/.exec(rest);
  if (ind) {
    const indicator = p[ind[1] as 'indicators'][Number(ind[2])];
    const field = ind[3] === 'level1' || ind[3] === 'level1Raw' ? 'level1' : ind[3] === 'level2' || ind[3] === 'level2Raw' ? 'level2' : ind[3]!;
    return (indicator?.sources as Record<string, SourceLocation | undefined> | undefined)?.[field] ?? indicator?.source;
  }
  const field = /^fields\[(\d+)\]/.exec(rest);
  if (field) return p.fields[Number(field[1])]?.source;
  const key = rest.split(/[.[]/)[0]!;
  return (p.sources as Record<string, SourceLocation | undefined>)[key];
}

const rowOf = (s: SourceLocation | undefined) => (s?.ref ? /^第\d+页 表\d+ 行\d+/.exec(s.ref)?.[0] : undefined);

/** The scan's reading against the text's, field by field: the fields, the exact ones, the wrong ones without a doubt at their row or line. */
function measure(text: ParsedDocument, scan: ParsedDocument) {
  const expected = leaves(JSON.parse(documentContentJson(text)), '', new Map());
  const actual = leaves(JSON.parse(documentContentJson(scan)), '', new Map());
  const wrong = [...expected].filter(([path, v]) => actual.get(path) !== v).map(([path]) => path);
  if (process.env.OCR_DEBUG) for (const path of wrong) console.info(path, JSON.stringify(expected.get(path)), '≠', JSON.stringify(actual.get(path)));
  const undoubted = wrong.filter((path) => {
    const project = scan.projects[Number(/^projects\[(\d+)\]/.exec(path)?.[1] ?? -1)];
    const doubts = (project?.reading?.doubts ?? []).filter((d) => d.code !== 'ocr-scanned');
    const source = sourceOf(scan, path) ?? sourceOf(text, path);
    const row = rowOf(source);
    return !doubts.some((d) => (row !== undefined && (d.where.ref === row || d.where.ref?.startsWith(`${row} `))) || (source !== undefined && d.where.line === source.line));
  });
  return { fields: expected.size, exact: expected.size - wrong.length, wrong, undoubted };
}

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
    console.info(`borderless scan: ${m.exact}/${m.fields} fields exact (${((m.exact / m.fields) * 100).toFixed(1)}%), ${m.wrong.length} wrong, ${m.undoubted.length} of them not doubted${m.undoubted.length ? `: ${m.undoubted.join(', ')}` : ''}`);
    expect(scan.projects.map((p) => p.name)).toEqual(text.projects.map((p) => p.name));
    expect(m.exact / m.fields).toBeGreaterThanOrEqual(0.97);
    expect(m.undoubted).toEqual([]);
    for (const p of scan.projects) {
      expect(p.reading!.certain).toBe(false);
      expect(p.reading!.doubts.map((d) => d.code)).toContain('ocr-scanned');
      expect(p.sources.name?.ocr?.page).toBeGreaterThan(0);
    }
  });
});
