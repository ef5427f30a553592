/**
 * Issue 68, "Read by what the cells say": a realistic document of our own for each bullet (test/documents/cells,
 * invented departments and numbers, written by hand as web pages), its reading written down before the reader ran,
 * read field by field:
 *
 * - c1: forms that name the levels their own way (产出值, 成效指标, `数量指标(必填硬性指标)`) and a form's own tree
 *   (实施效果指标 / 过程管理指标 over 产出/效益/满意度 and 计划/资金/项目管理): the form's words kept, the national
 *   category where the mapping is sure;
 * - c2: rows of two label/value pairs (`项目预算金额(万元) | 193.8 | 其中：财政资金(万元) | 180.0`): both values;
 * - c3: one cell packing the whole indicator list (`1、产出指标；数量指标；培训人次；年度指标值:≥500人次。2、…`);
 * - c4: a list of projects, one row each (序号 | 项目名称 | 预算金额 | 绩效目标 | 绩效指标);
 * - c5: a grid of a department's projects, each a band of rows under its code, name and amount merged down the band.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { Indicator, ParsedDocument, Project } from '../../src/shared/domain/model';

const DIR = join(__dirname, '..', 'documents', 'cells');
const read = (file: string) => parseDocumentBytes(readFileSync(join(DIR, file)), file);

/** An indicator as [level 1, level 2, name, target as written, number, unit]. */
const row = (i: Indicator) => [i.level1, i.level2, i.name, i.target.raw, i.target.value, i.target.unit];
const rows = (p: Project) => p.indicators.map(row);
/** The form's own words on the category cells: [level 1 as written, level 2 as written]. */
const raws = (p: Project) => p.indicators.map((i) => [i.level1Raw, i.level2Raw]);
const errors = (doc: ParsedDocument) => doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
const wan = (yuan: number) => Math.round(yuan * 10_000 * 100);

/** Every table of the document is read as certain (no doubt) and nothing is an error. */
function certain(doc: ParsedDocument): void {
  for (const p of doc.projects) expect(p.reading, p.name).toEqual({ certain: true, doubts: [] });
  expect(errors(doc)).toEqual([]);
}

describe('a form\'s own names of the levels, its annotations and its own tree', () => {
  it('产出值 is 产出指标, 成效指标 is 效益指标, `数量指标(必填硬性指标)` is 数量指标: the form\'s words kept on each indicator', async () => {
    const doc = await read('c1-form-own-names.html');
    certain(doc);
    expect([doc.department?.name, doc.year]).toEqual(['青禾县农业农村局', 2026]);
    expect(doc.projects.map((p) => p.name)).toEqual(['高标准农田建设管护', '农村人居环境整治']);
    const [a] = doc.projects;
    expect([a!.budget.total, a!.amountUnit]).toEqual([wan(320), '万元']);
    expect(a!.goals).toEqual(['完成全县3.2万亩已建高标准农田的工程设施管护，灌排设施完好率达到95%以上，保障粮食稳产增产。']);
    expect(rows(a!)).toEqual([
      ['产出指标', '数量指标', '管护农田面积', '≥3.2万亩', 3.2, '万亩'],
      ['产出指标', '质量指标', '灌排设施完好率', '≥95%', 95, '%'],
      ['产出指标', '时效指标', '管护资金拨付时间', '2026年10月底前', null, null],
      ['效益指标', '经济效益指标', '亩均粮食增产', '≥40公斤', 40, '公斤'],
      ['效益指标', '社会效益指标', '受益农户数', '≥5600户', 5600, '户'],
      ['满意度指标', '服务对象满意度指标', '受益农户满意度', '≥90%', 90, '%'],
    ]);
    expect(raws(a!)).toEqual([
      ['产出值', '数量指标(必填硬性指标)'],
      ['产出值', '质量指标(必填硬性指标)'],
      ['产出值', '时效指标'],
      ['成效指标', '经济效益指标'],
      ['成效指标', '社会效益指标(必填硬性指标)'],
      ['满意度指标', '服务对象满意度指标'],
    ]);
  });

  it('实施效果指标 over 产出/效益/满意度: the national level 1 from the form\'s level 2; 过程管理指标 over 计划/资金/项目管理: the form\'s words, no national category', async () => {
    const doc = await read('c1-form-own-names.html');
    const b = doc.projects[1]!;
    expect([b.name, b.budget.total]).toEqual(['农村人居环境整治', wan(185.6)]);
    expect(rows(b)).toEqual([
      ['产出指标', null, '改造农村户厕数量', '≥800座', 800, '座'],
      ['产出指标', null, '户厕改造验收合格率', '≥98%', 98, '%'],
      ['效益指标', null, '农村生活垃圾无害化处理率', '≥90%', 90, '%'],
      ['满意度指标', null, '村民满意度', '≥90%', 90, '%'],
      [null, null, '实施方案制定时间', '2026年3月底前', null, null],
      [null, null, '资金支付率', '≥95%', 95, '%'],
      [null, null, '工程验收完成时间', '2026年11月底前', null, null],
    ]);
    expect(raws(b)).toEqual([
      ['实施效果指标', '产出指标'],
      ['实施效果指标', '产出指标'],
      ['实施效果指标', '效益指标'],
      ['实施效果指标', '满意度指标'],
      ['过程管理指标', '计划管理'],
      ['过程管理指标', '资金管理'],
      ['过程管理指标', '项目管理'],
    ]);
  });
});

