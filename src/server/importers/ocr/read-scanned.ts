/**
 * The readers of scanned documents (issue 56), both giving the Block stream of the PDF reader:
 *
 * - readPdfOrScan: a PDF, page by page as each needs. Pages with a text layer are read from it
 *   (pdf/read-pdf.ts); pages that paint an image and have no text, or a text layer that is mostly
 *   glyphs without Unicode (garbage), are rendered by poppler's pdftoppm at OCR_LIMITS.renderDpi
 *   (their size checked first) and recognised (read-scan.ts). A PDF without such a page is read as
 *   before, untouched.
 * - readImages: PNG, JPEG and TIFF files (a TIFF's frames as pages), several as one document in the
 *   order given, each file's header checked before anything is decoded.
 *
 * Both refuse with DocumentReadError naming the file: a damaged or truncated image, an image or page
 * over a limit, too many pages, a recognition over its time, tesseract not installed, a scan in which
 * nothing could be read.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadResult } from '../blocks';
import { DocumentReadError } from '../errors';
import { limitMessage } from '../limits';
import { assembleBlocks } from '../pdf/assemble';
import type { PageContent } from '../pdf/layout';
import { checkedResult, extractPages, type PageFacts as TextFacts } from '../pdf/read-pdf';
import { OCR_LIMITS } from './ocr-limits';
import { checkDimensions, decodeImage, probeImage, type ImageInfo } from './page-image';
import { noteCorrections } from './source-mark';
import { correctVocabulary } from './vocabulary';
import { Deadline, ocrDiagnostics, recognisePages, settleMarks, type OcrOptions, type RecognisedPage, type ScanJob } from './read-scan';

/** A page of a PDF that needs OCR: an image and no text, or text that is mostly unmapped glyphs. */
const needsOcr = (f: TextFacts) => f.images && (f.chars === 0 || f.unmapped > f.chars * 0.3);

/**
 * pdftoppm renders one page to a grey uncompressed TIFF (the same pixels as a PNG, without the PNG's compression: a tenth
 * of the time, 0.05 s a page against 0.55 s at 200 dpi, measured by bench:ocr's pages), killed (with coreutils timeout)
 * past its time.
 */
function render(pdf: string, page: number, out: string, seconds: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('timeout', ['-s', 'KILL', String(seconds), 'pdftoppm', '-r', String(OCR_LIMITS.renderDpi), '-gray', '-tiff', '-tiffcompression', 'none', '-singlefile', '-f', String(page), '-l', String(page), pdf, out], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

export async function readPdfOrScan(bytes: Uint8Array, file: string, opts: OcrOptions = {}): Promise<ReadResult> {
  const { pages, facts } = await extractPages(bytes, file);
  const scanned = facts.flatMap((f, i) => (needsOcr(f) ? [i] : []));
  if (scanned.length === 0) return checkedResult(file, pages, facts);
  if (scanned.length > OCR_LIMITS.pages) throw new DocumentReadError(file, null, limitMessage('需文字识别的扫描页数', scanned.length, OCR_LIMITS.pages, ' 页'));
  const dpi = OCR_LIMITS.renderDpi;
  for (const i of scanned) checkDimensions(Math.round((pages[i]!.width * dpi) / 72), Math.round((pages[i]!.height * dpi) / 72), file, `PDF 第 ${i + 1} 页按 ${dpi} dpi 的`);
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-ocr-'));
  try {
    const pdf = join(dir, 'scan.pdf');
    await writeFile(pdf, bytes);
    const deadline = new Deadline(opts.seconds);
    const jobs: ScanJob[] = scanned.map((i) => ({
      number: i + 1,
      what: `第${i + 1}页`,
      dpi,
      decode: async () => {
        const out = join(dir, `page-${i + 1}`);
        if (!(await render(pdf, i + 1, out, deadline.pageSeconds(file)))) throw new DocumentReadError(file, null, `PDF 第 ${i + 1} 页无法转为图像（已损坏或超时）`);
        const tiff = await readFile(`${out}.tif`);
        await rm(`${out}.tif`, { force: true });
        return decodeImage(tiff, file, `PDF 第 ${i + 1} 页的图像`);
      },
    }));
    const read = await recognisePages(jobs, file, opts, deadline);
    settleMarks(read);
    if (read.every((r) => r.page.runs.length === 0) && scanned.length === pages.length) throw new DocumentReadError(file, null, '扫描件中未识别出文字：图像可能过于模糊，或不是文档');
    read.forEach((r, k) => {
      const i = scanned[k]!;
      pages[i] = r.page;
      noteCorrections(r.page, r.corrections);
      facts[i] = { images: false, unmapped: 0, chars: r.page.runs.reduce((s, run) => s + run.text.length, 0) };
    });
    return withOcr(checkedResult(file, pages, facts), read);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An image file given to be read. */
export interface ImageFile {
  bytes: Uint8Array;
  name: string;
}

export async function readImages(files: readonly ImageFile[], opts: OcrOptions = {}): Promise<ReadResult> {
  const infos: ImageInfo[] = [];
  for (const f of files) infos.push(await probeImage(f.bytes, f.name));
  const total = infos.reduce((n, info) => n + info.frames, 0);
  if (total > OCR_LIMITS.pages) {
    // named by the image the limit is passed in
    let seen = 0;
    const past = files.find((_, i) => (seen += infos[i]!.frames) > OCR_LIMITS.pages)!;
    throw new DocumentReadError(past.name, null, limitMessage('图像页数', total, OCR_LIMITS.pages, ' 页'));
  }
  const jobs: ScanJob[] = [];
  files.forEach((f, i) => {
    const info = infos[i]!;
    for (let frame = 0; frame < info.frames; frame++) {
      const number = jobs.length + 1;
      const what = files.length > 1 || info.frames > 1 ? `第${number}页（${f.name}）` : '图像文件';
      jobs.push({ number, what, dpi: info.density !== null && info.density >= 100 ? info.density : null, decode: () => decodeImage(f.bytes, f.name, what, info.frames > 1 ? frame : undefined) });
    }
  });
  const name = files[0]?.name ?? '';
  const read = await recognisePages(jobs, name, opts);
  settleMarks(read);
  const pages: PageContent[] = read.map((r) => (noteCorrections(r.page, r.corrections), r.page));
  if (pages.every((p) => p.runs.length === 0)) throw new DocumentReadError(name, null, '图像中未识别出文字：图像可能过于模糊，或不是文档');
  return withOcr(assembleBlocks(pages), read);
}

/** A reading with what OCR says of its pages, its lines put right by the vocabulary, and the pages' images when they were kept. */
function withOcr(result: ReadResult, read: readonly RecognisedPage[]): ReadResult {
  correctVocabulary(result.blocks);
  result.diagnostics.push(...ocrDiagnostics(read));
  const images = read.flatMap((r) => (r.image ? [r.image] : []));
  if (images.length > 0) result.pageImages = images;
  return result;
}
