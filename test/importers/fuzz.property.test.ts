/**
 * Fuzzing every importer (issue 15): 10,000 random and mutated documents — text, Word, Jixiao's
 * workbook, a sheet laid out as a form, a GBK web page, a PDF, and random bytes behind each
 * format's signature — each imported as `jixiao import` and an upload do (importBytes: read,
 * refuse what has errors, store in one transaction). For every input:
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
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/server/db/document.repository';
import { exportDocx } from '../../src/server/exporters/docx-exporter';
import { exportXlsx } from '../../src/server/exporters/xlsx-exporter';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { importBytes, readForImport } from '../../src/server/modules/imports/import-files';
import { countRows, useTestDatabase } from '../db/helpers';
import { FIXTURES, readFixture } from '../support/fixtures';
import { TEST_DIALECT } from '../support/test-database';

const LAYOUTS = join(__dirname, '..', 'documents', 'layouts');
const HANG_MS = 5_000;

type ByteMutation =
  | { kind: 'flip'; at: number; bytes: number[] }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'repeat'; at: number; length: number }
  | { kind: 'drop'; at: number; length: number };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 24 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 2000 }) }),
);

function mutateBytes(original: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
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

type XmlMutation =
  | { kind: 'drop' | 'repeat'; at: number; length: number }
  | { kind: 'stray'; at: number; tag: number }
  | { kind: 'element'; at: number; op: 'drop' | 'repeat' | 'move'; to: number };

const xmlMutation: fc.Arbitrary<XmlMutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop' as const, 'repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ kind: fc.constant('stray' as const), at: fc.nat(), tag: fc.nat() }),
  // Whole elements, so the XML stays well-formed and reaches Jixiao's own table logic.
  fc.record({ kind: fc.constant('element' as const), at: fc.nat(), op: fc.constantFrom('drop' as const, 'repeat' as const, 'move' as const), to: fc.nat() }),
);

/** Elements that are not nested in themselves: rows and cells of a sheet, rows, cells and paragraphs of Word. */
const ELEMENT = /<(row|c|mergeCell|w:tr|w:tc|w:p)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g;

/** Mutates one XML part of a zip package and zips it again (stored: the readers must unzip it). */
async function mutateXml(original: Uint8Array, part: string, mutations: readonly XmlMutation[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(original);
  let xml = await zip.file(part)!.async('string');
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

interface Seed {
  name: string;
  file: string;
  bytes: Uint8Array;
  /** The XML part that XML mutations work on (zip packages). */
  part?: string;
  runs: number;
}

const seeds: Seed[] = [];
beforeAll(async () => {
  const text = readFixture(FIXTURES.f000);
  const doc = await parseDocumentBytes(text, FIXTURES.f000);
  const layout = (f: string) => new Uint8Array(readFileSync(join(LAYOUTS, f)));
  seeds.push(
    { name: 'text', file: 'fuzz.txt', bytes: text, runs: 2_500 },
    { name: 'Word', file: 'fuzz.docx', bytes: await exportDocx(doc), part: 'word/document.xml', runs: 2_000 },
    { name: "Jixiao's workbook", file: 'fuzz.xlsx', bytes: await exportXlsx([doc], { findings: false }), part: 'xl/worksheets/sheet5.xml', runs: 1_000 },
    { name: 'a sheet laid out as a form', file: 'form.xlsx', bytes: layout('04-framework-2021.xlsx'), part: 'xl/worksheets/sheet1.xml', runs: 1_000 },
    { name: 'a GBK web page', file: 'fuzz.html', bytes: layout('05-synonyms.html'), runs: 1_500 },
    { name: 'PDF', file: 'fuzz.pdf', bytes: layout('07-header-fields-b.pdf'), runs: 1_500 },
  );
});

/** Random bytes behind each format's signature: zip, OLE, PDF, a web page, nothing. */
const SIGNATURES = [[0x50, 0x4b, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46, 0x2d], [0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e], [0xef, 0xbb, 0xbf], []];

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

describe.skipIf(TEST_DIALECT !== 'sqlite')('fuzzing every importer: 10,000 inputs', () => {
  const tally = { inputs: 0, refused: 0, read: 0, imported: 0 };

  /** Reads one input (and imports every tenth) and checks the three promises. */
  async function check(db: Awaited<ReturnType<typeof useTestDatabase>>, bytes: Uint8Array, file: string): Promise<void> {
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

  it.each([0, 1, 2, 3, 4, 5])('seed %i: mutated documents are imported whole or refused by name, in time', async (i) => {
    const seed = seeds[i]!;
    const db = await useTestDatabase();
    const input = seed.part
      ? fc.oneof(
          fc.array(byteMutation, { minLength: 1, maxLength: 3 }).map((m) => ({ bytes: m, xml: [] as XmlMutation[] })),
          fc.array(xmlMutation, { minLength: 1, maxLength: 4 }).map((m) => ({ bytes: [] as ByteMutation[], xml: m })),
        )
      : fc.array(byteMutation, { minLength: 1, maxLength: 3 }).map((m) => ({ bytes: m, xml: [] as XmlMutation[] }));
    await fc.assert(
      fc.asyncProperty(input, async ({ bytes, xml }) => {
        const mutated = xml.length > 0 ? await mutateXml(seed.bytes, seed.part!, xml) : mutateBytes(seed.bytes, bytes);
        await check(db, mutated, seed.file);
      }),
      { numRuns: seed.runs, seed: 20251123 + i },
    );
  }, 600_000);

  it('random bytes behind each format\'s signature are refused by name, in time', async () => {
    const db = await useTestDatabase();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SIGNATURES.length - 1 }), fc.uint8Array({ maxLength: 4096 }), fc.constantFrom('x.docx', 'x.xlsx', 'x.pdf', 'x.html', 'x.txt'), async (s, rest, file) => {
        await check(db, Uint8Array.from([...SIGNATURES[s]!, ...rest]), file);
      }),
      { numRuns: 500, seed: 20251130 },
    );
    expect(tally.inputs).toBe(10_000);
    // Every path was taken: inputs read and refused, and imports stored whole.
    expect(tally.read).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.imported).toBeGreaterThan(0);
  }, 600_000);

  it('old Office files (through LibreOffice) mutated: imported whole or refused by name', async () => {
    const db = await useTestDatabase();
    const doc = new Uint8Array(readFileSync(join(LAYOUTS, '11-single-project.doc')));
    const xls = new Uint8Array(readFileSync(join(LAYOUTS, '10-department.xls')));
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(byteMutation, { minLength: 1, maxLength: 2 }), async (word, mutations) => {
        const file = word ? 'fuzz.doc' : 'fuzz.xls';
        const before = await countRows(db);
        const outcome = await importBytes(db, mutateBytes(word ? doc : xls, mutations), file);
        if (!outcome.ok) {
          expect(outcome.message.startsWith(file)).toBe(true);
          expect(await countRows(db)).toEqual(before);
        }
      }),
      { numRuns: 12, seed: 20251124 },
    );
  }, 600_000);
});
