/**
 * What a document says, without where it came from: its public JSON (document-json.ts) less the
 * file's name, format, encoding, bytes' digest, diagnostics, every location and the projects' form
 * profiles. Two files with
 * the same content — a department's .docx and the same table exported by Jixiao and read back, a
 * PDF printed from it — give the same content, which the import uses to recognise an unchanged
 * document whatever its bytes. Spaces beside Chinese characters are typography and do not count
 * (tidyCjkSpaces): a PDF cannot tell "村 (社区)" from "村(社区)".
 */
import { toDocumentJson } from './document-json';
import type { ParsedDocument } from './model';
import { tidyCjkSpaces } from './text';

/**
 * Keys left out: locations, a project's form profile (`form`), a table's reading (`reading`) and whether the year was
 * inferred (`yearInferred`): the form a table was filled in is not what it says — a Jixiao export of it (the official
 * table) read back has the same content —, nor is how sure its reading was; and a content digest stored before these
 * keys existed stays the digest of the same document.
 */
const LOCATION_KEYS = new Set(['line', 'ref', 'cells', 'overallLine', 'form', 'reading', 'yearInferred']);

/**
 * Any whitespace: \s is exactly what String.prototype.trim removes, and tidyCjkSpaces changes
 * only runs of spaces and the ends' whitespace, so a string without it is already tidy. Most of
 * a document's strings (labels, numbers as text, units) have none: testing first skips
 * tidyCjkSpaces' two replaces and trim for them (0.78x the digest's CPU, bench:import corpus).
 */
const ANY_SPACE = /\s/;

/**
 * JSON.stringify's replacer that leaves out locations and tidies strings, in the one pass that
 * writes the JSON (a copy of the whole document first was most of the digest's time).
 */
function withoutLocations(key: string, value: unknown): unknown {
  if (LOCATION_KEYS.has(key)) return undefined;
  return typeof value === 'string' && ANY_SPACE.test(value) ? tidyCjkSpaces(value) : value;
}

/** The document's content as a canonical JSON string (keys in the public JSON's fixed order). */
export function documentContentJson(doc: ParsedDocument): string {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { file, format, encoding, sha256, diagnostics, ...content } = toDocumentJson(doc);
  return JSON.stringify(content, withoutLocations);
}
