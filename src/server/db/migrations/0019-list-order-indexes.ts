/**
 * The project list's sorts read in index order, without touching a table row. A list request
 * after a change reads every matching id in sort order (project.repository's allOrderedIds): the
 * planner used to drive it from the documents and sort 100,000 rows in a temporary B-tree (sort by
 * code 100 ms, by budget 107 ms of SQL on SQLite). Each sort column's index now ends with the id
 * (the tie-break) and the document id (what tells a current project), so walking the index gives
 * the order and the filter at once: 14 ms and 27 ms. Budget had no index at all.
 *
 * The indexes keep their names; code and name gain the two columns, status and score (already
 * ending with the id, their use by the status and score filters unchanged) gain the document id.
 */
import type { Kysely, Migration } from 'kysely';

/** name → its columns before (null: none) and after. */
const INDEXES: Record<string, { before: string[] | null; after: string[] }> = {
  project_code_index: { before: ['code'], after: ['code', 'id', 'document_id'] },
  project_name_index: { before: ['name'], after: ['name', 'id', 'document_id'] },
  project_status_index: { before: ['status', 'id'], after: ['status', 'id', 'document_id'] },
  project_score_index: { before: ['quality_score', 'id'], after: ['quality_score', 'id', 'document_id'] },
  project_budget_index: { before: null, after: ['budget_total', 'id', 'document_id'] },
};

async function recreate(db: Kysely<any>, which: 'before' | 'after'): Promise<void> {
  for (const [name, shapes] of Object.entries(INDEXES)) {
    await db.schema.dropIndex(name).ifExists().execute();
    const columns = shapes[which];
    if (columns !== null) await db.schema.createIndex(name).on('project').columns(columns).execute();
  }
}

export const listOrderIndexesMigration: Migration = {
  up: (db) => recreate(db, 'after'),
  down: (db) => recreate(db, 'before'),
};
