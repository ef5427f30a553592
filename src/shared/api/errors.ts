/**
 * The error contract of the JSON API, shared with the browser: every error response is
 * `{ statusCode, code, message }` (message in Chinese, for people), plus `issues` for 'validation'.
 */
import { z } from 'zod';

/** Stable machine-readable error codes; the HTTP status says the class, the code says which. */
export const API_ERROR_CODES = [
  'bad-request',
  'validation',
  'unauthenticated',
  'forbidden',
  'csrf',
  'password-change-required',
  'not-found',
  'conflict',
  'stale-version',
  'invalid-transition',
  'payload-too-large',
  'unsupported-media-type',
  'rate-limited',
  'unavailable',
  'internal',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** One problem of a request that failed validation: where (dotted path, '' for the whole) and what. */
export const validationIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
  issues: z.array(validationIssueSchema).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
