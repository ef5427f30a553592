/**
 * Issue 53, "Structure, in general": a realistic document of our own for each kind of structure (test/documents/structure,
 * invented departments and numbers, written by hand as web pages and extracted text), read field by field. Each
 * document's tables are read right and read as certain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentReadError } from '../../src/server/importers/errors';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { Indicator, ParsedDocument, Project } from '../../src/shared/domain/model';

const DIR = join(__dirname, '..', 'documents', 'structure');
const read = (file: string) => parseDocumentBytes(readFileSync(join(DIR, file)), file);

/** An indicator as [level 1, level 2, name, target as written, number, unit]. */
const row = (i: Indicator) => [i.level1, i.level2, i.name, i.target.raw, i.target.value, i.target.unit];
const rows = (p: Project) => p.indicators.map(row);
const errors = (doc: ParsedDocument) => doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
const wan = (yuan: number) => Math.round(yuan * 10_000 * 100);

/** Every table of the document is read as certain (no doubt). */
function certain(doc: ParsedDocument): void {
  for (const p of doc.projects) expect(p.reading, p.name).toEqual({ certain: true, doubts: [] });
  if (doc.departmentTargets) expect(doc.departmentTargets.reading).toEqual({ certain: true, doubts: [] });
  expect(errors(doc)).toEqual([]);
}

