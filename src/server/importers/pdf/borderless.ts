/**
 * Indicator tables drawn without ruling lines (issue 31): text aligned in columns only, as a page printed with the
 * table's borders off, or a sheet printed without gridlines. There are no rules to rebuild a grid from, so the
 * table is read as a person reads it: by its header row.
 *
 * - **Header**: a line (runs on one baseline, outside every ruled table) in which at least three runs are indicator
 *   column headers (src/shared/layout/indicator-columns.ts: 一级指标, 三级指标, 指标值 …), among them the indicator's
 *   name and its target. Each run of the header starts a column; a column ends halfway across the gap to the next
 *   header run.
 * - **Rows**: the lines below it, while every run of the line falls in the table's columns (a run wider than its
 *   column that is no run over two columns — a title, a paragraph — ends the table, and so does a gap of more than
 *   three lines). A run over a column boundary is cut there, between its characters.
 * - **Wraps**: a line continues the row above when, in every column it has text in, the row's last line there had no
 *   room left for this line's first piece (the same test as inside a ruled cell: layout.ts isWrap), the column's right
 *   edge being the furthest any of its text reaches; otherwise it starts a new row. So a long description or name
 *   that wraps stays one cell, and a row whose only text is a name (a row without a target) is still a row.
 * - Cells under a 一级 or 二级 written once for its group are empty, as a merged cell's continuation reads in a .txt:
 *   the parser carries the category down.
 *
 * Read: tables whose cells are aligned at their tops (Word's and a browser's default). A table whose cells are centred
 * vertically puts a row's short cells on a later line than its long ones' first lines; its lines still go to their
 * columns, but rows may be cut differently (the parser then reports the indicators it cannot complete).
 */
import { readIndicatorHeader } from '../../../shared/layout/indicator-columns';
import { groupRuns, isCutWord, isWrap, joinedConfidence, leftToRight, lineOfRuns, type GridCell, type TableGrid, type TextRun, type VisualLine } from './layout';

/** At least this many header words name indicator columns, the name and the target among them. */
const MIN_HEADERS = 3;

/** A gap of more than this many font sizes between two lines ends the table. */
const MAX_GAP = 3;

interface Column {
  /** Where the column starts and ends (halfway across the gaps to its neighbours' header runs). */
  x0: number;
  x1: number;
}

/** A line's runs as the pieces of text a reader sees apart: runs closer than a third of a font size joined. */
function chunksOf(runs: readonly TextRun[]): TextRun[][] {
  const chunks: TextRun[][] = [];
  let lastEnd = -Infinity;
  for (const run of leftToRight(runs)) {
    if (chunks.length > 0 && run.x0 - lastEnd < run.size / 3) chunks[chunks.length - 1]!.push(run);
    else chunks.push([run]);
    lastEnd = Math.max(lastEnd, run.x1);
  }
  return chunks;
}

const x0Of = (chunk: TextRun[]) => chunk[0]!.x0;
const x1Of = (chunk: TextRun[]) => Math.max(...chunk.map((r) => r.x1));
const textOf = (chunk: TextRun[]) => chunk.map((r) => r.text).join('').trim();

/**
 * A line's runs by column, or null when the line does not fit the table: a piece of text that starts in one column
 * and runs on into the next (a title, a paragraph over the table's width), or text left of the table.
 */
function placeRuns(runs: readonly TextRun[], columns: Column[]): TextRun[][] | null {
  const out: TextRun[][] = columns.map(() => []);
  for (const chunk of chunksOf(runs)) {
    const size = chunk[0]!.size;
    if (x0Of(chunk) < columns[0]!.x0 - size) return null;
    const c = columnAt(columns, x0Of(chunk));
    if (x1Of(chunk) > columns[c]!.x1 + size / 2) return null;
    out[c]!.push(...chunk);
  }
  return out;
}

function columnAt(columns: Column[], x: number): number {
  for (let c = columns.length - 1; c > 0; c--) if (x >= columns[c]!.x0) return c;
  return 0;
}

/**
 * The header words of an indicator table's header, or null when the lines are none: at least MIN_HEADERS pieces of
 * text, every one an indicator column's header, the name and the target among them. A header wrapped in a narrow
 * column ("一级指" over "标") is read with its next line or two: each piece of them joins the header word it stands
 * under. `lines[0]` is the header's first line; `used` how many lines it takes.
 */
function headerWords(lines: readonly TextRun[][]): { words: TextRun[][]; used: number } | null {
  const words = chunksOf(lines[0]!);
  if (words.length < MIN_HEADERS) return null;
  let bottom = Math.max(...lines[0]!.map((r) => r.bottom));
  for (let used = 1; used <= 3 && used <= lines.length; used++) {
    if (used > 1) {
      const line = lines[used - 1]!;
      // the next line of a wrapped header follows at the line spacing, and each of its pieces is under a word
      if (Math.min(...line.map((r) => r.top)) - bottom > 0.9 * line[0]!.size) return null;
      for (const piece of chunksOf(line)) {
        const under = words.find((w) => x0Of(piece) >= x0Of(w) - piece[0]!.size && x1Of(piece) <= x1Of(w) + piece[0]!.size);
        if (under === undefined) return null;
        under.push(...piece);
      }
      bottom = Math.max(...line.map((r) => r.bottom));
    }
    const fields = words.map((w) => readIndicatorHeader(textOf(w)).field);
    if (fields.every((f) => f !== null) && fields.includes('name') && (fields.includes('target') || fields.includes('value'))) return { words, used };
  }
  return null;
}

