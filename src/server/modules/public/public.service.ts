/**
 * The public pages (no login): only projects that are 已公开 in a current document, and the
 * departments that have such projects. Nothing else leaves through here: no drafts, no review
 * results, no workflow history.
 */
import { TARGETS_SCOPE } from '../../../shared/domain/document-scope';
import type { PublicDepartmentDetail, PublicProject, PublicProjectItem, PublicProjectsResponse } from '../../../shared/api/public';
import { issuesOfProjects } from '../../db/approval.repository';
import { AppError } from '../../app/errors';
import { findDepartmentById, listDepartmentYears } from '../../db/department.repository';
import { findCurrentDocuments, loadDepartmentGoals, loadDepartmentTargets, loadProject } from '../../db/document.repository';
import { findProjectState, listProjects, type ProjectListRow } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { listMemo } from '../cache/aggregate-cache';
import { publicAdjustmentOf } from '../adjustments/adjustments.service';
import { adjustedTargetsOf, inForce, targetsOfProjects } from '../adjustments/in-force';

/** The adjusted targets in force (目标调整), as a field present only when the project was adjusted. */
async function publicAdjustment(db: Db, projectId: number): Promise<Pick<PublicProject, 'adjustment'>> {
  const adjustment = await publicAdjustmentOf(db, projectId);
  return adjustment === null ? {} : { adjustment };
}

function toPublicItem(row: ProjectListRow): PublicProjectItem {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    year: row.year,
    budgetTotalFen: row.budgetTotalFen,
  };
}

/** GET /api/public/departments. */
export async function listPublicDepartments(db: Db, query: { q?: string; year?: number }) {
  const rows = await listDepartmentYears(db, { publishedOnly: true, q: query.q, year: query.year });
  return {
    items: rows.map((r) => ({ id: r.departmentId, code: r.code, name: r.name, year: r.year, projectCount: r.projectCount, budgetTotalFen: r.budgetTotalFen })),
  };
}

/** GET /api/public/departments/:id: 404 unless the department has published projects (that year). */
export async function getPublicDepartment(db: Db, departmentId: number, year: number | undefined): Promise<PublicDepartmentDetail> {
  const notFound = new AppError(404, 'not-found', '没有找到已公开的单位绩效目标');
  const department = await findDepartmentById(db, departmentId);
  if (department === undefined) throw notFound;
  const published = await listDepartmentYears(db, { publishedOnly: true, departmentIds: [departmentId] });
  const row = year === undefined ? published[0] : published.find((r) => r.year === year);
  if (row === undefined) throw notFound;
  const { rows } = await listProjects(
    db,
    { departmentIds: [departmentId], year: row.year ?? undefined, statuses: ['published'] },
    { sort: 'department', order: 'asc', offset: 0, limit: 10_000 },
  );
  return {
    department,
    year: row.year,
    years: published.flatMap((r) => (r.year === null ? [] : [r.year])),
    goals: (await loadDepartmentGoals(db, row.documentId))!,
    departmentTargets: await yearTargets(db, departmentId, row.year, row.documentId),
    projects: rows.map(toPublicItem),
    budgetTotalFen: row.budgetTotalFen,
  };
}

/** The whole-budget targets of a department's year: its document's, else a targets table published apart (document-scope.ts). */
async function yearTargets(db: Db, departmentId: number, year: number | null, documentId: number) {
  const own = await loadDepartmentTargets(db, documentId);
  if (own !== null || year === null) return own;
  const apart = (await findCurrentDocuments(db, { departmentId, year, scopes: [TARGETS_SCOPE] }))[0];
  return apart === undefined ? null : loadDepartmentTargets(db, apart.id);
}

/** GET /api/public/projects. */
export async function listPublicProjects(
  db: Db,
  query: { q?: string; department?: number; year?: number; page: number; pageSize: number },
): Promise<PublicProjectsResponse> {
  const { rows, total } = await listProjects(
    db,
    { statuses: ['published'], departmentIds: query.department === undefined ? undefined : [query.department], year: query.year, q: query.q },
    { sort: 'department', order: 'asc', offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
    { memo: listMemo(db) },
  );
  return { items: rows.map(toPublicItem), total, page: query.page, pageSize: query.pageSize };
}

/** GET /api/public/projects/:id: 404 unless published in a current document. */
export async function getPublicProject(db: Db, projectId: number): Promise<PublicProject> {
  const state = await findProjectState(db, projectId);
  if (state === undefined || !state.isCurrent || state.status !== 'published') {
    throw new AppError(404, 'not-found', '没有找到已公开的项目');
  }
  // issue 58: the targets and budget in force (the latest approved 目标调整); the adjustments' notes beside them
  const approved = (await loadProject(db, projectId))!;
  const targets = (await targetsOfProjects(db, [projectId])).get(projectId);
  const adjusted = adjustedTargetsOf(approved, targets);
  return {
    id: state.id,
    department: { id: state.departmentId, code: state.departmentCode, name: state.departmentName },
    year: state.year,
    project: inForce(approved, targets),
    ...(adjusted === null ? {} : { adjusted }),
    issue: ((i) => (i === undefined ? null : { docNumber: i.docNumber, issuedOn: i.issuedOn }))((await issuesOfProjects(db, [projectId])).get(projectId)),
    ...(await publicAdjustment(db, projectId)),
  };
}
