/**
 * The Excel workbook: export → import gives back the identical model (every fixture, all four in
 * one workbook, generated documents, arbitrary text and amounts); the blank template has its
 * drop-downs, frozen and filtered headers, and a filled template imports to the expected model;
 * a template with bad rows reports each bad cell and imports nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFromHarvest, harvestFixtures, type Harvest } from '../../src/server/demo-corpus/generate-corpus';
import { loadDocument } from '../../src/server/db/document.repository';
import { exportTemplate, exportXlsx } from '../../src/server/exporters/xlsx-exporter';
import { DocumentReadError } from '../../src/server/importers/errors';
import { parseDocumentBytes, parseDocumentsBytes } from '../../src/server/importers/read-document';
import { readXlsx, XlsxImportError } from '../../src/server/importers/xlsx/read-xlsx';
import { importBytes, importDocumentsBytes, importFiles } from '../../src/server/modules/imports/import-files';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { amountOfPercent, percentHundredths } from '../../src/shared/domain/money';
import { parseTargetValue } from '../../src/shared/domain/target-value';
import { snapshotDatabase, useTestDatabase } from '../db/helpers';
import { FIXTURE_DIR, parseFixtures, type FixtureKey } from '../support/fixtures';
import { modelContent } from '../support/model-content';
import { buildWideDocument } from '../factories';
import { documentContentJson } from '../../src/shared/domain/document-content';

/** Content without locations and without diagnostics (each importer reports about its own input). */
const content = (doc: ParsedDocument) => modelContent(doc, { withDiagnostics: false });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let fixtures: Record<FixtureKey, ParsedDocument>;
beforeAll(async () => {
  fixtures = await parseFixtures();
});

// ---------------------------------------------------------------------------------------------

