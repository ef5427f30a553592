/**
 * The review's settings, as data: thresholds, required categories, vague phrases, unit families
 * per category, severities, scoring. lifecycle.md gives the defaults; places differ, so a region
 * and year can override any part (REVIEW_CONFIG_ASSIGNMENTS), never the code.
 */
import { selectConfig } from '../domain/config-assignments';
import type { ConfigAssignment } from '../domain/config-assignments';
import type { FormColumnRole, FormFieldRole } from '../domain/form-profile';
import type { Severity } from '../domain/model';

/** Families of units; a unit belongs to the first family whose list has it (compound units by their first part). */
export type UnitFamily = 'percent' | 'money' | 'count' | 'time' | 'measure';

export interface ReviewConfig {
  id: string;
  /** Every first-level category a project must have (by standard name). */
  requiredLevel1: string[];
  /** Second-level categories required under a first-level one. */
  requiredLevel2: Record<string, string[]>;
  /** Units by family. Compound units ("万元/个") belong to the family of their first part. */
  unitFamilies: Record<UnitFamily, string[]>;
  /**
   * The unit families a second-level category accepts for a quantitative target. A category not
   * listed accepts any family.
   */
  level2Units: Record<string, UnitFamily[]>;
  /**
   * The unit a number written without one most likely means (unit.no-unit names it): by category
   * (second-level name, else first-level), else by the first `byWord` entry whose word occurs in the
   * indicator's name or description (list order: rates, then counts, then money); else a number from
   * `percentFrom` to 100 is probably a percentage.
   */
  unitHints: { byCategory: Record<string, string>; byWord: [word: string, unit: string][]; percentFrom: number };
  /** Units that are only a magnitude ("110万"), with the unit each most likely abbreviates in a money category. */
  magnitudeOnlyUnits: Record<string, string>;
  /** Satisfaction (满意度) targets: a percentage no higher than max, at least `min` (below: a warning). */
  satisfaction: { level1: string; minPercent: number; maxPercent: number };
  /** Phrases that cannot be checked at year end (显著提高 …). */
  vaguePhrases: string[];
  /** Grades (优, 良好 …): not a number where one is needed. */
  grades: string[];
  /** Severity of a vague target by second-level category, else by first-level; default `vagueDefault`. */
  vagueSeverity: Record<string, Severity>;
  vagueDefault: Severity;
  /** Categories that need a number (a grade or a vague phrase there is wrong). */
  numericLevel2: string[];
  /** Words in an indicator's name/description that say what its value must be. */
  wordsForRate: string[];
  wordsForMoney: string[];
  wordsForCount: string[];
  /** 指标值确定依据: accepted standards and the raw phrases that map to them. */
  basisStandards: Record<string, string[]>;
  /**
   * A row (name + description + target) pasted into at least this many projects, and this share of them, is boilerplate.
   * Rows of the `infoLevel1` categories (a generic 满意度 row is common practice) are reported as info, others as warnings.
   */
  boilerplate: { minProjects: number; minShare: number; infoLevel1: string[] };
  /** A 满意度指标 whose name and description contain none of these words measures something else. */
  satisfactionWords: string[];
  /** How a name or description is read for what it measures (wordsForRate/Money/Count); see rules/mismatch.ts. */
  measureReading: {
    /** What may follow the measure word at the end of the text ("资金总额", "人数情况"); anything longer means the word is not the head. */
    tails: string[];
    /** Words that contain a rate word but name no rate (频率 is a count per period, 效率 a quality). */
    notRate: string[];
    /** Money words that name a subject rather than an amount ("发放工作补贴"): they say "money" only at the end of a name, never in a description. */
    moneyTopics: string[];
  };
  /** Amounts of part one (部门整体绩效目标) compared with the project tables. */
  partOneAmounts: {
    /**
     * Words in the clause before an amount that make it something else than the project's total for the year: a unit
     * price or standard ("每人每月2000元"), a part ("其中…"), a change or another period ("比上年增加", "三年累计").
     * "每年" does not count (the budget is annual); an amount with "/队", "/人" … after it is a unit price too.
     */
    notTotal: string[];
    /** Suffixes ignored when a sub-goal's title is matched with a project's name ("房屋租赁费" ~ "房屋租赁"). */
    nameSuffixes: string[];
    /** Two-character pieces too common to say what a count in part one is about ("开展", "全年"). */
    commonPieces: string[];
  };
  /** A spending plan must reach 100% at this checkpoint. */
  planComplete: { percent: number; tolerancePercent: number };
  /**
   * Funding lines that are parts of 财政资金 (or of the total when the form has no 财政资金), not further money (issue 55):
   * a line whose label starts with one of `levels` (中央, 省级, 区级, 上级 …) is a level of government paying part of the
   * fiscal money; one starting with one of `uses` (用于 …) says what part of the total is spent on. Any other line
   * (上年结转资金, 自筹资金) adds to the two sources.
   */
  fundingParts: { levels: string[]; uses: string[]; fiscalKinds: string[] };
  /** Fen that 财政资金 + 其他资金 may differ from 预算数 (and a plan amount exceed it) before it is reported; 0 = exact. */
  budgetToleranceFen: number;
  /** Categories (standard names, level 1 or 2) whose money targets are the project's cost: such a target may not exceed the budget. */
  costCategories: string[];
  /** Cost categories (level 2) where zero is a target of its own ("no social cost"): unit.cost-zero leaves them alone. */
  costZeroAllowed: string[];
  /** The words of a cost row's name that say only "the whole cost" (duplicate.cost-restates-budget): 项目, 总, 成本, 控制, 不超过, 预算 … */
  costRestatement: { words: string[] };
  /** duplicate.same-words-every-row: the fewest rows of a table whose every row saying the same words is reported. */
  sameWordsMinRows: number;
  /**
   * Kinds of project told by their name (mismatch.indicator-of-other-project): `projectWords` in a project's name make it
   * one; `ownWords` are what its own indicators speak of; `markers` in an indicator's name say it is about this kind of
   * work. An indicator of a project of one kind with another kind's marker, none of its own words, and a marker its
   * project's name, goals and uses never mention belongs to another project.
   */
  projectKinds: { name: string; projectWords: string[]; ownWords: string[]; markers: string[] }[];
  /** A category written without its trailing 指标 ("数量" for 数量指标) counts as the standard name (no taxonomy finding). */
  acceptShortCategoryNames: boolean;
  /**
   * Whether the region asks for the national category names (issue 55): then a category written otherwise (a synonym,
   * a province's own name such as 满意度指标 under 满意度指标) gets an info remark naming the national name. Off, a
   * name the framework reads as a standard category is the form's or the region's own, and nothing is said.
   */
  nationalCategoryNames: boolean;
  /**
   * 指标值确定依据 that name an outcome, not where the target comes from ("年底实际情况"): a basis must exist when
   * the target is set (a plan, a standard, past values, the budget, a document).
   */
  basisOutcomes: string[];
  /** Instructions of the official form left where the department's own text should be ("由预算部门根据…确定", "填写说明"). */
  templateText: string[];
  /**
   * The same, as patterns (regular-expression sources) for the forms a fixed phrase cannot name: an instruction
   * addressed to whoever fills in the form ("主要说明……", "根据……填写", "请填写…", "本栏…"), a placeholder ("××项目",
   * "≥**%"), a length limit ("限200字"). Tried after `templateText`; the matched text is quoted.
   */
  templatePatterns: string[];
  /** The goal rules (rules/goals.ts). */
  goals: GoalsConfig;
  /** Targets that point to a standard without stating it ("达到上级要求", "达成市级目标"): nothing to check at year end. */
  unverifiableStandards: string[];
  /**
   * Values that say nothing (vague.meaningless-value): a percentage on a name that measures nothing (a `sloganVerbs` slogan
   * with none of `measureWords`: "促进…协调发展 100%"); an answer of `affirmations` on a benefit row ("是", "支持"); a bare grade of
   * `benefitGrades` on a benefit row ("良好"); a sentence of at least `proseLength` characters with a comma, or of twice that.
   */
  meaningless: { measureWords: string[]; sloganVerbs: string[]; affirmations: string[]; benefitGrades: string[]; proseLength: number };
  /**
   * Which way a target's bound must point: a rate whose name has a `higher` word (完成率, 覆盖率 …) needs a lower
   * bound (≥), unless a `lower` word (差错率, 投诉率 …) says less is better. Satisfaction needs ≥; a cost total needs ≤.
   */
  bounds: { higher: string[]; lower: string[] };
  /** Arithmetic of quantities and unit prices: a product within this share of the amount compared agrees (rounded unit prices). */
  arithmetic: {
    tolerancePercent: number;
    /** Words in a cost indicator's name or description that make its amount a price per unit, with the unit they mean. */
    perUnitWords: [word: string, per: string][];
    /** Words in a money output's name or description that make it money paid out (拨付, 发放 …) and words that make it other money (引进资金 …). */
    paidOutWords: string[];
    notPaidOutWords: string[];
    /**
     * One row's own arithmetic (budget.row-product: "200户 × 每户每月10元 × 12个月" against its amount): a product above
     * the amount by more than this share of it is reported; below it, only by more than this share and more than one
     * unit of the amount's last written digit ("3万元" for 2.88万元 is rounding up).
     */
    rowTolerancePercent: number;
  };
  /** Category placement (rules/placement.ts). */
  placement: {
    /** Words a satisfaction measure's name ends with (满意度, 满意率); a name that ends otherwise measures something else. */
    satisfactionHeads: string[];
    /** Level-2 categories (standard names) of ecological benefits. */
    ecologicalLevel2: string[];
    /** Words of staffing and running costs: an ecological indicator about them (and about nothing of `ecologicalWords`) is misplaced. */
    staffingWords: string[];
    /** Words that make an indicator ecological (生态, 环境, 绿化, 林, 水 …): any of them keeps it where it is. */
    ecologicalWords: string[];
    /** Words before a year that make it a baseline or a history, not the year of the work ("较2024年", "自2019年"). */
    yearBaselineWords: string[];
    /** Words in the clause of a past year that make paying or settling last year's entitlement plausible (info only). */
    pastEntitlementWords: string[];
  };
  /**
   * A table made of copied template rows: at least `minShareOfRows` of a project's rows (and two rows) are rows
   * (name, description, value) that at least `minProjects` projects of the document repeat.
   */
  templateTable: { minProjects: number; minShareOfRows: number };
  /** Projects whose tables are the same but for their cost rows, while the largest budget is at least `budgetRatio` times the smallest. */
  sameTable: { budgetRatio: number };
  /**
   * Header fields and indicator columns the national rules or monitoring need (missing.form-lacks-fields): a form that
   * lacks one is told once per document, as a note that costs nothing; a field the form lacks is never "missing".
   * `goals` is given by either goals field (one cell, or 中长期 + 年度).
   */
  formNeeds: { fields: FormFieldRole[]; columns: FormColumnRole[] };
  /** Rules switched off or given another severity here. */
  severityOverrides: Record<string, Severity | 'off'>;
  scoring: ScoringConfig;
}

