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
    expect(by.get('130000')).toStrictEqual({ code: '130000', name: '河北省', own: null, years: [], effective: 'finance', from: null, fromYear: null });
    expect(by.get('130200')).toStrictEqual({ code: '130200', name: '唐山市', own: 'supervisor', years: [], effective: 'supervisor', from: '130200', fromYear: null });
    expect(by.get('130202')).toStrictEqual({ code: '130202', name: '路南区', own: null, years: [], effective: 'supervisor', from: '130200', fromYear: null });
    expect(by.get('130213')).toStrictEqual({ code: '130213', name: '丰南区', own: 'finance', years: [], effective: 'finance', from: '130213', fromYear: null });
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

describe('per region and year', () => {
  it('a region uses the 主管部门 level from a budget year on, not in the years before; the setting without a year stays for them', async () => {
    const next = u.year + 1;
    // 唐山市: none without a year; 单位 → 主管部门 → 财政 from next year on
    expect((await admin.put('/api/regions/130200/review-levels', { reviewLevels: null })).statusCode).toBe(200);
    const set = await admin.put('/api/regions/130200/review-levels', { reviewLevels: 'supervisor', fromYear: next });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toStrictEqual({ code: '130200', own: null, effective: 'finance', years: [{ fromYear: next, reviewLevels: 'supervisor' }] });

    const at = async (year: number) => new Map((await admin.get(`/api/regions/review-levels?year=${year}`)).json().items.map((r: { code: string }) => [r.code, r]));
    expect((await at(u.year)).get('130202')).toMatchObject({ effective: 'finance', from: null, fromYear: null });
    expect((await at(next)).get('130202')).toMatchObject({ effective: 'supervisor', from: '130200', fromYear: next });
    expect((await at(next + 3)).get('130202')).toMatchObject({ effective: 'supervisor', from: '130200', fromYear: next });
    // 丰南区's own setting (without a year) wins over the city's of any year
    expect((await at(next)).get('130213')).toMatchObject({ effective: 'finance', from: '130213', fromYear: null });

    // U (路南区, 主管部门 P): this year's project goes straight to the finance bureau
    expect((await admin.put(`/api/departments/${u.departmentId}/parent`, { parentDepartmentId: p.departmentId })).statusCode).toBe(200);
    const editorU = await t.client('editor', { departmentId: u.departmentId });
    const submit = async (id: number) => {
      const record = await editorU.get(`/api/projects/${id}`);
      const res = await editorU.post(`/api/projects/${id}/actions`, { action: 'submit', version: record.json().version, comment: '提交' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().status as string;
    };
    expect(await submit(u.projectIds[0]!)).toBe('submitted');
    // … the next year's (the same document, as next year's budget) waits for its 主管部门
    await t.db.updateTable('document').set({ year: next }).where('id', '=', u.documentId).execute();
    expect(await submit(u.projectIds[1]!)).toBe('unit_submitted');

    // removing the year's setting: the years before decide again (none: 单位 → 财政); audited with the year
    expect((await admin.put('/api/regions/130200/review-levels', { reviewLevels: null, fromYear: next })).json().years).toStrictEqual([]);
    expect((await at(next)).get('130202')).toMatchObject({ effective: 'finance', from: null });
    const audit = await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'region.reviewLevels').orderBy('id').execute();
    expect(audit.slice(-2).map((a) => (typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail))).toStrictEqual([
      { code: '130200', name: '唐山市', from: null, to: 'supervisor', fromYear: next },
      { code: '130200', name: '唐山市', from: 'supervisor', to: null, fromYear: next },
    ]);
    await t.db.updateTable('document').set({ year: u.year }).where('id', '=', u.documentId).execute();
    expect((await admin.put(`/api/departments/${u.departmentId}/parent`, { parentDepartmentId: null })).statusCode).toBe(409); // one waits for P
  });

  it('refuses a year out of range and a region not in the tree', async () => {
    expect((await admin.put('/api/regions/130200/review-levels', { reviewLevels: 'supervisor', fromYear: 1999 })).statusCode).toBe(400);
    expect((await admin.put('/api/regions/139999/review-levels', { reviewLevels: 'supervisor', fromYear: 2026 })).statusCode).toBe(404);
  });
});

describe('the departments\' 主管部门', () => {
  it('each department: its region, its 主管部门, its units\' count', async () => {
    const res = await admin.get('/api/users/department-levels');
    expect(res.statusCode, res.body).toBe(200);
    const by = new Map(res.json().items.map((d: { id: number }) => [d.id, d]));
    expect(by.get(p.departmentId)).toMatchObject({ regionCode: '130202', parentDepartmentId: null, unitCount: 1 });
    expect(by.get(u.departmentId)).toMatchObject({ regionCode: '130202', parentDepartmentId: p.departmentId, unitCount: 0 });
    expect(by.get(other.departmentId)).toMatchObject({ regionCode: '130605', parentDepartmentId: null, unitCount: 0 });
    expect(Object.keys(by.get(p.departmentId) as object).sort()).toStrictEqual(['code', 'id', 'name', 'parentDepartmentId', 'regionCode', 'sectionId', 'unitCount']);
  });
});

describe('a 主管部门\'s monitoring and results (read-only)', () => {
  it('reads its own and its units\' monitoring and results, not another region\'s department; writes none', async () => {
    const supervisor = await t.client('supervisor', { departmentId: p.departmentId });
    const round = `${u.year}-07-31`;
    for (const f of [p, u]) {
      const monitoring = await supervisor.get(`/api/departments/${f.departmentId}/monitoring?year=${f.year}&asOf=${round}`);
      expect(monitoring.statusCode, monitoring.body).toBe(200);
      const results = await supervisor.get(`/api/departments/${f.departmentId}/results?year=${f.year}`);
      expect(results.statusCode, results.body).toBe(200);
      expect(results.json().department.id).toBe(f.departmentId);
    }
    expect([403, 404]).toContain((await supervisor.get(`/api/departments/${other.departmentId}/monitoring?year=${other.year}&asOf=${round}`)).statusCode);
    expect([403, 404]).toContain((await supervisor.get(`/api/departments/${other.departmentId}/results?year=${other.year}`)).statusCode);
    // the region's summaries are the finance bureau's
    expect((await supervisor.get(`/api/monitoring/region?year=${u.year}&asOf=${round}`)).statusCode).toBe(403);
    expect((await supervisor.get(`/api/results?year=${u.year}`)).statusCode).toBe(403);
    // read-only: no execution record, no results decision
    const id = u.projectIds[2]!;
    expect((await supervisor.put(`/api/projects/${id}/execution-records/${round}`, { spentFen: 1, indicators: [] })).statusCode).toBe(403);
    expect((await supervisor.put(`/api/projects/${id}/results/decision`, { action: 'accept' })).statusCode).toBe(403);
    const sheet = await supervisor.get(`/api/projects/${id}/results`);
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json().canDecide).toBe(false);
  });
});
