/**
 * Demo data for monitoring and self-evaluation: execution records (two rounds, end of June and end
 * of August) and a self-evaluation for every current project with a year and a budget, generated
 * deterministically from each project's code and name, so the same database always gets the same
 * demo. Projects get a profile — on track (about 55%), lagging (30%), far behind (15%) — that
 * drives spending, indicator values, likelihoods and grades, which gives a realistic spread of green,
 * yellow, red and blue lights, key-monitoring projects and grades 优 to 差. Most warnings come with
 * a cause and a measure; a few are left unexplained, as in real rounds.
 *
 * Everything goes through the same checks as user input (checkExecutionRecord, checkSelfEvaluation)
 * and the same save semantics (planExecutionWrite, planSelfEvaluationWrite: created, replaced or
 * unchanged, one audit entry per save with what changed), in one transaction; what is stored is
 * read up front in bulk and the writes go out in multi-row statements at the end (DemoWrites), a
 * few hundred statements for thousands of projects instead of some twenty per project.
 */
import type { LightCounts } from '../../../shared/api/monitoring';
import { shareOfYearElapsed, spendingLight } from '../../../shared/domain/monitoring';
import type { MonitoringConfig } from '../../../shared/domain/monitoring-config';
import type { EvaluationGrade } from '../../../shared/domain/self-evaluation-config';
import { insertAuditEntries, type AuditEntry, type AuditEntryText } from '../../db/document.repository';
import {
  deleteExecutionIndicatorsOf,
  insertExecutionIndicators,
  insertExecutionRecords,
  listExecutionRecords,
  listRecordDates,
  updateExecutionRecord,
  type StoredExecutionRecord,
} from '../../db/execution-record.repository';
import {
  deleteSelfEvaluationIndicatorsOf,
  insertSelfEvaluationIndicators,
  insertSelfEvaluations,
  listSelfEvaluations,
  updateSelfEvaluation,
  type SelfEvaluationValues,
  type StoredSelfEvaluation,
  type StoredSelfEvaluationIndicator,
} from '../../db/self-evaluation.repository';
import { listMonitoredProjectIds, loadMonitoredProjects, type MonitoredIndicator, type MonitoredProject } from '../../db/monitoring.repository';
import type { Db } from '../../db/schema';
import { MONITORED_STATUSES } from '../../../shared/domain/workflow';
import { monitoringConfigFor, selfEvaluationConfigFor } from '../monitoring/configs';
import { ExecutionDataError } from '../monitoring/errors';
import {
  checkExecutionRecord,
  planExecutionWrite,
  type ExecutionIndicatorDraft,
  type ExecutionWritePlan,
} from './execution-record.service';
import { isWarning, judgeIndicator, progressKind } from '../monitoring/indicator-progress';
import { buildMonitoringTable } from '../monitoring/monitoring.service';
import {
  checkSelfEvaluation,
  planSelfEvaluationWrite,
  type SelfEvaluationIndicatorDraft,
} from '../self-evaluation/self-evaluation.service';
import { inTransaction } from '../../db/transaction';

export interface DemoMonitoringOptions {
  /** Only projects of this year (default: every year that has current projects). */
  year?: number;
  /** Month-day of each round (default 06-30 and 08-31). */
  rounds?: readonly string[];
  /** Varies the demo; the same seed gives the same data (default 1). */
  seed?: number;
  /** Also write self-evaluations (default true). */
  selfEvaluations?: boolean;
  actor?: string;
  now?: Date;
}

export interface DemoMonitoringResult {
  projects: number;
  records: number;
  selfEvaluations: number;
  /** Lights of the last round. */
  spendingLights: LightCounts;
  indicatorLights: LightCounts;
  keyMonitoring: number;
  grades: Record<EvaluationGrade, number>;
}

type Profile = 'onTrack' | 'lagging' | 'farBehind';

const CAUSE_NOTES = ['上级资金尚未下达', '政策调整，实施方案重新报批', '疫情和天气影响施工进度'];
const MEASURES = [
  '加快项目实施进度，按月调度支出',
  '简化审批流程，及时拨付资金',
  '充实项目人员力量，明确专人负责',
  '加强与主管部门沟通，尽快落实配套条件',
  '调整实施计划，倒排工期确保年底完成',
];
const DEVIATIONS = ['受客观因素影响，部分工作推迟实施', '项目实施周期调整，资金未全部支付', '服务对象需求变化，实际数量低于预期'];
const IMPROVEMENTS = ['科学合理设置绩效目标，加强过程监控', '加快预算执行进度，完善项目管理制度', '加强绩效运行监控，及时纠偏'];

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** FNV-1a of a string: the seed of a project's generator. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and reproducible. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Rng {
  next: () => number;
  between: (min: number, max: number) => number;
  pick: <T>(list: readonly T[]) => T;
  chance: (p: number) => boolean;
}

