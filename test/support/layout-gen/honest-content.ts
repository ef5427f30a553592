/**
 * The words of the honest generator (honest.ts), written from what real forms print and what a person
 * would understand, never from the reader's own lists: this module imports nothing from the reader
 * (src/shared/layout, src/server). Whether the reader knows a word or not does not change what the
 * generator expects of it; a test (layout-honest.property.test.ts) checks that no honest module imports
 * the reader's vocabulary.
 *
 * Sources: the target tables of `../shared/corpus/budgets-2026` (西安's 部门专项业务经费绩效目标表 with 分值权重
 * （90分）, units in the indicator's name and 年度绩效指标 down the left; 烟台's 政策和项目预算绩效目标表 with
 * 绩效指标 in each row and targets such as `≧95%`, `10余次`, `（≥313辆）`, `12月底前完成`), the forms named in
 * issue 68 (a 项目支出绩效目标审批表 whose block is headed 年度绩效目标(90分) with 分值 and 指标解释; 产出值,
 * 成效指标, 实施效果指标 over 产出/效益/满意度, 过程管理指标 over 计划/资金/项目管理, 区域目标值) and the
 * synonyms a person reading such a form would take for the same column.
 */
import type { TargetOperator } from '../../../src/shared/domain/model';
import { YEAR } from './document';

// ---------------------------------------------------------------------------------------------
// Column headers by role

/**
 * What a column of an honest table holds: a label down the left (group), a form's own tree over the levels
 * (tree), the levels, the name, this year's target (joined, or the number of a split one), the split target's
 * operator and unit, the soft columns (nature, weight, basis, description, extra) and a second value beside
 * the target: last year's actual (prior), the period's target (period), a later year's (later).
 */
export type HonestRole =
  | 'group' | 'tree' | 'level1' | 'level2' | 'name' | 'target' | 'operator' | 'unit' | 'nature' | 'weight' | 'basis' | 'description' | 'extra'
  | 'prior' | 'period' | 'later';

/** How a header was drawn: the word most forms print for the role, another word a person takes for it, or a word that names no role. */
export type HeaderHow = 'plain' | 'synonym' | 'opaque';

export interface HeaderWord {
  text: string;
  how: HeaderHow;
  /** The role the word was drawn for (a header moved over another column keeps it). */
  of: HonestRole;
}

/** Every role (an opaque header's). */
export const ALL_ROLES: readonly HonestRole[] = [
  'group', 'tree', 'level1', 'level2', 'name', 'target', 'operator', 'unit', 'nature', 'weight', 'basis', 'description', 'extra', 'prior', 'period', 'later',
];

/** The roles a level header may name: a form with a tree of its own (实施效果指标 over 产出指标) counts its levels from the tree's top. */
const LEVEL_K: Record<string, readonly HonestRole[]> = {
  一: ['tree', 'level1'],
  二: ['level1', 'level2'],
  三: ['level2', 'name'],
  四: ['name'],
};

/**
 * Header words by role: the first is the plain one (what most forms print), the others synonyms from real
 * forms or words a person would understand. A split target's number goes by `value` (a target's words too).
 */
export const HONEST_HEADERS: Record<'level1' | 'level2' | 'name' | 'target' | 'value' | 'operator' | 'unit' | 'nature' | 'weight' | 'basis' | 'description' | 'extra', readonly string[]> = {
  level1: ['一级指标', '一级', '一级指标名称', '指标类别', '一级分类', '指标维度', '一级绩效指标', '绩效维度'],
  level2: ['二级指标', '二级', '二级指标名称', '二级分类', '指标细类', '二级绩效指标', '指标要素'],
  name: ['三级指标', '三级', '具体指标', '指标名称', '考核内容', '评价要点', '指标细化', '绩效指标', '三级指标（考核内容）', '考核指标', '细化指标', '评价指标', '指标内容'],
  target: ['指标值', '目标值', '区域目标值', '目标值（定量）', '绩效标准值', '预期完成值', '预期目标', '年度目标值', '计划完成值', '考核目标', '完成标准', '预计完成值', '预期值', '绩效目标值', '标准值'],
  value: ['数值', '目标数值', '值', '指标数值', '目标值', '指标值'],
  operator: ['运算符', '比较符', '符号', '比较方式', '关系', '取值方式', '计算符号'],
  unit: ['计量单位', '单位', '度量单位', '指标单位', '单位名称', '计量'],
  nature: ['指标性质', '性质', '定量/定性', '指标属性', '量化类型', '定性定量'],
  weight: ['分值', '权重', '分值权重', '分值权重（90分）', '权重（%）', '分数', '指标分值', '满分', '标准分', '权重分'],
  basis: ['指标值确定依据', '确定依据', '设定依据', '依据', '取值依据', '目标值确定依据', '指标来源', '参考依据'],
  description: ['指标解释', '指标说明', '绩效指标描述', '指标定义', '指标内涵', '指标含义', '解释说明'],
  extra: ['备注', '考核方式', '评价方式', '数据来源', '佐证材料'],
};

