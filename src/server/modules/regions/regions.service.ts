/**
 * The region tree: loading a province's tree from a file (the CLI's `jixiao regions import` and
 * POST /api/regions/import), a department's region. Every change is audited.
 */
import { buildRegionTree, parentIn, readRegionFile, type Region } from '../../../shared/domain/region';
import type { RegionImportResult } from '../../../shared/api/regions';
import { insertAuditEntry, type ActorInput } from '../../db/document.repository';
import { findDepartmentRegion, findRegion, listRegions, setDepartmentRegion, upsertRegions } from '../../db/region.repository';
import type { Db } from '../../db/schema';
import { findDepartmentLevel } from '../../db/review-levels.repository';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../app/errors';
import { findDepartmentSection } from '../../db/section.repository';

/** A region file that cannot be loaded: every problem, each naming its line. */
export class RegionFileError extends Error {
  constructor(readonly issues: { line: number; message: string }[]) {
    super(issues.map((i) => i.message).join('\n'));
  }
}

/** The regions a file's text describes (parents derived from the codes), or RegionFileError. */
export function parseRegionFile(text: string): Region[] {
  const read = readRegionFile(text);
  if (read.issues.length > 0) throw new RegionFileError(read.issues);
  if (read.lines.length === 0) throw new RegionFileError([{ line: 0, message: '文件中没有区划' }]);
  const tree = buildRegionTree(read.lines);
  if (tree.issues.length > 0) throw new RegionFileError(tree.issues);
  return tree.regions;
}

/**
 * Loads a tree in one transaction: new regions added, known ones renamed, none removed. A region
 * whose parent (by its code) is already in the database but not in the file gets it as its parent.
 */
export async function importRegions(db: Db, text: string, opts: { actor: ActorInput; now: Date }): Promise<RegionImportResult> {
  const regions = parseRegionFile(text);
  return inTransaction(db, async (trx) => {
    const known = new Set([...(await listRegions(trx)).map((r) => r.code), ...regions.map((r) => r.code)]);
    const withParents = regions.map((r) => (r.parentCode !== null ? r : { ...r, parentCode: parentIn(r.code, known) }));
    const counts = await upsertRegions(trx, withParents);
    await insertAuditEntry(trx, {
      at: opts.now.toISOString(),
      actor: opts.actor,
      action: 'region.import',
      entity: 'region',
      entityId: null,
      detail: { ...counts, total: regions.length },
    });
    return { ...counts, total: regions.length };
  });
}


/** Sets a department's region (null: none); the region must be in the tree. Audited. */
export async function assignDepartmentRegion(db: Db, departmentId: number, regionCode: string | null, opts: { actor: ActorInput; now: Date }): Promise<void> {
  await inTransaction(db, async (trx) => {
    const department = await findDepartmentRegion(trx, departmentId);
    if (!department) throw new AppError(404, 'not-found', '未找到该单位');
    if (regionCode !== null && (await findRegion(trx, regionCode)) === undefined) throw new AppError(400, 'validation', `区划 ${regionCode} 不在区划表中`);
    if (department.regionCode === regionCode) return;
    // a 主管部门 and its units are of one region (levels of review): the link goes first
    const level = (await findDepartmentLevel(trx, departmentId))!;
    if (level.parentDepartmentId !== null || level.unitCount > 0) {
      throw new AppError(409, 'conflict', `“${department.name}”${level.parentDepartmentId !== null ? '有主管部门' : `是 ${level.unitCount} 个二级单位的主管部门`}，主管部门与二级单位须属于同一区划：请先取消主管部门关系再更改区划`);
    }
    // its business section is its region's bureau's (财政业务科室): the assignment goes first
    const section = (await findDepartmentSection(trx, departmentId))?.sectionId ?? null;
    if (section !== null) throw new AppError(409, 'conflict', `“${department.name}”已归口本区划财政部门的业务科室：请先取消归口业务科室再更改区划`);
    await setDepartmentRegion(trx, departmentId, regionCode);
    await insertAuditEntry(trx, {
      at: opts.now.toISOString(),
      actor: opts.actor,
      action: 'department.region',
      entity: 'department',
      entityId: departmentId,
      detail: { name: department.name, from: department.regionCode, to: regionCode },
    });
  });
}
