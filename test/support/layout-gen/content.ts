/**
 * The content the layout generator writes (generate.ts): invented projects, departments, goals and
 * indicators by category, the words of forms (labels, decorations, sign-offs, notes, notices) and the
 * header names each column role goes by. Realistic, not real: every unit, name and number is made up.
 */
import type { IndicatorField, TargetOperator } from '../../../src/shared/domain/model';
import { INDICATOR_COLUMN_HEADERS, readIndicatorHeader, WEAK_LEVEL1_HEADERS } from '../../../src/shared/layout/indicator-columns';
import { PROJECT_LABELS, lookupLabel, type ProjectLabelKey } from '../../../src/shared/layout/labels';
export * from './pools';

/** Category names as tables also write them (the frameworks' synonyms), by standard name. */
export const CATEGORY_SYNONYMS: Record<string, readonly string[]> = {
  产出指标: ['产出'], 效益指标: ['效益', '效果指标'], 满意度指标: ['满意度', '社会公众或服务对象满意度指标'], 成本指标: ['成本'],
  数量指标: ['数量'], 质量指标: ['质量'], 时效指标: ['时效'], 经济成本指标: ['经济成本'], 社会成本指标: ['社会成本'], 生态环境成本指标: ['生态环境成本'],
  经济效益指标: ['经济效益'], 社会效益指标: ['社会效益'], 生态效益指标: ['生态效益'], 可持续影响指标: ['可持续影响'], 服务对象满意度指标: ['服务对象满意度', '社会公众满意度'],
};

/** The level 2 the older common tree writes for the satisfaction of the people served, under 效益指标. */
export const COMMON_SATISFACTION_LEVEL2 = ['社会公众或服务对象满意度指标', '服务对象满意度指标'];

/** A text a category column could hold: a category's name or one of its synonyms (an indicator so named is one a short row cannot place). */
export const CATEGORY_WORDS: ReadonlySet<string> = new Set([...Object.keys(CATEGORY_SYNONYMS), ...Object.values(CATEGORY_SYNONYMS).flat()]);

/** Operators written after the number (`95%以上`, `3天以内`). */
export const AFTER_WORDS: readonly (readonly [string, TargetOperator])[] = [['以上', '≥'], ['及以上', '≥'], ['以内', '≤'], ['以下', '≤']];


/** Operators as documents write them, with the operator they state; null: none written ("="). */
export const OPERATOR_WORDS: readonly [string | null, TargetOperator][] = [
  ['大于等于', '≥'], ['≥', '≥'], ['不低于', '≥'], ['≤', '≤'], ['小于等于', '≤'], ['不高于', '≤'],
  ['＝', '='], ['等于', '='], ['大于', '>'], ['小于', '<'], ['不少于', '≥'], ['不超过', '≤'], [null, '='],
];


// ---------------------------------------------------------------------------------------------
// Header names per role: those the parser knows (indicator-columns.ts) and a real form uses

/** The headers the parser lists for a field (indicator-columns.ts), and those a real form uses beside them. */
export const knownHeaders = (field: IndicatorField, more: readonly string[] = []): readonly string[] => [
  ...INDICATOR_COLUMN_HEADERS.find((c) => c.field === field)!.headers,
  ...more,
];

export const HEADERS = {
  /** 指标类型/指标类别 name the category only when no other column is so named (WEAK_LEVEL1_HEADERS): apart. */
  level1: knownHeaders('level1').filter((h) => !WEAK_LEVEL1_HEADERS.includes(h)),
  level1Weak: WEAK_LEVEL1_HEADERS,
  level2: knownHeaders('level2'),
  name: knownHeaders('name'),
  target: knownHeaders('target'),
  /** The value column of a split target: a value header, or a target header over the number alone. */
  value: [...knownHeaders('value'), ...knownHeaders('target')],
  operator: knownHeaders('operator'),
  unit: knownHeaders('unit'),
  nature: knownHeaders('nature'),
  weight: knownHeaders('weight', ['权重（%）', '分值（分）', '权重(%)']),
  basis: knownHeaders('basis'),
  description: knownHeaders('description'),
  extra: ['备注', '考核方式'],
} as const;

/** Names of the target column no form of ours uses: the reader cannot know the column (an unreadable case). */
export const UNKNOWN_TARGET_HEADERS = ['考核目标', '预期成效', '完成标准'].filter((h) => readIndicatorHeader(h).field === null);

/** 指标值 split by time (header.ts): last year's actual beside this year's target. */
export const PRIOR_CURRENT: readonly (readonly [string, string])[] = [
  ['上年实际值', '本年目标值'], ['2024年实际', '预期2025年'], ['上年度实际完成值', '本年度目标值'], ['基期值', '年度目标值'],
];

/** 指标值 split by time: the period's target beside this year's. */
export const PERIOD_ANNUAL: readonly (readonly [string, string])[] = [
  ['实施周期指标值', '当年度指标值'], ['中期目标', '年度目标'], ['中长期指标值', '年度指标值'], ['实施期目标值', '本年度目标值'],
];

// ---------------------------------------------------------------------------------------------
// The form's labels

/** A form's labels for a key (labels.ts), those only: a label listed twice reads as its first key (年度资金 is a money group). */
const labelsOf = (key: ProjectLabelKey): string[] =>
  PROJECT_LABELS.find((r) => r.key === key)!.labels!.filter((l) => lookupLabel(PROJECT_LABELS, l) === key);
export const NAME_LABELS = labelsOf('name');
export const AMOUNT_LABELS = labelsOf('annualTotal');
export const GOAL_LABELS = labelsOf('goals');

/** The unit's own row: a label the parser reads as the unit the table is of. */
export const UNIT_LABELS = ['申报单位', '预算单位', '填报单位（盖章）', '项目申报单位'];

/** Goals by role: the overall goal's labels (two rows), and the headers of the two goals side by side. */
export const LONG_TERM_GOAL_LABELS = ['实施期绩效目标', '中长期目标', '项目总目标', '项目中长期绩效目标'];
export const ANNUAL_GOAL_LABELS = ['年度绩效目标', '年度目标', '本年度绩效目标'];
export const SIDE_BY_SIDE_GOALS: readonly (readonly [string, string])[] = [['中长期目标', '年度目标'], ['实施期目标', '年度目标'], ['总体目标', '年度目标']];

/** A field the form leaves empty, between two labels: never the next label's value. */
export const OPTIONAL_FIELDS = ['项目类别（选填）', '项目属性（选填）', '项目类别'];

/** People and numbers of a contact row: said, never stored as a field or glued to one. */
export const CONTACT_PEOPLE = ['李明', '王芳', '赵建国', '刘晓燕'];
export const PHONES = ['0311-2812345', '0376-7612345', '0898-6613579', '13903110021'];

/** The sources of money a breakdown names (its 其中 items). */
export const FUND_SOURCES = [['中央补助资金', '省级补助资金', '县级配套资金'], ['上级补助资金', '区级资金'], ['一般公共预算资金', '政府性基金预算资金']] as const;

/** An office's opinion under the table: its label and what it says. */
export const OPINIONS = [['财政部门审核意见', '同意。'], ['主管部门审核意见', '同意申报。'], ['项目单位意见', '经审核，情况属实。']] as const;

export const NOTES = ['注：1.绩效指标可根据项目实际增减；2.指标值应量化填写。', '注：各项资金均含上年结转。', '说明：定性指标应写明评判标准。'];
export const NOTICES = [
  '根据县财政局的统一部署，现将我单位预算项目绩效目标公开如下。',
  '按照预算公开有关要求，现将本部门项目支出绩效目标予以公开，接受社会监督。',
];
