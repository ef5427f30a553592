import { describe, expect, it } from 'vitest';
import * as shared from '../../src/shared/api/monitoring';
import { executionRecordInputSchema, type ExecutionRecord } from '../../src/shared/api/monitoring';
import type { SpendingCheckpoint } from '../../src/shared/domain/model';
import { executionFormFrom, executionFormToInput, nextRoundDate } from '../../src/web/lib/execution-form';
import { formatMoney2, formatWanYuan2 } from '../../src/web/lib/format';
import {
  ACHIEVEMENT_GRADES,
  actualCurve,
  addCounts,
  coveringRound,
  DEVIATION_CAUSES,
  explanations,
  issuesByField,
  LIGHT_LABELS,
  LIGHTS,
  LIKELIHOODS,
  monthEndLabel,
  otherIssues,
  parseSpentWan,
  planCurve,
  roundNote,
  sameProjectsCurve,
  warningSeries,
  weightedPlanCurve,
} from '../../src/web/lib/monitoring';
import { gradeTotals, rankingSeries } from '../../src/web/lib/ranking';

const WAN = 1_000_000; // fen per 万元

function plan(percents: (number | null)[]): SpendingCheckpoint[] {
  return (['03', '06', '10', '12'] as const).map((checkpoint, i) => ({
    checkpoint,
    percent: percents[i] ?? null,
    amount: null,
    given: percents[i] === null ? null : 'percent',
    source: null,
  }));
}

const at = (curve: [string, number][], date: string) => curve.find((p) => p[0] === date)?.[1];

describe('the browser copies of the monitoring vocabulary', () => {
  it('equal the API schemas’ (the browser does not import zod)', () => {
    expect(LIGHTS).toEqual(shared.LIGHTS);
    expect(LIGHT_LABELS).toEqual(shared.LIGHT_LABELS);
    expect(LIKELIHOODS).toEqual(shared.LIKELIHOODS);
    expect(DEVIATION_CAUSES).toEqual(shared.DEVIATION_CAUSES);
    expect(ACHIEVEMENT_GRADES).toEqual(shared.ACHIEVEMENT_GRADES);
  });
});

describe('spent amounts typed in 万元', () => {
  it('become exact fen without float arithmetic', () => {
    expect(parseSpentWan('48')).toEqual({ ok: true, fen: 48 * WAN });
    // 1.005 × 1e6 is 1004999.9999999999 in binary floating point.
    expect(parseSpentWan('1.005')).toEqual({ ok: true, fen: 1_005_000 });
    expect(parseSpentWan('0.29')).toEqual({ ok: true, fen: 290_000 });
    expect(parseSpentWan('1,262.16')).toEqual({ ok: true, fen: 1_262_160_000 });
    expect(parseSpentWan('0.000001')).toEqual({ ok: true, fen: 1 });
  });

  it('refuses what is no amount', () => {
    expect(parseSpentWan('').ok).toBe(false);
    expect(parseSpentWan('', false)).toEqual({ ok: true, fen: null });
    expect(parseSpentWan('-1').ok).toBe(false);
    expect(parseSpentWan('1.0000001').ok).toBe(false);
    expect(parseSpentWan('abc').ok).toBe(false);
  });

  it('are shown with exactly two decimals, rounded half up on the integer', () => {
    expect(formatWanYuan2(1_825_000)).toBe('1.83');
    expect(formatWanYuan2(1_824_999)).toBe('1.82');
    expect(formatWanYuan2(182_778)).toBe('0.18');
    expect(formatWanYuan2(12_621_600_000)).toBe('12,621.60');
    expect(formatWanYuan2(-1_825_000)).toBe('-1.83');
    expect(formatWanYuan2(-4_000)).toBe('0.00');
    expect(formatWanYuan2(9_007_199_254_740_991)).toBe('9,007,199,254.74');
    expect(formatMoney2(null)).toBe('—');
    expect(formatMoney2(30 * WAN)).toBe('30.00 万元');
  });
});

