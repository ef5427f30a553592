import { describe, expect, it, vi } from 'vitest';

const seen: { nodeEnv: string | undefined; mode: string | undefined; ssr: string | null; define: unknown }[] = [];
vi.mock('vite', () => ({
  build: async (config: { mode?: string; build?: { ssr?: string }; define?: Record<string, string> }) => {
    seen.push({ nodeEnv: process.env.NODE_ENV, mode: config.mode, ssr: config.build?.ssr ?? null, define: config.define?.['process.env.NODE_ENV'] });
  },
}));

describe('buildWebApp', () => {
  it('builds production bundles whatever NODE_ENV says (Vitest sets it to test) — the browser app, then the server drawing module — and restores NODE_ENV', async () => {
    const { buildWebApp, webBuildPaths } = await import('../../src/server/app/web-build');
    const before = process.env.NODE_ENV;
    expect(before).toBe('test');
    await buildWebApp(webBuildPaths('/nowhere'));
    expect(seen).toEqual([
      { nodeEnv: 'production', mode: 'production', ssr: null, define: undefined },
      // the drawing module bundles antd and React: their production code, named as the browser's
      { nodeEnv: 'production', mode: 'production', ssr: 'server-render.tsx', define: '"production"' },
    ]);
    expect(process.env.NODE_ENV).toBe(before);
  });
});
