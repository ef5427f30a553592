/**
 * Who is asking, and may they: sessions, CSRF and the access checks every route uses.
 *
 * Sessions: the cookie `jixiao_session` holds a random 32-byte token (base64url); the session
 * table holds only its sha256, the user and the session's CSRF token. It ends after the policy's
 * idle timeout without use (12 hours unless the security administrator set another; sliding: a
 * request moves the expiry, at most once every 5 minutes, so reads do not write on every request)
 * and at its absolute end (24 hours after sign-in unless the policy says less), whatever the use.
 * Logout deletes the row; login replaces any session it finds; a password change or a new one-time
 * code deletes the user's other sessions. A user signed in with a one-time code, or whose password
 * outlived the policy, may do nothing but change it.
 *
 * CSRF, written here rather than with @fastify/csrf-protection: that plugin derives a fresh token
 * per request from a secret kept in a cookie or a session plugin, while this API wants one stable
 * synchronizer token per session, stored in our own session table and handed out once by
 * GET /api/auth/session. The check is a constant-time comparison of the `x-csrf-token` header
 * with (signed in) the session's token or (anonymous: only the login form) the value of the
 * signed, HttpOnly double-submit cookie `jixiao_csrf`. SameSite=Lax cookies already stop most
 * cross-site posts; the token also stops same-site ones and old browsers.
 */
import { storageFailure } from '../db/storage-errors';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser, UserRole } from '../../shared/api/auth';
import type { Db } from '../db/schema';
import type { AuditActor } from '../db/document.repository';
import { deleteSession, extendSession, findLiveSession, insertSession, type StoredUser } from '../db/user.repository';
import { readSecurityPolicy } from '../db/security-policy.repository';
import { DEFAULT_SECURITY_POLICY, passwordExpired, policyTimes } from '../../shared/domain/security-policy';
import { assertDuty } from './duties';
import { departmentRegionsWithin } from '../db/region.repository';
import { cachedAggregate } from '../modules/cache/aggregate-cache';
import { supervisedDepartmentIds } from '../db/review-levels.repository';
import { sectionDepartmentIds } from '../db/section.repository';
import { belongsToDepartment, belongsToSection, isBusinessRole, reviewsOneLevel } from '../../shared/domain/duties';
import { AppError } from './errors';

export const SESSION_COOKIE = 'jixiao_session';
export const CSRF_COOKIE = 'jixiao_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Idle timeout unless the policy says otherwise: a session unused this long has ended. */
export const SESSION_TTL_MS = policyTimes(DEFAULT_SECURITY_POLICY).idleMs;
/** Absolute lifetime unless the policy says otherwise: a session this old has ended, however much it is used. */
export const SESSION_MAX_AGE_MS = policyTimes(DEFAULT_SECURITY_POLICY).maxAgeMs;
/** A session is extended when it is older than this since its last extension. */
const SLIDE_EVERY_MS = 5 * 60 * 1000;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in session of a request (token hash and CSRF token); null when anonymous. */
export interface ActiveSession {
  tokenHash: string;
  csrfToken: string;
  /** When it began (its sign-in). */
  createdAt: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The database every route module uses. */
    db: Db;
    /** The clock (tests move it). */
    now: () => Date;
    /** How session cookies are set. */
    sessionOptions: SessionOptions;
    /** Demo mode (serve --demo): the demo accounts' published password signs in. */
    demo: boolean;
  }
  interface FastifyRequest {
    /** The signed-in user; null when anonymous (or outside /api). */
    user: SessionUser | null;
    authSession: ActiveSession | null;
    /** The data version read with the session (null when anonymous): what kept values are checked against (modules/cache). */
    dataVersion: number | null;
  }
}

/** sha256 of a token, hex: what the session table stores. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh random token: 32 bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A signed-in user as the audit log records them: the account and the display name of the moment. */
export function actorOf(user: SessionUser): AuditActor {
  return { userId: user.id, username: user.username, displayName: user.displayName };
}

