/**
 * The built server (scripts/server-build.mjs, dist/server): the CLI run from the bundle answers as
 * the sources do, its paths (package.json, fixtures beside the checkout) resolve from dist/server,
 * its parse worker (dist/server/parse-worker.mjs, what parse-pool.ts loads there) reads files, and its page-drawing
 * worker (dist/server/page-render-worker.mjs, page-render.ts) draws with a drawing module and asks back for answers.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { promisify } from 'node:util';
import Piscina from 'piscina';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer, SERVER_ENTRY, serverBuildReason } from '../../scripts/server-build.mjs';
import { readForImport, type ReadForImport } from '../../src/server/modules/imports/import-files';

const run = promisify(execFile);
const BIN = resolve('bin/jixiao.js');
const FILES = ['test/documents/layouts/01-shenbao-grid.pdf', 'test/documents/layouts/03-lost-level1.docx', 'test/documents/layouts/10-department.pdf'];

async function cli(args: string[], sources: boolean): Promise<string> {
  const env = { ...process.env, JIXIAO_SOURCES: sources ? '1' : '' };
  try {
    return (await run(process.execPath, [BIN, ...args], { env, maxBuffer: 16 << 20 })).stdout;
  } catch (error) {
    // check exits non-zero when it finds errors: its report is what is compared.
    return (error as { stdout: string }).stdout;
  }
}

describe('the built server', () => {
  beforeAll(async () => {
    await buildServer();
  }, 120_000);

  it('is up to date once built, with its three entries', () => {
    expect(serverBuildReason()).toBeNull();
    expect(existsSync(SERVER_ENTRY)).toBe(true);
    expect(existsSync(resolve('dist/server/parse-worker.mjs'))).toBe(true);
    expect(existsSync(resolve('dist/server/page-render-worker.mjs'))).toBe(true);
  });

  it('draws a page in its drawing worker, the answers asked of the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-draw-'));
    const module = join(dir, 'render.mjs');
    writeFileSync(module, `export async function renderPage({ url, get }) { const a = await get('/api/x'); return { html: url + ' ' + a.body, styles: '', state: { n: a.status } }; }`);
    const worker = new Worker(resolve('dist/server/page-render-worker.mjs'), { workerData: { module }, execArgv: [] });
    try {
      const drawn = await new Promise<unknown>((done, fail) => {
        worker.on('error', fail);
        worker.on('message', (m: { type: string; question: number; page?: unknown }) => {
          if (m.type === 'ready') worker.postMessage({ type: 'draw', id: 1, url: '/public' });
          if (m.type === 'get') worker.postMessage({ type: 'answer', question: m.question, status: 200, body: 'answered' });
          if (m.type === 'drawn') done(m.page);
        });
      });
      expect(drawn).toStrictEqual({ html: '/public answered', styles: '', state: '{"n":200}' });
    } finally {
      await worker.terminate();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers as the sources do', async () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    expect((await cli(['--version'], false)).trim()).toBe(version);
    const fromBundle = await cli(['check', ...FILES], false);
    expect(fromBundle).toContain('共检查 3 个文档');
    expect(fromBundle).toBe(await cli(['check', ...FILES], true));
  }, 120_000);

  it('reads files in its parse worker as the importer does in-process', async () => {
    const pool = new Piscina<{ bytes: Uint8Array; file: string }, ReadForImport>({ filename: resolve('dist/server/parse-worker.mjs') });
    try {
      for (const file of FILES) {
        const bytes = new Uint8Array(readFileSync(file));
        const [inWorker, inProcess] = await Promise.all([pool.run({ bytes, file }), readForImport(bytes, file)]);
        expect(inWorker.ok).toBe(true);
        expect(JSON.stringify(inWorker)).toBe(JSON.stringify(inProcess));
      }
    } finally {
      await pool.destroy();
    }
  }, 120_000);
});
