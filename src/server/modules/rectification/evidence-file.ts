/**
 * Evidence files of 整改: what is accepted is decided by the bytes, never by the name or the type
 * the browser claims — PDF, images (PNG, JPEG, GIF, WebP), Office documents (Word, Excel,
 * PowerPoint as OOXML packages; the older OLE formats of Office and WPS) and plain UTF-8 text.
 * The stored name keeps what the user called the file but always ends in an extension of the
 * sniffed kind (a text file named "x.html" is stored as "x.html.txt"), and downloads are always
 * attachments with the sniffed media type, so nothing uploaded is ever shown or run as a page.
 */
import type JSZip from 'jszip';
import { cleanText } from '../../../shared/domain/clean-text';
import { READER_LIMITS, limitMessage } from '../../importers/limits';
import { zipEntryCount } from '../../importers/zip-directory';

export const EVIDENCE_LIMITS = {
  /** Bytes per file. */
  fileSize: 10 * 1024 * 1024,
  /** Files per upload. */
  filesPerUpload: 5,
  /** Files per item. */
  filesPerItem: 20,
  /** Characters of a file name. */
  nameLength: 120,
} as const;

export const EVIDENCE_TYPES_TEXT = 'PDF、图片（PNG、JPEG、GIF、WebP）、Office 文档（Word、Excel、PowerPoint、WPS）、纯文本（UTF-8）';

interface Kind {
  mediaType: string;
  /** Extensions the stored name may end in; the first is added when it ends in none of them. */
  extensions: readonly string[];
}

const KINDS = {
  pdf: { mediaType: 'application/pdf', extensions: ['.pdf'] },
  png: { mediaType: 'image/png', extensions: ['.png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  gif: { mediaType: 'image/gif', extensions: ['.gif'] },
  webp: { mediaType: 'image/webp', extensions: ['.webp'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx', '.docm'] },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx', '.xlsm'] },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['.pptx'] },
  ole: { mediaType: 'application/octet-stream', extensions: ['.doc', '.xls', '.ppt', '.wps', '.et', '.dps'] },
  text: { mediaType: 'text/plain; charset=utf-8', extensions: ['.txt', '.csv', '.md'] },
} as const satisfies Record<string, Kind>;

export type EvidenceKind = keyof typeof KINDS;

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);

async function ooxmlKind(bytes: Uint8Array): Promise<EvidenceKind | null> {
  let zip: JSZip;
  try {
    // jszip loads with the first evidence file, not with the server.
    zip = await (await import('jszip')).default.loadAsync(bytes);
  } catch {
    return null;
  }
  if (zip.file('[Content_Types].xml') === null) return null;
  const names = Object.keys(zip.files);
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  return null;
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // control characters other than tab, line feed, carriage return, form feed: a binary file
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/**
 * Why a zip package (a .docx, .xlsx, .pptx …) is refused before it is stored, or null: the import's checks
 * (importers/zip-limits.ts) — its central directory names more entries than any document has, or its entries inflate
 * past the readers' limit (issue 72: a .docx inflating to 1 GB was stored and served to whoever opened the item).
 * The entries are counted from the directory before the package is opened, then inflated as a stream and dropped.
 * Only zip packages are looked at.
 */
export async function evidenceZipRefusal(bytes: Uint8Array, file: string): Promise<string | null> {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
  const entries = zipEntryCount(bytes, READER_LIMITS.zipEntries);
  if (entries !== null && entries > READER_LIMITS.zipEntries) return limitMessage('压缩包内文件数', entries, READER_LIMITS.zipEntries, ' 个');
  // JSZip (in zip-limits) loads with the first Office file, not with the server
  const [{ checkZipPackage }, { DocumentReadError }] = await Promise.all([import('../../importers/zip-limits'), import('../../importers/errors')]);
  try {
    await checkZipPackage(bytes, file);
    return null;
  } catch (e) {
    if (e instanceof DocumentReadError) return e.message.replace(/，未读取$/, '');
    throw e;
  }
}

/** The kind of a file by its bytes; null when it is none of the accepted kinds. Opens an Office package: run it in the parse pool (parse-worker-task.ts sniffEvidenceFile). */
export async function sniffEvidence(bytes: Uint8Array): Promise<EvidenceKind | null> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return ooxmlKind(bytes);
  return isPlainText(bytes) ? 'text' : null;
}

export function mediaTypeOf(kind: EvidenceKind): string {
  return KINDS[kind].mediaType;
}

/**
 * The name a file is stored under: the user's name without path parts, control, bidirectional and
 * zero-width characters, at most EVIDENCE_LIMITS.nameLength characters, ending in an extension of
 * its kind.
 */
export function evidenceFileName(name: string, kind: EvidenceKind): string {
  const base = cleanText(name.split(/[\\/]/).pop() ?? '').text.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  const extensions: readonly string[] = KINDS[kind].extensions;
  const lower = base.toLowerCase();
  const fitting = extensions.some((e) => lower.endsWith(e));
  const suffix = fitting ? '' : extensions[0]!;
  const room = EVIDENCE_LIMITS.nameLength - suffix.length;
  const stem = [...(base === '' ? '证明材料' : base)];
  // keep the extension when cutting a long name
  const kept = stem.length <= room ? stem.join('') : fitting ? stem.slice(0, room - 8).join('') + '…' + stem.slice(-7).join('') : stem.slice(0, room).join('');
  return kept + suffix;
}
