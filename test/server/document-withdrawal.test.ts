/**
 * 撤回导入 (issue 54) through the API, on SQLite and PostgreSQL: the account that imported a document,
 * or the 绩效科 of a region over its department, withdraws it while its projects are drafts nobody has
 * worked on — the document, its projects and every row stored with them go, the versions it replaced
 * are current again, the department its import created goes when nothing else uses it, and one audit
 * entry keeps the reason. Refused: another department's account (404), an account of the department
 * that did not import it (403), an administrator (403), a document someone has worked on (409, naming
 * what was done) or one replaced since (409); nothing is written by a refusal.
 */
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentWithdrawResponse } from '../../src/shared/api/documents';
import type { ImportCommitResponse, ImportPreviewResponse } from '../../src/shared/api/imports';
import type { ProjectRecord } from '../../src/shared/api/projects';
import { projectToInput } from '../../src/shared/api/project-input';
import { NOT_ALLOWED_MESSAGE, withdrawalEffectLines } from '../../src/shared/domain/document-withdrawal';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { partitionProjects } from '../../src/server/db/partitioning';
import { TABLE_NAMES, type Db } from '../../src/server/db/schema';
import { importBytes } from '../../src/server/modules/imports/import-files';
import { withdrawDocument } from '../../src/server/modules/documents/documents.service';
import { buildLibrary, getLibraryWithOutcome } from '../../src/server/modules/library/library.service';
import type { IndicatorLibrary } from '../../src/shared/library/library';
import { changedFixture, FIXTURES, readFixture } from '../support/fixtures';
import { TEST_DIALECT } from '../support/test-database';
import { textDocument, textTable } from '../support/text-document';
import { importFixture } from './domain-support';
import { createDepartment, createUser, startTestApp, type TestApp, type TestClient, type UploadFile } from './support';

/** Every table of stored data (the log, the sessions and the derived or bookkeeping tables apart), each as its sorted rows. */
const DATA_TABLES = [
  ...TABLE_NAMES.filter((t) => !['auditLog', 'session', 'signIn', 'securityPolicy', 'oneTimeCode'].includes(t)),
  'projectFindings',
  'documentReview',
  'departmentTarget',
  'exAnteAssessment',
  'region',
  'businessSection',
] as const;

