/**
 * Fuzzing the old Office importers (issue 15; the fuzzing: fuzz-support.ts): Word 97 and Excel 97
 * files (.doc and .xls, read through LibreOffice, a second each: a few) mutated: imported whole or
 * refused by name. SQLite run only (see fuzz-support.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../src/server/modules/imports/import-files';
import { countRows, useTestDatabase } from '../db/helpers';
import { TEST_DIALECT } from '../support/test-database';
import { byteMutation, LAYOUTS, mutateBytes } from './fuzz-support';

describe.skipIf(TEST_DIALECT !== 'sqlite')('fuzzing the old Office importers: 12 files', () => {
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
