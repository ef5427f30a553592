import type { Rule } from '../types';

export const DUPLICATE_RULES: Rule[] = [];
