/**
 * /api/regions: the region tree (everyone signed in reads it; an administrator loads it), and a
 * department's region (administrator).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import { departmentRegionBodySchema, regionImportBodySchema, regionImportResultSchema, regionListSchema } from '../../../shared/api/regions';
import { actorOf, currentUser, requireLogin, requireRole } from '../../app/auth';
import { AppError } from '../../app/errors';
import { listRegions } from '../../db/region.repository';
import { assignDepartmentRegion, importRegions, RegionFileError } from './regions.service';

export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions',
    { preHandler: requireLogin, schema: { tags: ['regions'], summary: '区划树：全部区划（省、市、县区），按代码排序', response: { 200: regionListSchema } } },
    async () => ({ items: await listRegions(app.db) }),
  );

  app.post(
    '/api/regions/import',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '导入区划（系统管理员）：CSV（区划代码,名称）或 JSON 文本，上级由代码推出；新增或更名，不删除',
        body: regionImportBodySchema,
        response: { 200: regionImportResultSchema, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => {
      try {
        return await importRegions(app.db, request.body.text, { actor: actorOf(currentUser(request)), now: app.now() });
      } catch (e) {
        if (e instanceof RegionFileError) {
          throw new AppError(400, 'validation', `区划文件有误：${e.issues[0]!.message}`, e.issues.map((i) => ({ path: String(i.line), message: i.message })));
        }
        throw e;
      }
    },
  );

  app.put(
    '/api/departments/:id/region',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '设置单位所属区划（系统管理员）',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: departmentRegionBodySchema,
        response: { 200: z.object({ ok: z.literal(true) }), 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => {
      await assignDepartmentRegion(app.db, request.params.id, request.body.regionCode, { actor: actorOf(currentUser(request)), now: app.now() });
      return { ok: true as const };
    },
  );
};
