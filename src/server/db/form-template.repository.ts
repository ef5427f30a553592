/**
 * All SQL of form templates (表样, migration 0037): a region's templates, one by id, inserting, renaming, retiring.
 * The body and example are JSON kept as text: the service parses and checks them.
 */
import type { Selectable } from 'kysely';
import type { Db, FormTemplateTable } from './schema';

export type StoredFormTemplate = Selectable<FormTemplateTable>;

const COLUMNS = ['id', 'name', 'regionCode', 'signature', 'body', 'example', 'status', 'createdAt', 'createdByUsername', 'createdByName', 'updatedAt'] as const;

/**
 * Templates of these regions (null among them: the installation's), or of every region (`regions` null);
 * active ones only unless `retired`. Newest first.
 */
export async function listFormTemplates(db: Db, opts: { regions: readonly (string | null)[] | null; retired?: boolean }): Promise<StoredFormTemplate[]> {
  let q = db.selectFrom('formTemplate').select(COLUMNS);
  if (opts.retired !== true) q = q.where('status', '=', 'active');
  if (opts.regions !== null) {
    const codes = opts.regions.filter((r): r is string => r !== null);
    const installation = opts.regions.includes(null);
    if (codes.length === 0 && !installation) return [];
    q = q.where((eb) => {
      const parts = [];
      if (codes.length > 0) parts.push(eb('regionCode', 'in', codes));
      if (installation) parts.push(eb('regionCode', 'is', null));
      return eb.or(parts);
    });
  }
  return q.orderBy('id', 'desc').execute();
}

/** Templates of regions whose code starts with `prefix` (a region's subtree by its code's digits), active unless `retired`. */
export async function listFormTemplatesUnder(db: Db, lo: string, hi: string, retired = false): Promise<StoredFormTemplate[]> {
  let q = db.selectFrom('formTemplate').select(COLUMNS).where('regionCode', '>=', lo).where('regionCode', '<=', hi);
  if (!retired) q = q.where('status', '=', 'active');
  return q.orderBy('id', 'desc').execute();
}

export async function findFormTemplate(db: Db, id: number): Promise<StoredFormTemplate | undefined> {
  return db.selectFrom('formTemplate').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The active template of a region (null: the installation's) with this header's signature. */
export async function findActiveBySignature(db: Db, regionCode: string | null, signature: string): Promise<StoredFormTemplate | undefined> {
  return db
    .selectFrom('formTemplate')
    .select(COLUMNS)
    .where('status', '=', 'active')
    .where('signature', '=', signature)
    .where((eb) => (regionCode === null ? eb('regionCode', 'is', null) : eb('regionCode', '=', regionCode)))
    .executeTakeFirst();
}

export async function insertFormTemplate(db: Db, row: Omit<StoredFormTemplate, 'id'>): Promise<number> {
  const { id } = await db.insertInto('formTemplate').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateFormTemplate(db: Db, id: number, set: { name?: string; body?: string; status?: 'active' | 'retired'; updatedAt: string }): Promise<void> {
  await db.updateTable('formTemplate').set(set).where('id', '=', id).execute();
}
