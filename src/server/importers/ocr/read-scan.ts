/**
 * Scanned pages read by OCR (issue 56): an image file (PNG, JPEG, TIFF with its frames), several
 * images given as one document in order, and the image-only pages of a PDF (read-scanned-pdf.ts)
 * become the same PageContent the PDF reader builds from a text layer — text runs placed on the page
 * and ruling lines — so that the PDF reader's assembly (pdf/assemble.ts: lines, ruled and borderless
 * tables, tables over page breaks, page furniture) and everything after it read a scan as a print.
 *
 * Each page: decoded to grey under the pixel limit (page-image.ts), turned upright when tesseract's
 * orientation guess says it is upside down or on its side, straightened when skewed (up to 6°), its
 * ruling lines found and whitened, then recognised by tesseract (tesseract.ts) in a process of its
 * own under a time limit. Every word becomes a run keeping its confidence (TextRun.conf), which the
 * assembly carries to each cell's and paragraph's source location (SourceLocation.ocr: confidence,
 * page, box), so every value read keeps how sure the recognition was and where it stands.
 * Pages run side by side, one per core, each decoded only when its turn comes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, PageImage } from '../../../shared/domain/model';
import { DocumentReadError } from '../errors';
import { findTables, type PageContent, type Rule, type TextRun } from '../pdf/layout';
import { WIDE_CHARACTER } from '../../../shared/domain/text';
import { LOW_CONFIDENCE, OCR_LIMITS } from './ocr-limits';
import { despeckle, estimateSkew, findRules, grayPgm, grayPng, inkLevel, previewJpeg, rotateGray, type GrayImage } from './page-image';
import { alignColumns, borderlessCells } from './borderless-scan';
import { CHINESE, LATIN_AMONG_CHINESE } from './ocr-doubts';
import { applySign, findSigns, noPercentSix } from './signs';
import type { PlacedCorrection } from './source-mark';
import { hasPendingMarks, settlePunctuation, widenPunctuation, type MarkCount } from './punctuation';
import { orientation, recognise, type OcrWord } from './tesseract';

/** What was done to a page to read it, reported with the document. */
export interface PageFacts {
  /** The page's resolution in dots per inch (stated, rendered, or estimated from an A4 page's width). */
  dpi: number;
  /** Degrees it was turned to stand upright (0, 90, 180, 270). */
  turned: number;
  /** The skew straightened, in degrees. */
  skew: number;
  /** Specks taken out (a photocopy). */
  specks: boolean;
  words: number;
  /** Words below LOW_CONFIDENCE. */
  unsure: number;
  /** The page's mean word confidence. */
  confidence: number;
}

/** A page to recognise: its pixels when its turn comes, and how big a pixel is. */
export interface ScanJob {
  /** The page's number in the document (1-based). */
  number: number;
  /** `第3页` or `图像 b.png`: the page in messages. */
  what: string;
  decode: () => Promise<GrayImage>;
  /** Resolution of the pixels (dots per inch); null: unknown (a photo), taken as an A4 page's width. */
  dpi: number | null;
}

/** Time left of a document's OCR budget. */
export class Deadline {
  private readonly end: number;
  constructor(private readonly seconds: number = OCR_LIMITS.documentSeconds) {
    this.end = Date.now() + seconds * 1000;
  }
  /** Seconds a page may still take: the page limit, or what is left of the document's. */
  pageSeconds(file: string): number {
    const left = Math.floor((this.end - Date.now()) / 1000);
    if (left <= 0) throw new DocumentReadError(file, null, `超过限制：文字识别总时长超过 ${this.seconds} 秒，已停止（扫描页数过多或图像异常），未导入`);
    return Math.min(OCR_LIMITS.pageSeconds, left);
  }
}

/** Progress of a document's recognition: pages done of pages to do. */
export type OcrProgress = (done: number, total: number) => void;

/** How a scan is read: its progress told, its pages kept as images for the preview, its time. */
export interface OcrOptions {
  onProgress?: OcrProgress;
  /** Keep every recognised page as an image (ReadResult.pageImages: the import preview's). */
  pageImages?: boolean;
  /** Seconds the whole document may take (default OCR_LIMITS.documentSeconds; the server's upload may give less). */
  seconds?: number;
}

/** How wide (pixels) a page's image is in the import preview. */
export const PAGE_IMAGE_WIDTH = 1000;

/** Width of an A4 page in points, portrait and landscape: a photo's pixels are mapped onto it. */
const A4 = { short: 595.28, long: 841.89 };

