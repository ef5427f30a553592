/**
 * What is in force of a project's targets (目标调整, issue 58), for every screen, print, export and
 * answer of the API: the project with the indicators and budget of its latest approved version
 * (shared/domain/target-adjustment.ts projectInForce), and what the page says of it — the version,
 * its date, reason and approval, and the approved budget it replaced. Monitoring rounds and the
 * self-evaluation read the targets in force on their own dates (modules/monitoring/targets-in-force.ts).
 * Lists and totals read the budget in force from the project row (migration 0038, written on approval).
 */
import type { AdjustedTargets } from '../../../shared/api/target-adjustment';
import type { Project } from '../../../shared/domain/model';
import { indexesInForce, latestVersion, projectInForce } from '../../../shared/domain/target-adjustment';
import { parseTargetValue } from '../../../shared/domain/target-value';
import { listProjectIdsOfDocument } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { indicatorIdsOfProjects, listApprovedAdjustments, setBudgetInForce, type StoredAdjustment } from '../../db/target-adjustment.repository';

/** An approved adjustment: a version of the targets. */
export type ApprovedAdjustment = StoredAdjustment & { version: number };

/** A project's approved adjustments (by version) and its indicators' ids (in their order). */
export interface ProjectTargets {
  indicatorIds: number[];
  adjustments: ApprovedAdjustment[];
}

/** The approved adjustments and indicator ids of those of these projects that were adjusted (the others are absent). */
export async function targetsOfProjects(db: Db, projectIds: readonly number[]): Promise<Map<number, ProjectTargets>> {
  const approved = await listApprovedAdjustments(db, projectIds);
  const out = new Map<number, ProjectTargets>();
  if (approved.length === 0) return out;
  const ids = await indicatorIdsOfProjects(db, [...new Set(approved.map((a) => a.projectId))]);
  for (const a of approved) {
    const t = out.get(a.projectId) ?? { indicatorIds: ids.get(a.projectId) ?? [], adjustments: [] };
    t.adjustments.push({ ...a, version: a.version! });
    out.set(a.projectId, t);
  }
  return out;
}

/** The project as it is in force (itself when it was never adjusted). */
export function inForce(project: Project, targets: ProjectTargets | undefined): Project {
  return targets === undefined ? project : projectInForce(project, targets.indicatorIds, targets.adjustments, parseTargetValue);
}

/** A stored document with its projects as they are in force (the document itself when none was adjusted): what exports write. */
export async function documentInForce<D extends { projects: Project[] }>(db: Db, documentId: number, doc: D): Promise<D> {
  const projectIds = await listProjectIdsOfDocument(db, documentId);
  const targets = await targetsOfProjects(db, projectIds);
  if (targets.size === 0) return doc;
  return { ...doc, projects: doc.projects.map((p, i) => inForce(p, projectIds[i] === undefined ? undefined : targets.get(projectIds[i]!))) };
}

/** What the screens say of the version in force (null: never adjusted): its date, reason, approval and the approved budget. */
export function adjustedTargetsOf(approved: Project, targets: ProjectTargets | undefined): AdjustedTargets | null {
  const latest = targets === undefined ? null : latestVersion(targets.adjustments);
  if (targets === undefined || latest === null) return null;
  const project = inForce(approved, targets);
  return {
    version: latest.version,
    effectiveOn: latest.effectiveOn,
    reason: latest.reason,
    requestedBy: latest.requestedBy,
    approvedBy: latest.decidedBy ?? '',
    approvedAt: latest.decidedAt ?? '',
    approvedBudgetFen: approved.budget.total,
    budgetFen: project.budget.total,
    removed: indexesInForce(targets.indicatorIds, targets.adjustments).filter((i) => i === null).length,
  };
}

/** Where each approved indicator stands in the table in force (null: removed); the identity when never adjusted. */
export function indicatorIndexesOf(approved: Project, targets: ProjectTargets | undefined): (number | null)[] {
  if (targets === undefined) return approved.indicators.map((_, i) => i);
  return indexesInForce(targets.indicatorIds, targets.adjustments);
}

/** Writes the project row's budget in force (migration 0038) after an adjustment was approved: what lists and totals read. */
export async function storeBudgetInForce(db: Db, projectId: number, approved: Project): Promise<void> {
  const targets = (await targetsOfProjects(db, [projectId])).get(projectId);
  const project = inForce(approved, targets);
  const changed = targets?.adjustments.some((a) => a.budgetFen !== null) ?? false;
  await setBudgetInForce(db, projectId, changed ? { total: project.budget.total, fiscal: project.budget.fiscal } : null);
}

/**
 * Findings and comments made on the approved table, pinned to the rows of the table in force: an
 * indicator's to its row there, a removed indicator's to the indicator table as a whole.
 */
export function pinnedInForce<F extends { indicatorIndex: number | null; field: string | null }>(findings: readonly F[], indexes: readonly (number | null)[]): F[] {
  return findings.map((f) => {
    if (f.indicatorIndex === null || indexes[f.indicatorIndex] === f.indicatorIndex) return f;
    const at = indexes[f.indicatorIndex] ?? null;
    return at === null ? { ...f, indicatorIndex: null, field: 'indicators' } : { ...f, indicatorIndex: at };
  });
}

/** A comment's field ("indicator:3.target") on the table in force. */
export function commentFieldInForce(field: string, indexes: readonly (number | null)[]): string {
  const m = /^indicator:(\d+)(\..*)?$/.exec(field);
  if (m === null) return field;
  const at = indexes[Number(m[1])];
  if (at === undefined || at === Number(m[1])) return field;
  return at === null ? 'indicators' : `indicator:${at}${m[2] ?? ''}`;
}