/** Headers that name no role: the person goes by the cells. */
export const OPAQUE_HEADERS: readonly string[] = ['', '内容', '项目', '明细', '栏目', '数据'];

/** The roles a person takes a column under this header for (every role for an opaque header). */
export function rolesOfHeader(header: HeaderWord): readonly HonestRole[] {
  if (header.how === 'opaque') return ALL_ROLES;
  const level = /^([一二三四])级/.exec(header.text);
  if (level) return LEVEL_K[level[1]!]!;
  return [header.of];
}

/**
 * Pairs of time headers over the target and a value beside it, each [the other column's, this year's]:
 * last year's actual, the period's target, next year's target. The document says its year (YEAR) in its title.
 */
export const TIME_HEADERS: Record<'prior' | 'period' | 'later', readonly (readonly [string, string])[]> = {
  prior: [['上年实际值', '本年目标值'], [`${YEAR - 1}年完成值`, `${YEAR}年目标值`], ['上年完成情况', '本年度目标'], ['基期值', '目标值'], ['上年度实际完成', '本年度指标值']],
  period: [['实施期目标值', '年度目标值'], ['中期目标', '年度目标'], ['总体目标值', '本年度目标值'], [`${YEAR}-${YEAR + 2}年目标`, `${YEAR}年目标`], ['三年目标值', '当年目标值']],
  later: [[`${YEAR + 1}年目标值`, `${YEAR}年目标值`], ['下一年度目标值', '本年度目标值'], [`预计${YEAR + 1}年`, `预计${YEAR}年`]],
};

/** Headers over a split target's parts or over the two time columns (a second header row under them). */
export const GROUP_HEADERS: readonly string[] = ['指标值', '目标值', '区域目标值', '绩效指标值', '绩效目标值'];

// ---------------------------------------------------------------------------------------------
// Level names as forms write them

/** The names a form gives a standard level (the first is the standard one). */
export const LEVEL_NAMES: Record<string, readonly string[]> = {
  产出指标: ['产出指标', '产出', '产出值', '产出类指标', '产出目标'],
  效益指标: ['效益指标', '效益', '效益值', '成效指标', '效果指标', '效益类指标'],
  满意度指标: ['满意度指标', '满意度', '满意度值', '满意度类指标', '满意程度指标'],
  成本指标: ['成本指标', '成本', '成本值', '成本类指标'],
  数量指标: ['数量指标', '数量', '产出数量', '数量目标'],
  质量指标: ['质量指标', '质量', '产出质量', '质量目标'],
  时效指标: ['时效指标', '时效', '时效性指标', '产出时效'],
  经济成本指标: ['经济成本指标', '经济成本'],
  社会成本指标: ['社会成本指标', '社会成本'],
  生态环境成本指标: ['生态环境成本指标', '生态环境成本', '环境成本'],
  经济效益指标: ['经济效益指标', '经济效益'],
  社会效益指标: ['社会效益指标', '社会效益'],
  生态效益指标: ['生态效益指标', '生态效益', '环境效益'],
  可持续影响指标: ['可持续影响指标', '可持续影响', '可持续性影响指标', '可持续发展影响'],
  服务对象满意度指标: ['服务对象满意度指标', '服务对象满意度', '社会公众满意度'],
};

/** A form's notes after a level's name (`数量指标 (必填硬性指标)`). */
export const LEVEL_ANNOTATIONS: readonly string[] = ['（必填硬性指标）', ' (必填硬性指标)', '（必填）', '(选填)', '（共性指标）', '（个性指标）'];

/** A form's own tree over the standard levels: 实施效果指标 over 产出/效益/满意度. */
export const TREE_EFFECT = ['实施效果指标', '实施效果'];
/** 过程管理指标 over levels of its own that no national level names (计划管理, 资金管理, 项目管理), with their indicators. */
export const TREE_PROCESS = ['过程管理指标', '过程管理'];
export const PROCESS_GROUPS: readonly { level: string; indicators: readonly { name: string; target: string }[] }[] = [
  { level: '计划管理', indicators: [{ name: '实施方案制定', target: '按时制定' }, { name: '项目计划完成率', target: '100%' }] },
  { level: '资金管理', indicators: [{ name: '资金到位率', target: '100%' }, { name: '资金使用合规性', target: '合规' }] },
  { level: '项目管理', indicators: [{ name: '管理制度健全性', target: '健全' }, { name: '档案资料完整性', target: '完整' }] },
];

