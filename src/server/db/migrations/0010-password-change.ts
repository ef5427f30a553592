/**
 * Accounts whose password someone else chose (an admin created the account or reset its password)
 * must change it at their next sign-in: app_user.must_change_password (0/1). When the password
 * last changed is kept too (password_changed_at, ISO text; NULL before this migration).
 */
import type { Kysely, Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function passwordChangeMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('app_user').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // Text columns are in code point order on PostgreSQL (0004).
      await db.schema.alterTable('app_user').addColumn('password_changed_at', textType(dialect)).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('app_user').dropColumn('password_changed_at').execute();
      await db.schema.alterTable('app_user').dropColumn('must_change_password').execute();
    },
  };
}
