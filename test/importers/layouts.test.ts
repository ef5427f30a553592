/**
 * Documents from anywhere (issue 14): one realistic document for every layout class of 绩效目标表,
 * each in the formats budget units publish it in (scripts/make-layout-documents.mjs writes them
 * into test/documents/layouts/), read through the one entry point (parseDocumentsBytes: format by
 * content, the format's reader, the one parser) and checked field by field. The same document in
 * several formats must give the same content.
 *
 * Classes: 01 a municipal 申报表 grid (with 2 wraps in cells, 8 rows that are not indicators, 9 target
 * values), 03 a lost 一级指标, 04 the 2021 framework by evidence, 05 category synonyms, 06 column
 * variants, extra columns and long-term/annual groups, 07 header fields, 10 a department's
 * whole-budget targets, 11 a single project's 申报书 with a cover and a narrative, 12 a department's
 * document over several pages. Formats: PDF (LibreOffice and a browser), .doc, .wps, .docx, .xls,
 * .et, .xlsx, web pages in GBK (and text: the fixtures).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentReadError } from '../../src/server/importers/errors';
import { parseDocumentsBytes } from '../../src/server/importers/read-document';
import { readPdf } from '../../src/server/importers/pdf/read-pdf';
import { documentContentJson } from '../../src/shared/domain/document-content';
import { toDocumentJson, type DocumentJson } from '../../src/shared/domain/document-json';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { reviewAndScore } from '../../src/shared/review/report';

const DIR = join(__dirname, '..', 'documents', 'layouts');
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

const parsed = new Map<string, Promise<ParsedDocument>>();
/** The one document a file holds (parsed once per test file). */
function read(name: string): Promise<ParsedDocument> {
  let p = parsed.get(name);
  if (p === undefined) {
    p = parseDocumentsBytes(bytesOf(name), name).then((docs) => {
      expect(docs).toHaveLength(1);
      return docs[0]!;
    });
    parsed.set(name, p);
  }
  return p;
}
const json = async (name: string) => toDocumentJson(await read(name));

type IndicatorJson = DocumentJson['projects'][number]['indicators'][number];
/** An indicator as a line: categories (standard and as written), name, target and its reading, extras. */
const line = (i: IndicatorJson) => [i.level1, i.level2, i.name, i.target.raw, i.target.kind, i.target.operator, i.target.value, i.target.unit];
const codes = (doc: ParsedDocument) => doc.diagnostics.map((d) => d.code);
const errors = (doc: ParsedDocument) => doc.diagnostics.filter((d) => d.severity === 'error');

// ---------------------------------------------------------------------------------------------

