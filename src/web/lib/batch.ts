/**
 * What a batch action (批量审核通过 / 公开 / 退回 …) did, row by row, and its summary: a row is
 * done (the server took the action), failed (the server refused it, with its reason) or skipped
 * (its status no longer allows the action, so it was not sent). The summary counts exactly these
 * rows, with the same reasons the rows show — never "完成 4 个，失败 0 个" beside rows that say they
 * could not be done. Pure.
 */
import { NO_LEVELS, transitionsOf, type ProjectStatus, type WorkflowAction } from '../../shared/domain/workflow';

export type BatchOutcome =
  | { id: number; kind: 'done'; message: string }
  | { id: number; kind: 'failed'; message: string }
  | { id: number; kind: 'skipped'; message: string };

export interface BatchSummary {
  done: number;
  /** Rows not done: refused by the server or skipped. */
  notDone: number;
  /** The one-line title: "公开完成 4 个，未公开 2 个". */
  title: string;
  /** Each reason a row was not done, with how many rows gave it, in first-seen order. */
  reasons: { message: string; count: number }[];
  type: 'success' | 'warning' | 'error';
}

/** The reason shown on a row whose status no longer allows the action. */
export const skippedMessage = (label: string): string => `状态已变，不能${label}`;

export function batchSummary(label: string, outcomes: readonly BatchOutcome[]): BatchSummary {
  const done = outcomes.filter((o) => o.kind === 'done').length;
  const notDone = outcomes.length - done;
  const reasons: { message: string; count: number }[] = [];
  for (const o of outcomes) {
    if (o.kind === 'done') continue;
    const r = reasons.find((x) => x.message === o.message);
    if (r) r.count++;
    else reasons.push({ message: o.message, count: 1 });
  }
  const title = notDone === 0 ? `${label}完成 ${done} 个` : `${label}完成 ${done} 个，未${label} ${notDone} 个`;
  return { done, notDone, title, reasons, type: notDone === 0 ? 'success' : done === 0 ? 'error' : 'warning' };
}

/** Whether a project in this status can take the action at all (any role, any levels): the batch buttons' guard. */
export function actionStartsFrom(action: WorkflowAction, status: ProjectStatus): boolean {
  const levels = action === 'submit' ? NO_LEVELS : { supervisorDepartmentId: 1, supervisorLevel: true };
  return transitionsOf(action, levels).some((t) => t.from.includes(status));
}

/**
 * The selection as it stands against the list now: the rows still listed (a project acted on or
 * moved meanwhile drops out), as the list has them now (their current status).
 */
export function currentSelection<T extends { id: number }>(selectedIds: readonly number[], items: readonly T[]): T[] {
  const ids = new Set(selectedIds);
  return items.filter((i) => ids.has(i.id));
}
