/**
 * What the layouts of 绩效目标表 across the country call things: the labels of a project's form
 * (项目名称, 主管部门及编码, 年度资金申请总额 …), of a department's whole-budget table (部门预算编码,
 * 基本支出, 年度履职目标 …), the rows that are never data (填表人, 财政部门审核意见), captions and
 * titles. Data, not code: a new spelling found in a document is a line here, and the parser
 * (src/server/importers/parse/) stays the same.
 *
 * Labels are compared after normalizeLabel: half-width, no whitespace, no trailing colon, a
 * trailing unit in brackets taken off ("项目资金（元）" → 项目资金, unit 元) and a leading "其中:" taken
 * off and remembered ("其中：财政资金" → 财政资金). Pure code: runs in the importer and the browser.
 */
import { compactLabel, isSpace, memoByText, stripBookmarks } from '../domain/text';

/** A labelled value of a project's form. */
export type ProjectLabelKey =
  | 'name'
  | 'code'
  /** The budget unit: 预算部门, 预算单位, 单位名称 … */
  | 'budgetDepartment'
  /** The department in charge: 主管部门, 主管部门及编码, 项目主管部门, 预算主管部门. */
  | 'supervisor'
  | 'implementer'
  | 'nature'
  | 'category'
  | 'startDate'
  | 'endDate'
  | 'period'
  | 'basis'
  /** 执行率分值（10分）: the points the year's spending rate weighs (陕西's forms), kept as written (issue 68). */
  | 'executionScore'
  /** A label over a group of money rows: 预算规模及资金用途, 项目资金, 资金情况 … (its unit applies to them). */
  | 'moneyGroup'
  /** This year's total: 预算数, 年度资金申请总额, 年度本级预算金额 … */
  | 'annualTotal'
  /** The whole project's total over its period: 项目资金总额, 项目总预算 … */
  | 'projectTotal'
  | 'fiscal'
  | 'other'
  /** A further line of money: 上年结转资金, 区级资金, 上级资金 … */
  | 'fundingLine'
  | 'purpose'
  | 'plan'
  /** This year's goals: 绩效目标, 年度绩效目标, 年度总体目标, 年度目标. */
  | 'goals'
  /** The goals over the whole period: 项目总目标, 长期目标, 中长期目标. */
  | 'longTermGoals'
  /** A label over the indicator rows (年度绩效指标 …): never a value. */
  | 'indicatorGroup'
  /** The unit of the table's amounts: "单位：万元" in a cell of its own, beside other fields. */
  | 'unit'
  /** A signature or a contact in a form row (联系人, 联系电话, 填表人 …): a label that ends the value before it, never stored. */
  | 'contact'
  /** The budget year: only a form template names a label for it (issue 54; shared/domain/form-template.ts). */
  | 'year';

/** A labelled value of a department's whole-budget targets (部门整体支出绩效目标表). */
export type DepartmentLabelKey =
  | 'departmentName'
  | 'budgetCode'
  | 'annualBudget'
  | 'deptTotal'
  | 'projectSpending'
  | 'basicSpending'
  | 'deptGoals'
  | 'duties'
  | 'dutyFunction'
  | 'dutyTask'
  | 'dutyProjects'
  /** 主要内容 beside 任务名称 (the national 部门整体支出绩效目标申报表, issue 68). */
  | 'dutyContent'
  | 'dutyAmount'
  | 'indicatorGroup'
  /** A signature or a contact (联系人, 联系电话 …): ends the value before it, never stored. */
  | 'contact';

export interface LabelRule<K extends string> {
  key: K;
  /** Normalised labels (see normalizeLabel). */
  labels?: readonly string[];
  /** For families too many to list ("…级资金"). Tested after every `labels` list. */
  pattern?: RegExp;
}

/** Signatures and contacts written beside a form's fields: labels that end the value before them (never stored). */
const CONTACT_LABELS: readonly string[] = ['联系人', '联系电话', '电话', '手机', '填表人', '填报人', '经办人', '项目负责人', '单位负责人', '财务负责人', '负责人', '联系方式', '填表日期', '填报日期', '项目负责人及联系电话', '负责人及联系电话', '联系人及联系电话', '联系人及电话', '项目联系人', '项目联系人及电话'];

