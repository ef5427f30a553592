/**
 * All SQL for the region tree (migration 0025) and the region columns of departments and accounts.
 * A region's subtree is a range of codes (shared/domain/region.ts subtreeRange): queries filter by
 * `region_code >= lo and region_code <= hi`, parameters both.
 */
import { sql } from 'kysely';
import { subtreeRange, type Region } from '../../shared/domain/region';
import { chunks } from './rows';
import type { Db } from './schema';

/** Every region, in code order. */
export async function listRegions(db: Db): Promise<Region[]> {
  return db.selectFrom('region').select(['code', 'name', 'parentCode', 'level']).orderBy('code').execute();
}

export async function findRegion(db: Db, code: string): Promise<Region | undefined> {
  return db.selectFrom('region').select(['code', 'name', 'parentCode', 'level']).where('code', '=', code).executeTakeFirst();
}

/** Names of the given regions, by code (unknown codes left out). */
export async function regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(codes)], 500)) {
    if (part.length === 0) continue;
    for (const r of await db.selectFrom('region').select(['code', 'name']).where('code', 'in', part).execute()) out.set(r.code, r.name);
  }
  return out;
}

/**
 * Loads a tree: regions already there are renamed (and their parent re-derived), new ones added;
 * none removed (departments and accounts may name them). Returns how many were added and renamed.
 * Call it inside a transaction.
 */
export async function upsertRegions(db: Db, regions: readonly Region[]): Promise<{ added: number; updated: number; unchanged: number }> {
  const existing = new Map((await listRegions(db)).map((r) => [r.code, r]));
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  const fresh = regions.filter((r) => !existing.has(r.code));
  for (const part of chunks(fresh, 200)) {
    if (part.length > 0) await db.insertInto('region').values(part.map((r) => ({ code: r.code, name: r.name, parentCode: r.parentCode, level: r.level }))).execute();
  }
  added = fresh.length;
  for (const r of regions) {
    const before = existing.get(r.code);
    if (before === undefined) continue;
    if (before.name === r.name && before.parentCode === r.parentCode && before.level === r.level) {
      unchanged++;
      continue;
    }
    await db.updateTable('region').set({ name: r.name, parentCode: r.parentCode, level: r.level }).where('code', '=', r.code).execute();
    updated++;
  }
  return { added, updated, unchanged };
}

/** A department's name and region. */
export async function findDepartmentRegion(db: Db, departmentId: number): Promise<{ id: number; name: string; regionCode: string | null } | undefined> {
  return db.selectFrom('department').select(['id', 'name', 'regionCode']).where('id', '=', departmentId).executeTakeFirst();
}

/**
 * Sets a department's region; its documents and their projects move with it (migration 0032: a
 * regional account's queries say the region beside the departments, so the rows must carry the
 * department's). Set to none, they keep the region they had: no regional account sees them.
 * Call it inside a transaction.
 */
export async function setDepartmentRegion(db: Db, departmentId: number, regionCode: string | null): Promise<void> {
  await db.updateTable('department').set({ regionCode }).where('id', '=', departmentId).execute();
  if (regionCode === null) return;
  await db.updateTable('document').set({ regionCode }).where('departmentId', '=', departmentId).where(sql<boolean>`region_code is distinct from ${regionCode}`).execute();
  await db
    .updateTable('project')
    .set({ regionCode })
    .where('documentId', 'in', db.selectFrom('document').select('id').where('departmentId', '=', departmentId))
    .where(sql<boolean>`region_code is distinct from ${regionCode}`)
    .execute();
}

/**
 * A condition on a region column (`column` as a query names it: 'department.regionCode',
 * 'd.regionCode'): within `region`'s subtree, both bounds parameters; a county (a subtree of
 * itself) as an equality, which PostgreSQL prunes a table list-partitioned by region to (a range
 * keeps the default partition, partitioning.ts).
 */
export function withinRegion(column: string, region: string) {
  const { lo, hi } = subtreeRange(region);
  if (lo === hi) return sql<boolean>`${sql.ref(column)} = ${lo}`;
  return sql<boolean>`(${sql.ref(column)} >= ${lo} and ${sql.ref(column)} <= ${hi})`;
}

/** The departments within `region`'s subtree: a subquery of ids (for `department_id in (…)`). */
export function departmentsWithin(db: Db, region: string) {
  const { lo, hi } = subtreeRange(region);
  return db.selectFrom('department').select('department.id').where('department.regionCode', '>=', lo).where('department.regionCode', '<=', hi);
}

/** The departments within `region`'s subtree, each with its region (by id). */
export async function departmentRegionsWithin(db: Db, region: string): Promise<Map<number, string>> {
  const rows = await departmentsWithin(db, region).select('department.regionCode').execute();
  return new Map(rows.map((r) => [r.id, r.regionCode!]));
}
