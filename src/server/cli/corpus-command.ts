/**
 * `jixiao corpus DIR... [--json] [--threads N]` (issue 68): every document of a folder read as an import reads it,
 * in the parse pool's workers side by side, with a progress bar, and audited (modules/corpus/audit.ts): per
 * document and in total the target tables found, read certain, doubted, refused, the checks that failed, the
 * time. Exit 1 when any check failed.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { AUDIT_FAILURES, type DocumentAudit } from '../modules/corpus/audit';
import type { CorpusReport } from '../modules/corpus/corpus.service';
import { collectFiles } from './collect-files';
import type { CliContext } from './ex-ante-command';

/** One document's line: its tables, its list, its failures, its time. */
export function documentLine(d: DocumentAudit): string {
  const head = `${d.file}（${d.seconds.toFixed(1)} 秒）`;
  if (d.refused !== null) return `${head}：未读取——${d.refused}${d.holdsTargets ? `（但文中有 ${d.evidenceRows} 行像绩效目标表）` : ''}`;
  const t = d.tables;
  const tables = `${d.year ?? '年度不明'}年，项目表 ${t.projects} 张（确定 ${t.certain}，存疑 ${t.doubted}），部门整体表 ${t.whole} 张`;
  const list = d.list === null ? '无项目清单' : `项目清单“${d.list.title}”${d.list.listed} 项：相符 ${d.list.matched}，不符 ${d.list.mismatched}，目标表未列入清单 ${d.list.tablesNotListed}`;
  return `${head}：${tables}；${list}`;
}

export function renderCorpus(report: CorpusReport, out: (line: string) => void): void {
  for (const d of report.documents) {
    out(documentLine(d));
    for (const f of d.failures) out(`  ✗ ${AUDIT_FAILURES[f.code]}：${f.message}${f.line !== null ? `（第 ${f.line} 行）` : ''}`);
  }
  const t = report.totals;
  out('');
  out(`共 ${t.documents} 个文档（文中有绩效目标表的 ${t.withTargets} 个），未读取 ${t.refused} 个（其中文中有绩效目标表的 ${t.refusedWithTargets} 个）`);
  out(`项目表 ${t.projects} 张：确定 ${t.certain}，存疑 ${t.doubted}；部门整体表 ${t.whole} 张`);
  out(`有项目清单的文档 ${t.withList} 个：目标表金额与清单相符 ${t.matched}，不符 ${t.mismatched}`);
  const failures = Object.entries(t.failures);
  out(failures.length === 0 ? '所有检查均通过' : `未通过的检查（${t.failing} 个文档）：${failures.map(([code, n]) => `${AUDIT_FAILURES[code as keyof typeof AUDIT_FAILURES]} ${n} 处`).join('；')}`);
  out(`用时 ${t.seconds.toFixed(1)} 秒（各文档读取共 ${t.readingSeconds.toFixed(1)} 秒，平均每个 ${(t.readingSeconds / Math.max(1, t.documents)).toFixed(2)} 秒）`);
}

export function addCorpusCommand(program: Command, ctx: CliContext): void {
  program
    .command('corpus')
    .description('读取并核查一批真实文档（不写数据库）：每个文档的绩效目标表（确定、存疑、未读取）、与项目清单的金额核对、未通过的检查和用时；有检查未通过时退出码为 1')
    .argument('<目录...>', '文档目录或文件')
    .option('--json', '以 JSON 输出：{ "documents": [ … ], "totals": { … } }')
    .option('--threads <n>', '同时读取的文档数（默认 CPU 核数）')
    .option('-q, --quiet', '不显示进度条')
    .action(async (paths: string[], opts: { json?: boolean; threads?: string; quiet?: boolean }) => {
      const threads = opts.threads === undefined ? undefined : Number(opts.threads);
      if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) throw ctx.usage(`--threads 须为 1–64 的整数，而不是“${opts.threads}”`);
      const { files, skipped } = await collectFiles(paths);
      for (const s of skipped) process.stderr.write(`跳过 ${s.path}：${s.reason}\n`);
      if (files.length === 0) throw ctx.usage('没有可读取的文档');
      const bar = opts.quiet
        ? null
        : new cliProgress.SingleBar({ format: '读取 [{bar}] {value}/{total} 个文档 {file}', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true }, cliProgress.Presets.shades_classic);
      bar?.start(files.length, 0, { file: '' });
      const { auditCorpus } = await import('../modules/corpus/corpus.service');
      const report = await auditCorpus(files, { ...(threads !== undefined ? { threads } : {}), onDocument: (d, done) => bar?.update(done, { file: d.file }) });
      bar?.stop();
      if (opts.json) ctx.out(JSON.stringify({ documents: report.documents, totals: report.totals }, null, 1));
      else renderCorpus(report, ctx.out);
      ctx.setExit(report.totals.failing > 0 ? 1 : 0);
    });
}
