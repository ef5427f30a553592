/**
 * The reader of workbooks laid out as forms (xlsx/read-grid.ts): the 申报表 of
 * test/documents/readers/xlsx (made by scripts/make-reader-documents.mjs with ExcelJS) and
 * workbooks built here for each rule: merged ranges, number formats, dates, limits, damage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Block, Cell } from '../../src/server/importers/blocks';
import { DocumentReadError } from '../../src/server/importers/errors';
import { READER_LIMITS } from '../../src/server/importers/limits';
import { formatNumber, readSheetGrid, sheetPrefix } from '../../src/server/importers/xlsx/read-grid';

const DOCUMENTS = join(__dirname, '..', 'documents', 'readers', 'xlsx');

// ---------------------------------------------------------------------------------------------
// Helpers: expected rows written out in full

/** A cell: [col, span, ...lines]; a continuation of a merged range: ['^', col, span]. */
type CellSpec = [number, number, ...string[]] | ['^', number, number];

const letter = (col: number) => String.fromCharCode(65 + col);

function R(table: number, sheet: string, row: number, ...specs: CellSpec[]): Block {
  const prefix = sheetPrefix(sheet);
  const cells: Cell[] = specs.map((spec) => {
    if (spec[0] === '^') {
      const [, col, span] = spec;
      return { lines: [''], sources: [{ line: row, ref: `${prefix}${letter(col)}${row}` }], mergedFromAbove: true, col, span };
    }
    const [col, span, ...lines] = spec;
    return { lines, sources: lines.map(() => ({ line: row, ref: `${prefix}${letter(col)}${row}` })), col, span };
  });
  return { kind: 'row', cells, source: { line: row, ref: `${prefix}A${row}` }, table };
}

