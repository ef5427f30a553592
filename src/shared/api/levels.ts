/**
 * The levels of review's settings API (issue 32, administrator): a department's 主管部门
 * (PUT /api/departments/:id/parent), the levels a region uses (PUT /api/regions/:code/review-levels,
 * null: inherit the parent region's), a region's business sections (财政业务科室: /api/sections) and
 * each department's section (归口, PUT /api/departments/:id/section).
 */
import { z } from 'zod';
import { REVIEW_LEVEL_SETTINGS } from '../domain/review-levels';
import { visibleNameSchema } from './model';

export const departmentParentBodySchema = z.object({
  /** The 主管部门 (a department of the same region without a 主管部门 of its own); null: none. */
  parentDepartmentId: z.number().int().positive().nullable(),
});
export type DepartmentParentBody = z.infer<typeof departmentParentBodySchema>;

export const regionReviewLevelsBodySchema = z.object({
  /**
   * 'finance' 单位 → 财政, 'supervisor' 单位 → 主管部门 → 财政, 'section' 单位 → 财政业务科室 → 绩效科,
   * 'supervisor_section' 单位 → 主管部门 → 财政业务科室 → 绩效科. Without fromYear: the region's setting
   * for every year (null: as the parent region). With fromYear: its setting from that budget year on
   * (null: that year's setting removed, the years before decide again).
   */
  reviewLevels: z.enum(REVIEW_LEVEL_SETTINGS).nullable(),
  fromYear: z.number().int().min(2000).max(2100).nullable().optional(),
});
export type RegionReviewLevelsBody = z.infer<typeof regionReviewLevelsBodySchema>;

export const regionReviewLevelsSchema = z.object({
  code: z.string(),
  /** The region's own setting; null: inherited. */
  own: z.enum(REVIEW_LEVEL_SETTINGS).nullable(),
  /** What applies (own, else the nearest ancestor's, else 单位 → 财政), to projects without a year. */
  effective: z.enum(REVIEW_LEVEL_SETTINGS),
  /** Its settings from a budget year on, by year. */
  years: z.array(z.object({ fromYear: z.number().int(), reviewLevels: z.enum(REVIEW_LEVEL_SETTINGS) })),
});
export type RegionReviewLevels = z.infer<typeof regionReviewLevelsSchema>;

/** A region's setting on the settings screen: its own, what applies and from which region it comes. */
export const regionReviewLevelsRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  own: z.enum(REVIEW_LEVEL_SETTINGS).nullable(),
  /** Its settings from a budget year on, by year. */
  years: z.array(z.object({ fromYear: z.number().int(), reviewLevels: z.enum(REVIEW_LEVEL_SETTINGS) })),
  /** What applies in the year asked for (none asked: to projects without a year). */
  effective: z.enum(REVIEW_LEVEL_SETTINGS),
  /** The region whose setting applies (itself or an ancestor); null: no region sets one (the default). */
  from: z.string().nullable(),
  /** The year from which that region's setting applies; null: its setting without a year, or the default. */
  fromYear: z.number().int().nullable(),
});
export const regionReviewLevelsQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export type RegionReviewLevelsRow = z.infer<typeof regionReviewLevelsRowSchema>;
export const regionReviewLevelsListSchema = z.object({ items: z.array(regionReviewLevelsRowSchema) });
export type RegionReviewLevelsList = z.infer<typeof regionReviewLevelsListSchema>;

/** A department's place in the levels (settings screen): its region, its 主管部门, its units' count. */
export const departmentLevelSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  regionCode: z.string().nullable(),
  parentDepartmentId: z.number().int().nullable(),
  unitCount: z.number().int(),
  /** Its business section (归口, 0031); null: none. */
  sectionId: z.number().int().nullable(),
});
export type DepartmentLevel = z.infer<typeof departmentLevelSchema>;
export const departmentLevelListSchema = z.object({ items: z.array(departmentLevelSchema) });
export type DepartmentLevelList = z.infer<typeof departmentLevelListSchema>;

/** A business section of a region's finance bureau (财政业务科室, 0031): its name, unique within the region. */
export const sectionSchema = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  name: z.string(),
  /** How many departments are assigned to it (归口). */
  departmentCount: z.number().int(),
  /** How many accounts (财政业务科室审核) it has. */
  accountCount: z.number().int(),
});
export type BusinessSection = z.infer<typeof sectionSchema>;
export const sectionListSchema = z.object({ items: z.array(sectionSchema) });
export type BusinessSectionList = z.infer<typeof sectionListSchema>;
export const sectionListQuerySchema = z.object({ regionCode: z.string().regex(/^\d{6}$/, '区划代码应为六位数字').optional() });

/** A section's name: 教科文科, 社会保障科 … (no code: a bureau names its sections). */
const sectionNameSchema = visibleNameSchema('请输入科室名称', 50);

/** POST /api/sections: a new section of a region's bureau. */
export const createSectionBodySchema = z.object({
  regionCode: z.string().regex(/^\d{6}$/, '区划代码应为六位数字'),
  name: sectionNameSchema,
});
export type CreateSectionBody = z.infer<typeof createSectionBodySchema>;

/** PATCH /api/sections/:id: a new name. */
export const renameSectionBodySchema = z.object({ name: sectionNameSchema });
export type RenameSectionBody = z.infer<typeof renameSectionBodySchema>;

/** PUT /api/departments/:id/section: the section of the department's region it is assigned to; null: none. */
export const departmentSectionBodySchema = z.object({ sectionId: z.number().int().positive().nullable() });
export type DepartmentSectionBody = z.infer<typeof departmentSectionBodySchema>;
