/**
 * The one error type of the API and the handlers that turn every failure into the JSON error
 * contract of src/shared/api/errors.ts: `{ statusCode, code, message }` with a Chinese message.
 *
 * Services throw `AppError` for what the caller did wrong (404, 409 …). Findings, diagnostics and
 * validation results of documents are data, never errors. Anything else that escapes a handler is
 * a bug: logged with its stack, answered as 500 '服务器内部错误' without details.
 */
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import type { ApiError, ApiErrorCode, ValidationIssue } from '../../shared/api/errors';
import { STORAGE_FAILURE_LOG, STORAGE_FAILURE_MESSAGES, STORAGE_FAILURE_SIGN_IN, storageFailure } from '../db/storage-errors';
import { bodyTooLargeMessage } from './body-limits';
import { fieldLabelOf } from '../../shared/api/field-labels';

export type { ApiErrorCode, ValidationIssue } from '../../shared/api/errors';

/** An error the API answers as `{ statusCode: status, code, message, issues? }`. */
export class AppError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly issues: ValidationIssue[] | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, issues?: ValidationIssue[]) {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

// zod's own Chinese messages (数值过小：期望 string >=1 字符 …), passed per parse rather than set
// globally with z.config, so that nothing else in the process (or the browser) changes language.
const zhCN = z.locales.zhCN().localeError;
/** A number too large to be one (1e999 in JSON is Infinity): zod's Chinese said "期望 数字，实际接收 数字" (issue 72). */
export const NOT_FINITE_MESSAGE = '数值超出范围：不是有限的数字';
export const zhLocaleError: typeof zhCN = (issue) =>
  issue.code === 'invalid_type' && issue.expected === 'number' && typeof issue.input === 'number' ? NOT_FINITE_MESSAGE : zhCN(issue);

/** "indicators.2.targetRaw" for the path [indicators, 2, targetRaw]; '' for the value itself. */
function joinPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** The issues of a zod error, as the API reports them. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: joinPath(issue.path), message: issue.message }));
}

/** 400 'validation' naming the first problem; every problem is in `issues`. */
export function validationError(issues: ValidationIssue[]): AppError {
  // a problem without a place (a malformed upload's field that has no name) is answered with an empty one, as the
  // answer's schema says: never a 500 for it
  const placed = issues.map((i) => (i.path === undefined || i.path === null ? { ...i, path: '' } : i));
  const first = placed[0];
  // the field as the screens name it, never its path (issue 58)
  const label = first === undefined ? null : fieldLabelOf(first.path);
  const where = label === null ? '' : `${label}：`;
  return new AppError(400, 'validation', first ? `请求内容有误：${where}${first.message}` : '请求内容有误', placed);
}

/**
 * Parses `data` with `schema` (zod messages in Chinese) or throws 400 'validation'. For input a
 * route schema cannot describe, such as the fields of a multipart upload.
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data, { error: zhLocaleError });
  if (!result.success) throw validationError(toValidationIssues(result.error));
  return result.data;
}

/**
 * Fastify's validator compiler for zod route schemas: fastify-type-provider-zod's, except that
 * messages are Chinese. Problems are returned in Fastify's shape (instancePath "/a/0/b") and the
 * error handler turns them into `issues`.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { error: zhLocaleError });
    if (result.success) return { value: result.data };
    return {
      error: result.error.issues.map((issue) => ({
        keyword: issue.code,
        instancePath: issue.path.length ? `/${issue.path.map(String).join('/')}` : '',
        schemaPath: '',
        params: {},
        message: issue.message,
      })),
    } as unknown as { error: Error };
  };

function fromFastifyValidation(error: FastifyError): AppError {
  const issues = (error.validation ?? []).map((v) => ({
    path: v.instancePath.replace(/^\//, '').split('/').filter((p) => p !== '').join('.'),
    message: v.message ?? '格式不正确',
  }));
  return validationError(issues);
}

/** What a Fastify or plugin error with a 4xx status means for the client. */
function fromClientError(status: number, error: FastifyError, request: FastifyRequest): AppError {
  // a JSON body over its route's limit: not an upload (app/body-limits.ts)
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError(413, 'payload-too-large', bodyTooLargeMessage(request));
  if (error.code !== 'FST_FIELDS_LIMIT' && (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT')) {
    return new AppError(413, 'payload-too-large', '上传内容过大：每次最多 20 个文件，每个文件不超过 20 MB');
  }
  if (error.code === 'FST_FIELDS_LIMIT') return new AppError(400, 'bad-request', '表单字段过多：每次最多 20 个字段');
  if (status === 415) return new AppError(415, 'unsupported-media-type', '不支持的请求内容类型');
  if (status === 401) return new AppError(401, 'unauthenticated', '请先登录');
  if (status === 403) return new AppError(403, 'forbidden', '没有权限进行此操作');
  if (status === 404) return new AppError(404, 'not-found', '未找到');
  if (status === 429) return new AppError(429, 'rate-limited', '请求过于频繁，请稍后再试');
  return new AppError(400, 'bad-request', '请求格式不正确');
}

/** The body of an error response. */
export function errorBody(error: AppError): ApiError {
  return {
    statusCode: error.status,
    code: error.code,
    message: error.message,
    ...(error.issues ? { issues: error.issues } : {}),
  };
}

/** Fastify's error handler: every error becomes the JSON contract; 5xx are logged, never detailed. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let app: AppError;
  if (error instanceof AppError) {
    app = error;
  } else if ('validation' in error && Array.isArray(error.validation)) {
    app = fromFastifyValidation(error as FastifyError);
  } else if (storageFailure(error) !== null) {
    // the disk full, the database read-only (issue 72): said in Chinese, and logged with its cause
    const failure = storageFailure(error)!;
    request.log.error({ err: error, cause: failure.cause }, `${STORAGE_FAILURE_LOG[failure.kind]} (${failure.cause})`);
    const words = request.routeOptions?.url === '/api/auth/login' ? STORAGE_FAILURE_SIGN_IN : STORAGE_FAILURE_MESSAGES;
    return reply.status(503).type('application/json; charset=utf-8').send(errorBody(new AppError(503, 'unavailable', words[failure.kind])));
  } else {
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    app = status >= 400 && status < 500 ? fromClientError(status, error as FastifyError, request) : new AppError(500, 'internal', '服务器内部错误');
  }
  if (app.status >= 500) request.log.error({ err: error }, 'request failed');
  // A rate-limited answer keeps the headers the limiter set (retry-after …); others need none.
  return reply.status(app.status).type('application/json; charset=utf-8').send(errorBody(app));
}

/** 404 for a path under /api that no route serves. */
export function apiNotFound(reply: FastifyReply): FastifyReply {
  return reply.status(404).type('application/json; charset=utf-8').send(errorBody(new AppError(404, 'not-found', '接口不存在')));
}
