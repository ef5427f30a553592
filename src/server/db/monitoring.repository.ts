/**
 * All SQL about in-year monitoring and self-evaluation: the projects as monitoring sees them (with
 * their indicator ids), execution records per round, and self-evaluations.
 *
 * Every function takes the database (or a transaction) first and holds no state. Money comes back
 * through `intFromDb`; indicator values stay the text they were entered as.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Checkpoint, Deadline, Fen, SpendingCheckpoint, TargetValue } from '../../shared/domain/model';
import { intFromDb, targetFromRow } from './document.repository';
import { chunks, groupBy } from './rows';
import type {
  Db,
  ExecutionIndicatorTable,
  ExecutionRecordTable,
  IndicatorTable,
  ProjectStatus,
  SelfEvaluationIndicatorTable,
  SelfEvaluationTable,
} from './schema';

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
}

export interface MonitoredProjectFilter {
  projectIds?: readonly number[];
  departmentId?: number;
  /** The project's year (its own, else its document's). */
  year?: number;
  /** Only projects of current documents (default false). */
  currentOnly?: boolean;
  /** Only projects in these workflow states. */
  statuses?: readonly ProjectStatus[];
}

function selectMonitoredProjects(db: Db) {
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
    ])
    .orderBy(
      (eb) => eb.fn.coalesce('department.name', 'project.departmentName'),
      (ob) => ob.asc().nullsLast(),
    )
    .orderBy('project.documentId')
    .orderBy('project.position');
}

/**
 * Projects with their plans and indicators, in department, document and position order: three
 * queries whatever the number of projects (plus one per 500 when ids are given).
 */
export async function loadMonitoredProjects(db: Db, filter: MonitoredProjectFilter): Promise<MonitoredProject[]> {
  const build = (ids?: number[]) => {
    let q = selectMonitoredProjects(db);
    if (ids !== undefined) q = q.where('project.id', 'in', ids);
    if (filter.departmentId !== undefined) q = q.where('document.departmentId', '=', filter.departmentId);
    if (filter.year !== undefined) {
      const year = filter.year;
      q = q.where((eb) => eb(eb.fn.coalesce('project.year', 'document.year'), '=', year));
    }
    if (filter.currentOnly) q = q.where('document.isCurrent', '=', 1);
    if (filter.statuses !== undefined) q = q.where('project.status', 'in', [...filter.statuses]);
    return q;
  };
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

  return rows.map(
    (r): MonitoredProject => ({
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
      spendingPlan: (checkpoints.get(r.id) ?? []).map(
        (c): SpendingCheckpoint => ({
          checkpoint: c.checkpoint as Checkpoint,
          percent: c.percentHundredths === null ? null : c.percentHundredths / 100,
          amount: intFromDb(c.amount),
          given: c.given,
          source: null,
        }),
      ),
      indicators: (indicators.get(r.id) ?? []).map(monitoredIndicatorFromRow),
    }),
  );
}

/** One project as monitoring sees it, or undefined. */
export async function loadMonitoredProject(db: Db, projectId: number): Promise<MonitoredProject | undefined> {
  return (await loadMonitoredProjects(db, { projectIds: [projectId] }))[0];
}

