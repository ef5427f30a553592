/**
 * Isolation over the region tree (issue 32), route by route: every /api route the app registers
 * is asked by a county reviewer for the other county's data (two counties of one city), and gets
 * nothing of it — a route about one of the other county's entities answers 404 (403 where the
 * role may not act at all) and writes nothing; a list or summary answers without any of it. The
 * city reviewer reads both counties (not the other city); a reviewer without a region reads
 * everything, as before.
 *
 * A: f000 (路南区 130202), B: f003 (丰南区 130213), both of 唐山市 130200; C: f002 (130605, 保定市).
 * None of A's or B's projects is published: nothing of B is public.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStoredFindings } from '../../src/server/db/project.repository';
import { addDays, chinaToday, findingSourceKey } from '../../src/shared/domain/rectification';
import { importFixture, type ImportedFixture } from './domain-support';
import { dataSnapshot, examplesOf, registeredRoutes, requestFor, type Target, pendingAdjustment } from './route-driver';
import { SELF_EVALUATION_DIR } from '../support/self-evaluation-documents';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from './support';


const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130213,丰南区', '130600,保定市', '130605,竞秀区'].join('\n');

interface Ctx {
  t: TestApp;
  a: ImportedFixture;
  b: ImportedFixture;
  c: ImportedFixture;
  countyA: TestClient;
  city: TestClient;
  whole: TestClient;
  admin: TestClient;
  /** B's monitored project (approved) and one of its others. */
  bProject: number;
  aProject: number;
  bRectification: number;
  bFile: number;
  /** A stage of B's county (opened by its own reviewer) and a notification of B's editor. */
  bStage: number;
  bNotification: number;
  bBatch: number;
  bAdjustment: number;
  /** A 表样 of B's county, named after B (issue 54). */
  bTemplate: number;
  /** B's project's 自评表 as its unit submitted it (issue 59). */
  bSubmitted: number;
  round: string;
  secrets: string[];
}
let ctx: Ctx;

