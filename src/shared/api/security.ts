/**
 * The security administrator's policies (安全策略, issue 57): GET and PUT /api/security/policy. The
 * fields, their bounds and labels are shared/domain/security-policy.ts.
 */
import { z } from 'zod';
import { POLICY_FIELDS, type PolicyField, type SecurityPolicy } from '../domain/security-policy';

const field = (name: PolicyField) => {
  const rule = POLICY_FIELDS[name];
  const message = `${rule.label}应为 ${rule.min}–${rule.max} ${rule.unit}的整数`;
  return z.number({ error: message }).int(message).min(rule.min, message).max(rule.max, message);
};

export const securityPolicySchema = z.object({
  passwordMinLength: field('passwordMinLength'),
  passwordMaxAgeDays: field('passwordMaxAgeDays'),
  sessionIdleMinutes: field('sessionIdleMinutes'),
  sessionMaxHours: field('sessionMaxHours'),
  codeValidHours: field('codeValidHours'),
  lockAfterFailures: field('lockAfterFailures'),
  lockMinutes: field('lockMinutes'),
}) satisfies z.ZodType<SecurityPolicy>;
