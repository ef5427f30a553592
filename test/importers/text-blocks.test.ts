/**
 * The text reader makes its rows and the paragraphs it classified as class instances
 * (RowWithMemo, ClassifiedParagraph in blocks.ts) that keep the parser's memo and the heading in
 * private fields. They must read as the plain block literals they replace: same keys in the same
 * order, same JSON, same structured clone and spread; and the heading a paragraph carries must be
 * classifyHeading's answer for its text, which the parser would otherwise work out itself.
 */
import { describe, expect, it } from 'vitest';
import { ClassifiedParagraph, RowWithMemo, type Block } from '../../src/server/importers/blocks';
import { parseDocument } from '../../src/server/importers/document-parser';
import { classifyHeading } from '../../src/server/importers/headings';
import { splitTextBlocks } from '../../src/server/importers/txt/read-text';
import { FIXTURES, readFixture } from '../support/fixtures';

/** The block as the literal the reader made before. */
function literal(b: Block): Block {
  return b.kind === 'row' ? { kind: 'row', cells: b.cells, source: b.source } : { kind: 'paragraph', text: b.text, source: b.source };
}

describe('the text reader’s blocks read as plain blocks', () => {
  const texts = Object.values(FIXTURES).map((name) => readFixture(name).toString('utf8'));

  it('keys, JSON, spread and structured clone as the literals', () => {
    let rows = 0;
    let classified = 0;
    for (const text of texts) {
      for (const b of splitTextBlocks(text).blocks) {
        if (b instanceof RowWithMemo) rows++;
        if (b instanceof ClassifiedParagraph) classified++;
        const plain = literal(b);
        expect(Object.keys(b)).toEqual(Object.keys(plain));
        expect(Object.getOwnPropertySymbols(b)).toEqual([]);
        expect(JSON.stringify(b)).toBe(JSON.stringify(plain));
        expect(JSON.stringify({ ...b })).toBe(JSON.stringify(plain));
        expect(JSON.stringify(structuredClone(b))).toBe(JSON.stringify(plain));
      }
    }
    expect(rows).toBeGreaterThan(100);
    expect(classified).toBeGreaterThan(3);
  });

  it('a classified paragraph carries classifyHeading’s answer for its text', () => {
    let headings = 0;
    for (const text of texts) {
      for (const b of splitTextBlocks(text).blocks) {
        if (!(b instanceof ClassifiedParagraph)) continue;
        const h = ClassifiedParagraph.headingOf(b);
        expect(h).toEqual(classifyHeading(b.text));
        if (h !== null) headings++;
      }
    }
    expect(headings).toBeGreaterThan(3);
  });

  it('the parser reads the same document from the classes as from plain literals', () => {
    for (const [i, text] of texts.entries()) {
      const read = splitTextBlocks(text);
      const input = { file: `f${i}.txt`, format: 'txt' as const, encoding: 'utf-8', sha256: 'x' };
      const fromClasses = parseDocument({ ...input, read });
      const fromLiterals = parseDocument({ ...input, read: { blocks: splitTextBlocks(text).blocks.map(literal), diagnostics: [] } });
      expect(JSON.stringify(fromClasses)).toBe(JSON.stringify(fromLiterals));
    }
  });
});