describe('spending curves', () => {
  it('interpolate the plan by day (lifecycle.md worked example: 56.30% on 31 July)', () => {
    const curve = planCurve(plan([25, 50, 75, 100]), 120 * WAN, 2025);
    expect(curve).toHaveLength(365);
    expect(curve[0]).toEqual(['2025-01-01', 0]);
    expect(at(curve, '2025-03-31')).toBe(25);
    expect(at(curve, '2025-06-30')).toBe(50);
    expect(at(curve, '2025-07-31')).toBe(56.3);
    expect(at(curve, '2025-12-31')).toBe(100);
    expect(planCurve(plan([25, 50, 75, 100]), 120 * WAN, 2024)).toHaveLength(366);
  });

  it('without a plan follow the share of the year', () => {
    const curve = planCurve(plan([null, null, null, null]), 120 * WAN, 2025);
    expect(at(curve, '2025-07-02')).toBe(50); // (183 − 1) ÷ 364
  });

  it('weight several projects’ plans by budget', () => {
    const curve = weightedPlanCurve(
      [
        { budgetFen: 1 * WAN, plan: plan([100, 100, 100, 100]) },
        { budgetFen: 3 * WAN, plan: plan([0, 0, 0, 100]) },
        { budgetFen: null, plan: plan([50, 50, 50, 50]) }, // no budget: no weight
      ],
      2025,
    );
    expect(at(curve, '2025-03-31')).toBe(25);
    expect(at(curve, '2025-10-31')).toBe(25);
    expect(at(curve, '2025-12-31')).toBe(100);
    expect(weightedPlanCurve([{ budgetFen: null, plan: [] }], 2025)).toEqual([]);
  });

  it('put the actual at each round, oldest first, exact on fen, of the budget in force on its date', () => {
    expect(
      actualCurve([
        { asOf: '2025-08-31', spentFen: 60 * WAN, budgetFen: 120 * WAN },
        { asOf: '2025-07-31', spentFen: 48 * WAN, budgetFen: 120 * WAN },
        { asOf: '2025-05-31', spentFen: 1, budgetFen: 120 * WAN },
      ]),
    ).toEqual([
      ['2025-05-31', 0],
      ['2025-07-31', 40],
      ['2025-08-31', 50],
    ]);
    expect(actualCurve([{ asOf: '2025-09-30', spentFen: 2 * WAN, budgetFen: 3 * WAN }])).toEqual([['2025-09-30', 66.67]]);
    expect(actualCurve([{ asOf: '2025-07-31', spentFen: 1, budgetFen: null }])).toEqual([]);
    // an adjustment lowered the budget from August on: July's round of the old one, September's of the new
    expect(
      actualCurve([
        { asOf: '2025-07-31', spentFen: 48 * WAN, budgetFen: 120 * WAN },
        { asOf: '2025-09-30', spentFen: 60 * WAN, budgetFen: 100 * WAN },
      ]),
    ).toEqual([
      ['2025-07-31', 40],
      ['2025-09-30', 60],
    ]);
  });
});

describe('the warnings chart', () => {
  const counts = (red: number, yellow: number, blue: number, green = 0, none = 0) => ({ red, yellow, blue, green, none });
  it('stacks red, yellow and blue per department, spending and indicators together', () => {
    const s = warningSeries([
      { department: { id: 4, name: '甲局' }, totals: { spendingLights: counts(1, 0, 0, 2), indicatorLights: counts(2, 3, 1, 5) } },
      { department: { id: 9, name: '乙局' }, totals: { spendingLights: counts(0, 1, 0), indicatorLights: counts(0, 0, 2) } },
    ]);
    expect(s.names).toEqual(['甲局', '乙局']);
    expect(s.ids).toEqual([4, 9]);
    expect(s.series.map((x) => [x.light, x.name, x.data])).toEqual([
      ['red', '红灯', [3, 0]],
      ['yellow', '黄灯', [3, 1]],
      ['blue', '蓝灯', [1, 2]],
    ]);
    expect(addCounts(counts(1, 2, 3, 4, 5), counts(1, 1, 1, 1, 1))).toEqual(counts(2, 3, 4, 5, 6));
  });
});

