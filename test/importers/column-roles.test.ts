/**
 * Indicator columns read by their role (issue 37): headers matched by name and common variants in
 * any order and subset, a target split over operator | value | unit joined as a person reads it,
 * weights in category cells and per indicator, the category from level 2, a form without a level-2
 * column. Small documents of invented departments in the text format (tab cells) and as web pages,
 * read field by field; then every operator word and symbol through parse, store and display.
 */
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/server/db/document.repository';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { toDocumentJson } from '../../src/shared/domain/document-json';
import type { Indicator, ParsedDocument, TargetOperator } from '../../src/shared/domain/model';
import { indicatorTableRows } from '../../src/shared/domain/official-table';
import { joinTargetParts } from '../../src/shared/domain/split-target';
import { INDICATOR_COLUMN_HEADERS, namesCategoryColumn, readIndicatorHeader, readQualifier, readWeight, splitCategoryWeight } from '../../src/shared/layout/indicator-columns';
import { useTestDatabase } from '../db/helpers';
import { textDocument, textTable } from '../support/text-document';

const parseText = (text: string) => parseDocumentBytes(Buffer.from(text, 'utf8'), 'roles.txt');
const parseHtml = (html: string) => parseDocumentBytes(Buffer.from(html, 'utf8'), 'roles.html');
const codes = (doc: ParsedDocument) => doc.diagnostics.map((d) => d.code);
const errors = (doc: ParsedDocument) => doc.diagnostics.filter((d) => d.severity === 'error');
const targetOf = (i: Indicator) => [i.target.raw, i.target.kind, i.target.operator, i.target.value, i.target.unit];

describe('header cells matched to roles', () => {
  it.each([
    ['一级指标', 'level1'],
    ['指标类型', 'level1'],
    ['指标分类', 'level1'],
    ['二级指标', 'level2'],
    ['指标名称', 'name'],
    ['三级指标', 'name'],
    ['绩效指标名称', 'name'],
    ['指标值', 'target'],
    ['目标值', 'target'],
    ['年度指标值', 'target'],
    ['指标目标值', 'target'],
    ['运算符', 'operator'],
    ['指标方向', 'operator'],
    ['数值', 'value'],
    ['计量单位', 'unit'],
    ['度量单位', 'unit'],
    ['单位', 'unit'],
    ['指标性质', 'nature'],
    ['分值', 'weight'],
    ['权重（%）', 'weight'],
    ['指标分值', 'weight'],
    ['指标值确定依据', 'basis'],
    ['指标描述', 'description'],
    ['考核方式', null],
    ['评（记）分标准', null],
  ])('%s → %s', (header, field) => {
    expect(readIndicatorHeader(header).field).toBe(field);
  });

  it('every category header may name a category column (isIndicatorHeaderRow reads only such cells for one)', () => {
    const categories = INDICATOR_COLUMN_HEADERS.filter((c) => c.field === 'level1' || c.field === 'level2').flatMap((c) => c.headers);
    expect(categories.filter((h) => !namesCategoryColumn(h))).toEqual([]);
  });

  it('reads operator and nature cells, weights, and weights in category cells', () => {
    expect(readQualifier('大于等于')).toEqual({ operator: '≥', nature: null });
    expect(readQualifier('＝')).toEqual({ operator: '=', nature: null });
    expect(readQualifier('定性')).toEqual({ operator: null, nature: '定性' });
    expect(readQualifier('正向指标')).toEqual({ operator: null, nature: '正向' });
    expect(readQualifier('区间')).toBeNull();
    expect([readWeight('10'), readWeight('12.5分'), readWeight('20%'), readWeight('十分')]).toEqual([10, 12.5, 20, null]);
    expect(splitCategoryWeight('产出指标(50分)')).toEqual({ category: '产出指标', weight: 50 });
    expect(splitCategoryWeight('效益指标（30分）')).toEqual({ category: '效益指标', weight: 30 });
    expect(splitCategoryWeight('满意度指标（权重10%）')).toEqual({ category: '满意度指标', weight: 10 });
    expect(splitCategoryWeight('产出指标 40分')).toEqual({ category: '产出指标', weight: 40 });
    expect(splitCategoryWeight('数量指标(1)')).toEqual({ category: '数量指标(1)', weight: null });
    expect(splitCategoryWeight('社会效益指标')).toEqual({ category: '社会效益指标', weight: null });
  });

  it('joins operator | value | unit, keeps a 定性 text, never turns a stated operator into "="', () => {
    expect(joinTargetParts({ operator: '≥', value: '98', unit: '%', qualitative: false }).target).toMatchObject({ raw: '≥98%', kind: 'quantitative', operator: '≥', value: 98, unit: '%' });
    expect(joinTargetParts({ operator: null, value: '12', unit: '个', qualitative: false }).target).toMatchObject({ raw: '12个', operator: '=', value: 12, unit: '个' });
    expect(joinTargetParts({ operator: '≤', value: '200', unit: '元/人/月', qualitative: false }).target).toMatchObject({ raw: '≤200元/人/月', operator: '≤', unit: '元/人/月' });
    // a unit the grammar does not know (ASCII) is still the unit the document gives
    expect(joinTargetParts({ operator: '≥', value: '100', unit: 'Mbps', qualitative: false }).target).toMatchObject({ raw: '≥100Mbps', kind: 'quantitative', operator: '≥', value: 100, unit: 'Mbps' });
    const qualitative = joinTargetParts({ operator: null, value: '有效提升', unit: '', qualitative: true });
    expect(qualitative).toMatchObject({ target: { raw: '有效提升', kind: 'qualitative', operator: null }, conflict: null });
    expect(joinTargetParts({ operator: null, value: '提升10%', unit: '', qualitative: true }).target).toMatchObject({ raw: '提升10%', kind: 'qualitative', operator: null, value: null });
    const conflict = joinTargetParts({ operator: '≤', value: '≥95%', unit: '%', qualitative: false });
    expect(conflict.target).toMatchObject({ raw: '≥95%', operator: '≥' });
    expect(conflict.operatorUsed).toBe(false);
    expect(conflict.unitUsed).toBe(true);
    expect(conflict.conflict).toContain('不一致');
  });
});

