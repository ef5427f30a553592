/**
 * Monitoring (绩效运行监控, "双监控"), lifecycle.md §2: the monitoring table of a project as of a
 * round — spending against the interpolated plan, each indicator against its target, warning
 * lights, key monitoring, what every yellow and red still has to explain — and summaries of a
 * round per department and for the whole region: which projects are behind, by how much, why.
 *
 * Everything is computed on read from the stored records with the pure functions of
 * shared/domain/monitoring.ts and the project's settings (configs.ts), so a changed setting
 * applies to every round at once. A round is an as-of date; a summary covers the projects of
 * current documents of that year, and those without a record for the date are listed as missing.
 */
import {
  REGION_LIST_LIMIT,
  type BehindProject,
  type DepartmentMonitoringSummary,
  type IndicatorProgress,
  type LightCounts,
  type MonitoringTable,
  type RegionMonitoringSummary,
} from '../../../shared/api/monitoring';
import {
  needsKeyMonitoring,
  shareOfYearElapsed,
  spendingLight,
  validateMonitoringEntry,
} from '../../../shared/domain/monitoring';
import { shownLevels } from '../../../shared/domain/model';
import type { Light, Likelihood, MonitoringConfig } from '../../../shared/domain/monitoring-config';
import { roundHalfUp } from '../../../shared/domain/rounding';
import {
  findDepartment,
  listMonitoredDepartments,
  loadMonitoredProjects,
  type MonitoredProject,
} from '../../db/monitoring.repository';
import {
  listExecutionRecords,
  listExecutionRounds,
  listRecordDates,
  type StoredExecutionRecord,
} from '../../db/execution-record.repository';
import { groupBy } from '../../db/rows';
import { cachedAggregate } from '../cache/aggregate-cache';
import type { Db } from '../../db/schema';
import { MONITORED_STATUSES } from '../../../shared/domain/workflow';
import { monitoringConfigFor } from './configs';
import { ExecutionDataError, MonitoringNotFoundError } from './errors';
import { refreshMonitoringFigures, SEVERITY, UNEXPLAINED, type RoundTotalsJson } from './figures.service';
import {
  listDepartmentRounds,
  listDepartmentYears,
  listMostUrgent,
  readFiguresVersions,
  type DepartmentRoundFigures,
  type DepartmentYearFigures,
} from '../../db/monitoring-figures.repository';
import { parseAsOf, requireProject } from '../execution-records/execution-record.service';
import { isWarning, judgeIndicator, progressKind, worstLight } from './indicator-progress';
import { targetsInForce } from './targets-in-force';


function emptyCounts(): LightCounts {
  return { green: 0, yellow: 0, red: 0, blue: 0, none: 0 };
}

function count(counts: LightCounts, light: Light | null): void {
  counts[light ?? 'none']++;
}

function addCounts(into: LightCounts, from: LightCounts): void {
  for (const k of Object.keys(into) as (keyof LightCounts)[]) into[k] += from[k];
}

// ---------------------------------------------------------------------------------------------
// One project

/**
 * The monitoring table of a project for one stored round. Pure.
 * @example buildMonitoringTable(project, recordAsOf31July, ['2025-07-31']).spending // { ratio: 71.05, light: 'yellow', … }
 */
