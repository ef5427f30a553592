/**
 * Uploads: a preview of what importing the files would do, stored nowhere, then the commit of
 * that preview (one transaction per document, checks made again inside it).
 *
 * What a document may do is decided by `decide`, the same function for the preview and the
 * commit: refused when it has errors, names no department or year, or (for an editor) belongs to
 * another department or would replace projects already submitted, approved or published; else
 * unchanged (same bytes as the current document), replace (the department has a current document
 * for the year) or create. Reviewers may replace reviewed projects; the import's audit
 * entry then records the statuses replaced.
 *
 * Identity guard: a document whose department code is a stored department's with another name
 * would rename that department (the public pages follow). The preview says so; an editor's import
 * is refused (editors cannot rename their department), a reviewer's needs the rename
 * confirmed at the commit, else the document is refused there.
 */
import { mayAccessDepartment, regionScope } from '../../app/auth';
import { isWithin, mostFrequentCodeRegion } from '../../../shared/domain/region';
import type { SessionUser } from '../../../shared/api/auth';
import { actorOf } from '../../app/auth';
import { fullStatusCounts } from '../../../shared/api/departments';
import { PREVIEW_PAGE_IMAGES, type ImportAction, type ImportCommitResponse, type ImportPreview } from '../../../shared/api/imports';
import { replacedScopes } from '../../../shared/domain/document-scope';
import { shownLevels, type PageImage, type ParsedDocument } from '../../../shared/domain/model';
import { CERTAIN, doubtedTables } from '../../../shared/domain/reading';
import type { TableGrid } from '../../../shared/domain/table-grid';
import { STATUS_LABELS, type ProjectStatus } from '../../../shared/domain/workflow';
import { countByCategory } from '../../../shared/review/report';
import { findCurrentDocuments, findCurrentDocumentWithContent } from '../../db/document.repository';
import { countStatusesOfDocuments } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { departmentHasEditor } from '../../db/user.repository';
import { firstError } from '../../importers/read-document';
import { describeRefusal, readForImport, type ReadForImport } from './import-files';
import type { FormTemplate } from '../../../shared/domain/form-template';
import { AppError } from '../../app/errors';
import { storeTemplate, templatesForReading } from '../form-templates/form-templates.service';
import { contentDigest, findExistingDepartment, prepareDocument, storeDocument, type Prepared } from './store.service';
import { acceptReading } from '../../importers/ocr/likely';
import { correctDepartmentName } from '../../importers/ocr/names';

/** Statuses an editor's re-import may not replace: the bureau (its business section or performance section) has the project (or published it). */
const REVIEWED: readonly ProjectStatus[] = ['section_submitted', 'submitted', 'approved', 'issued', 'published'];

export interface UploadedFile {
  file: string;
  bytes: Uint8Array;
}

/** A file of an upload as kept for its re-reads (issue 54): its bytes, and the person's corrections it was last read with. */
export interface UploadSource {
  upload: number;
  bytes: Uint8Array;
  /** The person's corrections as a form template, and the table it was made on as last read; null: none. */
  draft: { template: FormTemplate; example: TableGrid | null } | null;
}

/** Reads a file for a preview, with these form templates (in order of preference). */
export type PreviewReader = (bytes: Uint8Array, file: string, templates: readonly FormTemplate[]) => Promise<ReadForImport>;

/** One previewed document (or unreadable file), kept with its token until the commit. */
export interface PendingImport {
  file: string;
  /** The file it came from (shared by a workbook's documents). */
  source: UploadSource;
  /** null for a file that could not be read. */
  doc: ParsedDocument | null;
  /** Its review and digest, worked out where it was read (a parse worker). */
  prepared: Prepared | null;
  preview: ImportPreview;
  /** About how many bytes of memory it holds (its share of its file's parsed weight): what bounds the previews kept for a commit. */
  weight: number;
}

interface Decision {
  action: ImportAction;
  error: string | null;
  replaces: ImportPreview['replaces'];
  departmentRename: ImportPreview['departmentRename'];
  /** The statuses of the projects a reviewer's replacement supersedes (for the audit). */
  replacedStatuses: Partial<Record<ProjectStatus, number>> | null;
}

