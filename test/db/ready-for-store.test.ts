/**
 * generate stores what its parse worker made ready (parse-worker-task.ts readReady: the import's
 * pure work, every row built, copied back between the threads) through storeReady, instead of the
 * parsed documents through storeDocument. The database must end up the same, row for row: each
 * fixture stored both ways, in turn (so that later ones replace earlier ones), after a structured
 * clone as the copy between threads does. test/cli/generate-golden.test.ts checks generate end to end.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readReady } from '../../src/server/modules/imports/parse-worker-task';
import { readForImport } from '../../src/server/modules/imports/import-files';
import { storeDocument, storeReady } from '../../src/server/modules/imports/store.service';
import { listProjectIdsOfDocument } from '../../src/server/db/project.repository';
import { FIXTURES, fixturePath } from '../support/fixtures';
import { snapshotDatabase, useTestDatabase } from './helpers';
import type { Db } from '../../src/server/db/schema';

/** snapshotDatabase, and the tables it leaves out that the import writes (TABLE_NAMES holds the ones other tests count). */
async function snapshot(db: Db) {
  const more: Record<string, string[]> = {};
  for (const table of ['documentReview', 'projectFindings', 'departmentTarget'] as const) {
    more[table] = (await db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  }
  return { ...(await snapshotDatabase(db)), ...more };
}

const NOW = new Date('2025-03-01T08:00:00.000Z');

describe('a document made ready in the worker', () => {
  it('is stored as storeDocument stores the parsed document', async () => {
    const viaDocument = await useTestDatabase();
    const viaReady = await useTestDatabase();
    const statuses: string[] = [];
    for (const name of Object.values(FIXTURES)) {
      const bytes = readFileSync(fixturePath(name));
      const full = await readForImport(bytes, name, { weigh: false });
      const ready = structuredClone(await readReady({ bytes, file: name }));
      if (!full.ok) {
        // A file the import refuses is refused here too.
        expect(ready.ok).toBe(false);
        continue;
      }
      if (!ready.ok) {
        // readReady refuses a document with an error, as generate does; the import would not store it either.
        expect(full.docs.some((d) => d.diagnostics.some((x) => x.severity === 'error'))).toBe(true);
        continue;
      }
      expect(ready.ready).toHaveLength(full.docs.length);
      for (let i = 0; i < full.docs.length; i++) {
        const a = await storeDocument(viaDocument, full.docs[i]!, { actor: 'alice', now: NOW, prepared: full.prepared[i] });
        const b = await storeReady(viaReady, ready.ready[i]!, { actor: 'alice', now: NOW });
        expect(b.result).toEqual(a);
        expect(b.projectIds).toEqual(a.status === 'unchanged' ? [] : await listProjectIdsOfDocument(viaDocument, a.documentId));
        statuses.push(a.status);
      }
    }
    // Not over nothing: documents were imported, and some replaced others.
    expect(statuses).toContain('imported');
    const stored = await snapshot(viaDocument);
    expect(stored.projectFindings!.length).toBeGreaterThan(0);
    expect(stored.documentReview!.length).toBeGreaterThan(0);
    expect(await snapshot(viaReady)).toEqual(stored);
  });
});
