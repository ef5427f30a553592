#!/usr/bin/env node
// Regenerates the binary test documents of test/documents/readers/ (the readers of web pages,
// old Office binaries and workbooks laid out as forms; test/importers/{html-reader,office-convert,
// grid-reader}.test.ts):
//
//   html/gbk-article.html   a CMS article page in GBK with <meta charset="gb2312">
//   html/word-export.html   Word's "save as web page" of a 绩效目标表, GBK, <meta http-equiv … charset=gb2312>
//   office/project.doc      a Word 97 document (from a web page written here, converted by LibreOffice)
//   office/department.wps   a Word 97 document named .wps, as Kingsoft WPS saves its .wps
//   office/budget.xls       an Excel 97 workbook (from an .xlsx written here, converted by LibreOffice)
//   office/indicators.et    an Excel 97 workbook named .et, as Kingsoft WPS saves its .et
//   office/corrupt.doc      project.doc cut in half (its directory, written last, is gone)
//   xlsx/form.xlsx          a 申报表 typed into Excel: merged title, label/value pairs with gaps,
//                           amounts with #,##0.00, percents, dates, a formula, a hidden row, column
//                           and sheet, a sheet name with a space
//   xlsx/broken.xlsx        form.xlsx cut short
//
// html/layout-page.html is written by hand (UTF-8) and not touched here.
// Needs LibreOffice (soffice) for the .doc/.wps/.xls/.et files. Run: node scripts/make-reader-documents.mjs
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { gbkEncoder, libreOffice } from './document-tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test', 'documents', 'readers');
for (const sub of ['html', 'office', 'xlsx']) mkdirSync(join(out, sub), { recursive: true });

const toGbk = gbkEncoder();

