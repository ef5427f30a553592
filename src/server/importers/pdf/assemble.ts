/**
 * A PDF's pages (their lines and tables, layout.ts) as the Block stream every reader gives
 * (../blocks.ts):
 *
 * - Page furniture — page numbers ("—1—", "第 1 页 共 6 页", "3/12"), running heads or feet
 *   repeated at the same place on most pages, a browser's own header and footer (its date stamp and
 *   the page's address) — is left out, and one 'info' diagnostic says how many lines it was.
 * - Lines outside tables become paragraphs: a line joins the one above when that one had no room
 *   left at the right margin for this one's first piece (layout.ts noRoomFor), this one starts no new numbered item, is
 *   not indented further (a Chinese paragraph's first line is indented two characters; its
 *   continuation lines are not) and follows at the paragraph's line spacing. A paragraph may
 *   continue on the next page.
 * - A line standing right over a table with parts far apart ("763001中共…部      单位：万元") is
 *   the table's first row (Word draws such rows without borders), its parts placed in the
 *   table's columns.
 * - Every table row is a RowBlock with its cells' grid columns, spans, vertical merges and
 *   visual wraps. A table that goes on at the top of the next page (nothing but page furniture
 *   between, the same left and right edges, the table's or those of the rows that meet at the
 *   break) keeps its index, a header row repeated there is read once ('info' diagnostic), and a
 *   row the break cut joins its rest.
 *
 * Locations: `line` is the ordinal of the visual line in the document (1-based, page by page, top
 * to bottom; inside a table row by row, cell by cell), `ref` "第P页 表T 行R 列C" for a cell (T the
 * table, R its row counted across pages, C the grid column, all 1-based), "第P页" for a paragraph.
 */
import type { Diagnostic, SourceLocation } from '../../../shared/domain/model';
import type { Block, Cell, ReadResult, RowBlock } from '../blocks';
import { ocrMark, widenMark } from '../ocr/source-mark';
import { NEW_ITEM, SNAP, cellPadding, hangs, isCutWord, isWrap, layoutPage, noRoomFor, type GridCell, type PageContent, type PageItem, type TableGrid, type VisualLine } from './layout';

const PAGE_NUMBER = [
  /^[-—–_－\s]*\d{1,4}[-—–_－\s]*$/,
  /^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^(page\s*)?\d{1,4}(\s*of\s*\d{1,4})?$/i,
  /^共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页$/,
];
/** The share of the page's height at the top and at the bottom where headers and footers stand. */
const MARGIN = 0.1;

/**
 * A browser's own header and footer (Chromium prints the date and the page's title at the top of each page, its
 * address and "1/3" at the foot): a part of a line in the margins that is a date and time stamp or an address. Such a
 * line is furniture even on a page of its own, where nothing repeats it.
 */
const BROWSER_STAMP = [/^(https?|file):\/\/\S+$/i, /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(:\d{2})?(\s*[AP]M)?$/i];

/** Lines of page furniture: page numbers, a browser's header and footer, and the same text at the same height on most pages. */
function findFurniture(pages: { page: PageContent; items: PageItem[] }[]): Set<VisualLine> {
  const furniture = new Set<VisualLine>();
  const inMargin = (page: PageContent, line: VisualLine) => line.bottom < page.height * MARGIN || line.top > page.height * (1 - MARGIN);
  // Lines in the margins by text (digits aside) and height: the same on most pages is a running head or foot.
  const repeats = new Map<string, { line: VisualLine; page: number }[]>();
  for (const { page, items } of pages) {
    for (const item of items) {
      if (item.kind !== 'line' || !inMargin(page, item.line)) continue;
      const stamp = item.line.segments.some((seg) => BROWSER_STAMP.some((re) => re.test(seg.text.trim())));
      if (stamp || PAGE_NUMBER.some((re) => re.test(item.line.text.trim()))) {
        furniture.add(item.line);
        continue;
      }
      const key = `${item.line.text.replace(/\d+/g, '#')}@${Math.round(item.line.top / 4)}`;
      const list = repeats.get(key) ?? [];
      list.push({ line: item.line, page: page.number });
      repeats.set(key, list);
    }
  }
  const half = Math.max(2, Math.ceil(pages.length / 2));
  for (const list of repeats.values()) {
    if (new Set(list.map((l) => l.page)).size >= half) for (const l of list) furniture.add(l.line);
  }
  return furniture;
}

