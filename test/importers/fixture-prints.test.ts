/**
 * Every fixture printed to PDF as people print it reads as its text (issue 53): the four documents of
 * ../shared/fixtures/documents and the six of ../shared/fixtures/other-provinces, each
 *
 * - as a web page (test/support/fixture-prints.ts fixturePage: its paragraphs, one table per project as the text has
 *   it, no <thead>) printed by Chromium from the command line (`--headless --print-to-pdf`), once with the browser's
 *   own header and footer (date, title, address, page numbers: page furniture the reader leaves out) and once without
 *   (`--no-pdf-header-footer`);
 * - as its Word export (src/server/exporters/docx-exporter.ts) converted to PDF by LibreOffice (Jixiao's own PDF export).
 *
 * Compared field by field on the public content (documentContentJson, which already counts no space beside a Chinese
 * character: a PDF cannot tell "村 (社区)" from "村(社区)"), every difference named by its path. The PDFs are kept under
 * test-artifacts/fixture-prints/.
 *
 * Nothing is excused: the Word export carries every field (its .docx is compared first), and LibreOffice draws all of
 * it (docx-exporter.ts: punctuation kept inside the margin, the rows of a merged category cell kept on one page).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { exportDocx } from '../../src/server/exporters/docx-exporter';
import { convertDocxToPdf } from '../../src/server/exporters/pdf-exporter';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { documentContentJson } from '../../src/shared/domain/document-content';
import { FIXTURE_DIR, listFixtures } from '../support/fixtures';
import { OTHER_PROVINCES_DIR, contentDifferences, fixturePage, keepPrint, limited, printPageByChromium } from '../support/fixture-prints';

const DOCUMENTS = [
  ...listFixtures().map((f) => join(FIXTURE_DIR, f)),
  ...readdirSync(OTHER_PROVINCES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(OTHER_PROVINCES_DIR, f)),
];
const nameOf = (path: string) => path.split('/').pop()!.replace(/\.txt$/, '');

const content = (doc: ParsedDocument) => JSON.parse(documentContentJson(doc)) as Record<string, unknown>;
/** One browser or LibreOffice at a time beside the reading of what the other printed: the machine has two cores. */
const job = limited(2);
const parsed = new Map<string, Promise<ParsedDocument>>();
const textOf = (path: string) => parsed.get(path) ?? parsed.set(path, parseDocumentBytes(readFileSync(path), `${nameOf(path)}.txt`)).get(path)!;

describe.concurrent.each(DOCUMENTS.map((path) => [nameOf(path), path]))('%s printed to PDF', (name, path) => {
  for (const headerFooter of [true, false]) {
    it(`by Chromium ${headerFooter ? 'with' : 'without'} its header and footer reads as its text`, { timeout: 120_000 }, async ({ expect }) => {
      const text = await textOf(path);
      const pdf = await job(() => printPageByChromium(fixturePage(readFileSync(path, 'utf8')), `${name}.chromium${headerFooter ? '-header-footer' : ''}.pdf`, headerFooter));
      const read = await parseDocumentBytes(pdf, `${name}.pdf`);
      expect(contentDifferences(content(text), content(read))).toEqual([]);
      // the browser's header and footer were there, and were left out
      if (headerFooter) expect(read.diagnostics.map((d) => d.code)).toContain('pdf.page-furniture');
    });
  }

  it('as its Word export, converted by LibreOffice, reads as its text', { timeout: 180_000 }, async ({ expect }) => {
    const text = content(await textOf(path));
    const docx = await exportDocx(await textOf(path));
    // the .docx itself first: what the export does not carry is the exporter's to mend, not the PDF reader's
    expect(contentDifferences(text, content(await parseDocumentBytes(docx, `${name}.docx`)))).toEqual([]);
    const pdf = await job(() => convertDocxToPdf(docx));
    await keepPrint(pdf, `${name}.word.pdf`);
    expect(contentDifferences(text, content(await parseDocumentBytes(pdf, `${name}.pdf`)))).toEqual([]);
  });
});
