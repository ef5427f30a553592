/**
 * /api/auth: the session (who am I, and the CSRF token), login and logout.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loginBodySchema, sessionResponseSchema } from '../../../shared/api/auth';
import { apiErrorSchema } from '../../../shared/api/errors';
import { deleteExpiredSessions } from '../../db/user.repository';
import { csrfTokenFor, endSession, startSession } from '../../app/auth';
import { AppError } from '../../app/errors';
import { authenticate } from './auth.service';

/** Login attempts allowed per IP and username in LOGIN_WINDOW. */
export const LOGIN_ATTEMPTS = 10;
export const LOGIN_WINDOW = '1 minute';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
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
        summary: '登录（每个 IP 和用户名每分钟最多 10 次）',
        body: loginBodySchema,
        response: { 200: sessionResponseSchema, 401: apiErrorSchema, 429: apiErrorSchema },
      },
      config: {
        rateLimit: {
          max: LOGIN_ATTEMPTS,
          timeWindow: LOGIN_WINDOW,
          // After validation, so the key can name the username being guessed.
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
          errorResponseBuilder: () => new AppError(429, 'rate-limited', '登录尝试过于频繁，请稍后再试'),
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const user = await authenticate(app.db, username, password);
      if (!user) throw new AppError(401, 'unauthenticated', '用户名或密码错误');
      await deleteExpiredSessions(app.db, app.now().toISOString());
      const csrfToken = await startSession(request, reply, user);
      return { user: request.user, csrfToken };
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