async function dataOf(db: Db): Promise<Record<string, string[]>> {
  const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const out: Record<string, string[]> = {};
  for (const table of DATA_TABLES) out[table] = (await any.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  return out;
}

/** Previews and commits `files` as `client`: the stored documents' ids, in the order of the files. */
async function importAs(client: TestClient, files: UploadFile[]): Promise<number[]> {
  const preview = await client.upload('/api/imports/preview', files);
  expect(preview.statusCode, preview.body).toBe(200);
  const commit = await client.post('/api/imports/commit', { token: (preview.json() as ImportPreviewResponse).token, confirmDepartmentRenames: true });
  expect(commit.statusCode, commit.body).toBe(200);
  const results = (commit.json() as ImportCommitResponse).files;
  expect(results.map((f) => f.status), JSON.stringify(results)).not.toContain('refused');
  return results.map((f) => f.documentId!);
}

const BAIGOU = '保定白沟新城乡村振兴局（社区建设管理办公室）—本级';

const fixture = (key: keyof typeof FIXTURES, data: Uint8Array = readFixture(FIXTURES[key])): UploadFile => ({ filename: FIXTURES[key], data });

/** A document of a unit no database knows (100001 测试单位, 2025): two projects of four indicators. */
const NEW_UNIT: UploadFile = {
  filename: '测试单位绩效目标.txt',
  data: textDocument([textTable(), textTable({ title: '[bookmark: _Toc_2]2.测试项目二绩效目标表', codeName: ['项目编码', '13020225P000000000002', '项目名称', '测试项目二'] })]),
};

async function detail(client: TestClient, id: number): Promise<DocumentDetail> {
  const res = await client.get(`/api/documents/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DocumentDetail;
}

async function withdraw(client: TestClient, id: number, reason = '导入了错误的文件'): Promise<DocumentWithdrawResponse> {
  const res = await client.post(`/api/documents/${id}/withdraw`, { reason });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DocumentWithdrawResponse;
}

/** `send` answers `status` with `message`, and writes nothing. */
async function refused(t: TestApp, send: () => Promise<{ statusCode: number; json(): unknown }>, status: number, message: string | RegExp): Promise<void> {
  const before = await dataOf(t.db);
  const log = (await listAuditEntries(t.db)).length;
  const res = await send();
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect((res.json() as { message: string }).message).toMatch(message);
  expect(await dataOf(t.db)).toStrictEqual(before);
  expect((await listAuditEntries(t.db)).length).toBe(log);
}

/** 白沟's department, one editor of it, and the document (f002) that editor imported. */
async function editorWithDocument(t: TestApp): Promise<{ departmentId: number; editor: TestClient; documentId: number }> {
  const departmentId = await createDepartment(t.db, { code: '326001', name: BAIGOU });
  const editor = await t.client('editor', { departmentId });
  const [documentId] = await importAs(editor, [fixture('f002')]);
  return { departmentId, editor, documentId: documentId! };
}

const escape = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('the importer withdraws its document', () => {
  it('leaves the database as before the import, with one audit entry naming the reason, the file and the counts', async () => {
    const t = await startTestApp();
    const departmentId = await createDepartment(t.db, { code: '326001', name: BAIGOU });
    const editor = await t.client('editor', { departmentId, displayName: '白沟填报', username: 'baigou' });
    const before = await dataOf(t.db);

    const [documentId] = await importAs(editor, [fixture('f002')]);
    const shown = await detail(editor, documentId!);
    expect(shown).toMatchObject({
      id: documentId,
      fileName: FIXTURES.f002,
      importedBy: '白沟填报（baigou）',
      importedByYou: true,
      department: { id: departmentId, code: '326001' },
      year: 2025,
      isCurrent: true,
      projectCount: 6,
      indicatorCount: 36,
      withdrawal: { canWithdraw: true, blocker: null, projects: 6, indicators: 36, restores: [], removesDepartment: null, unlinksSelfEvaluations: 0 },
    });

    const done = await withdraw(editor, documentId!, '  选错了文件，应导入修订稿  ');
    expect(done).toStrictEqual({ documentId, fileName: FIXTURES.f002, projects: 6, indicators: 36, restored: [], removedDepartment: null, next: null });
    // the document, its projects and everything stored with them are gone; the department stays (its account uses it)
    expect(await dataOf(t.db)).toStrictEqual(before);

    const entry = (await listAuditEntries(t.db)).at(-1)!;
    expect(entry).toMatchObject({ action: 'document.withdraw', entity: 'document', entityId: documentId, actor: '白沟填报', actorUsername: 'baigou', actorUserId: editor.user!.id });
    expect(entry.detail).toStrictEqual({
      reason: '选错了文件，应导入修订稿',
      file: FIXTURES.f002,
      sha256: shown.sha256,
      year: 2025,
      departmentId,
      department: BAIGOU,
      importedAt: shown.importedAt,
      importedBy: '白沟填报（baigou）',
      projects: 6,
      indicators: 36,
      restored: [],
      keptAsHistory: [],
      removedDepartment: null,
    });
    // gone: asking again finds nothing
    expect((await editor.get(`/api/documents/${documentId}`)).statusCode).toBe(404);
    expect((await editor.post(`/api/documents/${documentId}/withdraw`, { reason: '再撤一次' })).statusCode).toBe(404);
    // and the same file imports again as new
    expect(await importAs(editor, [fixture('f002')])).toHaveLength(1);
  });

  it('says, before and in its audit entry, that a 自评表 matched to its projects is matched to none since (issue 72, item 12)', async () => {
    const t = await startTestApp();
    const { departmentId, editor, documentId } = await editorWithDocument(t);
    const [project] = await t.db.selectFrom('project').select(['id', 'name', 'year']).where('documentId', '=', documentId).orderBy('position').execute();
    const { id } = await t.db
      .insertInto('submittedSelfEvaluation')
      .values({
        year: project!.year,
        regionCode: null,
        projectName: project!.name,
        projectCode: null,
        unitName: BAIGOU,
        departmentId,
        projectId: project!.id,
        file: '白沟自评表.xlsx',
        sha256: 'a'.repeat(64),
        tableNumber: 1,
        content: '{}',
        budgetFull: null,
        selfHundredths: 9000,
        selfGrade: '优',
        recomputedHundredths: 9000,
        recomputedGrade: '优',
        gapHundredths: 0,
        findings: 0,
        errors: 0,
        doubted: 0,
        conclusion: 'agreed',
        conclusionScoreHundredths: 9000,
        conclusionComment: '同意',
        concludedBy: '绩效科',
        concludedAt: '2026-03-01T00:00:00.000Z',
        importedAt: '2026-03-01T00:00:00.000Z',
        importedBy: '绩效科',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { withdrawal } = await detail(editor, documentId);
    expect(withdrawal.unlinksSelfEvaluations).toBe(1);
    expect(withdrawalEffectLines({ fileName: FIXTURES.f002, ...withdrawal }, (iso) => iso).at(-1)).toBe('已匹配到这些项目的 1 张项目支出绩效自评表将不再与项目关联（自评表及其复核结论保留）');
    await withdraw(editor, documentId);
    // kept, with its conclusion, matched to no project
    expect(await t.db.selectFrom('submittedSelfEvaluation').select(['projectId', 'conclusion']).where('id', '=', id).executeTakeFirstOrThrow()).toStrictEqual({ projectId: null, conclusion: 'agreed' });
    const entry = (await listAuditEntries(t.db, { entity: 'document', entityId: documentId })).at(-1)!;
    expect(entry.detail.unlinkedSelfEvaluations).toStrictEqual([`${project!.name}（白沟自评表.xlsx）`]);
  });

  it('needs the session\'s CSRF token', async () => {
    const t = await startTestApp();
    const { editor, documentId } = await editorWithDocument(t);
    for (const csrf of [false, 'wrong'] as const) {
      await refused(t, () => editor.post(`/api/documents/${documentId}/withdraw`, { reason: '没有令牌' }, { csrf }), 403, '安全令牌不匹配');
    }
    expect((await detail(editor, documentId)).withdrawal.canWithdraw).toBe(true);
  });

  it('needs a reason of at most 500 characters', async () => {
    const t = await startTestApp();
    const { editor, documentId } = await editorWithDocument(t);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: '长'.repeat(501) }, { reason: 42 }]) {
      await refused(t, () => editor.post(`/api/documents/${documentId}/withdraw`, body), 400, /理由/);
    }
    expect((await editor.post(`/api/documents/${documentId}/withdraw`, { reason: '长'.repeat(500) })).statusCode).toBe(200);
  });
});

describe('who may withdraw', () => {
  it("refuses another department's editor (404), the department's other editor (403), an administrator (403) and a 主管部门 (403)", async () => {
    const t = await startTestApp();
    const { departmentId, editor: importer, documentId } = await editorWithDocument(t);
    const other = await importFixture(t.db, 'f000');

    const stranger = await t.client('editor', { departmentId: other.departmentId });
    await refused(t, () => stranger.get(`/api/documents/${documentId}`), 404, '文件不存在，或您没有权限查看');
    await refused(t, () => stranger.post(`/api/documents/${documentId}/withdraw`, { reason: '越权' }), 404, '文件不存在，或您没有权限查看');
    // nothing of the document in the refusal
    expect((await stranger.get(`/api/documents/${documentId}`)).body).not.toContain(FIXTURES.f002);

    const colleague = await t.client('editor', { departmentId });
    expect((await detail(colleague, documentId)).withdrawal).toMatchObject({ canWithdraw: false, blocker: { code: 'not-allowed', message: NOT_ALLOWED_MESSAGE } });
    await refused(t, () => colleague.post(`/api/documents/${documentId}/withdraw`, { reason: '同事代撤' }), 403, NOT_ALLOWED_MESSAGE);

    const admin = await t.client('admin');
    await refused(t, () => admin.post(`/api/documents/${documentId}/withdraw`, { reason: '管理员撤回' }), 403, /三员分立/);
    await refused(t, () => admin.get(`/api/documents/${documentId}`), 403, /三员分立/);
    const supervisor = await t.client('supervisor', { departmentId });
    await refused(t, () => supervisor.post(`/api/documents/${documentId}/withdraw`, { reason: '主管部门撤回' }), 403, /主管部门审核账号/);

    // the service itself never lets a role without business through, whatever the route
    const adminUser = { ...admin.user!, role: 'admin' as const };
    await expect(withdrawDocument(t.db, adminUser, documentId, '直接调用', new Date())).rejects.toMatchObject({ status: 404 });
    expect((await detail(importer, documentId)).withdrawal.canWithdraw).toBe(true);
  });

  it("lets the region's 绩效科 withdraw a document another account imported, and restores the version it replaced; not another region's, not a replaced one", async () => {
    const t = await startTestApp();
    // the first version, from the command line (no account); its import creates the department
    const first = await importFixture(t.db, 'f000');
    const whole = await t.client('reviewer', { displayName: '市局审核', username: 'city' });
    const [second] = await importAs(whole, [fixture('f000', changedFixture(FIXTURES.f000))]);
    const firstRow = await t.db.selectFrom('document').select(['isCurrent', 'supersededBy', 'supersededAt']).where('id', '=', first.documentId).executeTakeFirstOrThrow();
    expect(firstRow).toMatchObject({ isCurrent: 0, supersededBy: second });
    // another project imported after it: the projects' largest id stays when it goes (the library must still notice)
    await importFixture(t.db, 'f003');
    const warm = await getLibraryWithOutcome(t.db);
    expect(warm.outcome?.kind).toBe('rebuilt');

    // 丰南区's 绩效科 does not see 路南区's department
    const otherCounty = await t.client('reviewer', { regionCode: '130213' });
    await refused(t, () => otherCounty.get(`/api/documents/${second}`), 404, '文件不存在，或您没有权限查看');
    await refused(t, () => otherCounty.post(`/api/documents/${second}/withdraw`, { reason: '越区撤回' }), 404, '文件不存在，或您没有权限查看');
    // the history cannot be withdrawn: only the current version
    const county = await t.client('reviewer', { regionCode: '130202', displayName: '路南区绩效科', username: 'lunan' });
    expect((await detail(county, first.documentId)).withdrawal.blocker).toStrictEqual({ code: 'not-current', message: `文件“${FIXTURES.f000}”已被新导入的版本替换，不是现行版本，不能撤回` });
    await refused(t, () => county.post(`/api/documents/${first.documentId}/withdraw`, { reason: '撤回旧版' }), 409, '不是现行版本，不能撤回');

    const shown = await detail(county, second!);
    expect(shown).toMatchObject({ importedBy: '市局审核（city）', importedByYou: false });
    expect(shown.withdrawal).toMatchObject({ canWithdraw: true, projects: 5, restores: [{ id: first.documentId, fileName: FIXTURES.f000 }], removesDepartment: null });
    const done = await withdraw(county, second!, '误将修订稿覆盖了原稿');
    expect(done).toMatchObject({ restored: [{ id: first.documentId, fileName: FIXTURES.f000 }], removedDepartment: null, next: { departmentId: first.departmentId, year: 2025 } });

    // the first version is current again, as before it was replaced
    expect(await t.db.selectFrom('document').select(['isCurrent', 'supersededBy', 'supersededAt']).where('id', '=', first.documentId).executeTakeFirstOrThrow()).toStrictEqual({
      isCurrent: 1,
      supersededBy: null,
      supersededAt: null,
    });
    const page = await county.get(`/api/departments/${first.departmentId}?year=2025`);
    expect(page.statusCode).toBe(200);
    expect(page.json().document.id).toBe(first.documentId);
    expect(page.json().projects.map((p: { id: number }) => p.id)).toStrictEqual(first.projectIds);
    const entry = (await listAuditEntries(t.db, { entity: 'document', entityId: second })).at(-1)!;
    expect(entry).toMatchObject({ action: 'document.withdraw', actorUsername: 'lunan', detail: { reason: '误将修订稿覆盖了原稿', restored: [first.documentId], keptAsHistory: [], projects: 5 } });
    // the library noticed: the withdrawn projects out, the restored ones in, as a fresh build
    const after = await getLibraryWithOutcome(t.db);
    expect(after.outcome).toStrictEqual({ kind: 'updated', changed: 5, removed: 5 });
    expect(figures(after.library)).toStrictEqual(figures(await buildLibrary(t.db)));
  });
});

/** Every figure of every entry of the library, comparable (test/server/library.test.ts). */
function figures(lib: IndicatorLibrary) {
  return lib.entries.map((e) => ({ ...e, values: Object.fromEntries(e.values), uses: [...e.uses.values()].sort((a, b) => a.projectId - b.projectId) }));
}

describe('what blocks a withdrawal', () => {
  it('refuses (409) once a project was edited, then submitted, saying what was done; nothing is removed', async () => {
    const t = await startTestApp();
    const { editor, documentId } = await editorWithDocument(t);
    const projectId = (await t.db.selectFrom('project').select('id').where('documentId', '=', documentId).orderBy('position').executeTakeFirstOrThrow()).id;

    const record = (await editor.get(`/api/projects/${projectId}`)).json() as ProjectRecord;
    const saved = await editor.put(`/api/projects/${projectId}`, { version: record.version, project: { ...projectToInput(record.project), purpose: '改过的用途' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await detail(editor, documentId)).withdrawal.blocker).toStrictEqual({ code: 'worked-on', message: '已有人处理过，不能撤回：1 个项目导入后已修改' });
    await refused(t, () => editor.post(`/api/documents/${documentId}/withdraw`, { reason: '撤回' }), 409, '已有人处理过，不能撤回：1 个项目导入后已修改');

    const submitted = await editor.post(`/api/projects/${projectId}/actions`, { action: 'submit', version: (saved.json() as ProjectRecord).version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    await refused(
      t,
      () => editor.post(`/api/documents/${documentId}/withdraw`, { reason: '撤回' }),
      409,
      escape('已有人处理过，不能撤回：项目已不是草稿（已提交 1 个）；1 个项目导入后已修改；有 1 条审核流转记录'),
    );
    // the reviewer is refused alike
    const reviewer = await t.client('reviewer');
    await refused(t, () => reviewer.post(`/api/documents/${documentId}/withdraw`, { reason: '撤回' }), 409, /^已有人处理过，不能撤回：/);
  });

  it('refuses a document whose draft has a rectification item, an ex-ante assessment or is the source of next year’s draft', async () => {
    const t = await startTestApp();
    const f = await importFixture(t.db, 'f002');
    const reviewer = await t.client('reviewer');
    expect((await detail(reviewer, f.documentId)).withdrawal.canWithdraw).toBe(true);
    const [a, b] = f.projectIds as [number, number];
    // work written straight into the tables the check reads (each kind is refused whatever made it)
    const now = new Date().toISOString();
    await t.db.insertInto('exAnteAssessment').values({ projectId: a, status: 'draft', version: 1, configId: 'x', conclusion: null, conclusionReason: null, totalTenths: 0, result: 'support', complete: 0, createdAt: now, createdBy: 'x', updatedAt: now, updatedBy: 'x' }).execute();
    await t.db.insertInto('carryOver').values({ projectId: b, sourceProjectId: a, createdAt: now, createdBy: 'x' }).execute();
    await t.db.insertInto('reviewComment').values({ projectId: b, eventId: null, field: 'purpose', text: '请补充', author: 'x', at: now }).execute();
    expect((await detail(reviewer, f.documentId)).withdrawal.blocker).toStrictEqual({
      code: 'worked-on',
      message: '已有人处理过，不能撤回：有 1 条审核意见；1 个项目已有事前绩效评估；1 个项目已被用来编制下年目标',
    });
  });
});

describe('the department an import created', () => {
  it('is removed with the document when nothing else uses it, and kept when an account belongs to it', async () => {
    const t = await startTestApp();
    const reviewer = await t.client('reviewer', { username: 'jxk' });
    const before = await dataOf(t.db);
    const [documentId] = await importAs(reviewer, [NEW_UNIT]);
    const department = await t.db.selectFrom('department').select(['id', 'code', 'name']).where('code', '=', '100001').executeTakeFirstOrThrow();
    expect((await detail(reviewer, documentId!)).withdrawal).toMatchObject({ canWithdraw: true, projects: 2, indicators: 8, removesDepartment: department });

    const done = await withdraw(reviewer, documentId!, '单位编码写错了');
    expect(done).toMatchObject({ projects: 2, removedDepartment: department, next: null });
    expect(await dataOf(t.db)).toStrictEqual(before);
    const entry = (await listAuditEntries(t.db)).at(-1)!;
    expect(entry).toMatchObject({ action: 'document.withdraw', detail: { removedDepartment: department, reason: '单位编码写错了' } });
    // the department's own history keeps its creation
    expect((await listAuditEntries(t.db, { entity: 'department', entityId: department.id })).map((e) => e.action)).toStrictEqual(['department.create']);

    // again, and this time an account is given the new department before the withdrawal: it stays
    const [again] = await importAs(reviewer, [NEW_UNIT]);
    const newDepartment = await t.db.selectFrom('department').select('id').where('code', '=', '100001').executeTakeFirstOrThrow();
    expect(newDepartment.id).not.toBe(department.id);
    await createUser(t.db, { username: 'ceshi', role: 'editor', departmentId: newDepartment.id });
    expect((await detail(reviewer, again!)).withdrawal.removesDepartment).toBeNull();
    expect((await withdraw(reviewer, again!)).removedDepartment).toBeNull();
    expect(await t.db.selectFrom('department').select('id').where('id', '=', newDepartment.id).executeTakeFirst()).toBeDefined();
  });

  it('is kept when its settings were changed after the import, or when an earlier document of it remains', async () => {
    const t = await startTestApp();
    const reviewer = await t.client('reviewer');
    const [first] = await importAs(reviewer, [NEW_UNIT]);
    const departmentId = (await t.db.selectFrom('department').select('id').where('code', '=', '100001').executeTakeFirstOrThrow()).id;
    const admin = await t.client('admin');
    expect((await admin.post('/api/regions/import', { text: '130000,河北省\n130200,唐山市\n130202,路南区\n130213,丰南区' })).statusCode).toBe(200);
    // its projects' codes made it 路南区's; the administrator moves it to 丰南区
    expect((await admin.put(`/api/departments/${departmentId}/region`, { regionCode: '130213' })).statusCode).toBe(200);
    expect((await detail(reviewer, first!)).withdrawal.removesDepartment).toBeNull();

    // a later version of its document did not create it: withdrawn, the first is current again
    const changed = { ...NEW_UNIT, data: String(NEW_UNIT.data).replace('完成各项任务。', '完成各项任务（修订）。') };
    const [second] = await importAs(reviewer, [changed]);
    expect((await detail(reviewer, second!)).withdrawal).toMatchObject({ removesDepartment: null, restores: [{ id: first }] });
    expect(await withdraw(reviewer, second!)).toMatchObject({ removedDepartment: null, next: { departmentId, year: 2025 } });
  });
});

describe.runIf(TEST_DIALECT === 'postgres')('a save under way (PostgreSQL)', () => {
  it('makes the withdrawal wait for it, then refuse: the edit is not deleted', async () => {
    const t = await startTestApp();
    const { editor, documentId } = await editorWithDocument(t);
    const projectId = (await t.db.selectFrom('project').select('id').where('documentId', '=', documentId).orderBy('position').executeTakeFirstOrThrow()).id;
    // another connection's save, not yet committed (it holds the lock every transaction takes, db/database.ts)
    const save = await t.db.startTransaction().execute();
    await save.updateTable('project').set({ version: 2, updatedAt: new Date().toISOString(), purpose: '并发修改' }).where('id', '=', projectId).execute();
    const withdrawal = editor.post(`/api/documents/${documentId}/withdraw`, { reason: '撤回' });
    // the withdrawal waits for the save to end (were it to read first, it would then delete the saved row)
    for (;;) {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(t.db);
      if (waiting.rows[0]!.n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await save.commit().execute();
    const res = await withdrawal;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toBe('已有人处理过，不能撤回：1 个项目导入后已修改');
    expect(await t.db.selectFrom('project').select('purpose').where('id', '=', projectId).executeTakeFirstOrThrow()).toStrictEqual({ purpose: '并发修改' });
  });
});

describe.runIf(TEST_DIALECT === 'postgres')('the partitioned layout (PostgreSQL)', () => {
  it('withdraws a document whose projects live in a partition, with no row left behind', async () => {
    const t = await startTestApp();
    await partitionProjects(t.db, { years: [2025], regions: ['130202'] });
    const reviewer = await t.client('reviewer');
    const before = await dataOf(t.db);
    const imported = await importBytes(t.db, readFixture(FIXTURES.f000), FIXTURES.f000);
    expect(imported.ok).toBe(true);
    const documentId = (await t.db.selectFrom('document').select('id').executeTakeFirstOrThrow()).id;
    expect(await withdraw(reviewer, documentId)).toMatchObject({ projects: 5 });
    // the department came with the command-line import and goes with it; no indicator or checkpoint is orphaned
    expect(await dataOf(t.db)).toStrictEqual(before);
  });
});
