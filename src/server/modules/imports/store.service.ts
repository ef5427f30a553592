/**
 * Storing parsed documents: the rules of what an import changes.
 *
 * - The same bytes (sha256) or the same content (contentDigest: a document Jixiao exported, read
 *   back) as a current document: 'unchanged', nothing at all is written.
 * - Current documents of the same department and year that the new one covers exist (its scope,
 *   shared/domain/document-scope.ts: a department's document replaces the department's document
 *   and the forms of its projects; one project's form replaces that project's earlier form; a
 *   whole-budget targets table the earlier one): the new one becomes current and the old ones are
 *   kept as history (is_current 0, superseded_at, superseded_by): 'replaced'. Documents it does not
 *   cover stay current beside it (a unit publishing one 申报表 per project). Importing an older
 *   version's bytes again after it was replaced is a new version too.
 * - Otherwise: 'imported'.
 * - A document with no department is stored with department_id null, and so is a document with
 *   no year kept apart: neither can be told to be "the same department and year" as another, so
 *   they never replace anything (the same bytes are still 'unchanged').
 *
 * Each document is stored in one transaction, audit rows and review results included: all or
 * nothing. The new projects start as drafts; the superseded ones keep their status as history.
 */
import type { Department, ParsedDocument } from '../../../shared/domain/model';
import { createHash } from 'node:crypto';
import { documentContentJson } from '../../../shared/domain/document-content';
import { documentScope, replacedScopes } from '../../../shared/domain/document-scope';
import {
  findCurrentDocuments,
  findCurrentDocumentWithContent,
  findDepartmentsByCodeOrName,
  insertAuditEntry,
  insertDepartment,
  type ActorInput,
  documentRows,
  type DocumentRows,
  insertDocumentRows,
  markDocumentCurrent,
  markDocumentSuperseded,
  updateDepartment,
  type StoredDepartment,
  type NewProjectReview,
  type StoredDocumentReview,
} from '../../db/document.repository';
import type { Db } from '../../db/schema';
import { reviewForStorage, type ReviewForStorage } from '../review-store/review-store.service';
import { assertStorable, DocumentRefusedError, prepareForStorage } from './prepare-document';
import { inTransaction } from '../../db/transaction';

/** The actor written to the audit log when the caller names none. */
export const SYSTEM_ACTOR = 'system';

export type StoreStatus = 'imported' | 'unchanged' | 'replaced';

export interface StoreResult {
  status: StoreStatus;
  /** The stored document: the new one, or for 'unchanged' the existing one. */
  documentId: number;
  /** For 'replaced': the documents that are now history. */
  replacedDocumentIds?: number[];
}

export interface StoreOptions {
  /** Who is importing (an account, or a process's name), for the audit log; defaults to SYSTEM_ACTOR. */
  actor?: ActorInput;
  /** The time written to the document and the audit log; defaults to now. */
  now?: Date;
  /** More particulars for the document.import audit entry (e.g. the statuses a reviewer replaced). */
  auditDetail?: Record<string, unknown>;
  /**
   * A stored department whose code the document gives with another name: 'apply' renames it (the
   * default: `jixiao import`, a confirmed upload), 'refuse' throws DocumentRefusedError instead.
   */
  departmentRename?: 'apply' | 'refuse';
  /** The document's review and content digest when they were worked out already (prepareDocument: a parse worker did it for an upload). */
  prepared?: Prepared;
}

/** The pure work storing a document needs, done once where the document was read (for an upload, a parse worker): its review and its content digest. */
export interface Prepared {
  reviewed: ReviewForStorage;
  contentSha256: string;
}

/** Reviews a document (already through prepareForStorage) and digests its content, for storeDocument. Pure. */
export function prepareDocument(doc: ParsedDocument): Prepared {
  return { reviewed: reviewForStorage(doc), contentSha256: contentDigest(doc) };
}

interface AuditContext {
  actor: ActorInput;
  at: string;
}

/**
 * What storing needs of a document besides its rows: which bytes and content it is, its
 * department and year, what it replaces, and its counts for the audit entry.
 */
export interface DocumentHead {
  file: string;
  sha256: string;
  year: number | null;
  department: Pick<Department, 'code' | 'name'> | null;
  replacedScopes: string[];
  projects: number;
  indicators: number;
  diagnostics: number;
}

/**
 * A document made ready for storing where it was read (generate's parse worker): all the pure
 * work storeDocument does — preparing, the storability check, review, digest and every row — so
 * that storing it (storeReady) only runs statements. Plain data: it crosses between threads as
 * strings and numbers, not as the parsed document's object graph.
 */
export interface ReadyForStore {
  head: DocumentHead;
  contentSha256: string;
  rows: DocumentRows;
}

function headOf(doc: ParsedDocument): DocumentHead {
  return {
    file: doc.file,
    sha256: doc.sha256,
    year: doc.year,
    department: doc.department === null ? null : { code: doc.department.code, name: doc.department.name },
    replacedScopes: replacedScopes(doc),
    projects: doc.projects.length,
    indicators: doc.projects.reduce((n, p) => n + p.indicators.length, 0),
    diagnostics: doc.diagnostics.length,
  };
}

