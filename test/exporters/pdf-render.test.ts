/**
 * The Word export rendered: each fixture exported to .docx, converted to PDF by LibreOffice, and
 * each page to PNG by pdftoppm (kept under test-artifacts/render/ for people to look at). The
 * PDF's text must show the same tables as the source: every project's title, code and amounts,
 * every indicator's name and value, in document order; and Jixiao's PDF reader must read the PDF
 * back to the source's content.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it, type ExpectStatic } from 'vitest';
import { formatWan } from '../../src/shared/domain/money';
import { exportDocx } from '../../src/server/exporters/docx-exporter';
import { convertDocxToPdf } from '../../src/server/exporters/pdf-exporter';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { documentContentJson } from '../../src/shared/domain/document-content';
import { listFixtures, readFixture } from '../support/fixtures';

const ARTIFACTS = resolve('test-artifacts/render');
/** Fixtures whose part one has a "。"/"，" at the end of a full line, which LibreOffice's PDF leaves out. */
const LINE_END_PUNCTUATION_LOST = new Set(['001_2a158b43dfd09e06.txt', '002_66f8d06f680bd2a2.txt']);

/** The PDF's text in content order (-raw), white space removed, so cells wrapped over lines still match. */
function pdfText(expect: ExpectStatic, pdf: string): string {
  const r = spawnSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.replace(/\s+/g, '');
}

/** Finds each needle after the previous one: the order of the source is kept. */
function expectInOrder(expect: ExpectStatic, haystack: string, needles: string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(needle.replace(/\s+/g, ''), from);
    expect(at, `“${needle}” after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

// The fixtures side by side (issue 38: one after another the file took 74 s): each waits mostly for its own
// LibreOffice and poppler processes, which the two cores then share.
describe.concurrent.each(listFixtures())('%s rendered as PDF', (file) => {
  it('shows every table of the source, page by page as PNG', { timeout: 180_000 }, async ({ expect }) => {
    const doc = await parseDocumentBytes(readFixture(file), file);
    const pdf = await convertDocxToPdf(await exportDocx(doc));
    const dir = join(ARTIFACTS, file.replace(/\.txt$/, ''));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pdfPath = join(dir, 'document.pdf');
    writeFileSync(pdfPath, pdf);

    const png = spawnSync('pdftoppm', ['-png', '-r', '50', pdfPath, join(dir, 'page')], { encoding: 'utf8' });
    expect(png.status, png.stderr).toBe(0);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.png'));
    const info = spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).stdout;
    expect(pages.length).toBe(Number(/Pages:\s+(\d+)/.exec(info)?.[1]));
    expect(pages.length).toBeGreaterThan(0);

    // The body (仿宋, tables 宋体) in a Chinese serif face, headings (黑体) in a sans one, when the official fonts are not installed.
    const fonts = spawnSync('pdffonts', [pdfPath], { encoding: 'utf8' }).stdout;
    expect(fonts).toMatch(/NotoSerifCJK/);
    expect(fonts).toMatch(/NotoSansCJK/);

    const text = pdfText(expect, pdfPath);
    const needles = doc.projects.flatMap((p) => [
      p.title,
      ...(p.code ? [p.code] : []),
      ...(p.budget.total === null ? [] : [formatWan(p.budget.total)]),
      ...p.indicators.flatMap((i) => [i.name, i.target.raw]),
    ]);
    expectInOrder(expect, text, needles);

    // Read back by Jixiao's PDF reader: the same content (spaces beside Chinese aside, which a PDF
    // cannot tell). LibreOffice leaves a "。" or "，" that ends a full line of part one out of the
    // PDF (001, 002: a sentence's end then no longer splits a measure's title from its text), so
    // part one is compared only for the other two; the projects for all four.
    const source = JSON.parse(documentContentJson(doc));
    const back = JSON.parse(documentContentJson(await parseDocumentBytes(pdf, 'document.pdf')));
    expect(back.projects).toEqual(source.projects);
    expect([back.year, back.department, back.frameworkVersion, back.departmentTargets]).toEqual([source.year, source.department, source.frameworkVersion, source.departmentTargets]);
    if (!LINE_END_PUNCTUATION_LOST.has(file)) expect(back.departmentGoals).toEqual(source.departmentGoals);
  });
});
