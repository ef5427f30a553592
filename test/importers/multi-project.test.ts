/**
 * Tables that list many projects (issue 37): the 一体化 disclosure table (表11-style 项目支出绩效目标表),
 * one table whose leading cells (项目名称, 项目编码, 单位名称 with its code, 项目类别, 金额, 年度目标) are
 * merged or repeated over each project's indicator rows. Two documents of invented departments
 * (test/documents/multi, written by scripts/make-multi-documents.mjs), each in every rendering:
 *
 * - list-a: a city bureau's list in 万元, leading cells merged (the unit merged over two projects),
 *   the target split over 运算符 | 指标值 | 计量单位 in words (大于等于, 小于等于, 等于, 定性);
 * - list-b: a county bureau's list in 元 with thousands separators, leading cells repeated on every
 *   row, one 指标值 column with symbols, 指标值确定依据.
 *
 * Every project is read field by field (name, code, unit split from its code, amount in fen, goals,
 * category, indicator count, some indicators with operator, value and unit), with its cells.
 * A list of 50 projects is one document of 50 projects, and the import preview says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ImportPreviewResponse } from '../../src/shared/api/imports';
import type { Indicator, ParsedDocument, Project } from '../../src/shared/domain/model';
import { readProjectColumn, listsProjects } from '../../src/shared/layout/project-columns';
import { loadDocument } from '../../src/server/db/document.repository';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { useTestDatabase } from '../db/helpers';
import { startTestApp } from '../server/support';

const DIR = join(__dirname, '..', 'documents', 'multi');
const parseFile = (file: string) => parseDocumentBytes(readFileSync(join(DIR, file)), file);
const codes = (doc: ParsedDocument) => doc.diagnostics.map((d) => d.code);
const errors = (doc: ParsedDocument) => doc.diagnostics.filter((d) => d.severity === 'error');

/** A project as expected: name, code, unit (code, name), amount in fen and unit, goals, category, indicator count. */
interface Expected {
  name: string;
  code: string;
  unit: [string, string];
  fen: number;
  amountUnit: '万元' | '元';
  goals: string[];
  category: string;
  indicators: number;
}

/** An indicator as expected: [project, indicator] → level 1, level 2, name, raw target, operator, value, unit, kind. */
type ExpectedIndicator = [number, number, string, string, string, string, string | null, number | null, string | null, 'quantitative' | 'qualitative'];

const LIST_A: Expected[] = [
  {
    name: '大气污染防治专项',
    code: '13990125P00310001',
    unit: ['318001', '示范市生态环境局'],
    fen: 1_280_500_000,
    amountUnit: '万元',
    goals: ['完成重点行业企业挥发性有机物治理20家；', '全市细颗粒物年均浓度控制在35微克/立方米以下。'],
    category: '专项业务类',
    indicators: 5,
  },
  {
    name: '水环境质量监测',
    code: '13990125P00310002',
    unit: ['318002', '示范市环境监测站'],
    fen: 356_000_000,
    amountUnit: '万元',
    goals: ['完成全市48个地表水断面的月度监测，按时报送并公开监测数据。'],
    category: '专项业务类',
    indicators: 4,
  },
  {
    name: '土壤污染状况详查',
    code: '13990125P00310003',
    unit: ['318002', '示范市环境监测站'],
    fen: 96_800_000,
    amountUnit: '万元',
    goals: ['完成120个点位土壤样品采集与分析；', '形成详查成果报告1份。'],
    category: '专项业务类',
    indicators: 3,
  },
  {
    name: '生态环境执法能力建设',
    code: '13990125P00310004',
    unit: ['318001', '示范市生态环境局'],
    fen: 45_600_000,
    amountUnit: '万元',
    goals: ['购置执法装备，提升执法效能，全年开展执法检查不少于300次。'],
    category: '其他运转类',
    indicators: 4,
  },
  {
    name: '固体废物规范化管理',
    code: '13990125P00310005',
    unit: ['318001', '示范市生态环境局'],
    fen: 78_250_000,
    amountUnit: '万元',
    goals: ['危险废物产生单位规范化管理抽查合格率达到90%以上。'],
    category: '专项业务类',
    indicators: 3,
  },
  {
    name: '环境宣传教育',
    code: '13990125P00310006',
    unit: ['318001', '示范市生态环境局'],
    fen: 12_000_000,
    amountUnit: '万元',
    goals: ['开展六五环境日等主题宣传活动，提高公众生态环境保护意识。'],
    category: '其他运转类',
    indicators: 3,
  },
];

