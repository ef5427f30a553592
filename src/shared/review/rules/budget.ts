/**
 * budget — amounts do not reconcile: the funding sources against the total, a cost target or a
 * spending-plan amount above the budget. Money is compared in integer fen, never as floats.
 */
import { formHasField, formOf } from '../../domain/form-profile';
import { fieldName } from './goals';
import { formatWan, parseAmount, toFen } from '../../domain/money';
import type { Fen, FundingLine, Indicator, Project } from '../../domain/model';
import type { ReviewConfig } from '../config';
import type { RowFacts } from '../facts';
import type { IndicatorRule, ProjectRule, ReviewContext, Rule, RuleHit } from '../types';
import { isDepartmentTargets, NO_HITS } from '../types';
import { perPair, perReview, perString, perText } from '../memo';
import { unitFamily } from '../units';
import { rowProductOf, rowStatesProduct } from './arithmetic';

const wan = (fen: Fen) => `${formatWan(fen)} 万元`;

/** A funding line's label without "其中：" and spacing. */
const lineLabel = (label: string) => label.replace(/^\s*其中[:：]?\s*/, '').replace(/\s+/g, '');

/**
 * What a funding line is (config.fundingParts): a level of government's part of the fiscal money, a kind of fiscal money
 * (一般公共预算, 政府性基金 …: parts of 财政拨款), a use of the total, or further money.
 */
function lineKind(label: string, config: ReviewConfig): 'level' | 'kind' | 'use' | 'extra' {
  const l = lineLabel(label);
  if (config.fundingParts.uses.some((w) => l.startsWith(w))) return 'use';
  if (config.fundingParts.fiscalKinds.some((w) => l.startsWith(w))) return 'kind';
  return config.fundingParts.levels.some((w) => l.startsWith(w)) && /资金|拨款|补助|配套|财政/.test(l) ? 'level' : 'extra';
}

/**
 * The lines of this year's money beyond 财政资金 and 其他资金 that add to them (上年结转资金 …), labels without "其中：";
 * none when the lines add up to one of the two or to both (they are what it was read from: 中央/省级/县级资金). The
 * levels of government and the uses are parts, never added (budget.funding-parts checks them against what they divide).
 */
function extraLines(lines: readonly FundingLine[], fiscal: Fen | null, other: Fen | null, config: ReviewConfig): { label: string; amount: Fen }[] {
  const given: (FundingLine & { amount: Fen })[] = [];
  // the same line twice (the same label and amount: one breakdown printed in two cells, "854万(高标准农田建设400万元,…)"
  // beside 年度资金总额 and 财政拨款) is one line
  for (const l of lines) {
    if (l.amount === null || lineKind(l.label, config) !== 'extra') continue;
    if (!given.some((g) => g.amount === l.amount && lineLabel(g.label) === lineLabel(l.label))) given.push(l as FundingLine & { amount: Fen });
  }
  if (given.length === 0) return [];
  const sum = given.reduce((n, l) => n + l.amount, 0);
  if (sum === fiscal || sum === other || sum === (fiscal ?? 0) + (other ?? 0)) return [];
  return given.map((l) => ({ label: lineLabel(l.label), amount: l.amount }));
}

const sourcesSum: ProjectRule = {
  id: 'budget.sources-sum',
  category: 'budget',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '财政资金与其他资金之和不等于预算数',
  description:
    '预算数应等于“其中：财政资金”与“其他资金”之和（空的其他资金按 0 计）。不相等说明金额填错或资金来源不全，预算与目标无法对应。某项资金本身已大于预算数时只报 budget.part-exceeds-total。' +
    '表中另有“上年结转资金”等资金行的，一并相加（这些行之和正等于财政资金或其他资金时，它们就是其组成，如中央、省级、县级资金，不重复相加）。' +
    '表样只有其中一栏（如只有“其中：财政拨款”）时，其余资金表上没有，不核对。中央、省级、区级等各级资金和“用于……”的金额是组成部分，从不相加（见 budget.funding-parts）。',
  examples: {
    triggers: { description: '预算数 10.00 万元，财政资金 8.00 万元，其他资金 1.00 万元', patch: { project: { fiscal: '8.00', other: '1.00' } } },
    passes: { description: '表样只有“其中：财政资金”一栏：预算数 10.00 万元，财政资金 8.00 万元', patch: { project: { fiscal: '8.00', form: { lacksFields: ['other'] } } } },
  },
  check(project, { config }) {
    const { total, fiscal, other } = project.budget;
    if (total === null || (fiscal === null && other === null)) return NO_HITS; // missing.*
    if ((fiscal ?? 0) > total + config.budgetToleranceFen || (other ?? 0) > total + config.budgetToleranceFen) return NO_HITS; // part-exceeds-total
    // further lines of this year's money (上年结转资金 …) add to the two sources, unless they are what the two were read
    // from (中央/省级/县级资金 making up 财政资金)
    const extra = extraLines(project.budgetLines, fiscal, other, config);
    let sum = (fiscal ?? 0) + (other ?? 0);
    for (const l of extra) sum += l.amount;
    if (Math.abs(sum - total) <= config.budgetToleranceFen) return NO_HITS;
    // a form with one source only ("其中：财政拨款", no 其他资金 field) does not say the rest: nothing to add up (asked only when the sum differs)
    if (!formHasField(project, 'fiscal') || !formHasField(project, 'other')) return NO_HITS;
    const part = (label: string, v: Fen | null) => (v === null ? `${label}（空）` : `${label} ${wan(v)}`);
    const parts = `${[part('财政资金', fiscal), ...extra.map((l) => part(l.label, l.amount)), part('其他资金', other)].join(' + ')} = ${wan(sum)}`;
    return [
      {
        field: 'budget.total',
        source: project.sources.total ?? project.source,
        message: `${parts}，与预算数 ${wan(total)}不一致（${sum < total ? '少' : '多'} ${wan(Math.abs(total - sum))}）`,
        suggestion:
          sum > total
            ? `核对金额：预算数应为 ${wan(sum)}，或更正财政资金/其他资金，使二者之和等于预算数 ${wan(total)}。`
            : fiscal === null || other === null
              ? `核对资金来源：补填${fiscal === null ? '财政资金' : '其他资金'} ${wan(total - sum)}，或更正预算数，使财政资金与其他资金之和等于预算数。`
              : `核对资金来源：财政资金与其他资金合计少 ${wan(total - sum)}，更正其中一项或预算数，使二者之和等于预算数。`,
      },
    ];
  },
};

