/**
 * The PDF reader on synthetic pages laid out as browsers and LibreOffice print the fixtures (issue 53): each case is
 * a difference the fixtures' prints showed (test/importers/fixture-prints.test.ts), placed by hand so that it is the
 * only thing on the page. Tables one right under the other, a narrow empty column between two tables' edges, a row
 * or a merged cell cut by the page break, a browser's own header and footer, paragraphs whose line ends were moved by
 * 避头尾, set apart by space, or over a table on a page with little text.
 */
import { describe, expect, it } from 'vitest';
import { assembleBlocks } from '../../src/server/importers/pdf/assemble';
import { findTables, type Rule, type TableGrid, type TextRun } from '../../src/server/importers/pdf/layout';
import { h, page, paragraphs, rows, run, texts, v } from '../support/pdf-geometry';

/** A table's rows as [column edge where each cell begins and ends, text] (the edges rounded). */
const cellsOf = (t: TableGrid) => t.rows.map((r) => r.map((c) => [Math.round(t.xs[c.col]!), Math.round(t.xs[c.col + c.span]!), c.lines.map((l) => l.text).join('/')]));

describe('tables printed one right under the other', () => {
  // A web page's tables have no margin: a project's 基本信息 table (to x=500) and its narrower indicator table (to
  // x=460) touch, and their rules are one group.
  //  100 ┌────────┬──────────────────────────────┐
  //      │项目名称│ 全民阅读推广活动              │
  //  120 ├────────┼──────┬──────────┬──────────┤
  //      │预算数  │36.00 │其中：财政│36.00     │
  //  140 ├──────┬─┴────┬─┴────┬─────┴┬──────┬───┘ 500
  //      │一级  │二级  │三级  │指标值│依据  │
  //  160 ├──────┼──────┼──────┼──────┼──────┤
  //      │产出  │数量  │场次  │≥24场 │计划  │
  //  180 └──────┴──────┴──────┴──────┴──────┘ 460
  const main: Rule[] = [h(100, 60, 500), h(120, 60, 500), h(140, 60, 500), v(60, 100, 140), v(160, 100, 140), v(260, 120, 140), v(380, 120, 140), v(500, 100, 140)];
  const mainRuns = [run('项目名称', 65, 115), run('全民阅读推广活动', 165, 115), run('预算数', 65, 135), run('36.00', 165, 135), run('其中：财政', 265, 135), run('36.00', 385, 135)];
  const indicatorRules = (top: number, n: number): Rule[] => [
    ...Array.from({ length: n + 1 }, (_, i) => h(top + 20 * i, 60, 460)),
    ...[60, 140, 220, 300, 380, 460].map((x) => v(x, top, top + 20 * n)),
  ];
  const indicatorRuns = (top: number, rowsText: string[][]) => rowsText.flatMap((r, i) => r.map((t, c) => run(t, 63 + 80 * c, top + 20 * i + 15)));
  const head = ['一级指标', '二级指标', '三级指标', '指标值', '确定依据'];

  it('the narrower table\'s rows end at their own last rule: nothing beside them is a cell', () => {
    const t = findTables(page(1, [...main, ...indicatorRules(140, 2)], [...mainRuns, ...indicatorRuns(140, [head, ['产出指标', '数量指标', '活动场次', '≥24场', '年度计划']])])).tables;
    expect(t).toHaveLength(1);
    expect(cellsOf(t[0]!)).toEqual([
      [[60, 160, '项目名称'], [160, 500, '全民阅读推广活动']],
      [[60, 160, '预算数'], [160, 260, '36.00'], [260, 380, '其中：财政'], [380, 500, '36.00']],
      [[60, 140, '一级指标'], [140, 220, '二级指标'], [220, 300, '三级指标'], [300, 380, '指标值'], [380, 460, '确定依据']],
      [[60, 140, '产出指标'], [140, 220, '数量指标'], [220, 300, '活动场次'], [300, 380, '≥24场'], [380, 460, '年度计划']],
    ]);
  });

  it('the indicator table going on at the top of the next page goes on with it, though the part before was wider', () => {
    // page 1 ends after the indicator table's header; its rows stand on page 2, drawn to x=460 only
    const p1 = page(1, [...main.map((r) => ({ ...r, y0: r.y0 + 640, y1: r.y1 + 640 })), ...indicatorRules(780, 1)], [
      ...mainRuns.map((r) => ({ ...r, top: r.top + 640, bottom: r.bottom + 640, baseline: r.baseline + 640 })),
      ...indicatorRuns(780, [head]),
    ]);
    const p2 = page(2, indicatorRules(60, 2), indicatorRuns(60, [['产出指标', '数量指标', '活动场次', '≥24场', '年度计划'], ['', '质量指标', '完成率', '≥95%', '历史数据']]));
    const read = rows([p1, p2]);
    expect(read.map((r) => r.table)).toEqual([0, 0, 0, 0, 0]);
    expect(read.slice(2).map(texts)).toEqual([head, ['产出指标', '数量指标', '活动场次', '≥24场', '年度计划'], ['', '质量指标', '完成率', '≥95%', '历史数据']]);
  });

  it('two tables\' edges a few points apart, a narrow empty column\'s rule between them, stay apart', () => {
    // the wider table ends at 551.6, its second row with an empty column 2 pt wide (rule at 549.4: one rule with the
    // edge to the eye); the table right under it ends at 546.2, and keeps its own edge
    const rules = [
      h(100, 60, 551.6), h(120, 60, 551.6), h(140, 60, 551.6), v(60, 100, 140), v(300, 100, 140), v(549.4, 120, 140), v(551.6, 100, 140),
      h(160, 60, 546.2), h(180, 60, 546.2), v(60, 140, 180), v(300, 140, 180), v(546.2, 140, 180),
    ];
    const runs = [run('项目名称', 65, 115), run('读书节', 305, 115), run('其他资金', 65, 135), run('0', 305, 135), run('满意度', 65, 155), run('≥90%', 305, 155), run('参与度', 65, 175), run('≥80%', 305, 175)];
    const t = findTables(page(1, rules, runs)).tables[0]!;
    expect(cellsOf(t)).toEqual([
      [[60, 300, '项目名称'], [300, 551, '读书节']],
      [[60, 300, '其他资金'], [300, 551, '0']],
      [[60, 300, '满意度'], [300, 546, '≥90%']],
      [[60, 300, '参与度'], [300, 546, '≥80%']],
    ]);
  });
});

