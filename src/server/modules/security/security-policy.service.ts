/**
 * The password and session policies (安全策略, issue 57): the security administrator sets them,
 * audited as 'security.policy' with the values before and after. A shorter session applies to the
 * sessions under way at once (none lasts or idles beyond the new limits); a longer least length
 * or password lifetime applies at each user's next password change or request.
 */
import type { SessionUser } from '../../../shared/api/auth';
import { policyProblems, POLICY_FIELD_NAMES, policyTimes, type SecurityPolicy } from '../../../shared/domain/security-policy';
import { actorOf } from '../../app/auth';
import { validationError } from '../../app/errors';
import { insertAuditEntry } from '../../db/document.repository';
import type { Db } from '../../db/schema';
import { readSecurityPolicy, writeSecurityPolicy } from '../../db/security-policy.repository';
import { inTransaction } from '../../db/transaction';
import { clampSessions } from '../../db/user.repository';

export async function getSecurityPolicy(db: Db): Promise<SecurityPolicy> {
  return readSecurityPolicy(db);
}

/** Sets the policy (400 naming each field out of its bounds); the policy as now stored. */
export async function setSecurityPolicy(db: Db, actor: SessionUser, policy: SecurityPolicy, now: Date): Promise<SecurityPolicy> {
  const problems = policyProblems(policy);
  if (problems.length > 0) throw validationError(problems);
  await inTransaction(db, async (trx) => {
    const before = await readSecurityPolicy(trx);
    const changed = POLICY_FIELD_NAMES.filter((f) => before[f] !== policy[f]);
    if (changed.length === 0) return;
    await writeSecurityPolicy(trx, policy);
    const { idleMs, maxAgeMs } = policyTimes(policy);
    await clampSessions(trx, now, idleMs, maxAgeMs);
    await insertAuditEntry(trx, {
      at: now.toISOString(),
      actor: actorOf(actor),
      action: 'security.policy',
      entity: 'security-policy',
      entityId: null,
      detail: { before: Object.fromEntries(changed.map((f) => [f, before[f]])), after: Object.fromEntries(changed.map((f) => [f, policy[f]])) },
    });
  });
  return readSecurityPolicy(db);
}
