/**
 * The form profile the parser records for each project table (issue 30 §1), and the fields a form
 * has under another name read into their field: a 绩效标准-type column or a "（计划标准）" note as the
 * basis, funding lines of government levels as 财政资金. Small documents written here in the text
 * format of the fixtures, each in the shape of a form budget units fill in.
 */
import { describe, expect, it } from 'vitest';
import { describeForm, OFFICIAL_FORM, type FormProfile } from '../../src/shared/domain/form-profile';
import { documentContentJson } from '../../src/shared/domain/document-content';
import { toDocumentJson } from '../../src/shared/domain/document-json';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { formNameOfTitle } from '../../src/shared/layout/labels';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { textDocument, textRow, textTable } from '../support/text-document';

const parse = (text: string) => parseDocumentBytes(Buffer.from(text, 'utf8'), 'form.txt');
const codes = (doc: ParsedDocument) => doc.diagnostics.map((d) => d.code);

/** A table of any form: its title, its form rows, its indicator header and rows. */
function table(title: string, rows: (string | string[])[][], header: string[], indicators: string[][]): string {
  const top = rows.map(textRow).join('\n\n');
  const body = [header, ...indicators].map(textRow).join('\n\n');
  return `${title}\n${top}\n\n\n \n${body}\n\n\n\n`;
}

async function only(text: string) {
  const doc = await parse(textDocument([text]));
  expect(doc.projects).toHaveLength(1);
  return { doc, project: doc.projects[0]! };
}

/** A municipal 申报表's head: no project code, no purpose, no spending plan. */
const SHENBAO_HEAD: (string | string[])[][] = [
  ['项目名称', '社区老年人助餐服务', '预算部门', '示范县民政局'],
  ['资金情况（万元）', '年度资金总额', '48', '中央资金', '30', '县级资金', '12', '自筹资金', '6'],
  ['年度绩效目标', ['1.为全县1200名老年人提供助餐服务。', '2.新建社区助餐点4个。']],
];

describe('the form profile', () => {
  it('of the published 项目绩效目标表: every field and column, labels as written, a blank code still a field', async () => {
    const { project } = await only(textTable({ codeName: ['项目编码', '', '项目名称', '测试项目'] }));
    expect(project.code).toBeNull();
    expect(project.form).toEqual({
      name: '项目绩效目标表',
      fields: {
        department: '单位名称（表头）',
        code: '项目编码',
        name: '项目名称',
        purpose: '预算规模及资金用途',
        total: '预算数',
        fiscal: '财政资金',
        other: '其他资金',
        spendingPlan: '资金支出计划（%）',
        goals: '绩效目标',
      },
      columns: OFFICIAL_FORM.columns,
      extraColumns: [],
    } satisfies FormProfile);
  });

  it('of a 申报表 without code, purpose or spending plan, with 中长期 and 年度 goals: only what its form has', async () => {
    const { doc, project } = await only(
      table(
        '2025年项目支出绩效目标申报表',
        [
          ['项目名称', '城区道路养护', '主管部门', '示范市城市管理局'],
          ['年度资金申请总额（万元）', '200', '当年财政拨款（万元）', '180', '其他资金（万元）', '20'],
          ['中长期目标', '三年内完成城区主次干道全面养护。'],
          ['年度目标', '完成城区主干道养护36公里。'],
        ],
        ['一级指标', '二级指标', '三级指标', '年度指标值', '备注'],
        [
          ['产出指标', '数量指标', '养护道路长度', '≥36公里', ''],
          ['满意度指标', '服务对象满意度指标', '市民满意度', '≥90%', '问卷调查'],
        ],
      ),
    );
    expect(project.form).toEqual({
      name: '项目支出绩效目标申报表',
      fields: { name: '项目名称', department: '主管部门', total: '年度资金申请总额（万元）', fiscal: '当年财政拨款（万元）', other: '其他资金（万元）', longTermGoals: '中长期目标', goals: '年度目标' },
      columns: { level1: '一级指标', level2: '二级指标', name: '三级指标', target: '年度指标值' },
      extraColumns: ['备注'],
    });
    expect(project.budget).toEqual({ total: 2_000_000_00, fiscal: 1_800_000_00, other: 200_000_00 });
    expect(codes(doc)).not.toContain('fiscal-from-lines');
    expect(describeForm(project.form!)).toBe(
      '表样：项目支出绩效目标申报表，含项目名称、主管部门、年度资金申请总额（万元）、当年财政拨款（万元）、其他资金（万元）、中长期目标、年度目标栏；指标表含一级指标、二级指标、三级指标、年度指标值栏，另有备注栏；表中无项目编码、资金用途、资金支出计划、绩效指标描述、指标值确定依据栏',
    );
  });

  it('is left out of the content digest and given in the public JSON', async () => {
    const text = textDocument([textTable()]);
    const doc = await parse(text);
    const bare = { ...doc, projects: doc.projects.map(({ form: _form, ...p }) => p) };
    expect(documentContentJson(bare)).toBe(documentContentJson(doc));
    expect(toDocumentJson(doc).projects[0]!.form).toEqual(doc.projects[0]!.form);
    expect(toDocumentJson(bare).projects[0]!.form).toBeNull();
  });
});

