/**
 * What each route of the OpenAPI document is for, by the rule of 三员分立 (issues 32 and 57): the groups
 * test/server/duties.test.ts walks, and the route × session probe's oracle (scripts/probe-routes.ts).
 */

/** open: anyone; self: any signed-in account, for itself; system / security / accounts / audit: the administrators'; business: the business roles'. */
export type Group = 'open' | 'self' | 'system' | 'security' | 'accounts' | 'audit' | 'business';

/** The rule, by path: what the route is for. */
export function groupOf(method: string, path: string): Group {
  const key = `${method} ${path}`;
  if (path.startsWith('/api/public/') || path === '/api/auth/session' || path === '/api/auth/login' || path === '/api/auth/logout') return 'open';
  // its own password and the rules for it; the region tree's names every account's pages show
  if (['POST /api/auth/password', 'GET /api/auth/password-policy', 'GET /api/regions'].includes(key)) return 'self';
  // 授权 and the policies: the security administrator's
  if (['PUT /api/users/{id}/role', 'GET /api/users/departments'].includes(key) || path === '/api/security/policy') return 'security';
  // both administrators': the list, and a change of an account the service decides by the account; the sections' names
  if (['GET /api/users', 'PATCH /api/users/{id}', 'POST /api/users/{id}/unlock', 'POST /api/users/{id}/one-time-code', 'GET /api/sections'].includes(key)) return 'accounts';
  // creating accounts, and the installation's settings: the region tree, a department's region
  if (path === '/api/users' || path.startsWith('/api/users/')) return 'system';
  if (key === 'POST /api/regions/import' || key === 'PUT /api/departments/{id}/region') return 'system';
  // the levels of review's settings: a department's 主管部门, the levels a region uses
  if (key === 'PUT /api/departments/{id}/parent' || key === 'PUT /api/regions/{code}/review-levels' || key === 'GET /api/regions/review-levels') return 'system';
  // a region's business sections (财政业务科室) and a department's section
  if (path.startsWith('/api/sections') || key === 'PUT /api/departments/{id}/section') return 'system';
  // 审批与公开 per region and year (issue 33)
  if (path === '/api/regions/{code}/approval-settings') return 'system';
  if (path.startsWith('/api/audit/')) return 'audit';
  return 'business';
}
