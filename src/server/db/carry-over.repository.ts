/**
 * The SQL of 下年目标 (carry-over, migration 0015): where a carried-over project came from, which
 * of next year's projects came from a project, and a department's current projects of a year
 * (what a batch carries, and the "already exists" check).
 */
import type { ProjectStatus } from '../../shared/domain/workflow';
import type { Db } from './schema';

export interface CarryOverLink {
  projectId: number;
  sourceProjectId: number;
  createdAt: string;
  createdBy: string;
}

export async function insertCarryOver(db: Db, link: CarryOverLink): Promise<void> {
  await db.insertInto('carryOver').values(link).execute();
}

/** Where a project was carried over from; undefined for a project that was not. */
export async function findCarryOverSource(db: Db, projectId: number): Promise<CarryOverLink | undefined> {
  return db.selectFrom('carryOver').selectAll().where('projectId', '=', projectId).executeTakeFirst();
}

/** The projects of current documents carried over from this one. */
export async function listCarriedFrom(db: Db, sourceProjectId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('carryOver')
    .innerJoin('project', 'project.id', 'carryOver.projectId')
    .innerJoin('document', 'document.id', 'project.documentId')
    .select('carryOver.projectId')
    .where('carryOver.sourceProjectId', '=', sourceProjectId)
    .where('document.isCurrent', '=', 1)
    .orderBy('carryOver.projectId')
    .execute();
  return rows.map((r) => r.projectId);
}

export interface YearProjectRow {
  id: number;
  name: string;
  code: string | null;
  status: ProjectStatus;
}

/** A department's projects of current documents in a year (the project's year, else its document's), in document order. */
export async function listDepartmentYearProjects(db: Db, departmentId: number, year: number): Promise<YearProjectRow[]> {
  return db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .select(['project.id', 'project.name', 'project.code', 'project.status'])
    .where('document.departmentId', '=', departmentId)
    .where('document.isCurrent', '=', 1)
    .where((eb) => eb(eb.fn.coalesce('project.year', 'document.year'), '=', year))
    .orderBy('project.documentId')
    .orderBy('project.position')
    .execute();
}
