/**
 * The SQL every monitoring stage shares: the projects as monitoring sees them (with their indicator
 * ids), the departments that have them. Execution records are in execution-record.repository.ts,
 * self-evaluations in self-evaluation.repository.ts.
 *
 * Every function takes the database (or a transaction) first and holds no state. Money comes back
 * through `intFromDb`; indicator values stay the text they were entered as.
 */
import { departmentsWithin } from './region.repository';
import type { Selectable } from 'kysely';
import type { Checkpoint, Deadline, Fen, SpendingCheckpoint, TargetValue } from '../../shared/domain/model';
import type { ApprovedVersion } from '../../shared/domain/target-adjustment';
import { intFromDb, targetFromRow } from './document.repository';
import { listApprovedAdjustments } from './target-adjustment.repository';
import { chunks, groupBy } from './rows';
import type { Db, IndicatorTable, ProjectStatus, SpendingCheckpointTable } from './schema';

// ---------------------------------------------------------------------------------------------
// Projects as monitoring sees them

/** An indicator with its database id: what execution lines and self-evaluation lines point to. */
export interface MonitoredIndicator {
  id: number;
  /** 0-based order within the project. */
  position: number;
  level1: string | null;
  level2: string | null;
  level1Raw: string;
  level2Raw: string;
  name: string;
  target: TargetValue;
}

/** A stored project with what monitoring needs: department, year, budget, plan, indicators. */
export interface MonitoredProject {
  id: number;
  documentId: number;
  /** The document's department; null for a document that names none. */
  departmentId: number | null;
  departmentCode: string | null;
  departmentName: string | null;
  /** The project's year, else its document's. */
  year: number | null;
  /** Whether the project belongs to the current version of its document. */
  isCurrent: boolean;
  status: ProjectStatus;
  code: string | null;
  name: string;
  /** 0-based order in the document. */
  position: number;
  budgetTotal: Fen | null;
  /** The checkpoints that are stored, in checkpoint order. */
  spendingPlan: SpendingCheckpoint[];
  /** The project's 总体绩效目标 lines (for the self-evaluation table). */
  goals: string[];
  indicators: MonitoredIndicator[];
  /**
   * The approved adjustments of the targets (目标调整, versions 2, 3 …, by version; empty: none): what
   * `indicatorsInForce` (shared/domain/target-adjustment.ts) applies on a round's date.
   */
  adjustments?: ApprovedVersion[];
}

export interface MonitoredProjectFilter {
  projectIds?: readonly number[];
  departmentId?: number;
  /** Only projects of the departments within this region's subtree (a regional account's). */
  region?: string;
  /** The project's year (its own, else its document's). */
  year?: number;
  /** Only projects of current documents (default false). */
  currentOnly?: boolean;
  /** Only projects in these workflow states. */
  statuses?: readonly ProjectStatus[];
}

/** A monitored project's own columns (its department's code and name, its year), in no order. */
export function selectMonitoredProjectRows(db: Db) {
  return db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .leftJoin('department', 'department.id', 'document.departmentId')
    .select((eb) => [
      'project.id',
      'project.documentId',
      'document.departmentId',
      eb.fn.coalesce('department.code', 'project.departmentCode').as('departmentCode'),
      eb.fn.coalesce('department.name', 'project.departmentName').as('departmentName'),
      eb.fn.coalesce('project.year', 'document.year').as('year'),
      'document.isCurrent',
      'project.status',
      'project.code',
      'project.name',
      'project.position',
      'project.budgetTotal',
      'project.goals',
    ]);
}

type MonitoredProjectRow = Awaited<ReturnType<ReturnType<typeof selectMonitoredProjectRows>['execute']>>[number];

function selectMonitoredProjects(db: Db) {
  return selectMonitoredProjectRows(db)
    .orderBy(
      (eb) => eb.fn.coalesce('department.name', 'project.departmentName'),
      (ob) => ob.asc().nullsLast(),
    )
    .orderBy('project.documentId')
    .orderBy('project.position');
}