export const PROJECT_LABELS: readonly LabelRule<ProjectLabelKey>[] = [
  { key: 'name', labels: ['项目名称', '项目支出名称', '项目全称', '预算项目名称', '二级项目名称', '项目名', '专项(项目)名称', '项目(专项)名称', '专项名称', '政策(项目)名称', '项目(政策)名称'] },
  { key: 'code', labels: ['项目编码', '项目代码', '项目编号', '预算项目编码', '项目支出编码'] },
  { key: 'budgetDepartment', labels: ['预算部门', '预算单位', '单位名称', '部门名称', '预算部门名称', '预算单位名称', '部门(单位)名称', '申报单位', '填报单位', '申报单位名称', '填报单位名称', '项目申报单位'] },
  { key: 'supervisor', labels: ['主管部门', '主管部门及编码', '主管部门及代码', '主管单位', '项目主管部门', '预算主管部门', '主管部门名称', '主管预算部门', '主管预算单位'] },
  { key: 'implementer', labels: ['实施单位', '项目实施单位', '项目执行单位', '执行单位', '项目单位', '实施主体'] },
  { key: 'nature', labels: ['项目性质', '项目属性'] },
  { key: 'category', labels: ['项目类别', '项目类型', '项目分类'] },
  { key: 'startDate', labels: ['计划开始日期', '项目开始日期', '开始日期', '计划开工日期', '开始时间'] },
  { key: 'endDate', labels: ['计划完成日期', '计划结束日期', '项目完成日期', '完成日期', '结束日期', '计划竣工日期', '结束时间'] },
  { key: 'period', labels: ['项目支出实施期', '项目实施期', '实施期', '实施期限', '项目起止时间', '起止时间', '项目周期', '实施周期', '项目期限', '执行期限', '项目期'] },
  { key: 'basis', labels: ['立项依据', '项目立项依据', '政策依据'] },
  { key: 'executionScore', labels: ['执行率分值', '预算执行率分值', '资金执行率分值', '执行率权重'] },
  { key: 'moneyGroup', labels: ['预算规模及资金用途', '项目资金', '资金情况', '项目资金情况', '资金来源', '预算规模', '年度资金', '资金规模', '项目预算', '预算情况', '资金金额'] },
  {
    key: 'annualTotal',
    labels: [
      '预算数', '预算总额', '年度预算数', '资金总额', '年度资金总额', '年度资金申请总额', '年度预算金额', '年度本级预算金额',
      '本年预算数', '本年预算', '年度预算', '年度申请资金', '年度资金', '本级预算金额', '预算金额', '年度预算资金', '当年预算数', '年度总预算', '申请资金',
      '当年资金总额', '本年资金总额', '本年度资金总额', '项目金额', '本年度申请财政预算资金', '申请财政预算资金', '本年度申请资金', '本年度预算资金', '年度项目金额', '本年度项目资金', '年度申请预算资金', '当年年度预算', '当年预算', '项目预算金额',
    ],
  },
  { key: 'projectTotal', labels: ['项目资金总额', '项目总预算', '项目总投资', '项目预算总额', '项目总金额', '总投资', '项目总资金', '项目资金总计', '中期资金总额', '实施期资金总额', '实施期资金', '实施周期资金总额'] },
  { key: 'fiscal', labels: ['财政资金', '财政拨款', '当年财政拨款', '本年财政拨款', '财政拨款资金', '财政性资金', '本级财政资金'] },
  { key: 'other', labels: ['其他资金', '其它资金', '当年其他资金', '本年其他资金', '本年度其他资金'] },
  // Sources of money by level or kind ("区级资金", "上级补助", "上年结转资金"), not any word ending in
  // 资金 or 补助: "困难人员补助" is a project's name.
  {
    key: 'fundingLine',
    pattern: /^(中央|省级?|自治区级?|盟市级?|旗县级?|市级?|县级?|区级?|乡镇|街道|上级|本级|同级|自筹|自有|单位自有|上年|上年结转|结转|社会|专项|政府性基金|国有资本经营|专项债券|财政专户|事业|经营|其他来源)[\u4e00-\u9fa5]{0,4}(资金|拨款|结转|结余|收入|补助|债券|预算)$/,
  },
  { key: 'purpose', labels: ['资金用途', '项目概况', '主要内容', '项目主要内容', '资金主要用途', '项目内容', '用途'] },
  { key: 'plan', labels: ['资金支出计划'] },
  { key: 'goals', labels: ['绩效目标', '年度绩效目标', '年度总体目标', '年度目标', '本年度绩效目标', '项目年度绩效目标', '年度总目标', '项目绩效目标'] },
  {
    key: 'longTermGoals',
    labels: [
      '项目总目标', '长期目标', '中长期目标', '总体目标', '长期绩效目标', '项目中长期绩效目标', '总目标', '项目总体目标', '中期目标', '中期绩效目标', '项目中期目标', '项目中期绩效目标',
      '实施期目标', '实施期总目标', '实施期绩效目标', '实施周期目标', '实施周期绩效目标', '项目实施期绩效目标', '项目实施期目标', '中长期绩效目标', '总体绩效目标',
    ],
  },
  { key: 'indicatorGroup', labels: ['绩效指标', '年度绩效指标', '项目绩效指标', '长期绩效指标', '中长期绩效指标', '绩效指标内容'] },
  { key: 'unit', labels: ['单位', '金额单位', '计量单位', '资金单位'] },
  { key: 'contact', labels: CONTACT_LABELS },
];

