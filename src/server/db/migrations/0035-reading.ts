/**
 * How sure the reading of a table was (shared/domain/reading.ts, issue 53): a project's and a department-wide
 * table's doubts, as JSON in project.reading and department_target.reading (read and written with the row,
 * never searched). NULL for a table made on Jixiao's own table (the editor, Jixiao's workbook) and for the rows
 * stored before: they read as certain, as they were judged before.
 */
import type { Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function readingMigration(dialect: DialectName): Migration {
  return {
    async up(db) {
      await db.schema.alterTable('project').addColumn('reading', textType(dialect)).execute();
      await db.schema.alterTable('department_target').addColumn('reading', textType(dialect)).execute();
    },
    async down(db) {
      await db.schema.alterTable('department_target').dropColumn('reading').execute();
      await db.schema.alterTable('project').dropColumn('reading').execute();
    },
  };
}
