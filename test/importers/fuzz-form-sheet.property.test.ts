/**
 * Fuzzing the workbook importer (issue 15; the fuzzing and its promises: fuzz-support.ts): 1,000
 * mutated copies of a sheet laid out as a form, their bytes or the XML of a sheet, each read, and every tenth
 * imported: imported whole or refused by name, in time. SQLite run only (see fuzz-support.ts).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/helpers';
import { TEST_DIALECT } from '../support/test-database';
import { fuzzSeed, newTally, SEEDS } from './fuzz-support';

describe.skipIf(TEST_DIALECT !== 'sqlite')("fuzzing the workbook importer, a sheet laid out as a form: 1,000 inputs", () => {
  const tally = newTally();

  it('mutated documents are imported whole or refused by name, in time', async () => {
    await fuzzSeed(await useTestDatabase(), tally, await SEEDS.form());
  }, 600_000);

  it('every path was taken: inputs read and refused, and imports stored whole', () => {
    expect(tally.inputs).toBe(1_000);
    expect(tally.read).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.imported).toBeGreaterThan(0);
  });
});
