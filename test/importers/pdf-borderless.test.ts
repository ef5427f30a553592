/**
 * Indicator tables drawn without ruling lines (issue 31, src/server/importers/pdf/borderless.ts): a department's page
 * whose project forms are ruled and whose indicator tables are text aligned in columns only, printed by Chromium and
 * by LibreOffice, must read as the web page itself reads (the HTML reader sees the table's cells whatever its
 * borders). The page is our own: two projects, long names and descriptions that wrap in their columns, figures in a
 * Latin font inside Chinese text, a 一级/二级 written once for its group, headers centred over their columns in one
 * table and aligned left in the other, a row without a target, and a paragraph and a title right under a table.
 */
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { findBorderlessTables } from '../../src/server/importers/pdf/borderless';
import type { TextRun } from '../../src/server/importers/pdf/layout';
import { sharedBrowser } from '../e2e/browser';
import { pdfContent, printByChromium, printByLibreOffice } from '../support/pdf-print';

type Row = [level1: string, level2: string, name: string, description: string, target: string, basis: string];

const PROJECTS: { title: string; name: string; code: string; budget: string; goal: string; centred: boolean; rows: Row[] }[] = [
  {
    title: '1.社区养老服务中心运营补助项目绩效目标表',
    name: '社区养老服务中心运营补助项目',
    code: '33010626P00012300001',
    budget: '128.50',
    goal: '对辖区内12家社区养老服务中心按照服务人次给予运营补助，提升居家养老服务覆盖面。',
    centred: false,
    rows: [
      ['产出指标', '数量指标', '补助养老服务中心数量', '按季度拨付运营补助的社区养老服务中心家数', '=12家', '年度计划'],
      ['', '', '年度助餐服务人次', '中心为辖区老年人提供助餐服务的累计人次，按月统计上报民政部门核实', '≥36000人次', '上年实际'],
      ['', '质量指标', '服务规范达标率', '按照地方标准开展服务质量评估，达标中心占全部中心的比例', '≥95%', '行业标准'],
      ['', '时效指标', '补助资金拨付及时率', '按季度在季后15日内拨付', '100%', '管理办法'],
      ['', '成本指标', '每人次助餐补助标准', '按服务人次给予补助', '≤8元/人次', '补助标准'],
      ['效益指标', '社会效益指标', '居家养老服务覆盖率', '接受中心上门或助餐服务的老年人占辖区户籍老年人比例', '≥30%', '发展规划'],
      ['满意度指标', '服务对象满意度指标', '老年人满意度', '随机抽样问卷调查', '≥90%', '问卷调查'],
    ],
  },
  {
    title: '2.农村公路日常养护项目绩效目标表',
    name: '农村公路日常养护项目',
    code: '33010626P00012300002',
    budget: '2,406.80',
    goal: '完成县乡村道1,286公里日常养护，路况优良率保持在80%以上。',
    centred: true,
    rows: [
      ['产出指标', '数量指标', '日常养护里程', '纳入年度养护计划的县道、乡道和村道里程合计，以养护合同和交通部门台账为准', '≥1286公里', '养护计划'],
      ['', '', '桥梁经常性检查座次', '每座桥梁每月检查一次', '≥1200座次', '技术规范'],
      ['', '质量指标', '农村公路优良中等路率', '按公路技术状况评定标准评定的优、良、中等路里程占总里程的比例', '≥85%', '省定目标'],
      ['', '时效指标', '病害处置及时性', '坑槽、沉陷等病害发现后处置完毕的时间', '', '养护规范'],
      ['效益指标', '社会效益指标', '群众出行安全便捷程度', '因路况原因发生交通事故的情况', '明显改善', '历史数据'],
      ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '委托第三方开展问卷调查', '≥85%', '问卷调查'],
    ],
  },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
// attributes as well as CSS: LibreOffice's HTML import reads the attributes, a browser both
const td = (text: string, extra = '') => `<td valign="top"${extra}>${esc(text)}</td>`;
const WIDTHS = [11, 13, 19, 31, 12, 14];

