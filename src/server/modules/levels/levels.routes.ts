/**
 * The levels of review's settings (issue 32; the administrator's, like the region tree): a
 * department's 主管部门, the levels a region uses.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import {
  departmentLevelListSchema,
  departmentParentBodySchema,
  regionReviewLevelsBodySchema,
  regionReviewLevelsListSchema,
  regionReviewLevelsQuerySchema,
  regionReviewLevelsSchema,
} from '../../../shared/api/levels';
import { regionCodeSchema } from '../../../shared/api/regions';
import { actorOf, currentUser, requireRole } from '../../app/auth';
import { assignDepartmentParent, assignRegionReviewLevels, listDepartmentLevelSettings, listRegionReviewLevelSettings } from './levels.service';

export const levelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions/review-levels',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '各区划使用的审核层级（系统管理员）：本级设置（不分年度、自某年度起）、某年度适用的设置及其来源区划',
        querystring: regionReviewLevelsQuerySchema,
        response: { 200: regionReviewLevelsListSchema },
      },
    },
    async (request) => listRegionReviewLevelSettings(app.db, request.query.year ?? null),
  );

  app.get(
    '/api/users/department-levels',
    {
      preHandler: requireRole('admin'),
      schema: { tags: ['users'], summary: '各单位的区划、主管部门及其二级单位数（系统管理员，设置主管部门用）', response: { 200: departmentLevelListSchema } },
    },
    async () => listDepartmentLevelSettings(app.db),
  );

  app.put(
    '/api/departments/:id/parent',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '设置单位的主管部门（系统管理员）：同一区划、一级；null 为取消',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: departmentParentBodySchema,
        response: { 200: z.object({ ok: z.literal(true) }), 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request) => {
      await assignDepartmentParent(app.db, request.params.id, request.body.parentDepartmentId, { actor: actorOf(currentUser(request)), now: app.now() });
      return { ok: true as const };
    },
  );

  app.put(
    '/api/regions/:code/review-levels',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '设置区划使用的审核层级（系统管理员）：单位 → 财政，或单位 → 主管部门 → 财政；不分年度（null 为沿用上级区划）或自某预算年度起（null 为删除该年度的设置）',
        params: z.object({ code: regionCodeSchema }),
        body: regionReviewLevelsBodySchema,
        response: { 200: regionReviewLevelsSchema, 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => assignRegionReviewLevels(app.db, request.params.code, request.body.reviewLevels, {
        actor: actorOf(currentUser(request)),
        now: app.now(),
        fromYear: request.body.fromYear ?? null,
      }),
  );
};
