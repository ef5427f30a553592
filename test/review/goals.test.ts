/**
 * The goal rules (rules/goals.ts) and the template-text rules' new reach (long-term goals, narratives, part one's
 * measures, the instruction and placeholder patterns): realistic goals that must fire, and near-misses that must not.
 * Each rule's own triggers/passes examples run in rule-examples.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { DEFAULT_REVIEW_CONFIG, type ReviewConfig } from '../../src/shared/review/config';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument } from '../../src/shared/review/examples';
import { templatePhraseOf } from '../../src/shared/review/readings';
import { pairSimilarity, statesNoResult } from '../../src/shared/review/rules/goals';
import type { ExamplePatch, Finding } from '../../src/shared/review/types';
import { parseFixtures, type FixtureKey } from '../support/fixtures';

const config = DEFAULT_REVIEW_CONFIG;

function run(patch: ExamplePatch, rule: string, settings?: ReviewConfig): Finding[] {
  return reviewDocument(buildExampleDocument(patch), settings ? { config: settings } : {}).filter((f) => f.rule === rule);
}

const goals = (...lines: string[]): ExamplePatch => ({ project: { goals: lines } });

describe('duplicate.annual-goal-copies-long-term', () => {
  const RULE = 'duplicate.annual-goal-copies-long-term';
  const both = (longTermGoals: string[], annual: string[]): ExamplePatch => ({ project: { longTermGoals, goals: annual } });

  it('fires on an annual goal that is the long-term goal, with or without years, numbering and punctuation', () => {
    const same = run(both(['1.完成农村公路改造提升，改善群众出行条件'], ['完成农村公路改造提升，改善群众出行条件。']), RULE);
    expect(same).toHaveLength(1);
    expect(same[0]!.message).toContain('相同');
    expect(same[0]!.message).toContain('完成农村公路改造提升');
    expect(same[0]!.severity).toBe('warning');
    expect(run(both(['2024-2026年完成高标准农田建设，提高粮食综合生产能力'], ['2025年完成高标准农田建设，提高粮食综合生产能力']), RULE)).toHaveLength(1);
    expect(run(both(['项目实施期内建成智慧社区平台，实现社区事务线上办理'], ['本年度建成智慧社区平台，实现社区事务线上办理']), RULE)).toHaveLength(1);
  });

  it('fires on a nearly identical annual goal (a few words added), naming the similarity', () => {
    const near = run(
      both(['完善全区养老服务体系，提升居家社区养老服务能力，保障老年人基本养老服务需求'], ['进一步完善全区养老服务体系，提升居家社区养老服务能力，保障老年人基本养老服务需求']),
      RULE,
    );
    expect(near).toHaveLength(1);
    expect(near[0]!.message).toMatch(/基本相同（相似度\d+%）/);
    // the same clauses in another order
    expect(run(both(['提高粮食综合生产能力，完成高标准农田建设'], ['完成高标准农田建设，提高粮食综合生产能力']), RULE)).toHaveLength(1);
  });

  it('stays silent when the year does its own part: other quantities, or other work', () => {
    // the same words with the year's own quantity: an annual share of the long-term goal
    expect(run(both(['三年完成征地600亩，建成道路12公里'], ['完成征地200亩，建成道路4公里']), RULE)).toEqual([]);
    expect(run(both(['建成社区服务中心3个，居民满意度达到90%以上'], ['完成1个社区服务中心主体建设，居民满意度达到90%以上']), RULE)).toEqual([]);
    // the year's phase named: about 0.8 similar, under the threshold (0.85)
    expect(run(both(['完成农村公路改造提升，改善群众出行条件'], ['完成农村公路改造提升第一阶段任务，改善群众出行条件']), RULE)).toEqual([]);
    expect(run(both(['建成智慧社区平台，实现社区事务线上办理'], ['完成智慧社区平台一期建设，实现部分社区事务线上办理']), RULE)).toEqual([]);
    // related but different work
    expect(run(both(['完善全区养老服务体系，提升居家社区养老服务能力'], ['新建社区老年食堂，为辖区老年人提供助餐服务']), RULE)).toEqual([]);
    // no long-term goal: nothing to compare
    expect(run(goals('完成农村公路改造提升，改善群众出行条件'), RULE)).toEqual([]);
    // too short to tell
    expect(run(both(['提升服务'], ['提升服务']), RULE)).toEqual([]);
  });

  it('measures similarity as the Dice coefficient of character pairs', () => {
    expect(pairSimilarity('完成公路改造', '完成公路改造')).toBe(1);
    expect(pairSimilarity('完成公路改造', '新建老年食堂')).toBe(0);
    expect(pairSimilarity('完成公路改造提升', '完成公路改造')).toBeCloseTo((2 * 5) / (7 + 5));
  });
});

describe('vague.goal-without-result', () => {
  const RULE = 'vague.goal-without-result';

  it('reads the goals that only say work goes on', () => {
    for (const g of [
      '保证工作正常开展',
      '确保单位正常运转',
      '保障各项工作顺利进行',
      '推动工作开展',
      '保障社区居委会工作正常开展',
      '确保我区选调生、公务员工作正常开展',
      '保障社区工作正常运转、保障党建工作完成',
      '通过发放经费，保障单位正常运转',
      '1.保障机关日常办公正常运转。',
    ]) {
      expect(statesNoResult(g, config), g).toBe(true);
    }
    for (const g of [
      '确保河北省机关事业单位工资管理信息系统正常运转', // a concrete object: the system runs
      '保证下沉工作队员基本的生活开销，确保派驻下沉工作队工作有序开展', // the first clause states something
      '通过保障不少于95人全年正常开展办公，保证业务正常开展', // a number
      '用于工程质保金返还', // a means only: no filler phrase
      '全年开展社区服务活动12场',
      '加强村干部报酬保障，提升村干部积极性，扎实推动村级各项工作正常运转',
      '推动乡村产业健康发展', // a concrete object
      '',
    ]) {
      expect(statesNoResult(g, config), g).toBe(false);
    }
  });

  it('fires as a warning when every goal is such a phrase, quoting it, with a suggestion from the indicators', () => {
    const found = run(goals('保障社区居委会工作正常开展'), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toContain('“保障社区居委会工作正常开展”');
    expect(found[0]!.suggestion).toContain('开展活动场次≥12场');
    expect(found[0]!.projectIndex).toBe(0);
  });

  it('fires as info when only one of several goals is such a phrase', () => {
    const found = run(goals('全年开展社区服务活动12场', '保障社区各项工作的健康开展'), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('info');
  });

  it('stays silent on goals that state a result', () => {
    expect(run(goals('确保社区服务中心信息系统全年正常运行', '全年开展社区服务活动12场'), RULE)).toEqual([]);
    expect(run(goals('保证下沉工作队员基本的生活开销，确保派驻下沉工作队工作有序开展'), RULE)).toEqual([]);
    expect(run(goals('通过保障不少于95人全年正常开展办公，保证业务正常开展'), RULE)).toEqual([]);
  });

  it('leaves a goal copied into three projects to the grouped finding, and reports a pair per project', () => {
    const three: ExamplePatch = { project: { goals: ['确保单位正常运转'] }, copies: 2, copyNames: ['办公设备购置', '物业管理服务'] };
    expect(run(three, RULE)).toEqual([]);
    const grouped = run(three, 'duplicate.copied-goal-without-result');
    expect(grouped).toHaveLength(1);
    expect(grouped[0]!.projectIndex).toBeNull();
    expect(grouped[0]!.message).toContain('3个项目');
    expect(grouped[0]!.message).toContain('“办公设备购置”');
    expect(grouped[0]!.message).toContain('“确保单位正常运转”');

    const two: ExamplePatch = { ...three, copies: 1, copyNames: ['办公设备购置'] };
    expect(run(two, RULE)).toHaveLength(2);
    expect(run(two, 'duplicate.copied-goal-without-result')).toEqual([]);
  });

  it('groups the same phrase written with other numbering and punctuation', () => {
    const doc = buildExampleDocument({ copies: 3, copyNames: ['甲项目', '乙项目', '丙项目'] });
    doc.projects[0]!.goals = ['保障单位正常运转。'];
    doc.projects[1]!.goals = ['1.保障单位正常运转'];
    doc.projects[2]!.goals = ['保障单位正常运转', '全年开展社区服务活动12场'];
    const grouped = reviewDocument(doc).filter((f) => f.rule === 'duplicate.copied-goal-without-result');
    expect(grouped).toHaveLength(1);
    expect(grouped[0]!.message).toContain('3个项目');
    expect(reviewDocument(doc).filter((f) => f.rule === RULE)).toEqual([]);
  });
});

describe('missing.goal-not-measured', () => {
  const RULE = 'missing.goal-not-measured';
  // a road project: its indicators speak only of length
  const road: ExamplePatch = {
    project: { name: '城区道路改造工程', goals: ['完成道路改造5公里', '完成征地200亩'] },
    indicators: [
      { at: 0, name: '道路改造完成长度', description: '年度完成改造的道路长度', target: '≥5公里' },
      { at: 1, name: '工程验收合格率', description: '验收合格的工程占比', target: '100%' },
      { at: 4, name: '通行效率提升', description: '改造路段高峰通行时间减少', target: '≥10分钟' },
      { at: 5, name: '沿线群众满意度', description: '沿线群众对工程的满意程度' },
    ],
  };

  it('fires on a land acquisition no indicator speaks of, naming the quantity and a fix', () => {
    const found = run(road, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('“完成征地200亩”');
    expect(found[0]!.message).toContain('“征地”');
    expect(found[0]!.suggestion).toContain('≥200亩');
  });

  it('fires on a count of people whose object no indicator names', () => {
    const found = run(goals('全年开展社区服务活动12场', '组织志愿者培训300人'), RULE);
    // 人次 is not 人, and no indicator speaks of 志愿者 or 培训
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('300人');
    // a piece of the object in an indicator ("社区"): taken as measured (silence before a doubtful finding)
    expect(run(goals('全年开展社区服务活动12场', '组织社区志愿者培训300人'), RULE)).toEqual([]);
  });

  it('stays silent when an indicator measures it, under another name, unit or number', () => {
    const withLand = (row: { name: string; description: string; target: string }): ExamplePatch => ({
      ...road,
      indicators: [...road.indicators!, { level1: '', level2: '数量指标', basis: '计划标准', ...row }],
    });
    expect(run(withLand({ name: '土地征收面积', description: '年度完成土地征收的面积', target: '≥200亩' }), RULE)).toEqual([]);
    // the same unit with another number: mismatch.goal-vs-indicator's
    expect(run(withLand({ name: '土地收储面积', description: '年度收储土地面积', target: '≥150亩' }), RULE)).toEqual([]);
    // the unit named in the description's brackets
    expect(run(withLand({ name: '用地保障', description: '项目用地保障面积（亩）', target: '≥200' }), RULE)).toEqual([]);
    // the object named
    expect(run(withLand({ name: '征地完成率', description: '已完成征地占计划的比例', target: '100%' }), RULE)).toEqual([]);
    // a count of people named in words, its value bare: "工资发放人数 ≥100" may be the goal's 95人
    expect(run(goals('全年开展社区服务活动12场', '保障不少于95名驻村干部正常办公'), RULE)).toHaveLength(1);
    expect(run({ ...goals('全年开展社区服务活动12场', '保障不少于95名驻村干部正常办公'), indicators: [{ at: 4, name: '工资发放人数', description: '按月发放工资的人员数', target: '≥95' }] }, RULE)).toEqual([]);
  });

  it('stays silent when the goal has no object that can be told, or no count or measure', () => {
    expect(run(goals('全年开展社区服务活动12场', '全年完成200个'), RULE)).toEqual([]);
    expect(run(goals('全年开展社区服务活动12场', '居民满意度达到95%以上'), RULE)).toEqual([]);
    expect(run(goals('全年开展社区服务活动12场', '发放补贴资金1262.16万元'), RULE)).toEqual([]);
    expect(run(goals('全年开展社区服务活动12场', '3个月内完成全部活动'), RULE)).toEqual([]);
    expect(run(goals('全年开展社区服务活动12场'), RULE)).toEqual([]);
  });
});

describe('vague.goals-without-number', () => {
  const RULE = 'vague.goals-without-number';
  const large = (...lines: string[]): ExamplePatch => ({ project: { total: '350.00', fiscal: '350.00', goals: lines }, indicators: [{ at: 3, target: '≤350万元' }] });

  it('fires on a large project whose goals have no number, quoting them, with an indicator as the example', () => {
    const found = run(large('加强村干部报酬保障，提升村干部积极性', '提升群众满意度'), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('预算350.00万元');
    expect(found[0]!.message).toContain('“加强村干部报酬保障，提升村干部积极性”');
    expect(found[0]!.suggestion).toContain('开展活动场次≥12场');
  });

  it('stays silent on a number anywhere in the goals, in digits or in words, but not on a year alone', () => {
    expect(run(large('全年开展社区服务活动12场', '提升群众满意度'), RULE)).toEqual([]);
    expect(run(large('全年开展三场社区服务活动'), RULE)).toEqual([]);
    expect(run(large('服务对象满意度达到百分之九十'), RULE)).toEqual([]);
    expect(run(large('2025年提升群众满意度'), RULE)).toHaveLength(1);
  });

  it('stays silent below the threshold, and a region can move it', () => {
    const small: ExamplePatch = { project: { total: '99.99', fiscal: '99.99', goals: ['提升群众满意度'] }, indicators: [{ at: 3, target: '≤99.99万元' }] };
    expect(run(small, RULE)).toEqual([]);
    const lower: ReviewConfig = { ...config, goals: { ...config.goals, numberFromFen: 50_000_000 } };
    expect(run(small, RULE, lower)).toHaveLength(1);
  });

  it('leaves goals that state no result to vague.goal-without-result and template text to missing.template-text', () => {
    expect(run(large('保障单位正常运转'), RULE)).toEqual([]);
    expect(run(large('由预算部门根据项目实施内容填写'), RULE)).toEqual([]);
  });
});

describe('template and guidance text', () => {
  it('reads instructions to whoever fills in the form and placeholders, in every form', () => {
    for (const text of [
      '主要说明项目的背景、内容和预期效果',
      '立项依据：主要说明项目立项的政策依据',
      '根据项目实际情况填写。',
      '请填写本项目年度绩效目标',
      '（填写说明：按项目实施内容填写）',
      '此处填写项目的总体目标',
      '××项目建设完成率',
      'XX单位满意度',
      '≥**%',
      '本栏填写项目年度目标',
      '限200字',
      '应填写项目的主要产出',
    ]) {
      expect(templatePhraseOf(text, config), text).not.toBeNull();
    }
  });

  it('does not take a department\'s own words for an instruction', () => {
    for (const text of [
      '邀请专家教授开展党性教育培训',
      '指导群众根据要求填写申请表格',
      '符合条件的申请按照程序审批',
      '录入综治9+X系统',
      '政府信息公开网站 xxgk 栏目更新',
      '开设“文明实践”宣传专栏，本栏目每周更新',
      '全年开展社区服务活动12场',
      '反映项目资金使用情况',
    ]) {
      expect(templatePhraseOf(text, config), text).toBeNull();
    }
  });

  const templateFindings = (patch: ExamplePatch) => reviewDocument(buildExampleDocument(patch)).filter((f) => f.rule.startsWith('missing.template-text'));

  it('finds it in goals once per field, however many lines have it', () => {
    const found = templateFindings(goals('请填写本项目年度绩效目标', '××项目完成率达到**%', '全年开展社区服务活动12场'));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('绩效目标第1条等2条');
  });

  it('finds it in the long-term goals and in each narrative section', () => {
    const found = templateFindings({
      project: {
        longTermGoals: ['（填写说明：按项目实施期填写总目标）'],
        narrative: [
          { title: '项目概述', text: '主要说明项目的背景、内容和预期效果。' },
          { title: '立项依据', text: '《××市社区服务体系建设规划》' },
          { title: '实施计划', text: '全年分四个季度开展社区服务活动12场。' },
        ],
      },
    });
    // in document order: the narrative's sections come before the table's goals here
    expect(found.map((f) => f.message)).toEqual([
      '项目说明“项目概述”保留了表样的填报说明“主要说明项目的背景、内容和预期效果。”',
      '项目说明“立项依据”保留了表样的填报说明“《××市社区服务体系建设规划》”',
      '中长期目标第1条保留了表样的填报说明“（填写说明：按项目实施期填写总目标）”',
    ]);
  });

  it('finds it in indicator names and descriptions', () => {
    const found = templateFindings({ indicators: [{ at: 1, name: '××项目完成率', description: '请根据项目实际填写' }] });
    expect(found.map((f) => f.field)).toEqual(['indicatorName', 'description']);
  });

  it('finds it in part one: a sub-goal\'s goal paragraph and the measures, each once', () => {
    const doc = buildExampleDocument();
    doc.departmentGoals.subGoals[0]!.goalText = '根据本部门职能填写。';
    doc.departmentGoals.measures = [
      { title: '加强组织领导', numbering: '1.', text: '成立工作专班，每月调度一次', goalText: null, indicatorText: null, source: { line: 20 } },
      { title: '保障措施', numbering: '2.', text: '主要说明为实现目标采取的措施', goalText: null, indicatorText: null, source: { line: 21 } },
    ];
    const found = reviewDocument(doc).filter((f) => f.rule === 'missing.template-text-part-one');
    expect(found.map((f) => f.message)).toEqual([
      '分项目标“社区服务项目”保留了表样的填报说明“…动12场。 根据本部门职能填写。”',
      '工作保障措施“保障措施”保留了表样的填报说明“保障措施 主要说明为实现目标采取的措施”',
    ]);
  });
});

describe('the goal rules on the four real documents', () => {
  let docs = {} as Record<FixtureKey, ParsedDocument>;
  const GOAL_RULES = ['duplicate.annual-goal-copies-long-term', 'vague.goal-without-result', 'duplicate.copied-goal-without-result', 'missing.goal-not-measured', 'vague.goals-without-number'];
  const found = (key: FixtureKey) => reviewDocument(docs[key]).filter((f) => GOAL_RULES.includes(f.rule));

  beforeAll(async () => {
    docs = await parseFixtures();
  });

  it('find the goals that state no result, and the large projects without a number', () => {
    const f000 = found('f000');
    expect(f000.map((f) => `${f.rule} ${f.project}`)).toEqual(['vague.goals-without-number 城市社区工作者薪酬经费', 'vague.goal-without-result 劳务费']);
    expect(found('f001').filter((f) => f.rule === 'vague.goal-without-result').map((f) => f.project)).toEqual(['公务员、选调生工作经费']);
  });

  it('find no goal a measure of which is missing, and no annual goal copying a long-term one (the fixtures give none)', () => {
    for (const key of ['f000', 'f001', 'f002', 'f003'] as FixtureKey[]) {
      expect(found(key).filter((f) => f.rule === 'missing.goal-not-measured' || f.rule === 'duplicate.annual-goal-copies-long-term')).toEqual([]);
    }
  });
});
