/**
 * Names that would impersonate (issue 72, item 7), on SQLite and PostgreSQL: an account named `system`, `cli` or `demo`,
 * or displayed as 安全审计员, wrote audit entries that read as a process's or the auditor's. Those usernames and the
 * processes' names are refused to every account, an administrator's role name to every account but one of that role
 * (the API and the operator's `jixiao accounts add` alike); the auditor's page and export mark a process's entries as
 * a process's.
 */
import { describe, expect, it } from 'vitest';
import { addAdministrator } from '../../src/server/modules/users/users.service';
import { auditActorName } from '../../src/shared/audit/history';
import { dataSnapshot } from './route-driver';
import { startTestApp } from './support';

describe('reserved names', () => {
  it('the system administrator cannot make an account named like a process, nor displayed as an administrator role', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin');
    const before = await dataSnapshot(t.db);
    for (const [body, message] of [
      [{ username: 'system', displayName: '张三' }, '用户名“system”是系统进程在审计日志中使用的名称，不能用作账号'],
      [{ username: 'cli', displayName: '张三' }, '用户名“cli”是系统进程在审计日志中使用的名称，不能用作账号'],
      [{ username: 'demo', displayName: '张三' }, '用户名“demo”是系统进程在审计日志中使用的名称，不能用作账号'],
      [{ username: 'zhangsan', displayName: '安全审计员' }, '姓名“安全审计员”是安全审计员的角色名称，只有安全审计员的账号可以使用，以免审计日志中被误认为该角色'],
      [{ username: 'zhangsan', displayName: 'System' }, '姓名“System”是系统进程在审计日志中使用的名称，不能用作账号的姓名'],
      [{ username: 'zhangsan', displayName: '命令行' }, '姓名“命令行”是系统进程在审计日志中使用的名称，不能用作账号的姓名'],
    ] as const) {
      const res = await admin.post('/api/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().message).toBe(message);
    }
    expect(await dataSnapshot(t.db)).toStrictEqual(before);
    // renaming to one: refused; the auditor keeps its own role's name
    const made = await admin.post('/api/users', { username: 'zhangsan', displayName: '张三' });
    expect(made.statusCode, made.body).toBe(200);
    const id = made.json().account.id as number;
    expect((await admin.patch(`/api/users/${id}`, { displayName: '安全管理员' })).json().message).toBe('姓名“安全管理员”是安全管理员的角色名称，只有安全管理员的账号可以使用，以免审计日志中被误认为该角色');
    expect((await admin.patch(`/api/users/${id}`, { displayName: 'system' })).statusCode).toBe(400);
    const auditor = await t.client('auditor', { displayName: '审计员甲' });
    const security = await t.client('security');
    const renamed = await security.patch(`/api/users/${auditor.user!.id}`, { displayName: '安全审计员' });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });

  it('the operator: jixiao accounts add refuses the same', async () => {
    const t = await startTestApp();
    await expect(addAdministrator(t.db, 'system', 'admin', '系统管理员')).rejects.toThrow('用户名“system”是系统进程在审计日志中使用的名称，不能用作账号');
    await expect(addAdministrator(t.db, 'admin2', 'admin', '安全审计员')).rejects.toThrow('只有安全审计员的账号可以使用');
    expect((await addAdministrator(t.db, 'admin2', 'admin', '系统管理员')).username).toBe('admin2');
  });

  it("the auditor's page tells a process's entries from a person's", async () => {
    const t = await startTestApp();
    const admin = await t.client('admin', { username: 'zhang', displayName: '张三' });
    await admin.post('/api/users', { username: 'li', displayName: '李四' });
    // the operator's command line writes as the process `system`
    await addAdministrator(t.db, 'auditor2', 'auditor', '安全审计员');
    const auditor = await t.client('auditor');
    const log = (await auditor.get('/api/audit/log?pageSize=100')).json().items as { actor: string; actorUsername: string | null; actorUserId: number | null; action: string }[];
    const names = log.filter((e) => e.action === 'user.create').map(auditActorName).sort();
    expect(names).toStrictEqual(['张三（zhang）', '系统进程：system'].sort());
  });
});
