/**
 * Every review rule, in the order findings about the same place are listed. Each category has
 * its own file; a rule's id starts with its category.
 */
import type { Rule } from '../types';
import { ARITHMETIC_RULES } from './arithmetic';
import { BUDGET_RULES } from './budget';
import { DUPLICATE_RULES } from './duplicate';
import { GOAL_RULES } from './goals';
import { MISMATCH_RULES } from './mismatch';
import { MISSING_RULES } from './missing';
import { PLACEMENT_RULES } from './placement';
import { REPRESENTATION_RULES } from './representation';
import { SCHEDULE_RULES } from './schedule';
import { TAXONOMY_RULES } from './taxonomy';
import { UNIT_RULES } from './unit';
import { VAGUE_RULES } from './vague';

export const RULES: readonly Rule[] = [
  ...MISSING_RULES,
  ...BUDGET_RULES,
  ...ARITHMETIC_RULES,
  ...SCHEDULE_RULES,
  ...TAXONOMY_RULES,
  ...PLACEMENT_RULES,
  ...UNIT_RULES,
  ...VAGUE_RULES,
  ...DUPLICATE_RULES,
  ...MISMATCH_RULES,
  ...REPRESENTATION_RULES,
  ...GOAL_RULES,
];

/** A rule by id. */
export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/** Titles by rule id, made on first use. */
let titles: Map<string, string> | null = null;

/** A rule's Chinese name (its `title`) for people; the id itself for a rule not known here. */
export function ruleTitle(id: string): string {
  titles ??= new Map(RULES.map((r) => [r.id, r.title]));
  return titles.get(id) ?? id;
}
