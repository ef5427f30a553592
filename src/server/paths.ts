/**
 * Where the checkout is, for the files the server reads beside its code (package.json, the built
 * web app, the fixtures beside the checkout). Found from this module's place by looking upwards
 * for Jixiao's package.json: the same answer from the sources (src/server, run through tsx) and
 * from the built server (dist/server, scripts/server-build.mjs), where every module is one file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'jixiao') return dir;
    if (dirname(dir) === dir) throw new Error(`Jixiao's package.json not found above ${from}`);
  }
}

/** The checkout's root (where package.json and vite.config.ts are), with a trailing separator. */
export const REPO_ROOT = join(findRoot(dirname(fileURLToPath(import.meta.url))), '/');
