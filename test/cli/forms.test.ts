/**
 * `jixiao forms` and `--profile` (issue 54): a 表样 kept in one database, exported to a file, then given to
 * `jixiao import --profile` on a fresh database reads the second document of the form right (test/documents/forms);
 * `jixiao forms import` keeps it there, `jixiao parse --db` then reads with it; hostile files are refused with the
 * place of their first problem. A real process through bin/jixiao.js on a real database.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { cliKeeper, storeTemplate } from '../../src/server/modules/form-templates/form-templates.service';
import type { FormTemplate } from '../../src/shared/domain/form-template';
import { gbk } from '../support/gbk';
import { createTestDatabaseTarget } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const DOCS = resolve('test/documents/forms');
const work = mkdtempSync(join(tmpdir(), 'jixiao-forms-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const jixiao = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', COLUMNS: '200' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** 路南区 and the regions above it, loaded into a database (`jixiao regions import`): a 表样 is imported into a known region. */
function loadRegions(db: string): void {
  const regions = join(work, 'regions.csv');
  writeFileSync(regions, '130000,河北省\n130200,唐山市\n130202,路南区\n');
  const r = jixiao(['regions', 'import', regions, '--db', db]);
  expect(r.code, r.stderr).toBe(0);
}

/** The 青山县 form as a person's corrections make it (the browser and the API test make the same one from the preview). */
const TEMPLATE: FormTemplate = {
  name: '青山县项目绩效任务单',
  header: [
    ['一级指标', '二级指标', '三级指标', '预期成效', '考评方式'],
    ['全年', '上半年'],
  ],
  columns: [
    { path: ['一级指标'], role: 'level1' },
    { path: ['二级指标'], role: 'level2' },
    { path: ['三级指标'], role: 'name' },
    { path: ['预期成效', '全年'], role: 'target' },
    { path: ['预期成效', '上半年'], role: 'other' },
    { path: ['考评方式'], role: 'basis' },
  ],
  rows: [{ text: '编制股室', kind: 'signOff' }],
  labels: [
    { text: '责任单位', field: 'budgetDepartment' },
    { text: '任务资金', field: 'annualTotal' },
    { text: '年度任务目标', field: 'goals' },
  ],
  nameFromHeading: { prefix: '', suffix: '' },
};

interface ParsedJson {
  department: { name: string } | null;
  projects: { name: string; budget: { total: number | null }; indicators: { name: string; target: { raw: string } }[] }[];
  diagnostics: { code: string; message: string }[];
}