/** Settings of the goal rules (rules/goals.ts). */
export interface GoalsConfig {
  /** A project whose budget is at least this many fen (100万元 by default) and whose goals have no number at all is reported (vague.goals-without-number). */
  numberFromFen: number;
  /**
   * An annual goal is nearly the long-term goal when, with numbering, years, period words and punctuation removed,
   * the Dice coefficient of their character pairs is at least this (and their other numbers are the same).
   */
  longTermSimilarity: number;
  /** Words of a period removed before the annual and long-term goals are compared ("本年度", "项目期内"). */
  periodWords: string[];
  /**
   * A goal that states no result: each of its clauses is "[lead] [generic object] [adverb] verb" ("保障单位正常运转",
   * "推动工作开展", "确保各项工作顺利进行") or a means ("通过发放经费"). Without an adverb a lead and a generic
   * object are needed ("推动工作开展"); the object must end in a generic head ("工作", "单位" …) and have no number.
   */
  /**
   * A clause that only says work goes on ([lead] [generic object] [adverb] verb), or only that a generic level improves
   * (`improve` + `generalLevels`: "提升服务水平", "提高工作效率"), states no result.
   */
  noResult: { leads: string[]; adverbs: string[]; verbs: string[]; genericHeads: string[]; means: string[]; improve: string[]; generalLevels: string[]; duties: string[] };
  /** The same no-result goal in at least this many projects of a document is one grouped finding (duplicate.copied-goal-without-result). */
  copiedMinProjects: number;
  /** Two-character pieces too common to tell what a goal's quantity is about (missing.goal-not-measured). */
  commonPieces: string[];
  /** Units that count the same thing as another ("95名" and "≥95人"), for missing.goal-not-measured. */
  unitAliases: Record<string, string>;
  /**
   * Goals that restate the unit's duties (vague.goal-restates-duties): a clause "履行…职责", "承担…职能" (a `lead`, then
   * within 20 characters one of `words`), or at least two clauses — and `minShare` of all the goals' clauses — that begin
   * with a duty verb ("贯彻执行…", "负责…", "承担…", "拟订…").
   */
  duties: { verbs: string[]; leads: string[]; words: string[]; minShare: number };
  /**
   * Goals written as a report of work done (vague.goal-past-summary): a verb of `done` followed by 了 ("完成了", "得到了"),
   * 已/已经 before a verb, a report's first person (`firstPerson`: "我局", "我中心") or "圆满完成"; two of these, or one
   * with the first person or 圆满. A goal that begins with an aim (`aims`: "确保", "力争") is a goal.
   */
  pastSummary: { done: string[]; firstPerson: string[]; aims: string[] };
}

