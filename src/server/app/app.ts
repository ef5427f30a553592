/**
 * The web server: one Fastify instance serving the JSON API under /api (OpenAPI at /api/docs) and
 * the built single-page app. Route modules come from ONE list (routes.ts); each declares its full
 * /api/... paths, validates with zod schemas (fastify-type-provider-zod) and reaches the database
 * through `app.db`. Built per call, no module-level state: tests build as many as they like.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import helmet, { type HelmetOptions } from 'helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Db } from '../db/schema';
import { installSessions } from './auth';
import { installCompression } from './compression';
import { answerClientError } from './client-errors';
import { apiNotFound, handleError, zodValidatorCompiler } from './errors';
import { ROUTE_MODULES } from './routes';
import { installBodyLimits, JSON_BODY_LIMIT } from './body-limits';
import { MULTIPART_FIELDS, UPLOAD_LIMITS } from './multipart';
import { createParsePool, type ParsePool } from '../modules/imports/parse-pool';
import { pageDrawer } from './page-render';
import { installControlCharacterCheck } from './control-characters';
import { spaShell } from './spa-shell';
import { webFiles } from './web-assets';
import { REPO_ROOT } from '../paths';

/** Where `vite build` writes the web app (vite.config.ts: outDir dist/web). */
export const DEFAULT_WEB_ROOT = join(REPO_ROOT, 'dist', 'web', '/');
/** Where web-build.ts writes the module that draws pages on the server (src/web/server-render.tsx). */
export const DEFAULT_PAGE_RENDER_MODULE = join(REPO_ROOT, 'dist', 'web-render', 'server-render.js');

export { UPLOAD_LIMITS } from './multipart';

export interface BuildAppOptions {
  db: Db;
  /** The built web app; default dist/web. null: API only. A missing folder gives a "not built" page. */
  webRoot?: string | null;
  /**
   * The built module that draws the pages on the server (page-render.ts); default dist/web-render's when the
   * web app is the default one, else none (a page is then drawn in the browser only). A missing file: none.
   */
  pageRenderModule?: string | null;
  /** Log requests and errors (pino): true = info, or a pino level. Default: off. */
  logger?: boolean | 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  /** Where the log goes (JSON lines); default standard output. */
  logStream?: NodeJS.WritableStream;
  /** Secure cookies. Default: when the request came over https (see trustProxy). */
  secureCookies?: boolean;
  /**
   * Behind reverse proxies: the proxies to believe about the client (X-Forwarded-For, -Proto), by
   * address: "10.0.0.1,10.1.0.0/16", or proxy-addr's names (loopback, linklocal, uniquelocal);
   * `true` is "loopback" (a proxy on this machine). Only a hop from one of them is skipped, so a
   * client cannot name any address it likes (the login limits count by address); never every
   * hop. Default: none (the socket's address).
   */
  trustProxy?: TrustProxy;
  /** Demo mode: the demo accounts' published password signs in (serve --demo). Default: off. */
  demo?: boolean;
  /** Signs the anonymous CSRF cookie. Default: random per process (anonymous tokens then end with it). */
  cookieSecret?: string;
  /** The clock; tests move it. */
  now?: () => Date;
  /** Seconds a scanned upload's recognition may take (default OCR_LIMITS.documentSeconds; `jixiao serve`: JIXIAO_SCAN_SECONDS). */
  scanSeconds?: number;
}

export type TrustProxy = boolean | string;

declare module 'fastify' {
  interface FastifyInstance {
    /** The worker threads that read every upload (modules/imports/parse-pool.ts). */
    parsePool: ParsePool;
  }
}

/** Fastify's trustProxy for ours: true is the proxies on this machine, never "trust everything". */
function trustedProxies(trust: TrustProxy | undefined): string | false {
  if (trust === undefined || trust === false) return false;
  return trust === true ? 'loopback' : trust;
}

const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * `--trust-proxy [addresses]`: a comma-separated list of the proxies' addresses, networks (CIDR)
 * and proxy-addr's names (loopback, linklocal, uniquelocal); no value: loopback. A count of hops
 * is not taken: it cannot tell a proxy from a client that connects directly and sends the header
 * itself. Throws a message for people on anything else.
 */
export function parseTrustProxy(value: string | true): string {
  if (value === true) return 'loopback';
  const entries = value.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const bits = isIP(address) === 4 ? 32 : isIP(address) === 6 ? 128 : 0;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits);
    if (!(PROXY_PRESETS.includes(entry) || (bits > 0 && prefixOk && extra === undefined))) {
      throw new Error(`--trust-proxy 应为以逗号分隔的代理地址或网段（如 127.0.0.1,10.1.0.0/16，或 loopback），“${entry}”不是`);
    }
  }
  return entries.join(',');
}

function loggerOption(logger: BuildAppOptions['logger'], stream: BuildAppOptions['logStream']): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === false) return false;
  return { level: logger === true ? 'info' : logger, ...(stream ? { stream } : {}) };
}

