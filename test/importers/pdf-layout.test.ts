/**
 * The PDF reader's geometry on synthetic pages (no pdf.js, no producer): rules to grids, runs to
 * cells and lines, wraps, page furniture, paragraphs, tables across pages. The layout documents
 * (layouts.test.ts) and the fixtures printed to PDF check the same on real files.
 */
import { describe, expect, it } from 'vitest';
import type { RowBlock } from '../../src/server/importers/blocks';
import { assembleBlocks } from '../../src/server/importers/pdf/assemble';
import { findTables, groupLines, isWrap, type PageContent, type Rule, type TextRun } from '../../src/server/importers/pdf/layout';
import { h, hRect, page, paragraphs, rows, run, texts, v, vRect } from '../support/pdf-geometry';

/** A table of three columns (60–120–220–320) with a rule at each of `ys`. */
const frame = (ys: number[]) => [...ys.map((y) => h(y, 60, 320)), ...[60, 120, 220, 320].map((x) => v(x, ys[0]!, ys[ys.length - 1]!))];

describe('tables from ruling lines', () => {
  // 产出指标 spans two rows (no rule under it); 数量指标 | 质量指标 are two rows; 三级 spans nothing.
  //  100 ┌──────┬──────────┬──────────┐
  //      │      │ 数量指标 │ 改造数量 │
  //  130 │产出  ├──────────┼──────────┤
  //      │指标  │ 质量指标 │ 合格率   │
  //  160 └──────┴──────────┴──────────┘
  //     60     120        220        320
  const grid = [h(100, 60, 320), h(130, 120, 320), h(160, 60, 320), v(60, 100, 160), v(120, 100, 160), v(220, 100, 160), v(320, 100, 160)];
  const words = [run('产出', 70, 125), run('指标', 70, 140), run('数量指标', 130, 118), run('改造数量', 230, 118), run('质量指标', 130, 148), run('合格率', 230, 148)];

  it('a cell without a rule under it continues into the next row; its text stays whole in the cell where it starts', () => {
    const { tables, outside } = findTables(page(1, grid, words));
    expect(outside).toEqual([]);
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect(t.rows.map((r) => r.map((c) => [c.col, c.span, c.mergedFromAbove, c.lines.map((l) => l.text).join('/')]))).toEqual([
      [[0, 1, false, '产出/指标'], [1, 1, false, '数量指标'], [2, 1, false, '改造数量']],
      [[0, 1, true, ''], [1, 1, false, '质量指标'], [2, 1, false, '合格率']],
    ]);
  });

  it('thin filled rectangles are rules too (Word, Chrome), and give the same grid', () => {
    const rects = [hRect(100, 60, 320), hRect(130, 120, 320), hRect(160, 60, 320), vRect(60, 100, 160), vRect(120, 100, 160), vRect(220, 100, 160), vRect(320, 100, 160)];
    const a = findTables(page(1, grid, words)).tables[0]!;
    const b = findTables(page(1, rects, words)).tables[0]!;
    expect(b.rows.map((r) => r.map((c) => [c.col, c.span, c.mergedFromAbove, c.lines.map((l) => l.text)]))).toEqual(a.rows.map((r) => r.map((c) => [c.col, c.span, c.mergedFromAbove, c.lines.map((l) => l.text)])));
  });

  it('a cell without a rule between it and the next spans their columns; a run over a rule is cut at it', () => {
    // Row 1: 项目名称 | (one cell over two columns); row 2: three cells. The run "金额100万元" was
    // drawn as one run across the rule at x=200, which stands between its "100" and "万元".
    const rules = [h(100, 100, 300), h(120, 100, 300), h(140, 100, 300), v(100, 100, 140), v(160, 100, 140), v(200, 120, 140), v(300, 100, 140)];
    const runs = [run('项目名称', 105, 115), run('老旧小区改造', 165, 115), run('预算数', 105, 135), run('金额100万元', 165, 135)];
    const t = findTables(page(1, rules, runs)).tables[0]!;
    expect(t.rows.map((r) => r.map((c) => [c.col, c.span, c.lines.map((l) => l.text).join('')]))).toEqual([
      [[0, 1, '项目名称'], [1, 2, '老旧小区改造']],
      [[0, 1, '预算数'], [1, 1, '金额100'], [2, 1, '万元']],
    ]);
  });

  it("a cell's last line drawn over its foot goes back to it; a cramped cell's first line set on its rule stays (issue 68)", () => {
    const cellTexts = (t: ReturnType<typeof findTables>['tables'][number]) => t.rows.map((r) => r.map((c) => c.lines.map((l) => l.text).join('/')));
    // WPS: "…权威" fills its cell, its "性" is drawn right under the rule, centred, at the table's own line spacing (the
    // two-line cell below sets it: 0.2 of the font size)
    const over = findTables(
      page(1, frame([100, 113, 144, 170]), [
        run('执法程序合法率权威', 121, 110.5),
        run('性', 165, 122.5),
        run('有所提高', 230, 132),
        run('生态效益指标说明文', 121, 153),
        run('字第二行', 121, 165),
      ]),
    ).tables[0]!;
    expect(cellTexts(over)[0]![1]).toBe('执法程序合法率权威/性');
    expect(cellTexts(over)[1]![1]).toBe('');
    // 西安 气象局: two cramped cells whose two lines each are set from their top rule at 0.2 of the font size; the upper
    // one's second line already runs over its foot, the lower one's first line stands on the rule, tighter than the
    // table's line spacing — it begins the cell below
    const cramped = findTables(
      page(1, frame([100, 122, 144]), [
        run('发挥人影作业在抗旱', 121, 109),
        run('减灾森林火险水源地', 121, 121),
        run('效果明显', 230, 115),
        run('发挥气象防灾减灾第', 121, 131.1),
        run('一道防线的作用', 121, 143.1),
        run('意识增强', 230, 137),
      ]),
    ).tables[0]!;
    expect(cellTexts(cramped).map((r) => r[1])).toEqual(['发挥人影作业在抗旱/减灾森林火险水源地', '发挥气象防灾减灾第/一道防线的作用']);
  });

  it("text a spreadsheet clipped at its cell's foot, drawn under the next cell's own text, goes back to its cell (issue 68)", () => {
    // "经济效益" and its second line "指标", which the cell had no room for, drawn over the next cell's "社会效益"
    const t = findTables(page(1, frame([100, 112, 124]), [run('经济效益', 150, 109), run('指标', 160, 121.5), run('社会效益', 150, 123), run('宣传覆盖率', 225, 121)])).tables[0]!;
    expect(t.rows.map((r) => r[1]!.lines.map((l) => l.text).join('/'))).toEqual(['经济效益/指标', '社会效益']);
  });

  it('a lone rule (an underline, a separator) is no table', () => {
    const { tables, outside } = findTables(page(1, [h(200, 60, 500)], [run('填报说明', 60, 190)]));
    expect(tables).toEqual([]);
    expect(outside.map((r) => r.text)).toEqual(['填报说明']);
  });
});

