/**
 * /api/audit: the security auditor's reading (安全审计员, 三员分立, issue 32) — the audit log and the
 * sign-in records. Read-only; only the auditor may call them (the duty check, app/duties.ts, by
 * their /api/audit prefix).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  auditActionsResponseSchema,
  auditLogQuerySchema,
  auditLogResponseSchema,
  signInQuerySchema,
  signInResponseSchema,
} from '../../../shared/api/audit';
import { apiErrorSchema } from '../../../shared/api/errors';
import { requireLogin } from '../../app/auth';
import { listAuditActions, listAuditLog, listSignIns, type LogFilter } from '../../db/audit.repository';
import { describeAuditEntries } from './audit-subjects';

/** The first instant of a day in China's time (UTC+8), as an ISO instant. */
function dayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

function filterOf(query: { person?: string; from?: string; to?: string }): LogFilter {
  return {
    ...(query.person !== undefined ? { person: query.person } : {}),
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
      const { items, total } = await listAuditLog(
        app.db,
        { ...filterOf(q), ...(q.action !== undefined ? { action: q.action } : {}) },
        { offset: (q.page - 1) * q.pageSize, limit: q.pageSize },
      );
      // each entry with what it is about and its indicators' names, in words (issue 58)
      return { items: await describeAuditEntries(app.db, items), total, page: q.page, pageSize: q.pageSize };
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
      const { items, total } = await listSignIns(
        app.db,
        { ...filterOf(q), ...(q.result !== undefined ? { success: q.result === 'success' } : {}) },
        { offset: (q.page - 1) * q.pageSize, limit: q.pageSize },
      );
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );
};
