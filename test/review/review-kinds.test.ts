/**
 * Issue 55's test documents (test/documents/review-kinds/): one realistic document per kind of defect the issue names,
 * with the findings the review must and must not raise, written before the rules (expected.json says how an entry
 * matches a finding).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { DEFAULT_REVIEW_CONFIG, type ReviewConfig } from '../../src/shared/review/config';
import { reviewAndScore } from '../../src/shared/review/report';
import type { Finding } from '../../src/shared/review/types';

const DIR = join(__dirname, '..', 'documents', 'review-kinds');

interface Entry {
  project?: string;
  /** A project's finding or a document-level one naming the project (part one against a table). */
  projectOrDocument?: string;
  say?: string[];
  rules?: string[];
  severity?: Finding['severity'];
}
interface Expectations {
  must?: Entry[];
  mustNot?: Entry[];
  atMostOne?: Entry[];
  ungraded?: string[];
  graded?: string[];
}
interface ExpectedDocument extends Expectations {
  file: string;
  kind: string;
  withSettings?: Expectations & { settings: Partial<ReviewConfig> };
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { documents: ExpectedDocument[] };

const parsed = new Map<string, ParsedDocument>();
beforeAll(async () => {
  for (const d of expected.documents) parsed.set(d.file, await parseDocumentBytes(readFileSync(join(DIR, d.file)), d.file));
});

/** Whether a finding is about the entry's table (or, for projectOrDocument, names it from the document level). */
function about(f: Finding, e: Entry, doc: ParsedDocument): boolean {
  if (e.projectOrDocument !== undefined) {
    if (f.project === e.projectOrDocument) return true;
    return f.projectIndex === null && (f.projects?.some((p) => doc.projects[p]?.name === e.projectOrDocument) ?? f.message.includes(e.projectOrDocument));
  }
  if (e.project === 'document') return f.projectIndex === null && f.field !== 'departmentTargets';
  if (e.project === 'departmentTargets') return f.projectIndex === null && f.field === 'departmentTargets';
  return f.project === e.project;
}

function matches(f: Finding, e: Entry, doc: ParsedDocument): boolean {
  if (!about(f, e, doc)) return false;
  if (e.rules !== undefined && !e.rules.includes(f.rule) && !(f.related ?? []).some((r) => e.rules!.includes(r))) return false;
  if (e.severity !== undefined && f.severity !== e.severity) return false;
  return (e.say ?? []).every((s) => f.message.includes(s));
}

const describeEntry = (e: Entry) => `${e.project ?? e.projectOrDocument}: ${e.rules ? e.rules.join('/') : ''} ${(e.say ?? []).join(' + ')}`;
const listed = (fs: Finding[]) => fs.map((f) => `${f.rule} [${f.project ?? '文档'}] ${f.message}`).join('\n');

function check(doc: ParsedDocument, x: Expectations, config?: ReviewConfig): void {
  const result = reviewAndScore(doc, config === undefined ? {} : { config });
  const { findings } = result;
  for (const e of x.must ?? []) expect(findings.some((f) => matches(f, e, doc)), `must: ${describeEntry(e)}\n${listed(findings)}`).toBe(true);
  for (const e of x.mustNot ?? []) expect(findings.filter((f) => matches(f, e, doc)).map((f) => f.message), `must not: ${describeEntry(e)}`).toEqual([]);
  for (const e of x.atMostOne ?? []) expect(findings.filter((f) => matches(f, e, doc)).length, `at most one: ${describeEntry(e)}\n${listed(findings)}`).toBeLessThanOrEqual(1);
  for (const name of x.ungraded ?? []) {
    const i = doc.projects.findIndex((p) => p.name === name);
    expect(result.projectScores[i]!.withheld, name).toMatch(/未评分/);
  }
  for (const name of x.graded ?? []) expect(result.projectScores[doc.projects.findIndex((p) => p.name === name)]!.withheld, name).toBeNull();
}

describe('issue 55: a test document for each kind, with what it must and must not raise', () => {
  for (const d of expected.documents) {
    it(`${d.file}: ${d.kind}`, () => {
      const doc = parsed.get(d.file)!;
      check(doc, d);
      if (d.withSettings) check(doc, d.withSettings, { ...DEFAULT_REVIEW_CONFIG, ...d.withSettings.settings, id: 'test-national-names' });
    });
  }
});
