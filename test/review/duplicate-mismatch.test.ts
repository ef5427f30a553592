/**
 * duplicate and mismatch rules on the real documents (every finding below was read and judged by
 * hand: the lists are exact, so a new false positive fails here) and on small edge cases built
 * from the clean example document.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { DEFAULT_REVIEW_CONFIG } from '../../src/shared/review/config';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument } from '../../src/shared/review/examples';
import { DUPLICATE_RULES } from '../../src/shared/review/rules/duplicate';
import { MISMATCH_RULES, totalAmounts } from '../../src/shared/review/rules/mismatch';
import { readMeasure } from '../../src/shared/review/readings';
import type { ExamplePatch, Finding } from '../../src/shared/review/types';
import { parseFixtures, type FixtureKey } from '../support/fixtures';

const OURS = [...DUPLICATE_RULES, ...MISMATCH_RULES];
const config = DEFAULT_REVIEW_CONFIG;

/** Findings of the duplicate and mismatch rules only. */
const review = (doc: ParsedDocument): Finding[] => reviewDocument(doc, { rules: OURS });
const reviewPatch = (patch: ExamplePatch) => review(buildExampleDocument(patch));
const fs3 = () => review(docs.f003);
const brief = (fs: Finding[]) => fs.map((f) => [f.rule, f.projectIndex, f.indicatorIndex]);

let docs = {} as Record<FixtureKey, ParsedDocument>;
beforeAll(async () => {
  docs = await parseFixtures();
});

