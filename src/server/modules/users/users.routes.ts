/**
 * /api/users: accounts (三员分立, issue 57). The system administrator creates accounts (no role, a
 * one-time code), renames, disables and unlocks them and gives a one-time code for a forgotten
 * password; the security administrator assigns roles (授权) and changes the security auditor's
 * account. The duty check (app/duties.ts) lets each route's administrators through; which account
 * each may change, the service decides (shared/domain/duties.ts accountActionRefusal).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accountDepartmentsResponseSchema,
  assignRoleBodySchema,
  createUserBodySchema,
  oneTimeCodeResponseSchema,
  updateUserBodySchema,
  userAccountSchema,
  userIdParamsSchema,
  userListResponseSchema,
} from '../../../shared/api/auth';
import { apiErrorSchema } from '../../../shared/api/errors';
import { currentUser, requireRole } from '../../app/auth';
import { listDepartments } from '../../db/user.repository';
import { assignRole, changeAccount, listAccounts, openAccount, resetWithCode, unlockAccount } from './users.service';

const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema } as const;

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const administrators = requireRole('admin', 'security');
  const system = requireRole('admin');
  const security = requireRole('security');

  app.get(
    '/api/users',
    { preHandler: administrators, schema: { tags: ['users'], summary: '全部账号（系统管理员、安全管理员）', response: { 200: userListResponseSchema } } },
    async () => listAccounts(app.db),
  );

  app.get(
    '/api/users/departments',
    {
      preHandler: security,
      schema: { tags: ['users'], summary: '账号可归属的单位：编码和名称（安全管理员授权时选择）', response: { 200: accountDepartmentsResponseSchema } },
    },
    async () => ({ items: await listDepartments(app.db) }),
  );

  app.post(
    '/api/users',
    {
      preHandler: system,
      schema: {
        tags: ['users'],
        summary: '新建账号（系统管理员）：用户名和姓名，不带角色（由安全管理员授权）；答复中的一次性密码只显示这一次，用户首次登录时须改为自己的密码',
        body: createUserBodySchema,
        response: { 200: oneTimeCodeResponseSchema, ...errors },
      },
    },
    async (request) => openAccount(app.db, currentUser(request), request.body, app.now()),
  );

  app.patch(
    '/api/users/:id',
    {
      preHandler: administrators,
      schema: {
        tags: ['users'],
        summary: '修改账号的姓名、停用或启用（系统管理员；安全审计员的账号由安全管理员修改，其停用须安全管理员申请、系统管理员同意）；停用的账号立即退出登录',
        params: userIdParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userAccountSchema, ...errors },
      },
    },
    async (request) => changeAccount(app.db, currentUser(request), request.params.id, request.body, app.now(), (message) => request.log.warn(message)),
  );

  app.put(
    '/api/users/:id/role',
    {
      preHandler: security,
      schema: {
        tags: ['users'],
        summary: '分配角色（安全管理员授权）：业务角色及其单位、区划或业务科室，或收回角色；不能改自己的角色，不能改管理员账号的角色',
        params: userIdParamsSchema,
        body: assignRoleBodySchema,
        response: { 200: userAccountSchema, ...errors },
      },
    },
    async (request) => assignRole(app.db, currentUser(request), request.params.id, request.body, app.now()),
  );

  app.post(
    '/api/users/:id/one-time-code',
    {
      preHandler: administrators,
      schema: {
        tags: ['users'],
        summary: '发放一次性密码（忘记密码时，系统管理员）：账号的会话全部结束、锁定解除；一次性密码只显示这一次，只能登录一次，登录后须改为自己的密码',
        params: userIdParamsSchema,
        response: { 200: oneTimeCodeResponseSchema, ...errors },
      },
    },
    async (request) => resetWithCode(app.db, currentUser(request), request.params.id, app.now()),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      preHandler: administrators,
      schema: {
        tags: ['users'],
        summary: '解除连续登录失败造成的锁定（系统管理员；安全审计员的账号由安全管理员解锁）',
        params: userIdParamsSchema,
        response: { 200: userAccountSchema, ...errors },
      },
    },
    async (request) => unlockAccount(app.db, currentUser(request), request.params.id, app.now()),
  );
};
