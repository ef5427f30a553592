/**
 * project.document_year (issue 32): its document's budget year, filled from it. The screens filter
 * by the document's year (`d.year = $y`); a project's own `year` comes from its code, which a
 * carried-over project keeps, so it cannot stand for it. With this column a statement of one year
 * says it of the project rows too, and the partitioned layout (src/server/db/partitioning.ts,
 * partitioned by it and then by region_code) reads that year's partitions only. Written by every
 * import (insertDocumentRows); a document's year never changes, nor a project's document.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The backfill (exported for its test): every project takes its document's year. */
export async function fillDocumentYears(db: Kysely<any>): Promise<void> {
  await sql`update project set document_year = (select d.year from document d where d.id = project.document_id)`.execute(db);
}

export const projectDocumentYearMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('project').addColumn('document_year', 'integer').execute();
    await fillDocumentYears(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('project').dropColumn('document_year').execute();
  },
};