describe('lines and wraps inside a cell', () => {
  it('runs on one baseline are one line; a Latin font\'s baseline a point off still is', () => {
    const lines = groupLines([run('项目编码', 10, 100), run('13020225P008911100023', 60, 101), run('下一行', 10, 115)]);
    expect(lines.map((l) => l.text)).toEqual(['项目编码13020225P008911100023', '下一行']);
  });

  it('spaces beside Chinese are typography, between Latin words they stay', () => {
    expect(groupLines([run('2025年', 10, 100), run('工', 47, 100), run('作计划', 60, 100)]).map((l) => l.text)).toEqual(['2025年工作计划']);
    expect(groupLines([run('ISO', 10, 100), run('9001', 30, 100)]).map((l) => l.text)).toEqual(['ISO 9001']);
  });

  it('a line that had no room left for the next word wraps; a short line, a numbered item or a gap does not', () => {
    const [full, next] = groupLines([run('老旧小区综合整治工', 102, 100), run('程', 102, 113)]);
    expect(isWrap(full!, next!, 200, 2)).toBe(true);
    expect(isWrap(full!, next!, 260, 2)).toBe(false);
    const [, item] = groupLines([run('老旧小区综合整治工', 102, 100), run('2.提升居住条件', 102, 113)]);
    expect(isWrap(full!, item!, 200, 2)).toBe(false);
    const [, far] = groupLines([run('老旧小区综合整治工', 102, 100), run('程', 102, 125)]);
    expect(isWrap(full!, far!, 200, 2)).toBe(false);
  });

  it('a word or number cut by a wrap is one line again; other wraps are marked, paragraphs kept', () => {
    const rules = [h(100, 100, 200), h(160, 100, 200), v(100, 100, 160), v(200, 100, 160)];
    const runs = [run('13020225P0089111', 102, 112), run('00023', 102, 124), run('1.完成小区综合改造工', 102, 136), run('程', 102, 148)];
    const cell = findTables(page(1, rules, runs)).tables[0]!.rows[0]![0]!;
    expect(cell.lines.map((l) => l.text)).toEqual(['13020225P008911100023', '1.完成小区综合改造工', '程']);
    expect(cell.wraps).toEqual([false, false, true]);
  });
});

