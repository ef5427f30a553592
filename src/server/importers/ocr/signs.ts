/**
 * Comparison signs told by their strokes (issue 69). Neither of tesseract's models (chi_sim, eng) has ≥ or ≤ in its
 * character set, so it can never read them: it gives 2, 三, =, < or > instead (≥85% as 285%, ≤100% as 三100%), often
 * with high confidence. The sign is drawn plainly, though: a chevron (> or <) over a bar (≥, ≤; two bars: ≧, ≦), a
 * chevron alone (>, <) or two bars (=). `signAt` looks at the first glyph of a word on the page image and says which
 * sign it is, or null when it is none of them (a digit such as 2, a letter, a character): the reader then corrects
 * the word (read-scan.ts), and the correction is kept as a doubt at its cell until a person confirms it.
 *
 * A glyph here is the ink from the word's left edge up to the first blank column; its rows are read as a person sees
 * the sign: rows where the ink runs across most of the glyph are bars, the others its chevron, whose ink leans to
 * the middle (>) or away from it (<). A 2 has a bar at its foot too, but its top is an arc across the glyph, not a
 * chevron's arm at one side.
 */
import type { GrayImage } from './page-image';
import type { OcrWord } from './tesseract';

/** A comparison sign as drawn. */
export type Sign = '≥' | '≤' | '>' | '<' | '=';

/** A region of the page image, in pixels. */
export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The sign a glyph is, with where it ends (pixels): the text after it starts right of `right`. */
export interface SignGlyph {
  sign: Sign;
  left: number;
  right: number;
}

/** A run of ink across the glyph's rows covering at least this share of its width is a bar. */
const BAR = 0.8;

/**
 * The sign drawn at the start of a line of text, or null when its first glyph is no sign. `line` is the line's box
 * (its height is the text's: a sign is at most as wide as the line is high); `from` the x where the word starts
 * (its first glyph is looked for from a little left of it, tesseract's box may cut a thin stroke); `ink` the
 * grey level below which a pixel is ink.
 */
