/**
 * The reader's everyday test (issue 68): the 81 real department budget PDFs of ../shared/corpus/budgets-2026 read
 * as a finance bureau receives them, in the parse pool's workers side by side (nothing cached between runs), each
 * audited without a truth file (modules/corpus/audit.ts): a document that holds target tables is never refused,
 * one that holds none is never given one; every table read as certain has a name, its year's amount, indicators
 * each with a level, a name and a target, and an amount that agrees with the document's own project list. A table
 * the reader doubts may break them (it says so); a certain one may not.
 *
 * The same readings of the documents with a hand truth (../shared/corpus/truth/truth.json and
 * test/documents/corpus-truth/*.json, written from the rendered pages before any comparison) are scored field by
 * field: at least 98 % of the fields right over them all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCorpus, type CorpusReport } from '../../src/server/modules/corpus/corpus.service';
import { scoreDocument, type TruthDocument } from '../support/truth-fields';

const CORPUS = resolve(process.cwd(), '../shared/corpus/budgets-2026');
const TRUTH_FILES = [resolve(process.cwd(), '../shared/corpus/truth/truth.json'), ...readdirSync('test/documents/corpus-truth').filter((f) => f.endsWith('.json')).map((f) => join('test/documents/corpus-truth', f))];
const truths = new Map<string, TruthDocument>();
for (const f of TRUTH_FILES) for (const [file, truth] of Object.entries(JSON.parse(readFileSync(f, 'utf8')) as Record<string, TruthDocument>)) truths.set(file, truth);

const files = readdirSync(CORPUS)
  .filter((f) => f.toLowerCase().endsWith('.pdf'))
  .sort()
  .map((f) => join(CORPUS, f));

let report: CorpusReport;

describe('the corpus of real department budgets', () => {
  beforeAll(async () => {
    report = await auditCorpus(files, { threads: availableParallelism(), keep: (f) => truths.has(basename(f)) });
  }, 45 * 60_000);

  it('holds the documents its README says (81 PDFs of five cities)', () => {
    expect(files.length).toBe(81);
    expect(report.documents).toHaveLength(81);
  });

  it('no document breaks what must hold of it while its reading says certain', () => {
    const failing = report.documents.filter((d) => d.failures.length > 0).map((d) => `${d.file}: ${d.failures.map((f) => `[${f.code}] ${f.message}`).join('；')}`);
    expect(failing).toEqual([]);
    expect(report.totals.refusedWithTargets).toBe(0);
  });

  it('finds target tables where the documents print them, and reads most of them as certain', () => {
    // at least the 45 documents the README counts with target tables; none of them refused
    expect(report.totals.withTargets).toBeGreaterThanOrEqual(45);
    expect(report.documents.filter((d) => d.holdsTargets && d.refused !== null)).toEqual([]);
    expect(report.totals.projects + report.totals.whole).toBeGreaterThan(500);
  });

  it('reads the documents with a hand truth at 98 % of their fields or more', () => {
    let fields = 0;
    let right = 0;
    const low: string[] = [];
    for (const [file, truth] of truths) {
      const docs = report.readings.get(join(CORPUS, file));
      expect(docs, file).toBeDefined();
      const s = scoreDocument(docs![0] ?? null, truth);
      fields += s.fields;
      right += s.right;
      if (s.right < s.fields * 0.9) low.push(`${file}: ${s.right}/${s.fields}`);
    }
    expect(truths.size).toBeGreaterThanOrEqual(15);
    expect(low).toEqual([]);
    expect(right / fields).toBeGreaterThanOrEqual(0.98);
  });
});
