/**
 * The geometry of a PDF page, without pdf.js: text runs and ruling lines in, visual lines and
 * table grids out (read-pdf.ts extracts the runs and rules; assemble.ts turns the pages into
 * blocks). Coordinates are the page's, in points, origin top left, y growing downwards.
 *
 * Tables are rebuilt from their ruling lines, as a reader sees them:
 * - rules (stroked lines, the edges of stroked rectangles, thin filled shapes as Word and
 *   browsers draw borders) are merged where they lie side by side or end to end (mergeStrokes), and
 *   the rules that touch each other form a table when they make at least one box;
 * - the table's grid columns are the distinct x of its vertical rules, its grid rows the distinct y
 *   of its horizontal rules; a row spans the columns between its own outer rules; a cell spans the
 *   columns no vertical rule separates within its row, and continues the cell above (a vertical
 *   merge) where no horizontal rule closes it;
 * - every run goes to the cell (the merged region) its centre falls in; a run that crosses a
 *   vertical rule is cut between its characters;
 * - inside a cell, runs on one baseline make a line (read left to right by their middles); a line continues the one
 *   above as a visual wrap when the line above had no room left for the next line's first piece, whatever line
 *   breaker broke them (noRoomFor), at the table's line spacing (cellLineGap).
 */

import { tidyCjkSpaces } from '../../../shared/domain/text';
import { findBorderlessTables } from './borderless';

/** A run of glyphs in one font on one baseline. */
export interface TextRun {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  baseline: number;
  /** The font size, in points. */
  size: number;
  /** Written at an angle (vertical text, a rotated label): each such run is a line of its own. */
  rotated: boolean;
  /** Read by OCR (issue 56): the recognition's confidence, 0–100. */
  conf?: number;
}

