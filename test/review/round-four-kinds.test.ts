/**
 * Issue 73's test documents (test/documents/review-round-four/): one realistic document per kind of defect an
 * experienced reviewer raises first that the review missed, with the findings it must and must not raise and the grades
 * a table may not get, written before the rules (expected.json says how an entry matches a finding).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { checkExpectations, type Expectations } from '../support/review-expectations';

const DIR = join(__dirname, '..', 'documents', 'review-round-four');

interface ExpectedDocument extends Expectations {
  file: string;
  kind: string;
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { documents: ExpectedDocument[] };

const parsed = new Map<string, ParsedDocument>();
beforeAll(async () => {
  for (const d of expected.documents) parsed.set(d.file, await parseDocumentBytes(readFileSync(join(DIR, d.file)), d.file));
});

describe('issue 73: a test document for each missed kind, with what it must and must not raise', () => {
  for (const d of expected.documents) {
    it(`${d.file}: ${d.kind}`, () => checkExpectations(parsed.get(d.file)!, d));
  }
});
