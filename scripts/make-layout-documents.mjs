#!/usr/bin/env node
// Writes the layout test documents of test/documents/layouts/ (test/importers/layouts.test.ts):
// one realistic document for every layout class of 绩效目标表 that Jixiao reads (issue 14), each in
// the formats budget units publish it in. A document is written here once, as data (paragraphs
// and tables with merged cells), and rendered:
//
//   .html           the page as a site publishes it (UTF-8, or GBK with <meta charset="gb2312">)
//   .docx .doc .wps the page opened in LibreOffice Writer and saved as Word (a .wps is a Word 97
//                   file, as Kingsoft WPS saves it)
//   .pdf            the page printed by LibreOffice Writer (as a Word user prints), tables with
//                   narrow columns so that names, labels and amounts wrap inside their cells
//   .browser.pdf    the page printed by Chromium (a browser's print to PDF); 01 also with separated
//                   cell borders (cellspacing, bevelled), landscape
//   .xlsx .xls .et  the same form typed into a spreadsheet (ExcelJS: merged ranges, numbers with
//                   #,##0.00, text cells for targets), .xls/.et saved by LibreOffice Calc
//   scanned.pdf     a page of 01 as an image only (a scan), for the 扫描件 refusal
//   encrypted.pdf   07b with an open password, for the password refusal
//
// Needs LibreOffice (soffice) and Chromium (/usr/bin/chromium). Run: node scripts/make-layout-documents.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { gbkEncoder, libreOffice } from './document-tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test', 'documents', 'layouts');
mkdirSync(out, { recursive: true });
const toGbk = gbkEncoder();

// ---------------------------------------------------------------------------------------------
// The document model: paragraphs and tables. A cell is a string or { t, c (colspan), r (rowspan),
// n (a number: the spreadsheet stores it as a number with #,##0.00, the page shows t), b (bold),
// center }. "\n" in a text is a new paragraph of the cell.

const p = (t, opts = {}) => ({ kind: 'p', t, ...opts });
const table = (widths, rows, head = 0) => ({ kind: 'table', widths, rows, head });
const money = (n) => ({ t: n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }), n });

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cellOf = (c) => (typeof c === 'string' ? { t: c } : c);

