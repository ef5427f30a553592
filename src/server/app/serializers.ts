/**
 * Answer serialisers other than the default (fastify-type-provider-zod's, which checks every
 * answer against the route's response schema with zod, building a copy, before JSON.stringify).
 */
import type { FastifySerializerCompiler } from 'fastify';

/**
 * For a route whose answer is large and read very often: the answer serialised as it is, not
 * checked again by zod. The department page under 50 clients spent a tenth of the server's time
 * there (its 25 kB answer re-validated on every request). The response schema stays on the route
 * — the OpenAPI documentation and the type the handler must return — and the tests check that the
 * service's answers are exactly what the schema lets through (test/db/finding-rules.test.ts).
 */
export const plainJsonSerializer: FastifySerializerCompiler<unknown> = () => (data) => JSON.stringify(data);
