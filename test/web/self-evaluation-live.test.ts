import { describe, expect, it } from 'vitest';
import { selfEvaluationInputSchema, type SelfEvaluationResult } from '../../src/shared/api/monitoring';
import { parseTargetValue } from '../../src/shared/domain/target-value';
import type { MonitoredProject } from '../../src/server/db/monitoring.repository';
import { buildSelfEvaluationResult, checkSelfEvaluation } from '../../src/server/modules/self-evaluation/self-evaluation.service';
import {
  enteredNumber,
  formFromResult,
  formToInput,
  liveEvaluation,
  regionOf,
  type SelfEvaluationForm,
} from '../../src/web/lib/self-evaluation-live';

/** lifecycle.md §3, worked example 1, as the server stores the project. */
function project(): MonitoredProject {
  const ind = (id: number, level1: string, level2: string, name: string, target: string) => ({
    id,
    position: id - 1,
    level1,
    level2,
    level1Raw: level1,
    level2Raw: level2,
    name,
    target: parseTargetValue(target),
  });
  return {
    id: 7,
    documentId: 1,
    departmentId: 3,
    departmentCode: '763001',
    departmentName: '某局',
    year: 2025,
    isCurrent: true,
    status: 'approved',
    code: '13020225P008911100023',
    name: '示例项目',
    position: 0,
    budgetTotal: 10_000_000, // 10万元
    spendingPlan: [],
    goals: ['完成示例工作'],
    indicators: [
      ind(1, '产出指标', '成本指标', '项目成本', '≤10万元'),
      ind(2, '产出指标', '数量指标', '培训次数', '≥1次'),
      ind(3, '产出指标', '时效指标', '完成时间', '≤1年'),
      ind(4, '产出指标', '质量指标', '质量达标', '达成市级目标'),
      ind(5, '效益指标', '社会效益指标', '社会效益', '显著提高'),
      ind(6, '满意度指标', '服务对象满意度指标', '满意度', '≥85%'),
    ],
  };
}

/** What GET /api/projects/:id/self-evaluation answers before the first save. */
function blankResult(): SelfEvaluationResult {
  return buildSelfEvaluationResult(project(), { adjustedBudgetFen: null, spentFen: 0, executionExplanation: null, goalAchievement: null, indicators: [] });
}

/** The form filled as in worked example 1. */
function example1(): SelfEvaluationForm {
  const form = formFromResult(blankResult());
  form.spentText = '9.2';
  const set = (i: number, patch: Partial<SelfEvaluationForm['indicators'][number]>) => Object.assign(form.indicators[i]!, patch);
  set(0, { valueText: '9.2万元' });
  set(1, { valueText: '3' });
  set(2, { valueText: '1' });
  set(3, { grade: '部分达成', percent: 70 });
  set(4, { grade: '达成', percent: 90 });
  set(5, { valueText: '80%' });
  return form;
}

