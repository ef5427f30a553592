/**
 * Reading the e2e server's database for test setup and for checking what the UI stored. Tests
 * act through the browser; these queries only find ids and confirm results.
 */
import { loadStoredFindings } from '../../src/server/db/project.repository';
import type { Db } from '../../src/server/db/schema';
import type { DemoLogin } from '../../src/server/modules/demo/demo.service';
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

/** A department's editor of the demo data with its department's projects, and another department with one of its projects. */
export interface EditorAndOther {
  editor: { username: string; departmentName: string; projects: ProjectRow[] };
  other: { departmentId: number; departmentName: string; project: ProjectRow };
}

/** The first two editors of the demo's accounts: the first as `editor`, the second's department as `other`. */
export async function editorAndOther(db: Db, logins: readonly DemoLogin[]): Promise<EditorAndOther> {
  const editors = logins.filter((l) => l.role === 'editor');
  if (editors.length < 2) throw new Error(`two editors needed, the demo has ${editors.length}`);
  const all = await currentProjects(db);
  const departmentOf = (username: string) => editors.find((l) => l.username === username)!.departmentName!;
  const [a, b] = editors;
  // the department ids of the two editors: by name (the demo names are distinct)
  const ids = await db.selectFrom('department').select(['id', 'name']).execute();
  const idOf = (name: string) => ids.find((d) => d.name === name)!.id;
  const aId = idOf(departmentOf(a!.username));
  const bId = idOf(departmentOf(b!.username));
  return {
    editor: { username: a!.username, departmentName: departmentOf(a!.username), projects: all.filter((p) => p.departmentId === aId) },
    other: { departmentId: bId, departmentName: departmentOf(b!.username), project: all.find((p) => p.departmentId === bId)! },
  };
}
