/**
 * Building the web app for `jixiao start` (npm start): when dist/web is missing or older than any
 * source it is built from (src/web, src/shared, vite.config.ts), Vite builds it through its JS API.
 * Vite is imported only here, and only when a build is due: `serve` never loads it.
 */
import { join } from 'node:path';
import { newestMtime } from '../../../scripts/mtime.mjs';
import { REPO_ROOT } from '../paths';

export { REPO_ROOT };

export interface WebBuildPaths {
  root: string;
  /** The built app's index.html. */
  index: string;
  /** The built module that draws a page on the server (src/web/server-render.tsx; app/page-render.ts). */
  render: string;
  sources: string[];
}

export function webBuildPaths(root = REPO_ROOT): WebBuildPaths {
  return {
    root,
    index: join(root, 'dist', 'web', 'index.html'),
    render: join(root, 'dist', 'web-render', 'server-render.js'),
    sources: [join(root, 'src', 'web'), join(root, 'src', 'shared'), join(root, 'vite.config.ts')],
  };
}

/** Why the web app needs building ('missing', 'stale'), or null when dist/web is up to date. */
export function webBuildReason(paths: WebBuildPaths = webBuildPaths()): 'missing' | 'stale' | null {
  const built = Math.min(newestMtime(paths.index), newestMtime(paths.render));
  if (built === 0) return 'missing';
  return paths.sources.some((s) => newestMtime(s) > built) ? 'stale' : null;
}

/**
 * Builds the web app with vite.config.ts into dist/web: always a production bundle. Vite takes
 * the bundle's `process.env.NODE_ENV` from the environment when it is set, so a build started with
 * NODE_ENV=test (under Vitest) or development would ship React's and antd's development code;
 * NODE_ENV is therefore 'production' while Vite builds, and restored afterwards.
 */
export async function buildWebApp(paths: WebBuildPaths = webBuildPaths()): Promise<void> {
  const { build } = await import('vite');
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    // root absolute: vite.config.ts says 'src/web', which Vite would read against the cwd.
    await build({ configFile: join(paths.root, 'vite.config.ts'), root: join(paths.root, 'src', 'web'), mode: 'production', logLevel: 'warn' });
    // The same pages as a module for Node (dist/web-render), every dependency in it: built for production whatever
    // the server's NODE_ENV (antd names its style classes by it, and they must be the browser's).
    const { default: react } = await import('@vitejs/plugin-react');
    await build({
      configFile: false,
      plugins: [react()],
      root: join(paths.root, 'src', 'web'),
      mode: 'production',
      logLevel: 'warn',
      ssr: { noExternal: true },
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        ssr: 'server-render.tsx',
        outDir: join(paths.root, 'dist', 'web-render'),
        emptyOutDir: true,
        copyPublicDir: false,
        // One file: a page's code split off would load a second copy of the modules it shares with the entry
        // (react-router's context among them) when the server runs under a loader such as tsx.
        rolldownOptions: { output: { codeSplitting: false } },
      },
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
