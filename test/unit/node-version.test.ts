/**
 * The Node version the README names is the one package.json declares, and every installed
 * dependency (package-lock.json) runs on it: npm then has no engine to warn about (cookie@2 and
 * content-disposition@3 wanted Node 22 while the README said Node 20).
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string; engines?: unknown; optional?: boolean }> };

describe('the Node version', () => {
  const declared = pkg.engines.node;
  const minimum = semver.minVersion(declared)!;

  it('the README names the lowest version package.json accepts, and this machine runs one', () => {
    const named = /Node (\d+\.\d+) or later/.exec(read('README.md'));
    expect(named, 'README: "Node X.Y or later"').not.toBeNull();
    expect(`${minimum.major}.${minimum.minor}`).toBe(named![1]);
    expect(semver.satisfies(process.version, declared)).toBe(true);
  });

  it('every locked dependency runs on that version', () => {
    const unmet = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && typeof p.engines === 'object' && p.engines !== null && 'node' in p.engines)
      .map(([path, p]) => ({ path, version: p.version, node: (p.engines as { node: string }).node }))
      .filter((p) => !semver.satisfies(minimum, p.node));
    expect(unmet).toStrictEqual([]);
  });
});