/**
 * The user as the API shows them. `expired`: the password has outlived the policy's lifetime, so it
 * must be changed as a one-time code must.
 */
export function toSessionUser(
  user: Omit<StoredUser, 'regionCode' | 'regionName' | 'sectionId' | 'sectionName' | 'passwordChangedAt' | 'lockedUntil'> & { regionCode?: string | null; regionName?: string | null; sectionId?: number | null; sectionName?: string | null },
  expired = false,
): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    departmentId: user.departmentId,
    departmentName: user.departmentName,
    mustChangePassword: user.mustChangePassword || expired,
    ...(expired && !user.mustChangePassword ? { passwordExpired: true } : {}),
    regionCode: user.regionCode ?? null,
    regionName: user.regionName ?? null,
    sectionId: user.sectionId ?? null,
    sectionName: user.sectionName ?? null,
  };
}

/** Routes a user who must change their password may still use: the session, leaving, changing it (and its rules); the public pages and the API documentation. */
function allowedBeforePasswordChange(route: string): boolean {
  return ['/api/auth/session', '/api/auth/login', '/api/auth/logout', '/api/auth/password', '/api/auth/password-policy'].includes(route) || route.startsWith('/api/public') || route.startsWith('/api/docs');
}

/** Why a user must change the password first (the 403's message). */
function passwordChangeMessage(user: SessionUser): string {
  return user.passwordExpired ? '您的密码已超过有效期，请先修改密码' : '您正在使用管理员发放的一次性密码，请先设置只有您知道的新密码';
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SessionOptions {
  /** Secure cookies: true/false, or undefined to follow the request's protocol (https → Secure). */
  secureCookies: boolean | undefined;
}

function cookieOptions(request: FastifyRequest, opts: SessionOptions, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: opts.secureCookies ?? request.protocol === 'https',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/**
 * Installs the per-request session lookup and the CSRF check on the root instance (not as an
 * encapsulated plugin: every route module must see `request.user`). Only /api requests look up
 * the session; static files do not touch the database.
 */
export function installSessions(app: FastifyInstance, opts: SessionOptions): void {
  app.decorate('sessionOptions', opts);
  app.decorateRequest('user', null);
  app.decorateRequest('authSession', null);
  app.decorateRequest('dataVersion', null);
  runAccessChecksFirst(app);
  app.addHook('onRequest', async (request, reply) => {
    // By the matched route too: the router decodes the path, so /%61pi/… reaches /api/… routes.
    const api = isApi(request.url) || isApi(request.routeOptions.url ?? '');
    const token = api ? request.cookies[SESSION_COOKIE] : undefined;
    if (token) {
      await readSession(request, reply);
      if (request.user) await loadRegionAccess(app.db, request.user, request.dataVersion ?? undefined);
    }
    // Every state-changing request, whatever its path: only the API has any, and a stray one
    // is refused rather than let through.
    if (STATE_CHANGING.has(request.method) && !csrfTokenMatches(request)) {
      // A session that ended (expired, signed out elsewhere) explains the mismatch better as 401.
      if (token && !request.authSession) {
        reply.clearCookie(SESSION_COOKIE, cookieOptions(request, opts));
        throw new AppError(401, 'unauthenticated', '登录已过期，请重新登录');
      }
      throw new AppError(403, 'csrf', '请求已失效（安全令牌不匹配），请刷新页面后重试');
    }
    if (api && request.user?.mustChangePassword && !allowedBeforePasswordChange(request.routeOptions.url ?? '')) {
      throw new AppError(403, 'password-change-required', passwordChangeMessage(request.user));
    }
    // Separated duties (三员分立): before the route's own checks, validation and body.
    if (api) assertDuty(request);
  });
}

/**
 * The signed-in user of the request's session cookie, if its session is live: request.user and
 * request.authSession. The session slides with use. The /api requests look it up in the session
 * hook (and then their region access); the web app's page (spa-shell.ts) for the user it names in
 * its boot data, which needs no region access.
 */
export async function readSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const app = request.server;
  const now = app.now();
  const session = await findLiveSession(app.db, hashToken(token), now.toISOString());
  if (!session) return;
  const expired = passwordExpired({ ...DEFAULT_SECURITY_POLICY, ...session.policy }, session.user.passwordChangedAt ?? session.user.createdAt, now);
  request.user = toSessionUser(session.user, expired);
  request.authSession = { tokenHash: session.tokenHash, csrfToken: session.csrfToken, createdAt: session.createdAt };
  request.dataVersion = session.dataVersion;
  // Slides with use (by the policy's idle timeout), never past the absolute end.
  const extended = Math.min(now.getTime() + session.policy.sessionIdleMinutes * 60_000, Date.parse(session.endsAt));
  if (extended - Date.parse(session.expiresAt) >= SLIDE_EVERY_MS) {
    try {
      await extendSession(app.db, session.tokenHash, new Date(extended).toISOString());
    } catch (error) {
      // a database that stores nothing (disk full, read-only: issue 72) still answers what it can read; the session
      // just does not slide
      const failure = storageFailure(error);
      if (failure === null) throw error;
      request.log.warn({ cause: failure.cause }, 'session not extended: the database stores nothing');
      return;
    }
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, app.sessionOptions, Math.floor((extended - now.getTime()) / 1000)));
  }
}

