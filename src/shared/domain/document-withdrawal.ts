/**
 * 撤回导入 (issue 54): a document stored by mistake is taken back — its projects with everything stored
 * with them, and the department its import created when nothing else uses it — as long as nobody has
 * worked on its projects since the import. What counts as work, said in words; who may withdraw; the
 * reason's bounds. Pure: the server decides with it (modules/documents), the browser shows its words.
 */
import { STATUS_LABELS, type ProjectStatus } from './workflow';

/** The longest reason a withdrawal takes, in characters. */
export const MAX_WITHDRAW_REASON = 500;

/**
 * What has been done to a document's projects since they were imported, counted per kind (0: none):
 * every table of the schema that refers to a project and is written by a person's work on it.
 */
export interface DocumentWork {
  /** The projects by status: only 草稿 is no work. */
  statuses: Partial<Record<ProjectStatus, number>>;
  /** Projects saved after the import (their version moved on, or a save recorded its time). */
  edited: number;
  /** Workflow steps (workflow_event). */
  workflowEvents: number;
  /** Reviewers' comments on fields (review_comment). */
  reviewComments: number;
  /** Monitoring rounds (execution_record). */
  executionRecords: number;
  selfEvaluations: number;
  resultsDecisions: number;
  /** 事前绩效评估 (ex_ante_assessment). */
  exAnte: number;
  /** 整改 items (rectification_item). */
  rectifications: number;
  /** 目标调整 requests (target_adjustment). */
  adjustments: number;
  /** Projects another project was carried over from (carry_over.source_project_id): next year's draft builds on them. */
  carriedOver: number;
  /** Projects issued in a 批复 batch (project.approval_batch_id). */
  issued: number;
}

/** No work at all: what a document's projects hold right after their import. */
export const NO_WORK: DocumentWork = {
  statuses: {},
  edited: 0,
  workflowEvents: 0,
  reviewComments: 0,
  executionRecords: 0,
  selfEvaluations: 0,
  resultsDecisions: 0,
  exAnte: 0,
  rectifications: 0,
  adjustments: 0,
  carriedOver: 0,
  issued: 0,
};

/** Each kind of work but the statuses, in the words of a refusal. */
const WORK_WORDS: readonly [Exclude<keyof DocumentWork, 'statuses'>, (n: number) => string][] = [
  ['edited', (n) => `${n} 个项目导入后已修改`],
  ['workflowEvents', (n) => `有 ${n} 条审核流转记录`],
  ['reviewComments', (n) => `有 ${n} 条审核意见`],
  ['executionRecords', (n) => `有 ${n} 次执行监控填报`],
  ['selfEvaluations', (n) => `${n} 个项目已填绩效自评`],
  ['resultsDecisions', (n) => `${n} 个项目已确定结果运用`],
  ['exAnte', (n) => `${n} 个项目已有事前绩效评估`],
  ['rectifications', (n) => `有 ${n} 个整改事项`],
  ['adjustments', (n) => `有 ${n} 个目标调整申请`],
  ['carriedOver', (n) => `${n} 个项目已被用来编制下年目标`],
  ['issued', (n) => `${n} 个项目已批复`],
];

/** The work done, each kind as a phrase ("项目已不是草稿（已提交 2 个）", "有 3 条审核意见"); [] when none. */
export function workDone(work: DocumentWork): string[] {
  const out: string[] = [];
  const moved = (Object.entries(work.statuses) as [ProjectStatus, number][]).filter(([status, n]) => status !== 'draft' && n > 0);
  if (moved.length > 0) out.push(`项目已不是草稿（${moved.map(([status, n]) => `${STATUS_LABELS[status]} ${n} 个`).join('、')}）`);
  for (const [kind, words] of WORK_WORDS) if (work[kind] > 0) out.push(words(work[kind]));
  return out;
}

/** Why a withdrawal is refused: not this account's to withdraw (403), no longer current (409), or worked on (409). */
export type WithdrawalBlockerCode = 'not-allowed' | 'not-current' | 'worked-on';

export interface WithdrawalBlocker {
  code: WithdrawalBlockerCode;
  message: string;
}

/** Who the refusal of an account that may not withdraw names. */
export const NOT_ALLOWED_MESSAGE = '只有导入该文件的账号或本区划的财政局绩效科可以撤回导入';

/** The refusal of a document that is history: another version replaced it. */
export function notCurrentMessage(file: string): string {
  return `文件“${file}”已被新导入的版本替换，不是现行版本，不能撤回`;
}

/** The refusal of a document whose projects someone worked on: what was done. */
export function workedOnMessage(done: readonly string[]): string {
  return `已有人处理过，不能撤回：${done.join('；')}`;
}

/** The refusal of `jixiao documents withdraw` for a document an account imported. */
export const NOT_ALLOWED_ON_COMMAND_LINE_MESSAGE = '命令行只能撤回在命令行导入（未使用账号）的文件；账号导入的文件由导入人或本区划的财政局绩效科在系统中撤回';

/**
 * Who withdraws: a signed-in account, or the server's operator on the command line (`jixiao
 * documents withdraw`), who may take back only what was imported without an account (`jixiao
 * import`, the demo loader), as `jixiao import` stores it.
 */
export type Withdrawer = { id: number; role: string } | 'cli';

/**
 * Whether `by` may withdraw at all (before what was done to the document): the account that
 * imported it, or the finance bureau's performance section (reviewer) of a region that covers its
 * department — the caller checks the region (the account sees the department). Only the roles that
 * import: never an administrator (三员分立), nor a 主管部门's or a business section's account.
 */
export function mayWithdraw(by: Withdrawer, importerUserId: number | null): boolean {
  if (by === 'cli') return importerUserId === null;
  if (by.role === 'reviewer') return true;
  return by.role === 'editor' && importerUserId !== null && importerUserId === by.id;
}

/** What a withdrawal would do (or did), as the server plans it: the file, its counts, the versions current again, the department removed. */
export interface WithdrawalEffects {
  fileName: string;
  projects: number;
  indicators: number;
  restores: readonly { fileName: string; importedAt: string }[];
  removesDepartment: { code: string | null; name: string } | null;
  /** Submitted 自评表 matched to its projects, unlinked by it (issue 72). */
  unlinksSelfEvaluations: number;
}

/**
 * What a withdrawal removes and restores, one sentence each, for the confirmation (the browser's
 * dialog, `jixiao withdraw`): `when` writes a time of import as people read it.
 */
export function withdrawalEffectLines(effects: WithdrawalEffects, when: (iso: string) => string): string[] {
  const lines = [
    `删除文件“${effects.fileName}”及其 ${effects.projects} 个项目、${effects.indicators} 个指标，以及一并保存的资金支出计划、审核发现、部门整体目标和导入诊断`,
  ];
  for (const d of effects.restores) lines.push(`恢复被它替换的原版本“${d.fileName}”（${when(d.importedAt)} 导入）为现行版本`);
  const dep = effects.removesDepartment;
  if (dep !== null) lines.push(`删除导入时新建、别无他用的单位“${dep.name}”${dep.code === null ? '' : `（编码 ${dep.code}）`}`);
  if (effects.unlinksSelfEvaluations > 0) lines.push(`已匹配到这些项目的 ${effects.unlinksSelfEvaluations} 张项目支出绩效自评表将不再与项目关联（自评表及其复核结论保留）`);
  return lines;
}
