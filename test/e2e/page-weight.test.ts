/**
 * Issue 34, point 7, in a real browser against the built app: the public pages stay light (the
 * JavaScript they load: no ECharts, no editor, all of it compressed), answers are
 * compressed (Brotli or gzip) and hashed assets are cached for good while index.html is not.
 * A page that starts importing ECharts or the review rules into the public pages fails here, and
 * so does one whose scripts, as transferred, reach the goal's 300 KB (antd's Table, Card, Tabs,
 * Select: the public pages draw their lists with components/plain.tsx instead).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { go, open, useE2e } from './harness';

const e = useE2e();

interface Loaded {
  /** The scripts the page loaded: path and bytes as transferred (encoded body). */
  scripts: { path: string; encoded: number; decoded: number }[];
  encodedTotal: number;
}

/** The scripts a page loaded, from the browser's resource timing (same origin: sizes are exposed). */
async function scriptsOf(page: Page): Promise<Loaded> {
  const scripts = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => new URL(r.name).pathname.endsWith('.js'))
      .map((r) => ({ path: new URL(r.name).pathname, encoded: r.encodedBodySize, decoded: r.decodedBodySize })),
  );
  return { scripts, encodedTotal: scripts.reduce((s, r) => s + r.encoded, 0) };
}

/** A public page opened in a fresh context (cold cache), until its content is there. */
async function openCold(path: string, content: string): Promise<Loaded> {
  const s = await e.newPage();
  try {
    await open(s.page, path);
    await s.page.locator(content).first().waitFor();
    await s.page.waitForLoadState('networkidle');
    const loaded = await scriptsOf(s.page);
    s.expectNoErrors();
    return loaded;
  } finally {
    await s.close();
  }
}

/** The goal of issue 34 (and npm run bench:pages): a public page transfers less JavaScript than this. */
const PUBLIC_JS_LIMIT = 300 * 1024;

describe('the public pages load little JavaScript', () => {
  it('the public list, a department and a project: under 300 KB of script, no ECharts, no editor, no antd Table, every script compressed', async () => {
    const projects = (await (await fetch(`${e.url}/api/public/projects?pageSize=1`)).json()) as { items: { id: number; departmentId: number }[] };
    const project = projects.items[0]!;
    expect(project, 'the demo data has a published project').toBeDefined();
    const pages: [string, string][] = [
      ['/public', '[data-testid="public-project-row"], [data-testid="public-department-row"]'],
      [`/public/departments/${project.departmentId}`, '[data-testid="public-department"]'],
      [`/public/projects/${project.id}`, '[data-testid="public-project"]'],
    ];
    for (const [path, content] of pages) {
      const loaded = await openCold(path, content);
      const names = loaded.scripts.map((s) => s.path);
      expect(names.some((n) => /\/assets\/echarts-/.test(n)), `${path} loads ECharts: ${names.join(', ')}`).toBe(false);
      expect(names.some((n) => /\/assets\/(project-edit-page|echart)-/.test(n)), `${path} loads the editor or the chart component`).toBe(false);
      expect(names.some((n) => /\/assets\/table-/.test(n)), `${path} loads antd's Table`).toBe(false);
      expect(loaded.encodedTotal, `${path} transfers ${(loaded.encodedTotal / 1024).toFixed(1)} KB of JavaScript: ${names.join(', ')}`).toBeLessThan(PUBLIC_JS_LIMIT);
      // Every script came compressed: what went over the wire is well under what the browser ran.
      for (const s of loaded.scripts.filter((x) => x.decoded > 4096)) expect(s.encoded, `${s.path} compressed`).toBeLessThan(s.decoded * 0.6);
    }
  }, 180_000);
});

describe('compression and caching', () => {
  it('assets: Brotli or gzip by Accept-Encoding, cached for a year as immutable; index.html revalidated; API JSON compressed and not stored', async () => {
    // the sign-in page: the app's page as built (a public page arrives drawn, its entry added after it is shown)
    const html = await fetch(`${e.url}/login`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const page = await html.text(); // fetch decodes it
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script, 'index.html names its entry script').toBeDefined();

    for (const [accept, expected] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const r = await fetch(`${e.url}${script}`, { headers: { 'accept-encoding': accept } });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-encoding')).toBe(expected);
      expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(r.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(r.headers.get('content-type')).toMatch(/javascript/);
      expect((await r.text()).length).toBeGreaterThan(1000);
    }
    // A client that takes no compression gets the file as it is.
    const plain = await fetch(`${e.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();

    const api = await fetch(`${e.url}/api/public/projects?pageSize=50`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(api.status).toBe(200);
    expect(api.headers.get('content-encoding')).toBe('br');
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('vary')).toMatch(/accept-encoding/i);
    const body = (await api.json()) as { items: unknown[] };
    expect(body.items.length).toBeGreaterThan(0);

    // The browser itself asks for and gets compressed answers.
    const s = await e.newPage();
    try {
      // The page arrives drawn with its answers (app/page-render.ts): the app asks the API for the next page it shows.
      const { items } = (await (await fetch(`${e.url}/api/public/departments`)).json()) as { items: { id: number }[] };
      await open(s.page, '/public');
      const [response] = await Promise.all([s.page.waitForResponse((r) => r.url().includes(`/api/public/departments/${items[0]!.id}`)), go(s.page, `/public/departments/${items[0]!.id}`)]);
      const encoding = (await response.allHeaders())['content-encoding'];
      expect(['br', 'gzip']).toContain(encoding);
    } finally {
      await s.close();
    }
  }, 60_000);
});