export const DEPARTMENT_LABELS: readonly LabelRule<DepartmentLabelKey>[] = [
  { key: 'departmentName', labels: ['部门(单位)名称', '部门名称', '单位名称', '预算部门', '预算单位', '部门(单位)', '主管部门', '申报单位', '填报单位', '主管预算部门'] },
  { key: 'budgetCode', labels: ['部门预算编码', '预算编码', '部门编码', '单位编码', '部门(单位)编码', '预算单位编码'] },
  { key: 'annualBudget', labels: ['年度预算安排', '年度预算', '年度资金', '预算安排', '年度预算资金', '部门预算'] },
  { key: 'deptTotal', labels: ['资金总额', '预算总额', '年度资金总额', '合计', '总额', '部门预算总额', '金额合计', '总计', '预算金额合计'] },
  { key: 'projectSpending', labels: ['项目支出', '项目支出资金'] },
  { key: 'basicSpending', labels: ['基本支出', '基本支出资金'] },
  { key: 'deptGoals', labels: ['年度总体目标', '年度目标', '整体绩效目标', '部门整体绩效目标', '年度绩效目标', '总体目标', '部门年度总体目标'] },
  { key: 'duties', labels: ['年度履职目标', '年度主要任务', '履职目标', '年度工作任务', '部门职责'] },
  { key: 'dutyFunction', labels: ['部门职能', '职能', '部门职责', '职责'] },
  { key: 'dutyTask', labels: ['年度目标任务', '目标任务', '任务名称', '年度任务', '主要任务', '工作任务'] },
  { key: 'dutyProjects', labels: ['支出项目名称', '对应项目', '项目名称', '支出项目', '对应预算项目'] },
  { key: 'dutyContent', labels: ['主要内容', '任务内容', '工作内容'] },
  { key: 'dutyAmount', labels: ['预算金额', '预算数', '资金', '金额', '预算资金'] },
  { key: 'indicatorGroup', labels: ['绩效指标', '年度绩效指标', '部门整体绩效指标', '整体绩效指标'] },
  { key: 'contact', labels: CONTACT_LABELS },
];

/**
 * Rows that are never data: signatures, contacts and the opinions of the offices that review
 * the form. The parser skips such a row whole (one info diagnostic, without its content: names
 * and phone numbers are not stored anywhere).
 */
