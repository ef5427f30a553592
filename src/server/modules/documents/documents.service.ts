/**
 * A stored document as its importer and the finance bureau see it, and 撤回导入 (issue 54): a document
 * stored by mistake is withdrawn by the account that imported it, or by the performance section
 * (绩效科, reviewer) of a region that covers its department, while it is current and nobody has
 * worked on its projects since the import (shared/domain/document-withdrawal.ts says what counts).
 *
 * The withdrawal is one transaction: the document goes out of the current set; the earlier versions
 * it replaced are current again (one that another document has replaced since stays history, now
 * replaced by that one), so that "one current document per department, year and scope" holds after
 * every statement; the document, its projects and every row stored with them are deleted; the
 * department its import created is deleted too when nothing else uses it; and one audit entry,
 * document.withdraw, keeps the reason, the file, its sha256, the counts, the restored documents and
 * the removed department.
 *
 * Refusals: 404 when the account may not see the document's department (a department's account
 * learns nothing of another's documents), 403 when it may see it but not withdraw it, 409 when the
 * document is history or someone has worked on its projects, naming what was done.
 */
import type { SessionUser } from '../../../shared/api/auth';
import { documentWithdrawBodySchema, type DepartmentRef, type DocumentDetail, type DocumentRef, type DocumentWithdrawResponse, type Withdrawal } from '../../../shared/api/documents';
import { historyActorName } from '../../../shared/audit/history';
import {
  mayWithdraw,
  NOT_ALLOWED_MESSAGE,
  NOT_ALLOWED_ON_COMMAND_LINE_MESSAGE,
  notCurrentMessage,
  workDone,
  workedOnMessage,
  type WithdrawalBlocker,
} from '../../../shared/domain/document-withdrawal';
import { actorOf, mayAccessDepartment } from '../../app/auth';
import { AppError } from '../../app/errors';
import { insertAuditEntry, type StoredDocument } from '../../db/document.repository';
import {
  deleteDepartment,
  deleteDocumentRows,
  departmentCreatedWith,
  departmentInUse,
  findCurrentOfScope,
  findImportEntry,
  findReplacedBy,
  findMatchedSelfEvaluations,
  findWithdrawableDocument,
  latestCurrentYear,
  markDocumentNotCurrent,
  readDocumentWork,
  replaceSupersededBy,
  restoreDocument,
  type ImportEntry,
  unlinkSelfEvaluations,
  type WithdrawableDocument,
} from '../../db/document-withdrawal.repository';
import type { Db } from '../../db/schema';
import { inTransaction } from '../../db/transaction';

/** Who withdraws: a signed-in account, or the command line (shared/domain/document-withdrawal.ts Withdrawer). */
type By = SessionUser | 'cli';

/** What withdrawing a document would do now, and whether this account may. */
interface Plan {
  document: WithdrawableDocument;
  imported: ImportEntry | undefined;
  /** The earlier versions it replaced: each current again, or (`heldBy`) left history behind the document that holds its place now. */
  replaced: { document: StoredDocument; heldBy: number | null }[];
  removesDepartment: DepartmentRef | null;
  /** The submitted 自评表 matched to its projects: unlinked by the withdrawal (issue 72). */
  selfEvaluations: { id: number; projectName: string; file: string }[];
  blocker: (WithdrawalBlocker & { status: 403 | 409 }) | null;
}

/**
 * The document as `by` may know it: 404 when it does not exist or lies outside the account's
 * departments (the command line, the server's operator, sees every document).
 */
async function visibleDocument(db: Db, by: By, documentId: number): Promise<WithdrawableDocument> {
  const document = await findWithdrawableDocument(db, documentId);
  if (document === undefined || (by !== 'cli' && !mayAccessDepartment(by, document.departmentId))) throw new AppError(404, 'not-found', '文件不存在，或您没有权限查看');
  return document;
}

async function planWithdrawal(db: Db, by: By, documentId: number): Promise<Plan> {
  const document = await visibleDocument(db, by, documentId);
  const imported = await findImportEntry(db, documentId);
  const replaced: Plan['replaced'] = [];
  for (const earlier of await findReplacedBy(db, documentId)) {
    // a document replaces only documents of its department and year, so the earlier one has both
    const heldBy = await findCurrentOfScope(db, { departmentId: earlier.departmentId!, year: earlier.year!, scope: earlier.scope }, documentId);
    replaced.push({ document: earlier, heldBy: heldBy ?? null });
  }
  const department = document.department;
  const removesDepartment =
    department !== null && imported !== undefined && (await departmentCreatedWith(db, department.id, documentId, imported.at)) && !(await departmentInUse(db, department.id, documentId))
      ? department
      : null;
  const selfEvaluations = await findMatchedSelfEvaluations(db, documentId);
  return { document, imported, replaced, removesDepartment, selfEvaluations, blocker: await blockerOf(db, by, document, imported) };
}

