/**
 * The route × session probe (scripts/probe-routes.ts, `npm run probe:routes`, issue 72) on a handful of routes and
 * sessions, on the run's database: its requests reach the app and its answers are what the rules say (nothing
 * found), and its oracle and write counter do find what they are for — a leak, a status that tells an object
 * outside the scope from a missing one, a write behind a refusal, a 5xx.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { classify, defects, MISSING_ID, prepareProbeDatabase, runProbe, writesSoFar, type Asked, type Scope, type World } from '../../scripts/probe-routes';
import { createFilledTestDatabaseTarget } from '../support/test-database';

/** A copy of the probe's filled database (demo data, the probe's accounts and write counters), filled once per run. */
const copy = () => createFilledTestDatabaseTarget('route-probe v1', (target) => prepareProbeDatabase(target));

const ROUTES = new Set([
  'GET /api/projects/{id}',
  'PUT /api/projects/{id}',
  'POST /api/projects/{id}/actions',
  'GET /api/departments/{id}',
  'GET /api/rectifications/{id}',
  'GET /api/public/projects/{id}',
  'POST /api/approval-batches',
  'GET /api/audit/log',
]);
const SESSIONS = /^(anonymous|system administrator|one-time code|reviewer, county|editor of one of its units|editor, wrong CSRF)/;

describe('the route × session probe', () => {
  it('asks a handful of routes as a handful of sessions and finds nothing on the app as it is', async () => {
    const result = await runProbe({ copy, routes: (r) => ROUTES.has(r), sessions: (s) => SESSIONS.test(s) });
    expect(Object.keys(result.perSession)).toHaveLength(6);
    expect(defects(result)).toStrictEqual([]);
    // the variants were asked and answered as the rules say: the own object shown, another region's not found
    const project = result.answers['GET /api/projects/{id}']!;
    expect(project['editor of one of its units (社会组织服务中心) | own']).toStrictEqual([200]);
    expect(project['editor of one of its units (社会组织服务中心) | same-region']).toStrictEqual([404]);
    expect(project['editor of one of its units (社会组织服务中心) | other-region']).toStrictEqual([404]);
    expect(project['reviewer, county 路南区 | other-region']).toStrictEqual([404]);
    expect(project['anonymous (no cookie) | own']).toStrictEqual([401]);
    expect(project['system administrator | own']).toStrictEqual([403]);
    expect(result.answers['GET /api/public/projects/{id}']!['anonymous (no cookie) | other-draft']).toStrictEqual([404]);
    expect(result.answers['GET /api/audit/log']!['system administrator | fixed']).toStrictEqual([403]);
    // a write asked once more with a body no schema accepts
    expect(result.answers['PUT /api/projects/{id}']!['reviewer, county 路南区 | invalid body']).toStrictEqual([400]);
    expect(result.requests).toBeGreaterThan(100);
  }, 180_000);

  it('the write counter sees a write to any table but the sessions', async () => {
    const c = await copy();
    const db = await openDatabase(c.target);
    try {
      const before = await writesSoFar(db);
      await db.updateTable('project').set({ updatedBy: 'probe' }).where('id', '=', 1).execute();
      await sql`delete from session`.execute(db);
      const after = await writesSoFar(db);
      expect((after.get('project') ?? 0) - (before.get('project') ?? 0)).toBe(1);
      expect(after.has('session')).toBe(false);
    } finally {
      await closeDatabase(db);
      await c.drop();
    }
  }, 180_000);

  it('the oracle: a leak, a status that tells, a write behind a refusal, a 5xx', () => {
    const world: World = {
      departments: [
        { id: 1, name: '甲单位', regionCode: '130202', parentId: null, sectionId: null },
        { id: 2, name: '乙单位', regionCode: '130605', parentId: null, sectionId: null },
      ],
      regionParent: new Map([
        ['130000', null],
        ['130200', '130000'],
        ['130202', '130200'],
        ['130600', '130000'],
        ['130605', '130600'],
      ]),
      projects: [
        { id: 10, departmentId: 1, status: 'draft', name: '甲的项目' },
        { id: 20, departmentId: 2, status: 'draft', name: '乙的项目' },
      ],
      documents: [],
      rectifications: [],
      batches: [],
      adjustments: [],
      selfReviews: [],
      notifications: [],
      users: [],
      sections: [],
      stages: [],
      rounds: [],
    };
    const editor: Scope = { duty: 'editor', userId: 5, departmentId: 1, regionCode: null, sectionId: null, noWrites: false };
    const city: Scope = { duty: 'reviewer', userId: 6, departmentId: null, regionCode: '130200', sectionId: null, noWrites: false };
    const admin: Scope = { duty: 'admin', userId: 1, departmentId: null, regionCode: null, sectionId: null, noWrites: false };
    const ask = (scope: Scope, over: Partial<Asked>): Asked => ({
      session: scope.duty,
      scope,
      method: 'GET',
      path: '/api/projects/{id}',
      url: '/api/projects/20',
      named: { kind: 'project', id: 20, departmentId: 2, status: 'draft', variant: 'other-region', via: 'path' },
      invalid: false,
      status: 404,
      body: '{}',
      wrote: [],
      missingStatus: 404,
      ...over,
    });
    const kinds = (a: Asked, body?: unknown) => classify(world, a, body).map((f) => f.kind);
    // as the rules say: nothing
    expect(kinds(ask(editor, {}))).toStrictEqual([]);
    expect(kinds(ask(city, { named: { kind: 'project', id: 10, departmentId: 1, variant: 'own', via: 'path' }, status: 200 }))).toStrictEqual([]);
    // another region's project shown to an editor, or to a city reviewer; a business route answering the administrator
    expect(kinds(ask(editor, { status: 200 }))).toStrictEqual(['leak']);
    expect(kinds(ask(city, { status: 200 }))).toStrictEqual(['leak']);
    expect(kinds(ask(admin, { named: { kind: 'none', id: '-', variant: 'fixed' }, path: '/api/projects', status: 200 }))).toStrictEqual(['leak']);
    // 403 for another department's where a missing one is 404: the object's existence told
    expect(kinds(ask(editor, { status: 403 }))).toStrictEqual(['leak']);
    // … but a body no schema accepts is refused before anything is looked up
    expect(kinds(ask(editor, { method: 'PUT', status: 400, invalid: true }))).toStrictEqual([]);
    // another department's name in an answer to the editor
    expect(kinds(ask(editor, { named: { kind: 'none', id: '-', variant: 'fixed' }, path: '/api/projects', status: 200, body: '{"items":[{"departmentName":"乙单位"}]}' }))).toStrictEqual(['leak']);
    // an editor's approval of its own project
    expect(kinds(ask(editor, { method: 'POST', path: '/api/projects/{id}/actions', named: { kind: 'project', id: 10, departmentId: 1, variant: 'own', via: 'path' }, status: 200 }), { action: 'approve' })).toStrictEqual(['leak']);
    // a refusal that wrote; a server error
    expect(kinds(ask(editor, { method: 'PUT', wrote: ['project (1)'] }))).toStrictEqual(['unexpected write']);
    expect(kinds(ask(editor, { status: 500 }))).toStrictEqual(['5xx']);
    // a refused sign-in counts its failure on the account, by design
    expect(kinds(ask({ ...editor, duty: 'none' }, { method: 'POST', path: '/api/auth/login', named: { kind: 'none', id: '-', variant: 'fixed' }, status: 401, wrote: ['app_user (1)'] }))).toStrictEqual([]);
    expect(MISSING_ID).toBeGreaterThan(100_000);
  });
});
