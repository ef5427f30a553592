/**
 * 整改 (rectification): items made from a review finding, a monitoring deviation or a
 * self-evaluation problem of a project, their timeline, and the evidence files (stored as bytes:
 * at most 10 MB each, kept with the data so that a backup holds them).
 *
 * One problem becomes at most one item: (project_id, source_kind, source_key) is unique. The
 * deadline is a 'YYYY-MM-DD' text; 逾期 is computed from it and today, never stored.
 */
import type { Kysely, Migration } from 'kysely';
import { bytesType, idColumn, textType } from './columns';
import type { DialectName } from './index';

export function rectificationMigration(dialect: DialectName): Migration {
  const id = idColumn(dialect);
  // Text columns are in code point order on PostgreSQL (0004).
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('rectification_item')
        .addColumn('id', 'integer', id)
        .addColumn('project_id', 'integer', (c) => c.notNull().references('project.id').onDelete('cascade'))
        .addColumn('department_id', 'integer', (c) => c.notNull().references('department.id'))
        .addColumn('source_kind', text, (c) => c.notNull())
        .addColumn('source_key', text, (c) => c.notNull())
        .addColumn('source_text', text, (c) => c.notNull())
        .addColumn('requirement', text)
        .addColumn('owner_person', text)
        .addColumn('deadline', text, (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('created_by', text, (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .addColumn('updated_by', text, (c) => c.notNull())
        .addColumn('submitted_at', text)
        .addColumn('closed_at', text)
        .addUniqueConstraint('rectification_item_source_unique', ['project_id', 'source_kind', 'source_key'])
        .execute();
      await db.schema.createIndex('rectification_item_department_index').on('rectification_item').columns(['department_id', 'status', 'deadline']).execute();
      await db.schema.createIndex('rectification_item_status_index').on('rectification_item').columns(['status', 'deadline']).execute();

      await db.schema
        .createTable('rectification_event')
        .addColumn('id', 'integer', id)
        .addColumn('item_id', 'integer', (c) => c.notNull().references('rectification_item.id').onDelete('cascade'))
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('from_status', text)
        .addColumn('to_status', text)
        .addColumn('note', text)
        .addColumn('actor', text, (c) => c.notNull())
        .addColumn('actor_user_id', 'integer')
        .addColumn('at', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rectification_event_item_index').on('rectification_event').column('item_id').execute();

      await db.schema
        .createTable('rectification_file')
        .addColumn('id', 'integer', id)
        .addColumn('item_id', 'integer', (c) => c.notNull().references('rectification_item.id').onDelete('cascade'))
        .addColumn('event_id', 'integer', (c) => c.references('rectification_event.id').onDelete('set null'))
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('media_type', text, (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content', bytesType(dialect), (c) => c.notNull())
        .addColumn('uploaded_at', text, (c) => c.notNull())
        .addColumn('uploaded_by', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rectification_file_item_index').on('rectification_file').column('item_id').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('rectification_file').execute();
      await db.schema.dropTable('rectification_event').execute();
      await db.schema.dropTable('rectification_item').execute();
    },
  };
}
