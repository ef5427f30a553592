/**
 * The region tree's API (issue 32): GET /api/regions for everyone signed in, POST /api/regions/import
 * (an administrator loads a province's tree from a file's text), PUT /api/departments/:id/region.
 */
import { z } from 'zod';

export const REGION_LEVELS = ['province', 'city', 'county'] as const;

/** Six digits, 区划代码. */
export const regionCodeSchema = z.string().regex(/^\d{6}$/, '区划代码应为六位数字');

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  level: z.enum(REGION_LEVELS),
});
export type RegionItem = z.infer<typeof regionSchema>;

export const regionListSchema = z.object({ items: z.array(regionSchema) });
export type RegionList = z.infer<typeof regionListSchema>;

/** The file's text: CSV (区划代码,名称 per line) or JSON ([{code, name}]); at most 2 MB. */
export const regionImportBodySchema = z.object({
  text: z.string().min(1, '文件为空').max(2_000_000, '文件过大（最多 2 MB）'),
});
export type RegionImportBody = z.infer<typeof regionImportBodySchema>;

export const regionImportResultSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  total: z.number().int(),
});
export type RegionImportResult = z.infer<typeof regionImportResultSchema>;

export const departmentRegionBodySchema = z.object({ regionCode: regionCodeSchema.nullable() });
export type DepartmentRegionBody = z.infer<typeof departmentRegionBodySchema>;