function csrfTokenMatches(request: FastifyRequest): boolean {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent === '') return false;
  if (request.authSession) return sameToken(sent, request.authSession.csrfToken);
  const anonymous = readAnonymousToken(request);
  return anonymous !== null && sameToken(sent, anonymous);
}

function readAnonymousToken(request: FastifyRequest): string | null {
  const cookie = request.cookies[CSRF_COOKIE];
  if (!cookie) return null;
  const unsigned = request.unsignCookie(cookie);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/**
 * The CSRF token this request's client must echo: the session's when signed in, else the
 * anonymous one (issuing the signed cookie when the client has none yet).
 */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  if (request.authSession) return request.authSession.csrfToken;
  const existing = readAnonymousToken(request);
  if (existing) return existing;
  return issueAnonymousToken(request, reply);
}

function issueAnonymousToken(request: FastifyRequest, reply: FastifyReply): string {
  const token = newToken();
  reply.setCookie(CSRF_COOKIE, token, { ...cookieOptions(request, request.server.sessionOptions), signed: true });
  return token;
}

/**
 * Signs `user` in: removes the request's old session (a login never reuses a session id), creates
 * a new one with a new CSRF token, sets the cookie. Returns the new CSRF token.
 */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  user: StoredUser,
): Promise<string> {
  const db = request.server.db;
  const now = request.server.now();
  if (request.authSession) await deleteSession(db, request.authSession.tokenHash);
  const policy = await readSecurityPolicy(db);
  const { idleMs, maxAgeMs } = policyTimes(policy);
  const token = newToken();
  const csrfToken = newToken();
  await insertSession(db, {
    tokenHash: hashToken(token),
    userId: user.id,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + Math.min(idleMs, maxAgeMs)).toISOString(),
    endsAt: new Date(now.getTime() + maxAgeMs).toISOString(),
  });
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, request.server.sessionOptions, Math.min(idleMs, maxAgeMs) / 1000));
  request.user = toSessionUser(user, passwordExpired(policy, user.passwordChangedAt ?? user.createdAt, now));
  await loadRegionAccess(db, request.user);
  request.authSession = { tokenHash: hashToken(token), csrfToken, createdAt: now.toISOString() };
  return csrfToken;
}

/** Signs out: deletes the session, clears the cookie, and returns a fresh anonymous CSRF token. */
export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<string> {
  if (request.authSession) await deleteSession(request.server.db, request.authSession.tokenHash);
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request, request.server.sessionOptions));
  request.user = null;
  request.authSession = null;
  return issueAnonymousToken(request, reply);
}

