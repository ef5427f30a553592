/**
 * unit — the target's unit or kind does not fit the indicator's category (相关性).
 */
import type { IndicatorRule, Rule } from '../types';
import { targetFamily } from '../units';

const satisfactionNotPercent: IndicatorRule = {
  id: 'unit.satisfaction-not-percent',
  category: 'unit',
  severity: 'error',
  criterion: '相关性',
  scope: 'indicator',
  title: '满意度不是百分比',
  description: '满意度指标衡量满意的受益对象占调查对象的比例，指标值应为百分比（如 ≥90%），不能是人数、次数或无单位的数字。',
  examples: {
    triggers: { description: '满意度指标“工作人员满意度”指标值“≥95人”', patch: { indicators: [{ at: 5, name: '工作人员满意度', target: '≥95人' }] } },
    passes: { description: '满意度指标“居民满意度”指标值“≥90%”', patch: {} },
  },
  check(indicator, _project, { config }) {
    if (indicator.level1 !== config.satisfaction.level1 || indicator.target.kind !== 'quantitative') return [];
    if (targetFamily(indicator.target, config) === 'percent') return [];
    const raw = indicator.target.raw;
    return [
      {
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        message: `满意度指标“${indicator.name}”的指标值“${raw}”不是百分比`,
        suggestion: `改为满意比例，如“≥${indicator.target.value !== null && indicator.target.value <= 100 ? indicator.target.value : 90}%”。`,
      },
    ];
  },
};

export const UNIT_RULES: Rule[] = [satisfactionNotPercent];
