/**
 * Separated duties (三员分立, issue 32), enforced here and only here: which duty each API route
 * serves, and the check every signed-in request passes before its route's own checks. The roles
 * and their duties are shared/domain/duties.ts.
 *
 * - open: the session, sign-in and -out, the public pages and the API documentation;
 * - self: what any signed-in account does for itself (its own password) or reads as reference (the region tree);
 * - accounts: /api/users (accounts, and the departments they belong to) and the settings (the region tree's import,
 *   a department's region) — the system administrator;
 * - audit: /api/audit/... (the audit log and the sign-in records) — the security auditor;
 * - business: every other /api route — the reviewer, the supervisors and the editors (and within it
 *   each route's own checks: reviewer-only routes, an editor's own department). A supervisor (主管部门审核)
 *   reads, and writes only workflow actions and marks its own notifications read (SUPERVISOR_WRITES).
 *
 * A new route is business unless it is listed here, so the administrator and the auditor cannot
 * reach it by default. Refusals are 403 'forbidden' with a Chinese message naming the separation.
 */
import type { FastifyRequest } from 'fastify';
import { mayCall, refusalMessage, reviewsOneLevel, SECTION_WRITE_REFUSAL, SUPERVISOR_WRITE_REFUSAL, type RouteDuty } from '../../shared/domain/duties';
import { AppError } from './errors';

const OPEN_ROUTES = new Set(['GET /api/auth/session', 'POST /api/auth/login', 'POST /api/auth/logout']);
// its own password; the region tree's names, which every account's pages show (reference data, no business data)
const SELF_ROUTES = new Set(['POST /api/auth/password', 'GET /api/regions']);
// the region tree and the region a department belongs to are the installation's settings: the administrator's
const SETTINGS_ROUTES = new Set(['POST /api/regions/import', 'PUT /api/departments/:id/region', 'PUT /api/departments/:id/parent', 'GET /api/regions/review-levels', 'PUT /api/regions/:code/review-levels',
  // the business sections of a region's bureau and each department's section (财政业务科室, issue 32)
  'GET /api/sections',
  'POST /api/sections',
  'PATCH /api/sections/:id',
  'DELETE /api/sections/:id',
  'PUT /api/departments/:id/section',
  // 审批与公开 per region and year (issue 33)
  'GET /api/regions/:code/approval-settings',
  'PUT /api/regions/:code/approval-settings',
]);
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
  if (under(url, '/api/users') || SETTINGS_ROUTES.has(key)) return 'accounts';
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