// A CMS article page as county finance bureaus publish them: GBK, inline styles, font tags, an
// article body with the data table straight in it (no layout table), a rowspan in the indicators.
const GBK_ARTICLE = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
<meta charset="gb2312">
<title>示范县民政局2025年部门预算绩效目标</title>
<script type="text/javascript">var pageId = "政府信息公开";</script>
</head>
<body>
<div class="article">
<h1>示范县民政局2025年部门预算绩效目标</h1>
<div class="info">发布日期：2025-02-10&nbsp;&nbsp;来源：示范县民政局</div>
<p style="text-indent:2em">一、总体绩效目标</p>
<p>　　保障城乡低保对象基本生活，<font color="#333333">做到应保尽保</font>。</p>
<p align="center"><b>1.城乡低保资金绩效目标表</b></p>
<table border="1" cellspacing="0" cellpadding="0" width="100%">
<tr><td colspan="6">417001示范县民政局</td></tr>
<tr><td>项目编码</td><td colspan="2">13020225P000417001001</td><td>项目名称</td><td colspan="2">城乡低保资金</td></tr>
<tr><td>预算数</td><td>800.00</td><td>其中：财政资金</td><td>800.00</td><td>其他资金</td><td>&nbsp;</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>绩效指标描述</td><td>指标值</td><td>指标值确定依据</td></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>保障人数</td><td>全年保障低保对象人数</td><td>≥1200人</td><td>上年实际</td></tr>
<tr><td>时效指标</td><td>发放及时率</td><td>按月足额发放</td><td>100%</td><td>工作要求</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>低保对象满意度</td><td>问卷调查</td><td>≥95%</td><td>&nbsp;</td></tr>
</table>
<p>&nbsp;</p>
<div style="display:none">内部审核意见：同意</div>
</div>
</body>
</html>
`;

// Word's "save as web page" of a project table (what many sites publish as is): CRLF lines wrapped
// by Word inside Chinese text, MsoNormal paragraphs in every cell, o:p, conditional comments, a
// vertically merged 一级指标, an empty paragraph as &nbsp;.
const WORD_EXPORT = [
  `<html xmlns:v="urn:schemas-microsoft-com:vml"`,
  `xmlns:o="urn:schemas-microsoft-com:office:office"`,
  `xmlns:w="urn:schemas-microsoft-com:office:word"`,
  `xmlns="http://www.w3.org/TR/REC-html40">`,
  ``,
  `<head>`,
  `<meta http-equiv=Content-Type content="text/html; charset=gb2312">`,
  `<meta name=Generator content="Microsoft Word 15 (filtered)">`,
  `<style>`,
  `<!--`,
  ` p.MsoNormal {margin:0cm; font-size:10.5pt; font-family:等线;}`,
  `-->`,
  `</style>`,
  `</head>`,
  ``,
  `<body lang=ZH-CN style='text-justify-trim:punctuation'>`,
  ``,
  `<div class=WordSection1 style='layout-grid:15.6pt'>`,
  ``,
  `<p class=MsoNormal align=center style='text-align:center'><a name="_Toc1001"></a><b><span`,
  `style='font-size:16.0pt;font-family:黑体'>2.社区养老服务补贴绩效目标表</span></b></p>`,
  ``,
  `<p class=MsoNormal><span lang=EN-US>&nbsp;</span></p>`,
  ``,
  `<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0`,
  ` style='border-collapse:collapse;border:none'>`,
  ` <tr>`,
  `  <td width=95 valign=top style='width:71.4pt;border:solid windowtext 1.0pt'>`,
  `  <p class=MsoNormal><span style='font-family:宋体'>项目名称</span></p>`,
  `  </td>`,
  `  <td width=458 colspan=3 valign=top style='width:343.6pt;border:solid windowtext 1.0pt'>`,
  `  <p class=MsoNormal><span style='font-family:宋体'>社区养老服务补贴</span></p>`,
  `  </td>`,
  ` </tr>`,
  ` <tr>`,
  `  <td width=95 valign=top style='width:71.4pt;border:solid windowtext 1.0pt'>`,
  `  <p class=MsoNormal><span style='font-family:宋体'>绩效目标</span></p>`,
  `  </td>`,
  `  <td width=458 colspan=3 valign=top style='width:343.6pt;border:solid windowtext 1.0pt'>`,
  `  <p class=MsoNormal><![if !supportLists]><span lang=EN-US>1.</span><![endif]><span`,
  `  style='font-family:宋体'>为辖区内八十周岁以上老年人发放养老服务补贴，保障老年人基本养老服务需求</span></p>`,
  `  <p class=MsoNormal><![if !supportLists]><span lang=EN-US>2.</span><![endif]><span`,
  `  style='font-family:宋体'>推进社区居家养老服务站点建设</span><span lang=EN-US><o:p></o:p></span></p>`,
  `  </td>`,
  ` </tr>`,
  ` <tr>`,
  `  <td width=95 style='width:71.4pt;border:solid windowtext 1.0pt'>`,
  `  <p class=MsoNormal><span style='font-family:宋体'>一级指标</span></p>`,
  `  </td>`,
  `  <td style='border:solid windowtext 1.0pt'><p class=MsoNormal><span style='font-family:宋体'>二级指标</span></p></td>`,
  `  <td style='border:solid windowtext 1.0pt'><p class=MsoNormal><span style='font-family:宋体'>三级指标</span></p></td>`,
  `  <td style='border:solid windowtext 1.0pt'><p class=MsoNormal><span style='font-family:宋体'>指标值</span></p></td>`,
  ` </tr>`,
  ` <tr>`,
  `  <td width=95 rowspan=2 style='width:71.4pt;border:solid windowtext 1.0pt'>`,
  `  <p class=MsoNormal align=center style='text-align:center'><span style='font-family:宋体'>产出指标</span></p>`,
  `  </td>`,
  `  <td style='border:solid windowtext 1.0pt'><p class=MsoNormal><span style='font-family:宋体'>数量指标</span></p></td>`,
  `  <td style='border:solid windowtext 1.0pt'><p class=MsoNormal><span style='font-family:宋体'>补贴发放人数</span></p></td>`,
  `  <td style='border:solid windowtext 1.0pt'><p class=MsoNormal><span lang=EN-US>&#8805;3500</span><span`,
  `  style='font-family:宋体'>人</span></p></td>`,
  ` </tr>`,
  ` <tr>`,
  `  <td style='border:solid windowtext 1.0pt'><p class=MsoNormal><span style='font-family:宋体'>质量指标</span></p></td>`,
  `  <td style='border:solid windowtext 1.0pt'><p class=MsoNormal><span style='font-family:宋体'>补贴对象认定准确率，按照民政部门认定标准进行核查并动态调`,
  `  整</span></p></td>`,
  `  <td style='border:solid windowtext 1.0pt'><p class=MsoNormal><span lang=EN-US>100%</span></p>`,
  `  <p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></td>`,
  ` </tr>`,
  `</table>`,
  ``,
  `<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>`,
  ``,
  `</div>`,
  ``,
  `</body>`,
  ``,
  `</html>`,
  ``,
].join('\r\n');

