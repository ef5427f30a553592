/**
 * What kind of quantity a target's unit is: a percentage, money, a count, a time, a measure.
 */
import type { TargetValue } from '../domain/model';
import type { ReviewConfig, UnitFamily } from './config';
import { perText } from './memo';

const FAMILY_ORDER: UnitFamily[] = ['percent', 'money', 'time', 'measure', 'count'];

/**
 * The family of a unit; a compound unit ("万元/个", "元/人/月") by its first part.
 * @example unitFamily("万元/队/年", DEFAULT_REVIEW_CONFIG) // "money"
 */
export function unitFamily(unit: string | null, config: ReviewConfig): UnitFamily | null {
  return unit === null ? null : familyOfUnit(unit, config);
}

/** Every rule asks this of every target's unit: answered once per settings and unit. */
const familyOfUnit = perText((unit, config): UnitFamily | null => {
  const head = unit.split('/')[0]!.trim();
  for (const family of FAMILY_ORDER) {
    if (config.unitFamilies[family].includes(head)) return family;
  }
  // a magnitude before a unit ("2.1万人", "4.2万剂次", "1.5亿立方米") counts what the unit counts
  const bare = head.replace(/^[万亿千百]/, '');
  if (bare !== head && bare !== '') {
    for (const family of FAMILY_ORDER) {
      if (config.unitFamilies[family].includes(bare)) return family;
    }
  }
  return null;
});

/** The family of a quantitative target's unit; null for other kinds or no unit. */
export function targetFamily(target: TargetValue, config: ReviewConfig): UnitFamily | null {
  return target.kind === 'quantitative' ? unitFamily(target.unit, config) : null;
}

export const FAMILY_NAMES: Record<UnitFamily, string> = {
  percent: '百分比',
  money: '金额',
  count: '计数（个、人、次……）',
  time: '时间（天、月、年……）',
  measure: '计量（平方米、公里……）',
};
