/**
 * Projects: the list (filters, sort, pages), one project's record, and saving an edit.
 *
 * A save is one transaction: an UPDATE … WHERE id = ? AND version = ? (the optimistic lock: of
 * two people editing the same version, the later save finds the version moved on and is refused
 * with 409 'stale-version', nothing lost), the spending plan and indicators replaced, an audit
 * entry with the changed fields before and after, and the whole document reviewed again.
 */
import type { SessionUser } from '../../../shared/api/auth';
import { applyProjectInput, indicatorToInput } from '../../../shared/api/project-input';
import type { ProjectAuditFacets, ProjectAuditFilterQuery, ProjectAuditQuery, ProjectAuditResponse, ProjectListQuery, ProjectListResponse, ProjectRecord, ProjectStatusCounts, SaveProjectBody } from '../../../shared/api/projects';
import { saveProjectBodySchema } from '../../../shared/api/projects';
import { projectBoundProblems } from '../../../shared/domain/amount-bounds';
import { getFramework, selectFramework } from '../../../shared/domain/framework';
import type { Project } from '../../../shared/domain/model';
import { PROJECT_STATUSES, STATUS_LABELS, canEditProject, isEditableStatus } from '../../../shared/domain/workflow';
import type { ReviewGrade } from '../../../shared/review/score';
import { actorOf, regionScope, withinScope } from '../../app/auth';
import { AppError, validationError } from '../../app/errors';
import { insertAuditEntry, loadProject } from '../../db/document.repository';
import {
  countProjectsByStatus,
  findProjectState,
  lastReturnsOf,
  listProjects,
  sumBudgets,
  recountDocumentIndicators,
  updateProjectContent,
  type ProjectListFilter,
  type ProjectListRow,
} from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { indicatorNamesOf, listProjectAudit, projectAuditFacets } from '../../db/workflow.repository';
import { auditActionLabel } from '../../../shared/audit/actions';
import { historyEntry, type HistoryEntry } from '../../../shared/audit/history';
import { listMemo } from '../cache/aggregate-cache';
import { reviewStoredDocument, scoreFromHundredths, scoreToHundredths } from '../review-store/review-store.service';
import { assertCurrent, assertVersion, staleVersionError, visibleProject, visibleProjectPage } from './project-guards';
import { buildProjectRecord } from './project-record';
import { inTransaction } from '../../db/transaction';

/** A list row as the API shows it. */
export function toListItem(row: ProjectListRow): ProjectListResponse['items'][number] {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    year: row.year,
    budgetTotalFen: row.budgetTotalFen,
    status: row.status,
    version: row.version,
    qualityScore: scoreFromHundredths(row.qualityScoreHundredths),
    qualityGrade: row.qualityGrade as ReviewGrade | null,
    findingCount: row.findingCount,
    categories: row.categories,
    updatedAt: row.updatedAt,
  };
}

/** The list's filter for `user`: an editor sees only their department's projects, whatever the query says. */
function listFilterOf(user: SessionUser, query: ProjectListQuery): ProjectListFilter {
  const departmentIds = withinScope(user, query.department === undefined ? undefined : [query.department]);
  const region = regionScope(user);
  return {
    departmentIds,
    // a regional account's region, said of the projects too: a partitioned table is read in its partitions only
    ...(region === null ? {} : { region }),
    year: query.year,
    statuses: query.status,
    minScoreHundredths: query.minScore === undefined ? undefined : scoreToHundredths(query.minScore),
    maxScoreHundredths: query.maxScore === undefined ? undefined : scoreToHundredths(query.maxScore),
    category: query.category,
    q: query.q,
  };
}

/** What listProjectsFor's answer depends on besides the data (its kept answer's key): the filter the account's scope makes of the query, and the page. */
export function projectListKey(user: SessionUser, query: ProjectListQuery): string {
  return JSON.stringify([listFilterOf(user, query), query]);
}

