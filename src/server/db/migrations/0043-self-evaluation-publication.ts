/**
 * `self_evaluation_publication` (issue 71): a project's self-evaluation as it was published, kept when a 目标调整 approved
 * after its publication would re-score it. The public pages and the 结果运用 sheet keep showing the published result
 * (`result`: the SelfEvaluationResult as JSON, scored on `targets_version` of the targets) while the re-scored one — the
 * project's `self_evaluation`, measured against the targets in force (`new_version`) — waits for the unit to confirm it
 * (`status` 'awaiting_unit': it saves it, complete) and the 绩效科 to accept it ('awaiting_review' → 'accepted'). An
 * accepted row stays as the record of what the re-scored result replaced (the public page says so); a later adjustment
 * that re-scores again replaces it. One row per project; who did what is also in the audit log.
 */
import type { Kysely, Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function selfEvaluationPublicationMigration(dialect: DialectName): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('self_evaluation_publication')
        .addColumn('project_id', 'integer', (c) => c.primaryKey().references('project.id').onDelete('cascade'))
        .addColumn('result', text, (c) => c.notNull())
        .addColumn('total_hundredths', 'integer', (c) => c.notNull())
        .addColumn('grade', text, (c) => c.notNull())
        .addColumn('targets_version', 'integer', (c) => c.notNull())
        .addColumn('new_version', 'integer', (c) => c.notNull())
        .addColumn('adjustment_id', 'integer', (c) => c.notNull())
        .addColumn('kept_at', text, (c) => c.notNull())
        // 'awaiting_unit' | 'awaiting_review' | 'accepted'
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('submitted_at', text)
        .addColumn('submitted_by', text)
        .addColumn('accepted_at', text)
        .addColumn('accepted_by', text)
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('self_evaluation_publication').execute();
    },
  };
}
