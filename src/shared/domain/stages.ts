/**
 * The year's stages and their deadlines (issue 33), pure: what a stage is, and where a department
 * stands in one — 未开始 / 进行中 / 已完成 / 逾期 — from counts of its real data (the server counts
 * them; nothing here reads a clock: "today" is always an argument, a 'YYYY-MM-DD' China date).
 *
 * Done is derived, never stored:
 * - 申报 (declaration): every project of the department for the year (current documents) has been
 *   submitted or gone further (报主管部门, 已提交, 已审核, 已公开); a department without projects
 *   for the year has not started.
 * - 监控 (monitoring): every monitored project (已审核 / 已公开) has its execution record for the
 *   stage's round (its as-of date).
 * - 自评 (self-evaluation): every monitored project has a saved self-evaluation.
 * - 整改 (rectification): no open item (待整改 / 整改中) on the department's projects of the year;
 *   a department without items has nothing to rectify and is done.
 * Late (逾期) is not done on a day after the due date (the due date itself is still on time).
 */
import { dayNumber } from './rectification';
import { isWithin } from './region';

export const STAGE_KINDS = ['declaration', 'monitoring', 'self-evaluation', 'rectification'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const STAGE_KIND_LABELS: Readonly<Record<StageKind, string>> = {
  declaration: '目标申报',
  monitoring: '绩效监控',
  'self-evaluation': '绩效自评',
  rectification: '整改',
};

export function isStageKind(value: string): value is StageKind {
  return (STAGE_KINDS as readonly string[]).includes(value);
}

export const STAGE_STATES = ['done', 'in-progress', 'not-started', 'overdue'] as const;
export type StageState = (typeof STAGE_STATES)[number];

export const STAGE_STATE_LABELS: Readonly<Record<StageState, string>> = {
  done: '已完成',
  'in-progress': '进行中',
  'not-started': '未开始',
  overdue: '逾期',
};

/**
 * What the server counts of one department for one stage: `total` the things to do (projects, or
 * 整改 items), `done` those done, `started` those begun (done ones included; for 整改 an item
 * with progress recorded).
 */
export interface StageFacts {
  total: number;
  done: number;
  started: number;
}

export const NO_FACTS: StageFacts = { total: 0, done: 0, started: 0 };

/** Whether the department has done the stage. */
export function isStageDone(kind: StageKind, facts: StageFacts): boolean {
  if (kind === 'rectification') return facts.done >= facts.total;
  return facts.total > 0 && facts.done >= facts.total;
}

/**
 * Calendar days from `today` to the due date: 0 on the due date, negative after it. Throws on a
 * date that is not one (the server checks dates before storing them).
 */
export function daysLeft(dueOn: string, today: string): number {
  const due = dayNumber(dueOn);
  const now = dayNumber(today);
  if (due === null || now === null) throw new Error(`not a date: ${due === null ? dueOn : today}`);
  return due - now;
}

/** A department's state in a stage on `today`. */
export function stageState(kind: StageKind, facts: StageFacts, dueOn: string, today: string): StageState {
  if (isStageDone(kind, facts)) return 'done';
  if (daysLeft(dueOn, today) < 0) return 'overdue';
  return facts.started > 0 || facts.done > 0 ? 'in-progress' : 'not-started';
}

/** "剩余 3 天", "今天截止", "已逾期 2 天"; a done stage needs none (null). */
export function deadlineText(state: StageState, dueOn: string, today: string): string | null {
  if (state === 'done') return null;
  const left = daysLeft(dueOn, today);
  if (left > 0) return `剩余 ${left} 天`;
  if (left === 0) return '今天截止';
  return `已逾期 ${-left} 天`;
}

export type StageCounts = Record<StageState, number>;

/** How many departments are in each state. */
export function countStates(states: readonly StageState[]): StageCounts {
  const counts: StageCounts = { done: 0, 'in-progress': 0, 'not-started': 0, overdue: 0 };
  for (const s of states) counts[s] += 1;
  return counts;
}

/** A stage's name: its label when it has one ("6月底"), else its kind's; a monitoring stage's with its round. */
export function stageTitle(stage: { kind: StageKind; label: string | null; roundAsOf: string | null; year: number }): string {
  const kind = STAGE_KIND_LABELS[stage.kind];
  if (stage.label) return `${stage.year}年${kind}（${stage.label}）`;
  if (stage.kind === 'monitoring' && stage.roundAsOf) return `${stage.year}年${kind}（截至${stage.roundAsOf}）`;
  return `${stage.year}年${kind}`;
}

export interface StageInput {
  kind: string;
  year: number;
  roundAsOf?: string | null;
  label?: string | null;
  opensOn: string;
  dueOn: string;
}

export const MAX_STAGE_LABEL = 40;

/** What is wrong with a stage's fields, in Chinese; empty when it may be stored. */
export function stageIssues(input: StageInput): string[] {
  const issues: string[] = [];
  if (!isStageKind(input.kind)) issues.push(`阶段类型“${input.kind}”不存在`);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) issues.push('年度应为 2000–2100 之间的整数');
  const opens = dayNumber(input.opensOn);
  const due = dayNumber(input.dueOn);
  if (opens === null) issues.push(`开始日期“${input.opensOn}”不是有效日期（YYYY-MM-DD）`);
  if (due === null) issues.push(`截止日期“${input.dueOn}”不是有效日期（YYYY-MM-DD）`);
  if (opens !== null && due !== null && due < opens) issues.push('截止日期不能早于开始日期');
  if (input.kind === 'monitoring') {
    if (!input.roundAsOf) issues.push('绩效监控阶段须指定监控时点（如 2025-06-30）');
    else if (dayNumber(input.roundAsOf) === null) issues.push(`监控时点“${input.roundAsOf}”不是有效日期（YYYY-MM-DD）`);
    else if (Number(input.roundAsOf.slice(0, 4)) !== input.year) issues.push('监控时点应在该年度内');
  } else if (input.roundAsOf) {
    issues.push('只有绩效监控阶段有监控时点');
  }
  if (input.label !== undefined && input.label !== null && input.label.trim().length > MAX_STAGE_LABEL) issues.push(`名称不超过 ${MAX_STAGE_LABEL} 个字`);
  return issues;
}

/** Whether a stage (region null: the whole installation) applies to a department of `departmentRegion`. */
export function stageAppliesTo(stageRegion: string | null, departmentRegion: string | null): boolean {
  if (stageRegion === null) return true;
  return departmentRegion !== null && isWithin(departmentRegion, stageRegion);
}
