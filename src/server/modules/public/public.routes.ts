/**
 * /api/public: the public pages, no login. Published projects of current documents only.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import { idParamsSchema } from '../../../shared/api/projects';
import {
  publicDepartmentDetailSchema,
  publicDepartmentQuerySchema,
  publicDepartmentsQuerySchema,
  publicDepartmentsResponseSchema,
  publicProjectSchema,
  publicProjectsQuerySchema,
  publicProjectsResponseSchema,
} from '../../../shared/api/public';
import { getPublicDepartment, getPublicProject, listPublicDepartments, listPublicProjects } from './public.service';

export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/public/departments',
    {
      schema: {
        tags: ['public'],
        summary: '公开：有已公开项目的单位（按名称或编码搜索）',
        querystring: publicDepartmentsQuerySchema,
        response: { 200: publicDepartmentsResponseSchema },
      },
    },
    async (request) => listPublicDepartments(app.db, request.query),
  );

  app.get(
    '/api/public/departments/:id',
    {
      schema: {
        tags: ['public'],
        summary: '公开：一个单位的部门整体绩效目标和已公开项目（默认最近年度）',
        params: idParamsSchema,
        querystring: publicDepartmentQuerySchema,
        response: { 200: publicDepartmentDetailSchema, 404: apiErrorSchema },
      },
    },
    async (request) => getPublicDepartment(app.db, request.params.id, request.query.year),
  );

  app.get(
    '/api/public/projects',
    {
      schema: {
        tags: ['public'],
        summary: '公开：已公开项目（按编码前缀或名称搜索，分页）',
        querystring: publicProjectsQuerySchema,
        response: { 200: publicProjectsResponseSchema },
      },
    },
    async (request) => listPublicProjects(app.db, request.query),
  );

  app.get(
    '/api/public/projects/:id',
    {
      schema: {
        tags: ['public'],
        summary: '公开：一个已公开项目的绩效目标表',
        params: idParamsSchema,
        response: { 200: publicProjectSchema, 404: apiErrorSchema },
      },
    },
    async (request) => getPublicProject(app.db, request.params.id),
  );
};
