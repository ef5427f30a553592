/**
 * /api/documents: one stored document (who imported it, what it holds, whether the asking account
 * may withdraw it and what that would do) and 撤回导入 (issue 54). Business routes (app/duties.ts):
 * the administrators are refused them; a department's account gets 404 for another department's
 * document, an account that may see it but not withdraw it 403, a document someone has worked on 409.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { documentDetailSchema, documentWithdrawBodySchema, documentWithdrawResponseSchema } from '../../../shared/api/documents';
import { apiErrorSchema } from '../../../shared/api/errors';
import { idParamsSchema } from '../../../shared/api/projects';
import { currentUser, requireLogin } from '../../app/auth';
import { getDocumentDetail, withdrawDocument } from './documents.service';

const TAGS = ['documents'];

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/documents/:id',
    {
      preHandler: requireLogin,
      schema: {
        tags: TAGS,
        summary: '一个已导入的文件：导入人和时间、项目数和指标数；当前用户能否撤回导入、不能的原因，撤回将删除的项目、恢复的原版本和删除的新建单位',
        params: idParamsSchema,
        response: { 200: documentDetailSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => getDocumentDetail(app.db, currentUser(request), request.params.id),
  );

  app.post(
    '/api/documents/:id/withdraw',
    {
      preHandler: requireLogin,
      schema: {
        tags: TAGS,
        summary:
          '撤回导入（导入该文件的账号或本区划的财政局绩效科）：仅限现行版本、项目都是导入后无人处理过的草稿，须说明理由；删除文件、其项目和一并保存的内容，恢复被它替换的原版本，删除导入时新建且别无他用的单位，记入审计日志',
        params: idParamsSchema,
        body: documentWithdrawBodySchema,
        response: { 200: documentWithdrawResponseSchema, 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request) => withdrawDocument(app.db, currentUser(request), request.params.id, request.body.reason, app.now()),
  );
};
