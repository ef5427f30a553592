import type { Rule } from '../types';

export const VAGUE_RULES: Rule[] = [];
