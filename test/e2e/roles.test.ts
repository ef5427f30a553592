/**
 * Roles in a real browser, on the generated demo data: what the system administrator, the security
 * auditor (三员分立: neither sees the business), the reviewer (财政局绩效科), a department editor and
 * an anonymous visitor each see (that an editor can neither read nor write another department's
 * data through the UI: roles-isolation.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentProjects, editorAndOther, type EditorAndOther } from './data';
import { go, login, open, optionsOffered, RESOURCE_404, useE2e } from './harness';
import { listTotal } from './project-list';

const e = useE2e();
/** The editor's department and another one, from the demo data. */
let editor: EditorAndOther['editor'];
let other: EditorAndOther['other'];

beforeAll(async () => {
  ({ editor, other } = await editorAndOther(e.db, e.demoLogins));
  expect(editor.projects.length).toBeGreaterThan(0);
});

/** The keys of the menu entries shown (nav-projects, nav-review …); each must be in view, none folded into the menu's overflow. */
async function menuKeys(page: Page): Promise<string[]> {
  await page.getByTestId('nav-public').waitFor();
  const ids = (await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!))).filter((id) => id !== 'nav');
  for (const id of ids) expect(await page.getByTestId(id).isVisible(), `${id} in view`).toBe(true);
  return ids.sort();
}

