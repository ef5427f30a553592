/**
 * Self-evaluation (绩效自评) over HTTP: a project's scored table (the empty form with its weights
 * when nothing was saved), saving it, a department's summary of a year, the region's ranking, and
 * the tables as .xlsx.
 *
 * Access as in monitoring.routes.ts: login required; an editor sees and writes only their own
 * department (404 otherwise); the ranking is for reviewers (403 for editors). Saving
 * needs an approved or published project of a current document (409 otherwise); malformed input is
 * 400 'validation' with every problem in `issues`, nothing written; every save is audited by the
 * service ('self-evaluation.save').
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import {
  departmentSelfEvaluationSummarySchema,
  regionSelfEvaluationRankingSchema,
  requiredYearQuerySchema,
  selfEvaluationInputSchema,
  selfEvaluationPublicationSchema,
  selfEvaluationResultSchema,
  selfEvaluationSaveResponseSchema,
} from '../../../shared/api/monitoring';
import { idParamsSchema } from '../../../shared/api/projects';
import { actorOf, assertDepartmentAccess, currentUser, regionScope, requireLogin, requireRole } from '../../app/auth';
import {
  assertMonitored,
  errorResponses as errors,
  guarded,
  sendXlsx,
  visibleDepartment,
  visibleMonitoredProject,
} from '../monitoring/monitoring-access';
import { exportDepartmentSelfEvaluation, exportProjectSelfEvaluation } from './self-evaluation-workbooks.service';
import { acceptRescore } from './publication.service';
import { publicationView } from './publication-state';
import {
  getDepartmentSelfEvaluationSummary,
  getRegionSelfEvaluationRanking,
  getSelfEvaluation,
  saveSelfEvaluation,
} from './self-evaluation.service';


export const selfEvaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/projects/:id/self-evaluation',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['self-evaluation'],
        summary: '项目绩效自评表：资金执行、各指标分值与得分、总分与等级、待说明事项。尚未填报时返回空表（含各指标分值），updatedAt 为 null',
        params: idParamsSchema,
        response: { 200: selfEvaluationResultSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const project = await visibleMonitoredProject(app.db, user, request.params.id);
      const result = await guarded(() => getSelfEvaluation(app.db, project.id));
      // a published result kept while this re-score after a 目标调整 waits (issue 71)
      return { ...result, publication: await publicationView(app.db, user, project.id) };
    },
  );

  app.post(
    '/api/projects/:id/self-evaluation/rescore',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['self-evaluation'],
        summary:
          '财政部门复核通过目标调整后重新评分的绩效自评：单位确认（保存完整的自评）后，新结果取代此前公开、按原目标评分的结果（审核人员；没有待复核的重新评分时 409）',
        params: idParamsSchema,
        response: { 200: selfEvaluationPublicationSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const project = await visibleMonitoredProject(app.db, user, request.params.id);
      return acceptRescore(app.db, user, project, app.now());
    },
  );

  app.put(
    '/api/projects/:id/self-evaluation',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['self-evaluation'],
        summary:
          '保存项目绩效自评（全年预算数、执行数、各指标实际完成值或完成等级、分值、偏差原因与改进措施），返回评分结果及 saveStatus。数据有误时整体拒绝（400，issues 逐项列出），项目未审核通过时 409',
        params: idParamsSchema,
        body: selfEvaluationInputSchema,
        response: { 200: selfEvaluationSaveResponseSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const project = await visibleMonitoredProject(app.db, user, request.params.id);
      assertMonitored(project, '填报自评');
      const saved = await guarded(() => saveSelfEvaluation(app.db, project.id, request.body, { actor: actorOf(user), now: app.now() }));
      return { ...saved.result, saveStatus: saved.status };
    },
  );

  app.get(
    '/api/departments/:id/self-evaluations',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['self-evaluation'],
        summary: '单位一个年度的绩效自评汇总：已自评项目数、平均分、各等级数量、各项目得分（只含已审核/已公开的项目）',
        params: idParamsSchema,
        querystring: requiredYearQuerySchema,
        response: { 200: departmentSelfEvaluationSummarySchema, ...errors },
      },
    },
    async (request) => {
      assertDepartmentAccess(currentUser(request), request.params.id);
      return guarded(() => getDepartmentSelfEvaluationSummary(app.db, request.params.id, request.query.year));
    },
  );

  app.get(
    '/api/self-evaluations/ranking',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: ['self-evaluation'],
        summary: '全区绩效自评排名：各单位按平均分、各项目按总分排序（审核人员、管理员）',
        querystring: requiredYearQuerySchema,
        response: { 200: regionSelfEvaluationRankingSchema, ...errors },
      },
    },
    async (request) => guarded(() => getRegionSelfEvaluationRanking(app.db, request.query.year, regionScope(currentUser(request)))),
  );

  app.get(
    '/api/projects/:id/self-evaluation.xlsx',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['self-evaluation'],
        summary: '导出项目支出绩效自评表（.xlsx）',
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const project = await visibleMonitoredProject(app.db, currentUser(request), request.params.id);
      const bytes = await guarded(() => exportProjectSelfEvaluation(app.db, project.id));
      return sendXlsx(reply, bytes, `${project.name}绩效自评表.xlsx`, `jixiao-self-evaluation-${project.code ?? project.id}.xlsx`);
    },
  );

  app.get(
    '/api/departments/:id/self-evaluation.xlsx',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['self-evaluation'],
        summary: '导出单位一个年度的项目支出绩效自评表（.xlsx）',
        params: idParamsSchema,
        querystring: requiredYearQuerySchema,
      },
    },
    async (request, reply) => {
      const department = await visibleDepartment(app.db, currentUser(request), request.params.id);
      const year = request.query.year;
      const bytes = await guarded(() => exportDepartmentSelfEvaluation(app.db, department.id, year));
      return sendXlsx(reply, bytes, `${department.name}${year}年度项目支出绩效自评表.xlsx`, `jixiao-self-evaluation-${department.code ?? department.id}-${year}.xlsx`);
    },
  );
};
