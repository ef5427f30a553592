/**
 * `jixiao forms list | show | export | import` (表样, issue 54): the form templates kept in the database, for the
 * operator and for a province handing its forms to every county; and `--profile FILE` for `jixiao parse` and
 * `jixiao import` (templatesFor). A file of templates is data, checked as the API checks it: a malformed or
 * hostile one is refused with the place of its first problem and stores nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { FormTemplate } from '../../shared/domain/form-template';
import { describeHeader, TEMPLATE_LABEL_FIELD_NAMES, TEMPLATE_ROW_KIND_LABELS } from '../../shared/domain/form-template';
import { GRID_ROLE_LABELS } from '../../shared/domain/table-grid';
import { FORM_TEMPLATE_FILE_KIND, FORM_TEMPLATE_STATUS_LABELS } from '../../shared/api/form-templates';
import { isRegionCode } from '../../shared/domain/region';
import type { Db } from '../db/schema';
import { AppError } from '../app/errors';
import { DocumentReadError } from '../importers/errors';
import type { CliContext } from './ex-ante-command';

const service = () => import('../modules/form-templates/form-templates.service');
const textReader = () => import('../importers/txt/read-text');

/**
 * The templates a file gives (refused with its problem as a usage error). Its encoding is told as the text reader
 * tells a document's (importers/txt/read-text.ts decodeText): a byte order mark, else UTF-8 when the bytes are
 * valid UTF-8, else GB18030 (GBK) — issue 72: a GBK file was stored as mojibake, a UTF-8 file with a BOM refused.
 */
export async function readProfile(path: string, ctx: Pick<CliContext, 'usage'>): Promise<FormTemplate[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw ctx.usage(`无法读取表样文件 ${path}：${code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '是一个目录' : code === 'EACCES' ? '没有读取权限' : `无法读取（${code ?? '未知原因'}）`}`);
  }
  let value: unknown;
  try {
    value = JSON.parse((await textReader()).decodeText(bytes, path).text);
  } catch (e) {
    if (e instanceof DocumentReadError) throw ctx.usage(`无法读取表样文件 ${e.toOneLine()}`);
    throw ctx.usage(`无法读取表样文件 ${path}：${e instanceof SyntaxError ? '不是 JSON 文件' : '内容无法解析'}`);
  }
  const checked = (await service()).fileProblem(value);
  if ('problem' in checked) throw ctx.usage(`表样文件 ${path} 有误：${checked.problem}`);
  return checked.file.templates as FormTemplate[];
}

/** The templates to read with: a file's (--profile) first, then those stored in the database (when there is one). */
export async function templatesFor(db: Db | null, profile: string | undefined, ctx: Pick<CliContext, 'usage'>): Promise<FormTemplate[]> {
  const given = profile === undefined ? [] : await readProfile(profile, ctx);
  const stored = db === null ? [] : await (await service()).templatesForReading(db, 'cli');
  return [...given, ...stored];
}

function regionOption(value: string | undefined, ctx: CliContext): string | null {
  if (value === undefined) return null;
  if (!isRegionCode(value)) throw ctx.usage(`区划代码应为六位数字：${value}`);
  return value;
}

/** A service's refusal (AppError) as the command's message (after `file`, the file it names) and exit code 1. */
async function refusing(ctx: CliContext, work: () => Promise<void>, file = ''): Promise<void> {
  try {
    await work();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    ctx.out(`${file}${e.message}`);
    ctx.setExit(1);
  }
}