const fundingParts: ProjectRule = {
  id: 'budget.funding-parts',
  category: 'budget',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '各级资金之和不等于财政资金',
  description:
    '“财政资金 854万元，其中：中央资金 400万元、省级资金 295万元、区级资金 159万元”：中央、省级、市县级等各级资金是财政资金（表样没有财政资金栏时是预算数）的组成部分，' +
    '其和应等于它，不相等说明某项金额填错或漏列。只核对一次，各级资金不再与财政资金相加；“其中：用于购置……”是资金用途的组成，只要求不超过预算数。',
  examples: {
    triggers: {
      description: '财政资金 10.00 万元，其中：中央资金 5.00 万元、省级资金 3.00 万元、区级资金 1.00 万元',
      patch: { project: { budgetLines: [['中央资金', '5.00'], ['省级资金', '3.00'], ['区级资金', '1.00']] } },
    },
    passes: {
      description: '财政资金 10.00 万元，其中：中央资金 5.00 万元、省级资金 3.00 万元、区级资金 2.00 万元，用于购置设备 6.00 万元',
      patch: { project: { budgetLines: [['中央资金', '5.00'], ['省级资金', '3.00'], ['区级资金', '2.00'], ['用于购置设备', '6.00']] } },
    },
  },
  check(project, { config }) {
    if (project.budgetLines.length === 0) return NO_HITS;
    const levels = project.budgetLines.filter((l): l is FundingLine & { amount: Fen } => l.amount !== null && lineKind(l.label, config) === 'level');
    const hits: RuleHit[] = [];
    const { total, fiscal } = project.budget;
    const whole = fiscal ?? total;
    if (levels.length >= 2 && whole !== null) {
      const sum = levels.reduce((n, l) => n + l.amount, 0);
      if (Math.abs(sum - whole) > config.budgetToleranceFen) {
        const name = fiscal !== null ? '财政资金' : '预算数';
        hits.push({
          field: fiscal !== null ? 'budget.fiscal' : 'budget.total',
          source: levels[0]!.source,
          message: `${levels.map((l) => `${lineLabel(l.label)} ${wan(l.amount)}`).join(' + ')} = ${wan(sum)}，与${name} ${wan(whole)}不一致（${sum < whole ? '少' : '多'} ${wan(Math.abs(whole - sum))}）`,
          suggestion: `核对各级资金：它们是${name}的组成部分，之和应等于${name} ${wan(whole)}；更正其中一项，或补列漏掉的资金。`,
        });
      }
    }
    // 一般公共预算 + 政府性基金 + 国有资本经营预算 make up 财政拨款 (its 小计): "财政拨款小计 0.00，其中一般公共预算 1860.25" (issue 73)
    const kinds = project.budgetLines.filter((l): l is FundingLine & { amount: Fen } => l.amount !== null && lineKind(l.label, config) === 'kind');
    if (fiscal !== null && kinds.length > 0) {
      const sum = kinds.reduce((n, l) => n + l.amount, 0);
      if (Math.abs(sum - fiscal) > config.budgetToleranceFen) {
        const name = fieldName(formOf(project).fields.fiscal, '财政资金');
        hits.push({
          field: 'budget.fiscal',
          source: project.sources.fiscal ?? kinds[0]!.source,
          message: `${name} ${wan(fiscal)}，而其中${kinds.map((l) => `${lineLabel(l.label)} ${wan(l.amount)}`).join(' + ')} = ${wan(sum)}，与${name}不一致（${sum < fiscal ? '少' : '多'} ${wan(Math.abs(fiscal - sum))}）`,
          suggestion: `核对${name}：它是一般公共预算、政府性基金和国有资本经营预算之和，应为 ${wan(sum)}；或更正其中一项。`,
        });
      }
    }
    if (total !== null) {
      for (const l of project.budgetLines) {
        if (l.amount === null || lineKind(l.label, config) !== 'use' || l.amount <= total + config.budgetToleranceFen) continue;
        hits.push({
          field: 'budget.total',
          source: l.source,
          message: `“${lineLabel(l.label)}” ${wan(l.amount)}大于预算数 ${wan(total)}`,
          suggestion: '资金用途的金额是预算数的一部分，不应超过预算数；核对金额或单位。',
        });
      }
    }
    return hits.length === 0 ? NO_HITS : hits;
  },
};

const partExceedsTotal: ProjectRule = {
  id: 'budget.part-exceeds-total',
  category: 'budget',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '财政资金或其他资金大于预算数',
  description: '“其中：财政资金”和“其他资金”都是预算数的组成部分，任何一项都不能大于预算数。',
  examples: {
    triggers: { description: '预算数 10.00 万元，财政资金 12.00 万元', patch: { project: { fiscal: '12.00' } } },
    passes: { description: '预算数 10.00 万元，财政资金 10.00 万元', patch: {} },
  },
  check(project, { config }) {
    const { total, fiscal, other } = project.budget;
    if (total === null) return NO_HITS;
    // most budgets add up: the list of parts only for one above the total (this runs for every project)
    const limit = total + config.budgetToleranceFen;
    if (!(fiscal !== null && fiscal > limit) && !(other !== null && other > limit)) return NO_HITS;
    const parts = [
      { label: '财政资金', value: fiscal, field: 'budget.fiscal' as const, source: project.sources.fiscal },
      { label: '其他资金', value: other, field: 'budget.other' as const, source: project.sources.other },
    ];
    return parts
      .filter((p) => p.value !== null && p.value > total + config.budgetToleranceFen)
      .map((p) => ({
        field: p.field,
        source: p.source ?? project.source,
        message: `${p.label} ${wan(p.value!)}大于预算数 ${wan(total)}`,
        suggestion: `核对金额：${p.label}不应超过预算数，检查是否把单位（元/万元）或小数点填错，或预算数漏填了部分资金。`,
      }));
  },
};

/** Whether an indicator measures the project's cost (by its standard category names). */
export function isCost(indicator: Indicator, config: ReviewConfig): boolean {
  return (
    (indicator.level2 !== null && config.costCategories.includes(indicator.level2)) ||
    (indicator.level1 !== null && config.costCategories.includes(indicator.level1))
  );
}

