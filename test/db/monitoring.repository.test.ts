/**
 * The monitoring tables (migration 0003) and their repository: values stay exactly as entered,
 * money is integer fen, rounds are unique per project and date, lines go with their indicator,
 * and projects load with their indicator ids in order.
 */
import { describe, expect, it } from 'vitest';
import {
  deleteExecutionRecord,
  findExecutionRecord,
  insertExecutionRecord,
  listExecutionRecords,
  listExecutionRounds,
  listRecordDates,
  replaceExecutionIndicators,
  type ExecutionRecordValues,
} from '../../src/server/db/execution-record.repository';
import {
  findSelfEvaluation,
  insertSelfEvaluation,
  replaceSelfEvaluationIndicators,
} from '../../src/server/db/self-evaluation.repository';
import { listMonitoredDepartments, loadMonitoredProject, loadMonitoredProjects } from '../../src/server/db/monitoring.repository';
import { TABLE_NAMES } from '../../src/server/db/schema';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { monitoringProject, storeMonitoringDocument, WAN } from '../server/monitoring-fixtures';
import { buildParsedDocument, fakeSha256 } from '../factories';
import { countRows, useTestDatabase } from './helpers';
import { CONSTRAINT_ERROR } from '../support/test-database';

const AT = '2025-08-05T02:00:00.000Z';

function values(projectId: number, asOf: string, spentFen: number): ExecutionRecordValues {
  return {
    projectId,
    asOf,
    spentFen,
    spendingCause: null,
    spendingCauseNote: null,
    spendingMeasure: null,
    note: null,
    createdAt: AT,
    createdBy: 'alice',
    updatedAt: AT,
    updatedBy: 'alice',
    updatedOnBehalf: false,
  };
}

const line = (indicatorId: number, valueToDate: string | null) => ({
  indicatorId,
  valueToDate,
  projected: null,
  likelihood: null,
  cause: null,
  causeNote: null,
  measure: null,
});

describe('migration 0003', () => {
  it('creates the four tables, listed for snapshots', async () => {
    const db = await useTestDatabase();
    const counts = await countRows(db);
    for (const t of ['executionRecord', 'executionIndicator', 'selfEvaluation', 'selfEvaluationIndicator']) {
      expect(TABLE_NAMES).toContain(t);
      expect(counts[t]).toBe(0);
    }
  });
});

describe('monitored projects', () => {
  it('loads budget, plan, year, department and indicators with ids in position order', async () => {
    const db = await useTestDatabase();
    const { projects } = await storeMonitoringDocument(db, [monitoringProject(1), monitoringProject(2, { budgetWan: 300 })]);
    expect(projects.map((p) => p.name)).toEqual(['监控测试项目1', '监控测试项目2']);
    const [p] = projects as [typeof projects[0]];
    expect(p).toMatchObject({ year: 2025, isCurrent: true, status: 'approved', budgetTotal: 120 * WAN, departmentName: '中共唐山市路南区委社会工作部' });
    expect(p.spendingPlan.map((c) => c.percent)).toEqual([25, 50, 75, 100]);
    expect(p.indicators.map((i) => i.position)).toEqual([0, 1, 2, 3, 4]);
    expect(p.indicators[0]!.target).toMatchObject({ operator: '≥', value: 1000, valueText: '1000', unit: '人次' });
    expect(new Set(p.indicators.map((i) => i.id)).size).toBe(5);
    expect(await loadMonitoredProject(db, p.id)).toEqual(p);
    expect(await loadMonitoredProjects(db, { projectIds: [projects[1]!.id, p.id] })).toEqual([projects[1], p]);
  });

  it('filters by department, year and current documents', async () => {
    const db = await useTestDatabase();
    const a = await storeMonitoringDocument(db, [monitoringProject(1)]);
    const b = await storeMonitoringDocument(db, [monitoringProject(2)], { code: '763002', name: '另一单位' });
    const departmentA = a.projects[0]!.departmentId!;
    expect((await loadMonitoredProjects(db, { departmentId: departmentA })).map((p) => p.id)).toEqual([a.projects[0]!.id]);
    expect(await loadMonitoredProjects(db, { year: 2024 })).toEqual([]);
    expect(await loadMonitoredProjects(db, { statuses: ['draft', 'published'] })).toEqual([]);
    expect(await loadMonitoredProjects(db, { statuses: ['approved'] })).toHaveLength(2);
    expect(await listMonitoredDepartments(db, 2025, ['draft'])).toEqual([]);
    expect((await listMonitoredDepartments(db, 2025)).map((d) => d.name)).toEqual(['中共唐山市路南区委社会工作部', '另一单位'].sort());
    // A new version of department A's document: the old project stays, but not as current.
    const again = await storeMonitoringDocument(db, [monitoringProject(1)]);
    const current = await loadMonitoredProjects(db, { departmentId: departmentA, currentOnly: true });
    expect(current.map((p) => p.id)).toEqual([again.projects[0]!.id]);
    expect((await loadMonitoredProject(db, a.projects[0]!.id))!.isCurrent).toBe(false);
    expect(b.projects[0]!.isCurrent).toBe(true);
  });
});