export function buildMonitoringTable(
  approved: MonitoredProject,
  record: StoredExecutionRecord,
  rounds: readonly string[],
  config: MonitoringConfig = monitoringConfigFor(approved),
): MonitoringTable {
  const date = parseAsOf(record.asOf);
  if (date === null) throw new RangeError(`stored as-of date ${record.asOf} is not a date`);
  // Each indicator (and the budget) against the targets in force on the round's date (目标调整).
  const project = targetsInForce(approved, record.asOf);
  const budget = project.budgetTotal;

  const s = spendingLight(record.spentFen, budget, project.spendingPlan, date, config);
  const spendingLightValue = s?.light ?? null;
  // The plan to date in fen, rounded to the fen: a derived figure for "how much behind" only.
  const planAmountFen = s && budget !== null ? Math.round((budget * s.planPercent) / 100) : null;
  const spending = {
    budgetFen: budget,
    spentFen: record.spentFen,
    actualPercent: s?.display.actualPercent ?? null,
    planPercent: s?.display.planPercent ?? null,
    ratio: s?.display.ratio ?? null,
    light: spendingLightValue,
    planAmountFen,
    gapFen: planAmountFen === null ? null : planAmountFen - record.spentFen,
    cause: record.spendingCause,
    causeNote: record.spendingCauseNote,
    measure: record.spendingMeasure,
    issues:
      spendingLightValue === null
        ? []
        : validateMonitoringEntry(
            { light: spendingLightValue, cause: record.spendingCause, causeNote: record.spendingCauseNote, measure: record.spendingMeasure },
            config,
          ).map(({ code, message }) => ({ code, message })),
  };

  const share = shareOfYearElapsed(date) ?? 0;
  const lines = new Map(record.indicators.map((l) => [l.indicatorId, l]));
  const indicatorLights = emptyCounts();
  const indicators = project.indicators.map((ind): IndicatorProgress => {
    const line = lines.get(ind.id);
    const entry = { valueToDate: line?.valueToDate ?? null, projected: line?.projected ?? null, likelihood: line?.likelihood ?? null };
    const kind = progressKind(ind);
    const judged = judgeIndicator(kind, ind.target, entry, share, config);
    count(indicatorLights, judged.light);
    const explain = { cause: line?.cause ?? null, causeNote: line?.causeNote ?? null, measure: line?.measure ?? null };
    return {
      indicatorId: ind.id,
      position: ind.position,
      ...shownLevels(ind),
      name: ind.name,
      target: ind.target.raw,
      kind,
      valueToDate: entry.valueToDate,
      projected: entry.projected,
      likelihood: entry.likelihood as Likelihood | null,
      expected: judged.expected,
      ratio: judged.ratio,
      percentOfTarget: judged.percentOfTarget,
      projectedPercent: judged.projectedPercent,
      method: judged.method,
      light: judged.light,
      ...explain,
      issues:
        judged.light === null
          ? []
          : validateMonitoringEntry({ light: judged.light, ...explain }, config).map(({ code, message }) => ({ code, message })),
    };
  });

  const keyMonitoring = budget !== null && s !== null && needsKeyMonitoring(budget, s.actualPercent, date, config);
  const lights = [spendingLightValue, ...indicators.map((i) => i.light)];
  return {
    project: projectRef(project),
    asOf: record.asOf,
    rounds: [...rounds],
    configId: config.id,
    spending,
    keyMonitoring,
    indicators,
    indicatorLights,
    worstLight: worstLight(lights),
    behind: lights.some(isWarning),
    complete: spending.issues.length === 0 && indicators.every((i) => i.issues.length === 0),
    note: record.note,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
    updatedOnBehalf: record.updatedOnBehalf,
  };
}

/** The project as monitoring answers name it. */
export function projectRef(p: MonitoredProject): MonitoringTable['project'] {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    departmentId: p.departmentId,
    departmentName: p.departmentName,
    year: p.year,
    status: p.status,
    // in force (目标调整, issue 58): the latest approved version's
    budgetTotalFen: targetsInForce(p, LATEST).budgetTotal,
  };
}

/** A date after every version's: the latest approved version of a project's targets. */
const LATEST = '9999-12-31';

/**
 * The monitoring table of a project as of a round; without `asOf`, its latest round. Null when the
 * project has no record for that date (or none at all). MonitoringNotFoundError for no project.
 */
export async function getMonitoringTable(db: Db, projectId: number, asOf?: string): Promise<MonitoringTable | null> {
  if (asOf !== undefined) requireDate(asOf);
  const project = await requireProject(db, projectId);
  const records = await listExecutionRecords(db, { projectIds: [project.id] });
  const record = asOf === undefined ? records[records.length - 1] : records.find((r) => r.asOf === asOf);
  if (record === undefined) return null;
  return buildMonitoringTable(project, record, records.map((r) => r.asOf));
}