function html(doc, charset = 'utf-8') {
  const body = doc.blocks
    .map((b) => {
      if (b.kind === 'p') {
        const text = escape(b.t);
        const inner = b.b ? `<b>${text}</b>` : text;
        return `<p${b.center ? ' align="center"' : ''}${b.size ? ` style="font-size:${b.size}pt"` : ''}>${inner}</p>`;
      }
      const cols = b.widths.map((w) => `<col width="${w}">`).join('');
      const tr = (row) => {
          const cells = row.map(cellOf).map((c) => {
            const attrs = `${c.c > 1 ? ` colspan="${c.c}"` : ''}${c.r > 1 ? ` rowspan="${c.r}"` : ''}${c.center ? ' align="center"' : ''}`;
            const text = c.t === '' ? '&nbsp;' : c.t.split('\n').map(escape).join('<br>');
            return `<td${attrs}>${c.b ? `<b>${text}</b>` : text}</td>`;
          });
          return `<tr>${cells.join('')}</tr>`;
      };
      // Header rows (b.head of them) in <thead>: a browser repeats them on every page.
      const head = b.head ? `<thead>\n${b.rows.slice(0, b.head).map(tr).join('\n')}\n</thead>\n` : '';
      const rows = b.rows.slice(b.head ?? 0).map(tr).join('\n');
      const width = b.widths.reduce((a, w) => a + w, 0);
      return `<table border="1" cellspacing="0" cellpadding="3" width="${width}" style="border-collapse:collapse">\n<colgroup>${cols}</colgroup>\n${head}<tbody>\n${rows}\n</tbody>\n</table>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html><head><meta charset="${charset}"><title>${escape(doc.title)}</title>
<style>body{font-family:"SimSun","宋体",serif;font-size:10.5pt} td{font-size:10.5pt;vertical-align:middle}</style>
</head><body>
${body}
</body></html>
`;
}

/** The document typed into one sheet: each table where it stands, a paragraph across the widest table. */
async function xlsx(doc) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(doc.sheet ?? 'Sheet1');
  const widest = Math.max(...doc.blocks.filter((b) => b.kind === 'table').map((b) => b.widths.length));
  const widths = doc.blocks.find((b) => b.kind === 'table' && b.widths.length === widest).widths;
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = Math.round(w / 6);
  });
  let r = 1;
  for (const b of doc.blocks) {
    if (b.kind === 'p') {
      ws.mergeCells(r, 1, r, widest);
      ws.getCell(r, 1).value = b.t;
      if (b.center) ws.getCell(r, 1).alignment = { horizontal: 'center' };
      if (b.b) ws.getCell(r, 1).font = { bold: true };
      r++;
      continue;
    }
    const taken = new Set();
    b.rows.forEach((row, i) => {
      let c = 1;
      for (const raw of row) {
        const cell = cellOf(raw);
        while (taken.has(`${r + i}:${c}`)) c++;
        const target = ws.getCell(r + i, c);
        if (cell.n !== undefined) {
          target.value = cell.n;
          target.numFmt = '#,##0.00';
        } else if (cell.t !== '') {
          target.value = cell.t;
          if (cell.t.includes('\n')) target.alignment = { wrapText: true, vertical: 'middle' };
        }
        const cs = cell.c ?? 1;
        const rs = cell.r ?? 1;
        if (cs > 1 || rs > 1) ws.mergeCells(r + i, c, r + i + rs - 1, c + cs - 1);
        for (let y = 0; y < rs; y++) for (let x = 0; x < cs; x++) taken.add(`${r + i + y}:${c + x}`);
        c += cs;
      }
    });
    r += b.rows.length;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// The documents

/**
 * 01 — A municipal 财政项目支出绩效目标申报表 on a nine-column grid (classes 1, 2, 8, 9): title and
 * year in table rows, labels and values with empty grid columns between them, amounts in 元 with
 * thousands separators under 项目资金（元）, the whole project's money beside the year's, 项目总目标
 * and 年度总体目标 side by side, 年度(/项目)指标值 with 绩效标准 and 备注 columns, a category row with
 * no indicator, the finance bureau's opinion and the signature row. Narrow columns: printed, the
 * names, labels and amounts wrap inside their cells.
 */
const SHENBAO = {
  title: '老旧小区综合整治工程绩效目标申报表',
  sheet: '申报表',
  blocks: [
    table([58, 64, 82, 60, 82, 58, 64, 46, 62], [
      [{ t: '财政项目支出绩效目标申报表', c: 9, center: true, b: true }],
      [{ t: '（2025年度）', c: 9, center: true }],
      ['项目名称', { t: '老旧小区综合整治工程', c: 2 }, '项目编码', { t: '', c: 5 }],
      ['主管部门', { t: '[412001]示范区住房和城乡建设局', c: 2 }, '实施单位', { t: '示范区建设和交通管理委员会', c: 2 }, { t: '', c: 3 }],
      ['项目性质', { t: '延续性项目', c: 2 }, '项目类别', { t: '特定目标类', c: 5 }],
      ['计划开始日期', { t: '2025-01-01', c: 2 }, '计划完成日期', { t: '2025-12-31', c: 5 }],
      [{ t: '项目资金（元）', r: 2 }, '项目资金总额', money(12345600), '其中：财政资金', money(10000000), '其他资金', { ...money(2345600), c: 3 }],
      ['年度资金申请总额', money(5000000), '其中：当年财政拨款', money(4000000), '上年结转资金', money(0), '其他资金', money(1000000)],
      [{ t: '项目总目标', c: 5, center: true }, { t: '年度总体目标', c: 4, center: true }],
      [
        { t: '1.用三年时间完成全区42个老旧小区综合整治，改善2.1万户居民的居住条件。\n2.建立小区长效管理机制，整治后小区物业管理覆盖率达到100%。', c: 5 },
        { t: '目标1：完成12个小区的水电气管网、道路和外立面改造。\n目标2：加装电梯6台，居民满意度达到85%以上。', c: 4 },
      ],
      [{ t: '年度绩效指标', r: 10 }, '一级指标', '二级指标', { t: '三级指标', c: 2 }, { t: '年度(/项目)指标值', c: 2 }, '绩效标准', '备注'],
      [{ t: '产出指标', r: 6 }, { t: '数量指标', r: 3 }, { t: '改造小区数量', c: 2 }, { t: '=12(个)', c: 2 }, '计划标准', ''],
      [{ t: '加装电梯数量', c: 2 }, { t: '6台', c: 2 }, '计划标准', ''],
      [{ t: '消防通道拓宽长度', c: 2 }, { t: '≥50M', c: 2 }, '行业标准', ''],
      ['质量指标', { t: '入户调查覆盖率', c: 2 }, { t: '=98.00(%)', c: 2 }, '行业标准', ''],
      ['时效指标', { t: '项目完工时间', c: 2 }, { t: '2025年10月(计划标准)', c: 2 }, '计划标准', ''],
      ['成本指标', { t: '单个小区平均改造费用', c: 2 }, { t: '120万', c: 2 }, '预算标准', '含设计监理费'],
      [{ t: '效益指标', r: 2 }, '社会效益指标', { t: '惠及居民户数', c: 2 }, { t: '≥3000户', c: 2 }, '计划标准', ''],
      ['生态效益指标', { t: '', c: 2 }, { t: '', c: 2 }, '', ''],
      ['满意度指标', '服务对象满意度指标', { t: '居民满意度', c: 2 }, { t: '≥85.00(%)', c: 2 }, '历史标准', '抽样调查'],
      ['财政部门审核意见', { t: '', c: 8 }],
      [{ t: '填表人：王丽', c: 3 }, { t: '联系电话：025-83214567', c: 3 }, { t: '填报日期：2024年10月15日', c: 3 }],
    ]),
  ],
};

/**
 * 03 — A published table whose merged 一级指标 cell lost its text (class 3): the first indicator
 * rows have a blank 一级指标, the level is inferred from 二级指标 through the framework.
 */
const LOST_LEVEL1 = {
  title: '示范县教育局2025年项目绩效目标',
  blocks: [
    p('示范县教育局2025年项目绩效目标', { center: true, b: true, size: 16 }),
    p('1.农村义务教育学生营养改善计划绩效目标表', { center: true, b: true }),
    table([90, 90, 120, 120, 80, 80], [
      [{ t: '362001示范县教育局', c: 4 }, { t: '单位：万元', c: 2 }],
      ['项目编码', { t: '36072225P000362001003', c: 2 }, '项目名称', { t: '农村义务教育学生营养改善计划', c: 2 }],
      [{ t: '预算规模及资金用途', r: 2 }, '预算数', '486.00', '其中：财政资金', '486.00', '其他资金'],
      [{ t: '为全县农村义务教育阶段学生每人每天提供5元营养膳食补助。', c: 5 }],
      ['绩效目标', { t: '1.保障9720名农村学生在校期间营养膳食补助按时足额发放。\n2.提高农村学生营养健康水平。', c: 5 }],
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
      ['', '数量指标', '受益学生人数', '享受营养膳食补助的学生人数', '≥9720人', '上年实际'],
      ['', '质量指标', '食品安全事故发生次数', '供餐过程中发生的食品安全事故', '0次', '行业标准'],
      ['', '时效指标', '补助资金拨付及时率', '按学期及时拨付补助资金', '100%', '工作要求'],
      [{ t: '效益指标', r: 1 }, '社会效益指标', '学生营养健康状况', '学生营养健康状况改善情况', '有效改善', '计划标准'],
      ['满意度指标', '服务对象满意度指标', '学生家长满意度', '抽样调查学生家长满意度', '≥90%', '历史标准'],
    ]),
  ],
};

/**
 * 04 — A table on the 2021 framework (财预〔2021〕101号, class 4): 成本指标 at level 1 with
 * 经济成本指标 / 社会成本指标 / 生态环境成本指标, typed into a spreadsheet.
 */
const FRAMEWORK_2021 = {
  title: '2025年项目支出绩效目标表',
  sheet: '绩效目标',
  blocks: [
    table([80, 96, 120, 150, 90, 90], [
      [{ t: '2025年项目支出绩效目标表', c: 6, center: true, b: true }],
      [{ t: '填报单位（盖章）：示范市生态环境局', c: 4 }, { t: '金额单位：万元', c: 2 }],
      ['项目名称', { t: '重点流域水污染防治', c: 2 }, '项目编码', { t: '44030025P000518002007', c: 2 }],
      ['预算数', { t: '860.00', c: 2 }, '其中：财政资金', { t: '860.00', c: 2 }],
      ['年度绩效目标', { t: '1.完成3条黑臭水体整治，国控断面水质达到Ⅲ类。\n2.新建污水管网12公里。', c: 5 }],
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
      [{ t: '产出指标', r: 3 }, '数量指标', '整治黑臭水体数量', '完成整治的黑臭水体条数', '≥3条', '计划标准'],
      ['数量指标', '新建污水管网长度', '新建污水收集管网长度', '≥12公里', '计划标准'],
      ['质量指标', '工程验收合格率', '整治工程一次验收合格率', '100%', '行业标准'],
      [{ t: '成本指标', r: 3 }, '经济成本指标', '管网建设单位成本', '每公里管网建设成本', '≤45万元/公里', '预算标准'],
      ['社会成本指标', '施工期间交通影响', '施工占道对周边交通的影响', '不超过3个月', '计划标准'],
      ['生态环境成本指标', '施工扬尘控制', '施工期间扬尘防治措施落实率', '100%', '行业标准'],
      [{ t: '效益指标', r: 1 }, '生态效益指标', '国控断面水质达标率', '国控断面水质达到Ⅲ类的比例', '≥90%', '历史标准'],
      ['满意度指标', '服务对象满意度指标', '沿河居民满意度', '抽样调查沿河居民满意度', '≥85%', '历史标准'],
    ]),
  ],
};

/** 04b — A 2023 table that still uses the older tree: 成本指标 under 产出指标 (read as cn-2015). */
const FRAMEWORK_2023_OLD = {
  title: '示范区财政局2023年项目绩效目标',
  blocks: [
    p('示范区财政局2023年项目绩效目标', { center: true, b: true, size: 16 }),
    p('1.财政票据电子化改革经费绩效目标表', { center: true, b: true }),
    table([90, 90, 120, 120, 80, 80], [
      [{ t: '151001示范区财政局', c: 4 }, { t: '单位：万元', c: 2 }],
      ['项目编码', { t: '', c: 2 }, '项目名称', { t: '财政票据电子化改革经费', c: 2 }],
      [{ t: '预算规模及资金用途', r: 2 }, '预算数', '35.00', '其中：财政资金', '35.00', '其他资金'],
      [{ t: '用于财政电子票据系统运行维护和票据赋码。', c: 5 }],
      ['绩效目标', { t: '1.全区行政事业单位非税收入票据全部电子化。', c: 5 }],
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
      [{ t: '产出指标', r: 3 }, '数量指标', '接入单位数量', '接入电子票据系统的单位数', '≥210个', '计划标准'],
      ['时效指标', '系统上线时间', '电子票据系统上线运行', '2023年6月底前', '计划标准'],
      ['成本指标', '系统运维费用', '年度系统运行维护费用', '≤35万元', '预算标准'],
      ['效益指标', '社会效益指标', '开票效率', '缴款人取得票据的时间', '显著提高', '工作要求'],
      ['满意度指标', '服务对象满意度指标', '使用单位满意度', '问卷调查使用单位满意度', '≥90%', '历史标准'],
    ]),
  ],
};

/**
 * 05 — Category synonyms (class 5), on a county government site (GBK): 效果指标 for 效益指标,
 * 实效指标 for 时效指标, level-2 names without 指标, 满意度 / 服务对象满意度 at level 2, and
 * 社会公众或服务对象满意度指标 at level 1.
 */
const SYNONYMS = {
  title: '示范县卫生健康局2025年项目绩效目标公开',
  blocks: [
    p('示范县卫生健康局2025年项目绩效目标公开', { center: true, b: true, size: 16 }),
    p('1.基本公共卫生服务项目绩效目标表', { center: true, b: true }),
    table([90, 100, 120, 120, 80, 80], [
      [{ t: '532001示范县卫生健康局', c: 4 }, { t: '单位：万元', c: 2 }],
      ['项目编码', { t: '51132425P000532001001', c: 2 }, '项目名称', { t: '基本公共卫生服务项目', c: 2 }],
      [{ t: '预算规模及资金用途', r: 2 }, '预算数', '1,280.50', '其中：财政资金', '1,280.50', '其他资金'],
      [{ t: '按人均89元标准开展国家基本公共卫生服务。', c: 5 }],
      ['绩效目标', { t: '1.为辖区常住居民免费提供12类基本公共卫生服务。', c: 5 }],
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
      [{ t: '产出指标', r: 3 }, '数量', '居民电子健康档案建档率', '常住居民电子健康档案建档比例', '≥90%', '国家标准'],
      ['质量', '高血压患者规范管理率', '按规范管理的高血压患者比例', '≥65%', '国家标准'],
      ['实效指标', '资金拨付及时率', '按季度拨付资金', '100%', '工作要求'],
      [{ t: '效果指标', r: 2 }, '社会效益', '居民健康素养水平', '具备健康素养的居民比例', '≥28%', '省级标准'],
      ['可持续影响', '服务机制长效运行', '基本公共卫生服务机制', '长期', '工作要求'],
      ['满意度指标', '服务对象满意度', '居民满意度', '抽样调查居民满意度', '≥85%', '历史标准'],
    ]),
    p('2.家庭医生签约服务经费绩效目标表', { center: true, b: true }),
    table([90, 100, 120, 120, 80, 80], [
      [{ t: '532001示范县卫生健康局', c: 4 }, { t: '单位：万元', c: 2 }],
      ['项目编码', { t: '51132425P000532001002', c: 2 }, '项目名称', { t: '家庭医生签约服务经费', c: 2 }],
      [{ t: '预算规模及资金用途', r: 2 }, '预算数', '96.00', '其中：财政资金', '96.00', '其他资金'],
      [{ t: '用于家庭医生团队签约服务补助。', c: 5 }],
      ['绩效目标', { t: '1.重点人群家庭医生签约覆盖率达到75%。', c: 5 }],
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
      ['产出指标', '数量指标', '重点人群签约覆盖率', '重点人群家庭医生签约比例', '≥75%', '省级标准'],
      ['效益指标', '社会效益指标', '签约居民就诊便利程度', '签约居民就近就医情况', '明显提高', '工作要求'],
      ['社会公众或服务对象满意度指标', '满意度', '签约居民满意度', '抽样调查签约居民满意度', '≥90%', '历史标准'],
    ]),
  ],
};

/**
 * 06a — Long-term and annual indicators in two parallel column groups (class 6), typed into a
 * spreadsheet and saved by WPS as .et: the long-term group blank for some rows.
 */
const GROUPS = {
  title: '项目支出绩效目标表',
  sheet: '项目绩效目标',
  blocks: [
    table([70, 80, 110, 70, 80, 110, 80], [
      [{ t: '2025年项目支出绩效目标表', c: 7, center: true, b: true }],
      ['项目名称', { t: '智慧社区综合服务平台建设', c: 3 }, '预算部门', { t: '示范区民政局', c: 2 }],
      ['项目资金（万元）', { t: '年度资金总额', c: 1 }, { t: '150.00', c: 2 }, '其中：财政资金', { t: '150.00', c: 2 }],
      [{ t: '长期目标', c: 4, center: true }, { t: '年度目标', c: 3, center: true }],
      [{ t: '建成覆盖全区的智慧社区综合服务平台，实现社区服务事项线上办理。', c: 4 }, { t: '完成平台一期建设，接入30个社区。', c: 3 }],
      ['一级指标', '二级指标(长期)', '三级指标(长期)', '指标值(长期)', '二级指标(年度)', '三级指标(年度)', '指标值(年度)'],
      [{ t: '产出指标', r: 3 }, '数量指标', '接入社区数量', '≥85个', '数量指标', '接入社区数量', '≥30个'],
      ['', '', '', '质量指标', '系统可用率', '≥99.5%'],
      ['时效指标', '平台全面建成时间', '2027年底前', '时效指标', '一期上线时间', '2025年9月底前'],
      ['效益指标', '社会效益指标', '线上办理事项占比', '≥80%', '社会效益指标', '线上办理事项占比', '≥40%'],
      ['满意度指标', '', '', '', '服务对象满意度指标', '社区居民满意度', '≥85%'],
    ]),
  ],
};

/**
 * 06b — Other column names and extra columns (class 6), a Word 97 document: the name column
 * headed 指标内容 or 三级指标, values headed 目标值 / 指标值及单位, and the columns Jixiao does not
 * model (评（记）分标准, 备注, 指标解释, 绩效标准), kept on every indicator.
 */
const COLUMNS = {
  title: '示范市文化广电旅游局2025年项目绩效目标',
  blocks: [
    p('示范市文化广电旅游局2025年项目绩效目标', { center: true, b: true, size: 16 }),
    p('1.公共文化服务体系建设专项绩效目标表', { center: true, b: true }),
    table([80, 90, 110, 70, 120, 80], [
      [{ t: '预算单位', c: 1 }, { t: '示范市文化广电旅游局', c: 3 }, '单位：万元', ''],
      ['项目名称', { t: '公共文化服务体系建设专项', c: 3 }, '预算数', '320.00'],
      ['绩效目标', { t: '1.开展送戏下乡120场。\n2.实现乡镇综合文化站免费开放全覆盖。', c: 5 }],
      ['一级指标', '二级指标', '指标内容', '目标值', '评（记）分标准', '备注'],
      [{ t: '产出指标', r: 2 }, '数量指标', '送戏下乡场次', '≥120场', '完成得满分，每少1场扣0.1分', '含线上演出'],
      ['质量指标', '演出合格率', '≥95%', '达到得满分，否则按比例扣分', ''],
      ['效益指标', '社会效益指标', '观众人次', '≥6万人次', '达到得满分', '以场次登记为准'],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '≥90%得满分，80%-90%得一半', ''],
    ]),
    p('2.图书馆免费开放补助绩效目标表', { center: true, b: true }),
    table([80, 90, 110, 70, 120, 80], [
      [{ t: '预算单位', c: 1 }, { t: '示范市文化广电旅游局', c: 3 }, '单位：万元', ''],
      ['项目名称', { t: '图书馆免费开放补助', c: 3 }, '预算数', '58.00'],
      ['绩效目标', { t: '1.市图书馆全年免费开放不少于300天。', c: 5 }],
      ['一级指标', '二级指标', '三级指标', '指标值及单位', '指标解释', '绩效标准'],
      ['产出指标', '时效指标', '全年开放天数', '≥300天', '图书馆全年对公众免费开放的天数', '计划标准'],
      ['效益指标', '社会效益指标', '年接待读者人次', '≥45万人次', '年度到馆读者人次', '历史标准'],
      ['满意度指标', '服务对象满意度指标', '读者满意度', '≥92%', '抽样调查到馆读者满意度', '历史标准'],
    ]),
  ],
};

