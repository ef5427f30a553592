/**
 * Monitoring and self-evaluation figures kept current on each write (migration 0018), so that the
 * region's monitoring summary and self-evaluation ranking read a few thousand department rows
 * and an index instead of every project of the year with its indicators (10 s at 100,000
 * projects).
 *
 * What a project contributes is computed with the very functions the monitoring table uses
 * (buildMonitoringTable) and stored per project (department, year, budget, the self-evaluation's
 * total and grade) and per round (spent, lights, behind, key monitoring, complete, causes, the
 * urgency keys); each department's sums per year and per round are computed again from its
 * figures whenever one of its projects changes (a department has tens of projects).
 *
 * Which projects to compute again is queued by triggers (see the migration) in the writer's
 * transaction, whoever writes. refreshMonitoringFigures empties the queue: the services that
 * write monitoring data (execution records, self-evaluations, workflow transitions) call it in
 * their own transaction, and the region reads call it first, so anything another path changed
 * (an import replacing a document, the CLI, a bulk load) is computed before it is read; the
 * server drains the queue at its start (drainMonitoringFigures), so that the first reader after a
 * bulk load does not wait for it. A change
 * of the monitoring settings (in code) queues every project: the figures hold the settings they
 * were computed with.
 */
import { createHash } from 'node:crypto';
import type { Light } from '../../../shared/domain/monitoring-config';
import { DEFAULT_MONITORING_CONFIG, MONITORING_CONFIG_ASSIGNMENTS } from '../../../shared/domain/monitoring-config';
import { listExecutionRecords } from '../../db/execution-record.repository';
import {
  listDepartmentFigures,
  listEvaluationTotals,
  bumpFiguresVersions,
  listProjectFigures,
  loadFiguresProjects,
  queueAllProjects,
  readFiguresState,
  replaceDepartmentRollups,
  replaceFigures,
  takeQueuedProjects,
  unqueueProjects,
  writeFiguresSettings,
  type DepartmentRoundRow,
  type DepartmentYearRow,
  type ProjectFigureRow,
  type RoundFigureRow,
  type StoredProjectFigure,
  type StoredRoundFigure,
} from '../../db/monitoring-figures.repository';
import type { MonitoredProject } from '../../db/monitoring.repository';
import { groupBy } from '../../db/rows';
import type { Db, MonitoringProjectFigureTable } from '../../db/schema';
import type { Selectable } from 'kysely';
import { inTransaction } from '../../db/transaction';
import { MONITORED_STATUSES } from '../../../shared/domain/workflow';
import { monitoringConfigFor } from './configs';
import { isWarning } from './indicator-progress';
import { buildMonitoringTable } from './monitoring.service';
import type { StoredExecutionRecord } from '../../db/execution-record.repository';
import { targetsInForce } from './targets-in-force';

/** Raise when what a figure holds or how it is computed changes: every figure is then computed again. */
const FIGURES_VERSION = 1;

/** The settings the figures depend on, as one string: a change queues every project. */
export const FIGURES_SETTINGS = createHash('sha256')
  .update(JSON.stringify({ version: FIGURES_VERSION, config: DEFAULT_MONITORING_CONFIG, assignments: MONITORING_CONFIG_ASSIGNMENTS }))
  .digest('hex');

/**
 * Projects computed per step of the queue (a bulk load queues them all). 250 rather than 1,000:
 * the server's start-up drain of 100,000 projects (SQLite, 2026-11-24, two runs each, load 7–9)
 * peaked at 252–266 MiB resident instead of 286–291, in 42–46 s instead of 53–68 s: less of
 * each batch's rows and figures alive at once, and the requests served between batches wait less.
 */
const BATCH = 250;

export const SEVERITY: Record<Light, number> = { green: 0, blue: 1, yellow: 2, red: 3 };
export const UNEXPLAINED = '未说明';
/** A missing spending ratio sorts last among the worst. */
export const NO_RATIO = Number.MAX_SAFE_INTEGER;
const GRADES = ['优', '良', '中', '差'] as const;

/** What a department-round rollup keeps as JSON besides its money. */
export interface RoundTotalsJson {
  spendingLights: Record<'green' | 'yellow' | 'red' | 'blue' | 'none', number>;
  indicatorLights: Record<'green' | 'yellow' | 'red' | 'blue' | 'none', number>;
  behindCount: number;
  keyMonitoringCount: number;
  incompleteCount: number;
  /** Yellow and red entries by cause, in the order first met. */
  causes: [string, number][];
  /** The causes of the settings used, in the order first met (the order causeCounts are listed in). */
  causeOrder: string[];
}

