/**
 * 结果运用 (using the evaluation results): each project's results sheet — from its stored
 * self-evaluation and its last monitoring round, through the pure rules of
 * shared/domain/results-use.ts with the project's region and year settings — the finance bureau's
 * decision (accept the suggested consequence, or override it with a reason; audited as
 * 'results.decide'), the department and region report (绩效评价结果应用情况), and what the public
 * pages may show.
 *
 * Sheets are computed on read, so a changed self-evaluation or setting shows at once; a decision
 * keeps what it was taken on, and is `stale` when the suggestion has changed since.
 *
 * Errors: ExecutionDataError (bad decision input, nothing written), MonitoringNotFoundError (no
 * such project or department), ResultsStateError (no complete self-evaluation to decide on).
 */
import type { SelfEvaluationResult, MonitoringTable } from '../../../shared/api/monitoring';
import type { PublicDepartmentResults, PublicProjectResults, ResultsReport, ResultsRow, ResultsSheet } from '../../../shared/api/results';
import {
  checkDecision,
  deriveResultsSheet,
  type CheckedDecision,
  selectResultsUseConfig,
  summarizeResults,
  type DecisionInput,
  type ResultsFacts,
  type ResultsUseConfig,
} from '../../../shared/domain/results-use';
import { insertAuditEntry, toAuditActor, type AuditActor, type AuditEntry } from '../../db/document.repository';
import { findDepartment, loadMonitoredProjects, type MonitoredProject } from '../../db/monitoring.repository';
import { listExecutionRecords, type StoredExecutionRecord } from '../../db/execution-record.repository';
import { listSelfEvaluations, type StoredSelfEvaluation } from '../../db/self-evaluation.repository';
import { listPublications, type StoredPublication } from '../../db/self-evaluation-publication.repository';
import { publicNoteOf, resultInForce } from '../self-evaluation/publication-state';
import { listResultsDecisions, saveResultsDecision, type StoredResultsDecision } from '../../db/results.repository';
import { groupBy } from '../../db/rows';
import { cachedAggregate } from '../cache/aggregate-cache';
import type { Db } from '../../db/schema';
import { MONITORED_STATUSES } from '../../../shared/domain/workflow';
import { regionOf, unmonitoredReason } from '../monitoring/configs';
import { ExecutionDataError, MonitoringNotFoundError } from '../monitoring/errors';
import { inTransaction } from '../../db/transaction';
import { requireProject, SYSTEM_ACTOR, type SaveOptions, type SaveStatus } from '../execution-records/execution-record.service';
import { buildMonitoringTable, projectRef } from '../monitoring/monitoring.service';
import { budgetAtYearEnd } from '../monitoring/targets-in-force';
import { buildSelfEvaluationResult } from '../self-evaluation/self-evaluation.service';

/** The project cannot take a decision now (no self-evaluation, or an unfinished one); the API answers 409. */
export class ResultsStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsStateError';
  }
}

/** The 结果运用 rules of a project: by its budget year and region. */
export function resultsConfigFor(project: { year: number | null; code: string | null }): ResultsUseConfig {
  return selectResultsUseConfig(project.year, regionOf(project.code));
}

// ---------------------------------------------------------------------------------------------
// Facts: the self-evaluation and the monitoring round, as the pure rules read them

const joined = (...parts: (string | null | undefined)[]) => {
  const t = parts.filter((p) => (p ?? '').trim() !== '').join('：');
  return t === '' ? null : t;
};