export interface ScoringConfig {
  /** Points a finding costs, by severity. */
  deduction: Record<Severity, number>;
  /** At most this many points lost to one rule in one project (so one repeated defect does not sink it alone). */
  capPerRule: number;
  /** Review outcome by score: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (lifecycle.md). */
  bands: { grade: '优' | '良' | '中' | '差'; min: number }[];
  /**
   * The best grade a project can reach whatever its points (docs/review-calibration.md): a finding of one of
   * `rules` caps the grade there (no indicator table, no measurable output: 差; a copied template table: 中); any
   * error caps it at `anyError` (优 needs no error); defects of that many distinct output indicators
   * (`outputDefects.level1`; findings of at least warning severity in `categories` or of `rules`) cap it by `caps`.
   */
  /**
   * Blank header fields (项目编码, 资金用途, 支出计划, 资金来源 …): form completeness, which target quality outweighs (issue 30).
   * Their findings cost `points` by severity, all of `rules` together at most `cap` per project, and they never
   * count for `gradeCaps.anyError`: a blank header field alone neither caps a project's grade nor sinks it.
   */
  headerFields: { rules: string[]; points: Record<Severity, number>; cap: number };
  /** Rules whose findings cost no points and cap no grade (notes about the form, not defects of the table). */
  noPoints: string[];
  gradeCaps: {
    rules: Record<string, '优' | '良' | '中' | '差'>;
    anyError: '优' | '良' | '中' | '差';
    outputDefects: { level1: string; categories: string[]; rules: string[]; caps: { count: number; grade: '优' | '良' | '中' | '差' }[] };
  };
}

