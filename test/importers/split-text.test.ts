/**
 * splitTextBlocks cuts each line from the text where it stands (no array of lines, a cell line cut
 * once without its tab). Checked against the implementation it replaced — split on the line
 * endings, then slice the tab off — on the fixtures and on random texts made of the pieces that
 * matter (tabs, blank and space-only lines, headings, CR, CRLF, LF), block for block.
 */
import { describe, expect, it } from 'vitest';
import { random } from '../support/random';
import type { Block, Cell, RowBlock } from '../../src/server/importers/blocks';
import { classifyIfStructural, isStructural } from '../../src/server/importers/headings';
import { splitTextBlocks } from '../../src/server/importers/txt/read-text';
import { FIXTURES, readFixture } from '../support/fixtures';

/** The previous splitTextBlocks (blocks only), line for line. */
function reference(text: string): Block[] {
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  const blocks: Block[] = [];
  let row: RowBlock | null = null;
  let lastRow: RowBlock | null = null;
  let blanks = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.charCodeAt(0) === 9) {
      const source = { line: index + 1 };
      const cell: Cell = { lines: [line.slice(1)], sources: [source] };
      if (row) row.cells.push(cell);
      else {
        row = { kind: 'row', cells: [cell], source };
        blocks.push(row);
        lastRow = row;
      }
      blanks = 0;
      continue;
    }
    if (line.trim() === '') {
      row = null;
      blanks++;
      continue;
    }
    const source = { line: index + 1 };
    if (isStructural(classifyIfStructural(line))) {
      row = null;
      lastRow = null;
      blocks.push({ kind: 'paragraph', text: line, source });
      blanks = 0;
      continue;
    }
    const continued: RowBlock | null = row ?? (blanks === 1 ? lastRow : null);
    if (continued) {
      const cell = continued.cells[continued.cells.length - 1]!;
      if (!row) {
        cell.lines.push('');
        cell.sources.push({ line: index });
        row = continued;
      }
      cell.lines.push(line);
      cell.sources.push(source);
    } else {
      lastRow = null;
      blocks.push({ kind: 'paragraph', text: line, source });
    }
    blanks = 0;
  }
  return blocks;
}

const PIECES = ['\t项目名称', '\t', '\t\t', '\t 1.0', '目标1：完成', '  ', '', '\u3000', '一、部门整体绩效目标', '1.劳务费绩效目标表', '第二部分 预算项目绩效目标', '说明', 'x\ty', '\r'];
const ENDINGS = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n'];

describe('splitTextBlocks cuts lines as the split-based version did', () => {
  it('on the fixtures, with LF, CRLF and CR line endings', () => {
    for (const name of Object.values(FIXTURES)) {
      const text = readFixture(name).toString('utf8');
      for (const t of [text, text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r')]) expect(splitTextBlocks(t).blocks).toEqual(reference(t));
    }
  });

  it('on random texts of tabs, blanks, headings and line endings', () => {
    const next = random(27);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    let rows = 0;
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const lines = Math.floor(next() * 12);
      for (let i = 0; i < lines; i++) text += pick(PIECES) + (i < lines - 1 || next() < 0.5 ? pick(ENDINGS) : '');
      const blocks = splitTextBlocks(text).blocks;
      expect(blocks, JSON.stringify(text)).toEqual(reference(text));
      rows += blocks.filter((b) => b.kind === 'row').length;
    }
    expect(rows).toBeGreaterThan(1000); // the texts did have table rows
  });
});