describe('header rows of any depth: every column by its path, the budget year\'s target the target', () => {
  it('指标值 over 上年实际值 | 本年目标值, and over 2024年实际 | 预期2025年 (a web page, rowspan and colspan)', async () => {
    const doc = await read('s01a-header-prior-current.html');
    certain(doc);
    expect([doc.department?.code, doc.department?.name, doc.year]).toEqual(['421001', '西坪县人力资源和社会保障局', 2025]);
    const [a, b] = doc.projects;
    expect([a!.name, a!.code, a!.budget.total, a!.budget.fiscal]).toEqual(['零就业家庭援助', '61043125P000421000017', wan(86.4), wan(86.4)]);
    expect(rows(a!)).toEqual([
      ['产出指标', '数量指标', '援助零就业家庭户数', '≥120户', 120, '户'],
      ['产出指标', '质量指标', '零就业家庭动态清零率', '100%', 100, '%'],
      ['产出指标', '时效指标', '援助到位时限', '≤15个工作日', 15, '个工作日'],
      ['效益指标', '社会效益指标', '援助对象就业稳定率', '≥85%', 85, '%'],
      ['满意度指标', '服务对象满意度指标', '援助家庭满意度', '≥90%', 90, '%'],
    ]);
    // last year's actual kept on the indicator by role, its column known by its path
    expect(a!.indicators.map((i) => i.extras.filter((e) => e.role !== undefined).map((e) => [e.header, e.text, e.role]))).toEqual([
      [['指标值›上年实际值', '136户', 'priorActual']],
      [['指标值›上年实际值', '100%', 'priorActual']],
      [['指标值›上年实际值', '15个工作日', 'priorActual']],
      [['指标值›上年实际值', '88%', 'priorActual']],
      [['指标值›上年实际值', '93%', 'priorActual']],
    ]);
    expect(a!.indicators.map((i) => i.basis)).toEqual(['历史标准', '计划标准', '行业标准', '历史标准', '计划标准']);
    expect([b!.name, b!.budget.total]).toEqual(['高校毕业生就业见习补贴', wan(52.8)]);
    expect(rows(b!)).toEqual([
      ['产出指标', '数量指标', '见习人数', '≥220人', 220, '人'],
      ['产出指标', '成本指标', '见习补贴标准', '2000元/人/月', 2000, '元/人/月'],
      ['效益指标', '社会效益指标', '见习期满留用率', '≥40%', 40, '%'],
    ]);
    expect(b!.indicators.map((i) => i.extras.find((e) => e.role === 'priorActual')?.text)).toEqual(['212人', '2000元/人/月', '41%']);
    expect(b!.indicators[0]!.extras.find((e) => e.role)?.header).toBe('指标值›2024年实际');
    // the target's cell is the 本年目标值 / 预期2025年 column's
    expect(a!.indicators[0]!.sources.target?.ref).toBe('表1 行7 列5');
  });

  it('实施周期指标值 | 当年度指标值 under one header row (extracted text): this year\'s the target, the period\'s the medium-term', async () => {
    const doc = await read('s01b-header-period-annual.txt');
    certain(doc);
    // the department and year from the title over the tables
    expect([doc.department?.name, doc.year]).toEqual(['东川区水务局', 2026]);
    const [p] = doc.projects;
    expect([p!.name, p!.code, p!.budget.total]).toEqual(['东川区中小河流治理工程', '53011326P000310000044', wan(1240)]);
    expect(p!.longTermGoals).toEqual(['完成东川河、大白河共28.6公里河道治理，防洪标准达到20年一遇。']);
    expect(p!.goals).toEqual(['完成大白河12公里河道清淤和护岸建设，汛期前主体完工。']);
    expect(p!.indicators.map((i) => [i.name, i.target.raw, i.basis])).toEqual([
      ['河道治理长度', '12公里', '实施方案'],
      ['工程验收合格率', '100%', '行业标准'],
      ['主体工程完工时间', '2026年5月底前', '实施方案'],
      ['沿河受保护人口', '≥1.8万人', '计划标准'],
      ['沿河群众满意度', '≥90%', '计划标准'],
    ]);
    expect(p!.longTermIndicators.map((i) => [i.name, i.target.raw])).toEqual([
      ['河道治理长度', '28.6公里'],
      ['工程验收合格率', '100%'],
      ['主体工程完工时间', '2027年12月底前'],
      ['沿河受保护人口', '≥4.2万人'],
      ['沿河群众满意度', '≥90%'],
    ]);
  });

  it('three header rows: 指标值 › 中期目标 › 2025—2027年, 指标值 › 年度目标 › 运算符 | 数值 | 计量单位', async () => {
    const doc = await read('s01c-header-three-rows.html');
    certain(doc);
    expect([doc.department?.name, doc.year]).toEqual(['南屏市教育局', 2025]);
    const [p] = doc.projects;
    // 项目金额 is the project's amount; the caption's unit (万元) applies
    expect([p!.name, p!.budget.total]).toEqual(['学前教育普惠保育补助', wan(2316)]);
    expect(rows(p!)).toEqual([
      ['产出指标', '数量指标', '补助在园幼儿人数', '≥36000人', 36000, '人'],
      ['产出指标', '质量指标', '补助资金足额发放率', '=100%', 100, '%'],
      ['效益指标', '社会效益指标', '普惠性幼儿园覆盖率', '≥90%', 90, '%'],
    ]);
    expect(p!.longTermIndicators.map((i) => [i.name, i.target.raw])).toEqual([
      ['补助在园幼儿人数', '≥3.6万人'],
      ['补助资金足额发放率', '100%'],
      ['普惠性幼儿园覆盖率', '≥92%'],
    ]);
  });
});

describe('rows short of cells: each cell to its column by what it is', () => {
  it('leading merged cells missing, a trailing basis missing, a category written once: no name in a level column, no value read as a name', async () => {
    const doc = await read('s02-short-rows.txt');
    certain(doc);
    expect(doc.frameworkVersion).toBe('cn-2015');
    const [p] = doc.projects;
    expect(p!.indicators.map((i) => [...row(i), i.basis])).toEqual([
      ['产出指标', '数量指标', '管护农田面积', '≥2.5万亩', 2.5, '万亩', '实施方案'],
      ['产出指标', '质量指标', '灌排设施完好率', '≥90%', 90, '%', null],
      ['产出指标', '质量指标', '管护巡查频次', '每月不少于2次', 2, '次', '管护制度'],
      ['产出指标', '时效指标', '管护资金拨付时间', '2025年10月底前', null, null, null],
      // 成本指标 under the 产出指标 carried down: the older tree's level 2, not the 2021 tree's level 1
      ['产出指标', '成本指标', '亩均管护成本', '≤127.2元/亩', 127.2, '元/亩', '预算标准'],
      ['效益指标', '经济效益指标', '亩均粮食增产', '≥50公斤', 50, '公斤', null],
      ['效益指标', '可持续影响指标', '管护长效机制', '建立并有效运行', null, null, '管护制度'],
      ['满意度指标', '服务对象满意度指标', '农户满意度', '≥90%', 90, '%', null],
    ]);
  });
});