// ---------------------------------------------------------------------------------------------
// Access checks

type AccessCheck = (request: FastifyRequest) => Promise<void>;

/** The access checks below: routes name them as `preHandler`, and runAccessChecksFirst moves them. */
const ACCESS_CHECKS = new WeakSet<AccessCheck>();

function accessCheck(check: AccessCheck): AccessCheck {
  ACCESS_CHECKS.add(check);
  return check;
}

/** Access check (a route's preHandler, run at onRequest): 401 unless signed in. */
export const requireLogin: AccessCheck = accessCheck(async (request) => {
  if (!request.user) throw new AppError(401, 'unauthenticated', '请先登录');
});

/** Access check factory (a route's preHandler, run at onRequest): 401 unless signed in, 403 unless the user has one of `roles`. */
export function requireRole(...roles: UserRole[]): AccessCheck {
  return accessCheck(async (request) => {
    if (!request.user) throw new AppError(401, 'unauthenticated', '请先登录');
    if (!roles.includes(request.user.role)) throw new AppError(403, 'forbidden', '没有权限进行此操作');
  });
}

type Hooks = unknown[] | unknown | undefined;
const asList = (hooks: Hooks): unknown[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/**
 * Runs every route's access checks (requireLogin, requireRole) as the route's first onRequest
 * hooks, right after the session lookup, instead of as preHandlers: Fastify validates the body,
 * query and parameters before preHandler, so an anonymous request with a bad body would learn the
 * route's schema (400 with its details) instead of 401, and its body would be read and parsed
 * first. Routes keep naming the checks as `preHandler`; this onRoute hook moves them.
 */
function runAccessChecksFirst(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const pre = asList(route.preHandler);
    const checks = pre.filter((h) => ACCESS_CHECKS.has(h as AccessCheck));
    if (checks.length === 0) return;
    const rest = pre.filter((h) => !ACCESS_CHECKS.has(h as AccessCheck));
    route.preHandler = (rest.length > 0 ? rest : undefined) as typeof route.preHandler;
    route.onRequest = [...asList(route.onRequest), ...checks] as typeof route.onRequest;
  });
}

/** The signed-in user of a route behind requireLogin/requireRole (a 401 if there is none after all). */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new AppError(401, 'unauthenticated', '请先登录');
  return request.user;
}

/**
 * The region a finance account (any account but an editor or a supervisor, which belong to a
 * department, or a business section, which sees its departments only) is limited to: its region and
 * the regions below it; null for an account of the whole installation (no region, as before issue 32).
 */
export function regionScope(user: SessionUser): string | null {
  return !belongsToDepartment(user.role) && !belongsToSection(user.role) && user.regionCode ? user.regionCode : null;
}

/**
 * The departments a regional account (its region's subtree), a supervisor (its 主管部门 and the units
 * under it) or a business section (the departments assigned to it) may see, loaded once per request
 * (loadRegionAccess).
 */
const REGION_DEPARTMENTS = new WeakMap<SessionUser, ReadonlySet<number>>();

/** A regional account's departments' regions (loadRegionAccess), for departmentRegion. */
const DEPARTMENT_REGIONS = new WeakMap<SessionUser, ReadonlyMap<number, string>>();

/**
 * Loads the departments a regional account may see (those whose region lies within its own), a
 * supervisor (its 主管部门 and its units) or a business section (its departments), for this user
 * object: every request does it at the session lookup; a service called with a user of its own
 * making (the demo, tests) calls it first. Without it a regional account, a supervisor or a section
 * sees nothing.
 */
