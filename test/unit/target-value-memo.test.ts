/**
 * parseTargetValue remembers its results by text (issue 18): a remembered answer must be the one a
 * first parse gives, and each caller must get its own object, free to change it.
 */
import { describe, expect, it } from 'vitest';
import { parseTargetValue } from '../../src/shared/domain/target-value';

const TEXTS = ['≥95%', ' ≥95% ', '100%', '2025年12月底前', '2024.03-2024.11', '显著提高', '', '≤10万', `${'按计划完成'.repeat(20)}≥90%`];

describe('parseTargetValue remembered', () => {
  it('gives the same result the second time, in an object of its own', () => {
    for (const text of TEXTS) {
      const first = parseTargetValue(text);
      const second = parseTargetValue(text);
      expect(second, text).toEqual(first);
      expect(second).not.toBe(first);
      if (first.deadline !== null) expect(second.deadline).not.toBe(first.deadline);
      if (first.start !== null) expect(second.start).not.toBe(first.start);
    }
  });

  it('is not changed by a caller changing its result', () => {
    const first = parseTargetValue('2025年12月底前');
    expect(first.deadline).toEqual({ year: 2025, month: 12, day: null, endOfPeriod: true });
    first.deadline!.year = 1999;
    first.words = 'changed';
    const period = parseTargetValue('2024.03-2024.11');
    period.start!.month = 1;
    expect(parseTargetValue('2025年12月底前').deadline).toEqual({ year: 2025, month: 12, day: null, endOfPeriod: true });
    expect(parseTargetValue('2025年12月底前').words).not.toBe('changed');
    expect(parseTargetValue('2024.03-2024.11').start).toEqual({ year: 2024, month: 3, day: null, endOfPeriod: false });
  });
});
