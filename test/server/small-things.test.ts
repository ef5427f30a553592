/**
 * Smaller things of issue 57, through the API:
 *
 * - a list filtered by a department outside the user's scope answers 404, on every list (the lists
 *   found in the OpenAPI document by their `department`/`departmentId` query parameter), as a
 *   department's own pages do; its own department answers 200. The public list is everyone's (what
 *   is published) and not among them;
 * - a JSON body over its route's limit is 413 with a message naming the route and its limit, not the
 *   uploads' message; the region tree's import takes a text as long as its schema allows;
 * - a library search of `%`, `_` or `\` alone is literal: no entry.
 */
import { describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT } from '../../src/server/app/body-limits';
import { importFixture } from './domain-support';
import { startTestApp } from './support';

describe('a department outside one’s scope as a list filter', () => {
  it('answers 404 on every list, as the department’s own pages do; one’s own department 200', async () => {
    const t = await startTestApp();
    const a = await importFixture(t.db, 'f000');
    const b = await importFixture(t.db, 'f001');
    const editor = await t.client('editor', { departmentId: a.departmentId });
    const spec = (await t.client().get('/api/docs/json')).json() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
    const lists = Object.entries(spec.paths).flatMap(([path, ops]) => {
      const param = (ops.get?.parameters ?? []).find((p) => p.in === 'query' && /^department(Id)?$/.test(p.name));
      return param && !path.startsWith('/api/public/') ? [{ path, param: param.name }] : [];
    });
    expect(lists.map((l) => l.path).sort()).toEqual(['/api/approval-batches', '/api/ex-ante', '/api/monitoring/rounds', '/api/projects', '/api/projects/status-counts', '/api/rectifications', '/api/rectifications.xlsx']);
    for (const { path, param } of lists) {
      const url = (id: number) => `${path}?${param}=${id}&year=${a.year}`;
      const other = await editor.get(url(b.departmentId));
      expect(other.statusCode, path).toBe(404);
      expect(other.json(), path).toEqual({ statusCode: 404, code: 'not-found', message: '未找到' });
      expect((await editor.get(url(a.departmentId))).statusCode, path).toBe(200);
    }
  });
});

describe('JSON bodies over their route’s limit', () => {
  it('413 naming the route and its limit; the region import takes what its schema allows', async () => {
    const t = await startTestApp();
    const a = await importFixture(t.db, 'f000');
    const reviewer = await t.client('reviewer');
    const big = 'x'.repeat(JSON_BODY_LIMIT + 1024);
    const save = await reviewer.put(`/api/projects/${a.projectIds[0]}`, { version: 1, project: { name: big } });
    expect(save.statusCode).toBe(413);
    expect(save.json()).toEqual({ statusCode: 413, code: 'payload-too-large', message: '请求内容过大：“保存项目”每次最多接受 1 MB，本次多出 1 KB' });
    expect(save.json().message).not.toMatch(/文件|上传/);

    const admin = await t.client('admin');
    // 1,999,999 characters of Chinese (three bytes each in UTF-8: about 6 MB) reach the import's own checks
    const line = '130202,路南区\n';
    const text = line.repeat(Math.floor(1_999_999 / line.length));
    expect(text.length).toBeLessThanOrEqual(2_000_000);
    const long = await admin.post('/api/regions/import', { text });
    expect(long.statusCode, long.body.slice(0, 200)).not.toBe(413);
    // past the schema's most: the schema says so
    const longer = await admin.post('/api/regions/import', { text: `${text}${'路'.repeat(2_000_001 - text.length)}` });
    expect(longer.statusCode).toBe(400);
    expect(longer.json().issues).toEqual([{ path: 'text', message: '文件过大（最多 2 MB）' }]);
    // past what the schema could ever take: the route's limit, named
    const huge = await admin.post('/api/regions/import', { text: '\u0001'.repeat(2_100_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toBe('请求内容过大：“导入区划”每次最多接受 11.5 MB，本次多出 522 KB');
  }, 60_000);
});

describe('a library search of wildcard characters alone', () => {
  it('is literal: no entry holds them', async () => {
    const t = await startTestApp();
    await importFixture(t.db, 'f000');
    const reviewer = await t.client('reviewer');
    const all = (await reviewer.get('/api/library')).json().total as number;
    expect(all).toBeGreaterThan(0);
    for (const search of ['%', '_', '\\', '%_\\', '%%']) {
      const res = await reviewer.get(`/api/library?search=${encodeURIComponent(search)}`);
      expect(res.statusCode, search).toBe(200);
      expect(res.json().total, search).toBe(0);
    }
    expect((await reviewer.get(`/api/library?search=${encodeURIComponent('满意')}`)).json().total).toBeGreaterThan(0);
  });
});
