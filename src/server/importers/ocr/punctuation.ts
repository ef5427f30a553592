/**
 * Full-width punctuation told by where it stands (issue 69). Tesseract's Chinese model has no （ ） ： ；: it reads them
 * as ( ) : ; — the same characters a document writes when it uses ASCII punctuation among Chinese (some do: 服务,服务周期,
 * 目标1:确保). Which one a page printed shows in the space it takes: a full-width mark fills a whole character's width,
 * its ink at one side of it — （ at its right, ） ： ； at its left — so a wide gap stands before （ and after ） ： ；,
 * where an ASCII mark has a narrow one.
 *
 * widenPunctuation finds, on a line of the page image, the pieces of ink that are brackets (tall, narrow, bowed) and
 * colons or semicolons (a dot over a dot or a comma), matches them in order with the line's ( ) : ; as read, and
 * measures the gap: wide makes the mark full-width, narrow keeps it. A mark whose gap cannot be measured (at the
 * start or end of a line) or whose ink was not found is left pending (a private-use character), and the document's
 * own usage — most of its measured marks full-width or not — settles it (settlePunctuation).
 */
import type { GrayImage } from './page-image';
import type { OcrWord } from './tesseract';

/** Private-use stand-ins for a mark whose width is not yet known. */
const PENDING: Readonly<Record<string, string>> = { '(': '\uE000', ')': '\uE001', ':': '\uE002', ';': '\uE003' };
const FULL: Readonly<Record<string, string>> = { '(': '（', ')': '）', ':': '：', ';': '；', '\uE000': '（', '\uE001': '）', '\uE002': '：', '\uE003': '；' };
const HALF: Readonly<Record<string, string>> = { '\uE000': '(', '\uE001': ')', '\uE002': ':', '\uE003': ';' };
const ASCII_MARK = /[():;]/;

const CHINESE = /[\u4e00-\u9fff]/;

/** How many marks a document's pages showed full-width and how many not. */
export interface MarkCount {
  full: number;
  half: number;
}

/** A piece of a line's ink between blank columns. */
interface Piece {
  left: number;
  right: number;
  kind: 'open' | 'close' | 'dots' | 'other';
}

/**
 * A gap at least this share of the line's height is a full-width mark's (measured 0.67–0.79 on 200 dpi prints); under
 * the lower share an ASCII mark's (0.10–0.21); between (an ASCII mark after a space: 0.28, 0.45) it cannot tell.
 */
const WIDE = 0.55;
const NARROW = 0.3;

/** The pieces of ink of a line (a box of the page), each told a bracket, a colon's dots or another. */
function piecesOf(image: GrayImage, line: { left: number; top: number; width: number; height: number }, ink: number): Piece[] {
  const top = Math.max(0, line.top - 1);
  const bottom = Math.min(image.height, line.top + line.height + 2);
  const left = Math.max(0, line.left - 2);
  const right = Math.min(image.width, line.left + line.width + 2);
  const h = bottom - top;
  const dark = (x: number, y: number) => image.data[y * image.width + x]! < ink;
  const inColumn = (x: number) => {
    for (let y = top; y < bottom; y++) if (dark(x, y)) return true;
    return false;
  };
  const pieces: Piece[] = [];
  let x = left;
  while (x < right) {
    while (x < right && !inColumn(x)) x++;
    if (x >= right) break;
    const a = x;
    while (x < right && inColumn(x)) x++;
    const b = x - 1;
    pieces.push({ left: a, right: b, kind: kindOf(a, b) });
  }
  return pieces;

  function kindOf(a: number, b: number): Piece['kind'] {
    const w = b - a + 1;
    if (w > 0.45 * h) return 'other';
    // the piece's rows with ink: where they start and end, and each row's middle
    const rows: { y: number; mid: number }[] = [];
    for (let y = top; y < bottom; y++) {
      let first = -1;
      let last = -1;
      for (let xx = a; xx <= b; xx++) {
        if (!dark(xx, y)) continue;
        if (first < 0) first = xx;
        last = xx;
      }
      if (first >= 0) rows.push({ y, mid: (first + last) / 2 - a });
    }
    if (rows.length === 0) return 'other';
    const span = rows[rows.length - 1]!.y - rows[0]!.y + 1;
    // a colon's or semicolon's dots: ink in two groups of rows, the upper one a small dot
    const groups: number[][] = [];
    for (const r of rows) {
      const g = groups[groups.length - 1];
      if (g !== undefined && r.y - g[g.length - 1]! <= 1) g.push(r.y);
      else groups.push([r.y]);
    }
    if (groups.length === 2 && span <= 0.8 * h && w <= 0.3 * h && groups[0]!.length <= 0.25 * h) return 'dots';
    // a bracket: nearly as tall as the line, bowed — its middle rows at one side, its ends at the other
    if (span < 0.7 * h || w < 2 || groups.length > 1) return 'other';
    const part = (from: number, to: number) => {
      const list = rows.slice(Math.floor(rows.length * from), Math.max(Math.floor(rows.length * from) + 1, Math.floor(rows.length * to)));
      return list.reduce((s, r) => s + r.mid, 0) / list.length;
    };
    const upper = part(0, 0.15);
    const middle = part(0.4, 0.6);
    const lower = part(0.85, 1);
    const bow = 0.22 * w;
    if (Math.abs(upper - lower) > 0.4 * w) return 'other';
    if (middle < upper - bow && middle < lower - bow) return 'open';
    if (middle > upper + bow && middle > lower + bow) return 'close';
    return 'other';
  }
}

