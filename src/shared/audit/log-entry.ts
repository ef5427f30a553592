/**
 * An entry of the whole audit log (the security auditor's page and its export) in words: what
 * changed, and the mark of an account's first day after a one-time code (issue 57); what it is
 * about, its `subject`, the server names (modules/audit/audit-subjects.ts, issue 58).
 * Pure: the web page and the server's .xlsx export both use it.
 */
import type { AfterCode } from '../api/audit';
import { chinaTime, historyRows } from './history';

export { chinaTime };

/**
 * The entry's changes in words (shared/audit/history.ts): each field by its Chinese label, before →
 * after; the indicators it refers to by id by their names, where the server gave them (issue 58).
 */
export function detailText(entry: { action: string; detail: unknown; indicatorNames?: Readonly<Record<string, string>> }): string {
  const names = entry.indicatorNames;
  const rows = historyRows(entry.action, entry.detail, names === undefined ? {} : { indicator: (id) => names[id] });
  if (rows.length === 0) return '—';
  return rows.map((r) => (r.before === '' ? `${r.field}：${r.after}` : `${r.field}：${r.before} → ${r.after}`)).join('；');
}

/** The mark in words: "一次性密码登录后首日（系统管理员（admin）2026-03-01 14:05 发放的新账号一次性密码，2026-03-01 14:20 登录）". */
export function afterCodeText(mark: AfterCode): string {
  return `一次性密码登录后首日（${mark.issuedBy} ${chinaTime(mark.issuedAt)} 发放的${mark.kind === 'create' ? '新账号' : '重置'}一次性密码，${chinaTime(mark.usedAt)} 登录）`;
}

/** Why a sign-in failed, in words; '' for a success. */
const SIGN_IN_REASONS: Record<string, string> = {
  credentials: '用户名或密码错误，或账号已停用',
  'demo-password': '非演示模式下使用演示密码',
  locked: '账号因连续登录失败已锁定',
  'code-used': '一次性密码已经登录过一次',
  'code-expired': '一次性密码已过期',
};

export function signInReasonText(reason: string | null): string {
  return reason === null ? '' : (SIGN_IN_REASONS[reason] ?? '其他原因');
}
