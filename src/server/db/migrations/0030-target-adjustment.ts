/**
 * 目标调整 (issue 33): a department's requests to adjust an approved project's targets, and the
 * versions they become. One row per request: the complete rows of the targets as asked (JSON,
 * shared/domain/target-adjustment.ts TargetRow[]), the reason, the effective date, the budget
 * after the adjustment (fen; null: unchanged), who asked when; the decision (approved: the row is
 * version `version` of the project's targets, 2, 3 …; returned with a comment), who decided when.
 * Version 1 is the project's own indicator rows, never changed. Nothing is filled.
 */
import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './columns';
import type { DialectName } from './index';

export function targetAdjustmentMigration(dialect: DialectName): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('target_adjustment')
        .addColumn('id', 'integer', idColumn(dialect))
        .addColumn('project_id', 'integer', (c) => c.notNull().references('project.id'))
        .addColumn('department_id', 'integer', (c) => c.notNull().references('department.id'))
        .addColumn('region_code', text)
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('version', 'integer')
        .addColumn('effective_on', text, (c) => c.notNull())
        .addColumn('reason', text, (c) => c.notNull())
        .addColumn('rows', text, (c) => c.notNull())
        .addColumn('budget_fen', 'bigint')
        .addColumn('requested_by', text, (c) => c.notNull())
        .addColumn('requested_by_user_id', 'integer')
        .addColumn('requested_at', text, (c) => c.notNull())
        .addColumn('decided_by', text)
        .addColumn('decided_at', text)
        .addColumn('comment', text)
        .execute();
      await db.schema.createIndex('target_adjustment_project_index').on('target_adjustment').columns(['project_id', 'status']).execute();
      await db.schema.createIndex('target_adjustment_version_unique').on('target_adjustment').columns(['project_id', 'version']).unique().execute();
      await db.schema.createIndex('target_adjustment_department_index').on('target_adjustment').columns(['department_id', 'status']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('target_adjustment').execute();
    },
  };
}
