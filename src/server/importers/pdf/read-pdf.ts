/**
 * Reads a PDF with a text layer — printed from Word, WPS, LibreOffice or a browser — into the
 * Block stream of ../blocks.ts, with pdf.js (pdfjs-dist) reading the file: each page's text runs
 * (getTextContent) and its drawing operators (getOperatorList), from which the ruling lines of
 * tables are taken. layout.ts rebuilds lines and tables from them, assemble.ts the blocks.
 *
 * - Rules: stroked straight segments (lines, the edges of stroked rectangles) and thin filled
 *   shapes (how Word and Chrome draw borders, bevelled or not), through the current transformation (cm,
 *   save/restore, form XObjects) into page coordinates; white ones are invisible and left out.
 * - Text: pdf.js's runs, their position through the page's viewport (rotated pages too); the
 *   spaces pdf.js invents for gaps are left to layout.ts, which decides from the gap itself.
 *   Radicals and compatibility ideographs some fonts name instead of the ideograph (⽬ for 目) are
 *   read as the ideograph.
 * - Nothing is fetched: the CMaps, standard fonts and decoders pdf.js needs come from the package.
 *
 * Refused with DocumentReadError: a file pdf.js cannot open (broken, truncated), a password, a
 * PDF without any text (a scan: "扫描件，没有文字层"), text that is mostly unmapped glyphs, and a
 * file over READER_LIMITS (pages, text runs, drawing operators). Pages of scanned images among
 * pages with text are reported ('warning' pdf.scanned-page), never read as empty silently.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unifyIdeographs } from '../../../shared/domain/text';
import type { ReadResult } from '../blocks';
import { DocumentReadError } from '../errors';
import { READER_LIMITS, limitMessage } from '../limits';
import { assembleBlocks } from './assemble';
import { RULE_THICKNESS, type PageContent, type Rule, type TextRun } from './layout';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type Matrix = [number, number, number, number, number, number];

const require = createRequire(import.meta.url);
let loaded: PdfJs | null = null;

/**
 * pdf.js, loaded by require(): Node (20.19 and later) loads the ES module itself, past the tsx
 * loader the program runs under, which would transform pdf.js's two 2 MB files at a cost of some
 * 300 MB of memory in every process that reads a PDF. Its worker's message handler is handed over
 * in globalThis.pdfjsWorker, pdf.js's own convention for running without a worker thread, so that
 * pdf.js does not import it through the loader either.
 */
function loadPdfJs(): PdfJs {
  if (loaded === null) {
    const pdfjs = require('pdfjs-dist/legacy/build/pdf.mjs') as PdfJs;
    const global = globalThis as { pdfjsWorker?: unknown };
    global.pdfjsWorker ??= require('pdfjs-dist/legacy/build/pdf.worker.mjs');
    loaded = pdfjs;
  }
  return loaded;
}

const PACKAGE = dirname(require.resolve('pdfjs-dist/package.json'));
const dir = (name: string) => `${join(PACKAGE, name)}/`;

/**
 * Characters that a PDF names for another whose glyph the font shares with it. Chromium printing with Noto CJK writes
 * 户 as 戶 (U+6236), so 户数 reads 戶数, and the dash — (U+2014, as in "…办公室）—本级") as the horizontal bar ―
 * (U+2015). The documents are in simplified Chinese, where neither form occurs (GB2312's dash, A1AA, is — in GB18030):
 * each is read as the character the document wrote.
 */
const SHARED_GLYPH_FORMS: Readonly<Record<string, string>> = { 戶: '户', '―': '—' };
const SHARED_GLYPH = /[戶―]/;
const SHARED_GLYPHS = /[戶―]/g;
const simplifiedForm = (s: string) => (SHARED_GLYPH.test(s) ? s.replace(SHARED_GLYPHS, (c) => SHARED_GLYPH_FORMS[c] ?? c) : s);

/** Scanned pages (images, no text) among pages with text, and glyphs without Unicode. */
export interface PageFacts {
  images: boolean;
  unmapped: number;
  chars: number;
}

