/**
 * The region tree (issue 32): loading it (the API, audited, validated line by line, one
 * transaction), the region columns filled by the import and by migration 0025's backfill, kept the
 * department's when it moves (and by 0032's), and a finance account's region.
 */
import { describe, expect, it } from 'vitest';
import { fillRegionColumns } from '../../src/server/db/migrations/0025-regions';
import { alignRegionColumns } from '../../src/server/db/migrations/0032-region-follows-department';
import { fillDocumentYears } from '../../src/server/db/migrations/0033-project-document-year';
import { dialectOf } from '../../src/server/db/database';
import { importRegions, parseRegionFile, RegionFileError } from '../../src/server/modules/regions/regions.service';
import { importAllFixtures } from './domain-support';
import { startTestApp } from './support';

const PROVINCE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130213,丰南区', '130600,保定市', '130605,保定某区'].join('\n');

async function regionColumns(db: import('../../src/server/db/schema').Db) {
  return {
    departments: await db.selectFrom('department').select(['id', 'regionCode']).orderBy('id').execute(),
    documents: await db.selectFrom('document').select(['id', 'regionCode']).orderBy('id').execute(),
    projects: await db.selectFrom('project').select(['id', 'regionCode']).orderBy('id').execute(),
  };
}

describe('regions', () => {
  it('an administrator loads the tree; everyone signed in reads it; errors name the line and load nothing', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin');
    const reviewer = await t.client('reviewer');
    const bad = await admin.post('/api/regions/import', { text: '130000,河北省\n13020,唐山市\n' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('第 2 行');
    expect((await reviewer.get('/api/regions')).json().items).toStrictEqual([]);
    expect((await reviewer.post('/api/regions/import', { text: PROVINCE })).statusCode).toBe(403);
    expect((await t.client().get('/api/regions')).statusCode).toBe(401);

    const ok = await admin.post('/api/regions/import', { text: PROVINCE });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toStrictEqual({ added: 6, updated: 0, unchanged: 0, total: 6 });
    const items = (await reviewer.get('/api/regions')).json().items as { code: string; parentCode: string | null; level: string }[];
    expect(items.map((r) => [r.code, r.parentCode, r.level])).toStrictEqual([
      ['130000', null, 'province'],
      ['130200', '130000', 'city'],
      ['130202', '130200', 'county'],
      ['130213', '130200', 'county'],
      ['130600', '130000', 'city'],
      ['130605', '130600', 'county'],
    ]);
    // again, one renamed: nothing added, one updated
    const again = await admin.post('/api/regions/import', { text: PROVINCE.replace('保定某区', '竞秀区') });
    expect(again.json()).toStrictEqual({ added: 0, updated: 1, unchanged: 5, total: 6 });
    // a county alone, its city in the database: hung under it
    await importRegions(t.db, '130203,路北区', { actor: 'test', now: new Date() });
    expect((await reviewer.get('/api/regions')).json().items.find((r: { code: string }) => r.code === '130203').parentCode).toBe('130200');
    const audit = await t.db.selectFrom('auditLog').select(['action', 'detail']).where('action', '=', 'region.import').execute();
    expect(audit.length).toBe(3);
    expect(() => parseRegionFile('')).toThrow(RegionFileError);
  });

  it('accounts of the finance side get a region of the tree; editors none', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin');
    const security = await t.client('security');
    await admin.post('/api/regions/import', { text: PROVINCE });
    const account = (await admin.post('/api/users', { username: 'county', displayName: '县审核' })).json().account;
    const made = await security.put(`/api/users/${account.id}/role`, { role: 'reviewer', regionCode: '130202' });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ regionCode: '130202', regionName: '路南区' });
    expect((await security.put(`/api/users/${account.id}/role`, { role: 'reviewer', regionCode: '990000' })).statusCode).toBe(400);
    const moved = await security.put(`/api/users/${account.id}/role`, { role: 'reviewer', regionCode: '130200' });
    expect(moved.json()).toMatchObject({ regionCode: '130200', regionName: '唐山市' });
    const audit = await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'user.role').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ before: { role: 'reviewer', region: '路南区（130202）' }, after: { role: 'reviewer', region: '唐山市（130200）' } });
  });

  it('the import fills the region of departments, documents and projects; the migration fills the same from what exists', async () => {
    const t = await startTestApp();
    const fixtures = await importAllFixtures(t.db);
    const filled = await regionColumns(t.db);
    const regionOfDepartment = new Map(filled.departments.map((d) => [d.id, d.regionCode]));
    expect(regionOfDepartment.get(fixtures.f000.departmentId)).toBe('130202');
    expect(regionOfDepartment.get(fixtures.f002.departmentId)).toBe('130605');
    expect(regionOfDepartment.get(fixtures.f003.departmentId)).toBe('130213');
    expect(filled.documents.every((d) => d.regionCode !== null)).toBe(true);
    expect(filled.projects.every((p) => p.regionCode !== null)).toBe(true);

    // an administrator moves a department: its next document and projects follow it
    const admin = await t.client('admin');
    await admin.post('/api/regions/import', { text: PROVINCE });
    const put = await admin.put(`/api/departments/${fixtures.f001.departmentId}/region`, { regionCode: '130213' });
    expect(put.statusCode, put.body).toBe(200);
    expect((await admin.put(`/api/departments/${fixtures.f001.departmentId}/region`, { regionCode: '999999' })).statusCode).toBe(400);
    // its stored documents and their projects move with it (what a regional account's queries say of them: migration 0032)
    const movedRows = async () => {
      const docs = await t.db.selectFrom('document').select(['id', 'regionCode']).where('departmentId', '=', fixtures.f001.departmentId).execute();
      const projects = await t.db.selectFrom('project').select('regionCode').where('documentId', 'in', docs.map((d) => d.id)).execute();
      return [...docs, ...projects].map((r) => r.regionCode);
    };
    expect((await movedRows()).length).toBeGreaterThan(1);
    expect(new Set(await movedRows())).toStrictEqual(new Set(['130213']));
    const others = await regionColumns(t.db);
    // every project carries its document's year (the partitioned layout's year, 0033), written by the import and filled by the migration alike
    const years = () =>
      t.db.selectFrom('project as p').innerJoin('document as d', 'd.id', 'p.documentId').select(['p.id', 'p.documentYear', 'd.year']).orderBy('p.id').execute();
    const written = await years();
    expect(written.length).toBeGreaterThan(1);
    expect(written.every((r) => r.documentYear !== null && r.documentYear === r.year)).toBe(true);
    await t.db.updateTable('project').set({ documentYear: null }).execute();
    await fillDocumentYears(t.db);
    expect(await years()).toStrictEqual(written);
    // rows that drifted from their department's region (stored before it had one, or moved before 0032) are brought back
    await t.db.updateTable('document').set({ regionCode: '130605' }).where('departmentId', '=', fixtures.f001.departmentId).execute();
    await t.db.updateTable('project').set({ regionCode: null }).where('documentId', 'in', t.db.selectFrom('document').select('id').where('departmentId', '=', fixtures.f001.departmentId)).execute();
    await alignRegionColumns(t.db);
    expect(await regionColumns(t.db)).toStrictEqual(others);

    // the backfill, from nothing: the same as the import wrote (the moved department aside)
    await t.db.updateTable('department').set({ regionCode: null }).execute();
    await t.db.updateTable('document').set({ regionCode: null }).execute();
    await t.db.updateTable('project').set({ regionCode: null }).execute();
    await fillRegionColumns(t.db, dialectOf(t.db));
    expect(await regionColumns(t.db)).toStrictEqual(filled);
    // a project without a usable code takes its department's region; a document without a department its projects'
    const p = filled.projects[0]!;
    await t.db.updateTable('project').set({ code: null, regionCode: null }).where('id', '=', p.id).execute();
    await fillRegionColumns(t.db, dialectOf(t.db));
    expect((await t.db.selectFrom('project').select('regionCode').where('id', '=', p.id).executeTakeFirstOrThrow()).regionCode).toBe(p.regionCode);
  });
});
