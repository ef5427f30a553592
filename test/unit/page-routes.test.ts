/**
 * The page table shared by the web app's routes and the server's page (shared/api/page-routes.ts,
 * issue 34 point 7): the page at an address as react-router chooses it, and the page a visitor is
 * shown first.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_ROUTES, pageRouteOf, pageShownAt } from '../../src/shared/api/page-routes';
import { ROLES, type Role } from '../../src/shared/domain/duties';

const user = (role: Role, mustChangePassword = false) => ({ role, mustChangePassword });

describe('the page table', () => {
  it('chooses static segments before parameters, case-insensitively, whole paths only', () => {
    expect(pageRouteOf('/projects/12')?.page).toBe('ProjectPage');
    expect(pageRouteOf('/projects/12/edit')?.page).toBe('ProjectEditPage');
    expect(pageRouteOf('/monitoring/departments/4')?.page).toBe('DepartmentMonitoringPage');
    expect(pageRouteOf('/Public/Projects/9')?.page).toBe('PublicProjectPage');
    expect(pageRouteOf('/projects/12/edit/more')).toBeNull();
    expect(pageRouteOf('/nothing')).toBeNull();
    // one entry per address
    expect(new Set(PAGE_ROUTES.map((r) => r.path)).size).toBe(PAGE_ROUTES.length);
  });

  it('shows the sign-in page to an anonymous visitor of a signed-in page, the password page first to one who must change it', () => {
    expect(pageShownAt('/workbench', null)?.page).toBe('LoginPage');
    expect(pageShownAt('/', null)?.page).toBe('LoginPage');
    expect(pageShownAt('/public', null)?.page).toBe('PublicHomePage');
    expect(pageShownAt('/', user('editor'))?.page).toBe('WorkbenchPage');
    expect(pageShownAt('/projects/3', user('editor', true))?.page).toBe('PasswordPage');
    expect(pageShownAt('/public/departments/2', user('editor', true))?.page).toBe('PublicDepartmentPage');
  });

  it('gives every role the pages of its duty: the section the review queue, not the dashboard; the administrator no business page', () => {
    expect(pageShownAt('/review', user('section'))?.page).toBe('ReviewPage');
    expect(pageShownAt('/review', user('supervisor'))?.page).toBe('ReviewPage');
    expect(pageShownAt('/dashboard', user('section'))).toBeNull();
    expect(pageShownAt('/workbench', user('section'))?.page).toBe('WorkbenchPage');
    expect(pageShownAt('/workbench', user('admin'))).toBeNull();
    expect(pageShownAt('/admin/regions', user('admin'))?.page).toBe('RegionsPage');
    expect(pageShownAt('/audit', user('reviewer'))).toBeNull();
    // 三员分立: the accounts for both administrators of accounts, the policies for the security administrator only
    expect(pageShownAt('/admin/users', user('security'))?.page).toBe('UsersPage');
    expect(pageShownAt('/admin/security-policy', user('security'))?.page).toBe('SecurityPolicyPage');
    for (const role of ROLES.filter((r) => r !== 'security')) expect(pageShownAt('/admin/security-policy', user(role)), role).toBeNull();
    expect(pageShownAt('/admin/regions', user('security'))).toBeNull();
    expect(pageShownAt('/workbench', user('unassigned'))).toBeNull();
    for (const role of ROLES) expect(pageShownAt('/account/password', user(role))?.page).toBe('PasswordPage');
  });
});
