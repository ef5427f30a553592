/**
 * Asking every route of the API for another party's data (issue 32's isolation suites: region-isolation.test.ts asks as
 * a county reviewer for the other county's, levels.test.ts as a 主管部门 for a department outside its units): the
 * routes the app registered, and one request per route naming the other party's entities in every parameter, its year
 * and monitoring round in the query, and a valid body for every write.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { loadProject } from '../../src/server/db/document.repository';
import { loadStoredFindings } from '../../src/server/db/project.repository';
import type { Db } from '../../src/server/db/schema';
import { projectToInput } from '../../src/shared/api/project-input';
import { addDays, chinaToday, findingSourceKey } from '../../src/shared/domain/rectification';
import { snapshotDatabase } from '../db/helpers';
import { changedFixture, FIXTURES } from '../support/fixtures';
import type { ImportedFixture } from './domain-support';
import type { TestApp, TestClient, TestResponse } from './support';

/** "GET /api/projects/:id" for every route under /api (HEAD left out), from Fastify's route tree. */
export function registeredRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1]!.length / 4;
    stack.push(m[2]!);
    for (const method of (m[3] ?? '').split(', ').filter((x) => x !== '' && x !== 'HEAD')) routes.push(`${method} ${stack.join('')}`);
  }
  return [...new Set(routes)].filter((r) => /^[A-Z]+ \/api(\/|$)/.test(r)).sort();
}

/** Every table's rows but the sessions (a request may touch its own session): a write shows as a difference. */
export async function dataSnapshot(db: Db) {
  const { session: _session, ...rest } = await snapshotDatabase(db);
  return rest;
}

/** Every library example in an answer, wherever it is. */
export function examplesOf(value: unknown): { departmentId: number | null }[] {
  if (Array.isArray(value)) return value.flatMap(examplesOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'examples' && Array.isArray(v) ? [...(v as { departmentId: number | null }[]), ...v.flatMap(examplesOf)] : examplesOf(v)));
}

/** The other party: its entities, and what differs between the suites' requests. */
export interface Target {
  db: Db;
  /** A reviewer over the whole installation: previews an import for the commit route, fetches an execution template. */
  whole: TestClient;
  departmentId: number;
  year: number;
  projectIds: number[];
  project: number;
  rectification: number;
  /** The document in /api/documents/:id (撤回导入). */
  document: number;
  file: number;
  stage: number;
  notification: number;
  batch: number;
  /** A pending 目标调整 request of the other party's (pendingAdjustment). */
  adjustment: number;
  /** The monitoring round's date. */
  round: string;
  /** A form template of the other party's region (issue 54); absent: an id no template has. */
  formTemplate?: number;
  /** The region in /api/regions/:code. */
  regionCode: string;
  /** The body of POST /api/projects/:id/actions. */
  action: Record<string, unknown>;
  /** The body of PUT /api/regions/:code/review-levels. */
  reviewLevels: string;
  /** The body of POST /api/stages beyond the year, kind and dates (e.g. a region). */
  stageExtra?: Record<string, unknown>;
  /** Names the suite's uploads and the account it tries to create. */
  tag: string;
  /** The business section in /api/sections/:id (the other party's, where the suite has one; else 1). */
  section?: number;
  /** The other party's submitted 自评表 in /api/self-evaluation-reviews/:id (where the suite has one; else 1). */
  submitted?: number;
}

/**
 * A pending 目标调整 request on an approved (or later) project, asked by its department's editor: the
 * first row's target changed, in force from 1 July of `year`. Its id.
 */
export async function pendingAdjustment(editor: TestClient, projectId: number, year: number): Promise<number> {
  const own = await editor.get(`/api/projects/${projectId}/adjustments`);
  expect(own.statusCode, own.body.slice(0, 200)).toBe(200);
  const versions = own.json().versions as { rows: { key: string; level1: string | null; level2: string | null; name: string; target: string }[] }[];
  const rows = versions[versions.length - 1]!.rows.map((r, i) => ({ key: r.key, level1: r.level1, level2: r.level2, name: r.name, target: i === 0 ? `${r.target}（调整）` : r.target }));
  const res = await editor.post(`/api/projects/${projectId}/adjustments`, { reason: '隔离测试的调整', effectiveOn: `${year}-07-01`, budgetFen: null, rows });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json().id as number;
}

/** The other party's entities every route names (Target without what differs between the suites). */
export type OtherParty = Pick<Target, 'departmentId' | 'year' | 'projectIds' | 'project' | 'document' | 'rectification' | 'file' | 'stage' | 'notification' | 'batch' | 'adjustment' | 'round'>;

