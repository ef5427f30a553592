/**
 * 整改 (rectification): making an item from a project's problem, the department's progress and
 * report, the bureau's confirmation or reopening, changes of deadline and owner, evidence files.
 * Every change is one transaction that writes the item, its timeline event and an audit entry
 * (entity 'rectification_item'). The rules are the pure ones of shared/domain/rectification.ts;
 * who may see an item (its department's editors; reviewers all) is checked here too,
 * so the routes and the CLI cannot forget it.
 */
import type { RectificationAuditStep } from '../../../shared/audit/actions';
import type { SessionUser } from '../../../shared/api/auth';
import type { RectificationCreate, RectificationDetail, RectificationEdit, RectificationItem } from '../../../shared/api/rectification';
import {
  acceptsEvidence,
  actionIssues,
  allowedRectificationActions,
  chinaToday,
  daysLeft,
  daysOverdue,
  deadlineIssues,
  displayStatus,
  editable,
  lateDays,
  nextStatus,
  RECTIFICATION_ACTION_LABELS,
  RECTIFICATION_SOURCE_LABELS,
  RECTIFICATION_STATUS_LABELS,
  roleActions,
  type InputIssue,
  type RectificationAction,
  type RectificationStatus,
} from '../../../shared/domain/rectification';
import { assertDepartmentAccess } from '../../app/auth';
import { AppError } from '../../app/errors';
import { insertAuditEntry, toAuditActor, type ActorInput } from '../../db/document.repository';
import {
  countRectificationEvents,
  countRectificationFiles,
  deleteRectification,
  findRectification,
  findRectificationBySource,
  insertRectification,
  insertRectificationEvent,
  insertRectificationFile,
  listRectificationEvents,
  listRectificationFiles,
  loadRectificationFile,
  updateRectification,
  type RectificationChanges,
  type StoredRectification,
} from '../../db/rectification.repository';
import type { Db } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { ExecutionDataError } from '../monitoring/errors';
import { findProjectState } from '../../db/project.repository';
import { EVIDENCE_LIMITS, EVIDENCE_TYPES_TEXT, evidenceFileName, evidenceZipRefusal, mediaTypeOf, sniffEvidence, type EvidenceKind } from './evidence-file';
import { findSource } from './sources';
import { reviewsOneLevel } from '../../../shared/domain/duties';
import { notify, type Audience, type Notice } from '../notifications/waiting';

export const AUDIT_ENTITY = 'rectification_item';

/** Who acts and when: the account (null for the demo loader and the CLI) and the clock. */
export interface RectificationContext {
  user: SessionUser;
  now: Date;
}

const MB = 1024 * 1024;

/** 400 'validation' naming every problem. */
function invalid(issues: readonly InputIssue[]): AppError {
  const first = issues[0]!;
  return new AppError(400, 'validation', `${first.message}${issues.length > 1 ? `（另有 ${issues.length - 1} 处错误）` : ''}`, [...issues]);
}

/** An item as the API shows it on `today`. */
export function presentItem(item: StoredRectification, today: string): RectificationItem {
  return {
    ...item,
    displayStatus: displayStatus(item, today),
    daysOverdue: daysOverdue(item, today),
    daysLeft: daysLeft(item, today),
    lateDays: lateDays(item),
  };
}

/** The item if the user may see it: 404 for one that does not exist or (an editor) another department's. */
export async function visibleRectification(db: Db, user: SessionUser, id: number): Promise<StoredRectification> {
  const item = await findRectification(db, id);
  if (item === undefined) throw new AppError(404, 'not-found', '整改事项不存在');
  assertDepartmentAccess(user, item.departmentId);
  return item;
}

function text(value: string | null | undefined): string | null {
  const t = value?.trim() ?? '';
  return t === '' ? null : t;
}

async function audit(db: Db, actor: ActorInput, at: Date, action: RectificationAuditStep, id: number, detail: Record<string, unknown>): Promise<void> {
  await insertAuditEntry(db, { at: at.toISOString(), actor, action: `rectification.${action}`, entity: AUDIT_ENTITY, entityId: id, detail });
}

function actorName(actor: ActorInput): { actor: string; actorUserId: number | null } {
  const a = toAuditActor(actor);
  return { actor: a.displayName, actorUserId: a.userId };
}

export interface CreateOptions {
  actor: ActorInput;
  now: Date;
  /** The initial state and its times (the demo's history); default pending. */
  status?: RectificationStatus;
  /** Skips the "not in the past" check of the deadline (the demo dates items back). */
  allowPastDeadline?: boolean;
}

