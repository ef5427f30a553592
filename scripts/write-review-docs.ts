// Writes docs/review-rules.md from the rule definitions (npm run docs:rules).
import { writeFileSync } from 'node:fs';
import { renderRulesDoc } from '../src/shared/review/rules-doc';

writeFileSync('docs/review-rules.md', renderRulesDoc());
console.log('docs/review-rules.md written');
