/**
 * The fuzzing of every importer (issue 15), shared by its files, one per family of formats (issue
 * 38: the 10,000 inputs in one file took 150 s; split along the formats, each file runs its own
 * share with the same seeds and run counts, so the inputs are the same ones as before):
 *
 * - fuzz-text.property.test.ts: plain text (2,500) and a GBK web page (1,500);
 * - fuzz-word.property.test.ts: Word (2,000) and old Office files through LibreOffice (12);
 * - fuzz-sheets.property.test.ts: Jixiao's workbook (1,000) and a sheet laid out as a form (1,000);
 * - fuzz-pdf.property.test.ts: PDF (1,500) and random bytes behind each format's signature (500).
 *
 * Each input is imported as `jixiao import` and an upload do (importBytes: read, refuse what has
 * errors, store in one transaction). For every input:
 *
 * - no crash: it is read (readForImport: the reader, the parser, the refusals and the validation
 *   before storing) or refused with one line naming the file; nothing else is thrown;
 * - no hang: it settles within 5 seconds (a hang detector, not a speed measurement);
 * - no partial import: every tenth input is also imported (importBytes, one transaction): a
 *   refusal changes no row; an import adds exactly the document's projects and indicators, and the
 *   document loads back as it was parsed.
 *
 * Mutations work on the bytes (flips, cuts, insertions, repeated slices) and, for zip packages,
 * on the XML inside (parts cut out, repeated or interleaved with stray tags, then zipped again),
 * which reaches the readers behind the zip check. .doc and .xls go through LibreOffice, a
 * second each: a few of them run apart. Runs on the SQLite run only: the readers do not depend on
 * the database, and the transactions on PostgreSQL are covered by corruption.property.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { loadDocument } from '../../src/server/db/document.repository';
import { exportDocx } from '../../src/server/exporters/docx-exporter';
import { exportXlsx } from '../../src/server/exporters/xlsx-exporter';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { importBytes, readForImport } from '../../src/server/modules/imports/import-files';
import { countRows, type useTestDatabase } from '../db/helpers';
import { FIXTURES, readFixture } from '../support/fixtures';

export const LAYOUTS = join(__dirname, '..', 'documents', 'layouts');
const HANG_MS = 5_000;

export type ByteMutation =
  | { kind: 'flip'; at: number; bytes: number[] }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'repeat'; at: number; length: number }
  | { kind: 'drop'; at: number; length: number };

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 24 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 2000 }) }),
);

export function mutateBytes(original: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let b = Buffer.from(original);
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'flip') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at + m.bytes.length)]);
    else if (m.kind === 'cut') b = b.subarray(0, at);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    else if (m.kind === 'repeat') b = Buffer.concat([b.subarray(0, at + m.length), b.subarray(at)]);
    else b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
  }
  return b;
}

/** Tags a reader meets in Word and sheet XML, stray ones put in the wrong places. */
const STRAY = ['<w:tc>', '</w:tc>', '<w:tr>', '</w:tbl>', '<w:vMerge/>', '<w:gridSpan w:val="99999"/>', '<w:t>', '</w:p>', '<row r="1048577">', '<c r="XFD1" t="s"><v>999999</v></c>', '<mergeCell ref="A1:XFD1048576"/>', '&#0;', '<![CDATA[', '<!--'];

export type XmlMutation =
  | { kind: 'drop' | 'repeat'; at: number; length: number }
  | { kind: 'stray'; at: number; tag: number }
  | { kind: 'element'; at: number; op: 'drop' | 'repeat' | 'move'; to: number };

export const xmlMutation: fc.Arbitrary<XmlMutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop' as const, 'repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ kind: fc.constant('stray' as const), at: fc.nat(), tag: fc.nat() }),
  // Whole elements, so the XML stays well-formed and reaches Jixiao's own table logic.
  fc.record({ kind: fc.constant('element' as const), at: fc.nat(), op: fc.constantFrom('drop' as const, 'repeat' as const, 'move' as const), to: fc.nat() }),
);

