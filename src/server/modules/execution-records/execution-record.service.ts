/**
 * Execution records (执行记录): what one project spent by an as-of date, and per indicator the value
 * to date, the projected full-year value, the likelihood, the cause of a deviation and the measure.
 *
 * Storing a round is all or nothing: the input is checked whole against the project (every problem
 * named by its field path, e.g. "indicators.2.valueToDate"), then written in one transaction that
 * replaces the round when the project already has one for that date, with an audit entry holding
 * what changed (before and after). Malformed input — negative or inexact money, a value for an
 * indicator that is not the project's, a date outside the project's year or one that does not
 * exist, a cause or likelihood outside the lists — throws ExecutionDataError and writes nothing.
 * What is merely incomplete (a red light without a cause yet) is stored; the monitoring table
 * reports it.
 */
import { targetsInForce } from '../monitoring/targets-in-force';
import { isValidDate, type ExecutionRecordContent } from '../../../shared/domain/monitoring';
import { MAX_FEN } from '../../../shared/domain/money';
import type { MonitoringConfig } from '../../../shared/domain/monitoring-config';
import { insertAuditEntry, toAuditActor, type ActorInput, type AuditEntry } from '../../db/document.repository';
import {
  deleteExecutionRecord,
  findExecutionRecord,
  insertExecutionRecord,
  listExecutionRecords,
  replaceExecutionIndicators,
  updateExecutionRecord,
  type ExecutionRecordValues,
  type StoredExecutionIndicator,
  type StoredExecutionRecord,
} from '../../db/execution-record.repository';
import { loadMonitoredProject, type MonitoredProject } from '../../db/monitoring.repository';
import type { Db } from '../../db/schema';
import { monitoringConfigFor, unmonitoredReason } from '../monitoring/configs';
import { eachIndicatorEntry, ExecutionDataError, IssueList, MonitoringNotFoundError, type DataIssue } from '../monitoring/errors';
import { parseEnteredNumber, progressKind, refusesNegative } from '../monitoring/indicator-progress';
import { inTransaction } from '../../db/transaction';
import { refreshProjectFigures } from '../monitoring/figures.service';

/** The actor written to the audit log when the caller names none. */
export const SYSTEM_ACTOR = 'system';

/** Longest free text accepted in a field. */

/**
 * One indicator line as a caller gives it. Looser than the API schema (ExecutionIndicatorInput in
 * src/shared/api/monitoring.ts), because workbook rows arrive here unchecked: every value is checked.
 */
export interface ExecutionIndicatorDraft {
  indicatorId: number;
  valueToDate?: string | number | null;
  projected?: string | number | null;
  likelihood?: string | null;
  cause?: string | null;
  causeNote?: string | null;
  measure?: string | null;
}

/** One round of one project as a caller gives it (ExecutionRecordInput is one). */
export interface ExecutionRecordDraft {
  asOf: string;
  spentFen: number;
  spendingCause?: string | null;
  spendingCauseNote?: string | null;
  spendingMeasure?: string | null;
  note?: string | null;
  indicators: readonly ExecutionIndicatorDraft[];
}

/** A round that passed every check: the values to store (its indicators: the filled lines only). */
export type CheckedExecutionRecord = ExecutionRecordContent;

export interface SaveOptions {
  /** Who saves (an account, or a process's name), for the record and the audit log; defaults to SYSTEM_ACTOR. */
  actor?: ActorInput;
  /** The time written; defaults to now. */
  now?: Date;
  /** The finance bureau saves the department's record (marked on the record and in the audit entry). */
  onBehalf?: boolean;
}

export type SaveStatus = 'created' | 'replaced' | 'unchanged';

export interface SaveExecutionResult {
  status: SaveStatus;
  record: StoredExecutionRecord;
}

// ---------------------------------------------------------------------------------------------
// Checking

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into a calendar date, or null when it is not one. */
export function parseAsOf(asOf: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(asOf);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDate(d) ? d : null;
}

function checkChoice(issues: IssueList, path: string, value: unknown, label: string, choices: readonly string[]): string | null {
  const t = issues.text(path, value, label);
  if (t !== null && !choices.includes(t)) {
    issues.add(path, `${label}“${t.length > 20 ? `${t.slice(0, 20)}…` : t}”不在可选范围内（${choices.join('、')}）`);
    return null;
  }
  return t;
}

