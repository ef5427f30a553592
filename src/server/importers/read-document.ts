/**
 * Reads one file of any supported format into ParsedDocuments: the entry point for the CLI, the
 * import service and uploads. Formats are told by content, never by the file's name alone (a
 * ".doc" saved from a web site is often a web page or RTF; a ".wps" is a Word 97 file):
 *
 * - a zip package: word/document.xml makes a .docx; xl/workbook.xml a workbook — Jixiao's own
 *   (sheets 项目 and 指标, read by xlsx/read-xlsx.ts, several documents) or any other, read as a
 *   form laid out in its sheets (xlsx/read-grid.ts);
 * - an OLE compound file (Word 97 .doc/.wps, Excel 97 .xls/.et): converted by LibreOffice to
 *   .docx or .xlsx (office/convert.ts), then read as those; RTF likewise;
 * - %PDF: a PDF, each page from its text layer (pdf/read-pdf.ts) or, scanned, by OCR (ocr/read-scanned.ts);
 * - PNG, JPEG, TIFF: a scan, by OCR (ocr/read-scanned.ts);
 * - a web page (.html/.htm or markup at its start, any encoding): html/read-html.ts;
 * - anything else: text (the extracted-text format of the fixtures).
 *
 * Every reader gives the same block stream (blocks.ts) to the one parser. A file over a reader's
 * limit (limits.ts), or no target document at all, throws DocumentReadError naming the file.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Diagnostic, DocumentFormat, ParsedDocument } from '../../shared/domain/model';
import type { ReadResult } from './blocks';
import { parseDocument } from './document-parser';
import { DocumentReadError } from './errors';
import { READER_LIMITS, limitMessage } from './limits';
import { readerFailure } from './reader-errors';
import { readText } from './txt/read-text';
import { targetEvidence, type TargetEvidence } from './structure/evidence';

// Heavy libraries load only for the formats that need them.
const readDocx = async (bytes: Uint8Array, file: string) => (await import('./docx/read-docx')).readDocx(bytes, file);
const checkZipPackage = async (bytes: Uint8Array, file: string) => (await import('./zip-limits')).checkZipPackage(bytes, file);
const readXlsx = async (bytes: Uint8Array, file: string) => (await import('./xlsx/read-xlsx')).readXlsx(bytes, file);
const readSheetGrid = async (bytes: Uint8Array, file: string) => (await import('./xlsx/read-grid')).readSheetGrid(bytes, file);
// a PDF page by page as each needs: its text layer, or OCR for a scanned page (issue 56)
const readPdf = async (bytes: Uint8Array, file: string, ocrOpts: OcrOptions) => (await import('./ocr/read-scanned')).readPdfOrScan(bytes, file, ocrOpts);
const readImages = async (bytes: Uint8Array, file: string, ocrOpts: OcrOptions) => (await import('./ocr/read-scanned')).readImages([{ bytes, name: file }], ocrOpts);
const ocr = () => import('./ocr/ocr-doubts');
const readHtml = async (bytes: Uint8Array, file: string) => (await import('./html/read-html')).readHtml(bytes, file);
const office = () => import('./office/convert');

export { DOCUMENT_EXTENSIONS } from '../../shared/api/imports';
import type { FormTemplate } from '../../shared/domain/form-template';
import type { OcrOptions } from './ocr/read-scan';

/** How a file is read and parsed: each table's grid kept (the import preview), with these form templates, a scan's OCR so. */
export interface ParseOptions {
  grids?: boolean;
  templates?: readonly FormTemplate[];
  /** A scan's reading: its progress, its pages' images (kept on the document as pageImages), its time (issue 56). */
  ocr?: OcrOptions;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);

/**
 * The zip package's kind, by the names of its parts (stored uncompressed in the zip's headers);
 * a package cut short before them goes by its name, so that a truncated .xlsx is reported as a
 * broken workbook, not as a broken Word document.
 */
function zipKind(bytes: Uint8Array, file: string): 'docx' | 'xlsx' {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.includes('word/document.xml')) return 'docx';
  if (buffer.includes('xl/workbook.xml') || buffer.includes('xl/worksheets/')) return 'xlsx';
  return /\.(xlsx|xlsm|xls|et)$/i.test(file) ? 'xlsx' : 'docx';
}

/** PDF allows bytes before its header (up to 1024); some generators write a BOM or blank line first. */
function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  return startsWith(bytes, PDF_MAGIC) || head.includes('%PDF-');
}

const IMAGE_MAGIC = [[0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a]];
/** PNG, JPEG or TIFF: a scan, read by OCR. */
const isImage = (bytes: Uint8Array) => IMAGE_MAGIC.some((magic) => startsWith(bytes, magic));

const isRtf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16)).toString('latin1').startsWith('{\\rtf');