describe('the form name from the table title', () => {
  it.each([
    ['2.城市社区工作者薪酬经费绩效目标表', '项目绩效目标表'],
    ['老旧小区改造项目支出绩效目标申报表', '项目支出绩效目标申报表'],
    ['2025年度财政项目支出绩效目标申报表（2025年度）', '财政项目支出绩效目标申报表'],
    ['中央财政农村综合改革转移支付区域绩效目标表', '转移支付区域绩效目标表'],
    ['社区服务目标申报表', '项目目标申报表'],
    ['', '项目绩效目标表'],
  ])('%s → %s', (title, name) => {
    expect(formNameOfTitle(title)).toBe(name);
  });
});

describe('a field present under another name', () => {
  it('a filled 绩效标准 column is the basis when the form has no basis column; it stays an extra column', async () => {
    const { doc, project } = await only(
      table(
        '图书馆延时开放补助绩效目标表',
        [
          ['项目名称', '图书馆延时开放补助', '预算单位', '示范县文化馆'],
          ['预算数', '16', '财政资金', '16'],
          ['绩效目标', '全年延时开放不少于200天。'],
        ],
        ['一级指标', '二级指标', '三级指标', '指标值', '绩效标准'],
        [
          ['产出指标', '数量指标', '延时开放天数', '≥200天', '计划标准'],
          ['', '时效指标', '补助发放时间', '2025年12月底前', ''],
          ['满意度指标', '服务对象满意度指标', '读者满意度', '≥90%', '行业标准'],
        ],
      ),
    );
    expect(project.indicators.map((i) => i.basis)).toEqual(['计划标准', null, '行业标准']);
    expect(project.indicators[0]!.sources.basis).toEqual(project.indicators[0]!.extras[0]!.source);
    expect(project.indicators.map((i) => i.extras.map((e) => `${e.header}=${e.text}`))).toEqual([['绩效标准=计划标准'], ['绩效标准='], ['绩效标准=行业标准']]);
    expect(project.form!.columns.basis).toBe('绩效标准');
    expect(project.form!.extraColumns).toEqual(['绩效标准']);
    const info = doc.diagnostics.find((d) => d.code === 'basis-from-column')!;
    expect([info.severity, info.message]).toEqual(['info', expect.stringContaining('按“绩效标准”列读取2条指标的确定依据')]);
  });

  it('a table with its own basis column keeps it; its 绩效标准 column stays only an extra', async () => {
    const { doc, project } = await only(
      textTable({
        indicatorHeader: ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据', '绩效标准'],
        indicators: [['产出指标', '数量指标', '培训人次', '全年培训人次', '≥300人次', '上年实际', '计划标准']],
      }),
    );
    expect(project.indicators[0]!.basis).toBe('上年实际');
    expect(project.form!.columns.basis).toBe('指标值确定依据');
    expect(codes(doc)).not.toContain('basis-from-column');
  });

  it('a 评（扣）分标准 column is the basis only in rows where it states a standard, not a scoring rule', async () => {
    const { project } = await only(
      table(
        '农村公路养护项目绩效目标表',
        [
          ['项目名称', '农村公路养护', '预算单位', '示范县交通运输局'],
          ['预算数', '80', '财政资金', '80'],
          ['绩效目标', '完成农村公路日常养护120公里。'],
        ],
        ['一级指标', '二级指标', '三级指标', '指标值', '评（扣）分标准'],
        [
          ['产出指标', '数量指标', '养护里程', '≥120公里', '完成得10分，每少10公里扣2分'],
          ['', '质量指标', '路况优良率', '≥80%', '按《公路技术状况评定标准》确定'],
        ],
      ),
    );
    expect(project.indicators.map((i) => i.basis)).toEqual([null, '按《公路技术状况评定标准》确定']);
    expect(project.form!.columns.basis).toBe('评（扣）分标准');
    expect(project.indicators[0]!.extras).toHaveLength(1);
  });

  it('a scoring column with only scoring rules gives no basis', async () => {
    const { doc, project } = await only(
      table(
        '农村公路养护项目绩效目标表',
        [
          ['项目名称', '农村公路养护', '预算单位', '示范县交通运输局'],
          ['预算数', '80', '财政资金', '80'],
          ['绩效目标', '完成农村公路日常养护120公里。'],
        ],
        ['一级指标', '二级指标', '三级指标', '指标值', '评分标准'],
        [['产出指标', '数量指标', '养护里程', '≥120公里', '完成得10分，未完成不得分']],
      ),
    );
    expect(project.indicators[0]!.basis).toBeNull();
    expect(project.form!.columns.basis).toBeUndefined();
    expect(codes(doc)).not.toContain('basis-from-column');
  });

  it('a "（计划标准）" note written inside 指标解释 gives the basis when no basis column exists', async () => {
    const { doc, project } = await only(
      table(
        '职业技能培训补贴绩效目标表',
        [
          ['项目名称', '职业技能培训补贴', '预算单位', '示范市人力资源和社会保障局'],
          ['预算数', '60', '财政资金', '60'],
          ['绩效目标', '全年开展职业技能培训3000人次。'],
        ],
        ['一级指标', '二级指标', '三级指标', '指标解释', '指标值'],
        [
          ['产出指标', '数量指标', '培训人次', '反映全年补贴的培训人次。（计划标准）', '≥3000人次'],
          ['效益指标', '社会效益指标', '培训后就业率', '反映培训后就业的人数占比(行业标准：全省平均水平)', '≥60%'],
          ['满意度指标', '服务对象满意度指标', '学员满意度', '反映学员对培训的满意程度。', '≥90%'],
        ],
      ),
    );
    expect(project.indicators.map((i) => i.basis)).toEqual(['计划标准', '行业标准：全省平均水平', null]);
    expect(project.form!.columns.basis).toBe('指标解释（计划标准）');
    expect(codes(doc)).toContain('basis-from-note');
    // the explanation itself is unchanged
    const explanation = (i: number) => project.indicators[i]!.description ?? project.indicators[i]!.extras.find((e) => e.header === '指标解释')?.text;
    expect(explanation(0)).toBe('反映全年补贴的培训人次。（计划标准）');
  });

  it('funds written only as 中央资金/县级资金 give 财政资金 as their sum, 自筹资金 gives 其他资金; the lines stay', async () => {
    const { doc, project } = await only(
      table('社区老年人助餐服务项目支出绩效目标申报表', SHENBAO_HEAD, ['一级指标', '二级指标', '三级指标', '指标值'], [['产出指标', '数量指标', '助餐服务人数', '≥1200人']]),
    );
    expect(project.budget).toEqual({ total: 48_000_000, fiscal: 42_000_000, other: 6_000_000 });
    expect(project.budgetLines.map((l) => [l.label, l.amount])).toEqual([
      ['中央资金', 30_000_000],
      ['县级资金', 12_000_000],
      ['自筹资金', 6_000_000],
    ]);
    expect(project.sources.fiscal).toEqual(project.budgetLines[0]!.source);
    expect(project.sources.other).toEqual(project.budgetLines[2]!.source);
    expect(project.form!.fields).toMatchObject({ total: '年度资金总额', fiscal: '中央资金、县级资金', other: '自筹资金' });
    expect(project.form!.fields.code).toBeUndefined();
    expect(project.form!.fields.spendingPlan).toBeUndefined();
    expect(project.form!.fields.purpose).toBeUndefined();
    const infos = doc.diagnostics.filter((d) => d.code.endsWith('-from-lines'));
    expect(infos.map((d) => [d.severity, d.code])).toEqual([
      ['info', 'fiscal-from-lines'],
      ['info', 'other-from-lines'],
    ]);
    expect(infos[0]!.message).toContain('按“中央资金”、“县级资金”之和读作财政资金');
  });

  it('a form that has 财政资金 keeps it: its level lines are not added again; 上年结转资金 is never fiscal by itself', async () => {
    const { doc, project } = await only(
      table(
        '社区助餐服务项目支出绩效目标申报表',
        [
          ['项目名称', '社区助餐服务', '预算部门', '示范县民政局'],
          ['年度资金总额', '50', '其中：财政资金', '45', '上级资金', '30', '其他资金', '5'],
          ['年度绩效目标', '为1200名老年人提供助餐服务。'],
        ],
        ['一级指标', '二级指标', '三级指标', '指标值'],
        [['产出指标', '数量指标', '助餐服务人数', '≥1200人']],
      ),
    );
    expect(project.budget).toEqual({ total: 50_000_000, fiscal: 45_000_000, other: 5_000_000 });
    expect(codes(doc)).not.toContain('fiscal-from-lines');
    const carry = await only(
      table(
        '社区助餐服务项目支出绩效目标申报表',
        [
          ['项目名称', '社区助餐服务', '预算部门', '示范县民政局'],
          ['年度资金总额', '50', '上年结转资金', '50'],
          ['年度绩效目标', '为1200名老年人提供助餐服务。'],
        ],
        ['一级指标', '二级指标', '三级指标', '指标值'],
        [['产出指标', '数量指标', '助餐服务人数', '≥1200人']],
      ),
    );
    expect(carry.project.budget.fiscal).toBeNull();
    expect(carry.project.form!.fields.fiscal).toBeUndefined();
  });
});

