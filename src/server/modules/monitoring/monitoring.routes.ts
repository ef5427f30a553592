/**
 * In-year monitoring (绩效运行监控, "双监控") over HTTP: execution records per project and round,
 * the monitoring table of a project, the summaries of a round per department and for the region,
 * the .xlsx template of a round and its import, and the monitoring tables as .xlsx.
 *
 * Access, as everywhere: login required; reviewers and admins see every department, an editor only
 * their own (another department's project or department is 404); the region summary is for
 * reviewers and admins (403 for editors). Whoever sees a project may write its execution records,
 * once its targets are approved (已审核/已公开) and its document is current — else 409. Malformed
 * data is refused whole: 400 'validation' with every problem in `issues`, nothing written. Every
 * write is audited by the service ('execution.save' / 'execution.delete').
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import {
  departmentMonitoringSummarySchema,
  executionDeleteResponseSchema,
  executionImportResponseSchema,
  executionRecordBodySchema,
  executionRecordListSchema,
  executionRecordSchema,
  executionRoundsSchema,
  executionSaveResponseSchema,
  monitoringTableSchema,
  optionalAsOfQuerySchema,
  projectAsOfParamsSchema,
  regionMonitoringSummarySchema,
  roundsQuerySchema,
  yearAsOfQuerySchema,
  type ExecutionRecord,
} from '../../../shared/api/monitoring';
import { idParamsSchema } from '../../../shared/api/projects';
import { actorOf, assertDepartmentAccess, currentUser, requireLogin, requireRole } from '../../app/auth';
import { AppError, validationError } from '../../app/errors';
import type { StoredExecutionRecord } from '../../db/monitoring.repository';
import {
  deleteExecutionRound,
  getExecutionRecord,
  listProjectExecutionRecords,
  saveExecutionRecord,
} from './execution-record.service';
import {
  assertAsOfInYear,
  assertDate,
  visibleDepartment,
  assertMonitored,
  errorResponses as errors,
  guarded,
  notMonitoredReason,
  sendXlsx,
  visibleMonitoredProject,
} from './monitoring-access';
import { buildExecutionTemplate, exportDepartmentMonitoring, exportProjectMonitoring, importExecutionWorkbook } from './monitoring-workbooks.service';
import { getDepartmentMonitoringSummary, getMonitoringTable, getRegionMonitoringSummary, listRounds, projectRef } from './monitoring.service';

const writeErrors = { ...errors, 409: apiErrorSchema } as const;

/** A stored round as the API shows it (the repository's values are the checked input). */
function toExecutionRecord(r: StoredExecutionRecord): ExecutionRecord {
  return executionRecordSchema.parse(r);
}

