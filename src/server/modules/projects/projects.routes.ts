/**
 * /api/projects: the list, one project, saving an edit. Every route needs a login; an editor is
 * limited to their own department (other departments' projects are 404, lists are filtered).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import {
  idParamsSchema,
  projectAuditFacetsSchema,
  projectAuditFilterSchema,
  projectAuditQuerySchema,
  projectAuditResponseSchema,
  projectListQuerySchema,
  projectListResponseSchema,
  projectRecordSchema,
  projectStatusCountsQuerySchema,
  projectStatusCountsSchema,
  saveProjectBodySchema,
} from '../../../shared/api/projects';
import { assertDepartmentAccess, currentUser, requireLogin } from '../../app/auth';
import { sendKept } from '../../app/kept-answers';
import { plainJsonSerializer } from '../../app/serializers';
import { sendXlsx } from '../monitoring/monitoring-access';
import { getProjectAudit, getProjectAuditFacets, getProjectRecord, listProjectsFor, projectHistoryForExport, projectListKey, projectStatusCountsFor, saveProject } from './projects.service';

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/projects',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['projects'],
        summary: '项目列表：按单位、年度、状态、质量得分、问题类别筛选，按编码前缀或名称搜索，排序、分页（只含现行文档的项目）；筛选无权查看的单位为 404',
        querystring: projectListQuerySchema,
        response: { 200: projectListResponseSchema, 400: apiErrorSchema },
      },
      // Read most under load: not re-validated by zod (app/serializers.ts; test/server/plain-json-answers.test.ts).
      serializerCompiler: plainJsonSerializer,
    },
    async (request, reply) => {
      const user = currentUser(request);
      // A department outside the user's scope: 404, as on every list filtered by department (docs/security.md)
      if (request.query.department !== undefined) assertDepartmentAccess(user, request.query.department);
      // Kept until the data changes (app/kept-answers.ts): many reviewers of a region open the same pages.
      return sendKept(reply, projectListKey(user, request.query), () => listProjectsFor(app.db, user, request.query));
    },
  );

  app.get(
    '/api/projects/status-counts',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['projects'],
        summary: '可见项目按状态计数（每个状态，含 0）及合计：工作台的状态卡片（只含现行文档的项目）；筛选无权查看的单位为 404',
        querystring: projectStatusCountsQuerySchema,
        response: { 200: projectStatusCountsSchema, 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      // A department outside the user's scope: 404, as on every list filtered by department (docs/security.md)
      if (request.query.department !== undefined) assertDepartmentAccess(user, request.query.department);
      return projectStatusCountsFor(app.db, user, request.query);
    },
  );

  app.get(
    '/api/projects/:id',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['projects'],
        summary: '一个项目：绩效目标表、审核问题、得分、流转记录、批注、修改记录，以及整份文档（供浏览器端同样审核）',
        params: idParamsSchema,
        response: { 200: projectRecordSchema, 404: apiErrorSchema },
      },
    },
    async (request) => getProjectRecord(app.db, currentUser(request), request.params.id),
  );

  app.get(
    '/api/projects/:id/audit',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['projects'],
        summary: '项目的修改记录（分页，新的在前）：每条记录操作人的账号（用户 ID、用户名）和当时的姓名',
        params: idParamsSchema,
        querystring: projectAuditQuerySchema,
        response: { 200: projectAuditResponseSchema, 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => getProjectAudit(app.db, currentUser(request), request.params.id, request.query),
  );

  app.get(
    '/api/projects/:id/audit/facets',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['projects'],
        summary: '项目修改记录中出现的操作（含中文名称）和操作人，供按操作、按人筛选',
        params: idParamsSchema,
        response: { 200: projectAuditFacetsSchema, 404: apiErrorSchema },
      },
    },
    async (request) => getProjectAuditFacets(app.db, currentUser(request), request.params.id),
  );

  app.get(
    '/api/projects/:id/audit.xlsx',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['projects'],
        summary: '导出项目的修改记录（.xlsx，按时间先后，每个修改的字段一行：时间、操作人、操作、内容、修改前、修改后），可按操作、操作人筛选',
        params: idParamsSchema,
        querystring: projectAuditFilterSchema,
      },
    },
    async (request, reply) => {
      const { projectName, entries } = await projectHistoryForExport(app.db, currentUser(request), request.params.id, request.query);
      const { exportHistory } = await import('../../exporters/history-xlsx');
      const title = `${projectName}修改记录`;
      return sendXlsx(reply, await exportHistory(entries, title), `${title}.xlsx`, `project-${request.params.id}-history.xlsx`);
    },
  );

  app.put(
    '/api/projects/:id',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['projects'],
        summary: '保存项目（草稿或退回状态）。version 须为编辑开始时的版本，否则 409 stale-version',
        params: idParamsSchema,
        body: saveProjectBodySchema,
        response: { 200: projectRecordSchema, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request) => saveProject(app.db, currentUser(request), request.params.id, request.body, app.now()),
  );
};
