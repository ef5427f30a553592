/**
 * 审批与公开 over HTTP (issue 33): a region's settings per budget year (the administrator's, like
 * the levels of review), and the 批复 batches (the finance bureau's: create one for a department's
 * approved projects, read one, list them, download the official notice as .docx).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approvalBatchBodySchema,
  approvalBatchListQuerySchema,
  approvalBatchListSchema,
  approvalBatchSchema,
  approvalSettingsBodySchema,
  approvalSettingsSchema,
} from '../../../shared/api/approval';
import { apiErrorSchema } from '../../../shared/api/errors';
import { idParamsSchema } from '../../../shared/api/projects';
import { regionCodeSchema } from '../../../shared/api/regions';
import { attachmentHeader } from '../../app/download';
import { actorOf, currentUser, requireLogin, requireRole } from '../../app/auth';
import { assignRegionApprovalSettings, createApprovalBatch, exportBatchNoticeDocx, getApprovalBatch, getRegionApprovalSettings, listApprovalBatches } from './approval.service';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema } as const;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const approvalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions/:code/approval-settings',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '区划某预算年度的审批与公开设置（系统管理员）：本级设置与实际适用的设置',
        params: z.object({ code: regionCodeSchema }),
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: approvalSettingsSchema, ...errors },
      },
    },
    async (request) => getRegionApprovalSettings(app.db, request.params.code, request.query.year),
  );

  app.put(
    '/api/regions/:code/approval-settings',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['regions'],
        summary: '设置区划某预算年度的审批与公开（系统管理员）：事前绩效评估前置、预算变动阈值（千分比）、批复后才能公开；null 为沿用上级区划',
        params: z.object({ code: regionCodeSchema }),
        body: approvalSettingsBodySchema,
        response: { 200: approvalSettingsSchema, ...errors },
      },
    },
    async (request) => assignRegionApprovalSettings(app.db, request.params.code, request.body, { actor: actorOf(currentUser(request)), now: app.now() }),
  );

  app.post(
    '/api/approval-batches',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['approval'],
        summary: '批复下达（财政部门审核人员）：一个单位已审核的项目，一个文号和日期；项目变为已批复',
        body: approvalBatchBodySchema,
        response: { 200: approvalBatchSchema, ...errors },
      },
    },
    async (request) => createApprovalBatch(app.db, currentUser(request), request.body, app.now()),
  );

  app.get(
    '/api/approval-batches',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['approval'],
        summary: '批复列表（可按单位、年度筛选；只列出可见单位的批复）',
        querystring: approvalBatchListQuerySchema,
        response: { 200: approvalBatchListSchema, ...errors },
      },
    },
    async (request) => listApprovalBatches(app.db, currentUser(request), request.query),
  );

  app.get(
    '/api/approval-batches/:id',
    {
      preHandler: requireLogin,
      schema: { tags: ['approval'], summary: '一个批复及其项目', params: idParamsSchema, response: { 200: approvalBatchSchema, ...errors } },
    },
    async (request) => getApprovalBatch(app.db, currentUser(request), request.params.id),
  );

  app.get(
    '/api/approval-batches/:id/notice.docx',
    {
      preHandler: requireLogin,
      schema: { tags: ['approval'], summary: '批复通知（.docx）：标题、文号、日期、单位、项目及预算（万元）和绩效目标', params: idParamsSchema },
    },
    async (request, reply) => {
      const batch = await getApprovalBatch(app.db, currentUser(request), request.params.id);
      const bytes = await exportBatchNoticeDocx(app.db, batch);
      const name = `${batch.department.name}${batch.year}年度批复（${batch.docNumber}）.docx`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
      return reply.header('content-disposition', attachmentHeader(name, `jixiao-approval-${batch.id}.docx`)).type(DOCX_TYPE).send(bytes);
    },
  );
};
