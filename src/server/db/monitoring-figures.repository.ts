/**
 * All SQL of the monitoring figures kept current (migration 0018; the service is
 * modules/monitoring/figures.service.ts): the queue of projects to compute again, the figures per
 * project and per round, the rollups per department, and the reads of the region summary and
 * the self-evaluation ranking.
 *
 * Money (budget, spent, sums) is bigint in the database and comes back through `intFromDb`.
 */
import { departmentsWithin, withinRegion } from './region.repository';
import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import { intFromDb } from './document.repository';
import { approvedVersionsOf, MONITORED_INDICATOR_COLUMNS, monitoredProjectOf, selectMonitoredProjectRows, type MonitoredProject } from './monitoring.repository';
import { chunks, groupBy } from './rows';
import type {
  Db,
  ProjectStatus,
  MonitoringDepartmentRoundTable,
  MonitoringDepartmentYearTable,
  MonitoringProjectFigureTable,
  MonitoringRoundFigureTable,
} from './schema';

export type ProjectFigureRow = Insertable<MonitoringProjectFigureTable>;
export type RoundFigureRow = Insertable<MonitoringRoundFigureTable>;
export type DepartmentYearRow = Insertable<MonitoringDepartmentYearTable>;
export type DepartmentRoundRow = Insertable<MonitoringDepartmentRoundTable>;

// ---------------------------------------------------------------------------------------------
// The queue and the settings the figures were computed with

/** Up to `limit` queued projects, lowest id first. */
export async function takeQueuedProjects(db: Db, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('monitoringDirty').select('projectId').orderBy('projectId').limit(limit).execute();
  return rows.map((r) => r.projectId);
}

export async function unqueueProjects(db: Db, projectIds: readonly number[]): Promise<void> {
  for (const part of chunks(projectIds)) await db.deleteFrom('monitoringDirty').where('projectId', 'in', part).execute();
}

/** Queues every project (the settings changed). */
export async function queueAllProjects(db: Db): Promise<void> {
  await db.deleteFrom('monitoringDirty').execute();
  await db.insertInto('monitoringDirty').columns(['projectId']).expression(db.selectFrom('project').select('id')).execute();
}

/** Whether any project waits to be computed again, and the settings the figures hold. */
export async function readFiguresState(db: Db): Promise<{ queued: boolean; settings: string }> {
  const queued = await db.selectFrom('monitoringDirty').select('projectId').limit(1).executeTakeFirst();
  const state = await db.selectFrom('monitoringFiguresState').select('settings').where('id', '=', 1).executeTakeFirstOrThrow();
  return { queued: queued !== undefined, settings: state.settings };
}

export async function writeFiguresSettings(db: Db, settings: string): Promise<void> {
  await db.updateTable('monitoringFiguresState').set({ settings }).where('id', '=', 1).execute();
}