/**
 * 07a — Header fields of another form (class 7), saved by WPS as .wps: 项目支出名称, 主管部门及编码
 * with the code in brackets, 项目执行单位, "年度本级预算金额120万" (amount in the label's cell, 万
 * without 元), 项目支出实施期 as a period, a caption line that is no department, and a year
 * "2021年度)" with its bracket lost. Targets: a period and a plain count.
 */
const HEADERS_A = {
  title: '项目支出绩效目标申报表',
  blocks: [
    p('项目支出绩效目标申报表', { center: true, b: true, size: 16 }),
    p('2021年度)', { center: true }),
    p('填报单位（盖章）：                    金额单位：万元'),
    table([100, 140, 100, 140], [
      ['项目支出名称', '社区养老服务驿站运营补贴', '主管部门及编码', '[203001]示范区民政局'],
      ['项目执行单位', '示范区社会福利中心', '项目支出实施期', '2021.03-2021.11'],
      [{ t: '年度本级预算金额120万', c: 2 }, '资金用途', '驿站运营补贴及助餐服务'],
      ['年度绩效目标', { t: '1.支持15个社区养老服务驿站正常运营。\n2.为2000名老年人提供助餐服务。', c: 3 }],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      [{ t: '产出指标', r: 2 }, '数量指标', '运营驿站数量', '15个'],
      ['时效指标', '补贴发放期间', '2021.03-2021.11'],
      ['效益指标', '社会效益指标', '助餐服务老年人数', '≥2000人'],
      ['满意度指标', '服务对象满意度指标', '老年人满意度', '≥90%'],
    ]),
  ],
};

