/**
 * A document's scope (shared/domain/document-scope.ts): what part of its department's year it
 * covers — the department's document (''), its whole-budget targets table alone ('targets'), or
 * one project's form ('project:<code or name>'). The current documents of a department and year
 * are then one per scope, instead of one: a unit may publish its targets as one 申报表 per project.
 * Documents stored before are the department's document ('').
 */
import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function documentScopeMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('document').addColumn('scope', textType(dialect), (c) => c.notNull().defaultTo('')).execute();
      await db.schema.dropIndex('document_current_department_year_unique').execute();
      await db.schema
        .createIndex('document_current_department_year_scope_unique')
        .unique()
        .on('document')
        .columns(['department_id', 'year', 'scope'])
        .where(sql.ref('is_current'), '=', 1)
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('document_current_department_year_scope_unique').execute();
      await db.schema
        .createIndex('document_current_department_year_unique')
        .unique()
        .on('document')
        .columns(['department_id', 'year'])
        .where(sql.ref('is_current'), '=', 1)
        .execute();
      await db.schema.alterTable('document').dropColumn('scope').execute();
    },
  };
}
