/**
 * /api/audit: the security auditor's reading (安全审计员, 三员分立, issues 32 and 57) — the audit log
 * and the sign-in records of everyone (both administrators included), each marked when it falls in
 * an account's first day after a one-time code, and their exports; the changes others made to the
 * auditor's own account since its previous sign-in. Read-only; only the auditor may call them (the
 * duty check, app/duties.ts, by their /api/audit prefix).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accountChangesResponseSchema,
  auditActionsResponseSchema,
  auditLogQuerySchema,
  auditLogResponseSchema,
  signInQuerySchema,
  signInResponseSchema,
} from '../../../shared/api/audit';
import { apiErrorSchema } from '../../../shared/api/errors';
import { currentUser, requireLogin } from '../../app/auth';
import { AppError } from '../../app/errors';
import { listAccountChanges, listAuditActions, listAuditLog, listSignIns, previousSignIn, type LogFilter } from '../../db/audit.repository';
import { sendXlsx } from '../monitoring/monitoring-access';
import { describeAuditEntries } from './audit-subjects';

/** Rows in one export at most: years of a province's log; beyond, the filters narrow it. */
export const MAX_AUDIT_EXPORT = 100_000;

/** All of a filtered list for an export, or 400 when it holds more than MAX_AUDIT_EXPORT rows. */
async function wholeList<T>(read: (page: { offset: number; limit: number }) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const { items, total } = await read({ offset: 0, limit: MAX_AUDIT_EXPORT });
  if (total > MAX_AUDIT_EXPORT) throw new AppError(400, 'bad-request', `符合条件的记录有 ${total} 条，一次最多导出 ${MAX_AUDIT_EXPORT} 条：请按日期或人员缩小范围`);
  return items;
}

/** The first instant of a day in China's time (UTC+8), as an ISO instant. */
function dayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

function filterOf(query: { person?: string; from?: string; to?: string; afterCode?: 'true' }): LogFilter {
  return {
    ...(query.person !== undefined ? { person: query.person } : {}),
    ...(query.afterCode !== undefined ? { afterCode: true } : {}),
    ...(query.from !== undefined ? { fromAt: dayStart(query.from) } : {}),
    // Up to the day's end: before the next day's start.
    ...(query.to !== undefined ? { toAt: new Date(Date.parse(dayStart(query.to)) + 86_400_000).toISOString() } : {}),
  };
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit/log',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['audit'],
        summary: '审计日志（安全审计员）：按人员、操作、日期筛选，分页，最新的在前',
        querystring: auditLogQuerySchema,
        response: { 200: auditLogResponseSchema, 403: apiErrorSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await listAuditLog(app.db, logFilterOf(q), { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
      // each entry with what it is about and its indicators' names, in words (issue 58)
      return { items: await describeAuditEntries(app.db, items), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/api/audit/log.xlsx',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['audit'],
        summary: `导出审计日志（安全审计员，.xlsx）：与列表相同的筛选，最新的在前，最多 ${MAX_AUDIT_EXPORT} 条`,
        querystring: auditLogQuerySchema,
        response: { 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const entries = await describeAuditEntries(app.db, await wholeList((page) => listAuditLog(app.db, logFilterOf(request.query), page)));
      const { exportAuditLog } = await import('../../exporters/audit-xlsx');
      return sendXlsx(reply, await exportAuditLog(entries), '审计日志.xlsx', 'audit-log.xlsx');
    },
  );

  app.get(
    '/api/audit/my-account',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['audit'],
        summary: '自上次登录以来，他人对本账号（安全审计员）的修改：改名、停用或启用、解锁、发放一次性密码',
        response: { 200: accountChangesResponseSchema, 403: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const since = await previousSignIn(app.db, user.id, request.authSession!.createdAt);
      return { since, items: await describeAuditEntries(app.db, await listAccountChanges(app.db, user.id, since)) };
    },
  );

  app.get(
    '/api/audit/actions',
    {
      preHandler: requireLogin,
      schema: { tags: ['audit'], summary: '审计日志中出现过的全部操作（安全审计员）', response: { 200: auditActionsResponseSchema, 403: apiErrorSchema } },
    },
    async () => ({ actions: await listAuditActions(app.db) }),
  );

  app.get(
    '/api/audit/sign-ins',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['audit'],
        summary: '登录记录（安全审计员）：成功和失败的登录，按人员、结果、日期筛选，分页，最新的在前',
        querystring: signInQuerySchema,
        response: { 200: signInResponseSchema, 403: apiErrorSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await listSignIns(app.db, signInFilterOf(q), { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/api/audit/sign-ins.xlsx',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['audit'],
        summary: `导出登录记录（安全审计员，.xlsx）：与列表相同的筛选，最新的在前，最多 ${MAX_AUDIT_EXPORT} 条`,
        querystring: signInQuerySchema,
        response: { 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const records = await wholeList((page) => listSignIns(app.db, signInFilterOf(request.query), page));
      const { exportSignIns } = await import('../../exporters/audit-xlsx');
      return sendXlsx(reply, await exportSignIns(records), '登录记录.xlsx', 'sign-ins.xlsx');
    },
  );
};

function logFilterOf(q: { person?: string; from?: string; to?: string; afterCode?: 'true'; action?: string }) {
  return { ...filterOf(q), ...(q.action !== undefined ? { action: q.action } : {}) };
}

function signInFilterOf(q: { person?: string; from?: string; to?: string; afterCode?: 'true'; result?: 'success' | 'failure' }) {
  return { ...filterOf(q), ...(q.result !== undefined ? { success: q.result === 'success' } : {}) };
}
