/**
 * Every page of the web app as data: its address (a react-router pattern), the module of
 * src/web/pages that draws it, the component it exports and who may open it. The web app's
 * app.tsx makes its routes of it; the server (app/spa-shell.ts) reads it to name a page's scripts
 * in the HTML it answers with, so that the browser fetches them beside the entry instead of after
 * it (issue 34, point 7). Pure data: no React, nothing of the browser.
 */
import { BUSINESS_ROLES, type Role } from '../domain/duties';

export type PageModule =
  | 'login-page'
  | 'workbench-page'
  | 'projects-page'
  | 'project-page'
  | 'project-edit-page'
  | 'departments-page'
  | 'department-page'
  | 'import-page'
  | 'review-page'
  | 'dashboard-page'
  | 'monitoring-page'
  | 'project-monitoring-page'
  | 'self-evaluation-page'
  | 'ranking-page'
  | 'self-evaluation-review-page'
  | 'results-page'
  | 'library-page'
  | 'rectification-page'
  | 'ex-ante-page'
  | 'users-page'
  | 'security-policy-page'
  | 'audit-page'
  | 'regions-page'
  | 'progress-page'
  | 'notifications-page'
  | 'password-page'
  | 'public-pages';

/**
 * Who may open a page: anyone (the sign-in page), the public pages' frame, any signed-in user, the
 * business roles (三员分立: not the administrator nor the auditor), or the roles named.
 */
export type PageAccess = 'anyone' | 'public' | 'signed-in' | 'business' | readonly Role[];

export interface PageRoute {
  path: string;
  module: PageModule;
  /** The module's export that draws the page. */
  page: string;
  access: PageAccess;
}

/** Where a user changes their own password. */
export const PASSWORD_PATH = '/account/password';

/** The business roles (三员分立: the system administrator and the auditor do no business). */
export const BUSINESS: readonly Role[] = BUSINESS_ROLES;
/** The accounts with a review queue: the performance section and the levels before it. */
export const REVIEWING: readonly Role[] = ['reviewer', 'supervisor', 'section'];

export const PAGE_ROUTES = [
  { path: '/login', module: 'login-page', page: 'LoginPage', access: 'anyone' },
  { path: '/public', module: 'public-pages', page: 'PublicHomePage', access: 'public' },
  { path: '/public/departments/:id', module: 'public-pages', page: 'PublicDepartmentPage', access: 'public' },
  { path: '/public/projects/:id', module: 'public-pages', page: 'PublicProjectPage', access: 'public' },
  { path: '/workbench', module: 'workbench-page', page: 'WorkbenchPage', access: 'business' },
  { path: '/projects', module: 'projects-page', page: 'ProjectsPage', access: 'business' },
  { path: '/projects/:id', module: 'project-page', page: 'ProjectPage', access: 'business' },
  { path: '/projects/:id/edit', module: 'project-edit-page', page: 'ProjectEditPage', access: 'business' },
  { path: '/departments', module: 'departments-page', page: 'DepartmentsPage', access: 'business' },
  { path: '/departments/:id', module: 'department-page', page: 'DepartmentPage', access: 'business' },
  // the accounts that import (issue 71: a 主管部门's or a 业务科室's opened it by its address)
  { path: '/import', module: 'import-page', page: 'ImportPage', access: ['reviewer', 'editor'] },
  { path: '/projects/:id/monitoring', module: 'project-monitoring-page', page: 'ProjectMonitoringPage', access: 'business' },
  { path: '/projects/:id/self-evaluation', module: 'self-evaluation-page', page: 'SelfEvaluationPage', access: 'business' },
  { path: '/library', module: 'library-page', page: 'LibraryPage', access: 'business' },
  { path: '/rectifications', module: 'rectification-page', page: 'RectificationListPage', access: 'business' },
  { path: '/rectifications/:id', module: 'rectification-page', page: 'RectificationPage', access: 'business' },
  { path: '/ex-ante', module: 'ex-ante-page', page: 'ExAnteListPage', access: 'business' },
  { path: '/projects/:id/ex-ante', module: 'ex-ante-page', page: 'ExAnteEditPage', access: 'business' },
  { path: '/monitoring', module: 'monitoring-page', page: 'MonitoringPage', access: 'business' },
  { path: '/monitoring/departments/:id', module: 'monitoring-page', page: 'DepartmentMonitoringPage', access: 'business' },
  { path: '/self-evaluations', module: 'ranking-page', page: 'RankingPage', access: 'business' },
  { path: '/self-evaluations/departments/:id', module: 'ranking-page', page: 'DepartmentSelfEvaluationPage', access: 'business' },
  { path: '/self-evaluation-reviews', module: 'self-evaluation-review-page', page: 'SelfEvaluationReviewPage', access: ['reviewer'] },
  { path: '/results', module: 'results-page', page: 'ResultsPage', access: 'business' },
  { path: '/notifications', module: 'notifications-page', page: 'NotificationsPage', access: 'business' },
  { path: PASSWORD_PATH, module: 'password-page', page: 'PasswordPage', access: 'signed-in' },
  { path: '/review', module: 'review-page', page: 'ReviewPage', access: REVIEWING },
  { path: '/dashboard', module: 'dashboard-page', page: 'DashboardPage', access: ['reviewer'] },
  { path: '/progress', module: 'progress-page', page: 'ProgressPage', access: ['reviewer'] },
  { path: '/admin/users', module: 'users-page', page: 'UsersPage', access: ['admin', 'security'] },
  { path: '/admin/security-policy', module: 'security-policy-page', page: 'SecurityPolicyPage', access: ['security'] },
  { path: '/audit', module: 'audit-page', page: 'AuditPage', access: ['auditor'] },
  { path: '/admin/regions', module: 'regions-page', page: 'RegionsPage', access: ['admin'] },
] as const satisfies readonly PageRoute[];


