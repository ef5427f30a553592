/**
 * 三员分立 in full (issue 57): the security administrator's policies, one-time codes, account locks
 * and per-session lifetimes.
 *
 * - `security_policy`: one row (id 1), the password and session policies the security administrator
 *   sets (shared/domain/security-policy.ts), filled with what Jixiao did before they could be set.
 * - `one_time_code`: every one-time code given to an account (a new account, a forgotten password):
 *   who gave it and when, until when it may sign in, when it did (it signs in once), and until when
 *   that account's entries are marked in the audit log as its first actions after the code. The
 *   code itself is the account's password hash until its owner sets their own.
 * - `app_user.failed_sign_ins`, `locked_until`: consecutive failed sign-ins and the lock they set off
 *   (when the policy locks); `sign_in.code_id`: the code a sign-in used.
 * - `session.ends_at`: each session's absolute end, fixed when it starts (the policy may change
 *   meanwhile); sessions that exist now end 24 hours after they began, as before.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { idColumn, textType } from './columns';
import type { DialectName } from './index';

export function securityAdminMigration(dialect: DialectName): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('security_policy')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('password_min_length', 'integer', (c) => c.notNull())
        .addColumn('password_max_age_days', 'integer', (c) => c.notNull())
        .addColumn('session_idle_minutes', 'integer', (c) => c.notNull())
        .addColumn('session_max_hours', 'integer', (c) => c.notNull())
        .addColumn('code_valid_hours', 'integer', (c) => c.notNull())
        .addColumn('lock_after_failures', 'integer', (c) => c.notNull())
        .addColumn('lock_minutes', 'integer', (c) => c.notNull())
        .execute();
      await db
        .insertInto('security_policy')
        .values({ id: 1, password_min_length: 10, password_max_age_days: 0, session_idle_minutes: 720, session_max_hours: 24, code_valid_hours: 72, lock_after_failures: 0, lock_minutes: 30 })
        .execute();

      await db.schema
        .createTable('one_time_code')
        .addColumn('id', 'integer', idColumn(dialect))
        .addColumn('user_id', 'integer', (c) => c.notNull())
        // 'create' (a new account) or 'reset' (a forgotten password)
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('issued_at', text, (c) => c.notNull())
        // who gave it: an account, or a process (the operator's command line: 'system')
        .addColumn('issued_by_user_id', 'integer')
        .addColumn('issued_by_username', text, (c) => c.notNull())
        .addColumn('issued_by_name', text, (c) => c.notNull())
        .addColumn('expires_at', text, (c) => c.notNull())
        .addColumn('used_at', text)
        .addColumn('marked_until', text)
        .execute();
      await db.schema.createIndex('one_time_code_user_index').on('one_time_code').columns(['user_id', 'id']).execute();

      await db.schema.alterTable('app_user').addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('app_user').addColumn('locked_until', text).execute();
      await db.schema.alterTable('sign_in').addColumn('code_id', 'integer').execute();

      await db.schema.alterTable('session').addColumn('ends_at', text).execute();
      const sessions = await db.selectFrom('session').select(['token_hash', 'created_at']).execute();
      for (const s of sessions as { token_hash: string; created_at: string }[]) {
        const endsAt = new Date(Date.parse(s.created_at) + 24 * 60 * 60 * 1000).toISOString();
        await db.updateTable('session').set({ ends_at: endsAt }).where('token_hash', '=', s.token_hash).execute();
      }
      // whatever could not be dated ends now
      await sql`delete from session where ends_at is null`.execute(db);
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('session').dropColumn('ends_at').execute();
      await db.schema.alterTable('sign_in').dropColumn('code_id').execute();
      await db.schema.alterTable('app_user').dropColumn('locked_until').execute();
      await db.schema.alterTable('app_user').dropColumn('failed_sign_ins').execute();
      await db.schema.dropTable('one_time_code').execute();
      await db.schema.dropTable('security_policy').execute();
    },
  };
}
