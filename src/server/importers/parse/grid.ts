/**
 * Rows as a grid: where each cell stands (its grid columns when the reader knows them, its index
 * in the row otherwise), and the two ways a cell's lines become a value — joined (a name, a
 * label, an amount wrapped by a narrow column: "老旧小区综合整治工\n程" is one word) or as
 * paragraphs (a goal text, where a new line is a new paragraph unless the reader saw a wrap).
 */
import type { SourceLocation } from '../../../shared/domain/model';
import { isSpace, stripBookmarks } from '../../../shared/domain/text';
import { RowWithMemo, type Cell, type RowBlock } from '../blocks';

export interface Placed {
  cell: Cell;
  /** Index of the cell in its row. */
  index: number;
  /** Grid columns [start, end): the reader's col/span, else the index. */
  start: number;
  end: number;
  /** The cell's lines joined (see joined). */
  text: string;
}

/**
 * What the parser works out once per row and asks many times: its placed cells, its cells marked
 * as a form (forms.ts readFormRow) and whether it is an indicator header or a group prelude
 * (indicators.ts). Kept in one object of a fixed shape on the row, under a symbol of this module,
 * not enumerable (JSON, object spreads, structured clones and test equality do not see it): one
 * property defined per row (defining one costs about as much as placing the cells), where there
 * was one per question. A WeakMap did the same at a hash lookup per question.
 */
export class RowMemo {
  /** The vocabulary `formCells` were marked with (a row is read with one), and those cells. */
  formRules: object | undefined = undefined;
  formCells: unknown[] | undefined = undefined;
  /** Cells marked with another vocabulary, by vocabulary (rare). */
  otherForms: Map<object, unknown[]> | undefined = undefined;
  indicatorHeader: boolean | undefined = undefined;
  groupPrelude: boolean | undefined = undefined;
  /**
   * @param endsInPoints Whether a cell's text ends in 分 (colons and spaces after it aside): a score column's header does (得分,
   *   自评得分), few other cells do. Seen while the cells are placed, so that the question whether a table is a
   *   self-evaluation (self-evaluation/read-self-evaluation.ts), asked of every table, looks at its rows, not their cells.
   */
  constructor(
    readonly placed: Placed[],
    readonly endsInPoints: boolean,
    /**
     * Whether a cell of at most 16 characters has 执, or 分 with 得 or 评, in it: an execution header (全年执行数, 预算执行数) and
     * every score header (得分, 得 分, 得分（C）, 自评分) does, for the same question.
     */
    readonly scoreOrExecution: boolean,
  ) {}
}

const FEN = 0x5206; // 分

/** Whether the text ends in 分, colons and spaces after it aside (as compactLabel and a label's colon leave it). */
function endsInFen(text: string): boolean {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === FEN) return true;
    // : ： and white space (what compactLabel removes) go on; anything else ends the look
    if (!(c === 0x3a || c === 0xff1a || isSpace(c))) return false;
  }
  return false;
}

const MEMO = Symbol('row memo');
type WithMemo = RowBlock & { [MEMO]?: RowMemo };

/** The row's memo (see RowMemo), made with its placed cells on the first question. */
export function rowMemo(row: RowBlock): RowMemo {
  // A row of the text reader has a place for it (RowWithMemo); other readers' rows get a property.
  const slotted = row instanceof RowWithMemo;
  let memo = (slotted ? RowWithMemo.memoOf(row) : (row as WithMemo)[MEMO]) as RowMemo | undefined;
  if (memo === undefined) {
    const n = row.cells.length;
    const cells = new Array<Placed>(n);
    let points = false;
    let scoreOrExecution = false;
    for (let index = 0; index < n; index++) {
      const cell = row.cells[index]!;
      const start = cell.col ?? index;
      const text = joined(cell);
      cells[index] = { cell, index, start, end: start + Math.max(1, cell.span ?? 1), text };
      if (!points && text.length !== 0) points = endsInFen(text);
      if (!scoreOrExecution && text.length !== 0 && text.length <= 16) scoreOrExecution = text.includes('执') || (text.includes('分') && (text.includes('得') || text.includes('评')));
    }
    memo = new RowMemo(cells, points, scoreOrExecution);
    if (slotted) RowWithMemo.setMemo(row, memo);
    else Object.defineProperty(row, MEMO, { value: memo, enumerable: false });
  }
  return memo;
}

/**
 * The row's cells with their grid positions (rows from extracted text have no grid: index =
 * column). Computed once per row: the parser asks of a row whether it is a title, a header, a
 * label row … The result is shared: do not change it.
 */
export const place = (row: RowBlock): Placed[] => rowMemo(row).placed;

/**
 * A line without its Word bookmarks: stripBookmarks(line).text, without the object stripBookmarks
 * returns when there is none to strip (the parser asks this of every cell line).
 */
export const withoutBookmarks = (line: string) => (line.includes('[bookmark:') ? stripBookmarks(line).text : line);

/** True when the reader gave grid columns for the row. */
export const hasGrid = (row: RowBlock) => row.cells.length > 0 && row.cells.every((c) => c.col !== undefined);

const cleanLines = (cell: Cell) => cell.lines.map((l) => withoutBookmarks(l).trim());

/** ASCII letters or digits on both sides of a joint keep a space between them ("ISO 9001"). */
function joinTwo(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return /[A-Za-z0-9.]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : `${a}${b}`;
}

/** The cell's lines as one value: lines joined without a separator (a wrapped name, label or amount). */
export function joined(cell: Cell | undefined): string {
  if (!cell) return '';
  // Most cells have one line: no array of cleaned lines to join.
  if (cell.lines.length === 1) return withoutBookmarks(cell.lines[0]!).trim();
  return cleanLines(cell).reduce(joinTwo, '');
}

/**
 * The cell's text as written, its paragraphs joined by "\n" and the whole trimmed; a line the
 * reader saw wrap (Cell.wraps) joins the one before it.
 */
export function paragraphText(cell: Cell | undefined): string {
  if (!cell) return '';
  const lines = cell.lines;
  // One line, no wraps: the line itself (no array to join).
  if (lines.length === 1) return withoutBookmarks(lines[0]!).trim();
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = withoutBookmarks(lines[i]!);
    if (cell.wraps?.[i] && out.length > 0) out[out.length - 1] = joinTwo(out[out.length - 1]!.trimEnd(), line.trim());
    else out.push(line);
  }
  return out.join('\n').trim();
}

/** The cell's paragraphs (paragraphText), each trimmed, empty ones dropped: goals, list items. */
export function paragraphs(cell: Cell | undefined): string[] {
  return paragraphText(cell)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Every cell empty (place's texts: each cell is joined once per row). */
export const isBlankRow = (row: RowBlock) => place(row).every((p) => p.text === '');

/** A cell's first location, else the row's. */
export function sourceOf(row: RowBlock, cell: Cell | undefined): SourceLocation {
  return cell?.sources[0] ?? row.source;
}

/** The columns two placed cells share. */
export function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** The header (of `headers`) a cell stands under: the one it overlaps most; null when none. */
export function headerOver<T extends { start: number; end: number }>(cell: { start: number; end: number }, headers: readonly T[]): T | null {
  let best: T | null = null;
  let most = 0;
  for (const h of headers) {
    const o = overlap(cell, h);
    if (o > most) {
      best = h;
      most = o;
    }
  }
  return best;
}

/** One line of a long text, for messages: whitespace collapsed, cut at `max` characters. */
export function preview(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}
