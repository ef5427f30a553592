/**
 * 自评复核 (issue 59): the 项目支出绩效自评表 units submit, as read and checked.
 *
 * - `submitted_self_evaluation`: one row per table of a file (file's sha256 and the table's number unique), what
 *   was read (`content`: the SubmittedSelfEvaluation as JSON, every value with its cell), the figures the 复核
 *   list sorts and filters by — the unit's total, Jixiao's recomputed one and their gap in hundredths of a point,
 *   the findings (and errors) counted, 全年预算数 in fen (a large project) —, where it belongs: the stored project
 *   it was matched to (code, else name, unit and year), its department and region, null when none; and the
 *   reviewer's conclusion (复核结论), who gave it and when (each change in the audit log too).
 * - A later table of the same project, unit and year replaces the earlier one's content (kept in the audit log):
 *   the conclusion is cleared, since it was about the other table.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { idColumn, textType } from './columns';
import type { DialectName } from './index';

export function submittedSelfEvaluationMigration(dialect: DialectName): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('submitted_self_evaluation')
        .addColumn('id', 'integer', idColumn(dialect))
        .addColumn('year', 'integer')
        .addColumn('region_code', text)
        .addColumn('project_name', text, (c) => c.notNull())
        .addColumn('project_code', text)
        .addColumn('unit_name', text)
        .addColumn('department_id', 'integer', (c) => c.references('department.id').onDelete('set null'))
        .addColumn('project_id', 'integer', (c) => c.references('project.id').onDelete('set null'))
        .addColumn('file', text, (c) => c.notNull())
        .addColumn('sha256', text, (c) => c.notNull())
        .addColumn('table_number', 'integer', (c) => c.notNull())
        .addColumn('content', text, (c) => c.notNull())
        .addColumn('budget_full', 'bigint')
        .addColumn('self_hundredths', 'integer')
        .addColumn('self_grade', text)
        .addColumn('recomputed_hundredths', 'integer', (c) => c.notNull())
        .addColumn('recomputed_grade', text, (c) => c.notNull())
        .addColumn('gap_hundredths', 'integer')
        .addColumn('findings', 'integer', (c) => c.notNull())
        .addColumn('errors', 'integer', (c) => c.notNull())
        .addColumn('doubted', 'integer', (c) => c.notNull())
        // 复核结论: null (未复核), 'agreed' (复核无误), 'adjusted' (调整得分), 'rectify' (退回整改)
        .addColumn('conclusion', text)
        .addColumn('conclusion_score_hundredths', 'integer')
        .addColumn('conclusion_comment', text)
        .addColumn('concluded_by', text)
        .addColumn('concluded_at', text)
        .addColumn('imported_at', text, (c) => c.notNull())
        .addColumn('imported_by', text, (c) => c.notNull())
        // 全年预算数 within the amounts every table allows (0 to 1000亿元 in fen)
        .addCheckConstraint('submitted_self_evaluation_budget_bounds', sql`budget_full is null or (budget_full >= 0 and budget_full <= 10000000000000)`)
        .execute();
      await db.schema.createIndex('submitted_self_evaluation_file_index').unique().on('submitted_self_evaluation').columns(['sha256', 'table_number']).execute();
      await db.schema.createIndex('submitted_self_evaluation_year_index').on('submitted_self_evaluation').columns(['year', 'region_code']).execute();
      await db.schema.createIndex('submitted_self_evaluation_project_index').on('submitted_self_evaluation').columns(['project_id']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('submitted_self_evaluation').execute();
    },
  };
}

