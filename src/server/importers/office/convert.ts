/**
 * Old Office binaries — Word 97 .doc, Excel 97 .xls, and Kingsoft WPS's .wps and .et, which WPS
 * saves as a Word 97 and an Excel 97 (BIFF8) file — and RTF are read by converting them to .docx
 * or .xlsx with LibreOffice (headless), then reading those. LibreOffice tells the formats by
 * content, so a .wps or an .et needs nothing of its own (a Microsoft Works .wps is detected too).
 *
 * sniffOle says what an OLE compound file (magic D0 CF 11 E0) holds, from the names of the streams
 * in its root storage: "WordDocument" a Word document, "Workbook" (BIFF8) or "Book" (BIFF5) an
 * Excel workbook, "EncryptedPackage"/"EncryptionInfo" a password-protected .docx/.xlsx. A Word
 * document whose FIB says it is encrypted (an open password) is 'encrypted' too.
 *
 * convertWithLibreOffice runs `soffice --headless --convert-to` through office/soffice.ts: at most
 * OFFICE_LIMITS.concurrent at once in the process (LibreOffice takes hundreds of MB and a second of
 * start-up; more wait, and beyond OFFICE_LIMITS.waiting are refused at once), each in a private temp
 * directory with its own LibreOffice profile (so it never talks to a LibreOffice the user has open,
 * and never writes to $HOME; prepared so that LibreOffice does not take it for a first start,
 * office/profile.ts), within READER_LIMITS.conversionSeconds: at the limit the whole process group
 * (the soffice script, oosplash, soffice.bin) is killed. The directory is removed in every case. In a
 * worker thread of the server's parse pool the conversion is run by the main thread (withConverter):
 * a worker ended at its time limit runs no `finally`, and left soffice.bin and the folder holding the
 * upload behind (issue 72). Every failure is a DocumentReadError with one line in Chinese: LibreOffice
 * or its Writer/Calc component missing (which packages to install), the time limit, too many
 * conversions at once, or a file LibreOffice cannot open.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir, readFile, readdir, realpath, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { prepareProfile } from '../../office/profile';
import { findSoffice, inOfficeFolder, OfficeAbortedError, OfficeBusyError, runSoffice } from '../../office/soffice';
import { DocumentReadError } from '../errors';
import { READER_LIMITS, limitMessage } from '../limits';

export type OleKind = 'word' | 'excel' | 'encrypted' | 'other';

// ---------------------------------------------------------------------------------------------
// Sniffing an OLE compound file (MS-CFB)
//
// A compound file is a little file system: a 512-byte header, then sectors (512 or 4096 bytes)
// chained by a FAT. The directory is a chain of sectors of 128-byte entries; an entry starts with
// its name in UTF-16LE (up to 31 characters and a NUL), then the name's length in bytes (with the
// NUL), its type (1 storage, 2 stream, 5 root) and its siblings and child in a red-black tree.
// We read the directory as the format defines it and take the names of the root storage's
// children, so a name that only appears inside a stream's content (a document that mentions
// "WordDocument") or in an embedded object's storage (an Excel sheet pasted into a Word document,
// which has its own "Workbook" stream below ObjectPool) never counts. When the structure cannot
// be followed (a truncated file), we fall back to a byte search for the names, accepted only in a
// well-formed directory entry: at a 128-byte-aligned offset, in UTF-16LE, NUL-terminated, with the
// length field matching and a stream/storage type. Text in a stream does not match that by chance.
// A file cut before its directory is known by the start of its main stream (sniffStreamStart).

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const NO_STREAM = 0xffffffff;
const MAX_REGULAR_SECTOR = 0xfffffffa;

interface DirEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

export function sniffOle(bytes: Uint8Array): OleKind {
  if (bytes.length < 512 || !OLE_SIGNATURE.every((b, i) => bytes[i] === b)) return 'other';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cfb = readDirectory(bytes, view);
  const entries = cfb ? rootChildren(cfb.entries) : scanDirectoryEntries(bytes, view);
  const find = (...names: string[]) => entries.find((e) => names.includes(e.name.toLowerCase()));
  if (find('encryptedpackage', 'encryptioninfo')) return 'encrypted';
  // In a damaged file (the scan), the first of the two kinds in directory order is the root's:
  // a document's own streams come before those of objects embedded in it.
  const main = find('worddocument', 'workbook', 'book');
  if (!main) return cfb ? 'other' : sniffStreamStart(bytes, view);
  if (main.name.toLowerCase() !== 'worddocument') return 'excel';
  return cfb && wordIsEncrypted(bytes, view, cfb.sectorSize, cfb.miniCutoff, main) ? 'encrypted' : 'word';
}

interface Directory {
  entries: DirEntry[];
  sectorSize: number;
  miniCutoff: number;
}

/** The directory by the FAT; null when the header or the chains are not sound. */
function readDirectory(bytes: Uint8Array, view: DataView): Directory | null {
  const shift = view.getUint16(30, true);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorCount = Math.floor((bytes.length - 512) / sectorSize) + 1;
  const sectorOffset = (s: number) => (s + 1) * sectorSize;
  const inFile = (s: number) => s < MAX_REGULAR_SECTOR && sectorOffset(s) + sectorSize <= bytes.length;

  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = view.getUint32(76 + i * 4, true);
    if (s >= MAX_REGULAR_SECTOR) break;
    fatSectors.push(s);
  }
  let difat = view.getUint32(68, true);
  for (let hops = 0; difat < MAX_REGULAR_SECTOR; hops++) {
    if (!inFile(difat) || hops > sectorCount) return null;
    const base = sectorOffset(difat);
    for (let i = 0; i < perSector - 1; i++) {
      const s = view.getUint32(base + i * 4, true);
      if (s < MAX_REGULAR_SECTOR) fatSectors.push(s);
    }
    difat = view.getUint32(base + (perSector - 1) * 4, true);
  }
  const nextSector = (s: number): number | null => {
    const fatSector = fatSectors[Math.floor(s / perSector)];
    if (fatSector === undefined || !inFile(fatSector)) return null;
    return view.getUint32(sectorOffset(fatSector) + (s % perSector) * 4, true);
  };

  const entries: DirEntry[] = [];
  const seen = new Set<number>();
  for (let s = view.getUint32(48, true); s !== 0xfffffffe; ) {
    if (!inFile(s) || seen.has(s)) return null;
    seen.add(s);
    for (let at = sectorOffset(s); at < sectorOffset(s) + sectorSize; at += 128) entries.push(dirEntryAt(bytes, view, at) ?? emptyEntry());
    const next = nextSector(s);
    if (next === null) return null;
    s = next;
  }
  if (entries[0]?.type !== 5) return null;
  return { entries, sectorSize, miniCutoff: view.getUint32(56, true) };
}

