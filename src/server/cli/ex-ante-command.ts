/**
 * `jixiao ex-ante list | show | export`: 事前绩效评估 from the terminal, in Chinese. Read-only: the
 * assessments are written in the web app (or through the API), where roles and the workflow apply.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { ExAnteList, ExAnteView } from '../../shared/api/ex-ante';
import { CONCLUSION_LABELS, EX_ANTE_STATUSES, EX_ANTE_STATUS_LABELS, formatTenths, type ExAnteStatus } from '../../shared/domain/ex-ante';
import type { Db } from '../db/database';
import { jsonText, table, wan, widest } from './render';

/** What main.ts lends the subcommands: its database opener, usage error, output and exit code. */
export interface CliContext {
  withDatabase<T>(path: string | undefined, work: (db: Db) => Promise<T>, opts?: { existing?: boolean }): Promise<T>;
  usage(message: string): Error;
  out(line: string): void;
  setExit(code: number): void;
  dbOption(): Option;
}

const pts = (p: number | null) => (p === null ? '—' : formatTenths(Math.round(p * 10)));

/** Widths for the columns that must not wrap (codes, amounts, short labels): their widest content. */
function fixedColumns(head: string[], rows: string[][], columns: number[]): (number | undefined)[] {
  return head.map((_, c) => (columns.includes(c) ? widest([head[c]!, ...rows.map((r) => r[c]!)]) : undefined));
}

export function renderExAnteList(list: ExAnteList): string {
  if (list.year === null) return '数据库中还没有项目。';
  const c = list.counts;
  const lines = [
    `${list.year}年事前绩效评估：需评估项目 ${c.needed} 个（未填写 ${c.neededWithout} 个）；草稿 ${c.draft}，已提交 ${c.submitted}，退回 ${c.returned}，已审核 ${c.approved}`,
  ];
  if (list.items.length > 0) {
    const head = ['单位', '项目编码', '项目名称', '预算数\n（万元）', '状态', '总分', '结论'];
    const rows = list.items.map((i) => [i.departmentName, i.code ?? '', i.name, wan(i.budgetFen), i.status ? EX_ANTE_STATUS_LABELS[i.status] : '', pts(i.totalPoints), i.conclusion ? CONCLUSION_LABELS[i.conclusion] : '']);
    const t = table([3, 0, 4, 0, 0, 0, 0], fixedColumns(head, rows, [1, 3, 4, 5, 6]));
    t.push(head);
    for (const r of rows) t.push([r[0]!, r[1]!, r[2]!, { content: r[3]!, hAlign: 'right' }, r[4]!, { content: r[5]!, hAlign: 'right' }, r[6]!]);
    lines.push(t.toString());
  }
  if (list.pending.length > 0) {
    lines.push(`需评估但尚未填写（${list.pending.length} 个）：`);
    const head = ['单位', '项目编码', '项目名称', '预算数\n（万元）', '原因'];
    const rows = list.pending.map((i) => [i.departmentName, i.code ?? '', i.name, wan(i.budgetFen), i.need.label ?? '']);
    const t = table([3, 0, 4, 0, 3], fixedColumns(head, rows, [1, 3]));
    t.push(head);
    for (const r of rows) t.push([r[0]!, r[1]!, r[2]!, { content: r[3]!, hAlign: 'right' }, r[4]!]);
    lines.push(t.toString());
  }
  return lines.join('\n');
}

export function renderExAnte(view: ExAnteView): string {
  const p = view.project;
  const head = [
    `${p.name}（${p.code ?? '无编码'}）　${p.departmentName}　${p.year ?? ''}年　预算 ${wan(p.budgetFen)} 万元`,
    `是否需要事前评估：${view.need.needed ? `是，${view.need.label}` : '否'}`,
  ];
  const a = view.assessment;
  if (a === null) return [...head, '尚未填写事前绩效评估。'].join('\n');
  const t = table([2, 3, 0, 0, 6], [undefined, undefined, 4, 4, undefined]);
  t.push(['评估维度', '评估要点', '分值', '得分', '理由']);
  for (const d of a.dimensions) {
    d.criteria.forEach((k, i) => {
      t.push([
        i === 0 ? `${d.name}\n${pts(d.points)}/${pts(d.maxPoints)}` : '',
        `${k.name}${k.veto ? '（否决项）' : ''}`,
        { content: pts(k.maxPoints), hAlign: 'right' },
        { content: pts(k.points), hAlign: 'right' },
        k.reason ?? '',
      ]);
    });
  }
  return [
    ...head,
    `状态：${EX_ANTE_STATUS_LABELS[a.status]}　填写：${a.createdBy}　最后修改：${a.updatedBy}`,
    t.toString(),
    `总分 ${pts(a.totalPoints)} 分，结论：${CONCLUSION_LABELS[a.conclusion]}${a.rejectedBy.length > 0 ? `（${a.rejectedBy.join('；')}）` : ''}`,
    `结论理由：${a.conclusionReason ?? '（未填写）'}`,
    ...(a.issues.length > 0 ? ['待完善：', ...a.issues.map((i) => `  · ${i.message}`)] : []),
    ...a.events.filter((e) => e.comment).map((e) => `${e.actor}（${EX_ANTE_STATUS_LABELS[e.toStatus as ExAnteStatus] ?? e.toStatus}）：${e.comment}`),
  ].join('\n');
}

