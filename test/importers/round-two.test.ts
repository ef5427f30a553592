/**
 * Documents from anywhere, round two (issue 31): the layout classes the held-out tables of other
 * provinces showed, each in a realistic document of its own in test/documents/layouts/ (invented
 * departments and numbers), read through the one entry point and checked field by field.
 *
 * Classes: 20 the older national 申报表 (项目完成指标 / 项目效益指标, 中期 and 年度 side by side, 绩效指标
 * repeated in the first data row), 21 money as a small table inside 项目资金, 22 amounts written as text
 * and a value repeated in two merged cells, 23 rows that are not indicators at a table's foot, 24 codes
 * in front of names in every header field, 25 targets with a condition; and the parser gaps reported
 * earlier (自治区资金, 其中： in a line's label, ≤ | 2025年12月, 每季度末月20日前), 26 template hints left in
 * indicator names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentsBytes } from '../../src/server/importers/read-document';
import { toDocumentJson, type DocumentJson } from '../../src/shared/domain/document-json';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { textRow } from '../support/text-document';
import { reviewAndScore } from '../../src/shared/review/report';

const DIR = join(__dirname, '..', 'documents', 'layouts');

const parsed = new Map<string, Promise<ParsedDocument>>();
/** The one document a file holds (parsed once per test file). */
function read(name: string): Promise<ParsedDocument> {
  let p = parsed.get(name);
  if (p === undefined) {
    p = parseDocumentsBytes(new Uint8Array(readFileSync(join(DIR, name))), name).then((docs) => {
      expect(docs).toHaveLength(1);
      return docs[0]!;
    });
    parsed.set(name, p);
  }
  return p;
}
const json = async (name: string) => toDocumentJson(await read(name));
type IndicatorJson = DocumentJson['projects'][number]['indicators'][number];
const line = (i: IndicatorJson) => [i.level1, i.level1Raw, i.level2, i.name, i.target.raw];
const codes = (doc: ParsedDocument) => doc.diagnostics.map((d) => d.code);
const notInfo = (doc: ParsedDocument) => doc.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code);

describe('20 the older national 申报表 (Hunan county, web page)', () => {
  const file = '20-old-national-shenbao.html';

  it('header fields, the two sums of money side by side, the goals of the period and of the year', async () => {
    const doc = await json(file);
    expect(doc.year).toBe(2025);
    expect(doc.department).toEqual({ code: '430521', name: '邵东县水利局' });
    const p = doc.projects[0]!;
    expect(doc.projects).toHaveLength(1);
    expect(p.name).toBe('农村饮水安全巩固提升工程');
    // money in fen (the model), not the JSON's yuan
    const model = (await read(file)).projects[0]!;
    expect(model.budget).toEqual({ total: 8_600_000_00, fiscal: 7_600_000_00, other: 1_000_000_00 });
    expect(model.projectBudget).toMatchObject({ total: 24_000_000_00, fiscal: 21_000_000_00, other: 3_000_000_00 });
    expect(p.fields.map((f) => [f.key, f.label, f.value])).toEqual([
      ['implementer', '实施单位', '邵东县农村供水管理站'],
      ['nature', '项目属性', '延续项目'],
      ['period', '项目期', '3年'],
    ]);
    expect(p.longTermGoals).toEqual(['三年内完成全县42个行政村供水管网改造。', '农村自来水普及率达到95%以上。']);
    expect(p.goals).toEqual(['完成14个行政村供水管网改造。', '农村集中供水率达到90%以上。']);
  });

  it('项目完成指标 and 项目效益指标 map to the framework, names kept as written; 绩效指标 repeated is no content', async () => {
    const raw = await read(file);
    const doc = await json(file);
    expect(doc.frameworkVersion).toBe('cn-2015');
    const p = doc.projects[0]!;
    expect(p.indicators.map(line)).toEqual([
      ['产出指标', '项目完成指标', '数量指标', '改造供水管网长度', '≥86公里'],
      ['产出指标', '项目完成指标', '质量指标', '水质检测合格率', '≥98%'],
      ['产出指标', '项目完成指标', '时效指标', '工程完工时间', '2025年11月底前'],
      ['产出指标', '项目完成指标', '成本指标', '每公里管网改造成本', '≤9万元'],
      ['效益指标', '项目效益指标', '社会效益指标', '受益农村人口', '≥3.2万人'],
      ['效益指标', '项目效益指标', '经济效益指标', '减少群众取水劳务支出', '≥120万元'],
      ['效益指标', '项目效益指标', '生态效益指标', '水源地保护区划定率', '100%'],
      ['效益指标', '项目效益指标', '可持续影响指标', '工程运行管护机制', '长效运行'],
      ['满意度指标', '满意度指标', '服务对象满意度指标', '受益群众满意度', '≥90%'],
    ]);
    expect(p.indicators[0]!.extras.map((e) => e.header)).toEqual(['备注']);
    expect(codes(raw)).toContain('row-label-repeated');
    expect(codes(raw)).toContain('category-synonym');
    expect(notInfo(raw)).toEqual(['missing-spending-plan']);
  });
});