/**
 * 07b — Header fields of a third form (class 7), printed to PDF: 项目名称, 预算部门, 项目主管部门,
 * 实施单位, 资金情况(万元) with several amounts in one cell, 项目起止时间 as yyyymm-yyyymm, and the
 * year in the title "2024年项目支出绩效目标申报表"; targets in a long wrapped column.
 */
const HEADERS_B = {
  title: '2024年项目支出绩效目标申报表',
  blocks: [
    p('2024年项目支出绩效目标申报表', { center: true, b: true, size: 16 }),
    table([90, 150, 90, 150], [
      ['项目名称', '背街小巷环境整治', '预算部门', '示范区城市管理局'],
      ['项目主管部门', '示范区城市管理局', '实施单位', '示范区环境卫生服务中心'],
      ['资金情况(万元)', { t: '年度资金总额:35 其中:区级资金20 上级资金15', c: 3 }],
      ['项目起止时间', '202401-202412', '项目类别', '其他运转类'],
      ['年度绩效目标', { t: '完成30条背街小巷路面修补和环境整治，消除卫生死角。', c: 3 }],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      [{ t: '产出指标', r: 3 }, '数量指标', '整治背街小巷数量', '≥30条'],
      ['质量指标', '整治验收合格率', '100%'],
      ['成本指标', '单条小巷整治成本', '≤1.2万元/条'],
      ['效益指标', '社会效益指标', '居民出行条件', '明显改善'],
      ['满意度指标', '服务对象满意度指标', '沿街居民满意度', '≥90%'],
    ]),
  ],
};