writeFileSync(join(out, 'html', 'gbk-article.html'), toGbk(GBK_ARTICLE));
writeFileSync(join(out, 'html', 'word-export.html'), toGbk(WORD_EXPORT));

// ---------------------------------------------------------------------------------------------
// Word documents: written as HTML, opened by LibreOffice Writer and saved as Word 97 (rowspan and
// colspan become Word's vertical merges and spans). The .docx route (docx → doc) loses tables in
// LibreOffice 7.4, the HTML route keeps them.

const PROJECT_HTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>项目绩效目标表</title></head><body>
<p align="center"><b>第二部分</b></p>
<p align="center"><b>预算项目绩效目标表</b></p>
<p><b>1.城市社区工作者薪酬经费绩效目标表</b></p>
<table border="1" cellspacing="0" cellpadding="4" width="600">
<tr><td colspan="4">763001中共唐山市路南区委社会工作部</td><td colspan="2">单位：万元</td></tr>
<tr><td>项目编码</td><td colspan="2">13020225P00912310002A</td><td>项目名称</td><td colspan="2">城市社区工作者薪酬经费</td></tr>
<tr><td>预算数</td><td>1262.16</td><td>其中：财政资金</td><td>1262.16</td><td>其他资金</td><td></td></tr>
<tr><td>绩效目标</td><td colspan="5"><p>1.按时足额发放社区工作者薪酬。</p><p>2.稳定社区工作者队伍。</p></td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>绩效指标描述</td><td>指标值</td><td>指标值确定依据</td></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>社区工作者人数</td><td>保障社区工作者人数</td><td>≥334人</td><td>计划标准</td></tr>
<tr><td>时效指标</td><td>发放及时率</td><td>按月发放</td><td>100%</td><td>工作要求</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>社区居民满意度</td><td>问卷调查</td><td>≥90%</td><td></td></tr>
</table>
</body></html>
`;

const DEPARTMENT_HTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>部门整体绩效目标</title></head><body>
<p align="center"><b>第一部分</b></p>
<p align="center"><b>部门整体绩效目标</b></p>
<p>一、总体绩效目标</p>
<p>完成区委交办的各项任务，提升社区治理水平。</p>
<p>二、分项绩效目标</p>
<p>1.加强社区工作者队伍建设。</p>
<p>三、工作保障措施</p>
<p>1.加强组织领导。</p>
<table border="1" cellspacing="0" cellpadding="4" width="600">
<tr><td>部门（单位）名称</td><td>示范区民政局</td><td>部门预算编码</td><td>417001</td></tr>
<tr><td rowspan="2">年度预算安排（万元）</td><td>资金总额</td><td>项目支出</td><td>基本支出</td></tr>
<tr><td>3560</td><td>1200</td><td>2360</td></tr>
</table>
</body></html>
`;

// ---------------------------------------------------------------------------------------------
// Workbooks

