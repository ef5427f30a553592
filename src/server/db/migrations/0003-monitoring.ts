/**
 * In-year monitoring and self-evaluation (lifecycle.md §2, §3): execution records per project and
 * round (an as-of date) with a line per indicator, and one self-evaluation per project with a line
 * per indicator. Same rules as 0001: real snake_case names, portable types, ids per dialect.
 *
 * Indicator values are text holding the number exactly as entered (like indicator.target_value_text):
 * a decimal such as 12.50 keeps its digits, and nothing is rounded by a float column. Money is
 * integer fen in bigint columns. Weights and grade percents are hundredths in integers (12.5 → 1250).
 */
import { type Kysely, type Migration } from 'kysely';
import { idColumn } from './columns';
import type { DialectName } from './index';

export function monitoringMigration(dialect: DialectName): Migration {
  const id = idColumn(dialect);

  return {
    async up(db: Kysely<any>): Promise<void> {
      // One round of one project: what was spent by the as-of date, and why the spending deviates.
      await db.schema
        .createTable('execution_record')
        .addColumn('id', 'integer', id)
        .addColumn('project_id', 'integer', (c) => c.notNull().references('project.id').onDelete('cascade'))
        // 'YYYY-MM-DD': sorts as time and compares as text on every dialect.
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('spent', 'bigint', (c) => c.notNull())
        .addColumn('spending_cause', 'text')
        .addColumn('spending_cause_note', 'text')
        .addColumn('spending_measure', 'text')
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('execution_record_project_as_of_unique', ['project_id', 'as_of'])
        .execute();
      // Department and region summaries read one round of many projects.
      await db.schema
        .createIndex('execution_record_as_of_index')
        .on('execution_record')
        .columns(['as_of', 'project_id'])
        .execute();

      // The indicator lines of a round. An indicator that is deleted takes its lines with it.
      await db.schema
        .createTable('execution_indicator')
        .addColumn('record_id', 'integer', (c) => c.notNull().references('execution_record.id').onDelete('cascade'))
        .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
        .addColumn('value_to_date_text', 'text')
        .addColumn('projected_text', 'text')
        .addColumn('likelihood', 'text')
        .addColumn('cause', 'text')
        .addColumn('cause_note', 'text')
        .addColumn('measure', 'text')
        .addPrimaryKeyConstraint('execution_indicator_pk', ['record_id', 'indicator_id'])
        .execute();
      await db.schema
        .createIndex('execution_indicator_indicator_index')
        .on('execution_indicator')
        .column('indicator_id')
        .execute();

      // The self-evaluation of a project (a project row belongs to one budget year). The total and
      // grade are computed on save and kept for rankings; the lines below are the input.
      await db.schema
        .createTable('self_evaluation')
        .addColumn('id', 'integer', id)
        .addColumn('project_id', 'integer', (c) => c.notNull().unique().references('project.id').onDelete('cascade'))
        .addColumn('adjusted_budget', 'bigint')
        .addColumn('spent', 'bigint', (c) => c.notNull())
        .addColumn('execution_explanation', 'text')
        .addColumn('goal_achievement', 'text')
        .addColumn('config_id', 'text', (c) => c.notNull())
        .addColumn('total_hundredths', 'integer', (c) => c.notNull())
        .addColumn('grade', 'text', (c) => c.notNull())
        .addColumn('complete', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('self_evaluation_indicator')
        .addColumn('evaluation_id', 'integer', (c) => c.notNull().references('self_evaluation.id').onDelete('cascade'))
        .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
        .addColumn('weight_hundredths', 'integer')
        .addColumn('actual_kind', 'text')
        .addColumn('actual_text', 'text')
        .addColumn('grade', 'text')
        .addColumn('percent_hundredths', 'integer')
        .addColumn('deviation_cause', 'text')
        .addColumn('improvement', 'text')
        .addPrimaryKeyConstraint('self_evaluation_indicator_pk', ['evaluation_id', 'indicator_id'])
        .execute();
      await db.schema
        .createIndex('self_evaluation_indicator_indicator_index')
        .on('self_evaluation_indicator')
        .column('indicator_id')
        .execute();
    },

    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['self_evaluation_indicator', 'self_evaluation', 'execution_indicator', 'execution_record']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