function emptyEntry(): DirEntry {
  return { name: '', type: 0, left: NO_STREAM, right: NO_STREAM, child: NO_STREAM, start: 0, size: 0 };
}

/** The entry at an offset when it is well formed: name length, NUL terminator, a known type. */
function dirEntryAt(bytes: Uint8Array, view: DataView, at: number): DirEntry | null {
  if (at + 128 > bytes.length) return null;
  const nameBytes = view.getUint16(at + 64, true);
  const type = bytes[at + 66]!;
  if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0 || ![1, 2, 5].includes(type)) return null;
  const chars = nameBytes / 2 - 1;
  if (view.getUint16(at + chars * 2, true) !== 0) return null;
  let name = '';
  for (let i = 0; i < chars; i++) {
    const c = view.getUint16(at + i * 2, true);
    if (c === 0) return null;
    name += String.fromCharCode(c);
  }
  return {
    name,
    type,
    left: view.getUint32(at + 68, true),
    right: view.getUint32(at + 72, true),
    child: view.getUint32(at + 76, true),
    start: view.getUint32(at + 116, true),
    size: view.getUint32(at + 120, true), // the high half matters only for streams over 4 GB
  };
}

/** The root storage's children: the tree below the root entry's child, through left and right siblings. */
function rootChildren(entries: DirEntry[]): DirEntry[] {
  const out: DirEntry[] = [];
  const seen = new Set<number>();
  const stack = [entries[0]!.child];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === NO_STREAM || seen.has(id) || id >= entries.length) continue;
    seen.add(id);
    const entry = entries[id]!;
    if (entry.type === 0) continue;
    out.push(entry);
    stack.push(entry.left, entry.right);
  }
  return out;
}

/** The fallback for a damaged file: well-formed directory entries at 128-byte-aligned offsets, in file order. */
function scanDirectoryEntries(bytes: Uint8Array, view: DataView): DirEntry[] {
  const out: DirEntry[] = [];
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    const entry = dirEntryAt(bytes, view, at);
    if (entry) out.push(entry);
  }
  return out;
}