describe('cells and rows cut by a page break, as a browser prints them', () => {
  it('the rest of a merged cell\'s text, painted under the table part at the foot of the page, stays in its cell', () => {
    // 预算规模及资金用途 spans two rows; the page breaks between them. Chromium paints the cell's first part without its
    // box: its second line 金用途 stands under the table's last rule, which is drawn under the other cells only.
    const p1Rules = [h(740, 60, 500), h(760, 60, 500), h(780, 130, 500), v(60, 740, 780), v(130, 740, 780), v(300, 760, 780), v(500, 740, 780)];
    const p1Runs = [run('项目编码', 65, 755), run('41082226P00031000017', 135, 755), run('预算规模及资', 65, 775), run('预算数', 135, 775), run('36.00', 305, 775), run('金用途', 65, 789)];
    const p2Rules = [h(60, 130, 500), h(80, 60, 500), h(100, 60, 500), v(60, 80, 100), v(130, 60, 100), v(500, 60, 100)];
    const p2Runs = [run('用于全民阅读推广活动', 135, 75), run('绩效目标', 65, 95), run('举办阅读活动24场', 135, 95)];
    const read = rows([page(1, p1Rules, p1Runs), page(2, p2Rules, p2Runs)]);
    expect(read.map(texts)).toEqual([
      ['项目编码', '41082226P00031000017'],
      ['预算规模及资/金用途', '预算数', '36.00'],
      ['^', '用于全民阅读推广活动'],
      ['绩效目标', '举办阅读活动24场'],
    ]);
    expect(read[1]!.cells[0]!.wraps).toEqual([false, true]);
    expect(new Set(read.map((r) => r.table))).toEqual(new Set([0]));
  });

  it('a row cut between its paragraphs joins its rest: no rule under its part, none over the rest', () => {
    // 项目 / 绩效 / 目标 are three paragraphs of one cell; the break falls after 绩效. The part on page 1 has its side
    // rules down to the page's foot and no rule under it; the rest on page 2 has no rule over it.
    const p1Rules = [h(740, 60, 500), h(760, 60, 500), v(60, 740, 800), v(160, 740, 800), v(500, 740, 800)];
    const p1Runs = [run('项目名称', 65, 755), run('兰溪路下立交工程', 165, 755), run('项目', 65, 775), run('为居民出行提供便捷通道', 165, 775), run('绩效', 65, 790)];
    const p2Rules = [v(60, 30, 50), v(160, 30, 50), v(500, 30, 50), h(50, 60, 500), h(70, 60, 500), v(60, 50, 70), v(160, 50, 70), v(500, 50, 70)];
    const p2Runs = [run('目标', 65, 44), run('一级指标', 65, 65), run('三级指标', 165, 65)];
    const read = rows([page(1, p1Rules, p1Runs), page(2, p2Rules, p2Runs)]);
    expect(read.map(texts)).toEqual([
      ['项目名称', '兰溪路下立交工程'],
      ['项目/绩效/目标', '为居民出行提供便捷通道'],
      ['一级指标', '三级指标'],
    ]);
    // 绩效 had room left for 目标: a paragraph of its own, not a wrap
    expect(read[1]!.cells[0]!.wraps).toEqual([false, false, false]);
  });

  it('a row that begins on the new page, under a cell merged from above and without a rule over it, stays a row', () => {
    // the foot of page 1's part is ruled: the row there ended
    const p1Rules = [h(740, 60, 500), h(760, 160, 500), h(780, 160, 500), v(60, 740, 780), v(160, 740, 780), v(500, 740, 780)];
    const p1Runs = [run('产出指标', 65, 755), run('数量指标', 165, 755), run('质量指标', 165, 775)];
    const p2Rules = [v(160, 40, 60), v(500, 40, 60), h(60, 160, 500)];
    const p2Runs = [run('时效指标', 165, 55)];
    expect(rows([page(1, p1Rules, p1Runs), page(2, p2Rules, p2Runs)]).map(texts)).toEqual([
      ['产出指标', '数量指标'],
      ['^', '质量指标'],
      ['^', '时效指标'],
    ]);
  });
});

