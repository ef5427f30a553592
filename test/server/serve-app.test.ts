import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app/app';
import { AppError } from '../../src/server/app/errors';
import { useTestDatabase } from '../db/helpers';
import { startTestApp } from './support';

describe('the API platform', () => {
  it('serves the OpenAPI document at /api/docs/json listing the routes, and the docs page', async () => {
    const t = await startTestApp();
    const res = await t.client().get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/session', '/api/auth/login', '/api/auth/logout', '/api/users', '/api/users/{id}']));
    expect(Object.keys(doc.paths['/api/users/{id}'])).toEqual(['patch']);
    // zod schemas become JSON schemas
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(login.responses['200'].content['application/json'].schema.properties).toHaveProperty('csrfToken');
    // the docs' own routes are not listed
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/docs'))).toBe(false);
    const page = await t.client().get('/api/docs');
    expect([200, 302]).toContain(page.statusCode);
  });

  it('an unknown /api route is a JSON 404, whatever the method', async () => {
    const t = await startTestApp();
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await t.client().request(method, '/api/no-such-thing');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.json()).toEqual({ statusCode: 404, code: 'not-found', message: '接口不存在' });
    }
  });

  it('a malformed JSON body is a 400 without details of the parser', async () => {
    const t = await startTestApp();
    const c = t.client();
    await c.refreshSession();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrfToken!, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ statusCode: 400, code: 'bad-request', message: '请求格式不正确' });
  });

  it('an unexpected error is 500 服务器内部错误: logged, never a stack trace or message in the response', async () => {
    const db = await useTestDatabase();
    const app = await buildApp({ db, webRoot: null });
    app.get('/api/test/boom', async () => {
      throw new Error('secret detail at /work/main/src/x.ts:12');
    });
    app.get('/api/test/app-error', async () => {
      throw new AppError(409, 'stale-version', '该项目已被他人修改');
    });
    await app.ready();
    try {
      const res = await app.inject({ method: 'GET', url: '/api/test/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ statusCode: 500, code: 'internal', message: '服务器内部错误' });
      expect(res.body).not.toContain('secret');
      expect(res.body).not.toContain('.ts');
      const known = await app.inject({ method: 'GET', url: '/api/test/app-error' });
      expect(known.statusCode).toBe(409);
      expect(known.json()).toEqual({ statusCode: 409, code: 'stale-version', message: '该项目已被他人修改' });
    } finally {
      await app.close();
    }
  });

  it('API answers are not cached and carry basic security headers', async () => {
    const t = await startTestApp();
    const res = await t.client().get('/api/auth/session');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('every answer carries the protective headers: a CSP without inline scripts, no framing, nosniff, same-origin referrers', async () => {
    const t = await startTestApp();
    const anon = t.client();
    for (const res of [await anon.get('/api/auth/session'), await anon.get('/api/nothing-here'), await anon.get('/api/docs/static/index.html'), await anon.post('/api/auth/logout', {}, { csrf: false })]) {
      const csp = String(res.headers['content-security-policy']);
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
      expect(directives.get('script-src')).toStrictEqual(["'self'"]);
      expect(directives.get('default-src')).toStrictEqual(["'self'"]);
      expect(directives.get('object-src')).toStrictEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toStrictEqual(["'none'"]);
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      // not over plain http unless the operator declared https
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    const https = await startTestApp({ secureCookies: true });
    expect((await https.client().get('/api/auth/session')).headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  });
});

describe('the web app', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>绩效</title><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves index.html at / and for any client-side route; assets with long caching', async () => {
    const t = await startTestApp({ webRoot: root });
    const c = t.client();
    for (const url of ['/', '/projects/12', '/review?status=submitted', '/assets/', '/assets']) {
      const res = await c.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    }
    const asset = await c.get('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    // the API is not shadowed by the fallback
    expect((await c.get('/api/nothing')).json().code).toBe('not-found');
    expect((await c.get('/api/auth/session')).json()).toHaveProperty('csrfToken');
  });

  it('compresses: prebuilt .br/.gz twins of assets by Accept-Encoding, index.html and API JSON on the fly; small answers as they are', async () => {
    const body = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, name: `项目${i}` })))};`;
    writeFileSync(join(root, 'assets', 'big-abc123.js'), body);
    writeFileSync(join(root, 'assets', 'big-abc123.js.br'), brotliCompressSync(body));
    writeFileSync(join(root, 'assets', 'big-abc123.js.gz'), gzipSync(body));
    const t = await startTestApp({ webRoot: root });
    const c = t.client();
    const br = await c.get('/assets/big-abc123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(body);
    const gz = await c.get('/assets/big-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(body);
    const plain = await c.get('/assets/big-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(body);
    // the API: JSON compressed per request when it is big enough
    const api = await c.get('/api/docs/json', { headers: { 'accept-encoding': 'br;q=0, gzip' } });
    expect(api.headers['content-encoding']).toBe('gzip');
    expect(api.headers.vary).toMatch(/accept-encoding/);
    expect(JSON.parse(gunzipSync(api.rawPayload).toString())).toHaveProperty('paths');
    const small = await c.get('/api/auth/session', { headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toHaveProperty('csrfToken');
  });

  it('negotiates: Brotli before gzip, honours q=0, none for identity or without Accept-Encoding; index.html on the fly; binary files as they are', async () => {
    const t = await startTestApp({ webRoot: root });
    const c = t.client();
    const encodingFor = async (accept: string | undefined) => {
      const res = await c.get('/api/docs/json', accept === undefined ? {} : { headers: { 'accept-encoding': accept } });
      expect(res.statusCode).toBe(200);
      return res.headers['content-encoding'];
    };
    expect(await encodingFor('gzip, deflate, br, zstd')).toBe('br');
    expect(await encodingFor('gzip')).toBe('gzip');
    expect(await encodingFor('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(await encodingFor('deflate')).toBeUndefined();
    expect(await encodingFor('identity')).toBeUndefined();
    expect(await encodingFor(undefined)).toBeUndefined();

    // the SPA's index.html (the fallback for client-side routes), when it is big enough
    const big = `<!doctype html><title>绩效</title><div id="root"></div>${'<!-- padding -->'.repeat(200)}`;
    writeFileSync(join(root, 'index.html'), big);
    try {
      const html = await c.get('/projects/12', { headers: { 'accept-encoding': 'br' } });
      expect(html.headers['content-encoding']).toBe('br');
      expect(html.headers['cache-control']).toBe('no-cache');
      // the page as built, with the session's data block after the root (spa-shell.ts)
      const page = brotliDecompressSync(html.rawPayload).toString();
      expect(page.replace(/<script type="application\/json" id="jixiao-boot">[^<]*<\/script>/, '')).toBe(big);
    } finally {
      writeFileSync(join(root, 'index.html'), '<!doctype html><title>绩效</title><div id="root"></div>');
    }

    // a binary file (a spreadsheet, as the exports are) is not compressed
    const sheet = Buffer.alloc(4096, 7);
    writeFileSync(join(root, 'assets', 'book-abc123.xlsx'), sheet);
    const xlsx = await c.get('/assets/book-abc123.xlsx', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    expect(xlsx.rawPayload.equals(sheet)).toBe(true);
  });

  it('serves only the files under its root, by exact name; a missing asset is 404, not the page; ETag and HEAD', async () => {
    writeFileSync(join(root, '..', 'outside-abc123.js'), 'secret');
    writeFileSync(join(root, 'assets', '.hidden.js'), 'hidden');
    const t = await startTestApp({ webRoot: root });
    const c = t.client();
    for (const url of ['/assets/../../outside-abc123.js', '/assets/%2e%2e/%2e%2e/outside-abc123.js', '/assets/..%2f..%2foutside-abc123.js', '/assets/.hidden.js', '/assets//index-abc123.js']) {
      const res = await c.get(url);
      expect(res.body, url).not.toContain('secret');
      expect(res.body, url).not.toContain('hidden');
    }
    expect((await c.get('/assets/gone-abc123.js')).statusCode).toBe(404);
    // added after the start (a rebuild while the server runs): found on its first request
    writeFileSync(join(root, 'assets', 'late-abc123.js'), 'console.log(2)');
    const late = await c.get('/assets/late-abc123.js');
    expect(late.statusCode).toBe(200);
    expect(late.headers['content-type']).toMatch(/javascript/);
    const again = await c.get('/assets/late-abc123.js', { headers: { 'if-none-match': String(late.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const head = await c.request('HEAD', '/assets/late-abc123.js');
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    rmSync(join(root, '..', 'outside-abc123.js'));
  });

  it('without a built web app, / says so in Chinese and the API still works', async () => {
    const t = await startTestApp({ webRoot: join(root, 'missing') });
    const res = await t.client().get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('网页应用尚未构建');
    expect((await t.client().get('/api/auth/session')).statusCode).toBe(200);
  });
});

describe('npm start: when the web app needs building', () => {
  it('missing, stale when a source is newer, else up to date', async () => {
    const { webBuildPaths, webBuildReason } = await import('../../src/server/app/web-build');
    const root = mkdtempSync(join(tmpdir(), 'jixiao-build-'));
    try {
      mkdirSync(join(root, 'src', 'web', 'pages'), { recursive: true });
      mkdirSync(join(root, 'src', 'shared'), { recursive: true });
      writeFileSync(join(root, 'src', 'web', 'pages', 'a.tsx'), '');
      writeFileSync(join(root, 'vite.config.ts'), '');
      const paths = webBuildPaths(root);
      expect(webBuildReason(paths)).toBe('missing');
      mkdirSync(join(root, 'dist', 'web'), { recursive: true });
      writeFileSync(paths.index, '');
      const old = new Date(Date.now() - 60_000);
      const built = new Date(Date.now() - 30_000);
      for (const f of [join(root, 'src', 'web', 'pages', 'a.tsx'), join(root, 'vite.config.ts')]) utimesSync(f, old, old);
      utimesSync(paths.index, built, built);
      // the browser's app without the server's drawing module (dist/web-render) is not a whole build
      expect(webBuildReason(paths)).toBe('missing');
      mkdirSync(join(root, 'dist', 'web-render'), { recursive: true });
      writeFileSync(paths.render, '');
      utimesSync(paths.render, built, built);
      expect(webBuildReason(paths)).toBeNull();
      writeFileSync(join(root, 'src', 'shared', 'b.ts'), ''); // newer than the build
      expect(webBuildReason(paths)).toBe('stale');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
