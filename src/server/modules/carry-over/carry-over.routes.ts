/**
 * 下年目标 (carry-over): start next year's target table from this year's project, one or a
 * department's batch, and what a carried-over project shows of last year. Login required; an
 * editor only for their own department (404 otherwise), reviewers may read but not carry over (403).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { carryOverInfoSchema, carryOverResultSchema, departmentCarryOverBodySchema, departmentCarryOverResultSchema } from '../../../shared/api/carry-over';
import { apiErrorSchema } from '../../../shared/api/errors';
import { idParamsSchema } from '../../../shared/api/projects';
import { currentUser, requireLogin } from '../../app/auth';
import { carryOverDepartmentFor, carryOverFor, getCarryOverInfo } from './carry-over.service';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema } as const;

export const carryOverRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/projects/:id/carry-over',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['carry-over'],
        summary: '项目的上下年关系：若以上年项目为基础编制，给出上年各指标的指标值和实际完成值（自评实际，否则最近一次监控值）；下年已有的同名项目；当前用户能否以本项目为基础编制下年目标及不能的原因',
        params: idParamsSchema,
        response: { 200: carryOverInfoSchema, 401: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => getCarryOverInfo(app.db, currentUser(request), request.params.id),
  );

  app.post(
    '/api/projects/:id/carry-over',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['carry-over'],
        summary:
          '以本年项目为基础编制下年目标表（本单位填报人员或管理员；项目须已审核或已公开）：生成下年草稿，沿用指标和本年指标值，逐项附本年实际值（历史标准），预算留待填写；下年已有同名项目时 409',
        params: idParamsSchema,
        response: { 201: carryOverResultSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await carryOverFor(app.db, currentUser(request), request.params.id, app.now())),
  );

  app.post(
    '/api/departments/:id/carry-over',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['carry-over'],
        summary: '单位批量编制下年目标表：以 fromYear 年已审核、已公开的每个项目为基础生成下一年草稿（每个项目一个事务），列出已编制的和未编制的项目及原因',
        params: idParamsSchema,
        body: departmentCarryOverBodySchema,
        response: { 200: departmentCarryOverResultSchema, ...errors },
      },
    },
    async (request) => carryOverDepartmentFor(app.db, currentUser(request), request.params.id, request.body.fromYear, app.now()),
  );
};