/** The Excel 97 sources: a small project table and an indicator sheet. */
async function budgetXlsx() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目支出');
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = '2025年项目支出绩效目标表';
  ws.addRow(['项目名称', '城市社区工作者薪酬经费', '预算数（万元）', 1262.16]);
  ws.getCell('D2').numFmt = '#,##0.00';
  ws.addRow(['资金到位率', 1, '完成时间', new Date(Date.UTC(2025, 11, 31))]);
  ws.getCell('B3').numFmt = '0%';
  ws.getCell('D3').numFmt = 'yyyy-mm-dd';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function indicatorsXlsx() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效指标');
  ws.addRow(['一级指标', '二级指标', '三级指标', '指标值']);
  ws.addRow(['产出指标', '数量指标', '改造小区数量', '≥12个']);
  ws.addRow([null, '质量指标', '验收合格率', 0.98]);
  ws.mergeCells('A2:A3');
  ws.getCell('D3').numFmt = '0%';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A 申报表 typed into Excel (read by xlsx/read-grid.ts). */
async function formXlsx() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('申报表');
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = '财政项目支出绩效目标申报表';
  ws.mergeCells('A2:H2');
  ws.getCell('A2').value = '（2025年度）';

  ws.getCell('A3').value = '项目名称';
  ws.mergeCells('B3:D3');
  ws.getCell('B3').value = '老旧小区综合整治工程';
  ws.getCell('E3').value = '项目编码';
  ws.mergeCells('F3:H3');
  ws.getCell('F3').value = '13020225P000000000001';
  ws.getCell('I3').value = '隐藏列：内部编号 A-17';
  ws.getColumn('I').hidden = true;

  ws.getCell('A4').value = '主管部门';
  ws.mergeCells('B4:D4');
  ws.getCell('B4').value = '[203001]示范区民政局';
  ws.getCell('E4').value = '实施单位';
  ws.mergeCells('F4:H4');
  ws.getCell('F4').value = '示范区社区服务中心';

  ws.getCell('A5').value = '计划开始日期';
  ws.mergeCells('B5:D5');
  ws.getCell('B5').value = new Date(Date.UTC(2025, 0, 1));
  ws.getCell('B5').numFmt = 'yyyy-mm-dd';
  ws.getCell('E5').value = '计划完成月份';
  ws.mergeCells('F5:H5');
  ws.getCell('F5').value = new Date(Date.UTC(2025, 11, 31));
  ws.getCell('F5').numFmt = 'yyyy"年"m"月"';

  ws.mergeCells('A6:A7');
  ws.getCell('A6').value = '项目资金（元）';
  ws.getCell('B6').value = '项目资金总额';
  ws.getCell('C6').value = 12345600;
  ws.getCell('D6').value = '其中：财政资金';
  ws.getCell('E6').value = 10000000;
  ws.getCell('F6').value = '其他资金';
  ws.getCell('G6').value = { formula: 'C6-E6', result: 2345600 };
  ws.getCell('B7').value = '年度资金申请总额';
  ws.getCell('C7').value = 5000000;
  ws.getCell('D7').value = '其中：当年财政拨款';
  ws.getCell('E7').value = 4000000;
  ws.getCell('F7').value = '上年结转资金';
  ws.getCell('G7').value = 0;
  for (const ref of ['C6', 'E6', 'G6', 'C7', 'E7', 'G7']) ws.getCell(ref).numFmt = '#,##0.00';

  ws.getCell('A8').value = '资金支出进度';
  ws.getCell('B8').value = 0.25;
  ws.getCell('C8').value = 0.5;
  ws.getCell('D8').value = 0.755;
  ws.getCell('E8').value = 1;
  for (const ref of ['B8', 'C8', 'E8']) ws.getCell(ref).numFmt = '0%';
  ws.getCell('D8').numFmt = '0.0%';
  // row 9 left empty, as forms leave a gap before the goals

  ws.mergeCells('A10:D10');
  ws.getCell('A10').value = '项目总目标';
  ws.mergeCells('E10:H10');
  ws.getCell('E10').value = '年度总体目标';
  ws.mergeCells('A11:D11');
  ws.getCell('A11').value = '1.完成12个老旧小区改造\n2.改善居民居住条件';
  ws.getCell('A11').alignment = { wrapText: true };
  ws.mergeCells('E11:H11');
  ws.getCell('E11').value = { richText: [{ text: '目标1：', font: { bold: true } }, { text: '年内完成5个小区改造' }] };

  ws.mergeCells('A12:A15');
  ws.getCell('A12').value = '年度绩效指标';
  ['一级指标', '二级指标', '三级指标', '年度指标值', '绩效标准', '备注'].forEach((header, i) => {
    ws.getCell(12, i + 2).value = header;
  });
  ws.mergeCells('B13:B14');
  ws.getCell('B13').value = '产出指标';
  ws.getCell('C13').value = '数量指标';
  ws.getCell('D13').value = '改造小区数量';
  ws.getCell('E13').value = '≥5个';
  ws.getCell('F13').value = '计划标准';
  ws.getCell('C14').value = '质量指标';
  ws.getCell('D14').value = '工程验收合格率';
  ws.getCell('E14').value = 1;
  ws.getCell('E14').numFmt = '0%';
  ws.getCell('F14').value = '行业标准';
  ws.getCell('H14').value = { formula: '0.1+0.2', result: 0.1 + 0.2 };
  ws.getCell('B15').value = '满意度指标';
  ws.getCell('C15').value = '服务对象满意度指标';
  ws.getCell('D15').value = '居民满意度';
  ws.getCell('E15').value = '≥90%';
  ws.getCell('F15').value = '历史标准';
  ws.getCell('G15').value = true;

  ws.getCell('A16').value = '审核备注';
  ws.getCell('B16').value = '隐藏行：仅供财政审核使用';
  ws.getRow(16).hidden = true;

  ws.getCell('A17').value = '填表人：张三';
  ws.getCell('E17').value = '联系电话：';
  ws.getCell('F17').value = 13800138000;
  ws.getCell('H17').value = { formula: 'VLOOKUP("x",A1:B2,2,FALSE)', result: { error: '#N/A' } };

  const notes = wb.addWorksheet('填报说明', { state: 'hidden' });
  notes.getCell('A1').value = '本表由项目实施单位填写';

  const extra = wb.addWorksheet('附表 1');
  extra.addRow(['指标名称', '2024年实际', '2025年目标']);
  extra.addRow(['改造面积（平方米）', 12000.5, 15000]);
  extra.getCell('B2').numFmt = '#,##0.0';
  extra.getCell('C2').numFmt = '#,##0';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// LibreOffice

