/**
 * mismatch — the document contradicts itself: an indicator's name or description against its
 * value or each other, a 满意度 row that measures something else, part one (部门整体绩效目标)
 * against the project tables, a project code or deadline of another year, a project goal quoting
 * another number than its own indicator.
 *
 * What a name or description measures is read from config.wordsForRate / wordsForMoney /
 * wordsForCount: the word that ends last is the head of the phrase (Chinese compounds are
 * head-final: 资金拨付及时率 is a rate, 离任村干部生活补贴人数 a count), and it only counts when at
 * most a short tail (config.measureReading.tails: 情况, 总额 …) follows it.
 */
import type { Indicator, Project, SourceLocation } from '../../domain/model';
import { formatWan, toFen } from '../../domain/money';
import { compactLabel, toHalfWidth } from '../../domain/text';
import type { ReviewConfig, UnitFamily } from '../config';
import type { DocumentRule, IndicatorRule, ProjectRule, ReviewContext, Rule, RuleHit } from '../types';
import { NO_HITS } from '../types';
import { unitFamily } from '../units';
import { perConfig, perPair, perReview, perText, sharedText } from '../memo';
import { vaguePhraseIn } from './vague';
import { isFigureList, projectCalled, speaksOfSatisfaction, type Measure } from '../readings';

// ---------------------------------------------------------------------------------------------
// Reading what a name or description measures
// ---------------------------------------------------------------------------------------------

const MEASURE_NAMES: Record<Measure, string> = { percent: '比率', money: '金额', count: '数量' };

const FAMILY_NAMES: Record<UnitFamily, string> = {
  percent: '百分比',
  money: '金额',
  count: '计数',
  time: '时长',
  measure: '计量值',
};

/** Value families that contradict what a name says it measures. */
const CONTRADICTS: Record<Measure, readonly UnitFamily[]> = {
  percent: ['money', 'count', 'time', 'measure'],
  money: ['percent', 'count', 'time', 'measure'],
  count: ['percent', 'money'],
};

/** The family a measure expects of a value. */
const EXPECTED: Record<Measure, UnitFamily> = { percent: 'percent', money: 'money', count: 'count' };


/**
 * Whether the indicator's category already fixes the value's family and rejects this one: the unit
 * rules report that (满意度 not a percentage, 成本 not money …), so the mismatch rules stay silent.
 */
function categoryRejects(indicator: Indicator, family: UnitFamily, config: ReviewConfig): boolean {
  if (indicator.level1 === config.satisfaction.level1 && family !== 'percent') return true;
  const allowed = config.level2Units[indicator.level2 ?? ''];
  return allowed !== undefined && !allowed.includes(family);
}

const quote = (s: string, max = 40) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** An example replacement value for a measure. */
function exampleValue(measure: Measure): string {
  return measure === 'percent' ? '≥95%' : measure === 'money' ? '≤10万元' : '≥10人';
}

// ---------------------------------------------------------------------------------------------
// Indicator rows
// ---------------------------------------------------------------------------------------------

const nameVsValue: IndicatorRule = {
  id: 'mismatch.name-vs-value',
  category: 'mismatch',
  severity: 'error',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '指标名称与指标值矛盾',
  description:
    '指标名称说明了它衡量什么：以“率”“比例”结尾的是比率，应为百分比；“金额”“资金”“成本”是金额；“人数”“次数”“数量”是计数。' +
    '名称是比率而指标值是次数或金额（如“工资发放完成率 ≥4次”），或名称是金额、计数而指标值是百分比，年底无法按名称评价，属于指标与目标不相关。' +
    '指标类别本身要求的单位（设定 level2Units：满意度、质量指标须为百分比，成本指标须为金额等）由 unit 类规则检查，此处不重复。',
  examples: {
    triggers: {
      description: '数量指标“工资发放完成率”指标值“≥4次”',
      patch: { indicators: [{ at: 0, name: '工资发放完成率', description: '按季度发放工资', target: '≥4次' }] },
    },
    passes: {
      description: '数量指标“工资发放次数”指标值“≥4次”',
      patch: { indicators: [{ at: 0, name: '工资发放次数', description: '按季度发放工资的次数', target: '≥4次' }] },
    },
  },
  targetKind: 'quantitative', // row.family is null for any other kind (targetFamily)
  check(indicator, _project, { config }, row) {
    const family = row.family;
    if (family === null) return NO_HITS;
    const m = row.nameMeasure;
    if (!m || !CONTRADICTS[m.measure].includes(family)) return NO_HITS;
    if (categoryRejects(indicator, family, config)) return NO_HITS;
    const raw = indicator.target.raw;
    // A description that reads like the value ("补助资金到位率" under "补助资金", "100%") makes the intent clear.
    const described = row.descriptionMeasure;
    return [
      {
        ...(described && EXPECTED[described.measure] === family ? { severity: 'warning' as const } : {}),
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        message: `指标“${indicator.name}”的名称表示${MEASURE_NAMES[m.measure]}（“${m.word}”），指标值“${raw}”却是${FAMILY_NAMES[family]}`,
        suggestion:
          `使名称与指标值一致：按名称把指标值改为${FAMILY_NAMES[EXPECTED[m.measure]]}（如“${exampleValue(m.measure)}”）；` +
          `若要考核的就是“${raw}”，则改指标名称（去掉“${m.word}”，写明考核的${FAMILY_NAMES[family]}），并同步改描述。`,
      },
    ];
  },
};

const rateValueNotRate: IndicatorRule = {
  id: 'mismatch.rate-value-not-rate',
  category: 'mismatch',
  severity: 'error',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '比率指标的指标值不是比率',
  description:
    '名称是比率（以“率”“比例”“占比”等结尾）的指标，指标值应为百分比。“覆盖率 按要求完成”“到位率 及时”这样的文字目标不是比率，年底无法按名称计算评价。' +
    '需要数值的类别（数量、成本、满意度）由 vague.not-quantified 报告，“显著提高”等说法由 vague.uncheckable-phrase 报告，此处不重复。' +
    '一个单元格列出几个带单位的数值（“≥98%；≥95%”，一行填了几个指标）各有其计量，不报告。',
  examples: {
    triggers: { description: '质量指标“活动完成率”指标值“按计划完成”', patch: { indicators: [{ at: 1, target: '按计划完成' }] } },
    passes: { description: '质量指标“活动完成率”指标值“≥95%”', patch: {} },
  },
  targetKind: 'qualitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'qualitative' || t.raw.trim() === '' || row.needsNumber || vaguePhraseIn(row) !== null) return NO_HITS;
    // the form's hint left in the cell ("（填写量化指标值）") is a target never filled in: missing.template-text's
    if (row.targetCell.templatePhrase !== null) return NO_HITS;
    // a cell listing several figures (“≥98%；≥95%”) packs several indicators, each with its own measure
    if (isFigureList(t.raw)) return NO_HITS;
    const m = row.nameMeasure;
    if (m === null || m.measure !== 'percent') return NO_HITS;
    return [
      {
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        message: `指标“${indicator.name}”的名称是比率（“${m.word}”），指标值“${t.raw}”却不是比率`,
        suggestion: `按名称写明要达到的比例，如“≥95%”或“100%”；若考核的是“${t.raw}”，则改指标名称。`,
      },
    ];
  },
};