/** A round's date, or ExecutionDataError naming `asOf`. */
function requireDate(asOf: string): void {
  if (parseAsOf(asOf) === null) throw new ExecutionDataError([{ path: 'asOf', message: `截至日期“${String(asOf).slice(0, 20)}”不是有效日期（YYYY-MM-DD）` }]);
}

/** The as-of dates recorded for a year (optionally one department's), with how many projects and departments reported each. */
export async function listRounds(db: Db, year: number, departmentId?: number, departmentIds?: readonly number[]): Promise<{ asOf: string; projectCount: number; departmentCount: number }[]> {
  return listExecutionRounds(db, departmentId === undefined ? { year, ...(departmentIds === undefined ? {} : { departmentIds }) } : { year, departmentId });
}

// ---------------------------------------------------------------------------------------------
// Summaries

interface Summary {
  totals: DepartmentMonitoringSummary['totals'];
  projects: DepartmentMonitoringSummary['projects'];
  behind: BehindProject[];
  keyMonitoring: BehindProject[];
  missing: DepartmentMonitoringSummary['missing'];
  tables: MonitoringTable[];
}


function behindOf(t: MonitoringTable): BehindProject {
  return {
    projectId: t.project.id,
    code: t.project.code,
    name: t.project.name,
    departmentId: t.project.departmentId,
    departmentName: t.project.departmentName,
    budgetFen: t.spending.budgetFen,
    spentFen: t.spending.spentFen,
    actualPercent: t.spending.actualPercent,
    planPercent: t.spending.planPercent,
    ratio: t.spending.ratio,
    spendingLight: t.spending.light,
    gapFen: t.spending.gapFen,
    worstLight: t.worstLight,
    keyMonitoring: t.keyMonitoring,
    cause: t.spending.cause,
    causeNote: t.spending.causeNote,
    measure: t.spending.measure,
    indicators: t.indicators.flatMap((i) =>
      i.light !== null && isWarning(i.light)
        ? [
            {
              indicatorId: i.indicatorId,
              name: i.name,
              target: i.target,
              light: i.light,
              ratio: i.ratio ?? i.projectedPercent,
              likelihood: i.likelihood,
              cause: i.cause,
              causeNote: i.causeNote,
              measure: i.measure,
            },
          ]
        : [],
    ),
    complete: t.complete,
  };
}

/** Worst first: red before yellow, then the lower spending ratio, then the larger gap. */
function byUrgency(a: BehindProject, b: BehindProject): number {
  const sa = a.worstLight === null ? -1 : SEVERITY[a.worstLight];
  const sb = b.worstLight === null ? -1 : SEVERITY[b.worstLight];
  if (sa !== sb) return sb - sa;
  const ra = a.ratio ?? Number.POSITIVE_INFINITY;
  const rb = b.ratio ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  return (b.gapFen ?? 0) - (a.gapFen ?? 0) || a.projectId - b.projectId;
}

/** The totals of a set of projects in one round from their sums (exact money: BigInt sums given as numbers). */
function totalsOf(sums: {
  projectCount: number;
  reportedCount: number;
  budgetTotal: bigint;
  reportedBudget: bigint;
  spentTotal: bigint;
  spendingLights: LightCounts;
  indicatorLights: LightCounts;
  behindCount: number;
  keyMonitoringCount: number;
  incompleteCount: number;
  causes: ReadonlyMap<string, number>;
  causeOrder: readonly string[];
}): DepartmentMonitoringSummary['totals'] {
  const { reportedBudget, spentTotal } = sums;
  return {
    projectCount: sums.projectCount,
    reportedCount: sums.reportedCount,
    budgetTotalFen: Number(sums.budgetTotal),
    reportedBudgetFen: Number(reportedBudget),
    spentTotalFen: Number(spentTotal),
    executionRatePercent: reportedBudget > 0n ? roundHalfUp((Number(spentTotal) * 100) / Number(reportedBudget)) : null,
    spendingLights: sums.spendingLights,
    indicatorLights: sums.indicatorLights,
    behindCount: sums.behindCount,
    keyMonitoringCount: sums.keyMonitoringCount,
    incompleteCount: sums.incompleteCount,
    causeCounts: sortedCauseCounts(sums.causes, sums.causeOrder),
  };
}

