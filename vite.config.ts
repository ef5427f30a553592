/**
 * The single-page web app (src/web), built into dist/web where the Fastify server serves it.
 * In development `npx vite` serves it with /api proxied to a running `jixiao serve` on port 3000.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Files of these kinds and at least this size get compressed twins. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
const MIN_BYTES = 1024;

/**
 * Brotli (quality 11) and gzip (level 9) copies of every text file of the build, written beside it
 * as name.br and name.gz: the server sends them as they are (@fastify/static preCompressed), so a
 * request costs no compression and gets the best ratio. Node's zlib: no dependency.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'jixiao-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('.')).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < MIN_BYTES) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // .vite/manifest.json: which scripts each page needs, for the server to name them in the page
    // it answers with (src/server/app/spa-shell.ts).
    manifest: true,
    rolldownOptions: {
      output: {
        // ECharts and React in chunks of their own: they change less often than the app, and the
        // public pages do not load ECharts. antd is not one chunk: split by component with the
        // pages that use them, a page loads only the components it shows (measured by
        // npm run bench:pages and test/e2e/page-weight.test.ts).
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
