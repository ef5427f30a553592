import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SpendingCheckpoint } from '../../src/shared/domain/model';
import {
  bandLight,
  cumulativeIndicatorLight,
  dayOfYear,
  likelihoodLight,
  needsKeyMonitoring,
  planToDate,
  shareOfYearElapsed,
  spendingLight,
  validateMonitoringEntry,
} from '../../src/shared/domain/monitoring';
import { roundHalfUp } from '../../src/shared/domain/rounding';
import { DEFAULT_MONITORING_CONFIG, selectMonitoringConfig } from '../../src/shared/domain/monitoring-config';

const WAN = 1_000_000; // fen per 万元

/** A plan in percent; null leaves the checkpoint blank. */
function percentPlan(percents: (number | null)[]): SpendingCheckpoint[] {
  return (['03', '06', '10', '12'] as const).map((checkpoint, i) => ({
    checkpoint,
    percent: percents[i] ?? null,
    amount: null,
    given: percents[i] == null ? null : 'percent',
    source: null,
  }));
}

/** A plan in 万元 as the document writes it (percent not derived). */
function amountPlan(wan: number[]): SpendingCheckpoint[] {
  return (['03', '06', '10', '12'] as const).map((checkpoint, i) => ({
    checkpoint,
    percent: null,
    amount: wan[i]! * WAN,
    given: 'amount',
    source: null,
  }));
}

const d = (year: number, month: number, day: number) => ({ year, month, day });

describe('worked example (lifecycle.md §2)', () => {
  const budget = 120 * WAN;
  const expectedPlan = 50 + (25 * 31) / 123;

  it.each([
    ['amounts 30/60/90/120 万元', amountPlan([30, 60, 90, 120])],
    ['percents 25/50/75/100', percentPlan([25, 50, 75, 100])],
  ])('plan as %s: 40%% spent on 31 July is yellow at 71.05', (_, plan) => {
    const r = spendingLight(48 * WAN, budget, plan, d(2025, 7, 31))!;
    expect(r.actualPercent).toBe(40);
    expect(r.planPercent).toBeCloseTo(expectedPlan, 12);
    expect(r.display).toEqual({ actualPercent: 40, planPercent: 56.3, ratio: 71.05 });
    expect(r.ratio).toBeCloseTo(71.047, 3);
    expect(r.light).toBe('yellow');
  });

  it('gives 71.05 whether the plan is rounded first or not (so full precision follows the example)', () => {
    expect(roundHalfUp((40 / expectedPlan) * 100)).toBe(71.05);
    expect(roundHalfUp((40 / 56.3) * 100)).toBe(71.05);
  });

  it('counts the days: 30 June → 31 July is 31, 30 June → 31 October is 123', () => {
    expect(dayOfYear(d(2025, 7, 31)) - dayOfYear(d(2025, 6, 30))).toBe(31);
    expect(dayOfYear(d(2025, 10, 31)) - dayOfYear(d(2025, 6, 30))).toBe(123);
  });
});

