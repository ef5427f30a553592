/**
 * Importing files: read, parse, refuse what is unreadable, store each document in its own
 * transaction. Shared by the CLI and (later) the web upload. A workbook (.xlsx) may hold several
 * documents: each is stored in its own transaction, and a workbook with any bad cell imports none.
 */
import type { Diagnostic, ParsedDocument } from '../../../shared/domain/model';
import type { Db } from '../../db/schema';
import { DocumentReadError } from '../../importers/errors';
import type { FormTemplate } from '../../../shared/domain/form-template';
import { firstError, parseDocumentBytes, parseDocumentFile, parseDocumentsBytes, parseDocumentsFile } from '../../importers/read-document';
import type { CellError } from '../../importers/xlsx/read-xlsx';
import type { OcrOptions, OcrProgress } from '../../importers/ocr/read-scan';
import { prepareForStorage } from './prepare-document';
import { doubtedTables } from '../../../shared/domain/reading';
import { prepareDocument, storeDocument, SYSTEM_ACTOR, type Prepared, type StoreOptions, type StoreStatus } from './store.service';

/** What became of one document (or of a whole file that could not be read). */
export type FileOutcome =
  | { file: string; ok: true; status: StoreStatus; document: ParsedDocument }
  | {
      file: string;
      ok: false;
      /** One line: file, place, message. */
      message: string;
      /** For a workbook with bad cells: every one of them ("项目!H12", message); `message` names the first. */
      errors?: readonly CellError[];
    };

/**
 * "file:line: message" for a refused document: one with an error diagnostic (a table cut short,
 * an amount that is not a number) is refused whole, since storing it would store half a document.
 */
export function describeRefusal(doc: ParsedDocument, error: Diagnostic): string {
  const more = doc.diagnostics.filter((d) => d.severity === 'error').length - 1;
  return `${doc.file}:${error.source.line}: ${error.message}${more > 0 ? `（另有 ${more} 处错误）` : ''}，未导入`;
}

/** How files are imported: as stored (StoreOptions), and whether a document whose tables' reading is doubted is stored all the same (with its doubts; the review grades none of them). */
export type ImportOptions = StoreOptions & {
  acceptDoubts?: boolean;
  /** Form templates to read with (issue 54), in order of preference. */
  templates?: readonly FormTemplate[];
  /** A scan's reading (issue 56): its progress, its time. */
  ocr?: OcrOptions;
};

/** Every doubt of a document's tables, in order. */
function doubtsOf(doc: ParsedDocument) {
  return [...doc.projects.flatMap((p) => p.reading?.doubts ?? []), ...(doc.departmentTargets?.reading?.doubts ?? []), ...(doc.selfEvaluations ?? []).flatMap((s) => s.reading.doubts)];
}

/**
 * Parses and stores one document held in memory (an upload, a test): refused whole or stored
 * whole. A workbook must hold exactly one document here; importDocumentsBytes takes any workbook.
 */
export async function importBytes(db: Db, bytes: Uint8Array, file: string, opts: ImportOptions = {}): Promise<FileOutcome> {
  return (await store(db, file, async () => [await parseDocumentBytes(bytes, file)], opts))[0]!;
}

/** importBytes for a file on disk. */
export async function importFile(db: Db, file: string, opts: ImportOptions = {}): Promise<FileOutcome> {
  return (await store(db, file, async () => [await parseDocumentFile(file)], opts))[0]!;
}

/**
 * Parses and stores every document of a file held in memory: one outcome per document (several
 * for a workbook), or one refusal for a file that cannot be read or has errors — then nothing
 * of it is stored.
 */
export async function importDocumentsBytes(db: Db, bytes: Uint8Array, file: string, opts: ImportOptions = {}): Promise<FileOutcome[]> {
  return store(db, file, () => parseDocumentsBytes(bytes, file, { templates: opts.templates, ocr: opts.ocr }), opts);
}

/** importDocumentsBytes for a file on disk. */
export async function importDocumentsFile(db: Db, file: string, opts: ImportOptions = {}): Promise<FileOutcome[]> {
  return store(db, file, () => parseDocumentsFile(file, file, { templates: opts.templates, ocr: opts.ocr }), opts);
}

/** A file read for import: its documents (each with its review and digest, `prepared[i]` for `docs[i]`), or why none of it can be imported. */
export type ReadForImport =
  | { ok: true; docs: ParsedDocument[]; prepared: Prepared[]; /** About how many bytes of memory docs and prepared hold (heldBytes). */ weight?: number }
  | { ok: false; message: string; errors?: readonly CellError[] };

/** How a file is read for import: `weigh` its documents, keep each table's `grids`, with these form `templates` (issue 54). */
export interface ReadOptions {
  weigh?: boolean;
  grids?: boolean;
  templates?: readonly FormTemplate[];
  /** A scan's reading (issue 56): its progress, its pages' images for the preview, its time. */
  ocr?: OcrOptions;
}

/**
 * Reads a file held in memory for import, storing nothing: the documents it holds, or (for a file
 * that cannot be read, a workbook with bad cells) one refusal. The upload's preview uses it; a
 * document with error diagnostics is left to the caller (see firstError, describeRefusal). `grids`: each table's
 * grid kept on its document (ParsedDocument.tables) for the preview.
 */
