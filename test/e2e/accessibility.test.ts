/**
 * Accessibility, in a real browser: axe-core (the engine of the browsers' own accessibility
 * audits) checks every kind of page, as each role sees it, against WCAG 2.1 A and AA. No
 * violation of impact "serious" or "critical" may remain; the lesser ones are listed in the
 * test's output for the next round of work.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExAnte } from '../../src/server/modules/ex-ante/ex-ante.service';
import { currentProjects } from './data';
import { go, screenshotsOnFailure, startE2e, type E2e } from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

let e: E2e;
beforeAll(async () => {
  e = await startE2e();
}, 180_000);
afterAll(() => e?.close());
screenshotsOnFailure(() => e);

/**
 * The page once its data has arrived and it has stopped moving: no spinner, no 加载中 placeholder,
 * no finite animation or transition running (colours mid-fade fail the contrast check), and the
 * same DOM over two checks 150 ms apart (a lazily loaded page replaces the previous one late).
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('main, .public-page, form') !== null && document.querySelector('.ant-spin-spinning') === null && !document.body.innerText.includes('加载中'), undefined, { timeout: 15_000 });
  let before = '';
  for (let i = 0; i < 100; i++) {
    const now = await page.evaluate(() => {
      const moving = document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
      return moving ? '' : document.body.innerHTML;
    });
    if (now !== '' && now === before) return;
    before = now;
    await page.waitForTimeout(150);
  }
}

/** axe-core's violations on the page as it is now, the serious and critical ones apart. */
async function audit(page: Page): Promise<{ serious: string[]; minor: string[] }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations;
  });
  const lines = (violations as AxeViolation[]).map((v) => ({
    impact: v.impact,
    line: `${v.impact} ${v.id} (${v.help}): ${v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 90)} ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`)
      .join(' | ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} in all` : ''}`,
  }));
  return {
    serious: lines.filter((l) => l.impact === 'serious' || l.impact === 'critical').map((l) => l.line),
    minor: lines.filter((l) => l.impact !== 'serious' && l.impact !== 'critical').map((l) => l.line),
  };
}

/** Visits each path and audits it; all serious findings of all pages, by path. */
async function auditAll(page: Page, paths: string[]): Promise<Record<string, string[]>> {
  const serious: Record<string, string[]> = {};
  for (const path of paths) {
    await go(page, path);
    await page.mouse.move(0, 0); // the pointer left over a link from a click would show its hover colour
    await settled(page);
    const found = await audit(page);
    if (found.minor.length > 0) console.log(`axe (minor) ${path}:\n  ${found.minor.join('\n  ')}`);
    if (found.serious.length > 0) serious[path] = found.serious;
  }
  return serious;
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it('the sign-in page and the public pages have no serious violation', async () => {
    const s = await e.newPage();
    const published = (await currentProjects(e.db, { status: 'published' }))[0]!;
    await s.page.goto('/login');
    await settled(s.page);
    const login = await audit(s.page);
    const pub = await auditAll(s.page, ['/public', `/public/departments/${published.departmentId}`, `/public/projects/${published.id}`]);
    expect({ '/login': login.serious, ...pub }).toEqual({ '/login': [] });
    await s.close();
  });

  it('every page of the reviewer, the system administrator and the security auditor has no serious violation', async () => {
    const project = (await currentProjects(e.db, { status: 'approved' }))[0]!;
    const assessed = (await listExAnte(e.db, {})).items[0]!;
    const reviewer = await e.session('reviewer');
    const found = await auditAll(reviewer.page, [
      '/workbench',
      '/projects',
      `/projects/${project.id}`,
      '/review',
      '/departments',
      `/departments/${project.departmentId}`,
      '/dashboard',
      '/monitoring',
      `/monitoring/departments/${project.departmentId}`,
      `/projects/${project.id}/monitoring`,
      '/self-evaluations',
      `/self-evaluations/departments/${project.departmentId}`,
      `/projects/${project.id}/self-evaluation`,
      '/library',
      '/ex-ante',
      `/projects/${assessed.projectId}/ex-ante`,
      '/rectifications',
      '/results',
      '/import',
      '/account/password',
    ]);
    const admin = await e.session('admin');
    Object.assign(found, await auditAll(admin.page, ['/admin/users', '/admin/regions?tab=approval']));
    const auditor = await e.session('auditor');
    Object.assign(found, await auditAll(auditor.page, ['/audit']));
    expect(found).toEqual({});
    // some two dozen pages, each loaded and audited: about a minute on an idle 2-core machine
  }, 180_000);

  it('the widest menu (the reviewer’s: 三员分立 leaves the administrator only 用户) fits a 1366 px screen: no entry hidden behind “…” (antd hides overflowing entries from assistive technology)', async () => {
    const admin = await e.session('reviewer');
    await admin.page.setViewportSize({ width: 1366, height: 768 });
    await go(admin.page, '/workbench');
    await settled(admin.page);
    const menu = await admin.page.evaluate(() => ({
      hidden: [...document.querySelectorAll('.app-menu .ant-menu-overflow-item[aria-hidden="true"] [data-testid^="nav-"]')].map((x) => x.textContent),
      entries: document.querySelectorAll('.app-menu [data-testid^="nav-"]').length,
    }));
    expect(menu).toEqual({ hidden: [], entries: 13 });
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