describe('planToDate', () => {
  const plan = percentPlan([25, 50, 75, 100]);

  it('is 0 on 1 January and the checkpoint percent on each checkpoint date', () => {
    expect(planToDate(plan, d(2025, 1, 1))).toBe(0);
    expect(planToDate(plan, d(2025, 3, 31))).toBe(25);
    expect(planToDate(plan, d(2025, 6, 30))).toBe(50);
    expect(planToDate(plan, d(2025, 10, 31))).toBe(75);
    expect(planToDate(plan, d(2025, 12, 31))).toBe(100);
  });

  it('interpolates by day inside the first quarter (89 days in 2025, 90 in 2024)', () => {
    expect(planToDate(plan, d(2025, 2, 28))).toBeCloseTo((25 * 58) / 89, 12);
    expect(planToDate(plan, d(2024, 2, 29))).toBeCloseTo((25 * 59) / 90, 12);
    expect(planToDate(plan, d(2024, 3, 1))).toBeCloseTo((25 * 60) / 90, 12);
    expect(planToDate(plan, d(2024, 3, 31))).toBe(25);
  });

  it('is the same after June in a leap year (the extra day is in February)', () => {
    expect(planToDate(plan, d(2024, 7, 31))).toBeCloseTo(50 + (25 * 31) / 123, 12);
    expect(planToDate(plan, d(2024, 12, 31))).toBe(100);
  });

  it('rejects a date that does not exist', () => {
    expect(planToDate(plan, d(2025, 2, 29))).toBeNull();
    expect(planToDate(plan, d(2025, 13, 1))).toBeNull();
    expect(planToDate(plan, d(2025, 4, 31))).toBeNull();
  });

  it('runs straight across a blank checkpoint between the neighbours that exist', () => {
    const gap = percentPlan([25, null, 75, 100]);
    // 31 March = day 90 (25%), 31 October = day 304 (75%); 30 June = day 181
    expect(planToDate(gap, d(2025, 6, 30))).toBeCloseTo(25 + (50 * 91) / 214, 12);
    expect(planToDate(gap, d(2025, 10, 31))).toBe(75);
  });

  it('runs from 0 on 1 January when the first checkpoint is blank', () => {
    const gap = percentPlan([null, 50, 75, 100]);
    expect(planToDate(gap, d(2025, 3, 31))).toBeCloseTo((50 * 89) / 180, 12);
  });

  it('takes 100% on 31 December when 12月底 is blank', () => {
    const gap = percentPlan([25, 50, 75, null]);
    expect(planToDate(gap, d(2025, 12, 31))).toBe(100);
    expect(planToDate(gap, d(2025, 11, 30))).toBeCloseTo(75 + (25 * 30) / 61, 12);
  });

  it('is the share of the year elapsed (序时进度) without any plan', () => {
    for (const empty of [[], percentPlan([null, null, null, null])]) {
      expect(planToDate(empty, d(2025, 1, 1))).toBe(0);
      expect(planToDate(empty, d(2025, 7, 2))).toBe(50); // day 183: 182 of 364 days
      expect(planToDate(empty, d(2025, 12, 31))).toBe(100);
      expect(planToDate(empty, d(2024, 7, 2))).toBeCloseTo((183 / 365) * 100, 12);
    }
    expect(shareOfYearElapsed(d(2025, 7, 2))).toBe(0.5);
    expect(shareOfYearElapsed(d(2025, 2, 30))).toBeNull();
  });

  it('reads amounts against the budget, and cannot without one', () => {
    expect(planToDate(amountPlan([30, 60, 90, 120]), d(2025, 6, 30), { budgetFen: 120 * WAN })).toBe(50);
    expect(planToDate(amountPlan([30, 60, 90, 120]), d(2025, 6, 30))).toBeNull();
  });

  it('stays within 0–100 and never falls over the year for a rising plan (property)', () => {
    // Cumulative percents that never fall; 12月底 blank or 100.
    const rising = fc
      .tuple(
        fc.array(fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }), { minLength: 3, maxLength: 3 }),
        fc.boolean(),
      )
      .map(([xs, yearEndGiven]) => {
        let last = 0;
        const firstThree = xs.map((x) => (x === null ? null : (last = Math.max(last, x / 100))));
        return [...firstThree, yearEndGiven ? 100 : null];
      });
    fc.assert(
      fc.property(rising, fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 364 }), (percents, year, day) => {
        const plan = percentPlan(percents);
        const at = (n: number) => {
          const date = new Date(Date.UTC(year, 0, n));
          return planToDate(plan, d(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()))!;
        };
        const today = at(day);
        expect(today).toBeGreaterThanOrEqual(0);
        expect(today).toBeLessThanOrEqual(100 + 1e-9);
        expect(at(day + 1)).toBeGreaterThanOrEqual(today - 1e-9);
      }),
    );
  });
});