describe('duplicate and mismatch on the fixtures', () => {
  it('000: the count "两新组织党建活动次数" described as an amount, and nothing else', () => {
    const fs = review(docs.f000);
    // and 招商引资专项业务费's only cost row, “成本控制 ≤10万元”, the 10.00万元 budget restated (issue 73)
    expect(brief(fs)).toEqual([
      ['mismatch.description-vs-value', 3, 1],
      ['duplicate.cost-restates-budget', 4, 3],
    ]);
    const [f] = fs;
    expect(f).toMatchObject({ severity: 'warning', criterion: '相关性', field: 'description', project: '路南区两新组织党建工作' });
    expect(f!.message).toContain('组织开展活动金额');
    expect(f!.message).toContain('≥1次');
    expect(f!.source?.line).toBe(351);
    // 城市社区工作者薪酬经费: rates stated as 占…之比 with 100%, 市级补贴资金数额 1262.16万元 — all consistent.
    expect(fs.filter((x) => x.projectIndex === 1)).toEqual([]);
  });

  it('001: two 满意度 rows that measure something else, and a rate described as 发放金额', () => {
    const fs = review(docs.f001);
    // and twelve tables whose only cost row is “项目总成本”/“项目成本”/“投入资金” = the budget (issue 73: each read, each right)
    expect(brief(fs)).toEqual([
      ['mismatch.satisfaction-off-topic', 0, 5],
      ['duplicate.cost-restates-budget', 1, 3],
      ['duplicate.cost-restates-budget', 2, 3],
      ['duplicate.cost-restates-budget', 4, 3],
      ['duplicate.cost-restates-budget', 5, 3],
      ['duplicate.cost-restates-budget', 6, 3],
      ['duplicate.cost-restates-budget', 7, 3],
      ['duplicate.cost-restates-budget', 9, 0],
      ['mismatch.description-vs-value', 11, 2],
      ['duplicate.cost-restates-budget', 11, 3],
      ['mismatch.satisfaction-off-topic', 12, 5],
      ['duplicate.cost-restates-budget', 14, 3],
      ['duplicate.cost-restates-budget', 15, 3],
      ['duplicate.cost-restates-budget', 17, 3],
      ['duplicate.cost-restates-budget', 18, 3],
    ]);
    const mismatch = fs.filter((f) => f.rule.startsWith('mismatch.'));
    expect(mismatch[0]!.message).toContain('到村任职选调生服务年限');
    expect(mismatch[0]).toMatchObject({ severity: 'error', field: 'indicatorName', source: { line: 93 } });
    expect(mismatch[2]!.message).toContain('对考核工作的总体评价');
    expect(mismatch[1]!.message).toContain('发放金额');
    // "干部培训满意度测评 / 参训学员对培训整体评价" names satisfaction: not off topic.
    expect(fs.filter((f) => f.projectIndex === 7 && f.rule.startsWith('mismatch.'))).toEqual([]);
    // "按程序审签及时支付率 / 为驻村工作队员发放工作补贴 / ≥95%": 补贴 names the subject, not an amount.
    expect(fs.filter((f) => (f.projectIndex === 14 || f.projectIndex === 15) && f.rule.startsWith('mismatch.'))).toEqual([]);
  });

  it('002: a cost whose description is a ratio (实际支出占预算数的比重, ≤10万元/个)', () => {
    const fs = review(docs.f002);
    expect(brief(fs)).toEqual([['mismatch.description-vs-value', 0, 3]]);
    expect(fs[0]!.message).toContain('实际支出占预算数的比重');
    expect(fs[0]!.message).toContain('≤10万元/个');
    // "工作人员满意度 ≥95人" is the unit rules' (category 满意度 needs %), not a mismatch.
    expect(fs.filter((f) => f.projectIndex === 3)).toEqual([]);
  });

  describe('003', () => {
    let fs: Finding[];
    beforeAll(() => {
      fs = review(docs.f003);
    });

    it('reports each boilerplate row once, as a document-level finding listing the projects', () => {
      const rows = fs.filter((f) => f.rule === 'duplicate.boilerplate-row');
      expect(rows).toHaveLength(3);
      for (const f of rows) expect(f).toMatchObject({ projectIndex: null, indicatorIndex: null, field: 'indicatorName' });
      const saving = rows.find((f) => f.message.includes('节约经费，认真完成工作'))!;
      expect(saving.severity).toBe('warning');
      expect(saving.message).toContain('36个项目中的20个');
      expect(saving.message).toContain('表3、4、6、8');
      const satisfaction = rows.filter((f) => f.message.includes('服务对象满意度'));
      expect(satisfaction.map((f) => f.severity)).toEqual(['info', 'info']);
      expect(satisfaction.map((f) => /中的(\d+)个/.exec(f.message)![1])).toEqual(['11', '21']);
    });

    it('finds the counts described as rates (工资发放人数 / 完成率 / ≥100)', () => {
      const rows = fs.filter((f) => f.rule === 'mismatch.name-vs-description');
      expect(rows.map((f) => f.projectIndex)).toEqual([0, 1, 6, 8, 10, 11, 14, 21, 25, 28]);
      expect(rows.map((f) => f.indicatorIndex)).toEqual(Array(10).fill(0));
      expect(rows[0]!.message).toBe('指标名称“工资发放人数”表示数量，描述“完成率”却表示比率，两者不是同一个量（指标值“≥100”）');
      // "人大各项费用支出 / 完成率": 费用支出 names the subject; "社区创城覆盖率 / 社区创城覆盖完成率" agree.
      expect(rows.some((f) => f.projectIndex === 16 || f.projectIndex === 3)).toBe(false);
    });

    it('compares part one "5.房屋租赁费 … 39.50万元/年" with table 5 (52.00万元)', () => {
      const rows = fs.filter((f) => f.rule === 'mismatch.part-one-amount');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ projectIndex: 4, project: '房屋租赁', field: 'departmentGoals', source: { line: 23 }, severity: 'warning' });
      expect(rows[0]!.message).toContain('39.50万元/年');
      expect(rows[0]!.message).toContain('52.00万元');
    });

    it('finds the 满意度 row "新时代文明实践所站运行率", and nothing else', () => {
      expect(brief(fs.filter((f) => f.rule === 'mismatch.satisfaction-off-topic'))).toEqual([['mismatch.satisfaction-off-topic', 28, 2]]);
      expect(fs.filter((f) => f.rule !== 'duplicate.template-table' && f.rule !== 'duplicate.same-table-other-budget')).toHaveLength(3 + 10 + 1 + 1);
    });

    it('finds the five salary tables that are the same for budgets from 2.28 to 126.20 万元, once', () => {
      const same = fs3().filter((f) => f.rule === 'duplicate.same-table-other-budget');
      expect(same.map((f) => [f.projectIndex, f.message])).toEqual([
        [
          null,
          '表1、9、15、22、26的5个项目指标表除成本指标外完全相同，预算却从2.28万元到126.20万元（相差55倍）：“残疾人专职委员队伍建设”（2.28万元）、“计生专干工资”（35.70万元）、“劳动协理员工资”（15.96万元）、“社区工作者薪酬”（126.20万元）、“网格员工资”（98.15万元）',
        ],
      ]);
      // 001's 村级组织办公经费 / 运转经费 / 服务群众专项经费 share a table for 54 to 270 万元: five times, under ten
      for (const key of ['f000', 'f001', 'f002'] as const) expect(review(docs[key]).some((f) => f.rule === 'duplicate.same-table-other-budget')).toBe(false);
    });

    it('finds the copied template tables, once per project, and none in 000, 001, 002', () => {
      const tables = fs3().filter((f) => f.rule === 'duplicate.template-table');
      // 30 of 36 tables: their rows (工资发放人数/完成率, 节约经费，认真完成工作/完成率, 服务对象满意度) recur in 5 or more
      // projects with the same value; the six others have at least two rows of their own.
      expect(tables).toHaveLength(30);
      expect(new Set(tables.map((f) => f.projectIndex)).size).toBe(30);
      expect(tables.every((f) => f.indicatorIndex === null && f.field === 'indicators')).toBe(true);
      for (const key of ['f000', 'f001', 'f002'] as const) expect(review(docs[key]).some((f) => f.rule === 'duplicate.template-table')).toBe(false);
    });
  });

  it('no fixture has a repeated indicator inside a project, a code or deadline of another year', () => {
    for (const doc of Object.values(docs)) {
      const rules = new Set(review(doc).map((f) => f.rule));
      expect(rules.has('duplicate.indicator-in-project')).toBe(false);
      expect(rules.has('mismatch.code-year')).toBe(false);
      expect(rules.has('mismatch.deadline-year')).toBe(false);
      expect(rules.has('mismatch.goal-vs-indicator')).toBe(false);
    }
  });
});