export const NON_DATA_LABELS: readonly string[] = [
  '填表人', '填报人', '联系人', '联系电话', '电话', '手机', '经办人', '审核人', '负责人', '单位负责人', '财务负责人', '项目负责人',
  '填表日期', '填报日期', '签字', '签章', '盖章', '(盖章)',
  '财政部门审核意见', '主管部门审核意见', '审核意见', '财政部门意见', '主管部门意见', '部门审核意见', '财政审核意见', '绩效管理部门审核意见',
];

/** Labels of a caption line over a table ("填报单位（盖章）： 金额单位：万元"). */
export const CAPTION_LABELS = {
  /** The unit that fills in the form: a department when it names one, never when left blank for the seal. */
  filler: ['填报单位', '填报单位(盖章)', '申报单位', '申报单位(盖章)', '编制单位', '单位(盖章)'],
  unit: ['金额单位', '单位', '计量单位'],
} as const;

/** A cover page's labelled lines ("预算主管部门：…") that name the department. */
export const COVER_DEPARTMENT_LABELS: readonly string[] = ['预算主管部门', '主管部门', '预算部门', '预算单位', '申报单位', '项目单位', '部门名称', '单位名称'];

/** Headings that open a narrative that comes with a project's table (项目经费情况说明 …). */
export const NARRATIVE_HEADING = /^(项目)?(经费|资金|支出|预算)?(情况说明|说明书?|申报书|申报说明|可行性(研究)?报告|基本情况)$/;

/**
 * A table's title: a project table, or a department's whole-budget table. Matched on the compact
 * title (no whitespace, half-width), bracketed year and the like allowed after it.
 */
export const PROJECT_TABLE_TITLE = /(绩效目标(申报|设定|审核|批复|审批)?表|目标申报表|绩效目标申报审核表)(\(.*\))?$/;
export const DEPARTMENT_TABLE_TITLE = /整体(支出)?绩效目标(申报|设定)?表(\(.*\))?$/;
/** A line that only points at a table ("详见项目绩效目标表") is not its title. */
export const POINTER = /^(详见|见|参见|具体见|另见|附)/;

export interface NormalizedLabel {
  /** The label for lookup: half-width, no whitespace, no trailing colon or unit, no leading 其中. */
  key: string;
  /** A unit in brackets at its end: 元, 万元, %. */
  unit: string | null;
  /** It started with 其中 (a part of the total before it). */
  ofWhich: boolean;
}

const UNIT_SUFFIX = /\((万元|元|%|万)\)$/;

/**
 * A unit of measure in brackets after a label or an indicator's name (`建设规模（亩）`, `养护里程(公里)`): the
 * unit of the value written beside it. Money units are UNIT_SUFFIX's.
 */
export const MEASURE_UNIT_SUFFIX = /\((亩|公顷|公里|千米|米|延米|平方米|平米|立方米|吨|千克|公斤|个|人|人次|户|台|套|辆|次|场|场次|期|所|家|项|份|篇|件|册|本|座|处|条|天|日|小时|年|月|张|株|棵|头|只|批|门|间|栋|床|班|课时|学时|元\/人|元\/户|万元\/个)\)$/;

/**
 * What people write around a label (issue 53): a star for a required field (`*项目名称`, `项目名称*`), a note in
 * brackets (`（必填）`, `（必填硬性指标）`, `（选填）`, `（盖章）`), numbering (`一、`, `1.`, `（二）`). Matched on the
 * compact text (half width, no whitespace).
 */
const DECORATION_MARKS = /^[*★☆※#]+|[*★☆※]+$/g;
const DECORATION_NOTE = /\((?:必填|选填|非必填|可选|可填|必填项|选填项|必填硬性指标|硬性指标|必选|可不填|如有|若有|如适用|盖章|签章|公章|签字|下拉选择|下拉框选择)[^()]{0,6}\)/g;
const LABEL_NUMBERING = /^(?:\d{1,2}[.、]|[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十\d]{1,3}\))(?=[\u4e00-\u9fa5])/;
/** Quick tests: a label is short, and a decoration stands at its start (a star, numbering) or its end (a star, a note in brackets). */
const DECORATED_START = /^\s*[*★☆※#＊(（\d一二三四五六七八九十]/;
const DECORATED_END = /[*★☆※＊)）]\s*[:：]?\s*$/;
const DECORATED_MAX = 40;

