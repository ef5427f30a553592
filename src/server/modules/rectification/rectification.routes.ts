/**
 * 整改 (rectification) over HTTP. Login required; the public sees nothing. A department's editor
 * sees, updates and uploads evidence for its own department's items only (another department's
 * item is 404); reviewers make items, change deadlines, confirm or reopen, and see all.
 * Every change is audited by the service. Evidence files are downloads only (attachment, the
 * media type sniffed at upload, a sandboxing CSP), never shown inline.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionUser } from '../../../shared/api/auth';
import { apiErrorSchema } from '../../../shared/api/errors';
import { idParamsSchema } from '../../../shared/api/projects';
import {
  rectificationActionBodySchema,
  rectificationCreateSchema,
  rectificationDetailSchema,
  rectificationEditSchema,
  rectificationFileParamsSchema,
  rectificationItemSchema,
  rectificationListQuerySchema,
  rectificationListSchema,
  rectificationSummarySchema,
  rectificationUploadResponseSchema,
  rectificationWithdrawSchema,
} from '../../../shared/api/rectification';
import { chinaToday } from '../../../shared/domain/rectification';
import { actorOf, assertDepartmentAccess, currentUser, departmentScope, requireLogin, requireRole, scopeDepartmentIds } from '../../app/auth';
import { validationError } from '../../app/errors';
import { readMultipart } from '../../app/multipart';
import { visibleProject } from '../projects/project-guards';
import { attachmentHeader } from '../../app/download';
import { countRectifications, listRectifications, type RectificationFilter, type StoredRectification } from '../../db/rectification.repository';
import {
  actOnRectification,
  addEvidenceFiles,
  assertAcceptsEvidence,
  createRectification,
  editRectification,
  evidenceFile,
  presentItem,
  rectificationDetail,
  visibleRectification,
  withdrawRectification,
  type SniffResult,
  type UploadedFile,
} from './rectification.service';
import { sendXlsx } from '../monitoring/monitoring-access';
import { EVIDENCE_LIMITS, EVIDENCE_TYPES_TEXT } from './evidence-file';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema } as const;
const TAGS = ['rectification'];
const MB = 1024 * 1024;
/** Items in one export at most: a province's year stays well inside it. */
const MAX_EXPORT = 20_000;

/** The list's filter as the user may have it: an editor's is their department's; asking for another department is 404. */
function scopedFilter(user: SessionUser, query: RectificationFilter): RectificationFilter {
  const { departmentId, ...rest } = query;
  if (departmentId !== undefined) assertDepartmentAccess(user, departmentId);
  const scope = departmentScope(user) ?? departmentId;
  const regional = scopeDepartmentIds(user);
  return { ...rest, ...(scope !== undefined ? { departmentId: scope } : {}), ...(regional !== null && user.role !== 'editor' ? { departmentIds: regional } : {}) };
}