describe('labels as people write them', () => {
  it('a star, （必填）, （选填）, numbering, another name of a field, a unit in brackets, contacts beside the fields', async () => {
    const doc = await read('s03-labels.html');
    certain(doc);
    expect(doc.encoding).toBe('gb18030');
    const [p] = doc.projects;
    expect([p!.name, p!.code, p!.budget.total, doc.year]).toEqual(['非遗传承人培训', '45030225P000702000005', wan(46.8), 2025]);
    // 申报单位（盖章） is the unit; 主管预算部门 its 主管部门, kept with its code
    expect(p!.department).toEqual({ code: null, name: '绿川市非物质文化遗产保护中心' });
    expect(p!.fields.map((f) => [f.key, f.label, f.value, f.code ?? null])).toEqual([
      ['supervisor', '主管预算部门', '绿川市文化广电和旅游局', '702001'],
      ['nature', '一、项目属性', '延续性项目', null],
      // an empty value between two labels is empty: the next label is never a value
      ['category', '二、项目类别（选填）', '', null],
      // the unit in the label's brackets belongs to the value
      [null, '培训规模(人次)', '320人次', null],
      ['period', '实施周期', '2025年3月—2025年11月', null],
    ]);
    // nothing after 项目负责人 / 联系电话 is kept, nor glued to another field
    expect(JSON.stringify(p)).not.toMatch(/李明|2812345/);
    expect(p!.goals).toEqual(['举办非遗传承人研修培训班4期，提升传承人传承能力和创新能力。']);
    expect(rows(p!)).toEqual([
      ['产出指标', '数量指标', '培训期数', '4期', 4, '期'],
      // 320 under a name that says its unit in brackets: 320 人次
      ['产出指标', '数量指标', '培训人次（人次）', '320', 320, '人次'],
      ['产出指标', '质量指标', '学员结业率(%)', '≥95', 95, '%'],
      ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', 90, '%'],
    ]);
    expect(p!.form?.columns).toMatchObject({ level1: '*一级指标', name: '*三级指标', target: '指标值（必填硬性指标）', basis: '指标值确定依据（选填）' });
  });
});

describe('rows that are not indicators: sign-offs and notes kept as the form\'s rows', () => {
  it('填报人 and 联系电话 between indicators, 财政部门审核意见, a seal and a date, notes under the table', async () => {
    const doc = await read('s04-signoff-notes.txt');
    certain(doc);
    const [p] = doc.projects;
    expect(rows(p!)).toEqual([
      ['产出指标', '数量指标', '临时救助人次', '≥1100人次', 1100, '人次'],
      ['产出指标', '时效指标', '救助审批办结时限', '≤5个工作日', 5, '个工作日'],
      ['效益指标', '社会效益指标', '困难群众基本生活保障率', '100%', 100, '%'],
      ['满意度指标', '服务对象满意度指标', '救助对象满意度', '≥92%', 92, '%'],
    ]);
    // said, not stored: no name, no phone number, no opinion anywhere in the reading
    expect(JSON.stringify(doc.projects)).not.toMatch(/王芳|7612345|同意/);
    const codes = doc.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === 'form-signature').length).toBeGreaterThanOrEqual(3);
    expect(codes.filter((c) => c === 'form-note')).toHaveLength(2);
  });
});

