/**
 * chooseFramework answers each (framework, level 1, level 2) once per call (issue 18): its choice
 * must be what the version that asked normalizeCategories for every row gave. That version is
 * copied here as the reference and both are run on the category cells of the four fixtures, on
 * those cells with rows of the other framework mixed in, and on every pairing of the frameworks'
 * own names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, chooseFramework, normalizeCategories, type CategoryCells, type FrameworkChoice, type IndicatorFramework } from '../../src/shared/domain/framework';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { FIXTURES, readFixture } from '../support/fixtures';

function referenceChooseFramework(rows: readonly CategoryCells[], ruled: IndicatorFramework): FrameworkChoice {
  const fits = (fw: IndicatorFramework, row: CategoryCells) => {
    const n = normalizeCategories(fw, row.level1Raw, row.level2Raw);
    const level1Fits = row.level1Raw.trim() === '' || n.level1 !== null;
    const level2Fits = row.level2Raw.trim() === '' || (n.level2 !== null && n.level2UnderOtherLevel1 === null);
    return level1Fits && level2Fits;
  };
  let best: { fw: IndicatorFramework; count: number; example: CategoryCells } | null = null;
  for (const fw of FRAMEWORKS) {
    if (fw === ruled) continue;
    const better = rows.filter((row) => fits(fw, row) && !fits(ruled, row));
    if (better.length > 0 && (best === null || better.length > best.count)) best = { fw, count: better.length, example: better[0]! };
  }
  if (best === null) return { framework: ruled, evidence: null };
  const worse = rows.filter((row) => fits(ruled, row) && !fits(best!.fw, row)).length;
  if (worse >= best.count) return { framework: ruled, evidence: null };
  const { level1Raw, level2Raw } = best.example;
  const cell = normalizeCategories(ruled, level1Raw, '').level1 === null && level1Raw.trim() !== '' ? `一级指标“${level1Raw.trim()}”` : `二级指标“${level2Raw.trim()}”（一级指标“${level1Raw.trim()}”）`;
  return { framework: best.fw, evidence: cell };
}

const summary = (c: FrameworkChoice) => ({ framework: c.framework.id, evidence: c.evidence });

/** Every pairing of the frameworks' level-1 and level-2 names and synonyms, with blanks and a stranger. */
function namePairs(): CategoryCells[] {
  const level1 = new Set<string>(['', ' ', '其他指标']);
  const level2 = new Set<string>(['', '其他', '质量 指标']);
  for (const fw of FRAMEWORKS) {
    for (const l1 of fw.level1) {
      [l1.name, ...l1.synonyms].forEach((n) => level1.add(n));
      for (const l2 of l1.level2) [l2.name, ...l2.synonyms].forEach((n) => level2.add(n));
    }
  }
  return [...level1].flatMap((level1Raw) => [...level2].map((level2Raw) => ({ level1Raw, level2Raw })));
}

describe('chooseFramework against the reference', () => {
  const documents: { name: string; rows: CategoryCells[] }[] = [];
  beforeAll(async () => {
    for (const name of Object.values(FIXTURES)) {
      const doc = await parseDocumentBytes(readFixture(name), name);
      const rows = doc.projects.flatMap((p) => [...p.indicators, ...p.longTermIndicators]).map(({ level1Raw, level2Raw }) => ({ level1Raw, level2Raw }));
      documents.push({ name, rows });
    }
  });

  it('chooses the same on the fixtures, alone and with rows of other frameworks mixed in', () => {
    const pairs = namePairs();
    let compared = 0;
    for (const { name, rows } of documents) {
      expect(rows.length, name).toBeGreaterThan(0);
      for (const ruled of FRAMEWORKS) {
        // the document itself, then with ever more name pairs mixed in (some fit only another framework)
        for (const extra of [0, 1, 5, 50, 400, pairs.length]) {
          const mixed = [...rows, ...pairs.slice(0, extra)];
          expect(summary(chooseFramework(mixed, ruled)), `${name} ruled ${ruled.id} +${extra}`).toEqual(summary(referenceChooseFramework(mixed, ruled)));
          compared++;
        }
      }
    }
    expect(compared).toBe(documents.length * FRAMEWORKS.length * 6);
  });

  it('chooses the same for every single name pair and for repeated pairs', () => {
    const pairs = namePairs();
    const choices = new Set<string>();
    for (const ruled of FRAMEWORKS) {
      for (const pair of pairs) {
        for (const rows of [[pair], [pair, pair, { ...pair }], [pair, { level1Raw: pair.level1Raw, level2Raw: '' }]]) {
          const choice = summary(chooseFramework(rows, ruled));
          expect(choice, `${pair.level1Raw} / ${pair.level2Raw} ruled ${ruled.id}`).toEqual(summary(referenceChooseFramework(rows, ruled)));
          choices.add(choice.framework);
        }
      }
    }
    // the pairs do make each framework win somewhere, so the comparison covers both answers
    expect([...choices].sort()).toEqual(FRAMEWORKS.map((f) => f.id).sort());
  });
});
