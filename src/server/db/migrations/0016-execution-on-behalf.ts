/**
 * A department's execution record (执行情况) saved by the finance bureau rather than the department
 * itself is marked: execution_record.updated_on_behalf (0/1), 1 when the round's last save was a
 * reviewer's or an admin's. The screens show it beside the record; the audit entry says so too.
 */
import type { Kysely, Migration } from 'kysely';

export const executionOnBehalfMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('execution_record').addColumn('updated_on_behalf', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('execution_record').dropColumn('updated_on_behalf').execute();
  },
};
