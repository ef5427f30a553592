/**
 * All SQL about execution records (执行记录): one round per project and as-of date, with a line per
 * indicator. Every function takes the database (or a transaction) first and holds no state. Money
 * comes back through `intFromDb`; indicator values stay the text they were entered as.
 */
import type { Insertable, Selectable } from 'kysely';
import type { ExecutionLine, ExecutionRecordContent } from '../../shared/domain/monitoring';
import { intFromDb } from './document.repository';
import { chunks, groupBy } from './rows';
import { insertRows } from './bulk-insert';
import type { Db, ExecutionIndicatorTable, ExecutionRecordTable } from './schema';

// ---------------------------------------------------------------------------------------------
// Execution records

/** An indicator's line of a round, values as entered. */
export type StoredExecutionIndicator = ExecutionLine;

export interface StoredExecutionRecord extends ExecutionRecordContent {
  id: number;
  projectId: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Saved last by the finance bureau (a reviewer or admin) rather than the department. */
  updatedOnBehalf: boolean;
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
  filter: { year: number; departmentId?: number; departmentIds?: readonly number[] },
): Promise<{ asOf: string; projectCount: number; departmentCount: number }[]> {
  let q = db
    .selectFrom('executionRecord')
    .innerJoin('project', 'project.id', 'executionRecord.projectId')
    .innerJoin('document', 'document.id', 'project.documentId')
    .select((eb) => [
      'executionRecord.asOf',
      eb.fn.countAll<number | string | bigint>().as('projectCount'),
      // how many departments reported the round: which round covers a region (issue 71)
      eb.fn.count<number | string | bigint>('document.departmentId').distinct().as('departmentCount'),
    ])
    .where('document.isCurrent', '=', 1)
    .where((eb) => eb(eb.fn.coalesce('project.year', 'document.year'), '=', filter.year))
    .groupBy('executionRecord.asOf')
    .orderBy('executionRecord.asOf');
  if (filter.departmentId !== undefined) q = q.where('document.departmentId', '=', filter.departmentId);
  if (filter.departmentIds !== undefined) q = q.where('document.departmentId', 'in', filter.departmentIds.length > 0 ? [...filter.departmentIds] : [-1]);
  const rows = await q.execute();
  return rows.map((r) => ({ asOf: r.asOf, projectCount: intFromDb(r.projectCount), departmentCount: intFromDb(r.departmentCount) }));
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
  // bulk-insert.ts's prepared multi-row texts: the query builder's pass over every value cost
  // more than SQLite took to run the statements (generate's monitoring data, issue 18).
  const ids = new Map<string, number>();
  for (const r of await insertRows(db, 'executionRecord', values.map(executionRecordRow), ['id', 'projectId', 'asOf'])) ids.set(`${Number(r.projectId)}|${String(r.asOf)}`, Number(r.id));
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
  await insertRows(db, 'executionIndicator', rows);
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
