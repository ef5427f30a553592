/**
 * The answers kept until the data changes (app/kept-answers.ts; issue 32: the project list, a
 * department's page and the dashboard of a county's reviewers under load). A kept answer is
 * never a way around an access check, never another scope's answer, and never older than the last
 * change — also a change only to a document's own review (migration 0034's trigger) — nor is the
 * region's list of departments the access check reads (kept per data version too, app/auth.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDocumentReview } from '../../src/server/db/document.repository';
import { importFixture, type ImportedFixture } from './domain-support';
import { startTestApp, type TestApp, type TestClient } from './support';

const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130213,丰南区'].join('\n');

let t: TestApp;
let a: ImportedFixture;
let b: ImportedFixture;
let countyA: TestClient;
let countyB: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  a = await importFixture(t.db, 'f000');
  b = await importFixture(t.db, 'f003');
  const admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  expect((await admin.put(`/api/departments/${a.departmentId}/region`, { regionCode: '130202' })).statusCode).toBe(200);
  expect((await admin.put(`/api/departments/${b.departmentId}/region`, { regionCode: '130213' })).statusCode).toBe(200);
  countyA = await t.client('reviewer', { regionCode: '130202' });
  countyB = await t.client('reviewer', { regionCode: '130213' });
});

afterAll(async () => {
  await t?.close();
});

const body = async (client: TestClient, url: string) => {
  const r = await client.get(url);
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  return r.body;
};

describe('kept answers', () => {
  it("are not another account's: a department page kept for its county is 404 to another county and to another department's editor", async () => {
    const page = `/api/departments/${a.departmentId}?year=${a.year}`;
    const first = await body(countyA, page);
    // the second request is the kept answer: the same text
    expect(await body(countyA, page)).toBe(first);
    expect((await countyB.get(page)).statusCode).toBe(404);
    const editorB = await t.client('editor', { departmentId: b.departmentId });
    expect((await editorB.get(page)).statusCode).toBe(404);
    // the same list query, each county its own projects
    const listA = JSON.parse(await body(countyA, '/api/projects?pageSize=100')) as { items: { departmentId: number }[] };
    const listB = JSON.parse(await body(countyB, '/api/projects?pageSize=100')) as { items: { departmentId: number }[] };
    expect(new Set(listA.items.map((p) => p.departmentId))).toEqual(new Set([a.departmentId]));
    expect(new Set(listB.items.map((p) => p.departmentId))).toEqual(new Set([b.departmentId]));
    // each county's dashboard its own departments
    const dashA = JSON.parse(await body(countyA, '/api/dashboard')) as { groups: { departmentId: number | null }[] };
    const dashB = JSON.parse(await body(countyB, '/api/dashboard')) as { groups: { departmentId: number | null }[] };
    expect(dashA.groups.map((g) => g.departmentId)).toEqual([a.departmentId]);
    expect(dashB.groups.map((g) => g.departmentId)).toEqual([b.departmentId]);
  });

  it('follow a change of a project at the next request: the list, the department page and the dashboard', async () => {
    type List = { items: { id: number; status: string; version: number }[] };
    const list = JSON.parse(await body(countyA, '/api/projects?pageSize=100')) as List;
    const page = `/api/departments/${a.departmentId}?year=${a.year}`;
    const before = JSON.parse(await body(countyA, page)) as { projects: { id: number; status: string }[] };
    const dashboard = JSON.parse(await body(countyA, '/api/dashboard')) as { statusCounts: Record<string, number> };
    const project = list.items.find((p) => p.status === 'draft')!;
    expect(before.projects.find((p) => p.id === project.id)!.status).toBe('draft');

    const editor = await t.client('editor', { departmentId: a.departmentId });
    const submitted = await editor.post(`/api/projects/${project.id}/actions`, { action: 'submit', version: project.version });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const listAfter = JSON.parse(await body(countyA, '/api/projects?pageSize=100')) as List;
    expect(listAfter.items.find((p) => p.id === project.id)!.status).toBe('submitted');
    const after = JSON.parse(await body(countyA, page)) as { projects: { id: number; status: string }[] };
    expect(after.projects.find((p) => p.id === project.id)!.status).toBe('submitted');
    const dashboardAfter = JSON.parse(await body(countyA, '/api/dashboard')) as { statusCounts: Record<string, number> };
    expect(dashboardAfter.statusCounts.submitted).toBe((dashboard.statusCounts.submitted ?? 0) + 1);
    expect(dashboardAfter.statusCounts.draft).toBe(dashboard.statusCounts.draft! - 1);
  });

  it("follow a change of the document's own review alone (no project changed)", async () => {
    type Page = { score: { score: number; grade: string } | null; documentFindings: unknown[] };
    const page = `/api/departments/${a.departmentId}?year=${a.year}`;
    const before = JSON.parse(await body(countyA, page)) as Page;
    expect(before.score).not.toBeNull();
    // stored over the old one, as a re-review of a document without projects would (nothing else changes)
    await storeDocumentReview(t.db, a.documentId, { scoreHundredths: 1234, grade: '差', findings: [] });
    const after = JSON.parse(await body(countyA, page)) as Page;
    expect(after.score).toEqual({ score: 12.34, grade: '差' });
    expect(after.documentFindings).toEqual([]);
  });

  it("follow a department moved to another county: each county's access at the next request (the region's departments are kept too)", async () => {
    const page = `/api/departments/${b.departmentId}?year=${b.year}`;
    expect((await countyB.get(page)).statusCode).toBe(200);
    expect((await countyA.get(page)).statusCode).toBe(404);
    const admin = await t.client('admin');
    expect((await admin.put(`/api/departments/${b.departmentId}/region`, { regionCode: '130202' })).statusCode).toBe(200);
    expect((await countyA.get(page)).statusCode).toBe(200);
    expect((await countyB.get(page)).statusCode).toBe(404);
    const listB = JSON.parse(await body(countyB, '/api/projects?pageSize=100')) as { total: number };
    expect(listB.total).toBe(0);
  });
});
