/**
 * Issue 55's test documents (test/documents/review-kinds/): one realistic document per kind of defect the issue names,
 * with the findings the review must and must not raise, written before the rules (expected.json says how an entry
 * matches a finding).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { DEFAULT_REVIEW_CONFIG, type ReviewConfig } from '../../src/shared/review/config';
import { checkExpectations, type Expectations } from '../support/review-expectations';

const DIR = join(__dirname, '..', 'documents', 'review-kinds');

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

describe('issue 55: a test document for each kind, with what it must and must not raise', () => {
  for (const d of expected.documents) {
    it(`${d.file}: ${d.kind}`, () => {
      const doc = parsed.get(d.file)!;
      checkExpectations(doc, d);
      if (d.withSettings) checkExpectations(doc, d.withSettings, { ...DEFAULT_REVIEW_CONFIG, ...d.withSettings.settings, id: 'test-national-names' });
    });
  }
});
