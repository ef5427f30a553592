/**
 * Separated duties (三员分立, issues 32 and 57), enforced here and only here: which duty each API
 * route serves, and the check every signed-in request passes before its route's own checks. The
 * roles and their duties are shared/domain/duties.ts.
 *
 * - open: the session, sign-in and -out, the public pages and the API documentation;
 * - self: what any signed-in account does for itself (its own password and the rules for it) or
 *   reads as reference (the region tree);
 * - system: creating accounts and the installation's settings (the region tree's import, a
 *   department's region and 主管部门, the levels of review, the business sections, 审批与公开) — the
 *   system administrator;
 * - security: assigning roles (授权: role, department, region, section; the departments an account
 *   may belong to) and the password and session policies — the security administrator;
 * - accounts: the list of accounts and the changes of one (its name, disabled, its lock, a one-time
 *   code), which both administrators call and the service decides by the account changed (the
 *   auditor's is the security administrator's, every other the system administrator's:
 *   shared/domain/duties.ts accountActionRefusal); the business sections' list, which the one
 *   reads to set them up and the other to assign them;
 * - audit: /api/audit/... (the audit log, the sign-in records, their exports) — the security auditor;
 * - business: every other /api route — the reviewer, the supervisors and the editors (and within it
 *   each route's own checks: reviewer-only routes, an editor's own department). A supervisor (主管部门审核)
 *   reads, and writes only workflow actions and marks its own notifications read (SUPERVISOR_WRITES).
 *   Withdrawing an imported document (POST /api/documents/:id/withdraw, 撤回导入) is business too: the
 *   importer's or the region's 绩效科's, never an administrator's, whatever the document.
 *
 * A new route is business unless it is listed here, so the administrators and the auditor cannot
 * reach it by default; a new route under /api/users is the system administrator's unless listed.
 * Refusals are 403 'forbidden' with a Chinese message naming the separation.
 */
import type { FastifyRequest } from 'fastify';
import { mayCall, refusalMessage, reviewsOneLevel, SECTION_WRITE_REFUSAL, SUPERVISOR_WRITE_REFUSAL, type RouteDuty } from '../../shared/domain/duties';
import { AppError } from './errors';

const OPEN_ROUTES = new Set(['GET /api/auth/session', 'POST /api/auth/login', 'POST /api/auth/logout']);
// its own password and the rules a new one follows; the region tree's names, which every account's pages show (reference data, no business data)
const SELF_ROUTES = new Set(['POST /api/auth/password', 'GET /api/auth/password-policy', 'GET /api/regions']);
// the region tree and the region a department belongs to are the installation's settings: the system administrator's
const SETTINGS_ROUTES = new Set(['POST /api/regions/import', 'PUT /api/departments/:id/region', 'PUT /api/departments/:id/parent', 'GET /api/regions/review-levels', 'PUT /api/regions/:code/review-levels',
  // the business sections of a region's bureau and each department's section (财政业务科室, issue 32)
  'POST /api/sections',
  'PATCH /api/sections/:id',
  'DELETE /api/sections/:id',
  'PUT /api/departments/:id/section',
  // 审批与公开 per region and year (issue 33)
  'GET /api/regions/:code/approval-settings',
  'PUT /api/regions/:code/approval-settings',
]);
// 授权 and the policies: the security administrator's
const SECURITY_ROUTES = new Set(['PUT /api/users/:id/role', 'GET /api/users/departments', 'GET /api/security/policy', 'PUT /api/security/policy']);
// both administrators': the accounts as a list, a change the service decides by the account (see the top); the sections' names
const ACCOUNTS_ROUTES = new Set(['GET /api/users', 'PATCH /api/users/:id', 'POST /api/users/:id/unlock', 'POST /api/users/:id/one-time-code', 'GET /api/sections']);
// the 主管部门's review (supervisor, levels of review) and the business section's (section): each reads its departments'
// business data, and its only write is a workflow action on their projects (转报财政 / 转报绩效科, 退回); the action's own
// checks keep it to its departments and its steps. Its own notifications it marks read, as every account does.
const LEVEL_WRITES = new Set(['POST /api/projects/:id/actions', 'POST /api/notifications/:id/read', 'POST /api/notifications/read-all']);

const under = (url: string, prefix: string) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}.`);

/** The duty of a route: `url` is the route's pattern (e.g. /api/projects/:id), not the request's path. */
export function routeDuty(method: string, url: string): RouteDuty {
  const key = `${method} ${url}`;
  if (OPEN_ROUTES.has(key) || under(url, '/api/public') || under(url, '/api/docs')) return 'open';
  if (SELF_ROUTES.has(key)) return 'self';
  if (SECURITY_ROUTES.has(key)) return 'security';
  if (ACCOUNTS_ROUTES.has(key)) return 'accounts';
  if (under(url, '/api/users') || SETTINGS_ROUTES.has(key)) return 'system';
  if (under(url, '/api/audit')) return 'audit';
  return 'business';
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses (403) a signed-in user a route of another duty. Anonymous requests pass: the route's
 * own requireLogin answers them 401. Requests that match no route (404) pass too.
 */
export function assertDuty(request: FastifyRequest): void {
  const user = request.user;
  const url = request.routeOptions.url;
  if (!user || !url || !under(url, '/api')) return;
  const duty = routeDuty(request.method, url);
  if (reviewsOneLevel(user.role) && duty === 'business' && !READS.has(request.method) && !LEVEL_WRITES.has(`${request.method} ${url}`)) {
    throw new AppError(403, 'forbidden', user.role === 'section' ? SECTION_WRITE_REFUSAL : SUPERVISOR_WRITE_REFUSAL);
  }
  if (mayCall(user.role, duty)) return;
  throw new AppError(403, 'forbidden', refusalMessage(user.role, duty as Exclude<RouteDuty, 'open' | 'self'>, !READS.has(request.method)));
}
