/**
 * The year's stages, 催办, a department's tasks and the notifications over HTTP (issue 33;
 * shared/api/stages.ts). The stages and 催办 are the finance bureau's (reviewers); the tasks a
 * department's (editors, supervisors); the notifications every business account's own.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import {
  editStageBodySchema,
  notificationListSchema,
  openStageBodySchema,
  remindBodySchema,
  remindResultSchema,
  stageDetailSchema,
  stageListSchema,
  taskListSchema,
  unreadCountSchema,
} from '../../../shared/api/stages';
import { chinaToday } from '../../../shared/domain/rectification';
import { countUnread, listNotifications, markAllNotificationsRead, markNotificationRead } from '../../db/notification.repository';
import { actorOf, currentUser, requireLogin, requireRole } from '../../app/auth';
import { AppError } from '../../app/errors';
import { editStage, listStagesFor, openStage, remind, stageDetail, sweepOverdue, tasksOf } from './stages.service';

const TAGS = ['stages'];
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const stageRoutes: FastifyPluginAsyncZod = async (app) => {
  const opts = (request: Parameters<typeof currentUser>[0]) => {
    const now = app.now();
    return { actor: actorOf(currentUser(request)), now, today: chinaToday(now) };
  };
  /** Before an account reads its notifications: the deadlines passed for its department (exact, idempotent). */
  const sweepFor = async (user: ReturnType<typeof currentUser>) => {
    if (user.role !== 'editor' && user.role !== 'supervisor') return;
    const now = app.now();
    await sweepOverdue(app.db, chinaToday(now), { now, ...(user.role === 'editor' && user.departmentId !== null ? { departmentId: user.departmentId } : {}) });
  };

  app.get(
    '/api/stages',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: TAGS,
        summary: '工作阶段（财政部门）：适用于本区划单位的年度阶段及截止日期，每个阶段按单位统计已完成、进行中、未开始、逾期',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: stageListSchema, ...errors },
      },
    },
    async (request) => {
      const today = chinaToday(app.now());
      return listStagesFor(app.db, currentUser(request), request.query.year ?? Number(today.slice(0, 4)), today);
    },
  );

  app.post(
    '/api/stages',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: TAGS,
        summary: '开启工作阶段（财政部门）：本级或下级区划、年度、类型（目标申报、绩效监控及其时点、绩效自评、整改）、开始与截止日期；适用于该区划及其下级区划的单位',
        body: openStageBodySchema,
        response: { 200: stageDetailSchema, ...errors },
      },
    },
    async (request) => openStage(app.db, currentUser(request), request.body, opts(request)),
  );

  app.get(
    '/api/stages/:id',
    {
      preHandler: requireRole('reviewer'),
      schema: { tags: TAGS, summary: '工作阶段的单位进度表（财政部门）：每个单位的状态、完成数、剩余或逾期天数、最近催办时间', params: idParams, response: { 200: stageDetailSchema, ...errors } },
    },
    async (request) => stageDetail(app.db, currentUser(request), request.params.id, chinaToday(app.now())),
  );

  app.patch(
    '/api/stages/:id',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: TAGS,
        summary: '修改工作阶段（开启它的财政部门或其上级）：名称、开始与截止日期；closed 为 true 关闭阶段，false 重新开启',
        params: idParams,
        body: editStageBodySchema,
        response: { 200: stageDetailSchema, ...errors },
      },
    },
    async (request) => editStage(app.db, currentUser(request), request.params.id, request.body, opts(request)),
  );

  app.post(
    '/api/stages/:id/remind',
    {
      preHandler: requireRole('reviewer'),
      schema: {
        tags: TAGS,
        summary: '催办（财政部门）：提醒一个单位，或全部逾期未完成的单位；通知送达单位的填报账号及其主管部门的审核账号，并记入审计日志',
        params: idParams,
        body: remindBodySchema,
        response: { 200: remindResultSchema, ...errors },
      },
    },
    async (request) => remind(app.db, currentUser(request), request.params.id, request.body, opts(request)),
  );

  app.get(
    '/api/tasks',
    {
      preHandler: requireRole('editor', 'supervisor'),
      schema: { tags: TAGS, summary: '本单位的待办阶段：适用于本单位的已开启阶段、本单位的完成情况、剩余或逾期天数', response: { 200: taskListSchema, ...errors } },
    },
    async (request) => {
      const now = app.now();
      return tasksOf(app.db, currentUser(request), chinaToday(now), now);
    },
  );

  app.get(
    '/api/notifications',
    {
      preHandler: requireLogin,
      schema: {
        tags: TAGS,
        summary: '本人的通知（催办、逾期提醒），新的在前；只含本账号的通知',
        querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: notificationListSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      await sweepFor(user);
      const { page, pageSize } = request.query;
      const { items, total } = await listNotifications(app.db, user.id, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items, total, unread: await countUnread(app.db, user.id) };
    },
  );

  app.get(
    '/api/notifications/unread-count',
    { preHandler: requireLogin, schema: { tags: TAGS, summary: '本人未读通知数（铃铛）', response: { 200: unreadCountSchema, ...errors } } },
    async (request) => {
      const user = currentUser(request);
      await sweepFor(user);
      return { unread: await countUnread(app.db, user.id) };
    },
  );

  app.post(
    '/api/notifications/:id/read',
    { preHandler: requireLogin, schema: { tags: TAGS, summary: '将本人的一条通知标为已读', params: idParams, response: { 200: unreadCountSchema, ...errors } } },
    async (request) => {
      const user = currentUser(request);
      if (!(await markNotificationRead(app.db, user.id, request.params.id, app.now().toISOString()))) throw new AppError(404, 'not-found', '未找到该通知');
      return { unread: await countUnread(app.db, user.id) };
    },
  );

  app.post(
    '/api/notifications/read-all',
    { preHandler: requireLogin, schema: { tags: TAGS, summary: '将本人的全部通知标为已读', response: { 200: unreadCountSchema, ...errors } } },
    async (request) => {
      const user = currentUser(request);
      await markAllNotificationsRead(app.db, user.id, app.now().toISOString());
      return { unread: 0 };
    },
  );
};