/** The self-evaluations' stored totals (hundredths), grades and completeness of these projects. */
export async function listEvaluationTotals(
  db: Db,
  projectIds: readonly number[],
): Promise<Map<number, { totalHundredths: number; grade: string; complete: boolean }>> {
  const out = new Map<number, { totalHundredths: number; grade: string; complete: boolean }>();
  for (const part of chunks(projectIds)) {
    const rows = await db.selectFrom('selfEvaluation').select(['projectId', 'totalHundredths', 'grade', 'complete']).where('projectId', 'in', part).execute();
    for (const r of rows) out.set(r.projectId, { totalHundredths: r.totalHundredths, grade: r.grade, complete: r.complete === 1 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The projects whose figures are computed

/**
 * These projects as loadMonitoredProjects reads them (same objects, same values, in the order of
 * `projectIds`), but only those of current documents in these states, and read more lightly: the
 * indicators' columns that MonitoredIndicator holds instead of every column (their cells'
 * sources, extras, descriptions and bases are a third of an indicator row and are not used), and
 * no ordering by department name (the ids' order is wanted). For the figures' computation, which
 * reads every project after a bulk load: the server's start-up drain of 100,000 projects built
 * each batch's complete rows, garbage that V8 collected late and that raised the server's peak
 * memory (BENCHMARKS.md, the read path's notes, round 3). test/server/monitoring-figures.test.ts
 * checks the result against loadMonitoredProjects.
 */
export async function loadFiguresProjects(db: Db, projectIds: readonly number[], statuses: readonly ProjectStatus[]): Promise<MonitoredProject[]> {
  const ids = [...new Set(projectIds)];
  const out: MonitoredProject[] = [];
  for (const part of chunks(ids)) {
    const rows = await selectMonitoredProjectRows(db)
      .where('project.id', 'in', part)
      .where('document.isCurrent', '=', 1)
      .where('project.status', 'in', [...statuses])
      .execute();
    if (rows.length === 0) continue;
    const found = rows.map((r) => r.id);
    const checkpoints = groupBy(
      await db
        .selectFrom('spendingCheckpoint')
        .select(['projectId', 'checkpoint', 'percentHundredths', 'amount', 'given'])
        .where('projectId', 'in', found)
        .orderBy('projectId')
        .orderBy('checkpoint')
        .execute(),
      (r) => r.projectId,
    );
    const indicators = groupBy(
      await db
        .selectFrom('indicator')
        .select(['projectId', ...MONITORED_INDICATOR_COLUMNS])
        .where('projectId', 'in', found)
        .orderBy('projectId')
        .orderBy('position')
        .execute(),
      (r) => r.projectId,
    );
    const adjustments = await approvedVersionsOf(db, found);
    for (const r of rows) out.push(monitoredProjectOf(r, checkpoints.get(r.id) ?? [], indicators.get(r.id) ?? [], adjustments.get(r.id) ?? []));
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return out.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

// ---------------------------------------------------------------------------------------------
// Figures per project and round

/** The project figures of these projects as stored, by project id. */
export async function listProjectFigures(db: Db, projectIds: readonly number[]): Promise<Selectable<MonitoringProjectFigureTable>[]> {
  const out: Selectable<MonitoringProjectFigureTable>[] = [];
  for (const part of chunks(projectIds)) out.push(...(await db.selectFrom('monitoringProjectFigure').selectAll().where('projectId', 'in', part).execute()));
  return out.sort((a, b) => a.projectId - b.projectId);
}

/**
 * The figures' version (raised whenever some are computed again) and the ranked projects' (raised
 * only when one of them changes).
 */
export async function readFiguresVersions(db: Db): Promise<{ figures: number; ranking: number }> {
  const row = await db.selectFrom('monitoringFiguresState').select(['version', 'rankingVersion']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { figures: intFromDb(row.version), ranking: intFromDb(row.rankingVersion) };
}

/** Raises the figures' version, and the ranked projects' with `ranking`. */
export async function bumpFiguresVersions(db: Db, ranking: boolean): Promise<void> {
  await db
    .updateTable('monitoringFiguresState')
    .set((eb) => ({ version: eb('version', '+', 1), ...(ranking ? { rankingVersion: eb('rankingVersion', '+', 1) } : {}) }))
    .where('id', '=', 1)
    .execute();
}

/** Replaces the figures of these projects with the rows given (none for a project out of scope). */
export async function replaceFigures(
  db: Db,
  projectIds: readonly number[],
  projects: readonly ProjectFigureRow[],
  rounds: readonly RoundFigureRow[],
): Promise<void> {
  for (const part of chunks(projectIds)) {
    await db.deleteFrom('monitoringRoundFigure').where('projectId', 'in', part).execute();
    await db.deleteFrom('monitoringProjectFigure').where('projectId', 'in', part).execute();
  }
  for (const part of chunks(projects, 100)) await db.insertInto('monitoringProjectFigure').values(part).execute();
  for (const part of chunks(rounds, 40)) await db.insertInto('monitoringRoundFigure').values(part).execute();
}

export interface StoredProjectFigure {
  projectId: number;
  departmentId: number;
  year: number;
  budgetFen: number | null;
  evaluationTotal: number | null;
  evaluationGrade: string | null;
}

export type StoredRoundFigure = Omit<Selectable<MonitoringRoundFigureTable>, 'budget' | 'spent' | 'ratioKey' | 'gapKey'> & {
  budgetFen: number | null;
  spentFen: number;
};

/** Every figure of these departments (all years), by project id and date. */
export async function listDepartmentFigures(
  db: Db,
  departmentIds: readonly number[],
): Promise<{ projects: StoredProjectFigure[]; rounds: StoredRoundFigure[] }> {
  const projects: StoredProjectFigure[] = [];
  const rounds: StoredRoundFigure[] = [];
  for (const part of chunks(departmentIds)) {
    const p = await db
      .selectFrom('monitoringProjectFigure')
      .select(['projectId', 'departmentId', 'year', 'budget', 'evaluationTotal', 'evaluationGrade'])
      .where('departmentId', 'in', part)
      .orderBy('projectId')
      .execute();
    projects.push(
      ...p.map((r) => ({
        projectId: r.projectId,
        departmentId: r.departmentId,
        year: r.year,
        budgetFen: intFromDb(r.budget),
        evaluationTotal: intFromDb(r.evaluationTotal),
        evaluationGrade: r.evaluationGrade,
      })),
    );
    const f = await db.selectFrom('monitoringRoundFigure').selectAll().where('departmentId', 'in', part).orderBy('projectId').orderBy('asOf').execute();
    rounds.push(...f.map(({ budget, spent, ratioKey: _r, gapKey: _g, ...rest }) => ({ ...rest, budgetFen: intFromDb(budget), spentFen: intFromDb(spent) })));
  }
  return { projects, rounds };
}

// ---------------------------------------------------------------------------------------------
// Rollups per department

/** Replaces the rollups of these (department, year) pairs with the rows given. */
export async function replaceDepartmentRollups(
  db: Db,
  keys: readonly { departmentId: number; year: number }[],
  years: readonly DepartmentYearRow[],
  rounds: readonly DepartmentRoundRow[],
): Promise<void> {
  for (const { departmentId, year } of keys) {
    await db.deleteFrom('monitoringDepartmentYear').where('departmentId', '=', departmentId).where('year', '=', year).execute();
    await db.deleteFrom('monitoringDepartmentRound').where('departmentId', '=', departmentId).where('year', '=', year).execute();
  }
  for (const part of chunks(years, 100)) await db.insertInto('monitoringDepartmentYear').values(part).execute();
  for (const part of chunks(rounds, 100)) await db.insertInto('monitoringDepartmentRound').values(part).execute();
}

export interface DepartmentYearFigures {
  department: { id: number; code: string | null; name: string };
  projectCount: number;
  /** bigint: a department's sum may pass 2^53 fen (read as text, exact on both dialects). */
  budgetTotalFen: bigint;
  evaluatedCount: number;
  evaluationTotalSum: number;
  gradeCounts: string;
}

/** The departments with monitored projects in a year and their sums, by name (as listMonitoredDepartments). */
export async function listDepartmentYears(db: Db, year: number, region: string | null = null): Promise<DepartmentYearFigures[]> {
  const rows = await db
    .selectFrom('monitoringDepartmentYear as r')
    .innerJoin('department', 'department.id', 'r.departmentId')
    .select(['department.id', 'department.code', 'department.name', 'r.projectCount', 'r.evaluatedCount', 'r.evaluationTotalSum', 'r.gradeCounts'])
    .select(sql<string>`cast(r.budget_total as text)`.as('budgetTotal'))
    .where('r.year', '=', year)
    .$if(region !== null, (q) => q.where(withinRegion('department.regionCode', region!)))
    .orderBy('department.name')
    .orderBy('department.id')
    .execute();
  return rows.map((r) => ({
    department: { id: r.id, code: r.code, name: r.name },
    projectCount: r.projectCount,
    budgetTotalFen: BigInt(r.budgetTotal),
    evaluatedCount: r.evaluatedCount,
    evaluationTotalSum: intFromDb(r.evaluationTotalSum),
    gradeCounts: r.gradeCounts,
  }));
}

export interface DepartmentRoundFigures {
  departmentId: number;
  reportedCount: number;
  /** bigint, as budgetTotalFen above. */
  reportedBudgetFen: bigint;
  spentTotalFen: bigint;
  totals: string;
}

/** The departments' sums of one round of a year. */
export async function listDepartmentRounds(db: Db, year: number, asOf: string): Promise<DepartmentRoundFigures[]> {
  const rows = await db
    .selectFrom('monitoringDepartmentRound as r')
    .select(['r.departmentId', 'r.reportedCount', 'r.totals'])
    .select([sql<string>`cast(r.reported_budget as text)`.as('reportedBudget'), sql<string>`cast(r.spent_total as text)`.as('spentTotal')])
    .where('r.year', '=', year)
    .where('r.asOf', '=', asOf)
    .execute();
  return rows.map((r) => ({
    departmentId: r.departmentId,
    reportedCount: r.reportedCount,
    reportedBudgetFen: BigInt(r.reportedBudget),
    spentTotalFen: BigInt(r.spentTotal),
    totals: r.totals,
  }));
}

// ---------------------------------------------------------------------------------------------
// The region's lists

/**
 * The first `limit` projects of a round behind plan (or under key monitoring), worst first: red
 * before yellow, the lower spending ratio, the larger gap, the lower id (the index's order).
 */
export async function listMostUrgent(db: Db, year: number, asOf: string, flag: 'behind' | 'keyMonitoring', limit: number, region: string | null = null): Promise<number[]> {
  const rows = await db
    .selectFrom('monitoringRoundFigure')
    .select('projectId')
    .where('year', '=', year)
    .$if(region !== null, (q) => q.where('departmentId', 'in', departmentsWithin(db, region!)))
    .where('asOf', '=', asOf)
    .where(flag, '=', 1)
    .orderBy('severity', 'desc')
    .orderBy('ratioKey')
    .orderBy('gapKey', 'desc')
    .orderBy('projectId')
    .limit(limit)
    .execute();
  return rows.map((r) => r.projectId);
}

/** A year's evaluated monitored projects, best total first (then by id), with their names. */
export async function listRankedProjects(
  db: Db,
  year: number,
  region: string | null = null,
): Promise<{ projectId: number; code: string | null; name: string; departmentId: number; departmentName: string; totalHundredths: number; grade: string }[]> {
  const rows = await db
    .selectFrom('monitoringProjectFigure')
    .select(['projectId', 'code', 'name', 'departmentId', 'departmentName', 'evaluationTotal', 'evaluationGrade'])
    .where('year', '=', year)
    .$if(region !== null, (q) => q.where('departmentId', 'in', departmentsWithin(db, region!)))
    .where('evaluationTotal', 'is not', null)
    .orderBy('evaluationTotal', 'desc')
    .orderBy('projectId')
    .execute();
  return rows.map((r) => ({
    projectId: r.projectId,
    code: r.code,
    name: r.name,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    totalHundredths: intFromDb(r.evaluationTotal!),
    grade: r.evaluationGrade!,
  }));
}
