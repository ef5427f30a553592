/**
 * The built server (scripts/server-build.mjs, dist/server): the CLI run from the bundle answers as
 * the sources do, its paths (package.json, fixtures beside the checkout) resolve from dist/server,
 * and its parse worker (dist/server/parse-worker.mjs, what parse-pool.ts loads there) reads files.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

  it('is up to date once built, with its two entries', () => {
    expect(serverBuildReason()).toBeNull();
    expect(existsSync(SERVER_ENTRY)).toBe(true);
    expect(existsSync(resolve('dist/server/parse-worker.mjs'))).toBe(true);
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