describe('describeForm', () => {
  it('says the official table in one line, naming what it lacks only when it lacks something', () => {
    expect(describeForm(OFFICIAL_FORM)).toBe(
      '表样：项目绩效目标表，含项目编码、项目名称、单位名称、预算数、财政资金、其他资金、资金用途、资金支出计划、绩效目标栏；指标表含一级指标、二级指标、三级指标、绩效指标描述、指标值、指标值确定依据栏',
    );
  });

  it('names a basis read from another column once, the other extra columns after it, and a form with no indicator header', () => {
    const profile: FormProfile = {
      name: '转移支付区域绩效目标表',
      fields: { name: '项目名称', total: '年度金额', fiscal: '中央资金、省级资金', longTermGoals: '总体目标', goals: '年度目标' },
      columns: { level1: '一级指标', level2: '二级指标', name: '三级指标', target: '指标值', basis: '绩效标准' },
      extraColumns: ['绩效标准', '备注'],
    };
    expect(describeForm(profile)).toBe(
      '表样：转移支付区域绩效目标表，含项目名称、年度金额、中央资金、省级资金、总体目标、年度目标栏；指标表含一级指标、二级指标、三级指标、指标值、绩效标准栏，另有备注栏；表中无项目编码、单位名称、其他资金、资金用途、资金支出计划、绩效指标描述栏',
    );
    expect(describeForm({ name: '项目绩效目标表', fields: {}, columns: {}, extraColumns: [] })).toBe(
      '表样：项目绩效目标表；表中无项目编码、项目名称、单位名称、预算数、财政资金、其他资金、资金用途、资金支出计划、绩效目标、一级指标、二级指标、三级指标、绩效指标描述、指标值、指标值确定依据栏',
    );
  });
});
