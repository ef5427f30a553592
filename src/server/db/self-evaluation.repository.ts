/**
 * All SQL about self-evaluations (绩效自评): one per project, with a line per indicator; totals,
 * weights and percents stored in hundredths. Every function takes the database (or a transaction)
 * first and holds no state.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Fen } from '../../shared/domain/model';
import { intFromDb } from './document.repository';
import { chunks, groupBy } from './rows';
import { insertRows } from './bulk-insert';
import type { Db, SelfEvaluationIndicatorTable, SelfEvaluationTable } from './schema';

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
  // bulk-insert.ts's prepared multi-row texts (as insertExecutionRecords).
  const ids = new Map<number, number>();
  for (const r of await insertRows(db, 'selfEvaluation', values.map(selfEvaluationRow), ['id', 'projectId'])) ids.set(Number(r.projectId), Number(r.id));
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
  await insertRows(db, 'selfEvaluationIndicator', rows);
}

/** Deletes a self-evaluation and its lines. */
export async function deleteSelfEvaluation(db: Db, id: number): Promise<void> {
  await db.deleteFrom('selfEvaluationIndicator').where('evaluationId', '=', id).execute();
  await db.deleteFrom('selfEvaluation').where('id', '=', id).execute();
}
