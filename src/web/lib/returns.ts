/**
 * Return rounds of a project (退回): each return with its general comment and the comments on
 * fields given with it, and whether the project was changed since the last return — what the
 * project page shows in its banner and comment list, and what 重新提交 waits for.
 */
import { COMMENT_FIELD_PATTERN } from '../../shared/api/projects';
import type { FieldComment, FindingView, ProjectRecord, ReviewComment, WorkflowEvent } from '../api/types';

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

/**
 * The review's findings of a project as a return's comments (由审核意见生成): each finding on a
 * field the comments can name becomes a comment on it (its message and suggestion); a finding on
 * no such field (the project as a whole, the department's targets) goes into the general comment.
 * The reviewer edits both before sending. Findings of one field stay separate comments.
 */
export function commentsFromFindings(findings: readonly Pick<FindingView, 'field' | 'indicatorIndex' | 'message' | 'suggestion'>[]): {
  comments: FieldComment[];
  general: string[];
} {
  const comments: FieldComment[] = [];
  const general: string[] = [];
  for (const f of findings) {
    const text = f.suggestion ? `${f.message}。建议：${f.suggestion}` : f.message;
    let field: string | null = null;
    if (f.indicatorIndex !== null) field = `indicator:${f.indicatorIndex}${f.field === null || f.field === 'indicators' ? '' : `.${f.field === 'name' ? 'indicatorName' : f.field}`}`;
    else if (f.field !== null) field = f.field;
    if (field !== null && !COMMENT_FIELD_PATTERN.test(field) && f.indicatorIndex !== null) field = `indicator:${f.indicatorIndex}`;
    if (field !== null && COMMENT_FIELD_PATTERN.test(field)) comments.push({ field, text });
    else general.push(text);
  }
  return { comments, general };
}
