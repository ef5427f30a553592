/**
 * All SQL of 结果运用: the finance bureau's decision per project (results_decision, migration 0013).
 * Functions take the database (or a transaction) first and hold no state; money comes back through
 * intFromDb, percentages as numbers with two decimals (hundredths inside).
 */
import type { Insertable, Selectable } from 'kysely';
import type { Consequence } from '../../shared/domain/results-use';
import { percentToHundredths } from '../../shared/domain/results-use';
import type { EvaluationGrade } from '../../shared/domain/self-evaluation-config';
import { intFromDb } from './document.repository';
import { chunks } from './rows';
import type { Db, ResultsDecisionTable } from './schema';

export interface StoredResultsDecision {
  projectId: number;
  consequence: Consequence;
  percent: number;
  amountFen: number | null;
  overridden: boolean;
  reason: string | null;
  suggestedConsequence: Consequence;
  suggestedPercent: number;
  basisGrade: EvaluationGrade;
  basisTotal: number;
  configId: string;
  decidedAt: string;
  decidedBy: string;
  decidedByUserId: number | null;
}

function hundredths(value: number, what: string): number {
  const h = percentToHundredths(value);
  if (h === null) throw new RangeError(`${what}: at most two decimals, got ${value}`);
  return h;
}

function toRow(d: StoredResultsDecision): Insertable<ResultsDecisionTable> {
  if (d.amountFen !== null && !Number.isSafeInteger(d.amountFen)) throw new RangeError(`amount must be integer fen, got ${d.amountFen}`);
  return {
    projectId: d.projectId,
    consequence: d.consequence,
    percentHundredths: hundredths(d.percent, 'percent'),
    amount: d.amountFen,
    overridden: d.overridden ? 1 : 0,
    reason: d.reason,
    suggestedConsequence: d.suggestedConsequence,
    suggestedPercentHundredths: hundredths(d.suggestedPercent, 'suggested percent'),
    basisGrade: d.basisGrade,
    basisTotalHundredths: hundredths(d.basisTotal, 'basis total'),
    configId: d.configId,
    decidedAt: d.decidedAt,
    decidedBy: d.decidedBy,
    decidedByUserId: d.decidedByUserId,
  };
}

function fromRow(r: Selectable<ResultsDecisionTable>): StoredResultsDecision {
  return {
    projectId: r.projectId,
    consequence: r.consequence as Consequence,
    percent: r.percentHundredths / 100,
    amountFen: intFromDb(r.amount),
    overridden: r.overridden === 1,
    reason: r.reason,
    suggestedConsequence: r.suggestedConsequence as Consequence,
    suggestedPercent: r.suggestedPercentHundredths / 100,
    basisGrade: r.basisGrade as EvaluationGrade,
    basisTotal: r.basisTotalHundredths / 100,
    configId: r.configId,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedBy,
    decidedByUserId: r.decidedByUserId,
  };
}

/** The decisions on these projects (those that have one), by project id. */
export async function listResultsDecisions(db: Db, projectIds: readonly number[]): Promise<Map<number, StoredResultsDecision>> {
  const out = new Map<number, StoredResultsDecision>();
  for (const ids of chunks([...new Set(projectIds)])) {
    for (const r of await db.selectFrom('resultsDecision').selectAll().where('projectId', 'in', ids).execute()) out.set(r.projectId, fromRow(r));
  }
  return out;
}

export async function findResultsDecision(db: Db, projectId: number): Promise<StoredResultsDecision | undefined> {
  return (await listResultsDecisions(db, [projectId])).get(projectId);
}

/** Stores a project's decision, replacing the one it had. */
export async function saveResultsDecision(db: Db, decision: StoredResultsDecision): Promise<void> {
  const { projectId: _p, ...changes } = toRow(decision);
  const updated = await db.updateTable('resultsDecision').set(changes).where('projectId', '=', decision.projectId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('resultsDecision').values(toRow(decision)).execute();
}

/** Inserts decisions for projects that have none, in multi-row statements (the demo loader). */
export async function insertResultsDecisions(db: Db, decisions: readonly StoredResultsDecision[]): Promise<void> {
  for (const part of chunks(decisions)) await db.insertInto('resultsDecision').values(part.map(toRow)).execute();
}
