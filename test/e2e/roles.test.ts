/**
 * Roles in a real browser, on the generated demo data: what the system administrator, the security
 * administrator, the security auditor (三员分立: none sees the business, none acts alone), the
 * reviewer (财政局绩效科), a department editor and an anonymous visitor each see; the three
 * administrators' account screens walked together — an account made by the one, authorised by the
 * other, used with its one-time code and read with its mark by the third (that an editor can
 * neither read nor write another department's data through the UI: roles-isolation.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentProjects, editorAndOther, type EditorAndOther } from './data';
import { chooseOption, clickSettled, go, login, open, optionsOffered, RESOURCE_404, useE2e } from './harness';
import { saveScreenshot } from './browser';
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

/** The row of an account on 用户. */
const rowOf = (page: Page, username: string) => page.locator(`[data-testid="user-row"][data-username="${username}"]`);

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
    expect(usernames).toEqual(expect.arrayContaining(['admin', 'secadmin', 'auditor', 'reviewer', editor.username]));
    // accounts' existence, never their roles (三员分立): no 授权 on any row; the auditor's account is not its to change
    expect(await s.page.getByTestId('users-intro').innerText()).toContain('角色由安全管理员分配');
    expect(await s.page.getByTestId('user-assign').count()).toBe(0);
    expect(await rowOf(s.page, 'auditor').getByTestId('user-edit').count()).toBe(0);
    expect(await rowOf(s.page, editor.username).getByTestId('user-code').count()).toBe(1);
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
    expect(await menuKeys(s.page)).toEqual(['nav-dashboard', 'nav-departments', 'nav-ex-ante', 'nav-import', 'nav-library', 'nav-monitoring', 'nav-projects', 'nav-public', 'nav-rectifications', 'nav-results', 'nav-review', 'nav-self-evaluation-reviews', 'nav-self-evaluations', 'nav-workbench'].sort());
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

  it('the security administrator lands on 用户 with 授权 and on 安全策略; no account made, no business, no audit log', async () => {
    const s = await e.session('secadmin');
    expect(await s.page.getByTestId('current-role').innerText()).toBe('安全管理员');
    expect(await menuKeys(s.page)).toEqual(['nav-public', 'nav-security-policy', 'nav-users'].sort());
    await go(s.page, '/workbench');
    await s.page.waitForURL(/\/admin\/users$/);
    await rowOf(s.page, editor.username).waitFor();
    expect(await s.page.getByTestId('user-create').count()).toBe(0);
    expect(await s.page.getByTestId('user-code').count()).toBe(0);
    expect(await rowOf(s.page, editor.username).getByTestId('user-assign').count()).toBe(1);
    // no role of its own nor of an administrator; the auditor's account is its to change
    for (const admin of ['admin', 'secadmin', 'auditor']) expect(await rowOf(s.page, admin).getByTestId('user-assign').count(), admin).toBe(0);
    expect(await rowOf(s.page, 'auditor').getByTestId('user-edit').count()).toBe(1);
    expect(await rowOf(s.page, 'admin').getByTestId('user-edit').count()).toBe(0);
    await saveScreenshot(s.page, 'users-security');

    // 安全策略: the least length of a password, saved, refused out of bounds
    await s.page.getByTestId('nav-security-policy').click();
    await s.page.getByTestId('security-policy-form').waitFor();
    const length = s.page.getByTestId('policy-passwordMinLength');
    await length.fill('12');
    await clickSettled(s.page.getByTestId('policy-save'));
    await expect.poll(async () => (await e.db.selectFrom('securityPolicy').select('passwordMinLength').executeTakeFirstOrThrow()).passwordMinLength).toBe(12);
    // an idle timeout longer than the longest session: refused, named, nothing saved
    await s.page.getByTestId('policy-sessionMaxHours').fill('2');
    await clickSettled(s.page.getByTestId('policy-save'));
    await expect.poll(() => s.page.getByTestId('security-policy-form').innerText()).toContain('无操作自动退出（720 分钟）不能长于登录最长有效（2 小时）');
    expect((await e.db.selectFrom('securityPolicy').select('sessionMaxHours').executeTakeFirstOrThrow()).sessionMaxHours).toBe(24);
    await s.page.getByTestId('policy-sessionMaxHours').fill('24');
    await length.fill('10');
    await clickSettled(s.page.getByTestId('policy-save'));
    await expect.poll(async () => (await e.db.selectFrom('securityPolicy').select('passwordMinLength').executeTakeFirstOrThrow()).passwordMinLength).toBe(10);
    await saveScreenshot(s.page, 'security-policy');

    for (const path of ['/projects', '/review', '/audit', '/admin/regions']) {
      await open(s.page, path);
      await s.page.getByTestId('forbidden').waitFor();
    }
    s.expectNoErrors();
  });

  it('none acts alone: an account the system administrator makes, the security administrator authorises, its owner signs in with the code; the auditor sees all three and the mark', async () => {
    // the system administrator: username and name; the code shown once
    const admin = await e.newPage();
    await login(admin.page, ...e.account('admin'));
    await go(admin.page, '/admin/users');
    await admin.page.getByTestId('user-create').click();
    await admin.page.getByTestId('user-username').fill('li.si');
    await admin.page.getByTestId('user-display-name').fill('李四');
    await clickSettled(admin.page.getByTestId('user-save'));
    const code = (await admin.page.getByTestId('one-time-code').innerText()).trim();
    expect(code).toMatch(/^[a-zA-Z2-9]{16}$/);
    await saveScreenshot(admin.page, 'one-time-code');
    await clickSettled(admin.page.getByTestId('code-close'));
    await expect.poll(() => rowOf(admin.page, 'li.si').getByTestId('user-status').innerText()).toMatch(/待首次登录.*待授权/);
    admin.expectNoErrors();
    await admin.close();

    // the security administrator: the role
    const security = await e.session('secadmin');
    await go(security.page, '/admin/users');
    await rowOf(security.page, 'li.si').getByTestId('user-assign').click();
    await chooseOption(security.page, security.page.getByTestId('user-role'), '财政局绩效科');
    await clickSettled(security.page.getByTestId('role-save'));
    await security.page.getByTestId('role-form').waitFor({ state: 'hidden' });
    await expect.poll(() => rowOf(security.page, 'li.si').innerText()).toContain('财政局绩效科');
    // and the auditor's name, which the auditor is shown at its next sign-in
    await rowOf(security.page, 'auditor').getByTestId('user-edit').click();
    await security.page.getByTestId('user-display-name').fill('审计员甲');
    await clickSettled(security.page.getByTestId('user-save'));
    await security.page.getByTestId('user-form').waitFor({ state: 'hidden' });
    security.expectNoErrors();

    // its owner: the code signs in once, and must be replaced first
    const li = await e.newPage();
    await login(li.page, 'li.si', code);
    await li.page.getByTestId('password-forced').waitFor();
    await li.page.getByTestId('password-current').fill(code);
    await li.page.getByTestId('password-new').fill('only-li-knows-it');
    await li.page.getByTestId('password-confirm').fill('only-li-knows-it');
    await li.page.getByTestId('password-submit').click();
    await li.page.getByTestId('workbench-page').waitFor();
    expect(await li.page.getByTestId('current-role').innerText()).toBe('财政局绩效科');
    li.expectNoErrors();
    await li.close();

    // the auditor: the change to its account, both administrators' actions, the new account's first day marked
    const auditor = await e.newPage();
    await login(auditor.page, ...e.account('auditor'));
    await auditor.page.waitForURL(/\/audit$/);
    const notice = auditor.page.getByTestId('account-changes');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/安全管理员（secadmin） 修改账号：姓名：安全审计员 → 审计员甲/);
    const log = auditor.page.getByTestId('audit-log-table');
    const person = auditor.page.getByTestId('audit-filter-person').locator('input');
    for (const [who, action] of [['admin', '新建账号'], ['secadmin', '分配角色']] as const) {
      await person.fill(who);
      await person.press('Enter');
      await expect.poll(() => log.innerText()).toContain(action);
    }
    await person.fill('li.si');
    await person.press('Enter');
    await expect.poll(() => log.innerText()).toContain('修改密码');
    expect(await log.getByTestId('after-code').count()).toBeGreaterThan(0);
    await auditor.page.getByTestId('audit-filter-after-code').click();
    await expect.poll(() => log.locator('tbody tr.ant-table-row').count()).toBe(await log.getByTestId('after-code').count());
    await saveScreenshot(auditor.page, 'audit-after-code');
    await auditor.page.getByRole('tab', { name: '登录记录' }).click();
    const signIns = auditor.page.getByTestId('sign-in-table');
    await auditor.page.getByTestId('sign-in-filter-person').locator('input').fill('li.si');
    await auditor.page.getByTestId('sign-in-filter-person').locator('input').press('Enter');
    await expect.poll(() => signIns.innerText()).toContain('成功（一次性密码）');
    auditor.expectNoErrors();
    await auditor.close();
  });

  it('a wrong password is refused on the form', async () => {
    const s = await e.newPage();
    await expect(login(s.page, 'reviewer', 'not-the-password')).rejects.toThrow(/refused/);
    expect(await s.page.getByTestId('current-user').count()).toBe(0);
    await s.close();
  });
});