export function signAt(image: GrayImage, line: PixelBox, from: number, ink: number): SignGlyph | null {
  const h = line.height;
  if (h < 8) return null;
  const top = Math.max(0, line.top - Math.round(h * 0.15));
  const bottom = Math.min(image.height, line.top + line.height + Math.round(h * 0.15));
  const start = Math.max(0, from - Math.round(h * 0.25));
  const end = Math.min(image.width, from + Math.round(h * 1.2));
  const dark = (x: number, y: number) => image.data[y * image.width + x]! < ink;
  const column = (x: number) => {
    let n = 0;
    for (let y = top; y < bottom; y++) if (dark(x, y)) n++;
    return n;
  };
  // the first glyph: the first columns with ink, up to a blank column
  let x0 = start;
  while (x0 < end && column(x0) === 0) x0++;
  if (x0 >= end) return null;
  let x1 = x0;
  while (x1 + 1 < end && column(x1 + 1) > 0) x1++;
  const w = x1 - x0 + 1;
  if (w < h * 0.25 || w > h * 0.95) return null;
  // its rows with ink
  let y0 = top;
  let y1 = bottom - 1;
  const inkIn = (y: number) => {
    let n = 0;
    for (let x = x0; x <= x1; x++) if (dark(x, y)) n++;
    return n;
  };
  while (y0 <= y1 && inkIn(y0) === 0) y0++;
  while (y1 >= y0 && inkIn(y1) === 0) y1--;
  const gh = y1 - y0 + 1;
  if (gh < h * 0.25 || gh > h * 1.05) return null;
  // each row: its ink's extent, its longest run, its middle
  interface Row {
    ink: number;
    first: number;
    last: number;
    longest: number;
    /** Runs of ink (a gap of one pixel joins two). */
    runs: number;
  }
  const rows: Row[] = [];
  for (let y = y0; y <= y1; y++) {
    let n = 0;
    let first = -1;
    let last = -1;
    let run = 0;
    let longest = 0;
    let runs = 0;
    for (let x = x0; x <= x1; x++) {
      if (dark(x, y)) {
        if (first < 0 || x - x0 - last > 2) runs++;
        n++;
        if (first < 0) first = x - x0;
        last = x - x0;
        run++;
        longest = Math.max(longest, run);
      } else run = 0;
    }
    rows.push({ ink: n, first, last, longest, runs });
  }
  const isBar = (r: Row) => r.longest >= BAR * w;
  // bars: runs of bar rows, each at most a quarter of the glyph high
  const bars: { from: number; to: number }[] = [];
  rows.forEach((r, i) => {
    if (!isBar(r)) return;
    const last = bars[bars.length - 1];
    if (last !== undefined && last.to === i - 1) last.to = i;
    else bars.push({ from: i, to: i });
  });
  if (bars.some((b) => b.to - b.from + 1 > Math.max(3, gh * 0.3))) return null;
  // a ≥ or ≤ whose bar is drawn slanted, parallel to the chevron's lower arm (Noto Sans CJK's): rows of its lower half
  // cross two strokes. Not told (it is no > or <): the target's shape is doubted instead (ocr-doubts.ts).
  if (bars.length === 0 && rows.filter((r, i) => i >= gh * 0.55 && r.runs >= 2).length >= 2) return null;
  const inBar = (i: number) => bars.some((b) => i >= b.from && i <= b.to);
  const stroke = rows.map((r, i) => ({ r, i })).filter(({ r, i }) => r.ink > 0 && !inBar(i));
  const glyph = { left: x0, right: x1 };
  // two bars and nothing else: =
  if (bars.length === 2 && stroke.length <= 1) return { sign: '=', ...glyph };
  // the chevron: the rows that are no bar, above the bars at the foot
  const footBars = bars.filter((b) => b.from >= gh * 0.55);
  const headBars = bars.filter((b) => b.from < gh * 0.55);
  if (headBars.length > 0) return null;
  const chevron = stroke.filter(({ i }) => footBars.length === 0 || i < footBars[0]!.from);
  if (chevron.length < Math.max(4, gh * 0.35)) return null;
  // a chevron is about as wide as it is high (a bracket, which leans the same way, is narrow)
  if (w < 0.6 * (chevron[chevron.length - 1]!.i - chevron[0]!.i + 1)) return null;
  const third = Math.max(1, Math.floor(chevron.length / 3));
  const middleOf = (part: typeof chevron) => part.reduce((s, { r }) => s + (r.first + r.last) / 2, 0) / part.length / w;
  const upper = middleOf(chevron.slice(0, third));
  const middle = middleOf(chevron.slice(third, chevron.length - third));
  const lower = middleOf(chevron.slice(chevron.length - third));
  // a row of a chevron crosses one stroke (its arms meet at its tip); a row of a 2's arc, a 3's or an 8's bowls two
  if (chevron.filter(({ r }) => r.runs === 1).length < 0.8 * chevron.length) return null;
  let sign: '>' | '<' | null = null;
  if (middle - upper >= 0.2 && middle - lower >= 0.2 && upper <= 0.45 && lower <= 0.45) sign = '>';
  else if (upper - middle >= 0.2 && lower - middle >= 0.2 && upper >= 0.55 && lower >= 0.55) sign = '<';
  if (sign === null) return null;
  if (footBars.length === 0) return { sign, ...glyph };
  return { sign: sign === '>' ? '≥' : '≤', ...glyph };
}

// ---------------------------------------------------------------------------------------------
// Words

/** Characters tesseract gives for a comparison sign it cannot read (≥1年 as S14 too). */
const STAND_IN = /^[<>=＜＞＝三二2zZS_]/;
/** A word that may begin with a sign: a stand-in before a number, a stand-in alone (the number its next word), or a number (the sign left out). */
const CANDIDATE = /^(?:[<>=＜＞＝三二2zZS_][^\d]{0,1}\d|\d|[<>=＜＞＝三二zZS_]$)/;
const DIGIT_FIRST = /^\d/;

/** A sign found at the start of a word: the rest of its line, right of the sign, to be read again without it. */
export interface SignFix {
  sign: Sign;
  word: OcrWord;
  /** The sign's glyph, in page pixels. */
  glyph: { left: number; right: number };
  /** The region right of the sign up to the end of the word's cell or text, in page pixels: read again alone. */
  rest: PixelBox;
}

/**
 * The words of a cell or of a page (in page pixels, in reading order) that begin with a sign tesseract read as
 * something else, with the region after each to read again: tesseract reads what follows a sign it cannot read
 * badly too (≥1场 as 214, ≥1个 as 21), and well without it (1场, 1个). `right(i)` is how far the text of
 * `words[i]` may reach (its cell's edge, the next word on its line).
 */
