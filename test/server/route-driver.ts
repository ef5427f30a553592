/**
 * Asking every route of the API for another party's data (issue 32's isolation suites: region-isolation.test.ts asks as
 * a county reviewer for the other county's, levels.test.ts as a 主管部门 for a department outside its units): the
 * routes the app registered, and one request per route naming the other party's entities in every parameter, its year
 * and monitoring round in the query, and a valid body for every write.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { loadProject } from '../../src/server/db/document.repository';
import type { Db } from '../../src/server/db/schema';
import { projectToInput } from '../../src/shared/api/project-input';
import { snapshotDatabase } from '../db/helpers';
import { changedFixture, FIXTURES } from '../support/fixtures';
import type { TestClient, TestResponse } from './support';

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
  file: number;
  stage: number;
  notification: number;
  batch: number;
  /** A pending 目标调整 request of the other party's (pendingAdjustment). */
  adjustment: number;
  /** The monitoring round's date. */
  round: string;
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

/** The request for `route` as `client`: null for platform and public routes (isolation.test.ts asks those). */
export async function requestFor(route: string, client: TestClient, target: Target): Promise<TestResponse | null> {
  const [method, pattern] = route.split(' ') as [string, string];
  if (/^\/api\/(docs|auth|public)(\/|$)/.test(pattern)) return null;
  const { year, departmentId, project, round } = target;
  const url = pattern
    .replace(/^\/api\/projects\/:id/, `/api/projects/${project}`)
    .replace(/^\/api\/departments\/:id/, `/api/departments/${departmentId}`)
    .replace(/^\/api\/rectifications\/:id/, `/api/rectifications/${target.rectification}`)
    .replace(/^\/api\/regions\/:code/, `/api/regions/${target.regionCode}`)
    .replace(/^\/api\/stages\/:id/, `/api/stages/${target.stage}`)
    .replace(/^\/api\/notifications\/:id/, `/api/notifications/${target.notification}`)
    .replace(/^\/api\/approval-batches\/:id/, `/api/approval-batches/${target.batch}`)
    .replace(/^\/api\/adjustments\/:id/, `/api/adjustments/${target.adjustment}`)
    .replace(':fileId', String(target.file))
    .replace(':asOf', round)
    .replace(/^\/api\/users\/:id/, `/api/users/1`);
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
    'PATCH /api/rectifications/:id': { ownerPerson: '改写' },
    'POST /api/rectifications/:id/actions': { action: 'confirm', note: '改写' },
    'PUT /api/departments/:id/region': { regionCode: '130202' },
    'PUT /api/departments/:id/parent': { parentDepartmentId: null },
    'PUT /api/regions/:code/review-levels': { reviewLevels: target.reviewLevels },
    'PUT /api/regions/:code/approval-settings': { year, settings: { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: true } },
    'POST /api/approval-batches': { departmentId, year, docNumber: '越权文号', issuedOn: `${year}-03-05`, projectIds: [target.projectIds.find((id) => id !== project)!] },
    'POST /api/regions/import': { text: '130299,某区' },
    'POST /api/projects/:id/adjustments': { reason: '越权调整', effectiveOn: `${year}-07-01`, budgetFen: null, rows: [{ key: 'n1', level1: '产出指标', level2: '数量指标', name: '越权指标', target: '≥1个' }] },
    'POST /api/adjustments/:id/decision': { decision: 'approve', comment: null },
    'POST /api/stages': { ...target.stageExtra, year, kind: 'declaration', opensOn: `${year}-01-01`, dueOn: `${year}-03-31` },
    'PATCH /api/stages/:id': { closed: true },
    'POST /api/stages/:id/remind': { departmentId },
    'PATCH /api/users/:id': { regionCode: null },
    'POST /api/users': { username: `x-${target.tag}`, displayName: 'x', password: 'long-enough-password-1', role: 'reviewer' },
  };
  const upload = [{ filename: `${target.tag}-v2.txt`, data: changedFixture(FIXTURES.f003) }];
  if (route === 'POST /api/imports/preview') return client.upload(url, upload);
  if (route === 'POST /api/imports/commit') {
    const theirs = await target.whole.upload('/api/imports/preview', upload);
    return client.post(url, { token: theirs.json().token });
  }
  if (route === 'POST /api/monitoring/execution-import') {
    const template = await target.whole.get(`/api/departments/${departmentId}/execution-template.xlsx?year=${year}&asOf=${round}`);
    expect(template.statusCode).toBe(200);
    return client.upload(url, [{ filename: `${target.tag}.xlsx`, data: template.rawPayload, field: 'file' }]);
  }
  if (route === 'POST /api/rectifications/:id/files') return client.upload(url, [{ filename: 'x.pdf', data: '%PDF-1.4\n%%EOF\n' }]);
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
