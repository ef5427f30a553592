/**
 * Audit by account (issue 15): every audit entry names the account (user id and username) beside
 * the display name of the moment, and a project's history is read a page at a time.
 */
import { describe, expect, it } from 'vitest';
import { projectToInput } from '../../src/shared/api/project-input';
import type { ProjectRecord } from '../../src/shared/api/projects';
import { listAuditEntries, loadProject } from '../../src/server/db/document.repository';
import { FIXTURES, changedFixture } from '../support/fixtures';
import { importFixture } from './domain-support';
import { startTestApp } from './support';

describe('audit by account', () => {
  it('every entry written through the API names the account; a later change of display name rewrites no history', async () => {
    const t = await startTestApp();
    const fx = await importFixture(t.db, 'f000');
    const admin = await t.client('admin', { username: 'root', displayName: '管理员' });
    const editor = await t.client('editor', { departmentId: fx.departmentId, username: 'zhang', displayName: '张三' });
    const reviewer = await t.client('reviewer', { username: 'li', displayName: '李四' });
    const id = fx.projectIds[0]!;
    const ids = { root: admin.user!.id, zhang: editor.user!.id, li: reviewer.user!.id };

    const save = async (name: string) => {
      const current = (await editor.get(`/api/projects/${id}`)).json() as ProjectRecord;
      const input = projectToInput((await loadProject(t.db, id))!);
      const res = await editor.put(`/api/projects/${id}`, { version: current.version, project: { ...input, name } });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as ProjectRecord).version;
    };
    const version = await save('改名一');
    expect((await editor.post(`/api/projects/${id}/actions`, { action: 'submit', version })).statusCode).toBe(200);
    expect((await reviewer.post(`/api/projects/${id}/actions`, { action: 'return', version: version + 1, comment: '请修改' })).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${ids.zhang}`, { displayName: '张三丰' })).statusCode).toBe(200);
    await save('改名二');
    const preview = await reviewer.upload('/api/imports/preview', [{ filename: 'f001.txt', data: changedFixture(FIXTURES.f001) }]);
    expect((await reviewer.post('/api/imports/commit', { token: preview.json().token })).json().files[0].status).toBe('imported');

    const entries = await listAuditEntries(t.db);
    // What the fixture import (a process, as `jixiao import`) wrote: its name, no account.
    expect(entries.filter((e) => e.action === 'document.import')[0]).toMatchObject({ actor: 'system', actorUsername: 'system', actorUserId: null });
    const byApi = entries.filter((e) => e.actorUsername !== 'system');
    expect(byApi.map((e) => [e.action, e.actorUserId, e.actorUsername, e.actor])).toStrictEqual([
      ['project.update', ids.zhang, 'zhang', '张三'],
      ['project.submit', ids.zhang, 'zhang', '张三'],
      ['project.return', ids.li, 'li', '李四'],
      ['user.update', ids.root, 'root', '管理员'],
      ['project.update', ids.zhang, 'zhang', '张三丰'],
      ['department.create', ids.li, 'li', '李四'],
      ['document.import', ids.li, 'li', '李四'],
    ]);
  });
});

describe('a project\'s history is paged', () => {
  it('the record carries the newest page of its audit log; GET /api/projects/:id/audit gives the others', async () => {
    const t = await startTestApp();
    const fx = await importFixture(t.db, 'f000');
    const editor = await t.client('editor', { departmentId: fx.departmentId });
    const id = fx.projectIds[0]!;
    let version = 1;
    for (let i = 1; i <= 25; i++) {
      const input = projectToInput((await loadProject(t.db, id))!);
      const res = await editor.put(`/api/projects/${id}`, { version, project: { ...input, name: `第${i}版` } });
      expect(res.statusCode, res.body).toBe(200);
      version = (res.json() as ProjectRecord).version;
    }
    const record = (await editor.get(`/api/projects/${id}`)).json() as ProjectRecord;
    expect(record.audit).toMatchObject({ total: 25, page: 1, pageSize: 20 });
    const nameAfter = (e: { detail: Record<string, unknown> }) => (e.detail.after as { name: string }).name;
    expect(record.audit.items.map(nameAfter)).toStrictEqual(Array.from({ length: 20 }, (_, i) => `第${25 - i}版`));

    const second = await editor.get(`/api/projects/${id}/audit?page=2`);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ total: 25, page: 2, pageSize: 20 });
    expect(second.json().items.map(nameAfter)).toStrictEqual(['第5版', '第4版', '第3版', '第2版', '第1版']);
    const small = (await editor.get(`/api/projects/${id}/audit?page=3&pageSize=10`)).json();
    expect(small.items.map(nameAfter)).toStrictEqual(['第5版', '第4版', '第3版', '第2版', '第1版']);
    expect((await editor.get(`/api/projects/${id}/audit?page=9`)).json().items).toStrictEqual([]);
    expect((await editor.get(`/api/projects/${id}/audit?pageSize=1000`)).statusCode).toBe(400);
    expect((await editor.get(`/api/projects/999999/audit`)).statusCode).toBe(404);
  });
});
