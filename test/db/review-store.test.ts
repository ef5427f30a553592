import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/server/db/document.repository';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { reviewStoredDocument } from '../../src/server/modules/review-store/review-store.service';
import { countByCategory, reviewAndScore } from '../../src/shared/review/report';
import { importFixture } from '../server/domain-support';
import { buildParsedDocument } from '../factories';
import { useTestDatabase } from './helpers';

async function storedReviews(db: Awaited<ReturnType<typeof useTestDatabase>>, documentId: number) {
  const projects = await db
    .selectFrom('project')
    .leftJoin('projectFindings as f', 'f.projectId', 'project.id')
    .select(['id', 'qualityScore', 'qualityGrade', 'findingCount', 'f.findings'])
    .where('documentId', '=', documentId)
    .orderBy('position')
    .execute();
  const categories = await db
    .selectFrom('projectFindingCategory')
    .selectAll()
    .where('projectId', 'in', projects.map((p) => p.id))
    .execute();
  return projects.map((p) => ({
    score: p.qualityScore,
    grade: p.qualityGrade,
    findings: p.findingCount,
    findingList: JSON.parse(p.findings!) as unknown,
    categories: Object.fromEntries(categories.filter((c) => c.projectId === p.id).map((c) => [c.category, c.count])),
  }));
}

describe('stored review results', () => {
  it('are written on import: the shared review of the whole document, per project', async () => {
    const db = await useTestDatabase();
    const fx = await importFixture(db, 'f003');
    const doc = (await loadDocument(db, fx.documentId))!;
    const review = reviewAndScore(doc);
    const expected = doc.projects.map((_, i) => {
      const own = review.findings.filter((f) => f.projectIndex === i);
      return {
        score: Math.round(review.projectScores[i]!.score * 100),
        grade: review.projectScores[i]!.grade,
        findings: own.length,
        // the findings themselves, as JSON gives them back (undefined fields dropped)
        findingList: JSON.parse(JSON.stringify(own)) as unknown,
        categories: Object.fromEntries(Object.entries(countByCategory(own)).filter(([, n]) => n > 0)),
      };
    });
    expect(await storedReviews(db, fx.documentId)).toStrictEqual(expected);
    // fixture 003 has bare numbers without units: its projects have unit findings
    expect(expected.some((p) => (p.categories as Record<string, number>).unit! > 0)).toBe(true);
  });

  it('are replaced when the document is reviewed again, and kept by a superseded document', async () => {
    const db = await useTestDatabase();
    const first = await storeDocument(db, buildParsedDocument());
    const before = await storedReviews(db, first.documentId);
    // the project table is graded; the 公用经费 table, of which no indicator was read, is not (issue 73)
    expect(before.map((p) => p.score !== null)).toEqual([true, false]);

    // Spoil the stored values, then review again: they come back, category rows not doubled.
    await db.updateTable('project').set({ qualityScore: 1, findingCount: 99 }).where('documentId', '=', first.documentId).execute();
    await db.updateTable('projectFindings').set({ findings: '[]' }).execute();
    await reviewStoredDocument(db, first.documentId);
    expect(await storedReviews(db, first.documentId)).toStrictEqual(before);

    const second = await storeDocument(db, buildParsedDocument());
    expect(second.status).toBe('replaced');
    expect(await storedReviews(db, first.documentId)).toStrictEqual(before);
    expect((await storedReviews(db, second.documentId)).map((p) => p.score !== null)).toEqual([true, false]);
  });
});