describe('01 a municipal 申报表 on a nine-column grid (PDF by LibreOffice, by a browser, by a browser with separated cell borders in landscape; Excel 97; a GBK web page)', () => {
  const files = ['01-shenbao-grid.pdf', '01-shenbao-grid.browser.pdf', '01-shenbao-grid.separated.browser.pdf', '01-shenbao-grid.xls', '01-shenbao-grid.html'];

  it.each(files)('%s: year and department from the form, the project, both sums of money in 元', async (file) => {
    const doc = await json(file);
    expect(doc.year).toBe(2025);
    expect(doc.frameworkVersion).toBe('cn-2015');
    expect(doc.department).toEqual({ code: '412001', name: '示范区住房和城乡建设局' });
    expect(doc.departmentTargets).toBeNull();
    expect(doc.projects).toHaveLength(1);
    const p = doc.projects[0]!;
    expect(p.title).toBe('财政项目支出绩效目标申报表');
    expect(p.name).toBe('老旧小区综合整治工程');
    expect(p.code).toBeNull();
    expect(p.year).toBe(2025);
    // budget is this year's money; the whole project's is apart.
    expect(p.budget).toEqual({ total: 5_000_000, fiscal: 4_000_000, other: 1_000_000, lines: [{ label: '上年结转资金', amount: 0 }] });
    expect(p.projectBudget).toEqual({ total: 12_345_600, fiscal: 10_000_000, other: 2_345_600, lines: [] });
    expect(p.fields.map((f) => [f.key, f.label, f.value])).toEqual([
      ['implementer', '实施单位', '示范区建设和交通管理委员会'],
      ['nature', '项目性质', '延续性项目'],
      ['category', '项目类别', '特定目标类'],
      ['startDate', '计划开始日期', '2025-01-01'],
      ['endDate', '计划完成日期', '2025-12-31'],
    ]);
    expect(p.longTermGoals).toEqual(['用三年时间完成全区42个老旧小区综合整治，改善2.1万户居民的居住条件。', '建立小区长效管理机制，整治后小区物业管理覆盖率达到100%。']);
    expect(p.goals).toEqual(['完成12个小区的水电气管网、道路和外立面改造。', '加装电梯6台，居民满意度达到85%以上。']);
    expect(p.purpose).toBeNull();
    expect(p.narrative).toEqual([]);
  });

  it.each(files)('%s: indicators with their values read, extra columns kept, the category row and signature rows not indicators', async (file) => {
    const doc = await read(file);
    const p = toDocumentJson(doc).projects[0]!;
    expect(p.indicators.map(line)).toEqual([
      ['产出指标', '数量指标', '改造小区数量', '=12(个)', 'quantitative', '=', 12, '个'],
      ['产出指标', '数量指标', '加装电梯数量', '6台', 'quantitative', '=', 6, '台'],
      ['产出指标', '数量指标', '消防通道拓宽长度', '≥50M', 'quantitative', '≥', 50, '米'],
      ['产出指标', '质量指标', '入户调查覆盖率', '=98.00(%)', 'quantitative', '=', 98, '%'],
      ['产出指标', '时效指标', '项目完工时间', '2025年10月(计划标准)', 'deadline', null, null, null],
      ['产出指标', '成本指标', '单个小区平均改造费用', '120万', 'quantitative', '=', 120, '万元'],
      ['效益指标', '社会效益指标', '惠及居民户数', '≥3000户', 'quantitative', '≥', 3000, '户'],
      ['满意度指标', '服务对象满意度指标', '居民满意度', '≥85.00(%)', 'quantitative', '≥', 85, '%'],
    ]);
    expect(p.indicators[4]!.target).toMatchObject({ deadline: { year: 2025, month: 10 }, standard: '计划标准' });
    expect(p.indicators.map((i) => i.extras.map((e) => `${e.header}=${e.text}`))).toEqual([
      ['绩效标准=计划标准', '备注='],
      ['绩效标准=计划标准', '备注='],
      ['绩效标准=行业标准', '备注='],
      ['绩效标准=行业标准', '备注='],
      ['绩效标准=计划标准', '备注='],
      ['绩效标准=预算标准', '备注=含设计监理费'],
      ['绩效标准=计划标准', '备注='],
      ['绩效标准=历史标准', '备注=抽样调查'],
    ]);
    expect(p.indicators.every((i) => i.description === null)).toBe(true);
    // The form has no 指标值确定依据 column: its filled 绩效标准 column is the basis (and stays an extra column).
    expect(p.indicators.map((i) => i.basis)).toEqual(['计划标准', '计划标准', '行业标准', '行业标准', '计划标准', '预算标准', '计划标准', '历史标准']);
    expect(codes(doc)).toEqual(expect.arrayContaining(['extra-columns', 'category-row', 'form-signature', 'basis-from-column']));
    expect(errors(doc)).toEqual([]);
    // Names and phone numbers of the signature row are kept nowhere.
    expect(JSON.stringify(toDocumentJson(doc))).not.toMatch(/王丽|83214567/);
  });

  it('the five files give the same content', async () => {
    const [first, ...rest] = await Promise.all(files.map(async (f) => documentContentJson(await read(f))));
    for (const other of rest) expect(other).toBe(first);
  });

  it('says where each value stands in each format', async () => {
    const ref = async (file: string) => (await read(file)).projects[0]!.indicators[0]!.sources.target?.ref;
    expect(await ref('01-shenbao-grid.pdf')).toBe('第1页 表1 行12 列6');
    expect(await ref('01-shenbao-grid.xls')).toMatch(/^申报表!F12$/);
    expect(await ref('01-shenbao-grid.html')).toBe('表1 行12 列6');
    const doc = await json('01-shenbao-grid.html');
    expect([doc.format, doc.encoding]).toEqual(['html', 'gb18030']);
    expect([(await json('01-shenbao-grid.xls')).format, (await json('01-shenbao-grid.pdf')).format]).toEqual(['xls', 'pdf']);
  });

  it('the PDF wraps names, labels, amounts and units inside their cells; the reader joins them and keeps the goals\' items apart', async () => {
    const { blocks } = await readPdf(bytesOf('01-shenbao-grid.pdf'), '01.pdf');
    const cell = (text: string) => blocks.flatMap((b) => (b.kind === 'row' ? b.cells : [])).find((c) => c.lines.join('') === text);
    const wrapped = (text: string) => {
      const c = cell(text);
      expect(c, text).toBeDefined();
      expect(c!.lines.length, text).toBeGreaterThan(1);
      expect(c!.wraps!.slice(1).every(Boolean), text).toBe(true);
    };
    wrapped('老旧小区综合整治工程');
    wrapped('示范区建设和交通管理委员会');
    wrapped('年度资金申请总额');
    wrapped('服务对象满意度指标');
    wrapped('=98.00(%)');
    // The goals: two numbered items, each wrapped over lines.
    const goals = blocks.flatMap((b) => (b.kind === 'row' ? b.cells : [])).find((c) => c.lines[0]?.startsWith('1.用三年时间'))!;
    expect(goals.lines.length).toBeGreaterThan(2);
    expect(goals.wraps!.filter((w) => !w)).toHaveLength(2);
    // The signature row ran over the page end: its rest joins it, no row of its own.
    const signature = blocks.find((b) => b.kind === 'row' && b.cells.some((c) => c.lines[0]?.startsWith('填表人')));
    expect(signature?.kind === 'row' && signature.cells.map((c) => c.lines.join(''))).toEqual(['填表人：王丽', '联系电话：025-83214567', '填报日期：2024年10月15日']);
  });
});