/**
 * Gives the other party (an imported fixture's department) one of everything the routes name: its
 * first project approved and monitored (a July round and a self-evaluation by `whole`, an ex-ante
 * assessment by its editor), a rectification item with a file, a stage `whole` opened and reminded
 * it of (its editor's notification), a 批复 batch of that project (`docNumber`) and a pending 目标调整.
 */
export async function prepareOtherParty(t: TestApp, f: ImportedFixture, whole: TestClient, docNumber: string): Promise<OtherParty> {
  const project = f.projectIds[0]!;
  await t.db.updateTable('project').set({ status: 'approved' }).where('id', '=', project).execute();
  const round = `${f.year}-07-31`;
  expect((await whole.put(`/api/projects/${project}/execution-records/${round}`, { spentFen: 100_000, indicators: [] })).statusCode).toBe(200);
  expect((await whole.put(`/api/projects/${project}/self-evaluation`, { spentFen: 100_000, indicators: [] })).statusCode).toBe(200);
  const editor = await t.client('editor', { departmentId: f.departmentId });
  expect((await editor.post(`/api/projects/${project}/ex-ante`)).statusCode).toBe(200);
  const stored = await loadStoredFindings(t.db, f.projectIds);
  const withFinding = f.projectIds.find((id) => (stored.get(id) ?? []).length > 0)!;
  const item = await whole.post('/api/rectifications', {
    projectId: withFinding,
    sourceKind: 'finding',
    sourceKey: findingSourceKey(stored.get(withFinding)![0]!),
    deadline: addDays(chinaToday(t.clock.now()), 30),
  });
  expect(item.statusCode, item.body).toBe(200);
  const up = await editor.upload(`/api/rectifications/${item.json().id}/files`, [{ filename: 'w.pdf', data: '%PDF-1.4\n%%EOF\n' }]);
  expect(up.statusCode, up.body).toBe(200);
  const stage = await whole.post('/api/stages', { year: f.year, kind: 'declaration', opensOn: `${f.year}-01-01`, dueOn: `${f.year + 5}-12-31` });
  expect(stage.statusCode, stage.body).toBe(200);
  expect((await whole.post(`/api/stages/${stage.json().stage.id}/remind`, { departmentId: f.departmentId })).statusCode).toBe(200);
  const notification = (await editor.get('/api/notifications')).json().items[0].id as number;
  // 批复 (issue 33): the approved project issued in a batch of its own
  const batch = await whole.post('/api/approval-batches', { departmentId: f.departmentId, year: f.year, docNumber, issuedOn: `${f.year}-03-05`, projectIds: [project] });
  expect(batch.statusCode, batch.body).toBe(200);
  return {
    departmentId: f.departmentId,
    year: f.year,
    projectIds: f.projectIds,
    project,
    document: f.documentId,
    rectification: item.json().id,
    file: up.json().files[0].id,
    stage: stage.json().stage.id,
    notification,
    batch: batch.json().id,
    // 目标调整 (issue 33): a pending request of its own on that project
    adjustment: await pendingAdjustment(editor, project, f.year),
    round,
  };
}

/**
 * What only the other party has: its department's name, its projects' names and codes (of four
 * characters or more), none found in the names and codes of the departments the asking account sees.
 */
export async function secretsOf(db: Db, other: ImportedFixture, seen: readonly ImportedFixture[]): Promise<string[]> {
  const names = async (f: ImportedFixture) => db.selectFrom('project').select(['name', 'code']).where('documentId', '=', f.documentId).execute();
  const mine = (await Promise.all(seen.map(names))).flat();
  const department = await db.selectFrom('department').select('name').where('id', '=', other.departmentId).executeTakeFirstOrThrow();
  const secrets = [department.name, ...(await names(other)).flatMap((x) => [x.name, x.code ?? ''])].filter(
    (s) => s.length >= 4 && !mine.some((n) => n.name.includes(s) || (n.code ?? '').includes(s)),
  );
  expect(secrets.length).toBeGreaterThan(3);
  return secrets;
}

/** The id of an upload's progress (GET /api/imports/progress/:id) another account made. */
const PROGRESS_ID = 'other-party-upload';