describe('spendingLight', () => {
  const budget = 100 * WAN;
  const plan = percentPlan([25, 50, 75, 100]);
  const light = (spentPercent: number) => spendingLight(Math.round((spentPercent * budget) / 100), budget, plan, d(2025, 6, 30))!;

  it.each([
    [29.99, 59.98, 'red'],
    [30, 60, 'yellow'],
    [39.99, 79.98, 'yellow'],
    [40, 80, 'green'],
    [0, 0, 'red'],
    [60, 120, 'green'],
  ] as const)('spent %s%% against a plan of 50%% → ratio %s → %s', (spent, ratio, expected) => {
    const r = light(spent);
    expect(r.display.ratio).toBe(ratio);
    expect(r.light).toBe(expected);
  });

  it('judges the displayed ratio, so 79.996 (shown 80.00) is green and 59.994 (shown 59.99) red', () => {
    expect(light(39.998).display.ratio).toBe(80);
    expect(light(39.998).light).toBe('green');
    expect(light(29.997).display.ratio).toBe(59.99);
    expect(light(29.997).light).toBe('red');
  });

  it('is green with no ratio when nothing was planned yet (1 January)', () => {
    const r = spendingLight(0, budget, plan, d(2025, 1, 1))!;
    expect(r.ratio).toBeNull();
    expect(r.light).toBe('green');
  });

  it('needs a positive budget', () => {
    expect(spendingLight(0, null, plan, d(2025, 7, 31))).toBeNull();
    expect(spendingLight(0, 0, plan, d(2025, 7, 31))).toBeNull();
  });

  it('follows configured bands', () => {
    const config = { ...DEFAULT_MONITORING_CONFIG, bands: { redBelow: 50, greenFrom: 70 } };
    expect(spendingLight(35 * WAN, budget, plan, d(2025, 6, 30), config)!.light).toBe('green');
    expect(spendingLight(24.99 * WAN, budget, plan, d(2025, 6, 30), config)!.light).toBe('red');
  });
});

describe('bandLight', () => {
  it.each([
    [59.99, 'red'],
    [60, 'yellow'],
    [79.99, 'yellow'],
    [80, 'green'],
  ] as const)('%s → %s', (ratio, expected) => expect(bandLight(ratio)).toBe(expected));
});

describe('cumulativeIndicatorLight', () => {
  it.each([
    [29.99, 'red'],
    [30, 'yellow'],
    [39.99, 'yellow'],
    [40, 'green'],
    [119.99, 'green'],
    [120, 'blue'],
    [150, 'blue'],
  ] as const)('value %s of an annual 100 at half the year → %s', (value, expected) => {
    expect(cumulativeIndicatorLight(value, 100, 0.5)!.light).toBe(expected);
  });

  it('returns the intermediate numbers', () => {
    const r = cumulativeIndicatorLight(40, 100, 0.5)!;
    expect(r.expected).toBe(50);
    expect(r.ratio).toBe(80);
    expect(r.percentOfTarget).toBe(40);
  });

  it('uses the share of the year elapsed', () => {
    const share = shareOfYearElapsed(d(2025, 7, 31))!; // 211 / 364
    const r = cumulativeIndicatorLight(6, 10, share)!;
    expect(r.display.ratio).toBe(roundHalfUp((6 / ((10 * 211) / 364)) * 100));
    expect(r.light).toBe('green');
  });

  it('is green when nothing is due yet and blue when the target is already passed by 20%', () => {
    expect(cumulativeIndicatorLight(0, 100, 0)!.light).toBe('green');
    expect(cumulativeIndicatorLight(0, 100, 0)!.ratio).toBeNull();
    expect(cumulativeIndicatorLight(130, 100, 0)!.light).toBe('blue');
  });

  it('needs a positive annual target', () => {
    expect(cumulativeIndicatorLight(5, 0, 0.5)).toBeNull();
    expect(cumulativeIndicatorLight(5, -1, 0.5)).toBeNull();
  });

  it('follows the configured blue threshold', () => {
    const config = { ...DEFAULT_MONITORING_CONFIG, blueFromPercentOfTarget: 150 };
    expect(cumulativeIndicatorLight(120, 100, 0.5, config)!.light).toBe('green');
  });
});

