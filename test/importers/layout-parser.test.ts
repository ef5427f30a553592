/**
 * The parser on block streams with grid columns, as the readers of Word, web pages, PDF and
 * sheets give them: label/value pairs over a merged grid, money of the year and of the project,
 * goals side by side, extra indicator columns, long-term and annual groups, department targets,
 * a cover and a narrative. The readers' own tests and the documents of test/documents/layouts
 * cover the formats; these pin the parser's mechanics whatever the reader.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Cell, ParagraphBlock, RowBlock } from '../../src/server/importers/blocks';
import { parseDocument } from '../../src/server/importers/document-parser';
import { toDocumentJson } from '../../src/shared/domain/document-json';

/** Builds rows on a grid: a string is a cell of one column, [text, span] a merged one, null the continuation of the cell above. */
function grid() {
  let line = 0;
  let table = 0;
  const row = (...cells: (string | [string, number] | null)[]): RowBlock => {
    let col = 0;
    const out: Cell[] = [];
    for (const c of cells) {
      if (c === null) {
        out.push({ lines: [''], sources: [{ line: ++line }], mergedFromAbove: true, col, span: 1 });
        col++;
        continue;
      }
      const [text, span] = typeof c === 'string' ? [c, 1] : c;
      const lines = text.split('\n');
      out.push({ lines, sources: lines.map(() => ({ line: ++line, ref: `表${table + 1} 列${col + 1}` })), col, span });
      col += span;
    }
    return { kind: 'row', cells: out, source: out[0]!.sources[0]!, table };
  };
  const para = (text: string): ParagraphBlock => ({ kind: 'paragraph', text, source: { line: ++line } });
  const nextTable = () => {
    table++;
  };
  return { row, para, nextTable };
}

function parse(blocks: Block[]) {
  return parseDocument({ file: 'test', format: 'html', encoding: 'utf-8', sha256: 'x', read: { blocks, diagnostics: [] } });
}

const codes = (doc: ReturnType<typeof parse>) => doc.diagnostics.map((d) => d.code);