beforeAll(async () => {
  const t = await startTestApp();
  const a = await importFixture(t.db, 'f000');
  const b = await importFixture(t.db, 'f003');
  const c = await importFixture(t.db, 'f002');
  const admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  const ofYear = async (f: ImportedFixture) => (await t.db.selectFrom('project').select('id').where('documentId', '=', f.documentId).where('year', '=', f.year).orderBy('position').executeTakeFirstOrThrow()).id;
  const aProject = await ofYear(a);
  const bProject = await ofYear(b);
  await t.db.updateTable('project').set({ status: 'approved' }).where('id', 'in', [aProject, bProject]).execute();
  const whole = await t.client('reviewer');
  const round = `${b.year}-07-31`;
  for (const [id, year] of [[aProject, a.year], [bProject, b.year]] as const) {
    const r = await whole.put(`/api/projects/${id}/execution-records/${year}-07-31`, { spentFen: 100_000, indicators: [] });
    expect(r.statusCode, r.body).toBe(200);
    const s = await whole.put(`/api/projects/${id}/self-evaluation`, { spentFen: 100_000, indicators: [] });
    expect(s.statusCode, s.body).toBe(200);
    // made by the department's own editor (三员分立: the administrator takes no business action)
    const department = id === aProject ? a.departmentId : b.departmentId;
    const e = await (await t.client('editor', { departmentId: department })).post(`/api/projects/${id}/ex-ante`);
    expect(e.statusCode, e.body).toBe(200);
  }
  const stored = await loadStoredFindings(t.db, b.projectIds);
  const withFinding = b.projectIds.find((id) => (stored.get(id) ?? []).length > 0)!;
  const item = await whole.post('/api/rectifications', {
    projectId: withFinding,
    sourceKind: 'finding',
    sourceKey: findingSourceKey(stored.get(withFinding)![0]!),
    deadline: addDays(chinaToday(t.clock.now()), 30),
  });
  expect(item.statusCode, item.body).toBe(200);
  const editorB = await t.client('editor', { departmentId: b.departmentId });
  const up = await editorB.upload(`/api/rectifications/${item.json().id}/files`, [{ filename: 'b.pdf', data: '%PDF-1.4\n%%EOF\n' }]);
  expect(up.statusCode, up.body).toBe(200);

  // 工作阶段 (issue 33): B's county opens a stage of its own and reminds B
  const countyB = await t.client('reviewer', { regionCode: '130213' });
  const stage = await countyB.post('/api/stages', { year: b.year, kind: 'declaration', opensOn: `${b.year}-01-01`, dueOn: `${b.year + 5}-12-31` });
  expect(stage.statusCode, stage.body).toBe(200);
  expect((await countyB.post(`/api/stages/${stage.json().stage.id}/remind`, { departmentId: b.departmentId })).statusCode).toBe(200);
  const bNotification = (await editorB.get('/api/notifications')).json().items[0].id as number;
  // 批复 (issue 33): B's approved project issued in a batch of its own
  const batch = await whole.post('/api/approval-batches', { departmentId: b.departmentId, year: b.year, docNumber: '丰南财预〔2025〕1号', issuedOn: '2025-03-05', projectIds: [bProject] });
  expect(batch.statusCode, batch.body).toBe(200);
  // 目标调整 (issue 33): a pending request of B's own on that project
  const bAdjustment = await pendingAdjustment(editorB, bProject, b.year);
  // 自评复核 (issue 59): B's project's 自评表 as its unit submitted it, matched to it (B's county)
  const named = await t.db.selectFrom('project').innerJoin('document', 'document.id', 'project.documentId').innerJoin('department', 'department.id', 'document.departmentId').select(['project.name', 'department.name as department']).where('project.id', '=', bProject).executeTakeFirstOrThrow();
  const page = readFileSync(join(SELF_EVALUATION_DIR, 'se01-clean.html'), 'utf8').replaceAll('社区居家养老服务补贴', named.name).replaceAll('临川县民政局', named.department).replace('（2025年度）', `（${b.year}年度）`);
  expect((await whole.upload('/api/self-evaluation-reviews/import', [{ filename: 'b-self-evaluation.html', data: page }])).json().files[0].status).toBe('imported');
  const bSubmitted = (await whole.get(`/api/self-evaluation-reviews?year=${b.year}`)).json().items[0];
  expect(bSubmitted.projectId).toBe(bProject);

  // 表样 (issue 54): B's county keeps one, named after B
  const bName = (await t.db.selectFrom('department').select('name').where('id', '=', b.departmentId).executeTakeFirstOrThrow()).name;
  const tpl = await countyB.post('/api/form-templates/import', {
    kind: 'jixiao-form-templates',
    version: 1,
    templates: [{ name: `${bName}表样`, header: [['一级指标', '二级指标', '三级指标', '丰南指标值']], columns: [], rows: [], labels: [], nameFromHeading: null }],
  });
  expect(tpl.statusCode, tpl.body).toBe(200);

  const names = async (f: ImportedFixture) => t.db.selectFrom('project').select(['name', 'code']).where('documentId', '=', f.documentId).execute();
  const aNames = await names(a);
  const bDepartment = await t.db.selectFrom('department').select('name').where('id', '=', b.departmentId).executeTakeFirstOrThrow();
  const secrets = [bDepartment.name, ...(await names(b)).flatMap((p) => [p.name, p.code ?? ''])].filter((s) => s.length >= 4 && !aNames.some((n) => n.name.includes(s) || (n.code ?? '').includes(s)));
  ctx = {
    t,
    a,
    b,
    c,
    countyA: await t.client('reviewer', { regionCode: '130202' }),
    city: await t.client('reviewer', { regionCode: '130200' }),
    whole,
    admin,
    aProject,
    bProject,
    bRectification: item.json().id,
    bFile: up.json().files[0].id,
    bStage: stage.json().stage.id,
    bNotification,
    bBatch: batch.json().id,
    bAdjustment,
    bTemplate: tpl.json().created[0].id,
    bSubmitted: bSubmitted.id,
    round,
    secrets,
  };
}, 120_000);
afterAll(() => ctx.t.close());


function leaked(res: TestResponse): string[] {
  return ctx.secrets.filter((s) => res.body.includes(s));
}



