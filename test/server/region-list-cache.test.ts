/**
 * A regional reviewer's project list is kept between requests (issue 32, bench:province: a
 * county's dozens of departments are read once per change, not once per request) and is never
 * stale: a change of a project in the county shows at once, and so does a department that joins
 * the region (the kept list is keyed by the scope's departments, not by the region's code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixture, type ImportedFixture } from './domain-support';
import { startTestApp, type TestApp, type TestClient } from './support';

const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130213,丰南区'].join('\n');

let t: TestApp;
let a: ImportedFixture;
let b: ImportedFixture;
let county: TestClient;

type ListBody = { total: number; items: { id: number; status: string; version: number; departmentId: number }[] };

beforeAll(async () => {
  t = await startTestApp();
  a = await importFixture(t.db, 'f000');
  b = await importFixture(t.db, 'f003');
  const admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  county = await t.client('reviewer', { regionCode: '130202' });
});

afterAll(async () => {
  await t?.close();
});

const list = async (query = '') => {
  const r = await county.get(`/api/projects?pageSize=100${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as ListBody;
};

describe("a county reviewer's kept list", () => {
  it('shows a change of one of its projects at the next request', async () => {
    const before = await list();
    expect(before.total).toBe(a.projectIds.length);
    expect(new Set(before.items.map((p) => p.departmentId))).toEqual(new Set([a.departmentId]));
    expect((await list('&status=submitted')).total).toBe(0);
    // the same request again: from the kept list, the same answer
    expect(await list()).toEqual(before);

    const project = before.items.find((p) => p.status === 'draft')!;
    const editor = await t.client('editor', { departmentId: a.departmentId });
    const submitted = await editor.post(`/api/projects/${project.id}/actions`, { action: 'submit', version: project.version });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const after = await list();
    expect(after.items.find((p) => p.id === project.id)!.status).toBe('submitted');
    expect((await list('&status=submitted')).items.map((p) => p.id)).toEqual([project.id]);
  });

  it('takes in a department that joins the region', async () => {
    const before = await list();
    expect(before.total).toBe(a.projectIds.length);
    // as an administrator moves it (PUT /api/departments/:id/region): its documents and projects go with it
    const admin = await t.client('admin');
    expect((await admin.put(`/api/departments/${b.departmentId}/region`, { regionCode: '130202' })).statusCode).toBe(200);
    const after = await list();
    expect(after.total).toBe(a.projectIds.length + b.projectIds.length);
    expect(new Set(after.items.map((p) => p.departmentId))).toEqual(new Set([a.departmentId, b.departmentId]));
  });
});