describe('a form\'s own tree, only where the level-1 cell names a category', () => {
  it('一级指标 | 二级指标 holding 户厕改造 | 产出指标 is no tree: no national category, the cells\' words kept', async () => {
    const html = readFileSync(join(DIR, 'c1-form-own-names.html'), 'utf8').replace('<td rowspan="4">实施效果指标</td>', '<td rowspan="4">户厕改造</td>');
    const doc = await parseDocumentBytes(Buffer.from(html, 'utf8'), 'tree.html');
    const b = doc.projects[1]!;
    expect(b.indicators.slice(0, 3).map((i) => [i.level1, i.level1Raw, i.level2Raw])).toEqual([
      [null, '户厕改造', '产出指标'],
      [null, '户厕改造', '产出指标'],
      [null, '户厕改造', '效益指标'],
    ]);
  });
});

describe('rows of two label/value pairs', () => {
  it('项目名称 | … | 项目编码 | …, 项目预算金额(万元) | 193.8 | 其中：财政资金(万元) | 180.0: every value', async () => {
    const doc = await read('c2-label-pairs.html');
    certain(doc);
    expect(doc.projects).toHaveLength(1);
    const [p] = doc.projects;
    expect([p!.name, p!.code, p!.year]).toEqual(['乡村振兴技能培训', '52263226P000118000021', 2026]);
    expect([p!.budget.total, p!.budget.fiscal, p!.amountUnit]).toEqual([wan(193.8), wan(180), '万元']);
    const field = (key: string) => p!.fields.find((f) => f.key === key)?.value;
    expect([field('implementer'), field('nature'), field('period')]).toEqual(['青禾县就业服务中心', '延续项目', '2026年1月—2026年12月']);
    expect(p!.department?.name ?? field('supervisor')).toBe('青禾县人力资源和社会保障局');
    expect(p!.goals).toEqual(['面向农村劳动力开展电工、焊工、家政服务等职业技能培训不少于1200人次，培训后取证率达到80%以上。']);
    expect(rows(p!)).toEqual([
      ['产出指标', '数量指标', '职业技能培训人次', '≥1200人次', 1200, '人次'],
      ['产出指标', '质量指标', '培训后取证率', '≥80%', 80, '%'],
      ['产出指标', '时效指标', '培训补贴发放时间', '2026年12月底前', null, null],
      ['效益指标', '社会效益指标', '培训后转移就业人数', '≥600人', 600, '人'],
      ['满意度指标', '服务对象满意度指标', '参训人员满意度', '≥92%', 92, '%'],
    ]);
  });
});

describe('one cell packing a project\'s whole indicator list', () => {
  it('1、产出指标；数量指标；培训人次；年度指标值:≥500人次。2、… is five indicators', async () => {
    const doc = await read('c3-packed-cell.html');
    certain(doc);
    const [p] = doc.projects;
    expect([p!.name, p!.budget.total, doc.year]).toEqual(['退役军人适应性培训', wan(86.5), 2026]);
    expect(rows(p!)).toEqual([
      ['产出指标', '数量指标', '培训人次', '≥500人次', 500, '人次'],
      ['产出指标', '质量指标', '培训合格率', '≥90%', 90, '%'],
      ['产出指标', '时效指标', '培训完成时间', '2026年11月底前', null, null],
      ['效益指标', '社会效益指标', '培训后就业率', '≥60%', 60, '%'],
      ['满意度指标', '服务对象满意度指标', '参训退役军人满意度', '≥90%', 90, '%'],
    ]);
  });
});