/**
 * The pure work storeDocument does before its statements — preparing, the storability check,
 * review and digest — with the rows left to build (`rowsOf`): storeDocument builds them in its
 * transaction, once the department is resolved (a document breaking the model's invariants fails
 * at that step, and an unchanged document's are never built); readyForStore at once.
 * `preparedForStorage`: the document came through prepareForStorage already (readForImport's
 * documents do), which is not done twice (idempotent, but a pass over every project and amount).
 */
function preparedForRows(doc: ParsedDocument, prepared: Prepared | undefined, preparedForStorage: boolean): { head: DocumentHead; contentSha256: string; rowsOf: () => DocumentRows } {
  const ready = preparedForStorage ? doc : prepareForStorage(doc);
  assertStorable(ready);
  // Reviewed before the transaction: pure work that need not hold the database's write lock.
  const { reviewed, contentSha256 } = prepared ?? prepareDocument(ready);
  return { head: headOf(ready), contentSha256, rowsOf: () => documentRows(ready, { contentSha256, scope: documentScope(ready), review: reviewed }) };
}

/** A parsed document made ready for storeReady: every row built. Pure; throws as storeDocument does for a document it would not store. */
export function readyForStore(doc: ParsedDocument, prepared?: Prepared, opts: { preparedForStorage?: boolean } = {}): ReadyForStore {
  const { head, contentSha256, rowsOf } = preparedForRows(doc, prepared, opts.preparedForStorage === true);
  return { head, contentSha256, rows: rowsOf() };
}

/**
 * Stores one parsed document in a single transaction (or inside the caller's transaction when
 * `db` is one). Throws when the document cannot be stored (DocumentRefusedError for an amount
 * out of bounds, prepare-document.ts); nothing is then written.
 */
export async function storeDocument(db: Db, doc: ParsedDocument, opts: StoreOptions = {}): Promise<StoreResult> {
  const { head, contentSha256, rowsOf } = preparedForRows(doc, opts.prepared, false);
  return (await storeRows(db, head, contentSha256, rowsOf, opts)).result;
}

/**
 * storeDocument for a document made ready elsewhere (readyForStore): the same statements, the same
 * result; with a new document's project ids (in the order of its projects; none when 'unchanged').
 */
export function storeReady(db: Db, ready: ReadyForStore, opts: Omit<StoreOptions, 'prepared'> = {}): Promise<{ result: StoreResult; projectIds: number[] }> {
  return storeRows(db, ready.head, ready.contentSha256, () => ready.rows, opts);
}

async function storeRows(db: Db, doc: DocumentHead, contentSha256: string, rowsOf: () => DocumentRows, opts: StoreOptions): Promise<{ result: StoreResult; projectIds: number[] }> {
  const audit: AuditContext = {
    actor: opts.actor ?? SYSTEM_ACTOR,
    at: (opts.now ?? new Date()).toISOString(),
  };
  return inTransaction(db, async (trx) => {
    const same = await findCurrentDocumentWithContent(trx, { sha256: doc.sha256, contentSha256 });
    if (same !== undefined) return { result: { status: 'unchanged', documentId: same.id }, projectIds: [] };

    const rows = rowsOf();
    // The region the projects' codes name: a new department's (an administrator may move it).
    const codeRegion = (rows.document.regionCode as string | null | undefined) ?? null;
    const department =
      doc.department === null ? null : await resolveDepartment(trx, doc.department, audit, opts.departmentRename ?? 'apply', codeRegion);
    const departmentId = department?.id ?? null;
    // A department created just now has no documents to replace: no need to ask.
    const previous =
      department === null || department.created || doc.year === null
        ? []
        : await findCurrentDocuments(trx, { departmentId: department.id, year: doc.year, scopes: doc.replacedScopes });

    // Stored as not current when it replaces one, so that "one current document per department,
    // year and scope" (a unique index) holds after every statement.
    // The projects carry their review results from the start (the project list filters on
    // them): scores, findings and categories, the document's own review and its audit entry go
    // in with the document's rows (one statement on PostgreSQL).
    const { documentId, projectIds } = await insertDocumentRows(trx, rows, {
      departmentId,
      regionCode: department?.regionCode ?? null,
      importedAt: audit.at,
      isCurrent: previous.length === 0,
      audit: {
        ...audit,
        action: 'document.import',
        entity: 'document',
        detail: {
          file: doc.file,
          sha256: doc.sha256,
          year: doc.year,
          departmentId,
          projects: doc.projects,
          indicators: doc.indicators,
          diagnostics: doc.diagnostics,
          replaces: previous.length === 0 ? null : previous.map((p) => p.id),
          ...opts.auditDetail,
        },
      },
    });
    if (previous.length === 0) return { result: { status: 'imported', documentId }, projectIds };

    for (const old of previous) {
      await markDocumentSuperseded(trx, old.id, { supersededBy: documentId, at: audit.at });
      await insertAuditEntry(trx, {
        ...audit,
        action: 'document.supersede',
        entity: 'document',
        entityId: old.id,
        detail: { supersededBy: documentId, file: old.fileName, sha256: old.sha256 },
      });
    }
    await markDocumentCurrent(trx, documentId);
    return { result: { status: 'replaced', documentId, replacedDocumentIds: previous.map((p) => p.id) }, projectIds };
  });
}