/** Elements that are not nested in themselves: rows and cells of a sheet, rows, cells and paragraphs of Word. */
const ELEMENT = /<(row|c|mergeCell|w:tr|w:tc|w:p)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g;

/**
 * A package unzipped once, its parts stored uncompressed, and the part's XML: each mutation only
 * replaces the part and zips again, instead of inflating every part of the original anew (a third
 * of the Word family's time went there; issue 38). Mutations run one after another.
 */
const unzipped = new Map<string, Promise<{ zip: JSZip; xml: string }>>();
function unzip(original: Uint8Array, part: string): Promise<{ zip: JSZip; xml: string }> {
  const key = `${part}\u0000${Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64')}`;
  let u = unzipped.get(key);
  if (u === undefined) {
    u = (async () => {
      const stored = await (await JSZip.loadAsync(original)).generateAsync({ type: 'uint8array', compression: 'STORE' });
      const zip = await JSZip.loadAsync(stored);
      return { zip, xml: await zip.file(part)!.async('string') };
    })();
    unzipped.set(key, u);
  }
  return u;
}

/** Mutates one XML part of a zip package and zips it again (stored: the readers must unzip it). */
export async function mutateXml(original: Uint8Array, part: string, mutations: readonly XmlMutation[]): Promise<Uint8Array> {
  const { zip, xml: originalXml } = await unzip(original, part);
  let xml = originalXml;
  for (const m of mutations) {
    const at = xml.length === 0 ? 0 : m.at % xml.length;
    if (m.kind === 'element') {
      const found = [...xml.matchAll(ELEMENT)];
      if (found.length === 0) continue;
      const el = found[m.at % found.length]!;
      const start = el.index!;
      const end = start + el[0].length;
      if (m.op === 'drop') xml = xml.slice(0, start) + xml.slice(end);
      else if (m.op === 'repeat') xml = xml.slice(0, end) + el[0] + xml.slice(end);
      else {
        const rest = xml.slice(0, start) + xml.slice(end);
        const target = found[m.to % found.length]!.index! % Math.max(1, rest.length);
        const cut = rest.lastIndexOf('<', target);
        xml = rest.slice(0, Math.max(0, cut)) + el[0] + rest.slice(Math.max(0, cut));
      }
    } else if (m.kind === 'stray') xml = xml.slice(0, at) + STRAY[m.tag % STRAY.length] + xml.slice(at);
    else if (m.kind === 'drop') xml = xml.slice(0, at) + xml.slice(at + m.length);
    else xml = xml.slice(0, at + m.length) + xml.slice(at);
  }
  zip.file(part, xml);
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

export interface Seed {
  name: string;
  file: string;
  bytes: Uint8Array;
  /** The XML part that XML mutations work on (zip packages). */
  part?: string;
  runs: number;
  /** fast-check's seed: 20251123 + the seed's number in the one file the fuzzing was (0–5). */
  seed: number;
}

const layout = (f: string) => new Uint8Array(readFileSync(join(LAYOUTS, f)));
const fixtureDocument = () => parseDocumentBytes(readFixture(FIXTURES.f000), FIXTURES.f000);

/** The mutated documents' originals, by family. */
export const SEEDS = {
  text: async (): Promise<Seed> => ({ name: 'text', file: 'fuzz.txt', bytes: readFixture(FIXTURES.f000), runs: 2_500, seed: 20251123 }),
  word: async (): Promise<Seed> => ({ name: 'Word', file: 'fuzz.docx', bytes: await exportDocx(await fixtureDocument()), part: 'word/document.xml', runs: 2_000, seed: 20251124 }),
  workbook: async (): Promise<Seed> => ({ name: "Jixiao's workbook", file: 'fuzz.xlsx', bytes: await exportXlsx([await fixtureDocument()], { findings: false }), part: 'xl/worksheets/sheet5.xml', runs: 1_000, seed: 20251125 }),
  form: async (): Promise<Seed> => ({ name: 'a sheet laid out as a form', file: 'form.xlsx', bytes: layout('04-framework-2021.xlsx'), part: 'xl/worksheets/sheet1.xml', runs: 1_000, seed: 20251126 }),
  html: async (): Promise<Seed> => ({ name: 'a GBK web page', file: 'fuzz.html', bytes: layout('05-synonyms.html'), runs: 1_500, seed: 20251127 }),
  pdf: async (): Promise<Seed> => ({ name: 'PDF', file: 'fuzz.pdf', bytes: layout('07-header-fields-b.pdf'), runs: 1_500, seed: 20251128 }),
} as const;

/** Random bytes behind each format's signature: zip, OLE, PDF, a web page, nothing. */
export const SIGNATURES = [[0x50, 0x4b, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46, 0x2d], [0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e], [0xef, 0xbb, 0xbf], []];

async function settle<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS / 1000} s`)), HANG_MS);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Tally {
  inputs: number;
  refused: number;
  read: number;
  imported: number;
}

export const newTally = (): Tally => ({ inputs: 0, refused: 0, read: 0, imported: 0 });

type TestDb = Awaited<ReturnType<typeof useTestDatabase>>;

/**
 * Reads one input (and imports every tenth) and checks the three promises. The tally counts a
 * file's inputs; every family's run count is a multiple of ten, so the inputs imported are the
 * ones they were when all families ran in one file.
 */
export async function check(db: TestDb, tally: Tally, bytes: Uint8Array, file: string): Promise<void> {
  tally.inputs++;
  const read = await settle(readForImport(bytes, file)); // any exception fails the property
  if (!read.ok) {
    tally.refused++;
    expect(read.message.startsWith(file)).toBe(true);
    expect(read.message).not.toContain('\n');
  } else tally.read++;
  if (tally.inputs % 10 !== 0) return;
  const before = await countRows(db);
  const outcome = await settle(importBytes(db, bytes, file)); // any exception fails the property
  const after = await countRows(db);
  if (!outcome.ok) {
    expect(outcome.message.startsWith(file)).toBe(true);
    expect(after).toEqual(before);
    return;
  }
  if (outcome.status === 'unchanged') {
    expect(after).toEqual(before);
    return;
  }
  tally.imported++;
  const doc = outcome.document;
  expect(after.project! - before.project!).toBe(doc.projects.length);
  expect(after.indicator! - before.indicator!).toBe(doc.projects.reduce((n, p) => n + p.indicators.length, 0));
  const { id } = await db.selectFrom('document').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
  expect(await loadDocument(db, Number(id))).toEqual(doc);
}

/** Mutated copies of a seed's document (bytes, or the XML of its part), each checked. */
export async function fuzzSeed(db: TestDb, tally: Tally, seed: Seed): Promise<void> {
  const input = seed.part
    ? fc.oneof(
        fc.array(byteMutation, { minLength: 1, maxLength: 3 }).map((m) => ({ bytes: m, xml: [] as XmlMutation[] })),
        fc.array(xmlMutation, { minLength: 1, maxLength: 4 }).map((m) => ({ bytes: [] as ByteMutation[], xml: m })),
      )
    : fc.array(byteMutation, { minLength: 1, maxLength: 3 }).map((m) => ({ bytes: m, xml: [] as XmlMutation[] }));
  // The original, read once first and not counted: the first read of a format loads its reader
  // (pdf.js is megabytes), which on a busy machine took longer than the hang detector's 5 s on the
  // first mutated PDF when each family ran in a file of its own.
  await readForImport(seed.bytes, seed.file);
  await fc.assert(
    fc.asyncProperty(input, async ({ bytes, xml }) => {
      const mutated = xml.length > 0 ? await mutateXml(seed.bytes, seed.part!, xml) : mutateBytes(seed.bytes, bytes);
      await check(db, tally, mutated, seed.file);
    }),
    { numRuns: seed.runs, seed: seed.seed },
  );
}
