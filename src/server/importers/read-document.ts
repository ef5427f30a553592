/**
 * Reads one file of any supported format into ParsedDocuments: the entry point for the CLI,
 * the import service and (later) uploads. Formats are told by content, not by file name: a .docx
 * and an .xlsx are both zip packages, told apart by the parts they hold (word/document.xml,
 * xl/workbook.xml). A text file or a .docx is one document; a workbook may hold several
 * (parseDocumentsBytes).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Diagnostic, ParsedDocument } from '../../shared/domain/model';
import { parseDocument } from './document-parser';
import { readDocx } from './docx/read-docx';
import { DocumentReadError } from './errors';
import { readText } from './txt/read-text';

// ExcelJS is slow to load: only workbooks need it.
const readXlsx = async (bytes: Uint8Array, file: string) => (await import('./xlsx/read-xlsx')).readXlsx(bytes, file);

export { DOCUMENT_EXTENSIONS } from '../../shared/api/imports';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * A zip package's kind, by the names of its parts (stored uncompressed in the zip's headers):
 * word/document.xml makes a Word document, else xl/workbook.xml a workbook; anything else is
 * left to the Word reader, which says what is wrong with it.
 */
function zipKind(bytes: Uint8Array): 'docx' | 'xlsx' {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.includes('word/document.xml')) return 'docx';
  return buffer.includes('xl/workbook.xml') ? 'xlsx' : 'docx';
}

/**
 * Parses the documents a file held in memory holds: one for a text file or a .docx, one per row
 * of the 单位 sheet for a workbook (xlsx/read-xlsx.ts; a workbook with bad cells throws
 * XlsxImportError, a DocumentReadError listing every cell). `file` names it in diagnostics and errors.
 */
export async function parseDocumentsBytes(bytes: Uint8Array, file: string): Promise<ParsedDocument[]> {
  if (startsWith(bytes, ZIP_MAGIC) && zipKind(bytes) === 'xlsx') return readXlsx(bytes, file);
  return [await parseDocumentBytes(bytes, file)];
}

/**
 * Parses a single document held in memory. A workbook must then hold exactly one document; one
 * with several is refused (use parseDocumentsBytes). `file` names it in diagnostics and errors.
 */
export async function parseDocumentBytes(bytes: Uint8Array, file: string): Promise<ParsedDocument> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (startsWith(bytes, ZIP_MAGIC)) {
    if (zipKind(bytes) === 'xlsx') {
      const docs = await readXlsx(bytes, file);
      if (docs.length !== 1) {
        throw new DocumentReadError(file, null, `工作簿包含 ${docs.length} 个单位的文档，不能作为单个文档读取，请按工作簿导入`);
      }
      return docs[0]!;
    }
    const read = await readDocx(bytes, file);
    return parseDocument({ file, format: 'docx', encoding: 'docx', sha256, read });
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    if (/\.xls$/i.test(file)) throw new DocumentReadError(file, null, '旧版 Excel 工作簿（.xls）不受支持，请另存为 .xlsx');
    throw new DocumentReadError(file, null, '旧版 Word 文档（.doc）不受支持，请另存为 .docx');
  }
  if (/\.docx$/i.test(file)) {
    throw new DocumentReadError(file, null, '不是有效的 Word 文档（.docx）：文件不是 zip 压缩包');
  }
  if (/\.xlsx$/i.test(file)) {
    throw new DocumentReadError(file, null, '不是有效的 Excel 工作簿（.xlsx）：文件不是 zip 压缩包');
  }
  const read = readText(bytes, file);
  return parseDocument({ file, format: 'txt', encoding: read.encoding, sha256, read });
}

async function readBytes(path: string, displayName: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '是一个目录' : code === 'EACCES' ? '没有读取权限' : `无法读取（${code ?? String(e)}）`;
    throw new DocumentReadError(displayName, null, why);
  }
}

/** Reads and parses a single-document file from disk. I/O errors become DocumentReadError too. */
export async function parseDocumentFile(path: string, displayName = path): Promise<ParsedDocument> {
  return parseDocumentBytes(await readBytes(path, displayName), displayName || basename(path));
}

/** Reads and parses every document of a file from disk (several for a workbook). */
export async function parseDocumentsFile(path: string, displayName = path): Promise<ParsedDocument[]> {
  return parseDocumentsBytes(await readBytes(path, displayName), displayName || basename(path));
}

/** The first error diagnostic: a document that has one is incomplete and is not stored. */
export function firstError(doc: ParsedDocument): Diagnostic | undefined {
  return doc.diagnostics.find((d) => d.severity === 'error');
}