/** Lines long enough to show where the text of a page runs to on the right. */
const isLong = (l: VisualLine) => [...l.text].length >= 10 && l.segments.length === 1;

/**
 * Where the text of each page runs to on the right: its longest lines' end, or the right edge of a table standing in
 * the text's column (starting where the text starts, not further left: a browser's table at 100% width ends at the
 * margin, a Word table that juts out into both margins says nothing of it), whichever is further. The lines alone can
 * fall short: a title and a date line over a table, the longest of them ending well before the margin. A page with
 * fewer than three long lines takes the long lines of the document's other pages of its width into account too. But
 * where three of the page's lines end within a font size of the longest, they may be full and their end the margin: a
 * table too wide for the page juts out past it (a browser's, squeezed on A5). Then only the tables that stay inside
 * the page's margins, the right one taken as the left one mirrored, on this page or another of its width, reach further:
 * lines of one length may be the writer's, each a paragraph of its own, short of a margin that a table shows (a
 * hard-wrapped text as a web page of one <p> a line, printed on a page wider than its lines).
 */
function rightMargins(laidOut: { page: PageContent; items: PageItem[] }[], furniture: Set<VisualLine>): (number | null)[] {
  const max = (xs: number[]) => (xs.length === 0 ? null : Math.max(...xs));
  const pages = laidOut.map(({ page, items }) => {
    const lines = items.flatMap((i) => (i.kind === 'line' && !furniture.has(i.line) ? [i.line] : []));
    // a line ending in a closing mark may let it hang past the margin (LibreOffice, Word): the others tell, if any
    const ends = lines.filter(isLong);
    const kept = ends.some((l) => !hangs(l)) ? ends.filter((l) => !hangs(l)) : ends;
    const long = kept.map((l) => l.x1);
    const third = [...kept].sort((a, b) => b.x1 - a.x1)[2];
    const full = third !== undefined && max(long)! - third.x1 <= third.size;
    const left = lines.length === 0 ? null : Math.min(...lines.map((l) => l.x0));
    const tables = left === null ? [] : items.flatMap((i) => (i.kind === 'table' && i.table.left >= left - 2 ? [i.table.right] : []));
    const inside = left === null ? [] : tables.filter((right) => right <= page.width - left + 1);
    return { width: page.width, long, tables, inside, full };
  });
  return pages.map((p) => {
    const sameWidth = pages.filter((o) => Math.abs(o.width - p.width) < 1);
    if (p.full) return max([...p.long, ...sameWidth.flatMap((o) => o.inside)]);
    const others = p.long.length >= 3 ? [] : sameWidth.filter((o) => o.long.length >= 3).flatMap((o) => o.long);
    return max([...p.long, ...p.tables, ...others]);
  });
}

/**
 * The usual gap between the lines of a paragraph, in font sizes: the lower quartile of the gaps between two lines of
 * which the first ran to the margin and the second could go on under it (wraps, all at one spacing, and paragraphs
 * whose line happened to end at the margin, set further apart if at all). Null with fewer than three such pairs. A gap
 * well beyond it parts paragraphs set with space between them (a web page's <p>, Word's 段前/段后) even where a line
 * ends at the margin.
 */
function usualLineGap(steps: readonly Step[]): number | null {
  const gaps: number[] = [];
  let prev: Extract<Step, { kind: 'line' }> | null = null;
  for (const step of steps) {
    if (step.kind === 'furniture') continue;
    if (step.kind !== 'line') {
      prev = null;
      continue;
    }
    const [a, b] = [prev?.line, step.line];
    if (prev !== null && a !== undefined && prev.page === step.page && prev.right !== null && fitsUnder(a, b) && noRoomFor(a, b, prev.right)) gaps.push((b.top - a.bottom) / a.size);
    prev = step;
  }
  if (gaps.length < 3) return null;
  return gaps.sort((x, y) => x - y)[Math.floor((gaps.length - 1) / 4)]!;
}

