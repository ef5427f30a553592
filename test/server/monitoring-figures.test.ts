/**
 * The monitoring figures kept current on each write (migration 0018, figures.service.ts): the
 * region's monitoring summary and self-evaluation ranking read from them must be exactly what the
 * full recomputation over every project gives (recomputeRegionMonitoringSummary,
 * recomputeRegionSelfEvaluationRanking: the code as it was), after every kind of change — through
 * the services (in their own transaction) and behind their back (imports, the CLI, raw SQL: the
 * triggers' queue).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/shared/api/auth';
import { listExecutionRounds } from '../../src/server/db/execution-record.repository';
import { loadFiguresProjects } from '../../src/server/db/monitoring-figures.repository';
import { loadMonitoredProjects } from '../../src/server/db/monitoring.repository';
import { findSelfEvaluation } from '../../src/server/db/self-evaluation.repository';
import type { Db } from '../../src/server/db/schema';
import { deleteExecutionRound, getExecutionRecord, saveExecutionRecord } from '../../src/server/modules/execution-records/execution-record.service';
import { generateDemoMonitoring } from '../../src/server/modules/execution-records/demo-execution';
import { generateData } from '../../src/server/modules/generate/generate.service';
import { MONITORED_STATUSES } from '../../src/shared/domain/workflow';
import { drainMonitoringFigures, FIGURES_SETTINGS, refreshMonitoringFigures } from '../../src/server/modules/monitoring/figures.service';
import { getRegionMonitoringSummary, recomputeRegionMonitoringSummary } from '../../src/server/modules/monitoring/monitoring.service';
import { getRegionSelfEvaluationRanking, recomputeRegionSelfEvaluationRanking, saveSelfEvaluation } from '../../src/server/modules/self-evaluation/self-evaluation.service';
import { applyWorkflowAction } from '../../src/server/modules/workflow/workflow.service';
import { useTestDatabase } from '../db/helpers';
import { FIXTURE_DIR } from '../support/fixtures';

const NOW = new Date('2025-09-05T02:00:00.000Z');
const YEAR = 2025;
const REVIEWER: SessionUser = { id: 1, username: 'reviewer', displayName: '审核人', role: 'reviewer', departmentId: null, departmentName: null, mustChangePassword: false };

/**
 * The summaries from the figures equal the recomputed ones, for every round of the year and a date
 * without records; compared as JSON, so the order of lists and keys counts too. Returns the
 * summary of the latest round and the ranking, for the caller's own checks.
 */
async function expectCurrent(db: Db) {
  const dates = ['2025-03-31', ...(await listExecutionRounds(db, { year: YEAR })).map((r) => r.asOf)];
  let last;
  for (const asOf of dates) {
    const kept = await getRegionMonitoringSummary(db, YEAR, asOf);
    expect(JSON.stringify(kept), asOf).toBe(JSON.stringify(await recomputeRegionMonitoringSummary(db, YEAR, asOf)));
    last = kept;
  }
  const ranking = await getRegionSelfEvaluationRanking(db, YEAR);
  expect(JSON.stringify(ranking)).toBe(JSON.stringify(await recomputeRegionSelfEvaluationRanking(db, YEAR)));
  return { summary: last!, ranking };
}

async function queued(db: Db): Promise<number[]> {
  return (await db.selectFrom('monitoringDirty').select('projectId').orderBy('projectId').execute()).map((r) => r.projectId);
}