// the operators as the list writes them (大于等于 | 20 | 家: 大于等于20家, issue 74)
const LIST_A_INDICATORS: ExpectedIndicator[] = [
  [0, 0, '产出指标', '数量指标', '挥发性有机物治理企业数量', '大于等于20家', '≥', 20, '家', 'quantitative'],
  [0, 1, '产出指标', '质量指标', '治理设施验收合格率', '等于100%', '=', 100, '%', 'quantitative'],
  [0, 2, '产出指标', '成本指标', '项目支出控制数', '小于等于1280.5万元', '≤', 1280.5, '万元', 'quantitative'],
  [0, 3, '效益指标', '生态效益指标', '细颗粒物年均浓度', '小于等于35微克/立方米', '≤', 35, '微克/立方米', 'quantitative'],
  [1, 2, '效益指标', '社会效益指标', '水质信息公开情况', '及时准确向社会公开', null, null, null, 'qualitative'],
  [2, 2, '效益指标', '可持续影响指标', '受污染耕地安全利用率', '大于等于93%', '≥', 93, '%', 'quantitative'],
  [3, 1, '产出指标', '时效指标', '装备采购完成时间', '小于等于6月', '≤', 6, '月', 'quantitative'],
  [5, 1, '效益指标', '社会效益指标', '公众环保意识', '明显提高', null, null, null, 'qualitative'],
  [5, 2, '满意度指标', '服务对象满意度指标', '参与群众满意度', '大于等于90%', '≥', 90, '%', 'quantitative'],
];

const LIST_B: Expected[] = [
  {
    name: '高标准农田建设',
    code: '13092725P00427011',
    unit: ['427001', '示范县农业农村局'],
    fen: 125_000_000,
    amountUnit: '元',
    goals: ['新建高标准农田1200亩，提升耕地质量和粮食综合生产能力。'],
    category: '专项业务类',
    indicators: 4,
  },
  {
    name: '农作物病虫害统防统治',
    code: '13092725P00427012',
    unit: ['427001', '示范县农业农村局'],
    fen: 38_650_050,
    amountUnit: '元',
    goals: ['开展主要农作物病虫害统防统治，病虫害损失率控制在5%以内。'],
    category: '专项业务类',
    indicators: 3,
  },
  {
    name: '基层农技推广体系改革与建设',
    code: '13092725P00427013',
    unit: ['427003', '示范县农业技术推广中心'],
    fen: 200_000_000,
    amountUnit: '元',
    goals: ['培育农业科技示范主体150个，推广主导品种和主推技术。'],
    category: '专项业务类',
    indicators: 4,
  },
  {
    name: '农村人居环境整治宣传',
    code: '13092725P00427014',
    unit: ['427001', '示范县农业农村局'],
    fen: 9_580_000,
    amountUnit: '元',
    goals: ['开展农村人居环境整治宣传，村庄清洁行动覆盖全部行政村。'],
    category: '其他运转类',
    indicators: 2,
  },
  {
    name: '动物疫病强制免疫',
    code: '13092725P00427015',
    unit: ['427001', '示范县农业农村局'],
    fen: 100_800_000,
    amountUnit: '元',
    goals: ['重大动物疫病强制免疫密度常年保持在90%以上，不发生区域性重大动物疫情。'],
    category: '专项业务类',
    indicators: 5,
  },
];

