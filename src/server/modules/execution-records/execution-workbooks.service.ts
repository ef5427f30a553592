/**
 * The .xlsx side of execution records: the execution template of a department and round (filled
 * with what is recorded), and its import — all or nothing, every problem named by its cell.
 */
import { listExecutionRecords, type StoredExecutionIndicator } from '../../db/execution-record.repository';
import { loadMonitoredProjects } from '../../db/monitoring.repository';
import type { Db } from '../../db/schema';
import { MONITORED_STATUSES } from '../../../shared/domain/workflow';
import { monitoringConfigFor } from '../monitoring/configs';
import { ExecutionDataError, type DataIssue } from '../monitoring/errors';
import { requireAsOf, requireDepartment } from '../monitoring/monitoring-workbooks.service';
import {
  checkExecutionRecord,
  writeExecutionRecord,
  type CheckedExecutionRecord,
  type SaveOptions,
  type SaveStatus,
} from './execution-record.service';
import { inTransaction } from '../../db/transaction';
import { shownLevels } from '../../../shared/domain/model';
import type { ExecutionWorkbook } from '../../importers/xlsx/read-execution-xlsx';

// The workbook module loads ExcelJS (~28 MiB): on the first workbook, not at the server's start.
const workbooks = () => import('../../exporters/monitoring-xlsx');
const executionReader = () => import('../../importers/xlsx/read-execution-xlsx');

/**
 * The execution template of a department's projects of a year for a round: one row per project and
 * per indicator, prefilled with the round's records where they exist.
 */
export async function buildExecutionTemplate(db: Db, departmentId: number, year: number, asOf: string): Promise<Buffer> {
  requireAsOf(asOf, year);
  const department = await requireDepartment(db, departmentId);
  const projects = await loadMonitoredProjects(db, { departmentId, year, currentOnly: true, statuses: MONITORED_STATUSES });
  const records = new Map((await listExecutionRecords(db, { projectIds: projects.map((p) => p.id), asOf })).map((r) => [r.projectId, r]));
  const config = projects[0] ? monitoringConfigFor(projects[0]) : undefined;
  return (await workbooks()).exportExecutionTemplate({
    department,
    year,
    asOf,
    ...(config ? { causes: config.causes, likelihoods: Object.keys(config.likelihoodLights) } : {}),
    projects: projects.map((p) => {
      const record = records.get(p.id) ?? null;
      const lines = new Map<number, StoredExecutionIndicator>((record?.indicators ?? []).map((l) => [l.indicatorId, l]));
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        budgetFen: p.budgetTotal,
        record,
        indicators: p.indicators.map((i) => ({
          id: i.id,
          ...shownLevels(i),
          name: i.name,
          target: i.target.raw,
          line: lines.get(i.id) ?? null,
        })),
      };
    }),
  });
}

export interface WorkbookImportOptions extends SaveOptions {
  /** Only projects of this department may be in the workbook (an editor's own). */
  departmentId?: number;
  /**
   * With departmentId: name no project of another department and answer for it as for one that
   * does not exist ("不存在或不属于本单位"), so that an editor learns nothing of other departments.
   */
  concealOthers?: boolean;
  /**
   * Only projects of the departments it allows may be in the workbook (a regional finance
   * account's subtree); another's is answered for as one that does not exist.
   */
  allowsDepartment?: (departmentId: number | null) => boolean;
  /** Reads the workbook (default: here, readExecutionXlsx). The server reads it in its parse pool. */
  read?: (bytes: Uint8Array) => Promise<ExecutionWorkbook>;
}

export interface WorkbookImportResult {
  records: { projectId: number; name: string; asOf: string; status: SaveStatus }[];
}

/**
 * Imports a filled execution template: every row is checked first (cells, then each round against
 * its project), and only when nothing is wrong are all rounds stored, in one transaction. Throws
 * ExecutionDataError whose paths are cells ("项目执行!F3", "指标执行!A7"); nothing is then written.
 */
export async function importExecutionWorkbook(db: Db, bytes: Uint8Array, opts: WorkbookImportOptions = {}): Promise<WorkbookImportResult> {
  const { cellOfPath, readExecutionXlsx } = await executionReader();
  const read = await (opts.read ?? readExecutionXlsx)(bytes);
  const issues: DataIssue[] = read.errors.map((e) => ({ path: e.ref, message: e.message }));
  if (read.errors.length === 0 && read.rows.length === 0) {
    throw new ExecutionDataError([{ path: '项目执行!A2', message: '工作簿中没有填写任何项目的执行情况' }]);
  }
  return inTransaction(db, async (trx) => {
    const projects = new Map((await loadMonitoredProjects(trx, { projectIds: read.rows.map((r) => r.projectId) })).map((p) => [p.id, p]));
    const checked: { project: NonNullable<ReturnType<typeof projects.get>>; record: CheckedExecutionRecord }[] = [];
    for (const row of read.rows) {
      const at = (path: string) => cellOfPath(row.cells, path);
      const project = projects.get(row.projectId);
      // Concealing (an editor over the API), another department's project is not named and not
      // told apart from one that does not exist: what other departments hold must not leak.
      if (opts.concealOthers && opts.departmentId !== undefined && (project === undefined || project.departmentId !== opts.departmentId)) {
        issues.push({ path: at(''), message: `项目ID ${row.projectId} 不存在或不属于本单位` });
        continue;
      }
      if (opts.allowsDepartment !== undefined && (project === undefined || !opts.allowsDepartment(project.departmentId))) {
        issues.push({ path: at(''), message: `项目ID ${row.projectId} 不存在或不在本区划内` });
        continue;
      }
      if (project === undefined) {
        issues.push({ path: at(''), message: `项目ID ${row.projectId} 不存在` });
        continue;
      }
      if (opts.departmentId !== undefined && project.departmentId !== opts.departmentId) {
        issues.push({ path: at(''), message: `项目ID ${row.projectId}（${project.name}）不属于本单位` });
        continue;
      }
      const r = checkExecutionRecord(project, row.input);
      if (r.ok) checked.push({ project, record: r.record });
      else issues.push(...r.issues.map((i) => ({ path: at(i.path), message: i.message })));
    }
    if (issues.length > 0) throw new ExecutionDataError(sortByCell(issues));
    const records: WorkbookImportResult['records'] = [];
    for (const { project, record } of checked) {
      const saved = await writeExecutionRecord(trx, project, record, opts);
      records.push({ projectId: project.id, name: project.name, asOf: record.asOf, status: saved.status });
    }
    return { records };
  });
}

/** Problems in sheet, row, column order (项目执行 before 指标执行); one per cell. */
function sortByCell(issues: DataIssue[]): DataIssue[] {
  const key = (path: string): [number, number, number] => {
    const m = /^(.*)!([A-Z]+)(\d+)$/.exec(path);
    if (!m) return [-1, 0, 0];
    const sheet = m[1] === '项目执行' ? 0 : 1;
    const column = [...m[2]!].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
    return [sheet, Number(m[3]), column];
  };
  const seen = new Set<string>();
  return issues
    .map((issue, i) => ({ issue, i, k: key(issue.path) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.i - b.i)
    .map((x) => x.issue)
    .filter((issue) => (seen.has(issue.path) ? false : (seen.add(issue.path), true)));
}
