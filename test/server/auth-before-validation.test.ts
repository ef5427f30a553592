/**
 * Anonymous requests are refused (401) before their parameters, query or body are validated or
 * even parsed (issue 35, point 5): the access checks run at onRequest (app/auth.ts
 * runAccessChecksFirst), so an anonymous caller never learns a route's schema from a 400 with its
 * details. Walks every operation of the OpenAPI description; the public ones (the session and
 * login routes, the public pages) must instead answer a bad request with a 4xx, never a 500.
 */
import { describe, expect, it } from 'vitest';
import { createDepartment, startTestApp } from './support';

/** Routes the anonymous may use (everything else needs a session). */
const PUBLIC = (path: string) => path.startsWith('/api/auth/') || path.startsWith('/api/public') || path.startsWith('/api/docs');

interface Operation {
  method: string;
  path: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('anonymous requests with a bad body', () => {
  it('get 401 before validation on every route that needs a session', async () => {
    const t = await startTestApp();
    const spec = (t.app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }).swagger();
    const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => METHODS.includes(m))
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(operations.length).toBeGreaterThan(60);
    const anon = t.client();
    await anon.refreshSession(); // the anonymous CSRF token: the CSRF check passes, only the body is bad
    const cookie = [...anon.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const checked: string[] = [];
    for (const op of operations) {
      // parameters that no schema accepts, a query with junk, and two bad bodies: valid JSON of the wrong shape, and broken JSON
      const url = `${op.path.replace(/\{[^}]+\}/g, 'not-an-id')}?page=-1&year=abc&format=exe`;
      const bodies: (string | undefined)[] = op.method === 'GET' || op.method === 'DELETE' ? [undefined] : ['{"x":[1,2,3],"version":"v"}', '{"x": '];
      for (const body of bodies) {
        const headers: Record<string, string> = { cookie, 'x-csrf-token': anon.csrfToken! };
        if (body !== undefined) headers['content-type'] = 'application/json';
        const res = await t.app.inject({ method: op.method as 'POST', url, headers, ...(body !== undefined ? { payload: body } : {}) });
        const what = `${op.method} ${op.path} ${body ?? ''}`;
        expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(500);
        if (PUBLIC(op.path)) continue;
        expect(res.statusCode, `${what}: ${res.body}`).toBe(401);
        expect(res.json(), what).toMatchObject({ code: 'unauthenticated', message: '请先登录' });
        expect(res.json().issues, what).toBeUndefined();
        checked.push(what);
      }
    }
    expect(checked.length).toBeGreaterThan(60);
  }, 60_000);

  it('a signed-in user with the same bad body still gets the validation details', async () => {
    const t = await startTestApp();
    const reviewer = await t.client('reviewer');
    const res = await reviewer.post('/api/rectifications', { x: [1] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation');
    expect(res.json().issues.length).toBeGreaterThan(0);
  });

  it('an editor is refused a reviewer route (403) before validation', async () => {
    const t = await startTestApp();
    const departmentId = await createDepartment(t.db, { name: '测试单位' });
    const editor = await t.client('editor', { departmentId });
    const res = await editor.post('/api/rectifications', { x: [1] });
    expect(res.statusCode).toBe(403);
    expect(res.json().issues).toBeUndefined();
  });
});