/**
 * The columns under the header words: each starts where the text under its header starts (the leftmost piece of
 * text of the lines below that starts after the previous header and no later than this one — a header centred over
 * its column starts right of the column's text, one aligned left with it), or at the header when nothing is under
 * it; it ends where the next begins.
 */
function columnsUnder(words: TextRun[][], below: readonly TextRun[][]): Column[] {
  const starts = below.flatMap((line) => chunksOf(line).map(x0Of));
  const x0s = words.map((w, i) => {
    const after = i === 0 ? -Infinity : x0Of(words[i - 1]!) + 1;
    const under = starts.filter((x) => x > after && x <= x0Of(w) + 1);
    return Math.min(x0Of(w), ...under) - 1;
  });
  return x0s.map((x0, i) => ({ x0, x1: x0s[i + 1] ?? Infinity }));
}

/** A column's lines as one cell: wrapped lines marked (a word or number cut by the wrap joined again). */
function cellOf(col: number, lines: VisualLine[], right: number): GridCell {
  const out: VisualLine[] = [];
  const wraps: boolean[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const wrap = prev !== undefined && isWrap(prev, line, right, 0);
    if (wrap && isCutWord(prev, line)) {
      out[out.length - 1] = { ...prev, text: prev.text + line.text, segments: [...prev.segments, ...line.segments], x1: Math.max(prev.x1, line.x1), bottom: line.bottom, ...joinedConfidence(prev, line) };
      continue;
    }
    out.push(line);
    wraps.push(wrap);
  }
  return { col, span: 1, mergedFromAbove: false, lines: out, wraps };
}

/**
 * The borderless indicator tables among a page's runs outside its ruled tables, and the runs left over.
 * @example findBorderlessTables(outside).tables.length // 1 for a page with one table drawn without lines
 */
export function findBorderlessTables(runs: readonly TextRun[]): { tables: TableGrid[]; rest: TextRun[] } {
  const lines = groupRuns(runs);
  const tables: TableGrid[] = [];
  const rest: TextRun[] = [];
  let i = 0;
  while (i < lines.length) {
    const found = headerWords(lines.slice(i, i + 3));
    if (found === null) {
      rest.push(...lines[i]!);
      i++;
      continue;
    }
    const { words, used } = found;
    const header = lines.slice(i, i + used).flat();
    // the lines below, up to a wide gap; the columns from them; then the lines that fit the columns
    const below: TextRun[][] = [];
    let bottom = Math.max(...header.map((r) => r.bottom));
    for (let j = i + used; j < lines.length; j++) {
      const line = lines[j]!;
      if (Math.min(...line.map((r) => r.top)) - bottom > MAX_GAP * Math.max(...line.map((r) => r.size))) break;
      below.push(line);
      bottom = Math.max(...line.map((r) => r.bottom));
    }
    const columns = columnsUnder(words, below);
    const placed: { parts: TextRun[][]; top: number; bottom: number }[] = [];
    for (const line of below) {
      const parts = placeRuns(line, columns);
      if (parts === null) break;
      placed.push({ parts, top: Math.min(...line.map((r) => r.top)), bottom: Math.max(...line.map((r) => r.bottom)) });
    }
    if (placed.length === 0) {
      rest.push(...lines[i]!);
      i++;
      continue;
    }
    tables.push(gridOf(header, words, columns, placed));
    i += used + placed.length;
  }
  return { tables, rest };
}

/** The table as a grid: the header row, then the lines grouped into rows (a line that wraps every cell it has text in continues the row). */
function gridOf(header: TextRun[], words: TextRun[][], columns: Column[], placed: { parts: TextRun[][]; top: number; bottom: number }[]): TableGrid {
  // a column's right edge: the furthest its text reaches (wrapped text fills its column up to the padding)
  const right = columns.map((_, c) => Math.max(...placed.flatMap((p) => p.parts[c]!.map((r) => r.x1)), -Infinity));
  const rows: { lines: VisualLine[][]; top: number; bottom: number }[] = [];
  for (const p of placed) {
    const lines = p.parts.map((runs) => (runs.length === 0 ? null : lineOfRuns(runs)));
    const row = rows[rows.length - 1];
    const continues =
      row !== undefined &&
      lines.every((line, c) => {
        if (line === null) return true;
        const above = row.lines[c]![row.lines[c]!.length - 1];
        return above !== undefined && isWrap(above, line, right[c]!, 0);
      });
    if (continues) {
      lines.forEach((line, c) => line && row.lines[c]!.push(line));
      row.bottom = p.bottom;
    } else rows.push({ lines: lines.map((l) => (l === null ? [] : [l])), top: p.top, bottom: p.bottom });
  }
  const xs = [columns[0]!.x0, ...columns.slice(1).map((c) => c.x0), Math.max(...right, ...header.map((r) => r.x1)) + 1];
  const headerTop = Math.min(...header.map((r) => r.top));
  // each header word in its column, its lines (a wrapped header) as wraps
  const headerCells = columns.map((_, c): GridCell => {
    const lines = groupRuns(words.filter((w) => columnAt(columns, x0Of(w)) === c).flat()).map(lineOfRuns);
    return { col: c, span: 1, mergedFromAbove: false, lines, wraps: lines.map((_, k) => k > 0) };
  });
  const grid: GridCell[][] = [headerCells, ...rows.map((r) => r.lines.map((lines, c) => cellOf(c, lines, right[c]!)))];
  const ys = [headerTop, ...rows.map((r) => r.top), rows[rows.length - 1]!.bottom];
  return { xs, ys, rows: grid, left: xs[0]!, right: xs[xs.length - 1]!, top: headerTop, bottom: ys[ys.length - 1]! };
}
