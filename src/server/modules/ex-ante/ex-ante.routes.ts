/**
 * 事前绩效评估 over HTTP: a project's assessment (with whether the project needs one), creating it
 * (pre-filled), saving, the workflow actions, the .docx report, and the list of a year.
 *
 * Access: login required; an editor sees only its own department's projects (404 otherwise, as
 * everywhere), writes and submits them; reviewers see all, return (with a reason) or approve;
 * the system administrator neither (三员分立). The service checks roles and statuses (403 / 409) and input (400).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionUser } from '../../../shared/api/auth';
import { apiErrorSchema } from '../../../shared/api/errors';
import {
  exAnteActionBodySchema,
  exAnteListQuerySchema,
  exAnteListSchema,
  exAnteOfProjectsQuerySchema,
  exAnteOfProjectsSchema,
  exAnteSaveBodySchema,
  exAnteViewSchema,
} from '../../../shared/api/ex-ante';
import { idParamsSchema } from '../../../shared/api/projects';
import { assertDepartmentAccess, currentUser, requireLogin, scopeDepartmentIds } from '../../app/auth';
import { AppError } from '../../app/errors';
import { attachmentHeader } from '../../app/download';
import { visibleProject } from '../projects/project-guards';
import { actOnExAnte, createExAnte, exAnteActorOf, exAnteOfProjects, getExAnte, listExAnte, saveExAnte } from './ex-ante.service';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema } as const;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const exAnteRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The signed-in user, once the project is known to be one it may see (404 otherwise). */
  const seeing = async (request: FastifyRequest, projectId: number): Promise<SessionUser> => {
    const user = currentUser(request);
    await visibleProject(app.db, user, projectId);
    return user;
  };

  app.get(
    '/api/projects/:id/ex-ante',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['ex-ante'],
        summary: '项目的事前绩效评估：是否需要评估（新增项目或预算变动较大）、评估表（各维度、评估要点、分值、得分、理由、总分与结论；未填写时为 null）、当前用户可进行的操作',
        params: idParamsSchema,
        response: { 200: exAnteViewSchema, ...errors },
      },
    },
    async (request) => getExAnte(app.db, request.params.id, await seeing(request, request.params.id)),
  );

  app.post(
    '/api/projects/:id/ex-ante',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['ex-ante'],
        summary: '新建事前绩效评估（草稿，本单位填报人或管理员）：“绩效目标合理性”按审核发现的问题预填建议得分和理由，可修改。已有评估时 409',
        params: idParamsSchema,
        response: { 200: exAnteViewSchema, ...errors },
      },
    },
    async (request) => createExAnte(app.db, request.params.id, exAnteActorOf(await seeing(request, request.params.id)), app.now()),
  );

  app.put(
    '/api/projects/:id/ex-ante',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['ex-ante'],
        summary: '保存事前绩效评估（草稿或退回状态，本单位填报人或管理员）：各评估要点得分（0.5 分为单位）与理由、评估结论及理由。version 为所见版本；数据有误时 400 并逐项列出',
        params: idParamsSchema,
        body: exAnteSaveBodySchema,
        response: { 200: exAnteViewSchema, ...errors },
      },
    },
    async (request) => saveExAnte(app.db, request.params.id, request.body, exAnteActorOf(await seeing(request, request.params.id)), app.now()),
  );

  app.post(
    '/api/projects/:id/ex-ante/actions',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['ex-ante'],
        summary: '事前绩效评估流转：submit 提交（本单位填报人或管理员；须评分完整、扣分和结论均有理由）；return 退回（审核人员或管理员，须填写理由）；approve 审核通过',
        params: idParamsSchema,
        body: exAnteActionBodySchema,
        response: { 200: exAnteViewSchema, ...errors },
      },
    },
    async (request) => actOnExAnte(app.db, request.params.id, request.body, exAnteActorOf(await seeing(request, request.params.id)), app.now()),
  );

  app.get(
    '/api/projects/:id/ex-ante.docx',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['ex-ante'],
        summary: '导出事前绩效评估报告（.docx）：项目基本情况、各维度评估要点得分及理由、总分、评估结论及理由、审核情况',
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      await seeing(request, request.params.id);
      const view = await getExAnte(app.db, request.params.id, null);
      if (view.assessment === null) throw new AppError(404, 'not-found', `项目“${view.project.name}”尚无事前绩效评估`);
      const bytes = await (await import('./ex-ante-docx')).exportExAnteDocx(view);
      return reply
        .header('content-disposition', attachmentHeader(`${view.project.name}事前绩效评估报告.docx`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_'), `jixiao-ex-ante-${view.project.code ?? view.project.id}.docx`))
        .type(DOCX_TYPE)
        .send(bytes);
    },
  );

  app.get(
    '/api/ex-ante',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['ex-ante'],
        summary: '一个年度的事前绩效评估：按状态计数、评估列表（可按状态、单位筛选）、需要评估但尚未填写的项目。填报人只看到本单位；不给年度时为最近的年度',
        querystring: exAnteListQuerySchema,
        response: { 200: exAnteListSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { year, status, departmentId } = request.query;
      if (departmentId !== undefined) assertDepartmentAccess(user, departmentId);
      return listExAnte(app.db, { year, status, departmentId: departmentId ?? scopeDepartmentIds(user) });
    },
  );

  app.get(
    '/api/ex-ante/projects',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['ex-ante'],
        summary: '列表页的项目是否需要事前绩效评估（新增项目或预算变动较大）及评估状态、结论；ids 为逗号分隔的项目编号（最多 100 个），无权查看的项目不列出',
        querystring: exAnteOfProjectsQuerySchema,
        response: { 200: exAnteOfProjectsSchema, ...errors },
      },
    },
    async (request) => exAnteOfProjects(app.db, request.query.ids, scopeDepartmentIds(currentUser(request))),
  );
};