describe('why a project is behind', () => {
  it('lists each yellow and red entry with its cause and measure, null when not given', () => {
    const lines = explanations({
      spendingLight: 'red',
      cause: null,
      causeNote: null,
      measure: null,
      indicators: [
        { name: '培训人次', light: 'yellow', cause: '其他', causeNote: '疫情影响', measure: '加快进度' },
        { name: '满意度', light: 'green', cause: null, causeNote: null, measure: null },
        { name: '覆盖率', light: 'red', cause: '人员保障', causeNote: ' ', measure: ' ' },
      ],
    });
    expect(lines).toEqual([
      { subject: '预算执行', light: 'red', cause: null, measure: null },
      { subject: '培训人次', light: 'yellow', cause: '其他：疫情影响', measure: '加快进度' },
      { subject: '覆盖率', light: 'red', cause: '人员保障', measure: null },
    ]);
    expect(explanations({ spendingLight: 'green', cause: null, causeNote: null, measure: null, indicators: [] })).toEqual([]);
  });
});

describe('server issues by field', () => {
  it('group by dotted path, arrays joined', () => {
    const by = issuesByField([
      { path: 'spentFen', message: '金额不能为负数' },
      { path: ['indicators', 2, 'cause'], message: '偏差原因不在可选范围内' },
      { path: 'indicators.2.cause', message: '须填写原因说明' },
      { path: '', message: '项目尚未审核通过' },
    ]);
    expect(by.get('spentFen')).toEqual(['金额不能为负数']);
    expect(by.get('indicators.2.cause')).toEqual(['偏差原因不在可选范围内', '须填写原因说明']);
    expect(otherIssues(by, (p) => p === 'spentFen' || p.startsWith('indicators.'))).toEqual(['项目尚未审核通过']);
  });
});

describe('the execution entry form', () => {
  const stored: ExecutionRecord = {
    id: 1,
    projectId: 7,
    asOf: '2025-07-31',
    spentFen: 48_000_001,
    spendingCause: '其他',
    spendingCauseNote: '采购延后',
    spendingMeasure: '加快采购',
    note: null,
    indicators: [{ indicatorId: 12, valueToDate: '40', projected: '95', likelihood: '有可能', cause: null, causeNote: null, measure: null }],
    createdAt: '2025-08-01T00:00:00.000Z',
    createdBy: 'x',
    updatedAt: '2025-08-01T00:00:00.000Z',
    updatedBy: 'x',
    updatedOnBehalf: false,
  };

  it('is filled from a stored round, one line per indicator', () => {
    const form = executionFormFrom([11, 12], '2025-07-31', stored);
    expect(form.spentText).toBe('48.000001');
    expect(form.spendingCause).toBe('其他');
    expect(form.indicators.map((l) => [l.indicatorId, l.valueToDate, l.likelihood])).toEqual([
      [11, '', null],
      [12, '40', '有可能'],
    ]);
    expect(executionFormFrom([11], '2025-09-30', null).spentText).toBe('');
  });

  it('gives the PUT body: exact fen, blanks as null', () => {
    const form = executionFormFrom([11, 12], '2025-07-31', stored);
    form.spentText = '48.1';
    form.indicators[0]!.valueToDate = ' 3 ';
    const built = executionFormToInput(form);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input.spentFen).toBe(48_100_000);
    expect(built.input.note).toBeNull();
    expect(built.input.indicators[0]).toEqual({ indicatorId: 11, valueToDate: '3', projected: null, likelihood: null, cause: null, causeNote: null, measure: null });
    expect(executionRecordInputSchema.safeParse(built.input).success).toBe(true);
  });

  it('proposes the month after the latest round for a new one', () => {
    expect(nextRoundDate(2025, [])).toBe('2025-07-31');
    expect(nextRoundDate(2025, ['2025-08-31', '2025-06-30'])).toBe('2025-09-30');
    expect(nextRoundDate(2024, ['2024-01-31'])).toBe('2024-02-29');
    expect(nextRoundDate(2025, ['2025-12-31'])).toBe('2025-12-31');
    expect(nextRoundDate(2025, ['2024-11-30'])).toBe('2025-07-31');
    expect(nextRoundDate(null, [])).toBe('');
  });

  it('names the fields it cannot send', () => {
    const form = executionFormFrom([11], '', null);
    form.spentText = '十万';
    const built = executionFormToInput(form);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.map((e) => e.path)).toEqual(['asOf', 'spentFen']);
  });
});

