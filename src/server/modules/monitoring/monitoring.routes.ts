/**
 * In-year monitoring (绩效运行监控, "双监控") over HTTP: the rounds of a year, the monitoring table
 * of a project, the summaries of a round per department and for the region, and the monitoring
 * tables as .xlsx. Execution records (the rounds' data, the template and its import) are served by
 * execution-records/execution-records.routes.ts, self-evaluation by self-evaluation/.
 *
 * Access, as everywhere: login required; reviewers see every department, an editor only
 * their own (another department's project or department is 404); the region summary is for
 * reviewers (403 for editors).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  departmentMonitoringSummarySchema,
  executionRoundsSchema,
  monitoringTableSchema,
  optionalAsOfQuerySchema,
  regionMonitoringSummarySchema,
  roundsQuerySchema,
  yearAsOfQuerySchema,
} from '../../../shared/api/monitoring';
import { idParamsSchema } from '../../../shared/api/projects';
import { assertDepartmentAccess, currentUser, regionScope, requireLogin, requireRole, scopeDepartmentIds } from '../../app/auth';
import { AppError } from '../../app/errors';
import { listProjectExecutionRecords } from '../execution-records/execution-record.service';
import {
  assertAsOfInYear,
  assertDate,
  departmentRoundWorkbook,
  visibleDepartment,
  errorResponses as errors,
  guarded,
  sendXlsx,
  visibleMonitoredProject,
} from './monitoring-access';
import { exportDepartmentMonitoring, exportProjectMonitoring } from './monitoring-workbooks.service';
import { getDepartmentMonitoringSummary, getMonitoringTable, getRegionMonitoringSummary, listRounds } from './monitoring.service';

export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  // --- rounds -----------------------------------------------------------------------------------

  app.get(
    '/api/monitoring/rounds',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['monitoring'],
        summary: '监控轮次：某年度（可限一个单位）已登记执行情况的截至日期及项目数，按日期升序。填报人只看本单位',
        querystring: roundsQuerySchema,
        response: { 200: executionRoundsSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { year, departmentId } = request.query;
      if (departmentId !== undefined) await visibleDepartment(app.db, user, departmentId);
      // An editor's rounds are their own department's, asked or not; a regional account's its subtree's.
      const department = user.role === 'editor' ? (user.departmentId ?? -1) : departmentId;
      return { year, rounds: await listRounds(app.db, year, department, department === undefined ? (scopeDepartmentIds(user) ?? undefined) : undefined) };
    },
  );

  // --- monitoring tables and summaries ---------------------------------------------------------

  app.get(
    '/api/projects/:id/monitoring',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['monitoring'],
        summary:
          '项目绩效运行监控表：支出进度与序时/计划进度、各指标完成进度、预警灯、重点监控、待说明事项。不指定 asOf 时为最近一轮；项目没有该轮（或任何）执行记录时 404',
        params: idParamsSchema,
        querystring: optionalAsOfQuerySchema,
        response: { 200: monitoringTableSchema, ...errors },
      },
    },
    async (request) => {
      const project = await visibleMonitoredProject(app.db, currentUser(request), request.params.id);
      const asOf = request.query.asOf;
      if (asOf !== undefined) assertDate(asOf);
      const table = await guarded(() => getMonitoringTable(app.db, project.id, asOf));
      if (table === null) {
        throw new AppError(404, 'not-found', asOf === undefined ? `项目“${project.name}”尚未登记执行情况` : `项目“${project.name}”没有截至 ${asOf} 的执行记录`);
      }
      return table;
    },
  );

  app.get(
    '/api/departments/:id/monitoring',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['monitoring'],
        summary: '单位一轮监控汇总：合计、各项目预警灯、进度滞后项目（最严重在前）及原因与措施、重点监控、未填报项目（只含已审核/已公开的项目）',
        params: idParamsSchema,
        querystring: yearAsOfQuerySchema,
        response: { 200: departmentMonitoringSummarySchema, ...errors },
      },
    },
    async (request) => {
      assertDepartmentAccess(currentUser(request), request.params.id);
      const { year, asOf } = request.query;
      assertAsOfInYear(asOf, year);
      return guarded(() => getDepartmentMonitoringSummary(app.db, request.params.id, year, asOf));
    },
  );

  app.get(
    '/api/monitoring/region',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: ['monitoring'],
        summary: '全区一轮监控汇总：合计、各单位合计、进度滞后与重点监控项目（审核人员、管理员）',
        querystring: yearAsOfQuerySchema,
        response: { 200: regionMonitoringSummarySchema, ...errors },
      },
    },
    async (request) => {
      const { year, asOf } = request.query;
      assertAsOfInYear(asOf, year);
      return guarded(() => getRegionMonitoringSummary(app.db, year, asOf, regionScope(currentUser(request))));
    },
  );

  // --- .xlsx: monitoring tables -------------------------------------------------------------------

  app.get(
    '/api/projects/:id/monitoring.xlsx',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['monitoring'],
        summary: '导出项目绩效运行监控表（.xlsx）；不指定 asOf 时为最近一轮，没有执行记录时 404',
        params: idParamsSchema,
        querystring: optionalAsOfQuerySchema,
      },
    },
    async (request, reply) => {
      const project = await visibleMonitoredProject(app.db, currentUser(request), request.params.id);
      if (request.query.asOf !== undefined) assertDate(request.query.asOf);
      const asOf = request.query.asOf ?? (await listProjectExecutionRecords(app.db, project.id)).at(-1)?.asOf;
      const bytes = asOf === undefined ? null : await guarded(() => exportProjectMonitoring(app.db, project.id, asOf));
      if (bytes === null) {
        throw new AppError(404, 'not-found', asOf === undefined ? `项目“${project.name}”尚未登记执行情况` : `项目“${project.name}”没有截至 ${asOf} 的执行记录`);
      }
      return sendXlsx(reply, bytes, `${project.name}绩效运行监控表（截至${asOf}）.xlsx`, `jixiao-monitoring-${project.code ?? project.id}-${asOf}.xlsx`);
    },
  );

  departmentRoundWorkbook(
    app,
    '/api/departments/:id/monitoring.xlsx',
    '导出单位一轮绩效运行监控表（.xlsx：汇总及各项目监控表）',
    (departmentId, year, asOf) => exportDepartmentMonitoring(app.db, departmentId, year, asOf),
    (d, year, asOf) => [`${d.name}${year}年绩效运行监控表（截至${asOf}）.xlsx`, `jixiao-monitoring-${d.code ?? d.id}-${asOf}.xlsx`],
  );

};
