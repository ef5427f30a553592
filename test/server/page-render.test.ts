/**
 * The public pages drawn on the server (issue 34, point 7; app/page-render.ts): an anonymous visitor's public page
 * arrives with its content, the answers it was drawn with and its styles; a signed-in visitor's does not; a drawing
 * is sent again only while the API gives the answers it was drawn from; a drawing that fails or takes too long leaves
 * the page as it was (drawn in the browser). The drawing module here is a stand-in with the built one's shape (the real one is built from src/web and
 * tried in the browser: test/e2e/public-drawn.test.ts); it runs in the server's worker thread as the real one does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_STATE_ELEMENT_ID } from '../../src/shared/api/boot';
import { importFixture } from './domain-support';
import { createDepartment, createUser, startTestApp, TEST_PASSWORD } from './support';

let root: string;
let webRoot: string;
let module: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'jixiao-drawn-'));
  webRoot = join(root, 'web');
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(
    join(webRoot, 'index.html'),
    '<!doctype html><html><head><script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/react-a.js"><link rel="stylesheet" crossorigin href="/assets/index-a.css"></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(webRoot, 'assets', 'index-a.css'), '.app-header{height:56px}');
  module = join(root, 'server-render.mjs');
  // Draws the address, what the public API answered it, and how many drawings this worker made; fails or never
  // finishes for the addresses that say so.
  writeFileSync(
    module,
    `let drawings = 0;
    export async function renderPage({ url, get }) {
      if (url.includes('fail')) throw new Error('the drawing failed');
      if (url.includes('slow')) return new Promise(() => {});
      drawings++;
      const answer = await get('/api/public/departments');
      const count = JSON.parse(answer.body).items.length;
      return { html: '<p data-testid="drawn">' + url + ' ' + answer.status + ' ' + count + ' departments, drawing ' + drawings + '</p>', styles: '<style data-drawn>.x{}</style>', state: { queries: [], url } };
    }`,
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const drawnOf = (html: string) => /<div id="root">(.*?)<\/div>/.exec(html)?.[1] ?? null;

describe('the public pages drawn on the server', () => {
  it('an anonymous visitor gets the content, its answers and styles, and no scripts named ahead; a signed-in one the plain page', async () => {
    const t = await startTestApp({ webRoot, pageRenderModule: module });
    try {
      const page = await t.client().get('/public?q=x');
      expect(page.statusCode).toBe(200);
      expect(drawnOf(page.body)).toBe('<p data-testid="drawn">/public?q=x 200 0 departments, drawing 1</p>');
      expect(page.body).toContain(`<script type="application/json" id="${SERVER_STATE_ELEMENT_ID}">{"queries":[],"url":"/public?q=x"}</script>`);
      // antd's styles first in the head, the app's stylesheet in the page, the scripts loaded after it is shown
      expect(page.body).toMatch(/^<!doctype html><html><head><style data-drawn>/);
      expect(page.body).toContain('<style>.app-header{height:56px}</style>');
      expect(page.body).not.toContain('rel="stylesheet"');
      expect(page.body).not.toContain('modulepreload');
      // the app's entry added by after-paint.js once the page is shown
      expect(page.body).not.toContain('<script type="module"');
      expect(page.body).toContain('<script defer src="/after-paint.js" data-entry="/assets/index-a.js"></script>');

      await createUser(t.db, { username: 'li', role: 'reviewer' });
      const li = t.client();
      expect((await li.login('li', TEST_PASSWORD)).statusCode).toBe(200);
      const signedIn = await li.get('/public?q=x');
      expect(drawnOf(signedIn.body)).toBe('');
      expect(signedIn.body).not.toContain(SERVER_STATE_ELEMENT_ID);
      // a page that is not public is never drawn
      expect(drawnOf((await t.client().get('/workbench')).body)).toBe('');
    } finally {
      await t.close();
    }
  });

  it('sends a drawing again while the answers it was drawn from are the same, and draws anew when one changes', async () => {
    const t = await startTestApp({ webRoot, pageRenderModule: module });
    try {
      expect(drawnOf((await t.client().get('/public')).body)).toContain('0 departments, drawing 1');
      // a department with nothing published is not public: the answer is the same, and so is the page
      await createDepartment(t.db, { name: '新部门' });
      expect(drawnOf((await t.client().get('/public')).body)).toContain('0 departments, drawing 1');
      // another address is another drawing
      expect(drawnOf((await t.client().get('/public?q=x')).body)).toContain('drawing 2');
      // a project published: the answer changed, the page is drawn again from it
      const fx = await importFixture(t.db, 'f001');
      await t.db.updateTable('project').set({ status: 'published' }).where('id', '=', fx.projectIds[0]!).execute();
      expect(drawnOf((await t.client().get('/public')).body)).toContain('1 departments, drawing 3');
      expect(drawnOf((await t.client().get('/public')).body)).toContain('1 departments, drawing 3');
    } finally {
      await t.close();
    }
  });

  it('a drawing that fails, or takes longer than 3 s, leaves the page to the browser', async () => {
    const t = await startTestApp({ webRoot, pageRenderModule: module });
    try {
      const failed = await t.client().get('/public/projects/fail');
      expect(failed.statusCode).toBe(200);
      expect(drawnOf(failed.body)).toBe('');
      expect(failed.body).toContain('modulepreload');
      expect(failed.body).toContain('<script type="module" crossorigin src="/assets/index-a.js"></script>');
      const slow = await t.client().get('/public/projects/slow');
      expect(slow.statusCode).toBe(200);
      expect(drawnOf(slow.body)).toBe('');
      // the worker still draws the next page
      expect(drawnOf((await t.client().get('/public')).body)).toContain('drawing 1');
    } finally {
      await t.close();
    }
  });

  it('with 8 drawings waiting already, the next page is sent undrawn at once', async () => {
    const t = await startTestApp({ webRoot, pageRenderModule: module });
    try {
      // eight drawings that never finish (each sent undrawn after 3 s, still owed by the worker)
      const stuck = Array.from({ length: 8 }, (_, i) => t.client().get(`/public/projects/slow-${i}`));
      await expect.poll(async () => drawnOf((await t.client().get('/public')).body)).toBe('');
      for (const page of await Promise.all(stuck)) expect(drawnOf(page.body)).toBe('');
    } finally {
      await t.close();
    }
  });

  it('without the built drawing module the pages are as before', async () => {
    const t = await startTestApp({ webRoot, pageRenderModule: join(root, 'missing.mjs') });
    try {
      expect(drawnOf((await t.client().get('/public')).body)).toBe('');
    } finally {
      await t.close();
    }
  });
});
