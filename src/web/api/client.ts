/**
 * The HTTP client of the web app: JSON over fetch with the session cookie, the CSRF token on
 * every state-changing request, and the server's errors as ApiError with its Chinese message.
 * One client per app (created in main.tsx, handed down by ApiProvider): the CSRF token lives in
 * it, not in a module variable.
 */
import type { SessionResponse } from './types';

export interface ValidationIssue {
  path: string | (string | number)[];
  message: string;
}

/** An error answer of the API ({ statusCode, code, message }), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ValidationIssue[];

  constructor(status: number, code: string, message: string, issues: ValidationIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** "?a=1&b=x" from the defined, non-empty values (arrays repeat the key); "" when none. */
export function toQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.append(key, String(value));
  }
  const s = search.toString();
  return s === '' ? '' : `?${s}`;
}

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClient {
  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  send<T>(method: Method, path: string, body?: unknown): Promise<T>;
  /** A multipart POST with upload progress (0–1); fetch cannot report it, XMLHttpRequest can. */
  upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T>;
  /** GET /api/auth/session: the current user and a fresh CSRF token (kept for the next requests). */
  session(): Promise<SessionResponse>;
  /** Remembers the CSRF token of a login/logout answer. */
  setCsrfToken(token: string): void;
}

const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试';

/** Reads an error answer; a body that is not the API's JSON still gives a Chinese message. */
export function errorOf(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'message' in body) {
    const b = body as { code?: unknown; message?: unknown; issues?: unknown };
    return new ApiError(
      status,
      typeof b.code === 'string' ? b.code : 'error',
      typeof b.message === 'string' && b.message !== '' ? b.message : `请求失败（${status}）`,
      Array.isArray(b.issues) ? (b.issues as ValidationIssue[]) : [],
    );
  }
  return new ApiError(status, 'error', status >= 500 ? `服务器错误（${status}），请稍后重试` : `请求失败（${status}）`);
}

export function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A client for the API at `base` (same origin by default). */
export function createApiClient(base = ''): ApiClient {
  let csrfToken: string | null = null;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        credentials: 'same-origin',
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', NETWORK_MESSAGE);
    }
    const parsed = parseBody(await res.text());
    if (!res.ok) throw errorOf(res.status, parsed);
    return parsed as T;
  }

  async function session(): Promise<SessionResponse> {
    const s = await request<SessionResponse>('GET', '/api/auth/session');
    csrfToken = s.csrfToken;
    return s;
  }

  async function send<T>(method: Method, path: string, body?: unknown): Promise<T> {
    if (csrfToken === null) await session();
    try {
      return await request<T>(method, path, body);
    } catch (e) {
      // The token may have expired with the session: fetch a fresh one and try once more.
      if (e instanceof ApiError && e.status === 403 && e.code === 'csrf') {
        await session();
        return request<T>(method, path, body);
      }
      throw e;
    }
  }

  function xhrUpload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', base + path);
      xhr.withCredentials = true;
      xhr.setRequestHeader('accept', 'application/json');
      if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        const parsed = parseBody(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
        else reject(errorOf(xhr.status, parsed));
      };
      xhr.onerror = () => reject(new ApiError(0, 'network', NETWORK_MESSAGE));
      xhr.send(form);
    });
  }

  return {
    get: <T>(path: string, query: Record<string, QueryValue> = {}) => request<T>('GET', path + toQuery(query)),
    send,
    async upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
      if (csrfToken === null) await session();
      try {
        return await xhrUpload<T>(path, form, onProgress);
      } catch (e) {
        if (e instanceof ApiError && e.status === 403 && e.code === 'csrf') {
          await session();
          return xhrUpload<T>(path, form, onProgress);
        }
        throw e;
      }
    },
    session,
    setCsrfToken(token: string) {
      csrfToken = token;
    },
  };
}

/** The message to show for any error: the server's Chinese message, or a generic one. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return '操作失败，请稍后重试';
}