/** Money in fen: an integer from 0 to MAX_FEN (1000亿元). */
export function checkFen(issues: IssueList, path: string, value: unknown, label: string, required: boolean): number | null {
  if (value === null || value === undefined) {
    if (required) issues.add(path, `${label}为空`);
    return null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.add(path, `${label}应为金额（整数分）`);
    return null;
  }
  if (!Number.isInteger(value)) {
    issues.add(path, `${label}须精确到分：${value} 分不是整数`);
    return null;
  }
  if (!Number.isSafeInteger(value)) {
    issues.add(path, `${label}超出范围`);
    return null;
  }
  if (value < 0) {
    issues.add(path, `${label}不能为负数`);
    return null;
  }
  if (value > MAX_FEN) {
    issues.add(path, `${label}超过上限（1000亿元）`);
    return null;
  }
  return value;
}

/**
 * Checks a round against its project, as data: the values to store, or every problem with its
 * field path. Pure: the project (with its indicator ids) is already loaded.
 */
export function checkExecutionRecord(
  project: MonitoredProject,
  input: ExecutionRecordDraft,
  config: MonitoringConfig = monitoringConfigFor(project),
): { ok: true; record: CheckedExecutionRecord } | { ok: false; issues: DataIssue[] } {
  const issues = new IssueList();
  const projectName = `项目“${project.name}”`;
  if (!project.isCurrent) {
    issues.add('', `${projectName}属于已被新版本替换的文档，不能登记执行情况；请在当前版本的项目上填报`);
  } else {
    const reason = unmonitoredReason(project, '登记执行情况');
    if (reason !== null) issues.add('', reason);
  }

  let asOf = '';
  const rawAsOf: unknown = input?.asOf;
  if (typeof rawAsOf !== 'string' || rawAsOf.trim() === '') {
    issues.add('asOf', '截至日期为空');
  } else if (!ISO_DATE.test(rawAsOf.trim())) {
    issues.add('asOf', `截至日期“${rawAsOf.trim().slice(0, 20)}”格式应为 YYYY-MM-DD`);
  } else {
    asOf = rawAsOf.trim();
    const date = parseAsOf(asOf);
    if (date === null) issues.add('asOf', `截至日期 ${asOf} 不存在`);
    else if (project.year === null) issues.add('asOf', `${projectName}没有预算年度，无法登记执行情况`);
    else if (date.year !== project.year) issues.add('asOf', `截至日期 ${asOf} 不在项目的预算年度（${project.year}年）内`);
  }

  const spentFen = checkFen(issues, 'spentFen', input?.spentFen, '累计支出', true);
  const spendingCause = checkChoice(issues, 'spendingCause', input?.spendingCause, '偏差原因', config.causes);
  const spendingCauseNote = issues.text('spendingCauseNote', input?.spendingCauseNote, '原因说明');
  const spendingMeasure = issues.text('spendingMeasure', input?.spendingMeasure, '纠偏措施');
  const note = issues.text('note', input?.note, '备注');

  // The indicators in force on the round's date (目标调整): an adjusted target, a removed row left out.
  const indicatorsInForce = asOf === '' || parseAsOf(asOf) === null ? project.indicators : targetsInForce(project, asOf).indicators;
  const lines = new Map<number, StoredExecutionIndicator>();
  eachIndicatorEntry(issues, input?.indicators, indicatorsInForce, projectName, '指标执行情况', (entry: ExecutionIndicatorDraft, indicator, at) => {
    const id = indicator.id;
    const kind = progressKind(indicator);
    const what = `指标“${indicator.name}”`;
    const number = (field: 'valueToDate' | 'projected', label: string): string | null => {
      const r = parseEnteredNumber(entry[field], indicator.target.unit);
      if (!r.ok) {
        issues.add(at(field), `${what}的${label}${r.message}`);
        return null;
      }
      if (r.text === null) return null;
      if (kind === 'qualitative') {
        issues.add(at(field), `${what}的指标值“${indicator.target.raw || '（空）'}”不是数值目标，不能填写${label}；请填写完成可能性`);
        return null;
      }
      if (Number(r.text) < 0 && refusesNegative(indicator)) {
        issues.add(at(field), `${what}的${label}不能为负数`);
        return null;
      }
      return r.text;
    };
    const line: StoredExecutionIndicator = {
      indicatorId: id,
      valueToDate: number('valueToDate', '截至目前完成值'),
      projected: number('projected', '全年预计完成值'),
      likelihood: checkChoice(issues, at('likelihood'), entry.likelihood, '完成可能性', Object.keys(config.likelihoodLights)),
      cause: checkChoice(issues, at('cause'), entry.cause, '偏差原因', config.causes),
      causeNote: issues.text(at('causeNote'), entry.causeNote, '原因说明'),
      measure: issues.text(at('measure'), entry.measure, '纠偏措施'),
    };
    const filled = Object.entries(line).some(([k, v]) => k !== 'indicatorId' && v !== null);
    if (filled) lines.set(id, line);
  });

  if (!issues.empty || spentFen === null) return { ok: false, issues: issues.issues };
  return {
    ok: true,
    record: {
      asOf,
      spentFen,
      spendingCause,
      spendingCauseNote,
      spendingMeasure,
      note,
      indicators: indicatorsInForce.flatMap((i) => lines.get(i.id) ?? []),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Storing

/** The project, or MonitoringNotFoundError. */
export async function requireProject(db: Db, projectId: number): Promise<MonitoredProject> {
  const project = Number.isSafeInteger(projectId) ? await loadMonitoredProject(db, projectId) : undefined;
  if (project === undefined) throw new MonitoringNotFoundError('项目不存在');
  return project;
}

/**
 * Checks and stores one round of one project in one transaction (replacing the project's round of
 * the same date), audited as 'execution.save' on the project with what changed. Saving the same
 * values again writes nothing ('unchanged'). Throws ExecutionDataError (nothing written) or
 * MonitoringNotFoundError.
 */
export async function saveExecutionRecord(
  db: Db,
  projectId: number,
  input: ExecutionRecordDraft,
  opts: SaveOptions = {},
): Promise<SaveExecutionResult> {
  return inTransaction(db, async (trx) => {
    const project = await requireProject(trx, projectId);
    const checked = checkExecutionRecord(project, input);
    if (!checked.ok) throw new ExecutionDataError(checked.issues);
    return writeExecutionRecord(trx, project, checked.record, opts);
  });
}

/** Writes a checked round (call inside a transaction). */
export async function writeExecutionRecord(
  trx: Db,
  project: MonitoredProject,
  record: CheckedExecutionRecord,
  opts: SaveOptions = {},
): Promise<SaveExecutionResult> {
  const plan = planExecutionWrite(project, record, await findExecutionRecord(trx, project.id, record.asOf), opts);
  if (plan.status === 'unchanged') return plan;
  let id: number;
  if (plan.before === undefined) id = await insertExecutionRecord(trx, plan.values);
  else {
    id = plan.before.id;
    await updateExecutionRecord(trx, id, plan.values);
  }
  await replaceExecutionIndicators(trx, id, plan.values.indicators);
  await insertAuditEntry(trx, plan.audit(id));
  await refreshProjectFigures(trx, [project.id]);
  const stored = await findExecutionRecord(trx, project.id, record.asOf);
  return { status: plan.status, record: stored! };
}

/**
 * What saving a checked round over `before` (the project's stored round of that date, if any)
 * writes: nothing when the content is the same; else the round's values and lines and the audit
 * entry, given the round's id. Pure: writeExecutionRecord writes one such plan, the demo generator
 * many at once.
 */
export type ExecutionWritePlan =
  | { status: 'unchanged'; record: StoredExecutionRecord }
  | {
      status: 'created' | 'replaced';
      before: StoredExecutionRecord | undefined;
      values: ExecutionRecordValues & { indicators: StoredExecutionIndicator[] };
      audit: (recordId: number) => AuditEntry;
    };

export function planExecutionWrite(
  project: MonitoredProject,
  record: CheckedExecutionRecord,
  before: StoredExecutionRecord | undefined,
  opts: SaveOptions = {},
): ExecutionWritePlan {
  const actor = toAuditActor(opts.actor ?? SYSTEM_ACTOR);
  const at = (opts.now ?? new Date()).toISOString();
  const after = recordContent(record);
  if (before !== undefined && sameContent(recordContent(before), after)) return { status: 'unchanged', record: before };
  const change = before === undefined ? { before: null, after } : diffContent(recordContent(before), after);
  return {
    status: before === undefined ? 'created' : 'replaced',
    before,
    values: {
      projectId: project.id,
      asOf: record.asOf,
      spentFen: record.spentFen,
      spendingCause: record.spendingCause,
      spendingCauseNote: record.spendingCauseNote,
      spendingMeasure: record.spendingMeasure,
      note: record.note,
      createdAt: before?.createdAt ?? at,
      createdBy: before?.createdBy ?? actor.displayName,
      updatedAt: at,
      updatedBy: actor.displayName,
      updatedOnBehalf: opts.onBehalf === true,
      indicators: record.indicators,
    },
    audit: (recordId) => ({
      at,
      actor,
      action: 'execution.save',
      entity: 'project',
      entityId: project.id,
      detail: { asOf: record.asOf, recordId, replaced: before !== undefined, ...(opts.onBehalf ? { onBehalf: true } : {}), ...change },
    }),
  };
}

/** Deletes a project's round, audited as 'execution.delete'. False when there was none. */
export async function deleteExecutionRound(db: Db, projectId: number, asOf: string, opts: SaveOptions = {}): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const project = await requireProject(trx, projectId);
    const before = await findExecutionRecord(trx, project.id, asOf);
    if (before === undefined) return false;
    await deleteExecutionRecord(trx, before.id);
    await insertAuditEntry(trx, {
      at: (opts.now ?? new Date()).toISOString(),
      actor: opts.actor ?? SYSTEM_ACTOR,
      action: 'execution.delete',
      entity: 'project',
      entityId: project.id,
      detail: { asOf, recordId: before.id, before: recordContent(before), after: null },
    });
    await refreshProjectFigures(trx, [project.id]);
    return true;
  });
}

