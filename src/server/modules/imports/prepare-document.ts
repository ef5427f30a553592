/**
 * The import's validation step: what a parsed document must pass before it is stored, whatever
 * reader it came from (the readers under importers/ only read). Run on every document read for
 * import (import-files.ts: the CLI, and the upload's parse workers) and again by storeDocument
 * as its own guard:
 *
 * - every amount and percent within bounds (shared/domain/amount-bounds.ts): one error
 *   diagnostic each, code `amount-out-of-range`, naming the project and the field; a document
 *   with an error is refused whole, as always.
 *
 * Idempotent: preparing a prepared document changes nothing.
 */
import { documentBoundProblems } from '../../../shared/domain/amount-bounds';
import type { Diagnostic, ParsedDocument } from '../../../shared/domain/model';

export const AMOUNT_OUT_OF_RANGE = 'amount-out-of-range';

/** The document as it may be stored: with an error diagnostic for every amount out of bounds. */
export function prepareForStorage(doc: ParsedDocument): ParsedDocument {
  const known = new Set(doc.diagnostics.filter((d) => d.code === AMOUNT_OUT_OF_RANGE).map((d) => d.message));
  const added = documentBoundProblems(doc)
    .filter((p) => !known.has(p.message))
    .map((p): Diagnostic => ({ severity: 'error', code: AMOUNT_OUT_OF_RANGE, message: p.message, source: p.source }));
  return added.length === 0 ? doc : { ...doc, diagnostics: [...doc.diagnostics, ...added] };
}

/** A document storeDocument will not store; the message is for people. */
export class DocumentRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentRefusedError';
  }
}

/** Throws DocumentRefusedError naming the first problem when a prepared document may not be stored. */
export function assertStorable(doc: ParsedDocument): void {
  const problems = doc.diagnostics.filter((d) => d.code === AMOUNT_OUT_OF_RANGE);
  if (problems.length === 0) return;
  const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处）` : '';
  throw new DocumentRefusedError(`${doc.file}:${problems[0]!.source.line}: ${problems[0]!.message}${more}，未导入`);
}
