/**
 * Limits on guessing passwords, counted in failed sign-ins (a successful one costs nothing, so an
 * office behind one address signing in at nine is never locked out by itself):
 *
 * - per address and username: 10 a minute (someone retyping a password);
 * - per username, from any address: 30 in 15 minutes (a botnet or rotating proxies on one account);
 * - per address, for any username: 100 in 15 minutes (one machine trying many accounts).
 *
 * The address is the client's as the configured proxies report it (app.ts trustProxy): the
 * address the nearest untrusted hop connected from, which a client cannot forge in
 * X-Forwarded-For (only the trusted proxies' entries are skipped).
 * IPv6 addresses count per /64 (one host has a whole /64 to rotate through). The counters live in
 * @fastify/rate-limit's store of this server process.
 */
import { isIPv6 } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../app/errors';

interface LoginLimit {
  max: number;
  timeWindow: string;
  key: (address: string, username: string) => string;
}

export const LOGIN_LIMITS = {
  addressAndUsername: { max: 10, timeWindow: '1 minute', key: (a, u) => `login|${a}|${u}` },
  username: { max: 30, timeWindow: '15 minutes', key: (_a, u) => `login-user|${u}` },
  address: { max: 100, timeWindow: '15 minutes', key: (a) => `login-address|${a}` },
} as const satisfies Record<string, LoginLimit>;

/** The address a limit counts: an IPv6 address's /64 network, an IPv4 (or IPv4-mapped) address itself. */
export function limitAddress(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
}

const usernameOf = (request: FastifyRequest) => String((request.body as { username?: unknown } | undefined)?.username ?? '').trim().toLowerCase();

export interface LoginLimiter {
  /** preHandler: 429 (with Retry-After) when a limit has no attempt left for this address or username. */
  check(request: FastifyRequest, reply: { header(name: string, value: string): unknown }): Promise<void>;
  /** Counts a failed sign-in against every limit. */
  failed(request: FastifyRequest): Promise<void>;
}

export function createLoginLimiter(app: FastifyInstance): LoginLimiter {
  const limiters = Object.values(LOGIN_LIMITS).map((limit) =>
    app.createRateLimit({
      max: limit.max,
      timeWindow: limit.timeWindow,
      keyGenerator: (request) => limit.key(limitAddress(request.ip), usernameOf(request)),
    }),
  );
  return {
    async check(request, reply) {
      for (const limiter of limiters) {
        const state = await limiter(request, { increment: false });
        if (!state.isAllowed && state.remaining === 0) {
          reply.header('retry-after', String(state.ttlInSeconds));
          throw new AppError(429, 'rate-limited', '登录尝试过于频繁，请稍后再试');
        }
      }
    },
    async failed(request) {
      for (const limiter of limiters) await limiter(request);
    },
  };
}
