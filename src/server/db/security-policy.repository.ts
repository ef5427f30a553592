/**
 * All SQL of the password and session policies (security_policy, 0036): one row, id 1.
 */
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from '../../shared/domain/security-policy';
import type { Db } from './schema';

/** The installation's policy (the defaults if the row were ever missing). */
export async function readSecurityPolicy(db: Db): Promise<SecurityPolicy> {
  const row = await db
    .selectFrom('securityPolicy')
    .select(['passwordMinLength', 'passwordMaxAgeDays', 'sessionIdleMinutes', 'sessionMaxHours', 'codeValidHours', 'lockAfterFailures', 'lockMinutes'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_SECURITY_POLICY };
  // PostgreSQL's integers arrive as numbers; a bigint would not: they are small
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as SecurityPolicy;
}

export async function writeSecurityPolicy(db: Db, policy: SecurityPolicy): Promise<void> {
  const updated = await db.updateTable('securityPolicy').set(policy).where('id', '=', 1).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('securityPolicy').values({ id: 1, ...policy }).execute();
}
