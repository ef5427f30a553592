/**
 * The pixels of a scanned page (issue 56), through sharp (libvips): an image's header read before
 * any pixel is decoded (its format, dimensions and frames checked against OCR_LIMITS), the page
 * decoded to grey under sharp's own pixel limit (a decompression bomb stops there), set upright
 * (EXIF orientation, tesseract's orientation guess for an upside-down page) and straightened (the
 * skew measured on the page's dark pixels), and its ruling lines found: long straight runs of dark
 * pixels, which the table assembly of the PDF reader needs as a PDF's drawn rules, and which are
 * whitened before recognition (tesseract reads a rule through a character as 丨 or 一).
 */
import type { Sharp, SharpOptions } from 'sharp';
import type { Rule } from '../pdf/layout';
import { DocumentReadError } from '../errors';
import { limitMessage } from '../limits';
import { OCR_LIMITS } from './ocr-limits';

const loadSharp = async () => (await import('sharp')).default;

/** A grey page in memory: one byte a pixel, row after row. */
export interface GrayImage {
  data: Buffer;
  width: number;
  height: number;
}

const FORMATS: Readonly<Record<string, string>> = { png: 'PNG', jpeg: 'JPEG', tiff: 'TIFF' };

/** What an image file's header says: checked against the limits before anything is decoded. */
export interface ImageInfo {
  format: string;
  width: number;
  height: number;
  /** Frames (pages) of a TIFF; 1 for the others. */
  frames: number;
  /** The resolution the file states (dots per inch), if any. */
  density: number | null;
}

/** Reads an image's header (no pixel decoded) and refuses what is no PNG, JPEG or TIFF, or is over a limit. */
export async function probeImage(bytes: Uint8Array, file: string): Promise<ImageInfo> {
  const sharp = await loadSharp();
  let meta;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new DocumentReadError(file, null, '图像文件已损坏或不完整，无法读取');
  }
  const format = meta.format ?? '';
  if (!(format in FORMATS)) throw new DocumentReadError(file, null, `不支持的图像格式（${format || '未知'}）：请导入 PNG、JPEG 或 TIFF 图像`);
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width <= 0 || height <= 0) throw new DocumentReadError(file, null, '图像文件已损坏或不完整，无法读取');
  checkDimensions(width, height, file, '图像');
  const frames = Math.max(1, meta.pages ?? 1);
  if (frames > OCR_LIMITS.pages) throw new DocumentReadError(file, null, limitMessage('图像页数', frames, OCR_LIMITS.pages, ' 页'));
  const density = meta.density !== undefined && meta.density >= 50 && meta.density <= 1200 ? meta.density : null;
  return { format, width, height, frames, density };
}

/** Refuses a page whose pixels are over the limits, before it is decoded or rendered. */
export function checkDimensions(width: number, height: number, file: string, what: string): void {
  if (width > OCR_LIMITS.side || height > OCR_LIMITS.side) {
    throw new DocumentReadError(file, null, limitMessage(`${what}尺寸`, `${width}×${height}`, `${OCR_LIMITS.side}×${OCR_LIMITS.side}`, ' 像素'));
  }
  if (width * height > OCR_LIMITS.pixels) {
    throw new DocumentReadError(file, null, limitMessage(`${what}像素数`, `${Math.round((width * height) / 1e6)} 百万`, `${OCR_LIMITS.pixels / 1e6} 百万`));
  }
}

/** sharp's input options for a page: its pixel limit (a bomb stops there), and truncated data refused. */
const input = (page?: number): SharpOptions => ({ limitInputPixels: OCR_LIMITS.pixels, failOn: 'truncated', ...(page !== undefined ? { page } : {}) });

async function toGray(image: Sharp, file: string, what: string): Promise<GrayImage> {
  try {
    const { data, info } = await image.grayscale().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    const message = String((e as Error).message ?? e);
    if (/pixel limit/i.test(message)) throw new DocumentReadError(file, null, limitMessage(`${what}像素数`, '超出', `${OCR_LIMITS.pixels / 1e6} 百万`));
    throw new DocumentReadError(file, null, `${what}已损坏或不完整，无法读取`);
  }
}

/** Decodes one frame of an image file to grey, turned as its EXIF orientation says. */
export async function decodeImage(bytes: Uint8Array, file: string, what: string, frame?: number): Promise<GrayImage> {
  const sharp = await loadSharp();
  return toGray(sharp(bytes, input(frame)).rotate(), file, what);
}

/** A grey page as PNG (for tesseract), scaled down to `maxWidth` when wider. */
export async function grayPng(image: GrayImage, maxWidth?: number): Promise<Buffer> {
  const sharp = await loadSharp();
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
  if (maxWidth !== undefined && image.width > maxWidth) pipeline = pipeline.resize({ width: maxWidth });
  return pipeline.png({ compressionLevel: 1 }).toBuffer();
}

