/**
 * Reads one file of any supported format into a ParsedDocument: the entry point for the CLI,
 * the import service and (later) uploads. Formats are told by content, not by file name.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Diagnostic, ParsedDocument } from '../../shared/domain/model';
import { parseDocument } from './document-parser';
import { readDocx } from './docx/read-docx';
import { DocumentReadError } from './errors';
import { readText } from './txt/read-text';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Parses a document held in memory. `file` names it in diagnostics and errors. */
export async function parseDocumentBytes(bytes: Uint8Array, file: string): Promise<ParsedDocument> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (startsWith(bytes, ZIP_MAGIC)) {
    const read = await readDocx(bytes, file);
    return parseDocument({ file, format: 'docx', encoding: 'docx', sha256, read });
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new DocumentReadError(file, null, '旧版 Word 文档（.doc）不受支持，请另存为 .docx');
  }
  if (/\.docx$/i.test(file)) {
    throw new DocumentReadError(file, null, '不是有效的 Word 文档（.docx）：文件不是 zip 压缩包');
  }
  const read = readText(bytes, file);
  return parseDocument({ file, format: 'txt', encoding: read.encoding, sha256, read });
}

/** Reads and parses a file from disk. I/O errors become DocumentReadError too. */
export async function parseDocumentFile(path: string, displayName = path): Promise<ParsedDocument> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '是一个目录' : code === 'EACCES' ? '没有读取权限' : `无法读取（${code ?? String(e)}）`;
    throw new DocumentReadError(displayName, null, why);
  }
  return parseDocumentBytes(bytes, displayName || basename(path));
}

/** The first error diagnostic: a document that has one is incomplete and is not stored. */
export function firstError(doc: ParsedDocument): Diagnostic | undefined {
  return doc.diagnostics.find((d) => d.severity === 'error');
}