/**
 * What importing `doc` now would do, for this user. Reads only. At the commit (`confirmRenames`
 * given) a department rename that was not confirmed refuses the document.
 */
export async function decide(db: Db, user: SessionUser, doc: ParsedDocument, commit?: { confirmRenames: boolean; confirmDoubts: boolean }, contentSha256 = contentDigest(doc)): Promise<Decision> {
  const refuse = (error: string, replaces: ImportPreview['replaces'] = null, departmentRename: Decision['departmentRename'] = null): Decision => ({
    action: 'refused',
    error,
    replaces,
    departmentRename,
    replacedStatuses: null,
  });
  const error = firstError(doc);
  if (error !== undefined) return refuse(describeRefusal(doc, error));
  // 项目支出绩效自评表 alone (issue 59): no target table to import here; the 绩效科 imports them for the 复核
  if (doc.selfEvaluations?.length && doc.projects.length === 0 && doc.departmentTargets === null) {
    return refuse(`文件中是项目支出绩效自评表（${doc.selfEvaluations.length} 张），不是绩效目标表：请由财政局绩效科在“自评复核”页面上传，未导入`);
  }
  if (doc.department === null) return refuse('文档中没有找到单位编码和名称，无法确定属于哪个单位，未导入');
  if (doc.year === null) return refuse('无法从项目编码或正文确定预算年度，未导入');

  const department = await findExistingDepartment(db, doc.department);
  if (user.role === 'editor' && (department === undefined || department.id !== user.departmentId)) {
    return refuse(`文件属于“${doc.department.name}”，您只能导入本单位（${user.departmentName ?? '未指定单位'}）的文档`);
  }
  // A regional finance account: a department of its region or below; a new one whose project codes name such a region.
  const region = regionScope(user);
  if (region !== null) {
    const codeRegion = mostFrequentCodeRegion(doc.projects.map((p) => p.code));
    const inside = department !== undefined ? mayAccessDepartment(user, department.id) : codeRegion !== null && isWithin(codeRegion, region);
    if (!inside) return refuse(`文件属于“${doc.department.name}”，不在您的区划（${user.regionName ?? region}）内，未导入`);
  }
  const rename =
    department !== undefined && department.code !== null && department.code === doc.department.code && department.name !== doc.department.name
      ? { code: department.code, from: department.name, to: doc.department.name }
      : null;
  if (rename !== null && user.role === 'editor') {
    return refuse(
      `单位编码 ${rename.code} 在系统中是“${rename.from}”，文件中写作“${rename.to}”：填报人不能更改单位名称。如单位确已更名，请由财政局绩效科或管理员导入并确认`,
      null,
      rename,
    );
  }
  if (rename !== null && commit !== undefined && !commit.confirmRenames) {
    return refuse(`导入将把单位“${rename.from}”（编码 ${rename.code}）更名为“${rename.to}”，未确认单位更名，未导入`, null, rename);
  }
  const doubted = doubtedTables(doc);
  if (doubted > 0 && commit !== undefined && !commit.confirmDoubts) {
    return refuse(`文档中有 ${doubted} 张表的读取存疑，请在预览中核对后确认导入（存疑的表导入后不评分），未导入`, null, rename);
  }
  const go = (action: 'create' | 'unchanged'): Decision => ({ action, error: null, replaces: null, departmentRename: rename, replacedStatuses: null });
  if (department === undefined) return go('create');

  // The current documents this one would replace: of its scope, and for a department's document the forms of its projects.
  const current = await findCurrentDocuments(db, { departmentId: department.id, year: doc.year, scopes: replacedScopes(doc) });
  const same = await findCurrentDocumentWithContent(db, { sha256: doc.sha256, contentSha256 });
  if (same !== undefined && same.departmentId === department.id) return go('unchanged');
  if (current.length === 0) return go('create');
  const statuses = await countStatusesOfDocuments(db, current.map((d) => d.id));
  const replaces = { documentIds: current.map((d) => d.id), projectCount: current.reduce((n, d) => n + d.projectCount, 0), statuses: fullStatusCounts(statuses) };
  const reviewed = REVIEWED.filter((s) => (statuses[s] ?? 0) > 0);
  if (reviewed.length > 0 && user.role === 'editor') {
    const which = reviewed.map((s) => `${STATUS_LABELS[s]} ${statuses[s]} 个`).join('、');
    return refuse(`本单位 ${doc.year} 年的现行文档中有项目已进入审核流程（${which}），不能由填报人重新导入替换；请联系财政局绩效科退回后再导入`, replaces);
  }
  return { action: 'replace', error: null, replaces, departmentRename: rename, replacedStatuses: reviewed.length > 0 ? statuses : null };
}

