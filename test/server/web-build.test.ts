import { describe, expect, it, vi } from 'vitest';

const seen: { nodeEnv: string | undefined; mode: string | undefined }[] = [];
vi.mock('vite', () => ({
  build: async (config: { mode?: string }) => {
    seen.push({ nodeEnv: process.env.NODE_ENV, mode: config.mode });
  },
}));

describe('buildWebApp', () => {
  it('builds a production bundle whatever NODE_ENV says (Vitest sets it to test), and restores NODE_ENV', async () => {
    const { buildWebApp, webBuildPaths } = await import('../../src/server/app/web-build');
    const before = process.env.NODE_ENV;
    expect(before).toBe('test');
    await buildWebApp(webBuildPaths('/nowhere'));
    expect(seen).toEqual([{ nodeEnv: 'production', mode: 'production' }]);
    expect(process.env.NODE_ENV).toBe(before);
  });
});
