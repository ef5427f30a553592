import { describe, expect, it } from 'vitest';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { buildParsedDocument } from '../factories';
import { importAllFixtures } from './domain-support';
import { startTestApp } from './support';

async function setup() {
  const t = await startTestApp();
  const fx = await importAllFixtures(t.db);
  const published = [fx.f001.projectIds[2]!, fx.f001.projectIds[5]!, fx.f003.projectIds[0]!];
  await t.db.updateTable('project').set({ status: 'published' }).where('id', 'in', published).execute();
  // every other status, so that "not published" is not just "draft"
  for (const [status, id] of [['submitted', fx.f001.projectIds[0]!], ['approved', fx.f001.projectIds[1]!], ['returned', fx.f000.projectIds[0]!]] as const) {
    await t.db.updateTable('project').set({ status }).where('id', '=', id).execute();
  }
  const rows = await t.db.selectFrom('project').select(['id', 'name', 'code', 'budgetTotal', 'status']).execute();
  const hidden = rows.filter((r) => !published.includes(r.id));
  const shown = rows.filter((r) => published.includes(r.id));
  // Names (and codes) that only unpublished projects have: none of them may appear anywhere public.
  const secrets = hidden.flatMap((r) => [r.name, r.code ?? '']).filter((s) => s !== '' && !shown.some((p) => p.name.includes(s) || (p.code ?? '').includes(s)));
  return { t, fx, published, shown, secrets, anon: t.client() };
}

describe('public pages', () => {
  it('list only departments with published projects, counting only those', async () => {
    const { fx, shown, anon } = await setup();
    const res = await anon.get('/api/public/departments');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; projectCount: number; budgetTotalFen: number }[];
    expect(items.map((d) => d.id).sort()).toStrictEqual([fx.f001.departmentId, fx.f003.departmentId].sort());
    const f001 = items.find((d) => d.id === fx.f001.departmentId)!;
    expect(f001).toStrictEqual({
      id: fx.f001.departmentId,
      code: '203001',
      name: '中国共产党唐山市路南区委员会组织部本级',
      year: 2025,
      projectCount: 2,
      budgetTotalFen: shown.filter((p) => fx.f001.projectIds.includes(p.id)).reduce((n, p) => n + Number(p.budgetTotal), 0),
    });
    const byName = (await anon.get(`/api/public/departments?q=${encodeURIComponent('组织部')}`)).json().items;
    expect(byName.map((d: { id: number }) => d.id)).toStrictEqual([fx.f001.departmentId]);
    const byCode = (await anon.get('/api/public/departments?q=3140')).json().items;
    expect(byCode.map((d: { id: number }) => d.id)).toStrictEqual([fx.f003.departmentId]);
    expect((await anon.get('/api/public/departments?year=2022')).json().items).toHaveLength(1);
  });

  it('show a department page with part one and its published projects only', async () => {
    const { fx, published, anon } = await setup();
    const res = await anon.get(`/api/public/departments/${fx.f001.departmentId}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.department).toStrictEqual({ id: fx.f001.departmentId, code: '203001', name: '中国共产党唐山市路南区委员会组织部本级' });
    expect(d.year).toBe(2025);
    expect(d.goals.overall).toBeTruthy();
    expect(d.projects.map((p: { id: number }) => p.id)).toStrictEqual(published.slice(0, 2));
    expect(Object.keys(d.projects[0]).sort()).toStrictEqual(['budgetTotalFen', 'code', 'departmentId', 'departmentName', 'id', 'name', 'year']);
    expect((await anon.get(`/api/public/departments/${fx.f000.departmentId}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/public/departments/${fx.f001.departmentId}?year=2022`)).statusCode).toBe(404);
    expect((await anon.get('/api/public/departments/99999')).statusCode).toBe(404);
  });

  it('list, search and page published projects only', async () => {
    const { fx, published, anon } = await setup();
    const all = (await anon.get('/api/public/projects')).json();
    expect(all.total).toBe(3);
    expect(all.items.map((p: { id: number }) => p.id).sort()).toStrictEqual([...published].sort());
    const page2 = (await anon.get('/api/public/projects?pageSize=2&page=2')).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items).toHaveLength(1);
    const dept = (await anon.get(`/api/public/projects?department=${fx.f003.departmentId}`)).json();
    expect(dept.items.map((p: { id: number }) => p.id)).toStrictEqual([fx.f003.projectIds[0]]);
    const name = all.items[0].name as string;
    const q = (await anon.get(`/api/public/projects?q=${encodeURIComponent(name)}`)).json();
    expect(q.items.map((p: { name: string }) => p.name)).toContain(name);
    expect((await anon.get(`/api/public/projects?department=${fx.f000.departmentId}`)).json().total).toBe(0);
  });

  it('show one published project; anything else is 404', async () => {
    const { t, fx, published, anon } = await setup();
    const res = await anon.get(`/api/public/projects/${published[0]}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: published[0], year: 2025, department: { id: fx.f001.departmentId } });
    // `issue`: the 批复's 文号 and date once issued (issue 33), null before
    expect(Object.keys(res.json()).sort()).toStrictEqual(['department', 'id', 'issue', 'project', 'year']);
    expect(res.json().issue).toBeNull();
    for (const id of [fx.f000.projectIds[0], fx.f001.projectIds[0], fx.f001.projectIds[1], fx.f002.projectIds[0], 99999]) {
      expect((await anon.get(`/api/public/projects/${id}`)).statusCode).toBe(404);
    }
    // A published project of a superseded document is history, not public.
    const first = await storeDocument(t.db, buildParsedDocument({ year: 2024 }));
    await t.db.updateTable('project').set({ status: 'published' }).where('documentId', '=', first.documentId).execute();
    const old = await t.db.selectFrom('project').select('id').where('documentId', '=', first.documentId).executeTakeFirstOrThrow();
    expect((await anon.get(`/api/public/projects/${old.id}`)).statusCode).toBe(200);
    await storeDocument(t.db, buildParsedDocument({ year: 2024 }));
    expect((await anon.get(`/api/public/projects/${old.id}`)).statusCode).toBe(404);
    expect((await anon.get('/api/public/projects?year=2024')).json().total).toBe(0);
  });

  it('never show anything of an unpublished project, whatever is asked', async () => {
    const { fx, secrets, anon } = await setup();
    expect(secrets.length).toBeGreaterThan(50);
    const urls = [
      '/api/public/departments',
      '/api/public/departments?year=2025',
      '/api/public/projects?pageSize=100',
      `/api/public/departments/${fx.f001.departmentId}`,
      `/api/public/departments/${fx.f003.departmentId}`,
      ...fx.f001.projectIds.map((id) => `/api/public/projects/${id}`),
      ...['经费', '13020225', '2025', '党', '%', '_'].map((q) => `/api/public/projects?pageSize=100&q=${encodeURIComponent(q)}`),
    ];
    for (const url of urls) {
      // Part one (the department's own goals) is public text that may name any of its projects.
      const res = await anon.get(url);
      const { goals: _goals, ...rest } = res.json();
      const body = JSON.stringify(rest);
      if (res.statusCode === 404) {
        expect(rest).toStrictEqual({ statusCode: 404, code: 'not-found', message: '没有找到已公开的项目' });
        continue;
      }
      expect(res.statusCode).toBe(200);
      for (const secret of secrets) expect(body.includes(secret), `${url} shows “${secret}”`).toBe(false);
      expect(body).not.toMatch(/qualityScore|findingCount|status|version|audit/);
    }
  });
});