describe('execution records', () => {
  it('keep indicator values as entered and money as integer fen', async () => {
    const db = await useTestDatabase();
    const { projects } = await storeMonitoringDocument(db, [monitoringProject(1)]);
    const p = projects[0]!;
    const id = await insertExecutionRecord(db, values(p.id, '2025-07-31', 4_800_000_123));
    await replaceExecutionIndicators(db, id, [line(p.indicators[3]!.id, '12.50'), line(p.indicators[0]!.id, '0.1000')]);
    const r = await findExecutionRecord(db, p.id, '2025-07-31');
    expect(r?.spentFen).toBe(4_800_000_123);
    // by indicator position, not insertion order
    expect(r?.indicators.map((l) => [l.indicatorId, l.valueToDate])).toEqual([
      [p.indicators[0]!.id, '0.1000'],
      [p.indicators[3]!.id, '12.50'],
    ]);
    expect(await findExecutionRecord(db, p.id, '2025-08-31')).toBeUndefined();
  });

  it('are unique per project and date', async () => {
    const db = await useTestDatabase();
    const { projects } = await storeMonitoringDocument(db, [monitoringProject(1)]);
    await insertExecutionRecord(db, values(projects[0]!.id, '2025-07-31', 1));
    await expect(insertExecutionRecord(db, values(projects[0]!.id, '2025-07-31', 2))).rejects.toThrow(CONSTRAINT_ERROR.unique);
  });

  it('list by project, round and date; rounds count current projects', async () => {
    const db = await useTestDatabase();
    const { projects } = await storeMonitoringDocument(db, [monitoringProject(1), monitoringProject(2)]);
    const [p, q] = projects as [typeof projects[0], typeof projects[0]];
    for (const [pid, asOf] of [[p.id, '2025-03-31'], [p.id, '2025-07-31'], [q.id, '2025-07-31']] as const) {
      await insertExecutionRecord(db, values(pid, asOf, 100));
    }
    expect((await listExecutionRecords(db, { asOf: '2025-07-31' })).map((r) => r.projectId)).toEqual([p.id, q.id]);
    expect((await listExecutionRecords(db, { projectIds: [p.id], until: '2025-06-30' })).map((r) => r.asOf)).toEqual(['2025-03-31']);
    expect(await listRecordDates(db, [p.id, q.id])).toEqual(new Map([[p.id, ['2025-03-31', '2025-07-31']], [q.id, ['2025-07-31']]]));
    expect(await listExecutionRounds(db, { year: 2025 })).toEqual([
      { asOf: '2025-03-31', projectCount: 1, departmentCount: 1 },
      { asOf: '2025-07-31', projectCount: 2, departmentCount: 1 },
    ]);
    expect(await listExecutionRounds(db, { year: 2025, departmentId: p.departmentId! + 1000 })).toEqual([]);
  });

  it('lose their line when the indicator is deleted, and delete with their lines', async () => {
    const db = await useTestDatabase();
    const { projects } = await storeMonitoringDocument(db, [monitoringProject(1)]);
    const p = projects[0]!;
    const id = await insertExecutionRecord(db, values(p.id, '2025-07-31', 1));
    await replaceExecutionIndicators(db, id, [line(p.indicators[0]!.id, '1'), line(p.indicators[1]!.id, '2')]);
    await db.deleteFrom('indicator').where('id', '=', p.indicators[0]!.id).execute();
    expect((await findExecutionRecord(db, p.id, '2025-07-31'))!.indicators.map((l) => l.indicatorId)).toEqual([p.indicators[1]!.id]);
    await deleteExecutionRecord(db, id);
    expect((await countRows(db)).executionIndicator).toBe(0);
    expect((await countRows(db)).executionRecord).toBe(0);
  });
});

