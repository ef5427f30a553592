/**
 * Issue 55's smaller corrections, each on the example document with a firing and a non-firing case: a magnitude before a
 * unit, a rate per population, a value stated in words, a checkable "无", the parts of a total, a department's medium-term
 * goals. The kinds of defect themselves are test/review/review-kinds.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_CONFIG } from '../../src/shared/review/config';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument } from '../../src/shared/review/examples';
import type { ExamplePatch } from '../../src/shared/review/types';
import { unitFamily } from '../../src/shared/review/units';

const rules = (patch: ExamplePatch) => reviewDocument(buildExampleDocument(patch)).map((f) => f.rule);

describe('issue 55: smaller corrections', () => {
  it('a magnitude before a unit counts what the unit counts; 万 alone is still money', () => {
    expect(['万人', '万人次', '万剂次', '万份'].map((u) => unitFamily(u, DEFAULT_REVIEW_CONFIG))).toEqual(['count', 'count', 'count', 'count']);
    expect(unitFamily('万元', DEFAULT_REVIEW_CONFIG)).toBe('money');
    // the only count output written in 万人 is measurable: no cap to 差
    const onlyOutput: ExamplePatch = { indicators: [{ at: 0, target: '≥2.1万人' }, { at: 1, target: '达标' }, { at: 2, target: '按要求完成' }, { at: 3, target: '≤10' }] };
    expect(rules(onlyOutput)).not.toContain('missing.measurable-output');
    expect(rules({ ...onlyOutput, indicators: [{ at: 0, target: '≥2.1' }, ...onlyOutput.indicators!.slice(1)] })).toContain('missing.measurable-output');
  });

  it('a rate per population (≤200/10万) has its unit; a bare number under a rate still has none', () => {
    expect(rules({ indicators: [{ at: 4, name: '甲乙类传染病报告发病率', target: '≤200/10万' }] })).not.toContain('unit.no-unit');
    expect(rules({ indicators: [{ at: 4, name: '甲乙类传染病报告发病率', target: '≤200' }] })).toContain('unit.no-unit');
  });

  it('a cost stated in words with its amount is quantified, and “无” is a checkable zero; a phrase with neither is not', () => {
    expect(rules({ indicators: [{ at: 3, target: '按每人1000元标准发放' }] })).not.toContain('vague.not-quantified');
    expect(rules({ indicators: [{ at: 3, target: '无' }] })).not.toContain('vague.not-quantified');
    expect(rules({ indicators: [{ at: 3, target: '按国家规定标准执行' }] })).toContain('vague.not-quantified');
  });

  it('levels of government are parts of the fiscal money, a use is part of the total, other lines add to it', () => {
    // 上年结转资金 adds: 10 + 2 ≠ 10
    expect(rules({ project: { budgetLines: [['上年结转资金', '2.00']], other: '0' } })).toContain('budget.sources-sum');
    // 中央 + 省级 = 财政资金: no finding of either rule; a use above the total is one
    expect(rules({ project: { budgetLines: [['中央资金', '6.00'], ['省级资金', '4.00']], other: '0' } }).filter((r) => r.startsWith('budget.'))).toEqual([]);
    expect(rules({ project: { budgetLines: [['用于购置设备', '12.00']] } })).toContain('budget.funding-parts');
  });
});
