/**
 * Reading the e2e server's database for test setup and for checking what the UI stored. Tests
 * act through the browser; these queries only find ids and confirm results.
 */
import { loadStoredFindings } from '../../src/server/db/project.repository';
import type { Db } from '../../src/server/db/schema';
import type { ProjectStatus } from '../../src/shared/domain/workflow';

export interface DepartmentRow {
  id: number;
  code: string | null;
  name: string;
}

export async function departmentByCode(db: Db, code: string): Promise<DepartmentRow> {
  const d = await db.selectFrom('department').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
  if (!d) throw new Error(`no department ${code}`);
  return d;
}

export interface ProjectRow {
  id: number;
  name: string;
  code: string | null;
  status: ProjectStatus;
  version: number;
  departmentId: number;
}

/** The projects of the current documents, optionally of one department (by code) and status. */
export async function currentProjects(db: Db, opts: { departmentCode?: string; status?: ProjectStatus } = {}): Promise<ProjectRow[]> {
  let q = db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .innerJoin('department', 'department.id', 'document.departmentId')
    .select(['project.id', 'project.name', 'project.code', 'project.status', 'project.version', 'department.id as departmentId'])
    .where('document.isCurrent', '=', 1);
  if (opts.departmentCode !== undefined) q = q.where('department.code', '=', opts.departmentCode);
  if (opts.status !== undefined) q = q.where('project.status', '=', opts.status);
  return (await q.orderBy('project.id').execute()) as ProjectRow[];
}

export interface IndicatorRowData {
  position: number;
  level1: string | null;
  level2: string | null;
  name: string;
  targetRaw: string;
}

export async function indicatorsOf(db: Db, projectId: number): Promise<IndicatorRowData[]> {
  return db
    .selectFrom('indicator')
    .select(['position', 'level1', 'level2', 'name', 'targetRaw'])
    .where('projectId', '=', projectId)
    .orderBy('position')
    .execute();
}

/** How many 错误 findings the stored review of each of `projectIds` has. */
export async function storedErrorCounts(db: Db, projectIds: readonly number[]): Promise<Map<number, number>> {
  const stored = await loadStoredFindings(db, projectIds);
  return new Map([...stored].map(([id, findings]) => [id, findings.filter((f) => f.severity === 'error').length]));
}