export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  // --- rounds and execution records ------------------------------------------------------------

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
      // An editor's rounds are their own department's, asked or not.
      const department = user.role === 'editor' ? (user.departmentId ?? -1) : departmentId;
      return { year, rounds: await listRounds(app.db, year, department) };
    },
  );

  app.get(
    '/api/projects/:id/execution-records',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['monitoring'],
        summary: '项目的执行记录（每个截至日期一轮，最新在前），以及项目当前能否登记执行情况',
        params: idParamsSchema,
        response: { 200: executionRecordListSchema, ...errors },
      },
    },
    async (request) => {
      const project = await visibleMonitoredProject(app.db, currentUser(request), request.params.id);
      const records = await listProjectExecutionRecords(app.db, project.id);
      const reason = notMonitoredReason(project, '登记执行情况');
      return {
        project: projectRef(project),
        monitored: reason === null,
        unmonitoredReason: reason,
        records: records.reverse().map(toExecutionRecord),
      };
    },
  );

  app.get(
    '/api/projects/:id/execution-records/:asOf',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['monitoring'],
        summary: '一轮执行记录（填报时的内容，供修改）；没有该日期的记录时 404',
        params: projectAsOfParamsSchema,
        response: { 200: executionRecordSchema, ...errors },
      },
    },
    async (request) => {
      const project = await visibleMonitoredProject(app.db, currentUser(request), request.params.id);
      const record = await getExecutionRecord(app.db, project.id, request.params.asOf);
      if (record === undefined) throw new AppError(404, 'not-found', `项目“${project.name}”没有截至 ${request.params.asOf} 的执行记录`);
      return toExecutionRecord(record);
    },
  );

  app.put(
    '/api/projects/:id/execution-records/:asOf',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['monitoring'],
        summary:
          '保存一轮执行记录（累计支出、各指标完成值、偏差原因与纠偏措施），截至日期取自路径；已有同日记录则替换。返回该日期的监控表及 saveStatus（created/replaced/unchanged）。数据有误时整体拒绝（400，issues 逐项列出），项目未审核通过时 409',
        params: projectAsOfParamsSchema,
        body: executionRecordBodySchema,
        response: { 200: executionSaveResponseSchema, ...writeErrors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { id, asOf } = request.params;
      const body = request.body;
      if (body.asOf !== undefined && body.asOf !== asOf) {
        throw validationError([{ path: 'asOf', message: `请求内容中的截至日期 ${body.asOf} 与地址中的 ${asOf} 不一致` }]);
      }
      const project = await visibleMonitoredProject(app.db, user, id);
      assertMonitored(project, '登记执行情况');
      const saved = await guarded(() => saveExecutionRecord(app.db, project.id, { ...body, asOf }, { actor: actorOf(user), now: app.now(), onBehalf: user.role !== 'editor' }));
      const table = await guarded(() => getMonitoringTable(app.db, project.id, asOf));
      return { ...table!, saveStatus: saved.status };
    },
  );

  app.delete(
    '/api/projects/:id/execution-records/:asOf',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['monitoring'],
        summary: '删除一轮执行记录；返回项目余下的截至日期（最新在前）。没有该日期的记录时 404，项目未审核通过时 409',
        params: projectAsOfParamsSchema,
        response: { 200: executionDeleteResponseSchema, ...writeErrors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { id, asOf } = request.params;
      const project = await visibleMonitoredProject(app.db, user, id);
      assertMonitored(project, '删除执行记录');
      const deleted = await guarded(() => deleteExecutionRound(app.db, project.id, asOf, { actor: actorOf(user), now: app.now() }));
      if (!deleted) throw new AppError(404, 'not-found', `项目“${project.name}”没有截至 ${asOf} 的执行记录`);
      const rounds = (await listProjectExecutionRecords(app.db, project.id)).map((r) => r.asOf).reverse();
      return { projectId: project.id, asOf, rounds };
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
      preHandler: requireRole('reviewer', 'admin'),
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
      return guarded(() => getRegionMonitoringSummary(app.db, year, asOf));
    },
  );

  // --- .xlsx: monitoring tables, the execution template and its import -------------------------

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

  /** A department's workbook for one round: who may see the department, the date in the year, the download. */
  const departmentRoundWorkbook = (
    path: string,
    summary: string,
    build: (departmentId: number, year: number, asOf: string) => Promise<Buffer>,
    names: (department: { id: number; code: string | null; name: string }, year: number, asOf: string) => [fileName: string, asciiFileName: string],
  ) =>
    app.get(
      path,
      { preHandler: requireLogin, schema: { tags: ['monitoring'], summary, params: idParamsSchema, querystring: yearAsOfQuerySchema } },
      async (request, reply) => {
        const department = await visibleDepartment(app.db, currentUser(request), request.params.id);
        const { year, asOf } = request.query;
        assertAsOfInYear(asOf, year);
        const bytes = await guarded(() => build(department.id, year, asOf));
        return sendXlsx(reply, bytes, ...names(department, year, asOf));
      },
    );

  departmentRoundWorkbook(
    '/api/departments/:id/monitoring.xlsx',
    '导出单位一轮绩效运行监控表（.xlsx：汇总及各项目监控表）',
    (departmentId, year, asOf) => exportDepartmentMonitoring(app.db, departmentId, year, asOf),
    (d, year, asOf) => [`${d.name}${year}年绩效运行监控表（截至${asOf}）.xlsx`, `jixiao-monitoring-${d.code ?? d.id}-${asOf}.xlsx`],
  );

  departmentRoundWorkbook(
    '/api/departments/:id/execution-template.xlsx',
    '下载单位一轮的执行情况填报模板（.xlsx，已审核/已公开的项目，每个项目、每个指标一行，已登记的内容预先填入）',
    (departmentId, year, asOf) => buildExecutionTemplate(app.db, departmentId, year, asOf),
    (d, _year, asOf) => [`${d.name}执行情况填报模板（截至${asOf}）.xlsx`, `jixiao-execution-${d.code ?? d.id}-${asOf}.xlsx`],
  );

  app.post(
    '/api/monitoring/execution-import',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['monitoring'],
        summary:
          '导入填好的执行情况模板：multipart/form-data，一个 .xlsx 文件（字段 file）。有任何错误时整个工作簿不导入（400，issues 逐格列出，如“项目执行!F3”）；填报人只能导入本单位的项目',
        consumes: ['multipart/form-data'],
        response: { 200: executionImportResponseSchema, ...errors, 413: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      if (!request.isMultipart()) throw validationError([{ path: 'file', message: '请以 multipart/form-data 上传一个 .xlsx 文件（字段 file）' }]);
      const files: Buffer[] = [];
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        files.push(await part.toBuffer());
      }
      if (files.length !== 1) {
        throw validationError([{ path: 'file', message: files.length === 0 ? '请选择一个 .xlsx 文件' : `每次只能导入一个工作簿，收到 ${files.length} 个文件` }]);
      }
      return guarded(() =>
        importExecutionWorkbook(app.db, files[0]!, {
          actor: actorOf(user),
          now: app.now(),
          onBehalf: user.role !== 'editor',
          ...(user.role === 'editor' ? { departmentId: user.departmentId ?? -1, concealOthers: true } : {}),
        }),
      );
    },
  );
};