/**
 * Makes an item of a project's problem (review finding, monitoring deviation, self-evaluation
 * problem). The department is the project's; the problem's text is kept as it reads now. 404 for
 * no such project, 409 for a superseded project's or a problem already made into an item, 400 for
 * a problem the project does not have or a bad deadline.
 */
export async function createRectification(db: Db, input: RectificationCreate, opts: CreateOptions): Promise<StoredRectification> {
  const today = chinaToday(opts.now);
  const issues = opts.allowPastDeadline ? [] : deadlineIssues(input.deadline, today);
  if (issues.length > 0) throw invalid(issues);
  return inTransaction(db, async (trx) => {
    const project = await findProjectState(trx, input.projectId);
    if (project === undefined) throw new AppError(404, 'not-found', '项目不存在');
    if (!project.isCurrent) throw new AppError(409, 'conflict', '该项目属于已被新导入版本替换的历史文档，不能转为整改事项；请在当前版本的项目上操作');
    const existing = await findRectificationBySource(trx, project.id, input.sourceKind, input.sourceKey);
    if (existing !== undefined) throw new AppError(409, 'conflict', `该问题已转为整改事项（编号 ${existing}），不能重复创建`);
    let source;
    try {
      source = await findSource(trx, project.id, input.sourceKind, input.sourceKey);
    } catch (e) {
      if (!(e instanceof ExecutionDataError)) throw e;
    }
    if (source === undefined) {
      throw invalid([{ path: 'sourceKey', message: `项目没有这条${RECTIFICATION_SOURCE_LABELS[input.sourceKind]}（${input.sourceKey.slice(0, 80)}），可能已被修改；请刷新后再试` }]);
    }
    const at = opts.now.toISOString();
    const who = actorName(opts.actor);
    const status = opts.status ?? 'pending';
    const id = await insertRectification(trx, {
      projectId: project.id,
      departmentId: project.departmentId,
      sourceKind: input.sourceKind,
      sourceKey: input.sourceKey,
      sourceText: source.text,
      requirement: text(input.requirement),
      ownerPerson: text(input.ownerPerson),
      deadline: input.deadline,
      status,
      createdAt: at,
      createdBy: who.actor,
    });
    await insertRectificationEvent(trx, { itemId: id, kind: 'create', fromStatus: null, toStatus: status, note: text(input.requirement), ...who, at });
    await audit(trx, opts.actor, opts.now, 'create', id, {
      projectId: project.id,
      sourceKind: input.sourceKind,
      sourceKey: input.sourceKey,
      deadline: input.deadline,
      ownerPerson: text(input.ownerPerson),
    });
    const made = (await findRectification(trx, id))!;
    // the unit's work from now on (issue 58); an item the demo makes already further along is told as it goes
    if (status === 'pending') await notifyItem(trx, made, 'create', at);
    return made;
  });
}

/** What each step of an item tells whom (issue 58): the unit its new or sent-back work and the closing, the bureau an item to confirm. */
const ITEM_NOTICES: Partial<Record<RectificationAuditStep, { audience: Audience; kind: Notice['kind']; title: string; body: (item: StoredRectification) => string }>> = {
  create: { audience: 'unit', kind: 'task', title: '新的整改事项', body: (i) => `项目“${i.projectName}”：${i.sourceText}。整改期限 ${i.deadline}。` },
  submit: { audience: 'reviewers', kind: 'task', title: '整改已报告完成，待确认销号', body: (i) => `${i.departmentName}报告项目“${i.projectName}”的整改已完成：${i.sourceText}` },
  reopen: { audience: 'unit', kind: 'task', title: '整改被退回，须继续整改', body: (i) => `项目“${i.projectName}”：${i.sourceText}` },
  confirm: { audience: 'unit', kind: 'result', title: '整改事项已确认销号', body: (i) => `项目“${i.projectName}”：${i.sourceText}` },
};

async function notifyItem(db: Db, item: StoredRectification, step: RectificationAuditStep, at: string): Promise<void> {
  const n = ITEM_NOTICES[step];
  if (n === undefined) return;
  await notify(db, item.departmentId, n.audience, { kind: n.kind, title: n.title, body: n.body(item), link: `/rectifications/${item.id}` }, at);
}

/**
 * The bureau changes the deadline, the responsible person or the requirement of an item not yet
 * closed; moving the deadline needs a reason. Nothing changed: nothing written.
 */