export async function readPdf(bytes: Uint8Array, file: string): Promise<ReadResult> {
  const { pages, facts } = await extractPages(bytes, file);
  return checkedResult(file, pages, facts);
}

/** pdf.js opening a PDF with the reader's options (also bench:corpus's baseline). */
export function pdfLoadingTask(bytes: Uint8Array) {
  return loadPdfJs().getDocument({
    // pdf.js takes the buffer over: give it a copy, the caller's bytes stay whole.
    data: new Uint8Array(bytes),
    cMapUrl: dir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: dir('standard_fonts'),
    wasmUrl: dir('wasm'),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
}

/** Every page's text runs and rules, and what checkedResult needs to know of it. */
export async function extractPages(bytes: Uint8Array, file: string): Promise<{ pages: PageContent[]; facts: PageFacts[] }> {
  const pdfjs = loadPdfJs();
  const task = pdfLoadingTask(bytes);
  try {
    let pdf;
    try {
      pdf = await task.promise;
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'PasswordException') throw new DocumentReadError(file, null, 'PDF 文件已加密（设置了打开密码），请取消密码后再导入');
      throw new DocumentReadError(file, null, '不是有效的 PDF 文件（文件已损坏或不完整）');
    }
    if (pdf.numPages > READER_LIMITS.pdfPages) {
      throw new DocumentReadError(file, null, limitMessage('PDF 页数', pdf.numPages, READER_LIMITS.pdfPages, ' 页'));
    }
    const pages: PageContent[] = [];
    const facts: PageFacts[] = [];
    let runs = 0;
    let operators = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      // pdf.js reports a damaged page (a bad cross-reference, a broken stream) by throwing from
      // any of these calls: a refusal naming the page, never another exception.
      const damaged = () => new DocumentReadError(file, null, `PDF 第 ${n} 页已损坏，无法读取`);
      const page = await pdf.getPage(n).catch(() => {
        throw damaged();
      });
      const viewport = page.getViewport({ scale: 1 });
      const vt = viewport.transform as Matrix;
      const text = await page.getTextContent().catch(() => {
        throw damaged();
      });
      runs += text.items.length;
      if (runs > READER_LIMITS.pdfTextItems) throw new DocumentReadError(file, null, limitMessage('PDF 文字块数', runs, READER_LIMITS.pdfTextItems, ' 个'));
      const ops = await page.getOperatorList().catch(() => {
        throw damaged();
      });
      operators += ops.fnArray.length;
      if (operators > READER_LIMITS.pdfOperators) throw new DocumentReadError(file, null, limitMessage('PDF 绘图指令数', operators, READER_LIMITS.pdfOperators, ' 条'));
      const pageRuns = textRuns(pdfjs, text.items, vt);
      const chars = pageRuns.reduce((s, r) => s + r.text.replace(/\s/g, '').length, 0);
      const unmapped = pageRuns.reduce((s, r) => s + (r.text.match(UNMAPPED) ?? []).length, 0);
      const drawing = readDrawing(pdfjs, ops, vt);
      pages.push({ number: n, width: viewport.width, height: viewport.height, runs: pageRuns, rules: drawing.rules });
      facts.push({ images: drawing.images, unmapped, chars });
      page.cleanup();
    }
    return { pages, facts };
  } finally {
    await task.destroy();
  }
}

/** Private-use code points, U+FFFD and control characters: glyphs a font gave no Unicode for. */
const UNMAPPED = /[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000E-\u001F]/g;