describe('monitoring figures kept current', () => {
  it('give the recomputed region summary and ranking after every kind of change', async () => {
    const db = await useTestDatabase();
    await generateData(db, { projects: 240, seed: 11, year: YEAR, fixtureDir: FIXTURE_DIR, now: NOW });
    // Everything generated is queued; the first read computes it all.
    expect((await queued(db)).length).toBeGreaterThan(0);
    const first = await expectCurrent(db);
    expect(await queued(db)).toEqual([]);
    expect(first.summary.departments.length).toBeGreaterThan(3);
    expect(first.summary.behind.length).toBeGreaterThan(2);
    expect(first.summary.keyMonitoring.length).toBeGreaterThan(0);
    expect(first.ranking.projects.length).toBeGreaterThan(20);
    const asOf = first.summary.asOf;

    // 1. An execution record saved through the service: current when its transaction commits.
    const worst = first.summary.behind[0]!;
    const record = (await getExecutionRecord(db, worst.projectId, asOf))!;
    await saveExecutionRecord(db, worst.projectId, { ...record, spentFen: (worst.budgetFen ?? record.spentFen) - 1, spendingCause: null }, { now: NOW });
    expect(await queued(db)).toEqual([]);
    const afterSave = await expectCurrent(db);
    expect(afterSave.summary.behind[0]!.projectId).not.toBe(worst.projectId);

    // 2. A new round of another project (a date no one else has), then one deleted.
    const other = first.summary.behind[1]!;
    const otherRecord = (await getExecutionRecord(db, other.projectId, asOf))!;
    await saveExecutionRecord(db, other.projectId, { ...otherRecord, asOf: '2025-10-31', spentFen: otherRecord.spentFen + 100 }, { now: NOW });
    await expectCurrent(db);
    expect(await deleteExecutionRound(db, other.projectId, asOf, { now: NOW })).toBe(true);
    expect(await queued(db)).toEqual([]);
    await expectCurrent(db);

    // 3. A self-evaluation saved: the ranking moves.
    const ranked = first.ranking.projects.at(-1)!;
    const evaluation = (await findSelfEvaluation(db, ranked.projectId))!;
    await saveSelfEvaluation(
      db,
      ranked.projectId,
      {
        adjustedBudgetFen: evaluation.adjustedBudgetFen,
        spentFen: evaluation.spentFen + 1,
        executionExplanation: '执行有所推进',
        goalAchievement: evaluation.goalAchievement,
        indicators: evaluation.indicators.map(({ actualKind, actualText, grade, percent, ...line }) => ({
          ...line,
          actual: actualKind === 'value' ? { kind: 'value' as const, value: actualText! } : actualKind === 'graded' ? { kind: 'graded' as const, grade: grade!, percent: percent! } : null,
        })),
      },
      { now: NOW },
    );
    expect(await queued(db)).toEqual([]);
    await expectCurrent(db);

    // 4. Workflow: a submitted project approved (into monitoring), a published one unpublished.
    const submitted = await db.selectFrom('project').select(['id', 'version']).where('status', '=', 'submitted').orderBy('id').executeTakeFirstOrThrow();
    await applyWorkflowAction(db, REVIEWER, submitted.id, { action: 'approve', version: submitted.version }, NOW);
    expect(await queued(db)).toEqual([]);
    const published = await db.selectFrom('project').select(['id', 'version']).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    await applyWorkflowAction(db, REVIEWER, published.id, { action: 'unpublish', version: published.version }, NOW);
    await expectCurrent(db);

    // 5. Behind the services' back, each queued by a trigger and computed by the next read:
    // a project returned to a draft, a budget changed, an indicator's target rewritten, …
    const monitored = await db.selectFrom('monitoringProjectFigure').select('projectId').orderBy('projectId').execute();
    const [a, b, c, d] = monitored.map((m) => m.projectId);
    await db.updateTable('project').set({ status: 'draft' }).where('id', '=', a!).execute();
    await db.updateTable('project').set({ budgetTotal: 123_456_789 }).where('id', '=', b!).execute();
    await db.updateTable('indicator').set({ targetRaw: '≥1' }).where('projectId', '=', c!).execute();
    // … a round's lines deleted, a department renamed, a document replaced (no longer current), …
    await db.deleteFrom('executionIndicator').where('recordId', 'in', db.selectFrom('executionRecord').select('id').where('projectId', '=', d!)).execute();
    const department = first.ranking.departments[0]!.department;
    await db.updateTable('department').set({ name: `${department.name}（更名）` }).where('id', '=', department.id).execute();
    const document = await db.selectFrom('project').select('documentId').where('id', '=', monitored.at(-1)!.projectId).executeTakeFirstOrThrow();
    await db.updateTable('document').set({ isCurrent: 0 }).where('id', '=', document.documentId).execute();
    expect((await queued(db)).length).toBeGreaterThan(4);
    const behindTheBack = await expectCurrent(db);
    expect(behindTheBack.ranking.departments.some((r) => r.department.name.endsWith('（更名）'))).toBe(true);

    // 6. A bulk write through the repositories (the demo generator again, another seed).
    await generateDemoMonitoring(db, { year: YEAR, seed: 99, now: NOW });
    const afterBulk = await expectCurrent(db);

    // 6b. Only a spending plan rewritten (no table of the data version changes): the summaries
    // cached in memory are not served for it. A project behind plan made to plan everything by March.
    const target = afterBulk.summary.behind.at(-1)!.projectId;
    await db.updateTable('spendingCheckpoint').set({ percentHundredths: 10000, amount: null }).where('projectId', '=', target).execute();
    expect(await queued(db)).toEqual([target]);
    const afterIndicators = await expectCurrent(db);
    expect(JSON.stringify(afterIndicators.summary)).not.toBe(JSON.stringify(afterBulk.summary));

    // 7. Other monitoring settings than the figures were computed with (a setting of a year
    // changed in code): every project is computed again on the next read.
    await db.updateTable('monitoringRoundFigure').set({ spent: 0, behind: 0 }).execute();
    await db.updateTable('monitoringFiguresState').set({ settings: 'other settings' }).execute();
    await expectCurrent(db);
    expect((await db.selectFrom('monitoringFiguresState').select('settings').executeTakeFirstOrThrow()).settings).toBe(FIGURES_SETTINGS);

    // 8. Projects deleted with everything they had.
    const gone = (await db.selectFrom('monitoringProjectFigure').select('projectId').orderBy('projectId', 'desc').limit(2).execute()).map((r) => r.projectId);
    await sql`delete from execution_indicator where record_id in (select id from execution_record where project_id in (${sql.join(gone)}))`.execute(db);
    await sql`delete from self_evaluation_indicator where evaluation_id in (select id from self_evaluation where project_id in (${sql.join(gone)}))`.execute(db);
    for (const table of ['execution_record', 'self_evaluation', 'spending_checkpoint', 'indicator', 'project_finding_category', 'project_findings', 'workflow_event', 'review_comment']) {
      await sql`delete from ${sql.id(table)} where project_id in (${sql.join(gone)})`.execute(db);
    }
    await sql`delete from project where id in (${sql.join(gone)})`.execute(db);
    await expectCurrent(db);
    await refreshMonitoringFigures(db);
    expect(await db.selectFrom('monitoringProjectFigure').select('projectId').where('projectId', 'in', gone).execute()).toEqual([]);
  }, 240_000);

  it('drained in batches (the server start) give the same as one pass, and a read waits for the drain', async () => {
    const db = await useTestDatabase();
    await generateData(db, { projects: 120, seed: 12, year: YEAR, fixtureDir: FIXTURE_DIR, now: NOW });
    const waiting = (await queued(db)).length;
    expect(waiting).toBeGreaterThan(20);
    // Batches of 7 projects: a department's projects fall into several of them.
    const drain = drainMonitoringFigures(db, { batch: 7 });
    // A region read started meanwhile waits for the drain and then finds the queue empty.
    const read = getRegionSelfEvaluationRanking(db, YEAR);
    expect(drainMonitoringFigures(db)).toBe(drain);
    await Promise.all([drain, read]);
    expect(await queued(db)).toEqual([]);
    await expectCurrent(db);

    // Stopped between two batches (the server closing): what is left stays queued for the next read.
    await db.updateTable('monitoringFiguresState').set({ settings: 'other settings' }).execute();
    const stop = new AbortController();
    stop.abort();
    await drainMonitoringFigures(db, { batch: 7, signal: stop.signal });
    const left = (await queued(db)).length;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(waiting + 7);
    await expectCurrent(db);
    expect(await queued(db)).toEqual([]);
  }, 240_000);
  it('read the projects lightly (loadFiguresProjects) exactly as loadMonitoredProjects reads them', async () => {
    const db = await useTestDatabase();
    await generateData(db, { projects: 120, seed: 13, year: YEAR, fixtureDir: FIXTURE_DIR, now: NOW });
    const all = (await db.selectFrom('project').select('id').orderBy('id').execute()).map((r) => r.id);
    // Some projects out of scope: drafts, and a document that is no longer current.
    await db.updateTable('project').set({ status: 'draft' }).where('id', 'in', all.slice(0, 5)).execute();
    const oldDocument = (await db.selectFrom('project').select('documentId').where('id', '=', all[10]!).executeTakeFirstOrThrow()).documentId;
    await db.updateTable('document').set({ isCurrent: 0 }).where('id', '=', oldDocument).execute();
    // Ids in another order than the database's, and one that names no project.
    const ids = [...all.filter((_, i) => i % 2 === 1), ...all.filter((_, i) => i % 2 === 0).reverse(), all.at(-1)! + 1000];
    const light = await loadFiguresProjects(db, ids, MONITORED_STATUSES);
    const full = await loadMonitoredProjects(db, { projectIds: ids, currentOnly: true, statuses: MONITORED_STATUSES });
    expect(light).toEqual(full);
    // What the comparison covers: projects left out, plans, indicators with every kind of target.
    expect(light.length).toBeGreaterThan(60);
    expect(light.length).toBeLessThan(all.length - 5);
    expect(light.some((p) => p.spendingPlan.length > 0)).toBe(true);
    const targets = light.flatMap((p) => p.indicators.map((i) => i.target));
    expect(new Set(targets.map((t) => t.kind)).size).toBeGreaterThan(1);
    expect(targets.some((t) => t.deadline !== null)).toBe(true);
    expect(targets.some((t) => t.value !== null && t.unit !== null)).toBe(true);
  }, 240_000);
});