/** The request for `route` as `client`: null for platform and public routes (isolation.test.ts asks those). */
export async function requestFor(route: string, client: TestClient, target: Target): Promise<TestResponse | null> {
  const [method, pattern] = route.split(' ') as [string, string];
  if (/^\/api\/(docs|auth|public)(\/|$)/.test(pattern)) return null;
  const { year, departmentId, project, round } = target;
  const url = pattern
    .replace(/^\/api\/projects\/:id/, `/api/projects/${project}`)
    .replace(/^\/api\/departments\/:id/, `/api/departments/${departmentId}`)
    .replace(/^\/api\/rectifications\/:id/, `/api/rectifications/${target.rectification}`)
    .replace(/^\/api\/documents\/:id/, `/api/documents/${target.document}`)
    .replace(/^\/api\/regions\/:code/, `/api/regions/${target.regionCode}`)
    .replace(/^\/api\/stages\/:id/, `/api/stages/${target.stage}`)
    .replace(/^\/api\/notifications\/:id/, `/api/notifications/${target.notification}`)
    .replace(/^\/api\/approval-batches\/:id/, `/api/approval-batches/${target.batch}`)
    .replace(/^\/api\/adjustments\/:id/, `/api/adjustments/${target.adjustment}`)
    .replace(/^\/api\/sections\/:id/, `/api/sections/${target.section ?? 1}`)
    .replace(/^\/api\/form-templates\/:id/, `/api/form-templates/${target.formTemplate ?? 999_999}`)
    .replace(/^\/api\/self-evaluation-reviews\/:id/, `/api/self-evaluation-reviews/${target.submitted ?? 1}`)
    .replace(':fileId', String(target.file))
    .replace(':asOf', round)
    .replace(/^\/api\/users\/:id/, `/api/users/1`)
    .replace(/^\/api\/imports\/progress\/:id/, `/api/imports/progress/${PROGRESS_ID}`);
  expect(url, `${route}: a parameter left`).not.toMatch(/:/);
  const query = `year=${year}&asOf=${round}&format=xlsx&projectId=${project}&ids=${target.projectIds.join(',')}&departmentId=${departmentId}&pageSize=100`;
  const input = projectToInput((await loadProject(target.db, project))!);
  const bodies: Record<string, unknown> = {
    'PUT /api/projects/:id': { version: 1, project: { ...input, name: '被改写' } },
    'POST /api/projects/:id/actions': target.action,
    'PUT /api/projects/:id/execution-records/:asOf': { spentFen: 999_900, indicators: [] },
    'PUT /api/projects/:id/self-evaluation': { spentFen: 999_900, indicators: [] },
    'PUT /api/projects/:id/results/decision': { action: 'override', consequence: '取消', percent: 0, reason: '越权取消' },
    'PUT /api/projects/:id/ex-ante': { version: 1, scores: [{ criterionId: 'necessity.policy', points: 0, reason: '被改写' }] },
    'POST /api/projects/:id/ex-ante/actions': { action: 'return', version: 1, comment: 'x' },
    'POST /api/departments/:id/carry-over': { fromYear: year },
    'POST /api/rectifications': { projectId: project, sourceKind: 'finding', sourceKey: 'x', deadline: '2030-01-01' },
    'POST /api/rectifications/:id/withdraw': { reason: '误建' },
    'POST /api/documents/:id/withdraw': { reason: '越权撤回' },
    'PATCH /api/rectifications/:id': { ownerPerson: '改写' },
    'POST /api/rectifications/:id/actions': { action: 'confirm', note: '改写' },
    'PUT /api/departments/:id/region': { regionCode: '130202' },
    'PUT /api/departments/:id/parent': { parentDepartmentId: null },
    'PUT /api/departments/:id/section': { sectionId: null },
    'POST /api/sections': { regionCode: target.regionCode, name: `越权科室-${target.tag}` },
    'PATCH /api/sections/:id': { name: '越权改名' },
    'PATCH /api/form-templates/:id': { name: '越权改名' },
    // a file with no template: refused (400) before anything is stored
    'POST /api/form-templates/import': { kind: 'jixiao-form-templates', version: 1, templates: [] },
    'PUT /api/regions/:code/review-levels': { reviewLevels: target.reviewLevels },
    'PUT /api/regions/:code/approval-settings': { year, settings: { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: true } },
    'POST /api/approval-batches': { departmentId, year, docNumber: '越权文号', issuedOn: `${year}-03-05`, projectIds: [target.projectIds.find((id) => id !== project)!] },
    'POST /api/regions/import': { text: '130299,某区' },
    'PUT /api/self-evaluation-reviews/:id/conclusion': { conclusion: 'adjusted', score: 0, comment: '越权复核' },
    'POST /api/projects/:id/adjustments': { reason: '越权调整', effectiveOn: `${year}-07-01`, budgetFen: null, rows: [{ key: 'n1', level1: '产出指标', level2: '数量指标', name: '越权指标', target: '≥1个' }] },
    'POST /api/adjustments/:id/decision': { decision: 'approve', comment: null },
    'POST /api/stages': { ...target.stageExtra, year, kind: 'declaration', opensOn: `${year}-01-01`, dueOn: `${year}-03-31` },
    'PATCH /api/stages/:id': { closed: true },
    'POST /api/stages/:id/remind': { departmentId },
    'PATCH /api/users/:id': { disabled: true },
    'PUT /api/users/:id/role': { role: 'reviewer', regionCode: null },
    'POST /api/users': { username: `x-${target.tag}`, displayName: 'x' },
    'PUT /api/security/policy': { passwordMinLength: 10, passwordMaxAgeDays: 0, sessionIdleMinutes: 5, sessionMaxHours: 1, codeValidHours: 1, lockAfterFailures: 3, lockMinutes: 1 },
  };
  const upload = [{ filename: `${target.tag}-v2.txt`, data: changedFixture(FIXTURES.f003) }];
  if (route === 'POST /api/imports/preview') return client.upload(url, upload);
  // the whole installation's reviewer's upload, known for a while after its answer: not the asking account's
  if (route === 'GET /api/imports/progress/:id') {
    expect((await target.whole.upload(`/api/imports/preview?progress=${PROGRESS_ID}`, upload)).statusCode).toBe(200);
    return client.get(url);
  }
  if (route === 'POST /api/imports/commit' || route === 'POST /api/imports/reread') {
    const theirs = await target.whole.upload('/api/imports/preview', upload);
    return client.post(url, { token: theirs.json().token, upload: 0, template: null });
  }
  if (route === 'POST /api/imports/likely') {
    const theirs = await target.whole.upload('/api/imports/preview', upload);
    return client.post(url, { token: theirs.json().token, file: 0, project: 0, doubt: 0, choice: 0 });
  }
  if (route === 'POST /api/monitoring/execution-import') {
    const template = await target.whole.get(`/api/departments/${departmentId}/execution-template.xlsx?year=${year}&asOf=${round}`);
    expect(template.statusCode).toBe(200);
    return client.upload(url, [{ filename: `${target.tag}.xlsx`, data: template.rawPayload, field: 'file' }]);
  }
  if (route === 'POST /api/rectifications/:id/files') return client.upload(url, [{ filename: 'x.pdf', data: '%PDF-1.4\n%%EOF\n' }]);
  // a file of no 自评表: a reviewer's upload refuses it in its answer, storing nothing; others are refused the route
  if (route === 'POST /api/self-evaluation-reviews/import') return client.upload(url, [{ filename: `${target.tag}.txt`, data: changedFixture(FIXTURES.f003) }]);
  switch (method) {
    case 'GET':
      return client.get(`${url}?${query}`);
    case 'DELETE':
      return client.delete(url);
    case 'POST':
      return client.post(url, bodies[route]);
    case 'PUT':
      return client.put(url, bodies[route] ?? {});
    case 'PATCH':
      return client.patch(url, bodies[route] ?? {});
  }
  throw new Error(`no request for ${route}`);
}

