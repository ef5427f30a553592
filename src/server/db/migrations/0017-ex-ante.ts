/**
 * 事前绩效评估 (ex-ante assessment, shared/domain/ex-ante.ts): one assessment per project, its score
 * per criterion, and its workflow events (草稿 → 已提交 → 退回 / 已审核, with the reviewer's reason).
 * Points are integer tenths (22.5 → 225); the criteria set's id is kept with the assessment, the
 * criteria themselves are configuration. Text columns in code point order on PostgreSQL (0004).
 */
import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './columns';
import type { DialectName } from './index';

export function exAnteMigration(dialect: DialectName): Migration {
  const id = idColumn(dialect);
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('ex_ante_assessment')
        .addColumn('id', 'integer', id)
        .addColumn('project_id', 'integer', (c) => c.notNull().unique().references('project.id').onDelete('cascade'))
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('config_id', text, (c) => c.notNull())
        // The assessor's conclusion (null: the rule's) and its reason; total and the conclusion that stands, as of the last save.
        .addColumn('conclusion', text)
        .addColumn('conclusion_reason', text)
        .addColumn('total_tenths', 'integer', (c) => c.notNull())
        .addColumn('result', text, (c) => c.notNull())
        .addColumn('complete', 'integer', (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('created_by', text, (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .addColumn('updated_by', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ex_ante_assessment_status_index').on('ex_ante_assessment').columns(['status', 'project_id']).execute();

      await db.schema
        .createTable('ex_ante_score')
        .addColumn('assessment_id', 'integer', (c) => c.notNull().references('ex_ante_assessment.id').onDelete('cascade'))
        .addColumn('criterion_id', text, (c) => c.notNull())
        .addColumn('score_tenths', 'integer')
        .addColumn('reason', text)
        // What the pre-fill suggested (the review's findings), kept to show beside the assessor's score.
        .addColumn('suggested_tenths', 'integer')
        .addColumn('suggested_reason', text)
        .addPrimaryKeyConstraint('ex_ante_score_pk', ['assessment_id', 'criterion_id'])
        .execute();

      await db.schema
        .createTable('ex_ante_event')
        .addColumn('id', 'integer', id)
        .addColumn('assessment_id', 'integer', (c) => c.notNull().references('ex_ante_assessment.id').onDelete('cascade'))
        .addColumn('from_status', text, (c) => c.notNull())
        .addColumn('to_status', text, (c) => c.notNull())
        .addColumn('actor', text, (c) => c.notNull())
        .addColumn('actor_user_id', 'integer')
        .addColumn('at', text, (c) => c.notNull())
        .addColumn('comment', text)
        .execute();
      await db.schema.createIndex('ex_ante_event_assessment_index').on('ex_ante_event').column('assessment_id').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['ex_ante_event', 'ex_ante_score', 'ex_ante_assessment']) await db.schema.dropTable(table).execute();
    },
  };
}