export function findSigns(image: GrayImage, words: readonly OcrWord[], right: (i: number) => number, ink: number, within?: PixelBox): SignFix[] {
  const fixes: SignFix[] = [];
  words.forEach((w, i) => {
    const next = words[i + 1];
    const alone = w.text.length === 1 && STAND_IN.test(w.text);
    if (!CANDIDATE.test(w.text) || (alone && !(next !== undefined && next.line.top === w.line.top && DIGIT_FIRST.test(next.text)))) return;
    const line = { left: w.line.left, top: w.line.top, width: w.line.width, height: Math.min(w.line.height, Math.round(w.height * 1.6)) };
    const found = signAt(image, line, w.left, ink);
    if (found === null) return;
    const first = w.text[0]!;
    // a sign tesseract read as itself, or a number with nothing drawn before it but the number's own first digit
    if (first === found.sign || (!STAND_IN.test(first) && found.right >= w.left + w.height * 0.2)) return;
    const top = Math.max(within?.top ?? 0, line.top - 3);
    const bottom = Math.min(within ? within.top + within.height : image.height, line.top + line.height + 3);
    const left = found.right + 2;
    const end = Math.min(image.width, right(i));
    if (end - left < 4 || bottom - top < 8) return;
    fixes.push({ sign: found.sign, word: w, glyph: { left: found.left, right: found.right }, rest: { left, top, width: end - left, height: bottom - top } });
  });
  return fixes;
}

const LATIN_END = /[A-Za-z0-9.,%]$/;
const LATIN_START = /^[A-Za-z0-9]/;

/** Words of one line as one text: a space only between Latin words. */
export function joinWords(words: readonly OcrWord[]): string {
  let text = '';
  for (const w of words) text += (text !== '' && LATIN_END.test(text) && LATIN_START.test(w.text) ? ' ' : '') + w.text;
  return text;
}

/**
 * The words with a sign put in: the words on the sign's line from the sign to the end of its region are replaced by
 * one word, the sign and the region's text as read again (`rest`, in page pixels; tesseract's first reading of
 * it when the second read no digit), remembering what tesseract read there first (OcrWord.read).
 */
export function applySign(words: readonly OcrWord[], fix: SignFix, rest: readonly OcrWord[]): OcrWord[] {
  const { word, glyph, rest: box } = fix;
  const middle = (w: OcrWord) => w.top + w.height / 2;
  const replaced = words.filter((w) => middle(w) >= box.top && middle(w) <= box.top + box.height && w.left + w.width > glyph.left - 2 && w.left < box.left + box.width);
  if (replaced.length === 0) return [...words];
  const first = joinWords(replaced);
  const after = rest.filter((w) => w.text.trim() !== '');
  const again = percentOf(joinWords(after), first);
  const text = /\d/.test(again) ? again : STAND_IN.test(first) ? first.slice(1) : first;
  const conf = /\d/.test(again) ? Math.min(...after.map((w) => w.conf)) : Math.min(...replaced.map((w) => w.conf));
  const right = Math.max(...replaced.map((w) => w.left + w.width), ...after.map((w) => w.left + w.width));
  const signed: OcrWord = { ...word, text: `${fix.sign}${text}`, left: glyph.left, width: right - glyph.left, conf, read: first };
  const at = words.indexOf(replaced[0]!);
  return [...words.slice(0, at).filter((w) => !replaced.includes(w)), signed, ...words.slice(at).filter((w) => !replaced.includes(w))];
}

/** A percent sign the Chinese model alone read as 9%6 or %6 (never a number's ending). */
export const noPercentSix = (text: string) => text.replace(/(\d)9%6(?!\d)/g, '$1%').replace(/(\d)%6(?!\d)/g, '$1%');

/**
 * The Chinese model alone reads a percent sign as 9% or 9%6 (85% as 859%6, 25% as 259%): a second reading so is
 * taken with its percent as the first reading (with English) had it, when their digits then agree.
 */
export function percentOf(again: string, first: string): string {
  const fixed = noPercentSix(again);
  if (!/9%/.test(fixed) || !first.includes('%')) return fixed;
  const digits = (t: string) => t.replace(/\D/g, '');
  const shorter = fixed.replace(/(\d)9%/g, '$1%');
  return digits(first).endsWith(digits(shorter)) && !digits(first).endsWith(digits(fixed)) ? shorter : fixed;
}
