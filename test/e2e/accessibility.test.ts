/**
 * Accessibility, in a real browser: axe-core (axe.ts) checks every kind of page, as each role sees
 * it, against WCAG 2.1 A and AA. No violation of impact "serious" or "critical" may remain; the
 * lesser ones are listed in the test's output for the next round of work. This file: the sign-in
 * and public pages, the widest menu, the editor's, the administrator's and the auditor's pages;
 * the reviewer's pages are in accessibility-targets.test.ts (目标 to 公开) and
 * accessibility-stages.test.ts (监控 to 结果运用), two dozen pages in all (issue 38: one file of them
 * took over a minute).
 */
import { describe, expect, it } from 'vitest';
import { listExAnte } from '../../src/server/modules/ex-ante/ex-ante.service';
import { audit, auditAll, pageSettled } from './axe';
import { currentProjects } from './data';
import { go, useE2e } from './harness';

const e = useE2e();

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it('the sign-in page and the public pages have no serious violation', async () => {
    const s = await e.newPage();
    const published = (await currentProjects(e.db, { status: 'published' }))[0]!;
    await s.page.goto('/login');
    await pageSettled(s.page);
    const login = await audit(s.page);
    const pub = await auditAll(s.page, ['/public', `/public/departments/${published.departmentId}`, `/public/projects/${published.id}`]);
    expect({ '/login': login.serious, ...pub }).toEqual({ '/login': [] });
    await s.close();
  });

  it('the pages of the three administrators (系统管理员, 安全管理员, 安全审计员) have no serious violation', async () => {
    const admin = await e.session('admin');
    const found = await auditAll(admin.page, ['/admin/users', '/admin/regions?tab=approval']);
    const security = await e.session('secadmin');
    Object.assign(found, await auditAll(security.page, ['/admin/users', '/admin/security-policy']));
    const auditor = await e.session('auditor');
    Object.assign(found, await auditAll(auditor.page, ['/audit']));
    expect(found).toEqual({});
  });

  it('the widest menu (the reviewer’s: 三员分立 leaves the administrator only 用户) fits a 1366 px screen: no entry hidden behind “…” (antd hides overflowing entries from assistive technology)', async () => {
    const admin = await e.session('reviewer');
    await admin.page.setViewportSize({ width: 1366, height: 768 });
    await go(admin.page, '/workbench');
    await pageSettled(admin.page);
    const menu = await admin.page.evaluate(() => ({
      hidden: [...document.querySelectorAll('.app-menu .ant-menu-overflow-item[aria-hidden="true"] [data-testid^="nav-"]')].map((x) => x.textContent),
      entries: document.querySelectorAll('.app-menu [data-testid^="nav-"]').length,
    }));
    expect(menu).toEqual({ hidden: [], entries: 14 });
    expect(await audit(admin.page)).toMatchObject({ serious: [] });
  });

  it('the editor’s pages, the project editor included, have no serious violation', async () => {
    const editor = e.demoLogins.find((l) => l.role === 'editor')!;
    const s = await e.session(editor.username);
    const mine = (await currentProjects(e.db, { departmentCode: editor.username.replace(/^dept-/, '') })).find((p) => p.status === 'draft' || p.status === 'returned')!;
    const toAssess = (await listExAnte(e.db, { departmentId: mine.departmentId })).pending[0];
    const exAnte = toAssess ? ['/ex-ante', `/projects/${toAssess.projectId}/ex-ante`] : ['/ex-ante'];
    const found = await auditAll(s.page, ['/workbench', '/projects', `/projects/${mine.id}`, `/projects/${mine.id}/edit`, '/monitoring', '/self-evaluations', ...exAnte, '/rectifications', '/results']);
    expect(found).toEqual({});
  });
});
