/**
 * Isolation, route by route. Every /api route the app registers must have a case in CASES: the
 * test fails when a route is added without one (and when a case names a route that is gone).
 *
 * Department A's editor is the attacker throughout; department B is the victim. For every route
 * that takes a department or project id or lists data, A asks for B's resource (404 or 403, and
 * nothing of B in the answer; lists hold only A's rows) and writes to B's (refused, and the
 * database unchanged). Login-only routes refuse the anonymous (401); public routes answer the
 * anonymous, with published data only.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectToInput } from '../../src/shared/api/project-input';
import { loadProject } from '../../src/server/db/document.repository';
import { loadStoredFindings } from '../../src/server/db/project.repository';
import { addDays, chinaToday, findingSourceKey } from '../../src/shared/domain/rectification';
import { snapshotDatabase } from '../db/helpers';
import { changedFixture, FIXTURES, readFixture } from '../support/fixtures';
import { importFixture, type ImportedFixture } from './domain-support';
import { pendingAdjustment, registeredRoutes } from './route-driver';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from './support';

interface Ctx {
  t: TestApp;
  a: ImportedFixture;
  b: ImportedFixture;
  anon: TestClient;
  editorA: TestClient;
  reviewer: TestClient;
  /** B's department name and project names: none may reach A. */
  bSecrets: string[];
  /** One of A's and one of B's projects are published. */
  publishedA: number;
  publishedB: number;
}

let ctx: Ctx;

beforeAll(async () => {
  const t = await startTestApp();
  const a = await importFixture(t.db, 'f000');
  const b = await importFixture(t.db, 'f001');
  const publishedA = a.projectIds[0]!;
  const publishedB = b.projectIds[3]!;
  await t.db.updateTable('project').set({ status: 'published' }).where('id', 'in', [publishedA, publishedB]).execute();
  const bNames = await t.db.selectFrom('project').select(['name', 'code']).where('documentId', '=', b.documentId).execute();
  const aNames = await t.db.selectFrom('project').select('name').where('documentId', '=', a.documentId).execute();
  ctx = {
    t,
    a,
    b,
    anon: t.client(),
    editorA: await t.client('editor', { departmentId: a.departmentId }),
    reviewer: await t.client('reviewer'),
    bSecrets: ['中国共产党唐山市路南区委员会组织部本级', ...bNames.flatMap((p) => [p.name, p.code ?? ''])].filter(
      (s) => s !== '' && !aNames.some((n) => n.name.includes(s)),
    ),
    publishedA,
    publishedB,
  };
}, 60_000);
afterAll(() => ctx.t.close());

/** Every table but the sessions (which a request may extend). */
async function dataSnapshot() {
  const { session: _session, ...rest } = await snapshotDatabase(ctx.t.db);
  return rest;
}

function expectNoSecrets(res: TestResponse) {
  for (const s of ctx.bSecrets) expect(res.body.includes(s), `answer shows B's “${s}”`).toBe(false);
}

/**
 * Refused with one of `statuses`, nothing of B in the answer, nothing written. `echoesUpload`:
 * the answer may repeat what the request itself uploaded (a preview describes the file sent).
 */
