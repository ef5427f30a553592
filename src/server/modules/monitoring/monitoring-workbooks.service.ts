/**
 * The .xlsx side of monitoring: the monitoring tables of a project or a department as .xlsx, and
 * the checks every monitoring-stage workbook shares (a round's date in its year, the department).
 * The execution template and its import are in execution-records/execution-workbooks.service.ts,
 * the self-evaluation exports in self-evaluation/self-evaluation-workbooks.service.ts.
 */
import { findDepartment } from '../../db/monitoring.repository';
import type { Db } from '../../db/schema';
import { ExecutionDataError, MonitoringNotFoundError } from './errors';
import { parseAsOf } from '../execution-records/execution-record.service';
import { getDepartmentMonitoring, getMonitoringTable } from './monitoring.service';

// The workbook module loads ExcelJS (~28 MiB): on the first workbook, not at the server's start.
const workbooks = () => import('../../exporters/monitoring-xlsx');

/** ExecutionDataError unless `asOf` is a date of `year`. */
export function requireAsOf(asOf: string, year: number): void {
  const date = parseAsOf(asOf);
  if (date === null) throw new ExecutionDataError([{ path: 'asOf', message: `截至日期“${asOf}”不是有效日期（YYYY-MM-DD）` }]);
  if (date.year !== year) throw new ExecutionDataError([{ path: 'asOf', message: `截至日期 ${asOf} 不在 ${year} 年内` }]);
}

/** The department, or MonitoringNotFoundError. */
export async function requireDepartment(db: Db, departmentId: number) {
  const department = await findDepartment(db, departmentId);
  if (department === undefined) throw new MonitoringNotFoundError('该单位不存在');
  return department;
}

// ---------------------------------------------------------------------------------------------
// Exports

/** The monitoring table of a project as of a round (default: its latest) as .xlsx; null without a record. */
export async function exportProjectMonitoring(db: Db, projectId: number, asOf?: string): Promise<Buffer | null> {
  const table = await getMonitoringTable(db, projectId, asOf);
  if (table === null) return null;
  return (await workbooks()).exportMonitoringTables({ title: `${table.project.name} 绩效运行监控表（截至 ${table.asOf}）`, tables: [table] });
}

/** A department's monitoring tables and summary of a round as .xlsx. */
export async function exportDepartmentMonitoring(db: Db, departmentId: number, year: number, asOf: string): Promise<Buffer> {
  requireAsOf(asOf, year);
  const { summary, tables } = await getDepartmentMonitoring(db, departmentId, year, asOf);
  return (await workbooks()).exportMonitoringTables({ title: `${summary.department.name} ${year}年绩效运行监控表（截至 ${asOf}）`, tables, summary });
}