/**
 * Whether the document's unit has no 填报人 to edit and submit the drafts the import makes (issue 71): a file the finance
 * bureau imports for a new unit, or for one without an enabled editor account. An editor's own import never.
 */
async function unitWithoutEditor(db: Db, user: SessionUser, doc: ParsedDocument, decision: Decision): Promise<boolean> {
  if (user.role === 'editor' || doc.department === null || decision.action === 'refused' || decision.action === 'unchanged') return false;
  const department = await findExistingDepartment(db, doc.department);
  return department === undefined || !(await departmentHasEditor(db, department.id));
}

function unreadablePreview(file: string, message: string, source: UploadSource): ImportPreview {
  return {
    file,
    upload: source.upload,
    draftTemplate: source.draft === null ? null : bodyOf(source.draft.template),
    formTemplates: [],
    ok: false,
    error: message,
    format: null,
    department: null,
    departmentRename: null,
    unitWithoutEditor: false,
    year: null,
    action: 'refused',
    replaces: null,
    projectCount: 0,
    indicatorCount: 0,
    budgetTotalFen: 0,
    yearInferred: false,
    projects: [],
    departmentTargets: null,
    doubted: 0,
    tables: [],
    pages: [],
    pagesOmitted: 0,
    diagnostics: [],
    findingCounts: countByCategory([]),
    textReading: null,
  };
}

/** At most this many cells of a file's tables are shown in its preview: the doubted tables first, then the others. */
const PREVIEW_CELLS = 30_000;

/** The document's tables for its preview: those it may show within PREVIEW_CELLS (doubted ones first), and where each table went. */
function previewTables(doc: ParsedDocument): { tables: TableGrid[]; at: Map<TableGrid, number> } {
  const all = doc.tables ?? [];
  const doubtedOf = (t: TableGrid) => (t.kind === 'department' ? !(doc.departmentTargets?.reading?.certain ?? true) : t.projects.some((i) => !(doc.projects[i]?.reading?.certain ?? true)));
  const ordered = [...all.filter(doubtedOf), ...all.filter((t) => !doubtedOf(t))];
  const tables: TableGrid[] = [];
  let cells = 0;
  for (const t of ordered) {
    const n = t.rows.reduce((sum, r) => sum + r.cells.length, 0);
    if (cells + n > PREVIEW_CELLS && tables.length > 0) continue;
    tables.push(t);
    cells += n;
  }
  return { tables, at: new Map(tables.map((t, i) => [t, i])) };
}



/** The document's scanned pages on which a doubt of its tables stands (by the doubts' OCR marks), in order. */
function doubtedPages(doc: ParsedDocument): PageImage[] {
  if (!doc.pageImages) return [];
  const readings = [...doc.projects.map((p) => p.reading), doc.departmentTargets?.reading, doc.textReading];
  const numbers = new Set(readings.flatMap((r) => (r?.doubts ?? []).flatMap((d) => (d.where.ocr ? [d.where.ocr.page] : []))));
  return doc.pageImages.filter((p) => numbers.has(p.page));
}

/** A template without its stored number (as the API gives a template's body). */
function bodyOf(t: FormTemplate): Omit<FormTemplate, 'id'> {
  const { id: _id, ...body } = t;
  return body;
}

const readInThread: PreviewReader = (bytes, file, templates) => readForImport(bytes, file, { grids: true, templates });

/**
 * Reads, reviews and decides every uploaded file; stores nothing. `readFile` parses a file (the
 * server passes its worker pool, parse-pool.ts; by default in this thread) with the form templates in force
 * for the account (form-templates.service.ts).
 */