/** A department's single-project table as 一体化 systems print it: 指标性质 holds the operator or 定性. */
const SPLIT_TABLE = textDocument([
  textTable({
    title: '[bookmark: _Toc_1]1.社区居家养老服务补贴项目绩效目标表',
    header: ['417001示范县民政局', '单位：万元'],
    codeName: ['项目编码', '13082725P00000000017', '项目名称', '社区居家养老服务补贴'],
    budget: ['预算规模及资金用途', '预算数', '86.40', '其中：财政资金', '86.40', '其他资金', ''],
    purpose: ['', '用于全县社区居家养老服务补贴发放。'],
    goals: [['绩效目标', ['1.为1200名老年人发放居家养老服务补贴', '2.老年人生活质量有效提升']]],
    indicatorHeader: ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '分值', '指标值确定依据', '考核方式'],
    indicators: [
      ['产出指标（50分）', '数量指标(20分)', '补贴发放人数', '大于等于', '1200', '人', '10', '计划标准', '抽查花名册'],
      ['', '', '助餐服务人次', '≥', '3.5', '万人次', '10', '计划标准', ''],
      ['', '质量指标', '补贴发放准确率', '＝', '100', '%', '10', '行业标准', ''],
      ['', '时效指标', '补贴发放及时率', '不低于', '95', '%', '10', '', ''],
      ['', '社会效益指标', '老年人生活质量', '定性', '有效提升', '', '10', '', '回访'],
      ['效益指标（30分）', '可持续影响指标', '服务机制运行年限', '大于', '3', '年', '20', '历史标准', ''],
      ['满意度指标（20分）', '服务对象满意度指标', '老年人满意度', '不少于', '90', '%', '十分', '问卷调查', ''],
    ],
  }),
]);