/** Markup at the start (after a BOM and whitespace): a web page, whatever the file is called. */
function looksLikeHtml(bytes: Uint8Array, file: string): boolean {
  if (/\.html?$/i.test(file)) return true;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  return /^<(!doctype\s+html|html|head|body|meta|table|!--)/.test(head);
}

/** The format a converted binary keeps its name by: a .wps is a Word 97 file, an .et an Excel 97 one. */
function officeFormat(kind: 'word' | 'excel', file: string): DocumentFormat {
  const ext = extname(file).toLowerCase();
  if (kind === 'word') return ext === '.wps' ? 'wps' : 'doc';
  return ext === '.et' ? 'et' : 'xls';
}

/** A workbook written by Jixiao (the export or the fill-in template): sheets 项目 and 指标. */
async function isJixiaoWorkbook(bytes: Uint8Array): Promise<boolean> {
  const { default: JSZip } = await import('jszip');
  try {
    const zip = await JSZip.loadAsync(bytes);
    const workbook = await zip.file('xl/workbook.xml')?.async('string');
    return workbook !== undefined && /name="项目"/.test(workbook) && /name="指标"/.test(workbook);
  } catch {
    return false; // the grid reader says what is wrong with the package
  }
}

interface Read {
  format: DocumentFormat;
  encoding: string;
  read: ReadResult;
}

/** A file's blocks, by its content; a Jixiao workbook is read straight into documents instead. */
async function readBlocks(bytes: Uint8Array, file: string, ocrOpts: OcrOptions = {}): Promise<Read | { workbook: ParsedDocument[] }> {
  if (startsWith(bytes, ZIP_MAGIC)) {
    await checkZipPackage(bytes, file);
    if (zipKind(bytes, file) === 'xlsx') return readWorkbook(bytes, file, 'xlsx');
    return { format: 'docx', encoding: 'docx', read: await readDocx(bytes, file) };
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    const { sniffOle, convertWithLibreOffice } = await office();
    const kind = sniffOle(bytes);
    if (kind === 'encrypted') throw new DocumentReadError(file, null, '文件已加密（设置了打开密码），请取消密码后再导入');
    if (kind === 'other') throw new DocumentReadError(file, null, '不是 Word 或 Excel 文档（无法识别的 OLE 复合文件）');
    const format = officeFormat(kind, file);
    if (kind === 'word') {
      const docx = await convertWithLibreOffice(bytes, file, 'docx');
      return { format, encoding: format, read: await readDocx(docx, file) };
    }
    return readWorkbook(await convertWithLibreOffice(bytes, file, 'xlsx'), file, format);
  }
  if (isPdf(bytes)) return { format: 'pdf', encoding: 'pdf', read: await readPdf(bytes, file, ocrOpts) };
  if (isRtf(bytes)) {
    const docx = await (await office()).convertWithLibreOffice(bytes, file, 'docx');
    return { format: 'doc', encoding: 'rtf', read: await readDocx(docx, file) };
  }
  if (/\.(docx|xlsx)$/i.test(file) && !looksLikeHtml(bytes, file)) {
    const what = /\.docx$/i.test(file) ? 'Word 文档（.docx）' : 'Excel 工作簿（.xlsx）';
    throw new DocumentReadError(file, null, `不是有效的 ${what}：文件不是 zip 压缩包`);
  }
  if (/\.(doc|xls|wps|et)$/i.test(file) && !looksLikeHtml(bytes, file)) {
    throw new DocumentReadError(file, null, `不是有效的 ${extname(file).toLowerCase()} 文件：既不是旧版 Office 文档，也不是网页或文本`);
  }
  if (isImage(bytes)) return { format: 'image', encoding: 'image', read: await readImages(bytes, file, ocrOpts) };
  if (looksLikeHtml(bytes, file)) {
    const html = await readHtml(bytes, file);
    return { format: 'html', encoding: html.encoding, read: html };
  }
  if (bytes.length > READER_LIMITS.textChars * 4) throw new DocumentReadError(file, null, limitMessage('文本大小', bytes.length, READER_LIMITS.textChars * 4, ' 字节'));
  const text = readText(bytes, file);
  return { format: 'txt', encoding: text.encoding, read: text };
}

async function readWorkbook(bytes: Uint8Array, file: string, format: DocumentFormat): Promise<Read | { workbook: ParsedDocument[] }> {
  if (await isJixiaoWorkbook(bytes)) return { workbook: await readXlsx(bytes, file) };
  return { format, encoding: format, read: await readSheetGrid(bytes, file) };
}

function checkSize(size: number, file: string): void {
  if (size > READER_LIMITS.fileBytes) {
    throw new DocumentReadError(file, null, limitMessage('文件大小', (size / 1024 / 1024).toFixed(1), READER_LIMITS.fileBytes / 1024 / 1024, ' MB'));
  }
}