/** An axis-aligned ruling line (or a thin filled rectangle): x0 ≤ x1, y0 ≤ y1. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageContent {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
  rules: Rule[];
}

/** Runs on one baseline, left to right. */
export interface VisualLine {
  text: string;
  /**
   * The line cut at wide gaps (≥ WIDE_GAP font sizes): the parts of a caption or of a borderless row. `lead`: the width,
   * in points, of the segment's first piece that no line breaker cuts (firstPiece), measured on its runs.
   */
  segments: { text: string; x0: number; x1: number; lead: number }[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  /** Read by OCR: the least confidence of its runs (ocr/source-mark.ts carries it to the line's source). */
  conf?: number;
}

export interface GridCell {
  /** Grid column where the cell starts, and its width in grid columns. */
  col: number;
  span: number;
  /** Continues the cell above (no rule between them): its text went to the cell where the merge starts. */
  mergedFromAbove: boolean;
  lines: VisualLine[];
  /** wraps[i]: lines[i] continues lines[i - 1] (visual wrap). */
  wraps: boolean[];
}

export interface TableGrid {
  /** Column and row boundaries. */
  xs: number[];
  ys: number[];
  /** Cells per grid row, left to right. */
  rows: GridCell[][];
  left: number;
  right: number;
  top: number;
  bottom: number;
  /**
   * No rule over the first row: the rest of a row that a page break cut, as a browser draws it (the row's top border
   * stood on the page before). A row that begins on a page has its rule over it there.
   */
  openTop?: boolean;
  /** No rule under the last row: a row the page break cut, its rest on the next page. */
  openBottom?: boolean;
}

export type PageItem = { kind: 'line'; line: VisualLine } | { kind: 'table'; table: TableGrid };

/**
 * How far apart two rules may be and still be one (points): double borders, anti-aliasing
 * offsets, the two borders of neighbouring cells a browser draws apart (cellspacing="3"). No column
 * or row of a real table is this narrow.
 */
export const SNAP = 3.5;
/** The thickest rectangle that is a ruling line rather than a shape (points). */
export const RULE_THICKNESS = 3;
/** A gap between runs of at least this many font sizes separates a line's segments. */
const WIDE_GAP = 1.6;

// ---------------------------------------------------------------------------------------------
// Characters

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;
const WORD_CHAR = /[A-Za-z0-9.,%+\-_/:()]/;

/** Relative advance of a character: CJK and full-width forms are square, the rest about half. */
const advance = (c: string) => (CJK.test(c) ? 1 : c === ' ' ? 0.3 : 0.55);

/** The x where each character of a run starts and ends, by relative advances spread over its width. */
export function charEdgesOf(run: TextRun): number[] {
  const chars = [...run.text];
  const weights = chars.map(advance);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const edges = [run.x0];
  let x = run.x0;
  for (const w of weights) {
    x += ((run.x1 - run.x0) * w) / total;
    edges.push(x);
  }
  return edges;
}

/** Cuts a run at the given x positions (between characters, at the nearest character edge). */
function cutRun(run: TextRun, cuts: number[]): TextRun[] {
  const chars = [...run.text];
  const edges = charEdgesOf(run);
  const out: TextRun[] = [];
  let start = 0;
  for (const cut of cuts) {
    let end = start;
    while (end < chars.length && (edges[end]! + edges[end + 1]!) / 2 < cut) end++;
    if (end > start) out.push({ ...run, text: chars.slice(start, end).join(''), x0: edges[start]!, x1: edges[end]! });
    start = end;
  }
  if (start < chars.length) out.push({ ...run, text: chars.slice(start).join(''), x0: edges[start]!, x1: edges[chars.length]! });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lines

/**
 * The runs of one line left to right, by their middles: where a browser sets two punctuation marks side by side it
 * trims the space between them (CSS text-spacing-trim: "”（" takes one character's width), and the second may start
 * a little before the first ends (Chromium 150: the run "（安全…" at 264.25, the "”" before it at 264.50–270.25). By
 * their starts the longer run would come first and the quote after it.
 */
export function leftToRight(runs: readonly TextRun[]): TextRun[] {
  return [...runs].sort((a, b) => a.x0 + a.x1 - (b.x0 + b.x1));
}

/** Joins the runs of one line: no space between CJK characters; a space where two words had a gap. */
export function lineOfRuns(runs: readonly TextRun[]): VisualLine {
  const sorted = leftToRight(runs);
  const size = Math.max(...sorted.map((r) => r.size));
  const segments: VisualLine['segments'] = [];
  let current: { parts: string[]; x0: number; x1: number; runs: TextRun[] } | null = null;
  let last: TextRun | null = null;
  const close = (c: NonNullable<typeof current>) => segments.push({ text: tidyCjkSpaces(c.parts.join('')), x0: c.x0, x1: c.x1, lead: firstPiece(c.runs) });
  for (const run of sorted) {
    const gap = last === null ? 0 : run.x0 - last.x1;
    if (current === null || gap >= WIDE_GAP * size) {
      if (current !== null) close(current);
      current = { parts: [run.text], x0: run.x0, x1: run.x1, runs: [run] };
    } else {
      current.runs.push(run);
      const before = current.parts[current.parts.length - 1]!;
      const a = before[before.length - 1] ?? '';
      const b = run.text[0] ?? '';
      const space = gap > 0.15 * size && WORD_CHAR.test(a) && WORD_CHAR.test(b);
      current.parts.push(space ? ` ${run.text}` : run.text);
      current.x1 = Math.max(current.x1, run.x1);
    }
    last = run;
  }
  if (current !== null) close(current);
  const kept = segments.filter((s) => s.text !== '');
  return {
    text: kept.map((s) => s.text).join('    '),
    segments: kept,
    x0: Math.min(...sorted.map((r) => r.x0)),
    x1: Math.max(...sorted.map((r) => r.x1)),
    top: Math.min(...sorted.map((r) => r.top)),
    bottom: Math.max(...sorted.map((r) => r.bottom)),
    size,
    ...leastConfidence(sorted),
  };
}

/** The least confidence of OCR runs (none for a text layer's). */
function leastConfidence(runs: readonly TextRun[]): { conf?: number } {
  let conf: number | undefined;
  for (const r of runs) if (r.conf !== undefined) conf = conf === undefined ? r.conf : Math.min(conf, r.conf);
  return conf === undefined ? {} : { conf };
}

/** Two OCR lines joined (a word cut by a wrap): the lesser confidence. */
export function joinedConfidence(a: VisualLine, b: VisualLine): { conf?: number } {
  if (a.conf === undefined && b.conf === undefined) return {};
  return { conf: Math.min(a.conf ?? 100, b.conf ?? 100) };
}

/**
 * Groups runs into visual lines, top to bottom: runs whose baselines lie within half a font size
 * of each other share a line (a Latin font's baseline sits a point off a Chinese one's). A
 * rotated run is a line of its own.
 */
export function groupLines(runs: readonly TextRun[]): VisualLine[] {
  const lines = groupRuns(runs).map(lineOfRuns);
  for (const run of runs) if (run.rotated && run.text.trim() !== '') lines.push(lineOfRuns([run]));
  return lines.filter((l) => l.text !== '').sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

/** The upright runs grouped by baseline (groupLines' lines before they are joined), top to bottom; rotated runs left out. */
export function groupRuns(runs: readonly TextRun[]): TextRun[][] {
  const upright = runs.filter((r) => !r.rotated && r.text.trim() !== '').sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const groups: TextRun[][] = [];
  let baseline = -Infinity;
  for (const run of upright) {
    const group = groups[groups.length - 1];
    if (group !== undefined && Math.abs(run.baseline - baseline) <= 0.5 * Math.min(run.size, group[0]!.size)) {
      group.push(run);
    } else {
      groups.push([run]);
      baseline = run.baseline;
    }
  }
  return groups;
}

/** Numbering that starts a new paragraph whatever the line above: 1. （一） 一、 目标1 … (after stray quotes: `""1.完成…`). */
export const NEW_ITEM = /^\s*["“”']*\s*(\d{1,2}\s*[.、．)）](?!\d)|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|目标\s*\d|[一二三四五六七八九十]+是|[①-⑳]|第[一二三四五六七八九十]+(部分|章|条))/;

/**
 * Line breaking, as every line breaker does it (Unicode's line breaking rules, 避头尾/kinsoku, Word's and LibreOffice's
 * Chinese rules): a line may break between two Chinese characters, never inside a run of Latin letters and digits
 * ("13020225P0089", "1,200.00", "100%"), never before a mark that closes (，。、；：？！）》” …) and never after one
 * that opens (（《“ …). LibreOffice keeps a number with the closing mark before it ("划，2026" is one piece); a browser
 * cuts there. What no breaker cuts is taken whole, so that the test below holds for any of them.
 */
const OPENS = /[（(《〈「『【〔［｛〖“‘<[{]/;
/** Marks that go with the character before them (closing marks, an ASCII quote, which breaks on neither side, / … %). */
const CLOSES = /[，。、；：？！）)》〉」』】〕］｝〗”’,.;:?!\]}%‰…"'・·/]/;
const LATIN = /[A-Za-z0-9]/;
const IN_WORD = /[A-Za-z0-9.,:/%‰+\-_'’&#°]/;

/** The characters of runs with where each starts and ends (charEdgesOf), left to right, spaces left out. */
function glyphsOf(runs: readonly TextRun[]): { c: string; x0: number; x1: number }[] {
  return runs.flatMap((run) => {
    const edges = charEdgesOf(run);
    return [...run.text].map((c, i) => ({ c, x0: edges[i]!, x1: edges[i + 1]! })).filter((g) => g.c.trim() !== '');
  });
}

/**
 * The width of the first piece of these runs that no line breaker cuts: the opening marks in front, then a word of
 * Latin letters and digits or else one character, then the closing marks after it (and, after a closing mark, a
 * number: LibreOffice's "，2026"). Measured on the runs, where the piece was set (a browser's Latin font is narrower
 * than its Chinese one, and a quote mark may be either).
 */
function firstPiece(runs: readonly TextRun[]): number {
  const glyphs = glyphsOf(runs);
  if (glyphs.length === 0) return 0;
  let i = 0;
  const word = () => {
    while (i < glyphs.length && IN_WORD.test(glyphs[i]!.c)) i++;
  };
  while (i < glyphs.length - 1 && OPENS.test(glyphs[i]!.c)) i++;
  if (LATIN.test(glyphs[i]!.c)) word();
  else i++;
  const closing = i;
  while (i < glyphs.length && CLOSES.test(glyphs[i]!.c)) i++;
  if (i > closing && i < glyphs.length && /[0-9]/.test(glyphs[i]!.c)) word();
  return glyphs[i - 1]!.x1 - glyphs[0]!.x0;
}

/**
 * How much more room than the next line's first piece a wrapped line may still show, in font sizes: the room is
 * measured to an edge itself measured — a cell's rule less its padding, taken as the same on both sides, where a
 * browser gives one side the whole of a 1 px border (0.75 pt: a 13 px print wrapped "下沉工作队" with 10.4 pt left for a
 * 9.75 pt character), or the longest lines' end. A writer's line may end as little as a tenth of a size short (a quote
 * mark on a line of its own, 1.1 pt narrower than the room). OCR's word boxes are less exact than a text layer's glyphs.
 */
const FIT = 0.1;
const FIT_OCR = 0.3;
/**
 * The space Word and LibreOffice put between a Chinese character and a Latin letter or digit beside it (中西文自动间距:
 * LibreOffice 0.2 of the font size), in font sizes: a piece so placed needs it too.
 */
const AUTOSPACE = 0.25;
const IDEOGRAPH = /[\u3400-\u9FFF\uF900-\uFAFF]/;

/**
 * Whether `next` continues `prev` as a visual wrap in a box whose right edge is `right`: the line
 * above had no room left for the next line's first piece, the next line starts no new numbered
 * item and (unless the two stand on different pages) follows at the usual line spacing — `lineGap`, the usual gap
 * between two lines there in font sizes (cellLineGap), and half a size more at most; never less than 0.9 sizes (a
 * blank line between two paragraphs of a cell is more).
 */
export function isWrap(prev: VisualLine, next: VisualLine, right: number, padding: number, samePage = true, lineGap = 0.4): boolean {
  if (NEW_ITEM.test(next.text)) return false;
  if (samePage && next.top - prev.bottom > Math.max(0.9, lineGap + 0.5) * prev.size) return false;
  return noRoomFor(prev, next, right - padding);
}

/**
 * The usual gap between two lines of a cell in a table, in font sizes: the lower quartile of the gaps between the
 * consecutive lines of its cells (wraps and the writer's lines alike, all at the table's line spacing; a blank line
 * between paragraphs is rarer). Word and LibreOffice set lines further apart than a browser does: LibreOffice at 150 %
 * with Noto CJK leaves 1.17 sizes between them, a browser's line-height 1.5 half a size. Undefined without two lines in
 * a cell.
 */
function cellLineGap(cells: readonly VisualLine[][]): number | undefined {
  const gaps = cells.flatMap((lines) => lines.slice(1).map((line, i) => (line.top - lines[i]!.bottom) / lines[i]!.size)).filter((g) => g >= 0);
  if (gaps.length === 0) return undefined;
  return gaps.sort((a, b) => a - b)[Math.floor((gaps.length - 1) / 4)];
}

/**
 * Whether the line `prev`, in a box whose text may reach `right`, had no room left for the first piece of `next` — the
 * geometry of the two lines, whoever broke them: a line that ends short, with room for what comes next, was ended by its
 * writer.
 */
export function noRoomFor(prev: VisualLine, next: VisualLine, right: number): boolean {
  const first = next.segments[0];
  if (first === undefined) return false;
  const [a, b] = [[...prev.text.trimEnd()].pop() ?? '', first.text.trimStart()[0] ?? ''];
  const mixed = (IDEOGRAPH.test(a) && LATIN.test(b)) || (LATIN.test(a) && IDEOGRAPH.test(b));
  const fit = (prev.conf !== undefined || next.conf !== undefined ? FIT_OCR : FIT) + (mixed ? AUTOSPACE : 0);
  return right - prev.x1 < first.lead + fit * next.size;
}

/** A cell's padding: the least distance of its text from either side (Word 5.4 pt, LibreOffice 2.8, a browser 1–4). */
export function cellPadding(lines: readonly VisualLine[], left: number, right: number): number {
  // a line ending in a closing mark says nothing of the right side: LibreOffice lets the mark hang past the edge
  const ends = lines.filter((l) => !hangs(l)).map((l) => right - l.x1);
  return Math.min(8, Math.max(0.5, Math.min(...lines.map((l) => l.x0 - left), ...ends)));
}

/**
 * Whether a line ends in a closing mark (，。、）…): LibreOffice and Word let such a mark hang past the right edge (悬挂
 * 标点), so the line's end is no measure of where the text may reach.
 */
export const hangs = (line: VisualLine): boolean => CLOSES.test([...line.text.trimEnd()].pop() ?? '');

/** Whether a wrap cut a Latin word or a number in two ("13020225P0089" / "11100023"): join without a space. */
export function isCutWord(prev: VisualLine, next: VisualLine): boolean {
  return /[A-Za-z0-9]$/.test(prev.text) && /^[A-Za-z0-9]/.test(next.text);
}

// ---------------------------------------------------------------------------------------------
// Rules → tables

interface Stroke {
  /** y of a horizontal rule, x of a vertical one. */
  pos: number;
  /** Its extent along the other axis. */
  a: number;
  b: number;
}

/**
 * Clusters sorted values: a new cluster starts more than `tol` after the current one's first value; then clusters
 * whose centres are within `tol` of each other are one (an empty column a few points wide, between the rules of the
 * cells beside it, is one rule to the eye, not a column). Never one chain of values each close to the next: the
 * edges of two tables printed one under the other may lie a few points apart, with a narrow column's rule between.
 */
function cluster(values: number[], tol = SNAP): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const c = out[out.length - 1];
    if (c !== undefined && v - c[0]! <= tol) c.push(v);
    else out.push([v]);
  }
  const centre = (c: number[]) => c.reduce((s, v) => s + v, 0) / c.length;
  const merged: number[][] = [];
  for (const c of out) {
    const last = merged[merged.length - 1];
    if (last !== undefined && centre(c) - centre(last) <= tol) last.push(...c);
    else merged.push(c);
  }
  return merged.map(centre);
}

/**
 * Rules along one axis, merged, at their mean position: strokes side by side within SNAP of each other (the two
 * borders of neighbouring cells drawn apart, a double line), and strokes end to end on one line (the segments a
 * browser draws cell by cell, within a point of each other). Other strokes stay apart whatever their positions: the
 * column rules of two tables on a page, or of two tables one right under the other, lie a few points apart, and one
 * position for both would put each table's rule where neither drew it.
 */
function mergeStrokes(strokes: Stroke[]): Stroke[] {
  // swept along the extent: each stroke meets only those not yet ended where it begins (a long line drawn in many
  // segments, or many parallel rules, stay cheap)
  const sorted = [...strokes].sort((x, y) => x.a - y.a);
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  let active: number[] = [];
  sorted.forEach((s, i) => {
    active = active.filter((j) => sorted[j]!.b >= s.a - SNAP);
    for (const j of active) {
      const t = sorted[j]!;
      const apart = Math.abs(t.pos - s.pos);
      const overlap = Math.min(s.b, t.b) - Math.max(s.a, t.a);
      if (apart <= SNAP && (overlap > 0.5 || apart <= 1)) parent[find(i)] = find(j);
    }
    active.push(i);
  });
  const groups = new Map<number, Stroke[]>();
  sorted.forEach((s, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list === undefined) groups.set(root, [s]);
    else list.push(s);
  });
  const out: Stroke[] = [];
  for (const list of groups.values()) {
    const pos = list.reduce((sum, s) => sum + s.pos, 0) / list.length;
    list.sort((x, y) => x.a - y.a);
    let cur: Stroke | null = null;
    for (const s of list) {
      if (cur !== null && s.a <= cur.b + SNAP) cur.b = Math.max(cur.b, s.b);
      else {
        if (cur !== null) out.push(cur);
        cur = { pos, a: s.a, b: s.b };
      }
    }
    if (cur !== null) out.push(cur);
  }
  return out;
}

/** The horizontal and vertical rules of a page, merged. Shapes that are neither are not rules. */
function splitRules(rules: readonly Rule[]): { h: Stroke[]; v: Stroke[] } {
  const h: Stroke[] = [];
  const v: Stroke[] = [];
  for (const r of rules) {
    const w = r.x1 - r.x0;
    const t = r.y1 - r.y0;
    if (t <= RULE_THICKNESS && w >= 2 && w > t) h.push({ pos: (r.y0 + r.y1) / 2, a: r.x0, b: r.x1 });
    else if (w <= RULE_THICKNESS && t >= 2 && t > w) v.push({ pos: (r.x0 + r.x1) / 2, a: r.y0, b: r.y1 });
  }
  return { h: mergeStrokes(h), v: mergeStrokes(v) };
}

const touches = (h: Stroke, v: Stroke) => v.pos >= h.a - SNAP && v.pos <= h.b + SNAP && h.pos >= v.a - SNAP && h.pos <= v.b + SNAP;

/** Rules that touch each other, as groups: each group with a box in it is a table. */
function components(h: Stroke[], v: Stroke[]): { h: Stroke[]; v: Stroke[] }[] {
  const parent = [...h, ...v].map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  h.forEach((hs, i) =>
    v.forEach((vs, j) => {
      if (touches(hs, vs)) parent[find(i)] = find(h.length + j);
    }),
  );
  const groups = new Map<number, { h: Stroke[]; v: Stroke[] }>();
  const group = (i: number) => {
    const root = find(i);
    let g = groups.get(root);
    if (g === undefined) groups.set(root, (g = { h: [], v: [] }));
    return g;
  };
  h.forEach((s, i) => group(i).h.push(s));
  v.forEach((s, j) => group(h.length + j).v.push(s));
  return [...groups.values()].filter((g) => g.v.length >= 2 && (g.h.length >= 2 || isOpenRowFragment(g)));
}

/**
 * A row that a page break cut, as a browser draws it (border-collapse): on the new page its rest has the side and
 * column rules and a rule under it, but none over it (the row's top border stood on the page before); likewise a
 * row cut at the foot of a page may have no rule under it. One horizontal rule from the first vertical to the last,
 * at one end of verticals that all start and end together: a box open at the other end, read as a table of one row
 * (its open edge is the page break).
 */
function isOpenRowFragment(g: { h: Stroke[]; v: Stroke[] }): boolean {
  if (g.h.length !== 1) return false;
  const [rule] = g.h as [Stroke];
  const top = Math.min(...g.v.map((s) => s.a));
  const bottom = Math.max(...g.v.map((s) => s.b));
  if (g.v.some((s) => Math.abs(s.a - top) > SNAP || Math.abs(s.b - bottom) > SNAP)) return false;
  const left = Math.min(...g.v.map((s) => s.pos));
  const right = Math.max(...g.v.map((s) => s.pos));
  if (Math.abs(rule.a - left) > SNAP || Math.abs(rule.b - right) > SNAP) return false;
  return Math.abs(rule.pos - top) <= SNAP || Math.abs(rule.pos - bottom) <= SNAP;
}

interface Region {
  cell: GridCell;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  runs: TextRun[];
  /** Every region of its table, whose lines give the table's line spacing (tableLineGap). */
  table: Region[];
}

/**
 * Builds a table's grid from its rules (cells without text yet).
 *
 * A row spans the columns between its own outer rules: where the table's left or right edge is drawn in other rows
 * but not in this one, the row ends at its outermost vertical rule. Two tables printed one right under the other
 * touch (a web page's tables have no margin by default) and their rules make one group; the narrower one's rows have
 * no cells in the area beside them, which is no cell of either table.
 */
function buildGrid(rules: { h: Stroke[]; v: Stroke[] }): { grid: TableGrid; regionAt: (Region | undefined)[][]; openBelow: (x: number) => Region | undefined; openAbove: (x: number) => Region | undefined } {
  const xs = cluster([...rules.v.map((s) => s.pos), Math.min(...rules.h.map((s) => s.a)), Math.max(...rules.h.map((s) => s.b))]);
  const ys = cluster([...rules.h.map((s) => s.pos), Math.min(...rules.v.map((s) => s.a)), Math.max(...rules.v.map((s) => s.b))]);
  const C = xs.length - 1;
  const R = ys.length - 1;
  const covers = (list: Stroke[], pos: number, at: number) => list.some((s) => Math.abs(s.pos - pos) <= SNAP && s.a <= at + 0.5 && s.b >= at - 0.5);
  const drawn = (i: number, r: number) => covers(rules.v, xs[i]!, (ys[r]! + ys[r + 1]!) / 2);
  const hasH = (j: number, c: number) => j === 0 || covers(rules.h, ys[j]!, (xs[c]! + xs[c + 1]!) / 2);
  // whether the table's outer edges are drawn at all (a table may have no outer rules at its sides)
  const leftDrawn = rules.v.some((s) => Math.abs(s.pos - xs[0]!) <= SNAP);
  const rightDrawn = rules.v.some((s) => Math.abs(s.pos - xs[C]!) <= SNAP);

  const rows: GridCell[][] = [];
  const regionAt: (Region | undefined)[][] = [];
  const table: Region[] = [];
  for (let r = 0; r < R; r++) {
    const cells: GridCell[] = [];
    const regions: (Region | undefined)[] = [];
    // the row's own extent: from its leftmost to its rightmost vertical rule where the table's edge is not drawn here
    const inner = xs.map((_, i) => i).filter((i) => drawn(i, r));
    let lo = leftDrawn && !drawn(0, r) && inner.length > 0 ? inner[0]! : 0;
    let hi = rightDrawn && !drawn(C, r) && inner.length > 0 ? inner[inner.length - 1]! : C;
    if (hi <= lo) [lo, hi] = [0, C];
    const hasV = (i: number) => i === lo || i === hi || drawn(i, r);
    for (let c = lo; c < hi; ) {
      const start = c++;
      while (c < hi && !hasV(c)) c++;
      let closed = false;
      for (let k = start; k < c; k++) if (hasH(r, k)) closed = true;
      const above = r > 0 ? regionAt[r - 1]![start] : undefined;
      const merged = !closed && above !== undefined && above.cell.col === start && above.cell.span === c - start;
      const cell: GridCell = { col: start, span: c - start, mergedFromAbove: merged, lines: [], wraps: [] };
      cells.push(cell);
      const region: Region = merged ? above! : { cell, x0: xs[start]!, x1: xs[c]!, y0: ys[r]!, y1: ys[r + 1]!, runs: [], table };
      if (!merged) table.push(region);
      if (merged) region.y1 = ys[r + 1]!;
      for (let k = start; k < c; k++) regions[k] = region;
    }
    rows.push(cells);
    regionAt.push(regions);
  }
  // The last row's cell at x when the table's foot is ruled under other cells but not under it: a cell that a page
  // break cut (a browser paints the part of a cell merged over rows that stands on the page before without its box).
  const footRuled = (c: number) => covers(rules.h, ys[R]!, (xs[c]! + xs[c + 1]!) / 2);
  const anyFootRuled = xs.slice(0, C).some((_, c) => footRuled(c));
  const openBelow = (x: number) => {
    const c = bandOf(xs, x);
    return c === null || !anyFootRuled || footRuled(c) ? undefined : regionAt[R - 1]![c];
  };
  const topRuled = (c: number) => covers(rules.h, ys[0]!, (xs[c]! + xs[c + 1]!) / 2);
  const anyTopRuled = xs.slice(0, C).some((_, c) => topRuled(c));
  // The first row's cell at x when the table's top is ruled over other cells but not over it: the rest of a cell that
  // a page break cut, whose text the page draws again above it (WPS draws a merged cell's text on both pages, issue 68).
  const openAbove = (x: number) => {
    const c = bandOf(xs, x);
    return c === null || !anyTopRuled || topRuled(c) ? undefined : regionAt[0]![c];
  };
  const openTop = !anyTopRuled;
  const openBottom = !anyFootRuled;
  return { grid: { xs, ys, rows, left: xs[0]!, right: xs[C]!, top: ys[0]!, bottom: ys[R]!, openTop, openBottom }, regionAt, openBelow, openAbove };
}

/** The index of the band [edges[i], edges[i+1]) that holds `v`; null outside. */
function bandOf(edges: number[], v: number): number | null {
  if (v < edges[0]! - SNAP || v > edges[edges.length - 1]! + SNAP) return null;
  for (let i = 0; i < edges.length - 1; i++) if (v < edges[i + 1]!) return i;
  return edges.length - 2;
}

/** The line spacing of a region's table (cellLineGap), worked out once, when the first of its cells is filled. */
const lineGaps = new WeakMap<Region[], number | undefined>();
function tableLineGap(table: Region[]): number | undefined {
  if (!lineGaps.has(table)) lineGaps.set(table, cellLineGap(table.map((r) => groupLines(r.runs))));
  return lineGaps.get(table);
}

/** Fills a region's cell with its runs as lines, and says which lines are visual wraps (at the table's line spacing). */
function fillCell(region: Region): void {
  const lines = groupLines(region.runs);
  if (lines.length === 0) return;
  const lineGap = tableLineGap(region.table);
  const padding = cellPadding(lines, region.x0, region.x1);
  const out: VisualLine[] = [];
  const wraps: boolean[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const wrap = prev !== undefined && isWrap(prev, line, region.x1, padding, true, lineGap);
    if (wrap && isCutWord(prev, line)) {
      // A word or number cut by the wrap: one line again, as written.
      out[out.length - 1] = { ...prev, text: prev.text + line.text, segments: [...prev.segments, ...line.segments], x1: Math.max(prev.x1, line.x1), bottom: line.bottom, ...joinedConfidence(prev, line) };
      continue;
    }
    out.push(line);
    wraps.push(wrap);
  }
  region.cell.lines = out;
  region.cell.wraps = wraps;
}

/** The grid row where a region starts, and the region right over its top across the same columns (if any). */
function regionAbove(region: Region, regionAt: (Region | undefined)[][]): { row: number; above: Region | undefined } {
  const row = regionAt.findIndex((r) => r.includes(region));
  const above = row <= 0 ? undefined : regionAt[row - 1]![regionAt[row]!.indexOf(region)];
  return { row, above: above === undefined || above === region || above.x0 !== region.x0 || above.x1 !== region.x1 ? undefined : above };
}

/**
 * A cell's last line that ran over its foot: drawn right under the rule into the cell below (a centred or left-aligned
 * second line the cell had no room for, as WPS prints it: "…行政执法权威" over "性"). Its first line sits on the rule,
 * closer to the line above it than any padding leaves, aligned with it: it goes back to the cell above (issue 68).
 */
function takeOverflow(region: Region, regionAt: (Region | undefined)[][]): void {
  const first = region.cell.lines[0];
  if (first === undefined) return;
  const { row, above } = regionAbove(region, regionAt);
  if (above === undefined) return;
  const last = above.cell.lines[above.cell.lines.length - 1];
  if (last === undefined) return;
  const size = last.size;
  const onRule = first.top - region.y0 < 0.25 * size;
  const gap = first.top - last.bottom;
  // at the table's own line spacing where it has one: a line set tighter than the cells' lines (a cramped cell's text
  // drawn from its rule, under a cell whose text already runs over it) begins the cell below, it does not continue this one
  const lineGap = tableLineGap(above.table);
  const close = gap >= -0.5 && gap < 0.3 * size && (lineGap === undefined || Math.abs(gap / size - lineGap) < 0.1);
  const centred = Math.abs((first.x0 + first.x1) / 2 - (last.x0 + last.x1) / 2) < 0.6 * size;
  const left = Math.abs(first.x0 - last.x0) < 0.6 * size;
  // the line above filled its cell from edge to edge: it had no room for what follows (a short value under a header does
  // not, nor a label under a label)
  const full = last.x0 <= above.x0 + 1.5 * size && last.x1 >= above.x1 - 1.5 * size;
  if (!onRule || !close || !full || !(centred || left) || Math.abs(first.size - size) > 0.15 * size) return;
  // another cell of the row begins its text at the same height: that is where the row's own text starts (a printer
  // with little padding), not a line run over the rule
  const level = regionAt[row]!.some((r) => r !== undefined && r !== region && r.y0 === region.y0 && r.cell.lines[0] !== undefined && Math.abs(r.cell.lines[0].top - first.top) < 0.3 * size);
  if (level) return;
  above.cell.lines.push(first);
  above.cell.wraps.push(true);
  region.cell.lines.shift();
  region.cell.wraps.shift();
  if (region.cell.wraps.length > 0) region.cell.wraps[0] = false;
}

/** Whether two runs are drawn over one another: no printer sets visible text so (a bold drawn twice has one text). */
function overdrawn(a: TextRun, b: TextRun): boolean {
  if (a.text === b.text) return false;
  const size = Math.min(a.size, b.size);
  const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  return dy > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top) && dx > 0.5 * size;
}

/**
 * Text a spreadsheet clipped at its cell's foot: the lines the cell had no room for stay in the PDF's text layer, drawn
 * under the next cell's own text and hidden by the clip ("经济效益" over "指标", that "指标" drawn over "社会效益"; "…联系"
 * over "中央媒体", drawn over the next row's "会议次数…"). Of two runs of a cell drawn over one another, the one that goes
 * on from the cell above — right under its last line at a line's spacing, aligned with it — is that cell's (issue 68).
 */
function returnClipped(region: Region, regionAt: (Region | undefined)[][]): void {
  // most cells have no two runs drawn over one another: nothing to look for above them
  const runs = region.runs;
  if (!runs.some((a, i) => runs.some((b, j) => j > i && overdrawn(a, b)))) return;
  const { above } = regionAbove(region, regionAt);
  if (above === undefined) return;
  for (let moved = true; moved; ) {
    moved = false;
    const last = groupLines(above.runs).at(-1);
    if (last === undefined) return;
    const size = last.size;
    const goesOn = (run: TextRun) => {
      const gap = run.top - last.bottom;
      const aligned = Math.abs(run.x0 - last.x0) < 0.6 * size || Math.abs((run.x0 + run.x1) / 2 - (last.x0 + last.x1) / 2) < 0.6 * size;
      return gap >= -0.5 && gap < 0.6 * size && aligned && Math.abs(run.size - size) < 0.15 * size;
    };
    const clipped = region.runs.find((run) => goesOn(run) && region.runs.some((other) => other !== run && other.top > run.top && overdrawn(run, other)));
    if (clipped !== undefined) {
      region.runs.splice(region.runs.indexOf(clipped), 1);
      above.runs.push(clipped);
      moved = true;
    }
  }
}

/**
 * The tables of a page (from its rules) and the runs that stand outside them. Runs inside a table
 * go to their cells; a run that crosses a cell's vertical rule is cut there.
 */
/** A run of a page number's characters only (第 4 页，共 45 页, 4/45, —4—). */
const FURNITURE_RUN = /^[\s\d第共页,，/\-—–_－]+$/;

export function findTables(page: PageContent): { tables: TableGrid[]; outside: TextRun[] } {
  const { h, v } = splitRules(page.rules);
  const built = components(h, v).map(buildGrid).sort((a, b) => a.grid.top - b.grid.top);
  const outside: TextRun[] = [];
  for (const run of page.runs) {
    if (run.text.trim() === '') continue;
    const cx = (run.x0 + run.x1) / 2;
    const cy = (run.top + run.bottom) / 2;
    const home = built.find((t) => cx >= t.grid.left - 1 && cx <= t.grid.right + 1 && cy >= t.grid.top - 1 && cy <= t.grid.bottom + 1);
    if (home === undefined) {
      // a page number or its part (第 4 页，共 45 页, —4—) is the page's, never a cut cell's rest
      if (FURNITURE_RUN.test(run.text)) {
        outside.push(run);
        continue;
      }
      // the rest of a cut cell's text under a cell the table's foot leaves open: right under it, or anywhere down to
      // the page's foot when the run stays inside that cell's column and no table stands between (a merged category
      // cell cut by the page break, whose text is drawn centred over the whole cell, issue 68)
      const open = built
        .map((t) => {
          if (run.top < t.grid.bottom - 1) return undefined;
          const cell = t.openBelow(cx);
          if (cell === undefined) return undefined;
          if (run.top - t.grid.bottom <= run.size) return cell;
          const inColumn = run.x0 >= cell.x0 - 1 && run.x1 <= cell.x1 + 1;
          const between = built.some((o) => o !== t && o.grid.top >= t.grid.bottom - 1 && o.grid.top <= run.top);
          return inColumn && !between && run.top >= page.height * 0.75 ? cell : undefined;
        })
        .find((o) => o !== undefined) ??
        // …and above a cell the table's top leaves open, in the page's top quarter, nothing between
        built
          .map((t) => {
            if (run.bottom > t.grid.top + 1 || run.top > page.height * 0.25) return undefined;
            const cell = t.openAbove(cx);
            if (cell === undefined || run.x0 < cell.x0 - 1 || run.x1 > cell.x1 + 1) return undefined;
            const between = built.some((o) => o !== t && o.grid.bottom <= t.grid.top + 1 && o.grid.bottom >= run.bottom);
            return between ? undefined : cell;
          })
          .find((o) => o !== undefined);
      if (open !== undefined) open.runs.push(run);
      else outside.push(run);
      continue;
    }
    const r = bandOf(home.grid.ys, cy) ?? 0;
    // Cut at the vertical rules of this row that the run crosses.
    const cuts = home.grid.rows[r]!.slice(1).map((cell) => home.grid.xs[cell.col]!).filter((x) => x > run.x0 + 1 && x < run.x1 - 1);
    for (const part of run.rotated || cuts.length === 0 ? [run] : cutRun(run, cuts)) {
      const c = bandOf(home.grid.xs, (part.x0 + part.x1) / 2) ?? 0;
      // beside a row narrower than its table (buildGrid): no cell, text of the page
      const region = home.regionAt[r]![c];
      if (region === undefined) outside.push(part);
      else region.runs.push(part);
    }
  }
  for (const t of built) {
    const regions = new Set(t.regionAt.flat());
    for (const region of regions) if (region !== undefined) returnClipped(region, t.regionAt);
    for (const region of regions) if (region !== undefined) fillCell(region);
    for (const region of regions) if (region !== undefined) takeOverflow(region, t.regionAt);
  }
  return { tables: built.map((t) => t.grid), outside };
}

/** A page as lines and tables in reading order (top to bottom). */
export function layoutPage(page: PageContent): PageItem[] {
  const { tables: ruled, outside } = findTables(page);
  // indicator tables drawn without rules, among the text outside the ruled ones (borderless.ts)
  const { tables: borderless, rest } = findBorderlessTables(outside);
  const tables = [...ruled, ...borderless];
  const items: PageItem[] = [...groupLines(rest).map((line) => ({ kind: 'line' as const, line })), ...tables.map((table) => ({ kind: 'table' as const, table }))];
  const top = (i: PageItem) => (i.kind === 'line' ? i.line.top : i.table.top);
  return items.sort((a, b) => top(a) - top(b));
}