/** A one-table text document (the fixtures' format: a tab starts a cell, a blank line ends a row). */
const textDoc = (title: string, rows: (string | string[])[][]) => `${title}\n${rows.map(textRow).join('\n\n')}\n\n\n`;
const parseText = (text: string) => parseDocumentBytes(Buffer.from(text, 'utf8'), 'test.txt');
const INDICATORS: (string | string[])[][] = [
  ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
  ['产出指标', '数量指标', '培训人次', '≥300人次', '计划标准'],
  ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '问卷调查'],
];

describe('21 money as a small table inside 项目资金 (Zhejiang county, web page)', () => {
  const file = '21-money-subtable.html';

  it('total, fiscal and other from the items, exact to the fen; the sub-items and other items as lines', async () => {
    const doc = await read(file);
    const p = doc.projects[0]!;
    expect(p.name).toBe('城乡居民医保参保补助');
    expect(p.amountUnit).toBe('万元');
    expect(p.budget).toEqual({ total: 13_300_000_00, fiscal: 12_864_000_00, other: 436_000_00 });
    expect(p.budgetLines.map((l) => [l.label, l.amount])).toEqual([
      ['一般公共预算', 11_064_000_00],
      ['政府性基金', 1_800_000_00],
      ['自有资金', 356_000_00],
      ['其他收入', 80_000_00],
    ]);
    expect(p.sources.fiscal?.ref).toBe('表1 行4 列5');
    expect(p.form?.fields).toMatchObject({ total: '财政拨款、自有资金、其他收入之和', fiscal: '财政拨款', other: '自有资金、其他收入' });
    expect(codes(doc)).toContain('total-from-items');
    expect(notInfo(doc)).toEqual(['missing-spending-plan']);
    expect(p.indicators).toHaveLength(4);
  });

  it('with a 合计 row, in 元, numbered 1、2、 only and no header: the 合计 is the total; a wrong sum is a warning', async () => {
    const rows = (total: string) => [
      ['项目名称', '退役军人职业技能培训'],
      ['项目资金（元）', '合计', total],
      ['', '1、财政拨款', '1,000,000.00'],
      ['', '2、自筹资金', '200,000.50'],
      ['年度绩效目标', '完成退役军人职业技能培训300人次。'],
      ...INDICATORS,
    ];
    const doc = await parseText(textDoc('退役军人职业技能培训项目绩效目标表', rows('1,200,000.50')));
    const p = doc.projects[0]!;
    expect(p.budget).toEqual({ total: 1_200_000_50, fiscal: 1_000_000_00, other: 200_000_50 });
    expect(p.budgetLines.map((l) => [l.label, l.amount])).toEqual([['自筹资金', 200_000_50]]);
    expect(doc.diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'missing-spending-plan')).toEqual([]);
    const wrong = await parseText(textDoc('退役军人职业技能培训项目绩效目标表', rows('1,300,000.00')));
    expect(codes(wrong)).toContain('money-table-sum');
  });
});

