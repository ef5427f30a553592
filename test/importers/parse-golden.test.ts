/**
 * The parser's golden output (issue 18): the whole ParsedDocument (every value with its source line or cell, every
 * diagnostic, in order) of the four real fixtures, a generated corpus of a few hundred tables, the layout and reader
 * test documents that need no LibreOffice, and Word exports of generated documents (the .docx reader with its grid),
 * must stay exactly what the snapshot beside this file records. The snapshot was made by the parser before its
 * performance work (round 2); any change to a parse result, however small, changes that document's hash here.
 *
 * To regenerate it (only for a deliberate change of the parser's output, in its own commit):
 *   JIXIAO_WRITE_PARSE_GOLDEN=1 JIXIAO_TEST_DB=sqlite npx vitest run test/importers/parse-golden.test.ts
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/server/demo-corpus/generate-corpus';
import { exportDocx } from '../../src/server/exporters/docx-exporter';
import { parseDocumentsBytes } from '../../src/server/importers/read-document';
import { FIXTURE_DIR, FIXTURES, readFixture } from '../support/fixtures';

const SNAPSHOT = join(__dirname, 'parse-golden.snapshot.json');
const CORPUS = { documents: 16, tablesPerDocument: 14, seed: 18, fixtureDir: FIXTURE_DIR };
const DOCUMENTS = join(__dirname, '..', 'documents');
/** Formats read without LibreOffice (the office tests cover the conversion). */
const DIRECT = /\.(docx|html|pdf|xlsx)$/;

interface Golden {
  /** Per input: its name, how many documents, tables and diagnostics were read, and the hash of the whole result. */
  documents: { name: string; documents: number; tables: number; diagnostics: number; hash: string }[];
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

describe('the parser keeps its golden output', () => {
  const inputs: { name: string; bytes: Uint8Array; file: string; volatileBytes?: boolean }[] = [];

  beforeAll(async () => {
    for (const file of Object.values(FIXTURES)) inputs.push({ name: `fixture ${file}`, bytes: readFixture(file), file });
    const corpus = await generateCorpus(CORPUS);
    for (const g of corpus) inputs.push({ name: `corpus ${g.file}`, bytes: Buffer.from(g.text, 'utf8'), file: g.file });
    for (const dir of ['layouts', 'readers/html', 'readers/xlsx']) {
      // scanned.pdf is read by OCR since issue 56: its reading is tesseract's (and its version's), read field by field
      // by test/importers/ocr-scans.test.ts, not pinned here
      for (const file of readdirSync(join(DOCUMENTS, dir)).filter((f) => DIRECT.test(f) && f !== 'scanned.pdf').sort()) {
        inputs.push({ name: `${dir}/${file}`, bytes: readFileSync(join(DOCUMENTS, dir, file)), file });
      }
    }
    // The .docx reader (grid columns, spans, vMerge) on generated content: three corpus documents exported to Word.
    for (const g of corpus.slice(0, 3)) {
      const [doc] = await parseDocumentsBytes(Buffer.from(g.text, 'utf8'), g.file);
      const file = g.file.replace(/\.txt$/, '.docx');
      // the export's bytes carry the time they were written: their digest is left out below
      inputs.push({ name: `export ${file}`, bytes: await exportDocx(doc!), file, volatileBytes: true });
    }
  });

  it('reads exactly what the snapshot records', async () => {
    const documents: Golden['documents'] = [];
    for (const { name, bytes, file, volatileBytes } of inputs) {
      let text: string;
      let counts = { documents: 0, tables: 0, diagnostics: 0 };
      try {
        const docs = await parseDocumentsBytes(bytes, file);
        text = stableJson(volatileBytes ? docs.map((d) => ({ ...d, sha256: '(export)' })) : docs);
        counts = {
          documents: docs.length,
          tables: docs.reduce((n, d) => n + d.projects.length, 0),
          diagnostics: docs.reduce((n, d) => n + d.diagnostics.length, 0),
        };
      } catch (e) {
        // a refused file keeps its refusal (class and message)
        text = `${(e as Error).name}: ${(e as Error).message}`;
      }
      documents.push({ name, ...counts, hash: createHash('sha256').update(text).digest('hex') });
    }
    if (process.env.JIXIAO_WRITE_PARSE_GOLDEN === '1') writeFileSync(SNAPSHOT, `${JSON.stringify({ documents }, null, 1)}\n`);
    expect(existsSync(SNAPSHOT), 'the snapshot is missing: see this file’s header').toBe(true);
    const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Golden;
    // the net is not empty: a few hundred tables, and diagnostics to keep
    expect(documents.reduce((n, d) => n + d.tables, 0)).toBeGreaterThanOrEqual(250);
    expect(documents.reduce((n, d) => n + d.diagnostics, 0)).toBeGreaterThan(0);
    expect(documents).toEqual(expected.documents);
    // every fixture, generated and test document read in turn: 74 s at a load of 18 on two cores
  }, 240_000);
});