describe('pages: furniture, paragraphs, tables across pages', () => {
  const table = (top: number, cells: string[][]) => {
    // A three-column table from `top`, 20 points a row.
    const rules: Rule[] = [v(60, top, top + 20 * cells.length), v(200, top, top + 20 * cells.length), v(340, top, top + 20 * cells.length), v(480, top, top + 20 * cells.length)];
    const runs: TextRun[] = [];
    cells.forEach((row, i) => {
      rules.push(h(top + 20 * i, 60, 480));
      row.forEach((text, c) => {
        if (text !== '') runs.push(run(text, 62 + 140 * c, top + 20 * i + 14));
      });
    });
    rules.push(h(top + 20 * cells.length, 60, 480));
    return { rules, runs };
  };

  it('page numbers and a running head repeated on every page are left out, and said so once', () => {
    const pages = [1, 2, 3].map((n) => page(n, [], [run('示范区民政局2025年部门预算', 200, 40), run(`正文第${n}页的内容`, 60, 200), run(`— ${n} —`, 280, 810)]));
    const { blocks, diagnostics } = assembleBlocks(pages);
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual(['正文第1页的内容', '正文第2页的内容', '正文第3页的内容']);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['pdf.page-furniture', '页眉、页脚和页码共 6 行，未作为正文读取']]);
  });

  it('a line that runs to the margin goes on in the next; an indented line or a numbered item starts a paragraph', () => {
    const body = [
      run('一、总体绩效目标', 60, 100, 16),
      run('保障城乡低保对象基本生活，做到应保尽保，全年发放', 92, 130, 16), // indented first line, to the margin
      run('低保资金800万元。', 60, 158, 16),
      run('完成社区养老服务驿站建设，全年新增驿站八个以上。', 92, 186, 16), // indented: a new paragraph
      run('（一）加强组织领导，统筹推进各项工作任务落实到位', 60, 214, 16),
      run('（二）强化资金保障', 60, 242, 16),
    ];
    const { blocks } = assembleBlocks([page(1, [], body)]);
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([
      '一、总体绩效目标',
      '保障城乡低保对象基本生活，做到应保尽保，全年发放低保资金800万元。',
      '完成社区养老服务驿站建设，全年新增驿站八个以上。',
      '（一）加强组织领导，统筹推进各项工作任务落实到位',
      '（二）强化资金保障',
    ]);
  });

  it('a line over a table with its parts far apart is the table\'s borderless first row', () => {
    const t = table(120, [['项目名称', '城乡低保资金', '']]);
    const runs = [run('417001示范县民政局', 62, 110), run('单位：万元', 420, 110), ...t.runs];
    expect(rows([page(1, t.rules, runs)]).map(texts)).toEqual([
      ['417001示范县民政局', '单位：万元'],
      ['项目名称', '城乡低保资金', ''],
    ]);
  });

  it('a table going on at the next page keeps its index; its repeated header is read once', () => {
    const head = ['一级指标', '二级指标', '三级指标'];
    const p1 = table(600, [head, ['产出指标', '数量指标', '改造小区数量'], ['', '质量指标', '验收合格率']]);
    const p2 = table(80, [head, ['效益指标', '社会效益指标', '惠及居民户数']]);
    const { blocks, diagnostics } = assembleBlocks([page(1, p1.rules, p1.runs), page(2, p2.rules, p2.runs)]);
    const rowBlocks = blocks.filter((b): b is RowBlock => b.kind === 'row');
    expect(rowBlocks.map(texts)).toEqual([head, ['产出指标', '数量指标', '改造小区数量'], ['', '质量指标', '验收合格率'], ['效益指标', '社会效益指标', '惠及居民户数']]);
    expect(new Set(rowBlocks.map((r) => r.table))).toEqual(new Set([0]));
    expect(rowBlocks[3]!.source.ref).toBe('第2页 表1 行4');
    expect(diagnostics.map((d) => d.code)).toEqual(['pdf.repeated-header']);
  });

  it('a table after text on the next page is a table of its own', () => {
    const p1 = table(600, [['项目名称', '甲', '']]);
    const p2 = table(120, [['项目名称', '乙', '']]);
    const runs2 = [run('2.乙项目绩效目标表', 200, 100), ...p2.runs];
    const rowBlocks = rows([page(1, p1.rules, p1.runs), page(2, p2.rules, runs2)]);
    expect(rowBlocks.map((r) => r.table)).toEqual([0, 1]);
  });

  it('a row the page break cut joins its rest from the next page', () => {
    // Page 1 ends in the middle of a description that filled its cell's line; page 2 holds the rest.
    const p1 = table(760, [['产出指标', '数量指标', '组织培训基层农技人员和种粮']]);
    const p2 = table(80, [['', '', '大户'], ['效益指标', '社会效益指标', '增收']]);
    const rowBlocks = rows([page(1, p1.rules, p1.runs), page(2, p2.rules, p2.runs)]);
    expect(rowBlocks.map(texts)).toEqual([
      ['产出指标', '数量指标', '组织培训基层农技人员和种粮/大户'],
      ['效益指标', '社会效益指标', '增收'],
    ]);
    expect(rowBlocks[0]!.cells[2]!.wraps).toEqual([false, true]);
  });

  it('a new row at the top of the next page, under cells that did not run full, stays a row', () => {
    const p1 = table(760, [['产出指标', '数量指标', '培训人次']]);
    const p2 = table(80, [['', '质量指标', '合格率']]);
    expect(rows([page(1, p1.rules, p1.runs), page(2, p2.rules, p2.runs)]).map(texts)).toEqual([
      ['产出指标', '数量指标', '培训人次'],
      ['', '质量指标', '合格率'],
    ]);
  });
});

