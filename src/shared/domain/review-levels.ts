/**
 * Which levels of review a region uses (issue 32, 单位 → [主管部门] → [财政业务科室] → 绩效科, any
 * subset of the two middle levels): a setting of the region, inherited down the tree unless a region
 * sets its own, as the other per-region settings are.
 *
 * - 'finance': 单位 → 财政 (every unit submits straight to the finance bureau's performance section,
 *   绩效科; the default);
 * - 'supervisor': 单位 → 主管部门 → 财政 (a unit with a 主管部门 submits to it first; a department
 *   without one still submits to the finance bureau);
 * - 'section': 单位 → 财政业务科室 → 绩效科 (the bureau's business section a department is assigned
 *   to, 归口, reviews before the performance section);
 * - 'supervisor_section': 单位 → 主管部门 → 财政业务科室 → 绩效科 (both).
 *
 * Per region and year, as the other settings: a region's setting without a year (`region.review_levels`)
 * applies to every year, and a setting from a budget year on (`region_review_levels`, migration 0029)
 * replaces it from that year; the latest such year not after the project's year wins. A region with
 * nothing for the year inherits its parent region's for that year.
 *
 * Pure: the server reads the settings of a region and its ancestors and asks effectiveReviewLevels.
 */
import { ancestorCodes, isRegionCode } from './region';

export const REVIEW_LEVEL_SETTINGS = ['finance', 'supervisor', 'section', 'supervisor_section'] as const;
export type ReviewLevelSetting = (typeof REVIEW_LEVEL_SETTINGS)[number];

export const REVIEW_LEVEL_LABELS: Record<ReviewLevelSetting, string> = {
  finance: '单位 → 财政',
  supervisor: '单位 → 主管部门 → 财政',
  section: '单位 → 财政业务科室 → 绩效科',
  supervisor_section: '单位 → 主管部门 → 财政业务科室 → 绩效科',
};

/** Whether a setting has the 主管部门 level. */
export function usesSupervisorLevel(setting: ReviewLevelSetting): boolean {
  return setting === 'supervisor' || setting === 'supervisor_section';
}

/** Whether a setting has the 财政业务科室 level. */
export function usesSectionLevel(setting: ReviewLevelSetting): boolean {
  return setting === 'section' || setting === 'supervisor_section';
}

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

/** A region's setting from a budget year on (migration 0029). */
export interface YearReviewLevels {
  regionCode: string;
  fromYear: number;
  reviewLevels: string;
}

/**
 * A region's own setting for a budget year: its latest setting from a year not after `year`, else
 * its setting without a year (null: it has none, it inherits). A null year (a project without one)
 * takes the setting without a year only.
 */
export function ownSettingForYear(
  regionCode: string,
  year: number | null,
  own: ReadonlyMap<string, string | null>,
  byYear: readonly YearReviewLevels[],
): { setting: ReviewLevelSetting; fromYear: number | null } | null {
  let best: YearReviewLevels | null = null;
  if (year !== null) {
    for (const r of byYear) {
      if (r.regionCode === regionCode && r.fromYear <= year && isReviewLevelSetting(r.reviewLevels) && (best === null || r.fromYear > best.fromYear)) best = r;
    }
  }
  if (best !== null) return { setting: best.reviewLevels as ReviewLevelSetting, fromYear: best.fromYear };
  const setting = own.get(regionCode);
  return isReviewLevelSetting(setting) ? { setting, fromYear: null } : null;
}

/**
 * The setting that applies to a region in a budget year, the region it comes from and the year its
 * setting starts (null: a setting without a year, or the default).
 * @example reviewLevelsForYear('130202', 2026, new Map(), [{ regionCode: '130200', fromYear: 2026, reviewLevels: 'supervisor' }]) // { setting: 'supervisor', from: '130200', fromYear: 2026 }
 */
export function reviewLevelsForYear(
  regionCode: string | null,
  year: number | null,
  own: ReadonlyMap<string, string | null>,
  byYear: readonly YearReviewLevels[],
): { setting: ReviewLevelSetting; from: string | null; fromYear: number | null } {
  if (regionCode === null || !isRegionCode(regionCode)) return { setting: DEFAULT_REVIEW_LEVELS, from: null, fromYear: null };
  for (const code of [regionCode, ...ancestorCodes(regionCode)]) {
    const found = ownSettingForYear(code, year, own, byYear);
    if (found !== null) return { setting: found.setting, from: code, fromYear: found.fromYear };
  }
  return { setting: DEFAULT_REVIEW_LEVELS, from: null, fromYear: null };
}
