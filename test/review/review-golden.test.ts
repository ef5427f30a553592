/**
 * The review's golden output (issue 18): the findings (rule, category, severity, messages, fields, locations, merged
 * `related`), their order and the scores, over the four real fixtures, every rule's documented examples and a
 * generated corpus of a few hundred tables, must stay exactly what the snapshot beside this file records. The
 * snapshot was produced by the review before its performance work; any change to the review's output, however
 * small, changes a document's hash here.
 *
 * To regenerate it (only for a deliberate change of the review's output, in its own commit):
 *   JIXIAO_WRITE_REVIEW_GOLDEN=1 JIXIAO_TEST_DB=sqlite npx vitest run test/review/review-golden.test.ts
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/server/demo-corpus/generate-corpus';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { buildExampleDocument } from '../../src/shared/review/examples';
import { reviewAndScore } from '../../src/shared/review/report';
import { RULES } from '../../src/shared/review/rules/index';
import { FIXTURE_DIR, parseFixtures } from '../support/fixtures';

const SNAPSHOT = join(__dirname, 'review-golden.snapshot.json');
const CORPUS = { documents: 24, tablesPerDocument: 14, seed: 18, fixtureDir: FIXTURE_DIR };

interface Golden {
  /** Per reviewed document: its name, how many findings, and the hash of the whole review output. */
  documents: { name: string; tables: number; findings: number; hash: string }[];
  /** Findings per rule over all documents (a readable hint of what changed when a hash does). */
  byRule: Record<string, number>;
}

/** The review's whole output for a document, serialised with a stable key order. */
function serialise(doc: ParsedDocument): { text: string; rules: string[] } {
  const { findings, projectScores, departmentScore } = reviewAndScore(doc);
  return { text: stableJson({ findings, projectScores, departmentScore }), rules: findings.map((f) => f.rule) };
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

describe('the review keeps its golden output', () => {
  let named: { name: string; doc: ParsedDocument }[] = [];

  beforeAll(async () => {
    const fixtures = await parseFixtures();
    named = Object.entries(fixtures).map(([key, doc]) => ({ name: `fixture ${key}`, doc }));
    for (const rule of RULES) {
      named.push({ name: `example ${rule.id} triggers`, doc: buildExampleDocument(rule.examples.triggers.patch) });
      named.push({ name: `example ${rule.id} passes`, doc: buildExampleDocument(rule.examples.passes.patch) });
    }
    const corpus = await generateCorpus(CORPUS);
    for (const g of corpus) named.push({ name: `corpus ${g.file}`, doc: await parseDocumentBytes(Buffer.from(g.text, 'utf8'), g.file) });
  });

  it('finds exactly what the snapshot records, in the same order, with the same scores', () => {
    const byRule: Record<string, number> = {};
    const documents = named.map(({ name, doc }) => {
      const { text, rules } = serialise(doc);
      for (const r of rules) byRule[r] = (byRule[r] ?? 0) + 1;
      return { name, tables: doc.projects.length, findings: rules.length, hash: createHash('sha256').update(text).digest('hex') };
    });
    const actual: Golden = { documents, byRule: Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : 1))) };
    if (process.env.JIXIAO_WRITE_REVIEW_GOLDEN === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 1)}\n`);
    expect(existsSync(SNAPSHOT), 'the snapshot is missing: see this file’s header').toBe(true);
    const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Golden;
    // the corpus is a few hundred tables and finds a good share of every category: the net is not empty
    expect(documents.reduce((n, d) => n + d.tables, 0)).toBeGreaterThanOrEqual(300);
    expect(actual.byRule).toEqual(expected.byRule);
    expect(actual.documents).toEqual(expected.documents);
  });
});
