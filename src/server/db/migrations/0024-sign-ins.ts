/**
 * Sign-in records (三员分立, issue 32): every attempt to sign in, successful or not — when, which
 * username was given, the account it named (null for an unknown username), from which address,
 * and why a failure failed. The security auditor reads them (GET /api/audit/sign-ins); nothing
 * updates or deletes them. Never the password.
 */
import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './columns';
import type { DialectName } from './index';

export function signInsMigration(dialect: DialectName): Migration {
  // Text columns are in code point order on PostgreSQL (0004).
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('sign_in')
        .addColumn('id', 'integer', idColumn(dialect))
        .addColumn('at', text, (c) => c.notNull())
        .addColumn('username', text, (c) => c.notNull())
        // No foreign key: the record outlives whatever happens to the account.
        .addColumn('user_id', 'integer')
        .addColumn('success', 'integer', (c) => c.notNull())
        .addColumn('reason', text)
        .addColumn('ip', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sign_in_at_index').on('sign_in').columns(['at', 'id']).execute();
      await db.schema.createIndex('sign_in_username_index').on('sign_in').columns(['username', 'id']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('sign_in').execute();
    },
  };
}