export async function previewImports(db: Db, user: SessionUser, files: readonly UploadedFile[], readFile: PreviewReader = readInThread): Promise<PendingImport[]> {
  const templates = await templatesForReading(db, user);
  const pending: PendingImport[] = [];
  for (const [upload, { file, bytes }] of files.entries()) {
    pending.push(...(await previewUpload(db, user, file, { upload, bytes, draft: null }, templates, readFile)));
  }
  return pending;
}

/**
 * Reads one file of a preview again with a person's corrections (a form template, before the stored ones; null:
 * none): the pending documents of that file are replaced, the others kept. 404 for a file the preview has not.
 */
export async function rereadImport(
  db: Db,
  user: SessionUser,
  pending: readonly PendingImport[],
  upload: number,
  template: FormTemplate | null,
  readFile: PreviewReader = readInThread,
): Promise<PendingImport[]> {
  const at = pending.findIndex((p) => p.source.upload === upload);
  if (at < 0) throw new AppError(404, 'not-found', `导入预览中没有第 ${upload + 1} 个文件`);
  const { file, source } = pending[at]!;
  const draft: UploadSource['draft'] = template === null ? null : { template: { ...template, id: undefined }, example: null };
  const stored = await templatesForReading(db, user);
  const again = await previewUpload(db, user, file, { upload, bytes: source.bytes, draft }, stored, readFile);
  if (draft !== null) {
    // the table the corrections were made on, as now read with them: the template's example
    const preview = again.find((p) => p.preview.tables.some((t) => t.template !== null && t.template.id === null))?.preview;
    draft.example = preview?.tables.find((t) => t.template !== null && t.template.id === null) ?? null;
  }
  return [...pending.slice(0, at), ...again, ...pending.slice(at).filter((p) => p.source.upload !== upload)];
}

/** The preview of one uploaded file: its documents read with the person's template (if any) before the stored ones. */
async function previewUpload(db: Db, user: SessionUser, file: string, source: UploadSource, stored: readonly FormTemplate[], readFile: PreviewReader): Promise<PendingImport[]> {
  const { bytes } = source;
  const templates = source.draft === null ? stored : [source.draft.template, ...stored];
  const read = await readFile(bytes, file, templates);
  if (!read.ok) {
    return [{ file, source, doc: null, prepared: null, preview: unreadablePreview(file, read.message, source), weight: 1024 + 2 * read.message.length + bytes.length }];
  }
  const pending: PendingImport[] = [];
  // the file's bytes are held once, for its re-reads: its first document carries their weight
  const weight = Math.max(read.weight ?? 0, bytes.length) / Math.max(1, read.docs.length);
  for (const [i, doc] of read.docs.entries()) {
    let prepared = read.prepared[i]!;
    // a scan's department name read with a few characters wrong, put right by the name the system knows (issue 69)
    const known = doc.department === null ? null : ((await findExistingDepartment(db, doc.department))?.name ?? (user.role === 'editor' ? user.departmentName : null));
    if (known != null && correctDepartmentName(doc, known)) prepared = prepareDocument(doc);
    const decision = await decide(db, user, doc, undefined, prepared.contentSha256);
    const { tables, at } = previewTables(doc);
    const grids = doc.tables ?? [];
    const tableOf = (index: number) => {
      const t = grids.find((g) => g.kind !== 'department' && g.projects.includes(index));
      return t === undefined ? null : (at.get(t) ?? null);
    };
    const departmentTable = grids.find((g) => g.kind === 'department');
    const pages = doubtedPages(doc);
    // the grids and page images are the preview's: the document kept for the commit does without them
    delete doc.tables;
    delete doc.pageImages;
    pending.push({
      file,
      source,
      doc,
      prepared,
      weight: weight + (i === 0 ? bytes.length : 0),
      preview: {
        file,
        upload: source.upload,
        draftTemplate: source.draft === null ? null : bodyOf(source.draft.template),
        formTemplates: templatesOf(grids, stored),
        ok: true,
        error: decision.error,
        format: doc.format,
        department: doc.department === null ? null : { code: doc.department.code, name: doc.department.name },
        departmentRename: decision.departmentRename,
        unitWithoutEditor: await unitWithoutEditor(db, user, doc, decision),
        year: doc.year,
        action: decision.action,
        replaces: decision.replaces,
        ...readingsPreview(doc, prepared, { projects: doc.projects.map((_, i) => tableOf(i)), department: departmentTable === undefined ? null : (at.get(departmentTable) ?? null) }),
        tables,
        pages: pages.slice(0, PREVIEW_PAGE_IMAGES),
        pagesOmitted: Math.max(0, pages.length - PREVIEW_PAGE_IMAGES),
      },
    });
  }
  return pending;
}