async function bytesOf(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function readError(bytes: Uint8Array): Promise<DocumentReadError> {
  try {
    await readSheetGrid(bytes, 'form.xlsx');
  } catch (e) {
    if (e instanceof DocumentReadError) return e;
    throw e;
  }
  throw new Error('no DocumentReadError');
}

/** The lines of every row's cells (⇡ for a continuation): for the tests about cell text. */
const lines = (blocks: Block[]) => blocks.map((b) => (b.kind === 'row' ? b.cells.map((c) => (c.mergedFromAbove ? '⇡' : c.lines.join('/'))) : b.text));

// ---------------------------------------------------------------------------------------------

describe('a 申报表 typed into Excel', () => {
  it('every sheet, merged ranges as spans and continuations, numbers and dates as shown', async () => {
    const result = await readSheetGrid(readFileSync(join(DOCUMENTS, 'form.xlsx')), 'form.xlsx');
    const S = '申报表';
    expect(result.blocks).toEqual([
      R(0, S, 1, [0, 8, '财政项目支出绩效目标申报表']),
      R(0, S, 2, [0, 8, '（2025年度）']),
      // I3 is in a hidden column: read
      R(0, S, 3, [0, 1, '项目名称'], [1, 3, '老旧小区综合整治工程'], [4, 1, '项目编码'], [5, 3, '13020225P000000000001'], [8, 1, '隐藏列：内部编号 A-17']),
      R(0, S, 4, [0, 1, '主管部门'], [1, 3, '[203001]示范区民政局'], [4, 1, '实施单位'], [5, 3, '示范区社区服务中心']),
      // yyyy-mm-dd, and yyyy"年"m"月" (no day): a month
      R(0, S, 5, [0, 1, '计划开始日期'], [1, 3, '2025-01-01'], [4, 1, '计划完成月份'], [5, 3, '2025-12']),
      // #,##0.00; G6 a formula (its cached result)
      R(0, S, 6, [0, 1, '项目资金（元）'], [1, 1, '项目资金总额'], [2, 1, '12,345,600.00'], [3, 1, '其中：财政资金'], [4, 1, '10,000,000.00'], [5, 1, '其他资金'], [6, 1, '2,345,600.00']),
      R(0, S, 7, ['^', 0, 1], [1, 1, '年度资金申请总额'], [2, 1, '5,000,000.00'], [3, 1, '其中：当年财政拨款'], [4, 1, '4,000,000.00'], [5, 1, '上年结转资金'], [6, 1, '0.00']),
      R(0, S, 8, [0, 1, '资金支出进度'], [1, 1, '25%'], [2, 1, '50%'], [3, 1, '75.5%'], [4, 1, '100%']),
      // row 9 is empty: no block
      R(0, S, 10, [0, 4, '项目总目标'], [4, 4, '年度总体目标']),
      R(0, S, 11, [0, 4, '1.完成12个老旧小区改造', '2.改善居民居住条件'], [4, 4, '目标1：年内完成5个小区改造']),
      R(0, S, 12, [0, 1, '年度绩效指标'], [1, 1, '一级指标'], [2, 1, '二级指标'], [3, 1, '三级指标'], [4, 1, '年度指标值'], [5, 1, '绩效标准'], [6, 1, '备注']),
      R(0, S, 13, ['^', 0, 1], [1, 1, '产出指标'], [2, 1, '数量指标'], [3, 1, '改造小区数量'], [4, 1, '≥5个'], [5, 1, '计划标准']),
      // H14: 0.1+0.2 computed by Excel, shown as 0.3
      R(0, S, 14, ['^', 0, 1], ['^', 1, 1], [2, 1, '质量指标'], [3, 1, '工程验收合格率'], [4, 1, '100%'], [5, 1, '行业标准'], [6, 1, ''], [7, 1, '0.3']),
      R(0, S, 15, ['^', 0, 1], [1, 1, '满意度指标'], [2, 1, '服务对象满意度指标'], [3, 1, '居民满意度'], [4, 1, '≥90%'], [5, 1, '历史标准'], [6, 1, '是']),
      R(0, S, 16, [0, 1, '审核备注'], [1, 1, '隐藏行：仅供财政审核使用']),
      // empty cells between label and value kept; a phone number in General format stays whole
      R(0, S, 17, [0, 1, '填表人：张三'], [1, 1, ''], [2, 1, ''], [3, 1, ''], [4, 1, '联系电话：'], [5, 1, '13800138000'], [6, 1, ''], [7, 1, '#N/A']),
      R(1, '填报说明', 1, [0, 1, '本表由项目实施单位填写']),
      R(2, '附表 1', 1, [0, 1, '指标名称'], [1, 1, '2024年实际'], [2, 1, '2025年目标']),
      R(2, '附表 1', 2, [0, 1, '改造面积（平方米）'], [1, 1, '12,000.5'], [2, 1, '15,000']),
    ]);
    expect(result.blocks[17]!.source.ref).toBe("'附表 1'!A1");
    expect(result.diagnostics).toEqual([
      { severity: 'warning', code: 'xlsx.error-value', message: '单元格是错误值 #N/A', source: { line: 17, ref: '申报表!H17' } },
      { severity: 'info', code: 'xlsx.hidden-cells', message: '工作表“申报表”中有隐藏的行（第 16 行）和列（I 列），其内容已照常读取', source: { line: 16, ref: '申报表!A16' } },
      { severity: 'info', code: 'xlsx.hidden-sheet', message: '工作表“填报说明”是隐藏的，其内容已照常读取', source: { line: 1, ref: '填报说明!A1' } },
    ]);
  });

  it('a broken (truncated) workbook is refused with one line', async () => {
    const e = await readError(readFileSync(join(DOCUMENTS, 'broken.xlsx')));
    expect(e.toOneLine()).toBe('form.xlsx: 不是有效的 Excel 工作簿（.xlsx）：压缩包已损坏或不完整');
  });
});

describe('merged ranges and row extents', () => {
  it('a range over rows and columns: the master spans, each row below has one continuation of the same width', async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet('表');
      ws.mergeCells('B1:C3');
      ws.getCell('B1').value = '合并';
      ws.getCell('A1').value = '一';
      ws.getCell('A2').value = '二';
      ws.getCell('D3').value = '三';
      ws.mergeCells('A5:B6'); // an empty merged range: row 5 has no text, row 6 neither
      ws.getCell('E7').value = '';
    });
    const r = await readSheetGrid(bytes, 'x.xlsx');
    expect(r.blocks).toEqual([
      R(0, '表', 1, [0, 1, '一'], [1, 2, '合并']),
      // the continuation is given only up to the last column with text
      R(0, '表', 2, [0, 1, '二']),
      R(0, '表', 3, [0, 1, ''], ['^', 1, 2], [3, 1, '三']),
    ]);
  });

  it('rows with only continuations or empty strings are no blocks; a row whose merged text runs past its last cell ends at the range', async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet('S');
      ws.mergeCells('A1:A2');
      ws.getCell('A1').value = '纵向';
      ws.getCell('A3').value = '  ';
      ws.mergeCells('C4:F4');
      ws.getCell('C4').value = '右侧合并';
    });
    expect((await readSheetGrid(bytes, 'x.xlsx')).blocks).toEqual([
      R(0, 'S', 1, [0, 1, '纵向']),
      R(0, 'S', 3, [0, 1, '  ']),
      R(0, 'S', 4, [0, 1, ''], [1, 1, ''], [2, 4, '右侧合并']),
    ]);
  });

  it('the table index is the sheet index, empty sheets included; veryHidden sheets are read and named', async () => {
    const bytes = await bytesOf((wb) => {
      wb.addWorksheet('空表');
      wb.addWorksheet('内部', { state: 'veryHidden' }).getCell('B2').value = '值';
    });
    const r = await readSheetGrid(bytes, 'x.xlsx');
    expect(r.blocks).toEqual([R(1, '内部', 2, [0, 1, ''], [1, 1, '值'])]);
    expect(r.diagnostics).toEqual([
      { severity: 'info', code: 'xlsx.hidden-sheet', message: '工作表“内部”是隐藏的，其内容已照常读取', source: { line: 1, ref: '内部!A1' } },
    ]);
  });

  it('sheet names are quoted in refs as Excel quotes them', () => {
    expect(sheetPrefix('项目')).toBe('项目!');
    expect(sheetPrefix('Sheet1')).toBe('Sheet1!');
    expect(sheetPrefix('My Sheet')).toBe("'My Sheet'!");
    expect(sheetPrefix("O'Brien")).toBe("'O''Brien'!");
    expect(sheetPrefix('2024')).toBe("'2024'!");
    expect(sheetPrefix('A1')).toBe("'A1'!");
    expect(sheetPrefix('R1C1')).toBe("'R1C1'!");
    expect(sheetPrefix('表（一）')).toBe("'表（一）'!");
    expect(sheetPrefix('预算-2025')).toBe("'预算-2025'!");
  });
});

