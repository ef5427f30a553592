import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { documentRegion } from '../../src/shared/review/engine';

/** documentRegion reads only the projects' codes. */
const docOf = (codes: (string | null)[]) => ({ projects: codes.map((code) => ({ code })) }) as unknown as ParsedDocument;

describe('documentRegion', () => {
  it('is the first six digits most project codes share', () => {
    expect(documentRegion(docOf(['11010125A000001', '12010125B000002', '12010125B000003', null, 'X', '1201012', '12010125']))).toBe('120101');
  });

  it('takes the region seen first when counts are equal, and none without a project code', () => {
    expect(documentRegion(docOf(['44030025A01', '11010125A01', '11010125A02', '44030025C09']))).toBe('440300');
    expect(documentRegion(docOf([null, '', '1234567A', '110101ab']))).toBeNull();
    expect(documentRegion(docOf([]))).toBeNull();
  });
});