describe('likelihoodLight', () => {
  it('maps 确定能/有可能/完全不可能 to green/yellow/red', () => {
    expect(likelihoodLight('确定能')).toBe('green');
    expect(likelihoodLight('有可能')).toBe('yellow');
    expect(likelihoodLight('完全不可能')).toBe('red');
  });
});

describe('needsKeyMonitoring', () => {
  const above = 200 * WAN + 1;
  it.each([
    ['budget above 200万元, 59.99% spent on 31 August', above, 59.99, d(2025, 8, 31), true],
    ['exactly 60% spent', above, 60, d(2025, 8, 31), false],
    ['budget exactly 200万元 (not above)', 200 * WAN, 10, d(2025, 8, 31), false],
    ['a round before the end of August', above, 10, d(2025, 8, 30), false],
    ['a later round', above, 10, d(2025, 10, 31), true],
    ['an invalid date', above, 10, d(2025, 9, 31), false],
  ] as const)('%s → %s', (_, budget, spent, asOf, expected) => {
    expect(needsKeyMonitoring(budget, spent, asOf)).toBe(expected);
  });
});

describe('validateMonitoringEntry', () => {
  it('asks nothing of green or blue', () => {
    expect(validateMonitoringEntry({ light: 'green' })).toEqual([]);
    expect(validateMonitoringEntry({ light: 'blue' })).toEqual([]);
  });

  it('asks a yellow or red for a cause and a measure', () => {
    expect(validateMonitoringEntry({ light: 'red' }).map((i) => i.code)).toEqual(['cause.missing', 'measure.missing']);
    expect(validateMonitoringEntry({ light: 'yellow', cause: ' ', measure: '' }).map((i) => i.code)).toEqual([
      'cause.missing',
      'measure.missing',
    ]);
  });

  it('accepts only the configured causes, and 其他 with a note', () => {
    expect(validateMonitoringEntry({ light: 'red', cause: '天气原因', measure: '加快进度' }).map((i) => i.code)).toEqual([
      'cause.unknown',
    ]);
    expect(validateMonitoringEntry({ light: 'red', cause: '其他', measure: '加快进度' }).map((i) => i.code)).toEqual([
      'cause.note-missing',
    ]);
    expect(validateMonitoringEntry({ light: 'red', cause: '其他', causeNote: '招标延期', measure: '加快进度' })).toEqual([]);
    for (const cause of DEFAULT_MONITORING_CONFIG.causes.filter((c) => c !== '其他')) {
      expect(validateMonitoringEntry({ light: 'yellow', cause, measure: '调整支出计划' })).toEqual([]);
    }
  });
});

describe('selectMonitoringConfig', () => {
  it('overlays assignments from the least to the most specific', () => {
    const assignments = [
      { region: '13', from: null, to: null, config: { blueFromPercentOfTarget: 130 } },
      { region: '1302', from: 2025, to: null, config: { blueFromPercentOfTarget: 150 } },
    ];
    expect(selectMonitoringConfig(2025, '130202', assignments).blueFromPercentOfTarget).toBe(150);
    expect(selectMonitoringConfig(2024, '130202', assignments).blueFromPercentOfTarget).toBe(130);
    expect(selectMonitoringConfig(2025, '140000', assignments)).toBe(DEFAULT_MONITORING_CONFIG);
    expect(selectMonitoringConfig(2025)).toBe(DEFAULT_MONITORING_CONFIG);
  });
});

describe('roundHalfUp', () => {
  it.each([
    [1.005, 1.01],
    [2.675, 2.68],
    [0.285, 0.29],
    [71.04703, 71.05],
    [56.300813, 56.3],
    [-1.005, -1.01],
    [12.5, 12.5],
  ])('%s → %s', (x, expected) => expect(roundHalfUp(x)).toBe(expected));
});
