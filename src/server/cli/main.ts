/**
 * The `jixiao` command line.
 *
 * Exit codes: 0 success; 1 a document could not be read (or was refused, or the database could
 * not be opened); 2 usage error (unknown command or option, missing argument, no such project).
 * Errors are one line on stderr — file, line, message — never a stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CommanderError, Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { toDocumentJson } from '../../shared/domain/document-json';
import { combineDocuments } from '../../shared/domain/document-scope';
import { SEVERITY_LABELS, type ParsedDocument } from '../../shared/domain/model';
import type { Db } from '../db/database';
import type { StoredCounts } from '../db/document.repository';
import { DocumentReadError } from '../importers/errors';
import { DOCUMENT_EXTENSIONS, firstError, parseDocumentsFile } from '../importers/read-document';
import type { FileOutcome } from '../modules/imports/import-files';
import type { OcrProgress } from '../importers/ocr/read-scan';
import { reviewAndScore, toCheckJson, type DocumentReview } from '../../shared/review/report';
import { collectFiles, type SkippedFile } from './collect-files';
import { localise } from './localise';
import { describeTarget, jsonText, renderLibrary, renderLogins, renderOneTimeCodes, renderProject, renderProjectList } from './render';
import { printable } from '../../shared/domain/clean-text';
import { STORAGE_FAILURE_MESSAGES, storageFailure } from '../db/storage-errors';
import { renderCheckSummary, renderReview } from './render-review';
import { addRectificationCommand } from './rectification-command';
import { addRegionsCommand } from './regions-command';
import { addFormsCommand, templatesFor } from './forms-command';
import type { FormTemplate } from '../../shared/domain/form-template';
import { addExAnteCommand } from './ex-ante-command';
import { addAccountsCommand } from './accounts-command';
import { addDocumentsCommand } from './documents-command';
import { addCorpusCommand } from './corpus-command';
import { REPO_ROOT } from '../paths';

/** Thrown for a usage problem the parser cannot see (e.g. no such project): exit code 2. */
class UsageError extends Error {}

/** From this many files on, `import` shows a progress bar. */
const PROGRESS_FROM_FILES = 5;

// Everything the command prints goes through these: a control character stored in a name or a comment is shown as its
// picture (␛, ␀), never written to the terminal (issue 72); JSON keeps every character (jsonText escapes them).
const out = (s: string) => process.stdout.write(printable(s.endsWith('\n') ? s : `${s}\n`));
const err = (s: string) => process.stderr.write(printable(s.endsWith('\n') ? s : `${s}\n`));

function dbOption() {
  return new Option('--db <路径>', '数据库：SQLite 文件（默认 ./data/jixiao.db；环境变量 JIXIAO_DB 同）或 postgres:// 地址；设置 DATABASE_URL=postgres://… 则用 PostgreSQL');
}

// The database layer (Kysely is slow to load) is imported only by the commands that use it, so
// `parse` and `check FILE` start quickly.
const repository = () => import('../db/document.repository');
const importer = () => import('../modules/imports/import-files');

/**
 * Opens the database named by --db, else DATABASE_URL (PostgreSQL), else JIXIAO_DB or
 * ./data/jixiao.db. A command that only reads (`existing`) refuses a SQLite file that does not
 * exist, rather than creating an empty database under a mistyped name.
 */
async function withDatabase<T>(path: string | undefined, work: (db: Db) => Promise<T>, { existing = false } = {}): Promise<T> {
  const { closeDatabase, configuredDatabase, openDatabase } = await import('../db/database');
  const target = configuredDatabase(path === undefined ? {} : { db: path });
  if (existing && target.dialect === 'sqlite' && target.path !== ':memory:' && !existsSync(target.path)) {
    throw new UsageError(`数据库文件不存在：${target.path}（用 --db 指定已有的数据库，或先用 jixiao import 导入文档）`);
  }
  const db = await openDatabase(target);
  try {
    return await work(db);
  } finally {
    await closeDatabase(db);
  }
}

/**
 * Parses files (directories expanded); a file that cannot be read, or whose parse has an error
 * diagnostic, marks the run as failed and is reported on stderr as one line (a document's error
 * only when `reportErrors`: `parse`'s summary lists its diagnostics itself).
 */
async function parseFiles(paths: string[], { reportErrors = true, templates = [] as readonly FormTemplate[] } = {}): Promise<{ docs: ParsedDocument[]; failed: boolean }> {
  const docs: ParsedDocument[] = [];
  let failed = false;
  const { files, skipped } = await collectFiles(paths);
  reportSkipped(skipped);
  for (const file of files) {
    try {
      for (const doc of await parseDocumentsFile(file, file, { templates, ocr: { onProgress: pageProgress(file) } })) {
        docs.push(doc);
        const error = firstError(doc);
        if (error) {
          failed = true;
          if (reportErrors) err(`${doc.file}:${error.source.line}: ${error.message}`);
        }
      }
    } catch (e) {
      if (!(e instanceof DocumentReadError)) throw e;
      failed = true;
      err(e.toOneLine());
    }
  }
  return { docs, failed };
}

/**
 * A scan's pages recognised, on stderr (issue 56): on a terminal a bar 第 n / N 页, else a line when it starts and a
 * line a page (a log keeps them).
 */
