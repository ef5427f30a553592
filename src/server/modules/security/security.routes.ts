/**
 * /api/security/policy: the password and session policies, the security administrator's (the duty
 * check of app/duties.ts; requireRole('security') here as well).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../../shared/api/errors';
import { securityPolicySchema } from '../../../shared/api/security';
import { currentUser, requireRole } from '../../app/auth';
import { getSecurityPolicy, setSecurityPolicy } from './security-policy.service';

export const securityRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = requireRole('security');

  app.get(
    '/api/security/policy',
    { preHandler: security, schema: { tags: ['security'], summary: '密码和会话策略（安全管理员）', response: { 200: securityPolicySchema } } },
    async () => getSecurityPolicy(app.db),
  );

  app.put(
    '/api/security/policy',
    {
      preHandler: security,
      schema: {
        tags: ['security'],
        summary: '修改密码和会话策略（安全管理员）：密码最短长度和有效期、无操作自动退出、登录最长有效、一次性密码有效期、连续登录失败锁定；缩短的会话时间立即适用于已登录的会话',
        body: securityPolicySchema,
        response: { 200: securityPolicySchema, 400: apiErrorSchema },
      },
    },
    async (request) => setSecurityPolicy(app.db, currentUser(request), request.body, app.now()),
  );
};
