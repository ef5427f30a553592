/**
 * The SQL of the indicator library: the projects and indicators of current documents read in
 * pages by id (keyset: the same on SQLite and PostgreSQL, constant memory per page, no cursor
 * support needed), and a signature that changes when any of them does.
 */
import type { ProjectStatus } from '../../shared/domain/workflow';
import type { LibraryIndicatorRow, LibraryProjectRow } from '../../shared/library/library';
import { budgetInForceOf, intFromDb } from './document.repository';
import { chunks } from './rows';
import type { Db } from './schema';

/** Rows per page. */
export const LIBRARY_PAGE = 5000;

function currentProjects(db: Db) {
  return db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .innerJoin('department as dep', 'dep.id', 'd.departmentId')
    .where('d.isCurrent', '=', 1);
}

const PROJECT_COLUMNS = ['p.id', 'p.name', 'p.purpose', 'p.year', 'd.year as documentYear', 'p.status', 'p.version', 'd.departmentId', 'dep.name as departmentName'] as const;
/** A project's budget in force (issue 58): what a money indicator's suggestion is scaled by. */
const budgetColumn = () => budgetInForceOf('p').as('budgetFen');

/** The projects of current documents, a page after `afterId` in id order. */
export async function readLibraryProjects(db: Db, afterId: number, limit = LIBRARY_PAGE): Promise<LibraryProjectRow[]> {
  const rows = await currentProjects(db).select(PROJECT_COLUMNS).select(budgetColumn()).where('p.id', '>', afterId).orderBy('p.id').limit(limit).execute();
  return rows.map(projectRow);
}

/** The current ones among these projects. */
export async function readLibraryProjectsByIds(db: Db, ids: readonly number[]): Promise<LibraryProjectRow[]> {
  const out: LibraryProjectRow[] = [];
  for (const part of chunks(ids)) {
    const rows = await currentProjects(db).select(PROJECT_COLUMNS).select(budgetColumn()).where('p.id', 'in', part).orderBy('p.id').execute();
    out.push(...rows.map(projectRow));
  }
  return out;
}

/** Every current project's id → "version:status:budget": what changed since the library was built (a status set without a version step, an adjusted budget, too). */
export async function readLibraryProjectVersions(db: Db): Promise<Map<number, string>> {
  const rows = await currentProjects(db).select(['p.id', 'p.version', 'p.status']).select(budgetColumn()).execute();
  return new Map(rows.map((r) => [r.id, `${r.version}:${r.status}:${intFromDb(r.budgetFen) ?? ''}`]));
}

function projectRow(r: {
  id: number;
  name: string;
  purpose: string | null;
  year: number | null;
  documentYear: number | null;
  status: string;
  version: number;
  departmentId: number | null;
  departmentName: string;
  budgetFen: number | string | bigint | null;
}): LibraryProjectRow {
  return {
    id: r.id,
    name: r.name,
    purpose: r.purpose,
    year: r.year ?? r.documentYear,
    status: r.status as ProjectStatus,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    version: r.version,
    budgetFen: intFromDb(r.budgetFen),
  };
}

/** The indicators of current documents' projects (not the long-term group), a page after `afterId` in id order. */
export async function readLibraryIndicators(db: Db, afterId: number, limit = LIBRARY_PAGE): Promise<(LibraryIndicatorRow & { id: number })[]> {
  return currentProjects(db)
    .innerJoin('indicator as i', 'i.projectId', 'p.id')
    .select([
      'i.id',
      'i.projectId',
      'i.level1',
      'i.level2',
      'i.name',
      'i.targetRaw',
      'i.targetKind',
      'i.targetOperator',
      'i.targetValueText',
      'i.targetUnit',
      'i.basis',
    ])
    .where('i.id', '>', afterId)
    .orderBy('i.id')
    .limit(limit)
    .execute();
}

/** The indicators of these projects, in id order. */
export async function readLibraryIndicatorsOf(db: Db, projectIds: readonly number[]): Promise<LibraryIndicatorRow[]> {
  const out: LibraryIndicatorRow[] = [];
  for (const part of chunks(projectIds)) {
    out.push(
      ...(await db
        .selectFrom('indicator as i')
        .select(['i.id', 'i.projectId', 'i.level1', 'i.level2', 'i.name', 'i.targetRaw', 'i.targetKind', 'i.targetOperator', 'i.targetValueText', 'i.targetUnit', 'i.basis'])
        .where('i.projectId', 'in', part)
        .orderBy('i.id')
        .execute()),
    );
  }
  return out;
}

/**
 * What the library depends on, in one aggregate row: the current projects' count, largest id
 * (an import or a replacement adds projects), the sum of their ids (a withdrawal that restores the
 * version it replaced keeps the count and may keep the largest id), the sum of their versions
 * (every save and workflow step bumps one) and how many are published (visibility). Equal
 * signatures: the same library.
 */
export async function librarySignature(db: Db): Promise<string> {
  const row = await currentProjects(db)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.max('p.id').as('maxId'),
      eb.fn.sum<number | string | null>('p.id').as('ids'),
      eb.fn.sum<number | string | null>('p.version').as('versions'),
      eb.fn.sum<number | string | null>(eb.case().when('p.status', '=', 'published').then(eb.lit(1)).else(eb.lit(0)).end()).as('published'),
    ])
    .executeTakeFirstOrThrow();
  return [intFromDb(row.n), row.maxId ?? 0, intFromDb(row.ids ?? 0), intFromDb(row.versions ?? 0), intFromDb(row.published ?? 0)].join(':');
}