const LIST_B_INDICATORS: ExpectedIndicator[] = [
  [0, 0, '产出指标', '数量指标', '新建高标准农田面积', '≥1200亩', '≥', 1200, '亩', 'quantitative'],
  [0, 1, '产出指标', '质量指标', '工程验收合格率', '100%', '=', 100, '%', 'quantitative'],
  [1, 1, '产出指标', '时效指标', '防治任务完成时限', '≤15天', '≤', 15, '天', 'quantitative'],
  [2, 2, '效益指标', '社会效益指标', '农技服务能力', '有效提升', null, null, null, 'qualitative'],
  [4, 2, '产出指标', '成本指标', '疫苗采购成本', '≤100.8万元', '≤', 100.8, '万元', 'quantitative'],
  [4, 4, '满意度指标', '服务对象满意度指标', '养殖户满意度', '≥90%', '≥', 90, '%', 'quantitative'],
];

const RENDERINGS = ['txt', 'html', 'docx', 'xlsx', 'browser.pdf'] as const;

const indicatorOf = (i: Indicator) => [i.level1, i.level2, i.name, i.target.raw, i.target.operator, i.target.value, i.target.unit, i.target.kind];

function expectProjects(doc: ParsedDocument, expected: readonly Expected[]): void {
  expect(doc.projects.map((p) => p.name)).toEqual(expected.map((e) => e.name));
  doc.projects.forEach((p: Project, k) => {
    const e = expected[k]!;
    expect([p.sequence, p.code, p.department, p.budget.total, p.amountUnit, p.goals, p.indicators.length, p.year], e.name).toEqual([
      k + 1,
      e.code,
      { code: e.unit[0], name: e.unit[1] },
      e.fen,
      e.amountUnit,
      e.goals,
      e.indicators,
      2025,
    ]);
    expect(p.fields.filter((f) => f.key === 'category').map((f) => f.value)).toEqual([e.category]);
    expect(p.longTermIndicators).toEqual([]);
    // every value with its cell
    for (const field of ['name', 'code', 'department', 'total', 'goals'] as const) expect(p.sources[field], `${e.name} ${field}`).toBeDefined();
    for (const i of p.indicators) expect(i.sources.name).toBeDefined();
  });
}

describe.each([
  ['list-a-wanyuan-merged', LIST_A, LIST_A_INDICATORS],
  ['list-b-yuan-repeated', LIST_B, LIST_B_INDICATORS],
] as const)('%s', (name, expected, indicators) => {
  it.each(RENDERINGS)(`.%s: one document of ${expected.length} projects, every project field by field`, async (ext) => {
    const doc = await parseFile(`${name}.${ext}`);
    expect(errors(doc)).toEqual([]);
    expect(codes(doc)).toContain('project-list');
    expect(doc.year).toBe(2025);
    expect(doc.department).toMatchObject({ code: expected[0]!.unit[0], name: expected[0]!.unit[1] });
    expectProjects(doc, expected);
    for (const [p, k, ...rest] of indicators) expect(indicatorOf(doc.projects[p]!.indicators[k]!), `${p}.${k}`).toEqual(rest);
    // a project of another unit in the list is said, not hidden
    expect(doc.diagnostics.filter((d) => d.code === 'department-mismatch')).toHaveLength(1);
  });
});

describe('where each value came from', () => {
  it('the spreadsheet: a title row, a 单位：万元 row, the header in row 3, each project from its first row', async () => {
    const doc = await parseFile('list-a-wanyuan-merged.xlsx');
    const [first, second] = doc.projects;
    expect([first!.sources.name?.ref, first!.sources.code?.ref, first!.sources.department?.ref, first!.sources.total?.ref, first!.sources.goals?.ref]).toEqual(
      ['A4', 'B4', 'C4', 'E4', 'F4'].map((c) => `项目支出绩效目标表!${c}`),
    );
    expect(second!.sources.name?.ref).toBe('项目支出绩效目标表!A9');
    // the third project's unit is merged down from the second's
    expect(doc.projects[2]!.sources.department?.ref).toBe('项目支出绩效目标表!C9');
    // a split target: the value's cell, and the operator's and the unit's
    const i = first!.indicators[0]!;
    expect([i.sources.target?.ref, i.sources.operator?.ref, i.sources.unit?.ref, i.sources.level1?.ref]).toEqual(['K4', 'J4', 'L4', 'G4'].map((c) => `项目支出绩效目标表!${c}`));
  });

  it('the text: each project from the line of its first row', async () => {
    const doc = await parseFile('list-b-yuan-repeated.txt');
    const lines = readFileSync(join(DIR, 'list-b-yuan-repeated.txt'), 'utf8').split('\n');
    for (const p of doc.projects) {
      expect(lines[p.sources.name!.line - 1]).toBe(`\t${p.name}`);
      expect(lines[p.sources.total!.line - 1]!.replace(/[\t,]/g, '')).toMatch(/^\d+\.\d\d$/);
    }
  });
});