/**
 * A label without what people write around it (DECORATION_MARKS, DECORATION_NOTE, LABEL_NUMBERING); null when the
 * text has none of it (the usual case: answered by a quick test).
 * @example undecoratedLabel("*项目名称（必填）：") // "项目名称"
 * @example undecoratedLabel("一、项目名称") // "项目名称"
 */
export function undecoratedLabel(text: string): string | null {
  // asked of every cell that is no label: most are out here (too long, or nothing at either end)
  if (text.length > DECORATED_MAX || !(DECORATED_START.test(text) || DECORATED_END.test(text))) return null;
  const compact = compactLabel(stripBookmarks(text).text).replace(/[:]+$/, '');
  const plain = compact.replace(DECORATION_MARKS, '').replace(DECORATION_NOTE, '').replace(LABEL_NUMBERING, '').replace(/[:]+$/, '');
  return plain === compact || plain === '' ? null : plain;
}
/** A period in brackets after a label, as the older national 申报表 writes it: "中期目标（2025年—2027年）". */
const PERIOD_SUFFIX = /\(\d{4}年?(?:[-—–~至到]+\d{4}年?)?(?:度)?\)$/;

/** Texts longer than this are computed each time, not kept: labels are short, and a table's many long values only pushed the labels out. */
const MEMO_MAX_LENGTH = 40;

/** @example normalizeLabel("其中：财政 资金（元）") // { key: "财政资金", unit: "元", ofWhich: true } */
export const normalizeLabel: (text: string) => NormalizedLabel = memoByText(20_000, MEMO_MAX_LENGTH, normalizeLabelOf);

function normalizeLabelOf(text: string): NormalizedLabel {
  let key = compactLabel(stripBookmarks(text).text).replace(/[:]+$/, '');
  let unit: string | null = null;
  const u = UNIT_SUFFIX.exec(key) ?? MEASURE_UNIT_SUFFIX.exec(key);
  if (u && u.index > 0) {
    unit = u[1] === '万' ? '万元' : u[1]!;
    key = key.slice(0, u.index);
  }
  // the points a field weighs, in brackets after it (执行率分值（10分）): no part of the label (issue 68)
  const points = /\(\d+(?:\.\d+)?分\)$/.exec(key);
  if (points && points.index > 0) key = key.slice(0, points.index);
  const period = PERIOD_SUFFIX.exec(key);
  if (period && period.index > 0) key = key.slice(0, period.index);
  const ofWhich = /^其中[:,]?/.exec(key);
  if (ofWhich) key = key.slice(ofWhich[0].length);
  return { key: key.replace(/[:]+$/, ''), unit, ofWhich: ofWhich !== null };
}

/** A vocabulary made ready for lookups: its labels by text, and by first character for prefixes. */
interface Compiled<K extends string> {
  exact: Map<string, K>;
  patterns: { key: K; pattern: RegExp }[];
  /** Labels of at least two characters, by first character, longest first. */
  byFirst: Map<string, { key: K; label: string }[]>;
}

const compiled = new WeakMap<readonly LabelRule<string>[], Compiled<string>>();

function compile<K extends string>(rules: readonly LabelRule<K>[]): Compiled<K> {
  let c = compiled.get(rules) as Compiled<K> | undefined;
  if (c === undefined) {
    c = { exact: new Map(), patterns: [], byFirst: new Map() };
    for (const rule of rules) {
      for (const label of rule.labels ?? []) {
        if (!c.exact.has(label)) c.exact.set(label, rule.key);
        if (label.length >= 2) c.byFirst.set(label[0]!, [...(c.byFirst.get(label[0]!) ?? []), { key: rule.key, label }]);
      }
      if (rule.pattern) c.patterns.push({ key: rule.key, pattern: rule.pattern });
    }
    for (const list of c.byFirst.values()) list.sort((a, b) => b.label.length - a.label.length);
    compiled.set(rules, c);
  }
  return c;
}