function monitoredIndicatorFromRow(row: Selectable<IndicatorTable>): MonitoredIndicator {
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

// ---------------------------------------------------------------------------------------------
// Execution records

/** An indicator's line of a round, values as entered. */
export interface StoredExecutionIndicator {
  indicatorId: number;
  valueToDate: string | null;
  projected: string | null;
  likelihood: string | null;
  cause: string | null;
  causeNote: string | null;
  measure: string | null;
}

export interface StoredExecutionRecord {
  id: number;
  projectId: number;
  asOf: string;
  spentFen: Fen;
  spendingCause: string | null;
  spendingCauseNote: string | null;
  spendingMeasure: string | null;
  note: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Saved last by the finance bureau (a reviewer or admin) rather than the department. */
  updatedOnBehalf: boolean;
  /** In the order of the project's indicators (by position). */
  indicators: StoredExecutionIndicator[];
}

/** What a round writes (everything but the id and the lines). */
export type ExecutionRecordValues = Omit<StoredExecutionRecord, 'id' | 'indicators'>;

function recordFromRow(row: Selectable<ExecutionRecordTable>, lines: StoredExecutionIndicator[]): StoredExecutionRecord {
  return {
    id: row.id,
    projectId: row.projectId,
    asOf: row.asOf,
    spentFen: intFromDb(row.spent),
    spendingCause: row.spendingCause,
    spendingCauseNote: row.spendingCauseNote,
    spendingMeasure: row.spendingMeasure,
    note: row.note,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    updatedOnBehalf: row.updatedOnBehalf === 1,
    indicators: lines,
  };
}

async function linesOf(db: Db, recordIds: number[]): Promise<Map<number, StoredExecutionIndicator[]>> {
  const rows = [];
  for (const part of chunks(recordIds)) {
    rows.push(
      ...(await db
        .selectFrom('executionIndicator')
        .innerJoin('indicator', 'indicator.id', 'executionIndicator.indicatorId')
        .selectAll('executionIndicator')
        .where('executionIndicator.recordId', 'in', part)
        .orderBy('executionIndicator.recordId')
        .orderBy('indicator.position')
        .execute()),
    );
  }
  const grouped = groupBy(rows, (r) => r.recordId);
  return new Map(
    [...grouped].map(([id, list]) => [
      id,
      list.map((r) => ({
        indicatorId: r.indicatorId,
        valueToDate: r.valueToDateText,
        projected: r.projectedText,
        likelihood: r.likelihood,
        cause: r.cause,
        causeNote: r.causeNote,
        measure: r.measure,
      })),
    ]),
  );
}

/** The round of a project as of a date, with its indicator lines. */
export async function findExecutionRecord(
  db: Db,
  projectId: number,
  asOf: string,
): Promise<StoredExecutionRecord | undefined> {
  const row = await db
    .selectFrom('executionRecord')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('asOf', '=', asOf)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return recordFromRow(row, (await linesOf(db, [row.id])).get(row.id) ?? []);
}

/**
 * Execution records with their lines, by project then as-of date. Narrowed to projects, a round
 * (`asOf`), or rounds on or before a date (`until`).
 */
export async function listExecutionRecords(
  db: Db,
  filter: { projectIds?: readonly number[]; asOf?: string; until?: string } = {},
): Promise<StoredExecutionRecord[]> {
  const build = (ids?: number[]) => {
    let q = db.selectFrom('executionRecord').selectAll().orderBy('projectId').orderBy('asOf');
    if (ids !== undefined) q = q.where('projectId', 'in', ids);
    if (filter.asOf !== undefined) q = q.where('asOf', '=', filter.asOf);
    if (filter.until !== undefined) q = q.where('asOf', '<=', filter.until);
    return q;
  };
  const rows: Selectable<ExecutionRecordTable>[] = [];
  if (filter.projectIds !== undefined) {
    for (const ids of chunks([...new Set(filter.projectIds)])) rows.push(...(await build(ids).execute()));
    rows.sort((a, b) => a.projectId - b.projectId || (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  } else {
    rows.push(...(await build().execute()));
  }
  const lines = await linesOf(db, rows.map((r) => r.id));
  return rows.map((r) => recordFromRow(r, lines.get(r.id) ?? []));
}

/** The as-of dates recorded per project, oldest first (without loading the records). */
export async function listRecordDates(db: Db, projectIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const ids of chunks([...new Set(projectIds)])) {
    const rows = await db
      .selectFrom('executionRecord')
      .select(['projectId', 'asOf'])
      .where('projectId', 'in', ids)
      .orderBy('projectId')
      .orderBy('asOf')
      .execute();
    for (const r of rows) out.set(r.projectId, [...(out.get(r.projectId) ?? []), r.asOf]);
  }
  return out;
}

/** The as-of dates recorded for a year's current projects (optionally one department's), with counts. */
export async function listExecutionRounds(
  db: Db,
  filter: { year: number; departmentId?: number },
): Promise<{ asOf: string; projectCount: number }[]> {
  let q = db
    .selectFrom('executionRecord')
    .innerJoin('project', 'project.id', 'executionRecord.projectId')
    .innerJoin('document', 'document.id', 'project.documentId')
    .select((eb) => ['executionRecord.asOf', eb.fn.countAll<number | string | bigint>().as('projectCount')])
    .where('document.isCurrent', '=', 1)
    .where((eb) => eb(eb.fn.coalesce('project.year', 'document.year'), '=', filter.year))
    .groupBy('executionRecord.asOf')
    .orderBy('executionRecord.asOf');
  if (filter.departmentId !== undefined) q = q.where('document.departmentId', '=', filter.departmentId);
  const rows = await q.execute();
  return rows.map((r) => ({ asOf: r.asOf, projectCount: intFromDb(r.projectCount) }));
}

function executionRecordRow(values: ExecutionRecordValues): Insertable<ExecutionRecordTable> {
  if (!Number.isSafeInteger(values.spentFen)) throw new RangeError(`spent must be integer fen, got ${values.spentFen}`);
  return {
    projectId: values.projectId,
    asOf: values.asOf,
    spent: values.spentFen,
    spendingCause: values.spendingCause,
    spendingCauseNote: values.spendingCauseNote,
    spendingMeasure: values.spendingMeasure,
    note: values.note,
    createdAt: values.createdAt,
    createdBy: values.createdBy,
    updatedAt: values.updatedAt,
    updatedBy: values.updatedBy,
    updatedOnBehalf: values.updatedOnBehalf ? 1 : 0,
  };
}

/** Inserts a round (without lines); returns its id. */
export async function insertExecutionRecord(db: Db, values: ExecutionRecordValues): Promise<number> {
  const row = await db.insertInto('executionRecord').values(executionRecordRow(values)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Rewrites a round's values; its id, project, date and creation stay. */
export async function updateExecutionRecord(db: Db, id: number, values: ExecutionRecordValues): Promise<void> {
  const { projectId: _p, asOf: _a, createdAt: _c, createdBy: _b, ...changes } = executionRecordRow(values);
  await db.updateTable('executionRecord').set(changes).where('id', '=', id).execute();
}

/** Replaces every indicator line of a round. */
export async function replaceExecutionIndicators(
  db: Db,
  recordId: number,
  lines: readonly StoredExecutionIndicator[],
): Promise<void> {
  await db.deleteFrom('executionIndicator').where('recordId', '=', recordId).execute();
  const rows = lines.map((l) => executionIndicatorRow(recordId, l));
  for (const part of chunks(rows, 200)) await db.insertInto('executionIndicator').values(part).execute();
}

/**
 * Inserts rounds (without lines) in multi-row statements, in the order given (ids are assigned in
 * that order); returns their ids in that order. At most one round per project and date.
 */
export async function insertExecutionRecords(db: Db, values: readonly ExecutionRecordValues[]): Promise<number[]> {
  const ids = new Map<string, number>();
  for (const part of chunks(values)) {
    const rows = await db.insertInto('executionRecord').values(part.map(executionRecordRow)).returning(['id', 'projectId', 'asOf']).execute();
    for (const r of rows) ids.set(`${r.projectId}|${r.asOf}`, r.id);
  }
  return values.map((v) => ids.get(`${v.projectId}|${v.asOf}`)!);
}

/** Deletes the indicator lines of these rounds. */
export async function deleteExecutionIndicatorsOf(db: Db, recordIds: readonly number[]): Promise<void> {
  for (const part of chunks(recordIds)) await db.deleteFrom('executionIndicator').where('recordId', 'in', part).execute();
}

/** Inserts the indicator lines of many rounds in multi-row statements (the rounds have none yet). */
export async function insertExecutionIndicators(
  db: Db,
  lines: readonly { recordId: number; line: StoredExecutionIndicator }[],
): Promise<void> {
  const rows = lines.map(({ recordId, line }) => executionIndicatorRow(recordId, line));
  for (const part of chunks(rows)) await db.insertInto('executionIndicator').values(part).execute();
}

function executionIndicatorRow(recordId: number, l: StoredExecutionIndicator): Insertable<ExecutionIndicatorTable> {
  return {
    recordId,
    indicatorId: l.indicatorId,
    valueToDateText: l.valueToDate,
    projectedText: l.projected,
    likelihood: l.likelihood,
    cause: l.cause,
    causeNote: l.causeNote,
    measure: l.measure,
  };
}

/** Deletes a round and its lines. */
export async function deleteExecutionRecord(db: Db, id: number): Promise<void> {
  await db.deleteFrom('executionIndicator').where('recordId', '=', id).execute();
  await db.deleteFrom('executionRecord').where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Self-evaluations

/** An indicator's line of a self-evaluation; weights and percents as numbers (hundredths inside). */
export interface StoredSelfEvaluationIndicator {
  indicatorId: number;
  weight: number | null;
  actualKind: 'value' | 'graded' | null;
  /** The number as entered, for 'value'. */
  actualText: string | null;
  grade: string | null;
  /** The percentage chosen inside the grade's band, for 'graded'. */
  percent: number | null;
  deviationCause: string | null;
  improvement: string | null;
}

export interface StoredSelfEvaluation {
  id: number;
  projectId: number;
  adjustedBudgetFen: Fen | null;
  spentFen: Fen;
  executionExplanation: string | null;
  goalAchievement: string | null;
  configId: string;
  /** The total as computed on save, two decimals. */
  total: number;
  grade: string;
  complete: boolean;
  updatedAt: string;
  updatedBy: string;
  /** In the order of the project's indicators. */
  indicators: StoredSelfEvaluationIndicator[];
}

export type SelfEvaluationValues = Omit<StoredSelfEvaluation, 'id' | 'indicators'>;

/** 12.5 → 1250; refuses more than two decimals rather than round them away. */
function hundredthsToDb(value: number | null, what: string): number | null {
  if (value === null) return null;
  const h = Math.round(value * 100);
  if (h / 100 !== value || !Number.isSafeInteger(h)) throw new RangeError(`${what}: at most two decimals, got ${value}`);
  return h;
}

function selfEvaluationRow(values: SelfEvaluationValues): Insertable<SelfEvaluationTable> {
  for (const [what, fen] of [['spent', values.spentFen], ['adjustedBudget', values.adjustedBudgetFen]] as const) {
    if (fen !== null && !Number.isSafeInteger(fen)) throw new RangeError(`${what} must be integer fen, got ${fen}`);
  }
  return {
    projectId: values.projectId,
    adjustedBudget: values.adjustedBudgetFen,
    spent: values.spentFen,
    executionExplanation: values.executionExplanation,
    goalAchievement: values.goalAchievement,
    configId: values.configId,
    totalHundredths: hundredthsToDb(values.total, 'total')!,
    grade: values.grade,
    complete: values.complete ? 1 : 0,
    updatedAt: values.updatedAt,
    updatedBy: values.updatedBy,
  };
}

function selfEvaluationFromRow(
  row: Selectable<SelfEvaluationTable>,
  lines: StoredSelfEvaluationIndicator[],
): StoredSelfEvaluation {
  return {
    id: row.id,
    projectId: row.projectId,
    adjustedBudgetFen: intFromDb(row.adjustedBudget),
    spentFen: intFromDb(row.spent),
    executionExplanation: row.executionExplanation,
    goalAchievement: row.goalAchievement,
    configId: row.configId,
    total: row.totalHundredths / 100,
    grade: row.grade,
    complete: row.complete === 1,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    indicators: lines,
  };
}

async function evaluationLinesOf(db: Db, evaluationIds: number[]): Promise<Map<number, StoredSelfEvaluationIndicator[]>> {
  const rows = [];
  for (const part of chunks(evaluationIds)) {
    rows.push(
      ...(await db
        .selectFrom('selfEvaluationIndicator')
        .innerJoin('indicator', 'indicator.id', 'selfEvaluationIndicator.indicatorId')
        .selectAll('selfEvaluationIndicator')
        .where('selfEvaluationIndicator.evaluationId', 'in', part)
        .orderBy('selfEvaluationIndicator.evaluationId')
        .orderBy('indicator.position')
        .execute()),
    );
  }
  const grouped = groupBy(rows, (r) => r.evaluationId);
  return new Map(
    [...grouped].map(([id, list]) => [
      id,
      list.map((r) => ({
        indicatorId: r.indicatorId,
        weight: r.weightHundredths === null ? null : r.weightHundredths / 100,
        actualKind: r.actualKind,
        actualText: r.actualText,
        grade: r.grade,
        percent: r.percentHundredths === null ? null : r.percentHundredths / 100,
        deviationCause: r.deviationCause,
        improvement: r.improvement,
      })),
    ]),
  );
}

/** A project's self-evaluation with its lines. */
export async function findSelfEvaluation(db: Db, projectId: number): Promise<StoredSelfEvaluation | undefined> {
  return (await listSelfEvaluations(db, [projectId]))[0];
}

/** The self-evaluations of these projects (those that have one), in project id order. */
export async function listSelfEvaluations(db: Db, projectIds: readonly number[]): Promise<StoredSelfEvaluation[]> {
  const rows: Selectable<SelfEvaluationTable>[] = [];
  for (const ids of chunks([...new Set(projectIds)])) {
    rows.push(...(await db.selectFrom('selfEvaluation').selectAll().where('projectId', 'in', ids).execute()));
  }
  rows.sort((a, b) => a.projectId - b.projectId);
  const lines = await evaluationLinesOf(db, rows.map((r) => r.id));
  return rows.map((r) => selfEvaluationFromRow(r, lines.get(r.id) ?? []));
}

export async function insertSelfEvaluation(db: Db, values: SelfEvaluationValues): Promise<number> {
  const row = await db.insertInto('selfEvaluation').values(selfEvaluationRow(values)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSelfEvaluation(db: Db, id: number, values: SelfEvaluationValues): Promise<void> {
  const { projectId: _p, ...changes } = selfEvaluationRow(values);
  await db.updateTable('selfEvaluation').set(changes).where('id', '=', id).execute();
}

/** Replaces every indicator line of a self-evaluation. */
export async function replaceSelfEvaluationIndicators(
  db: Db,
  evaluationId: number,
  lines: readonly StoredSelfEvaluationIndicator[],
): Promise<void> {
  await db.deleteFrom('selfEvaluationIndicator').where('evaluationId', '=', evaluationId).execute();
  const rows = lines.map((l) => selfEvaluationIndicatorRow(evaluationId, l));
  for (const part of chunks(rows, 200)) await db.insertInto('selfEvaluationIndicator').values(part).execute();
}

function selfEvaluationIndicatorRow(evaluationId: number, l: StoredSelfEvaluationIndicator): Insertable<SelfEvaluationIndicatorTable> {
  return {
    evaluationId,
    indicatorId: l.indicatorId,
    weightHundredths: hundredthsToDb(l.weight, `indicator ${l.indicatorId} weight`),
    actualKind: l.actualKind,
    actualText: l.actualText,
    grade: l.grade,
    percentHundredths: hundredthsToDb(l.percent, `indicator ${l.indicatorId} percent`),
    deviationCause: l.deviationCause,
    improvement: l.improvement,
  };
}

/**
 * Inserts self-evaluations (without lines) in multi-row statements, in the order given (ids are
 * assigned in that order); returns their ids in that order. At most one per project.
 */
export async function insertSelfEvaluations(db: Db, values: readonly SelfEvaluationValues[]): Promise<number[]> {
  const ids = new Map<number, number>();
  for (const part of chunks(values)) {
    const rows = await db.insertInto('selfEvaluation').values(part.map(selfEvaluationRow)).returning(['id', 'projectId']).execute();
    for (const r of rows) ids.set(r.projectId, r.id);
  }
  return values.map((v) => ids.get(v.projectId)!);
}

/** Deletes the indicator lines of these self-evaluations. */
export async function deleteSelfEvaluationIndicatorsOf(db: Db, evaluationIds: readonly number[]): Promise<void> {
  for (const part of chunks(evaluationIds)) await db.deleteFrom('selfEvaluationIndicator').where('evaluationId', 'in', part).execute();
}

/** Inserts the indicator lines of many self-evaluations in multi-row statements (they have none yet). */
export async function insertSelfEvaluationIndicators(
  db: Db,
  lines: readonly { evaluationId: number; line: StoredSelfEvaluationIndicator }[],
): Promise<void> {
  const rows = lines.map(({ evaluationId, line }) => selfEvaluationIndicatorRow(evaluationId, line));
  for (const part of chunks(rows)) await db.insertInto('selfEvaluationIndicator').values(part).execute();
}

/** Deletes a self-evaluation and its lines. */
export async function deleteSelfEvaluation(db: Db, id: number): Promise<void> {
  await db.deleteFrom('selfEvaluationIndicator').where('evaluationId', '=', id).execute();
  await db.deleteFrom('selfEvaluation').where('id', '=', id).execute();
}