/** Whether `next` could go on under `prev` in one paragraph: one piece of text each, of one size, not indented further, no new numbered item. */
function fitsUnder(prev: VisualLine, next: VisualLine): boolean {
  if (prev.segments.length > 1 || next.segments.length > 1) return false;
  if (Math.abs(prev.size - next.size) > 0.15 * prev.size) return false;
  return next.x0 <= prev.x0 + 0.5 * prev.size && !NEW_ITEM.test(next.text);
}

/**
 * Whether `next` goes on with the paragraph whose last line is `prev`: the line above had no room left for this one's
 * first piece (layout.ts noRoomFor: "…换届选" over "举。…" is one sentence), and on one page, this one follows at the
 * paragraph's line spacing.
 */
function continuesParagraph(prev: VisualLine, next: VisualLine, right: number | null, sameFlow: boolean, lineGap: number | null): boolean {
  if (right === null || !fitsUnder(prev, next) || !noRoomFor(prev, next, right)) return false;
  // A sentence ended at the margin, then a labelled paragraph ("绩效指标：…"): a new paragraph.
  if (/[。；;！？!?]$/.test(prev.text) && /^[\u4e00-\u9fa5]{2,8}[:：]/.test(next.text)) return false;
  if (!sameFlow) return true;
  const gap = (next.top - prev.bottom) / prev.size;
  return gap <= 1.2 && (lineGap === null || gap <= lineGap + 0.3);
}