describe('export → import round trip', () => {
  it.each(['f000', 'f001', 'f002', 'f003'] as const)('%s comes back identical, every value located by cell', async (key) => {
    const doc = fixtures[key];
    const bytes = await exportXlsx([doc]);
    const back = await readXlsx(bytes, 'book.xlsx');

    expect(back).toHaveLength(1);
    const [read] = back as [ParsedDocument];
    expect(content(read)).toEqual(content(doc));
    expect(read).toMatchObject({ file: 'book.xlsx', format: 'xlsx', encoding: 'xlsx', sha256: sha256(bytes) });
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(read.department?.source.ref).toBe('单位!C2');
    for (const p of read.projects) {
      expect(p.source.ref).toBe(`项目!A${p.source.line}`);
      expect(p.sources.total?.ref).toBe(`项目!G${p.source.line}`);
      for (const e of p.spendingPlan) expect(e.source?.ref).toMatch(/^项目![L-O]\d+$/);
      for (const i of p.indicators) {
        expect(i.source.ref).toMatch(/^指标!A\d+$/);
        expect(i.sources.name?.ref).toBe(`指标!E${i.source.line}`);
        if (i.target.raw !== '') expect(i.sources.target?.ref).toBe(`指标!G${i.source.line}`);
      }
    }
  });

  it('all four fixtures in one workbook come back in order, each with its own hash', async () => {
    const docs = [fixtures.f000, fixtures.f001, fixtures.f002, fixtures.f003];
    const bytes = await exportXlsx(docs);
    const back = await readXlsx(bytes, 'all.xlsx');
    expect(back.map(content)).toEqual(docs.map(content));
    expect(new Set(back.map((d) => d.sha256)).size).toBe(4);
    // the same bytes give the same hashes (so importing them again changes nothing)
    expect((await readXlsx(bytes, 'again.xlsx')).map((d) => d.sha256)).toEqual(back.map((d) => d.sha256));
  });

  it('is told apart from a .docx by content: parseDocumentsBytes reads every document', async () => {
    const one = await exportXlsx([fixtures.f002]);
    const four = await exportXlsx([fixtures.f000, fixtures.f001, fixtures.f002, fixtures.f003]);
    expect(content(await parseDocumentBytes(one, 'named-anything.txt'))).toEqual(content(fixtures.f002));
    expect((await parseDocumentsBytes(four, 'four.xlsx')).map(content)).toEqual(
      [fixtures.f000, fixtures.f001, fixtures.f002, fixtures.f003].map(content),
    );
    // a single-document entry point cannot return four: it says so rather than pick one
    await expect(parseDocumentBytes(four, 'four.xlsx')).rejects.toThrow(DocumentReadError);
    expect(await parseDocumentsBytes(Buffer.from(''), 'empty.txt').catch((e: unknown) => e)).toBeInstanceOf(DocumentReadError);
  });

  describe('generated documents', () => {
    let harvest: Harvest;
    beforeAll(async () => {
      harvest = await harvestFixtures(FIXTURE_DIR);
    });

    it('round-trip exactly (property over corpus seeds)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.integer({ min: 1, max: 3 }),
          fc.integer({ min: 1, max: 6 }),
          async (seed, documents, tablesPerDocument) => {
            const corpus = generateFromHarvest(harvest, { documents, tablesPerDocument, seed });
            const docs = await Promise.all(corpus.map((g) => parseDocumentBytes(Buffer.from(g.text, 'utf8'), g.file)));
            const back = await readXlsx(await exportXlsx(docs, { findings: false }), 'generated.xlsx');
            expect(back.map(content)).toEqual(docs.map(content));
          },
        ),
        { numRuns: 12, seed: 20251123 },
      );
    });
  });

  it('keeps any text and any amount exactly (property)', async () => {
    const text = fc
      .array(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 12 }),
          fc.constantFrom('\u0001', '\u0007', '\u000b', '\r', '\r\n', '\n', '\t', '_x0041_', '_x005F_', '_xabcd_', '&<>"\'', '=SUM(A1)', '＜≥≤％', '\u3000'),
        ),
        { maxLength: 6 },
      )
      .map((parts) => parts.join('').trim());
    const fen = fc.oneof(
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: 0, max: 10_000_000_000 }),
      fc.integer({ min: -1_000_000_000, max: 0 }),
    );
    const base = fixtures.f000;
    await fc.assert(
      fc.asyncProperty(fen, fen, fc.option(fen), text, text, text, async (total, fiscal, other, purpose, description, overall) => {
        const doc = structuredClone(base);
        const p = doc.projects[0]!;
        p.budget = { total, fiscal, other };
        for (const e of p.spendingPlan) if (e.given === 'percent') e.amount = amountOfPercent(total, Math.round(e.percent! * 100));
        p.purpose = purpose || null;
        p.indicators[0]!.description = description || null;
        doc.departmentGoals.overall = overall || null;
        const [back] = await readXlsx(await exportXlsx([doc], { findings: false }), 'text.xlsx');
        expect(content(back!)).toEqual(content(doc));
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('keeps the odd cases of real documents: mixed plans, missing units, inherited and misplaced categories', async () => {
    const doc = structuredClone(fixtures.f000);
    const [p1, p2, p3] = doc.projects as [ParsedDocument['projects'][number], ParsedDocument['projects'][number], ParsedDocument['projects'][number]];
    // a plan given partly in percent, partly in 万元; one cell blank
    const total = p1.budget.total!;
    p1.spendingPlan[1] = { ...p1.spendingPlan[1]!, given: 'amount', amount: 1_234_567, percent: percentHundredths(1_234_567, total)! / 100 };
    p1.spendingPlan[2] = { ...p1.spendingPlan[2]!, given: null, amount: null, percent: null };
    // a table header without a unit, another with a different unit; a table in 元
    p2.department = null;
    p3.department = { code: null, name: '另一个单位' };
    p3.amountUnit = '元';
    p3.title = '';
    // the first row's 一级 cell empty (inferred from 二级), a level 2 under the wrong level 1, synonyms
    Object.assign(p1.indicators[0]!, { level1: '产出指标', level1Raw: '', level1Inherited: true, level2: '数量指标', level2Raw: '数量指标', level2Inherited: false });
    Object.assign(p1.indicators[1]!, { level1: '产出指标', level1Raw: '产出指标', level1Inherited: false, level2: '社会效益指标', level2Raw: '社会效益', level2Inherited: false });
    Object.assign(p2.indicators[0]!, { level1: '效益指标', level1Raw: '效果指标', level1Inherited: false, level2: '可持续影响指标', level2Raw: '可持续性影响', level2Inherited: false });
    doc.departmentGoals.subGoals[0] = { ...doc.departmentGoals.subGoals[0]!, numbering: null, text: null, goalText: '目标', indicatorText: '指标' };

    const [back] = await readXlsx(await exportXlsx([doc]), 'odd.xlsx');
    expect(content(back!)).toEqual(content(doc));
    expect(back!.diagnostics.map((d) => d.code).sort()).toEqual(
      ['category-synonym', 'category-synonym', 'category-synonym', 'department-mismatch', 'level1-inferred', 'level2-wrong-parent'].sort(),
    );

    // a document with no unit at all, and no year
    const bare = structuredClone(fixtures.f001);
    bare.department = null;
    bare.year = null;
    for (const p of bare.projects) {
      p.code = null;
      p.year = null;
    }
    const [bareBack] = await readXlsx(await exportXlsx([bare]), 'bare.xlsx');
    expect(content(bareBack!)).toEqual(content(bare));
  });

  it('keeps 20.982 and 99999999.99 万元 exact, and amounts beyond a float as text', async () => {
    const doc = structuredClone(fixtures.f002); // its plan is given as 万元 amounts
    const [a, b, c] = doc.projects as [ParsedDocument['projects'][number], ParsedDocument['projects'][number], ParsedDocument['projects'][number]];
    a.budget = { total: 20_982_000, fiscal: 20_982_000, other: 0 };
    b.budget = { total: 99_999_999_990_000, fiscal: 99_999_999_980_000, other: 10_000 };
    c.budget = { total: 9_007_199_254_740_991, fiscal: 1, other: null };
    for (const p of [a, b, c]) {
      for (const e of p.spendingPlan) {
        if (e.given !== 'amount') continue;
        e.amount = e.checkpoint === '12' ? p.budget.total : 10_000;
        const h = percentHundredths(e.amount!, p.budget.total);
        e.percent = h === null ? null : h / 100;
      }
    }
    const bytes = await exportXlsx([doc]);
    const [back] = await readXlsx(bytes, 'money.xlsx');
    expect(content(back!)).toEqual(content(doc));
    expect(back!.projects.slice(0, 3).map((p) => p.budget)).toEqual([a.budget, b.budget, c.budget]);

    const wb = await loadWorkbook(bytes);
    const ws = wb.getWorksheet('项目')!;
    expect(ws.getCell('G2').value).toBe(20.982);
    expect(ws.getCell('G2').numFmt).toBe('0.00####');
    expect(ws.getCell('G3').value).toBe(99999999.99);
    expect(ws.getCell('G4').value).toBe('9007199254.740991'); // 16 digits: text, not a rounded float
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet4.xml')!.async('string');
    expect(xml).toMatch(/<c r="G2"[^>]*><v>20\.982<\/v>/);
  });
});

// ---------------------------------------------------------------------------------------------
// The template

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

/** Appends rows to a sheet, each given by header → value. */
function fill(wb: ExcelJS.Workbook, sheet: string, rows: Record<string, ExcelJS.CellValue>[]): void {
  const ws = wb.getWorksheet(sheet)!;
  const headers = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => headers.set(String(cell.value), col));
  for (const values of rows) {
    const row = ws.getRow(ws.rowCount + 1);
    for (const [header, value] of Object.entries(values)) {
      const col = headers.get(header);
      if (col === undefined) throw new Error(`no column ${header} in ${sheet}`);
      row.getCell(col).value = value;
    }
    row.commit();
  }
}