export async function loadRegionAccess(db: Db, user: SessionUser, dataVersion?: number): Promise<void> {
  if (user.role === 'supervisor') {
    REGION_DEPARTMENTS.set(user, new Set(user.departmentId === null ? [] : await supervisedDepartmentIds(db, user.departmentId)));
    return;
  }
  if (user.role === 'section') {
    REGION_DEPARTMENTS.set(user, new Set(user.sectionId == null ? [] : await sectionDepartmentIds(db, user.sectionId)));
    return;
  }
  const region = regionScope(user);
  if (region !== null) {
    // The same for every account of the region until a department changes (the data version): kept, not read on every request
    // (a province's account has thousands). Shared between requests: never changed.
    const { ids, regions } = await cachedAggregate(db, `region access ${region}`, async () => {
      const regions = await departmentRegionsWithin(db, region);
      return { ids: new Set(regions.keys()) as ReadonlySet<number>, regions: regions as ReadonlyMap<number, string> };
    }, dataVersion);
    REGION_DEPARTMENTS.set(user, ids);
    DEPARTMENT_REGIONS.set(user, regions);
  }
}

/**
 * The region of a department of a regional account's scope (undefined for any other account or
 * department): what its queries about that department say of the projects' region_code beside
 * the department, so that a table partitioned by region is read in that region's partitions only.
 */
export function departmentRegion(user: SessionUser, departmentId: number): string | undefined {
  return DEPARTMENT_REGIONS.get(user)?.get(departmentId);
}

/** Whether `user` may see the department (assertDepartmentAccess without the throw). */
export function mayAccessDepartment(user: SessionUser, departmentId: number | null): boolean {
  // the administrators and an account without a role see no business data (三员分立; the duty check refuses them
  // business routes before this)
  if (!isBusinessRole(user.role)) return false;
  if (user.role === 'editor') return departmentId !== null && user.departmentId !== null && user.departmentId === departmentId;
  if (reviewsOneLevel(user.role)) return departmentId !== null && (REGION_DEPARTMENTS.get(user)?.has(departmentId) ?? false);
  if (regionScope(user) === null) return true;
  return departmentId !== null && (REGION_DEPARTMENTS.get(user)?.has(departmentId) ?? false);
}

/**
 * Throws 404 'not-found' unless `user` may see the department: an account of the whole
 * installation sees every department, a regional finance account those of its region and the
 * regions below it (a document without a department: none), an editor only their own. 404 rather
 * than 403 so that ids of other departments do not leak.
 */
export function assertDepartmentAccess(user: SessionUser, departmentId: number | null): void {
  if (!mayAccessDepartment(user, departmentId)) throw new AppError(404, 'not-found', '未找到');
}

/**
 * The department a user's lists are limited to: null (all) for a reviewer, a supervisor and a
 * business section, an editor's own, none (-1) for the others. Regional accounts, supervisors and
 * sections: scopeDepartmentIds.
 */
export function departmentScope(user: SessionUser): number | null {
  if (user.role === 'reviewer' || reviewsOneLevel(user.role)) return null;
  return user.departmentId ?? -1;
}

/**
 * The departments a user's lists are limited to: an editor's own, a supervisor's 主管部门 and its
 * units, a business section's departments, a regional account's subtree's (by id, parameters of the
 * list's query); null: every department.
 */
export function scopeDepartmentIds(user: SessionUser): number[] | null {
  if (user.role === 'editor') return [user.departmentId ?? -1];
  if (!isBusinessRole(user.role)) return [-1];
  if (reviewsOneLevel(user.role)) return [...(REGION_DEPARTMENTS.get(user) ?? [])];
  if (regionScope(user) === null) return null;
  return [...(REGION_DEPARTMENTS.get(user) ?? [])];
}

/** Narrows a list filter's departments (undefined: all) to what `user` may see. */
export function withinScope(user: SessionUser, departmentIds: readonly number[] | undefined): number[] | undefined {
  const scope = scopeDepartmentIds(user);
  if (scope === null) return departmentIds === undefined ? undefined : [...departmentIds];
  if (departmentIds === undefined) return scope;
  const allowed = new Set(scope);
  return departmentIds.filter((id) => allowed.has(id));
}