/** Yellow and red entries by cause, in the settings' order of causes (未说明 after them, any other last by name). */
function sortedCauseCounts(causes: ReadonlyMap<string, number>, causeOrder: readonly string[]): { cause: string; count: number }[] {
  const order = [...causeOrder, UNEXPLAINED];
  return [...causes]
    .map(([cause, n]) => ({ cause, count: n }))
    .sort((a, b) => (order.indexOf(a.cause) + 1 || order.length + 1) - (order.indexOf(b.cause) + 1 || order.length + 1) || a.cause.localeCompare(b.cause));
}

/** `recordOf`: the round's record of each project that has one (built once by the caller: a region summarises every department with it). */
function summarise(projects: readonly MonitoredProject[], recordOf: ReadonlyMap<number, StoredExecutionRecord>, roundsOf: Map<number, string[]>): Summary {
  const spendingLights = emptyCounts();
  const indicatorLights = emptyCounts();
  const causes = new Map<string, number>();
  const rows: Summary['projects'] = [];
  const tables: MonitoringTable[] = [];
  const missing: Summary['missing'] = [];
  // Exact whatever the number of projects (a region's): BigInt, given as numbers at the end.
  let budgetTotal = 0n;
  let reportedBudget = 0n;
  let spentTotal = 0n;
  const configs = new Set<string>();
  const causeOrder: string[] = [];

  for (const p of projects) {
    const record = recordOf.get(p.id);
    // the budget in force on the round's date (目标调整, issue 58); a project without the round's record, its latest
    const budget = targetsInForce(p, record?.asOf ?? LATEST).budgetTotal;
    budgetTotal += BigInt(budget ?? 0);
    if (record === undefined) {
      missing.push({ projectId: p.id, code: p.code, name: p.name });
      rows.push({
        projectId: p.id,
        code: p.code,
        name: p.name,
        budgetFen: budget,
        reported: false,
        spentFen: null,
        actualPercent: null,
        planPercent: null,
        ratio: null,
        spendingLight: null,
        indicatorLights: emptyCounts(),
        worstLight: null,
        keyMonitoring: false,
        behind: false,
        complete: false,
        spendingPlan: p.spendingPlan,
      });
      continue;
    }
    const config = monitoringConfigFor(p);
    if (!configs.has(config.id)) {
      configs.add(config.id);
      for (const c of config.causes) if (!causeOrder.includes(c)) causeOrder.push(c);
    }
    const t = buildMonitoringTable(p, record, roundsOf.get(p.id) ?? [record.asOf], config);
    tables.push(t);
    reportedBudget += BigInt(budget ?? 0);
    spentTotal += BigInt(record.spentFen);
    count(spendingLights, t.spending.light);
    addCounts(indicatorLights, t.indicatorLights);
    const warned = [
      ...(isWarning(t.spending.light) ? [t.spending.cause] : []),
      ...t.indicators.filter((i) => isWarning(i.light)).map((i) => i.cause),
    ];
    for (const cause of warned) causes.set(cause ?? UNEXPLAINED, (causes.get(cause ?? UNEXPLAINED) ?? 0) + 1);
    rows.push({
      projectId: p.id,
      code: p.code,
      name: p.name,
      budgetFen: budget,
      reported: true,
      spentFen: record.spentFen,
      actualPercent: t.spending.actualPercent,
      planPercent: t.spending.planPercent,
      ratio: t.spending.ratio,
      spendingLight: t.spending.light,
      indicatorLights: t.indicatorLights,
      worstLight: t.worstLight,
      keyMonitoring: t.keyMonitoring,
      behind: t.behind,
      complete: t.complete,
      spendingPlan: p.spendingPlan,
    });
  }
  const behind = tables.filter((t) => t.behind).map(behindOf).sort(byUrgency);
  const keyMonitoring = tables.filter((t) => t.keyMonitoring).map(behindOf).sort(byUrgency);
  return {
    totals: totalsOf({
      projectCount: projects.length,
      reportedCount: tables.length,
      budgetTotal,
      reportedBudget,
      spentTotal,
      spendingLights,
      indicatorLights,
      behindCount: behind.length,
      keyMonitoringCount: keyMonitoring.length,
      incompleteCount: tables.filter((t) => !t.complete).length,
      causes,
      causeOrder,
    }),
    projects: rows,
    behind,
    keyMonitoring,
    missing,
    tables,
  };
}

