/**
 * unit — the target's unit or kind does not fit the indicator's category (相关性).
 *
 * Judged from the category (一级/二级指标) alone: a name or description that contradicts its value
 * ("…率" with "≥4次") is mismatch's. One indicator gets at most one finding of this category from
 * the family rules: a number without a unit is unit.no-unit's only, a unit of an unknown family is
 * left alone (nothing can be said about it).
 */
import type { Indicator, Severity, SourceLocation, TargetValue } from '../../domain/model';
import type { UnitFamily } from '../config';
import type { RowFacts } from '../facts';
import type { IndicatorRule, ReviewContext, Rule, RuleHit } from '../types';
import { NO_HITS } from '../types';
import { compact } from '../cells';
import { perPair, sharedText } from '../memo';
import { FAMILY_NAMES, unitFamily } from '../units';
import { isSatisfaction, speaksOfSatisfaction } from '../readings';

// ---------------------------------------------------------------------------------------------
// Helpers shared with vague.ts
// ---------------------------------------------------------------------------------------------

/** How a message names the indicator: `数量指标“开展活动场次”`. */
export function describeIndicator(indicator: Indicator, ctx: ReviewContext): string {
  const category = isSatisfaction(indicator, ctx)
    ? ctx.config.satisfaction.level1
    : (indicator.level2 ?? (indicator.level2Raw.trim() || (indicator.level1 ?? indicator.level1Raw.trim())));
  return `${category || '指标'}“${indicator.name.trim() || '（无名称）'}”`;
}

export function targetSource(indicator: Indicator): SourceLocation {
  return indicator.sources.target ?? indicator.source;
}

/** The unit families a category accepts (config.level2Units); null when it accepts any. */
function acceptedFamilies(row: RowFacts, ctx: ReviewContext): UnitFamily[] | null {
  const { indicator } = row;
  if (row.isSatisfaction) return ['percent'];
  return indicator.level2 !== null ? (ctx.config.level2Units[indicator.level2] ?? null) : null;
}

const FAMILY_EXAMPLES: Record<UnitFamily, string> = {
  percent: '比率，如“≥95%”',
  money: '金额，如“≤10万元”',
  count: '数量和计量单位，如“≥12场”“≥100人”',
  time: '期限，如“≤30天”“1年”',
  measure: '实物量，如“≥500平方米”',
};

/**
 * "比率，如“≥95%”，或金额……": what a category's value should look like, from its accepted families.
 * Where a number is not required and a time is accepted (时效), a deadline is offered first.
 */
export function expectedValueHint(row: RowFacts, ctx: ReviewContext): string {
  const families = acceptedFamilies(row, ctx) ?? ['count', 'percent'];
  const hints = families.map((f) =>
    f === 'time' && !row.needsNumber ? `完成时限或期限，如“${ctx.doc.year === null ? '' : `${ctx.doc.year}年`}12月底前”“≤30天”` : FAMILY_EXAMPLES[f],
  );
  return hints.join('，或');
}

/** Names of measures that have no unit: a coefficient, an index, a multiple, a ratio. */
const DIMENSIONLESS = /系数|指数|倍数|比值/;

const operatorText = (t: TargetValue) => (t.operator === '=' || t.operator === null ? '' : t.operator);

// ---------------------------------------------------------------------------------------------
// Satisfaction
// ---------------------------------------------------------------------------------------------

const satisfactionNotPercent: IndicatorRule = {
  id: 'unit.satisfaction-not-percent',
  category: 'unit',
  severity: 'error',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '满意度不是百分比',
  description:
    '满意度指标衡量满意的受益对象占调查对象的比例，指标值应为百分比（如 ≥90%），不能是人数、次数或金额。没有单位的数字由 unit.no-unit 报告。',
  examples: {
    triggers: { description: '满意度指标“工作人员满意度”指标值“≥95人”', patch: { indicators: [{ at: 5, name: '工作人员满意度', target: '≥95人' }] } },
    passes: { description: '满意度指标“居民满意度”指标值“≥90%”', patch: {} },
  },
  targetKind: 'quantitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (!row.isSatisfaction || t.kind !== 'quantitative' || t.unit === null) return NO_HITS;
    if (row.family === 'percent') return NO_HITS;
    const value = t.value !== null && t.value > 0 && t.value <= ctx.config.satisfaction.maxPercent ? t.value : 90;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        message: `${describeIndicator(indicator, ctx)}的指标值“${t.raw}”以“${t.unit}”计，不是百分比`,
        suggestion: `改为满意的调查对象所占比例，如“≥${value}%”，并注明调查方式（如问卷调查）。`,
      },
    ];
  },
};

/** A percentage target of a satisfaction indicator: its value when the unit is exactly "%". */
function satisfactionPercent(row: RowFacts): number | null {
  const { indicator } = row;
  const t = indicator.target;
  if (!row.isSatisfaction || t.kind !== 'quantitative' || t.value === null) return null;
  return t.unit === '%' ? t.value : null;
}