describe('a municipal 申报表 on an eight-column grid', () => {
  const { row } = grid();
  const doc = parse([
    row(['财政项目支出绩效目标申报表', 8]),
    row(['（2025年度）', 8]),
    row('项目名称', ['老旧小区综合整治工程', 3], '项目编码', ['', 3]),
    row('主管部门', ['[203001]示范区民政局', 3], '实施单位', ['示范区社区服务中心', 3]),
    row('项目性质', ['延续性项目', 3], '项目类别', ['其他运转类', 3]),
    row('计划开始日期', ['2025-01-01', 3], '计划完成日期', ['2025-12-31', 3]),
    row('项目资金（元）', '项目资金总额', '12,345,600.00', '其中：财政资金', '10,000,000.00', '其他资金', ['2,345,600.00', 2]),
    row(null, '年度资金申请总额', '5,000,000.00', '其中：当年财政拨款', '4,000,000.00', '上年结转资金', '0.00', '其他资金', '1,000,000.00'),
    row(['项目总目标', 4], ['年度总体目标', 4]),
    row(['1.完成全区老旧小区改造。\n2.提升居民居住条件。', 4], ['目标1：完成12个小区改造。\n目标2：居民满意度达到90%。', 4]),
    row('年度绩效指标', '一级指标', '二级指标', ['三级指标', 2], '年度(/项目)指标值', '绩效标准', '备注'),
    row(null, '产出指标', '数量指标', ['改造小区数量', 2], '=12(个)', '计划标准', ''),
    row(null, null, '质量指标', ['工程验收合格率', 2], '=100.00(%)', '行业标准', ''),
    row(null, null, '时效指标', ['', 2], '', '', ''),
    row(null, '效益指标', '社会效益\n指标', ['惠及居民户数', 2], '≥3000户', '', '估算'),
    row(null, '满意度指标', '服务对象满意度', ['居民满意度', 2], '≥90%', '', ''),
    row('财政部门审核意见', ['', 7]),
    row('填表人：张三', ['联系电话：13800000000', 7]),
  ]);
  const json = toDocumentJson(doc);
  const p = json.projects[0]!;

  it('reads the year from the year row, the department with its code in brackets', () => {
    expect(json.year).toBe(2025);
    expect(json.department).toEqual({ code: '203001', name: '示范区民政局' });
    expect(json.projects).toHaveLength(1);
    expect(p.title).toBe('财政项目支出绩效目标申报表');
    expect(p.name).toBe('老旧小区综合整治工程');
  });

  it('holds this year\'s money and the whole project\'s, in 元 with thousands separators', () => {
    expect(p.budget).toEqual({ total: 5_000_000, fiscal: 4_000_000, other: 1_000_000, lines: [{ label: '上年结转资金', amount: 0 }] });
    expect(p.projectBudget).toEqual({ total: 12_345_600, fiscal: 10_000_000, other: 2_345_600, lines: [] });
    expect(doc.projects[0]!.amountUnit).toBe('元');
  });

  it('keeps the form\'s other fields, the implementer among them', () => {
    expect(p.fields.map((f) => [f.key, f.label, f.value])).toEqual([
      ['implementer', '实施单位', '示范区社区服务中心'],
      ['nature', '项目性质', '延续性项目'],
      ['category', '项目类别', '其他运转类'],
      ['startDate', '计划开始日期', '2025-01-01'],
      ['endDate', '计划完成日期', '2025-12-31'],
    ]);
  });

  it('reads 项目总目标 beside 年度总体目标 from the row under them', () => {
    expect(p.longTermGoals).toEqual(['完成全区老旧小区改造。', '提升居民居住条件。']);
    expect(p.goals).toEqual(['完成12个小区改造。', '居民满意度达到90%。']);
  });

  it('reads the indicators under 年度(/项目)指标值, keeps the extra columns, skips category and signature rows', () => {
    expect(p.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.target.value, i.target.unit])).toEqual([
      ['产出指标', '数量指标', '改造小区数量', '=12(个)', 12, '个'],
      ['产出指标', '质量指标', '工程验收合格率', '=100.00(%)', 100, '%'],
      ['效益指标', '社会效益指标', '惠及居民户数', '≥3000户', 3000, '户'],
      ['满意度指标', '服务对象满意度指标', '居民满意度', '≥90%', 90, '%'],
    ]);
    expect(p.indicators[0]!.extras.map((e) => [e.header, e.text])).toEqual([
      ['绩效标准', '计划标准'],
      ['备注', ''],
    ]);
    expect(p.indicators[2]!.extras.map((e) => e.text)).toEqual(['', '估算']);
    // the filled 绩效标准 column is the basis of the form that has no basis column (issue 30); blank stays blank
    expect(p.indicators.map((i) => i.basis)).toEqual(p.indicators.map((i) => i.extras[0]!.text || null));
    expect(p.indicators[0]!.basis).toBe('计划标准');
    expect(codes(doc)).toEqual(expect.arrayContaining(['extra-columns', 'category-row', 'form-signature', 'blank-project-code', 'missing-spending-plan']));
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(JSON.stringify(json)).not.toContain('13800000000');
    expect(JSON.stringify(json)).not.toContain('张三');
  });
});

describe('header fields of other forms', () => {
  it('reads 项目支出名称, 年度本级预算金额120万, 项目支出实施期, a caption that is not a department', () => {
    const { row, para } = grid();
    const doc = parse([
      para('2024年项目支出绩效目标申报表'),
      para('填报单位（盖章）：            金额单位：万元'),
      row('项目支出名称', '社区养老服务站运营补贴', '预算部门', '示范区民政局'),
      row('年度本级预算金额120万', '', '项目支出实施期', '2024.03-2024.11'),
      row('绩效目标', ['为辖区老年人提供助餐、日间照料服务。', 3]),
      row('一级指标', '二级指标', '指标内容', '目标值'),
      row('产出指标', '数量指标', '服务站点数量', '6台'),
    ]);
    const p = toDocumentJson(doc).projects[0]!;
    expect(doc.year).toBe(2024);
    expect(doc.department).toMatchObject({ code: null, name: '示范区民政局' });
    expect(p.name).toBe('社区养老服务站运营补贴');
    expect(p.budget.total).toBe(1_200_000);
    expect(p.fields.map((f) => [f.key, f.value])).toEqual([['period', '2024.03-2024.11']]);
    expect(p.indicators[0]!.target).toMatchObject({ operator: '=', value: 6, unit: '台' });
  });

  it('reads "资金情况(万元)" with the year\'s total and its parts in one cell', () => {
    const { row } = grid();
    const doc = parse([
      row(['项目绩效目标表（2021年度)', 4]),
      row('项目名称', '村级道路养护', '项目主管部门', '某县交通运输局'),
      row('资金情况(万元)', ['年度资金总额:35 其中:区级资金20 上级资金15', 3]),
      row('项目起止时间', ['202101-202112', 3]),
      row('年度绩效目标', ['养护农村道路', 3]),
      row('一级指标', '二级指标', '三级指标', '指标值'),
      row('产出指标', '数量指标', '养护里程', '≥50M'),
    ]);
    const p = toDocumentJson(doc).projects[0]!;
    expect(doc.year).toBe(2021);
    expect(doc.department?.name).toBe('某县交通运输局');
    // no 财政资金 field: the levels of government's lines are the fiscal money, the lines kept (issue 30)
    expect(p.budget).toEqual({ total: 350_000, fiscal: 350_000, other: null, lines: [{ label: '区级资金', amount: 200_000 }, { label: '上级资金', amount: 150_000 }] });
    expect(p.form?.fields.fiscal).toBe('区级资金、上级资金');
    expect(doc.diagnostics.find((d) => d.code === 'fiscal-from-lines')?.severity).toBe('info');
    expect(p.indicators[0]!.target).toMatchObject({ operator: '≥', value: 50, unit: '米' });
  });
});