/** What a preview says of a document's readings, its projects and its review: the part a likely reading accepted changes. */
function readingsPreview(
  doc: ParsedDocument,
  prepared: Prepared,
  tables: { projects: (number | null)[]; department: number | null },
): Pick<ImportPreview, 'projectCount' | 'indicatorCount' | 'budgetTotalFen' | 'yearInferred' | 'projects' | 'departmentTargets' | 'textReading' | 'doubted' | 'diagnostics' | 'findingCounts'> {
  const { review } = prepared.reviewed;
  const findingCounts = doc.projects.map(() => 0);
  for (const f of review.findings) if (f.projectIndex !== null && f.projectIndex < findingCounts.length) findingCounts[f.projectIndex]!++;
  return {
    projectCount: doc.projects.length,
    indicatorCount: doc.projects.reduce((n, p) => n + p.indicators.length, 0),
    budgetTotalFen: Number(doc.projects.reduce((n, p) => n + BigInt(p.budget.total ?? 0), 0n)),
    yearInferred: doc.yearInferred === true,
    projects: doc.projects.map((p, i) => ({
      code: p.code,
      name: p.name,
      budgetTotalFen: p.budget.total,
      indicatorCount: p.indicators.length,
      findingCount: findingCounts[i]!,
      reading: p.reading ?? CERTAIN,
      indicators: p.indicators.map((ind) => ({ level1: shownLevels(ind).level1, level2: shownLevels(ind).level2, name: ind.name, target: ind.target.raw })),
      table: tables.projects[i] ?? null,
    })),
    departmentTargets:
      doc.departmentTargets === null
        ? null
        : { reading: doc.departmentTargets.reading ?? CERTAIN, indicatorCount: doc.departmentTargets.indicators.length, table: tables.department, budgetTotalFen: doc.departmentTargets.budget.total },
    textReading: doc.textReading ?? null,
    doubted: doubtedTables(doc),
    diagnostics: doc.diagnostics,
    findingCounts: countByCategory(review.findings),
  };
}

/**
 * A doubted value's likely reading accepted by a person (issue 69): the value at the doubt's place (a target read by
 * OCR: its 指标值 cell) takes the reading, read again as a target; the doubt is answered and goes; the document is
 * reviewed and digested again, and its preview follows. Returns the previews with this one replaced; 404 for a file,
 * table or doubt the preview has not, 400 for a doubt with no such reading.
 */
export function acceptLikelyReading(pending: readonly PendingImport[], at: { file: number; project: number | null; doubt: number; choice: number }): PendingImport[] {
  const item = pending[at.file];
  const doc = item?.doc;
  if (item === undefined || doc == null || item.prepared === null) throw new AppError(404, 'not-found', `导入预览中没有第 ${at.file + 1} 个文件的读取`);
  const table = at.project === null ? doc.departmentTargets : doc.projects[at.project];
  const doubt = table?.reading?.doubts[at.doubt];
  if (table == null || doubt === undefined) throw new AppError(404, 'not-found', '预览中没有这一处存疑');
  const reading = doubt.likely?.[at.choice];
  if (reading === undefined) throw new AppError(400, 'validation', '这一处存疑没有所选的读法');
  if (!acceptReading(doc, table, doubt, reading)) throw new AppError(400, 'validation', '这一处存疑的读法无法采用：未找到它所在的指标值');
  const prepared = prepareDocument(doc);
  const preview: ImportPreview = {
    ...item.preview,
    ...readingsPreview(doc, prepared, { projects: item.preview.projects.map((p) => p.table), department: item.preview.departmentTargets?.table ?? null }),
  };
  return pending.map((p, i) => (i === at.file ? { ...p, prepared, preview } : p));
}

