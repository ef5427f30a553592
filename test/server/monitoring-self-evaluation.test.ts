/**
 * Self-evaluation through the service: lifecycle.md §3's worked examples scored exactly from stored
 * input, requirements (deviation reasons, the 130% prompt, low execution), malformed input refused
 * with field paths and nothing written, audit, department averages and the region ranking.
 */
import { describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { findSelfEvaluation } from '../../src/server/db/self-evaluation.repository';
import { type MonitoredProject } from '../../src/server/db/monitoring.repository';
import type { Db } from '../../src/server/db/schema';
import { ExecutionDataError } from '../../src/server/modules/monitoring/errors';
import {
  getDepartmentSelfEvaluationSummary,
  getRegionSelfEvaluationRanking,
  getSelfEvaluation,
  saveSelfEvaluation,
  type SelfEvaluationDraft,
} from '../../src/server/modules/self-evaluation/self-evaluation.service';
import {
  departmentSelfEvaluationSummarySchema,
  regionSelfEvaluationRankingSchema,
  selfEvaluationInputSchema,
  selfEvaluationResultSchema,
} from '../../src/shared/api/monitoring';
import { buildSpendingPlan } from '../factories';
import { snapshotDatabase, useTestDatabase } from '../db/helpers';
import { example1Project, indicator, monitoringProject, storeMonitoringDocument, WAN } from './monitoring-fixtures';

const NOW = new Date('2026-01-20T02:00:00.000Z');

/** lifecycle.md §3 worked example 2: budget 50万元. */
function example2Project(serial: number) {
  return monitoringProject(serial, {
    budgetWan: 50,
    spendingPlan: buildSpendingPlan(50 * WAN),
    indicators: [
      indicator('产出指标', '数量指标', '建设个数', '≥10个'),
      indicator('产出指标', '成本指标', '项目成本', '≤50万元'),
      indicator('效益指标', '社会效益指标', '覆盖率', '≥20%'),
      indicator('满意度指标', '服务对象满意度指标', '满意度', '=100%'),
    ],
  });
}

const ids = (p: MonitoredProject) => p.indicators.map((i) => i.id);

function example1Input(p: MonitoredProject, explained = false): SelfEvaluationDraft {
  const [cost, count, time, quality, benefit, satisfaction] = ids(p);
  const why = explained ? { deviationCause: '部分工作延后', improvement: '加强调度' } : {};
  return {
    spentFen: 9_200_000,
    goalAchievement: '基本完成年度目标',
    indicators: [
      { indicatorId: cost!, actual: { kind: 'value', value: '9.2' } },
      { indicatorId: count!, actual: { kind: 'value', value: 3 }, ...(explained ? { deviationCause: '目标设定偏低' } : {}) },
      { indicatorId: time!, actual: { kind: 'value', value: '1年' } },
      { indicatorId: quality!, actual: { kind: 'graded', grade: '部分达成', percent: 70 }, ...why },
      { indicatorId: benefit!, actual: { kind: 'graded', grade: '达成', percent: 90 }, ...why },
      { indicatorId: satisfaction!, actual: { kind: 'value', value: '80%' }, ...why },
    ],
  };
}

function example2Input(p: MonitoredProject): SelfEvaluationDraft {
  const [count, cost, coverage, satisfaction] = ids(p);
  return {
    spentFen: 35 * WAN,
    indicators: [
      { indicatorId: count!, actual: { kind: 'value', value: 6 } },
      { indicatorId: cost!, actual: { kind: 'value', value: 55 } },
      { indicatorId: coverage!, actual: { kind: 'value', value: 15 } },
      { indicatorId: satisfaction!, actual: { kind: 'value', value: 95 } },
    ],
  };
}

async function setup(): Promise<{ db: Db; p1: MonitoredProject; p2: MonitoredProject; p3: MonitoredProject }> {
  const db = await useTestDatabase();
  const { projects } = await storeMonitoringDocument(db, [example1Project(1), example2Project(2), monitoringProject(3)]);
  return { db, p1: projects[0]!, p2: projects[1]!, p3: projects[2]! };
}

async function refused(db: Db, projectId: number, input: SelfEvaluationDraft) {
  const before = await snapshotDatabase(db);
  const error = await saveSelfEvaluation(db, projectId, input, { now: NOW }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ExecutionDataError);
  expect(await snapshotDatabase(db)).toEqual(before);
  return [...(error as ExecutionDataError).issues];
}

describe('saveSelfEvaluation', () => {
  it('scores worked example 1 exactly: 91.86 → 优, and stores total and grade', async () => {
    const { db, p1 } = await setup();
    const { status, result } = await saveSelfEvaluation(db, p1.id, example1Input(p1), { actor: 'alice', now: NOW });
    expect(status).toBe('created');
    expect(selfEvaluationResultSchema.parse(result)).toEqual(result);
    expect(result.funds).toEqual({
      initialBudgetFen: 10 * WAN,
      adjustedBudgetFen: 10 * WAN,
      adjustedBudgetGiven: false,
      spentFen: 9_200_000,
      ratePercent: 92,
      weight: 10,
      score: 9.2,
    });
    expect(result.indicators.map((i) => i.score)).toEqual([12.5, 12.5, 12.5, 8.75, 27, 9.41]);
    expect(result.indicators.map((i) => i.actualText)).toEqual(['9.2万元', '3次', '1年', '部分达成（70%）', '达成（90%）', '80%']);
    expect(result).toMatchObject({ total: 91.86, grade: '优', goalAchievement: '基本完成年度目标', updatedBy: 'alice', updatedAt: NOW.toISOString() });
    expect(await findSelfEvaluation(db, p1.id)).toMatchObject({ total: 91.86, grade: '优', complete: false, configId: 'default-2025' });
  });

  it('asks for deviation reasons and the 130% explanation until they are given', async () => {
    const { db, p1 } = await setup();
    const [, count, , quality, benefit, satisfaction] = ids(p1);
    const bare = (await saveSelfEvaluation(db, p1.id, example1Input(p1), { now: NOW })).result;
    expect(bare.requirements.map((r) => [r.code, r.indicatorId, r.met])).toEqual([
      ['indicator.far-above', count, false],
      ['indicator.deviation', quality, false],
      ['indicator.deviation', benefit, false],
      ['indicator.deviation', satisfaction, false],
    ]);
    expect(bare.requirements[0]!.message).toBe('“培训次数”实际完成值为目标的300%，须说明原因（目标是否设定偏低）');
    expect(bare.complete).toBe(false);
    const explained = (await saveSelfEvaluation(db, p1.id, example1Input(p1, true), { now: NOW })).result;
    expect(explained.requirements.every((r) => r.met)).toBe(true);
    expect(explained.complete).toBe(true);
    expect((await findSelfEvaluation(db, p1.id))!.complete).toBe(true);
  });

  it('scores worked example 2 exactly: 76.73 → 中, low execution must be explained', async () => {
    const { db, p2 } = await setup();
    const { result } = await saveSelfEvaluation(db, p2.id, example2Input(p2), { now: NOW });
    expect(result.funds).toMatchObject({ ratePercent: 70, score: 7 });
    expect(result.indicators.map((i) => i.score)).toEqual([15, 22.73, 22.5, 9.5]);
    expect(result).toMatchObject({ total: 76.73, grade: '中' });
    expect(result.requirements[0]).toEqual({ code: 'execution.explain', message: '预算执行率70.00%低于90%，须说明原因', indicatorId: null, met: false });
    const withWhy = await saveSelfEvaluation(db, p2.id, { ...example2Input(p2), executionExplanation: '部分资金结转' }, { now: NOW });
    expect(withWhy.result.requirements[0]!.met).toBe(true);
  });

  it('uses set weights and the adjusted budget', async () => {
    const { db, p2 } = await setup();
    const input = example2Input(p2);
    input.adjustedBudgetFen = 40 * WAN;
    input.indicators = input.indicators.map((l, i) => (i < 2 ? { ...l, weight: i === 0 ? 30 : 20 } : l));
    const { result } = await saveSelfEvaluation(db, p2.id, input, { now: NOW });
    expect(result.funds).toMatchObject({ adjustedBudgetFen: 40 * WAN, adjustedBudgetGiven: true, ratePercent: 87.5, score: 8.75 });
    expect(result.indicators.map((i) => [i.weight, i.weightGiven, i.score])).toEqual([
      [30, true, 18],
      [20, true, 18.18],
      [30, false, 22.5],
      [10, false, 9.5],
    ]);
  });

  it('is audited with what changed, and saving the same again writes nothing', async () => {
    const { db, p2 } = await setup();
    await saveSelfEvaluation(db, p2.id, example2Input(p2), { actor: 'alice', now: NOW });
    await saveSelfEvaluation(db, p2.id, { ...example2Input(p2), executionExplanation: '结转' }, { actor: 'bob', now: NOW });
    const before = await snapshotDatabase(db);
    const again = await saveSelfEvaluation(db, p2.id, { ...example2Input(p2), executionExplanation: '结转' }, { actor: 'carol', now: NOW });
    expect(again.status).toBe('unchanged');
    expect(await snapshotDatabase(db)).toEqual(before);
    const audit = (await listAuditEntries(db, { entity: 'project', entityId: p2.id })).filter((a) => a.action === 'self-evaluation.save');
    expect(audit.map((a) => a.actor)).toEqual(['alice', 'bob']);
    expect(audit[1]!.detail).toMatchObject({ total: 76.73, grade: '中', before: { executionExplanation: null }, after: { executionExplanation: '结转' } });
  });

  it('reads back blank before anything is saved, and as saved after', async () => {
    const { db, p1 } = await setup();
    const blank = await getSelfEvaluation(db, p1.id);
    expect(blank).toMatchObject({ updatedAt: null, total: 0, grade: '差', complete: false });
    expect(blank.indicators.every((i) => i.actual === null)).toBe(true);
    expect(blank.indicators.map((i) => i.graded)).toEqual([false, false, false, true, true, false]);
    const saved = (await saveSelfEvaluation(db, p1.id, example1Input(p1), { now: NOW })).result;
    expect(await getSelfEvaluation(db, p1.id)).toEqual(saved);
  });

  it('accepts input that the API schema accepts', async () => {
    const { db, p1 } = await setup();
    const input = selfEvaluationInputSchema.parse(example1Input(p1));
    await expect(saveSelfEvaluation(db, p1.id, input)).resolves.toMatchObject({ status: 'created' });
  });
});

describe('malformed self-evaluation input is refused, naming the field, and changes nothing', () => {
  it('money: negative, not whole fen', async () => {
    const { db, p1 } = await setup();
    expect(await refused(db, p1.id, { ...example1Input(p1), spentFen: -1, adjustedBudgetFen: 0.5 })).toEqual([
      { path: 'spentFen', message: '全年执行数不能为负数' },
      { path: 'adjustedBudgetFen', message: '全年预算数须精确到分：0.5 分不是整数' },
    ]);
  });

  it('indicators: a number for a qualitative target, a grade outside its band, an unknown grade, a foreign indicator, a weight with three decimals', async () => {
    const { db, p1, p2 } = await setup();
    const [cost, , , quality, benefit] = ids(p1);
    const issues = await refused(db, p1.id, {
      spentFen: 0,
      indicators: [
        { indicatorId: benefit!, actual: { kind: 'value', value: '80' } },
        { indicatorId: quality!, actual: { kind: 'graded', grade: '部分达成', percent: 85 } },
        { indicatorId: cost!, actual: { kind: 'graded', grade: '基本达成', percent: 85 }, weight: 1.005 },
        { indicatorId: p2.indicators[0]!.id, actual: { kind: 'value', value: 1 } },
      ],
    });
    expect(issues).toEqual([
      { path: 'indicators.0.actual.value', message: '指标“社会效益”的指标值“显著提高”不是数值目标：请评定完成等级（达成/部分达成/未达成）及得分比例' },
      { path: 'indicators.1.actual.percent', message: '指标“工作质量”“部分达成”的得分比例应在50%–80%之间，填写的是85%' },
      { path: 'indicators.2.weight', message: '分值1.005最多两位小数' },
      { path: 'indicators.2.actual.grade', message: '指标“项目成本”的完成等级“基本达成”应为达成、部分达成、未达成之一' },
      { path: 'indicators.3.indicatorId', message: '所填的指标不属于项目“监控测试项目1”（或已在调整中取消）' },
    ]);
  });

  it('weights that do not add up within a category', async () => {
    const { db, p2 } = await setup();
    const input = example2Input(p2);
    input.indicators = input.indicators.map((l, i) => (i < 2 ? { ...l, weight: 20 } : l));
    expect(await refused(db, p2.id, input)).toEqual([{ path: 'indicators.0.weight', message: '“产出指标”下各指标分值合计40，应等于50' }]);
  });
});

describe('summaries and ranking', () => {
  it('a department: average of stored totals, grades, each project', async () => {
    const { db, p1, p2, p3 } = await setup();
    await saveSelfEvaluation(db, p1.id, example1Input(p1), { now: NOW });
    await saveSelfEvaluation(db, p2.id, example2Input(p2), { now: NOW });
    const s = await getDepartmentSelfEvaluationSummary(db, p1.departmentId!, 2025);
    expect(departmentSelfEvaluationSummarySchema.parse(s)).toEqual(s);
    // (91.86 + 76.73) / 2 = 84.295 → 84.30
    expect(s).toMatchObject({ projectCount: 3, evaluatedCount: 2, completeCount: 0, averageTotal: 84.3, gradeCounts: { 优: 1, 良: 0, 中: 1, 差: 0 } });
    expect(s.projects.map((r) => [r.projectId, r.evaluated, r.total, r.grade, r.executionRatePercent])).toEqual([
      [p1.id, true, 91.86, '优', 92],
      [p2.id, true, 76.73, '中', 70],
      [p3.id, false, null, null, null],
    ]);
  });

  it('the region: departments by average, projects by total, ties share a rank', async () => {
    const { db, p1, p2 } = await setup();
    await saveSelfEvaluation(db, p1.id, example1Input(p1), { now: NOW });
    await saveSelfEvaluation(db, p2.id, example2Input(p2), { now: NOW });
    const b = (await storeMonitoringDocument(db, [example1Project(4)], { code: '763002', name: '唐山市路南区民政局' })).projects[0]!;
    await saveSelfEvaluation(db, b.id, example1Input(b), { now: NOW });
    await storeMonitoringDocument(db, [monitoringProject(5)], { code: '763003', name: '唐山市路南区财政局' });
    const r = await getRegionSelfEvaluationRanking(db, 2025);
    expect(regionSelfEvaluationRankingSchema.parse(r)).toEqual(r);
    expect(r.departments.map((d) => [d.rank, d.department.name, d.averageTotal, d.evaluatedCount])).toEqual([
      [1, '唐山市路南区民政局', 91.86, 1],
      [2, '中共唐山市路南区委社会工作部', 84.3, 2],
      [null, '唐山市路南区财政局', null, 0],
    ]);
    expect(r.projects.map((x) => [x.rank, x.projectId, x.total])).toEqual([
      [1, p1.id, 91.86],
      [1, b.id, 91.86],
      [3, p2.id, 76.73],
    ]);
  });
});