/** A round figure's causes: its yellow and red entries by cause, and the causes of its settings in their order. */
interface FigureCauses {
  counts: [string, number][];
  order: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// One project's figures (pure)

/** Whether a project is counted in its department's and the region's monitoring. */
function inScope(p: MonitoredProject): p is MonitoredProject & { departmentId: number; year: number } {
  return p.isCurrent && MONITORED_STATUSES.includes(p.status) && p.departmentId !== null && p.year !== null;
}

/** The figures of a project in scope: its row, and one per execution record. Pure. */
export function figuresOf(
  p: MonitoredProject & { departmentId: number; year: number },
  records: readonly StoredExecutionRecord[],
  evaluation: { totalHundredths: number; grade: string; complete: boolean } | undefined,
): { project: ProjectFigureRow; rounds: RoundFigureRow[] } {
  const config = monitoringConfigFor(p);
  const rounds = records.map((record): RoundFigureRow => {
    const t = buildMonitoringTable(p, record, [record.asOf], config);
    const causes = new Map<string, number>();
    const warned = [...(isWarning(t.spending.light) ? [t.spending.cause] : []), ...t.indicators.filter((i) => isWarning(i.light)).map((i) => i.cause)];
    for (const cause of warned) causes.set(cause ?? UNEXPLAINED, (causes.get(cause ?? UNEXPLAINED) ?? 0) + 1);
    return {
      projectId: p.id,
      asOf: record.asOf,
      departmentId: p.departmentId,
      year: p.year,
      // the budget in force on the round's date (目标调整, issue 58), as its table measures it
      budget: t.spending.budgetFen,
      spent: record.spentFen,
      spendingLight: t.spending.light,
      indicatorGreen: t.indicatorLights.green,
      indicatorYellow: t.indicatorLights.yellow,
      indicatorRed: t.indicatorLights.red,
      indicatorBlue: t.indicatorLights.blue,
      indicatorNone: t.indicatorLights.none,
      behind: t.behind ? 1 : 0,
      keyMonitoring: t.keyMonitoring ? 1 : 0,
      complete: t.complete ? 1 : 0,
      severity: t.worstLight === null ? -1 : SEVERITY[t.worstLight],
      // The ratio has two decimals: in hundredths it sorts exactly as the number.
      ratioKey: t.spending.ratio === null ? NO_RATIO : Math.round(t.spending.ratio * 100),
      gapKey: t.spending.gapFen ?? 0,
      causes: JSON.stringify({ counts: [...causes], order: config.causes } satisfies FigureCauses),
      configId: config.id,
    };
  });
  return {
    project: {
      projectId: p.id,
      departmentId: p.departmentId,
      year: p.year,
      // in force: the latest approved version's (目标调整, issue 58)
      budget: targetsInForce(p, '9999-12-31').budgetTotal,
      code: p.code,
      name: p.name,
      // Of a project in scope the department is known: coalesce(department.name, project's) is its name.
      departmentName: p.departmentName ?? '',
      evaluationTotal: evaluation?.totalHundredths ?? null,
      evaluationGrade: evaluation?.grade ?? null,
      evaluationComplete: evaluation === undefined ? null : evaluation.complete ? 1 : 0,
    },
    rounds,
  };
}

/** A department's sums of a year and of each round, from its figures of that year. Pure. */
export function rollupOf(
  departmentId: number,
  year: number,
  projects: readonly StoredProjectFigure[],
  rounds: readonly StoredRoundFigure[],
): { year: DepartmentYearRow | null; rounds: DepartmentRoundRow[] } {
  if (projects.length === 0) return { year: null, rounds: [] };
  let budget = 0n;
  let evaluated = 0;
  let totalSum = 0;
  const grades = { 优: 0, 良: 0, 中: 0, 差: 0 };
  for (const p of projects) {
    budget += BigInt(p.budgetFen ?? 0);
    if (p.evaluationTotal === null) continue;
    evaluated++;
    totalSum += p.evaluationTotal;
    if ((GRADES as readonly string[]).includes(p.evaluationGrade ?? '')) grades[p.evaluationGrade as (typeof GRADES)[number]]++;
  }
  const out: DepartmentRoundRow[] = [];
  for (const [asOf, list] of groupBy(rounds, (r) => r.asOf)) {
    const empty = () => ({ green: 0, yellow: 0, red: 0, blue: 0, none: 0 });
    const totals: RoundTotalsJson = { spendingLights: empty(), indicatorLights: empty(), behindCount: 0, keyMonitoringCount: 0, incompleteCount: 0, causes: [], causeOrder: [] };
    const causes = new Map<string, number>();
    let reportedBudget = 0n;
    let spent = 0n;
    for (const r of list) {
      reportedBudget += BigInt(r.budgetFen ?? 0);
      spent += BigInt(r.spentFen);
      totals.spendingLights[(r.spendingLight as Light | null) ?? 'none']++;
      totals.indicatorLights.green += r.indicatorGreen;
      totals.indicatorLights.yellow += r.indicatorYellow;
      totals.indicatorLights.red += r.indicatorRed;
      totals.indicatorLights.blue += r.indicatorBlue;
      totals.indicatorLights.none += r.indicatorNone;
      totals.behindCount += r.behind;
      totals.keyMonitoringCount += r.keyMonitoring;
      totals.incompleteCount += r.complete ? 0 : 1;
      const figure = JSON.parse(r.causes) as FigureCauses;
      for (const [cause, n] of figure.counts) causes.set(cause, (causes.get(cause) ?? 0) + n);
      for (const c of figure.order) if (!totals.causeOrder.includes(c)) totals.causeOrder.push(c);
    }
    totals.causes = [...causes];
    out.push({ departmentId, year, asOf, reportedCount: list.length, reportedBudget: String(reportedBudget), spentTotal: String(spent), totals: JSON.stringify(totals) });
  }
  return {
    year: {
      departmentId,
      year,
      projectCount: projects.length,
      budgetTotal: String(budget),
      evaluatedCount: evaluated,
      evaluationTotalSum: totalSum,
      gradeCounts: JSON.stringify(grades),
    },
    rounds: out,
  };
}

// ---------------------------------------------------------------------------------------------
// Keeping them current

/**
 * Computes again the figures of every queued project and the rollups of their departments, in
 * the caller's transaction (or one of its own). Cheap when little changed: one indexed read of an
 * empty queue. A change of the settings queues every project first.
 */
export async function refreshMonitoringFigures(db: Db): Promise<void> {
  // A drain running in the background (the server's start, drainMonitoringFigures) is waited for
  // rather than raced. Not inside a transaction: on SQLite the drain needs the connection the
  // transaction holds.
  if (!db.isTransaction) await draining.get(db)?.catch(() => {});
  const state = await readFiguresState(db);
  if (!state.queued && state.settings === FIGURES_SETTINGS) return;
  await inTransaction(db, async (trx) => {
    await queueAllIfSettingsChanged(trx);
    while (await refreshQueuedBatch(trx, BATCH)) {
      // until the queue is empty
    }
  });
}

/** Figures computed with other settings are all stale: every project is queued, the settings recorded. */
async function queueAllIfSettingsChanged(trx: Db): Promise<void> {
  if ((await readFiguresState(trx)).settings === FIGURES_SETTINGS) return;
  await queueAllProjects(trx);
  await writeFiguresSettings(trx, FIGURES_SETTINGS);
}

/** Computes the figures of up to `batch` queued projects and takes them off the queue; false when it was empty. */
async function refreshQueuedBatch(trx: Db, batch: number): Promise<boolean> {
  const ids = await takeQueuedProjects(trx, batch);
  if (ids.length === 0) return false;
  await refreshProjects(trx, ids);
  await unqueueProjects(trx, ids);
  return true;
}

const draining = new WeakMap<Db, Promise<void>>();

/**
 * Empties the queue as refreshMonitoringFigures does, but in batches of BATCH projects, each in a
 * transaction of its own, yielding to other work between them: for the server's start (a bulk
 * load — `jixiao generate`, an import from the command line — leaves 100,000 projects queued,
 * a minute of work that the first region read would otherwise do while its user waits, and on
 * SQLite one transaction that long would hold up every other request) and for the end of a bulk
 * load. The result is the same as one transaction's: a department's rollups are computed again
 * from all its projects' figures whenever one of them is, so the last batch that touches a
 * department leaves its rollups as a single pass would. Region reads in this process
 * (refreshMonitoringFigures) wait for it; one drain per database handle at a time.
 */
export function drainMonitoringFigures(db: Db, opts: { batch?: number; signal?: AbortSignal } = {}): Promise<void> {
  let running = draining.get(db);
  if (running === undefined) {
    running = drainInBatches(db, opts.batch ?? BATCH, opts.signal).finally(() => draining.delete(db));
    draining.set(db, running);
  }
  return running;
}

/** Stops between two batches when `signal` aborts (the server closing): what is left stays queued. */
async function drainInBatches(db: Db, batch: number, signal: AbortSignal | undefined): Promise<void> {
  await inTransaction(db, queueAllIfSettingsChanged);
  for (;;) {
    const more = await inTransaction(db, (trx) => refreshQueuedBatch(trx, batch));
    if (!more || signal?.aborted === true) return;
    // Requests waiting for the event loop (and, on SQLite, for the connection) go first.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Computes again the figures of the projects a service just wrote, in its transaction: what it
 * changed is current when it commits, whatever else waits in the queue (a bulk load's backlog is
 * left to the next read). Nothing while the figures hold other settings: the next read
 * computes them all.
 */
export async function refreshProjectFigures(trx: Db, projectIds: readonly number[]): Promise<void> {
  if ((await readFiguresState(trx)).settings !== FIGURES_SETTINGS) return;
  const ids = [...new Set(projectIds)];
  await refreshProjects(trx, ids);
  await unqueueProjects(trx, ids);
}

async function refreshProjects(trx: Db, ids: number[]): Promise<void> {
  const keys = new Map<string, { departmentId: number; year: number }>();
  const key = (k: { departmentId: number; year: number }) => keys.set(`${k.departmentId}|${k.year}`, { departmentId: k.departmentId, year: k.year });
  const before = await listProjectFigures(trx, ids);
  for (const k of before) key(k);

  // Only what the figures use (not loadMonitoredProjects' complete rows): see loadFiguresProjects.
  const projects = (await loadFiguresProjects(trx, ids, MONITORED_STATUSES)).filter(inScope);
  const scoped = projects.map((p) => p.id);
  const records = groupBy(await listExecutionRecords(trx, { projectIds: scoped }), (r) => r.projectId);
  const evaluations = await listEvaluationTotals(trx, scoped);
  const projectRows: ProjectFigureRow[] = [];
  const roundRows: RoundFigureRow[] = [];
  for (const p of projects) {
    const f = figuresOf(p, records.get(p.id) ?? [], evaluations.get(p.id));
    projectRows.push(f.project);
    roundRows.push(...f.rounds);
    key(p);
  }
  await replaceFigures(trx, ids, projectRows, roundRows);
  await refreshRollups(trx, [...keys.values()]);
  await bumpFiguresVersions(trx, rankedFields(before) !== rankedFields(projectRows));
}

/** What the ranked projects list of some project figures, as one string (to tell whether it changed). */
function rankedFields(rows: readonly (ProjectFigureRow | Selectable<MonitoringProjectFigureTable>)[]): string {
  return JSON.stringify(
    [...rows]
      .sort((a, b) => a.projectId - b.projectId)
      .map((r) => [r.projectId, r.year, r.code, r.name, r.departmentId, r.departmentName, r.evaluationTotal === null || r.evaluationTotal === undefined ? null : Number(r.evaluationTotal), r.evaluationGrade ?? null]),
  );
}

async function refreshRollups(trx: Db, keys: { departmentId: number; year: number }[]): Promise<void> {
  if (keys.length === 0) return;
  const figures = await listDepartmentFigures(trx, [...new Set(keys.map((k) => k.departmentId))]);
  const projectsOf = groupBy(figures.projects, (p) => `${p.departmentId}|${p.year}`);
  const roundsOf = groupBy(figures.rounds, (r) => `${r.departmentId}|${r.year}`);
  const years: DepartmentYearRow[] = [];
  const rounds: DepartmentRoundRow[] = [];
  for (const { departmentId, year } of keys) {
    const k = `${departmentId}|${year}`;
    const r = rollupOf(departmentId, year, projectsOf.get(k) ?? [], roundsOf.get(k) ?? []);
    if (r.year !== null) years.push(r.year);
    rounds.push(...r.rounds);
  }
  await replaceDepartmentRollups(trx, keys, years, rounds);
}
