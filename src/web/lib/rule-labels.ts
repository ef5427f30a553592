/**
 * A finding's rule by its Chinese title. Apart from the other labels (lib/labels.ts): the titles
 * live with the rules, and importing them brings every review rule into the bundle, which the
 * pages that show no findings (the public pages, the frame) must not load.
 */
import { ruleTitle } from '../../shared/review/rules/index';

/**
 * A finding's rule as shown on screen: its Chinese title (e.g. "指标值没有单位"); null for a rule this version does not
 * know (a finding stored by another version), never the rule's id, which no screen shows.
 * @example ruleLabel('unit.no-unit') // "指标值没有单位"
 */
export function ruleLabel(id: string): string | null {
  const title = ruleTitle(id);
  return title === id ? null : title;
}