const work = mkdtempSync(join(tmpdir(), 'jixiao-make-documents-'));
const convert = libreOffice(work);

try {
  copyFileSync(convert('project.html', PROJECT_HTML, 'doc:MS Word 97', 'doc'), join(out, 'office', 'project.doc'));
  copyFileSync(convert('department.html', DEPARTMENT_HTML, 'doc:MS Word 97', 'doc'), join(out, 'office', 'department.wps'));
  copyFileSync(convert('budget.xlsx', await budgetXlsx(), 'xls:MS Excel 97', 'xls'), join(out, 'office', 'budget.xls'));
  copyFileSync(convert('indicators.xlsx', await indicatorsXlsx(), 'xls:MS Excel 97', 'xls'), join(out, 'office', 'indicators.et'));

  const doc = readFileSync(join(out, 'office', 'project.doc'));
  // Cut in half, as an interrupted download leaves it: the directory (written last) is gone, the
  // start of the WordDocument stream is still there.
  writeFileSync(join(out, 'office', 'corrupt.doc'), doc.subarray(0, Math.floor(doc.length / 1024) * 512));

  const form = await formXlsx();
  writeFileSync(join(out, 'xlsx', 'form.xlsx'), form);
  writeFileSync(join(out, 'xlsx', 'broken.xlsx'), form.subarray(0, Math.floor(form.length / 2)));
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`written to ${out}`);
