/**
 * vague — a target that cannot be measured where the category needs a measurable one (相关性:
 * "Are the indicators refined and quantified?").
 *
 * Two rules, at most one finding per indicator:
 * - vague.not-quantified: a category that needs a number (数量, 成本, 满意度: config.numericLevel2)
 *   holds words ("按照财政部通知确定", "有效提升"). Grades and dates there are unit.not-a-number's.
 * - vague.uncheckable-phrase: elsewhere (效益, 质量, 时效) words are allowed when they can be judged
 *   at year end ("合规", a grade such as "良好"), but not phrases such as 显著提高 /
 *   有效保障 / 得到提升 (config.vaguePhrases).
 * - vague.unverifiable-standard: a target that points to a standard it does not state ("达到上级要求",
 *   "达成市级目标"; config.unverifiableStandards), where neither rule above fires.
 * Severity per category: config.vagueSeverity (by level 2, else level 1), else config.vagueDefault.
 */
import type { Indicator, Severity } from '../../domain/model';
import { perString, sharedText } from '../memo';
import type { IndicatorRule, ReviewContext, Rule } from '../types';
import { NO_HITS } from '../types';
import type { RowFacts } from '../facts';
import { describeIndicator, expectedValueHint, targetSource } from './unit';
import { isFigureList, longestPhraseOf } from '../readings';

function vagueSeverity(indicator: Indicator, ctx: ReviewContext, level1: string | null): Severity {
  const { vagueSeverity: byCategory, vagueDefault } = ctx.config;
  return (indicator.level2 !== null ? byCategory[indicator.level2] : undefined) ?? (level1 !== null ? byCategory[level1] : undefined) ?? vagueDefault;
}

/** The longest vague phrase (config.vaguePhrases) in the target; null when none. Read once per distinct value (facts.ts). */
export function vaguePhraseIn(row: RowFacts): string | null {
  return row.targetCell.vaguePhrase;
}

/** The longest of `phrases` in a text; null when none. Once per text and phrase list. */
function longestPhraseIn(text: string, phrases: readonly string[]): string | null {
  let known = phrasesFound.get(phrases);
  if (known === undefined) phrasesFound.set(phrases, (known = perString((t) => longestPhraseOf(t, phrases))));
  return known(text);
}

const phrasesFound = new WeakMap<readonly string[], (text: string) => string | null>();

/**
 * The rules' words, one string per distinct text: a vague target is a boilerplate row repeated through a department's
 * tables (bench:review's 5,919 vague.uncheckable-phrase findings say 36 things).
 */
const vagueWords = sharedText();

/** "“有效提升”" when the phrase is only part of the target, else the whole target. */
function quotePhrase(row: RowFacts, phrase: string): string {
  const { raw } = row.indicator.target;
  return row.targetText === phrase ? `“${raw}”` : `“${raw}”中的“${phrase}”`;
}

const notQuantified: IndicatorRule = {
  id: 'vague.not-quantified',
  category: 'vague',
  severity: 'error',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '需要数值的指标没有量化',
  description:
    '数量、成本、满意度指标（按地区设置）必须量化：写明多少个、多少钱、满意比例是多少。“按照财政部通知确定”“按照国家规定标准执行”“有效提升”等文字无法在年底核对，也无法自评打分。严重程度按类别设置（默认均为错误）。等级和日期见 unit.not-a-number。文字中写明了金额的（“按每人1000元标准发放”）已经量化，“无”是可核对的零，一个单元格列出几个带单位的数值（“≥30次；≥30篇；≥15次”，一行填了几个指标）也已量化，都不报告。',
  examples: {
    triggers: { description: '数量指标“开展活动场次”指标值“按照上级通知确定”', patch: { indicators: [{ at: 0, target: '按照上级通知确定' }] } },
    passes: { description: '数量指标“开展活动场次”指标值“≥12场”', patch: {} },
  },
  targetKind: 'qualitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'qualitative' || !row.needsNumber || row.isGrade) return NO_HITS;
    // a standard stated in words ("按每人1000元标准发放") is quantified; "无" (no secondary pollution) is a checkable zero
    if (AMOUNT_IN_WORDS.test(t.raw) || NONE.test(t.raw.trim())) return NO_HITS;
    // a cell listing several figures (“≥30次；≥30篇；≥15次”) is quantified: the row packs several indicators
    if (isFigureList(t.raw)) return NO_HITS;
    const phrase = vaguePhraseIn(row);
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        severity: vagueSeverity(indicator, ctx, row.countedLevel1),
        message: vagueWords(`${describeIndicator(indicator, ctx)}的指标值“${t.raw}”没有量化${phrase === null || phrase === row.targetText ? '' : `（“${phrase}”无法在年底核实）`}`),
        suggestion: vagueWords(`写明可核对的数值：${expectedValueHint(row, ctx)}。`),
      },
    ];
  },
};

