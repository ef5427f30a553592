/**
 * The walk of every role (issue 71's "Done when"), in a real browser on the demo data, at 1440 px and on a 390 px phone:
 * each demo account signs in and opens every page of its own menu (the links the app shows it), and a project's page
 * (the public: a published project's), and each is no wider than the screen, with no raw key and no amount of more than
 * two decimals (scan.ts). The record of the walk, docs/screens/walk.md, and its screenshots (docs/screens/walk/, what
 * the window shows) are written by `npm run screens` (JIXIAO_README_SCREENS=1), never by a test run.
 * pages-scan.test.ts scans every page of the app, menu or not, at 390 px.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ROLE_NAMES } from '../../src/shared/domain/duties';
import { README_SCREENS, RENEW_README_SCREENS } from './browser';
import { login, open, useE2e } from './harness';
import { DEMO_ACCOUNTS, pageAddresses, pageReady } from './page-addresses';
import { scanPage } from './scan';

const e = useE2e();
const WIDTHS = [1440, 390] as const;
const HEIGHT: Record<(typeof WIDTHS)[number], number> = { 1440: 900, 390: 844 };
const WALK_DIR = join(README_SCREENS, 'walk');

/** One page of a walk: where, what its heading says, how wide it drew, its screenshot (when renewed). */
interface Step {
  path: string;
  heading: string;
  scrollWidth: number;
  shot: string | null;
}
const walked = new Map<string, Step[]>();
const key = (who: string, width: number) => `${who}@${width}`;

/** The pages of the account's menu, as the app draws its links, and a project's page. */
async function walkOf(page: Page, role: (typeof DEMO_ACCOUNTS)[number]): Promise<string[]> {
  const addresses = await pageAddresses(e, role.role, role.username);
  const project = addresses.find((a) => (role.role === null ? /^\/public\/projects\/\d+$/ : /^\/projects\/\d+$/).test(a));
  const menu = await page.locator('a[data-testid^="nav-"]').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  return [...new Set([...(role.role === null ? ['/public'] : menu), ...(project === undefined ? [] : [project])])];
}

const slug = (path: string) => path.replace(/^\//, '').replace(/[/:]/g, '-') || 'home';

describe('the walk of every role, at 1440 and 390 px: every page of its menu no wider than the screen', () => {
  if (RENEW_README_SCREENS) {
    rmSync(WALK_DIR, { recursive: true, force: true });
    mkdirSync(WALK_DIR, { recursive: true });
  }

  for (const account of DEMO_ACCOUNTS) {
    const who = account.username ?? 'public';
    for (const width of WIDTHS) {
      it(`${account.role === null ? '公众' : ROLE_NAMES[account.role]} (${who}) at ${width} px`, async () => {
        const s = await e.newPage();
        await s.page.setViewportSize({ width: 1440, height: HEIGHT[1440] });
        if (account.username !== null) await login(s.page, ...e.account(account.username));
        else await open(s.page, '/public');
        const paths = await walkOf(s.page, account);
        expect(paths.length).toBeGreaterThan(0);
        await s.page.setViewportSize({ width, height: HEIGHT[width] });
        const steps: Step[] = [];
        const found: Record<string, unknown> = {};
        for (const path of paths) {
          // loaded afresh, as pages-scan.test.ts does: a page changed in place kept the last one's content while its own loaded
          await open(s.page, path);
          await pageReady(s.page);
          const problems = await scanPage(s.page);
          if (problems.rawKeys.length > 0 || problems.money.length > 0 || problems.overflow > 0) found[path] = problems;
          const heading = await s.page.evaluate(() => (['.page-title', 'main h1, main h2, main h3', 'h1, h2, h3'].map((q) => document.querySelector(q)).find((h) => h !== null) as HTMLElement | undefined)?.innerText.trim().split('\n')[0] ?? document.title);
          let shot: string | null = null;
          if (RENEW_README_SCREENS) {
            shot = `${who}-${width}-${slug(path)}.jpg`;
            await s.page.screenshot({ path: join(WALK_DIR, shot), type: 'jpeg', quality: 60 });
          }
          steps.push({ path, heading, scrollWidth: await s.page.evaluate(() => document.documentElement.scrollWidth), shot });
        }
        walked.set(key(who, width), steps);
        expect(found).toStrictEqual({});
        for (const step of steps) expect(step.scrollWidth, step.path).toBeLessThanOrEqual(width);
        s.expectNoErrors();
        await s.close();
      }, 300_000);
    }
  }

  afterAll(() => {
    if (!RENEW_README_SCREENS) return;
    const lines = [
      '# The walk of every role (issue 71)',
      '',
      'Written by `npm run screens` (test/e2e/role-walk.test.ts, JIXIAO_README_SCREENS=1) on the demo data: each demo account',
      'signs in and opens every page of its own menu and a project’s page, at 1440 × 900 and at 390 × 844 (a phone). Every',
      'page below was checked no wider than the screen (its document’s scroll width, given), with no raw key and no amount',
      'of more than two decimals; the screenshots are what the window shows (walk/).',
      '',
    ];
    for (const account of DEMO_ACCOUNTS) {
      const who = account.username ?? 'public';
      lines.push(`## ${account.role === null ? '公众（未登录）' : ROLE_NAMES[account.role]} — ${who}`, '', '| 页面 | 标题 | 1440 px | 390 px |', '| --- | --- | --- | --- |');
      const wide = walked.get(key(who, 1440)) ?? [];
      const narrow = walked.get(key(who, 390)) ?? [];
      for (const step of wide) {
        const phone = narrow.find((n) => n.path === step.path);
        const cell = (s: Step | undefined) => (s === undefined ? '—' : `宽 ${s.scrollWidth} px${s.shot === null ? '' : ` · [截图](walk/${s.shot})`}`);
        lines.push(`| \`${step.path.replace(/\/\d+/g, '/:id')}\` | ${step.heading.replace(/\|/g, '｜')} | ${cell(step)} | ${cell(phone)} |`);
      }
      lines.push('');
    }
    writeFileSync(join(README_SCREENS, 'walk.md'), lines.join('\n'));
  });
});
