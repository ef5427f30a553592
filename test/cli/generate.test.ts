/**
 * `jixiao generate`: province-scale data, deterministic by seed, through the real import; the
 * districts partition the project codes; the workflow and monitoring data are there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { harvestFixtures } from '../../src/server/demo-corpus/generate-corpus';
import { DISTRICT_CAPACITY, generateProvince, provinceDistricts } from '../../src/server/demo-corpus/province';
import type { Db } from '../../src/server/db/schema';
import { generateData } from '../../src/server/modules/generate/generate.service';
import { useTestDatabase } from '../db/helpers';
import { FIXTURE_DIR } from '../support/fixtures';
import { createTestDatabaseTarget } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-generate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const jixiao = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** What a generated database holds, in a form two runs can be compared by. */
async function contents(db: Db) {
  const projects = await db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .innerJoin('department as dep', 'dep.id', 'd.departmentId')
    .select(['p.id', 'p.code', 'p.name', 'p.budgetTotal', 'p.status', 'dep.code as departmentCode', 'dep.name as departmentName'])
    .orderBy('p.id')
    .execute();
  const records = await db.selectFrom('executionRecord').select(['projectId', 'asOf', 'spent']).orderBy('id').execute();
  const evaluations = await db.selectFrom('selfEvaluation').select(['projectId', 'totalHundredths', 'grade']).orderBy('id').execute();
  return { projects, records, evaluations };
}

describe('the province generator', () => {
  it('names districts by real prefecture codes, each once', () => {
    const districts = provinceDistricts(DISTRICT_CAPACITY);
    expect(new Set(districts.map((d) => d.code)).size).toBe(DISTRICT_CAPACITY);
    expect(new Set(districts.map((d) => d.name)).size).toBe(DISTRICT_CAPACITY);
    for (const d of districts) expect(d.code).toMatch(/^13(0[1-9]|1[01])\d{2}$/);
    expect(() => provinceDistricts(DISTRICT_CAPACITY + 1)).toThrow();
  });

  it('writes exactly the projects asked for, 10–40 tables per department, codes starting with their district', async () => {
    const harvest = await harvestFixtures(FIXTURE_DIR);
    const docs = [...generateProvince(harvest, { projects: 1234, seed: 3, year: 2024, districts: 3 })];
    expect(docs.reduce((n, d) => n + d.projects.length, 0)).toBe(1234);
    expect(new Set(docs.map((d) => d.district.code)).size).toBe(3);
    for (const [i, d] of docs.entries()) {
      if (i < docs.length - 1) expect(d.projects.length).toBeGreaterThanOrEqual(10);
      expect(d.projects.length).toBeLessThanOrEqual(40);
      expect(d.year).toBe(2024);
      for (const p of d.projects) if (p.code !== null) expect(p.code.startsWith(`${d.district.code}24P`)).toBe(true);
    }
    const codes = docs.flatMap((d) => d.projects.map((p) => p.code)).filter((c) => c !== null);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(docs.map((d) => d.department.code)).size).toBe(docs.length);
  });
});

describe('generateData', () => {
  it('is deterministic: the same seed gives the same database, another seed another', async () => {
    const options = { projects: 150, seed: 11, year: 2025, fixtureDir: FIXTURE_DIR, now: new Date('2025-09-01T00:00:00Z') };
    const [a, b, c] = [await useTestDatabase(), await useTestDatabase(), await useTestDatabase()];
    const result = await generateData(a, options);
    await generateData(b, options);
    await generateData(c, { ...options, seed: 12 });
    expect(await contents(b)).toEqual(await contents(a));
    expect((await contents(c)).projects).not.toEqual((await contents(a)).projects);

    expect(result.projects).toBe(150);
    const stored = await contents(a);
    expect(stored.projects).toHaveLength(150);
    // every status of the workflow, with its history
    expect(new Set(stored.projects.map((p) => p.status))).toEqual(new Set(['draft', 'submitted', 'returned', 'approved', 'published']));
    const published = stored.projects.find((p) => p.status === 'published')!;
    const events = await a.selectFrom('workflowEvent').select(['fromStatus', 'toStatus']).where('projectId', '=', published.id).orderBy('id').execute();
    expect(events.map((e) => e.toStatus)).toEqual(['submitted', 'approved', 'published']);
    // the monitored projects (approved, published) have rounds and self-evaluations
    const monitored = stored.projects.filter((p) => p.status === 'approved' || p.status === 'published').length;
    expect(result.monitoring?.selfEvaluations).toBe(monitored);
    expect(stored.records.length).toBe(2 * monitored);
    expect(new Set(stored.evaluations.map((e) => e.grade)).size).toBeGreaterThan(1);
    expect(result.accounts).toEqual(['admin', 'secadmin', 'auditor', 'reviewer']);
  }, 120_000);
});

