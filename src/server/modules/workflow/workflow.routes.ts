/**
 * POST /api/projects/:id/actions: submit, return, approve, publish, unpublish.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import { idParamsSchema, projectRecordSchema, workflowActionBodySchema } from '../../../shared/api/projects';
import { currentUser, requireLogin } from '../../app/auth';
import { applyWorkflowAction } from './workflow.service';

export const workflowRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/projects/:id/actions',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['projects'],
        summary:
          '流转：submit 提交（本单位填报人或管理员，草稿/退回→已提交）；return 退回（须填意见或批注）、approve 审核通过（已提交→）；publish 公开（已审核→）；unpublish 撤回公开（审核人员或管理员）',
        params: idParamsSchema,
        body: workflowActionBodySchema,
        response: { 200: projectRecordSchema, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request) => applyWorkflowAction(app.db, currentUser(request), request.params.id, request.body, app.now()),
  );
};