/** A quantitative target as an exact total amount in fen; null for per-unit costs (万元/个), other units and non-money targets. */
export function targetAmount(indicator: Indicator): Fen | null {
  const t = indicator.target;
  if (t.kind !== 'quantitative' || t.valueText === null || t.unit === null) return null;
  const read = amountInUnit.get(t.unit);
  return read === undefined ? null : read(t.valueText);
}

/** For each money unit a total may have, its amounts by value text, each parsed once (every cost row of every table is read). */
const amountInUnit = new Map(
  (['万元', '元', '万'] as const).map((unit) => [
    unit as string,
    perString((valueText): Fen | null => {
      const r = parseAmount(`${valueText}${unit}`, '万元');
      return r.ok ? r.fen : null;
    }),
  ]),
);

const costExceedsBudget: IndicatorRule = {
  id: 'budget.cost-exceeds-budget',
  category: 'budget',
  severity: 'error',
  criterion: '适当性',
  scope: 'indicator',
  title: '成本指标高于项目预算',
  description:
    '成本指标的金额是项目的总成本，不能高于项目预算数，否则目标所需资金与预算不匹配。单位成本（如“万元/个”“元/人/月”）是标准而非总额，不与预算数比较。' +
    '预算数以万元印到两位小数时，高出不足半个末位（0.005 万元）的成本是四舍五入之差，不报告；恰为预算数一万倍的成本是把预算数按元读了，是读取之疑，不报告。',
  examples: {
    triggers: { description: '预算数 10.00 万元，成本指标“活动经费支出”指标值“≤12万元”', patch: { indicators: [{ at: 3, target: '≤12万元' }] } },
    passes: { description: '成本指标“活动经费支出”指标值“≤10万元”，等于预算数', patch: {} },
  },
  check(indicator, project, { config }) {
    const total = project.budget.total;
    if (total === null || !isCost(indicator, config)) return NO_HITS;
    const amount = targetAmount(indicator);
    if (amount === null || amount <= total + config.budgetToleranceFen) return NO_HITS;
    // a budget printed in 万元 with two decimals is the cost rounded: “≤14.682万元” against 14.68 (half of 0.01 万元 = 5,000 fen)
    if (total % 10_000 === 0 && amount - total < 5_000) return NO_HITS;
    // a cost 10,000 times the budget is the budget read in 元 where the table says 万元 (“≤50万元” against “0.005 万元”): the reading's doubt, not the table's defect
    if (total > 0 && Math.abs(amount - total * 10_000) <= total * 100) return NO_HITS;
    return [
      {
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        message: `成本指标“${indicator.name}”的指标值“${indicator.target.raw}”（${wan(amount)}）高于项目预算数 ${wan(total)}`,
        suggestion: `按预算测算调整成本指标，总成本不超过预算数（如“≤${formatWan(total)}万元”）；若指的是单位成本，写明计量单位（如“万元/个”）。`,
      },
    ];
  },
};