const descriptionVsValue: IndicatorRule = {
  id: 'mismatch.description-vs-value',
  category: 'mismatch',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '指标描述与指标值矛盾',
  description:
    '绩效指标描述应说明指标的含义和口径。描述说的是比率（“……占……的比例”）而指标值是金额，或描述说的是金额、次数而指标值是百分比，' +
    '说明描述是照抄或写错，审核和年底评价时无法确定口径。只看描述中表示计量的词（比例、金额、人数、次数……），' +
    '“发放工作补贴”这类说明用途的词不算；描述是一个除式（“扶持资金除以藏戏队数量”）时各项的计量不算；名称已与指标值矛盾时由“指标名称与指标值矛盾”报告。',
  examples: {
    triggers: {
      description: '指标“两新组织党建活动次数”描述“组织开展活动金额”，指标值“≥1次”',
      patch: { indicators: [{ at: 0, name: '两新组织党建活动次数', description: '组织开展活动金额', target: '≥1次' }] },
    },
    passes: {
      description: '指标“两新组织党建活动次数”描述“全年组织开展党建活动的次数”，指标值“≥1次”',
      patch: { indicators: [{ at: 0, name: '两新组织党建活动次数', description: '全年组织开展党建活动的次数', target: '≥1次' }] },
    },
  },
  targetKind: 'quantitative', // row.family is null for any other kind (targetFamily)
  check(indicator, _project, { config }, row) {
    const family = row.family;
    if (family === null || !indicator.description) return NO_HITS;
    if (row.compactDescription === row.compactName) return NO_HITS;
    const d = row.descriptionMeasure;
    if (!d || !CONTRADICTS[d.measure].includes(family)) return NO_HITS;
    // a quotient ("扶持资金除以藏戏队数量", "费用÷路灯数") names both its terms: its value is per unit of the divisor
    if (QUOTIENT.test(indicator.description)) return NO_HITS;
    const n = row.nameMeasure;
    if (n && CONTRADICTS[n.measure].includes(family)) return NO_HITS; // the name rule reports it
    if (categoryRejects(indicator, family, config)) return NO_HITS;
    const raw = indicator.target.raw;
    return [
      {
        field: 'description',
        source: indicator.sources.description ?? indicator.source,
        message: `指标“${indicator.name}”的描述“${quote(indicator.description)}”表示${MEASURE_NAMES[d.measure]}（“${d.word}”），与指标值“${raw}”（${FAMILY_NAMES[family]}）不符`,
        suggestion: `改写描述，说明“${indicator.name}”衡量什么、怎么计算，口径与指标值“${raw}”一致。`,
      },
    ];
  },
};

/** A description that defines a quotient: the measure of each term is not the indicator's. */
const QUOTIENT = /除以|÷|之比|与[^，,。]{1,12}的比值/;

const nameVsDescription: IndicatorRule = {
  id: 'mismatch.name-vs-description',
  category: 'mismatch',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '指标名称与描述矛盾',
  description:
    '指标名称和描述说的是两种不同的量：名称是“人数”“数量”而描述是“完成率”，或一个是比率、一个是金额。' +
    '指标值没有单位（如“≥100”）或不是数量时，无法判断哪一个是对的，年底也无法评价。指标值带单位时由“指标名称与指标值矛盾”“指标描述与指标值矛盾”报告。',
  examples: {
    triggers: {
      description: '指标“工资发放人数”描述“完成率”，指标值“≥100”',
      patch: { indicators: [{ at: 0, name: '工资发放人数', description: '完成率', target: '≥100' }] },
    },
    passes: {
      description: '指标“工资发放人数”描述“按时足额发放工资的人数”，指标值“≥100”',
      patch: { indicators: [{ at: 0, name: '工资发放人数', description: '按时足额发放工资的人数', target: '≥100' }] },
    },
  },
  check(indicator, _project, _ctx, row) {
    if (indicator.target.kind === 'empty' || row.family !== null) return NO_HITS;
    if (!indicator.description) return NO_HITS;
    // the name read as a description says ("人数" against "完成率"), once per distinct name (facts.ts)
    const n = row.nameCell.measureAsDescription;
    const d = row.descriptionMeasure;
    if (!n || !d || n.measure === d.measure) return NO_HITS;
    const raw = indicator.target.raw;
    return [
      {
        field: 'description',
        source: indicator.sources.description ?? indicator.source,
        message: nameVsDescriptionWords(`指标名称“${indicator.name}”表示${MEASURE_NAMES[n.measure]}，描述“${quote(indicator.description)}”却表示${MEASURE_NAMES[d.measure]}，两者不是同一个量（指标值“${raw}”）`),
        suggestion: nameVsDescriptionWords(`确定该指标衡量的是${MEASURE_NAMES[n.measure]}还是${MEASURE_NAMES[d.measure]}，改写名称或描述使两者一致，指标值用相应的单位（如“${exampleValue(n.measure)}”）。`),
      },
    ];
  },
};

/** The rule's words, one string per distinct text: it fires on boilerplate rows (bench:review's 1,366 findings say 4 things). */
const nameVsDescriptionWords = sharedText();


const satisfactionOffTopic: IndicatorRule = {
  id: 'mismatch.satisfaction-off-topic',
  category: 'mismatch',
  severity: 'error',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '满意度指标衡量的不是满意度',
  description:
    '满意度指标（一级指标“满意度指标”）衡量服务对象或受益群众的满意程度。名称和描述里都没有“满意”“认可度”等词，' +
    '而是“服务年限”“总体评价”“运行率”之类，说明这一行衡量的是别的东西，放错了类别，项目实际上缺少满意度指标。只写了一类人（“公租房住户”“受益群众”）的名称是这类人的满意度，不报告。',
  examples: {
    triggers: {
      description: '满意度指标“对考核工作的总体评价”，描述“反映出考核工作整体评价”',
      patch: { indicators: [{ at: 5, name: '对考核工作的总体评价', description: '反映出考核工作整体评价' }] },
    },
    passes: { description: '满意度指标“居民满意度”', patch: {} },
  },
  check(indicator, _project, { config }, row) {
    if (indicator.level1 !== config.satisfaction.level1 || indicator.name.trim() === '') return NO_HITS;
    if (speaksOfSatisfaction(indicator.name, indicator.description ?? '', config)) return NO_HITS;
    const desc = indicator.description && indicator.description !== indicator.name ? `（描述“${quote(indicator.description)}”）` : '';
    return [
      {
        field: 'indicatorName',
        source: indicator.sources.name ?? indicator.source,
        message: `满意度指标“${indicator.name}”${desc}衡量的不是满意度`,
        suggestion: '改为服务对象对本项目的满意度（如“受益群众满意度 ≥90%”，描述写明调查对象和方式）；原指标若要保留，移到产出或效益指标下。',
      },
    ];
  },
};