/** GET /api/projects: an editor sees only their department's projects, whatever the filter says. */
export async function listProjectsFor(db: Db, user: SessionUser, query: ProjectListQuery): Promise<ProjectListResponse> {
  const filter = listFilterOf(user, query);
  const memo = listMemo(db);
  // A regional account's whole scope (its region's departments, the same for all its requests) is
  // kept as the installation's list is; a department's list is cheap to read each time. The key
  // names the departments, so a department moved in or out makes another entry.
  const memoScoped = query.department === undefined && filter.region !== undefined;
  const [{ rows, total }, budgetTotalFen] = await Promise.all([
    listProjects(db, filter, { sort: query.sort, order: query.order, offset: (query.page - 1) * query.pageSize, limit: query.pageSize }, { memo, memoScoped }),
    sumBudgets(db, filter, { memo, memoScoped }),
  ]);
  // The returned projects of the page with their last return: the editor's 工作台 shows the reason.
  const returns = await lastReturnsOf(db, rows.filter((r) => r.status === 'returned').map((r) => r.id));
  const items = rows.map((r) => ({ ...toListItem(r), lastReturn: returns.get(r.id) ?? null }));
  return { items, total, page: query.page, pageSize: query.pageSize, budgetTotalFen };
}

/** GET /api/projects/status-counts: the user's projects (its scope: an editor its department's) by status, every status, and their total. */
export async function projectStatusCountsFor(db: Db, user: SessionUser, query: { year?: number; department?: number }): Promise<ProjectStatusCounts> {
  const filter = listFilterOf(user, { year: query.year, department: query.department } as ProjectListQuery);
  const found = await countProjectsByStatus(db, filter);
  const counts = Object.fromEntries(PROJECT_STATUSES.map((s) => [s, found[s] ?? 0])) as ProjectStatusCounts['counts'];
  return { counts, total: PROJECT_STATUSES.reduce((n, s) => n + counts[s], 0) };
}

/** GET /api/projects/:id. */
export async function getProjectRecord(db: Db, user: SessionUser, projectId: number): Promise<ProjectRecord> {
  return buildProjectRecord(db, user, { page: await visibleProjectPage(db, user, projectId) });
}

/** GET /api/projects/:id/audit: a page of the project's audit log, newest first (404 as the project). */
export async function getProjectAudit(db: Db, user: SessionUser, projectId: number, query: ProjectAuditQuery): Promise<ProjectAuditResponse> {
  await visibleProject(db, user, projectId);
  const [{ items, total }, indicatorNames] = await Promise.all([
    listProjectAudit(db, projectId, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize }, { action: query.action, actor: query.actor }),
    indicatorNamesOf(db, projectId),
  ]);
  return { items, total, page: query.page, pageSize: query.pageSize, indicatorNames };
}

/** GET /api/projects/:id/audit/facets: the actions (with their Chinese names) and the people of the history. */
export async function getProjectAuditFacets(db: Db, user: SessionUser, projectId: number): Promise<ProjectAuditFacets> {
  await visibleProject(db, user, projectId);
  const facets = await projectAuditFacets(db, projectId);
  return { actions: facets.actions.map((a) => ({ ...a, label: auditActionLabel(a.action) })), actors: facets.actors };
}

/** The whole history of a project (filtered as on the page), oldest first, as the history shows it: the export's rows. */
export async function projectHistoryForExport(
  db: Db,
  user: SessionUser,
  projectId: number,
  filter: ProjectAuditFilterQuery,
): Promise<{ projectName: string; entries: HistoryEntry[] }> {
  const state = await visibleProject(db, user, projectId);
  const [{ items }, names, project] = await Promise.all([
    listProjectAudit(db, projectId, { offset: 0, limit: MAX_EXPORT_ENTRIES }, filter),
    indicatorNamesOf(db, projectId),
    loadProject(db, state.id),
  ]);
  const entries = [...items].reverse().map((e) => historyEntry(e, { indicator: (id) => names[id] }));
  return { projectName: project?.name ?? `项目 ${projectId}`, entries };
}

/** The most entries an export holds (the newest; a project's history is far shorter). */
const MAX_EXPORT_ENTRIES = 100_000;