/** B, as the county reviewer asks for it (route-driver.ts). */
function target(): Target {
  return {
    db: ctx.t.db, whole: ctx.whole, departmentId: ctx.b.departmentId, year: ctx.b.year, projectIds: ctx.b.projectIds, project: ctx.bProject, document: ctx.b.documentId,
    rectification: ctx.bRectification, file: ctx.bFile, stage: ctx.bStage, notification: ctx.bNotification, batch: ctx.bBatch, adjustment: ctx.bAdjustment, round: ctx.round, formTemplate: ctx.bTemplate,
    regionCode: '130213', action: { action: 'return', version: 1, comment: 'x' }, reviewLevels: 'supervisor', stageExtra: { regionCode: '130213' }, tag: 'county', submitted: ctx.bSubmitted,
  };
}

/** Routes the county reviewer legitimately answers with 200 (the other county's id ignored or lists filtered): checked for leaks only. */
const LIST = /^(GET \/api\/(projects(\/status-counts)?|departments|dashboard|monitoring\/(rounds|region)|self-evaluations\/ranking|self-evaluation-reviews(\.xlsx)?|rectifications(\.xlsx|\/summary)?|results(\/report\.(xlsx|docx))?|ex-ante(\/projects)?|library(\/entry)?|regions|stages|notifications(\/unread-count)?|tasks|approval-batches|adjustments|form-templates)|POST \/api\/notifications\/read-all)$/;

describe('a county reviewer', () => {
  let routes: string[];
  beforeAll(() => {
    routes = registeredRoutes(ctx.t.app as FastifyInstance);
  });

  it('gets nothing of the other county on any route, and writes nothing there', async () => {
    expect(routes.length).toBeGreaterThan(70);
    const answered: string[] = [];
    for (const route of routes) {
      const before = route.startsWith('GET ') ? null : await dataSnapshot(ctx.t.db);
      const res = await requestFor(route, ctx.countyA, target());
      if (res === null) continue;
      answered.push(route);
      if (route === 'POST /api/imports/preview') {
        // The preview describes the uploaded file (it echoes it), and tells nothing of what B has stored.
        expect(res.json().files.map((f: { action: string; replaces: unknown }) => [f.action, f.replaces])).toStrictEqual([['refused', null]]);
      } else if (route.startsWith('GET /api/library')) {
        // The library's figures and indicator names are over every department (as for editors); its examples name only projects the user may see.
        expect(examplesOf(res.statusCode === 200 ? res.json() : null).filter((x) => x.departmentId === ctx.b.departmentId), route).toStrictEqual([]);
      } else {
        expect(leaked(res), `${route} ${res.statusCode}: shows B's data`).toStrictEqual([]);
      }
      if (!LIST.test(route)) {
        // an entity of B, or an action: refused (an upload's preview and a workbook's import report the refusal in a 200 or 400)
        const refused =
          [403, 404].includes(res.statusCode) ||
          route === 'POST /api/imports/preview' ||
          (route === 'POST /api/monitoring/execution-import' && res.statusCode === 400) ||
          (route === 'POST /api/self-evaluation-reviews/import' && res.json().files[0].status === 'refused') ||
          (route === 'POST /api/form-templates/import' && res.statusCode === 400);
        expect(refused, `${route}: ${res.statusCode} ${res.body.slice(0, 200)}`).toBe(true);
      }
      if (before !== null) expect(await dataSnapshot(ctx.t.db), `${route} wrote`).toStrictEqual(before);
    }
    expect(answered.length).toBeGreaterThan(55);
  }, 240_000);

  it('sees its own county: lists hold A and not B', async () => {
    const projects = (await ctx.countyA.get('/api/projects?pageSize=100')).json();
    expect(projects.items.length).toBe(ctx.a.projectIds.length);
    const departments = (await ctx.countyA.get('/api/departments')).json().items.map((d: { id: number }) => d.id);
    expect(departments).toStrictEqual([ctx.a.departmentId]);
    expect((await ctx.countyA.get(`/api/projects/${ctx.aProject}`)).statusCode).toBe(200);
    expect((await ctx.countyA.get(`/api/departments/${ctx.a.departmentId}`)).statusCode).toBe(200);
    const region = (await ctx.countyA.get(`/api/monitoring/region?year=${ctx.a.year}&asOf=${ctx.a.year}-07-31`)).json();
    expect(region.departments.map((d: { department: { id: number } }) => d.department.id)).toStrictEqual([ctx.a.departmentId]);
    expect((await ctx.countyA.get(`/api/monitoring/rounds?year=${ctx.a.year}`)).json().rounds).toStrictEqual([{ asOf: `${ctx.a.year}-07-31`, projectCount: 1, departmentCount: 1 }]);
    expect((await ctx.countyA.get(`/api/monitoring/rounds?year=${ctx.b.year}`)).json().rounds).toStrictEqual([]);
    // 工作阶段: the other county's stage is not among its own, nor its departments in one it sees
    expect((await ctx.countyA.get(`/api/stages?year=${ctx.b.year}`)).json().items.map((s: { id: number }) => s.id)).not.toContain(ctx.bStage);
    expect((await ctx.city.get(`/api/stages/${ctx.bStage}`)).json().departments.map((d: { departmentId: number }) => d.departmentId)).toStrictEqual([ctx.b.departmentId]);
    const dashboard = (await ctx.countyA.get(`/api/dashboard?year=${ctx.a.year}`)).json();
    expect(dashboard.totals.projects).toBe(ctx.a.projectIds.length);
  });
});

