/**
 * GET /api/dashboard: reviewers.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardQuerySchema, dashboardResponseSchema } from '../../../shared/api/dashboard';
import { apiErrorSchema } from '../../../shared/api/errors';
import { currentUser, regionScope, requireRole, scopeDepartmentIds } from '../../app/auth';
import { getDashboard } from './dashboard.service';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboard',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: ['dashboard'],
        summary: '统计（审核人员、管理员）：各单位预算与项目、问题类别、评级、状态、得分分布',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardResponseSchema, 403: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const region = regionScope(user);
      return getDashboard(app.db, request.query, region === null ? null : { region, departmentIds: scopeDepartmentIds(user) ?? [] });
    },
  );
};
