/**
 * /api/imports: upload for a preview (multipart, field `files`), then commit by token.
 * Login required; an editor may import only their own department's documents.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import { z } from 'zod';
import {
  IMPORT_LIMITS,
  importCommitBodySchema,
  importCommitResponseSchema,
  importLikelyBodySchema,
  importPreviewQuerySchema,
  importPreviewResponseSchema,
  importRereadBodySchema,
  uploadProgressSchema,
} from '../../../shared/api/imports';
import { currentUser, requireRole } from '../../app/auth';
import { AppError, validationError } from '../../app/errors';
import { DOCUMENT_UPLOAD, readMultipart, type MultipartUpload } from '../../app/multipart';
import type { SessionUser } from '../../../shared/api/auth';
import { ImportTokenStore } from './preview-token.store';
import { UploadProgressStore } from './upload-progress.store';
import { acceptLikelyReading, commitImports, previewImports, rereadImport, type PendingImport, type PreviewReader, type UploadedFile } from './preview.service';
import type { FormTemplate } from '../../../shared/domain/form-template';

/** Who imports documents: the finance bureau's 绩效科 and the units' 填报人; a 主管部门 or a 业务科室 reviews, and imports nothing (issue 71). */
const IMPORTERS = requireRole('reviewer', 'editor');

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // Per app instance: previews live as long as the server and its tokens.
  const previews = new ImportTokenStore<PendingImport[]>(IMPORT_LIMITS.tokenTtlMs, app.now);
  // Uploads are parsed in worker threads (app.parsePool), never on the event loop that serves everyone else.
  const pool = app.parsePool;
  const progress = new UploadProgressStore(app.now);
  /**
   * Reads the files of a request for its preview, each with its grids and its scanned pages' images; with an upload id,
   * how far it has come is kept under it (a scan's pages as they are recognised) until the answer.
   */
  const reader = (userId: number, upload: string | undefined, files: number): PreviewReader => {
    let fileIndex = -1;
    return (bytes, file, templates) => {
      fileIndex++;
      const at = { file, fileIndex, files };
      if (upload !== undefined) progress.set(userId, upload, { stage: 'reading', ...at, page: 0, pages: 0 });
      const onProgress = upload === undefined ? undefined : (page: number, pages: number) => progress.set(userId, upload, { stage: 'reading', ...at, page, pages });
      return pool.read(bytes, file, { grids: true, templates, ocr: { pageImages: true } }, onProgress, userId);
    };
  };
  /** The preview of an upload's files. */
  const preview = async (user: SessionUser, uploadId: string | undefined, upload: MultipartUpload) => {
    const misplaced = upload.files.find((f) => f.field !== 'files');
    if (misplaced) throw validationError([{ path: misplaced.field, message: '文件须放在字段 files 中上传' }]);
    const files: UploadedFile[] = upload.files.map((f, i) => ({ file: f.filename || `文件${i + 1}`, bytes: f.bytes }));
    if (files.length === 0) throw validationError([{ path: 'files', message: '请至少选择一个文件' }]);
    const pending = await previewImports(app.db, user, files, reader(user.id, uploadId, files.length));
    const weight = pending.reduce((n, p) => n + p.weight, 0);
    return { token: previews.put(user.id, pending, weight), files: pending.map((p) => p.preview) };
  };
  const expired = () => new AppError(404, 'not-found', '导入预览不存在或已过期（有效期 15 分钟），请重新上传文件');

  app.post(
    '/api/imports/preview',
    {
      preHandler: IMPORTERS,
      schema: {
        tags: ['imports'],
        summary:
          '上传文件预览导入结果（不保存）：multipart/form-data，字段 files，1–20 个文档（Word、WPS、Excel、PDF、网页、文本、扫描图像），每个不超过 20 MB；' +
          'progress 为浏览器自取的上传编号时，读取进度（扫描件按页）可在 GET /api/imports/progress/{id} 查询',
        consumes: ['multipart/form-data'],
        querystring: importPreviewQuerySchema,
        response: { 200: importPreviewResponseSchema, 400: apiErrorSchema, 413: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const uploadId = request.query.progress;
      // known from now (its files still coming) to a while after its answer
      if (uploadId !== undefined) progress.set(user.id, uploadId, { stage: 'receiving', file: '', fileIndex: 0, files: 0, page: 0, pages: 0 });
      try {
        return await preview(user, uploadId, await readMultipart(request, DOCUMENT_UPLOAD));
      } finally {
        if (uploadId !== undefined) progress.finish(user.id, uploadId);
      }
    },
  );

  app.get(
    '/api/imports/progress/:id',
    {
      preHandler: IMPORTERS,
      schema: {
        tags: ['imports'],
        summary: '上传预览的进度（本人的上传，自收到请求起至答复后 2 分钟）：接收中、正在读取第几个文件及扫描件已识别的页数、已完成；编号未知时 404',
        // any id: one this user has not under way is not found, whatever its shape
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: uploadProgressSchema, 404: apiErrorSchema },
      },
    },
    async (request) => {
      const at = progress.get(currentUser(request).id, request.params.id);
      if (at === undefined) throw new AppError(404, 'not-found', '没有这次上传');
      return at;
    },
  );

  app.post(
    '/api/imports/commit',
    {
      preHandler: IMPORTERS,
      schema: {
        tags: ['imports'],
        summary: '按预览令牌导入（15 分钟内、同一用户；每个文档一个事务，导入时重新检查；预览中的单位更名须以 confirmDepartmentRenames 确认，读取存疑的表须以 confirmDoubts 确认）',
        body: importCommitBodySchema,
        response: { 200: importCommitResponseSchema, 404: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const pending = previews.take(request.body.token, user.id);
      if (pending === undefined) throw expired();
      return commitImports(app.db, user, pending, app.now(), {
        confirmRenames: request.body.confirmDepartmentRenames,
        confirmDoubts: request.body.confirmDoubts,
        saveTemplates: request.body.saveTemplates,
      });
    },
  );

  /** A token's previews changed (a file read again, a likely reading accepted): the old token goes, a new one holds them. */
  const replacePreviews = async (token: string, userId: number, change: (pending: PendingImport[]) => PendingImport[] | Promise<PendingImport[]>) => {
    const pending = previews.peek(token, userId);
    if (pending === undefined) throw expired();
    const again = await change(pending);
    const weight = again.reduce((n, p) => n + p.weight, 0);
    if (previews.take(token, userId) === undefined) throw expired();
    return { token: previews.put(userId, again, weight), files: again.map((p) => p.preview) };
  };

  app.post(
    '/api/imports/likely',
    {
      preHandler: IMPORTERS,
      schema: {
        tags: ['imports'],
        summary:
          '采用预览中一处存疑的可能读法（扫描件，issue 69）：file 为预览中文件的序号，project 为项目序号（null：部门整体表），doubt 为该表存疑的序号，choice 为所选读法；该处指标值改为所选读法，存疑随之消除；返回新的令牌和全部预览；不保存',
        body: importLikelyBodySchema,
        response: { 200: importPreviewResponseSchema, 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => {
      const { token, file, project, doubt, choice } = request.body;
      return replacePreviews(token, currentUser(request).id, (pending) => acceptLikelyReading(pending, { file, project, doubt, choice }));
    },
  );

  app.post(
    '/api/imports/reread',
    {
      preHandler: IMPORTERS,
      schema: {
        tags: ['imports'],
        summary: '按更正重新读取预览中的一个文件（表样，issue 54）：template 为更正形成的表样（null：不按更正），返回新的令牌和全部预览；不保存',
        body: importRereadBodySchema,
        response: { 200: importPreviewResponseSchema, 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return replacePreviews(request.body.token, user.id, (pending) => rereadImport(app.db, user, pending, request.body.upload, request.body.template as FormTemplate | null, reader(user.id, undefined, 1)));
    },
  );
};