/** Its own notifications an account marks read (another's: not found). */
const OWN_NOTIFICATIONS = /^POST \/api\/notifications\//;

/**
 * A level reviewer (主管部门, 财政业务科室) over every route, asking for the other party's entities:
 * nothing of it in any answer (`secrets`; the library's examples by department), a 403 or 404 on
 * every route but the lists (`lists`: what it may see, or a refusal of the other party's id in the
 * query), no server error anywhere, a 403 on every write but the
 * workflow action and its own notifications, and no row written anywhere. The routes answered.
 */
export async function walkAsLevelReviewer(app: FastifyInstance, client: TestClient, target: Target, opts: { lists: RegExp; secrets: readonly string[] }): Promise<string[]> {
  const routes = registeredRoutes(app);
  expect(routes.length).toBeGreaterThan(70);
  const answered: string[] = [];
  for (const route of routes) {
    const before = route.startsWith('GET ') ? null : await dataSnapshot(target.db);
    const res = await requestFor(route, client, target);
    if (res === null) continue;
    answered.push(route);
    if (route.startsWith('GET /api/library')) {
      expect(examplesOf(res.statusCode === 200 ? res.json() : null).filter((x) => x.departmentId === target.departmentId), route).toStrictEqual([]);
    } else {
      expect(opts.secrets.filter((s) => res.body.includes(s)), `${route} ${res.statusCode}: shows the other party's data`).toStrictEqual([]);
    }
    expect(res.statusCode, `${route}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
    if (!opts.lists.test(route)) expect([403, 404], `${route}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
    // every write but a workflow action is refused for what it is, whoever's data it names
    if (!route.startsWith('GET ') && route !== 'POST /api/projects/:id/actions' && !OWN_NOTIFICATIONS.test(route)) expect(res.statusCode, route).toBe(403);
    if (before !== null) {
      // marking its own notifications read changes only those (issue 58 gives a level reviewer 待办 notifications of its own)
      const after = await dataSnapshot(target.db);
      if (OWN_NOTIFICATIONS.test(route)) expect({ ...after, notification: undefined }, `${route} wrote`).toStrictEqual({ ...before, notification: undefined });
      else expect(after, `${route} wrote`).toStrictEqual(before);
    }
  }
  return answered;
}