describe('03 a published table whose merged 一级指标 lost its text (Word)', () => {
  it('infers level 1 from level 2 and says so for each row', async () => {
    const doc = await read('03-lost-level1.docx');
    const j = toDocumentJson(doc);
    expect([j.format, j.year, j.department]).toEqual(['docx', 2025, { code: '362001', name: '示范县教育局' }]);
    const p = j.projects[0]!;
    expect([p.code, p.name, p.budget.total, p.budget.fiscal, p.purpose]).toEqual(['36072225P000362001003', '农村义务教育学生营养改善计划', 4_860_000, 4_860_000, '为全县农村义务教育阶段学生每人每天提供5元营养膳食补助。']);
    expect(p.goals).toEqual(['保障9720名农村学生在校期间营养膳食补助按时足额发放。', '提高农村学生营养健康水平。']);
    expect(p.indicators.map((i) => [i.level1, i.level1Raw, i.level2, i.name, i.target.raw, i.basis])).toEqual([
      ['产出指标', '', '数量指标', '受益学生人数', '≥9720人', '上年实际'],
      ['产出指标', '', '质量指标', '食品安全事故发生次数', '0次', '行业标准'],
      ['产出指标', '', '时效指标', '补助资金拨付及时率', '100%', '工作要求'],
      ['效益指标', '效益指标', '社会效益指标', '学生营养健康状况', '有效改善', '计划标准'],
      ['满意度指标', '满意度指标', '服务对象满意度指标', '学生家长满意度', '≥90%', '历史标准'],
    ]);
    const inferred = doc.diagnostics.filter((d) => d.code === 'level1-inferred');
    expect(inferred.map((d) => d.source.ref)).toEqual(['表1 行7', '表1 行8', '表1 行9']);
    expect(inferred[0]!.message).toContain('按二级指标推定为“产出指标”');
  });
});

describe('04 the framework chosen by the evidence of the cells, not by the year', () => {
  it('a 2025 table with 成本指标 at level 1 (a spreadsheet) is read on the 2021 framework', async () => {
    const doc = await read('04-framework-2021.xlsx');
    const j = toDocumentJson(doc);
    expect([j.format, j.year, j.frameworkVersion, j.department]).toEqual(['xlsx', 2025, 'cn-2021', { code: null, name: '示范市生态环境局' }]);
    const p = j.projects[0]!;
    expect([p.code, p.name, p.budget.total, p.budget.fiscal]).toEqual(['44030025P000518002007', '重点流域水污染防治', 8_600_000, 8_600_000]);
    expect(p.indicators.map(line)).toEqual([
      ['产出指标', '数量指标', '整治黑臭水体数量', '≥3条', 'quantitative', '≥', 3, '条'],
      ['产出指标', '数量指标', '新建污水管网长度', '≥12公里', 'quantitative', '≥', 12, '公里'],
      ['产出指标', '质量指标', '工程验收合格率', '100%', 'quantitative', '=', 100, '%'],
      ['成本指标', '经济成本指标', '管网建设单位成本', '≤45万元/公里', 'quantitative', '≤', 45, '万元/公里'],
      ['成本指标', '社会成本指标', '施工期间交通影响', '不超过3个月', 'quantitative', '≤', 3, '个月'],
      ['成本指标', '生态环境成本指标', '施工扬尘控制', '100%', 'quantitative', '=', 100, '%'],
      ['效益指标', '生态效益指标', '国控断面水质达标率', '≥90%', 'quantitative', '≥', 90, '%'],
      ['满意度指标', '服务对象满意度指标', '沿河居民满意度', '≥85%', 'quantitative', '≥', 85, '%'],
    ]);
    expect(doc.diagnostics.find((d) => d.code === 'framework-detected')?.message).toContain('一级指标“成本指标”');
    expect(codes(doc)).not.toContain('unknown-category');
  });

  it('a 2023 table with 成本指标 under 产出指标 (Word) stays on the older tree', async () => {
    const doc = await read('04-framework-2023-old-tree.docx');
    const j = toDocumentJson(doc);
    expect([j.year, j.frameworkVersion, j.department]).toEqual([2023, 'cn-2015', { code: '151001', name: '示范区财政局' }]);
    expect(j.projects[0]!.indicators.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['产出指标', '数量指标', '接入单位数量'],
      ['产出指标', '时效指标', '系统上线时间'],
      ['产出指标', '成本指标', '系统运维费用'],
      ['效益指标', '社会效益指标', '开票效率'],
      ['满意度指标', '服务对象满意度指标', '使用单位满意度'],
    ]);
    expect(codes(doc)).not.toContain('framework-detected');
    expect(codes(doc)).not.toContain('unknown-category');
  });
});

