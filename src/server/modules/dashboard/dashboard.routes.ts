/**
 * GET /api/dashboard: reviewers.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardQuerySchema, dashboardResponseSchema } from '../../../shared/api/dashboard';
import { apiErrorSchema } from '../../../shared/api/errors';
import { currentUser, regionScope, requireRole, scopeDepartmentIds } from '../../app/auth';
import { sendKept } from '../../app/kept-answers';
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
    async (request, reply) => {
      const user = currentUser(request);
      const region = regionScope(user);
      // The dashboard of a region is its departments' (the same for every reviewer of it): kept, serialized, until the data changes (app/kept-answers.ts).
      return sendKept(reply, `${request.query.year ?? 'latest'} ${region ?? 'all'}`, () =>
        getDashboard(app.db, request.query, region === null ? null : { region, departmentIds: scopeDepartmentIds(user) ?? [] }),
      );
    },
  );
};
