/**
 * The `jixiao` command as people run it: a real process through bin/jixiao.js, a real database: a
 * SQLite file, or on a PostgreSQL run a fresh PostgreSQL database (--db takes its URL).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readText } from '../../src/server/importers/txt/read-text';
import { DOCUMENT_EXTENSIONS } from '../../src/shared/api/imports';
import { buildDocx } from '../support/build-docx';
import { DEFAULT_INDICATORS, textDocument, textTable } from '../support/text-document';
import { FIXTURE_DIR, FIXTURES, fixturePath, readFixture } from '../support/fixtures';
import { createTestDatabaseTarget, TEST_DIALECT, type ChildDatabase } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function jixiao(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: work,
    env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', COLUMNS: '200', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('jixiao parse', () => {
  it('prints every fixture as JSON and does not touch the database', () => {
    const r = jixiao(['parse', '--json', FIXTURE_DIR]);
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.stdout) as { projects: { indicators: unknown[] }[] }[];
    expect(docs.map((d) => d.projects.length)).toEqual([5, 19, 6, 36]);
    expect(docs.map((d) => d.projects.reduce((n, p) => n + p.indicators.length, 0))).toEqual([31, 122, 36, 108]);
    const list = jixiao(['list', '--db', join(work, 'untouched.db')]);
    expect([list.code, list.stderr]).toEqual([2, `jixiao: 数据库文件不存在：${join(work, 'untouched.db')}（用 --db 指定已有的数据库，或先用 jixiao import 导入文档）\n`]);
    expect(existsSync(join(work, 'untouched.db'))).toBe(false);
  });

  it('reads a .docx like its text', async () => {
    const docx = join(work, '002.docx');
    writeFileSync(docx, await buildDocx(readText(readFixture(FIXTURES.f002), FIXTURES.f002).blocks, { mergeEmptyCells: true }));
    const r = jixiao(['parse', '--json', docx]);
    expect(r.code).toBe(0);
    const [doc] = JSON.parse(r.stdout) as { format: string; projects: { budget: { total: number } }[] }[];
    expect(doc!.format).toBe('docx');
    expect(doc!.projects.map((p) => p.budget.total)).toHaveLength(6);
    expect(doc!.projects[0]!.budget.total).toBe(1_200_000);
  });

  it('exit 1 and one line for a document that cannot be read', () => {
    const bad = join(work, 'binary.txt');
    writeFileSync(bad, Buffer.from([0, 1, 2, 3]));
    const r = jixiao(['parse', '--json', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([`${bad}:1: 不是文本文件（含有二进制内容）`]);
    noStackTrace(r.stderr);
  });

  it('exit 2 for usage errors', () => {
    expect(jixiao(['parse']).code).toBe(2);
    expect(jixiao(['frobnicate']).code).toBe(2);
    expect(jixiao(['import', '--no-such-option', 'x']).code).toBe(2);
  });
});

describe('jixiao import, list, show', () => {
  // SQLite: a file in a folder that does not exist yet (import creates it).
  let target: ChildDatabase;
  let db: string;
  beforeAll(async () => {
    target = await createTestDatabaseTarget(join('nested', 'jixiao.db'));
    db = target.arg;
  });
  afterAll(() => target?.drop());

  it('imports a directory with a progress bar and a summary', () => {
    const r = jixiao(['import', FIXTURE_DIR, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('文件 4 个：新导入 4 个文档，替换旧版本 0，内容未变 0，失败 0');
    expect(r.stdout).toContain('项目 66，指标 297');
  });

  it('re-importing the same document changes nothing', () => {
    const r = jixiao(['import', fixturePath(FIXTURES.f000), '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('内容未变 1');
    expect(r.stdout).toContain('文档 4（当前 4），项目 66，指标 297');
  });

  it('a new version of a department-year replaces the old one and keeps it as history', () => {
    const edited = join(work, 'edited.txt');
    const text = readFileSync(fixturePath(FIXTURES.f000), 'utf8');
    writeFileSync(edited, text.replace('\t1262.16\n\t其中', '\t1300.00\n\t其中'));
    const r = jixiao(['import', edited, '--db', db]);
    expect(r.stdout).toContain('替换旧版本 1');
    expect(r.stdout).toContain('文档 5（当前 4），项目 71');
    expect(jixiao(['list', '--db', db]).stdout).toContain('1300.00');
  });

  it(`${TEST_DIALECT === 'postgres' ? 'DATABASE_URL' : 'JIXIAO_DB'} selects the database like --db`, () => {
    const r = jixiao(['list'], TEST_DIALECT === 'postgres' ? { DATABASE_URL: db } : { JIXIAO_DB: db });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('13020225P00912310002A');
    expect(r.stdout).toContain('城市社区工作者薪酬经费');
  });

  it('list on an 80-column terminal wraps names, never a code, a year or an amount', () => {
    const r = jixiao(['list', '--db', db], { COLUMNS: '80' });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => [...l].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0)))).toBeLessThanOrEqual(80);
    for (const code of ['13020225P00912310002A', '13020225P008911100023']) expect(r.stdout).toContain(code);
    expect(r.stdout).toContain('1300.00');
    expect(r.stdout).not.toMatch(/│ 202\s|│ 1300\.\s/);
  });

  it('show prints a project in the official layout, by code or by name', () => {
    const byCode = jixiao(['show', '13060525P003981100040', '--db', db]);
    expect(byCode.code).toBe(0);
    for (const s of ['社区党组织服务群众专项经费', '单位：万元', '预算数', '120.00', '资金支出计划（万元）', '30.00', '一级指标', '≤10万元/个', '调查问卷、实地走访']) {
      expect(byCode.stdout).toContain(s);
    }
    const byName = jixiao(['show', '社区党组织服务群众专项经费', '--db', db]);
    expect(byName.stdout).toBe(byCode.stdout);
  });

  it('show: an unknown project is a usage error; an ambiguous name lists the candidates', () => {
    const none = jixiao(['show', '不存在的项目', '--db', db]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('没有找到项目');
    const many = jixiao(['show', '经费', '--db', db]);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain('请用项目编码指定');
  });

  it('a refused document stores nothing and exits 1', () => {
    const truncated = join(work, 'truncated.txt');
    const text = readFileSync(fixturePath(FIXTURES.f002), 'utf8');
    writeFileSync(truncated, text.slice(0, text.indexOf('\t一级指标')));
    const r = jixiao(['import', truncated, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^.*truncated\.txt:\d+: .*缺少绩效指标表.*未导入\n$/);
    expect(r.stdout).toContain('失败 1');
    expect(r.stdout).toContain('文档 5（当前 4），项目 71');
    noStackTrace(r.stderr);
  });
});

describe('jixiao import: a doubted reading is said before anything is stored (issue 53)', () => {
  let target: ChildDatabase;
  let db: string;
  beforeAll(async () => {
    target = await createTestDatabaseTarget('doubts.db');
    db = target.arg;
  });
  afterAll(() => target?.drop());

  it('refuses a document with a doubted table naming the doubt; --accept-doubts stores it with its doubts', () => {
    const file = join(work, 'doubted.txt');
    // the target column under a name no form uses: its values cannot be placed
    const header = ['一级指标', '二级指标', '三级指标', '考核目标', '指标值确定依据'];
    writeFileSync(file, textDocument([textTable({ indicatorHeader: header, indicators: [['产出指标', '数量指标', '培训人次', '≥1200人次', '计划标准']] })]));
    const refused = jixiao(['import', file, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/doubted\.txt:\d+: 文档中有 1 张表的读取存疑（.*考核目标.*），未导入；核对无误后可加 --accept-doubts 导入/);
    noStackTrace(refused.stderr);
    const parsed = JSON.parse(jixiao(['parse', '--json', file]).stdout) as { projects: { reading: { certain: boolean; doubts: { code: string }[] } }[] }[];
    expect(parsed[0]!.projects[0]!.reading).toMatchObject({ certain: false, doubts: [{ code: 'header-no-target' }] });
    const stored = jixiao(['import', file, '--accept-doubts', '--db', db]);
    expect([stored.code, stored.stderr]).toEqual([0, '']);
    expect(stored.stdout).toContain('新导入 1 个文档');
    const check = jixiao(['check', '--db', db]);
    expect(check.stdout).toContain('的指标值列未能可靠读取，未评分');
  });

  it('tells a scan\'s pages recognised on stderr, a line a page when it is no terminal (parse and import)', () => {
    const scan = resolve('test/documents/layouts/scanned.pdf');
    const progress = [`${scan}：扫描件，文字识别 2 页…`, `${scan}：文字识别 第 1 / 2 页`, `${scan}：文字识别 第 2 / 2 页`];
    const parsed = jixiao(['parse', scan]);
    expect(parsed.code).toBe(0);
    expect(parsed.stderr.trimEnd().split('\n')).toEqual(progress);
    expect(parsed.stdout).toContain('老旧小区综合整治工程');
    const stored = jixiao(['import', scan, '--accept-doubts', '--db', db]);
    expect([stored.code, stored.stderr.trimEnd().split('\n')]).toEqual([0, progress]);
    expect(stored.stdout).toContain('新导入 1 个文档');
    expect(jixiao(['import', scan, '--quiet', '--accept-doubts', '--db', db]).stderr).toBe('');
    // three recognitions of a two-page scan, each a tesseract run per cell: on a loaded two-core machine past a minute
  }, 240_000);
});

describe('jixiao import: other formats, a directory with other files, Jixiao\'s own exports', () => {
  let target: ChildDatabase;
  let db: string;
  beforeAll(async () => {
    target = await createTestDatabaseTarget('formats.db');
    db = target.arg;
  });
  afterAll(() => target?.drop());

  it('names every file it skips and why, reports a truncated .xlsx as a broken workbook, and knows its own exports as unchanged', () => {
    expect(jixiao(['import', fixturePath(FIXTURES.f000), '--db', db, '-q']).code).toBe(0);
    const dir = join(work, 'incoming');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    // Jixiao's own exports of that document: other bytes, the same content.
    expect(jixiao(['export', '--department', '763001', '--year', '2025', '--format', 'docx', '-o', join(dir, '763001.docx'), '--db', db]).code).toBe(0);
    expect(jixiao(['export', '--department', '763001', '--year', '2025', '--format', 'xlsx', '-o', join(dir, 'sub', '763001.xlsx'), '--db', db]).code).toBe(0);
    const layouts = resolve('test/documents/layouts');
    copyFileSync(join(layouts, '01-shenbao-grid.pdf'), join(dir, '申报表.pdf'));
    copyFileSync(join(layouts, '11-single-project.doc'), join(dir, 'sub', '申报书.doc'));
    copyFileSync(resolve('test/documents/readers/xlsx/broken.xlsx'), join(dir, 'broken.xlsx'));
    writeFileSync(join(dir, '~$763001.docx'), 'lock');
    writeFileSync(join(dir, '.DS_Store'), 'x');
    writeFileSync(join(dir, 'notes.md'), '# 说明');
    const r = jixiao(['import', dir, '--db', db, '-q']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('文件 5 个：新导入 2 个文档，替换旧版本 0，内容未变 2，失败 1');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        `跳过 ${join(dir, '.DS_Store')}：隐藏文件`,
        `跳过 ${join(dir, 'notes.md')}：不是支持的文档格式（.md；支持 ${DOCUMENT_EXTENSIONS.join(' ')}）`,
        `跳过 ${join(dir, '~$763001.docx')}：Office 打开文档时留下的临时文件`,
        `${join(dir, 'broken.xlsx')}: 不是有效的 Excel 工作簿（.xlsx）：压缩包已损坏或不完整`,
      ]),
    );
    expect(lines).toHaveLength(4);
    noStackTrace(r.stderr);
    const list = jixiao(['list', '--db', db]).stdout;
    expect(list).toContain('老旧小区综合整治工程');
    expect(list).toContain('城区公共厕所提升改造');
  });
});

describe('the command line speaks Chinese', () => {
  it('help, version and usage errors without commander\'s English', () => {
    const help = jixiao(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法： jixiao \[选项\] \[命令\]\n/);
    for (const title of ['选项：', '命令：', '-V, --version', '显示帮助', 'help [命令]']) expect(help.stdout).toContain(title);
    const exportHelp = jixiao(['export', '--help']).stdout;
    expect(exportHelp).toContain('--format <格式>');
    expect(exportHelp).toContain('（可选：docx, pdf, xlsx）');
    expect(jixiao(['--version']).stdout).toBe(`${(JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }).version}\n`);
    const errors = [
      jixiao(['frobnicate']),
      jixiao(['import', '--jsn', 'x']),
      jixiao(['export', '--format', 'rtf', '-o', 'x']),
      jixiao(['parse']),
      jixiao(['show', 'a', 'b']),
      jixiao(['export', '-o', 'x']),
    ];
    expect(errors.map((r) => r.stderr.split('\n')[0])).toEqual([
      '错误：未知的命令 frobnicate',
      '错误：未知的选项 --jsn',
      '错误：选项 --format <格式> 的取值 rtf 无效，可选：docx, pdf, xlsx',
      '错误：缺少参数 文件',
      '错误：命令 show 的参数过多：应为 1 个，给出 2 个',
      '错误：缺少必需的选项 --format <格式>',
    ]);
    for (const r of [help, ...errors]) expect(r.stdout + r.stderr).not.toMatch(/Usage|Options|Commands|display help|error:|\[options\]/);
    expect(errors.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('parse: each diagnostic once, its severity in Chinese; deadlines as written', () => {
    const file = join(work, 'diagnostics.txt');
    const indicators = [['产出指标', '时效指标', '完成时间', '项目完成时间', '2025年11月底前', '计划标准'], ...DEFAULT_INDICATORS];
    writeFileSync(file, textDocument([textTable({ budget: ['预算规模及资金用途', '预算数', '99999999999.00', '其中：财政    资金', '10.00', '其他资金', ' '], indicators })]));
    const r = jixiao(['parse', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.match(/超出范围/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/\n {2}\[错误\] .*diagnostics\.txt:\d+: 金额“99999999999\.00”超出范围\n/);
    expect(r.stdout).toContain('2025年11月底前');
    expect(r.stdout).not.toMatch(/\[(error|warning|info)\]|deadline|period/);
  });
});
