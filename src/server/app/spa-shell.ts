/**
 * The web app's page (issue 34, point 7): the built index.html, answered for every address of the
 * app with two additions that save the browser two round trips before it can draw:
 *
 *   - the session (who is signed in, the CSRF token) as GET /api/auth/session would answer it, in a
 *     JSON data block (not a script: the Content-Security-Policy runs none inline; `<` escaped, so
 *     no text can close the block) — main.tsx reads it instead of asking;
 *   - `<link rel="modulepreload">` for the scripts of the page the visitor will be shown
 *     (shared/api/page-routes.ts: the page at the address, else the sign-in or password page), from the
 *     build's manifest (dist/web/.vite/manifest.json): they load beside the entry instead of after
 *     it has run and asked for the session.
 *
 * A page with a signed-in user's session is `private, no-store`, as the API's answers are
 * `no-store` (no cache keeps the session's CSRF token); an anonymous visitor's page is the same
 * for everyone (no-cache, as index.html was). An anonymous visitor gets no CSRF token in the page:
 * the web app asks for one (GET /api/auth/session) before its first state-changing request.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionUserSchema } from '../../shared/api/auth';
import { BOOT_ELEMENT_ID, SERVER_STATE_ELEMENT_ID, type PageBoot } from '../../shared/api/boot';
import { pageRouteOf, pageShownAt } from '../../shared/api/page-routes';
import { readSession } from './auth';
import type { DrawnPage, PageDrawer } from './page-render';
import type { WebFile, WebFiles } from './web-assets';

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

/** The chunk keys a chunk needs before it runs: itself and its static imports, transitively. */
function closure(manifest: Manifest, key: string, into: Set<string> = new Set()): Set<string> {
  if (into.has(key) || !manifest[key]) return into;
  into.add(key);
  for (const i of manifest[key]!.imports ?? []) closure(manifest, i, into);
  return into;
}

interface Built {
  manifest: Manifest;
  /** The entry's chunks and what they import: loaded by index.html already. */
  entry: Set<string>;
}

/** The build's manifest (dist/web/.vite/manifest.json) as web-assets keeps it, parsed once per version of the file; null without one. */
function manifestReader(files: WebFiles): () => Built | null {
  const parsed = new WeakMap<WebFile, Built>();
  return () => {
    const file = files.built('.vite/manifest.json');
    if (!file) return null;
    let value = parsed.get(file);
    if (!value) {
      const manifest = JSON.parse(file.identity.toString('utf8')) as Manifest;
      const entry = new Set<string>();
      for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) closure(manifest, key, entry);
      parsed.set(file, (value = { manifest, entry }));
    }
    return value;
  };
}

/** JSON for a data block in HTML: nothing in it can end the block or open a comment. */
export function jsonForHtml(value: unknown): string {
  return jsonTextForHtml(JSON.stringify(value));
}

/** JSON text made safe for a data block in HTML, as jsonForHtml. */
function jsonTextForHtml(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function spaShell(files: WebFiles, drawer: PageDrawer | null = null): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  const readManifest = manifestReader(files);
  /** Per manifest read: a module's links. */
  const preloadsCache = new WeakMap<object, Map<string, string>>();

  /** The modulepreload links of a page module's scripts that the entry does not already load. */
  function preloads(module: string): string {
    const built = readManifest();
    if (!built) return '';
    let byModule = preloadsCache.get(built);
    if (!byModule) preloadsCache.set(built, (byModule = new Map()));
    let links = byModule.get(module);
    if (links === undefined) {
      const chunks = [...closure(built.manifest, `pages/${module}.tsx`)].filter((k) => !built.entry.has(k));
      links = chunks.map((k) => `<link rel="modulepreload" crossorigin href="/${built.manifest[k]!.file}">`).join('');
      byModule.set(module, links);
    }
    return links;
  }

  /**
   * The page with its boot data block and, when the server drew it (page-render.ts), its content inside the root,
   * the answers it was drawn with beside the boot data, and antd's styles for it first in the head (before the app's
   * own stylesheet, which overrides antd's as in the browser).
   */
  const assemble = (html: string, boot: PageBoot, drawn: DrawnPage | null) => {
    const data =
      `<script type="application/json" id="${BOOT_ELEMENT_ID}">${jsonForHtml(boot)}</script>` +
      (drawn ? `<script type="application/json" id="${SERVER_STATE_ELEMENT_ID}">${jsonTextForHtml(drawn.state)}</script>` : '');
    const root = `<div id="root">${drawn?.html ?? ''}</div>`;
    if (drawn) {
      if (html.includes('<head>')) html = html.replace('<head>', () => `<head>${drawn.styles}`);
      // The app's stylesheet in the page: nothing holds the first paint back (a linked one waits behind the scripts).
      html = html.replace(/<link rel="stylesheet"[^>]*href="(\/assets\/[^"]+\.css)"[^>]*>/g, (link, href: string) => {
        const css = files.get(href);
        return css ? `<style>${css.identity.toString('utf8').replace(/<\/style/gi, '<\\/style')}</style>` : link;
      });
    }
    // Replacements by function: a display name with "$&" in it is text, not a pattern.
    return html.includes('<div id="root"></div>') ? html.replace('<div id="root"></div>', () => `${root}${data}`) : `${html}${data}`;
  };
  const send = (reply: FastifyReply, signedIn: boolean, html: string) =>
    reply
      .header('cache-control', signedIn ? 'private, no-store' : 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);

  return async (request, reply) => {
    const index = files.get('/index.html');
    if (!index) return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
    await readSession(request, reply);
    // The user as GET /api/auth/session answers it: the schema's fields, no other.
    const user = request.user ? sessionUserSchema.parse(request.user) : null;
    const boot: PageBoot = { user, csrfToken: user ? (request.authSession?.csrfToken ?? null) : null };
    const pathname = request.url.split(/[?#]/, 1)[0]!;

    const shown = pageShownAt(pathname, user);
    let html = index.identity.toString('utf8');
    // A page is drawn here (its content in the HTML) when the visitor is shown the page at the address: a public page,
    // or a signed-in visitor's page of theirs. The sign-in page, and a page that sends elsewhere (to sign in, to change
    // the password, '/' to the 工作台) or is not theirs, are drawn in the browser.
    const drawable = shown !== null && shown === pageRouteOf(pathname) && (shown.access === 'public' || (user !== null && shown.access !== 'anyone'));
    const drawn = drawer && drawable ? await drawer.draw(request, boot) : null;
    if (drawn) {
      // Its content is there: the scripts that take it over load after the page is shown, not beside it (fetched and
      // compiled ahead they held its first paint back by a quarter of a second here; bench:pages). after-paint.js
      // (the build's public folder) adds the entry once the first frame is drawn.
      html = html
        .replace(/<link rel="modulepreload"[^>]*>/g, '')
        .replace(/<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/, (_m, entry: string) => `<script defer src="/after-paint.js" data-entry="${entry}"></script>`);
    } else {
      const links = shown ? preloads(shown.module) : '';
      if (links !== '' && html.includes('</head>')) html = html.replace('</head>', () => `${links}</head>`);
    }
    return send(reply, user !== null, assemble(html, boot, drawn));
  };
}
