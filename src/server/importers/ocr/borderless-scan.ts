/**
 * Indicator tables scanned without ruling lines (issue 69): a table printed with its borders off, or a plain-text
 * printout. The PDF reader reads such a table by the positions of its text (pdf/borderless.ts: its header row's words
 * start its columns, its lines go to their columns, a wrapped line continues its row). A scan's text outside the ruled
 * tables is recognised as a page, whose words tesseract joins across a table's columns at times (its lines run over
 * the gap between two columns) and whose comparison signs it reads worse than in a cell of its own (`≥85%` as `”之85%`):
 * so the table's region is cut, here, into its text lines and its columns, and each piece is recognised as a ruled
 * table's cell is (read-scan.ts: one image each, the unsure ones again, the signs told by their strokes). A piece
 * tesseract reads nothing in (a short line alone, 象满意, at times; among its column's lines it drops some too) is
 * taken from its whole line read again. Its words then stay within their columns, and the assembly reads the table
 * from them as it reads a print's.
 *
 * - **Header**: a line of the page's words (words whose middles stand within half a line of each other) split at its
 *   wide white gaps into pieces, of which at least three are indicator column headers
 *   (src/shared/layout/indicator-columns.ts), the indicator's name and its target among them.
 * - **Lines**: the bands of ink rows from the header down while every two header pieces keep a white gutter between
 *   them through all the lines so far (a title or a paragraph under the table runs over one), up to a white gap of more
 *   than three lines or a line whose ink starts left of the first column.
 * - **Columns**: between two header pieces' left edges, the middle of the widest gutter through the table's lines
 *   parts their columns (a header centred over its column starts right of its text).
 */
import { readIndicatorHeader } from '../../../shared/layout/indicator-columns';
import type { GrayImage } from './page-image';
import type { PixelBox as Box } from './signs';
import type { OcrWord } from './tesseract';

/** At least this many header pieces name indicator columns (as borderless.ts asks of a print). */
const MIN_HEADERS = 3;

/** A white gap wider than this share of a line's height parts two pieces of a line (two characters of one text stand closer). */
const PIECE_GAP = 0.7;

/** Words in visual lines: by their middles, top to bottom, each line left to right. */
function visualLines(words: readonly OcrWord[]): OcrWord[][] {
  const lines: { words: OcrWord[]; middle: number; height: number }[] = [];
  for (const w of [...words].sort((a, b) => a.line.top + a.line.height / 2 - (b.line.top + b.line.height / 2))) {
    const middle = w.line.top + w.line.height / 2;
    const line = lines.find((l) => Math.abs(l.middle - middle) < Math.min(l.height, w.line.height) / 2);
    if (line) line.words.push(w);
    else lines.push({ words: [w], middle, height: w.line.height });
  }
  return lines.map((l) => l.words.sort((a, b) => a.left - b.left));
}

/** Whether a column of the image, between two rows, has ink. */
function columnInked(image: GrayImage, x: number, top: number, bottom: number, ink: number): boolean {
  for (let y = top; y < bottom; y++) if (image.data[y * image.width + x]! < ink) return true;
  return false;
}

/** The pieces of a line (words apart by a white gap wider than PIECE_GAP of the line's height), each as a box and its text. */
function piecesOf(image: GrayImage, line: readonly OcrWord[], ink: number): { text: string; left: number; right: number }[] {
  const top = Math.min(...line.map((w) => w.line.top));
  const bottom = Math.max(...line.map((w) => w.line.top + w.line.height));
  const gap = PIECE_GAP * (bottom - top);
  const pieces: { text: string; left: number; right: number }[] = [];
  for (const w of line) {
    const last = pieces[pieces.length - 1];
    if (last !== undefined && !whiteFor(image, last.right, w.left, top, bottom, ink, gap)) {
      last.text += w.text;
      last.right = Math.max(last.right, w.left + w.width);
    } else pieces.push({ text: w.text, left: w.left, right: w.left + w.width });
  }
  return pieces;
}

/** Whether, between x0 and x1, there is a run of ink-free columns at least `gap` wide (a word's box may stop short of its ink). */
function whiteFor(image: GrayImage, x0: number, x1: number, top: number, bottom: number, ink: number, gap: number): boolean {
  let run = 0;
  for (let x = Math.max(0, x0); x < Math.min(image.width, x1); x++) {
    run = columnInked(image, x, top, bottom, ink) ? 0 : run + 1;
    if (run >= gap) return true;
  }
  return false;
}

/** The bands of rows with ink between two columns, from `top` down: each a text line. */
function inkBands(image: GrayImage, left: number, right: number, top: number, bottom: number, ink: number): { top: number; bottom: number }[] {
  const bands: { top: number; bottom: number }[] = [];
  let start = -1;
  for (let y = top; y <= bottom; y++) {
    let dark = false;
    if (y < bottom) {
      const row = y * image.width;
      for (let x = left; x < right; x++) {
        if (image.data[row + x]! < ink) {
          dark = true;
          break;
        }
      }
    }
    if (dark && start < 0) start = y;
    else if (!dark && start >= 0) {
      bands.push({ top: start, bottom: y });
      start = -1;
    }
  }
  return bands;
}