/** What the rules read of a scored self-evaluation and a monitoring table. Pure. */
export function resultsFacts(evaluation: SelfEvaluationResult | null, monitoring: MonitoringTable | null, budgetFen: number | null): ResultsFacts {
  const rate = evaluation?.funds.ratePercent ?? null;
  const executionRequirement = evaluation?.requirements.find((q) => q.code === 'execution.explain');
  const missingActuals = evaluation?.issues.filter((i) => i.code === 'actual.missing' || i.code === 'actual.needs-grade').length ?? 0;
  return {
    budgetFen,
    evaluation:
      evaluation === null
        ? null
        : {
            total: evaluation.total,
            grade: evaluation.grade,
            complete: evaluation.complete,
            executionRatePercent: rate,
            deviations: [
              ...(executionRequirement && rate !== null
                ? [{ item: '预算执行', detail: `执行率${rate.toFixed(2)}%，得分${evaluation.funds.score}/${evaluation.funds.weight}`, reason: evaluation.executionExplanation, measure: null }]
                : []),
              ...evaluation.indicators
                .filter((i) => i.score < i.weight)
                .map((i) => ({
                  item: i.name,
                  detail: `目标${i.target || '（空）'}，实际${i.actualText ?? '未填写'}，得分${i.score}/${i.weight}`,
                  reason: i.deviationCause,
                  measure: i.improvement,
                })),
            ],
            farAbove: evaluation.requirements.filter((q) => q.code === 'indicator.far-above').map((q) => evaluation.indicators.find((i) => i.indicatorId === q.indicatorId)?.name ?? ''),
            unmet: [
              ...evaluation.requirements.filter((q) => !q.met).map((q) => q.message),
              ...(missingActuals > 0 ? [`${missingActuals} 个指标未填写实际完成值`] : []),
            ],
          },
    monitoring:
      monitoring === null
        ? null
        : {
            asOf: monitoring.asOf,
            keyMonitoring: monitoring.keyMonitoring,
            warnings: [
              ...(monitoring.spending.light === 'yellow' || monitoring.spending.light === 'red'
                ? [
                    {
                      item: '预算执行进度',
                      light: monitoring.spending.light,
                      detail: `已支出${monitoring.spending.actualPercent ?? '—'}%，计划${monitoring.spending.planPercent ?? '—'}%`,
                      reason: joined(monitoring.spending.cause, monitoring.spending.causeNote),
                      measure: monitoring.spending.measure,
                    },
                  ]
                : []),
              ...monitoring.indicators.flatMap((i) =>
                i.light === 'yellow' || i.light === 'red'
                  ? [{ item: i.name, light: i.light, detail: `目标${i.target || '（空）'}，截至当期${i.valueToDate ?? i.projected ?? i.likelihood ?? '未填写'}`, reason: joined(i.cause, i.causeNote), measure: i.measure }]
                  : [],
              ),
            ],
          },
  };
}

// ---------------------------------------------------------------------------------------------
// Sheets

interface Sources {
  evaluation: StoredSelfEvaluation | undefined;
  /** Its published result kept while a re-score after a 目标调整 waits (issue 71): the result in force until accepted. */
  kept?: StoredPublication | undefined;
  /** The project's rounds, oldest first. */
  records: StoredExecutionRecord[];
  decision: StoredResultsDecision | undefined;
}

/** A project's results sheet from what is stored. Pure. */
export function buildResultsSheet(project: MonitoredProject, sources: Sources, canDecide = false): ResultsSheet {
  const config = resultsConfigFor(project);
  const evaluation = resultInForce(sources.kept) ?? (sources.evaluation === undefined ? null : buildSelfEvaluationResult(project, sources.evaluation));
  const last = sources.records[sources.records.length - 1];
  const monitoring = last === undefined ? null : buildMonitoringTable(project, last, sources.records.map((r) => r.asOf));
  const budgetFen = evaluation?.funds.adjustedBudgetFen ?? budgetAtYearEnd(project);
  const sheet = deriveResultsSheet(resultsFacts(evaluation, monitoring, budgetFen), config);
  const d = sources.decision;
  return {
    project: projectRef(project),
    configId: config.id,
    budgetFen,
    grade: sheet.grade,
    total: sheet.total,
    executionRatePercent: sheet.executionRatePercent,
    evaluationComplete: sheet.evaluationComplete,
    monitoringAsOf: monitoring?.asOf ?? null,
    deviations: sheet.deviations,
    problems: sheet.problems,
    suggestion: sheet.suggestion,
    decision:
      d === undefined
        ? null
        : {
            consequence: d.consequence,
            percent: d.percent,
            amountFen: d.amountFen,
            overridden: d.overridden,
            reason: d.reason,
            suggestedConsequence: d.suggestedConsequence,
            suggestedPercent: d.suggestedPercent,
            decidedAt: d.decidedAt,
            decidedBy: d.decidedBy,
            stale:
              sheet.suggestion === null ||
              sheet.suggestion.consequence !== d.suggestedConsequence ||
              sheet.suggestion.percent !== d.suggestedPercent ||
              sheet.total !== d.basisTotal,
          },
    canDecide: canDecide && sheet.suggestion !== null && sheet.evaluationComplete && project.isCurrent && MONITORED_STATUSES.includes(project.status),
  };
}

