/**
 * Issue 70, the structure stage: a header row over the header row (structure/upper-header.ts) — 绩效指标 | 年度指标值 |
 * 实际完成值 | 分值 | 得分 over 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位, the national 自评表's header —
 * read as one header whose columns merged down over both rows take their text from the row above, as a web page
 * (rowspan, colspan) and as extracted text (a spanning cell is one cell, a merged one is left out of the row under
 * it). A target table with such a header reads too; a row of the form above a header is not taken for one.
 */
import { describe, expect, it } from 'vitest';
import { RowWithMemo, type RowBlock } from '../../src/server/importers/blocks';
import { readHtml } from '../../src/server/importers/html/read-html';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { readHeaderBlock } from '../../src/server/importers/structure/header';
import { upperHeaderLeaves } from '../../src/server/importers/structure/upper-header';

/** Rows of extracted text: each row its cells' texts. */
const textRows = (rows: string[][]): RowBlock[] => rows.map((cells, k) => new RowWithMemo(cells.map((t) => ({ lines: [t], sources: [{ line: k + 1 }] })), { line: k + 1 }));

const UPPER = ['绩效指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
const HEADER = ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'];
const ROW = ['产出指标', '数量指标', '巡查次数', '≥', '24', '次', '26次', '10', '10', ''];

const columns = (rows: RowBlock[], at: number) => readHeaderBlock(rows, at).columns.map((c) => [c.path.join('›'), c.field]);

const EXPECTED = [
  ['绩效指标›一级指标', 'level1'],
  ['绩效指标›二级指标', 'level2'],
  ['绩效指标›三级指标', 'name'],
  ['年度指标值›指标性质', 'nature'],
  ['年度指标值›指标值', 'target'],
  ['年度指标值›度量单位', 'unit'],
  ['实际完成值', null],
  ['分值', 'weight'],
  ['得分', null],
  ['偏差原因分析及改进措施', null],
];

describe('a header row over the header row', () => {
  it('in extracted text: the spanning cells over their parts, the merged ones as columns of their own', () => {
    const rows = textRows([UPPER, HEADER, ROW, ['', '质量指标', '验收合格率', '≥', '95', '%', '100%', '10', '10', '']]);
    const block = readHeaderBlock(rows, 1);
    expect([block.from, block.to, block.at]).toEqual([0, 2, 1]);
    expect(columns(rows, 1)).toEqual(EXPECTED);
    // each column stands where the rows' cells do
    expect(block.columns.map((c) => c.start)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('in extracted text whose row above is as wide as the rows (a spanning cell followed by the empty cells it covers): the same columns', () => {
    const wide = [UPPER[0]!, '', '', UPPER[1]!, '', '', ...UPPER.slice(2)];
    expect(columns(textRows([wide, HEADER, ROW]), 1)).toEqual(EXPECTED);
    // the header row written as wide too, its merged cells empty
    expect(columns(textRows([wide, [...HEADER, '', '', '', ''], ROW]), 1)).toEqual(EXPECTED);
    // and the header row as wide under the short row above (the walk takes its empty cells for the merged ones)
    expect(columns(textRows([UPPER, [...HEADER, '', '', '', ''], ROW]), 1)).toEqual(EXPECTED);
  });

  it('on a web page (rowspan, colspan): the same columns', () => {
    const html = `<table>
      <tr><td colspan="3">${UPPER[0]}</td><td colspan="3">${UPPER[1]}</td>${UPPER.slice(2).map((t) => `<td rowspan="2">${t}</td>`).join('')}</tr>
      <tr>${HEADER.map((t) => `<td>${t}</td>`).join('')}</tr>
      <tr>${ROW.map((t) => `<td>${t}</td>`).join('')}</tr></table>`;
    const rows = readHtml(Buffer.from(html), 'h.html').blocks.filter((b): b is RowBlock => b.kind === 'row');
    expect(readHeaderBlock(rows, 1).from).toBe(0);
    expect(columns(rows, 1)).toEqual(EXPECTED);
  });

  it('in a sheet, whose reader leaves out the merged cells that end the header row: the same columns', () => {
    // grid positions given, the header row holding only its six cells (a merged range's cells after them not written)
    const grid = (cells: [number, number, string][], line: number): RowBlock =>
      new RowWithMemo(cells.map(([col, span, t]) => ({ lines: [t], sources: [{ line }], col, span })), { line });
    const rows = [
      grid([[0, 3, UPPER[0]!], [3, 3, UPPER[1]!], ...UPPER.slice(2).map((t, k): [number, number, string] => [6 + k, 1, t])], 1),
      grid(HEADER.map((t, k): [number, number, string] => [k, 1, t]), 2),
      grid(ROW.map((t, k): [number, number, string] => [k, 1, t]), 3),
    ];
    expect(readHeaderBlock(rows, 1).from).toBe(0);
    expect(columns(rows, 1)).toEqual(EXPECTED);
  });

  it('is not taken when the rows under it are wider than its columns, or when the row above is no header', () => {
    // eleven cells a row where the two header rows give ten columns: the walk does not fit
    expect(upperHeaderLeaves(textRows([UPPER, HEADER, [...ROW, '']]), 1, 2)).toBeNull();
    // a goal above the header: a text, not a header
    expect(upperHeaderLeaves(textRows([['年度绩效目标', '完成小型水库巡查24次，确保安全度汛。'], HEADER, ROW.slice(0, 6)]), 1, 2)).toBeNull();
    // a row of labels above the header with nothing merged down and nothing spanning
    expect(upperHeaderLeaves(textRows([['项目名称', '小型水库运行管护'], HEADER, ROW.slice(0, 6)]), 1, 2)).toBeNull();
    // a short goal over the header, in a printed table (a real 烟台 disclosure): 总体目标 over the label column, its words
    // spanning the header cells — neither heads a column
    const grid = (cells: [number, number, string, boolean?][], line: number): RowBlock =>
      new RowWithMemo(cells.map(([col, span, t, merged]) => ({ lines: [t], sources: [{ line }], col, span, ...(merged ? { mergedFromAbove: true } : {}) })), { line });
    const goal = [
      grid([[0, 1, '总体目标'], [1, 4, '保障单位公务用车出行']], 1),
      grid([[0, 1, '', true], [1, 1, '一级指标'], [2, 1, '二级指标'], [3, 1, '三级指标'], [4, 1, '指标值']], 2),
      grid([[0, 1, '绩效指标'], [1, 1, '产出指标'], [2, 1, '数量指标'], [3, 1, '车辆使用次数'], [4, 1, '≥60次']], 3),
    ];
    expect(upperHeaderLeaves(goal, 1, 2)).toBeNull();
    expect(upperHeaderLeaves(textRows([['总体目标', '保障单位公务用车出行'], ['', '一级指标', '二级指标', '三级指标', '指标值'], ['绩效指标', '产出指标', '数量指标', '车辆使用次数', '≥60次']]), 1, 2)).toBeNull();
    // a header with no row above it reads as before
    const rows = textRows([HEADER, ROW.slice(0, 6)]);
    expect(readHeaderBlock(rows, 0).columns.map((c) => c.path.join('›'))).toEqual(HEADER);
  });

  it('a target table with such a header: every indicator with its target joined from its three cells', async () => {
    const text = [
      '2025年项目支出绩效目标表',
      '',
      '\t项目名称',
      '\t小型水库运行管护',
      '',
      '\t年度预算数（万元）',
      '\t36.00',
      '',
      '\t年度绩效目标',
      '\t完成全县小型水库日常巡查和维修养护，确保安全度汛。',
      '',
      '\t绩效指标',
      '\t年度指标值',
      '\t指标值确定依据',
      '',
      ...HEADER.map((t) => `\t${t}`),
      '',
      ...['产出指标', '数量指标', '水库巡查次数', '≥', '24', '次', '计划标准'].map((t) => `\t${t}`),
      '',
      ...['', '质量指标', '维修工程验收合格率', '≥', '95', '%', '行业标准'].map((t) => `\t${t}`),
      '',
      ...['满意度指标', '服务对象满意度指标', '周边群众满意度', '≥', '90', '%', '历史标准'].map((t) => `\t${t}`),
      '',
    ].join('\n');
    const doc = await parseDocumentBytes(Buffer.from(text, 'utf8'), 'upper.txt');
    expect(doc.projects).toHaveLength(1);
    const p = doc.projects[0]!;
    expect(p.reading).toEqual({ certain: true, doubts: [] });
    expect(p.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.basis])).toEqual([
      ['产出指标', '数量指标', '水库巡查次数', '≥24次', '计划标准'],
      ['产出指标', '质量指标', '维修工程验收合格率', '≥95%', '行业标准'],
      ['满意度指标', '服务对象满意度指标', '周边群众满意度', '≥90%', '历史标准'],
    ]);
  });
});