describe('22 amounts written as text, a value repeated in two merged cells (Sichuan district, extracted text)', () => {
  const file = '22-amounts-as-text.txt';

  it('"850万(其中中央资金400万元,省级资金450万元)": the total and its parts as lines; 850 | 850 is one 850', async () => {
    const doc = await read(file);
    const p = doc.projects[0]!;
    expect(p.name).toBe('高标准农田建设补助');
    expect(p.department).toEqual({ code: '510116', name: '双流区农业农村局' });
    expect(p.budget).toEqual({ total: 8_500_000_00, fiscal: 8_500_000_00, other: null });
    expect(p.budgetLines.map((l) => [l.label, l.amount])).toEqual([
      ['中央资金', 4_000_000_00],
      ['省级资金', 4_500_000_00],
    ]);
    expect(p.purpose).toBe('用于新建高标准农田1.2万亩的田间道路、灌排渠系和土壤改良。');
    expect(codes(doc)).toContain('repeated-value');
    expect(notInfo(doc)).toEqual([]);
    expect(p.indicators.map((i) => i.name)).toEqual(['新建高标准农田面积', '工程验收合格率', '亩均建设成本', '粮食综合生产能力提升', '项目区农户满意度']);
  });

  it('without a 财政资金 field, the parts written in the text are the fiscal money (fiscal-from-lines)', async () => {
    const rows = [
      ['项目名称', '村级公益事业一事一议奖补'],
      ['年度资金总额（万元）', '120万(其中省级资金80万元,县级资金40万元)'],
      ['年度绩效目标', '完成村内道路硬化等一事一议项目24个。'],
      ...INDICATORS,
    ];
    const doc = await parseText(textDoc('村级公益事业一事一议奖补项目绩效目标表', rows));
    const p = doc.projects[0]!;
    expect(p.budget).toEqual({ total: 1_200_000_00, fiscal: 1_200_000_00, other: null });
    expect(p.budgetLines.map((l) => l.label)).toEqual(['省级资金', '县级资金']);
    expect(codes(doc)).toContain('fiscal-from-lines');
  });
});

describe('23 rows at the foot that are not indicators (Fujian district, web page)', () => {
  const file = '23-footer-rows.html';

  it('审核意见 of each level with (盖章) and dates, signatures and 注: are never indicators nor names', async () => {
    const doc = await read(file);
    const p = doc.projects[0]!;
    expect(doc.department).toMatchObject({ code: '350703', name: '南平市建阳区文化体育和旅游局' });
    expect(p.name).toBe('公共文化场馆免费开放');
    expect(p.indicators.map((i) => i.name)).toEqual(['公益性文化活动场次', '免费开放天数', '场馆免费开放运行补助', '年接待群众人次', '群众满意度']);
    expect(p.fields.map((f) => f.label)).toEqual(['实施单位']);
    const all = JSON.stringify(doc.projects);
    for (const word of ['盖章', '林建华', '郑晓燕', '0599', '同意', '注：']) expect(all).not.toContain(word);
    expect(codes(doc).filter((c) => c === 'form-signature')).toHaveLength(4);
    expect(codes(doc).filter((c) => c === 'form-note')).toHaveLength(2);
    expect(notInfo(doc)).toEqual(['missing-spending-plan']);
  });

  it('in extracted text: an opinion with its seal and date in cells of their own, a date alone, a note', async () => {
    const rows = [
      ['项目名称', '退役军人职业技能培训'],
      ['年度资金总额（万元）', '36'],
      ['年度绩效目标', '完成退役军人职业技能培训300人次。'],
      ...INDICATORS,
      ['市级主管部门审核意见', '（盖章）', '年  月  日'],
      ['（盖章）'],
      ['2024年11月5日'],
      ['注：指标值确定依据填写计划标准、行业标准、历史标准等。'],
    ];
    const doc = await parseText(textDoc('退役军人职业技能培训项目绩效目标表', rows));
    const p = doc.projects[0]!;
    expect(p.indicators.map((i) => i.name)).toEqual(['培训人次', '学员满意度']);
    // the date alone under the table is the one date the document gives: the year inferred from it, and said (issue 53)
    expect(doc.diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'missing-spending-plan').map((d) => d.code)).toEqual(['year-inferred']);
    expect([doc.year, doc.yearInferred]).toEqual([2025, true]);
    expect(codes(doc)).toContain('form-note');
  });

  it('an indicator whose name has 意见 or a date in it stays an indicator', async () => {
    const rows = [
      ['项目名称', '12345政务服务便民热线运行'],
      ['年度资金总额（万元）', '80'],
      ['年度绩效目标', '群众诉求按时办结。'],
      ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
      ['产出指标', '质量指标', '群众意见办结率', '≥95%', '计划标准'],
      ['', '时效指标', '2025年12月31日', '按时完成', '计划标准'],
      ['满意度指标', '服务对象满意度指标', '来电群众满意度', '≥90%', '问卷调查'],
    ];
    const doc = await parseText(textDoc('12345政务服务便民热线运行项目绩效目标表', rows));
    expect(doc.projects[0]!.indicators.map((i) => i.name)).toEqual(['群众意见办结率', '2025年12月31日', '来电群众满意度']);
  });
});

