/**
 * Download names in a real browser (issue 35, point 3): Chromium saves a download under the name
 * of its Content-Disposition's `filename*` only when that is valid RFC 5987; with a raw ' ( ) * !
 * (encodeURIComponent's output) it fell back and saved the file without its extension. A bare
 * HTTP server answers with app/download.ts attachmentHeader — the one helper every download of
 * the API uses — for names with every awkward character; each is saved with its name and extension.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentHeader } from '../../src/server/app/download';
import { sharedBrowser } from './browser';

const NAMES = ["单位'甲'(2025)预算!.xlsx", "O'Brien (copy) final!.docx", '整改 报告 #1 & 附件 $+,;=@[]{}^`~%.pdf', 'jixiao-evidence-2-17 (1).txt'];

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><body>${NAMES.map((_, i) => `<a id="d${i}" href="/files/${i}">下载</a>`).join(' ')}</body>`);
      return;
    }
    const i = Number(url.pathname.split('/').pop());
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': attachmentHeader(NAMES[i]!, `jixiao-file-${i}.bin`) });
    res.end('内容');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await sharedBrowser();
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('downloads in Chromium', () => {
  it('keep names with awkward characters, and their extensions', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(base);
    for (const [i, name] of NAMES.entries()) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#d${i}`)]);
      const saved = download.suggestedFilename();
      expect(saved, `${name} saved as ${saved}`).toBe(name);
    }
    await context.close();
  }, 60_000);
});
