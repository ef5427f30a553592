/**
 * /api/library: the indicator library (指标库). Login required; the figures are everyone's, the
 * projects behind them only those the user may see (library.service.ts mayShowProject).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import {
  libraryEntryDetailSchema,
  libraryEntryQuerySchema,
  libraryQuerySchema,
  libraryResponseSchema,
  peerFindingsResponseSchema,
  suggestionsQuerySchema,
  suggestionsResponseSchema,
} from '../../../shared/api/library';
import { currentUser, requireLogin } from '../../app/auth';
import { getLibraryEntry, listLibrary, peerFindingsFor, suggestionsFor } from './library.service';

export const libraryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/library',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['library'],
        summary: '指标库：按名称（中文无需空格）和一、二级指标检索，每个指标的使用项目数、单位数、年度数、计量单位、指标值分布、常用依据和示例项目',
        querystring: libraryQuerySchema,
        response: { 200: libraryResponseSchema, 401: apiErrorSchema },
      },
    },
    async (request) => listLibrary(app.db, currentUser(request), request.query),
  );

  app.get(
    '/api/library/entry',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['library'],
        summary: '指标库中的一个指标：各计量单位的指标值分布，以及可查看的使用项目',
        querystring: libraryEntryQuerySchema,
        response: { 200: libraryEntryDetailSchema, 401: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => getLibraryEntry(app.db, currentUser(request), request.query.id),
  );

  app.get(
    '/api/library/suggestions',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['library'],
        summary: '指标建议：与该项目名称和用途相近的项目最常用、而该项目尚未设置的指标，附同类项目指标值中位数',
        querystring: suggestionsQuerySchema,
        response: { 200: suggestionsResponseSchema, 401: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => suggestionsFor(app.db, currentUser(request), request.query.projectId),
  );

  app.get(
    '/api/library/peer-findings',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['library'],
        summary: '同类对比：该项目中与同类项目（至少 5 个）指标值相差较大的比率指标（提示）',
        querystring: suggestionsQuerySchema,
        response: { 200: peerFindingsResponseSchema, 401: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => peerFindingsFor(app.db, currentUser(request), request.query.projectId),
  );
};
