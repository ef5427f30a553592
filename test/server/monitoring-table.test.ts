/**
 * The monitoring table of a project (lifecycle.md §2 worked example exact), indicator lights by
 * kind, what yellow and red entries must explain, key monitoring, and the summaries of a round per
 * department and for the region.
 */
import { describe, expect, it } from 'vitest';
import type { MonitoredProject } from '../../src/server/db/monitoring.repository';
import type { Db } from '../../src/server/db/schema';
import { ExecutionDataError, MonitoringNotFoundError } from '../../src/server/modules/monitoring/errors';
import {
  saveExecutionRecord,
  type ExecutionIndicatorDraft,
} from '../../src/server/modules/execution-records/execution-record.service';
import { progressKind } from '../../src/server/modules/monitoring/indicator-progress';
import {
  getDepartmentMonitoringSummary,
  getMonitoringTable,
  getRegionMonitoringSummary,
  listRounds,
} from '../../src/server/modules/monitoring/monitoring.service';
import {
  departmentMonitoringSummarySchema,
  monitoringTableSchema,
  regionMonitoringSummarySchema,
} from '../../src/shared/api/monitoring';
import { useTestDatabase } from '../db/helpers';
import { indicator, monitoringProject, storeMonitoringDocument, WAN } from './monitoring-fixtures';

async function setup(): Promise<{ db: Db; p: MonitoredProject; projects: MonitoredProject[] }> {
  const db = await useTestDatabase();
  const { projects } = await storeMonitoringDocument(db, [monitoringProject(1), monitoringProject(2, { budgetWan: 300 }), monitoringProject(3)]);
  return { db, p: projects[0]!, projects };
}

/** Saves a round with lines given by indicator position. */
async function record(db: Db, p: MonitoredProject, asOf: string, spentWan: number, lines: Record<number, Omit<ExecutionIndicatorDraft, 'indicatorId'>> = {}, extra = {}) {
  await saveExecutionRecord(db, p.id, {
    asOf,
    spentFen: spentWan * WAN,
    indicators: Object.entries(lines).map(([position, l]) => ({ indicatorId: p.indicators[Number(position)]!.id, ...l })),
    ...extra,
  });
}

const light = async (db: Db, p: MonitoredProject, position: number, line: Omit<ExecutionIndicatorDraft, 'indicatorId'>, asOf = '2025-07-31') => {
  await record(db, p, asOf, 48, { [position]: line });
  const t = (await getMonitoringTable(db, p.id, asOf))!;
  return t.indicators[position]!;
};