export async function editRectification(db: Db, id: number, edit: RectificationEdit, opts: { actor: ActorInput; now: Date }): Promise<StoredRectification> {
  return inTransaction(db, async (trx) => {
    const item = await findRectification(trx, id);
    if (item === undefined) throw new AppError(404, 'not-found', '整改事项不存在');
    if (!editable(item.status)) throw new AppError(409, 'conflict', '整改事项已销号，不能修改');
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: Partial<RectificationChanges> = {};
    if (edit.deadline !== undefined && edit.deadline !== item.deadline) {
      const issues = deadlineIssues(edit.deadline, chinaToday(opts.now));
      if (issues.length > 0) throw invalid(issues);
      if (text(edit.reason) === null) throw invalid([{ path: 'reason', message: '调整整改期限时请说明理由' }]);
      changes.deadline = { from: item.deadline, to: edit.deadline };
      set.deadline = edit.deadline;
    }
    if (edit.ownerPerson !== undefined && text(edit.ownerPerson) !== item.ownerPerson) {
      changes.ownerPerson = { from: item.ownerPerson, to: text(edit.ownerPerson) };
      set.ownerPerson = text(edit.ownerPerson);
    }
    if (edit.requirement !== undefined && text(edit.requirement) !== item.requirement) {
      changes.requirement = { from: item.requirement, to: text(edit.requirement) };
      set.requirement = text(edit.requirement);
    }
    if (Object.keys(changes).length === 0) return item;
    const at = opts.now.toISOString();
    const who = actorName(opts.actor);
    await updateRectification(trx, id, { ...set, updatedAt: at, updatedBy: who.actor });
    const said = [
      changes.deadline ? `整改期限 ${item.deadline} → ${edit.deadline}` : '',
      changes.ownerPerson ? `责任人：${set.ownerPerson ?? '（无）'}` : '',
      changes.requirement ? '整改要求已修改' : '',
      text(edit.reason) ? `理由：${text(edit.reason)}` : '',
    ].filter((s) => s !== '');
    await insertRectificationEvent(trx, { itemId: id, kind: 'edit', fromStatus: item.status, toStatus: item.status, note: said.join('；'), ...who, at });
    await audit(trx, opts.actor, opts.now, 'edit', id, { changes, reason: text(edit.reason) });
    return (await findRectification(trx, id))!;
  });
}

/**
 * One step of the item's life by `role`: progress and submit (the department), confirm and reopen
 * (the bureau). 403 for another role's action, 409 for one its state does not allow, 400 for a
 * missing note (a reopen's reason, a progress note, a report without any evidence).
 */
export async function actOnRectification(
  db: Db,
  id: number,
  body: { action: RectificationAction; note?: string | null | undefined },
  opts: { actor: ActorInput; role: SessionUser['role']; now: Date },
): Promise<StoredRectification> {
  return inTransaction(db, async (trx) => {
    const item = await findRectification(trx, id);
    if (item === undefined) throw new AppError(404, 'not-found', '整改事项不存在');
    const label = RECTIFICATION_ACTION_LABELS[body.action];
    const to = nextStatus(item.status, body.action);
    if (!roleActions(opts.role).includes(body.action)) {
      throw new AppError(403, 'forbidden', opts.role === 'editor' ? `“${label}”由财政局审核人员操作` : `“${label}”由责任单位操作`);
    }
    if (to === null) throw new AppError(409, 'conflict', `整改事项当前为“${RECTIFICATION_STATUS_LABELS[item.status]}”，不能${label}`);
    const note = text(body.note);
    const issues = actionIssues(body.action, note, item.fileCount > 0);
    if (issues.length > 0) throw invalid(issues);
    const at = opts.now.toISOString();
    const who = actorName(opts.actor);
    const changes: RectificationChanges = { status: to!, updatedAt: at, updatedBy: who.actor };
    if (body.action === 'submit') changes.submittedAt = at;
    if (body.action === 'reopen') changes.submittedAt = null;
    if (body.action === 'confirm') changes.closedAt = at;
    await updateRectification(trx, id, changes);
    await insertRectificationEvent(trx, { itemId: id, kind: body.action, fromStatus: item.status, toStatus: to, note, ...who, at });
    await audit(trx, opts.actor, opts.now, body.action, id, { from: item.status, to, note });
    const after = (await findRectification(trx, id))!;
    await notifyItem(trx, after, body.action, at);
    return after;
  });
}