const toBytes = async (wb: ExcelJS.Workbook) => Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);

const CODE = '13020225P000000000011';

/** A template filled in the way a person would: blank cells meaning "as above", a typed 75%. */
async function filledTemplate(): Promise<ExcelJS.Workbook> {
  const wb = await loadWorkbook(await exportTemplate());
  fill(wb, '单位', [{ 单位编码: '763001', 单位名称: '测试单位', 总体绩效目标: '提升服务\n保障民生' }]);
  fill(wb, '部门目标', [
    { 类别: '分项绩效目标', 编号: '（一）', 标题: '加强管理', 正文: '完善制度' },
    { 类别: '工作保障措施', 编号: '1.', 标题: '严明纪律' },
  ]);
  fill(wb, '项目', [
    {
      项目编码: CODE,
      项目名称: '社区服务经费',
      '预算数（万元）': 20.982,
      '财政资金（万元）': 20.982,
      资金用途: '用于社区服务',
      '3月底': 25,
      '6月底': '50%',
      '10月底': 0.75,
      '12月底': 100,
      绩效目标: '服务群众\n提升满意度',
    },
    { 项目键: 'B', 部分: '公用', 项目名称: '运转经费', '预算数（万元）': 99999999.99, 计划口径: '万元', '3月底': 30, '6月底': '60', '12月底': 99999999.99 },
  ]);
  wb.getWorksheet('项目')!.getCell('N2').numFmt = '0%'; // 10月底 typed as 75%
  fill(wb, '指标', [
    { 项目键: CODE, 一级指标: '产出指标', 二级指标: '数量指标', 三级指标: '服务人次', 绩效指标描述: '全年服务人次', 指标值: '≥1000人次', 指标值确定依据: '计划标准' },
    { 项目键: CODE, 二级指标: '质量指标', 三级指标: '服务合格率', 指标值: '≥95%' },
    { 项目键: CODE, 一级指标: '效益指标', 二级指标: '社会效益指标', 三级指标: '群众获得感', 指标值: '显著提高' },
    { 项目键: CODE, 一级指标: '满意度指标', 二级指标: '服务对象满意度指标', 三级指标: '群众满意度', 指标值: '≥90%' },
    { 项目键: 'B', 一级指标: '产出指标', 二级指标: '时效指标', 三级指标: '完成时间', 指标值: '2025年12月底前' },
    { 项目键: 'B', 三级指标: '支付及时率', 指标值: 1 },
  ]);
  wb.getWorksheet('指标')!.getCell('G7').numFmt = '0%'; // 100% typed
  return wb;
}