function pageProgress(file: string): OcrProgress {
  let bar: cliProgress.SingleBar | null = null;
  return (done, total) => {
    if (!process.stderr.isTTY) {
      err(done === 0 ? `${file}：扫描件，文字识别 ${total} 页…` : `${file}：文字识别 第 ${done} / ${total} 页`);
      return;
    }
    if (bar === null) {
      bar = new cliProgress.SingleBar({ format: '文字识别 [{bar}] 第 {value} / {total} 页 {file}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(total, done, { file });
    } else bar.update(done);
    if (done === total) bar.stop();
  };
}

/** Every file of a directory that is not read, one line each on stderr. */
function reportSkipped(skipped: readonly SkippedFile[]): void {
  for (const s of skipped) err(`跳过 ${s.path}：${s.reason}`);
}

async function parseCommand(files: string[], opts: { json?: boolean; profile?: string; db?: string | true }): Promise<number> {
  const usage = (m: string) => new UsageError(m);
  // the stored 表样 when a database is named, a file's (--profile) before them
  const templates =
    opts.db === undefined ? await templatesFor(null, opts.profile, { usage }) : await withDatabase(opts.db === true ? undefined : opts.db, (db) => templatesFor(db, opts.profile, { usage }), { existing: true });
  const { docs, failed } = await parseFiles(files, { reportErrors: opts.json === true, templates });
  if (opts.json) {
    out(jsonText(docs.map(toDocumentJson)));
  } else {
    for (const doc of docs) out(summarizeParsed(doc));
  }
  return failed ? 1 : 0;
}

function summarizeParsed(doc: ParsedDocument): string {
  const indicators = doc.projects.reduce((n, p) => n + p.indicators.length, 0);
  const lines = [
    `${doc.file}：${doc.department ? `${doc.department.code ?? ''} ${doc.department.name}` : '（未识别单位）'}，${doc.year ?? '?'} 年，` +
      `${doc.projects.length} 个项目，${indicators} 个指标，${doc.diagnostics.length} 条诊断`,
  ];
  for (const p of doc.projects) {
    const targets = p.indicators.map((i) => describeTarget(i.target)).filter((t) => t !== null);
    lines.push(`  ${p.sequence}. ${p.code ?? '（无编码）'} ${p.name}：${p.indicators.length} 个指标${targets.length ? `（${targets.slice(0, 3).join('，')}…）` : ''}`);
  }
  for (const d of doc.diagnostics) lines.push(`  [${SEVERITY_LABELS[d.severity]}] ${doc.file}:${d.source.line}: ${d.message}`);
  return lines.join('\n');
}

async function importCommand(args: string[], opts: { db?: string; quiet?: boolean; acceptDoubts?: boolean; profile?: string }): Promise<number> {
  const { files, skipped } = await collectFiles(args);
  reportSkipped(skipped);
  if (files.length === 0) throw new UsageError(`没有找到可导入的文件（${DOCUMENT_EXTENSIONS.join(' ')}）`);
  return withDatabase(opts.db, async (db) => {
    const [{ importFiles }, { countStored }] = await Promise.all([importer(), repository()]);
    const templates = await templatesFor(db, opts.profile, { usage: (m) => new UsageError(m) });
    const bar =
      files.length >= PROGRESS_FROM_FILES && !opts.quiet
        ? new cliProgress.SingleBar(
            { format: '导入 [{bar}] {value}/{total} {file}', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 2000, hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : null;
    bar?.start(files.length, 0, { file: '' });
    const outcomes = await importFiles(db, files, {
      acceptDoubts: opts.acceptDoubts === true,
      templates,
      onProgress: (done, outcome) => bar?.update(done, { file: outcome.file }),
      // a scan's pages: in the files' bar when there is one, else their own
      ...(opts.quiet ? {} : { pageProgress: (file) => (bar ? (done, total) => bar.update({ file: `${file}（文字识别 第 ${done} / ${total} 页）` }) : pageProgress(file)) }),
    });
    bar?.stop();
    for (const o of outcomes) {
      if (o.ok) continue;
      err(o.message);
      // a workbook names every bad cell, so all of them can be fixed in one pass
      for (const e of (o.errors ?? []).slice(1)) err(`  ${e.ref}: ${e.message}`);
    }
    out(summarizeImport(outcomes, await countStored(db)));
    return outcomes.every((o) => o.ok) ? 0 : 1;
  });
}

function summarizeImport(outcomes: FileOutcome[], stored: StoredCounts): string {
  const ok = outcomes.filter((o): o is Extract<FileOutcome, { ok: true }> => o.ok);
  const by = (s: string) => ok.filter((o) => o.status === s).length;
  const docs = ok.filter((o) => o.status !== 'unchanged').map((o) => o.document);
  const projects = docs.reduce((n, d) => n + d.projects.length, 0);
  const indicators = docs.reduce((n, d) => n + d.projects.reduce((m, p) => m + p.indicators.length, 0), 0);
  const diagnostics = docs.flatMap((d) => d.diagnostics);
  const sev = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const targets = docs.filter((d) => d.projects.length > 0 || d.departmentTargets !== null);
  const departments = new Set(targets.map((d) => d.department?.code ?? d.department?.name ?? '')).size;
  // the 自评表 stored for the 复核 (issue 59)
  const selfEvaluations = docs.reduce((n, d) => n + (d.selfEvaluations?.length ?? 0), 0);
  return [
    // A file may hold several documents: the counts after the files are of documents (or of files that could not be read).
    `文件 ${new Set(outcomes.map((o) => o.file)).size} 个：新导入 ${by('imported')} 个文档，替换旧版本 ${by('replaced')}，内容未变 ${by('unchanged')}，失败 ${outcomes.length - ok.length}`,
    `本次写入：单位 ${departments}，项目 ${projects}，指标 ${indicators}，${selfEvaluations > 0 ? `自评表 ${selfEvaluations}（自评复核），` : ''}诊断 ${diagnostics.length}（警告 ${sev('warning')}，提示 ${sev('info')}）`,
    `数据库合计：单位 ${stored.departments}，文档 ${stored.documents}（当前 ${stored.currentDocuments}），项目 ${stored.projects}，指标 ${stored.indicators}，诊断 ${stored.diagnostics}`,
  ].join('\n');
}

/**
 * Reviews documents: the files given, or with --db every current document stored. Exit 1 when
 * any finding is an error (or a file could not be read).
 */
async function checkCommand(files: string[], opts: { db?: string | true; json?: boolean }): Promise<number> {
  if (files.length === 0 && opts.db === undefined) throw new UsageError('请给出要检查的文件或目录，或用 --db 检查数据库中的全部当前文档');
  let docs: ParsedDocument[];
  let failed = false;
  if (files.length > 0) {
    ({ docs, failed } = await parseFiles(files));
  } else {
    docs = await withDatabase(opts.db === true ? undefined : opts.db, async (db) => {
      const { listDocuments, loadDocument } = await repository();
      const stored = await listDocuments(db, { currentOnly: true });
      const loaded = await Promise.all(stored.map((d) => loadDocument(db, d.id)));
      return loaded.filter((d): d is ParsedDocument => d !== undefined);
    }, { existing: true });
  }
  // a document of self-evaluations only (issue 59) has no target table to review
  const targets = docs.filter((doc) => doc.projects.length > 0 || doc.departmentTargets !== null || !doc.selfEvaluations?.length);
  const reviews: DocumentReview[] = targets.map((doc) => reviewAndScore(doc));
  const { reviewSelfEvaluations, renderSelfEvaluationReview, selfEvaluationCheckJson } = await import('./render-self-evaluation');
  const selfEvaluations = docs.flatMap(reviewSelfEvaluations);
  if (opts.json) out(jsonText({ ...toCheckJson(reviews), selfEvaluations: selfEvaluationCheckJson(selfEvaluations) }));
  else {
    for (const r of reviews) out(`${renderReview(r)}\n`);
    for (const r of selfEvaluations) out(`${renderSelfEvaluationReview(r)}\n`);
    if (reviews.length > 0 || selfEvaluations.length === 0) out(renderCheckSummary(reviews));
    if (selfEvaluations.length > 0) {
      const n = selfEvaluations.reduce((sum, r) => sum + r.review.findings.length, 0);
      out(`共复核 ${selfEvaluations.length} 张自评表：自评复核问题 ${n} 条`);
    }
  }
  const hasErrors = reviews.some((r) => r.findings.some((f) => f.severity === 'error')) || selfEvaluations.some((r) => r.review.findings.some((f) => f.severity === 'error'));
  return failed || hasErrors ? 1 : 0;
}

type ExportFormat = 'docx' | 'pdf' | 'xlsx';

/**
 * Writes a department's document as Word or PDF (official layout), a selection as Excel (projects,
 * indicators, findings: every current document, or one department's, optionally one year), or
 * the blank Excel fill-in template.
 */
async function exportCommand(opts: { db?: string; department?: string; year?: string; format: ExportFormat; output: string; template?: boolean }): Promise<number> {
  const year = opts.year === undefined ? undefined : Number(opts.year);
  if (year !== undefined && !Number.isInteger(year)) throw new UsageError(`年度“${opts.year}”不是整数`);
  let bytes: Buffer;
  if (opts.template) {
    if (opts.format !== 'xlsx') throw new UsageError('填报模板只有 Excel 格式：--format xlsx');
    const { exportTemplate } = await import('../exporters/xlsx-exporter');
    bytes = await exportTemplate();
  } else {
    const docs = await withDatabase(opts.db, async (db) => {
      const { findDepartmentByCode, listDocuments, loadDocument } = await repository();
      let departmentId: number | undefined;
      if (opts.department !== undefined) {
        const department = await findDepartmentByCode(db, opts.department);
        if (!department) throw new UsageError(`没有单位编码为“${opts.department}”的单位`);
        departmentId = department.id;
      }
      const stored = await listDocuments(db, { currentOnly: true, ...(departmentId !== undefined ? { departmentId } : {}), ...(year !== undefined ? { year } : {}) });
      // each adjusted project with its targets and budget in force (目标调整, issue 58)
      const { documentInForce } = await import('../modules/adjustments/in-force');
      return Promise.all(stored.map(async (d) => ({ scope: d.scope, doc: await documentInForce(db, d.id, (await loadDocument(db, d.id))!) })));
    }, { existing: true });
    if (docs.length === 0) throw new UsageError('没有符合条件的文档（先用 jixiao import 导入）');
    if (opts.format === 'xlsx') {
      const { exportXlsx } = await import('../exporters/xlsx-exporter');
      bytes = await exportXlsx(docs.map((d) => d.doc), { findings: true });
    } else {
      if (opts.department === undefined || year === undefined) {
        throw new UsageError('导出 Word 或 PDF 需要用 --department 和 --year 指定一个单位的一个年度');
      }
      // The year's current documents as one: the department's document, a targets table, forms published apart.
      const doc = combineDocuments(docs);
      bytes = opts.format === 'docx' ? await (await import('../exporters/docx-exporter')).exportDocx(doc) : await (await import('../exporters/pdf-exporter')).exportPdf(doc);
    }
  }
  await mkdir(dirname(resolve(opts.output)), { recursive: true });
  await writeFile(opts.output, bytes);
  out(`已导出 ${opts.output}（${(bytes.length / 1024).toFixed(0)} KB）`);
  return 0;
}

/**
 * `jixiao carry-over`: next year's target tables of a department started from this year's approved
 * and published projects (下年目标), one line per project as it goes, then a summary. The projects
 * that are not carried (not approved, next year's already there) are listed with the reason.
 */
async function carryOverCommand(opts: { db?: string; department: string; fromYear: string }): Promise<number> {
  const fromYear = Number(opts.fromYear);
  if (!Number.isInteger(fromYear) || fromYear < 2000 || fromYear > 2100) throw new UsageError(`年度“${opts.fromYear}”应为 2000–2100 之间的整数`);
  return withDatabase(opts.db, async (db) => {
    const { findDepartmentByCode } = await repository();
    const department = await findDepartmentByCode(db, opts.department);
    if (!department) throw new UsageError(`没有单位编码为“${opts.department}”的单位`);
    const { carryOverDepartment } = await import('../modules/carry-over/carry-over.service');
    out(`${department.name}：以 ${fromYear} 年项目为基础编制 ${fromYear + 1} 年绩效目标表`);
    const result = await carryOverDepartment(db, department.id, fromYear, {
      actor: 'cli',
      now: new Date(),
      onProgress: (done, total, o) => out(`[${done}/${total}] ${o.created ? '已编制' : '未编制'}“${o.name}”：${o.message}`),
    });
    if (result.created.length + result.skipped.length === 0) {
      out(`${department.name}没有 ${fromYear} 年的现行项目`);
      return 0;
    }
    out(`完成：已编制 ${result.created.length} 个 ${result.toYear} 年草稿，未编制 ${result.skipped.length} 个。草稿的预算数待填写，各指标旁显示 ${fromYear} 年实际值。`);
    return 0;
  }, { existing: true });
}

async function listCommand(opts: { db?: string }): Promise<number> {
  return withDatabase(opts.db, async (db) => {
    const { listCurrentProjects } = await repository();
    const projects = await listCurrentProjects(db);
    out(projects.length ? renderProjectList(projects) : '数据库中还没有项目。先运行 jixiao import FILE...');
    return 0;
  }, { existing: true });
}

async function libraryCommand(opts: { db?: string; search?: string; level1?: string; level2?: string; json?: boolean }): Promise<number> {
  return withDatabase(opts.db, async (db) => {
    const { libraryJson } = await import('../modules/library/library-json');
    const result = await libraryJson(db, { search: opts.search, level1: opts.level1, level2: opts.level2 });
    if (opts.json) out(jsonText(result));
    else out(result.entries.length ? renderLibrary(result.entries) : '指标库中没有符合条件的指标（先导入文档：jixiao import FILE...）');
    return 0;
  }, { existing: true });
}

async function showCommand(query: string, opts: { db?: string }): Promise<number> {
  return withDatabase(opts.db, async (db) => {
    const { findProjects, loadProject } = await repository();
    const { projects } = await findProjects(db, query);
    if (projects.length === 0) throw new UsageError(`没有找到项目“${query}”（按项目编码或名称查找）`);
    if (projects.length > 1) {
      err(`“${query}”对应 ${projects.length} 个项目，请用项目编码指定：`);
      err(renderProjectList(projects));
      return 2;
    }
    const approved = await loadProject(db, projects[0]!.projectId);
    if (!approved) throw new UsageError(`没有找到项目“${query}”`);
    // its targets and budget in force (目标调整, issue 58)
    const { inForce, targetsOfProjects } = await import('../modules/adjustments/in-force');
    out(renderProject(inForce(approved, (await targetsOfProjects(db, [projects[0]!.projectId])).get(projects[0]!.projectId))));
    return 0;
  }, { existing: true });
}

/**
 * Loads the demo data when the database is empty (generated departments, accounts, workflow —
 * the same as `serve` does), then lists the projects and shows the first one.
 */
async function demoCommand(opts: { db?: string; from?: string }): Promise<number> {
  return withDatabase(opts.db, async (db) => {
    const [{ loadDemoData, listDemoLogins }, { countStored, listCurrentProjects, loadProject }] = await Promise.all([demo(), repository()]);
    const result = await loadDemoData(db, { ...(opts.from ? { fixtureDir: resolve(opts.from) } : {}), log: out });
    for (const notice of result.notices) err(notice);
    if (result.documents.length > 0) out(summarizeImport(result.documents, await countStored(db)));
    const projects = await listCurrentProjects(db);
    if (projects.length === 0) return 1;
    out(renderProjectList(projects));
    const first = projects[0] && (await loadProject(db, projects[0].projectId));
    if (first) out(`\n${renderProject(first)}`);
    const logins = result.accounts.length > 0 ? result.accounts : await listDemoLogins(db);
    if (logins.length > 0) out(`\n${renderLogins(logins)}`);
    out('\n用 jixiao serve 启动网页应用；jixiao show 项目编码或名称 查看任一项目；jixiao import 文件或目录 导入更多文档。');
    return 0;
  });
}

const demo = () => import('../modules/demo/demo.service');

/** A positive integer option, or a usage error naming it. */
function parseCount(text: string, option: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`${option}“${text}”应为 1–${max} 的整数`);
  return n;
}

/**
 * Province-scale data into an empty database: districts, departments and their documents
 * through the real import, the workflow spread, execution records and self-evaluations.
 */
async function generateCommand(opts: { projects: string; seed: string; year: string; years: string; db?: string; from?: string; monitoring: boolean; quiet?: boolean }): Promise<number> {
  const projects = parseCount(opts.projects, '--projects', 10_000_000);
  const years = parseCount(opts.years, '--years', 10);
  const seed = parseCount(opts.seed, '--seed', 2 ** 31);
  const year = parseCount(opts.year, '--year', 2100);
  const [{ generateData }, { DEFAULT_FIXTURE_DIR, DEMO_PASSWORD }] = await Promise.all([import('../modules/generate/generate.service'), demo()]);
  const fixtureDir = resolve(opts.from ?? DEFAULT_FIXTURE_DIR);
  if (!existsSync(fixtureDir)) throw new UsageError(`示例文档目录不存在：${fixtureDir}（用 --from 指定）`);
  return withDatabase(opts.db, async (db) => {
    const { countStored } = await repository();
    if ((await countStored(db)).documents > 0) throw new UsageError('数据库中已有文档：jixiao generate 只向空数据库写入（用 --db 指定新的数据库文件）');
    const bar = opts.quiet
      ? null
      : new cliProgress.SingleBar(
          { format: '生成 [{bar}] {value}/{total} 个项目 {file}', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
    bar?.start(projects, 0, { file: '' });
    const started = Date.now();
    const result = await generateData(db, {
      projects,
      seed,
      year,
      years,
      fixtureDir,
      monitoring: opts.monitoring,
      onProgress: (done, _total, file) => bar?.update(done, { file }),
    });
    bar?.stop();
    const statuses = Object.entries(result.statuses).map(([s, n]) => `${s} ${n}`).join('，');
    const span = years > 1 ? `${year - years + 1}–${year} 年` : `${year} 年`;
    out(`已生成 ${result.districts} 个区县、${result.departments} 个单位、${result.projects} 个项目、${result.indicators} 个指标（${span}，种子 ${seed}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
    out(`区划：1 个省、${result.cities} 个市、${result.districts} 个区县；${result.units} 个二级单位隶属主管部门`);
    out(`流程状态：${statuses}`);
    if (result.monitoring) {
      const m = result.monitoring;
      out(`监控：${m.projects} 个项目 ${m.records} 条执行记录，重点监控 ${m.keyMonitoring} 个；自评 ${m.selfEvaluations} 个`);
    }
    if (result.accounts.length > 0) out(`账号：${result.accounts.join('、')}（密码 ${DEMO_PASSWORD}）`);
    return 0;
  });
}



/**
 * `jixiao backup FILE` / `jixiao restore FILE`: SQLite's online backup (db/backup.ts). A
 * PostgreSQL database is a usage error that names the pg_dump / pg_restore route.
 */
async function backupCommand(kind: 'backup' | 'restore', file: string, opts: { db?: string; force?: boolean }): Promise<number> {
  const { configuredDatabase } = await import('../db/database');
  const { BackupError, POSTGRES_BACKUP_HELP, backupSqlite, restoreSqlite } = await import('../db/backup');
  const target = configuredDatabase(opts.db === undefined ? {} : { db: opts.db });
  if (target.dialect === 'postgres') throw new UsageError(`jixiao ${kind} 只用于 SQLite 数据库。\n${POSTGRES_BACKUP_HELP}`);
  const size = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  try {
    if (kind === 'backup') {
      const b = await backupSqlite(target.path, file);
      out(`已备份到 ${b.file}（${size(b.bytes)}；${b.documents} 个文档，${b.projects} 个项目，${b.accounts} 个账号；结构版本 ${b.migration}）`);
    } else {
      const r = await restoreSqlite(file, target.path, { force: opts.force === true });
      out(`已从 ${file} 恢复到 ${r.file}（${r.documents} 个文档，${r.projects} 个项目，${r.accounts} 个账号；结构版本 ${r.migration}）`);
      if (r.previous) out(`原数据库保留为 ${r.previous}`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof BackupError)) throw e;
    err(`jixiao: ${e.message}`);
    return 1;
  }
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`端口“${text}”不是 0–65535 的整数`);
  return port;
}

/**
 * Runs the web server until SIGINT/SIGTERM: migrates the database, fills an empty one (with
 * --demo the demo data, or FILES; without, FILES and a first admin account), prints the address
 * and the accounts to sign in with. `start` first builds the web app when dist/web is missing or
 * older than its sources.
 */
async function serveCommand(
  files: string[],
  opts: { port?: string; host?: string; db?: string; from?: string; trustProxy?: string | true; secureCookies?: boolean; demo?: boolean },
  build: boolean,
): Promise<number> {
  const port = parsePort(opts.port ?? (process.env.PORT || '3000'));
  const { parseTrustProxy } = await import('../app/app');
  let trustProxy: string | undefined;
  try {
    trustProxy = opts.trustProxy === undefined ? undefined : parseTrustProxy(opts.trustProxy);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const host = opts.host ?? (process.env.JIXIAO_HOST || '127.0.0.1');
  const scanSeconds = process.env.JIXIAO_SCAN_SECONDS ? parseCount(process.env.JIXIAO_SCAN_SECONDS, 'JIXIAO_SCAN_SECONDS', 3600) : undefined;
  const collected = files.length > 0 ? await collectFiles(files) : undefined;
  if (collected) reportSkipped(collected.skipped);
  const paths = collected?.files;
  if (paths && paths.length === 0) throw new UsageError(`没有找到可导入的文件（${DOCUMENT_EXTENSIONS.join(' ')}）`);
  if (build) {
    const { buildWebApp, webBuildReason } = await import('../app/web-build');
    const reason = webBuildReason();
    if (reason !== null) {
      out(reason === 'missing' ? '构建网页应用（首次启动，约需一分钟）…' : '源代码有更新，重新构建网页应用…');
      try {
        await buildWebApp();
      } catch (e) {
        // The API is still worth serving; the page at / says the web app is not built.
        err(`网页应用构建失败：${e instanceof Error ? e.message : String(e)}`);
        err(reason === 'missing' ? '继续启动接口服务（网页界面不可用）。' : '继续启动，网页界面为上次构建的版本。');
      }
    }
  }
  const { configuredDatabase } = await import('../db/database');
  const { startServer } = await import('../app/server');
  const database = configuredDatabase(opts.db === undefined ? {} : { db: opts.db });
  // Listening for the signals before anything starts: a stop asked for while starting (or right
  // after the address is printed) is then a clean stop, not the default kill.
  let requestStop!: () => void;
  const stopRequested = new Promise<void>((resolveStop) => (requestStop = resolveStop));
  const onSignal = () => requestStop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const orphaned = stopWhenOrphaned(requestStop);
  try {
    const server = await startServer({
      database,
      port,
      host,
      ...(paths ? { files: paths } : {}),
      ...(opts.from ? { fixtureDir: resolve(opts.from) } : {}),
      ...(trustProxy !== undefined ? { trustProxy } : {}),
      ...(opts.secureCookies ? { secureCookies: true } : {}),
      ...(scanSeconds !== undefined ? { scanSeconds } : {}),
      demo: opts.demo === true,
      log: out,
    });
    for (const notice of server.demo.notices) err(notice);
    const failed = server.demo.documents.filter((d) => !d.ok);
    for (const f of failed) if (!f.ok) err(f.message);
    if (server.demo.documents.length > 0) out(`已导入 ${server.demo.documents.length - failed.length} 个文档${failed.length ? `，${failed.length} 个未导入` : ''}`);
    out(
      [
        `绩效目标管理已启动：${server.url}`,
        `接口文档：${server.url}/api/docs`,
        `数据库：${server.database}`,
        ...(server.administrators.length > 0
          ? ['', `已创建管理员账号（三员分立：系统管理员管账号和设置，安全管理员管授权和安全策略，安全审计员查日志）：`, renderOneTimeCodes(server.administrators)]
          : []),
        ...(server.demoLogins.length > 0
          ? [
              '',
              renderLogins(server.demoLogins),
              ...(opts.demo ? [] : ['演示密码只在演示模式下可以登录：以 --demo 启动，登录后修改这些账号的密码。']),
            ]
          : []),
        '',
        '按 Ctrl+C 停止。',
      ].join('\n'),
    );
    await stopRequested;
    out('正在停止…');
    await server.close();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (orphaned) clearInterval(orphaned);
  }
  out('已停止。');
  return 0;
}

/** `jixiao results report`: the region's (or a department's) 结果运用 of a year, optionally as .xlsx or .docx. */
async function resultsReportCommand(opts: { db?: string; year: string; department?: string; out?: string }): Promise<number> {
  if (!/^\d{4}$/.test(opts.year)) throw new UsageError(`年度“${opts.year}”应为四位数字，例如 2025`);
  if (opts.out !== undefined && !/\.(xlsx|docx)$/i.test(opts.out)) throw new UsageError(`输出文件“${opts.out}”应以 .xlsx 或 .docx 结尾`);
  const year = Number(opts.year);
  const report = await withDatabase(opts.db, async (db) => {
    const { getResultsReport } = await import('../modules/results/results.service');
    if (opts.department === undefined) return getResultsReport(db, year);
    const department = await (await repository()).findDepartmentByCode(db, opts.department);
    if (!department) throw new UsageError(`没有单位编码为“${opts.department}”的单位`);
    return getResultsReport(db, year, department.id);
  }, { existing: true });
  const { renderResultsReport } = await import('./render-results');
  out(renderResultsReport(report));
  if (opts.out !== undefined) {
    const title = `${report.department?.name ?? ''}${year}年度绩效评价结果应用情况`;
    const bytes = opts.out.toLowerCase().endsWith('.docx')
      ? await (await import('../exporters/results-docx')).exportResultsDocx(report, title)
      : await (await import('../exporters/results-xlsx')).exportResultsReport(report, title);
    const path = resolve(opts.out);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
    out(`已写入 ${opts.out}`);
  }
  return 0;
}

/**
 * Started by an npm script (`npm start`), the server stops when npm goes: killed, npm does not
 * always pass the signal on through the shell it ran the script in, and the server would go on
 * without it. Started otherwise (a service manager, nohup), it keeps running whatever its parent.
 */
function stopWhenOrphaned(stop: () => void): NodeJS.Timeout | null {
  if (!process.env.npm_lifecycle_event) return null;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      err('启动它的 npm 已结束，服务随之停止。');
      stop();
    }
  }, 1000);
  timer.unref();
  return timer;
}

export function buildProgram(): Command {
  const program = new Command('jixiao')
    .description('预算绩效目标：读取、存储和查看绩效目标文档')
    .version(packageVersion(), '-V, --version', '显示版本')
    .showHelpAfterError()
    .exitOverride();
  program
    .command('parse')
    .description('解析文档并输出（不写数据库）')
    .argument('<文件...>', '文档文件或目录（Word、WPS、Excel、PDF、网页、文本、扫描图像）')
    .option('--json', '以 JSON 输出（格式见 README）')
    .option('--profile <文件>', '按表样文件（jixiao forms export 导出的 JSON）读取')
    .option('--db [路径]', '也按数据库中的表样读取（默认 ./data/jixiao.db；环境变量 JIXIAO_DB 同）')
    .action(async (files: string[], opts) => setExit(await parseCommand(files, opts)));
  program
    .command('import')
    .description('导入文档到数据库（每个文档一个事务）')
    .argument('<路径...>', '文档文件或目录')
    .addOption(dbOption())
    .option('-q, --quiet', '不显示进度条')
    .option('--accept-doubts', '读取存疑的表（jixiao parse 的 reading.doubts）核对无误后照常导入，存疑保存在表上、该表不评分；不加时这样的文档不导入')
    .option('--profile <文件>', '按表样文件（jixiao forms export 导出的 JSON）读取，先于数据库中的表样')
    .action(async (paths: string[], opts) => setExit(await importCommand(paths, opts)));
  program
    .command('check')
    .description('审核文档：按项目列出问题、质量得分和建议（有“错误”级问题时退出码为 1）')
    .argument('[文件...]', '文档文件或目录；不给时须用 --db 检查数据库中的全部当前文档')
    .option('--db [路径]', '检查数据库中的全部当前文档（默认 ./data/jixiao.db；环境变量 JIXIAO_DB 同；DATABASE_URL=postgres://… 则用 PostgreSQL）')
    .option('--json', '以 JSON 输出（格式见 README）')
    .action(async (files: string[], opts) => setExit(await checkCommand(files, opts)));
  program
    .command('export')
    .description('导出：单位文档为 Word（官方表样）或 PDF；所选文档为 Excel（项目、指标、审核问题）；或空白的 Excel 填报模板')
    .addOption(new Option('--format <格式>', '格式').choices(['docx', 'pdf', 'xlsx']).makeOptionMandatory())
    .requiredOption('-o, --output <文件>', '输出文件')
    .option('--department <单位编码>', '单位编码')
    .option('--year <年度>', '年度')
    .option('--template', '空白的 Excel 填报模板（每行一个指标，一级、二级指标可下拉选择）')
    .addOption(dbOption())
    .action(async (opts) => setExit(await exportCommand(opts)));
  program
    .command('backup')
    .description('备份 SQLite 数据库到 FILE（SQLite 在线备份，服务运行时也可备份；PostgreSQL 请用 pg_dump）')
    .argument('<文件>', '备份文件（不能已存在）')
    .addOption(dbOption())
    .action(async (file: string, opts) => setExit(await backupCommand('backup', file, opts)));
  program
    .command('restore')
    .description('用备份文件 FILE 恢复 SQLite 数据库（须先停止服务；PostgreSQL 请用 pg_restore）')
    .argument('<文件>', '备份文件')
    .addOption(dbOption())
    .option('--force', '数据库中已有数据时也替换（原数据库保留为副本）')
    .action(async (file: string, opts) => setExit(await backupCommand('restore', file, opts)));
  program
    .command('list')
    .description('列出当前项目')
    .addOption(dbOption())
    .action(async (opts) => setExit(await listCommand(opts)));
  program
    .command('library')
    .description('指标库：各现行文档中同一指标的使用项目数、单位数、年度数、计量单位、指标值分布（最小、四分位、中位数、最大）、常用依据和示例项目')
    .option('--search <文字>', '按指标名称检索（中文无需空格，多个词用空格分开）')
    .option('--level1 <名称>', '只列出该一级指标（如 满意度指标）')
    .option('--level2 <名称>', '只列出该二级指标（如 服务对象满意度指标）')
    .option('--json', '输出 JSON：{ "entries": [ … ] }')
    .addOption(dbOption())
    .action(async (opts) => setExit(await libraryCommand(opts)));
  addRectificationCommand(program, { withDatabase, out, usage: (m) => new UsageError(m), setExit, dbOption });
  program
    .command('carry-over')
    .description('以本年为基础编制下年目标表：单位本年已审核、已公开的每个项目生成下一年草稿（沿用指标和指标值，附本年实际值，预算待填写）')
    .requiredOption('--from-year <年度>', '本年度（如 2025：生成 2026 年草稿）')
    .requiredOption('--department <单位编码>', '单位编码')
    .addOption(dbOption())
    .action(async (opts) => setExit(await carryOverCommand(opts)));
  program
    .command('show')
    .description('按官方表样显示一个项目的绩效目标表')
    .argument('<项目>', '项目编码或名称')
    .addOption(dbOption())
    .action(async (query: string, opts) => setExit(await showCommand(query, opts)));
  program
    .command('demo')
    .description('演示：数据库为空时生成演示数据（4 个单位的绩效目标、演示账号、审核流程、监控、自评、事前评估、结果运用和整改），然后列出并显示项目')
    .addOption(dbOption())
    .option('--from <目录>', '生成演示数据所用的示例文档目录（默认 ../shared/fixtures/documents）')
    .action(async (opts) => setExit(await demoCommand(opts)));
  program
    .command('generate')
    .description('生成省级规模的演示数据（省、市、区县三级区划，主管部门及其二级单位，项目、指标、流程状态、执行记录和自评），写入空数据库')
    .requiredOption('--projects <个数>', '项目数（如 100000）')
    .option('--seed <种子>', '随机种子：相同的种子生成相同的数据', '1')
    .option('--year <年度>', '预算年度', '2025')
    .option('--years <年数>', '生成截至预算年度的几个年度（每个单位每年一份文档；项目数为各年合计）', '1')
    .addOption(dbOption())
    .option('--from <目录>', '生成所用的示例文档目录（默认 ../shared/fixtures/documents）')
    .option('--no-monitoring', '不生成执行记录和自评')
    .option('-q, --quiet', '不显示进度条')
    .action(async (opts) => setExit(await generateCommand(opts)));
  program
    .command('results')
    .description('结果运用：按自评和监控结果形成的下年预算安排建议及财政确定情况')
    .command('report')
    .description('绩效评价结果应用情况：按结果运用方式、自评等级和部门汇总项目数与金额')
    .requiredOption('--year <年度>', '预算年度')
    .option('--department <单位编码>', '只看一个单位')
    .option('--out <文件>', '同时导出：.xlsx（汇总、按部门、项目明细）或 .docx（书面报告）')
    .addOption(dbOption())
    .action(async (opts) => setExit(await resultsReportCommand(opts)));
  const context = { withDatabase, usage: (m: string) => new UsageError(m), out, setExit, dbOption };
  addExAnteCommand(program, context);
  addRegionsCommand(program, context);
  addFormsCommand(program, context);
  addAccountsCommand(program, context);
  addDocumentsCommand(program, context);
  addCorpusCommand(program, context);
  for (const [name, description, build] of [
    ['serve', '启动网页应用和接口（数据库为空时导入给出的文件并创建管理员账号；--demo 时载入演示数据）', false],
    ['start', '同 serve，但先在需要时构建网页界面（npm start 即 start --demo）', true],
  ] as const) {
    program
      .command(name)
      .description(description)
      .argument('[文件...]', '数据库为空时导入这些文档（文件或目录），代替生成的演示数据')
      .option('--port <端口>', '端口（默认 3000；环境变量 PORT 同；0 为任一空闲端口）')
      .option('--host <地址>', '监听地址（默认 127.0.0.1；环境变量 JIXIAO_HOST 同；0.0.0.0 为所有网卡）')
      .addOption(dbOption())
      .option('--from <目录>', '生成演示数据所用的示例文档目录（默认 ../shared/fixtures/documents）')
      .option('--trust-proxy [代理地址]', '在反向代理之后：只信任这些代理（逗号分隔的地址或网段；不写则为本机 loopback）给出的 X-Forwarded-* 请求头（客户端 IP、https）')
      .option('--secure-cookies', '总是设置 Secure Cookie（默认按请求是否为 https）')
      .option('--demo', '演示模式：空数据库载入演示数据，演示账号的公开密码可以登录（勿用于正式环境）')
      .action(async (files: string[], opts) => setExit(await serveCommand(files, opts, build)));
  }
  return localise(program);
}

/** Jixiao's version, from its package.json. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

let exitCode = 0;
const setExit = (code: number) => {
  exitCode = code;
};

/** Runs the CLI and returns the exit code (the caller sets process.exitCode). */
export async function main(argv: string[]): Promise<number> {
  exitCode = 0;
  // `jixiao check … | head`: the reader went away; stop quietly, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(exitCode);
    throw e;
  });
  try {
    await buildProgram().parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      err(`jixiao: ${e.message}`);
      return 2;
    }
    if (e instanceof DocumentReadError) {
      err(e.toOneLine());
      return 1;
    }
    // the disk full, the database read-only (issue 72): what happened, in Chinese, with the database's own words
    const failure = storageFailure(e);
    if (failure !== null) {
      err(`jixiao: ${STORAGE_FAILURE_MESSAGES[failure.kind].replace('本次操作', '本次命令')}（${failure.cause}）`);
      return 1;
    }
    err(`jixiao: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
