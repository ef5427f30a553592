/**
 * What the monitoring and self-evaluation routes share: who may see a project or department (404
 * for another department's, as everywhere in the API), whether a project takes monitoring data
 * (409 otherwise), the mapping of the services' errors onto the error contract, and downloads.
 *
 * The services throw their own errors (they also serve the CLI and the demo loader):
 * ExecutionDataError becomes 400 'validation' with every problem in `issues` (a field path such as
 * "indicators.2.valueToDate", or a cell such as "项目执行!F3"); MonitoringNotFoundError becomes 404.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { yearAsOfQuerySchema } from '../../../shared/api/monitoring';
import { fieldLabelOf } from '../../../shared/api/field-labels';
import { idParamsSchema } from '../../../shared/api/projects';
import { apiErrorSchema } from '../../../shared/api/errors';
import type { SessionUser } from '../../../shared/api/auth';
import { assertDepartmentAccess, currentUser, requireLogin } from '../../app/auth';
import { AppError, type ValidationIssue } from '../../app/errors';
import { findDepartment, loadMonitoredProject, type MonitoredProject } from '../../db/monitoring.repository';
import type { Db } from '../../db/schema';
import { attachmentHeader } from '../../app/download';
import { visibleProject } from '../projects/project-guards';
import { unmonitoredReason } from './configs';
import { ExecutionDataError, MonitoringNotFoundError, type DataIssue } from './errors';
import { parseAsOf } from '../execution-records/execution-record.service';

/** The error answers every monitoring and self-evaluation route documents (409 and 413 added where they occur). */
export const errorResponses = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema } as const;

/** How many problems the message itself lists; `issues` always has them all. */
const LISTED = 10;

/** 400 'validation' naming every problem (the first LISTED in the message, all in `issues`). */
export function dataError(issues: readonly DataIssue[]): AppError {
  const list: ValidationIssue[] = issues.map((i) => ({ path: i.path, message: i.message }));
  // each place as a person names it (issue 58): a field by its label, a workbook's cell as 指标执行!A5, never a body's path
  const placeOf = (path: string) => (path.includes('!') ? path : fieldLabelOf(path));
  const shown = list.slice(0, LISTED).map((i) => (placeOf(i.path) === null || i.path === '' ? i.message : `${placeOf(i.path)}：${i.message}`));
  const more = list.length > LISTED ? `；另有 ${list.length - LISTED} 处错误` : '';
  return new AppError(400, 'validation', `数据有误，未保存：${shown.join('；')}${more}`, list);
}

/** The services' errors as the API answers them; anything else unchanged. */
export function toAppError(error: unknown): unknown {
  if (error instanceof ExecutionDataError) return dataError(error.issues);
  if (error instanceof MonitoringNotFoundError) return new AppError(404, 'not-found', error.message);
  return error;
}

/** Runs a service call, mapping its errors (see toAppError). */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}

/**
 * The project as monitoring sees it, when the user may see it: 404 for a project that does not
 * exist, belongs to no department, or (for an editor) to another department.
 */
export async function visibleMonitoredProject(db: Db, user: SessionUser, projectId: number): Promise<MonitoredProject> {
  await visibleProject(db, user, projectId);
  const project = await loadMonitoredProject(db, projectId);
  if (project === undefined) throw new AppError(404, 'not-found', '项目不存在');
  return project;
}

/** Why the project takes no execution records or self-evaluation now (superseded, not approved), or null. */
export function notMonitoredReason(project: MonitoredProject, what: string): string | null {
  if (!project.isCurrent) return `项目“${project.name}”属于已被新导入版本替换的历史文档，不能${what}；请在当前版本的项目上填报`;
  return unmonitoredReason(project, what);
}

/** 409 'conflict' unless the project takes monitoring data (current document, approved or published). */
export function assertMonitored(project: MonitoredProject, what: string): void {
  const reason = notMonitoredReason(project, what);
  if (reason !== null) throw new AppError(409, 'conflict', reason);
}

/** The department, when the user may see it: 404 for another department's (an editor) or none. */
export async function visibleDepartment(db: Db, user: SessionUser, departmentId: number): Promise<{ id: number; code: string | null; name: string }> {
  assertDepartmentAccess(user, departmentId);
  const department = await findDepartment(db, departmentId);
  if (department === undefined) throw new AppError(404, 'not-found', '单位不存在');
  return department;
}

/** 400 naming `asOf` unless the date exists and lies in `year`. */
export function assertAsOfInYear(asOf: string, year: number): void {
  const date = parseAsOf(asOf);
  if (date === null) throw dataError([{ path: 'asOf', message: `截至日期 ${asOf} 不存在` }]);
  if (date.year !== year) throw dataError([{ path: 'asOf', message: `截至日期 ${asOf} 不在 ${year} 年内` }]);
}

/** 400 naming `asOf` unless the date exists. */
export function assertDate(asOf: string): void {
  if (parseAsOf(asOf) === null) throw dataError([{ path: 'asOf', message: `截至日期 ${asOf} 不存在` }]);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Characters a file name may not hold on common systems. */
function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}

/** Sends a workbook as a download with a Chinese file name (RFC 5987) and an ASCII fallback. */
export function sendXlsx(reply: FastifyReply, bytes: Buffer, fileName: string, asciiFileName: string): FastifyReply {
  return reply.header('content-disposition', attachmentHeader(safeName(fileName), asciiFileName)).type(XLSX_TYPE).send(bytes);
}

/**
 * A GET route of a department's workbook for one round: who may see the department, the date in
 * the year, the download (the monitoring tables, the execution template).
 */
export function departmentRoundWorkbook(
  app: FastifyInstance,
  path: string,
  summary: string,
  build: (departmentId: number, year: number, asOf: string) => Promise<Buffer>,
  names: (department: { id: number; code: string | null; name: string }, year: number, asOf: string) => [fileName: string, asciiFileName: string],
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
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
}