describe('a table with its target split over 指标性质 | 指标值 | 度量单位 (text)', () => {
  it('reads every indicator field by field', async () => {
    const doc = await parseText(SPLIT_TABLE);
    expect(errors(doc)).toEqual([]);
    const p = doc.projects[0]!;
    expect(p.name).toBe('社区居家养老服务补贴');
    expect(p.indicators.map((i) => [i.level1, i.level2, i.name, ...targetOf(i)])).toEqual([
      // the operator as its cell writes it (issue 74: 大于等于 | 98 | % is 大于等于98%, as the form prints it)
      ['产出指标', '数量指标', '补贴发放人数', '大于等于1200人', 'quantitative', '≥', 1200, '人'],
      ['产出指标', '数量指标', '助餐服务人次', '≥3.5万人次', 'quantitative', '≥', 3.5, '万人次'],
      ['产出指标', '质量指标', '补贴发放准确率', '＝100%', 'quantitative', '=', 100, '%'],
      ['产出指标', '时效指标', '补贴发放及时率', '不低于95%', 'quantitative', '≥', 95, '%'],
      // 社会效益 stands under 效益指标 although the carried cell says 产出指标
      ['效益指标', '社会效益指标', '老年人生活质量', '有效提升', 'qualitative', null, null, null],
      ['效益指标', '可持续影响指标', '服务机制运行年限', '大于3年', 'quantitative', '>', 3, '年'],
      ['满意度指标', '服务对象满意度指标', '老年人满意度', '不少于90%', 'quantitative', '≥', 90, '%'],
    ]);
    expect(codes(doc)).toContain('level1-inferred');
    expect(p.indicators.map((i) => i.basis)).toEqual(['计划标准', '计划标准', '行业标准', null, null, '历史标准', '问卷调查']);
  });

  it('keeps the weights: the category\'s without its class, the indicator\'s own; an unreadable one as written', async () => {
    const p = (await parseText(SPLIT_TABLE)).projects[0]!;
    expect(p.indicators.map((i) => [i.level1Raw, i.level1Weight, i.level2Raw, i.level2Weight, i.weight])).toEqual([
      ['产出指标', 50, '数量指标', 20, 10],
      ['产出指标', 50, '数量指标', 20, 10],
      ['产出指标', 50, '质量指标', undefined, 10],
      ['产出指标', 50, '时效指标', undefined, 10],
      // the 50 points are 产出指标's: not carried to the class level 2 moved this one to
      ['产出指标', undefined, '社会效益指标', undefined, 10],
      ['效益指标', 30, '可持续影响指标', undefined, 20],
      ['满意度指标', 20, '服务对象满意度指标', undefined, null],
    ]);
    const doc = await parseText(SPLIT_TABLE);
    expect(codes(doc)).toContain('unreadable-weight');
    expect(p.indicators[6]!.extras.map((e) => [e.header, e.text])).toEqual([
      ['考核方式', ''],
      ['分值', '十分'],
    ]);
  });

  it('remembers each part\'s cell: the target\'s is the value cell, the operator\'s and the unit\'s their own', async () => {
    const doc = await parseText(SPLIT_TABLE);
    const [first, , , , qualitative] = doc.projects[0]!.indicators;
    const lines = (i: Indicator) => Object.fromEntries(Object.entries(i.sources).map(([k, s]) => [k, s.line]));
    const l = lines(first!);
    expect(Object.keys(l).sort()).toEqual(['basis', 'level1', 'level2', 'name', 'nature', 'target', 'unit', 'weight'].sort());
    // cells in column order: level1, level2, name, 指标性质, 指标值, 度量单位, 分值
    expect([l.level1, l.level2, l.name, l.nature, l.target, l.unit, l.weight]).toEqual([...Array(7).keys()].map((k) => l.level1! + k));
    expect(first!.nature).toBeUndefined();
    expect(qualitative!.nature).toBe('定性');
    expect(qualitative!.extras).toEqual([{ header: '考核方式', text: '回访', source: expect.anything() }]);
  });

  it('names the column with no role in a diagnostic and keeps it on every indicator', async () => {
    const doc = await parseText(SPLIT_TABLE);
    const extra = doc.diagnostics.find((d) => d.code === 'extra-columns')!;
    expect(extra.message).toContain('考核方式');
    expect(extra.message).not.toContain('度量单位');
    expect(doc.projects[0]!.indicators[0]!.extras).toEqual([{ header: '考核方式', text: '抽查花名册', source: expect.anything() }]);
  });

  it('carries weight, nature and the parts\' cells to the JSON of `jixiao parse --json`', async () => {
    const json = toDocumentJson(await parseText(SPLIT_TABLE));
    const [first, , , , qualitative, , last] = json.projects[0]!.indicators;
    expect(first).toMatchObject({ level1: '产出指标', level1Weight: 50, level2Weight: 20, weight: 10, target: { raw: '大于等于1200人', operator: '≥', value: 1200, unit: '人' } });
    expect(Object.keys(first!.cells)).toEqual(expect.arrayContaining(['target', 'unit', 'nature', 'weight']));
    expect(qualitative).toMatchObject({ nature: '定性', target: { kind: 'qualitative', operator: null } });
    expect(qualitative).not.toHaveProperty('level1Weight');
    expect(last).toMatchObject({ weight: null, level1Weight: 20 });
  });

  it('stores and loads them (in the indicator\'s extras JSON)', async () => {
    const db = await useTestDatabase();
    const doc = await parseText(SPLIT_TABLE);
    const { documentId } = await storeDocument(db, doc);
    const loaded = (await loadDocument(db, documentId))!;
    expect(loaded.projects[0]!.indicators).toStrictEqual(doc.projects[0]!.indicators);
    const plain = await parseText(textDocument([textTable()]));
    const stored = await storeDocument(db, { ...plain, file: 'plain.txt', sha256: 'plain' });
    // a table without these columns stores its extras as the plain array it always had
    const rows = await db.selectFrom('indicator').innerJoin('project', 'project.id', 'indicator.projectId').select('indicator.extras').where('project.documentId', '=', stored.documentId).execute();
    expect(rows.every((r) => r.extras.startsWith('['))).toBe(true);
  });
});