/** The key of a label in a vocabulary; null when the text is not one of its labels. */
export function lookupLabel<K extends string>(rules: readonly LabelRule<K>[], key: string): K | null {
  if (key === '') return null;
  const c = compile(rules);
  const exact = c.exact.get(key);
  if (exact !== undefined) return exact;
  for (const { key: k, pattern } of c.patterns) if (pattern.test(key)) return k;
  return null;
}

/** Labels whose value may follow without a colon when it is a number: "年度本级预算金额120万". */
const BARE_NUMBER_KEYS: ReadonlySet<string> = new Set(['annualTotal', 'projectTotal', 'fiscal', 'other', 'deptTotal', 'projectSpending', 'basicSpending']);

/**
 * The longest label of a vocabulary that starts a cell with its value after it: "项目支出实施期：
 * 2024.03-2024.11" (a colon between them), "年度本级预算金额120万" (an amount right after a money
 * label). Only listed labels (not patterns) are tried; a cell that merely starts with a label's
 * characters ("其他运转类") is not one.
 */
export function splitLabelPrefix<K extends string>(rules: readonly LabelRule<K>[], text: string): { key: K; label: string; value: string } | null {
  const compact = compactLabel(stripBookmarks(text).text);
  const candidates = compile(rules).byFirst.get(compact[0] ?? '');
  if (candidates === undefined) return null;
  const best = candidates.find((c) => compact.length > c.label.length && compact.startsWith(c.label)) ?? null;
  if (best === null) return null;
  const afterUnit = compact.slice(best.label.length).replace(/^\((万元|元)\)/, '');
  const rest = afterUnit.replace(/^[:]+/, '');
  if (rest === '') return null;
  if (!afterUnit.startsWith(':') && !(BARE_NUMBER_KEYS.has(best.key) && /^[\d.]/.test(rest))) return null;
  // The value keeps its original spacing: find where the label ends in the original text.
  return { ...best, value: valueAfterLabel(text, best.label) };
}

/** The original text after the characters of `label` (whitespace inside the label skipped) and a colon. */
function valueAfterLabel(text: string, label: string): string {
  const plain = stripBookmarks(text).text;
  let i = 0;
  let matched = 0;
  while (i < plain.length && matched < label.length) {
    const c = compactLabel(plain[i]!);
    if (c === '') {
      i++;
      continue;
    }
    matched += c.length;
    i++;
  }
  return plain.slice(i).replace(/^\s*[（(](万元|元)[）)]/, '').replace(/^\s*[:：]\s*/, '').trim();
}

/**
 * A non-data row's label: 填表人, 联系电话, 财政部门审核意见(盖章) …, alone or with its value after a
 * colon ("填表人：张三"). Not a text that merely starts with one ("电话回访率" is an indicator).
 */
export const isNonDataLabel = (text: string): boolean => NON_DATA_LAST.test(text) && nonDataLabelOf(text);

const nonDataLabelOf: (text: string) => boolean = memoByText(20_000, MEMO_MAX_LENGTH, isNonDataLabelOf);

/**
 * The characters one of which every non-data label's text has (isNonDataLabelOf): the last character of
 * each label (its head ends with one), 见 (an office's opinion), 日 (a date left for the signature), 章 and 字
 * (a seal's place alone); an ASCII one also in its full-width form, which compactLabel makes ASCII.
 * Asked of the first cell of most rows: a text without any is out at a glance, without the memo (hashing
 * the text) or, for a long one, its head read.
 */
const NON_DATA_LAST = new RegExp(
  `[${[...new Set([...NON_DATA_LABELS.map((l) => l[l.length - 1]!), '见', '日', '章', '字'])]
    .flatMap((c) => (c >= '!' && c <= '~' ? [c, String.fromCharCode(c.charCodeAt(0) + 0xfee0)] : [c]))
    .join('')
    .replace(/[\\\]^-]/g, '\\$&')}]`,
);

