/**
 * Answers kept until the data changes, for the GET routes read most under load (the project list,
 * a department's page, the dashboard: issue 32's county reviewer). The answer is serialized once
 * per data version by the route's own serializer and its bytes sent to every request with the
 * same key; any change to the tables they are read from (the data version's triggers, migrations
 * 0006 and 0034) makes the next request compute it again. The version is the one the request read
 * with its session (app/auth.ts), so a kept answer costs no statement of its own.
 *
 * The key must name everything the answer depends on besides the data: the route, the query as
 * validated, and the part of the installation the account sees. Access is checked before
 * (a kept answer is never a way around a check): the caller checks, then asks.
 */
import type { FastifyReply } from 'fastify';
import { keptAnswer } from '../modules/cache/aggregate-cache';

export async function sendKept(reply: FastifyReply, key: string, compute: () => Promise<unknown>): Promise<FastifyReply> {
  const route = reply.request.routeOptions.url ?? reply.request.url;
  // Kept as the UTF-8 bytes sent (a department page is 25 kB, much of it Chinese: encoded once, not per request).
  const body = await keptAnswer(reply.server.db, `${route} ${key}`, async () => Buffer.from(reply.serialize(await compute()) as string), reply.request.dataVersion ?? undefined);
  // Bytes are sent as they are; the content type says what they are.
  return reply.type('application/json; charset=utf-8').send(body);
}