describe('cell text as Excel shows it', () => {
  it('strings with line breaks and OOXML escapes, rich text, hyperlinks, booleans, formulas', async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = '第一行\r\n第二行\n';
      ws.getCell('B1').value = '回车_x000D_换行 _x005F_x0041_';
      ws.getCell('C1').value = { richText: [{ text: '目标1：', font: { bold: true } }, { text: '完成\n改造' }] };
      ws.getCell('D1').value = { text: '链接文字', hyperlink: 'http://example.gov.cn' };
      ws.getCell('E1').value = false;
      ws.getCell('F1').value = { formula: 'A1&"x"', result: '文本结果' };
      ws.getCell('G1').value = { formula: 'TRUE()', result: true };
    });
    expect(lines((await readSheetGrid(bytes, 'x.xlsx')).blocks)).toEqual([
      // _x000D_ is a carriage return (a line break), _x005F_ an escaped "_": decoded once
      ['第一行/第二行/', '回车/换行 _x0041_', '目标1：完成/改造', '链接文字', '否', '文本结果', '是'],
    ]);
  });

  it('a formula without a cached result is blank, with a warning', async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = '合计';
      ws.getCell('B1').value = { formula: 'SUM(C1:C9)' } as ExcelJS.CellFormulaValue;
    });
    const r = await readSheetGrid(bytes, 'x.xlsx');
    expect(lines(r.blocks)).toEqual([['合计']]);
    expect(r.diagnostics).toEqual([
      { severity: 'warning', code: 'xlsx.formula-no-result', message: '公式没有计算结果（未保存计算值），单元格按空白读取；请在 Excel 中重新计算并保存', source: { line: 1, ref: 'S!B1' } },
    ]);
  });

  it('dates: YYYY-MM-DD, YYYY-MM without a day, with the time when the format shows hours', async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet('S');
      const cells: Array<[string, Date, string]> = [
        ['A1', new Date(Date.UTC(2025, 2, 31)), 'yyyy/m/d'],
        ['B1', new Date(Date.UTC(2025, 2, 31)), 'mmm-yy'],
        ['C1', new Date(Date.UTC(2025, 2, 31)), 'm"月"d"日"'],
        ['D1', new Date(Date.UTC(2025, 2, 31, 14, 30)), 'yyyy-mm-dd hh:mm'],
        ['E1', new Date(Date.UTC(1899, 11, 30, 8, 5, 9)), 'hh:mm:ss'],
      ];
      for (const [ref, value, numFmt] of cells) {
        ws.getCell(ref).value = value;
        ws.getCell(ref).numFmt = numFmt;
      }
    });
    expect(lines((await readSheetGrid(bytes, 'x.xlsx')).blocks)).toEqual([['2025-03-31', '2025-03', '2025-03-31', '2025-03-31 14:30', '08:05:09']]);
  });

  it("the Chinese built-in date formats (ids 31, 57, 58), which ExcelJS does not know, still give dates", async () => {
    const built = await bytesOf((wb) => {
      const ws = wb.addWorksheet('日期');
      ws.getCell('A1').value = 45658; // 2025-01-01
      ws.getCell('A1').numFmt = 'yyyy"年"m"月"d"日"';
      ws.getCell('B1').value = 45689; // 2025-02-01
      ws.getCell('B1').numFmt = 'yyyy"年"m"月"';
      ws.getCell('C1').value = 45747; // 2025-03-31
      ws.getCell('C1').numFmt = 'm"月"d"日"';
      ws.getCell('D1').value = 45747;
    });
    // Rewrite the styles as Excel in Chinese writes them: built-in ids, no format codes.
    const zip = await JSZip.loadAsync(built);
    let styles = await zip.file('xl/styles.xml')!.async('string');
    const ids = new Map<string, string>();
    for (const m of styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)) {
      const code = m[2]!.replace(/&quot;/g, '"');
      ids.set(m[1]!, code === 'yyyy"年"m"月"d"日"' ? '31' : code === 'yyyy"年"m"月"' ? '57' : '58');
    }
    expect(ids.size).toBe(3);
    styles = styles.replace(/<numFmts[^>]*>[\s\S]*?<\/numFmts>/, '').replace(/numFmtId="(\d+)"/g, (all, id: string) => (ids.has(id) ? `numFmtId="${ids.get(id)}"` : all));
    zip.file('xl/styles.xml', styles);
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const direct = new ExcelJS.Workbook();
    await direct.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(direct.worksheets[0]!.getCell('A1').value).toBe(45658); // what ExcelJS alone gives
    expect(lines((await readSheetGrid(bytes, 'x.xlsx')).blocks)).toEqual([['2025-01-01', '2025-02', '2025-03-31', '45747']]);
  });

  it('number formats: decimals, thousands, percent, literal text, currency, negative sections, scaling', () => {
    const cases: Array<[number, string | undefined, string]> = [
      [12345600, '#,##0.00', '12,345,600.00'],
      [1262.16, '0.00', '1262.16'],
      [2.5, '0', '3'],
      [1.005, '0.00', '1.01'], // Excel rounds what it shows at 15 digits: 1.005, not 1.00499999…
      [0.98, '0%', '98%'],
      [0.98765, '0.00%', '98.77%'],
      [0.755, '0.0%', '75.5%'],
      [-1234.5, '#,##0', '-1,235'],
      [-5, '#,##0.00;[Red]-#,##0.00', '-5.00'],
      [-5, '#,##0.00_);(#,##0.00)', '(5.00)'],
      [5, '#,##0.00_);(#,##0.00)', '5.00'],
      [0, '#,##0.00;-#,##0.00;"-"', '-'],
      [12.5, '0.00"万元"', '12.50万元'],
      [1234, '[$¥-804]#,##0.00', '¥1,234.00'],
      [1234567, '#,##0,', '1,235'],
      [5, '0.##', '5.'],
      [1.25, '0.0#', '1.25'],
      [1.5, '0.0#', '1.5'],
      [0.5, '#.##', '.5'],
      [-0.001, '0.00', '0.00'],
      [0.1 + 0.2, undefined, '0.3'],
      [0.1 + 0.2, 'General', '0.3'],
      [13800138000, 'General', '13800138000'],
      [12345, '0.00E+00', '12345'], // not rendered here: the exact number
      [12.5, 'G/通用格式', '12.5'],
      [12, '@', '12'],
      [5, '[>=100]0;0.0', '5'],
      [1234, '000-000', '1234'],
      [45658, 'yyyy"年"m"月"d"日"', '2025-01-01'],
      [1e21, '#,##0', '1e+21'],
      [123456789.123, '#,##0.000', '123,456,789.123'],
    ];
    for (const [n, format, shown] of cases) expect(formatNumber(n, format), `${n} ${format}`).toBe(shown);
  });
});

