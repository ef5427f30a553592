import type { Rule } from '../types';

export const MISMATCH_RULES: Rule[] = [];