async function expectRefused(send: () => Promise<TestResponse>, statuses: number[], opts: { echoesUpload?: boolean } = {}) {
  const before = await dataSnapshot();
  const res = await send();
  expect(statuses, `${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
  if (!opts.echoesUpload) expectNoSecrets(res);
  expect(await dataSnapshot()).toStrictEqual(before);
  return res;
}

const anonymousRefused = (send: (c: TestClient) => Promise<TestResponse>) => expectRefused(() => send(ctx.anon), [401]);

async function inputOf(projectId: number) {
  return projectToInput((await loadProject(ctx.t.db, projectId))!);
}

type Case = { kind: 'public' | 'auth' | 'docs' | 'admin' | 'audit' | 'login'; run: () => Promise<void> };

/** A route of the security auditor's (三员分立): 403 for A's editor and the reviewer, 401 for the anonymous. */
const auditorsOnly = (url: string): Case => ({
  kind: 'audit',
  run: async () => {
    await expectRefused(() => ctx.editorA.get(url), [403]);
    await expectRefused(() => ctx.reviewer.get(url), [403]);
    await anonymousRefused((c) => c.get(url));
  },
});

/** A route of the administrators' (三员分立: the settings, accounts, policies): 403 for A's editor and the reviewer, 401 for the anonymous. */
const settingsOnly = (send: (c: TestClient) => Promise<TestResponse>): Case => ({
  kind: 'admin',
  run: async () => {
    for (const c of [ctx.editorA, ctx.reviewer]) await expectRefused(() => send(c), [403]);
    await anonymousRefused(send);
  },
});

/** A route of the 绩效科's form templates (表样, issue 54): 403 for A's editor, 401 for the anonymous. */
const templatesOnly = (send: (c: TestClient) => Promise<TestResponse>): Case => ({
  kind: 'login',
  run: async () => {
    await expectRefused(() => send(ctx.editorA), [403]);
    await anonymousRefused(send);
  },
});

const docs = (url: string): Case => ({
  kind: 'docs',
  run: async () => {
    const res = await ctx.anon.get(url);
    expect(res.statusCode).toBeLessThan(500);
    expectNoSecrets(res);
  },
});

// --- monitoring and self-evaluation: A's and B's published projects get a round and a
// self-evaluation (written by the reviewer, once, whichever case runs first), so that there is
// something of B to leak.
const round = () => `${ctx.b.year}-07-31`;
let monitoringData: Promise<void> | null = null;
function withMonitoringData(): Promise<void> {
  monitoringData ??= (async () => {
    for (const id of [ctx.publishedA, ctx.publishedB]) {
      const r = await ctx.reviewer.put(`/api/projects/${id}/execution-records/${round()}`, { spentFen: 100_000, indicators: [] });
      expect(r.statusCode, r.body).toBe(200);
      const s = await ctx.reviewer.put(`/api/projects/${id}/self-evaluation`, { spentFen: 100_000, indicators: [] });
      expect(s.statusCode, s.body).toBe(200);
    }
  })();
  return monitoringData;
}

/** A monitoring route: refused to A's editor for B's ids (404), answered for A's own, 401 for the anonymous. */
const acrossDepartments = (url: (ids: { project: number; department: number }) => string, opts: { ownStatus?: number } = {}): Case => ({
  kind: 'login',
  run: async () => {
    await withMonitoringData();
    const b = { project: ctx.publishedB, department: ctx.b.departmentId };
    const a = { project: ctx.publishedA, department: ctx.a.departmentId };
    await expectRefused(() => ctx.editorA.get(url(b)), [404]);
    // B's other (unmonitored) projects too
    if (url(b) !== url({ ...b, project: ctx.b.projectIds[0]! })) await expectRefused(() => ctx.editorA.get(url({ ...b, project: ctx.b.projectIds[0]! })), [404]);
    const own = await ctx.editorA.get(url(a));
    expect(own.statusCode, own.body.slice(0, 200)).toBe(opts.ownStatus ?? 200);
    expectNoSecrets(own);
    await anonymousRefused((c) => c.get(url(a)));
  },
});

/** A route for reviewers only: 403 for A's editor, 401 for the anonymous. */
const reviewersOnly = (url: () => string): Case => ({
  kind: 'login',
  run: async () => {
    await withMonitoringData();
    await expectRefused(() => ctx.editorA.get(url()), [403]);
    await anonymousRefused((c) => c.get(url()));
    expect((await ctx.reviewer.get(url())).statusCode).toBe(200);
  },
});

/**
 * The indicator library answers every signed-in user with figures over all departments, and names
 * only the projects the user may see: of B, A's editor may see the published one (its name, code
 * and department), nothing else.
 */
async function expectLibraryShowsOnlyVisible(res: TestResponse) {
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  const published = await ctx.t.db.selectFrom('project').select(['name', 'code']).where('id', '=', ctx.publishedB).executeTakeFirstOrThrow();
  const visible = [published.name, published.code ?? '', '中国共产党唐山市路南区委员会组织部本级'];
  for (const secret of ctx.bSecrets.filter((x) => !visible.some((v) => v.includes(x)))) expect(res.body.includes(secret), `answer shows B's “${secret}”`).toBe(false);
}

/** A library route about one project: B's projects are not found for A's editor, A's own answer, 401 for the anonymous. */
const libraryOfProject = (route: string): Case => ({
  kind: 'login',
  run: async () => {
    for (const id of [ctx.b.projectIds[0]!, ctx.publishedB]) await expectRefused(() => ctx.editorA.get(`${route}?projectId=${id}`), [404]);
    await expectLibraryShowsOnlyVisible(await ctx.editorA.get(`${route}?projectId=${ctx.a.projectIds[1]}`));
    await anonymousRefused((c) => c.get(`${route}?projectId=${ctx.a.projectIds[1]}`));
  },
});

// --- 整改: an item on one of A's projects and one on B's (made by the reviewer, once), B's with an
// evidence file uploaded by B's editor, so that there is something of B to leak.
interface RectificationData {
  a: number;
  b: number;
  bFile: number;
}
let rectificationData: Promise<RectificationData> | null = null;
function withRectifications(): Promise<RectificationData> {
  rectificationData ??= (async () => {
    const deadline = addDays(chinaToday(ctx.t.clock.now()), 30);
    const make = async (projectIds: number[]) => {
      const stored = await loadStoredFindings(ctx.t.db, projectIds);
      const projectId = projectIds.find((id) => (stored.get(id) ?? []).length > 0)!;
      const sourceKey = findingSourceKey(stored.get(projectId)![0]!);
      const res = await ctx.reviewer.post('/api/rectifications', { projectId, sourceKind: 'finding', sourceKey, deadline });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().id as number;
    };
    const a = await make(ctx.a.projectIds);
    const b = await make(ctx.b.projectIds);
    const editorB = await ctx.t.client('editor', { departmentId: ctx.b.departmentId });
    const up = await editorB.upload(`/api/rectifications/${b}/files`, [{ filename: 'b.pdf', data: '%PDF-1.4\n%%EOF\n' }]);
    expect(up.statusCode, up.body).toBe(200);
    return { a, b, bFile: up.json().files[0].id as number };
  })();
  return rectificationData;
}


// --- 批复 (issue 33): A's and B's third projects approved and issued, one batch each (once).
let batchData: Promise<{ a: number; b: number }> | null = null;
function withBatches(): Promise<{ a: number; b: number }> {
  batchData ??= (async () => {
    const ids: number[] = [];
    for (const f of [ctx.a, ctx.b]) {
      const id = f.projectIds[2]!;
      const year = (await ctx.t.db.selectFrom('project').select('year').where('id', '=', id).executeTakeFirstOrThrow()).year ?? f.year;
      await ctx.t.db.updateTable('project').set({ status: 'approved' }).where('id', '=', id).execute();
      const r = await ctx.reviewer.post('/api/approval-batches', { departmentId: f.departmentId, year, docNumber: `隔离测试〔${f.key}〕1号`, issuedOn: '2025-03-05', projectIds: [id] });
      expect(r.statusCode, r.body).toBe(200);
      ids.push(r.json().id as number);
    }
    return { a: ids[0]!, b: ids[1]! };
  })();
  return batchData;
}

/** A 批复 route about one batch: B's not found for A's editor, A's own answered, 401 for the anonymous. */
const batchRoute = (url: (batch: number) => string): Case => ({
  kind: 'login',
  run: async () => {
    const batches = await withBatches();
    await expectRefused(() => ctx.editorA.get(url(batches.b)), [404]);
    const own = await ctx.editorA.get(url(batches.a));
    expect(own.statusCode, own.body.slice(0, 200)).toBe(200);
    expectNoSecrets(own);
    await anonymousRefused((c) => c.get(url(batches.a)));
  },
});

// --- 事前绩效评估: A's and B's published projects get an assessment (by their editors, once).
let exAnteData: Promise<void> | null = null;
function withExAnteData(): Promise<void> {
  exAnteData ??= (async () => {
    const editorB = await ctx.t.client('editor', { departmentId: ctx.b.departmentId });
    for (const [client, id] of [[ctx.editorA, ctx.publishedA], [editorB, ctx.publishedB]] as const) {
      const r = await client.post(`/api/projects/${id}/ex-ante`);
      expect(r.statusCode, r.body).toBe(200);
    }
  })();
  return exAnteData;
}

/** An ex-ante route about one project: B's (with or without an assessment) not found for A's editor, A's own answered, 401 for the anonymous. */
const exAnteOfProject = (url: (project: number) => string): Case => ({
  kind: 'login',
  run: async () => {
    await withExAnteData();
    for (const id of [ctx.publishedB, ctx.b.projectIds[0]!]) await expectRefused(() => ctx.editorA.get(url(id)), [404]);
    const own = await ctx.editorA.get(url(ctx.publishedA));
    expect(own.statusCode, own.body.slice(0, 200)).toBe(200);
    expectNoSecrets(own);
    await anonymousRefused((c) => c.get(url(ctx.publishedA)));
  },
});

// --- stages and notifications (issue 33): a stage of the year opened by the reviewer, and B's
// editor reminded of it (once, whichever case runs first), so that there is something of B to leak.
interface StageData {
  stage: number;
  bNotification: number;
  editorB: TestClient;
}
let stageData: Promise<StageData> | null = null;
function withStageData(): Promise<StageData> {
  stageData ??= (async () => {
    const today = chinaToday(ctx.t.clock.now());
    const opened = await ctx.reviewer.post('/api/stages', { year: ctx.b.year, kind: 'declaration', opensOn: today, dueOn: addDays(today, 30) });
    expect(opened.statusCode, opened.body).toBe(200);
    const stage = opened.json().stage.id as number;
    const editorB = await ctx.t.client('editor', { departmentId: ctx.b.departmentId });
    const reminded = await ctx.reviewer.post(`/api/stages/${stage}/remind`, { departmentId: ctx.b.departmentId });
    expect(reminded.statusCode, reminded.body).toBe(200);
    const list = (await editorB.get('/api/notifications')).json();
    return { stage, bNotification: list.items[0].id as number, editorB };
  })();
  return stageData;
}

/** A stage route of the finance bureau's: 403 for A's editor (nothing written), 401 for the anonymous. */
const stageBureauOnly = (send: (c: TestClient, d: StageData) => Promise<TestResponse>): Case => ({
  kind: 'login',
  run: async () => {
    const d = await withStageData();
    await expectRefused(() => send(ctx.editorA, d), [403]);
    await anonymousRefused((c) => send(c, d));
  },
});

// --- 目标调整: A's and B's published projects get a pending adjustment request (by their editors, once).
let adjustmentData: Promise<{ a: number; b: number }> | null = null;
function withAdjustments(): Promise<{ a: number; b: number }> {
  adjustmentData ??= (async () => {
    const editorB = await ctx.t.client('editor', { departmentId: ctx.b.departmentId });
    const ids: number[] = [];
    for (const [client, id] of [[ctx.editorA, ctx.publishedA], [editorB, ctx.publishedB]] as const) {
      const year = (await ctx.t.db.selectFrom('project').select('year').where('id', '=', id).executeTakeFirstOrThrow()).year ?? ctx.b.year;
      ids.push(await pendingAdjustment(client, id, year));
    }
    return { a: ids[0]!, b: ids[1]! };
  })();
  return adjustmentData;
}

/** A 目标调整 route about one project: B's not found for A's editor, A's own answered, 401 for the anonymous. */
const adjustmentsOfProject = (url: (id: number) => string): Case => ({
  kind: 'login',
  run: async () => {
    await withAdjustments();
    await expectRefused(() => ctx.editorA.get(url(ctx.publishedB)), [404]);
    const own = await ctx.editorA.get(url(ctx.publishedA));
    expect(own.statusCode, own.body.slice(0, 200)).toBe(200);
    expectNoSecrets(own);
    await anonymousRefused((c) => c.get(url(ctx.publishedA)));
  },
});

const CASES: Record<string, Case> = {
  // --- stages, 催办 and notifications (issue 33)
  'GET /api/stages': stageBureauOnly((c) => c.get(`/api/stages?year=${ctx.b.year}`)),
  'POST /api/stages': stageBureauOnly((c) => c.post('/api/stages', { year: ctx.b.year, kind: 'declaration', opensOn: `${ctx.b.year}-01-01`, dueOn: `${ctx.b.year}-03-31` })),
  'GET /api/stages/:id': stageBureauOnly((c, d) => c.get(`/api/stages/${d.stage}`)),
  'PATCH /api/stages/:id': stageBureauOnly((c, d) => c.patch(`/api/stages/${d.stage}`, { closed: true })),
  'POST /api/stages/:id/remind': stageBureauOnly((c, d) => c.post(`/api/stages/${d.stage}/remind`, { departmentId: ctx.b.departmentId })),
  'GET /api/tasks': {
    kind: 'login',
    run: async () => {
      const d = await withStageData();
      const own = await ctx.editorA.get('/api/tasks');
      expect(own.statusCode).toBe(200);
      expect(own.json().items.map((t: { stageId: number }) => t.stageId)).toStrictEqual([d.stage]);
      expectNoSecrets(own);
      await anonymousRefused((c) => c.get('/api/tasks'));
    },
  },
  'GET /api/notifications': {
    kind: 'login',
    run: async () => {
      await withStageData();
      const own = await ctx.editorA.get('/api/notifications');
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ items: [], unread: 0, total: 0 });
      expectNoSecrets(own);
      await anonymousRefused((c) => c.get('/api/notifications'));
    },
  },
  'GET /api/notifications/unread-count': {
    kind: 'login',
    run: async () => {
      const d = await withStageData();
      expect((await ctx.editorA.get('/api/notifications/unread-count')).json()).toStrictEqual({ unread: 0 });
      expect((await d.editorB.get('/api/notifications/unread-count')).json().unread).toBeGreaterThan(0);
      await anonymousRefused((c) => c.get('/api/notifications/unread-count'));
    },
  },
  'POST /api/notifications/:id/read': {
    kind: 'login',
    run: async () => {
      const d = await withStageData();
      await expectRefused(() => ctx.editorA.post(`/api/notifications/${d.bNotification}/read`), [404]);
      await anonymousRefused((c) => c.post(`/api/notifications/${d.bNotification}/read`));
    },
  },
  'POST /api/notifications/read-all': {
    kind: 'login',
    run: async () => {
      const d = await withStageData();
      // A's own (none): B's stays unread
      await expectRefused(() => ctx.editorA.post('/api/notifications/read-all'), [200]);
      expect((await d.editorB.get('/api/notifications/unread-count')).json().unread).toBeGreaterThan(0);
      await anonymousRefused((c) => c.post('/api/notifications/read-all'));
    },
  },
  // --- the indicator library
  'GET /api/library': {
    kind: 'login',
    run: async () => {
      await expectLibraryShowsOnlyVisible(await ctx.editorA.get('/api/library?pageSize=100'));
      await expectLibraryShowsOnlyVisible(await ctx.editorA.get(`/api/library?search=${encodeURIComponent('满意')}`));
      await anonymousRefused((c) => c.get('/api/library'));
    },
  },
  'GET /api/library/entry': {
    kind: 'login',
    run: async () => {
      // every entry B's projects use, as the reviewer sees them
      const all = (await ctx.reviewer.get('/api/library?pageSize=100')).json() as { items: { id: string; examples: { departmentId: number | null }[] }[] };
      const ofB = all.items.filter((e) => e.examples.some((x) => x.departmentId === ctx.b.departmentId));
      expect(ofB.length).toBeGreaterThan(0);
      // each shown without B's unpublished projects, or not at all: an entry only B's drafts and fewer than three departments use (issue 72)
      let notShown = 0;
      for (const entry of ofB.slice(0, 10)) {
        const res = await ctx.editorA.get(`/api/library/entry?id=${encodeURIComponent(entry.id)}`);
        if (res.statusCode === 404) notShown++;
        else await expectLibraryShowsOnlyVisible(res);
      }
      expect(notShown).toBeGreaterThan(0);
      await anonymousRefused((c) => c.get(`/api/library/entry?id=${encodeURIComponent(ofB[0]!.id)}`));
    },
  },
  'GET /api/library/suggestions': libraryOfProject('/api/library/suggestions'),
  'GET /api/library/peer-findings': libraryOfProject('/api/library/peer-findings'),

  // --- platform: the documentation, sessions and accounts
  'GET /api/docs': docs('/api/docs'),
  'GET /api/docs/': docs('/api/docs/'),
  'GET /api/docs/*': docs('/api/docs/static/index.css'),
  'GET /api/docs/json': docs('/api/docs/json'),
  'GET /api/docs/yaml': docs('/api/docs/yaml'),
  'GET /api/docs/static/index.html': docs('/api/docs/static/index.html'),
  'GET /api/docs/static/swagger-initializer.js': docs('/api/docs/static/swagger-initializer.js'),
  'GET /api/auth/session': {
    kind: 'auth',
    run: async () => {
      const res = await ctx.anon.get('/api/auth/session');
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toBeNull();
    },
  },
  'POST /api/auth/login': {
    kind: 'auth',
    run: async () => {
      const c = ctx.t.client();
      const res = await c.post('/api/auth/login', { username: 'nobody', password: 'wrong-password' });
      expect(res.statusCode).toBe(401);
    },
  },
  'POST /api/auth/logout': {
    kind: 'auth',
    run: async () => {
      const res = await ctx.t.client().post('/api/auth/logout');
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toBeNull();
    },
  },
  'POST /api/auth/password': {
    kind: 'auth',
    run: async () => {
      await anonymousRefused((c) => c.post('/api/auth/password', { currentPassword: 'x', newPassword: 'a-new-long-password' }));
      // only one's own: there is no user id to name, and the current password is required
      await expectRefused(() => ctx.editorA.post('/api/auth/password', { currentPassword: 'wrong-password', newPassword: 'a-new-long-password' }), [400]);
    },
  },
  'GET /api/users': {
    kind: 'admin',
    run: async () => {
      await expectRefused(() => ctx.editorA.get('/api/users'), [403]);
      await expectRefused(() => ctx.reviewer.get('/api/users'), [403]);
      await anonymousRefused((c) => c.get('/api/users'));
    },
  },
  'GET /api/users/departments': settingsOnly((c) => c.get('/api/users/departments')),
  'GET /api/audit/log': auditorsOnly('/api/audit/log'),
  'GET /api/audit/log.xlsx': auditorsOnly('/api/audit/log.xlsx'),
  'GET /api/audit/actions': auditorsOnly('/api/audit/actions'),
  'GET /api/audit/sign-ins': auditorsOnly('/api/audit/sign-ins'),
  'GET /api/audit/sign-ins.xlsx': auditorsOnly('/api/audit/sign-ins.xlsx'),
  'GET /api/audit/my-account': auditorsOnly('/api/audit/my-account'),
  'POST /api/users': {
    kind: 'admin',
    run: async () => {
      const body = { username: 'intruder', displayName: 'x' };
      await expectRefused(() => ctx.editorA.post('/api/users', body), [403]);
      await anonymousRefused((c) => c.post('/api/users', body));
    },
  },
  'PATCH /api/users/:id': {
    kind: 'admin',
    run: async () => {
      // A's editor tries to rename itself, or to disable someone.
      const self = ctx.editorA.user!.id;
      await expectRefused(() => ctx.editorA.patch(`/api/users/${self}`, { displayName: '管理员' }), [403]);
      await expectRefused(() => ctx.editorA.patch(`/api/users/${ctx.reviewer.user!.id}`, { disabled: true }), [403]);
      await anonymousRefused((c) => c.patch(`/api/users/${self}`, { disabled: true }));
    },
  },
  'PUT /api/users/:id/role': {
    kind: 'admin',
    run: async () => {
      // A's editor tries to make itself a reviewer, or move to B.
      const self = ctx.editorA.user!.id;
      await expectRefused(() => ctx.editorA.put(`/api/users/${self}/role`, { role: 'reviewer' }), [403]);
      await expectRefused(() => ctx.editorA.put(`/api/users/${self}/role`, { role: 'editor', departmentId: ctx.b.departmentId }), [403]);
      await anonymousRefused((c) => c.put(`/api/users/${self}/role`, { role: 'reviewer' }));
    },
  },
  'POST /api/users/:id/one-time-code': settingsOnly((c) => c.post(`/api/users/${ctx.reviewer.user!.id}/one-time-code`)),
  'POST /api/users/:id/unlock': settingsOnly((c) => c.post(`/api/users/${ctx.reviewer.user!.id}/unlock`)),
  'GET /api/security/policy': settingsOnly((c) => c.get('/api/security/policy')),
  'PUT /api/security/policy': settingsOnly((c) => c.put('/api/security/policy', { passwordMinLength: 10 })),
  'GET /api/auth/password-policy': {
    kind: 'login',
    run: async () => {
      expect((await ctx.editorA.get('/api/auth/password-policy')).json()).toEqual({ minLength: 10 });
      await anonymousRefused((c) => c.get('/api/auth/password-policy'));
    },
  },

  // --- the region tree (issue 32): read by everyone signed in, loaded and assigned by the admin
  'GET /api/regions': {
    kind: 'login',
    run: async () => {
      expect((await ctx.editorA.get('/api/regions')).statusCode).toBe(200);
      await anonymousRefused((c) => c.get('/api/regions'));
    },
  },
  'POST /api/regions/import': {
    kind: 'admin',
    run: async () => {
      for (const c of [ctx.editorA, ctx.reviewer]) await expectRefused(() => c.post('/api/regions/import', { text: '130000,河北省' }), [403]);
      await anonymousRefused((c) => c.post('/api/regions/import', { text: '130000,河北省' }));
    },
  },
  'PUT /api/departments/:id/region': {
    kind: 'admin',
    run: async () => {
      for (const c of [ctx.editorA, ctx.reviewer]) await expectRefused(() => c.put(`/api/departments/${ctx.b.departmentId}/region`, { regionCode: '130202' }), [403]);
      await anonymousRefused((c) => c.put(`/api/departments/${ctx.b.departmentId}/region`, { regionCode: '130202' }));
    },
  },

  'PUT /api/departments/:id/parent': {
    kind: 'admin',
    run: async () => {
      for (const c of [ctx.editorA, ctx.reviewer]) await expectRefused(() => c.put(`/api/departments/${ctx.b.departmentId}/parent`, { parentDepartmentId: ctx.a.departmentId }), [403]);
      await anonymousRefused((c) => c.put(`/api/departments/${ctx.b.departmentId}/parent`, { parentDepartmentId: ctx.a.departmentId }));
    },
  },
  'GET /api/regions/review-levels': {
    kind: 'admin',
    run: async () => {
      for (const c of [ctx.editorA, ctx.reviewer]) await expectRefused(() => c.get('/api/regions/review-levels'), [403]);
      await anonymousRefused((c) => c.get('/api/regions/review-levels'));
    },
  },
  'GET /api/users/department-levels': {
    kind: 'admin',
    run: async () => {
      for (const c of [ctx.editorA, ctx.reviewer]) await expectRefused(() => c.get('/api/users/department-levels'), [403]);
      await anonymousRefused((c) => c.get('/api/users/department-levels'));
    },
  },
  // the business sections of a region's bureau (财政业务科室) and a department's section
  'GET /api/sections': settingsOnly((c) => c.get('/api/sections')),
  'POST /api/sections': settingsOnly((c) => c.post('/api/sections', { regionCode: '130202', name: '越权科室' })),
  'PATCH /api/sections/:id': settingsOnly((c) => c.patch('/api/sections/1', { name: '越权改名' })),
  'DELETE /api/sections/:id': settingsOnly((c) => c.delete('/api/sections/1')),
  'PUT /api/departments/:id/section': settingsOnly((c) => c.put(`/api/departments/${ctx.b.departmentId}/section`, { sectionId: null })),
  'PUT /api/regions/:code/review-levels': {
    kind: 'admin',
    run: async () => {
      for (const c of [ctx.editorA, ctx.reviewer]) await expectRefused(() => c.put('/api/regions/130202/review-levels', { reviewLevels: 'supervisor' }), [403]);
      await anonymousRefused((c) => c.put('/api/regions/130202/review-levels', { reviewLevels: 'supervisor' }));
    },
  },

  'GET /api/regions/:code/approval-settings': {
    kind: 'admin',
    run: async () => {
      for (const c of [ctx.editorA, ctx.reviewer]) await expectRefused(() => c.get('/api/regions/130202/approval-settings?year=2025'), [403]);
      await anonymousRefused((c) => c.get('/api/regions/130202/approval-settings?year=2025'));
    },
  },
  'PUT /api/regions/:code/approval-settings': {
    kind: 'admin',
    run: async () => {
      const body = { year: 2025, settings: { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: true } };
      for (const c of [ctx.editorA, ctx.reviewer]) await expectRefused(() => c.put('/api/regions/130202/approval-settings', body), [403]);
      await anonymousRefused((c) => c.put('/api/regions/130202/approval-settings', body));
    },
  },
  'POST /api/approval-batches': {
    kind: 'login',
    run: async () => {
      await withBatches();
      const body = { departmentId: ctx.b.departmentId, year: ctx.b.year, docNumber: '越权文号', issuedOn: '2025-03-05', projectIds: [ctx.b.projectIds[1]!] };
      await expectRefused(() => ctx.editorA.post('/api/approval-batches', body), [403, 404]);
      await expectRefused(() => ctx.editorA.post('/api/approval-batches', { ...body, departmentId: ctx.a.departmentId }), [403, 404]);
      await anonymousRefused((c) => c.post('/api/approval-batches', body));
    },
  },
  'GET /api/approval-batches': {
    kind: 'login',
    run: async () => {
      const batches = await withBatches();
      const res = await ctx.editorA.get('/api/approval-batches');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((b: { id: number }) => b.id)).toStrictEqual([batches.a]);
      expectNoSecrets(res);
      await expectRefused(() => ctx.editorA.get(`/api/approval-batches?departmentId=${ctx.b.departmentId}`), [404]);
      await anonymousRefused((c) => c.get('/api/approval-batches'));
      const all = await ctx.reviewer.get('/api/approval-batches');
      expect(all.json().items.map((b: { id: number }) => b.id).sort()).toStrictEqual([batches.a, batches.b].sort());
    },
  },
  'GET /api/approval-batches/:id': batchRoute((id) => `/api/approval-batches/${id}`),
  'GET /api/approval-batches/:id/notice.docx': batchRoute((id) => `/api/approval-batches/${id}/notice.docx`),

  // --- departments
  'GET /api/departments': {
    kind: 'login',
    run: async () => {
      for (const url of ['/api/departments', '/api/departments?year=2025']) {
        const res = await ctx.editorA.get(url);
        expect(res.statusCode).toBe(200);
        expect(res.json().items.map((d: { id: number }) => d.id)).toStrictEqual([ctx.a.departmentId]);
        expectNoSecrets(res);
      }
      await anonymousRefused((c) => c.get('/api/departments'));
    },
  },
  'GET /api/departments/:id': {
    kind: 'login',
    run: async () => {
      await expectRefused(() => ctx.editorA.get(`/api/departments/${ctx.b.departmentId}`), [404]);
      await expectRefused(() => ctx.editorA.get(`/api/departments/${ctx.b.departmentId}?year=2025`), [404]);
      expect((await ctx.editorA.get(`/api/departments/${ctx.a.departmentId}`)).statusCode).toBe(200);
      await anonymousRefused((c) => c.get(`/api/departments/${ctx.a.departmentId}`));
    },
  },
  'GET /api/departments/:id/export': {
    kind: 'login',
    run: async () => {
      for (const format of ['docx', 'xlsx']) {
        await expectRefused(() => ctx.editorA.get(`/api/departments/${ctx.b.departmentId}/export?format=${format}`), [404]);
      }
      await anonymousRefused((c) => c.get(`/api/departments/${ctx.a.departmentId}/export?format=docx`));
    },
  },

  // --- projects and the workflow
  'GET /api/projects': {
    kind: 'login',
    run: async () => {
      const all = await ctx.editorA.get('/api/projects?pageSize=100');
      expect(all.statusCode).toBe(200);
      expect(all.json().total).toBe(ctx.a.projectIds.length);
      expect(all.json().items.map((p: { id: number }) => p.id).sort()).toStrictEqual([...ctx.a.projectIds].sort());
      expectNoSecrets(all);
      const bName = ctx.bSecrets[1]!;
      // another department as a filter: 404, as on every list filtered by department
      await expectRefused(() => ctx.editorA.get(`/api/projects?department=${ctx.b.departmentId}`), [404]);
      for (const qs of [`q=${encodeURIComponent(bName)}`, 'year=2025&status=published', 'sort=department&order=desc']) {
        const res = await ctx.editorA.get(`/api/projects?${qs}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().items.every((p: { departmentId: number }) => p.departmentId === ctx.a.departmentId)).toBe(true);
        expectNoSecrets(res);
      }
      await anonymousRefused((c) => c.get('/api/projects'));
    },
  },
  'GET /api/projects/status-counts': {
    kind: 'login',
    run: async () => {
      // an editor's counts are its own department's projects only (issue 58); another department's: not found, as every list
      for (const qs of ['', '?year=2025']) {
        const res = await ctx.editorA.get(`/api/projects/status-counts${qs}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().total).toBe(ctx.a.projectIds.length);
      }
      await expectRefused(() => ctx.editorA.get(`/api/projects/status-counts?department=${ctx.b.departmentId}`), [404]);
      await anonymousRefused((c) => c.get('/api/projects/status-counts'));
    },
  },
  'GET /api/projects/:id': {
    kind: 'login',
    run: async () => {
      for (const id of ctx.b.projectIds) await expectRefused(() => ctx.editorA.get(`/api/projects/${id}`), [404]);
      expect((await ctx.editorA.get(`/api/projects/${ctx.a.projectIds[1]}`)).statusCode).toBe(200);
      await anonymousRefused((c) => c.get(`/api/projects/${ctx.a.projectIds[1]}`));
    },
  },
  'GET /api/projects/:id/audit': {
    kind: 'login',
    run: async () => {
      for (const id of ctx.b.projectIds) await expectRefused(() => ctx.editorA.get(`/api/projects/${id}/audit`), [404]);
      const own = await ctx.editorA.get(`/api/projects/${ctx.a.projectIds[1]}/audit?page=1&pageSize=5`);
      expect(own.statusCode).toBe(200);
      expectNoSecrets(own);
      await anonymousRefused((c) => c.get(`/api/projects/${ctx.a.projectIds[1]}/audit`));
    },
  },
  'GET /api/projects/:id/audit/facets': {
    kind: 'login',
    run: async () => {
      for (const id of ctx.b.projectIds) await expectRefused(() => ctx.editorA.get(`/api/projects/${id}/audit/facets`), [404]);
      const own = await ctx.editorA.get(`/api/projects/${ctx.a.projectIds[1]}/audit/facets`);
      expect(own.statusCode).toBe(200);
      expectNoSecrets(own);
      await anonymousRefused((c) => c.get(`/api/projects/${ctx.a.projectIds[1]}/audit/facets`));
    },
  },
  'GET /api/projects/:id/audit.xlsx': {
    kind: 'login',
    run: async () => {
      for (const id of ctx.b.projectIds) await expectRefused(() => ctx.editorA.get(`/api/projects/${id}/audit.xlsx`), [404]);
      const own = await ctx.editorA.get(`/api/projects/${ctx.a.projectIds[1]}/audit.xlsx`);
      expect(own.statusCode).toBe(200);
      await anonymousRefused((c) => c.get(`/api/projects/${ctx.a.projectIds[1]}/audit.xlsx`));
    },
  },
  'PUT /api/projects/:id': {
    kind: 'login',
    run: async () => {
      const id = ctx.b.projectIds[0]!;
      const project = { ...(await inputOf(id)), name: '被改写' };
      await expectRefused(() => ctx.editorA.put(`/api/projects/${id}`, { version: 1, project }), [404]);
      await anonymousRefused((c) => c.put(`/api/projects/${id}`, { version: 1, project }));
    },
  },
  'POST /api/projects/:id/actions': {
    kind: 'login',
    run: async () => {
      const id = ctx.b.projectIds[0]!;
      for (const action of ['submit', 'approve', 'return', 'publish']) {
        await expectRefused(() => ctx.editorA.post(`/api/projects/${id}/actions`, { action, version: 1, comment: 'x' }), [404]);
      }
      // B's published project cannot be taken off the public pages by A either.
      await expectRefused(() => ctx.editorA.post(`/api/projects/${ctx.publishedB}/actions`, { action: 'unpublish', version: 1 }), [404]);
      await anonymousRefused((c) => c.post(`/api/projects/${id}/actions`, { action: 'submit', version: 1 }));
    },
  },

  // --- imports
  'POST /api/imports/preview': {
    kind: 'login',
    run: async () => {
      const files = [{ filename: 'b-v2.txt', data: changedFixture(FIXTURES.f001) }];
      const res = await expectRefused(() => ctx.editorA.upload('/api/imports/preview', files), [200], { echoesUpload: true });
      // The preview describes the uploaded file, but tells nothing of what B has stored.
      expect(res.json().files.map((f: { action: string; replaces: unknown }) => [f.action, f.replaces])).toStrictEqual([['refused', null]]);
      await anonymousRefused((c) => c.upload('/api/imports/preview', files));
    },
  },
  'POST /api/imports/commit': {
    kind: 'login',
    run: async () => {
      const files = [{ filename: 'b-v2.txt', data: changedFixture(FIXTURES.f001) }];
      const own = await ctx.editorA.upload('/api/imports/preview', files);
      const res = await expectRefused(() => ctx.editorA.post('/api/imports/commit', { token: own.json().token }), [200], { echoesUpload: true });
      expect(res.json().files.map((f: { status: string }) => f.status)).toStrictEqual(['refused']);
      // A reviewer's preview of B's new version, committed by A's editor with the stolen token.
      const theirs = await ctx.reviewer.upload('/api/imports/preview', files);
      expect(theirs.json().files[0].action).toBe('replace');
      await expectRefused(() => ctx.editorA.post('/api/imports/commit', { token: theirs.json().token }), [404]);
      await anonymousRefused((c) => c.post('/api/imports/commit', { token: theirs.json().token }));
    },
  },

  'POST /api/imports/reread': {
    kind: 'login',
    run: async () => {
      // a reviewer's preview of B's new version, read again by A's editor with the stolen token
      const files = [{ filename: 'b-v2.txt', data: changedFixture(FIXTURES.f001) }];
      const theirs = await ctx.reviewer.upload('/api/imports/preview', files);
      await expectRefused(() => ctx.editorA.post('/api/imports/reread', { token: theirs.json().token, upload: 0, template: null }), [404]);
      await anonymousRefused((c) => c.post('/api/imports/reread', { token: theirs.json().token, upload: 0, template: null }));
    },
  },

  'POST /api/imports/likely': {
    kind: 'login',
    run: async () => {
      // a reviewer's preview of B's new version, a likely reading accepted in it by A's editor with the stolen token
      const files = [{ filename: 'b-v2.txt', data: changedFixture(FIXTURES.f001) }];
      const theirs = await ctx.reviewer.upload('/api/imports/preview', files);
      const body = { token: theirs.json().token, file: 0, project: 0, doubt: 0, choice: 0 };
      await expectRefused(() => ctx.editorA.post('/api/imports/likely', body), [404]);
      await anonymousRefused((c) => c.post('/api/imports/likely', body));
      // the owner's own token: a text document's tables have no doubt to answer, refused by name
      const own = await ctx.reviewer.post('/api/imports/likely', body);
      expect([own.statusCode, own.json().message]).toEqual([404, '预览中没有这一处存疑']);
    },
  },

  'GET /api/imports/progress/:id': {
    kind: 'login',
    run: async () => {
      // an upload's progress is its user's only: the reviewer's, known for a while after its answer, is not found for A
      // (test/server/imports-scans.test.ts asks for another's while it is read)
      const id = 'reviewer-upload-0001';
      await ctx.reviewer.upload(`/api/imports/preview?progress=${id}`, [{ filename: 'b-v2.txt', data: changedFixture(FIXTURES.f001) }]);
      await expectRefused(() => ctx.editorA.get(`/api/imports/progress/${id}`), [404]);
      await anonymousRefused((c) => c.get(`/api/imports/progress/${id}`));
    },
  },

  // --- form templates (表样, issue 54): the 绩效科's
  'GET /api/form-templates': templatesOnly((c) => c.get('/api/form-templates')),
  'GET /api/form-templates/:id': templatesOnly((c) => c.get('/api/form-templates/1')),
  'GET /api/form-templates/export': templatesOnly((c) => c.get('/api/form-templates/export')),
  'PATCH /api/form-templates/:id': templatesOnly((c) => c.patch('/api/form-templates/1', { name: '越权改名' })),
  'POST /api/form-templates/:id/retire': templatesOnly((c) => c.post('/api/form-templates/1/retire')),
  'POST /api/form-templates/import': templatesOnly((c) =>
    c.post('/api/form-templates/import', { kind: 'jixiao-form-templates', version: 1, templates: [{ name: '越权表样', header: [['一级指标', '二级指标']], columns: [], rows: [], labels: [], nameFromHeading: null }] }),
  ),

  // --- the dashboard
  'GET /api/dashboard': {
    kind: 'login',
    run: async () => {
      await expectRefused(() => ctx.editorA.get('/api/dashboard'), [403]);
      await anonymousRefused((c) => c.get('/api/dashboard'));
      expect((await ctx.reviewer.get('/api/dashboard')).statusCode).toBe(200);
    },
  },

  // --- monitoring (双监控) and self-evaluation (绩效自评)
  'GET /api/monitoring/rounds': {
    kind: 'login',
    run: async () => {
      await withMonitoringData();
      await expectRefused(() => ctx.editorA.get(`/api/monitoring/rounds?year=${ctx.b.year}&departmentId=${ctx.b.departmentId}`), [404]);
      // without a department: A's rounds only (one project), whatever B has
      const own = await ctx.editorA.get(`/api/monitoring/rounds?year=${ctx.b.year}`);
      expect(own.json().rounds).toStrictEqual([{ asOf: round(), projectCount: 1, departmentCount: 1 }]);
      expect((await ctx.reviewer.get(`/api/monitoring/rounds?year=${ctx.b.year}`)).json().rounds).toStrictEqual([{ asOf: round(), projectCount: 2, departmentCount: 2 }]);
      await anonymousRefused((c) => c.get(`/api/monitoring/rounds?year=${ctx.b.year}`));
    },
  },
  'GET /api/projects/:id/execution-records': acrossDepartments(({ project }) => `/api/projects/${project}/execution-records`),
  'GET /api/projects/:id/execution-records/:asOf': {
    kind: 'login',
    run: async () => {
      await withMonitoringData();
      await expectRefused(() => ctx.editorA.get(`/api/projects/${ctx.publishedB}/execution-records/${round()}`), [404]);
      expect((await ctx.editorA.get(`/api/projects/${ctx.publishedA}/execution-records/${round()}`)).statusCode).toBe(200);
      await anonymousRefused((c) => c.get(`/api/projects/${ctx.publishedA}/execution-records/${round()}`));
    },
  },
  'PUT /api/projects/:id/execution-records/:asOf': {
    kind: 'login',
    run: async () => {
      await withMonitoringData();
      const body = { spentFen: 999_900, indicators: [] };
      for (const id of [ctx.publishedB, ctx.b.projectIds[0]!]) {
        await expectRefused(() => ctx.editorA.put(`/api/projects/${id}/execution-records/${round()}`, body), [404]);
      }
      await anonymousRefused((c) => c.put(`/api/projects/${ctx.publishedB}/execution-records/${round()}`, body));
    },
  },
  'DELETE /api/projects/:id/execution-records/:asOf': {
    kind: 'login',
    run: async () => {
      await withMonitoringData();
      await expectRefused(() => ctx.editorA.delete(`/api/projects/${ctx.publishedB}/execution-records/${round()}`), [404]);
      await anonymousRefused((c) => c.delete(`/api/projects/${ctx.publishedB}/execution-records/${round()}`));
    },
  },
  'GET /api/projects/:id/monitoring': acrossDepartments(({ project }) => `/api/projects/${project}/monitoring`),
  'GET /api/projects/:id/monitoring.xlsx': acrossDepartments(({ project }) => `/api/projects/${project}/monitoring.xlsx`),
  'GET /api/departments/:id/monitoring': acrossDepartments(({ department }) => `/api/departments/${department}/monitoring?year=${ctx.b.year}&asOf=${round()}`),
  'GET /api/departments/:id/monitoring.xlsx': acrossDepartments(({ department }) => `/api/departments/${department}/monitoring.xlsx?year=${ctx.b.year}&asOf=${round()}`),
  'GET /api/departments/:id/execution-template.xlsx': acrossDepartments(
    ({ department }) => `/api/departments/${department}/execution-template.xlsx?year=${ctx.b.year}&asOf=${round()}`,
  ),
  'GET /api/monitoring/region': reviewersOnly(() => `/api/monitoring/region?year=${ctx.b.year}&asOf=${round()}`),
  'POST /api/monitoring/execution-import': {
    kind: 'login',
    run: async () => {
      await withMonitoringData();
      // B's template, filled in by the reviewer, imported by A's editor: refused whole, B not named.
      const template = await ctx.reviewer.get(`/api/departments/${ctx.b.departmentId}/execution-template.xlsx?year=${ctx.b.year}&asOf=${round()}`);
      expect(template.statusCode).toBe(200);
      const files = [{ filename: 'b.xlsx', data: template.rawPayload, field: 'file' }];
      const res = await expectRefused(() => ctx.editorA.upload('/api/monitoring/execution-import', files), [400]);
      expect(res.json().issues[0].message).toContain('不存在或不属于本单位');
      await anonymousRefused((c) => c.upload('/api/monitoring/execution-import', files));
    },
  },
  'GET /api/projects/:id/self-evaluation': acrossDepartments(({ project }) => `/api/projects/${project}/self-evaluation`),
  'GET /api/projects/:id/self-evaluation.xlsx': acrossDepartments(({ project }) => `/api/projects/${project}/self-evaluation.xlsx`),
  'PUT /api/projects/:id/self-evaluation': {
    kind: 'login',
    run: async () => {
      await withMonitoringData();
      const body = { spentFen: 999_900, indicators: [] };
      for (const id of [ctx.publishedB, ctx.b.projectIds[0]!]) {
        await expectRefused(() => ctx.editorA.put(`/api/projects/${id}/self-evaluation`, body), [404]);
      }
      await anonymousRefused((c) => c.put(`/api/projects/${ctx.publishedB}/self-evaluation`, body));
    },
  },
  // issue 71: the 绩效科 accepts a re-score after a 目标调整; another department's project is not found for an editor
  'POST /api/projects/:id/self-evaluation/rescore': {
    kind: 'login',
    run: async () => {
      await withMonitoringData();
      for (const id of [ctx.publishedB, ctx.b.projectIds[0]!]) {
        await expectRefused(() => ctx.editorA.post(`/api/projects/${id}/self-evaluation/rescore`), [404]);
      }
      await anonymousRefused((c) => c.post(`/api/projects/${ctx.publishedB}/self-evaluation/rescore`));
    },
  },
  'GET /api/departments/:id/self-evaluations': acrossDepartments(({ department }) => `/api/departments/${department}/self-evaluations?year=${ctx.b.year}`),
  'GET /api/departments/:id/self-evaluation.xlsx': acrossDepartments(({ department }) => `/api/departments/${department}/self-evaluation.xlsx?year=${ctx.b.year}`),
  'GET /api/self-evaluations/ranking': reviewersOnly(() => `/api/self-evaluations/ranking?year=${ctx.b.year}`),

  // --- 自评复核 (issue 59): the 绩效科's; an editor reads, writes and uploads nothing of it
  'GET /api/self-evaluation-reviews': reviewersOnly(() => `/api/self-evaluation-reviews?year=${ctx.b.year}`),
  'GET /api/self-evaluation-reviews.xlsx': reviewersOnly(() => `/api/self-evaluation-reviews.xlsx?year=${ctx.b.year}`),
  'GET /api/self-evaluation-reviews/:id': {
    kind: 'login',
    run: async () => {
      await expectRefused(() => ctx.editorA.get('/api/self-evaluation-reviews/1'), [403]);
      await anonymousRefused((c) => c.get('/api/self-evaluation-reviews/1'));
    },
  },
  'PUT /api/self-evaluation-reviews/:id/conclusion': {
    kind: 'login',
    run: async () => {
      const body = { conclusion: 'agreed' };
      await expectRefused(() => ctx.editorA.put('/api/self-evaluation-reviews/1/conclusion', body), [403]);
      await anonymousRefused((c) => c.put('/api/self-evaluation-reviews/1/conclusion', body));
    },
  },
  'POST /api/self-evaluation-reviews/import': {
    kind: 'login',
    run: async () => {
      const files = [{ filename: 'a.html', data: '<table><tr><td>得分</td></tr></table>' }];
      await expectRefused(() => ctx.editorA.upload('/api/self-evaluation-reviews/import', files), [403]);
      await anonymousRefused((c) => c.upload('/api/self-evaluation-reviews/import', files));
    },
  },

  // --- 下年目标 (carry-over): nothing of B read or written by A; the reviewer may read, not carry over
  'GET /api/projects/:id/carry-over': {
    kind: 'login',
    run: async () => {
      for (const id of [ctx.publishedB, ctx.b.projectIds[0]!]) await expectRefused(() => ctx.editorA.get(`/api/projects/${id}/carry-over`), [404]);
      const own = await ctx.editorA.get(`/api/projects/${ctx.publishedA}/carry-over`);
      expect(own.statusCode, own.body.slice(0, 200)).toBe(200);
      expect(own.json().canCarryOver).toBe(true);
      expectNoSecrets(own);
      await anonymousRefused((c) => c.get(`/api/projects/${ctx.publishedA}/carry-over`));
    },
  },
  'POST /api/projects/:id/carry-over': {
    kind: 'login',
    run: async () => {
      for (const id of [ctx.publishedB, ctx.b.projectIds[0]!]) await expectRefused(() => ctx.editorA.post(`/api/projects/${id}/carry-over`), [404]);
      await expectRefused(() => ctx.reviewer.post(`/api/projects/${ctx.publishedB}/carry-over`), [403]);
      await anonymousRefused((c) => c.post(`/api/projects/${ctx.publishedA}/carry-over`));
    },
  },
  'POST /api/departments/:id/carry-over': {
    kind: 'login',
    run: async () => {
      const body = { fromYear: ctx.b.year };
      await expectRefused(() => ctx.editorA.post(`/api/departments/${ctx.b.departmentId}/carry-over`, body), [404]);
      await expectRefused(() => ctx.reviewer.post(`/api/departments/${ctx.b.departmentId}/carry-over`, body), [403]);
      await anonymousRefused((c) => c.post(`/api/departments/${ctx.a.departmentId}/carry-over`, body));
    },
  },

  // --- 撤回导入 (issue 54): A's editor learns nothing of B's document and removes nothing; its own, imported
  // on the command line, it sees but may not withdraw
  'GET /api/documents/:id': {
    kind: 'login',
    run: async () => {
      await expectRefused(() => ctx.editorA.get(`/api/documents/${ctx.b.documentId}`), [404]);
      const own = await ctx.editorA.get(`/api/documents/${ctx.a.documentId}`);
      expect(own.statusCode, own.body.slice(0, 200)).toBe(200);
      expect(own.json().withdrawal.blocker.code).toBe('not-allowed');
      expectNoSecrets(own);
      await anonymousRefused((c) => c.get(`/api/documents/${ctx.a.documentId}`));
    },
  },
  'POST /api/documents/:id/withdraw': {
    kind: 'login',
    run: async () => {
      const body = { reason: '越权撤回' };
      await expectRefused(() => ctx.editorA.post(`/api/documents/${ctx.b.documentId}/withdraw`, body), [404]);
      await expectRefused(() => ctx.editorA.post(`/api/documents/${ctx.a.documentId}/withdraw`, body), [403]);
      await anonymousRefused((c) => c.post(`/api/documents/${ctx.a.documentId}/withdraw`, body));
    },
  },

  // --- 整改 (rectification)
  'GET /api/rectifications': {
    kind: 'login',
    run: async () => {
      const r = await withRectifications();
      for (const url of ['/api/rectifications?pageSize=100', `/api/rectifications?projectId=${ctx.b.projectIds[0]}`, '/api/rectifications?status=pending']) {
        const res = await ctx.editorA.get(url);
        expect(res.statusCode).toBe(200);
        expect(res.json().items.map((i: { id: number }) => i.id)).not.toContain(r.b);
        expect(res.json().items.every((i: { departmentId: number }) => i.departmentId === ctx.a.departmentId)).toBe(true);
        expectNoSecrets(res);
      }
      expect((await ctx.editorA.get('/api/rectifications')).json().items.map((i: { id: number }) => i.id)).toStrictEqual([r.a]);
      await expectRefused(() => ctx.editorA.get(`/api/rectifications?departmentId=${ctx.b.departmentId}`), [404]);
      await anonymousRefused((c) => c.get('/api/rectifications'));
    },
  },
  'GET /api/rectifications.xlsx': {
    kind: 'login',
    run: async () => {
      const r = await withRectifications();
      const res = await ctx.editorA.get('/api/rectifications.xlsx');
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload.buffer.slice(res.rawPayload.byteOffset, res.rawPayload.byteOffset + res.rawPayload.byteLength) as ArrayBuffer);
      const ids = wb.getWorksheet('整改事项')!.getColumn(1).values.slice(2);
      expect(ids).toStrictEqual([r.a]);
      await expectRefused(() => ctx.editorA.get(`/api/rectifications.xlsx?departmentId=${ctx.b.departmentId}`), [404]);
      await anonymousRefused((c) => c.get('/api/rectifications.xlsx'));
    },
  },
  'POST /api/rectifications/:id/withdraw': {
    kind: 'login',
    run: async () => {
      const r = await withRectifications();
      for (const id of [r.a, r.b]) await expectRefused(() => ctx.editorA.post(`/api/rectifications/${id}/withdraw`, { reason: '误建' }), [403]);
      await anonymousRefused((c) => c.post(`/api/rectifications/${r.b}/withdraw`, { reason: '误建' }));
      expect((await ctx.reviewer.get(`/api/rectifications/${r.b}`)).statusCode).toBe(200);
    },
  },
  'GET /api/rectifications/summary': {
    kind: 'login',
    run: async () => {
      const r = await withRectifications();
      const res = await ctx.editorA.get('/api/rectifications/summary');
      expect(res.statusCode).toBe(200);
      expect(res.json().open.map((i: { id: number }) => i.id)).toStrictEqual([r.a]);
      expectNoSecrets(res);
      expect((await ctx.reviewer.get('/api/rectifications/summary')).json().openTotal).toBe(2);
      await anonymousRefused((c) => c.get('/api/rectifications/summary'));
    },
  },
  'POST /api/rectifications': {
    kind: 'login',
    run: async () => {
      const body = { projectId: ctx.b.projectIds[1]!, sourceKind: 'finding', sourceKey: 'x@name', deadline: addDays(chinaToday(ctx.t.clock.now()), 30) };
      await expectRefused(() => ctx.editorA.post('/api/rectifications', body), [403]);
      await expectRefused(() => ctx.editorA.post('/api/rectifications', { ...body, projectId: ctx.a.projectIds[1]! }), [403]);
      await anonymousRefused((c) => c.post('/api/rectifications', body));
    },
  },
  'GET /api/rectifications/:id': {
    kind: 'login',
    run: async () => {
      const r = await withRectifications();
      await expectRefused(() => ctx.editorA.get(`/api/rectifications/${r.b}`), [404]);
      const own = await ctx.editorA.get(`/api/rectifications/${r.a}`);
      expect(own.statusCode).toBe(200);
      expectNoSecrets(own);
      await anonymousRefused((c) => c.get(`/api/rectifications/${r.a}`));
    },
  },
  'PATCH /api/rectifications/:id': {
    kind: 'login',
    run: async () => {
      const r = await withRectifications();
      for (const id of [r.a, r.b]) await expectRefused(() => ctx.editorA.patch(`/api/rectifications/${id}`, { ownerPerson: '改写' }), [403]);
      await anonymousRefused((c) => c.patch(`/api/rectifications/${r.b}`, { ownerPerson: '改写' }));
    },
  },
  'POST /api/rectifications/:id/actions': {
    kind: 'login',
    run: async () => {
      const r = await withRectifications();
      for (const action of ['progress', 'submit', 'confirm', 'reopen']) {
        await expectRefused(() => ctx.editorA.post(`/api/rectifications/${r.b}/actions`, { action, note: '改写' }), [404]);
      }
      await anonymousRefused((c) => c.post(`/api/rectifications/${r.b}/actions`, { action: 'submit', note: 'x' }));
    },
  },
  'POST /api/rectifications/:id/files': {
    kind: 'login',
    run: async () => {
      const r = await withRectifications();
      const files = [{ filename: 'a.pdf', data: '%PDF-1.4\n%%EOF\n' }];
      await expectRefused(() => ctx.editorA.upload(`/api/rectifications/${r.b}/files`, files), [404]);
      await expectRefused(() => ctx.reviewer.upload(`/api/rectifications/${r.b}/files`, files), [403]);
      await anonymousRefused((c) => c.upload(`/api/rectifications/${r.b}/files`, files));
    },
  },
  'GET /api/rectifications/:id/files/:fileId': {
    kind: 'login',
    run: async () => {
      const r = await withRectifications();
      await expectRefused(() => ctx.editorA.get(`/api/rectifications/${r.b}/files/${r.bFile}`), [404]);
      // B's file through A's own item is not found either
      await expectRefused(() => ctx.editorA.get(`/api/rectifications/${r.a}/files/${r.bFile}`), [404]);
      expect((await ctx.reviewer.get(`/api/rectifications/${r.b}/files/${r.bFile}`)).statusCode).toBe(200);
      await anonymousRefused((c) => c.get(`/api/rectifications/${r.b}/files/${r.bFile}`));
    },
  },

  // --- 结果运用: sheets and reports per department (editors read-only), deciding and the region report for reviewers
  'GET /api/projects/:id/results': acrossDepartments(({ project }) => `/api/projects/${project}/results`),
  'GET /api/departments/:id/results': acrossDepartments(({ department }) => `/api/departments/${department}/results?year=${ctx.b.year}`),
  'GET /api/departments/:id/results.xlsx': acrossDepartments(({ department }) => `/api/departments/${department}/results.xlsx?year=${ctx.b.year}`),
  'GET /api/results': reviewersOnly(() => `/api/results?year=${ctx.b.year}`),
  'GET /api/results/report.xlsx': reviewersOnly(() => `/api/results/report.xlsx?year=${ctx.b.year}`),
  'GET /api/results/report.docx': reviewersOnly(() => `/api/results/report.docx?year=${ctx.b.year}`),
  'GET /api/departments/:id/results.docx': acrossDepartments(({ department }) => `/api/departments/${department}/results.docx?year=${ctx.b.year}`),
  'PUT /api/projects/:id/results/decision': {
    kind: 'login',
    run: async () => {
      await withMonitoringData();
      const body = { action: 'override', consequence: '取消', percent: 0, reason: '部门A试图取消部门B的项目' };
      // not even on its own department's project: deciding is the finance bureau's
      for (const id of [ctx.publishedB, ctx.b.projectIds[0]!, ctx.publishedA]) {
        await expectRefused(() => ctx.editorA.put(`/api/projects/${id}/results/decision`, body), [403]);
      }
      await anonymousRefused((c) => c.put(`/api/projects/${ctx.publishedB}/results/decision`, body));
    },
  },
  'GET /api/public/projects/:id/results': {
    kind: 'public',
    run: async () => {
      await withMonitoringData();
      // B's unpublished projects are not found; the published ones show nothing before a finished self-evaluation
      for (const id of [...ctx.a.projectIds, ...ctx.b.projectIds]) {
        const res = await ctx.anon.get(`/api/public/projects/${id}/results`);
        if (id === ctx.publishedA || id === ctx.publishedB) {
          expect(res.statusCode).toBe(200);
          expect(res.json()).toBeNull();
        } else {
          expect(res.statusCode).toBe(404);
        }
        expectNoSecrets(res);
      }
    },
  },
  'GET /api/public/departments/:id/results': {
    kind: 'public',
    run: async () => {
      await withMonitoringData();
      const res = await ctx.anon.get(`/api/public/departments/${ctx.b.departmentId}/results?year=${ctx.b.year}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().projects).toStrictEqual([]);
      expectNoSecrets(res);
    },
  },

  // --- 事前绩效评估
  'GET /api/ex-ante': {
    kind: 'login',
    run: async () => {
      await withExAnteData();
      for (const q of ['', `?year=${ctx.b.year}`, '?status=draft']) {
        const res = await ctx.editorA.get(`/api/ex-ante${q}`);
        expect(res.statusCode).toBe(200);
        const body = res.json() as { items: { departmentId: number }[]; pending: { departmentId: number }[] };
        expect([...body.items, ...body.pending].every((i) => i.departmentId === ctx.a.departmentId)).toBe(true);
        expect(body.items.length).toBe(1);
        expectNoSecrets(res);
      }
      await expectRefused(() => ctx.editorA.get(`/api/ex-ante?departmentId=${ctx.b.departmentId}`), [404]);
      await anonymousRefused((c) => c.get('/api/ex-ante'));
      const all = await ctx.reviewer.get(`/api/ex-ante?year=${ctx.b.year}`);
      expect(all.json().items.length).toBe(2);
    },
  },
  'GET /api/ex-ante/projects': {
    kind: 'login',
    run: async () => {
      await withExAnteData();
      const ids = [...ctx.a.projectIds, ...ctx.b.projectIds].join(',');
      const res = await ctx.editorA.get(`/api/ex-ante/projects?ids=${ids}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((i: { projectId: number }) => i.projectId)).toStrictEqual(ctx.a.projectIds);
      expectNoSecrets(res);
      await anonymousRefused((c) => c.get(`/api/ex-ante/projects?ids=${ids}`));
    },
  },
  // --- 目标调整 (issue 33)
  'GET /api/projects/:id/adjustments': adjustmentsOfProject((id) => `/api/projects/${id}/adjustments`),
  'GET /api/projects/:id/adjustments/compare': adjustmentsOfProject((id) => `/api/projects/${id}/adjustments/compare?from=1&to=1`),
  'POST /api/projects/:id/adjustments': {
    kind: 'login',
    run: async () => {
      await withAdjustments();
      const body = { reason: '越权调整', effectiveOn: `${ctx.b.year}-07-01`, budgetFen: null, rows: [{ key: 'n1', level1: '产出指标', level2: '数量指标', name: '越权指标', target: '≥1个' }] };
      await expectRefused(() => ctx.editorA.post(`/api/projects/${ctx.publishedB}/adjustments`, body), [404]);
      await expectRefused(() => ctx.reviewer.post(`/api/projects/${ctx.publishedA}/adjustments`, body), [403]);
      await anonymousRefused((c) => c.post(`/api/projects/${ctx.publishedA}/adjustments`, body));
    },
  },
  'GET /api/adjustments': {
    kind: 'login',
    run: async () => {
      const ids = await withAdjustments();
      const res = await ctx.editorA.get('/api/adjustments');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((a: { id: number }) => a.id)).toStrictEqual([ids.a]);
      expectNoSecrets(res);
      await anonymousRefused((c) => c.get('/api/adjustments'));
      const all = await ctx.reviewer.get('/api/adjustments');
      expect(all.json().items.map((a: { id: number }) => a.id).sort()).toStrictEqual([ids.a, ids.b].sort());
    },
  },
  'POST /api/adjustments/:id/decision': {
    kind: 'login',
    run: async () => {
      const ids = await withAdjustments();
      for (const id of [ids.a, ids.b]) await expectRefused(() => ctx.editorA.post(`/api/adjustments/${id}/decision`, { decision: 'approve', comment: null }), [403]);
      await anonymousRefused((c) => c.post(`/api/adjustments/${ids.b}/decision`, { decision: 'approve', comment: null }));
    },
  },
  'GET /api/projects/:id/ex-ante': exAnteOfProject((id) => `/api/projects/${id}/ex-ante`),
  'GET /api/projects/:id/ex-ante.docx': exAnteOfProject((id) => `/api/projects/${id}/ex-ante.docx`),
  'POST /api/projects/:id/ex-ante': {
    kind: 'login',
    run: async () => {
      await withExAnteData();
      for (const id of [ctx.b.projectIds[0]!, ctx.publishedB]) await expectRefused(() => ctx.editorA.post(`/api/projects/${id}/ex-ante`), [404]);
      await anonymousRefused((c) => c.post(`/api/projects/${ctx.b.projectIds[0]}/ex-ante`));
    },
  },
  'PUT /api/projects/:id/ex-ante': {
    kind: 'login',
    run: async () => {
      await withExAnteData();
      const body = { version: 1, scores: [{ criterionId: 'necessity.policy', points: 0, reason: '被改写' }] };
      await expectRefused(() => ctx.editorA.put(`/api/projects/${ctx.publishedB}/ex-ante`, body), [404]);
      await anonymousRefused((c) => c.put(`/api/projects/${ctx.publishedB}/ex-ante`, body));
    },
  },
  'POST /api/projects/:id/ex-ante/actions': {
    kind: 'login',
    run: async () => {
      await withExAnteData();
      for (const action of ['submit', 'return', 'approve']) {
        await expectRefused(() => ctx.editorA.post(`/api/projects/${ctx.publishedB}/ex-ante/actions`, { action, version: 1, comment: 'x' }), [404]);
      }
      await anonymousRefused((c) => c.post(`/api/projects/${ctx.publishedB}/ex-ante/actions`, { action: 'submit', version: 1 }));
    },
  },

  // --- public pages: anonymous, published only
  'GET /api/public/departments': {
    kind: 'public',
    run: async () => {
      const res = await ctx.anon.get('/api/public/departments');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((d: { projectCount: number }) => d.projectCount)).toStrictEqual([1, 1]);
    },
  },
  'GET /api/public/departments/:id': {
    kind: 'public',
    run: async () => {
      const res = await ctx.anon.get(`/api/public/departments/${ctx.b.departmentId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().projects.map((p: { id: number }) => p.id)).toStrictEqual([ctx.publishedB]);
    },
  },
  'GET /api/public/projects': {
    kind: 'public',
    run: async () => {
      const res = await ctx.anon.get('/api/public/projects?pageSize=100');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((p: { id: number }) => p.id).sort()).toStrictEqual([ctx.publishedA, ctx.publishedB].sort());
    },
  },
  'GET /api/public/projects/:id': {
    kind: 'public',
    run: async () => {
      expect((await ctx.anon.get(`/api/public/projects/${ctx.publishedB}`)).statusCode).toBe(200);
      for (const id of [...ctx.a.projectIds, ...ctx.b.projectIds].filter((i) => i !== ctx.publishedA && i !== ctx.publishedB)) {
        expect((await ctx.anon.get(`/api/public/projects/${id}`)).statusCode).toBe(404);
      }
    },
  },
};

describe('isolation of departments, route by route', () => {
  it('has a case for every /api route, and no case for a route that is gone', () => {
    const routes = registeredRoutes(ctx.t.app);
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => !(r in CASES));
    expect(missing, `routes without an isolation case: add them to CASES in ${import.meta.url}`).toStrictEqual([]);
    expect(Object.keys(CASES).filter((c) => !routes.includes(c))).toStrictEqual([]);
  });

  it.each(Object.entries(CASES))('%s', async (_, c) => {
    await c.run();
  });
});
