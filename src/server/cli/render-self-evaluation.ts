/**
 * The 自评复核 part of `jixiao check` (issue 59): each submitted self-evaluation of a document with its
 * self-score beside Jixiao's, the gap, and its findings (category 自评复核) in table order.
 */
import { SEVERITY_LABELS, type ParsedDocument } from '../../shared/domain/model';
import { selectSelfEvaluationConfig } from '../../shared/domain/self-evaluation-config';
import { reviewSelfEvaluation, SELF_EVALUATION_CATEGORY, SELF_EVALUATION_RULES, selfEvaluationReviewJson, type SelfEvaluationReview } from '../../shared/domain/self-evaluation-review';
import type { SubmittedSelfEvaluation } from '../../shared/domain/submitted-self-evaluation';

export interface ReviewedSelfEvaluation {
  file: string;
  /** The table's number among the document's self-evaluations, from 1. */
  number: number;
  se: SubmittedSelfEvaluation;
  review: SelfEvaluationReview;
}

/** The 复核 of every self-evaluation a document holds, with its year's settings. */
export function reviewSelfEvaluations(doc: ParsedDocument): ReviewedSelfEvaluation[] {
  return (doc.selfEvaluations ?? []).map((se, k) => ({ file: doc.file, number: k + 1, se, review: reviewSelfEvaluation(se, selectSelfEvaluationConfig(se.year ?? doc.year)) }));
}

const points = (x: number | null) => (x === null ? '—' : `${x}分`);

export function renderSelfEvaluationReview({ file, number, se, review }: ReviewedSelfEvaluation): string {
  const lines = [
    `-- ${file}：自评表${number} ${se.project ?? '（未识别项目名称）'}${se.unit ? `，${se.unit}` : ''}，${se.year ?? '?'} 年度 --`,
    `   自评总分 ${points(review.selfScore)}${se.grade ? `（${se.grade}）` : ''}，${review.recomputed.total === null ? '读取存疑，未重新计分' : `复核得分 ${points(review.recomputed.total)}（${review.recomputed.grade}）`}，相差 ${review.gap === null ? '—' : `${review.gap > 0 ? '+' : ''}${review.gap}分`}；${SELF_EVALUATION_CATEGORY.label}问题 ${review.findings.length} 条`,
  ];
  for (const reason of review.withheld) lines.push(`   未核对：${reason}`);
  for (const d of se.reading.doubts) lines.push(`   读取存疑：${d.message}（${file}:${d.where.line}${d.where.ref ? ` ${d.where.ref}` : ''}）`);
  for (const f of review.findings) {
    const where = f.source ? `${file}:${f.source.line}${f.source.ref ? `（${f.source.ref}）` : ''}` : file;
    lines.push(`   [${SEVERITY_LABELS[f.severity]}] ${SELF_EVALUATION_CATEGORY.label} ${where} ${f.message}`, `          建议：${f.suggestion}（${SELF_EVALUATION_RULES[f.rule]}）`);
  }
  return lines.join('\n');
}

export const selfEvaluationCheckJson = (reviewed: ReviewedSelfEvaluation[]) => reviewed.map((r) => ({ file: r.file, table: r.number, ...selfEvaluationReviewJson(r.se, r.review) }));