describe('text around the table', () => {
  it('a notice and a list of projects with amounts before the tables; headings that name the projects of tables without a name field', async () => {
    const doc = await read('s05a-text-around.txt');
    certain(doc);
    expect([doc.department?.code, doc.department?.name, doc.year]).toEqual(['315001', '金溪县交通运输局', 2025]);
    // the list is no target table: skipped, said once
    expect(doc.projects.map((p) => [p.name, p.budget.total, p.goals.length, p.indicators.length])).toEqual([
      ['乡村公路日常养护项目', wan(74), 1, 3],
      ['农村客运站运营补贴项目', wan(23.6), 1, 2],
    ]);
    expect(doc.diagnostics.filter((d) => d.code === 'project-summary-list').map((d) => d.message)).toEqual([expect.stringContaining('2 个项目')]);
    // the notice is text around the tables: an info, not a warning
    expect(doc.diagnostics.filter((d) => d.code === 'unrecognized-paragraph')).toEqual([]);
  });

  it('the year, when nothing else gives it, from a date written alone, marked as inferred; the unit from its name over the title', async () => {
    const doc = await read('s05b-year-from-date.html');
    certain(doc);
    expect([doc.department?.name, doc.year, doc.yearInferred]).toEqual(['白河镇人民政府', 2024, true]);
    expect(doc.diagnostics.find((d) => d.code === 'year-inferred')).toMatchObject({ severity: 'warning', message: expect.stringContaining('2024年2月26日') });
    expect(doc.projects.map((p) => [p.name, p.budget.total])).toEqual([['白河镇垃圾清运服务', 58_600_000]]);
  });
});

describe('indicators written as running text', () => {
  it('a department-wide table\'s categories each with their indicators in one cell, and a project\'s in one cell by level 2', async () => {
    const doc = await read('s06-running-text.txt');
    certain(doc);
    const t = doc.departmentTargets!;
    expect([t.department, t.budgetCode, t.budget]).toEqual([{ code: '716002', name: '松溪县图书馆' }, '716002', { total: wan(152.36), project: wan(34.16), basic: wan(118.2) }]);
    expect(t.indicators.map(row)).toEqual([
      ['产出指标', null, '全年免费开放天数', '≥300天', 300, '天'],
      ['产出指标', null, '举办阅读推广活动', '≥24场', 24, '场'],
      ['产出指标', null, '新增馆藏图书', '不少于8000册', 8000, '册'],
      ['效益指标', null, '全民阅读氛围', '明显提升', null, null],
      ['效益指标', null, '年接待读者人次', '≥12万人次', 12, '万人次'],
      ['满意度指标', null, '读者满意度', '≥90%', 90, '%'],
    ]);
    const [p] = doc.projects;
    expect(rows(p!)).toEqual([
      ['产出指标', '数量指标', '流转图书册数', '≥2.2万册', 2.2, '万册'],
      ['产出指标', '数量指标', '覆盖乡镇分馆', '11个', 11, '个'],
      ['产出指标', '质量指标', '图书完好率', '≥98%', 98, '%'],
      ['产出指标', '时效指标', '图书流转周期', '≤90天', 90, '天'],
    ]);
  });
});

describe('goals by role: the overall and the annual goal stay two fields', () => {
  it('side by side in one row under 绩效目标, and in two rows (实施期绩效目标, 年度绩效目标)', async () => {
    const doc = await read('s07-goals-by-role.html');
    certain(doc);
    const [a, b] = doc.projects;
    expect([a!.longTermGoals, a!.goals]).toEqual([
      ['建成覆盖全县重点林区的视频监控和应急通信网络，森林火灾受害率控制在0.9‰以内。'],
      ['新建视频监控点位12个，购置扑火机具200套，年内森林火灾受害率控制在0.9‰以内。'],
    ]);
    // the year's money is the year's; the whole project's kept apart
    expect([a!.budget.total, a!.projectBudget?.total]).toEqual([wan(128), wan(356)]);
    expect([b!.longTermGoals, b!.goals]).toEqual([['三年内建成林下经济示范基地3个，带动农户增收。'], ['建成林下中药材示范基地1个，面积不少于300亩。']]);
  });
});

