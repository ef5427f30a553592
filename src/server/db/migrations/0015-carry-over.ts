/**
 * 下年目标 (carry-over): a project started from last year's records where it came from, so its
 * editor and its reviewers can show last year's targets and actual values beside each indicator.
 * One row per carried-over project; the project tables and the official table export are unchanged.
 * Deleting either project (its document) takes the row with it.
 */
import type { Kysely, Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function carryOverMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('carry_over')
        .addColumn('project_id', 'integer', (c) => c.primaryKey().references('project.id').onDelete('cascade'))
        .addColumn('source_project_id', 'integer', (c) => c.notNull().references('project.id').onDelete('cascade'))
        .addColumn('created_at', textType(dialect), (c) => c.notNull())
        .addColumn('created_by', textType(dialect), (c) => c.notNull())
        .execute();
      await db.schema.createIndex('carry_over_source_index').on('carry_over').column('source_project_id').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('carry_over').execute();
    },
  };
}
