/**
 * Return rounds of a project (退回): each return with its general comment and the comments on
 * fields given with it, and whether the project was changed since the last return — what the
 * project page shows in its banner and comment list, and what 重新提交 waits for.
 */
import type { ProjectRecord, ReviewComment, WorkflowEvent } from '../api/types';

export interface ReturnRound {
  /** 1 for the first return. */
  round: number;
  event: WorkflowEvent;
  comments: ReviewComment[];
}

/** The returns of a project, newest first, each with its comments; comments of no return (older data) apart. */
export function returnRounds(record: Pick<ProjectRecord, 'events' | 'comments'>): { rounds: ReturnRound[]; other: ReviewComment[] } {
  const returns = record.events.filter((e) => e.toStatus === 'returned').sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  const byEvent = new Map<number, ReviewComment[]>();
  const other: ReviewComment[] = [];
  for (const c of record.comments) {
    if (c.eventId !== null && returns.some((e) => e.id === c.eventId)) byEvent.set(c.eventId, [...(byEvent.get(c.eventId) ?? []), c]);
    else other.push(c);
  }
  const rounds = returns.map((event, i) => ({ round: i + 1, event, comments: byEvent.get(event.id) ?? [] }));
  return { rounds: rounds.reverse(), other };
}

/**
 * Whether a returned project was saved since its last return, from its audit log's first page
 * (newest first): a save (project.update) before the newest return entry. When the return is not
 * on the first page, more than a page of changes came after it: changed.
 */
export function changedSinceReturn(record: Pick<ProjectRecord, 'status' | 'audit'>): boolean {
  if (record.status !== 'returned') return false;
  for (const entry of record.audit.items) {
    if (entry.action === 'project.update') return true;
    if (entry.action === 'project.return') return false;
  }
  return true;
}