describe('the fill-in template', () => {
  it('has the sheets, frozen filtered headers and the framework drop-downs', async () => {
    const bytes = await exportTemplate();
    const wb = await loadWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '单位', '部门目标', '项目', '指标', '表单栏目', '附加列', '项目说明', '部门整体目标', '履职目标', '部门整体指标', '指标体系']);
    for (const name of ['单位', '部门目标', '项目', '指标']) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.rowCount).toBe(1);
      expect(ws.getColumn(1).width).toBeGreaterThan(0);
    }
    const indicators = wb.getWorksheet('指标')!;
    expect(indicators.getRow(1).values).toEqual([
      undefined, '项目键', '项目名称（参考）', '一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据', '一级沿用上行', '二级沿用上行', '指标组',
    ]);
    for (const row of [2, 1000, 2000]) {
      expect(indicators.getCell(`C${row}`).dataValidation).toMatchObject({ type: 'list', formulae: ["'指标体系'!$A$2:$A$4"] });
      expect(indicators.getCell(`D${row}`).dataValidation).toMatchObject({ type: 'list', formulae: ["'指标体系'!$B$2:$B$10"] });
    }
    const framework = wb.getWorksheet('指标体系')!;
    expect([2, 3, 4].map((r) => framework.getCell(`A${r}`).value)).toEqual(['产出指标', '效益指标', '满意度指标']);
    expect(framework.getCell('B10').value).toBe('服务对象满意度指标');
    // in the file itself: one range per column, the header frozen
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet5.xml')!.async('string');
    expect(xml).toContain('sqref="C2:C2000"');
    expect(xml).toContain('sqref="D2:D2000"');
    expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml).toContain('<autoFilter ref="A1:K1"');
  });

  it('offers the chosen framework: cn-2021 lists 成本指标 as a first-level category and is used on import', async () => {
    const wb = await loadWorkbook(await exportTemplate({ frameworkId: 'cn-2021' }));
    expect(wb.getWorksheet('指标')!.getCell('C2').dataValidation.formulae).toEqual(["'指标体系'!$A$2:$A$5"]);
    expect(wb.getWorksheet('指标体系')!.getCell('A2').value).toBe('成本指标');
    fill(wb, '单位', [{ 单位名称: '测试单位', 年度: 2026 }]);
    fill(wb, '项目', [{ 项目名称: '经费', '预算数（万元）': 10 }]);
    fill(wb, '指标', [{ 项目键: '1-项目1', 一级指标: '成本指标', 二级指标: '经济成本指标', 三级指标: '成本', 指标值: '≤10万元' }]);
    // no 项目键 and no code: the project cannot be referenced
    await expect(readXlsx(await toBytes(wb), 't.xlsx')).rejects.toThrow(XlsxImportError);
    wb.getWorksheet('项目')!.getCell('A2').value = '1-项目1';
    const [doc] = await readXlsx(await toBytes(wb), 't.xlsx');
    expect(doc!.frameworkVersion).toBe('cn-2021');
    expect(doc!.projects[0]!.indicators[0]).toMatchObject({ level1: '成本指标', level2: '经济成本指标' });
  });

  it('filled in, imports to the expected model', async () => {
    const bytes = await toBytes(await filledTemplate());
    const [doc, ...more] = await readXlsx(bytes, 'filled.xlsx');
    expect(more).toEqual([]);
    const total1 = 20_982_000;
    const total2 = 99_999_999_990_000;
    const percentEntry = (checkpoint: string, percent: number, col: string) => ({
      checkpoint,
      percent,
      amount: amountOfPercent(total1, percent * 100),
      given: 'percent',
      source: { line: 2, ref: `项目!${col}2` },
    });
    const amountEntry = (checkpoint: string, amount: number | null, col: string) => {
      const h = amount === null ? null : percentHundredths(amount, total2);
      return { checkpoint, percent: h === null ? null : h / 100, amount, given: amount === null ? null : 'amount', source: { line: 3, ref: `项目!${col}3` } };
    };
    const indicator = (line: number, over: object) => ({
      level1Inherited: false,
      level2Inherited: false,
      description: null,
      basis: null,
      source: { line, ref: `指标!A${line}` },
      extras: [],
      ...over,
    });
    expect(doc).toMatchObject({
      file: 'filled.xlsx',
      format: 'xlsx',
      encoding: 'xlsx',
      sha256: sha256(bytes),
      year: 2025,
      department: { code: '763001', name: '测试单位', source: { line: 2, ref: '单位!C2' } },
      frameworkVersion: 'cn-2015',
      departmentGoals: {
        overall: '提升服务\n保障民生',
        overallSource: { line: 2, ref: '单位!E2' },
        subGoals: [{ title: '加强管理', numbering: '（一）', text: '完善制度', goalText: null, indicatorText: null, source: { line: 2, ref: '部门目标!D2' } }],
        measures: [{ title: '严明纪律', numbering: '1.', text: null, goalText: null, indicatorText: null }],
      },
    });
    const [p1, p2] = doc!.projects as [ParsedDocument['projects'][number], ParsedDocument['projects'][number]];
    expect(p1).toMatchObject({
      part: 'project',
      sequence: 1,
      title: '',
      code: CODE,
      name: '社区服务经费',
      year: 2025,
      department: { code: '763001', name: '测试单位' },
      amountUnit: '万元',
      budget: { total: total1, fiscal: total1, other: null },
      purpose: '用于社区服务',
      goals: ['服务群众', '提升满意度'],
      spendingPlan: [percentEntry('03', 25, 'L'), percentEntry('06', 50, 'M'), percentEntry('10', 75, 'N'), percentEntry('12', 100, 'O')],
      source: { line: 2, ref: '项目!A2' },
    });
    expect(p1.sources.total).toEqual({ line: 2, ref: '项目!G2' });
    expect(p1.indicators).toEqual([
      indicator(2, {
        level1: '产出指标', level2: '数量指标', level1Raw: '产出指标', level2Raw: '数量指标', name: '服务人次',
        description: '全年服务人次', target: parseTargetValue('≥1000人次'), basis: '计划标准',
        sources: {
          level1: { line: 2, ref: '指标!C2' }, level2: { line: 2, ref: '指标!D2' }, name: { line: 2, ref: '指标!E2' },
          description: { line: 2, ref: '指标!F2' }, target: { line: 2, ref: '指标!G2' }, basis: { line: 2, ref: '指标!H2' },
        },
      }),
      indicator(3, {
        level1: '产出指标', level2: '质量指标', level1Raw: '产出指标', level2Raw: '质量指标', level1Inherited: true, name: '服务合格率',
        target: parseTargetValue('≥95%'),
        sources: { level2: { line: 3, ref: '指标!D3' }, name: { line: 3, ref: '指标!E3' }, target: { line: 3, ref: '指标!G3' } },
      }),
      expect.objectContaining({ level1: '效益指标', level2: '社会效益指标', name: '群众获得感', target: parseTargetValue('显著提高') }),
      expect.objectContaining({ level1: '满意度指标', level2: '服务对象满意度指标', name: '群众满意度' }),
    ]);
    expect(p2).toMatchObject({
      part: 'public',
      sequence: 1,
      code: null,
      year: 2025,
      budget: { total: total2, fiscal: null, other: null },
      purpose: null,
      goals: [],
      spendingPlan: [amountEntry('03', 30_000_000, 'L'), amountEntry('06', 60_000_000, 'M'), amountEntry('10', null, 'N'), amountEntry('12', total2, 'O')],
    });
    expect(p2.indicators.map((i) => [i.level1, i.level2, i.level1Inherited, i.level2Inherited, i.name, i.target.raw])).toEqual([
      ['产出指标', '时效指标', false, false, '完成时间', '2025年12月底前'],
      ['产出指标', '时效指标', true, true, '支付及时率', '100%'],
    ]);
    // what the text importer would warn about is said here too, by cell
    expect(doc!.diagnostics.map((d) => [d.code, d.source.ref])).toEqual([
      ['blank-project-code', '项目!E3'],
      ['missing-goals', '项目!P3'],
    ]);
  });

  it('exported again and re-imported, the filled template gives the same model', async () => {
    const [doc] = await readXlsx(await toBytes(await filledTemplate()), 'filled.xlsx');
    const [again] = await readXlsx(await exportXlsx([doc!]), 'again.xlsx');
    expect(content(again!)).toEqual(content(doc!));
  });
});

