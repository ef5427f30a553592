#!/usr/bin/env node
// Writes the test documents of test/documents/multi/ (test/importers/multi-project.test.ts, issue 37):
// tables that list many projects, as 预算管理一体化 systems print a department's 项目支出绩效目标表
// for its budget disclosure (表11-style), and a project under a heading with a medium-term table.
// Invented departments, codes and amounts. Each list is written once as data and rendered as
//
//   .txt   the project's text format (a tab starts each cell, a blank line ends each row; a merged
//          cell's continuation is an empty cell, as in text extracted from Word)
//   .html  a web page (rowspan for merged cells)
//   .docx  Word (the docx package; vMerge for merged cells)
//   .xlsx  the sheet as a bureau exports it (ExcelJS): a title row and a 单位：万元 row merged over
//          the table, merged ranges, amounts stored as numbers shown with #,##0.00
//   .pdf   the web page printed by Chromium (needs /usr/bin/chromium; skipped without it)
//
// Run: node scripts/make-multi-documents.mjs
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx';
import ExcelJS from 'exceljs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test', 'documents', 'multi');
mkdirSync(out, { recursive: true });

// ---------------------------------------------------------------------------------------------
// The documents, as data. A list: its title lines, its header, its projects (leading cells, then
// indicator rows). `merge`: which leading columns are merged over a project's rows (all of them in
// A; none, repeated instead, in B); `mergeAcross`: columns merged over consecutive projects with
// the same value (a unit over its projects); `mergeLevel1`: 一级指标 merged within a project.

/** A: a city bureau's list in 万元, leading cells merged, the target split over 运算符 | 指标值 | 计量单位. */
const LIST_A = {
  name: 'list-a-wanyuan-merged',
  paragraphs: ['示范市生态环境局2025年项目支出绩效目标表'],
  unitLine: '单位：万元',
  header: ['项目名称', '项目编码', '单位名称', '项目类别', '资金总额', '年度目标', '一级指标', '二级指标', '三级指标', '运算符', '指标值', '计量单位'],
  widths: [90, 110, 100, 60, 60, 160, 50, 60, 90, 45, 60, 55],
  amountColumn: 4,
  merge: [0, 1, 3, 4, 5],
  mergeAcross: [2],
  mergeLevel1: true,
  projects: [
    {
      lead: ['大气污染防治专项', '13990125P00310001', '318001-示范市生态环境局', '专项业务类', 1280.5, '1.完成重点行业企业挥发性有机物治理20家；\n2.全市细颗粒物年均浓度控制在35微克/立方米以下。'],
      indicators: [
        ['产出指标', '数量指标', '挥发性有机物治理企业数量', '大于等于', '20', '家'],
        ['产出指标', '质量指标', '治理设施验收合格率', '等于', '100', '%'],
        ['产出指标', '成本指标', '项目支出控制数', '小于等于', '1280.5', '万元'],
        ['效益指标', '生态效益指标', '细颗粒物年均浓度', '小于等于', '35', '微克/立方米'],
        ['满意度指标', '服务对象满意度指标', '周边群众满意度', '大于等于', '90', '%'],
      ],
    },
    {
      lead: ['水环境质量监测', '13990125P00310002', '318002-示范市环境监测站', '专项业务类', 356, '完成全市48个地表水断面的月度监测，按时报送并公开监测数据。'],
      indicators: [
        ['产出指标', '数量指标', '监测断面数量', '等于', '48', '个'],
        ['产出指标', '时效指标', '监测数据报送及时率', '大于等于', '98', '%'],
        ['效益指标', '社会效益指标', '水质信息公开情况', '定性', '及时准确向社会公开', ''],
        ['满意度指标', '服务对象满意度指标', '社会公众满意度', '大于等于', '85', '%'],
      ],
    },
    {
      lead: ['土壤污染状况详查', '13990125P00310003', '318002-示范市环境监测站', '专项业务类', 96.8, '1.完成120个点位土壤样品采集与分析；\n2.形成详查成果报告1份。'],
      indicators: [
        ['产出指标', '数量指标', '样品采集点位', '大于等于', '120', '个'],
        ['产出指标', '数量指标', '详查成果报告', '等于', '1', '份'],
        ['效益指标', '可持续影响指标', '受污染耕地安全利用率', '大于等于', '93', '%'],
      ],
    },
    {
      lead: ['生态环境执法能力建设', '13990125P00310004', '318001-示范市生态环境局', '其他运转类', 45.6, '购置执法装备，提升执法效能，全年开展执法检查不少于300次。'],
      indicators: [
        ['产出指标', '数量指标', '执法检查次数', '大于等于', '300', '次'],
        ['产出指标', '时效指标', '装备采购完成时间', '小于等于', '6', '月'],
        ['效益指标', '社会效益指标', '环境违法案件查处率', '等于', '100', '%'],
        ['满意度指标', '服务对象满意度指标', '执法对象满意度', '大于等于', '85', '%'],
      ],
    },
    {
      lead: ['固体废物规范化管理', '13990125P00310005', '318001-示范市生态环境局', '专项业务类', 78.25, '危险废物产生单位规范化管理抽查合格率达到90%以上。'],
      indicators: [
        ['产出指标', '数量指标', '抽查危险废物产生单位', '大于等于', '60', '家'],
        ['产出指标', '质量指标', '规范化管理抽查合格率', '大于等于', '90', '%'],
        ['效益指标', '生态效益指标', '危险废物环境风险', '定性', '有效降低', ''],
      ],
    },
    {
      lead: ['环境宣传教育', '13990125P00310006', '318001-示范市生态环境局', '其他运转类', 12, '开展六五环境日等主题宣传活动，提高公众生态环境保护意识。'],
      indicators: [
        ['产出指标', '数量指标', '主题宣传活动场次', '大于等于', '8', '场'],
        ['效益指标', '社会效益指标', '公众环保意识', '定性', '明显提高', ''],
        ['满意度指标', '服务对象满意度指标', '参与群众满意度', '大于等于', '90', '%'],
      ],
    },
  ],
};