/** The longest head OPINION_LABEL accepts: 10 characters, 领导小组, 审核, 意见. */
const OPINION_LABEL_MAX = 18;
/** The longest text before a colon that can still be a non-data label: a label, 4 more characters, "(盖章)". */
const NON_DATA_HEAD_MAX = Math.max(Math.max(...NON_DATA_LABELS.map((l) => l.length)) + 4, OPINION_LABEL_MAX) + '(盖章)'.length;

/**
 * Whether more than NON_DATA_HEAD_MAX characters other than whitespace come before the first colon
 * (: or ：): then the label part is too long to be one, whatever compactLabel makes of it (it drops
 * whitespace and keeps one character for one). Long cells (values, goals) were compacted whole
 * here each time, being too long to be remembered.
 */
function headTooLong(text: string): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3a || code === 0xff1a) return false; // : ：
    if (!isSpace(code) && ++count > NON_DATA_HEAD_MAX) return true;
  }
  return false;
}

/**
 * The opinion of an office at any level, as the foot of a form writes it (issue 31): 项目单位意见,
 * 县级主管部门审核意见, 市级财政部门审核意见(盖章). An office's word before 意见, so that an indicator
 * such as 群众意见办结率 is none.
 */
const OPINION_LABEL = /^[\u4e00-\u9fa5]{0,12}(部门|单位|财政|财政局|主管|评审|专家|机关|领导小组|股|股室|科|科室|办|办公室|局|委)(审核|审批|审查|评审|初审|复审|终审)?意见$/;

/** A date left for the signature: "年 月 日", "2024年11月5日" alone in a cell. */
const SIGNATURE_DATE = /^(\d{4})?年\d{0,2}月\d{0,2}日$/;

function isNonDataLabelOf(text: string): boolean {
  const plain = stripBookmarks(text).text;
  if (headTooLong(plain)) return false;
  const compact = compactLabel(plain);
  const head = compact.split(/[:]/, 1)[0]!.replace(/\((盖章|签字|签章)\)$/, '');
  const hasColon = compact.length > head.length;
  // a seal's place alone ("（盖章）"), an office's opinion, a date alone
  if ((head === '' && compact !== '' && !compact.includes(':')) || OPINION_LABEL.test(head) || (!hasColon && SIGNATURE_DATE.test(head))) return true;
  return NON_DATA_LABELS.some((label) => head === label || (hasColon && head.endsWith(label) && head.length <= label.length + 4));
}

/**
 * A note under a form (issue 31): "注：1.绩效指标可根据…", "说明：本表由…", "填表说明：…" — never data.
 * Asked of a row's first cell and of paragraphs.
 */
export function isFormNote(text: string): boolean {
  // Asked of the first cell of most rows: without a bookmark the text is tested as it is (\s* where trim
  // took the same whitespace off), with no stripped copy made.
  if (!text.includes('[bookmark:')) return FORM_NOTE_UNTRIMMED.test(text);
  return FORM_NOTE.test(stripBookmarks(text).text.trim());
}

const FORM_NOTE = /^(注|说明|填表说明|备注说明|附注)\s*([:：]|\d+\s*[.、．:：])/;
/** FORM_NOTE after any whitespace: a match ends on a colon or a stop, so whitespace after the text changes nothing. */
const FORM_NOTE_UNTRIMMED = /^\s*(注|说明|填表说明|备注说明|附注)\s*([:：]|\d+\s*[.、．:：])/;

/** The checkpoints of a spending plan's header (资金支出计划), normalised as labels. */
export const CHECKPOINT_LABELS: Readonly<Record<string, '03' | '06' | '10' | '12'>> = {
  '3月底': '03', '6月底': '06', '10月底': '10', '12月底': '12',
  '3月末': '03', '6月末': '06', '10月末': '10', '12月末': '12',
  截至3月底: '03', 截至6月底: '06', 截至10月底: '10', 截至12月底: '12',
};

