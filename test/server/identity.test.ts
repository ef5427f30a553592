/**
 * Identity guards (issue 15): an import that would rename a stored department (same code, another
 * name) says so in the preview and needs a reviewer's or admin's confirmation; an editor cannot
 * rename their department. Names and codes lose bidirectional controls and zero-width characters,
 * with a diagnostic, in the import's store step and in the API's input.
 */
import { describe, expect, it } from 'vitest';
import { projectToInput } from '../../src/shared/api/project-input';
import type { ProjectRecord } from '../../src/shared/api/projects';
import { listAuditEntries, loadDocument, loadProject } from '../../src/server/db/document.repository';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { buildParsedDocument, buildProject } from '../factories';
import { FIXTURES, readFixture } from '../support/fixtures';
import { importFixture } from './domain-support';
import { startTestApp } from './support';

const STORED = '763001中共唐山市路南区委社会工作部';
const fixtureWith = (department: string) => Buffer.from(readFixture(FIXTURES.f000).toString('utf8').replaceAll(STORED, department), 'utf8');

async function setup() {
  const t = await startTestApp();
  const fx = await importFixture(t.db, 'f000');
  const editor = await t.client('editor', { departmentId: fx.departmentId });
  const reviewer = await t.client('reviewer', { username: 'li' });
  const nameOf = async () => (await t.db.selectFrom('department').select('name').where('id', '=', fx.departmentId).executeTakeFirstOrThrow()).name;
  return { t, fx, editor, reviewer, nameOf };
}

describe('an import that would rename a department', () => {
  it('is refused to the department\'s editor, with the reason', async () => {
    const { editor, nameOf } = await setup();
    const preview = await editor.upload('/api/imports/preview', [{ filename: 'renamed.txt', data: fixtureWith('763001中共唐山市路南区委社会工作局') }]);
    const [file] = preview.json().files;
    expect(file.action).toBe('refused');
    expect(file.departmentRename).toStrictEqual({ code: '763001', from: '中共唐山市路南区委社会工作部', to: '中共唐山市路南区委社会工作局' });
    expect(file.error).toContain('填报人不能更改单位名称');
    expect((await editor.post('/api/imports/commit', { token: preview.json().token, confirmDepartmentRenames: true })).json().files[0].status).toBe('refused');
    expect(await nameOf()).toBe('中共唐山市路南区委社会工作部');
  });

  it('shows a reviewer the rename in the preview and stores nothing until it is confirmed', async () => {
    const { t, fx, reviewer, nameOf } = await setup();
    const upload = () => reviewer.upload('/api/imports/preview', [{ filename: 'renamed.txt', data: fixtureWith('763001中共唐山市路南区委社会工作局') }]);
    const first = await upload();
    const [file] = first.json().files;
    expect(file).toMatchObject({ action: 'replace', error: null, departmentRename: { code: '763001', from: '中共唐山市路南区委社会工作部', to: '中共唐山市路南区委社会工作局' } });
    const unconfirmed = (await reviewer.post('/api/imports/commit', { token: first.json().token })).json().files[0];
    expect(unconfirmed.status).toBe('refused');
    expect(unconfirmed.message).toContain('未确认单位更名');
    expect(await nameOf()).toBe('中共唐山市路南区委社会工作部');
    expect((await t.db.selectFrom('document').select('id').where('isCurrent', '=', 1).execute()).map((d) => d.id)).toStrictEqual([fx.documentId]);

    const confirmed = (await reviewer.post('/api/imports/commit', { token: (await upload()).json().token, confirmDepartmentRenames: true })).json().files[0];
    expect(confirmed.status).toBe('replaced');
    expect(await nameOf()).toBe('中共唐山市路南区委社会工作局');
    const rename = (await listAuditEntries(t.db, { entity: 'department' })).find((e) => e.action === 'department.rename');
    expect(rename).toMatchObject({ actorUsername: 'li', detail: { code: '763001', from: '中共唐山市路南区委社会工作部', to: '中共唐山市路南区委社会工作局' } });
  });
});

