/**
 * Chinese names shown by the web app: workflow statuses and actions, finding categories and
 * severities, roles, and the fields findings and comments are pinned to.
 */
import { anchorOf, CHECKPOINT_LABELS, INDICATOR_HEADERS, INDICATOR_COLUMNS, type IndicatorColumn } from '../../shared/domain/official-table';
import { CHECKPOINTS, type Checkpoint, type Project, type Severity } from '../../shared/domain/model';
import type { FindingCategory } from '../../shared/review/types';
import type { ProjectStatus, Role } from '../api/types';
import { ROLE_NAMES } from '../../shared/domain/duties';

export { ACTION_LABELS, actionDoneLabel, actionLabel, PROJECT_STATUSES as STATUSES, STATUS_LABELS } from '../../shared/domain/workflow';

/** antd Tag colours per status. */
export const STATUS_COLORS: Record<ProjectStatus, string> = {
  draft: 'default',
  unit_submitted: 'cyan',
  section_submitted: 'blue',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  issued: 'geekblue',
  published: 'purple',
};

export const CATEGORIES: readonly FindingCategory[] = ['missing', 'budget', 'schedule', 'taxonomy', 'unit', 'vague', 'duplicate', 'mismatch'];

export { CATEGORY_DESCRIPTIONS, CATEGORY_LABELS } from '../../shared/review/types';

/** The roles' names (shared/domain/duties.ts, pure; not USER_ROLE_LABELS of src/shared/api/auth.ts, which would bring zod along). */
export const ROLE_LABELS: Record<Role, string> = ROLE_NAMES;

export { SEVERITY_LABELS } from '../../shared/domain/model';
export const SEVERITY_COLORS: Record<Severity, string> = { error: 'red', warning: 'orange', info: 'blue' };


const PROJECT_FIELD_LABELS: Record<string, string> = {
  department: '单位',
  code: '项目编码',
  name: '项目名称',
  budget: '预算',
  'budget.total': '预算数',
  'budget.fiscal': '财政资金',
  'budget.other': '其他资金',
  purpose: '资金用途（项目概况）',
  spendingPlan: '资金支出计划',
  goals: '年度绩效目标',
  indicators: '绩效指标',
  departmentGoals: '部门整体绩效目标',
};

const COLUMN_LABELS = Object.fromEntries(INDICATOR_COLUMNS.map((c, i) => [c, INDICATOR_HEADERS[i]!])) as Record<IndicatorColumn, string>;

/**
 * The table cell a reviewer's comment is pinned to. Comments name fields as the API does
 * ("budget.total", "indicator:3.indicatorName", "indicator:3" for the whole row); cells use the
 * official table's anchors ("indicator:3.name").
 */
export function commentAnchor(field: string): string {
  const m = /^indicator:(\d+)(?:\.(\w+))?$/.exec(field);
  return m ? anchorOf({ field: m[2] ?? null, indicatorIndex: Number(m[1]) }) : anchorOf({ field, indicatorIndex: null });
}

/**
 * The Chinese name of a cell anchor or comment field ("name", "spendingPlan.06",
 * "indicator:2.target"), with the indicator's name when the project is given:
 * "指标3“培训人次”·指标值".
 */
export function anchorLabel(field: string, project?: Project): string {
  const anchor = /^indicator:/.test(field) ? commentAnchor(field) : field;
  const ind = /^indicator:(\d+)\.(\w+)$/.exec(anchor);
  if (ind) {
    const i = Number(ind[1]);
    const name = project?.indicators[i]?.name;
    const column = COLUMN_LABELS[ind[2] as IndicatorColumn] ?? ind[2];
    return `指标${i + 1}${name ? `“${name}”` : ''}·${column}`;
  }
  const plan = /^spendingPlan\.(\d\d)$/.exec(anchor);
  if (plan) return `资金支出计划·${CHECKPOINT_LABELS[plan[1] as Checkpoint] ?? plan[1]}`;
  return PROJECT_FIELD_LABELS[anchor] ?? anchor;
}

/**
 * The fields a reviewer can anchor a comment to, as the API names them (COMMENT_FIELD_PATTERN):
 * every field of the project — code, name, the three amounts, the purpose, the spending plan and
 * each of its checkpoints, the goals, the indicator list — then every cell of each indicator row
 * (一级, 二级, 三级, 描述, 指标值, 依据) and the row as a whole.
 */
export function commentFields(project: Project): { value: string; label: string }[] {
  const main = [
    'code',
    'name',
    'budget.total',
    'budget.fiscal',
    'budget.other',
    'purpose',
    'spendingPlan',
    ...CHECKPOINTS.map((c) => `spendingPlan.${c}`),
    'goals',
    'indicators',
  ].map((value) => ({ value, label: anchorLabel(value) }));
  const indicators = project.indicators.flatMap((ind, i) => [
    { value: `indicator:${i}`, label: `指标${i + 1}${ind.name ? `“${ind.name}”` : ''}（整行）` },
    ...(['level1', 'level2', 'indicatorName', 'description', 'target', 'basis'] as const).map((c) => {
      const value = `indicator:${i}.${c}`;
      return { value, label: anchorLabel(value, project) };
    }),
  ]);
  return [...main, ...indicators];
}
