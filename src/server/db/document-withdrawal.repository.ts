/**
 * All SQL of 撤回导入 (issue 54; modules/documents/documents.service.ts): who imported a document (its
 * document.import audit entry), what has been done to its projects since (every table that refers
 * to a project and records a person's work), the earlier versions it replaced, whether its import
 * created its department and whether anything else uses that department; and the removal itself —
 * the document, its projects and every row stored with them, deleted table by table (the
 * partitioned layout of partitioning.ts has no foreign keys to cascade from a project).
 */
import { sql } from 'kysely';
import type { DocumentWork } from '../../shared/domain/document-withdrawal';
import { intFromDb, STORED_DOCUMENT_COLUMNS, storedDocumentFromRow, type StoredDocument } from './document.repository';
import { partitionConditions } from './partitioning';
import { countStatusesOfDocuments } from './project.repository';
import { chunks } from './rows';
import type { Db } from './schema';

/** Who stored a document and when: its document.import audit entry. */
export interface ImportEntry {
  at: string;
  /** The display name of the moment. */
  actor: string;
  /** The account; null for a process (`jixiao import`, the demo loader) and entries from before accounts were recorded. */
  actorUserId: number | null;
  actorUsername: string | null;
}

export async function findImportEntry(db: Db, documentId: number): Promise<ImportEntry | undefined> {
  return db
    .selectFrom('auditLog')
    .select(['at', 'actor', 'actorUserId', 'actorUsername'])
    .where('entity', '=', 'document')
    .where('entityId', '=', documentId)
    .where('action', '=', 'document.import')
    .orderBy('id')
    .executeTakeFirst();
}

/** A document as a withdrawal needs it: its row, its region and its department's name and code. */
export interface WithdrawableDocument extends StoredDocument {
  regionCode: string | null;
  department: { id: number; code: string | null; name: string } | null;
}