describe('readMeasure: what a name or description says its value is', () => {
  it.each([
    ['资金拨付及时率', 'name', 'percent'],
    ['实际补贴对象人数占应保人数之比', 'name', 'percent'],
    ['离任村干部生活补贴人数', 'name', 'count'],
    ['市级补贴资金数额', 'name', 'money'],
    ['成本支出情况', 'name', 'money'],
    ['引进企业到位资金', 'name', 'money'],
    ['为驻村工作队员发放工作补贴', 'name', 'money'],
    ['为驻村工作队员发放工作补贴', 'description', null],
    ['反映经费发放完成情况', 'description', null],
    ['组织开展活动金额', 'description', 'money'],
    ['反映年度遗留问题问题解决数量（件）', 'description', 'count'],
    ['考核经费使用情况', 'name', null],
    ['监督检查频率', 'name', null],
    ['满意率达到95%以上', 'description', null],
  ] as const)('%s (%s) → %s', (text, mode, measure) => {
    expect(readMeasure(text, mode, config)?.measure ?? null).toBe(measure);
  });
});

describe('mismatch.name-vs-value', () => {
  it('is an error when only the name says rate, a warning when the description agrees with the value', () => {
    const rate = reviewPatch({ indicators: [{ at: 0, name: '工资发放完成率', description: '按时发放工资', target: '≥4次' }] });
    expect(brief(rate)).toEqual([['mismatch.name-vs-value', 0, 0]]);
    expect(rate[0]!.severity).toBe('error');
    expect(rate[0]!.message).toBe('指标“工资发放完成率”的名称表示比率（“率”），指标值“≥4次”却是计数');
    const described = reviewPatch({ indicators: [{ at: 1, name: '补助资金', description: '补助资金到位率', target: '100%' }] });
    expect(brief(described)).toEqual([['mismatch.name-vs-value', 0, 1]]);
    expect(described[0]!.severity).toBe('warning');
  });

  it('leaves what the category already requires to the unit rules', () => {
    // 满意度 must be %, 成本 money, 质量 a rate (config.level2Units): the unit rules report these.
    expect(reviewPatch({ indicators: [{ at: 1, name: '工资发放完成率', target: '≥4次' }] })).toEqual([]);
    expect(reviewPatch({ indicators: [{ at: 5, name: '工作人员满意率', target: '≥95人' }] })).toEqual([]);
    expect(reviewPatch({ indicators: [{ at: 3, name: '项目总成本', description: '项目总成本', target: '≤100%' }] })).toEqual([]);
  });

  it('reads a rate against time and measures, a count against money', () => {
    expect(brief(reviewPatch({ indicators: [{ at: 0, name: '验收合格率', description: '', target: '≤30天' }] }))).toEqual([['mismatch.name-vs-value', 0, 0]]);
    expect(brief(reviewPatch({ indicators: [{ at: 4, name: '受益群众人数', description: '', target: '≥5万元' }] }))).toEqual([['mismatch.name-vs-value', 0, 4]]);
    // A count with a measure is fine (购买防汛物资数量 ≥80吨); so is a frequency in times.
    expect(reviewPatch({ indicators: [{ at: 0, name: '购买防汛物资数量', description: '', target: '≥80吨' }] })).toEqual([]);
    expect(reviewPatch({ indicators: [{ at: 0, name: '入户走访频率', description: '', target: '≥4次/年' }] })).toEqual([]);
  });
});

