/**
 * /api/auth: the session (who am I, and the CSRF token), login and logout, and a user's own
 * password change.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePasswordBodySchema, loginBodySchema, passwordRulesResponseSchema, sessionResponseSchema } from '../../../shared/api/auth';
import { apiErrorSchema } from '../../../shared/api/errors';
import { insertSignIn } from '../../db/audit.repository';
import { deleteExpiredSessions } from '../../db/user.repository';
import { readSecurityPolicy } from '../../db/security-policy.repository';
import { csrfTokenFor, currentUser, endSession, requireLogin, startSession, toSessionUser } from '../../app/auth';
import { AppError } from '../../app/errors';
import { changeOwnPassword } from '../users/users.service';
import { authenticate, type Authentication } from './auth.service';
import { createLoginLimiter } from './login-limits';

/** What a refused sign-in is told (only the right password learns more than the first). */
function refusal(auth: Exclude<Authentication, { ok: true }>, now: Date): string {
  switch (auth.reason) {
    case 'credentials':
      return '用户名或密码错误';
    case 'demo-password':
      return '演示账号的公开密码只能在演示模式下登录，请联系管理员重置密码';
    case 'locked':
      return `账号因连续登录失败已锁定，请 ${Math.max(1, Math.ceil((Date.parse(auth.lockedUntil) - now.getTime()) / 60_000))} 分钟后再试，或请系统管理员解锁`;
    case 'code-used':
      return '这个一次性密码已经登录过一次，不能再用；如果不是您本人登录的，请立即告知系统管理员和安全审计员';
    case 'code-expired':
      return '一次性密码已过期，请联系系统管理员重新发放';
  }
}

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
        summary:
          '登录。失败次数有限：同一地址同一用户名每分钟 10 次，同一地址（任何用户名）15 分钟 100 次；一个账号失败过多时放慢而不锁定：从未登录过的地址失败 10 次后、从登录过的地址失败 30 次后，同类地址再试须等待（1 秒起每次加倍，至多 1 分钟），他人在别处的失败不影响本人从常用地址登录',
        body: loginBodySchema,
        response: { 200: sessionResponseSchema, 401: apiErrorSchema, 429: apiErrorSchema },
      },
      // After validation, so that the limits can name the username being guessed.
      preHandler: limits.check,
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const now = app.now();
      const auth = await authenticate(app.db, username, password, { demo: app.demo, now, policy: await readSecurityPolicy(app.db) });
      // Every attempt is recorded for the security auditor (GET /api/audit/sign-ins).
      await insertSignIn(app.db, {
        at: now.toISOString(),
        username,
        userId: auth.ok ? auth.user.id : auth.userId,
        success: auth.ok,
        reason: auth.ok ? null : auth.reason,
        ip: request.ip,
        codeId: auth.ok ? auth.codeId : null,
      });
      if (!auth.ok) {
        await limits.failed(request, auth.userId);
        throw new AppError(401, 'unauthenticated', refusal(auth, now));
      }
      await deleteExpiredSessions(app.db, now.toISOString());
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

  app.get(
    '/api/auth/password-policy',
    {
      preHandler: requireLogin,
      schema: { tags: ['auth'], summary: '新密码须满足的要求（安全策略）：最短长度', response: { 200: passwordRulesResponseSchema } },
    },
    async () => ({ minLength: (await readSecurityPolicy(app.db)).passwordMinLength }),
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