describe('05 category synonyms (a county site\'s page in GBK)', () => {
  it('maps every spelling to the framework and keeps what was written', async () => {
    const doc = await read('05-synonyms.html');
    const j = toDocumentJson(doc);
    expect([j.format, j.encoding, j.year, j.department]).toEqual(['html', 'gb18030', 2025, { code: '532001', name: '示范县卫生健康局' }]);
    expect(j.projects.map((p) => [p.name, p.budget.total])).toEqual([
      ['基本公共卫生服务项目', 12_805_000],
      ['家庭医生签约服务经费', 960_000],
    ]);
    const cats = (p: DocumentJson['projects'][number]) => p.indicators.map((i) => [i.level1Raw, i.level2Raw, i.level1, i.level2]);
    expect(cats(j.projects[0]!)).toEqual([
      ['产出指标', '数量', '产出指标', '数量指标'],
      ['产出指标', '质量', '产出指标', '质量指标'],
      ['产出指标', '实效指标', '产出指标', '时效指标'],
      ['效果指标', '社会效益', '效益指标', '社会效益指标'],
      ['效果指标', '可持续影响', '效益指标', '可持续影响指标'],
      ['满意度指标', '服务对象满意度', '满意度指标', '服务对象满意度指标'],
    ]);
    expect(cats(j.projects[1]!)).toEqual([
      ['产出指标', '数量指标', '产出指标', '数量指标'],
      ['效益指标', '社会效益指标', '效益指标', '社会效益指标'],
      ['社会公众或服务对象满意度指标', '满意度', '满意度指标', '服务对象满意度指标'],
    ]);
    expect(codes(doc)).not.toContain('unknown-category');
    expect(doc.diagnostics.filter((d) => d.code === 'category-synonym')).toHaveLength(9);
  });
});

describe('06 column variants', () => {
  it('long-term and annual groups side by side (a WPS spreadsheet, .et): both held, a blank group gives nothing', async () => {
    const doc = await read('06-long-term-annual.et');
    const j = toDocumentJson(doc);
    expect([j.format, j.year, j.department]).toEqual(['et', 2025, { code: null, name: '示范区民政局' }]);
    const p = j.projects[0]!;
    expect([p.name, p.budget.total, p.budget.fiscal]).toEqual(['智慧社区综合服务平台建设', 1_500_000, 1_500_000]);
    expect(p.longTermGoals).toEqual(['建成覆盖全区的智慧社区综合服务平台，实现社区服务事项线上办理。']);
    expect(p.goals).toEqual(['完成平台一期建设，接入30个社区。']);
    expect(p.longTermIndicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '接入社区数量', '≥85个'],
      ['产出指标', '时效指标', '平台全面建成时间', '2027年底前'],
      ['效益指标', '社会效益指标', '线上办理事项占比', '≥80%'],
    ]);
    expect(p.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '接入社区数量', '≥30个'],
      ['产出指标', '质量指标', '系统可用率', '≥99.5%'],
      ['产出指标', '时效指标', '一期上线时间', '2025年9月底前'],
      ['效益指标', '社会效益指标', '线上办理事项占比', '≥40%'],
      ['满意度指标', '服务对象满意度指标', '社区居民满意度', '≥85%'],
    ]);
    // The satisfaction row has an annual indicator: no category-only row.
    expect(codes(doc)).not.toContain('category-row');
  });

  it('指标内容 / 目标值 / 指标值及单位 and the columns Jixiao does not model, kept on every indicator (Word 97)', async () => {
    const doc = await read('06-columns.doc');
    const j = toDocumentJson(doc);
    expect([j.format, j.year, j.department]).toEqual(['doc', 2025, { code: null, name: '示范市文化广电旅游局' }]);
    const [a, b] = j.projects;
    expect([a!.name, a!.budget.total, b!.name, b!.budget.total]).toEqual(['公共文化服务体系建设专项', 3_200_000, '图书馆免费开放补助', 580_000]);
    expect(a!.indicators.map((i) => [i.name, i.target.raw, ...i.extras.map((e) => `${e.header}=${e.text}`)])).toEqual([
      ['送戏下乡场次', '≥120场', '评（记）分标准=完成得满分，每少1场扣0.1分', '备注=含线上演出'],
      ['演出合格率', '≥95%', '评（记）分标准=达到得满分，否则按比例扣分', '备注='],
      ['观众人次', '≥6万人次', '评（记）分标准=达到得满分', '备注=以场次登记为准'],
      ['群众满意度', '≥90%', '评（记）分标准=≥90%得满分，80%-90%得一半', '备注='],
    ]);
    // 指标解释 is the description column under another name (issue 37's column roles)
    expect(b!.indicators.map((i) => [i.name, i.target.raw, i.description, ...i.extras.map((e) => `${e.header}=${e.text}`)])).toEqual([
      ['全年开放天数', '≥300天', '图书馆全年对公众免费开放的天数', '绩效标准=计划标准'],
      ['年接待读者人次', '≥45万人次', '年度到馆读者人次', '绩效标准=历史标准'],
      ['读者满意度', '≥92%', '抽样调查到馆读者满意度', '绩效标准=历史标准'],
    ]);
    // Each table names its extra columns once; the unit cell beside the department is no part of its name.
    expect(doc.diagnostics.filter((d) => d.code === 'extra-columns').map((d) => d.message)).toEqual([
      expect.stringContaining('评（记）分标准、备注'),
      expect.stringContaining('绩效标准'),
    ]);
    expect(codes(doc)).not.toContain('amount-unit-assumed');
  });
});