/** The one project a query names (code or name), or a usage error listing the candidates. */
async function oneProject(db: Db, query: string, ctx: CliContext): Promise<number> {
  const { findProjects } = await import('../db/document.repository');
  const { projects } = await findProjects(db, query);
  if (projects.length === 0) throw ctx.usage(`没有找到项目“${query}”（按项目编码或名称查找）`);
  if (projects.length > 1) {
    throw ctx.usage(`“${query}”对应 ${projects.length} 个项目，请用项目编码指定：${projects.slice(0, 10).map((p) => `${p.code ?? ''} ${p.name}`).join('；')}`);
  }
  return projects[0]!.projectId;
}

export function addExAnteCommand(program: Command, ctx: CliContext): void {
  const service = () => import('../modules/ex-ante/ex-ante.service');
  const command = program.command('ex-ante').description('事前绩效评估：列出一个年度的评估和需评估的项目、显示一个项目的评估表、导出评估报告（Word）');
  command
    .command('list')
    .description('列出一个年度的事前绩效评估（按状态计数）和需评估但尚未填写的项目')
    .option('--year <年度>', '预算年度（默认最近的年度）')
    .addOption(new Option('--status <状态>', '只列出该状态').choices([...EX_ANTE_STATUSES]))
    .option('--department <单位编码>', '只列出该单位')
    .option('--json', '以 JSON 输出（同 GET /api/ex-ante）')
    .addOption(ctx.dbOption())
    .action(async (opts: { year?: string; status?: ExAnteStatus; department?: string; json?: boolean; db?: string }) => {
      const year = opts.year === undefined ? undefined : Number(opts.year);
      if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw ctx.usage(`--year“${opts.year}”应为 2000–2100 的年份`);
      await ctx.withDatabase(
        opts.db,
        async (db) => {
          let departmentId: number | undefined;
          if (opts.department !== undefined) {
            const { findDepartmentByCode } = await import('../db/document.repository');
            const department = await findDepartmentByCode(db, opts.department.trim());
            if (department === undefined) throw ctx.usage(`没有找到单位编码“${opts.department}”`);
            departmentId = department.id;
          }
          const list = await (await service()).listExAnte(db, { year, status: opts.status, departmentId });
          ctx.out(opts.json ? jsonText(list) : renderExAnteList(list));
        },
        { existing: true },
      );
      ctx.setExit(0);
    });
  command
    .command('show')
    .description('显示一个项目的事前绩效评估表：各维度评估要点的分值、得分、理由，总分和结论')
    .argument('<项目>', '项目编码或名称')
    .option('--json', '以 JSON 输出（同 GET /api/projects/:id/ex-ante）')
    .addOption(ctx.dbOption())
    .action(async (query: string, opts: { json?: boolean; db?: string }) => {
      await ctx.withDatabase(
        opts.db,
        async (db) => {
          const view = await (await service()).getExAnte(db, await oneProject(db, query, ctx), null);
          ctx.out(opts.json ? jsonText(view) : renderExAnte(view));
        },
        { existing: true },
      );
      ctx.setExit(0);
    });
  command
    .command('export')
    .description('导出一个项目的事前绩效评估报告（.docx）')
    .argument('<项目>', '项目编码或名称')
    .requiredOption('-o, --output <文件>', '输出文件（.docx）')
    .addOption(ctx.dbOption())
    .action(async (query: string, opts: { output: string; db?: string }) => {
      await ctx.withDatabase(
        opts.db,
        async (db) => {
          const view = await (await service()).getExAnte(db, await oneProject(db, query, ctx), null);
          if (view.assessment === null) throw ctx.usage(`项目“${view.project.name}”尚未填写事前绩效评估`);
          const { exportExAnteDocx } = await import('../modules/ex-ante/ex-ante-docx');
          await writeFile(opts.output, await exportExAnteDocx(view));
          ctx.out(`已导出 ${opts.output}（${view.project.name}事前绩效评估报告，总分 ${pts(view.assessment.totalPoints)} 分，${CONCLUSION_LABELS[view.assessment.conclusion]}）`);
        },
        { existing: true },
      );
      ctx.setExit(0);
    });
}