export function checkedResult(file: string, pages: PageContent[], facts: PageFacts[]): ReadResult {
  const chars = facts.reduce((s, f) => s + f.chars, 0);
  const unmapped = facts.reduce((s, f) => s + f.unmapped, 0);
  if (chars === 0) {
    if (facts.some((f) => f.images)) {
      throw new DocumentReadError(file, null, '扫描件，没有文字层：PDF 中只有图片，无法读取文字。请导入由 Word、WPS 直接导出的 PDF 或原文档，或先做文字识别（OCR）');
    }
    throw new DocumentReadError(file, null, 'PDF 中没有文字（没有文字层），无法读取');
  }
  if (unmapped > chars * 0.3) {
    throw new DocumentReadError(file, null, `PDF 的字体没有 Unicode 映射，${unmapped} 个字符无法识别。请由原文档重新导出 PDF（嵌入字体），或导入原文档`);
  }
  const result = assembleBlocks(pages);
  facts.forEach((f, i) => {
    if (f.chars === 0 && f.images) {
      result.diagnostics.push({ severity: 'warning', code: 'pdf.scanned-page', message: `第${i + 1}页是扫描图像，没有文字层，未读取`, source: { line: 1, ref: `第${i + 1}页` } });
    }
  });
  if (unmapped > 0) {
    result.diagnostics.push({ severity: 'warning', code: 'pdf.unmapped-glyphs', message: `PDF 中有 ${unmapped} 个字符的字体没有 Unicode 映射，显示为乱码，请核对`, source: { line: 1 } });
  }
  if (result.blocks.length === 0) throw new DocumentReadError(file, null, 'PDF 中没有文字（没有文字层），无法读取');
  return result;
}

// ---------------------------------------------------------------------------------------------
// Text

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

function textRuns(pdfjs: PdfJs, items: readonly unknown[], vt: Matrix): TextRun[] {
  const out: TextRun[] = [];
  for (const raw of items) {
    const item = raw as Partial<PdfTextItem>;
    if (typeof item.str !== 'string' || item.str.trim() === '' || !item.transform) continue;
    const m = pdfjs.Util.transform(vt, item.transform) as Matrix;
    const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]) || 1;
    // Direction of the text, and its advance in page units (the viewport is at scale 1).
    const dx = m[0];
    const dy = m[1];
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const rotated = Math.abs(uy) > 0.1;
    const width = item.width ?? 0;
    const x = m[4];
    const y = m[5];
    const text = simplifiedForm(unifyIdeographs(item.str));
    if (!rotated) {
      const x0 = ux >= 0 ? x : x - width;
      out.push({ text, x0, x1: x0 + width, top: y - 0.88 * size, bottom: y + 0.12 * size, baseline: y, size, rotated: false });
      continue;
    }
    // Rotated text: the box of the run, turned.
    const ex = x + ux * width;
    const ey = y + uy * width;
    const nx = -uy * size;
    const ny = ux * size;
    const xs = [x, ex, x - nx, ex - nx];
    const ys = [y, ey, y - ny, ey - ny];
    out.push({ text, x0: Math.min(...xs), x1: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys), baseline: Math.max(...ys), size, rotated: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Drawing

interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

/** Path operators of pdf.js's constructPath data. */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const multiply = (a: Matrix, b: Matrix): Matrix => [
  a[0] * b[0] + a[2] * b[1],
  a[1] * b[0] + a[3] * b[1],
  a[0] * b[2] + a[2] * b[3],
  a[1] * b[2] + a[3] * b[3],
  a[0] * b[4] + a[2] * b[5] + a[4],
  a[1] * b[4] + a[3] * b[5] + a[5],
];

/** "#ffffff", [1,1,1] or 255s: a colour no reader sees on white paper. */
function isWhite(color: unknown): boolean {
  if (typeof color === 'string') return /^#?f{6}$/i.test(color.trim());
  if (Array.isArray(color) && color.length >= 3) return color.slice(0, 3).every((c) => Number(c) >= 0.97 * (Number(c) > 1 ? 255 : 1));
  return false;
}

/**
 * The ruling lines a page draws, in page coordinates, and whether it paints images. Only what
 * can be a rule is kept: straight axis-aligned segments of stroked paths, and filled rectangles
 * thinner than RULE_THICKNESS.
 */
function readDrawing(pdfjs: PdfJs, ops: OperatorList, vt: Matrix): { rules: Rule[]; images: boolean } {
  const OPS = pdfjs.OPS;
  const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const FILLS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const IMAGES = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObject, OPS.paintInlineImageXObjectGroup]);
  const rules: Rule[] = [];
  let images = false;
  type State = { ctm: Matrix; stroke: unknown; fill: unknown };
  let state: State = { ctm: vt, stroke: null, fill: null };
  const stack: State[] = [];

  const segment = (a: [number, number], b: [number, number]) => {
    const [x0, x1] = a[0] <= b[0] ? [a[0], b[0]] : [b[0], a[0]];
    const [y0, y1] = a[1] <= b[1] ? [a[1], b[1]] : [b[1], a[1]];
    if (x1 - x0 <= 0.5 || y1 - y0 <= 0.5) rules.push({ x0, y0, x1, y1 });
  };

  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ...state });
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.ctm = multiply(state.ctm, (args as number[]).slice(0, 6) as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...state });
        const matrix = args?.[0] as number[] | null | undefined;
        if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) state.ctm = multiply(state.ctm, Array.from(matrix as ArrayLike<number>).slice(0, 6) as Matrix);
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setStrokeRGBColor:
      case OPS.setStrokeColor:
      case OPS.setStrokeGray:
        state.stroke = args?.[0] ?? args;
        break;
      case OPS.setFillRGBColor:
      case OPS.setFillColor:
      case OPS.setFillGray:
        state.fill = args?.[0] ?? args;
        break;
      case OPS.constructPath: {
        const [paint, data] = args as [number, unknown[]];
        const path = data?.[0];
        if (!path || !ArrayBuffer.isView(path)) break;
        const stroked = STROKES.has(paint) && !isWhite(state.stroke);
        const filled = FILLS.has(paint) && !isWhite(state.fill);
        if (stroked || filled) collect(path as unknown as Float32Array, state.ctm, stroked, filled, segment, rules);
        break;
      }
      default:
        if (IMAGES.has(fn)) images = true;
    }
  }
  return { rules, images };
}

