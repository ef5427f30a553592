/**
 * A parsed model without what says where it came from — source locations, file name, format,
 * encoding, hash, each project's form profile (the form its table was filled in: an export is
 * on Jixiao's own table, as document-content.ts leaves it out) and each table's reading (how sure
 * the reader was, not what the table says) — so documents read from different formats can be
 * compared for content.
 */
import type { ParsedDocument } from '../../src/shared/domain/model';

const LOCATION_KEYS = new Set(['source', 'sources', 'overallSource', 'form', 'reading']);

function stripLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripLocations);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !LOCATION_KEYS.has(k))
        .map(([k, v]) => [k, stripLocations(v)]),
    );
  }
  return value;
}

/** The content of a document; `withDiagnostics: false` also leaves out what the importer reported. */
export function modelContent(doc: ParsedDocument, opts: { withDiagnostics?: boolean } = {}): Record<string, unknown> {
  const { file: _file, format: _format, encoding: _encoding, sha256: _sha, diagnostics, ...rest } = doc;
  return stripLocations(opts.withDiagnostics === false ? rest : { ...rest, diagnostics }) as Record<string, unknown>;
}
