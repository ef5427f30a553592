/**
 * Limits on guessing passwords, counted in failed sign-ins (a successful one costs nothing, so an
 * office behind one address signing in at nine is never locked out by itself):
 *
 * - per address and username: 10 a minute (someone retyping a password);
 * - per address, for any username: 100 in 15 minutes (one machine trying many accounts);
 * - per account, from anywhere: slowed down, never locked (issue 72). Until then 30 failures in 15
 *   minutes from any addresses locked the account for everyone — a stranger could keep any account,
 *   the administrators' included, from signing in with the right password. Now, as the large
 *   identity providers do, an account's failures are counted apart for the places it has signed in
 *   from (in the last 90 days: known places) and the others; past the free ones of a kind, an
 *   attempt from a place of that kind waits a time that doubles with each further failure (1 s, 2 s
 *   … at most a minute) and ends a quarter of an hour after the last failure. A stranger's failures
 *   slow down strangers only: the account's owner signs in from its own place at once.
 *
 * Each limit reached is written in the audit log once (user.signInLimit, by `system`) for the
 * security auditor. A refused attempt is not checked, so it says nothing about the password.
 *
 * The address is the client's as the configured proxies report it (app.ts trustProxy): the
 * address the nearest untrusted hop connected from, which a client cannot forge in
 * X-Forwarded-For (only the trusted proxies' entries are skipped).
 * IPv6 addresses count per /64 (one host has a whole /64 to rotate through). The counters live in
 * this server process (bounded: the oldest are dropped) and go by the app's clock.
 */
import { isIPv6 } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { successfulSignInAddresses } from '../../db/audit.repository';
import { insertAuditEntry } from '../../db/document.repository';
import { AppError } from '../../app/errors';
import { SYSTEM_ACTOR } from '../users/one-time-code';

const MINUTE = 60_000;

export const LOGIN_LIMITS = {
  addressAndUsername: { max: 10, windowMs: MINUTE, rule: '同一地址同一用户名每分钟失败 10 次' },
  address: { max: 100, windowMs: 15 * MINUTE, rule: '同一地址（任何用户名）15 分钟失败 100 次' },
  /** An account's failures from places it has not signed in from: past `free`, each attempt from such a place waits. */
  unknownPlaces: { free: 10, windowMs: 15 * MINUTE, maxDelayMs: MINUTE, rule: '账号在未登录过的地址失败 10 次后，从这些地址登录须等待' },
  /** From the places it has signed in from (a stranger's failures elsewhere never reach these). */
  knownPlaces: { free: 30, windowMs: 15 * MINUTE, maxDelayMs: MINUTE, rule: '账号在登录过的地址失败 30 次后，从这些地址登录须等待' },
  /** A place is known for an account when it signed in from there within so many days. */
  knownPlaceDays: 90,
} as const;

/** Counters kept at most (the oldest dropped first). */
const MAX_COUNTERS = 100_000;

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

const usernameOf = (request: FastifyRequest) => String((request.body as { username?: unknown } | undefined)?.username ?? '').trim();

export interface LoginLimiter {
  /** preHandler: 429 (with Retry-After) when a limit has no attempt left for this address, username and place. */
  check(request: FastifyRequest, reply: { header(name: string, value: string): unknown }): Promise<void>;
  /** Counts a failed sign-in against every limit; `userId`: the account the username named, for the audit log. */
  failed(request: FastifyRequest, userId: number | null): Promise<void>;
}

interface Counter {
  count: number;
  /** The window's start (fixed windows), or the last failure (slow-downs: they end a window after it). */
  since: number;
}

export function createLoginLimiter(app: FastifyInstance): LoginLimiter {
  const counters = new Map<string, Counter>();
  const known = new WeakMap<FastifyRequest, boolean>();

  /** A counter as it stands at `now`: a new one once its window has passed. */
  const read = (key: string, windowMs: number, now: number): Counter => {
    const c = counters.get(key);
    return c === undefined || now - c.since >= windowMs ? { count: 0, since: now } : c;
  };
  const write = (key: string, c: Counter) => {
    counters.delete(key);
    counters.set(key, c);
    if (counters.size > MAX_COUNTERS) counters.delete(counters.keys().next().value!);
  };

  const keys = (request: FastifyRequest) => {
    const address = limitAddress(request.ip);
    const username = usernameOf(request).toLowerCase();
    const place = known.get(request) ? 'knownPlaces' : 'unknownPlaces';
    return { address, username, place, pair: `pair|${address}|${username}`, all: `address|${address}`, slow: `${place}|${username}` } as const;
  };

  /** How long an attempt waits after `c`'s last failure; 0 while failures are free. */
  const delayOf = (c: Counter, limit: { free: number; maxDelayMs: number }) => (c.count < limit.free ? 0 : Math.min(1000 * 2 ** (c.count - limit.free), limit.maxDelayMs));

  const refuse = (reply: { header(name: string, value: string): unknown }, ms: number): never => {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    reply.header('retry-after', String(seconds));
    throw new AppError(429, 'rate-limited', `登录尝试过于频繁，请 ${seconds} 秒后再试`);
  };

  const audit = (request: FastifyRequest, userId: number | null, detail: Record<string, unknown>) =>
    insertAuditEntry(app.db, { at: app.now().toISOString(), actor: SYSTEM_ACTOR, action: 'user.signInLimit', entity: 'user', entityId: userId, detail: { username: usernameOf(request), ...detail } });

  return {
    async check(request, reply) {
      const now = app.now().getTime();
      const username = usernameOf(request);
      const address = limitAddress(request.ip);
      const since = new Date(now - LOGIN_LIMITS.knownPlaceDays * 24 * 60 * MINUTE).toISOString();
      known.set(request, username !== '' && (await successfulSignInAddresses(app.db, username, since)).some((ip) => limitAddress(ip) === address));
      const k = keys(request);
      for (const [key, limit] of [[k.pair, LOGIN_LIMITS.addressAndUsername], [k.all, LOGIN_LIMITS.address]] as const) {
        const c = read(key, limit.windowMs, now);
        if (c.count >= limit.max) refuse(reply, c.since + limit.windowMs - now);
      }
      const slow = LOGIN_LIMITS[k.place];
      const c = read(k.slow, slow.windowMs, now);
      const wait = c.since + delayOf(c, slow) - now;
      if (delayOf(c, slow) > 0 && wait > 0) refuse(reply, wait);
    },
    async failed(request, userId) {
      const now = app.now().getTime();
      const k = keys(request);
      for (const [key, limit] of [[k.pair, LOGIN_LIMITS.addressAndUsername], [k.all, LOGIN_LIMITS.address]] as const) {
        const c = read(key, limit.windowMs, now);
        write(key, { count: c.count + 1, since: c.since });
        if (c.count + 1 === limit.max) {
          await audit(request, key === k.pair ? userId : null, { address: k.address, rule: limit.rule, attempts: limit.max, until: new Date(c.since + limit.windowMs).toISOString() });
        }
      }
      const slow = LOGIN_LIMITS[k.place];
      const c = read(k.slow, slow.windowMs, now);
      const next = { count: c.count + 1, since: now };
      write(k.slow, next);
      if (next.count === slow.free) await audit(request, userId, { rule: slow.rule, attempts: slow.free, until: new Date(now + delayOf(next, slow)).toISOString() });
    },
  };
}
