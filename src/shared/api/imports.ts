/**
 * The import screen's API: upload files for a preview of what would be created (nothing stored),
 * then commit the preview by its token (valid 15 minutes, for the same user).
 */
import { z } from 'zod';
import { diagnosticSchema, documentFormatSchema, fenSchema, fenTotalSchema, findingCountsSchema, readingSchema } from './model';
import { projectStatusSchema } from './projects';
import { tableGridSchema } from './table-grid';
import { formTemplateBodySchema } from './form-templates';

export const IMPORT_LIMITS = { files: 20, fileSizeBytes: 20 * 1024 * 1024, tokenTtlMs: 15 * 60 * 1000 } as const;

/** At most this many scanned pages of a file are shown as images in its preview (about 100–200 KB each). */
export const PREVIEW_PAGE_IMAGES = 10;

/**
 * The extensions of the documents Jixiao reads (lower case, with the dot): extracted text, Word,
 * Excel, WPS, PDF, saved web pages, RTF, and scans read by OCR (PNG, JPEG, TIFF). The format itself is
 * told by content.
 */
export const DOCUMENT_EXTENSIONS: readonly string[] = ['.txt', '.docx', '.doc', '.wps', '.rtf', '.xlsx', '.xls', '.et', '.pdf', '.html', '.htm', '.png', '.jpg', '.jpeg', '.tif', '.tiff'];

