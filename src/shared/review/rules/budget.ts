import type { Rule } from '../types';

export const BUDGET_RULES: Rule[] = [];