/** The stored templates a file's tables were read with or are offered, with their bodies. */
function templatesOf(grids: readonly TableGrid[], stored: readonly FormTemplate[]): ImportPreview['formTemplates'] {
  const ids = new Set<number>();
  for (const g of grids) {
    if (g.template?.id != null) ids.add(g.template.id);
    for (const o of g.offers) if (o.id !== null) ids.add(o.id);
  }
  return stored.filter((t) => t.id !== undefined && ids.has(t.id)).map((t) => ({ id: t.id!, name: t.name, template: bodyOf(t) }));
}

const COMMIT_MESSAGES = {
  imported: '已导入，项目为草稿状态',
  replaced: '已导入新版本，原文档保留为历史版本',
  unchanged: '与现行文档内容相同，未作改动',
} as const;

/**
 * Commits previewed documents, each in its own transaction in which it is decided again (the
 * database may have changed since the preview): a document refused now is not stored. A
 * department rename needs `confirmRenames`.
 */
export async function commitImports(
  db: Db,
  user: SessionUser,
  pending: readonly PendingImport[],
  now: Date,
  opts: { confirmRenames?: boolean; confirmDoubts?: boolean; saveTemplates?: boolean } = {},
): Promise<ImportCommitResponse> {
  const confirmRenames = opts.confirmRenames ?? false;
  const confirmDoubts = opts.confirmDoubts ?? false;
  const files: ImportCommitResponse['files'] = [];
  const templates: ImportCommitResponse['templates'] = [];
  // each file's corrections are saved with its first document stored (the same transaction), once
  const toSave = new Set<UploadSource>(opts.saveTemplates ? pending.flatMap((p) => (p.source.draft === null ? [] : [p.source])) : []);
  if (toSave.size > 0 && user.role !== 'reviewer') {
    for (const s of toSave) templates.push({ name: s.draft!.template.name, saved: false, message: '表样由财政局绩效科保存：本次更正只用于这次导入' });
    toSave.clear();
  }
  for (const item of pending) {
    const doc = item.doc;
    if (doc === null || item.preview.action === 'refused') {
      files.push({ file: item.file, status: 'refused', documentId: null, message: item.preview.error ?? '未导入' });
      continue;
    }
    const outcome = await db.transaction().execute(async (trx) => {
      const decision = await decide(trx, user, doc, { confirmRenames, confirmDoubts }, item.prepared?.contentSha256);
      if (decision.action === 'refused') return { outcome: { file: item.file, status: 'refused' as const, documentId: null, message: decision.error ?? '未导入' }, saved: null };
      let saved: ImportCommitResponse['templates'][number] | null = null;
      if (toSave.has(item.source)) {
        const { template, example } = item.source.draft!;
        await storeTemplate(trx, user, template, { now, example, source: 'preview', replace: true });
        saved = { name: template.name, saved: true, message: `已保存为表样“${template.name}”，此后同一表样的文档将按它读取` };
      }
      const result = await storeDocument(trx, doc, {
        actor: actorOf(user),
        now,
        departmentRename: decision.departmentRename === null ? 'refuse' : 'apply',
        ...(item.prepared ? { prepared: item.prepared } : {}),
        ...(decision.replacedStatuses ? { auditDetail: { replacedStatuses: decision.replacedStatuses, replacedBy: user.role } } : {}),
      });
      return { outcome: { file: item.file, status: result.status, documentId: result.documentId, message: COMMIT_MESSAGES[result.status] }, saved };
    });
    files.push(outcome.outcome);
    if (outcome.saved !== null) {
      templates.push(outcome.saved);
      toSave.delete(item.source);
    }
  }
  for (const s of toSave) templates.push({ name: s.draft!.template.name, saved: false, message: `“${s.draft!.template.name}”未保存：文件中没有文档被导入` });
  return { files, templates };
}
