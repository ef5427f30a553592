/**
 * Fuzzing the text importers (issue 15; the fuzzing and its promises: fuzz-support.ts): 2,500
 * mutated copies of a fixture as plain text and 1,500 of a GBK web page, each read, and every
 * tenth imported: imported whole or refused by name, in time. SQLite run only (see fuzz-support.ts).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/helpers';
import { TEST_DIALECT } from '../support/test-database';
import { fuzzSeed, newTally, SEEDS } from './fuzz-support';

describe.skipIf(TEST_DIALECT !== 'sqlite')('fuzzing the text importers: 4,000 inputs', () => {
  const tally = newTally();

  it('plain text: mutated documents are imported whole or refused by name, in time', async () => {
    await fuzzSeed(await useTestDatabase(), tally, await SEEDS.text());
  }, 600_000);

  it('a GBK web page: mutated documents are imported whole or refused by name, in time', async () => {
    await fuzzSeed(await useTestDatabase(), tally, await SEEDS.html());
  }, 600_000);

  it('every path was taken: inputs read and refused, and imports stored whole', () => {
    expect(tally.inputs).toBe(4_000);
    expect(tally.read).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.imported).toBeGreaterThan(0);
  });
});