describe('invisible characters in names and codes', () => {
  it('an import: removed with a warning in the preview, so a right-to-left override is no new department, no rename, no new version', async () => {
    const { t, fx, editor } = await setup();
    const hidden = '763001中共唐山市路南区委\u202E社会工作部\u200B';
    const preview = await editor.upload('/api/imports/preview', [{ filename: 'hidden.txt', data: fixtureWith(hidden) }]);
    const [file] = preview.json().files;
    expect(file.department).toStrictEqual({ code: '763001', name: '中共唐山市路南区委社会工作部' });
    expect(file.departmentRename).toBeNull();
    // cleaned, it is the stored document's content
    expect(file.action).toBe('unchanged');
    const warnings = file.diagnostics.filter((d: { code: string }) => d.code === 'invisible-characters-removed');
    expect(warnings[0]).toMatchObject({ severity: 'warning', message: '单位名称“中共唐山市路南区委社会工作部”含有不可见的控制字符：从右向左覆盖（U+202E）、零宽空格（U+200B），已删除' });
    expect((await editor.post('/api/imports/commit', { token: preview.json().token })).json().files[0].status).toBe('unchanged');
    const stored = await t.db.selectFrom('project').innerJoin('document', 'document.id', 'project.documentId').select(['project.departmentName']).where('document.isCurrent', '=', 1).execute();
    expect(stored.every((p) => p.departmentName === '中共唐山市路南区委社会工作部')).toBe(true);
    const departments = await t.db.selectFrom('department').select(['id', 'name']).execute();
    expect(departments).toStrictEqual([{ id: fx.departmentId, name: '中共唐山市路南区委社会工作部' }]);
  });

  it('the store step: what is stored is clean, and the document keeps the warning', async () => {
    const t = await startTestApp();
    const doc = buildParsedDocument({
      department: { code: '99\u200B9001', name: '示范\u202E局民政', source: { line: 3 } },
      projects: [buildProject({ code: '13020225P0091231\u200C0002A', name: '低保\u2066资金' })],
    });
    const { documentId } = await storeDocument(t.db, doc);
    const stored = (await loadDocument(t.db, documentId))!;
    expect(stored.department).toMatchObject({ code: '999001', name: '示范局民政' });
    expect([stored.projects[0]!.code, stored.projects[0]!.name]).toStrictEqual(['13020225P00912310002A', '低保资金']);
    expect(stored.diagnostics.filter((d) => d.code === 'invisible-characters-removed').map((d) => d.message)).toStrictEqual([
      '单位编码“999001”含有不可见的控制字符：零宽空格（U+200B），已删除',
      '单位名称“示范局民政”含有不可见的控制字符：从右向左覆盖（U+202E），已删除',
      '项目编码“13020225P00912310002A”含有不可见的控制字符：零宽不连字（U+200C），已删除',
      '项目名称“低保资金”含有不可见的控制字符：从左向右隔离（U+2066），已删除',
    ]);
    expect(await t.db.selectFrom('department').select(['code', 'name']).execute()).toStrictEqual([{ code: '999001', name: '示范局民政' }]);
  });

  it('the API: a project\'s name and code and an account\'s name are saved without them', async () => {
    const { t, fx, editor } = await setup();
    const id = fx.projectIds[0]!;
    const input = projectToInput((await loadProject(t.db, id))!);
    const res = await editor.put(`/api/projects/${id}`, {
      version: 1,
      project: { ...input, name: '社区\u202E服务\u2066经费', code: '\u200B13020225P00912310002A', indicators: input.indicators.map((i, n) => (n === 0 ? { ...i, name: `${i.name}\uFEFF` } : i)) },
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = (res.json() as ProjectRecord).project;
    expect([saved.name, saved.code, saved.indicators[0]!.name]).toStrictEqual(['社区服务经费', '13020225P00912310002A', input.indicators[0]!.name]);
    const onlyInvisible = await editor.put(`/api/projects/${id}`, { version: 2, project: { ...input, name: '\u200B\u202E' } });
    expect(onlyInvisible.statusCode).toBe(400);
    expect(onlyInvisible.json().issues).toStrictEqual([{ path: 'project.name', message: '请填写项目名称' }]);

    const admin = await t.client('admin');
    const user = await admin.patch(`/api/users/${editor.user!.id}`, { displayName: '张\u200D三' });
    expect(user.json().displayName).toBe('张三');
  });
});