describe('07 header fields of other forms', () => {
  it('项目支出名称, 主管部门及编码 [203001]…, 项目执行单位, 年度本级预算金额120万, 实施期, a caption, "2021年度)" (WPS .wps)', async () => {
    const doc = await read('07-header-fields-a.wps');
    const j = toDocumentJson(doc);
    expect([j.format, j.year, j.department]).toEqual(['wps', 2021, { code: '203001', name: '示范区民政局' }]);
    const p = j.projects[0]!;
    expect([p.title, p.name, p.purpose]).toEqual(['项目支出绩效目标申报表', '社区养老服务驿站运营补贴', '驿站运营补贴及助餐服务']);
    expect(p.budget).toEqual({ total: 1_200_000, fiscal: null, other: null, lines: [] });
    expect(p.fields.map((f) => [f.key, f.value])).toEqual([
      ['implementer', '示范区社会福利中心'],
      ['period', '2021.03-2021.11'],
    ]);
    expect(p.goals).toEqual(['支持15个社区养老服务驿站正常运营。', '为2000名老年人提供助餐服务。']);
    expect(p.indicators.map(line)).toEqual([
      ['产出指标', '数量指标', '运营驿站数量', '15个', 'quantitative', '=', 15, '个'],
      ['产出指标', '时效指标', '补贴发放期间', '2021.03-2021.11', 'period', null, null, null],
      ['效益指标', '社会效益指标', '助餐服务老年人数', '≥2000人', 'quantitative', '≥', 2000, '人'],
      ['满意度指标', '服务对象满意度指标', '老年人满意度', '≥90%', 'quantitative', '≥', 90, '%'],
    ]);
    expect(p.indicators[1]!.target).toMatchObject({ start: { year: 2021, month: 3 }, deadline: { year: 2021, month: 11 } });
  });

  it('预算部门, 项目主管部门, 实施单位, 资金情况(万元) with several amounts in one cell, 项目起止时间, the year in the title (PDF)', async () => {
    const doc = await read('07-header-fields-b.pdf');
    const j = toDocumentJson(doc);
    expect([j.format, j.year, j.department]).toEqual(['pdf', 2024, { code: null, name: '示范区城市管理局' }]);
    const p = j.projects[0]!;
    expect([p.title, p.name]).toEqual(['2024年项目支出绩效目标申报表', '背街小巷环境整治']);
    // No 财政资金 field: the levels of government's lines are the fiscal money (the lines stay).
    expect(p.budget).toEqual({ total: 350_000, fiscal: 350_000, other: null, lines: [{ label: '区级资金', amount: 200_000 }, { label: '上级资金', amount: 150_000 }] });
    expect(codes(doc)).toContain('fiscal-from-lines');
    expect(p.fields.map((f) => [f.key, f.label, f.value])).toEqual([
      ['supervisor', '项目主管部门', '示范区城市管理局'],
      ['implementer', '实施单位', '示范区环境卫生服务中心'],
      ['period', '项目起止时间', '202401-202412'],
      ['category', '项目类别', '其他运转类'],
    ]);
    expect(p.indicators.map((i) => [i.level2, i.name, i.target.raw, i.target.value, i.target.unit])).toEqual([
      ['数量指标', '整治背街小巷数量', '≥30条', 30, '条'],
      ['质量指标', '整治验收合格率', '100%', 100, '%'],
      ['成本指标', '单条小巷整治成本', '≤1.2万元/条', 1.2, '万元/条'],
      ['社会效益指标', '居民出行条件', '明显改善', null, null],
      ['服务对象满意度指标', '沿街居民满意度', '≥90%', 90, '%'],
    ]);
  });
});

