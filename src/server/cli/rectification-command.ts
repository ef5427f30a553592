/**
 * `jixiao rectification list`: the 整改 items in the terminal, for the bureau (every department)
 * or one department (--department 编码或名称); --overdue for the open ones past their deadline
 * (today in China, or --today), --open for all not yet done, --status for one state; --json for
 * scripts. Read-only: items are made and moved in the web app (each change by a signed-in person,
 * audited).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { RECTIFICATION_SOURCE_LABELS, RECTIFICATION_STATUS_LABELS, chinaToday, dayNumber, type RectificationDisplayStatus } from '../../shared/domain/rectification';
import type { RectificationItem } from '../../shared/api/rectification';
import type { Db } from '../db/database';
import { jsonText, table } from './render';

export interface RectificationCliDeps {
  withDatabase: <T>(path: string | undefined, work: (db: Db) => Promise<T>, opts?: { existing?: boolean }) => Promise<T>;
  out: (s: string) => void;
  /** A usage problem: exit code 2. */
  usage: (message: string) => Error;
  setExit: (code: number) => void;
  dbOption: () => Option;
}

interface ListOptions {
  db?: string;
  department?: string;
  overdue?: boolean;
  open?: boolean;
  status?: string;
  year?: string;
  today?: string;
  json?: boolean;
}

const STATUS_WORDS: Record<string, RectificationDisplayStatus> = {
  待整改: 'pending',
  整改中: 'in-progress',
  已整改: 'done',
  已销号: 'closed',
  逾期: 'overdue',
  pending: 'pending',
  'in-progress': 'in-progress',
  done: 'done',
  closed: 'closed',
  overdue: 'overdue',
};

/** The items as a terminal table: overdue ones say by how many days. */
export function renderRectifications(items: readonly RectificationItem[], total: number, today: string): string {
  if (items.length === 0) return `没有符合条件的整改事项（今天 ${today}）`;
  const t = table([1, 3, 4, 2, 6, 2, 2]);
  t.push(['编号', '单位', '项目', '来源', '问题', '整改期限', '状态']);
  for (const i of items) {
    const status =
      i.displayStatus === 'overdue'
        ? `逾期 ${i.daysOverdue} 天`
        : `${RECTIFICATION_STATUS_LABELS[i.displayStatus]}${i.lateDays > 0 ? `（逾期 ${i.lateDays} 天完成）` : ''}`;
    const problem = i.sourceText.length > 80 ? `${i.sourceText.slice(0, 80)}…` : i.sourceText;
    t.push([String(i.id), i.departmentName, i.projectName, RECTIFICATION_SOURCE_LABELS[i.sourceKind], problem, i.deadline, status]);
  }
  const overdue = items.filter((i) => i.displayStatus === 'overdue').length;
  return `${t.toString()}\n共 ${total} 项${total > items.length ? `（显示前 ${items.length} 项）` : ''}，其中逾期 ${overdue} 项（今天 ${today}）`;
}

async function listCommand(deps: RectificationCliDeps, opts: ListOptions): Promise<number> {
  const status = opts.status === undefined ? undefined : STATUS_WORDS[opts.status];
  if (opts.status !== undefined && status === undefined) throw deps.usage(`未知的状态“${opts.status}”：可用 待整改、整改中、已整改、已销号、逾期`);
  if (opts.today !== undefined && dayNumber(opts.today) === null) throw deps.usage(`--today 应为有效日期（YYYY-MM-DD），收到“${opts.today}”`);
  const year = opts.year === undefined ? undefined : Number(opts.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw deps.usage(`--year 应为年度（如 2025），收到“${opts.year}”`);
  return deps.withDatabase(
    opts.db,
    async (db) => {
      const { findDepartmentByCode, findDepartmentsByName } = await import('../db/document.repository');
      const { listRectifications } = await import('../db/rectification.repository');
      const { presentItem } = await import('../modules/rectification/rectification.service');
      let departmentId: number | undefined;
      if (opts.department !== undefined) {
        const byCode = await findDepartmentByCode(db, opts.department);
        const found = byCode ? [byCode] : await findDepartmentsByName(db, opts.department);
        if (found.length === 0) throw deps.usage(`没有找到单位“${opts.department}”（按单位编码或全称查找）`);
        if (found.length > 1) throw deps.usage(`“${opts.department}”对应 ${found.length} 个单位，请用单位编码指定`);
        departmentId = found[0]!.id;
      }
      const today = opts.today ?? chinaToday(new Date());
      const filter = {
        ...(departmentId !== undefined ? { departmentId } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(opts.overdue ? { overdue: true } : {}),
        ...(opts.open ? { open: true } : {}),
      };
      const { items, total } = await listRectifications(db, filter, today, { offset: 0, limit: 1000 });
      const shown = items.map((i) => presentItem(i, today));
      if (opts.json) deps.out(jsonText({ today, total, items: shown }));
      else deps.out(renderRectifications(shown, total, today));
      return 0;
    },
    { existing: true },
  );
}

/** Adds `jixiao rectification list` to the program. */
export function addRectificationCommand(program: Command, deps: RectificationCliDeps): void {
  const command = program.command('rectification').description('整改事项（审核发现、监控偏差、自评问题的整改）');
  command
    .command('list')
    .description('列出整改事项：未完成的按整改期限在前，逾期的注明天数')
    .option('--overdue', '只列出逾期的（未完成且已过整改期限）')
    .option('--open', '只列出未完成的（待整改、整改中，含逾期）')
    .option('--status <状态>', '只列出该状态：待整改、整改中、已整改、已销号、逾期')
    .option('--department <单位>', '只列出该单位的（单位编码或全称）')
    .option('--year <年度>', '只列出该年度项目的')
    .option('--today <日期>', '按这一天判断是否逾期（YYYY-MM-DD，默认今天）')
    .option('--json', '输出 JSON：{ "today", "total", "items": [ … ] }')
    .addOption(deps.dbOption())
    .action(async (opts: ListOptions) => deps.setExit(await listCommand(deps, opts)));
}