describe('stored', () => {
  it('one document of six projects, each with its fields and indicators as read', async () => {
    const db = await useTestDatabase();
    const doc = await parseFile('list-a-wanyuan-merged.xlsx');
    const { documentId } = await storeDocument(db, doc);
    const loaded = (await loadDocument(db, documentId))!;
    expect(loaded.projects.map((p) => [p.name, p.code, p.department, p.budget.total, p.goals])).toEqual(doc.projects.map((p) => [p.name, p.code, p.department, p.budget.total, p.goals]));
    expect(loaded.projects.map((p) => p.indicators.map((i) => [i.name, i.target.raw, i.target.operator]))).toEqual(doc.projects.map((p) => p.indicators.map((i) => [i.name, i.target.raw, i.target.operator])));
    const documents = await db.selectFrom('document').select('id').execute();
    expect(documents).toHaveLength(1);
  });
});

describe('header cells of a list', () => {
  it.each([
    ['项目名称', 'name', null],
    ['项目编码', 'code', null],
    ['单位名称', 'unit', null],
    ['实施单位', 'unit', null],
    ['项目类别', 'category', null],
    ['资金总额（万元）', 'amount', '万元'],
    ['金额(元)', 'amount', '元'],
    ['年度预算数', 'amount', null],
    ['年度目标', 'goal', null],
    ['绩效目标', 'goal', null],
    ['中期目标', 'mediumGoal', null],
    ['中长期目标', 'mediumGoal', null],
  ])('%s → %s', (header, role, unit) => {
    expect(readProjectColumn(header)).toMatchObject({ role, unit });
  });

  it('an indicator role wins (单位, 计量单位 are the unit of measure); a form without 项目名称 lists no projects', () => {
    expect(readProjectColumn('单位')).toBeNull();
    expect(readProjectColumn('计量单位')).toBeNull();
    expect(readProjectColumn('三级指标')).toBeNull();
    expect(listsProjects(['一级指标', '二级指标', '三级指标', '指标值'])).toBe(false);
    expect(listsProjects(['项目名称', '一级指标', '二级指标', '三级指标', '指标值'])).toBe(true);
  });
});