function page(): string {
  // LibreOffice's HTML import drops a page's first paragraph when it stands right after <body>: an empty one first
  const out = ['<p>&nbsp;</p>', '<p>杭州市某区民政局2026年部门预算项目绩效目标</p>'];
  for (const p of PROJECTS) {
    out.push(`<p>${esc(p.title)}</p>`);
    out.push(
      `<table class="form" border="1" cellspacing="0" cellpadding="4" width="100%"><tr>${td('项目名称')}${td(p.name, ' colspan="2"')}${td('项目编码')}${td(p.code, ' colspan="2"')}</tr>` +
        `<tr>${td('预算数')}${td(p.budget, ' colspan="2"')}${td('其中：财政资金')}${td(p.budget, ' colspan="2"')}</tr>` +
        `<tr>${td('绩效目标')}${td(p.goal, ' colspan="5"')}</tr></table>`,
    );
    const head = ['一级指标', '二级指标', '三级指标', '指标解释', '指标值', '确定依据'].map((h) => (p.centred ? `<td valign="top" align="center" style="text-align:center">${h}</td>` : td(h)));
    const body = p.rows.map((r) => `<tr>${r.map((c) => td(c)).join('')}</tr>`).join('');
    out.push(`<table cellspacing="0" cellpadding="4" width="100%">${WIDTHS.map((w) => `<col width="${w}%">`).join('')}<tr>${head.join('')}</tr>${body}</table>`);
    out.push('<p>注：指标值为年度目标，确定依据按行业标准及上年实际执行情况综合确定，未列明的按主管部门要求执行。</p>');
  }
  const style = 'body{font-family:"Noto Serif CJK SC";font-size:11pt} td{padding:3px 5px;vertical-align:top} table{border-collapse:collapse;width:100%;table-layout:fixed} table.form td{border:1px solid #000} p{margin:6px 0}';
  return `<html><head><meta charset="utf-8"><style>${style}</style></head><body>${out.join('\n')}</body></html>`;
}

// The process's browser (kept for its next files); each print is a page of its own, closed after.
let browser: Browser;
beforeAll(async () => {
  browser = await sharedBrowser();
});

describe('indicator tables without ruling lines', () => {
  it('the web page itself reads every indicator (the yardstick)', async () => {
    const html = await parseDocumentBytes(Buffer.from(page()), 'borderless.html');
    expect(html.projects.map((p) => p.indicators.length)).toEqual([7, 6]);
    expect(html.projects[1]!.indicators[3]!.target.raw).toBe('');
  });

  it('printed by Chromium: read as the web page reads', async () => {
    const html = await parseDocumentBytes(Buffer.from(page()), 'borderless.html');
    const pdf = await parseDocumentBytes(await printByChromium(browser, page(), 'borderless.browser.pdf'), 'borderless.pdf');
    expect(pdfContent(pdf)).toEqual(pdfContent(html));
    // the notes under the tables stay paragraphs, never rows
    expect(pdf.projects.flatMap((p) => p.indicators.map((i) => i.name)).some((n) => n.includes('注'))).toBe(false);
  });

  it('printed by LibreOffice: read as the web page reads', async () => {
    const html = await parseDocumentBytes(Buffer.from(page()), 'borderless.html');
    const pdf = await parseDocumentBytes(printByLibreOffice(page(), 'borderless.libreoffice.pdf'), 'borderless.pdf');
    expect(pdfContent(pdf)).toEqual(pdfContent(html));
  }, 180_000);
});

describe('findBorderlessTables', () => {
  const run = (text: string, x0: number, top: number, width = text.length * 10): TextRun => ({ text, x0, x1: x0 + width, top, bottom: top + 10, baseline: top + 9, size: 10, rotated: false });
  const header = (top: number) => [run('一级指标', 50, top), run('三级指标', 120, top), run('指标值', 260, top), run('确定依据', 330, top)];

  it('reads the rows under a header line into its columns, a wrapped name as one cell', () => {
    const runs = [...header(100), run('产出指标', 50, 114), run('补助养老服务中心', 120, 114, 130), run('=12家', 260, 114, 40), run('年度计划', 330, 114), run('数量', 120, 126, 20), run('质量指标', 50, 140), run('达标率', 120, 140), run('≥95%', 260, 140, 40), run('行业标准', 330, 140)];
    const { tables, rest } = findBorderlessTables(runs);
    expect(rest).toEqual([]);
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.rows.map((r) => r.map((c) => c.lines.map((l) => l.text).join('/')));
    expect(rows).toEqual([
      ['一级指标', '三级指标', '指标值', '确定依据'],
      ['产出指标', '补助养老服务中心/数量', '=12家', '年度计划'],
      ['质量指标', '达标率', '≥95%', '行业标准'],
    ]);
  });

  it('ends the table at a line that runs across its columns, and at a wide gap', () => {
    const title = run('2.农村公路日常养护项目绩效目标表', 50, 130, 200);
    const far = run('社区养老', 120, 200);
    const { tables, rest } = findBorderlessTables([...header(100), run('产出指标', 50, 114), run('达标率', 120, 114), run('≥95%', 260, 114, 40), title, far]);
    expect(tables[0]!.rows).toHaveLength(2);
    expect(rest.map((r) => r.text)).toEqual([title.text, far.text]);
  });

  it('takes no line for a header unless every piece of it is an indicator column, the name and the target among them', () => {
    const notHeader = [run('一级指标', 50, 100), run('三级指标', 120, 100), run('备注说明文字', 260, 100)];
    const noTarget = [run('一级指标', 50, 100), run('二级指标', 120, 100), run('三级指标', 260, 100)];
    for (const line of [notHeader, noTarget]) expect(findBorderlessTables([...line, run('产出指标', 50, 114)]).tables).toEqual([]);
  });
});