describe('the monitoring table of a project', () => {
  it('computes the worked example exactly: 40% spent on 31 July against 56.30% planned is yellow at 71.05', async () => {
    const { db, p } = await setup();
    await record(
      db,
      p,
      '2025-07-31',
      48,
      {
        0: { valueToDate: '400', projected: '1000' },
        1: { projected: '110' },
        2: { likelihood: '有可能', cause: '人员保障', measure: '补充人员' },
        3: { projected: '88.50' },
      },
      { spendingCause: '制度保障', spendingMeasure: '加快采购进度' },
    );
    const t = (await getMonitoringTable(db, p.id, '2025-07-31'))!;
    expect(monitoringTableSchema.parse(t)).toEqual(t);
    expect(t.spending).toEqual({
      budgetFen: 120 * WAN,
      spentFen: 48 * WAN,
      actualPercent: 40,
      planPercent: 56.3,
      ratio: 71.05,
      light: 'yellow',
      planAmountFen: 67_560_976, // 120万元 × (50 + 25 × 31/123)% rounded to the fen
      gapFen: 67_560_976 - 48 * WAN,
      cause: '制度保障',
      causeNote: null,
      measure: '加快采购进度',
      issues: [],
    });
    expect(t.indicators.map((i) => [i.name, i.kind, i.method, i.light])).toEqual([
      ['培训人次', 'cumulative', 'cumulative', 'yellow'],
      ['项目成本', 'ceiling', 'projection', 'green'],
      ['社会效益', 'qualitative', 'likelihood', 'yellow'],
      ['群众满意度', 'level', 'projection', 'green'],
      ['完成时间', 'qualitative', 'none', null],
    ]);
    // 400 against 1000 × 211/364 of the year = 579.67 expected: 69.00
    expect(t.indicators[0]).toMatchObject({ expected: 579.67, ratio: 69, percentOfTarget: 40, valueToDate: '400', projected: '1000' });
    expect(t.indicators[1]!.projectedPercent).toBe(109.09);
    expect(t.indicators[3]!.projectedPercent).toBe(104.12);
    // The yellow count indicator has no cause and no measure yet.
    expect(t.indicators[0]!.issues.map((i) => i.code)).toEqual(['cause.missing', 'measure.missing']);
    expect(t.indicators[2]!.issues).toEqual([]);
    expect(t.indicatorLights).toEqual({ green: 2, yellow: 2, red: 0, blue: 0, none: 1 });
    expect(t).toMatchObject({ worstLight: 'yellow', behind: true, complete: false, keyMonitoring: false, rounds: ['2025-07-31'], configId: 'default-2025' });
  });

  it('is the latest round without a date, null for a date without a record, not found for no project', async () => {
    const { db, p } = await setup();
    await record(db, p, '2025-03-31', 10);
    await record(db, p, '2025-07-31', 48);
    expect((await getMonitoringTable(db, p.id))!.asOf).toBe('2025-07-31');
    expect((await getMonitoringTable(db, p.id))!.rounds).toEqual(['2025-03-31', '2025-07-31']);
    expect(await getMonitoringTable(db, p.id, '2025-06-30')).toBeNull();
    await expect(getMonitoringTable(db, 424242)).rejects.toBeInstanceOf(MonitoringNotFoundError);
    expect(await listRounds(db, 2025)).toEqual([
      { asOf: '2025-03-31', projectCount: 1, departmentCount: 1 },
      { asOf: '2025-07-31', projectCount: 1, departmentCount: 1 },
    ]);
  });

  it('cumulative indicators: red below 60, blue from 120% of the annual target', async () => {
    const { db, p } = await setup();
    expect(await light(db, p, 0, { valueToDate: '300' })).toMatchObject({ light: 'red', ratio: 51.75 });
    expect(await light(db, p, 0, { valueToDate: '1200' })).toMatchObject({ light: 'blue', percentOfTarget: 120 });
    expect(await light(db, p, 0, { valueToDate: 480 })).toMatchObject({ light: 'green', ratio: 82.81 });
  });

  it('rates and ceilings from the projection: missing the target is yellow, below the red band red', async () => {
    const { db, p } = await setup();
    expect(await light(db, p, 3, { projected: '80' })).toMatchObject({ light: 'yellow', projectedPercent: 94.12 });
    expect(await light(db, p, 3, { projected: '50' })).toMatchObject({ light: 'red', projectedPercent: 58.82 });
    expect(await light(db, p, 1, { projected: '130' })).toMatchObject({ light: 'yellow', projectedPercent: 92.31 });
    expect(await light(db, p, 1, { projected: '250' })).toMatchObject({ light: 'red', projectedPercent: 48 });
    expect(await light(db, p, 1, { projected: '120' })).toMatchObject({ light: 'green' });
  });

  it('takes the worst of projection and likelihood', async () => {
    const { db, p } = await setup();
    expect(await light(db, p, 3, { projected: '90', likelihood: '完全不可能' })).toMatchObject({ light: 'red', method: 'likelihood' });
    expect(await light(db, p, 3, { projected: '50', likelihood: '确定能' })).toMatchObject({ light: 'red', method: 'projection' });
    expect(await light(db, p, 4, { likelihood: '确定能' })).toMatchObject({ light: 'green', method: 'likelihood' });
  });

  it('asks every yellow and red for a cause and a measure, and 其他 for a note', async () => {
    const { db, p } = await setup();
    const other = await light(db, p, 2, { likelihood: '完全不可能', cause: '其他', measure: '调整方案' });
    expect(other.issues).toEqual([{ code: 'cause.note-missing', message: '偏差原因为“其他”时须具体说明' }]);
    const noted = await light(db, p, 2, { likelihood: '完全不可能', cause: '其他', causeNote: '政策调整', measure: '调整方案' });
    expect(noted.issues).toEqual([]);
    await record(db, p, '2025-07-31', 10);
    const t = (await getMonitoringTable(db, p.id, '2025-07-31'))!;
    expect(t.spending.light).toBe('red');
    expect(t.spending.issues.map((i) => i.message)).toEqual([
      '预警（红灯）须说明偏差原因（经费保障、制度保障、人员保障、硬件保障、其他）',
      '预警（红灯）须提出纠偏措施',
    ]);
  });

  it('flags key monitoring from the end of August for budgets above 200万元 less than 60% spent', async () => {
    const { db, projects } = await setup();
    const big = projects[1]!;
    await record(db, big, '2025-07-31', 150);
    await record(db, big, '2025-08-31', 150);
    expect((await getMonitoringTable(db, big.id, '2025-07-31'))!.keyMonitoring).toBe(false);
    expect((await getMonitoringTable(db, big.id, '2025-08-31'))!.keyMonitoring).toBe(true);
    await record(db, big, '2025-09-30', 200);
    expect((await getMonitoringTable(db, big.id, '2025-09-30'))!.keyMonitoring).toBe(false);
  });

  it('has no spending light without a budget', async () => {
    const db = await useTestDatabase();
    const project = monitoringProject(7);
    project.budget = { total: null, fiscal: null, other: null };
    const { projects } = await storeMonitoringDocument(db, [project]);
    await record(db, projects[0]!, '2025-07-31', 1);
    const t = (await getMonitoringTable(db, projects[0]!.id))!;
    expect(t.spending).toMatchObject({ light: null, actualPercent: null, planPercent: null, gapFen: null, issues: [] });
  });
});

