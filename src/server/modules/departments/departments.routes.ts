/**
 * /api/departments: summaries, one department, exports. Login required; an editor sees only
 * their own department (others are 404, the list holds only theirs).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { departmentDetailSchema, departmentExportQuerySchema, departmentListResponseSchema, yearQuerySchema } from '../../../shared/api/departments';
import { apiErrorSchema } from '../../../shared/api/errors';
import { idParamsSchema } from '../../../shared/api/projects';
import { assertDepartmentAccess, currentUser, requireLogin } from '../../app/auth';
import { sendKept } from '../../app/kept-answers';
import { plainJsonSerializer } from '../../app/serializers';
import { attachmentHeader } from '../../app/download';
import { exportDepartment, getDepartmentDetail, listDepartmentsFor } from './departments.service';

export const departmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/departments',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['departments'],
        summary: '单位列表：每个单位每个年度（现行文档）一行，含项目数、预算合计、各状态数量、平均质量得分',
        querystring: yearQuerySchema,
        response: { 200: departmentListResponseSchema },
      },
    },
    async (request) => listDepartmentsFor(app.db, currentUser(request), request.query),
  );

  app.get(
    '/api/departments/:id',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['departments'],
        summary: '一个单位一个年度（默认最近年度）：部门整体绩效目标、项目及合计、文档层面的审核问题、部门得分',
        params: idParamsSchema,
        querystring: yearQuerySchema,
        response: { 200: departmentDetailSchema, 404: apiErrorSchema },
      },
      // Read for thousands of departments in turn: its 25 kB answer is not re-validated by zod
      // on every request (app/serializers.ts; the tests check the service against the schema).
      serializerCompiler: plainJsonSerializer,
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { id } = request.params;
      const { year } = request.query;
      // The page is the same for everyone who may see it: checked here, then kept until the data changes (app/kept-answers.ts).
      assertDepartmentAccess(user, id);
      return sendKept(reply, `${id} ${year ?? 'latest'}`, () => getDepartmentDetail(app.db, user, id, year));
    },
  );

  app.get(
    '/api/departments/:id/export',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['departments'],
        summary: '导出单位文档：docx（正式版式）、xlsx（含审核问题）、pdf（由 LibreOffice 转换）',
        params: idParamsSchema,
        querystring: departmentExportQuerySchema,
      },
    },
    async (request, reply) => {
      // a PDF export whose asker has gone is not finished for nobody: its LibreOffice is killed (issue 72)
      const gone = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) gone.abort();
      };
      reply.raw.once('close', onClose);
      let file;
      try {
        file = await exportDepartment(app.db, currentUser(request), request.params.id, request.query.year, request.query.format, gone.signal);
      } finally {
        reply.raw.off('close', onClose);
      }
      return reply.header('content-disposition', attachmentHeader(file.fileName, file.asciiFileName)).type(file.contentType).send(file.bytes);
    },
  );
};
