/**
 * Random truncations and corruptions of the real fixtures never crash the importer and never
 * store half a document: each import either changes nothing, or stores the whole document it
 * parsed (and it loads back equal).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/server/db/document.repository';
import { importBytes } from '../../src/server/modules/imports/import-files';
import { snapshotDatabase, useTestDatabase } from '../db/helpers';
import { FIXTURES, readFixture } from '../support/fixtures';

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'overwrite'; at: number; bytes: number[] }
  | { kind: 'deleteLines'; at: number; count: number }
  | { kind: 'duplicateLines'; at: number; count: number }
  | { kind: 'insertTab'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('deleteLines' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicateLines' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('insertTab' as const), at: fc.nat() }),
);

function mutate(original: Buffer, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(original);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
    else if (m.kind === 'overwrite') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at + m.bytes.length)]);
    else if (m.kind === 'insertTab') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from('\t'), bytes.subarray(at)]);
    else {
      const lines = bytes.toString('utf8').split('\n');
      const start = m.at % Math.max(1, lines.length);
      const taken = lines.slice(start, start + m.count);
      if (m.kind === 'deleteLines') lines.splice(start, m.count);
      else lines.splice(start, 0, ...taken);
      bytes = Buffer.from(lines.join('\n'));
    }
  }
  return bytes;
}

describe('corrupted fixtures', () => {
  it.each(Object.values(FIXTURES))('%s: never a crash, never half a document', async (file) => {
    const original = readFixture(file);
    const db = await useTestDatabase();
    const seen = { refused: 0, stored: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const bytes = mutate(original, mutations);
        const before = await snapshotDatabase(db);
        const outcome = await importBytes(db, bytes, file); // any exception fails the property
        const after = await snapshotDatabase(db);
        if (!outcome.ok) {
          seen.refused++;
          expect(outcome.message.startsWith(file)).toBe(true);
          expect(outcome.message).not.toContain('\n');
          expect(after).toEqual(before);
          return;
        }
        if (outcome.status === 'unchanged') {
          expect(after).toEqual(before);
          return;
        }
        seen.stored++;
        const doc = outcome.document;
        const indicators = doc.projects.reduce((n, p) => n + p.indicators.length, 0);
        expect(after.project!.length - before.project!.length).toBe(doc.projects.length);
        expect(after.indicator!.length - before.indicator!.length).toBe(indicators);
        const id = Math.max(...after.document!.map((r) => (JSON.parse(r as string) as { id: number }).id));
        expect(await loadDocument(db, id)).toEqual(doc);
      }),
      { numRuns: 40, seed: 20251122 },
    );
    // both paths were exercised: some corruptions are refused, some still import whole
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.stored).toBeGreaterThan(0);
  });
});
