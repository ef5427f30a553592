/**
 * 自评复核 (issues 59 and 70): a submitted 项目支出绩效自评表 (submitted-self-evaluation.ts) re-scored by its own figures as
 * the finance bureau must — each indicator's score against the one the national method gives (财预〔2020〕10号; the
 * region's settings where they differ: self-evaluation-config.ts), the funds' score (执行率 × 分值, the region's
 * rounding), the sums (the total, each category's and a parent's points and score against its sub-items'), the
 * points, the grade, and deviations explained. docs/lifecycle.md gives the method with worked examples.
 *
 * - A quantitative target met: full points. Short of it: points × actual ÷ target (positive and equality targets); a
 *   cap (≤) exceeded: points × target ÷ actual (or the region's linear rule) — scoreIndicator of self-evaluation.ts,
 *   the same arithmetic as Jixiao's own self-evaluation.
 * - A deadline target by its date (done by then: 达成); a qualitative one by the level its actual's words give (达成 /
 *   部分达成 / 未达成, or the target's own words again), the score within that level's band of the points.
 * - What only a person can judge is left to the reviewer, and said (score.for-reviewer, the unit's score kept): a
 *   qualitative actual whose words tell no level, an actual that cannot be compared with its target (a unit of another
 *   kind, no number; one of the same kind is converted exactly: 12600人 against 万人), a row with neither a target nor
 *   an actual, a completion later than its deadline.
 * - An actual that is empty or a target again (≥80%) beside a target is no evidence: 0 points.
 * - A given score is accepted when it is the method's rounded to the decimals it was written with, half up or cut
 *   (9 for 9.8 and 10 for 9.8 alike); a missed target kept at full points and a met one scored below them are said as
 *   such, whatever the rounding. The funds' score written with fewer decimals than the region's rule only when it is the
 *   exact score rounded to them (within half a unit: 10 for 9.91, never 9 — issue 70), or cut where the region cuts.
 * - The 年度资金总额 row against its 其中 rows (本年财政拨款 + 上年结转资金 + 其他资金): a total below its parts' sum (a zero
 *   total over parts above zero) is an error, and the funds are then measured by the parts' sums, or not at all (said).
 * - A 其中 row with no points of its own is not scored; a parent with sub-items (1. over 1.1, 1.2) scores the sum of
 *   theirs; only whole rows count in the sums.
 *
 * What the table's reading doubts (reading.ts) is not re-scored: no finding is built on a doubted part, no total is
 * given for a table whose indicators or funds are doubted, and `withheld` says so.
 * Pure: no I/O. Findings are data with Chinese messages naming the indicator, both figures and the score Jixiao gives;
 * their category is 自评复核 (SELF_EVALUATION_CATEGORY), apart from the target review's.
 */
import type { Severity, SourceLocation } from './model';
import { formatWan, type MoneyUnit } from './money';
import { doubts } from './reading';
import { roundHalfUp } from './rounding';
import { gradeOf, scoreIndicator } from './self-evaluation';
import { DEFAULT_SELF_EVALUATION_CONFIG, type AchievementGrade, type EvaluationGrade, type SelfEvaluationConfig } from './self-evaluation-config';
import { categoryOf, type SubmittedAmount, type SubmittedFigure, type SubmittedIndicator, type SubmittedSelfEvaluation } from './submitted-self-evaluation';
import { parseTargetValue } from './target-value';
import { toHalfWidth } from './text';
import { convertUnit } from './unit-convert';

/** The category of every finding here: its own, beside the target review's (review/types.ts). */
export const SELF_EVALUATION_CATEGORY = { id: 'selfEvaluation', label: '自评复核' } as const;

export const SELF_EVALUATION_RULES = {
  'score.deducted-when-met': '目标已达成却扣分',
  'score.full-despite-shortfall': '未达成目标仍得满分',
  'score.differs': '得分与完成比例不符',
  'score.qualitative-band': '定性指标得分与完成等级不符',
  'score.for-reviewer': '须由复核人判断',
  'actual.not-a-value': '实际完成值为空或仍是目标值',
  'funds.score': '资金得分不等于执行率×分值',
  'funds.rate': '执行率与预算数、执行数不符',
  'funds.parts': '资金总额与其中各项之和不符',
  'total.sum': '总分不等于各项得分之和',
  'points.total': '分值合计不是100分',
  'points.category': '一级指标分值与其下指标分值之和不符',
  'parts.points': '子项分值之和与上级指标不符',
  'parts.score': '子项得分之和与上级指标不符',
  'deviation.missing': '未达成目标未说明偏差原因',
  'deviation.none': '未达成目标而偏差原因填“无”',
  'grade.mismatch': '自评等级与总分不符',
} as const;

export type SelfEvaluationRule = keyof typeof SELF_EVALUATION_RULES;

export interface SelfEvaluationFinding {
  rule: SelfEvaluationRule;
  severity: Severity;
  /** Index into the table's indicators; null for the funds, the total, the points or the grade. */
  indicatorIndex: number | null;
  indicator: string | null;
  /** The score the table gives, and the one Jixiao gives (null when the finding is not about a score). */
  given: number | null;
  expected: number | null;
  message: string;
  suggestion: string;
  source: SourceLocation | null;
}

/**
 * How Jixiao found an indicator's score: by the national formula ('method'); a 定性 or deadline target by its level
 * ('band': the unit's score kept inside the band, else the band's nearest end); left to the reviewer ('reviewer': the
 * unit's score kept); no evidence ('none': 0); the sum of its sub-items ('parts'); a 其中 row, not scored ('breakdown').
 */