describe('parts of a total: its breakdown, never added to it', () => {
  it('其中 items written in the amount\'s cell, and 其中 rows under a 合计', async () => {
    const doc = await read('s08-parts-of-total.html');
    certain(doc);
    const [a, b] = doc.projects;
    expect([a!.budget.total, a!.budget.fiscal]).toEqual([wan(854), wan(854)]);
    expect(a!.budgetLines.map((l) => [l.label, l.amount])).toEqual([
      ['中央补助资金', wan(400)],
      ['省级补助资金', wan(295)],
      ['区级配套资金', wan(159)],
    ]);
    expect(b!.budget.total).toBe(wan(210.5));
    expect(b!.budgetLines.map((l) => [l.label, l.amount])).toEqual([
      ['区级资金', wan(150.5)],
      ['上级补助资金', wan(60)],
      ['用于购置救护车', wan(96)],
    ]);
  });
});

describe('the document\'s framework, recognised per document and stored with it', () => {
  it.each([
    ['s09a-framework-2021.html', 'cn-2021', ['成本指标', '经济成本指标'], 6],
    ['s09b-framework-2015.txt', 'cn-2015', ['产出指标', '成本指标'], 4],
    ['s09c-framework-older.html', 'cn-common', ['满意度指标', '服务对象满意度指标'], 5],
  ])('%s: %s', async (file, framework, levels, count) => {
    const doc = await read(file);
    certain(doc);
    expect(doc.frameworkVersion).toBe(framework);
    const p = doc.projects[0]!;
    expect(p.indicators).toHaveLength(count);
    expect(p.indicators.some((i) => i.level1 === levels[0] && i.level2 === levels[1])).toBe(true);
    // no category read as lost or misplaced
    expect(doc.diagnostics.filter((d) => ['level1-inferred', 'level2-wrong-parent', 'unknown-category'].includes(d.code))).toEqual([]);
  });

  it('the older tree\'s satisfaction row stands under the merged 效益指标 as written', async () => {
    const doc = await read('s09c-framework-older.html');
    const last = doc.projects[0]!.indicators.at(-1)!;
    expect([last.level1Raw, last.level2Raw, last.level1Inherited]).toEqual(['效益指标', '社会公众或服务对象满意度指标', true]);
  });
});

describe('documents that hold no target table', () => {
  it('a 决算 says so in one line, naming no department', async () => {
    const e = await read('s10a-final-accounts.txt').then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DocumentReadError);
    expect((e as DocumentReadError).toOneLine()).toBe(
      's10a-final-accounts.txt: 不是预算绩效目标文档：没有找到部门整体绩效目标，也没有项目绩效目标表（文档中的 2 张表格：“收入支出决算总表”、“一般公共预算财政拨款支出决算表”，都不是绩效目标表）',
    );
  });

  it('a whole 预算公开: its budget tables skipped, its target tables found and read', async () => {
    const doc = await read('s10b-budget-disclosure.html');
    certain(doc);
    expect([doc.department?.code, doc.department?.name, doc.year]).toEqual(['318002', '云溪县水利局', 2025]);
    expect(doc.projects.map((p) => [p.name, p.code, p.budget.total, p.indicators.length])).toEqual([
      ['农村饮水安全工程维修养护', '53092525P000318002007', wan(126), 2],
      ['山洪灾害防治非工程措施运行维护', '53092525P000318002011', wan(58), 2],
    ]);
    expect(doc.diagnostics.filter((d) => d.code === 'other-table').map((d) => d.message)).toEqual([
      expect.stringContaining('部门收支总表'),
      expect.stringContaining('部门收入总表'),
      expect.stringContaining('项目支出预算表'),
    ]);
    expect(doc.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code)).toEqual(['missing-spending-plan', 'missing-spending-plan']);
  });
});