describe('indicator tables', () => {
  it('two parallel groups give a row\'s long-term and annual parts to two lists; a blank part gives none', () => {
    const { row } = grid();
    const doc = parse([
      row(['项目支出绩效目标表', 7]),
      row('项目名称', ['乡村振兴示范村建设', 6]),
      row('预算数', ['300', 6]),
      row('绩效目标', ['建成示范村3个', 6]),
      row('一级指标', '二级指标(长期)', '三级指标(长期)', '指标值(长期)', '二级指标(年度)', '三级指标(年度)', '指标值(年度)'),
      row('产出指标', '数量指标', '建成示范村数量', '≥10个', '数量指标', '本年建成示范村数量', '3个'),
      row(null, '', '', '', '质量指标', '验收合格率', '100%'),
      row('效益指标', '社会效益指标', '带动就业人数', '≥500人', '', '', ''),
    ]);
    const p = doc.projects[0]!;
    expect(p.longTermIndicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '建成示范村数量', '≥10个'],
      ['效益指标', '社会效益指标', '带动就业人数', '≥500人'],
    ]);
    expect(p.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '本年建成示范村数量', '3个'],
      ['产出指标', '质量指标', '验收合格率', '100%'],
    ]);
  });

  it('a lost merged 一级指标 is inferred from level 2 and reported; the 2021 framework is chosen by 成本指标 at level 1', () => {
    const { row } = grid();
    const doc = parse([
      row(['项目支出绩效目标表', 5]),
      row('项目名称', ['污水管网改造', 4]),
      row('预算数', ['80', 4]),
      row('绩效目标', ['完成管网改造', 4]),
      row('一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'),
      row('', '经济成本指标', '改造成本', '≤80万元', '预算'),
      row('产出指标', '数量指标', '改造管网长度', '≥5公里', '计划'),
      row('成本指标', '生态环境成本指标', '施工扬尘投诉', '≤2次', '历史'),
    ]);
    expect(doc.frameworkVersion).toBe('cn-2021');
    expect(doc.projects[0]!.indicators.map((i) => [i.level1, i.level2])).toEqual([
      ['成本指标', '经济成本指标'],
      ['产出指标', '数量指标'],
      ['成本指标', '生态环境成本指标'],
    ]);
    expect(codes(doc)).toEqual(expect.arrayContaining(['framework-detected', 'level1-inferred']));
  });
  it('goals a row each under their header (总体目标 | 年度目标) are all the goals, not only the first (西安 气象局, issue 68)', () => {
    const { row } = grid();
    const doc = parse([
      row(['项目支出绩效目标表', 4]),
      row('项目名称', ['气象服务', 3]),
      row('预算数', ['120', 3]),
      row('总体目标', ['年度目标', 3]),
      row(null, ['目标1：完成气象灾害监测数据收集。', 3]),
      row(null, ['目标2：提高预警发布系统的运行能力。', 3]),
      row(null, ['目标3：完成年度防雷执法监管事项。', 3]),
      row('一级指标', '二级指标', '三级指标', '指标值'),
      row('产出指标', '数量指标', '预警信息发布', '≥3万条'),
    ]);
    expect(doc.projects[0]!.goals).toEqual(['完成气象灾害监测数据收集。', '提高预警发布系统的运行能力。', '完成年度防雷执法监管事项。']);
    expect(codes(doc)).not.toContain('unrecognized-row');
  });

  it("a 一级 label in a box of its own beside a 二级 cell merged down past it keeps that 二级 (西安 气象局, issue 68)", () => {
    const { row } = grid();
    const doc = parse([
      row(['项目支出绩效目标表', 4]),
      row('项目名称', ['气象服务', 3]),
      row('预算数', ['120', 3]),
      row('一级指标', '二级指标', '三级指标', '指标值'),
      row('产出指标', '数量指标', '预警信息发布', '≥3万条'),
      row('', '社会效益指标', '发挥人影作业作用', '效果明显'),
      row('效益指标', null, '发挥防灾减灾作用', '意识增强'),
      row('', null, '城市安全运行', '影响降低'),
      row('', '生态效益指标', '增加水源涵养', '效果明显'),
    ]);
    expect(doc.projects[0]!.indicators.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['产出指标', '数量指标', '预警信息发布'],
      ['效益指标', '社会效益指标', '发挥人影作业作用'],
      ['效益指标', '社会效益指标', '发挥防灾减灾作用'],
      ['效益指标', '社会效益指标', '城市安全运行'],
      ['效益指标', '生态效益指标', '增加水源涵养'],
    ]);
    expect(codes(doc)).not.toContain('missing-level2');
  });
});

