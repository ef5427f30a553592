/** 目标调整 (issue 33): the version in force on a date, the indicators in force, two versions compared, a request's checks. */
import { describe, expect, it } from 'vitest';
import { budgetInForce, checkAdjustment, compareVersions, indicatorsInForce, versionInForce, type TargetRow } from '../../src/shared/domain/target-adjustment';

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