/** The sheets of these projects, read in bulk (four queries per 500 projects plus the projects'). */
export async function sheetsOf(db: Db, projects: readonly MonitoredProject[], canDecide = false): Promise<ResultsSheet[]> {
  const ids = projects.map((p) => p.id);
  const evaluations = new Map((await listSelfEvaluations(db, ids)).map((e) => [e.projectId, e]));
  const records = groupBy(await listExecutionRecords(db, { projectIds: ids }), (r) => r.projectId);
  const decisions = await listResultsDecisions(db, ids);
  const kept = await listPublications(db, ids);
  return projects.map((p) => buildResultsSheet(p, { evaluation: evaluations.get(p.id), kept: kept.get(p.id), records: records.get(p.id) ?? [], decision: decisions.get(p.id) }, canDecide));
}

/** A project's results sheet; `canDecide` for a reviewer. MonitoringNotFoundError for no project. */
export async function getProjectResults(db: Db, projectId: number, opts: { canDecide?: boolean } = {}): Promise<ResultsSheet> {
  return (await sheetsOf(db, [await requireProject(db, projectId)], opts.canDecide === true))[0]!;
}

const toRow = ({ configId: _c, monitoringAsOf: _m, deviations: _d, canDecide: _k, ...row }: ResultsSheet): ResultsRow => row;

const lineOf = (r: ResultsRow) => ({
  departmentId: r.project.departmentId,
  departmentName: r.project.departmentName,
  grade: r.grade,
  budgetFen: r.budgetFen,
  consequence: r.decision?.consequence ?? r.suggestion?.consequence ?? null,
  amountFen: r.decision ? r.decision.amountFen : (r.suggestion?.amountFen ?? null),
  decided: r.decision !== null,
  overridden: r.decision?.overridden ?? false,
});

/**
 * The report of a year (绩效评价结果应用情况): the region's, or one department's. Projects of current
 * documents that are approved or published (those self-evaluated), in department and document order.
 */
export async function getResultsReport(db: Db, year: number, departmentId?: number, region: string | null = null): Promise<ResultsReport> {
  // Every sheet of the year: a cached aggregate, kept until the data changes (decisions included, 0013).
  return cachedAggregate(db, `results.report ${year} ${departmentId ?? ''} ${region ?? 'all'}`, () => computeResultsReport(db, year, departmentId, region));
}

/** The report of the installation, of one department, or (region) of a region's subtree's departments. */
async function computeResultsReport(db: Db, year: number, departmentId: number | undefined, region: string | null): Promise<ResultsReport> {
  const department = departmentId === undefined ? null : ((await findDepartment(db, departmentId)) ?? null);
  if (departmentId !== undefined && department === null) throw new MonitoringNotFoundError('该单位不存在');
  const filter = { year, currentOnly: true, statuses: MONITORED_STATUSES, ...(departmentId === undefined ? {} : { departmentId }), ...(region === null ? {} : { region }) };
  const projects = (await loadMonitoredProjects(db, filter)).filter((p) => p.departmentId !== null);
  const rows = (await sheetsOf(db, projects)).map(toRow);
  const byDepartment = groupBy(rows, (r) => r.project.departmentId!);
  const departments = [...byDepartment.values()]
    .map((list) => {
      const p = projects.find((x) => x.departmentId === list[0]!.project.departmentId)!;
      return { department: { id: p.departmentId!, code: p.departmentCode, name: p.departmentName ?? '' }, totals: summarizeResults(list.map(lineOf)) };
    })
    .sort((a, b) => a.department.name.localeCompare(b.department.name, 'zh-CN') || a.department.id - b.department.id);
  return { year, department, totals: summarizeResults(rows.map(lineOf)), departments, projects: rows };
}

// ---------------------------------------------------------------------------------------------
// Deciding

/**
 * Records the finance bureau's decision on a project, in one transaction, audited as
 * 'results.decide' with the decision, the suggestion it was taken on and the decision it replaces.
 * The same decision again on an unchanged suggestion writes nothing ('unchanged').
 */