/**
 * PUT /api/projects/:id. Refuses: 404 a project the user may not see; 403 a user who may not
 * edit (reviewers); 409 a superseded document's project, a project not in draft or returned
 * ('invalid-transition'), or a stale version ('stale-version'). Saving what is already stored
 * writes nothing.
 */
export async function saveProject(db: Db, user: SessionUser, projectId: number, input: SaveProjectBody, now: Date): Promise<ProjectRecord> {
  const body = saveProjectBodySchema.parse(input);
  const state = await visibleProject(db, user, projectId);
  assertCurrent(state);
  if (!isEditableStatus(state.status)) {
    throw new AppError(
      409,
      'invalid-transition',
      state.status === 'submitted'
        ? '已提交的项目在退回前不能修改'
        : `项目状态为“${STATUS_LABELS[state.status]}”，不能修改`,
    );
  }
  if (!canEditProject(state.status, user, state.departmentId)) throw new AppError(403, 'forbidden', '没有权限修改此项目');
  assertVersion(state, body.version);

  const framework = getFramework(state.frameworkVersion) ?? selectFramework(state.year);
  const at = now.toISOString();
  const review = await inTransaction(db, async (trx) => {
    const previous = (await loadProject(trx, projectId))!;
    const next = applyProjectInput(previous, body.project, framework);
    // saved by a person in the editor: what it holds is what that person says, no longer a doubted reading (issue 53)
    if (next.reading !== undefined && !next.reading.certain) next.reading = { certain: true, doubts: [] };
    // The input's amounts are bounded by its schema; what the plan derives from them (an amount
    // from 1000 % of the total, a percent from an amount over a small total) is checked here.
    const outOfBounds = projectBoundProblems(next);
    if (outOfBounds.length > 0) throw validationError(outOfBounds.map((p) => ({ path: `project.${p.path}`, message: p.message })));
    const diff = diffProjects(previous, next);
    if (diff === null) return undefined;
    if (!(await updateProjectContent(trx, projectId, body.version, next, { at, by: user.displayName }))) {
      // Someone saved between our read and this write: their state names who and when.
      const latest = await findProjectState(trx, projectId);
      throw staleVersionError(latest ?? state, body.version);
    }
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(user),
      action: 'project.update',
      entity: 'project',
      entityId: projectId,
      detail: { version: body.version + 1, ...diff },
    });
    if (previous.indicators.length !== next.indicators.length) await recountDocumentIndicators(trx, state.documentId);
    return reviewStoredDocument(trx, state.documentId);
  });
  return review === undefined
    ? buildProjectRecord(db, user, { page: await visibleProjectPage(db, user, projectId) })
    : buildProjectRecord(db, user, { state: await visibleProject(db, user, projectId), reviewed: review });
}

/** The editable view of a project, for comparing: the fields of ProjectInput. */
function comparable(p: Project) {
  return {
    code: p.code,
    name: p.name,
    budget: p.budget,
    purpose: p.purpose,
    spendingPlan: p.spendingPlan.map((c) => ({ checkpoint: c.checkpoint, percent: c.percent, amount: c.amount, given: c.given })),
    goals: p.goals,
    indicators: p.indicators.map(indicatorToInput),
  };
}

/**
 * The changed fields, before and after: `{ before: { name: 'a' }, after: { name: 'b' } }`. The
 * budget compares per amount; the spending plan, goals and indicators as whole lists (rows),
 * since an insertion shifts every row after it. null when nothing changed.
 */
export function diffProjects(previous: Project, next: Project): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const a = comparable(previous);
  const b = comparable(next);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of Object.keys(a) as (keyof typeof a)[]) {
    if (key === 'budget') {
      const changed = (['total', 'fiscal', 'other'] as const).filter((k) => a.budget[k] !== b.budget[k]);
      if (changed.length > 0) {
        before.budget = Object.fromEntries(changed.map((k) => [k, a.budget[k]]));
        after.budget = Object.fromEntries(changed.map((k) => [k, b.budget[k]]));
      }
    } else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
      before[key] = a[key];
      after[key] = b[key];
    }
  }
  return Object.keys(after).length === 0 ? null : { before, after };
}