describe('10 a department\'s whole-budget targets (Excel 97 and PDF)', () => {
  it.each(['10-department.xls', '10-department.pdf'])('%s: the department\'s targets for the year, not a project', async (file) => {
    const doc = await read(file);
    const j = toDocumentJson(doc);
    expect(j.projects).toEqual([]);
    expect([j.year, j.department]).toEqual([2025, { code: '417001', name: '示范区民政局' }]);
    const t = j.departmentTargets!;
    expect([t.title, t.budgetCode, t.year]).toEqual(['2025年度部门整体支出绩效目标表', '417001', 2025]);
    expect(t.budget).toEqual({ total: 35_600_000, project: 12_000_000, basic: 23_600_000 });
    expect(t.goals).toEqual(['保障城乡低保、特困人员基本生活，做到应保尽保。', '完善养老服务体系，新增社区养老服务驿站8个。', '提升社区治理和婚姻登记服务水平。']);
    expect(t.duties.map((d) => [d.function, d.task, d.projects, d.amount])).toEqual([
      ['社会救助', '城乡低保、特困供养', '城乡低保资金', 8_000_000],
      ['社会救助', '临时救助', '临时救助资金', 600_000],
      ['养老服务', '社区养老服务驿站建设与运营', '养老服务驿站补贴', 2_400_000],
      ['基层治理', '社区工作者队伍建设', '社区工作者培训经费', 1_000_000],
    ]);
    // 指标解释 is the description column under another name (issue 37's column roles)
    expect(t.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.description, i.extras.length])).toEqual([
      ['产出指标', '数量指标', '低保对象保障人数', '≥3200人', '全年纳入低保保障的人数', 0],
      ['产出指标', '数量指标', '新增养老服务驿站数量', '8个', '年内新建成并运营的驿站数', 0],
      ['产出指标', '时效指标', '低保金按时发放率', '100%', '按月足额发放低保金的比例', 0],
      ['产出指标', '成本指标', '基本支出控制', '≤2360万元', '基本支出不超过年度预算', 0],
      ['效益指标', '社会效益指标', '困难群众基本生活保障水平', '有效保障', '困难群众基本生活得到保障', 0],
      ['满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', '抽样调查服务对象满意度', 0],
    ]);
    expect(doc.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    // Its 年度总体目标 are the department's goals.
    expect(reviewAndScore(doc).findings.map((f) => f.rule)).not.toContain('missing.department-goal');
  });
});

describe('11 a single project\'s 申报书 with a cover and a narrative (Word 97)', () => {
  it('the department from the cover, the narrative by section, the pointer no project', async () => {
    const doc = await read('11-single-project.doc');
    const j = toDocumentJson(doc);
    expect([j.format, j.year, j.department]).toEqual(['doc', 2025, { code: null, name: '示范市城市管理局' }]);
    expect(j.projects).toHaveLength(1);
    const p = j.projects[0]!;
    expect([p.title, p.name, p.budget.total, p.budget.fiscal, p.purpose]).toEqual(['项目绩效目标表', '城区公共厕所提升改造', 4_500_000, 4_500_000, '用于45座公共厕所提升改造。']);
    expect(p.narrative.map((n) => [n.title, n.text])).toEqual([
      ['项目概述', '对城区45座老旧公共厕所进行提升改造，增设无障碍设施和第三卫生间。'],
      ['立项依据', '《示范市城市公共厕所建设管理办法》和市政府2025年民生实事项目安排。'],
      ['实施主体', '示范市环境卫生管理处。'],
      ['实施方案', '分两批实施，6月底前完成20座，10月底前完成25座。'],
      ['实施周期', '2025年1月至2025年12月。'],
      ['年度预算安排', '年度预算450万元，全部为市级财政资金。'],
      ['绩效目标', '详见项目绩效目标表。'],
    ]);
    expect(p.indicators.map((i) => [i.name, i.target.raw])).toEqual([
      ['改造公厕数量', '45座'],
      ['改造完成时间', '2025年10月底前'],
      ['市民如厕环境', '明显改善'],
      ['市民满意度', '≥90%'],
    ]);
    expect(codes(doc)).not.toContain('unrecognized-paragraph');
    // A form is not where a department writes its overall goals: the review does not ask it for them.
    expect(reviewAndScore(doc).findings.map((f) => f.rule)).not.toContain('missing.department-goal');
  });
});