export function rngFor(seed: number, key: string): Rng {
  const next = generator(hash(`${seed}|${key}`));
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    pick: (list) => list[Math.floor(next() * list.length)]!,
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------------------------------------
// Values

/** A value as people write it: whole for counts and integer targets, else two decimals. */
function decimal(value: number, target: MonitoredIndicator['target']): string {
  const whole = target.valueText !== null && !target.valueText.includes('.');
  const v = Math.max(0, value);
  return whole ? String(Math.round(v)) : String(Math.round(v * 100) / 100);
}

function capRate(value: number, target: MonitoredIndicator['target']): number {
  return target.unit === '%' ? Math.min(100, value) : value;
}

function profileOf(rng: Rng): Profile {
  const x = rng.next();
  return x < 0.55 ? 'onTrack' : x < 0.85 ? 'lagging' : 'farBehind';
}

/** Spending as a share of the plan to date, by profile. */
function spendingFactor(profile: Profile, rng: Rng): number {
  if (profile === 'onTrack') return rng.between(0.84, 1.12);
  if (profile === 'lagging') return rng.between(0.62, 0.82);
  return rng.between(0.3, 0.58);
}

/** A cause and measure for a warning, sometimes (one in eight) left out. */
function explanation(rng: Rng, config: MonitoringConfig): { cause: string | null; causeNote: string | null; measure: string | null } {
  if (rng.chance(0.125)) return { cause: null, causeNote: null, measure: null };
  const cause = rng.pick(config.causes);
  return {
    cause,
    causeNote: (config.causesNeedingNote as string[]).includes(cause) || rng.chance(0.3) ? rng.pick(CAUSE_NOTES) : null,
    measure: rng.pick(MEASURES),
  };
}

type Status = 'good' | 'lag' | 'bad';

/** How one indicator fares: mostly like its project, sometimes not. */
function statusOf(profile: Profile, rng: Rng): Status {
  const x = rng.next();
  const [good, lag] = profile === 'onTrack' ? [0.96, 0.99] : profile === 'lagging' ? [0.55, 0.9] : [0.25, 0.65];
  return x < good ? 'good' : x < lag ? 'lag' : 'bad';
}

function indicatorLine(
  ind: MonitoredIndicator,
  profile: Profile,
  share: number,
  rng: Rng,
  config: MonitoringConfig,
): ExecutionIndicatorDraft {
  const kind = progressKind(ind);
  const t = ind.target;
  const a = t.value ?? 0;
  const line: ExecutionIndicatorDraft = { indicatorId: ind.id };
  const status = statusOf(profile, rng);
  const likelihood = status === 'good' ? '确定能' : status === 'lag' ? '有可能' : '完全不可能';
  if (kind === 'cumulative') {
    // A few good counts are already well past the year's target (blue).
    const ahead = status === 'good' && rng.chance(0.15);
    const factor = ahead ? rng.between(1.25, 1.5) / Math.max(share, 0.01) : status === 'good' ? rng.between(0.85, 1.15) : status === 'lag' ? rng.between(0.62, 0.78) : rng.between(0.25, 0.55);
    line.valueToDate = decimal(a * share * factor, t);
    line.projected = decimal(a * Math.min(1.6, Math.max(0.4, status === 'good' ? Math.max(1, factor) : factor + 0.15)), t);
  } else if (kind === 'level') {
    const factor = status === 'good' ? rng.between(1, 1.06) : status === 'lag' ? rng.between(0.88, 0.99) : rng.between(0.5, 0.7);
    line.projected = decimal(capRate(a * factor, t), t);
    line.likelihood = likelihood;
  } else if (kind === 'ceiling') {
    const factor = status === 'good' ? rng.between(0.9, 1) : status === 'lag' ? rng.between(1.03, 1.2) : rng.between(1.7, 2.2);
    line.projected = decimal(a * factor, t);
  } else {
    line.likelihood = likelihood;
  }
  const judged = judgeIndicator(
    kind,
    t,
    { valueToDate: (line.valueToDate as string | undefined) ?? null, projected: (line.projected as string | undefined) ?? null, likelihood: line.likelihood ?? null },
    share,
    config,
  );
  if (isWarning(judged.light)) Object.assign(line, explanation(rng, config));
  return line;
}

// ---------------------------------------------------------------------------------------------
// The generator

/** A share of the run's plans, as plain data (it may cross between threads: generate plans in its worker). */
export interface DemoSlice {
  /** Rounds to write, in save order: a new one (beforeId null) or one replaced in place. */
  records: { beforeId: number | null; values: Extract<ExecutionWritePlan, { status: 'created' | 'replaced' }>['values']; audit: PlannedAudit }[];
  evaluations: { beforeId: number | null; values: SelfEvaluationValues; lines: StoredSelfEvaluationIndicator[]; audit: PlannedAudit }[];
  /** Which plan each audit entry belongs to, in save order. */
  audits: ('record' | 'evaluation')[];
  result: Omit<DemoMonitoringResult, 'projects'>;
}

/**
 * An audit entry planned before its row's id is known: its detail as JSON text around that id
 * (`head + id + tail` is JSON.stringify of the detail with the id under `key`, where the plan put
 * -1). Text, because the detail (what changed, each indicator's line) is the largest part of what
 * comes back from generate's worker, and strings cross between threads for almost nothing where
 * the objects cost more to copy than to stringify; the main thread no longer stringifies them.
 */
export type PlannedAudit = Omit<AuditEntry, 'detail'> & { detail: readonly [head: string, tail: string] };

/** An audit entry with the id -1 in its detail under `key`, as a PlannedAudit (the detail's keys in their order). */
export function plannedAudit(entry: AuditEntry, key: 'recordId' | 'evaluationId'): PlannedAudit {
  const keys = Object.keys(entry.detail);
  const at = keys.indexOf(key);
  const part = (from: number, to: number) => Object.fromEntries(keys.slice(from, to).map((k) => [k, entry.detail[k]]));
  // '{"a":…' and '…}' of the keys before and after the id; a key whose value JSON leaves out (undefined) is left out here too.
  const before = JSON.stringify(part(0, at === -1 ? keys.length : at)).slice(0, -1);
  const after = JSON.stringify(at === -1 ? {} : part(at + 1, keys.length)).slice(1);
  return { ...entry, detail: [`${before}${before === '{' ? '' : ','}${JSON.stringify(key)}:`, `${after === '}' ? '' : ','}${after}`] };
}

/** A planned audit entry with its row's id, as the text audit_log stores. */
export function auditWithId(planned: PlannedAudit, id: number): AuditEntryText {
  const { detail, ...entry } = planned;
  return { ...entry, detailText: `${detail[0]}${JSON.stringify(id)}${detail[1]}` };
}

/** What is stored already of a slice's projects (empty in a fresh database). */
export interface DemoStored {
  records: StoredExecutionRecord[];
  dates: [number, string[]][];
  evaluations: StoredSelfEvaluation[];
}

export interface DemoPlanOptions {
  seed: number;
  monthDays: readonly string[];
  save: { actor: string; now: Date };
  selfEvaluations: boolean;
}

type DemoProject = MonitoredProject & { year: number; budgetTotal: number };

/** What the demo data counts, all zero: per slice, and summed over the slices. */
function noCounts(): Omit<DemoMonitoringResult, 'projects'> {
  return {
    records: 0,
    selfEvaluations: 0,
    spendingLights: { green: 0, yellow: 0, red: 0, blue: 0, none: 0 },
    indicatorLights: { green: 0, yellow: 0, red: 0, blue: 0, none: 0 },
    keyMonitoring: 0,
    grades: { 优: 0, 良: 0, 中: 0, 差: 0 },
  };
}

/** Plans with the services' own checks and save semantics; the audit entries' ids are filled in when written. Pure. */
export function planDemoSlice(projects: readonly DemoProject[], stored: DemoStored, opts: DemoPlanOptions): DemoSlice {
  const storedRecords = new Map(stored.records.map((r) => [`${r.projectId}|${r.asOf}`, r]));
  const storedDates = new Map(stored.dates);
  const storedEvaluations = new Map(stored.evaluations.map((e) => [e.projectId, e]));
  const slice: DemoSlice = {
    records: [],
    evaluations: [],
    audits: [],
    result: noCounts(),
  };
  const result = slice.result;
  const save = opts.save;
  for (const project of projects) {
    const config = monitoringConfigFor(project);
    const key = `${project.code ?? ''}|${project.name}|${project.year}|${project.position}`;
    const rng = rngFor(opts.seed, key);
    const profile = profileOf(rng);
    let factor = spendingFactor(profile, rng);
    const asOfs = opts.monthDays.map((md) => `${project.year}-${md}`);
    let last: StoredExecutionRecord | undefined;
    for (const asOf of asOfs) {
      const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
      const date = { year: y, month: m, day: d };
      const plan = spendingLight(0, project.budgetTotal, project.spendingPlan, date, config);
      const planPercent = plan?.planPercent ?? (shareOfYearElapsed(date) ?? 0) * 100;
      // Whole yuan, as spending is booked.
      const spentFen = Math.min(project.budgetTotal, Math.round((project.budgetTotal * (planPercent / 100) * factor) / 100) * 100);
      const spending = spendingLight(spentFen, project.budgetTotal, project.spendingPlan, date, config);
      const explain = spending && isWarning(spending.light) ? explanation(rng, config) : { cause: null, causeNote: null, measure: null };
      const share = shareOfYearElapsed(date) ?? 0;
      const checked = checkExecutionRecord(project, {
        asOf,
        spentFen,
        spendingCause: explain.cause,
        spendingCauseNote: explain.causeNote,
        spendingMeasure: explain.measure,
        note: null,
        indicators: project.indicators.map((ind) => indicatorLine(ind, profile, share, rng, config)),
      }, config);
      if (!checked.ok) throw new ExecutionDataError(checked.issues);
      const written = planExecutionWrite(project, checked.record, storedRecords.get(`${project.id}|${asOf}`), save);
      if (written.status === 'unchanged') {
        last = written.record;
      } else {
        // The round as it will be stored (its id once written, -1 before).
        last = { id: written.before?.id ?? -1, ...written.values };
        slice.audits.push('record');
        slice.records.push({ beforeId: written.before?.id ?? null, values: written.values, audit: plannedAudit(written.audit(-1), 'recordId') });
      }
      result.records++;
      // Between rounds some catch up, some fall further behind.
      factor = Math.max(0.2, Math.min(1.15, factor + rng.between(-0.12, 0.15)));
    }
    const dates = [...new Set([...(storedDates.get(project.id) ?? []), ...asOfs])].sort();
    const table = buildMonitoringTable(project, last!, dates, config);
    result.spendingLights[table.spending.light ?? 'none']++;
    for (const i of table.indicators) result.indicatorLights[i.light ?? 'none']++;
    if (table.keyMonitoring) result.keyMonitoring++;

    if (opts.selfEvaluations) {
      const evaluationConfig = selfEvaluationConfigFor(project);
      const checked = checkSelfEvaluation(project, selfEvaluationOf(project, profile, rng), evaluationConfig);
      if (!checked.ok) throw new ExecutionDataError(checked.issues);
      const plan = planSelfEvaluationWrite(project, checked.evaluation, storedEvaluations.get(project.id), save, evaluationConfig);
      if (plan.status !== 'unchanged') {
        slice.audits.push('evaluation');
        slice.evaluations.push({ beforeId: plan.before?.id ?? null, values: plan.values, lines: plan.lines, audit: plannedAudit(plan.audit(-1), 'evaluationId') });
      }
      result.selfEvaluations++;
      result.grades[plan.result.grade]++;
    }
  }
  return slice;
}

/** Plans a slice elsewhere (generate: in its worker thread); by default here, at once. */
export type DemoSlicePlanner = (projects: DemoProject[], stored: DemoStored, opts: DemoPlanOptions) => Promise<DemoSlice>;

export interface DemoMonitoringRun {
  /** Projects planned and written at a time (default: all at once). */
  sliceProjects?: number;
  plan?: DemoSlicePlanner;
}

/**
 * Writes demo execution records and self-evaluations for the current projects in the database;
 * deterministic for a database and seed. Rounds already recorded are replaced.
 */
export async function generateDemoMonitoring(db: Db, opts: DemoMonitoringOptions = {}, run: DemoMonitoringRun = {}): Promise<DemoMonitoringResult> {
  const planOptions: DemoPlanOptions = {
    seed: opts.seed ?? 1,
    monthDays: opts.rounds ?? ['06-30', '08-31'],
    save: { actor: opts.actor ?? 'demo', now: opts.now ?? new Date() },
    selfEvaluations: opts.selfEvaluations !== false,
  };
  const scope = { currentOnly: true, statuses: MONITORED_STATUSES, ...(opts.year === undefined ? {} : { year: opts.year }) };
  const result: DemoMonitoringResult = { projects: 0, ...noCounts() };
  const plan: DemoSlicePlanner = run.plan ?? (async (p, stored, o) => planDemoSlice(p, stored, o));

  await inTransaction(db, async (trx) => {
    // The projects a slice at a time (their ids first, in loadMonitoredProjects' order): the
    // projects of 100,000 with their indicators held at once were most of generate's memory.
    const ids = await listMonitoredProjectIds(trx, scope);
    const size = Math.max(1, run.sliceProjects ?? ids.length);
    // A slice's projects and what is stored of them already: the rounds (to replace or leave
    // unchanged) and the self-evaluations.
    const load = async (sliceIds: number[]): Promise<{ projects: DemoProject[]; stored: DemoStored }> => {
      const projects = (await loadMonitoredProjects(trx, { ...scope, projectIds: sliceIds })).filter(
        (p): p is DemoProject => p.year !== null && p.budgetTotal !== null && p.budgetTotal > 0,
      );
      const scoped = projects.map((p) => p.id);
      const storedDates = await listRecordDates(trx, scoped);
      return {
        projects,
        stored: {
          records: await listExecutionRecords(trx, { projectIds: scoped }),
          dates: projects.flatMap((p): [number, string[]][] => (storedDates.has(p.id) ? [[p.id, storedDates.get(p.id)!]] : [])),
          evaluations: await listSelfEvaluations(trx, scoped),
        },
      };
    };
    // Slices are loaded and planned ahead (one being written, the next planning) and written in
    // order: each table's rows, and the audit entries, go in in the same order as all at once, so
    // the ids are the same.
    const planned: Promise<DemoSlice>[] = [];
    let next = 0;
    const planAhead = () => {
      while (planned.length < 2 && next < ids.length) {
        const slice = ids.slice(next, next + size);
        next += size;
        const p = load(slice).then(({ projects, stored }) => {
          result.projects += projects.length;
          return plan(projects, stored, planOptions);
        });
        p.catch(() => undefined); // awaited in order below
        planned.push(p);
      }
    };
    planAhead();
    while (planned.length > 0) {
      const slice = await planned.shift()!;
      planAhead();
      addResult(result, slice.result);
      await writeSlice(trx, slice);
    }
  });
  return result;
}

function addResult(into: DemoMonitoringResult, add: DemoSlice['result']): void {
  into.records += add.records;
  into.selfEvaluations += add.selfEvaluations;
  for (const k of Object.keys(add.spendingLights) as (keyof LightCounts)[]) into.spendingLights[k] += add.spendingLights[k];
  for (const k of Object.keys(add.indicatorLights) as (keyof LightCounts)[]) into.indicatorLights[k] += add.indicatorLights[k];
  into.keyMonitoring += add.keyMonitoring;
  for (const k of Object.keys(add.grades) as EvaluationGrade[]) into.grades[k] += add.grades[k];
}

/**
 * A slice's writes in multi-row statements: new rounds and self-evaluations get their ids in
 * save order, replaced ones are updated in place with their lines rewritten, and every save keeps
 * its audit entry (with what changed), in the same order — the database ends up as one save per
 * record would leave it.
 */
async function writeSlice(trx: Db, slice: DemoSlice): Promise<void> {
  const recordIds = await writeRecords(trx, slice.records);
  const evaluationIds = await writeEvaluations(trx, slice.evaluations);
  let r = 0;
  let e = 0;
  await insertAuditEntries(
    trx,
    slice.audits.map((kind) =>
      kind === 'record' ? auditWithId(slice.records[r]!.audit, recordIds[r++]!) : auditWithId(slice.evaluations[e]!.audit, evaluationIds[e++]!),
    ),
  );
}

function writeRecords(trx: Db, records: DemoSlice['records']): Promise<number[]> {
  return writeReplacing(trx, records, {
    insert: insertExecutionRecords,
    update: updateExecutionRecord,
    deleteLines: deleteExecutionIndicatorsOf,
    insertLines: (t, ids) => insertExecutionIndicators(t, records.flatMap((p, i) => p.values.indicators.map((line) => ({ recordId: ids[i]!, line })))),
  });
}

function writeEvaluations(trx: Db, evaluations: DemoSlice['evaluations']): Promise<number[]> {
  return writeReplacing(trx, evaluations, {
    insert: insertSelfEvaluations,
    update: updateSelfEvaluation,
    deleteLines: deleteSelfEvaluationIndicatorsOf,
    insertLines: (t, ids) => insertSelfEvaluationIndicators(t, evaluations.flatMap((p, i) => p.lines.map((line) => ({ evaluationId: ids[i]!, line })))),
  });
}

/**
 * Planned rows written: the new ones inserted together, the ones that replace a stored row
 * (beforeId) updated in place with their lines deleted, then every row's lines inserted
 * (insertLines, given the rows' ids in order). The rows' ids, in order.
 */
async function writeReplacing<V>(
  trx: Db,
  planned: readonly { beforeId: number | null; values: V }[],
  write: {
    insert: (trx: Db, values: V[]) => Promise<number[]>;
    update: (trx: Db, id: number, values: V) => Promise<void>;
    deleteLines: (trx: Db, ids: number[]) => Promise<void>;
    insertLines: (trx: Db, ids: number[]) => Promise<void>;
  },
): Promise<number[]> {
  const fresh = planned.filter((p) => p.beforeId === null);
  const freshIds = await write.insert(trx, fresh.map((p) => p.values));
  const idOf = new Map(fresh.map((p, i) => [p, freshIds[i]!]));
  const replaced = planned.filter((p) => p.beforeId !== null);
  for (const p of replaced) await write.update(trx, p.beforeId!, p.values);
  await write.deleteLines(trx, replaced.map((p) => p.beforeId!));
  const ids = planned.map((p) => p.beforeId ?? idOf.get(p)!);
  await write.insertLines(trx, ids);
  return ids;
}

function selfEvaluationOf(project: MonitoredProject & { budgetTotal: number }, profile: Profile, rng: Rng) {
  const adjusted = rng.chance(0.2) ? Math.round((project.budgetTotal * rng.between(0.9, 1.05)) / 100) * 100 : null;
  const budget = adjusted ?? project.budgetTotal;
  const rate = profile === 'onTrack' ? rng.between(0.88, 1) : profile === 'lagging' ? rng.between(0.8, 0.95) : rng.between(0.5, 0.8);
  const spentFen = Math.round((budget * rate) / 100) * 100;
  const indicators: SelfEvaluationIndicatorDraft[] = project.indicators.map((ind) => {
    const t = ind.target;
    const quantitative = t.kind === 'quantitative' && t.value !== null && t.operator !== null;
    const good = profile === 'onTrack' ? rng.chance(0.8) : profile === 'lagging' ? rng.chance(0.4) : rng.chance(0.1);
    let line: SelfEvaluationIndicatorDraft;
    let full = good;
    let farAbove = false;
    if (quantitative) {
      const a = t.value!;
      const upward = t.operator !== '≤' && t.operator !== '<';
      let value: number;
      if (upward) {
        farAbove = good && a > 0 && t.unit !== '%' && rng.chance(0.1);
        value = farAbove ? a * rng.between(1.35, 1.6) : good ? capRate(a * rng.between(1, 1.08), t) : a * (profile === 'farBehind' ? rng.between(0.35, 0.7) : rng.between(0.65, 0.92));
      } else {
        value = good ? a * rng.between(0.85, 1) : a * rng.between(1.05, profile === 'farBehind' ? 1.8 : 1.25);
      }
      const text = decimal(value, t);
      full = upward ? Number(text) >= a : Number(text) <= a;
      line = { indicatorId: ind.id, actual: { kind: 'value', value: text } };
    } else {
      const grade = good ? '达成' : profile === 'farBehind' && rng.chance(0.5) ? '未达成' : '部分达成';
      const band = grade === '达成' ? [85, 100] : grade === '部分达成' ? [55, 80] : [20, 50];
      const percent = grade === '达成' && rng.chance(0.6) ? 100 : Math.round(rng.between(band[0]!, band[1]!));
      full = percent === 100;
      line = { indicatorId: ind.id, actual: { kind: 'graded', grade, percent } };
    }
    if ((!full || farAbove) && rng.chance(0.9)) {
      line.deviationCause = farAbove ? '年初目标设定偏低，下年度将据实调整' : rng.pick(DEVIATIONS);
      if (!full) line.improvement = rng.pick(IMPROVEMENTS);
    }
    return line;
  });
  return {
    adjustedBudgetFen: adjusted,
    spentFen,
    executionExplanation: rate < 0.9 && rng.chance(0.85) ? '部分项目资金按合同进度结转下年支付' : null,
    goalAchievement: profile === 'onTrack' ? '全面完成年度绩效目标' : profile === 'lagging' ? '基本完成年度绩效目标，个别指标未达预期' : '部分年度绩效目标未完成，已制定整改措施',
    indicators,
  };
}
