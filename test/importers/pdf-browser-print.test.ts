/**
 * PDFs as a browser prints them (issue 31): the official tables in a web page, printed by Chromium with no
 * repeated header row (a <table> without <thead>, as most published pages are), so tables run over page breaks,
 * rows are cut by the break (a cell's lines on two pages, the rest of the row drawn without a rule over it) and
 * merged category cells go on over the break. Each must read as the same document read from text.
 *
 * - the four fixtures, each project drawn as the official table (shared/domain/official-table.ts, as the web page
 *   draws it), printed by Chromium;
 * - a long indicator table of our own with categories merged over many rows, so that page breaks fall inside
 *   merged cells and inside rows with long descriptions; printed by LibreOffice too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { officialTable, toGrid, type OfficialRow } from '../../src/shared/domain/official-table';
import { sharedBrowser } from '../e2e/browser';
import { FIXTURE_DIR } from '../support/fixtures';
import { pdfContent, printByChromium, printByLibreOffice } from '../support/pdf-print';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const STYLE = 'body{font-family:"Noto Serif CJK SC";font-size:11pt} td{padding:2px 4px;vertical-align:middle;border:1px solid #000} table{border-collapse:collapse;width:100%;table-layout:fixed} p{margin:4px 0}';
const page = (body: string) => `<html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>${body}</body></html>`;

/** Official rows as an HTML table, every cell with its spans; no <thead>, so a browser repeats no header. */
function htmlTable(rows: OfficialRow[]): string {
  const grid = toGrid(rows);
  const cols = grid.columns.map((w) => `<col style="width:${((w / grid.columns.reduce((s, x) => s + x, 0)) * 100).toFixed(2)}%">`).join('');
  const body = grid.rows.map((r) => `<tr>${r.cells.map((c) => `<td colspan="${c.colSpan}" rowspan="${c.rowSpan}">${c.lines.map(esc).join('<br>')}</td>`).join('')}</tr>`);
  return `<table>${cols}${body.join('')}</table>`;
}

/** A department's document as a web page: part one's overall goal, then each project's title and tables. */
function documentPage(doc: ParsedDocument): string {
  const out: string[] = [`<p style="text-align:center">${esc(doc.department?.name ?? '')}${doc.year}年部门预算绩效目标</p>`];
  if (doc.departmentGoals.overall) {
    out.push('<p>第一部分 部门整体绩效目标</p><p>一、总体绩效目标</p>', ...doc.departmentGoals.overall.split('\n').map((l) => `<p>${esc(l)}</p>`));
  }
  out.push('<p>第二部分 预算项目绩效目标</p>');
  for (const p of doc.projects) {
    const t = officialTable(p);
    if (t.title) out.push(`<p>${esc(t.title)}</p>`);
    out.push(htmlTable(t.main), htmlTable(t.indicators));
  }
  return page(out.join('\n'));
}

// The process's browser (kept for its next files); each print is a page of its own, closed after.
let browser: Browser;
beforeAll(async () => {
  browser = await sharedBrowser();
});

const printByBrowser = (html: string, name: string) => printByChromium(browser, html, name);

describe('PDFs printed by a browser, tables over page breaks without a repeated header', () => {
  for (const file of ['000_0d3f7d190d9ec4ec.txt', '001_2a158b43dfd09e06.txt', '002_66f8d06f680bd2a2.txt', '003_6c930005e5006ec5.txt']) {
    it(`fixture ${file.slice(0, 3)} printed by Chromium reads as its text`, async () => {
      const text = await parseDocumentBytes(readFileSync(join(FIXTURE_DIR, file)), file);
      const pdf = await printByBrowser(documentPage(text), `${file.slice(0, 3)}.browser.pdf`);
      const read = await parseDocumentBytes(pdf, `${file}.pdf`);
      expect(pdfContent(read)).toEqual(pdfContent(text));
      // the breaks fell inside tables: more pages than tables' starts, and nothing was left unplaced
      expect(read.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message)).toEqual([]);
    });
  }

  it('a long table whose merged categories and long rows go over page breaks reads as its web page', async () => {
    const html = longTablePage();
    const fromHtml = await parseDocumentBytes(Buffer.from(html), 'long.html');
    expect(fromHtml.projects[0]!.indicators).toHaveLength(22);
    const pdf = await printByBrowser(html, 'long-table.browser.pdf');
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(3);
    const read = await parseDocumentBytes(pdf, 'long.pdf');
    expect(pdfContent(read)).toEqual(pdfContent(fromHtml));
  });

  it('the same long table printed by LibreOffice (Writer/Web) reads as its web page', async () => {
    // LibreOffice's HTML import takes a table's borders and alignment from attributes, not from CSS, and drops a page's
    // first paragraph when it stands right after <body>
    const html = longTablePage()
      .replace('<body>', '<body><p>&nbsp;</p>')
      .replace('<table>', '<table border="1" cellspacing="0" cellpadding="3" width="100%">')
      .replace(/<td/g, '<td valign="middle"');
    const fromHtml = await parseDocumentBytes(Buffer.from(html), 'long.html');
    const pdf = printByLibreOffice(html, 'long-table.libreoffice.pdf');
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect(pdfContent(await parseDocumentBytes(pdf, 'long.pdf'))).toEqual(pdfContent(fromHtml));
  }, 180_000);
});

