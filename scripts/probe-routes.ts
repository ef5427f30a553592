/**
 * The route × session probe (issue 72): every operation of the OpenAPI document asked by some two dozen kinds of
 * session, its path parameters naming the session's own objects, another department's of the same region, another
 * region's and one that does not exist, on a fresh database holding the demo data (and a few objects the demo lacks:
 * 批复 batches, 目标调整 requests, a stage), on SQLite and on PostgreSQL.
 *
 *   npm run probe:routes -- --db sqlite|postgres|both [--sessions REGEX] [--routes REGEX] [--json FILE]
 *
 * Each answer is classified by an oracle written from the documented rules (docs/security.md, the demo's regions and
 * levels), not from the app's code:
 * - **5xx**: a defect, whatever was asked.
 * - **leak**: a 2xx on a route the session's duty does not include (三员分立: the administrators, the auditor, an
 *   account without a role, a one-time code's session, the anonymous), or naming an object outside the session's
 *   scope (an editor: its department; a 主管部门: it and its units; a business section: its departments; a reviewer:
 *   its region and those below; the public routes: published projects only); a write by an editor that only a
 *   reviewer may make (approve, publish, return); a name of a department outside the scope in a 2xx answer of a
 *   business route (the library and the public pages apart: they show published data by design); and a status that
 *   tells an object outside the scope from one that does not exist (the rule is the same answer, 404).
 * - **unexpected write**: a refused request (4xx) after which the database differs. Every table but the sessions and
 *   the sign-ins counts its row writes in `probe_write` (triggers the probe adds to its copy), read before and after.
 *
 * A fresh copy of the filled database for each kind of session (a file copy on SQLite, `CREATE DATABASE … TEMPLATE`
 * on PostgreSQL), its reads first and its writes after, so that a write that succeeds as it should does not hide an
 * object from the requests after it. Exits 1 on any leak, unexpected write or 5xx.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app/app';
import { CSRF_HEADER } from '../src/server/app/auth';
import { closeDatabase, openDatabase, type DatabaseTarget, type DialectName } from '../src/server/db/database';
import type { Db } from '../src/server/db/schema';
import { DEMO_PASSWORD, DEMO_YEAR, loadDemoData } from '../src/server/modules/demo/demo.service';
import { REPO_ROOT } from '../src/server/paths';
import { groupOf, type Group } from './route-groups';

/** The demo's time: its rounds (June, August) and stages lie before it. */
export const PROBE_NOW = new Date('2025-09-15T02:00:00Z');
/** An id no object has. */
export const MISSING_ID = 987_654;
const STRONG_PASSWORD = 'probe-Long-passw0rd-72';

// ---------------------------------------------------------------------------------------------------------------
// The HTTP client: cookies, CSRF token, a settable clock.

interface Client {
  cookies: Map<string, string>;
  csrf: string | null;
  /** How writes send the CSRF header: the real token, a wrong one, or none. */
  csrfMode: 'real' | 'wrong' | 'none';
  userId: number | null;
}

function newClient(): Client {
  return { cookies: new Map(), csrf: null, csrfMode: 'real', userId: null };
}

type Body = { json: unknown } | { multipart: { files: { field: string; filename: string; data: Buffer | string }[] } } | { raw: string } | undefined;

