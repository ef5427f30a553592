/**
 * What documents of every layout hold beyond the Hebei tables (issue 14):
 * - a project's further money lines, the whole project's money, the form's other labelled fields,
 *   its long-term goals and indicators and its narrative (JSON: read and written with the project,
 *   never searched);
 * - an indicator's cells in columns the model does not know (extras), a period's start and a
 *   standard written in brackets after the value;
 * - a document's content digest (document-content.ts), so that the same content in other bytes
 *   (a document Jixiao exported, read back) is recognised as unchanged;
 * - the department's whole-budget targets (部门整体支出绩效目标表), one row per document, its
 *   duties and indicators as JSON in the row (they are shown and exported with it, never queried
 *   on their own).
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from './index';
import { textColumnsInCodePointOrder } from './0004-text-order';

export function documentsFromAnywhereMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const json = (table: string, column: string, nullable = false) =>
        db.schema
          .alterTable(table)
          .addColumn(column, 'text', (c) => (nullable ? c : c.notNull().defaultTo('[]')))
          .execute();
      for (const column of ['budget_lines', 'fields', 'long_term_goals', 'long_term_indicators', 'narrative']) await json('project', column);
      await json('project', 'project_budget', true);
      await json('indicator', 'extras');
      await json('indicator', 'target_start', true);
      await db.schema.alterTable('indicator').addColumn('target_standard', 'text').execute();
      await db.schema.alterTable('document').addColumn('content_sha256', 'text').execute();
      await db.schema.createIndex('document_content_sha256_index').on('document').column('content_sha256').execute();

      await db.schema
        .createTable('department_target')
        .addColumn('document_id', 'integer', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text')
        .addColumn('department_name', 'text')
        .addColumn('budget_code', 'text')
        .addColumn('year', 'integer')
        .addColumn('amount_unit', 'text', (c) => c.notNull())
        .addColumn('budget_total', 'bigint')
        .addColumn('budget_project', 'bigint')
        .addColumn('budget_basic', 'bigint')
        .addColumn('goals', 'text', (c) => c.notNull())
        .addColumn('duties', 'text', (c) => c.notNull())
        .addColumn('indicators', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('ref', 'text')
        .addColumn('sources', 'text', (c) => c.notNull())
        .execute();
      if (dialect === 'postgres') await textColumnsInCodePointOrder(db, 'C');
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('department_target').execute();
      await db.schema.dropIndex('document_content_sha256_index').execute();
      await db.schema.alterTable('document').dropColumn('content_sha256').execute();
      for (const column of ['extras', 'target_start', 'target_standard']) await db.schema.alterTable('indicator').dropColumn(column).execute();
      for (const column of ['budget_lines', 'project_budget', 'fields', 'long_term_goals', 'long_term_indicators', 'narrative']) {
        await db.schema.alterTable('project').dropColumn(column).execute();
      }
    },
  };
}
