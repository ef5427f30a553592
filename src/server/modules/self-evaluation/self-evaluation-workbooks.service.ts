/** The self-evaluation tables of a project or a department as .xlsx. */
import type { Db } from '../../db/schema';
import { requireDepartment } from '../monitoring/monitoring-workbooks.service';
import { getDepartmentSelfEvaluations, getSelfEvaluation } from './self-evaluation.service';

// The workbook module loads ExcelJS (~28 MiB): on the first workbook, not at the server's start.
const workbooks = () => import('../../exporters/monitoring-xlsx');

/** A project's self-evaluation table as .xlsx (the official form, the summary and the detail). */
export async function exportProjectSelfEvaluation(db: Db, projectId: number): Promise<Buffer> {
  const result = await getSelfEvaluation(db, projectId);
  return (await workbooks()).exportSelfEvaluations({ title: `${result.project.year ?? ''}年度项目支出绩效自评表`, results: [result] });
}

/** A department's self-evaluation tables of a year as .xlsx. */
export async function exportDepartmentSelfEvaluation(db: Db, departmentId: number, year: number): Promise<Buffer> {
  const department = await requireDepartment(db, departmentId);
  const results = await getDepartmentSelfEvaluations(db, departmentId, year);
  return (await workbooks()).exportSelfEvaluations({ title: `${department.name} ${year}年度项目支出绩效自评表`, results });
}