describe('a list of projects, one row each', () => {
  it('序号 | 项目名称 | 预算金额 | 绩效目标 | 绩效指标: three projects, each with its amount in 万元, goal and indicators', async () => {
    const doc = await read('c4-project-rows.html');
    certain(doc);
    expect(doc.department?.name).toBe('青禾县交通运输局');
    // the names and targets are in the 绩效指标 text: the form has them, and the review does not say it lacks them
    for (const p of doc.projects) expect([p.form?.columns.name, p.form?.columns.target]).toEqual(['绩效指标（文字）', '绩效指标（文字）']);
    expect(doc.projects.map((p) => [p.name, p.budget.total, p.amountUnit, p.goals])).toEqual([
      ['农村公路养护', wan(412.3), '万元', ['完成全县农村公路日常养护，优良中等路率保持在85%以上。']],
      ['危桥改造', wan(268), '万元', ['完成4座农村公路危桥改造，消除安全隐患。']],
      ['城乡公交运营补贴', wan(155.75), '万元', ['保障城乡公交线路正常运营，惠及沿线群众出行。']],
    ]);
    expect(doc.projects.map(rows)).toEqual([
      [
        ['产出指标', '数量指标', '养护农村公路里程', '≥1260公里', 1260, '公里'],
        ['产出指标', '质量指标', '优良中等路率', '≥85%', 85, '%'],
        ['效益指标', '社会效益指标', '农村公路列养率', '=100%', 100, '%'],
      ],
      [
        ['产出指标', '数量指标', '改造危桥数量', '=4座', 4, '座'],
        ['产出指标', '时效指标', '完工时间', '2026年10月底前', null, null],
        ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥90%', 90, '%'],
      ],
      [
        ['产出指标', '数量指标', '补贴公交线路数量', '=18条', 18, '条'],
        ['产出指标', '成本指标', '补贴标准', '≤8.65万元/条', 8.65, '万元/条'],
        ['效益指标', '社会效益指标', '建制村通公交率', '=100%', 100, '%'],
      ],
    ]);
  });
});