const satisfactionOverMax: IndicatorRule = {
  id: 'unit.satisfaction-over-max',
  category: 'unit',
  severity: 'error',
  criterion: '适当性',
  scope: 'indicator',
  reads: 'row',
  title: '满意度超过100%',
  description: '满意度是比例，最高为100%（上限可按地区设置）。超过上限（或要求“>100%”）的目标不可能达到，通常是把人数或分值当成了百分比。',
  examples: {
    triggers: { description: '满意度指标“居民满意度”指标值“≥120%”', patch: { indicators: [{ at: 5, target: '≥120%' }] } },
    passes: { description: '满意度指标“居民满意度”指标值“100%”（达到上限，可以）', patch: { indicators: [{ at: 5, target: '100%' }] } },
  },
  check(indicator, _project, ctx, row) {
    const value = satisfactionPercent(row);
    const max = ctx.config.satisfaction.maxPercent;
    if (value === null) return NO_HITS;
    const op = indicator.target.operator;
    if (!(value > max || (op === '>' && value >= max))) return NO_HITS;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        message: `${describeIndicator(indicator, ctx)}的指标值“${indicator.target.raw}”超过${max}%，不可能达到`,
        suggestion: `满意度最高为${max}%，按以往调查结果设定，如“≥90%”。`,
      },
    ];
  },
};

