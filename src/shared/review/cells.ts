/**
 * Cell texts as the rules compare them, each computed once per distinct text (memo.ts) rather than once per rule
 * and row: a department's tables repeat the same names, descriptions and values many times over.
 */
import { compactLabel, toHalfWidth } from '../domain/text';
import { perString } from './memo';

/** compactLabel (half-width, no whitespace), once per text. */
export const compact = perString(compactLabel);

/** toHalfWidth, once per text. */
export const halfWidth = perString(toHalfWidth);

/** A cell reduced for comparison: half-width, no whitespace, no trailing punctuation. */
export const normCell = perString(normalizeCell);

/** normCell without its cache (facts.ts reads it once per distinct cell: CellText). */
export function normalizeCell(s: string): string {
  return compactLabel(s).replace(/[。.，,；;：:、]+$/, '');
}
