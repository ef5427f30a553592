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
import { findTables, type PageContent, type TextRun } from '../pdf/layout';
import { WIDE_CHARACTER } from '../../../shared/domain/text';
import { LOW_CONFIDENCE, OCR_LIMITS } from './ocr-limits';
import { despeckle, estimateSkew, findRules, grayPng, previewJpeg, rotateGray, type GrayImage } from './page-image';
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

/** A page recognised: its text runs and rules, what was done to read it, and its image when asked for. */
export interface RecognisedPage {
  page: PageContent;
  facts: PageFacts;
  image?: PageImage;
}

async function recognisePage(job: ScanJob, file: string, deadline: Deadline, keepImage: boolean): Promise<RecognisedPage> {
  let image = await job.decode();
  const landscape = image.width > image.height;
  // a photo's pixels mapped onto an A4 page's width; the dpi it then has
  const dpi = job.dpi ?? Math.round((image.width / (landscape ? A4.long : A4.short)) * 72);
  // upright: tesseract's guess on a smaller copy (enough for it, and quick)
  const osd = await orientation(await grayPng(image, 1400), file, deadline.pageSeconds(file));
  const turned = osd.confidence >= 1.5 ? osd.rotate : 0;
  if (turned !== 0) image = await rotateGray(image, turned, file, job.what);
  const despeckled = await despeckle(image, file, job.what);
  image = despeckled.image;
  const skew = estimateSkew(image);
  if (Math.abs(skew) >= 0.1) image = await rotateGray(image, -skew, file, job.what);
  const scale = 72 / dpi;
  const { rules, cleaned } = findRules(image, dpi, scale);
  const width = image.width * scale;
  const height = image.height * scale;
  // the page as recognised (upright, straight), for the preview: the OCR marks' boxes fall on it
  const shown = keepImage ? { page: job.number, width: Math.round(width * 10) / 10, height: Math.round(height * 10) / 10, src: await previewJpeg(image, PAGE_IMAGE_WIDTH) } : undefined;
  const words = await recogniseRegions(cleaned, cellRegions({ number: job.number, width, height, runs: [], rules }, scale, cleaned), dpi, file, job.what, deadline);
  const runs = runsOf(words.filter((w) => !(w.conf < 40 && NOISE.test(w.text))), scale);
  const unsure = runs.filter((r) => (r.conf ?? 100) < LOW_CONFIDENCE).length;
  const confidence = runs.length === 0 ? 0 : runs.reduce((s, r) => s + (r.conf ?? 0), 0) / runs.length;
  return {
    page: { number: job.number, width, height, runs, rules },
    facts: { dpi, turned, skew, specks: despeckled.specks, words: runs.length, unsure, confidence: Math.round(confidence * 10) / 10 },
    ...(shown ? { image: shown } : {}),
  };
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

/** Whether a region holds some ink (a few dozen dark pixels): an empty cell is not recognised. */
function inked(image: GrayImage, box: Box): boolean {
  let dark = 0;
  for (let y = box.top; y < box.top + box.height; y += 2) {
    const row = y * image.width;
    for (let x = box.left; x < box.left + box.width; x += 2) if (image.data[row + x]! < 128 && ++dark >= 12) return true;
  }
  return false;
}

/**
 * Recognises a page in runs of tesseract: the text outside the tables as a page (the cells
 * whitened), and every cell as an image of its own (a block of lines, with a white margin), so that
 * a cell's text is never read across into its neighbour's; the cells read with little confidence once
 * more. The words come back in page pixels.
 */
async function recogniseRegions(image: GrayImage, cells: readonly Box[], dpi: number, file: string, what: string, deadline: Deadline): Promise<OcrWord[]> {
  const sharp = (await import('sharp')).default;
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-ocr-page-'));
  try {
    const outside = Buffer.from(image.data);
    for (const c of cells) for (let y = c.top; y < c.top + c.height; y++) outside.fill(255, y * image.width + c.left, y * image.width + c.left + c.width);
    const pagePath = join(dir, 'page.png');
    await writeFile(pagePath, await grayPng({ data: outside, width: image.width, height: image.height }));
    const MARGIN = 12;
    /** Regions of the page as images of their own, with a white margin. */
    const crop = (boxes: readonly Box[], name: string) =>
      Promise.all(
        boxes.map(async (c, i) => {
          const path = join(dir, `${name}-${i}.png`);
          await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
            .extract(c)
            .extend({ top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, background: { r: 255, g: 255, b: 255 } })
            .png({ compressionLevel: 1 })
            .toFile(path);
          return path;
        }),
      );
    const cellPaths = await crop(cells, 'cell');
    const pageWords = (await recognise([pagePath], 3, 'chi_sim+eng', dpi, file, what, deadline.pageSeconds(file)))[0] ?? [];
    const cellWords = await recognise(cellPaths, 6, 'chi_sim+eng', dpi, file, what, deadline.pageSeconds(file));
    // A cell read with little confidence, or with a line of ink no word covers, is read again by the Chinese model alone,
    // and the surer reading kept: with English beside it a short Chinese line is read as Latin letters at times (金用途 as
    // SAE), without it a percent sign as 9 (25% as 259). So is a line of the text outside the tables read unsure.
    const unsure = cellWords.flatMap((list, i) => (list.some((w) => w.conf < LOW_CONFIDENCE) || unread(image, cells[i]!, list, MARGIN) ? [i] : []));
    const byLine = new Map<string, OcrWord[]>();
    for (const w of pageWords) {
      const key = `${w.line.left},${w.line.top},${w.line.width},${w.line.height}`;
      byLine.set(key, [...(byLine.get(key) ?? []), w]);
    }
    const lines = [...byLine.values()].filter((ws) => ws.some((w) => w.conf < LOW_CONFIDENCE));
    const lineBoxes = lines.map(({ 0: w }) => {
      const left = Math.max(0, w!.line.left - 4);
      const top = Math.max(0, w!.line.top - 4);
      return { left, top, width: Math.min(image.width, w!.line.left + w!.line.width + 4) - left, height: Math.min(image.height, w!.line.top + w!.line.height + 4) - top };
    });
    const again = await recognise([...unsure.map((i) => cellPaths[i]!), ...(await crop(lineBoxes, 'line'))], 6, 'chi_sim', dpi, file, what, deadline.pageSeconds(file));
    unsure.forEach((i, k) => {
      if (surer(again[k]!, cellWords[i]!) || (unread(image, cells[i]!, cellWords[i]!, MARGIN) && !unread(image, cells[i]!, again[k]!, MARGIN))) cellWords[i] = again[k]!;
      // text in the cell that neither reading has: the reading is incomplete, and says so by a confidence of 0
      if (unread(image, cells[i]!, cellWords[i]!, MARGIN)) cellWords[i] = cellWords[i]!.map((w) => ({ ...w, conf: 0 }));
    });
    const shift = (w: OcrWord, c: Box, cell = true): OcrWord => ({
      ...w,
      cell,
      left: w.left + c.left - MARGIN,
      top: w.top + c.top - MARGIN,
      line: { ...w.line, left: w.line.left + c.left - MARGIN, top: w.line.top + c.top - MARGIN },
    });
    const replaced = new Set<OcrWord>();
    const reread = lines.flatMap((ws, k) => {
      const words = again[unsure.length + k]!;
      if (!surer(words, ws)) return [];
      for (const w of ws) replaced.add(w);
      return words.map((w) => shift(w, lineBoxes[k]!, false));
    });
    return [...pageWords.filter((w) => !replaced.has(w)), ...reread, ...cellWords.flatMap((list, i) => list.map((w) => shift(w, cells[i]!)))];
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
 * words of a line then share a baseline and a size, as a text layer's do. A "line" much taller than the
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
    const top = (own ? first.line.top : middle - usual / 2) * scale;
    const bottom = (own ? first.line.top + first.line.height : middle + usual / 2) * scale;
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
