import { describe, expect, it } from 'vitest';
import type { ImportCommitResponse, ImportPreviewResponse } from '../../src/shared/api/imports';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { snapshotDatabase } from '../db/helpers';
import { changedFixture, FIXTURES, readFixture, type FixtureKey } from '../support/fixtures';
import { createDepartment, startTestApp, type TestClient, type UploadFile } from './support';

const KEYS = Object.keys(FIXTURES) as FixtureKey[];
const upload = (keys: FixtureKey[] = KEYS): UploadFile[] => keys.map((k) => ({ filename: FIXTURES[k], data: readFixture(FIXTURES[k]) }));

async function preview(client: TestClient, files: UploadFile[]): Promise<ImportPreviewResponse> {
  const res = await client.upload('/api/imports/preview', files);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportPreviewResponse;
}

async function commit(client: TestClient, token: string): Promise<ImportCommitResponse> {
  const res = await client.post('/api/imports/commit', { token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportCommitResponse;
}

describe('import: preview, then commit', () => {
  it('lets a department editor import its own document of the four fixtures and refuses the others', async () => {
    const t = await startTestApp();
    const departmentId = await createDepartment(t.db, { code: '326001', name: '保定白沟新城乡村振兴局（社区建设管理办公室）—本级' });
    const editor = await t.client('editor', { departmentId, displayName: '白沟填报' });
    const before = await snapshotDatabase(t.db);

    const p = await preview(editor, upload());
    expect(await snapshotDatabase(t.db)).toStrictEqual(before); // a preview stores nothing
    expect(p.files.map((f) => [f.file, f.action])).toStrictEqual([
      [FIXTURES.f000, 'refused'],
      [FIXTURES.f001, 'refused'],
      [FIXTURES.f002, 'create'],
      [FIXTURES.f003, 'refused'],
    ]);
    expect(p.files[0]!.error).toBe('文件属于“中共唐山市路南区委社会工作部”，您只能导入本单位（保定白沟新城乡村振兴局（社区建设管理办公室）—本级）的文档');
    const own = p.files[2]!;
    expect(own).toMatchObject({
      ok: true,
      error: null,
      format: 'txt',
      department: { code: '326001', name: '保定白沟新城乡村振兴局（社区建设管理办公室）—本级' },
      year: 2025,
      replaces: null,
      projectCount: 6,
      indicatorCount: 36,
    });
    expect(own.budgetTotalFen).toBe(own.projects.reduce((n, q) => n + (q.budgetTotalFen ?? 0), 0));
    expect(own.projects[0]).toMatchObject({ budgetTotalFen: 120_000_000, indicatorCount: expect.any(Number), findingCount: expect.any(Number) });
    expect(Object.keys(own.findingCounts).sort()).toStrictEqual(['budget', 'duplicate', 'mismatch', 'missing', 'schedule', 'taxonomy', 'unit', 'vague']);
    expect(own.projects.reduce((n, q) => n + q.findingCount, 0)).toBeLessThanOrEqual(Object.values(own.findingCounts).reduce((a, b) => a + b, 0));

    const c = await commit(editor, p.token);
    expect(c.files.map((f) => [f.file, f.status])).toStrictEqual([
      [FIXTURES.f000, 'refused'],
      [FIXTURES.f001, 'refused'],
      [FIXTURES.f002, 'imported'],
      [FIXTURES.f003, 'refused'],
    ]);
    const docs = await t.db.selectFrom('document').select(['id', 'departmentId']).execute();
    expect(docs).toStrictEqual([{ id: c.files[2]!.documentId, departmentId }]);
    const audit = await listAuditEntries(t.db, { entity: 'document' });
    expect(audit.map((a) => [a.action, a.actor])).toStrictEqual([['document.import', '白沟填报']]);
    // The token works once.
    const again = await editor.post('/api/imports/commit', { token: p.token });
    expect(again.statusCode).toBe(404);

    // A reviewer imports all four: the editor's is unchanged, the rest are new.
    const reviewer = await t.client('reviewer');
    const all = await preview(reviewer, upload());
    expect(all.files.map((f) => f.action)).toStrictEqual(['create', 'create', 'unchanged', 'create']);
    // the three units with no 填报人 are said before storing; the editor's own unit has one (issue 71)
    expect(all.files.map((f) => f.unitWithoutEditor)).toStrictEqual([true, true, false, true]);
    expect(own.unitWithoutEditor).toBe(false);
    expect((await commit(reviewer, all.token)).files.map((f) => f.status)).toStrictEqual(['imported', 'imported', 'unchanged', 'imported']);
    const projects = await t.db.selectFrom('project').select(['status', 'qualityScore']).execute();
    expect(projects).toHaveLength(66);
    expect(projects.every((q) => q.status === 'draft' && q.qualityScore !== null)).toBe(true);
  });

  it('refuses an editor re-import over projects under review; a reviewer may replace them, audited', async () => {
    const t = await startTestApp();
    const reviewer = await t.client('reviewer', { displayName: '李审核' });
    await commit(reviewer, (await preview(reviewer, upload(['f000']))).token);
    const dept = await t.db.selectFrom('department').select('id').executeTakeFirstOrThrow();
    const editor = await t.client('editor', { departmentId: dept.id });
    const ids = (await t.db.selectFrom('project').select('id').orderBy('position').execute()).map((r) => r.id);

    // A changed file (other bytes) of the same department and year would replace the current one.
    const changed: UploadFile[] = [{ filename: 'v2.txt', data: changedFixture(FIXTURES.f000) }];
    const draftsOnly = await preview(editor, changed);
    expect(draftsOnly.files[0]).toMatchObject({ action: 'replace', replaces: { projectCount: 5, statuses: { draft: 5, submitted: 0 } } });

    await editor.post(`/api/projects/${ids[0]}/actions`, { action: 'submit', version: 1 });
    await editor.post(`/api/projects/${ids[1]}/actions`, { action: 'submit', version: 1 });
    await reviewer.post(`/api/projects/${ids[1]}/actions`, { action: 'approve', version: 2 });
    const refused = await preview(editor, changed);
    expect(refused.files[0]).toMatchObject({ action: 'refused', replaces: { statuses: { draft: 3, submitted: 1, approved: 1 } } });
    expect(refused.files[0]!.error).toContain('已提交 1 个、已审核 1 个');
    // The stale preview from before the submission is decided again at commit: refused too.
    const snapshot = await snapshotDatabase(t.db);
    expect((await commit(editor, draftsOnly.token)).files[0]).toMatchObject({ status: 'refused', documentId: null });
    expect(await snapshotDatabase(t.db)).toStrictEqual(snapshot);

    const replaced = await preview(reviewer, changed);
    expect(replaced.files[0]!.action).toBe('replace');
    const done = await commit(reviewer, replaced.token);
    expect(done.files[0]).toMatchObject({ status: 'replaced' });
    const current = await t.db.selectFrom('project').innerJoin('document', 'document.id', 'project.documentId').select('project.status').where('document.isCurrent', '=', 1).execute();
    expect(current.map((p) => p.status)).toStrictEqual(['draft', 'draft', 'draft', 'draft', 'draft']);
    const old = await t.db.selectFrom('project').select('status').where('id', 'in', ids).orderBy('position').execute();
    expect(old.map((p) => p.status)).toStrictEqual(['submitted', 'approved', 'draft', 'draft', 'draft']);
    const audit = await listAuditEntries(t.db, { entity: 'document', entityId: done.files[0]!.documentId! });
    expect(audit.find((a) => a.action === 'document.import')!.detail).toMatchObject({ replacedStatuses: { submitted: 1, approved: 1, draft: 3 }, replacedBy: 'reviewer' });
  });

  it('reports unreadable files and keeps tokens to their user and 15 minutes', async () => {
    const t = await startTestApp();
    const reviewer = await t.client('reviewer');
    const other = await t.client('reviewer');
    const p = await preview(reviewer, [{ filename: 'junk.txt', data: Buffer.from('这不是绩效目标文档\n') }, ...upload(['f001'])]);
    expect(p.files[0]).toMatchObject({ file: 'junk.txt', ok: false, action: 'refused', format: null, projectCount: 0 });
    expect(p.files[0]!.error).toMatch(/junk\.txt/);
    expect((await other.post('/api/imports/commit', { token: p.token })).statusCode).toBe(404);
    t.clock.advance(15 * 60 * 1000 + 1);
    const expired = await reviewer.post('/api/imports/commit', { token: p.token });
    expect(expired.statusCode).toBe(404);
    expect(expired.json().message).toContain('15 分钟');
    expect(await t.db.selectFrom('document').select('id').execute()).toStrictEqual([]);

    const q = await preview(reviewer, upload(['f001']));
    t.clock.advance(14 * 60 * 1000);
    expect((await commit(reviewer, q.token)).files[0]!.status).toBe('imported');
  });

  it('needs files, at most 20, and a login', async () => {
    const t = await startTestApp();
    const reviewer = await t.client('reviewer');
    const none = await reviewer.upload('/api/imports/preview', []);
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('validation');
    const many = Array.from({ length: 21 }, (_, i) => ({ filename: `${i}.txt`, data: 'x' }));
    expect((await reviewer.upload('/api/imports/preview', many)).statusCode).toBe(413);
    expect((await t.client().upload('/api/imports/preview', upload(['f000']))).statusCode).toBe(401);
    // a 主管部门 reviews and imports nothing (issue 71)
    const departmentId = await createDepartment(t.db, { code: '326001', name: '白沟' });
    const supervisor = await t.client('supervisor', { departmentId });
    expect((await supervisor.upload('/api/imports/preview', upload(['f000']))).statusCode).toBe(403);
    expect((await supervisor.post('/api/imports/commit', { token: 'x' })).statusCode).toBe(403);
  });
});