/**
 * Parses the documents a file held in memory holds: one for most formats, one per row of the 单位
 * sheet for a Jixiao workbook (a workbook with bad cells throws XlsxImportError, a
 * DocumentReadError listing every cell). `file` names it in diagnostics and errors; `grids` keeps each table's
 * grid (ParsedDocument.tables) for the import preview.
 */
export async function parseDocumentsBytes(bytes: Uint8Array, file: string, opts: ParseOptions = {}): Promise<ParsedDocument[]> {
  try {
    checkSize(bytes.length, file);
    const result = await readBlocks(bytes, file, opts.ocr);
    if ('workbook' in result) return result.workbook;
    return [await parseRead(result, bytes, file, opts)];
  } catch (error) {
    throw refusalOf(error, file);
  }
}

/**
 * The readers' one edge (issue 72, item 13): what a file provokes beyond a reader's own refusals — a RangeError of a
 * string longer than V8 makes ("Invalid string length") or of a structure nested past the stack — is refused in
 * Chinese naming the file, never passed on in English; any other error is a bug and goes on as it is.
 */
function refusalOf(error: unknown, file: string): unknown {
  if (error instanceof RangeError) return new DocumentReadError(file, null, `无法读取：${readerFailure(error)}，未导入`);
  return error;
}

/** The one document of a file's blocks (parseDocumentsBytes' second step). */
async function parseRead(result: Read, bytes: Uint8Array, file: string, opts: ParseOptions): Promise<ParsedDocument> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const doc = parseDocument({ file, format: result.format, encoding: result.encoding, sha256, read: result.read, grids: opts.grids === true, templates: opts.templates ?? [] });
  if (result.read.diagnostics.some((d) => d.code === 'ocr.page')) (await ocr()).addOcrDoubts(doc, result.read.blocks);
  if (result.read.pageImages) doc.pageImages = result.read.pageImages;
  return doc;
}

/**
 * A file read as parseDocumentsBytes reads it, with the evidence of target tables its blocks hold (issue 68,
 * structure/evidence.ts), for the corpus audit: its documents, or why it was refused (the evidence is null when the
 * file could not be read into blocks at all, or is a Jixiao workbook).
 */
export async function parseWithEvidence(
  bytes: Uint8Array,
  file: string,
  opts: ParseOptions = {},
): Promise<{ docs: ParsedDocument[]; refusal: string | null; evidence: TargetEvidence | null }> {
  let result: Awaited<ReturnType<typeof readBlocks>>;
  try {
    checkSize(bytes.length, file);
    result = await readBlocks(bytes, file, opts.ocr);
  } catch (thrown) {
    const error = refusalOf(thrown, file);
    if (error instanceof DocumentReadError) return { docs: [], refusal: error.message, evidence: null };
    throw error;
  }
  if ('workbook' in result) return { docs: result.workbook, refusal: null, evidence: null };
  const evidence = targetEvidence(result.read.blocks);
  try {
    return { docs: [await parseRead(result, bytes, file, opts)], refusal: null, evidence };
  } catch (thrown) {
    const error = refusalOf(thrown, file);
    if (error instanceof DocumentReadError) return { docs: [], refusal: error.message, evidence };
    throw error;
  }
}

/**
 * Parses a single document held in memory. A Jixiao workbook must then hold exactly one document;
 * one with several is refused (use parseDocumentsBytes).
 */
export async function parseDocumentBytes(bytes: Uint8Array, file: string): Promise<ParsedDocument> {
  const docs = await parseDocumentsBytes(bytes, file);
  if (docs.length !== 1) {
    throw new DocumentReadError(file, null, `工作簿包含 ${docs.length} 个单位的文档，不能作为单个文档读取，请按工作簿导入`);
  }
  return docs[0]!;
}

async function readBytes(path: string, displayName: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isFile()) checkSize(info.size, displayName);
    return await readFile(path);
  } catch (e) {
    if (e instanceof DocumentReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '是一个目录' : code === 'EACCES' ? '没有读取权限' : `无法读取（${code ?? String(e)}）`;
    throw new DocumentReadError(displayName, null, why);
  }
}

/** Reads and parses a single-document file from disk. I/O errors become DocumentReadError too. */
export async function parseDocumentFile(path: string, displayName = path): Promise<ParsedDocument> {
  return parseDocumentBytes(await readBytes(path, displayName), displayName || basename(path));
}

/** Reads and parses every document of a file from disk (several for a Jixiao workbook). */
export async function parseDocumentsFile(path: string, displayName = path, opts: ParseOptions = {}): Promise<ParsedDocument[]> {
  return parseDocumentsBytes(await readBytes(path, displayName), displayName || basename(path), opts);
}

/** The first error diagnostic: a document that has one is incomplete and is not stored. */
export function firstError(doc: ParsedDocument): Diagnostic | undefined {
  return doc.diagnostics.find((d) => d.severity === 'error');
}
