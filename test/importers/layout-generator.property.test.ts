/**
 * Generated documents read back field by field (issue 37, "The layout generator"; issue 53, every structural
 * dimension): each case of test/support/layout-gen/generate.ts is written as .txt, HTML, .docx and .xlsx,
 * parsed through the import path `jixiao parse` uses, compared with its expected model and judged by its
 * reading (check.ts): a readable case must read exactly and be certain; a case read otherwise must be marked
 * uncertain; a case a careful person could not read exactly (unknown target header, bare years with no year,
 * running text without targets, name and target swapped, a short row that fits two ways, a seal where a
 * target should be) must be marked uncertain. A failure prints the seed and path (fast-check), the kind of
 * failure, the rendering, the differences, the doubts and the document.
 *
 * The classic cases (column roles, joined and split targets, merged categories, amounts) as before; the mixed
 * ones add header depth and paths, short rows, label decorations and names, sign-off and note rows, text around
 * the table, running-text indicators, goals by role, breakdowns, each framework and documents without a target
 * table, readable and unreadable. A fixed seed here; `npm run fuzz:layouts` runs thousands with a new seed each
 * run. Then the parser failures the generator found, each as a small fixed case.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { assertCaseReads } from '../support/layout-gen/check';
import { layoutCaseArb } from '../support/layout-gen/generate';
import { LAYOUT_FORMATS } from '../support/layout-gen/render';
import { textRow } from '../support/text-document';

const SEED = 20261125;
/** Every case in all four renderings: about 0.1 s a case on this machine (docx and xlsx most of it). */
const RUNS = 200;
const MIXED_RUNS = 200;

describe('generated indicator tables read back field by field', () => {
  it(`${RUNS} cases (seed ${SEED}), each as .txt, HTML, .docx and .xlsx`, { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(layoutCaseArb(), (c) => assertCaseReads(c, LAYOUT_FORMATS)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`${MIXED_RUNS} documents of every structural dimension, readable or not, each as .txt, HTML, .docx and .xlsx`, { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(layoutCaseArb({ mixed: true }), (c) => assertCaseReads(c, LAYOUT_FORMATS)),
      { seed: SEED, numRuns: MIXED_RUNS },
    );
  });

  it('50 tables listing many projects (project fields in leading merged or repeated columns)', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(layoutCaseArb({ multiProject: true }), (c) => assertCaseReads(c, LAYOUT_FORMATS)),
      { seed: SEED, numRuns: 50 },
    );
  });

  it('50 tables with a split target under a header over its parts (two header rows)', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(layoutCaseArb({ twoRowHeaders: true }), (c) => assertCaseReads(c, LAYOUT_FORMATS)),
      { seed: SEED, numRuns: 50 },
    );
  });
});

const parseText = (text: string) => parseDocumentBytes(Buffer.from(text, 'utf8'), 'found.txt');
const table = (title: string, rows: string[][]) => `${title}\n${rows.map(textRow).join('\n\n')}\n\n\n\n`;
const HEADER = ['一级指标', '二级指标', '三级指标', '指标值'];