/**
 * 10 — A department's whole-budget targets (部门整体支出绩效目标表, class 10): name and budget
 * code, 年度预算安排 (资金总额 / 项目支出 / 基本支出), 年度总体目标 as 目标1…目标N, 年度履职目标 rows
 * with a merged 部门职能, then indicators with 指标解释 and 目标值.
 */
const DEPARTMENT = {
  title: '2025年度部门整体支出绩效目标表',
  sheet: '部门整体',
  blocks: [
    table([84, 84, 110, 110, 120, 84], [
      [{ t: '2025年度部门整体支出绩效目标表', c: 6, center: true, b: true }],
      ['部门（单位）名称', { t: '示范区民政局', c: 3 }, '部门预算编码', '417001'],
      [{ t: '年度预算安排（万元）', r: 2 }, { t: '资金总额', c: 2 }, { t: '项目支出', c: 2 }, '基本支出'],
      [{ t: '3,560.00', c: 2 }, { t: '1,200.00', c: 2 }, '2,360.00'],
      ['年度总体目标', { t: '目标1：保障城乡低保、特困人员基本生活，做到应保尽保。\n目标2：完善养老服务体系，新增社区养老服务驿站8个。\n目标3：提升社区治理和婚姻登记服务水平。', c: 5 }],
      [{ t: '年度履职目标', r: 5 }, '部门职能', { t: '年度目标任务', c: 2 }, '支出项目名称', '预算金额'],
      [{ t: '社会救助', r: 2 }, { t: '城乡低保、特困供养', c: 2 }, '城乡低保资金', '800.00'],
      [{ t: '临时救助', c: 2 }, '临时救助资金', '60.00'],
      ['养老服务', { t: '社区养老服务驿站建设与运营', c: 2 }, '养老服务驿站补贴', '240.00'],
      ['基层治理', { t: '社区工作者队伍建设', c: 2 }, '社区工作者培训经费', '100.00'],
      [{ t: '绩效指标', r: 8 }, '一级指标', '二级指标', '三级指标', '指标解释', '目标值'],
      [{ t: '产出指标', r: 4 }, '数量指标', '低保对象保障人数', '全年纳入低保保障的人数', '≥3200人'],
      ['数量指标', '新增养老服务驿站数量', '年内新建成并运营的驿站数', '8个'],
      ['时效指标', '低保金按时发放率', '按月足额发放低保金的比例', '100%'],
      ['成本指标', '基本支出控制', '基本支出不超过年度预算', '≤2360万元'],
      ['效益指标', '社会效益指标', '困难群众基本生活保障水平', '困难群众基本生活得到保障', '有效保障'],
      ['满意度指标', '服务对象满意度指标', '服务对象满意度', '抽样调查服务对象满意度', '≥90%'],
    ]),
  ],
};

