/** Levels of review per region and year (issue 32, shared/domain/review-levels.ts reviewLevelsForYear). */
import { describe, expect, it } from 'vitest';
import { reviewLevelsForYear } from '../../src/shared/domain/review-levels';

describe('reviewLevelsForYear', () => {
  const byYear = [
    { regionCode: '130200', fromYear: 2026, reviewLevels: 'supervisor' },
    { regionCode: '130200', fromYear: 2028, reviewLevels: 'finance' },
  ];
  it('a region\'s setting from a year applies from that year until its next one; before it, the setting without a year', () => {
    const own = new Map([['130200', 'finance']]);
    expect(reviewLevelsForYear('130202', 2025, own, byYear)).toStrictEqual({ setting: 'finance', from: '130200', fromYear: null });
    expect(reviewLevelsForYear('130202', 2026, own, byYear)).toStrictEqual({ setting: 'supervisor', from: '130200', fromYear: 2026 });
    expect(reviewLevelsForYear('130202', 2027, own, byYear)).toStrictEqual({ setting: 'supervisor', from: '130200', fromYear: 2026 });
    expect(reviewLevelsForYear('130202', 2028, own, byYear)).toStrictEqual({ setting: 'finance', from: '130200', fromYear: 2028 });
  });
  it('a project without a year: the settings without a year only; nothing set: the default', () => {
    expect(reviewLevelsForYear('130202', null, new Map(), byYear)).toStrictEqual({ setting: 'finance', from: null, fromYear: null });
    expect(reviewLevelsForYear('130202', 2025, new Map(), byYear)).toStrictEqual({ setting: 'finance', from: null, fromYear: null });
  });
  it('the nearest region with a setting for the year wins', () => {
    const own = new Map([['130000', 'supervisor']]);
    expect(reviewLevelsForYear('130202', 2025, own, byYear)).toStrictEqual({ setting: 'supervisor', from: '130000', fromYear: null });
    expect(reviewLevelsForYear('130202', 2028, own, byYear).from).toBe('130200');
    expect(reviewLevelsForYear('130202', 2026, own, [...byYear, { regionCode: '130202', fromYear: 2020, reviewLevels: 'finance' }])).toStrictEqual({ setting: 'finance', from: '130202', fromYear: 2020 });
  });
});