describe('lines inside a cell', () => {
  it('a numbered item after stray quotes starts a paragraph of its own, though the line above ran to the edge', () => {
    // 02's goals cell writes literal quotes before its second list (`""1.完成…`)
    const rules = [h(100, 60, 290), h(140, 60, 290), v(60, 100, 140), v(290, 100, 140)];
    const runs = [run('开展普查数据平台拆一件销一项存一档目标管理。', 65, 115), run('""1.完成年度拆违任务。', 65, 130)];
    const cell = findTables(page(1, rules, runs)).tables[0]!.rows[0]![0]!;
    expect(cell.lines.map((l) => l.text)).toEqual(['开展普查数据平台拆一件销一项存一档目标管理。', '""1.完成年度拆违任务。']);
    expect(cell.wraps).toEqual([false, false]);
  });
});

describe('page furniture and paragraphs', () => {
  /** Lines of text from x=60, each `pitch` below the last, 10 pt: the right margin at 540 (48 characters). */
  const lines = (texts: string[], top = 100, pitch = 15): TextRun[] => texts.map((t, i) => run(t, 60, top + pitch * i));
  const full = (s: string) => s.repeat(Math.ceil(48 / [...s].length)).slice(0, 48);

  it('a browser\'s own header and footer are left out of a print of one page', () => {
    const runs = [
      run('11/27/26, 4:09 PM', 24, 22, 8),
      run('部门整体支出绩效目标表', 260, 22, 8),
      run('部门整体支出绩效目标表', 60, 100),
      run('（2019年度）', 60, 130),
      run('file:///tmp/jixiao/06-fujian.html', 24, 830, 8),
      run('1/1', 560, 830, 8),
    ];
    const { blocks, diagnostics } = assembleBlocks([page(1, [], runs)]);
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual(['部门整体支出绩效目标表', '（2019年度）']);
    expect(diagnostics.map((d) => d.message)).toEqual(['页眉、页脚和页码共 2 行，未作为正文读取']);
  });

  it('a line that stops two characters short of the margin, the next one starting with a character and its comma (避头尾), goes on', () => {
    // a browser carries 举 down with 。, which may not start a line: the line above ends with room for one character
    const first = full('落实干部待遇政策');
    const second = full('研究制定换届政策').slice(0, 46);
    const third = full('加强干部调研工作').slice(0, 46);
    const runs = [...lines([first, second, '举。完成区管领导班子年度考核评价工作。']), run(third, 80, 145), run('组织落实培养选拔后备干部工作。', 60, 160)];
    expect(paragraphs([page(1, [], runs)])).toEqual([`${first}${second}举。完成区管领导班子年度考核评价工作。`, `${third}组织落实培养选拔后备干部工作。`]);
  });

  it('paragraphs set apart by space stay apart where a line ends at the margin', () => {
    // lines 15 pt apart within a paragraph (a gap of half a font size), 20 pt between paragraphs
    const runs = [run(full('强化监管促进地区安全稳定'), 60, 100), run(full('立足于老旧小区多的实际'), 60, 115), run(`${full('在安全管理上突出重点').slice(0, 47)}。`, 60, 130), run('预算项目绩效目标', 60, 150), run(full('保障社区各项工作开展'), 60, 170), run('提升居民满意度。', 60, 185)];
    expect(paragraphs([page(1, [], runs)])).toEqual([
      `${full('强化监管促进地区安全稳定')}${full('立足于老旧小区多的实际')}${full('在安全管理上突出重点').slice(0, 47)}。`,
      '预算项目绩效目标',
      `${full('保障社区各项工作开展')}提升居民满意度。`,
    ]);
  });

  it('over a table in the text\'s width, lines that end short of the table\'s edge are paragraphs of their own', () => {
    // the date line is the page's longest, but ends far from the margin the table shows
    const runs = [run('湘潭市环境卫生管理处2023年雾炮车降尘抑尘服务项目', 60, 40), run('湘潭市城市管理和综合执法局 xtcg.xiangtan.gov.cn 发布时间:2023-10-13 19:49', 60, 55), run('2023年项目支出绩效目标申报表', 60, 70), run('项目名称', 65, 95), run('雾炮车降尘抑尘服务', 165, 95)];
    const rules = [h(80, 60, 540), h(100, 60, 540), v(60, 80, 100), v(160, 80, 100), v(540, 80, 100)];
    expect(paragraphs([page(1, rules, runs)])).toEqual([
      '湘潭市环境卫生管理处2023年雾炮车降尘抑尘服务项目',
      '湘潭市城市管理和综合执法局xtcg.xiangtan.gov.cn发布时间:2023-10-13 19:49',
      '2023年项目支出绩效目标申报表',
    ]);
  });
});
