/**
 * The built server (dist/server): the CLI (src/server/cli/main.ts) and the parse workers' entry
 * bundled by esbuild into plain ES modules, so that `jixiao start` and `serve` run without tsx's
 * loader. The loader transpiles every module at start and keeps a thread of its own and each
 * module's source map: about 50 MiB of a SQLite server's 180 MiB resident at start (measured
 * 2026-11-23, BENCHMARKS.md). Dynamic imports stay separate chunks (`splitting`), so what the code
 * loads on first use (ExcelJS, pdf.js, the Word exporter) still loads on first use; packages stay
 * in node_modules (`packages: 'external'`).
 *
 * bin/jixiao.js runs the bundle only while it is newer than every source it is built from; else it
 * runs the sources through tsx, as a developer's edits always do. `jixiao start` and `npm test`
 * build it when missing or stale, as they do the web app. Plain JavaScript: bin/jixiao.js
 * decides before any TypeScript can be loaded.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './mtime.mjs';

/** The checkout's root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The bundle's entry, what bin/jixiao.js imports. */
export const SERVER_ENTRY = join(ROOT, 'dist', 'server', 'main.mjs');
/** What the bundle is built from: a change to any of them makes it stale. */
const SOURCES = [join(ROOT, 'src', 'server'), join(ROOT, 'src', 'shared'), join(ROOT, 'package.json'), join(ROOT, 'scripts', 'server-build.mjs'), join(ROOT, 'scripts', 'mtime.mjs')];

/**
 * Why the server needs building ('missing', 'stale'), or null when dist/server is up to date.
 * @returns {'missing' | 'stale' | null}
 */
export function serverBuildReason() {
  const built = newestMtime(SERVER_ENTRY);
  if (built === 0) return 'missing';
  return SOURCES.some((s) => newestMtime(s) > built) ? 'stale' : null;
}

/**
 * Builds dist/server: into a folder of its own, then each file moved into place, the entries
 * last: a process starting meanwhile runs the old bundle or the new one, never half of one, and a
 * server still running the old one keeps the chunks it may load later (chunks are named by their
 * content, so an unchanged one is the same file; `rm -rf dist` clears old ones).
 * @returns {Promise<void>}
 */
export async function buildServer() {
  const { build } = await import('esbuild');
  const out = join(ROOT, 'dist', `server.building-${process.pid}`);
  const target = join(ROOT, 'dist', 'server');
  const entries = {
    main: join(ROOT, 'src', 'server', 'cli', 'main.ts'),
    'parse-worker': join(ROOT, 'src', 'server', 'modules', 'imports', 'parse-worker-task.ts'),
    'page-render-worker': join(ROOT, 'src', 'server', 'app', 'page-render-worker.mjs'),
  };
  rmSync(out, { recursive: true, force: true });
  try {
    await build({
      // parse-worker, page-render-worker: the names parse-pool.ts and page-render.ts look for beside the module that
      // holds them.
      entryPoints: entries,
      outdir: out,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    mkdirSync(target, { recursive: true });
    const last = Object.keys(entries).map((name) => `${name}.mjs`);
    const files = readdirSync(out).sort((a, b) => Number(last.includes(a)) - Number(last.includes(b)));
    for (const file of files) renameSync(join(out, file), join(target, file));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
