/**
 * Builds a real .docx (with the `docx` package) from a Block stream, so the Word reader can be
 * tested against documents shaped like the real ones, and text fixtures can be turned into Word.
 *
 * What it writes:
 * - A ParagraphBlock is one paragraph. "[bookmark: NAME]" prefixes at the very start of its
 *   text (one or more, no space before them) become real Word bookmarks of those names (empty
 *   bookmarks at the start of the paragraph, as Word leaves _Toc and _GoBack bookmarks) and are
 *   removed from the visible text; a prefix anywhere else stays as literal text. In the text,
 *   "\t" is written as a Word tab (w:tab) and "\n" (or "\r\n", "\r") as a line break (w:br), so
 *   readDocx gives back one block per line.
 * - Consecutive RowBlocks form one Word table when they have the same `table` value, or — for
 *   blocks from text, where `table` is undefined — when no paragraph separates them. A row whose
 *   `table` differs from the row before starts a new table (two tables may then be adjacent).
 * - Each Cell is one table cell; each of its lines one paragraph (same rules as above, bookmarks
 *   included); a cell with no lines gets one empty paragraph. Rows may have different numbers of
 *   cells: the table's grid has as many columns as its widest row, and the last cell of a shorter
 *   row spans the remaining columns (gridSpan), as spanned cells in real documents do.
 * - Vertical merges (w:vMerge). A cell is written as the continuation of the cell above when
 *   (a) it is empty (exactly one empty line) and has `mergedFromAbove: true` (as readDocx returns
 *   merged cells), or (b) with `mergeEmptyCells`: it is empty, in column 0 or 1 of a row with 6
 *   cells, the row above also has 6 cells, and the cell above is non-empty or itself a
 *   continuation — the 一级指标/二级指标 columns of indicator tables, where the real documents
 *   merge (so an empty cell under the 2-cell 绩效目标 row is not merged into it; one under the
 *   6-cell header row is). In both cases only when the cell above is in the same table and starts
 *   at the same grid column with the same span; otherwise the cell is written as it is. The top
 *   cell of each merged run gets vMerge="restart", the others vMerge="continue" and one empty
 *   paragraph.
 * - A row needs at least one cell (Word cannot show an empty row): buildDocx throws otherwise.
 * Locations (`source`) are ignored. Text must consist of characters XML allows.
 */
import {
  Bookmark,
  Document,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  type ParagraphChild,
} from 'docx';
import type { Block, Cell, RowBlock } from '../../src/server/importers/blocks';

export interface BuildDocxOptions {
  /** Merge empty 一级/二级指标 cells vertically into the cell above (see the file comment). */
  mergeEmptyCells?: boolean;
}

/** Text width of an A4 page with 2.54 cm margins, in twips (roughly). */
const TABLE_WIDTH = 9000;

const BOOKMARK_PREFIX = /^\[bookmark: ([^\]]+)\]/;

export async function buildDocx(blocks: Block[], options: BuildDocxOptions = {}): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  let group: RowBlock[] = [];
  const flush = () => {
    if (group.length > 0) children.push(buildTable(group, options));
    group = [];
  };
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      flush();
      children.push(buildParagraph(block.text));
    } else {
      const last = group[group.length - 1];
      if (last && last.table !== block.table) flush();
      group.push(block);
    }
  }
  flush();
  const doc = new Document({ sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/** The bookmarks at the start of a text, and the text without them. */
export function splitBookmarkPrefixes(text: string): { names: string[]; rest: string } {
  const names: string[] = [];
  let rest = text;
  for (let m = BOOKMARK_PREFIX.exec(rest); m; m = BOOKMARK_PREFIX.exec(rest)) {
    names.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return { names, rest };
}

function buildParagraph(text: string): Paragraph {
  const { names, rest } = splitBookmarkPrefixes(text);
  const children: ParagraphChild[] = names.map((id) => new Bookmark({ id, children: [] }));
  rest.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line === '' && i === 0) return;
    const parts: (string | Tab)[] = [];
    line.split('\t').forEach((piece, j) => {
      if (j > 0) parts.push(new Tab());
      if (piece !== '') parts.push(piece);
    });
    children.push(new TextRun(i > 0 ? { children: parts, break: 1 } : { children: parts }));
  });
  return new Paragraph({ children });
}

interface Placed {
  cell: Cell;
  start: number;
  span: number;
  /** 'continue' when the cell continues the one above, 'restart' when one below continues it. */
  merge: 'restart' | 'continue' | null;
}

function buildTable(rows: RowBlock[], options: BuildDocxOptions): Table {
  const width = Math.max(...rows.map((r) => r.cells.length));
  if (width === 0 || rows.some((r) => r.cells.length === 0)) {
    throw new Error('buildDocx: a table row needs at least one cell');
  }
  const placed: Placed[][] = rows.map((row) => {
    let start = 0;
    return row.cells.map((cell, i) => {
      const span = i === row.cells.length - 1 ? width - row.cells.length + 1 : 1;
      const p: Placed = { cell, start, span, merge: null };
      start += span;
      return p;
    });
  });
  placed.forEach((row, r) => {
    if (r === 0) return;
    const above = placed[r - 1]!;
    row.forEach((p, c) => {
      const up = above.find((a) => a.start === p.start && a.span === p.span);
      if (!up) return;
      const wanted =
        (p.cell.mergedFromAbove === true && isEmptyCell(p.cell)) ||
        (options.mergeEmptyCells === true &&
          row.length === 6 &&
          above.length === 6 &&
          c <= 1 &&
          isEmptyCell(p.cell) &&
          (up.merge === 'continue' || !isEmptyCell(up.cell)));
      if (!wanted) return;
      p.merge = 'continue';
      if (up.merge === null) up.merge = 'restart';
    });
  });
  const columnWidth = Math.floor(TABLE_WIDTH / width);
  return new Table({
    columnWidths: Array.from({ length: width }, () => columnWidth),
    rows: placed.map(
      (row) =>
        new TableRow({
          children: row.map(
            (p) =>
              new TableCell({
                children: p.merge === 'continue' ? [new Paragraph({})] : cellParagraphs(p.cell),
                ...(p.span > 1 ? { columnSpan: p.span } : {}),
                ...(p.merge === 'restart' ? { verticalMerge: VerticalMergeType.RESTART } : {}),
                ...(p.merge === 'continue' ? { verticalMerge: VerticalMergeType.CONTINUE } : {}),
              }),
          ),
        }),
    ),
  });
}

function isEmptyCell(cell: Cell): boolean {
  return cell.lines.length === 1 && cell.lines[0] === '';
}

function cellParagraphs(cell: Cell): Paragraph[] {
  return cell.lines.length === 0 ? [new Paragraph({})] : cell.lines.map(buildParagraph);
}
