/**
 * The password and session policies (安全策略, issue 57): what the security administrator sets, with
 * its bounds and the values an installation starts with (what Jixiao did before the policy could be
 * set). Pure: the server keeps and applies it, the browser shows and checks the same bounds.
 *
 * - a password's least length (the rest of the password rule is shared/domain/password-policy.ts);
 * - how long a password lasts before its owner must choose a new one (0: no limit; 等保 asks for
 *   passwords that are changed from time to time, NIST SP 800-63B against forced changes: the
 *   installation decides);
 * - a session's idle timeout and its absolute lifetime;
 * - how long a one-time code (a new account's, a reset's) may wait for its first sign-in;
 * - whether repeated failed sign-ins lock the account, after how many and for how long (0: never —
 *   the default, because a lock anyone can set off by guessing is also a way to keep a person out;
 *   the sign-in limits per address and username apply either way).
 */

export interface SecurityPolicy {
  passwordMinLength: number;
  /** 0: passwords do not expire. */
  passwordMaxAgeDays: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  codeValidHours: number;
  /** 0: failed sign-ins never lock the account. */
  lockAfterFailures: number;
  lockMinutes: number;
}

export type PolicyField = keyof SecurityPolicy;

/** What a new installation has: the limits Jixiao had before they could be set. */
export const DEFAULT_SECURITY_POLICY: Readonly<SecurityPolicy> = {
  passwordMinLength: 10,
  passwordMaxAgeDays: 0,
  sessionIdleMinutes: 12 * 60,
  sessionMaxHours: 24,
  codeValidHours: 72,
  lockAfterFailures: 0,
  lockMinutes: 30,
};

interface FieldRule {
  label: string;
  unit: string;
  min: number;
  max: number;
  /** The value that turns the rule off (shown as such), when there is one. */
  off?: number;
  offLabel?: string;
}

/** Each field's Chinese label, unit and bounds (inclusive). */
export const POLICY_FIELDS: Readonly<Record<PolicyField, FieldRule>> = {
  passwordMinLength: { label: '密码最短长度', unit: '个字符', min: 10, max: 64 },
  passwordMaxAgeDays: { label: '密码有效期', unit: '天', min: 0, max: 3650, off: 0, offLabel: '不限' },
  sessionIdleMinutes: { label: '无操作自动退出', unit: '分钟', min: 5, max: 720 },
  sessionMaxHours: { label: '登录最长有效', unit: '小时', min: 1, max: 24 },
  codeValidHours: { label: '一次性密码有效期', unit: '小时', min: 1, max: 168 },
  lockAfterFailures: { label: '连续登录失败锁定账号', unit: '次', min: 0, max: 100, off: 0, offLabel: '不锁定' },
  lockMinutes: { label: '锁定时长', unit: '分钟', min: 1, max: 1440 },
};

export const POLICY_FIELD_NAMES = Object.keys(POLICY_FIELDS) as PolicyField[];

/** A value of a field in words: "720 分钟", "不限". */
export function policyValueText(field: PolicyField, value: number): string {
  const rule = POLICY_FIELDS[field];
  return rule.off !== undefined && value === rule.off ? rule.offLabel! : `${value} ${rule.unit}`;
}

/** The problems of a policy, each with its field (Chinese messages); empty when it may be set. */
export function policyProblems(policy: SecurityPolicy): { path: PolicyField; message: string }[] {
  const problems: { path: PolicyField; message: string }[] = [];
  for (const field of POLICY_FIELD_NAMES) {
    const rule = POLICY_FIELDS[field];
    const value = policy[field];
    if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
      problems.push({ path: field, message: `${rule.label}应为 ${rule.min}–${rule.max} ${rule.unit}的整数${rule.off !== undefined ? `（${rule.off}：${rule.offLabel}）` : ''}` });
    }
  }
  if (policy.lockAfterFailures > 0 && policy.lockAfterFailures < 3) problems.push({ path: 'lockAfterFailures', message: '连续登录失败锁定账号至少 3 次（0：不锁定），以免一次输错就被锁定' });
  if (problems.length === 0 && policy.sessionIdleMinutes > policy.sessionMaxHours * 60) {
    problems.push({ path: 'sessionIdleMinutes', message: `无操作自动退出（${policy.sessionIdleMinutes} 分钟）不能长于登录最长有效（${policy.sessionMaxHours} 小时）` });
  }
  return problems;
}

const HOUR = 60 * 60 * 1000;

/** The policy's times in milliseconds. */
export function policyTimes(policy: SecurityPolicy): { idleMs: number; maxAgeMs: number; codeMs: number; lockMs: number } {
  return { idleMs: policy.sessionIdleMinutes * 60_000, maxAgeMs: policy.sessionMaxHours * HOUR, codeMs: policy.codeValidHours * HOUR, lockMs: policy.lockMinutes * 60_000 };
}

/** Whether a password last set at `changedAt` (ISO) has outlived the policy at `now`. */
export function passwordExpired(policy: SecurityPolicy, changedAt: string | null, now: Date): boolean {
  if (policy.passwordMaxAgeDays === 0 || changedAt === null) return false;
  return now.getTime() - Date.parse(changedAt) >= policy.passwordMaxAgeDays * 24 * HOUR;
}

/**
 * How long after a one-time code's first sign-in an account's entries are marked in the audit log
 * (its first actions after an administrator gave it the code): a day, the longest a session lasts.
 */
export const AFTER_CODE_WINDOW_MS = 24 * HOUR;