describe('12 a department\'s document over four pages (printed by a browser and by LibreOffice)', () => {
  const files = ['12-department-document.browser.pdf', '12-department-document.pdf'];

  it.each(files)('%s: part one, three tables, one of them over three pages, nothing twice and nothing lost', async (file) => {
    const doc = await read(file);
    const j = toDocumentJson(doc);
    expect([j.year, j.department]).toEqual([2025, { code: '521001', name: '示范区农业农村局' }]);
    expect(j.departmentGoals.overall).toMatch(/^以实施乡村振兴战略为总抓手，.*为全区经济社会高质量发展提供坚实支撑。$/);
    expect(j.departmentGoals.subGoals.map((g) => g.title)).toEqual(['稳定粮食生产', '推进农业绿色发展']);
    expect(j.departmentGoals.subGoals[0]!.text).toBe('落实粮食安全党政同责，稳定粮食播种面积，新建和改造提升高标准农田1.2万亩，推广病虫害统防统治和农机深松整地，提高粮食单产水平和综合生产能力，确保完成上级下达的粮食生产目标任务。');
    expect(j.departmentGoals.measures.map((m) => [m.title, m.text])).toEqual([
      ['加强组织领导', '成立项目实施工作专班，明确责任分工，建立周调度、月通报制度，确保各项任务按时完成。'],
      ['强化资金监管', '严格执行项目资金管理办法，实行专账核算、专款专用，定期开展资金使用情况检查，提高资金使用效益。'],
    ]);
    expect(j.projects.map((p) => [p.code, p.name, p.budget.total, p.indicators.length])).toEqual([
      ['13020825P000521001001', '农业技术推广服务经费', 450_000, 4],
      ['13020825P000521001002', '高标准农田建设及农业生产发展资金', 23_865_000, 27],
      ['13020825P000521001003', '农村人居环境整治经费', 2_600_000, 4],
    ]);
    const long = j.projects[1]!;
    expect(long.spendingPlan.map((c) => c.percent)).toEqual([20, 45, 80, 100]);
    expect(long.indicators.map((i) => i.name).slice(10, 14)).toEqual(['培训合格率', '统防统治防治效果', '高标准农田建设完成时间', '补助资金兑付时间']);
    expect(long.indicators[11]!.description).toBe('统防统治区域病虫害防治效果');
    expect(long.indicators.at(-1)).toMatchObject({ level1: '满意度指标', name: '项目区农户满意度', description: '抽样调查项目区农户对工程建设和服务的满意程度' });
    expect(new Set(long.indicators.map((i) => i.name)).size).toBe(27);
    expect(codes(doc)).toEqual(expect.arrayContaining(['pdf.repeated-header']));
    expect(errors(doc)).toEqual([]);
    expect(codes(doc)).not.toContain('unrecognized-row');
    expect(codes(doc)).not.toContain('unrecognized-paragraph');
  });

  it('both prints give the same content; the browser\'s page numbers are left out', async () => {
    const [a, b] = await Promise.all(files.map(async (f) => documentContentJson(await read(f))));
    expect(a).toBe(b);
    const browser = await read(files[0]!);
    expect(browser.diagnostics.find((d) => d.code === 'pdf.page-furniture')?.message).toContain('4 行');
    expect(documentContentJson(browser)).not.toMatch(/第\s*\d+\s*页/);
  });
});

describe('PDFs that cannot be read', () => {
  const refusal = async (bytes: Uint8Array, file: string) => {
    const e = await parseDocumentsBytes(bytes, file).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DocumentReadError);
    return (e as DocumentReadError).toOneLine();
  };

  // a scan without a text layer is read by OCR since issue 56: test/importers/ocr-scans.test.ts reads scanned.pdf

  it('a password, a truncated file and a file that only starts like a PDF are refused by name', async () => {
    expect(await refusal(bytesOf('encrypted.pdf'), 'e.pdf')).toBe('e.pdf: PDF 文件已加密（设置了打开密码），请取消密码后再导入');
    const pdf = bytesOf('01-shenbao-grid.pdf');
    expect(await refusal(pdf.subarray(0, Math.floor(pdf.length / 3)), 'cut.pdf')).toBe('cut.pdf: 不是有效的 PDF 文件（文件已损坏或不完整）');
    expect(await refusal(new TextEncoder().encode('%PDF-1.7\n% not really\n'), 'fake.pdf')).toBe('fake.pdf: 不是有效的 PDF 文件（文件已损坏或不完整）');
  });
});

