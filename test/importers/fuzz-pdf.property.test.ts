/**
 * Fuzzing the PDF importer and the format detection (issue 15; the fuzzing and its promises:
 * fuzz-support.ts): 1,500 mutated copies of a PDF, each read, and every tenth imported: imported
 * whole or refused by name, in time; and 500 random byte strings behind each format's signature
 * (zip, PDF, a web page, a byte-order mark, nothing) under each format's name. SQLite run only
 * (see fuzz-support.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/helpers';
import { TEST_DIALECT } from '../support/test-database';
import { check, fuzzSeed, newTally, SEEDS, SIGNATURES } from './fuzz-support';

describe.skipIf(TEST_DIALECT !== 'sqlite')('fuzzing the PDF importer and the format detection: 2,000 inputs', () => {
  const tally = newTally();

  it('PDF: mutated documents are imported whole or refused by name, in time', async () => {
    await fuzzSeed(await useTestDatabase(), tally, await SEEDS.pdf());
  }, 600_000);

  it("random bytes behind each format's signature are refused by name, in time", async () => {
    const db = await useTestDatabase();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SIGNATURES.length - 1 }), fc.uint8Array({ maxLength: 4096 }), fc.constantFrom('x.docx', 'x.xlsx', 'x.pdf', 'x.html', 'x.txt'), async (s, rest, file) => {
        await check(db, tally, Uint8Array.from([...SIGNATURES[s]!, ...rest]), file);
      }),
      { numRuns: 500, seed: 20251130 },
    );
  }, 600_000);

  it('every path was taken: inputs read and refused, and imports stored whole', () => {
    expect(tally.inputs).toBe(2_000);
    expect(tally.read).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.imported).toBeGreaterThan(0);
  });
});