describe('the city reviewer and a reviewer of the whole installation', () => {
  it('the city reads both its counties, not the other city; the whole installation everything', async () => {
    for (const [client, expected] of [
      [ctx.city, [ctx.a, ctx.b]],
      [ctx.whole, [ctx.a, ctx.b, ctx.c]],
    ] as const) {
      const ids = (await client.get('/api/departments')).json().items.map((d: { id: number }) => d.id).sort();
      expect(ids).toStrictEqual(expected.map((f) => f.departmentId).sort());
      expect((await client.get('/api/projects?pageSize=100')).json().total).toBe(expected.reduce((n, f) => n + f.projectIds.length, 0));
      for (const f of expected) {
        expect((await client.get(`/api/departments/${f.departmentId}`)).statusCode).toBe(200);
        expect((await client.get(`/api/projects/${f.projectIds[0]}`)).statusCode).toBe(200);
      }
      expect((await client.get(`/api/projects/${ctx.bProject}/monitoring`)).statusCode).toBe(200);
      expect((await client.get(`/api/rectifications/${ctx.bRectification}`)).statusCode).toBe(200);
      expect((await client.get(`/api/monitoring/rounds?year=${ctx.b.year}`)).json().rounds).toStrictEqual([{ asOf: ctx.round, projectCount: 1, departmentCount: 1 }]);
    }
    expect((await ctx.city.get(`/api/departments/${ctx.c.departmentId}`)).statusCode).toBe(404);
    expect((await ctx.city.get(`/api/projects/${ctx.c.projectIds[0]}`)).statusCode).toBe(404);
    const ranking = (await ctx.city.get(`/api/self-evaluations/ranking?year=${ctx.b.year}`)).json();
    expect(ranking.projects.map((p: { projectId: number }) => p.projectId)).toStrictEqual([ctx.bProject]);
    expect((await ctx.countyA.get(`/api/self-evaluations/ranking?year=${ctx.b.year}`)).json().projects).toStrictEqual([]);
    // the roll-up: the city's dashboard has its districts side by side, by name
    for (const [f, name] of [[ctx.a, '路南区'], [ctx.b, '丰南区']] as const) {
      const dashboard = (await ctx.city.get(`/api/dashboard?year=${f.year}`)).json();
      expect(dashboard.groupBy).toBe('region');
      expect(dashboard.groups.map((g: { name: string; projectCount: number }) => [g.name, g.projectCount])).toStrictEqual([[name, f.projectIds.length]]);
    }
    expect((await ctx.countyA.get(`/api/dashboard?year=${ctx.a.year}`)).json().groupBy).toBe('department');
  });
});