describe('mismatch.description-vs-value and name-vs-description', () => {
  it('does not report a description twice when the name already contradicts the value', () => {
    const fs = reviewPatch({ indicators: [{ at: 0, name: '工资发放完成率', description: '工资发放金额', target: '≥4次' }] });
    expect(fs.map((f) => f.rule)).toEqual(['mismatch.name-vs-value']);
  });

  it('compares name and description only when the value has no unit family', () => {
    expect(reviewPatch({ indicators: [{ at: 0, name: '工资发放人数', description: '完成率', target: '≥100人' }] }).map((f) => f.rule)).toEqual([
      'mismatch.description-vs-value',
    ]);
    expect(reviewPatch({ indicators: [{ at: 0, name: '工资发放人数', description: '完成率', target: '≥100' }] }).map((f) => f.rule)).toEqual([
      'mismatch.name-vs-description',
    ]);
    expect(reviewPatch({ indicators: [{ at: 0, name: '工资发放人数', description: '完成率', target: '全部发放' }] }).map((f) => f.rule)).toEqual([
      'mismatch.name-vs-description',
    ]);
    expect(reviewPatch({ indicators: [{ at: 0, name: '工资发放人数', description: '完成率', target: '' }] })).toEqual([]);
  });
});

describe('mismatch.satisfaction-off-topic', () => {
  it('accepts satisfaction in either cell, and 认可度', () => {
    expect(reviewPatch({ indicators: [{ at: 5, name: '干部培训测评', description: '参训学员满意的比例' }] })).toEqual([]);
    expect(reviewPatch({ indicators: [{ at: 5, name: '社会认可度', description: '' }] })).toEqual([]);
    expect(brief(reviewPatch({ indicators: [{ at: 5, name: '服务年限', description: '' }] }))).toEqual([['mismatch.satisfaction-off-topic', 0, 5]]);
  });
});