/**
 * The words of one line (page pixels, in reading order) with their ( ) : ; made full-width where the gap beside them
 * on the page says so, kept where it says not, pending where it cannot tell; `count` gains the marks measured.
 */
export function widenPunctuation(image: GrayImage, words: readonly OcrWord[], ink: number, count: MarkCount): OcrWord[] {
  if (!words.some((w) => ASCII_MARK.test(w.text))) return [...words];
  const first = words[0]!;
  const line = { left: Math.min(...words.map((w) => w.left)), top: first.line.top, width: 0, height: first.line.height };
  line.width = Math.max(...words.map((w) => w.left + w.width), first.line.left + first.line.width) - line.left;
  const pieces = piecesOf(image, line, ink);
  const em = line.height;
  const of = (kind: Piece['kind']) => pieces.map((p, i) => ({ p, i })).filter(({ p }) => p.kind === kind);
  const found = { '(': of('open'), ')': of('close'), ':': of('dots'), ';': of('dots') };
  const marks = words.flatMap((w) => [...w.text].filter((c) => ASCII_MARK.test(c)));
  const wanted = { '(': marks.filter((c) => c === '(').length, ')': marks.filter((c) => c === ')').length, dots: marks.filter((c) => c === ':' || c === ';').length };
  const usable = { '(': found['('].length === wanted['('], ')': found[')'].length === wanted[')'], ':': found[':'].length === wanted.dots, ';': found[';'].length === wanted.dots };
  const next = { '(': 0, ')': 0, dots: 0 };
  const decide = (c: '(' | ')' | ':' | ';'): 'full' | 'half' | null => {
    const k = c === ':' || c === ';' ? next.dots++ : next[c]++;
    if (!usable[c]) return null;
    const { p, i } = found[c][k]!;
    const gap = c === '(' ? (i > 0 ? p.left - pieces[i - 1]!.right - 1 : null) : i < pieces.length - 1 ? pieces[i + 1]!.left - p.right - 1 : null;
    if (gap === null) return null;
    if (gap >= WIDE * em) return 'full';
    if (gap < NARROW * em) return 'half';
    return null;
  };
  const widths = marks.map((c) => decide(c as '(' | ')' | ':' | ';'));
  // a bracket pair is of one kind: a narrow gap beside either says ASCII (a wide one may be a space's), else a wide one full-width
  const open: number[] = [];
  marks.forEach((c, i) => {
    if (c === '(') open.push(i);
    if (c !== ')' || open.length === 0) return;
    const o = open.pop()!;
    const width = widths[o] === 'half' || widths[i] === 'half' ? 'half' : widths[o] ?? widths[i];
    widths[o] = widths[i] = width ?? null;
  });
  for (const width of widths) {
    if (width === 'full') count.full++;
    if (width === 'half') count.half++;
  }
  let k = 0;
  return words.map((w) => {
    if (!ASCII_MARK.test(w.text)) return w;
    let text = '';
    for (const c of w.text) {
      if (!ASCII_MARK.test(c)) {
        text += c;
        continue;
      }
      const width = widths[k++];
      text += width === 'full' ? FULL[c] : width === 'half' ? c : PENDING[c];
    }
    return { ...w, text };
  });
}

/**
 * A text's pending marks settled by the document's usage: full-width when most of its measured marks were, or when it
 * measured none and the mark stands beside a Chinese character; ASCII otherwise.
 */
export function settlePunctuation(text: string, count: MarkCount): string {
  if (!/[\uE000-\uE003]/.test(text)) return text;
  const chars = [...text];
  return chars
    .map((c, i) => {
      if (!(c in HALF)) return c;
      const full = count.full + count.half > 0 ? count.full > count.half : CHINESE.test(chars[i - 1] ?? '') || CHINESE.test(chars[i + 1] ?? '');
      return full ? FULL[c]! : HALF[c]!;
    })
    .join('');
}

export const hasPendingMarks = (text: string) => /[\uE000-\uE003]/.test(text);