/**
 * 11 — A single project's 申报书 with a cover and a narrative (class 11), Word 97: the department
 * from the cover's 预算主管部门, the narrative (项目经费情况说明) kept by section, the pointer
 * "详见项目绩效目标表" no project name, then the table.
 */
const SINGLE = {
  title: '2025年度项目支出预算申报书',
  blocks: [
    p('2025年度项目支出预算申报书', { center: true, b: true, size: 18 }),
    p('项目名称：城区公共厕所提升改造'),
    p('预算主管部门：示范市城市管理局'),
    p('申报单位（盖章）：示范市环境卫生管理处'),
    p('申报日期：2024年10月'),
    p('项目经费情况说明', { center: true, b: true, size: 16 }),
    p('一、项目概述'),
    p('对城区45座老旧公共厕所进行提升改造，增设无障碍设施和第三卫生间。'),
    p('二、立项依据'),
    p('《示范市城市公共厕所建设管理办法》和市政府2025年民生实事项目安排。'),
    p('三、实施主体'),
    p('示范市环境卫生管理处。'),
    p('四、实施方案'),
    p('分两批实施，6月底前完成20座，10月底前完成25座。'),
    p('五、实施周期'),
    p('2025年1月至2025年12月。'),
    p('六、年度预算安排'),
    p('年度预算450万元，全部为市级财政资金。'),
    p('七、绩效目标'),
    p('详见项目绩效目标表。'),
    p('项目绩效目标表', { center: true, b: true }),
    table([90, 100, 120, 120, 80, 80], [
      ['项目名称', { t: '城区公共厕所提升改造', c: 2 }, '项目编码', { t: '', c: 2 }],
      [{ t: '预算规模及资金用途', r: 2 }, '预算数', '450.00', '其中：财政资金', '450.00', '其他资金'],
      [{ t: '用于45座公共厕所提升改造。', c: 5 }],
      ['绩效目标', { t: '1.完成45座公共厕所提升改造。\n2.公厕保洁达到一类标准。', c: 5 }],
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
      [{ t: '产出指标', r: 2 }, '数量指标', '改造公厕数量', '完成提升改造的公厕座数', '45座', '计划标准'],
      ['时效指标', '改造完成时间', '全部改造完成的时间', '2025年10月底前', '计划标准'],
      ['效益指标', '社会效益指标', '市民如厕环境', '公厕环境改善情况', '明显改善', '工作要求'],
      ['满意度指标', '服务对象满意度指标', '市民满意度', '抽样调查市民满意度', '≥90%', '历史标准'],
    ]),
  ],
};

/**
 * 12 — A department's published document over several pages, printed by a browser: part one with
 * paragraphs that wrap and run on to the next page, project tables in the published layout, and
 * an indicator table long enough to go on over pages with its header repeated (thead), rows
 * broken at the page end, and a page number in every footer.
 */
