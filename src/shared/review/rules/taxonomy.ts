import type { Rule } from '../types';

export const TAXONOMY_RULES: Rule[] = [];
