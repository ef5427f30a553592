/**
 * GET /api/dashboard: reviewers.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardQuerySchema, dashboardResponseSchema } from '../../../shared/api/dashboard';
import { apiErrorSchema } from '../../../shared/api/errors';
import { currentUser, regionScope, requireRole, scopeDepartmentIds } from '../../app/auth';
import { sendKept } from '../../app/kept-answers';
import { AppError } from '../../app/errors';
import { isWithin } from '../../../shared/domain/region';
import { getDashboard } from './dashboard.service';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboard',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: ['dashboard'],
        summary: '统计（审核人员）：各单位（或下级区划：省看各市、市看各区县）预算与项目、各状态项目数、问题类别、评级、得分分布；region 查看本级以下的某一区划',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardResponseSchema, 403: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const own = regionScope(user);
      // a region below the account's (a province's city, a city's district): its roll-up, one click below (issue 58)
      const asked = request.query.region;
      if (asked !== undefined && own !== null && !isWithin(asked, own)) throw new AppError(404, 'not-found', '该区划不在本级财政部门的范围内');
      const region = asked ?? own;
      // The dashboard of a region is its departments' (the same for every reviewer of it): kept, serialized, until the data changes (app/kept-answers.ts).
      return sendKept(reply, `${request.query.year ?? 'latest'} ${region ?? 'all'} ${own ?? 'all'}`, () =>
        getDashboard(app.db, request.query, region === null ? null : { region, departmentIds: region === own ? (scopeDepartmentIds(user) ?? []) : null }, own),
      );
    },
  );
};