export function addFormsCommand(program: Command, ctx: CliContext): void {
  const forms = program.command('forms').description('表样：导入预览中更正过的表格形式，此后同一表样的文档按它读取');
  forms
    .command('list')
    .description('列出数据库中的表样')
    .addOption(ctx.dbOption())
    .action(async (opts: { db?: string }) => {
      await ctx.withDatabase(
        opts.db,
        async (db) => {
          const items = await (await service()).listTemplates(db, 'cli');
          if (items.length === 0) ctx.out('还没有表样：在导入预览中更正表格后保存，或用 jixiao forms import 文件 导入');
          for (const i of items) ctx.out(`${i.id}. ${i.name}（${i.regionName}，${FORM_TEMPLATE_STATUS_LABELS[i.status]}）表头：${i.header}`);
        },
        { existing: true },
      );
    });
  forms
    .command('show')
    .description('显示一个表样：表头、各列的读法、行和栏目的设置')
    .argument('<编号>', '表样编号（jixiao forms list 所列）')
    .addOption(ctx.dbOption())
    .action(async (id: string, opts: { db?: string }) => {
      if (!/^\d+$/.test(id)) throw ctx.usage(`表样编号应为数字：${id}`);
      await ctx.withDatabase(
        opts.db,
        async (db) =>
          refusing(ctx, async () => {
            const d = await (await service()).showTemplate(db, 'cli', Number(id));
            const t = d.template;
            ctx.out(`${d.name}（${d.regionName}，${FORM_TEMPLATE_STATUS_LABELS[d.status]}，${d.createdBy} 保存于 ${d.createdAt.slice(0, 10)}）`);
            ctx.out(`指标表头（${t.header.length} 行）：${describeHeader(t.header)}`);
            for (const c of t.columns) ctx.out(`  列 ${c.path.join('›')}：${GRID_ROLE_LABELS[c.role]}`);
            for (const r of t.rows) ctx.out(`  以“${r.text}”开头的行：${TEMPLATE_ROW_KIND_LABELS[r.kind]}`);
            for (const l of t.labels) ctx.out(`  栏目“${l.text}”：${TEMPLATE_LABEL_FIELD_NAMES[l.field]}`);
            if (t.nameFromHeading !== null) ctx.out(`  项目名称：取自表格上方的标题${t.nameFromHeading.prefix || t.nameFromHeading.suffix ? `（去掉“${t.nameFromHeading.prefix}”和“${t.nameFromHeading.suffix}”）` : ''}`);
          }),
        { existing: true },
      );
    });
  forms
    .command('export')
    .description('导出使用中的表样为 JSON 文件（可交给其他地区用 jixiao forms import 导入）')
    .requiredOption('-o, --output <文件>', '输出文件（.json）')
    .addOption(ctx.dbOption())
    .action(async (opts: { db?: string; output: string }) => {
      await ctx.withDatabase(
        opts.db,
        async (db) =>
          refusing(ctx, async () => {
            // every file one that `forms import` takes (issue 72): at most a file's limit each, one template per header
            const { files, sameHeader } = await (await service()).exportTemplateFiles(db, 'cli');
            const names = files.length === 1 ? [opts.output] : files.map((_, k) => opts.output.replace(/(\.json)?$/i, `-${k + 1}$1`));
            for (const [k, file] of files.entries()) await writeFile(names[k]!, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
            const count = files.reduce((n, f) => n + f.templates.length, 0);
            ctx.out(`已导出 ${count} 个表样到 ${files.length === 1 ? opts.output : `${files.length} 个文件（每个最多 ${files[0]!.templates.length} 个）：${names.join('、')}`}`);
            if (sameHeader > 0) ctx.out(`另有 ${sameHeader} 个表样与已导出的表样表头相同（其他区划的），未导出：一个文件中同一表头只能有一个表样`);
          }),
        { existing: true },
      );
    });
  forms
    .command('import')
    .description('从 JSON 文件导入表样（全部导入或全部不导入；与同一区划现有表样表头相同则拒绝）')
    .argument('<文件>', '表样文件（jixiao forms export 或系统中导出的）')
    .option('--region <区划代码>', '表样所属区划（其下级区划适用）；不给时适用于全辖区')
    .addOption(ctx.dbOption())
    .action(async (path: string, opts: { db?: string; region?: string }) => {
      const region = regionOption(opts.region, ctx);
      // checked before the database is opened: a malformed file is a usage error (exit 2), naming its problem
      const templates = await readProfile(path, ctx);
      await ctx.withDatabase(opts.db, async (db) =>
        refusing(
          ctx,
          async () => {
            const s = await service();
            const created = await s.importTemplates(db, s.cliKeeper(region), { kind: FORM_TEMPLATE_FILE_KIND, version: 1, templates }, { now: new Date() });
            ctx.out(`已导入 ${created.length} 个表样：${created.map((c) => `${c.id}. ${c.name}`).join('，')}`);
          },
          `表样文件 ${path}：`,
        ),
      );
    });
}