/** sha256 of what the document says, without where it came from (document-content.ts). */
export function contentDigest(doc: ParsedDocument): string {
  return createHash('sha256').update(documentContentJson(doc)).digest('hex');
}

/**
 * Finds or creates the department of a document. A department is identified by its code when
 * the document gives one (a changed name is updated and audited, unless `rename` refuses it; a
 * department known so far only by this name gets the code), else by its name. `created`: it is new.
 */
async function resolveDepartment(
  trx: Db,
  department: Pick<Department, 'code' | 'name'>,
  audit: AuditContext,
  rename: 'apply' | 'refuse',
  codeRegion: string | null,
): Promise<{ id: number; created: boolean; regionCode: string | null }> {
  const { code, name } = department;
  const { byCode, byName: sameName } = await findDepartmentsByCodeOrName(trx, code, name);

  if (code !== null) {
    if (byCode !== undefined) {
      if (byCode.name !== name) {
        if (rename === 'refuse') {
          throw new DocumentRefusedError(`导入将把单位“${byCode.name}”（编码 ${code}）更名为“${name}”，未确认单位更名，未导入`);
        }
        await updateDepartment(trx, byCode.id, { name });
        await insertAuditEntry(trx, {
          ...audit,
          action: 'department.rename',
          entity: 'department',
          entityId: byCode.id,
          detail: { code, from: byCode.name, to: name },
        });
      }
      return { id: byCode.id, created: false, regionCode: byCode.regionCode ?? null };
    }
    const knownByName = sameName.find((d) => d.code === null);
    if (knownByName !== undefined) {
      await updateDepartment(trx, knownByName.id, { code });
      await insertAuditEntry(trx, {
        ...audit,
        action: 'department.assignCode',
        entity: 'department',
        entityId: knownByName.id,
        detail: { name, code },
      });
      return { id: knownByName.id, created: false, regionCode: knownByName.regionCode ?? null };
    }
  } else {
    // A code-less department of this name; else the one department of this name, whose other
    // documents gave its code. Several coded departments share the name: a new code-less one.
    const known =
      sameName.find((d) => d.code === null) ?? (sameName.length === 1 ? sameName[0] : undefined);
    if (known !== undefined) return { id: known.id, created: false, regionCode: known.regionCode ?? null };
  }

  const id = await insertDepartment(trx, { code, name, regionCode: codeRegion }, { ...audit, action: 'department.create', entity: 'department', detail: { code, name, ...(codeRegion === null ? {} : { regionCode: codeRegion }) } });
  return { id, created: true, regionCode: codeRegion };
}

/**
 * The stored department a document's department would be stored as, without writing: the same
 * rules as resolveDepartment (by code, else a code-less department of the name, else the one
 * department of that name); undefined when storing would create a new department.
 */
export async function findExistingDepartment(db: Db, department: Pick<Department, 'code' | 'name'>): Promise<StoredDepartment | undefined> {
  const { code, name } = department;
  const { byCode, byName: sameName } = await findDepartmentsByCodeOrName(db, code, name);
  if (code !== null) return byCode ?? sameName.find((d) => d.code === null);
  return sameName.find((d) => d.code === null) ?? (sameName.length === 1 ? sameName[0] : undefined);
}

export type BatchOutcome =
  | { file: string; ok: true; result: StoreResult }
  | { file: string; ok: false; error: Error };

/**
 * Stores documents one after another, each in its own transaction: a document that fails is
 * reported in its outcome and the others are kept. Order matters: a later document of the same
 * department and year replaces an earlier one. When `db` is already a transaction the documents
 * share it and the first failure is thrown, for the caller to roll back.
 */
export async function storeDocuments(
  db: Db,
  docs: readonly ParsedDocument[],
  opts: StoreOptions & {
    onProgress?: (done: number, total: number, outcome: BatchOutcome) => void;
  } = {},
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = [];
  for (const doc of docs) {
    let outcome: BatchOutcome;
    try {
      outcome = { file: doc.file, ok: true, result: await storeDocument(db, doc, opts) };
    } catch (error) {
      // Inside the caller's transaction a failed document has left partial rows: stop here.
      if (db.isTransaction) throw error;
      outcome = {
        file: doc.file,
        ok: false,
        error: error instanceof Error ? error : new Error(String(error)),
      };
    }
    outcomes.push(outcome);
    opts.onProgress?.(outcomes.length, docs.length, outcome);
  }
  return outcomes;
}