export type IndicatorBasis = 'method' | 'band' | 'reviewer' | 'none' | 'parts' | 'breakdown';

/** Each basis in words, for the screens and the export. */
export const INDICATOR_BASIS_WORDS: Readonly<Record<IndicatorBasis, string>> = {
  method: '按完成比例计算',
  band: '按完成等级区间',
  reviewer: '由复核人判断（暂按自评得分）',
  none: '无实际完成值，不得分',
  parts: '各子项得分之和',
  breakdown: '其中项，不单独计分',
};

export interface SelfEvaluationReview {
  findings: SelfEvaluationFinding[];
  /**
   * Jixiao's figures: the funds' score, each indicator's with how it was found (both null where not checked: the
   * reading doubted, no points), the total and its grade — null when the table is not re-scored (its indicators or
   * funds doubted).
   */
  recomputed: { funds: number | null; indicators: (number | null)[]; how: (IndicatorBasis | null)[]; total: number | null; grade: EvaluationGrade | null };
  /** The table's own total (总分), else the sum of its scores. */
  selfScore: number | null;
  /** selfScore − recomputed total, two decimals: how far the table stands from the method; null when not re-scored. */
  gap: number | null;
  /** What was not checked and why (the reading's doubts, a table without its 总分 row), in words; empty when all was. */
  withheld: string[];
}

// ---------------------------------------------------------------------------------------------
// Numbers in hundredths

const H = (points: number) => Math.round(points * 100);
/** Hundredths as people read them: 8.5, 19.25, 10. */
const pts = (hundredths: number) => String(hundredths / 100);
const decimalsOf = (f: SubmittedFigure) => Math.min(2, (f.text.split('.')[1] ?? '').length);
/** Cut (never rounded up) to `decimals` places, in hundredths. */
const cutHundredths = (hundredths: number, decimals: number) => {
  const step = 10 ** (2 - decimals);
  return Math.floor(hundredths / step) * step;
};

/** Whether a given score is the method's rounded (half up, or cut) to the decimals it was written with. */
function sameScore(given: SubmittedFigure, expectedHundredths: number): boolean {
  const d = decimalsOf(given);
  const g = H(given.value);
  return g === H(roundHalfUp(expectedHundredths / 100, d)) || g === cutHundredths(expectedHundredths, d);
}

// ---------------------------------------------------------------------------------------------
// Reading an actual

/** An actual written as a target: an operator or its words before the number. */
const TARGET_FORM = /^(≥|≤|>|<|≧|≦|不低于|不高于|不少于|不多于|不超过|不大于|不小于|大于|小于|高于|低于|以上|以下)/;
/** An explanation that explains nothing. */
const NOTHING = /^(无|没有|无偏差|无原因|不存在|\/|／|-|—|——|无。|无；|暂无)$/;
const MISSED_WORDS = /(未完成|未达成|未达到|未实现|没有|未能|尚未|未按期|未按时|滞后|延期|^否|不满意|不合格|不达标|不符合|无效|下降)/;
const PARTLY_WORDS = /(部分|基本|大部分|初步)/;
const MET_WORDS = /(完成|达成|达到|实现|按时|如期|按期|^是$|有效|明显|显著|提升|改善|提高|合格|符合|良好|满意)/;

/** The level a qualitative actual says, against its target; null when its words do not tell. */
function qualitativeLevel(target: string, actual: string): AchievementGrade | null {
  const t = toHalfWidth(actual).replace(/\s+/g, '');
  if (t === toHalfWidth(target).replace(/\s+/g, '')) return '达成';
  if (MISSED_WORDS.test(t)) return '未达成';
  if (PARTLY_WORDS.test(t)) return '部分达成';
  if (MET_WORDS.test(t)) return '达成';
  return null;
}

