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

describe('a project\'s history is filtered and exported as it reads (issue 34)', () => {
  it('filters by action and by person, lists both for the filters, and exports the rows in words', async () => {
    const t = await startTestApp();
    const fx = await importFixture(t.db, 'f000');
    const editor = await t.client('editor', { departmentId: fx.departmentId, username: 'zhang', displayName: '张三' });
    const reviewer = await t.client('reviewer', { username: 'li', displayName: '李四' });
    const id = fx.projectIds[0]!;
    const input = projectToInput((await loadProject(t.db, id))!);
    const saved = await editor.put(`/api/projects/${id}`, { version: 1, project: { ...input, name: '改名', budget: { ...input.budget, total: 795_875_200 } } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await editor.post(`/api/projects/${id}/actions`, { action: 'submit', version: 2 })).statusCode).toBe(200);
    expect((await reviewer.post(`/api/projects/${id}/actions`, { action: 'return', version: 3, comment: '请修改' })).statusCode).toBe(200);

    const all = (await editor.get(`/api/projects/${id}/audit`)).json();
    expect(all.items.map((e: { action: string }) => e.action)).toStrictEqual(['project.return', 'project.submit', 'project.update']);
    const byLi = (await editor.get(`/api/projects/${id}/audit?actor=li`)).json();
    expect(byLi.items.map((e: { action: string }) => e.action)).toStrictEqual(['project.return']);
    expect(byLi.total).toBe(1);
    const updates = (await editor.get(`/api/projects/${id}/audit?action=project.update&actor=zhang`)).json();
    expect(updates.items.map((e: { action: string }) => e.action)).toStrictEqual(['project.update']);
    expect((await editor.get(`/api/projects/${id}/audit?action=project.update&actor=li`)).json().total).toBe(0);

    const facets = (await editor.get(`/api/projects/${id}/audit/facets`)).json();
    expect(facets.actions).toStrictEqual([
      { action: 'project.return', label: '退回修改', count: 1 },
      { action: 'project.submit', label: '提交', count: 1 },
      { action: 'project.update', label: '修改项目', count: 1 },
    ]);
    expect(facets.actors.map((a: { username: string }) => a.username).sort()).toStrictEqual(['li', 'zhang']);
    expect((await editor.get(`/api/projects/999999/audit/facets`)).statusCode).toBe(404);

    const xlsx = await editor.get(`/api/projects/${id}/audit.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/filename\*=UTF-8''.*%E4%BF%AE%E6%94%B9%E8%AE%B0%E5%BD%95\.xlsx/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('修改记录')!;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toStrictEqual(['时间', '操作人', '操作', '内容', '修改前', '修改后']);
    const body = rows.slice(1);
    expect(body.map((r) => r[2])).toContain('修改项目');
    expect(body.find((r) => r[3] === '预算数')?.[5]).toBe('795.88 万元');
    expect(body.find((r) => r[3] === '状态' && r[2] === '退回修改')?.slice(4)).toStrictEqual(['已提交', '退回']);
    expect(body.find((r) => r[3] === '意见')?.[5]).toBe('请修改');
    expect(body.find((r) => r[2] === '退回修改')?.[1]).toBe('李四（li）');
    const text = body.flat().join('\n');
    expect(text).not.toMatch(/[{}]|Fen\b|project\.|budget/);
    // filtered as the page is
    const only = await editor.get(`/api/projects/${id}/audit.xlsx?action=project.submit`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(only.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('修改记录')!.rowCount).toBe(2);
  });
});
