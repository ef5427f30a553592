/**
 * Which levels of review a region uses (issue 32, 单位 → 主管部门 → 财政): a setting of the region,
 * inherited down the tree unless a region sets its own, as the other per-region settings are.
 *
 * - 'finance': 单位 → 财政 (every unit submits straight to the finance bureau; the default);
 * - 'supervisor': 单位 → 主管部门 → 财政 (a unit with a 主管部门 submits to it first; a department
 *   without one still submits to the finance bureau).
 *
 * Pure: the server reads the settings of a region and its ancestors and asks effectiveReviewLevels.
 */
import { ancestorCodes, isRegionCode } from './region';

export const REVIEW_LEVEL_SETTINGS = ['finance', 'supervisor'] as const;
export type ReviewLevelSetting = (typeof REVIEW_LEVEL_SETTINGS)[number];

export const REVIEW_LEVEL_LABELS: Record<ReviewLevelSetting, string> = {
  finance: '单位 → 财政',
  supervisor: '单位 → 主管部门 → 财政',
};

export const DEFAULT_REVIEW_LEVELS: ReviewLevelSetting = 'finance';

export function isReviewLevelSetting(value: string | null | undefined): value is ReviewLevelSetting {
  return (REVIEW_LEVEL_SETTINGS as readonly string[]).includes(value ?? '');
}

/**
 * The setting that applies to a region: its own, else its nearest ancestor's that has one, else the
 * default. `own` holds the regions' own settings (by code; absent or null: inherits).
 * @example effectiveReviewLevels('130202', new Map([['130200', 'supervisor']])) // 'supervisor'
 */
export function effectiveReviewLevels(regionCode: string | null, own: ReadonlyMap<string, string | null>): ReviewLevelSetting {
  return reviewLevelsWithSource(regionCode, own).setting;
}

/**
 * The setting that applies to a region and the region it comes from (the region itself, the
 * ancestor it inherits from; null: the default, no region sets one).
 * @example reviewLevelsWithSource('130202', new Map([['130200', 'supervisor']])) // { setting: 'supervisor', from: '130200' }
 */
export function reviewLevelsWithSource(regionCode: string | null, own: ReadonlyMap<string, string | null>): { setting: ReviewLevelSetting; from: string | null } {
  if (regionCode === null || !isRegionCode(regionCode)) return { setting: DEFAULT_REVIEW_LEVELS, from: null };
  for (const code of [regionCode, ...ancestorCodes(regionCode)]) {
    const setting = own.get(code);
    if (isReviewLevelSetting(setting)) return { setting, from: code };
  }
  return { setting: DEFAULT_REVIEW_LEVELS, from: null };
}

/** The codes whose settings decide a region's (itself and its ancestors). */
export function settingCodesOf(regionCode: string): string[] {
  return isRegionCode(regionCode) ? [regionCode, ...ancestorCodes(regionCode)] : [];
}
