/**
 * labelOf answers a text without Chinese or wide characters (an amount, a project code, a date)
 * "no label" without normalising it or remembering it, when the vocabulary allows (every label has
 * such a character, every pattern starts with one). Checked: the rule on patterns, and that
 * readFormRow labels cells exactly as the full lookup does (normalizeLabel + lookupLabel +
 * splitLabelPrefix), on random texts of ASCII and other narrow characters and on the labels
 * themselves with values after them.
 */
import { describe, expect, it } from 'vitest';
import { random } from '../support/random';
import type { RowBlock } from '../../src/server/importers/blocks';
import { hasOnlyWideLabels, patternStartsWide, readFormRow } from '../../src/server/importers/parse/forms';
import { DEPARTMENT_LABELS, PROJECT_LABELS, lookupLabel, normalizeLabel, splitLabelPrefix, type LabelRule } from '../../src/shared/layout/labels';

/** The full lookup for one text: the key of the label it is or starts with, else null. */
function fullLookup(rules: readonly LabelRule<string>[], text: string): string | null {
  const key = lookupLabel(rules, normalizeLabel(text).key);
  if (key !== null) return key;
  return splitLabelPrefix(rules, text)?.key ?? null;
}

const row = (texts: string[]): RowBlock => ({ kind: 'row', source: { line: 1 }, cells: texts.map((t, i) => ({ lines: [t], sources: [{ line: i + 1 }] })) });

describe('labelOf without the lookup for narrow texts', () => {
  it('knows which patterns must start with a wide character', () => {
    expect(patternStartsWide(/^(中央|省级?|市级?)[\u4e00-\u9fa5]{0,4}(资金|拨款)$/)).toBe(true);
    expect(patternStartsWide(/^(中央|\d+)资金$/)).toBe(false); // an alternative starts with an escape
    expect(patternStartsWide(/^(中央|a)资金$/)).toBe(false); // an alternative starts narrow
    expect(patternStartsWide(/^(中央)?资金$/)).toBe(false); // the group is optional
    expect(patternStartsWide(/^(中央)*资金$/)).toBe(false);
    expect(patternStartsWide(/中央资金/)).toBe(false); // not anchored
    expect(patternStartsWide(/^[中央]资金/)).toBe(false); // a class, not alternatives
    expect(patternStartsWide(/^(中(央|省))/)).toBe(false); // nested groups are not read
  });

  it('is used for the project and department vocabularies', () => {
    expect(hasOnlyWideLabels(PROJECT_LABELS)).toBe(true);
    expect(hasOnlyWideLabels(DEPARTMENT_LABELS)).toBe(true);
    expect(hasOnlyWideLabels([{ key: 'x', labels: ['ABC'] }])).toBe(false);
    expect(hasOnlyWideLabels([{ key: 'x', pattern: /^\d+$/ }])).toBe(false);
  });

  it('labels cells exactly as the full lookup does', () => {
    const next = random(2026);
    const narrow = '0123456789.,-:;()%/ PabcXYZéαБ№→\u2e7f';
    const labels = [...PROJECT_LABELS, ...DEPARTMENT_LABELS].flatMap((r) => r.labels ?? []);
    const texts: string[] = ['13020225P008911100023', '26.70', '2024.03-2024.11', '100%', '(万元)', 'ISO 9001', ...labels];
    for (let n = 0; n < 3000; n++) {
      let t = '';
      const length = 1 + Math.floor(next() * 16);
      for (let i = 0; i < length; i++) t += narrow[Math.floor(next() * narrow.length)];
      texts.push(t.trim() || 'x');
      // a label with a value after it, written with narrow characters around it
      const label = labels[Math.floor(next() * labels.length)]!;
      texts.push(`${label}：${t}`, `${label}${Math.floor(next() * 1000)}`, `${t.trim()}${label}`);
    }
    let narrowTexts = 0;
    for (const rules of [PROJECT_LABELS, DEPARTMENT_LABELS] as const) {
      for (let i = 0; i < texts.length; i += 8) {
        const batch = texts.slice(i, i + 8);
        const cells = readFormRow(row(batch), rules);
        batch.forEach((t, k) => {
          expect(cells[k]!.label?.key ?? null, t).toBe(fullLookup(rules, t));
          if (!/[\u2e80-\uffff]/.test(t)) narrowTexts++;
        });
      }
    }
    expect(narrowTexts).toBeGreaterThan(5000); // the short cut was taken
  });
});
