// When a build is due: the newest modification time under its sources. Plain JavaScript, shared by
// bin/jixiao.js's check of the built server (server-build.mjs) and the web app's (web-build.ts).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The newest modification time (ms) of the files under `path` (a file or folder); 0 when absent.
 * @param {string} path
 * @returns {number}
 */
export function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}