export async function decideResults(
  db: Db,
  projectId: number,
  input: DecisionInput,
  opts: SaveOptions = {},
): Promise<{ status: SaveStatus; sheet: ResultsSheet }> {
  return inTransaction(db, async (trx) => {
    const project = await requireProject(trx, projectId);
    const sheet = (await sheetsOf(trx, [project], true))[0]!;
    if (!project.isCurrent) throw new ResultsStateError(`项目“${project.name}”属于已被新版本替换的文档，请在当前版本的项目上确定结果运用`);
    const unmonitored = unmonitoredReason(project, '确定结果运用');
    if (unmonitored !== null) throw new ResultsStateError(unmonitored);
    if (sheet.suggestion === null) throw new ResultsStateError(`项目“${sheet.project.name}”尚未填报绩效自评，无法确定结果运用`);
    if (!sheet.evaluationComplete) throw new ResultsStateError(`项目“${sheet.project.name}”的绩效自评尚未完成（有未填写或未说明的事项），完成后才能确定结果运用`);
    const config = resultsConfigFor(project);
    const checked = checkDecision(input, sheet.suggestion, sheet.budgetFen, config);
    if (!checked.ok) throw new ExecutionDataError(checked.issues);
    const c = checked.decision;
    const before = sheet.decision;
    if (
      before !== null &&
      !before.stale &&
      before.consequence === c.consequence &&
      before.percent === c.percent &&
      before.overridden === c.overridden &&
      before.reason === c.reason
    ) {
      return { status: 'unchanged', sheet };
    }
    const write = decisionWrite(project, sheet, c, config, toAuditActor(opts.actor ?? SYSTEM_ACTOR), (opts.now ?? new Date()).toISOString());
    await saveResultsDecision(trx, write.decision);
    await insertAuditEntry(trx, write.audit);
    return { status: before === null ? 'created' : 'replaced', sheet: await getProjectResults(trx, projectId, { canDecide: true }) };
  });
}

/**
 * What deciding writes: the decision with the suggestion and result it was taken on, and its audit
 * entry (with the decision it replaces). Pure: decideResults writes one, the demo loader many.
 */
export function decisionWrite(
  project: MonitoredProject,
  sheet: ResultsSheet,
  c: CheckedDecision,
  config: ResultsUseConfig,
  actor: AuditActor,
  at: string,
): { decision: StoredResultsDecision; audit: AuditEntry } {
  const suggestion = sheet.suggestion!;
  const before = sheet.decision;
  const chosen = { consequence: c.consequence, percent: c.percent, amountFen: c.amountFen, overridden: c.overridden, reason: c.reason };
  return {
    decision: {
      projectId: project.id,
      ...chosen,
      suggestedConsequence: suggestion.consequence,
      suggestedPercent: suggestion.percent,
      basisGrade: sheet.grade!,
      basisTotal: sheet.total!,
      configId: config.id,
      decidedAt: at,
      decidedBy: actor.displayName,
      decidedByUserId: actor.userId,
    },
    audit: {
      at,
      actor,
      action: 'results.decide',
      entity: 'project',
      entityId: project.id,
      detail: {
        ...chosen,
        suggestion: { consequence: suggestion.consequence, percent: suggestion.percent, amountFen: suggestion.amountFen },
        basis: { grade: sheet.grade, total: sheet.total },
        before: before === null ? null : { consequence: before.consequence, percent: before.percent, amountFen: before.amountFen, overridden: before.overridden, reason: before.reason },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Public

/**
 * A published project's results as the public pages show them, or null (not published by the region, not finished):
 * the result in force (the sheet's), and which one it is when a 目标调整 re-scored it (issue 71).
 */
function publicResultsOf(sheet: ResultsSheet, project: MonitoredProject, kept: StoredPublication | undefined): PublicProjectResults | null {
  if (!resultsConfigFor(project).publishResults || project.status !== 'published' || !project.isCurrent) return null;
  if (!sheet.evaluationComplete || sheet.grade === null || sheet.total === null) return null;
  const note = publicNoteOf(kept);
  return { projectId: project.id, grade: sheet.grade, total: sheet.total, consequence: sheet.decision?.consequence ?? null, ...(note === null ? {} : { note }) };
}

/** GET /api/public/projects/:id/results: null when there is nothing to show. */
export async function getPublicProjectResults(db: Db, projectId: number): Promise<PublicProjectResults | null> {
  const projects = await loadMonitoredProjects(db, { projectIds: [projectId], currentOnly: true, statuses: ['published'] });
  if (projects.length === 0) return null;
  return publicResultsOf((await sheetsOf(db, projects))[0]!, projects[0]!, (await listPublications(db, [projectId])).get(projectId));
}

/** GET /api/public/departments/:id/results: the department's published projects whose results are shown. */
export async function getPublicDepartmentResults(db: Db, departmentId: number, year: number): Promise<PublicDepartmentResults> {
  const projects = await loadMonitoredProjects(db, { departmentId, year, currentOnly: true, statuses: ['published'] });
  const sheets = await sheetsOf(db, projects);
  const kept = await listPublications(db, projects.map((p) => p.id));
  return {
    departmentId,
    year,
    projects: projects.flatMap((p, i) => {
      const r = publicResultsOf(sheets[i]!, p, kept.get(p.id));
      return r === null ? [] : [{ ...r, name: p.name, code: p.code }];
    }),
  };
}