/**
 * A region of a grey page as a binary PGM (for tesseract, which reads it through leptonica), with a white margin around
 * it: the same pixels as a PNG of it, without a PNG's compression or a sharp pipeline a region (a page has some 60 cells).
 * With `threshold`, black and white at that level (what sharp's threshold gives: under it black, else white).
 */
export function grayPgm(image: GrayImage, box = { left: 0, top: 0, width: image.width, height: image.height }, margin = 0, threshold?: number): Buffer {
  const width = box.width + 2 * margin;
  const height = box.height + 2 * margin;
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = Buffer.alloc(header.length + width * height, 255);
  header.copy(out);
  for (let y = 0; y < box.height; y++) {
    const from = (box.top + y) * image.width + box.left;
    const to = header.length + (y + margin) * width + margin;
    image.data.copy(out, to, from, from + box.width);
    if (threshold !== undefined) for (let k = to; k < to + box.width; k++) out[k] = out[k]! < threshold ? 0 : 255;
  }
  return out;
}

/**
 * A page as the import preview shows it (issue 56): the image as it was recognised (upright, straightened), at most
 * `width` pixels wide, as a JPEG data URL — the OCR marks' boxes, in the page's points, fall on it as on the page.
 */
export async function previewJpeg(image: GrayImage, width: number): Promise<string> {
  const sharp = await loadSharp();
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
  if (image.width > width) pipeline = pipeline.resize({ width });
  const jpeg = await pipeline.jpeg({ quality: 60 }).toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

/** The page turned by `degrees` clockwise (any angle; the corners filled white). */
export async function rotateGray(image: GrayImage, degrees: number, file: string, what: string): Promise<GrayImage> {
  const sharp = await loadSharp();
  const pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 }, limitInputPixels: OCR_LIMITS.pixels }).rotate(degrees, { background: { r: 255, g: 255, b: 255 } });
  return toGray(pipeline, file, what);
}

/**
 * A page with specks (a photocopy, a fax: more than one isolated dark pixel in 2,000) through a 3 × 3
 * median filter, which takes them out and keeps strokes; a clean page as it is.
 */
export async function despeckle(image: GrayImage, file: string, what: string): Promise<{ image: GrayImage; specks: boolean }> {
  const { data, width, height } = image;
  let specks = 0;
  let seen = 0;
  for (let y = 1; y < height - 1; y += 3) {
    for (let x = 1; x < width - 1; x += 3) {
      seen++;
      const i = y * width + x;
      if (data[i]! < 128 && data[i - 1]! >= 128 && data[i + 1]! >= 128 && data[i - width]! >= 128 && data[i + width]! >= 128) specks++;
    }
  }
  if (specks * 2000 <= seen) return { image, specks: false };
  const sharp = await loadSharp();
  return { image: await toGray(sharp(data, { raw: { width, height, channels: 1 } }).median(3), file, what), specks: true };
}

// ---------------------------------------------------------------------------------------------
// Skew

/**
 * The grey level below which a pixel is ink: Otsu's threshold of the page's histogram (the level
 * that best parts paper from ink), kept between 100 and 200 — a scan's thin rules are often light
 * grey, a photocopy's paper darker than white.
 */
export function inkLevel(image: GrayImage): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < image.data.length; i += 3) hist[image.data[i]!]! += 1;
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += hist[v]!;
    sum += v * hist[v]!;
  }
  let below = 0;
  let belowSum = 0;
  let best = 0;
  let level = 140;
  for (let v = 0; v < 256; v++) {
    below += hist[v]!;
    belowSum += v * hist[v]!;
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const m0 = belowSum / below;
    const m1 = (sum - belowSum) / above;
    const between = below * above * (m0 - m1) ** 2;
    if (between > best) {
      best = between;
      level = v;
    }
  }
  return Math.max(100, Math.min(200, level));
}

/**
 * The page's skew in degrees (positive: its lines go down to the right, clockwise), between −MAX
 * and +MAX: the angle at which the ink's rows are sharpest (the sum of the squared counts of ink
 * per sheared row, on a sample of the ink; table rules and lines of text make it peak).
 */