const planExceedsTotal: ProjectRule = {
  id: 'budget.plan-exceeds-total',
  category: 'budget',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '支出计划金额大于预算数',
  description:
    '以金额填写的资金支出计划是累计数，任何节点都不能超过预算数。（以百分比填写的计划超过 100% 属于 schedule 规则。）',
  examples: {
    triggers: {
      description: '预算数 10.00 万元，支出计划 3.00 6.00 9.00 12.00（万元）',
      patch: { project: { plan: ['3.00', '6.00', '9.00', '12.00'] } },
    },
    passes: { description: '预算数 10.00 万元，支出计划 2.50 5.00 7.50 10.00（万元）', patch: { project: { plan: ['2.50', '5.00', '7.50', '10.00'] } } },
  },
  check(project, { config }) {
    const total = project.budget.total;
    if (total === null) return NO_HITS;
    const over = project.spendingPlan.filter((c) => c.given === 'amount' && c.amount !== null && c.amount > total + config.budgetToleranceFen);
    if (over.length === 0) return NO_HITS;
    const first = over[0]!;
    const list = over.map((c) => `${Number(c.checkpoint)}月底 ${wan(c.amount!)}`).join('、');
    return [
      {
        field: `spendingPlan.${first.checkpoint}`,
        source: first.source ?? project.sources.spendingPlan ?? project.source,
        message: `资金支出计划 ${list}大于预算数 ${wan(total)}`,
        suggestion: `支出计划是累计金额，各节点不应超过预算数 ${wan(total)}，12月底应等于预算数；核对金额或单位。`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// Arithmetic: quantity × unit price, amounts paid out, cost rows — all in integer fen (BigInt)
// ---------------------------------------------------------------------------------------------

const PERIODS: Record<string, number> = { 年: 1, 季度: 4, 季: 4, 月: 12 };

interface UnitPrice {
  index: number;
  indicator: Indicator;
  fen: bigint;
  /** What the price is per: units counted ("个", "人") and at most one period ("月", "年"). */
  perCount: string[];
  period: string | null;
  /** The words that made a plain amount a price ("人均"), for the message; null for a compound unit. */
  words: string | null;
  /**
   * When the price is written in the name or description ("按每人每月8元标准发放") and the cell holds the total
   * ("1万元"): that total, which the product is compared with. Null when the cell is the price.
   */
  total: bigint | null;
  /** How the message shows the price: the cell ("8万元/队/年") or the words ("每人每月8元"). */
  shown: string;
}

/** Words without those inside a longer one found too ("每月" in "平均每月"). */
const longestWords = (found: [string, string][]) => found.filter(([w]) => !found.some(([o]) => o !== w && o.includes(w)));

/** A price written in words before an amount ("每人每月8元", "人均13.84万元"): the amount and what it is per. */
function priceInText(text: string, config: ReviewConfig): { fen: bigint; per: string[]; words: string; shown: string } | null {
  return priceInTextOnce(text, config);
}

// once per distinct text (a cost row's name and description); the result is shared, never changed
const priceInTextOnce = perText((text, config): { fen: bigint; per: string[]; words: string; shown: string } | null => {
  const re = /(\d+(?:\.\d+)?)(万元|元)(?![\/])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    while (start > 0 && !/[，,。；;：:、\n]/.test(text[start - 1]!) && m.index - start < 12) start--;
    const clause = text.slice(start, m.index);
    const found = longestWords(config.arithmetic.perUnitWords.filter(([w]) => clause.includes(w)));
    if (found.length === 0) continue;
    const fen = toFen(m[1]!, m[2] === '元' ? '元' : '万元');
    if (fen === null || fen <= 0) continue;
    const per: string[] = [];
    for (const [, u] of found) if (!per.includes(u)) per.push(u);
    return { fen: BigInt(fen), per, words: found.map(([w]) => w).join('、'), shown: `${clause.slice(clause.indexOf(found[0]![0]))}${m[1]}${m[2]}` };
  }
  return null;
});

/** The per-unit words (config.arithmetic.perUnitWords) of a text, longest only; once per distinct text. */
const perUnitWordsIn = perText((text, config) => longestWords(config.arithmetic.perUnitWords.filter(([w]) => text.includes(w))));

/**
 * A row's name and description as one text without whitespace, once per distinct pair: the same string each time, so
 * the readings kept per text (priceInText, perUnitWordsIn) find it by a hash it already has, where a text joined
 * anew for each cost row was hashed afresh for every lookup. Shared: read only.
 */
const flat = (i: Indicator, config: ReviewConfig) => flatOnce(i.name, i.description ?? '', config);

const flatOnce = perPair((name, description) => `${name}${description}`.replace(/\s+/g, ''));
const isWhole = (text: string | null) => text !== null && /^\d+$/.test(text);

/**
 * The unit prices of a project's table: compound money units, or a cost amount its words make per unit (人均, 每月).
 * Read once per table and review (two rules ask; the facts of a table are made anew for each review). Shared: never
 * changed by its readers.
 */
function unitPrices(rows: readonly RowFacts[], ctx: ReviewContext): readonly UnitPrice[] {
  const ofTable = pricesOfTables(ctx);
  let prices = ofTable.get(rows);
  if (prices === undefined) ofTable.set(rows, (prices = readUnitPrices(rows, ctx.config)));
  return prices;
}

/**
 * The unit prices read in this review, by table (its rows' facts, made for this review): a plain map dropped with the
 * review. A WeakMap keyed by every table's facts (one entry per table and review) cost more to fill, and the
 * collector more to clear, than the readings it kept.
 */
const pricesOfTables = perReview(() => new Map<readonly RowFacts[], readonly UnitPrice[]>());

function readUnitPrices(rows: readonly RowFacts[], config: ReviewConfig): UnitPrice[] {
  const prices: UnitPrice[] = [];
  rows.forEach((row, index) => {
    const { indicator } = row;
    const fen = row.moneyFen;
    if (fen === null || fen <= 0n) return;
    const parts = indicator.target.unit!.split('/').slice(1).map((p) => p.trim()).filter((p) => p !== '');
    let words: string | null = null;
    let price = fen;
    let total: bigint | null = null;
    let shown = indicator.target.raw;
    if (parts.length === 0) {
      if (!isCost(indicator, config)) return;
      const text = flat(indicator, config);
      const inline = priceInText(text, config);
      if (inline !== null) {
        // the words give the price, the cell the total
        price = inline.fen;
        total = fen;
        shown = inline.shown;
        parts.push(...inline.per);
      } else {
        const found = perUnitWordsIn(text, config);
        if (found.length === 0) return;
        words = found.map(([w]) => w).join('、');
        for (const [, per] of found) if (!parts.includes(per)) parts.push(per);
      }
    }
    const periods = parts.filter((p) => PERIODS[p] !== undefined);
    const perCount = parts.filter((p) => PERIODS[p] === undefined);
    if (periods.length > 1 || perCount.length > 1) return;
    prices.push({ index, indicator, fen: price, perCount, period: periods[0] ?? null, words, total, shown });
  });
  return prices;
}

/** The one count of `unit` the table states (a row in that unit, or in 个/名 whose name says it); null when none or several. */
function countOf(indicators: Indicator[], unit: string, config: ReviewConfig, skip: number): { indicator: Indicator; n: bigint } | null {
  const found = new Map<string, Indicator>();
  indicators.forEach((indicator, i) => {
    const t = indicator.target;
    if (i === skip || t.kind !== 'quantitative' || t.unit === null || t.valueText === null) return;
    // "3.2万人次" counts 32,000 人次: the 万 goes into the number, exactly
    const tenThousands = t.unit.length > 1 && t.unit.startsWith('万');
    const countUnit = tenThousands ? t.unit.slice(1) : t.unit;
    const n = tenThousands ? timesTenThousand(t.valueText) : isWhole(t.valueText) ? t.valueText : null;
    if (n === null) return;
    if (unitFamily(countUnit, config) !== 'count' || countUnit.includes('/')) return;
    if (t.operator === '≤' || t.operator === '<' || t.operator === '>') return;
    const generic = ['个', '名', '人'].includes(countUnit);
    if (countUnit === unit || (generic && flat(indicator, config).includes(unit)) || (unit === '人' && countUnit === '名')) {
      if (!found.has(n)) found.set(n, indicator);
    }
  });
  if (found.size !== 1) return null;
  const [n, indicator] = [...found][0]!;
  return { indicator, n: BigInt(n) };
}

/** A decimal written with 万 as a whole number ("3.2" → "32000"); null when it is not whole then (more than four decimals). */
function timesTenThousand(valueText: string): string | null {
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(valueText);
  if (m === null) return null;
  return String(BigInt(m[1]!) * 10000n + BigInt((m[2] ?? '').padEnd(4, '0') || '0'));
}

/** The months a table says its service runs (a 时效 "10个月"), else 12. */
function monthsOf(project: Project): bigint {
  for (const i of project.indicators) {
    const t = i.target;
    if (t.kind === 'quantitative' && (t.unit === '个月' || t.unit === '月') && isWhole(t.valueText) && Number(t.valueText) >= 1 && Number(t.valueText) <= 12) {
      return BigInt(t.valueText!);
    }
  }
  // the months the purpose or a goal states ("发放5个月"), when they state one number of months only
  const stated = new Set<string>();
  for (const text of projectTexts(project)) for (const m of text.matchAll(/(?<![\d.])(\d{1,2})个月/g)) stated.add(m[1]!);
  if (stated.size === 1) {
    const n = Number([...stated][0]);
    if (n >= 1 && n <= 12) return BigInt(n);
  }
  return 12n;
}

/** The texts of a project a reviewer does arithmetic on: its purpose (资金用途) and its goals. */
function projectTexts(project: Project): string[] {
  return project.purpose ? [project.purpose, ...project.goals] : project.goals;
}

/** Whether two amounts agree within config.arithmetic.tolerancePercent of the reference. */
function agree(a: bigint, ref: bigint, config: ReviewConfig): boolean {
  const diff = a > ref ? a - ref : ref - a;
  return diff * 10000n <= ref * BigInt(Math.round(config.arithmetic.tolerancePercent * 100));
}

const wanBig = (fen: bigint) => `${formatWan(Number(fen))}万元`;

/** A cost row that states the total (plain money, not a unit price): the amount the product is compared with. */
function costTotal(rows: readonly RowFacts[], prices: readonly UnitPrice[], config: ReviewConfig): { indicator: Indicator; fen: bigint } | null {
  const priced = new Set(prices.map((p) => p.index));
  const totals = rows
    .map(({ indicator }, i) => ({ indicator, i, fen: priced.has(i) || !isCost(indicator, config) ? null : rows[i]!.moneyFen }))
    .filter((x) => x.fen !== null && !x.indicator.target.unit!.includes('/'));
  return totals.length === 1 ? { indicator: totals[0]!.indicator, fen: totals[0]!.fen! } : null;
}

const quantityTimesPrice: ProjectRule = {
  id: 'budget.quantity-times-price',
  category: 'budget',
  severity: 'error',
  criterion: '适当性',
  scope: 'project',
  departmentTargets: true,
  title: '数量×单价与金额不符',
  description:
    '表中写了单价（“5万元/个”“8元/人/月”，成本指标名称、描述中的“人均”“每月”，或描述中写明的“每人每月8元”——此时单元格是总额）和对应的数量（“3个”“150人”），就可以算出总额：数量 × 单价（按月的 × 12 个月，' +
    '表中写了“10个月”等期限的按期限）。总额与成本指标的总额（没有时与预算数）比较，相差超过设定的比例（默认2%，容许单价四舍五入）即报告，并写出算式和应有的金额：' +
    '总额高于预算为错误（钱不够）；总额低于预算不报告（其余预算用于项目的其他产出），只在单价为定值、总额低于表中写明的该项成本总额时为警告。单价只设上限（“≤5万元/个”）而乘出来高于预算时为警告（上限应按预算设定）；数量不止一个可能对应时不计算。' +
    '资金用途或绩效目标写明的月数（“发放5个月”）作为期限；资金用途、绩效目标自己写明了数量、单价和期限的，见 budget.text-arithmetic。',
  examples: {
    triggers: {
      description: '预算数 10.00 万元，数量指标“服务点个数”“3个”，成本指标“单个服务点经费”“5万元/个”（3 × 5 = 15 万元）',
      patch: { indicators: [{ at: 0, name: '服务点个数', description: '建设社区服务点的个数', target: '3个' }, { at: 3, name: '单个服务点经费', description: '每个服务点的经费', target: '5万元/个' }] },
    },
    passes: {
      description: '预算数 10.00 万元，数量指标“服务点个数”“2个”，成本指标“单个服务点经费”“5万元/个”（2 × 5 = 10 万元）',
      patch: { indicators: [{ at: 0, name: '服务点个数', description: '建设社区服务点的个数', target: '2个' }, { at: 3, name: '单个服务点经费', description: '每个服务点的经费', target: '5万元/个' }] },
    },
  },
  check(project, ctx, rows) {
    const { config } = ctx;
    const { indicators } = project;
    const prices = unitPrices(rows, ctx);
    if (prices.length !== 1) return NO_HITS;
    const price = prices[0]!;
    // a row whose own text states the count, the price and the period is budget.row-product's (arithmetic.ts)
    if (rowStatesProduct(price.indicator, config)) return NO_HITS;
    const count = price.perCount.length === 1 ? countOf(indicators, price.perCount[0]!, config, price.index) : null;
    if (price.perCount.length === 1 && count === null) return NO_HITS;
    if (price.perCount.length === 0 && price.period === null) return NO_HITS;
    const months = price.period === '月' ? monthsOf(project) : null;
    const periods = price.period === null ? 1n : price.period === '月' ? months! : BigInt(PERIODS[price.period]!);
    const n = count?.n ?? 1n;
    const product = price.fen * n * periods;
    const total = price.total !== null ? { indicator: price.indicator, fen: price.total } : costTotal(rows, prices, config);
    const ref = total?.fen ?? (project.budget.total === null ? null : BigInt(project.budget.total));
    if (ref === null || ref <= 0n || agree(product, ref, config)) return NO_HITS;
    const pOp = price.indicator.target.operator;
    const cOp = count?.indicator.target.operator ?? '=';
    const priceCap = pOp === '≤' || pOp === '<';
    const high = product > ref;
    // a price cap whose product is above the budget (45张 × ≤2.6万元/张 = 117万元 against 98万元) bounds nothing the budget
    // can pay: a warning (the cap should follow from the budget); within the tolerance it is a rounded price
    // Less than the budget is no defect: the rest of the budget pays for the project's other outputs (calibration,
    // issue 30). Only less than the document's own stated cost of this product, at an exact price, is.
    if (!high && (total === null || priceCap)) return NO_HITS;
    if (!high && (cOp === '≥' || cOp === '>')) return NO_HITS; // "at least n" may cost more
    const refText = total ? `成本指标“${total.indicator.name}”的${wanBig(total.fen)}` : `预算数${wanBig(ref)}`;
    const factors = [
      ...(count ? [`${count.indicator.target.raw}（${count.indicator.name}）`] : []),
      `${price.shown}${price.words ? `（${price.words}）` : ''}`,
      ...(price.period === '月' ? [`${months}个月`] : price.period === '季度' || price.period === '季' ? ['4个季度'] : []),
    ];
    return [
      {
        field: 'target',
        source: price.indicator.sources.target ?? price.indicator.source,
        indicatorIndex: price.index,
        severity: high && !priceCap ? 'error' : 'warning',
        message: `${factors.join(' × ')} = ${wanBig(product)}，${high ? '高于' : '低于'}${refText}`,
        suggestion: high && priceCap
          ? `单价上限与预算不符：按预算${wanBig(ref)}和数量，单价应不超过${wanBig((ref / n / periods / 10_000n) * 10_000n)}；调低单价上限，或核对数量和预算。`
          : high
          ? `核对数量、单价和预算：按表中数量和单价需要${wanBig(product)}；若预算${wanBig(ref)}无误，应调低单价或数量，或说明其他资金来源。`
          : `核对数量、单价和预算：按表中数量和单价只需${wanBig(product)}，预算或成本${wanBig(ref)}偏多；调整预算，或补充未列出的支出内容。`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// The arithmetic a reviewer does in the head on the purpose and the goals (issue 55)
// ---------------------------------------------------------------------------------------------

/** The one amount the products and amounts of the texts are compared with: the cost total when one row states it, else the budget. */
function referenceOf(project: Project, rows: readonly RowFacts[], ctx: ReviewContext): { fen: bigint; text: string } | null {
  const { config } = ctx;
  const total = costTotal(rows, unitPrices(rows, ctx), config);
  if (total !== null) return { fen: total.fen, text: `成本指标“${total.indicator.name}”的${wanBig(total.fen)}` };
  return project.budget.total === null || project.budget.total <= 0 ? null : { fen: BigInt(project.budget.total), text: `预算数${wanBig(BigInt(project.budget.total))}` };
}

const textLabel = (project: Project, text: string) => (text === project.purpose ? '资金用途' : '绩效目标');

/** Where a finding on one of the project's texts points: the purpose or the goals. */
function textPlace(project: Project, text: string): Pick<RuleHit, 'field' | 'source'> {
  return text === project.purpose
    ? { field: 'purpose', source: project.sources.purpose ?? project.source }
    : { field: 'goals', source: project.sources.goals ?? project.source };
}

const textArithmetic: ProjectRule = {
  id: 'budget.text-arithmetic',
  category: 'budget',
  severity: 'warning',
  criterion: '适当性',
  scope: 'project',
  title: '资金用途或目标中的人数×标准×期限与预算不符',
  description:
    '资金用途或绩效目标自己写明了数量、标准和期限（“预计发放对象300人，每人每月5元，全年发放”“为1200户每户每月发放100元，发放5个月”），审核人会在心里算出总额（300 × 5元 × 12 = 1.80万元），' +
    '与成本指标的总额（没有时与预算数）比较。相差超过设定的比例（默认2%）即报告：高于为错误（钱不够），低于为警告（余下的预算没有说明用途）。数量带“约”“以上”、有两个单价或数量、期限不明时不计算；同一算式只报告一次。',
  examples: {
    triggers: {
      description: '预算数 10.00 万元，资金用途“为100名社区老人发放服务补贴，每人每月50元，全年发放。”（100 × 50元 × 12 = 6.00 万元）',
      patch: { project: { purpose: '为100名社区老人发放服务补贴，每人每月50元，全年发放。' } },
    },
    passes: {
      description: '资金用途“为100名社区老人发放服务补贴，每人每月83元，全年发放。”（9.96 万元，与成本总额10.00万元相差不到2%）',
      patch: { project: { purpose: '为100名社区老人发放服务补贴，每人每月83元，全年发放。' } },
    },
  },
  check(project, ctx, rows) {
    const { config } = ctx;
    let hits: RuleHit[] | null = null;
    let ref: { fen: bigint; text: string } | null | undefined;
    const seen = new Set<bigint>();
    for (const text of projectTexts(project)) {
      const found = rowProductOf('', text, config);
      if (found === null || found.count === null || seen.has(found.product)) continue;
      seen.add(found.product);
      ref = ref === undefined ? referenceOf(project, rows, ctx) : ref;
      if (ref === null) return NO_HITS;
      if (agree(found.product, ref.fen, config)) continue;
      const high = found.product > ref.fen;
      const factors = [found.count.shown, found.priceShown, ...(found.periods ? [found.periods.shown] : [])];
      (hits ??= []).push({
        ...textPlace(project, text),
        severity: high ? 'error' : 'warning',
        message: `${textLabel(project, text)}写明${factors.join(' × ')} = ${wanBig(found.product)}，${high ? '高于' : '低于'}${ref.text}`,
        suggestion: high
          ? `核对人数、标准和期限：按${textLabel(project, text)}需要${wanBig(found.product)}；若预算无误，改正人数或标准，或说明其他资金来源。`
          : `核对人数、标准和期限：按${textLabel(project, text)}只需${wanBig(found.product)}，余下${wanBig(ref.fen - found.product)}的用途没有写明；调整预算，或写明其余支出。`,
      });
    }
    return hits ?? NO_HITS;
  },
};

/** Words in the clause before an amount that make it the project's money ("安排运营补助资金150万元"). */
const OWN_MONEY = /安排|投入|下达|拨付|补助资金|专项资金|资金|经费/;
/** Words that make an amount something else: a part, a price, money brought in, several years, a past year. */
const OTHER_MONEY = /其中|每|人均|户均|单价|带动|引进|撬动|吸引|拉动|累计|总投资|总额|总计|共计|节约|上年|以上|不少于|超过|[两三四五]年|\d年(?!度)|期内|周期|中长期/;

const textAmount: ProjectRule = {
  id: 'budget.text-amount',
  category: 'budget',
  severity: 'error',
  criterion: '适当性',
  scope: 'project',
  title: '目标或用途中写明的资金高于预算',
  description:
    '资金用途或绩效目标写明本项目安排、投入的资金（“安排运营补助资金150万元”），审核人会与预算数比较：高于预算数（超过设定的比例）说明目标所需资金与预算不符（错误）。' +
    '其中数、单价、带动或引进的资金、几年合计或累计的金额不比较；低于预算数的是部分资金，不报告。',
  examples: {
    triggers: { description: '预算数 10.00 万元，绩效目标“安排社区服务资金12万元，全年开展社区服务活动12场”', patch: { project: { goals: ['安排社区服务资金12万元，全年开展社区服务活动12场'] } } },
    passes: { description: '预算数 10.00 万元，绩效目标“安排社区服务资金10万元，全年开展社区服务活动12场”', patch: { project: { goals: ['安排社区服务资金10万元，全年开展社区服务活动12场'] } } },
  },
  check(project, { config }) {
    const total = project.budget.total;
    if (total === null || total <= 0) return NO_HITS;
    let hits: RuleHit[] | null = null;
    for (const text of projectTexts(project)) {
      if (!OWN_MONEY.test(text)) continue;
      for (const m of text.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)(万元|元)(?![\/／每])/g)) {
        let start = m.index;
        while (start > 0 && !/[，,。；;：:\n（(]/.test(text[start - 1]!) && m.index - start < 20) start--;
        const clause = text.slice(start, m.index);
        if (!OWN_MONEY.test(clause) || OTHER_MONEY.test(clause)) continue;
        const fen = toFen(m[1]!, m[2] === '元' ? '元' : '万元');
        if (fen === null || fen <= total || agree(BigInt(fen), BigInt(total), config)) continue;
        (hits ??= []).push({
          ...textPlace(project, text),
          message: `${textLabel(project, text)}写明“${`${clause}${m[0]}`.trim()}”，高于预算数${wanBig(BigInt(total))}`,
          suggestion: `使目标与预算一致：按预算${wanBig(BigInt(total))}改写${textLabel(project, text)}中的金额，或核对预算数。`,
        });
      }
    }
    return hits ?? NO_HITS;
  },
};

/** An amount of money in running text, not a price per unit ("30万元", "1,200元"; never "600元/人"). */
const AMOUNT = /(?<![\d.])(\d+(?:\.\d+)?)(万元|元)(?![\/／每])/g;

/** Words before an amount that make it no part of the year's money: a price, a standard, money of other years or sources. */
const NOT_A_PART = /每|人均|户均|单价|标准|带动|引进|撬动|吸引|拉动|累计|总投资|总额|合计|总计|共计|节约|上年|[两三四五]年|\d年(?!度)|其中/;

const purposePartsSum: ProjectRule = {
  id: 'budget.purpose-parts-sum',
  category: 'budget',
  severity: 'error',
  criterion: '适当性',
  scope: 'project',
  title: '资金用途所列各项金额之和高于预算',
  description:
    '资金用途逐项写明金额（“用于平台软件开发30万元、终端设备采购20万元、平台运维10万元”）时，各项之和是项目要花的钱，高于预算数说明用途与预算不符：' +
    '预算少列了，或用途写多了（错误）。至少两项金额才相加；单价、标准、带动引进的资金、几年累计和“其中”的金额不算。各项之和低于预算数的，其余用途没有列出，不报告。',
  examples: {
    triggers: { description: '预算数 10.00 万元，资金用途“用于社区服务活动8万元、宣传资料印制4万元”', patch: { project: { purpose: '用于社区服务活动8万元、宣传资料印制4万元。' } } },
    passes: { description: '预算数 10.00 万元，资金用途“用于社区服务活动8万元、宣传资料印制2万元”', patch: { project: { purpose: '用于社区服务活动8万元、宣传资料印制2万元。' } } },
  },
  check(project, { config }) {
    const total = project.budget.total;
    const purpose = project.purpose;
    if (total === null || total <= 0 || purpose === null || !purpose.includes('元')) return NO_HITS;
    const parts: string[] = [];
    let sum = 0n;
    for (const m of purpose.matchAll(AMOUNT)) {
      let start = m.index;
      while (start > 0 && !/[，,。；;：:、\n（(]/.test(purpose[start - 1]!) && m.index - start < 20) start--;
      if (NOT_A_PART.test(purpose.slice(start, m.index))) continue;
      const fen = toFen(m[1]!, m[2] === '元' ? '元' : '万元');
      if (fen === null) continue;
      sum += BigInt(fen);
      parts.push(m[0]);
    }
    if (parts.length < 2 || sum <= BigInt(total) || agree(sum, BigInt(total), config)) return NO_HITS;
    return [
      {
        field: 'purpose',
        source: project.sources.purpose ?? project.source,
        message: `资金用途所列各项金额${parts.join(' + ')} = ${wanBig(sum)}，高于预算数${wanBig(BigInt(total))}`,
        suggestion: `使资金用途与预算一致：核对各项金额，或按预算${wanBig(BigInt(total))}调整用途。`,
      },
    ];
  },
};

/** "人员经费占55%": a share of the whole named in running text. */
const SHARE = /([\u3400-\u9fff]{2,12}?)(?:约)?占(?:比)?(?:约)?(\d+(?:\.\d+)?)%/g;

const sharesSum: ProjectRule = {
  id: 'budget.shares-sum',
  category: 'budget',
  severity: 'warning',
  criterion: '完整性',
  scope: 'project',
  title: '各部分所占比例之和不是100%',
  description:
    '资金用途或绩效目标把资金分成几部分并写明各占多少（“其中人员经费占55%，公用经费占30%，救助业务费占10%”），审核人会相加：三部分以上、或以“其中”列出的各部分，' +
    '之和应为100%；多于100%总是错的。只看同一句中的比例，指标的比率不在此列。',
  examples: {
    triggers: { description: '资金用途“用于社区服务，其中活动经费占60%，宣传经费占30%。”（90%）', patch: { project: { purpose: '用于社区服务，其中活动经费占60%，宣传经费占30%。' } } },
    passes: { description: '资金用途“用于社区服务，其中活动经费占70%，宣传经费占30%。”', patch: { project: { purpose: '用于社区服务，其中活动经费占70%，宣传经费占30%。' } } },
  },
  check(project) {
    let hits: RuleHit[] | null = null;
    for (const text of projectTexts(project)) {
      if (!text.includes('占')) continue;
      for (const sentence of text.split(/[。；;\n]/)) {
        const shares = [...sentence.matchAll(SHARE)];
        if (shares.length < 2) continue;
        const listed = shares.length >= 3 || sentence.includes('其中');
        const hundredths = shares.reduce((n, m) => n + Math.round(Number(m[2]) * 100), 0);
        if (hundredths === 10000 || (!listed && hundredths < 10000)) continue;
        const sum = `${shares.map((m) => `${m[1]!.replace(/^(?:其中|用于|主要用于)/, '')} ${m[2]}%`).join(' + ')} = ${hundredths / 100}%`;
        (hits ??= []).push({
          ...textPlace(project, text),
          message: `${textLabel(project, text)}中各部分所占比例 ${sum}，${hundredths < 10000 ? '不足' : '超过'}100%`,
          suggestion: '核对各部分的比例：列出的各部分之和应为100%，漏列的部分补上，或改正比例。',
        });
      }
    }
    return hits ?? NO_HITS;
  },
};

const amountOutputVsBudget: ProjectRule = {
  id: 'budget.paid-amount-vs-budget',
  category: 'budget',
  severity: 'error',
  criterion: '适当性',
  scope: 'project',
  departmentTargets: true,
  title: '拨付、发放金额与预算不符',
  description:
    '产出指标中的资金拨付、发放、支付金额（名称或描述含“拨付”“发放”“支付”等，可设置）是项目资金花出去的部分，不能高于预算数（错误）；写定值而明显低于预算数（超过设定比例）时，' +
    '余下的资金没有产出（警告）。引进资金、带动投资、节约资金等不是本项目支出，不比较；成本指标见 budget.cost-exceeds-budget。' +
    '部门整体支出绩效目标表的资金总额还要支付其他事项，其中的拨付金额只在高于资金总额时报告。',
  examples: {
    triggers: {
      description: '预算数 10.00 万元，质量指标“补助资金拨付金额”“12万元”',
      patch: { indicators: [{ at: 1, name: '补助资金拨付金额', description: '全年拨付补助资金的金额', target: '12万元' }] },
    },
    passes: {
      description: '预算数 10.00 万元，质量指标“补助资金拨付金额”“10万元”',
      patch: { indicators: [{ at: 1, name: '补助资金拨付金额', description: '全年拨付补助资金的金额', target: '10万元' }] },
    },
  },
  check(project, { config, framework }, rows) {
    const total = project.budget.total;
    if (total === null || total <= 0) return NO_HITS;
    const { paidOutWords, notPaidOutWords, perUnitWords } = config.arithmetic;
    // a plain loop, the budget as a BigInt and the list of hits made only when needed (this runs for every project)
    let ref: bigint | null = null;
    let hits: RuleHit[] | null = null;
    for (let index = 0; index < project.indicators.length; index++) {
      const indicator = project.indicators[index]!;
      if (isCost(indicator, config) || indicator.level1 !== config.scoring.gradeCaps.outputDefects.level1) continue;
      const fen = rows[index]!.moneyFen;
      if (fen === null || indicator.target.unit!.includes('/')) continue;
      const text = flat(indicator, config);
      if (!paidOutWords.some((w) => text.includes(w)) || notPaidOutWords.some((w) => text.includes(w)) || perUnitWords.some(([w]) => text.includes(w))) continue;
      ref ??= BigInt(total);
      if (agree(fen, ref, config)) continue;
      const op = indicator.target.operator;
      const high = fen > ref;
      if (high && (op === '≤' || op === '<')) continue;
      if (!high && op !== '=') continue;
      // a department's whole budget pays for much more than one indicator's payments: only more than all of it is wrong
      if (!high && isDepartmentTargets(project)) continue;
      (hits ??= []).push({
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        indicatorIndex: index,
        severity: high ? 'error' : 'warning',
        message: `指标“${indicator.name}”的金额“${indicator.target.raw}”（${wanBig(fen)}）${high ? '高于' : '低于'}预算数${wanBig(ref)}`,
        suggestion: high ? `拨付、发放的资金不超过预算数：改为“≤${formatWan(total)}万元”，或核对单位（元/万元）。` : `核对金额：按预算应拨付${wanBig(ref)}；其余资金的用途应有对应的产出指标。`,
      });
    }
    void framework;
    return hits ?? NO_HITS;
  },
};

const costSum: ProjectRule = {
  id: 'budget.cost-sum',
  category: 'budget',
  severity: 'error',
  criterion: '适当性',
  scope: 'project',
  departmentTargets: true,
  title: '成本指标合计高于预算',
  description:
    '一个项目有几条成本指标（各为一部分支出的总额）时，它们的合计不应高于预算数。其中一条名为总成本、合计，或等于其余各条之和，或就是预算数而其余各条之和不超过它时，它是总额、其余是其分项，不报告；单价（“万元/个”）不相加。',
  examples: {
    triggers: {
      description: '预算数 10.00 万元，成本指标“活动经费支出”“≤6万元”和“宣传经费支出”“≤5万元”（合计 11 万元）',
      patch: { indicators: [{ at: 3, target: '≤6万元' }, { level2: '成本指标', name: '宣传经费支出', description: '宣传品制作费用', target: '≤5万元', basis: '预算支出标准' }] },
    },
    passes: {
      description: '预算数 10.00 万元，成本指标“活动经费支出”“≤6万元”和“宣传经费支出”“≤4万元”',
      patch: { indicators: [{ at: 3, target: '≤6万元' }, { level2: '成本指标', name: '宣传经费支出', description: '宣传品制作费用', target: '≤4万元', basis: '预算支出标准' }] },
    },
  },
  check(project, ctx, facts) {
    const { config } = ctx;
    const total = project.budget.total;
    if (total === null || total <= 0) return NO_HITS;
    // the cost rows in plain money first, without lists: most tables have fewer than two, and the rule needs two
    let candidates = 0;
    for (let i = 0; i < facts.length && candidates < 2; i++) {
      const { indicator } = facts[i]!;
      if (isCost(indicator, config) && facts[i]!.moneyFen !== null && !indicator.target.unit!.includes('/')) candidates++;
    }
    if (candidates < 2) return NO_HITS;
    const prices = new Set(unitPrices(facts, ctx).map((p) => p.index));
    const rows = project.indicators
      .map((indicator, index) => ({ indicator, index, fen: isCost(indicator, config) && !prices.has(index) ? facts[index]!.moneyFen : null }))
      .filter((r) => r.fen !== null && !r.indicator.target.unit!.includes('/'));
    if (rows.length < 2) return NO_HITS;
    const sum = rows.reduce((n, r) => n + r.fen!, 0n);
    const ref = BigInt(total);
    const tolerance = BigInt(config.budgetToleranceFen);
    // a row that names a total (总成本, 合计), equals the sum of the others, or is the budget with the others within it is the total of its parts
    if (rows.some((r) => /总|合计/.test(r.indicator.name) || agree(r.fen!, sum - r.fen!, config) || (agree(r.fen!, ref, config) && sum - r.fen! <= ref + tolerance))) return NO_HITS;
    if (sum <= ref + tolerance) return NO_HITS;
    const first = rows[0]!;
    return [
      {
        field: 'target',
        source: first.indicator.sources.target ?? first.indicator.source,
        indicatorIndex: first.index,
        message: `成本指标${rows.map((r) => `“${r.indicator.name}”${r.indicator.target.raw}`).join(' + ')} = ${wanBig(sum)}，高于预算数${wanBig(ref)}`,
        suggestion: `各项成本合计不超过预算数${wanBig(ref)}：按预算测算调整各项成本，或核对单位（元/万元）。`,
      },
    ];
  },
};

export const BUDGET_RULES: Rule[] = [sourcesSum, fundingParts, partExceedsTotal, costExceedsBudget, planExceedsTotal, quantityTimesPrice, textArithmetic, textAmount, purposePartsSum, sharesSum, amountOutputVsBudget, costSum];