export async function findWithdrawableDocument(db: Db, documentId: number): Promise<WithdrawableDocument | undefined> {
  const row = await db
    .selectFrom('document as d')
    .leftJoin('department as dep', 'dep.id', 'd.departmentId')
    .select(STORED_DOCUMENT_COLUMNS.map((c) => `d.${c}` as const))
    .select(['d.regionCode', 'dep.code as departmentCode', 'dep.name as departmentName'])
    .where('d.id', '=', documentId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { regionCode, departmentCode, departmentName, ...stored } = row;
  return {
    ...storedDocumentFromRow(stored),
    regionCode: regionCode ?? null,
    department: stored.departmentId === null || departmentName === null ? null : { id: stored.departmentId, code: departmentCode, name: departmentName },
  };
}

/** The tables that refer to a project by project_id and hold nothing but work done on it. */
const WORK_TABLES = {
  workflowEvents: 'workflowEvent',
  reviewComments: 'reviewComment',
  executionRecords: 'executionRecord',
  selfEvaluations: 'selfEvaluation',
  resultsDecisions: 'resultsDecision',
  exAnte: 'exAnteAssessment',
  rectifications: 'rectificationItem',
  adjustments: 'targetAdjustment',
} as const;

/**
 * What has been done to the document's projects since their import (shared/domain/document-withdrawal.ts),
 * in two statements: the statuses, and one row of counts.
 */
export async function readDocumentWork(db: Db, documentId: number): Promise<DocumentWork> {
  const statuses = await countStatusesOfDocuments(db, [documentId]);
  const row = await db
    .selectFrom('document as d')
    .where('d.id', '=', documentId)
    .select((eb) => {
      const ids = eb.selectFrom('project as p').select('p.id').whereRef('p.documentId', '=', 'd.id');
      const projects = eb.selectFrom('project as p').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('p.documentId', '=', 'd.id');
      const counts = Object.entries(WORK_TABLES).map(([kind, table]) =>
        eb
          .selectFrom(table as 'workflowEvent')
          .select((e) => e.fn.countAll<number | string>().as('n'))
          .where('projectId', 'in', ids)
          .as(kind),
      );
      return [
        ...counts,
        // a save moves the version on and records its time (project.repository.ts updateProjectContent); an import writes version 1 and no time
        projects.where((e) => e.or([e('p.version', '>', 1), e('p.updatedAt', 'is not', null)])).as('edited'),
        projects.where('p.approvalBatchId', 'is not', null).as('issued'),
        eb
          .selectFrom('carryOver as c')
          .select((e) => e.fn.count<number | string>('c.sourceProjectId').distinct().as('n'))
          .where('c.sourceProjectId', 'in', ids)
          .as('carriedOver'),
      ];
    })
    .executeTakeFirst();
  const n = (kind: keyof Omit<DocumentWork, 'statuses'>) => intFromDb(((row as Record<string, number | string | null> | undefined)?.[kind] ?? 0) as number | string);
  return {
    statuses,
    edited: n('edited'),
    workflowEvents: n('workflowEvents'),
    reviewComments: n('reviewComments'),
    executionRecords: n('executionRecords'),
    selfEvaluations: n('selfEvaluations'),
    resultsDecisions: n('resultsDecisions'),
    exAnte: n('exAnte'),
    rectifications: n('rectifications'),
    adjustments: n('adjustments'),
    carriedOver: n('carriedOver'),
    issued: n('issued'),
  };
}

/** The submitted 自评表 (自评复核, 0041) matched to a project of the document: a withdrawal unlinks them (issue 72). */
export async function findMatchedSelfEvaluations(db: Db, documentId: number): Promise<{ id: number; projectName: string; file: string }[]> {
  return db
    .selectFrom('submittedSelfEvaluation')
    .innerJoin('project', 'project.id', 'submittedSelfEvaluation.projectId')
    .select(['submittedSelfEvaluation.id', 'submittedSelfEvaluation.projectName', 'submittedSelfEvaluation.file'])
    .where('project.documentId', '=', documentId)
    .orderBy('submittedSelfEvaluation.id')
    .execute();
}

/** Unlinks these submitted 自评表 from their projects (kept, with their conclusions; matched to none). */
export async function unlinkSelfEvaluations(db: Db, ids: readonly number[]): Promise<void> {
  for (const part of chunks([...ids])) await db.updateTable('submittedSelfEvaluation').set({ projectId: null }).where('id', 'in', part).execute();
}

/** The documents this one replaced (superseded_by), oldest first. */
export async function findReplacedBy(db: Db, documentId: number): Promise<StoredDocument[]> {
  const rows = await db.selectFrom('document').select(STORED_DOCUMENT_COLUMNS).where('supersededBy', '=', documentId).orderBy('id').execute();
  return rows.map(storedDocumentFromRow);
}

/** The current document of a department, year and scope other than `exceptId`, if any: the one whose place an earlier version would take. */
export async function findCurrentOfScope(db: Db, key: { departmentId: number; year: number; scope: string }, exceptId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('document')
    .select('id')
    .where('departmentId', '=', key.departmentId)
    .where('year', '=', key.year)
    .where('scope', '=', key.scope)
    .where('isCurrent', '=', 1)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Whether the import of `documentId` (stored at `importedAt`) created its department: the
 * department's first document is this one, and its department.create entry was written with it
 * (storeDocument writes both with one time, in one transaction).
 */
export async function departmentCreatedWith(db: Db, departmentId: number, documentId: number, importedAt: string): Promise<boolean> {
  const first = await db.selectFrom('document').select((eb) => eb.fn.min('id').as('id')).where('departmentId', '=', departmentId).executeTakeFirst();
  if (first?.id == null || Number(first.id) !== documentId) return false;
  const created = await db
    .selectFrom('auditLog')
    .select('id')
    .where('entity', '=', 'department')
    .where('entityId', '=', departmentId)
    .where('action', '=', 'department.create')
    .where('at', '=', importedAt)
    .executeTakeFirst();
  return created !== undefined;
}

/**
 * Whether anything but `exceptDocumentId` uses the department: another document (current or
 * history), an account, a unit under it (its 主管部门), a rectification item, a 批复 batch, a target
 * adjustment, a notification, or a change made to it since its creation (a rename, its region,
 * 主管部门 or section set: someone worked on it).
 */
export async function departmentInUse(db: Db, departmentId: number, exceptDocumentId: number): Promise<boolean> {
  const row = await db
    .selectFrom('department as dep')
    .where('dep.id', '=', departmentId)
    .select((eb) =>
      eb
        .or([
          eb.exists(eb.selectFrom('document').select('id').where('departmentId', '=', departmentId).where('id', '!=', exceptDocumentId)),
          eb.exists(eb.selectFrom('appUser').select('id').where('departmentId', '=', departmentId)),
          eb.exists(eb.selectFrom('department').select('id').where('parentDepartmentId', '=', departmentId)),
          eb.exists(eb.selectFrom('rectificationItem').select('id').where('departmentId', '=', departmentId)),
          eb.exists(eb.selectFrom('approvalBatch').select('id').where('departmentId', '=', departmentId)),
          eb.exists(eb.selectFrom('targetAdjustment').select('id').where('departmentId', '=', departmentId)),
          eb.exists(eb.selectFrom('notification').select('id').where('departmentId', '=', departmentId)),
          eb.exists(
            eb.selectFrom('auditLog').select('id').where('entity', '=', 'department').where('entityId', '=', departmentId).where('action', '!=', 'department.create'),
          ),
          eb('dep.parentDepartmentId', 'is not', null),
          eb('dep.sectionId', 'is not', null),
        ])
        .as('used'),
    )
    .executeTakeFirst();
  // a department already gone is in use by nobody; SQLite answers 0/1, PostgreSQL true/false
  return row !== undefined && Boolean(row.used);
}

/** The latest year with a current document of the department; null when none is left. */
export async function latestCurrentYear(db: Db, departmentId: number): Promise<{ year: number | null } | undefined> {
  return db
    .selectFrom('document')
    .select('year')
    .where('departmentId', '=', departmentId)
    .where('isCurrent', '=', 1)
    .orderBy(sql`year is null`)
    .orderBy('year', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Takes a document out of the current set: the first step of its withdrawal, so that an earlier version may take its place. */
export async function markDocumentNotCurrent(db: Db, documentId: number): Promise<void> {
  await db.updateTable('document').set({ isCurrent: 0 }).where('id', '=', documentId).execute();
}

/** An earlier version current again, as it was before it was replaced. */
export async function restoreDocument(db: Db, documentId: number): Promise<void> {
  await db.updateTable('document').set({ isCurrent: 1, supersededAt: null, supersededBy: null }).where('id', '=', documentId).execute();
}

/** An earlier version that stays history, now replaced by the current document of its scope. */
export async function replaceSupersededBy(db: Db, documentId: number, by: number): Promise<void> {
  await db.updateTable('document').set({ supersededBy: by }).where('id', '=', documentId).execute();
}

/** The rows stored with a project, beside it (an import writes these; the work tables are empty for a withdrawn one). */
const PROJECT_ROWS = ['spendingCheckpoint', 'indicator', 'projectFindings', 'projectFindingCategory', 'carryOver'] as const;
/** The rows stored with a document, beside its projects. */
const DOCUMENT_ROWS = ['diagnostic', 'goalItem', 'departmentGoals', 'departmentTarget', 'documentReview'] as const;

/**
 * Deletes a document, its projects and every row stored with them. The project rows are found by
 * the document and, on PostgreSQL, its year and region (partitionConditions: its partition only).
 * Returns the projects' ids.
 */
export async function deleteDocumentRows(db: Db, document: { id: number; year: number | null; regionCode: string | null }): Promise<number[]> {
  const ofDocument = partitionConditions(db, '', { year: document.year, region: document.regionCode });
  const projects = await ofDocument.reduce((q, c) => q.where(c), db.selectFrom('project').select('id').where('documentId', '=', document.id)).execute();
  const ids = projects.map((p) => p.id);
  for (const part of chunks(ids)) {
    for (const table of PROJECT_ROWS) await db.deleteFrom(table).where('projectId', 'in', part).execute();
  }
  if (ids.length > 0) await ofDocument.reduce((q, c) => q.where(c), db.deleteFrom('project').where('documentId', '=', document.id)).execute();
  for (const table of DOCUMENT_ROWS) await db.deleteFrom(table).where('documentId', '=', document.id).execute();
  await db.deleteFrom('document').where('id', '=', document.id).execute();
  return ids;
}

export async function deleteDepartment(db: Db, departmentId: number): Promise<void> {
  await db.deleteFrom('department').where('id', '=', departmentId).execute();
}