const satisfactionBelowMin: IndicatorRule = {
  id: 'unit.satisfaction-below-min',
  category: 'unit',
  severity: 'warning',
  criterion: '适当性',
  scope: 'indicator',
  reads: 'row',
  title: '满意度目标偏低',
  description: '满意度目标通常不低于80%（下限按地区设置）。目标过低，年底即使群众普遍不满也算完成，起不到约束作用。',
  examples: {
    triggers: { description: '满意度指标“居民满意度”指标值“≥60%”', patch: { indicators: [{ at: 5, target: '≥60%' }] } },
    passes: { description: '满意度指标“居民满意度”指标值“≥80%”', patch: { indicators: [{ at: 5, target: '≥80%' }] } },
  },
  check(indicator, _project, ctx, row) {
    const value = satisfactionPercent(row);
    const min = ctx.config.satisfaction.minPercent;
    const op = indicator.target.operator;
    if (value === null || op === '≤' || op === '<' || value >= min) return NO_HITS;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        message: `${describeIndicator(indicator, ctx)}的指标值“${indicator.target.raw}”低于满意度一般要求的${min}%`,
        suggestion: `提高到不低于${min}%（如“≥${Math.max(min, 85)}%”）；确需较低目标的，在指标值确定依据中说明理由（如上年调查结果）。`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// A number with no unit
// ---------------------------------------------------------------------------------------------

/**
 * The unit a bare number most likely means (config.unitHints): `sure` when the category or a word of
 * the name/description says so, not when only the size of the number (50–100) suggests a percentage.
 */
function likelyUnit(row: RowFacts, ctx: ReviewContext): { unit: string; sure: boolean } | null {
  const { indicator } = row;
  const { byCategory, percentFrom } = ctx.config.unitHints;
  const level1 = row.countedLevel1;
  const fromCategory = (indicator.level2 !== null ? byCategory[indicator.level2] : undefined) ?? (level1 !== null ? byCategory[level1] : undefined);
  if (fromCategory) return { unit: fromCategory, sure: true };
  // the first unit word of the name, else of the description (each cell read once: facts.ts)
  const hit = row.nameCell.unitWord ?? row.descriptionCell.unitWord;
  if (hit === null) {
    const v = indicator.target.value;
    return v !== null && v >= percentFrom && v <= 100 ? { unit: '%', sure: false } : null;
  }
  // a description that ends in a rate (“完成率”) says the value is a percentage, whatever money word the name has
  // (“节约经费，认真完成工作”): never suggest 万元 for a 完成率
  if (row.descriptionCell.describesRate && unitFamily(hit[1], ctx.config) === 'money') return { unit: '%', sure: true };
  return { unit: hit[1], sure: true };
}

/** Whether an indicator's description or explaining column (指标解释, 指标说明) writes the percentage `percent` ("100%"). */
function explainsPercent(indicator: Indicator, percent: number): boolean {
  const written = `${percent}%`;
  if ((indicator.description ?? '').replace(/％/g, '%').includes(written)) return true;
  for (const extra of indicator.extras) if (/解释|说明/.test(extra.header) && extra.text.replace(/％/g, '%').includes(written)) return true;
  return false;
}


const noUnit: IndicatorRule = {
  id: 'unit.no-unit',
  category: 'unit',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '指标值没有单位',
  description:
    '定量指标值应写明计量单位（%、人、个、万元……）。“≥100”这样的裸数字无法判断是100人、100个还是100%，年底无法据以核对和打分。每条指标报告一次，并根据指标类别和名称指出最可能的单位（满意度为“%”，名称含“人数”为“人”……）；0 不需要单位。' +
    '比率、满意度指标的“1”“0.95”是表格百分比格式存成的小数，即100%、95%（越低越好的比率如差错率除外），建议写作“100%”而不是“1%”；描述或指标解释写明了该百分数（“100%”）时只作提示。',
  examples: {
    triggers: { description: '满意度指标“居民满意度”指标值“≥90”（应为“≥90%”）', patch: { indicators: [{ at: 5, target: '≥90' }] } },
    passes: { description: '满意度指标“居民满意度”指标值“≥90％”（全角百分号）', patch: { indicators: [{ at: 5, target: '≥90％' }] } },
  },
  targetKind: 'quantitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'quantitative' || t.unit !== null || t.value === null || t.value === 0) return NO_HITS;
    // a coefficient, an index or a ratio has no unit (灌溉水有效利用系数 ≥0.58)
    if (DIMENSIONLESS.test(row.compactName)) return NO_HITS;
    // a rate per so many people (发病率 ≤200/10万, 死亡率 ≤15/万) is its own unit
    if (PER_POPULATION.test(t.raw)) return NO_HITS;
    const op = operatorText(t);
    const what = describeIndicator(indicator, ctx);
    // a fraction a spreadsheet stored for a percentage ("1" for 100%, "0.95" for 95%): the description or explanation
    // that states that percentage makes it sure, and the missing unit only a hint
    const fraction = t.value > 0 && t.value <= 1 ? Math.round(t.value * 10000) / 100 : null;
    const guessed = likelyUnit(row, ctx);
    const guessedFamily = guessed === null ? null : unitFamily(guessed.unit, ctx.config);
    // a count, measure or time the category or name asks for is not made a percentage by a "100%" in its description
    const explained = fraction !== null && (guessedFamily === null || guessedFamily === 'percent' || guessedFamily === 'money') && explainsPercent(indicator, fraction);
    const likely = explained ? { unit: '%', sure: true } : guessed;
    const unit = likely?.unit ?? null;
    // never "1%" for a rate that is better higher: 1 is 100% there (a rate better lower, 差错率 ≤1, is 1%)
    const asFraction = fraction !== null && unit === '%' && likely!.sure && (explained || row.isSatisfaction || rateDirection(indicator, ctx)?.better !== 'lower');
    const percentValue = asFraction ? fraction : t.value;
    let message: string;
    let suggestion: string;
    if (explained) {
      message = `${what}的指标值“${t.raw}”没有单位；描述写明${percentValue}%，表格按百分比格式存成了“${t.raw}”`;
      suggestion = `写明百分号：“${op}${percentValue}%”。`;
      return [{ field: 'target', source: targetSource(indicator), severity: 'info', message: noUnitWords(message), suggestion: noUnitWords(suggestion) }];
    }
    if (unit === '%') {
      message = `${what}的指标值“${t.raw}”没有单位，${likely?.sure ? '应为百分比' : '可能是'}“${op}${percentValue}%”${asFraction ? '（表格的百分比格式把它存成了小数）' : ''}`;
      suggestion = likely?.sure
        ? `写明百分号：“${op}${percentValue}%”。`
        : `写明单位：指比例写“${op}${percentValue}%”，指数量写明计量单位（如“${op}${t.valueText}个”）。`;
      if (row.isSatisfaction && percentValue > ctx.config.satisfaction.maxPercent) {
        message = `${what}的指标值“${t.raw}”没有单位；满意度应为不超过${ctx.config.satisfaction.maxPercent}%的百分比`;
        suggestion = '改为满意比例，如“≥90%”。';
      }
    } else if (unit !== null && t.value >= ctx.config.unitHints.percentFrom && t.value <= 100) {
      message = `${what}的指标值“${t.raw}”没有单位，无法判断是“${op}${t.valueText}${unit}”还是“${op}${t.valueText}%”`;
      suggestion = `写明单位：指数量写“${op}${t.valueText}${unit}”；指比例写“${op}${t.valueText}%”，并在名称中写明是什么比率（如“……率”）。`;
    } else if (unit !== null) {
      message = `${what}的指标值“${t.raw}”没有单位，可能是“${op}${t.valueText}${unit}”`;
      suggestion = `写明单位，如“${op}${t.valueText}${unit}”。`;
    } else {
      message = `${what}的指标值“${t.raw}”没有单位，看不出计量的是什么`;
      suggestion = `写明计量单位，即${expectedValueHint(row, ctx)}。`;
    }
    return [{ field: 'target', source: targetSource(indicator), message: noUnitWords(message), suggestion: noUnitWords(suggestion) }];
  },
};

/** unit.no-unit's words, one string per distinct text: bare numbers are boilerplate rows (bench:review's 17,000 findings say 43 things). */
const noUnitWords = sharedText();

/**
 * The unit as written when it is only a magnitude ("万", "万/个"): the parser reads a bare 万 as
 * 万元, what was written says whether the 元 is missing. Null otherwise.
 */
/** A rate per so many people: "≤200/10万", "15/万", "1/1000". */
const PER_POPULATION = /\d\s*[/／]\s*(?:\d+(?:\.\d+)?\s*)?[十百千万]+(?:人)?\s*$|\d\s*[/／]\s*\d{3,}\s*$/;

/** A magnitude followed by a unit the reader does not know ("4.2万剂次"): a unit is written, only not one it lists. */
const MAGNITUDE_THEN_UNIT = /[万亿](?!以上|以下|左右|余|多)[\p{Script=Han}]/u;

function writtenMagnitude(row: RowFacts, ctx: ReviewContext): string | null {
  const t = row.indicator.target;
  if (t.kind !== 'quantitative' || t.unit === null || MAGNITUDE_THEN_UNIT.test(t.raw) || PER_POPULATION.test(t.raw)) return null;
  // the value as written, parsed again once per distinct value (facts.ts: CellText.writtenUnit)
  const written = row.targetCell.writtenUnit;
  if (written === null) return null;
  // the unit's first part (as split('/')[0], without a list per row)
  const slash = written.indexOf('/');
  return ctx.config.magnitudeOnlyUnits[slash < 0 ? written : written.slice(0, slash)] !== undefined ? written : null;
}

const magnitudeOnly: IndicatorRule = {
  id: 'unit.magnitude-only',
  category: 'unit',
  severity: 'info',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '单位只有“万”“亿”',
  description: '“110万”只写了数量级，缺少计量单位（万元？万人？）。在成本等金额类指标中多半是漏写了“元”，应补全，避免与“万人次”等混淆。',
  examples: {
    triggers: { description: '成本指标“活动经费支出”指标值“≤10万”', patch: { indicators: [{ at: 3, target: '≤10万' }] } },
    passes: { description: '成本指标“活动经费支出”指标值“≤10万元”', patch: {} },
  },
  targetKind: 'quantitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'quantitative' || t.unit === null || row.isSatisfaction) return NO_HITS; // satisfaction-not-percent
    const written = writtenMagnitude(row, ctx);
    if (written === null) return NO_HITS;
    const head = written.split('/')[0]!;
    const money = ctx.config.magnitudeOnlyUnits[head]!;
    const moneyCategory = acceptedFamilies(row, ctx)?.includes('money') ?? false;
    const fixed = `${operatorText(t)}${t.valueText}${money}${written.slice(head.length)}`;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        message: `${describeIndicator(indicator, ctx)}的指标值“${t.raw}”只写了“${head}”，缺少计量单位`,
        suggestion: moneyCategory ? `补全单位，如“${fixed}”。` : `补全单位，如“${fixed}”或“${operatorText(t)}${t.valueText}${head}人”。`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// Unit families per category (config.level2Units)
// ---------------------------------------------------------------------------------------------

interface FamilyRuleSpec {
  id: string;
  /** The second-level category (standard name) the rule checks; its accepted families come from config.level2Units. */
  level2: string;
  severity: Severity;
  /** Per-hit severity by the family found (default: the rule's). */
  severityFor?: Partial<Record<UnitFamily, Severity>>;
  title: string;
  description: string;
  examples: IndicatorRule['examples'];
  /** Where a value of this family belongs instead, by family ("金额应放在成本指标"). */
  belongs?: Partial<Record<UnitFamily, string>>;
  /** Whether a value of this family in this row is worth a finding (default: always). */
  applies?: (indicator: Indicator, family: UnitFamily) => boolean;
}

function familyRule(spec: FamilyRuleSpec): IndicatorRule {
  // the words, one string per distinct text (a row pasted through a department's tables says the same thing each time)
  const words = sharedText();
  return {
    id: spec.id,
    category: 'unit',
    severity: spec.severity,
    criterion: '相关性',
    scope: 'indicator',
    reads: 'row',
    title: spec.title,
    description: spec.description,
    examples: spec.examples,
    targetKind: 'quantitative', // row.family is null for any other kind (targetFamily)
    check(indicator, _project, ctx, row): readonly RuleHit[] {
      if (indicator.level2 !== spec.level2 || row.isSatisfaction) return NO_HITS;
      const accepted = ctx.config.level2Units[spec.level2];
      const t = indicator.target;
      if (writtenMagnitude(row, ctx) !== null) return NO_HITS; // magnitude-only
      const family = row.family;
      if (!accepted || family === null || accepted.includes(family)) return NO_HITS;
      if (spec.applies !== undefined && !spec.applies(indicator, family)) return NO_HITS;
      const belongs = spec.belongs?.[family];
      const expected = accepted.map((f) => FAMILY_NAMES[f]).join('或');
      return [
        {
          field: 'target',
          source: targetSource(indicator),
          severity: spec.severityFor?.[family] ?? spec.severity,
          message: words(`${describeIndicator(indicator, ctx)}的指标值“${t.raw}”是${FAMILY_NAMES[family]}，${spec.level2}应为${expected}`),
          suggestion: words(`改写为${expectedValueHint(row, ctx)}${belongs ? `；${belongs}` : ''}。`),
        },
      ];
    },
  };
}

/** A count per period of time: "次/日", "2次/周", "每月1次". */
const PER_PERIOD = /[/／](?:日|天|周|月|季度?|年|小时|工作日)|每(?:日|天|周|月|季度?|年|小时)/;

const quantityNotCount = familyRule({
  id: 'unit.quantity-not-count',
  level2: '数量指标',
  severity: 'warning',
  severityFor: { money: 'error' },
  title: '数量指标不是数量',
  description:
    '数量指标衡量完成了多少（个、人、次、场、平方米……）。填金额说明没有数量目标（金额是成本指标，报错误）；填百分比则衡量的是比率（完成率、覆盖率属于质量指标，报警告）。',
  belongs: { money: '金额应填在成本指标下', percent: '完成率、覆盖率等比率可放在质量指标下' },
  examples: {
    triggers: { description: '数量指标“开展活动场次”指标值“≤10万元”', patch: { indicators: [{ at: 0, target: '≤10万元' }] } },
    passes: { description: '数量指标“开展活动场次”指标值“≥12场”', patch: {} },
  },
});

const costNotMoney = familyRule({
  id: 'unit.cost-not-money',
  level2: '成本指标',
  severity: 'error',
  title: '成本指标不是金额',
  description:
    '成本指标衡量花多少钱，指标值应为金额（元、万元，或“万元/个”等单位成本），且不超过项目预算或支出标准。“资金使用率 ≤100%”“施工面积 ≤178平方米”都不是成本。',
  belongs: { percent: '资金使用率、执行率不是成本', measure: '面积等实物量应放在数量指标下', count: '件数、人数应放在数量指标下' },
  examples: {
    triggers: { description: '成本指标“活动经费支出”指标值“≤100%”', patch: { indicators: [{ at: 3, target: '≤100%' }] } },
    passes: { description: '成本指标“活动经费支出”指标值“≤5万元/个”（单位成本也是金额）', patch: { indicators: [{ at: 3, target: '≤5万元/个' }] } },
  },
});

const qualityNotRate = familyRule({
  id: 'unit.quality-not-rate',
  level2: '质量指标',
  severity: 'info',
  severityFor: { money: 'warning' },
  title: '质量指标不是比率',
  description:
    '质量指标衡量做得好不好，通常是合格率、达标率、准确率等百分比，或“合规”“达成市级目标”等可评定的标准。金额不是质量（警告）。' +
    '计数只在两种情况下提示：指标名称表明衡量的是比率（“…率”“比例”“占比”“合格”“达标”“覆盖”）而指标值却是个数（“活动完成率 ≥10个”），' +
    '或名称本身是产出的个数（“…个数”“…数量”“…场次”“…数”，应放在数量指标下）；' +
    '事故、投诉、差错、违规、案件、返工等次数（“车辆安全责任事故次数 0次”“投诉 ≤2件”）和其他零缺陷计数本身就是合理的质量指标，不报告。',
  belongs: { money: '金额应填在成本指标下', count: '计数应放在数量指标下', measure: '实物量应放在数量指标下' },
  applies: (indicator, family) => family === 'money' || meansRate(indicator),
  examples: {
    triggers: { description: '质量指标“活动完成率”指标值“≥10个”', patch: { indicators: [{ at: 1, target: '≥10个' }] } },
    passes: { description: '质量指标“安全责任事故次数”指标值“0次”（零缺陷计数是合理的质量指标）', patch: { indicators: [{ at: 1, name: '安全责任事故次数', target: '0次' }] } },
  },
});

/** A quality indicator's name that says a rate is measured (完成率, 合格比例, 达标 …). */
const RATE_NAME = /率|比例|比重|占比|合格|达标|覆盖/;
/** A quality indicator's name that counts outputs (签约项目个数, 培训场次): a quantity indicator in the wrong place. */
const OUTPUT_COUNT_NAME = /(数|数量|场次)$/;
/** Incidents and defects, whose count (target 0 or ≤N) is a sound quality measure. */
const INCIDENT_NAME = /事故|投诉|差错|违规|违纪|违法|案件|返工|失误|纠纷|不合格|缺陷|错误|故障|信访|上访|伤亡|死亡|通报|处罚|事件|隐患/;

/**
 * Whether a count in a quality row is worth a hint: its name says a rate (a percentage is clearly meant) or counts
 * outputs (a quantity indicator in the wrong place), and it does not count incidents or defects (a zero-defect count,
 * "0次" or "≤2件", is a sound quality measure even when its name says 率 or 次数).
 */
function meansRate(indicator: Indicator): boolean {
  const name = compact(indicator.name);
  if (!(RATE_NAME.test(name) || OUTPUT_COUNT_NAME.test(name)) || INCIDENT_NAME.test(name)) return false;
  return !(indicator.target.value === 0 && (indicator.target.operator === '=' || indicator.target.operator === '≤'));
}

const timelinessNotTime = familyRule({
  id: 'unit.timeliness-not-time',
  level2: '时效指标',
  severity: 'warning',
  title: '时效指标不是时间',
  description: '时效指标衡量是否按时完成：一个完成时限（“2025年12月底前”）、期限（“≤30天”）、频次（“≥1次/日”）或及时率（“100%”）。金额、件数不能说明时效。',
  belongs: { money: '金额应填在成本指标下', count: '计数应放在数量指标下' },
  // a frequency ("≥1次/日", "每周2次") says how often, which is a time requirement
  applies: (indicator) => !PER_PERIOD.test(compact(`${indicator.target.unit ?? ''}${indicator.target.raw}`)),
  examples: {
    triggers: { description: '时效指标“活动完成时间”指标值“≥12场”', patch: { indicators: [{ at: 2, target: '≥12场' }] } },
    passes: { description: '时效指标“活动完成时间”指标值“≤270天”', patch: { indicators: [{ at: 2, target: '≤270天' }] } },
  },
});

// ---------------------------------------------------------------------------------------------
// A cost of nothing, a rate above all, a date stored as a number (issue 73)
// ---------------------------------------------------------------------------------------------

/** A name that counts what should be nothing (超支金额 0元, 个人负担的金额 0元, 违规资金 0): zero is its target. */
const ZERO_MEANT = /超支|超出|节约|损失|浪费|负担|增加|减少|违规|挪用|罚|赔偿|事故|投诉/;

const costZero: IndicatorRule = {
  id: 'unit.cost-zero',
  category: 'unit',
  severity: 'error',
  criterion: '适当性',
  scope: 'indicator',
  reads: 'row',
  title: '成本指标为零或占位',
  description:
    '成本指标写花多少钱：“0”“0元”“0.00%”是没填的占位，不是成本，年底无从核对，也说明目标与预算没有对应。社会成本、生态环境成本指标（2021年框架）为零是“没有负面影响”，' +
    '名称本身是应为零的事项（超支、损失、个人负担、违规资金）的也不报告。',
  examples: {
    triggers: { description: '成本指标“活动经费支出”指标值“0”', patch: { indicators: [{ at: 3, target: '0' }] } },
    passes: { description: '成本指标“活动经费超支金额”指标值“0元”（应为零的事项）', patch: { indicators: [{ at: 3, name: '活动经费超支金额', target: '0元' }] } },
  },
  targetKind: 'quantitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'quantitative' || t.value !== 0 || (t.operator !== '=' && t.operator !== '≤' && t.operator !== null)) return NO_HITS;
    if (!isCostCategory(indicator, ctx) || ctx.config.costZeroAllowed.includes(indicator.level2 ?? '') || ZERO_MEANT.test(row.compactName)) return NO_HITS;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        message: `成本指标“${indicator.name.trim() || '（无名称）'}”的指标值“${t.raw}”是零，没有写明花多少钱`,
        suggestion: '按预算测算写明成本：总成本不超过预算数（如“≤10万元”），或单位成本（如“≤2万元/个”“≤120元/人”）。',
      },
    ];
  },
};

