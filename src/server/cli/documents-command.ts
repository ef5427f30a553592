/**
 * `jixiao documents list | show | withdraw` (issue 54): the stored documents, one of them with who
 * imported it and what withdrawing it would remove and restore, and 撤回导入 on the command line. The
 * command line is the server's operator: it takes back only what was imported without an account
 * (`jixiao import`, the demo loader) — a document an account imported is withdrawn in the system by
 * that account or its region's 绩效科 — under the same rules as the API (current, nobody has worked
 * on its projects), in the same transaction, audited as 'cli' with the reason.
 */
import type { Command } from 'commander';
import { chinaTime } from '../../shared/audit/history';
import { withdrawalEffectLines } from '../../shared/domain/document-withdrawal';
import { findDepartmentByCode, listDocuments } from '../db/document.repository';
import { listDepartments } from '../db/user.repository';
import { getDocumentDetail, withdrawDocument } from '../modules/documents/documents.service';
import { refusalsAsUsage } from './accounts-command';
import type { CliContext } from './ex-ante-command';
import { table } from './render';

export function addDocumentsCommand(program: Command, ctx: CliContext): void {
  const documents = program.command('documents').description('已导入的文件：列出；显示一个文件（导入人、能否撤回、撤回将删除和恢复什么）；撤回在命令行导入的文件（撤回导入）');
  const asUsage = refusalsAsUsage(ctx);
  const parseId = (text: string): number => {
    if (!/^[1-9]\d{0,9}$/.test(text)) throw ctx.usage(`文件编号“${text}”应为正整数（见 jixiao documents list）`);
    return Number(text);
  };

  documents
    .command('list')
    .description('列出已导入的文件：编号、年度、单位、文件名、项目数、导入时间（默认只列现行版本）')
    .option('--department <单位编码>', '只列出该单位的文件')
    .option('--year <年度>', '只列出该年度的文件')
    .option('--all', '也列出被新导入的版本替换的历史版本')
    .addOption(ctx.dbOption())
    .action(async (opts: { department?: string; year?: string; all?: boolean; db?: string }) => {
      const year = opts.year === undefined ? undefined : Number(opts.year);
      if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) throw ctx.usage(`年度“${opts.year}”应为 2000–2100 之间的整数`);
      await ctx.withDatabase(
        opts.db,
        async (db) => {
          let departmentId: number | undefined;
          if (opts.department !== undefined) {
            const department = await findDepartmentByCode(db, opts.department);
            if (department === undefined) throw ctx.usage(`没有单位编码为“${opts.department}”的单位`);
            departmentId = department.id;
          }
          const names = new Map((await listDepartments(db)).map((d) => [d.id, d.name]));
          const docs = await listDocuments(db, { departmentId, year, currentOnly: opts.all !== true });
          if (docs.length === 0) {
            ctx.out('没有符合条件的文件（先用 jixiao import 导入）');
            return;
          }
          const t = table([1, 1, 4, 5, 1, 2, 1], [6, 6, undefined, undefined, 6, 18, 6]);
          t.push(['编号', '年度', '单位', '文件名', '项目数', '导入时间', '版本']);
          for (const d of docs) {
            t.push([String(d.id), d.year === null ? '—' : String(d.year), d.departmentId === null ? '—' : (names.get(d.departmentId) ?? '—'), d.fileName, String(d.projectCount), chinaTime(d.importedAt), d.isCurrent ? '现行' : '历史']);
          }
          ctx.out(t.toString());
        },
        { existing: true },
      );
    });

  documents
    .command('show')
    .description('显示一个文件：导入人和时间、项目数和指标数；命令行能否撤回它，不能的原因，撤回将删除和恢复什么')
    .argument('<文件编号>', '文件编号（jixiao documents list）')
    .addOption(ctx.dbOption())
    .action(async (id: string, opts: { db?: string }) => {
      const documentId = parseId(id);
      await ctx.withDatabase(
        opts.db,
        (db) =>
          asUsage(async () => {
            const d = await getDocumentDetail(db, 'cli', documentId);
            ctx.out(`文件 ${d.id}：${d.fileName}`);
            ctx.out(`单位：${d.department === null ? '—' : `${d.department.name}${d.department.code === null ? '' : `（${d.department.code}）`}`}　年度：${d.year ?? '—'}　${d.isCurrent ? '现行版本' : '历史版本'}`);
            ctx.out(`导入：${chinaTime(d.importedAt)}，${d.importedBy ?? '（未记录导入人）'}　项目 ${d.projectCount} 个，指标 ${d.indicatorCount} 个`);
            if (d.withdrawal.blocker !== null) {
              ctx.out(`不能撤回：${d.withdrawal.blocker.message}`);
              return;
            }
            ctx.out(`可以撤回（jixiao documents withdraw ${d.id} --reason 理由），撤回将：`);
            for (const line of withdrawalEffectLines({ fileName: d.fileName, ...d.withdrawal }, chinaTime)) ctx.out(`  - ${line}`);
          }),
        { existing: true },
      );
    });

  documents
    .command('withdraw')
    .description('撤回导入：删除在命令行导入、项目都是无人处理过的草稿的现行文件及其项目，恢复被它替换的原版本，删除导入时新建且别无他用的单位；记入审计日志')
    .argument('<文件编号>', '文件编号（jixiao documents list）')
    .requiredOption('--reason <理由>', '撤回理由（必填，最多 500 字）')
    .addOption(ctx.dbOption())
    .action(async (id: string, opts: { reason: string; db?: string }) => {
      const documentId = parseId(id);
      await ctx.withDatabase(
        opts.db,
        (db) =>
          asUsage(async () => {
            const done = await withdrawDocument(db, 'cli', documentId, opts.reason, new Date());
            ctx.out(`已撤回导入：文件 ${done.documentId}“${done.fileName}”，删除 ${done.projects} 个项目、${done.indicators} 个指标`);
            for (const d of done.restored) ctx.out(`  恢复为现行版本：文件 ${d.id}“${d.fileName}”`);
            if (done.removedDepartment !== null) ctx.out(`  删除导入时新建的单位：${done.removedDepartment.name}`);
          }),
        { existing: true },
      );
    });
}