export function estimateSkew(image: GrayImage, max = 6): number {
  const INK = inkLevel(image);
  const step = Math.max(1, Math.floor(image.width / 900));
  // the ink on the grid of `step` counted first, then every `stride`-th of it kept (typed arrays: scored some 60 times)
  let found = 0;
  for (let y = 0; y < image.height; y += step) {
    const row = y * image.width;
    for (let x = 0; x < image.width; x += step) if (image.data[row + x]! < INK) found++;
  }
  if (found < 200) return 0;
  const stride = Math.max(1, Math.floor(found / 120_000));
  const xs = new Float64Array(Math.ceil(found / stride));
  const ys = new Float64Array(xs.length);
  let n = 0;
  let k = 0;
  for (let y = 0; y < image.height; y += step) {
    const row = y * image.width;
    for (let x = 0; x < image.width; x += step) {
      if (image.data[row + x]! >= INK) continue;
      if (k++ % stride === 0) {
        xs[n] = x / step;
        ys[n++] = y / step;
      }
    }
  }
  const rows = Math.ceil(image.height / step) + Math.ceil(image.width / step) + 2;
  const counts = new Float64Array(rows * 2);
  const score = (degrees: number) => {
    const t = Math.tan((degrees * Math.PI) / 180);
    counts.fill(0);
    const offset = rows;
    for (let i = 0; i < n; i++) counts[Math.round(ys[i]! - xs[i]! * t) + offset]! += 1;
    let s = 0;
    for (let i = 0; i < counts.length; i++) s += counts[i]! * counts[i]!;
    return s;
  };
  const best = (from: number, to: number, by: number, start: number) => {
    let angle = start;
    let top = score(start);
    for (let a = from; a <= to + 1e-9; a += by) {
      const s = score(a);
      if (s > top * 1.0001) {
        top = s;
        angle = a;
      }
    }
    return angle;
  };
  const coarse = best(-max, max, 0.25, 0);
  const fine = best(coarse - 0.25, coarse + 0.25, 0.05, coarse);
  return Math.round(fine * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Ruling lines

/** A rule found in the pixels: its centre line and its thickness, in pixels. */
interface Band {
  a0: number;
  a1: number;
  /** First and last pixel row (or column) across. */
  c0: number;
  c1: number;
}

/**
 * Long runs of ink along one direction: horizontal (rows) or vertical (columns). A run may have
 * gaps of `gap` pixels (a photocopy's broken line); runs on neighbouring rows that overlap make one
 * band (a rule a few pixels thick). Bands thicker than `thick` are shapes (a seal, a photo), not rules.
 */
function bands(image: GrayImage, horizontal: boolean, minLength: number, thick: number, gap: number, INK: number): Band[] {
  const { data, width } = image;
  const along = horizontal ? image.width : image.height;
  const across = horizontal ? image.height : image.width;
  const open: Band[] = [];
  const done: Band[] = [];
  for (let c = 0; c < across; c++) {
    const runs: [number, number][] = [];
    let start = -1;
    let last = -1;
    for (let a = 0; a < along; a++) {
      const v = horizontal ? data[c * width + a]! : data[a * width + c]!;
      if (v >= INK) continue;
      if (start >= 0 && a - last <= gap + 1) last = a;
      else {
        if (start >= 0 && last - start + 1 >= minLength) runs.push([start, last]);
        start = last = a;
      }
    }
    if (start >= 0 && last - start + 1 >= minLength) runs.push([start, last]);
    // extend the bands of the row before, close the others
    for (let i = open.length - 1; i >= 0; i--) {
      const band = open[i]!;
      const k = runs.findIndex(([s, e]) => Math.min(e, band.a1) - Math.max(s, band.a0) > 0.5 * Math.min(e - s, band.a1 - band.a0));
      if (k >= 0) {
        const [s, e] = runs[k]!;
        band.a0 = Math.min(band.a0, s);
        band.a1 = Math.max(band.a1, e);
        band.c1 = c;
        runs.splice(k, 1);
      } else {
        open.splice(i, 1);
        done.push(band);
      }
    }
    for (const [s, e] of runs) open.push({ a0: s, a1: e, c0: c, c1: c });
  }
  done.push(...open);
  return done.filter((b) => b.c1 - b.c0 + 1 <= thick);
}

/**
 * The page's ruling lines in page points (`scale` points a pixel), and the page with them whitened
 * (a new buffer). A horizontal rule is at least a third of an inch long, a vertical one a quarter
 * (a table's row is taller than that; a character's stroke at body size is shorter).
 */
export function findRules(image: GrayImage, dpi: number, scale: number): { rules: Rule[]; cleaned: GrayImage } {
  const thick = Math.max(3, Math.round(dpi * 0.05));
  const gap = Math.max(1, Math.round(dpi / 100));
  const ink = inkLevel(image);
  const horizontal = bands(image, true, Math.round(dpi / 3), thick, gap, ink);
  const vertical = bands(image, false, Math.round(dpi / 4), thick, gap, ink);
  const data = Buffer.from(image.data);
  const rules: Rule[] = [];
  const whiten = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = Math.max(0, y0); y <= Math.min(image.height - 1, y1); y++) data.fill(255, y * image.width + Math.max(0, x0), y * image.width + Math.min(image.width - 1, x1) + 1);
  };
  for (const b of horizontal) {
    const y = ((b.c0 + b.c1) / 2) * scale;
    rules.push({ x0: b.a0 * scale, y0: y, x1: (b.a1 + 1) * scale, y1: y });
    whiten(b.a0, b.c0 - 1, b.a1, b.c1 + 1);
  }
  for (const b of vertical) {
    const x = ((b.c0 + b.c1) / 2) * scale;
    rules.push({ x0: x, y0: b.a0 * scale, x1: x, y1: (b.a1 + 1) * scale });
    whiten(b.c0 - 1, b.a0, b.c1 + 1, b.a1);
  }
  return { rules, cleaned: { data, width: image.width, height: image.height } };
}