describe('a department\'s whole-budget targets', () => {
  it('is the department\'s targets for the year, not a project', () => {
    const { row, para } = grid();
    const doc = parse([
      para('2025年度部门整体支出绩效目标表'),
      row('部门（单位）名称', ['示范区民政局', 2], '部门预算编码', '417001'),
      row(['年度预算安排（万元）', 1], '资金总额', '项目支出', ['基本支出', 2]),
      row(null, '3560', '1200', ['2360', 2]),
      row('年度总体目标', ['目标1：保障困难群众基本生活。\n目标2：提升养老服务水平。', 4]),
      row('年度履职目标', '部门职能', '年度目标任务', '支出项目名称', '预算金额'),
      row(null, '社会救助', '低保、特困供养', '城乡低保资金', '800'),
      row(null, null, '临时救助', '临时救助资金', '60'),
      row('一级指标', '二级指标', '三级指标', '指标解释', '目标值'),
      row('产出指标', '数量指标', '低保救助人数', '全年享受低保的人数', '≥3000人'),
    ]);
    const t = toDocumentJson(doc).departmentTargets!;
    expect(doc.projects).toEqual([]);
    expect(doc.year).toBe(2025);
    // 部门预算编码 is the unit's code: the department's, as its name cell gives none.
    expect(doc.department).toMatchObject({ code: '417001', name: '示范区民政局' });
    expect(t.budgetCode).toBe('417001');
    expect(t.budget).toEqual({ total: 35_600_000, project: 12_000_000, basic: 23_600_000 });
    expect(t.goals).toEqual(['保障困难群众基本生活。', '提升养老服务水平。']);
    expect(t.duties.map((d) => [d.function, d.task, d.projects, d.amount])).toEqual([
      ['社会救助', '低保、特困供养', '城乡低保资金', 8_000_000],
      ['社会救助', '临时救助', '临时救助资金', 600_000],
    ]);
    // 指标解释 is the description column under another name (issue 37's column roles)
    expect(t.indicators.map((i) => [i.name, i.target.raw, i.description, i.extras.length])).toEqual([['低保救助人数', '≥3000人', '全年享受低保的人数', 0]]);
  });
});

describe('a single project\'s 申报书 with a cover and a narrative', () => {
  it('takes the department from the cover, keeps the narrative by section, and a pointer is no project name', () => {
    const { row, para, nextTable } = grid();
    nextTable();
    const doc = parse([
      para('2025年度项目支出预算申报书'),
      para('项目名称：城区公共厕所提升改造'),
      para('预算主管部门：某市城市管理局'),
      para('申报日期：2024年10月'),
      para('项目经费情况说明'),
      para('一、项目概述'),
      para('城区现有公共厕所86座，其中32座设施老化。'),
      para('二、立项依据'),
      para('《某市城市公共厕所建设管理办法》。'),
      para('七、绩效目标'),
      para('详见项目绩效目标表'),
      para('项目绩效目标表'),
      row('项目名称', ['城区公共厕所提升改造', 3]),
      row('预算数', ['96', 3]),
      row('绩效目标', ['完成32座公厕改造', 3]),
      row('一级指标', '二级指标', '三级指标', '指标值'),
      row('产出指标', '数量指标', '改造公厕数量', '32座'),
    ]);
    expect(doc.department).toMatchObject({ code: null, name: '某市城市管理局' });
    expect(doc.year).toBe(2025);
    expect(doc.projects).toHaveLength(1);
    expect(doc.projects[0]!.name).toBe('城区公共厕所提升改造');
    expect(doc.projects[0]!.narrative.map((s) => [s.title, s.text])).toEqual([
      ['项目概述', '城区现有公共厕所86座，其中32座设施老化。'],
      ['立项依据', '《某市城市公共厕所建设管理办法》。'],
      ['绩效目标', '详见项目绩效目标表'],
    ]);
  });
});