export const DEFAULT_REVIEW_CONFIG: ReviewConfig = {
  id: 'default-2025',
  requiredLevel1: ['产出指标', '效益指标', '满意度指标'],
  requiredLevel2: { 产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'] },
  unitFamilies: {
    percent: ['%', '‰', '百分比', '百分点'],
    money: ['元', '万元', '亿元', '千元', '万'],
    time: ['年', '月', '个月', '天', '日', '工作日', '小时', '周', '季度', '分钟'],
    count: [
      '个', '人', '次', '场', '场次', '件', '户', '家', '所', '台', '套', '份', '项', '篇', '期', '批', '张', '本', '册',
      '人次', '户次', '名', '队', '支', '条', '处', '座', '辆', '部', '间', '栋', '村', '社区', '单位', '课时', '学时', '门',
      '种', '类', '块', '幅', '条次', '起', '宗', '例', '例次', '剂次', '剂', '册次', '班', '期次', '轮',
      // units forms print in an indicator's name ("接访数量（件次/年）", "文件整理数量（箱）", "文件印制数量（千印）")
      '件次', '篇次', '箱', '印',
    ],
    measure: ['平方米', '米', '公里', '千米', '吨', '亩', '立方米', 'm²', 'km', '公顷', '千克', '斤', '千瓦'],
  },
  level2Units: {
    数量指标: ['count', 'measure', 'time'],
    成本指标: ['money'],
    服务对象满意度指标: ['percent'],
    质量指标: ['percent'],
    时效指标: ['time', 'percent'],
  },
  unitHints: {
    byCategory: { 满意度指标: '%', 服务对象满意度指标: '%', 成本指标: '万元' },
    byWord: [
      ['满意', '%'], ['率', '%'], ['比例', '%'], ['占比', '%'], ['比重', '%'], ['百分比', '%'], ['覆盖面', '%'],
      ['人次', '人次'], ['人数', '人'], ['人员', '人'], ['户数', '户'], ['件数', '件'], ['次数', '次'], ['场次', '场次'],
      ['个数', '个'], ['家数', '家'], ['天数', '天'], ['面积', '平方米'], ['数量', '个'],
      ['金额', '万元'], ['资金', '万元'], ['经费', '万元'], ['费用', '万元'], ['补贴', '万元'], ['补助', '万元'], ['支出', '万元'],
    ],
    percentFrom: 50,
  },
  magnitudeOnlyUnits: { 万: '万元', 亿: '亿元', 千: '千元' },
  satisfaction: { level1: '满意度指标', minPercent: 80, maxPercent: 100 },
  vaguePhrases: [
    '显著提高', '显著提升', '明显提高', '明显提升', '有效保障', '有效提升', '有效提高', '得到提升', '得到提高', '得到保障',
    '进一步提高', '进一步提升', '进一步加强', '有所提高', '有所提升', '逐步提高', '不断提升', '不断提高', '稳步提升',
    '大幅提升', '明显改善', '持续改善', '得到改善', '成效明显', '效果明显', '较好', '良好', '提高', '提升', '改善', '增强',
    '促进', '加强', '保障', '积极', '较高', '明显', '显著', '长期', '持续',
    // found in the fixtures (进一步改善, 有效增强, 有效落实, 持续提升, 更加坚定, 及时) and common in others
    '进一步改善', '进一步保障', '进一步', '有效增强', '有效落实', '有效', '持续提升', '更加', '日益', '一定程度', '逐步', '力争',
    '大力', '有力', '及时', '按时', '按期', '尽快',
  ],
  grades: ['优', '优秀', '良', '良好', '中', '合格', '达标', '好', '较好', '高', '较高'],
  vagueSeverity: {
    数量指标: 'error',
    成本指标: 'error',
    满意度指标: 'error',
    效益指标: 'warning',
  },
  vagueDefault: 'warning',
  numericLevel2: ['数量指标', '成本指标', '服务对象满意度指标'],
  wordsForRate: ['率', '比例', '比重', '占比', '百分比', '覆盖面', '比值', '之比'],
  wordsForMoney: ['金额', '数额', '总额', '资金', '经费', '费用', '成本', '支出', '补贴', '补助', '工资', '薪酬', '租金'],
  wordsForCount: ['次数', '人数', '数量', '个数', '场次', '户数', '家数', '件数', '人次', '批次'],
  basisStandards: {
    计划标准: ['计划标准', '计划', '年初计划', '工作计划', '计划数', '实施方案', '预算指标', '预算数', '相关文件', '文件', '部内标准', '部内指标', '工作实际', '实际数量'],
    行业标准: ['行业标准', '国家标准', '省级标准', '市级标准', '市级目标', '政策标准', '政策规定', '政策文件', '上级文件'],
    历史标准: ['历史标准', '历史数据', '历史经验', '往年', '上年', '三年平均'],
    预算支出标准: ['预算支出标准', '支出标准', '预算测算', '测算', '定额标准', '预算标准'],
    其他标准: ['问卷调查', '调查问卷', '满意度调查', '实地走访', '社会调查', '其他'],
  },
  boilerplate: { minProjects: 5, minShare: 0.3, infoLevel1: ['满意度指标'] },
  satisfactionWords: ['满意', '认可度', '好评', '获得感', '幸福感', '满足感'],
  measureReading: {
    tails: ['情况', '数', '额', '总额', '总数', '总量', '数额', '值', '标准', '指标'],
    notRate: ['频率', '效率', '功率', '概率'],
    moneyTopics: ['资金', '经费', '费用', '支出', '补贴', '补助', '工资', '薪酬', '租金'],
  },
  partOneAmounts: {
    notTotal: [
      '每', '人均', '平均', '单价', '标准', '/', '其中', '含', '包括', '包含',
      '上年', '去年', '以前年度', '同比', '增加', '减少', '节约', '累计', '总投资', '两年', '三年', '五年',
      // the department's own amounts (mismatch.part-one-department-amount compares them with its whole-budget table)
      '预算总额', '资金总额', '收支总预算', '支出总预算', '部门预算', '单位预算', '基本支出',
    ],
    nameSuffixes: ['专项经费', '专项资金', '工作经费', '经费', '费用', '资金', '项目', '费'],
    commonPieces: ['开展', '完成', '全年', '年度', '组织', '共计', '不少', '少于', '达到', '实现', '工作', '举办', '进行', '计划', '累计', '数量', '总数', '以上', '本年'],
  },
  planComplete: { percent: 100, tolerancePercent: 0.5 },
  budgetToleranceFen: 0,
  fundingParts: {
    levels: ['中央', '省级', '省', '自治区', '市级', '市', '州级', '州', '盟', '县级', '县', '区级', '区', '旗', '乡镇', '乡级', '镇级', '上级', '本级', '同级'],
    uses: ['用于', '其中用于'],
    // the kinds of fiscal money a form lists under 财政拨款 (小计): parts of it, never added to it
    fiscalKinds: ['一般公共预算', '政府性基金', '国有资本经营预算'],
  },
  costCategories: ['成本指标'],
  costZeroAllowed: ['社会成本指标', '生态环境成本指标'],
  costRestatement: {
    words: [
      '项目', '本项目', '年度', '全年', '预算', '总成本', '成本', '总支出', '支出', '总额', '总费用', '费用', '总金额', '金额', '数额', '资金', '经费', '投入',
      '总量', '总', '控制在', '控制', '不超过', '不高于', '低于', '小于等于', '以内', '之内', '范围内', '内', '在', '数', '的', '合计',
    ],
  },
  sameWordsMinRows: 4,
  projectKinds: [
    {
      name: '农田建设',
      projectWords: ['高标准农田', '农田建设', '农田水利', '耕地提质', '土地整治'],
      ownWords: ['农田', '田间', '机耕', '生产路', '灌溉', '灌排', '排水', '渠', '泵站', '土地平整', '耕地', '粮食', '土壤', '亩', '农业'],
      markers: ['农田', '耕地'],
    },
    {
      name: '道路交通',
      projectWords: ['公路', '道路', '路网', '桥梁', '街巷'],
      ownWords: ['公路', '道路', '路面', '路基', '桥', '隧道', '边沟', '护栏', '交通', '通行', '里程', '路'],
      markers: ['道路', '公路', '路面硬化', '桥梁'],
    },
    {
      name: '供水饮水',
      projectWords: ['饮水', '供水', '自来水'],
      ownWords: ['供水', '饮水', '水厂', '管网', '水质', '净水', '消毒', '入户', '水源', '自来水', '取水', '用水'],
      markers: ['供水', '饮水', '自来水', '水厂'],
    },
    {
      name: '防洪治河',
      projectWords: ['堤防', '防洪', '河道治理', '水库除险', '中小河流'],
      ownWords: ['堤', '防洪', '河道', '护岸', '水库', '泄洪', '河'],
      markers: ['堤防', '堤坝', '护岸', '防洪'],
    },
    {
      name: '灌区灌溉',
      projectWords: ['灌区', '灌溉'],
      ownWords: ['灌溉', '灌区', '渠', '节水', '亩'],
      markers: ['灌溉', '灌区'],
    },
  ],
  acceptShortCategoryNames: true,
  nationalCategoryNames: false,
  basisOutcomes: ['年底实际情况', '年末实际情况', '年底实际', '年末实际', '实际完成情况', '实际发生', '据实结算', '以实际为准', '完成后确定'],
  templateText: [
    '由预算部门根据', '由部门根据', '由单位根据', '包括总目标、年度目标', '包括总目标和年度目标', '填写说明', '填表说明', '填报说明',
    '请在此填写', '此处填写', '在此填写', '示例：', '示例:', '（示例）', '(示例)', '××', 'XXX', 'xxx',
  ],
  templatePatterns: [
    // an instruction to whoever fills in the form: "主要说明项目的背景…", "主要阐述部门为实现…", "根据项目实际情况填写。", "请填写…", "应填写…"
    '(?:^|[\\s：:（(。；;])主要(?:说明|阐述|描述|反映)',
    '根据[^。；;，,]{0,30}(?:填(?:写|列)|设定[^。；;，,]{0,12}标准)(?=$|[。；;，,）)])',
    '(?<![申邀提聘宴恳报])请(?:填写|填报|根据|按照?|在此|如实|务必|注意|参照)',
    '应当?填(?:写|列)',
    '填列',
    // a cell holding only the form's bracketed hint: "（填写量化指标值）", "(填报具体数值)"
    '^[（(]\\s*填(?:写|报)[^）)]{0,20}[）)]$',
    '(?:本|此|该)栏(?!目)',
    '(?:限|不超过|不少于)\\d+字|\\d+字以内',
    // placeholders: "××项目", "XX单位", "≥**%"
    '(?<![A-Za-z])[xX]{2,}(?![A-Za-z])',
    '[*＊]{2,}',
  ],
  goals: {
    numberFromFen: 100_000_000,
    longTermSimilarity: 0.85,
    periodWords: ['项目实施期内', '项目期内', '实施期内', '本年度', '年度内', '本年', '当年', '全年', '年度', '每年', '期内'],
    noResult: {
      leads: ['保障', '保证', '确保', '推动', '推进', '维持', '维护', '促进', '保持', '实现'],
      adverbs: ['正常', '顺利', '有序', '平稳', '稳定', '健康', '高效', '圆满', '及时'],
      verbs: ['开展', '运转', '运行', '进行', '推进', '完成', '落实', '实施', '进展', '拨付'],
      genericHeads: ['工作', '业务', '事务', '任务', '单位', '机构', '部门', '机关', '办公', '事业', '职能', '日常', '资金'],
      // the unit's duty restated as its goal ("负责全县道路运输行政执法工作"): what it is for, not what this year achieves
      duties: ['负责', '承担', '履行'],
      means: ['通过', '利用', '依托', '用于'],
      improve: ['提升', '提高', '增强', '改善', '加强'],
      generalLevels: [
        '服务水平', '工作水平', '管理水平', '保障水平', '服务保障水平', '服务质量', '工作质量', '工作效率', '服务效率', '管理效率', '服务能力',
        '保障能力', '履职能力', '管理能力', '工作能力', '工作成效', '服务效能', '工作效能', '整体水平', '综合能力',
      ],
    },
    copiedMinProjects: 3,
    commonPieces: ['开展', '完成', '全年', '年度', '本年', '实现', '达到', '不少', '少于', '以上', '累计', '共计', '计划', '工作', '进行', '组织', '确保', '保障', '保证', '推动', '做好', '全面', '其中', '合计', '新增', '力争'],
    unitAliases: { 名: '人', 位: '人' },
    duties: {
      verbs: [
        '贯彻执行', '贯彻落实', '贯彻', '拟订', '拟定', '起草', '负责', '承担', '组织实施', '组织指导', '组织协调', '指导', '监督管理', '监督检查',
        '监督', '统筹', '协调', '管理', '参与', '研究拟订', '研究制定', '制定', '审核', '审批', '受理', '执行', '推动落实',
      ],
      // "发挥…职能" is as often the purpose of the money ("充分发挥部门职能") as the duty itself: not a lead
      leads: ['履行', '承担', '行使'],
      words: ['职责', '职能'],
      minShare: 2 / 3,
    },
    pastSummary: {
      done: [
        '完成', '实现', '开展', '取得', '发放', '落实', '保障', '推进', '提升', '提高', '建成', '达到', '得到', '形成', '发挥', '举办', '组织', '召开',
        '解决', '化解', '改善', '增强', '加强', '健全', '完善', '兑现', '拨付', '支付', '购置', '采购', '印发', '出台', '制定', '修订', '建立', '覆盖',
        '启动', '开通', '上线', '投入', '惠及', '确保', '保证', '维护', '推动', '促进', '满足',
      ],
      // the unit speaking of itself, as a report does ("我市", "我区" name the place a goal is about: not these)
      firstPerson: ['我局', '我单位', '我中心', '我院', '我委', '我部', '我办', '我所', '我站', '我校', '我馆', '我队', '我处', '我科', '我厅', '本单位', '本局', '本中心'],
      aims: ['确保', '力争', '计划', '拟', '将', '争取', '预计', '预期', '要', '努力'],
    },
  },
  meaningless: {
    measureWords: [
      '率', '比', '度', '占', '覆盖', '百分', '指数', '水平', '程度', '满意', '知晓', '达标', '合格', '完成', '到位', '执行', '使用', '利用', '参与',
      '增长', '下降', '降低', '减少', '增加', '人次', '人数', '次数', '数量', '面积', '里程', '金额', '时长', '天数', '个数', '户数', '规模', '份额',
    ],
    sloganVerbs: ['促进', '推动', '实现', '提升', '提高', '增强', '保障', '确保', '维护', '助力', '推进', '加快', '改善', '巩固', '打造', '营造', '发挥', '带动', '助推'],
    affirmations: ['是', '有', '否', '支持', '正常', '已完成', '完成', '达到', '实现', '保持'],
    benefitGrades: ['良好', '好', '较好', '很好', '优良', '优', '优秀', '较高', '高', '明显'],
    proseLength: 14,
  },
  unverifiableStandards: [
    '达到上级要求', '达到上级标准', '符合上级要求', '达成市级目标', '达到市级目标', '达成省级目标', '达到省级目标', '达成目标要求', '达到目标要求',
    '达到先进水平', '先进水平', '达到要求', '符合要求', '满足要求', '按要求完成', '按要求', '达到标准', '符合标准', '上级要求', '市级目标',
  ],
  bounds: {
    higher: [
      '完成率', '覆盖率', '到位率', '及时率', '发放率', '合格率', '达标率', '执行率', '使用率', '利用率', '知晓率', '参与率', '精准率', '准确率',
      '正确率', '完好率', '验收率', '通过率', '满意率', '满意度', '支付率', '兑现率', '开班率', '办结率', '解决率', '受益率', '入学率', '就业率',
    ],
    lower: ['差错率', '错误率', '投诉率', '事故率', '发生率', '违规率', '故障率', '失误率', '误差率', '空置率', '超支率', '流失率', '返工率', '退回率'],
  },
  arithmetic: {
    tolerancePercent: 2,
    perUnitWords: [
      ['人均', '人'], ['每人', '人'], ['每名', '人'], ['每个', '个'], ['单个', '个'], ['每户', '户'], ['每队', '队'], ['每村', '村'],
      ['每月', '月'], ['月均', '月'], ['平均每月', '月'],
    ],
    paidOutWords: ['拨付', '发放', '支付', '兑现', '下达', '补贴资金', '补助资金'],
    notPaidOutWords: ['引进', '招商', '到位资金', '撬动', '带动', '吸引', '投资', '融资', '营收', '收入', '产值', '税收', '节约', '标准'],
    rowTolerancePercent: 1,
  },
  placement: {
    satisfactionHeads: ['满意度', '满意率'],
    ecologicalLevel2: ['生态效益指标'],
    staffingWords: ['人员', '编制', '工资', '在岗', '在职', '职工', '干部', '薪酬', '津贴', '社保', '公积金', '福利', '机构运转', '正常运转', '办公'],
    ecologicalWords: [
      '生态', '环境', '环保', '绿', '植', '林', '草', '花', '树', '水', '河', '湖', '海', '湿地', '土', '耕地', '沙', '污', '排放', '排污', '碳',
      '能耗', '节能', '能源', '资源', '垃圾', '废', '野生', '动物', '鸟', '鱼', '空气', '大气', '噪', '扬尘', '农药', '化肥', '秸秆', '防火', '自然', '气候', '矿',
    ],
    yearBaselineWords: ['较', '比', '同比', '相比', '对比', '自', '从', '截至', '截止', '以来', '基础上', '结转', '结余', '上年', '历年', '以前'],
    pastEntitlementWords: ['发放', '兑现', '拨付', '支付', '补发', '结算', '清算', '决算', '审计', '考核', '评价', '总结', '奖励', '奖补', '表彰', '验收', '偿还', '还款', '下达', '提前'],
  },
  templateTable: { minProjects: 5, minShareOfRows: 0.66 },
  sameTable: { budgetRatio: 10 },
  // what the national 项目支出绩效目标申报表 (财预〔2015〕88号) itself has: 项目编码, 资金支出计划 and 指标值确定依据 are one
  // province's additions, which a form of another province lacks without any defect (calibration, issue 30)
  formNeeds: { fields: ['total', 'goals'], columns: ['name', 'target'] },
  severityOverrides: {},
  scoring: {
    deduction: { error: 8, warning: 3, info: 0.5 },
    capPerRule: 12,
    bands: [
      { grade: '优', min: 90 },
      { grade: '良', min: 80 },
      { grade: '中', min: 60 },
      { grade: '差', min: 0 },
    ],
    headerFields: {
      rules: ['missing.project-code', 'missing.project-name', 'missing.budget-total', 'missing.fund-source', 'missing.purpose', 'missing.spending-plan'],
      points: { error: 3, warning: 2, info: 0.5 },
      cap: 9,
    },
    noPoints: ['missing.form-lacks-fields'],
    gradeCaps: {
      rules: {
        'missing.indicators': '差',
        'missing.measurable-output': '差',
        'duplicate.template-table': '中',
        // goals a reviewer sends back to be rewritten, and an indicator in the wrong category (issue 30 §3, §5); goals
        // that all state no result (the warning; one such goal among others is a note, which caps nothing)
        'duplicate.annual-goal-copies-long-term': '良',
        'vague.goal-without-result': '良',
        'missing.goal-not-measured': '良',
        'duplicate.copied-goal-without-result': '良',
        'taxonomy.satisfaction-misplaced': '良',
        'taxonomy.ecological-about-staffing': '良',
        'mismatch.past-year-in-text': '良',
        // the goal says one number, its indicator another; a row written twice (issue 30's calibration, L–U)
        'mismatch.goal-vs-indicator': '良',
        'duplicate.indicator-in-project': '良',
        // the defects a reviewer raises first (issue 73): no 优 with any of them
        'vague.goal-restates-duties': '良',
        'vague.goal-past-summary': '良',
        'vague.meaningless-value': '良',
        'duplicate.same-words-every-row': '良',
        'duplicate.annual-targets-copy-long-term': '良',
        'unit.date-serial': '良',
        'mismatch.indicator-of-other-project': '良',
        'mismatch.narrative-budget': '良',
      },
      anyError: '良',
      outputDefects: {
        level1: '产出指标',
        categories: ['unit', 'vague', 'budget'],
        rules: ['mismatch.name-vs-value', 'mismatch.rate-value-not-rate', 'mismatch.target-vs-explanation', 'mismatch.deadline-year'],
        caps: [
          { count: 1, grade: '良' },
          { count: 2, grade: '中' },
        ],
      },
    },
  },
};

/** Which settings a (region, year) uses: the most specific rule wins. */
export type ReviewConfigAssignment = ConfigAssignment<ReviewConfig>;

export const REVIEW_CONFIG_ASSIGNMENTS: readonly ReviewConfigAssignment[] = [];

/**
 * The settings for a region (division code prefix, e.g. "1302") and budget year: the defaults,
 * overlaid by each applicable assignment from the least to the most specific.
 */
export function selectReviewConfig(year: number | null, region?: string | null): ReviewConfig {
  // The same settings object for the same (year, region): the review keeps caches per settings object (memo.ts), which
  // an overlay made afresh for each document would start empty every time. The assignments are constants of the code.
  const key = `${year ?? ''}|${region ?? ''}`;
  let config = chosenConfigs.get(key);
  if (config === undefined) {
    if (chosenConfigs.size >= 4096) chosenConfigs.clear();
    chosenConfigs.set(key, (config = selectConfig(DEFAULT_REVIEW_CONFIG, REVIEW_CONFIG_ASSIGNMENTS, year, region)));
  }
  return config;
}

const chosenConfigs = new Map<string, ReviewConfig>();
