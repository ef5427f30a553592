/**
 * Importing files: read, parse, refuse what is unreadable, store each document in its own
 * transaction. Shared by the CLI and (later) the web upload.
 */
import type { Diagnostic, ParsedDocument } from '../../../shared/domain/model';
import type { Db } from '../../db/schema';
import { DocumentReadError } from '../../importers/errors';
import { firstError, parseDocumentBytes, parseDocumentFile } from '../../importers/read-document';
import { storeDocument, type StoreOptions, type StoreStatus } from './import.service';

export type FileOutcome =
  | { file: string; ok: true; status: StoreStatus; document: ParsedDocument }
  | { file: string; ok: false; message: string };

/**
 * "file:line: message" for a refused document: one with an error diagnostic (a table cut short,
 * an amount that is not a number) is refused whole, since storing it would store half a document.
 */
export function describeRefusal(doc: ParsedDocument, error: Diagnostic): string {
  const more = doc.diagnostics.filter((d) => d.severity === 'error').length - 1;
  return `${doc.file}:${error.source.line}: ${error.message}${more > 0 ? `（另有 ${more} 处错误）` : ''}，未导入`;
}

/** Parses and stores one document held in memory (an upload, a test): refused whole or stored whole. */
export async function importBytes(db: Db, bytes: Uint8Array, file: string, opts: StoreOptions = {}): Promise<FileOutcome> {
  return store(db, file, () => parseDocumentBytes(bytes, file), opts);
}

export async function importFile(db: Db, file: string, opts: StoreOptions = {}): Promise<FileOutcome> {
  return store(db, file, () => parseDocumentFile(file), opts);
}

async function store(db: Db, file: string, parse: () => Promise<ParsedDocument>, opts: StoreOptions): Promise<FileOutcome> {
  let doc: ParsedDocument;
  try {
    doc = await parse();
  } catch (e) {
    if (e instanceof DocumentReadError) return { file, ok: false, message: e.toOneLine() };
    throw e;
  }
  const error = firstError(doc);
  if (error) return { file, ok: false, message: describeRefusal(doc, error) };
  const result = await storeDocument(db, doc, opts);
  return { file, ok: true, status: result.status, document: doc };
}

export async function importFiles(
  db: Db,
  files: string[],
  opts: StoreOptions & { onProgress?: (done: number, outcome: FileOutcome) => void } = {},
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    const outcome = await importFile(db, file, opts);
    outcomes.push(outcome);
    opts.onProgress?.(outcomes.length, outcome);
  }
  return outcomes;
}