describe('24 codes in front of names in every header field (Shaanxi district, web page)', () => {
  const file = '24-codes-in-fields.html';

  it('[610116]…, 610116001-…, 【610116001】…, [22]…: code and name split; the project code in front of its name taken off', async () => {
    const doc = await read(file);
    const p = doc.projects[0]!;
    expect(p.name).toBe('秦岭北麓生态环境监测');
    expect(p.code).toBe('61011625P000610116008');
    expect(p.department).toEqual({ code: '610116001', name: '西安市长安区生态环境监测站' });
    expect(p.fields.map((f) => [f.key, f.value, f.code])).toEqual([
      ['supervisor', '西安市长安区生态环境局', '610116'],
      ['category', '专项业务类', '22'],
      ['implementer', '西安市长安区生态环境监测站', '610116001'],
    ]);
    expect((await json(file)).projects[0]!.fields[0]).toMatchObject({ value: '西安市长安区生态环境局', code: '610116' });
    expect(codes(doc)).toContain('code-in-name');
    expect(notInfo(doc)).toEqual(['missing-spending-plan']);
  });

  it('a code in front of the name is the project code when the form has none, a warning when it names another', async () => {
    const rows = (code: string | null) => [
      ['项目名称', '[61011625P000610116009]秦岭北麓野生动物救护', ...(code === null ? [] : ['项目编码', code])],
      ['实施单位', '610116002-西安市长安区野生动物救护站'],
      ['年度资金总额（万元）', '18'],
      ['年度绩效目标', '救护野生动物不少于120只（头）。'],
      ...INDICATORS,
    ];
    const none = await parseText(textDoc('秦岭北麓野生动物救护项目绩效目标表', rows(null)));
    expect(none.projects[0]).toMatchObject({ name: '秦岭北麓野生动物救护', code: '61011625P000610116009', year: 2025 });
    expect(none.projects[0]!.department).toEqual({ code: '610116002', name: '西安市长安区野生动物救护站' });
    expect(codes(none)).toContain('code-from-name');
    const other = await parseText(textDoc('秦岭北麓野生动物救护项目绩效目标表', rows('61011625P000610116010')));
    expect(other.projects[0]).toMatchObject({ name: '秦岭北麓野生动物救护', code: '61011625P000610116010' });
    expect(codes(other)).toContain('name-code-mismatch');
  });
});

