/**
 * All SQL of the levels of review (migration 0026): a department's 主管部门 (its parent
 * department), a supervisor's departments (its 主管部门 and the units under it), and the regions'
 * own settings of the levels they use (inherited down the tree: shared/domain/review-levels.ts).
 * The business sections (0031) are section.repository.ts's.
 */
import { reviewLevelsForYear, settingCodesOf, usesSectionLevel, usesSupervisorLevel, type ReviewLevelSetting, type YearReviewLevels } from '../../shared/domain/review-levels';
import type { ReviewLevels } from '../../shared/domain/workflow';
import type { Db } from './schema';

/** A department's place in the levels: its region, its 主管部门, how many units it has itself. */
export interface DepartmentLevelRow {
  id: number;
  name: string;
  regionCode: string | null;
  parentDepartmentId: number | null;
  unitCount: number;
}

export async function findDepartmentLevel(db: Db, departmentId: number): Promise<DepartmentLevelRow | undefined> {
  const row = await db
    .selectFrom('department as d')
    .select((eb) => [
      'd.id',
      'd.name',
      'd.regionCode',
      'd.parentDepartmentId',
      eb.selectFrom('department as u').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('u.parentDepartmentId', '=', 'd.id').as('unitCount'),
    ])
    .where('d.id', '=', departmentId)
    .executeTakeFirst();
  return row === undefined ? undefined : { ...row, unitCount: Number(row.unitCount ?? 0) };
}

/** Sets (or clears) a department's 主管部门. */
export async function setDepartmentParent(db: Db, departmentId: number, parentDepartmentId: number | null): Promise<void> {
  await db.updateTable('department').set({ parentDepartmentId }).where('id', '=', departmentId).execute();
}

/** The ids of a 主管部门 and of its units (a supervisor's departments), the 主管部门 first. */
export async function supervisedDepartmentIds(db: Db, departmentId: number): Promise<number[]> {
  const units = await db.selectFrom('department').select('id').where('parentDepartmentId', '=', departmentId).orderBy('id').execute();
  return [departmentId, ...units.map((u) => u.id)];
}

