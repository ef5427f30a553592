/**
 * 审批与公开 (issue 33): the regions' settings per budget year (the ex-ante gate, its budget-change
 * threshold in per-mille, publication only after 批复), the 批复 batches (a department's approved
 * projects issued with one 文号 and date; the 文号 unique in a region and year), and each issued
 * project's batch (`project.approval_batch_id`; its status 已批复 'issued', shared/domain/workflow.ts).
 * Nothing is filled: no region has a setting (the defaults: gate off), no project is issued.
 */
import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './columns';
import type { DialectName } from './index';

export function approvalMigration(dialect: DialectName): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('approval_setting')
        .addColumn('region_code', text, (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('ex_ante_gate', 'integer', (c) => c.notNull())
        .addColumn('budget_change_per_mille', 'integer', (c) => c.notNull())
        .addColumn('publish_requires_issue', 'integer', (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .addColumn('updated_by', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('approval_setting_pk', ['region_code', 'year'])
        .execute();

      await db.schema
        .createTable('approval_batch')
        .addColumn('id', 'integer', idColumn(dialect))
        .addColumn('department_id', 'integer', (c) => c.notNull().references('department.id'))
        .addColumn('region_code', text)
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('doc_number', text, (c) => c.notNull())
        .addColumn('issued_on', text, (c) => c.notNull())
        .addColumn('created_by', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('approval_batch_number_unique').on('approval_batch').columns(['region_code', 'year', 'doc_number']).unique().execute();
      await db.schema.createIndex('approval_batch_department_index').on('approval_batch').columns(['department_id', 'year']).execute();

      // No foreign key, as the region columns (0025): SQLite cannot add one to an existing table.
      await db.schema.alterTable('project').addColumn('approval_batch_id', 'integer').execute();
      await db.schema.createIndex('project_approval_batch_index').on('project').column('approval_batch_id').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('project_approval_batch_index').execute();
      await db.schema.alterTable('project').dropColumn('approval_batch_id').execute();
      await db.schema.dropTable('approval_batch').execute();
      await db.schema.dropTable('approval_setting').execute();
    },
  };
}
