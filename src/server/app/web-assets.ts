/**
 * The built web app's files (dist/web), served from memory (issue 34, point 7). A file is read once,
 * with the Brotli and gzip twins the build writes beside it (vite.config.ts), and kept: the assets'
 * names carry a hash of their content, so what was read stays true. Each request is then a map
 * lookup and one write — @fastify/static, used before, read the assets folder's listing (600
 * names) on every request to check the path's spelling and stat-ed and streamed the file: about 3
 * ms of the server's CPU per script, 50 to 70 scripts per cold page.
 *
 * Only a path made of plain name segments (letters, digits, `.`, `_`, `-`; no `..`, no hidden
 * file) is looked up, and only as a regular file under the root: nothing outside it can be named.
 * A file added after the start (a rebuild while the server runs) is found on its first request;
 * a file outside /assets (index.html) is checked against its modification time on every request.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { COMPRESSIBLE } from './compression';

export interface WebFile {
  type: string;
  identity: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
  etag: string;
  /** Under /assets/: named by content, cached for good. */
  immutable: boolean;
  mtimeMs: number;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=utf-8',
};

/** A path of plain name segments ("assets/index-abc.js"), else null. */
const SAFE_PATH = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*\/)*[A-Za-z0-9_][A-Za-z0-9._-]*$/;

function typeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return TYPES[path.slice(dot + 1).toLowerCase()] ?? 'application/octet-stream';
}

function readTwin(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/**
 * The encoding to send: Brotli before gzip at equal preference, neither with q=0, none when the
 * client names neither (nor `*`).
 */
export function chooseEncoding(accept: string | string[] | undefined, file: { br: Buffer | null; gzip: Buffer | null }): 'br' | 'gzip' | null {
  if (accept === undefined || (file.br === null && file.gzip === null)) return null;
  const q = new Map<string, number>();
  for (const part of (Array.isArray(accept) ? accept.join(',') : accept).toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (name !== '') q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const of = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const br = file.br === null ? 0 : of('br');
  const gzip = file.gzip === null ? 0 : of('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return null;
}

export interface WebFiles {
  /** The file at a URL path ("/assets/x.js"), or null when there is none (a directory, a missing file, an unsafe path). */
  get(urlPath: string): WebFile | null;
  /** A file of the build the server itself reads (".vite/manifest.json"), by its path in the build; never asked for by a URL. */
  built(rel: string): WebFile | null;
  /** Sends a file as the client accepts it (304 when its ETag matches). */
  send(request: FastifyRequest, reply: FastifyReply, file: WebFile): FastifyReply;
}

export function webFiles(root: string): WebFiles {
  const cache = new Map<string, WebFile>();

  function load(rel: string): WebFile | null {
    const path = join(root, rel);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const identity = readFileSync(path);
    const type = typeOf(rel);
    const compressible = COMPRESSIBLE.test(type);
    return {
      type,
      identity,
      br: compressible ? readTwin(`${path}.br`) : null,
      gzip: compressible ? readTwin(`${path}.gz`) : null,
      etag: `"${createHash('sha1').update(identity).digest('base64url').slice(0, 20)}"`,
      immutable: rel.startsWith('assets/'),
      mtimeMs: stat.mtimeMs,
    };
  }

  function get(urlPath: string): WebFile | null {
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath.split('?')[0]!.slice(1));
    } catch {
      return null;
    }
    if (!SAFE_PATH.test(rel) || rel.split('/').some((s) => s === '..' || s.startsWith('.'))) return null;
    return built(rel);
  }

  /** A file of the build, kept in memory; a file rebuilt in place (not under assets/) is read again when it changed. */
  function built(rel: string): WebFile | null {
    const cached = cache.get(rel);
    if (cached?.immutable) return cached;
    if (cached) {
      // index.html and the like: rebuilt in place.
      try {
        if (statSync(join(root, rel)).mtimeMs === cached.mtimeMs) return cached;
      } catch {
        cache.delete(rel);
        return null;
      }
    }
    const file = load(rel);
    if (file) cache.set(rel, file);
    else cache.delete(rel);
    return file;
  }

  function send(request: FastifyRequest, reply: FastifyReply, file: WebFile): FastifyReply {
    reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('etag', file.etag);
    reply.type(file.type);
    if (file.br || file.gzip) reply.header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    const encoding = chooseEncoding(request.headers['accept-encoding'], file);
    if (encoding !== null) reply.header('content-encoding', encoding);
    const body = encoding === 'br' ? file.br! : encoding === 'gzip' ? file.gzip! : file.identity;
    reply.header('content-length', body.length);
    // A HEAD request gets the headers only (Node's http leaves the body out).
    return reply.send(body);
  }

  return { get, built, send };
}
