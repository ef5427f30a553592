/**
 * Two of the three to disable the auditor (issue 72): the security administrator alone could disable the security
 * auditor's account, and then nobody read the audit log. Now it asks (app_user.disable_requested_by: the asking
 * administrator's username, disable_requested_at: when) and the system administrator's consent disables it; both
 * null when nothing is asked. Nothing is filled.
 */
import type { Kysely, Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function auditorTwoKeysMigration(dialect: DialectName): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('app_user').addColumn('disable_requested_by', text).execute();
      await db.schema.alterTable('app_user').addColumn('disable_requested_at', text).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('app_user').dropColumn('disable_requested_at').execute();
      await db.schema.alterTable('app_user').dropColumn('disable_requested_by').execute();
    },
  };
}
