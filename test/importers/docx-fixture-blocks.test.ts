/**
 * The real documents as Word files: each text fixture is read into blocks, written as a .docx
 * (buildDocx, with the 一级/二级指标 cells merged as in the original documents) and read back with
 * readDocx. The Word reader must give the parser the same paragraphs and cells as the text reader.
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/server/importers/blocks';
import { readDocx } from '../../src/server/importers/docx/read-docx';
import { readText } from '../../src/server/importers/txt/read-text';
import { buildDocx } from '../support/build-docx';
import { listFixtures, readFixture } from '../support/fixtures';

/** Blocks without locations and merge marks: a paragraph as its text, a row as its cells' lines. */
function texts(blocks: Block[]): (string | string[][])[] {
  return blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.cells.map((c) => c.lines)));
}

describe.each(listFixtures())('fixture %s as .docx', (file) => {
  it.each([true, false])('reads the same paragraphs and cells as the text (mergeEmptyCells: %s)', async (mergeEmptyCells) => {
    const fromText = readText(readFixture(file), file).blocks;
    const fromWord = await readDocx(await buildDocx(fromText, { mergeEmptyCells }), file.replace(/\.txt$/, '.docx'));
    expect(texts(fromWord.blocks)).toEqual(texts(fromText));
    expect(fromWord.diagnostics).toEqual([]);
    const merged = fromWord.blocks.flatMap((b) => (b.kind === 'row' ? b.cells.filter((c) => c.mergedFromAbove) : []));
    if (mergeEmptyCells) {
      // the real documents merge empty 一级/二级指标 cells; they come back as merged, empty cells
      const emptyLevelCells = fromText.some(
        (b) => b.kind === 'row' && b.cells.length === 6 && b.cells[0]!.lines.join('') === '' && b.cells[2]!.lines.join('') !== '',
      );
      if (emptyLevelCells) expect(merged.length).toBeGreaterThan(0);
      for (const c of merged) expect(c.lines).toEqual(['']);
    } else {
      expect(merged).toEqual([]);
    }
  });
});
