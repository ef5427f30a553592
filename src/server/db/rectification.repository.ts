/**
 * All SQL of 整改 (rectification, migration 0014): items with their project and department, their
 * timeline, and evidence files (bytes). Overdue is a filter on the deadline against the caller's
 * "today" ('YYYY-MM-DD' compares as text on both dialects), never a stored state.
 */
import type { RectificationDisplayStatus, RectificationSourceKind, RectificationStatus } from '../../shared/domain/rectification';
import { intFromDb } from './document.repository';
import type { Db } from './schema';

/** What an item is made with. */
export interface NewRectification {
  projectId: number;
  departmentId: number;
  sourceKind: RectificationSourceKind;
  sourceKey: string;
  sourceText: string;
  requirement: string | null;
  ownerPerson: string | null;
  deadline: string;
  status: RectificationStatus;
  createdAt: string;
  createdBy: string;
  submittedAt?: string | null;
  closedAt?: string | null;
}

/** An item as stored, with its project's name, code and year, its department's name and how many files it has. */
export interface StoredRectification extends Required<NewRectification> {
  id: number;
  projectName: string;
  projectCode: string | null;
  departmentName: string;
  year: number | null;
  fileCount: number;
  updatedAt: string;
  updatedBy: string;
}

export interface RectificationFilter {
  /** Only this department's items (an editor's scope). */
  departmentId?: number;
  /** Only these departments' items (a regional account's subtree). */
  departmentIds?: readonly number[];
  projectId?: number;
  /** The project's year (its own, else its document's). */
  year?: number;
  sourceKind?: RectificationSourceKind;
  /** A stored status, or 'overdue' (open and past the deadline on `today`). */
  status?: RectificationDisplayStatus;
  /** Only open items past their deadline. */
  overdue?: boolean;
  /** Only open items (pending, in progress). */
  open?: boolean;
}

const OPEN: RectificationStatus[] = ['pending', 'in-progress'];

function base(db: Db) {
  return db
    .selectFrom('rectificationItem as r')
    .innerJoin('project as p', 'p.id', 'r.projectId')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .innerJoin('department as dep', 'dep.id', 'r.departmentId');
}

function filtered(db: Db, filter: RectificationFilter, today: string) {
  let q = base(db);
  if (filter.departmentId !== undefined) q = q.where('r.departmentId', '=', filter.departmentId);
  if (filter.departmentIds !== undefined) q = q.where('r.departmentId', 'in', filter.departmentIds.length > 0 ? [...filter.departmentIds] : [-1]);
  if (filter.projectId !== undefined) q = q.where('r.projectId', '=', filter.projectId);
  if (filter.year !== undefined) {
    const year = filter.year;
    q = q.where((eb) => eb(eb.fn.coalesce('p.year', 'd.year'), '=', year));
  }
  if (filter.sourceKind !== undefined) q = q.where('r.sourceKind', '=', filter.sourceKind);
  if (filter.open) q = q.where('r.status', 'in', OPEN);
  if (filter.overdue || filter.status === 'overdue') q = q.where('r.status', 'in', OPEN).where('r.deadline', '<', today);
  else if (filter.status === 'pending' || filter.status === 'in-progress') q = q.where('r.status', '=', filter.status).where('r.deadline', '>=', today);
  else if (filter.status !== undefined) q = q.where('r.status', '=', filter.status);
  return q;
}