/** selectMonitoredProjects narrowed by a filter (and to some ids). */
function filteredMonitoredProjects(db: Db, filter: MonitoredProjectFilter, ids?: number[]) {
  let q = selectMonitoredProjects(db);
  if (ids !== undefined) q = q.where('project.id', 'in', ids);
  if (filter.departmentId !== undefined) q = q.where('document.departmentId', '=', filter.departmentId);
  if (filter.region !== undefined) q = q.where('document.departmentId', 'in', departmentsWithin(db, filter.region));
  if (filter.year !== undefined) {
    const year = filter.year;
    q = q.where((eb) => eb(eb.fn.coalesce('project.year', 'document.year'), '=', year));
  }
  if (filter.currentOnly) q = q.where('document.isCurrent', '=', 1);
  if (filter.statuses !== undefined) q = q.where('project.status', 'in', [...filter.statuses]);
  return q;
}

/**
 * The ids of the projects loadMonitoredProjects gives for a filter, in its order: for a caller that
 * loads them a part at a time (the demo monitoring data of 100,000 projects).
 */
export async function listMonitoredProjectIds(db: Db, filter: Omit<MonitoredProjectFilter, 'projectIds'>): Promise<number[]> {
  return (await filteredMonitoredProjects(db, filter).clearSelect().select('project.id').execute()).map((r) => r.id);
}

/**
 * Projects with their plans and indicators, in department, document and position order: three
 * queries whatever the number of projects (plus one per 500 when ids are given).
 */
export async function loadMonitoredProjects(db: Db, filter: MonitoredProjectFilter): Promise<MonitoredProject[]> {
  const build = (ids?: number[]) => filteredMonitoredProjects(db, filter, ids);
  let rows: Awaited<ReturnType<ReturnType<typeof build>['execute']>>;
  if (filter.projectIds !== undefined) {
    rows = [];
    for (const ids of chunks([...new Set(filter.projectIds)])) rows.push(...(await build(ids).execute()));
    const order = new Map(filter.projectIds.map((id, i) => [id, i]));
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  } else {
    rows = await build().execute();
  }
  if (rows.length === 0) return [];

  const ids = rows.map((r) => r.id);
  const checkpointRows = [];
  const indicatorRows: Selectable<IndicatorTable>[] = [];
  for (const part of chunks(ids)) {
    checkpointRows.push(
      ...(await db
        .selectFrom('spendingCheckpoint')
        .select(['projectId', 'checkpoint', 'percentHundredths', 'amount', 'given'])
        .where('projectId', 'in', part)
        .orderBy('projectId')
        .orderBy('checkpoint')
        .execute()),
    );
    indicatorRows.push(
      ...(await db
        .selectFrom('indicator')
        .selectAll()
        .where('projectId', 'in', part)
        .orderBy('projectId')
        .orderBy('position')
        .execute()),
    );
  }
  const checkpoints = groupBy(checkpointRows, (r) => r.projectId);
  const indicators = groupBy(indicatorRows, (r) => r.projectId);
  const adjustments = await approvedVersionsOf(db, ids);

  return rows.map((r) => monitoredProjectOf(r, checkpoints.get(r.id) ?? [], indicators.get(r.id) ?? [], adjustments.get(r.id) ?? []));
}

/** A monitored project from its row, its spending plan's rows and its indicators' rows (in order). */
export function monitoredProjectOf(
  r: MonitoredProjectRow,
  checkpoints: readonly Parameters<typeof spendingCheckpointFromRow>[0][],
  indicators: readonly Parameters<typeof monitoredIndicatorFromRow>[0][],
  adjustments: readonly ApprovedVersion[] = [],
): MonitoredProject {
  return {
    id: r.id,
    documentId: r.documentId,
    departmentId: r.departmentId,
    departmentCode: r.departmentCode,
    departmentName: r.departmentName,
    year: r.year,
    isCurrent: r.isCurrent === 1,
    status: r.status,
    code: r.code,
    name: r.name,
    position: r.position,
    budgetTotal: intFromDb(r.budgetTotal),
    goals: JSON.parse(r.goals) as string[],
    spendingPlan: checkpoints.map(spendingCheckpointFromRow),
    indicators: indicators.map(monitoredIndicatorFromRow),
    adjustments: [...adjustments],
  };
}

