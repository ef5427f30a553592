/**
 * The one garbage collection the server asks for after the start-up drain of a bulk load
 * (app/server.ts, collectGarbageOnce): it collects, and leaves V8's `gc` exposed nowhere.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { collectGarbageOnce } from '../../src/server/app/server';

describe('collectGarbageOnce', () => {
  it('collects garbage and leaves no gc function behind', () => {
    let garbage: { n: number; s: string }[] | null = Array.from({ length: 300_000 }, (_, n) => ({ n, s: `x${n}` }));
    const before = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(300_000);
    garbage = null;
    collectGarbageOnce();
    // 300,000 small objects are well over 10 MB; once collected, the heap holds less than before.
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 10 * 1024 * 1024);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
