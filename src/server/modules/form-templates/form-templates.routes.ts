/**
 * /api/form-templates: the 绩效科's form templates (表样, issue 54): list, show with the table each was made from,
 * rename, retire, export as a file and import one. Reviewer only (the service says so in words); the
 * administrators never reach them (三员分立, app/duties.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import {
  formTemplateDetailSchema,
  formTemplateFileSchema,
  formTemplateImportResponseSchema,
  formTemplateListSchema,
  formTemplateRenameSchema,
} from '../../../shared/api/form-templates';
import { currentUser, requireLogin } from '../../app/auth';
import { exportTemplates, importTemplates, listTemplates, renameTemplate, retireTemplate, showTemplate } from './form-templates.service';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

export const formTemplateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/form-templates',
    { preHandler: requireLogin, schema: { tags: ['form-templates'], summary: '表样列表（财政局绩效科）：本区划及下级区划的表样（可修改），上级区划的表样（使用中，不可修改）', response: { 200: formTemplateListSchema, 403: apiErrorSchema } } },
    async (request) => ({ items: await listTemplates(app.db, currentUser(request)) }),
  );

  app.get(
    '/api/form-templates/export',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['form-templates'],
        summary: '导出表样文件（JSON）：可见的全部使用中表样，或 ids 所列的表样（逗号分隔）；一个文件最多 500 个（更多时请用 ids 选择），表头相同的只导出一个（本区划的优先）',
        querystring: z.object({ ids: z.string().regex(/^\d+(,\d+)*$/, '表样编号应为以逗号分隔的数字').optional() }),
        response: { 200: formTemplateFileSchema, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const ids = request.query.ids === undefined ? null : request.query.ids.split(',').map(Number);
      const file = await exportTemplates(app.db, currentUser(request), ids);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('表样.json')}`);
      return file;
    },
  );

  app.post(
    '/api/form-templates/import',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['form-templates'],
        summary: '导入表样文件（JSON，导出的格式）到本区划：全部导入或全部不导入；与本区划现有表样表头相同的文件被拒绝',
        body: z.unknown(),
        response: { 200: formTemplateImportResponseSchema, ...errors },
      },
    },
    async (request) => ({ created: await importTemplates(app.db, currentUser(request), request.body, { now: app.now() }) }),
  );

  app.get(
    '/api/form-templates/:id',
    { preHandler: requireLogin, schema: { tags: ['form-templates'], summary: '表样详情，附保存时的示例表格', params: idParams, response: { 200: formTemplateDetailSchema, ...errors } } },
    async (request) => showTemplate(app.db, currentUser(request), request.params.id),
  );

  app.patch(
    '/api/form-templates/:id',
    {
      preHandler: requireLogin,
      schema: { tags: ['form-templates'], summary: '修改表样名称（本区划及下级区划的表样）', params: idParams, body: formTemplateRenameSchema, response: { 200: formTemplateDetailSchema, ...errors } },
    },
    async (request) => renameTemplate(app.db, currentUser(request), request.params.id, request.body.name, { now: app.now() }),
  );

  app.post(
    '/api/form-templates/:id/retire',
    { preHandler: requireLogin, schema: { tags: ['form-templates'], summary: '停用表样（此后的导入不再按它读取）', params: idParams, response: { 200: formTemplateDetailSchema, ...errors } } },
    async (request) => retireTemplate(app.db, currentUser(request), request.params.id, { now: app.now() }),
  );
};
