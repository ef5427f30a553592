/**
 * Names no account takes (issue 72): the audit log names each change's author by its account's name and username, and
 * a process by its own (`system`, the operator's command line `cli`, the demo and generated data). An account named
 * `system`, or displayed as 安全审计员 without being the auditor, made its entries read as a process's or the auditor's.
 * The usernames of the processes, their display names, and the administrators' role names (but for an account of
 * that role) are reserved; the auditor's page marks a process's entries as such (auditActorName). Pure.
 */
import { ROLE_NAMES, type Role } from './duties';

/** The usernames the processes write in the audit log. */
export const PROCESS_USERNAMES = ['system', 'cli', 'demo', 'generate'] as const;

/** The names the processes are shown by (one-time-code.ts, the form templates' command line, the demo, generate). */
export const PROCESS_DISPLAY_NAMES = ['system', 'cli', 'demo', 'generate', '系统', '命令行', '演示数据', '数据生成', '系统进程'] as const;

/** The roles whose names only their own accounts may be displayed by. */
const ADMINISTRATOR_ROLES: readonly Role[] = ['admin', 'security', 'auditor'];

const fold = (s: string) => s.trim().toLowerCase();

/** Why an account may not have this username, or null. */
export function usernameRefusal(username: string): string | null {
  return (PROCESS_USERNAMES as readonly string[]).includes(fold(username)) ? `用户名“${username.trim()}”是系统进程在审计日志中使用的名称，不能用作账号` : null;
}

/** Why an account of `role` may not be displayed as `displayName`, or null. */
export function displayNameRefusal(displayName: string, role: Role): string | null {
  const name = fold(displayName);
  if ((PROCESS_DISPLAY_NAMES as readonly string[]).includes(name)) return `姓名“${displayName.trim()}”是系统进程在审计日志中使用的名称，不能用作账号的姓名`;
  const taken = ADMINISTRATOR_ROLES.find((r) => r !== role && fold(ROLE_NAMES[r]) === name);
  return taken === undefined ? null : `姓名“${displayName.trim()}”是${ROLE_NAMES[taken]}的角色名称，只有${ROLE_NAMES[taken]}的账号可以使用，以免审计日志中被误认为该角色`;
}
