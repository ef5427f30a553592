/**
 * Reading a multipart/form-data upload, the one way every upload route does it (imports,
 * execution workbook, 整改 evidence). Only the request's parts are read here — buffered as they
 * stream, under the route's limits — never what a file holds: sniffing and parsing happen in the
 * parse pool (modules/imports/parse-pool.ts), after the route has checked who asks and the state
 * of what they upload to.
 *
 * A malformed body is the client's fault and answered 400 with a Chinese message, never 500: no
 * boundary, a boundary the body does not use, a body cut short, broken part headers. Too many
 * files or bytes are 413; too many form fields have their own message.
 */
import type { FastifyRequest } from 'fastify';
import { cleanFileName } from '../../shared/domain/clean-text';
import { controlCharacterError, findControlCharacter } from './control-characters';
import { AppError, validationError } from './errors';

/** Upload limits (the import screen): files per request and bytes per file. */
export const UPLOAD_LIMITS = { files: 20, fileSize: 20 * 1024 * 1024 } as const;

/** Form fields (not files) one upload may carry: @fastify/multipart's limit in app.ts. */
export const MULTIPART_FIELDS = 20;

export interface UploadedPart {
  /** The form field the file came in. */
  field: string;
  /** The file's name as sent ('' when none); percent-encoded names decoded. */
  filename: string;
  bytes: Buffer;
}

export interface MultipartUpload {
  files: UploadedPart[];
  /** Text fields by name (the last value of a repeated name). */
  fields: Map<string, string>;
}

export interface MultipartOptions {
  /** The message when the request is not multipart/form-data at all (names the expected field). */
  notMultipart: { path: string; message: string };
  /** Files per request and bytes per file. */
  limits: { files: number; fileSize: number };
  /** Messages for the limits (413), by limit. */
  tooMany: string;
  tooLarge: string;
}

/** The documents' upload (field `files`, UPLOAD_LIMITS): the import preview's and the 自评表's (issue 59). */
export const DOCUMENT_UPLOAD: MultipartOptions = {
  notMultipart: { path: 'files', message: '请以 multipart/form-data 上传文件（字段 files）' },
  limits: UPLOAD_LIMITS,
  tooMany: `上传内容过大：每次最多 ${UPLOAD_LIMITS.files} 个文件，每个文件不超过 ${UPLOAD_LIMITS.fileSize / 1024 / 1024} MB`,
  tooLarge: `上传内容过大：每次最多 ${UPLOAD_LIMITS.files} 个文件，每个文件不超过 ${UPLOAD_LIMITS.fileSize / 1024 / 1024} MB`,
};

/** A multipart file name; some clients send it percent-encoded (RFC 5987 style) in filename="…". */
export function decodedFileName(name: string): string {
  if (!/%[0-9a-f]{2}/i.test(name)) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

const MALFORMED = '上传内容格式不正确（multipart/form-data 不完整、缺少分隔符或分隔符与内容不符），请重新上传';

/** Every part of a multipart upload, or a 400/413 that says what is wrong with the request. */
export async function readMultipart(request: FastifyRequest, opts: MultipartOptions): Promise<MultipartUpload> {
  if (!request.isMultipart()) throw validationError([opts.notMultipart]);
  const files: UploadedPart[] = [];
  const fields = new Map<string, string>();
  try {
    for await (const part of request.parts({ limits: { fileSize: opts.limits.fileSize, files: opts.limits.files, fields: MULTIPART_FIELDS } })) {
      // a file's name without control and invisible characters (issue 72: a NUL was a 500 on PostgreSQL)
      if (part.type === 'file') files.push({ field: part.fieldname, filename: cleanFileName(decodedFileName(part.filename ?? '')), bytes: await part.toBuffer() });
      else if (typeof part.value === 'string') fields.set(part.fieldname, part.value);
    }
  } catch (error) {
    throw multipartError(error, opts);
  }
  const found = findControlCharacter(Object.fromEntries(fields));
  if (found) throw controlCharacterError(found);
  return { files, fields };
}

/** What a failure while reading the parts means for the client. */
export function multipartError(error: unknown, opts: Pick<MultipartOptions, 'tooMany' | 'tooLarge'>): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError(413, 'payload-too-large', opts.tooLarge);
  if (code === 'FST_FILES_LIMIT') return new AppError(413, 'payload-too-large', opts.tooMany);
  if (code === 'FST_FIELDS_LIMIT') return new AppError(400, 'bad-request', `表单字段过多：每次最多 ${MULTIPART_FIELDS} 个字段，未上传`);
  if (code === 'FST_PARTS_LIMIT') return new AppError(413, 'payload-too-large', `上传内容的部分过多，未上传`);
  // Everything else thrown while the parts stream is the body's form: busboy's "Unexpected end of
  // form", "Boundary not found", "Malformed part header", @fastify/multipart's protocol violations.
  return new AppError(400, 'bad-request', MALFORMED);
}