// ---------------------------------------------------------------------------------------------
// Bad rows

async function badTemplate(): Promise<Buffer> {
  const wb = await filledTemplate();
  fill(wb, '项目', [{ 项目键: 'C', 项目名称: '坏金额项目', '预算数（万元）': 'abc' }]); // 项目 row 4
  fill(wb, '指标', [
    { 项目键: 'C', 一级指标: '产出指标', 二级指标: '数量指标', 三级指标: '人数', 指标值: '10人' }, // 指标 row 8: fine
    { 项目键: 'C', 一级指标: '产出指标', 二级指标: '神秘指标', 三级指标: '神秘', 指标值: '1' }, // row 9
    { 项目键: 'NOPE', 一级指标: '产出指标', 二级指标: '数量指标', 三级指标: '孤儿', 指标值: '1' }, // row 10
    { 项目键: CODE, 一级指标: '产出指标', 二级指标: '数量指标', 三级指标: '', 指标值: '1' }, // row 11
  ]);
  return toBytes(wb);
}

const EXPECTED_ERRORS = [
  { ref: '项目!G4', message: '预算数“abc”不是金额' },
  { ref: '指标!D9', message: '二级指标“神秘指标”不在指标体系（cn-2015）中' },
  { ref: '指标!A10', message: '项目“NOPE”不存在：项目表中没有这个项目键或项目编码' },
  { ref: '指标!E11', message: '三级指标为空' },
];

