/**
 * A project's indicator table starting on a new page (issue 53), as a browser prints a department's web page whose
 * tables follow one another without space between them (a <table>'s default margin is none): each project's 基本信息
 * table (the page's full width) and right under it its indicator table (narrower), touching. Their rules make one
 * group on the page; the page break falls inside the first table, between the two, or after the indicator table's
 * header. Before issue 53 the reader gave the narrower table's rows a cell beside them (read as an extra column), and
 * took the indicator table's part on the next page for a new table without a header, whose rows were then misread
 * (names run into descriptions, targets lost) or whose 资金支出计划 lost its header.
 *
 * The page is printed with the first project pushed further down each time (a spacer before it), so that each of the
 * three breaks happens; every print must read as the web page itself reads, field by field.
 */
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RowBlock } from '../../src/server/importers/blocks';
import { readPdf } from '../../src/server/importers/pdf/read-pdf';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { documentContentJson } from '../../src/shared/domain/document-content';
import { sharedBrowser } from '../e2e/browser';
import { contentDifferences } from '../support/fixture-prints';
import { printByChromium } from '../support/pdf-print';

const DEPARTMENT = '801002某某区文化广电和旅游局—本级';

function mainTable(name: string, code: string, amount: string, goals: string[]): string {
  return `<table class="main">
<tr><td>${DEPARTMENT}</td><td colspan="6">单位：万元</td></tr>
<tr><td>项目编码</td><td>${code}</td><td>项目名称</td><td colspan="4">${name}</td></tr>
<tr><td>预算规模及资金用途</td><td>预算数</td><td>${amount}</td><td>其中：财政资金</td><td>${amount}</td><td>其他资金</td><td></td></tr>
<tr><td></td><td colspan="6">用于${name}的组织实施。</td></tr>
<tr><td>资金支出计划（%）</td><td>3月底</td><td>6月底</td><td>10月底</td><td colspan="3">12月底</td></tr>
<tr><td></td><td>20%</td><td>50%</td><td>80%</td><td colspan="3">100%</td></tr>
<tr><td>绩效目标</td><td colspan="6">${goals.join('<br>')}</td></tr>
</table>`;
}

function indicatorTable(rows: string[][]): string {
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table class="indicators">
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>绩效指标描述</td><td>指标值</td><td>指标值确定依据</td></tr>
${body}
</table>`;
}

/** The department's page, its first project `spacer` mm further down the first page. */
function departmentPage(spacer: number): string {
  const style = 'body{font-size:14px} table{border-collapse:collapse} td{border:1px solid #000;padding:2px 4px} table.main{width:100%} table.indicators{width:92%}';
  return `<html><head><meta charset="utf-8"><style>${style}</style></head><body>
<p>某某区文化广电和旅游局2026年项目支出绩效目标</p><div style="height:${spacer}mm"></div>
<p>1.全民阅读推广活动绩效目标表</p>
${mainTable('全民阅读推广活动', '41082226P00031000017', '36.00', ['1.举办全民阅读活动不少于24场', '2.服务读者不少于1.2万人次'])}
${indicatorTable([
  ['产出指标', '数量指标', '阅读活动场次', '全年举办阅读推广活动场次', '≥24场', '年度计划'],
  ['', '质量指标', '活动完成率', '计划活动按期完成的比例', '≥95%', '历史数据'],
  ['效益指标', '社会效益指标', '服务读者人次', '参加活动的读者人次', '≥12000人次', '年度计划'],
  ['满意度指标', '服务对象满意度指标', '读者满意度', '抽样调查读者满意度', '≥90%', '问卷调查'],
])}
<p>2.非物质文化遗产保护传承绩效目标表</p>
${mainTable('非物质文化遗产保护传承', '41082226P00031000025', '18.50', ['1.完成非遗项目记录6项', '2.开展非遗进校园活动10次'])}
${indicatorTable([
  ['产出指标', '数量指标', '非遗项目记录数', '完成影像记录的非遗项目数', '≥6项', '保护规划'],
  ['效益指标', '社会效益指标', '进校园活动次数', '非遗进校园活动次数', '≥10次', '年度计划'],
  ['满意度指标', '服务对象满意度指标', '师生满意度', '参与师生满意度', '≥92%', '问卷调查'],
])}
</body></html>`;
}

/** Where the page break fell in the first project, from the rows the PDF reader gives. */
function breakOf(rows: RowBlock[]): 'in the 基本信息 table' | 'before the indicator table' | 'after the indicator header' | 'elsewhere' {
  const page = (r: RowBlock) => Number(/第(\d+)页/.exec(r.source.ref ?? '')?.[1]);
  const header = rows.findIndex((r) => r.cells[0]?.lines.join('') === '一级指标');
  if (header < 1 || page(rows[0]!) !== 1) return 'elsewhere';
  if (page(rows[header - 1]!) === 2) return 'in the 基本信息 table';
  if (page(rows[header]!) === 2) return 'before the indicator table';
  return page(rows[header + 1]!) === 2 ? 'after the indicator header' : 'elsewhere';
}

let browser: Browser;
beforeAll(async () => {
  browser = await sharedBrowser();
});

describe('a project whose indicator table starts on a new page, its tables touching', () => {
  it('reads as its web page wherever the page break falls', async () => {
    const breaks = new Set<string>();
    for (const spacer of [136, 140, 146, 150, 154, 158, 166, 172, 180]) {
      const html = departmentPage(spacer);
      const page = await parseDocumentBytes(Buffer.from(html), 'page.html');
      expect(page.projects.map((p) => [p.name, p.indicators.length])).toEqual([
        ['全民阅读推广活动', 4],
        ['非物质文化遗产保护传承', 3],
      ]);
      expect(page.department?.name).toBe('某某区文化广电和旅游局—本级');
      const pdf = await printByChromium(browser, html, `touching-tables-${spacer}.pdf`);
      const read = await parseDocumentBytes(pdf, 'page.pdf');
      // a dash Chromium names as ― (U+2015) is read as the — the page wrote
      expect({ spacer, differences: contentDifferences(JSON.parse(documentContentJson(page)), JSON.parse(documentContentJson(read))) }).toEqual({ spacer, differences: [] });
      breaks.add(breakOf((await readPdf(pdf, 'page.pdf')).blocks.filter((b): b is RowBlock => b.kind === 'row')));
    }
    // each break happened in one print at least (the spacers suit Debian's Noto CJK fonts at 14 px on A4)
    expect([...breaks].filter((b) => b !== 'elsewhere').sort()).toEqual(['after the indicator header', 'before the indicator table', 'in the 基本信息 table']);
  });
});
