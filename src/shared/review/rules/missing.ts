/**
 * missing — a required element is absent (完整性).
 */
import type { ProjectRule, Rule } from '../types';

const projectCode: ProjectRule = {
  id: 'missing.project-code',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '缺少项目编码',
  description: '每个预算项目都应有预算系统中的项目编码（地区码+年度+P+序号），否则无法与预算、执行和评价数据对应。',
  examples: {
    triggers: { description: '项目编码为空', patch: { project: { code: null } } },
    passes: { description: '项目编码“13020225P000000000001”', patch: {} },
  },
  check(project) {
    if (project.code) return [];
    return [
      {
        field: 'code',
        source: project.sources.code ?? project.source,
        message: `项目“${project.name}”缺少项目编码`,
        suggestion: '按预算系统中的项目编码补填（如 13020225P008911100023）。',
      },
    ];
  },
};

export const MISSING_RULES: Rule[] = [projectCode];