/** The label down the left of the indicator rows (年度绩效指标 written one character a line in the 西安 forms). */
export const GROUP_LABELS: readonly string[] = ['年度绩效指标', '绩效指标', '年度绩效目标(90分)', '年\n度\n绩\n效\n指\n标'];

// ---------------------------------------------------------------------------------------------
// Targets as the corpus writes them

/** Units of things counted, after which `10余次`, `约6类`, `10-15项` are written. */
export const COUNT_UNITS = new Set(['人', '人次', '个', '台', '户', '场次', '份', '件', '次', '场', '项', '家', '类', '篇', '套', '辆', '名']);

/** Words after a number that say what is counted (`15个区县各类民政保障机构`), by unit. */
export const COUNTED_NOUNS: Record<string, readonly string[]> = {
  个: ['区县各类民政保障机构', '乡镇（街道）', '服务站点'],
  家: ['定点医疗机构', '重点企业'],
  人: ['困难群众', '在册学员'],
  户: ['脱贫户', '低保家庭'],
  次: ['督导检查', '专题培训'],
};

/** A sentence before a number (`全年按月发放，12个月`). */
export const LEAD_SENTENCES: readonly string[] = ['全年按月发放', '按季度开展', '全年累计完成', '按计划实施'];

/** Words after a rate (`100%支持`). */
export const RATE_WORDS: readonly string[] = ['支持', '完成', '覆盖', '达标'];

/** What is counted per (`≥5次/月`, `≤180元/人.天`), by unit. */
export const PER_UNITS: Record<string, readonly string[]> = { 场次: ['月', '季度'], 人次: ['年'], '元/人': ['天', '.天'], '元/公里': ['年'] };

/** Qualitative targets the corpus prints. */
export const QUALITATIVE_CORPUS: readonly string[] = ['显著提升', '有效促进', '稳步提升', '优秀等次', '优秀或第一档等次', '较上年提高', '不低于上年', '有所提升', '持续发挥作用', '逐步完善', '明显改善'];

/** Deadlines as the corpus writes them (a 时效 indicator's target). */
export const DEADLINE_NAMES: readonly string[] = ['项目完成时限', '资金拨付时间', '验收完成时间', '方案编制完成时间'];
export const deadlineTexts = (month: number, day: number): string[] => [
  `${month}月底前`, `${month}月底前完成`, `${YEAR}年${month}月底前`, `${YEAR}年${month}月${day}日前完成`, `${month}月${day}日前`, `${YEAR}年${month}月前`,
];

/**
 * Operators as the corpus writes them beside the usual ones, with what a person reads (several when a person could read
 * either): `≧95%` (烟台), `》95%`, `>=80%`, `≥ 95%` with a space (北京, 西安).
 */
export const ODD_OPERATORS: Record<TargetOperator, readonly (readonly [string, readonly TargetOperator[]])[]> = {
  '≥': [['≧', ['≥']], ['>=', ['≥']], ['》', ['≥', '>']], ['≥', ['≥']], ['≥ ', ['≥']]],
  '≤': [['≦', ['≤']], ['<=', ['≤']], ['≤', ['≤']], ['≤ ', ['≤']]],
  '>': [['＞', ['>']], ['>', ['>']]],
  '<': [['＜', ['<']], ['<', ['<']]],
  '=': [['=', ['=']], ['＝', ['=']]],
};

// ---------------------------------------------------------------------------------------------
// The form around the indicators (labels from the corpus and the fixtures' forms)

/** A target table's title as the corpus prints it over each project's form (the project named in the form only). */
export const TABLE_TITLES: readonly string[] = ['项目支出绩效目标表', '部门专项业务经费绩效目标表', '政策和项目预算绩效目标表', '项目绩效目标表'];

/** The first of each list is the plain label. */
export const FORM_LABELS = {
  name: ['项目名称', '项目', '专项名称', '项目（政策）名称', '政策和项目名称'],
  amount: ['年度资金总额（万元）', '年度预算资金总额（万元）', '项目资金（万元）', '预算金额（万元）', '资金总额（万元）', '本年预算数（万元）'],
  goal: ['年度绩效目标', '年度目标', '本年度绩效目标', '绩效目标'],
} as const;