/** Words that are noise, not text: specks and rule remnants read as marks, with little confidence. */
const NOISE = /^[|_\-—~'"`.,:;!丨一\\/]+$/;

/** Recognises pages, up to one per core at a time; the result in the pages' order. */
export async function recognisePages(jobs: readonly ScanJob[], file: string, opts: OcrOptions = {}, deadline = new Deadline(opts.seconds)): Promise<RecognisedPage[]> {
  const results: RecognisedPage[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  opts.onProgress?.(0, jobs.length);
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await recognisePage(jobs[i]!, file, deadline, opts.pageImages === true);
      opts.onProgress?.(++done, jobs.length);
    }
  };
  const lanes = Math.max(1, Math.min(availableParallelism(), jobs.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return results;
}

/** A page recognised: its text runs and rules, what was done to read it, the words it corrected, and its image when asked for. */
export interface RecognisedPage {
  page: PageContent;
  facts: PageFacts;
  /** Words corrected (a comparison sign told by its strokes), where they stand: noted for the assembly (source-mark.ts). */
  corrections: PlacedCorrection[];
  /** The punctuation marks whose width the page showed (punctuation.ts): the document's usage settles the others. */
  marks: MarkCount;
  image?: PageImage;
}

/** A page read as it stands: straightened, its rules found, its words recognised (in the pixels of `image`). */
interface Reading {
  image: GrayImage;
  skew: number;
  specks: boolean;
  rules: Rule[];
  words: OcrWord[];
  /** The punctuation marks whose width the page showed. */
  marks: MarkCount;
}

async function readAsItStands(decoded: GrayImage, dpi: number, job: ScanJob, file: string, deadline: Deadline): Promise<Reading> {
  const despeckled = await despeckle(decoded, file, job.what);
  let image = despeckled.image;
  const skew = estimateSkew(image);
  if (Math.abs(skew) >= 0.1) image = await rotateGray(image, -skew, file, job.what);
  const scale = 72 / dpi;
  const { rules, cleaned } = findRules(image, dpi, scale);
  const regions = cellRegions({ number: job.number, width: image.width * scale, height: image.height * scale, runs: [], rules }, scale, cleaned);
  let marks: MarkCount = { full: 0, half: 0 };
  let words = await recogniseRegions(cleaned, regions, dpi, file, job.what, deadline, marks);
  // an indicator table without rules among the text outside the ruled ones: its lines cut at its columns, read as cells
  const borderless = borderlessCells(cleaned, words.filter((w) => w.cell !== true), inkLevel(cleaned));
  if (borderless.length > 0) {
    marks = { full: 0, half: 0 };
    words = await recogniseRegions(cleaned, [...regions, ...borderless], dpi, file, job.what, deadline, marks, regions.length);
    // a piece read as nothing (a short line alone, 象满意, at times): its words from its whole line read again
    const inside = (w: OcrWord, b: Box) => w.left + w.width / 2 >= b.left && w.left + w.width / 2 < b.left + b.width && w.top + w.height / 2 >= b.top && w.top + w.height / 2 < b.top + b.height;
    const missed = borderless.filter((b) => !words.some((w) => w.cell === true && inside(w, b)));
    const lines = [...new Map(missed.map((b) => [`${b.top}:${b.height}`, lineOf(borderless, b)])).values()];
    const again = (await readBoxes(cleaned, lines, dpi, file, job.what, deadline)).flat();
    // still nothing: the line is kept, its text marked unread (〓, typesetting's mark of a character not to be had, with
    // confidence 0: a doubt at its cell, 有文字未能识别), so that no line of the table is lost silently
    const unreadMark = (b: Box): OcrWord => ({ text: '〓', left: b.left, top: b.top, width: b.height, height: b.height, conf: 0, line: { ...b }, image: 1, cell: true });
    words = [...words, ...missed.flatMap((b) => {
      const found = again.filter((w) => inside(w, b)).map((w) => ({ ...w, cell: true }));
      return found.length > 0 ? found : [unreadMark(b)];
    })];
    words = alignColumns(words, borderless);
  }
  return { image, skew, specks: despeckled.specks, rules, words, marks };
}

/**
 * Whether a page's words say it may not stand upright: read upside down, tesseract's words are mostly unsure; turned on
 * its side, it reads the lines as vertical text, its words of several characters taller than wide.
 */
function mayBeTurned(words: readonly OcrWord[]): boolean {
  if (words.length < 8) return words.length === 0;
  const mean = words.reduce((s, w) => s + w.conf, 0) / words.length;
  const long = words.filter((w) => [...w.text].length >= 2);
  const upright = long.filter((w) => w.height > 1.5 * w.width).length;
  return mean < 60 || (long.length >= 4 && upright > long.length / 2);
}

async function recognisePage(job: ScanJob, file: string, deadline: Deadline, keepImage: boolean): Promise<RecognisedPage> {
  const decoded = await job.decode();
  const landscape = decoded.width > decoded.height;
  // a photo's pixels mapped onto an A4 page's width; the dpi it then has
  let dpi = job.dpi ?? Math.round((decoded.width / (landscape ? A4.long : A4.short)) * 72);
  let read = await readAsItStands(decoded, dpi, job, file, deadline);
  // Upright: a page read as it stands whose words say it may be turned is asked of tesseract's orientation guess (on a
  // smaller copy: enough for it, and quick), and read again turned. The guess costs as much as reading a page: an
  // upright page is spared it.
  let turned = 0;
  if (mayBeTurned(read.words)) {
    const osd = await orientation(await grayPng(decoded, 1400), file, deadline.pageSeconds(file));
    turned = osd.confidence >= 1.5 ? osd.rotate : 0;
    if (turned !== 0) {
      if (job.dpi === null && (turned === 90 || turned === 270)) dpi = Math.round((decoded.height / (landscape ? A4.short : A4.long)) * 72);
      read = await readAsItStands(await rotateGray(decoded, turned, file, job.what), dpi, job, file, deadline);
    }
  }
  const { image, skew, specks, rules } = read;
  const scale = 72 / dpi;
  const width = image.width * scale;
  const height = image.height * scale;
  // the page as recognised (upright, straight), for the preview: the OCR marks' boxes fall on it
  const shown = keepImage ? { page: job.number, width: Math.round(width * 10) / 10, height: Math.round(height * 10) / 10, src: await previewJpeg(image, PAGE_IMAGE_WIDTH) } : undefined;
  const kept = read.words.filter((w) => !(w.conf < 40 && NOISE.test(w.text)));
  const runs = runsOf(kept, scale);
  const corrections = kept.flatMap((w): PlacedCorrection[] =>
    w.read === undefined ? [] : [{ read: w.read, as: w.text, by: 'sign', x0: w.left * scale, top: w.line.top * scale, x1: (w.left + w.width) * scale, bottom: (w.line.top + w.line.height) * scale }],
  );
  const unsure = runs.filter((r) => (r.conf ?? 100) < LOW_CONFIDENCE).length;
  const confidence = runs.length === 0 ? 0 : runs.reduce((s, r) => s + (r.conf ?? 0), 0) / runs.length;
  return {
    page: { number: job.number, width, height, runs, rules },
    facts: { dpi, turned, skew, specks, words: runs.length, unsure, confidence: Math.round(confidence * 10) / 10 },
    corrections,
    marks: read.marks,
    ...(shown ? { image: shown } : {}),
  };
}

/**
 * Latin letters among Chinese in the words of a reading (ocr-doubts.ts), a unit after a number (km, kWh) aside. `among`:
 * the words the Chinese is looked for in (a cell's: a line of Latin letters alone in a cell of Chinese, 预算规模及资 |
 * SAE for 预算规模及资金用途).
 */
const UNIT_AFTER_NUMBER = /\d\s*(?:km|kg|kW|kWh|MW|GB|TB|m2|M|m|t|h)$/;
function latinAmongChinese(words: readonly OcrWord[], among: readonly OcrWord[] = words): boolean {
  if (!among.some((w) => CHINESE.test(w.text))) return false;
  return words.some((w) => LATIN_AMONG_CHINESE.test(w.text) && !UNIT_AFTER_NUMBER.test(w.text));
}

/** Whether a second reading (the Chinese model alone) reads Chinese where the first read Latin letters, surely enough. */
function lessLatin(again: readonly OcrWord[], first: readonly OcrWord[], among: readonly OcrWord[] = first): boolean {
  return again.length > 0 && latinAmongChinese(first, among) && !latinAmongChinese(again) && Math.min(...again.map((w) => w.conf)) >= 70;
}

/** The mark a cell's text gets when no reading gave a word of it (□, as a transcription marks an illegible character). */
export const UNREAD = '□';

const median = (xs: readonly number[]): number | undefined => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The confidence given to a line whose ink is much wider than its text: under LOW_CONFIDENCE, a doubt at its cell. */
const OVERRUN_CONFIDENCE = 30;

/**
 * Whether a line's box (tesseract's, around all its ink) is much wider than its text takes (a Chinese character as
 * wide as the line is high, another about half): a third wider and a character more. Measured on prints, a line read
 * whole fits within 0.8–1.2 of its text.
 */
function overrun(line: readonly OcrWord[]): boolean {
  const box = line[0]!.line;
  const text = line.map((w) => w.text).join('');
  const ems = advance(text) * box.height;
  return box.width > 1.33 * ems && box.width - ems > box.height;
}

/** Words by the line tesseract put them in, in reading order. */
function linesOf(words: readonly OcrWord[]): OcrWord[][] {
  const byLine = new Map<string, OcrWord[]>();
  for (const w of words) {
    const key = `${w.image}:${w.line.left},${w.line.top},${w.line.width},${w.line.height}`;
    (byLine.get(key) ?? byLine.set(key, []).get(key)!).push(w);
  }
  return [...byLine.values()];
}

/** Whether a reading of a cell is surer than another: its least sure word surer (a word's confidence is that of all its characters). */
const surer = (a: readonly OcrWord[], b: readonly OcrWord[]) => a.length > 0 && Math.min(...a.map((w) => w.conf)) > Math.min(...b.map((w) => w.conf), 100);

/** A region of the page image, in pixels. */
interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The cells of the page's ruled tables (the PDF reader's own grid of the rules, pdf/layout.ts), in
 * pixels, each a merged cell's whole area, a little inside its rules; only those with ink in them.
 */
function cellRegions(page: PageContent, scale: number, image: GrayImage): Box[] {
  const out: Box[] = [];
  const px = (pt: number) => Math.round(pt / scale);
  for (const grid of findTables(page).tables) {
    grid.rows.forEach((row, r) => {
      for (const cell of row) {
        if (cell.mergedFromAbove) continue;
        let last = r;
        while (grid.rows[last + 1]?.some((c) => c.col === cell.col && c.mergedFromAbove)) last++;
        const inset = 3;
        const left = px(grid.xs[cell.col]!) + inset;
        const right = px(grid.xs[cell.col + cell.span]!) - inset;
        const top = px(grid.ys[r]!) + inset;
        const bottom = px(grid.ys[last + 1]!) - inset;
        const box = { left: Math.max(0, left), top: Math.max(0, top), width: Math.min(image.width, right) - Math.max(0, left), height: Math.min(image.height, bottom) - Math.max(0, top) };
        if (box.width >= 8 && box.height >= 8 && inked(image, box)) out.push(box);
      }
    });
  }
  return out;
}

/**
 * Whether a cell has a line of ink that no word read covers (tesseract leaves out a short last line at
 * times: 接受补贴社区工作者 without its 满意度): rows with ink, as high as a small character, under or
 * over every word's box. `words` are in the cell image's pixels (its margin around the region).
 */
function unread(image: GrayImage, box: Box, words: readonly OcrWord[], margin: number): boolean {
  const covered = new Uint8Array(box.height);
  for (const w of words) for (let y = Math.max(0, w.top - margin - 3); y < Math.min(box.height, w.top - margin + w.height + 3); y++) covered[y] = 1;
  let run = 0;
  const tall = Math.max(6, Math.round(box.height / 12));
  for (let y = 0; y < box.height; y++) {
    let dark = 0;
    const row = (box.top + y) * image.width;
    for (let x = box.left; x < box.left + box.width; x++) if (image.data[row + x]! < 128) dark++;
    run = dark >= 3 && covered[y] === 0 ? run + 1 : 0;
    if (run >= tall) return true;
  }
  return false;
}

/**
 * Bands of the page (outside the tables: `image` has its cells whitened) with a line of ink that no word read covers:
 * rows with ink, as high as a small character at least and a few lines at most, under or over every word's box, each
 * cut to its ink. Specks (a photocopy's) are too few a row or too low to count.
 */
function unreadBands(image: GrayImage, words: readonly OcrWord[], ink: number): Box[] {
  const covered = new Uint8Array(image.height);
  for (const w of words) for (let y = Math.max(0, w.top - 3); y < Math.min(image.height, w.top + w.height + 3); y++) covered[y] = 1;
  const heights = words.map((w) => w.line.height).sort((a, b) => a - b);
  const usual = heights[Math.floor(heights.length / 2)] ?? 30;
  const tall = Math.max(8, Math.round(usual * 0.5));
  const bands: Box[] = [];
  let from = -1;
  const close = (to: number) => {
    if (from >= 0 && to - from >= tall && to - from <= usual * 4) {
      const box = toInk(image, { left: 0, top: from, width: image.width, height: to - from });
      if (box.width >= usual) bands.push(box);
    }
    from = -1;
  };
  for (let y = 0; y < image.height; y++) {
    let dark = 0;
    const row = y * image.width;
    for (let x = 0; x < image.width; x++) if (image.data[row + x]! < ink) dark++;
    if (dark >= 4 && covered[y] === 0) {
      if (from < 0) from = y;
    } else close(y);
  }
  close(image.height);
  return bands;
}

/**
 * A cell's region cut to its ink, a few pixels around it: tesseract reads a short line alone in a tall cell as nothing
 * at times (群众满意度 in a cell three lines high gave no word, the same line cut to its ink was read). Not the first
 * reading's: cut so, a line that starts with a flat stroke is read wrongly at times (一级指标 as -级指标).
 */
function toInk(image: GrayImage, box: Box): Box {
  let top = box.top + box.height;
  let bottom = box.top - 1;
  let left = box.left + box.width;
  let right = box.left - 1;
  for (let y = box.top; y < box.top + box.height; y++) {
    const row = y * image.width;
    for (let x = box.left; x < box.left + box.width; x++) {
      if (image.data[row + x]! >= 128) continue;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      if (x < left) left = x;
      if (x > right) right = x;
    }
  }
  if (bottom < top) return box;
  const pad = 3;
  const l = Math.max(box.left, left - pad);
  const t = Math.max(box.top, top - pad);
  return { left: l, top: t, width: Math.min(box.left + box.width, right + pad + 1) - l, height: Math.min(box.top + box.height, bottom + pad + 1) - t };
}

/** Whether a region holds some ink (a few dozen dark pixels): an empty cell is not recognised. */
function inked(image: GrayImage, box: Box): boolean {
  let dark = 0;
  for (let y = box.top; y < box.top + box.height; y += 2) {
    const row = y * image.width;
    for (let x = box.left; x < box.left + box.width; x += 2) if (image.data[row + x]! < 128 && ++dark >= 12) return true;
  }
  return false;
}

/** The whole line of a borderless table a piece of it stands in: its pieces on the same rows, left to right. */
function lineOf(pieces: readonly Box[], piece: Box): Box {
  const row = pieces.filter((b) => b.top === piece.top && b.height === piece.height);
  const left = Math.min(...row.map((b) => b.left));
  return { left, top: piece.top, width: Math.max(...row.map((b) => b.left + b.width)) - left, height: piece.height };
}

/** Regions of the page recognised as they are (one tesseract run, a block of lines each, with a white margin), their words in page pixels. */
async function readBoxes(image: GrayImage, boxes: readonly Box[], dpi: number, file: string, what: string, deadline: Deadline): Promise<OcrWord[][]> {
  if (boxes.length === 0) return [];
  const MARGIN = 12;
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-ocr-line-'));
  try {
    const paths = await Promise.all(
      boxes.map(async (b, i) => {
        const path = join(dir, `line-${i}.pgm`);
        await writeFile(path, grayPgm(image, b, MARGIN));
        return path;
      }),
    );
    const read = await recognise(paths, 6, 'chi_sim+eng', dpi, file, what, deadline.pageSeconds(file));
    return read.map((list, i) => {
      const b = boxes[i]!;
      return list.map((w) => ({ ...w, left: w.left + b.left - MARGIN, top: w.top + b.top - MARGIN, line: { ...w.line, left: w.line.left + b.left - MARGIN, top: w.line.top + b.top - MARGIN } }));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Recognises a page in runs of tesseract: the text outside the tables as a page (the cells
 * whitened), and every cell as an image of its own (a block of lines, with a white margin), so that
 * a cell's text is never read across into its neighbour's; the cells read with little confidence once
 * more. The words come back in page pixels. `ruled`: how many of `cells` are ruled cells (the rest, pieces of a
 * borderless table's lines, get no unread mark).
 */
async function recogniseRegions(image: GrayImage, cells: readonly Box[], dpi: number, file: string, what: string, deadline: Deadline, marks: MarkCount, ruled = cells.length): Promise<OcrWord[]> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-ocr-page-'));
  try {
    const outside = Buffer.from(image.data);
    for (const c of cells) for (let y = c.top; y < c.top + c.height; y++) outside.fill(255, y * image.width + c.left, y * image.width + c.left + c.width);
    const outsideImage: GrayImage = { data: outside, width: image.width, height: image.height };
    const pagePath = join(dir, 'page.pgm');
    await writeFile(pagePath, grayPgm(outsideImage));
    const MARGIN = 12;
    /**
     * Regions of the page (or of `from`: the page with its cells whitened) as images of their own (PGM: the same pixels
     * as a PNG, without its compression), with a white margin; black and white at `threshold` when given.
     */
    const crop = (boxes: readonly Box[], name: string, threshold?: number, from = image) =>
      Promise.all(
        boxes.map(async (c, i) => {
          const path = join(dir, `${name}-${i}.pgm`);
          await writeFile(path, grayPgm(from, c, MARGIN, threshold));
          return path;
        }),
      );
    const cellPaths = await crop(cells, 'cell');
    // The text outside the tables by the Chinese model alone: with English beside it, it reads （二） as (=) and （四） as
    // (PY) at times; the cells with both (without English a percent sign is read as 9%6: 25% as 259%6).
    const pageWords = ((await recognise([pagePath], 3, 'chi_sim', dpi, file, what, deadline.pageSeconds(file)))[0] ?? []).map((w) => ({ ...w, text: noPercentSix(w.text) }));
    const cellWords = await recognise(cellPaths, 6, 'chi_sim+eng', dpi, file, what, deadline.pageSeconds(file));
    const shift = (w: OcrWord, c: Box, cell = true): OcrWord => ({
      ...w,
      cell,
      left: w.left + c.left - MARGIN,
      top: w.top + c.top - MARGIN,
      line: { ...w.line, left: w.line.left + c.left - MARGIN, top: w.line.top + c.top - MARGIN },
    });
    let text = pageWords;
    const inCells = cellWords.map((list, i) => list.map((w) => shift(w, cells[i]!)));
    // Read again by the Chinese model alone, the surer reading kept: a cell with a line of ink no word covers (the whole
    // cell), and a line (of a cell, or of the text outside the tables) read with little confidence or with Latin letters
    // among Chinese (issue 69: 工程 as Ae程, 社工 as tt; kept when the Chinese model reads Chinese there surely enough).
    // With English beside it a short Chinese line is read as Latin letters at times (金用途 as SAE), without it a percent
    // sign as 9 (25% as 259).
    const whole = cellWords.flatMap((list, i) => (unread(image, cells[i]!, list, MARGIN) ? [i] : []));
    /** The usual height of a line of the cells (pixels): a line of text at 10.5 pt when the cells gave none. */
    const lineHeight = median(cellWords.flat().map((w) => w.line.height)) ?? (10.5 / 72) * dpi * 1.2;
    const lines = [
      ...linesOf(pageWords).map((words) => ({ words, cell: null as number | null })),
      ...inCells.flatMap((list, i) => (whole.includes(i) ? [] : linesOf(list).map((words) => ({ words, cell: i as number | null })))),
    ].filter(({ words, cell }) => words.some((w) => w.conf < LOW_CONFIDENCE) || latinAmongChinese(words, cell === null ? words : inCells[cell]!));
    const lineBoxes = lines.map(({ words: { 0: w }, cell }) => {
      const within = cell === null ? { left: 0, top: 0, width: image.width, height: image.height } : cells[cell]!;
      const left = Math.max(within.left, w!.line.left - 4);
      const top = Math.max(within.top, w!.line.top - 4);
      return { left, top, width: Math.min(within.left + within.width, w!.line.left + w!.line.width + 4) - left, height: Math.min(within.top + within.height, w!.line.top + w!.line.height + 4) - top };
    });
    // Comparison signs tesseract cannot read (≥, ≤: signs.ts), told by their strokes; what follows each is read again without it.
    const ink = inkLevel(image);
    const cellSigns = inCells.map((list, i) => {
      const c = cells[i]!;
      return findSigns(image, list, () => c.left + c.width, ink, c);
    });
    const pageSigns = findSigns(image, pageWords, (i) => {
      const w = pageWords[i]!;
      const next = pageWords[i + 1];
      return next !== undefined && next.line.top === w.line.top && next.left > w.left ? next.left - 2 : w.line.left + w.line.width + 4;
    }, ink);
    const signs = [...cellSigns.flat(), ...pageSigns];
    // (the Chinese model alone reads a percent sign as 9%6 at times: never a number's ending)
    // Lines of the text outside the tables that the page's reading has no word of (a title in a larger type, 2.城管人员工资
    // 绩效目标表 over its table: tesseract's page layout found no text there), read again as a block of their own.
    const bands = unreadBands(outsideImage, pageWords, ink);
    // a cell read again whole is cut to its ink (a short line alone in a tall cell is read as nothing at times), and
    // made black and white at the page's ink level: a short line of thin grey strokes (a scan rendered again, a
    // photocopy's blur) gave no word in grey, and its own words in black and white (满意度 alone in a cell three lines high)
    const inked = whole.map((i) => toInk(image, cells[i]!));
    const again = (
      await recognise(
        [...(await crop(inked, 'ink', ink)), ...(await crop(lineBoxes, 'line')), ...(await crop(signs.map((f) => f.rest), 'sign'))],
        6,
        'chi_sim',
        dpi,
        file,
        what,
        deadline.pageSeconds(file),
      )
    ).map((list) => list.map((w) => ({ ...w, text: noPercentSix(w.text) })));
    whole.forEach((i, k) => {
      const second = again[k]!;
      const first = cellWords[i]!;
      const secondBetter = surer(second, first) || !unread(image, inked[k]!, second, MARGIN) || lessLatin(second, first);
      const box = secondBetter ? inked[k]! : cells[i]!;
      let words = secondBetter ? second : first;
      // text in the cell that neither reading has: the reading is incomplete, and says so by a confidence of 0
      if (unread(image, box, words, MARGIN)) words = words.map((w) => ({ ...w, conf: 0 }));
      inCells[i] = words.map((w) => shift(w, box));
    });
    // (the pieces of a borderless table's lines after the ruled cells are not: a piece read as nothing has its whole line
    // read again by recognisePage)
    await readEmptyCells(whole.filter((i) => inCells[i]!.length === 0 && i < ruled), inked);
    lines.forEach(({ words, cell }, k) => {
      const read = again[whole.length + k]!;
      if (!surer(read, words) && !lessLatin(read, words, cell === null ? words : inCells[cell]!)) return;
      const put = read.map((w) => shift(w, lineBoxes[k]!, cell !== null));
      if (cell === null) text = [...text.filter((w) => !words.includes(w)), ...put];
      else inCells[cell] = [...inCells[cell]!.filter((w) => !words.includes(w)), ...put];
    });
    /**
     * Cells with ink that neither reading gave a word of: a line of ink read once more as a raw line (`--psm 13`, black and
     * white: tesseract's layout analysis finds no text in a short line at times — 满意度 alone in a cell, whose same
     * pixels it reads as a raw line), and a cell still unread given an unread mark (□, as a transcription marks an
     * illegible character) with no confidence: its cell is doubted (有文字未能识别) instead of read as empty.
     */
    async function readEmptyCells(empty: readonly number[], boxes: readonly Box[]): Promise<void> {
      if (empty.length === 0) return;
      const inks = empty.map((i) => boxes[whole.indexOf(i)]!);
      const oneLine = empty.flatMap((_, k) => (inks[k]!.height <= 1.6 * lineHeight ? [k] : []));
      const raw = await recognise(await crop(oneLine.map((k) => inks[k]!), 'raw', ink), 13, 'chi_sim', dpi, file, what, deadline.pageSeconds(file));
      empty.forEach((i, k) => {
        const at = oneLine.indexOf(k);
        const read = (at < 0 ? [] : raw[at]!).map((w) => ({ ...w, text: noPercentSix(w.text) })).filter((w) => w.text.trim() !== '');
        const box = inks[k]!;
        if (read.length > 0) {
          inCells[i] = read.map((w) => shift(w, box));
          return;
        }
        if (box.height < 0.5 * lineHeight || box.width < 0.5 * lineHeight) return;
        const line = { left: box.left, top: box.top, width: box.width, height: Math.min(box.height, lineHeight) };
        inCells[i] = [{ text: UNREAD, conf: 0, ...line, line, image: 0, cell: true }];
      });
    }
    const restOf = (k: number) => (again[whole.length + lines.length + k] ?? []).map((w) => shift(w, signs[k]!.rest, signs[k]!.word.cell === true));
    let k = 0;
    cellSigns.forEach((fixes, i) => {
      for (const fix of fixes) inCells[i] = applySign(inCells[i]!, fix, restOf(k++));
    });
    for (const fix of pageSigns) text = applySign(text, fix, restOf(k++));
    // each band a line of its own (--psm 7: as a block, a title in a larger type was read as two lines, 城管人员 | 管人员工资…)
    const bandWords = await recognise(await crop(bands, 'band', undefined, outsideImage), 7, 'chi_sim', dpi, file, what, deadline.pageSeconds(file));
    bands.forEach((band, b) => {
      const read = (bandWords[b] ?? []).map((w) => ({ ...w, text: noPercentSix(w.text) })).filter((w) => w.text.trim() !== '');
      text = [...text, ...read.map((w) => shift(w, band, false))];
    });
    // a line whose ink runs on well past its text (characters left out: 居民群众满意度 read as 居民群众度) is unsure
    const fit = (list: OcrWord[]) => linesOf(list).flatMap((line) => (overrun(line) ? line.map((w) => ({ ...w, conf: Math.min(w.conf, OVERRUN_CONFIDENCE) })) : line));
    text = fit(text);
    inCells.forEach((list, i) => (inCells[i] = fit(list)));
    // ( ) : ; full-width or not by the gaps beside them (punctuation.ts)
    const widen = (list: readonly OcrWord[]) => linesOf(list).flatMap((line) => widenPunctuation(image, line, ink, marks));
    return [...widen(text), ...inCells.flatMap(widen)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The words as text runs in page points. Tesseract's boxes of Chinese words are often narrower than
 * the characters (the box of the first character only), so the words of one of its lines that follow
 * each other closely (a gap under a line's height; in a table's cell, recognised alone, all) are one run, from the first word's left to the last
 * one's right, with the least confidence of its words; a space stays between Latin words. A word's own
 * box is its ink (三 is three strokes, a few pixels high), so its height and baseline are its line's: the
 * words of a line then share a baseline and a size, as a text layer's do; a line lower than the page's usual one (digits,
 * Latin letters) is taken as high as the usual one from its foot, as a text layer's line of digits is as high as one of
 * Chinese characters (the spacing of a cell's lines then tells a wrap as a print's does). A "line" much taller than the
 * page's usual one (several lines taken as one block) gives its words the usual height around their own
 * middle instead.
 */
function runsOf(words: readonly OcrWord[], scale: number): TextRun[] {
  const heights = words.map((w) => w.line.height).sort((a, b) => a - b);
  const usual = heights[Math.floor(heights.length / 2)] ?? 0;
  const sameLine = (a: OcrWord, b: OcrWord) => a.image === b.image && a.line.left === b.line.left && a.line.top === b.line.top && a.line.width === b.line.width;
  const groups: OcrWord[][] = [];
  for (const w of words) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (last !== undefined && sameLine(last, w) && (w.cell === true || w.left - (last.left + last.width) < Math.max(last.line.height, usual))) group!.push(w);
    else groups.push([w]);
  }
  return groups.map((group, k) => {
    const first = group[0]!;
    const own = first.line.height <= 1.6 * usual;
    const middle = first.top + first.height / 2;
    // a line of digits or Latin letters is lower than one of Chinese characters: as high as the usual line, from its foot
    const lineBottom = first.line.top + first.line.height;
    const top = (own ? Math.min(first.line.top, lineBottom - usual) : middle - usual / 2) * scale;
    const bottom = (own ? lineBottom : middle + usual / 2) * scale;
    const size = Math.max(1, (bottom - top) * 0.9);
    let text = first.text;
    for (let i = 1; i < group.length; i++) text += (LATIN_END.test(group[i - 1]!.text) && LATIN_START.test(group[i]!.text) ? ' ' : '') + group[i]!.text;
    // as wide as its characters at least (a CJK character is as wide as its line is high), up to the next run of its line
    const next = groups[k + 1]?.[0];
    const limit = next !== undefined && sameLine(group[group.length - 1]!, next) ? next.left - 1 : Infinity;
    const right = Math.max(...group.map((w) => w.left + w.width), Math.min(limit, first.left + advance(text) * 0.95 * (own ? first.line.height : usual)));
    const conf = Math.min(...group.map((w) => w.conf));
    return { text, x0: first.left * scale, x1: right * scale, top, bottom, baseline: bottom, size, rotated: false, conf: Math.round(conf * 10) / 10 };
  });
}

/** A text's width in ems: a CJK or full-width character one, another about half. */
const advance = (text: string) => [...text].reduce((w, c) => w + (WIDE_CHARACTER.test(c) ? 1 : 0.55), 0);

const LATIN_END = /[A-Za-z0-9.,%]$/;
const LATIN_START = /^[A-Za-z0-9]/;

/**
 * The pages' punctuation marks whose width no page showed (at the start or end of a line) settled, in place, by the
 * document's usage: full-width when most of its measured marks were (punctuation.ts). Before the pages are assembled.
 */
export function settleMarks(pages: readonly RecognisedPage[]): void {
  const count = pages.reduce((c, p) => ({ full: c.full + p.marks.full, half: c.half + p.marks.half }), { full: 0, half: 0 });
  for (const p of pages) {
    for (const run of p.page.runs) if (hasPendingMarks(run.text)) run.text = settlePunctuation(run.text, count);
    for (const c of p.corrections) {
      c.as = settlePunctuation(c.as, count);
      c.read = settlePunctuation(c.read, count);
    }
  }
}

/** The document's OCR in words: one info per page (resolution, turn, skew, words, unsure words), for the preview and `parse`. */
export function ocrDiagnostics(pages: readonly RecognisedPage[]): Diagnostic[] {
  return pages.map(({ page, facts }) => {
    const parts = [`约 ${facts.dpi} dpi`];
    if (facts.turned !== 0) parts.push(`已旋转 ${facts.turned}°`);
    if (facts.skew !== 0) parts.push(`已纠正倾斜 ${Math.abs(facts.skew).toFixed(1)}°`);
    if (facts.specks) parts.push('已去除噪点');
    parts.push(`识别 ${facts.words} 个词，平均置信度 ${facts.confidence.toFixed(0)}`, `低置信度 ${facts.unsure} 个`);
    return { severity: 'info', code: 'ocr.page', message: `第${page.number}页由扫描图像文字识别（OCR）：${parts.join('，')}`, source: { line: 1, ref: `第${page.number}页` } } satisfies Diagnostic;
  });
}