export async function readForImport(bytes: Uint8Array, file: string, opts: ReadOptions = {}): Promise<ReadForImport> {
  const read = await readWith(file, () => parseDocumentsBytes(bytes, file, { grids: opts.grids, templates: opts.templates, ocr: opts.ocr }));
  // Weighed here, in the parse worker: the previews waiting for their commit are bounded by it
  // (`weigh: false` for a caller that keeps no preview: jixiao generate).
  return read.ok && opts.weigh !== false ? { ...read, weight: heldBytes([read.docs, read.prepared]) } : read;
}

/**
 * About how many bytes of memory a tree of plain values holds (strings two bytes a character,
 * objects and arrays their slots): a parsed document is many times its file's size, so a preview
 * is weighed by what it holds. Linear; a value reached twice is counted once.
 */
export function heldBytes(root: unknown): number {
  let bytes = 0;
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') bytes += 16 + 2 * value.length;
    else if (typeof value !== 'object' || value === null) bytes += 8;
    else if (!seen.has(value)) {
      seen.add(value);
      if (ArrayBuffer.isView(value)) {
        bytes += 64 + value.byteLength;
        continue;
      }
      const children = Array.isArray(value) ? value : Object.values(value);
      bytes += 32 + 8 * children.length;
      for (const child of children) stack.push(child);
    }
  }
  return bytes;
}

async function readWith(file: string, parse: () => Promise<ParsedDocument[]>): Promise<ReadForImport> {
  try {
    // The validation step (prepare-document.ts): what storing refuses is an error diagnostic
    // already in the preview and in the CLI's refusal.
    const docs = (await parse()).map(prepareForStorage);
    // Reviewed where it was read: for an upload in a parse worker, off the event loop (the review
    // of a document of thousands of tables takes seconds).
    return { ok: true, docs, prepared: docs.map(prepareDocument) };
  } catch (e) {
    // The workbook reader's module loads ExcelJS (~28 MiB): imported here only for its error, when
    // it has been loaded already (it threw it), so that the server does not load it at start.
    if (e instanceof DocumentReadError && e.name === 'XlsxImportError') {
      const { XlsxImportError } = await import('../../importers/xlsx/read-xlsx');
      if (e instanceof XlsxImportError) return { ok: false, message: e.toOneLine(), errors: e.errors };
    }
    if (e instanceof DocumentReadError) return { ok: false, message: e.toOneLine() };
    throw e;
  }
}

async function store(db: Db, file: string, parse: () => Promise<ParsedDocument[]>, opts: ImportOptions): Promise<FileOutcome[]> {
  const read = await readWith(file, parse);
  if (!read.ok) return [{ file, ok: false, message: read.message, ...(read.errors ? { errors: read.errors } : {}) }];
  const { docs, prepared } = read;
  // A file with an error anywhere stores nothing, not even its good documents.
  const refused = docs.flatMap((doc): FileOutcome[] => {
    const error = firstError(doc);
    if (error) return [{ file, ok: false, message: describeRefusal(doc, error) }];
    // a doubted reading is said before anything is stored (issue 53): stored only when a person accepts it
    const doubted = opts.acceptDoubts === true ? [] : doubtsOf(doc);
    if (doubted.length > 0) {
      const first = doubted[0]!;
      return [{ file, ok: false, message: `${doc.file}:${first.where.line}: 文档中有 ${doubtedTables(doc)} 张表的读取存疑（${first.message}${doubted.length > 1 ? `，另有 ${doubted.length - 1} 处` : ''}），未导入；核对无误后可加 --accept-doubts 导入（存疑的表不评分）` }];
    }
    return [];
  });
  if (refused.length > 0) return refused;
  const outcomes: FileOutcome[] = [];
  for (const [i, doc] of docs.entries()) {
    // the 自评表 a file holds (issue 59) are stored for the 复核; a file of them alone stores no target document
    if (doc.selfEvaluations?.length) {
      const { storeSubmittedSelfEvaluations } = await import('../self-evaluation-review/self-evaluation-review.service');
      const stored = await storeSubmittedSelfEvaluations(db, doc, { actor: opts.actor ?? SYSTEM_ACTOR, region: null, ...(opts.now ? { now: opts.now } : {}) });
      if (doc.projects.length === 0 && doc.departmentTargets === null) {
        outcomes.push({ file, ok: true, status: stored.status, document: doc });
        continue;
      }
    }
    const result = await storeDocument(db, doc, { ...opts, prepared: prepared[i] });
    outcomes.push({ file, ok: true, status: result.status, document: doc });
  }
  return outcomes;
}

/**
 * Imports files one after another: the outcomes of all their documents, in order (a workbook
 * gives one per document). `onProgress` is called once per file, with the number of files done
 * and that file's last outcome; `pageProgress` gives a scan's progress by its pages recognised.
 */
export async function importFiles(
  db: Db,
  files: string[],
  opts: ImportOptions & { onProgress?: (done: number, outcome: FileOutcome) => void; pageProgress?: (file: string) => OcrProgress } = {},
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const [i, file] of files.entries()) {
    const own = await importDocumentsFile(db, file, opts.pageProgress ? { ...opts, ocr: { ...opts.ocr, onProgress: opts.pageProgress(file) } } : opts);
    outcomes.push(...own);
    opts.onProgress?.(i + 1, own[own.length - 1]!);
  }
  return outcomes;
}