describe('mismatch.part-one-amount', () => {
  const rent = (text: string, total = '52.00'): ExamplePatch => ({
    project: { name: '房屋租赁', total, fiscal: total, plan: ['25%', '50%', '75%', '100%'], goals: ['办公场所支付租金'] },
    departmentGoals: { subGoals: [{ title: '房屋租赁费', text }] },
  });

  it('matches a sub-goal to its project despite the 费 suffix and compares a yearly amount', () => {
    const fs = reviewPatch(rent('由于无办公用房共计需租赁费39.50万元/年（含税金）。'));
    expect(brief(fs)).toEqual([['mismatch.part-one-amount', 0, null]]);
    expect(fs[0]!.message).toBe(
      '第一部分分项目标“1.房屋租赁费”写明“由于无办公用房共计需租赁费39.50万元/年”，而项目“房屋租赁”（第二部分表1）的预算数为52.00万元',
    );
    expect(fs[0]).toMatchObject({ field: 'departmentGoals', source: { line: 7 } });
    expect(reviewPatch(rent('由于无办公用房共计需租赁费39.50万元/年（含税金）。', '39.50'))).toEqual([]);
  });

  it('skips unit prices, parts, changes and other years; accepts a sum of parts', () => {
    for (const text of [
      '租金标准每平方米每年300元。',
      '按8万元/处租用办公用房。',
      '其中海月居委会租金12万元。',
      '比上年增加租金5万元。',
      '2021年租金45万元。',
      '街道机关租金30万元，居委会租金22万元。',
    ]) {
      expect(reviewPatch(rent(text)), text).toEqual([]);
    }
  });

  it('finds a project named in a sentence of the overall goal', () => {
    const fs = reviewPatch({ departmentGoals: { overall: '完成社区服务各项工作。全年安排社区服务项目资金15万元。' } });
    expect(brief(fs)).toEqual([['mismatch.part-one-amount', 0, null]]);
    expect(fs[0]!.message).toContain('总体绩效目标');
    expect(fs[0]!.source).toEqual({ line: 5 });
  });

  it('reads amounts in 元, 万元 and 亿元 exactly', () => {
    expect(totalAmounts('共需经费39.5万元，另需12345.67元，共0.1亿元', config, 2025).map((a) => a.fen)).toEqual([39_500_000, 1_234_567, 1_000_000_000]);
  });
});

describe('mismatch.goal-vs-indicator', () => {
  it('stays silent when the goal number is about something else than the only indicator with its unit', () => {
    expect(reviewPatch({ project: { goals: ['为辖区54个村提供便民服务'] }, indicators: [{ at: 0, target: '≥12个' }] })).toEqual([]);
  });

  it('stays silent on the last item of a list and where the goals state the indicator’s own number elsewhere', () => {
    const venues = { name: '免费开放场馆数量', description: '全年免费开放的公共文化场馆', target: '14个' };
    expect(reviewPatch({ project: { goals: ['保障区图书馆、文化馆和12个乡镇综合文化站全年免费开放'] }, indicators: [{ at: 0, ...venues }] })).toEqual([]);
    expect(reviewPatch({ project: { goals: ['保障12个乡镇综合文化站和区文化馆全年免费开放'] }, indicators: [{ at: 0, ...venues }] }).map((f) => f.rule)).toEqual(['mismatch.goal-vs-indicator']);
    const people = { name: '特困人员集中供养人数', description: '集中供养的特困人员', target: '≥920人' };
    expect(reviewPatch({ project: { goals: ['为920名特困人员提供救助供养', '县级机构集中供养能力达到300人'] }, indicators: [{ at: 0, ...people }] })).toEqual([]);
  });

  it('reads an item after another one, a duration and an item number as a person does (judged wrong in the draw of seed 41)', () => {
    const windows = { name: '标准化改造经办窗口数量', description: '完成标准化改造的经办窗口', target: '=8个' };
    // the hall and 7 windows are the 8; "5个工作日" is a time limit, not a count of windows
    expect(reviewPatch({ project: { goals: ['完成县医保服务大厅和7个乡镇医保经办窗口标准化改造，医保业务办理时限压缩到5个工作日'] }, indicators: [{ at: 0, ...windows }] })).toEqual([]);
    expect(reviewPatch({ project: { goals: ['完成7个乡镇医保经办窗口标准化改造'] }, indicators: [{ at: 0, ...windows }] }).map((f) => f.rule)).toEqual(['mismatch.goal-vs-indicator']);
    const stations = { name: '运行监测站点数量', description: '全年运行的疫源疫病监测站点', target: '9个' };
    expect(reviewPatch({ project: { goals: ['1.9个监测站点全年开展野生动物疫源疫病监测巡查'] }, indicators: [{ at: 0, ...stations }] })).toEqual([]);
    const found = reviewPatch({ project: { goals: ['1.8个监测站点全年开展野生动物疫源疫病监测巡查'] }, indicators: [{ at: 0, ...stations }] });
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining('写的是8个')]);
  });

  it('stays silent on a frequency in the goal and on an indicator per head of population', () => {
    // 3 sites monitored once a month: 36 a year
    const monitoring = { name: '水质监测次数', description: '全年水源地水质监测次数', target: '≥36次' };
    expect(reviewPatch({ project: { goals: ['每月开展1次水源地水质监测，水质达标率100%'] }, indicators: [{ at: 0, ...monitoring }] })).toEqual([]);
    expect(reviewPatch({ project: { goals: ['全年开展水源地水质监测30次'] }, indicators: [{ at: 0, ...monitoring }] }).map((f) => f.rule)).toEqual(['mismatch.goal-vs-indicator']);
    const perHead = { name: '每万人口高价值发明专利拥有量', description: '全市每万人口拥有的高价值发明专利', target: '≥22件' };
    expect(reviewPatch({ project: { goals: ['资助高价值发明专利授权420件'] }, indicators: [{ at: 0, ...perHead }] }).map((f) => f.rule)).not.toContain('mismatch.goal-vs-indicator');
    expect(
      reviewPatch({ project: { goals: ['资助高价值发明专利授权420件'] }, indicators: [{ at: 0, ...perHead, name: '资助高价值发明专利件数', description: '资助的高价值发明专利' }] }).map((f) => f.rule),
    ).toContain('mismatch.goal-vs-indicator');
  });
});