describe('self-evaluations', () => {
  it('store weights and percents in hundredths, totals exactly', async () => {
    const db = await useTestDatabase();
    const { projects } = await storeMonitoringDocument(db, [monitoringProject(1)]);
    const p = projects[0]!;
    const id = await insertSelfEvaluation(db, {
      projectId: p.id,
      adjustedBudgetFen: null,
      spentFen: 110 * WAN,
      executionExplanation: null,
      goalAchievement: '完成',
      configId: 'default-2025',
      total: 91.86,
      grade: '优',
      complete: true,
      updatedAt: AT,
      updatedBy: 'alice',
    });
    await replaceSelfEvaluationIndicators(db, id, [
      { indicatorId: p.indicators[2]!.id, weight: 12.35, actualKind: 'graded', actualText: null, grade: '部分达成', percent: 72.5, deviationCause: 'x', improvement: 'y' },
      { indicatorId: p.indicators[0]!.id, weight: null, actualKind: 'value', actualText: '1200.0', grade: null, percent: null, deviationCause: null, improvement: null },
    ]);
    const e = await findSelfEvaluation(db, p.id);
    expect(e).toMatchObject({ total: 91.86, grade: '优', complete: true, spentFen: 110 * WAN, adjustedBudgetFen: null });
    expect(e!.indicators.map((l) => [l.indicatorId, l.weight, l.actualText, l.percent])).toEqual([
      [p.indicators[0]!.id, null, '1200.0', null],
      [p.indicators[2]!.id, 12.35, null, 72.5],
    ]);
    await expect(insertSelfEvaluation(db, { ...e!, total: 1 })).rejects.toThrow(CONSTRAINT_ERROR.unique);
  });

  it('refuse a weight with more than two decimals rather than round it', async () => {
    const db = await useTestDatabase();
    const { projects } = await storeMonitoringDocument(db, [monitoringProject(1)]);
    const p = projects[0]!;
    const id = await insertSelfEvaluation(db, {
      projectId: p.id, adjustedBudgetFen: null, spentFen: 0, executionExplanation: null, goalAchievement: null,
      configId: 'x', total: 0, grade: '差', complete: false, updatedAt: AT, updatedBy: 'a',
    });
    await expect(
      replaceSelfEvaluationIndicators(db, id, [
        { indicatorId: p.indicators[0]!.id, weight: 1.005, actualKind: null, actualText: null, grade: null, percent: null, deviationCause: null, improvement: null },
      ]),
    ).rejects.toThrow(/two decimals/);
  });
});

it('a document without a department still loads (department null)', async () => {
  const db = await useTestDatabase();
  const doc = buildParsedDocument({ sha256: fakeSha256('no department monitoring'), department: null, projects: [monitoringProject(9)] });
  const { documentId } = await storeDocument(db, doc);
  const [p] = (await loadMonitoredProjects(db, {})).filter((x) => x.documentId === documentId);
  expect(p).toMatchObject({ departmentId: null, year: 2025 });
});
