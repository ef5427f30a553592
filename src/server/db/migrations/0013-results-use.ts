/**
 * Using the results (结果运用, shared/domain/results-use.ts): one decision of the finance bureau per
 * project — the consequence for next year's budget (accepted as suggested, or overridden with a
 * reason), the percentage and amount, what the rules suggested and on which self-evaluation result,
 * who decided and when. The results sheet itself is computed on read.
 *
 * Money in a bigint column (fen), percentages as integer hundredths; text in code point order on
 * PostgreSQL (textType, as since 0004). The report is a cached aggregate, so the table bumps the
 * data version like the tables of 0006 (a statement trigger on PostgreSQL calling 0006's
 * bump_data_version, row triggers on SQLite).
 */
import type { Kysely, Migration } from 'kysely';
import { addVersionTriggers } from './0006-data-version';
import { idColumn, textType } from './columns';
import type { DialectName } from './index';

export function resultsUseMigration(dialect: DialectName): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('results_decision')
        .addColumn('id', 'integer', idColumn(dialect))
        .addColumn('project_id', 'integer', (c) => c.notNull().unique().references('project.id').onDelete('cascade'))
        .addColumn('consequence', text, (c) => c.notNull())
        .addColumn('percent_hundredths', 'integer', (c) => c.notNull())
        .addColumn('amount', 'bigint')
        .addColumn('overridden', 'integer', (c) => c.notNull())
        .addColumn('reason', text)
        .addColumn('suggested_consequence', text, (c) => c.notNull())
        .addColumn('suggested_percent_hundredths', 'integer', (c) => c.notNull())
        .addColumn('basis_grade', text, (c) => c.notNull())
        .addColumn('basis_total_hundredths', 'integer', (c) => c.notNull())
        .addColumn('config_id', text, (c) => c.notNull())
        .addColumn('decided_at', text, (c) => c.notNull())
        .addColumn('decided_by', text, (c) => c.notNull())
        .addColumn('decided_by_user_id', 'integer')
        .execute();
      await addVersionTriggers(db, dialect, 'results_decision');
    },
    async down(db: Kysely<any>): Promise<void> {
      // Dropping the table drops its triggers on both dialects.
      await db.schema.dropTable('results_decision').execute();
    },
  };
}
