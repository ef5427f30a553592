/**
 * 目标调整 over HTTP (issue 33): a project's versions and requests, a department's request, the
 * comparison of two versions, the finance reviewer's queue of pending requests and decision.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import { idParamsSchema } from '../../../shared/api/projects';
import {
  adjustmentBodySchema,
  adjustmentDecisionBodySchema,
  adjustmentListSchema,
  adjustmentSchema,
  projectAdjustmentsSchema,
  versionComparisonSchema,
} from '../../../shared/api/target-adjustment';
import { currentUser, requireLogin } from '../../app/auth';
import { compareProjectVersions, decideAdjustmentRequest, getProjectAdjustments, listPendingAdjustmentRequests, requestAdjustment } from './adjustments.service';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema } as const;


export const adjustmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/projects/:id/adjustments',
    {
      preHandler: requireLogin,
      schema: { tags: ['adjustments'], summary: '项目的绩效目标版本与调整申请（调整记录）', params: idParamsSchema, response: { 200: projectAdjustmentsSchema, ...errors } },
    },
    async (request) => getProjectAdjustments(app.db, currentUser(request), request.params.id),
  );

  app.post(
    '/api/projects/:id/adjustments',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['adjustments'],
        summary: '申请目标调整（项目所属单位填报人）：调整后的全部指标、调整理由、生效日期、调整后预算（分，null 为不变）',
        params: idParamsSchema,
        body: adjustmentBodySchema,
        response: { 200: adjustmentSchema, ...errors },
      },
    },
    async (request) => requestAdjustment(app.db, currentUser(request), request.params.id, request.body, app.now()),
  );

  app.get(
    '/api/projects/:id/adjustments/compare',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['adjustments'],
        summary: '对比项目绩效目标的两个版本（变化的值、新增和删除的指标）；默认第 1 版与最新版本',
        params: idParamsSchema,
        querystring: z.object({ from: z.coerce.number().int().min(1).optional(), to: z.coerce.number().int().min(1).optional() }),
        response: { 200: versionComparisonSchema, ...errors },
      },
    },
    async (request) => compareProjectVersions(app.db, currentUser(request), request.params.id, request.query.from, request.query.to),
  );

  app.get(
    '/api/adjustments',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['adjustments'],
        summary: '待审核（status=pending，默认）或被退回尚未重新申请（status=returned）的目标调整申请（只列出可见单位的），最早的在前',
        querystring: z.object({ status: z.enum(['pending', 'returned']).default('pending') }),
        response: { 200: adjustmentListSchema, ...errors },
      },
    },
    async (request) => listPendingAdjustmentRequests(app.db, currentUser(request), request.query.status),
  );

  app.post(
    '/api/adjustments/:id/decision',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['adjustments'],
        summary: '审核目标调整申请（财政部门审核人员）：通过后自生效日期起按新版本目标监控和自评；退回须填写意见',
        params: idParamsSchema,
        body: adjustmentDecisionBodySchema,
        response: { 200: adjustmentSchema, ...errors },
      },
    },
    async (request) => decideAdjustmentRequest(app.db, currentUser(request), request.params.id, request.body, app.now()),
  );
};