/** Nothing has happened to the item since it was made: still 待整改, no file, only its creation on the timeline. */
function withdrawable(item: StoredRectification, events: number): boolean {
  return item.status === 'pending' && item.fileCount === 0 && events <= 1;
}

/**
 * The bureau withdraws (撤销) an item made by mistake: only while it is 待整改 and nothing has
 * happened to it (no progress, no file, no edit), with a reason. The item and its timeline are
 * deleted; the audit entry keeps what it was, who withdrew it and why, and the problem may be
 * turned into an item again.
 */
export async function withdrawRectification(db: Db, id: number, reason: string | null | undefined, opts: { actor: ActorInput; now: Date }): Promise<void> {
  const why = text(reason);
  if (why === null) throw invalid([{ path: 'reason', message: '撤销整改事项时请说明理由' }]);
  await inTransaction(db, async (trx) => {
    const item = await findRectification(trx, id);
    if (item === undefined) throw new AppError(404, 'not-found', '整改事项不存在');
    if (!withdrawable(item, await countRectificationEvents(trx, id))) {
      throw new AppError(409, 'conflict', '整改事项已有进展、证明材料或修改，不能撤销');
    }
    await deleteRectification(trx, id);
    await audit(trx, opts.actor, opts.now, 'withdraw', id, {
      reason: why,
      item: {
        projectId: item.projectId,
        departmentId: item.departmentId,
        sourceKind: item.sourceKind,
        sourceKey: item.sourceKey,
        sourceText: item.sourceText,
        requirement: item.requirement,
        ownerPerson: item.ownerPerson,
        deadline: item.deadline,
        createdAt: item.createdAt,
        createdBy: item.createdBy,
      },
    });
  });
}

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/**
 * Adds evidence files to an item the department is working on, as one progress step (with an
 * optional note): each file's kind by its bytes (400 naming the file and what is accepted), at
 * most EVIDENCE_LIMITS files per upload and per item. All or nothing.
 */
/** What sniffing a file said: its kind (null: none accepted), or why it was refused unread. */
export type SniffResult = { ok: true; kind: EvidenceKind | null } | { ok: false; message: string };

/** Sniffs here, on the calling thread (the server sniffs in its parse pool: parse-worker-task.ts sniffEvidenceFile). */
async function sniffHere(bytes: Uint8Array, file: string): Promise<SniffResult> {
  const refused = await evidenceZipRefusal(bytes, file);
  return refused !== null ? { ok: false, message: refused } : { ok: true, kind: await sniffEvidence(bytes) };
}

/**
 * Refuses an upload to an item before its files are read: the item must exist, take evidence in
 * its state (409 for a closed one) and have room for another file. addEvidenceFiles checks again
 * in its transaction; this is so that a closed item costs nothing of what is uploaded to it.
 */
export async function assertAcceptsEvidence(db: Db, id: number): Promise<void> {
  const item = await findRectification(db, id);
  if (item === undefined) throw new AppError(404, 'not-found', '整改事项不存在');
  if (!acceptsEvidence(item.status)) {
    throw new AppError(409, 'conflict', `整改事项当前为“${RECTIFICATION_STATUS_LABELS[item.status]}”，不能再上传证明材料`);
  }
  const stored = await countRectificationFiles(db, id);
  if (stored >= EVIDENCE_LIMITS.filesPerItem) {
    throw invalid([{ path: 'files', message: `每个整改事项最多 ${EVIDENCE_LIMITS.filesPerItem} 个证明材料，已有 ${stored} 个` }]);
  }
}