describe('failures the generator found', () => {
  it('a 项目编码 row under the 项目名称 row is the same form\'s, not a second untitled table', async () => {
    const doc = await parseText(
      table('1.河道保洁管护项目绩效目标表', [
        ['项目名称', '河道保洁管护'],
        ['项目编码', '13082725P00000000101'],
        ['年度资金总额（万元）', '36.50'],
        HEADER,
        ['产出指标', '数量指标', '保洁河道长度', '≥42公里'],
      ]),
    );
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.projects.map((p) => [p.name, p.code, p.budget.total, p.indicators.length])).toEqual([['河道保洁管护', '13082725P00000000101', 36_500_000, 1]]);
  });

  it('untitled forms one after another are still one project each, whichever label opens the next', async () => {
    const form = (name: string, code: string, codeFirst: boolean) => {
      const nameRow = ['项目名称', name];
      const codeRow = ['项目编码', code];
      return [...(codeFirst ? [codeRow, nameRow] : [nameRow, codeRow]), ['预算数（万元）', '10.00'], HEADER, ['产出指标', '数量指标', `${name}数量`, '≥2个']];
    };
    const doc = await parseText(
      table('项目支出绩效目标表', [...form('甲项目', '13082725P00000000201', false), ...form('乙项目', '13082725P00000000202', true), ...form('丙项目', '13082725P00000000203', false)]),
    );
    expect(doc.projects.map((p) => [p.name, p.code, p.indicators.map((i) => i.name)])).toEqual([
      ['甲项目', '13082725P00000000201', ['甲项目数量']],
      ['乙项目', '13082725P00000000202', ['乙项目数量']],
      ['丙项目', '13082725P00000000203', ['丙项目数量']],
    ]);
  });

  describe('指标值 over 运算符 | 数值 | 计量单位: two header rows read as one', () => {
    const rows = (top: string[]) => [
      ['项目名称', '河道保洁管护'],
      ['年度资金总额（万元）', '36.50'],
      top,
      ['', '', '', '运算符', '数值', '计量单位', ''],
      ['产出指标', '数量指标', '保洁河道长度', '≥', '42', '公里', '10'],
      ['', '质量指标', '验收合格率', '大于等于', '98', '%', '10'],
    ];
    const expected = [
      ['保洁河道长度', '≥42公里', '≥', 42, '公里', 10],
      // the operator as its cell writes it (issue 74)
      ['验收合格率', '大于等于98%', '≥', 98, '%', 10],
    ];
    const read = (doc: Awaited<ReturnType<typeof parseText>>) => doc.projects.map((p) => p.indicators.map((i) => [i.name, i.target.raw, i.target.operator, i.target.value, i.target.unit, i.weight]));

    it.each([
      ['the spanning header one cell (extracted text)', ['一级指标', '二级指标', '三级指标', '指标值', '分值']],
      ['followed by the empty cells it covers', ['一级指标', '二级指标', '三级指标', '指标值', '', '', '分值']],
    ])('%s', async (_how, top) => {
      const doc = await parseText(table('1.河道保洁管护项目绩效目标表', rows(top)));
      expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(read(doc)).toEqual([expected]);
    });

    it('in a web page with rowspan and colspan', async () => {
      const html = `<p>1.河道保洁管护项目绩效目标表</p><table>
<tr><td>项目名称</td><td colspan="6">河道保洁管护</td></tr><tr><td>年度资金总额（万元）</td><td colspan="6">36.50</td></tr>
<tr><td rowspan="2">一级指标</td><td rowspan="2">二级指标</td><td rowspan="2">三级指标</td><td colspan="3">指标值</td><td rowspan="2">分值</td></tr>
<tr><td>运算符</td><td>数值</td><td>计量单位</td></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>保洁河道长度</td><td>≥</td><td>42</td><td>公里</td><td>10</td></tr>
<tr><td>质量指标</td><td>验收合格率</td><td>大于等于</td><td>98</td><td>%</td><td>10</td></tr></table>`;
      const doc = await parseDocumentBytes(Buffer.from(html, 'utf8'), 'found.html');
      expect(read(doc)).toEqual([expected]);
      expect(doc.projects[0]!.indicators[0]!.sources.operator?.ref).toMatch(/列4$/);
    });
  });

  // issue 53: the generator of every structural dimension

  it('其中 rows under a merged 预算总额（元）, and 其中：财政资金 under 年度资金总额（元）, are in 元 as their label says, not 万元', async () => {
    const html = `<p>1.森林防火宣传项目绩效目标表</p><table>
<tr><td>项目名称</td><td colspan="3">森林防火宣传</td></tr>
<tr><td rowspan="3">预算总额（元）</td><td>合计</td><td colspan="2">85794729.75</td></tr>
<tr><td>其中：中央补助资金</td><td colspan="2">38835909.06</td></tr><tr><td>省级补助资金</td><td colspan="2">46958820.69</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr><tr><td>产出指标</td><td>数量指标</td><td>宣传场次</td><td>≥12场</td></tr></table>`;
    const a = (await parseDocumentBytes(Buffer.from(html, 'utf8'), 'found.html')).projects[0]!;
    expect([a.budget.total, a.budgetLines.map((l) => [l.label, l.amount])]).toEqual([8_579_472_975, [['中央补助资金', 3_883_590_906], ['省级补助资金', 4_695_882_069]]]);
    const b = (await parseText(table('1.森林防火宣传项目绩效目标表', [['项目名称', '森林防火宣传'], ['年度资金总额（元）', '1000.00'], ['其中：财政资金', '800.00'], ['其他资金', '200.00'], HEADER, ['产出指标', '数量指标', '宣传场次', '≥12场']]))).projects[0]!;
    expect([b.budget.total, b.budget.fiscal, b.budget.other]).toEqual([100_000, 80_000, 20_000]);
  });

  it('a sub-heading (年度绩效目标表) between a project\'s heading and its table names no project: the heading does', async () => {
    const doc = await parseText(`一、乡村公路日常养护项目绩效目标表\n年度绩效目标表\n${[['预算数（万元）', '74.00'], HEADER, ['产出指标', '数量指标', '日常养护里程', '412公里']].map(textRow).join('\n\n')}\n\n\n\n`);
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.projects.map((p) => [p.name, p.budget.total, p.indicators.length])).toEqual([['乡村公路日常养护项目', 74_000_000, 1]]);
  });

  it('running text: one numbered item beside its category is an indicator; text there that gives none is doubted', async () => {
    const rows = (text: string) => [['项目名称', '社区居家养老服务补贴'], ['预算数（万元）', '12.00'], ['绩效指标', '产出指标', '1.助餐服务人次≥2万人次'], ['', '满意度指标', text]];
    const read = await parseText(table('1.社区居家养老服务补贴项目绩效目标表', rows('1.服务对象满意度≥90%')));
    expect(read.projects[0]!.indicators.map((i) => [i.level1, i.name, i.target.raw])).toEqual([['产出指标', '助餐服务人次', '≥2万人次'], ['满意度指标', '服务对象满意度', '≥90%']]);
    expect(read.projects[0]!.reading!.certain).toBe(true);
    const doubted = await parseText(table('1.社区居家养老服务补贴项目绩效目标表', rows('按季度开展满意度调查')));
    expect(doubted.projects[0]!.reading!.doubts.map((d) => d.code)).toEqual(['indicators-in-text']);
  });

  it('running text by level 2: 成本指标 among 数量指标 and 质量指标 is a level 2, 服务对象满意度指标 a level 2; 长期有效 the target\'s words', async () => {
    const doc = await parseText(table('1.城市道路照明设施维护项目绩效目标表', [['项目名称', '城市道路照明设施维护'], ['预算数（万元）', '12.00'], ['年度绩效指标', '数量指标：路灯维护数量≥300盏。成本指标：单位维护成本≤120元/盏。可持续影响指标：长效管护机制长期有效。服务对象满意度指标：指标1：群众满意度≥90%']]));
    expect(doc.frameworkVersion).toBe('cn-2015');
    expect(doc.projects[0]!.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '路灯维护数量', '≥300盏'],
      ['产出指标', '成本指标', '单位维护成本', '≤120元/盏'],
      ['效益指标', '可持续影响指标', '长效管护机制', '长期有效'],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%'],
    ]);
  });

  it('bare years under 指标值 are decided by the project code\'s year, or by the document\'s title', async () => {
    const rows = (code: string[][]) => [['项目名称', '基层干部教育培训'], ...code, ['预算数（万元）', '42.00'], ['一级指标', '二级指标', '三级指标', '指标值'], ['', '', '', '2025年', '2026年'], ['产出指标', '数量指标', '培训人次', '≥1200人次', '≥1300人次']];
    const read = (doc: Awaited<ReturnType<typeof parseText>>) => doc.projects.map((p) => [p.reading!.certain, p.indicators.map((i) => [i.target.raw, i.extras.map((e) => [e.header, e.role])])]);
    const expected = [[true, [['≥1200人次', [['指标值›2026年', 'laterTarget']]]]]];
    expect(read(await parseText(table('1.基层干部教育培训项目绩效目标表', rows([['项目编码', '43052125P000617000008']]))))).toEqual(expected);
    expect(read(await parseText(`示范县委组织部2025年度项目支出绩效目标\n${table('1.基层干部教育培训项目绩效目标表', rows([]))}`))).toEqual(expected);
  });

  it('a time header as people write it (当年度指标值（必填硬性指标）) is this year\'s target beside the period\'s', async () => {
    const doc = await parseText(table('1.河道保洁管护项目绩效目标表', [['项目名称', '河道保洁管护'], ['预算数（万元）', '36.50'], ['一级指标', '二级指标', '三级指标', '实施周期指标值', '当年度指标值（必填硬性指标）'], ['产出指标', '数量指标', '保洁河道长度', '≥120公里', '≥42公里']]));
    const p = doc.projects[0]!;
    expect([p.indicators.map((i) => i.target.raw), p.longTermIndicators.map((i) => i.target.raw)]).toEqual([['≥42公里'], ['≥120公里']]);
  });

  it('a period\'s target beside a column of values under a name no form uses: the year\'s target is doubted', async () => {
    const doc = await parseText(table('1.河道保洁管护项目绩效目标表', [['项目名称', '河道保洁管护'], ['预算数（万元）', '36.50'], ['一级指标', '二级指标', '三级指标', '中期目标', '考核目标'], ['产出指标', '数量指标', '保洁河道长度', '≥120公里', '≥42公里'], ['', '质量指标', '保洁合格率', '≥95%', '≥95%']]));
    expect(doc.projects[0]!.reading!.doubts.map((d) => d.code)).toEqual(['header-no-target']);
  });

  it('a row short of its merged cells is not joined with the sign-off row under it, nor with the next short row', async () => {
    const header = ['一级指标', '二级指标', '三级指标', '指标值', '分值'];
    const doc = await parseText(
      table('1.妇幼健康服务项目绩效目标表', [['项目名称', '妇幼健康服务'], ['预算数（万元）', '10.00'], header, ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '5'], ['孕产妇满意度', '≥92%', '5'], ['主管部门审核意见', '同意申报。']]),
    );
    const doc2 = await parseText(table('1.妇幼健康服务项目绩效目标表', [['项目名称', '妇幼健康服务'], ['预算数（万元）', '10.00'], header, ['产出指标', '数量指标', '产前筛查人数', '≥1200人', '10'], ['质量指标', '筛查准确率', '≥98%'], ['随访率', '≥95%']]));
    expect(doc.projects[0]!.indicators.map((i) => [i.name, i.target.raw, i.weight])).toEqual([['群众满意度', '≥90%', 5], ['孕产妇满意度', '≥92%', 5]]);
    expect(doc2.projects[0]!.indicators.map((i) => [i.level2, i.name, i.target.raw])).toEqual([['数量指标', '产前筛查人数', '≥1200人'], ['质量指标', '筛查准确率', '≥98%'], ['质量指标', '随访率', '≥95%']]);
  });

  it('short rows placed by what their cells are: 质量 a level 2, a weighted category, a sentence with a number, a weight in points, a 定性 target before its empty unit', async () => {
    const rows = [
      ['项目名称', '食品安全抽检监测'],
      ['预算数（万元）', '20.00'],
      ['一级指标', '二级指标', '三级指标', '比较符', '数值', '计量单位', '分值', '绩效指标说明', '备注'],
      ['产出指标（40分）', '数量', '监测样本数量', '≥', '900', '件', '20分', '监测样本数量达到900件', '抽查台账'],
      ['质量', '抽检达标率', '≥', '95', '%', '20分', '抽检达标率达到95%'],
      ['效益指标 20分', '社会效益', '群众安全感', '', '明显改善', '', '20分', '群众安全感明显改善'],
    ];
    const doc = await parseText(table('1.食品安全抽检监测项目绩效目标表', rows));
    const p = doc.projects[0]!;
    expect(p.reading).toEqual({ certain: true, doubts: [] });
    expect(p.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.weight, i.description])).toEqual([
      ['产出指标', '数量指标', '监测样本数量', '≥900件', 20, '监测样本数量达到900件'],
      ['产出指标', '质量指标', '抽检达标率', '≥95%', 20, '抽检达标率达到95%'],
      ['效益指标', '社会效益指标', '群众安全感', '明显改善', 20, '群众安全感明显改善'],
    ]);
    // the 定性 row's empty unit left out at its end: its words are the target's, not a unit
    const qualitative = await parseText(
      table('1.食品安全抽检监测项目绩效目标表', [['项目名称', '食品安全抽检监测'], ['预算数（万元）', '20.00'], ['一级指标', '二级指标', '三级指标', '数值', '计量单位'], ['产出指标', '数量指标', '监测样本数量', '900', '件'], ['效益指标', '社会效益指标', '群众安全感', '明显改善']]),
    );
    expect(qualitative.projects[0]!.indicators.map((i) => [i.name, i.target.raw, i.target.kind])).toEqual([['监测样本数量', '900件', 'quantitative'], ['群众安全感', '明显改善', 'qualitative']]);
  });

  it('a workbook: a notice over the tables is text, not a table; a date row under them gives the year, inferred; a unit\'s title without a year names no project', async () => {
    const { renderDocument } = await import('../support/layout-gen/render');
    const cells = (rows: string[][]) => rows.map((r) => r.map((text) => ({ text })));
    const form = cells([['项目名称', '残疾人康复救助', '', ''], ['预算数（万元）', '12.00', '', ''], ['一级指标', '二级指标', '三级指标', '指标值'], ['产出指标', '数量指标', '康复人数', '≥100人']]);
    const bytes = await renderDocument(
      {
        blocks: [
          { paragraph: '示范县残疾人联合会项目支出绩效目标' },
          { paragraph: '按照预算公开有关要求，现将本部门项目支出绩效目标予以公开，接受社会监督。' },
          { paragraph: '1.残疾人康复救助项目绩效目标表' },
          { table: { rows: form, width: 4, kinds: ['form', 'form', 'header', 'indicator'], header: null } },
          { paragraph: '2025年1月20日' },
        ],
      },
      'xlsx',
    );
    const doc = await parseDocumentBytes(bytes, 'found.xlsx');
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.projects.map((p) => [p.name, p.budget.total, p.indicators.length])).toEqual([['残疾人康复救助', 12_000_000, 1]]);
    expect([doc.year, doc.yearInferred]).toEqual([2025, true]);
  });

  it('a row short of its merged cells under 上年实际值 | 本年目标值: last year\'s value goes to its column, not into the name', async () => {
    const doc = await parseText(
      table('1.农村饮水安全巩固提升项目绩效目标表', [
        ['项目名称', '农村饮水安全巩固提升'],
        ['预算数（万元）', '48.00'],
        ['一级指标', '二级指标', '三级指标', '上年实际值', '本年目标值'],
        ['产出指标', '数量指标', '维修供水管网长度', '35公里', '≥40公里'],
        ['质量指标', '水质达标率', '96%', '≥98%'],
      ]),
    );
    const p = doc.projects[0]!;
    expect(p.reading).toEqual({ certain: true, doubts: [] });
    expect(p.indicators.map((i) => [i.level2, i.name, i.target.raw, i.extras.map((e) => [e.text, e.role])])).toEqual([
      ['数量指标', '维修供水管网长度', '≥40公里', [['35公里', 'priorActual']]],
      ['质量指标', '水质达标率', '≥98%', [['96%', 'priorActual']]],
    ]);
  });

  it('a header whose target column has a name no form uses, over 定性 targets: doubted, though no cell holds a number', async () => {
    const doc = await parseText(
      table('1.义务教育学校设备购置项目绩效目标表', [
        ['项目名称', '义务教育学校设备购置'],
        ['预算数（万元）', '65.00'],
        ['一级指标', '二级指标', '三级指标', '考核目标', '定量/定性'],
        ['成本指标', '社会成本指标', '对周边群众生活的影响', '有效提升', '定性'],
        ['产出指标', '质量指标', '工程质量', '显著提高', '定性'],
      ]),
    );
    expect(doc.projects[0]!.reading!.doubts.map((d) => d.code)).toEqual(['header-no-target']);
  });

  it('a short row whose name and target are the other way round, read one column off: a category where the name goes is doubted', async () => {
    // the level 2 left empty (产出 | 数量 | ＝1.00台 | …), and the level 1 (产出 | 等于1000.00元/公里 | …)
    const level2 = await parseText(
      table('1.农田水利设施维修项目绩效目标表', [
        ['项目名称', '农田水利设施维修'],
        ['预算数（万元）', '47.00'],
        ['一级', '二级 指标类型', '具体 指标', '中期目标', '年度目标', '考核方式'],
        ['产出', '数量', '＝1.00台', '＝3.00台', '设备购置数量'],
        ['', '质量', '验收合格率', '＝90%', '＝90%', '抽查台账'],
      ]),
    );
    // as written in order, its name and target swapped (short-row-ambiguous); as placed, a category where the name goes
    expect(level2.projects[0]!.reading!.doubts.map((d) => d.code)).toEqual(['short-row-ambiguous', 'name-is-category']);
    const level1 = await parseText(
      table('1.农田水利设施维修项目绩效目标表', [
        ['项目名称', '农田水利设施维修'],
        ['预算数（元）', '470000.00'],
        ['指标 大类', '具体 指标名称', '2024年实际', '预期2025年', '指标内涵', '备注'],
        ['产出', '等于1000.00元/公里', '1000.00元/公里', '单位养护成本', '单位养护成本达到1000.00元/公里'],
        ['', '设备单价', '1.00万元', '1.00万元以下', '设备单价达到1.00万元', '按实际完成情况评价'],
      ]),
    );
    expect(level1.projects[0]!.reading!.doubts.map((d) => d.code)).toContain('name-is-category');
  });

  it('a short row whose name would be a description (服务对象满意度达到85.00% beside 85.00%): doubted', async () => {
    const doc = await parseText(
      table('1.设备购置项目绩效目标表', [
        ['项目名称', '设备购置'],
        ['预算数（万元）', '10.00'],
        ['一级 指标名称', '二级 指标类型', '指标内容', '绩效指标描述', '考核方式', '指标值'],
        ['', '', '', '', '', '指标性质', '数值'],
        ['满意度（权重6%）', '服务对象满意度（权重9%）', '群众满意度', '群众满意度达到80%', '抽查台账', '小于', '80%'],
        ['服务对象满意度', '服务对象满意度达到85.00%', '按实际完成情况评价', '大于', '85.00%'],
      ]),
    );
    expect(doc.projects[0]!.reading!.doubts.map((d) => d.code)).toEqual(['short-row-ambiguous']);
    // the target split into its number and unit (≥85.00 | %)
    const split = await parseText(
      table('1.设备购置项目绩效目标表', [
        ['项目名称', '设备购置'],
        ['预算数（万元）', '10.00'],
        ['一级指标分类', '二级', '指标项目', '描述', '绩效标准值', '度量单位名称'],
        ['满意度指标', '服务对象满意度指标', '群众满意度', '群众满意度达到80%', '≥80', '%'],
        ['服务对象满意度', '服务对象满意度达到85.00%', '≥85.00', '%'],
      ]),
    );
    expect(split.projects[0]!.reading!.doubts.map((d) => d.code)).toEqual(['short-row-ambiguous']);
  });

  it('a row whose name and target are swapped, short of its blank last cell, its categories in their columns: doubted, not read one column off', async () => {
    // #1381 (seed 1816171371): its level 2 would be read as the name and the level 2 carried from the row above
    const level2 = await parseText(
      table('1.社区居家养老服务补贴项目绩效目标表', [
        ['项目名称', '社区居家养老服务补贴'],
        ['年度申请预算资金（元）', '10000.00'],
        ['*指标 类型', '*指标小类', '指标内容', '上年实际值', '本年目标值（必填硬性指标）', '指标 分值', '考核方式'],
        ['效果指标 10分', '经济效益', '当地经济发展', '基本完成', '有效提升', '1'],
        ['效果指标 10分', '经济效益', '大于等于5.00万元', '5.00万元', '带动农户增收', '1'],
      ]),
    );
    expect(level2.projects[0]!.reading!.doubts.map((d) => d.code)).toEqual(['short-row-ambiguous']);
    // #6279: its level 1 would be read as the name and the level 1 carried from the row above
    const level1 = await parseText(
      table('1.社区居家养老服务补贴项目支出绩效目标表', [
        ['*预算项目名称', '社区居家养老服务补贴'],
        ['*本年预算数', '1.00万'],
        ['一级指标类型', '具体指标', '绩效目标值', '绩效指标说明', '备注'],
        ['产出', '服务内容覆盖面', '有效提升', '服务内容覆盖面有效提升'],
        ['产出', '大于等于50', '补贴发放人数（人）', '补贴发放人数达到50人'],
      ]),
    );
    expect(level1.projects[0]!.reading!.doubts.map((d) => d.code)).toEqual(['short-row-ambiguous']);
    // a value where the name goes beside a description with its number: a row with its name left blank, read right
    const blankName = await parseText(
      table('1.社区居家养老服务补贴项目支出绩效目标表', [
        ['项目名称', '社区居家养老服务补贴'],
        ['预算数（万元）', '1.00'],
        ['一级指标', '二级指标', '三级指标', '指标值', '指标说明'],
        ['产出指标', '数量指标', '服务人数', '≥85人', '服务人数达到85人'],
        ['产出指标', '质量指标', '≥90%', '服务合格率达到90%'],
      ]),
    );
    const p = blankName.projects[0]!;
    expect(p.reading).toEqual({ certain: true, doubts: [] });
    expect(p.indicators.map((i) => [i.level2, i.name, i.target.raw, i.description])).toEqual([
      ['数量指标', '服务人数', '≥85人', '服务人数达到85人'],
      ['质量指标', '', '≥90%', '服务合格率达到90%'],
    ]);
  });

  it('满意度 in a short row under 一级指标分类, after the row\'s other cells, is its level 1, not the 考核方式 after it', async () => {
    const doc = await parseText(
      table('1.食品安全抽检监测项目绩效目标表', [
        ['项目名称', '食品安全抽检监测'],
        ['预算数（万元）', '20.00'],
        ['二级指标', '绩效指标名称', '指标目标值', '满分', '指标描述', '一级指标分类', '考核方式'],
        ['数量', '监测样本数量', '≥900件', '25', '监测样本数量达到900件', '产出', '抽查台账'],
        ['社会效益', '带动就业人数', '≥5人', '14', '带动就业人数达到5人', '效益'],
        ['服务对象满意度', '服务对象满意度', '≥85.00%', '16', '服务对象满意度达到85.00%', '满意度'],
      ]),
    );
    expect(doc.frameworkVersion).toBe('cn-2015');
    expect(doc.projects[0]!.indicators.map((i) => [i.level1, i.level2, i.name, i.extras.map((e) => e.text)])).toEqual([
      ['产出指标', '数量指标', '监测样本数量', ['抽查台账']],
      ['效益指标', '社会效益指标', '带动就业人数', ['']],
      ['满意度指标', '服务对象满意度指标', '服务对象满意度', ['']],
    ]);
  });
});