/** The round's records of these projects, and every as-of date each project has. */
async function roundOf(db: Db, projectIds: number[], asOf: string): Promise<{ records: Map<number, StoredExecutionRecord>; rounds: Map<number, string[]> }> {
  if (projectIds.length === 0) return { records: new Map(), rounds: new Map() };
  const records = await listExecutionRecords(db, { projectIds, asOf });
  return { records: new Map(records.map((r) => [r.projectId, r])), rounds: await listRecordDates(db, projectIds) };
}

/**
 * A department's round: totals, every project's lights, the projects behind (worst first) with
 * their causes and measures, key monitoring, and who has not reported. Also returns the tables.
 */
export async function getDepartmentMonitoring(
  db: Db,
  departmentId: number,
  year: number,
  asOf: string,
): Promise<{ summary: DepartmentMonitoringSummary; tables: MonitoringTable[] }> {
  requireDate(asOf);
  const department = await findDepartment(db, departmentId);
  if (department === undefined) throw new MonitoringNotFoundError('该单位不存在');
  const projects = await loadMonitoredProjects(db, { departmentId, year, currentOnly: true, statuses: MONITORED_STATUSES });
  const { records, rounds } = await roundOf(db, projects.map((p) => p.id), asOf);
  const s = summarise(projects, records, rounds);
  return {
    summary: { department, year, asOf, totals: s.totals, projects: s.projects, behind: s.behind, keyMonitoring: s.keyMonitoring, missing: s.missing },
    tables: s.tables,
  };
}

/** A department's summary of a round (see getDepartmentMonitoring). */
export async function getDepartmentMonitoringSummary(
  db: Db,
  departmentId: number,
  year: number,
  asOf: string,
): Promise<DepartmentMonitoringSummary> {
  return (await getDepartmentMonitoring(db, departmentId, year, asOf)).summary;
}

/**
 * The region's round: totals, each department's totals, and every project behind or under key
 * monitoring across departments, worst first. Projects of documents without a department are left
 * out (they belong to no department to summarise under).
 *
 * Read from the figures kept current on each write (figures.service.ts): the departments' sums
 * of the year and of the round, and the worst projects through an index; only those are built
 * in full. recomputeRegionMonitoringSummary gives the same from every project, for the tests.
 */
export async function getRegionMonitoringSummary(db: Db, year: number, asOf: string, region: string | null = null): Promise<RegionMonitoringSummary> {
  requireDate(asOf);
  await refreshMonitoringFigures(db);
  // Cached until the data or the figures change (an indicator rewritten changes no versioned table).
  const { figures } = await readFiguresVersions(db);
  return cachedAggregate(db, `monitoring.region ${year} ${asOf} ${figures} ${region ?? 'all'}`, () => regionSummaryFromFigures(db, year, asOf, region));
}

/** The round over the installation, or over a region's subtree (its departments') when `region` is given. */
async function regionSummaryFromFigures(db: Db, year: number, asOf: string, region: string | null): Promise<RegionMonitoringSummary> {
  const departments = await listDepartmentYears(db, year, region);
  const rounds = new Map((await listDepartmentRounds(db, year, asOf)).map((r) => [r.departmentId, r]));
  // Each rollup's JSON read once (a province: 4,000 departments).
  const parts = departments.map((d): RollupPart => {
    const round = rounds.get(d.department.id);
    return { year: d, round, totals: round === undefined ? undefined : (JSON.parse(round.totals) as RoundTotalsJson) };
  });
  const [behind, keyMonitoring] = await mostUrgent(db, year, asOf, region);
  return {
    year,
    asOf,
    totals: totalsOfRollups(parts),
    departments: parts.map((part) => ({ department: part.year.department, totals: totalsOfRollups([part]) })),
    behind,
    keyMonitoring,
  };
}