/** A county site's page: columns in another order, 运算符 and 计量单位 apart, 权重（%）, a rowspan category with its weight. */
const HTML_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>绩效目标公开</title></head><body>
<p>2.农村公路养护项目绩效目标表</p>
<table border="1">
<tr><td>项目名称</td><td colspan="3">农村公路日常养护</td><td>主管部门</td><td colspan="3">[318002]示范县交通运输局</td></tr>
<tr><td>年度资金总额（万元）</td><td colspan="7">240</td></tr>
<tr><td>年度绩效目标</td><td colspan="7">完成全县农村公路日常养护任务，路况良好。</td></tr>
<tr><th>指标名称</th><th>一级指标</th><th>二级指标</th><th>运算符</th><th>目标值</th><th>计量单位</th><th>权重（%）</th><th>评分标准</th></tr>
<tr><td>养护里程</td><td rowspan="3">产出指标（60分）</td><td>数量指标</td><td>≥</td><td>860</td><td>公里</td><td>30</td><td>按比例扣分</td></tr>
<tr><td>优良路率</td><td>质量指标</td><td>不低于</td><td>85</td><td>%</td><td>20</td><td></td></tr>
<tr><td>养护单位成本</td><td>成本指标</td><td>小于等于</td><td>2800</td><td>元/公里</td><td>10</td><td></td></tr>
<tr><td>群众出行满意度</td><td>满意度指标（40分）</td><td>服务对象满意度指标</td><td>大于等于</td><td>90</td><td>%</td><td>40</td><td></td></tr>
</table></body></html>`;

describe('a web page with the columns in another order', () => {
  it('reads each role wherever its column stands', async () => {
    const doc = await parseHtml(HTML_PAGE);
    expect(errors(doc)).toEqual([]);
    const p = doc.projects[0]!;
    expect(p.name).toBe('农村公路日常养护');
    expect(p.indicators.map((i) => [i.level1, i.level2, i.name, ...targetOf(i), i.weight, i.level1Weight])).toEqual([
      ['产出指标', '数量指标', '养护里程', '≥860公里', 'quantitative', '≥', 860, '公里', 30, 60],
      ['产出指标', '质量指标', '优良路率', '不低于85%', 'quantitative', '≥', 85, '%', 20, 60],
      ['产出指标', '成本指标', '养护单位成本', '小于等于2800元/公里', 'quantitative', '≤', 2800, '元/公里', 10, 60],
      ['满意度指标', '服务对象满意度指标', '群众出行满意度', '大于等于90%', 'quantitative', '≥', 90, '%', 40, 40],
    ]);
    expect(p.indicators[0]!.extras.map((e) => [e.header, e.text])).toEqual([['评分标准', '按比例扣分']]);
    expect(doc.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual(['missing-spending-plan']);
    expect(p.indicators[0]!.sources.target?.ref).toMatch(/列5$/);
    expect(p.indicators[0]!.sources.operator?.ref).toMatch(/列4$/);
    expect(p.indicators[0]!.sources.unit?.ref).toMatch(/列6$/);
  });
});

describe('a form without a level-2 column', () => {
  it('指标类型 | 指标名称 | 指标值 | 指标描述 still gives indicators, level 2 null, no error', async () => {
    const doc = await parseText(
      textDocument([
        textTable({
          title: '[bookmark: _Toc_1]1.基层干部教育培训项目绩效目标表',
          codeName: ['项目编码', '13082725P00000000031', '项目名称', '基层干部教育培训'],
          indicatorHeader: ['指标类型', '指标名称', '指标值', '指标描述'],
          indicators: [
            ['产出指标', '培训人次', '≥500人次', '全年培训基层干部人次'],
            ['', '培训合格率', '≥95%', '结业考核合格人数占比'],
            ['效益指标', '履职能力', '明显提升', '参训干部履职能力提升'],
            ['满意度指标', '学员满意度', '≥90%', '问卷调查满意比例'],
          ],
        }),
      ]),
    );
    expect(errors(doc)).toEqual([]);
    const p = doc.projects[0]!;
    expect(p.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.description])).toEqual([
      ['产出指标', null, '培训人次', '≥500人次', '全年培训基层干部人次'],
      ['产出指标', null, '培训合格率', '≥95%', '结业考核合格人数占比'],
      ['效益指标', null, '履职能力', '明显提升', '参训干部履职能力提升'],
      ['满意度指标', null, '学员满意度', '≥90%', '问卷调查满意比例'],
    ]);
    expect(p.indicators[1]!.level1Inherited).toBe(true);
  });

  it('指标类型 beside 一级指标 is the nature, not a second category', async () => {
    const doc = await parseText(
      textDocument([
        textTable({
          indicatorHeader: ['一级指标', '二级指标', '三级指标', '指标类型', '指标值'],
          indicators: [
            ['产出指标', '数量指标', '活动次数', '定量', '≥2次'],
            ['效益指标', '社会效益指标', '服务水平', '定性', '显著提高'],
          ],
        }),
      ]),
    );
    const p = doc.projects[0]!;
    expect(p.indicators.map((i) => [i.level1, i.level2, i.nature, i.target.raw, i.target.operator])).toEqual([
      ['产出指标', '数量指标', '定量', '≥2次', '≥'],
      ['效益指标', '社会效益指标', '定性', '显著提高', null],
    ]);
  });

  it('a level-2 name that implies no class keeps the carried cell', async () => {
    const doc = await parseText(
      textDocument([
        textTable({
          indicators: [
            ['效益指标（30分）', '社会效益指标', '服务水平', '提升服务水平', '显著提高', '工作实际'],
            ['', '其他效益', '示范带动', '带动周边社区', '≥3个', '计划标准'],
          ],
        }),
      ]),
    );
    const second = doc.projects[0]!.indicators[1]!;
    expect([second.level1, second.level1Raw, second.level1Weight, second.level1Inherited]).toEqual(['效益指标', '效益指标', 30, true]);
  });
});

/** Every operator word and symbol of issue 37, with the operator it states. */
const OPERATORS: readonly [string, TargetOperator][] = [
  ['大于等于', '≥'],
  ['小于等于', '≤'],
  ['等于', '='],
  ['大于', '>'],
  ['小于', '<'],
  ['≥', '≥'],
  ['≤', '≤'],
  ['＝', '='],
  ['不低于', '≥'],
  ['不高于', '≤'],
  ['不少于', '≥'],
  ['不超过', '≤'],
];

describe('a target whose document states an operator is never stored or shown as "="', () => {
  const split = textDocument([
    textTable({
      indicatorHeader: ['一级指标', '二级指标', '三级指标', '运算符', '指标值', '计量单位', '指标值确定依据'],
      indicators: OPERATORS.map(([word], k) => [k === 0 ? '产出指标' : '', k === 0 ? '数量指标' : '', `拆分指标${k + 1}`, word, String(80 + k), '%', '计划标准']),
    }),
  ]);
  const joined = textDocument([
    textTable({
      indicators: OPERATORS.map(([word], k) => [k === 0 ? '产出指标' : '', k === 0 ? '数量指标' : '', `合写指标${k + 1}`, '说明', `${word}${80 + k}%`, '计划标准']),
    }),
  ]);

  it.each([
    ['split over 运算符 | 指标值 | 计量单位', split],
    ['written in the target cell', joined],
  ])('%s: parsed, in the JSON, stored and loaded, and in the table the web shows', async (_how, text) => {
    const doc = await parseText(text);
    expect(errors(doc)).toEqual([]);
    const indicators = doc.projects[0]!.indicators;
    expect(indicators).toHaveLength(OPERATORS.length);
    const expected = OPERATORS.map(([, op], k) => [op, 80 + k, '%']);
    expect(indicators.map((i) => [i.target.operator, i.target.value, i.target.unit])).toEqual(expected);
    expect(toDocumentJson(doc).projects[0]!.indicators.map((i) => [i.target.operator, i.target.value, i.target.unit])).toEqual(expected);

    const db = await useTestDatabase();
    const { documentId } = await storeDocument(db, doc);
    const loaded = (await loadDocument(db, documentId))!.projects[0]!;
    expect(loaded.indicators.map((i) => [i.target.operator, i.target.value, i.target.unit])).toEqual(expected);

    // The official table the web and the exports show: the target cell states the operator.
    const shown = indicatorTableRows(loaded)
      .slice(1)
      .map((r) => r.cells[4]!.lines.join(''));
    OPERATORS.forEach(([word, op], k) => {
      const cell = shown[k]!;
      if (op === '=') expect(cell).toMatch(/^(=|＝|等于)/);
      else {
        expect(cell.startsWith('=')).toBe(false);
        expect(cell === `${op}${80 + k}%` || cell === `${word}${80 + k}%`).toBe(true);
      }
    });
  });
});
