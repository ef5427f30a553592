/**
 * /api/auth: the session (who am I, and the CSRF token), login and logout, and a user's own
 * password change.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePasswordBodySchema, loginBodySchema, sessionResponseSchema } from '../../../shared/api/auth';
import { apiErrorSchema } from '../../../shared/api/errors';
import { insertSignIn } from '../../db/audit.repository';
import { deleteExpiredSessions } from '../../db/user.repository';
import { csrfTokenFor, currentUser, endSession, oldestLiveSession, requireLogin, startSession, toSessionUser } from '../../app/auth';
import { AppError } from '../../app/errors';
import { changeOwnPassword } from '../users/users.service';
import { authenticate } from './auth.service';
import { createLoginLimiter } from './login-limits';

/** Attempts at one's current password (POST /api/auth/password) allowed per account in PASSWORD_WINDOW. */
export const PASSWORD_ATTEMPTS = 10;
export const PASSWORD_WINDOW = '1 minute';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const limits = createLoginLimiter(app);

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: '当前会话：登录用户（未登录为 null）和 CSRF 令牌',
        response: { 200: sessionResponseSchema },
      },
    },
    async (request, reply) => ({ user: request.user, csrfToken: csrfTokenFor(request, reply) }),
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录。失败次数有限：同一地址同一用户名每分钟 10 次，同一用户名（任何地址）15 分钟 30 次，同一地址（任何用户名）15 分钟 100 次',
        body: loginBodySchema,
        response: { 200: sessionResponseSchema, 401: apiErrorSchema, 429: apiErrorSchema },
      },
      // After validation, so that the limits can name the username being guessed.
      preHandler: limits.check,
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const auth = await authenticate(app.db, username, password, { demo: app.demo });
      // Every attempt is recorded for the security auditor (GET /api/audit/sign-ins).
      await insertSignIn(app.db, {
        at: app.now().toISOString(),
        username,
        userId: auth.ok ? auth.user.id : auth.userId,
        success: auth.ok,
        reason: auth.ok ? null : auth.reason,
        ip: request.ip,
      });
      if (!auth.ok) {
        await limits.failed(request);
        throw new AppError(
          401,
          'unauthenticated',
          auth.reason === 'demo-password' ? '演示账号的公开密码只能在演示模式下登录，请联系管理员重置密码' : '用户名或密码错误',
        );
      }
      const now = app.now();
      await deleteExpiredSessions(app.db, now.toISOString(), oldestLiveSession(now));
      const csrfToken = await startSession(request, reply, auth.user);
      return { user: request.user, csrfToken };
    },
  );

  app.post(
    '/api/auth/password',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['auth'],
        summary: '修改自己的密码（须提供当前密码）；结束本账号的其他会话',
        body: changePasswordBodySchema,
        response: { 200: sessionResponseSchema, 400: apiErrorSchema, 401: apiErrorSchema, 429: apiErrorSchema },
      },
      config: {
        rateLimit: {
          max: PASSWORD_ATTEMPTS,
          timeWindow: PASSWORD_WINDOW,
          // The current password is guessed per account, whatever the address.
          keyGenerator: (request) => `password|${request.user?.id ?? request.ip}`,
          hook: 'preHandler',
          errorResponseBuilder: () => new AppError(429, 'rate-limited', '尝试过于频繁，请稍后再试'),
        },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const account = await changeOwnPassword(app.db, user, request.authSession!.tokenHash, request.body, app.now(), { demo: app.demo });
      request.user = toSessionUser(account);
      return { user: request.user, csrfToken: csrfTokenFor(request, reply) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: '退出登录',
        response: { 200: sessionResponseSchema },
      },
    },
    async (request, reply) => ({ user: null, csrfToken: await endSession(request, reply) }),
  );
};