describe('progress kinds', () => {
  it.each([
    ['≥1000人次', '培训人次', 'cumulative'],
    ['=334人', '人数', 'cumulative'],
    ['≥20万元', '带动投资', 'cumulative'],
    ['≥85%', '覆盖率', 'level'],
    ['≥95', '服务对象满意度', 'level'],
    ['≥100', '工资发放人数', 'cumulative'],
    ['=1年', '服务年限', 'level'],
    ['≤10万元', '项目成本', 'ceiling'],
    ['显著提高', '社会效益', 'qualitative'],
    ['2025年12月底前', '完成时间', 'qualitative'],
    ['', '备用', 'qualitative'],
  ])('%s (%s) is %s', (target, name, kind) => {
    expect(progressKind(indicator('产出指标', '数量指标', name, target))).toBe(kind);
  });

  it('satisfaction indicators are levels whatever their unit', () => {
    expect(progressKind(indicator('满意度指标', '服务对象满意度指标', '满意人数', '≥100人'))).toBe('level');
  });
});

describe('summaries of a round', () => {
  async function twoDepartments() {
    const { db, projects } = await setup();
    const [p1, p2] = projects as [MonitoredProject, MonitoredProject, MonitoredProject];
    // p1 on plan, every indicator fine; p2 (300万元) far behind at the end of August, unexplained; p3 not reported.
    await record(db, p1, '2025-08-31', 84, { 0: { valueToDate: '700' }, 3: { likelihood: '确定能' } });
    await record(db, p2, '2025-08-31', 90);
    const other = await storeMonitoringDocument(db, [monitoringProject(4)], { code: '763002', name: '唐山市路南区民政局' });
    const q = other.projects[0]!;
    await record(db, q, '2025-08-31', 60, { 2: { likelihood: '完全不可能', cause: '经费保障', measure: '申请追加' } }, { spendingCause: '经费保障', spendingMeasure: '加快支付' });
    return { db, projects, q };
  }

  it('a department: totals, lights, who is behind by how much and why, key monitoring, who has not reported', async () => {
    const { db, projects } = await twoDepartments();
    const [p1, p2, p3] = projects as [MonitoredProject, MonitoredProject, MonitoredProject];
    const s = await getDepartmentMonitoringSummary(db, p1.departmentId!, 2025, '2025-08-31');
    expect(departmentMonitoringSummarySchema.parse(s)).toEqual(s);
    expect(s.department).toEqual({ id: p1.departmentId, code: '763001', name: '中共唐山市路南区委社会工作部' });
    expect(s.totals).toMatchObject({
      projectCount: 3,
      reportedCount: 2,
      budgetTotalFen: 540 * WAN,
      reportedBudgetFen: 420 * WAN,
      spentTotalFen: 174 * WAN,
      executionRatePercent: 41.43,
      spendingLights: { green: 1, yellow: 0, red: 1, blue: 0, none: 0 }, // reported projects only
      behindCount: 1,
      keyMonitoringCount: 1,
      incompleteCount: 1,
      causeCounts: [{ cause: '未说明', count: 1 }],
    });
    expect(s.projects.map((r) => [r.name, r.reported, r.spendingLight, r.behind])).toEqual([
      ['监控测试项目1', true, 'green', false],
      ['监控测试项目2', true, 'red', true],
      ['监控测试项目3', false, null, false],
    ]);
    // 30% spent against 50 + 25 × 62/123 = 62.60% planned
    expect(s.behind).toEqual([
      expect.objectContaining({ projectId: p2.id, actualPercent: 30, planPercent: 62.6, ratio: 47.92, spendingLight: 'red', keyMonitoring: true, cause: null, complete: false }),
    ]);
    expect(s.behind[0]!.gapFen).toBe(Math.round((300 * WAN * (50 + (25 * 62) / 123)) / 100) - 90 * WAN);
    expect(s.keyMonitoring.map((k) => k.projectId)).toEqual([p2.id]);
    expect(s.missing).toEqual([{ projectId: p3.id, code: p3.code, name: p3.name }]);
  });

  it('the region: every department, behind projects across departments worst first, causes', async () => {
    const { db, projects, q } = await twoDepartments();
    const s = await getRegionMonitoringSummary(db, 2025, '2025-08-31');
    expect(regionMonitoringSummarySchema.parse(s)).toEqual(s);
    expect(s.departments.map((d) => [d.department.name, d.totals.projectCount, d.totals.reportedCount, d.totals.behindCount])).toEqual([
      ['中共唐山市路南区委社会工作部', 3, 2, 1],
      ['唐山市路南区民政局', 1, 1, 1],
    ]);
    expect(s.totals).toMatchObject({ projectCount: 4, reportedCount: 3, behindCount: 2, keyMonitoringCount: 1 });
    expect(s.behind.map((b) => [b.projectId, b.worstLight])).toEqual([
      [projects[1]!.id, 'red'],
      [q.id, 'red'],
    ]);
    expect(s.behind[1]!.indicators).toEqual([
      expect.objectContaining({ name: '社会效益', light: 'red', likelihood: '完全不可能', cause: '经费保障', measure: '申请追加' }),
    ]);
    expect(s.totals.causeCounts).toEqual([
      { cause: '经费保障', count: 2 },
      { cause: '未说明', count: 1 },
    ]);
  });

  it('leaves out projects whose targets are not approved', async () => {
    const { db, projects } = await twoDepartments();
    await storeMonitoringDocument(db, [monitoringProject(8)], { code: '763009', name: '草稿单位' }, 2025, 'draft');
    const departmentA = projects[0]!.departmentId!;
    await db.updateTable('project').set({ status: 'returned' }).where('id', '=', projects[2]!.id).execute();
    const s = await getDepartmentMonitoringSummary(db, departmentA, 2025, '2025-08-31');
    expect(s.projects.map((p) => p.projectId)).toEqual([projects[0]!.id, projects[1]!.id]);
    const region = await getRegionMonitoringSummary(db, 2025, '2025-08-31');
    expect(region.departments.map((d) => d.department.name)).not.toContain('草稿单位');
  });

  it('refuses a round date that is no date', async () => {
    const { db, p } = await setup();
    await expect(getRegionMonitoringSummary(db, 2025, '2025-02-30')).rejects.toThrow('asOf: 截至日期“2025-02-30”不是有效日期（YYYY-MM-DD）');
    await expect(getDepartmentMonitoringSummary(db, p.departmentId!, 2025, 'x')).rejects.toBeInstanceOf(ExecutionDataError);
    await expect(getMonitoringTable(db, p.id, '2025-13-01')).rejects.toBeInstanceOf(ExecutionDataError);
  });

  it('an unknown department is not found', async () => {
    const { db } = await setup();
    await expect(getDepartmentMonitoringSummary(db, 9999, 2025, '2025-08-31')).rejects.toThrow('该单位不存在');
  });
});