async function send(app: FastifyInstance, c: Client, method: string, url: string, body?: Body): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (method !== 'GET' && c.csrfMode !== 'none') {
    if (c.csrf === null && c.csrfMode === 'real') await refresh(app, c);
    headers[CSRF_HEADER] = c.csrfMode === 'wrong' ? 'wrong-token' : c.csrf!;
  }
  if (c.cookies.size > 0) headers.cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let payload: string | Buffer | undefined;
  if (body !== undefined && 'json' in body) {
    payload = JSON.stringify(body.json);
    headers['content-type'] = 'application/json';
  } else if (body !== undefined && 'raw' in body) {
    payload = body.raw;
    headers['content-type'] = 'application/json';
  } else if (body !== undefined) {
    const boundary = '----jixiao-probe-72';
    const parts: Buffer[] = [];
    for (const f of body.multipart.files) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${encodeURIComponent(f.filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
      parts.push(Buffer.from(f.data), Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    payload = Buffer.concat(parts);
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
  }
  const res = await app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
  for (const k of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
    if (k.value === '' || k.maxAge === 0 || (k.expires !== undefined && k.expires.getTime() <= Date.now())) c.cookies.delete(k.name);
    else c.cookies.set(k.name, k.value);
  }
  return res;
}

async function refresh(app: FastifyInstance, c: Client): Promise<void> {
  const mode = c.csrfMode;
  const res = await send(app, { ...c, csrfMode: 'none' }, 'GET', '/api/auth/session');
  c.csrfMode = mode;
  const body = res.json() as { csrfToken: string; user: { id: number } | null };
  c.csrf = body.csrfToken;
  c.userId = body.user?.id ?? null;
}

async function login(app: FastifyInstance, username: string, password: string): Promise<{ client: Client; res: LightMyRequestResponse }> {
  const c = newClient();
  await refresh(app, c);
  const res = await send(app, c, 'POST', '/api/auth/login', { json: { username, password } });
  if (res.statusCode === 200) {
    const body = res.json() as { csrfToken: string; user: { id: number } };
    c.csrf = body.csrfToken;
    c.userId = body.user.id;
  }
  return { client: c, res };
}

async function loginOrThrow(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const { client, res } = await login(app, username, password);
  if (res.statusCode !== 200) throw new Error(`probe: login as ${username}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return client;
}

// ---------------------------------------------------------------------------------------------------------------
// The world: who owns what, read from the filled database once (the oracle's facts).

interface Department {
  id: number;
  name: string;
  regionCode: string | null;
  parentId: number | null;
  sectionId: number | null;
}

export interface World {
  departments: Department[];
  /** Region code → parent code. */
  regionParent: Map<string, string | null>;
  projects: { id: number; departmentId: number; status: string; name: string }[];
  documents: { id: number; departmentId: number }[];
  rectifications: { id: number; departmentId: number; fileId: number | null }[];
  batches: { id: number; departmentId: number }[];
  adjustments: { id: number; departmentId: number }[];
  /** 自评复核: the 自评表 a 绩效科 uploaded, by the region of the project they were matched to. */
  selfReviews: { id: number; regionCode: string | null; departmentId: number | null }[];
  notifications: { id: number; userId: number }[];
  users: { id: number; username: string }[];
  sections: { id: number; regionCode: string }[];
  stages: { id: number }[];
  rounds: string[];
}

async function readWorld(db: Db): Promise<World> {
  const departments = await db.selectFrom('department').select(['id', 'name', 'regionCode', 'parentDepartmentId as parentId', 'sectionId']).orderBy('id').execute();
  const regions = await db.selectFrom('region').select(['code', 'parentCode']).execute();
  const projects = await db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .select(['project.id', 'document.departmentId', 'project.status', 'project.name'])
    .where('document.isCurrent', '=', 1)
    .orderBy('project.id')
    .execute();
  const documents = await db.selectFrom('document').select(['id', 'departmentId']).where('isCurrent', '=', 1).orderBy('id').execute();
  const items = await db.selectFrom('rectificationItem').select(['id', 'departmentId']).orderBy('id').execute();
  const files = await db.selectFrom('rectificationFile').select(['id', 'itemId']).orderBy('id').execute();
  const rounds = await db.selectFrom('executionRecord').select('asOf').distinct().orderBy('asOf').execute();
  return {
    departments: departments.map((d) => ({ id: d.id, name: d.name, regionCode: d.regionCode, parentId: d.parentId, sectionId: d.sectionId })),
    regionParent: new Map(regions.map((r) => [r.code, r.parentCode])),
    projects: projects.map((p) => ({ id: p.id, departmentId: p.departmentId!, status: p.status, name: p.name })),
    documents: documents.map((d) => ({ id: d.id, departmentId: d.departmentId! })),
    rectifications: items.map((i) => ({ id: i.id, departmentId: i.departmentId, fileId: files.find((f) => f.itemId === i.id)?.id ?? null })),
    batches: await db.selectFrom('approvalBatch').select(['id', 'departmentId']).orderBy('id').execute(),
    adjustments: await db.selectFrom('targetAdjustment').select(['id', 'departmentId']).orderBy('id').execute(),
    selfReviews: await db.selectFrom('submittedSelfEvaluation').select(['id', 'regionCode', 'departmentId']).orderBy('id').execute(),
    notifications: await db.selectFrom('notification').select(['id', 'userId']).orderBy('id').execute(),
    users: await db.selectFrom('appUser').select(['id', 'username']).orderBy('id').execute(),
    sections: await db.selectFrom('businessSection').select(['id', 'regionCode']).orderBy('id').execute(),
    stages: await db.selectFrom('stage').select('id').orderBy('id').execute(),
    rounds: rounds.map((r) => r.asOf),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions and their scope (the documented rules).

export type Duty = 'none' | 'admin' | 'security' | 'auditor' | 'unassigned' | 'code' | 'reviewer' | 'supervisor' | 'section' | 'editor';

export interface Scope {
  duty: Duty;
  /** The account (notifications are its own). */
  userId: number | null;
  departmentId: number | null;
  /** A reviewer's region (null: the whole installation). */
  regionCode: string | null;
  sectionId: number | null;
  /** Writes cannot pass the CSRF check (a wrong or missing token). */
  noWrites: boolean;
}

export interface SessionKind {
  name: string;
  /** Signs in (or not) on the app of a fresh copy; its scope. */
  open(app: FastifyInstance, db: Db, clock: Clock): Promise<{ client: Client; scope: Scope }>;
}

interface Clock {
  now(): Date;
  advance(ms: number): void;
}

const noScope = (duty: Duty, userId: number | null = null): Scope => ({ duty, userId, departmentId: null, regionCode: null, sectionId: null, noWrites: false });

async function userIdOf(db: Db, username: string): Promise<number> {
  return (await db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

async function accountScope(db: Db, username: string): Promise<Scope> {
  const u = await db.selectFrom('appUser').select(['id', 'role', 'departmentId', 'regionCode', 'sectionId']).where('username', '=', username).executeTakeFirstOrThrow();
  return { duty: u.role as Duty, userId: u.id, departmentId: u.departmentId, regionCode: u.regionCode, sectionId: u.sectionId, noWrites: false };
}

function signedIn(name: string, username: string, password = DEMO_PASSWORD, adjust?: (c: Client, s: Scope) => void): SessionKind {
  return {
    name,
    async open(app, db) {
      const client = await loginOrThrow(app, username, password);
      const scope = await accountScope(db, username);
      adjust?.(client, scope);
      return { client, scope };
    },
  };
}

/** The kinds of session (about two dozen): the demo's accounts, the accounts `prepareProbeDatabase` adds, and broken sessions. */
export const SESSION_KINDS: SessionKind[] = [
  {
    name: 'anonymous (no cookie)',
    async open() {
      const client = newClient();
      client.csrfMode = 'none';
      return { client, scope: noScope('none') };
    },
  },
  {
    name: 'public reader (anonymous, CSRF token)',
    async open(app) {
      const client = newClient();
      await refresh(app, client);
      return { client, scope: noScope('none') };
    },
  },
  signedIn('editor, wrong CSRF token', 'dept-203001', DEMO_PASSWORD, (c, s) => {
    c.csrfMode = 'wrong';
    s.noWrites = true;
  }),
  signedIn('county reviewer, no CSRF token', 'reviewer-lunan', DEMO_PASSWORD, (c, s) => {
    c.csrfMode = 'none';
    s.noWrites = true;
  }),
  {
    name: 'expired session (25 h later)',
    async open(app, _db, clock) {
      const client = await loginOrThrow(app, 'reviewer');
      clock.advance(25 * 60 * 60 * 1000);
      return { client, scope: noScope('none') };
    },
  },
  {
    name: 'signed-out session (old cookie)',
    async open(app) {
      const client = await loginOrThrow(app, 'dept-763001');
      const kept = new Map(client.cookies);
      const csrf = client.csrf;
      const out = await send(app, client, 'POST', '/api/auth/logout');
      if (out.statusCode !== 200) throw new Error(`probe: logout ${out.statusCode}`);
      client.cookies = kept;
      client.csrf = csrf;
      return { client, scope: noScope('none') };
    },
  },
  signedIn('system administrator', 'admin'),
  signedIn('security administrator', 'secadmin'),
  signedIn('security auditor', 'auditor'),
  signedIn('account without a role', 'probe-unassigned', STRONG_PASSWORD),
  {
    name: 'disabled account (signed in, then disabled)',
    async open(app, db) {
      const client = await loginOrThrow(app, 'dept-763002');
      await db.updateTable('appUser').set({ disabled: 1 }).where('username', '=', 'dept-763002').execute();
      return { client, scope: noScope('none') };
    },
  },
  {
    name: 'one-time code, password not yet set',
    async open(app, db) {
      const code = (await sql<{ code: string }>`select code from probe_code`.execute(db)).rows[0]!.code;
      const client = await loginOrThrow(app, 'probe-code', code);
      return { client, scope: { ...noScope('code', await userIdOf(db, 'probe-code')) } };
    },
  },
  signedIn('reviewer, whole installation', 'reviewer'),
  signedIn('reviewer, province 河北省', 'reviewer-hebei'),
  signedIn('reviewer, city 唐山市', 'reviewer-tangshan'),
  signedIn('reviewer, city 保定市', 'probe-reviewer-baoding', STRONG_PASSWORD),
  signedIn('reviewer, county 路南区', 'reviewer-lunan'),
  signedIn('主管部门审核 (路南区 社会工作部)', 'supervisor-763001'),
  signedIn('财政业务科室 社会保障科 (路南区)', 'section-lunan-shbz'),
  signedIn('财政业务科室 行政政法科 (路南区)', 'section-lunan-xzzf'),
  signedIn('editor of a 主管部门 (路南区 社会工作部)', 'dept-763001'),
  signedIn('editor of one of its units (社会组织服务中心)', 'dept-763002'),
  signedIn('editor of a unit (路南区 组织部)', 'dept-203001'),
  signedIn('editor, 保定市演示区', 'dept-326001'),
  signedIn('editor, 丰南区', 'dept-314003'),
];

// ---------------------------------------------------------------------------------------------------------------
// The oracle.

/** May this duty get a 2xx from a route of this group at all? */
export function dutyMayUse(scope: Scope, method: string, group: Group): boolean {
  if (group === 'open') return true;
  switch (scope.duty) {
    case 'none':
      return false;
    case 'code':
      // a one-time code's session does nothing but set its password (and read the rules for it)
      return group === 'self';
    case 'unassigned':
      return group === 'self';
    case 'admin':
      return group === 'self' || group === 'accounts' || group === 'system';
    case 'security':
      return group === 'self' || group === 'accounts' || group === 'security';
    case 'auditor':
      return group === 'self' || (group === 'audit' && method === 'GET');
    default:
      return group === 'self' || group === 'business';
  }
}

function isBusinessDuty(d: Duty): boolean {
  return d === 'reviewer' || d === 'supervisor' || d === 'section' || d === 'editor';
}

function regionWithin(world: World, code: string | null, top: string): boolean {
  for (let c = code; c !== null && c !== undefined; c = world.regionParent.get(c) ?? null) if (c === top) return true;
  return false;
}

/** 自评复核 is the 绩效科's: a reviewer of the table's region or of one above it. */
function mayReview(world: World, scope: Scope, review: World['selfReviews'][number]): boolean {
  return scope.duty === 'reviewer' && (scope.regionCode === null || regionWithin(world, review.regionCode, scope.regionCode));
}

/** May the session see (business routes) this department's data? */
export function maySeeDepartment(world: World, scope: Scope, departmentId: number): boolean {
  const d = world.departments.find((x) => x.id === departmentId);
  if (d === undefined) return false;
  switch (scope.duty) {
    case 'editor':
      return d.id === scope.departmentId;
    case 'supervisor':
      return d.id === scope.departmentId || d.parentId === scope.departmentId;
    case 'section':
      return d.sectionId !== null && d.sectionId === scope.sectionId;
    case 'reviewer':
      return scope.regionCode === null || regionWithin(world, d.regionCode, scope.regionCode);
    default:
      return false;
  }
}

/** The object a request names (in its path, or in its query where the path names none). */
export interface Named {
  kind: 'project' | 'department' | 'document' | 'rectification' | 'batch' | 'adjustment' | 'selfReview' | 'notification' | 'setting' | 'none';
  id: number | string;
  /** Its department (business objects), owner (notifications). */
  departmentId?: number;
  userId?: number;
  /** A project's status (the public routes show published ones only). */
  status?: string;
  /** own | same region | other region | draft elsewhere | missing */
  variant: Variant;
  /** Named in the path (the route's object), or in a list's query (a filter). */
  via?: 'path' | 'query';
}

export type Variant = 'own' | 'same-region' | 'other-region' | 'other-draft' | 'missing' | 'fixed';

/** May the session get a 2xx for this request, by the object it names? */
export function mayReach(world: World, scope: Scope, method: string, path: string, named: Named): boolean {
  if (named.kind === 'none' || named.kind === 'setting') return true;
  // the settings of a department (its region, 主管部门, section) are the system administrator's whatever the department
  const group = groupOf(method, path);
  if (group !== 'business' && group !== 'open') return true;
  // what does not exist has nothing to tell (a 2xx for it is noted apart)
  if (named.variant === 'missing') return true;
  // a list filtered by a project: its answer may be an empty list (what it shows is checked by name, below)
  if (named.via === 'query' && named.kind === 'project') return true;
  if (path.startsWith('/api/public/')) {
    if (named.kind === 'project') return named.status === 'published';
    if (named.kind === 'department') return world.projects.some((p) => p.departmentId === named.departmentId && p.status === 'published');
    return false;
  }
  if (named.kind === 'notification') return named.userId === scope.userId;
  if (named.kind === 'selfReview') {
    const review = world.selfReviews.find((r) => r.id === named.id);
    return review !== undefined && mayReview(world, scope, review);
  }
  return maySeeDepartment(world, scope, named.departmentId!);
}

/** A note is no defect (the exit status ignores it): something to look at. */
export type FindingKind = '5xx' | 'leak' | 'unexpected write' | 'note';

export interface Finding {
  kind: FindingKind;
  session: string;
  route: string;
  object: string;
  status: number;
  why: string;
}

export interface Asked {
  session: string;
  scope: Scope;
  method: string;
  path: string;
  url: string;
  named: Named;
  /** The request carries a body no schema accepts. */
  invalid: boolean;
  status: number;
  body: string;
  /** Tables written (row writes), when the database changed. */
  wrote: string[];
  /** The same route and body, naming an object that does not exist: its status (for the comparison). */
  missingStatus: number | null;
}

/** Reviewer-only workflow actions (a department's staff draft and submit; the finance bureau approves and publishes). */
const REVIEWERS_ACTIONS = new Set(['approve', 'publish', 'return', 'forward']);

/** The findings of one answer (see the top of this file). */
export function classify(world: World, a: Asked, requestBody?: unknown): Finding[] {
  const found: Finding[] = [];
  const route = `${a.method} ${a.path}`;
  const object = `${a.named.kind === 'none' ? '-' : `${a.named.kind} ${a.named.id} (${a.named.variant})`}${a.invalid ? ', invalid body' : ''}`;
  const add = (kind: FindingKind, why: string) => found.push({ kind, session: a.session, route, object, status: a.status, why });
  if (a.status >= 500) add('5xx', a.body.slice(0, 200));
  const ok = a.status >= 200 && a.status < 300;
  const group = groupOf(a.method, a.path);
  const write = a.method !== 'GET';
  if (ok) {
    if (a.invalid) add('leak', 'a body no schema accepts was taken');
    if (!dutyMayUse(a.scope, a.method, group)) add('leak', `a ${a.scope.duty} session may not use this route (${group})`);
    else if (write && a.scope.noWrites && route !== 'POST /api/auth/logout') add('leak', 'a write passed without the CSRF token');
    else if (!mayReach(world, a.scope, a.method, a.path, a.named)) add('leak', 'an object outside the session’s scope');
    else if (a.named.via === 'query' && a.named.kind === 'project' && a.named.variant !== 'missing' && !a.path.startsWith('/api/public/')) {
      const p = world.projects.find((x) => x.id === a.named.id);
      const visibleNamesake = world.projects.some((x) => x.name === p?.name && maySeeDepartment(world, a.scope, x.departmentId));
      if (p && !maySeeDepartment(world, a.scope, p.departmentId) && !visibleNamesake && a.body.includes(p.name)) add('leak', `shows project “${p.name}”`);
    }
    if (write && a.scope.duty === 'editor' && route === 'POST /api/projects/{id}/actions') {
      const action = (requestBody as { action?: string } | undefined)?.action;
      if (action !== undefined && REVIEWERS_ACTIONS.has(action)) add('leak', `an editor’s “${action}”`);
    }
    if (isBusinessDuty(a.scope.duty) && group === 'business' && !a.path.startsWith('/api/library')) {
      const shown = world.departments.filter((d) => !maySeeDepartment(world, a.scope, d.id) && !isParentOfSeen(world, a.scope, d.id) && a.body.includes(d.name));
      // the public pages' names: a department with published projects may be named anywhere public; not in a business answer
      if (shown.length > 0) add('leak', `names ${shown.map((d) => d.name).join('、')}`);
    }
  }
  // an object outside the scope answers as one that does not exist
  const outside = a.named.kind !== 'none' && a.named.kind !== 'setting' && a.named.variant !== 'missing' && !mayReach(world, a.scope, a.method, a.path, a.named);
  if (ok && a.named.variant === 'missing' && a.named.via === 'path') add('note', 'a 2xx for an id that does not exist');
  // (a body no schema accepts is refused 400 before any object is looked up: that tells nothing)
  if (outside && !a.invalid && !ok && a.missingStatus === 404 && a.status !== 404 && a.status < 500) add('leak', `answers ${a.status} where an id that does not exist answers 404`);
  // a refused sign-in counts its failure on the account (the login limits), by design
  const expected = route === 'POST /api/auth/login' ? a.wrote.filter((t) => !/^(app_user|audit_log) /.test(t)) : a.wrote;
  if (a.status >= 400 && expected.length > 0) add('unexpected write', `refused, but wrote ${a.wrote.join(', ')}`);
  return found;
}

/** A unit's pages name its 主管部门 (who reviews it): told to whoever sees the unit. */
function isParentOfSeen(world: World, scope: Scope, departmentId: number): boolean {
  return world.departments.some((d) => d.parentId === departmentId && maySeeDepartment(world, scope, d.id));
}

// ---------------------------------------------------------------------------------------------------------------
// The database: filled once, copied per session kind; its writes counted by triggers.

/** Tables whose writes do not count: a request may extend its session; a sign-in writes one; the counter itself. */
const UNCOUNTED = new Set(['session', 'sign_in', 'probe_write', 'probe_code', 'kysely_migration', 'kysely_migration_lock']);

async function countWrites(db: Db, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`create table probe_write (name text primary key, n integer not null)`.execute(db);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    for (const { name } of tables.rows.filter((t) => !UNCOUNTED.has(t.name))) {
      for (const op of ['insert', 'update', 'delete']) {
        await sql
          .raw(`create trigger "probe_${op}_${name}" after ${op} on "${name}" begin insert into probe_write (name, n) values ('${name}', 1) on conflict (name) do update set n = n + 1; end`)
          .execute(db);
      }
    }
    return;
  }
  await sql`create table probe_write (name text primary key, n integer not null)`.execute(db);
  await sql
    .raw(
      `create function probe_count() returns trigger language plpgsql as $$ begin insert into probe_write (name, n) values (tg_table_name, 1) on conflict (name) do update set n = probe_write.n + 1; return null; end $$`,
    )
    .execute(db);
  const tables = await sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition`.execute(db);
  for (const { name } of tables.rows.filter((t) => !UNCOUNTED.has(t.name))) {
    await sql.raw(`create trigger "probe_w_${name}" after insert or update or delete on "${name}" for each row execute function probe_count()`).execute(db);
  }
}

/** The tables written so far, with their row writes. */
export async function writesSoFar(db: Db): Promise<Map<string, number>> {
  const rows = await sql<{ name: string; n: number | string }>`select name, n from probe_write`.execute(db);
  return new Map(rows.rows.map((r) => [r.name, Number(r.n)]));
}

function written(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([name, n]) => (before.get(name) ?? 0) !== n).map(([name, n]) => `${name} (${n - (before.get(name) ?? 0)})`);
}

/**
 * Fills an empty database: the demo data (as `jixiao serve --demo` loads it, dated PROBE_NOW), then what the demo
 * lacks and the routes name — a 批复 batch and a pending 目标调整 of each department with an approved project, a
 * stage — and the probe's own accounts (a reviewer of 保定市, an account without a role, one holding a one-time
 * code); last the write counters. Closes what it opens.
 */
export async function prepareProbeDatabase(target: DatabaseTarget, log: (line: string) => void = () => {}): Promise<void> {
  const db = await openDatabase(target);
  try {
    await loadDemoData(db, { now: PROBE_NOW, log });
    const app = await buildApp({ db, webRoot: null, demo: true, now: () => PROBE_NOW });
    await app.ready();
    try {
      const reviewer = await loginOrThrow(app, 'reviewer');
      const expectOk = (what: string, res: LightMyRequestResponse) => {
        if (res.statusCode !== 200) throw new Error(`probe setup: ${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        return res.json() as Record<string, unknown>;
      };
      const world = await readWorld(db);
      for (const d of world.departments) {
        const approved = world.projects.filter((p) => p.departmentId === d.id && p.status === 'approved');
        const published = world.projects.filter((p) => p.departmentId === d.id && p.status === 'published');
        const forBatch = approved[0];
        if (forBatch !== undefined) {
          expectOk(
            `batch of ${d.name}`,
            await send(app, reviewer, 'POST', '/api/approval-batches', { json: { departmentId: d.id, year: DEMO_YEAR, docNumber: `探测〔2025〕${d.id}号`, issuedOn: `${DEMO_YEAR}-03-05`, projectIds: [forBatch.id] } }),
          );
        }
        const forAdjustment = published[0] ?? approved[0];
        const editorName = (await db.selectFrom('appUser').select('username').where('departmentId', '=', d.id).where('role', '=', 'editor').executeTakeFirst())?.username;
        if (forAdjustment !== undefined && editorName !== undefined) {
          const editor = await loginOrThrow(app, editorName);
          const own = expectOk('adjustments', await send(app, editor, 'GET', `/api/projects/${forAdjustment.id}/adjustments`));
          const versions = own.versions as { rows: { key: string; level1: string | null; level2: string | null; name: string; target: string }[] }[];
          const rows = versions[versions.length - 1]!.rows.map((r, i) => ({ key: r.key, level1: r.level1, level2: r.level2, name: r.name, target: i === 0 ? `${r.target}（调整）` : r.target }));
          expectOk(`adjustment of ${d.name}`, await send(app, editor, 'POST', `/api/projects/${forAdjustment.id}/adjustments`, { json: { reason: '探测用的调整', effectiveOn: `${DEMO_YEAR}-10-01`, budgetFen: null, rows } }));
        }
      }
      // 自评复核 (issue 72, item 1): a 自评表 of a published project in two counties, each uploaded by a 绩效科 above it
      const page = readFileSync(join(REPO_ROOT, 'test', 'documents', 'self-evaluation', 'se01-clean.html'), 'utf8');
      const tangshan = await loginOrThrow(app, 'reviewer-tangshan');
      for (const d of world.departments.filter((x) => x.regionCode === '130202' || x.regionCode === '130213').filter((x, i, all) => all.findIndex((y) => y.regionCode === x.regionCode) === i)) {
        const project = world.projects.find((p) => p.departmentId === d.id && p.status === 'published');
        if (project === undefined) continue;
        const html = page.replaceAll('社区居家养老服务补贴', project.name).replaceAll('临川县民政局', d.name).replace('（2025年度）', `（${DEMO_YEAR}年度）`);
        const res = expectOk(`自评表 of ${d.name}`, await send(app, tangshan, 'POST', '/api/self-evaluation-reviews/import', { multipart: { files: [{ field: 'files', filename: `自评表-${d.id}.html`, data: html }] } }));
        const statuses = (res.files as { status: string }[]).map((f) => f.status);
        if (statuses.join() !== 'imported') throw new Error(`probe setup: 自评表 of ${d.name}: ${JSON.stringify(res).slice(0, 300)}`);
      }
      const lunan = await loginOrThrow(app, 'reviewer-lunan');
      expectOk('stage', await send(app, lunan, 'POST', '/api/stages', { json: { year: DEMO_YEAR, kind: 'declaration', opensOn: `${DEMO_YEAR}-01-01`, dueOn: `${DEMO_YEAR + 5}-12-31` } }));
      // the probe's accounts, made and given their roles as the administrators do
      const admin = await loginOrThrow(app, 'admin');
      const security = await loginOrThrow(app, 'secadmin');
      const codes: Record<string, string> = {};
      for (const username of ['probe-unassigned', 'probe-code', 'probe-reviewer-baoding']) {
        const made = expectOk(`account ${username}`, await send(app, admin, 'POST', '/api/users', { json: { username, displayName: username } }));
        codes[username] = (made.oneTimeCode as string | undefined) ?? '';
        if (!codes[username]) throw new Error(`probe setup: no one-time code for ${username}: ${JSON.stringify(made)}`);
      }
      for (const username of ['probe-unassigned', 'probe-reviewer-baoding']) {
        const c = await loginOrThrow(app, username, codes[username]);
        expectOk(`password of ${username}`, await send(app, c, 'POST', '/api/auth/password', { json: { currentPassword: codes[username], newPassword: STRONG_PASSWORD } }));
      }
      const baoding = await userIdOf(db, 'probe-reviewer-baoding');
      expectOk('role of the 保定市 reviewer', await send(app, security, 'PUT', `/api/users/${baoding}/role`, { json: { role: 'reviewer', regionCode: '130600' } }));
      await sql`create table probe_code (code text not null)`.execute(db);
      await sql`insert into probe_code (code) values (${codes['probe-code']!})`.execute(db);
    } finally {
      await app.close();
    }
    await countWrites(db, target.dialect);
  } finally {
    await closeDatabase(db);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The requests.

interface Operation {
  method: string;
  path: string;
  query: string[];
  body: 'json' | 'multipart' | null;
  schema: unknown;
}

function operationsOf(spec: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: unknown }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(m)) continue;
      const content = op.requestBody?.content ?? {};
      const body = content['application/json'] ? 'json' : content['multipart/form-data'] ? 'multipart' : null;
      ops.push({ method: m.toUpperCase(), path, query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name), body, schema: content['application/json']?.schema ?? null });
    }
  }
  return ops;
}

/** A value a JSON schema accepts, as small as it can be (the probe's body where no real one is written below). */
export function minimalOf(schema: unknown, depth = 0): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  if (depth > 8) return null;
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) return minimalOf(((s.anyOf ?? s.oneOf) as unknown[])[0], depth + 1);
  if (Array.isArray(s.allOf)) return minimalOf((s.allOf as unknown[])[0], depth + 1);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (s.properties ?? {}) as Record<string, unknown>;
      for (const key of (s.required as string[] | undefined) ?? []) out[key] = minimalOf(props[key], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: Number(s.minItems ?? 0) }, () => minimalOf(s.items, depth + 1));
    case 'integer':
    case 'number':
      return Math.max(Number(s.minimum ?? 1), s.exclusiveMinimum !== undefined ? Number(s.exclusiveMinimum) + 1 : -Infinity);
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'date') return `${DEMO_YEAR}-10-01`;
      return '探测'.padEnd(Math.max(2, Number(s.minLength ?? 1)), '测');
    case 'null':
      return null;
    default:
      return null;
  }
}

/** The objects the probe names for a session: its own, another department's in its region, another region's, a draft elsewhere, none. */
function homeDepartment(world: World, scope: Scope): Department {
  const seen = world.departments.find((d) => maySeeDepartment(world, scope, d.id) && world.projects.some((p) => p.departmentId === d.id && p.status === 'approved'));
  return seen ?? world.departments.find((d) => maySeeDepartment(world, scope, d.id)) ?? world.departments.find((d) => d.name.includes('组织部')) ?? world.departments[0]!;
}

interface Picks {
  own: Department;
  sameRegion: Department | undefined;
  otherRegion: Department;
}

function picksOf(world: World, scope: Scope): Picks {
  const own = homeDepartment(world, scope);
  const sameRegion = world.departments.find((d) => d.id !== own.id && d.regionCode === own.regionCode && !maySeeDepartment(world, scope, d.id)) ?? world.departments.find((d) => d.id !== own.id && d.regionCode === own.regionCode);
  const otherRegion = world.departments.find((d) => d.regionCode !== own.regionCode && !maySeeDepartment(world, scope, d.id)) ?? world.departments.find((d) => d.regionCode !== own.regionCode)!;
  return { own, sameRegion, otherRegion };
}

/** The variants of the object `kind` for a session: the request is asked once per variant. */
function variantsOf(world: World, scope: Scope, picks: Picks, kind: Named['kind']): Named[] {
  const departments: [Variant, Department | undefined][] = [
    ['own', picks.own],
    ['same-region', picks.sameRegion],
    ['other-region', picks.otherRegion],
  ];
  const out: Named[] = [];
  const rank = (s: string) => ['approved', 'published'].indexOf(s) + 1 || 9;
  for (const [variant, d] of departments) {
    if (d === undefined) continue;
    // the department's object of this kind: a project approved or published where it has one (monitored, adjustable)
    const byDepartment: Partial<Record<Named['kind'], { id: number; status?: string } | undefined>> = {
      project: world.projects.filter((x) => x.departmentId === d.id).sort((a, b) => rank(a.status) - rank(b.status))[0],
      department: d,
      document: world.documents.find((x) => x.departmentId === d.id),
      rectification: world.rectifications.find((r) => r.departmentId === d.id && r.fileId !== null) ?? world.rectifications.find((r) => r.departmentId === d.id),
      batch: world.batches.find((x) => x.departmentId === d.id),
      adjustment: world.adjustments.find((x) => x.departmentId === d.id),
    };
    const x = byDepartment[kind];
    if (x) out.push({ kind, id: x.id, departmentId: d.id, ...(kind === 'project' ? { status: x.status } : {}), variant });
  }
  if (kind === 'selfReview') {
    // two tables in two counties: one the session may see (if any), one it may not (if any)
    const mine = world.selfReviews.find((r) => mayReview(world, scope, r));
    const theirs = world.selfReviews.find((r) => !mayReview(world, scope, r)) ?? world.selfReviews.find((r) => r.id !== mine?.id);
    if (mine) out.push({ kind, id: mine.id, variant: 'own' });
    if (theirs) out.push({ kind, id: theirs.id, variant: 'other-region' });
  }
  if (kind === 'project') {
    const draft = world.projects.find((p) => p.status === 'draft' && !maySeeDepartment(world, scope, p.departmentId) && p.departmentId !== picks.own.id);
    if (draft) out.push({ kind, id: draft.id, departmentId: draft.departmentId, status: draft.status, variant: 'other-draft' });
  }
  if (kind === 'notification') {
    const mine = world.notifications.find((n) => n.userId === scope.userId);
    const theirs = world.notifications.find((n) => n.userId !== scope.userId);
    if (mine) out.push({ kind, id: mine.id, userId: mine.userId, variant: 'own' });
    if (theirs) out.push({ kind, id: theirs.id, userId: theirs.userId, variant: 'other-region' });
  }
  out.push({ kind, id: MISSING_ID, variant: 'missing' });
  return out;
}

/** The object kind a path names first, and the settings objects (not scoped by the oracle). */
function kindOf(path: string): Named['kind'] {
  if (path.startsWith('/api/projects/{id}') || path.startsWith('/api/public/projects/{id}')) return 'project';
  if (path.startsWith('/api/departments/{id}') || path.startsWith('/api/public/departments/{id}')) return 'department';
  if (path.startsWith('/api/documents/{id}')) return 'document';
  if (path.startsWith('/api/rectifications/{id}')) return 'rectification';
  if (path.startsWith('/api/approval-batches/{id}')) return 'batch';
  if (path.startsWith('/api/adjustments/{id}')) return 'adjustment';
  if (path.startsWith('/api/notifications/{id}')) return 'notification';
  if (path.startsWith('/api/self-evaluation-reviews/{id}')) return 'selfReview';
  if (/\{\w+\}/.test(path)) return 'setting';
  return 'none';
}

/** The object kind a list names in its query (department, departmentId, projectId, ids): asked once per variant too. */
function queryKindOf(op: Operation): Named['kind'] {
  // writes that name their object in the body: asked once per variant, as the lists are
  if (op.method === 'POST' && op.path === '/api/rectifications') return 'project';
  if (op.method === 'POST' && (op.path === '/api/approval-batches' || op.path === '/api/stages/{id}/remind')) return 'department';
  if (op.query.includes('projectId') || op.query.includes('ids')) return 'project';
  if (op.query.includes('department') || op.query.includes('departmentId')) return 'department';
  return 'none';
}

interface Built {
  url: string;
  body: Body;
  /** The JSON sent, for the oracle (an editor's workflow action). */
  json?: unknown;
}

/** A settings object of the probe's world for a path's parameters (users, sections, stages, regions, …). */
function settingParam(world: World, scope: Scope, name: string, path: string): string {
  if (name === 'code') return '130202';
  if (name === 'asOf') return world.rounds[0] ?? `${DEMO_YEAR}-06-30`;
  if (name === 'fileId') return '0';
  if (path.startsWith('/api/users/')) return String(world.users.find((u) => u.username.startsWith('dept-'))!.id);
  if (path.startsWith('/api/sections/')) return String(world.sections[0]?.id ?? MISSING_ID);
  if (path.startsWith('/api/stages/')) return String(world.stages[0]?.id ?? MISSING_ID);
  if (path.startsWith('/api/imports/progress/')) return 'probe-progress';
  void scope;
  return String(MISSING_ID);
}

async function projectVersion(db: Db, id: number): Promise<number> {
  return (await db.selectFrom('project').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1;
}

async function buildRequest(db: Db, world: World, scope: Scope, op: Operation, named: Named, invalid: boolean): Promise<Built> {
  const pathId = (name: string) => {
    if (name === 'id' && named.via === 'path') return String(named.id);
    if (name === 'fileId' && named.kind === 'rectification') return String(world.rectifications.find((r) => r.id === named.id)?.fileId ?? MISSING_ID);
    return settingParam(world, scope, name, op.path);
  };
  const url0 = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathId(name)));
  const round = world.rounds[0] ?? `${DEMO_YEAR}-06-30`;
  const q = new URLSearchParams();
  const queryNamed = named.via === 'query' ? named : null;
  for (const name of op.query) {
    if (name === 'year') q.set(name, String(DEMO_YEAR));
    else if (name === 'asOf') q.set(name, round);
    else if ((name === 'department' || name === 'departmentId') && queryNamed?.kind === 'department') q.set(name, String(queryNamed.id));
    else if ((name === 'projectId' || name === 'ids') && queryNamed?.kind === 'project') q.set(name, String(queryNamed.id));
    else if (name === 'id' && op.path === '/api/library/entry') q.set(name, '1');
    else if (name === 'format') q.set(name, 'xlsx');
  }
  const url = q.size > 0 ? `${url0}?${q}` : url0;
  if (op.method === 'GET' || op.method === 'DELETE') return { url, body: undefined };
  if (invalid) return { url, body: { raw: '{"x":[1,2,3],"version":"v"' } };
  if (op.body === 'multipart') {
    const text = Buffer.from('2025年项目支出绩效目标表\n项目名称：探测项目\n预算单位：探测单位\n', 'utf8');
    const field = op.path === '/api/monitoring/execution-import' ? 'file' : 'files';
    const filename = op.path.endsWith('/files') ? 'probe.pdf' : op.path === '/api/monitoring/execution-import' ? 'probe.xlsx' : 'probe.txt';
    return { url, body: { multipart: { files: [{ field, filename, data: op.path.endsWith('/files') ? '%PDF-1.4\n%%EOF\n' : text }] } } };
  }
  const id = typeof named.id === 'number' ? named.id : MISSING_ID;
  const version = named.kind === 'project' && named.variant !== 'missing' ? await projectVersion(db, id) : 1;
  const dep = named.departmentId ?? MISSING_ID;
  const real: Record<string, unknown> = {
    'POST /api/auth/login': { username: 'reviewer', password: 'not-the-password' },
    'POST /api/auth/password': { currentPassword: 'not-the-password', newPassword: STRONG_PASSWORD },
    'PUT /api/projects/{id}': { version, project: { name: '探测改写' } },
    'POST /api/projects/{id}/actions': { action: 'approve', version, comment: '探测' },
    'PUT /api/projects/{id}/execution-records/{asOf}': { spentFen: 999_900, indicators: [] },
    'PUT /api/projects/{id}/self-evaluation': { spentFen: 999_900, indicators: [] },
    'PUT /api/projects/{id}/results/decision': { action: 'override', consequence: '取消', percent: 0, reason: '探测' },
    'PUT /api/projects/{id}/ex-ante': { version: 1, scores: [{ criterionId: 'necessity.policy', points: 0, reason: '探测' }] },
    'POST /api/projects/{id}/ex-ante/actions': { action: 'return', version: 1, comment: '探测' },
    'POST /api/projects/{id}/adjustments': { reason: '探测调整', effectiveOn: `${DEMO_YEAR}-10-01`, budgetFen: null, rows: [{ key: 'n1', level1: '产出指标', level2: '数量指标', name: '探测指标', target: '≥1个' }] },
    'POST /api/departments/{id}/carry-over': { fromYear: DEMO_YEAR },
    'PUT /api/departments/{id}/region': { regionCode: '130202' },
    'PUT /api/departments/{id}/parent': { parentDepartmentId: null },
    'PUT /api/departments/{id}/section': { sectionId: null },
    'POST /api/documents/{id}/withdraw': { reason: '探测撤回' },
    'POST /api/rectifications': { projectId: id, sourceKind: 'finding', sourceKey: 'x', deadline: '2030-01-01', requirement: '探测整改' },
    'PATCH /api/rectifications/{id}': { ownerPerson: '探测' },
    'POST /api/rectifications/{id}/actions': { action: 'confirm', note: '探测' },
    'POST /api/rectifications/{id}/withdraw': { reason: '探测' },
    'POST /api/approval-batches': {
      departmentId: dep,
      year: DEMO_YEAR,
      docNumber: '探测文号',
      issuedOn: `${DEMO_YEAR}-03-05`,
      projectIds: [world.projects.find((p) => p.departmentId === dep && p.status === 'approved')?.id ?? MISSING_ID],
    },
    'POST /api/adjustments/{id}/decision': { decision: 'approve', comment: null },
    'POST /api/stages': { year: DEMO_YEAR, kind: 'declaration', opensOn: `${DEMO_YEAR}-01-01`, dueOn: `${DEMO_YEAR}-03-31` },
    'PATCH /api/stages/{id}': { closed: true },
    'POST /api/stages/{id}/remind': { departmentId: dep },
    'POST /api/sections': { regionCode: '130202', name: '探测科' },
    'PATCH /api/sections/{id}': { name: '探测改名' },
    'PATCH /api/form-templates/{id}': { name: '探测改名' },
    'POST /api/form-templates/import': { kind: 'jixiao-form-templates', version: 1, templates: [] },
    'PUT /api/regions/{code}/review-levels': { reviewLevels: 'supervisor_section' },
    'PUT /api/regions/{code}/approval-settings': { year: DEMO_YEAR, settings: { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: false } },
    'POST /api/regions/import': { text: '130299,探测区' },
    'PUT /api/self-evaluation-reviews/{id}/conclusion': { conclusion: 'adjusted', score: 0, comment: '探测' },
    'PATCH /api/users/{id}': { displayName: '探测改名' },
    'PUT /api/users/{id}/role': { role: 'reviewer', regionCode: null },
    'POST /api/users': { username: 'probe-made', displayName: '探测账号' },
    'PUT /api/security/policy': { passwordMinLength: 12, passwordMaxAgeDays: 0, sessionIdleMinutes: 720, sessionMaxHours: 24, codeValidHours: 72, lockAfterFailures: 0, lockMinutes: 15 },
    'POST /api/imports/commit': { token: 'probe-token', upload: 0, template: null },
    'POST /api/imports/reread': { token: 'probe-token', upload: 0, template: null },
    'POST /api/imports/likely': { token: 'probe-token', file: 0, project: 0, doubt: 0, choice: 0 },
  };
  const key = `${op.method} ${op.path}`;
  const json = key in real ? real[key] : op.body === 'json' ? minimalOf(op.schema) : undefined;
  // a project save needs the whole project: the one stored, renamed
  if (key === 'PUT /api/projects/{id}' && named.variant !== 'missing') {
    const { loadProject } = await import('../src/server/db/document.repository');
    const { projectToInput } = await import('../src/shared/api/project-input');
    const stored = await loadProject(db, id);
    if (stored) return { url, body: { json: { version, project: { ...projectToInput(stored), name: '探测改写' } } }, json };
  }
  return { url, body: json === undefined ? undefined : { json }, json };
}

// ---------------------------------------------------------------------------------------------------------------
// A run.

export interface ProbeOptions {
  /** A fresh copy of the filled database (prepareProbeDatabase) and how to drop it. */
  copy(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }>;
  /** Only these session kinds (by name); default all. */
  sessions?: (name: string) => boolean;
  /** Only these routes ("GET /api/projects/{id}"); default all. */
  routes?: (route: string) => boolean;
  log?: (line: string) => void;
}

export interface ProbeResult {
  requests: number;
  perSession: Record<string, number>;
  findings: Finding[];
  /** Answers by status class. */
  statuses: Record<string, number>;
  /** Every answer's status: route → "session | variant" → statuses (for --json). */
  answers: Record<string, Record<string, number[]>>;
  ms: number;
}

/** The findings that fail the run: leaks, unexpected writes, 5xx. */
export function defects(r: ProbeResult): Finding[] {
  return r.findings.filter((f) => f.kind !== 'note');
}

export async function runProbe(opts: ProbeOptions): Promise<ProbeResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const result: ProbeResult = { requests: 0, perSession: {}, findings: [], statuses: {}, answers: {}, ms: 0 };
  for (const kind of SESSION_KINDS.filter((k) => opts.sessions?.(k.name) ?? true)) {
    const copy = await opts.copy();
    const db = await openDatabase(copy.target);
    let current = PROBE_NOW.getTime();
    const clock: Clock = { now: () => new Date(current), advance: (ms) => (current += ms) };
    const app = await buildApp({ db, webRoot: null, demo: true, now: clock.now });
    try {
      await app.ready();
      const world = await readWorld(db);
      const ops = operationsOf((app as unknown as { swagger(): Parameters<typeof operationsOf>[0] }).swagger()).filter((o) => opts.routes?.(`${o.method} ${o.path}`) ?? true);
      const { client, scope } = await kind.open(app, db, clock);
      const picks = picksOf(world, scope);
      // reads first, then writes; a withdrawal, a deletion and a sign-out last
      const last = (o: Operation) => (o.method === 'GET' ? 0 : /withdraw|DELETE|logout/.test(`${o.method} ${o.path}`) ? 2 : 1);
      const ordered = [...ops].sort((a, b) => last(a) - last(b));
      let count = 0;
      for (const op of ordered) {
        const pathKind = kindOf(op.path);
        const queryKind = queryKindOf(op);
        const via = pathKind !== 'none' && pathKind !== 'setting' ? 'path' : queryKind !== 'none' ? 'query' : 'path';
        const kindNamed = via === 'query' ? queryKind : pathKind;
        const variants: Named[] =
          kindNamed === 'none' ? [{ kind: 'none', id: '-', variant: 'fixed' }] : kindNamed === 'setting' ? [{ kind: 'setting', id: '-', variant: 'fixed' }] : variantsOf(world, scope, picks, kindNamed).map((n) => ({ ...n, via }));
        // the missing object's answer first: the others are compared with it
        const ordering = [...variants].sort((a, b) => Number(b.variant === 'missing') - Number(a.variant === 'missing'));
        let missingStatus: number | null = null;
        const asks: { named: Named; invalid: boolean }[] = ordering.map((named) => ({ named, invalid: false }));
        if (op.method !== 'GET' && op.method !== 'DELETE' && op.body === 'json') asks.push({ named: ordering.find((n) => n.variant === 'own') ?? ordering[ordering.length - 1]!, invalid: true });
        for (const { named, invalid } of asks) {
          const built = await buildRequest(db, world, scope, op, named, invalid);
          const before = await writesSoFar(db);
          const res = await send(app, client, op.method, built.url, built.body);
          const after = await writesSoFar(db);
          count++;
          const cls = `${Math.floor(res.statusCode / 100)}xx`;
          result.statuses[cls] = (result.statuses[cls] ?? 0) + 1;
          if (named.variant === 'missing' && !invalid) missingStatus = res.statusCode;
          const byRoute = (result.answers[`${op.method} ${op.path}`] ??= {});
          (byRoute[`${kind.name} | ${invalid ? 'invalid body' : named.variant}`] ??= []).push(res.statusCode);
          const asked: Asked = { session: kind.name, scope, method: op.method, path: op.path, url: built.url, named, invalid, status: res.statusCode, body: res.body, wrote: written(before, after), missingStatus };
          result.findings.push(...classify(world, asked, built.json));
        }
      }
      result.perSession[kind.name] = count;
      result.requests += count;
      log(`  ${kind.name}: ${count} requests, ${defects(result).length} defects so far`);
    } finally {
      await app.close();
      await closeDatabase(db);
      await copy.drop();
    }
  }
  result.ms = performance.now() - started;
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// The command.

function parseArgs(argv: string[]): { db: 'sqlite' | 'postgres' | 'both'; sessions?: RegExp; routes?: RegExp; json?: string } {
  const out: ReturnType<typeof parseArgs> = { db: 'both' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--db') {
      const v = value();
      if (v !== 'sqlite' && v !== 'postgres' && v !== 'both') throw new Error('--db is sqlite, postgres or both');
      out.db = v;
    } else if (a === '--sessions') out.sessions = new RegExp(value());
    else if (a === '--routes') out.routes = new RegExp(value());
    else if (a === '--json') out.json = value();
    else throw new Error(`unknown argument ${a} (use --db sqlite|postgres|both, --sessions REGEX, --routes REGEX, --json FILE)`);
  }
  return out;
}

function report(dialect: string, r: ProbeResult): string {
  const lines = [`== ${dialect}: ${r.requests} requests, ${Object.keys(r.perSession).length} kinds of session, ${(r.ms / 1000).toFixed(0)} s`];
  lines.push(`   answers: ${Object.entries(r.statuses).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const [s, n] of Object.entries(r.perSession)) lines.push(`   ${String(n).padStart(5)}  ${s}`);
  for (const kind of ['leak', 'unexpected write', '5xx', 'note'] as const) {
    const list = r.findings.filter((f) => f.kind === kind);
    lines.push(`   ${kind}s: ${list.length}`);
    for (const f of list) lines.push(`     - ${f.route} | ${f.session} | ${f.object} | ${f.status} | ${f.why}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.log(line);
  const dialects: DialectName[] = args.db === 'both' ? ['sqlite', 'postgres'] : [args.db];
  const results: Record<string, ProbeResult> = {};
  const base = { ...(args.sessions ? { sessions: (n: string) => args.sessions!.test(n) } : {}), ...(args.routes ? { routes: (r: string) => args.routes!.test(r) } : {}), log };
  console.log(`route × session probe: ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
  for (const dialect of dialects) {
    const t0 = performance.now();
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'jixiao-probe-'));
      try {
        const filled = join(dir, 'filled.db');
        await prepareProbeDatabase({ dialect: 'sqlite', path: filled }, log);
        console.log(`SQLite filled in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        let n = 0;
        results.sqlite = await runProbe({
          ...base,
          copy: async () => {
            const path = join(dir, `copy-${++n}.db`);
            copyFileSync(filled, path);
            return { target: { dialect: 'sqlite', path }, drop: async () => rmSync(path, { force: true }) };
          },
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      // @ts-expect-error a plain .mjs helper without types
      const { startCluster } = (await import('./pg-cluster.mjs')) as { startCluster(o: { log(l: string): void }): Promise<{ url: string; stop(): void }> };
      const cluster = await startCluster({ log });
      const admin = new pg.Pool({ connectionString: cluster.url, max: 1 });
      try {
        const urlOf = (name: string) => {
          const u = new URL(cluster.url);
          u.pathname = `/${name}`;
          return u.toString();
        };
        await admin.query('create database probe_filled');
        await prepareProbeDatabase({ dialect: 'postgres', url: urlOf('probe_filled') }, log);
        console.log(`PostgreSQL filled in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        let n = 0;
        results.postgres = await runProbe({
          ...base,
          copy: async () => {
            const name = `probe_copy_${++n}`;
            await admin.query(`create database ${name} template probe_filled`);
            return { target: { dialect: 'postgres', url: urlOf(name) }, drop: async () => void (await admin.query(`drop database if exists ${name} with (force)`)) };
          },
        });
      } finally {
        await admin.end();
        cluster.stop();
      }
    }
    console.log(report(dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL', results[dialect]!));
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
  const bad = Object.values(results).reduce((n, r) => n + defects(r).length, 0);
  process.exitCode = bad > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 2;
  });
}