describe('mismatch.description-vs-value', () => {
  it('stays silent on a description that defines a quotient, and fires on one that names another measure', () => {
    const row = (description: string) => reviewPatch({ indicators: [{ at: 3, name: '每支藏戏队年均扶持金额', description, target: '≤5万元/支' }] }).filter((f) => f.rule === 'mismatch.description-vs-value');
    expect(row('扶持资金除以藏戏队数量')).toEqual([]);
    expect(row('全年扶持的藏戏队数量')).toHaveLength(1);
  });
});

describe('a target left as the form’s bracketed hint', () => {
  it('is template text, not a rate that is not a rate', () => {
    const all = (patch: ExamplePatch) => reviewDocument(buildExampleDocument(patch)).filter((f) => f.projectIndex === 0 && f.indicatorIndex === 1);
    const fs = all({ indicators: [{ at: 1, name: '补贴发放准确率', target: '（填写量化指标值）' }] });
    expect(fs.map((f) => f.rule)).toContain('missing.template-text');
    expect(fs.map((f) => f.rule)).not.toContain('mismatch.rate-value-not-rate');
    // a bracketed note after a real target is not the hint
    expect(all({ indicators: [{ at: 1, name: '补贴发放准确率', target: '100%（填写时以审核结果为准）' }] }).map((f) => f.rule)).not.toContain('missing.template-text');
  });
});

describe('mismatch.code-year and deadline-year', () => {
  it('say nothing without a code year or a document year', () => {
    expect(reviewPatch({ project: { code: 'XM-2024-01' } })).toEqual([]);
    const doc = buildExampleDocument({ project: { code: '13020224P000000000001' }, indicators: [{ at: 2, target: '2024年12月底前' }] });
    expect(review({ ...doc, year: null })).toEqual([]);
    expect(review(doc).map((f) => f.rule)).toEqual(['mismatch.code-year', 'mismatch.deadline-year']);
  });
});

