/**
 * The editor's live review: the document as it would be saved — the stored document with the
 * edited project in its place, built by the shared applyProjectInput the server saves with — run
 * through the same shared rule engine and score. What the editor shows is what the server stores.
 */
import { applyProjectInput } from '../../shared/api/project-input';
import type { ProjectInputParsed } from '../../shared/api/projects';
import { getFramework, selectFramework, type IndicatorFramework } from '../../shared/domain/framework';
import type { ParsedDocument, Project } from '../../shared/domain/model';
import { documentRegion } from '../../shared/review/engine';
import { reviewAndScore } from '../../shared/review/report';
import type { QualityScore } from '../../shared/review/score';
import type { Finding } from '../../shared/review/types';

export interface LiveReview {
  /** The edited project as the server will store it (categories normalised, targets parsed). */
  project: Project;
  /** This project's findings, in document order. */
  findings: Finding[];
  score: QualityScore | null;
}

/** The framework a document's categories are normalised against, as the review engine picks it. */
export function frameworkOf(doc: ParsedDocument): IndicatorFramework {
  return getFramework(doc.frameworkVersion) ?? selectFramework(doc.year, documentRegion(doc));
}

/** Reviews the document `context` with its project `projectIndex` replaced by the edited `input`. */
export function liveReview(context: ParsedDocument, projectIndex: number, input: ProjectInputParsed): LiveReview {
  const base = context.projects[projectIndex];
  if (!base) throw new RangeError(`project ${projectIndex} is not in the document`);
  const project = applyProjectInput(base, input, frameworkOf(context));
  const doc: ParsedDocument = { ...context, projects: context.projects.map((p, i) => (i === projectIndex ? project : p)) };
  const review = reviewAndScore(doc);
  return {
    project,
    findings: review.findings.filter((f) => f.projectIndex === projectIndex),
    score: review.projectScores[projectIndex] ?? null,
  };
}
