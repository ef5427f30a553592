/**
 * Exact figures on every screen (issue 34 §2), in a real browser on the demo data: every page of
 * the reviewer, of a department's editor and of the public — and the drawers that show amounts
 * (a results sheet, an indicator's library entry) — is scanned for a number with more than two
 * decimals and for "万元 万元". Editable inputs keep the exact amount they will save (a 万元 amount
 * may have up to six decimals) and are not scanned; their placeholders are.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listExAnte } from '../../src/server/modules/ex-ante/ex-ante.service';
import { currentProjects } from './data';
import { go, useE2e } from './harness';

const e = useE2e();

/** The page once its data has arrived: no spinner, no 加载中, and the same text over two looks 200 ms apart. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('main, .public-page, form') !== null && document.querySelector('.ant-spin-spinning') === null && !document.body.innerText.includes('加载中'), undefined, { timeout: 15_000 });
  let before = '';
  for (let i = 0; i < 50; i++) {
    const now = await page.evaluate(() => document.body.innerText);
    if (now === before) return;
    before = now;
    await page.waitForTimeout(200);
  }
}

/** What a page shows that breaks the format: numbers with more than two decimals, a doubled unit. */
async function badFigures(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    // a document's own figures keep their digits (a department's whole money, issue 58): marked, and left out
    const marked = [...document.querySelectorAll('[data-document-figure]')].map((el) => (el as HTMLElement).innerText);
    const shown = marked.reduce((t, m) => (m === '' ? t : t.split(m).join('')), document.body.innerText);
    const placeholders = [...document.querySelectorAll('input[placeholder], textarea[placeholder]')].map((x) => x.getAttribute('placeholder') ?? '');
    return `${shown}\n${placeholders.join('\n')}`;
  });
  const bad: string[] = [];
  for (const m of text.matchAll(/[^\s]{0,12}\d\.\d{3,}[^\s]{0,6}/g)) bad.push(m[0]);
  // on one line of one cell (an amount's cell beside an input with the suffix 万元 is no doubled unit)
  for (const m of text.matchAll(/.{0,12}万元[ \u00a0]*万元/g)) bad.push(m[0]);
  return bad;
}

async function scanAll(page: Page, paths: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await go(page, path);
    await settled(page);
    const bad = await badFigures(page);
    if (bad.length > 0) found[path] = [...new Set(bad)].slice(0, 8);
  }
  return found;
}

describe('no amount with more than two decimals on any page', () => {
  it('the reviewer’s pages and drawers', async () => {
    const project = (await currentProjects(e.db, { status: 'approved' }))[0]!;
    const published = (await currentProjects(e.db, { status: 'published' }))[0]!;
    const assessed = (await listExAnte(e.db, {})).items[0]!;
    const rectification = await e.db.selectFrom('rectificationItem').select('id').orderBy('id').executeTakeFirst();
    const s = await e.session('reviewer');
    const paths = [
      '/workbench',
      '/projects',
      `/projects/${project.id}`,
      `/projects/${published.id}`,
      '/review',
      '/departments',
      `/departments/${project.departmentId}`,
      '/dashboard',
      '/monitoring',
      `/monitoring/departments/${project.departmentId}`,
      `/projects/${project.id}/monitoring`,
      `/projects/${published.id}/monitoring`,
      '/self-evaluations',
      `/self-evaluations/departments/${project.departmentId}`,
      `/projects/${project.id}/self-evaluation`,
      `/projects/${published.id}/self-evaluation`,
      '/library',
      '/ex-ante',
      `/projects/${assessed.projectId}/ex-ante`,
      '/rectifications',
      ...(rectification ? [`/rectifications/${rectification.id}`] : []),
      '/results',
    ];
    const found = await scanAll(s.page, paths);

    // a results sheet (the drawer of 结果运用)
    await go(s.page, '/results');
    const link = s.page.getByTestId('results-project-link').first();
    await link.waitFor();
    await link.click();
    await s.page.getByTestId('results-sheet-body').waitFor();
    await settled(s.page);
    const sheet = await badFigures(s.page);
    if (sheet.length > 0) found['/results (结果运用表)'] = sheet;
    await s.page.keyboard.press('Escape');

    // the library's entries with an amount target, and one entry's drawer
    await go(s.page, '/library?search=%E4%B8%87%E5%85%83');
    await settled(s.page);
    const lib = await badFigures(s.page);
    if (lib.length > 0) found['/library?search=万元'] = lib;
    const entry = s.page.getByTestId('library-entry-link').first();
    if ((await entry.count()) > 0) {
      await entry.click();
      await s.page.locator('.ant-drawer-body').first().waitFor();
      await settled(s.page);
      const drawer = await badFigures(s.page);
      if (drawer.length > 0) found['/library (entry)'] = drawer;
    }
    expect(found).toEqual({});
    s.expectNoErrors();
  });

  it('a department editor’s pages', async () => {
    const editor = e.demoLogins.find((l) => l.role === 'editor')!;
    const mine = await currentProjects(e.db, { departmentCode: editor.username.replace(/^dept-/, '') });
    const draft = mine.find((p) => p.status === 'draft' || p.status === 'returned')!;
    const monitored = mine.find((p) => p.status === 'approved' || p.status === 'published') ?? draft;
    const s = await e.session(editor.username);
    const found = await scanAll(s.page, [
      '/workbench',
      '/projects',
      `/projects/${draft.id}`,
      `/projects/${draft.id}/edit`,
      `/projects/${monitored.id}`,
      '/monitoring',
      `/projects/${monitored.id}/monitoring`,
      '/self-evaluations',
      `/projects/${monitored.id}/self-evaluation`,
      '/ex-ante',
      '/rectifications',
      '/results',
      '/library',
    ]);
    expect(found).toEqual({});
    s.expectNoErrors();
  });

  it('the public pages', async () => {
    const published = await currentProjects(e.db, { status: 'published' });
    const s = await e.newPage();
    const found = await scanAll(s.page, ['/public', `/public/departments/${published[0]!.departmentId}`, ...published.slice(0, 5).map((p) => `/public/projects/${p.id}`)]);
    expect(found).toEqual({});
    // the scan itself finds what the issue saw (a check that it can fail)
    await s.page.setContent('<main><p>下年增减 -156.7515 万元</p><p>预算 832.118</p><p>合计 10.00 万元 万元</p><input placeholder="795.8752"></main>');
    expect(await badFigures(s.page)).toEqual(['-156.7515', '832.118', '795.8752', '合计 10.00 万元 万元']);
    await s.close();
  });
});