/**
 * A file cut short before its directory (LibreOffice and Word write the directory after the
 * streams) still holds the start of its main stream at a sector boundary: Word's FIB (wIdent
 * 0xA5EC, then nFib, the Word version: 0x65 for Word 6 up to a few hundred) or Excel's BOF record
 * of the workbook globals (type 0x0809, BIFF5 0x0500 or BIFF8 0x0600, substream 0x0005). The file
 * is then known for what it was, and LibreOffice is asked to read it (and says it cannot).
 */
function sniffStreamStart(bytes: Uint8Array, view: DataView): OleKind {
  for (let at = 512; at + 8 <= bytes.length; at += 512) {
    const first = view.getUint16(at, true);
    const second = view.getUint16(at + 2, true);
    if (first === 0xa5ec && second >= 0x65 && second <= 0x200) return 'word';
    if (first === 0x0809 && second >= 8 && second <= 20) {
      const version = view.getUint16(at + 4, true);
      if ((version === 0x0500 || version === 0x0600) && view.getUint16(at + 6, true) === 0x0005) return 'excel';
    }
  }
  return 'other';
}

/**
 * Word's FIB starts the WordDocument stream: wIdent 0xA5EC, and fEncrypted (0x0100) in the flags at
 * offset 0x0A. Only the stream's first sector is needed; a stream under the mini-stream cutoff
 * (never a real Word document) is not looked into.
 */
function wordIsEncrypted(bytes: Uint8Array, view: DataView, sectorSize: number, miniCutoff: number, entry: DirEntry): boolean {
  if (entry.size < miniCutoff || entry.start >= MAX_REGULAR_SECTOR) return false;
  const at = (entry.start + 1) * sectorSize;
  if (at + 12 > bytes.length || view.getUint16(at, true) !== 0xa5ec) return false;
  return (view.getUint16(at + 0x0a, true) & 0x0100) !== 0;
}

// ---------------------------------------------------------------------------------------------
// Converting

export interface ConvertOptions {
  /** The soffice executable; found on PATH (and in LibreOffice's usual places) when not given. */
  soffice?: string;
  /** The time limit; READER_LIMITS.conversionSeconds when not given. */
  timeoutMs?: number;
  /** The caller gave up: a conversion waiting is taken out of the queue, one running is killed. */
  signal?: AbortSignal;
}

const MISSING_MESSAGE =
  '读取旧版 Word 文档（.doc/.wps）需要 LibreOffice：请安装 libreoffice-writer-nogui（Excel 97 .xls/.et 另需 libreoffice-calc-nogui），例如 apt-get install libreoffice-writer-nogui libreoffice-calc-nogui';

const COMPONENT_MESSAGES = {
  docx: '读取旧版 Word 文档（.doc/.wps）需要 LibreOffice Writer：请安装 libreoffice-writer-nogui，例如 apt-get install libreoffice-writer-nogui',
  xlsx: '读取旧版 Excel 工作簿（.xls/.et）需要 LibreOffice Calc：请安装 libreoffice-calc-nogui，例如 apt-get install libreoffice-calc-nogui',
} as const;

const FILTERS = { docx: 'docx:MS Word 2007 XML', xlsx: 'xlsx:Calc MS Excel 2007 XML' } as const;

/** What the input is, for LibreOffice (the input file's extension) and for people (the messages). */
interface InputKind {
  ext: string;
  what: string;
}

function inputKind(bytes: Uint8Array, file: string, target: 'docx' | 'xlsx'): InputKind {
  const ext = extname(file).toLowerCase();
  const isRtf = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 5)).toString('latin1') === '{\\rtf';
  if (isRtf) return { ext: 'rtf', what: 'RTF 文档（.rtf）' };
  // The input is named by its content, never by a name LibreOffice could mistake (a .wps is
  // also a Microsoft Works extension; an .et is unknown to it).
  const ole = sniffOle(bytes);
  const word = ole === 'word' || (ole !== 'excel' && target === 'docx');
  if (word) return { ext: 'doc', what: ext === '.wps' ? 'WPS 文字文档（.wps）' : '旧版 Word 文档（.doc）' };
  return { ext: 'xls', what: ext === '.et' ? 'WPS 表格文档（.et）' : '旧版 Excel 工作簿（.xls）' };
}

/** A conversion done elsewhere: in the main thread, for a worker thread of the parse pool (withConverter). */
export type Converter = (bytes: Uint8Array, file: string, target: 'docx' | 'xlsx') => Promise<Uint8Array>;

const converters = new AsyncLocalStorage<Converter>();

