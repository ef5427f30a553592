/**
 * Every page of the web app, as each role sees it on a 390 px phone (issue 58), in a real browser on
 * the demo data: no raw key (a field's path, a table's name with an id, an English field name or
 * value), no amount with more than two decimals, and nothing wider than the screen (scan.ts). The
 * pages are the app's own list (shared/api/page-routes.ts), each address with ids of the demo's data
 * that role may open; a page of the list no role here opens fails the test, so a new page is scanned
 * from the day it is added.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_ROUTES, type PageRoute } from '../../src/shared/api/page-routes';
import { login, open, useE2e } from './harness';
import { DEMO_ACCOUNTS as ACCOUNTS, pageAddresses, pageReady } from './page-addresses';
import { scanPage } from './scan';

const e = useE2e();

describe('every page, every role, on a 390 px phone: no raw key, no long amount, nothing wider than the screen', () => {
  const scanned = new Set<string>();

  for (const account of ACCOUNTS) {
    it(account.username ?? 'the public', async () => {
      const s = await e.newPage();
      if (account.username !== null) await login(s.page, ...e.account(account.username));
      await s.page.setViewportSize({ width: 390, height: 844 });
      const found: Record<string, unknown> = {};
      for (const path of await pageAddresses(e, account.role, account.username)) {
        await open(s.page, path);
        await pageReady(s.page);
        const problems = await scanPage(s.page);
        if (problems.rawKeys.length > 0 || problems.money.length > 0 || problems.overflow > 0) found[path] = problems;
        scanned.add(PAGE_ROUTES.find((r) => r.path === path || new RegExp(`^${r.path.replace(/:\w+/g, '\\d+')}$`).test(path))?.path ?? path);
      }
      expect(found).toStrictEqual({});
      // a page a level reviewer may open by its address but whose data is not its (自评, 整改 …): the API's refusal, shown as such
      s.expectNoErrors(account.role === 'supervisor' || account.role === 'section' ? [/status of 403/] : []);
      await s.close();
    }, 240_000);
  }

  it('scanned every page of the app', () => {
    const all = (PAGE_ROUTES as readonly PageRoute[]).map((r) => r.path).filter((p) => p !== '/login');
    expect(all.filter((p) => !scanned.has(p))).toStrictEqual([]);
  });
});