describe('a template with bad rows', () => {
  it('reports every bad cell in one error, the first in its one line', async () => {
    const error = await readXlsx(await badTemplate(), 'bad.xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxImportError);
    expect(error).toBeInstanceOf(DocumentReadError);
    const e = error as XlsxImportError;
    expect(e.errors).toEqual(EXPECTED_ERRORS);
    expect(e.toOneLine()).toBe('bad.xlsx: 项目!G4: 预算数“abc”不是金额（另有 3 处错误），未导入');
    expect(e.toLines()).toHaveLength(4);
  });

  it('imports nothing, neither through importDocumentsBytes nor as `jixiao import` does', async () => {
    const db = await useTestDatabase();
    await importDocumentsBytes(db, await exportXlsx([fixtures.f000]), 'earlier.xlsx');
    const before = await snapshotDatabase(db);
    const bytes = await badTemplate();

    const outcomes = await importDocumentsBytes(db, bytes, 'bad.xlsx');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ file: 'bad.xlsx', ok: false, errors: EXPECTED_ERRORS });
    expect(outcomes[0]!.ok ? '' : outcomes[0]!.message).toMatch(/^bad\.xlsx: 项目!G4: .*（另有 3 处错误）/);
    expect((await importBytes(db, bytes, 'bad.xlsx')).ok).toBe(false);

    const dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-'));
    try {
      const path = join(dir, 'bad.xlsx');
      writeFileSync(path, bytes);
      const viaCli = await importFiles(db, [path]);
      expect(viaCli).toMatchObject([{ ok: false, errors: EXPECTED_ERRORS }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('checks every kind of cell: document keys, years, parts, plans, flags, duplicate keys', async () => {
    const wb = await loadWorkbook(await exportTemplate());
    fill(wb, '单位', [
      { 文档编号: 'A', 单位名称: '甲单位', 年度: '二〇二五' },
      { 文档编号: 'B', 单位名称: '乙单位', 年度: 2025 },
    ]);
    fill(wb, '项目', [
      { 项目键: 'K', 项目名称: '无文档', '预算数（万元）': 1 }, // row 2: 文档编号 missing
      { 项目键: 'K', 文档编号: 'C', 项目名称: '错文档', '预算数（万元）': 1 }, // row 3: unknown document, duplicate key
      { 项目键: 'L', 文档编号: 'B', 部分: '其他', 项目名称: '错部分', '预算数（万元）': 1, 计划口径: '件', '3月底': 5 }, // row 4
      { 项目键: 'M', 文档编号: 'B', 项目名称: '错计划', '预算数（万元）': 1, '3月底': '33.333', '6月底': '很多', '12月底': 20.9825678, 计划口径: '%' }, // row 5
    ]);
    fill(wb, '指标', [
      { 项目键: 'L', 一级指标: '产出指标', 二级指标: '数量指标', 三级指标: 'x', 指标值: '1', 一级沿用上行: '也许' }, // row 2
      { 项目键: 'M', 一级指标: '神秘', 二级指标: '数量指标', 三级指标: 'y', 指标值: '1' }, // row 3
      { 项目键: 'M', 二级指标: '质量指标', 三级指标: 'z', 指标值: '1' }, // row 4: carries the unknown 一级 (reported once, above)
    ]);
    const e = (await readXlsx(await toBytes(wb), 'many.xlsx').catch((x: unknown) => x)) as XlsxImportError;
    expect(e).toBeInstanceOf(XlsxImportError);
    expect(e.errors.map((x) => x.ref)).toEqual([
      '单位!D2', // 年度 not a year
      '项目!B2', // 文档编号 missing with two units
      '项目!F2', // no indicator row points to K
      '项目!A3', // 项目键 K again
      '项目!B3', // 文档编号 C unknown
      '项目!C4', // 部分
      '项目!K4', // 计划口径
      '项目!L5', // 33.333%: more than two decimals
      '项目!M5', // 很多
      '项目!O5', // 20.9825678 as a percent: more than two decimals
      '指标!I2', // 一级沿用上行
      '指标!C3', // 一级指标 unknown
    ]);
    expect(e.errors.find((x) => x.ref === '单位!D2')!.message).toBe('年度“二〇二五”不是有效的年份');
    expect(e.errors.find((x) => x.ref === '项目!A3')!.message).toBe('项目键“K”重复');
  });

  it('names a missing sheet or column', async () => {
    const wb = await filledTemplate();
    wb.removeWorksheet(wb.getWorksheet('指标')!.id);
    wb.getWorksheet('项目')!.getCell('G1').value = '金额';
    // named at the first free header cell, after the project sheet's 23 columns
    const e = (await readXlsx(await toBytes(wb), 'broken.xlsx').catch((x: unknown) => x)) as XlsxImportError;
    expect(e.errors).toEqual([
      { ref: '项目!X1', message: '缺少必需的列“预算数（万元）”' },
      { ref: '指标!A1', message: '缺少工作表“指标”' },
    ]);
  });

  it('refuses an empty template and a file that is no workbook', async () => {
    await expect(readXlsx(await exportTemplate(), 'blank.xlsx')).rejects.toThrow('工作簿中没有任何数据');
    const notZip = await parseDocumentsBytes(Buffer.from('not a workbook'), 'x.xlsx').catch((e: unknown) => e);
    expect((notZip as DocumentReadError).toOneLine()).toBe('x.xlsx: 不是有效的 Excel 工作簿（.xlsx）：文件不是 zip 压缩包');
  });
});

// ---------------------------------------------------------------------------------------------
// Storing

describe('importing a workbook', () => {
  it('stores each document in its own transaction and loads them back equal; again is unchanged', async () => {
    const db = await useTestDatabase();
    const docs = [fixtures.f000, fixtures.f001, fixtures.f002, fixtures.f003];
    const bytes = await exportXlsx(docs);
    const outcomes = await importDocumentsBytes(db, bytes, 'all.xlsx');
    expect(outcomes.map((o) => (o.ok ? o.status : o.message))).toEqual(['imported', 'imported', 'imported', 'imported']);
    const ids = (await db.selectFrom('document').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids).toHaveLength(4);
    for (const [i, id] of ids.entries()) {
      const loaded = await loadDocument(db, id);
      expect(loaded).toEqual(outcomes[i]!.ok ? outcomes[i]!.document : undefined);
      expect(content(loaded!)).toEqual(content(docs[i]!));
    }
    const before = await snapshotDatabase(db);
    const again = await importDocumentsBytes(db, bytes, 'all.xlsx');
    expect(again.map((o) => o.ok && o.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('a single-document workbook also goes through importBytes; an amount above 1000亿元 is refused, named', async () => {
    const db = await useTestDatabase();
    const wb = await filledTemplate();
    // The second project's 99999999.99 万元 (the reader's range) is above the bound of what may be stored.
    const refused = await importBytes(db, await toBytes(wb), 'filled.xlsx');
    expect(refused.ok ? '' : refused.message).toMatch(/项目“运转经费”的预算数为 99999999\.99 万元：金额超过上限（1000亿元）/);
    const ws = wb.getWorksheet('项目')!;
    ws.getRow(1).eachCell((cell, col) => {
      if (cell.value === '预算数（万元）' || cell.value === '12月底') ws.getRow(3).getCell(col).value = 9999999.99;
    });
    const outcome = await importBytes(db, await toBytes(wb), 'filled.xlsx');
    expect(outcome).toMatchObject({ ok: true, status: 'imported' });
  });
});

describe('documents of other layouts in the workbook', () => {
  it('carry their fields, money lines, project budget, long-term goals and indicators, extra columns, narrative and department targets, and read back as the same content', async () => {
    const original = buildWideDocument();
    const bytes = await exportXlsx([original]);
    const [back] = await readXlsx(bytes, 'wide.xlsx');
    expect(modelContent(back!, { withDiagnostics: false })).toEqual(modelContent(original, { withDiagnostics: false }));
    expect(documentContentJson(back!)).toBe(documentContentJson(original));
    // located by cell
    expect(back!.projects[0]!.fields[0]!.source).toEqual({ line: 2, ref: '表单栏目!F2' });
    expect(back!.projects[0]!.indicators[0]!.extras[0]!.source).toEqual({ line: 2, ref: '附加列!F2' });
  });

  it('refuses a workbook with a bad cell on the new sheets, naming every one', async () => {
    const bytes = await exportXlsx([buildWideDocument()]);
    const wb = await loadWorkbook(bytes);
    wb.getWorksheet('表单栏目')!.getCell('G4').value = '一百万';
    wb.getWorksheet('指标')!.getCell('K2').value = '中期';
    wb.getWorksheet('附加列')!.getCell('B2').value = '不存在的项目';
    wb.getWorksheet('附加列')!.getCell('D3').value = 99;
    const broken = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const error = await readXlsx(broken, 'broken.xlsx').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(XlsxImportError);
    expect((error as XlsxImportError).errors.map((e) => e.ref)).toEqual(['指标!K2', '表单栏目!G4', '附加列!B2', '附加列!D3']);
    expect((error as XlsxImportError).errors.map((e) => e.message)).toEqual([
      '指标组“中期”应为“年度”或“长期”',
      '金额“一百万”不是金额',
      '项目“不存在的项目”不存在：项目表中没有这个项目键或项目编码',
      '指标序号 99 超出范围：该项目的年度指标只有 2 个',
    ]);
  });
});

describe('the 问题 sheet', () => {
  it('marks each finding of a rule repeated over many projects with the rule’s count and tables (still one row per finding)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx([fixtures.f003])) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('问题')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, k) => ws.getRow(k + 2).values as unknown[]);
    const noUnit = rows.filter((r) => r[col('规则')] === 'unit.no-unit');
    expect(noUnit).toHaveLength(108);
    expect(new Set(noUnit.map((r) => r[col('多项目重复')]))).toEqual(new Set([`本规则108条，涉及36个项目：表${Array.from({ length: 36 }, (_, i) => i + 1).join('、')}`]));
    // 003's part-one amount finding is about one project only: not marked
    expect(rows.filter((r) => r[col('规则')] === 'mismatch.part-one-amount').map((r) => r[col('多项目重复')] ?? null)).toEqual([null]);
  });
});
