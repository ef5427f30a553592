/**
 * Control characters at the edge (issue 72, item 4), the same on SQLite and PostgreSQL: a NUL gave PostgreSQL's 500 to
 * anonymous users too (sign-in name, public search), and to editors (project fields, comments, file names); on SQLite
 * it was stored, and an escape sequence reached the operator's terminal through `jixiao list` / `show`. Now every
 * JSON body, query and path parameter with a control character (U+0000–U+001F but tab, line feed and carriage
 * return; U+007F–U+009F) is refused 400 naming the field, before anything is written; an uploaded file's name loses
 * them (and the invisible characters of clean-text.ts); text with tabs and line breaks is as before.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/server/db/document.repository';
import { projectToInput } from '../../src/shared/api/project-input';
import { importFixture } from './domain-support';
import { dataSnapshot } from './route-driver';
import { startTestApp } from './support';

describe('a control character in a request', () => {
  it('the anonymous: the sign-in name and the public search refused 400, nothing written (no sign-in record)', async () => {
    const t = await startTestApp();
    await importFixture(t.db, 'f000');
    const anonymous = t.client();
    const before = await dataSnapshot(t.db);
    const login = await anonymous.post('/api/auth/login', { username: 'adm\u0000in', password: 'whatever-password' });
    expect(login.statusCode, login.body).toBe(400);
    expect(login.json()).toMatchObject({ code: 'validation', message: '请求内容有误：用户名：不能含有控制字符（U+0000）' });
    for (const url of ['/api/public/projects?q=%00', '/api/public/departments?q=a%1Bb', '/api/public/projects?q=%C2%9B']) {
      const res = await anonymous.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().message, url).toMatch(/^请求内容有误：.*不能含有控制字符（U\+00(00|1B|9B)）$/);
    }
    expect(await dataSnapshot(t.db)).toStrictEqual(before);
  });

  it("an editor's project save and a reviewer's comment: refused naming the field; tabs and line breaks are text", async () => {
    const t = await startTestApp();
    const fx = await importFixture(t.db, 'f000');
    const id = fx.projectIds[0]!;
    const editor = await t.client('editor', { departmentId: fx.departmentId });
    const reviewer = await t.client('reviewer');
    const input = projectToInput((await loadProject(t.db, id))!);
    const before = await dataSnapshot(t.db);
    const save = await editor.put(`/api/projects/${id}`, { version: 1, project: { ...input, name: '社区服务\u0000经费' } });
    expect(save.statusCode, save.body.slice(0, 300)).toBe(400);
    expect(save.json().issues).toStrictEqual([{ path: 'project.name', message: '不能含有控制字符（U+0000）' }]);
    const indicator = await editor.put(`/api/projects/${id}`, { version: 1, project: { ...input, indicators: input.indicators.map((i, n) => (n === 1 ? { ...i, targetRaw: '≥95\u001b[2J%' } : i)) } });
    expect(indicator.json().issues).toStrictEqual([{ path: 'project.indicators.1.targetRaw', message: '不能含有控制字符（U+001B）' }]);
    expect(await dataSnapshot(t.db)).toStrictEqual(before);
    // a comment: ESC refused, a tab and line breaks kept
    await t.db.updateTable('project').set({ status: 'submitted' }).where('id', '=', id).execute();
    const comment = await reviewer.post(`/api/projects/${id}/actions`, { action: 'return', version: 1, comment: '请修改\u001b]0;owned\u0007' });
    expect(comment.statusCode).toBe(400);
    expect(comment.json().issues).toStrictEqual([{ path: 'comment', message: '不能含有控制字符（U+001B）' }]);
    const plain = await reviewer.post(`/api/projects/${id}/actions`, { action: 'return', version: 1, comment: '第一条：\t目标不明确\r\n第二条：指标缺失' });
    expect(plain.statusCode, plain.body).toBe(200);
  });

  it("an uploaded file's name loses its control and invisible characters", async () => {
    const t = await startTestApp();
    const fx = await importFixture(t.db, 'f000');
    const editor = await t.client('editor', { departmentId: fx.departmentId });
    const res = await editor.upload('/api/imports/preview', [{ filename: '目标\u0000表\u202E.txt', data: '不是绩效目标表的文字\n' }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().files.map((f: { file: string }) => f.file)).toStrictEqual(['目标表.txt']);
  });
});
