/**
 * How large a request body each route takes (issue 57). A JSON body is at most JSON_BODY_LIMIT (1 MB,
 * Fastify's own default: every form's largest real body is far below it) unless its route is listed
 * in ROUTE_BODY_LIMITS because its schema allows more: the region tree's import takes a file's text
 * of up to 2,000,000 characters (regionImportBodySchema), which JSON may write as up to six bytes
 * each. Uploads (multipart) have their own limits (app/multipart.ts). A body over its route's limit
 * is 413 with a message naming the route and its limit — not the uploads' message.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

const KB = 1024;
const MB = 1024 * KB;

/** Every JSON body of a route not listed below. */
export const JSON_BODY_LIMIT = 1 * MB;

/** The routes (method and pattern) that take more than JSON_BODY_LIMIT, and how much. */
export const ROUTE_BODY_LIMITS: Readonly<Record<string, number>> = {
  // 2,000,000 characters (the schema's most), six bytes each at worst (\u0001), and the JSON around them
  'POST /api/regions/import': 2_000_000 * 6 + 64 * KB,
};

/** Sets each listed route's body limit as routes are added (call before registering them). */
export function installBodyLimits(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      const limit = ROUTE_BODY_LIMITS[`${method} ${route.url}`];
      if (limit !== undefined && route.bodyLimit === undefined) route.bodyLimit = limit;
    }
  });
}

/** A size for people: "1 MB", "11.5 MB", "900 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / KB))} KB`;
}

/** The 413 message of a JSON body over its route's limit: the route's name (its summary's first words) and the limit. */
export function bodyTooLargeMessage(request: FastifyRequest): string {
  const summary = (request.routeOptions.schema as { summary?: string } | undefined)?.summary ?? '';
  const name = summary.split(/[（：。；，,(]/)[0]!.trim();
  const limit = request.routeOptions.bodyLimit ?? JSON_BODY_LIMIT;
  const sent = Number(request.headers['content-length']);
  return `请求内容过大：${name ? `“${name}”` : '此操作'}每次最多接受 ${sizeText(limit)}${Number.isFinite(sent) && sent > limit ? `，本次多出 ${sizeText(sent - limit)}` : ''}`;
}