describe('25 targets with a condition (Ningxia district, extracted text, operator and unit columns)', () => {
  const file = '25-conditional-targets.txt';
  const target = async (name: string) => (await read(file)).projects[0]!.indicators.find((i) => i.name === name)!.target;

  it('"12月底前100%到位" is 100% with its deadline kept', async () => {
    expect(await target('补贴资金拨付到位率')).toMatchObject({ kind: 'quantitative', operator: '=', value: 100, unit: '%', deadline: { year: null, month: 12, day: null, endOfPeriod: true } });
  });

  it('"按每人1000元标准发放" is a qualitative target citing a standard, not a target of 1000', async () => {
    expect(await target('补贴发放标准')).toMatchObject({ kind: 'qualitative', value: null, unit: null, standard: '每人1000元标准', words: '发放' });
  });

  it('"每季度末月20日前" is a recurring deadline on day 20, not =20日', async () => {
    expect(await target('补贴发放时间')).toMatchObject({ kind: 'deadline', value: null, deadline: { year: null, month: null, day: 20 }, words: '每季度末月' });
  });

  it('"≤ | 2025年12月" in the operator column is a deadline, without a split-target warning', async () => {
    const doc = await read(file);
    expect(await target('年度资金清算完成时间')).toMatchObject({ raw: '≤2025年12月', kind: 'deadline', deadline: { year: 2025, month: 12 } });
    expect(codes(doc)).not.toContain('split-target');
    expect(doc.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(await target('补贴发放人数')).toMatchObject({ raw: '≥2600人', operator: '≥', value: 2600, unit: '人' });
  });
});

describe('parser gaps reported earlier', () => {
  it('≤ beside a deadline in a 指标性质 column is the deadline\'s "by", neither an extra nor a warning', async () => {
    const rows = [
      ['项目名称', '村级公益事业一事一议奖补'],
      ['年度资金总额（万元）', '120'],
      ['年度绩效目标', '完成一事一议项目24个。'],
      ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '指标值确定依据'],
      ['产出指标', '数量指标', '奖补项目个数', '≥', '24', '个', '计划标准'],
      ['', '时效指标', '项目完工时间', '≤', '2025年11月', '', '计划标准'],
      ['满意度指标', '服务对象满意度指标', '村民满意度', '≥', '90', '%', '问卷调查'],
    ];
    const doc = await parseText(textDoc('村级公益事业一事一议奖补项目绩效目标表', rows));
    const due = doc.projects[0]!.indicators[1]!;
    expect(due.target).toMatchObject({ raw: '≤2025年11月', kind: 'deadline', deadline: { year: 2025, month: 11 } });
    expect(due.extras).toEqual([]);
    expect(codes(doc)).not.toContain('split-target');
  });


  it('a 自治区资金 line is a fund source and, with no 财政资金 field, fiscal money; 其中： is no part of a line label', async () => {
    const rows = [
      ['项目名称', '农村牧区人居环境整治'],
      ['项目资金（万元）', '年度资金总额', '500', '其中：自治区资金', '300', '其中：旗县级资金', '200'],
      ['年度绩效目标', '完成120个嘎查村人居环境整治。'],
      ...INDICATORS,
    ];
    const doc = await parseText(textDoc('农村牧区人居环境整治项目绩效目标表', rows));
    const p = doc.projects[0]!;
    expect(p.budgetLines.map((l) => [l.label, l.amount])).toEqual([
      ['自治区资金', 3_000_000_00],
      ['旗县级资金', 2_000_000_00],
    ]);
    expect(p.budget.fiscal).toBe(5_000_000_00); // both levels' money is fiscal
    expect(codes(doc)).toContain('fiscal-from-lines');
    expect(codes(doc)).not.toContain('unknown-field');
  });
});

describe('26 template hints left in indicator names (Guangxi county, extracted text)', () => {
  const file = '26-template-hints.txt';

  it('the name kept as written, a parser warning each, and the review\'s template-text rule fires on each', async () => {
    const doc = await read(file);
    const p = doc.projects[0]!;
    const hinted = ['日常养护里程数量（ ≥**公里 ）', '优良中等路率(≥**%)', '沿线群众满意度(≥××%)'];
    expect(p.indicators.map((i) => i.name)).toEqual([hinted[0], hinted[1], '养护任务完成及时率', '每公里年养护成本', '农村群众出行条件改善', hinted[2]]);
    expect(p.indicators[1]!.target).toMatchObject({ operator: '≥', value: 80, unit: '%' });
    const hints = doc.diagnostics.filter((d) => d.code === 'template-hint');
    expect(hints.map((d) => d.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(hints[1]!.message).toContain('(≥**%)');
    expect(notInfo(doc).filter((c) => c !== 'template-hint')).toEqual([]);
    const findings = reviewAndScore(doc).findings.filter((f) => f.rule === 'missing.template-text');
    expect(findings).toHaveLength(3);
    for (const [k, name] of hinted.entries()) expect(findings[k]!.message).toContain(name);
  });

  it('brackets that are no hint are no warning', async () => {
    const rows = [
      ['项目名称', '农村公路养护补助'],
      ['年度资金总额（万元）', '240'],
      ['年度绩效目标', '完成农村公路日常养护。'],
      ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
      ['产出指标', '数量指标', '养护里程（公里）', '≥1200', '计划标准'],
      ['满意度指标', '服务对象满意度指标', '群众满意度（%）', '≥90', '问卷调查'],
    ];
    const doc = await parseText(textDoc('农村公路养护补助项目绩效目标表', rows));
    expect(codes(doc)).not.toContain('template-hint');
  });
});