/** A date as written (2025年6月20日, 2025年11月, 2025年6月底前, 2019年): year, month and day, each null when not given. */
function dateOf(text: string): { y: number; m: number | null; d: number | null } | null {
  const m = /(20\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?/.exec(toHalfWidth(text));
  if (!m) return null;
  return { y: Number(m[1]), m: m[2] === undefined ? null : Number(m[2]), d: m[3] === undefined ? null : Number(m[3]) };
}

/** Whether a completion date is by its deadline: true, false (later), null when the two do not tell (a month against a day). */
function byDeadline(target: string, actual: string): boolean | null {
  const t = dateOf(target);
  const a = dateOf(actual);
  if (t === null || a === null) return null;
  if (a.y !== t.y) return a.y < t.y;
  if (t.m === null) return true;
  if (a.m === null) return null;
  if (a.m !== t.m) return a.m < t.m;
  if (t.d === null) return true;
  if (a.d === null) return null;
  return a.d <= t.d;
}

const filled = (s: string | null | undefined) => s != null && s.trim() !== '';

/** A number with its unit, as in the table ("462人"), and percent with two decimals. */
const pct = (x: number) => `${roundHalfUp(x, 2)}%`;

// ---------------------------------------------------------------------------------------------
// One indicator

interface IndicatorCheck {
  /** Jixiao's score in hundredths; null when it cannot be told. */
  expected: number | null;
  how: IndicatorBasis | null;
  /** Whether the actual falls short of the target (a deviation to explain). */
  shortfall: boolean;
  /** The comparison in words, for messages: 目标≥480人，实际462人，完成96.25%，未达成 */
  said: string;
}

const REVIEWER_SUGGESTION = '对照佐证材料判断完成程度：定性指标按达成、部分达成、未达成评定等级，在相应区间内计分';

function checkIndicator(ind: SubmittedIndicator, index: number, config: SelfEvaluationConfig, findings: SelfEvaluationFinding[]): IndicatorCheck {
  const name = `“${ind.name}”`;
  const points = ind.points;
  const score = ind.score;
  const full = points === null ? null : H(points.value);
  const given = score === null ? null : H(score.value);
  // `expected` in hundredths, as everything here; the finding says points
  const add = (f: Omit<SelfEvaluationFinding, 'indicatorIndex' | 'indicator' | 'given'>) =>
    findings.push({ ...f, expected: f.expected === null ? null : f.expected / 100, indicatorIndex: index, indicator: ind.name, given: score?.value ?? null });
  const outOf = points === null ? '' : `（满分${points.text}分）`;
  const scored = given === null ? '' : `，自评得${pts(given)}分${outOf}`;
  /** Left to the reviewer, said; the unit's score kept. */
  const forReviewer = (message: string, shortfall = false): IndicatorCheck => {
    if (given !== null) add({ rule: 'score.for-reviewer', severity: 'info', expected: null, message, suggestion: REVIEWER_SUGGESTION, source: ind.sources.actual ?? ind.sources.score ?? ind.sources.name ?? null });
    return { expected: given, how: 'reviewer', shortfall, said: '' };
  };

  const actual = ind.actual?.trim() ?? '';
  if (actual === '' && ind.target.trim() === '') return forReviewer(`${name}未填写年度指标值和实际完成值，得分无法按完成情况核对，须由复核人判断${scored}`);
  if (actual === '' || TARGET_FORM.test(toHalfWidth(actual))) {
    if (given !== null && given > 0) {
      add({
        rule: 'actual.not-a-value',
        severity: 'error',
        expected: 0,
        message:
          actual === ''
            ? `${name}未填写实际完成值，自评得${pts(given)}分${outOf}，无据可依，应得0分`
            : `${name}的实际完成值“${actual}”是目标值的写法，不是实际完成的数值，自评得${pts(given)}分${outOf}，无据可依，应得0分`,
        suggestion: '填写该指标全年实际完成的数值（或事实），据以计分；无法提供的不得分',
        source: ind.sources.actual ?? ind.sources.name ?? null,
      });
    }
    return { expected: 0, how: 'none', shortfall: false, said: '' };
  }
  if (full === null) return { expected: null, how: null, shortfall: false, said: '' };

  const target = parseTargetValue(ind.target);
  if (target.kind === 'quantitative' && target.value !== null && target.operator !== null) {
    const a = parseTargetValue(actual);
    // an actual in another unit of the target's kind is converted exactly (12600人 against 万人: 1.26), else left to the reviewer
    const converted =
      a.kind !== 'quantitative' || a.value === null || a.valueText === null
        ? null
        : a.unit === null || target.unit === null || a.unit === target.unit
          ? a.value
          : ((c) => (c === null ? null : Number(c)))(convertUnit(a.valueText, a.unit, target.unit));
    if (converted === null) return forReviewer(`${name}目标${ind.target}，实际“${actual}”，两者无法按数值比较，须由复核人判断${scored}`);
    const value = converted;
    const r = scoreIndicator(target, { kind: 'value', value }, full / 100, config, index);
    const expected = H(r.score);
    const negative = target.operator === '≤' || target.operator === '<';
    const met = expected >= full;
    const progress = met
      ? '已达成'
      : negative && target.value > 0
        ? `超出目标${pct(((value - target.value) / target.value) * 100)}，未达成`
        : r.achievedPercent !== null
          ? `完成${pct(r.achievedPercent)}，未达成`
          : '未达成';
    const said = `${name}目标${ind.target}，实际${actual}，${progress}`;
    if (given !== null) {
      if (met && given < full) {
        add({
          rule: 'score.deducted-when-met',
          severity: filled(ind.deviation) ? 'info' : 'warning',
          expected,
          message: `${said}，自评得${pts(given)}分${outOf}，${filled(ind.deviation) ? `扣分原因：“${ind.deviation!.trim()}”` : '未说明扣分原因'}`,
          suggestion: `目标已达成应得满分${pts(full)}分；确有扣分理由的，在偏差原因分析中写明`,
          source: ind.sources.score ?? null,
        });
      } else if (!met && given >= full) {
        add({
          rule: 'score.full-despite-shortfall',
          severity: 'error',
          expected,
          message: `${said}，自评得${pts(given)}分${outOf}，按${negative ? '' : '完成'}比例应得${pts(expected)}分`,
          suggestion: `按${negative ? '目标值÷实际值' : '实际值÷目标值'}×分值计分，应得${pts(expected)}分`,
          source: ind.sources.score ?? null,
        });
      } else if (!sameScore(score!, expected)) {
        add({
          rule: 'score.differs',
          severity: given > expected ? 'error' : 'warning',
          expected,
          message: `${said}，自评得${pts(given)}分${outOf}，按${met ? '评分规则' : '完成比例'}应得${pts(expected)}分`,
          suggestion: `按评分规则计分，应得${pts(expected)}分`,
          source: ind.sources.score ?? null,
        });
      }
    }
    return { expected, how: 'method', shortfall: !met, said };
  }

  // a deadline by its date: done by then is 达成; later is for the reviewer (a shortfall to explain)
  let level: AchievementGrade | null = null;
  if (target.kind === 'deadline') {
    const onTime = byDeadline(ind.target, actual);
    if (onTime === false) return forReviewer(`${name}时限为“${ind.target}”，实际“${actual}”，晚于时限，完成程度须由复核人判断${scored}`, true);
    if (onTime === true) level = '达成';
  }
  // qualitative targets (and deadlines their dates do not decide): by the level their words give
  level ??= qualitativeLevel(ind.target, actual);
  if (level === null) return forReviewer(`${name}目标“${ind.target}”，实际“${actual}”，完成程度须由复核人对照佐证材料判断${scored}`);
  const band = config.achievementBands[level];
  const low = H(roundHalfUp((full / 100) * (band.min / 100), 2));
  const high = H(roundHalfUp((full / 100) * (band.max / 100), 2));
  const said = `${name}目标“${ind.target}”，实际“${actual}”，评为${level}`;
  let expected = given ?? high;
  if (given !== null && (given < low || given > high)) {
    expected = given < low ? low : high;
    add({
      rule: 'score.qualitative-band',
      severity: given > high ? 'error' : 'warning',
      expected,
      message: `${said}，得分应在${pts(low)}–${pts(high)}分之间${outOf}，自评得${pts(given)}分`,
      suggestion: `定性指标按完成等级计分：达成${config.achievementBands.达成.min}%–${config.achievementBands.达成.max}%，部分达成${config.achievementBands.部分达成.min}%–${config.achievementBands.部分达成.max}%，未达成${config.achievementBands.未达成.min}%–${config.achievementBands.未达成.max}%`,
      source: ind.sources.score ?? null,
    });
  }
  return { expected, how: 'band', shortfall: level !== '达成', said };
}

/** A shortfall's deviation: explained, or not. */
function checkDeviation(ind: SubmittedIndicator, index: number, check: IndicatorCheck, findings: SelfEvaluationFinding[]): void {
  if (!check.shortfall || check.said === '') return;
  const text = ind.deviation?.trim() ?? '';
  const base = { severity: 'warning' as const, indicatorIndex: index, indicator: ind.name, given: null, expected: null, source: ind.sources.deviation ?? ind.sources.actual ?? null };
  if (text === '') {
    findings.push({ ...base, rule: 'deviation.missing', message: `${check.said}，未填写偏差原因分析`, suggestion: '分析未达成目标的原因（经费、制度、人员、硬件或其他），写明改进措施' });
  } else if (NOTHING.test(toHalfWidth(text).replace(/\s+/g, ''))) {
    findings.push({ ...base, rule: 'deviation.none', message: `${check.said}，偏差原因分析填写“${text}”`, suggestion: '目标未达成，应如实分析偏差原因并写明改进措施' });
  }
}

/**
 * A parent's row against its sub-items (1. over 1.1, 1.2): its points and its score are theirs added up; Jixiao's score
 * is the sum of theirs (null when one of them cannot be told).
 */
function checkParent(parent: SubmittedIndicator, index: number, children: readonly { ind: SubmittedIndicator; check: IndicatorCheck }[], findings: SelfEvaluationFinding[]): IndicatorCheck {
  const sum = (f: (i: SubmittedIndicator) => SubmittedFigure | null) => children.reduce((s, c) => s + (f(c.ind) === null ? 0 : H(f(c.ind)!.value)), 0);
  const base = { indicatorIndex: index, indicator: parent.name, source: parent.sources.score ?? parent.sources.name ?? null };
  if (parent.points !== null && H(parent.points.value) !== sum((i) => i.points)) {
    findings.push({
      ...base,
      rule: 'parts.points',
      severity: 'warning',
      given: null,
      expected: null,
      message: `“${parent.name}”分值${parent.points.text}分，其下各子项分值合计${pts(sum((i) => i.points))}分`,
      suggestion: '上级指标的分值应等于其下各子项分值之和',
      source: parent.sources.points ?? base.source,
    });
  }
  const scores = sum((i) => i.score);
  if (parent.score !== null && H(parent.score.value) !== scores) {
    findings.push({
      ...base,
      rule: 'parts.score',
      severity: H(parent.score.value) > scores ? 'error' : 'warning',
      given: parent.score.value,
      expected: scores / 100,
      message: `“${parent.name}”自评得${parent.score.text}分，其下各子项得分合计${pts(scores)}分`,
      suggestion: '上级指标的得分应等于其下各子项得分之和',
    });
  }
  const expected = children.every((c) => c.check.expected !== null) ? children.reduce((s, c) => s + c.check.expected!, 0) : null;
  return { expected, how: 'parts', shortfall: false, said: '' };
}

// ---------------------------------------------------------------------------------------------
// The funds

/** 执行率 × 分值 in hundredths, the rate capped at 100 %, rounded by the region's rule; exact (BigInt on fen). */
export function fundsScoreHundredths(executedFen: number, budgetFullFen: number, pointsHundredths: number, rounding: SelfEvaluationConfig['fundsRounding']): number {
  const exec = BigInt(Math.min(executedFen, budgetFullFen));
  const budget = BigInt(budgetFullFen);
  const decimals = Math.max(0, Math.min(2, rounding.decimals));
  const scale = 10n ** BigInt(decimals);
  // score in units of 10^-decimals = points(hundredths) × exec × scale ÷ (100 × budget)
  const num = BigInt(pointsHundredths) * exec * scale;
  const den = 100n * budget;
  const units = rounding.mode === 'down' ? num / den : (2n * num + den) / (2n * den);
  return Number((units * 100n) / scale);
}

/** The rate in hundredths of a percent to `decimals` places (0–2), exact, half up or cut. */
function rateHundredths(executedFen: number, budgetFullFen: number, decimals: number, mode: 'halfUp' | 'down'): number {
  const exec = BigInt(executedFen);
  const budget = BigInt(budgetFullFen);
  const scale = 100n * 10n ** BigInt(decimals);
  const units = mode === 'down' ? (scale * exec) / budget : (2n * scale * exec + budget) / (2n * budget);
  return Number(units * 10n ** BigInt(2 - decimals));
}


/** A funds score that does not follow its rate: too high an error, too low a warning. */
function fundsScoreFinding(se: SubmittedSelfEvaluation, score: SubmittedFigure, expected: number, message: string, suggestion: string): SelfEvaluationFinding {
  return { rule: 'funds.score', severity: H(score.value) > expected ? 'error' : 'warning', indicatorIndex: null, indicator: null, given: score.value, expected: expected / 100, message, suggestion, source: se.sources['funds.score'] ?? null };
}

/** num ÷ den hundredths rounded half up to `decimals` (0–2) places, in hundredths. */
function nearestHundredths(num: bigint, den: bigint, decimals: number): number {
  const step = 10n ** BigInt(2 - decimals);
  return Number(((2n * num + step * den) / (2n * step * den)) * step);
}

/**
 * Whether a funds score written with fewer decimals than the region's rule is the exact score (num ÷ den hundredths)
 * written with them: within half a unit of its last decimal (9 or 10 for 9.5, 10 for 9.91 — never 9: a deduction of
 * 0.91), or, where the region cuts (`mode: 'down'`), the exact score cut to them. The lead's rule of issue 70.
 */
function fewerDecimalsAccepted(score: SubmittedFigure, num: bigint, den: bigint, rounding: SelfEvaluationConfig['fundsRounding']): boolean {
  const d = decimalsOf(score);
  if (d >= rounding.decimals) return false;
  const g = BigInt(H(score.value));
  const diff = g * den - num;
  const step = 10n ** BigInt(2 - d);
  if ((diff < 0n ? -diff : diff) * 2n <= step * den) return true;
  return rounding.mode === 'down' && g === (num / (step * den)) * step;
}

/**
 * A score written with fewer decimals than the rule's and less than one unit of them off the exact score (9 for 9.91: cut
 * where it should be rounded), what it would be rounded to them: （取整应为10分）; '' otherwise.
 */
function roundedWords(score: SubmittedFigure, num: bigint, den: bigint, rounding: SelfEvaluationConfig['fundsRounding']): string {
  const d = decimalsOf(score);
  if (d >= rounding.decimals) return '';
  const diff = BigInt(H(score.value)) * den - num;
  if ((diff < 0n ? -diff : diff) >= 10n ** BigInt(2 - d) * den) return '';
  return `（${d === 0 ? '取整' : `保留${d}位小数`}应为${pts(nearestHundredths(num, den, d))}分）`;
}

/** The amounts the funds' score is measured by: the total row's, or its parts' sums where the total contradicts them. */
interface FundsMeasure {
  budgetFull: SubmittedAmount | null;
  executed: SubmittedAmount | null;
  /** How the amounts are named in messages: '' for the total row's, '其中各项' for the parts' sums. */
  of: '' | '其中各项';
}

function checkFunds(se: SubmittedSelfEvaluation, config: SelfEvaluationConfig, findings: SelfEvaluationFinding[], measure: FundsMeasure): number | null {
  const { points, rate, score } = se.funds;
  const { budgetFull, executed } = measure;
  if (points === null) return score === null ? null : H(score.value);
  const rounding = config.fundsRounding;
  const ruleWords = `资金得分＝执行率×分值（执行率超过100%的按100%计），${rounding.mode === 'down' ? '舍去' : '四舍五入'}保留${rounding.decimals}位小数`;
  if (budgetFull === null || executed === null || budgetFull.fen <= 0) {
    // no amounts to measure by: the score against the rate the table writes
    if (rate === null || score === null) return score === null ? null : H(score.value);
    const expected = H(roundHalfUp((Math.min(rate.value, 100) * points.value) / 100, Math.max(0, Math.min(2, rounding.decimals))));
    const num = BigInt(Math.min(H(rate.value), 10_000) * H(points.value));
    const den = 10_000n;
    if (H(score.value) !== expected && !fewerDecimalsAccepted(score, num, den, rounding)) {
      findings.push(fundsScoreFinding(se, score, expected, `年度资金执行率${rate.text}%，分值${points.text}分，应得${pts(expected)}分，自评得${pts(H(score.value))}分${roundedWords(score, num, den, rounding)}`, '资金得分＝执行率×分值（执行率超过100%的按100%计）'));
    }
    return expected;
  }
  const pointsH = H(points.value);
  const expected = fundsScoreHundredths(executed.fen, budgetFull.fen, pointsH, rounding);
  const rateText = `${(rateHundredths(executed.fen, budgetFull.fen, 2, 'halfUp') / 100).toFixed(2)}%`;
  const sum = measure.of === '' ? '' : '合计';
  const how = `（${measure.of}全年执行数${sum}${executed.text}${se.amountUnit}÷全年预算数${sum}${budgetFull.text}${se.amountUnit}）`;
  // the rate as written, rounded or cut to the decimals it was written with (97.80% for 97.808…)
  if (rate !== null) {
    const d = decimalsOf(rate);
    const right = (['halfUp', 'down'] as const).some((mode) => rateHundredths(executed.fen, budgetFull.fen, d, mode) === H(rate.value));
    if (!right) {
      findings.push({
        rule: 'funds.rate',
        severity: 'warning',
        indicatorIndex: null,
        indicator: null,
        given: null,
        expected: null,
        message: `年度资金执行率应为${rateText}${how}，自评表填写${rate.text}%`,
        suggestion: `执行率＝全年执行数÷全年预算数${measure.of === '' ? '' : '（年度资金总额与其中各项不符，按其中各项之和计算）'}`,
        source: se.sources['funds.rate'] ?? null,
      });
    }
  }
  if (score !== null && H(score.value) !== expected) {
    // the exact score: points × min(executed, budget) ÷ budget, in hundredths
    const num = BigInt(pointsH) * BigInt(Math.min(executed.fen, budgetFull.fen));
    const den = BigInt(budgetFull.fen);
    if (!fewerDecimalsAccepted(score, num, den, rounding)) {
      findings.push(
        fundsScoreFinding(se, score, expected, `年度资金执行率${rateText}${how}，分值${points.text}分，应得${pts(expected)}分，自评得${pts(H(score.value))}分${roundedWords(score, num, den, rounding)}`, ruleWords),
      );
    }
  }
  return expected;
}

// ---------------------------------------------------------------------------------------------
// The funds' total against its 其中 rows

/** The parts a funds total is the sum of, by their label: this year's appropriation, the carry-over, other funds. */
const PART_KINDS: readonly [string, RegExp][] = [
  ['fiscalYear', /^(本年|当年)财政拨款/],
  ['fiscal', /^(财政拨款|财政资金)/],
  ['carryOver', /^上年结转/],
  ['other', /^(其他资金|财政专户|单位资金|自有资金)/],
];
const partName = (label: string) => toHalfWidth(label).replace(/\s+/g, '').replace(/^(其中|含)[:：]?/, '');
const partKind = (label: string) => PART_KINDS.find(([, re]) => re.test(partName(label)))?.[0] ?? null;

const AMOUNT_WORDS = { budgetStart: '年初预算数', budgetFull: '全年预算数', executed: '全年执行数' } as const;

/** An amount in the table's unit as people read it: 89.974, 90.00 (万元); 2544000.00 (元). */
function amountText(fen: number, unit: MoneyUnit): string {
  if (unit === '万元') return formatWan(fen);
  const abs = BigInt(Math.abs(fen));
  return `${fen < 0 ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * The 年度资金总额 row against its 其中 rows (本年财政拨款 + 上年结转资金 + 其他资金, where read): a column whose total is
 * less than its parts' sum (a zero total with parts above zero among them) is a contradiction, said as an error naming
 * both figures and the rows. The funds' score is then measured by the parts' sums (`measure`); when the parts do not give
 * both 全年预算数 and 全年执行数 it is not checked (`measure` null), and `withheld` says why. Rows of use (基本支出, 项目支出)
 * are no part of the sum; a breakdown whose levels cannot be told (财政资金 beside 本年财政拨款) is not compared, said.
 */
function checkFundsParts(se: SubmittedSelfEvaluation, findings: SelfEvaluationFinding[], withheld: string[]): { measure: FundsMeasure | null } {
  const byTotal: FundsMeasure = { budgetFull: se.funds.budgetFull, executed: se.funds.executed, of: '' };
  const parts = (se.funds.parts ?? []).filter((p) => partKind(p.label) !== null);
  if (parts.length === 0) return { measure: byTotal };
  const kinds = new Set(parts.map((p) => partKind(p.label)));
  if (kinds.has('fiscal') && kinds.has('fiscalYear')) {
    withheld.push(`年度资金的其中各项层次不明（${parts.map((p) => partName(p.label)).join('、')}），未与年度资金总额比较`);
    return { measure: byTotal };
  }
  const unit = se.amountUnit;
  const sums: Record<keyof typeof AMOUNT_WORDS, SubmittedAmount | null> = { budgetStart: null, budgetFull: null, executed: null };
  const said: string[] = [];
  const contradicted = new Set<keyof typeof AMOUNT_WORDS>();
  let source: SourceLocation | null = null;
  for (const field of ['budgetStart', 'budgetFull', 'executed'] as const) {
    const read = parts.filter((p) => p[field] !== null);
    if (read.length === 0) continue;
    const fen = read.reduce((s, p) => s + p[field]!.fen, 0);
    sums[field] = { text: read.length === 1 ? read[0]![field]!.text : amountText(fen, unit), fen };
    const total = se.funds[field];
    if (total === null || total.fen >= fen) continue;
    contradicted.add(field);
    said.push(`${AMOUNT_WORDS[field]}${total.text}${unit}，${total.fen === 0 ? '而' : '小于'}其中各项之和${sums[field]!.text}${unit}（${read.map((p) => `${partName(p.label)}${p[field]!.text}${unit}`).join('＋')}）`);
    source ??= se.sources[`funds.${field}`] ?? read[0]!.sources[field] ?? null;
  }
  if (said.length === 0) return { measure: byTotal };
  findings.push({
    rule: 'funds.parts',
    severity: 'error',
    indicatorIndex: null,
    indicator: null,
    given: null,
    expected: null,
    message: `年度资金总额与其中各项不符：${said.join('；')}`,
    suggestion: '年度资金总额的各栏应等于其中本年财政拨款、上年结转资金与其他资金之和',
    source,
  });
  // the total's 全年 figures where they hold and measure (only its 年初预算数 short), else the parts' sums, else nothing
  const measurable = (m: FundsMeasure) => m.budgetFull !== null && m.executed !== null && m.budgetFull.fen > 0;
  if (!contradicted.has('budgetFull') && !contradicted.has('executed') && measurable(byTotal)) return { measure: byTotal };
  const byParts: FundsMeasure = { budgetFull: sums.budgetFull, executed: sums.executed, of: '其中各项' };
  if (!measurable(byParts)) {
    const missing = [sums.budgetFull === null || sums.budgetFull.fen <= 0 ? '全年预算数' : null, sums.executed === null ? '全年执行数' : null].filter((x) => x !== null).join('和');
    withheld.push(`年度资金总额与其中各项不符，其中各项未列${missing}，资金得分无法按执行率复核，未核对`);
    return { measure: null };
  }
  return { measure: byParts };
}

// ---------------------------------------------------------------------------------------------
// The table

const GRADE_WORDS: Readonly<Record<string, EvaluationGrade>> = { 优: '优', 优秀: '优', 良: '良', 良好: '良', 中: '中', 合格: '中', 一般: '中', 差: '差', 不合格: '差', 较差: '差' };

/** A grade's band in words: 80分≤总分<90分. */
function bandWords(grade: EvaluationGrade, config: SelfEvaluationConfig): string {
  const bands = config.gradeBands;
  const k = bands.findIndex((b) => b.grade === grade);
  const min = bands[k]!.min;
  const above = k > 0 ? bands[k - 1]!.min : null;
  if (above === null) return `总分≥${min}分`;
  if (min <= 0) return `总分<${above}分`;
  return `${min}分≤总分<${above}分`;
}

/** The children of each parent row (sub-items), by the parent's index. */
function childrenOf(indicators: readonly SubmittedIndicator[]): Map<number, number[]> {
  const children = new Map<number, number[]>();
  indicators.forEach((ind, k) => {
    if (ind.partOf?.kind !== 'sub') return;
    const list = children.get(ind.partOf.index) ?? [];
    list.push(k);
    children.set(ind.partOf.index, list);
  });
  return children;
}

/** The whole rows (not a part of another): what the sums count. */
const isWhole = (ind: SubmittedIndicator) => ind.partOf === undefined;

/**
 * The categories whose cell states points (产出指标(50分)) with the whole rows under that cell: by the cell (a category
 * written only as "(50分)" is known by its place), else, for a table stored before the cell was kept, by name.
 */
function categoryGroups(se: SubmittedSelfEvaluation): { name: string; points: number; members: SubmittedIndicator[]; source: SourceLocation | null }[] {
  if (!se.indicators.some((i) => i.level1Points != null)) {
    return se.categoryPoints.map((c) => ({ name: c.level1, points: c.points, members: se.indicators.filter((i) => i.level1 === c.level1 && isWhole(i)), source: c.source }));
  }
  const groups: { name: string; points: number; members: SubmittedIndicator[]; source: SourceLocation | null; key: string }[] = [];
  for (const ind of se.indicators) {
    if (ind.level1Points == null || !isWhole(ind)) continue;
    const where = ind.sources.level1;
    const key = `${ind.level1}|${where?.line ?? ''}|${where?.ref ?? ''}|${ind.level1Points}`;
    let g = groups.find((x) => x.key === key);
    if (g === undefined) groups.push((g = { name: ind.level1 || (categoryOf(ind.level1, ind.level2) ?? ''), points: ind.level1Points, members: [], source: where ?? null, key }));
    g.members.push(ind);
  }
  return groups;
}

/**
 * Checks a submitted self-evaluation.
 * @example reviewSelfEvaluation(se).findings[0].message // "“资金到位及时率”目标≥100%，实际100%，已达成，自评得7分（满分10分），未说明扣分原因"
 */
export function reviewSelfEvaluation(se: SubmittedSelfEvaluation, config: SelfEvaluationConfig = DEFAULT_SELF_EVALUATION_CONFIG): SelfEvaluationReview {
  const findings: SelfEvaluationFinding[] = [];
  const withheld: string[] = [];
  const indicatorsDoubted = doubts(se.reading, 'indicators');
  const fundsDoubted = doubts(se.reading, 'budget');
  if (indicatorsDoubted) withheld.push('指标行读取存疑，指标得分、分值与总分未核对');
  if (fundsDoubted) withheld.push('年度资金读取存疑，资金得分未核对');

  // the funds: the total row against its 其中 rows, then the score by the amounts that hold (withheld when none do)
  const measure = fundsDoubted ? null : checkFundsParts(se, findings, withheld).measure;
  const fundsWithheld = !fundsDoubted && measure === null;
  const fundsExpected = measure === null ? null : checkFunds(se, config, findings, measure);

  // each row by the method, its findings kept by row; then the parents by their sub-items; then in table order
  const indicators = se.indicators;
  const children = childrenOf(indicators);
  const checks: IndicatorCheck[] = [];
  const byRow: SelfEvaluationFinding[][] = indicators.map(() => []);
  indicators.forEach((ind, k) => {
    if (ind.partOf?.kind === 'breakdown') {
      checks[k] = { expected: null, how: 'breakdown', shortfall: false, said: '' };
      return;
    }
    if (children.has(k)) return;
    const check = checkIndicator(ind, k, config, byRow[k]!);
    checkDeviation(ind, k, check, byRow[k]!);
    checks[k] = check;
  });
  for (const [k, list] of children) checks[k] = checkParent(indicators[k]!, k, list.map((c) => ({ ind: indicators[c]!, check: checks[c]! })), byRow[k]!);
  if (!indicatorsDoubted) for (const list of byRow) findings.push(...list);

  const givenFunds = se.funds.score === null ? 0 : H(se.funds.score.value);
  const whole = indicators.filter(isWhole);
  const givenSum = whole.reduce((sum, i) => sum + (i.score === null ? 0 : H(i.score.value)), givenFunds);
  if (!indicatorsDoubted && !fundsDoubted) {
    const fundsPoints = se.funds.points === null ? 0 : H(se.funds.points.value);
    const indicatorPoints = whole.reduce((sum, i) => sum + (i.points === null ? 0 : H(i.points.value)), 0);
    if (se.total === null) withheld.push('表中没有总分行（表格可能不完整），分值合计与总分未核对');
    else if (fundsPoints + indicatorPoints !== 10_000) {
      findings.push({
        rule: 'points.total',
        severity: 'error',
        indicatorIndex: null,
        indicator: null,
        given: null,
        expected: null,
        message: `各项分值合计${pts(fundsPoints + indicatorPoints)}分（年度资金${pts(fundsPoints)}分，绩效指标${pts(indicatorPoints)}分），应为100分`,
        suggestion: `按${config.executionWeight}分年度资金、${Object.entries(config.level1Weights).map(([k, v]) => `${k}${v}分`).join('、')}分配分值，合计100分`,
        source: se.sources.totalPoints ?? null,
      });
    }
    if (se.total !== null && H(se.total.value) !== givenSum) {
      findings.push({
        rule: 'total.sum',
        severity: 'error',
        indicatorIndex: null,
        indicator: null,
        given: se.total.value,
        expected: givenSum / 100,
        message: `总分${pts(H(se.total.value))}分不等于年度资金得分与各指标得分之和${pts(givenSum)}分`,
        suggestion: '总分＝年度资金得分＋各项指标得分',
        source: se.sources.total ?? null,
      });
    }
    for (const c of categoryGroups(se)) {
      const sum = c.members.reduce((s, i) => s + (i.points === null ? 0 : H(i.points.value)), 0);
      if (c.members.length > 0 && sum !== H(c.points)) {
        findings.push({
          rule: 'points.category',
          severity: 'warning',
          indicatorIndex: null,
          indicator: null,
          given: null,
          expected: null,
          message: `“${c.name}”标明${c.points}分，其下各指标分值合计${pts(sum)}分`,
          suggestion: '一级指标的分值应等于其下各三级指标分值之和',
          source: c.source,
        });
      }
    }
  }

  const written = se.grade === null ? null : (GRADE_WORDS[se.grade] ?? null);
  // the table's own total, else the sum of its scores (unknown when its indicators are doubted and it has no 总分)
  const selfScore = se.total !== null ? H(se.total.value) : indicatorsDoubted ? null : givenSum;
  if (written !== null && selfScore !== null && !indicatorsDoubted && !fundsDoubted) {
    const right = gradeOf(selfScore / 100, config);
    if (right !== written) {
      findings.push({
        rule: 'grade.mismatch',
        severity: 'error',
        indicatorIndex: null,
        indicator: null,
        given: null,
        expected: null,
        message: `总分${pts(selfScore)}分对应等级为“${right}”（${bandWords(right, config)}），自评等级为“${se.grade}”`,
        suggestion: `按总分评定等级：${config.gradeBands.map((b) => `${b.grade}${bandWords(b.grade, config)}`).join('，')}`,
        source: se.sources.grade ?? null,
      });
    }
  }

  const rescored = !indicatorsDoubted && !fundsDoubted && !fundsWithheld;
  const total = rescored
    ? indicators.reduce((sum, ind, k) => (isWhole(ind) ? sum + (checks[k]!.expected ?? (ind.score === null ? 0 : H(ind.score.value))) : sum), fundsExpected ?? givenFunds) / 100
    : null;
  return {
    findings,
    recomputed: {
      funds: fundsExpected === null ? null : fundsExpected / 100,
      indicators: indicators.map((_, k) => (indicatorsDoubted || checks[k]!.expected === null ? null : checks[k]!.expected! / 100)),
      how: indicators.map((_, k) => (indicatorsDoubted ? null : checks[k]!.how)),
      total,
      grade: total === null ? null : gradeOf(total, config),
    },
    selfScore: selfScore === null ? null : selfScore / 100,
    gap: total === null || selfScore === null ? null : (selfScore - Math.round(total * 100)) / 100,
    withheld,
  };
}

/** The 复核 of a table in `jixiao check --json` (a document's `selfEvaluations`), and in the API. */
export function selfEvaluationReviewJson(se: SubmittedSelfEvaluation, review: SelfEvaluationReview) {
  return {
    project: se.project,
    unit: se.unit,
    year: se.year,
    line: se.source.line,
    selfScore: review.selfScore,
    selfGrade: se.grade,
    recomputed: review.recomputed,
    gap: review.gap,
    withheld: review.withheld,
    reading: se.reading,
    findings: review.findings.map((f) => ({
      rule: f.rule,
      title: SELF_EVALUATION_RULES[f.rule],
      category: SELF_EVALUATION_CATEGORY.id,
      severity: f.severity,
      indicator: f.indicator,
      given: f.given,
      expected: f.expected,
      line: f.source?.line ?? null,
      ...(f.source?.ref ? { ref: f.source.ref } : {}),
      message: f.message,
      suggestion: f.suggestion,
    })),
  };
}