const rateOver100: IndicatorRule = {
  id: 'unit.rate-over-100',
  category: 'unit',
  severity: 'warning',
  criterion: '适当性',
  scope: 'indicator',
  reads: 'row',
  title: '比率目标“≥100%”',
  description:
    '完成率、合格率、覆盖率、及时率、满意度等比率最高就是100%：“≥100%”“＞100%”要求超过全部，做不到也无从核对，实际想写的是“100%”（或“≥95%”这样的下限）。' +
    '增长率、节约率等可以超过100%的比率不报告；满意度超过100%见 unit.satisfaction-over-max。',
  examples: {
    triggers: { description: '质量指标“活动完成率”指标值“≥100%”', patch: { indicators: [{ at: 1, target: '≥100%' }] } },
    passes: { description: '质量指标“活动完成率”指标值“100%”', patch: { indicators: [{ at: 1, target: '100%' }] } },
  },
  targetKind: 'quantitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'quantitative' || row.family !== 'percent' || t.value === null || t.value !== 100 || (t.operator !== '≥' && t.operator !== '>')) return NO_HITS;
    const bounded = row.isSatisfaction || rateDirection(indicator, ctx)?.better === 'higher';
    if (!bounded) return NO_HITS;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        message: `${describeIndicator(indicator, ctx)}的指标值“${t.raw}”：比率最高100%，“${t.operator}100%”无法达到也无从核对`,
        suggestion: '写作“100%”，或按实际写下限（如“≥95%”）。',
      },
    ];
  },
};

