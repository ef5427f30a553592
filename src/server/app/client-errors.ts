/**
 * What the server answers a request Node refuses before Fastify sees it (issue 72, item 13): request headers over
 * Node's limit (16 KB: a browser with too many or too long cookies for this site, or an attack), a request cut off by
 * the time limit, a request Node cannot parse. Fastify's own answer was English JSON ("Exceeded maximum allowed HTTP
 * header size") for every path; this one is the API's error contract in Chinese for /api/, a short Chinese page for
 * the rest. The request line is read from the bytes Node kept (`rawPacket`); without them the answer is the page.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiError } from '../../shared/api/errors';

const REFUSALS: Record<string, { status: number; code: ApiError['code']; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'payload-too-large', message: '请求头过大（超过 16 KB），未处理：通常是本网站的 Cookie 过多或过长，请清除本网站的 Cookie 后重新登录' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'bad-request', message: '请求超时：在规定时间内没有收到完整的请求，请重试' },
};
const MALFORMED = { status: 400, code: 'bad-request' as const, message: '请求格式不正确，未处理' };

/** Whether the refused request was for the API: its request line, as far as Node kept it. */
function forApi(rawPacket: unknown): boolean {
  if (!Buffer.isBuffer(rawPacket)) return false;
  return /^[A-Z]+ \/api(?:[/?# ]|$)/.test(rawPacket.subarray(0, 256).toString('latin1'));
}

/** The page for a browser: the message and a way back, nothing of the request. */
function page(message: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>请求未处理</title></head><body><h1>请求未处理</h1><p>${message}</p><p><a href="/">返回首页</a></p></body></html>`;
}

/** Fastify's `clientErrorHandler`: answers in Chinese, then closes the connection, as Node and Fastify do. */
export function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Socket): void {
  // a connection reset: nobody to answer
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal = REFUSALS[error.code ?? ''] ?? MALFORMED;
  const api = forApi(error.rawPacket);
  const body = api ? JSON.stringify({ statusCode: refusal.status, code: refusal.code, message: refusal.message } satisfies ApiError) : page(refusal.message);
  const type = api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${type}\r\n` +
        `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
