/**
 * Stored review results. Whenever a document is imported or one of its projects saved, the
 * shared review (the same rules the browser runs) goes over the whole current document — rules
 * such as boilerplate across projects or part one against part two look beyond one project — and
 * each project keeps its quality score, grade, findings, finding count and finding categories, and
 * the document the department's score and the findings about it as a whole: the project list
 * filters and sorts on them, and the project and department pages show them without reviewing
 * the document again. Projects of superseded documents keep theirs.
 */
import type { ParsedDocument } from '../../../shared/domain/model';
import { countByCategory, reviewAndScore, type DocumentReview } from '../../../shared/review/report';
import { loadDocument, storeDocumentReview, type StoredDocumentReview } from '../../db/document.repository';
import { listProjectIdsOfDocument, storeProjectReviews, type ProjectReviewRow } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { documentInForce } from '../adjustments/in-force';

/** A score of 0–100 with two decimals as the stored hundredths: 87.5 → 8750. */
export function scoreToHundredths(score: number): number {
  return Math.round(score * 100);
}

/** Hundredths back to the score: 8750 → 87.5. */
export function scoreFromHundredths(hundredths: number | null): number | null {
  return hundredths === null ? null : hundredths / 100;
}

export interface ReviewForStorage {
  review: DocumentReview;
  /** Per project, in document order: what is stored with it (no project id yet). */
  projects: Omit<ProjectReviewRow, 'projectId'>[];
  /** What is stored with the document: the department's score and the findings about the whole document. */
  document: StoredDocumentReview;
}

/** Reviews a document and shapes the results for storing. Pure. */
export function reviewForStorage(doc: ParsedDocument): ReviewForStorage {
  const review = reviewAndScore(doc);
  const byProject = doc.projects.map(() => [] as DocumentReview['findings']);
  for (const f of review.findings) if (f.projectIndex !== null) byProject[f.projectIndex]?.push(f);
  return {
    review,
    projects: doc.projects.map((_, i) => {
      const score = review.projectScores[i]!;
      // a table whose reading is doubted gets no grade (issue 53): its reason is the table's reading, shown with it
      return {
        scoreHundredths: score.withheld === null ? scoreToHundredths(score.score) : null,
        grade: score.withheld === null ? score.grade : null,
        findingCount: byProject[i]!.length,
        findings: byProject[i]!,
        categories: Object.fromEntries(Object.entries(countByCategory(byProject[i]!)).filter(([, n]) => n > 0)),
      };
    }),
    document: documentReviewOf(review),
  };
}

/** The document's own part of a review: the department's score (none without projects) and the findings about the whole document. */
export function documentReviewOf(review: DocumentReview): StoredDocumentReview {
  const scored = review.doc.projects.length > 0 && review.departmentScore.withheld === null;
  return {
    scoreHundredths: scored ? scoreToHundredths(review.departmentScore.score) : null,
    grade: scored ? review.departmentScore.grade : null,
    findings: review.findings.filter((f) => f.projectIndex === null),
  };
}

/** Stores prepared results for a document and its projects (`projectIds` in document order), over the stored ones. */
export async function storeReviewResults(
  db: Db,
  prepared: ReviewForStorage,
  ids: { documentId: number; projectIds: readonly number[] },
): Promise<void> {
  const { documentId, projectIds } = ids;
  if (projectIds.length !== prepared.projects.length) {
    throw new Error(`storeReviewResults: ${projectIds.length} project ids for ${prepared.projects.length} projects`);
  }
  await storeProjectReviews(
    db,
    prepared.projects.map((p, i) => ({ ...p, projectId: projectIds[i]! })),
  );
  await storeDocumentReview(db, documentId, prepared.document);
}

/**
 * Loads a stored document, reviews it as it is in force — its projects with their approved 目标调整's targets and budget
 * (issue 71: what lists, scores and the dashboard's categories count after an adjustment) — and stores the results
 * over the stored ones; undefined when there is no such document.
 */
export async function reviewStoredDocument(db: Db, documentId: number): Promise<DocumentReview | undefined> {
  const doc = await loadDocument(db, documentId);
  if (doc === undefined) return undefined;
  const prepared = reviewForStorage(await documentInForce(db, documentId, doc));
  await storeReviewResults(db, prepared, { documentId, projectIds: await listProjectIdsOfDocument(db, documentId) });
  return prepared.review;
}