/** An amount with its unit inside a sentence: the value is stated, only not in the cell's usual form. */
const AMOUNT_IN_WORDS = /\d+(?:\.\d+)?\s*(?:亿元|万元|元)/;
/** None at all: a target of zero, checked at year end like a number. */
const NONE = /^(?:无|零|没有|不发生|未发生)$/;

const uncheckablePhrase: IndicatorRule = {
  id: 'vague.uncheckable-phrase',
  category: 'vague',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '指标值无法在年底核实',
  description:
    '效益、质量、时效指标可以用文字目标，但须能在年底判断是否达成：“合规”“健全”或质量的“合格”等等级可以（效益指标上光秃秃的“良好”见 vague.meaningless-value，“达成市级目标”等引用未写明标准的见 vague.unverifiable-standard）；“显著提高”“有效保障”“得到提升”“进一步改善”“及时”等说法（可设置的短语表）没有基准和标准，年底无从核实，应当量化。效益指标默认为警告（按类别设置），质量、时效指标为默认严重程度（警告）。',
  examples: {
    triggers: { description: '社会效益指标“参与居民人次”指标值“服务能力得到提升”', patch: { indicators: [{ at: 4, target: '服务能力得到提升' }] } },
    passes: { description: '质量指标“活动完成率”指标值“合规”', patch: { indicators: [{ at: 1, target: '合规' }] } },
  },
  targetKind: 'qualitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'qualitative' || row.needsNumber || row.isGrade) return NO_HITS;
    const phrase = vaguePhraseIn(row);
    if (phrase === null) return NO_HITS;
    const accepted = ctx.config.level2Units[indicator.level2 ?? ''];
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        severity: vagueSeverity(indicator, ctx, row.countedLevel1),
        message: vagueWords(`${describeIndicator(indicator, ctx)}的指标值${quotePhrase(row, phrase)}没有基准和标准，无法在年底核实`),
        suggestion: accepted ? vagueWords(`改为可核对的数值（${expectedValueHint(row, ctx)}）。`) : QUANTIFY_OR_STATE_STANDARD,
      },
    ];
  },
};

const QUANTIFY_OR_STATE_STANDARD = '量化为可核对的目标（如“受益群众覆盖率≥90%”“服务对象≥500人次”），或写明年底据以判断达成与否的具体标准。';

/** The longest phrase of config.unverifiableStandards in the target; null when none. */
function unverifiableStandardIn(row: RowFacts, ctx: ReviewContext): string | null {
  return longestPhraseIn(row.targetText, ctx.config.unverifiableStandards);
}

