/**
 * A value in another representation (issue 30 §3): a percentage a spreadsheet stored as a fraction ("1" for 100%,
 * "0.95" for 95%: unit.no-unit reads it so and never suggests "1%"), and a target that contradicts the percentage its
 * own description or explanation (指标解释, 指标说明) states for it.
 */
import type { Indicator } from '../../domain/model';
import { compactLabel } from '../../domain/text';
import type { ReviewConfig } from '../config';
import type { RowFacts } from '../facts';
import { perPair } from '../memo';
import type { IndicatorRule, Rule } from '../types';
import { NO_HITS } from '../types';

/** The headers of extra columns that explain an indicator (指标解释, 指标说明 …). */
const EXPLAINS = /解释|说明|描述|含义/;

/** Words in a clause that make its percentage something else than the target: a formula, a pass mark, a change, a weight. */
const NOT_TARGET = /[×*xX]|乘以|乘|除以|合格线|合格分|合格标准|为合格|即合格|算合格|及格|得分|扣分|分值|权重|视为|计为|记为|增长|增加|提高|下降|减少|降低|同比|较上年|上年|每|以下的|以上的|未达到|低于.*的|超过.*的/;

/** A percentage stated as a target for the rate ("拨付率达到100%", "及时率不低于95%"). */
const STATED = /(达到|达|为|是|不低于|不少于|高于|≥|>=|大于等于|确保|保持|实现|要求)?(\d+(?:\.\d+)?)[%％]/g;

const ANY_PERCENT = /(\d+(?:\.\d+)?)[%％]/g;

/**
 * The one percentage an explanation states as the target of the rate the name ends with ("资金拨付率" → a clause with
 * "拨付率" and "达到100%"), null when none or several. A bare explanation ("100%", "达到100%") states it too.
 * Read once per distinct name and explanation.
 */
const statedPercent = perPair((name: string, explanation: string, _config: ReviewConfig): { value: number; clause: string } | null => {
  const n = compactLabel(name).replace(/[（(][^（）()]*[)）]$/, '');
  const rateAt = Math.max(n.lastIndexOf('率'), n.lastIndexOf('满意度'));
  if (rateAt < 0 || n.length - rateAt > 3) return null;
  const end = n.endsWith('满意度') ? n.length : rateAt + 1;
  const rate = n.slice(Math.max(0, end - 3), end); // "拨付率", "满意度"
  const t = compactLabel(explanation);
  // every percentage but a formula's (×100%) must be the same one: milestones ("上半年50%，全年100%") say no single target
  let only: string | null = null;
  for (const m of t.matchAll(ANY_PERCENT)) {
    if (/[×*xX]$|乘以?$/.test(t.slice(Math.max(0, m.index - 2), m.index))) continue;
    if (only !== null && Number(only) !== Number(m[1])) return null;
    only = m[1]!;
  }
  let found: { value: number; clause: string } | null = null;
  for (const clause of t.split(/[，,。；;\n]/)) {
    if (!clause.includes('%') && !clause.includes('％')) continue;
    const bare = /^(?:达到|达|为|不低于|≥)?\d+(?:\.\d+)?[%％]$/.test(clause);
    // the clause names the rate, or says what the rate is a share of with the rate's own word ("验收合格的项目占比达到
    // 100%" for 验收合格率)
    if (!bare && !clause.includes(rate) && !(n.endsWith('率') && clause.includes(rate.slice(-3, -1)) && /占比|比例|比率|比重/.test(clause))) continue;
    if (NOT_TARGET.test(clause)) continue;
    for (const m of clause.matchAll(STATED)) {
      const value = Number(m[2]);
      if (!(value > 0 && value <= 100)) return null;
      if (found !== null && found.value !== value) return null;
      found = { value, clause };
    }
  }
  return found;
});

/** What explains an indicator: its description and the cells of its explaining columns, joined. */
function explanationOf(indicator: Indicator): string {
  let text = indicator.description ?? '';
  for (const extra of indicator.extras) if (extra.text !== '' && EXPLAINS.test(extra.header)) text += `。${extra.text}`;
  return text;
}

/** A target as a percentage: "95%", or a bare fraction a spreadsheet stored ("0.95", "1"); null otherwise. */
export function targetPercent(row: RowFacts): number | null {
  const t = row.indicator.target;
  if (t.kind !== 'quantitative' || t.value === null) return null;
  if (t.unit === '%') return t.value;
  if (t.unit === null && t.value > 0 && t.value <= 1) return Math.round(t.value * 10000) / 100;
  return null;
}

const targetVsExplanation: IndicatorRule = {
  id: 'mismatch.target-vs-explanation',
  category: 'mismatch',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '指标值与指标描述（解释）中的目标不一致',
  description:
    '指标描述或指标解释写明了该比率要达到的数（“资金拨付率达到100%”），指标值却是另一个数（“≥90%”），两处必有一处错，年底无法确定按哪个评价。' +
    '只比较描述中与指标名称同一比率（名称末尾的“拨付率”“满意度”等）或只写了一个百分数的分句；计算公式（“×100%”）、合格线、增减幅度不比较。' +
    '表格把100%存成“1”、95%存成“0.95”时按100%、95%比较，不算矛盾。',
  examples: {
    triggers: {
      description: '质量指标“活动完成率”描述“活动完成率达到100%”，指标值“≥90%”',
      patch: { indicators: [{ at: 1, description: '活动完成率达到100%', target: '≥90%' }] },
    },
    passes: {
      description: '质量指标“活动完成率”描述“活动完成率=已完成活动/计划活动×100%”，指标值“≥90%”',
      patch: { indicators: [{ at: 1, description: '活动完成率=已完成活动/计划活动×100%', target: '≥90%' }] },
    },
  },
  check(indicator, _project, { config }, row) {
    const value = targetPercent(row);
    if (value === null) return NO_HITS;
    const explanation = explanationOf(indicator);
    if (explanation === '' || !(explanation.includes('%') || explanation.includes('％'))) return NO_HITS;
    const stated = statedPercent(indicator.name, explanation, config);
    if (stated === null || Math.abs(stated.value - value) < 0.005) return NO_HITS;
    return [
      {
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        message: `指标“${indicator.name}”的指标值“${indicator.target.raw}”与描述中的“${stated.clause.length > 30 ? `${stated.clause.slice(0, 30)}…` : stated.clause}”（${stated.value}%）不一致`,
        suggestion: `使指标值与描述一致：按描述改为“${indicator.target.operator === '≥' ? '≥' : ''}${stated.value}%”，或改正描述中的目标。`,
      },
    ];
  },
};

export const REPRESENTATION_RULES: Rule[] = [targetVsExplanation];
