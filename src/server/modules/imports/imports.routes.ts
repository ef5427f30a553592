/**
 * /api/imports: upload for a preview (multipart, field `files`), then commit by token.
 * Login required; an editor may import only their own department's documents.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import { IMPORT_LIMITS, importCommitBodySchema, importCommitResponseSchema, importPreviewResponseSchema } from '../../../shared/api/imports';
import { currentUser, requireLogin } from '../../app/auth';
import { AppError, validationError } from '../../app/errors';
import { readMultipart, UPLOAD_LIMITS } from '../../app/multipart';
import { ImportTokenStore } from './preview-token.store';
import { commitImports, previewImports, type PendingImport, type UploadedFile } from './preview.service';

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // Per app instance: previews live as long as the server and its tokens.
  const previews = new ImportTokenStore<PendingImport[]>(IMPORT_LIMITS.tokenTtlMs, app.now);
  // Uploads are parsed in worker threads (app.parsePool), never on the event loop that serves everyone else.
  const pool = app.parsePool;

  app.post(
    '/api/imports/preview',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['imports'],
        summary: '上传文件预览导入结果（不保存）：multipart/form-data，字段 files，1–20 个文档（Word、WPS、Excel、PDF、网页、文本），每个不超过 20 MB',
        consumes: ['multipart/form-data'],
        response: { 200: importPreviewResponseSchema, 400: apiErrorSchema, 413: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const upload = await readMultipart(request, {
        notMultipart: { path: 'files', message: '请以 multipart/form-data 上传文件（字段 files）' },
        limits: UPLOAD_LIMITS,
        tooMany: `上传内容过大：每次最多 ${UPLOAD_LIMITS.files} 个文件，每个文件不超过 ${UPLOAD_LIMITS.fileSize / 1024 / 1024} MB`,
        tooLarge: `上传内容过大：每次最多 ${UPLOAD_LIMITS.files} 个文件，每个文件不超过 ${UPLOAD_LIMITS.fileSize / 1024 / 1024} MB`,
      });
      const misplaced = upload.files.find((f) => f.field !== 'files');
      if (misplaced) throw validationError([{ path: misplaced.field, message: '文件须放在字段 files 中上传' }]);
      const files: UploadedFile[] = upload.files.map((f, i) => ({ file: f.filename || `文件${i + 1}`, bytes: f.bytes }));
      if (files.length === 0) throw validationError([{ path: 'files', message: '请至少选择一个文件' }]);
      const pending = await previewImports(app.db, user, files, (bytes, file) => pool.read(bytes, file, { grids: true }));
      const weight = pending.reduce((n, p) => n + p.weight, 0);
      return { token: previews.put(user.id, pending, weight), files: pending.map((p) => p.preview) };
    },
  );

  app.post(
    '/api/imports/commit',
    {
      preHandler: requireLogin,
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
      if (pending === undefined) throw new AppError(404, 'not-found', '导入预览不存在或已过期（有效期 15 分钟），请重新上传文件');
      return commitImports(app.db, user, pending, app.now(), { confirmRenames: request.body.confirmDepartmentRenames, confirmDoubts: request.body.confirmDoubts });
    },
  );
};