/**
 * The pieces of the page's borderless indicator tables to recognise as cells: each text line of a table (its header's
 * too) cut at its columns, in pixels, only those with ink. `words` are the page's words outside its ruled tables (in
 * `image`'s pixels), `image` the page with its rules whitened.
 */
export function borderlessCells(image: GrayImage, words: readonly OcrWord[], ink: number): Box[] {
  const out: Box[] = [];
  const lines = visualLines(words);
  let below = -1;
  for (const line of lines) {
    const top = Math.min(...line.map((w) => w.line.top));
    if (top < below) continue; // within a table found above
    const pieces = piecesOf(image, line, ink);
    const fields = pieces.map((p) => readIndicatorHeader(p.text.replace(/\s+/g, '')).field);
    if (fields.filter((f) => f !== null).length < MIN_HEADERS || !fields.includes('name') || !(fields.includes('target') || fields.includes('value'))) continue;
    const height = Math.max(...line.map((w) => w.line.height));
    const left = Math.max(0, pieces[0]!.left - height);
    // the table's lines: bands of ink from the header down while every two columns keep a white gutter between them (a
    // title or a paragraph under the table runs over one), up to a white gap of more than three lines
    const white = new Uint8Array(image.width).fill(1);
    const bands: { top: number; bottom: number }[] = [];
    for (const band of inkBands(image, 0, image.width, Math.max(0, top - 2), image.height, ink)) {
      const last = bands[bands.length - 1];
      if (last !== undefined && band.top - last.bottom > 3 * height) break;
      const kept = white.map((w, x) => (w === 1 && !columnInked(image, x, band.top, band.bottom, ink) ? 1 : 0));
      if (bands.length > 0 && band.bottom - band.top >= height / 3) {
        if (firstInk(image, band, ink) < left) break;
        if (pieces.slice(1).some((p, i) => widestWhite(kept, pieces[i]!.left, p.left, height / 3) === null)) break;
      }
      white.set(kept);
      bands.push(band);
    }
    if (bands.length < 2) continue;
    // each column's start: the middle of the widest gutter between its header piece's left and the one before's
    const starts = [left, ...pieces.slice(1).map((p, i) => widestWhite(white, pieces[i]!.left, p.left, height / 3) ?? p.left), image.width];
    for (const band of bands) {
      for (let c = 0; c + 1 < starts.length; c++) {
        const box = { left: starts[c]!, top: band.top, width: starts[c + 1]! - starts[c]!, height: band.bottom - band.top };
        if (box.width > 2 && box.height > 2 && hasInk(image, box, ink)) out.push(box);
      }
    }
    below = bands[bands.length - 1]!.bottom;
  }
  return out;
}

/** The middle of the widest run of white columns (at least `min` wide) between x0 and x1; null when there is none. */
function widestWhite(white: Uint8Array, x0: number, x1: number, min: number): number | null {
  let best: [number, number] | null = null;
  let start = -1;
  for (let x = Math.max(0, x0); x <= Math.min(white.length, x1); x++) {
    const w = x < x1 && x < white.length && white[x] === 1;
    if (w && start < 0) start = x;
    else if (!w && start >= 0) {
      if (x - start >= min && (best === null || x - start > best[1] - best[0])) best = [start, x];
      start = -1;
    }
  }
  return best === null ? null : Math.round((best[0] + best[1]) / 2);
}

function firstInk(image: GrayImage, band: { top: number; bottom: number }, ink: number): number {
  for (let x = 0; x < image.width; x++) if (columnInked(image, x, band.top, band.bottom, ink)) return x;
  return image.width;
}

function hasInk(image: GrayImage, box: Box, ink: number): boolean {
  let dark = 0;
  for (let y = box.top; y < box.top + box.height; y++) {
    const row = y * image.width;
    for (let x = box.left; x < box.left + box.width; x++) if (image.data[row + x]! < ink && ++dark >= 8) return true;
  }
  return false;
}

/**
 * The words read in a borderless table's pieces with their columns' left edges made one: the lines of a column's
 * left-aligned text start at one x in a print, but their ink a pixel or three apart (比 starts right of 数 by its side
 * bearing), which the PDF reader's columns (started by the leftmost text under each header, pdf/borderless.ts) would
 * take for a column of their own. A word starting within a third of its line's height of its column's leftmost word
 * starts where that one does.
 */
export function alignColumns(words: readonly OcrWord[], pieces: readonly Box[]): OcrWord[] {
  const columnOf = (w: OcrWord) => {
    const x = w.left + Math.min(w.width, w.height) / 2;
    const y = w.top + w.height / 2;
    return pieces.find((b) => x >= b.left && x < b.left + b.width && y >= b.top && y < b.top + b.height)?.left;
  };
  const lefts = new Map<number, number>();
  for (const w of words) {
    const column = w.cell === true ? columnOf(w) : undefined;
    if (column !== undefined) lefts.set(column, Math.min(lefts.get(column) ?? Infinity, w.left));
  }
  return words.map((w) => {
    const column = w.cell === true ? columnOf(w) : undefined;
    const left = column === undefined ? undefined : lefts.get(column);
    if (left === undefined || w.left === left || w.left - left >= w.line.height / 3) return w;
    return { ...w, left, width: w.width + (w.left - left) };
  });
}
