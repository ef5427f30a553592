/**
 * Arithmetic where numbers meet (issue 30 §3), all in exact integer fen (BigInt), never floats:
 * - inside one row: a count and a unit price written in the name or description, a period, and the amount in the
 *   value ("为200户困难户每户每月发放10元，共12个月" against "2万元": 200 × 10元 × 12 = 2.40万元);
 * - the department's whole-budget table (部门整体支出绩效目标表): 基本支出 + 项目支出 against 资金总额, the duty rows'
 *   budget amounts (年度履职目标 … 预算金额) against 资金总额.
 * - part one (部门整体绩效目标): the department's 资金总额, 基本支出 and 项目支出 it states against that table.
 * A table's quantity × unit price across rows, amounts paid out and cost rows are budget.ts's rules; part one's amounts
 * against the project tables are mismatch.part-one-amount.
 */
import { formatWan, toFen } from '../../domain/money';
import type { DepartmentTargets, Fen, Indicator } from '../../domain/model';
import { compactLabel } from '../../domain/text';
import type { ReviewConfig } from '../config';
import { perPair } from '../memo';
import type { DocumentRule, IndicatorRule, Rule, RuleHit } from '../types';
import { NO_HITS } from '../types';

// ---------------------------------------------------------------------------------------------
// One row's own arithmetic
// ---------------------------------------------------------------------------------------------

/** What a row's name and description multiply out to: price × count × periods, each as written. */
export interface RowProduct {
  price: bigint;
  /** The price as written ("每户每月10元", "10元/户/月"). */
  priceShown: string;
  count: { n: bigint; shown: string } | null;
  periods: { n: bigint; shown: string } | null;
  product: bigint;
}

/** Periods a price may be per, and how many of them a year has. */
const PERIOD_UNITS: Record<string, number> = { 月: 12, 季度: 4, 季: 4, 年: 1 };

/** Count units that mean the same count ("每人" is counted in 人 or 名). */
const COUNT_ALIASES: Record<string, string[]> = { 人: ['人', '名'], 个: ['个'], 户: ['户'], 队: ['队'], 村: ['村', '个村'] };

/** Where a clause ends when reading back from an amount. */
const CLAUSE_END = /[，,。；;：:、=＝×*xX+＋（）()\n]/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The one unit price a row's text states: words before an amount ("每户每月10元", "人均500元") or units after it
 * ("10元/户/月", "10元/人·月"). Null when none or several (which one the value is made of cannot be told).
 */
function priceOf(t: string, config: ReviewConfig): { fen: bigint; per: string[]; shown: string; at: number; end: number } | null {
  const found: { fen: bigint; per: string[]; shown: string; at: number; end: number }[] = [];
  const re = /(?<![\d.])(\d+(?:\.\d+)?)(万元|元)((?:\/[（(]?(?:季度|人次|[\u3400-\u9fff])(?:[·.•](?:季度|[\u3400-\u9fff]))?[)）]?)+)?/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const per: string[] = [];
    let shown = m[0];
    if (m[3] !== undefined) {
      for (const part of m[3].split(/[\/·.•（）()]/)) if (part !== '') per.push(part);
    } else {
      let start = m.index;
      while (start > 0 && !CLAUSE_END.test(t[start - 1]!) && m.index - start < 12) start--;
      const clause = t.slice(start, m.index);
      const words = config.arithmetic.perUnitWords.filter(([w]) => clause.includes(w));
      const longest = words.filter(([w]) => !words.some(([o]) => o !== w && o.includes(w)));
      if (longest.length === 0) continue;
      for (const [, u] of longest) if (!per.includes(u)) per.push(u);
      const first = Math.min(...longest.map(([w]) => clause.indexOf(w)));
      shown = `${clause.slice(first)}${m[1]}${m[2]}`;
    }
    const fen = toFen(m[1]!, m[2] === '元' ? '元' : '万元');
    if (fen === null || fen <= 0) continue;
    found.push({ fen: BigInt(fen), per, shown, at: m.index, end: m.index + m[0].length });
  }
  return found.length === 1 ? found[0]! : null;
}