function joinLines(a: string, b: string, cut: boolean): string {
  if (cut) return a + b;
  return /[A-Za-z0-9.,%]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/** A line over a table whose parts are far apart, read as the table's first row. */
function lineAsRow(line: VisualLine, table: TableGrid): GridCell[] {
  const C = table.xs.length - 1;
  const colOf = (x: number) => {
    for (let c = C - 1; c >= 0; c--) if (x >= table.xs[c]! - 2) return c;
    return 0;
  };
  const cells: GridCell[] = [];
  for (const seg of line.segments) {
    const col = colOf(seg.x0);
    const last = cells[cells.length - 1];
    const piece: VisualLine = { ...line, text: seg.text, segments: [seg], x0: seg.x0, x1: seg.x1 };
    if (last !== undefined && col <= last.col) {
      last.lines[0] = { ...last.lines[0]!, text: `${last.lines[0]!.text}    ${seg.text}` };
      continue;
    }
    if (last !== undefined) last.span = col - last.col;
    else if (col > 0) cells.push({ col: 0, span: col, mergedFromAbove: false, lines: [], wraps: [] });
    cells.push({ col, span: C - col, mergedFromAbove: false, lines: [piece], wraps: [false] });
  }
  return cells;
}

/** A grid row's texts, to recognise a header row repeated on the next page. */
const rowTexts = (cells: GridCell[]) => cells.map((c) => c.lines.map((l) => l.text).join('')).filter((t) => t !== '');

/** A header row: a few short labels. */
const isHeaderLike = (texts: string[]) => texts.length >= 2 && texts.every((t) => [...t].length <= 12);

/**
 * A header a page may repeat: header-like and without a figure. An indicator row written alike in
 * many projects of a list ("满意度指标 | 服务对象满意度指标 | 满意度 | 大于等于 | 90 | %") states a
 * target, so it is never taken for a repeated header at the top of a page (issue 37).
 */
const isRepeatableHeader = (texts: string[]) => isHeaderLike(texts) && !texts.some((t) => /[0-9０-９]/.test(t));

/**
 * Whether the first row of a table's part on a new page is the rest of the previous page's last row (Word, LibreOffice
 * and browsers let a row break across pages), and if so, for each of its cells, whether its first line goes on with
 * the last line above it as a visual wrap (else it is a paragraph of its own). A browser draws a cut row without a rule
 * under its first part and without a rule over its rest (the row's borders stand where it begins and ends): a part
 * open at the foot followed by one open at the top is a rest whatever its lines. (A row that begins on the new page
 * may lack the rule over it too, under cells merged from above: the foot before it is ruled.) Else it is a rest when
 * each of its cells with text stands under a cell of that row whose last line ran to the cell's edge. Null when it is
 * no rest.
 */
function restOfRow(prev: { cells: GridCell[]; grid: TableGrid }, next: { cells: GridCell[]; grid: TableGrid }, first: boolean): boolean[] | null {
  if (!next.cells.some((c) => c.lines.length > 0)) return null;
  const wraps = next.cells.map((cell) => {
    if (cell.lines.length === 0) return false;
    const left = next.grid.xs[cell.col]!;
    const right = next.grid.xs[cell.col + cell.span]!;
    const above = prev.cells.find((c) => Math.abs(prev.grid.xs[c.col]! - left) <= 3 && Math.abs(prev.grid.xs[c.col + c.span]! - right) <= 3);
    const last = above?.lines[above.lines.length - 1];
    return last !== undefined && isWrap(last, cell.lines[0]!, right, cellPadding(above!.lines, left, right), false);
  });
  if (first && prev.grid.openBottom === true && next.grid.openTop === true) return wraps;
  return next.cells.every((cell, i) => cell.lines.length === 0 || wraps[i]) ? wraps : null;
}

/**
 * Adds the lines of a row's rest (from the next page) to the row's cells; `firstWraps` says, for each of the rest's
 * grid cells (its last cells: a cell emitRow puts in front of them is empty), whether its first line is a wrap.
 */
function joinRest(row: RowBlock, rest: RowBlock, firstWraps: readonly boolean[]): void {
  const offset = rest.cells.length - firstWraps.length;
  rest.cells.forEach((cell, i) => {
    if (cell.lines.every((l) => l === '')) return;
    // The cell above it: the one sharing most of its grid columns (the pages' grids may differ by a hair).
    const shared = (c: Cell) => Math.min(c.col! + c.span!, cell.col! + cell.span!) - Math.max(c.col!, cell.col!);
    const target = row.cells.reduce<Cell | undefined>((best, c) => (shared(c) > 0 && (best === undefined || shared(c) > shared(best)) ? c : best), undefined);
    if (target === undefined) return;
    // an empty cell above takes the rest's lines as they are
    const empty = target.lines.every((l) => l === '');
    const lines = empty ? [] : target.lines;
    const wraps = empty ? [] : (target.wraps ?? target.lines.map(() => false));
    target.wraps = [...wraps, !empty && (firstWraps[i - offset] ?? true), ...(cell.wraps ?? cell.lines.map(() => false)).slice(1)];
    target.lines = [...lines, ...cell.lines];
    target.sources = [...(empty ? [] : target.sources), ...cell.sources];
  });
}

/** Where a grid row's cells begin and end. */
function rowEdges(grid: TableGrid, cells: readonly GridCell[]): { left: number; right: number } {
  if (cells.length === 0) return { left: grid.left, right: grid.right };
  const last = cells[cells.length - 1]!;
  return { left: grid.xs[cells[0]!.col]!, right: grid.xs[last.col + last.span]! };
}

/**
 * Whether a table part at the top of a page goes on with the table of the page before: the same left and right
 * edges; or the same right edge, a left edge further right and only column edges the table already has — a browser
 * does not draw the rules of a cell merged down from the page before (a 一级指标 over many rows), so the part can
 * begin at the second column, and the next page again at the first.
 *
 * The edges compared are the tables' and, failing that, those of the rows that meet at the break: the last row
 * before it and the first after it. Two tables one right under the other touch and are read as one (layout.ts
 * buildGrid), so a project's 基本信息 table and its narrower or wider indicator table make one part whose edges are
 * the wider one's; the part on the next page, the rest of one of them, has the edges of its rows only.
 */
function goesOn(columns: readonly number[], lastRow: { left: number; right: number }, grid: TableGrid): boolean {
  const known = (xs: readonly number[]) => xs.every((x) => columns.some((c) => Math.abs(c - x) <= SNAP + 0.5));
  const fits = (left: number, right: number, next: { left: number; right: number }, xs: readonly number[]) => {
    if (Math.abs(right - next.right) > 4) return false;
    if (Math.abs(left - next.left) <= 4) return true;
    return next.left > left && known(xs);
  };
  const first = grid.rows[0] ?? [];
  const firstXs = first.flatMap((c) => [grid.xs[c.col]!, grid.xs[c.col + c.span]!]);
  return fits(Math.min(...columns), Math.max(...columns), grid, grid.xs) || fits(lastRow.left, lastRow.right, rowEdges(grid, first), firstXs);
}

/** One page's part of a table, and the table (across pages) it belongs to. */
interface Part {
  page: number;
  grid: TableGrid;
  table: number;
}

type Step = { kind: 'line'; page: number; line: VisualLine; right: number | null } | { kind: 'part'; part: Part } | { kind: 'furniture' };

/** Pass 1: page furniture out, borderless first rows into their tables, table parts linked across pages. */
function plan(laidOut: { page: PageContent; items: PageItem[] }[]): { steps: Step[]; furniture: number } {
  const furniture = findFurniture(laidOut);
  const rights = rightMargins(laidOut, furniture);
  const steps: Step[] = [];
  let tables = 0;
  /** The last table part, the column edges of every part of its table so far, and where its last row begins and ends. */
  let last: { part: Part; columns: number[]; lastRow: { left: number; right: number } } | null = null;
  for (const [index, { page, items }] of laidOut.entries()) {
    const right = rights[index] ?? null;
    let firstOnPage = true;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === 'line' && furniture.has(item.line)) {
        steps.push({ kind: 'furniture' });
        continue;
      }
      if (item.kind === 'line') {
        const line = item.line;
        const next = items.slice(i + 1).find((n) => !(n.kind === 'line' && furniture.has(n.line)));
        if (next?.kind === 'table' && line.segments.length > 1 && next.table.top - line.bottom <= 2 * line.size && line.x0 >= next.table.left - 5 && line.x1 <= next.table.right + 5) {
          // The borderless first row of the table below.
          next.table.rows.unshift(lineAsRow(line, next.table));
          continue;
        }
        steps.push({ kind: 'line', page: page.number, line, right });
        last = null;
      } else {
        const grid = item.table;
        const continues: boolean = last !== null && firstOnPage && last.part.page === page.number - 1 && goesOn(last.columns, last.lastRow, grid);
        const part: Part = { page: page.number, grid, table: continues ? last!.part.table : tables++ };
        steps.push({ kind: 'part', part });
        last = { part, columns: continues ? [...last!.columns, ...grid.xs] : [...grid.xs], lastRow: rowEdges(grid, grid.rows[grid.rows.length - 1] ?? []) };
      }
      firstOnPage = false;
    }
  }
  return { steps, furniture: furniture.size };
}