describe('the ranking chart', () => {
  it('keeps the server’s order, leaves out departments without evaluations, colours by grade', () => {
    const g = (优: number, 良: number, 中: number, 差: number) => ({ 优, 良, 中, 差 });
    const departments = [
      { department: { id: 3, name: '丙' }, averageTotal: 91.5, gradeCounts: g(2, 1, 0, 0) },
      { department: { id: 1, name: '甲' }, averageTotal: 79.99, gradeCounts: g(0, 1, 1, 1) },
      { department: { id: 2, name: '乙' }, averageTotal: null, gradeCounts: g(0, 0, 0, 0) },
    ];
    const s = rankingSeries(departments);
    expect(s.ids).toEqual([3, 1]);
    expect(s.values).toEqual([91.5, 79.99]);
    expect(s.colors).toEqual(['#237804', '#ad4e00']);
    expect(gradeTotals(departments)).toEqual(g(2, 2, 1, 1));
  });
});

describe('the spending curve\'s time axis', () => {
  it('names a tick on the first of a month as the end of the month before, as the checkpoints are named', () => {
    expect([new Date(2025, 6, 1), new Date(2025, 8, 1), new Date(2025, 0, 1), new Date(2025, 5, 15)].map((d) => monthEndLabel(d.getTime()))).toEqual([
      '6月底',
      '8月底',
      '年初',
      '6月15日',
    ]);
  });
});

describe('the round an overview opens on, and the curve over the same projects (issue 71)', () => {
  const rounds = [
    { asOf: '2025-06-30', projectCount: 12, departmentCount: 6 },
    { asOf: '2025-08-31', projectCount: 11, departmentCount: 6 },
    { asOf: '2025-10-31', projectCount: 1, departmentCount: 1 },
  ];
  it('opens on the latest round the most departments (a region) or projects (a department) reported', () => {
    expect(coveringRound(rounds, 'departmentCount')?.asOf).toBe('2025-08-31');
    expect(coveringRound(rounds, 'projectCount')?.asOf).toBe('2025-06-30');
    expect(coveringRound([], 'projectCount')).toBeNull();
    // everyone reported the later round too: it is the one
    expect(coveringRound([...rounds.slice(0, 2), { asOf: '2025-10-31', projectCount: 12, departmentCount: 6 }], 'departmentCount')?.asOf).toBe('2025-10-31');
  });
  it('says which round is shown and how few reported a later one, or the round shown', () => {
    expect(roundNote(rounds[1]!, rounds, 'region')).toBe(
      '显示截至 2025-08-31 的一轮：6 个部门、11 个项目填报（本年度填报部门最多的最近一轮）；截至 2025-10-31 的一轮只有 1 个部门、1 个项目填报，可在“监控轮次”中选择查看。',
    );
    expect(roundNote(rounds[2]!, rounds, 'region')).toBe(
      '截至 2025-10-31 的一轮：6 个部门中只有 1 个部门、1 个项目填报，以下汇总只含已填报的项目；截至 2025-08-31 的一轮有 6 个部门、11 个项目填报。',
    );
  });
  it('draws each round over the projects of the round shown, and names a round only some of them reported', () => {
    const row = (projectId: number, spentFen: number | null, budgetFen = 1_000_000) => ({ projectId, reported: spentFen !== null, spentFen, budgetFen });
    const curve = sameProjectsCurve(
      [row(1, 0), row(2, 0), row(3, null)],
      [
        { asOf: '2025-10-31', projects: [row(1, 900_000), row(2, null), row(3, null)] },
        { asOf: '2025-06-30', projects: [row(1, 300_000), row(2, 200_000), row(3, 500_000)] },
        { asOf: '2025-08-31', projects: [row(1, 400_000), row(2, 333_333), row(3, null)] },
      ],
    );
    // 06-30: (30 + 20) ÷ 200 万 = 25%, project 3 not counted; 08-31: 73.3333 ÷ 200 = 36.67%
    expect(curve.points).toStrictEqual([
      ['2025-06-30', 25],
      ['2025-08-31', 36.67],
    ]);
    expect(curve.partial).toStrictEqual([{ asOf: '2025-10-31', reported: 1, of: 2 }]);
  });
});