function selectItem(q: ReturnType<typeof base>) {
  return q.select((eb) => [
    'r.id',
    'r.projectId',
    'p.name as projectName',
    'p.code as projectCode',
    'r.departmentId',
    'dep.name as departmentName',
    eb.fn.coalesce('p.year', 'd.year').as('year'),
    'r.sourceKind',
    'r.sourceKey',
    'r.sourceText',
    'r.requirement',
    'r.ownerPerson',
    'r.deadline',
    'r.status',
    'r.createdAt',
    'r.createdBy',
    'r.updatedAt',
    'r.updatedBy',
    'r.submittedAt',
    'r.closedAt',
    eb.selectFrom('rectificationFile as f').whereRef('f.itemId', '=', 'r.id').select(eb.fn.countAll<number | string>().as('n')).as('fileCount'),
  ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItem>['execute']>>[number];

function toStored(r: ItemRow): StoredRectification {
  return {
    ...r,
    sourceKind: r.sourceKind as RectificationSourceKind,
    status: r.status as RectificationStatus,
    fileCount: intFromDb(r.fileCount ?? 0),
  };
}

/** A page of items, open ones by deadline first, then the others by their last change (newest first). */
export async function listRectifications(
  db: Db,
  filter: RectificationFilter,
  today: string,
  page: { offset: number; limit: number },
): Promise<{ items: StoredRectification[]; total: number }> {
  const total = await filtered(db, filter, today)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await selectItem(filtered(db, filter, today))
    .orderBy((eb) => eb.case().when('r.status', 'in', OPEN).then(0).else(1).end())
    .orderBy('r.deadline')
    .orderBy('r.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { items: rows.map(toStored), total: intFromDb(total.n) };
}

/** Items per stored status, and the open ones past their deadline, within a filter. */
export async function countRectifications(db: Db, filter: RectificationFilter, today: string): Promise<Record<RectificationDisplayStatus, number>> {
  const rows = await filtered(db, filter, today)
    .select((eb) => [
      'r.status',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string>(eb.case().when(eb.and([eb('r.status', 'in', OPEN), eb('r.deadline', '<', today)])).then(1).else(0).end()).as('late'),
    ])
    .groupBy('r.status')
    .execute();
  const counts: Record<RectificationDisplayStatus, number> = { pending: 0, 'in-progress': 0, done: 0, closed: 0, overdue: 0 };
  for (const r of rows) {
    const late = intFromDb(r.late ?? 0);
    counts[r.status as RectificationStatus] += intFromDb(r.n) - late;
    counts.overdue += late;
  }
  return counts;
}

export async function findRectification(db: Db, id: number): Promise<StoredRectification | undefined> {
  const row = await selectItem(base(db)).where('r.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toStored(row);
}

/** The item made from a source of a project, if one was. */
export async function findRectificationBySource(db: Db, projectId: number, sourceKind: RectificationSourceKind, sourceKey: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('rectificationItem')
    .select('id')
    .where('projectId', '=', projectId)
    .where('sourceKind', '=', sourceKind)
    .where('sourceKey', '=', sourceKey)
    .executeTakeFirst();
  return row?.id;
}

/** Every item of a project that is not yet closed (pending, in progress, done awaiting confirmation), deadline first. */
export async function openItemsForProject(db: Db, projectId: number): Promise<StoredRectification[]> {
  const rows = await selectItem(base(db))
    .where('r.projectId', '=', projectId)
    .where('r.status', '!=', 'closed')
    .orderBy('r.deadline')
    .orderBy('r.id')
    .execute();
  return rows.map(toStored);
}

/**
 * Items not yet closed of a department's project of a year, found by the project's code (else its
 * name) over every version of the department's documents: what a next year's project carries over.
 */
export async function openItemsForDepartmentProject(
  db: Db,
  departmentId: number,
  year: number,
  project: { code: string | null; name: string },
): Promise<StoredRectification[]> {
  let q = selectItem(base(db))
    .where('r.departmentId', '=', departmentId)
    .where('r.status', '!=', 'closed')
    .where((eb) => eb(eb.fn.coalesce('p.year', 'd.year'), '=', year));
  q = project.code !== null && project.code !== '' ? q.where('p.code', '=', project.code) : q.where('p.name', '=', project.name);
  const rows = await q.orderBy('r.deadline').orderBy('r.id').execute();
  return rows.map(toStored);
}


export async function insertRectification(db: Db, item: NewRectification): Promise<number> {
  const row = await db
    .insertInto('rectificationItem')
    .values({
      ...item,
      submittedAt: item.submittedAt ?? null,
      closedAt: item.closedAt ?? null,
      updatedAt: item.createdAt,
      updatedBy: item.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type RectificationChanges = Partial<
  Pick<StoredRectification, 'status' | 'deadline' | 'ownerPerson' | 'requirement' | 'submittedAt' | 'closedAt'>
> & { updatedAt: string; updatedBy: string };

export async function updateRectification(db: Db, id: number, changes: RectificationChanges): Promise<void> {
  await db.updateTable('rectificationItem').set(changes).where('id', '=', id).execute();
}

/** Deletes an item; its timeline and files go with it (ON DELETE CASCADE). */
export async function deleteRectification(db: Db, id: number): Promise<void> {
  await db.deleteFrom('rectificationItem').where('id', '=', id).execute();
}

/** How many events an item's timeline has (1: only its creation). */
export async function countRectificationEvents(db: Db, itemId: number): Promise<number> {
  const row = await db.selectFrom('rectificationEvent').where('itemId', '=', itemId).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return intFromDb(row.n);
}

export interface NewRectificationEvent {
  itemId: number;
  kind: string;
  fromStatus: RectificationStatus | null;
  toStatus: RectificationStatus | null;
  note: string | null;
  actor: string;
  actorUserId: number | null;
  at: string;
}

export async function insertRectificationEvent(db: Db, event: NewRectificationEvent): Promise<number> {
  const row = await db.insertInto('rectificationEvent').values(event).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface StoredRectificationEvent extends NewRectificationEvent {
  id: number;
  files: string[];
}

/** An item's timeline, oldest first, each event with the names of the files uploaded with it. */
export async function listRectificationEvents(db: Db, itemId: number): Promise<StoredRectificationEvent[]> {
  const events = await db.selectFrom('rectificationEvent').selectAll().where('itemId', '=', itemId).orderBy('id').execute();
  const files = await db.selectFrom('rectificationFile').select(['eventId', 'name']).where('itemId', '=', itemId).orderBy('id').execute();
  return events.map((e) => ({
    ...e,
    fromStatus: e.fromStatus as RectificationStatus | null,
    toStatus: e.toStatus as RectificationStatus | null,
    files: files.filter((f) => f.eventId === e.id).map((f) => f.name),
  }));
}

export interface StoredRectificationFile {
  id: number;
  itemId: number;
  name: string;
  mediaType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

/** An item's files without their bytes, in upload order. */
export async function listRectificationFiles(db: Db, itemId: number): Promise<StoredRectificationFile[]> {
  return db
    .selectFrom('rectificationFile')
    .select(['id', 'itemId', 'name', 'mediaType', 'size', 'uploadedAt', 'uploadedBy'])
    .where('itemId', '=', itemId)
    .orderBy('id')
    .execute();
}

export async function countRectificationFiles(db: Db, itemId: number): Promise<number> {
  const row = await db
    .selectFrom('rectificationFile')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('itemId', '=', itemId)
    .executeTakeFirstOrThrow();
  return intFromDb(row.n);
}

export async function insertRectificationFile(
  db: Db,
  file: { itemId: number; eventId: number | null; name: string; mediaType: string; content: Buffer; uploadedAt: string; uploadedBy: string },
): Promise<number> {
  const row = await db
    .insertInto('rectificationFile')
    .values({ ...file, size: file.content.length })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One file of an item with its bytes; undefined when the file is not the item's. */
export async function loadRectificationFile(db: Db, itemId: number, fileId: number): Promise<(StoredRectificationFile & { content: Buffer }) | undefined> {
  const row = await db
    .selectFrom('rectificationFile')
    .select(['id', 'itemId', 'name', 'mediaType', 'size', 'uploadedAt', 'uploadedBy', 'content'])
    .where('id', '=', fileId)
    .where('itemId', '=', itemId)
    .executeTakeFirst();
  return row === undefined ? undefined : { ...row, content: Buffer.from(row.content) };
}

/** The source keys already made into items of some projects (the demo's and the buttons' "already converted"). */
export async function listRectificationSources(db: Db, projectIds: readonly number[]): Promise<{ projectId: number; sourceKind: string; sourceKey: string }[]> {
  if (projectIds.length === 0) return [];
  return db.selectFrom('rectificationItem').select(['projectId', 'sourceKind', 'sourceKey']).where('projectId', 'in', [...projectIds]).execute();
}