/** The columns of every part of a table, as one grid: the boundaries of all its parts. */
function unionColumns(parts: Part[]): Map<number, number[]> {
  const byTable = new Map<number, number[]>();
  for (const p of parts) byTable.set(p.table, [...(byTable.get(p.table) ?? []), ...p.grid.xs]);
  const out = new Map<number, number[]>();
  for (const [table, xs] of byTable) {
    const sorted = xs.sort((a, b) => a - b);
    const merged: number[] = [];
    for (const x of sorted) if (merged.length === 0 || x - merged[merged.length - 1]! > SNAP) merged.push(x);
    out.set(table, merged);
  }
  return out;
}

export function assembleBlocks(pages: PageContent[]): ReadResult {
  const { steps, furniture } = plan(pages.map((page) => ({ page, items: layoutPage(page) })));
  const columns = unionColumns(steps.flatMap((s) => (s.kind === 'part' ? [s.part] : [])));
  const lineGap = usualLineGap(steps);
  const pageOf = new Map(pages.map((p) => [p.number, p]));
  const blocks: Block[] = [];
  const diagnostics: Diagnostic[] = [];
  let ordinal = 0;
  const repeatedHeaders: { page: number; line: number }[] = [];
  let paragraph: { block: Extract<Block, { kind: 'paragraph' }>; last: VisualLine; page: number; right: number | null } | null = null;
  const rowsOf = new Map<number, { count: number; seen: Set<string>; last: { block: RowBlock; cells: GridCell[]; grid: TableGrid } | null }>();

  const emitRow = (cells: GridCell[], part: Part, rowNo: number): RowBlock => {
    const union = columns.get(part.table)!;
    const at = (x: number) => union.reduce((best, u, i) => (Math.abs(u - x) < Math.abs(union[best]! - x) ? i : best), 0);
    const out: Cell[] = [];
    // Columns left of the part's first cell (a merged cell the page break continues, drawn without rules): merged.
    const first = cells.length > 0 ? at(part.grid.xs[cells[0]!.col]!) : 0;
    if (first > 0) out.push({ lines: [''], sources: [{ line: Math.max(1, ordinal), ref: `第${part.page}页 表${part.table + 1} 行${rowNo} 列1` }], col: 0, span: first, mergedFromAbove: true });
    for (const cell of cells) out.push(gridCell(cell));
    const firstText = out.find((c) => c.lines.some((l) => l !== ''))?.sources[0];
    return { kind: 'row', cells: out, source: { line: firstText?.line ?? Math.max(1, ordinal), ref: `第${part.page}页 表${part.table + 1} 行${rowNo}` }, table: part.table };

    function gridCell(cell: GridCell): Cell {
      const col = at(part.grid.xs[cell.col]!);
      const span = Math.max(1, at(part.grid.xs[cell.col + cell.span]!) - col);
      const ref = `第${part.page}页 表${part.table + 1} 行${rowNo} 列${col + 1}`;
      const merged = cell.mergedFromAbove ? { mergedFromAbove: true } : {};
      if (cell.lines.length === 0) return { lines: [''], sources: [{ line: Math.max(1, ordinal), ref }], col, span, ...merged };
      const sources: SourceLocation[] = cell.lines.map((l) => ({ line: ++ordinal, ref, ...ocrMark(l, pageOf.get(part.page)!) }));
      return { lines: cell.lines.map((l) => l.text), sources, col, span, wraps: [...cell.wraps], ...merged };
    }
  };

  let previousPage = 0;
  for (const step of steps) {
    if (step.kind === 'furniture') {
      ordinal++;
      continue;
    }
    if (step.kind === 'line') {
      const { line, page, right } = step;
      const sameFlow = paragraph !== null && paragraph.page === page;
      const across = paragraph !== null && paragraph.page === page - 1 && previousPage !== page;
      if (paragraph !== null && (sameFlow || across) && continuesParagraph(paragraph.last, line, paragraph.right, sameFlow, lineGap)) {
        paragraph.block.text = joinLines(paragraph.block.text, line.text, isCutWord(paragraph.last, line));
        widenMark(paragraph.block.source, line, pageOf.get(page)!);
        Object.assign(paragraph, { last: line, page, right });
        ordinal++;
      } else {
        const block: Extract<Block, { kind: 'paragraph' }> = { kind: 'paragraph' as const, text: line.text, source: { line: ++ordinal, ref: `第${page}页`, ...ocrMark(line, pageOf.get(page)!) } };
        blocks.push(block);
        paragraph = { block, last: line, page, right };
      }
      previousPage = page;
      continue;
    }
    const { part } = step;
    paragraph = null;
    previousPage = part.page;
    const state = rowsOf.get(part.table) ?? { count: 0, seen: new Set<string>(), last: null };
    rowsOf.set(part.table, state);
    // The part's first row, after a repeated header, may be the rest of the row the page break cut.
    let atTop = state.count > 0;
    for (const cells of part.grid.rows) {
      const texts = rowTexts(cells);
      const key = texts.join('|');
      if (atTop && isRepeatableHeader(texts) && state.seen.has(key)) {
        // Word's "repeat as header row": the header again at the top of the page.
        repeatedHeaders.push({ page: part.page, line: ordinal + 1 });
        continue;
      }
      const rest = atTop && state.last !== null ? restOfRow(state.last, { cells, grid: part.grid }, cells === part.grid.rows[0]) : null;
      if (rest !== null) {
        joinRest(state.last!.block, emitRow(cells, part, state.count), rest);
        atTop = false;
        continue;
      }
      atTop = false;
      if (isRepeatableHeader(texts)) state.seen.add(key);
      const block = emitRow(cells, part, ++state.count);
      blocks.push(block);
      state.last = { block, cells, grid: part.grid };
    }
  }
  if (repeatedHeaders.length > 0) {
    const pagesList = repeatedHeaders.map((r) => `第${r.page}页`).join('、');
    diagnostics.push({ severity: 'info', code: 'pdf.repeated-header', message: `${pagesList}顶部重复的表头行只读取一次`, source: { line: repeatedHeaders[0]!.line, ref: `第${repeatedHeaders[0]!.page}页` } });
  }
  if (furniture > 0) {
    diagnostics.push({ severity: 'info', code: 'pdf.page-furniture', message: `页眉、页脚和页码共 ${furniture} 行，未作为正文读取`, source: { line: 1, ref: '第1页' } });
  }
  return { blocks, diagnostics };
}