describe('jixiao forms and --profile', () => {
  it('exports a database\'s 表样; import --profile on a fresh database reads the second document right; forms import keeps it', async () => {
    const first = await createTestDatabaseTarget('forms-a.db');
    onTestFinished(() => first.drop());
    const db = await openDatabase(first.target);
    try {
      await storeTemplate(db, cliKeeper(null), TEMPLATE, { now: new Date(), example: null, source: 'file', replace: false });
    } finally {
      await closeDatabase(db);
    }
    const list = jixiao(['forms', 'list', '--db', first.arg]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('1. 青山县项目绩效任务单（全辖区，使用中）表头：一级指标 | 二级指标 | 三级指标 | 预期成效 | 考评方式 / 全年 | 上半年');
    const shown = jixiao(['forms', 'show', '1', '--db', first.arg]);
    expect(shown.stdout).toContain('列 预期成效›全年：指标值');
    expect(shown.stdout).toContain('以“编制股室”开头的行：签章、审核意见或联系方式（不读取）');
    expect(shown.stdout).toContain('栏目“任务资金”：年度资金总额');
    const file = join(work, '表样.json');
    const exported = jixiao(['forms', 'export', '-o', file, '--db', first.arg]);
    expect([exported.code, exported.stdout.trim()]).toEqual([0, `已导出 1 个表样到 ${file}`]);

    // without the 表样 the second document is misread: no project name, refused
    const fresh = await createTestDatabaseTarget('forms-b.db');
    onTestFinished(() => fresh.drop());
    const plain = jixiao(['import', join(DOCS, 'b.html'), '--db', fresh.arg]);
    expect(plain.code).toBe(1);
    const imported = jixiao(['import', join(DOCS, 'b.html'), '--profile', file, '--db', fresh.arg]);
    expect(imported.code, imported.stderr + imported.stdout).toBe(0);
    const check = await openDatabase(fresh.target);
    try {
      const projects = await check.selectFrom('project').select(['name', 'budgetTotal']).orderBy('position').execute();
      expect(projects.map((p) => [p.name, Number(p.budgetTotal)])).toEqual([
        ['农村饮水安全巩固提升', 186_5000_00],
        ['小型水库除险加固', 95_0000_00],
      ]);
      expect(await check.selectFrom('formTemplate').select('id').execute()).toEqual([]);
    } finally {
      await closeDatabase(check);
    }

    // kept in the fresh database (its region loaded first: an unknown one is refused, issue 72), `parse --db` reads
    // with it; a different form is offered it, not read with it
    loadRegions(fresh.arg);
    const kept = jixiao(['forms', 'import', file, '--region', '130202', '--db', fresh.arg]);
    expect([kept.code, kept.stdout.trim()]).toEqual([0, '已导入 1 个表样：1. 青山县项目绩效任务单']);
    const parsed = jixiao(['parse', '--json', '--db', fresh.arg, join(DOCS, 'b.html'), join(DOCS, 'c.html')]);
    const [b, c] = JSON.parse(parsed.stdout) as ParsedJson[];
    expect(b!.projects.map((p) => [p.name, p.indicators[0]!.target.raw])).toEqual([
      ['农村饮水安全巩固提升', '≥42公里'],
      ['小型水库除险加固', '3座'],
    ]);
    expect(b!.diagnostics.filter((d) => d.code === 'form-template')).toHaveLength(2);
    expect(c!.diagnostics.find((d) => d.code === 'form-template-offer')?.message).toContain('青山县项目绩效任务单');
    expect(c!.projects[0]!.name).toBe('');
  }, 300_000);

  it('refuses a hostile or malformed 表样 file, naming its problem, and stores nothing', async () => {
    const target = await createTestDatabaseTarget('forms-c.db');
    onTestFinished(() => target.drop());
    const write = (name: string, text: string) => {
      const path = join(work, name);
      writeFileSync(path, text);
      return path;
    };
    const good = { kind: 'jixiao-form-templates', version: 1, templates: [TEMPLATE] };
    const cases: [string, string][] = [
      [write('x.json', '{ not json'), '不是 JSON 文件'],
      [write('y.json', JSON.stringify({ ...good, templates: [{ ...TEMPLATE, columns: [{ path: ['一级指标'], role: 'require("fs")' }] }] })), '第 1 个表样'],
      [write('z.json', JSON.stringify({ ...good, templates: [{ ...TEMPLATE, header: [] }] })), '第 1 个表样'],
      [write('w.json', JSON.stringify([1, 2])), '不是 Jixiao 表样文件'],
    ];
    for (const [path, message] of cases) {
      const r = jixiao(['forms', 'import', path, '--db', target.arg]);
      expect(r.code, path).toBe(2);
      expect(r.stderr, path).toContain(message);
    }
    // the same check for a file given to read with
    const p = jixiao(['import', join(DOCS, 'b.html'), '--profile', cases[1]![0], '--db', target.arg]);
    expect([p.code, p.stderr.includes('第 1 个表样')]).toEqual([2, true]);
    expect(readFileSync(join(DOCS, 'b.html'), 'utf8')).toContain('青山县水利局');
    const list = jixiao(['forms', 'list', '--db', target.arg]);
    expect(list.stdout).toContain('还没有表样');
  }, 300_000);

  it('reads a GBK file and a UTF-8 file with a BOM as their text; refuses a region the region table lacks, naming it and the file (issue 72)', async () => {
    const target = await createTestDatabaseTarget('forms-d.db');
    onTestFinished(() => target.drop());
    loadRegions(target.arg);
    const file = (name: string, template: FormTemplate) => JSON.stringify({ kind: 'jixiao-form-templates', version: 1, templates: [{ ...template, name }] });
    // a file saved by a Chinese Windows editor: GBK; the 表样's name must come back as written, not as mojibake
    const gbkPath = join(work, 'gbk.json');
    writeFileSync(gbkPath, gbk(file('青山县项目绩效任务单', TEMPLATE)));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(gbkPath))).toThrow(); // really GBK bytes
    const fromGbk = jixiao(['forms', 'import', gbkPath, '--db', target.arg]);
    expect([fromGbk.code, fromGbk.stdout.trim(), fromGbk.stderr]).toEqual([0, '已导入 1 个表样：1. 青山县项目绩效任务单', '']);
    // Notepad's UTF-8: a byte order mark first (another region: the same header is no clash)
    const bomPath = join(work, 'bom.json');
    writeFileSync(bomPath, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(file('路南区绩效目标表', TEMPLATE), 'utf8')]));
    const fromBom = jixiao(['forms', 'import', bomPath, '--region', '130202', '--db', target.arg]);
    expect([fromBom.code, fromBom.stdout.trim(), fromBom.stderr]).toEqual([0, '已导入 1 个表样：2. 路南区绩效目标表', '']);
    // a region nobody has loaded: refused naming it and the file, nothing stored
    const third = join(work, 'third.json');
    writeFileSync(third, file('不存在区划的表样', TEMPLATE));
    const unknown = jixiao(['forms', 'import', third, '--region', '130299', '--db', target.arg]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain(`表样文件 ${third}：区划 130299 不在区划表中`);
    const list = jixiao(['forms', 'list', '--db', target.arg]);
    expect(list.stdout).toContain('1. 青山县项目绩效任务单（全辖区，使用中）');
    expect(list.stdout).toContain('2. 路南区绩效目标表（路南区，使用中）');
    expect(list.stdout).not.toContain('不存在区划的表样');
    // a file in no encoding it can be: refused naming the file and the line
    const binary = join(work, 'binary.json');
    writeFileSync(binary, Buffer.from([0x7b, 0x0a, 0x00, 0x01, 0x7d]));
    const refused = jixiao(['forms', 'import', binary, '--db', target.arg]);
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining(`无法读取表样文件 ${binary}:2: 不是文本文件（含有二进制内容）`)]);
  }, 300_000);
});
