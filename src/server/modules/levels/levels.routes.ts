/**
 * The levels of review's settings (issue 32; the administrator's, like the region tree): a
 * department's 主管部门, the levels a region uses, a region's business sections (财政业务科室) and
 * each department's section (归口).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import {
  createSectionBodySchema,
  departmentLevelListSchema,
  departmentParentBodySchema,
  departmentSectionBodySchema,
  regionReviewLevelsBodySchema,
  regionReviewLevelsListSchema,
  regionReviewLevelsQuerySchema,
  regionReviewLevelsSchema,
  renameSectionBodySchema,
  sectionListQuerySchema,
  sectionListSchema,
  sectionSchema,
} from '../../../shared/api/levels';
import { regionCodeSchema } from '../../../shared/api/regions';
import { actorOf, currentUser, requireRole } from '../../app/auth';
import { assignDepartmentParent, assignRegionReviewLevels, listDepartmentLevelSettings, listRegionReviewLevelSettings } from './levels.service';
import { assignDepartmentSection, createBusinessSection, deleteBusinessSection, listBusinessSections, renameBusinessSection } from './sections.service';

const idParams = z.object({ id: z.coerce.number().int().positive() });

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

  // 财政业务科室 (the business sections of a region's bureau) and each department's section (归口)
  const opts = (request: Parameters<typeof currentUser>[0]) => ({ actor: actorOf(currentUser(request)), now: app.now() });

  app.get(
    '/api/sections',
    {
      preHandler: requireRole('admin', 'security'),
      schema: {
        tags: ['regions'],
        summary: '各区划财政部门的业务科室（系统管理员设置，安全管理员授权时选择）：名称、归口单位数、审核账号数；可按区划',
        querystring: sectionListQuerySchema,
        response: { 200: sectionListSchema },
      },
    },
    async (request) => listBusinessSections(app.db, request.query.regionCode ?? null),
  );

  app.post(
    '/api/sections',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '新增区划财政部门的业务科室（系统管理员）：名称在该区划内唯一',
        body: createSectionBodySchema,
        response: { 200: sectionSchema, 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request) => createBusinessSection(app.db, request.body.regionCode, request.body.name, opts(request)),
  );

  app.patch(
    '/api/sections/:id',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '修改业务科室名称（系统管理员）',
        params: idParams,
        body: renameSectionBodySchema,
        response: { 200: sectionSchema, 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request) => renameBusinessSection(app.db, request.params.id, request.body.name, opts(request)),
  );

  app.delete(
    '/api/sections/:id',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '删除业务科室（系统管理员）：没有归口单位和审核账号时',
        params: idParams,
        response: { 200: z.object({ ok: z.literal(true) }), 404: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request) => {
      await deleteBusinessSection(app.db, request.params.id, opts(request));
      return { ok: true as const };
    },
  );

  app.put(
    '/api/departments/:id/section',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '设置单位的归口业务科室（系统管理员）：单位所在区划财政部门的科室；null 为取消',
        params: idParams,
        body: departmentSectionBodySchema,
        response: { 200: z.object({ ok: z.literal(true) }), 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request) => {
      await assignDepartmentSection(app.db, request.params.id, request.body.sectionId, opts(request));
      return { ok: true as const };
    },
  );
};