describe('limits and damage', () => {
  it('a sheet with a value past READER_LIMITS.sheetRows is refused', async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet('长表');
      ws.getCell('A1').value = '标题';
      ws.getCell(READER_LIMITS.sheetRows + 1, 1).value = '末行';
    });
    expect((await readError(bytes)).message).toBe(`超过限制：工作表“长表”的行数 ${READER_LIMITS.sheetRows + 1} 行，最多 ${READER_LIMITS.sheetRows} 行`);
  });

  it('a sheet with a value past READER_LIMITS.sheetColumns is refused; formatting alone does not count', async () => {
    const wide = await bytesOf((wb) => {
      wb.addWorksheet('宽表').getCell(1, READER_LIMITS.sheetColumns + 1).value = 'x';
    });
    expect((await readError(wide)).message).toBe(`超过限制：工作表“宽表”的列数 ${READER_LIMITS.sheetColumns + 1} 列，最多 ${READER_LIMITS.sheetColumns} 列`);
    const styled = await bytesOf((wb) => {
      const ws = wb.addWorksheet('格式');
      ws.getCell('A1').value = '内容';
      ws.getCell(READER_LIMITS.sheetRows + 5, READER_LIMITS.sheetColumns + 5).border = { top: { style: 'thin' } };
    });
    expect(lines((await readSheetGrid(styled, 'x.xlsx')).blocks)).toEqual([['内容']]);
  });

  it('not a zip, an empty file, a zip without a workbook, a workbook without text: one line each', async () => {
    expect((await readError(new TextEncoder().encode('项目名称,预算数'))).message).toBe('不是有效的 Excel 工作簿（.xlsx）：文件不是 ZIP 压缩包');
    expect((await readError(new Uint8Array())).message).toBe('文件为空');
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    expect((await readError(await zip.generateAsync({ type: 'uint8array' }))).message).toBe('不是有效的 Excel 工作簿（.xlsx）：缺少 xl/workbook.xml');
    expect((await readError(await bytesOf((wb) => wb.addWorksheet('空')))).message).toBe('工作簿中没有文字');
  });

  it('every cut of a workbook is a DocumentReadError, never another exception', async () => {
    const bytes = readFileSync(join(DOCUMENTS, 'form.xlsx'));
    for (const cut of [30, 200, 1000, 3000, bytes.length - 200, bytes.length - 22]) {
      const e = await readError(bytes.subarray(0, cut));
      expect(e.message, String(cut)).toMatch(/^不是有效的 Excel 工作簿（\.xlsx）：/);
    }
  });
});
