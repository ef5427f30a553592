/**
 * 自评复核 over HTTP (issue 59), for the finance bureau's 绩效科 (reviewers; 403 for others): the 复核 list of a
 * year in the account's region, one table with its findings (404 outside the region), the conclusion (audited),
 * the list as .xlsx, and the upload of submitted 自评表 (multipart `files`, parsed in the worker threads like any
 * upload; a file holding no 自评表 is refused naming it).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import { idParamsSchema } from '../../../shared/api/projects';
import {
  conclusionBodySchema,
  reviewYearQuerySchema,
  selfEvaluationImportResponseSchema,
  selfEvaluationReviewListSchema,
  submittedSelfEvaluationDetailSchema,
  type SelfEvaluationImportResponse,
} from '../../../shared/api/self-evaluation-review';
import { actorOf, currentUser, regionScope, requireRole } from '../../app/auth';
import { validationError } from '../../app/errors';
import { DOCUMENT_UPLOAD, readMultipart } from '../../app/multipart';
import { firstError } from '../../importers/read-document';
import { describeRefusal } from '../imports/import-files';
import { sendXlsx } from '../monitoring/monitoring-access';
import { concludeReview, getForReview, listForReview, listWithDetails, storeSubmittedSelfEvaluations } from './self-evaluation-review.service';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema } as const;
const MESSAGES = { imported: '已导入自评表', replaced: '已导入，替换同一项目此前的自评表（原复核结论清除）', unchanged: '与已导入的自评表相同，未作改动' } as const;

export const selfEvaluationReviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/self-evaluation-reviews',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: ['self-evaluation-review'],
        summary: '自评复核清单：一个年度各单位报送的项目支出绩效自评表，按自评得分与复核计算得分相差大小排序，含已复核比例、大额项目（财政局绩效科）',
        querystring: reviewYearQuerySchema,
        response: { 200: selfEvaluationReviewListSchema, ...errors },
      },
    },
    async (request) => listForReview(app.db, request.query.year, regionScope(currentUser(request))),
  );

  app.get(
    '/api/self-evaluation-reviews.xlsx',
    {
      preHandler: requireRole('reviewer'),
      schema: { tags: ['self-evaluation-review'], summary: '导出自评复核清单（.xlsx：复核清单、问题）', querystring: reviewYearQuerySchema },
    },
    async (request, reply) => {
      const year = request.query.year;
      const { list, details } = await listWithDetails(app.db, year, regionScope(currentUser(request)));
      const { exportReviewList } = await import('../../exporters/self-evaluation-review-xlsx');
      const bytes = await exportReviewList(list, details, `${year}年度自评复核清单`);
      return sendXlsx(reply, bytes, `${year}年度自评复核清单.xlsx`, `jixiao-self-evaluation-review-${year}.xlsx`);
    },
  );

  app.get(
    '/api/self-evaluation-reviews/:id',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: ['self-evaluation-review'],
        summary: '一张自评表的复核：资金与各指标的自评得分和复核计算得分、问题清单、复核结论',
        params: idParamsSchema,
        response: { 200: submittedSelfEvaluationDetailSchema, ...errors },
      },
    },
    async (request) => getForReview(app.db, request.params.id, regionScope(currentUser(request))),
  );

  app.put(
    '/api/self-evaluation-reviews/:id/conclusion',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: ['self-evaluation-review'],
        summary: '填写复核结论（复核无误、调整得分、退回整改；后两者须说明理由，调整得分须给出复核后的得分），记入审计日志',
        params: idParamsSchema,
        body: conclusionBodySchema,
        response: { 200: submittedSelfEvaluationDetailSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return concludeReview(app.db, request.params.id, request.body, regionScope(user), { actor: actorOf(user), now: app.now() });
    },
  );

  app.post(
    '/api/self-evaluation-reviews/import',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: ['self-evaluation-review'],
        summary: '导入单位报送的项目支出绩效自评表：multipart/form-data，字段 files（Word、Excel、PDF、网页、文本），每个文件中的自评表逐张读取、复核并保存',
        consumes: ['multipart/form-data'],
        response: { 200: selfEvaluationImportResponseSchema, 400: apiErrorSchema, 413: apiErrorSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const upload = await readMultipart(request, DOCUMENT_UPLOAD);
      if (upload.files.length === 0) throw validationError([{ path: 'files', message: '请至少选择一个文件' }]);
      const result: SelfEvaluationImportResponse = { files: [] };
      for (const [i, f] of upload.files.entries()) {
        const file = f.filename || `文件${i + 1}`;
        const read = await app.parsePool.read(f.bytes, file, { weigh: false }, undefined, user.id);
        if (!read.ok) {
          result.files.push({ file, status: 'refused', tables: 0, message: read.message });
          continue;
        }
        const withTables = read.docs.filter((d) => (d.selfEvaluations?.length ?? 0) > 0);
        if (withTables.length === 0) {
          result.files.push({ file, status: 'refused', tables: 0, message: `${file}：没有找到项目支出绩效自评表（须有实际完成值、得分等栏目），未导入` });
          continue;
        }
        const error = withTables.map(firstError).find((e) => e !== undefined && e !== null);
        if (error) {
          result.files.push({ file, status: 'refused', tables: 0, message: describeRefusal(withTables[0]!, error) });
          continue;
        }
        for (const doc of withTables) {
          const stored = await storeSubmittedSelfEvaluations(app.db, doc, { actor: actorOf(user), region: regionScope(user), now: app.now() });
          result.files.push({ file, status: stored.status, tables: stored.ids.length, message: MESSAGES[stored.status] });
        }
      }
      return result;
    },
  );
};
