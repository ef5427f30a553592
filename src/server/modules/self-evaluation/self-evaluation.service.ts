/**
 * Self-evaluation (绩效自评), lifecycle.md §3: per project, the adjusted budget and what was spent,
 * per indicator the actual value (or the evaluator's grade), optional weights, the deviation cause
 * and the improvement measure; scored with the pure scorer (shared/domain/self-evaluation.ts) and
 * the project's settings. The total and grade are stored on save for rankings; the table itself is
 * recomputed on read.
 *
 * Malformed input (inexact or negative money, an indicator that is not the project's, a number for
 * a qualitative target, a grade percentage outside its band, weights that do not add up) throws
 * ExecutionDataError with field paths and writes nothing. Missing actuals and unexplained
 * deviations are stored and reported (`requirements`, `issues`, `complete`).
 */
import { budgetAtYearEnd, targetsAtYearEnd } from '../monitoring/targets-in-force';
import type {
  DepartmentSelfEvaluationSummary,
  RegionSelfEvaluationRanking,
  SelfEvaluationResult,
} from '../../../shared/api/monitoring';
import { shownLevels } from '../../../shared/domain/model';
import { formatFigure, percentHundredths } from '../../../shared/domain/money';
import { roundHalfUp } from '../../../shared/domain/rounding';
import { allocateWeights, costActualOf, evaluateProject } from '../../../shared/domain/self-evaluation';
import type { IndicatorActual, IndicatorEvaluationInput } from '../../../shared/domain/self-evaluation';
import type { AchievementGrade, EvaluationGrade, SelfEvaluationConfig } from '../../../shared/domain/self-evaluation-config';
import { insertAuditEntry, toAuditActor, type AuditEntry } from '../../db/document.repository';
import {
  findDepartment,
  listMonitoredDepartments,
  loadMonitoredProjects,
  type MonitoredProject,
} from '../../db/monitoring.repository';
import {
  findSelfEvaluation,
  insertSelfEvaluation,
  listSelfEvaluations,
  replaceSelfEvaluationIndicators,
  updateSelfEvaluation,
  type SelfEvaluationValues,
  type StoredSelfEvaluation,
  type StoredSelfEvaluationIndicator,
} from '../../db/self-evaluation.repository';
import { groupBy } from '../../db/rows';
import { cachedAggregate } from '../cache/aggregate-cache';
import type { Db } from '../../db/schema';
import { MONITORED_STATUSES } from '../../../shared/domain/workflow';
import { selfEvaluationConfigFor, unmonitoredReason } from '../monitoring/configs';
import { eachIndicatorEntry, ExecutionDataError, IssueList, MonitoringNotFoundError, type DataIssue } from '../monitoring/errors';
import { inTransaction } from '../../db/transaction';
import { selfEvaluationSaved } from './publication-state';
import { listDepartmentYears, listRankedProjects, readFiguresVersions } from '../../db/monitoring-figures.repository';
import { refreshMonitoringFigures, refreshProjectFigures } from '../monitoring/figures.service';
import {
  checkFen,
  requireProject,
  SYSTEM_ACTOR,
  type SaveOptions,
  type SaveStatus,
} from '../execution-records/execution-record.service';
import { parseEnteredNumber, refusesNegative } from '../monitoring/indicator-progress';


/** One indicator's line as a caller gives it (SelfEvaluationIndicatorInput is one). */
export interface SelfEvaluationIndicatorDraft {
  indicatorId: number;
  weight?: number | null;
  actual?: { kind: 'value'; value: string | number } | { kind: 'graded'; grade: string; percent: number } | null;
  deviationCause?: string | null;
  improvement?: string | null;
}

/** A project's self-evaluation as a caller gives it (SelfEvaluationInput is one). */
export interface SelfEvaluationDraft {
  adjustedBudgetFen?: number | null;
  spentFen: number;
  executionExplanation?: string | null;
  goalAchievement?: string | null;
  indicators: readonly SelfEvaluationIndicatorDraft[];
}