export async function addEvidenceFiles(
  db: Db,
  id: number,
  files: readonly UploadedFile[],
  note: string | null,
  opts: { actor: ActorInput; now: Date; sniff?: (bytes: Uint8Array, file: string) => Promise<SniffResult> },
): Promise<{ id: number; name: string; mediaType: string; size: number; uploadedAt: string; uploadedBy: string }[]> {
  if (files.length === 0) throw invalid([{ path: 'files', message: '请选择要上传的证明材料' }]);
  if (files.length > EVIDENCE_LIMITS.filesPerUpload) throw invalid([{ path: 'files', message: `每次最多上传 ${EVIDENCE_LIMITS.filesPerUpload} 个文件，收到 ${files.length} 个` }]);
  const checked: { name: string; mediaType: string; bytes: Buffer }[] = [];
  const issues: InputIssue[] = [];
  for (const [i, f] of files.entries()) {
    if (f.bytes.length > EVIDENCE_LIMITS.fileSize) {
      issues.push({ path: `files.${i}`, message: `文件“${f.name}”超过 ${EVIDENCE_LIMITS.fileSize / MB} MB，未上传` });
      continue;
    }
    const sniffed = await (opts.sniff ?? sniffHere)(f.bytes, f.name);
    if (!sniffed.ok) {
      issues.push({ path: `files.${i}`, message: `文件“${f.name}”未上传：${sniffed.message}` });
      continue;
    }
    const kind = sniffed.kind;
    if (kind === null) {
      issues.push({ path: `files.${i}`, message: `文件“${f.name}”的类型不被接受（按文件内容判断）。可上传：${EVIDENCE_TYPES_TEXT}` });
      continue;
    }
    checked.push({ name: evidenceFileName(f.name, kind), mediaType: mediaTypeOf(kind), bytes: f.bytes });
  }
  if (issues.length > 0) throw invalid(issues);
  const cleanNote = text(note);
  if (cleanNote !== null && cleanNote.length > 4000) throw invalid([{ path: 'note', message: '说明不能超过 4000 字' }]);
  return inTransaction(db, async (trx) => {
    const item = await findRectification(trx, id);
    if (item === undefined) throw new AppError(404, 'not-found', '整改事项不存在');
    if (!acceptsEvidence(item.status)) {
      throw new AppError(409, 'conflict', `整改事项当前为“${RECTIFICATION_STATUS_LABELS[item.status]}”，不能再上传证明材料`);
    }
    const stored = await countRectificationFiles(trx, id);
    if (stored + checked.length > EVIDENCE_LIMITS.filesPerItem) {
      throw invalid([{ path: 'files', message: `每个整改事项最多 ${EVIDENCE_LIMITS.filesPerItem} 个证明材料，已有 ${stored} 个` }]);
    }
    const at = opts.now.toISOString();
    const who = actorName(opts.actor);
    const to: RectificationStatus = 'in-progress';
    const eventId = await insertRectificationEvent(trx, { itemId: id, kind: 'progress', fromStatus: item.status, toStatus: to, note: cleanNote, ...who, at });
    if (item.status !== to) await updateRectification(trx, id, { status: to, updatedAt: at, updatedBy: who.actor });
    else await updateRectification(trx, id, { updatedAt: at, updatedBy: who.actor });
    const out = [];
    for (const f of checked) {
      const fileId = await insertRectificationFile(trx, { itemId: id, eventId, name: f.name, mediaType: f.mediaType, content: f.bytes, uploadedAt: at, uploadedBy: who.actor });
      out.push({ id: fileId, name: f.name, mediaType: f.mediaType, size: f.bytes.length, uploadedAt: at, uploadedBy: who.actor });
    }
    await audit(trx, opts.actor, opts.now, 'files', id, {
      from: item.status,
      to,
      note: cleanNote,
      files: out.map((f) => ({ id: f.id, name: f.name, mediaType: f.mediaType, size: f.size })),
    });
    return out;
  });
}

/** An item with its timeline and files, and what `user` may do with it now. */
export async function rectificationDetail(db: Db, item: StoredRectification, user: SessionUser, now: Date): Promise<RectificationDetail> {
  const events = await listRectificationEvents(db, item.id);
  const files = await listRectificationFiles(db, item.id);
  // a supervisor (主管部门审核) and a business section (财政业务科室审核) read their departments' items: neither the
  // bureau's edits nor the unit's uploads
  const bureau = user.role !== 'editor' && !reviewsOneLevel(user.role);
  const unit = user.role === 'editor';
  return {
    ...presentItem(item, chinaToday(now)),
    events: events.map((e) => ({ id: e.id, kind: e.kind, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, files: e.files, actor: e.actor, at: e.at })),
    files: files.map((f) => ({ id: f.id, name: f.name, mediaType: f.mediaType, size: f.size, uploadedAt: f.uploadedAt, uploadedBy: f.uploadedBy })),
    allowedActions: allowedRectificationActions(item.status, user.role),
    canEdit: bureau && editable(item.status),
    canUpload: unit && acceptsEvidence(item.status),
    canWithdraw: bureau && withdrawable(item, events.length),
  };
}

/** A file of an item the user may see; 404 otherwise. */
export async function evidenceFile(db: Db, user: SessionUser, itemId: number, fileId: number) {
  await visibleRectification(db, user, itemId);
  const file = await loadRectificationFile(db, itemId, fileId);
  if (file === undefined) throw new AppError(404, 'not-found', '证明材料不存在');
  return file;
}
