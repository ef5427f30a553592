/**
 * Test support for the domain API: the four real fixtures imported into a test app's database,
 * with their departments and project ids at hand.
 */
import type { Db } from '../../src/server/db/schema';
import { importBytes } from '../../src/server/modules/imports/import-files';
import { FIXTURES, readFixture, type FixtureKey } from '../support/fixtures';

export interface ImportedFixture {
  key: FixtureKey;
  file: string;
  documentId: number;
  departmentId: number;
  year: number;
  /** In document order. */
  projectIds: number[];
}

/** Imports one fixture (as the CLI would) and returns its ids. */
export async function importFixture(db: Db, key: FixtureKey, opts: { actor?: string; now?: Date } = {}): Promise<ImportedFixture> {
  const file = FIXTURES[key];
  const outcome = await importBytes(db, readFixture(file), file, opts);
  if (!outcome.ok) throw new Error(`fixture ${file} not imported: ${outcome.message}`);
  const doc = await db
    .selectFrom('document')
    .select(['id', 'departmentId', 'year'])
    .where('sha256', '=', outcome.document.sha256)
    .where('isCurrent', '=', 1)
    .executeTakeFirstOrThrow();
  const projects = await db.selectFrom('project').select('id').where('documentId', '=', doc.id).orderBy('position').execute();
  return { key, file, documentId: doc.id, departmentId: doc.departmentId!, year: doc.year!, projectIds: projects.map((p) => p.id) };
}

/** Imports all four fixtures. */
export async function importAllFixtures(db: Db): Promise<Record<FixtureKey, ImportedFixture>> {
  const out = {} as Record<FixtureKey, ImportedFixture>;
  for (const key of Object.keys(FIXTURES) as FixtureKey[]) out[key] = await importFixture(db, key);
  return out;
}
