import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderRulesDoc } from '../../src/shared/review/rules-doc';
import { RULES } from '../../src/shared/review/rules/index';

it('docs/review-rules.md is generated from the rules and up to date (npm run docs:rules)', () => {
  const committed = readFileSync('docs/review-rules.md', 'utf8');
  expect(committed).toBe(renderRulesDoc());
  for (const rule of RULES) expect(committed).toContain(`\`${rule.id}\``);
  expect(committed).not.toContain('does not trigger the rule');
});
