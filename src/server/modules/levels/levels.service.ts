/**
 * The levels of review's settings (issue 32), the administrator's: a department's 主管部门 and the
 * levels a region uses. Every change is audited.
 *
 * A 主管部门 and its units are of one region (the region's setting decides the path); one level
 * only: a 主管部门 has no 主管部门 itself and a unit has no units. A unit's 主管部门 does not change
 * (or go) while some of its projects wait for it (待主管部门审核): they would wait for no one.
 */
import type { DepartmentLevelList, RegionReviewLevels, RegionReviewLevelsList } from '../../../shared/api/levels';
import { isReviewLevelSetting, reviewLevelsForYear, type ReviewLevelSetting, type YearReviewLevels } from '../../../shared/domain/review-levels';
import { insertAuditEntry, type ActorInput } from '../../db/document.repository';
import {
  countAwaitingLevel,
  effectiveRegionReviewLevels,
  findDepartmentLevel,
  findRegionReviewLevels,
  findYearReviewLevels,
  listYearReviewLevels,
  setYearReviewLevels,
  listDepartmentLevels,
  listRegionReviewLevels,
  setDepartmentParent,
  setRegionReviewLevels,
} from '../../db/review-levels.repository';
import type { Db } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../app/errors';

interface Opts {
  actor: ActorInput;
  now: Date;
}

/** Sets (null: clears) a department's 主管部门. 404 unknown department; 400 an unsuitable 主管部门; 409 projects waiting. */
export async function assignDepartmentParent(db: Db, departmentId: number, parentDepartmentId: number | null, opts: Opts): Promise<void> {
  await inTransaction(db, async (trx) => {
    const department = await findDepartmentLevel(trx, departmentId);
    if (!department) throw new AppError(404, 'not-found', '未找到该单位');
    if (department.parentDepartmentId === parentDepartmentId) return;
    let parentName: string | null = null;
    if (parentDepartmentId !== null) {
      const parent = await findDepartmentLevel(trx, parentDepartmentId);
      if (!parent) throw new AppError(400, 'validation', `单位 ${parentDepartmentId} 不存在`);
      if (parent.id === department.id) throw new AppError(400, 'validation', '单位不能是自己的主管部门');
      if (parent.parentDepartmentId !== null) throw new AppError(400, 'validation', `“${parent.name}”本身是二级单位，不能作为主管部门`);
      if (department.unitCount > 0) throw new AppError(400, 'validation', `“${department.name}”是主管部门（有 ${department.unitCount} 个二级单位），不能再设主管部门`);
      if (department.regionCode === null || parent.regionCode !== department.regionCode) {
        throw new AppError(400, 'validation', `主管部门须与单位属于同一区划（“${department.name}”：${department.regionCode ?? '未设区划'}，“${parent.name}”：${parent.regionCode ?? '未设区划'}）`);
      }
      parentName = parent.name;
    }
    if (department.parentDepartmentId !== null) {
      const waiting = await countAwaitingLevel(trx, departmentId, 'unit_submitted');
      if (waiting > 0) throw new AppError(409, 'conflict', `“${department.name}”有 ${waiting} 个项目待主管部门审核，处理后才能更改主管部门`);
    }
    await setDepartmentParent(trx, departmentId, parentDepartmentId);
    // the names, not the ids, are what the history shows (issue 58)
    const fromName = department.parentDepartmentId === null ? null : ((await findDepartmentLevel(trx, department.parentDepartmentId))?.name ?? null);
    await insertAuditEntry(trx, {
      at: opts.now.toISOString(),
      actor: opts.actor,
      action: 'department.parent',
      entity: 'department',
      entityId: departmentId,
      detail: { name: department.name, from: department.parentDepartmentId, to: parentDepartmentId, fromName, parentName },
    });
  });
}

/** A region's own settings (without a year, from a year on) and the one that applies to projects without a year; 404 for a region not in the tree. */
export async function getRegionReviewLevels(db: Db, code: string): Promise<RegionReviewLevels> {
  const region = await findRegionReviewLevels(db, code);
  if (!region) throw new AppError(404, 'not-found', `区划 ${code} 不在区划表中`);
  const years = (await listYearReviewLevels(db)).filter((r) => r.regionCode === code);
  return {
    code,
    own: isReviewLevelSetting(region.reviewLevels) ? region.reviewLevels : null,
    effective: await effectiveRegionReviewLevels(db, code),
    years: yearsOf(years),
  };
}

const yearsOf = (rows: readonly YearReviewLevels[]) =>
  rows.filter((r) => isReviewLevelSetting(r.reviewLevels)).map((r) => ({ fromYear: r.fromYear, reviewLevels: r.reviewLevels as ReviewLevelSetting }));

/**
 * Sets a region's own levels: without a year, for every year (null: inherit); from a budget year
 * on (null: that year's setting removed). 404 for a region not in the tree.
 */
export async function assignRegionReviewLevels(db: Db, code: string, reviewLevels: ReviewLevelSetting | null, opts: Opts & { fromYear?: number | null }): Promise<RegionReviewLevels> {
  const fromYear = opts.fromYear ?? null;
  await inTransaction(db, async (trx) => {
    const region = await findRegionReviewLevels(trx, code);
    if (!region) throw new AppError(404, 'not-found', `区划 ${code} 不在区划表中`);
    const before = fromYear === null ? region.reviewLevels : ((await findYearReviewLevels(trx, code, fromYear)) ?? null);
    if (before === reviewLevels) return;
    if (fromYear === null) await setRegionReviewLevels(trx, code, reviewLevels);
    else await setYearReviewLevels(trx, code, fromYear, reviewLevels);
    await insertAuditEntry(trx, {
      at: opts.now.toISOString(),
      actor: opts.actor,
      action: 'region.reviewLevels',
      entity: 'region',
      entityId: null,
      detail: { code, name: region.name, from: before, to: reviewLevels, ...(fromYear !== null ? { fromYear } : {}) },
    });
  });
  return getRegionReviewLevels(db, code);
}

/** Every region's settings: its own, what applies in `year` (none: to projects without a year) and from which region and year (the settings screen). */
export async function listRegionReviewLevelSettings(db: Db, year: number | null = null): Promise<RegionReviewLevelsList> {
  const rows = await listRegionReviewLevels(db);
  const byYear = await listYearReviewLevels(db);
  const own = new Map(rows.map((r) => [r.code, r.reviewLevels]));
  return {
    items: rows.map((r) => {
      const applies = reviewLevelsForYear(r.code, year, own, byYear);
      return {
        code: r.code,
        name: r.name,
        own: isReviewLevelSetting(r.reviewLevels) ? r.reviewLevels : null,
        years: yearsOf(byYear.filter((y) => y.regionCode === r.code)),
        effective: applies.setting,
        from: applies.from,
        fromYear: applies.fromYear,
      };
    }),
  };
}

/** Every department's region, 主管部门 and units' count (the settings screen). */
export async function listDepartmentLevelSettings(db: Db): Promise<DepartmentLevelList> {
  return { items: await listDepartmentLevels(db) };
}