export interface CheckedSelfEvaluation {
  adjustedBudgetFen: number | null;
  spentFen: number;
  executionExplanation: string | null;
  goalAchievement: string | null;
  /** Lines that say something, in the project's indicator order. */
  indicators: StoredSelfEvaluationIndicator[];
}

// ---------------------------------------------------------------------------------------------
// Checking

/** A number with at most two decimals inside [min, max], or an issue. */
function hundredthsNumber(issues: IssueList, path: string, value: unknown, label: string, min: number, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.add(path, `${label}应为数值`);
    return null;
  }
  if (Math.round(value * 100) / 100 !== value) {
    issues.add(path, `${label}${value}最多两位小数`);
    return null;
  }
  if (value < min || value > max) {
    issues.add(path, `${label}${value}应在 ${min}–${max} 之间`);
    return null;
  }
  return value;
}

const level1Of = (i: { level1: string | null; level1Raw: string }) => i.level1 ?? i.level1Raw;

/** Whether a target is scored by a value (quantitative with a number) rather than by a grade. */
function takesValue(target: MonitoredProject['indicators'][number]['target']): boolean {
  return target.kind === 'quantitative' && target.value !== null && target.operator !== null;
}

/**
 * Checks a self-evaluation against its project, as data: the values to store, or every problem
 * with its field path. Pure.
 */