describe('a list of projects, one row each: its own differences', () => {
  // the level 1 named in each item (产出指标-数量指标：), amounts in 元 by the header, items on new lines, a row cut by a
  // page (its name and 序号 empty: the rest of the goal and of an item), a row whose indicators cell is empty, an item
  // naming no category, a 合计 row
  it('序号 | 项目名称 | 实施单位 | 预算金额（元） | 年度绩效目标 | 绩效指标: four projects, field by field', async () => {
    const doc = await read('c4-project-rows-yuan.html');
    expect(errors(doc)).toEqual(['表“青禾县文化广电旅游局2026年项目支出绩效目标表”项目“乡镇综合文化站设备购置”没有绩效指标']);
    expect([doc.department?.name, doc.year]).toEqual(['青禾县文化广电旅游局', 2026]);
    expect(doc.projects.map((p) => [p.name, p.budget.total, p.amountUnit, p.fields.map((f) => [f.key, f.label, f.value])])).toEqual([
      ['公共文化场馆免费开放', 128_650_000, '元', [['implementer', '实施单位', '青禾县文化馆']]],
      ['非物质文化遗产保护传承', 35_600_000, '元', [['implementer', '实施单位', '青禾县非遗保护中心']]],
      ['乡镇综合文化站设备购置', 48_000_000, '元', [['implementer', '实施单位', '青禾县文化馆']]],
      ['文物安全巡查', 9_560_050, '元', [['implementer', '实施单位', '青禾县文物管理所']]],
    ]);
    expect(doc.projects.map((p) => p.goals)).toEqual([
      ['保障县文化馆、图书馆全年免费开放，开展群众文化活动不少于120场。'],
      ['扶持12名非遗代表性传承人开展传习活动，组织非遗展演不少于8次。'],
      ['为全县8个乡镇综合文化站配备音响、投影等文化活动设备。'],
      ['对全县46处不可移动文物开展定期安全巡查。'],
    ]);
    const [a, b, c, d] = doc.projects;
    expect(a!.reading).toEqual({ certain: true, doubts: [] });
    expect(rows(a!)).toEqual([
      ['产出指标', '数量指标', '开展群众文化活动', '≥120场', 120, '场'],
      ['产出指标', '质量指标', '场馆免费开放率', '=100%', 100, '%'],
      ['效益指标', '社会效益指标', '年接待群众', '≥15万人次', 15, '万人次'],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', 90, '%'],
    ]);
    expect(raws(a!)).toEqual([
      ['产出指标', '数量指标'],
      ['产出指标', '质量指标'],
      ['效益指标', '社会效益指标'],
      ['满意度指标', '服务对象满意度指标'],
    ]);
    // the cut row: the item 展演 | 次数≥8次 joined, the fourth item from the second row (its line)
    expect(b!.reading).toEqual({ certain: true, doubts: [] });
    expect(rows(b!)).toEqual([
      ['产出指标', '数量指标', '扶持非遗传承人数量', '=12人', 12, '人'],
      ['产出指标', '时效指标', '传承补助发放时间', '2026年6月底前', null, null],
      ['效益指标', '社会效益指标', '非遗项目展演次数', '≥8次', 8, '次'],
      ['满意度指标', '服务对象满意度指标', '传承人满意度', '≥95%', 95, '%'],
    ]);
    expect(b!.indicators.map((i) => i.source.line)).toEqual([8, 8, 8, 9]);
    expect([b!.sources.name?.line, b!.sources.total?.line, b!.sources.goals?.line]).toEqual([8, 8, 8]);
    // an empty indicators cell: the project read, doubted
    expect(c!.indicators).toEqual([]);
    expect(c!.reading?.doubts.map((x) => [x.code, x.where.line])).toEqual([['no-indicators', 10]]);
    // an item naming no category: read, no category given it, doubted
    expect(rows(d!)).toEqual([
      ['产出指标', '数量指标', '巡查文物点数量', '≥46处', 46, '处'],
      ['产出指标', '成本指标', '巡查经费', '≤9.56万元', 9.56, '万元'],
      [null, null, '安全责任书签订率', '=100%', 100, '%'],
    ]);
    expect(d!.reading?.doubts.map((x) => [x.code, x.message])).toEqual([['indicators-in-text', '表“青禾县文化广电旅游局2026年项目支出绩效目标表”项目“文物安全巡查”的指标“安全责任书签订率”没有写明指标类别']]);
    expect(doc.diagnostics.some((x) => x.code === 'list-total-row' && x.source.line === 12)).toBe(true);
    expect(doc.diagnostics.filter((x) => x.code.startsWith('list-total-m')).map((x) => x.code)).toEqual(['list-total-matched']);
  });

  it('a 合计 that is not the sum of the projects\' amounts is said with both figures', async () => {
    const html = readFileSync(join(DIR, 'c4-project-rows-yuan.html'), 'utf8').replace('2,218,100.50', '2,218,000.50');
    const doc = await parseDocumentBytes(Buffer.from(html, 'utf8'), 'total.html');
    expect(doc.diagnostics.filter((x) => x.code === 'list-total-mismatch').map((x) => x.message)).toEqual([
      '表“青禾县文化广电旅游局2026年项目支出绩效目标表”的合计“2,218,000.50”与各项目金额之和（221.81 万元）不一致',
    ]);
  });

  it('the same list with its items in one category each, under a section (产出指标：1.…；2.…): the section\'s category carried to its items', async () => {
    const html = readFileSync(join(DIR, 'c4-project-rows.html'), 'utf8').replace(
      '1.数量指标：养护农村公路里程≥1260公里；2.质量指标：优良中等路率≥85%；3.社会效益指标：农村公路列养率=100%。',
      '产出指标：1.养护农村公路里程≥1260公里；2.优良中等路率≥85%。效益指标：3.农村公路列养率=100%。',
    );
    const doc = await parseDocumentBytes(Buffer.from(html, 'utf8'), 'sections.html');
    const [p] = doc.projects;
    expect(p!.reading).toEqual({ certain: true, doubts: [] });
    expect(p!.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', null, '养护农村公路里程', '≥1260公里'],
      ['产出指标', null, '优良中等路率', '≥85%'],
      ['效益指标', null, '农村公路列养率', '=100%'],
    ]);
  });
});

