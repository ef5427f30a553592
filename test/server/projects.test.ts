import { describe, expect, it } from 'vitest';
import { projectToInput } from '../../src/shared/api/project-input';
import type { ProjectInput, ProjectListResponse, ProjectRecord } from '../../src/shared/api/projects';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { listProjects } from '../../src/server/db/project.repository';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { snapshotDatabase } from '../db/helpers';
import { buildParsedDocument } from '../factories';
import { importAllFixtures } from './domain-support';
import { startTestApp, type TestApp } from './support';

async function setup() {
  const t = await startTestApp();
  const fx = await importAllFixtures(t.db);
  return { t, fx };
}

async function record(client: Awaited<ReturnType<TestApp['client']>>, id: number): Promise<ProjectRecord> {
  const res = await client.get(`/api/projects/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json() as ProjectRecord;
}

function inputOf(rec: ProjectRecord): ProjectInput {
  return projectToInput(rec.project);
}

describe('GET /api/projects', () => {
  it('filters, sorts and pages from the query string', async () => {
    const { t, fx } = await setup();
    const reviewer = await t.client('reviewer');
    const get = async (qs: string) => {
      const res = await reviewer.get(`/api/projects?${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as ProjectListResponse;
    };
    const everything = await get('pageSize=100');
    expect(everything.total).toBe(66);
    expect(everything.items).toHaveLength(66);

    const dept = await get(`department=${fx.f002.departmentId}&sort=budget&order=desc`);
    expect(dept.total).toBe(6);
    expect(dept.items.map((p) => p.budgetTotalFen)).toStrictEqual([...dept.items.map((p) => p.budgetTotalFen)].sort((a, b) => b! - a!));

    const y2022 = await get('year=2022&pageSize=5&page=2&sort=score');
    expect(y2022).toMatchObject({ total: 36, page: 2, pageSize: 5 });
    expect(y2022.items.every((p) => p.year === 2022)).toBe(true);

    const search = await get(`q=${encodeURIComponent('社区工作者')}`);
    expect(search.items.map((p) => p.name)).toContain('城市社区工作者薪酬经费');
    expect(search.items.every((p) => p.name.includes('社区工作者'))).toBe(true);

    const byCode = await get('q=13020225P00912310002A');
    expect(byCode.items.map((p) => p.id)).toStrictEqual([fx.f000.projectIds[1]]);

    const unit = await get('category=unit&minScore=50&maxScore=95.5&status=draft,returned');
    expect(unit.total).toBeGreaterThan(0);
    for (const p of unit.items) {
      expect(p.categories).toContain('unit');
      expect(p.qualityScore).toBeGreaterThanOrEqual(50);
      expect(p.qualityScore).toBeLessThanOrEqual(95.5);
    }
    // empty parameters (an empty form field) mean "no filter"
    expect((await get('department=&year=&status=&q=&category=&pageSize=100')).total).toBe(66);
  });

  it('pages every sort both ways as the uncached LIMIT/OFFSET query does (descending is the cached ascending ids reversed)', async () => {
    const { t } = await setup();
    const reviewer = await t.client('reviewer');
    // ties and NULLs: equal statuses, missing scores, equal budgets
    await t.db.updateTable('project').set({ qualityScore: null }).where('id', '<=', 5).execute();
    await t.db.updateTable('project').set({ budgetTotal: 1_000_00 }).where('id', '>', 60).execute();
    for (const sort of ['code', 'name', 'budget', 'score', 'status', 'updated', 'department'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        for (const [filter, qs] of [
          [{}, ''],
          [{ statuses: ['draft' as const] }, '&status=draft'],
        ] as const) {
          const api = (await reviewer.get(`/api/projects?sort=${sort}&order=${order}&page=2&pageSize=7${qs}`)).json() as ProjectListResponse;
          const direct = await listProjects(t.db, filter, { sort, order, offset: 7, limit: 7 });
          expect(api.items.map((p) => p.id), `${sort} ${order}${qs}`).toStrictEqual(direct.rows.map((r) => r.id));
          expect(api.total).toBe(direct.total);
        }
      }
    }
  });

  it('counts with every change, whoever writes it (the cached total follows the data version)', async () => {
    const { t, fx } = await setup();
    const reviewer = await t.client('reviewer');
    const total = async (qs: string) => ((await reviewer.get(`/api/projects?${qs}`)).json() as ProjectListResponse).total;
    expect(await total('status=submitted')).toBe(0);
    expect(await total('status=submitted')).toBe(0);
    // Written past the services, as another process would: the triggers still move the version.
    await t.db.updateTable('project').set({ status: 'submitted' }).where('id', 'in', fx.f002.projectIds.slice(0, 2)).execute();
    expect(await total('status=submitted')).toBe(2);
    await t.db.updateTable('document').set({ isCurrent: 0 }).where('id', '=', fx.f002.documentId).execute();
    expect(await total('status=submitted')).toBe(0);
    expect(await total('')).toBe(66 - fx.f002.projectIds.length);
  });

  it('sums the budgets of every project the filter matches, all pages, exactly (the 合计 row), and follows changes', async () => {
    const { t, fx } = await setup();
    const reviewer = await t.client('reviewer');
    const list = async (qs: string) => (await reviewer.get(`/api/projects?pageSize=5&${qs}`)).json() as ProjectListResponse;
    const expected = async (ids?: number[]) => {
      let q = t.db.selectFrom('project').select('budgetTotal');
      if (ids) q = q.where('id', 'in', ids);
      return (await q.execute()).reduce((sum, r) => sum + Number(r.budgetTotal ?? 0), 0);
    };
    const all = await list('');
    expect(all.items).toHaveLength(5);
    expect(all.budgetTotalFen).toBe(await expected());
    expect(all.budgetTotalFen).toBeGreaterThan(0);
    const dept = await list(`department=${fx.f002.departmentId}&sort=budget&order=desc`);
    expect(dept.budgetTotalFen).toBe(await expected(fx.f002.projectIds));
    // the cached sum follows the data
    await t.db.updateTable('project').set({ budgetTotal: 1 }).where('id', '=', fx.f002.projectIds[0]!).execute();
    expect((await list('')).budgetTotalFen).toBe(await expected());
    expect((await list('q=没有这样的项目')).budgetTotalFen).toBe(0);
  });

  it('refuses bad parameters with 400 validation', async () => {
    const { t } = await setup();
    const reviewer = await t.client('reviewer');
    for (const qs of ['pageSize=101', 'page=0', 'sort=secret', 'status=done', 'category=typo', 'minScore=101', 'department=abc']) {
      const res = await reviewer.get(`/api/projects?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().code).toBe('validation');
    }
  });

  it('needs a login', async () => {
    const { t, fx } = await setup();
    const anon = t.client();
    expect((await anon.get('/api/projects')).statusCode).toBe(401);
    expect((await anon.get(`/api/projects/${fx.f000.projectIds[0]}`)).statusCode).toBe(401);
  });
});

describe('GET /api/projects/:id', () => {
  it('gives the project, its findings pinned to cells, score, and the document for the browser review', async () => {
    const { t, fx } = await setup();
    const editor = await t.client('editor', { departmentId: fx.f003.departmentId });
    const id = fx.f003.projectIds[14]!;
    const rec = await record(editor, id);
    expect(rec).toMatchObject({
      id,
      documentId: fx.f003.documentId,
      department: { id: fx.f003.departmentId, code: '314003', name: '唐山市曹妃甸区希望路街道办事处' },
      year: 2022,
      status: 'draft',
      version: 1,
      isCurrent: true,
      editable: true,
      allowedActions: ['submit'],
      frameworkVersion: 'cn-2015',
      projectIndex: 14,
      updatedBy: null,
      comments: [],
      events: [],
      audit: { items: [], total: 0, page: 1, pageSize: 20 },
    });
    expect(rec.project.name).toBe('劳动协理员工资');
    expect(rec.context!.projects[rec.projectIndex]).toStrictEqual(rec.project);
    expect(rec.findings.length).toBeGreaterThan(0);
    expect(rec.findings.every((f) => f.projectIndex === 14)).toBe(true);
    expect(rec.findings.some((f) => f.indicatorIndex !== null && f.field !== null)).toBe(true);
    expect(rec.score).toStrictEqual({ score: expect.any(Number), grade: expect.stringMatching(/^[优良中差]$/) });
    const listed = (await editor.get(`/api/projects?q=${encodeURIComponent('劳动协理员工资')}`)).json() as ProjectListResponse;
    expect(listed.items[0]).toMatchObject({ id, qualityScore: rec.score!.score, findingCount: rec.findings.length });
  });

  it('gives a reviewer the stored findings and score without the document; a project stored before findings were kept is reviewed', async () => {
    const { t, fx } = await setup();
    const editor = await t.client('editor', { departmentId: fx.f003.departmentId });
    const reviewer = await t.client('reviewer');
    const id = fx.f003.projectIds[14]!;
    const edited = await record(editor, id);
    const read = await record(reviewer, id);
    expect(read).toMatchObject({ editable: false, context: null, projectIndex: 14 });
    const { context: _c, editable: _e, allowedActions: _a, ...shared } = edited;
    const { context: _c2, editable: _e2, allowedActions: _a2, ...seen } = read;
    expect(seen).toStrictEqual(shared);

    // No stored findings (a row from before migration 0005): the document is reviewed instead.
    await t.db.deleteFrom('projectFindings').where('projectId', '=', id).execute();
    const { context: _c3, editable: _e3, allowedActions: _a3, ...reviewed } = await record(reviewer, id);
    expect(reviewed).toStrictEqual(shared);
  });

  it('is 404 for an unknown id', async () => {
    const { t } = await setup();
    const reviewer = await t.client('reviewer');
    const res = await reviewer.get('/api/projects/999999');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, code: 'not-found' });
  });
});

describe('PUT /api/projects/:id', () => {
  it('saves every field, re-parses targets, audits the changed fields before and after, and reviews again', async () => {
    const { t, fx } = await setup();
    const editor = await t.client('editor', { departmentId: fx.f000.departmentId, displayName: '张填报' });
    const id = fx.f000.projectIds[1]!;
    const before = await record(editor, id);
    const input = inputOf(before);
    input.name = '城市社区工作者薪酬';
    input.budget = { total: 1_262_160_000, fiscal: 1_000_000_000, other: 262_160_000 };
    input.goals = [...input.goals, '新增目标'];
    input.indicators = [
      { level1Raw: '产出指标', level2Raw: '数量指标', name: '新增指标', description: null, targetRaw: '≥12次', basis: '计划标准', origin: null },
      ...input.indicators.slice(1).reverse(),
    ];
    const res = await editor.put(`/api/projects/${id}`, { version: 1, project: input });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as ProjectRecord;
    expect(saved).toMatchObject({ version: 2, updatedBy: '张填报', status: 'draft', editable: true });
    expect(saved.project.name).toBe('城市社区工作者薪酬');
    expect(saved.project.budget).toStrictEqual({ total: 1_262_160_000, fiscal: 1_000_000_000, other: 262_160_000 });
    expect(saved.project.indicators[0]!.target).toMatchObject({ raw: '≥12次', operator: '≥', value: 12, unit: '次' });
    expect(saved.project.indicators.slice(1)).toStrictEqual(before.project.indicators.slice(1).reverse());
    expect(saved.context!.projects[saved.projectIndex]).toStrictEqual(saved.project);

    expect(saved.audit.total).toBe(1);
    const entry = saved.audit.items[0]!;
    // the account and the display name of the moment
    expect(entry).toMatchObject({ actor: '张填报', actorUserId: editor.user!.id, actorUsername: editor.user!.username, action: 'project.update' });
    const detail = entry.detail as { before: Record<string, unknown>; after: Record<string, unknown>; version: number };
    expect(detail.version).toBe(2);
    expect(Object.keys(detail.after).sort()).toStrictEqual(['budget', 'goals', 'indicators', 'name']);
    expect(detail.before.name).toBe('城市社区工作者薪酬经费');
    expect(detail.after.name).toBe('城市社区工作者薪酬');
    expect(detail.before.budget).toStrictEqual({ fiscal: 1_262_160_000, other: null });
    expect(detail.after.budget).toStrictEqual({ fiscal: 1_000_000_000, other: 262_160_000 });
    expect((detail.after.indicators as { name: string }[])[0]!.name).toBe('新增指标');
    expect(detail.before.indicators as unknown[]).toHaveLength(before.project.indicators.length);

    // The stored review follows the save: the list shows the new findings.
    const listed = (await editor.get(`/api/projects?q=${encodeURIComponent('城市社区工作者薪酬')}`)).json() as ProjectListResponse;
    expect(listed.items[0]).toMatchObject({ id, version: 2, name: '城市社区工作者薪酬', findingCount: saved.findings.length, qualityScore: saved.score!.score });
  });

  it('refuses a stale version: the later of two saves is 409 and names who saved when', async () => {
    const { t, fx } = await setup();
    const alice = await t.client('editor', { departmentId: fx.f000.departmentId, displayName: '王一' });
    const bob = await t.client('editor', { departmentId: fx.f000.departmentId, displayName: '李二' });
    const id = fx.f000.projectIds[0]!;
    const a = inputOf(await record(alice, id));
    const b = inputOf(await record(bob, id));
    a.purpose = 'alice 的用途';
    b.purpose = 'bob 的用途';
    t.clock.set(new Date('2025-03-01T08:05:00Z'));
    expect((await alice.put(`/api/projects/${id}`, { version: 1, project: a })).statusCode).toBe(200);
    const snapshot = await snapshotDatabase(t.db);
    const res = await bob.put(`/api/projects/${id}`, { version: 1, project: b });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('stale-version');
    expect(res.json().message).toContain('王一');
    expect(res.json().message).toContain('2025-03-01 16:05');
    expect(res.json().message).toContain('当前版本为 2');
    expect(await snapshotDatabase(t.db)).toStrictEqual(snapshot);
    expect((await record(bob, id)).project.purpose).toBe('alice 的用途');
  });

  it('refuses to change a submitted project until it is returned', async () => {
    const { t, fx } = await setup();
    const editor = await t.client('editor', { departmentId: fx.f000.departmentId });
    const id = fx.f000.projectIds[0]!;
    const rec = await record(editor, id);
    expect((await editor.post(`/api/projects/${id}/actions`, { action: 'submit', version: 1 })).statusCode).toBe(200);
    const after = await record(editor, id);
    expect(after).toMatchObject({ status: 'submitted', editable: false, allowedActions: [] });
    const res = await editor.put(`/api/projects/${id}`, { version: 2, project: { ...inputOf(rec), name: '改名' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'invalid-transition', message: '已提交的项目在退回前不能修改' });
  });

  it('lets neither reviewers edit nor anyone change a superseded document', async () => {
    const { t } = await setup();
    const first = await storeDocument(t.db, buildParsedDocument({ year: 2024 }));
    const old = await t.db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .select(['project.id', 'document.departmentId'])
      .where('project.documentId', '=', first.documentId)
      .executeTakeFirstOrThrow();
    const reviewer = await t.client('reviewer');
    const editor = await t.client('editor', { departmentId: old.departmentId! });
    const rec = await record(editor, old.id);
    expect(rec.editable).toBe(true);
    const denied = await reviewer.put(`/api/projects/${old.id}`, { version: 1, project: inputOf(rec) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');

    await storeDocument(t.db, buildParsedDocument({ year: 2024 }));
    const history = await record(editor, old.id);
    expect(history).toMatchObject({ isCurrent: false, editable: false, allowedActions: [] });
    const res = await editor.put(`/api/projects/${old.id}`, { version: 1, project: { ...inputOf(rec), name: '改名' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('conflict');
  });

  it('writes nothing when nothing changed', async () => {
    const { t, fx } = await setup();
    const editor = await t.client('editor', { departmentId: fx.f002.departmentId });
    const id = fx.f002.projectIds[0]!;
    const rec = await record(editor, id);
    const snapshot = await snapshotDatabase(t.db);
    const res = await editor.put(`/api/projects/${id}`, { version: 1, project: inputOf(rec) });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(1);
    expect(await snapshotDatabase(t.db)).toStrictEqual(snapshot);
  });

  it('validates the input with messages in Chinese', async () => {
    const { t, fx } = await setup();
    const editor = await t.client('editor', { departmentId: fx.f002.departmentId });
    const id = fx.f002.projectIds[0]!;
    const input = inputOf(await record(editor, id));
    const cases: [string, ProjectInput][] = [
      ['budget.total', { ...input, budget: { ...input.budget, total: -1 } }],
      ['budget.total', { ...input, budget: { ...input.budget, total: 1.5 } }],
      ['spendingPlan.0.percent', { ...input, spendingPlan: [{ checkpoint: '03', percent: 33.333, amount: null }] }],
      ['name', { ...input, name: '  ' }],
      ['indicators.0.name', { ...input, indicators: [{ ...input.indicators[0]!, name: '' }] }],
    ];
    for (const [path, project] of cases) {
      const res = await editor.put(`/api/projects/${id}`, { version: 1, project });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().code).toBe('validation');
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(`project.${path}`);
      expect(res.json().message).toMatch(/^请求内容有误/);
    }
  });

  it('keeps the document indicator count in step', async () => {
    const { t } = await setup();
    const reviewer = await t.client('reviewer');
    const list = (await reviewer.get('/api/projects?pageSize=1&sort=code')).json() as ProjectListResponse;
    const first = await record(reviewer, list.items[0]!.id);
    const editor = await t.client('editor', { departmentId: first.department.id });
    const rec = await record(editor, first.id);
    const input = inputOf(rec);
    input.indicators = input.indicators.slice(1);
    expect((await editor.put(`/api/projects/${rec.id}`, { version: 1, project: input })).statusCode).toBe(200);
    const doc = await t.db.selectFrom('document').select('indicatorCount').where('id', '=', rec.documentId).executeTakeFirstOrThrow();
    expect(doc.indicatorCount).toBe(rec.context!.projects.reduce((n, p) => n + p.indicators.length, 0) - 1);
    const audit = await listAuditEntries(t.db, { entity: 'project', entityId: rec.id });
    expect(audit.map((a) => a.action)).toStrictEqual(['project.update']);
  });
});