const unverifiableStandard: IndicatorRule = {
  id: 'vague.unverifiable-standard',
  category: 'vague',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '指标值引用了没有写明的标准',
  description:
    '“达到上级要求”“达成市级目标”“达到先进水平”“按要求完成”等指标值引用了一个没有写出来的标准：年底无从知道要求是多少、是否达到。' +
    '应写明标准本身（“验收合格率100%”“达到《××规范》二级标准”）。可设置的短语表；“合规”“健全”等可直接判断的文字目标不报告，' +
    '需要数值的类别见 vague.not-quantified，“显著提高”等见 vague.uncheckable-phrase（同一指标只报一条）。',
  examples: {
    triggers: { description: '质量指标“活动质量”指标值“达成市级目标”', patch: { indicators: [{ at: 1, name: '活动质量', description: '社区服务活动的质量', target: '达成市级目标' }] } },
    passes: { description: '质量指标“活动完成率”指标值“合规”', patch: { indicators: [{ at: 1, target: '合规' }] } },
  },
  targetKind: 'qualitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'qualitative' || row.needsNumber || row.isGrade || vaguePhraseIn(row) !== null) return NO_HITS;
    const phrase = unverifiableStandardIn(row, ctx);
    if (phrase === null) return NO_HITS;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        severity: vagueSeverity(indicator, ctx, row.countedLevel1),
        message: vagueWords(`${describeIndicator(indicator, ctx)}的指标值${quotePhrase(row, phrase)}没有写明是什么标准，年底无法核对`),
        suggestion: vagueWords(`写明标准本身：${expectedValueHint(row, ctx)}，或注明文件和条款中的具体要求。`),
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// vague.meaningless-value (issue 73)
// ---------------------------------------------------------------------------------------------

/** What a value says nothing in: a percent on a slogan, an answer, a bare grade on a benefit row, a sentence; null when it says something. */
function meaninglessIn(row: RowFacts, ctx: ReviewContext): 'slogan' | 'answer' | 'grade' | 'prose' | null {
  const { indicator } = row;
  const t = indicator.target;
  const m = ctx.config.meaningless;
  if (row.isSatisfaction) return null;
  if (t.kind === 'quantitative') {
    if (row.family !== 'percent') return null;
    const name = row.compactName;
    // a value that names its own measure ("完成率100%") measures something whatever the name
    if (m.measureWords.some((w) => t.raw.includes(w))) return null;
    return name.length >= 6 && m.sloganVerbs.some((v) => name.includes(v)) && !m.measureWords.some((w) => name.includes(w)) ? 'slogan' : null;
  }
  if (t.kind !== 'qualitative') return null;
  const text = row.targetText.replace(/[。.；;，,！!]+$/, '');
  // a question copied as its own answer, "据实", "正常运转" say nothing anywhere; "是", "支持", "良好" on a benefit row
  if (NON_ANSWER.test(text)) return 'answer';
  const benefit = row.countedLevel1 === BENEFIT_LEVEL1;
  if (benefit && m.affirmations.includes(text)) return 'answer';
  if (benefit && m.benefitGrades.includes(text)) return 'grade';
  // a sentence: long, with a comma, no number and none of the phrases the other vague rules name
  if (/\d/.test(text) || vaguePhraseIn(row) !== null || row.isGrade) return null;
  const clauses = text.split(/[，,；;、]/).filter((c) => c !== '').length;
  return (text.length >= m.proseLength && clauses >= 2) || text.length >= 2 * m.proseLength ? 'prose' : null;
}

const BENEFIT_LEVEL1 = '效益指标';

/** Values that answer nothing whatever the category: "是否降低", "据实满意度", "部门职能正常运转". */
const NON_ANSWER = /^是否|^据实|正常运转$|^正常开展$/;

/** The finding's words after the indicator is named (describeIndicator): what says nothing, quoted. */
const MEANINGLESS_WORDS = {
  slogan: (raw: string) => `是一句口号，不是可以计量的事项，指标值“${raw}”无从核对`,
  answer: (raw: string) => `的指标值“${raw}”只是一个回答，没有写明要达到什么`,
  grade: (raw: string) => `的指标值“${raw}”没有写明按什么标准评定`,
  prose: (raw: string) => `的指标值“${quote(raw)}”是一句描述，不是可以核对的目标值`,
};

const quote = (s: string, max = 30) => (s.length > max ? `${s.slice(0, max)}…` : s);

const meaninglessValue: IndicatorRule = {
  id: 'vague.meaningless-value',
  category: 'vague',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '指标值没有意义',
  description:
    '指标值要能在年底核对。以下指标值什么也没说：一句口号配上百分比（“促进人口与经济、社会、资源、环境协调和可持续发展 100%”：名称有“促进、实现、提升”等而没有任何可计量的“率、度、数量”），' +
    '一个回答（效益指标上的“是”“支持”“正常”，任何指标上的“是否降低”“据实”“正常运转”），效益指标上光秃秃的等级（“良好”“较好”，没有评定标准），一句描述（“高龄老人按月领到津贴，用于购买生活用品和支付医药费”）。' +
    '“显著提高”等短语见 vague.uncheckable-phrase，需要数值的类别见 vague.not-quantified（同一指标只报一条）。可设置的词表。评分上限为“良”（效益指标上的无意义指标值是审核首先退回的问题）。',
  examples: {
    triggers: { description: '社会效益指标“促进社区和谐发展”指标值“100%”', patch: { indicators: [{ at: 4, name: '促进社区和谐发展', description: '促进社区和谐发展', target: '100%' }] } },
    passes: { description: '社会效益指标“参与居民人次”指标值“≥600人次”', patch: {} },
  },
  check(indicator, _project, ctx, row) {
    const kind = meaninglessIn(row, ctx);
    if (kind === null) return NO_HITS;
    const t = indicator.target;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        message: vagueWords(`${describeIndicator(indicator, ctx)}${MEANINGLESS_WORDS[kind](t.raw)}`),
        suggestion: vagueWords(`写明可核对的目标：${expectedValueHint(row, ctx)}${kind === 'slogan' ? '，并把名称改为可计量的事项（如“……覆盖率”“……人数”）' : ''}。`),
      },
    ];
  },
};

export const VAGUE_RULES: Rule[] = [notQuantified, uncheckablePhrase, unverifiableStandard, meaninglessValue];