describe('a list of projects, one row each: names and targets by the operator', () => {
  const variant = (from: string, to: string) =>
    parseDocumentBytes(Buffer.from(readFileSync(join(DIR, 'c4-project-rows.html'), 'utf8').replace(from, to), 'utf8'), 'operator.html');

  it('one operator splits name from target whatever the target is (=较满意), two in one item are doubted', async () => {
    const words = await variant('沿线群众满意度≥90%', '沿线群众满意度=较满意');
    expect(words.projects[1]!.indicators.map((i) => [i.name, i.target.raw])[2]).toEqual(['沿线群众满意度', '=较满意']);
    expect(words.projects[1]!.reading?.certain).toBe(true);
    const two = await variant('改造危桥数量=4座', '改造危桥数量=4座，验收合格率=100%');
    expect(two.projects[1]!.reading?.doubts.map((d) => [d.code, d.message])).toEqual([
      ['indicators-in-text', '表“青禾县交通运输局2026年项目支出绩效目标表”项目“危桥改造”中写成文字的指标“改造危桥数量=4座，验收合格率”的名称中有比较符号，可能是几个指标写在一起'],
    ]);
  });
});

describe('a grid of a department\'s projects, one band of rows each', () => {
  it('项目编码 | 项目名称 | 预算金额 merged down each band: three projects, each its own indicators', async () => {
    const doc = await read('c5-band-grid.html');
    certain(doc);
    expect([doc.department?.name, doc.year]).toEqual(['青禾县水利局', 2026]);
    expect(doc.projects.map((p) => [p.code, p.name, p.budget.total, p.amountUnit])).toEqual([
      ['52263226P000215000003', '农村饮水安全巩固提升', wan(236.4), '万元'],
      ['52263226P000215000007', '山洪灾害防治非工程措施运行维护', wan(48), '万元'],
      ['52263226P000215000011', '小型水库除险加固', wan(575.2), '万元'],
    ]);
    expect(doc.projects.map(rows)).toEqual([
      [
        ['产出指标', '数量指标', '新建改造供水管网长度', '≥42公里', 42, '公里'],
        ['产出指标', '质量指标', '农村集中供水水质达标率', '≥95%', 95, '%'],
        ['效益指标', '社会效益指标', '受益人口', '≥2.6万人', 2.6, '万人'],
        ['满意度指标', '服务对象满意度指标', '受益群众满意度', '≥90%', 90, '%'],
      ],
      [
        ['产出指标', '数量指标', '维护自动监测站点', '=36个', 36, '个'],
        ['产出指标', '时效指标', '汛前检修完成时间', '2026年4月底前', null, null],
        ['效益指标', '社会效益指标', '山洪灾害预警信息发布及时率', '=100%', 100, '%'],
      ],
      [
        ['产出指标', '数量指标', '除险加固小型水库数量', '=3座', 3, '座'],
        ['产出指标', '质量指标', '工程验收合格率', '=100%', 100, '%'],
        ['效益指标', '社会效益指标', '保护下游人口', '≥1.1万人', 1.1, '万人'],
      ],
    ]);
  });
});

describe('a name cut by its cell\'s height', () => {
  // The last characters of a name pushed into the next grid row beside the same value, merged down both rows (西安 气象局's
  // 专项业务经费 table, issue 73): one indicator, said; a row of its own with a blank value (其他) stays an indicator.
  it.each(['c6-name-overflow.html', 'c6-name-overflow.browser.pdf'])('%s: “…储备工” and “作” under one merged value are one name', async (file) => {
    const doc = await read(file);
    certain(doc);
    expect(rows(doc.projects[0]!)).toEqual([
      ['产出指标', '数量指标', '巡查河道长度', '≥320公里', 320, '公里'],
      ['产出指标', '数量指标', '做好汛期河道巡查及防汛物资储备工作', '储备编织袋≥5000条', 5000, '条'],
      ['产出指标', '质量指标', '河道保洁达标率', '≥95%', 95, '%'],
      ['产出指标', '质量指标', '其他', '', null, null],
      ['产出指标', '时效指标', '汛前清障完成时间', '2026年5月底前', null, null],
      ['效益指标', '生态效益指标', '河道水质达标率', '≥90%', 90, '%'],
    ]);
    expect(doc.diagnostics.filter((d) => d.code === 'name-overflow').map((d) => d.message)).toEqual([
      '表“青禾县水利局2026年项目支出绩效目标表”的指标名称“做好汛期河道巡查及防汛物资储备工”的末尾“作”排到了下一行（指标值为同一个合并单元格），读作一个指标',
    ]);
  });
});