export const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  /** A change of an item the user may see (404 otherwise), answered with the item as the user now sees it. */
  async function changeVisible(request: FastifyRequest<{ Params: { id: number } }>, change: (user: SessionUser, now: Date) => Promise<StoredRectification>) {
    const user = currentUser(request);
    await visibleRectification(app.db, user, request.params.id);
    const now = app.now();
    return rectificationDetail(app.db, await change(user, now), user, now);
  }

  app.get(
    '/api/rectifications',
    {
      preHandler: requireLogin,
      schema: {
        tags: TAGS,
        summary: '整改事项列表：可按状态（含逾期）、单位、项目、年度、来源筛选；未完成的按整改期限在前。填报人只看到本单位的事项',
        querystring: rectificationListQuerySchema,
        response: { 200: rectificationListSchema, ...errors },
      },
    },
    async (request) => {
      const { page, pageSize, ...query } = request.query;
      const filter = scopedFilter(currentUser(request), query);
      const today = chinaToday(app.now());
      const { items, total } = await listRectifications(app.db, filter, today, { offset: (page - 1) * pageSize, limit: pageSize });
      return { items: items.map((i) => presentItem(i, today)), total, page, pageSize, today };
    },
  );

  app.get(
    '/api/rectifications.xlsx',
    {
      preHandler: requireLogin,
      schema: {
        tags: TAGS,
        summary: `导出整改事项（.xlsx：整改事项明细、按单位汇总），筛选条件同列表；最多 ${MAX_EXPORT} 项。填报人只导出本单位的事项`,
        querystring: rectificationListQuerySchema.omit({ page: true, pageSize: true }),
        response: { 400: apiErrorSchema, 401: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const filter = scopedFilter(currentUser(request), request.query);
      const today = chinaToday(app.now());
      const { items, total } = await listRectifications(app.db, filter, today, { offset: 0, limit: MAX_EXPORT });
      if (total > MAX_EXPORT) throw validationError([{ path: '', message: `符合条件的整改事项有 ${total} 项，超过一次导出的上限 ${MAX_EXPORT} 项；请按单位或年度缩小范围` }]);
      const { exportRectifications } = await import('../../exporters/rectification-xlsx');
      const title = `整改事项（截至 ${today}）`;
      return sendXlsx(reply, await exportRectifications(items.map((i) => presentItem(i, today)), title), `${title}.xlsx`, `rectifications-${today}.xlsx`);
    },
  );

  app.get(
    '/api/rectifications/summary',
    {
      preHandler: requireLogin,
      schema: {
        tags: TAGS,
        summary: '整改概况（工作台）：各状态数量（逾期单列）与最近到期的未完成事项。填报人为本单位，审核人员与管理员为全部',
        response: { 200: rectificationSummarySchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const scope = departmentScope(user);
      const regional = scopeDepartmentIds(user);
      const today = chinaToday(app.now());
      const filter: RectificationFilter = scope !== null ? { departmentId: scope } : regional !== null ? { departmentIds: regional } : {};
      const counts = await countRectifications(app.db, filter, today);
      const open = await listRectifications(app.db, { ...filter, open: true }, today, { offset: 0, limit: 10 });
      return { today, counts, open: open.items.map((i) => presentItem(i, today)), openTotal: open.total };
    },
  );

  app.post(
    '/api/rectifications',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: TAGS,
        summary: '把项目的审核发现、监控偏差或自评问题转为整改事项（审核人员、管理员）：设定整改期限、责任人与整改要求。同一问题只能转一次（409）',
        body: rectificationCreateSchema,
        response: { 200: rectificationItemSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      await visibleProject(app.db, user, request.body.projectId);
      const now = app.now();
      const item = await createRectification(app.db, request.body, { actor: actorOf(user), now });
      return presentItem(item, chinaToday(now));
    },
  );

  app.get(
    '/api/rectifications/:id',
    {
      preHandler: requireLogin,
      schema: {
        tags: TAGS,
        summary: '整改事项详情：问题原文、整改要求、期限与逾期天数、整改过程记录、证明材料，以及当前用户可进行的操作',
        params: idParamsSchema,
        response: { 200: rectificationDetailSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const item = await visibleRectification(app.db, user, request.params.id);
      return rectificationDetail(app.db, item, user, app.now());
    },
  );

  app.patch(
    '/api/rectifications/:id',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: TAGS,
        summary: '修改整改事项的期限、责任人或整改要求（审核人员、管理员；调整期限须说明理由；已销号的不能修改）',
        params: idParamsSchema,
        body: rectificationEditSchema,
        response: { 200: rectificationDetailSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (request) => changeVisible(request, (user, now) => editRectification(app.db, request.params.id, request.body, { actor: actorOf(user), now })),
  );

  app.post(
    '/api/rectifications/:id/actions',
    {
      preHandler: requireLogin,
      schema: {
        tags: TAGS,
        summary:
          '整改事项的操作：progress 记录整改进展、submit 报告已整改（责任单位）；confirm 确认销号、reopen 退回继续整改（审核人员、管理员，须说明理由）',
        params: idParamsSchema,
        body: rectificationActionBodySchema,
        response: { 200: rectificationDetailSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (request) =>
      changeVisible(request, (user, now) => actOnRectification(app.db, request.params.id, request.body, { actor: actorOf(user), role: user.role, now })),
  );

  app.post(
    '/api/rectifications/:id/files',
    {
      preHandler: requireRole('editor'),
      schema: {
        tags: TAGS,
        summary: `上传整改证明材料（责任单位）：multipart/form-data，字段 files（每次 1–${EVIDENCE_LIMITS.filesPerUpload} 个，每个不超过 ${EVIDENCE_LIMITS.fileSize / MB} MB，每个事项最多 ${EVIDENCE_LIMITS.filesPerItem} 个），可附字段 note 说明进展。按内容判断类型，只接受${EVIDENCE_TYPES_TEXT}`,
        consumes: ['multipart/form-data'],
        params: idParamsSchema,
        response: { 200: rectificationUploadResponseSchema, ...errors, 409: apiErrorSchema, 413: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      // Who asks and the item's state first: nothing uploaded to an item that takes no evidence is read.
      await visibleRectification(app.db, user, request.params.id);
      await assertAcceptsEvidence(app.db, request.params.id);
      const upload = await readMultipart(request, {
        notMultipart: { path: 'files', message: '请以 multipart/form-data 上传证明材料（字段 files）' },
        limits: { fileSize: EVIDENCE_LIMITS.fileSize, files: EVIDENCE_LIMITS.filesPerUpload },
        tooMany: `每次最多上传 ${EVIDENCE_LIMITS.filesPerUpload} 个文件，未上传`,
        tooLarge: `证明材料每个不超过 ${EVIDENCE_LIMITS.fileSize / MB} MB，未上传`,
      });
      const files: UploadedFile[] = upload.files.map((f) => ({ name: f.filename, bytes: f.bytes }));
      const note = upload.fields.get('note') ?? null;
      // The bytes are sniffed in the parse pool: an Office package is opened to tell its kind.
      const sniff = async (bytes: Uint8Array, file: string): Promise<SniffResult> => {
        const r = await app.parsePool.attempt<SniffResult>('sniffEvidenceFile', { bytes, file }, user.id);
        return r.ok ? r.value : { ok: false, message: r.message };
      };
      const stored = await addEvidenceFiles(app.db, request.params.id, files, note, { actor: actorOf(user), now: app.now(), sniff });
      return { files: stored };
    },
  );

  app.post(
    '/api/rectifications/:id/withdraw',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: TAGS,
        summary: '撤销误建的整改事项（审核人员、管理员）：仅限待整改、尚无进展、材料和修改的事项，须说明理由；撤销记入审计日志，该问题可重新转为整改事项',
        params: idParamsSchema,
        body: rectificationWithdrawSchema,
        response: { 200: z.object({ id: z.number().int(), withdrawn: z.literal(true) }), ...errors, 409: apiErrorSchema },
      },
    },
    async (request) => {
      // 404 for an item outside a regional account's subtree, as every other route of an item.
      await visibleRectification(app.db, currentUser(request), request.params.id);
      await withdrawRectification(app.db, request.params.id, request.body.reason, { actor: actorOf(currentUser(request)), now: app.now() });
      return { id: request.params.id, withdrawn: true as const };
    },
  );

  app.get(
    '/api/rectifications/:id/files/:fileId',
    {
      preHandler: requireLogin,
      schema: {
        tags: TAGS,
        summary: '下载整改证明材料（作为附件下载，不在浏览器中打开）',
        params: rectificationFileParamsSchema,
      },
    },
    async (request, reply) => {
      const file = await evidenceFile(app.db, currentUser(request), request.params.id, request.params.fileId);
      return reply
        .header('content-disposition', attachmentHeader(file.name, `jixiao-evidence-${file.itemId}-${file.id}`))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .type(file.mediaType)
        .send(file.content);
    },
  );
};
