/**
 * /api/users: account administration, the system administrator's only (the duty check of
 * app/duties.ts; requireRole('admin') here as well).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accountDepartmentsResponseSchema,
  createUserBodySchema,
  updateUserBodySchema,
  userAccountSchema,
  userIdParamsSchema,
  userListResponseSchema,
} from '../../../shared/api/auth';
import { currentUser, requireRole } from '../../app/auth';
import { listDepartments } from '../../db/user.repository';
import { createAccount, listAccounts, updateAccount } from './users.service';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const adminOnly = requireRole('admin');

  app.get(
    '/api/users',
    { preHandler: adminOnly, schema: { tags: ['users'], summary: '全部账号（系统管理员）', response: { 200: userListResponseSchema } } },
    async () => listAccounts(app.db),
  );

  app.get(
    '/api/users/departments',
    {
      preHandler: adminOnly,
      schema: { tags: ['users'], summary: '编辑账号可归属的单位：编码和名称（系统管理员）', response: { 200: accountDepartmentsResponseSchema } },
    },
    async () => ({ items: await listDepartments(app.db) }),
  );

  app.post(
    '/api/users',
    {
      preHandler: adminOnly,
      schema: { tags: ['users'], summary: '新建账号（系统管理员）：用户须在首次登录时修改密码', body: createUserBodySchema, response: { 200: userAccountSchema } },
    },
    async (request) => createAccount(app.db, currentUser(request), request.body, app.now(), { demo: app.demo }),
  );

  app.patch(
    '/api/users/:id',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['users'],
        summary: '修改账号：姓名、密码（重置后用户须在下次登录时修改，其会话全部结束）、角色、单位、停用（系统管理员）',
        params: userIdParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userAccountSchema },
      },
    },
    async (request) =>
      updateAccount(app.db, currentUser(request), request.params.id, request.body, app.now(), { demo: app.demo, keepSession: request.authSession?.tokenHash }),
  );
};