/** Why `by` may not withdraw the document now; null when it may. */
async function blockerOf(db: Db, by: By, document: WithdrawableDocument, imported: ImportEntry | undefined): Promise<Plan['blocker']> {
  if (!mayWithdraw(by, imported?.actorUserId ?? null)) return { status: 403, code: 'not-allowed', message: by === 'cli' ? NOT_ALLOWED_ON_COMMAND_LINE_MESSAGE : NOT_ALLOWED_MESSAGE };
  if (!document.isCurrent) return { status: 409, code: 'not-current', message: notCurrentMessage(document.fileName) };
  const done = workDone(await readDocumentWork(db, document.id));
  return done.length === 0 ? null : { status: 409, code: 'worked-on', message: workedOnMessage(done) };
}

const refOf = (d: StoredDocument): DocumentRef => ({ id: d.id, fileName: d.fileName, importedAt: d.importedAt });

function withdrawalOf(plan: Plan): Withdrawal {
  return {
    canWithdraw: plan.blocker === null,
    blocker: plan.blocker === null ? null : { code: plan.blocker.code, message: plan.blocker.message },
    projects: plan.document.projectCount,
    indicators: plan.document.indicatorCount,
    restores: plan.replaced.filter((r) => r.heldBy === null).map((r) => refOf(r.document)),
    removesDepartment: plan.removesDepartment,
    unlinksSelfEvaluations: plan.selfEvaluations.length,
  };
}

/** GET /api/documents/:id (and `jixiao documents show`): the document, who imported it, and whether `by` may withdraw it now. */
export async function getDocumentDetail(db: Db, by: By, documentId: number): Promise<DocumentDetail> {
  const plan = await planWithdrawal(db, by, documentId);
  const { document, imported } = plan;
  return {
    id: document.id,
    fileName: document.fileName,
    format: document.format,
    sha256: document.sha256,
    importedAt: document.importedAt,
    importedBy: imported === undefined ? null : historyActorName(imported),
    importedByYou: by !== 'cli' && imported !== undefined && imported.actorUserId === by.id,
    department: document.department,
    year: document.year,
    isCurrent: document.isCurrent,
    projectCount: document.projectCount,
    indicatorCount: document.indicatorCount,
    withdrawal: withdrawalOf(plan),
  };
}

/**
 * 撤回导入: withdraws the document in one transaction (see the top), or refuses (404, 403, 409)
 * writing nothing. `reason` is required, trimmed, at most MAX_WITHDRAW_REASON characters.
 */
export async function withdrawDocument(db: Db, by: By, documentId: number, reason: string, now: Date): Promise<DocumentWithdrawResponse> {
  // the route's schema checked it already; the command line's reason is checked here, alike
  const checked = documentWithdrawBodySchema.safeParse({ reason });
  if (!checked.success) {
    const message = checked.error.issues[0]!.message;
    throw new AppError(400, 'validation', message, [{ path: 'reason', message }]);
  }
  return inTransaction(db, async (trx) => {
    // decided inside the transaction: transactions run one at a time (SQLite's one writer; on PostgreSQL
    // db/database.ts's advisory lock), so nobody acts on the projects between the check and the removal
    const plan = await planWithdrawal(trx, by, documentId);
    if (plan.blocker !== null) throw new AppError(plan.blocker.status, plan.blocker.status === 403 ? 'forbidden' : 'conflict', plan.blocker.message);
    const { document, imported, removesDepartment } = plan;

    await markDocumentNotCurrent(trx, document.id);
    for (const { document: earlier, heldBy } of plan.replaced) {
      if (heldBy === null) await restoreDocument(trx, earlier.id);
      else await replaceSupersededBy(trx, earlier.id, heldBy);
    }
    // said in the preview and the audit entry, not left to the foreign key's silent set null
    await unlinkSelfEvaluations(trx, plan.selfEvaluations.map((s) => s.id));
    await deleteDocumentRows(trx, document);
    if (removesDepartment !== null) await deleteDepartment(trx, removesDepartment.id);

    const restored = plan.replaced.filter((r) => r.heldBy === null).map((r) => refOf(r.document));
    await insertAuditEntry(trx, {
      at: now.toISOString(),
      actor: by === 'cli' ? 'cli' : actorOf(by),
      action: 'document.withdraw',
      entity: 'document',
      entityId: document.id,
      detail: {
        reason: checked.data.reason,
        file: document.fileName,
        sha256: document.sha256,
        year: document.year,
        departmentId: document.departmentId,
        department: document.department?.name ?? null,
        importedAt: document.importedAt,
        importedBy: imported === undefined ? null : historyActorName(imported),
        projects: document.projectCount,
        indicators: document.indicatorCount,
        restored: restored.map((d) => d.id),
        keptAsHistory: plan.replaced.filter((r) => r.heldBy !== null).map((r) => r.document.id),
        removedDepartment: removesDepartment,
        ...(plan.selfEvaluations.length === 0 ? {} : { unlinkedSelfEvaluations: plan.selfEvaluations.map((s) => `${s.projectName}（${s.file}）`) }),
      },
    });

    const next = document.departmentId === null || removesDepartment !== null ? undefined : await latestCurrentYear(trx, document.departmentId);
    return {
      documentId: document.id,
      fileName: document.fileName,
      projects: document.projectCount,
      indicators: document.indicatorCount,
      restored,
      removedDepartment: removesDepartment,
      next: next === undefined ? null : { departmentId: document.departmentId!, year: next.year },
    };
  });
}