describe('roles', () => {
  it('the system administrator lands on 用户 listing the accounts, has no business screen (三员分立), and signs out', async () => {
    const s = await e.newPage();
    await login(s.page, ...e.account('admin'));
    expect(await s.page.getByTestId('current-role').innerText()).toBe('系统管理员');
    expect(await menuKeys(s.page)).toEqual(['nav-public', 'nav-regions', 'nav-users'].sort());
    // a sign-in leads to the workbench, which sends the administrator to the accounts
    await s.page.waitForURL(/\/admin\/users$/);
    await s.page.getByTestId('users-table').waitFor();
    const rows = s.page.getByTestId('user-row');
    await rows.first().waitFor();
    const usernames = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-username')));
    expect(usernames).toEqual(expect.arrayContaining(['admin', 'auditor', 'reviewer', editor.username]));
    // a business page by its address: 没有权限, and no project of any department
    for (const path of ['/projects', '/review', '/audit']) {
      await open(s.page, path);
      await s.page.getByTestId('forbidden').waitFor();
      expect(await s.page.getByTestId('project-row').count()).toBe(0);
    }
    await go(s.page, '/admin/users');
    await s.page.getByTestId('users-table').waitFor();
    // 退出: back to the login form — plain /login, not /login?next=<the page left>, or the next
    // person to sign in here would land on this user's page — and the app asks for a login again.
    const loggedOut = s.page.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
    await s.page.getByTestId('logout').click();
    await loggedOut;
    await s.page.getByTestId('login-form').waitFor();
    // two frames after the session ended: a late redirect would have happened by now
    await s.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(new URL(s.page.url()).pathname + new URL(s.page.url()).search).toBe('/login');
    await open(s.page, '/projects');
    await s.page.waitForURL(/\/login\?next=%2Fprojects$/);
    expect(await s.page.getByTestId('current-user').count()).toBe(0);
    s.expectNoErrors();
    await s.close();
  });

  it('the security auditor lands on 安全审计: the audit log and the sign-ins, filtered; no business, no accounts', async () => {
    const s = await e.session('auditor');
    expect(await s.page.getByTestId('current-role').innerText()).toBe('安全审计员');
    expect(await menuKeys(s.page)).toEqual(['nav-audit', 'nav-public'].sort());
    await go(s.page, '/workbench');
    await s.page.waitForURL(/\/audit$/);
    const log = s.page.getByTestId('audit-log-table');
    await log.locator('tbody tr.ant-table-row').first().waitFor();
    const total = Number(/共 (\d+) 条/.exec(await s.page.locator('.ant-pagination-total-text').first().innerText())![1]);
    const stored = await e.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    expect(total).toBe(Number(stored.n));
    // the sign-ins: this session's own sign-in is the newest
    await s.page.getByRole('tab', { name: '登录记录' }).click();
    const signIns = s.page.getByTestId('sign-in-table');
    await signIns.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await signIns.locator('tbody tr.ant-table-row').first().innerText()).toContain('auditor');
    // filtered by person: someone who never signed in has no record
    await s.page.getByTestId('sign-in-filter-person').locator('input').fill('nobody-here');
    await s.page.getByTestId('sign-in-filter-person').locator('input').press('Enter');
    await signIns.locator('.ant-empty').waitFor();
    for (const path of ['/projects', '/admin/users']) {
      await open(s.page, path);
      await s.page.getByTestId('forbidden').waitFor();
    }
    s.expectNoErrors();
  });

  it('the auditor sent to the workbench again while the first redirect still waits for its page lands on 安全审计, not on an empty page', async () => {
    const s = await e.newPage();
    // the code of 安全审计 held back (a slow network, a loaded machine) until /workbench has been asked for a second time
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await s.page.route(/\/assets\/audit-page-[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    // signing in leads to /workbench, which sends the auditor on to /audit: that page's code is held
    await login(s.page, ...e.account('auditor'));
    await go(s.page, '/workbench');
    release();
    // React Router's <Navigate> left the second visit on a blank /workbench (components/redirect.tsx)
    await s.page.waitForURL(/\/audit$/);
    await s.page.getByTestId('audit-log-table').waitFor();
    s.expectNoErrors();
    await s.close();
  });

  it('the reviewer has 审核队列 and 统计 but not 用户管理', async () => {
    const s = await e.session('reviewer');
    expect(await s.page.getByTestId('current-role').innerText()).toBe('财政局绩效科');
    expect(await menuKeys(s.page)).toEqual(['nav-dashboard', 'nav-departments', 'nav-ex-ante', 'nav-import', 'nav-library', 'nav-monitoring', 'nav-projects', 'nav-public', 'nav-rectifications', 'nav-results', 'nav-review', 'nav-self-evaluations', 'nav-workbench'].sort());
    await s.page.getByTestId('nav-review').click();
    await s.page.getByTestId('review-row').first().waitFor();
    const submitted = await currentProjects(e.db, { status: 'submitted' });
    expect(submitted.length).toBeGreaterThan(0);
    expect(await s.page.getByTestId('review-page').innerText()).toContain(`共 ${submitted.length} 个项目待审核`);
    await s.page.getByTestId('nav-dashboard').click();
    await s.page.getByTestId('chart-budget').locator('canvas').first().waitFor();
    // the users page by its address: 没有权限
    await go(s.page, '/admin/users');
    await s.page.getByTestId('forbidden').waitFor();
    expect(await s.page.getByTestId('users-table').count()).toBe(0);
    s.expectNoErrors();
  });

  it("a department editor sees only its own department's projects and no review, dashboard or users", async () => {
    const s = await e.session(editor.username);
    expect(await s.page.getByTestId('current-role').innerText()).toBe('预算单位填报人');
    expect(await menuKeys(s.page)).toEqual(['nav-departments', 'nav-ex-ante', 'nav-import', 'nav-library', 'nav-monitoring', 'nav-projects', 'nav-public', 'nav-rectifications', 'nav-results', 'nav-self-evaluations', 'nav-workbench'].sort());
    // the projects list: exactly the department's projects
    await go(s.page, '/projects');
    expect(await listTotal(s.page)).toBe(editor.projects.length);
    const departments = await s.page.getByTestId('project-row').locator('td:nth-child(3)').allInnerTexts();
    expect(departments.length).toBeGreaterThan(0);
    expect(new Set(departments)).toEqual(new Set([editor.departmentName]));
    // the department filter offers only its own department
    const options = await optionsOffered(s.page, s.page.getByTestId('filter-department'));
    expect(options.join('|')).toContain(editor.departmentName);
    expect(options.join('|')).not.toContain(other.departmentName);
    await s.page.keyboard.press('Escape');
    // the departments page: one department
    await s.page.getByTestId('nav-departments').click();
    await s.page.getByTestId('department-row').first().waitFor();
    expect(await s.page.getByTestId('department-link').allInnerTexts()).toEqual([editor.departmentName]);
    // page.goto, not go(): the previous page's 没有权限 could pass the check
    for (const path of ['/review', '/dashboard', '/admin/users']) {
      await open(s.page, path);
      await s.page.getByTestId('forbidden').waitFor();
    }
    s.expectNoErrors();
  });

  it('an anonymous visitor reads the public pages without login, and the app sends it to the login form', async () => {
    const s = await e.newPage();
    await go(s.page, '/public');
    await s.page.getByTestId('public-department-row').first().waitFor();
    expect(await s.page.getByTestId('login-link').isVisible()).toBe(true);
    const published = await currentProjects(e.db, { status: 'published' });
    expect(published.length).toBeGreaterThan(0);
    await s.page.getByRole('tab', { name: /项目/ }).click();
    await s.page.getByTestId('public-project-row').first().waitFor();
    expect(await s.page.getByRole('tab', { name: /项目/ }).innerText()).toContain(`（${published.length}）`);
    // a draft is not public
    const draft = (await currentProjects(e.db, { status: 'draft' }))[0]!;
    await go(s.page, `/public/projects/${draft.id}`);
    await s.page.getByTestId('not-found').waitFor();
    expect(await s.page.locator('main').innerText()).not.toContain(draft.name);
    // the app itself asks for a login, and comes back after it
    await open(s.page, '/review');
    await s.page.waitForURL(/\/login\?next=%2Freview$/);
    await s.page.getByTestId('login-username').fill('reviewer');
    await s.page.getByTestId('login-password').fill(e.account('reviewer')[1]);
    await s.page.getByTestId('login-submit').click();
    await s.page.getByTestId('review-page').waitFor();
    expect(new URL(s.page.url()).pathname).toBe('/review');
    s.expectNoErrors([RESOURCE_404]);
    await s.close();
  });

  it('a user changes their own password on 修改密码; one whose password an admin set is sent there first', async () => {
    // An editor no other test of this file signs in as.
    const [username, password] = e.account(e.demoLogins.filter((l) => l.role === 'editor')[2]!.username);
    const s = await e.newPage();
    await login(s.page, username, password);
    await s.page.getByTestId('change-password').click();
    await s.page.getByTestId('password-page').waitFor();
    await s.page.getByTestId('password-current').fill(password);
    await s.page.getByTestId('password-new').fill('1234567890');
    await s.page.getByTestId('password-confirm').fill('1234567890');
    await s.page.getByTestId('password-submit').click();
    // the policy, in the browser before the server
    await s.page.getByText('密码过于常见，容易被猜到，请换一个').waitFor();
    await s.page.getByTestId('password-new').fill('my-own-long-secret');
    await s.page.getByTestId('password-confirm').fill('my-own-long-secret');
    await s.page.getByTestId('password-submit').click();
    await s.page.getByTestId('password-done').waitFor();

    // As after an admin's reset: every page leads to 修改密码 until the password is changed.
    await e.db.updateTable('appUser').set({ mustChangePassword: 1 }).where('username', '=', username).execute();
    await open(s.page, '/projects');
    await s.page.getByTestId('password-forced').waitFor();
    expect(new URL(s.page.url()).pathname).toBe('/account/password');
    await s.page.getByTestId('password-current').fill('my-own-long-secret');
    await s.page.getByTestId('password-new').fill('another-long-secret');
    await s.page.getByTestId('password-confirm').fill('another-long-secret');
    await s.page.getByTestId('password-submit').click();
    // changed: on to the page first asked for, the 项目 list
    await s.page.getByTestId('projects-table').waitFor();
    expect(new URL(s.page.url()).pathname).toBe('/projects');
    s.expectNoErrors();
    await s.close();
  });

  it('a wrong password is refused on the form', async () => {
    const s = await e.newPage();
    await expect(login(s.page, 'reviewer', 'not-the-password')).rejects.toThrow(/refused/);
    expect(await s.page.getByTestId('current-user').count()).toBe(0);
    await s.close();
  });
});
