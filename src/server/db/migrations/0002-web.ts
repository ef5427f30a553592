/**
 * The web application: accounts and sessions, the workflow of each project (status, optimistic
 * version, events, reviewer comments) and the stored review results that the project list filters
 * on. Same rules as 0001: real snake_case names, portable types, ids per dialect.
 */
import { type Kysely, type Migration } from 'kysely';
import { idColumn } from './columns';
import type { DialectName } from './index';

export function webMigration(dialect: DialectName): Migration {
  const id = idColumn(dialect);

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('app_user')
        .addColumn('id', 'integer', id)
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('department_id', 'integer', (c) => c.references('department.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('session')
        // sha256 of the cookie's token: a leaked table does not give working cookies.
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('session_user_index').on('session').column('user_id').execute();

      // Workflow state of every project row. Imported projects start as drafts.
      await db.schema
        .alterTable('project')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
        .execute();
      await db.schema
        .alterTable('project')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('project').addColumn('updated_at', 'text').execute();
      await db.schema.alterTable('project').addColumn('updated_by', 'text').execute();
      // Review results kept with the project so that lists filter and sort on them; recomputed
      // whenever the project or its document changes. Score in hundredths (87.5 → 8750).
      await db.schema.alterTable('project').addColumn('quality_score', 'integer').execute();
      await db.schema.alterTable('project').addColumn('quality_grade', 'text').execute();
      await db.schema
        .alterTable('project')
        .addColumn('finding_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('project_status_index').on('project').columns(['status', 'id']).execute();
      await db.schema.createIndex('project_score_index').on('project').columns(['quality_score', 'id']).execute();

      // One row per project and finding category it has findings in: the category filter.
      await db.schema
        .createTable('project_finding_category')
        .addColumn('project_id', 'integer', (c) => c.notNull().references('project.id').onDelete('cascade'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('project_finding_category_pk', ['project_id', 'category'])
        .execute();
      await db.schema
        .createIndex('project_finding_category_category_index')
        .on('project_finding_category')
        .columns(['category', 'project_id'])
        .execute();

      // Who moved a project from one status to another, when, and why.
      await db.schema
        .createTable('workflow_event')
        .addColumn('id', 'integer', id)
        .addColumn('project_id', 'integer', (c) => c.notNull().references('project.id').onDelete('cascade'))
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .execute();
      await db.schema
        .createIndex('workflow_event_project_index')
        .on('workflow_event')
        .columns(['project_id', 'id'])
        .execute();

      // A reviewer's comment anchored to a field of the project ("budgetTotal", "indicator:3.target").
      await db.schema
        .createTable('review_comment')
        .addColumn('id', 'integer', id)
        .addColumn('project_id', 'integer', (c) => c.notNull().references('project.id').onDelete('cascade'))
        .addColumn('event_id', 'integer', (c) => c.references('workflow_event.id'))
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('review_comment_project_index')
        .on('review_comment')
        .columns(['project_id', 'id'])
        .execute();
    },

    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['review_comment', 'workflow_event', 'project_finding_category', 'session', 'app_user']) {
        await db.schema.dropTable(table).execute();
      }
      for (const index of ['project_status_index', 'project_score_index']) await db.schema.dropIndex(index).execute();
      for (const column of ['status', 'version', 'updated_at', 'updated_by', 'quality_score', 'quality_grade', 'finding_count']) {
        await db.schema.alterTable('project').dropColumn(column).execute();
      }
    },
  };
}