/** What committing would do with a document. */
export const IMPORT_ACTIONS = ['create', 'replace', 'unchanged', 'refused'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

export { tableGridSchema } from './table-grid';

/**
 * A page read by OCR as the preview shows it (issue 56): a downscaled JPEG of the page as recognised, as a data URL; the
 * boxes of the doubts' OCR marks on that page (in points of a `width` × `height` page) are outlined on it.
 */
export const pageImageSchema = z.object({
  page: z.number().int().min(1),
  width: z.number().positive(),
  height: z.number().positive(),
  src: z.string().regex(/^data:image\/jpeg;base64,[A-Za-z0-9+/=]+$/),
});

/** A stored form template an upload's tables were read with or are offered (issue 54): a person's corrections may start from it. */
export const previewTemplateSchema = z.object({ id: z.number().int(), name: z.string(), template: formTemplateBodySchema });

export const importPreviewSchema = z.object({
  /** The uploaded file's name (a workbook may give several previews with the same name). */
  file: z.string(),
  /** Which file of the upload it is (0, 1 …): the re-read names it. */
  upload: z.number().int(),
  /** The person's corrections this file was last read with, as a form template (issue 54); null: none. */
  draftTemplate: formTemplateBodySchema.nullable(),
  /** The stored templates its tables were read with or are offered. */
  formTemplates: z.array(previewTemplateSchema),
  /** The file was read (false: `error` says why nothing of it can be imported). */
  ok: z.boolean(),
  /** Why the document is refused (unreadable, errors in it, another department's …); null otherwise. */
  error: z.string().nullable(),
  format: documentFormatSchema.nullable(),
  department: z.object({ code: z.string().nullable(), name: z.string() }).nullable(),
  /**
   * The document's department code is a stored department's whose name differs: importing renames
   * it (and the public pages follow). A reviewer or admin must confirm it at the commit
   * (confirmDepartmentRenames); an editor's import is refused.
   */
  departmentRename: z.object({ code: z.string(), from: z.string(), to: z.string() }).nullable(),
  /**
   * The unit has no 填报人 account yet (a new unit, or none enabled), the file imported by the finance bureau: its drafts
   * would wait for an account before anyone can edit or submit them — said before storing (issue 71).
   */
  unitWithoutEditor: z.boolean(),
  year: z.number().int().nullable(),
  action: z.enum(IMPORT_ACTIONS),
  /** For 'replace' (and a refused replacement): the current documents that would become history (of the same scope, and a department's document replaces the forms of its projects). */
  replaces: z
    .object({
      documentIds: z.array(z.number().int()),
      projectCount: z.number().int(),
      statuses: z.record(projectStatusSchema, z.number().int()),
    })
    .nullable(),
  projectCount: z.number().int(),
  indicatorCount: z.number().int(),
  budgetTotalFen: fenTotalSchema,
  /** The year was inferred from a date written alone: a person checks it. */
  yearInferred: z.boolean(),
  projects: z.array(
    z.object({
      code: z.string().nullable(),
      name: z.string(),
      budgetTotalFen: fenSchema.nullable(),
      indicatorCount: z.number().int(),
      findingCount: z.number().int(),
      /** How sure the reading of its table is; a doubted one is stored only when confirmed, and is not graded. */
      reading: readingSchema,
      /** Its indicators as read (一级, 二级, 三级指标, 指标值 as written), beside its table's grid. */
      indicators: z.array(z.object({ level1: z.string().nullable(), level2: z.string().nullable(), name: z.string(), target: z.string() })),
      /** The table it was read from (index into `tables`); null when the preview keeps no grid of it. */
      table: z.number().int().nullable(),
    }),
  ),
  /** The department-wide table's reading and grid, when the document has one. */
  departmentTargets: z
    .object({
      reading: readingSchema,
      indicatorCount: z.number().int(),
      table: z.number().int().nullable(),
      /** Its 资金总额 as read (issue 71: the summary showed the projects' 0.00 万元 beside it); null when it gives none. */
      budgetTotalFen: fenSchema.nullable(),
    })
    .nullable(),
  /** The doubts of the text outside its tables (its cover, part one) when it was read from a scan by OCR (issue 69); null otherwise. */
  textReading: readingSchema.nullable(),
  /** How many of its tables are doubted: storing the document then needs `confirmDoubts`. */
  doubted: z.number().int(),
  /** Each table as it stands in the file (shared/domain/table-grid.ts), doubted ones first. */
  tables: z.array(tableGridSchema),
  /** The scanned pages its doubts stand on (at most PREVIEW_PAGE_IMAGES, in order), to be checked against the reading. */
  pages: z.array(pageImageSchema),
  /** Pages with doubts beyond those shown. */
  pagesOmitted: z.number().int(),
  diagnostics: z.array(diagnosticSchema),
  /** The review's findings per category (the whole document). */
  findingCounts: findingCountsSchema,
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importPreviewResponseSchema = z.object({
  /** Send it to POST /api/imports/commit within 15 minutes. */
  token: z.string(),
  files: z.array(importPreviewSchema),
});
export type ImportPreviewResponse = z.infer<typeof importPreviewResponseSchema>;

export const importCommitBodySchema = z.object({
  token: z.string().min(1).max(200),
  /** The department renames the preview showed are intended (reviewers and admins): without it those documents are refused. */
  confirmDepartmentRenames: z.boolean().optional().default(false),
  /** The person has checked the doubted tables the preview showed and stores them with their doubts: without it such documents are refused. */
  confirmDoubts: z.boolean().optional().default(false),
  /** Save each file's corrections (its draftTemplate) as a form template of the account's region (the 绩效科's), with the first document of the file stored. */
  saveTemplates: z.boolean().optional().default(false),
});
export type ImportCommitBody = z.input<typeof importCommitBodySchema>;

export const importCommitResponseSchema = z.object({
  files: z.array(
    z.object({
      file: z.string(),
      status: z.enum(['imported', 'replaced', 'unchanged', 'refused']),
      documentId: z.number().int().nullable(),
      message: z.string(),
    }),
  ),
  /** The corrections saved as form templates, or why not. */
  templates: z.array(z.object({ name: z.string(), saved: z.boolean(), message: z.string() })),
});
export type ImportCommitResponse = z.infer<typeof importCommitResponseSchema>;

/** An upload's id for its progress (the browser's own random id): letters, digits, - and _. */
export const uploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '上传编号须为 8–64 个字母、数字、- 或 _');

export const importPreviewQuerySchema = z.object({
  /** Names the upload so that its progress can be asked for while it is read (GET /api/imports/progress/:id). */
  progress: uploadIdSchema.optional(),
});

/** How far an upload has come: its files being received, read (which file, and for a scan its pages recognised), or done. */
export const uploadProgressSchema = z.object({
  stage: z.enum(['receiving', 'reading', 'done']),
  /** The file being read ('' while receiving). */
  file: z.string(),
  /** The file being read (0, 1 …) of `files` (0 while receiving). */
  fileIndex: z.number().int().min(0),
  files: z.number().int().min(0),
  /** Pages recognised of `pages` (both 0 until the file turns out to be a scan read by OCR). */
  page: z.number().int().min(0),
  pages: z.number().int().min(0),
});
export type UploadProgress = z.infer<typeof uploadProgressSchema>;

/**
 * A doubted value's likely reading accepted (issue 69): the file (its index in the preview's files), the table (a
 * project's index, null for the department-wide table), the doubt (its index in the table's reading) and which of its
 * likely readings. Answers with a new token and every file's preview.
 */
export const importLikelyBodySchema = z.object({
  token: z.string().min(1).max(200),
  file: z.number().int().min(0).max(1000),
  project: z.number().int().min(0).max(100_000).nullable(),
  doubt: z.number().int().min(0).max(100_000),
  choice: z.number().int().min(0).max(10),
});
export type ImportLikelyBody = z.input<typeof importLikelyBodySchema>;

/** Read one file of a preview again, with the person's corrections as a form template (null: without any): a new token replaces the old. */
export const importRereadBodySchema = z.object({
  token: z.string().min(1).max(200),
  upload: z.number().int().min(0).max(IMPORT_LIMITS.files - 1),
  template: formTemplateBodySchema.nullable(),
});
export type ImportRereadBody = z.input<typeof importRereadBodySchema>;