/** A project's round as of a date, or undefined. */
export async function getExecutionRecord(db: Db, projectId: number, asOf: string): Promise<StoredExecutionRecord | undefined> {
  return findExecutionRecord(db, projectId, asOf);
}

/** Every round of a project, oldest first. */
export async function listProjectExecutionRecords(db: Db, projectId: number): Promise<StoredExecutionRecord[]> {
  return listExecutionRecords(db, { projectIds: [projectId] });
}

// ---------------------------------------------------------------------------------------------
// Audit content

type LineContent = Omit<StoredExecutionIndicator, 'indicatorId'>;
interface RecordContent {
  spentFen: number;
  spendingCause: string | null;
  spendingCauseNote: string | null;
  spendingMeasure: string | null;
  note: string | null;
  /** Indicator id → its line. */
  indicators: Record<string, LineContent>;
}

function recordContent(r: Omit<CheckedExecutionRecord, 'asOf'>): RecordContent {
  return {
    spentFen: r.spentFen,
    spendingCause: r.spendingCause,
    spendingCauseNote: r.spendingCauseNote,
    spendingMeasure: r.spendingMeasure,
    note: r.note,
    indicators: Object.fromEntries(r.indicators.map(({ indicatorId, ...line }) => [String(indicatorId), line])),
  };
}

function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields that differ, before and after; indicators by id (null where a line is absent). */
function diffContent(before: RecordContent, after: RecordContent): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of ['spentFen', 'spendingCause', 'spendingCauseNote', 'spendingMeasure', 'note'] as const) {
    if (before[key] !== after[key]) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  const ids = new Set([...Object.keys(before.indicators), ...Object.keys(after.indicators)]);
  const bi: Record<string, LineContent | null> = {};
  const ai: Record<string, LineContent | null> = {};
  for (const id of ids) {
    const x = before.indicators[id] ?? null;
    const y = after.indicators[id] ?? null;
    if (!sameContent(x, y)) {
      bi[id] = x;
      ai[id] = y;
    }
  }
  if (Object.keys(bi).length > 0) {
    b.indicators = bi;
    a.indicators = ai;
  }
  return { before: b, after: a };
}
