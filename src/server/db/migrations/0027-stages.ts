/**
 * The year's stages and their deadlines, and in-app notifications (issue 33).
 *
 * `stage`: the finance bureau of a region opens a stage of a year (申报 / 监控 / 自评 / 整改) with
 * its dates; it applies to the region and every region below it (`region_code` null: opened by an
 * account of the whole installation, it applies to every department). A 监控 stage names its round
 * by the round's as-of date (`round_as_of`, the date execution records are kept under) and may
 * carry a label ("6月底"). Whether a department has done a stage is derived from its data
 * (shared/domain/stages.ts), never stored. `closed_at`: the bureau closed the stage; it is kept
 * for the record and leaves the departments' task lists.
 *
 * `notification`: one row per recipient account, resolved when it is made (a reminder to a
 * department reaches the accounts it has at that moment). `dedupe_key` makes a notification that
 * must be sent once (a stage passing its deadline) idempotent: unique per account.
 */
import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './columns';
import type { DialectName } from './index';

export function stagesMigration(dialect: DialectName): Migration {
  // Text columns are in code point order on PostgreSQL (0004).
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('stage')
        .addColumn('id', 'integer', idColumn(dialect))
        // No foreign key to region, as the region columns of 0025.
        .addColumn('region_code', text)
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('round_as_of', text)
        .addColumn('label', text)
        .addColumn('opens_on', text, (c) => c.notNull())
        .addColumn('due_on', text, (c) => c.notNull())
        .addColumn('opened_by', text, (c) => c.notNull())
        .addColumn('opened_by_user_id', 'integer')
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .addColumn('closed_at', text)
        .execute();
      await db.schema.createIndex('stage_year_index').on('stage').columns(['year', 'region_code']).execute();
      await db.schema.createIndex('stage_due_index').on('stage').columns(['due_on']).execute();

      await db.schema
        .createTable('notification')
        .addColumn('id', 'integer', idColumn(dialect))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('title', text, (c) => c.notNull())
        .addColumn('body', text, (c) => c.notNull())
        .addColumn('link', text)
        .addColumn('stage_id', 'integer')
        .addColumn('department_id', 'integer')
        .addColumn('dedupe_key', text)
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('read_at', text)
        .addUniqueConstraint('notification_dedupe_unique', ['user_id', 'dedupe_key'])
        .execute();
      await db.schema.createIndex('notification_user_index').on('notification').columns(['user_id', 'read_at', 'id']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('notification').execute();
      await db.schema.dropTable('stage').execute();
    },
  };
}
