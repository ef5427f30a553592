/**
 * The levels of review's settings screen (issue 32): the administrator reads every region's levels
 * (its own setting, what applies, the region it comes from) and every department's 主管部门; the
 * other duties are refused (三员分立).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixture, type ImportedFixture } from './domain-support';
import { startTestApp, type TestApp, type TestClient } from './support';

const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130213,丰南区', '130600,保定市', '130605,保定市演示区'].join('\n');

let t: TestApp;
let admin: TestClient;
let p: ImportedFixture;
let u: ImportedFixture;
let other: ImportedFixture;

beforeAll(async () => {
  t = await startTestApp();
  [p, u, other] = [await importFixture(t.db, 'f000'), await importFixture(t.db, 'f001'), await importFixture(t.db, 'f002')];
  admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  for (const [f, code] of [[p, '130202'], [u, '130202'], [other, '130605']] as const) {
    expect((await admin.put(`/api/departments/${f.departmentId}/region`, { regionCode: code })).statusCode).toBe(200);
  }
}, 60_000);
afterAll(() => t.close());

describe('the regions\' levels', () => {
  it('each region: its own setting, what applies and from which region', async () => {
    expect((await admin.put('/api/regions/130200/review-levels', { reviewLevels: 'supervisor' })).statusCode).toBe(200);
    expect((await admin.put('/api/regions/130213/review-levels', { reviewLevels: 'finance' })).statusCode).toBe(200);
    const res = await admin.get('/api/regions/review-levels');
    expect(res.statusCode, res.body).toBe(200);
    const by = new Map(res.json().items.map((r: { code: string }) => [r.code, r]));
    expect(by.get('130000')).toStrictEqual({ code: '130000', name: '河北省', own: null, effective: 'finance', from: null });
    expect(by.get('130200')).toStrictEqual({ code: '130200', name: '唐山市', own: 'supervisor', effective: 'supervisor', from: '130200' });
    expect(by.get('130202')).toStrictEqual({ code: '130202', name: '路南区', own: null, effective: 'supervisor', from: '130200' });
    expect(by.get('130213')).toStrictEqual({ code: '130213', name: '丰南区', own: 'finance', effective: 'finance', from: '130213' });
    expect(by.get('130605')).toMatchObject({ own: null, effective: 'finance', from: null });
    expect(res.json().items.map((r: { code: string }) => r.code)).toStrictEqual(['130000', '130200', '130202', '130213', '130600', '130605']);
  });

  it('the other duties are refused', async () => {
    const reviewer = await t.client('reviewer');
    const editor = await t.client('editor', { departmentId: p.departmentId });
    const auditor = await t.client('auditor');
    for (const c of [reviewer, editor, auditor]) {
      expect((await c.get('/api/regions/review-levels')).statusCode).toBe(403);
      expect((await c.get('/api/users/department-levels')).statusCode).toBe(403);
    }
    expect((await t.client().get('/api/regions/review-levels')).statusCode).toBe(401);
  });
});

describe('the departments\' 主管部门', () => {
  it('each department: its region, its 主管部门, its units\' count', async () => {
    expect((await admin.put(`/api/departments/${u.departmentId}/parent`, { parentDepartmentId: p.departmentId })).statusCode).toBe(200);
    const res = await admin.get('/api/users/department-levels');
    expect(res.statusCode, res.body).toBe(200);
    const by = new Map(res.json().items.map((d: { id: number }) => [d.id, d]));
    expect(by.get(p.departmentId)).toMatchObject({ regionCode: '130202', parentDepartmentId: null, unitCount: 1 });
    expect(by.get(u.departmentId)).toMatchObject({ regionCode: '130202', parentDepartmentId: p.departmentId, unitCount: 0 });
    expect(by.get(other.departmentId)).toMatchObject({ regionCode: '130605', parentDepartmentId: null, unitCount: 0 });
    expect(Object.keys(by.get(p.departmentId) as object).sort()).toStrictEqual(['code', 'id', 'name', 'parentDepartmentId', 'regionCode', 'unitCount']);
  });
});
