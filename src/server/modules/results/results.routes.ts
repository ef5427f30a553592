/**
 * 结果运用 over HTTP: a project's results sheet, the finance bureau's decision, the department and
 * region reports (绩效评价结果应用情况) as .xlsx and .docx, and what the public pages show.
 *
 * Access: login required; an editor sees only their own department's sheets and report, read-only
 * (404 for another department's, as everywhere); deciding and the region report are for reviewers
 * (403 for editors). Bad decision input is 400 'validation' with every problem in
 * `issues`; a project without a complete self-evaluation is 409. The public routes answer the
 * anonymous, only for published projects of a region whose settings publish results (404 else).
 */
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import { idParamsSchema } from '../../../shared/api/projects';
import {
  publicDepartmentResultsSchema,
  publicProjectResultsSchema,
  resultsDecisionInputSchema,
  resultsReportSchema,
  resultsSheetSchema,
  type ResultsReport,
} from '../../../shared/api/results';
import { requiredYearQuerySchema, saveStatusSchema } from '../../../shared/api/monitoring';
import { actorOf, currentUser, regionScope, requireLogin, requireRole } from '../../app/auth';
import { getPublicProject } from '../public/public.service';
import { AppError } from '../../app/errors';
import { attachmentHeader } from '../../app/download';
import { errorResponses as errors, guarded, sendXlsx, visibleDepartment, visibleMonitoredProject } from '../monitoring/monitoring-access';
import {
  decideResults,
  getProjectResults,
  getPublicDepartmentResults,
  getPublicProjectResults,
  getResultsReport,
  ResultsStateError,
} from './results.service';

const canDecide = (role: string) => role === 'reviewer';

/** The service's errors as the API answers them (ResultsStateError: 409). */
async function answered<T>(work: () => Promise<T>): Promise<T> {
  return guarded(async () => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ResultsStateError) throw new AppError(409, 'conflict', error.message);
      throw error;
    }
  });
}

const reportTitle = (year: number, name: string | null) => `${name ?? ''}${year}年度绩效评价结果应用情况`;

const REPORT_FORMATS = ['xlsx', 'docx'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];
const FORMAT_LABELS: Record<ReportFormat, string> = { xlsx: '.xlsx：汇总、按部门、项目明细', docx: '.docx：书面报告，含总体情况、按结果运用方式、各部门情况、调整系统建议的项目' };
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The report as a download; the exporters (ExcelJS, docx) are loaded when one is asked for. */
async function sendReport(reply: FastifyReply, format: ReportFormat, report: ResultsReport, title: string, asciiName: string): Promise<FastifyReply> {
  if (format === 'xlsx') {
    const { exportResultsReport } = await import('../../exporters/results-xlsx');
    return sendXlsx(reply, await exportResultsReport(report, title), `${title}.xlsx`, `${asciiName}.xlsx`);
  }
  const { exportResultsDocx } = await import('../../exporters/results-docx');
  const bytes = await exportResultsDocx(report, title);
  return reply.header('content-disposition', attachmentHeader(`${title}.docx`, `${asciiName}.docx`)).type(DOCX_TYPE).send(bytes);
}

