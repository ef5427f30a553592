/**
 * Execution records (执行记录) over HTTP: the rounds of a project (list, one, save, delete), the
 * .xlsx execution template of a department and round, and its import.
 *
 * Access, as everywhere: login required; reviewers see every department, an editor only
 * their own (another department's project or department is 404). Whoever sees a project may write
 * its execution records, once its targets are approved (已审核/已公开) and its document is current —
 * else 409. Malformed data is refused whole: 400 'validation' with every problem in `issues`,
 * nothing written. Every write is audited by the service ('execution.save' / 'execution.delete').
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import {
  executionDeleteResponseSchema,
  executionImportResponseSchema,
  executionRecordBodySchema,
  executionRecordListSchema,
  executionRecordSchema,
  executionSaveResponseSchema,
  projectAsOfParamsSchema,
  type ExecutionRecord,
} from '../../../shared/api/monitoring';
import { idParamsSchema } from '../../../shared/api/projects';
import { actorOf, currentUser, mayAccessDepartment, regionScope, requireLogin } from '../../app/auth';
import { AppError, validationError } from '../../app/errors';
import { readMultipart, UPLOAD_LIMITS } from '../../app/multipart';
import type { ExecutionWorkbook } from '../../importers/xlsx/read-execution-xlsx';
import type { StoredExecutionRecord } from '../../db/execution-record.repository';
import {
  departmentRoundWorkbook,
  assertMonitored,
  errorResponses as errors,
  guarded,
  notMonitoredReason,
  visibleMonitoredProject,
} from '../monitoring/monitoring-access';
import { getMonitoringTable, projectRef } from '../monitoring/monitoring.service';
import { targetsInForce } from '../monitoring/targets-in-force';
import {
  deleteExecutionRound,
  getExecutionRecord,
  listProjectExecutionRecords,
  saveExecutionRecord,
} from './execution-record.service';
import { buildExecutionTemplate, importExecutionWorkbook } from './execution-workbooks.service';

const writeErrors = { ...errors, 409: apiErrorSchema } as const;

/** A stored round as the API shows it (the repository's values are the checked input). */
function toExecutionRecord(r: StoredExecutionRecord): ExecutionRecord {
  return executionRecordSchema.parse(r);
}

export const executionRecordRoutes: FastifyPluginAsyncZod = async (app) => {
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
        // each round's spending is measured against the budget in force on its date (目标调整, issue 58)
        records: records.reverse().map((r) => ({ ...toExecutionRecord(r), budgetFen: targetsInForce(project, r.asOf).budgetTotal })),
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

  // --- .xlsx: the execution template and its import ---------------------------------------------

  departmentRoundWorkbook(
    app,
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
      // Who may import is settled (login; an editor's rows are limited to their department below);
      // the parts are only buffered here, and the workbook is read in the parse pool.
      const upload = await readMultipart(request, {
        notMultipart: { path: 'file', message: '请以 multipart/form-data 上传一个 .xlsx 文件（字段 file）' },
        limits: UPLOAD_LIMITS,
        tooMany: `每次只能导入一个工作簿`,
        tooLarge: `工作簿不能超过 ${UPLOAD_LIMITS.fileSize / 1024 / 1024} MB，未导入`,
      });
      const files = upload.files.map((f) => f.bytes);
      const file = upload.files[0]?.filename || '工作簿';
      if (files.length !== 1) {
        throw validationError([{ path: 'file', message: files.length === 0 ? '请选择一个 .xlsx 文件' : `每次只能导入一个工作簿，收到 ${files.length} 个文件` }]);
      }
      const read = async (bytes: Uint8Array): Promise<ExecutionWorkbook> => {
        const r = await app.parsePool.attempt<ExecutionWorkbook>('readExecutionWorkbook', { bytes, file }, user.id);
        return r.ok ? r.value : { rows: [], errors: [{ ref: '', message: `${file}: ${r.message}` }] };
      };
      return guarded(() =>
        importExecutionWorkbook(app.db, files[0]!, {
          read,
          actor: actorOf(user),
          now: app.now(),
          onBehalf: user.role !== 'editor',
          ...(user.role === 'editor' ? { departmentId: user.departmentId ?? -1, concealOthers: true } : {}),
          ...(regionScope(user) !== null ? { allowsDepartment: (id: number | null) => mayAccessDepartment(user, id) } : {}),
        }),
      );
    },
  );
};