/** Whether a user of `role` (null: nobody signed in) may open a page of this access. */
export function mayOpen(access: PageAccess, role: Role | null): boolean {
  if (access === 'anyone' || access === 'public') return true;
  if (role === null) return false;
  if (access === 'signed-in') return true;
  if (access === 'business') return BUSINESS.includes(role);
  return access.includes(role);
}

/**
 * The page at a path ("/projects/12"), as react-router would choose it: a pattern's static
 * segments before its parameters; null for an address of no page.
 */
export function pageRouteOf(pathname: string): PageRoute | null {
  const segments = pathname.split('/').filter((s) => s !== '');
  let best: PageRoute | null = null;
  let bestStatic = -1;
  for (const route of PAGE_ROUTES as readonly PageRoute[]) {
    const pattern = route.path.split('/').filter((s) => s !== '');
    if (pattern.length !== segments.length) continue;
    let statics = 0;
    const matches = pattern.every((p, i) => {
      if (p.startsWith(':')) return true;
      statics++;
      // react-router matches case-insensitively
      return p.toLowerCase() === segments[i]!.toLowerCase();
    });
    if (matches && statics > bestStatic) {
      best = route;
      bestStatic = statics;
    }
  }
  return best;
}

/**
 * The page a visitor at `pathname` is shown first: the page itself when they may open it, the
 * sign-in page when it needs a session they lack, the password page when theirs must change
 * first; null when it is no page or not theirs (the frame shows 404 or 没有权限).
 */
export function pageShownAt(pathname: string, user: { role: Role; mustChangePassword: boolean } | null): PageRoute | null {
  // '/' is the signed-in frame's, which sends on to the 工作台 (and an anonymous visitor to sign in)
  const route = pageRouteOf(pathname === '/' ? '/workbench' : pathname);
  if (route === null) return null;
  if (route.access === 'anyone' || route.access === 'public') return route;
  if (user === null) return pageRouteOf('/login');
  if (user.mustChangePassword) return pageRouteOf(PASSWORD_PATH);
  return mayOpen(route.access, user.role) ? route : null;
}