/**
 * Runs `task` with its conversions handed to `convert` (issue 72): a worker thread of the parse pool hands them to
 * the main thread, which keeps LibreOffice's processes and folders in hand when the worker is ended at its limit.
 */
export function withConverter<T>(convert: Converter, task: () => Promise<T>): Promise<T> {
  return converters.run(convert, task);
}

/** Converts a .doc/.wps/.rtf to .docx or an .xls/.et to .xlsx with LibreOffice; the converted bytes. */
export async function convertWithLibreOffice(bytes: Uint8Array, file: string, target: 'docx' | 'xlsx', opts: ConvertOptions = {}): Promise<Uint8Array> {
  const elsewhere = converters.getStore();
  if (elsewhere !== undefined && opts.soffice === undefined) return elsewhere(bytes, file, target);
  const kind = inputKind(bytes, file, target);
  const failed = (why: string) => new DocumentReadError(file, null, `无法转换${/^[A-Za-z]/.test(kind.what) ? ' ' : ''}${kind.what}：${why}`);
  const soffice = await findSoffice(opts.soffice);
  if (!soffice) throw new DocumentReadError(file, null, MISSING_MESSAGE);
  try {
    return await inOfficeFolder('office', opts.signal, (dir) => convertIn(dir, soffice, bytes, file, target, kind, opts, failed));
  } catch (e) {
    if (e instanceof OfficeBusyError) throw failed(e.message);
    if (e instanceof OfficeAbortedError) throw failed(e.message);
    if (e instanceof DocumentReadError) throw e;
    throw failed(`无法创建临时目录（${errorCode(e)}）`);
  }
}

async function convertIn(
  dir: string,
  soffice: string,
  bytes: Uint8Array,
  file: string,
  target: 'docx' | 'xlsx',
  kind: InputKind,
  opts: ConvertOptions,
  failed: (why: string) => DocumentReadError,
): Promise<Uint8Array> {
  const input = join(dir, `input.${kind.ext}`);
  const outDir = join(dir, 'out');
  try {
    await writeFile(input, bytes);
    await mkdir(outDir);
  } catch (e) {
    throw failed(`无法写入临时文件（${errorCode(e)}）`);
  }
  const profile = await prepareProfile(join(dir, 'profile'), soffice);
  const args = [
    '--headless', '--norestore', '--nologo', '--nodefault', '--nolockcheck',
    `-env:UserInstallation=${profile}`,
    '--convert-to', FILTERS[target],
    '--outdir', outDir,
    input,
  ];
  const timeoutMs = opts.timeoutMs ?? READER_LIMITS.conversionSeconds * 1000;
  const outcome = await runSoffice({ soffice, args, dir, timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) });
  if (outcome.kind === 'missing') throw new DocumentReadError(file, null, MISSING_MESSAGE);
  if (outcome.kind === 'aborted') throw failed(new OfficeAbortedError().message);
  if (outcome.kind === 'timeout') {
    const limit = formatSeconds(timeoutMs);
    throw failed(limitMessage('LibreOffice 转换时间', `>${limit}`, limit, ' 秒'));
  }
  let output: Buffer | null = null;
  try {
    output = await readFile(join(outDir, `input.${target}`));
  } catch {
    // LibreOffice reports a file it cannot load on stderr and exits 0
  }
  if (!output || output.length === 0) {
    // Without its Calc (or Writer) component LibreOffice opens no workbook (document) at all.
    if (await componentMissing(soffice, target)) throw new DocumentReadError(file, null, COMPONENT_MESSAGES[target]);
    throw failed('LibreOffice 未能打开该文件，文件可能已损坏');
  }
  return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}

function formatSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Whether the LibreOffice installation lacks the component a conversion needs: Debian splits
 * Writer (libswlo) and Calc (libsclo) into packages, and soffice without Calc fails on every .xls
 * exactly as on a damaged one. Only asked after a failure; when the program directory cannot be
 * read, nothing is assumed missing.
 */
async function componentMissing(soffice: string, target: 'docx' | 'xlsx'): Promise<boolean> {
  try {
    const names = await readdir(dirname(await realpath(soffice)));
    if (!names.some((n) => /^(lib)?(sw|sc)lo\.(so|dylib|dll)$/i.test(n))) return false; // not a LibreOffice program directory
    const component = target === 'docx' ? 'sw' : 'sc';
    return !names.some((n) => new RegExp(`^(lib)?${component}lo\\.(so|dylib|dll)$`, 'i').test(n));
  } catch {
    return false;
  }
}