describe('duplicate.indicator-in-project', () => {
  it('reports an identical row once, at its second occurrence', () => {
    const fs = reviewPatch({
      indicators: [{ level1: '产出指标', level2: '数量指标', name: '开展活动场次', description: '全年开展社区服务活动的场次', target: '≥12场', basis: '计划标准' }],
    });
    expect(brief(fs)).toEqual([['duplicate.indicator-in-project', 0, 6]]);
    expect(fs[0]!.message).toBe('指标“开展活动场次”在本项目中重复出现2次（第1个、第7个指标），名称、描述和指标值完全相同');
  });

  it('says when the same name carries different values', () => {
    const fs = reviewPatch({ indicators: [{ level1: '产出指标', level2: '数量指标', name: ' 开展活动场次 ', target: '≥10场' }] });
    expect(fs[0]!.message).toContain('指标值不同（“≥12场”、“≥10场”）');
  });

  it('never quotes two equal values as different: the same value with other descriptions names the descriptions', () => {
    const fs = reviewPatch({ indicators: [{ level1: '产出指标', level2: '数量指标', name: '开展活动场次', description: '全年开展入户走访活动的场次', target: '≥12场' }] });
    expect(fs[0]!.message).toBe(
      '指标“开展活动场次”在本项目中出现2次（第1个、第7个指标），指标值相同（“≥12场”），描述不同（“全年开展社区服务活动的场次”、“全年开展入户走访活动的场次”）',
    );
    expect(fs[0]!.message).not.toMatch(/“([^”]*)”、“\1”/);
  });
});

describe('duplicate.boilerplate-row', () => {
  it('reports each pasted row once for the document, satisfaction rows as info', () => {
    const fs = reviewPatch({ copies: 5 }).filter((f) => f.rule !== 'duplicate.template-table');
    expect(fs).toHaveLength(6);
    expect(fs.every((f) => f.rule === 'duplicate.boilerplate-row' && f.projectIndex === null)).toBe(true);
    expect(fs.map((f) => f.severity)).toEqual(['warning', 'warning', 'warning', 'warning', 'warning', 'info']);
    expect(fs[0]!.message).toContain('原样出现在6个项目中的6个：表1、2、3、4、5、6（“社区服务项目”、“社区服务项目2”、“社区服务项目3”等）');
  });

  it('needs the share of projects too, not only their number', () => {
    const doc = buildExampleDocument({ copies: 19 });
    // Row 1 is made project-specific in 15 of the 20 projects: 5 of 20 (25%) is below 30%.
    doc.projects.forEach((p, i) => {
      if (i >= 5) p.indicators[0]!.name = `开展活动场次${i}`;
    });
    const fs = review(doc).filter((f) => f.rule !== 'duplicate.template-table');
    expect(fs).toHaveLength(5);
    expect(fs.some((f) => f.message.includes('“开展活动场次”'))).toBe(false);
  });
});

describe('duplicate.template-table', () => {
  it('reports each project whose table is copied rows, once, naming the rows', () => {
    const fs = reviewPatch({ copies: 5 }).filter((f) => f.rule === 'duplicate.template-table');
    expect(fs.map((f) => f.projectIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(fs[0]!.message).toContain('6行指标中有6行是本部门多个项目（最多6个）原样重复的模板行');
  });

  it('stays silent when a project has enough rows of its own', () => {
    const doc = buildExampleDocument({ copies: 5 });
    // project 1 rewrites three of its six rows: 3 copied rows of 6 is under two thirds
    for (const i of [0, 1, 2]) doc.projects[1]!.indicators[i]!.name = `本项目指标${i}`;
    const fs = review(doc).filter((f) => f.rule === 'duplicate.template-table');
    expect(fs.map((f) => f.projectIndex)).toEqual([0, 2, 3, 4, 5]);
  });
});

describe('robustness', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('完成率', '人数', '金额', '≥4次', '100%', '≤10万元', '39.5万元/年', '每人每月2000元', '其中5万元', '2024年12月底前', '满意度', ''),
  );
  it('never throws, and every finding quotes something and suggests a fix', () => {
    fc.assert(
      fc.property(cell, cell, cell, cell, fc.integer({ min: 0, max: 5 }), (name, description, target, text, copies) => {
        const fs = reviewPatch({
          indicators: [{ at: 0, name, description, target }, { level1: '满意度指标', level2: '服务对象满意度指标', name, description, target }],
          departmentGoals: { overall: text, subGoals: [{ title: '社区服务项目', text }] },
          project: { goals: [`${text}${target}`] },
          copies,
        });
        for (const f of fs) {
          expect(f.message).not.toBe('');
          expect(f.suggestion).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });
});