/** A spreadsheet's day number (1899-12-30 is day 0) as a date in words, or null when it is not one of 2000–2049. */
function serialDate(value: number): string | null {
  if (!Number.isInteger(value) || value < 36526 || value > 54788) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + value * 86_400_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** A name that asks for a date or a deadline (完成时间, 发放日期, 完成时限). */
const DATE_NAME = /时间|日期|时限|期限|截止|节点/;

const dateSerial: IndicatorRule = {
  id: 'unit.date-serial',
  category: 'unit',
  severity: 'error',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '指标值是表格的日期序号',
  description:
    '时效指标或名称是“完成时间”“发放日期”的指标，指标值却是“46,022”这样的五位数：表格把日期（2025年12月31日）存成了序号，公开的是数字而不是时限。' +
    '按 Excel 的日期序号换算（2000—2049年之间的整数）写明应有的日期。',
  examples: {
    triggers: { description: '时效指标“活动完成时间”指标值“46,022”（2025年12月31日）', patch: { indicators: [{ at: 2, target: '46,022' }] } },
    passes: { description: '时效指标“活动完成时间”指标值“2025年12月31日前”', patch: { indicators: [{ at: 2, target: '2025年12月31日前' }] } },
  },
  targetKind: 'quantitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'quantitative' || t.unit !== null || t.value === null) return NO_HITS;
    if (indicator.level2 !== '时效指标' && !DATE_NAME.test(row.compactName)) return NO_HITS;
    const date = serialDate(t.value);
    if (date === null) return NO_HITS;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        message: `${describeIndicator(indicator, ctx)}的指标值“${t.raw}”是表格的日期序号（即${date}），不是完成时限`,
        suggestion: `写明时限，如“${date}前”。`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// A grade or a date where a number is needed
// ---------------------------------------------------------------------------------------------

const needsNumberRule: IndicatorRule = {
  id: 'unit.not-a-number',
  category: 'unit',
  severity: 'error',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '需要数值的指标填了等级或日期',
  description:
    '数量、成本、满意度指标（按地区设置）必须是数值。“优”“良好”“合格”等等级或“12月底前”等日期放在这里无法衡量完成了多少、花了多少、满意的比例是多少。质量指标可以用等级（“合格”）；效益指标上光秃秃的等级（“良好”）见 vague.meaningless-value，其他文字目标见 vague.not-quantified。',
  examples: {
    triggers: { description: '数量指标“开展活动场次”指标值“优”', patch: { indicators: [{ at: 0, target: '优' }] } },
    passes: { description: '质量指标“验收情况”指标值“合格”（质量指标可以分级）', patch: { indicators: [{ at: 1, name: '验收情况', description: '活动组织验收的结果', target: '合格' }] } },
  },
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (!row.needsNumber) return NO_HITS;
    const grade = row.isGrade;
    if (!grade && t.kind !== 'deadline') return NO_HITS;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        message: `${describeIndicator(indicator, ctx)}的指标值“${t.raw}”是${grade ? '等级' : '日期'}，该类指标需要数值`,
        suggestion: `改写为${expectedValueHint(row, ctx)}${grade ? '' : '；完成时限应放在时效指标下'}。`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// Bounds that point the wrong way, thresholds that every outcome meets
// ---------------------------------------------------------------------------------------------

/** The rate word of a name or description that says which way is better (config.bounds); null when none. */
function rateDirection(indicator: Indicator, ctx: ReviewContext): { word: string; better: 'higher' | 'lower' } | null {
  return directionOf(indicator.name, indicator.description ?? '', ctx.config);
}

const directionOf = perPair((name, description, config): { word: string; better: 'higher' | 'lower' } | null => {
  const text = compact(`${name} ${description}`);
  const lower = config.bounds.lower.find((w) => text.includes(w));
  if (lower) return { word: lower, better: 'lower' };
  const higher = config.bounds.higher.find((w) => text.includes(w));
  return higher ? { word: higher, better: 'higher' } : null;
});

const isCostCategory = (indicator: Indicator, ctx: ReviewContext) =>
  (indicator.level2 !== null && ctx.config.costCategories.includes(indicator.level2)) ||
  (indicator.level1 !== null && ctx.config.costCategories.includes(indicator.level1));

const upper = (op: TargetValue['operator']) => op === '≤' || op === '<';
const lowerBound = (op: TargetValue['operator']) => op === '≥' || op === '>';

/** A wrong-bound finding about the target cell. */
const boundHit = (indicator: Indicator, message: string, suggestion: string): RuleHit[] => [{ field: 'target', source: targetSource(indicator), message, suggestion }];

/** A benefit paid to people at a guaranteed standard (低保标准, 保障标准, 补助标准 …): its "≥" is the policy's floor. */
const BENEFIT_STANDARD = /(?:低保|保障|补助|补贴|救助|供养|津贴|抚恤|生活费|护理|抚养)[^，,；;]{0,6}标准/;

const wrongBound: IndicatorRule = {
  id: 'unit.wrong-bound',
  category: 'unit',
  severity: 'error',
  criterion: '适当性',
  scope: 'indicator',
  reads: 'row',
  title: '指标值的上下限方向反了',
  description:
    '指标值的“≥”“≤”决定什么算达成。完成率、覆盖率、及时率、满意度等越高越好的比率只设上限（“≤100%”），0% 也算达成；成本只设下限（“≥10万元”），花得越多越“达成”（发给个人的保障、补助标准“≥720元/人·月”是政策保底，不算）；' +
    '差错率、投诉率等越低越好的比率只设下限同样无意义（满意度下的“投诉率 ≤5%”方向是对的，它衡量的不是满意度由“满意度指标衡量的不是满意度”报告）。越高越好、越低越好的词各有可设置的词表；数量指标的上限（控制规模）不报告。',
  examples: {
    triggers: { description: '质量指标“活动完成率”指标值“≤100%”', patch: { indicators: [{ at: 1, target: '≤100%' }] } },
    passes: { description: '质量指标“活动完成率”指标值“≥95%”', patch: {} },
  },
  targetKind: 'quantitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'quantitative' || t.operator === null) return NO_HITS;
    const family = row.family;
    // a benefit standard ("城市低保标准 ≥720元/人·月", "孤儿基本生活保障标准 ≥1050元/人·月") is a floor the policy guarantees:
    // paying at least that much is the target, not a cost that grows
    if (family === 'money' && isCostCategory(indicator, ctx) && lowerBound(t.operator) && !BENEFIT_STANDARD.test(indicator.name)) {
      return boundHit(indicator, `${describeIndicator(indicator, ctx)}的指标值“${t.raw}”只设了下限，花得越多越算达成`, `成本应设上限：“≤${t.valueText}${t.unit}”（不超过预算或支出标准）。`);
    }
    if (family !== 'percent') return NO_HITS;
    // a rate where the category wants another kind (a cost as "≤100%") is the family rules' finding
    const accepted = acceptedFamilies(row, ctx);
    if (accepted !== null && !accepted.includes('percent')) return NO_HITS;
    // a satisfaction row that measures something else (“投诉率 ≤5%”) is mismatch.satisfaction-off-topic's: its bound is its own word's
    if (row.isSatisfaction && upper(t.operator) && speaksOfSatisfaction(indicator.name, indicator.description ?? '', ctx.config)) {
      return boundHit(indicator, `${describeIndicator(indicator, ctx)}的指标值“${t.raw}”只设了上限，满意度为0%也算达成`, `满意度应设下限，如“≥${t.value !== null && t.value >= 80 && t.value < 100 ? t.value : 90}%”。`);
    }
    const dir = rateDirection(indicator, ctx);
    if (dir === null) return NO_HITS;
    if (dir.better === 'higher' && upper(t.operator)) {
      return boundHit(
        indicator,
        `${describeIndicator(indicator, ctx)}的指标值“${t.raw}”只设了上限，“${dir.word}”越高越好，0%也算达成`,
        `改为下限或定值，如“≥${t.value !== null && t.value >= 80 && t.value < 100 ? t.value : 95}%”或“100%”。`,
      );
    }
    if (dir.better === 'lower' && lowerBound(t.operator)) {
      return boundHit(indicator, `${describeIndicator(indicator, ctx)}的指标值“${t.raw}”只设了下限，“${dir.word}”越低越好`, `改为上限，如“≤${t.valueText}%”。`);
    }
    return NO_HITS;
  },
};

const vacuousTarget: IndicatorRule = {
  id: 'unit.vacuous-target',
  category: 'unit',
  severity: 'error',
  criterion: '适当性',
  scope: 'indicator',
  reads: 'row',
  title: '指标值任何结果都能达到',
  description: '“≥0%”“≥0人”“≥0万元”这样的下限任何结果都满足，起不到约束作用，等于没有设定目标。',
  examples: {
    triggers: { description: '数量指标“开展活动场次”指标值“≥0场”', patch: { indicators: [{ at: 0, target: '≥0场' }] } },
    passes: { description: '数量指标“开展活动场次”指标值“≥1场”', patch: { indicators: [{ at: 0, target: '≥1场' }] } },
  },
  targetKind: 'quantitative',
  check(indicator, _project, ctx, row) {
    const t = indicator.target;
    if (t.kind !== 'quantitative' || t.operator !== '≥' || t.value !== 0) return NO_HITS;
    return [
      {
        field: 'target',
        source: targetSource(indicator),
        message: `${describeIndicator(indicator, ctx)}的指标值“${t.raw}”任何结果都能达到`,
        suggestion: `按计划设定实际要达到的数值：${expectedValueHint(row, ctx)}。`,
      },
    ];
  },
};

export const UNIT_RULES: Rule[] = [
  satisfactionNotPercent,
  satisfactionOverMax,
  satisfactionBelowMin,
  noUnit,
  magnitudeOnly,
  dateSerial,
  quantityNotCount,
  costZero,
  costNotMoney,
  qualityNotRate,
  timelinessNotTime,
  needsNumberRule,
  wrongBound,
  vacuousTarget,
  rateOver100,
];