/** B: a county bureau's list in 元 with thousands separators, leading cells repeated on every row, one target column. */
const LIST_B = {
  name: 'list-b-yuan-repeated',
  paragraphs: ['示范县农业农村局2025年度部门预算项目绩效目标表'],
  unitLine: '金额单位：元',
  header: ['单位名称', '项目编码', '项目名称', '项目类型', '金额', '年度绩效目标', '一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
  widths: [90, 110, 100, 60, 80, 160, 50, 60, 90, 60, 80],
  amountColumn: 4,
  merge: [],
  mergeAcross: [],
  mergeLevel1: false,
  projects: [
    {
      lead: ['427001-示范县农业农村局', '13092725P00427011', '高标准农田建设', '专项业务类', 1250000, '新建高标准农田1200亩，提升耕地质量和粮食综合生产能力。'],
      indicators: [
        ['产出指标', '数量指标', '新建高标准农田面积', '≥1200亩', '年度建设任务'],
        ['产出指标', '质量指标', '工程验收合格率', '100%', '行业标准'],
        ['效益指标', '经济效益指标', '亩均粮食增产', '≥50公斤', '历史数据'],
        ['满意度指标', '服务对象满意度指标', '受益农户满意度', '≥90%', '问卷调查'],
      ],
    },
    {
      lead: ['427001-示范县农业农村局', '13092725P00427012', '农作物病虫害统防统治', '专项业务类', 386500.5, '开展主要农作物病虫害统防统治，病虫害损失率控制在5%以内。'],
      indicators: [
        ['产出指标', '数量指标', '统防统治面积', '≥3.5万亩', '年度工作计划'],
        ['产出指标', '时效指标', '防治任务完成时限', '≤15天', '农时要求'],
        ['效益指标', '经济效益指标', '病虫害损失率', '≤5%', '行业标准'],
      ],
    },
    {
      lead: ['427003-示范县农业技术推广中心', '13092725P00427013', '基层农技推广体系改革与建设', '专项业务类', 2000000, '培育农业科技示范主体150个，推广主导品种和主推技术。'],
      indicators: [
        ['产出指标', '数量指标', '培育农业科技示范主体', '≥150个', '上级下达任务'],
        ['产出指标', '数量指标', '推广主推技术', '≥10项', '上级下达任务'],
        ['效益指标', '社会效益指标', '农技服务能力', '有效提升', '工作实际'],
        ['满意度指标', '服务对象满意度指标', '示范主体满意度', '≥90%', '问卷调查'],
      ],
    },
    {
      lead: ['427001-示范县农业农村局', '13092725P00427014', '农村人居环境整治宣传', '其他运转类', 95800, '开展农村人居环境整治宣传，村庄清洁行动覆盖全部行政村。'],
      indicators: [
        ['产出指标', '数量指标', '印发宣传材料', '≥5000份', '工作计划'],
        ['效益指标', '社会效益指标', '村庄清洁行动覆盖率', '100%', '工作要求'],
      ],
    },
    {
      lead: ['427001-示范县农业农村局', '13092725P00427015', '动物疫病强制免疫', '专项业务类', 1008000, '重大动物疫病强制免疫密度常年保持在90%以上，不发生区域性重大动物疫情。'],
      indicators: [
        ['产出指标', '数量指标', '免疫畜禽数量', '≥85万头（只）', '养殖存栏数'],
        ['产出指标', '质量指标', '免疫密度', '≥90%', '行业标准'],
        ['产出指标', '成本指标', '疫苗采购成本', '≤100.8万元', '预算批复'],
        ['效益指标', '社会效益指标', '区域性重大动物疫情', '不发生', '工作要求'],
        ['满意度指标', '服务对象满意度指标', '养殖户满意度', '≥90%', '问卷调查'],
      ],
    },
  ],
};

/**
 * C: a project under a heading without 表, its annual table, then its medium-term table under
 * 中期绩效目标 (a form with no 项目名称 field: the heading names the project).
 */
const MEDIUM = {
  name: 'medium-term-heading',
  blocks: [
    { p: '示范区水务局2025年项目绩效目标' },
    { p: '一、城市供水管网改造项目绩效目标' },
    { p: '单位：万元' },
    {
      table: [
        ['项目编码', '13990225P00520001', '实施单位', { t: '520001-示范区水务局', c: 2 }],
        ['年度预算数', '860.00', '其中：财政资金', { t: '860.00', c: 2 }],
        ['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底'],
        ['', '20%', '50%', '80%', '100%'],
        ['年度目标', { t: '1.改造老旧供水管网12公里；\n2.管网漏损率下降到10%以下。', c: 4 }],
      ],
      widths: [120, 110, 110, 110, 110],
    },
    {
      table: [
        ['一级指标', '二级指标', '三级指标', '指标值'],
        ['产出指标', '数量指标', '改造供水管网长度', '≥12公里'],
        ['产出指标', '质量指标', '工程验收合格率', '100%'],
        ['效益指标', '社会效益指标', '管网漏损率', '≤10%'],
        ['满意度指标', '服务对象满意度指标', '用水居民满意度', '≥90%'],
      ],
      widths: [140, 140, 140, 140],
    },
    { p: '中期绩效目标' },
    {
      table: [
        ['中期目标', { t: '2025—2027年累计改造老旧供水管网40公里，管网漏损率稳定在9%以下。', c: 3 }],
        ['一级指标', '二级指标', '三级指标', '指标值'],
        ['产出指标', '数量指标', '累计改造供水管网长度', '≥40公里'],
        ['效益指标', '社会效益指标', '管网漏损率', '≤9%'],
        ['效益指标', '可持续影响指标', '供水保障能力', '持续提升'],
      ],
      widths: [140, 140, 140, 140],
    },
  ],
};

/**
 * C: a district bureau's list of 50 projects in 元 (names, codes, amounts and goals merged over
 * each project's two rows, the rows alike from project to project), printed over several pages.
 */
const LIST_50 = {
  name: 'list-c-50-projects',
  paragraphs: ['示范区教育局2025年项目支出绩效目标表'],
  unitLine: '单位：元',
  header: ['项目名称', '项目编码', '实施单位', '金额', '年度目标', '一级指标', '二级指标', '三级指标', '运算符', '指标值', '计量单位'],
  widths: [80, 110, 100, 70, 110, 60, 80, 70, 50, 40, 40],
  merge: [0, 1, 2, 3, 4],
  mergeAcross: [],
  mergeLevel1: false,
  projects: Array.from({ length: 50 }, (_, i) => {
    const k = i + 1;
    return {
      lead: [`示范项目${k}`, `13990325P${String(700000 + k).padStart(8, '0')}`, '610001-示范区教育局', k * 1000 + k * 7 + 0.5, `完成示范任务${k}项。`],
      indicators: [
        ['产出指标', '数量指标', `任务数量${k}`, '大于等于', String(k), '项'],
        ['满意度指标', '服务对象满意度指标', '满意度', '大于等于', '90', '%'],
      ],
    };
  }),
};

// ---------------------------------------------------------------------------------------------
// A list as a grid: each cell's text and how many rows it spans (0: covered by the cell above).

const money = (n) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function listGrid(list) {
  const texts = [];
  const values = [];
  const projectOf = [];
  list.projects.forEach((p, pi) => {
    for (const ind of p.indicators) {
      values.push([...p.lead, ...ind]);
      texts.push([...p.lead.map((v) => (typeof v === 'number' ? money(v) : v)), ...ind]);
      projectOf.push(pi);
    }
  });
  const span = texts.map((row) => row.map(() => 1));
  const lead = list.projects[0].lead.length;
  const mergeCol = (c, across) => {
    let start = 0;
    for (let r = 1; r <= texts.length; r++) {
      const same = r < texts.length && texts[r][c] === texts[start][c] && (across || projectOf[r] === projectOf[start]);
      if (same) continue;
      span[start][c] = r - start;
      for (let k = start + 1; k < r; k++) span[k][c] = 0;
      start = r;
    }
  };
  for (const c of list.merge) mergeCol(c, false);
  for (const c of list.mergeAcross) mergeCol(c, true);
  if (list.mergeLevel1) mergeCol(lead, false);
  return { texts, values, span };
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cellHtml = (t) => (t === '' ? '&nbsp;' : t.split('\n').map(escape).join('<br>'));

const STYLE = '<style>body{font-family:"Noto Sans CJK SC",sans-serif;font-size:9pt}table{border-collapse:collapse}td{border:1px solid #000;padding:2px 3px;vertical-align:middle}</style>';

function listHtml(list) {
  const { texts, span } = listGrid(list);
  const head = `<tr>${list.header.map((h) => `<td align="center"><b>${escape(h)}</b></td>`).join('')}</tr>`;
  const body = texts
    .map((row, r) => `<tr>${row.map((t, c) => (span[r][c] === 0 ? '' : `<td${span[r][c] > 1 ? ` rowspan="${span[r][c]}"` : ''}>${cellHtml(t)}</td>`)).join('')}</tr>`)
    .join('\n');
  const cols = list.widths.map((w) => `<col width="${w}">`).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escape(list.paragraphs[0])}</title>${STYLE}</head><body>
${list.paragraphs.map((p) => `<p align="center"><b>${escape(p)}</b></p>`).join('\n')}
<p align="right">${escape(list.unitLine)}</p>
<table cellspacing="0" style="border-collapse:collapse">${cols}
${head}
${body}
</table></body></html>
`;
}

/** The text format: paragraphs without a tab, a tab before each cell, a blank line after each row. */
const textRow = (cells) => cells.map((c) => `\t${c}`).join('\n');

function listText(list) {
  const { texts, span } = listGrid(list);
  const rows = [list.header, ...texts.map((row, r) => row.map((t, c) => (span[r][c] === 0 ? '' : t)))];
  return `${list.paragraphs.join('\n')}\n${list.unitLine}\n${rows.map(textRow).join('\n\n')}\n\n`;
}

const para = (text, opts = {}) =>
  new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : undefined, children: [new TextRun({ text, bold: opts.bold })] });

const cellParagraphs = (t) => t.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));

async function listDocx(list) {
  const { texts, span } = listGrid(list);
  const header = new TableRow({ tableHeader: true, children: list.header.map((h) => new TableCell({ children: [para(h, { bold: true, center: true })] })) });
  const rows = texts.map(
    (row, r) =>
      new TableRow({
        children: row.map((t, c) => {
          if (span[r][c] === 0) return new TableCell({ children: [new Paragraph('')], verticalMerge: VerticalMergeType.CONTINUE });
          return new TableCell({ children: cellParagraphs(t), ...(span[r][c] > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}) });
        }),
      }),
  );
  const table = new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } });
  const doc = new Document({
    sections: [{ properties: { page: { size: { orientation: 'landscape' } } }, children: [...list.paragraphs.map((p) => para(p, { bold: true, center: true })), para(list.unitLine, { right: true }), table] }],
  });
  return Packer.toBuffer(doc);
}

async function listXlsx(list) {
  const { values, span } = listGrid(list);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目支出绩效目标表');
  const width = list.header.length;
  list.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = Math.round(w / 6);
  });
  let r = 1;
  for (const p of list.paragraphs) {
    ws.mergeCells(r, 1, r, width);
    ws.getCell(r, 1).value = p;
    ws.getCell(r, 1).alignment = { horizontal: 'center' };
    ws.getCell(r, 1).font = { bold: true, size: 14 };
    r++;
  }
  ws.mergeCells(r, 1, r, width);
  ws.getCell(r, 1).value = list.unitLine;
  ws.getCell(r, 1).alignment = { horizontal: 'right' };
  r++;
  list.header.forEach((h, c) => {
    ws.getCell(r, c + 1).value = h;
    ws.getCell(r, c + 1).font = { bold: true };
  });
  r++;
  values.forEach((row, i) => {
    row.forEach((v, c) => {
      if (span[i][c] === 0) return;
      const cell = ws.getCell(r + i, c + 1);
      if (typeof v === 'number') {
        cell.value = v;
        cell.numFmt = '#,##0.00';
      } else if (v !== '') {
        cell.value = v;
        if (v.includes('\n')) cell.alignment = { wrapText: true, vertical: 'middle' };
      }
      if (span[i][c] > 1) ws.mergeCells(r + i, c + 1, r + i + span[i][c] - 1, c + 1);
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// The medium-term document: paragraphs and small tables (a cell { t, c } spans c columns).

const cellOf = (c) => (typeof c === 'string' ? { t: c, c: 1 } : c);

function blocksHtml(doc) {
  const body = doc.blocks
    .map((b) => {
      if (b.p) return `<p>${escape(b.p)}</p>`;
      const rows = b.table.map((row) => `<tr>${row.map(cellOf).map((c) => `<td${c.c > 1 ? ` colspan="${c.c}"` : ''}>${cellHtml(c.t)}</td>`).join('')}</tr>`).join('\n');
      return `<table cellspacing="0" style="border-collapse:collapse">${b.widths.map((w) => `<col width="${w}">`).join('')}\n${rows}\n</table>`;
    })
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escape(doc.blocks[0].p)}</title>${STYLE}</head><body>\n${body}\n</body></html>\n`;
}

function blocksText(doc) {
  return `${doc.blocks.map((b) => (b.p ? b.p : `${b.table.map((row) => textRow(row.map((c) => cellOf(c).t))).join('\n\n')}\n\n`)).join('\n')}\n`;
}

async function blocksDocx(doc) {
  const children = doc.blocks.map((b) => {
    if (b.p) return para(b.p);
    const grid = Math.max(...b.table.map((row) => row.map(cellOf).reduce((n, c) => n + c.c, 0)));
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: Array.from({ length: grid }, () => Math.floor(9000 / grid)),
      rows: b.table.map((row) => new TableRow({ children: row.map(cellOf).map((c) => new TableCell({ children: cellParagraphs(c.t), ...(c.c > 1 ? { columnSpan: c.c } : {}) })) })),
    });
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

// ---------------------------------------------------------------------------------------------

const write = (file, data) => writeFileSync(join(out, file), data);

for (const list of [LIST_A, LIST_B]) {
  write(`${list.name}.txt`, listText(list));
  write(`${list.name}.html`, listHtml(list));
  write(`${list.name}.docx`, await listDocx(list));
  write(`${list.name}.xlsx`, await listXlsx(list));
}
write(`${MEDIUM.name}.txt`, blocksText(MEDIUM));
write(`${MEDIUM.name}.html`, blocksHtml(MEDIUM));
write(`${MEDIUM.name}.docx`, await blocksDocx(MEDIUM));

if (process.argv.includes("--no-pdf") ? false : existsSync('/usr/bin/chromium')) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    for (const list of [LIST_A, LIST_B, LIST_50]) {
      await page.setContent(listHtml(list), { waitUntil: 'load' });
      write(`${list.name}.browser.pdf`, await page.pdf({ format: 'A4', landscape: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } }));
    }
  } finally {
    await browser.close();
  }
}
console.log(`wrote ${out}`);
