/**
 * Stopping the server while a client holds a connection in the middle of a request: the stop
 * waits for it at most its grace period, then cuts it, and the database is closed after. Without
 * the bound, one client gone quiet (or a reader not draining a long answer, as a test's unread
 * fetch did in CI) kept `jixiao serve` from stopping on SIGTERM.
 */
import { connect, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startServer } from '../../src/server/app/server';
import { createTestDatabaseTarget } from '../support/test-database';

/** Opens a connection and sends the start of a request, never its end: a request under way. */
function halfRequest(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`GET /api/auth/session HTTP/1.1\r\nHost: ${hostname}\r\n`);
      ok(socket);
    });
    socket.once('error', fail);
  });
}

describe('server close', () => {
  it('cuts a connection still busy after the grace period, then closes the database', async () => {
    const target = await createTestDatabaseTarget();
    onTestFinished(() => target.drop());
    const server = await startServer({ database: target.target, port: 0, host: '127.0.0.1', webRoot: null, closeGraceMs: 200 });
    const socket = await halfRequest(server.url);
    const ended = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => undefined);
    await server.close();
    await ended;
    expect(socket.destroyed).toBe(true);
    // the database is closed: the handle refuses work
    await expect(server.db.selectFrom('department').select('id').execute()).rejects.toThrow();
  });

  it('lets a quick request finish: an idle keep-alive connection does not hold the stop', async () => {
    const target = await createTestDatabaseTarget();
    onTestFinished(() => target.drop());
    // a grace period longer than the test's time limit: the stop must not need it
    const server = await startServer({ database: target.target, port: 0, host: '127.0.0.1', webRoot: null, closeGraceMs: 10 * 60_000 });
    const answer = await fetch(`${server.url}/api/auth/session`);
    expect(answer.status).toBe(200);
    await answer.json();
    await server.close();
  });
});
