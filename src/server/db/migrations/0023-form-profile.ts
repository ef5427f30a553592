/**
 * A project's form profile (shared/domain/form-profile.ts, issue 30): the form its table was filled
 * in — which header fields and indicator columns it has, under which names — as JSON in
 * project.form (read and written with the project, never searched). NULL for a project made on
 * Jixiao's own table (the editor, Jixiao's workbook) and for the projects stored before: they read
 * as the official table (formOf), as they were judged before.
 */
import type { Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function formProfileMigration(dialect: DialectName): Migration {
  return {
    async up(db) {
      await db.schema.alterTable('project').addColumn('form', textType(dialect)).execute();
    },
    async down(db) {
      await db.schema.alterTable('project').dropColumn('form').execute();
    },
  };
}