export const resultsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/projects/:id/results',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['results'],
        summary: '项目结果运用表：自评等级与得分、执行率、偏差及原因、发现的问题、系统建议的下年预算安排（结果运用方式、比例、金额）及财政确定情况',
        params: idParamsSchema,
        response: { 200: resultsSheetSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const project = await visibleMonitoredProject(app.db, user, request.params.id);
      return answered(() => getProjectResults(app.db, project.id, { canDecide: canDecide(user.role) }));
    },
  );

  app.put(
    '/api/projects/:id/results/decision',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: ['results'],
        summary:
          '确定项目的结果运用（审核人员、管理员）：采纳系统建议（action=accept），或调整为其他结果运用方式和比例并填写理由（action=override）。理由必填；项目尚无完整自评时 409',
        params: idParamsSchema,
        body: resultsDecisionInputSchema,
        response: { 200: resultsSheetSchema.extend({ saveStatus: saveStatusSchema }), ...errors, 409: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const project = await visibleMonitoredProject(app.db, user, request.params.id);
      const saved = await answered(() => decideResults(app.db, project.id, request.body, { actor: actorOf(user), now: app.now() }));
      return { ...saved.sheet, saveStatus: saved.status };
    },
  );

  app.get(
    '/api/results',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: ['results'],
        summary: '全区绩效评价结果应用情况：按等级、按结果运用方式的项目数和金额（压减合计等），各部门汇总，各项目的建议与确定情况（审核人员、管理员）',
        querystring: requiredYearQuerySchema,
        response: { 200: resultsReportSchema, ...errors },
      },
    },
    async (request) => answered(() => getResultsReport(app.db, request.query.year, undefined, regionScope(currentUser(request)))),
  );

  app.get(
    '/api/departments/:id/results',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['results'],
        summary: '单位一个年度的结果运用情况：各项目的自评等级、发现的问题、建议与确定的下年预算安排（单位填报人只读本单位）',
        params: idParamsSchema,
        querystring: requiredYearQuerySchema,
        response: { 200: resultsReportSchema, ...errors },
      },
    },
    async (request) => {
      const department = await visibleDepartment(app.db, currentUser(request), request.params.id);
      return answered(() => getResultsReport(app.db, request.query.year, department.id));
    },
  );

  // The report as a download: .xlsx (汇总, 按部门, 项目明细) or .docx (the written report), the region's or a department's.
  for (const format of REPORT_FORMATS) {
    app.get(
      `/api/results/report.${format}`,
      {
        preHandler: requireRole('reviewer'),
        schema: { tags: ['results'], summary: `导出全区绩效评价结果应用情况（${FORMAT_LABELS[format]}）`, querystring: requiredYearQuerySchema },
      },
      async (request, reply) => {
        const year = request.query.year;
        return sendReport(reply, format, await answered(() => getResultsReport(app.db, year, undefined, regionScope(currentUser(request)))), reportTitle(year, null), `jixiao-results-${year}`);
      },
    );
    app.get(
      `/api/departments/:id/results.${format}`,
      {
        preHandler: requireLogin,
        schema: { tags: ['results'], summary: `导出单位一个年度的绩效评价结果应用情况（${FORMAT_LABELS[format]}）`, params: idParamsSchema, querystring: requiredYearQuerySchema },
      },
      async (request, reply) => {
        const department = await visibleDepartment(app.db, currentUser(request), request.params.id);
        const year = request.query.year;
        const report = await answered(() => getResultsReport(app.db, year, department.id));
        return sendReport(reply, format, report, reportTitle(year, department.name), `jixiao-results-${department.code ?? department.id}-${year}`);
      },
    );
  }

  app.get(
    '/api/public/projects/:id/results',
    {
      schema: {
        tags: ['public'],
        summary: '公开：项目的绩效自评等级、得分及结果运用（未公开的项目 404；已公开项目所在地区未选择公开自评结果或自评未完成时为 null）',
        params: idParamsSchema,
        response: { 200: publicProjectResultsSchema.nullable(), 404: apiErrorSchema },
      },
    },
    async (request) => {
      const results = await getPublicProjectResults(app.db, request.params.id);
      if (results !== null) return results;
      // A published project without public results answers null (its public page asks for them);
      // a project that is not public stays not found.
      await getPublicProject(app.db, request.params.id);
      return null;
    },
  );

  app.get(
    '/api/public/departments/:id/results',
    {
      schema: {
        tags: ['public'],
        summary: '公开：单位一个年度已公开项目的绩效自评等级、得分及结果运用（仅限所在地区选择公开的项目）',
        params: idParamsSchema,
        querystring: z.object({ year: requiredYearQuerySchema.shape.year }),
        response: { 200: publicDepartmentResultsSchema, 400: apiErrorSchema },
      },
    },
    async (request) => getPublicDepartmentResults(app.db, request.params.id, request.query.year),
  );
};
