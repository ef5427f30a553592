/**
 * `jixiao accounts list | add | code`: the operator's part in 三员分立 (issue 57). The administrators'
 * accounts (系统管理员, 安全管理员, 安全审计员) are made here — never through the API, so that no
 * administrator makes another — and an administrator's forgotten password gets its one-time code
 * here, since no administrator may give another one. Any account may get a code here (it is also
 * enabled and unlocked): the way back when every administrator is locked out. Audited as 'system'.
 */
import { Option, type Command } from 'commander';
import type { UserAccount } from '../../shared/api/auth';
import { ADMINISTRATOR_ROLES, ROLE_NAMES, type Role } from '../../shared/domain/duties';
import { AppError } from '../app/errors';
import { addAdministrator, issueOperatorCode, listAccounts } from '../modules/users/users.service';
import type { CliContext } from './ex-ante-command';
import { renderOneTimeCodes, table } from './render';

const ROLE_OPTIONS: Record<string, Role> = { admin: 'admin', security: 'security', auditor: 'auditor' };

/** Runs `work`; a refusal of the services (an AppError: a taken username, none such, a refused withdrawal) is the operator's mistake: a usage error. */
export function refusalsAsUsage(ctx: CliContext): (work: () => Promise<void>) => Promise<void> {
  return async (work) => {
    try {
      await work();
    } catch (e) {
      if (e instanceof AppError && e.status < 500) throw ctx.usage(e.message);
      throw e;
    }
  };
}

/** An account's state in words; the auditor's account asked to be disabled says by whom (issue 72: the operator is told). */
function accountState(a: UserAccount): string {
  if (a.disabled) return '已停用';
  if (a.disableRequestedBy !== null) return `待停用（${a.disableRequestedBy} 申请，待系统管理员同意）`;
  return a.codeExpiresAt ? '待首次登录' : '正常';
}

export function addAccountsCommand(program: Command, ctx: CliContext): void {
  const accounts = program.command('accounts').description('账号（运维人员）：列出账号，建立管理员账号，发放一次性密码');
  const asUsage = refusalsAsUsage(ctx);
  accounts
    .command('list')
    .description('列出全部账号：用户名、姓名、角色、状态')
    .addOption(ctx.dbOption())
    .action(async (opts: { db?: string }) => {
      await ctx.withDatabase(
        opts.db,
        async (db) => {
          const t = table([2, 2, 2, 2]);
          t.push(['用户名', '姓名', '角色', '状态']);
          for (const a of await listAccounts(db)) t.push([a.username, a.displayName, ROLE_NAMES[a.role], accountState(a)]);
          ctx.out(t.toString());
        },
        { existing: true },
      );
    });
  accounts
    .command('add')
    .description('建立管理员账号（系统管理员、安全管理员或安全审计员），打印其一次性密码；其他账号由系统管理员在网页上建立')
    .argument('<用户名>', '新账号的用户名')
    .addOption(new Option('--role <角色>', '管理员角色').choices(Object.keys(ROLE_OPTIONS)).makeOptionMandatory())
    .option('--name <姓名>', '姓名（默认：角色名称）')
    .addOption(ctx.dbOption())
    .action(async (username: string, opts: { role: string; name?: string; db?: string }) => {
      const role = ROLE_OPTIONS[opts.role]!;
      if (!ADMINISTRATOR_ROLES.includes(role)) throw ctx.usage(`--role 应为 ${Object.keys(ROLE_OPTIONS).join('、')}`);
      await ctx.withDatabase(opts.db, (db) => asUsage(async () => ctx.out(renderOneTimeCodes([await addAdministrator(db, username, role, opts.name ?? ROLE_NAMES[role])]))));
    });
  accounts
    .command('code')
    .description('为账号发放新的一次性密码（管理员账号只能这样重置）：账号的会话全部结束，停用或锁定的账号恢复可用')
    .argument('<用户名>', '账号的用户名')
    .addOption(ctx.dbOption())
    .action(async (username: string, opts: { db?: string }) => {
      await ctx.withDatabase(opts.db, (db) => asUsage(async () => ctx.out(renderOneTimeCodes([await issueOperatorCode(db, username)]))), { existing: true });
    });
}