function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** One project of 22 indicators: 一级 merged over up to 14 rows, 二级 over up to 7, descriptions of three lines. */
function longTablePage(): string {
  type Row = [name: string, description: string, target: string, basis: string];
  const many = (n: number, f: (i: number) => Row) => Array.from({ length: n }, (_, i) => f(i + 1));
  const spec: [string, [string, Row[]][]][] = [
    [
      '产出指标',
      [
        ['数量指标', many(7, (i) => [`新建改建村级综合服务站点第${i}批`, `完成第${i}批村级综合服务站点建设并投入使用，覆盖所辖乡镇的行政村和较大自然村，按省级标准配置设施设备`, `≥${11 + i}个`, '年度工作计划'])],
        ['质量指标', many(5, (i) => [`站点验收合格率（第${i}片区）`, '按照建设标准组织第三方验收，验收合格站点数占建成站点数的比例，未达标的限期整改后复验', '≥98%', '行业标准'])],
        ['时效指标', [['建设完成时间', '全部站点于当年年底前建成并通过验收，资金按合同约定节点支付', '2026年12月底前', '实施方案']]],
        ['成本指标', [['站点建设成本', '单个站点建设成本控制在预算标准以内', '≤15万元/个', '预算测算']]],
      ],
    ],
    [
      '效益指标',
      [
        ['社会效益指标', many(6, (i) => [`群众办事就近办理率（第${i}片区）`, '群众在村级站点可办理的政务服务事项占全部高频事项的比例，体现服务下沉效果，逐季统计', '≥85%', '历史数据'])],
        ['可持续影响指标', [['站点长效运行机制', '建立站点日常管理、维护和考核制度，保障站点持续运行', '建立并有效运行', '管理办法']]],
      ],
    ],
    ['满意度指标', [['服务对象满意度指标', [['群众满意度', '随机抽取办事群众开展满意度调查', '≥90%', '问卷调查']]]]],
  ];
  let rows = '';
  for (const [level1, groups] of spec) {
    let first1 = true;
    const n1 = groups.reduce((s, [, r]) => s + r.length, 0);
    for (const [level2, list] of groups) {
      let first2 = true;
      for (const [name, description, target, basis] of list) {
        rows += `<tr>${first1 ? `<td rowspan="${n1}">${level1}</td>` : ''}${first2 ? `<td rowspan="${list.length}">${level2}</td>` : ''}<td>${esc(name)}</td><td>${esc(description)}</td><td>${esc(target)}</td><td>${basis}</td></tr>`;
        first1 = first2 = false;
      }
    }
  }
  return page(`<p>1.村级综合服务站点建设项目绩效目标表</p>
<table><tr><td>项目名称</td><td colspan="2">村级综合服务站点建设项目</td><td>项目编码</td><td colspan="2">51012226P00012300001</td></tr>
<tr><td>预算数</td><td colspan="2">360.00</td><td>其中：财政资金</td><td colspan="2">360.00</td></tr>
<tr><td>资金支出计划（%）</td><td>3月底 30%</td><td>6月底 60%</td><td>10月底 90%</td><td colspan="2">12月底 100%</td></tr>
<tr><td>绩效目标</td><td colspan="5">完成村级综合服务站点建设，提升基层政务服务能力，群众办事更加便捷。</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>绩效指标描述</td><td>指标值</td><td>指标值确定依据</td></tr>
${rows}</table>`);
}
