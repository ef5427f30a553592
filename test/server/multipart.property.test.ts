/**
 * Malformed multipart bodies on every upload route (issue 35, point 2): never a 500, always a
 * Chinese message. A property test (fast-check) over every multipart route of the OpenAPI
 * description: bodies built well, then cut short, given another boundary or none, stuffed with
 * fields, or replaced by noise; plus the named cases (no boundary, a wrong boundary, a body cut
 * short, more than 20 fields with its own message).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULTIPART_FIELDS } from '../../src/server/app/multipart';
import { loadStoredFindings } from '../../src/server/db/project.repository';
import { addDays, chinaToday, findingSourceKey } from '../../src/shared/domain/rectification';
import { importFixture, type ImportedFixture } from './domain-support';
import { startTestApp, type TestApp, type TestClient } from './support';

let t: TestApp;
let a: ImportedFixture;
let editor: TestClient;
/** Every multipart route, its path parameters filled (an open item of the editor's department). */
let routes: string[];
/** The 绩效科's account: the uploads only it may make (自评复核's import, issue 59) are sent as it. */
let reviewer: TestClient;

const CHINESE = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  t = await startTestApp();
  a = await importFixture(t.db, 'f000');
  editor = await t.client('editor', { departmentId: a.departmentId });
  reviewer = await t.client('reviewer');
  const stored = await loadStoredFindings(t.db, a.projectIds);
  const projectId = a.projectIds.find((id) => (stored.get(id) ?? []).length > 0)!;
  const item = await reviewer.post('/api/rectifications', { projectId, sourceKind: 'finding', sourceKey: findingSourceKey(stored.get(projectId)![0]!), deadline: addDays(chinaToday(t.app.now()), 30) });
  expect(item.statusCode, item.body).toBe(200);
  // every route that takes multipart/form-data says so in its summary (the OpenAPI 3 description keeps no `consumes`)
  const spec = (t.app as unknown as { swagger(): { paths: Record<string, Record<string, { summary?: string }>> } }).swagger();
  routes = Object.entries(spec.paths)
    .filter(([, ops]) => Object.values(ops).some((op) => op.summary?.includes('multipart/form-data')))
    .map(([path]) => path.replace('{id}', String(item.json().id)));
  await editor.refreshSession();
  await reviewer.refreshSession();
}, 60_000);
afterAll(() => t.close());

async function post(url: string, contentType: string | undefined, body: Buffer) {
  const as = url.startsWith('/api/self-evaluation-reviews') ? reviewer : editor;
  const cookie = [...as.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const headers: Record<string, string> = { cookie, 'x-csrf-token': as.csrfToken! };
  if (contentType !== undefined) headers['content-type'] = contentType;
  return t.app.inject({ method: 'POST', url, headers, payload: body });
}

function form(boundary: string, fields: number, files: { field: string; name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < fields; i++) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv${i}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

describe('malformed multipart', () => {
  it('finds the four upload routes in the OpenAPI description', () => {
    expect(routes.map((r) => r.replace(/\d+/, ':id')).sort()).toEqual(['/api/imports/preview', '/api/monitoring/execution-import', '/api/rectifications/:id/files', '/api/self-evaluation-reviews/import']);
  });

  it('the named cases: no boundary, a wrong boundary, a body cut short → 400; more than 20 fields → its own message', async () => {
    const body = form('abc', 1, [{ field: 'files', name: 'a.txt', data: Buffer.from('你好') }]);
    for (const url of routes) {
      for (const [contentType, payload] of [
        ['multipart/form-data', body],
        ['multipart/form-data; boundary=xyz', body],
        ['multipart/form-data; boundary=abc', body.subarray(0, body.length - 20)],
        ['multipart/form-data; boundary=abc', body.subarray(0, 30)],
      ] as const) {
        const res = await post(url, contentType, payload);
        expect(res.statusCode, `${url} ${contentType}: ${res.body}`).toBe(400);
        expect(res.json().message).toMatch(CHINESE);
      }
      const fields = await post(url, 'multipart/form-data; boundary=abc', form('abc', MULTIPART_FIELDS + 1, [{ field: 'files', name: 'a.txt', data: Buffer.from('x') }]));
      expect(fields.statusCode, fields.body).toBe(400);
      expect(fields.json().message).toBe(`表单字段过多：每次最多 ${MULTIPART_FIELDS} 个字段，未上传`);
      expect(fields.json().message).not.toContain('个文件');
    }
  });

  it('never answers 500, and every refusal is in Chinese (property)', async () => {
    const boundary = fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,40}$/);
    const file = fc.record({ field: fc.constantFrom('files', 'file', 'other', ''), name: fc.constantFrom('a.txt', 'b.docx', 'c.xlsx', '', '证明.pdf'), data: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) });
    const request = fc.record({
      route: fc.constantFrom(...routes),
      boundary,
      fields: fc.integer({ min: 0, max: MULTIPART_FIELDS + 5 }),
      files: fc.array(file, { maxLength: 3 }),
      // how the well-formed body is spoiled
      spoil: fc.oneof(
        fc.constant({ kind: 'none' as const }),
        fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('other-boundary' as const), other: boundary }),
        fc.constant({ kind: 'no-boundary' as const }),
        fc.constant({ kind: 'no-content-type' as const }),
        fc.record({ kind: fc.constant('noise' as const), noise: fc.uint8Array({ maxLength: 200 }) }),
        fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let body = form(r.boundary, r.fields, r.files);
        let contentType: string | undefined = `multipart/form-data; boundary=${r.boundary}`;
        const s = r.spoil;
        if (s.kind === 'cut') body = body.subarray(0, s.at % (body.length + 1));
        else if (s.kind === 'other-boundary') contentType = `multipart/form-data; boundary=${s.other}`;
        else if (s.kind === 'no-boundary') contentType = 'multipart/form-data';
        else if (s.kind === 'no-content-type') contentType = undefined;
        else if (s.kind === 'noise') body = Buffer.from(s.noise);
        else if (s.kind === 'flip') {
          body = Buffer.from(body);
          body[s.at % body.length] = s.byte;
        }
        const res = await post(r.route, contentType, body);
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().message, res.body).toMatch(CHINESE);
      }),
      {
        numRuns: 60,
        // found by a run (seed 1763793625): a file whose field's name a flipped byte took away gave a 500, its
        // problem without a place not matching the answer's schema (issue 58 made such a problem's place empty)
        examples: [
          [
            {
              route: '/api/imports/preview',
              boundary: "--a0-('+",
              fields: 2,
              files: [
                { field: '', name: 'b.docx', data: new Uint8Array(9) },
                { field: 'files', name: 'a.txt', data: new Uint8Array(4) },
              ],
              spoil: { kind: 'flip', at: 19065365, byte: 0 },
            } as never,
          ],
        ],
      },
    );
  }, 180_000);
});