interface RollupPart {
  year: DepartmentYearFigures;
  round: DepartmentRoundFigures | undefined;
  totals: RoundTotalsJson | undefined;
}

/** The totals of some departments' rollups of a year and a round (as summarise gives them). */
function totalsOfRollups(parts: readonly RollupPart[]): DepartmentMonitoringSummary['totals'] {
  let projectCount = 0;
  let reportedCount = 0;
  let budgetTotal = 0n;
  let reportedBudget = 0n;
  let spentTotal = 0n;
  const spendingLights = emptyCounts();
  const indicatorLights = emptyCounts();
  let behindCount = 0;
  let keyMonitoringCount = 0;
  let incompleteCount = 0;
  const causes = new Map<string, number>();
  const causeOrder: string[] = [];
  for (const { year, round, totals: t } of parts) {
    projectCount += year.projectCount;
    budgetTotal += BigInt(year.budgetTotalFen);
    if (round === undefined || t === undefined) continue;
    reportedCount += round.reportedCount;
    reportedBudget += BigInt(round.reportedBudgetFen);
    spentTotal += BigInt(round.spentTotalFen);
    addCounts(spendingLights, t.spendingLights);
    addCounts(indicatorLights, t.indicatorLights);
    behindCount += t.behindCount;
    keyMonitoringCount += t.keyMonitoringCount;
    incompleteCount += t.incompleteCount;
    for (const [cause, n] of t.causes) causes.set(cause, (causes.get(cause) ?? 0) + n);
    for (const c of t.causeOrder) if (!causeOrder.includes(c)) causeOrder.push(c);
  }
  return totalsOf({ projectCount, reportedCount, budgetTotal, reportedBudget, spentTotal, spendingLights, indicatorLights, behindCount, keyMonitoringCount, incompleteCount, causes, causeOrder });
}

/**
 * The region's worst REGION_LIST_LIMIT projects of a round behind plan, and under key monitoring,
 * found through the figures' index and built in full (each project loaded once).
 */
async function mostUrgent(db: Db, year: number, asOf: string, region: string | null): Promise<[behind: BehindProject[], keyMonitoring: BehindProject[]]> {
  const behindIds = await listMostUrgent(db, year, asOf, 'behind', REGION_LIST_LIMIT, region);
  const keyIds = await listMostUrgent(db, year, asOf, 'keyMonitoring', REGION_LIST_LIMIT, region);
  const ids = [...new Set([...behindIds, ...keyIds])];
  const projects = await loadMonitoredProjects(db, { projectIds: ids });
  const records = new Map((await listExecutionRecords(db, { projectIds: ids, asOf })).map((r) => [r.projectId, r]));
  const built = new Map(projects.map((p) => [p.id, behindOf(buildMonitoringTable(p, records.get(p.id)!, [asOf]))]));
  return [behindIds.map((id) => built.get(id)!), keyIds.map((id) => built.get(id)!)];
}

/**
 * The region's round computed from every monitored project of the year, as it was before the
 * figures were kept: the reference the figures are tested against (and the benchmark's baseline).
 */
export async function recomputeRegionMonitoringSummary(db: Db, year: number, asOf: string): Promise<RegionMonitoringSummary> {
  const departments = await listMonitoredDepartments(db, year, MONITORED_STATUSES);
  const projects = (await loadMonitoredProjects(db, { year, currentOnly: true, statuses: MONITORED_STATUSES })).filter((p) => p.departmentId !== null);
  const { records: round, rounds } = await roundOf(db, projects.map((p) => p.id), asOf);
  const whole = summarise(projects, round, rounds);
  const byDepartment = groupBy(projects, (p) => p.departmentId!);
  return {
    year,
    asOf,
    totals: whole.totals,
    departments: departments.map((department) => ({
      department,
      totals: summarise(byDepartment.get(department.id) ?? [], round, rounds).totals,
    })),
    // A province has tens of thousands behind plan: the worst are listed, totals count them all.
    behind: whole.behind.slice(0, REGION_LIST_LIMIT),
    keyMonitoring: whole.keyMonitoring.slice(0, REGION_LIST_LIMIT),
  };
}
