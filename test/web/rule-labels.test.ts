/**
 * Findings on screen name their rule in Chinese (issue 30 §4): the rule's title, never its id.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/shared/review/rules/index';
import type { FindingView } from '../../src/web/api/types';
import { FindingList } from '../../src/web/components/finding-list';
import { ruleLabel } from '../../src/web/lib/rule-labels';

const finding = (rule: string): FindingView => ({
  rule,
  category: 'unit',
  severity: 'warning',
  projectIndex: 0,
  indicatorIndex: 0,
  field: 'target',
  source: { line: 12 },
  message: '满意度指标“服务对象满意度”的指标值“≥90”没有单位',
  suggestion: '改写为“≥90%”。',
} as FindingView);

describe('ruleLabel', () => {
  it('gives every rule its Chinese title, with no Latin letters', () => {
    for (const rule of RULES) {
      expect(ruleLabel(rule.id)).toBe(rule.title);
      expect(rule.title, rule.id).not.toMatch(/[a-z]/i);
    }
  });

  it('gives nothing, not the id, for a rule this version does not know', () => {
    expect(ruleLabel('unit.retired-rule')).toBeNull();
  });
});

describe('FindingList', () => {
  it('shows the rule’s title and no rule id as text', () => {
    const html = renderToStaticMarkup(createElement(FindingList, { findings: [finding('unit.no-unit'), finding('unit.retired-rule')] }));
    expect(html).toContain(`>${ruleLabel('unit.no-unit')}<`);
    const text = html.replace(/<[^>]*>/g, ' ');
    expect(text).not.toMatch(/unit\.no-unit|unit\.retired-rule/);
    expect(text).toContain('没有单位');
  });
});