// ---------------------------------------------------------------------------------------------
// The form profile (shared/domain/form-profile.ts): what the parser calls a table's form, and the
// columns and lines that hold a field under another name.

/**
 * The generic part of a project table's title, the form's name: "常态化宣传…绩效目标表" → 绩效目标表,
 * "财政项目支出绩效目标申报表", "XX专项转移支付区域绩效目标表" → 转移支付区域绩效目标表. Tried in order on
 * the compact title (half-width, no whitespace) with a bracketed year or note after it taken off.
 */
export const FORM_NAME_PATTERNS: readonly RegExp[] = [
  /转移支付[\u4e00-\u9fa5]{0,8}?绩效目标(申报|设定|审核)?表$/,
  /(财政)?(项目)?(支出)?绩效目标(申报|设定|审核|批复)?(审核)?表$/,
  /(项目)?目标申报表$/,
];

/** The form's name when its title gives none of FORM_NAME_PATTERNS (no title, an odd one). */
export const DEFAULT_FORM_NAME = '项目绩效目标表';

/**
 * The form's name from a project table's title. A bare 绩效目标表 (the project's name before it) is
 * the published 项目绩效目标表.
 * @example formNameOfTitle("2.城市社区工作者薪酬经费绩效目标表") // "项目绩效目标表"
 */
export function formNameOfTitle(title: string): string {
  const compact = compactLabel(stripBookmarks(title).text).replace(/(\([^()]*\))+$/, '');
  for (const pattern of FORM_NAME_PATTERNS) {
    const m = pattern.exec(compact);
    if (m === null) continue;
    const name = m[0];
    return name === '绩效目标表' || name === '目标申报表' ? `项目${name}` : name;
  }
  return DEFAULT_FORM_NAME;
}

/**
 * Headers of an indicator column that holds the basis of the target under another name, when the
 * table has no 指标值确定依据-type column: 绩效标准 (filled with 计划标准, 行业标准 …), 计划标准, 评价标准.
 * Compared after compactLabel (half-width, no whitespace).
 */
export const BASIS_ALIAS_HEADERS: readonly string[] = ['绩效标准', '计划标准', '指标标准', '评价标准', '标准', '绩效标准及依据', '标准依据', '指标值依据'];

/** A scoring column (评(扣)分标准 …): the basis only in a row where it states a standard, not a scoring rule. */
export const SCORING_HEADER = /^(评\(?[扣记计]?\)?分|计分|扣分|评价)(标准|办法|方法)$/;

/** A scoring rule, not a standard: "完成得10分，未完成不得分", "每降低1%扣0.5分". */
export const SCORING_TEXT = /[\d一二三四五六七八九十]\s*分|得分|扣分|不得分|满分|按比例/;

/** Headers of a column whose text may carry a "(计划标准)" note (the description column, 指标解释 …). */
export const EXPLANATION_HEADER = /^(绩效)?指标(解释|说明|描述|内涵)$|^(描述|说明|解释)$/;

/** A note of the kind of standard inside an explanation: "（计划标准）", "(行业标准：…)". Group 1 is the note. */
export const STANDARD_NOTE = /[(（]\s*((?:计划|行业|历史|其他|国家|地方|经验|预算)标准[^()（）]{0,40})[)）]/;

/** Funding lines of a government level (fiscal money), summed into 财政资金 when the form has no such field. */
export const FISCAL_LEVEL_LINE = /^(中央|省级?|自治区级?|盟市级?|旗县级?|市级?|县级?|区级?|乡镇|街道|上级|本级|同级)(?![\u4e00-\u9fa5]*(结转|结余))[\u4e00-\u9fa5]{0,4}(资金|拨款|补助|预算|财政资金)$/;

/** Funding lines of the unit's own or others' money, summed into 其他资金 when the form has no such field. */
export const OTHER_SOURCE_LINE = /^(自筹|自有|单位自有|社会|社会投入|社会捐赠|事业|经营)[\u4e00-\u9fa5]{0,4}(资金|收入|投入)$/;