/** Walks a pdf.js path: stroked straight segments are rules; a thin filled shape is one too. */
function collect(path: Float32Array, ctm: Matrix, stroked: boolean, filled: boolean, segment: (a: [number, number], b: [number, number]) => void, rules: Rule[]): void {
  let start: [number, number] | null = null;
  let at: [number, number] | null = null;
  let sub: [number, number][] = [];
  const closeSub = () => {
    // A thin filled shape is a rule whatever its corners: a browser bevels the borders of
    // separated cells ("outset"), Word and Chrome fill thin rectangles.
    if (filled && sub.length >= 3) {
      const xs = sub.map((p) => p[0]);
      const ys = sub.map((p) => p[1]);
      const x0 = Math.min(...xs);
      const x1 = Math.max(...xs);
      const y0 = Math.min(...ys);
      const y1 = Math.max(...ys);
      if (Math.min(x1 - x0, y1 - y0) <= RULE_THICKNESS) rules.push({ x0, y0, x1, y1 });
    }
    sub = [];
  };
  for (let i = 0; i < path.length; ) {
    const op = path[i++]!;
    if (op === DRAW.moveTo) {
      closeSub();
      at = start = apply(ctm, path[i]!, path[i + 1]!);
      sub.push(at);
      i += 2;
    } else if (op === DRAW.lineTo) {
      const to = apply(ctm, path[i]!, path[i + 1]!);
      if (stroked && at) segment(at, to);
      at = to;
      sub.push(to);
      i += 2;
    } else if (op === DRAW.curveTo) {
      at = apply(ctm, path[i + 4]!, path[i + 5]!);
      sub.push(at);
      i += 6;
    } else if (op === DRAW.quadraticCurveTo) {
      at = apply(ctm, path[i + 2]!, path[i + 3]!);
      sub.push(at);
      i += 4;
    } else if (op === DRAW.closePath) {
      if (stroked && at && start) segment(at, start);
      at = start;
    } else {
      break; // an operator this reader does not know: the rest of the path is not read
    }
  }
  closeSub();
}
