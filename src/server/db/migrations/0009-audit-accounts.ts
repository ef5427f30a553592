/**
 * Audit by account (issue 15): the audit log recorded only the actor's display name, which an
 * admin can change (and two people can share). Every entry now also names the account: its id
 * and its username (a process without an account — the CLI, the demo loader — writes its name
 * as the username and no id); `actor` stays the display name of the moment.
 *
 * Entries written before this migration keep both new columns NULL: which account a display
 * name belonged to then cannot be told afterwards. An index serves "what did this account do".
 */
import type { Kysely, Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function auditAccountsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('audit_log').addColumn('actor_user_id', 'integer').execute();
      // Text columns are in code point order on PostgreSQL (0004).
      await db.schema.alterTable('audit_log').addColumn('actor_username', textType(dialect)).execute();
      await db.schema.createIndex('audit_log_actor_user_index').on('audit_log').columns(['actor_user_id', 'id']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('audit_log_actor_user_index').execute();
      await db.schema.alterTable('audit_log').dropColumn('actor_username').execute();
      await db.schema.alterTable('audit_log').dropColumn('actor_user_id').execute();
    },
  };
}