export function checkSelfEvaluation(
  approved: MonitoredProject,
  input: SelfEvaluationDraft,
  config: SelfEvaluationConfig = selfEvaluationConfigFor(approved),
): { ok: true; evaluation: CheckedSelfEvaluation } | { ok: false; issues: DataIssue[] } {
  // Each indicator against its target in force at the year's end (目标调整).
  const project = targetsAtYearEnd(approved);
  const issues = new IssueList();
  const projectName = `项目“${project.name}”`;
  if (!project.isCurrent) issues.add('', `${projectName}属于已被新版本替换的文档，不能填报自评；请在当前版本的项目上填报`);
  else {
    const reason = unmonitoredReason(project, '填报自评');
    if (reason !== null) issues.add('', reason);
  }
  const spentFen = checkFen(issues, 'spentFen', input?.spentFen, '全年执行数', true);
  const adjustedBudgetFen = checkFen(issues, 'adjustedBudgetFen', input?.adjustedBudgetFen, '全年预算数', false);
  const executionExplanation = issues.text('executionExplanation', input?.executionExplanation, '执行率偏低的原因');
  const goalAchievement = issues.text('goalAchievement', input?.goalAchievement, '总体目标完成情况');

  const lines = new Map<number, StoredSelfEvaluationIndicator>();
  /** Input index of each line, for naming weights that do not add up. */
  const indexOf = new Map<number, number>();
  eachIndicatorEntry(issues, input?.indicators, project.indicators, projectName, '指标自评情况', (entry: SelfEvaluationIndicatorDraft, indicator, at, i) => {
    const id = indicator.id;
    const what = `指标“${indicator.name}”`;
    const line: StoredSelfEvaluationIndicator = {
      indicatorId: id,
      weight: hundredthsNumber(issues, at('weight'), entry.weight, '分值', 0, 100),
      actualKind: null,
      actualText: null,
      grade: null,
      percent: null,
      deviationCause: issues.text(at('deviationCause'), entry.deviationCause, '偏差原因分析'),
      improvement: issues.text(at('improvement'), entry.improvement, '改进措施'),
    };
    const actual: unknown = entry.actual;
    if (actual !== null && actual !== undefined) {
      const a = actual as { kind?: unknown; value?: unknown; grade?: unknown; percent?: unknown };
      if (a.kind === 'value') {
        const r = parseEnteredNumber(a.value, indicator.target.unit);
        if (!r.ok) issues.add(at('actual.value'), `${what}的实际完成值${r.message}`);
        else if (r.text !== null && !takesValue(indicator.target)) {
          issues.add(at('actual.value'), `${what}的指标值“${indicator.target.raw || '（空）'}”不是数值目标：请评定完成等级（${Object.keys(config.achievementBands).join('/')}）及得分比例`);
        } else if (r.text !== null && Number(r.text) < 0 && refusesNegative(indicator)) {
          issues.add(at('actual.value'), `${what}的实际完成值不能为负数`);
        } else if (r.text !== null) {
          line.actualKind = 'value';
          line.actualText = r.text;
        }
      } else if (a.kind === 'graded') {
        const grade = typeof a.grade === 'string' ? a.grade.trim() : '';
        const band = config.achievementBands[grade as AchievementGrade] as { min: number; max: number } | undefined;
        if (band === undefined) {
          issues.add(at('actual.grade'), `${what}的完成等级“${grade}”应为${Object.keys(config.achievementBands).join('、')}之一`);
        } else {
          const percent = hundredthsNumber(issues, at('actual.percent'), a.percent ?? null, '得分比例', 0, 100);
          if (a.percent === null || a.percent === undefined) issues.add(at('actual.percent'), `${what}须填写得分比例（${band.min}%–${band.max}%）`);
          else if (percent !== null && (percent < band.min || percent > band.max)) {
            issues.add(at('actual.percent'), `${what}“${grade}”的得分比例应在${band.min}%–${band.max}%之间，填写的是${percent}%`);
          } else if (percent !== null) {
            line.actualKind = 'graded';
            line.grade = grade;
            line.percent = percent;
          }
        }
      } else {
        issues.add(at('actual.kind'), `${what}的实际完成值类型应为 value（数值）或 graded（等级）`);
      }
    }
    indexOf.set(id, i);
    const filled = line.weight !== null || line.actualKind !== null || line.deviationCause !== null || line.improvement !== null;
    if (filled) lines.set(id, line);
  });

  // Set weights must add up level by level (the scorer reports it as data; here it refuses).
  const ordered = project.indicators.map((ind) => ({ ind, line: lines.get(ind.id) }));
  const allocation = allocateWeights(
    ordered.map(({ ind, line }) => ({ indicator: ind, weight: line?.weight ?? null })),
    config,
  );
  for (const issue of allocation.issues.filter((x) => x.code === 'weights.sum')) {
    const first = ordered.find(({ ind, line }) => line?.weight != null && issue.message.includes(`“${level1Of(ind)}”`));
    const index = first ? indexOf.get(first.ind.id) : undefined;
    issues.add(index === undefined ? 'indicators' : `indicators.${index}.weight`, issue.message);
  }

  if (!issues.empty || spentFen === null) return { ok: false, issues: issues.issues };
  return {
    ok: true,
    evaluation: {
      adjustedBudgetFen,
      spentFen,
      executionExplanation,
      goalAchievement,
      indicators: project.indicators.flatMap((i) => lines.get(i.id) ?? []),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Scoring

const INCOMPLETE_CODES = new Set(['actual.missing', 'actual.needs-grade', 'grade.out-of-band', 'budget.missing']);

function actualOf(line: StoredSelfEvaluationIndicator | undefined): IndicatorActual | null {
  if (line?.actualKind === 'value' && line.actualText !== null) return { kind: 'value', value: Number(line.actualText) };
  if (line?.actualKind === 'graded' && line.grade !== null && line.percent !== null) {
    return { kind: 'graded', grade: line.grade as AchievementGrade, percent: line.percent };
  }
  return null;
}

/**
 * The self-evaluation table of a project from its stored (or checked) values. Pure.
 * @example buildSelfEvaluationResult(project, workedExample1).total // 91.86, grade '优'
 */
export function buildSelfEvaluationResult(
  approved: MonitoredProject,
  evaluation: CheckedSelfEvaluation & { updatedAt?: string | null; updatedBy?: string | null },
  config: SelfEvaluationConfig = selfEvaluationConfigFor(approved),
): SelfEvaluationResult {
  // Each indicator against its target in force at the year's end (目标调整).
  const project = targetsAtYearEnd(approved);
  const lines = new Map(evaluation.indicators.map((l) => [l.indicatorId, l]));
  // 全年预算数: the evaluation's own, else the budget in force at the year's end (an approved 目标调整's, issue 58)
  const budgetInForce = budgetAtYearEnd(approved);
  const adjusted = evaluation.adjustedBudgetFen ?? budgetInForce;
  const inputs: IndicatorEvaluationInput[] = project.indicators.map((ind) => {
    const line = lines.get(ind.id);
    return {
      indicator: ind,
      weight: line?.weight ?? null,
      actual: actualOf(line),
      deviationCause: line?.deviationCause ?? null,
      improvement: line?.improvement ?? null,
    };
  });
  const r = evaluateProject(
    { adjustedBudgetFen: adjusted, spentFen: evaluation.spentFen, executionExplanation: evaluation.executionExplanation, indicators: inputs },
    config,
  );
  const idAt = (index: number | null) => (index === null ? null : (project.indicators[index]?.id ?? null));
  const requirements = r.requirements.map((q) => ({ code: q.code, message: q.message, indicatorId: idAt(q.indicator), met: q.met }));
  const issues = r.issues.map((i) => ({ code: i.code, message: i.message, indicatorId: idAt(i.indicator) }));
  return {
    project: {
      id: project.id,
      code: project.code,
      name: project.name,
      departmentId: project.departmentId,
      departmentName: project.departmentName,
      year: project.year,
      status: project.status,
      budgetTotalFen: budgetInForce,
    },
    configId: config.id,
    funds: {
      initialBudgetFen: project.budgetTotal,
      adjustedBudgetFen: adjusted,
      adjustedBudgetGiven: evaluation.adjustedBudgetFen !== null,
      spentFen: evaluation.spentFen,
      ratePercent: r.execution.ratePercent,
      weight: r.execution.weight,
      score: r.execution.score,
    },
    executionExplanation: evaluation.executionExplanation,
    goals: project.goals,
    goalAchievement: evaluation.goalAchievement,
    indicators: project.indicators.map((ind, index) => {
      const line = lines.get(ind.id);
      const scored = r.indicators[index]!;
      const actual = inputs[index]!.actual;
      // a cost cap is scored against at least what was spent, and says so (issue 58)
      const spentActual = costActualOf(ind, evaluation.spentFen, actual);
      return {
        indicatorId: ind.id,
        position: ind.position,
        ...shownLevels(ind),
        name: ind.name,
        target: ind.target.raw,
        graded: !takesValue(ind.target),
        weight: scored.weight,
        weightGiven: line?.weight != null,
        actual:
          actual === null
            ? null
            : actual.kind === 'value'
              ? { kind: 'value' as const, value: line!.actualText! }
              : { kind: 'graded' as const, grade: actual.grade, percent: actual.percent },
        actualText:
          spentActual !== null && spentActual.kind === 'value'
            ? `${formatFigure(spentActual.value, ind.target.unit)}（按全年执行数）`
            : actual === null
              ? null
              : actual.kind === 'value'
                ? `${line!.actualText}${ind.target.unit ?? ''}`
                : `${actual.grade}（${actual.percent}%）`,
        score: scored.score,
        method: scored.method,
        achievedPercent: scored.achievedPercent,
        deviationCause: line?.deviationCause ?? null,
        improvement: line?.improvement ?? null,
      };
    }),
    categories: r.categories,
    total: r.total,
    grade: r.grade,
    requirements,
    issues,
    complete: requirements.every((q) => q.met) && issues.every((i) => !INCOMPLETE_CODES.has(i.code)),
    updatedAt: evaluation.updatedAt ?? null,
    updatedBy: evaluation.updatedBy ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Storing and reading

/**
 * Checks, scores and stores a project's self-evaluation in one transaction (replacing the previous
 * one), audited as 'self-evaluation.save' with what changed; the same values again write nothing.
 * Throws ExecutionDataError (nothing written) or MonitoringNotFoundError.
 */
export async function saveSelfEvaluation(
  db: Db,
  projectId: number,
  input: SelfEvaluationDraft,
  opts: SaveOptions = {},
): Promise<{ status: SaveStatus; result: SelfEvaluationResult }> {
  return inTransaction(db, async (trx) => {
    const project = await requireProject(trx, projectId);
    const config = selfEvaluationConfigFor(project);
    const checked = checkSelfEvaluation(project, input, config);
    if (!checked.ok) throw new ExecutionDataError(checked.issues);
    const plan = planSelfEvaluationWrite(project, checked.evaluation, await findSelfEvaluation(trx, project.id), opts, config);
    // a save confirms a re-score waiting after a 目标调整 (issue 71), even one that changes nothing
    await selfEvaluationSaved(trx, project, plan.result, toAuditActor(opts.actor ?? SYSTEM_ACTOR), (opts.now ?? new Date()).toISOString());
    if (plan.status === 'unchanged') return plan;
    let id: number;
    if (plan.before === undefined) id = await insertSelfEvaluation(trx, plan.values);
    else {
      id = plan.before.id;
      await updateSelfEvaluation(trx, id, plan.values);
    }
    await replaceSelfEvaluationIndicators(trx, id, plan.lines);
    await insertAuditEntry(trx, plan.audit(id));
    await refreshProjectFigures(trx, [project.id]);
    return { status: plan.status, result: plan.result };
  });
}

/**
 * What saving a checked self-evaluation over `before` (the project's stored one, if any) writes:
 * nothing when the content is the same; else the scored values, the lines and the audit entry,
 * given the evaluation's id. Pure: saveSelfEvaluation writes one such plan, the demo generator many
 * at once.
 */
export type SelfEvaluationWritePlan =
  | { status: 'unchanged'; result: SelfEvaluationResult }
  | {
      status: 'created' | 'replaced';
      before: StoredSelfEvaluation | undefined;
      values: SelfEvaluationValues;
      lines: StoredSelfEvaluationIndicator[];
      result: SelfEvaluationResult;
      audit: (evaluationId: number) => AuditEntry;
    };

export function planSelfEvaluationWrite(
  project: MonitoredProject,
  evaluation: CheckedSelfEvaluation,
  before: StoredSelfEvaluation | undefined,
  opts: SaveOptions = {},
  config: SelfEvaluationConfig = selfEvaluationConfigFor(project),
): SelfEvaluationWritePlan {
  const actor = toAuditActor(opts.actor ?? SYSTEM_ACTOR);
  const at = (opts.now ?? new Date()).toISOString();
  const after = content(evaluation);
  if (before !== undefined && JSON.stringify(content(before)) === JSON.stringify(after)) {
    return { status: 'unchanged', result: buildSelfEvaluationResult(project, before, config) };
  }
  const result = buildSelfEvaluationResult(project, { ...evaluation, updatedAt: at, updatedBy: actor.displayName }, config);
  return {
    status: before === undefined ? 'created' : 'replaced',
    before,
    values: {
      projectId: project.id,
      adjustedBudgetFen: evaluation.adjustedBudgetFen,
      spentFen: evaluation.spentFen,
      executionExplanation: evaluation.executionExplanation,
      goalAchievement: evaluation.goalAchievement,
      configId: config.id,
      total: result.total,
      grade: result.grade,
      complete: result.complete,
      updatedAt: at,
      updatedBy: actor.displayName,
    },
    lines: evaluation.indicators,
    result,
    audit: (evaluationId) => ({
      at,
      actor,
      action: 'self-evaluation.save',
      entity: 'project',
      entityId: project.id,
      detail: {
        evaluationId,
        total: result.total,
        grade: result.grade,
        ...(before === undefined ? { before: null, after } : diff(content(before), after)),
      },
    }),
  };
}

/**
 * A project's self-evaluation table, computed with the current settings; a blank one (nothing
 * spent, no actuals, `updatedAt` null) when none was saved. MonitoringNotFoundError for no project.
 */
export async function getSelfEvaluation(db: Db, projectId: number): Promise<SelfEvaluationResult> {
  const project = await requireProject(db, projectId);
  const stored = await findSelfEvaluation(db, project.id);
  return buildSelfEvaluationResult(project, stored ?? blank());
}

function blank(): CheckedSelfEvaluation {
  return { adjustedBudgetFen: null, spentFen: 0, executionExplanation: null, goalAchievement: null, indicators: [] };
}

/** The self-evaluation tables of a department's projects for a year (blank ones for projects without). */
export async function getDepartmentSelfEvaluations(db: Db, departmentId: number, year: number): Promise<SelfEvaluationResult[]> {
  const projects = await loadMonitoredProjects(db, { departmentId, year, currentOnly: true, statuses: MONITORED_STATUSES });
  const stored = new Map((await listSelfEvaluations(db, projects.map((p) => p.id))).map((e) => [e.projectId, e]));
  return projects.map((p) => buildSelfEvaluationResult(p, stored.get(p.id) ?? blank()));
}

type Content = Record<string, unknown>;

function content(e: CheckedSelfEvaluation | StoredSelfEvaluation): Content {
  return {
    adjustedBudgetFen: e.adjustedBudgetFen,
    spentFen: e.spentFen,
    executionExplanation: e.executionExplanation,
    goalAchievement: e.goalAchievement,
    indicators: Object.fromEntries(e.indicators.map(({ indicatorId, ...line }) => [String(indicatorId), line])),
  };
}

function diff(before: Content, after: Content): { before: Content; after: Content } {
  const b: Content = {};
  const a: Content = {};
  for (const key of Object.keys(after)) {
    if (key === 'indicators') continue;
    if (before[key] !== after[key]) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  const bi = before.indicators as Record<string, unknown>;
  const ai = after.indicators as Record<string, unknown>;
  const changedB: Content = {};
  const changedA: Content = {};
  for (const id of new Set([...Object.keys(bi), ...Object.keys(ai)])) {
    if (JSON.stringify(bi[id] ?? null) !== JSON.stringify(ai[id] ?? null)) {
      changedB[id] = bi[id] ?? null;
      changedA[id] = ai[id] ?? null;
    }
  }
  if (Object.keys(changedB).length > 0) {
    b.indicators = changedB;
    a.indicators = changedA;
  }
  return { before: b, after: a };
}

// ---------------------------------------------------------------------------------------------
// Summaries and rankings

const GRADES: EvaluationGrade[] = ['优', '良', '中', '差'];

function gradeCounts(evaluations: readonly StoredSelfEvaluation[]): Record<EvaluationGrade, number> {
  const counts = { 优: 0, 良: 0, 中: 0, 差: 0 };
  for (const e of evaluations) if (GRADES.includes(e.grade as EvaluationGrade)) counts[e.grade as EvaluationGrade]++;
  return counts;
}

/** Mean of stored totals, summed in hundredths and rounded half up to two decimals. */
function average(evaluations: readonly StoredSelfEvaluation[]): number | null {
  if (evaluations.length === 0) return null;
  return averageOfHundredths(evaluations.reduce((s, e) => s + Math.round(e.total * 100), 0), evaluations.length);
}

/** A sum of totals in hundredths over `count` as a mean rounded half up to two decimals. */
function averageOfHundredths(sum: number, count: number): number {
  return roundHalfUp(sum / count / 100);
}

/** Competition ranks (1, 2, 2, 4) of values sorted best first. */
function ranks(values: readonly number[]): number[] {
  return values.map((v, i) => (i > 0 && values[i - 1] === v ? -1 : i + 1)).reduce<number[]>((out, r, i) => {
    out.push(r === -1 ? out[i - 1]! : r);
    return out;
  }, []);
}

/**
 * A department's self-evaluations of a year: counts, average total, grades, and each project's
 * stored total and grade (as of its last save).
 */
export async function getDepartmentSelfEvaluationSummary(db: Db, departmentId: number, year: number): Promise<DepartmentSelfEvaluationSummary> {
  const department = await findDepartment(db, departmentId);
  if (department === undefined) throw new MonitoringNotFoundError('该单位不存在');
  const projects = await loadMonitoredProjects(db, { departmentId, year, currentOnly: true, statuses: MONITORED_STATUSES });
  const evaluations = await listSelfEvaluations(db, projects.map((p) => p.id));
  const byProject = new Map(evaluations.map((e) => [e.projectId, e]));
  return {
    department,
    year,
    projectCount: projects.length,
    evaluatedCount: evaluations.length,
    completeCount: evaluations.filter((e) => e.complete).length,
    averageTotal: average(evaluations),
    gradeCounts: gradeCounts(evaluations),
    projects: projects.map((p) => {
      const e = byProject.get(p.id);
      const inForce = budgetAtYearEnd(p);
      const budget = e?.adjustedBudgetFen ?? inForce;
      const rate = e === undefined ? null : percentHundredths(e.spentFen, budget);
      return {
        projectId: p.id,
        code: p.code,
        name: p.name,
        budgetFen: inForce,
        evaluated: e !== undefined,
        total: e?.total ?? null,
        grade: (e?.grade as EvaluationGrade | undefined) ?? null,
        complete: e?.complete ?? false,
        executionRatePercent: rate === null ? null : rate / 100,
      };
    }),
  };
}

/**
 * The region's ranking of a year: departments by average total, projects by total, best first.
 * Read from the figures kept current on each write (monitoring/figures.service.ts): the
 * departments' sums and the year's evaluated projects through an index.
 * recomputeRegionSelfEvaluationRanking gives the same from every project, for the tests.
 */
export async function getRegionSelfEvaluationRanking(db: Db, year: number, region: string | null = null): Promise<RegionSelfEvaluationRanking> {
  await refreshMonitoringFigures(db);
  // Cached until the data or the figures change (an indicator rewritten changes no versioned table).
  const { figures } = await readFiguresVersions(db);
  return cachedAggregate(db, `self-evaluation.ranking ${year} ${figures} ${region ?? 'all'}`, () => rankingFromFigures(db, year, region));
}

/** The ranking of the installation, or (region) of a region's subtree: its departments and their projects, ranked among themselves. */
async function rankingFromFigures(db: Db, year: number, region: string | null): Promise<RegionSelfEvaluationRanking> {
  const departments = (await listDepartmentYears(db, year, region)).map((d) => ({
    department: d.department,
    projectCount: d.projectCount,
    evaluatedCount: d.evaluatedCount,
    averageTotal: d.evaluatedCount === 0 ? null : averageOfHundredths(d.evaluationTotalSum, d.evaluatedCount),
    gradeCounts: JSON.parse(d.gradeCounts) as Record<EvaluationGrade, number>,
  }));
  return { ...ranked(year, departments, []), projects: await rankedProjects(db, year, region) };
}

/**
 * The ranked projects of a year (75,000 in a province: reading them all takes longer than
 * anything else in the ranking), kept in memory per database handle until one of them changes:
 * the figures raise their ranking version then (an execution record saved does not). Inside a
 * transaction nothing is kept.
 */
const rankedMemo = new WeakMap<Db, Map<number, { version: number; projects: Promise<RegionSelfEvaluationRanking['projects']> }>>();

async function rankedProjects(db: Db, year: number, region: string | null): Promise<RegionSelfEvaluationRanking['projects']> {
  const read = async () => {
    const rows = (await listRankedProjects(db, year, region)).map((p) => ({
      projectId: p.projectId,
      code: p.code,
      name: p.name,
      departmentId: p.departmentId,
      departmentName: p.departmentName,
      total: p.totalHundredths / 100,
      grade: p.grade as EvaluationGrade,
    }));
    return ranked(year, [], rows).projects;
  };
  if (db.isTransaction || region !== null) return read();
  const version = (await readFiguresVersions(db)).ranking;
  let memo = rankedMemo.get(db);
  if (memo === undefined) rankedMemo.set(db, (memo = new Map()));
  const hit = memo.get(year);
  if (hit !== undefined && hit.version === version) return hit.projects;
  const projects = read();
  memo.set(year, { version, projects });
  projects.catch(() => memo.get(year)?.projects === projects && memo.delete(year));
  return projects;
}

type RankingDepartment = Omit<RegionSelfEvaluationRanking['departments'][number], 'rank'>;
type RankingProject = Omit<RegionSelfEvaluationRanking['projects'][number], 'rank'>;

/** Ranks given departments (in name order) and projects (best total first, then by id). */
function ranked(year: number, departmentRows: RankingDepartment[], projectRows: RankingProject[]): RegionSelfEvaluationRanking {
  const scored = departmentRows.filter((d) => d.averageTotal !== null).sort((a, b) => b.averageTotal! - a.averageTotal! || a.department.name.localeCompare(b.department.name));
  const departmentRanks = ranks(scored.map((d) => d.averageTotal!));
  const unscored = departmentRows.filter((d) => d.averageTotal === null);
  const projectRanks = ranks(projectRows.map((r) => r.total));
  return {
    year,
    departments: [...scored.map((d, i) => ({ rank: departmentRanks[i]!, ...d })), ...unscored.map((d) => ({ rank: null, ...d }))],
    projects: projectRows.map((p, i) => ({ rank: projectRanks[i]!, ...p })),
  };
}

/**
 * The region's ranking computed from every monitored project of the year, as it was before the
 * figures were kept: the reference the figures are tested against (and the benchmark's baseline).
 */
export async function recomputeRegionSelfEvaluationRanking(db: Db, year: number): Promise<RegionSelfEvaluationRanking> {
  const departments = await listMonitoredDepartments(db, year, MONITORED_STATUSES);
  const projects = (await loadMonitoredProjects(db, { year, currentOnly: true, statuses: MONITORED_STATUSES })).filter((p) => p.departmentId !== null);
  const evaluations = await listSelfEvaluations(db, projects.map((p) => p.id));
  const projectOf = new Map(projects.map((p) => [p.id, p]));

  // By department in one pass each (a province: 4,000 departments, 75,000 projects).
  const projectCounts = new Map<number, number>();
  for (const p of projects) projectCounts.set(p.departmentId!, (projectCounts.get(p.departmentId!) ?? 0) + 1);
  const evaluationsOf = groupBy(evaluations, (e) => projectOf.get(e.projectId)!.departmentId!);
  const departmentRows = departments.map((department) => {
    const evaluated = evaluationsOf.get(department.id) ?? [];
    return { department, projectCount: projectCounts.get(department.id) ?? 0, evaluatedCount: evaluated.length, averageTotal: average(evaluated), gradeCounts: gradeCounts(evaluated) };
  });
  const projectRows = evaluations
    .map((e) => ({ e, p: projectOf.get(e.projectId)! }))
    .sort((a, b) => b.e.total - a.e.total || a.p.id - b.p.id)
    .map(({ e, p }) => ({
      projectId: p.id,
      code: p.code,
      name: p.name,
      departmentId: p.departmentId,
      departmentName: p.departmentName,
      total: e.total,
      grade: e.grade as EvaluationGrade,
    }));
  return ranked(year, departmentRows, projectRows);
}
