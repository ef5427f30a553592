/**
 * The web app's page as the server answers it (issue 34, point 7): with the session and the page's
 * scripts named (app/spa-shell.ts). The templates are the build's shape in a temporary folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOT_ELEMENT_ID, type PageBoot } from '../../src/shared/api/boot';
import { createUser, startTestApp, TEST_PASSWORD } from './support';

/** The modulepreload links of a page. */
const preloads = (html: string) => [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'jixiao-shell-'));
  mkdirSync(join(root, 'assets'));
  mkdirSync(join(root, '.vite'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index-a.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(root, 'public.html'), '<!doctype html><html><head><script type="module" src="/assets/public-a.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(
    join(root, '.vite', 'manifest.json'),
    JSON.stringify({
      'index.html': { file: 'assets/index-a.js', isEntry: true, imports: ['_react-a.js'] },
      '_react-a.js': { file: 'assets/react-a.js' },
      '_table-a.js': { file: 'assets/table-a.js', imports: ['_react-a.js'] },
      'pages/workbench-page.tsx': { file: 'assets/workbench-page-a.js', isDynamicEntry: true, imports: ['_table-a.js', '_react-a.js', 'index.html'] },
      'pages/login-page.tsx': { file: 'assets/login-page-a.js', isDynamicEntry: true, imports: ['_react-a.js'] },
      'pages/password-page.tsx': { file: 'assets/password-page-a.js', isDynamicEntry: true, imports: ['_react-a.js'] },
      'pages/review-page.tsx': { file: 'assets/review-page-a.js', isDynamicEntry: true, imports: ['_table-a.js'] },
    }),
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The page's boot data block, parsed. */
function bootOf(html: string): PageBoot {
  const m = new RegExp(`<script type="application/json" id="${BOOT_ELEMENT_ID}">([^<]*)</script>`).exec(html);
  expect(m, 'the page has its boot data').not.toBeNull();
  return JSON.parse(m![1]!) as PageBoot;
}

describe('the app page', () => {
  it('carries the session and names the scripts of the page the visitor will see; private when signed in', async () => {
    const t = await startTestApp({ webRoot: root });
    await createUser(t.db, { username: 'li', role: 'reviewer' });
    const anon = t.client();
    const login = await anon.get('/workbench');
    expect(login.headers['cache-control']).toBe('no-cache');
    expect(bootOf(login.body)).toStrictEqual({ user: null, csrfToken: null });
    // not signed in: the sign-in page is what the visitor will see
    expect(login.body).toContain('<link rel="modulepreload" crossorigin href="/assets/login-page-a.js">');
    expect(login.body).not.toContain('workbench-page-a.js');

    const li = t.client();
    expect((await li.login('li', TEST_PASSWORD)).statusCode).toBe(200);
    const page = await li.get('/workbench');
    expect(page.headers['cache-control']).toBe('private, no-store');
    const boot = bootOf(page.body);
    expect(boot.user).toMatchObject({ username: 'li', role: 'reviewer' });
    expect(boot.csrfToken).toBe(li.csrfToken);
    // the page's own chunks, not those the entry loads already
    expect(page.body).toContain('href="/assets/workbench-page-a.js"');
    expect(page.body).toContain('href="/assets/table-a.js"');
    expect(page.body).not.toContain('href="/assets/react-a.js"');
    expect(preloads(page.body)).toStrictEqual(['/assets/workbench-page-a.js', '/assets/table-a.js']);

    // signed out: the next page is anonymous again, and its earlier session does not come back
    expect((await li.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await li.get('/workbench');
    expect(after.headers['cache-control']).toBe('no-cache');
    expect(bootOf(after.body)).toStrictEqual({ user: null, csrfToken: null });
    expect(preloads(after.body)).toStrictEqual(['/assets/login-page-a.js']);
  });

  it('escapes what it writes: a display name cannot end the data block', async () => {
    const t = await startTestApp({ webRoot: root });
    const name = '</script><script>alert(1)</script><!-- $& \u2028';
    await createUser(t.db, { username: 'wang', role: 'reviewer', displayName: name });
    const wang = t.client();
    expect((await wang.login('wang', TEST_PASSWORD)).statusCode).toBe(200);
    const page = await wang.get('/projects/3');
    // one script element of ours (the data block) and the entry: nothing the name opened
    expect(page.body.match(/<script/g)).toHaveLength(2);
    expect(page.body).not.toContain('<!--');
    expect(bootOf(page.body).user?.displayName).toBe(name);
  });

  it('names the page a visitor will be shown: the password page first, a section the review queue, nothing for a page not theirs', async () => {
    const t = await startTestApp({ webRoot: root });
    await createUser(t.db, { username: 'zhao', role: 'reviewer' });
    await t.db.updateTable('appUser').set({ mustChangePassword: 1 }).where('username', '=', 'zhao').execute();
    const zhao = t.client();
    expect((await zhao.login('zhao', TEST_PASSWORD)).statusCode).toBe(200);
    expect(preloads((await zhao.get('/review')).body)).toStrictEqual(['/assets/password-page-a.js']);

    // a business section's account (财政业务科室审核) opens the review queue
    const section = await t.client('section');
    expect(preloads((await section.get('/review')).body)).toStrictEqual(['/assets/review-page-a.js', '/assets/table-a.js']);

    const auditor = await t.client('auditor');
    const forbidden = await auditor.get('/review');
    expect(bootOf(forbidden.body).user).toMatchObject({ role: 'auditor' });
    expect(preloads(forbidden.body)).toStrictEqual([]);
    // an address of no page: the frame's 404, nothing preloaded
    expect(preloads((await auditor.get('/no-such-page')).body)).toStrictEqual([]);
  });
});