/** Words around a count that make it approximate or a bound: no exact product can be made of it. */
const APPROXIMATE_BEFORE = /(?:约|近|超过|逾|不少于|不低于|至少|多于|以上|达)$/;
const APPROXIMATE_AFTER = /^(?:左右|余|多|以上|以内|以下)/;

/** The one count of `unit` the text states outside the price ("200户"); null when none, several or approximate. */
function countIn(t: string, unit: string, price: { at: number; end: number }): { n: bigint; shown: string } | 'unsure' | null {
  const units = COUNT_ALIASES[unit] ?? [unit];
  const re = new RegExp(`(?<![\\d.每/])(\\d+)(${units.map(escape).join('|')})(?!月|季|工作日|小时|百分点|\\/|\\d)`, 'g');
  let found: { n: bigint; shown: string } | null = null;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    if (m.index >= price.at && m.index < price.end) continue;
    if (/(?:19|20)\d{2}$/.test(m[1]!) && m[2] === '年') continue;
    if (APPROXIMATE_BEFORE.test(t.slice(Math.max(0, m.index - 3), m.index)) || APPROXIMATE_AFTER.test(t.slice(m.index + m[0].length))) return 'unsure';
    const n = BigInt(m[1]!);
    if (n <= 0n) return 'unsure';
    if (found !== null && found.n !== n) return 'unsure';
    found ??= { n, shown: m[0] };
  }
  return found;
}

/** How many of the price's periods the text covers: "12个月", "全年" (12 months, 4 quarters); null when it does not say. */
function periodsIn(t: string, period: string): { n: bigint; shown: string } | 'unsure' | null {
  if (period === '年') {
    // a price per year times a value for one year, unless the text speaks of several years
    return /(?<![\d.])[2-9]年(?!度)|[两三四五]年/.test(t) ? 'unsure' : null;
  }
  const perYear = PERIOD_UNITS[period]!;
  const re = period === '月' ? /(?<![\d.])(\d+)个月/g : /(?<![\d.])(\d+)个季度/g;
  let n: bigint | null = null;
  let shown = '';
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const v = BigInt(m[1]!);
    if (n !== null && n !== v) return 'unsure';
    n = v;
    shown = m[0];
  }
  if (n !== null) return n >= 1n && n <= BigInt(perYear) ? { n, shown } : 'unsure';
  if (/全年|一年/.test(t)) return { n: BigInt(perYear), shown: `全年${perYear}个${period === '月' ? '月' : '季度'}` };
  return null;
}

/**
 * A row's own arithmetic: the one unit price its name and description state, times the count of what it is per (a
 * number in the same text) and the periods (12个月, 全年); null when a factor is missing, approximate or ambiguous, or
 * nothing is multiplied. Read once per distinct name and description.
 */
export const rowProductOf = perPair((name: string, description: string, config: ReviewConfig): RowProduct | null => {
  const t = compactLabel(`${name}，${description}`);
  const price = priceOf(t, config);
  if (price === null || price.per.length === 0) return null;
  const periods = price.per.filter((p) => PERIOD_UNITS[p] !== undefined);
  const counts = price.per.filter((p) => PERIOD_UNITS[p] === undefined);
  if (periods.length > 1 || counts.length > 1) return null;
  let count: RowProduct['count'] = null;
  if (counts.length === 1) {
    const c = countIn(t, counts[0]!, price);
    if (c === null || c === 'unsure') return null;
    count = c;
  }
  let span: RowProduct['periods'] = null;
  if (periods.length === 1) {
    const p = periodsIn(t, periods[0]!);
    if (p === 'unsure') return null;
    if (p === null && periods[0] !== '年') return null;
    span = p;
  }
  if (count === null && span === null) return null;
  const product = price.fen * (count?.n ?? 1n) * (span?.n ?? 1n);
  return { price: price.fen, priceShown: price.shown, count, periods: span, product };
});

/** One unit of a decimal text's last written digit, in fen of `unit` ("3" 万元 → 1万元, "2.5" → 0.1万元). */
function lastDigitFen(valueText: string, unit: '元' | '万元'): bigint {
  const dot = valueText.indexOf('.');
  const decimals = dot < 0 ? 0 : valueText.length - dot - 1;
  const one = unit === '万元' ? 1_000_000n : 100n;
  return one / 10n ** BigInt(Math.min(decimals, unit === '万元' ? 6 : 2));
}