describe('the live self-evaluation score', () => {
  it('scores worked example 1 exactly: 91.86 → 优', () => {
    const live = liveEvaluation(blankResult(), example1());
    expect(live.spentFen).toBe(9_200_000);
    expect(live.result.execution.score).toBe(9.2);
    expect(live.result.indicators.map((i) => i.score)).toEqual([12.5, 12.5, 12.5, 8.75, 27, 9.41]);
    expect(live.result.total).toBe(91.86);
    expect(live.result.grade).toBe('优');
  });

  it('changes as the user types', () => {
    const form = example1();
    form.indicators[5]!.valueText = '85';
    expect(liveEvaluation(blankResult(), form).result.total).toBe(92.45);
    form.spentText = '5';
    // execution 5.00 instead of 10 × 0.92 = 9.20
    expect(liveEvaluation(blankResult(), form).result.total).toBe(88.25);
    expect(liveEvaluation(blankResult(), form).result.grade).toBe('良');
    form.indicators[1]!.valueText = '';
    const r = liveEvaluation(blankResult(), form).result;
    expect(r.indicators[1]!.score).toBe(0);
    expect(r.issues.some((i) => i.code === 'actual.missing' && i.indicator === 1)).toBe(true);
  });

  it('gives the same scores, total, grade and prompts as the server for what it saves', () => {
    const p = project();
    const forms: SelfEvaluationForm[] = [example1()];
    const low = example1();
    low.spentText = '4.5';
    low.adjustedBudgetText = '9';
    low.indicators[1]!.valueText = '5'; // 500% of target: asks for an explanation
    low.indicators[0]!.valueText = '12.5'; // over the cost ceiling
    low.indicators[0]!.deviationCause = '材料涨价';
    forms.push(low);
    for (const form of forms) {
      const built = formToInput(blankResult(), form);
      expect(built.ok).toBe(true);
      if (!built.ok) continue;
      expect(selfEvaluationInputSchema.safeParse(built.input).success).toBe(true);
      const checked = checkSelfEvaluation(p, built.input);
      expect(checked.ok).toBe(true);
      if (!checked.ok) continue;
      const server = buildSelfEvaluationResult(p, checked.evaluation);
      const live = liveEvaluation(blankResult(), form).result;
      expect(live.total).toBe(server.total);
      expect(live.grade).toBe(server.grade);
      expect(live.execution.score).toBe(server.funds.score);
      expect(live.indicators.map((i) => i.score)).toEqual(server.indicators.map((i) => i.score));
      expect(live.requirements.map((q) => [q.code, q.met])).toEqual(server.requirements.map((q) => [q.code, q.met]));
      // And the form re-read from the saved answer scores the same again.
      expect(liveEvaluation(server, formFromResult(server)).result.total).toBe(server.total);
    }
  });

  it('asks for the mandatory explanations', () => {
    const form = example1();
    form.spentText = '8';
    form.indicators[1]!.valueText = '2'; // 200% of ≥1次
    let r = liveEvaluation(blankResult(), form).result;
    const codes = (met: boolean) => r.requirements.filter((q) => q.met === met).map((q) => `${q.code}:${q.indicator}`);
    expect(codes(false)).toEqual(['execution.explain:null', 'indicator.far-above:1', 'indicator.deviation:3', 'indicator.deviation:4', 'indicator.deviation:5']);
    form.executionExplanation = '年末资金未到位';
    form.indicators[1]!.deviationCause = '目标设定偏低';
    form.indicators[3]!.deviationCause = '部分未达标';
    r = liveEvaluation(blankResult(), form).result;
    // 偏差原因 alone does not meet "below full marks": 改进措施 is needed too.
    expect(codes(false)).toEqual(['indicator.deviation:3', 'indicator.deviation:4', 'indicator.deviation:5']);
    form.indicators[3]!.improvement = '加强质量管理';
    r = liveEvaluation(blankResult(), form).result;
    expect(codes(false)).toEqual(['indicator.deviation:4', 'indicator.deviation:5']);
    expect(codes(true)).toEqual(['execution.explain:null', 'indicator.far-above:1', 'indicator.deviation:3']);
  });

  it('uses 全年预算数 when typed, else the initial budget', () => {
    const form = example1();
    form.adjustedBudgetText = '9.2';
    expect(liveEvaluation(blankResult(), form).result.execution.score).toBe(10);
    expect(liveEvaluation(blankResult(), form).adjustedBudgetFen).toBe(9_200_000);
    form.adjustedBudgetText = '9.2.1';
    const live = liveEvaluation(blankResult(), form);
    expect(live.moneyErrors.adjustedBudget).not.toBeNull();
    expect(live.adjustedBudgetFen).toBe(10_000_000);
  });

  it('takes the budget in force when 全年预算数 is blank: an approved 目标调整’s, as the server does (issue 71)', () => {
    // the budget raised from 10万元 to 12万元 from 1 September: the server scores 8.6842 ÷ 12 = 72.37%, not ÷ 10
    const adjusted: MonitoredProject = { ...project(), adjustments: [{ version: 2, effectiveOn: '2025-09-01', rows: project().indicators.map((i) => ({ key: `i${i.id}`, indicatorId: i.id, level1: i.level1, level2: i.level2, name: i.name, target: i.target.raw })), budgetFen: 12_000_000 }] };
    const server = buildSelfEvaluationResult(adjusted, { adjustedBudgetFen: null, spentFen: 8_684_200, executionExplanation: null, goalAchievement: null, indicators: [] });
    const form = formFromResult(server);
    const live = liveEvaluation(server, form);
    expect(server.funds.initialBudgetFen).toBe(10_000_000);
    expect(live.adjustedBudgetFen).toBe(12_000_000);
    expect(live.result.execution.ratePercent).toBe(72.37);
    expect(live.result.execution.ratePercent).toBe(server.funds.ratePercent);
    expect(live.result.total).toBe(server.total);
    // the reason of the low execution is asked at once, as the server asks it
    expect(live.result.requirements.find((q) => q.code === 'execution.explain')?.met).toBe(false);
  });
});

describe('the self-evaluation PUT body', () => {
  it('turns 万元 text into exact fen and values into decimal text', () => {
    const form = example1();
    form.spentText = '1,234.567891';
    form.adjustedBudgetText = '';
    const built = formToInput(blankResult(), form);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input.spentFen).toBe(1_234_567_891);
    expect(built.input.adjustedBudgetFen).toBeNull();
    expect(built.input.indicators.map((i) => i.actual)).toEqual([
      { kind: 'value', value: '9.2' },
      { kind: 'value', value: '3' },
      { kind: 'value', value: '1' },
      { kind: 'graded', grade: '部分达成', percent: 70 },
      { kind: 'graded', grade: '达成', percent: 90 },
      { kind: 'value', value: '80' },
    ]);
  });

  it('names the fields that cannot be sent', () => {
    const form = example1();
    form.spentText = '';
    form.indicators[1]!.valueText = '三次';
    form.indicators[3]!.percent = null;
    const built = formToInput(blankResult(), form);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.map((e) => e.path)).toEqual(['spentFen', 'indicators.1.actual.value', 'indicators.3.actual.percent']);
  });
});

describe('entered numbers and settings', () => {
  it('reads numbers as the server does', () => {
    expect(enteredNumber('１,234.5人', '人')).toEqual({ ok: true, text: '1234.5' });
    expect(enteredNumber(' 85% ', '%')).toEqual({ ok: true, text: '85' });
    expect(enteredNumber('+3', null)).toEqual({ ok: true, text: '3' });
    expect(enteredNumber('', '人')).toEqual({ ok: true, text: null });
    expect(enteredNumber('85%', '人').ok).toBe(false);
    expect(enteredNumber('1e3', null).ok).toBe(false);
  });

  it('finds the region of a project code', () => {
    expect(regionOf('13020225P008911100023')).toBe('130202');
    expect(regionOf('ABC')).toBeNull();
    expect(regionOf(null)).toBeNull();
  });
});