describe('a list as other systems print it', () => {
  // A two-row header (the project columns merged down over it, 绩效指标 over the indicator columns), 指标性质
  // holding the operator, a medium-term goal column, 中期指标值 beside 指标值, no code column, a 合计 row.
  const page = `<html><head><meta charset="utf-8"></head><body>
<p>示范县卫生健康局2025年项目支出绩效目标表</p>
<p>金额单位：万元</p>
<table border="1">
<tr><td rowspan="2">项目名称</td><td rowspan="2">实施单位</td><td rowspan="2">资金总额</td><td rowspan="2">年度目标</td><td rowspan="2">中期目标</td><td colspan="7">绩效指标</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标性质</td><td>指标值</td><td>度量单位</td><td>中期指标值</td></tr>
<tr><td rowspan="3">家庭医生签约服务</td><td rowspan="5">451001-示范县卫生健康局</td><td rowspan="3">120.00</td><td rowspan="3">重点人群签约率达到75%。</td><td rowspan="3">2025—2027年重点人群签约率稳定在80%。</td><td rowspan="2">产出指标</td><td>数量指标</td><td>签约人数</td><td>≥</td><td>3</td><td>万人</td><td>≥9万人</td></tr>
<tr><td>质量指标</td><td>重点人群签约率</td><td>≥</td><td>75</td><td>%</td><td>≥80%</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>群众健康意识</td><td>定性</td><td>明显增强</td><td></td><td>持续增强</td></tr>
<tr><td rowspan="2">妇幼健康服务</td><td rowspan="2">36.5</td><td rowspan="2">孕产妇系统管理率达到90%。</td><td rowspan="2"></td><td>产出指标</td><td>数量指标</td><td>孕产妇健康管理人数</td><td>≥</td><td>2000</td><td>人</td><td></td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>孕产妇满意度</td><td>≥</td><td>90</td><td>%</td><td></td></tr>
<tr><td>合计</td><td></td><td>156.50</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
</table></body></html>
`;

  it('reads each project with its annual and medium-term goals and indicators', async () => {
    const doc = await parseDocumentBytes(Buffer.from(page, 'utf8'), 'two-row.html');
    expect(errors(doc)).toEqual([]);
    expect(codes(doc)).toEqual(expect.arrayContaining(['project-list', 'list-total-row']));
    expect(doc.projects.map((p) => [p.name, p.code, p.department, p.budget.total, p.amountUnit, p.goals, p.longTermGoals])).toEqual([
      ['家庭医生签约服务', null, { code: '451001', name: '示范县卫生健康局' }, 120_000_000, '万元', ['重点人群签约率达到75%。'], ['2025—2027年重点人群签约率稳定在80%。']],
      ['妇幼健康服务', null, { code: '451001', name: '示范县卫生健康局' }, 36_500_000, '万元', ['孕产妇系统管理率达到90%。'], []],
    ]);
    const [first, second] = doc.projects;
    expect(first!.indicators.map((i) => [i.name, i.target.raw, i.target.operator, i.target.kind])).toEqual([
      ['签约人数', '≥3万人', '≥', 'quantitative'],
      ['重点人群签约率', '≥75%', '≥', 'quantitative'],
      ['群众健康意识', '明显增强', null, 'qualitative'],
    ]);
    expect(first!.longTermIndicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '签约人数', '≥9万人'],
      ['产出指标', '质量指标', '重点人群签约率', '≥80%'],
      ['效益指标', '社会效益指标', '群众健康意识', '持续增强'],
    ]);
    // a blank medium-term column gives no medium-term indicator
    expect(second!.indicators.map((i) => i.target.raw)).toEqual(['≥2000人', '≥90%']);
    expect(second!.longTermIndicators).toEqual([]);
  });
});

describe('a list with two amounts, a short row and a cell that changes', () => {
  const text = `示范镇人民政府2025年项目支出绩效目标表
	项目名称
	年度预算数
	项目资金总额
	年度目标
	一级指标
	二级指标
	三级指标
	指标值

	乡村道路养护
	12.5
	60
	养护道路30公里。
	产出指标
	数量指标
	养护里程
	≥30公里

	数量指标
	养护频次
	≥4次

	乡村道路养护
	13
	60
	养护道路30公里。
	满意度指标
	服务对象满意度指标
	群众满意度
	≥90%

	饮水工程维修
	8
	8
	维修饮水工程5处。
	产出指标
	数量指标
	维修处数
	≥5处

`;

  it('this year\'s amount and the whole project\'s, the short row\'s cells by their column, the changed cell kept and said', async () => {
    const doc = await parseDocumentBytes(Buffer.from(text, 'utf8'), 'odd.txt');
    expect(errors(doc)).toEqual([]);
    expect(doc.projects.map((p) => [p.name, p.budget.total, p.projectBudget?.total, p.indicators.map((i) => [i.level2, i.name, i.target.raw])])).toEqual([
      ['乡村道路养护', 12_500_000, 60_000_000, [['数量指标', '养护里程', '≥30公里'], ['数量指标', '养护频次', '≥4次'], ['服务对象满意度指标', '群众满意度', '≥90%']]],
      ['饮水工程维修', 8_000_000, 8_000_000, [['数量指标', '维修处数', '≥5处']]],
    ]);
    expect(codes(doc)).toEqual(expect.arrayContaining(['amount-unit-assumed', 'list-cell-changed', 'short-row']));
    expect(doc.projects[0]!.fields.map((f) => [f.label, f.value])).toEqual([['年度预算数', '13']]);
  });
});

