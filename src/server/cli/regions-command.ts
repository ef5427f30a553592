/**
 * `jixiao regions import FILE | list`: the region tree from a file for a whole province (CSV of
 * 区划代码,名称 or JSON [{code, name}]; parents derived from the codes), in one transaction; a
 * file with any error loads nothing and every error names its line.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { REGION_LEVEL_LABELS } from '../../shared/domain/region';
import { listRegions } from '../db/region.repository';
import { importRegions, RegionFileError } from '../modules/regions/regions.service';
import type { CliContext } from './ex-ante-command';

export function addRegionsCommand(program: Command, ctx: CliContext): void {
  const regions = program.command('regions').description('区划：导入全省区划树（省、市、县区），列出区划');
  regions
    .command('import')
    .description('从文件导入区划（CSV：每行“区划代码,名称”；或 JSON：[{"code":"130000","name":"河北省"}]）；上级由代码推出，已有区划更名，不删除')
    .argument('<文件>', '区划文件')
    .addOption(ctx.dbOption())
    .action(async (file: string, opts: { db?: string }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        throw ctx.usage(`无法读取 ${file}：${(e as Error).message}`);
      }
      await ctx.withDatabase(opts.db, async (db) => {
        try {
          const r = await importRegions(db, text, { actor: 'cli', now: new Date() });
          ctx.out(`区划已导入：共 ${r.total} 个，新增 ${r.added}，更新 ${r.updated}，未变 ${r.unchanged}`);
        } catch (e) {
          if (!(e instanceof RegionFileError)) throw e;
          for (const issue of e.issues) ctx.out(`${file}: ${issue.message}`);
          ctx.out('区划文件有误，未导入任何区划');
          ctx.setExit(1);
        }
      });
    });
  regions
    .command('list')
    .description('列出区划树')
    .addOption(ctx.dbOption())
    .action(async (opts: { db?: string }) => {
      await ctx.withDatabase(
        opts.db,
        async (db) => {
          const all = await listRegions(db);
          if (all.length === 0) ctx.out('还没有区划：用 jixiao regions import 文件 导入');
          const depth = (level: keyof typeof REGION_LEVEL_LABELS) => (level === 'province' ? 0 : level === 'city' ? 1 : 2);
          for (const r of all) ctx.out(`${'  '.repeat(depth(r.level))}${r.code} ${r.name}（${REGION_LEVEL_LABELS[r.level]}）`);
        },
        { existing: true },
      );
    });
}
