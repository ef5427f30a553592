/**
 * docs/review-rules.md, generated from the rule definitions: each rule's category, severity,
 * criterion, description, and its examples run through the engine — the message and the fix
 * shown are what the rule really says. A test keeps the committed file equal to this output.
 */
import { DEFAULT_REVIEW_CONFIG } from './config';
import { reviewDocument } from './engine';
import { buildExampleDocument, exampleConfig } from './examples';
import { RULES } from './rules/index';
import { FINDING_CATEGORIES, type FindingCategory, type Rule } from './types';

const CATEGORY_TITLES: Record<FindingCategory, string> = {
  missing: 'missing — 缺项：必填要素缺失',
  budget: 'budget — 金额不平：资金数额对不上',
  schedule: 'schedule — 支出计划不规范',
  taxonomy: 'taxonomy — 指标类别不规范或错位',
  unit: 'unit — 指标值的单位或类型与指标类别不符',
  vague: 'vague — 指标值无法衡量',
  duplicate: 'duplicate — 指标重复或照抄',
  mismatch: 'mismatch — 文档自相矛盾',
};

const SEVERITY_NAMES = { error: 'error（错误）', warning: 'warning（警告）', info: 'info（提示）' } as const;

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function ruleSection(rule: Rule): string[] {
  const hit = reviewDocument(buildExampleDocument(rule.examples.triggers.patch), { rules: [rule], config: exampleConfig(rule.examples.triggers) })[0];
  return [
    `### \`${rule.id}\` ${rule.title}`,
    '',
    `| category | severity | criterion | scope |`,
    `|---|---|---|---|`,
    `| ${rule.category} | ${SEVERITY_NAMES[rule.severity]} | ${rule.criterion} | ${rule.scope} |`,
    '',
    rule.description,
    '',
    `- **Triggers:** ${escapeCell(rule.examples.triggers.description)}`,
    `  - finding: ${hit ? `[${hit.severity}] ${escapeCell(hit.message)}` : '(none — the example does not trigger the rule)'}`,
    `  - fix: ${hit ? escapeCell(hit.suggestion) : ''}`,
    `- **Passes:** ${escapeCell(rule.examples.passes.description)}`,
    '',
  ];
}

/** The whole of docs/review-rules.md. */
export function renderRulesDoc(): string {
  const config = DEFAULT_REVIEW_CONFIG;
  const lines = [
    '# Review rules (审核规则)',
    '',
    '<!-- Generated from src/shared/review/rules by `npm run docs:rules`; do not edit by hand. -->',
    '',
    'Every finding carries exactly one category, one severity (error / warning / info) and the review',
    'criterion of 财预〔2015〕88号 it applies (完整性 / 相关性 / 适当性 / 可行性). Thresholds, word lists,',
    `unit families and severities are settings (src/shared/review/config.ts, here \`${config.id}\`), per region and year.`,
    'Each example below is run through the engine when this file is generated: the finding and the fix',
    'are the rule\'s own words.',
    '',
    `${RULES.length} rules:`,
    '',
    '| rule | category | severity | criterion | title |',
    '|---|---|---|---|---|',
    ...RULES.map((r) => `| \`${r.id}\` | ${r.category} | ${r.severity} | ${r.criterion} | ${r.title} |`),
    '',
    '## Quality score',
    '',
    `A project starts at 100 and loses ${config.scoring.deduction.error} points per error, ${config.scoring.deduction.warning} per warning and`,
    `${config.scoring.deduction.info} per info, at most ${config.scoring.capPerRule} points to one rule. A department's score is its projects' scores`,
    'weighted by budget, less its document-level findings. Outcome: ' +
      config.scoring.bands.map((b) => `${b.grade} ≥ ${b.min}`).join(', ') +
      ' (lifecycle.md: 优 goes on to the budget; 良 the reviewer completes it with the unit; 中 the unit revises and resubmits; 差 does not enter the budget).',
    '',
  ];
  for (const category of FINDING_CATEGORIES) {
    const rules = RULES.filter((r) => r.category === category);
    lines.push(`## ${CATEGORY_TITLES[category]}`, '');
    if (rules.length === 0) lines.push('(no rules yet)', '');
    for (const rule of rules) lines.push(...ruleSection(rule));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