const INDICATOR_HEAD = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'];
const LONG_INDICATORS = [
  ['数量指标', '高标准农田建设面积', '年内新建和改造提升高标准农田面积', '≥1.2万亩', '计划标准'],
  ['数量指标', '农田灌溉渠道修缮长度', '修缮和新建农田灌溉渠道总长度', '≥35公里', '计划标准'],
  ['数量指标', '田间道路硬化长度', '田间生产道路硬化长度', '≥18公里', '计划标准'],
  ['数量指标', '农业技术培训人次', '组织新型职业农民和种粮大户开展技术培训', '≥1500人次', '历史标准'],
  ['数量指标', '病虫害统防统治面积', '小麦、玉米病虫害专业化统防统治面积', '≥8万亩', '计划标准'],
  ['数量指标', '农机作业补助面积', '深松整地作业补助面积', '≥5万亩', '计划标准'],
  ['数量指标', '农产品质量安全抽检批次', '对蔬菜、水果、畜禽产品开展定量检测', '≥600批次', '行业标准'],
  ['数量指标', '新建设施农业大棚数量', '新建日光温室和塑料大棚数量', '≥120个', '计划标准'],
  ['质量指标', '高标准农田工程验收合格率', '按国家标准验收合格的项目比例', '100%', '行业标准'],
  ['质量指标', '农产品质量安全抽检合格率', '定量检测合格批次占抽检批次的比例', '≥98%', '行业标准'],
  ['质量指标', '培训合格率', '参加培训并考核合格人数占比', '≥95%', '历史标准'],
  ['质量指标', '统防统治防治效果', '统防统治区域病虫害防治效果', '≥90%', '行业标准'],
  ['时效指标', '高标准农田建设完成时间', '全部建设任务完成并通过初验', '2025年11月底前', '计划标准'],
  ['时效指标', '补助资金兑付时间', '农机作业补助资金兑付到户', '2025年12月底前', '计划标准'],
  ['时效指标', '春季病虫害防治完成时间', '春季统防统治作业完成', '2025年5月底前', '计划标准'],
  ['成本指标', '高标准农田亩均建设成本', '每亩高标准农田建设投入', '≤1500元/亩', '预算标准'],
  ['成本指标', '培训人均成本', '每人次培训费用', '≤300元/人次', '预算标准'],
  ['成本指标', '统防统治亩均补助标准', '每亩统防统治作业补助', '≤10元/亩', '预算标准'],
];
const LONG_EFFECTS = [
  ['经济效益指标', '粮食亩均增产', '项目区粮食亩均增产量', '≥50公斤', '历史标准'],
  ['经济效益指标', '项目区农民人均增收', '项目区农民人均可支配收入增加额', '≥800元', '历史标准'],
  ['社会效益指标', '带动农户数量', '项目带动参与的农户数量', '≥3000户', '计划标准'],
  ['社会效益指标', '粮食综合生产能力', '区域粮食综合生产能力', '稳步提升', '工作要求'],
  ['生态效益指标', '化肥农药使用量', '项目区化肥农药使用量', '较上年减少5%', '行业标准'],
  ['生态效益指标', '农田灌溉水有效利用系数', '项目区农田灌溉水有效利用系数', '≥0.65', '行业标准'],
  ['可持续影响指标', '工程设施使用年限', '高标准农田工程设施设计使用年限', '≥15年', '行业标准'],
  ['可持续影响指标', '管护机制建立情况', '建立工程设施长效管护机制', '建立健全', '工作要求'],
];
const mainRows = (code, name, amount, purpose, goals) => [
  [{ t: '521001示范区农业农村局', c: 4 }, { t: '单位：万元', c: 2 }],
  ['项目编码', { t: code, c: 2 }, '项目名称', { t: name, c: 2 }],
  [{ t: '预算规模及资金用途', r: 2 }, '预算数', amount, '其中：财政资金', amount, '其他资金'],
  [{ t: purpose, c: 5 }],
  [{ t: '资金支出计划（%）', r: 2 }, '3月底', '6月底', '10月底', { t: '12月底', c: 2 }],
  ['20%', '45%', '80%', { t: '100%', c: 2 }],
  ['绩效目标', { t: goals, c: 5 }],
];
const W12 = [82, 92, 118, 128, 82, 90];
const LONG_DOCUMENT = {
  title: '示范区农业农村局2025年部门预算绩效目标',
  blocks: [
    p('第一部分', { center: true, b: true, size: 16 }),
    p('部门整体绩效目标', { center: true, b: true, size: 16 }),
    p('一、总体绩效目标'),
    p('　　以实施乡村振兴战略为总抓手，坚决守牢确保粮食安全、防止规模性返贫等底线，扎实推进乡村发展、乡村建设、乡村治理等重点工作，全年粮食播种面积稳定在42万亩以上，粮食总产量稳定在19万吨以上，农村居民人均可支配收入增长6%以上，农产品质量安全例行监测合格率稳定在98%以上，为全区经济社会高质量发展提供坚实支撑。'),
    p('二、分项绩效目标'),
    p('（一）稳定粮食生产'),
    p('　　落实粮食安全党政同责，稳定粮食播种面积，新建和改造提升高标准农田1.2万亩，推广病虫害统防统治和农机深松整地，提高粮食单产水平和综合生产能力，确保完成上级下达的粮食生产目标任务。'),
    p('（二）推进农业绿色发展'),
    p('　　持续推进化肥农药减量增效，推广测土配方施肥和绿色防控技术，化肥农药使用量较上年减少5%，畜禽粪污综合利用率达到80%以上，农作物秸秆综合利用率稳定在95%以上。'),
    p('三、工作保障措施'),
    p('　　（一）加强组织领导。成立项目实施工作专班，明确责任分工，建立周调度、月通报制度，确保各项任务按时完成。'),
    p('　　（二）强化资金监管。严格执行项目资金管理办法，实行专账核算、专款专用，定期开展资金使用情况检查，提高资金使用效益。'),
    p('第二部分', { center: true, b: true, size: 16 }),
    p('预算项目绩效目标', { center: true, b: true, size: 16 }),
    p('1.农业技术推广服务经费绩效目标表', { center: true, b: true }),
    table(W12, mainRows('13020825P000521001001', '农业技术推广服务经费', '45.00', '用于农业新技术示范推广和基层农技人员培训。', '1.示范推广主推技术10项以上。\n2.培训基层农技人员和种粮大户600人次。')),
    table(W12, [
      INDICATOR_HEAD,
      [{ t: '产出指标', r: 2 }, '数量指标', '示范推广主推技术数量', '年内示范推广的农业主推技术', '≥10项', '计划标准'],
      ['数量指标', '培训人次', '培训基层农技人员和种粮大户', '≥600人次', '历史标准'],
      ['效益指标', '社会效益指标', '主推技术到位率', '示范区主推技术到位率', '≥95%', '行业标准'],
      ['满意度指标', '服务对象满意度指标', '农户满意度', '抽样调查受训农户满意度', '≥90%', '历史标准'],
    ], 1),
    p('2.高标准农田建设及农业生产发展资金绩效目标表', { center: true, b: true }),
    table(W12, mainRows('13020825P000521001002', '高标准农田建设及农业生产发展资金', '2,386.50', '用于高标准农田建设、农业生产社会化服务和农产品质量安全监管。', '1.新建和改造提升高标准农田1.2万亩。\n2.粮食亩均增产50公斤以上，带动3000户农户增收。')),
    table(
      W12,
      [
        INDICATOR_HEAD,
        [{ t: '产出指标', r: LONG_INDICATORS.length }, ...LONG_INDICATORS[0]],
        ...LONG_INDICATORS.slice(1),
        [{ t: '效益指标', r: LONG_EFFECTS.length }, ...LONG_EFFECTS[0]],
        ...LONG_EFFECTS.slice(1),
        ['满意度指标', '服务对象满意度指标', '项目区农户满意度', '抽样调查项目区农户对工程建设和服务的满意程度', '≥90%', '历史标准'],
      ],
      1,
    ),
    p('3.农村人居环境整治经费绩效目标表', { center: true, b: true }),
    table(W12, mainRows('13020825P000521001003', '农村人居环境整治经费', '260.00', '用于农村生活垃圾收运处置和村庄清洁行动。', '1.农村生活垃圾无害化处理率达到95%。\n2.开展村庄清洁行动4次。')),
    table(W12, [
      INDICATOR_HEAD,
      [{ t: '产出指标', r: 2 }, '数量指标', '村庄清洁行动次数', '组织开展村庄清洁行动次数', '≥4次', '计划标准'],
      ['质量指标', '生活垃圾无害化处理率', '农村生活垃圾无害化处理比例', '≥95%', '行业标准'],
      ['效益指标', '生态效益指标', '村庄环境面貌', '村庄环境干净整洁有序', '明显改善', '工作要求'],
      ['满意度指标', '服务对象满意度指标', '村民满意度', '抽样调查村民满意度', '≥90%', '历史标准'],
    ], 1),
  ],
};

