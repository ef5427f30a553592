/**
 * The 财政业务科室 level's settings (issue 32), the administrator's: a region's business sections (a
 * finance bureau's 教科文科, 社会保障科 …: a name unique within the region, no code) and each
 * department's section (归口: the section of its own region that reviews its targets before the
 * performance section). Every change is audited.
 *
 * A department's section does not change (or go) while some of its projects wait for it
 * (待业务科室审核): they would wait for another section, or for none. A section with departments or
 * accounts is not deleted: they would name no section.
 */
import type { BusinessSection, BusinessSectionList } from '../../../shared/api/levels';
import { insertAuditEntry, type ActorInput } from '../../db/document.repository';
import { findRegion } from '../../db/region.repository';
import type { Db } from '../../db/schema';
import { countAwaitingLevel } from '../../db/review-levels.repository';
import {
  deleteSection,
  findDepartmentSection,
  findSection,
  findSectionByName,
  insertSection,
  listSections,
  renameSection,
  setDepartmentSection,
} from '../../db/section.repository';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../app/errors';

interface Opts {
  actor: ActorInput;
  now: Date;
}

/** Every region's sections (or one region's), with their departments' and accounts' counts. */
export async function listBusinessSections(db: Db, regionCode: string | null = null): Promise<BusinessSectionList> {
  return { items: await listSections(db, regionCode) };
}

async function sectionView(db: Db, id: number): Promise<BusinessSection> {
  const section = (await listSections(db)).find((s) => s.id === id);
  if (!section) throw new AppError(404, 'not-found', '未找到该业务科室');
  return section;
}

async function assertNameFree(db: Db, regionCode: string, name: string, regionName: string): Promise<void> {
  if (await findSectionByName(db, regionCode, name)) throw new AppError(409, 'conflict', `${regionName}已有名为“${name}”的业务科室`);
}

/** Adds a section to a region's bureau. 404 a region not in the tree; 409 the name taken in that region. */
export async function createBusinessSection(db: Db, regionCode: string, name: string, opts: Opts): Promise<BusinessSection> {
  const id = await inTransaction(db, async (trx) => {
    const region = await findRegion(trx, regionCode);
    if (!region) throw new AppError(404, 'not-found', `区划 ${regionCode} 不在区划表中`);
    await assertNameFree(trx, regionCode, name, region.name);
    const sectionId = await insertSection(trx, regionCode, name);
    await insertAuditEntry(trx, {
      at: opts.now.toISOString(),
      actor: opts.actor,
      action: 'section.create',
      entity: 'section',
      entityId: sectionId,
      detail: { regionCode, regionName: region.name, name },
    });
    return sectionId;
  });
  return sectionView(db, id);
}

/** Renames a section. 404 unknown; 409 the name taken in its region. */
export async function renameBusinessSection(db: Db, id: number, name: string, opts: Opts): Promise<BusinessSection> {
  await inTransaction(db, async (trx) => {
    const section = await findSection(trx, id);
    if (!section) throw new AppError(404, 'not-found', '未找到该业务科室');
    if (section.name === name) return;
    await assertNameFree(trx, section.regionCode, name, (await findRegion(trx, section.regionCode))?.name ?? section.regionCode);
    await renameSection(trx, id, name);
    await insertAuditEntry(trx, {
      at: opts.now.toISOString(),
      actor: opts.actor,
      action: 'section.rename',
      entity: 'section',
      entityId: id,
      detail: { regionCode: section.regionCode, from: section.name, to: name },
    });
  });
  return sectionView(db, id);
}

/** Deletes a section that has no department and no account. 404 unknown; 409 otherwise. */
export async function deleteBusinessSection(db: Db, id: number, opts: Opts): Promise<void> {
  await inTransaction(db, async (trx) => {
    const section = (await listSections(trx)).find((s) => s.id === id);
    if (!section) throw new AppError(404, 'not-found', '未找到该业务科室');
    if (section.departmentCount > 0 || section.accountCount > 0) {
      const what = [section.departmentCount > 0 ? `${section.departmentCount} 个归口单位` : '', section.accountCount > 0 ? `${section.accountCount} 个审核账号` : ''].filter((x) => x !== '');
      throw new AppError(409, 'conflict', `“${section.name}”还有${what.join('和')}：请先改设归口单位、停用或改设账号后再删除`);
    }
    await deleteSection(trx, id);
    await insertAuditEntry(trx, {
      at: opts.now.toISOString(),
      actor: opts.actor,
      action: 'section.delete',
      entity: 'section',
      entityId: id,
      detail: { regionCode: section.regionCode, name: section.name },
    });
  });
}

/**
 * Assigns a department to a section of its region (null: none). 404 unknown department; 400 an
 * unknown section, a department without a region, or a section of another region; 409 projects of
 * the department waiting for its section.
 */
export async function assignDepartmentSection(db: Db, departmentId: number, sectionId: number | null, opts: Opts): Promise<void> {
  await inTransaction(db, async (trx) => {
    const department = await findDepartmentSection(trx, departmentId);
    if (!department) throw new AppError(404, 'not-found', '未找到该单位');
    if (department.sectionId === sectionId) return;
    let sectionName: string | null = null;
    if (sectionId !== null) {
      const section = await findSection(trx, sectionId);
      if (!section) throw new AppError(400, 'validation', `业务科室 ${sectionId} 不存在`);
      if (department.regionCode === null) throw new AppError(400, 'validation', `“${department.name}”未设区划：请先设置其所属区划，再指定该区划财政部门的业务科室`);
      if (section.regionCode !== department.regionCode) {
        throw new AppError(400, 'validation', `归口业务科室须是单位所在区划财政部门的科室（“${department.name}”：${department.regionCode}，“${section.name}”：${section.regionCode}）`);
      }
      sectionName = section.name;
    }
    if (department.sectionId !== null) {
      const waiting = await countAwaitingLevel(trx, departmentId, 'section_submitted');
      if (waiting > 0) throw new AppError(409, 'conflict', `“${department.name}”有 ${waiting} 个项目待业务科室审核，处理后才能更改归口业务科室`);
    }
    await setDepartmentSection(trx, departmentId, sectionId);
    // the names, not the ids, are what the history shows (issue 58)
    const fromName = department.sectionId === null ? null : ((await findSection(trx, department.sectionId))?.name ?? null);
    await insertAuditEntry(trx, {
      at: opts.now.toISOString(),
      actor: opts.actor,
      action: 'department.section',
      entity: 'department',
      entityId: departmentId,
      detail: { name: department.name, from: department.sectionId, to: sectionId, fromName, sectionName },
    });
  });
}
