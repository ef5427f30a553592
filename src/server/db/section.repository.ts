/**
 * All SQL of the 财政业务科室 level of review (migration 0031): a region's business sections (a name
 * unique within the region's bureau), the departments assigned to each (归口, department.section_id),
 * and the accounts of each (app_user.section_id). The projects waiting for a section: review-levels.repository.ts
 * countAwaitingLevel.
 */
import type { Db } from './schema';

/** A business section with how many departments are assigned to it and how many accounts it has. */
export interface SectionRow {
  id: number;
  regionCode: string;
  name: string;
  departmentCount: number;
  accountCount: number;
}

const count = (n: number | string | bigint | null | undefined) => Number(n ?? 0);

/** Every business section (or one region's), by region and name, with its departments' and accounts' counts. */
export async function listSections(db: Db, regionCode: string | null = null): Promise<SectionRow[]> {
  let q = db
    .selectFrom('businessSection as s')
    .select((eb) => [
      's.id',
      's.regionCode',
      's.name',
      eb.selectFrom('department as d').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('d.sectionId', '=', 's.id').as('departmentCount'),
      eb.selectFrom('appUser as u').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('u.sectionId', '=', 's.id').as('accountCount'),
    ]);
  if (regionCode !== null) q = q.where('s.regionCode', '=', regionCode);
  const rows = await q.orderBy('s.regionCode').orderBy('s.name').orderBy('s.id').execute();
  return rows.map((r) => ({ id: r.id, regionCode: r.regionCode, name: r.name, departmentCount: count(r.departmentCount), accountCount: count(r.accountCount) }));
}

export async function findSection(db: Db, id: number): Promise<{ id: number; regionCode: string; name: string } | undefined> {
  return db.selectFrom('businessSection').select(['id', 'regionCode', 'name']).where('id', '=', id).executeTakeFirst();
}

/** The section of a region with exactly this name (the names are unique within a region). */
export async function findSectionByName(db: Db, regionCode: string, name: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('businessSection').select('id').where('regionCode', '=', regionCode).where('name', '=', name).executeTakeFirst();
}

/** Adds a section to a region's bureau; its id. */
export async function insertSection(db: Db, regionCode: string, name: string): Promise<number> {
  const row = await db.insertInto('businessSection').values({ regionCode, name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function renameSection(db: Db, id: number, name: string): Promise<void> {
  await db.updateTable('businessSection').set({ name }).where('id', '=', id).execute();
}

export async function deleteSection(db: Db, id: number): Promise<void> {
  await db.deleteFrom('businessSection').where('id', '=', id).execute();
}

/** Assigns (null: unassigns) a department to a business section. */
export async function setDepartmentSection(db: Db, departmentId: number, sectionId: number | null): Promise<void> {
  await db.updateTable('department').set({ sectionId }).where('id', '=', departmentId).execute();
}

/** A department's name, region and section (the assignment's checks). */
export async function findDepartmentSection(db: Db, departmentId: number): Promise<{ id: number; name: string; regionCode: string | null; sectionId: number | null } | undefined> {
  return db.selectFrom('department').select(['id', 'name', 'regionCode', 'sectionId']).where('id', '=', departmentId).executeTakeFirst();
}

/** The ids of the departments assigned to a section (a section account's departments), by id. */
export async function sectionDepartmentIds(db: Db, sectionId: number): Promise<number[]> {
  return (await db.selectFrom('department').select('id').where('sectionId', '=', sectionId).orderBy('id').execute()).map((r) => r.id);
}