const deadlineYear: IndicatorRule = {
  id: 'mismatch.deadline-year',
  category: 'mismatch',
  severity: 'warning',
  criterion: '可行性',
  scope: 'indicator',
  reads: 'row',
  title: '完成时限早于预算年度',
  description:
    '指标值是完成时限（如“2025年12月底前”）时，年份应在预算年度内。早于预算年度的时限不可能在本年度实现，多是照抄上年的表格未改年份。',
  examples: {
    triggers: { description: '2025年的文档中，时效指标“活动完成时间”指标值“2024年12月底前”', patch: { indicators: [{ at: 2, target: '2024年12月底前' }] } },
    passes: { description: '2025年的文档中，时效指标“活动完成时间”指标值“2025年12月底前”', patch: {} },
  },
  targetKind: 'deadline',
  check(indicator, _project, { doc }) {
    const year = indicator.target.deadline?.year ?? null;
    if (indicator.target.kind !== 'deadline' || year === null || doc.year === null || year >= doc.year) return NO_HITS;
    return [
      {
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        message: `指标“${indicator.name}”的完成时限“${indicator.target.raw}”在${year}年，早于预算年度${doc.year}年`,
        suggestion: `改为预算年度内的时限，如“${doc.year}年12月底前”。`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------------------------

const codeYear: ProjectRule = {
  id: 'mismatch.code-year',
  category: 'mismatch',
  severity: 'warning',
  criterion: '完整性',
  scope: 'project',
  title: '项目编码年度与预算年度不符',
  description:
    '项目编码的第7–8位是项目入库的年度（13020225P… 为2025年）。与文档的预算年度不同，可能是套用了上年的项目或编码填错；' +
    '跨年度延续项目可能沿用原编码，此时应予说明。',
  examples: {
    triggers: { description: '2025年的文档中，项目编码“13020224P000000000001”', patch: { project: { code: '13020224P000000000001' } } },
    passes: { description: '2025年的文档中，项目编码“13020225P000000000001”', patch: {} },
  },
  check(project, { doc }) {
    const m = /^\d{6}(\d{2})[A-Z]/.exec(compactLabel(project.code ?? ''));
    if (!m || doc.year === null) return NO_HITS;
    const year = 2000 + Number(m[1]);
    if (year === doc.year) return NO_HITS;
    return [
      {
        field: 'code',
        source: project.sources.code ?? project.source,
        message: `项目编码“${project.code}”第7–8位“${m[1]}”表示${year}年，与文档的预算年度${doc.year}年不符`,
        suggestion: `核对项目编码：本年度项目应使用预算系统中${doc.year}年的编码；若为沿用原编码的跨年度延续项目，请在资金用途或绩效目标中注明。`,
      },
    ];
  },
};

interface GoalQuantity {
  value: string;
  unit: string;
  /** The clause of the goal around the number. */
  clause: string;
  /** The sentence of the goal around the number. */
  sentence: string;
}

/** A number followed by any unit of config.unitFamilies, longest unit first (built once per settings). */
const quantityPattern = perConfig((config) => {
  const units = Object.values(config.unitFamilies)
    .flat()
    .sort((a, b) => b.length - a.length)
    .map((u) => u.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`(?<![\\d.第])(\\d+(?:\\.\\d+)?)(${units.join('|')})`, 'g');
});

const FREQUENCY_BEFORE = /每(?:年|半年|季度?|月|旬|周|天|日)[^\d]{0,6}$/;
const LIST_BEFORE = /(?:[、][^，,。；;]{1,12}(?:和|及|与|、)|[\u3400-\u9fff](?:和|及|与|以及))$/;
/** A count that is a duration ("5个工作日", "3个月"): a time limit, not a number of things. */
const DURATION_AFTER = /^(?:工作日|小时|月|日|天|星期|季度|年|周|学时|课时)/;
/** An item number in front of a goal's sentence ("1.", "2、"): read "1.9个站点" as 9个, not 1.9. */
const ITEM_NUMBER = /^\d{1,2}[.．、]$/;

/** An indicator that measures per head or per area, or a share ("每万人口…拥有量", "人均…", "生均…"): never the goal's total. */
const PER_UNIT_MEASURE = /每(?:[十百千万]+|万)(?:人|户|名|平方)|人均|户均|生均|亩均|平均|每人|每户|每生/;

/** Numbers with a count or measure unit in a goal text ("全年开展社区服务活动12场"); read once per text. */
const CLAUSE_ENDS = ['，', ',', '。', '；', ';'];
const SENTENCE_ENDS = ['。', '；', ';'];

/** The span of `t` around `at` between the nearest of `ends` before it and after it (the ends left out). */
function spanAround(t: string, at: number, ends: readonly string[]): { start: number; end: number } {
  let start = 0;
  let end = t.length;
  for (const e of ends) {
    const before = t.lastIndexOf(e, at);
    if (before + 1 > start) start = before + 1;
    const after = t.indexOf(e, at);
    if (after !== -1 && after < end) end = after;
  }
  return { start, end };
}

const goalQuantities = perText((text: string, config: ReviewConfig): GoalQuantity[] => {
  const t = toHalfWidth(text);
  const out: GoalQuantity[] = [];
  for (const m of t.matchAll(quantityPattern(config))) {
    const unit = m[2]!;
    const family = unitFamily(unit, config);
    if (family !== 'count' && family !== 'measure') continue;
    if (DURATION_AFTER.test(t.slice(m.index + m[0].length))) continue;
    let value = m[1]!;
    const clause = spanAround(t, m.index, CLAUSE_ENDS);
    // an item number run into a count at the start of a sentence: "1.9个监测站点" is item 1, 9 stations
    const dot = value.indexOf('.');
    if (family === 'count' && dot > 0 && ITEM_NUMBER.test(value.slice(0, dot + 1)) && /^[\s。；;\n]*$/.test(t.slice(clause.start, m.index))) {
      value = value.slice(dot + 1);
    }
    const lead = t.slice(clause.start, m.index);
    // a frequency ("每月开展1次监测", "每季度1次"): the year's total is that times the periods and the places, not the number
    if (FREQUENCY_BEFORE.test(lead)) continue;
    // the last item of a list ("图书馆、文化馆和12个乡镇综合文化站"): the number counts a part of what is listed
    if (LIST_BEFORE.test(lead)) continue;
    const sentence = spanAround(t, m.index, SENTENCE_ENDS);
    out.push({ value, unit, clause: t.slice(clause.start, clause.end), sentence: t.slice(sentence.start, sentence.end) });
  }
  return out;
});

function bigrams(s: string): Set<string> {
  const cjk = s.replace(/[^\u3400-\u9fff]/g, ' ');
  const out = new Set<string>();
  for (const part of cjk.split(/\s+/)) for (let i = 0; i + 2 <= part.length; i++) out.add(part.slice(i, i + 2));
  return out;
}

const goalVsIndicator: ProjectRule = {
  id: 'mismatch.goal-vs-indicator',
  category: 'mismatch',
  severity: 'warning',
  criterion: '相关性',
  scope: 'project',
  title: '绩效目标与指标值数字不一致',
  description:
    '项目的绩效目标写了具体数量（如“全年开展社区服务活动12场”），衡量它的指标却给出另一个数（“≥10场”）。' +
    '只比较单位相同、内容相关（目标的分句与指标名称、描述至少有两个相同的词，或整句至少有三个）且本项目只有一个该单位指标的情形，避免误报；' +
    '频次（“每月开展1次”）、列举的最后一项（“图书馆、文化馆和12个文化站”）和按人口、人均、平均计的指标（“每万人口发明专利拥有量”）与目标的总数不是同一个量，' +
    '目标另一处已写明指标的数时也不比较。',
  examples: {
    triggers: {
      description: '绩效目标“全年开展社区服务活动10场”，指标“开展活动场次”指标值“≥12场”',
      patch: { project: { goals: ['全年开展社区服务活动10场', '居民满意度达到90%以上'] } },
    },
    passes: { description: '绩效目标“全年开展社区服务活动12场”，指标值“≥12场”', patch: {} },
  },
  check(project, { config }) {
    // most projects' goals state no count or measure: nothing is made for them (this runs for every project)
    let hits: RuleHit[] | null = null;
    let seen: Set<string> | null = null;
    // a number the long-term goal states too is the period's, not this year's: an annual goal that copies it is
    // duplicate.annual-goal-copies-long-term's finding, not a mismatch with this year's indicator
    let longTerm: string | null = null;
    // the numbers the goals state: an indicator whose own number a goal states agrees with the goals (another number in
    // the same unit is about something else: "供养能力达到300人" beside "救助供养920人")
    // (by number alone: "920名" and "≥920人" are the same people)
    let stated: Set<number> | null = null;
    for (const goal of project.goals) {
      for (const q of goalQuantities(goal, config)) {
        longTerm ??= project.longTermGoals.join('');
        if (longTerm !== '' && longTerm.includes(`${q.value}${q.unit}`)) continue;
        const i = onlyIndicatorIn(project, q.unit);
        if (i < 0) continue;
        const indicator = project.indicators[i]!;
        stated ??= new Set(project.goals.flatMap((g) => goalQuantities(g, config).map((other) => Number(other.value))));
        if (Number(indicator.target.valueText) === Number(q.value) || stated.has(Number(indicator.target.valueText))) continue;
        // related: two words in common with the number's clause, or three with its sentence ("维修改造校舍1.2万平方米，
        // 涉及学校15所" against "维修改造学校数量")
        const own = bigrams(`${indicator.name}${indicator.description ?? ''}`);
        const clauseWords = bigrams(q.clause);
        if ([...own].filter((b) => clauseWords.has(b)).length < 2) {
          const sentenceWords = bigrams(q.sentence);
          if ([...own].filter((b) => sentenceWords.has(b)).length < 3) continue;
        }
        const key = `${i}|${q.value}`;
        if (seen?.has(key)) continue;
        (seen ??= new Set()).add(key);
        (hits ??= []).push({
          field: 'goals',
          source: project.sources.goals ?? project.source,
          indicatorIndex: i,
          message: `绩效目标“${quote(goal)}”写的是${q.value}${q.unit}，而指标“${indicator.name}”的指标值为“${indicator.target.raw}”`,
          suggestion: `核对目标与指标：两处应为同一个数（如都写${indicator.target.valueText}${q.unit}或都写${q.value}${q.unit}）。`,
        });
      }
    }
    return hits ?? NO_HITS;
  },
};

/**
 * The index of the project's one indicator with a quantity in `unit`, not per head or area; -1 when it has none or
 * several of them.
 */
function onlyIndicatorIn(project: Project, unit: string): number {
  let found = -1;
  for (let i = 0; i < project.indicators.length; i++) {
    const indicator = project.indicators[i]!;
    if (indicator.target.kind !== 'quantitative' || indicator.target.unit !== unit || PER_UNIT_MEASURE.test(indicator.name)) continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Part one against the project tables
// ---------------------------------------------------------------------------------------------

interface TextAmount {
  fen: number;
  /** The words before the amount in its clause, with the amount, e.g. "共计需租赁费39.50万元/年". */
  snippet: string;
}

const CLAUSE_SEPARATORS = /[，,。；;：:\n]/;

/** An amount in 元, 万元 or 亿元 as exact fen; null when it is not whole fen or too large. */
function amountFen(number: string, unit: string): number | null {
  if (unit !== '亿元') return toFen(number, unit === '元' ? '元' : '万元');
  const wan = toFen(number, '万元');
  return wan === null || !Number.isSafeInteger(wan * 10000) ? null : wan * 10000;
}

/**
 * Amounts (元/万元/亿元) in free text that could be a project's total for `year`: not unit prices
 * ("每人每月2000元", "8万元/队"), parts ("其中…"), changes ("比上年增加…") or another year's amounts
 * (config.partOneAmounts.notTotal, a year other than `year` in the clause).
 * @example totalAmounts("共计需租赁费39.50万元/年（含税金）", config, 2022) // [{ fen: 39500000, snippet: "共计需租赁费39.50万元/年" }]
 */
export function totalAmounts(text: string, config: ReviewConfig, year: number | null): TextAmount[] {
  const t = toHalfWidth(text);
  const out: TextAmount[] = [];
  const re = /(?<![\d.])(\d+(?:\.\d+)?)(亿元|万元|元)(\/[\u3400-\u9fff]{1,2})?/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const per = m[3];
    if (per !== undefined && per !== '/年') continue;
    let start = m.index;
    while (start > 0 && !CLAUSE_SEPARATORS.test(t[start - 1]!)) start--;
    const before = t.slice(start, m.index).replace(/每年度?/g, '');
    if (config.partOneAmounts.notTotal.some((w) => before.includes(w))) continue;
    if ([...before.matchAll(/(?:19|20)\d{2}(?=年)/g)].some((y) => Number(y[0]) !== year)) continue;
    const fen = amountFen(m[1]!, m[2]!);
    if (fen === null) continue;
    const snippet = t.slice(start, m.index + m[0].length).trim();
    out.push({ fen, snippet: snippet.length > 30 ? `…${snippet.slice(-30)}` : snippet });
  }
  return out;
}

/**
 * A project name or part-one title reduced for matching: no spaces, brackets, leading year, amount, text after
 * a colon or comma, or 经费/费用 suffix. matchName("5.房屋租赁费：39.5万元") and matchName("房屋租赁") are both "房屋租赁".
 */
export function matchName(name: string, config: ReviewConfig): string {
  return matchNameOnce(name, config);
}

const matchNameOnce = perText((name, config): string => {
  let s = compactLabel(name)
    .replace(/[（(][^（）()]*[)）]/g, '')
    .replace(/[<《〈][^>》〉]*[>》〉]/g, '')
    .split(/[：:，,。；;]/)[0]!
    .replace(/\d+(?:\.\d+)?(?:亿元|万元|元)$/, '')
    .replace(/^(?:19|20)\d{2}年度?/, '')
    .replace(/[“”"'‘’]/g, '');
  const suffix = [...config.partOneAmounts.nameSuffixes].sort((a, b) => b.length - a.length).find((x) => s.endsWith(x) && s.length > x.length + 1);
  if (suffix) s = s.slice(0, -suffix.length);
  return s;
});

/** The project a part-one title names: the same reduced name, else the one project whose name contains it (or it contains). */
/**
 * Project names indexed by their two-character pieces: which names a text contains, and which
 * names contain a text, in time that grows with the text, not with the number of projects (a
 * document of thousands of tables, or a hostile one, would otherwise make part one quadratic).
 */
interface NameIndex {
  /** Indices of the names equal to `text`. */
  equal(text: string): number[];
  /** Indices of the names of at least `min` characters that `text` contains. */
  within(text: string, min: number): number[];
  /** Indices of the names that contain `text`. */
  containing(text: string): number[];
}

/** Up to this many projects, `containing` compares the text with each name instead of building the pieces index. */
const CONTAINING_SCAN_MAX = 64;

function indexNames(names: readonly string[]): NameIndex {
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  const equal = new Map<string, number[]>();
  // names by their first two characters, as one number (no string cut out of the text at each of its positions:
  // `within` looks up every position of every sentence of part one)
  const starts = new Map<number, number[]>();
  names.forEach((n, i) => {
    push(equal, n, i);
    if (n.length >= 2) push(starts, pieceKey(n, 0), i);
  });
  // each two-character piece of each name, listed once per name: only `containing` reads it (a few titles per
  // document), so it is made on its first use
  let pieces: Map<number, number[]> | null = null;
  const piecesIndex = (): Map<number, number[]> => {
    if (pieces !== null) return pieces;
    pieces = new Map();
    names.forEach((n, i) => {
      // the names come in order: the last entry is this one's
      for (let k = 0; k + 1 < n.length; k++) {
        const piece = pieceKey(n, k);
        const holders = pieces!.get(piece);
        if (holders === undefined) pieces!.set(piece, [i]);
        else if (holders[holders.length - 1] !== i) holders.push(i);
      }
    });
    return pieces;
  };
  return {
    equal: (text) => equal.get(text) ?? [],
    within(text, min) {
      // most sentences name no project: no set and no list made for them
      let found: Set<number> | null = null;
      for (let k = 0; k + 1 < text.length; k++) {
        const at = starts.get(pieceKey(text, k));
        if (at === undefined) continue;
        for (const i of at) if (names[i]!.length >= min && text.startsWith(names[i]!, k)) (found ??= new Set()).add(i);
      }
      return found === null ? [] : [...found].sort((a, b) => a - b);
    },
    containing(text) {
      if (text.length < 2) return [];
      // the same names in the same order either way: a document of a few dozen projects is searched name by name
      // (the pieces index, a map and a list per piece, cost more than it saved there: issue 18), a long one by the index
      if (names.length > CONTAINING_SCAN_MAX) return (piecesIndex().get(pieceKey(text, 0)) ?? []).filter((i) => names[i]!.includes(text));
      const found: number[] = [];
      for (let i = 0; i < names.length; i++) if (names[i]!.includes(text)) found.push(i);
      return found;
    },
  };
}

/**
 * The two UTF-16 code units of `text` at `k` as one small integer (a two-character piece without a string). Each
 * unit's low 15 bits, so the key stays a small integer (two full units, past 2^30, are a boxed number, made anew at
 * every lookup: issue 18); units that differ only in their top bit share a key, which is harmless here: every name
 * found by its key is compared with the text itself (startsWith, includes).
 */
function pieceKey(text: string, k: number): number {
  return (text.charCodeAt(k) & 0x7fff) * 0x8000 + (text.charCodeAt(k + 1) & 0x7fff);
}

/** The document's project names (matchName) indexed, once per review: both part-one rules read them. */
const projectNames = perReview(({ doc, config }: ReviewContext) => indexNames(doc.projects.map((p) => matchName(p.name, config))));

function projectByTitle(title: string, names: NameIndex): number | null {
  const exact = names.equal(title);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  if (title.length < 4) return null;
  const near = new Set([...names.within(title, 4), ...names.containing(title)]);
  return near.size === 1 ? [...near][0]! : null;
}

function amountContradicts(amounts: TextAmount[], project: Project): boolean {
  const total = project.budget.total;
  if (total === null || amounts.length === 0) return false;
  const matches = new Set([total, project.budget.fiscal].filter((x): x is number => x !== null));
  if (amounts.some((a) => matches.has(a.fen))) return false;
  if (amounts.length > 1 && amounts.reduce((n, a) => n + a.fen, 0) === total) return false;
  return true;
}

function partOneHit(where: string, source: SourceLocation | null, amounts: TextAmount[], p: number, project: Project): RuleHit {
  const said = amounts.map((a) => `“${a.snippet}”`).join('、');
  const total = formatWan(project.budget.total!);
  const table = project.part === 'public' ? `第三部分表${project.sequence}` : `第二部分表${project.sequence}`;
  return {
    field: 'departmentGoals',
    source,
    projectIndex: p,
    message: `第一部分${where}写明${said}，而${projectCalled(project)}（${table}）的预算数为${total}万元`,
    suggestion: `核对两处金额：若预算数${total}万元正确，改正第一部分的金额；若第一部分正确，调整项目预算，并同步财政资金、资金支出计划和成本指标。`,
  };
}

const partOneAmount: DocumentRule = {
  id: 'mismatch.part-one-amount',
  category: 'mismatch',
  severity: 'warning',
  criterion: '适当性',
  scope: 'document',
  title: '部门整体目标中的金额与项目预算不符',
  description:
    '第一部分（部门整体绩效目标）常逐项列出预算项目及其资金（如“5.房屋租赁费……共计需租赁费39.50万元/年”）。' +
    '分项目标的标题对应某个项目（或一句话只提到一个项目的名称）而写出的金额与该项目表的预算数、财政资金都不同（也不是几笔之和），' +
    '说明部门目标与项目预算对不上。单价、标准（“每人每月……元”“8万元/队”）和“其中……”的分项金额不比较；“万元/年”按全年金额比较。',
  examples: {
    triggers: {
      description: '分项目标“社区服务项目……共需经费12.00万元”，项目预算数10.00万元',
      patch: { departmentGoals: { subGoals: [{ title: '社区服务项目', text: '全年开展社区服务活动12场，共需经费12.00万元。' }] } },
    },
    passes: {
      description: '分项目标“社区服务项目……共需经费10万元”，项目预算数10.00万元',
      patch: { departmentGoals: { subGoals: [{ title: '社区服务项目', text: '全年开展社区服务活动12场，共需经费10万元。' }] } },
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const hits: RuleHit[] = [];
    const { subGoals } = doc.departmentGoals;
    const paragraphs: { text: string; where: string; source: SourceLocation | null }[] = [];
    for (const g of subGoals) {
      const body = [g.text, g.goalText, g.indicatorText].filter((x): x is string => !!x).join('\n');
      // an amount is written in 元 (元, 万元, 亿元: totalAmounts): a goal without one has nothing to compare, and the
      // project names' index (projectNames, once per review) is made only when a goal or sentence has one
      if (!g.title.includes('元') && !body.includes('元')) continue;
      const label = `“${g.numbering ?? ''}${quote(g.title, 24)}”`;
      const p = projectByTitle(matchName(g.title, config), projectNames(ctx));
      if (p !== null) {
        const amounts = totalAmounts(`${g.title}\n${body}`, config, doc.year);
        if (amountContradicts(amounts, doc.projects[p]!)) hits.push(partOneHit(`分项目标${label}`, g.source, amounts, p, doc.projects[p]!));
        continue;
      }
      paragraphs.push({ text: `${g.title}\n${body}`, where: `分项目标${label}`, source: g.source });
    }
    if (doc.departmentGoals.overall) {
      paragraphs.push({ text: doc.departmentGoals.overall, where: '总体绩效目标', source: doc.departmentGoals.overallSource });
    }
    // Sentences elsewhere in part one that name exactly one project and give an amount.
    for (const para of paragraphs) {
      for (const sentence of para.text.split(/[。；;\n]/)) {
        if (!sentence.includes('元')) continue; // no amount in it (as above)
        const compact = compactLabel(sentence);
        const named = projectNames(ctx).within(compact, 4);
        if (named.length !== 1) continue;
        const p = named[0]!;
        const amounts = totalAmounts(sentence, config, doc.year);
        if (amountContradicts(amounts, doc.projects[p]!)) hits.push(partOneHit(para.where, para.source, amounts, p, doc.projects[p]!));
      }
    }
    return hits;
  },
};

// ---------------------------------------------------------------------------------------------
// Counts of part one against the tables, by subject
// ---------------------------------------------------------------------------------------------

interface TextCount {
  n: number;
  unit: string;
  bound: '≥' | '≤' | '=';
  /** The clause around the count, e.g. "开展培训6期以上", "覆盖全县186个村卫生室". */
  snippet: string;
  /** The two-character pieces of the words that say what is counted: the noun after the count, else the words before it. */
  pieces: Set<string>;
}

const pieces = (text: string, common: readonly string[]) =>
  new Set(Array.from({ length: Math.max(0, text.length - 1) }, (_, k) => text.slice(k, k + 2)).filter((p) => /^[\u3400-\u9fff]{2}$/.test(p) && !common.includes(p)));

/**
 * Units a count of part one is compared in: the count family, and days (免费开放不少于300天: a number of days in the year,
 * compared only with an indicator that counts days, whose target is then rarely a deadline).
 */
const COUNTED_TIME_UNITS: readonly string[] = ['天'];

/** A whole number followed by a count unit (longest first), and 以上/以下/以内/左右 (built once per settings). */
const countPattern = perConfig((config) => {
  const units = [...config.unitFamilies.count, ...COUNTED_TIME_UNITS].sort((a, b) => b.length - a.length).map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\d.])(\\d+)(${units.join('|')})(以上|以下|以内|左右)?`, 'g');
});

/** Counts with a count unit in free text ("开展培训6期以上", "不少于95人"), without unit prices, parts or other periods. */
export function textCounts(text: string, config: ReviewConfig): TextCount[] {
  const t = toHalfWidth(text);
  const out: TextCount[] = [];
  for (const m of t.matchAll(countPattern(config))) {
    if (t[m.index + m[0].length] === '/') continue; // "元/人" is a unit price
    let start = m.index;
    while (start > 0 && !CLAUSE_SEPARATORS.test(t[start - 1]!) && m.index - start < 16) start--;
    const before = t.slice(start, m.index);
    if (config.partOneAmounts.notTotal.some((w) => before.includes(w))) continue;
    if (/(?:19|20)\d{2}年?$/.test(`${before}${m[1]}`)) continue;
    if (LIST_BEFORE.test(before)) continue; // the last item of a list counts a part of what is listed
    const bound = m[3] === '以上' || /(?:不少于|不低于|至少|超过)$/.test(before) ? '≥' : m[3] === '以下' || m[3] === '以内' || /(?:不超过|不多于)$/.test(before) ? '≤' : '=';
    if (m[3] === '左右') continue;
    // what is counted: the noun after the measure word when there is one ("覆盖全县186个村卫生室": 村卫生室, not 覆盖),
    // else the words before the count ("开展培训6期以上": 培训)
    let end = m.index + m[0].length;
    while (end < t.length && !CLAUSE_SEPARATORS.test(t[end]!) && end - (m.index + m[0].length) < 10) end++;
    const after = compactLabel(t.slice(m.index + m[0].length, end)).replace(/^的/, '');
    const subject = /[\u3400-\u9fff]{2}/.test(after) ? after : compactLabel(before);
    out.push({ n: Number(m[1]), unit: m[2]!, bound, snippet: t.slice(start, end).trim(), pieces: pieces(subject, config.partOneAmounts.commonPieces) });
  }
  return out;
}

/**
 * textCounts once per distinct text and settings: part one and the projects' goals repeat from one document of a
 * department to the next, and each text was matched and cut into pieces again for every review. Shared: read only.
 */
const textCountsOnce = perText(textCounts);

/** The two-character pieces of an indicator's name and description, once per pair (compared with every count of part one). */
const piecesOfIndicator = perPair((name, description, config) => pieces(compactLabel(`${name}${description}`), config.partOneAmounts.commonPieces));

/** An indicator with a count in its target, and the pieces of its name and description once read. */
interface CountRow {
  p: number;
  i: number;
  indicator: Indicator;
  pieces: Set<string> | null;
}

/**
 * The one indicator among `candidates` (of project `only`, or of any project when null) that counts the same thing
 * in the same unit; null when none or several. Every count of part one is compared with the same candidates: each
 * candidate's pieces are read once (kept on it), the count's listed once, and the scan stops at a second match.
 */
function countedIn(count: TextCount, candidates: readonly CountRow[], only: number | null, config: ReviewConfig): CountRow | null {
  const wanted = [...count.pieces];
  let found: CountRow | null = null;
  for (const c of candidates) {
    if (only !== null && c.p !== only) continue;
    const t = c.indicator.target;
    if (t.kind !== 'quantitative' || t.unit !== count.unit || t.value === null || !Number.isInteger(t.value)) continue;
    const own = (c.pieces ??= piecesOfIndicator(c.indicator.name, c.indicator.description ?? '', config));
    if (!wanted.some((x) => own.has(x))) continue;
    if (found !== null) return null;
    found = c;
  }
  return found;
}

/** Whether the table's target promises less than part one, or another exact number. */
function countContradicts(count: TextCount, indicator: Indicator): boolean {
  const { operator: op, value } = indicator.target;
  if (value === null || op === '≤' || op === '<' || count.bound === '≤') return false;
  if (count.bound === '≥') return value < count.n;
  return op === '=' || op === null ? value !== count.n : value < count.n;
}

/** Whether the project's own goals state part one's number for the same indicator. */
function goalStates(project: Project, count: TextCount, row: CountRow, config: ReviewConfig): boolean {
  for (const goal of project.goals) {
    for (const own of textCountsOnce(goal, config)) {
      if (own.n === count.n && own.unit === count.unit && countedIn(own, [row], null, config) === row) return true;
    }
  }
  return false;
}

const partOneCount: DocumentRule = {
  id: 'mismatch.part-one-count',
  category: 'mismatch',
  severity: 'warning',
  criterion: '相关性',
  scope: 'document',
  title: '部门整体目标中的数量与指标表不符',
  description:
    '第一部分（部门整体绩效目标）写出的数量（“开展培训6期以上”“为95人提供保障”）与对应项目表中计量同一事物的指标不一致：表中的目标少于第一部分的承诺，或两处都是定数而不同。' +
    '按内容而不是按名称对应：数量的单位相同，且数量所计的事物（数字后的名词，如“覆盖186个村卫生室”的“村卫生室”；没有时为数字前的词，如“开展培训6期”的“培训”）与指标名称或描述有共同的词，只有一条这样的指标时才比较；分项目标的标题对应某个项目时只看该项目，' +
    '总体目标看全部项目。单价（“元/人”）、“每”“其中”“累计”等和“左右”的数字不比较。天数（“免费开放不少于300天”）只与计天数的指标比较。' +
    '同一数字在总体目标和分项目标中都写了，合为一条；项目表自己的绩效目标也写了这个数字时，是表内目标与指标不符（mismatch.goal-vs-indicator），这里不再重复。',
  examples: {
    triggers: {
      description: '分项目标“社区服务项目：全年开展社区服务活动15场以上”，表中“开展活动场次”“≥12场”',
      patch: { departmentGoals: { subGoals: [{ title: '社区服务项目', text: '全年开展社区服务活动15场以上。' }] } },
    },
    passes: {
      description: '分项目标“社区服务项目：全年开展社区服务活动12场”，表中“开展活动场次”“≥12场”',
      patch: {},
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const hits: RuleHit[] = [];
    // part one's counts first, each with where it stands: most documents' part one states few, and only the rows in
    // their units are read
    const stated: { counts: readonly TextCount[]; where: string; source: SourceLocation | null; only: number | null }[] = [];
    const units = new Set<string>();
    const state = (counts: readonly TextCount[], where: string, source: SourceLocation | null, only: number | null) => {
      stated.push({ counts, where, source, only });
      for (const count of counts) units.add(count.unit);
    };
    const overall = doc.departmentGoals.overall ? textCountsOnce(doc.departmentGoals.overall, config) : [];
    if (overall.length > 0) state(overall, '总体绩效目标', doc.departmentGoals.overallSource, null);
    for (const g of doc.departmentGoals.subGoals) {
      const body = [g.text, g.goalText, g.indicatorText].filter((x): x is string => !!x).join('\n');
      const counts = textCountsOnce(`${g.title}\n${body}`, config);
      // the project a goal names is looked for only when the goal states a count (the names' index is made then)
      if (counts.length === 0) continue;
      state(counts, `分项目标“${g.numbering ?? ''}${quote(g.title, 24)}”`, g.source, projectByTitle(matchName(g.title, config), projectNames(ctx)));
    }
    if (stated.length === 0) return NO_HITS;
    // each indicator with a count in one of those units, by unit (one pass over the tables; the unit's family is the
    // row's fact: a quantitative target's unit read by unitFamily)
    const byUnit = new Map<string, CountRow[]>();
    for (let p = 0; p < doc.projects.length; p++) {
      const { indicators } = doc.projects[p]!;
      for (let i = 0; i < indicators.length; i++) {
        const indicator = indicators[i]!;
        const u = indicator.target.unit;
        if (u === null || !units.has(u)) continue;
        const family = ctx.rows[p]![i]!.family;
        if (family !== 'count' && !(family === 'time' && COUNTED_TIME_UNITS.includes(u))) continue;
        (byUnit.get(u) ?? byUnit.set(u, []).get(u)!).push({ p, i, indicator, pieces: null });
      }
    }
    // one finding per indicator and number, naming every place of part one that states it (the same figure told once)
    const found = new Map<string, { count: TextCount; row: CountRow; places: string[]; source: SourceLocation | null }>();
    for (const { counts, where, source, only } of stated) {
      for (const count of counts) {
        const row = countedIn(count, byUnit.get(count.unit) ?? [], only, config);
        if (row === null || !countContradicts(count, row.indicator)) continue;
        // the table's own goal states the same number: the table disagrees with itself, and mismatch.goal-vs-indicator says so
        if (goalStates(doc.projects[row.p]!, count, row, config)) continue;
        const key = `${row.p}|${row.i}|${count.n}`;
        const seen = found.get(key);
        if (seen === undefined) found.set(key, { count, row, places: [where], source });
        else if (!seen.places.includes(where)) seen.places.push(where);
      }
    }
    for (const { count, row, places, source } of found.values()) {
      const project = doc.projects[row.p]!;
      hits.push({
        field: 'departmentGoals',
        source,
        projectIndex: row.p,
        message: `第一部分${places.join('和')}写明“${quote(count.snippet, 30)}”，而${projectCalled(project)}的指标“${row.indicator.name}”为“${row.indicator.target.raw}”`,
        suggestion: `使两处一致：表中指标值应不少于第一部分的数量（如“${count.bound === '≥' ? '≥' : ''}${count.n}${count.unit}”），或改正第一部分。`,
      });
    }
    return hits;
  },
};

// ---------------------------------------------------------------------------------------------
// An indicator of another project; the narrative's budget against the table's (issue 73)
// ---------------------------------------------------------------------------------------------

type ProjectKind = ReviewConfig['projectKinds'][number];

/** The one kind of work a project's name tells (config.projectKinds); null for none or several. Once per review and project. */
const kindOf = perReview(() => new Map<Project, ProjectKind | null>());

function projectKind(project: Project, ctx: ReviewContext): ProjectKind | null {
  const known = kindOf(ctx);
  let kind = known.get(project);
  if (kind === undefined) {
    const name = compactLabel(project.name);
    const kinds = ctx.config.projectKinds.filter((k) => k.projectWords.some((w) => name.includes(w)));
    known.set(project, (kind = kinds.length === 1 ? kinds[0]! : null));
  }
  return kind;
}

/** What a project says it does: its name, goals, uses and the labels of its money, as one text (once per review). */
const textsOf = perReview(() => new Map<Project, string>());

function projectText(project: Project, ctx: ReviewContext): string {
  const known = textsOf(ctx);
  let text = known.get(project);
  if (text === undefined) {
    text = compactLabel([project.name, ...project.goals, ...project.longTermGoals, project.purpose ?? '', ...project.budgetLines.map((l) => l.label)].join('；'));
    known.set(project, text);
  }
  return text;
}

/** Whether a project's text mentions a marker as that kind of work: "田间道路" (a farmland project's own) is no mention of 道路. */
function mentions(text: string, marker: string, own: ProjectKind): boolean {
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
    if (!own.ownWords.some((w) => w !== marker && text.slice(Math.max(0, at - w.length), at) === w)) return true;
  }
  return false;
}

const indicatorOfOtherProject: IndicatorRule = {
  id: 'mismatch.indicator-of-other-project',
  category: 'mismatch',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  title: '指标属于另一个项目',
  description:
    '项目名称说明了它做什么（高标准农田建设、农村饮水安全、公路建设、堤防治理……，可设置的类别和词表），指标却是另一类工作的：高标准农田项目里的“村内道路硬化里程”“农村供水设施数量”，' +
    '饮水工程里的“加固堤防长度”“新增灌溉面积”。这类指标多半是从别的项目照抄过来的，或项目打包了别的工作而目标和用途没有写。' +
    '指标名称含有另一类工作的词、没有本项目这一类的词（“田间道路”是农田的），而项目名称、目标、资金用途和资金来源都没有提到那类工作时报告。评分上限为“良”。',
  examples: {
    triggers: {
      description: '项目“高标准农田建设”的数量指标“村内道路硬化里程 ≥12公里”',
      patch: { project: { name: '高标准农田建设', goals: ['新建高标准农田1200亩'] }, indicators: [{ at: 0, name: '村内道路硬化里程', description: '村内道路硬化', target: '≥12公里' }] },
    },
    passes: {
      description: '项目“高标准农田建设”的数量指标“新建田间道路 ≥12公里”',
      patch: { project: { name: '高标准农田建设', goals: ['新建高标准农田1200亩'] }, indicators: [{ at: 0, name: '新建田间道路', description: '田间道、生产路', target: '≥12公里' }] },
    },
  },
  check(indicator, project, ctx) {
    const own = projectKind(project, ctx);
    if (own === null) return NO_HITS;
    const name = compactLabel(indicator.name);
    if (name === '' || own.ownWords.some((w) => name.includes(w))) return NO_HITS;
    for (const other of ctx.config.projectKinds) {
      if (other === own) continue;
      const marker = other.markers.find((m) => name.includes(m));
      if (marker === undefined || mentions(projectText(project, ctx), marker, own)) continue;
      return [
        {
          field: 'indicatorName',
          source: indicator.sources.name ?? indicator.source,
          message: `${projectCalled(project)}是${own.name}项目，指标“${indicator.name.trim()}”（${indicator.target.raw}）却是${other.name}的，项目的名称、目标和资金用途都没有提到“${marker}”`,
          suggestion: `删去不属于本项目的指标，换成本项目${own.name}的产出和效益指标；若本项目确实包括${other.name}工作，在绩效目标和资金用途中写明，并列明其资金。`,
        },
      ];
    }
    return NO_HITS;
  },
};

/** A narrative's statement of the year's money: "年度预算安排80.00万元", "申请资金378万元". */
const NARRATIVE_BUDGET = /(?:预算安排|预算资金|年度预算|申请资金|申请预算|安排资金|资金安排|预算金额|预算数)[为是:：共计约]*\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|元)/;

const narrativeBudget: ProjectRule = {
  id: 'mismatch.narrative-budget',
  category: 'mismatch',
  severity: 'warning',
  criterion: '适当性',
  scope: 'project',
  title: '项目说明中的预算金额与绩效目标表不符',
  description:
    '与绩效目标表一同公开的项目说明（项目经费情况说明、申报书的“年度预算安排”）写明了本年度的预算金额（“2026年度预算安排80.00万元”），与表中的预算数不同：' +
    '两处至少有一处错了，目标按哪笔钱设定无从判断。金额与表中的预算数、财政资金或项目资金总额之一相同即不报告。评分上限为“良”（金额对不上是审核首先退回的问题）。',
  examples: {
    triggers: {
      description: '项目说明“年度预算安排”写“年度预算8.00万元”，表中预算数 10.00 万元',
      patch: { project: { narrative: [{ title: '年度预算安排', text: '年度预算8.00万元，全部为财政资金。' }] } },
    },
    passes: {
      description: '项目说明“年度预算安排”写“年度预算10.00万元”，与表中预算数相同',
      patch: { project: { narrative: [{ title: '年度预算安排', text: '年度预算10.00万元，全部为财政资金。' }] } },
    },
  },
  check(project) {
    const total = project.budget.total;
    if (total === null || project.narrative.length === 0) return NO_HITS;
    for (const section of project.narrative) {
      const m = NARRATIVE_BUDGET.exec(compactLabel(section.text)) ?? NARRATIVE_BUDGET.exec(compactLabel(`${section.title}${section.text}`));
      if (m === null) continue;
      const fen = toFen(m[1]!.replace(/,/g, ''), m[2] === '元' ? '元' : '万元');
      if (fen === null) continue;
      const known = [total, project.budget.fiscal, project.projectBudget?.total ?? null];
      if (known.some((k) => k !== null && Math.abs(k - fen) <= 1)) return NO_HITS;
      return [
        {
          field: 'budget.total',
          source: section.source,
          message: `项目说明“${section.title}”写明${m[0]}（${formatWan(fen)}万元），表中预算数为${formatWan(total)}万元`,
          suggestion: `核对两处金额，使项目说明与绩效目标表一致（表中预算数${formatWan(total)}万元）。`,
        },
      ];
    }
    return NO_HITS;
  },
};

export const MISMATCH_RULES: Rule[] = [
  nameVsValue,
  rateValueNotRate,
  descriptionVsValue,
  nameVsDescription,
  satisfactionOffTopic,
  deadlineYear,
  codeYear,
  goalVsIndicator,
  partOneCount,
  partOneAmount,
  indicatorOfOtherProject,
  narrativeBudget,
];
