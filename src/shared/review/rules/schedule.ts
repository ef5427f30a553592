import type { Rule } from '../types';

export const SCHEDULE_RULES: Rule[] = [];
