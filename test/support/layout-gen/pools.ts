/**
 * The invented content every generator of test/support/layout-gen draws from: indicators by category (with
 * their units and ranges), projects, departments, goals, bases, remarks. Realistic, not real: every unit,
 * name and number is made up. No reader module is imported here (honest.ts must load nothing of the reader's
 * vocabulary).
 */
// ---------------------------------------------------------------------------------------------
// Indicators by category

export interface QuantitativePool {
  name: string;
  unit: string;
  min: number;
  max: number;
  decimals: number;
}

export interface Level2Pool {
  level1: string;
  level2: string;
  quantitative: QuantitativePool[];
  qualitative: string[];
}

const Q = (name: string, unit: string, min: number, max: number, decimals = 0): QuantitativePool => ({ name, unit, min, max, decimals });

export const OUTPUT: Level2Pool[] = [
  {
    level1: '产出指标',
    level2: '数量指标',
    quantitative: [
      Q('补贴发放人数', '人', 50, 5000), Q('培训人次', '人次', 100, 3000), Q('道路养护里程', '公里', 10, 900), Q('新建服务站点数量', '个', 1, 40),
      Q('设备购置数量', '台', 1, 200), Q('入户走访户数', '户', 100, 8000), Q('改造面积', '平方米', 500, 90000), Q('开展宣传活动场次', '场次', 2, 60),
      Q('助餐服务人次', '万人次', 1, 20, 1), Q('发放宣传资料', '份', 500, 20000), Q('监测样本数量', '件', 20, 900),
    ],
    qualitative: ['服务内容覆盖面'],
  },
  {
    level1: '产出指标',
    level2: '质量指标',
    quantitative: [Q('验收合格率', '%', 90, 100), Q('补贴发放准确率', '%', 95, 100), Q('设备完好率', '%', 85, 100), Q('培训考核合格率', '%', 80, 100), Q('抽检达标率', '%', 90, 99, 1)],
    qualitative: ['服务质量', '工程质量'],
  },
  {
    level1: '产出指标',
    level2: '时效指标',
    quantitative: [Q('资金拨付及时率', '%', 90, 100), Q('问题整改时限', '天', 3, 60), Q('补贴发放周期', '天', 5, 30)],
    qualitative: ['工作推进进度'],
  },
];

/** 成本指标 under 产出指标: the 2015–2018 trees. */
export const COST_OLD: Level2Pool = {
  level1: '产出指标',
  level2: '成本指标',
  quantitative: [Q('人均补贴标准', '元/人', 100, 3000), Q('单位养护成本', '元/公里', 1000, 9000), Q('设备单价', '万元', 1, 50, 2)],
  qualitative: [],
};

/** 成本指标 at level 1 with its three level 2s: the 2021 tree. */
export const COST_2021: Level2Pool[] = [
  { level1: '成本指标', level2: '经济成本指标', quantitative: [Q('项目总成本', '万元', 10, 900, 2), Q('人均培训成本', '元/人', 100, 2000), Q('单位养护成本', '元/公里', 1000, 9000)], qualitative: [] },
  { level1: '成本指标', level2: '社会成本指标', quantitative: [Q('临时占用道路天数', '天', 1, 30)], qualitative: ['对周边群众生活的影响'] },
  { level1: '成本指标', level2: '生态环境成本指标', quantitative: [Q('施工扬尘超标天数', '天', 0, 5)], qualitative: ['对生态环境的影响'] },
];

export const EFFECT: Level2Pool[] = [
  { level1: '效益指标', level2: '经济效益指标', quantitative: [Q('带动农户增收', '万元', 5, 500, 2), Q('节约运行费用', '万元', 1, 90, 1)], qualitative: ['当地经济发展'] },
  { level1: '效益指标', level2: '社会效益指标', quantitative: [Q('带动就业人数', '人', 5, 600), Q('受益群众人数', '人', 100, 90000)], qualitative: ['居民生活质量', '基层治理水平', '群众安全感'] },
  { level1: '效益指标', level2: '生态效益指标', quantitative: [Q('绿化覆盖率', '%', 30, 60), Q('垃圾无害化处理率', '%', 90, 100)], qualitative: ['人居环境'] },
  { level1: '效益指标', level2: '可持续影响指标', quantitative: [Q('设施使用年限', '年', 3, 15), Q('服务机制运行年限', '年', 1, 10)], qualitative: ['长效管护机制'] },
];

export const SATISFACTION: Level2Pool = {
  level1: '满意度指标',
  level2: '服务对象满意度指标',
  quantitative: [Q('群众满意度', '%', 80, 98), Q('服务对象满意度', '%', 85, 99), Q('学员满意度', '%', 85, 98)],
  qualitative: [],
};

/** The frameworks a case's categories follow: the 2015–2018 tree, the 2021 one, the older common one (满意度 under 效益指标). */
export type Framework = 'old' | '2021' | 'common';

/** The pools of a framework, in the order its tables list them. */
export function poolsOf(framework: Framework): Level2Pool[] {
  return framework === '2021' ? [...COST_2021, ...OUTPUT, ...EFFECT, SATISFACTION] : [...OUTPUT, COST_OLD, ...EFFECT, SATISFACTION];
}

/** Every level 2 of every pool (for the weights a case draws). */
export const ALL_LEVEL2 = [...new Set([...OUTPUT, COST_OLD, ...COST_2021, ...EFFECT, SATISFACTION].map((p) => p.level2))];

export const QUALITATIVE_TEXTS = ['有效提升', '显著提高', '明显改善', '持续改善', '逐步完善', '长期有效', '稳步提升'];

export const PROJECTS = [
  '社区居家养老服务补贴', '农村公路日常养护', '基层干部教育培训', '城乡环境卫生整治', '义务教育学校设备购置', '农田水利设施维修',
  '公共文化服务体系建设', '食品安全抽检监测', '残疾人康复救助', '城市道路照明设施维护', '森林防火宣传', '老旧小区综合整治',
  '妇幼健康服务', '退役军人服务站运行', '河道保洁管护',
];

export const DEPARTMENTS = ['示范县民政局', '示范县交通运输局', '示范区教育局', '示范县农业农村局', '示范市卫生健康委员会', '示范区城市管理局', '示范县文化和旅游局'];

export const GOALS = [
  '按时足额发放补贴，保障服务对象基本生活。',
  '完成年度任务，服务质量和群众满意度稳步提高。',
  '提升设施运行水平，保障群众正常生产生活。',
  '加强日常管护，确保项目长期发挥效益。',
];

/** Goals over the project's whole period (中长期 / 实施期 / 总目标), beside the year's. */
export const LONG_TERM_GOALS = [
  '三年内建成覆盖全县的服务网络，服务对象应保尽保。',
  '到2027年形成长效管护机制，设施完好率稳定在95%以上。',
  '实施期内完成全部建设任务，群众满意度持续提高。',
];

export const BASES = ['计划标准', '行业标准', '历史标准', '预算支出标准', '其他标准'];

/** The texts of an extra column (备注, 考核方式). */
export const REMARKS = ['', '无', '按实际完成情况评价', '抽查台账'];
