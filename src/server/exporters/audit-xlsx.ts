/**
 * The security auditor's exports (issue 57): the audit log and the sign-in records as Excel, as the
 * 安全审计 page shows them — time in China's time, person, action and object in words, what changed
 * (shared/audit/log-entry.ts), the mark of an account's first day after a one-time code — newest
 * first. The conventions of xlsx-sheets.ts (formula-safe text).
 */
import type { AuditLogEntry, SignInRecord } from '../../shared/api/audit';
import { auditActionLabel } from '../../shared/audit/actions';
import { auditActorName } from '../../shared/audit/history';
import { afterCodeText, chinaTime, detailText, signInReasonText } from '../../shared/audit/log-entry';
import { addRow, addTable, newWorkbook, toBuffer, type SheetColumn } from './xlsx-sheets';

const LOG_COLUMNS: SheetColumn[] = [
  { key: 'at', header: '时间', width: 18 },
  { key: 'actor', header: '操作人', width: 24 },
  { key: 'action', header: '操作', width: 20 },
  { key: 'entity', header: '对象', width: 36 },
  { key: 'detail', header: '内容', width: 70 },
  { key: 'mark', header: '一次性密码登录后首日', width: 50 },
];

const SIGN_IN_COLUMNS: SheetColumn[] = [
  { key: 'at', header: '时间', width: 18 },
  { key: 'username', header: '用户名', width: 18 },
  { key: 'name', header: '姓名', width: 18 },
  { key: 'result', header: '结果', width: 8 },
  { key: 'reason', header: '原因', width: 36 },
  { key: 'ip', header: 'IP 地址', width: 18 },
  { key: 'mark', header: '一次性密码登录后首日', width: 50 },
];

export async function exportAuditLog(entries: readonly AuditLogEntry[]): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = addTable(wb, '审计日志', LOG_COLUMNS);
  for (const e of entries) {
    addRow(ws, LOG_COLUMNS, {
      at: chinaTime(e.at),
      actor: auditActorName(e),
      action: auditActionLabel(e.action),
      entity: e.subject,
      detail: detailText(e),
      mark: e.afterCode ? afterCodeText(e.afterCode) : '',
    });
  }
  wb.title = '审计日志';
  return toBuffer(wb);
}

export async function exportSignIns(records: readonly SignInRecord[]): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = addTable(wb, '登录记录', SIGN_IN_COLUMNS);
  for (const r of records) {
    addRow(ws, SIGN_IN_COLUMNS, {
      at: chinaTime(r.at),
      username: r.username,
      name: r.displayName ?? '（无此账号）',
      result: r.success ? (r.withCode ? '成功（一次性密码）' : '成功') : '失败',
      reason: signInReasonText(r.reason),
      ip: r.ip,
      mark: r.afterCode ? afterCodeText(r.afterCode) : '',
    });
  }
  wb.title = '登录记录';
  return toBuffer(wb);
}