describe('a province in three levels over several years (issue 32)', () => {
  it('writes the region tree, each unit under its 主管部门 of the same district, a document per department and year', async () => {
    const db = await useTestDatabase();
    const result = await generateData(db, { projects: 260, seed: 5, year: 2025, years: 2, districts: 2, minTables: 1, maxTables: 2, monitoring: false, fixtureDir: FIXTURE_DIR, now: new Date('2025-09-01T00:00:00Z') });
    expect([result.projects, result.years, result.districts, result.cities]).toEqual([260, 2, 2, 2]);

    const regions = await db.selectFrom('region').select(['code', 'name', 'parentCode', 'level']).orderBy('code').execute();
    expect(regions.map((r) => [r.code, r.parentCode, r.level])).toEqual([
      ['130000', null, 'province'],
      ['130100', '130000', 'city'],
      ['130102', '130100', 'county'],
      ['130200', '130000', 'city'],
      ['130202', '130200', 'county'],
    ]);
    expect(regions.map((r) => r.name)).toEqual(['河北省', '石家庄市', '石家庄市中心区', '唐山市', '唐山市中心区']);

    // every department a document in each of the two years, in its district
    const documents = await db.selectFrom('document as d').innerJoin('department as dep', 'dep.id', 'd.departmentId').select(['dep.id', 'dep.regionCode', 'd.year']).execute();
    const years = new Map<number, Set<number>>();
    for (const d of documents) years.set(d.id, (years.get(d.id) ?? new Set<number>()).add(d.year!));
    expect(years.size).toBe(result.departments);
    expect([...years.values()].filter((y) => y.size === 2).length).toBeGreaterThanOrEqual(result.departments - 1);
    expect(new Set(documents.map((d) => d.regionCode))).toEqual(new Set(['130102', '130202']));

    // units under the 主管部门 of their own district
    const departments = await db.selectFrom('department').select(['id', 'name', 'regionCode', 'parentDepartmentId']).execute();
    const byId = new Map(departments.map((d) => [d.id, d]));
    const units = departments.filter((d) => d.parentDepartmentId !== null);
    expect(units.length).toBe(result.units);
    expect(units.length).toBeGreaterThanOrEqual(4);
    for (const u of units) expect(byId.get(u.parentDepartmentId!)!.regionCode).toBe(u.regionCode);
    const library = units.find((u) => u.name.endsWith('图书馆'))!;
    expect(byId.get(library.parentDepartmentId!)!.name).toBe(library.name.replace('图书馆', '文化广电和旅游局'));
  }, 180_000);
});

describe('jixiao generate', () => {
  it('fills an empty database with progress on stderr, and refuses a database that has documents', async () => {
    const target = await createTestDatabaseTarget('province.db');
    onTestFinished(() => target.drop());
    const db = target.arg;
    const first = jixiao(['generate', '--projects', '60', '--seed', '2', '--db', db, '--from', FIXTURE_DIR]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/已生成 1 个区县、\d+ 个单位、60 个项目/);
    expect(first.stderr).toContain('60/60');

    const again = jixiao(['generate', '--projects', '60', '--db', db, '--from', FIXTURE_DIR]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('数据库中已有文档');
  }, 120_000);

  it('names a bad option value', () => {
    const r = jixiao(['generate', '--projects', '十', '--db', join(work, 'x.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--projects“十”');
  });
});
