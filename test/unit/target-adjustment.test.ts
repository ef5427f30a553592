/** 目标调整 (issue 33): the version in force on a date, the indicators in force, two versions compared, a request's checks. */
import { describe, expect, it } from 'vitest';
import { budgetInForce, checkAdjustment, compareVersions, indexesInForce, indicatorsInForce, projectInForce, versionInForce, type TargetRow } from '../../src/shared/domain/target-adjustment';

const row = (key: string, name: string, target: string, indicatorId: number | null = key.startsWith('i') ? Number(key.slice(1)) : null): TargetRow => ({ key, indicatorId, level1: '产出指标', level2: '数量指标', name, target });
const v1 = [row('i1', '培训人次', '≥1000人次'), row('i2', '满意度', '≥85%'), row('i3', '社会效益', '显著提高')];
const v2 = [row('i1', '培训人次', '≥1200人次'), row('i2', '满意度', '≥85%'), row('i3', '社会效益', '显著提高')];
const v3 = [row('i1', '培训人次', '≥1200人次'), row('n1', '培训场次', '≥20场'), row('i2', '满意度', '≥90%')];
const versions = [
  { version: 1, effectiveOn: null, rows: v1, budgetFen: null },
  { version: 2, effectiveOn: '2025-07-01', rows: v2, budgetFen: 130 },
  { version: 3, effectiveOn: '2025-10-01', rows: v3, budgetFen: null },
];

describe('the version in force', () => {
  it('is the highest version whose date is on or before the day', () => {
    expect(versionInForce(versions, '2025-06-30').version).toBe(1);
    expect(versionInForce(versions, '2025-07-01').version).toBe(2);
    expect(versionInForce(versions, '2025-09-30').version).toBe(2);
    expect(versionInForce(versions, '2025-12-31').version).toBe(3);
  });

  it('keeps the last budget set', () => {
    expect(budgetInForce(versions, '2025-06-30', 120)).toBe(120);
    expect(budgetInForce(versions, '2025-08-01', 120)).toBe(130);
    expect(budgetInForce(versions, '2025-12-01', 120)).toBe(130);
  });

  it('gives the indicators in force: adjusted targets re-read, removed and added rows left out', () => {
    const inds = v1.map((r) => ({ id: r.indicatorId!, level1: r.level1, level2: r.level2, name: r.name, target: r.target }));
    const adj = versions.slice(1);
    expect(indicatorsInForce(inds, adj, '2025-06-30', (t) => t).map((i) => i.target)).toStrictEqual(['≥1000人次', '≥85%', '显著提高']);
    expect(indicatorsInForce(inds, adj, '2025-07-01', (t) => `parsed ${t}`).map((i) => i.target)).toStrictEqual(['parsed ≥1200人次', '≥85%', '显著提高']);
    expect(indicatorsInForce(inds, adj, '2025-10-01', (t) => t).map((i) => i.id)).toStrictEqual([1, 2]);
  });
});

describe('the project in force (issue 58): its latest approved version, on every screen', () => {
  const indicator = (name: string, target: string, level1 = '产出指标', level2 = '数量指标') => ({ level1, level2, level1Raw: `${level1}（写法）`, level2Raw: level2, name, target: { raw: target }, description: `${name}的描述`, basis: '计划标准' });
  const approved = {
    budget: { total: 120, fiscal: 100, other: 20 },
    spendingPlan: [
      { checkpoint: '06', percent: 50, amount: 60, given: 'percent' as const },
      { checkpoint: '12', percent: 100, amount: 120, given: 'amount' as const },
    ],
    indicators: [indicator('培训人次', '≥1000人次'), indicator('满意度', '≥85%'), indicator('社会效益', '显著提高')],
  };
  const ids = [1, 2, 3];

  it('is the project itself when never adjusted', () => {
    expect(projectInForce(approved, ids, [], (t) => ({ raw: t }))).toBe(approved);
    expect(indexesInForce(ids, [])).toStrictEqual([0, 1, 2]);
  });

  it('takes the latest version: adjusted targets re-read, an added row a new indicator, a removed row gone, in its order', () => {
    const p = projectInForce(approved, ids, versions.slice(1), (t) => ({ raw: `读作${t}` }));
    expect(p.indicators.map((i) => [i.name, i.target.raw])).toStrictEqual([
      ['培训人次', '读作≥1200人次'],
      ['培训场次', '读作≥20场'],
      ['满意度', '读作≥90%'],
    ]);
    // an indicator kept keeps what the version does not say (description, basis, the category as written)
    expect(p.indicators[0]).toMatchObject({ description: '培训人次的描述', basis: '计划标准', level1Raw: '产出指标（写法）' });
    // an added row has no description nor basis of its own
    expect(p.indicators[1]).toMatchObject({ description: null, basis: null, level1Raw: '产出指标' });
    expect(indexesInForce(ids, versions.slice(1))).toStrictEqual([0, 2, null]);
  });

  it('takes the budget of the latest version that set one: 财政资金 moved by as much, the plan of its percentages again', () => {
    const p = projectInForce(approved, ids, versions.slice(1), (t) => ({ raw: t }));
    expect(p.budget).toStrictEqual({ total: 130, fiscal: 110, other: 20 });
    // 50 % of 130 fen; a checkpoint given as an amount keeps it, its percent of the new total
    expect(p.spendingPlan.map((c) => [c.percent, c.amount])).toStrictEqual([
      [50, 65],
      [92.31, 120],
    ]);
    // a cut below the 财政资金's room leaves it as written
    const cut = projectInForce(approved, ids, [{ version: 2, rows: v1, budgetFen: 10 }], (t) => ({ raw: t }));
    expect(cut.budget).toStrictEqual({ total: 10, fiscal: 100, other: 20 });
  });
});

describe('two versions compared', () => {
  it('marks changed fields, added rows after the row they follow, removed rows', () => {
    const c = compareVersions(v1, v3);
    expect(c.map((r) => [r.key, r.change, r.fields])).toStrictEqual([
      ['i1', 'changed', ['target']],
      ['n1', 'added', []],
      ['i2', 'changed', ['target']],
      ['i3', 'removed', []],
    ]);
    expect(compareVersions(v2, v2).every((r) => r.change === 'same')).toBe(true);
  });
});

describe('a request', () => {
  const latest = { effectiveOn: '2025-07-01', rows: v2 };
  it('needs a reason, a later date in the year, named rows with targets, and a change', () => {
    const ok = { reason: '原因', effectiveOn: '2025-10-01', rows: v3, budgetFen: null };
    expect(checkAdjustment(ok, latest, 130, 2025)).toStrictEqual([]);
    expect(checkAdjustment({ ...ok, reason: ' ' }, latest, 130, 2025).map((i) => i.path)).toStrictEqual(['reason']);
    expect(checkAdjustment({ ...ok, effectiveOn: '2025-07-01' }, latest, 130, 2025).map((i) => i.path)).toStrictEqual(['effectiveOn']);
    expect(checkAdjustment({ ...ok, effectiveOn: '2026-01-01' }, latest, 130, 2025).map((i) => i.path)).toStrictEqual(['effectiveOn']);
    expect(checkAdjustment({ ...ok, rows: [row('x9', '其他', '1')] }, latest, 130, 2025)[0]!.path).toBe('rows.0.key');
    expect(checkAdjustment({ ...ok, rows: v2 }, latest, 130, 2025)[0]!.message).toContain('无需调整');
    expect(checkAdjustment({ ...ok, rows: v2, budgetFen: 140 }, latest, 130, 2025)).toStrictEqual([]);
  });
});