describe('the form profile of each layout (issue 30): the fields and columns its form has, under their names', () => {
  const official = {
    fields: { code: '项目编码', name: '项目名称', purpose: '预算规模及资金用途', total: '预算数', fiscal: '财政资金', other: '其他资金', goals: '绩效目标', department: '单位名称（表头）' },
    columns: { level1: '一级指标', level2: '二级指标', name: '三级指标', description: '绩效指标描述', target: '指标值', basis: '指标值确定依据' },
    extraColumns: [],
  };
  const cases: [string, number, unknown][] = [
    [
      '01-shenbao-grid.xls',
      0,
      {
        name: '财政项目支出绩效目标申报表',
        fields: { name: '项目名称', code: '项目编码', department: '主管部门', projectTotal: '项目资金总额', total: '年度资金申请总额', fiscal: '当年财政拨款', other: '其他资金', longTermGoals: '项目总目标', goals: '年度总体目标' },
        columns: { level1: '一级指标', level2: '二级指标', name: '三级指标', target: '年度(/项目)指标值', basis: '绩效标准' },
        extraColumns: ['绩效标准', '备注'],
      },
    ],
    ['03-lost-level1.docx', 0, { name: '项目绩效目标表', ...official }],
    ['04-framework-2023-old-tree.docx', 0, { name: '项目绩效目标表', ...official }],
    [
      '04-framework-2021.xlsx',
      0,
      {
        name: '项目支出绩效目标表',
        fields: { name: '项目名称', code: '项目编码', total: '预算数', fiscal: '财政资金', goals: '年度绩效目标' },
        columns: official.columns,
        extraColumns: [],
      },
    ],
    ['05-synonyms.html', 0, { name: '项目绩效目标表', ...official }],
    [
      '06-columns.doc',
      0,
      {
        name: '项目绩效目标表',
        fields: { department: '预算单位', name: '项目名称', total: '预算数', goals: '绩效目标' },
        columns: { level1: '一级指标', level2: '二级指标', name: '指标内容', target: '目标值' },
        extraColumns: ['评（记）分标准', '备注'],
      },
    ],
    [
      '06-columns.doc',
      1,
      {
        name: '项目绩效目标表',
        fields: { department: '预算单位', name: '项目名称', total: '预算数', goals: '绩效目标' },
        columns: { level1: '一级指标', level2: '二级指标', name: '三级指标', description: '指标解释', target: '指标值及单位', basis: '绩效标准' },
        extraColumns: ['绩效标准'],
      },
    ],
    [
      '06-long-term-annual.et',
      0,
      {
        name: '项目支出绩效目标表',
        fields: { name: '项目名称', department: '预算部门', total: '年度资金总额', fiscal: '财政资金', longTermGoals: '长期目标', goals: '年度目标' },
        columns: { level1: '一级指标', level2: '二级指标(年度)', name: '三级指标(年度)', target: '指标值(年度)' },
        extraColumns: [],
      },
    ],
    [
      '07-header-fields-a.wps',
      0,
      {
        name: '项目支出绩效目标申报表',
        fields: { name: '项目支出名称', department: '主管部门及编码', total: '年度本级预算金额', purpose: '资金用途', goals: '年度绩效目标' },
        columns: { level1: '一级指标', level2: '二级指标', name: '三级指标', target: '指标值' },
        extraColumns: [],
      },
    ],
    [
      '07-header-fields-b.pdf',
      0,
      {
        name: '项目支出绩效目标申报表',
        fields: { name: '项目名称', department: '预算部门', total: '年度资金总额', goals: '年度绩效目标', fiscal: '区级资金、上级资金' },
        columns: { level1: '一级指标', level2: '二级指标', name: '三级指标', target: '指标值' },
        extraColumns: [],
      },
    ],
    [
      '11-single-project.doc',
      0,
      {
        name: '项目绩效目标表',
        fields: { name: '项目名称', code: '项目编码', purpose: '预算规模及资金用途', total: '预算数', fiscal: '财政资金', other: '其他资金', goals: '绩效目标' },
        columns: official.columns,
        extraColumns: [],
      },
    ],
    ['12-department-document.pdf', 0, { name: '项目绩效目标表', ...official, fields: { ...official.fields, spendingPlan: '资金支出计划（%）' } }],
  ];

  it.each(cases)('%s, table %i', async (file, index, expected) => {
    const doc = await read(file);
    expect(doc.projects[index]!.form).toEqual(expected);
    // in the public JSON as it is
    expect(toDocumentJson(doc).projects[index]!.form).toEqual(expected);
  });

  it('the five files of layout 01 record the same form; a department table has none', async () => {
    const forms = await Promise.all(['01-shenbao-grid.pdf', '01-shenbao-grid.browser.pdf', '01-shenbao-grid.html'].map(async (f) => (await read(f)).projects[0]!.form));
    for (const form of forms) expect(form).toEqual((await read('01-shenbao-grid.xls')).projects[0]!.form);
    expect((await read('10-department.xls')).projects).toEqual([]);
  });
});
