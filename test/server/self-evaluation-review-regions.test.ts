/**
 * 自评复核 kept inside the uploader's regions (issue 72, item 1), on SQLite and PostgreSQL. A 自评表 of B's project (丰南区)
 * uploaded by B's county 绩效科 is matched to B's project and concluded; the same table uploaded by A's county (路南区)
 * — the same bytes, then a later version — is matched to nothing outside A's region, replaces nothing and answers as a
 * first import (no `unchanged` / `replaced` telling A that B has it); B's table keeps its conclusion, score and
 * comment; A sees its own upload and not B's. The city above both, and an account of the whole installation, still
 * match and replace across their counties.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelfEvaluationReviewList } from '../../src/shared/api/self-evaluation-review';
import { SELF_EVALUATION_DIR } from '../support/self-evaluation-documents';
import { importFixture, type ImportedFixture } from './domain-support';
import { dataSnapshot } from './route-driver';
import { startTestApp, type TestApp, type TestClient } from './support';

const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130213,丰南区'].join('\n');

let t: TestApp;
let b: ImportedFixture;
let bProject: number;
let countyA: TestClient;
let countyB: TestClient;
let city: TestClient;
let page: string;

const upload = (client: TestClient, data: string, filename = 'b-self-evaluation.html') => client.upload('/api/self-evaluation-reviews/import', [{ filename, data }]);
const list = async (client: TestClient) => (await client.get(`/api/self-evaluation-reviews?year=${b.year}`)).json() as SelfEvaluationReviewList;

beforeAll(async () => {
  t = await startTestApp();
  await importFixture(t.db, 'f000');
  b = await importFixture(t.db, 'f003');
  const admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  bProject = b.projectIds[0]!;
  const named = await t.db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .innerJoin('department', 'department.id', 'document.departmentId')
    .select(['project.name', 'department.name as department'])
    .where('project.id', '=', bProject)
    .executeTakeFirstOrThrow();
  page = readFileSync(join(SELF_EVALUATION_DIR, 'se01-clean.html'), 'utf8').replaceAll('社区居家养老服务补贴', named.name).replaceAll('临川县民政局', named.department).replace('（2025年度）', `（${b.year}年度）`);
  countyA = await t.client('reviewer', { regionCode: '130202' });
  countyB = await t.client('reviewer', { regionCode: '130213' });
  city = await t.client('reviewer', { regionCode: '130200' });
}, 120_000);
afterAll(() => t?.close());

describe("one county's 绩效科 and another county's 自评表", () => {
  let bTable: number;

  it("B's county uploads its unit's table: matched to B's project, in B's county, concluded", async () => {
    const res = await upload(countyB, page);
    expect(res.json().files.map((f: { status: string }) => f.status)).toStrictEqual(['imported']);
    const items = (await list(countyB)).items;
    expect(items.map((i) => i.projectId)).toStrictEqual([bProject]);
    bTable = items[0]!.id;
    const concluded = await countyB.put(`/api/self-evaluation-reviews/${bTable}/conclusion`, { conclusion: 'adjusted', score: 88.5, comment: '丰南区复核意见' });
    expect(concluded.statusCode, concluded.body).toBe(200);
  });

  it("A's county uploading the same bytes: a first import of its own, matched to nothing of B's, B's table untouched", async () => {
    const before = await t.db.selectFrom('submittedSelfEvaluation').selectAll().where('id', '=', bTable).executeTakeFirstOrThrow();
    const res = await upload(countyA, page);
    expect(res.statusCode, res.body).toBe(200);
    // not 'unchanged': that would tell A that B's county holds this table
    expect(res.json().files.map((f: { status: string; message: string }) => [f.status, f.message])).toStrictEqual([['imported', '已导入自评表']]);
    expect(await t.db.selectFrom('submittedSelfEvaluation').selectAll().where('id', '=', bTable).executeTakeFirstOrThrow()).toStrictEqual(before);
    const own = (await list(countyA)).items;
    expect(own.map((i) => [i.projectId, i.department, i.conclusion])).toStrictEqual([[null, null, null]]);
    expect(own[0]!.id).not.toBe(bTable);
    const stored = await t.db.selectFrom('submittedSelfEvaluation').select(['regionCode', 'projectId', 'departmentId']).where('id', '=', own[0]!.id).executeTakeFirstOrThrow();
    expect(stored).toStrictEqual({ regionCode: '130202', projectId: null, departmentId: null });
  });

  it("A's county uploading a later version: it replaces only A's own table; B's conclusion, score and comment stay", async () => {
    const before = await t.db.selectFrom('submittedSelfEvaluation').selectAll().where('id', '=', bTable).executeTakeFirstOrThrow();
    const later = `${page}\n<!-- 修订稿 -->\n`;
    const res = await upload(countyA, later, 'b-self-evaluation-v2.html');
    expect(res.json().files.map((f: { status: string }) => f.status)).toStrictEqual(['replaced']);
    expect(await t.db.selectFrom('submittedSelfEvaluation').selectAll().where('id', '=', bTable).executeTakeFirstOrThrow()).toStrictEqual(before);
    const mine = (await list(countyB)).items;
    expect(mine.map((i) => [i.id, i.projectId, i.conclusion, i.conclusionScore, i.conclusionComment])).toStrictEqual([[bTable, bProject, 'adjusted', 88.5, '丰南区复核意见']]);
    expect((await list(countyA)).items).toHaveLength(1);
    // A's county neither reads nor concludes B's table
    expect((await countyA.get(`/api/self-evaluation-reviews/${bTable}`)).statusCode).toBe(404);
    const snapshot = await dataSnapshot(t.db);
    expect((await countyA.put(`/api/self-evaluation-reviews/${bTable}/conclusion`, { conclusion: 'agreed' })).statusCode).toBe(404);
    expect(await dataSnapshot(t.db)).toStrictEqual(snapshot);
  });

  it("the city above both counties matches and replaces within them: B's table, by a later version", async () => {
    const later = `${page}\n<!-- 市级转来的修订稿 -->\n`;
    const res = await upload(city, later, 'b-self-evaluation-city.html');
    // matched to B's project, it replaces B's table (the one of that project in that county), not A's own
    expect(res.json().files.map((f: { status: string }) => f.status)).toStrictEqual(['replaced']);
    const items = (await list(city)).items;
    expect(items.map((i) => [i.id === bTable, i.projectId, i.conclusion]).sort()).toStrictEqual([[false, null, null], [true, bProject, null]]);
  });
});