describe('line breaks decided by the geometry, whoever broke the lines (issue 74)', () => {
  const line = (text: string, x: number, baseline: number) => groupLines([run(text, x, baseline)])[0]!;

  it('runs are read left to right by their middles: a browser sets "”（" in one character, the bracket starting under the quote', () => {
    // Chromium 150 (CSS text-spacing-trim): the run "（安全隐患" starts 0.25 pt before the "”" in front of it ends
    const runs: TextRun[] = [run('有效巩固', 100, 100), { ...run('“', 140, 100), x1: 145.75 }, { ...run('五违四必', 145.75, 100), x1: 185.75 }, { ...run('”', 185.75, 100), x1: 191.5 }, { ...run('（安全隐患', 185.5, 100), x1: 235.5 }];
    expect(groupLines(runs).map((l) => [l.text, l.segments.length])).toEqual([['有效巩固“五违四必”（安全隐患', 1]]);
  });

  it('a wrap is a line that had no room for what no line breaker cuts: a number stays with the comma before it (LibreOffice)', () => {
    // 2.5 characters left: room for "划，", none for "划，2026", which LibreOffice keeps together
    const prev = line('已制定倒排工期计', 100, 100);
    expect(isWrap(prev, line('划，2026年6月', 100, 113), prev.x1 + 25, 0)).toBe(true);
    expect(isWrap(prev, line('划，并于年底完成', 100, 113), prev.x1 + 25, 0)).toBe(false);
    // an opening bracket goes with the character after it: room for "(", none for "(计"
    const date = line('2019年12月', 100, 100);
    expect(isWrap(date, line('(计划标准)', 100, 113), date.x1 + 12, 0)).toBe(true);
  });

  it('a Chinese character beside a digit needs the space Word and LibreOffice put between them', () => {
    // 2.15 characters left for "元。" (2): enough after 两千, not after 2150 (LibreOffice: 0.2 of a size between them)
    const digits = line('参训农民人均增收2150', 100, 100);
    const words = line('参训农民人均增收两千', 100, 100);
    expect(digits.x1).toBe(words.x1);
    expect(isWrap(digits, line('元。', 100, 113), digits.x1 + 21.5, 0)).toBe(true);
    expect(isWrap(words, line('元。', 100, 113), words.x1 + 21.5, 0)).toBe(false);
  });

  it("a line that ends short, with room for the next line's first piece, is the writer's", () => {
    // a quote mark on a line of its own, 1.5 pt narrower than the room left
    const prev = line('存一档”目标管理。', 100, 100);
    expect(isWrap(prev, line('"', 100, 113), prev.x1 + 6.5, 0)).toBe(false);
    // a narrow cell: "阶段" then "性项", 1.18 characters left
    const narrow = line('阶段', 100, 100);
    expect(isWrap(narrow, line('性项', 100, 113), narrow.x1 + 11.8, 0)).toBe(false);
    expect(isWrap(narrow, line('性项', 100, 113), narrow.x1 + 9.5, 0)).toBe(true);
  });

  it("a cell's lines set as far apart as the table's others still wrap (LibreOffice at 150 %); a blank line between them parts them", () => {
    // the lines 1.17 sizes apart, as LibreOffice sets a page's line-height 1.5 with Noto CJK
    const rules = [h(100, 100, 300), h(220, 100, 300), v(100, 100, 220), v(300, 100, 220)];
    const step = 10 + 11.7;
    const runs = [run('绩效目标完成情况良好，各项指标均已完成', 102, 115), run('年度', 102, 115 + step), run('资金执行率达到百分之九十八', 102, 115 + 3 * step)];
    const cell = findTables(page(1, rules, runs)).tables[0]!.rows[0]![0]!;
    expect(cell.lines.map((l) => l.text)).toEqual(['绩效目标完成情况良好，各项指标均已完成', '年度', '资金执行率达到百分之九十八']);
    expect(cell.wraps).toEqual([false, true, false]);
  });

  it('where three lines run full to one end, that is the margin, though a table below juts out past it', () => {
    // a browser's table squeezed on a narrow page (430 pt, margins of 50): its right rule at 390, past the margin, the
    // text's full lines ending at 380
    const c = '城镇老旧小区改造项目绩效目标申报审核工作'.repeat(2);
    const lines = [run(c.slice(0, 33), 50, 100), run(c.slice(1, 34), 50, 117.5), run(c.slice(2, 34), 50, 135), run('全面完成。', 50, 152.5)];
    const rules = [h(300, 50, 390), h(320, 50, 390), v(50, 300, 320), v(390, 300, 320)];
    expect(lines.map((r) => r.x1)).toEqual([380, 380, 370, 100]);
    const narrow = (p: PageContent): PageContent => ({ ...p, width: 430 });
    expect(paragraphs([narrow(page(1, rules, [...lines, run('项目名称', 52, 314)]))])).toEqual([c.slice(0, 33) + c.slice(1, 34) + c.slice(2, 34) + '全面完成。']);
  });

  it("lines of one length are no margin where a table inside the page's margins, here or on a page of its width, reaches further", () => {
    // a hard-wrapped text as a web page of one <p> a line, printed on a page wider than its lines: each line ends at
    // about 380 where the next page's table (100% wide, margins of 50 on a 595 pt page) shows the text may reach 545
    const c = '城镇老旧小区改造项目绩效目标申报审核工作'.repeat(2);
    const lines = [run(c.slice(0, 33), 50, 100), run(c.slice(1, 34), 50, 117.5), run(c.slice(2, 34), 50, 135), run('全面完成。', 50, 152.5)];
    const rules = [h(100, 50, 545), h(120, 50, 545), v(50, 100, 120), v(545, 100, 120)];
    const next = page(2, rules, [run('七、绩效目标', 50, 90), run('项目名称', 52, 114)]);
    expect(paragraphs([page(1, [], lines), next])).toEqual([c.slice(0, 33), c.slice(1, 34), c.slice(2, 34), '全面完成。', '七、绩效目标']);
    // without the table the lines' end is the margin (the test above)
    expect(paragraphs([page(1, [], lines)])).toEqual([c.slice(0, 33) + c.slice(1, 34) + c.slice(2, 34) + '全面完成。']);
  });

  it('a comma hanging past the margin does not move it: the paragraph goes on where a line stops short of it by less than the next piece', () => {
    // LibreOffice lets "，" hang past the margin (380 where the text reaches 370); 30 pt left before "800.00" (30 pt and
    // the space beside a Chinese character)
    const lines = [
      run('为贯彻落实国务院办公厅关于全面推进城镇老旧小区改造工作的通知精神', 50, 100),
      run('指导意见，二〇二六年计划改造老旧小区十八个并同步完善配套服务设施，', 50, 117.5),
      run('惠及居民三千二百户，总投资一千二百万元，其中中央财政补助金', 50, 135),
      run('800.00万元、县级配套400.00万元。', 50, 152.5),
      run('二、绩效目标', 50, 180),
    ];
    expect(lines.map((r) => r.x1)).toEqual([370, 380, 340, 210, 110]);
    expect(paragraphs([page(1, [], lines)])).toEqual([
      '为贯彻落实国务院办公厅关于全面推进城镇老旧小区改造工作的通知精神指导意见，二〇二六年计划改造老旧小区十八个并同步完善配套服务设施，惠及居民三千二百户，总投资一千二百万元，其中中央财政补助金800.00万元、县级配套400.00万元。',
      '二、绩效目标',
    ]);
  });
});
