/**
 * Each project keeps its review findings (JSON), beside the score, grade, finding count and
 * categories it already keeps, and each document its own review result: the department's score
 * and the findings about the document as a whole. The project and department pages show them
 * without reviewing the whole document again on every request (a document of 40 projects takes
 * milliseconds to review, and these pages are the most requested ones). Written wherever the
 * scores are (import, save, generate). A document stored before this migration has no rows until
 * it is next reviewed; the pages review such a document themselves.
 *
 * A table of its own rather than a column of project: the findings are a kilobyte or two per
 * project, and the list's scans and index walks over project rows would read them all.
 */
import type { Kysely, Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function reviewFindingsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('project_findings')
        .addColumn('project_id', 'integer', (c) => c.primaryKey().references('project.id').onDelete('cascade'))
        // Text columns are in code point order on PostgreSQL (0004).
        .addColumn('findings', textType(dialect), (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('document_review')
        .addColumn('document_id', 'integer', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
        // The department's score in hundredths and its grade; null for a document without projects.
        .addColumn('score', 'integer')
        .addColumn('grade', textType(dialect))
        // Findings about the document as a whole (projectIndex null), JSON.
        .addColumn('findings', textType(dialect), (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('document_review').execute();
      await db.schema.dropTable('project_findings').execute();
    },
  };
}
