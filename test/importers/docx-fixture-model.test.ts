/**
 * A .docx built from a fixture's content parses to the same model as the text file: same
 * department, goals, projects, amounts, indicators and diagnostics. Only where each value came
 * from differs (a text line versus a Word paragraph and cell).
 */
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { readText } from '../../src/server/importers/txt/read-text';
import { buildDocx } from '../support/build-docx';
import { listFixtures, readFixture } from '../support/fixtures';
import { modelContent } from '../support/model-content';

const content = (doc: ParsedDocument) => modelContent(doc);

describe.each(listFixtures())('%s as .docx', (file) => {
  it('parses to the same model as the text, every written cell located in the Word table', async () => {
    const text = readFixture(file);
    const fromText = await parseDocumentBytes(text, file);
    const docx = await buildDocx(readText(text, file).blocks, { mergeEmptyCells: true });
    const fromWord = await parseDocumentBytes(docx, file.replace(/\.txt$/, '.docx'));

    expect(fromWord.format).toBe('docx');
    expect(content(fromWord)).toEqual(content(fromText));
    expect(fromWord.projects.length).toBeGreaterThan(0);
    for (const p of fromWord.projects) {
      for (const i of p.indicators) {
        expect(i.source.ref).toMatch(/^表\d+ 行\d+/);
        expect(i.sources.target?.ref ?? '').toMatch(/^表\d+ 行\d+ 列\d+$/);
      }
    }
  });
});