// ---------------------------------------------------------------------------------------------
// Rendering

const work = mkdtempSync(join(tmpdir(), 'jixiao-make-layouts-'));
const convert = libreOffice(work);
const write = (name, bytes) => writeFileSync(join(out, name), bytes);

async function browserPdf(page, doc) {
  await page.setContent(html(doc), { waitUntil: 'load' });
  return page.pdf({ format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' }, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:9px;width:100%;text-align:center">第 <span class="pageNumber"></span> 页</div>' });
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();

  // 01: PDF (LibreOffice and a browser), Excel 97, a GBK web page; a scan of its first page.
  copyFileSync(convert('01-shenbao-grid.html', html(SHENBAO), 'pdf:writer_pdf_Export', 'pdf'), join(out, '01-shenbao-grid.pdf'));
  write('01-shenbao-grid.browser.pdf', await browserPdf(page, SHENBAO));
  // The same page with separated cell borders (each cell its own bevelled box, 3 px apart), landscape.
  await page.setContent(html(SHENBAO).replace(/cellspacing="0"/g, 'cellspacing="3"').replace(/border-collapse:collapse/g, 'border-collapse:separate'), { waitUntil: 'load' });
  write('01-shenbao-grid.separated.browser.pdf', await page.pdf({ format: 'A4', landscape: true }));
  copyFileSync(convert('01-shenbao-grid.xlsx', await xlsx(SHENBAO), 'xls:MS Excel 97', 'xls'), join(out, '01-shenbao-grid.xls'));
  write('01-shenbao-grid.html', toGbk(html(SHENBAO, 'gb2312')));
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '100', '-png', join(out, '01-shenbao-grid.pdf'), join(work, 'scan')]);
  const png = readFileSync(join(work, 'scan-1.png')).toString('base64');
  await page.setContent(`<html><body style="margin:0"><img src="data:image/png;base64,${png}" style="width:100%"></body></html>`, { waitUntil: 'load' });
  write('scanned.pdf', await page.pdf({ format: 'A4', margin: { top: '0', bottom: '0', left: '0', right: '0' } }));

  // 07b with an open password, as an office sends a "protected" PDF.
  const encrypt = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"jixiao"}}';
  copyFileSync(convert('encrypted.html', html(HEADERS_B), encrypt, 'pdf'), join(out, 'encrypted.pdf'));

  // 03: Word; 04: Excel (2021 framework), Word (2023 on the older tree); 05: a GBK web page.
  copyFileSync(convert('03-lost-level1.html', html(LOST_LEVEL1), 'docx:MS Word 2007 XML', 'docx'), join(out, '03-lost-level1.docx'));
  write('04-framework-2021.xlsx', await xlsx(FRAMEWORK_2021));
  copyFileSync(convert('04-framework-2023-old-tree.html', html(FRAMEWORK_2023_OLD), 'docx:MS Word 2007 XML', 'docx'), join(out, '04-framework-2023-old-tree.docx'));
  write('05-synonyms.html', toGbk(html(SYNONYMS, 'gb2312')));

  // 06: WPS spreadsheet (.et: Excel 97), Word 97; 07: WPS writer (.wps: Word 97), PDF.
  copyFileSync(convert('06-long-term-annual.xlsx', await xlsx(GROUPS), 'xls:MS Excel 97', 'xls'), join(out, '06-long-term-annual.et'));
  copyFileSync(convert('06-columns.html', html(COLUMNS), 'doc:MS Word 97', 'doc'), join(out, '06-columns.doc'));
  copyFileSync(convert('07-header-fields-a.html', html(HEADERS_A), 'doc:MS Word 97', 'doc'), join(out, '07-header-fields-a.wps'));
  copyFileSync(convert('07-header-fields-b.html', html(HEADERS_B), 'pdf:writer_pdf_Export', 'pdf'), join(out, '07-header-fields-b.pdf'));

  // 12: a browser's PDF over several pages, and the same document printed by LibreOffice.
  write('12-department-document.browser.pdf', await browserPdf(page, LONG_DOCUMENT));
  copyFileSync(convert('12-department-document.html', html(LONG_DOCUMENT), 'pdf:writer_pdf_Export', 'pdf'), join(out, '12-department-document.pdf'));

  // 10: Excel 97 and PDF; 11: Word 97.
  copyFileSync(convert('10-department.xlsx', await xlsx(DEPARTMENT), 'xls:MS Excel 97', 'xls'), join(out, '10-department.xls'));
  copyFileSync(convert('10-department.html', html(DEPARTMENT), 'pdf:writer_pdf_Export', 'pdf'), join(out, '10-department.pdf'));
  copyFileSync(convert('11-single-project.html', html(SINGLE), 'doc:MS Word 97', 'doc'), join(out, '11-single-project.doc'));
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