/** An amount in 万元 with two decimals ("约" when rounded). */
function wanTwo(fen: bigint): string {
  const rounded = ((fen + 5_000n) / 10_000n) * 10_000n;
  return `${rounded === fen ? '' : '约'}${formatWan(Number(rounded))}万元`;
}

const MONEY_HEADS: Record<string, '元' | '万元'> = { 元: '元', 万元: '万元', 万: '万元' };

const rowProduct: IndicatorRule = {
  id: 'budget.row-product',
  category: 'budget',
  severity: 'error',
  criterion: '适当性',
  scope: 'indicator',
  reads: 'row',
  title: '指标中的数量×单价与金额不符',
  description:
    '一行指标的名称或描述写明了数量（“200户”）、单价（“每户每月10元”“10元/户/月”）和期限（“12个月”“全年”），指标值是金额时，' +
    '数量 × 单价 × 期限应等于该金额（精确到分计算）。乘积高于金额超过1%（可设置）为错误（资金不够）；低于金额超过1%且超过金额末位一个单位（“3万元”对2.88万元视为向上取整）为警告。' +
    '数量带“约”“以上”“余”等、有两个以上单价或数量、期限不明时不计算；金额等于单价或部分乘积（如只乘了数量）时视为填的是标准，不报告。表中另一行给出数量的情形见“数量×单价与金额不符”。',
  examples: {
    triggers: {
      description: '成本指标“困难户生活补助”描述“为200户困难户每户每月发放10元，共12个月”，指标值“≤2万元”（应为2.40万元）',
      patch: { indicators: [{ at: 3, name: '困难户生活补助', description: '为200户困难户每户每月发放10元，共12个月', target: '≤2万元' }] },
    },
    passes: {
      description: '同一指标，指标值“≤2.4万元”',
      patch: { indicators: [{ at: 3, name: '困难户生活补助', description: '为200户困难户每户每月发放10元，共12个月', target: '≤2.4万元' }] },
    },
  },
  targetKind: 'quantitative', // row.moneyFen is null for any other kind
  check(indicator, _project, { config }, row) {
    const fen = row.moneyFen;
    if (fen === null || fen <= 0n || !indicator.description) return NO_HITS;
    const t = indicator.target;
    if (t.unit!.includes('/') || t.operator === '≥' || t.operator === '>') return NO_HITS;
    const head = MONEY_HEADS[t.unit!];
    if (head === undefined) return NO_HITS;
    const found = rowProductOf(indicator.name, indicator.description, config);
    if (found === null) return NO_HITS;
    const { product, price, count, periods } = found;
    // the value is the price or a partial product (per month, per head): a standard, not the total
    if (fen === price || (count !== null && fen === price * count.n) || (periods !== null && fen === price * periods.n)) return NO_HITS;
    const diff = product > fen ? product - fen : fen - product;
    const share = BigInt(Math.round(config.arithmetic.rowTolerancePercent * 100));
    if (diff * 10000n <= fen * share) return NO_HITS;
    const high = product > fen;
    if (!high && (t.operator === '≤' || t.operator === '<' || diff < lastDigitFen(t.valueText!, head))) return NO_HITS;
    const factors = [...(count ? [count.shown] : []), found.priceShown, ...(periods ? [periods.shown] : [])];
    return [
      {
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        severity: high ? 'error' : 'warning',
        message: `指标“${indicator.name}”写明${factors.join(' × ')} = ${wanTwo(product)}，${high ? '高于' : '低于'}指标值“${t.raw}”（相差${wanTwo(diff)}）`,
        suggestion: high
          ? `核对数量、单价和期限：按描述需要${wanTwo(product)}；若金额无误，改正描述中的数量或标准，否则把指标值改为${wanTwo(product).replace('约', '')}。`
          : `核对数量、单价和期限：按描述只需${wanTwo(product)}；改正金额，或在描述中写明其余资金的用途。`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// The department's whole-budget table
// ---------------------------------------------------------------------------------------------

/** What separately rounded amounts of the table may differ by: one hundredth of its amount unit (0.01万元 = 100元). */
function roundingFen(t: DepartmentTargets, config: ReviewConfig): number {
  return Math.max(config.budgetToleranceFen, t.amountUnit === '万元' ? 10_000 : 1);
}

const unitAmount = (fen: Fen, t: DepartmentTargets) => (t.amountUnit === '元' ? `${(fen / 100).toFixed(2)}元` : `${formatWan(fen)}万元`);

const departmentParts: DocumentRule = {
  id: 'budget.department-parts',
  category: 'budget',
  severity: 'error',
  criterion: '完整性',
  scope: 'document',
  title: '部门整体支出：基本支出与项目支出之和不等于资金总额',
  description:
    '部门整体支出绩效目标表的年度预算安排中，资金总额按支出性质分为基本支出和项目支出，两者之和应等于资金总额（容许金额单位的0.01，即分别四舍五入的差）。不相等说明某项金额填错或漏填。',
  examples: {
    triggers: { description: '资金总额356.00万元，基本支出236.00万元，项目支出110.00万元', patch: { departmentTargets: { total: '356.00', basic: '236.00', project: '110.00' } } },
    passes: { description: '资金总额356.00万元，基本支出236.00万元，项目支出120.00万元', patch: { departmentTargets: { total: '356.00', basic: '236.00', project: '120.00' } } },
  },
  check({ doc, config }) {
    const t = doc.departmentTargets;
    if (t === null) return NO_HITS;
    const { total, basic, project } = t.budget;
    if (total === null || basic === null || project === null || total <= 0) return NO_HITS;
    const sum = basic + project;
    if (Math.abs(sum - total) <= roundingFen(t, config)) return NO_HITS;
    return [
      {
        field: 'departmentTargets',
        source: t.sources.total ?? t.source,
        message: `部门整体支出绩效目标表：基本支出${unitAmount(basic, t)} + 项目支出${unitAmount(project, t)} = ${unitAmount(sum, t)}，与资金总额${unitAmount(total, t)}不符（${sum < total ? '少' : '多'}${unitAmount(Math.abs(total - sum), t)}）`,
        suggestion: '核对年度预算安排：资金总额应等于基本支出与项目支出之和，更正填错的一项（与部门预算批复一致）。',
      },
    ];
  },
};

/** A duty row that is a subtotal or total line of the table, not a duty. */
const isTotalLine = (text: string | null) => text !== null && /^(?:合计|小计|总计|共计)$/.test(compactLabel(text));

const dutiesVsTotal: DocumentRule = {
  id: 'budget.duties-vs-total',
  category: 'budget',
  severity: 'error',
  criterion: '适当性',
  scope: 'document',
  title: '部门整体支出：履职目标的预算金额与资金总额或项目支出不符',
  description:
    '部门整体支出绩效目标表的年度履职目标逐项列出预算金额，它们是资金总额的分配：合计高于资金总额为错误；每项都填了金额而合计低于资金总额、也不等于项目支出时为警告（部分资金没有对应的履职目标）。' +
    '“合计”“小计”行不计入；有履职目标没填金额时只检查是否超出。比较容许金额单位的0.01。',
  examples: {
    triggers: {
      description: '资金总额356.00万元，履职目标预算金额200.00万元和180.00万元（合计380.00万元）',
      patch: { departmentTargets: { total: '356.00', basic: '236.00', project: '120.00', duties: ['200.00', '180.00'] } },
    },
    passes: {
      description: '资金总额356.00万元，履职目标预算金额200.00万元和156.00万元',
      patch: { departmentTargets: { total: '356.00', basic: '236.00', project: '120.00', duties: ['200.00', '156.00'] } },
    },
  },
  check({ doc, config }) {
    const t = doc.departmentTargets;
    if (t === null || t.budget.total === null || t.budget.total <= 0) return NO_HITS;
    const rows = t.duties.filter((d) => !isTotalLine(d.function) && !isTotalLine(d.task) && !isTotalLine(d.projects));
    const priced = rows.filter((d) => d.amount !== null);
    if (priced.length === 0) return NO_HITS;
    const sum = priced.reduce((n, d) => n + d.amount!, 0);
    const total = t.budget.total;
    const tolerance = roundingFen(t, config) * priced.length;
    const listed = priced.length <= 4 ? priced.map((d) => unitAmount(d.amount!, t)).join(' + ') : `${priced.length}项预算金额合计`;
    const hit = (severity: 'error' | 'warning', message: string, suggestion: string): RuleHit[] => [
      { field: 'departmentTargets', source: priced[0]!.source, severity, message, suggestion },
    ];
    if (sum > total + tolerance) {
      return hit(
        'error',
        `部门整体支出绩效目标表：年度履职目标的预算金额${listed} = ${unitAmount(sum, t)}，高于资金总额${unitAmount(total, t)}`,
        '核对各履职目标的预算金额：合计不应超过资金总额；检查是否重复计列了同一项目的资金，或单位（元/万元）填错。',
      );
    }
    const complete = priced.length === rows.length;
    const project = t.budget.project;
    const matchesProject = project !== null && Math.abs(sum - project) <= tolerance;
    if (complete && sum < total - tolerance && !matchesProject) {
      // duty rows that list the projects' money (支出项目名称) are compared with 项目支出, which they nearly make up;
      // with no 项目支出 given, with the total
      return hit(
        'warning',
        project !== null
          ? `部门整体支出绩效目标表：年度履职目标的预算金额${listed} = ${unitAmount(sum, t)}，与项目支出${unitAmount(project, t)}不符（${sum > project ? '多' : '少'}${unitAmount(Math.abs(sum - project), t)}）`
          : `部门整体支出绩效目标表：年度履职目标的预算金额${listed} = ${unitAmount(sum, t)}，低于资金总额${unitAmount(total, t)}（少${unitAmount(total - sum, t)}）`,
        project !== null
          ? '核对履职目标的预算金额与项目支出：各履职目标所列支出项目的金额合计应等于项目支出；补列遗漏的项目，或更正金额。'
          : '核对履职目标的预算金额：全部资金应分配到履职目标；补列未列出的履职目标及其金额，或更正金额。',
      );
    }
    return NO_HITS;
  },
};

// ---------------------------------------------------------------------------------------------
// Part one's department amounts against the whole-budget table
// ---------------------------------------------------------------------------------------------

type DepartmentAmount = 'total' | 'basic' | 'project';

const AMOUNT_LABELS: Record<DepartmentAmount, string> = { total: '资金总额', basic: '基本支出', project: '项目支出' };

/** The labels part one gives the department's amounts ("部门预算总额356万元，其中基本支出236万元，项目支出120万元"). */
const LABELS: [label: string, field: DepartmentAmount][] = [
  ['资金总额', 'total'], ['预算总额', 'total'], ['收支总预算', 'total'], ['支出总预算', 'total'], ['支出总额', 'total'], ['预算总规模', 'total'],
  ['基本支出', 'basic'], ['项目支出', 'project'],
];

/** What may stand before a label in its clause: nothing that names a project or another year ("养老服务项目支出" is one project's). */
const LABEL_LEAD = /^(?:其中|部门|单位|本部门|本单位|年度|本年度?|全年|(?:19|20)\d{2}年度?|预算|安排|的|:|：|、)*$/;
/** What may stand between a label and its amount ("为", "共计", "安排"). */
const LABEL_GAP = /^(?:为|是|共|计|共计|合计|安排|预算|数|总计|:|：)*$/;

/** The department amounts part one states, by label, in exact fen with one unit of their last written digit. */
function statedDepartmentAmounts(text: string): { field: DepartmentAmount; fen: number; digit: number; snippet: string }[] {
  const out: { field: DepartmentAmount; fen: number; digit: number; snippet: string }[] = [];
  for (const clause of compactLabel(text).split(/[，,。；;\n]/)) {
    for (const [label, field] of LABELS) {
      const at = clause.indexOf(label);
      if (at < 0 || !LABEL_LEAD.test(clause.slice(0, at))) continue;
      const m = /(\d+(?:\.\d+)?)(亿元|万元|元)/.exec(clause.slice(at + label.length));
      if (m === null || !LABEL_GAP.test(clause.slice(at + label.length, at + label.length + m.index))) continue;
      if (/^(?:左右|以上|以内|多)/.test(clause.slice(at + label.length + m.index + m[0].length))) continue;
      const unit = m[2] === '元' ? '元' : '万元';
      let fen = toFen(m[1]!, unit);
      if (fen === null) continue;
      if (m[2] === '亿元') fen *= 10_000;
      if (!Number.isSafeInteger(fen)) continue;
      const digit = Number(lastDigitFen(m[1]!, unit)) * (m[2] === '亿元' ? 10_000 : 1);
      out.push({ field, fen, digit, snippet: clause.slice(at, at + label.length + m.index + m[0].length) });
      break;
    }
  }
  return out;
}

const partOneDepartmentAmount: DocumentRule = {
  id: 'mismatch.part-one-department-amount',
  category: 'mismatch',
  severity: 'warning',
  criterion: '适当性',
  scope: 'document',
  title: '部门整体目标中的资金总额与部门整体支出表不符',
  description:
    '第一部分（部门整体绩效目标）写明部门的资金总额、基本支出或项目支出（“部门预算总额356万元，其中基本支出236万元，项目支出120万元”），' +
    '与部门整体支出绩效目标表的年度预算安排不同，说明两处至少一处没有更新。只比较紧跟这些名称的金额（前面是某个项目名称的“××项目支出”不算），' +
    '差额小于第一部分金额末位的一个单位（“356万元”对355.62万元）视为四舍五入，“约”“左右”的金额不比较。项目表的预算数见“部门整体目标中的金额与项目预算不符”。',
  examples: {
    triggers: {
      description: '总体绩效目标“部门预算总额356万元”，部门整体支出表资金总额346.00万元',
      patch: { departmentGoals: { overall: '部门预算总额356万元，全年开展社区服务活动12场。' }, departmentTargets: { total: '346.00', basic: '236.00', project: '110.00' } },
    },
    passes: {
      description: '总体绩效目标“部门预算总额346万元，其中基本支出236万元，项目支出110万元”，与部门整体支出表一致',
      patch: { departmentGoals: { overall: '部门预算总额346万元，其中基本支出236万元，项目支出110万元。' }, departmentTargets: { total: '346.00', basic: '236.00', project: '110.00' } },
    },
  },
  check({ doc }) {
    const t = doc.departmentTargets;
    if (t === null) return NO_HITS;
    const goals = doc.departmentGoals;
    const texts: { text: string; where: string; source: RuleHit['source'] }[] = [];
    if (goals.overall) texts.push({ text: goals.overall, where: '总体绩效目标', source: goals.overallSource });
    for (const g of goals.subGoals) {
      const body = [g.title, g.text, g.goalText, g.indicatorText].filter((x): x is string => !!x).join('\n');
      texts.push({ text: body, where: `分项目标“${g.numbering ?? ''}${g.title.length > 24 ? `${g.title.slice(0, 24)}…` : g.title}”`, source: g.source });
    }
    let hits: RuleHit[] | null = null;
    const said = new Set<DepartmentAmount>();
    for (const { text, where, source } of texts) {
      if (!/\d/.test(text)) continue;
      for (const a of statedDepartmentAmounts(text)) {
        const table = t.budget[a.field];
        if (table === null || said.has(a.field) || Math.abs(table - a.fen) < a.digit) continue;
        said.add(a.field);
        (hits ??= []).push({
          field: 'departmentGoals',
          source,
          message: `第一部分${where}写明“${a.snippet}”，而部门整体支出绩效目标表的${AMOUNT_LABELS[a.field]}为${unitAmount(table, t)}`,
          suggestion: `核对两处金额：以批复的部门预算为准，改正第一部分或部门整体支出绩效目标表的${AMOUNT_LABELS[a.field]}。`,
        });
      }
    }
    return hits ?? NO_HITS;
  },
};

export const ARITHMETIC_RULES: Rule[] = [rowProduct, departmentParts, dutiesVsTotal, partOneDepartmentAmount];

/** Whether an indicator's own text states the whole product (budget.row-product judges it; the table's count is not needed). */
export function rowStatesProduct(indicator: Indicator, config: ReviewConfig): boolean {
  return indicator.description !== null && indicator.description !== '' && rowProductOf(indicator.name, indicator.description, config) !== null;
}