/** How many current projects of a department wait for one of its levels: its 主管部门 (待主管部门审核) or its business section (待业务科室审核). */
export async function countAwaitingLevel(db: Db, departmentId: number, status: 'unit_submitted' | 'section_submitted'): Promise<number> {
  const row = await db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('d.departmentId', '=', departmentId)
    .where('d.isCurrent', '=', 1)
    .where('p.status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The settings that decide a region's levels: its and its ancestors' own (without a year) and from a year on. */
async function settingsOf(db: Db, codes: readonly string[]): Promise<{ own: Map<string, string | null>; byYear: YearReviewLevels[] }> {
  if (codes.length === 0) return { own: new Map(), byYear: [] };
  const rows = await db.selectFrom('region').select(['code', 'reviewLevels']).where('code', 'in', codes).execute();
  const byYear = await db.selectFrom('regionReviewLevels').select(['regionCode', 'fromYear', 'reviewLevels']).where('regionCode', 'in', codes).execute();
  return { own: new Map(rows.map((r) => [r.code, r.reviewLevels])), byYear };
}

/**
 * The setting a region uses in a budget year: its own for the year, else inherited from the nearest
 * ancestor with one, else the default; a null year: the settings without a year only.
 */
export async function effectiveRegionReviewLevels(db: Db, regionCode: string | null, year: number | null = null): Promise<ReviewLevelSetting> {
  const { own, byYear } = await settingsOf(db, regionCode === null ? [] : settingCodesOf(regionCode));
  return reviewLevelsForYear(regionCode, year, own, byYear).setting;
}

/**
 * The levels a department's projects of a budget year pass: its 主管部门 and its business section (归口),
 * and whether its region uses each level that year.
 */
export async function reviewLevelsOfDepartment(db: Db, departmentId: number | null, year: number | null = null): Promise<ReviewLevels> {
  const none: ReviewLevels = { supervisorDepartmentId: null, supervisorLevel: false, sectionId: null, sectionLevel: false };
  if (departmentId === null) return none;
  const row = await db.selectFrom('department').select(['regionCode', 'parentDepartmentId', 'sectionId']).where('id', '=', departmentId).executeTakeFirst();
  if (row === undefined) return none;
  const setting = await effectiveRegionReviewLevels(db, row.regionCode, year);
  return { supervisorDepartmentId: row.parentDepartmentId, supervisorLevel: usesSupervisorLevel(setting), sectionId: row.sectionId, sectionLevel: usesSectionLevel(setting) };
}

/** Every region's settings from a year on, by region code and year. */
export async function listYearReviewLevels(db: Db): Promise<YearReviewLevels[]> {
  return db.selectFrom('regionReviewLevels').select(['regionCode', 'fromYear', 'reviewLevels']).orderBy('regionCode').orderBy('fromYear').execute();
}

/** A region's setting from a year on; undefined: none for that year. */
export async function findYearReviewLevels(db: Db, code: string, fromYear: number): Promise<string | undefined> {
  const row = await db.selectFrom('regionReviewLevels').select('reviewLevels').where('regionCode', '=', code).where('fromYear', '=', fromYear).executeTakeFirst();
  return row?.reviewLevels;
}

/** Sets a region's setting from a year on (replacing that year's); null: removes it (the years before decide again). */
export async function setYearReviewLevels(db: Db, code: string, fromYear: number, reviewLevels: ReviewLevelSetting | null): Promise<void> {
  await db.deleteFrom('regionReviewLevels').where('regionCode', '=', code).where('fromYear', '=', fromYear).execute();
  if (reviewLevels !== null) await db.insertInto('regionReviewLevels').values({ regionCode: code, fromYear, reviewLevels }).execute();
}

/** A region's own setting (null: inherits) and whether the region exists. */
export async function findRegionReviewLevels(db: Db, code: string): Promise<{ code: string; name: string; reviewLevels: string | null } | undefined> {
  return db.selectFrom('region').select(['code', 'name', 'reviewLevels']).where('code', '=', code).executeTakeFirst();
}

/** Sets a region's own setting; null: inherit its parent region's. */
export async function setRegionReviewLevels(db: Db, code: string, reviewLevels: ReviewLevelSetting | null): Promise<void> {
  await db.updateTable('region').set({ reviewLevels }).where('code', '=', code).execute();
}

/** The departments of one region (exactly that region, not below), by id. */
export async function departmentsOfRegion(db: Db, regionCode: string): Promise<{ id: number; code: string | null; name: string }[]> {
  return db.selectFrom('department').select(['id', 'code', 'name']).where('regionCode', '=', regionCode).orderBy('id').execute();
}

/** The departments that are a 主管部门 (some department names them as its parent), by id. */
export async function listSupervisingDepartments(db: Db): Promise<{ id: number; code: string | null; name: string }[]> {
  return db
    .selectFrom('department as d')
    .select(['d.id', 'd.code', 'd.name'])
    .where((eb) => eb.exists(eb.selectFrom('department as u').select('u.id').whereRef('u.parentDepartmentId', '=', 'd.id')))
    .orderBy('d.id')
    .execute();
}

/** Each unit's 主管部门: unit id → parent id (the departments that have one). */
export async function listDepartmentParents(db: Db): Promise<Map<number, number>> {
  const rows = await db.selectFrom('department').select(['id', 'parentDepartmentId']).where('parentDepartmentId', 'is not', null).execute();
  return new Map(rows.map((r) => [r.id, r.parentDepartmentId!]));
}

/** Every region's own setting (null: inherits), in code order: the settings screen. */
export async function listRegionReviewLevels(db: Db): Promise<{ code: string; name: string; reviewLevels: string | null }[]> {
  return db.selectFrom('region').select(['code', 'name', 'reviewLevels']).orderBy('code').execute();
}

/** Every department's place in the levels (its region, its 主管部门, how many units it has, its business section), by id: the settings screen. */
export async function listDepartmentLevels(db: Db): Promise<(DepartmentLevelRow & { code: string | null; sectionId: number | null })[]> {
  const rows = await db.selectFrom('department').select(['id', 'code', 'name', 'regionCode', 'parentDepartmentId', 'sectionId']).orderBy('id').execute();
  const units = new Map<number, number>();
  for (const r of rows) if (r.parentDepartmentId !== null) units.set(r.parentDepartmentId, (units.get(r.parentDepartmentId) ?? 0) + 1);
  return rows.map((r) => ({ ...r, unitCount: units.get(r.id) ?? 0 }));
}

/** A department's 主管部门 (its parent department: id, code, name), or null when it has none. */
export async function supervisorOfDepartment(db: Db, departmentId: number): Promise<{ id: number; code: string | null; name: string } | null> {
  const row = await db
    .selectFrom('department as d')
    .innerJoin('department as p', 'p.id', 'd.parentDepartmentId')
    .select(['p.id', 'p.code', 'p.name'])
    .where('d.id', '=', departmentId)
    .executeTakeFirst();
  return row ?? null;
}