/** A list of `n` projects in the text format: leading cells on a project's first row only (merged), a 合计 row at the end. */
function bigList(n: number): string {
  const row = (cells: string[]) => cells.map((c) => `\t${c}`).join('\n');
  const rows = [['项目名称', '项目编码', '实施单位', '金额', '年度目标', '一级指标', '二级指标', '三级指标', '运算符', '指标值', '计量单位']];
  for (let k = 1; k <= n; k++) {
    const code = `13990325P${String(700000 + k).padStart(8, '0')}`;
    rows.push([`示范项目${k}`, code, '610001-示范区教育局', `${k},${String(k * 7).padStart(3, '0')}.50`, `完成示范任务${k}项。`, '产出指标', '数量指标', `任务数量${k}`, '大于等于', String(k), '项']);
    rows.push(['', '', '', '', '', '满意度指标', '服务对象满意度指标', '满意度', '大于等于', '90', '%']);
  }
  rows.push(['合计', '', '', '99,999.00', '', '', '', '', '', '', '']);
  return `示范区教育局2025年项目支出绩效目标表\n单位：元\n${rows.map(row).join('\n\n')}\n\n`;
}

describe('a list of 50 projects', () => {
  it('is one document of 50 projects; the 合计 row is no project', async () => {
    const doc = await parseDocumentBytes(Buffer.from(bigList(50), 'utf8'), 'list-50.txt');
    expect(doc.projects).toHaveLength(50);
    expect(errors(doc)).toEqual([]);
    expect(doc.projects[49]).toMatchObject({ name: '示范项目50', code: '13990325P00700050', budget: { total: 5_035_050 }, amountUnit: '元', goals: ['完成示范任务50项。'] });
    expect(doc.projects.every((p) => p.indicators.length === 2 && p.department?.code === '610001')).toBe(true);
    expect(doc.projects[6]!.indicators.map((i) => i.target.raw)).toEqual(['大于等于7项', '大于等于90%']);
    expect(codes(doc)).toContain('list-total-row');
    expect(doc.diagnostics.find((d) => d.code === 'project-list')?.message).toContain('按 50 个项目读取');
  });

  it('printed by a browser over several pages, rows alike from project to project: none lost, none taken for a repeated header', async () => {
    const doc = await parseFile('list-c-50-projects.browser.pdf');
    expect(errors(doc)).toEqual([]);
    expect(codes(doc)).not.toContain('pdf.repeated-header');
    expect(doc.projects.map((p) => [p.name, p.code, p.budget.total, p.goals, p.indicators.map((i) => [i.name, i.target.raw])])).toEqual(
      Array.from({ length: 50 }, (_, i) => {
        const k = i + 1;
        return [`示范项目${k}`, `13990325P${String(700000 + k).padStart(8, '0')}`, k * 100_700 + 50, [`完成示范任务${k}项。`], [[`任务数量${k}`, `大于等于${k}项`], ['满意度', '大于等于90%']]];
      }),
    );
    const pages = new Set(doc.projects.map((p) => /^第(\d+)页/.exec(p.sources.name?.ref ?? '')?.[1]));
    expect(pages.size).toBeGreaterThan(2);
  });

  it('the import preview shows one file of 50 projects', async () => {
    const t = await startTestApp();
    try {
      const reviewer = await t.client('reviewer');
      const res = await reviewer.upload('/api/imports/preview', [{ filename: 'list-50.txt', data: Buffer.from(bigList(50), 'utf8') }]);
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json() as ImportPreviewResponse;
      expect(p.files).toHaveLength(1);
      expect(p.files[0]).toMatchObject({ ok: true, action: 'create', projectCount: 50, indicatorCount: 100, department: { code: '610001', name: '示范区教育局' } });
      expect(p.files[0]!.projects.map((q) => q.name)).toEqual(Array.from({ length: 50 }, (_, k) => `示范项目${k + 1}`));
    } finally {
      await t.close();
    }
  });
});