/** The approved adjustments (目标调整) of these projects as monitoring reads them, by project, by version. */
export async function approvedVersionsOf(db: Db, projectIds: readonly number[]): Promise<Map<number, ApprovedVersion[]>> {
  const out = new Map<number, ApprovedVersion[]>();
  for (const a of await listApprovedAdjustments(db, projectIds)) {
    const list = out.get(a.projectId) ?? [];
    list.push({ version: a.version!, effectiveOn: a.effectiveOn, rows: a.rows, budgetFen: a.budgetFen });
    out.set(a.projectId, list);
  }
  return out;
}

/** A stored spending-plan checkpoint as monitoring reads it (no source: the document's is not kept). */
export function spendingCheckpointFromRow(c: Pick<Selectable<SpendingCheckpointTable>, 'checkpoint' | 'percentHundredths' | 'amount' | 'given'>): SpendingCheckpoint {
  return {
    checkpoint: c.checkpoint as Checkpoint,
    percent: c.percentHundredths === null ? null : c.percentHundredths / 100,
    amount: intFromDb(c.amount),
    given: c.given,
    source: null,
  };
}

/** One project as monitoring sees it, or undefined. */
export async function loadMonitoredProject(db: Db, projectId: number): Promise<MonitoredProject | undefined> {
  return (await loadMonitoredProjects(db, { projectIds: [projectId] }))[0];
}

/** The indicator columns a MonitoredIndicator holds: what monitoring and its figures read of an indicator. */
export const MONITORED_INDICATOR_COLUMNS = [
  'id', 'position', 'level1', 'level2', 'level1Raw', 'level2Raw', 'name',
  'targetRaw', 'targetKind', 'targetOperator', 'targetValueText', 'targetUnit', 'targetDeadline', 'targetStart', 'targetWords', 'targetStandard',
] as const;

export function monitoredIndicatorFromRow(row: Pick<Selectable<IndicatorTable>, (typeof MONITORED_INDICATOR_COLUMNS)[number]>): MonitoredIndicator {
  return {
    id: row.id,
    position: row.position,
    level1: row.level1,
    level2: row.level2,
    level1Raw: row.level1Raw,
    level2Raw: row.level2Raw,
    name: row.name,
    target: targetFromRow(row),
  };
}

/** The departments that have current projects of a year (optionally in these states), by name. */
export async function listMonitoredDepartments(
  db: Db,
  year: number,
  statuses?: readonly ProjectStatus[],
): Promise<{ id: number; code: string | null; name: string }[]> {
  // IN (subquery), not a correlated EXISTS: one pass over the year's projects instead of one per
  // department (a province: 4,000 departments x 75,000 projects took a minute).
  return db
    .selectFrom('department')
    .select(['department.id', 'department.code', 'department.name'])
    .where('department.id', 'in', (eb) =>
      eb
        .selectFrom('document')
        .innerJoin('project', 'project.documentId', 'document.id')
        .select('document.departmentId')
        .where('document.isCurrent', '=', 1)
        .where((e) => e(e.fn.coalesce('project.year', 'document.year'), '=', year))
        .$if(statuses !== undefined, (sub) => sub.where('project.status', 'in', [...statuses!])),
    )
    .orderBy('department.name')
    .orderBy('department.id')
    .execute();
}

/** A department by id. */
export async function findDepartment(
  db: Db,
  departmentId: number,
): Promise<{ id: number; code: string | null; name: string } | undefined> {
  return db.selectFrom('department').select(['id', 'code', 'name']).where('id', '=', departmentId).executeTakeFirst();
}