/** Builds the server (not listening: call `listen`, or `inject` in tests). */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOption(opts.logger, opts.logStream),
    trustProxy: trustedProxies(opts.trustProxy),
    // Ids and tokens are in cookies and headers; a URL this long is an attack or a bug.
    routerOptions: { maxParamLength: 200 },
    // A JSON body's limit, but for the routes that take more (app/body-limits.ts)
    bodyLimit: JSON_BODY_LIMIT,
    // what Node refuses before Fastify (headers over 16 KB …): said in Chinese (issue 72)
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  app.decorate('db', opts.db);
  app.decorate('now', opts.now ?? (() => new Date()));
  app.decorate('demo', opts.demo ?? false);
  // Uploads are read in worker threads, never on the event loop that serves everyone else: the
  // import's documents, the execution workbook, 整改 evidence (one pool; no thread until a file comes).
  const pool = createParsePool(opts.scanSeconds === undefined ? {} : { scanSeconds: opts.scanSeconds });
  app.decorate('parsePool', pool);
  app.addHook('onClose', () => pool.close());

  // helmet's middleware made once (@fastify/helmet made it again on every request: its options parsed each time,
  // about 5 % of the server's CPU under bench:province's 50 clients), its headers set on the raw answer first thing.
  const protect = helmet(protectiveHeaders(opts.secureCookies === true));
  app.addHook('onRequest', (request, reply, done) => protect(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  // Before any route (the API documentation's included): the plugin hooks each route as it is added.
  await installCompression(app);
  await app.register(fastifyCookie, { secret: opts.cookieSecret ?? randomBytes(32).toString('base64url') });
  // Only the routes that ask (login) are limited; the store is per app instance.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { files: UPLOAD_LIMITS.files, fileSize: UPLOAD_LIMITS.fileSize, fields: MULTIPART_FIELDS } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jixiao 预算绩效目标 API',
        description:
          '预算绩效目标的填报、审核与公开。金额一律为整数“分”（字段名以 Fen 结尾）。' +
          '会话保存在 HttpOnly Cookie `jixiao_session` 中；除 GET 外的每个请求须带请求头 `x-csrf-token`' +
          '（其值由 GET /api/auth/session 返回）。错误响应为 { statusCode, code, message }。',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jixiao_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installSessions(app, { secureCookies: opts.secureCookies });
  installBodyLimits(app);
  installControlCharacterCheck(app);
  app.addHook('onSend', async (request, reply) => {
    // API answers are per user: never cached by a browser or a proxy.
    const route = request.routeOptions.url ?? request.url;
    if (isApiPath(route) && !route.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
  });

  for (const routes of ROUTE_MODULES) await app.register(routes);

  await serveWebApp(app, opts.webRoot === undefined ? DEFAULT_WEB_ROOT : opts.webRoot, opts.pageRenderModule === undefined ? (opts.webRoot === undefined ? DEFAULT_PAGE_RENDER_MODULE : null) : opts.pageRenderModule);
  return app;
}

/**
 * The protective headers of every answer (helmet): a Content-Security-Policy without
 * inline or evaluated scripts — the built app and the API documentation load their scripts as
 * files of this origin; styles may be inline, as Ant Design writes its CSS-in-JS into <style>
 * elements at run time (a nonce would need index.html templated per request) — no framing by
 * any page (frame-ancestors 'none', X-Frame-Options DENY), nosniff, the referrer only to this
 * origin, no cross-origin window or resource sharing. Strict-Transport-Security only when the
 * operator declared https (--secure-cookies): sent over plain http it would lock browsers out.
 */
function protectiveHeaders(https: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 60 * 60 } : false,
    crossOriginEmbedderPolicy: false,
  };
}

const isApiPath = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>绩效目标管理</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.6">
<h1>网页应用尚未构建</h1>
<p>服务器和接口已经运行，但还没有构建网页界面。请在项目目录运行 <code>npm start</code>（会自动构建），
或先运行 <code>npx vite build</code>。</p>
<p>接口文档：<a href="/api/docs">/api/docs</a></p>
</body></html>`;

/**
 * The built web app's files (web-assets.ts: from memory, by exact name), and the SPA fallback: a
 * GET outside /api that names no file gets the app's page (spa-shell.ts: index.html with the
 * session and the page's scripts named), so that /projects/12 opened directly works. Unknown /api
 * paths are JSON 404s.
 */
async function serveWebApp(app: FastifyInstance, webRoot: string | null, renderModule: string | null): Promise<void> {
  const built = webRoot !== null && existsSync(webRoot) && statSync(webRoot).isDirectory() && existsSync(join(webRoot, 'index.html'));
  const files = built ? webFiles(webRoot) : null;
  const drawer = files && renderModule !== null ? pageDrawer(app, renderModule) : null;
  if (drawer) app.addHook('onClose', () => drawer.close());
  const shell = files ? spaShell(files, drawer) : null;
  // A route, not the not-found handler: the compression hook is attached to routes (compression.ts).
  // Not part of the API's description (hide): it answers pages and files, not JSON.
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (isApiPath(request.url)) return apiNotFound(reply);
    const file = files?.get(request.url);
    if (file) return files!.send(request, reply, file);
    // A script or style the build does not have (an old page asking after a rebuild): not the page.
    if (built && /^\/assets\/[^?]/.test(request.url)) return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
    // The page (spa-shell.ts), its index.html checked for a rebuild on every request.
    if (shell) return shell(request, reply);
    if (webRoot === null) return apiNotFound(reply);
    return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
  });
  app.setNotFoundHandler(async (_request, reply) => apiNotFound(reply));
}
